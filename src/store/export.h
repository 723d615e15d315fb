/*
 * export.h -- incidents as text: a table, JSONL, CSV, GeoJSON, and
 * ACLED-like and GTD-like CSV (columns in docs/export.md).
 *
 * The writer appends to an sr_buf (the library never prints): the caller
 * writes the buffer out and resets it as often as it likes.  Every format
 * streams: a header, one record per incident, a footer.
 */
#ifndef SR_STORE_EXPORT_H
#define SR_STORE_EXPORT_H

#include "store.h"
#include "../core/buf.h"

typedef enum sr_export_format {
    SR_EXPORT_TABLE = 0,
    SR_EXPORT_JSONL,
    SR_EXPORT_CSV,
    SR_EXPORT_GEOJSON,
    SR_EXPORT_ACLED,
    SR_EXPORT_GTD
} sr_export_format;

/* "table", "jsonl", "csv", "geojson", "acled", "gtd"; -1 when unknown. */
int sr_export_format_parse(const char *name, sr_export_format *out);

typedef struct sr_exporter {
    sr_export_format fmt;
    sr_buf *out;
    size_t n;          /* records written */
} sr_exporter;

void sr_export_begin(sr_exporter *x, sr_export_format fmt, sr_buf *out);
/* One incident (its sr_store_incident fields and its JSON record). */
void sr_export_incident(sr_exporter *x, const sr_store_incident *inc);
void sr_export_end(sr_exporter *x);

#endif
