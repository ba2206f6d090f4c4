# Shared by load.sh and load-ceiling.sh (source it): sets RUN_LIMIT, the seconds a
# `herald-bench load` run with the options "$@" may take in all: warm-up, then --duration
# (or --timeout with --messages), plus two request timeouts and a minute for set-up and
# clean-up.
load_run_limit() {
    local warmup=5 duration=30 timeout=600 request_timeout=30 messages="" i value
    local args=("$@")
    for ((i = 0; i < ${#args[@]}; i++)); do
        value=""
        case "${args[i]}" in
            --*=*) value="${args[i]#*=}" ;;
            --*) value="${args[i + 1]:-}" ;;
        esac
        case "${args[i]}" in
            --warmup | --warmup=*) warmup="$value" ;;
            --duration | --duration=*) duration="$value" ;;
            --timeout | --timeout=*) timeout="$value" ;;
            --request-timeout | --request-timeout=*) request_timeout="$value" ;;
            --messages | --messages=*) messages="$value" ;;
        esac
    done
    for value in "$warmup" "$duration" "$timeout" "$request_timeout"; do
        [[ "$value" =~ ^[0-9]+$ ]] || { echo "--warmup, --duration, --timeout and --request-timeout take whole seconds" >&2; exit 2; }
    done
    if [[ -n "$messages" ]]; then duration="$timeout"; fi
    RUN_LIMIT=$((warmup + duration + 2 * request_timeout + 60))
}
