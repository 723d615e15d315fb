#!/bin/sh
# The seed's times (issue 4, "done when"): with --date 2017-06-19,
# "Sunday" is 2017-06-18, "In March 2015" 2015-03, "In March 2016" 2016-03,
# "in April" 2017-04, "six months" P6M; every time's text is its span's bytes.
cd "$(dirname "$0")/../.." || exit 2
seed=../shared/seed/bamako-resort-attack.txt
[ -f "$seed" ] || { echo "seed $seed not found"; exit 77; }
command -v python3 >/dev/null || { echo "python3 not installed"; exit 77; }
out=$(build/sitrep extract --mentions --date 2017-06-19 "$seed") || { echo "sitrep failed"; exit 1; }
printf '%s\n' "$out" | python3 -c '
import json, sys
d = json.loads(sys.stdin.readline())
text = open(sys.argv[1], "rb").read()
times = d["mentions"]["times"]
for t in times:
    s, e = t["span"]
    assert text[s:e].decode("utf-8") == t["text"], t
got = {(t["text"], t["value"]) for t in times}
want = {("Sunday", "2017-06-18"), ("March 2015", "2015-03"), ("March 2016", "2016-03"),
        ("April", "2017-04"), ("six months", "P6M"), ("2013", "2013")}
missing = want - got
if missing:
    print("missing:", sorted(missing)); print("got:", sorted(got)); sys.exit(1)
' "$seed"
