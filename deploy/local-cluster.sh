#!/usr/bin/env bash
# Starts a local Herald cluster in the foreground: two storage nodes and one router in
# admin mode, with both nodes registered as pools (node1, node2), so the `herald` admin CLI
# works against it right away. Ctrl-C / SIGTERM stops everything cleanly; if any
# process dies on its own, the others are stopped and the script exits non-zero.
#
# Environment (all optional):
#   HERALD_BUILD        debug (default) | release
#   HERALD_SKIP_BUILD   1 = do not run `swift build` (binaries must already exist)
#   HERALD_BIN_DIR      directory holding herald-node/herald-router (implies no build)
#   HERALD_CATALOG      router catalog: a SQLite path (default $HERALD_DATA/catalog.sqlite)
#                       or postgres://user:password@host:port/database
#   HERALD_DATA         data directory (default ./.herald-data)
#   HERALD_HOST         bind address of every process (default 127.0.0.1)
#   HERALD_PORT         router HTTP port (default 8888; 0 = pick a free port)
#   HERALD_NODE1_PORT   storage node 1 RPC port (default 7001; 0 = pick a free port)
#   HERALD_NODE2_PORT   storage node 2 RPC port (default 7002; 0 = pick a free port)
#   HERALD_ROUTER_ARGS  extra router flags, e.g. "--enable-checksum"
#   HERALD_NODE_ARGS    extra node flags, e.g. "--gc-interval 5"
#   HERALD_QUIET        1 = do not echo process logs to the terminal
#   HERALD_SIGNED_URL_SECRET
#                       key of pre-signed URLs and subscription confirmation links, shared
#                       by the router and the nodes (default: a random secret kept in
#                       $HERALD_DATA/signed-url-secret)
#   HERALD_CLUSTER_SECRET
#                       secret the router and the nodes prove to each other on every RPC
#                       connection (default: a random secret kept in $HERALD_DATA/cluster-secret)
#   HERALD_AUTH         noauth (default: a dev cluster that trusts X-Project-ID/X-Roles, on
#                       loopback only) | token (bearer tokens, as in production)
#   HERALD_TOKEN_SECRET HS256 key of the router's tokens in token mode (default: a random
#                       secret kept in $HERALD_DATA/token-secret); with it exported, `herald`
#                       mints its own admin tokens and `herald token` mints tokens for clients
#
# When the router is ready its base URL is written to $HERALD_DATA/router.url.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${HERALD_BUILD:-debug}"
DATA="${HERALD_DATA:-./.herald-data}"
HOST="${HERALD_HOST:-127.0.0.1}"
ROUTER_PORT="${HERALD_PORT:-8888}"
NODE1_PORT="${HERALD_NODE1_PORT:-7001}"
NODE2_PORT="${HERALD_NODE2_PORT:-7002}"
READY_TIMEOUT="${HERALD_READY_TIMEOUT:-60}"
STOP_TIMEOUT="${HERALD_STOP_TIMEOUT:-10}"

case "$BUILD" in
    debug | release) ;;
    *) echo "HERALD_BUILD must be 'debug' or 'release' (got '$BUILD')" >&2; exit 2 ;;
esac

cd "$ROOT"
mkdir -p "$DATA"
DATA="$(cd "$DATA" && pwd)"
LOGS="$DATA/logs"
mkdir -p "$DATA/node1" "$DATA/node2" "$LOGS"
rm -f "$DATA/router.url"
if [[ -z "${HERALD_SIGNED_URL_SECRET:-}" ]]; then
    if [[ ! -s "$DATA/signed-url-secret" ]]; then
        (umask 077 && head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$DATA/signed-url-secret")
    fi
    HERALD_SIGNED_URL_SECRET="$(cat "$DATA/signed-url-secret")"
fi
export HERALD_SIGNED_URL_SECRET
if [[ -z "${HERALD_CLUSTER_SECRET:-}" ]]; then
    if [[ ! -s "$DATA/cluster-secret" ]]; then
        (umask 077 && head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$DATA/cluster-secret")
    fi
    HERALD_CLUSTER_SECRET="$(cat "$DATA/cluster-secret")"
fi
export HERALD_CLUSTER_SECRET
AUTH="${HERALD_AUTH:-noauth}"
case "$AUTH" in
    noauth) ;;
    token)
        if [[ -z "${HERALD_TOKEN_SECRET:-}" ]]; then
            if [[ ! -s "$DATA/token-secret" ]]; then
                (umask 077 && head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$DATA/token-secret")
            fi
            HERALD_TOKEN_SECRET="$(cat "$DATA/token-secret")"
        fi
        export HERALD_TOKEN_SECRET
        ;;
    *) echo "HERALD_AUTH must be 'noauth' or 'token' (got '$AUTH')" >&2; exit 2 ;;
esac

if [[ -n "${HERALD_BIN_DIR:-}" ]]; then
    BIN="$HERALD_BIN_DIR"
else
    if [[ "${HERALD_SKIP_BUILD:-0}" != "1" ]]; then
        echo "==> building herald-node, herald-router and herald ($BUILD)"
        swift build -c "$BUILD" --product herald-node
        swift build -c "$BUILD" --product herald-router
        swift build -c "$BUILD" --product herald
    fi
    BIN="$ROOT/.build/$BUILD"
fi
for exe in herald-node herald-router; do
    [[ -x "$BIN/$exe" ]] || { echo "missing $BIN/$exe (build first)" >&2; exit 1; }
done

declare -a PIDS=()
declare -A NAMES=()
TAIL_PID=""
STOPPING=0

# Sends SIGTERM to every child, waits up to STOP_TIMEOUT seconds, then SIGKILLs leftovers.
stop_all() {
    local pid deadline
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    deadline=$((SECONDS + STOP_TIMEOUT))
    for pid in "${PIDS[@]}"; do
        while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
        if kill -0 "$pid" 2>/dev/null; then
            echo "==> ${NAMES[$pid]} did not stop within ${STOP_TIMEOUT}s, killing" >&2
            kill -KILL "$pid" 2>/dev/null || true
        fi
        wait "$pid" 2>/dev/null || true
    done
    if [[ -n "$TAIL_PID" ]]; then
        kill "$TAIL_PID" 2>/dev/null || true
        wait "$TAIL_PID" 2>/dev/null || true
    fi
    rm -f "$DATA/router.url"
}

on_signal() { STOPPING=1; }
trap on_signal INT TERM

# Prints the port announced by `<name> listening on <host>:<port>` in a log file, or
# nothing yet. Fails if the process died.
wait_ready() {
    local name="$1" pid="$2" log="$3" deadline line
    deadline=$((SECONDS + READY_TIMEOUT))
    while ((SECONDS < deadline)); do
        if ((STOPPING)); then return 1; fi
        line="$(grep -m1 -E "^$name listening on " "$log" 2>/dev/null || true)"
        if [[ -n "$line" ]]; then
            echo "${line##*:}"
            return 0
        fi
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "==> $name exited during startup; log:" >&2
            cat "$log" >&2
            return 1
        fi
        sleep 0.1
    done
    echo "==> $name not ready after ${READY_TIMEOUT}s; log:" >&2
    cat "$log" >&2
    return 1
}

# start <name> <log> <command...>: launches a child with output going to <log>.
start() {
    local name="$1" log="$2"
    shift 2
    : >"$log"
    "$@" >"$log" 2>&1 &
    PIDS+=("$!")
    NAMES[$!]="$name"
    LAST_PID=$!
}

fail_startup() { stop_all; exit 1; }

# shellcheck disable=SC2086 # HERALD_NODE_ARGS is intentionally word-split
start node1 "$LOGS/node1.log" "$BIN/herald-node" --host "$HOST" --port "$NODE1_PORT" \
    --data "$DATA/node1/herald.sqlite" ${HERALD_NODE_ARGS:-}
NODE1_PID=$LAST_PID
# shellcheck disable=SC2086
start node2 "$LOGS/node2.log" "$BIN/herald-node" --host "$HOST" --port "$NODE2_PORT" \
    --data "$DATA/node2/herald.sqlite" ${HERALD_NODE_ARGS:-}
NODE2_PID=$LAST_PID

NODE1_PORT="$(wait_ready herald-node "$NODE1_PID" "$LOGS/node1.log")" || fail_startup
NODE2_PORT="$(wait_ready herald-node "$NODE2_PID" "$LOGS/node2.log")" || fail_startup
echo "==> node1 ready on $HOST:$NODE1_PORT (data $DATA/node1/herald.sqlite)"
echo "==> node2 ready on $HOST:$NODE2_PORT (data $DATA/node2/herald.sqlite)"

# shellcheck disable=SC2086
start router "$LOGS/router.log" "$BIN/herald-router" --host "$HOST" --port "$ROUTER_PORT" \
    --catalog "${HERALD_CATALOG:-$DATA/catalog.sqlite}" --admin-mode --auth "$AUTH" \
    --pool "node1=herald://$HOST:$NODE1_PORT" \
    --pool "node2=herald://$HOST:$NODE2_PORT" ${HERALD_ROUTER_ARGS:-}
ROUTER_PID=$LAST_PID
ROUTER_PORT="$(wait_ready herald-router "$ROUTER_PID" "$LOGS/router.log")" || fail_startup
URL="http://$HOST:$ROUTER_PORT"
echo "$URL" >"$DATA/router.url"

if [[ "${HERALD_QUIET:-0}" != "1" ]]; then
    tail -n +1 -F "$LOGS/node1.log" "$LOGS/node2.log" "$LOGS/router.log" &
    TAIL_PID=$!
fi

cat <<EOF
==> Herald is up: router $URL (logs in $LOGS). Ctrl-C to stop. Try:
    curl -i -X PUT $URL/v2/queues/demo \\
         -H "Client-ID: \$(uuidgen || echo 3381af92-2b9e-11e3-b191-71861300734c)" \\
         -H "X-Project-ID: demo-project"
    $BIN/herald pools list --url $URL
    $BIN/herald health --url $URL
EOF
if [[ "$AUTH" == "token" ]]; then
    cat <<EOF
==> token mode: every /v2 request needs a token. With HERALD_TOKEN_SECRET exported (the one
    you gave, else the content of $DATA/token-secret):
    TOKEN=\$($BIN/herald token --project demo-project --ttl 1h)
    curl -H "X-Auth-Token: \$TOKEN" ...       # herald pools/flavors/health mint their own
EOF
fi

# Supervise: return as soon as a child exits or a signal arrives.
while true; do
    set +e
    wait -n "${PIDS[@]}"
    rc=$?
    set -e
    if ((STOPPING)); then
        echo "==> stopping Herald"
        stop_all
        exit 0
    fi
    for pid in "${PIDS[@]}"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "==> ${NAMES[$pid]} (pid $pid) exited with status $rc; stopping the cluster" >&2
            stop_all
            exit $((rc == 0 ? 1 : rc))
        fi
    done
done
