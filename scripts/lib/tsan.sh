# The ThreadSanitizer run: a separate build in .build/tsan, its Swift tests, and the integration tests
# against its mlsgate binary. Source this file after the setup of scripts/test, then call
# `run_tsan_tests [extra arguments for swift test]`; it fails when a data race is reported. It needs
# scripts/lib/{prosody,ejabberd}.sh sourced and MLSGATE_PYTHON set (scripts/lib/venv.sh).
#
# TSan reports appear in the output of the Swift tests (whose process then exits with 66, failing
# `swift test`) and, for the mlsgate processes that the integration tests start, to files in a temporary directory,
# printed and counted at the end. halt_on_error=0 lets a run collect every report instead of the first.
# MLSGATE_TSAN_SERVERS picks the servers of the integration part (default: prosody; "none" skips it).

run_tsan_tests() {
    local options="halt_on_error=0 second_deadlock_stack=1"
    echo "== swift tests under ThreadSanitizer (.build/tsan)"
    swift build --build-tests --sanitize=thread --build-path .build/tsan
    TSAN_OPTIONS="$options ${TSAN_OPTIONS:-}" \
        swift test --skip-build --sanitize=thread --build-path .build/tsan "$@"

    local servers="${MLSGATE_TSAN_SERVERS:-prosody}"
    [[ $servers == none ]] && return 0
    local kind
    for kind in $servers; do "ensure_$kind"; done
    echo "== integration tests ($servers) against the ThreadSanitizer mlsgate binary"
    local logs status=0
    logs="$(mktemp -d)"
    MLSGATE_XMPP_SERVERS="$servers" \
        MLSGATE_BINARY="$(swift build --sanitize=thread --build-path .build/tsan --show-bin-path)/mlsgate" \
        TSAN_OPTIONS="$options log_path=$logs/tsan ${TSAN_OPTIONS:-}" \
        "$MLSGATE_PYTHON" -m pytest -q -p no:cacheprovider Tests/Integration || status=$?
    if compgen -G "$logs/tsan.*" >/dev/null; then
        cat "$logs"/tsan.*
        echo "ThreadSanitizer: reports from $(ls "$logs" | wc -l) mlsgate process(es), above" >&2
        status=1
    fi
    rm -rf "$logs"
    return "$status"
}
