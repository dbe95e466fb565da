# Sourced by the benchmark scripts that run the built `rekap` and `rekapd`.
#
#   rekap_binaries       sets BIN, the folder holding rekap and rekapd: BIN=<folder> from the
#                        environment as it is (to compare with another build), else both built with
#                        CONFIG (default release, what is deployed).
#   stop_daemon          stops the rekapd whose pid is in DAEMON, if any, gracefully (SIGTERM, then
#                        waits): for the script's bench_cleanup.
#   amplifying_body FILE writes the hardening issue's amplifying submission to FILE: just under the
#                        4 MiB default limit of `"indicators": [0,0,0,…]` (once a 280 MB 422 answer).

rekap_binaries() {
    [[ -n "${BIN:-}" ]] && return 0
    local config=${CONFIG:-release}
    echo "building rekap and rekapd ($config)..."
    swift build -c "$config" --product rekapd >/dev/null
    swift build -c "$config" --product rekap >/dev/null
    BIN=$(swift build -c "$config" --show-bin-path)
}

DAEMON=
stop_daemon() {
    if [[ -n "$DAEMON" ]]; then
        kill -TERM "$DAEMON" 2>/dev/null && wait "$DAEMON" 2>/dev/null
        DAEMON=
    fi
    return 0
}

amplifying_body() {
    python3 - "$1" <<'PY'
import sys
head = b'{"format": "rekap.submission/v1", "region": "14.72.02", "year": 2023, "period": "FY", "indicators": [0'
body = head + b',0' * ((4 * 1024 * 1024 - len(head) - 4) // 2) + b']}'
open(sys.argv[1], 'wb').write(body)
PY
}
