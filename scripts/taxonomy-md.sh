#!/bin/sh
# taxonomy-md.sh -- print docs/taxonomy.md generated from data/taxonomy.tsv.
#
# The TSV is the one source of truth (the engine reads it); this page is its
# rendering for readers.  `make docs` writes it and tests/cli/taxonomy_doc.sh
# fails when the committed page differs from what the TSV generates.
#
#   usage: scripts/taxonomy-md.sh [data/taxonomy.tsv] > docs/taxonomy.md
tsv=${1:-data/taxonomy.tsv}
[ -r "$tsv" ] || { echo "taxonomy-md.sh: cannot read $tsv" >&2; exit 2; }
cat <<'HEAD'
# Incident taxonomy

<!-- Generated from data/taxonomy.tsv by `make docs`; edit the TSV, not this page. -->

sitrep gives every incident one primary `type` (and in `types` every type
that applies).  The table maps each type to the Global Terrorism Database
attack type, the ACLED event type and sub-event type, and the MUC-4
incident type; `sitrep extract` prints these in each incident's `taxonomy`
object.  A dash means the other taxonomy has no matching category (the
output is `null`).  When two types are equally supported by the text, the
one higher in this table is the primary type.

| type | GTD attack type | ACLED event type | ACLED sub-event type | MUC-4 type | meaning |
|---|---|---|---|---|---|
HEAD
awk -F'\t' '/^#/ || NF == 0 { next }
NF != 6 { printf "taxonomy-md.sh: %s line %d: %d columns, expected 6\n", FILENAME, NR, NF > "/dev/stderr"; bad = 1; exit 2 }
{ printf "| `%s` | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6 }
END { if (bad) exit 2 }' "$tsv"
