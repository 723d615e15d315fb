#!/bin/sh
# tests/cli/store_merge.sh against the PostgreSQL backend: the same articles,
# merge rules, query filters, show and exports on a fresh database of the
# test server (see tests/cli/store_db.inc).
cd "$(dirname "$0")/../.." || exit 2
SR_STORE_BACKEND=pg exec sh tests/cli/store_merge.sh
