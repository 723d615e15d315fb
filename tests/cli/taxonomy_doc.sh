#!/bin/sh
# taxonomy_doc.sh -- docs/taxonomy.md must be exactly what data/taxonomy.tsv
# generates (one source of truth); run `make docs` after editing the TSV.
tmp=$(mktemp) || exit 2
trap 'rm -f "$tmp"' EXIT
scripts/taxonomy-md.sh data/taxonomy.tsv > "$tmp" || { echo "generator failed"; exit 1; }
if ! diff -u docs/taxonomy.md "$tmp"; then
    echo "docs/taxonomy.md is stale: run make docs"
    exit 1
fi
# every type DESIGN.md names has a row
for t in armed_assault bombing suicide_bombing shelling_airstrike kidnapping \
         hostage_taking assassination arson hijacking robbery armed_clash \
         massacre unarmed_assault forced_work_stoppage; do
    grep -q "^$t	" data/taxonomy.tsv || { echo "type $t missing from data/taxonomy.tsv"; exit 1; }
done
exit 0
