/*
 * api.h -- the HTTP API of `sitrep serve`, apart from HTTP itself.
 *
 * A request is a method, a path, decoded query parameters, the
 * Authorization header and a body; a response is a status, a content type
 * and a body.  server.c moves these over libmicrohttpd; the unit tests
 * call sr_api_handle() directly.  docs/api.md documents every endpoint.
 *
 * Threads: sr_api_handle() may run in several threads at once.  The engine
 * is read-only and shared; the store handle is one connection, used under
 * the api's lock, and the lock is never held during extraction or a
 * webhook delivery.
 */
#ifndef SR_SERVE_API_H
#define SR_SERVE_API_H

#include <pthread.h>
#include <stddef.h>

#include "sitrep.h"
#include "params.h"
#include "../core/buf.h"
#include "../store/store.h"

/* The largest request body (an article to extract or ingest). */
#define SR_MAX_BODY ((size_t)2 << 20)

typedef struct sr_api_config {
    const char *db;           /* store location */
    const char *token;        /* NULL: write endpoints are refused */
    const char *data_dir;     /* engine data (NULL: built-in) */
} sr_api_config;

typedef struct sr_api {
    sr_store *store;
    sr_engine *engine;        /* NULL when it failed to load: */
    char engine_error[600];   /* why (extraction answers 503) */
    pthread_mutex_t lock;     /* the store handle */
    char *token;
    /* called after a write that may change incidents (wakes the watcher) */
    void (*on_change)(void *ctx);
    void *on_change_ctx;
} sr_api;

/* Open the store and load the engine.  A store that cannot be opened is
 * an error; an engine that cannot be loaded is not (the read endpoints
 * work without it): engine is then NULL and engine_error says why. */
sr_status sr_api_open(const sr_api_config *cfg, sr_api **out, sr_error *err);
void sr_api_close(sr_api *api);

typedef struct sr_api_request {
    const char *method, *path;
    const sr_params *params;
    const char *authorization;   /* the header, or NULL */
    const char *content_type;    /* or NULL */
    const char *body;
    size_t body_len;
} sr_api_request;

typedef struct sr_api_response {
    int status;
    const char *content_type;    /* static string */
    sr_buf body;
} sr_api_response;

/* Is this a path of the API (as opposed to a static asset)? */
int sr_api_path(const char *path);

/* Handle one request; `res` is filled (its body released by the caller
 * with sr_buf_free). */
void sr_api_handle(sr_api *api, const sr_api_request *req, sr_api_response *res);

/* Does the Authorization header carry the token ("Bearer T")?  Compared
 * in constant time. */
int sr_api_token_ok(const char *token, const char *authorization);

#endif
