/*
 * cmd_enqueue.c -- `sitrep enqueue`: publish articles to a Redis Stream
 * for `sitrep worker` processes on any number of machines
 * (docs/deploy.md).  The documents are read as `sitrep extract` reads them
 * and sent whole (text and metadata); nothing is extracted here.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "../queue/queue.h"

static void usage(FILE *f) {
    fprintf(f,
            "usage: sitrep enqueue --queue redis://HOST:PORT/STREAM [OPTIONS] INPUT...\n"
            "\n"
            "Publish articles to a Redis Stream; `sitrep worker` processes extract\n"
            "and store them.  INPUT is what `sitrep extract` reads.\n"
            "\n"
            "options:\n"
            "  --queue URL         redis://HOST[:PORT]/STREAM (required)\n"
            "  --date YYYY-MM-DD   publication date for documents that give none\n"
            "  --format FMT        text, jsonl or html (default: by extension/content)\n"
            "  --maxlen N          trim the stream to about N entries\n"
            "  --retry SECONDS     keep retrying an unreachable broker this long (60)\n"
            "  --quiet             no summary\n"
            "  --help              this text\n");
}

int sr_cmd_enqueue(int argc, char **argv) {
    static const struct option longopts[] = {
        {"queue", required_argument, NULL, 'Q'},  {"date", required_argument, NULL, 'd'},
        {"format", required_argument, NULL, 'f'}, {"maxlen", required_argument, NULL, 'M'},
        {"retry", required_argument, NULL, 'r'},  {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0}};
    const char *url = NULL, *date = NULL;
    sr_format format = SR_FORMAT_AUTO;
    long maxlen = 0;
    double retry = 60;
    int quiet = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case 'Q': url = optarg; break;
        case 'd': date = optarg; break;
        case 'f':
            if (strcmp(optarg, "text") == 0) format = SR_FORMAT_TEXT;
            else if (strcmp(optarg, "jsonl") == 0) format = SR_FORMAT_JSONL;
            else if (strcmp(optarg, "html") == 0) format = SR_FORMAT_HTML;
            else { sr_cli_error("unknown format \"%s\"", optarg); return EXIT_USAGE; }
            break;
        case 'M':
            maxlen = atol(optarg);
            if (maxlen < 1) { sr_cli_error("--maxlen takes a number >= 1"); return EXIT_USAGE; }
            break;
        case 'r': retry = atof(optarg); break;
        case 'q': quiet = 1; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (!url || optind >= argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (date) {
        sr_doc *probe;
        if (sr_doc_new("probe", &probe) != SR_OK) return EXIT_FATAL;
        sr_doc_set_field(probe, SR_FIELD_PUBLISHED, date);
        int ok = sr_doc_field(probe, SR_FIELD_PUBLISHED) != NULL;
        sr_doc_free(probe);
        if (!ok) {
            sr_cli_error("--date wants YYYY-MM-DD, not \"%s\"", date);
            return EXIT_USAGE;
        }
    }
    sr_error err = {0};
    sr_queue q;
    if (sr_queue_open(&q, url, NULL, NULL, retry, &err) != SR_OK) {
        sr_cli_error("%s", err.message);
        return err.code == SR_ERR_ARG ? EXIT_USAGE : EXIT_FATAL;
    }
    size_t sent = 0, failed = 0;
    int fatal = 0;
    for (int a = optind; a < argc && !fatal; a++) {
        sr_reader *r;
        if (sr_reader_open(argv[a], format, &r, &err) != SR_OK) {
            sr_cli_error("warning: %s", err.message);
            failed++;
            continue;
        }
        for (;;) {
            sr_doc *d;
            sr_status st = sr_reader_next(r, &d, &err);
            if (st == SR_DONE) break;
            if (st != SR_OK) {
                sr_cli_error("warning: %s", err.message);
                failed++;
                if (st == SR_ERR_NOMEM) { fatal = 1; break; }
                continue;
            }
            st = sr_queue_publish(&q, d, date, maxlen, &err);
            sr_doc_free(d);
            if (st != SR_OK) {
                sr_cli_error("%s", err.message);
                fatal = 1;
                break;
            }
            sent++;
        }
        sr_reader_close(r);
    }
    if (!quiet) fprintf(stderr, "enqueue: %zu documents sent to %s, %zu failed\n", sent, url, failed);
    sr_queue_close(&q);
    if (fatal) return EXIT_FATAL;
    return failed ? EXIT_DOCS_FAILED : 0;
}
