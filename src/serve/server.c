/*
 * server.c -- libmicrohttpd glue: requests in, api.c or a web asset out
 * (server.h).
 *
 * libmicrohttpd calls the handler several times per request: once with
 * the headers (we allocate the request's state), then with each piece of
 * the body (appended, refused past SR_MAX_BODY), then with nothing (we
 * answer).  Query parameters are taken from libmicrohttpd's decoded list
 * into sr_params, which bounds and checks them (params.h).
 */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server.h"
#include "../core/error.h"

struct sr_server {
    struct MHD_Daemon *daemon;
    sr_server_config cfg;
    int port;
    int loopback;
};

typedef struct request {
    sr_buf body;
    int too_big;
    sr_params params;
    int bad_params;
    sr_error perr;
} request;

sr_status sr_listen_parse(const char *s, struct sockaddr_storage *addr, socklen_t *len,
                          int *loopback, sr_error *err) {
    memset(addr, 0, sizeof *addr);
    char host[64];
    const char *colon;
    if (s[0] == '[') {
        const char *close = strchr(s, ']');
        if (!close || close[1] != ':' || (size_t)(close - s - 1) >= sizeof host)
            return sr_fail(err, SR_ERR_ARG, "--listen \"%s\": [IPv6]:PORT expected", s);
        memcpy(host, s + 1, (size_t)(close - s - 1));
        host[close - s - 1] = '\0';
        colon = close + 1;
    } else {
        colon = strrchr(s, ':');
        if (!colon || (size_t)(colon - s) >= sizeof host)
            return sr_fail(err, SR_ERR_ARG, "--listen \"%s\": HOST:PORT expected", s);
        memcpy(host, s, (size_t)(colon - s));
        host[colon - s] = '\0';
    }
    char *end;
    long port = strtol(colon + 1, &end, 10);
    if (!colon[1] || *end || port < 0 || port > 65535)
        return sr_fail(err, SR_ERR_ARG, "--listen \"%s\": a port 0-65535 expected", s);
    if (strcmp(host, "localhost") == 0) strcpy(host, "127.0.0.1");
    struct sockaddr_in *a4 = (struct sockaddr_in *)addr;
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)addr;
    if (inet_pton(AF_INET, host, &a4->sin_addr) == 1) {
        a4->sin_family = AF_INET;
        a4->sin_port = htons((uint16_t)port);
        *len = sizeof *a4;
        *loopback = (ntohl(a4->sin_addr.s_addr) >> 24) == 127;
    } else if (inet_pton(AF_INET6, host, &a6->sin6_addr) == 1) {
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)port);
        *len = sizeof *a6;
        *loopback = IN6_IS_ADDR_LOOPBACK(&a6->sin6_addr);
    } else {
        return sr_fail(err, SR_ERR_ARG, "--listen \"%s\": an IP address (or localhost) "
                       "expected", s);
    }
    return SR_OK;
}

static void add_security_headers(struct MHD_Response *r) {
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'self'; script-src 'self'; style-src 'self' "
                            "'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
                            "object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
}

static enum MHD_Result send_buf(struct MHD_Connection *c, int status, const char *type,
                                const char *data, size_t len, enum MHD_ResponseMemoryMode m) {
    struct MHD_Response *r = MHD_create_response_from_buffer(len, (void *)data, m);
    if (!r) return MHD_NO;
    MHD_add_response_header(r, "Content-Type", type);
    add_security_headers(r);
    enum MHD_Result ret = MHD_queue_response(c, (unsigned)status, r);
    MHD_destroy_response(r);
    return ret;
}

static enum MHD_Result send_error(struct MHD_Connection *c, int status, const char *msg) {
    char body[256];
    snprintf(body, sizeof body, "{\"error\":\"%s\"}", msg);   /* msg: fixed strings only */
    return send_buf(c, status, "application/json", body, strlen(body), MHD_RESPMEM_MUST_COPY);
}

/* The sizes tell a value cut short by a decoded %00 (refused). */
static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                   size_t key_size, const char *value, size_t value_size) {
    request *rq = cls;
    (void)kind;
    if (rq->bad_params) return MHD_NO;
    if (strlen(key) != key_size || (value && strlen(value) != value_size)) {
        rq->bad_params = 1;
        rq->perr.code = SR_ERR_ARG;
        return MHD_NO;
    }
    if (sr_params_add(&rq->params, key, value, &rq->perr) != SR_OK) {
        rq->bad_params = 1;
        return MHD_NO;
    }
    return MHD_YES;
}

/* On a loopback address, the Host header must name this machine: a web
 * page whose name an attacker re-points at 127.0.0.1 (DNS rebinding)
 * would otherwise be same-origin with the API. */
static int host_ok(const sr_server *s, struct MHD_Connection *c) {
    if (!s->loopback) return 1;
    const char *h = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
    if (!h) return 1;   /* HTTP/1.0 clients send none */
    static const char *const NAMES[] = {"localhost", "127.0.0.1", "[::1]", NULL};
    for (int i = 0; NAMES[i]; i++) {
        size_t n = strlen(NAMES[i]);
        if (strncmp(h, NAMES[i], n) == 0 && (h[n] == '\0' || h[n] == ':')) return 1;
    }
    /* any 127.x.y.z */
    return strncmp(h, "127.", 4) == 0 && strspn(h + 4, "0123456789.:") == strlen(h + 4);
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **state) {
    sr_server *s = cls;
    (void)version;
    request *rq = *state;
    if (!rq) {
        rq = calloc(1, sizeof *rq);
        if (!rq) return MHD_NO;
        sr_params_init(&rq->params);
        *state = rq;
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        if (cl && strtoull(cl, NULL, 10) > SR_MAX_BODY) rq->too_big = 1;
        return MHD_YES;
    }
    if (*upload_size) {
        if (!rq->too_big && rq->body.len + *upload_size <= SR_MAX_BODY)
            sr_buf_add(&rq->body, upload, *upload_size);
        else
            rq->too_big = 1;
        *upload_size = 0;
        return MHD_YES;
    }
    if (rq->too_big) return send_error(c, 413, "the request body is too large (2 MiB at most)");
    if (!host_ok(s, c)) return send_error(c, 403, "the Host header does not name this machine");
    if (rq->body.oom) return send_error(c, 500, "out of memory");
    if (!sr_api_path(url)) {
        if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
            return send_error(c, 405, "method not allowed");
        const sr_asset *a = s->cfg.assets ? sr_assets_find(s->cfg.assets, url) : NULL;
        if (!a) return send_error(c, 404, "not found");
        return send_buf(c, 200, a->type, a->data, a->len, MHD_RESPMEM_PERSISTENT);
    }
    MHD_get_connection_values_n(c, MHD_GET_ARGUMENT_KIND, collect_arg, rq);
    if (rq->bad_params)
        return send_error(c, rq->perr.code == SR_ERR_TOOBIG ? 413 : 400,
                          rq->perr.code == SR_ERR_TOOBIG ? "too many or too long parameters"
                                                         : "a parameter is not UTF-8 text without control characters");
    sr_api_request req = {
        method,
        url,
        &rq->params,
        MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization"),
        MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type"),
        rq->body.data ? rq->body.data : "",
        rq->body.len,
    };
    sr_api_response res = {500, "application/json", SR_BUF_INIT};
    sr_api_handle(s->cfg.api, &req, &res);
    size_t len;
    char *body = sr_buf_steal(&res.body, &len);
    if (!body) return send_error(c, 500, "out of memory");
    return send_buf(c, res.status, res.content_type, body, len, MHD_RESPMEM_MUST_FREE);
}

static void completed(void *cls, struct MHD_Connection *c, void **state,
                      enum MHD_RequestTerminationCode code) {
    (void)cls;
    (void)c;
    (void)code;
    request *rq = *state;
    if (!rq) return;
    sr_buf_free(&rq->body);
    sr_params_free(&rq->params);
    free(rq);
    *state = NULL;
}

sr_status sr_server_start(const sr_server_config *cfg, sr_server **out, sr_error *err) {
    *out = NULL;
    struct sockaddr_storage addr;
    socklen_t alen;
    int loopback;
    sr_status st = sr_listen_parse(cfg->listen, &addr, &alen, &loopback, err);
    if (st != SR_OK) return st;
    sr_server *s = calloc(1, sizeof *s);
    if (!s) return sr_fail(err, SR_ERR_NOMEM, "out of memory");
    s->cfg = *cfg;
    s->loopback = loopback;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL;
    if (addr.ss_family == AF_INET6) flags |= MHD_USE_IPv6;
    s->daemon = MHD_start_daemon(
        flags, 0, NULL, NULL, handle, s,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(cfg->threads ? cfg->threads : 4),
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)(cfg->timeout ? cfg->timeout : 30),
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)512,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
        MHD_OPTION_NOTIFY_COMPLETED, completed, s,
        MHD_OPTION_END);
    if (!s->daemon) {
        free(s);
        return sr_fail(err, SR_ERR_IO, "cannot listen on %s (in use, or not an address of "
                       "this machine)", cfg->listen);
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon,
                                                           MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? info->port : 0;
    *out = s;
    return SR_OK;
}

int sr_server_port(const sr_server *s) {
    return s->port;
}

void sr_server_stop(sr_server *s) {
    if (!s) return;
    MHD_stop_daemon(s->daemon);
    free(s);
}
