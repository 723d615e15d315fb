/*
 * cmd_worker.c -- `sitrep worker`: take articles from a Redis Stream
 * (published by `sitrep enqueue`), extract them and store them, as one of
 * any number of workers on any number of machines (docs/deploy.md).
 *
 * Each worker is a consumer of one consumer group.  An entry is
 * acknowledged (XACK) only after its document is committed, so an entry
 * whose worker dies stays pending; every few seconds each worker takes
 * over (XAUTOCLAIM) the entries pending longer than --claim-idle.  A
 * document stored already (same content) is skipped, so an entry handled
 * twice changes nothing: delivery is at least once, the effect exactly
 * once.  The entries read together (--count) are stored in one
 * transaction, which the store backend makes safe against concurrent
 * workers (store_pg.c: locks on the candidate region, rows locked for
 * update), then acknowledged together; a transaction that fails for a
 * transient reason (a deadlock between two workers, a database that is
 * restarting) is retried with backoff for up to --retry seconds, and the
 * broker connection likewise (redis.c).
 *
 * SIGTERM or SIGINT: the entries in hand are finished and acknowledged,
 * then the worker exits 0.  Progress goes to stderr every --log-every
 * seconds and into the hash STREAM:worker:CONSUMER on the broker, which
 * `sitrep worker --stats` lists with the group's state.
 */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "../queue/queue.h"
#include "../store/store.h"

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig) {
    (void)sig;
    stop_requested = 1;
}

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void sleep_s(double s) {
    struct timespec ts = {(time_t)s, (long)((s - (time_t)s) * 1e9)};
    nanosleep(&ts, NULL);
}

typedef struct counts {
    long long docs, added, replaced, unchanged, failed, retries, claimed, reports, merged;
} counts;

typedef struct worker {
    sr_queue q;
    sr_store *store;
    const char *db;
    sr_engine *engine;
    double retry_s;
    int quiet;
    counts n;
    double t0;
} worker;

static void usage(FILE *f) {
    fprintf(f,
            "usage: sitrep worker --queue redis://HOST:PORT/STREAM --db LOCATION [OPTIONS]\n"
            "       sitrep worker --stats --queue redis://HOST:PORT/STREAM [--db LOCATION]\n"
            "\n"
            "Consume articles published by `sitrep enqueue`: extract, store, merge.\n"
            "Run as many workers as you like, on any machines, with the same queue,\n"
            "group and database (postgresql://... for workers on several machines).\n"
            "\n"
            "options:\n"
            "  --queue URL          redis://HOST[:PORT]/STREAM (required)\n"
            "  --db LOCATION        the store (postgresql://... or a SQLite file)\n"
            "  --group NAME         consumer group (default sitrep)\n"
            "  --consumer NAME      this worker's name (default HOST-PID)\n"
            "  --count N            entries read at a time (default 16)\n"
            "  --claim-idle MS      take over entries pending this long (default 60000)\n"
            "  --until-empty        exit once no entry is left, new or pending\n"
            "  --retry SECONDS      retry a database or broker that is away this long (60)\n"
            "  --log-every SECONDS  progress line interval (default 10; 0: none)\n"
            "  --stats              print the queue's and the workers' counts and exit\n"
            "  --data DIR           data directory (default: built-in, or $SITREP_DATA)\n"
            "  --quiet              no progress lines\n"
            "  --help               this text\n"
            "\n"
            "SIGTERM or SIGINT: finish the entries in hand, then exit 0.\n");
}

/* Counts into the broker (a hash per worker, kept a day) and to stderr. */
static void report(worker *w, int final) {
    double el = now_s() - w->t0;
    char key[512], v[9][24], rate[32];
    snprintf(key, sizeof key, "%s:worker:%s", w->q.stream, w->q.consumer);
    long long vals[9] = {w->n.docs, w->n.added, w->n.replaced, w->n.unchanged, w->n.failed,
                         w->n.retries, w->n.claimed, w->n.reports, w->n.merged};
    static const char *const names[9] = {"docs", "added", "replaced", "unchanged", "failed",
                                         "retries", "claimed", "reports", "merged"};
    const char *argv[2 + 2 * 11];
    int n = 0;
    argv[n++] = "HSET";
    argv[n++] = key;
    for (int i = 0; i < 9; i++) {
        snprintf(v[i], sizeof v[i], "%lld", vals[i]);
        argv[n++] = names[i];
        argv[n++] = v[i];
    }
    snprintf(rate, sizeof rate, "%.1f", el > 0 ? w->n.docs / el : 0.0);
    argv[n++] = "docs_per_s";
    argv[n++] = rate;
    char ts[32];
    snprintf(ts, sizeof ts, "%lld", (long long)time(NULL));
    argv[n++] = final ? "stopped_at" : "updated_at";
    argv[n++] = ts;
    sr_resp r;
    sr_error err;
    if (sr_redis_cmd(w->q.redis, n, argv, NULL, &r, &err) == SR_OK) sr_resp_free(&r);
    const char *exp[] = {"EXPIRE", key, "86400"};
    if (sr_redis_cmd(w->q.redis, 3, exp, NULL, &r, &err) == SR_OK) sr_resp_free(&r);
    if (!w->quiet)
        fprintf(stderr, "worker %s: %lld docs (%lld added, %lld replaced, %lld unchanged, "
                "%lld failed; %lld claimed, %lld retries, %u reconnects), %s docs/s%s\n",
                w->q.consumer, w->n.docs, w->n.added, w->n.replaced, w->n.unchanged,
                w->n.failed, w->n.claimed, w->n.retries, sr_redis_reconnects(w->q.redis), rate,
                final ? ", stopped" : "");
}

/* An entry in hand: its document extracted (json set) unless stored
 * already or bad. */
typedef struct job {
    sr_entry *e;
    sr_doc_hash hash;
    char *json;
    size_t len;
} job;

/* Store the extracted documents of jobs[0, n) in one transaction,
 * retrying transient failures (a merge lock taken by another worker, a
 * database away) with backoff, `tries` times at most (0: until --retry
 * seconds have passed).  0 stored, 1 gave up after `tries`, -1 failed. */
static int store_range(worker *w, job *jobs, size_t n, int tries) {
    double delay = 0.05, waited = 0;
    counts save = w->n;
    for (;;) {
        sr_error err = {0};
        const char *id = "";
        sr_status st = sr_store_begin(w->store, &err);
        for (size_t i = 0; i < n && st == SR_OK; i++) {
            if (!jobs[i].json) continue;
            sr_doc *doc = jobs[i].e->doc;
            sr_put_result res;
            id = sr_doc_field(doc, SR_FIELD_ID);
            st = sr_store_put(w->store, doc, &jobs[i].hash, jobs[i].json, jobs[i].len, &res,
                              &err);
            if (st == SR_ERR_PARSE || st == SR_ERR_ARG) {
                /* a bad document (checked before any SQL): skip it */
                sr_cli_error("warning: %s: %s", id, err.message);
                w->n.failed++;
                st = SR_OK;
                continue;
            }
            if (st != SR_OK) break;
            if (res.outcome == SR_PUT_UNCHANGED) w->n.unchanged++;
            else if (res.outcome == SR_PUT_REPLACED) w->n.replaced++;
            else w->n.added++;
            w->n.reports += (long long)res.reports;
            w->n.merged += (long long)res.merged;
        }
        if (st == SR_OK) st = sr_store_commit(w->store, &err);
        if (st == SR_OK) return 0;
        sr_store_rollback(w->store);
        long long retries = w->n.retries;
        w->n = save;   /* the batch is done again from the start */
        w->n.retries = retries;
        w->n.retries++;
        if (tries && --tries == 0) return 1;
        if (waited >= w->retry_s) {
            sr_cli_error("%s: %s (gave up after %.0f s)", id, err.message, waited);
            return -1;
        }
        if (!w->quiet && delay >= 0.4) sr_cli_error("warning: %s: %s; retrying", id, err.message);
        /* jitter keeps two deadlocked workers from meeting again */
        double d = delay * (0.5 + (double)(rand() % 1000) / 1000.0);
        sleep_s(d);
        waited += d;
        delay = delay * 2 > 5 ? 5 : delay * 2;
    }
}

/* Store a batch: in one transaction when nothing gets in the way (fast),
 * else one transaction per document (a conflict then costs one document's
 * work, and a busy region does not keep a whole batch retrying). */
static int store_jobs(worker *w, job *jobs, size_t n) {
    if (n > 1) {
        int rc = store_range(w, jobs, n, 1);
        if (rc <= 0) return rc;
    }
    for (size_t i = 0; i < n; i++) {
        if (!jobs[i].json) continue;
        int rc = store_range(w, jobs + i, 1, 0);
        if (rc) return -1;
    }
    return 0;
}

/* Handle a batch of entries: extract each, store them in one transaction,
 * acknowledge them all.  -1 on a fatal error (the entries stay pending for
 * another worker). */
static int handle_all(worker *w, sr_entries *es) {
    if (!es->n) return 0;
    job *jobs = calloc(es->n, sizeof *jobs);
    if (!jobs) return -1;
    int rc = 0;
    for (size_t i = 0; i < es->n && !rc; i++) {
        sr_entry *e = &es->v[i];
        sr_error err = {0};
        jobs[i].e = e;
        w->n.docs++;
        if (!e->doc) {
            sr_cli_error("warning: %s", e->problem);
            w->n.failed++;
            continue;
        }
        sr_extract_options opts = {e->date[0] ? e->date : NULL};
        sr_store_hash_doc(e->doc, opts.default_date, &jobs[i].hash);
        sr_doc_state state = SR_DOC_NEW;
        /* an optimisation (no extraction of a stored document); a store
         * that is away is retried by store_jobs */
        if (sr_store_doc_state(w->store, sr_doc_field(e->doc, SR_FIELD_ID), &jobs[i].hash,
                               &state, &err) != SR_OK)
            state = SR_DOC_NEW;
        if (state == SR_DOC_UNCHANGED) {
            w->n.unchanged++;
        } else if (sr_extract(w->engine, e->doc, &opts, &err) != SR_OK) {
            sr_cli_error("warning: %s", err.message);
            w->n.failed++;
        } else if (sr_doc_to_json(e->doc, 0, &jobs[i].json, &jobs[i].len) != SR_OK) {
            sr_cli_error("%s: out of memory", sr_doc_field(e->doc, SR_FIELD_ID));
            rc = -1;
        }
    }
    if (!rc) rc = store_jobs(w, jobs, es->n);
    for (size_t i = 0; i < es->n; i++) free(jobs[i].json);
    free(jobs);
    if (rc) return rc;
    sr_error err = {0};
    if (sr_queue_ack_all(&w->q, es, &err) != SR_OK) {
        sr_cli_error("%s", err.message);
        return -1;
    }
    return 0;
}

static void print_pairs(const sr_resp *r, const char *indent) {
    for (size_t i = 0; i + 1 < r->n; i += 2) {
        const sr_resp *k = &r->elem[i], *v = &r->elem[i + 1];
        if (!k->str) continue;
        if (v->type == SR_RESP_INT) printf("%s%s: %lld\n", indent, k->str, (long long)v->integer);
        else if (v->str) printf("%s%s: %s\n", indent, k->str, v->str);
    }
}

static int stats(const char *url, const char *group, const char *db) {
    sr_error err = {0};
    sr_queue q;
    if (sr_queue_open(&q, url, group, NULL, 5, &err) != SR_OK) {
        sr_cli_error("%s", err.message);
        return err.code == SR_ERR_ARG ? EXIT_USAGE : EXIT_FATAL;
    }
    sr_resp r;
    const char *xlen[] = {"XLEN", q.stream};
    if (sr_redis_cmd(q.redis, 2, xlen, NULL, &r, &err) == SR_OK) {
        if (r.type == SR_RESP_INT) printf("stream %s: %lld entries\n", q.stream, (long long)r.integer);
        sr_resp_free(&r);
    }
    const char *groups[] = {"XINFO", "GROUPS", q.stream};
    if (sr_redis_cmd(q.redis, 3, groups, NULL, &r, &err) == SR_OK) {
        for (size_t i = 0; r.type == SR_RESP_ARRAY && i < r.n; i++) {
            printf("group:\n");
            print_pairs(&r.elem[i], "  ");
        }
        sr_resp_free(&r);
    }
    const char *cons[] = {"XINFO", "CONSUMERS", q.stream, group};
    if (sr_redis_cmd(q.redis, 4, cons, NULL, &r, &err) == SR_OK) {
        for (size_t i = 0; r.type == SR_RESP_ARRAY && i < r.n; i++) {
            printf("consumer:\n");
            print_pairs(&r.elem[i], "  ");
        }
        sr_resp_free(&r);
    }
    /* the workers' own counts */
    char match[512];
    snprintf(match, sizeof match, "%s:worker:*", q.stream);
    char cursor[32] = "0";
    do {
        const char *scan[] = {"SCAN", cursor, "MATCH", match, "COUNT", "1000"};
        if (sr_redis_cmd(q.redis, 6, scan, NULL, &r, &err) != SR_OK) break;
        const sr_resp *next = sr_resp_at(&r, 0), *keys = sr_resp_at(&r, 1);
        snprintf(cursor, sizeof cursor, "%s", next && next->str ? next->str : "0");
        for (size_t i = 0; keys && i < keys->n; i++) {
            const char *get[] = {"HGETALL", keys->elem[i].str};
            sr_resp h;
            if (!keys->elem[i].str || sr_redis_cmd(q.redis, 2, get, NULL, &h, &err) != SR_OK)
                continue;
            printf("worker %s:\n", keys->elem[i].str + strlen(q.stream) + 8);
            if (h.type == SR_RESP_ARRAY) print_pairs(&h, "  ");
            sr_resp_free(&h);
        }
        sr_resp_free(&r);
    } while (strcmp(cursor, "0") != 0);
    sr_queue_close(&q);
    if (db) {
        sr_store *store;
        sr_store_counts c;
        if (sr_store_open(db, 1, &store, &err) != SR_OK ||
            sr_store_counts_get(store, &c, &err) != SR_OK) {
            sr_cli_error("%s", err.message);
            return EXIT_FATAL;
        }
        printf("store: %lld documents, %lld reports, %lld incidents\n", (long long)c.documents,
               (long long)c.reports, (long long)c.incidents);
        sr_store_close(store);
    }
    return 0;
}

/* Open the store, retrying a database that is not up yet. */
static sr_status open_store(worker *w, sr_error *err) {
    double delay = 0.2, waited = 0;
    for (;;) {
        sr_status st = sr_store_open(w->db, 0, &w->store, err);
        if (st != SR_ERR_IO) return st;
        if (waited >= w->retry_s || stop_requested) return st;
        sr_cli_error("warning: %s; retrying", err->message);
        sleep_s(delay);
        waited += delay;
        delay = delay * 2 > 5 ? 5 : delay * 2;
    }
}

int sr_cmd_worker(int argc, char **argv) {
    static const struct option longopts[] = {
        {"queue", required_argument, NULL, 'Q'},     {"db", required_argument, NULL, 'b'},
        {"group", required_argument, NULL, 'g'},     {"consumer", required_argument, NULL, 'c'},
        {"count", required_argument, NULL, 'n'},     {"claim-idle", required_argument, NULL, 'I'},
        {"until-empty", no_argument, NULL, 'U'},     {"retry", required_argument, NULL, 'r'},
        {"log-every", required_argument, NULL, 'L'}, {"stats", no_argument, NULL, 'S'},
        {"data", required_argument, NULL, 'D'},      {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},            {NULL, 0, NULL, 0}};
    const char *url = NULL, *db = NULL, *group = "sitrep", *consumer = NULL, *data = NULL;
    int count = 16, until_empty = 0, want_stats = 0, quiet = 0, c;
    long claim_idle = 60000;
    double retry = 60, log_every = 10;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case 'Q': url = optarg; break;
        case 'b': db = optarg; break;
        case 'g': group = optarg; break;
        case 'c': consumer = optarg; break;
        case 'n':
            count = atoi(optarg);
            if (count < 1 || count > 1000) { sr_cli_error("--count takes 1 to 1000"); return EXIT_USAGE; }
            break;
        case 'I':
            claim_idle = atol(optarg);
            if (claim_idle < 1) { sr_cli_error("--claim-idle takes milliseconds >= 1"); return EXIT_USAGE; }
            break;
        case 'U': until_empty = 1; break;
        case 'r': retry = atof(optarg); break;
        case 'L': log_every = atof(optarg); break;
        case 'S': want_stats = 1; break;
        case 'D': data = optarg; break;
        case 'q': quiet = 1; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (!url || (!db && !want_stats) || optind < argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (want_stats) return stats(url, group, db);
    char name[300];
    if (!consumer) {
        char host[256] = "host";
        gethostname(host, sizeof host);
        host[sizeof host - 1] = '\0';
        snprintf(name, sizeof name, "%s-%ld", host, (long)getpid());
        consumer = name;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    srand((unsigned)getpid() ^ (unsigned)time(NULL));

    worker w;
    memset(&w, 0, sizeof w);
    w.db = db;
    w.retry_s = retry;
    w.quiet = quiet;
    sr_error err = {0};
    if (sr_queue_open(&w.q, url, group, consumer, retry, &err) != SR_OK) {
        sr_cli_error("%s", err.message);
        return err.code == SR_ERR_ARG ? EXIT_USAGE : EXIT_FATAL;
    }
    int rc = 0;
    if (sr_queue_group(&w.q, &err) != SR_OK || open_store(&w, &err) != SR_OK) {
        sr_cli_error("%s", err.message);
        sr_queue_close(&w.q);
        return err.code == SR_ERR_ARG ? EXIT_USAGE : EXIT_FATAL;
    }
    if (sr_engine_open(data, &w.engine, &err) != SR_OK) {
        sr_cli_error("%s", err.message);
        sr_store_close(w.store);
        sr_queue_close(&w.q);
        return EXIT_FATAL;
    }
    w.t0 = now_s();
    double last_log = w.t0, last_claim = 0;
    double claim_every = claim_idle / 2000.0 < 5 ? claim_idle / 2000.0 : 5;
    while (!stop_requested) {
        sr_entries es = {0};
        double t = now_s();
        if (t - last_claim >= claim_every) {
            last_claim = t;
            if (sr_queue_claim(&w.q, claim_idle, count, &es, &err) != SR_OK) {
                sr_cli_error("%s", err.message);
                rc = EXIT_FATAL;
                break;
            }
            if (es.n) {
                w.n.claimed += (long long)es.n;
                last_claim = 0;   /* more may wait: scan on */
            }
        }
        if (!es.n && sr_queue_read(&w.q, count, 1000, &es, &err) != SR_OK) {
            /* a broker that restarted without its data has no group: make
             * it again (entries published since are read from the start) */
            if (strstr(err.message, "NOGROUP") && sr_queue_group(&w.q, &err) == SR_OK) {
                sr_cli_error("warning: consumer group %s was gone; created again", group);
                continue;
            }
            sr_cli_error("%s", err.message);
            rc = EXIT_FATAL;
            break;
        }
        if (handle_all(&w, &es)) {
            sr_entries_clear(&es);
            rc = EXIT_FATAL;
            break;
        }
        int idle = es.n == 0;
        sr_entries_clear(&es);
        if (log_every > 0 && now_s() - last_log >= log_every) {
            last_log = now_s();
            report(&w, 0);
        }
        if (idle && until_empty) {
            long long pending;
            if (sr_queue_pending(&w.q, &pending, &err) != SR_OK) {
                sr_cli_error("%s", err.message);
                rc = EXIT_FATAL;
                break;
            }
            if (pending == 0) break;
        }
    }
    report(&w, 1);
    sr_engine_close(w.engine);
    sr_store_close(w.store);
    sr_queue_close(&w.q);
    if (rc) return rc;
    return w.n.failed ? EXIT_DOCS_FAILED : 0;
}
