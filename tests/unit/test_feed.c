/*
 * test_feed.c -- RSS 2.0, RSS 1.0 and Atom feeds as documents: fields,
 * HTML stripping, bad items and broken feeds, and feeds through sr_reader
 * (detection by extension and by content).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/doc.h"
#include "../../src/core/file.h"
#include "../../src/read/feed.h"
#include "../../src/read/formats.h"
#include "test.h"

static char *slurp(const char *rel, size_t *len) {
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/fixtures/feeds/%s", sr_test_root(), rel);
    char *data;
    return sr_file_read(path, (1 << 16) - 1, &data, len, NULL) == SR_OK ? data : NULL;
}

static const char *field(const sr_doc *d, sr_field f) {
    const char *v = sr_doc_field(d, f);
    return v ? v : "(unset)";
}

TEST(feed_rss2_items) {
    size_t len;
    char *data = slurp("rss2.rss", &len);
    CHECK(data);
    sr_feed *f = NULL;
    sr_error err = {0};
    CHECK_INT(sr_feed_parse("rss2.rss", data, len, &f, &err), SR_OK);
    free(data);
    CHECK_INT(sr_feed_count(f), 4);
    CHECK_STR(sr_feed_title(f), "Sahel Desk (test feed)");
    sr_doc *d = NULL;
    /* 1: content:encoded wins over description; script dropped; entity decoded */
    CHECK_INT(sr_feed_next(f, &d, &err), SR_OK);
    CHECK_STR(field(d, SR_FIELD_ID), "http://127.0.0.1/sahel/gao-market");
    CHECK_STR(field(d, SR_FIELD_URL), "http://127.0.0.1/sahel/gao-market");
    CHECK_STR(field(d, SR_FIELD_TITLE), "Gunmen kill five at market in Gao");
    CHECK_STR(field(d, SR_FIELD_PUBLISHED), "2026-03-03");
    CHECK_STR(field(d, SR_FIELD_LANG), "en");
    CHECK_STR(sr_doc_text(d, NULL),
              "Gunmen kill five at market in Gao\n\n"
              "GAO, Mali \xE2\x80\x94 Gunmen on motorcycles opened fire at a cattle market in "
              "Gao on Monday, killing at least five people and wounding 12 others, local "
              "officials said.\n\nNo group has claimed responsibility for the attack.");
    CHECK_INT(sr_doc_warning_count(d), 0);
    sr_doc_free(d);
    /* 2: escaped HTML in description, guid that is no permalink, dc:date */
    CHECK_INT(sr_feed_next(f, &d, &err), SR_OK);
    CHECK_STR(field(d, SR_FIELD_ID), "sahel-2026-0302-mopti");
    CHECK_STR(field(d, SR_FIELD_URL), "http://127.0.0.1/sahel/mopti-bus");
    CHECK_STR(field(d, SR_FIELD_PUBLISHED), "2026-03-02");
    CHECK_STR(sr_doc_text(d, NULL),
              "Bomb hits bus near Mopti\n\nA roadside bomb struck a passenger bus near Mopti "
              "on Sunday, killing three passengers, the army said.\n\nSeven people were "
              "wounded & taken to hospital.");
    sr_doc_free(d);
    /* 3: a permalink guid is the url; a title alone is the text; a bad date warns */
    CHECK_INT(sr_feed_next(f, &d, &err), SR_OK);
    CHECK_STR(field(d, SR_FIELD_URL), "http://127.0.0.1/sahel/weather");
    CHECK_STR(sr_doc_text(d, NULL), "Weather: harmattan winds expected");
    CHECK_STR(field(d, SR_FIELD_PUBLISHED), "(unset)");
    CHECK_INT(sr_doc_warning_count(d), 1);
    CHECK(strstr(sr_doc_warning(d, 0), "not a date") != NULL);
    sr_doc_free(d);
    /* 4: no title, no text: an error for this item, then the end */
    CHECK_INT(sr_feed_next(f, &d, &err), SR_ERR_EMPTY);
    CHECK(d == NULL);
    CHECK(strstr(err.message, "rss2.rss: item 4 http://127.0.0.1/sahel/empty") != NULL);
    CHECK_INT(sr_feed_next(f, &d, &err), SR_DONE);
    CHECK_INT(sr_feed_next(f, &d, &err), SR_DONE);
    sr_feed_free(f);
}

TEST(feed_atom_entries) {
    size_t len;
    char *data = slurp("atom.atom", &len);
    CHECK(data);
    sr_feed *f = NULL;
    sr_error err = {0};
    CHECK_INT(sr_feed_parse("atom.atom", data, len, &f, &err), SR_OK);
    free(data);
    CHECK_INT(sr_feed_count(f), 3);
    sr_doc *d = NULL;
    /* html title and content; the alternate link, not the enclosure */
    CHECK_INT(sr_feed_next(f, &d, &err), SR_OK);
    CHECK_STR(field(d, SR_FIELD_ID), "tag:monitor.test,2026:diffa-checkpoint");
    CHECK_STR(field(d, SR_FIELD_URL), "http://127.0.0.1/monitor/diffa-checkpoint");
    CHECK_STR(field(d, SR_FIELD_TITLE), "Attack on Diffa checkpoint");
    CHECK_STR(field(d, SR_FIELD_PUBLISHED), "2026-03-04");   /* published, not updated */
    CHECK_STR(field(d, SR_FIELD_LANG), "en");                /* the entry's xml:lang */
    CHECK_STR(sr_doc_text(d, NULL),
              "Attack on Diffa checkpoint\n\nMilitants attacked an army checkpoint in Diffa, "
              "Niger, overnight, killing two soldiers, the defence ministry said.");
    sr_doc_free(d);
    /* xhtml content; a link without rel; updated as the date; feed's lang */
    CHECK_INT(sr_feed_next(f, &d, &err), SR_OK);
    CHECK_STR(field(d, SR_FIELD_URL), "http://127.0.0.1/monitor/maiduguri-kidnap");
    CHECK_STR(field(d, SR_FIELD_PUBLISHED), "2026-03-03");
    CHECK_STR(field(d, SR_FIELD_LANG), "fr");
    CHECK_STR(sr_doc_text(d, NULL),
              "Kidnapping in Maiduguri\n\nArmed men abducted four aid workers on the road out "
              "of Maiduguri on Tuesday, police said.\n\nPolice said a search was under way.");
    sr_doc_free(d);
    /* type="text" is not HTML: "<" stays */
    CHECK_INT(sr_feed_next(f, &d, &err), SR_OK);
    CHECK_STR(sr_doc_text(d, NULL),
              "Plain text entry\n\nPrices rose 3 < 5 percent in N'Djamena markets.");
    CHECK_STR(field(d, SR_FIELD_URL), "(unset)");
    sr_doc_free(d);
    CHECK_INT(sr_feed_next(f, &d, &err), SR_DONE);
    sr_feed_free(f);
}

TEST(feed_rdf_latin1) {
    size_t len;
    char *data = slurp("rdf.xml", &len);
    CHECK(data);
    sr_feed *f = NULL;
    sr_error err = {0};
    CHECK_INT(sr_feed_parse("rdf.xml", data, len, &f, &err), SR_OK);
    free(data);
    CHECK_INT(sr_feed_count(f), 1);
    sr_doc *d = NULL;
    CHECK_INT(sr_feed_next(f, &d, &err), SR_OK);
    CHECK_STR(field(d, SR_FIELD_ID), "http://127.0.0.1/wire/segou-arson");
    CHECK_STR(field(d, SR_FIELD_TITLE), "Arson attack on S\xC3\xA9gou school");
    CHECK_STR(field(d, SR_FIELD_PUBLISHED), "2026-02-28");
    CHECK_STR(field(d, SR_FIELD_LANG), "en");
    CHECK(strstr(sr_doc_text(d, NULL), "primary school in S\xC3\xA9gou on Saturday") != NULL);
    sr_doc_free(d);
    sr_feed_free(f);
}

TEST(feed_broken_and_not_feeds) {
    size_t len;
    char *data = slurp("broken.rss", &len);
    CHECK(data);
    sr_feed *f = NULL;
    sr_error err = {0};
    CHECK_INT(sr_feed_parse("broken.rss", data, len, &f, &err), SR_ERR_PARSE);
    free(data);
    CHECK(f == NULL);
    CHECK(strstr(err.message, "broken.rss: malformed feed (XML error at line 16: Premature end of data") != NULL);
    const char *html = "<?xml version=\"1.0\"?><html><body>x</body></html>";
    CHECK_INT(sr_feed_parse("p.xml", html, strlen(html), &f, &err), SR_ERR_PARSE);
    CHECK(strstr(err.message, "not an RSS or Atom feed (root <html>)") != NULL);
    const char *empty = "<rss version=\"2.0\"><channel><title>t</title></channel></rss>";
    CHECK_INT(sr_feed_parse("e.rss", empty, strlen(empty), &f, &err), SR_ERR_EMPTY);
    CHECK_INT(sr_feed_parse("z.rss", "", 0, &f, &err), SR_ERR_PARSE);
    /* an entity declared in the DTD is not expanded (no entity bombs) */
    const char *ent = "<!DOCTYPE rss [<!ENTITY a \"AAAA\">]><rss><channel><item>"
                      "<title>x &a; y</title></item></channel></rss>";
    CHECK_INT(sr_feed_parse("ent.rss", ent, strlen(ent), &f, &err), SR_OK);
    sr_doc *d = NULL;
    CHECK_INT(sr_feed_next(f, &d, &err), SR_OK);
    CHECK_STR(sr_doc_text(d, NULL), "x y");
    CHECK_STR(field(d, SR_FIELD_ID), "ent.rss#1");
    sr_doc_free(d);
    sr_feed_free(f);
}

TEST(feed_sniff) {
    CHECK(sr_feed_sniff("<rss version=\"2.0\">", 18));
    const char *a = "\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- c -->\n"
                    "<?xml-stylesheet href=\"s.xsl\"?><feed xmlns=\"x\">";
    CHECK(sr_feed_sniff(a, strlen(a)));
    const char *r = "<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"x\">";
    CHECK(sr_feed_sniff(r, strlen(r)));
    const char *dt = "<!DOCTYPE rss [<!ENTITY a \"x\"> <!ENTITY b \"y\">]>\n<rss>";
    CHECK(sr_feed_sniff(dt, strlen(dt)));
    CHECK(!sr_feed_sniff("<!DOCTYPE rss [<!ENTITY a \"x\">", 29));
    CHECK(!sr_feed_sniff("<html><body>", 12));
    CHECK(!sr_feed_sniff("<feeding>", 9));
    CHECK(!sr_feed_sniff("rss", 3));
    CHECK(!sr_feed_sniff("<?xml", 5));
    CHECK(!sr_feed_sniff("", 0));
    CHECK_INT(sr_guess_format("x.rss", "", 0), SR_FORMAT_FEED);
    CHECK_INT(sr_guess_format("x.atom", "", 0), SR_FORMAT_FEED);
    CHECK_INT(sr_guess_format("x.xml", "", 0), SR_FORMAT_FEED);
    CHECK_INT(sr_guess_format("noext", "<rss>", 5), SR_FORMAT_FEED);
    CHECK_INT(sr_guess_format("page", "<html><body>", 12), SR_FORMAT_HTML);
}

/* Feeds through the reader: a directory with the four fixtures gives each
 * feed's items in name order, one error for the broken feed and one for
 * the empty item, and goes on after both. */
TEST(feed_reader_directory) {
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/fixtures/feeds", sr_test_root());
    sr_reader *rd;
    sr_error err = {0};
    CHECK_INT(sr_reader_open(path, SR_FORMAT_AUTO, &rd, &err), SR_OK);
    char order[64] = "";
    int docs = 0;
    for (int guard = 0; guard < 40; guard++) {
        sr_doc *d;
        sr_status st = sr_reader_next(rd, &d, &err);
        if (st == SR_DONE) break;
        strcat(order, st == SR_OK ? "d" : "e");
        if (st == SR_OK) docs++;
        sr_doc_free(d);
    }
    sr_reader_close(rd);
    /* atom.atom (3), broken.rss (error), rdf.xml (1), rss2.rss (3 + error) */
    CHECK_STR(order, "dddedddde");
    CHECK_INT(docs, 7);
}

TEST(html_text_fragments) {
    char *t = NULL;
    size_t n = 0;
    CHECK_INT(sr_html_text("", 0, &t, &n), SR_OK);
    CHECK_STR(t, "");
    CHECK_INT(n, 0);
    free(t);
    const char *h = "<p>One &amp; two</p><style>p{}</style><ul><li>three</li></ul>";
    CHECK_INT(sr_html_text(h, strlen(h), &t, &n), SR_OK);
    CHECK_STR(t, "One & two\n\nthree");
    CHECK_INT(n, strlen(t));
    free(t);
}

/* A stray byte that is not UTF-8 in a UTF-8 feed costs one replacement
 * and a warning, not the feed; a feed declared in another encoding is
 * converted, not repaired. */
TEST(feed_invalid_utf8_repaired) {
    const char *bad = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss><channel><item>"
                      "<title>Caf\xE9 attack</title><description>Text\x01" " here</description>"
                      "</item></channel></rss>";
    sr_feed *f = NULL;
    sr_error err = {0};
    CHECK_INT(sr_feed_parse("bad.rss", bad, strlen(bad), &f, &err), SR_OK);
    sr_doc *d = NULL;
    CHECK_INT(sr_feed_next(f, &d, &err), SR_OK);
    CHECK_STR(field(d, SR_FIELD_TITLE), "Caf\xEF\xBF\xBD attack");
    CHECK(strstr(sr_doc_text(d, NULL), "Text here") != NULL);
    CHECK_INT(sr_doc_warning_count(d), 1);
    CHECK(strstr(sr_doc_warning(d, 0), "2 invalid characters in the feed replaced") != NULL);
    sr_doc_free(d);
    sr_feed_free(f);
    const char *latin = "<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss><channel><item>"
                        "<title>Caf\xE9 \x93" "attack\x94</title></item></channel></rss>";
    CHECK_INT(sr_feed_parse("l.rss", latin, strlen(latin), &f, &err), SR_OK);
    CHECK_INT(sr_feed_next(f, &d, &err), SR_OK);
    CHECK_STR(field(d, SR_FIELD_TITLE), "Caf\xC3\xA9 \xE2\x80\x9C" "attack\xE2\x80\x9D");
    CHECK_INT(sr_doc_warning_count(d), 0);
    sr_doc_free(d);
    sr_feed_free(f);
}

/* Relative links are resolved against xml:base or the feed's URL (never
 * against a file name); RSS titles with markup lose it. */
TEST(feed_relative_links_and_title_markup) {
    const char *atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\">"
                       "<entry><id>a</id><title>A</title><link href=\"/news/a\"/></entry>"
                       "<entry xml:base=\"http://127.0.0.1:9/base/\"><id>b</id><title>B</title>"
                       "<link href=\"b.html\"/></entry></feed>";
    sr_feed *f = NULL;
    sr_error err = {0};
    CHECK_INT(sr_feed_parse("http://127.0.0.1:8/feeds/all.atom", atom, strlen(atom), &f, &err),
              SR_OK);
    sr_doc *d = NULL;
    CHECK_INT(sr_feed_next(f, &d, &err), SR_OK);
    CHECK_STR(field(d, SR_FIELD_URL), "http://127.0.0.1:8/news/a");
    sr_doc_free(d);
    CHECK_INT(sr_feed_next(f, &d, &err), SR_OK);
    CHECK_STR(field(d, SR_FIELD_URL), "http://127.0.0.1:9/base/b.html");
    sr_doc_free(d);
    sr_feed_free(f);
    CHECK_INT(sr_feed_parse("dir/all.atom", atom, strlen(atom), &f, &err), SR_OK);
    CHECK_INT(sr_feed_next(f, &d, &err), SR_OK);
    CHECK_STR(field(d, SR_FIELD_URL), "/news/a");
    sr_doc_free(d);
    sr_feed_free(f);
    const char *rss = "<rss><channel><item><title>&lt;b&gt;Blast&lt;/b&gt; in Gao &amp;amp; "
                      "Kidal</title><link>http://127.0.0.1/x</link></item></channel></rss>";
    CHECK_INT(sr_feed_parse("t.rss", rss, strlen(rss), &f, &err), SR_OK);
    CHECK_INT(sr_feed_next(f, &d, &err), SR_OK);
    CHECK_STR(field(d, SR_FIELD_TITLE), "Blast in Gao & Kidal");
    CHECK_STR(field(d, SR_FIELD_ID), "http://127.0.0.1/x");
    sr_doc_free(d);
    sr_feed_free(f);
}
