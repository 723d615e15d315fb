/*
 * api.c -- the endpoints of the HTTP API (api.h, docs/api.md).
 *
 * Every response body is JSON made with the core JSON writer (strings
 * escaped there) or a record the store already holds as JSON; nothing a
 * client or an article sent is ever pasted into a response unescaped.
 * Errors are {"error": "..."} with a 4xx/5xx status.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "watch.h"
#include "../core/error.h"
#include "../core/json.h"
#include "../read/formats.h"

sr_status sr_api_open(const sr_api_config *cfg, sr_api **out, sr_error *err) {
    *out = NULL;
    sr_api *api = calloc(1, sizeof *api);
    if (!api) return sr_fail(err, SR_ERR_NOMEM, "out of memory");
    if (cfg->token && !(api->token = strdup(cfg->token))) {
        free(api);
        return sr_fail(err, SR_ERR_NOMEM, "out of memory");
    }
    pthread_mutex_init(&api->lock, NULL);
    sr_status st = sr_store_open(cfg->db, 0, &api->store, err);
    if (st == SR_OK) {
        sr_error eerr = {0};
        if (sr_engine_open(cfg->data_dir, &api->engine, &eerr) != SR_OK) {
            api->engine = NULL;
            snprintf(api->engine_error, sizeof api->engine_error, "extraction is unavailable: %.500s",
                     eerr.message);
        }
    }
    if (st != SR_OK) {
        sr_api_close(api);
        return st;
    }
    *out = api;
    return SR_OK;
}

void sr_api_close(sr_api *api) {
    if (!api) return;
    if (api->engine) sr_engine_close(api->engine);
    if (api->store) sr_store_close(api->store);
    pthread_mutex_destroy(&api->lock);
    free(api->token);
    free(api);
}

int sr_api_path(const char *path) {
    return strcmp(path, "/healthz") == 0 || strncmp(path, "/api/", 5) == 0 ||
           strcmp(path, "/api") == 0;
}

int sr_api_token_ok(const char *token, const char *authorization) {
    if (!token || !*token || !authorization) return 0;
    if (strncmp(authorization, "Bearer ", 7) != 0) return 0;
    const char *given = authorization + 7;
    size_t n = strlen(token), m = strlen(given);
    unsigned diff = n != m;
    for (size_t i = 0; i < n; i++)
        diff |= (unsigned char)token[i] ^ (unsigned char)(i < m ? given[i] : 0);
    return diff == 0;
}

/* ---- responses ----------------------------------------------------------- */

static void reply_error(sr_api_response *res, int status, const char *msg) {
    sr_buf_reset(&res->body);
    res->status = status;
    res->content_type = "application/json";
    sr_json j;
    sr_json_init(&j, &res->body, 0);
    sr_json_obj_begin(&j);
    sr_json_key(&j, "error");
    sr_json_str(&j, msg);
    sr_json_obj_end(&j);
}

static void reply_status(sr_api_response *res, sr_status st, const sr_error *err) {
    int code = st == SR_ERR_ARG || st == SR_ERR_PARSE || st == SR_ERR_EMPTY || st == SR_ERR_BINARY
                   ? 400
               : st == SR_ERR_TOOBIG   ? 413
               : st == SR_ERR_NOTFOUND ? 404
                                       : 500;
    reply_error(res, code, err && err->message[0] ? err->message : sr_strerror(st));
}

static void json_begin(sr_api_response *res, sr_json *j) {
    sr_buf_reset(&res->body);
    res->status = 200;
    res->content_type = "application/json";
    sr_json_init(j, &res->body, 0);
}

/* ---- GET /api/incidents -------------------------------------------------- */

typedef struct list_ctx {
    sr_json *j;
    const sr_incidents_request *req;
    int64_t seen, written;
    int more, geojson;
} list_ctx;

static int list_one(void *ctx, const sr_store_incident *inc) {
    list_ctx *c = ctx;
    if (c->seen++ < c->req->offset) return 0;
    if (c->written == c->req->limit) {
        c->more = 1;
        return 1;
    }
    c->written++;
    if (c->geojson) {
        sr_json_obj_begin(c->j);
        sr_json_key(c->j, "type");
        sr_json_str(c->j, "Feature");
        sr_json_key(c->j, "id");
        sr_json_int(c->j, inc->id);
        sr_json_key(c->j, "geometry");
        if (inc->has_geo) {
            sr_json_obj_begin(c->j);
            sr_json_key(c->j, "type");
            sr_json_str(c->j, "Point");
            sr_json_key(c->j, "coordinates");
            sr_json_arr_begin(c->j);
            sr_json_double(c->j, inc->lon, 5);
            sr_json_double(c->j, inc->lat, 5);
            sr_json_arr_end(c->j);
            sr_json_obj_end(c->j);
        } else {
            sr_json_null(c->j);
        }
        sr_json_key(c->j, "properties");
        sr_json_raw(c->j, inc->json, strlen(inc->json));
        sr_json_obj_end(c->j);
    } else {
        sr_json_raw(c->j, inc->json, strlen(inc->json));
    }
    return 0;
}

static void get_incidents(sr_api *api, const sr_api_request *req, sr_api_response *res) {
    sr_incidents_request q;
    sr_error err = {0};
    sr_status st = sr_params_incidents(req->params, &q, &err);
    if (st != SR_OK) {
        reply_status(res, st, &err);
        return;
    }
    /* one more than the page tells whether there is a next page */
    q.q.limit = q.offset + q.limit + 1;
    sr_json j;
    json_begin(res, &j);
    list_ctx c = {&j, &q, 0, 0, 0, q.format == SR_OUT_GEOJSON};
    sr_json_obj_begin(&j);
    if (c.geojson) {
        sr_json_key(&j, "type");
        sr_json_str(&j, "FeatureCollection");
        sr_json_key(&j, "features");
    } else {
        sr_json_key(&j, "incidents");
    }
    sr_json_arr_begin(&j);
    pthread_mutex_lock(&api->lock);
    st = sr_store_query(api->store, &q.q, list_one, &c, &err);
    pthread_mutex_unlock(&api->lock);
    if (st != SR_OK) {
        reply_status(res, st, &err);
        return;
    }
    sr_json_arr_end(&j);
    sr_json_key(&j, "offset");
    sr_json_int(&j, q.offset);
    sr_json_key(&j, "limit");
    sr_json_int(&j, q.limit);
    sr_json_key(&j, "count");
    sr_json_int(&j, c.written);
    sr_json_key(&j, "next_offset");
    if (c.more) sr_json_int(&j, q.offset + q.limit);
    else sr_json_null(&j);
    sr_json_obj_end(&j);
}

/* ---- GET /api/incidents/{id} -------------------------------------------- */

typedef struct one_ctx {
    sr_json *j;
    int found;
} one_ctx;

static int put_incident(void *ctx, const sr_store_incident *inc) {
    one_ctx *c = ctx;
    c->found = 1;
    sr_json_key(c->j, "incident");
    sr_json_raw(c->j, inc->json, strlen(inc->json));
    return 0;
}

static int put_report(void *ctx, const sr_store_report *r) {
    one_ctx *c = ctx;
    sr_json_obj_begin(c->j);
    sr_json_key(c->j, "id");
    sr_json_int(c->j, r->id);
    sr_json_key(c->j, "ordinal");
    sr_json_int(c->j, r->ordinal);
    sr_json_key(c->j, "document");
    sr_json_str(c->j, r->doc_key);
    sr_json_key(c->j, "title");
    sr_json_str(c->j, r->title);
    sr_json_key(c->j, "url");
    sr_json_str(c->j, r->url);
    sr_json_key(c->j, "published");
    sr_json_str(c->j, r->published);
    sr_json_key(c->j, "score");
    sr_json_double(c->j, r->score, 3);
    sr_json_key(c->j, "reason");
    sr_json_str(c->j, r->reason);
    sr_json_key(c->j, "report");
    sr_json_raw(c->j, r->json, strlen(r->json));
    sr_json_obj_end(c->j);
    return 0;
}

static int parse_id(const char *s, int64_t *id) {
    return sr_param_int(s, 1, INT64_MAX, id);
}

static void get_incident(sr_api *api, const char *idstr, sr_api_response *res) {
    int64_t id;
    if (!parse_id(idstr, &id)) {
        reply_error(res, 404, "no such incident");
        return;
    }
    sr_json j;
    json_begin(res, &j);
    one_ctx c = {&j, 0};
    sr_error err = {0};
    sr_json_obj_begin(&j);
    pthread_mutex_lock(&api->lock);
    sr_status st = sr_store_incident_get(api->store, id, put_incident, &c, &err);
    if (st == SR_OK && c.found) {
        sr_json_key(&j, "reports");
        sr_json_arr_begin(&j);
        st = sr_store_reports(api->store, id, put_report, &c, &err);
        sr_json_arr_end(&j);
    }
    pthread_mutex_unlock(&api->lock);
    if (st == SR_OK && !c.found) st = sr_fail(&err, SR_ERR_NOTFOUND, "no incident %lld",
                                              (long long)id);
    if (st != SR_OK) {
        reply_status(res, st, &err);
        return;
    }
    sr_json_obj_end(&j);
}

/* ---- reading an article from a request body ----------------------------- */

static uint64_t fnv1a(const char *s, size_t n) {
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

/* A JSON article ({"text": ..., "title", "id", "published", "url"}), an
 * HTML page or plain text, by content type. */
static sr_status read_body(const sr_api_request *req, sr_doc **out, sr_error *err) {
    if (req->body_len == 0) return sr_fail(err, SR_ERR_EMPTY, "the request has no body");
    char id[256];
    const char *given = sr_params_get(req->params, "id");
    if (given) {
        if (!*given || strlen(given) > 200) return sr_fail(err, SR_ERR_ARG, "id: 1 to 200 bytes");
        snprintf(id, sizeof id, "%s", given);
    } else {
        snprintf(id, sizeof id, "post-%016llx",
                 (unsigned long long)fnv1a(req->body, req->body_len));
    }
    const char *ct = req->content_type ? req->content_type : "";
    sr_status st;
    if (strncmp(ct, "application/json", 16) == 0)
        st = sr_jsonl_line("request", given ? given : id, 1, req->body, req->body_len, out, err);
    else if (strncmp(ct, "text/html", 9) == 0)
        st = sr_html_read("request", given ? given : id, req->body, req->body_len, out, err);
    else
        st = sr_text_read("request", given ? given : id, req->body, req->body_len, out, err);
    if (st != SR_OK) return st;
    const char *date = sr_params_get(req->params, "date");
    if (date && !sr_doc_field(*out, SR_FIELD_PUBLISHED)) {
        sr_doc_set_field(*out, SR_FIELD_PUBLISHED, date);
        if (!sr_doc_field(*out, SR_FIELD_PUBLISHED)) {
            sr_doc_free(*out);
            *out = NULL;
            return sr_fail(err, SR_ERR_ARG, "date: YYYY-MM-DD");
        }
    }
    return SR_OK;
}

static int only_params(const sr_params *p, const char *const *names, sr_error *err) {
    for (size_t i = 0; i < p->n; i++) {
        size_t k = 0;
        while (names[k] && strcmp(names[k], p->v[i].key) != 0) k++;
        if (!names[k]) {
            sr_fail(err, SR_ERR_ARG, "unknown parameter \"%.64s\" (docs/api.md)", p->v[i].key);
            return 0;
        }
    }
    return 1;
}

/* POST /api/extract: stateless. */
static void post_extract(sr_api *api, const sr_api_request *req, sr_api_response *res) {
    static const char *const NAMES[] = {"id", "date", "mentions", NULL};
    sr_error err = {0};
    if (!api->engine) {
        reply_error(res, 503, api->engine_error);
        return;
    }
    if (!only_params(req->params, NAMES, &err)) {
        reply_status(res, SR_ERR_ARG, &err);
        return;
    }
    sr_doc *doc;
    sr_status st = read_body(req, &doc, &err);
    if (st != SR_OK) {
        reply_status(res, st, &err);
        return;
    }
    const char *m = sr_params_get(req->params, "mentions");
    unsigned flags = m && strcmp(m, "0") != 0 ? SR_JSON_MENTIONS : 0;
    st = sr_extract(api->engine, doc, NULL, &err);
    char *json = NULL;
    size_t len = 0;
    if (st == SR_OK) st = sr_doc_to_json(doc, flags, &json, &len);
    sr_doc_free(doc);
    if (st != SR_OK) {
        reply_status(res, st, &err);
        return;
    }
    sr_buf_reset(&res->body);
    sr_buf_add(&res->body, json, len);
    free(json);
    res->status = 200;
    res->content_type = "application/json";
}

/* POST /api/documents: extract, store, merge. */
static void post_document(sr_api *api, const sr_api_request *req, sr_api_response *res) {
    static const char *const NAMES[] = {"id", "date", NULL};
    sr_error err = {0};
    if (!api->engine) {
        reply_error(res, 503, api->engine_error);
        return;
    }
    if (!only_params(req->params, NAMES, &err)) {
        reply_status(res, SR_ERR_ARG, &err);
        return;
    }
    sr_doc *doc;
    sr_status st = read_body(req, &doc, &err);
    if (st != SR_OK) {
        reply_status(res, st, &err);
        return;
    }
    sr_doc_hash hash;
    sr_store_hash_doc(doc, NULL, &hash);
    sr_doc_state state = SR_DOC_NEW;
    pthread_mutex_lock(&api->lock);
    st = sr_store_doc_state(api->store, sr_doc_field(doc, SR_FIELD_ID), &hash, &state, &err);
    pthread_mutex_unlock(&api->lock);
    sr_put_result pr = {SR_PUT_UNCHANGED, 0, 0, 0};
    char *json = NULL;
    size_t len = 0;
    if (st == SR_OK && state != SR_DOC_UNCHANGED) {
        st = sr_extract(api->engine, doc, NULL, &err);
        if (st == SR_OK) st = sr_doc_to_json(doc, 0, &json, &len);
        if (st == SR_OK) {
            pthread_mutex_lock(&api->lock);
            st = sr_store_begin(api->store, &err);
            if (st == SR_OK) st = sr_store_put(api->store, doc, &hash, json, len, &pr, &err);
            if (st == SR_OK) st = sr_store_commit(api->store, &err);
            else sr_store_rollback(api->store);
            pthread_mutex_unlock(&api->lock);
        }
    }
    if (st != SR_OK) {
        free(json);
        sr_doc_free(doc);
        reply_status(res, st, &err);
        return;
    }
    sr_json j;
    json_begin(res, &j);
    res->status = pr.outcome == SR_PUT_ADDED ? 201 : 200;
    static const char *const OUTCOME[] = {"added", "replaced", "unchanged"};
    sr_json_obj_begin(&j);
    sr_json_key(&j, "document");
    sr_json_str(&j, sr_doc_field(doc, SR_FIELD_ID));
    sr_json_key(&j, "outcome");
    sr_json_str(&j, OUTCOME[pr.outcome]);
    sr_json_key(&j, "reports");
    sr_json_int(&j, (int64_t)pr.reports);
    sr_json_key(&j, "new_incidents");
    sr_json_int(&j, (int64_t)pr.new_incidents);
    sr_json_key(&j, "merged");
    sr_json_int(&j, (int64_t)pr.merged);
    sr_json_key(&j, "extraction");
    if (json) sr_json_raw(&j, json, len);
    else sr_json_null(&j);
    sr_json_obj_end(&j);
    free(json);
    sr_doc_free(doc);
    if (pr.outcome != SR_PUT_UNCHANGED && api->on_change) api->on_change(api->on_change_ctx);
}

/* ---- GET /api/stats, /healthz ------------------------------------------- */

static int put_tally(void *ctx, const char *key, int64_t n) {
    sr_json *j = ctx;
    sr_json_key(j, key ? key : "");
    sr_json_int(j, n);
    return 0;
}

static void get_stats(sr_api *api, sr_api_response *res) {
    static const char *const BY[] = {"by_type", "by_country", "by_month"};
    sr_json j;
    json_begin(res, &j);
    sr_error err = {0};
    sr_store_counts counts = {0};
    sr_json_obj_begin(&j);
    pthread_mutex_lock(&api->lock);
    sr_status st = sr_store_counts_get(api->store, &counts, &err);
    sr_json_key(&j, "documents");
    sr_json_int(&j, counts.documents);
    sr_json_key(&j, "reports");
    sr_json_int(&j, counts.reports);
    sr_json_key(&j, "incidents");
    sr_json_int(&j, counts.incidents);
    for (int k = 0; k < 3 && st == SR_OK; k++) {
        sr_json_key(&j, BY[k]);
        sr_json_obj_begin(&j);
        st = sr_store_tally(api->store, (sr_tally_by)k, put_tally, &j, &err);
        sr_json_obj_end(&j);
    }
    pthread_mutex_unlock(&api->lock);
    if (st != SR_OK) {
        reply_status(res, st, &err);
        return;
    }
    sr_json_obj_end(&j);
}

static void get_health(sr_api *api, sr_api_response *res) {
    sr_json j;
    json_begin(res, &j);
    pthread_mutex_lock(&api->lock);
    int version = sr_store_schema_version(api->store);
    const char *backend = sr_store_backend(api->store);
    pthread_mutex_unlock(&api->lock);
    sr_json_obj_begin(&j);
    sr_json_key(&j, "ok");
    sr_json_bool(&j, version > 0);
    sr_json_key(&j, "version");
    sr_json_str(&j, SITREP_VERSION);
    sr_json_key(&j, "schema");
    sr_json_str(&j, SITREP_SCHEMA);
    sr_json_key(&j, "store");
    sr_json_str(&j, backend);
    sr_json_key(&j, "store_schema");
    sr_json_int(&j, version);
    sr_json_obj_end(&j);
    if (version <= 0) res->status = 503;
}

/* ---- watches ------------------------------------------------------------- */

static int put_watch(void *ctx, const sr_store_watch *w) {
    sr_json *j = ctx;
    sr_json_obj_begin(j);
    sr_json_key(j, "id");
    sr_json_int(j, w->id);
    sr_json_key(j, "url");
    sr_json_str(j, w->url);
    sr_json_key(j, "filter");
    sr_json_raw(j, w->filter, strlen(w->filter));
    sr_json_key(j, "created");
    sr_json_str(j, w->created);
    sr_json_key(j, "cursor");
    sr_json_int(j, w->cursor);
    sr_json_obj_end(j);
    return 0;
}

static void get_watches(sr_api *api, sr_api_response *res) {
    sr_json j;
    json_begin(res, &j);
    sr_error err = {0};
    sr_json_obj_begin(&j);
    sr_json_key(&j, "watches");
    sr_json_arr_begin(&j);
    pthread_mutex_lock(&api->lock);
    sr_status st = sr_store_watch_list(api->store, put_watch, &j, &err);
    pthread_mutex_unlock(&api->lock);
    if (st != SR_OK) {
        reply_status(res, st, &err);
        return;
    }
    sr_json_arr_end(&j);
    sr_json_obj_end(&j);
}

static void post_watch(sr_api *api, const sr_api_request *req, sr_api_response *res) {
    sr_watch_filter f;
    char url[2048];
    sr_error err = {0};
    sr_status st = sr_watch_filter_parse(req->body, req->body_len, &f, url, &err);
    if (st != SR_OK) {
        reply_status(res, st, &err);
        return;
    }
    sr_buf filter = SR_BUF_INIT;
    sr_watch_filter_json(&f, &filter);
    if (filter.oom) {
        sr_buf_free(&filter);
        reply_status(res, SR_ERR_NOMEM, NULL);
        return;
    }
    int64_t id = 0;
    pthread_mutex_lock(&api->lock);
    st = sr_store_watch_add(api->store, url, filter.data, &id, &err);
    pthread_mutex_unlock(&api->lock);
    if (st != SR_OK) {
        sr_buf_free(&filter);
        reply_status(res, st, &err);
        return;
    }
    sr_json j;
    json_begin(res, &j);
    res->status = 201;
    sr_json_obj_begin(&j);
    sr_json_key(&j, "id");
    sr_json_int(&j, id);
    sr_json_key(&j, "url");
    sr_json_str(&j, url);
    sr_json_key(&j, "filter");
    sr_json_raw(&j, filter.data, filter.len);
    sr_json_obj_end(&j);
    sr_buf_free(&filter);
}

static void delete_watch(sr_api *api, const char *idstr, sr_api_response *res) {
    int64_t id;
    if (!parse_id(idstr, &id)) {
        reply_error(res, 404, "no such watch");
        return;
    }
    sr_error err = {0};
    pthread_mutex_lock(&api->lock);
    sr_status st = sr_store_watch_remove(api->store, id, &err);
    pthread_mutex_unlock(&api->lock);
    if (st != SR_OK) {
        reply_status(res, st, &err);
        return;
    }
    sr_json j;
    json_begin(res, &j);
    sr_json_obj_begin(&j);
    sr_json_key(&j, "deleted");
    sr_json_int(&j, id);
    sr_json_obj_end(&j);
}

static int put_delivery(void *ctx, const sr_store_delivery *d) {
    sr_json *j = ctx;
    sr_json_obj_begin(j);
    sr_json_key(j, "incident");
    sr_json_int(j, d->incident_id);
    sr_json_key(j, "version");
    sr_json_str(j, d->version);
    sr_json_key(j, "status");
    sr_json_str(j, d->status);
    sr_json_key(j, "attempts");
    sr_json_int(j, d->attempts);
    sr_json_key(j, "http_status");
    if (d->http_status) sr_json_int(j, d->http_status);
    else sr_json_null(j);
    sr_json_key(j, "error");
    sr_json_str(j, d->error);
    sr_json_key(j, "at");
    sr_json_str(j, d->at);
    sr_json_obj_end(j);
    return 0;
}

static void get_deliveries(sr_api *api, const char *idstr, sr_api_response *res) {
    int64_t id;
    if (!parse_id(idstr, &id)) {
        reply_error(res, 404, "no such watch");
        return;
    }
    sr_json j;
    json_begin(res, &j);
    sr_error err = {0};
    sr_json_obj_begin(&j);
    sr_json_key(&j, "deliveries");
    sr_json_arr_begin(&j);
    pthread_mutex_lock(&api->lock);
    sr_status st = sr_store_deliveries(api->store, id, 1000, put_delivery, &j, &err);
    pthread_mutex_unlock(&api->lock);
    if (st != SR_OK) {
        reply_status(res, st, &err);
        return;
    }
    sr_json_arr_end(&j);
    sr_json_obj_end(&j);
}

/* ---- routing ------------------------------------------------------------- */

static int is(const sr_api_request *req, const char *method) {
    return strcmp(req->method, method) == 0;
}

static void method_not_allowed(sr_api_response *res) {
    reply_error(res, 405, "method not allowed");
}

void sr_api_handle(sr_api *api, const sr_api_request *req, sr_api_response *res) {
    const char *p = req->path;
    int head = is(req, "HEAD");
    int get = is(req, "GET") || head;
    int authed = sr_api_token_ok(api->token, req->authorization);
    const char *need_token = api->token ? "this endpoint needs the token (Authorization: Bearer T)"
                                        : "writes are disabled: the server was started without "
                                          "--token";
    if (strcmp(p, "/healthz") == 0) {
        if (get) get_health(api, res);
        else method_not_allowed(res);
    } else if (strcmp(p, "/api/incidents") == 0) {
        if (get) get_incidents(api, req, res);
        else method_not_allowed(res);
    } else if (strncmp(p, "/api/incidents/", 15) == 0) {
        if (get) get_incident(api, p + 15, res);
        else method_not_allowed(res);
    } else if (strcmp(p, "/api/extract") == 0) {
        if (is(req, "POST")) post_extract(api, req, res);
        else method_not_allowed(res);
    } else if (strcmp(p, "/api/documents") == 0) {
        if (!is(req, "POST")) method_not_allowed(res);
        else if (!authed) reply_error(res, 401, need_token);
        else post_document(api, req, res);
    } else if (strcmp(p, "/api/stats") == 0) {
        if (get) get_stats(api, res);
        else method_not_allowed(res);
    } else if (strcmp(p, "/api/watches") == 0) {
        if (!get && !is(req, "POST")) method_not_allowed(res);
        else if (!authed) reply_error(res, 401, need_token);
        else if (get) get_watches(api, res);
        else post_watch(api, req, res);
    } else if (strncmp(p, "/api/watches/", 13) == 0) {
        const char *rest = p + 13;
        const char *slash = strchr(rest, '/');
        if (!authed) {
            reply_error(res, 401, need_token);
        } else if (slash && strcmp(slash, "/deliveries") == 0) {
            char id[32];
            size_t n = (size_t)(slash - rest);
            if (n >= sizeof id) n = sizeof id - 1;
            memcpy(id, rest, n);
            id[n] = '\0';
            if (get) get_deliveries(api, id, res);
            else method_not_allowed(res);
        } else if (slash) {
            reply_error(res, 404, "not found");
        } else if (is(req, "DELETE")) {
            delete_watch(api, rest, res);
        } else {
            method_not_allowed(res);
        }
    } else {
        reply_error(res, 404, "not found");
    }
    if (res->body.oom) reply_error(res, 500, "out of memory");
}
