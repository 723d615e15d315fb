/*
 * record_json.h -- print a jansson value as compact JSON, byte for byte as
 * json_dumps(v, JSON_COMPACT) does, several times faster.
 *
 * The merged record of an incident is printed on every report that joins
 * it; jansson's printer checks each object and array for reference loops
 * (a formatted pointer in a hash table per container), which made printing
 * the largest single cost of storing a report into a big incident.  The
 * records merge.c builds are trees, so that check is not needed.
 */
#ifndef SR_STORE_RECORD_JSON_H
#define SR_STORE_RECORD_JSON_H

#include <jansson.h>

/* A malloc'ed NUL-terminated string, or NULL when out of memory or when
 * v is NULL or nested deeper than 64 levels. */
char *sr_record_dumps(const json_t *v);

#endif
