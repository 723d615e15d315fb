/*
 * common.c -- what several verbs do alike before their work: check the
 * --date they were given, find the data directory, open the engine.
 *
 * Each helper prints its own "sitrep: ..." message, so that the verbs say
 * the same thing for the same trouble.
 */
#include <stdlib.h>

#include "cli.h"

#ifndef SR_DATADIR
#define SR_DATADIR "data"
#endif

int sr_cli_check_date(const char *date) {
    if (!date) return 0;
    /* the date is valid when the document's published field takes it */
    sr_doc *probe;
    if (sr_doc_new("probe", &probe) != SR_OK) return EXIT_FATAL;
    sr_doc_set_field(probe, SR_FIELD_PUBLISHED, date);
    int ok = sr_doc_field(probe, SR_FIELD_PUBLISHED) != NULL;
    sr_doc_free(probe);
    if (ok) return 0;
    sr_cli_error("--date wants YYYY-MM-DD, not \"%s\"", date);
    return EXIT_USAGE;
}

const char *sr_cli_data_dir(const char *given) {
    const char *d = given ? given : getenv("SITREP_DATA");
    return d && *d ? d : SR_DATADIR;
}

sr_engine *sr_cli_engine_open(const char *data_dir) {
    sr_engine *engine;
    sr_error err = {0};
    if (sr_engine_open(data_dir, &engine, &err) != SR_OK) {
        sr_cli_error("%s", err.message);
        return NULL;
    }
    return engine;
}
