/*
 * inputs.c -- the queue of inputs of a reader: paths given, and the files
 * found below directories.
 *
 * A directory is expanded, recursively and in byte order of names, into
 * the regular files below it: hidden files and directories are skipped,
 * and so are devices, pipes and sockets (reading a FIFO found in a folder
 * would block the run).  A file found there gets as id base its path
 * below the directory ("2017/bamako.txt"), so ids are unique within a
 * run; a file named directly gets its base name.  Symbolic links are
 * followed, but a link back to a directory being expanded is cut (the
 * chain of directories is compared by device and inode), and nesting is
 * bounded.  Trouble with one entry (unreadable, a dangling link, a loop)
 * becomes an input that carries its error, reported in its turn.
 */
#include "inputs.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../core/error.h"

#define MAX_DIR_DEPTH 64

static int push_input(sr_inputs *q, const char *path, const char *id, const char *error) {
    if (q->n == q->cap) {
        size_t cap = q->cap ? q->cap * 2 : 16;
        sr_input *v = realloc(q->v, cap * sizeof *v);
        if (!v) return -1;
        q->v = v;
        q->cap = cap;
    }
    sr_input *in = &q->v[q->n];
    in->path = strdup(path);
    in->id = strdup(id);
    in->error = error ? strdup(error) : NULL;
    if (!in->path || !in->id || (error && !in->error)) {
        free(in->path);
        free(in->id);
        free(in->error);
        return -1;
    }
    q->n++;
    return 0;
}

static int push_error(sr_inputs *q, const char *path, const char *fmt, const char *what) {
    char msg[sizeof ((sr_error *)0)->message];
    snprintf(msg, sizeof msg, fmt, path, what);
    return push_input(q, path, path, msg);
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *join(const char *a, const char *b) {
    size_t x = strlen(a), y = strlen(b);
    int slash = x && a[x - 1] != '/';
    char *p = malloc(x + (size_t)slash + y + 1);
    if (!p) return NULL;
    memcpy(p, a, x);
    if (slash) p[x] = '/';
    memcpy(p + x + (size_t)slash, b, y + 1);
    return p;
}

/* The directories being expanded, to cut symbolic link loops. */
typedef struct dir_chain {
    dev_t dev[MAX_DIR_DEPTH + 1];
    ino_t ino[MAX_DIR_DEPTH + 1];
    int depth;
} dir_chain;

/* The sorted names in dir (hidden ones skipped); NULL and *n = 0 on error
 * with errno set, or when out of memory (errno ENOMEM). */
static char **list_dir(const char *dir, size_t *n) {
    *n = 0;
    DIR *d = opendir(dir);
    if (!d) return NULL;
    char **names = NULL;
    size_t cap = 0;
    struct dirent *e;
    int oom = 0;
    while (!oom && (e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 32;
            char **v = realloc(names, cap * sizeof *v);
            if (!v) { oom = 1; break; }
            names = v;
        }
        if (!(names[*n] = strdup(e->d_name))) oom = 1;
        else (*n)++;
    }
    closedir(d);
    if (oom) {
        for (size_t i = 0; i < *n; i++) free(names[i]);
        free(names);
        *n = 0;
        errno = ENOMEM;
        return NULL;
    }
    if (*n) qsort(names, *n, sizeof *names, cmp_str);
    if (!names) names = calloc(1, sizeof *names);  /* an empty directory */
    return names;
}

/* Queue the files under dir; rel is dir's path below the top ("" there).
 * Returns -1 only when out of memory; other trouble is queued as errors. */
static int add_dir(sr_inputs *q, const char *dir, const char *rel, dir_chain *chain) {
    size_t n;
    char **names = list_dir(dir, &n);
    if (!names) {
        if (errno == ENOMEM) return -1;
        return push_error(q, dir, "%s: cannot read directory: %s; skipped", strerror(errno));
    }
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        char *path = rc ? NULL : join(dir, names[i]);
        char *id = rc ? NULL : (rel[0] ? join(rel, names[i]) : strdup(names[i]));
        struct stat sb;
        if (rc) {
        } else if (!path || !id) {
            rc = -1;
        } else if (stat(path, &sb) != 0) {
            rc = push_error(q, path, "%s: %s; skipped", strerror(errno));
        } else if (S_ISREG(sb.st_mode)) {
            rc = push_input(q, path, id, NULL);
        } else if (S_ISDIR(sb.st_mode)) {
            int loop = 0;
            for (int k = 0; k <= chain->depth; k++)
                if (chain->dev[k] == sb.st_dev && chain->ino[k] == sb.st_ino) loop = 1;
            if (loop)
                rc = push_error(q, path, "%s: %s; skipped",
                                "a directory inside itself (symbolic link loop)");
            else if (chain->depth >= MAX_DIR_DEPTH)
                rc = push_error(q, path, "%s: %s; skipped", "directories nested too deep");
            else {
                chain->depth++;
                chain->dev[chain->depth] = sb.st_dev;
                chain->ino[chain->depth] = sb.st_ino;
                rc = add_dir(q, path, id, chain);
                chain->depth--;
            }
        }  /* devices, pipes and sockets inside a directory are not articles */
        free(path);
        free(id);
        free(names[i]);
    }
    free(names);
    return rc;
}

/* The part of a file's path after its last '/'. */
static const char *base_name(const char *path) {
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

sr_status sr_inputs_add(sr_inputs *q, const char *path, sr_error *err) {
    sr_status st = SR_OK;
    struct stat sb;
    if (strcmp(path, "-") == 0) {
        if (push_input(q, "-", "stdin", NULL)) st = SR_ERR_NOMEM;
    } else if (stat(path, &sb) != 0) {
        return sr_fail(err, SR_ERR_IO, "%s: %s", path, strerror(errno));
    } else if (S_ISDIR(sb.st_mode)) {
        dir_chain chain = {.dev = {sb.st_dev}, .ino = {sb.st_ino}, .depth = 0};
        if (add_dir(q, path, "", &chain)) st = SR_ERR_NOMEM;
    } else if (push_input(q, path, base_name(path), NULL)) {
        st = SR_ERR_NOMEM;
    }
    if (st != SR_OK) return sr_fail(err, st, "%s: out of memory", path);
    return SR_OK;
}

void sr_inputs_free(sr_inputs *q) {
    for (size_t i = 0; i < q->n; i++) {
        free(q->v[i].path);
        free(q->v[i].id);
        free(q->v[i].error);
    }
    free(q->v);
    q->v = NULL;
    q->n = q->cap = 0;
}
