#!/usr/bin/env bash
# A private PostgreSQL server for the catalog tests.
#
#   scripts/postgres-test-server.sh start    install PostgreSQL if missing, initdb, start (idempotent);
#                                            prints `started` or `already-running` on stdout
#   scripts/postgres-test-server.sh stop     stop the private server (no-op when not running)
#   scripts/postgres-test-server.sh status   exit 0 when the private server is running
#   scripts/postgres-test-server.sh url      print the URL tests connect to
#
# The server lives in .herald-test/postgres (data, unix socket, log), listens on 127.0.0.1 only
# (port 55432, or the next free one), trusts local connections and serves a database
# `herald_test`. PostgreSQL refuses to run as root: as root, initdb/pg_ctl run as the `postgres`
# OS user (created when missing).
#
# When HERALD_TEST_POSTGRES_URL is already set, an external server is in use: start/stop do
# nothing and `url` prints that variable.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BASE="$ROOT/.herald-test/postgres"
DATA="$BASE/data"
SOCKET_DIR="$BASE/socket"
LOG="$BASE/server.log"
PORT_FILE="$BASE/port"
LOCK_FILE="$ROOT/.herald-test/postgres.lock"
DEFAULT_PORT=55432
DATABASE=herald_test
SUPERUSER=postgres

log() { echo "postgres-test-server: $*" >&2; }
die() { log "error: $*"; exit 1; }

# Directory holding initdb/pg_ctl/psql, newest installed major version first.
find_bin_dir() {
    local dir
    if command -v pg_config >/dev/null 2>&1; then
        dir="$(pg_config --bindir 2>/dev/null || true)"
        if [[ -n "$dir" && -x "$dir/initdb" ]]; then echo "$dir"; return 0; fi
    fi
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
    if [[ -n "$dir" && -x "$dir/initdb" ]]; then echo "$dir"; return 0; fi
    if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return 0; fi
    return 1
}

# Installs Debian's postgresql package when no server binaries are found.
install_postgres() {
    if find_bin_dir >/dev/null; then return 0; fi
    command -v apt-get >/dev/null 2>&1 || die "PostgreSQL is not installed and apt-get is unavailable"
    local sudo=()
    if [[ "$(id -u)" != "0" ]]; then sudo=(sudo); fi
    log "installing postgresql"
    "${sudo[@]}" apt-get update
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y postgresql
    find_bin_dir >/dev/null || die "postgresql installed but initdb not found"
}

# Runs a command as the OS user owning the server (postgres when we are root).
as_owner() {
    if [[ "$(id -u)" == "0" ]]; then
        runuser -u "$SUPERUSER" -- "$@"
    else
        "$@"
    fi
}

ensure_os_user() {
    [[ "$(id -u)" == "0" ]] || return 0
    if ! id -u "$SUPERUSER" >/dev/null 2>&1; then
        log "creating OS user $SUPERUSER"
        useradd --system --home-dir /var/lib/postgresql --shell /bin/bash "$SUPERUSER"
    fi
}

# Closes every inherited descriptor above 2 in the calling (sub)shell, so that the server
# daemon does not keep a pipe or socket of whoever started this script open: a caller waiting
# for that to close (Foundation's Process does) would otherwise wait for the server to exit.
close_inherited_descriptors() {
    local fd
    for fd in /proc/$BASHPID/fd/*; do
        fd="${fd##*/}"
        if ((fd > 2)); then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

current_port() {
    if [[ -f "$PORT_FILE" ]]; then cat "$PORT_FILE"; else echo "$DEFAULT_PORT"; fi
}

is_running() {
    local bin
    [[ -f "$DATA/PG_VERSION" ]] || return 1
    bin="$(find_bin_dir)" || return 1
    as_owner "$bin/pg_ctl" status -D "$DATA" >/dev/null 2>&1
}

url() {
    if [[ -n "${HERALD_TEST_POSTGRES_URL:-}" ]]; then
        echo "$HERALD_TEST_POSTGRES_URL"
    else
        echo "postgres://$SUPERUSER@127.0.0.1:$(current_port)/$DATABASE"
    fi
}

init_cluster() {
    local bin="$1"
    mkdir -p "$ROOT/.herald-test" "$BASE"
    if [[ "$(id -u)" == "0" ]]; then chown "$SUPERUSER": "$BASE"; fi
    as_owner test -w "$BASE" || die "$BASE is not writable by $SUPERUSER (check the parent folders' permissions)"
    as_owner mkdir -p "$SOCKET_DIR"
    [[ -f "$DATA/PG_VERSION" ]] && return 0
    log "initdb into $DATA"
    as_owner "$bin/initdb" -D "$DATA" -U "$SUPERUSER" --auth=trust --encoding=UTF8 --locale=C >"$BASE/initdb.log" 2>&1 \
        || { cat "$BASE/initdb.log" >&2; die "initdb failed"; }
}

# The port of the last start when it is free again (a restart keeps its URL), else the first free
# one from DEFAULT_PORT on.
choose_port() {
    local port
    port="$(current_port)"
    if ! port_in_use "$port"; then
        as_owner sh -c "echo $port > '$PORT_FILE'"
        echo "$port"
        return 0
    fi
    port="$DEFAULT_PORT"
    while port_in_use "$port"; do
        port=$((port + 1))
        ((port < DEFAULT_PORT + 100)) || die "no free port in $DEFAULT_PORT..$((DEFAULT_PORT + 99))"
    done
    as_owner sh -c "echo $port > '$PORT_FILE'"
    echo "$port"
}

start() {
    if [[ -n "${HERALD_TEST_POSTGRES_URL:-}" ]]; then
        log "HERALD_TEST_POSTGRES_URL is set; using $HERALD_TEST_POSTGRES_URL"
        echo external
        return 0
    fi
    install_postgres
    ensure_os_user
    local bin port state
    bin="$(find_bin_dir)"
    mkdir -p "$ROOT/.herald-test"
    exec 9>"$LOCK_FILE"
    flock 9
    init_cluster "$bin"
    if is_running; then
        port="$(current_port)"
        log "already running on 127.0.0.1:$port"
        state=already-running
    else
        port="$(choose_port)"
        log "starting on 127.0.0.1:$port ($bin)"
        (
            close_inherited_descriptors
            as_owner "$bin/pg_ctl" start -w -t 60 -D "$DATA" -l "$LOG" -o \
                "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$SOCKET_DIR' -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
                >/dev/null
        ) || { tail -20 "$LOG" >&2 || true; die "pg_ctl start failed"; }
        state=started
    fi
    local exists
    exists="$(as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U "$SUPERUSER" -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")"
    if [[ "$exists" != "1" ]]; then
        as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U "$SUPERUSER" "$DATABASE"
    fi
    log "ready: $(url)"
    echo "$state"
}

stop() {
    if [[ -n "${HERALD_TEST_POSTGRES_URL:-}" ]]; then return 0; fi
    if ! is_running; then
        log "not running"
        return 0
    fi
    local bin
    bin="$(find_bin_dir)"
    as_owner "$bin/pg_ctl" stop -w -m fast -D "$DATA" >/dev/null
    log "stopped"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) is_running ;;
    url) url ;;
    *) echo "usage: $0 start|stop|status|url" >&2; exit 2 ;;
esac
