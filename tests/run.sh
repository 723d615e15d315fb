#!/bin/sh
# tests/run.sh -- runs every kind of test and prints one summary line.
#
#   unit tests        build/unit_tests, then again under ASan+UBSan
#   shell tests       tests/cli/*.sh: exit 0 passes, 77 skips, else fails
#   fuzz smoke        each build/fuzz/fuzz_* for a bounded number of runs
#
# Every step prints its own counts; the last line is the total,
# "N passed, M failed, K skipped".
cd "$(dirname "$0")/.." || exit 2
export SR_TEST_ROOT="$PWD"
export SITREP_DATA="$PWD/data"
passed=0; failed=0; skipped=0

count_unit() {  # $1 = binary, $2 = label
    out=$("$1" 2>&1); rc=$?
    line=$(printf '%s\n' "$out" | grep -E '^unit: [0-9]+ passed' | tail -1)
    p=$(printf '%s' "$line" | sed -E 's/^unit: ([0-9]+) passed.*/\1/')
    f=$(printf '%s' "$line" | sed -E 's/^unit: [0-9]+ passed, ([0-9]+) failed.*/\1/')
    s=$(printf '%s' "$line" | sed -nE 's/.*, ([0-9]+) skipped.*/\1/p')
    if [ -z "$line" ]; then p=0; f=1; fi
    [ -n "$s" ] || s=0
    if [ "$rc" != 0 ] && [ "$f" = 0 ]; then f=1; fi
    [ "$f" != 0 ] && printf '%s\n' "$out" | grep -v '^ok ' >&2
    printf '%s\n' "$out" | grep -E '^(skip|  skip)' | head -20
    echo "$2: $p passed, $f failed, $s skipped"
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
}

count_unit build/unit_tests "unit"
count_unit build/asan/unit_tests "unit (asan)"

for t in tests/cli/*.sh; do
    [ -f "$t" ] || continue
    name=$(basename "$t" .sh)
    log="build/test-logs/$name.log"
    mkdir -p build/test-logs
    sh "$t" >"$log" 2>&1; rc=$?
    if [ $rc = 0 ]; then passed=$((passed + 1)); echo "ok   $name"
    elif [ $rc = 77 ]; then skipped=$((skipped + 1)); echo "skip $name: $(tail -1 "$log")"
    else failed=$((failed + 1)); echo "FAIL $name (log: $log)"; tail -20 "$log" | sed 's/^/    /'
    fi
done

for f in build/fuzz/fuzz_*; do
    [ -x "$f" ] || continue
    name=$(basename "$f")
    corpus="tests/fuzz/corpus/${name#fuzz_}"
    mkdir -p build/fuzz-work/"$name"
    if [ -d "$corpus" ]; then set -- build/fuzz-work/"$name" "$corpus"; else set -- build/fuzz-work/"$name"; fi
    if "$f" -runs="${SR_FUZZ_RUNS:-20000}" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
        "$@" >build/fuzz-work/"$name".log 2>&1; then
        passed=$((passed + 1)); echo "ok   $name (fuzz, ${SR_FUZZ_RUNS:-20000} runs)"
    else
        failed=$((failed + 1)); echo "FAIL $name (fuzz; log: build/fuzz-work/$name.log)"
        tail -30 build/fuzz-work/"$name".log | sed 's/^/    /'
    fi
done

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
