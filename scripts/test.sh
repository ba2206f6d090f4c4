#!/usr/bin/env bash
# Full test pipeline: build dependencies, build (incl. both executables), every XCTest
# target (the cluster suite spawns the real binaries), then the python-zaqarclient test.
# Exits non-zero on the first failure.
#
# Environment (optional):
#   HERALD_SKIP_DEPS=1       do not check/install Debian packages
#   HERALD_SKIP_ZAQARCLIENT=1 skip the python-zaqarclient test
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

REQUIRED_PACKAGES=(libsqlite3-dev libssl-dev libsystemd-dev)

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

echo "==> swift test"
swift test --skip-build

if [[ "${HERALD_SKIP_ZAQARCLIENT:-0}" != "1" ]]; then
    echo "==> python-zaqarclient end-to-end test"
    HERALD_SKIP_BUILD=1 ./Tests/zaqarclient/run.sh
fi

echo "==> all tests passed"
