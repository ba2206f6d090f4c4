#!/usr/bin/env bash
# Installs real OpenStack Zaqar for the Herald-vs-Zaqar comparison (benchmarks/compare.sh):
# Debian's redis-server and python3-venv (only when missing), and a private virtualenv with
# the pinned Zaqar, gunicorn and redis-py of requirements.txt, with patch_zaqar.py's fixes
# applied. Idempotent: a second run with the same requirements does nothing. Downloads
# come only from Debian's archive (apt-get) and PyPI (pip).
#
#   benchmarks/zaqar/setup.sh
#
# Environment (all optional):
#   HERALD_ZAQAR_HOME     cache directory (default ~/.cache/herald-zaqar); the venv is
#                         $HERALD_ZAQAR_HOME/venv
#   HERALD_ZAQAR_PYTHON   interpreter of the venv (default /usr/bin/python3, Debian's, else
#                         the first python3 on PATH); Zaqar 23 needs Python >= 3.11
#   HERALD_SETUP_TIMEOUT  seconds allowed for apt-get and for pip each (default 900)
#
# Prints the venv path on the last line of its output.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ZAQAR_HOME="${HERALD_ZAQAR_HOME:-$HOME/.cache/herald-zaqar}"
VENV="$ZAQAR_HOME/venv"
LIMIT="${HERALD_SETUP_TIMEOUT:-900}"
REQUIREMENTS="$HERE/requirements.txt"
STAMP="$VENV/.herald-setup.sha256"

if [[ -n "${HERALD_ZAQAR_PYTHON:-}" ]]; then
    PYTHON="$HERALD_ZAQAR_PYTHON"
elif [[ -x /usr/bin/python3 ]]; then
    PYTHON=/usr/bin/python3
else
    PYTHON=python3
fi

# Root runs apt-get directly; anyone else through sudo.
as_root() {
    if ((EUID == 0)); then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        echo "setup.sh: needs root (or sudo) to run: $*" >&2
        return 1
    fi
}

# 1. Debian packages, only the missing ones (one `apt-get update` before installing).
# (redis-server brings redis-tools, whose redis-cli run.sh uses to see redis answer.)
packages=()
if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
    packages+=(redis-server redis-tools)
fi
if ! "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1; then packages+=(python3-venv); fi
if ((${#packages[@]} > 0)); then
    command -v apt-get >/dev/null 2>&1 || {
        echo "setup.sh: missing ${packages[*]} and no apt-get to install them" >&2
        exit 1
    }
    echo "==> installing ${packages[*]} (apt-get)"
    as_root env DEBIAN_FRONTEND=noninteractive timeout "$LIMIT" apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive timeout "$LIMIT" \
        apt-get install -y -qq --no-install-recommends "${packages[@]}"
fi
for exe in redis-server redis-cli; do
    command -v "$exe" >/dev/null 2>&1 || { echo "setup.sh: $exe still missing" >&2; exit 1; }
done

# 2. The virtualenv, rebuilt whenever the pins, the fixes or the interpreter change.
want="$(cat "$REQUIREMENTS" "$HERE/patch_zaqar.py" <("$PYTHON" -VV) | sha256sum | cut -d' ' -f1)"
if [[ -x "$VENV/bin/python" && -f "$STAMP" && "$(cat "$STAMP")" == "$want" ]] &&
    "$VENV/bin/python" -c 'import zaqar, gunicorn, redis' >/dev/null 2>&1; then
    echo "==> Zaqar venv up to date in $VENV"
else
    "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
        echo "setup.sh: Zaqar 23 needs Python >= 3.11; $PYTHON is $("$PYTHON" -V 2>&1)" >&2
        exit 1
    }
    echo "==> creating the Zaqar venv in $VENV ($("$PYTHON" -V 2>&1))"
    mkdir -p "$ZAQAR_HOME"
    rm -f "$STAMP"
    "$PYTHON" -m venv --clear "$VENV"
    timeout "$LIMIT" "$VENV/bin/pip" install --quiet --disable-pip-version-check --no-input \
        -r "$REQUIREMENTS"
    "$VENV/bin/python" "$HERE/patch_zaqar.py"
    echo "$want" >"$STAMP"
fi

echo "==> $("$VENV/bin/python" -V), zaqar $("$VENV/bin/python" -c \
    'import importlib.metadata as m; print(m.version("zaqar"), "gunicorn", m.version("gunicorn"), "redis-py", m.version("redis"))'), $(redis-server --version | cut -d' ' -f1-3)"
echo "$VENV"
