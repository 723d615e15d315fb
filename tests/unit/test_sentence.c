/*
 * test_sentence.c -- the sentence splitter: the seed article (20 sentences),
 * abbreviations, quotations, headlines, datelines, all-caps and lower-case
 * text, and the invariants every split must keep.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "../../src/core/file.h"
#include "../../src/text/sentence.h"

typedef struct split {
    sr_arena a;
    sr_tokens t;
    sr_sentences s;
    const char *text;
} split;

/* Tokenize and split; also checks the invariants (returns -1 if broken). */
static int run(split *k, const char *text, size_t len) {
    sr_arena_init(&k->a);
    k->text = text;
    if (sr_tokenize(&k->a, text, len, &k->t)) return -1;
    if (sr_split_sentences(&k->a, text, len, &k->t, &k->s)) return -1;
    size_t next_tok = 0;
    for (size_t i = 0; i < k->s.n; i++) {
        const sr_sentence *s = &k->s.v[i];
        if (s->tok_first != next_tok || s->tok_n == 0) return -1;
        if (s->start != k->t.v[s->tok_first].start) return -1;
        if (s->end != k->t.v[s->tok_first + s->tok_n - 1].end) return -1;
        if (i && s->start < k->s.v[i - 1].end) return -1;
        for (uint32_t j = s->tok_first; j < s->tok_first + s->tok_n; j++)
            if (k->t.v[j].sent != i) return -1;
        next_tok += s->tok_n;
    }
    return next_tok == k->t.n ? 0 : -1;
}

static int runs(split *k, const char *text) { return run(k, text, strlen(text)); }

#define CHECK_SENT(k, i, expect) CHECK_SPAN((k).text, (k).s.v[i].start, (k).s.v[i].end, expect)

TEST(sentence_seed_article_has_20) {
    char path[512];
    if (!sr_test_shared("seed/bamako-resort-attack.txt", path, sizeof path))
        SKIP("../shared/seed/bamako-resort-attack.txt is absent");
    size_t len;
    char *text;
    CHECK_INT(sr_file_read(path, 1 << 20, &text, &len, NULL), SR_OK);
    split k;
    CHECK_INT(run(&k, text, len), 0);
    CHECK_INT(k.s.n, 20);
    CHECK_SENT(k, 0, "Gunmen Attack Resort in Mali\xE2\x80\x99s Bamako");
    CHECK_SENT(k, 2, "\xE2\x80\x9CMalian special forces intervened and about 20 hostages have "
                     "been released\xE2\x80\x9D, Mr Traore told AFP.");
    CHECK_SENT(k, 3, "\xE2\x80\x9CThe operation is ongoing and we estimate that there are "
                     "between three and four assailants\xE2\x80\x9D, he said.");
    CHECK_SENT(k, 5, "One was identified as French-Gabonese, and the other\xE2\x80\x99s "
                     "nationality had not been confirmed.");
    CHECK_SENT(k, 11, "\xE2\x80\x9CThe person has been taken care of and is safe\xE2\x80\x9D, "
                      "said the Armed Forces.");
    CHECK_SENT(k, 13, "In March 2015, five people died when militants hit a popular "
                      "restaurant in the capital.");
    CHECK_SENT(k, 19, "Soldiers from France\xE2\x80\x99s Bakhane counter-terrorist force have "
                      "setup a security cordon in conjunction with local authorities.");
    sr_arena_free(&k.a);
    free(text);
}

TEST(sentence_abbreviations) {
    split k;
    CHECK_INT(runs(&k, "Mr. Smith met Dr. Jones and Gen. Ali on Jan. 5 at No. 10 Downing St. "
                       "in the U.S. capital. He left at 10 a.m. on Friday."), 0);
    CHECK_INT(k.s.n, 2);
    CHECK_SENT(k, 1, "He left at 10 a.m. on Friday.");
    sr_arena_free(&k.a);
}

TEST(sentence_abbreviation_at_sentence_end) {
    split k;
    CHECK_INT(runs(&k, "He flew to the U.S. The next day he left. They work for Acme Inc. "
                       "Then they left. U.S. officials and U.S. and French troops came."), 0);
    CHECK_INT(k.s.n, 5);
    CHECK_SENT(k, 0, "He flew to the U.S.");
    CHECK_SENT(k, 2, "They work for Acme Inc.");
    CHECK_SENT(k, 3, "Then they left.");
    CHECK_SENT(k, 4, "U.S. officials and U.S. and French troops came.");
    sr_arena_free(&k.a);
}

TEST(sentence_quotations) {
    split k;
    CHECK_INT(runs(&k, "\xE2\x80\x9CIt is over.\xE2\x80\x9D Then he left. \"Is it over?\" he "
                       "asked. \"We will win,\" he said. \"Never!\" she shouted."), 0);
    CHECK_INT(k.s.n, 5);
    CHECK_SENT(k, 0, "\xE2\x80\x9CIt is over.\xE2\x80\x9D");
    CHECK_SENT(k, 1, "Then he left.");
    CHECK_SENT(k, 2, "\"Is it over?\" he asked.");
    CHECK_SENT(k, 3, "\"We will win,\" he said.");
    CHECK_SENT(k, 4, "\"Never!\" she shouted.");
    sr_arena_free(&k.a);
}

TEST(sentence_quote_then_parenthesis) {
    split k;
    CHECK_INT(runs(&k, "The army fired (see map.) Ten people died."), 0);
    CHECK_INT(k.s.n, 2);
    CHECK_SENT(k, 0, "The army fired (see map.)");
    sr_arena_free(&k.a);
}

TEST(sentence_headline_and_blank_lines) {
    split k;
    CHECK_INT(runs(&k, "Gunmen Attack Resort\n\nThe army said\nthat ten died.\n\n"
                       "Another paragraph without a full stop\n\nLast one."), 0);
    CHECK_INT(k.s.n, 4);
    CHECK_SENT(k, 0, "Gunmen Attack Resort");
    CHECK_SENT(k, 1, "The army said\nthat ten died.");
    CHECK_SENT(k, 2, "Another paragraph without a full stop");
    sr_arena_free(&k.a);
}

TEST(sentence_dateline_stays_in_first_sentence) {
    split k;
    CHECK_INT(runs(&k, "SAN SALVADOR, 3 JAN 90 (ACAN-EFE) -- [TEXT] THE ARMY REPORTED THAT "
                       "ABOUT 50 PEASANTS WERE KIDNAPPED. ACCORDING TO THE GARRISON, NO.4 "
                       "DETACHMENT WAS THERE. THE U.S. EMBASSY SAID SO."), 0);
    CHECK_INT(k.s.n, 3);
    CHECK_SENT(k, 0, "SAN SALVADOR, 3 JAN 90 (ACAN-EFE) -- [TEXT] THE ARMY REPORTED THAT "
                     "ABOUT 50 PEASANTS WERE KIDNAPPED.");
    CHECK_SENT(k, 1, "ACCORDING TO THE GARRISON, NO.4 DETACHMENT WAS THERE.");
    sr_arena_free(&k.a);
}

TEST(sentence_dateline_mixed_case) {
    split k;
    CHECK_INT(runs(&k, "BAMAKO, Mali (AP) \xE2\x80\x94 Gunmen attacked a resort on Sunday. "
                       "Two people died."), 0);
    CHECK_INT(k.s.n, 2);
    CHECK_SENT(k, 1, "Two people died.");
    sr_arena_free(&k.a);
}

TEST(sentence_lower_case_text) {
    split k;
    CHECK_INT(runs(&k, "three people died in the attack on the town. the police said that "
                       "the u.s. embassy was closed. gen. bustillo resigned.  meanwhile, u.s. "
                       "and honduran "
                       "soldiers were wounded."), 0);
    CHECK_INT(k.s.n, 4);
    CHECK_SENT(k, 1, "the police said that the u.s. embassy was closed.");
    CHECK_SENT(k, 2, "gen. bustillo resigned.");
    sr_arena_free(&k.a);
}

TEST(sentence_mixed_case_lower_after_period_continues) {
    split k;
    CHECK_INT(runs(&k, "There were approx. five dead and 3.5 million displaced. The war... it "
                       "goes on. Why? nobody knows."), 0);
    CHECK_INT(k.s.n, 3);
    CHECK_SENT(k, 1, "The war... it goes on.");
    sr_arena_free(&k.a);
}

TEST(sentence_ellipsis_and_marks) {
    split k;
    CHECK_INT(runs(&k, "He waited... Then he left! Really?! Yes."), 0);
    CHECK_INT(k.s.n, 4);
    CHECK_SENT(k, 2, "Really?!");
    sr_arena_free(&k.a);
}

TEST(sentence_empty_and_punctuation_only) {
    split k;
    CHECK_INT(runs(&k, ""), 0);
    CHECK_INT(k.s.n, 0);
    sr_arena_free(&k.a);
    CHECK_INT(runs(&k, "..."), 0);
    CHECK_INT(k.s.n, 1);
    sr_arena_free(&k.a);
    CHECK_INT(runs(&k, "\n\n. . .\n\n!"), 0);
    CHECK_INT(k.s.n, 2);
    sr_arena_free(&k.a);
}

TEST(sentence_list_markers_and_tex_quotes) {
    split k;
    CHECK_INT(runs(&k, "HERE IS THE COMMUNIQUE:\n\n   1. AT 0945 A GROUP ATTACKED.\n\n   2. TWO "
                       "DIED. He said: ``It is over.'' Then he left."), 0);
    CHECK_INT(k.s.n, 5);
    CHECK_SENT(k, 1, "1. AT 0945 A GROUP ATTACKED.");
    CHECK_SENT(k, 2, "2. TWO DIED.");
    CHECK_SENT(k, 3, "He said: ``It is over.''");
    sr_arena_free(&k.a);
}

TEST(sentence_headline_on_its_own_line) {
    split k;
    CHECK_INT(runs(&k, "Gunmen Attack Resort in Mali\xE2\x80\x99s Bamako\nBy John Smith\n"
                       "The army said on Sunday that President\nIbrahim Keita was safe. Officers "
                       "of the\nPresidential Guard were there."), 0);
    CHECK_INT(k.s.n, 4);
    CHECK_SENT(k, 0, "Gunmen Attack Resort in Mali\xE2\x80\x99s Bamako");
    CHECK_SENT(k, 1, "By John Smith");
    CHECK_SENT(k, 2, "The army said on Sunday that President\nIbrahim Keita was safe.");
    CHECK_SENT(k, 3, "Officers of the\nPresidential Guard were there.");
    sr_arena_free(&k.a);
}

TEST(sentence_short_caseless_snippets) {
    split k;
    CHECK_INT(runs(&k, "three died. two were hurt."), 0);
    CHECK_INT(k.s.n, 2);
    sr_arena_free(&k.a);
    CHECK_INT(runs(&k, "THREE DIED. TWO WERE HURT."), 0);
    CHECK_INT(k.s.n, 2);
    sr_arena_free(&k.a);
    CHECK_INT(runs(&k, "He said no. but then"), 0);
    CHECK_INT(k.s.n, 1);
    sr_arena_free(&k.a);
}

TEST(sentence_other_scripts) {
    split k;
    /* 爆炸发生了。三人死亡。 */
    CHECK_INT(runs(&k, "\xE7\x88\x86\xE7\x82\xB8\xE5\x8F\x91\xE7\x94\x9F\xE4\xBA\x86"
                       "\xE3\x80\x82\xE4\xB8\x89\xE4\xBA\xBA\xE6\xAD\xBB\xE4\xBA\xA1\xE3\x80\x82"), 0);
    CHECK_INT(k.s.n, 2);
    sr_arena_free(&k.a);
    /* Arabic: a full stop, then a question mark (U+061F), then the rest */
    CHECK_INT(runs(&k, "\xD9\x82\xD9\x8F\xD8\xAA\xD9\x90\xD9\x84 \xD8\xAB\xD9\x84\xD8\xA7\xD8\xAB\xD8\xA9. "
                       "\xD9\x85\xD9\x86\xD8\x9F \xD9\x84\xD8\xA7"), 0);
    CHECK_INT(k.s.n, 3);
    sr_arena_free(&k.a);
}

TEST(sentence_wide_space_gaps_are_paragraphs) {
    split k;
    CHECK_INT(runs(&k, "the army said (words indistinct)    the next paragraph begins here.  "
                       "and ends. a  b"), 0);
    CHECK_INT(k.s.n, 4);
    CHECK_SENT(k, 0, "the army said (words indistinct)");
    CHECK_SENT(k, 1, "the next paragraph begins here.");
    sr_arena_free(&k.a);
    CHECK_INT(runs(&k, "The army said    that it won.    Then it left."), 0);
    CHECK_INT(k.s.n, 2);
    sr_arena_free(&k.a);
}

TEST(sentence_caseless_quote_attribution) {
    split k;
    CHECK_INT(runs(&k, "\"why?\" he asked. \"it is over.\" said the officer. \"we won.\" "
                       "he then left the town. the army denied it."), 0);
    CHECK_INT(k.s.n, 5);
    CHECK_SENT(k, 0, "\"why?\" he asked.");
    CHECK_SENT(k, 1, "\"it is over.\" said the officer.");
    CHECK_SENT(k, 2, "\"we won.\"");
    sr_arena_free(&k.a);
}

TEST(sentence_after_clock_times) {
    split k;
    CHECK_INT(runs(&k, "The blast came at 3 p.m. Officials said ten died. It began at 9 a.m. "
                       "Sunday and ended at 5 p.m. local time. Rescuers left at 6 p.m. EST."), 0);
    CHECK_INT(k.s.n, 4);
    CHECK_SENT(k, 0, "The blast came at 3 p.m.");
    CHECK_SENT(k, 2, "It began at 9 a.m. Sunday and ended at 5 p.m. local time.");
    sr_arena_free(&k.a);
}
