/*
 * xml_quiet.c -- libxml2 set up once and silenced around a parse (see
 * xml_quiet.h).
 */
#include "xml_quiet.h"

#include <libxml/parser.h>
#include <pthread.h>

static void silent(void *ctx, const char *msg, ...) {
    (void)ctx;
    (void)msg;
}

static void silent_structured(void *ctx, xmlErrorPtr e) {
    (void)ctx;
    (void)e;
}

void sr_xml_quiet_begin(sr_xml_quiet *q) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, xmlInitParser);
    q->generic = xmlGenericError;
    q->generic_ctx = xmlGenericErrorContext;
    q->structured = xmlStructuredError;
    q->structured_ctx = xmlStructuredErrorContext;
    xmlSetGenericErrorFunc(NULL, silent);
    xmlSetStructuredErrorFunc(NULL, silent_structured);
}

void sr_xml_quiet_end(const sr_xml_quiet *q) {
    xmlSetGenericErrorFunc(q->generic_ctx, q->generic);
    xmlSetStructuredErrorFunc(q->structured_ctx, q->structured);
}
