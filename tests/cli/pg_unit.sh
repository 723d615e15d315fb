#!/bin/sh
# The PostgreSQL unit tests (tests/unit/test_store_pg.c) against a fresh
# database of the test server (scripts/services.sh; skips only when
# PostgreSQL cannot be installed).
cd "$(dirname "$0")/../.." || exit 2
was_up=$(bash scripts/services.sh env)
env=$(bash scripts/services.sh start); rc=$?
[ $rc = 0 ] || { echo "$env" | tail -1; exit 77; }
eval "$env"
name=sr_t_unit_$$
admin=$(echo "$SR_PG" | sed 's,/sitrep$,/postgres,')
psql -q "$admin" -c "CREATE DATABASE $name" >/dev/null || { echo "FAIL: create database"; exit 1; }
trap 'psql -q "$admin" -c "DROP DATABASE IF EXISTS $name" >/dev/null 2>&1; [ -n "$was_up" ] || bash scripts/services.sh stop' EXIT
out=$(SR_TEST_PG=$(echo "$SR_PG" | sed "s,/sitrep\$,/$name,") build/unit_tests store_pg 2>&1)
echo "$out"
echo "$out" | grep -q '^unit: 3 passed, 0 failed' || { echo "FAIL: store_pg unit tests"; exit 1; }
