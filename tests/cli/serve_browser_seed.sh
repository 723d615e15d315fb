#!/bin/sh
# serve_browser_seed.sh -- the UI in headless chromium on the seed article
# (../shared/seed, skipped when absent): three incident markers (the main
# attack and the two incidents it recalls), and the main incident's panel
# shows "at least two people were killed" highlighted in its evidence.
cd "$(dirname "$0")/../.." || exit 2
. tests/cli/serve_lib.inc
SEED=../shared/seed/bamako-resort-attack.txt
[ -f "$SEED" ] || { echo "no ../shared/seed (research material absent)"; exit 77; }
[ -x /usr/bin/chromium ] || { echo "chromium is not installed (make deps)"; exit 77; }
[ -f tests/browser/node_modules/playwright-core/package.json ] ||
    { echo "playwright-core is not installed (make deps)"; exit 77; }
[ -f build/web/index.html ] || fail "build/web is not built (make)"
build/sitrep ingest --quiet --db "$TMP/seed.db" --date 2017-06-19 "$SEED" || fail "ingest"
serve_start "$TMP/seed.db"
node tests/browser/ui.js --url "$BASE/" --markers 3 \
    --highlight "at least two people were killed" --open main || fail "browser test"
