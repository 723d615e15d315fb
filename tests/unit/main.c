/*
 * main.c -- runs the registered unit tests (see test.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "test.h"

typedef struct entry {
    const char *name, *file;
    sr_test_fn fn;
} entry;

static entry tests[2048];
static int ntests;
static int failed_now, skipped_now;

void sr_test_register(const char *name, const char *file, sr_test_fn fn) {
    if (ntests < (int)(sizeof tests / sizeof *tests))
        tests[ntests++] = (entry){name, file, fn};
}

void sr_test_fail(const char *file, int line, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "  FAIL %s:%d: ", file, line);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    failed_now = 1;
}

int sr_test_failed(void) { return failed_now; }

void sr_test_skip(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "  skip: ");
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    skipped_now = 1;
}

const char *sr_test_shared(const char *relpath, char *buf, size_t cap) {
    snprintf(buf, cap, "%s/../shared/%s", sr_test_root(), relpath);
    FILE *f = fopen(buf, "rb");
    if (!f) return NULL;
    fclose(f);
    return buf;
}

const char *sr_test_root(void) {
    const char *r = getenv("SR_TEST_ROOT");
    return r ? r : ".";
}

static int by_file(const void *a, const void *b) {
    const entry *x = a, *y = b;
    int c = strcmp(x->file, y->file);
    return c;
}

int main(int argc, char **argv) {
    const char *filter = argc > 1 ? argv[1] : NULL;
    qsort(tests, (size_t)ntests, sizeof *tests, by_file);
    int passed = 0, failed = 0, skipped = 0;
    for (int i = 0; i < ntests; i++) {
        if (filter && !strstr(tests[i].name, filter) && !strstr(tests[i].file, filter))
            continue;
        failed_now = skipped_now = 0;
        tests[i].fn();
        if (skipped_now && !failed_now) {
            fprintf(stderr, "skip %s (%s)\n", tests[i].name, tests[i].file);
            skipped++;
        } else if (failed_now) {
            fprintf(stderr, "not ok %s (%s)\n", tests[i].name, tests[i].file);
            failed++;
        } else {
            passed++;
        }
    }
    printf("unit: %d passed, %d failed, %d skipped\n", passed, failed, skipped);
    return failed ? 1 : 0;
}
