/*
 * cmd_eval.c -- `sitrep eval KIND ...`: the evaluations against public
 * research data (../shared/data).  Each kind is one file, eval_<kind>.c,
 * and one line in KINDS below.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "eval_geo.h"
#include "eval_times.h"
#include "eval_muc4.h"

typedef struct eval_kind {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv);  /* argv[0] is the kind */
} eval_kind;

static const eval_kind KINDS[] = {
    {"geo", "place recognition and resolution on LGL and GeoVirus (acc@161km)", sr_eval_geo},
    {"muc4", "role fillers on MUC-4 JSONL, CEAF-REE (Du et al. 2021)", sr_eval_muc4},
    {"times", "temporal expressions on TimeML (TempEval-3 TimeBank, AQUAINT)", sr_eval_times},
    {NULL, NULL, NULL}  /* keep last */
};

static void usage(FILE *f) {
    fprintf(f, "usage: sitrep eval KIND [ARGS]\n\nkinds:\n");
    for (const eval_kind *k = KINDS; k->name; k++)
        fprintf(f, "  %-8s %s\n", k->name, k->summary);
    fprintf(f, "\n`sitrep eval KIND --help` for each.\n");
}

int sr_cmd_eval(int argc, char **argv) {
    if (argc < 2 || sr_cli_is_help(argv[1])) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : 0;
    }
    for (const eval_kind *k = KINDS; k->name; k++)
        if (strcmp(argv[1], k->name) == 0) return k->run(argc - 1, argv + 1);
    sr_cli_error("unknown evaluation \"%s\" (see sitrep eval --help)", argv[1]);
    return EXIT_USAGE;
}
