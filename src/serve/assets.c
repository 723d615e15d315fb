/*
 * assets.c -- loading the web UI's files into memory (assets.h).
 */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "assets.h"
#include "../core/error.h"
#include "../core/file.h"

#define MAX_TOTAL ((size_t)64 << 20)
#define MAX_DEPTH 4

static const char *type_of(const char *path) {
    static const char *const TYPES[][2] = {
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json"},
        {".png", "image/png"},
        {".svg", "image/svg+xml"},
        {".ico", "image/x-icon"},
        {".txt", "text/plain; charset=utf-8"},
    };
    const char *dot = strrchr(path, '.');
    if (dot)
        for (size_t i = 0; i < sizeof TYPES / sizeof *TYPES; i++)
            if (strcmp(dot, TYPES[i][0]) == 0) return TYPES[i][1];
    return "application/octet-stream";
}

static sr_status add_file(sr_assets *a, const char *full, const char *rel, size_t *total,
                          sr_error *err) {
    char *data;
    size_t n;
    sr_status st = sr_file_read(full, MAX_TOTAL - *total, &data, &n, err);
    if (st == SR_ERR_TOOBIG)
        return sr_fail(err, SR_ERR_TOOBIG, "%s: the web assets exceed 64 MB", full);
    if (st != SR_OK) return st;
    sr_asset *v = realloc(a->v, (a->n + 1) * sizeof *v);
    if (v) a->v = v;
    char *path = malloc(strlen(rel) + 2);
    if (!v || !path) {
        free(data);
        free(path);
        return sr_fail(err, SR_ERR_NOMEM, "%s: out of memory", full);
    }
    path[0] = '/';
    strcpy(path + 1, rel);
    a->v[a->n++] = (sr_asset){path, data, n, type_of(rel)};
    *total += n;
    return SR_OK;
}

static sr_status walk(sr_assets *a, const char *dir, const char *rel, int depth,
                      size_t *total, sr_error *err) {
    DIR *d = opendir(dir);
    if (!d) return sr_fail(err, SR_ERR_IO, "%s: cannot open the web assets directory", dir);
    sr_status st = SR_OK;
    struct dirent *e;
    while (st == SR_OK && (e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char full[PATH_MAX], sub[PATH_MAX];
        if (snprintf(full, sizeof full, "%s/%s", dir, e->d_name) >= (int)sizeof full ||
            snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", e->d_name) >=
                (int)sizeof sub)
            continue;
        struct stat sb;
        if (stat(full, &sb) != 0) continue;
        if (S_ISDIR(sb.st_mode)) {
            if (depth < MAX_DEPTH) st = walk(a, full, sub, depth + 1, total, err);
        } else if (S_ISREG(sb.st_mode)) {
            st = add_file(a, full, sub, total, err);
        }
    }
    closedir(d);
    return st;
}

sr_status sr_assets_load(const char *dir, sr_assets *out, sr_error *err) {
    out->v = NULL;
    out->n = 0;
    size_t total = 0;
    sr_status st = walk(out, dir, "", 0, &total, err);
    if (st == SR_OK && !sr_assets_find(out, "/"))
        st = sr_fail(err, SR_ERR_DATA, "%s: no index.html (build the UI: make)", dir);
    if (st != SR_OK) sr_assets_free(out);
    return st;
}

void sr_assets_free(sr_assets *a) {
    for (size_t i = 0; i < a->n; i++) {
        free(a->v[i].path);
        free(a->v[i].data);
    }
    free(a->v);
    a->v = NULL;
    a->n = 0;
}

const sr_asset *sr_assets_find(const sr_assets *a, const char *path) {
    if (strcmp(path, "/") == 0) path = "/index.html";
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->v[i].path, path) == 0) return &a->v[i];
    return NULL;
}

const char *sr_assets_default_dir(char *buf, size_t cap) {
    const char *env = getenv("SITREP_WEB");
    if (env && *env) {
        snprintf(buf, cap, "%s", env);
        return buf;
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) {
        snprintf(buf, cap, "web");
        return buf;
    }
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash) *slash = '\0';
    snprintf(buf, cap, "%s/web", exe);
    return buf;
}
