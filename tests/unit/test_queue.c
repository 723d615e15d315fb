/*
 * test_queue.c -- the queue module without a Redis server: RESP replies
 * parsed whole, in pieces and malformed; commands encoded; queue URLs;
 * stream entries turned into documents; and the connection against a
 * scripted loopback server that answers LOADING, as Redis does while it
 * reads its data back after a restart.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "test.h"
#include "../../src/queue/queue.h"
#include "../../src/queue/redis.h"

static long parse(const char *s, sr_resp *r) {
    return sr_resp_parse(s, strlen(s), r);
}

TEST(queue_resp_scalars) {
    sr_resp r;
    CHECK_INT(parse("+OK\r\n", &r), 5);
    CHECK_INT(r.type, SR_RESP_STATUS);
    CHECK_STR(r.str, "OK");
    sr_resp_free(&r);
    CHECK_INT(parse("-ERR no such key\r\n", &r), 18);
    CHECK_INT(r.type, SR_RESP_ERROR);
    CHECK_STR(r.str, "ERR no such key");
    sr_resp_free(&r);
    CHECK_INT(parse(":-42\r\n", &r), 6);
    CHECK_INT(r.type, SR_RESP_INT);
    CHECK_INT(r.integer, -42);
    CHECK_INT(parse("$-1\r\n", &r), 5);
    CHECK_INT(r.type, SR_RESP_NIL);
    CHECK_INT(parse("*-1\r\n", &r), 5);
    CHECK_INT(r.type, SR_RESP_NIL);
    /* a bulk string may hold CR, LF and NUL */
    const char bulk[] = "$5\r\na\r\n\0b\r\n";
    CHECK_INT(sr_resp_parse(bulk, sizeof bulk - 1, &r), 11);
    CHECK_INT(r.type, SR_RESP_BULK);
    CHECK_INT(r.len, 5);
    CHECK(memcmp(r.str, "a\r\n\0b", 5) == 0);
    sr_resp_free(&r);
    CHECK_INT(parse("$0\r\n\r\n", &r), 6);
    CHECK_INT(r.len, 0);
    CHECK_STR(r.str, "");
    sr_resp_free(&r);
}

TEST(queue_resp_arrays_and_pieces) {
    const char *s = "*3\r\n$3\r\n0-0\r\n*1\r\n*2\r\n$3\r\n5-0\r\n*2\r\n$3\r\nkey\r\n$2\r\nd1\r\n*0\r\n+extra";
    size_t whole = strlen(s) - strlen("+extra");
    sr_resp r;
    /* every proper prefix needs more; the whole reply stops before "+extra" */
    for (size_t n = 0; n < whole; n++) {
        CHECK_INT(sr_resp_parse(s, n, &r), 0);
    }
    CHECK_INT(sr_resp_parse(s, strlen(s), &r), (long)whole);
    CHECK_INT(r.type, SR_RESP_ARRAY);
    CHECK_INT(r.n, 3);
    CHECK_STR(sr_resp_at(&r, 0)->str, "0-0");
    const sr_resp *e = sr_resp_at(sr_resp_at(&r, 1), 0);
    CHECK_STR(sr_resp_at(e, 0)->str, "5-0");
    CHECK_STR(sr_resp_at(sr_resp_at(e, 1), 1)->str, "d1");
    CHECK_INT(sr_resp_at(&r, 2)->n, 0);
    CHECK(sr_resp_at(&r, 3) == NULL);
    sr_resp_free(&r);
}

TEST(queue_resp_malformed) {
    sr_resp r;
    CHECK_INT(parse("?\r\n", &r), -1);
    CHECK_INT(parse(":12x\r\n", &r), -1);
    CHECK_INT(parse(":\r\n", &r), -1);
    CHECK_INT(parse("+OK\n", &r), -1);
    CHECK_INT(parse("$3\r\nabcd\r\n", &r), -1);     /* body longer than said */
    CHECK_INT(parse("$-2\r\n", &r), -1);
    CHECK_INT(parse("*99999999999999999999\r\n", &r), -1);
    CHECK_INT(parse("*2\r\n:1\r\n?\r\n", &r), -1);   /* a bad element */
    /* nesting deeper than SR_RESP_MAX_DEPTH */
    char deep[64] = "";
    for (int i = 0; i < SR_RESP_MAX_DEPTH + 2; i++) strcat(deep, "*1\r\n");
    strcat(deep, ":1\r\n");
    CHECK_INT(parse(deep, &r), -1);
    /* a huge announced array with few bytes is "need more", not an allocation */
    CHECK_INT(parse("*1000000\r\n:1\r\n", &r), 0);
}

TEST(queue_resp_command) {
    sr_buf b = SR_BUF_INIT;
    const char *argv[] = {"XACK", "s", "g", "1-0"};
    sr_resp_command(&b, 4, argv, NULL);
    CHECK_STR(b.data, "*4\r\n$4\r\nXACK\r\n$1\r\ns\r\n$1\r\ng\r\n$3\r\n1-0\r\n");
    sr_buf_reset(&b);
    const char *bin[] = {"a\r\nb"};
    size_t lens[] = {4};
    sr_resp_command(&b, 1, bin, lens);
    CHECK_INT(b.len, 14);
    CHECK(memcmp(b.data, "*1\r\n$4\r\na\r\nb\r\n", 14) == 0);
    sr_buf_free(&b);
}

TEST(queue_url) {
    char *host, *stream;
    int port;
    sr_error err;
    CHECK_INT(sr_redis_url("redis://127.0.0.1:6390/articles", &host, &port, &stream, &err), SR_OK);
    CHECK_STR(host, "127.0.0.1");
    CHECK_INT(port, 6390);
    CHECK_STR(stream, "articles");
    free(host);
    free(stream);
    CHECK_INT(sr_redis_url("redis://broker/news", &host, &port, &stream, &err), SR_OK);
    CHECK_INT(port, 6379);
    free(host);
    free(stream);
    CHECK_INT(sr_redis_url("http://x/s", &host, &port, &stream, &err), SR_ERR_ARG);
    CHECK_INT(sr_redis_url("redis://x:1", &host, &port, &stream, &err), SR_ERR_ARG);
    CHECK_INT(sr_redis_url("redis://x:0/s", &host, &port, &stream, &err), SR_ERR_ARG);
    CHECK_INT(sr_redis_url("redis://x:80/a/b", &host, &port, &stream, &err), SR_ERR_ARG);
    CHECK_INT(sr_redis_url("redis://:80/s", &host, &port, &stream, &err), SR_ERR_ARG);
}

TEST(queue_entries) {
    const char *s = "*3\r\n"
                    "*2\r\n$3\r\n1-0\r\n*8\r\n$3\r\nkey\r\n$2\r\nd1\r\n$5\r\ntitle\r\n$2\r\nT1\r\n"
                    "$4\r\ndate\r\n$10\r\n2023-03-15\r\n$4\r\ntext\r\n$10\r\nA bomb hit\r\n"
                    "*2\r\n$3\r\n2-0\r\n*2\r\n$4\r\ntext\r\n$2\r\nno\r\n"  /* no key */
                    "*2\r\n$3\r\n3-0\r\n*-1\r\n";                            /* deleted */
    sr_resp r;
    CHECK(parse(s, &r) > 0);
    sr_entries es;
    sr_error err;
    CHECK_INT(sr_queue_entries(&r, &es, &err), SR_OK);
    sr_resp_free(&r);
    CHECK_INT(es.n, 3);
    CHECK_STR(es.v[0].id, "1-0");
    CHECK(es.v[0].doc != NULL);
    CHECK_STR(sr_doc_field(es.v[0].doc, SR_FIELD_ID), "d1");
    CHECK_STR(sr_doc_field(es.v[0].doc, SR_FIELD_TITLE), "T1");
    CHECK_STR(es.v[0].date, "2023-03-15");
    size_t len;
    CHECK_STR(sr_doc_text(es.v[0].doc, &len), "A bomb hit");
    CHECK(es.v[1].doc == NULL);
    CHECK(strstr(es.v[1].problem, "no key") != NULL);
    CHECK(es.v[2].doc == NULL);
    CHECK(strstr(es.v[2].problem, "deleted") != NULL);
    sr_entries_clear(&es);
}

/* A one-connection server: answers each command with the next reply of
 * `script` (NULL-terminated), then closes. */
typedef struct scripted {
    int lfd;
    const char *const *script;
} scripted;

static void *serve_script(void *arg) {
    scripted *sv = arg;
    int fd = accept(sv->lfd, NULL, NULL);
    if (fd < 0) return NULL;
    char buf[4096];
    for (const char *const *r = sv->script; *r; r++) {
        if (recv(fd, buf, sizeof buf, 0) <= 0) break;   /* one small command */
        if (send(fd, *r, strlen(*r), 0) < 0) break;
    }
    close(fd);
    return NULL;
}

static int listen_local(int *port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) || listen(fd, 1) ||
        getsockname(fd, (struct sockaddr *)&a, &len)) {
        if (fd >= 0) close(fd);
        return -1;
    }
    *port = ntohs(a.sin_port);
    return fd;
}

static int ping(double retry_s, const char *const *script, sr_resp *reply, sr_status *st) {
    int port;
    scripted sv = {listen_local(&port), script};
    if (sv.lfd < 0) return -1;
    pthread_t th;
    if (pthread_create(&th, NULL, serve_script, &sv)) return -1;
    sr_redis *r;
    sr_error err;
    *st = sr_redis_open("127.0.0.1", port, retry_s, &r, &err);
    if (*st == SR_OK) {
        const char *argv[] = {"PING"};
        size_t lens[] = {4};
        *st = sr_redis_cmd(r, 1, argv, lens, reply, &err);
        sr_redis_close(r);
    }
    pthread_join(th, NULL);
    close(sv.lfd);
    return 0;
}

TEST(queue_redis_waits_out_loading) {
    static const char *const loading_then_pong[] = {
        "-LOADING Redis is loading the dataset in memory\r\n",
        "-LOADING Redis is loading the dataset in memory\r\n", "+PONG\r\n", NULL};
    sr_resp reply;
    sr_status st;
    CHECK_INT(ping(5, loading_then_pong, &reply, &st), 0);
    CHECK_INT(st, SR_OK);
    CHECK_INT(reply.type, SR_RESP_STATUS);
    CHECK_STR(reply.str, "PONG");
    sr_resp_free(&reply);
    /* still loading after --retry: the caller gets the error */
    static const char *const always_loading[] = {
        "-LOADING a\r\n", "-LOADING b\r\n", "-LOADING c\r\n", "-LOADING d\r\n",
        "-LOADING e\r\n", "-LOADING f\r\n", NULL};
    CHECK_INT(ping(0.25, always_loading, &reply, &st), 0);
    CHECK_INT(st, SR_OK);
    CHECK_INT(reply.type, SR_RESP_ERROR);
    CHECK(strncmp(reply.str, "LOADING", 7) == 0);
    sr_resp_free(&reply);
    /* another error is returned at once */
    static const char *const wrongtype[] = {"-WRONGTYPE no\r\n", "+PONG\r\n", NULL};
    CHECK_INT(ping(5, wrongtype, &reply, &st), 0);
    CHECK_INT(reply.type, SR_RESP_ERROR);
    CHECK_STR(reply.str, "WRONGTYPE no");
    sr_resp_free(&reply);
}
