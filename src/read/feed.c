/*
 * feed.c -- RSS 2.0, RSS 1.0 (RDF) and Atom 1.0 feeds: one document per
 * item (see feed.h for the fields).
 *
 * libxml2 parses the whole feed into a tree (feeds are small: the reader
 * holds at most SR_MAX_DOC_BYTES); sr_feed_parse keeps the tree and the
 * list of item elements, and sr_feed_next turns one item into a document
 * at a time, so a bad item costs only itself.
 *
 * Elements are matched by local name.  An element counts when it has no
 * namespace or the namespace of the feed formats themselves (Atom, RSS
 * 1.0, RSS 0.90), so that <media:title> or <itunes:summary> are not taken
 * for <title> or <summary>; <content:encoded> and <dc:date> are matched
 * with their own namespaces.  Text is gathered from text and CDATA nodes
 * only: entity references declared in a DTD are never expanded (no
 * XML_PARSE_NOENT), which keeps entity bombs out.
 */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/buf.h"
#include "../core/doc.h"
#include "../core/error.h"
#include "../core/utf8.h"
#include "feed.h"
#include "fetch.h"
#include "formats.h"
#include "xml_quiet.h"

#define NS_ATOM    "http://www.w3.org/2005/Atom"
#define NS_RSS1    "http://purl.org/rss/1.0/"
#define NS_RSS090  "http://my.netscape.com/rdf/simple/0.9/"
#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"
#define NS_DC      "http://purl.org/dc/elements/1.1/"
#define NS_RDF     "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

#define MAX_DEPTH 256

struct sr_feed {
    char *name;
    xmlDocPtr xml;
    xmlNodePtr *items;
    size_t n, next;
    char title[512];
    char lang[16];   /* the feed's language, primary tag, or "" */
    size_t fixes;    /* invalid UTF-8 sequences replaced before parsing */
};

/* ---- sniffing ------------------------------------------------------------ */

static size_t skip_space(const char *d, size_t len, size_t i) {
    while (i < len && (d[i] == ' ' || d[i] == '\t' || d[i] == '\r' || d[i] == '\n')) i++;
    return i;
}

static int starts(const char *d, size_t len, size_t i, const char *s) {
    size_t n = strlen(s);
    return i + n <= len && memcmp(d + i, s, n) == 0;
}

/* Past the end of the construct opened at i (ending with `close`), or len. */
static size_t skip_to(const char *d, size_t len, size_t i, const char *close) {
    size_t n = strlen(close);
    const char *p = len - i >= n ? memmem(d + i, len - i, close, n) : NULL;
    return p ? (size_t)(p - d) + n : len;
}

/* Past a DOCTYPE whose name starts at i, internal subset ([...]) included. */
static size_t skip_doctype(const char *d, size_t len, size_t i) {
    while (i < len && d[i] != '>' && d[i] != '[') i++;
    if (i < len && d[i] == '[') i = skip_to(d, len, i, "]");
    return skip_to(d, len, i, ">");
}

int sr_feed_sniff(const char *d, size_t len) {
    size_t i = 0;
    if (len >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0) i = 3;
    for (int guard = 0; guard < 64; guard++) {
        i = skip_space(d, len, i);
        if (starts(d, len, i, "<?")) i = skip_to(d, len, i + 2, "?>");
        else if (starts(d, len, i, "<!--")) i = skip_to(d, len, i + 4, "-->");
        else if (starts(d, len, i, "<!DOCTYPE") || starts(d, len, i, "<!doctype"))
            i = skip_doctype(d, len, i + 9);
        else break;
    }
    if (i >= len || d[i] != '<') return 0;
    size_t j = i + 1, k = j;
    while (k < len && k - j < 64 && d[k] != ' ' && d[k] != '>' && d[k] != '\t' &&
           d[k] != '\r' && d[k] != '\n' && d[k] != '/')
        k++;
    const char *tag = d + j;
    size_t n = k - j;
    const char *colon = memchr(tag, ':', n);
    if (colon && n - (size_t)(colon + 1 - tag) == 3 && memcmp(colon + 1, "RDF", 3) == 0)
        return 1;
    return (n == 3 && memcmp(tag, "rss", 3) == 0) || (n == 4 && memcmp(tag, "feed", 4) == 0);
}

/* ---- the tree --------------------------------------------------------------- */

static int local_is(const xmlNode *n, const char *name) {
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static int ns_is(const xmlNode *n, const char *uri) {
    return n->ns && n->ns->href && strcmp((const char *)n->ns->href, uri) == 0;
}

/* An element of the feed formats themselves (see the top). */
static int el(const xmlNode *n, const char *name) {
    return local_is(n, name) &&
           (!n->ns || ns_is(n, NS_ATOM) || ns_is(n, NS_RSS1) || ns_is(n, NS_RSS090));
}

static int el_ns(const xmlNode *n, const char *name, const char *uri) {
    return local_is(n, name) && ns_is(n, uri);
}

static const xmlNode *child(const xmlNode *n, const char *name) {
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (el(c, name)) return c;
    return NULL;
}

static const xmlNode *child_ns(const xmlNode *n, const char *name, const char *uri) {
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (el_ns(c, name, uri)) return c;
    return NULL;
}

/* The text and CDATA below n, in document order. */
static void gather(const xmlNode *n, sr_buf *b, int depth) {
    if (depth > MAX_DEPTH) return;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
            sr_buf_adds(b, (const char *)c->content);
        else if (c->type == XML_ELEMENT_NODE)
            gather(c, b, depth + 1);
    }
}

/* White space collapsed and trimmed, in place. */
static void squeeze(sr_buf *b) {
    size_t k = 0;
    for (size_t i = 0; i < b->len; i++) {
        char c = b->data[i];
        int sp = c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
        if (sp) {
            if (k && b->data[k - 1] != ' ') b->data[k++] = ' ';
        } else {
            b->data[k++] = c;
        }
    }
    while (k && b->data[k - 1] == ' ') k--;
    b->len = k;
    if (b->data) b->data[k] = '\0';
}

/* The value of attribute `name` (no namespace), copied into out. */
static int attr(const xmlNode *n, const char *name, char *out, size_t cap) {
    out[0] = '\0';
    xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
    if (!v) return 0;
    snprintf(out, cap, "%s", (const char *)v);
    xmlFree(v);
    return 1;
}

/* The text of an element given as HTML, markup removed. */
static void html_text(const char *s, size_t len, sr_buf *out) {
    char *t = NULL;
    size_t n = 0;
    sr_status st = sr_html_text(s, len, &t, &n);
    if (st == SR_OK) sr_buf_add(out, t, n);
    else if (st == SR_ERR_NOMEM) out->oom = 1;
    free(t);
}

/* An element's text as a reader sees it.  Atom says how it is written in
 * type= ("text", "html", "xhtml"); RSS text is HTML (escaped or in
 * CDATA) by custom; `html` says which default applies. */
static void element_text(const xmlNode *n, int html, sr_buf *out, int squeeze_it) {
    char type[32];
    if (attr(n, "type", type, sizeof type)) {
        if (strcasecmp(type, "xhtml") == 0 || strcasecmp(type, "application/xhtml+xml") == 0) {
            xmlBufferPtr xb = xmlBufferCreate();
            if (!xb) { out->oom = 1; return; }
            for (xmlNodePtr c = n->children; c; c = c->next)
                xmlNodeDump(xb, n->doc, c, 0, 0);
            html_text((const char *)xmlBufferContent(xb), (size_t)xmlBufferLength(xb), out);
            xmlBufferFree(xb);
            return;
        }
        html = strcasecmp(type, "html") == 0 || strcasecmp(type, "text/html") == 0;
    }
    sr_buf raw = SR_BUF_INIT;
    gather(n, &raw, 0);
    if (raw.oom) out->oom = 1;
    else if (html && raw.len) html_text(raw.data, raw.len, out);
    else if (raw.len) {
        if (squeeze_it) squeeze(&raw);
        size_t a = 0, z = raw.len;
        while (a < z && strchr(" \t\r\n\f", raw.data[a])) a++;
        while (z > a && strchr(" \t\r\n\f", raw.data[z - 1])) z--;
        sr_buf_add(out, raw.data + a, z - a);
    }
    sr_buf_free(&raw);
}

/* The primary language tag of s ("en-GB" -> "en"), lower-cased, in out. */
static void primary_lang(const char *s, char out[16]) {
    size_t k = 0;
    while (*s == ' ') s++;
    for (; *s && k < 15; s++) {
        char c = *s;
        if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
        if (c < 'a' || c > 'z') break;
        out[k++] = c;
    }
    out[k] = '\0';
    if (k < 2 || k > 3) out[0] = '\0';
}

static void xml_lang(const xmlNode *n, char out[16]) {
    out[0] = '\0';
    xmlChar *v = xmlNodeGetLang(n);
    if (v) primary_lang((const char *)v, out);
    xmlFree(v);
}

/* ---- parsing ------------------------------------------------------------------ */

static sr_status add_item(sr_feed *f, xmlNodePtr n, size_t *cap) {
    if (f->n == *cap) {
        size_t c = *cap ? *cap * 2 : 16;
        xmlNodePtr *v = realloc(f->items, c * sizeof *v);
        if (!v) return SR_ERR_NOMEM;
        f->items = v;
        *cap = c;
    }
    f->items[f->n++] = n;
    return SR_OK;
}

/* The item elements: <item> below <channel> (RSS 2.0) or beside it (RSS
 * 1.0), <entry> below <feed> (Atom). */
static sr_status collect(sr_feed *f, xmlNodePtr root) {
    size_t cap = 0;
    const char *item = local_is(root, "feed") ? "entry" : "item";
    for (xmlNodePtr c = root->children; c; c = c->next) {
        if (el(c, item) && add_item(f, c, &cap)) return SR_ERR_NOMEM;
        if (el(c, "channel"))
            for (xmlNodePtr i = c->children; i; i = i->next)
                if (el(i, "item") && add_item(f, i, &cap)) return SR_ERR_NOMEM;
    }
    return SR_OK;
}

static void feed_meta(sr_feed *f, const xmlNode *root) {
    const xmlNode *ch = local_is(root, "feed") ? root : child(root, "channel");
    const xmlNode *t = child(ch, "title");
    sr_buf b = SR_BUF_INIT;
    if (t) element_text(t, 0, &b, 1);
    snprintf(f->title, sizeof f->title, "%s", b.data && !b.oom ? b.data : "");
    sr_buf_free(&b);
    xml_lang(ch ? ch : root, f->lang);
    const xmlNode *l = child(ch, "language");
    if (!f->lang[0] && !l) l = child_ns(ch, "language", NS_DC);
    if (!f->lang[0] && l) {
        xmlChar *v = xmlNodeGetContent(l);
        if (v) primary_lang((const char *)v, f->lang);
        xmlFree(v);
    }
}

static int is_feed_root(const xmlNode *root) {
    if (!root) return 0;
    if (local_is(root, "rss") && !root->ns) return 1;
    if (local_is(root, "feed")) return !root->ns || ns_is(root, NS_ATOM);
    return local_is(root, "RDF") && ns_is(root, NS_RDF);
}

/* The encoding named by the XML declaration, lower-cased, or "". */
static void declared_encoding(const char *d, size_t len, char out[32]) {
    out[0] = '\0';
    size_t i = len >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    if (!starts(d, len, i, "<?xml")) return;
    size_t end = skip_to(d, len, i, "?>");
    const char *p = memmem(d + i, end - i, "encoding", 8);
    if (!p) return;
    size_t j = (size_t)(p - d) + 8, k = 0;
    while (j < end && (d[j] == ' ' || d[j] == '=' || d[j] == '"' || d[j] == '\'')) j++;
    while (j < end && k < 31 && d[j] != '"' && d[j] != '\'' && d[j] != ' ' && d[j] != '?') {
        char c = d[j++];
        out[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    out[k] = '\0';
}

static int control(unsigned char c) {
    return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
}

/* A feed that says (or lets it be assumed) it is UTF-8 but has a stray
 * byte that is not -- a Latin-1 character pasted into a description, a
 * NUL, a control character XML forbids -- would be refused whole by the
 * XML parser.  Invalid sequences are replaced with U+FFFD and control
 * characters with a space first (the documents carry a warning); a feed
 * in another declared encoding is left to libxml2's converters. */
static sr_status repair_utf8(const char *d, size_t len, sr_buf *fixed, size_t *fixes) {
    *fixes = 0;
    char enc[32];
    declared_encoding(d, len, enc);
    int utf16 = len >= 2 && (((unsigned char)d[0] == 0xFF && (unsigned char)d[1] == 0xFE) ||
                             ((unsigned char)d[0] == 0xFE && (unsigned char)d[1] == 0xFF));
    if (utf16 || (enc[0] && strcmp(enc, "utf-8") != 0 && strcmp(enc, "utf8") != 0)) return SR_OK;
    size_t controls = 0;
    for (size_t i = 0; i < len; i++) controls += control((unsigned char)d[i]) && d[i];
    if (!controls && sr_utf8_valid_prefix(d, len) == len && !memchr(d, 0, len)) return SR_OK;
    *fixes = sr_utf8_repair(d, len, fixed) + controls;
    for (size_t i = 0; i < fixed->len; i++)
        if (control((unsigned char)fixed->data[i])) fixed->data[i] = ' ';
    return fixed->oom ? SR_ERR_NOMEM : SR_OK;
}

sr_status sr_feed_parse(const char *name, const char *data, size_t len, sr_feed **out,
                        sr_error *err) {
    *out = NULL;
    if (len > SR_MAX_DOC_BYTES)
        return sr_fail(err, SR_ERR_TOOBIG, "%s: feed of %zu bytes, over the %zu MiB limit; "
                       "skipped", name, len, SR_MAX_DOC_BYTES >> 20);
    sr_buf fixed = SR_BUF_INIT;
    size_t fixes;
    if (repair_utf8(data, len, &fixed, &fixes) != SR_OK) {
        sr_buf_free(&fixed);
        return sr_fail(err, SR_ERR_NOMEM, "%s: out of memory", name);
    }
    if (fixes) {
        data = fixed.data;
        len = fixed.len;
    }
    sr_xml_quiet quiet;
    sr_xml_quiet_begin(&quiet);
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) {
        sr_xml_quiet_end(&quiet);
        sr_buf_free(&fixed);
        return sr_fail(err, SR_ERR_NOMEM, "%s: out of memory", name);
    }
    int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
    xmlDocPtr x = len <= (size_t)INT32_MAX
                      ? xmlCtxtReadMemory(ctxt, data, (int)len, name, NULL, opts)
                      : NULL;
    sr_xml_quiet_end(&quiet);
    sr_buf_free(&fixed);
    if (!x || !ctxt->wellFormed) {
        xmlErrorPtr e = xmlCtxtGetLastError(ctxt);
        char msg[200] = "unreadable";
        if (e && e->message) {
            snprintf(msg, sizeof msg, "%s", e->message);
            size_t k = strlen(msg);
            while (k && (msg[k - 1] == '\n' || msg[k - 1] == ' ')) msg[--k] = '\0';
        }
        int line = e ? e->line : 0;
        xmlFreeDoc(x);
        xmlFreeParserCtxt(ctxt);
        return sr_fail(err, SR_ERR_PARSE, "%s: malformed feed (XML error at line %d: %s); "
                       "skipped", name, line, msg);
    }
    xmlFreeParserCtxt(ctxt);
    xmlNodePtr root = xmlDocGetRootElement(x);
    if (!is_feed_root(root)) {
        sr_fail(err, SR_ERR_PARSE, "%s: XML but not an RSS or Atom feed (root <%.40s>); "
                "skipped", name, root ? (const char *)root->name : "none");
        xmlFreeDoc(x);
        return SR_ERR_PARSE;
    }
    sr_feed *f = calloc(1, sizeof *f);
    if (f) f->name = strdup(name);
    if (!f || !f->name || collect(f, root) != SR_OK) {
        if (f) { f->xml = x; sr_feed_free(f); } else xmlFreeDoc(x);
        return sr_fail(err, SR_ERR_NOMEM, "%s: out of memory", name);
    }
    f->xml = x;
    if (!f->n) {
        sr_feed_free(f);
        return sr_fail(err, SR_ERR_EMPTY, "%s: a feed without items; skipped", name);
    }
    feed_meta(f, root);
    f->fixes = fixes;
    *out = f;
    return SR_OK;
}

size_t sr_feed_count(const sr_feed *f) { return f->n; }
const char *sr_feed_title(const sr_feed *f) { return f->title; }

void sr_feed_free(sr_feed *f) {
    if (!f) return;
    xmlFreeDoc(f->xml);
    free(f->items);
    free(f->name);
    free(f);
}

/* ---- one item ------------------------------------------------------------------ */

/* An element's text, squeezed, as a malloc'd string or NULL when empty. */
static char *plain(const xmlNode *n) {
    if (!n) return NULL;
    sr_buf b = SR_BUF_INIT;
    gather(n, &b, 0);
    squeeze(&b);
    if (b.oom || !b.len) { sr_buf_free(&b); return NULL; }
    return sr_buf_steal(&b, NULL);
}

/* A relative link made absolute against the item's base (xml:base, else
 * the feed's own URL), when that base is an http(s) URL; href is
 * malloc'd and replaced. */
static char *absolute(const xmlNode *item, char *href) {
    if (!href || strstr(href, "://")) return href;
    xmlChar *base = xmlNodeGetBase(item->doc, item);
    if (base && sr_fetch_is_url((const char *)base)) {
        xmlChar *u = xmlBuildURI((const xmlChar *)href, base);
        char *abs = u ? strdup((const char *)u) : NULL;
        xmlFree(u);
        if (abs) {
            free(href);
            href = abs;
        }
    }
    xmlFree(base);
    return href;
}

/* The Atom link to the entry itself: rel="alternate" or no rel. */
static char *atom_link(const xmlNode *item) {
    for (const xmlNode *c = item->children; c; c = c->next) {
        if (!el(c, "link")) continue;
        char rel[32], href[2048];
        attr(c, "rel", rel, sizeof rel);
        if ((!rel[0] || strcmp(rel, "alternate") == 0) && attr(c, "href", href, sizeof href) &&
            href[0])
            return strdup(href);
    }
    return NULL;
}

/* The body element: the first of content:encoded, content, description,
 * summary that has something in it. */
static void body_text(const xmlNode *item, int atom, sr_buf *out) {
    const xmlNode *cands[4] = {child_ns(item, "encoded", NS_CONTENT), child(item, "content"),
                               child(item, "description"), child(item, "summary")};
    for (int i = 0; i < 4 && !out->len; i++) {
        const xmlNode *c = cands[i];
        if (!c) continue;
        char src[8];
        if (atom && attr(c, "src", src, sizeof src)) continue;  /* content elsewhere */
        element_text(c, !atom, out, 0);
    }
}

/* Does `text` open with the title (ignoring case)? */
static int begins_with(const char *text, size_t len, const char *title) {
    size_t n = strlen(title);
    return n && len >= n && strncasecmp(text, title, n) == 0;
}

static sr_status item_doc(sr_feed *f, size_t ordinal, const xmlNode *item, sr_doc **out,
                          sr_error *err) {
    int atom = local_is(item, "entry");
    char *id = plain(atom ? child(item, "id") : child(item, "guid"));
    char *url = absolute(item, atom ? atom_link(item) : plain(child(item, "link")));
    if (!url && !atom) {
        const xmlNode *g = child(item, "guid");
        char perma[16];
        if (g && (!attr(g, "isPermaLink", perma, sizeof perma) || strcmp(perma, "false") != 0))
            url = plain(g);
    }
    if (!id && url) id = strdup(url);
    if (!id) {
        xmlChar *about = xmlGetNsProp(item, (const xmlChar *)"about", (const xmlChar *)NS_RDF);
        if (about && about[0]) id = strdup((const char *)about);
        xmlFree(about);
    }
    char fallback[64];
    snprintf(fallback, sizeof fallback, "#%zu", ordinal);
    sr_buf title = SR_BUF_INIT, body = SR_BUF_INIT, text = SR_BUF_INIT;
    const xmlNode *t = child(item, "title");
    if (t) element_text(t, 0, &title, 1);
    if (!atom && title.len && strpbrk(title.data, "<&")) {
        /* an RSS title with markup or escaped entities ("&lt;b&gt;", "&amp;amp;") */
        sr_buf plain_title = SR_BUF_INIT;
        html_text(title.data, title.len, &plain_title);
        sr_buf_free(&title);
        title = plain_title;
    }
    squeeze(&title);
    body_text(item, atom, &body);
    if (title.len && !(body.len && begins_with(body.data, body.len, title.data))) {
        sr_buf_add(&text, title.data, title.len);
        if (body.len) sr_buf_adds(&text, "\n\n");
    }
    if (body.len) sr_buf_add(&text, body.data, body.len);
    sr_status st = title.oom || body.oom || text.oom ? SR_ERR_NOMEM : SR_OK;
    sr_doc *d = NULL;
    if (st == SR_OK && !text.len) st = SR_ERR_EMPTY;
    if (st == SR_OK) {
        sr_buf docid = SR_BUF_INIT;
        if (id) sr_buf_adds(&docid, id);
        else { sr_buf_adds(&docid, f->name); sr_buf_adds(&docid, fallback); }
        st = docid.oom ? SR_ERR_NOMEM : sr_doc_new(docid.data, &d);
        sr_buf_free(&docid);
    }
    if (st == SR_OK) st = sr_doc_set_text(d, text.data, text.len);
    if (st == SR_OK && title.len) st = sr_doc_set_field(d, SR_FIELD_TITLE, title.data);
    if (st == SR_OK && f->fixes)
        sr_doc_warn(d, "%zu invalid character%s in the feed replaced (invalid UTF-8 with U+FFFD, "
                    "control characters with a space)", f->fixes, f->fixes == 1 ? "" : "s");
    if (st == SR_OK && url) st = sr_doc_set_field(d, SR_FIELD_URL, url);
    if (st == SR_OK) {
        const xmlNode *dn = atom ? child(item, "published") : child(item, "pubDate");
        if (!dn) dn = atom ? child(item, "updated") : NULL;
        if (!dn) dn = child_ns(item, "date", NS_DC);
        char *date = plain(dn);
        char iso[11];
        if (date && sr_date_parse(date, iso) == SR_OK)
            st = sr_doc_set_field(d, SR_FIELD_PUBLISHED, iso);
        else if (date)
            sr_doc_warn(d, "unreadable publication date \"%.60s\" ignored", date);
        free(date);
    }
    if (st == SR_OK) {
        char lang[16];
        xml_lang(item, lang);
        if (!lang[0]) memcpy(lang, f->lang, sizeof lang);
        if (lang[0]) st = sr_doc_set_field(d, SR_FIELD_LANG, lang);
    }
    sr_buf_free(&title);
    sr_buf_free(&body);
    sr_buf_free(&text);
    if (st != SR_OK) {
        sr_doc_free(d);
        sr_status code = st;
        st = sr_fail(err, code, "%s: item %zu%s%s: %s; skipped", f->name, ordinal,
                     id ? " " : "", id ? id : "",
                     code == SR_ERR_EMPTY ? "no title and no text" : sr_strerror(code));
        free(id);
        free(url);
        return st;
    }
    free(id);
    free(url);
    *out = d;
    return SR_OK;
}

sr_status sr_feed_next(sr_feed *f, sr_doc **out, sr_error *err) {
    *out = NULL;
    if (f->next >= f->n) return SR_DONE;
    size_t i = f->next++;
    return item_doc(f, i + 1, f->items[i], out, err);
}
