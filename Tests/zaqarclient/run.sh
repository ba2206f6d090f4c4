#!/usr/bin/env bash
# Runs scenario.py (the unmodified python-zaqarclient from PyPI, with websocket-client for its
# WebSocket transport) against a real local Herald cluster (router with --websocket) started
# with deploy/local-cluster.sh on free ports and a temporary data directory. Exits non-zero if
# the cluster fails to start or any scenario step fails.
#
# Environment (optional):
#   HERALD_SKIP_BUILD=1   reuse already-built binaries (scripts/test.sh sets this)
#   HERALD_BUILD          debug (default) | release
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
VENV="$ROOT/.venv-zaqarclient"
READY_TIMEOUT=120

if ! python3 -m venv --help >/dev/null 2>&1; then
    echo "python3 with the venv module is required (apt-get install python3-venv)" >&2
    exit 1
fi
if [[ ! -x "$VENV/bin/python" ]]; then
    echo "==> creating $VENV"
    python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c "import zaqarclient.queues.v2.client, websocket" >/dev/null 2>&1; then
    echo "==> installing python-zaqarclient and websocket-client (its WebSocket transport)"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check python-zaqarclient websocket-client
fi

DATA="$(mktemp -d "${TMPDIR:-/tmp}/herald-zaqarclient.XXXXXX")"
CLUSTER_PID=""

cleanup() {
    local status=$?
    if [[ -n "$CLUSTER_PID" ]] && kill -0 "$CLUSTER_PID" 2>/dev/null; then
        kill -TERM "$CLUSTER_PID" 2>/dev/null || true
        wait "$CLUSTER_PID" 2>/dev/null || true
    fi
    if ((status != 0)); then
        echo "==> cluster output:" >&2
        cat "$DATA/cluster.out" >&2 2>/dev/null || true
        for log in "$DATA"/logs/*.log; do
            [[ -f "$log" ]] && { echo "----- $log" >&2; cat "$log" >&2; }
        done
    fi
    rm -rf "$DATA"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "==> starting cluster in $DATA"
HERALD_DATA="$DATA" HERALD_PORT=0 HERALD_NODE1_PORT=0 HERALD_NODE2_PORT=0 HERALD_QUIET=1 \
    HERALD_ROUTER_ARGS="${HERALD_ROUTER_ARGS:-} --websocket" \
    HERALD_SKIP_BUILD="${HERALD_SKIP_BUILD:-0}" \
    "$ROOT/deploy/local-cluster.sh" >"$DATA/cluster.out" 2>&1 &
CLUSTER_PID=$!

deadline=$((SECONDS + READY_TIMEOUT))
until [[ -s "$DATA/router.url" ]]; do
    if ! kill -0 "$CLUSTER_PID" 2>/dev/null; then
        echo "==> cluster exited before becoming ready" >&2
        exit 1
    fi
    if ((SECONDS >= deadline)); then
        echo "==> cluster not ready after ${READY_TIMEOUT}s" >&2
        exit 1
    fi
    sleep 0.2
done
URL="$(cat "$DATA/router.url")"
echo "==> router at $URL"

"$VENV/bin/python" "$ROOT/Tests/zaqarclient/scenario.py" "$URL"
