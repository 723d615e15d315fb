/*
 * test_fetch.c -- sr_fetch against the local test server
 * (build/tools/httpd, 127.0.0.1 only): a 200 with its validators, 304 on
 * a conditional GET by ETag and by date, a server error, a closed
 * connection, a port nobody listens on, 404, the size limit, redirects
 * (followed, looping, to another scheme), schemes, and a timeout.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../src/read/fetch.h"
#include "test.h"

typedef struct server {
    pid_t pid;
    int port;
} server;

/* Start build/tools/httpd on the feed fixtures with extra arguments (a
 * NULL-terminated list); port 0 when it could not be started. */
static server start(const char *const *extra) {
    server s = {0, 0};
    /* a proxy set in the environment must not see loopback requests */
    setenv("no_proxy", "127.0.0.1", 1);
    setenv("NO_PROXY", "127.0.0.1", 1);
    char bin[1024], dir[1024];
    snprintf(bin, sizeof bin, "%s/build/tools/httpd", sr_test_root());
    snprintf(dir, sizeof dir, "%s/tests/fixtures/feeds", sr_test_root());
    const char *argv[32] = {bin, dir, "--seconds", "30", "--log", "/dev/null"};
    int n = 6;
    for (; extra && *extra && n < 30; extra++) argv[n++] = *extra;
    argv[n] = NULL;
    int fd[2];
    if (pipe(fd) != 0) return s;
    s.pid = fork();
    if (s.pid == 0) {
        dup2(fd[1], 1);
        close(fd[0]);
        close(fd[1]);
        execv(bin, (char *const *)argv);
        _exit(127);
    }
    close(fd[1]);
    char line[32] = "";
    FILE *f = fdopen(fd[0], "r");
    if (f && fgets(line, sizeof line, f)) s.port = atoi(line);
    if (f) fclose(f);
    else close(fd[0]);
    return s;
}

static void stop(server *s) {
    if (s->pid > 0) {
        kill(s->pid, SIGKILL);
        waitpid(s->pid, NULL, 0);
    }
    s->pid = 0;
}

static void url(char *out, size_t cap, const server *s, const char *path) {
    snprintf(out, cap, "http://127.0.0.1:%d%s", s->port, path);
}

TEST(fetch_conditional_get) {
    server s = start(NULL);
    CHECK(s.port > 0);
    char u[256];
    url(u, sizeof u, &s, "/rss2.rss");
    sr_fetch_result r;
    sr_error err = {0};
    sr_status st = sr_fetch(u, NULL, &r, &err);
    if (st != SR_OK) stop(&s);
    CHECK_INT(st, SR_OK);
    CHECK_INT(r.status, 200);
    CHECK(r.len > 1000 && r.body && strncmp(r.body, "<?xml", 5) == 0);
    CHECK_INT(strlen(r.body), r.len);
    CHECK(r.etag[0] == '"');
    CHECK(strstr(r.last_modified, " GMT") != NULL);
    CHECK_STR(r.url, u);
    /* by ETag */
    sr_fetch_options o = {0, 0, 0, r.etag, NULL};
    sr_fetch_result r2;
    st = sr_fetch(u, &o, &r2, &err);
    CHECK_INT(st, SR_OK);
    CHECK_INT(r2.status, 304);
    CHECK(r2.body == NULL);
    CHECK_INT(r2.len, 0);
    /* by date */
    sr_fetch_options o2 = {0, 0, 0, NULL, r.last_modified};
    st = sr_fetch(u, &o2, &r2, &err);
    CHECK_INT(r2.status, 304);
    /* a stale ETag gets the body again */
    sr_fetch_options o3 = {0, 0, 0, "\"stale\"", NULL};
    st = sr_fetch(u, &o3, &r2, &err);
    CHECK_INT(r2.status, 200);
    CHECK_INT(r2.len, r.len);
    sr_fetch_result_free(&r2);
    sr_fetch_result_free(&r);
    CHECK(r.body == NULL);
    stop(&s);
}

TEST(fetch_feed_down) {
    const char *args[] = {"--fail", "/down.rss", "--close", "/closed.rss", NULL};
    server s = start(args);
    CHECK(s.port > 0);
    char u[256];
    sr_fetch_result r;
    sr_error err = {0};
    url(u, sizeof u, &s, "/down.rss");
    sr_status st = sr_fetch(u, NULL, &r, &err);
    CHECK_INT(st, SR_ERR_IO);
    CHECK_INT(r.status, 0);
    CHECK(r.body == NULL);
    CHECK(strstr(err.message, "/down.rss: server error: HTTP 500; the feed is down") != NULL);
    url(u, sizeof u, &s, "/closed.rss");
    CHECK_INT(sr_fetch(u, NULL, &r, &err), SR_ERR_IO);
    CHECK(strstr(err.message, "closed the connection without an answer") != NULL);
    url(u, sizeof u, &s, "/missing.rss");
    CHECK_INT(sr_fetch(u, NULL, &r, &err), SR_ERR_NOTFOUND);
    CHECK(strstr(err.message, "HTTP 404 (not found)") != NULL);
    stop(&s);
    /* nobody listens on the port any more */
    url(u, sizeof u, &s, "/rss2.rss");
    CHECK_INT(sr_fetch(u, NULL, &r, &err), SR_ERR_IO);
    CHECK(strstr(err.message, "cannot connect") != NULL);
    CHECK(strstr(err.message, "the feed is down") != NULL);
}

TEST(fetch_limits_and_redirects) {
    const char *args[] = {"--redirect", "/moved.rss=/atom.atom", "--redirect", "/loop=/loop",
                          "--redirect", "/evil=file:///etc/passwd", NULL};
    server s = start(args);
    CHECK(s.port > 0);
    char u[256], want[256];
    sr_fetch_result r;
    sr_error err = {0};
    url(u, sizeof u, &s, "/rss2.rss");
    sr_fetch_options small = {0, 0, 100, NULL, NULL};
    CHECK_INT(sr_fetch(u, &small, &r, &err), SR_ERR_TOOBIG);
    CHECK(strstr(err.message, "over the 100-byte limit") != NULL);
    url(u, sizeof u, &s, "/moved.rss");
    CHECK_INT(sr_fetch(u, NULL, &r, &err), SR_OK);
    CHECK_INT(r.status, 200);
    url(want, sizeof want, &s, "/atom.atom");
    CHECK_STR(r.url, want);
    CHECK(strstr(r.body, "<feed") != NULL);
    sr_fetch_result_free(&r);
    url(u, sizeof u, &s, "/loop");
    CHECK_INT(sr_fetch(u, NULL, &r, &err), SR_ERR_IO);
    CHECK(strstr(err.message, "more than 5 redirects") != NULL);
    url(u, sizeof u, &s, "/evil");
    CHECK(sr_fetch(u, NULL, &r, &err) != SR_OK);
    CHECK(r.body == NULL);
    stop(&s);
    CHECK_INT(sr_fetch("ftp://127.0.0.1/x", NULL, &r, &err), SR_ERR_ARG);
    CHECK_INT(sr_fetch("file:///etc/passwd", NULL, &r, &err), SR_ERR_ARG);
    CHECK(strstr(err.message, "not an http:// or https:// URL") != NULL);
    CHECK(sr_fetch_is_url("HTTPS://x"));
    CHECK(!sr_fetch_is_url("feeds.txt"));
}

TEST(fetch_timeout) {
    const char *args[] = {"--slow", "/rss2.rss", NULL};
    server s = start(args);
    CHECK(s.port > 0);
    char u[256];
    url(u, sizeof u, &s, "/rss2.rss");
    sr_fetch_result r;
    sr_error err = {0};
    sr_fetch_options o = {1, 1, 0, NULL, NULL};
    sr_status st = sr_fetch(u, &o, &r, &err);
    stop(&s);
    CHECK_INT(st, SR_ERR_IO);
    CHECK(strstr(err.message, "timed out (limit 1 s") != NULL);
}
