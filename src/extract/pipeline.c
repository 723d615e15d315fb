/*
 * pipeline.c -- sr_extract(): the stages, in order.
 *
 *   tokens -> sentences -> numbers -> lexicon matches -> (places, times,
 *   incidents as their stages land)
 *
 * Each stage reads only what earlier stages produced and writes only its
 * own part of the document (see core/doc.h).
 */
#include <string.h>

#include "../core/doc.h"
#include "../core/error.h"
#include "engine.h"
#include "mentions.h"
#include "places.h"
#include "times.h"
#include "incidents.h"
#include "roles.h"

sr_status sr_extract(const sr_engine *engine, sr_doc *doc,
                     const sr_extract_options *opts, sr_error *err) {
    const char *id = doc->field[SR_FIELD_ID] ? doc->field[SR_FIELD_ID] : "(no id)";
    if (doc->extracted)
        return sr_fail(err, SR_ERR_ARG, "%s: document already extracted", id);
    if (!doc->text)
        return sr_fail(err, SR_ERR_EMPTY, "%s: document has no text", id);
    doc->extracted = 1;
    doc->ref_date = doc->field[SR_FIELD_PUBLISHED];
    if (!doc->ref_date && opts && opts->default_date) {
        if (!sr_is_iso_date(opts->default_date))
            return sr_fail(err, SR_ERR_ARG, "reference date \"%s\" is not YYYY-MM-DD",
                           opts->default_date);
        doc->ref_date = sr_arena_strdup(&doc->arena, opts->default_date);
    }
    sr_arena *a = &doc->arena;
    if (sr_tokenize(a, doc->text, doc->len, &doc->toks) ||
        sr_split_sentences(a, doc->text, doc->len, &doc->toks, &doc->sents) ||
        sr_find_numbers(a, doc->text, &doc->toks, &doc->nums) ||
        sr_matcher_scan(engine->lex, a, &doc->toks, &doc->lex) ||
        sr_register_text_mentions(doc) ||
        sr_find_places(engine->gaz, engine->lex, doc) ||
        sr_times_stage(engine->times, doc) ||
        sr_find_roles(engine, doc) ||
        sr_incidents_stage(engine, engine->inc, doc))
        return sr_fail(err, SR_ERR_NOMEM, "%s: out of memory", id);
    return SR_OK;
}
