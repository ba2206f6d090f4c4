#!/usr/bin/env bash
# Fuzzes the internal RPC decoding path (frame decoder, request/response codec, handshake
# messages) with libFuzzer for a bounded time, starting from the committed seed corpus.
# Exits 0 when nothing was found; otherwise non-zero with the path of the crashing input.
#
# Usage: scripts/fuzz-rpc.sh [SECONDS]
#
# Environment (optional):
#   HERALD_FUZZ_SECONDS      fuzzing time in seconds when no argument is given (default 300)
#   HERALD_FUZZ_SANITIZERS   value of -sanitize= (default fuzzer,address)
#   HERALD_FUZZ_RSS_MB       libFuzzer -rss_limit_mb (default 2048)
#   HERALD_FUZZ_TIMEOUT      libFuzzer -timeout per input, seconds (default 10)
#   HERALD_FUZZ_MAX_LEN      libFuzzer -max_len, bytes (default 4096)
#   HERALD_FUZZ_WORKDIR      where the working corpus and artifacts go (default: a new temp dir)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

FUZZ_SECONDS="${1:-${HERALD_FUZZ_SECONDS:-300}}"
SANITIZERS="${HERALD_FUZZ_SANITIZERS:-fuzzer,address}"
RSS_MB="${HERALD_FUZZ_RSS_MB:-2048}"
TIMEOUT="${HERALD_FUZZ_TIMEOUT:-10}"
MAX_LEN="${HERALD_FUZZ_MAX_LEN:-4096}"
SEEDS="$ROOT/Fuzz/Corpus/rpc-frames"
REGRESSIONS="$ROOT/Fuzz/Regressions"

if ! [[ "$FUZZ_SECONDS" =~ ^[1-9][0-9]*$ ]]; then
    echo "fuzz-rpc: SECONDS must be a positive integer, got '$FUZZ_SECONDS'" >&2
    exit 2
fi

BUILD=(swift build -c release --product herald-rpc-fuzz --scratch-path "$ROOT/.build-fuzz"
    -Xswiftc "-sanitize=$SANITIZERS" -Xswiftc -DHERALD_FUZZING)
echo "==> building the fuzzer (-sanitize=$SANITIZERS)"
"${BUILD[@]}"
FUZZER="$("${BUILD[@]}" --show-bin-path)/herald-rpc-fuzz"

# Swift's own crash backtracer would catch the trap first and exit before libFuzzer could
# save the input; leave traps to libFuzzer.
export SWIFT_BACKTRACE=enable=no

WORK="${HERALD_FUZZ_WORKDIR:-$(mktemp -d "${TMPDIR:-/tmp}/herald-rpc-fuzz.XXXXXX")}"
mkdir -p "$WORK/corpus" "$WORK/artifacts"
cp "$SEEDS"/* "$WORK/corpus/"

# Known crashers first: a regression fails fast, before any fuzzing.
mapfile -t KNOWN < <(find "$REGRESSIONS" -type f ! -name '.*' | sort)
if ((${#KNOWN[@]} > 0)); then
    echo "==> replaying ${#KNOWN[@]} regression inputs"
    "$FUZZER" -rss_limit_mb="$RSS_MB" -timeout="$TIMEOUT" "${KNOWN[@]}"
fi

echo "==> fuzzing for ${FUZZ_SECONDS}s; working corpus and artifacts in $WORK"
status=0
# libFuzzer stops itself after -max_total_time; the outer timeout is a backstop.
timeout --kill-after=30 "$((FUZZ_SECONDS + 120))" \
    "$FUZZER" "$WORK/corpus" \
    -max_total_time="$FUZZ_SECONDS" \
    -rss_limit_mb="$RSS_MB" \
    -malloc_limit_mb="$RSS_MB" \
    -timeout="$TIMEOUT" \
    -max_len="$MAX_LEN" \
    -artifact_prefix="$WORK/artifacts/" \
    -print_final_stats=1 || status=$?

mapfile -t FOUND < <(find "$WORK/artifacts" -type f | sort)
if ((status != 0 || ${#FOUND[@]} > 0)); then
    echo "fuzz-rpc: libFuzzer exited with status $status" >&2
    for input in "${FOUND[@]}"; do
        echo "fuzz-rpc: crashing input: $input" >&2
    done
    echo "fuzz-rpc: keep it in Fuzz/Regressions/ and replay it with: $FUZZER <file>" >&2
    exit "$((status == 0 ? 1 : status))"
fi
echo "==> no finding in ${FUZZ_SECONDS}s; grown corpus in $WORK/corpus"
