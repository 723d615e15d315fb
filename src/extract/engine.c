/*
 * engine.c -- loading and releasing the engine.
 */
#include "engine.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../core/error.h"
#include "gazetteer.h"
#include "times.h"
#include "incidents.h"
#include "../nlp/tagger.h"
#include "roles.h"

#ifndef SR_DATADIR
#define SR_DATADIR "data"
#endif

static char *join(const char *dir, const char *name) {
    size_t a = strlen(dir), b = strlen(name);
    char *p = malloc(a + b + 2);
    if (!p) return NULL;
    memcpy(p, dir, a);
    p[a] = '/';
    memcpy(p + a + 1, name, b + 1);
    return p;
}

static int is_dir(const char *p) {
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

sr_status sr_engine_open(const char *data_dir, sr_engine **out, sr_error *err) {
    *out = NULL;
    if (!data_dir) data_dir = getenv("SITREP_DATA");
    if (!data_dir || !*data_dir) data_dir = SR_DATADIR;
    if (!is_dir(data_dir))
        return sr_fail(err, SR_ERR_DATA,
                       "data directory %s not found (set SITREP_DATA or pass --data)",
                       data_dir);
    sr_engine *e = calloc(1, sizeof *e);
    if (!e) return sr_fail(err, SR_ERR_NOMEM, "out of memory loading the engine");
    e->data_dir = strdup(data_dir);
    sr_status st = e->data_dir ? sr_matcher_new(&e->lex) : SR_ERR_NOMEM;
    if (st != SR_OK) {
        sr_engine_close(e);
        return sr_fail(err, st, "out of memory loading the engine");
    }
    char *lexdir = join(data_dir, "lexicons");
    if (!lexdir) { sr_engine_close(e); return sr_fail(err, SR_ERR_NOMEM, "out of memory"); }
    if (is_dir(lexdir)) {
        st = sr_matcher_load_dir(e->lex, lexdir, err);
        if (st != SR_OK) { free(lexdir); sr_engine_close(e); return st; }
        sr_buf_printf(&e->notes, "lexicons: %zu phrases from %s\n",
                      sr_matcher_count(e->lex), lexdir);
    } else {
        sr_buf_printf(&e->notes, "lexicons: none (%s missing)\n", lexdir);
    }
    free(lexdir);
    char *timedir = join(data_dir, "times");
    if (!timedir) { sr_engine_close(e); return sr_fail(err, SR_ERR_NOMEM, "out of memory"); }
    if (is_dir(timedir)) {
        st = sr_time_words_load(timedir, &e->times, err);
        if (st != SR_OK) { free(timedir); sr_engine_close(e); return st; }
        sr_buf_printf(&e->notes, "times: %zu words from %s\n",
                      sr_time_words_count(e->times), timedir);
    }
    free(timedir);
    st = sr_inc_data_load(data_dir, e->lex, &e->inc, err);
    if (st == SR_ERR_NOTFOUND)
        sr_buf_printf(&e->notes, "taxonomy: none (%s/taxonomy.tsv missing): no incidents\n",
                      data_dir);
    else if (st != SR_OK) { sr_engine_close(e); return st; }
    else sr_buf_printf(&e->notes, "taxonomy: %zu incident types\n", sr_taxonomy_count(e->inc));
    st = sr_gaz_load_dir(data_dir, &e->gaz, &e->notes, err);
    if (st != SR_OK) { sr_engine_close(e); return st; }
    st = sr_roles_load(e, err);
    if (st != SR_OK) { sr_engine_close(e); return st; }
    *out = e;
    return SR_OK;
}

void sr_engine_close(sr_engine *e) {
    if (!e) return;
    sr_matcher_free(e->lex);
    sr_gaz_close(e->gaz);
    sr_model_free(e->roles);
    sr_model_free(e->relevance);
    sr_time_words_free(e->times);
    sr_inc_data_free(e->inc);
    sr_buf_free(&e->notes);
    free(e->data_dir);
    free(e);
}

const char *sr_engine_notes(const sr_engine *e) {
    return e->notes.data ? e->notes.data : "";
}
