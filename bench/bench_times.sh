#!/bin/sh
# bench_times.sh -- the temporal tagger (bench/bench_times.c) and, side by
# side on the same sentences and reference dates, the npm library
# chrono-node (bench/chrono_times.js): both throughputs and how often the
# two agree on the value.  Sentences come from the TempEval-3 TimeBank and
# AQUAINT files under ../shared/data (never copied into the repository);
# chrono-node is installed here, into build/npm, when missing.
shared=${SR_SHARED_DATA:-../shared/data}
dir=${SR_BENCH_DIR:-build/bench}
runs=${SR_BENCH_RUNS:-7}
tb=$shared/tempeval3/TimeBank
aq=$shared/tempeval3/AQUAINT
if [ ! -d "$tb" ] && [ ! -d "$aq" ]; then
    echo "no TempEval-3 data under $shared/tempeval3" >&2; exit 77
fi
[ -x build/bench/bench_times ] || make -j2 --no-print-directory build/bench/bench_times >&2 || exit 1
build/bench/bench_times data/times "$dir/times" "$runs" "$tb" "$aq" || exit 1

CHRONO=chrono-node@2.10.3
if [ ! -f build/npm/node_modules/chrono-node/package.json ]; then
    if ! command -v npm >/dev/null 2>&1; then
        echo "npm not installed: chrono-node comparison skipped" >&2; exit 0
    fi
    echo "installing $CHRONO into build/npm" >&2
    mkdir -p build/npm
    npm install --prefix build/npm --no-audit --no-fund --silent "$CHRONO" >&2 ||
        { echo "npm install $CHRONO failed: comparison skipped" >&2; exit 0; }
fi
exec node bench/chrono_times.js build/npm/node_modules "$dir/times" "$runs"
