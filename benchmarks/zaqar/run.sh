#!/usr/bin/env bash
# Runs real OpenStack Zaqar (v2 API, redis store) on loopback in the foreground, for the
# Herald-vs-Zaqar comparison: a private redis-server on a free 127.0.0.1 port with its
# data in a temporary directory, and Zaqar's WSGI application under gunicorn
# (2 workers x 4 threads by default). When `GET /v2/ping` answers 204 the base URL is
# written to $ZAQAR_DATA/zaqar.url. Ctrl-C / SIGTERM stops both processes and removes the
# temporary directory; if either process dies, the other is stopped and the script exits
# non-zero.
#
#   benchmarks/zaqar/run.sh                      # installs Zaqar first if needed (setup.sh)
#   ZAQAR_REDIS_FSYNC=none benchmarks/zaqar/run.sh
#
# Environment (all optional):
#   HERALD_ZAQAR_HOME    setup.sh's cache directory (default ~/.cache/herald-zaqar)
#   ZAQAR_SKIP_SETUP     1 = do not run setup.sh (the venv must exist)
#   ZAQAR_DATA           run directory: config, redis data, logs, zaqar.url (default: a new
#                        temporary directory, removed on exit unless ZAQAR_KEEP_DATA=1)
#   ZAQAR_PORT           Zaqar's HTTP port (default 0 = a free port)
#   ZAQAR_WORKERS        gunicorn worker processes (default 2)
#   ZAQAR_THREADS        threads per worker (default 4)
#   ZAQAR_REDIS_FSYNC    always (default: append-only file, fsync before every reply, the
#                        counterpart of Herald's fsync per commit) | everysec (append-only
#                        file, fsync once a second) | none (no append-only file and no
#                        snapshots: memory only, redis' fastest)
#   ZAQAR_READY_TIMEOUT  seconds to wait for redis and Zaqar (default 60)
#   ZAQAR_STOP_TIMEOUT   seconds each process gets to stop before SIGKILL (default 10)
#   ZAQAR_QUIET          1 = do not echo the logs to the terminal
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ZAQAR_HOME="${HERALD_ZAQAR_HOME:-$HOME/.cache/herald-zaqar}"
VENV="$ZAQAR_HOME/venv"
WORKERS="${ZAQAR_WORKERS:-2}"
THREADS="${ZAQAR_THREADS:-4}"
FSYNC="${ZAQAR_REDIS_FSYNC:-always}"
READY_TIMEOUT="${ZAQAR_READY_TIMEOUT:-60}"
STOP_TIMEOUT="${ZAQAR_STOP_TIMEOUT:-10}"
HTTP_PORT="${ZAQAR_PORT:-0}"

case "$FSYNC" in
    always) REDIS_DURABILITY=(--appendonly yes --appendfsync always) ;;
    everysec) REDIS_DURABILITY=(--appendonly yes --appendfsync everysec) ;;
    none) REDIS_DURABILITY=(--appendonly no) ;;
    *) echo "ZAQAR_REDIS_FSYNC must be always, everysec or none (got '$FSYNC')" >&2; exit 2 ;;
esac
for number in "$WORKERS" "$THREADS" "$READY_TIMEOUT" "$STOP_TIMEOUT" "$HTTP_PORT"; do
    [[ "$number" =~ ^[0-9]+$ ]] || { echo "not a number: '$number'" >&2; exit 2; }
done

if [[ "${ZAQAR_SKIP_SETUP:-0}" != "1" ]]; then
    bash "$HERE/setup.sh" >&2
fi
[[ -x "$VENV/bin/gunicorn" ]] || { echo "no Zaqar venv in $VENV (run benchmarks/zaqar/setup.sh)" >&2; exit 1; }

OWN_DATA=0
if [[ -n "${ZAQAR_DATA:-}" ]]; then
    mkdir -p "$ZAQAR_DATA"
    DATA="$(cd "$ZAQAR_DATA" && pwd)"
else
    DATA="$(mktemp -d "${TMPDIR:-/tmp}/herald-zaqar.XXXXXX")"
    OWN_DATA=1
fi
mkdir -p "$DATA/redis"
rm -f "$DATA/zaqar.url"

REDIS_PID=""
GUNICORN_PID=""
TAIL_PID=""
STOPPING=0

# stop_process <pid> <name>: SIGTERM, up to STOP_TIMEOUT seconds, then SIGKILL.
stop_process() {
    local pid="$1" name="$2" deadline
    [[ -n "$pid" ]] || return 0
    kill -TERM "$pid" 2>/dev/null || true
    deadline=$((SECONDS + STOP_TIMEOUT))
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
        echo "==> $name did not stop within ${STOP_TIMEOUT}s, killing" >&2
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}

# Zaqar first (it holds redis connections), then redis, then the directory.
stop_all() {
    stop_process "$GUNICORN_PID" "gunicorn (Zaqar)"
    GUNICORN_PID=""
    stop_process "$REDIS_PID" "redis-server"
    REDIS_PID=""
    if [[ -n "$TAIL_PID" ]]; then
        kill "$TAIL_PID" 2>/dev/null || true
        wait "$TAIL_PID" 2>/dev/null || true
        TAIL_PID=""
    fi
    rm -f "$DATA/zaqar.url"
    if ((OWN_DATA)) && [[ "${ZAQAR_KEEP_DATA:-0}" != "1" ]]; then
        rm -rf "$DATA"
    fi
}
trap stop_all EXIT
trap 'STOPPING=1' INT TERM

# A port that was free a moment ago on 127.0.0.1 (redis-server cannot pick its own).
free_port() {
    "$VENV/bin/python" -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# wait_until <seconds> <pid> <name> <command...>: polls the command until it succeeds; fails
# when the process dies, a signal arrives or the time is up.
wait_until() {
    local limit="$1" pid="$2" name="$3" deadline
    shift 3
    deadline=$((SECONDS + limit))
    until "$@"; do
        if ((STOPPING)); then return 1; fi
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "==> $name exited during start-up" >&2
            return 1
        fi
        if ((SECONDS >= deadline)); then
            echo "==> $name not ready after ${limit}s" >&2
            return 1
        fi
        sleep 0.1
    done
}

redis_answers() { [[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" == "PONG" ]]; }

show_log() {
    echo "---- $1 (last 30 lines)" >&2
    tail -n 30 "$1" >&2 || true
}

# 1. redis-server (a new port if the chosen one was taken in between: up to 3 tries).
for attempt in 1 2 3; do
    REDIS_PORT="$(free_port)"
    : >"$DATA/redis.log"
    redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --protected-mode yes \
        --dir "$DATA/redis" --save "" "${REDIS_DURABILITY[@]}" \
        --daemonize no --logfile "$DATA/redis.log" &
    REDIS_PID=$!
    if wait_until "$READY_TIMEOUT" "$REDIS_PID" redis-server redis_answers; then break; fi
    if ((STOPPING)); then exit 130; fi
    wait "$REDIS_PID" 2>/dev/null || true
    REDIS_PID=""
    if ((attempt == 3)); then show_log "$DATA/redis.log"; exit 1; fi
done
echo "==> redis-server $(redis-server --version | cut -d' ' -f3 | cut -d= -f2) on 127.0.0.1:$REDIS_PORT (durability: $FSYNC, data $DATA/redis)"

# 2. Zaqar under gunicorn, configured by a private copy of zaqar.conf.
sed "s|@REDIS_URI@|redis://127.0.0.1:$REDIS_PORT?socket_timeout=5|" "$HERE/zaqar.conf" >"$DATA/zaqar.conf"
: >"$DATA/zaqar.log"
HERALD_ZAQAR_CONFIG="$DATA/zaqar.conf" "$VENV/bin/gunicorn" \
    --workers "$WORKERS" --threads "$THREADS" --bind "127.0.0.1:$HTTP_PORT" \
    --chdir "$HERE" --no-control-socket --graceful-timeout 5 --keep-alive 15 \
    zaqar_wsgi:application >"$DATA/zaqar.log" 2>&1 &
GUNICORN_PID=$!

# gunicorn announces the bound port ("Listening at: http://127.0.0.1:<port>").
announced_port() {
    local line
    line="$(grep -m1 -oE 'Listening at: http://127\.0\.0\.1:[0-9]+' "$DATA/zaqar.log" 2>/dev/null)" || return 1
    HTTP_PORT="${line##*:}"
}
zaqar_pings() {
    [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 \
        -H 'Client-ID: 3381af92-2b9e-11e3-b191-71861300734c' -H 'X-Project-ID: herald-bench' \
        "http://127.0.0.1:$HTTP_PORT/v2/ping")" == "204" ]]
}
if ! wait_until "$READY_TIMEOUT" "$GUNICORN_PID" "gunicorn (Zaqar)" announced_port ||
    ! wait_until "$READY_TIMEOUT" "$GUNICORN_PID" "Zaqar" zaqar_pings; then
    if ((STOPPING)); then exit 130; fi
    show_log "$DATA/zaqar.log"
    exit 1
fi
URL="http://127.0.0.1:$HTTP_PORT"
echo "$URL" >"$DATA/zaqar.url"

if [[ "${ZAQAR_QUIET:-0}" != "1" ]]; then
    tail -n 0 -F "$DATA/zaqar.log" "$DATA/redis.log" &
    TAIL_PID=$!
fi
cat <<EOF
==> Zaqar $("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("zaqar"))') is up: $URL (gunicorn ${WORKERS} workers x ${THREADS} threads; logs in $DATA). Ctrl-C to stop. Try:
    curl -i -X PUT $URL/v2/queues/demo \\
         -H "Client-ID: 3381af92-2b9e-11e3-b191-71861300734c" -H "X-Project-ID: demo-project"
EOF

# Supervise: return as soon as a process exits or a signal arrives.
while true; do
    set +e
    wait -n "$REDIS_PID" "$GUNICORN_PID"
    rc=$?
    set -e
    if ((STOPPING)); then
        echo "==> stopping Zaqar"
        exit 0
    fi
    for pid in "$REDIS_PID" "$GUNICORN_PID"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "==> a Zaqar process (pid $pid) exited with status $rc; stopping" >&2
            show_log "$DATA/zaqar.log"
            show_log "$DATA/redis.log"
            exit $((rc == 0 ? 1 : rc))
        fi
    done
done
