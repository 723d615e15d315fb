/*
 * eval_muc4.c -- `sitrep eval muc4 FILE.jsonl`: extraction scored with
 * CEAF-REE (Du et al. 2021) on MUC-4 documents in the GRIT JSONL format.
 *
 * Every document goes through the full sr_extract(); the predictions are
 * the fillers of the extracted incidents (--from incidents, the default:
 * the system's output; PerpInd <-
 * perpetrators, PerpOrg <- perpetrator_orgs, Target <- targets, Victim <-
 * victims, Weapon <- weapons, over all incidents) or the role stage's
 * spans (--from roles, document level: the tagger alone).  With incidents, the
 * incident-type accuracy is printed too: of the documents with gold
 * templates, the share whose first extracted incident's MUC-4 type is one
 * of the gold incident types.
 */
#include "eval_muc4.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../extract/engine.h"
#include "../extract/incident.h"
#include "cli.h"

typedef struct texts {
    const char **v[SR_MUC4_NROLES];
    size_t n[SR_MUC4_NROLES];
} texts;

static int add_text(sr_arena *a, texts *t, int r, const sr_doc *doc, uint32_t s, uint32_t e) {
    const char **v = sr_arena_realloc(a, t->v[r], t->n[r] * sizeof *v, (t->n[r] + 1) * sizeof *v);
    if (!v) return -1;
    t->v[r] = v;
    v[t->n[r]] = sr_arena_strndup(a, doc->text + s, e - s);
    return v[t->n[r]++] ? 0 : -1;
}

static int score(const sr_muc4_doc *gold, sr_arena *a, texts *t, sr_ree_counts *c) {
    const char *const *const pred[SR_MUC4_NROLES] = {t->v[0], t->v[1], t->v[2], t->v[3], t->v[4]};
    (void)a;
    return sr_ree_score_doc(gold, pred, t->n, c);
}

int sr_muc4_score_spans(const sr_doc *doc, const sr_role_spans *rs, float min_score,
                        const sr_muc4_doc *gold, sr_ree_counts *c) {
    sr_arena a;
    sr_arena_init(&a);
    texts t = {0};
    int rc = 0;
    for (size_t i = 0; rs && rs->relevant && i < rs->n && rc == 0; i++)
        if (rs->v[i].score >= min_score)
            rc = add_text(&a, &t, (int)rs->v[i].role, doc, rs->v[i].start, rs->v[i].end);
    if (rc == 0) rc = score(gold, &a, &t, c);
    sr_arena_free(&a);
    return rc;
}

static int score_incidents(const sr_doc *doc, const sr_muc4_doc *gold, sr_ree_counts *c) {
    sr_arena a;
    sr_arena_init(&a);
    texts t = {0};
    int rc = 0;
    const sr_incidents *inc = doc->incidents;
    for (size_t k = 0; inc && k < inc->n && rc == 0; k++) {
        const sr_incident *x = &inc->v[k];
        const sr_fillers *f[SR_MUC4_NROLES] = {&x->perpetrators, &x->perpetrator_orgs,
                                               &x->targets, &x->victims, &x->weapons};
        for (int r = 0; r < SR_MUC4_NROLES && rc == 0; r++)
            for (size_t i = 0; i < f[r]->n && rc == 0; i++)
                rc = add_text(&a, &t, r, doc, f[r]->v[i].start, f[r]->v[i].end);
    }
    if (rc == 0) rc = score(gold, &a, &t, c);
    sr_arena_free(&a);
    return rc;
}

void sr_muc4_print(FILE *f, const sr_ree_counts *c) {
    fprintf(f, "%-8s %6s %6s %6s %7s %7s %7s\n", "role", "pred", "gold", "match", "P", "R", "F1");
    size_t tp = 0, tg = 0, tm = 0;
    double p, r, f1;
    for (int k = 0; k < SR_MUC4_NROLES; k++) {
        sr_ree_prf(c, k, &p, &r, &f1);
        fprintf(f, "%-8s %6zu %6zu %6zu %7.2f %7.2f %7.2f\n", sr_muc4_role_keys[k], c->pred[k],
                c->gold[k], c->match[k], p, r, f1);
        tp += c->pred[k];
        tg += c->gold[k];
        tm += c->match[k];
    }
    sr_ree_prf(c, -1, &p, &r, &f1);
    fprintf(f, "%-8s %6zu %6zu %6zu %7.2f %7.2f %7.2f\n", "micro", tp, tg, tm, p, r, f1);
}

static void usage(FILE *f) {
    fprintf(f,
            "usage: sitrep eval muc4 [OPTIONS] FILE.jsonl\n"
            "\n"
            "Extract every document of a MUC-4 JSONL file (GRIT format: docid, doctext,\n"
            "templates) and print CEAF-REE precision, recall and F1 per role and\n"
            "micro-averaged (Du et al. 2021).\n"
            "\n"
            "options:\n"
            "  --from incidents|roles  score the fillers of the extracted incidents\n"
            "                          (the default) or the role tagger's spans alone\n"
            "                          (document level)\n"
            "  --min-score X           with --from roles: ignore spans scoring below X\n"
            "  --data DIR              data directory (default: built-in or $SITREP_DATA)\n");
}

int sr_eval_muc4(int argc, char **argv) {
    static const struct option LONG[] = {{"from", required_argument, NULL, 'f'},
                                         {"min-score", required_argument, NULL, 's'},
                                         {"data", required_argument, NULL, 'd'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    sr_muc4_from from = SR_MUC4_FROM_INCIDENTS;
    float min_score = -1e30f;
    const char *data = NULL;
    int o;
    optind = 1;
    while ((o = getopt_long(argc, argv, "h", LONG, NULL)) != -1) {
        switch (o) {
        case 'f':
            if (strcmp(optarg, "roles") == 0) from = SR_MUC4_FROM_ROLES;
            else if (strcmp(optarg, "incidents") == 0) from = SR_MUC4_FROM_INCIDENTS;
            else { sr_cli_error("--from takes roles or incidents, not \"%s\"", optarg); return EXIT_USAGE; }
            break;
        case 's': {
            char *end;
            min_score = strtof(optarg, &end);
            if (end == optarg || *end) { sr_cli_error("--min-score takes a number"); return EXIT_USAGE; }
            break;
        }
        case 'd': data = optarg; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (optind != argc - 1) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *path = argv[optind];
    FILE *in = fopen(path, "r");
    if (!in) {
        sr_cli_error("cannot open %s", path);
        return EXIT_FATAL;
    }
    sr_error err = {0};
    sr_engine *engine = sr_cli_engine_open(data);
    if (!engine) {
        fclose(in);
        return EXIT_FATAL;
    }
    if (from == SR_MUC4_FROM_ROLES && !engine->roles) {
        sr_cli_error("no role model loaded (%s); train one with `make model`",
                     sr_engine_notes(engine));
        sr_engine_close(engine);
        fclose(in);
        return EXIT_FATAL;
    }
    sr_ree_counts c = {0};
    size_t ndocs = 0, nfail = 0, typed = 0, type_ok = 0;
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t n;
    int rc = 0;
    while ((n = getline(&line, &cap, in)) > 0) {
        lineno++;
        if (n == 1 && line[0] == '\n') continue;
        sr_muc4_doc gold;
        if (sr_muc4_parse(line, (size_t)n, &gold, &err) != SR_OK) {
            sr_cli_error("%s:%zu: %s", path, lineno, err.message);
            nfail++;
            continue;
        }
        sr_doc *doc = NULL;
        sr_status st = sr_doc_new(gold.id, &doc);
        if (st == SR_OK) st = sr_doc_set_text(doc, gold.text, gold.len);
        if (st == SR_OK) st = sr_extract(engine, doc, NULL, &err);
        else snprintf(err.message, sizeof err.message, "%s", sr_strerror(st));
        if (st != SR_OK) {
            /* an empty document predicts nothing and still has gold */
            sr_cli_error("%s:%zu: %s: %s", path, lineno, gold.id, err.message);
            const char *const *const none[SR_MUC4_NROLES] = {0};
            const size_t zero[SR_MUC4_NROLES] = {0};
            if (sr_ree_score_doc(&gold, none, zero, &c)) rc = -1;
            nfail++;
        } else if (from == SR_MUC4_FROM_ROLES) {
            rc = sr_muc4_score_spans(doc, sr_doc_roles(doc), min_score, &gold, &c);
        } else {
            rc = score_incidents(doc, &gold, &c);
            if (gold.nt) {
                typed++;
                const sr_incidents *inc = doc->incidents;
                const char *t = inc && inc->n ? inc->v[0].muc4 : NULL;
                for (size_t k = 0; t && k < gold.nt; k++)
                    if (strcmp(gold.t[k].type, t) == 0) { type_ok++; break; }
            }
        }
        ndocs++;
        sr_doc_free(doc);
        sr_muc4_doc_free(&gold);
        if (rc) break;
    }
    free(line);
    fclose(in);
    sr_engine_close(engine);
    if (rc) {
        sr_cli_error("out of memory");
        return EXIT_FATAL;
    }
    printf("MUC-4 CEAF-REE on %s: %zu documents, predictions from %s\n", path, ndocs,
           from == SR_MUC4_FROM_ROLES ? "the role tagger (document level)" : "incidents");
    sr_muc4_print(stdout, &c);
    if (from == SR_MUC4_FROM_INCIDENTS)
        printf("incident type accuracy: %.2f (%zu of %zu documents with templates)\n",
               typed ? 100.0 * (double)type_ok / (double)typed : 0.0, type_ok, typed);
    else
        printf("incident type accuracy: n/a with --from roles\n");
    return nfail ? EXIT_DOCS_FAILED : 0;
}
