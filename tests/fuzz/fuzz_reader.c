/*
 * fuzz_reader.c -- libFuzzer harness for sr_reader: byte sniffing (empty,
 * binary, BOMs, UTF-16), format guessing and the buffered JSONL line
 * reader with its over-limit line skipping.
 *
 * The input is written to a temporary file, which is read to its end
 * twice: with the format guessed, and forced to JSONL; both with a
 * document limit of 300 bytes so that over-long lines, buffer refills and
 * skips happen on small inputs.  Every document must have valid UTF-8
 * text; every error must name the file; the reader must end (never more
 * results than lines plus one).
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/core/doc.h"
#include "../../src/core/utf8.h"
#include "../../src/read/formats.h"

static char path[64];

static void remove_file(void) { unlink(path); }

static void read_through(sr_format format, size_t size) {
    sr_reader *r;
    sr_error err = {0};
    if (sr_reader_open(path, format, &r, &err) != SR_OK) abort();
    sr_reader_set_limit(r, 300);
    size_t results = 0;
    for (;;) {
        sr_doc *d = NULL;
        sr_status st = sr_reader_next(r, &d, &err);
        if (st == SR_DONE) break;
        if (++results > size + 2) abort();  /* must end */
        if (st == SR_OK) {
            size_t n;
            const char *t = sr_doc_text(d, &n);
            if (!t || sr_utf8_valid_prefix(t, n) != n || memchr(t, 0, n)) abort();
            sr_doc_free(d);
        } else if (d || strncmp(err.message, path, strlen(path)) != 0) {
            abort();
        }
    }
    sr_reader_close(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!path[0]) {
        const char *t = getenv("TMPDIR");
        /* tmpfs when there is one: this harness writes the file on every run */
        if (!(t && *t)) t = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
        snprintf(path, sizeof path, "%.40s/srfuzzXXXXXX", t);
        int fd = mkstemp(path);
        if (fd < 0) abort();
        close(fd);
        atexit(remove_file);
    }
    /* Overwrite, then cut: truncating to zero first would make ext4 flush
     * the file to disk on every run (its replace-via-truncate heuristic). */
    int fd = open(path, O_WRONLY);
    if (fd < 0) abort();
    if (size && pwrite(fd, data, size, 0) != (ssize_t)size) abort();
    if (ftruncate(fd, (off_t)size) != 0 || close(fd) != 0) abort();
    read_through(SR_FORMAT_AUTO, size);
    read_through(SR_FORMAT_JSONL, size);
    return 0;
}
