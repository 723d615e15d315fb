/*
 * incident.h -- an incident as sitrep/1 describes it (docs/schema.md), the
 * record that incident assembly fills and the writer prints.
 *
 * Every value carries the bytes it came from: a filler is a span (its text
 * is the document's bytes there), a count has the span of the phrase that
 * states it, a date and a location the span of the expression they were
 * resolved from.
 */
#ifndef SR_INCIDENT_H
#define SR_INCIDENT_H

#include <stddef.h>
#include <stdint.h>

#include "../text/number.h"

typedef struct sr_filler {
    uint32_t start, end;
    const char *name;        /* canonical name (perpetrator_orgs), or NULL */
    const char *source;      /* who says so, or NULL */
    int64_t count_min, count_max;  /* "count" when has_count */
    int has_count;
} sr_filler;

typedef struct sr_fillers {
    sr_filler *v;
    size_t n, cap;
} sr_fillers;

typedef enum sr_count_kind {
    SR_COUNT_KILLED = 0,
    SR_COUNT_WOUNDED,
    SR_COUNT_HOSTAGES,
    SR_COUNT_KIDNAPPED,
    SR_COUNT_RELEASED,
    SR_COUNT_PERP_KILLED,
    SR_COUNT_ARRESTED,
    SR_COUNT_N
} sr_count_kind;

extern const char *const sr_count_names[SR_COUNT_N]; /* JSON keys */

typedef struct sr_count {
    int present;
    int64_t min, max;        /* max SR_NUM_UNBOUNDED for no upper bound */
    uint32_t start, end;     /* the phrase stating it */
    const char *source;
} sr_count;

typedef enum sr_precision {
    SR_PREC_UNKNOWN = 0,
    SR_PREC_DAY, SR_PREC_MONTH, SR_PREC_YEAR,          /* dates */
    SR_PREC_SITE, SR_PREC_CITY, SR_PREC_ADMIN1, SR_PREC_COUNTRY  /* places */
} sr_precision;

const char *sr_precision_name(sr_precision p);

typedef struct sr_inc_date {
    const char *value;       /* "2017-06-18", "2015-03", "2016" or NULL */
    sr_precision precision;
    uint32_t start, end;     /* the expression; start == end when none */
} sr_inc_date;

typedef struct sr_inc_location {
    int present;
    const char *name, *country, *admin1;
    double lat, lon;
    int64_t geonameid;
    sr_precision precision;
    uint32_t start, end;
} sr_inc_location;

typedef struct sr_source_ref {
    const char *name;        /* "Mr Traore", "a witness"; may be NULL */
    const char *via;         /* "AFP"; may be NULL */
    uint32_t start, end;
} sr_source_ref;

typedef enum sr_inc_status { SR_STATUS_MAIN = 0, SR_STATUS_BACKGROUND } sr_inc_status;

typedef struct sr_incident {
    const char *type;        /* taxonomy name, e.g. "armed_assault" */
    const char *types[8];    /* every type that applies, type first */
    size_t ntypes;
    /* mappings of `type` to other taxonomies (docs/taxonomy.md), or NULL */
    const char *gtd, *acled, *acled_sub, *muc4;
    sr_inc_status status;
    double confidence;
    int has_trigger;
    sr_filler trigger;
    sr_inc_date date;
    sr_inc_location location;
    int has_site;
    sr_filler site;
    sr_fillers perpetrators, perpetrator_orgs, targets, victims, weapons,
        responders, claimed_by;
    sr_count counts[SR_COUNT_N];
    sr_source_ref *sources;
    size_t nsources;
    uint32_t *sentences;     /* sentence indexes, ascending */
    size_t nsentences;
} sr_incident;

typedef struct sr_incidents {
    sr_incident *v;
    size_t n;
} sr_incidents;

#endif
