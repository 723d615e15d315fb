/*
 * json.c -- see json.h.
 */
#include "json.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void sr_json_init(sr_json *j, sr_buf *out, int pretty) {
    memset(j, 0, sizeof *j);
    j->out = out;
    j->pretty = pretty;
    j->first[0] = 1;
}

static void newline(sr_json *j) {
    sr_buf_addc(j->out, '\n');
    for (int i = 0; i < j->depth; i++) sr_buf_add(j->out, "  ", 2);
}

/* Called before every value or key: writes the separator. */
static void before_item(sr_json *j) {
    if (j->after_key) { j->after_key = 0; return; }
    if (!j->first[j->depth]) sr_buf_addc(j->out, ',');
    j->first[j->depth] = 0;
    if (j->pretty && j->depth > 0) newline(j);
}

static void open(sr_json *j, char c) {
    before_item(j);
    sr_buf_addc(j->out, c);
    if (j->depth + 1 < SR_JSON_MAX_DEPTH) j->depth++;
    j->first[j->depth] = 1;
}

static void close(sr_json *j, char c) {
    int empty = j->first[j->depth];
    if (j->depth > 0) j->depth--;
    if (j->pretty && !empty) newline(j);
    sr_buf_addc(j->out, c);
}

void sr_json_obj_begin(sr_json *j) { open(j, '{'); }
void sr_json_obj_end(sr_json *j) { close(j, '}'); }
void sr_json_arr_begin(sr_json *j) { open(j, '['); }
void sr_json_arr_end(sr_json *j) { close(j, ']'); }

void sr_json_escape(sr_buf *out, const char *s, size_t n) {
    static const char hex[] = "0123456789abcdef";
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        sr_buf_add(out, s + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': sr_buf_add(out, "\\\"", 2); break;
        case '\\': sr_buf_add(out, "\\\\", 2); break;
        case '\n': sr_buf_add(out, "\\n", 2); break;
        case '\r': sr_buf_add(out, "\\r", 2); break;
        case '\t': sr_buf_add(out, "\\t", 2); break;
        default: {
            char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            sr_buf_add(out, u, 6);
        }
        }
    }
    sr_buf_add(out, s + run, n - run);
}

void sr_json_key(sr_json *j, const char *key) {
    before_item(j);
    sr_buf_addc(j->out, '"');
    sr_json_escape(j->out, key, strlen(key));
    sr_buf_add(j->out, j->pretty ? "\": " : "\":", j->pretty ? 3 : 2);
    j->after_key = 1;
}

void sr_json_strn(sr_json *j, const char *s, size_t n) {
    before_item(j);
    if (!s) { sr_buf_add(j->out, "null", 4); return; }
    sr_buf_addc(j->out, '"');
    sr_json_escape(j->out, s, n);
    sr_buf_addc(j->out, '"');
}

void sr_json_str(sr_json *j, const char *s) { sr_json_strn(j, s, s ? strlen(s) : 0); }

void sr_json_int(sr_json *j, int64_t v) {
    before_item(j);
    sr_buf_printf(j->out, "%lld", (long long)v);
}

void sr_json_double(sr_json *j, double v, int decimals) {
    before_item(j);
    if (!isfinite(v)) { sr_buf_add(j->out, "null", 4); return; }
    char tmp[64];
    int n = snprintf(tmp, sizeof tmp, "%.*f", decimals, v);
    /* Trim trailing zeros so that 12.650000 prints as 12.65. */
    if (decimals > 0) {
        while (n > 1 && tmp[n - 1] == '0') n--;
        if (tmp[n - 1] == '.') n--;
    }
    if (n == 2 && tmp[0] == '-' && tmp[1] == '0') { tmp[0] = '0'; n = 1; }
    sr_buf_add(j->out, tmp, (size_t)n);
}

void sr_json_bool(sr_json *j, int v) {
    before_item(j);
    sr_buf_adds(j->out, v ? "true" : "false");
}

void sr_json_null(sr_json *j) {
    before_item(j);
    sr_buf_add(j->out, "null", 4);
}

void sr_json_raw(sr_json *j, const char *json, size_t n) {
    before_item(j);
    sr_buf_add(j->out, json, n);
}

void sr_json_span(sr_json *j, uint32_t start, uint32_t end) {
    before_item(j);
    sr_buf_printf(j->out, "[%u,%s%u]", start, j->pretty ? " " : "", end);
}
