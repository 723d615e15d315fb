/*
 * fuzz_times.c -- libFuzzer harness for the temporal tagger, the MUC-4
 * dateline reader and incident date picking.
 *
 * The first byte picks a reference date (none, an ordinary day, leap days,
 * year ends); the rest, repaired to valid UTF-8, is the document.  Checks:
 * every expression lies inside the text on token boundaries, expressions
 * are in order and do not overlap, every value is a non-empty TIMEX3-like
 * string (digits, capitals, '-', ':', '.', '_'), a dateline gives a valid
 * calendar date, and a picked incident date agrees with its precision.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/buf.h"
#include "../../src/core/doc.h"
#include "../../src/core/utf8.h"
#include "../../src/extract/times.h"

#ifndef SR_DATADIR
#define SR_DATADIR "data"
#endif

static const char *const REFS[] = {NULL, "2017-06-19", "2000-02-29", "1999-12-31",
                                   "2016-01-01", "1990-01-03", "2020-12-28", "0001-01-01"};

static sr_time_words *tables(void) {
    static sr_time_words *w;   /* loaded once for the whole run */
    if (!w) {
        const char *d = getenv("SITREP_DATA");
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/times", d && *d ? d : SR_DATADIR);
        sr_error err;
        if (sr_time_words_load(dir, &w, &err) != SR_OK) {
            fprintf(stderr, "%s\n", err.message);
            abort();
        }
    }
    return w;
}

static void check_value(const char *v) {
    if (!v || !*v || strlen(v) > 47) abort();
    for (const char *p = v; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') || *p == '-' || *p == ':' ||
              *p == '.' || *p == '_'))
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    sr_time_words *w = tables();
    if (size < 1) return 0;
    const char *ref = REFS[data[0] % (sizeof REFS / sizeof *REFS)];
    sr_buf text = SR_BUF_INIT;
    sr_utf8_repair((const char *)data + 1, size - 1, &text);
    sr_doc *d = NULL;
    if (text.oom || sr_doc_new("fuzz", &d) != SR_OK) { sr_buf_free(&text); return 0; }
    if (sr_doc_set_text(d, text.data ? text.data : "", text.len) != SR_OK) {
        sr_doc_free(d);
        sr_buf_free(&text);
        return 0;
    }
    sr_buf_free(&text);
    d->ref_date = ref;
    if (sr_tokenize(&d->arena, d->text, d->len, &d->toks) ||
        sr_split_sentences(&d->arena, d->text, d->len, &d->toks, &d->sents) ||
        sr_times_stage(w, d)) {
        sr_doc_free(d);
        return 0;
    }
    if (!ref && d->ref_date && !sr_is_iso_date(d->ref_date)) abort();
    const sr_times *ts = d->times;
    uint32_t prev_end = 0;
    for (size_t i = 0; i < ts->n; i++) {
        const sr_timex *x = &ts->v[i];
        if (x->tok_first >= x->tok_end || x->tok_end > d->toks.n) abort();
        if (x->start != d->toks.v[x->tok_first].start || x->end != d->toks.v[x->tok_end - 1].end)
            abort();
        if (x->start < prev_end || x->end > d->len) abort();
        prev_end = x->end;
        if (x->type > SR_TIMEX_SET) abort();
        check_value(x->value);
    }
    for (size_t t = 0; t < d->toks.n; t += 1 + d->toks.n / 8) {
        sr_inc_date id;
        sr_times_pick_date(d, (uint32_t)t, (int)(t & 1), &id);
        if (!id.value) {
            if (id.precision != SR_PREC_UNKNOWN) abort();
            continue;
        }
        size_t n = strlen(id.value);
        if ((id.precision == SR_PREC_DAY && n != 10) || (id.precision == SR_PREC_MONTH && n != 7) ||
            (id.precision == SR_PREC_YEAR && n != 4))
            abort();
        if (id.start >= id.end || id.end > d->len) abort();
    }
    sr_doc_free(d);
    return 0;
}
