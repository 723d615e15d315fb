#!/bin/bash
# scripts/services.sh -- PostgreSQL and Redis for the tests and benchmarks,
# private to this work tree, on loopback only.
#
# (bash: it probes ports with /dev/tcp)
#
#   scripts/services.sh start   install when missing, start, print the env
#   scripts/services.sh env     print the env of running services
#   scripts/services.sh stop    stop both (the data stays for the next start)
#   scripts/services.sh stop-pg / stop-redis   stop one (for the outage test)
#
# `start` prints two lines to eval:
#   SR_PG=postgresql://sitrep@127.0.0.1:PORT/sitrep
#   SR_REDIS=redis://127.0.0.1:PORT
# and exits 77 (the test "skip" code) with the reason on the last line when
# the servers cannot be installed or started.  The servers live in
# build/services/ (PostgreSQL runs as the postgres user, since the machine
# runs as root and initdb refuses root); ports are chosen free at the first
# start and kept in build/services/ports.  `start` is idempotent: a running
# pair is reused.  Packages come from Debian (postgresql, redis-server).
set -u
cd "$(dirname "$0")/.." || exit 2
# SR_SERVICES names a separate pair (its own directory and ports), for a
# test that stops the servers and must not disturb others using the default
# pair at the same time (worker_outage.sh).
inst=${SR_SERVICES:-services}
case "$inst" in *[!a-z0-9_-]*) echo "SR_SERVICES: letters, digits, - and _ only" >&2; exit 2 ;; esac
dir="$PWD/build/$inst"
mkdir -p "$dir"

pgbin() {
    for d in /usr/lib/postgresql/*/bin; do
        [ -x "$d/initdb" ] && { echo "$d"; return 0; }
    done
    return 1
}

install_missing() {
    need=""
    pgbin >/dev/null || need="$need postgresql"
    command -v redis-server >/dev/null || need="$need redis-server"
    command -v redis-cli >/dev/null || need="$need redis-tools"
    [ -z "$need" ] && return 0
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo -n"; fi
    echo "services: installing$need" >&2
    # another apt run may hold the lock for a while: wait for it
    i=0
    while [ $i -lt 40 ]; do
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
            $need >"$dir/apt.log" 2>&1 && return 0
        grep -q "Could not get lock\|Unable to acquire" "$dir/apt.log" || break
        i=$((i + 1)); sleep 3
    done
    $SUDO apt-get update -qq >/dev/null 2>&1
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
        $need >"$dir/apt.log" 2>&1
}

port_free() {  # $1 = port: nothing listens on it
    ! (echo >/dev/tcp/127.0.0.1/"$1") 2>/dev/null
}

pick_port() {  # $1 = first candidate
    p=$1
    while [ "$p" -lt $(($1 + 200)) ]; do
        if port_free "$p"; then echo "$p"; return 0; fi
        p=$((p + 1))
    done
    return 1
}

pg_running() { [ -f "$dir/pg/postmaster.pid" ] && runuser -u postgres -- "$(pgbin)/pg_ctl" -D "$dir/pg" status >/dev/null 2>&1; }
redis_running() { [ -f "$dir/redis.pid" ] && kill -0 "$(cat "$dir/redis.pid")" 2>/dev/null; }

print_env() {
    . "$dir/ports"
    echo "SR_PG=postgresql://sitrep@127.0.0.1:$PGPORT/sitrep"
    echo "SR_REDIS=redis://127.0.0.1:$REDISPORT"
}

skip() { echo "$*" >&2; echo "$*"; exit 77; }

start() {
    install_missing || skip "postgresql/redis-server cannot be installed (see $dir/apt.log)"
    bin=$(pgbin) || skip "no PostgreSQL server binaries"
    command -v redis-server >/dev/null || skip "no redis-server"
    if [ ! -f "$dir/ports" ]; then
        off=0
        [ "$inst" = services ] || off=$(( $(printf %s "$inst" | cksum | cut -d' ' -f1) % 90 * 2 + 100 ))
        pg=$(pick_port $((20000 + $(id -u) % 1000 * 10 + 5432 % 1000 + off))) || skip "no free port"
        rd=$(pick_port $((pg + 300))) || skip "no free port"
        printf 'PGPORT=%s\nREDISPORT=%s\n' "$pg" "$rd" >"$dir/ports"
    fi
    . "$dir/ports"
    if ! pg_running; then
        if [ ! -f "$dir/pg/PG_VERSION" ]; then
            rm -rf "$dir/pg"
            mkdir -p "$dir/pg" "$dir/pgsock"
            chown postgres "$dir/pg" "$dir/pgsock"
            chmod 700 "$dir/pg"
            runuser -u postgres -- "$bin/initdb" -D "$dir/pg" -U postgres -A trust \
                --no-sync >"$dir/initdb.log" 2>&1 || skip "initdb failed ($dir/initdb.log)"
            cat >>"$dir/pg/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir/pgsock'
max_connections = 100
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 128MB
EOF
        fi
        mkdir -p "$dir/pgsock"; chown postgres "$dir/pgsock"
        touch "$dir/pg.log"; chown postgres "$dir/pg.log"
        runuser -u postgres -- "$bin/pg_ctl" -D "$dir/pg" -o "-p $PGPORT" -l "$dir/pg.log" \
            -w -t 60 start >/dev/null 2>&1 || skip "PostgreSQL did not start ($dir/pg.log)"
        runuser -u postgres -- "$bin/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -qAt -c \
            "SELECT 1 FROM pg_roles WHERE rolname = 'sitrep'" postgres | grep -q 1 ||
            runuser -u postgres -- "$bin/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -q -c \
                "CREATE ROLE sitrep LOGIN SUPERUSER" postgres >/dev/null
        runuser -u postgres -- "$bin/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -qAt -c \
            "SELECT 1 FROM pg_database WHERE datname = 'sitrep'" postgres | grep -q 1 ||
            runuser -u postgres -- "$bin/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -q -c \
                "CREATE DATABASE sitrep OWNER sitrep" postgres >/dev/null
    fi
    if ! redis_running; then
        mkdir -p "$dir/redis"
        redis-server --bind 127.0.0.1 --port "$REDISPORT" --dir "$dir/redis" \
            --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" \
            --save "" --appendonly yes --appendfsync no --protected-mode yes >/dev/null 2>&1 ||
            skip "redis-server did not start ($dir/redis.log)"
    fi
    # Up is not ready: while it reads its append-only file back, Redis
    # answers every command with LOADING.  Wait for a PONG.
    i=0
    while ! redis_running ||
          [ "$(redis-cli -h 127.0.0.1 -p "$REDISPORT" ping 2>/dev/null)" != PONG ]; do
        i=$((i + 1)); [ $i -gt 300 ] && skip "redis-server did not become ready ($dir/redis.log)"
        sleep 0.1
    done
    print_env
}

stop_pg() {
    if [ -f "$dir/pg/postmaster.pid" ] && bin=$(pgbin); then
        runuser -u postgres -- "$bin/pg_ctl" -D "$dir/pg" -m fast -w stop >/dev/null 2>&1
    fi
    return 0
}

stop_redis() {
    if redis_running; then
        pid=$(cat "$dir/redis.pid")
        kill "$pid" 2>/dev/null
        i=0
        while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
    fi
    return 0
}

stop() { stop_pg; stop_redis; }

case "${1:-}" in
start) start ;;
env) [ -f "$dir/ports" ] && pg_running && redis_running && print_env ;;
stop) stop ;;
stop-pg) stop_pg ;;        # the tests of retries stop one server, then start again
stop-redis) stop_redis ;;
*) echo "usage: scripts/services.sh start|env|stop|stop-pg|stop-redis" >&2; exit 2 ;;
esac
