/*
 * engine.h -- the inside of an sr_engine: everything loaded once and then
 * only read, so that any number of threads can share one engine.
 */
#ifndef SR_ENGINE_H
#define SR_ENGINE_H

#include "sitrep.h"
#include "../core/buf.h"
#include "../text/matcher.h"

struct sr_gazetteer;   /* extract/gazetteer.h */
struct sr_model;       /* nlp/ */

struct sr_engine {
    char *data_dir;
    sr_matcher *lex;              /* every lexicon under data/lexicons */
    struct sr_gazetteer *gaz;     /* NULL when not built */
    struct sr_model *roles;       /* models/roles.model (extract/roles.h), or NULL */
    struct sr_model *relevance;   /* models/relevance.model (extract/roles.h), or NULL */
    struct sr_time_words *times;  /* data/times word tables (extract/times.h), or NULL */
    struct sr_inc_data *inc;      /* taxonomy and lexicon meanings (extract/incidents.h) */
    sr_buf notes;                 /* what was loaded or skipped */
};

#endif
