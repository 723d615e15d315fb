#!/bin/sh
# `sitrep eval times` on TempEval-3 TimeBank+AQUAINT meets issue 4's
# targets: relaxed recognition F1 >= 85 and value F1 >= 75.
cd "$(dirname "$0")/../.." || exit 2
d=../shared/data/tempeval3
[ -d "$d/TimeBank" ] || { echo "$d/TimeBank not found"; exit 77; }
out=$(build/sitrep eval times) || { echo "eval failed"; echo "$out"; exit 1; }
echo "$out"
f1() { printf '%s\n' "$out" | grep "^$1" | sed -E 's/.*F1 +([0-9.]+).*/\1/'; }
relaxed=$(f1 "relaxed recognition"); value=$(f1 "value")
awk -v r="$relaxed" -v v="$value" 'BEGIN { exit !(r >= 85 && v >= 75) }' ||
    { echo "below target: relaxed $relaxed (>= 85), value $value (>= 75)"; exit 1; }
