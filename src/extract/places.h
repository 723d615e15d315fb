/*
 * places.h -- finding the places a report names and resolving each to one
 * point on Earth (the gazetteer: gazetteer.h).
 *
 * Recognition looks every token n-gram of a sentence up in the gazetteer
 * (longest first) and keeps a match when its casing, its neighbours and
 * its cues say it is a place: "in/near/at X", "X province", a dateline,
 * and checks for names that are also common words ("Of", "Bar", "Police")
 * or first names ("Mary").  "the capital" becomes a mention of the
 * national capital.  Demonyms ("Malian") are found too: they give country
 * context and are never locations.
 *
 * Resolution scores every candidate of a mention: its prior (population,
 * feature type), the document's country and division context (country
 * names, demonyms, the dateline, other places), an "X, Y" containment, a
 * type cue, and closeness to the other places of the document.
 *
 * The results are doc->places and the `mentions.places` section.
 */
#ifndef SR_PLACES_H
#define SR_PLACES_H

#include <stddef.h>
#include <stdint.h>

#include "../core/doc.h"
#include "gazetteer.h"
#include "../text/matcher.h"
#include "incident.h"

typedef enum sr_place_role {
    SR_PLACE_TOPONYM = 0,   /* a name of a place */
    SR_PLACE_ANAPHOR,       /* "the capital": refers to a place by role */
    SR_PLACE_DEMONYM,       /* "Malian": country context only */
} sr_place_role;

/* What precedes or follows a name. */
enum {
    SR_PLACE_CUE_LOC = 1u << 0,     /* in, at, near, outside... */
    SR_PLACE_CUE_FROM = 1u << 1,    /* from, to, of, across... */
    SR_PLACE_CUE_ADMIN = 1u << 2,   /* "X province / department / region" */
    SR_PLACE_CUE_CITY = 1u << 3,    /* "X city / town / village" */
    SR_PLACE_CUE_DATELINE = 1u << 4,/* "BAMAKO, June 18 (Reuters) -" */
    SR_PLACE_CUE_CONTAINED = 1u << 5, /* "X, Y" with Y a division or country */
    SR_PLACE_CUE_PART = 1u << 6,    /* part of a hyphenated word ("Kabul-based",
                                       "Israeli-Egyptian"): context, never
                                       an incident's location */
};

typedef struct sr_place {
    uint32_t start, end;       /* bytes of the mention */
    uint32_t tok_first, tok_n;
    uint32_t sent;
    uint8_t role;              /* sr_place_role */
    uint8_t cue;               /* SR_PLACE_CUE_... */
    uint8_t kind;              /* SR_GAZ_CITY, _COUNTRY, ... of the choice */
    uint32_t gaz;              /* chosen gazetteer record; UINT32_MAX = none */
    const char *name;          /* canonical name (gazetteer memory) */
    const char *admin1;        /* or NULL */
    const char *feature;       /* GeoNames feature code ("PPLC", "PCLI", "ADM1") */
    char country[3];           /* ISO 3166-1 alpha-2, "" when none */
    double lat, lon;
    int64_t geonameid;         /* 0 when none */
    float score, margin;       /* of the choice; margin over the runner-up */
    /* candidates (internal to resolution) */
    const sr_gaz_entry *entry;
} sr_place;

typedef struct sr_places {
    sr_place *v;
    size_t n;
    int main;                  /* index of the document's main place, or -1 */
    char country[3];           /* the document's main country, or "" */
    uint64_t resolve_ops;      /* context lookups and distance steps resolution took
                                * (grows linearly with the document: a test checks it) */
} sr_places;

/* Find and resolve the places of doc (after tokens and sentences); sets
 * doc->places and registers `mentions.places`.  With g NULL (no gazetteer
 * built) the document gets an empty list.  lex (may be NULL) is the
 * matcher that made doc->lex: a name that is exactly a group's name of the
 * actor lexicon ("Taliban", "Hamas") is no place.  0, or -1 when out of
 * memory. */
int sr_find_places(const sr_gazetteer *g, const sr_matcher *lex, sr_doc *doc);

/* The location of an event whose trigger is token `tok`: the resolved
 * place nearest to it in its sentence, preferring "in/at/near X" phrases
 * and specific places, else the document's main place.  Fills out
 * (present = 0 when the document names no usable place).  The strings
 * point into the gazetteer or the document's arena. */
void sr_places_locate(const sr_doc *doc, uint32_t tok, sr_inc_location *out);

/* Narrow a location that is only a country or a division (the headline's
 * "in northwest Nigeria") to a place inside it that the incident's own
 * sentences `sents` (ascending) name ("in Kagara, Niger state"): the most
 * specific, preferring "in/at/near X", the first on a tie; not a dateline
 * (where the report was filed: "BAMAKO (AFP) - ... near Boni").  Leaves
 * `loc` as it is when there is none. */
void sr_places_refine(const sr_doc *doc, const uint32_t *sents, size_t nsents,
                      sr_inc_location *loc);

/* Great-circle distance in km. */
double sr_geo_km(double lat1, double lon1, double lat2, double lon2);

#endif
