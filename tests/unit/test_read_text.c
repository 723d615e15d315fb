/*
 * test_read_text.c -- the plain text reader, byte sniffing and dates.
 */
#include <stdlib.h>
#include <string.h>

#include "../../src/core/buf.h"
#include "../../src/core/doc.h"
#include "../../src/read/formats.h"
#include "../../src/read/sniff.h"
#include "test.h"

static sr_doc *text_doc(const char *s, size_t n, sr_status *st, sr_error *err) {
    sr_doc *d = NULL;
    *st = sr_text_read("dir/story.txt", "story.txt", s, n, &d, err);
    return d;
}

TEST(read_text_id_title_and_text) {
    const char *s = "Gunmen attack hotel  \r\n\r\nGunmen attacked a hotel on Sunday.\n";
    sr_status st;
    sr_error err = {0};
    sr_doc *d = text_doc(s, strlen(s), &st, &err);
    CHECK_INT(st, SR_OK);
    CHECK_STR(sr_doc_field(d, SR_FIELD_ID), "story.txt");
    CHECK_STR(sr_doc_field(d, SR_FIELD_TITLE), "Gunmen attack hotel");
    size_t n;
    const char *t = sr_doc_text(d, &n);
    CHECK_INT(n, strlen(s));  /* the text keeps the headline, byte for byte */
    CHECK(memcmp(t, s, n) == 0);
    CHECK_INT(sr_doc_warning_count(d), 0);
    sr_doc_free(d);
}

TEST(read_text_no_title_without_blank_line) {
    const char *s = "First line\nsecond line continues the paragraph.\n";
    sr_status st;
    sr_doc *d = text_doc(s, strlen(s), &st, NULL);
    CHECK_INT(st, SR_OK);
    CHECK(sr_doc_field(d, SR_FIELD_TITLE) == NULL);
    sr_doc_free(d);
    /* a first line longer than 200 bytes is a paragraph, not a headline */
    char longline[400];
    memset(longline, 'a', 300);
    memcpy(longline + 300, "\n\nrest\n", 8);
    d = text_doc(longline, strlen(longline), &st, NULL);
    CHECK_INT(st, SR_OK);
    CHECK(sr_doc_field(d, SR_FIELD_TITLE) == NULL);
    sr_doc_free(d);
}

TEST(read_text_bom_dropped) {
    const char *s = "\xEF\xBB\xBFHeadline\n\nBody text here.";
    sr_status st;
    sr_doc *d = text_doc(s, strlen(s), &st, NULL);
    CHECK_INT(st, SR_OK);
    CHECK_STR(sr_doc_field(d, SR_FIELD_TITLE), "Headline");
    CHECK_STR(sr_doc_text(d, NULL), "Headline\n\nBody text here.");
    sr_doc_free(d);
}

TEST(read_text_invalid_utf8_replaced_with_warning) {
    /* UTF-8 (the \xC3\xA9) with two bad sequences */
    const char *s = "Caf\xE9 attack: \xC3\x28 two dead in Bogot\xC3\xA1.";
    sr_status st;
    sr_doc *d = text_doc(s, strlen(s), &st, NULL);
    CHECK_INT(st, SR_OK);
    CHECK_STR(sr_doc_text(d, NULL),
              "Caf\xEF\xBF\xBD attack: \xEF\xBF\xBD( two dead in Bogot\xC3\xA1.");
    CHECK_INT(sr_doc_warning_count(d), 1);
    CHECK(strstr(sr_doc_warning(d, 0), "2 invalid UTF-8") != NULL);
    sr_doc_free(d);
}

TEST(read_text_latin1_decoded_with_warning) {
    /* no valid UTF-8 multi-byte sequence at all: an 8-bit file */
    const char *s = "Ataque en Bogot\xE1: \x93" "dos muertos\x94, se\xF1" "al\xF3 la polic\xED" "a.";
    sr_status st;
    sr_doc *d = text_doc(s, strlen(s), &st, NULL);
    CHECK_INT(st, SR_OK);
    CHECK_STR(sr_doc_text(d, NULL), "Ataque en Bogot\xC3\xA1: \xE2\x80\x9C" "dos muertos"
                                    "\xE2\x80\x9D, se\xC3\xB1" "al\xC3\xB3 la polic\xC3\xAD" "a.");
    CHECK_INT(sr_doc_warning_count(d), 1);
    CHECK_STR(sr_doc_warning(d, 0), "not UTF-8: read as windows-1252 (Latin-1)");
    sr_doc_free(d);
    CHECK(!sr_has_utf8_multibyte(s, strlen(s)));
    CHECK(sr_has_utf8_multibyte("x\xC3\xA1", 3));
    CHECK(!sr_has_utf8_multibyte("x\xC0\x80", 3));  /* overlong: not valid */
}

TEST(read_text_empty_and_binary_fail_naming_the_file) {
    sr_status st;
    sr_error err = {0};
    sr_doc *d = text_doc(" \n\t\n", 4, &st, &err);
    CHECK_INT(st, SR_ERR_EMPTY);
    CHECK(d == NULL);
    CHECK(strstr(err.message, "dir/story.txt") != NULL);
    char bin[256];
    for (int i = 0; i < 256; i++) bin[i] = (char)(i * 7);
    d = text_doc(bin, sizeof bin, &st, &err);
    CHECK_INT(st, SR_ERR_BINARY);
    CHECK(d == NULL);
    CHECK(strstr(err.message, "dir/story.txt: binary") != NULL);
}

TEST(read_sniff_bom_and_utf16) {
    size_t n;
    CHECK_INT(sr_sniff_bom("\xEF\xBB\xBFx", 4, &n), SR_BOM_UTF8);
    CHECK_INT(n, 3);
    CHECK_INT(sr_sniff_bom("\xFF\xFEx\0", 4, &n), SR_BOM_UTF16LE);
    CHECK_INT(sr_sniff_bom("\xFE\xFF\0x", 4, &n), SR_BOM_UTF16BE);
    CHECK_INT(sr_sniff_bom("ab", 2, &n), SR_BOM_NONE);
    CHECK_INT(n, 0);
    /* "Aé€😀" in UTF-16LE, then an unpaired high surrogate, then an odd byte */
    const char le[] = "A\0\xE9\0\xAC\x20\x3D\xD8\x00\xDE\x3D\xD8" "B\0" "C";
    sr_buf b = SR_BUF_INIT;
    size_t fixes = sr_utf16_to_utf8(le, sizeof le - 1, 0, &b);
    CHECK_INT(fixes, 2);
    CHECK_STR(b.data, "A\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xEF\xBF\xBD" "B\xEF\xBF\xBD");
    sr_buf_free(&b);
    const char be[] = "\0H\0i";
    fixes = sr_utf16_to_utf8(be, 4, 1, &b);
    CHECK_INT(fixes, 0);
    CHECK_STR(b.data, "Hi");
    sr_buf_free(&b);
}

TEST(read_sniff_charset_conversion) {
    sr_buf b = SR_BUF_INIT;
    size_t fixes;
    CHECK_INT(sr_charset_to_utf8("windows-1252", "\x93Hi\x94 \x80", 6, &b, &fixes), SR_OK);
    CHECK_STR(b.data, "\xE2\x80\x9CHi\xE2\x80\x9D \xE2\x82\xAC");
    CHECK_INT(fixes, 0);
    sr_buf_free(&b);
    /* 0xFF is not UTF-8 ... as the source charset: one replacement, then on */
    CHECK_INT(sr_charset_to_utf8("utf-8", "a\xFF" "b", 3, &b, &fixes), SR_OK);
    CHECK_STR(b.data, "a\xEF\xBF\xBD" "b");
    CHECK_INT(fixes, 1);
    sr_buf_free(&b);
    CHECK_INT(sr_charset_to_utf8("no-such-charset", "a", 1, &b, &fixes), SR_ERR_ARG);
    sr_buf_free(&b);
}

TEST(read_sniff_binary) {
    const char *text = "Plain news text.\n\tWith a tab, and caf\xC3\xA9.\r\n";
    CHECK(!sr_looks_binary(text, strlen(text)));
    /* a stray bad byte in long text is repaired later, not binary */
    char mostly[200];
    memset(mostly, 'x', sizeof mostly);
    mostly[50] = (char)0xFF;
    mostly[60] = 0;
    CHECK(!sr_looks_binary(mostly, sizeof mostly));
    const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0";
    CHECK(sr_looks_binary(png, sizeof png - 1));
    const char utf16_no_bom[] = "H\0e\0l\0l\0o\0";
    CHECK(sr_looks_binary(utf16_no_bom, sizeof utf16_no_bom - 1));
}

TEST(read_date_formats) {
    static const struct { const char *in, *out; } ok[] = {
        {"2017-06-19", "2017-06-19"},
        {"2017-06-19T23:30:00-05:00", "2017-06-19"},   /* the date as written */
        {"2017-06-19 10:00", "2017-06-19"},
        {"2017-06-19Z", "2017-06-19"},
        {"2017/06/19", "2017-06-19"},
        {"2017.6.9", "2017-06-09"},
        {"20170619", "2017-06-19"},
        {"Mon, 19 Jun 2017 10:00:00 GMT", "2017-06-19"},
        {"19 June 2017", "2017-06-19"},
        {"June 19, 2017", "2017-06-19"},
        {"Sunday, June 18th, 2017", "2017-06-18"},
        {"Sept. 3, 2016 4:05 PM", "2016-09-03"},
        {"29 Feb 2016", "2016-02-29"},
    };
    char iso[11];
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        CHECK_INT(sr_date_parse(ok[i].in, iso), SR_OK);
        CHECK_STR(iso, ok[i].out);
    }
    static const char *const bad[] = {"", "yesterday", "03/04/2017", "2017-13-01",
                                      "2017-02-30", "29 Feb 2017", "June 2017",
                                      "2017", "19 Juneteenth 2017", "2017-06-19x",
                                      "June 19", "12:30 June 19 2017"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        if (sr_date_parse(bad[i], iso) == SR_OK) {
            sr_test_fail(__FILE__, __LINE__, "\"%s\" parsed as %s", bad[i], iso);
            return;
        }
    }
    CHECK_INT(sr_date_from_unix(1497830400, iso), SR_OK);      /* seconds */
    CHECK_STR(iso, "2017-06-19");
    CHECK_INT(sr_date_from_unix(1497830400123LL, iso), SR_OK); /* milliseconds */
    CHECK_STR(iso, "2017-06-19");
}
