/*
 * feed.h -- RSS and Atom feeds as documents.
 *
 * A feed file (RSS 2.0, RSS 1.0/RDF or Atom 1.0) holds many articles; each
 * item or entry becomes one document:
 *
 *   id         RSS <guid>, Atom <id>; else the item's link; else
 *              "NAME#N" (the feed's name and the item's ordinal, from 1)
 *   title      <title> (Atom type="html"/"xhtml" titles, and RSS titles
 *              with markup or entities, lose them)
 *   url        RSS <link>, a <guid isPermaLink="true"> without one, Atom
 *              <link rel="alternate" href> (or a link without rel); a
 *              relative link is resolved against xml:base or the feed's
 *              URL when `name` is one
 *   published  RSS <pubDate>, <dc:date>; Atom <published>, <updated>; as
 *              YYYY-MM-DD (sr_date_parse); an unreadable date is a warning
 *   lang       the entry's xml:lang, else the feed's xml:lang or
 *              <language>, cut to its primary tag ("en-GB" -> "en")
 *   text       the title, a blank line, then the body: <content:encoded>,
 *              Atom <content>, <description> or Atom <summary>, the
 *              first present, with HTML turned into text by the HTML
 *              reader's rules (sr_html_text).  Atom type="text" content
 *              is taken as it is.
 *
 * Parsing is strict XML (libxml2, no network, no DTD loading, entities
 * declared in a DTD are not expanded): a feed that is not well-formed is
 * one error naming the line, not a partial read.  The one repair made
 * first: in a feed that is (or says it is) UTF-8, invalid sequences become
 * U+FFFD and control characters a space, with a warning on each document,
 * since one stray byte would otherwise cost the whole feed.  An item with neither
 * title nor body is an error for that item alone; the next call goes on.
 */
#ifndef SR_FEED_H
#define SR_FEED_H

#include <stddef.h>

#include "sitrep.h"

typedef struct sr_feed sr_feed;

/* Does the data look like a feed: after an optional byte order mark, XML
 * declaration, comments, processing instructions and DOCTYPE, does it open
 * with <rss, <feed or <rdf:RDF? */
int sr_feed_sniff(const char *data, size_t len);

/* Parse a whole feed held in memory.  `name` is what messages and the ids
 * of items without one are made from (a file name or a URL).  The data is
 * not needed after the call.  SR_ERR_PARSE for data that is not
 * well-formed XML or not a feed, SR_ERR_EMPTY for a feed without items. */
sr_status sr_feed_parse(const char *name, const char *data, size_t len, sr_feed **out,
                        sr_error *err);

/* The number of items, and the feed's own title ("" when it has none). */
size_t sr_feed_count(const sr_feed *feed);
const char *sr_feed_title(const sr_feed *feed);

/* The next item as a document: SR_OK, SR_DONE after the last, or an error
 * naming the item ("NAME: item 3: ..."); the next call goes on. */
sr_status sr_feed_next(sr_feed *feed, sr_doc **out, sr_error *err);

void sr_feed_free(sr_feed *feed);

#endif
