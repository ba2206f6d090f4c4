#!/usr/bin/env bash
# End-to-end check of a Zaqar v2 endpoint with curl: the calls of the comparison workload,
# each with the status code the spec requires. Works against real Zaqar and Herald alike;
# benchmarks/compare.sh runs it against both before measuring.
#
#   benchmarks/zaqar/smoke.sh http://127.0.0.1:8888 [project]
#
# Creates a fresh queue, posts two messages, lists them, claims them, deletes them with one
# bulk delete by the claimed ids, checks that the queue is empty (also listing claimed
# messages) and deletes the queue. Exit status 0 when every step answered as expected;
# otherwise the failing step, its status and body are printed and the status is 1.
set -euo pipefail

URL="${1:?usage: smoke.sh <endpoint URL> [project]}"
PROJECT="${2:-herald-bench-smoke}"
QUEUE="smoke-$RANDOM$RANDOM"
CLIENT_ID="$(cat /proc/sys/kernel/random/uuid 2>/dev/null || echo 3381af92-2b9e-11e3-b191-71861300734c)"
BODY_FILE="$(mktemp "${TMPDIR:-/tmp}/zaqar-smoke.XXXXXX")"
trap 'rm -f "$BODY_FILE"' EXIT

# call <step> <expected status> <method> <path> [json body]: the answer's body goes to
# $BODY_FILE; a different status fails the script.
call() {
    local step="$1" expected="$2" method="$3" path="$4" data="${5:-}" status
    local args=(-s -o "$BODY_FILE" -w '%{http_code}' --max-time 10 -X "$method"
        -H "Client-ID: $CLIENT_ID" -H "X-Project-ID: $PROJECT" -H 'Content-Type: application/json')
    if [[ -n "$data" ]]; then args+=(--data "$data"); fi
    status="$(curl "${args[@]}" "$URL$path")" || status="000"
    if [[ "$status" != "$expected" ]]; then
        echo "smoke: $step: $method $path answered $status, expected $expected" >&2
        cat "$BODY_FILE" >&2 && echo >&2
        exit 1
    fi
    echo "smoke: $step: $status"
}

# json <python expression over `d`, the last answer's body>: prints its value.
json() {
    python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' \
        "$BODY_FILE" "$1"
}

call ping 204 GET /v2/ping
call "create queue" 201 PUT "/v2/queues/$QUEUE"
call "post 2 messages" 201 POST "/v2/queues/$QUEUE/messages" \
    '{"messages": [{"ttl": 300, "body": {"n": 1}}, {"ttl": 300, "body": {"n": 2}}]}'
[[ "$(json 'len(d["resources"])')" == "2" ]] || { echo "smoke: post: expected 2 resources" >&2; exit 1; }
call "list messages" 200 GET "/v2/queues/$QUEUE/messages?echo=true"
[[ "$(json 'len(d["messages"])')" == "2" ]] || { echo "smoke: list: expected 2 messages" >&2; exit 1; }
call "claim 10" 201 POST "/v2/queues/$QUEUE/claims?limit=10" '{"ttl": 60, "grace": 60}'
ids="$(json '",".join(m["href"].split("/")[-1].split("?")[0] for m in d["messages"])')"
[[ "$ids" == *,* ]] || { echo "smoke: claim: expected 2 messages, got '$ids'" >&2; exit 1; }
call "list claimed" 200 GET "/v2/queues/$QUEUE/messages?echo=true&include_claimed=true"
[[ "$(json 'len(d["messages"])')" == "2" ]] || { echo "smoke: list claimed: expected 2 messages" >&2; exit 1; }
call "bulk delete" 204 DELETE "/v2/queues/$QUEUE/messages?ids=$ids"
call "list after delete" 200 GET "/v2/queues/$QUEUE/messages?echo=true&include_claimed=true"
[[ "$(json 'len(d["messages"])')" == "0" ]] || { echo "smoke: messages left after the delete" >&2; exit 1; }
call "delete queue" 204 DELETE "/v2/queues/$QUEUE"
echo "smoke: $URL passed"
