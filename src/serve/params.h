/*
 * params.h -- request parameters of the HTTP API: decoding a query string
 * and turning the parameters of GET /api/incidents into a store query.
 *
 * Everything a client sends is bounded here, before it reaches the store:
 * at most SR_PARAMS_MAX parameters of at most SR_PARAM_MAX_LEN bytes each,
 * every value checked against its type and range (a country is two
 * letters, a date YYYY[-MM[-DD]], a limit 1..SR_PAGE_MAX), and an unknown
 * parameter is an error (a typo must not silently widen a query).  Values
 * reach SQL only as bound parameters (store.h).  tests/fuzz/fuzz_params.c
 * feeds this parser arbitrary bytes.
 */
#ifndef SR_SERVE_PARAMS_H
#define SR_SERVE_PARAMS_H

#include <stddef.h>
#include <stdint.h>

#include "sitrep.h"
#include "../store/store.h"

#define SR_PARAMS_MAX 32
#define SR_PARAM_MAX_LEN 1024
#define SR_PAGE_DEFAULT 100
#define SR_PAGE_MAX 5000
#define SR_OFFSET_MAX 1000000

typedef struct sr_param {
    char *key, *value;        /* decoded, NUL-terminated, malloc'd */
} sr_param;

typedef struct sr_params {
    size_t n;
    sr_param v[SR_PARAMS_MAX];
} sr_params;

/* An empty parameter list (nothing to free). */
void sr_params_init(sr_params *p);
void sr_params_free(sr_params *p);

/* Append a decoded key and value (copied).  SR_ERR_TOOBIG past the
 * bounds; SR_ERR_ARG for a value that is not UTF-8 or holds control
 * characters. */
sr_status sr_params_add(sr_params *p, const char *key, const char *value,
                        sr_error *err);

/* Decode an application/x-www-form-urlencoded string ("a=1&b=x%20y",
 * '+' is a space) and append its parameters.  A parameter without '='
 * has the value ""; one without a name ("=v") is ignored. */
sr_status sr_params_parse(sr_params *p, const char *qs, size_t len,
                          sr_error *err);

/* The value of the last parameter named `key`, or NULL. */
const char *sr_params_get(const sr_params *p, const char *key);

typedef enum sr_out_format {
    SR_OUT_JSON = 0,
    SR_OUT_GEOJSON
} sr_out_format;

/* GET /api/incidents: the filters, the page and the format.  The strings
 * in `q` point into the sr_params it was made from. */
typedef struct sr_incidents_request {
    sr_query q;
    int64_t offset, limit;
    sr_out_format format;
} sr_incidents_request;

/* Check and convert the parameters (docs/api.md lists them); SR_ERR_ARG
 * with a message naming the parameter when one is wrong or unknown. */
sr_status sr_params_incidents(const sr_params *p, sr_incidents_request *out,
                              sr_error *err);

/* Small checked conversions, shared with the watch filters. */
int sr_param_int(const char *s, int64_t lo, int64_t hi, int64_t *out);
int sr_param_double(const char *s, double lo, double hi, double *out);
int sr_param_country(const char *s);      /* two ASCII capitals */
int sr_param_date(const char *s);         /* YYYY, YYYY-MM or YYYY-MM-DD */
int sr_param_word(const char *s);         /* [a-z_]{1,40}: a taxonomy type */

#endif
