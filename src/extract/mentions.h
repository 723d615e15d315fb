/*
 * mentions.h -- the text-core mention sections of sitrep/1: numbers and
 * sentences (mentions.numbers, mentions.sentences).
 */
#ifndef SR_MENTIONS_H
#define SR_MENTIONS_H

#include "../core/doc.h"

/* Register the "sentences" and "numbers" sections; 0 or -1 (no memory). */
int sr_register_text_mentions(sr_doc *doc);

/* Write {"text": ..., "span": [s, e]} members for a span (helper for every
 * section writer: the text is always the document's bytes). */
void sr_json_text_span(sr_json *j, const sr_doc *doc, uint32_t start, uint32_t end);

/* Write a count bound: a number, or null for SR_NUM_UNBOUNDED. */
void sr_json_bound(sr_json *j, int64_t v);

#endif
