/*
 * report.h -- a report: one incident as one document tells it, seen by the
 * store.
 *
 * The stored form of a report is its sitrep/1 incident object with two
 * fields added at ingest: "doc" (id, published, title, url of the document)
 * and "evidence" (the text of each evidence sentence, with its span), so a
 * report can be merged, reconciled and shown without its document.  This
 * file turns a document's sitrep/1 JSON into those objects, and such an
 * object into the plain values the merge compares (sr_report).
 *
 * The JSON may come from another program or an older sitrep: every field is
 * optional and checked; a missing or malformed value is treated as unknown,
 * never trusted (spans are checked against the text).
 */
#ifndef SR_STORE_REPORT_H
#define SR_STORE_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "sitrep.h"
#include "../extract/incident.h"

#define SR_DAY_NONE INT32_MIN     /* no date range */
#define SR_COUNT_UNBOUNDED (-1)   /* a count's max: no upper bound */

/* Type families: reports of one event typed differently by two writers
 * ("gunmen stormed" vs "hostage crisis") still merge (docs/store.md). */
enum {
    SR_FAM_ATTACK    = 1u << 0,   /* armed_assault massacre assassination armed_clash unarmed_assault */
    SR_FAM_EXPLOSION = 1u << 1,   /* bombing suicide_bombing shelling_airstrike */
    SR_FAM_ABDUCTION = 1u << 2,   /* kidnapping hostage_taking hijacking */
    SR_FAM_PROPERTY  = 1u << 3,   /* arson robbery */
    SR_FAM_UNREST    = 1u << 4,   /* protest riot forced_work_stoppage */
    SR_FAM_OTHER     = 1u << 5    /* a type this table does not know */
};
unsigned sr_type_family(const char *type);

typedef struct sr_rcount {
    int present;
    int64_t min, max;          /* max SR_COUNT_UNBOUNDED: "at least min" */
    int sourced;               /* attributed to a source */
} sr_rcount;

struct json_t;

typedef struct sr_evidence {
    uint32_t start, end;
    char *text;
} sr_evidence;

typedef struct sr_report {
    char *json;                /* the stored object (compact) */
    char *doc_key;
    int main;                  /* status "main" */
    double confidence;
    char *type;
    unsigned family;           /* union over "types" */
    char *date;                /* NULL when unknown */
    sr_precision date_prec;
    int32_t day_lo, day_hi;    /* SR_DAY_NONE when no date at all */
    int has_geo;
    double lat, lon;
    sr_precision place_prec;
    char *place, *country, *admin1;
    char *site;                /* named site or NULL */
    char *orgs;                /* canonical perpetrator org names, '\n'-joined, or NULL */
    char *actors;              /* orgs, perpetrators, claimants, '\n'-joined, or NULL */
    sr_rcount counts[SR_COUNT_N];
    sr_evidence *evidence;     /* the "evidence" sentences (for text search) */
    size_t nevidence;
    struct json_t *obj;        /* the stored object parsed (a reference), or NULL */
} sr_report;

typedef struct sr_reports {
    sr_report *v;
    size_t n;
} sr_reports;

/* Days since 1970-01-01 of a proleptic Gregorian date. */
int32_t sr_days_from_civil(int y, int m, int d);
/* Parse "YYYY", "YYYY-MM" or "YYYY-MM-DD" into the day range it covers;
 * returns the precision (SR_PREC_UNKNOWN when s is not such a date). */
sr_precision sr_date_range(const char *s, int32_t *lo, int32_t *hi);

/* The reports of a document: `json` is its sitrep/1 object, `text` its
 * text (for the evidence sentences).  Each report is filled (sr_report)
 * and its stored form built.  SR_ERR_PARSE when json is not a sitrep/1
 * document; a malformed incident inside is skipped, not fatal. */
sr_status sr_reports_from_doc(const char *json, size_t json_len,
                              const char *text, size_t text_len,
                              sr_reports *out, sr_error *err);

/* Fill r from a stored report object. */
sr_status sr_report_parse(const char *json, size_t len, sr_report *r,
                          sr_error *err);
/* The same from a parsed object (a jansson json_t; r->json stays NULL). */
struct json_t;
sr_status sr_report_from_object(struct json_t *obj, sr_report *r);

/* "day", "city"... back to the enum (SR_PREC_UNKNOWN for anything else). */
sr_precision sr_precision_from_name(const char *s);

void sr_report_clear(sr_report *r);
void sr_reports_clear(sr_reports *rs);

#endif
