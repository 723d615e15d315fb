/*
 * test_buf.c -- the string builder: an untouched buffer is stolen as an
 * allocated "" (buf.h: always NUL-terminated), a written one as its bytes.
 */
#include <stdlib.h>

#include "test.h"
#include "../../src/core/buf.h"

TEST(buf_steal_empty_is_empty_string) {
    sr_buf b = SR_BUF_INIT;
    size_t len = 99;
    char *s = sr_buf_steal(&b, &len);
    CHECK(s != NULL);
    CHECK_INT(len, 0);
    CHECK_STR(s, "");
    free(s);
    CHECK(b.data == NULL);
}

TEST(buf_steal_written) {
    sr_buf b = SR_BUF_INIT;
    sr_buf_adds(&b, "abc");
    sr_buf_printf(&b, "-%d", 42);
    size_t len;
    char *s = sr_buf_steal(&b, &len);
    CHECK_INT(len, 6);
    CHECK_STR(s, "abc-42");
    free(s);
    CHECK_INT(b.len, 0);
}
