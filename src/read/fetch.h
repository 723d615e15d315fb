/*
 * fetch.h -- HTTP(S) GET of a feed with libcurl, conditional when asked.
 *
 * A feed is polled every few minutes; most polls find nothing new.  The
 * caller keeps the validators of the last answer (ETag, Last-Modified)
 * and passes them back: the server then answers 304 Not Modified with no
 * body when nothing changed, which costs neither side anything.
 *
 * Only http:// and https:// URLs, also across redirects (at most 5).
 * Timeouts: 10 s to connect, 60 s for the whole transfer (both settable).
 * A body over the size limit (SR_MAX_DOC_BYTES unless set lower) ends the
 * transfer.  Compressed answers (gzip, deflate) are decoded.  Every
 * failure is an error naming the URL and what went wrong, in words a user
 * can act on: "cannot connect (Connection refused)", "server error: HTTP
 * 503", "timed out after 60 s", ...
 */
#ifndef SR_FETCH_H
#define SR_FETCH_H

#include <stddef.h>

#include "sitrep.h"

typedef struct sr_fetch_options {
    long connect_timeout_s;  /* 0: 10 */
    long timeout_s;          /* 0: 60 */
    size_t max_bytes;        /* 0: SR_MAX_DOC_BYTES */
    const char *etag;        /* from the last 200 answer, or NULL: If-None-Match */
    const char *last_modified; /* likewise: If-Modified-Since */
} sr_fetch_options;

typedef struct sr_fetch_result {
    long status;             /* 200 (body set) or 304 (not modified, no body) */
    char *body;              /* NUL-terminated, malloc'd; NULL for 304 */
    size_t len;
    char etag[256];          /* validators of this answer, "" when absent */
    char last_modified[64];
    char url[1024];          /* where the body came from, after redirects */
} sr_fetch_result;

/* GET url.  SR_OK with res->status 200 or 304; otherwise an error:
 * SR_ERR_ARG (not an http/https URL), SR_ERR_IO (cannot connect, timed
 * out, HTTP 4xx/5xx, too many redirects, a broken transfer),
 * SR_ERR_TOOBIG (over max_bytes), SR_ERR_NOMEM.  res is always
 * initialised: release it with sr_fetch_result_free().  `opts` may be
 * NULL. */
sr_status sr_fetch(const char *url, const sr_fetch_options *opts, sr_fetch_result *res,
                   sr_error *err);

void sr_fetch_result_free(sr_fetch_result *res);

/* Is s an http:// or https:// URL (the scheme in any case)? */
int sr_fetch_is_url(const char *s);

#endif
