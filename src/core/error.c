/*
 * error.c -- status codes as sentences, and sr_fail().
 */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>

const char *sr_strerror(sr_status status) {
    switch (status) {
    case SR_OK: return "success";
    case SR_DONE: return "no more documents";
    case SR_ERR_NOMEM: return "out of memory";
    case SR_ERR_IO: return "input/output error";
    case SR_ERR_ARG: return "invalid argument";
    case SR_ERR_PARSE: return "malformed input";
    case SR_ERR_EMPTY: return "empty document";
    case SR_ERR_BINARY: return "binary data, not text";
    case SR_ERR_TOOBIG: return "input too large";
    case SR_ERR_DATA: return "data file missing or corrupt";
    case SR_ERR_NOTFOUND: return "not found";
    case SR_ERR_INTERNAL: return "internal error (a bug in sitrep)";
    }
    return "unknown status";
}

sr_status sr_fail(sr_error *err, sr_status code, const char *fmt, ...) {
    if (err) {
        err->code = code;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return code;
}
