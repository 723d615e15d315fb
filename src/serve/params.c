/*
 * params.c -- decoding and checking request parameters (params.h).
 *
 * Decoding is one pass over the query string with no allocation beyond
 * the decoded copies; a percent escape that is not two hex digits is kept
 * as is (the way browsers treat it).  The checks after decoding are what
 * make a parameter safe to hand to the store: bounded length, valid
 * UTF-8 without control characters, and a type-specific shape.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "params.h"
#include "../core/error.h"
#include "../core/utf8.h"

void sr_params_init(sr_params *p) {
    p->n = 0;
}

void sr_params_free(sr_params *p) {
    for (size_t i = 0; i < p->n; i++) {
        free(p->v[i].key);
        free(p->v[i].value);
    }
    p->n = 0;
}

static int clean_text(const char *s, size_t n) {
    if (sr_utf8_valid_prefix(s, n) != n) return 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) return 0;
    return 1;
}

sr_status sr_params_add(sr_params *p, const char *key, const char *value,
                        sr_error *err) {
    if (!value) value = "";
    size_t kn = strlen(key), vn = strlen(value);
    if (p->n >= SR_PARAMS_MAX)
        return sr_fail(err, SR_ERR_TOOBIG, "more than %d parameters", SR_PARAMS_MAX);
    if (kn == 0 || kn > 64 || vn > SR_PARAM_MAX_LEN)
        return sr_fail(err, SR_ERR_TOOBIG, "a parameter name or value is too long (at most "
                       "64 and %d bytes)", SR_PARAM_MAX_LEN);
    if (!clean_text(key, kn) || !clean_text(value, vn))
        return sr_fail(err, SR_ERR_ARG, "a parameter is not UTF-8 text");
    char *k = strdup(key), *v = strdup(value);
    if (!k || !v) {
        free(k);
        free(v);
        return sr_fail(err, SR_ERR_NOMEM, "out of memory");
    }
    p->v[p->n].key = k;
    p->v[p->n].value = v;
    p->n++;
    return SR_OK;
}

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Decode s[0..n) into out (room for n + 1 bytes); returns the length. */
static size_t decode(const char *s, size_t n, char *out) {
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '+') {
            out[o++] = ' ';
        } else if (s[i] == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 &&
                   hexval(s[i + 2]) >= 0) {
            out[o++] = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
            i += 2;
        } else {
            out[o++] = s[i];
        }
    }
    out[o] = '\0';
    return o;
}

sr_status sr_params_parse(sr_params *p, const char *qs, size_t len,
                          sr_error *err) {
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && qs[j] != '&') j++;
        if (j > i) {
            size_t eq = i;
            while (eq < j && qs[eq] != '=') eq++;
            size_t kn = eq - i, vn = eq < j ? j - eq - 1 : 0;
            if (kn > 3 * 64 || vn > 3 * SR_PARAM_MAX_LEN)
                return sr_fail(err, SR_ERR_TOOBIG, "a parameter is too long");
            char k[3 * 64 + 1], *v = malloc(vn + 1);
            if (!v) return sr_fail(err, SR_ERR_NOMEM, "out of memory");
            size_t dk = decode(qs + i, kn, k);
            size_t dv = decode(eq < j ? qs + eq + 1 : "", vn, v);
            sr_status st = SR_OK;
            if (dk == 0)
                ;   /* "=v": no name, ignored */
            else if (memchr(k, 0, dk) || memchr(v, 0, dv))
                st = sr_fail(err, SR_ERR_ARG, "a parameter holds a NUL byte");
            else
                st = sr_params_add(p, k, v, err);
            free(v);
            if (st != SR_OK) return st;
        }
        i = j + 1;
    }
    return SR_OK;
}

const char *sr_params_get(const sr_params *p, const char *key) {
    for (size_t i = p->n; i-- > 0;)
        if (strcmp(p->v[i].key, key) == 0) return p->v[i].value;
    return NULL;
}

int sr_param_int(const char *s, int64_t lo, int64_t hi, int64_t *out) {
    if (!s || !*s) return 0;
    for (const char *c = s; *c; c++)
        if (!(*c >= '0' && *c <= '9') && !(c == s && *c == '-')) return 0;
    errno = 0;
    char *end;
    long long v = strtoll(s, &end, 10);
    if (errno || *end || v < lo || v > hi) return 0;
    *out = v;
    return 1;
}

int sr_param_double(const char *s, double lo, double hi, double *out) {
    if (!s || !*s || strlen(s) > 32) return 0;
    for (const char *c = s; *c; c++)
        if (!strchr("0123456789+-.eE", *c)) return 0;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || *end || !isfinite(v) || v < lo || v > hi) return 0;
    *out = v;
    return 1;
}

int sr_param_country(const char *s) {
    return s && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' && !s[2];
}

int sr_param_date(const char *s) {
    static const char *const SHAPES[] = {"dddd", "dddd-dd", "dddd-dd-dd"};
    if (!s) return 0;
    size_t n = strlen(s);
    for (size_t k = 0; k < 3; k++) {
        if (strlen(SHAPES[k]) != n) continue;
        size_t i = 0;
        for (; i < n; i++)
            if (SHAPES[k][i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != '-') break;
        if (i == n) {
            int month = n >= 7 ? (s[5] - '0') * 10 + (s[6] - '0') : 1;
            int day = n == 10 ? (s[8] - '0') * 10 + (s[9] - '0') : 1;
            return month >= 1 && month <= 12 && day >= 1 && day <= 31;
        }
    }
    return 0;
}

int sr_param_word(const char *s) {
    if (!s || !*s || strlen(s) > 40) return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || *s == '_')) return 0;
    return 1;
}

/* "LAT,LON,KM" */
static int parse_near(const char *s, double *lat, double *lon, double *km) {
    char buf[100];
    if (strlen(s) >= sizeof buf) return 0;
    strcpy(buf, s);
    char *a = buf, *b = strchr(a, ','), *c = b ? strchr(b + 1, ',') : NULL;
    if (!b || !c) return 0;
    *b++ = '\0';
    *c++ = '\0';
    return sr_param_double(a, -90, 90, lat) && sr_param_double(b, -180, 180, lon) &&
           sr_param_double(c, 0, 20000, km);
}

sr_status sr_params_incidents(const sr_params *p, sr_incidents_request *out,
                              sr_error *err) {
    memset(out, 0, sizeof *out);
    sr_query_init(&out->q);
    out->limit = SR_PAGE_DEFAULT;
    for (size_t i = 0; i < p->n; i++) {
        const char *k = p->v[i].key, *v = p->v[i].value;
        if (strcmp(k, "country") == 0) {
            if (!sr_param_country(v))
                return sr_fail(err, SR_ERR_ARG, "country: two capital letters (ISO 3166-1)");
            out->q.country = v;
        } else if (strcmp(k, "near") == 0) {
            if (!parse_near(v, &out->q.lat, &out->q.lon, &out->q.km))
                return sr_fail(err, SR_ERR_ARG, "near: LAT,LON,KM (degrees, km up to 20000)");
            out->q.near = 1;
        } else if (strcmp(k, "since") == 0 || strcmp(k, "until") == 0) {
            if (!sr_param_date(v))
                return sr_fail(err, SR_ERR_ARG, "%s: a date YYYY, YYYY-MM or YYYY-MM-DD", k);
            if (k[0] == 's') out->q.since = v;
            else out->q.until = v;
        } else if (strcmp(k, "type") == 0) {
            if (!sr_param_word(v))
                return sr_fail(err, SR_ERR_ARG, "type: a taxonomy type (docs/taxonomy.md)");
            out->q.type = v;
        } else if (strcmp(k, "actor") == 0) {
            if (!*v || strlen(v) > 200)
                return sr_fail(err, SR_ERR_ARG, "actor: 1 to 200 bytes");
            out->q.actor = v;
        } else if (strcmp(k, "text") == 0) {
            if (!*v || strlen(v) > 200)
                return sr_fail(err, SR_ERR_ARG, "text: 1 to 200 bytes");
            out->q.text = v;
        } else if (strcmp(k, "min_killed") == 0) {
            if (!sr_param_int(v, 0, 1000000000, &out->q.min_killed))
                return sr_fail(err, SR_ERR_ARG, "min_killed: a whole number >= 0");
        } else if (strcmp(k, "status") == 0) {
            if (strcmp(v, "main") != 0 && strcmp(v, "background") != 0)
                return sr_fail(err, SR_ERR_ARG, "status: main or background");
            out->q.status = v;
        } else if (strcmp(k, "limit") == 0) {
            if (!sr_param_int(v, 1, SR_PAGE_MAX, &out->limit))
                return sr_fail(err, SR_ERR_ARG, "limit: 1 to %d", SR_PAGE_MAX);
        } else if (strcmp(k, "offset") == 0) {
            if (!sr_param_int(v, 0, SR_OFFSET_MAX, &out->offset))
                return sr_fail(err, SR_ERR_ARG, "offset: 0 to %d", SR_OFFSET_MAX);
        } else if (strcmp(k, "format") == 0) {
            if (strcmp(v, "json") == 0) out->format = SR_OUT_JSON;
            else if (strcmp(v, "geojson") == 0) out->format = SR_OUT_GEOJSON;
            else return sr_fail(err, SR_ERR_ARG, "format: json or geojson");
        } else {
            return sr_fail(err, SR_ERR_ARG, "unknown parameter \"%.64s\" (docs/api.md)", k);
        }
    }
    return SR_OK;
}
