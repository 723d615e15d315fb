#!/bin/sh
# The role tagger on MUC-4 (issue 5, items 6 and 7).
#
#   - `sitrep eval muc4` on a hand-written two-document file whose text
#     repeats training-like sentences prints the table (five roles and
#     micro) and the gold counts of the file (3 entities),
#   - with ../shared/data/muc4/dev.jsonl present, the committed model
#     alone (--from roles) scores a CEAF-REE micro F1 of at least 45 on it,
#     and so does the full extraction (incidents' fillers, the issue's
#     metric); a drop means the model is stale (e.g. after a lexicon
#     change: `make model`) or assembly lost precision,
#   - a corrupt model makes the engine refuse to start (exit 3).
set -u
cd "$(dirname "$0")/../.." || exit 2
[ -x build/sitrep ] || { echo "FAIL: build/sitrep not built"; exit 1; }
if [ ! -f data/models/roles.model ]; then echo "no data/models/roles.model"; exit 77; fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cat >"$tmp/mini.jsonl" <<'X'
{"docid": "M-1", "doctext": "urban guerrillas attacked a police station in san salvador with rifles.", "templates": [{"incident_type": "attack", "PerpInd": [[["urban guerrillas", 0]]], "PerpOrg": [], "Target": [[["police station", 28]]], "Victim": [], "Weapon": [[["rifles", 64]]]}]}
{"docid": "M-2", "doctext": "the weather in the capital was fine today.", "templates": []}
X
build/sitrep eval muc4 "$tmp/mini.jsonl" >"$tmp/out" 2>"$tmp/err" || { echo "FAIL: eval exited $?"; cat "$tmp/err"; exit 1; }
for from in incidents roles; do
    build/sitrep eval muc4 --from $from "$tmp/mini.jsonl" >"$tmp/out" 2>"$tmp/err" ||
        { echo "FAIL: eval --from $from exited $?"; cat "$tmp/err"; exit 1; }
    for r in PerpInd PerpOrg Target Victim Weapon micro; do
        grep -q "^$r " "$tmp/out" || { echo "FAIL: no $r row"; cat "$tmp/out"; exit 1; }
    done
    gold=$(awk '$1 == "micro" { print $3 }' "$tmp/out")
    [ "$gold" = 3 ] || { echo "FAIL: micro gold $gold, expected 3"; cat "$tmp/out"; exit 1; }
done
grep -q "^incident type accuracy: " "$tmp/out" || { echo "FAIL: no type accuracy line"; exit 1; }

# a corrupt model: the engine refuses it
mkdir -p "$tmp/data/models"
for x in data/*; do
    case "$x" in data/models) ;; *) ln -s "$PWD/$x" "$tmp/data/" ;; esac
done
head -c 5000 data/models/roles.model >"$tmp/data/models/roles.model"
build/sitrep eval muc4 --data "$tmp/data" "$tmp/mini.jsonl" >/dev/null 2>"$tmp/err"
rc=$?
[ $rc = 3 ] || { echo "FAIL: corrupt model: exit $rc, expected 3"; exit 1; }
grep -q "roles.model" "$tmp/err" || { echo "FAIL: error does not name the model"; cat "$tmp/err"; exit 1; }

dev=../shared/data/muc4/dev.jsonl
if [ ! -f "$dev" ]; then echo "$dev not found: dev score not checked"; exit 0; fi
for from in roles incidents; do
    build/sitrep eval muc4 --from $from "$dev" >"$tmp/dev" 2>&1 ||
        { echo "FAIL: eval --from $from on dev"; cat "$tmp/dev"; exit 1; }
    cat "$tmp/dev"
    f1=$(awk '$1 == "micro" { print $7 }' "$tmp/dev")
    awk -v f="$f1" 'BEGIN { exit !(f >= 45) }' ||
        { echo "FAIL: --from $from: dev micro F1 $f1 < 45 (stale model? make model)"; exit 1; }
    echo "ok: --from $from: dev micro F1 $f1"
done
