#!/bin/sh
# Install what the build and the tests need, when it is missing.
# Debian packages come from apt-get (as root, or through sudo); the list is
# DEBIAN_PKGS in mk/config.mk, the one place dependencies are named.
# Modules that need more (npm packages, servers) add a script to
# scripts/deps.d/, run here in name order.
set -e
cd "$(dirname "$0")/.."
missing=""
for p in $(make -s --no-print-directory print-debian-pkgs); do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "deps: installing$missing"
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq || true
    $SUDO apt-get install -y -qq --no-install-recommends $missing
fi
for f in scripts/deps.d/*.sh; do
    if [ -f "$f" ]; then sh "$f"; fi
done
exit 0
