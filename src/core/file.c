/*
 * file.c -- reading a whole file into memory (see file.h).
 *
 * The file is read in chunks into a growing buffer rather than sized with
 * fstat() first, so that pipes and files whose size changes while they are
 * read give what was read; the limit is checked as the bytes arrive, so an
 * endless input stops at `max`.
 */
#include "file.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "error.h"

sr_status sr_file_read(const char *path, size_t max, char **data, size_t *len, sr_error *err) {
    *data = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f) return sr_fail(err, SR_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    sr_buf b = SR_BUF_INIT;
    char chunk[65536];
    size_t n;
    sr_status st = SR_OK;
    while (st == SR_OK && !b.oom && (n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (n > max - b.len)
            st = sr_fail(err, SR_ERR_TOOBIG, "%s: larger than %zu bytes", path, max);
        else
            sr_buf_add(&b, chunk, n);
    }
    if (st == SR_OK && ferror(f))
        st = sr_fail(err, SR_ERR_IO, "%s: cannot read: %s", path, strerror(errno));
    fclose(f);
    if (st == SR_OK && !b.oom) *data = sr_buf_steal(&b, len);
    if (st == SR_OK && !*data) st = sr_fail(err, SR_ERR_NOMEM, "%s: out of memory", path);
    sr_buf_free(&b);
    return st;
}
