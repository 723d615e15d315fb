#!/bin/sh
# tests/cli/store_idempotent.sh against the PostgreSQL backend: ingest twice
# changes nothing, an edited document replaces its reports, an emptied
# incident goes (see tests/cli/store_db.inc).
cd "$(dirname "$0")/../.." || exit 2
SR_STORE_BACKEND=pg exec sh tests/cli/store_idempotent.sh
