/*
 * redis.h -- a small Redis client for the ingestion queue (Redis Streams):
 * one TCP connection, commands sent as RESP arrays, replies parsed by
 * resp.c.  A connection that fails is reopened with backoff (100 ms
 * doubling to 5 s) for up to `retry_s` seconds before a command fails, so a
 * broker that restarts does not stop a worker.  A command is re-sent after
 * a reconnect: the queue's consumers are idempotent, so a repeated XADD or
 * XACK does no harm.
 */
#ifndef SR_QUEUE_REDIS_H
#define SR_QUEUE_REDIS_H

#include "sitrep.h"
#include "resp.h"

typedef struct sr_redis sr_redis;

/* Split redis://HOST[:PORT]/STREAM (PORT defaults to 6379).  host and
 * stream are malloc'd.  SR_ERR_ARG when the URL is not of that form. */
sr_status sr_redis_url(const char *url, char **host, int *port, char **stream,
                       sr_error *err);

sr_status sr_redis_open(const char *host, int port, double retry_s, sr_redis **out,
                        sr_error *err);
void sr_redis_close(sr_redis *r);

/* Send one command and read its reply (*reply: release with sr_resp_free).
 * An error reply (-ERR) is returned as a reply, not as a failure -- except
 * LOADING (a server reading its data back after a restart), which is
 * waited out for up to retry_s seconds, as a lost connection is. */
sr_status sr_redis_cmd(sr_redis *r, int argc, const char *const *argv, const size_t *lens,
                       sr_resp *reply, sr_error *err);

/* How many times the connection was reopened. */
unsigned sr_redis_reconnects(const sr_redis *r);

#endif
