/*
 * xml_quiet.h -- parsing with libxml2 from a library that must not print
 * and may run on many threads (the HTML and feed readers).
 *
 * libxml2 wants its one-time set-up (xmlInitParser) done before threads
 * parse, and reports some errors (encoding, I/O) through its per-thread
 * generic and structured handlers even when asked not to
 * (XML_PARSE_NOERROR): the handlers are silenced around each parse and
 * restored after it.
 */
#ifndef SR_XML_QUIET_H
#define SR_XML_QUIET_H

#include <libxml/xmlerror.h>

/* The handlers of this thread, as they were before sr_xml_quiet_begin. */
typedef struct sr_xml_quiet {
    xmlGenericErrorFunc generic;
    void *generic_ctx;
    xmlStructuredErrorFunc structured;
    void *structured_ctx;
} sr_xml_quiet;

/* Initialise libxml2 (once per process) and silence this thread's error
 * handlers, saving them in q; sr_xml_quiet_end(q) puts them back. */
void sr_xml_quiet_begin(sr_xml_quiet *q);
void sr_xml_quiet_end(const sr_xml_quiet *q);

#endif
