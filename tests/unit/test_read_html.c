/*
 * test_read_html.c -- the HTML reader: main text, dropped parts, entities,
 * encodings, metadata.
 */
#include <pthread.h>
#include <string.h>

#include "../../src/core/doc.h"
#include "../../src/read/formats.h"
#include "test.h"

static sr_doc *html_doc(const char *s, sr_status *st, sr_error *err) {
    sr_doc *d = NULL;
    *st = sr_html_read("pages/p.html", "p.html", s, strlen(s), &d, err);
    return d;
}

TEST(read_html_article_text_and_dropped_parts) {
    const char *s =
        "<html><head><title>T | Site</title><style>.x{}</style>"
        "<script>var junk = 1;</script></head><body>"
        "<header>SITE MASTHEAD</header>"
        "<nav><ul><li>Home</li><li>World</li></ul></nav>"
        "<div role=\"navigation\">Skip links</div>"
        "<article><p>First   paragraph\nof the story.</p>"
        "<script>document.write('ad')</script><noscript>enable js</noscript>"
        "<p>Second <b>bold</b> paragraph.</p>"
        "<div style=\"display: none\">hidden promo</div>"
        "<span aria-hidden=\"true\">icon</span>"
        "<form><input value=\"x\">Subscribe</form></article>"
        "<aside>Most read</aside><footer>Legal</footer></body></html>";
    sr_status st;
    sr_doc *d = html_doc(s, &st, NULL);
    CHECK_INT(st, SR_OK);
    CHECK_STR(sr_doc_field(d, SR_FIELD_ID), "p.html");
    CHECK_STR(sr_doc_text(d, NULL), "First paragraph of the story.\n\nSecond bold paragraph.");
    CHECK_STR(sr_doc_field(d, SR_FIELD_TITLE), "T | Site");
    sr_doc_free(d);
}

TEST(read_html_entities_decoded) {
    const char *s = "<html><body><p>Caf&eacute; &amp; bar &lt;3&gt; &#8220;quoted&#x201D; "
                    "it&rsquo;s&nbsp;here &mdash; 5&nbsp;km</p></body></html>";
    sr_status st;
    sr_doc *d = html_doc(s, &st, NULL);
    CHECK_INT(st, SR_OK);
    CHECK_STR(sr_doc_text(d, NULL), "Caf\xC3\xA9 & bar <3> \xE2\x80\x9Cquoted\xE2\x80\x9D "
                                    "it\xE2\x80\x99s here \xE2\x80\x94 5 km");
    sr_doc_free(d);
}

TEST(read_html_main_text_choice) {
    /* the article inside an aside is a teaser; the biggest visible one wins */
    const char *s =
        "<html><body><aside><article><p>Teaser one that is in the sidebar.</p></article></aside>"
        "<article><p>Short related box.</p></article>"
        "<article><header><h1>Main headline</h1><p>By a reporter</p></header>"
        "<p>The main story has by far the most text of any article on this page, "
        "which is how it is chosen.</p></article>"
        "<div>Comments: lots of chatter outside the article.</div></body></html>";
    sr_status st;
    sr_doc *d = html_doc(s, &st, NULL);
    CHECK_INT(st, SR_OK);
    CHECK_STR(sr_doc_text(d, NULL),
              "Main headline\n\nBy a reporter\n\nThe main story has by far the most text "
              "of any article on this page, which is how it is chosen.");
    CHECK_STR(sr_doc_field(d, SR_FIELD_TITLE), "Main headline");  /* h1 before <title> */
    sr_doc_free(d);
    /* <main> when there is no article; the body when there is neither */
    d = html_doc("<body><div>menu</div><main><p>In main.</p></main></body>", &st, NULL);
    CHECK_INT(st, SR_OK);
    CHECK_STR(sr_doc_text(d, NULL), "In main.");
    sr_doc_free(d);
    d = html_doc("<body><div>A</div><div>B <i>c</i></div>text<br>after</body>", &st, NULL);
    CHECK_INT(st, SR_OK);
    CHECK_STR(sr_doc_text(d, NULL), "A\nB c\ntext\nafter");
    sr_doc_free(d);
    /* an article with a tiny part of the page's text loses to the body */
    d = html_doc("<body><article><p>Tiny.</p></article><div><p>The real text of this "
                 "page lives in plain divs without any article element at all.</p></div>"
                 "</body>", &st, NULL);
    CHECK_INT(st, SR_OK);
    CHECK_STR(sr_doc_text(d, NULL), "Tiny.\n\nThe real text of this page lives in plain divs "
                                    "without any article element at all.");
    sr_doc_free(d);
}

TEST(read_html_tables_and_lists) {
    sr_status st;
    sr_doc *d = html_doc("<body><table><tr><td>Killed</td><td>12</td></tr>"
                         "<tr><th>Wounded</th><td>30</td></tr></table>"
                         "<ul><li>one</li><li>two</li></ul></body>", &st, NULL);
    CHECK_INT(st, SR_OK);
    CHECK_STR(sr_doc_text(d, NULL), "Killed 12\n\nWounded 30\n\none\n\ntwo");
    sr_doc_free(d);
}

TEST(read_html_metadata) {
    const char *s =
        "<html lang=\"fr\"><head><title>Title tag</title>"
        "<meta property=\"og:title\" content=\" Og  title \">"
        "<meta property=\"article:published_time\" content=\"2015-11-20T09:30:00+01:00\">"
        "<link rel=\"canonical\" href=\"https://example.org/a\"></head>"
        "<body><p>Texte.</p></body></html>";
    sr_status st;
    sr_doc *d = html_doc(s, &st, NULL);
    CHECK_INT(st, SR_OK);
    CHECK_STR(sr_doc_field(d, SR_FIELD_TITLE), "Og title");
    CHECK_STR(sr_doc_field(d, SR_FIELD_PUBLISHED), "2015-11-20");
    CHECK_STR(sr_doc_field(d, SR_FIELD_URL), "https://example.org/a");
    CHECK_STR(sr_doc_field(d, SR_FIELD_LANG), "fr");
    sr_doc_free(d);
    d = html_doc("<html><head><meta property=\"og:url\" content=\"https://e.org/b\"></head>"
                 "<body><article><time datetime=\"2016-03-13\">Sunday</time>"
                 "<p>Text.</p></article></body></html>", &st, NULL);
    CHECK_INT(st, SR_OK);
    CHECK_STR(sr_doc_field(d, SR_FIELD_PUBLISHED), "2016-03-13");
    CHECK_STR(sr_doc_field(d, SR_FIELD_URL), "https://e.org/b");
    CHECK(sr_doc_field(d, SR_FIELD_TITLE) == NULL);
    sr_doc_free(d);
}

TEST(read_html_encodings) {
    sr_status st;
    /* declared Latin-1 */
    sr_doc *d = html_doc("<html><head><meta charset=\"ISO-8859-1\"></head>"
                         "<body><p>Caf\xE9 \xE0 Bamako</p></body></html>", &st, NULL);
    CHECK_INT(st, SR_OK);
    CHECK_STR(sr_doc_text(d, NULL), "Caf\xC3\xA9 \xC3\xA0 Bamako");
    CHECK_INT(sr_doc_warning_count(d), 0);
    sr_doc_free(d);
    /* undeclared, no UTF-8 at all: windows-1252 (curly quotes at 0x93/0x94) */
    d = html_doc("<body><p>\x93Quoted\x94 caf\xE9</p></body>", &st, NULL);
    CHECK_INT(st, SR_OK);
    CHECK_STR(sr_doc_text(d, NULL), "\xE2\x80\x9CQuoted\xE2\x80\x9D caf\xC3\xA9");
    sr_doc_free(d);
    /* UTF-8 with a bad byte: the rest stays UTF-8, the byte is replaced */
    d = html_doc("<body><p>\xC3\xA9t\xE9 \xC3\xA0 Gao</p></body>", &st, NULL);
    CHECK_INT(st, SR_OK);
    CHECK_STR(sr_doc_text(d, NULL), "\xC3\xA9t\xEF\xBF\xBD \xC3\xA0 Gao");
    CHECK_INT(sr_doc_warning_count(d), 1);
    CHECK(strstr(sr_doc_warning(d, 0), "1 invalid UTF-8") != NULL);
    sr_doc_free(d);
}

TEST(read_html_declared_charsets) {
    sr_status st;
    /* a byte the declared charset refuses: replaced, and the rest is read */
    sr_doc *d = html_doc("<meta charset=shift_jis><body><p>\x82\xA0 ok \x85\x40 end of the text"
                         "</p></body>", &st, NULL);
    CHECK_INT(st, SR_OK);
    CHECK_STR(sr_doc_text(d, NULL), "\xE3\x81\x82 ok \xEF\xBF\xBD@ end of the text");
    CHECK_INT(sr_doc_warning_count(d), 1);
    sr_doc_free(d);
    /* a UTF-16 label on an 8-bit page means UTF-8; an unknown label is ignored */
    d = html_doc("<meta charset=\"utf-16\"><body><p>\xC3\xA9t\xC3\xA9</p></body>", &st, NULL);
    CHECK_INT(st, SR_OK);
    CHECK_STR(sr_doc_text(d, NULL), "\xC3\xA9t\xC3\xA9");
    sr_doc_free(d);
    d = html_doc("<meta charset=\"no-such-charset\"><body><p>\xC3\xA9</p></body>", &st, NULL);
    CHECK_INT(st, SR_OK);
    CHECK_STR(sr_doc_text(d, NULL), "\xC3\xA9");
    CHECK_INT(sr_doc_warning_count(d), 0);
    sr_doc_free(d);
}

TEST(read_html_without_body_or_text) {
    sr_status st;
    sr_error err = {0};
    sr_doc *d = html_doc("<html><head><title>Only a head</title></head></html>", &st, &err);
    CHECK(d == NULL);
    CHECK_INT(st, SR_ERR_EMPTY);
    CHECK_STR(err.message, "pages/p.html: HTML without a body; skipped");
    d = html_doc("<html><body><script>x()</script><nav>menu</nav></body></html>", &st, &err);
    CHECK(d == NULL);
    CHECK_INT(st, SR_ERR_EMPTY);
    CHECK_STR(err.message, "pages/p.html: HTML without text; skipped");
    d = html_doc("  \n", &st, &err);
    CHECK(d == NULL);
    CHECK_INT(st, SR_ERR_EMPTY);
}

TEST(read_html_deep_nesting) {
    /* far deeper than the walk goes: no crash, the shallow text is kept */
    static char s[200000];
    strcpy(s, "<body><p>Top.</p>");
    size_t k = strlen(s);
    for (int i = 0; i < 20000; i++, k += 5) memcpy(s + k, "<div>", 5);
    strcpy(s + k, "deep</body>");
    sr_status st;
    sr_doc *d = html_doc(s, &st, NULL);
    CHECK_INT(st, SR_OK);
    CHECK(strncmp(sr_doc_text(d, NULL), "Top.", 4) == 0);
    sr_doc_free(d);
}

/* Documents may be read in several threads at once (the library promises
 * no global state): each thread parses pages and checks what it got. */
static void *parse_many(void *arg) {
    const char *s = "<html><head><meta charset=\"iso-8859-1\"><title>T</title></head><body>"
                    "<nav>menu</nav><article><p>Caf\xE9 &amp; bar, page</p></article></body></html>";
    int *bad = arg;
    for (int i = 0; i < 200; i++) {
        sr_doc *d = NULL;
        if (sr_html_read("t.html", "t.html", s, strlen(s), &d, NULL) != SR_OK ||
            strcmp(sr_doc_text(d, NULL), "Caf\xC3\xA9 & bar, page") != 0)
            (*bad)++;
        sr_doc_free(d);
    }
    return NULL;
}

TEST(read_html_in_threads) {
    pthread_t th[4];
    int bad[4] = {0};
    int started = 0;
    for (int t = 0; t < 4; t++)
        if (pthread_create(&th[t], NULL, parse_many, &bad[t]) == 0) started++;
    for (int t = 0; t < started; t++) pthread_join(th[t], NULL);
    CHECK_INT(started, 4);
    CHECK_INT(bad[0] + bad[1] + bad[2] + bad[3], 0);
}
