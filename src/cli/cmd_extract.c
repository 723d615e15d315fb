/*
 * cmd_extract.c -- `sitrep extract`: documents in, sitrep/1 JSONL out.
 *
 * With -j N, documents are extracted by N threads sharing one engine.
 * Output order is input order: the main thread reads a batch, the workers
 * take documents from it by an atomic counter, and the main thread writes
 * the batch in order once all are done.  Memory stays bounded by the batch.
 */
#include <getopt.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define MAX_JOBS 64

typedef struct item {
    sr_doc *doc;
    char *json;       /* serialised result, or NULL when failed */
    size_t len;
    sr_error err;
    sr_status st;
} item;

typedef struct batch {
    const sr_engine *engine;
    const sr_extract_options *opts;
    unsigned flags;
    item *items;
    size_t n;
    atomic_size_t next;
} batch;

static void process(batch *b, item *it) {
    if (!it->doc) return;  /* a reader error, kept for its place in the order */
    it->st = sr_extract(b->engine, it->doc, b->opts, &it->err);
    if (it->st == SR_OK) {
        it->st = sr_doc_to_json(it->doc, b->flags, &it->json, &it->len);
        if (it->st != SR_OK)
            snprintf(it->err.message, sizeof it->err.message, "%s: %s",
                     sr_doc_field(it->doc, SR_FIELD_ID), sr_strerror(it->st));
    }
}

static void *worker(void *arg) {
    batch *b = arg;
    for (;;) {
        size_t i = atomic_fetch_add(&b->next, 1);
        if (i >= b->n) break;
        process(b, &b->items[i]);
    }
    return NULL;
}

static void usage(FILE *f) {
    fprintf(f,
            "usage: sitrep extract [OPTIONS] INPUT...\n"
            "\n"
            "Extract incidents from articles; write one sitrep/1 JSON object per\n"
            "document to standard output (JSONL).\n"
            "\n"
            "INPUT is a plain text file (id = file name), a JSONL file (one article\n"
            "per line: id, title, url, published, lang, text), an HTML page, a\n"
            "directory (read recursively) or - for standard input.\n"
            "\n"
            "options:\n"
            "  --date YYYY-MM-DD   publication date for documents that give none\n"
            "  --format FMT        text, jsonl, html or feed (RSS/Atom) (default: by\n"
            "                      extension/content)\n"
            "  --mentions          include every mention (numbers, sentences, ...)\n"
            "  --pretty            indent the JSON\n"
            "  -j N                extract with N threads (default 1)\n"
            "  --data DIR          data directory (default: built-in, or $SITREP_DATA)\n"
            "  --help              this text\n"
            "\n"
            "A document that cannot be read (invalid JSON, binary, empty, ...) is\n"
            "reported on stderr and skipped; the exit code is then 1.\n");
}

static int write_item(item *it, int *failed) {
    if (it->st != SR_OK) {
        sr_cli_error("warning: %s", it->err.message);
        (*failed)++;
        return 0;
    }
    const char *id = sr_doc_field(it->doc, SR_FIELD_ID);
    for (size_t w = 0; w < sr_doc_warning_count(it->doc); w++)
        sr_cli_error("warning: %s: %s", id, sr_doc_warning(it->doc, w));
    if (fwrite(it->json, 1, it->len, stdout) != it->len || fputc('\n', stdout) == EOF)
        return -1;
    return 0;
}

int sr_cmd_extract(int argc, char **argv) {
    static const struct option longopts[] = {
        {"date", required_argument, NULL, 'd'},
        {"format", required_argument, NULL, 'f'},
        {"mentions", no_argument, NULL, 'm'},
        {"pretty", no_argument, NULL, 'p'},
        {"data", required_argument, NULL, 'D'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    sr_extract_options opts = {NULL};
    unsigned flags = 0;
    int jobs = 1;
    const char *data_dir = NULL;
    sr_format format = SR_FORMAT_AUTO;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "j:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': opts.default_date = optarg; break;
        case 'f':
            if (strcmp(optarg, "text") == 0) format = SR_FORMAT_TEXT;
            else if (strcmp(optarg, "jsonl") == 0) format = SR_FORMAT_JSONL;
            else if (strcmp(optarg, "html") == 0) format = SR_FORMAT_HTML;
            else if (strcmp(optarg, "feed") == 0) format = SR_FORMAT_FEED;
            else { sr_cli_error("unknown format \"%s\"", optarg); return EXIT_USAGE; }
            break;
        case 'm': flags |= SR_JSON_MENTIONS; break;
        case 'p': flags |= SR_JSON_PRETTY; break;
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
    if (optind >= argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    int rc = sr_cli_check_date(opts.default_date);
    if (rc) return rc;
    sr_error err = {0};
    sr_engine *engine = sr_cli_engine_open(data_dir);
    if (!engine) return EXIT_FATAL;
    size_t cap = (size_t)jobs * 32;
    item *items = calloc(cap, sizeof *items);
    if (!items) { sr_engine_close(engine); return EXIT_FATAL; }
    int failed = 0, fatal = 0;
    for (int a = optind; a < argc && !fatal; a++) {
        sr_reader *r;
        if (sr_reader_open(argv[a], format, &r, &err) != SR_OK) {
            sr_cli_error("warning: %s", err.message);
            failed++;
            continue;
        }
        int done = 0;
        while (!done && !fatal) {
            batch b = {engine, &opts, flags, items, 0, 0};
            while (b.n < cap) {
                sr_doc *d;
                sr_status st = sr_reader_next(r, &d, &err);
                if (st == SR_DONE) { done = 1; break; }
                if (st == SR_ERR_NOMEM) {
                    sr_cli_error("%s", err.message);
                    fatal = 1;
                    break;
                }
                /* A document the reader could not read takes its place in
                 * the batch, so that warnings come in input order whatever
                 * the batch size (-j). */
                memset(&items[b.n], 0, sizeof *items);
                items[b.n].st = st;
                if (st == SR_OK) items[b.n].doc = d;
                else items[b.n].err = err;
                b.n++;
            }
            if (jobs > 1 && b.n > 1) {
                pthread_t th[MAX_JOBS];
                int started = 0;
                for (int t = 0; t < jobs; t++)
                    if (pthread_create(&th[t], NULL, worker, &b) == 0) started++;
                if (!started) worker(&b);
                for (int t = 0; t < started; t++) pthread_join(th[t], NULL);
            } else {
                worker(&b);
            }
            for (size_t i = 0; i < b.n; i++) {
                if (!fatal && write_item(&items[i], &failed)) {
                    sr_cli_error("cannot write output");
                    fatal = 1;
                }
                free(items[i].json);
                sr_doc_free(items[i].doc);
            }
        }
        sr_reader_close(r);
    }
    free(items);
    sr_engine_close(engine);
    if (fflush(stdout) != 0) {
        sr_cli_error("cannot write output");
        fatal = 1;
    }
    if (fatal) return EXIT_FATAL;
    return failed ? EXIT_DOCS_FAILED : 0;
}
