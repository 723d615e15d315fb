/*
 * error.h -- filling an sr_error.
 */
#ifndef SR_ERROR_H
#define SR_ERROR_H

#include "sitrep.h"

/* Fill err (when not NULL) with code and a formatted message; returns code,
 * so that `return sr_fail(err, SR_ERR_IO, "cannot open %s", path);` reads
 * naturally. */
sr_status sr_fail(sr_error *err, sr_status code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

#endif
