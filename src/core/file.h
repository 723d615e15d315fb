/*
 * file.h -- reading a whole file into memory.
 *
 * Lexicons, time-word tables, TimeML documents, benchmark corpora: many
 * places load a file whole before parsing it.  sr_file_read() is the one
 * way they do it, with one set of error messages that name the file.
 */
#ifndef SR_FILE_H
#define SR_FILE_H

#include <stddef.h>

#include "sitrep.h"

/* Read the file at `path` (any kind that can be read to its end: a regular
 * file, a pipe, /dev/stdin) into a new heap block, NUL-terminated (the NUL
 * is not counted in *len); the caller free()s *data.  A file of more than
 * `max` bytes is refused (pass SIZE_MAX for no limit).  An empty file gives
 * an empty string, never NULL.
 *
 * Returns SR_OK; SR_ERR_IO when the file cannot be opened or read ("PATH:
 * cannot open: REASON", "PATH: cannot read: REASON"); SR_ERR_TOOBIG past
 * `max`; SR_ERR_NOMEM.  On failure *data is NULL and *len 0. */
sr_status sr_file_read(const char *path, size_t max, char **data, size_t *len, sr_error *err);

#endif
