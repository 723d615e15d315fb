/*
 * incident_data.c -- loading what incident assembly needs once: the
 * taxonomy table (data/taxonomy.tsv, the one source of truth that
 * docs/taxonomy.md is generated from) and the decoded meaning of every
 * lexicon entry (kinds inc_* plus the shared org, perp, force, responder,
 * weapon and trigger kinds).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "incident_ctx.h"

#define MAX_ROWS 32

void sr_inc_data_free(sr_inc_data *d) {
    if (!d) return;
    for (size_t i = 0; i < d->nrows; i++) {
        sr_tax_row *r = &d->rows[i];
        free((char *)r->type); free((char *)r->gtd); free((char *)r->acled);
        free((char *)r->acled_sub); free((char *)r->muc4); free((char *)r->meaning);
    }
    free(d->rows);
    free(d->info);
    free(d);
}

size_t sr_taxonomy_count(const sr_inc_data *d) { return d ? d->nrows : 0; }

const sr_tax_row *sr_taxonomy_row(const sr_inc_data *d, size_t i) {
    return d && i < d->nrows ? &d->rows[i] : NULL;
}

static int find_row(const sr_inc_data *d, const char *type) {
    for (size_t i = 0; i < d->nrows; i++)
        if (strcmp(d->rows[i].type, type) == 0) return (int)i;
    return -1;
}

const sr_tax_row *sr_taxonomy_find(const sr_inc_data *d, const char *type) {
    int i = d && type ? find_row(d, type) : -1;
    return i < 0 ? NULL : &d->rows[i];
}

/* A cell: NULL for "-" (no mapping), else a copy; *ok = 0 when out of memory. */
static char *cell(const char *s, int *ok) {
    if (strcmp(s, "-") == 0) return NULL;
    char *p = strdup(s);
    if (!p) *ok = 0;
    return p;
}

static sr_status load_taxonomy(sr_inc_data *d, const char *path, sr_error *err) {
    FILE *f = fopen(path, "r");
    if (!f)
        return sr_fail(err, errno == ENOENT ? SR_ERR_NOTFOUND : SR_ERR_DATA,
                       "%s: cannot open the taxonomy table", path);
    d->rows = calloc(MAX_ROWS, sizeof *d->rows);
    if (!d->rows) { fclose(f); return sr_fail(err, SR_ERR_NOMEM, "out of memory"); }
    char line[1024];
    int lineno = 0;
    sr_status st = SR_OK;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        size_t n = strlen(line);
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = 0;
        if (n == 0 || line[0] == '#') continue;
        char *col[6];
        int nc = 0;
        char *p = line;
        while (nc < 6) {
            col[nc++] = p;
            char *tab = strchr(p, '\t');
            if (!tab) break;
            *tab = 0;
            p = tab + 1;
        }
        if (nc != 6 || strchr(p, '\t')) {
            st = sr_fail(err, SR_ERR_DATA, "%s:%d: expected 6 tab-separated columns", path, lineno);
            break;
        }
        if (d->nrows == MAX_ROWS) {
            st = sr_fail(err, SR_ERR_DATA, "%s:%d: more than %d types", path, lineno, MAX_ROWS);
            break;
        }
        if (find_row(d, col[0]) >= 0) {
            st = sr_fail(err, SR_ERR_DATA, "%s:%d: type %s listed twice", path, lineno, col[0]);
            break;
        }
        int ok = 1;
        sr_tax_row *r = &d->rows[d->nrows++];
        r->type = strdup(col[0]);
        if (!r->type) ok = 0;
        r->gtd = cell(col[1], &ok);
        r->acled = cell(col[2], &ok);
        r->acled_sub = cell(col[3], &ok);
        r->muc4 = cell(col[4], &ok);
        r->meaning = cell(col[5], &ok);
        if (!ok) { st = sr_fail(err, SR_ERR_NOMEM, "out of memory"); break; }
    }
    fclose(f);
    if (st != SR_OK) return st;
    d->default_type = find_row(d, "armed_assault");
    if (d->default_type < 0)
        return sr_fail(err, SR_ERR_DATA, "%s: the type armed_assault is missing", path);
    return SR_OK;
}

static int attr_int(const sr_lex_entry *e, const char *key, int dflt) {
    char v[32];
    return sr_lex_attr(e, key, v, sizeof v) ? atoi(v) : dflt;
}

static int attr_is(const sr_lex_entry *e, const char *key, const char *val) {
    char v[64];
    return sr_lex_attr(e, key, v, sizeof v) && strcmp(v, val) == 0;
}

static int count_kind(const char *s) {
    if (strcmp(s, "casualties") == 0) return INC_COUNT_CASUALTIES;
    if (strcmp(s, "perpetrators_killed") == 0) return SR_COUNT_PERP_KILLED;
    static const char *const names[SR_COUNT_N] = {
        "killed", "wounded", "hostages", "kidnapped", "released", "perp_killed", "arrested"};
    for (int k = 0; k < SR_COUNT_N; k++)
        if (strcmp(s, names[k]) == 0) return k;
    return -1;
}

/* Decode one entry; returns 0, or -1 with err set for a bad attribute. */
static int decode(sr_inc_data *d, const sr_lex_entry *e, inc_lexinfo *li, sr_error *err) {
    /* kinds of this module's lexicons, then the shared ones (actors.tsv,
     * perpetrators.tsv, responders.tsv, weapons.tsv, triggers.tsv) */
    static const struct { const char *kind; uint8_t cls; } kinds[] = {
        {"inc_event", INC_C_EVENT}, {"inc_casualty", INC_C_CAS},
        {"inc_modal", INC_C_MODAL}, {"inc_attrib", INC_C_ATTRIB},
        {"inc_claim", INC_C_CLAIM}, {"inc_perp", INC_C_PERP},
        {"inc_victim", INC_C_VICTIM}, {"inc_force", INC_C_FORCE},
        {"inc_respond", INC_C_RESPOND}, {"inc_target", INC_C_TARGET},
        {"inc_weapon", INC_C_WEAPON}, {"inc_premod", INC_C_PREMOD},
        {"inc_separate", INC_C_SEP},
        {"org", INC_C_ORG}, {"perp", INC_C_PERP}, {"force", INC_C_FORCE},
        {"responder", INC_C_FORCE}, {"weapon", INC_C_WEAPON}, {"trigger", INC_C_EVENT},
    };
    memset(li, 0, sizeof *li);
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
        if (strcmp(e->kind, kinds[i].kind) == 0) li->cls = kinds[i].cls;
    /* shared triggers carry generic=1 on ambiguous words instead of weights */
    int shared_trigger = strcmp(e->kind, "trigger") == 0;
    char v[64];
    switch (li->cls) {
    case INC_C_EVENT:
    case INC_C_CAS: {
        int row = -1;
        if (sr_lex_attr(e, "type", v, sizeof v)) {
            row = find_row(d, v);
            if (row < 0) {
                sr_fail(err, SR_ERR_DATA, "lexicon phrase \"%s\": type %s is not in taxonomy.tsv",
                        e->phrase, v);
                return -1;
            }
        }
        if (li->cls == INC_C_EVENT) {
            if (row < 0) row = d->default_type;
            li->sub = (uint8_t)row;
            li->w = (uint8_t)attr_int(e, "w", shared_trigger && !attr_int(e, "generic", 0) ? 3 : 1);
        } else {
            li->type = (uint8_t)(row + 1);
            int k = sr_lex_attr(e, "count", v, sizeof v) ? count_kind(v) : -1;
            if (k < 0) {
                sr_fail(err, SR_ERR_DATA, "lexicon phrase \"%s\": missing or bad count=", e->phrase);
                return -1;
            }
            li->sub = (uint8_t)k;
            if (attr_is(e, "pos", "noun")) li->flags |= INC_F_NOUN;
            if (attr_is(e, "pos", "adj")) li->flags |= INC_F_ADJ;
            if (attr_is(e, "pos", "toll")) li->flags |= INC_F_TOLL;
            if (attr_int(e, "intrans", 0)) li->flags |= INC_F_INTRANS;
        }
        break;
    }
    case INC_C_MODAL: {
        static const char *const modes[] = {"", "hypo", "neg", "deny", "generic", "zero"};
        for (int m = 1; m < 6; m++)
            if (attr_is(e, "mode", modes[m])) li->sub = (uint8_t)m;
        if (!li->sub) {
            sr_fail(err, SR_ERR_DATA, "lexicon phrase \"%s\": missing or bad mode=", e->phrase);
            return -1;
        }
        break;
    }
    case INC_C_ATTRIB:
    case INC_C_CLAIM: {
        static const char *const rels[] = {"", "say", "tell", "according", "quote",
                                           "tweet", "active", "passive", "blame"};
        for (int r = 1; r < 9; r++)
            if (attr_is(e, "rel", rels[r])) li->sub = (uint8_t)r;
        if (!li->sub) {
            sr_fail(err, SR_ERR_DATA, "lexicon phrase \"%s\": missing or bad rel=", e->phrase);
            return -1;
        }
        break;
    }
    default:
        break;
    }
    if (attr_int(e, "weak", 0) || (shared_trigger && attr_int(e, "generic", 0)))
        li->flags |= INC_F_WEAK;
    if (attr_int(e, "plural", 0)) li->flags |= INC_F_PLURAL;
    if (attr_int(e, "hide", 0)) li->flags |= INC_F_HIDE;
    if (attr_int(e, "site", 0)) li->flags |= INC_F_SITE;
    return 0;
}

sr_status sr_inc_data_load(const char *data_dir, const sr_matcher *lex, sr_inc_data **out,
                           sr_error *err) {
    *out = NULL;
    sr_inc_data *d = calloc(1, sizeof *d);
    if (!d) return sr_fail(err, SR_ERR_NOMEM, "out of memory");
    size_t n = strlen(data_dir) + sizeof "/taxonomy.tsv";
    char *path = malloc(n);
    if (!path) { free(d); return sr_fail(err, SR_ERR_NOMEM, "out of memory"); }
    snprintf(path, n, "%s/taxonomy.tsv", data_dir);
    sr_status st = load_taxonomy(d, path, err);
    free(path);
    if (st != SR_OK) { sr_inc_data_free(d); return st; }
    d->ninfo = lex ? sr_matcher_count(lex) : 0;
    d->info = calloc(d->ninfo ? d->ninfo : 1, sizeof *d->info);
    if (!d->info) { sr_inc_data_free(d); return sr_fail(err, SR_ERR_NOMEM, "out of memory"); }
    for (size_t i = 0; i < d->ninfo; i++) {
        if (decode(d, sr_matcher_entry(lex, (uint32_t)i), &d->info[i], err)) {
            sr_inc_data_free(d);
            return SR_ERR_DATA;
        }
    }
    *out = d;
    return SR_OK;
}
