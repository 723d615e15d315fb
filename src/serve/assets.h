/*
 * assets.h -- the web UI's files, served by `sitrep serve`.
 *
 * `make` builds the UI from web/ with npm into build/web/ (mk/serve.mk),
 * beside build/sitrep; the server finds it there (the directory of the
 * executable + "/web"), or in --web DIR / $SITREP_WEB.  The files are read
 * once at start-up into memory (a few hundred kB): a request never touches
 * the file system, and no path from a request is ever opened.
 */
#ifndef SR_SERVE_ASSETS_H
#define SR_SERVE_ASSETS_H

#include <stddef.h>

#include "sitrep.h"

typedef struct sr_asset {
    char *path;               /* "/index.html", "/vendor/leaflet.js" */
    char *data;
    size_t len;
    const char *type;         /* content type */
} sr_asset;

typedef struct sr_assets {
    sr_asset *v;
    size_t n;
} sr_assets;

/* Read every file below dir (at most 4 levels, 64 MB in all). */
sr_status sr_assets_load(const char *dir, sr_assets *out, sr_error *err);
void sr_assets_free(sr_assets *a);

/* The file for a request path ("/" is "/index.html"), or NULL. */
const sr_asset *sr_assets_find(const sr_assets *a, const char *path);

/* The default directory: $SITREP_WEB, else <dir of the executable>/web.
 * Writes into buf; returns buf. */
const char *sr_assets_default_dir(char *buf, size_t cap);

#endif
