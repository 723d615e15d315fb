/*
 * test.h -- the unit test harness.
 *
 * A test file holds TEST(name) { ... } blocks; each registers itself at
 * start-up, and build/unit_tests runs them all (or those whose name
 * contains argv[1]).  A failed CHECK ends its test and is reported with
 * file and line; the run ends with "unit: N passed, M failed".
 */
#ifndef SR_TEST_H
#define SR_TEST_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef void (*sr_test_fn)(void);
void sr_test_register(const char *name, const char *file, sr_test_fn fn);
void sr_test_fail(const char *file, int line, const char *fmt, ...);
int sr_test_failed(void);
void sr_test_skip(const char *fmt, ...);

/* Path of the seed article (../shared/seed/NAME beside the repository), or
 * NULL when the research material is absent (a user's clone): tests that
 * need it then SKIP. */
const char *sr_test_shared(const char *relpath, char *buf, size_t cap);

/* Directory of the repository's data/ and tests/ (for fixtures). */
const char *sr_test_root(void);

#define TEST(name)                                                           \
    static void test_##name(void);                                           \
    __attribute__((constructor)) static void register_##name(void) {        \
        sr_test_register(#name, __FILE__, test_##name);                      \
    }                                                                        \
    static void test_##name(void)

/* End the test as skipped, saying why. */
#define SKIP(...)                                                            \
    do { sr_test_skip(__VA_ARGS__); return; } while (0)

#define CHECK(cond)                                                          \
    do {                                                                     \
        if (!(cond)) { sr_test_fail(__FILE__, __LINE__, "%s", #cond); return; } \
    } while (0)

#define CHECK_INT(a, b)                                                      \
    do {                                                                     \
        long long a_ = (long long)(a), b_ = (long long)(b);                  \
        if (a_ != b_) {                                                      \
            sr_test_fail(__FILE__, __LINE__, "%s == %lld, expected %lld", #a, a_, b_); \
            return;                                                          \
        }                                                                    \
    } while (0)

#define CHECK_STR(a, b)                                                      \
    do {                                                                     \
        const char *a_ = (a), *b_ = (b);                                     \
        if (!a_ || !b_ || strcmp(a_, b_) != 0) {                             \
            sr_test_fail(__FILE__, __LINE__, "%s == \"%s\", expected \"%s\"", #a, \
                         a_ ? a_ : "(null)", b_ ? b_ : "(null)");            \
            return;                                                          \
        }                                                                    \
    } while (0)

/* The bytes of a span compared with a string. */
#define CHECK_SPAN(text, start, end, expect)                                 \
    do {                                                                     \
        size_t n_ = (size_t)(end) - (size_t)(start);                         \
        const char *e_ = (expect);                                           \
        if (n_ != strlen(e_) || memcmp((text) + (start), e_, n_) != 0) {     \
            sr_test_fail(__FILE__, __LINE__, "span [%u,%u) is \"%.*s\", expected \"%s\"", \
                         (unsigned)(start), (unsigned)(end), (int)n_, (text) + (start), e_); \
            return;                                                          \
        }                                                                    \
    } while (0)

#endif
