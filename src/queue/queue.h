/*
 * queue.h -- the ingestion queue: articles as entries of a Redis Stream,
 * read by a consumer group (sitrep enqueue, sitrep worker; docs/deploy.md).
 *
 * An entry holds one document: fields "key" (the document id), "text", and
 * when known "title", "url", "published", "lang", and "date" (the default
 * publication date the enqueuer was given).  Workers read entries with
 * XREADGROUP, acknowledge them with XACK once stored, and take over with
 * XAUTOCLAIM the entries another consumer left pending too long (a worker
 * that died).  Delivery is at least once; the store's idempotent put makes
 * the effect exactly once.
 */
#ifndef SR_QUEUE_H
#define SR_QUEUE_H

#include "sitrep.h"
#include "redis.h"

typedef struct sr_queue {
    sr_redis *redis;
    char *stream, *group, *consumer;
    char claim_cursor[48];   /* where the next XAUTOCLAIM scan starts */
} sr_queue;

/* Connect to redis://HOST:PORT/STREAM; group and consumer may be NULL for
 * a publisher. */
sr_status sr_queue_open(sr_queue *q, const char *url, const char *group,
                        const char *consumer, double retry_s, sr_error *err);
void sr_queue_close(sr_queue *q);

/* Append a document (XADD); `maxlen` > 0 trims the stream to about that
 * many entries. */
sr_status sr_queue_publish(sr_queue *q, const sr_doc *doc, const char *default_date,
                           long maxlen, sr_error *err);

/* Create the consumer group (from the start of the stream) unless it
 * exists. */
sr_status sr_queue_group(sr_queue *q, sr_error *err);

/* An entry handed to a consumer. */
typedef struct sr_entry {
    char id[48];
    sr_doc *doc;             /* NULL when the entry is malformed or deleted */
    char date[16];           /* default date, or "" */
    char problem[160];       /* why doc is NULL */
} sr_entry;

typedef struct sr_entries {
    sr_entry *v;
    size_t n;
} sr_entries;
void sr_entries_clear(sr_entries *e);

/* New entries for this consumer (XREADGROUP ... >), waiting up to
 * block_ms; none is not an error. */
sr_status sr_queue_read(sr_queue *q, int count, int block_ms, sr_entries *out,
                        sr_error *err);
/* Entries pending for longer than idle_ms with any consumer, now ours
 * (XAUTOCLAIM, continuing the scan where the last call stopped). */
sr_status sr_queue_claim(sr_queue *q, long idle_ms, int count, sr_entries *out,
                         sr_error *err);
sr_status sr_queue_ack(sr_queue *q, const char *id, sr_error *err);
/* Acknowledge every entry of a batch (one XACK). */
sr_status sr_queue_ack_all(sr_queue *q, const sr_entries *es, sr_error *err);
/* Entries delivered to some consumer and not acknowledged. */
sr_status sr_queue_pending(sr_queue *q, long long *n, sr_error *err);

/* Turn the entries of an XREADGROUP/XAUTOCLAIM reply (an array of
 * [id, [field, value...]]) into documents (exposed for tests). */
sr_status sr_queue_entries(const sr_resp *list, sr_entries *out, sr_error *err);

#endif
