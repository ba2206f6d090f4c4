#!/usr/bin/env bash
# Full test pipeline: build dependencies, build (incl. both executables), every XCTest
# target (the cluster suite spawns the real binaries), then the python-zaqarclient test.
# Exits non-zero on the first failure.
#
# Environment (optional):
#   HERALD_SKIP_DEPS=1       do not check/install Debian packages
#   HERALD_SKIP_ZAQARCLIENT=1 skip the python-zaqarclient test
#   HERALD_TEST_POSTGRES_URL  use this PostgreSQL server instead of starting a private one
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

REQUIRED_PACKAGES=(libsqlite3-dev libssl-dev libsystemd-dev)
# Headless Chromium and a font for the operator page test (OperatorPageChromiumTests).
REQUIRED_PACKAGES+=(chromium fonts-dejavu-core)

# Installs the Debian packages the build needs, only the missing ones.
install_missing_packages() {
    if ! command -v dpkg >/dev/null 2>&1; then
        echo "==> dpkg not found; skipping system package check"
        return 0
    fi
    local missing=() pkg
    for pkg in "${REQUIRED_PACKAGES[@]}"; do
        if ! dpkg -s "$pkg" 2>/dev/null | grep -q '^Status: install ok installed'; then
            missing+=("$pkg")
        fi
    done
    if ((${#missing[@]} == 0)); then
        echo "==> system packages present: ${REQUIRED_PACKAGES[*]}"
        return 0
    fi
    local sudo=()
    if [[ "$(id -u)" != "0" ]]; then sudo=(sudo); fi
    echo "==> installing missing packages: ${missing[*]}"
    "${sudo[@]}" apt-get update
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y "${missing[@]}"
}

# The python-zaqarclient test needs a python3 with a working venv module.
ensure_python_venv() {
    if python3 -m venv --help >/dev/null 2>&1; then return 0; fi
    if ! command -v apt-get >/dev/null 2>&1; then return 0; fi
    local sudo=()
    if [[ "$(id -u)" != "0" ]]; then sudo=(sudo); fi
    echo "==> installing python3-venv"
    "${sudo[@]}" apt-get update
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y python3 python3-venv
}

if [[ "${HERALD_SKIP_DEPS:-0}" != "1" ]]; then
    install_missing_packages
    if [[ "${HERALD_SKIP_ZAQARCLIENT:-0}" != "1" ]]; then ensure_python_venv; fi
fi

echo "==> swift build --build-tests"
swift build --build-tests

# --- PostgreSQL for the catalog tests (scripts/postgres-test-server.sh) ---
# Starts a private server unless HERALD_TEST_POSTGRES_URL already names one; stops it on exit
# only when this run started it.
POSTGRES_STARTED_HERE=0
stop_test_postgres() {
    # The script treats a set HERALD_TEST_POSTGRES_URL as an external server it must not stop.
    if [[ "$POSTGRES_STARTED_HERE" == "1" ]]; then
        env -u HERALD_TEST_POSTGRES_URL ./scripts/postgres-test-server.sh stop || true
    fi
}
if [[ -z "${HERALD_TEST_POSTGRES_URL:-}" ]]; then
    echo "==> PostgreSQL test server"
    trap stop_test_postgres EXIT
    POSTGRES_STATE="$(./scripts/postgres-test-server.sh start)"
    if [[ "$POSTGRES_STATE" == "started" ]]; then POSTGRES_STARTED_HERE=1; fi
    HERALD_TEST_POSTGRES_URL="$(./scripts/postgres-test-server.sh url)"
    # The catalog outage test stops and starts this private server (never an external one).
    export HERALD_TEST_POSTGRES_SERVER_SCRIPT="$ROOT/scripts/postgres-test-server.sh"
fi
export HERALD_TEST_POSTGRES_URL
# --- end PostgreSQL ---

echo "==> swift test"
TEST_LOG="$(mktemp)"
trap 'rm -f "$TEST_LOG"; stop_test_postgres' EXIT
swift test --skip-build 2>&1 | tee "$TEST_LOG"
# XCTest's last "Executed N tests, with M failures" line is the total over every suite.
XCTEST_PASSED=$(grep -E 'Executed [0-9]+ tests?, with [0-9]+ failures?' "$TEST_LOG" | tail -1 \
    | sed -E 's/.*Executed ([0-9]+) tests?, with ([0-9]+) failures?.*/\1 \2/')
read -r XCTEST_TOTAL XCTEST_FAILED <<<"${XCTEST_PASSED:-0 0}"
TOTAL_PASSED=$((XCTEST_TOTAL - XCTEST_FAILED))

if [[ "${HERALD_SKIP_ZAQARCLIENT:-0}" != "1" ]]; then
    echo "==> python-zaqarclient end-to-end test"
    HERALD_SKIP_BUILD=1 ./Tests/zaqarclient/run.sh 2>&1 | tee "$TEST_LOG"
    CLIENT_PASSED=$(sed -nE 's/^zaqarclient: ([0-9]+) passed, 0 failed$/\1/p' "$TEST_LOG" | tail -1)
    TOTAL_PASSED=$((TOTAL_PASSED + ${CLIENT_PASSED:-0}))
fi

echo "==> all tests passed"
echo "make test: ${TOTAL_PASSED} passed, 0 failed"
