/*
 * httpd.c -- a small HTTP server for tests (libmicrohttpd), loopback only.
 *
 *   httpd DIR [--port N] [--seconds N] [--log FILE] [--fail PATH]...
 *             [--close PATH]... [--slow PATH]... [--redirect PATH=TARGET]...
 *
 * Serves the regular files of DIR on 127.0.0.1 (port N, or one the system
 * chooses), prints the port on stdout as one line, and stops by itself
 * after --seconds (default 30) or on SIGTERM/SIGINT.  Each answer carries
 * an ETag (size and modification time) and a Last-Modified; a request
 * whose If-None-Match holds that ETag (or, without If-None-Match, whose
 * If-Modified-Since is not older than the file) gets 304 Not Modified.
 *
 * For the error paths of clients: --fail PATH answers 500, --close PATH
 * closes the connection without an answer, --slow PATH waits 3 s before
 * answering, --redirect PATH=TARGET answers 302 to TARGET.  Every request
 * is logged as one line "METHOD PATH STATUS inm=... ims=..." on stderr or
 * in --log FILE, so a test can check what a client sent.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_RULES 32

typedef struct rule {
    const char *path;
    const char *target;   /* --redirect only */
} rule;

typedef struct server {
    const char *dir;
    rule fail[MAX_RULES], close_[MAX_RULES], slow[MAX_RULES], redirect[MAX_RULES];
    int nfail, nclose, nslow, nredirect;
    FILE *log;
    pthread_mutex_t lock;
} server;

static volatile sig_atomic_t stop;

static void on_signal(int sig) {
    (void)sig;
    stop = 1;
}

static const rule *find_rule(const rule *v, int n, const char *path) {
    for (int i = 0; i < n; i++)
        if (strcmp(v[i].path, path) == 0) return &v[i];
    return NULL;
}

static void log_request(server *s, const char *method, const char *url, int status,
                        const char *inm, const char *ims) {
    pthread_mutex_lock(&s->lock);
    fprintf(s->log, "%s %s %d inm=%s ims=%s\n", method, url, status, inm ? inm : "-",
            ims ? ims : "-");
    fflush(s->log);
    pthread_mutex_unlock(&s->lock);
}

static const char *content_type(const char *path) {
    const char *dot = strrchr(path, '.');
    if (!dot) return "text/plain; charset=utf-8";
    if (strcmp(dot, ".rss") == 0) return "application/rss+xml";
    if (strcmp(dot, ".atom") == 0) return "application/atom+xml";
    if (strcmp(dot, ".xml") == 0) return "application/xml";
    if (strcmp(dot, ".html") == 0) return "text/html; charset=utf-8";
    return "text/plain; charset=utf-8";
}

static enum MHD_Result send_empty(struct MHD_Connection *c, unsigned status,
                                  const char *hname, const char *hvalue) {
    struct MHD_Response *r = MHD_create_response_from_buffer(0, (void *)"",
                                                             MHD_RESPMEM_PERSISTENT);
    if (!r) return MHD_NO;
    if (hname) MHD_add_response_header(r, hname, hvalue);
    enum MHD_Result ok = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return ok;
}

/* Read a whole file; NULL when it cannot be. */
static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0, k;
    do {
        if (n == cap) {
            char *b = realloc(buf, cap = cap ? cap * 2 : 65536);
            if (!b) { free(buf); fclose(f); return NULL; }
            buf = b;
        }
        k = fread(buf + n, 1, cap - n, f);
        n += k;
    } while (k > 0);
    fclose(f);
    *len = n;
    return buf;
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version,
                              const char *upload, size_t *upload_size, void **state) {
    (void)version;
    (void)upload;
    (void)upload_size;
    server *s = cls;
    static int first;
    if (*state != &first) {   /* the headers: wait for the (empty) body */
        *state = &first;
        return MHD_YES;
    }
    const char *inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match");
    const char *ims = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-Modified-Since");
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
        log_request(s, method, url, 405, inm, ims);
        return send_empty(c, 405, NULL, NULL);
    }
    if (find_rule(s->slow, s->nslow, url)) sleep(3);
    if (find_rule(s->close_, s->nclose, url)) {
        log_request(s, method, url, 0, inm, ims);
        return MHD_NO;   /* libmicrohttpd closes the connection */
    }
    if (find_rule(s->fail, s->nfail, url)) {
        log_request(s, method, url, 500, inm, ims);
        return send_empty(c, 500, NULL, NULL);
    }
    const rule *rd = find_rule(s->redirect, s->nredirect, url);
    if (rd) {
        log_request(s, method, url, 302, inm, ims);
        return send_empty(c, 302, "Location", rd->target);
    }
    char path[4096];
    struct stat sb;
    if (url[0] != '/' || strstr(url, "..") ||
        snprintf(path, sizeof path, "%s%s", s->dir, url) >= (int)sizeof path ||
        stat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        log_request(s, method, url, 404, inm, ims);
        return send_empty(c, 404, NULL, NULL);
    }
    char etag[64], lm[64];
    snprintf(etag, sizeof etag, "\"%llx-%llx-%lx\"", (unsigned long long)sb.st_size,
             (unsigned long long)sb.st_mtim.tv_sec, (long)sb.st_mtim.tv_nsec);
    struct tm tm;
    gmtime_r(&sb.st_mtim.tv_sec, &tm);
    strftime(lm, sizeof lm, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    int fresh = 0;
    if (inm) {
        fresh = strcmp(inm, "*") == 0 || strstr(inm, etag) != NULL;
    } else if (ims) {
        struct tm t = {0};
        const char *end = strptime(ims, "%a, %d %b %Y %H:%M:%S GMT", &t);
        fresh = end && !*end && timegm(&t) >= sb.st_mtim.tv_sec;
    }
    if (fresh) {
        log_request(s, method, url, 304, inm, ims);
        return send_empty(c, 304, "ETag", etag);
    }
    size_t len;
    char *body = slurp(path, &len);
    if (!body) {
        log_request(s, method, url, 500, inm, ims);
        return send_empty(c, 500, NULL, NULL);
    }
    struct MHD_Response *r = MHD_create_response_from_buffer(len, body,
                                                             MHD_RESPMEM_MUST_FREE);
    if (!r) { free(body); return MHD_NO; }
    MHD_add_response_header(r, "Content-Type", content_type(path));
    MHD_add_response_header(r, "ETag", etag);
    MHD_add_response_header(r, "Last-Modified", lm);
    enum MHD_Result ok = MHD_queue_response(c, 200, r);
    MHD_destroy_response(r);
    log_request(s, method, url, 200, inm, ims);
    return ok;
}

static int usage(void) {
    fprintf(stderr, "usage: httpd DIR [--port N] [--seconds N] [--log FILE] [--fail PATH]...\n"
                    "             [--close PATH]... [--slow PATH]... "
                    "[--redirect PATH=TARGET]...\n");
    return 2;
}

static int add_rule(rule *v, int *n, const char *arg, int redirect) {
    if (*n >= MAX_RULES) return -1;
    rule r = {arg, NULL};
    if (redirect) {
        char *eq = strchr(arg, '=');
        if (!eq) return -1;
        *eq = '\0';
        r.target = eq + 1;
    }
    v[(*n)++] = r;
    return 0;
}

int main(int argc, char **argv) {
    server s;
    memset(&s, 0, sizeof s);
    pthread_mutex_init(&s.lock, NULL);
    s.log = stderr;
    long port = 0, seconds = 30;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        char *v = i + 1 < argc ? argv[i + 1] : NULL;
        int bad = 0;
        if (a[0] != '-' && !s.dir) { s.dir = a; continue; }
        if (!v) return usage();
        if (strcmp(a, "--port") == 0) port = atol(v);
        else if (strcmp(a, "--seconds") == 0) seconds = atol(v);
        else if (strcmp(a, "--log") == 0) bad = !(s.log = fopen(v, "a"));
        else if (strcmp(a, "--fail") == 0) bad = add_rule(s.fail, &s.nfail, v, 0);
        else if (strcmp(a, "--close") == 0) bad = add_rule(s.close_, &s.nclose, v, 0);
        else if (strcmp(a, "--slow") == 0) bad = add_rule(s.slow, &s.nslow, v, 0);
        else if (strcmp(a, "--redirect") == 0) bad = add_rule(s.redirect, &s.nredirect, v, 1);
        else return usage();
        if (bad) return usage();
        i++;
    }
    if (!s.dir || port < 0 || port > 65535 || seconds < 1) return usage();
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION, (uint16_t)port, NULL,
        NULL, answer, &s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)10, MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "httpd: cannot listen on 127.0.0.1:%ld: %s\n", port, strerror(errno));
        return 1;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    printf("%u\n", info ? (unsigned)info->port : (unsigned)port);
    fflush(stdout);
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    for (long t = 0; t < seconds * 10 && !stop; t++) usleep(100000);
    MHD_stop_daemon(d);
    if (s.log != stderr) fclose(s.log);
    return 0;
}
