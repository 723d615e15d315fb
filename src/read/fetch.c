/*
 * fetch.c -- HTTP(S) GET with libcurl (see fetch.h for the contract).
 *
 * One easy handle per call: a feed poll is one request every few minutes,
 * so connection reuse would buy nothing and a handle kept between calls
 * would be state.  libcurl's global set-up runs once (pthread_once);
 * CURLOPT_NOSIGNAL keeps it from using signals, so calls may run in
 * several threads.
 *
 * The validators (ETag, Last-Modified) are taken from the headers of the
 * last answer only: the header callback sees every answer of a redirect
 * chain and starts afresh at each status line.  The body is gathered in
 * an sr_buf; the write callback refuses bytes past the limit, which
 * aborts the transfer (a Content-Length over the limit is refused before
 * any byte, by CURLOPT_MAXFILESIZE_LARGE).
 */
#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/buf.h"
#include "../core/error.h"
#include "fetch.h"
#include "formats.h"

#define MAX_REDIRECTS 5

typedef struct transfer {
    sr_buf body;
    size_t max;
    int toobig;
    sr_fetch_result *res;
} transfer;

int sr_fetch_is_url(const char *s) {
    return s && (strncasecmp(s, "http://", 7) == 0 || strncasecmp(s, "https://", 8) == 0);
}

static size_t on_body(char *p, size_t size, size_t n, void *arg) {
    transfer *t = arg;
    size_t k = size * n;
    if (t->body.len + k > t->max) {
        t->toobig = 1;
        return 0;
    }
    sr_buf_add(&t->body, p, k);
    return t->body.oom ? 0 : k;
}

/* Copy a header's value (trimmed) into out when the line is `name: value`. */
static void header_value(const char *line, size_t n, const char *name, char *out, size_t cap) {
    size_t k = strlen(name);
    if (n <= k || strncasecmp(line, name, k) != 0 || line[k] != ':') return;
    const char *v = line + k + 1, *end = line + n;
    while (v < end && (*v == ' ' || *v == '\t')) v++;
    while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' ')) end--;
    size_t len = (size_t)(end - v);
    if (len >= cap) len = 0;   /* too long to send back faithfully: ignore */
    memcpy(out, v, len);
    out[len] = '\0';
}

static size_t on_header(char *p, size_t size, size_t n, void *arg) {
    transfer *t = arg;
    size_t k = size * n;
    if (k >= 5 && strncmp(p, "HTTP/", 5) == 0) {  /* a new answer (after a redirect) */
        t->res->etag[0] = '\0';
        t->res->last_modified[0] = '\0';
    }
    header_value(p, k, "ETag", t->res->etag, sizeof t->res->etag);
    header_value(p, k, "Last-Modified", t->res->last_modified, sizeof t->res->last_modified);
    return k;
}

static void global_init(void) { curl_global_init(CURL_GLOBAL_DEFAULT); }

/* An error naming the URL for a failed transfer. */
static sr_status transfer_error(const char *url, CURLcode rc, const char *detail,
                                const transfer *t, long timeout, sr_error *err) {
    const char *d = detail[0] ? detail : curl_easy_strerror(rc);
    switch (rc) {
    case CURLE_UNSUPPORTED_PROTOCOL:
        return sr_fail(err, SR_ERR_ARG, "%s: only http:// and https:// URLs are fetched (%s)",
                       url, d);
    case CURLE_COULDNT_RESOLVE_HOST:
        return sr_fail(err, SR_ERR_IO, "%s: unknown host (%s); the feed is down or the URL "
                       "is wrong", url, d);
    case CURLE_COULDNT_CONNECT:
        return sr_fail(err, SR_ERR_IO, "%s: cannot connect (%s); the feed is down", url, d);
    case CURLE_OPERATION_TIMEDOUT:
        return sr_fail(err, SR_ERR_IO, "%s: timed out (limit %ld s: %s)", url, timeout, d);
    case CURLE_TOO_MANY_REDIRECTS:
        return sr_fail(err, SR_ERR_IO, "%s: more than %d redirects", url, MAX_REDIRECTS);
    case CURLE_GOT_NOTHING:
        return sr_fail(err, SR_ERR_IO, "%s: the server closed the connection without an "
                       "answer", url);
    case CURLE_FILESIZE_EXCEEDED:
        return sr_fail(err, SR_ERR_TOOBIG, "%s: answer over the %zu-byte limit", url, t->max);
    case CURLE_WRITE_ERROR:
        if (t->toobig)
            return sr_fail(err, SR_ERR_TOOBIG, "%s: answer over the %zu-byte limit", url,
                           t->max);
        if (t->body.oom) return sr_fail(err, SR_ERR_NOMEM, "%s: out of memory", url);
        break;
    case CURLE_OUT_OF_MEMORY:
        return sr_fail(err, SR_ERR_NOMEM, "%s: out of memory", url);
    default:
        break;
    }
    return sr_fail(err, SR_ERR_IO, "%s: %s", url, d);
}

sr_status sr_fetch(const char *url, const sr_fetch_options *opts, sr_fetch_result *res,
                   sr_error *err) {
    memset(res, 0, sizeof *res);
    sr_fetch_options o = opts ? *opts : (sr_fetch_options){0};
    if (!o.connect_timeout_s) o.connect_timeout_s = 10;
    if (!o.timeout_s) o.timeout_s = 60;
    if (!o.max_bytes || o.max_bytes > SR_MAX_DOC_BYTES) o.max_bytes = SR_MAX_DOC_BYTES;
    if (!sr_fetch_is_url(url))
        return sr_fail(err, SR_ERR_ARG, "%s: not an http:// or https:// URL", url);
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, global_init);
    CURL *h = curl_easy_init();
    if (!h) return sr_fail(err, SR_ERR_NOMEM, "%s: cannot start a transfer", url);
    transfer t = {SR_BUF_INIT, o.max_bytes, 0, res};
    struct curl_slist *hdrs = NULL, *more;
    char line[512];
    int ok = 1;
    if (o.etag && o.etag[0]) {
        snprintf(line, sizeof line, "If-None-Match: %s", o.etag);
        ok = (more = curl_slist_append(hdrs, line)) != NULL;
        if (ok) hdrs = more;
    }
    if (ok && o.last_modified && o.last_modified[0]) {
        snprintf(line, sizeof line, "If-Modified-Since: %s", o.last_modified);
        ok = (more = curl_slist_append(hdrs, line)) != NULL;
        if (ok) hdrs = more;
    }
    char detail[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(h, CURLOPT_URL, url);
#if LIBCURL_VERSION_NUM >= 0x075500
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
    curl_easy_setopt(h, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(h, CURLOPT_MAXREDIRS, (long)MAX_REDIRECTS);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, o.connect_timeout_s);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, o.timeout_s);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)o.max_bytes);
    curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(h, CURLOPT_USERAGENT, "sitrep/" SITREP_VERSION " (feed reader)");
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &t);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, detail);
    CURLcode rc = ok ? curl_easy_perform(h) : CURLE_OUT_OF_MEMORY;
    long code = 0;
    char *eff = NULL;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
    if (curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &eff) == CURLE_OK && eff)
        snprintf(res->url, sizeof res->url, "%s", eff);
    sr_status st = SR_OK;
    if (rc != CURLE_OK) {
        st = transfer_error(url, rc, detail, &t, o.timeout_s, err);
    } else if (code == 304) {
        res->status = 304;
    } else if (code >= 500) {
        st = sr_fail(err, SR_ERR_IO, "%s: server error: HTTP %ld; the feed is down", url, code);
    } else if (code >= 400) {
        st = sr_fail(err, code == 404 || code == 410 ? SR_ERR_NOTFOUND : SR_ERR_IO,
                     "%s: HTTP %ld%s", url, code,
                     code == 404 ? " (not found)" : code == 410 ? " (gone)" : "");
    } else if (code < 200 || code >= 300) {
        st = sr_fail(err, SR_ERR_IO, "%s: unexpected answer HTTP %ld", url, code);
    } else if (t.body.oom) {
        st = sr_fail(err, SR_ERR_NOMEM, "%s: out of memory", url);
    } else {
        sr_buf_add(&t.body, "", 0);   /* NUL-terminated even when empty */
        res->status = 200;
        res->body = sr_buf_steal(&t.body, &res->len);
        if (!res->body) st = sr_fail(err, SR_ERR_NOMEM, "%s: out of memory", url);
    }
    if (st != SR_OK) {
        res->status = 0;
        res->etag[0] = res->last_modified[0] = '\0';
    }
    sr_buf_free(&t.body);
    curl_slist_free_all(hdrs);
    curl_easy_cleanup(h);
    return st;
}

void sr_fetch_result_free(sr_fetch_result *res) {
    if (!res) return;
    free(res->body);
    res->body = NULL;
    res->len = 0;
}
