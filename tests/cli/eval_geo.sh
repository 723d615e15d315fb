#!/bin/sh
# `sitrep eval geo` scores what it should, on two hand-written articles in
# the LGL and GeoVirus formats (tests/fixtures/geo): one hit of each kind,
# a false positive, a wrong resolution, a miss with its context, GeoVirus'
# one-too-high character offsets past a non-ASCII letter; an unreadable
# file is an error.  Then, when ../shared/data/geo is there, issue 3's
# floors on the real corpora: recognition F1 >= 75 on both, resolution
# acc@161km >= 80 on LGL (GeoVirus' 90 is not met: docs/places.md).
cd "$(dirname "$0")/../.." || exit 2
[ -f data/gazetteer.bin ] || { echo "data/gazetteer.bin not built"; exit 77; }
fx=tests/fixtures/geo
fail() { echo "FAIL: $*"; printf '%s\n' "$out"; exit 1; }
has() { printf '%s\n' "$out" | grep -qF -- "$1" || fail "no line with: $1"; }

out=$(build/sitrep eval geo --errors $fx/mini-lgl.xml $fx/mini-geovirus.xml) || fail "eval failed"
has 'mini-lgl.xml: 1 articles, 4 gold toponyms, 4 found'
has 'recognition           P  75.0%  R  75.0%  F1  75.0%'
has 'resolution (found)    acc@161km  66.7%'
has 'end to end (gold)     acc@161km  50.0%'
has 'FP   Lagos'
has 'WRONG Paris                    -> Paris'
has 'MISS Zorgville                in "unday. Police in Paris said the raid in [Zorgville] was over.'
has 'mini-geovirus.xml: 1 articles, 2 gold toponyms, 2 found'
has 'recognition           P 100.0%  R 100.0%  F1 100.0%'
has 'resolution (found)    acc@161km 100.0%'
printf '%s\n' "$out" | grep -q 'did not match their names' && fail "GeoVirus offsets not corrected"

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
printf '<articles><article><text>Bamako' > "$tmp/broken.xml"
out=$(build/sitrep eval geo "$tmp/broken.xml" 2>&1) && fail "a broken file passed"
has 'cannot read'
echo "fixtures: ok"

[ -f ../shared/data/geo/lgl.xml ] || { echo "../shared/data/geo not found: corpus floors skipped"; exit 0; }
out=$(build/sitrep eval geo) || fail "eval failed"
echo "$out"
printf '%s\n' "$out" | awk '
    /^[^ ]/ { c = $1 }
    /recognition/ { f[c] = $7 + 0 }
    /resolution \(found\)/ { r[c] = $4 + 0 }
    END {
        bad = f["lgl.xml:"] < 75 || f["GeoVirus.xml:"] < 75 || r["lgl.xml:"] < 80
        if (bad) printf "below floor: F1 LGL %s GeoVirus %s, acc@161 LGL %s\n", f["lgl.xml:"], f["GeoVirus.xml:"], r["lgl.xml:"]
        exit bad
    }' || exit 1
