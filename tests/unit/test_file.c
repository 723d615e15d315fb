/*
 * test_file.c -- sr_file_read(): contents and length, the NUL after them,
 * empty files, the size limit, and errors that name the file.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test.h"
#include "../../src/core/file.h"

/* A temporary file holding n bytes of s; its path in buf. */
static int write_tmp(char *buf, size_t cap, const char *s, size_t n) {
    snprintf(buf, cap, "/tmp/sr_test_file_%ld", (long)getpid());
    FILE *f = fopen(buf, "wb");
    if (!f) return -1;
    size_t w = fwrite(s, 1, n, f);
    return fclose(f) == 0 && w == n ? 0 : -1;
}

TEST(file_read_whole) {
    char path[256];
    const char text[] = "one\ttwo\n\0three";   /* a NUL inside is kept */
    CHECK(write_tmp(path, sizeof path, text, sizeof text - 1) == 0);
    char *data = NULL;
    size_t len = 0;
    sr_error err;
    CHECK_INT(sr_file_read(path, SIZE_MAX, &data, &len, &err), SR_OK);
    CHECK_INT(len, sizeof text - 1);
    CHECK(memcmp(data, text, len) == 0);
    CHECK_INT(data[len], 0);
    free(data);
    /* exactly at the limit is fine, one byte less is not */
    CHECK_INT(sr_file_read(path, len, &data, &len, &err), SR_OK);
    free(data);
    CHECK_INT(sr_file_read(path, sizeof text - 2, &data, &len, &err), SR_ERR_TOOBIG);
    CHECK(data == NULL);
    CHECK_INT(len, 0);
    CHECK(strstr(err.message, path) != NULL);
    remove(path);
}

TEST(file_read_large) {
    /* more than one chunk of the reading loop */
    size_t n = 200000;
    char *big = malloc(n);
    CHECK(big != NULL);
    for (size_t i = 0; i < n; i++) big[i] = (char)('a' + i % 26);
    char path[256];
    CHECK(write_tmp(path, sizeof path, big, n) == 0);
    char *data;
    size_t len;
    sr_error err;
    CHECK_INT(sr_file_read(path, SIZE_MAX, &data, &len, &err), SR_OK);
    CHECK_INT(len, n);
    CHECK(memcmp(data, big, n) == 0);
    CHECK_INT(data[n], 0);
    free(data);
    CHECK_INT(sr_file_read(path, 100000, &data, &len, &err), SR_ERR_TOOBIG);
    free(big);
    remove(path);
}

TEST(file_read_empty) {
    char path[256];
    CHECK(write_tmp(path, sizeof path, "", 0) == 0);
    char *data = NULL;
    size_t len = 1;
    sr_error err;
    CHECK_INT(sr_file_read(path, 0, &data, &len, &err), SR_OK);
    CHECK(data != NULL);
    CHECK_INT(len, 0);
    CHECK_STR(data, "");
    free(data);
    remove(path);
}

TEST(file_read_errors) {
    char *data = (char *)"x";
    size_t len = 7;
    sr_error err;
    CHECK_INT(sr_file_read("/nonexistent/sitrep/f.tsv", SIZE_MAX, &data, &len, &err), SR_ERR_IO);
    CHECK(data == NULL);
    CHECK_INT(len, 0);
    CHECK_STR(err.message, "/nonexistent/sitrep/f.tsv: cannot open: No such file or directory");
    /* a directory opens but cannot be read */
    CHECK_INT(sr_file_read("/tmp", SIZE_MAX, &data, &len, &err), SR_ERR_IO);
    CHECK(data == NULL);
    CHECK(strncmp(err.message, "/tmp: cannot read", 17) == 0);
    /* err may be NULL */
    CHECK_INT(sr_file_read("/nonexistent/sitrep/f.tsv", SIZE_MAX, &data, &len, NULL), SR_ERR_IO);
}
