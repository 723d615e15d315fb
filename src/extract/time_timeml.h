/*
 * time_timeml.h -- reading TimeML documents (.tml, as in TempEval-3):
 * the text of the TEXT element, the TIMEX3 expressions annotated in it
 * with their byte spans in that text, and the document creation time.
 *
 * Used by `sitrep eval times` (the gold standard) and by the temporal
 * benchmark (the sentences and their reference dates).
 */
#ifndef SR_TIME_TIMEML_H
#define SR_TIME_TIMEML_H

#include <stddef.h>

#include "sitrep.h"

typedef struct sr_timeml_tx {
    size_t start, end;       /* bytes of the expression in the text */
    char type[16];           /* DATE, TIME, DURATION, SET */
    char value[64];
} sr_timeml_tx;

typedef struct sr_timeml {
    char *text;              /* the TEXT element's text, NUL-terminated (malloc) */
    size_t len;
    sr_timeml_tx *v;         /* the TIMEX3s inside TEXT, in text order (malloc) */
    size_t n;
    char dct[11];            /* the creation time's date "YYYY-MM-DD", or "" */
} sr_timeml;

/* Parse a TimeML document held in memory; `name` names it in errors.
 * SR_ERR_PARSE when it is not well-formed XML or has no TEXT element. */
sr_status sr_timeml_parse(const char *name, const char *data, size_t len, sr_timeml *out,
                          sr_error *err);

/* Read and parse a file. */
sr_status sr_timeml_read(const char *path, sr_timeml *out, sr_error *err);

void sr_timeml_free(sr_timeml *t);

/* The paths "DIR/NAME" of the .tml files in dir, in byte order of their
 * names (a corpus such as TempEval-3's TimeBank); free them with
 * sr_timeml_list_free().  SR_ERR_IO ("DIR: cannot open") when dir cannot
 * be read, SR_ERR_NOMEM. */
sr_status sr_timeml_list(const char *dir, char ***paths, size_t *n, sr_error *err);
void sr_timeml_list_free(char **paths, size_t n);

#endif
