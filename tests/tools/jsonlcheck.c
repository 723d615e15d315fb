/*
 * jsonlcheck.c -- checks that standard input is sitrep/1 JSONL.
 *
 *   jsonlcheck < output.jsonl > ids.txt
 *
 * Every line must be one JSON object with "schema": "sitrep/1" and a
 * string "doc.id"; each document's id is printed on its own line, so that
 * shell tests can compare which documents came out.  A bad line is
 * reported on stderr with its number; the exit code is then 1.  (jq would
 * do, but is not a dependency.)
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
    char *line = NULL;
    size_t cap = 0, lineno = 0, bad = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, stdin)) != -1) {
        lineno++;
        if (n && line[n - 1] == '\n') n--;
        json_error_t e;
        json_t *o = json_loadb(line, (size_t)n, 0, &e);
        json_t *schema = json_object_get(o, "schema");
        json_t *id = json_object_get(json_object_get(o, "doc"), "id");
        if (!json_is_object(o)) {
            fprintf(stderr, "line %zu: not a JSON object (%s)\n", lineno,
                    o ? "another value" : e.text);
            bad++;
        } else if (!json_is_string(schema) ||
                   strcmp(json_string_value(schema), "sitrep/1") != 0 ||
                   !json_is_string(id)) {
            fprintf(stderr, "line %zu: no \"schema\": \"sitrep/1\" or no doc.id\n", lineno);
            bad++;
        } else {
            printf("%s\n", json_string_value(id));
        }
        json_decref(o);
    }
    free(line);
    if (ferror(stdin)) {
        fprintf(stderr, "read error\n");
        return 1;
    }
    return bad ? 1 : 0;
}
