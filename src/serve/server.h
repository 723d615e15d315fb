/*
 * server.h -- the HTTP server of `sitrep serve` (libmicrohttpd).
 *
 * A thread pool answers requests: API paths go to api.c, everything else
 * is a file of the web UI (assets.h).  Limits: a request body of at most
 * SR_MAX_BODY bytes (413 beyond, before it is all read), a connection
 * idle for `timeout` seconds is closed, at most 512 connections.  Every
 * response carries a Content-Security-Policy that allows scripts from the
 * server only, nosniff, no referrer and no framing.  On a loopback address
 * a request whose Host header names another machine is refused (403), so
 * that DNS rebinding cannot make a web page same-origin with the API.
 */
#ifndef SR_SERVE_SERVER_H
#define SR_SERVE_SERVER_H

#include <sys/socket.h>

#include "api.h"
#include "assets.h"

typedef struct sr_server sr_server;

typedef struct sr_server_config {
    const char *listen;       /* "127.0.0.1:8080", "[::1]:8080"; port 0 picks one */
    sr_api *api;
    const sr_assets *assets;  /* may be NULL: API only */
    unsigned threads;
    unsigned timeout;         /* seconds */
} sr_server_config;

/* Parse a listen address: an IPv4 or bracketed IPv6 literal, or
 * "localhost", then ":PORT".  *loopback tells whether it is a loopback
 * address. */
sr_status sr_listen_parse(const char *s, struct sockaddr_storage *addr, socklen_t *len,
                          int *loopback, sr_error *err);

sr_status sr_server_start(const sr_server_config *cfg, sr_server **out, sr_error *err);
/* The port bound (useful with port 0). */
int sr_server_port(const sr_server *s);
void sr_server_stop(sr_server *s);

#endif
