/*
 * mentions.c -- see mentions.h.
 */
#include "mentions.h"

#include <assert.h>

void sr_json_text_span(sr_json *j, const sr_doc *doc, uint32_t start, uint32_t end) {
    assert(start <= end && end <= doc->len);
    sr_json_key(j, "text");
    sr_json_strn(j, doc->text + start, end - start);
    sr_json_key(j, "span");
    sr_json_span(j, start, end);
}

void sr_json_bound(sr_json *j, int64_t v) {
    if (v == SR_NUM_UNBOUNDED) sr_json_null(j);
    else sr_json_int(j, v);
}

static void write_sentences(sr_json *j, const sr_doc *doc, const void *data) {
    (void)data;
    sr_json_arr_begin(j);
    for (size_t i = 0; i < doc->sents.n; i++)
        sr_json_span(j, doc->sents.v[i].start, doc->sents.v[i].end);
    sr_json_arr_end(j);
}

static void write_numbers(sr_json *j, const sr_doc *doc, const void *data) {
    (void)data;
    sr_json_arr_begin(j);
    for (size_t i = 0; i < doc->nums.n; i++) {
        const sr_number *n = &doc->nums.v[i];
        if (n->flags & (SR_NF_ORDINAL | SR_NF_YEAR)) continue;
        sr_json_obj_begin(j);
        sr_json_text_span(j, doc, n->start, n->end);
        sr_json_key(j, "min");
        sr_json_bound(j, n->min);
        sr_json_key(j, "max");
        sr_json_bound(j, n->max);
        sr_json_obj_end(j);
    }
    sr_json_arr_end(j);
}

int sr_register_text_mentions(sr_doc *doc) {
    if (sr_doc_add_section(doc, "sentences", write_sentences, NULL)) return -1;
    return sr_doc_add_section(doc, "numbers", write_numbers, NULL);
}
