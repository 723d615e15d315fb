/*
 * fuzz_extract.c -- libFuzzer harness for the whole pipeline: arbitrary
 * bytes as a document's text through sr_extract() (tokens, sentences,
 * numbers, lexicons, places, times, roles, incidents) and the sitrep/1
 * writer.
 *
 * Invariants checked on every incident: each span lies inside the text
 * with start <= end, counts have min <= max (or no max), the trigger and
 * the evidence sentences exist, the status is main or background, and the
 * JSON writer succeeds.  The engine is loaded once ($SITREP_DATA or the
 * data directory compiled in).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/doc.h"
#include "../../src/extract/incident.h"

static sr_engine *engine;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc; (void)argv;
    sr_error err;
    if (sr_engine_open(NULL, &engine, &err) != SR_OK) {
        fprintf(stderr, "fuzz_extract: %s\n", err.message);
        abort();
    }
    return 0;
}

static void check_span(const sr_doc *d, uint32_t s, uint32_t e) {
    if (s > e || e > d->len) abort();
}

static void check_fillers(const sr_doc *d, const sr_fillers *fs) {
    for (size_t i = 0; i < fs->n; i++) {
        const sr_filler *f = &fs->v[i];
        check_span(d, f->start, f->end);
        if (f->start == f->end) abort();
        if (f->has_count && f->count_max != SR_NUM_UNBOUNDED && f->count_max < f->count_min)
            abort();
    }
}

static void check_incident(const sr_doc *d, const sr_incident *in) {
    if (!in->type || in->ntypes < 1 || strcmp(in->types[0], in->type) != 0) abort();
    if (in->status != SR_STATUS_MAIN && in->status != SR_STATUS_BACKGROUND) abort();
    if (in->confidence < 0 || in->confidence > 1) abort();
    if (in->has_trigger) check_span(d, in->trigger.start, in->trigger.end);
    if (in->has_site) check_span(d, in->site.start, in->site.end);
    const sr_fillers *all[] = {&in->perpetrators, &in->perpetrator_orgs, &in->targets,
                               &in->victims, &in->weapons, &in->responders, &in->claimed_by};
    for (size_t k = 0; k < sizeof all / sizeof *all; k++) check_fillers(d, all[k]);
    for (int k = 0; k < SR_COUNT_N; k++) {
        const sr_count *c = &in->counts[k];
        if (!c->present) continue;
        check_span(d, c->start, c->end);
        if (c->min < 0 || (c->max != SR_NUM_UNBOUNDED && c->max < c->min)) abort();
    }
    for (size_t i = 0; i < in->nsources; i++) {
        check_span(d, in->sources[i].start, in->sources[i].end);
        if (!in->sources[i].name) abort();
    }
    if (in->nsentences == 0) abort();
    for (size_t i = 0; i < in->nsentences; i++) {
        if (in->sentences[i] >= d->sents.n) abort();
        if (i && in->sentences[i] <= in->sentences[i - 1]) abort();
    }
}

/* Inputs are cut to 1 KiB: the whole pipeline runs per input, and
 * `make check` runs a fixed number of inputs. */
#define MAX_INPUT 1024

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    sr_doc *d;
    if (size > MAX_INPUT) size = MAX_INPUT;
    if (sr_doc_new("fuzz", &d) != SR_OK) abort();
    if (sr_doc_set_text(d, (const char *)data, size) == SR_OK) {
        sr_extract_options o = {"2017-06-19"};
        sr_status st = sr_extract(engine, d, &o, NULL);
        if (st == SR_OK) {
            if (!d->incidents) abort();
            for (size_t i = 0; i < d->incidents->n; i++) check_incident(d, &d->incidents->v[i]);
            char *json;
            size_t n;
            if (sr_doc_to_json(d, SR_JSON_MENTIONS, &json, &n) != SR_OK) abort();
            free(json);
        } else if (st != SR_ERR_NOMEM) {
            abort();
        }
    }
    sr_doc_free(d);
    return 0;
}
