#!/bin/sh
# choose-points.sh -- how the gazetteer's country and division points were
# chosen: builds one gazetteer per setting of build.js's point knobs into a
# temporary data directory and prints resolution accuracy (acc@161km of
# recognised toponyms) on LGL and GeoVirus.  The setting is chosen on LGL;
# GeoVirus is the check.  Needs ../shared/data/geo and `make` done first.
#   sh scripts/gazetteer/choose-points.sh
set -e
cd "$(dirname "$0")/../.."
[ -f ../shared/data/geo/lgl.xml ] || { echo "choose-points: ../shared/data/geo not found"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for f in data/*; do [ "$(basename "$f")" = gazetteer.bin ] || ln -s "$PWD/$f" "$tmp/"; done
try() {  # $1 = label, then VAR=value settings
    label=$1; shift
    env "$@" node scripts/gazetteer/build.js "$tmp/source.tsv"
    build/gazbuild "$tmp/source.tsv" data/places/features.tsv "$tmp/gazetteer.bin" >/dev/null 2>&1
    SITREP_DATA=$tmp build/sitrep eval geo | awk -v l="$label" '
        /^[^ ]/ { corpus = $1 }
        /resolution \(found\)/ { r[corpus] = $4 }
        END { printf "%-28s LGL %s  GeoVirus %s\n", l, r["lgl.xml:"], r["GeoVirus.xml:"] }'
}
try "source points"        SITREP_GAZ_POINTS=source
try "centroid, all"        SITREP_GAZ_POINTS=centroid
for s in 0.3 0.5 0.6 0.7 0.8 0.9; do
    try "hybrid, share $s"  SITREP_GAZ_POINTS=hybrid SITREP_GAZ_SHARE=$s
done
try "hybrid 0.7, source divisions" SITREP_GAZ_POINTS=hybrid SITREP_GAZ_SHARE=0.7 SITREP_GAZ_ADMIN=source
