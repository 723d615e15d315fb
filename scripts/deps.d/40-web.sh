#!/bin/sh
# 40-web.sh -- npm packages of the web UI (web/: Leaflet, world-atlas,
# topojson-client) and of its browser test (tests/browser/: playwright-core,
# which drives Debian's chromium from DEBIAN_PKGS; no browser download).
# Installed from the committed lock files into each directory's
# node_modules (never committed).  Idempotent: does nothing when present.
set -e
cd "$(dirname "$0")/../.."
if ! command -v npm >/dev/null 2>&1; then
    echo "deps: installing nodejs and npm (web UI)"
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm
fi
install() {  # $1 = directory, then the packages that must be there
    dir=$1; shift
    for p in "$@"; do
        if [ ! -f "$dir/node_modules/$p/package.json" ]; then
            echo "deps: npm install in $dir"
            if [ -f "$dir/package-lock.json" ]; then
                (cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent)
            else
                (cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --silent)
            fi
            return
        fi
    done
}
install web leaflet world-atlas topojson-client
install tests/browser playwright-core
