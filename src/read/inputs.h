/*
 * inputs.h -- what a reader will read: the paths given and the files
 * found below directories, each with the base of its documents' ids.
 */
#ifndef SR_INPUTS_H
#define SR_INPUTS_H

#include <stddef.h>

#include "sitrep.h"

typedef struct sr_input {
    char *path;    /* as given or found; "-" is standard input */
    char *id;      /* what document ids are made from */
    char *error;   /* reported instead of reading the input, or NULL */
} sr_input;

typedef struct sr_inputs {
    sr_input *v;
    size_t n, cap;
} sr_inputs;

/* Queue a path: "-" (standard input), a file, or a directory expanded
 * into the files below it (see inputs.c).  SR_ERR_IO when the path does
 * not exist, SR_ERR_NOMEM; err names the path. */
sr_status sr_inputs_add(sr_inputs *q, const char *path, sr_error *err);

void sr_inputs_free(sr_inputs *q);

#endif
