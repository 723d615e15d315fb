/*
 * cmd_ingest.c -- `sitrep ingest`: read, extract, store and merge.
 *
 * Documents are read in batches.  A document whose content is already
 * stored is skipped before extraction (so a re-run after a crash resumes
 * at once).  The others are extracted -- and their reports read from the
 * sitrep/1 JSON (sr_store_prepare) -- by worker threads sharing one engine
 * while the main thread stores the previous batch: extraction of batch k+1
 * overlaps the transaction of batch k.  A batch is one
 * transaction (store.h): a crash loses at most the batch in flight.
 *
 * On a terminal, a progress line on stderr shows documents, documents/s,
 * incidents and an estimate of the time left (from the bytes of the
 * inputs); nothing is printed there otherwise.  The summary goes to stderr
 * too, so stdout stays empty.
 */
#include <ftw.h>
#include <getopt.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "store_cli.h"
#include "../read/fetch.h"
#include "../store/store.h"

#define MAX_JOBS 64
#define DEFAULT_BATCH 256

typedef struct item {
    sr_doc *doc;
    sr_doc_hash hash;
    char *json;
    size_t len;
    sr_prepared *prep;    /* its reports, read from json by the worker */
    sr_error err;
    sr_status st;
} item;

typedef struct batch {
    const sr_engine *engine;
    const sr_extract_options *opts;
    item *items;
    size_t n;
    atomic_size_t next;
    pthread_t th[MAX_JOBS];
    int started;
} batch;

typedef struct progress {
    int on;
    double t0, last;
    uint64_t total_bytes, bytes;
    size_t docs, added, replaced, unchanged, failed, reports, merged;
    int64_t incidents;
    double read_cpu, store_cpu;   /* the main thread's CPU seconds reading, storing */
} progress;

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* CPU seconds used by the calling thread */
static double thread_cpu_s(void) {
    struct timespec ts;
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0) return 0;
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void *worker(void *arg) {
    batch *b = arg;
    for (;;) {
        size_t i = atomic_fetch_add(&b->next, 1);
        if (i >= b->n) break;
        item *it = &b->items[i];
        it->st = sr_extract(b->engine, it->doc, b->opts, &it->err);
        if (it->st == SR_OK) {
            it->st = sr_doc_to_json(it->doc, 0, &it->json, &it->len);
            if (it->st != SR_OK)
                snprintf(it->err.message, sizeof it->err.message, "%s: %s",
                         sr_doc_field(it->doc, SR_FIELD_ID), sr_strerror(it->st));
        }
        if (it->st == SR_OK) it->st = sr_store_prepare(it->doc, it->json, it->len, &it->prep,
                                                       &it->err);
    }
    return NULL;
}

static void extract_start(batch *b, int jobs) {
    atomic_store(&b->next, 0);
    b->started = 0;
    for (int t = 0; t < jobs && (size_t)t < b->n; t++)
        if (pthread_create(&b->th[t], NULL, worker, b) == 0) b->started++;
    if (!b->started) worker(b);
}

static void extract_wait(batch *b) {
    for (int t = 0; t < b->started; t++) pthread_join(b->th[t], NULL);
    b->started = 0;
}

static void show_progress(progress *p, int final) {
    if (!p->on) return;
    double t = now_s();
    if (!final && t - p->last < 0.2) return;
    p->last = t;
    double el = t - p->t0, rate = el > 0 ? p->docs / el : 0;
    char eta[32] = "--:--";
    if (p->total_bytes && p->bytes && el > 0.5) {
        double left = (double)(p->total_bytes > p->bytes ? p->total_bytes - p->bytes : 0) *
                      el / (double)p->bytes;
        snprintf(eta, sizeof eta, "%d:%02d", (int)(left / 60), (int)left % 60);
    }
    int pct = p->total_bytes ? (int)(100.0 * p->bytes / p->total_bytes) : 0;
    if (pct > 100) pct = 100;
    char bar[21];
    for (int i = 0; i < 20; i++) bar[i] = i < pct / 5 ? '#' : '.';
    bar[20] = '\0';
    fprintf(stderr, "\r[%s] %3d%%  %zu docs  %.0f docs/s  %lld incidents  ETA %s   %s", bar,
            pct, p->docs, rate, (long long)p->incidents, eta, final ? "\n" : "");
    fflush(stderr);
}

static uint64_t input_bytes_sum;
static int add_size(const char *path, const struct stat *sb, int type, struct FTW *f) {
    (void)path; (void)f;
    if (type == FTW_F) input_bytes_sum += (uint64_t)sb->st_size;
    return 0;
}

static uint64_t input_bytes(int argc, char **argv) {
    input_bytes_sum = 0;
    for (int i = 0; i < argc; i++)
        if (strcmp(argv[i], "-") != 0) nftw(argv[i], add_size, 16, FTW_PHYS);
    return input_bytes_sum;
}

static void usage(FILE *f) {
    fprintf(f,
            "usage: sitrep ingest [OPTIONS] INPUT...\n"
            "\n"
            "Extract incidents from articles and store them in an incident database,\n"
            "merging the reports of one incident from many articles.\n"
            "\n"
            "INPUT is what `sitrep extract` reads: text, JSONL, HTML or RSS/Atom\n"
            "files, directories, or - for standard input; or the http(s) URL of a\n"
            "feed.\n"
            "\n"
            "options:\n"
            "  --db LOCATION       the store: a file (default sitrep.db), sqlite:PATH\n"
            "                      or postgresql://...\n"
            "  --date YYYY-MM-DD   publication date for documents that give none\n"
            "  --format FMT        text, jsonl or html (default: by extension/content)\n"
            "  -j N                extract with N threads (default 1)\n"
            "  --batch N           documents per transaction (default %d)\n"
            "  --follow LIST       poll the feeds listed in LIST (URLs or files, one a\n"
            "                      line) and store new items, until interrupted\n"
            "  --every SECONDS     time between polls with --follow (default 300)\n"
            "  --rounds N          with --follow, stop after N polls of every feed\n"
            "  --quiet             no progress line or summary\n"
            "  --data DIR          data directory (default: built-in, or $SITREP_DATA)\n"
            "  --help              this text\n"
            "\n"
            "The same document twice changes nothing; a document whose id is stored\n"
            "with another content replaces its reports.  Each batch is one\n"
            "transaction: an interrupted run loses at most one batch, and running it\n"
            "again resumes.\n",
            DEFAULT_BATCH);
}

/* Store a batch in one transaction. */
static int store_batch(sr_store *store, batch *b, progress *p, int *fatal) {
    sr_error err = {0};
    if (sr_store_begin(store, &err) != SR_OK) {
        sr_cli_error("%s", err.message);
        *fatal = 1;
        return -1;
    }
    for (size_t i = 0; i < b->n && !*fatal; i++) {
        item *it = &b->items[i];
        const char *id = sr_doc_field(it->doc, SR_FIELD_ID);
        if (it->st != SR_OK) {
            sr_cli_error("warning: %s", it->err.message);
            p->failed++;
            continue;
        }
        sr_put_result res;
        sr_status st = sr_store_put_prepared(store, it->doc, &it->hash, it->json, it->len,
                                             it->prep, &res, &err);
        if (st == SR_ERR_PARSE || st == SR_ERR_ARG) {
            sr_cli_error("warning: %s: %s", id, err.message);
            p->failed++;
            continue;
        }
        if (st != SR_OK) {
            sr_cli_error("%s: %s", id, err.message);
            *fatal = 1;
            break;
        }
        if (res.outcome == SR_PUT_UNCHANGED) p->unchanged++;
        else if (res.outcome == SR_PUT_REPLACED) p->replaced++;
        else p->added++;
        p->reports += res.reports;
        p->merged += res.merged;
        p->incidents += (int64_t)res.new_incidents;
    }
    if (*fatal) {
        sr_store_rollback(store);
        return -1;
    }
    if (sr_store_commit(store, &err) != SR_OK) {
        sr_cli_error("%s", err.message);
        *fatal = 1;
        return -1;
    }
    return 0;
}

static void batch_free(batch *b) {
    for (size_t i = 0; i < b->n; i++) {
        free(b->items[i].json);
        sr_prepared_free(b->items[i].prep);
        sr_doc_free(b->items[i].doc);
    }
    b->n = 0;
}

/* Where reading is: the inputs, the one open, and what ingest needs to
 * decide which documents to extract. */
typedef struct inputs {
    sr_store *store;
    const sr_extract_options *opts;
    sr_format format;
    char **argv;
    int argc, next;        /* the next input to open */
    sr_reader *r;          /* the input being read, or NULL */
    int stdin_input;       /* r reads standard input */
} inputs;

/* Fill b with up to cap documents to extract, skipping stored ones and
 * going through the inputs in order (a feed URL is ingested on the spot).
 * b->n is 0 at the end.  Returns non-zero on a fatal error. */
static int fill(inputs *in, batch *b, size_t cap, progress *p) {
    sr_error err = {0};
    b->n = 0;
    while (b->n < cap) {
        if (!in->r) {
            if (in->next >= in->argc) return 0;
            const char *arg = in->argv[in->next++];
            if (sr_fetch_is_url(arg)) {
                int failed = 0;
                if (sr_ingest_feed_url(in->store, b->engine, in->opts, arg, &failed)) return 1;
                p->failed += (size_t)failed;
                continue;
            }
            if (sr_reader_open(arg, in->format, &in->r, &err) != SR_OK) {
                sr_cli_error("warning: %s", err.message);
                p->failed++;
                continue;
            }
            in->stdin_input = strcmp(arg, "-") == 0;
        }
        sr_doc *d;
        sr_status st = sr_reader_next(in->r, &d, &err);
        if (st == SR_DONE) {
            sr_reader_close(in->r);
            in->r = NULL;
            continue;
        }
        if (st != SR_OK) {
            sr_cli_error("warning: %s", err.message);
            p->failed++;
            if (st == SR_ERR_NOMEM) return 1;
            continue;
        }
        size_t len;
        sr_doc_text(d, &len);
        p->bytes += len;
        p->docs++;
        item *it = &b->items[b->n];
        memset(it, 0, sizeof *it);
        it->doc = d;
        sr_store_hash_doc(d, in->opts->default_date, &it->hash);
        /* a text on standard input is always "stdin": name it by its
         * content, or each new one would replace the last */
        if (in->stdin_input && sr_doc_field(d, SR_FIELD_ID) &&
            strcmp(sr_doc_field(d, SR_FIELD_ID), "stdin") == 0) {
            char key[32];
            snprintf(key, sizeof key, "stdin-%.16s", it->hash.hex);
            sr_doc_set_field(d, SR_FIELD_ID, key);
        }
        sr_doc_state state;
        if (sr_store_doc_state(in->store, sr_doc_field(d, SR_FIELD_ID), &it->hash, &state,
                               &err) != SR_OK) {
            sr_cli_error("%s", err.message);
            sr_doc_free(d);
            return 1;
        }
        if (state == SR_DOC_UNCHANGED) {
            p->unchanged++;
            sr_doc_free(d);
            continue;
        }
        b->n++;
    }
    return 0;
}

int sr_cmd_ingest(int argc, char **argv) {
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'b'},     {"date", required_argument, NULL, 'd'},
        {"format", required_argument, NULL, 'f'}, {"batch", required_argument, NULL, 'B'},
        {"quiet", no_argument, NULL, 'q'},        {"data", required_argument, NULL, 'D'},
        {"follow", required_argument, NULL, 'F'}, {"every", required_argument, NULL, 'E'},
        {"rounds", required_argument, NULL, 'R'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0}};
    sr_extract_options opts = {NULL};
    const char *db = "sitrep.db", *data_dir = NULL;
    sr_format format = SR_FORMAT_AUTO;
    int jobs = 1, quiet = 0;
    long bsize = DEFAULT_BATCH, every = 300, rounds = 0;
    const char *follow = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "j:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'b': db = optarg; break;
        case 'd': opts.default_date = optarg; break;
        case 'f':
            if (strcmp(optarg, "text") == 0) format = SR_FORMAT_TEXT;
            else if (strcmp(optarg, "jsonl") == 0) format = SR_FORMAT_JSONL;
            else if (strcmp(optarg, "html") == 0) format = SR_FORMAT_HTML;
            else { sr_cli_error("unknown format \"%s\"", optarg); return EXIT_USAGE; }
            break;
        case 'B':
            bsize = atol(optarg);
            if (bsize < 1 || bsize > 100000) {
                sr_cli_error("--batch takes 1 to 100000");
                return EXIT_USAGE;
            }
            break;
        case 'q': quiet = 1; break;
        case 'F': follow = optarg; break;
        case 'E':
            every = atol(optarg);
            if (every < 1) { sr_cli_error("--every takes a number of seconds >= 1"); return EXIT_USAGE; }
            break;
        case 'R':
            rounds = atol(optarg);
            if (rounds < 1) { sr_cli_error("--rounds takes a number >= 1"); return EXIT_USAGE; }
            break;
        case 'D': data_dir = optarg; break;
        case 'j':
            jobs = atoi(optarg);
            if (jobs < 1 || jobs > MAX_JOBS) {
                sr_cli_error("-j takes 1 to %d", MAX_JOBS);
                return EXIT_USAGE;
            }
            break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (optind >= argc && !follow) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (opts.default_date) {
        sr_doc *probe;
        if (sr_doc_new("probe", &probe) != SR_OK) return EXIT_FATAL;
        sr_doc_set_field(probe, SR_FIELD_PUBLISHED, opts.default_date);
        int ok = sr_doc_field(probe, SR_FIELD_PUBLISHED) != NULL;
        sr_doc_free(probe);
        if (!ok) {
            sr_cli_error("--date wants YYYY-MM-DD, not \"%s\"", opts.default_date);
            return EXIT_USAGE;
        }
    }
    sr_error err = {0};
    sr_store *store;
    if (sr_store_open(db, 0, &store, &err) != SR_OK) {
        sr_cli_error("%s", err.message);
        return err.code == SR_ERR_ARG ? EXIT_USAGE : EXIT_FATAL;
    }
    sr_engine *engine;
    if (sr_engine_open(data_dir, &engine, &err) != SR_OK) {
        sr_cli_error("%s", err.message);
        sr_store_close(store);
        return EXIT_FATAL;
    }
    progress p = {0};
    p.on = !quiet && isatty(STDERR_FILENO);
    p.t0 = p.last = now_s();
    p.total_bytes = p.on ? input_bytes(argc - optind, argv + optind) : 0;
    sr_store_counts counts0 = {0};
    sr_store_counts_get(store, &counts0, NULL);
    p.incidents = counts0.incidents;

    batch bs[2];
    memset(bs, 0, sizeof bs);
    for (int k = 0; k < 2; k++) {
        bs[k].engine = engine;
        bs[k].opts = &opts;
        bs[k].items = calloc((size_t)bsize, sizeof(item));
    }
    int fatal = !bs[0].items || !bs[1].items;
    /* Two batches in turn: while the workers extract one, the main thread
     * reads the next, then stores the first while they extract the next. */
    batch *cur = &bs[0], *next = &bs[1];
    inputs in = {store, &opts, format, argv + optind, argc - optind, 0, NULL, 0};
    if (!fatal) fatal = fill(&in, cur, (size_t)bsize, &p);
    if (!fatal && cur->n) extract_start(cur, jobs);
    while (!fatal && cur->n) {
        double c0 = thread_cpu_s();
        fatal = fill(&in, next, (size_t)bsize, &p);
        double c1 = thread_cpu_s();
        p.read_cpu += c1 - c0;
        extract_wait(cur);
        if (!fatal && next->n) extract_start(next, jobs);
        c0 = thread_cpu_s();
        if (!fatal) store_batch(store, cur, &p, &fatal);
        p.store_cpu += thread_cpu_s() - c0;
        if (fatal) extract_wait(next);
        batch_free(cur);
        show_progress(&p, 0);
        batch *t = cur; cur = next; next = t;
    }
    extract_wait(cur);
    if (in.r) sr_reader_close(in.r);
    if (follow && !fatal) {
        int rc = sr_ingest_follow(store, engine, &opts, follow, every, rounds, quiet);
        if (rc == EXIT_USAGE || rc == EXIT_FATAL) {
            batch_free(cur);
            batch_free(next);
            free(bs[0].items);
            free(bs[1].items);
            sr_engine_close(engine);
            sr_store_close(store);
            return rc;
        }
    }
    batch_free(cur);
    batch_free(next);
    free(bs[0].items);
    free(bs[1].items);
    sr_store_counts counts = {0};
    if (!fatal) sr_store_counts_get(store, &counts, NULL);
    p.incidents = counts.incidents;
    show_progress(&p, 1);
    double el = now_s() - p.t0;
    if (!quiet)
        fprintf(stderr,
                "ingest: %zu documents read in %.1f s (%.0f/s): %zu added, %zu replaced, "
                "%zu unchanged, %zu failed; %zu reports (%zu merged into known incidents); "
                "store: %lld documents, %lld incidents; main thread CPU: %.1f s reading, "
                "%.1f s storing\n",
                p.docs, el, el > 0 ? p.docs / el : 0.0, p.added, p.replaced, p.unchanged,
                p.failed, p.reports, p.merged, (long long)counts.documents,
                (long long)counts.incidents, p.read_cpu, p.store_cpu);
    sr_engine_close(engine);
    sr_store_close(store);
    if (fatal) return EXIT_FATAL;
    return p.failed ? EXIT_DOCS_FAILED : 0;
}
