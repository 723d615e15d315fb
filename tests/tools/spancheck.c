/*
 * spancheck.c -- checks the span invariant of sitrep/1 output.
 *
 *   spancheck DOCUMENT OUTPUT.jsonl
 *
 * DOCUMENT is the input file (any format sitrep reads); OUTPUT the
 * sitrep/1 objects sitrep wrote for it, one per line, in the same order.  Every JSON object anywhere in the output that has both
 * "text" (a string) and "span" ([start, end]) must satisfy: the bytes of
 * the document's text at [start, end) equal "text".  Spans without text
 * (sources, sentences) must lie inside the document.  Prints each
 * violation and the count checked; exits 1 on any violation.
 *
 * The document's text is read through the library's own reader (sr_reader),
 * so that the checker and the program cannot disagree on what the text is
 * (a byte order mark dropped, a windows-1252 file decoded, invalid UTF-8
 * replaced).
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep.h"
#include "../../src/core/file.h"

static size_t checked, bad;

static int get_span(json_t *s, json_int_t *a, json_int_t *b) {
    if (!json_is_array(s) || json_array_size(s) != 2) return 0;
    json_t *x = json_array_get(s, 0), *y = json_array_get(s, 1);
    if (!json_is_integer(x) || !json_is_integer(y)) return 0;
    *a = json_integer_value(x);
    *b = json_integer_value(y);
    return 1;
}

static void check_span(const char *path, json_int_t a, json_int_t b, size_t len) {
    checked++;
    if (a < 0 || b < a || (size_t)b > len) {
        fprintf(stderr, "spancheck: %s: span [%lld,%lld) outside the text (%zu bytes)\n",
                path, (long long)a, (long long)b, len);
        bad++;
    }
}

static void walk(json_t *v, const char *text, size_t len, const char *path) {
    if (json_is_array(v)) {
        /* A span array itself, e.g. in "sentences": [[s,e], ...]. */
        json_int_t a, b;
        if (get_span(v, &a, &b) && strstr(path, "sentences")) {
            check_span(path, a, b, len);
            return;
        }
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x) walk(x, text, len, path);
        return;
    }
    if (!json_is_object(v)) return;
    json_t *t = json_object_get(v, "text"), *s = json_object_get(v, "span");
    json_int_t a, b;
    if (s && get_span(s, &a, &b)) {
        check_span(path, a, b, len);
        if (json_is_string(t) && a >= 0 && b >= a && (size_t)b <= len) {
            size_t n = json_string_length(t);
            if (n != (size_t)(b - a) || memcmp(text + a, json_string_value(t), n) != 0) {
                fprintf(stderr, "spancheck: %s: span [%lld,%lld) is \"%.*s\", text is \"%s\"\n",
                        path, (long long)a, (long long)b, (int)(b - a), text + a,
                        json_string_value(t));
                bad++;
            }
        }
    }
    const char *k;
    json_t *x;
    json_object_foreach(v, k, x) {
        char sub[256];
        snprintf(sub, sizeof sub, "%s.%s", path, k);
        walk(x, text, len, sub);
    }
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: spancheck DOCUMENT OUTPUT.jsonl\n");
        return 2;
    }
    size_t outlen;
    char *out = NULL;
    sr_reader *r;
    sr_error err = {0};
    if (sr_file_read(argv[2], SIZE_MAX, &out, &outlen, &err) != SR_OK ||
        sr_reader_open(argv[1], SR_FORMAT_AUTO, &r, &err) != SR_OK) {
        fprintf(stderr, "spancheck: cannot read %s %s\n", out ? argv[1] : argv[2], err.message);
        return 2;
    }
    size_t pos = 0, ndocs = 0;
    for (;;) {
        sr_doc *d;
        sr_status st = sr_reader_next(r, &d, &err);
        if (st == SR_DONE) break;
        if (st != SR_OK) continue;  /* sitrep skipped it too */
        if (pos >= outlen) {
            fprintf(stderr, "spancheck: %s: fewer output lines than documents\n", argv[2]);
            bad++;
            sr_doc_free(d);
            break;
        }
        char *nl = memchr(out + pos, '\n', outlen - pos);
        size_t n = nl ? (size_t)(nl - (out + pos)) : outlen - pos;
        json_error_t je;
        json_t *root = json_loadb(out + pos, n, 0, &je);
        pos += n + (nl ? 1 : 0);
        if (!root) {
            fprintf(stderr, "spancheck: %s: invalid JSON: %s\n", argv[2], je.text);
            bad++;
        } else {
            size_t len;
            const char *text = sr_doc_text(d, &len);
            walk(root, text ? text : "", text ? len : 0, "$");
            json_decref(root);
        }
        ndocs++;
        sr_doc_free(d);
    }
    sr_reader_close(r);
    printf("spancheck: %zu documents, %zu spans checked, %zu bad\n", ndocs, checked, bad);
    free(out);
    return bad ? 1 : 0;
}
