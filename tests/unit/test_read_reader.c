/*
 * test_read_reader.c -- sr_reader over files and directories: order, ids,
 * formats, and bad inputs that must each give one error and let the run go
 * on.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../src/core/doc.h"
#include "../../src/read/formats.h"
#include "test.h"

typedef struct result {
    char ids[16][128];
    char errors[16][512];
    int ndocs, nerrors;
    char order[256];   /* 'd' per document, 'e' per error */
} result;

static int read_all(const char *path, result *r) {
    memset(r, 0, sizeof *r);
    sr_reader *rd;
    sr_error err = {0};
    if (sr_reader_open(path, SR_FORMAT_AUTO, &rd, &err) != SR_OK) return -1;
    for (int guard = 0; guard < 64; guard++) {
        sr_doc *d;
        sr_status st = sr_reader_next(rd, &d, &err);
        if (st == SR_DONE) break;
        size_t k = strlen(r->order);
        if (st == SR_OK) {
            if (r->ndocs < 16)
                snprintf(r->ids[r->ndocs++], 128, "%s", sr_doc_field(d, SR_FIELD_ID));
            sr_doc_free(d);
            r->order[k] = 'd';
        } else {
            if (r->nerrors < 16) snprintf(r->errors[r->nerrors++], 512, "%s", err.message);
            r->order[k] = 'e';
        }
    }
    sr_reader_close(rd);
    return 0;
}

TEST(read_dir_recursive_in_name_order) {
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/fixtures/read/tree", sr_test_root());
    result r;
    CHECK_INT(read_all(path, &r), 0);
    CHECK_INT(r.nerrors, 0);
    CHECK_INT(r.ndocs, 5);   /* .hidden.txt is skipped */
    CHECK_STR(r.ids[0], "a/report.txt");
    CHECK_STR(r.ids[1], "feed-1");
    CHECK_STR(r.ids[2], "42");
    CHECK_STR(r.ids[3], "b/page.html");
    CHECK_STR(r.ids[4], "z-first-line.txt");
    /* a file named directly has its base name as id */
    snprintf(path, sizeof path, "%s/tests/fixtures/read/tree/a/report.txt", sr_test_root());
    CHECK_INT(read_all(path, &r), 0);
    CHECK_INT(r.ndocs, 1);
    CHECK_STR(r.ids[0], "report.txt");
}

TEST(read_fixture_page_and_feed) {
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/fixtures/read/tree/b/page.html", sr_test_root());
    sr_reader *rd;
    sr_doc *d;
    CHECK_INT(sr_reader_open(path, SR_FORMAT_AUTO, &rd, NULL), SR_OK);
    CHECK_INT(sr_reader_next(rd, &d, NULL), SR_OK);
    CHECK_STR(sr_doc_field(d, SR_FIELD_TITLE), "Fire destroys market stalls");
    CHECK_STR(sr_doc_field(d, SR_FIELD_PUBLISHED), "2022-11-05");
    CHECK_STR(sr_doc_field(d, SR_FIELD_URL), "https://example.org/news/market-fire");
    CHECK_STR(sr_doc_field(d, SR_FIELD_LANG), "en");
    CHECK_STR(sr_doc_text(d, NULL),
              "Fire destroys market stalls\n\nA fire destroyed forty stalls at the central "
              "market on Saturday & no one was hurt, the fire service said.\n\nTraders said "
              "the caf\xC3\xA9 owner raised the alarm \xE2\x80\x93 \xE2\x80\x9Cjust in "
              "time\xE2\x80\x9D.");
    sr_doc_free(d);
    CHECK_INT(sr_reader_next(rd, &d, NULL), SR_DONE);
    sr_reader_close(rd);
    snprintf(path, sizeof path, "%s/tests/fixtures/read/tree/b/feed.jsonl", sr_test_root());
    CHECK_INT(sr_reader_open(path, SR_FORMAT_AUTO, &rd, NULL), SR_OK);
    CHECK_INT(sr_reader_next(rd, &d, NULL), SR_OK);
    CHECK_STR(sr_doc_field(d, SR_FIELD_PUBLISHED), "2021-03-04");
    CHECK_STR(d->extra, "{\"source\":\"Example Wire\",\"tags\":[\"bus\",\"highway\"]}");
    sr_doc_free(d);
    CHECK_INT(sr_reader_next(rd, &d, NULL), SR_OK);
    CHECK_STR(sr_doc_field(d, SR_FIELD_PUBLISHED), "2021-03-04");
    sr_doc_free(d);
    CHECK_INT(sr_reader_next(rd, &d, NULL), SR_DONE);
    sr_reader_close(rd);
}

/* A fresh temporary directory; the caller removes it with rm_tree(). */
static int make_tmp(char *dir, size_t n) {
    const char *t = getenv("TMPDIR");
    snprintf(dir, n, "%s/sr_read_XXXXXX", t && *t ? t : "/tmp");
    return mkdtemp(dir) ? 0 : -1;
}

static int put(const char *dir, const char *name, const void *data, size_t len) {
    char p[1024];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "wb");
    if (!f) return -1;
    size_t w = fwrite(data, 1, len, f);
    return fclose(f) == 0 && w == len ? 0 : -1;
}

static void rm_tree(const char *dir) {
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
}

TEST(read_bad_files_one_error_each_and_run_goes_on) {
    char dir[512];
    CHECK_INT(make_tmp(dir, sizeof dir), 0);
    const char bin[] = "\x7F" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0\x01\0\0\0";
    const char utf16[] = "\xFF\xFEH\0i\0 \0t\0h\0e\0r\0e\0.\0";
    int ok = put(dir, "01-good.txt", "Good text one.\n", 15) == 0 &&
             put(dir, "02-empty.txt", "", 0) == 0 &&
             put(dir, "03-binary.bin", bin, sizeof bin - 1) == 0 &&
             put(dir, "04-truncated.jsonl", "{\"id\":\"t\",\"text\":\"cut", 20) == 0 &&
             put(dir, "05-array.jsonl", "[1,2]\n", 6) == 0 &&
             put(dir, "06-nobody.html", "<html><head><title>x</title></head></html>", 42) == 0 &&
             put(dir, "07-utf16.txt", utf16, sizeof utf16 - 1) == 0 &&
             put(dir, "08-binary.jsonl", bin, sizeof bin - 1) == 0 &&
             put(dir, "09-blank.jsonl", "\n\n  \n", 5) == 0 &&
             put(dir, "10-good.jsonl", "{\"id\":\"g\",\"text\":\"Good two.\"}\n", 30) == 0;
    result r;
    if (ok) ok = read_all(dir, &r) == 0;
    rm_tree(dir);
    CHECK(ok);
    CHECK_STR(r.order, "deeeeedeed");
    CHECK_STR(r.ids[0], "01-good.txt");
    CHECK_STR(r.ids[1], "07-utf16.txt");
    CHECK_STR(r.ids[2], "g");
    static const char *const says[] = {
        "02-empty.txt: empty file; skipped",
        "03-binary.bin: binary data, not text; skipped",
        "04-truncated.jsonl:1: invalid JSON",
        "05-array.jsonl:1: an array, not a JSON object",
        "06-nobody.html: HTML without a body; skipped",
        "08-binary.jsonl: binary data, not text; skipped",
        "09-blank.jsonl: empty file; skipped"};
    for (int i = 0; i < 7; i++) {
        if (!strstr(r.errors[i], says[i])) {
            sr_test_fail(__FILE__, __LINE__, "error %d is \"%s\"", i, r.errors[i]);
            return;
        }
    }
}

TEST(read_huge_jsonl_line_skipped_not_held) {
    char dir[512];
    CHECK_INT(make_tmp(dir, sizeof dir), 0);
    char p[1024];
    snprintf(p, sizeof p, "%s/huge.jsonl", dir);
    FILE *f = fopen(p, "wb");
    CHECK(f != NULL);
    fputs("{\"id\":\"before\",\"text\":\"First.\"}\n{\"id\":\"huge\",\"text\":\"", f);
    static char block[1 << 16];
    memset(block, 'a', sizeof block);
    size_t blocks = (SR_MAX_DOC_BYTES >> 16) + 2;
    for (size_t i = 0; i < blocks; i++) fwrite(block, 1, sizeof block, f);
    fputs("\"}\n{\"id\":\"after\",\"text\":\"Last.\"}\n", f);
    CHECK(fclose(f) == 0);
    result r;
    int rc = read_all(dir, &r);
    rm_tree(dir);
    CHECK_INT(rc, 0);
    CHECK_STR(r.order, "ded");
    CHECK_STR(r.ids[0], "before");
    CHECK_STR(r.ids[1], "after");
    CHECK(strstr(r.errors[0], "huge.jsonl:2: line of ") != NULL);
    char says[64];
    snprintf(says, sizeof says, "over the %zu MiB limit; skipped", SR_MAX_DOC_BYTES >> 20);
    CHECK(strstr(r.errors[0], says) != NULL);
}

/* A JSONL line {"text":"aaa..."} of exactly n bytes (n >= 12). */
static void put_line(FILE *f, size_t n, int newline) {
    fputs("{\"text\":\"", f);
    for (size_t i = 0; i < n - 11; i++) fputc('a', f);
    fputs("\"}", f);
    if (newline) fputc('\n', f);
}

TEST(read_jsonl_line_limit_edges) {
    char dir[512];
    CHECK_INT(make_tmp(dir, sizeof dir), 0);
    char p[1024];
    snprintf(p, sizeof p, "%s/lines.jsonl", dir);
    FILE *f = fopen(p, "wb");
    CHECK(f != NULL);
    put_line(f, 50, 1);       /* 1: fine */
    put_line(f, 101, 1);      /* 2: one over, whole in the buffer */
    put_line(f, 100, 1);      /* 3: exactly the limit */
    put_line(f, 200000, 1);   /* 4: spans buffer refills: skipped unread */
    put_line(f, 12, 1);       /* 5: right after the skipped line */
    put_line(f, 300000, 0);   /* 6: over the limit up to the end of the file */
    CHECK(fclose(f) == 0);
    sr_reader *rd;
    sr_error err = {0};
    CHECK_INT(sr_reader_open(p, SR_FORMAT_AUTO, &rd, &err), SR_OK);
    sr_reader_set_limit(rd, 100);
    char order[16] = "";
    size_t lens[8] = {0}, nd = 0;
    for (int k = 0; k < 10; k++) {
        sr_doc *d;
        sr_status st = sr_reader_next(rd, &d, &err);
        if (st == SR_DONE) break;
        strcat(order, st == SR_OK ? "d" : "e");
        if (st == SR_OK) {
            lens[nd++] = d->len;
            sr_doc_free(d);
        } else if (!strstr(err.message, "over the 100 bytes limit; skipped")) {
            sr_test_fail(__FILE__, __LINE__, "message \"%s\"", err.message);
        }
        if (k == 3) CHECK(strstr(err.message, "lines.jsonl:4: line of 200000 bytes") != NULL);
        if (k == 5) CHECK(strstr(err.message, "lines.jsonl:6: line of 300000 bytes") != NULL);
    }
    sr_reader_close(rd);
    rm_tree(dir);
    CHECK_STR(order, "dedede");
    CHECK_INT(lens[0], 39);
    CHECK_INT(lens[1], 89);
    CHECK_INT(lens[2], 1);
}

TEST(read_jsonl_lines_across_buffer_refills) {
    char dir[512];
    CHECK_INT(make_tmp(dir, sizeof dir), 0);
    char p[1024];
    snprintf(p, sizeof p, "%s/long.jsonl", dir);
    FILE *f = fopen(p, "wb");
    CHECK(f != NULL);
    static const size_t sizes[] = {70000, 65535, 65536, 65537, 200000, 13};
    for (size_t i = 0; i < 6; i++) put_line(f, sizes[i], i < 5);
    CHECK(fclose(f) == 0);
    sr_reader *rd;
    CHECK_INT(sr_reader_open(p, SR_FORMAT_AUTO, &rd, NULL), SR_OK);
    size_t i = 0;
    sr_doc *d;
    sr_status st;
    while ((st = sr_reader_next(rd, &d, NULL)) == SR_OK) {
        if (i < 6 && d->len != sizes[i] - 11) {
            sr_test_fail(__FILE__, __LINE__, "line %zu: %zu bytes of text", i + 1, d->len);
        }
        i++;
        sr_doc_free(d);
    }
    sr_reader_close(rd);
    rm_tree(dir);
    CHECK_INT(st, SR_DONE);
    CHECK_INT(i, 6);
}

TEST(read_text_limit) {
    char dir[512];
    CHECK_INT(make_tmp(dir, sizeof dir), 0);
    char big[300];
    memset(big, 'w', sizeof big);
    CHECK_INT(put(dir, "a.txt", big, 100), 0);
    CHECK_INT(put(dir, "b.txt", big, 101), 0);
    sr_reader *rd;
    CHECK_INT(sr_reader_open(dir, SR_FORMAT_AUTO, &rd, NULL), SR_OK);
    sr_reader_set_limit(rd, 100);
    sr_doc *d;
    sr_error err = {0};
    sr_status a = sr_reader_next(rd, &d, &err);
    if (a == SR_OK) sr_doc_free(d);
    sr_status b = sr_reader_next(rd, &d, &err);
    sr_status c = sr_reader_next(rd, &d, NULL);
    sr_reader_close(rd);
    rm_tree(dir);
    CHECK_INT(a, SR_OK);
    CHECK_INT(b, SR_ERR_TOOBIG);
    CHECK(strstr(err.message, "b.txt: 101 bytes, over the 100 bytes limit; skipped") != NULL);
    CHECK_INT(c, SR_DONE);
}

TEST(read_dir_symlink_loop_cut_once) {
    char dir[512], sub[600], link[700];
    CHECK_INT(make_tmp(dir, sizeof dir), 0);
    snprintf(sub, sizeof sub, "%s/a", dir);
    snprintf(link, sizeof link, "%s/a/up", dir);
    int ok = mkdir(sub, 0700) == 0 && symlink("..", link) == 0 &&
             put(dir, "a/one.txt", "One report.", 11) == 0 &&
             put(dir, "b.txt", "Another report.", 15) == 0;
    result r;
    if (ok) ok = read_all(dir, &r) == 0;
    rm_tree(dir);
    CHECK(ok);
    CHECK_STR(r.order, "ded");
    CHECK_STR(r.ids[0], "a/one.txt");
    CHECK_STR(r.ids[1], "b.txt");
    CHECK(strstr(r.errors[0], "a/up: a directory inside itself") != NULL);
}

TEST(read_whole_json_files) {
    char dir[512];
    CHECK_INT(make_tmp(dir, sizeof dir), 0);
    const char *pretty = "[\n  {\"id\": \"p1\", \"text\": \"First article.\"},\n  7,\n"
                         "  {\"text\": \"Second, no id.\", \"title\": \"T\"}\n]\n";
    const char *compact = "[{\"id\":\"c1\",\"text\":\"One.\"},{\"id\":\"c2\",\"text\":\"Two.\"}]";
    const char *object = "{\n  \"id\": \"o1\",\n  \"text\": \"Pretty \\u00e9.\"\n}\n";
    const char *noid = "{\n  \"text\": \"No id.\"\n}\n";
    const char *ints = "[1, 2, 3]\n";
    const char *jsonl = "{\"text\": \"cut\n{\"id\":\"l2\",\"text\":\"Line two.\"}\n";
    int ok = put(dir, "1-pretty.json", pretty, strlen(pretty)) == 0 &&
             put(dir, "2-compact.json", compact, strlen(compact)) == 0 &&
             put(dir, "3-object.json", object, strlen(object)) == 0 &&
             put(dir, "4-noid.json", noid, strlen(noid)) == 0 &&
             put(dir, "5-ints.jsonl", ints, strlen(ints)) == 0 &&
             put(dir, "6-badfirst.jsonl", jsonl, strlen(jsonl)) == 0;
    result r;
    if (ok) ok = read_all(dir, &r) == 0;
    rm_tree(dir);
    CHECK(ok);
    CHECK_STR(r.order, "dedddddeed");
    CHECK_STR(r.ids[0], "p1");
    CHECK_STR(r.ids[1], "1-pretty.json:3");
    CHECK_STR(r.ids[2], "c1");
    CHECK_STR(r.ids[3], "c2");
    CHECK_STR(r.ids[4], "o1");
    CHECK_STR(r.ids[5], "4-noid.json");
    CHECK_STR(r.ids[6], "l2");
    CHECK(strstr(r.errors[0], "1-pretty.json[2]: an integer, not a JSON object; skipped") != NULL);
    CHECK(strstr(r.errors[1], "5-ints.jsonl:1: an array, not a JSON object; line skipped") != NULL);
    CHECK(strstr(r.errors[2], "6-badfirst.jsonl:1: invalid JSON") != NULL);
}

TEST(read_jsonl_garbage_warnings_summed_up) {
    char dir[512];
    CHECK_INT(make_tmp(dir, sizeof dir), 0);
    char p[1024];
    snprintf(p, sizeof p, "%s/prose.jsonl", dir);
    FILE *f = fopen(p, "wb");
    CHECK(f != NULL);
    for (int i = 0; i < 25; i++) fprintf(f, "This is line %d of prose, not JSON.\n", i + 1);
    fputs("{\"id\":\"ok\",\"text\":\"A good line at the end.\"}\n", f);
    CHECK(fclose(f) == 0);
    result r;
    int rc = read_all(dir, &r);
    rm_tree(dir);
    CHECK_INT(rc, 0);
    CHECK_STR(r.order, "eeeeeeeeeede");
    CHECK_STR(r.ids[0], "ok");
    CHECK(strstr(r.errors[9], "prose.jsonl:10: invalid JSON") != NULL);
    CHECK(strstr(r.errors[10], "prose.jsonl: 15 more bad lines (from line 11 on) skipped") != NULL);
}

TEST(read_missing_path_fails_at_open) {
    sr_reader *rd;
    sr_error err = {0};
    CHECK_INT(sr_reader_open("/nonexistent/sitrep/x.txt", SR_FORMAT_AUTO, &rd, &err), SR_ERR_IO);
    CHECK(strstr(err.message, "/nonexistent/sitrep/x.txt") != NULL);
}

TEST(read_guess_format) {
    CHECK_INT(sr_guess_format("a.JSONL", "", 0), SR_FORMAT_JSONL);
    CHECK_INT(sr_guess_format("a.htm", "", 0), SR_FORMAT_HTML);
    CHECK_INT(sr_guess_format("a.txt", "{", 1), SR_FORMAT_TEXT);
    CHECK_INT(sr_guess_format("-", "\n {\"a\":1}", 9), SR_FORMAT_JSONL);
    CHECK_INT(sr_guess_format("x", "<!DOCTYPE html><p>", 18), SR_FORMAT_HTML);
    CHECK_INT(sr_guess_format("x", "<p>hi</p><body>", 15), SR_FORMAT_HTML);
    CHECK_INT(sr_guess_format("x", "<b>not a page</b>", 17), SR_FORMAT_TEXT);
    CHECK_INT(sr_guess_format("x", "Plain words.", 12), SR_FORMAT_TEXT);
}
