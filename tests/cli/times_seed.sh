#!/bin/sh
# The seed's times (issue 4, "done when"): with --date 2017-06-19,
# "Sunday" is 2017-06-18, "In March 2015" 2015-03, "In March 2016" 2016-03,
# "in April" 2017-04, "six months" P6M; every time's text is its span's bytes.
# Plain shell and the project's span checker: no python or jq needed.
cd "$(dirname "$0")/../.." || exit 2
seed=../shared/seed/bamako-resort-attack.txt
[ -f "$seed" ] || { echo "seed $seed not found"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
build/sitrep extract --mentions --date 2017-06-19 "$seed" >"$tmp/out.jsonl" ||
    { echo "sitrep failed"; exit 1; }
build/tools/spancheck "$seed" "$tmp/out.jsonl" || exit 1
# One object per line; a time mention is {"text":...,"span":[s,e],"type":...,"value":...}
sed 's/},{/}\n{/g' "$tmp/out.jsonl" | grep '"type":"[A-Z]*","value"' >"$tmp/times.txt"
fail=0
for want in 'Sunday|DATE|2017-06-18' 'March 2015|DATE|2015-03' 'March 2016|DATE|2016-03' \
            'April|DATE|2017-04' 'six months|DURATION|P6M' '2013|DATE|2013'; do
    text=${want%%|*}; rest=${want#*|}; type=${rest%%|*}; value=${rest#*|}
    if ! grep -q "\"text\":\"$text\",\"span\":\[[0-9]*,[0-9]*\],\"type\":\"$type\",\"value\":\"$value\"" \
        "$tmp/times.txt"; then
        echo "missing: $text -> $type $value"; fail=1
    fi
done
[ $fail = 0 ] || { echo "got:"; cat "$tmp/times.txt"; }
exit $fail
