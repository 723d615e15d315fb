/*
 * test_matcher.c -- the phrase matcher and the TSV lexicon loader.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/arena.h"
#include "../../src/text/matcher.h"
#include "../../src/text/token.h"
#include "test.h"

/* A matcher loaded from an in-memory TSV; NULL (and a failed check in the
 * caller) when it does not load. */
static sr_matcher *load(const char *tsv) {
    sr_matcher *m = NULL;
    if (sr_matcher_new(&m) != SR_OK) return NULL;
    sr_error err = {0};
    if (sr_matcher_load_tsv_mem(m, "t.tsv", tsv, strlen(tsv), &err) != SR_OK) {
        fprintf(stderr, "  load: %s\n", err.message);
        sr_matcher_free(m);
        return NULL;
    }
    return m;
}

/* Loading `tsv` fails with a message containing `want`. */
static int fails_with(const char *tsv, const char *want) {
    sr_matcher *m = NULL;
    if (sr_matcher_new(&m) != SR_OK) return 0;
    sr_error err = {0};
    sr_status st = sr_matcher_load_tsv_mem(m, "bad.tsv", tsv, strlen(tsv), &err);
    sr_matcher_free(m);
    if (st != SR_ERR_DATA) return 0;
    if (!strstr(err.message, want)) {
        fprintf(stderr, "  message \"%s\" lacks \"%s\"\n", err.message, want);
        return 0;
    }
    return 1;
}

/* Scan text; fills toks and ms from arena a. */
static int scan(const sr_matcher *m, sr_arena *a, const char *text, sr_tokens *toks,
                sr_matches *ms) {
    if (sr_tokenize(a, text, strlen(text), toks)) return -1;
    return sr_matcher_scan(m, a, toks, ms);
}

/* Byte span of match k. */
static void span_of(const sr_tokens *t, const sr_match *mt, uint32_t *s, uint32_t *e) {
    *s = t->v[mt->tok_first].start;
    *e = t->v[mt->tok_end - 1].end;
}

TEST(matcher_single_and_multi_token) {
    sr_matcher *m = load("gunmen\tperp\n"
                         "opened fire\ttrigger\t\ttype=armed_assault\n"
                         "car bomb\tweapon\t\tclass=explosive\n");
    CHECK(m);
    sr_arena a;
    sr_arena_init(&a);
    sr_tokens t;
    sr_matches ms;
    const char *text = "Gunmen opened fire, then a car bomb went off.";
    CHECK_INT(scan(m, &a, text, &t, &ms), 0);
    CHECK_INT(ms.n, 3);
    uint32_t s, e;
    span_of(&t, &ms.v[0], &s, &e);
    CHECK_SPAN(text, s, e, "Gunmen");
    span_of(&t, &ms.v[1], &s, &e);
    CHECK_SPAN(text, s, e, "opened fire");
    CHECK_STR(sr_matcher_entry(m, ms.v[1].entry)->kind, "trigger");
    CHECK_INT(sr_matcher_entry(m, ms.v[1].entry)->ntok, 2);
    span_of(&t, &ms.v[2], &s, &e);
    CHECK_SPAN(text, s, e, "car bomb");
    sr_arena_free(&a);
    sr_matcher_free(m);
}

TEST(matcher_longest_first_and_nested) {
    sr_matcher *m = load("al-Qaeda\torg\n"
                         "al-Qaeda in the Islamic Maghreb\torg\tAQIM\n"
                         "Islamic Maghreb\tplace\n"
                         "bomb\ttrigger\t\ttype=bombing\n"
                         "bomb\tweapon\t\tclass=explosive\n");
    CHECK(m);
    sr_arena a;
    sr_arena_init(&a);
    sr_tokens t;
    sr_matches ms;
    const char *text = "al-Qaeda in the Islamic Maghreb left a bomb";
    CHECK_INT(scan(m, &a, text, &t, &ms), 0);
    CHECK_INT(ms.n, 5);
    /* at token 0: the long name, then the short one */
    CHECK_INT(ms.v[0].tok_first, 0);
    CHECK_INT(ms.v[0].tok_end, 5);
    CHECK_STR(sr_matcher_entry(m, ms.v[0].entry)->canon, "AQIM");
    CHECK_INT(ms.v[1].tok_first, 0);
    CHECK_INT(ms.v[1].tok_end, 1);
    CHECK_STR(sr_matcher_entry(m, ms.v[1].entry)->canon, "al-Qaeda");  /* canon defaults */
    uint32_t s, e;
    span_of(&t, &ms.v[2], &s, &e);
    CHECK_SPAN(text, s, e, "Islamic Maghreb");
    /* one phrase, two kinds: both reported, in file order */
    CHECK_STR(sr_matcher_entry(m, ms.v[3].entry)->kind, "trigger");
    CHECK_STR(sr_matcher_entry(m, ms.v[4].entry)->kind, "weapon");
    CHECK_INT(ms.v[3].tok_first, ms.v[4].tok_first);
    sr_arena_free(&a);
    sr_matcher_free(m);
}

TEST(matcher_partial_phrase_does_not_match) {
    sr_matcher *m = load("heavily armed men\tperp\n");
    CHECK(m);
    sr_arena a;
    sr_arena_init(&a);
    sr_tokens t;
    sr_matches ms;
    CHECK_INT(scan(m, &a, "heavily armed police and armed men", &t, &ms), 0);
    CHECK_INT(ms.n, 0);
    CHECK_INT(scan(m, &a, "two heavily armed heavily armed men", &t, &ms), 0);
    CHECK_INT(ms.n, 1);
    CHECK_INT(ms.v[0].tok_first, 3);
    sr_arena_free(&a);
    sr_matcher_free(m);
}

TEST(matcher_case_and_accents) {
    sr_matcher *m = load("Al-Qaïda au Maghreb islamique\torg\tAQIM\n"
                         "Sendero Luminoso\torg\tShining Path\n");
    CHECK(m);
    sr_arena a;
    sr_arena_init(&a);
    sr_tokens t;
    sr_matches ms;
    const char *text = "AL-QAIDA AU MAGHREB ISLAMIQUE and al-qaïda au maghreb islamique; "
                       "SENDERO LUMINOSO";
    CHECK_INT(scan(m, &a, text, &t, &ms), 0);
    CHECK_INT(ms.n, 3);
    uint32_t s, e;
    span_of(&t, &ms.v[0], &s, &e);
    CHECK_SPAN(text, s, e, "AL-QAIDA AU MAGHREB ISLAMIQUE");
    span_of(&t, &ms.v[1], &s, &e);
    CHECK_SPAN(text, s, e, "al-qaïda au maghreb islamique");
    CHECK_STR(sr_matcher_entry(m, ms.v[2].entry)->canon, "Shining Path");
    sr_arena_free(&a);
    sr_matcher_free(m);
}

TEST(matcher_curly_apostrophes_and_dashes) {
    /* straight apostrophe in the lexicon, curly in the text, and back */
    sr_matcher *m = load("N'Djamena\tplace\n"
                         "Côte d’Ivoire\tplace\n"
                         "AK-47\tweapon\t\tclass=firearm\n");
    CHECK(m);
    sr_arena a;
    sr_arena_init(&a);
    sr_tokens t;
    sr_matches ms;
    const char *text = "In N’Djamena and Cote d'Ivoire, AK\xe2\x80\x91" "47 rifles";
    CHECK_INT(scan(m, &a, text, &t, &ms), 0);
    CHECK_INT(ms.n, 3);
    uint32_t s, e;
    span_of(&t, &ms.v[0], &s, &e);
    CHECK_SPAN(text, s, e, "N’Djamena");
    span_of(&t, &ms.v[1], &s, &e);
    CHECK_SPAN(text, s, e, "Cote d'Ivoire");
    span_of(&t, &ms.v[2], &s, &e);
    CHECK_SPAN(text, s, e, "AK\xe2\x80\x91" "47");
    sr_arena_free(&a);
    sr_matcher_free(m);
}

TEST(matcher_phrase_at_text_end_and_punctuation) {
    sr_matcher *m = load("U.S.\tcountry\n"
                         "M-19\torg\t19th of April Movement\n");
    CHECK(m);
    sr_arena a;
    sr_arena_init(&a);
    sr_tokens t;
    sr_matches ms;
    const char *text = "the M-19 and the U.S.";
    CHECK_INT(scan(m, &a, text, &t, &ms), 0);
    CHECK_INT(ms.n, 2);
    CHECK_INT(ms.v[1].tok_end, t.n);
    sr_arena_free(&a);
    sr_matcher_free(m);
}

TEST(matcher_attrs) {
    /* a key with a non-ASCII byte is refused */
    CHECK(fails_with("AQIM\torg\tAQIM\t type=jihadist ; region=sahel;;alias\xc2\xad=x \n",
                     "bad.tsv:1: attribute key"));
    sr_matcher *m = load("AQIM\torg\tAQIM\t type=jihadist ; region=sahel;; lang= \n"
             "JNIM\torg\n");
    CHECK(m);
    const sr_lex_entry *e = sr_matcher_entry(m, 0);
    CHECK(e);
    CHECK_STR(e->attrs, "type=jihadist;region=sahel;lang=");
    char v[32];
    CHECK_INT(sr_lex_attr(e, "type", v, sizeof v), 1);
    CHECK_STR(v, "jihadist");
    CHECK_INT(sr_lex_attr(e, "region", v, sizeof v), 1);
    CHECK_STR(v, "sahel");
    CHECK_INT(sr_lex_attr(e, "lang", v, sizeof v), 1);
    CHECK_STR(v, "");
    CHECK_INT(sr_lex_attr(e, "typ", v, sizeof v), 0);
    CHECK_INT(sr_lex_attr(e, "region", NULL, 0), 1);
    char small[4];
    CHECK_INT(sr_lex_attr(e, "type", small, sizeof small), 1);
    CHECK_STR(small, "jih");   /* truncated, NUL-terminated */
    const sr_lex_entry *j = sr_matcher_entry(m, 1);
    CHECK_STR(j->attrs, "");
    CHECK_STR(j->canon, "JNIM");
    CHECK_INT(sr_lex_attr(j, "type", v, sizeof v), 0);
    CHECK_STR(j->file, "t.tsv");
    CHECK_INT(j->line, 2);
    CHECK(sr_matcher_entry(m, 2) == NULL);
    sr_matcher_free(m);
}

TEST(matcher_kinds) {
    sr_matcher *m = load("# actors\n\nAQIM\torg\nbomb\tweapon\nJNIM\torg\r\n");
    CHECK(m);
    CHECK_INT(sr_matcher_count(m), 3);
    CHECK_INT(sr_matcher_kind(m, "org"), 0);
    CHECK_INT(sr_matcher_kind(m, "weapon"), 1);
    CHECK_INT(sr_matcher_kind(m, "place"), -1);
    CHECK_INT(sr_matcher_entry(m, 2)->kind_id, 0);
    CHECK_STR(sr_matcher_entry(m, 2)->phrase, "JNIM");  /* \r stripped */
    sr_matcher_free(m);
}

TEST(matcher_bad_tsv_lines) {
    CHECK(fails_with("ok\torg\njust a phrase\n", "bad.tsv:2:"));
    CHECK(fails_with("ok\torg\n\n# c\n\tprop\n", "bad.tsv:4: empty phrase"));
    CHECK(fails_with("ok\t\n", "bad.tsv:1: empty kind"));
    CHECK(fails_with("ok\tOrg\n", "bad.tsv:1: kind must be"));
    CHECK(fails_with("a\tb\tc\td\te\n", "bad.tsv:1: more than 4"));
    CHECK(fails_with("a\torg\t\tnoequals\n", "bad.tsv:1: attribute without '='"));
    CHECK(fails_with("a\torg\t\t=x\n", "bad.tsv:1: attribute with an empty key"));
    CHECK(fails_with("a\torg\t\tType=x\n", "bad.tsv:1: attribute key"));
    CHECK(fails_with("bad \xff byte\torg\n", "bad.tsv:1: invalid UTF-8"));
    CHECK(fails_with("x\torg\n\nX\torg\n", "bad.tsv:3: \"X\" (org) is already at bad.tsv:1"));
    CHECK(fails_with("\xe2\x80\x83\torg\n", "bad.tsv:1: phrase has no words"));
    /* the same phrase with another kind is fine */
    sr_matcher *m = load("x\torg\nx\tweapon\n");
    CHECK(m);
    sr_matcher_free(m);
}

TEST(matcher_long_line_and_nul) {
    size_t n = 5000;
    char *big = malloc(n + 8);
    CHECK(big);
    memset(big, 'a', n);
    memcpy(big + n, "\torg\n", 6);
    int ok = fails_with(big, "bad.tsv:1: line longer");
    free(big);
    CHECK(ok);
    sr_matcher *m = NULL;
    CHECK_INT(sr_matcher_new(&m), SR_OK);
    sr_error err = {0};
    CHECK_INT(sr_matcher_load_tsv_mem(m, "n.tsv", "a\0b\torg\n", 8, &err), SR_ERR_DATA);
    CHECK(strstr(err.message, "n.tsv:1: NUL") != NULL);
    sr_matcher_free(m);
}

TEST(matcher_add_and_empty) {
    sr_matcher *m = NULL;
    CHECK_INT(sr_matcher_new(&m), SR_OK);
    sr_arena a;
    sr_arena_init(&a);
    sr_tokens t;
    sr_matches ms;
    CHECK_INT(scan(m, &a, "nothing loaded", &t, &ms), 0);
    CHECK_INT(ms.n, 0);
    CHECK_INT(sr_matcher_add(m, "Boko Haram", "org", NULL, NULL), SR_OK);
    CHECK_INT(sr_matcher_add(m, "Boko Haram", "org", NULL, NULL), SR_ERR_ARG);
    CHECK_INT(sr_matcher_add(m, "x", "org", NULL, "nokey"), SR_ERR_ARG);
    CHECK_INT(sr_matcher_add(m, "  ", "org", NULL, NULL), SR_ERR_ARG);
    CHECK_INT(sr_matcher_count(m), 1);
    CHECK(sr_matcher_entry(m, 0)->file == NULL);
    CHECK_INT(scan(m, &a, "", &t, &ms), 0);
    CHECK_INT(ms.n, 0);
    CHECK_INT(scan(m, &a, "BOKO HARAM. Boko\nHaram", &t, &ms), 0);
    CHECK_INT(ms.n, 2);   /* a line break between the words is still a match */
    sr_arena_free(&a);
    sr_matcher_free(m);
}

TEST(matcher_many_phrases_grow_tables) {
    sr_matcher *m = NULL;
    CHECK_INT(sr_matcher_new(&m), SR_OK);
    char p[64];
    for (int i = 0; i < 3000; i++) {
        snprintf(p, sizeof p, "word%d shared w%d", i % 97, i);
        CHECK_INT(sr_matcher_add(m, p, "k", NULL, NULL), SR_OK);
    }
    CHECK_INT(sr_matcher_count(m), 3000);
    sr_arena a;
    sr_arena_init(&a);
    sr_tokens t;
    sr_matches ms;
    const char *text = "x word5 shared w2915 word5 shared w5 word5 shared w6";
    CHECK_INT(scan(m, &a, text, &t, &ms), 0);
    CHECK_INT(ms.n, 2);   /* 2915 % 97 == 5; w6 belongs to word6 */
    CHECK_STR(sr_matcher_entry(m, ms.v[0].entry)->phrase, "word5 shared w2915");
    CHECK_STR(sr_matcher_entry(m, ms.v[1].entry)->phrase, "word5 shared w5");
    sr_arena_free(&a);
    sr_matcher_free(m);
}

TEST(matcher_load_dir_and_repo_lexicons) {
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/data/lexicons", sr_test_root());
    sr_matcher *m = NULL;
    CHECK_INT(sr_matcher_new(&m), SR_OK);
    sr_error err = {0};
    sr_status st = sr_matcher_load_dir(m, dir, &err);
    if (st != SR_OK) fprintf(stderr, "  %s\n", err.message);
    CHECK_INT(st, SR_OK);
    CHECK(sr_matcher_count(m) > 300);
    CHECK(sr_matcher_kind(m, "org") >= 0);
    CHECK(sr_matcher_kind(m, "perp") >= 0);
    CHECK(sr_matcher_kind(m, "weapon") >= 0);
    CHECK(sr_matcher_kind(m, "trigger") >= 0);
    CHECK(sr_matcher_kind(m, "agency") >= 0);
    CHECK(sr_matcher_kind(m, "force") >= 0);
    /* every trigger has a type of the taxonomy, every weapon a class */
    char types[4096] = "";
    snprintf(dir, sizeof dir, "%s/data/taxonomy.tsv", sr_test_root());
    FILE *tf = fopen(dir, "r");
    if (tf) {
        char line[1024];
        while (fgets(line, sizeof line, tf)) {
            if (line[0] == '#' || !strchr(line, '\t')) continue;
            *strchr(line, '\t') = '\0';
            strncat(types, " ", sizeof types - strlen(types) - 1);
            strncat(types, line, sizeof types - strlen(types) - 1);
            strncat(types, " ", sizeof types - strlen(types) - 1);
        }
        fclose(tf);
    }
    for (uint32_t i = 0; i < sr_matcher_count(m); i++) {
        const sr_lex_entry *e = sr_matcher_entry(m, i);
        char v[64], key[70];
        if (strcmp(e->kind, "trigger") == 0 && !sr_lex_attr(e, "type", v, sizeof v)) {
            fprintf(stderr, "  %s:%u: trigger without type\n", e->file, e->line);
            CHECK(0);
        }
        snprintf(key, sizeof key, " %s ", v);
        if (strcmp(e->kind, "trigger") == 0 && types[0] && !strstr(types, key)) {
            fprintf(stderr, "  %s:%u: type %s is not in data/taxonomy.tsv\n", e->file,
                    e->line, v);
            CHECK(0);
        }
        if (strcmp(e->kind, "weapon") == 0 && !sr_lex_attr(e, "class", v, sizeof v)) {
            fprintf(stderr, "  %s:%u: weapon without class\n", e->file, e->line);
            CHECK(0);
        }
    }
    sr_arena a;
    sr_arena_init(&a);
    sr_tokens t;
    sr_matches ms;
    const char *text = "Al-Qaïda au Maghreb islamique (AQMI) claimed the attack, AFP reported.";
    CHECK_INT(scan(m, &a, text, &t, &ms), 0);
    int aqim = 0, afp = 0;
    for (size_t i = 0; i < ms.n; i++) {
        const sr_lex_entry *e = sr_matcher_entry(m, ms.v[i].entry);
        if (strcmp(e->kind, "org") == 0 && strcmp(e->canon, "AQIM") == 0) aqim++;
        if (strcmp(e->kind, "agency") == 0 && strcmp(e->canon, "AFP") == 0) afp++;
    }
    CHECK_INT(aqim, 2);
    CHECK_INT(afp, 1);
    sr_arena_free(&a);
    sr_matcher_free(m);

    CHECK_INT(sr_matcher_new(&m), SR_OK);
    CHECK_INT(sr_matcher_load_dir(m, "/nonexistent/lexicons", &err), SR_ERR_IO);
    CHECK(strstr(err.message, "/nonexistent/lexicons") != NULL);
    CHECK_INT(sr_matcher_load_tsv(m, "/nonexistent/x.tsv", &err), SR_ERR_IO);
    CHECK(strstr(err.message, "/nonexistent/x.tsv") != NULL);
    sr_matcher_free(m);
}

TEST(matcher_long_words) {
    /* words of 1..8, 9..16 and over 16 bytes are keyed differently; ones
     * sharing a long prefix must stay apart */
    sr_matcher *m = load("abcdefgh\tk\n"
                         "abcdefghi\tk\n"
                         "abcdefghijklmnop\tk\n"
                         "abcdefghijklmnopq\tk\n"
                         "abcdefghijklmnopqrstuvwxyz\tk\n"
                         "abcdefghijklmnopqrstuvwxyy\tk\n"
                         "a b\tk\n");
    CHECK(m);
    sr_arena a;
    sr_arena_init(&a);
    sr_tokens t;
    sr_matches ms;
    const char *text = "ABCDEFGHIJKLMNOPQRSTUVWXYY abcdefghijklmnopqrstuvwxyz abcdefghijklmnopqrs "
                       "abcdefghijklmnopq abcdefghijklmnop abcdefghij abcdefghi abcdefgh abcdefg a b";
    CHECK_INT(scan(m, &a, text, &t, &ms), 0);
    CHECK_INT(ms.n, 7);
    CHECK_STR(sr_matcher_entry(m, ms.v[0].entry)->phrase, "abcdefghijklmnopqrstuvwxyy");
    CHECK_STR(sr_matcher_entry(m, ms.v[1].entry)->phrase, "abcdefghijklmnopqrstuvwxyz");
    CHECK_INT(ms.v[2].tok_first, 3);
    CHECK_STR(sr_matcher_entry(m, ms.v[2].entry)->phrase, "abcdefghijklmnopq");
    CHECK_STR(sr_matcher_entry(m, ms.v[3].entry)->phrase, "abcdefghijklmnop");
    CHECK_STR(sr_matcher_entry(m, ms.v[4].entry)->phrase, "abcdefghi");
    CHECK_STR(sr_matcher_entry(m, ms.v[5].entry)->phrase, "abcdefgh");
    CHECK_STR(sr_matcher_entry(m, ms.v[6].entry)->phrase, "a b");
    sr_arena_free(&a);
    sr_matcher_free(m);
}
