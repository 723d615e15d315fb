/*
 * test_normalize.c -- folding: NFC, case, accents, quotes, dashes, spaces,
 * ligatures.
 */
#include <stdio.h>
#include <string.h>

#include "test.h"
#include "../../src/text/normalize.h"

static const char *fold(sr_buf *b, const char *s) {
    sr_buf_reset(b);
    sr_fold(s, strlen(s), b);
    return b->data ? b->data : "";
}

TEST(fold_ascii_lowercases) {
    sr_buf b = SR_BUF_INIT;
    CHECK_STR(fold(&b, "AQIM Bamako al-Qaeda"), "aqim bamako al-qaeda");
    CHECK_STR(fold(&b, "already folded 123"), "already folded 123");
    sr_buf_free(&b);
}

TEST(fold_accents_and_quotes) {
    sr_buf b = SR_BUF_INIT;
    CHECK_STR(fold(&b, "C\xC3\xB4te d\xE2\x80\x99Ivoire"), "cote d'ivoire");
    CHECK_STR(fold(&b, "\xC3\x89" "COLE"), "ecole");
    CHECK_STR(fold(&b, "e\xCC\x81t\xC3\xA9"), "ete");       /* decomposed é */
    CHECK_STR(fold(&b, "\xE2\x80\x9Cquoted\xE2\x80\x9D"), "\"quoted\"");
    CHECK_STR(fold(&b, "\xE2\x80\x98single\xE2\x80\x99"), "'single'");
    sr_buf_free(&b);
}

TEST(fold_dashes_spaces_ligatures) {
    sr_buf b = SR_BUF_INIT;
    CHECK_STR(fold(&b, "1990\xE2\x80\x93" "91"), "1990-91");      /* en dash */
    CHECK_STR(fold(&b, "a\xE2\x80\x94" "b"), "a-b");              /* em dash */
    CHECK_STR(fold(&b, "\xE2\x88\x92" "5"), "-5");                /* minus sign */
    CHECK_STR(fold(&b, "\xEF\xAC\x81re"), "fire");                /* ﬁ ligature */
    CHECK_STR(fold(&b, "a\xC2\xA0" "b"), "a b");                  /* no-break space */
    CHECK_STR(fold(&b, "\xEF\xBC\xA1\xEF\xBC\xB1"), "aq");        /* full-width ＡＱ */
    sr_buf_free(&b);
}

TEST(fold_case_folding_beyond_ascii) {
    sr_buf b = SR_BUF_INIT;
    CHECK_STR(fold(&b, "STRA\xC3\x9F" "E"), "strasse");
    CHECK_STR(fold(&b, "\xCE\x91\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1"), "\xCE\xB1\xCE\xB8\xCE\xB7\xCE\xBD\xCE\xB1");
    sr_buf_free(&b);
}

TEST(fold_trivial_check) {
    CHECK(sr_fold_is_trivial("bamako 2017", 11));
    CHECK(!sr_fold_is_trivial("Bamako", 6));
    CHECK(!sr_fold_is_trivial("c\xC3\xB4te", 5));
}

TEST(fold_composes_nfc) {
    sr_buf b = SR_BUF_INIT;
    /* Hangul jamo U+1112 U+1161 U+11AB compose to U+D55C */
    CHECK_STR(fold(&b, "\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB"), "\xED\x95\x9C");
    /* precomposed and decomposed forms fold alike */
    char one[64], two[64];
    snprintf(one, sizeof one, "%s", fold(&b, "Bogot\xC3\xA1"));
    snprintf(two, sizeof two, "%s", fold(&b, "BOGOTA\xCC\x81"));
    CHECK_STR(one, two);
    CHECK_STR(one, "bogota");
    sr_buf_free(&b);
}
