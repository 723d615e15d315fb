/*
 * queue.c -- documents over a Redis Stream with a consumer group
 * (queue.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "queue.h"
#include "../core/error.h"

sr_status sr_queue_open(sr_queue *q, const char *url, const char *group,
                        const char *consumer, double retry_s, sr_error *err) {
    memset(q, 0, sizeof *q);
    char *host;
    int port;
    sr_status st = sr_redis_url(url, &host, &port, &q->stream, err);
    if (st != SR_OK) return st;
    st = sr_redis_open(host, port, retry_s, &q->redis, err);
    free(host);
    if (st == SR_OK && group && !(q->group = strdup(group)))
        st = sr_fail(err, SR_ERR_NOMEM, "out of memory");
    if (st == SR_OK && consumer && !(q->consumer = strdup(consumer)))
        st = sr_fail(err, SR_ERR_NOMEM, "out of memory");
    snprintf(q->claim_cursor, sizeof q->claim_cursor, "0-0");
    if (st != SR_OK) sr_queue_close(q);
    return st;
}

void sr_queue_close(sr_queue *q) {
    sr_redis_close(q->redis);
    free(q->stream);
    free(q->group);
    free(q->consumer);
    memset(q, 0, sizeof *q);
}

static sr_status error_reply(sr_queue *q, sr_resp *r, const char *what, sr_error *err) {
    sr_status st = sr_fail(err, SR_ERR_IO, "%s: %s: %s", q->stream, what,
                           r->str ? r->str : "unexpected reply");
    sr_resp_free(r);
    return st;
}

sr_status sr_queue_publish(sr_queue *q, const sr_doc *doc, const char *default_date,
                           long maxlen, sr_error *err) {
    static const char *const names[] = {"key", "title", "url", "published", "lang"};
    const char *argv[24];
    size_t lens[24];
    int n = 0;
    char ml[32];
    argv[n++] = "XADD";
    argv[n++] = q->stream;
    if (maxlen > 0) {
        snprintf(ml, sizeof ml, "%ld", maxlen);
        argv[n++] = "MAXLEN";
        argv[n++] = "~";
        argv[n++] = ml;
    }
    argv[n++] = "*";
    for (int f = SR_FIELD_ID; f < SR_FIELD_COUNT_; f++) {
        const char *v = sr_doc_field(doc, (sr_field)f);
        if (!v) continue;
        argv[n++] = names[f];
        argv[n++] = v;
    }
    if (default_date && !sr_doc_field(doc, SR_FIELD_PUBLISHED)) {
        argv[n++] = "date";
        argv[n++] = default_date;
    }
    size_t tlen;
    const char *text = sr_doc_text(doc, &tlen);
    argv[n++] = "text";
    argv[n] = text ? text : "";
    for (int i = 0; i < n; i++) lens[i] = strlen(argv[i]);
    lens[n] = text ? tlen : 0;
    n++;
    sr_resp r;
    sr_status st = sr_redis_cmd(q->redis, n, argv, lens, &r, err);
    if (st != SR_OK) return st;
    if (r.type != SR_RESP_BULK) return error_reply(q, &r, "XADD", err);
    sr_resp_free(&r);
    return SR_OK;
}

sr_status sr_queue_group(sr_queue *q, sr_error *err) {
    const char *argv[] = {"XGROUP", "CREATE", q->stream, q->group, "0", "MKSTREAM"};
    sr_resp r;
    sr_status st = sr_redis_cmd(q->redis, 6, argv, NULL, &r, err);
    if (st != SR_OK) return st;
    if (r.type == SR_RESP_ERROR && strncmp(r.str, "BUSYGROUP", 9) == 0) {
        sr_resp_free(&r);
        return SR_OK;
    }
    if (r.type != SR_RESP_STATUS) return error_reply(q, &r, "XGROUP CREATE", err);
    sr_resp_free(&r);
    return SR_OK;
}

void sr_entries_clear(sr_entries *e) {
    for (size_t i = 0; i < e->n; i++) sr_doc_free(e->v[i].doc);
    free(e->v);
    e->v = NULL;
    e->n = 0;
}

static int is_str(const sr_resp *r) {
    return r && (r->type == SR_RESP_BULK || r->type == SR_RESP_STATUS);
}

/* One [id, [field, value, ...]] pair. */
static void entry_from(const sr_resp *pair, sr_entry *e) {
    memset(e, 0, sizeof *e);
    const sr_resp *id = sr_resp_at(pair, 0), *fields = sr_resp_at(pair, 1);
    if (!is_str(id) || id->len >= sizeof e->id) {
        snprintf(e->problem, sizeof e->problem, "an entry without an id");
        return;
    }
    memcpy(e->id, id->str, id->len + 1);
    if (!fields || fields->type != SR_RESP_ARRAY) {
        snprintf(e->problem, sizeof e->problem, "entry %s: deleted from the stream", e->id);
        return;
    }
    const sr_resp *key = NULL, *text = NULL, *f[SR_FIELD_COUNT_] = {NULL};
    static const char *const names[] = {"key", "title", "url", "published", "lang"};
    for (size_t i = 0; i + 1 < fields->n; i += 2) {
        const sr_resp *k = &fields->elem[i], *v = &fields->elem[i + 1];
        if (!is_str(k) || !is_str(v)) continue;
        if (strcmp(k->str, "text") == 0) text = v;
        else if (strcmp(k->str, "date") == 0 && v->len < sizeof e->date)
            memcpy(e->date, v->str, v->len + 1);
        else
            for (int j = 0; j < SR_FIELD_COUNT_; j++)
                if (strcmp(k->str, names[j]) == 0) f[j] = v;
    }
    key = f[SR_FIELD_ID];
    if (!key || !key->len || memchr(key->str, 0, key->len) || !text) {
        snprintf(e->problem, sizeof e->problem, "entry %s: no key or no text", e->id);
        return;
    }
    sr_doc *d;
    if (sr_doc_new(key->str, &d) != SR_OK) {
        snprintf(e->problem, sizeof e->problem, "entry %s: out of memory", e->id);
        return;
    }
    for (int j = SR_FIELD_TITLE; j < SR_FIELD_COUNT_; j++)
        if (f[j] && !memchr(f[j]->str, 0, f[j]->len)) sr_doc_set_field(d, (sr_field)j, f[j]->str);
    sr_status st = sr_doc_set_text(d, text->str, text->len);
    if (st != SR_OK) {
        snprintf(e->problem, sizeof e->problem, "entry %s (%.60s): %s", e->id, key->str,
                 sr_strerror(st));
        sr_doc_free(d);
        return;
    }
    e->doc = d;
}

sr_status sr_queue_entries(const sr_resp *list, sr_entries *out, sr_error *err) {
    memset(out, 0, sizeof *out);
    if (!list || list->type != SR_RESP_ARRAY || list->n == 0) return SR_OK;
    out->v = calloc(list->n, sizeof *out->v);
    if (!out->v) return sr_fail(err, SR_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < list->n; i++) {
        entry_from(&list->elem[i], &out->v[out->n]);
        if (out->v[out->n].id[0]) out->n++;
    }
    return SR_OK;
}

sr_status sr_queue_read(sr_queue *q, int count, int block_ms, sr_entries *out,
                        sr_error *err) {
    memset(out, 0, sizeof *out);
    char cs[16], bs[16];
    snprintf(cs, sizeof cs, "%d", count);
    snprintf(bs, sizeof bs, "%d", block_ms);
    const char *argv[] = {"XREADGROUP", "GROUP", q->group, q->consumer, "COUNT", cs,
                          "BLOCK", bs, "STREAMS", q->stream, ">"};
    sr_resp r;
    sr_status st = sr_redis_cmd(q->redis, 11, argv, NULL, &r, err);
    if (st != SR_OK) return st;
    if (r.type == SR_RESP_NIL) return SR_OK;
    if (r.type != SR_RESP_ARRAY) return error_reply(q, &r, "XREADGROUP", err);
    /* [[stream, [entries]]] */
    st = sr_queue_entries(sr_resp_at(sr_resp_at(&r, 0), 1), out, err);
    sr_resp_free(&r);
    return st;
}

sr_status sr_queue_claim(sr_queue *q, long idle_ms, int count, sr_entries *out,
                         sr_error *err) {
    memset(out, 0, sizeof *out);
    char is[24], cs[16];
    snprintf(is, sizeof is, "%ld", idle_ms);
    snprintf(cs, sizeof cs, "%d", count);
    const char *argv[] = {"XAUTOCLAIM", q->stream, q->group, q->consumer, is,
                          q->claim_cursor, "COUNT", cs};
    sr_resp r;
    sr_status st = sr_redis_cmd(q->redis, 8, argv, NULL, &r, err);
    if (st != SR_OK) return st;
    if (r.type != SR_RESP_ARRAY) return error_reply(q, &r, "XAUTOCLAIM", err);
    /* [next cursor, [entries], [deleted ids]] */
    const sr_resp *next = sr_resp_at(&r, 0);
    if (is_str(next) && next->len < sizeof q->claim_cursor)
        memcpy(q->claim_cursor, next->str, next->len + 1);
    st = sr_queue_entries(sr_resp_at(&r, 1), out, err);
    sr_resp_free(&r);
    return st;
}

sr_status sr_queue_ack(sr_queue *q, const char *id, sr_error *err) {
    const char *argv[] = {"XACK", q->stream, q->group, id};
    sr_resp r;
    sr_status st = sr_redis_cmd(q->redis, 4, argv, NULL, &r, err);
    if (st != SR_OK) return st;
    if (r.type != SR_RESP_INT) return error_reply(q, &r, "XACK", err);
    sr_resp_free(&r);
    return SR_OK;
}

sr_status sr_queue_ack_all(sr_queue *q, const sr_entries *es, sr_error *err) {
    if (!es->n) return SR_OK;
    const char **argv = malloc((es->n + 3) * sizeof *argv);
    if (!argv) return sr_fail(err, SR_ERR_NOMEM, "out of memory");
    argv[0] = "XACK";
    argv[1] = q->stream;
    argv[2] = q->group;
    for (size_t i = 0; i < es->n; i++) argv[3 + i] = es->v[i].id;
    sr_resp r;
    sr_status st = sr_redis_cmd(q->redis, (int)es->n + 3, argv, NULL, &r, err);
    free(argv);
    if (st != SR_OK) return st;
    if (r.type != SR_RESP_INT) return error_reply(q, &r, "XACK", err);
    sr_resp_free(&r);
    return SR_OK;
}

sr_status sr_queue_pending(sr_queue *q, long long *n, sr_error *err) {
    const char *argv[] = {"XPENDING", q->stream, q->group};
    sr_resp r;
    sr_status st = sr_redis_cmd(q->redis, 3, argv, NULL, &r, err);
    if (st != SR_OK) return st;
    const sr_resp *c = sr_resp_at(&r, 0);
    if (!c || c->type != SR_RESP_INT) return error_reply(q, &r, "XPENDING", err);
    *n = c->integer;
    sr_resp_free(&r);
    return SR_OK;
}
