#!/usr/bin/env bash
# A local Postgres for the `postgres` target: a cluster in .postgres/ of the project (or
# JOURNEY_PG_DIR), listening on 127.0.0.1 only, on a free port written to <dir>/port, where the
# project's settings read it (JOURNEY_PG_PORT, when set, points elsewhere instead).
#
#   scripts/postgres.sh start   install (apt) when missing, initdb once, start, create the database
#   scripts/postgres.sh stop
#   scripts/postgres.sh env     `export JOURNEY_PG_...` lines for a plain `dbt --target postgres`
#
# Postgres refuses to run as root: as root the cluster runs as the `postgres` OS user.
# It is a throw-away development cluster: trust authentication on 127.0.0.1 and no fsync.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${JOURNEY_PG_DIR:-$PWD/.postgres}
port_file=$dir/port
# As root the cluster runs as the `postgres` user, who may not be able to enter the project's
# folder (a clone under a private temporary folder): its files then live under /var/tmp.
if [[ $(id -u) == 0 ]]; then
    run_dir=/var/tmp/journey-postgres-$(printf %s "$dir" | md5sum | cut -c1-12)
else
    run_dir=$dir
fi
data=$run_dir/data
database=${JOURNEY_PG_DATABASE:-journey}

pg_bin() {
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -z $found ]]; then
        if [[ $(id -u) != 0 ]]; then
            echo "Postgres is not installed; install the Debian package 'postgresql' as root." >&2
            exit 1
        fi
        echo "Installing Postgres (Debian package postgresql)" >&2
        apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
        found=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    fi
    echo "$found"
}

as_owner() {
    if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

running() {
    [[ -f $port_file && -f $data/postmaster.pid ]] && as_owner "$(pg_bin)/pg_ctl" -D "$data" status >/dev/null 2>&1
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
    local bin port
    bin=$(pg_bin)
    mkdir -p "$dir" "$run_dir"
    [[ $(id -u) == 0 ]] && chown postgres: "$run_dir"
    if [[ ! -f $data/PG_VERSION ]]; then
        as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$run_dir/initdb.log"
    fi
    if running; then
        port=$(cat "$port_file")
    else
        port=$(free_port)
        as_owner "$bin/pg_ctl" -D "$data" -l "$run_dir/server.log" -w -o \
            "-h 127.0.0.1 -p $port -k $run_dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c work_mem=64MB -c jit=off" \
            start >/dev/null
        echo "$port" >"$port_file"
    fi
    if ! psql_local "$port" -tAc "select 1 from pg_database where datname = '$database'" | grep -q 1; then
        psql_local "$port" -c "create database \"$database\"" >/dev/null
    fi
    echo "Postgres on 127.0.0.1:$port (database $database, data in $data)" >&2
}

psql_local() {
    local port=$1
    shift
    psql -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres "$@"
}

stop() {
    if running; then as_owner "$(pg_bin)/pg_ctl" -D "$data" -m fast -w stop >/dev/null; fi
    rm -f "$port_file"
}

case ${1:-} in
start) start ;;
stop) stop ;;
env)
    running || start
    echo "export JOURNEY_PG_HOST=127.0.0.1 JOURNEY_PG_PORT=$(cat "$port_file") JOURNEY_PG_USER=postgres JOURNEY_PG_DATABASE=$database"
    ;;
*)
    echo "usage: $0 start|stop|env" >&2
    exit 2
    ;;
esac
