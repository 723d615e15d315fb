/*
 * redis.c -- the Redis connection: TCP, send a command, read its reply,
 * reconnect with backoff (redis.h).
 */
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "redis.h"
#include "../core/error.h"

struct sr_redis {
    char *host;
    int port;
    int fd;
    double retry_s;
    unsigned reconnects;
    char *in;             /* bytes read and not yet parsed */
    size_t in_len, in_cap;
};

sr_status sr_redis_url(const char *url, char **host, int *port, char **stream,
                       sr_error *err) {
    *host = *stream = NULL;
    *port = 6379;
    if (strncmp(url, "redis://", 8) != 0)
        return sr_fail(err, SR_ERR_ARG, "%s: a queue is redis://HOST:PORT/STREAM", url);
    const char *h = url + 8, *slash = strchr(h, '/');
    if (!slash || !slash[1] || strchr(slash + 1, '/'))
        return sr_fail(err, SR_ERR_ARG, "%s: no stream name (redis://HOST:PORT/STREAM)", url);
    const char *colon = memchr(h, ':', (size_t)(slash - h));
    const char *hend = colon ? colon : slash;
    if (hend == h) return sr_fail(err, SR_ERR_ARG, "%s: no host", url);
    if (colon) {
        char *end;
        long p = strtol(colon + 1, &end, 10);
        if (end != slash || p < 1 || p > 65535)
            return sr_fail(err, SR_ERR_ARG, "%s: bad port", url);
        *port = (int)p;
    }
    *host = strndup(h, (size_t)(hend - h));
    *stream = strdup(slash + 1);
    if (!*host || !*stream) {
        free(*host);
        free(*stream);
        *host = *stream = NULL;
        return sr_fail(err, SR_ERR_NOMEM, "out of memory");
    }
    return SR_OK;
}

static int dial(const char *host, int port) {
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    char ps[16];
    snprintf(ps, sizeof ps, "%d", port);
    if (getaddrinfo(host, ps, &hints, &res) != 0) return -1;
    int fd = -1;
    for (struct addrinfo *a = res; a; a = a->ai_next) {
        fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) continue;
        if (connect(fd, a->ai_addr, a->ai_addrlen) == 0) break;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    if (fd < 0) return -1;
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct timeval tv = {30, 0};   /* longer than any BLOCK the worker asks */
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    return fd;
}

static void sleep_s(double s) {
    struct timespec ts = {(time_t)s, (long)((s - (time_t)s) * 1e9)};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

/* (Re)connect, with backoff, for up to retry_s seconds. */
static sr_status connect_backoff(sr_redis *r, sr_error *err) {
    double waited = 0, delay = 0.1;
    for (;;) {
        r->fd = dial(r->host, r->port);
        if (r->fd >= 0) return SR_OK;
        if (waited >= r->retry_s)
            return sr_fail(err, SR_ERR_IO, "redis://%s:%d: cannot connect: %s", r->host,
                           r->port, strerror(errno));
        sleep_s(delay);
        waited += delay;
        delay = delay * 2 > 5 ? 5 : delay * 2;
    }
}

sr_status sr_redis_open(const char *host, int port, double retry_s, sr_redis **out,
                        sr_error *err) {
    *out = NULL;
    sr_redis *r = calloc(1, sizeof *r);
    if (!r || !(r->host = strdup(host))) {
        free(r);
        return sr_fail(err, SR_ERR_NOMEM, "out of memory");
    }
    r->port = port;
    r->retry_s = retry_s;
    r->fd = -1;
    sr_status st = connect_backoff(r, err);
    if (st != SR_OK) {
        sr_redis_close(r);
        return st;
    }
    *out = r;
    return SR_OK;
}

void sr_redis_close(sr_redis *r) {
    if (!r) return;
    if (r->fd >= 0) close(r->fd);
    free(r->host);
    free(r->in);
    free(r);
}

unsigned sr_redis_reconnects(const sr_redis *r) {
    return r->reconnects;
}

static int send_all(int fd, const char *p, size_t n) {
    while (n) {
        ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return -1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

/* One attempt: send, read until a whole reply is parsed. 0, -1 I/O, -2 bad
 * reply, -3 out of memory. */
static int attempt(sr_redis *r, const sr_buf *cmd, sr_resp *reply) {
    if (send_all(r->fd, cmd->data, cmd->len)) return -1;
    r->in_len = 0;
    for (;;) {
        if (r->in_len) {
            long k = sr_resp_parse(r->in, r->in_len, reply);
            if (k > 0) return 0;
            if (k == -1) return -2;
            if (k == -2) return -3;
        }
        if (r->in_cap - r->in_len < 65536) {
            size_t cap = r->in_cap ? r->in_cap * 2 : 131072;
            char *p = realloc(r->in, cap);
            if (!p) return -3;
            r->in = p;
            r->in_cap = cap;
        }
        ssize_t k = recv(r->fd, r->in + r->in_len, r->in_cap - r->in_len, 0);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return -1;
        r->in_len += (size_t)k;
    }
}

sr_status sr_redis_cmd(sr_redis *r, int argc, const char *const *argv, const size_t *lens,
                       sr_resp *reply, sr_error *err) {
    memset(reply, 0, sizeof *reply);
    sr_buf cmd = SR_BUF_INIT;
    sr_resp_command(&cmd, argc, argv, lens);
    if (cmd.oom) return sr_fail(err, SR_ERR_NOMEM, "out of memory");
    sr_status st = SR_OK;
    double loading = 0, delay = 0.1;
    for (int tries = 0;; tries++) {
        if (r->fd < 0) {
            st = connect_backoff(r, err);
            if (st != SR_OK) break;
            r->reconnects++;
        }
        int rc = attempt(r, &cmd, reply);
        /* A server just (re)started answers LOADING while it reads its data
         * back; the command was not run, so it is sent again, for up to
         * retry_s seconds as a connection would be. */
        if (rc == 0 && reply->type == SR_RESP_ERROR && reply->str &&
            strncmp(reply->str, "LOADING", 7) == 0 && loading < r->retry_s) {
            sr_resp_free(reply);
            memset(reply, 0, sizeof *reply);
            sleep_s(delay);
            loading += delay;
            delay = delay * 2 > 1 ? 1 : delay * 2;
            tries--;
            continue;
        }
        if (rc == 0) break;
        close(r->fd);
        r->fd = -1;
        if (rc == -2) {
            st = sr_fail(err, SR_ERR_PARSE, "redis://%s:%d: a reply that is not RESP", r->host,
                         r->port);
            break;
        }
        if (rc == -3) {
            st = sr_fail(err, SR_ERR_NOMEM, "out of memory");
            break;
        }
        if (tries >= 3) {
            st = sr_fail(err, SR_ERR_IO, "redis://%s:%d: connection lost", r->host, r->port);
            break;
        }
    }
    sr_buf_free(&cmd);
    return st;
}
