/*
 * incidents.h -- incident assembly: the last stage of sr_extract().
 *
 * From the tokens, sentences, numbers and lexicon matches of a document,
 * the stage builds doc->incidents (incident.h), every value backed by a
 * span:
 *
 *   1. cues (incident_cues.c): lexicon matches sorted into the classes the
 *      rules use: event words, casualty words, modality (hypothetical,
 *      negated, denied, generic, zero), attribution and claim verbs, role
 *      heads (attackers, people, forces, facilities, weapons, groups);
 *   2. detection (incident_detect.c): per sentence, the event words that
 *      are not hypothetical, negated, denied or generic; each sentence
 *      with one is an event sentence, typed by the weights of its words
 *      (data/taxonomy.tsv gives the types and their precedence);
 *   3. grouping (incident_detect.c): event sentences dated clearly before
 *      the report (an earlier month or year, or over a week before) are
 *      background incidents, one per date; the others form the main
 *      incident;
 *   4. sources and claims (incident_sources.c), counts (incident_counts.c)
 *      and role fillers (incident_roles.c), each read from the sentences of
 *      an incident;
 *   5. the record (incidents.c): type, taxonomy mapping, trigger, date and
 *      location (from the times and places stages when they are present),
 *      confidence and evidence sentences.
 *
 * The rules look at words through lexicons (the TSV files of data/lexicons, kinds
 * inc_*) and never at a particular article's strings, so the same code
 * reads mixed-case news and lower-case MUC-4 text.  docs/incidents.md
 * explains each rule with examples.
 */
#ifndef SR_INCIDENTS_H
#define SR_INCIDENTS_H

#include <stddef.h>
#include <stdint.h>

#include "sitrep.h"
#include "../text/matcher.h"
#include "incident.h"

/* One row of data/taxonomy.tsv; NULL for a "-" cell. */
typedef struct sr_tax_row {
    const char *type, *gtd, *acled, *acled_sub, *muc4, *meaning;
} sr_tax_row;

/* What incident assembly loads once: the taxonomy and, for every lexicon
 * entry of the matcher, its decoded meaning for the rules. */
typedef struct sr_inc_data sr_inc_data;

/* Load data_dir/taxonomy.tsv and decode the inc_* entries of `lex` (and
 * the shared org, perp, force, responder, weapon and trigger kinds).
 * Errors name the file and line; SR_ERR_NOTFOUND when the table is
 * missing (the engine then notes that it extracts no incidents). */
sr_status sr_inc_data_load(const char *data_dir, const sr_matcher *lex,
                           sr_inc_data **out, sr_error *err);
void sr_inc_data_free(sr_inc_data *d);

size_t sr_taxonomy_count(const sr_inc_data *d);
const sr_tax_row *sr_taxonomy_row(const sr_inc_data *d, size_t i);
/* The row of a sitrep type name, or NULL. */
const sr_tax_row *sr_taxonomy_find(const sr_inc_data *d, const char *type);

/* The stage: fill doc->incidents (always set, possibly with n == 0).
 * Needs tokens, sentences, numbers and lexicon matches; uses doc->times
 * and doc->places when earlier stages set them.  Returns 0, or -1 when out
 * of memory. */
struct sr_engine;
int sr_incidents_stage(const struct sr_engine *engine, const sr_inc_data *data,
                       sr_doc *doc);

#endif
