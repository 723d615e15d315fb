/*
 * html.c -- the HTML reader: a page's title and main text.
 *
 * libxml2's HTML parser (forgiving, as browsers are) builds the tree; we
 * walk it and keep the text of the article: <article> or <main> when the
 * page has one, else <body>.  Scripts, styles, navigation, headers,
 * footers, asides, forms and hidden elements are dropped.  Block elements
 * end a line and paragraphs are separated by a blank line, so the sentence
 * splitter sees the page's structure.  Entities are decoded by the parser.
 */
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/doc.h"
#include "../core/error.h"
#include "formats.h"

static int name_is(const xmlNode *n, const char *const *names) {
    for (; *names; names++)
        if (xmlStrcasecmp(n->name, (const xmlChar *)*names) == 0) return 1;
    return 0;
}

static const char *const DROP[] = {"script", "style", "noscript", "nav", "header",
                                   "footer", "aside", "form", "iframe", "svg",
                                   "template", "button", "select", "head", NULL};
static const char *const BLOCK[] = {"p", "div", "br", "li", "ul", "ol", "h1", "h2",
                                    "h3", "h4", "h5", "h6", "blockquote", "section",
                                    "article", "main", "table", "tr", "pre",
                                    "figcaption", "dd", "dt", "hr", NULL};
static const char *const PARA[] = {"p", "h1", "h2", "h3", "h4", "h5", "h6",
                                   "blockquote", "li", "pre", "tr", NULL};

static int hidden(const xmlNode *n) {
    xmlChar *h = xmlGetProp(n, (const xmlChar *)"hidden");
    if (h) { xmlFree(h); return 1; }
    xmlChar *aria = xmlGetProp(n, (const xmlChar *)"aria-hidden");
    int r = aria && xmlStrcmp(aria, (const xmlChar *)"true") == 0;
    if (aria) xmlFree(aria);
    return r;
}

/* End the current line (once) or the current paragraph (a blank line). */
static void brk(sr_buf *b, int para) {
    while (b->len && (b->data[b->len - 1] == ' ')) b->len--;
    if (!b->len) return;
    if (b->data[b->len - 1] != '\n') sr_buf_addc(b, '\n');
    if (para && (b->len < 2 || b->data[b->len - 2] != '\n')) sr_buf_addc(b, '\n');
}

static void add_text(sr_buf *b, const char *s) {
    /* Collapse white space the way a browser renders it. */
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
            if (b->len && b->data[b->len - 1] != ' ' && b->data[b->len - 1] != '\n')
                sr_buf_addc(b, ' ');
        } else {
            sr_buf_addc(b, (char)c);
        }
    }
}

static void walk(const xmlNode *n, sr_buf *b, int depth) {
    if (depth > 256) return;  /* libxml2 bounds depth too; be explicit */
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content) add_text(b, (const char *)n->content);
            continue;
        }
        if (n->type != XML_ELEMENT_NODE) continue;
        if (name_is(n, DROP) || hidden(n)) continue;
        int block = name_is(n, BLOCK), para = name_is(n, PARA);
        if (block) brk(b, para);
        walk(n->children, b, depth + 1);
        if (block) brk(b, para);
    }
}

static const xmlNode *find(const xmlNode *n, const char *name, int depth) {
    if (depth > 256) return NULL;
    for (; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE &&
            xmlStrcasecmp(n->name, (const xmlChar *)name) == 0)
            return n;
        const xmlNode *f = find(n->children, name, depth + 1);
        if (f) return f;
    }
    return NULL;
}

static const char *base_name(const char *path) {
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

sr_status sr_html_read(const char *name, const char *data, size_t len,
                       sr_doc **out, sr_error *err) {
    *out = NULL;
    if (len > (size_t)INT32_MAX)
        return sr_fail(err, SR_ERR_TOOBIG, "%s: HTML too large", name);
    htmlDocPtr h = htmlReadMemory(data, (int)len, name, "UTF-8",
                                  HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                      HTML_PARSE_NONET | HTML_PARSE_RECOVER |
                                      HTML_PARSE_NOBLANKS);
    if (!h) return sr_fail(err, SR_ERR_PARSE, "%s: not parseable as HTML", name);
    const xmlNode *root = xmlDocGetRootElement(h);
    const xmlNode *body = find(root, "body", 0);
    if (!body) {
        xmlFreeDoc(h);
        return sr_fail(err, SR_ERR_EMPTY, "%s: HTML without a body; skipped", name);
    }
    const xmlNode *main = find(body->children, "article", 0);
    if (!main) main = find(body->children, "main", 0);
    if (!main) main = body;
    sr_buf title = SR_BUF_INIT, text = SR_BUF_INIT;
    const xmlNode *t = find(root, "title", 0);
    if (t) walk(t->children, &title, 0);
    const xmlNode *h1 = find(main->children, "h1", 0);
    if (!title.len && h1) walk(h1->children, &title, 0);
    walk(main->children, &text, 0);
    xmlFreeDoc(h);
    sr_status st = SR_ERR_NOMEM;
    sr_doc *d = NULL;
    if (!title.oom && !text.oom && sr_doc_new(base_name(name), &d) == SR_OK) {
        st = sr_doc_set_text(d, text.data ? text.data : "", text.len);
        if (st == SR_OK && title.len) {
            while (title.len && (title.data[title.len - 1] == ' ' || title.data[title.len - 1] == '\n'))
                title.data[--title.len] = '\0';
            sr_doc_set_field(d, SR_FIELD_TITLE, title.data);
        }
    }
    sr_buf_free(&title);
    sr_buf_free(&text);
    if (st != SR_OK) {
        sr_doc_free(d);
        return sr_fail(err, st, "%s: %s", name,
                       st == SR_ERR_EMPTY ? "HTML without text; skipped" : sr_strerror(st));
    }
    *out = d;
    return SR_OK;
}
