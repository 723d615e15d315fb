/*
 * cmd_export.c -- `sitrep export`: the store's incidents as CSV, JSONL,
 * GeoJSON, or ACLED-like / GTD-like CSV (docs/export.md).  The filters and
 * the output loop are those of `sitrep query` (cmd_query.c).
 */
#include "cli.h"
#include "store_cli.h"

int sr_cmd_export(int argc, char **argv) {
    return sr_cli_query_main(argc, argv, 1);
}
