/*
 * doc.h -- the inside of an sr_doc: one document and everything found in it.
 *
 * Stages fill the document in pipeline order (see extract/pipeline.c); each
 * stage reads what earlier stages left and adds its own part.  All memory
 * is the document's arena, so a stage never frees what it adds.
 *
 * Mention sections: a stage that finds a kind of mention (places, times,
 * numbers...) registers a section with a writer callback, and the sitrep/1
 * writer prints every section under "mentions" in registration order.  The
 * writer therefore never needs to know the stages.
 */
#ifndef SR_DOC_H
#define SR_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "sitrep.h"
#include "arena.h"
#include "json.h"
#include "../text/token.h"
#include "../text/sentence.h"
#include "../text/number.h"
#include "../text/matcher.h"

typedef void (*sr_section_writer)(sr_json *j, const sr_doc *doc, const void *data);

typedef struct sr_section {
    const char *name;
    sr_section_writer write;
    const void *data;
} sr_section;

struct sr_incidents;   /* extract/incident.h */
struct sr_places;      /* extract/places.h */
struct sr_times;       /* extract/times.h */

struct sr_doc {
    sr_arena arena;
    char *field[SR_FIELD_COUNT_];
    char *extra;            /* JSON object text of other input fields, or NULL */
    size_t extra_len;
    char *text;             /* valid UTF-8, NUL-terminated */
    size_t len;
    size_t bytes_in;        /* size of the input before repair */

    char **warnings;
    size_t nwarnings, capwarnings;

    const char *ref_date;   /* YYYY-MM-DD the document's times resolve against, or NULL */
    int extracted;

    /* text analysis */
    sr_tokens toks;
    sr_sentences sents;
    sr_numbers nums;
    sr_matches lex;         /* lexicon matches */

    /* mentions and incidents */
    struct sr_places *places;
    struct sr_times *times;
    struct sr_incidents *incidents;

    sr_section *sections;
    size_t nsections, capsections;
};

/* Register a mention section (the name must outlive the document). */
int sr_doc_add_section(sr_doc *doc, const char *name, sr_section_writer fn,
                       const void *data);

/* Is s a calendar date YYYY-MM-DD?  (Used to validate "published".) */
int sr_is_iso_date(const char *s);

#endif
