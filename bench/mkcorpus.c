/*
 * mkcorpus.c -- assemble the benchmark corpus from the research data.
 *
 *     build/bench/mkcorpus SHARED_DATA_DIR OUT_PREFIX
 *
 * The benchmark measures sitrep on real news text, but that text may not
 * be copied into the repository, so it is assembled at bench time from
 * ../shared/data (see its README.md):
 *
 *   muc4/train.jsonl, muc4/dev.jsonl   `doctext` of each line (lower case)
 *   muc4/raw/{dev,tst1,tst2}/          the original 1992 texts, split at
 *                                      their DOCID lines (upper case)
 *   tempeval3/{TimeBank,AQUAINT}/ the text content of <TEXT> in *.tml
 *   geo/lgl.xml, geo/GeoVirus.xml      the <text> of each <article>
 *
 * Two files are written: OUT_PREFIX.bin, the documents separated by NUL
 * bytes (what the text-core benchmark reads: no parsing cost inside the
 * timed loop), and OUT_PREFIX.jsonl, one {"id","text"} object per line
 * (what `sitrep extract` reads, for the full-extraction benchmarks).
 * Counts are printed to stderr.  A source that is missing is skipped
 * with a note; exit status 1 only when nothing at all was found.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "../src/core/buf.h"
#include "../src/core/file.h"
#include "../src/core/utf8.h"

typedef struct out {
    FILE *bin, *jsonl;
    size_t docs, bytes;
    size_t per_source_docs;
} out;

/* Emit one document (invalid UTF-8 is repaired, NULs are impossible after
 * repair). */
static int emit(out *o, const char *id, const char *text, size_t len) {
    sr_buf b = SR_BUF_INIT;
    sr_utf8_repair(text, len, &b);
    if (b.oom) { sr_buf_free(&b); return -1; }
    size_t n = b.len;
    const char *s = b.data ? b.data : "";
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\t')) n--;
    while (n && (*s == ' ' || *s == '\n' || *s == '\t')) { s++; n--; }
    if (n == 0) { sr_buf_free(&b); return 0; }
    fwrite(s, 1, n, o->bin);
    fputc('\0', o->bin);
    json_t *obj = json_pack("{s:s, s:s#}", "id", id, "text", s, n);
    char *line = obj ? json_dumps(obj, JSON_COMPACT) : NULL;
    if (line) { fputs(line, o->jsonl); fputc('\n', o->jsonl); }
    free(line);
    json_decref(obj);
    sr_buf_free(&b);
    o->docs++;
    o->per_source_docs++;
    o->bytes += n;
    return 0;
}

/* ---- MUC-4 JSONL: the doctext field of each line -------------------------- */

static void muc4_jsonl(out *o, const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) { fprintf(stderr, "mkcorpus: %s missing, skipped\n", path); return; }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) > 0) {
        json_error_t je;
        json_t *v = json_loadb(line, (size_t)n, 0, &je);
        json_t *t = v ? json_object_get(v, "doctext") : NULL;
        json_t *id = v ? json_object_get(v, "docid") : NULL;
        if (json_is_string(t))
            emit(o, json_is_string(id) ? json_string_value(id) : "muc4", json_string_value(t),
                 json_string_length(t));
        json_decref(v);
    }
    free(line);
    fclose(f);
}

/* ---- MUC-4 raw texts: documents start at a line "XXX-MUC3-NNNN ..." ---------- */

static int is_docid_line(const char *s, size_t n) {
    /* e.g. "DEV-MUC3-0001 (NOSC)" or "TST1-MUC3-0001" */
    const char *p = memchr(s, '-', n < 8 ? n : 8);
    return p && n >= (size_t)(p - s) + 10 && strncmp(p, "-MUC", 4) == 0 && p[5] == '-' &&
           p[6] >= '0' && p[6] <= '9';
}

static void muc4_raw_file(out *o, const char *path) {
    size_t len;
    char *s;
    if (sr_file_read(path, SIZE_MAX, &s, &len, NULL) != SR_OK) return;
    size_t doc = 0, i = 0;
    char id[64] = "";
    int have = 0;
    while (i <= len) {
        size_t j = i;
        while (j < len && s[j] != '\n') j++;
        if (i == len || is_docid_line(s + i, j - i)) {
            if (have) emit(o, id, s + doc, i - doc);
            if (i == len) break;
            size_t k = 0;
            while (k < sizeof id - 1 && i + k < j && s[i + k] != ' ') { id[k] = s[i + k]; k++; }
            id[k] = '\0';
            doc = j < len ? j + 1 : j;   /* the text after the id line */
            have = 1;
        }
        i = j < len ? j + 1 : len;
    }
    free(s);
}

static int by_name(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Call fn for every regular file of dir whose name passes keep(), in name order. */
static void each_file(out *o, const char *dir, int (*keep)(const char *),
                      void (*fn)(out *, const char *)) {
    DIR *d = opendir(dir);
    if (!d) { fprintf(stderr, "mkcorpus: %s missing, skipped\n", dir); return; }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.' || !keep(de->d_name)) continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **nn = realloc(names, cap * sizeof *nn);
            if (!nn) break;
            names = nn;
        }
        names[n] = strdup(de->d_name);
        if (names[n]) n++;
    }
    closedir(d);
    if (n > 1) qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        sr_buf p = SR_BUF_INIT;
        sr_buf_printf(&p, "%s/%s", dir, names[i]);
        if (!p.oom) fn(o, p.data);
        sr_buf_free(&p);
        free(names[i]);
    }
    free(names);
}

static int not_key(const char *name) { return strncmp(name, "key", 3) != 0; }
static int is_tml(const char *name) {
    size_t n = strlen(name);
    return n > 4 && strcmp(name + n - 4, ".tml") == 0;
}

/* ---- XML: the text content of every element named `tag` ------------------- */

static void xml_texts(out *o, xmlNode *node, const char *tag, const char *idbase, size_t *k) {
    for (xmlNode *c = node; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (strcmp((const char *)c->name, tag) == 0) {
            xmlChar *t = xmlNodeGetContent(c);
            if (t) {
                char id[256];
                snprintf(id, sizeof id, "%s#%zu", idbase, ++*k);
                emit(o, id, (const char *)t, strlen((const char *)t));
                xmlFree(t);
            }
        } else {
            xml_texts(o, c->children, tag, idbase, k);
        }
    }
}

static void xml_file(out *o, const char *path, const char *tag) {
    xmlDoc *doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
                                              XML_PARSE_NOWARNING | XML_PARSE_HUGE);
    if (!doc) { fprintf(stderr, "mkcorpus: %s missing or not XML, skipped\n", path); return; }
    const char *base = strrchr(path, '/');
    size_t k = 0;
    xml_texts(o, xmlDocGetRootElement(doc), tag, base ? base + 1 : path, &k);
    xmlFreeDoc(doc);
}

static void tml_file(out *o, const char *path) { xml_file(o, path, "TEXT"); }

/* ---- main ------------------------------------------------------------------ */

static void source_done(out *o, const char *what) {
    fprintf(stderr, "mkcorpus: %-28s %zu documents\n", what, o->per_source_docs);
    o->per_source_docs = 0;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: mkcorpus SHARED_DATA_DIR OUT_PREFIX\n");
        return 2;
    }
    const char *dir = argv[1];
    sr_buf p = SR_BUF_INIT;
    out o = {0};
    sr_buf_printf(&p, "%s.bin", argv[2]);
    o.bin = fopen(p.data, "wb");
    sr_buf_reset(&p);
    sr_buf_printf(&p, "%s.jsonl", argv[2]);
    o.jsonl = fopen(p.data, "w");
    if (!o.bin || !o.jsonl || p.oom) {
        fprintf(stderr, "mkcorpus: cannot write %s.{bin,jsonl}\n", argv[2]);
        return 1;
    }
    static const char *const jsonl[] = {"muc4/train.jsonl", "muc4/dev.jsonl"};
    for (size_t i = 0; i < 2; i++) {
        sr_buf_reset(&p);
        sr_buf_printf(&p, "%s/%s", dir, jsonl[i]);
        muc4_jsonl(&o, p.data);
        source_done(&o, jsonl[i]);
    }
    static const char *const raw[] = {"muc4/raw/dev", "muc4/raw/tst1", "muc4/raw/tst2"};
    for (size_t i = 0; i < 3; i++) {
        sr_buf_reset(&p);
        sr_buf_printf(&p, "%s/%s", dir, raw[i]);
        each_file(&o, p.data, not_key, muc4_raw_file);
        source_done(&o, raw[i]);
    }
    static const char *const tml[] = {"tempeval3/TimeBank", "tempeval3/AQUAINT"};
    for (size_t i = 0; i < 2; i++) {
        sr_buf_reset(&p);
        sr_buf_printf(&p, "%s/%s", dir, tml[i]);
        each_file(&o, p.data, is_tml, tml_file);
        source_done(&o, tml[i]);
    }
    static const char *const geo[] = {"geo/lgl.xml", "geo/GeoVirus.xml"};
    for (size_t i = 0; i < 2; i++) {
        sr_buf_reset(&p);
        sr_buf_printf(&p, "%s/%s", dir, geo[i]);
        xml_file(&o, p.data, "text");
        source_done(&o, geo[i]);
    }
    sr_buf_free(&p);
    int bad = ferror(o.bin) || ferror(o.jsonl);
    bad |= fclose(o.bin) != 0;
    bad |= fclose(o.jsonl) != 0;
    xmlCleanupParser();
    fprintf(stderr, "mkcorpus: %zu documents, %.2f MB\n", o.docs, (double)o.bytes / 1e6);
    if (bad) { fprintf(stderr, "mkcorpus: write error\n"); return 1; }
    return o.docs ? 0 : 1;
}
