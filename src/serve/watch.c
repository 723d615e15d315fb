/*
 * watch.c -- watch filters and the webhook delivery thread (watch.h).
 *
 * The thread wakes every `interval` seconds, or at once after an ingest
 * through the API, and makes one pass: for each watch, the changes after
 * its cursor (at most CHANGES_PER_PASS), each changed incident read, matched
 * against the filter, and -- unless this version was delivered to this
 * watch already -- POSTed to the webhook:
 *
 *   {"watch": 3, "version": "9f0c...", "incident": { merged record }}
 *
 * An attempt succeeds on a 2xx answer; otherwise it is retried after
 * `backoff` seconds, then twice that, up to `attempts` attempts, and the
 * delivery is recorded "failed" with the last error.  The cursor then moves
 * past the change either way, so one dead webhook cannot stall a watch;
 * the deliveries table says what was lost.  The store lock is never held
 * while a webhook is called.  Stopping the server interrupts a backoff:
 * the delivery in progress is then not recorded, and the watch's cursor
 * stays before it, so it is made at the next start.
 */
#include <ctype.h>
#include <curl/curl.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "watch.h"
#include "params.h"
#include "../core/error.h"
#include "../core/json.h"
#include "../store/merge.h"

#define CHANGES_PER_PASS 500
#define MAX_WATCHES 1000

/* ---- filters ------------------------------------------------------------- */

static sr_status bad(sr_error *err, const char *what) {
    return sr_fail(err, SR_ERR_ARG, "watch: %s (docs/api.md)", what);
}

sr_status sr_watch_filter_parse(const char *json, size_t len, sr_watch_filter *f,
                                char *url, sr_error *err) {
    memset(f, 0, sizeof *f);
    f->min_killed = -1;
    json_error_t je;
    json_t *root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &je);
    if (!root) return sr_fail(err, SR_ERR_PARSE, "watch: invalid JSON (%s)", je.text);
    sr_status st = SR_OK;
    if (!json_is_object(root)) st = bad(err, "a JSON object is expected");
    const char *key;
    json_t *v;
    int have_url = 0;
    json_object_foreach(root, key, v) {
        if (st != SR_OK) break;
        if (strcmp(key, "url") == 0 && url) {
            const char *u = json_string_value(v);
            if (!u || strlen(u) >= 2048 ||
                (strncmp(u, "http://", 7) != 0 && strncmp(u, "https://", 8) != 0))
                st = bad(err, "url: an http:// or https:// URL");
            else {
                for (const char *c = u; *c; c++)
                    if ((unsigned char)*c <= ' ' || *c == 0x7f) st = bad(err, "url: no spaces");
                if (st == SR_OK) strcpy(url, u);
                have_url = 1;
            }
        } else if (strcmp(key, "types") == 0) {
            if (!json_is_array(v) || json_array_size(v) > SR_WATCH_MAX_TYPES) {
                st = bad(err, "types: an array of at most 16 types");
                break;
            }
            size_t i;
            json_t *t;
            json_array_foreach(v, i, t) {
                const char *s = json_string_value(t);
                if (!sr_param_word(s)) {
                    st = bad(err, "types: taxonomy types (docs/taxonomy.md)");
                    break;
                }
                strcpy(f->types[f->ntypes++], s);
            }
        } else if (strcmp(key, "country") == 0) {
            const char *s = json_string_value(v);
            if (!sr_param_country(s)) st = bad(err, "country: two capital letters");
            else strcpy(f->country, s);
        } else if (strcmp(key, "near") == 0) {
            json_t *la = json_object_get(v, "lat"), *lo = json_object_get(v, "lon"),
                   *km = json_object_get(v, "km");
            if (!json_is_object(v) || json_object_size(v) != 3 || !json_is_number(la) ||
                !json_is_number(lo) || !json_is_number(km)) {
                st = bad(err, "near: {\"lat\": .., \"lon\": .., \"km\": ..}");
                break;
            }
            f->lat = json_number_value(la);
            f->lon = json_number_value(lo);
            f->km = json_number_value(km);
            if (!(f->lat >= -90 && f->lat <= 90 && f->lon >= -180 && f->lon <= 180 &&
                  f->km > 0 && f->km <= 20000))
                st = bad(err, "near: lat -90..90, lon -180..180, km 0..20000");
            f->near = 1;
        } else if (strcmp(key, "min_killed") == 0) {
            if (!json_is_integer(v) || json_integer_value(v) < 0 ||
                json_integer_value(v) > 1000000000)
                st = bad(err, "min_killed: a whole number >= 0");
            else f->min_killed = json_integer_value(v);
        } else if (strcmp(key, "text") == 0) {
            const char *s = json_string_value(v);
            if (!s || !*s || strlen(s) >= sizeof f->text) st = bad(err, "text: 1 to 200 bytes");
            else strcpy(f->text, s);
        } else {
            char msg[128];
            snprintf(msg, sizeof msg, "unknown member \"%.40s\"", key);
            st = bad(err, msg);
        }
    }
    if (st == SR_OK && url && !have_url) st = bad(err, "url: the webhook is missing");
    json_decref(root);
    return st;
}

void sr_watch_filter_json(const sr_watch_filter *f, sr_buf *out) {
    sr_json j;
    sr_json_init(&j, out, 0);
    sr_json_obj_begin(&j);
    if (f->ntypes) {
        sr_json_key(&j, "types");
        sr_json_arr_begin(&j);
        for (size_t i = 0; i < f->ntypes; i++) sr_json_str(&j, f->types[i]);
        sr_json_arr_end(&j);
    }
    if (f->country[0]) {
        sr_json_key(&j, "country");
        sr_json_str(&j, f->country);
    }
    if (f->near) {
        sr_json_key(&j, "near");
        sr_json_obj_begin(&j);
        sr_json_key(&j, "lat");
        sr_json_double(&j, f->lat, 5);
        sr_json_key(&j, "lon");
        sr_json_double(&j, f->lon, 5);
        sr_json_key(&j, "km");
        sr_json_double(&j, f->km, 3);
        sr_json_obj_end(&j);
    }
    if (f->min_killed >= 0) {
        sr_json_key(&j, "min_killed");
        sr_json_int(&j, f->min_killed);
    }
    if (f->text[0]) {
        sr_json_key(&j, "text");
        sr_json_str(&j, f->text);
    }
    sr_json_obj_end(&j);
}

/* Case-insensitive (ASCII) substring search. */
static int contains_folded(const char *hay, const char *needle) {
    size_t n = strlen(needle);
    for (; *hay; hay++) {
        size_t i = 0;
        while (i < n && hay[i] && tolower((unsigned char)hay[i]) ==
                                      tolower((unsigned char)needle[i]))
            i++;
        if (i == n) return 1;
    }
    return 0;
}

/* Does any string value (not a member name) of v contain the needle? */
static int strings_contain(json_t *v, const char *needle, int depth) {
    if (depth > 32) return 0;
    if (json_is_string(v)) return contains_folded(json_string_value(v), needle);
    size_t i;
    const char *k;
    json_t *e;
    if (json_is_array(v)) {
        json_array_foreach(v, i, e) if (strings_contain(e, needle, depth + 1)) return 1;
    } else if (json_is_object(v)) {
        json_object_foreach(v, k, e) if (strings_contain(e, needle, depth + 1)) return 1;
    }
    return 0;
}

static int record_contains(const char *json, const char *needle) {
    json_t *root = json_loads(json, 0, NULL);
    if (!root) return 0;
    int found = strings_contain(root, needle, 0);
    json_decref(root);
    return found;
}

int sr_watch_match(const sr_watch_filter *f, const sr_store_incident *inc) {
    if (f->ntypes) {
        size_t i = 0;
        while (i < f->ntypes && !(inc->type && strcmp(inc->type, f->types[i]) == 0)) i++;
        if (i == f->ntypes) return 0;
    }
    if (f->country[0] && !(inc->country && strcmp(inc->country, f->country) == 0)) return 0;
    if (f->near && !(inc->has_geo && sr_km_between(inc->lat, inc->lon, f->lat, f->lon) <= f->km))
        return 0;
    if (f->min_killed >= 0 && !(inc->killed.present && inc->killed.value >= f->min_killed))
        return 0;
    if (f->text[0] && !(inc->json && record_contains(inc->json, f->text))) return 0;
    return 1;
}

void sr_watch_version(const char *json, char out[17]) {
    uint64_t h = 1469598103934665603ull;
    for (const unsigned char *p = (const unsigned char *)json; *p; p++) {
        h ^= *p;
        h *= 1099511628211ull;
    }
    snprintf(out, 17, "%016llx", (unsigned long long)h);
}

/* ---- delivery ------------------------------------------------------------ */

static size_t discard(char *p, size_t size, size_t n, void *ctx) {
    (void)p;
    (void)ctx;
    return size * n;
}

/* One POST; returns the HTTP status (0 when none) and fills `error`. */
static long post_once(const sr_watcher_config *cfg, const char *url, const char *body,
                      int64_t watch_id, char *error, size_t cap) {
    CURL *c = curl_easy_init();
    if (!c) {
        snprintf(error, cap, "curl: cannot start");
        return 0;
    }
    char ebuf[CURL_ERROR_SIZE] = "", hdr[64];
    snprintf(hdr, sizeof hdr, "X-Sitrep-Watch: %lld", (long long)watch_id);
    struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");
    h = curl_slist_append(h, hdr);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "sitrep/" SITREP_VERSION);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)(cfg->timeout * 1000));
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, (long)(cfg->timeout * 1000));
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, ebuf);
    CURLcode rc = curl_easy_perform(c);
    long status = 0;
    if (rc == CURLE_OK) {
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
        if (status < 200 || status > 299) snprintf(error, cap, "HTTP %ld", status);
    } else {
        snprintf(error, cap, "%s", ebuf[0] ? ebuf : curl_easy_strerror(rc));
    }
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    return status;
}

static int stopping(const sr_watcher_config *cfg) {
    return cfg->stop && atomic_load(cfg->stop);
}

/* Sleep s seconds in small steps; 0, or -1 when told to stop. */
static int sleep_s(const sr_watcher_config *cfg, double s) {
    for (double left = s; left > 0; left -= 0.05) {
        if (stopping(cfg)) return -1;
        double step = left < 0.05 ? left : 0.05;
        struct timespec ts = {0, (long)(step * 1e9)};
        nanosleep(&ts, NULL);
    }
    return stopping(cfg) ? -1 : 0;
}

/* ---- one pass ------------------------------------------------------------ */

typedef struct watch_copy {
    int64_t id, cursor;
    char *url;
    sr_watch_filter filter;
    int ok;
} watch_copy;

typedef struct watch_list {
    watch_copy *v;
    size_t n;
} watch_list;

static int copy_watch(void *ctx, const sr_store_watch *w) {
    watch_list *l = ctx;
    if (l->n == MAX_WATCHES) return 1;
    watch_copy *c = &l->v[l->n];
    memset(c, 0, sizeof *c);
    c->id = w->id;
    c->cursor = w->cursor;
    c->url = strdup(w->url);
    c->ok = c->url && sr_watch_filter_parse(w->filter, strlen(w->filter), &c->filter, NULL,
                                            NULL) == SR_OK;
    l->n++;
    return 0;
}

typedef struct change_list {
    int64_t seq[CHANGES_PER_PASS], id[CHANGES_PER_PASS];
    size_t n;
} change_list;

static int copy_change(void *ctx, int64_t seq, int64_t id) {
    change_list *l = ctx;
    l->seq[l->n] = seq;
    l->id[l->n] = id;
    l->n++;
    return l->n == CHANGES_PER_PASS;
}

typedef struct matched {
    const sr_watch_filter *f;
    int match;
    char *json;
    char version[17];
} matched;

static int match_incident(void *ctx, const sr_store_incident *inc) {
    matched *m = ctx;
    m->match = sr_watch_match(m->f, inc);
    if (m->match) {
        m->json = strdup(inc->json);
        sr_watch_version(inc->json, m->version);
    }
    return 0;
}

/* Deliver one incident version; records the outcome.  Returns 1 when
 * delivered, 0 when it failed, -1 when told to stop between attempts
 * (nothing recorded: the change is handled again at the next start). */
static int deliver(const sr_watcher_config *cfg, const watch_copy *w, int64_t incident,
                   const matched *m) {
    sr_buf body = SR_BUF_INIT;
    sr_json j;
    sr_json_init(&j, &body, 0);
    sr_json_obj_begin(&j);
    sr_json_key(&j, "watch");
    sr_json_int(&j, w->id);
    sr_json_key(&j, "version");
    sr_json_str(&j, m->version);
    sr_json_key(&j, "incident");
    sr_json_raw(&j, m->json, strlen(m->json));
    sr_json_obj_end(&j);
    if (body.oom) {
        sr_buf_free(&body);
        return 0;
    }
    char error[CURL_ERROR_SIZE + 32] = "";
    long status = 0;
    int attempts = 0;
    double wait = cfg->backoff;
    for (;;) {
        error[0] = '\0';
        attempts++;
        status = post_once(cfg, w->url, body.data, w->id, error, sizeof error);
        if (status >= 200 && status <= 299) break;
        if (attempts >= cfg->attempts) break;
        if (sleep_s(cfg, wait) != 0) {
            sr_buf_free(&body);
            return -1;
        }
        wait *= 2;
    }
    sr_buf_free(&body);
    int ok = status >= 200 && status <= 299;
    sr_store_delivery d = {w->id, incident, m->version, ok ? "delivered" : "failed",
                           ok ? NULL : error, NULL, attempts, (int)status};
    pthread_mutex_lock(cfg->lock);
    sr_store_delivery_put(cfg->store, &d, NULL);
    pthread_mutex_unlock(cfg->lock);
    return ok;
}

static int pass_watch(const sr_watcher_config *cfg, const watch_copy *w) {
    change_list *ch = malloc(sizeof *ch);
    if (!ch) return 0;
    ch->n = 0;
    pthread_mutex_lock(cfg->lock);
    sr_status st = sr_store_changes(cfg->store, w->cursor, CHANGES_PER_PASS, copy_change, ch,
                                    NULL);
    pthread_mutex_unlock(cfg->lock);
    int delivered = 0;
    if (st != SR_OK) {
        free(ch);
        return 0;
    }
    int64_t handled = w->cursor;
    for (size_t i = 0; i < ch->n && !stopping(cfg); i++) {
        /* an incident changed several times in this batch: its last state */
        size_t k = i + 1;
        while (k < ch->n && ch->id[k] != ch->id[i]) k++;
        if (k < ch->n) {
            handled = ch->seq[i];
            continue;
        }
        matched m = {&w->filter, 0, NULL, ""};
        pthread_mutex_lock(cfg->lock);
        st = sr_store_incident_get(cfg->store, ch->id[i], match_incident, &m, NULL);
        int done = 1;
        if (st == SR_OK && m.match && m.json)
            sr_store_delivered(cfg->store, w->id, ch->id[i], m.version, &done, NULL);
        pthread_mutex_unlock(cfg->lock);
        int r = done ? 0 : deliver(cfg, w, ch->id[i], &m);
        free(m.json);
        if (r < 0) break;
        delivered += r;
        handled = ch->seq[i];
    }
    if (handled > w->cursor) {
        pthread_mutex_lock(cfg->lock);
        sr_store_watch_advance(cfg->store, w->id, handled, NULL);
        pthread_mutex_unlock(cfg->lock);
    }
    free(ch);
    return delivered;
}

int sr_watcher_pass(const sr_watcher_config *cfg) {
    watch_list l = {calloc(MAX_WATCHES, sizeof(watch_copy)), 0};
    if (!l.v) return 0;
    pthread_mutex_lock(cfg->lock);
    sr_store_watch_list(cfg->store, copy_watch, &l, NULL);
    pthread_mutex_unlock(cfg->lock);
    int delivered = 0;
    for (size_t i = 0; i < l.n; i++) {
        if (l.v[i].ok && !stopping(cfg)) delivered += pass_watch(cfg, &l.v[i]);
        free(l.v[i].url);
    }
    free(l.v);
    return delivered;
}

/* ---- the thread ---------------------------------------------------------- */

struct sr_watcher {
    sr_watcher_config cfg;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cond;
    atomic_int stop;
    int wake;
};

static void *run(void *arg) {
    sr_watcher *w = arg;
    for (;;) {
        pthread_mutex_lock(&w->mu);
        if (!w->wake && !w->stop) {
            struct timespec until;
            clock_gettime(CLOCK_REALTIME, &until);
            double t = until.tv_sec + until.tv_nsec / 1e9 + w->cfg.interval;
            until.tv_sec = (time_t)t;
            until.tv_nsec = (long)((t - floor(t)) * 1e9);
            pthread_cond_timedwait(&w->cond, &w->mu, &until);
        }
        int stop = w->stop;
        w->wake = 0;
        pthread_mutex_unlock(&w->mu);
        if (stop) break;
        sr_watcher_pass(&w->cfg);
    }
    return NULL;
}

sr_status sr_watcher_start(const sr_watcher_config *cfg, sr_watcher **out, sr_error *err) {
    *out = NULL;
    sr_watcher *w = calloc(1, sizeof *w);
    if (!w) return sr_fail(err, SR_ERR_NOMEM, "out of memory");
    w->cfg = *cfg;
    w->cfg.stop = &w->stop;
    if (w->cfg.attempts < 1) w->cfg.attempts = 1;
    if (w->cfg.interval <= 0) w->cfg.interval = 1;
    if (w->cfg.timeout <= 0) w->cfg.timeout = 10;
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->cond, NULL);
    if (pthread_create(&w->thread, NULL, run, w) != 0) {
        pthread_mutex_destroy(&w->mu);
        pthread_cond_destroy(&w->cond);
        free(w);
        return sr_fail(err, SR_ERR_NOMEM, "cannot start the watch thread");
    }
    *out = w;
    return SR_OK;
}

void sr_watcher_wake(void *arg) {
    sr_watcher *w = arg;
    pthread_mutex_lock(&w->mu);
    w->wake = 1;
    pthread_cond_signal(&w->cond);
    pthread_mutex_unlock(&w->mu);
}

void sr_watcher_stop(sr_watcher *w) {
    if (!w) return;
    pthread_mutex_lock(&w->mu);
    w->stop = 1;
    pthread_cond_signal(&w->cond);
    pthread_mutex_unlock(&w->mu);
    pthread_join(w->thread, NULL);
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->cond);
    free(w);
}
