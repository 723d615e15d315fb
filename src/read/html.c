/*
 * html.c -- the HTML reader: a page's title and main text.
 *
 * libxml2's HTML parser (forgiving, as browsers are) builds the tree and
 * decodes entities; we walk it and keep the text of the article.
 *
 * Encoding.  libxml2, left to itself, silently switches to Latin-1 at the
 * first byte that is not UTF-8, turning the rest of a UTF-8 page into
 * mojibake, and stops at the first byte its converter refuses.  So we
 * decode the page ourselves and give libxml2 valid UTF-8 only: a charset
 * declared in the first 1024 bytes (<meta charset> or http-equiv) other
 * than UTF-8 is converted with iconv; otherwise the page is taken as
 * UTF-8, unless it has invalid bytes and no valid multi-byte sequence at
 * all, in which case it is windows-1252 (the web's default for undeclared
 * pages).  Bytes that still do not decode become U+FFFD, with a warning
 * on the document.
 *
 * Main text.  The largest <article> that is not inside dropped parts of
 * the page, else <main> (or role="main", itemprop="articleBody"), else the
 * <body>; a candidate with less than a quarter of the body's text and
 * under 500 bytes loses to the body.  Scripts, styles, navigation,
 * footers, asides, forms, media, hidden elements (hidden, aria-hidden,
 * display:none) and ARIA navigation/banner/contentinfo/complementary roles
 * are dropped, and <header> too unless it is inside the chosen article
 * (where it holds the headline).  Block elements end a line, paragraphs
 * and headings are separated by a blank line, table cells by a space, so
 * the sentence splitter sees the page's structure.  A no-break space is
 * rendered as a space.
 *
 * Metadata.  Title: og:title, else the first <h1> of the main text, else
 * <title>.  Published: article:published_time (and the usual meta names),
 * else the first <time datetime> of the main text.  URL: <link
 * rel=canonical>, else og:url.  Language: <html lang>.
 */
#include <libxml/HTMLparser.h>
#include <libxml/xmlerror.h>
#include <libxml/tree.h>
#include <pthread.h>
#include <string.h>
#include <strings.h>

#include "../core/buf.h"
#include "../core/doc.h"
#include "../core/error.h"
#include "../core/utf8.h"
#include "formats.h"
#include "sniff.h"
#include "xml_quiet.h"

#define MAX_DEPTH 256

static int name_is(const xmlNode *n, const char *const *names) {
    for (; *names; names++)
        if (xmlStrcasecmp(n->name, (const xmlChar *)*names) == 0) return 1;
    return 0;
}

static int is(const xmlNode *n, const char *name) {
    return n->type == XML_ELEMENT_NODE && xmlStrcasecmp(n->name, (const xmlChar *)name) == 0;
}

static const char *const DROP[] = {
    "script", "style", "noscript", "nav", "footer", "aside", "form", "iframe",
    "svg", "math", "template", "button", "select", "textarea", "head", "menu",
    "dialog", "object", "embed", "canvas", "audio", "video", "map", NULL};
static const char *const DROP_ROLES[] = {"navigation", "banner", "contentinfo",
                                         "complementary", "search", "menu", NULL};
static const char *const BLOCK[] = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "section", "article", "main", "table", "tr", "pre", "figure",
    "figcaption", "dd", "dt", "dl", "hr", "header", "address", "caption", NULL};
static const char *const PARA[] = {"p", "h1", "h2", "h3", "h4", "h5", "h6",
                                   "blockquote", "li", "pre", "tr", "figcaption",
                                   "header", NULL};
static const char *const CELL[] = {"td", "th", NULL};

/* The attribute's value compared case-insensitively, without allocating
 * more than libxml2 does. */
static int attr_is(const xmlNode *n, const char *attr, const char *value) {
    xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);
    int r = v && xmlStrcasecmp(v, (const xmlChar *)value) == 0;
    if (v) xmlFree(v);
    return r;
}

static int hidden(const xmlNode *n) {
    if (!n->properties) return 0;
    xmlChar *v = xmlGetProp(n, (const xmlChar *)"hidden");
    if (v) { xmlFree(v); return 1; }
    if (attr_is(n, "aria-hidden", "true")) return 1;
    int r = 0;
    v = xmlGetProp(n, (const xmlChar *)"style");
    if (v) {
        char squeezed[256];
        size_t k = 0;
        for (const xmlChar *p = v; *p && k + 1 < sizeof squeezed; p++)
            if (*p != ' ' && *p != '\t') squeezed[k++] = (char)*p;
        squeezed[k] = '\0';
        r = strcasestr(squeezed, "display:none") != NULL ||
            strcasestr(squeezed, "visibility:hidden") != NULL;
        xmlFree(v);
    }
    if (r) return 1;
    v = xmlGetProp(n, (const xmlChar *)"role");
    if (v) {
        for (const char *const *p = DROP_ROLES; *p && !r; p++)
            r = xmlStrcasecmp(v, (const xmlChar *)*p) == 0;
        xmlFree(v);
    }
    return r;
}

typedef struct walker {
    sr_buf *out;
    int keep_header;
} walker;

static int dropped(const walker *w, const xmlNode *n) {
    if (name_is(n, DROP) || hidden(n)) return 1;
    return !w->keep_header && is(n, "header");
}

/* End the current line (once) or the current paragraph (a blank line). */
static void brk(sr_buf *b, int para) {
    while (b->len && b->data[b->len - 1] == ' ') b->len--;
    if (b->data) b->data[b->len] = '\0';
    if (!b->len) return;
    if (b->data[b->len - 1] != '\n') sr_buf_addc(b, '\n');
    if (para && (b->len < 2 || b->data[b->len - 2] != '\n')) sr_buf_addc(b, '\n');
}

static void space(sr_buf *b) {
    if (b->len && b->data[b->len - 1] != ' ' && b->data[b->len - 1] != '\n')
        sr_buf_addc(b, ' ');
}

/* Append text, collapsing white space the way a browser renders it. */
static void add_text(sr_buf *b, const char *s) {
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
            space(b);
        } else if (c == 0xC2 && (unsigned char)s[1] == 0xA0) {  /* U+00A0 */
            space(b);
            s++;
        } else {
            sr_buf_addc(b, (char)c);
        }
    }
}

static void walk(const walker *w, const xmlNode *n, int depth) {
    if (depth > MAX_DEPTH) return;
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content) add_text(w->out, (const char *)n->content);
            continue;
        }
        if (n->type != XML_ELEMENT_NODE || dropped(w, n)) continue;
        int block = name_is(n, BLOCK), para = name_is(n, PARA), cell = name_is(n, CELL);
        if (block) brk(w->out, para);
        if (cell) space(w->out);
        walk(w, n->children, depth + 1);
        if (block) brk(w->out, para);
        if (cell) space(w->out);
    }
}

/* Bytes of text under n that walk() would keep (roughly: no spacing). */
static size_t text_len(const xmlNode *n, int depth) {
    size_t total = 0;
    if (depth > MAX_DEPTH) return 0;
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content) total += (size_t)xmlStrlen(n->content);
        } else if (n->type == XML_ELEMENT_NODE && !name_is(n, DROP) && !hidden(n)) {
            total += text_len(n->children, depth + 1);
        }
    }
    return total;
}

/* The first element named `name` below n, in document order. */
static const xmlNode *find(const xmlNode *n, const char *name, int depth) {
    if (depth > MAX_DEPTH) return NULL;
    for (; n; n = n->next) {
        if (is(n, name)) return n;
        if (n->type == XML_ELEMENT_NODE) {
            const xmlNode *f = find(n->children, name, depth + 1);
            if (f) return f;
        }
    }
    return NULL;
}

typedef struct best {
    const xmlNode *node;
    size_t len;
    int rank;  /* 2: <article>, 1: <main> and friends */
} best;

/* Look for the main text's element among the visible parts of the page. */
static void find_main(const xmlNode *n, best *b, int depth) {
    if (depth > MAX_DEPTH) return;
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || name_is(n, DROP) || hidden(n)) continue;
        int rank = is(n, "article") ? 2
                   : (is(n, "main") || attr_is(n, "role", "main") ||
                      attr_is(n, "itemprop", "articleBody")) ? 1 : 0;
        if (rank && rank >= b->rank) {
            size_t len = text_len(n->children, 0);
            if (rank > b->rank || len > b->len) *b = (best){n, len, rank};
        }
        find_main(n->children, b, depth + 1);
    }
}

/* content= of the first <meta> whose property/name/itemprop is one of keys. */
static xmlChar *meta(const xmlNode *n, const char *const *keys, int depth) {
    if (depth > MAX_DEPTH) return NULL;
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        if (is(n, "meta") && n->properties) {
            for (const char *const *k = keys; *k; k++) {
                if (attr_is(n, "property", *k) || attr_is(n, "name", *k) ||
                    attr_is(n, "itemprop", *k)) {
                    xmlChar *c = xmlGetProp(n, (const xmlChar *)"content");
                    if (c) return c;
                }
            }
        }
        xmlChar *f = meta(n->children, keys, depth + 1);
        if (f) return f;
    }
    return NULL;
}

/* The href of the first <link rel=canonical>. */
static xmlChar *canonical(const xmlNode *n, int depth) {
    if (depth > MAX_DEPTH) return NULL;
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        if (is(n, "link") && attr_is(n, "rel", "canonical")) {
            xmlChar *h = xmlGetProp(n, (const xmlChar *)"href");
            if (h) return h;
        }
        xmlChar *f = canonical(n->children, depth + 1);
        if (f) return f;
    }
    return NULL;
}

/* The datetime of the first <time datetime=...> below n. */
static xmlChar *time_attr(const xmlNode *n, int depth) {
    if (depth > MAX_DEPTH) return NULL;
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        if (is(n, "time")) {
            xmlChar *t = xmlGetProp(n, (const xmlChar *)"datetime");
            if (t) return t;
        }
        xmlChar *f = time_attr(n->children, depth + 1);
        if (f) return f;
    }
    return NULL;
}

/* The charset declared in the first 1024 bytes, lower-cased, or "". */
static void declared_charset(const char *data, size_t len, char out[40]) {
    size_t n = len < 1024 ? len : 1024;
    out[0] = '\0';
    for (size_t i = 0; i + 8 <= n; i++) {
        if (strncasecmp(data + i, "charset=", 8) != 0) continue;
        size_t j = i + 8, k = 0;
        while (j < n && (data[j] == '"' || data[j] == '\'' || data[j] == ' ')) j++;
        while (j < n && k + 1 < 40) {
            char c = data[j++];
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                  (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == ':'))
                break;
            out[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        out[k] = '\0';
        return;
    }
}

static void trim(sr_buf *b) {
    while (b->len && (b->data[b->len - 1] == ' ' || b->data[b->len - 1] == '\n'))
        b->data[--b->len] = '\0';
}

/* Copy a metadata string (trimmed, white space collapsed) into a field. */
static sr_status set_meta(sr_doc *d, sr_field f, const xmlChar *v) {
    if (!v) return SR_OK;
    sr_buf b = SR_BUF_INIT;
    add_text(&b, (const char *)v);
    trim(&b);
    const char *s = b.data;
    while (s && *s == ' ') s++;
    sr_status st = b.oom ? SR_ERR_NOMEM : SR_OK;
    if (st == SR_OK && s && *s) {
        char iso[11];
        if (f == SR_FIELD_PUBLISHED && sr_date_parse(s, iso) == SR_OK) s = iso;
        st = sr_doc_set_field(d, f, s);
    }
    sr_buf_free(&b);
    return st;
}

static sr_status fill_meta(sr_doc *d, const xmlNode *root, const xmlNode *main,
                           const sr_buf *title) {
    static const char *const og_title[] = {"og:title", NULL};
    static const char *const pub_keys[] = {"article:published_time", "datePublished",
                                           "pubdate", "publishdate", "dc.date.issued",
                                           "dc.date", "date", NULL};
    static const char *const og_url[] = {"og:url", NULL};
    sr_status st = SR_OK;
    xmlChar *v = meta(root, og_title, 0);
    if (v) st = set_meta(d, SR_FIELD_TITLE, v);
    else if (title->len) st = set_meta(d, SR_FIELD_TITLE, (const xmlChar *)title->data);
    xmlFree(v);
    v = meta(root, pub_keys, 0);
    if (!v) v = time_attr(main->children, 0);
    if (st == SR_OK) st = set_meta(d, SR_FIELD_PUBLISHED, v);
    xmlFree(v);
    v = canonical(root, 0);
    if (!v) v = meta(root, og_url, 0);
    if (st == SR_OK) st = set_meta(d, SR_FIELD_URL, v);
    xmlFree(v);
    v = root && root->properties ? xmlGetProp(root, (const xmlChar *)"lang") : NULL;
    if (st == SR_OK) st = set_meta(d, SR_FIELD_LANG, v);
    xmlFree(v);
    return st;
}

/* The character set a page's declaration stands for, as browsers read
 * it: Latin-1 and ASCII labels mean windows-1252, and a UTF-16 label in an
 * 8-bit page can only be wrong (the page would not be readable), so it
 * means UTF-8.  "" when nothing usable is declared. */
static const char *effective_charset(const char *cs) {
    if (!cs[0] || strcmp(cs, "utf-8") == 0 || strcmp(cs, "utf8") == 0 ||
        strncmp(cs, "utf-16", 6) == 0 || strncmp(cs, "utf-32", 6) == 0 ||
        strcmp(cs, "unicode") == 0)
        return "";
    if (strcmp(cs, "iso-8859-1") == 0 || strcmp(cs, "latin1") == 0 ||
        strcmp(cs, "us-ascii") == 0 || strcmp(cs, "ascii") == 0 ||
        strcmp(cs, "x-user-defined") == 0)
        return "windows-1252";
    return cs;
}

/* Decode the page to UTF-8 (see the top) and parse it; *fixes counts the
 * bytes that had to be replaced. */
static htmlDocPtr parse(const char *name, const char *data, size_t len, size_t *fixes) {
    int opts = HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
               HTML_PARSE_RECOVER | HTML_PARSE_NOBLANKS;
    char declared[40];
    declared_charset(data, len, declared);
    const char *cs = effective_charset(declared);
    *fixes = 0;
    sr_buf conv = SR_BUF_INIT, fixed = SR_BUF_INIT;
    const char *utf8 = data;
    size_t n = len;
    int valid = sr_utf8_valid_prefix(data, len) == len && !memchr(data, 0, len);
    if (!cs[0] && !valid && !sr_has_utf8_multibyte(data, len))
        cs = "windows-1252";
    if (cs[0] && sr_charset_to_utf8(cs, data, len, &conv, fixes) == SR_OK) {
        utf8 = conv.data ? conv.data : "";
        n = conv.len;
        valid = sr_utf8_valid_prefix(utf8, n) == n && !memchr(utf8, 0, n);
    }
    if (!valid) {
        *fixes += sr_utf8_repair(utf8, n, &fixed);
        utf8 = fixed.data ? fixed.data : "";
        n = fixed.len;
    }
    htmlDocPtr h = NULL;
    if (!conv.oom && !fixed.oom && n <= (size_t)INT32_MAX) {
        sr_xml_quiet quiet;   /* libxml2 set up, and not printing */
        sr_xml_quiet_begin(&quiet);
        h = htmlReadMemory(utf8, (int)n, name, "UTF-8", opts);
        sr_xml_quiet_end(&quiet);
    }
    sr_buf_free(&conv);
    sr_buf_free(&fixed);
    return h;
}

sr_status sr_html_read(const char *name, const char *id, const char *data,
                       size_t len, sr_doc **out, sr_error *err) {
    *out = NULL;
    if (len > SR_MAX_DOC_BYTES)
        return sr_fail(err, SR_ERR_TOOBIG, "%s: %zu bytes, over the %zu MiB limit; skipped",
                       name, len, SR_MAX_DOC_BYTES >> 20);
    size_t k = 0;
    while (k < len && (data[k] == ' ' || data[k] == '\n' || data[k] == '\r' || data[k] == '\t'))
        k++;
    if (k == len) return sr_fail(err, SR_ERR_EMPTY, "%s: empty HTML; skipped", name);
    size_t fixes;
    htmlDocPtr h = parse(name, data, len, &fixes);
    if (!h) return sr_fail(err, SR_ERR_PARSE, "%s: not parseable as HTML; skipped", name);
    const xmlNode *root = xmlDocGetRootElement(h);
    const xmlNode *body = root ? find(root, "body", 0) : NULL;
    if (!body) {
        xmlFreeDoc(h);
        return sr_fail(err, SR_ERR_EMPTY, "%s: HTML without a body; skipped", name);
    }
    best b = {NULL, 0, 0};
    find_main(body->children, &b, 0);
    const xmlNode *main = body;
    if (b.node) {
        size_t all = text_len(body->children, 0);
        if (b.len * 4 >= all || b.len >= 500) main = b.node;
    }
    sr_buf title = SR_BUF_INIT, text = SR_BUF_INIT;
    walker tw = {&title, 1}, w = {&text, main != body};
    const xmlNode *h1 = find(main->children, "h1", 0);
    const xmlNode *t = find(root, "title", 0);
    if (h1) walk(&tw, h1->children, 0);
    if (!title.len && t) walk(&tw, t->children, 0);
    walk(&w, main->children, 0);
    trim(&text);
    sr_status st = title.oom || text.oom ? SR_ERR_NOMEM : SR_OK;
    sr_doc *d = NULL;
    if (st == SR_OK) st = sr_doc_new(id, &d);
    if (st == SR_OK) st = sr_doc_set_text(d, text.data ? text.data : "", text.len);
    if (st == SR_OK) st = fill_meta(d, root, main, &title);
    xmlFreeDoc(h);
    sr_buf_free(&title);
    sr_buf_free(&text);
    if (st != SR_OK) {
        sr_doc_free(d);
        return sr_fail(err, st, "%s: %s; skipped", name,
                       st == SR_ERR_EMPTY ? "HTML without text" : sr_strerror(st));
    }
    if (fixes)
        sr_doc_warn(d, "%zu invalid UTF-8 sequence%s replaced with U+FFFD", fixes,
                    fixes == 1 ? "" : "s");
    *out = d;
    return SR_OK;
}

/* A fragment of HTML (a feed item's description) as text, by the rules of
 * the main text above: the whole body, nothing chosen or dropped but the
 * dropped elements.  The result is malloc'd (free() it); "" for a fragment
 * without text. */
sr_status sr_html_text(const char *data, size_t len, char **out, size_t *out_len) {
    *out = NULL;
    *out_len = 0;
    sr_buf text = SR_BUF_INIT;
    size_t fixes;
    htmlDocPtr h = len ? parse("fragment", data, len, &fixes) : NULL;
    const xmlNode *root = h ? xmlDocGetRootElement(h) : NULL;
    const xmlNode *body = root ? find(root, "body", 0) : NULL;
    walker w = {&text, 1};
    if (body) walk(&w, body->children, 0);
    xmlFreeDoc(h);
    trim(&text);
    sr_buf_add(&text, "", 0);   /* NUL-terminated even when empty */
    char *s = text.oom ? NULL : sr_buf_steal(&text, out_len);
    sr_buf_free(&text);
    if (!s) {
        *out_len = 0;
        return SR_ERR_NOMEM;
    }
    *out = s;
    return SR_OK;
}
