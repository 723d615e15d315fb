#!/bin/sh
# serve_browser_examples.sh -- the UI in headless chromium on the example
# articles (runs in a clean clone): one marker per located incident, the
# Mogadishu bombing's "killing at least 12 people" highlighted in its
# evidence, timeline brushing filters the map, a pasted article holding
# <script> is shown as text and never runs.
cd "$(dirname "$0")/../.." || exit 2
. tests/cli/serve_lib.inc
[ -x /usr/bin/chromium ] || { echo "chromium is not installed (make deps)"; exit 77; }
[ -f tests/browser/node_modules/playwright-core/package.json ] ||
    { echo "playwright-core is not installed (make deps)"; exit 77; }
[ -f build/web/index.html ] || fail "build/web is not built (make)"
build/sitrep ingest --quiet --db "$TMP/e.db" examples/*.txt examples/*.jsonl examples/*.html ||
    fail "ingest"
located=$(sqlite3 "$TMP/e.db" 'select count(*) from incidents where lat is not null')
[ "$located" -ge 3 ] || fail "only $located located incidents in examples/"
serve_start "$TMP/e.db"
node tests/browser/ui.js --url "$BASE/" --markers "$located" \
    --highlight "killing at least 12 people" --open highlight --brush --paste-xss \
    ${SR_SCREENSHOT:+--screenshot "$SR_SCREENSHOT"} || fail "browser test"
