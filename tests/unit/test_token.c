/*
 * test_token.c -- the tokenizer: byte offsets on multi-byte text, folded
 * forms, hyphens, abbreviations, numbers and dates, flags.
 */
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "../../src/text/token.h"

typedef struct toks {
    sr_arena a;
    sr_tokens t;
    const char *text;
} toks;

static int tok(toks *k, const char *text) {
    sr_arena_init(&k->a);
    k->text = text;
    return sr_tokenize(&k->a, text, strlen(text), &k->t);
}

/* The index of the first token whose bytes are w, or -1. */
static int find(const toks *k, const char *w) {
    size_t n = strlen(w);
    for (size_t i = 0; i < k->t.n; i++)
        if (k->t.v[i].end - k->t.v[i].start == n && memcmp(k->text + k->t.v[i].start, w, n) == 0)
            return (int)i;
    return -1;
}

/* All tokens, as "|"-joined original bytes, into out. */
static const char *joined(const toks *k, char *out, size_t cap) {
    size_t o = 0;
    for (size_t i = 0; i < k->t.n && o + 1 < cap; i++) {
        if (i && o + 1 < cap) out[o++] = '|';
        for (uint32_t b = k->t.v[i].start; b < k->t.v[i].end && o + 1 < cap; b++)
            out[o++] = k->text[b];
    }
    out[o] = '\0';
    return out;
}

TEST(token_headline_offsets_multibyte) {
    toks k;
    CHECK_INT(tok(&k, "Gunmen Attack Resort in Mali\xE2\x80\x99s Bamako"), 0);
    char buf[256];
    CHECK_STR(joined(&k, buf, sizeof buf), "Gunmen|Attack|Resort|in|Mali|\xE2\x80\x99s|Bamako");
    CHECK_INT(k.t.v[4].start, 24);
    CHECK_INT(k.t.v[4].end, 28);
    CHECK_INT(k.t.v[5].start, 28);
    CHECK_INT(k.t.v[5].end, 32);   /* ’ is 3 bytes */
    CHECK_STR(k.t.v[5].norm, "'s");
    CHECK_INT(k.t.v[6].start, 33);
    CHECK_SPAN(k.text, k.t.v[6].start, k.t.v[6].end, "Bamako");
    CHECK_STR(k.t.v[6].norm, "bamako");
    CHECK_INT(k.t.v[5].kind, SR_TOK_WORD);
    sr_arena_free(&k.a);
}

TEST(token_accents_and_apostrophes) {
    toks k;
    CHECK_INT(tok(&k, "C\xC3\xB4te d\xE2\x80\x99Ivoire, don't O'Brien"), 0);
    char buf[256];
    CHECK_STR(joined(&k, buf, sizeof buf), "C\xC3\xB4te|d\xE2\x80\x99Ivoire|,|don't|O'Brien");
    CHECK_STR(k.t.v[0].norm, "cote");
    CHECK_STR(k.t.v[1].norm, "d'ivoire");
    CHECK_INT(k.t.v[1].start, 6);
    CHECK_INT(k.t.v[1].end, 16);
    CHECK(k.t.v[0].flags & SR_TF_CAP);
    sr_arena_free(&k.a);
}

TEST(token_hyphens) {
    toks k;
    CHECK_INT(tok(&k, "al-Qaeda\xE2\x80\x99s Grand-Bassam French-Gabonese - a 20-year-old"), 0);
    char buf[256];
    CHECK_STR(joined(&k, buf, sizeof buf),
              "al-Qaeda|\xE2\x80\x99s|Grand-Bassam|French-Gabonese|-|a|20-year-old");
    CHECK(k.t.v[0].flags & SR_TF_HYPHEN);
    CHECK_STR(k.t.v[0].norm, "al-qaeda");
    CHECK(k.t.v[2].flags & SR_TF_HYPHEN);
    CHECK_INT(k.t.v[4].kind, SR_TOK_PUNCT);
    CHECK_INT(k.t.v[6].kind, SR_TOK_WORD);
    sr_arena_free(&k.a);
}

TEST(token_abbreviations_keep_period) {
    toks k;
    CHECK_INT(tok(&k, "Mr. Smith of the U.S. Army met Dr Jones at 10 a.m. on Jan. 5, e.g. here."), 0);
    char buf[256];
    CHECK_STR(joined(&k, buf, sizeof buf),
              "Mr.|Smith|of|the|U.S.|Army|met|Dr|Jones|at|10|a.m.|on|Jan.|5|,|e.g.|here|.");
    CHECK(k.t.v[0].flags & SR_TF_PERIOD);
    CHECK(k.t.v[4].flags & SR_TF_PERIOD);
    CHECK(k.t.v[4].flags & SR_TF_UPPER);
    CHECK_STR(k.t.v[4].norm, "u.s.");
    CHECK(!(k.t.v[7].flags & SR_TF_PERIOD));
    sr_arena_free(&k.a);
}

TEST(token_no_before_number) {
    toks k;
    CHECK_INT(tok(&k, "No. 4 and DETACHMENT NO.4 but he said no. Then"), 0);
    char buf[256];
    CHECK_STR(joined(&k, buf, sizeof buf), "No.|4|and|DETACHMENT|NO.|4|but|he|said|no|.|Then");
    CHECK(k.t.v[0].flags & SR_TF_PERIOD);
    CHECK_INT(k.t.v[1].kind, SR_TOK_NUM);
    sr_arena_free(&k.a);
}

TEST(token_numbers_and_dates) {
    toks k;
    CHECK_INT(tok(&k, "1,500 people, 2.5 million, at 10:30 on 18/06/2017 or 2017-06-18 in 2015."), 0);
    char buf[256];
    CHECK_STR(joined(&k, buf, sizeof buf),
              "1,500|people|,|2.5|million|,|at|10:30|on|18/06/2017|or|2017-06-18|in|2015|.");
    int i = find(&k, "1,500");
    CHECK_INT(k.t.v[i].kind, SR_TOK_NUM);
    CHECK(k.t.v[i].flags & SR_TF_DIGIT);
    CHECK_INT(k.t.v[find(&k, "2017-06-18")].kind, SR_TOK_NUM);
    CHECK_INT(k.t.v[find(&k, "10:30")].kind, SR_TOK_NUM);
    sr_arena_free(&k.a);
}

TEST(token_space_and_paragraph_flags) {
    toks k;
    CHECK_INT(tok(&k, "Headline\n\nBody one\ntwo,three"), 0);
    CHECK_INT(k.t.n, 6);
    CHECK(k.t.v[0].flags & SR_TF_PARA_BEFORE);            /* start of text */
    CHECK(k.t.v[1].flags & SR_TF_PARA_BEFORE);            /* Body */
    CHECK(k.t.v[3].flags & SR_TF_NL_BEFORE);              /* two */
    CHECK(!(k.t.v[3].flags & SR_TF_PARA_BEFORE));
    CHECK(k.t.v[2].flags & SR_TF_SPACE_BEFORE);           /* one */
    CHECK(!(k.t.v[4].flags & SR_TF_SPACE_BEFORE));        /* , */
    CHECK(k.t.v[2].flags & SR_TF_LOWER);
    CHECK(k.t.v[1].flags & SR_TF_CAP);
    sr_arena_free(&k.a);
}

TEST(token_quotes) {
    toks k;
    CHECK_INT(tok(&k, "\xE2\x80\x9CYes\xE2\x80\x9D, he said \"no\" and 'maybe'."), 0);
    CHECK(k.t.v[0].flags & SR_TF_QUOTE_OPEN);
    CHECK(k.t.v[2].flags & SR_TF_QUOTE_CLOSE);
    int q = find(&k, "\"");
    CHECK(q >= 0);
    CHECK(k.t.v[q].flags & SR_TF_QUOTE_OPEN);
    CHECK(k.t.v[q + 2].flags & SR_TF_QUOTE_CLOSE);
    CHECK_STR(k.t.v[0].norm, "\"");
    sr_arena_free(&k.a);
}

TEST(token_spans_cover_only_non_space) {
    const char *text = "  \xC2\xA0Le pr\xC3\xA9sident\xE2\x80\x94" "d\xC3\xA9j\xC3\xA0 \xF0\x9F\x98\x80 parti!  ";
    toks k;
    CHECK_INT(tok(&k, text), 0);
    uint32_t prev = 0;
    for (size_t i = 0; i < k.t.n; i++) {
        CHECK(k.t.v[i].start >= prev);
        CHECK(k.t.v[i].end > k.t.v[i].start);
        CHECK(k.t.v[i].end <= strlen(text));
        CHECK(k.t.v[i].norm != NULL);
        prev = k.t.v[i].end;
    }
    CHECK_STR(k.t.v[1].norm, "president");
    CHECK_INT(find(&k, "d\xC3\xA9j\xC3\xA0") >= 0, 1);
    sr_arena_free(&k.a);
}

TEST(token_ascii_punctuation_norms) {
    toks k;
    CHECK_INT(tok(&k, "a@b [x] {y} `z` ~ ^ _ | \\ %"), 0);
    for (size_t i = 0; i < k.t.n; i++) {
        if (k.t.v[i].kind != SR_TOK_PUNCT) continue;
        CHECK_INT(k.t.v[i].norm_len, 1);
        CHECK_INT(k.t.v[i].norm[0], k.text[k.t.v[i].start]);
        CHECK_INT(k.t.v[i].norm[1], 0);
    }
    CHECK_STR(k.t.v[1].norm, "@");
    sr_arena_free(&k.a);
}

TEST(token_many_tokens_grow_the_array) {
    size_t pairs = 150000;   /* 450K tokens: more than the up-front reservation */
    char *text = malloc(pairs * 7 + 1);
    CHECK(text != NULL);
    for (size_t i = 0; i < pairs; i++) memcpy(text + i * 7, "ab cd, ", 7);
    text[pairs * 7] = '\0';
    toks k;
    int rc = tok(&k, text);
    size_t got = k.t.n, bad = 0;
    for (size_t i = 0; rc == 0 && i < k.t.n; i++) {
        const sr_token *t = &k.t.v[i];
        size_t at = i / 3 * 7 + (i % 3 == 0 ? 0 : i % 3 == 1 ? 3 : 5);
        if (t->start != at || t->end != at + (i % 3 == 2 ? 1 : 2)) bad++;
    }
    sr_arena_free(&k.a);
    free(text);
    CHECK_INT(rc, 0);
    CHECK_INT(got, pairs * 3);
    CHECK_INT(bad, 0);
}
