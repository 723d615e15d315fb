#!/bin/sh
# make demo: the main job on the bundled example articles.
# Extracts incidents from every file in examples/ and prints them.
set -e
cd "$(dirname "$0")/.."
echo "== sitrep $(build/sitrep --version | cut -d' ' -f2-) on examples/ =="
for f in examples/*.txt examples/*.jsonl examples/*.html; do
    [ -f "$f" ] || continue
    echo
    echo "== $f"
    build/sitrep extract --pretty "$f"
done
