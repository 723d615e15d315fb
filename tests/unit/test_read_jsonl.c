/*
 * test_read_jsonl.c -- the JSONL reader: fields, extra, ids, bad lines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/doc.h"
#include "../../src/read/formats.h"
#include "test.h"

static sr_doc *line_doc(const char *line, sr_status *st, sr_error *err) {
    sr_doc *d = NULL;
    *st = sr_jsonl_line("in/feed.jsonl", "feed.jsonl", 7, line, strlen(line), &d, err);
    return d;
}

TEST(read_jsonl_known_fields) {
    const char *l = "{\"id\":\"a1\",\"title\":\"Blast\",\"url\":\"https://x.org/a\","
                    "\"published\":\"2019-04-21T09:00:00+05:30\",\"lang\":\"en\","
                    "\"text\":\"A blast hit a church.\\nTwo died.\"}";
    sr_status st;
    sr_doc *d = line_doc(l, &st, NULL);
    CHECK_INT(st, SR_OK);
    CHECK_STR(sr_doc_field(d, SR_FIELD_ID), "a1");
    CHECK_STR(sr_doc_field(d, SR_FIELD_TITLE), "Blast");
    CHECK_STR(sr_doc_field(d, SR_FIELD_URL), "https://x.org/a");
    CHECK_STR(sr_doc_field(d, SR_FIELD_PUBLISHED), "2019-04-21");
    CHECK_STR(sr_doc_field(d, SR_FIELD_LANG), "en");
    CHECK_STR(sr_doc_text(d, NULL), "A blast hit a church.\nTwo died.");
    CHECK(d->extra == NULL);
    CHECK_INT(sr_doc_warning_count(d), 0);
    sr_doc_free(d);
}

TEST(read_jsonl_extra_fields_kept) {
    const char *l = "{\"text\":\"Shots were fired.\",\"source\":\"Wire\",\"n\":3,"
                    "\"tags\":[\"a\",{\"b\":null}],\"body\":\"other body\",\"url\":null,"
                    "\"title\":7}";
    sr_status st;
    sr_doc *d = line_doc(l, &st, NULL);
    CHECK_INT(st, SR_OK);
    CHECK_STR(sr_doc_text(d, NULL), "Shots were fired.");
    /* in input order; "body" beside "text" and a title that is not a string stay */
    CHECK_STR(d->extra, "{\"source\":\"Wire\",\"n\":3,\"tags\":[\"a\",{\"b\":null}],"
                        "\"body\":\"other body\",\"title\":7}");
    CHECK(sr_doc_field(d, SR_FIELD_URL) == NULL);
    CHECK(sr_doc_field(d, SR_FIELD_TITLE) == NULL);
    sr_doc_free(d);
}

TEST(read_jsonl_ids) {
    sr_status st;
    sr_doc *d = line_doc("{\"id\":12345,\"text\":\"x y\"}", &st, NULL);
    CHECK_INT(st, SR_OK);
    CHECK_STR(sr_doc_field(d, SR_FIELD_ID), "12345");
    sr_doc_free(d);
    d = line_doc("{\"text\":\"x y\"}", &st, NULL);  /* no id: file and line */
    CHECK_STR(sr_doc_field(d, SR_FIELD_ID), "feed.jsonl:7");
    sr_doc_free(d);
    d = line_doc("{\"id\":\"\",\"text\":\"x y\"}", &st, NULL);
    CHECK_STR(sr_doc_field(d, SR_FIELD_ID), "feed.jsonl:7");
    CHECK(strstr(d->extra, "\"id\":\"\"") != NULL);
    sr_doc_free(d);
}

TEST(read_jsonl_aliases) {
    sr_status st;
    sr_doc *d = line_doc("{\"content\":\"Body here\",\"date\":\"June 3, 2020\"}", &st, NULL);
    CHECK_INT(st, SR_OK);
    CHECK_STR(sr_doc_text(d, NULL), "Body here");
    CHECK_STR(sr_doc_field(d, SR_FIELD_PUBLISHED), "2020-06-03");
    CHECK(d->extra == NULL);
    sr_doc_free(d);
}

TEST(read_jsonl_published_formats) {
    static const struct { const char *json, *iso; } cases[] = {
        {"\"2017-06-19\"", "2017-06-19"},
        {"\"Mon, 19 Jun 2017 10:00:00 +0000\"", "2017-06-19"},
        {"\"19 June 2017\"", "2017-06-19"},
        {"1497830400", "2017-06-19"},
        {"1497830400000", "2017-06-19"},
        {"1497830400.5", "2017-06-19"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char line[200];
        snprintf(line, sizeof line, "{\"text\":\"t t\",\"published\":%s}", cases[i].json);
        sr_status st;
        sr_doc *d = line_doc(line, &st, NULL);
        CHECK_INT(st, SR_OK);
        CHECK_STR(sr_doc_field(d, SR_FIELD_PUBLISHED), cases[i].iso);
        CHECK_INT(sr_doc_warning_count(d), 0);
        sr_doc_free(d);
    }
    /* not a date: the document is read, the field left out, with a warning */
    sr_status st;
    sr_doc *d = line_doc("{\"text\":\"t t\",\"published\":\"last week\"}", &st, NULL);
    CHECK_INT(st, SR_OK);
    CHECK(sr_doc_field(d, SR_FIELD_PUBLISHED) == NULL);
    CHECK_INT(sr_doc_warning_count(d), 1);
    CHECK(strstr(sr_doc_warning(d, 0), "last week") != NULL);
    sr_doc_free(d);
    d = line_doc("{\"text\":\"t t\",\"published\":[2017]}", &st, NULL);
    CHECK_INT(st, SR_OK);
    CHECK(sr_doc_field(d, SR_FIELD_PUBLISHED) == NULL);
    CHECK_INT(sr_doc_warning_count(d), 1);
    sr_doc_free(d);
    d = line_doc("{\"text\":\"t t\",\"published\":1e300}", &st, NULL);
    CHECK_INT(st, SR_OK);
    CHECK(sr_doc_field(d, SR_FIELD_PUBLISHED) == NULL);
    sr_doc_free(d);
}

TEST(read_jsonl_bad_lines_name_file_and_line) {
    static const struct { const char *line, *says; sr_status st; } bad[] = {
        {"{\"id\":\"x\",\"text\":\"cut off", "invalid JSON", SR_ERR_PARSE},
        {"[1,2,3]", "an array, not a JSON object", SR_ERR_PARSE},
        {"\"just a string\"", "a string, not a JSON object", SR_ERR_PARSE},
        {"{\"id\":\"x\"}", "no \"text\"", SR_ERR_EMPTY},
        {"{\"text\":5}", "\"text\" is an integer", SR_ERR_PARSE},
        {"{\"text\":\"   \"}", "empty document", SR_ERR_EMPTY},
        {"{\"text\":\"a\"} trailing", "invalid JSON", SR_ERR_PARSE},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        sr_status st;
        sr_error err = {0};
        sr_doc *d = line_doc(bad[i].line, &st, &err);
        CHECK(d == NULL);
        CHECK_INT(st, bad[i].st);
        if (!strstr(err.message, "in/feed.jsonl:7:") || !strstr(err.message, bad[i].says)) {
            sr_test_fail(__FILE__, __LINE__, "message \"%s\"", err.message);
            return;
        }
    }
}

TEST(read_jsonl_deep_nesting_is_one_error) {
    size_t n = 200000;
    char *l = malloc(n * 2 + 32);
    CHECK(l != NULL);
    strcpy(l, "{\"text\":\"x\",\"deep\":");
    size_t k = strlen(l);
    memset(l + k, '[', n);
    memset(l + k + n, ']', n);
    strcpy(l + k + 2 * n, "}");
    sr_status st;
    sr_error err = {0};
    sr_doc *d = line_doc(l, &st, &err);
    free(l);
    CHECK(d == NULL);
    CHECK_INT(st, SR_ERR_PARSE);
    CHECK(strstr(err.message, "depth") != NULL);
}

TEST(read_jsonl_invalid_utf8_repaired) {
    sr_status st;
    sr_doc *d = line_doc("{\"id\":\"u\",\"text\":\"Caf\xE9 bomb \xF0\x9F\x92\xA3 and \x80.\"}",
                         &st, NULL);
    CHECK_INT(st, SR_OK);
    CHECK_STR(sr_doc_text(d, NULL), "Caf\xEF\xBF\xBD bomb \xF0\x9F\x92\xA3 and \xEF\xBF\xBD.");
    CHECK_INT(sr_doc_warning_count(d), 1);
    CHECK(strstr(sr_doc_warning(d, 0), "2 invalid UTF-8") != NULL);
    CHECK(strstr(sr_doc_warning(d, 0), "(in/feed.jsonl:7)") != NULL);
    sr_doc_free(d);
}

TEST(read_jsonl_next_skips_blank_lines_and_counts) {
    const char *data = "\xEF\xBB\xBF{\"text\":\"one\"}\n\n  \r\n{\"text\":\"two\"}\r\nnot json\n"
                       "{\"text\":\"four\"}";
    size_t pos = 0, line = 0, len = strlen(data);
    sr_doc *d;
    sr_error err = {0};
    CHECK_INT(sr_jsonl_next("f", "f", data, len, &pos, &line, &d, &err), SR_OK);
    CHECK_STR(sr_doc_text(d, NULL), "one");
    CHECK_INT(line, 1);
    sr_doc_free(d);
    CHECK_INT(sr_jsonl_next("f", "f", data, len, &pos, &line, &d, &err), SR_OK);
    CHECK_STR(sr_doc_text(d, NULL), "two");
    CHECK_STR(sr_doc_field(d, SR_FIELD_ID), "f:4");
    sr_doc_free(d);
    CHECK_INT(sr_jsonl_next("f", "f", data, len, &pos, &line, &d, &err), SR_ERR_PARSE);
    CHECK(strstr(err.message, "f:5:") == err.message);
    CHECK_INT(sr_jsonl_next("f", "f", data, len, &pos, &line, &d, &err), SR_OK);
    CHECK_STR(sr_doc_text(d, NULL), "four");
    sr_doc_free(d);
    CHECK_INT(sr_jsonl_next("f", "f", data, len, &pos, &line, &d, &err), SR_DONE);
}
