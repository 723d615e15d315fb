/*
 * time_timeml.c -- see time_timeml.h.
 *
 * libxml2 parses the document (no network, no entity expansion beyond the
 * predefined ones); the TEXT element's text nodes are concatenated in
 * document order, and each TIMEX3 met on the way records where its text
 * began and ended.  The creation time is the TIMEX3 whose
 * functionInDocument is CREATION_TIME, wherever it is (the DCT element).
 */
#include "time_timeml.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "../core/buf.h"
#include "../core/error.h"
#include "../core/file.h"

typedef struct reader {
    sr_buf text;
    sr_timeml_tx *v;
    size_t n, cap;
    int oom;
} reader;

static void copy_attr(xmlNode *n, const char *name, char *out, size_t cap) {
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    out[0] = '\0';
    if (!v) return;
    snprintf(out, cap, "%s", (const char *)v);
    xmlFree(v);
}

static void collect(xmlNode *n, reader *r, int depth) {
    if (depth > 256) return;   /* TimeML is flat; deeper nesting is not TimeML */
    for (xmlNode *c = n; c && !r->oom; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content) sr_buf_adds(&r->text, (const char *)c->content);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE) continue;
        size_t start = r->text.len;
        collect(c->children, r, depth + 1);
        if (xmlStrcmp(c->name, (const xmlChar *)"TIMEX3") != 0) continue;
        if (r->n == r->cap) {
            size_t cap = r->cap ? r->cap * 2 : 32;
            sr_timeml_tx *v = realloc(r->v, cap * sizeof *v);
            if (!v) { r->oom = 1; return; }
            r->v = v;
            r->cap = cap;
        }
        sr_timeml_tx *t = &r->v[r->n++];
        t->start = start;
        t->end = r->text.len;
        copy_attr(c, "type", t->type, sizeof t->type);
        copy_attr(c, "value", t->value, sizeof t->value);
    }
    if (r->text.oom) r->oom = 1;
}

static xmlNode *find(xmlNode *n, const char *name, int dct, int depth) {
    if (depth > 256) return NULL;
    for (xmlNode *c = n; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (xmlStrcmp(c->name, (const xmlChar *)name) == 0) {
            if (!dct) return c;
            xmlChar *f = xmlGetProp(c, (const xmlChar *)"functionInDocument");
            int ok = f && xmlStrcmp(f, (const xmlChar *)"CREATION_TIME") == 0;
            if (f) xmlFree(f);
            if (ok) return c;
        }
        xmlNode *r = find(c->children, name, dct, depth + 1);
        if (r) return r;
    }
    return NULL;
}

sr_status sr_timeml_parse(const char *name, const char *data, size_t len, sr_timeml *out,
                          sr_error *err) {
    memset(out, 0, sizeof *out);
    if (len > (size_t)0x7fffffff) return sr_fail(err, SR_ERR_TOOBIG, "%s: too big", name);
    xmlDoc *x = xmlReadMemory(data, (int)len, name, NULL,
                              XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
    if (!x) return sr_fail(err, SR_ERR_PARSE, "%s: not well-formed XML", name);
    xmlNode *root = xmlDocGetRootElement(x);
    xmlNode *text = find(root, "TEXT", 0, 0);
    if (!text) {
        xmlFreeDoc(x);
        return sr_fail(err, SR_ERR_PARSE, "%s: no TEXT element", name);
    }
    xmlNode *dct = find(root, "TIMEX3", 1, 0);
    if (dct) {
        char v[64];
        copy_attr(dct, "value", v, sizeof v);
        if (strlen(v) >= 10) {
            memcpy(out->dct, v, 10);
            out->dct[10] = '\0';
        }
    }
    reader r;
    memset(&r, 0, sizeof r);
    collect(text->children, &r, 0);
    xmlFreeDoc(x);
    if (r.oom) {
        sr_buf_free(&r.text);
        free(r.v);
        return sr_fail(err, SR_ERR_NOMEM, "%s: out of memory", name);
    }
    size_t n = 0;
    out->text = r.text.data ? sr_buf_steal(&r.text, &n) : strdup("");
    if (!out->text) { free(r.v); return sr_fail(err, SR_ERR_NOMEM, "%s: out of memory", name); }
    out->len = n;
    out->v = r.v;
    out->n = r.n;
    return SR_OK;
}

sr_status sr_timeml_read(const char *path, sr_timeml *out, sr_error *err) {
    memset(out, 0, sizeof *out);
    char *data;
    size_t len;
    sr_status st = sr_file_read(path, SIZE_MAX, &data, &len, err);
    if (st != SR_OK) return st;
    st = sr_timeml_parse(path, data, len, out, err);
    free(data);
    return st;
}

void sr_timeml_free(sr_timeml *t) {
    free(t->text);
    free(t->v);
    memset(t, 0, sizeof *t);
}

static int by_name(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

sr_status sr_timeml_list(const char *dir, char ***paths, size_t *n, sr_error *err) {
    *paths = NULL;
    *n = 0;
    DIR *d = opendir(dir);
    if (!d) return sr_fail(err, SR_ERR_IO, "%s: cannot open", dir);
    char **v = NULL;
    size_t k = 0, cap = 0;
    sr_status st = SR_OK;
    struct dirent *e;
    while (st == SR_OK && (e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 4, ".tml") != 0) continue;
        if (k == cap) {
            size_t c = cap ? cap * 2 : 64;
            char **nv = realloc(v, c * sizeof *nv);
            if (!nv) { st = SR_ERR_NOMEM; break; }
            v = nv;
            cap = c;
        }
        if (!(v[k] = malloc(strlen(dir) + l + 2))) { st = SR_ERR_NOMEM; break; }
        sprintf(v[k++], "%s/%s", dir, e->d_name);
    }
    closedir(d);
    if (st != SR_OK) {
        sr_timeml_list_free(v, k);
        return sr_fail(err, st, "%s: out of memory", dir);
    }
    if (k) qsort(v, k, sizeof *v, by_name);
    *paths = v;
    *n = k;
    return SR_OK;
}

void sr_timeml_list_free(char **paths, size_t n) {
    for (size_t i = 0; i < n; i++) free(paths[i]);
    free(paths);
}
