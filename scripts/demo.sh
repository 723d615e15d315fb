#!/bin/sh
# make demo: the main job on the bundled example articles.
# Extracts incidents from every file in examples/ and prints them, then
# ingests them into build/demo.db and serves it: the web UI (map,
# timeline, evidence) at the URL printed last, until Ctrl-C.
# SITREP_LISTEN changes the address (default 127.0.0.1:8080).
set -e
cd "$(dirname "$0")/.."
echo "== sitrep $(build/sitrep --version | cut -d' ' -f2-) on examples/ =="
for f in examples/*.txt examples/*.jsonl examples/*.html; do
    [ -f "$f" ] || continue
    echo
    echo "== $f"
    build/sitrep extract --pretty "$f"
done
echo
echo "== ingesting examples/ into build/demo.db"
build/sitrep ingest --db build/demo.db examples/*.txt examples/*.jsonl examples/*.html
echo
echo "== sitrep serve on build/demo.db (Ctrl-C stops)"
exec build/sitrep serve --db build/demo.db --listen "${SITREP_LISTEN:-127.0.0.1:8080}"
