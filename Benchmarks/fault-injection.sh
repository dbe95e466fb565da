#!/usr/bin/env bash
# Resilience suite: injects faults into a real rekapd on a throwaway cluster and checks, after each
# round, the invariants rekap promises:
#
#   acked      every acknowledged submission and PBB-P2 load is stored exactly once (none lost, none
#              doubled); an unacknowledged one at most once, and a load whole or not at all
#   equal      once recovered, the aggregates are fresh and equal a clean recompute (agg_run deleted,
#              `rekap consolidate`)
#   no-stuck   no job left pending, none failed, none with more attempts than --max-attempts
#   reconnect  rekapd is alive and LISTENs again by itself, within 60 s
#   memory     rekapd's resident memory (VmRSS) at most 1.5 times what it was after warming up
#   answers    (attacks) other requests are answered within 2 s while the attack runs
#
# Scenarios (each round is one function below):
#   kill        kill -9 of rekapd at a random point of a recompute, a new rekapd takes over (20 rounds)
#   pg-restart  PostgreSQL restarted with -m fast and -m immediate, during `rekap pbb load` and during
#               `rekap submit` (5 rounds of each of the 4 combinations)
#   concurrency two rekapd and 8 concurrent submitters for --duration seconds (1 round)
#   attacks     rekapd --listen: 200 slow-header sockets must not stop /healthz; 10 stalled PBB-P2
#               uploads must not stop other requests; 20 large-answer requests (the city report in every
#               format, concurrently) and 20 amplifying submissions (4 MiB of `[0,0,…]`, refused with a
#               short 422) must keep RSS flat (1 round each)
#
# Usage: Benchmarks/fault-injection.sh [--rounds N] [--only kill,pg-restart,...] [--duration S]
#   --rounds N    N rounds of each repeated scenario instead of the defaults above
#   --only LIST   only these scenarios (comma-separated)
#   --duration S  how long the concurrency round runs (default 60)
# BIN=<folder> uses the rekap/rekapd found there (e.g. BIN=.build/debug); otherwise both are built
# with CONFIG (default release). Run as root (the cluster runs as the postgres user). Prints a table of
# rounds and the invariants each held; exits 1 when any invariant was broken.
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/lib/cluster.sh
source Benchmarks/lib/rekapd.sh

ROUNDS=
ONLY=kill,pg-restart,concurrency,attacks
DURATION=60
while [[ $# -gt 0 ]]; do
    case $1 in
        --rounds) ROUNDS=$2; shift 2 ;;
        --only) ONLY=$2; shift 2 ;;
        --duration) DURATION=$2; shift 2 ;;
        -h|--help) sed -n '2,32p' "$0"; exit 0 ;;
        *) echo "unknown option $1 (see --help)" >&2; exit 64 ;;
    esac
done
wanted() { [[ ",$ONLY," == *",$1,"* ]]; }

MAX_ATTEMPTS=5
CITY=14.72
YEAR=2023
DEMO=Sources/RekapCLI/DemoData
DAEMONS=()      # pids of the rekapd started by this script
HTTP_PORT=

rekap_binaries
bench_cleanup() {
    local pid
    for pid in "${DAEMONS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${DAEMONS[@]}"; do wait "$pid" 2>/dev/null || true; done
    jobs -p | xargs -r kill 2>/dev/null || true
}
cluster_start -c max_connections=200
"${PSQL[@]}" -d postgres -c "CREATE DATABASE rekap"
URL=$(cluster_url rekap)
PSQL+=(-d rekap)
Q() { "${PSQL[@]}" -At -c "$1"; }
"$BIN/rekap" db migrate --database "$URL" >/dev/null
"$BIN/rekap" regions import "$DEMO/dumai.csv" --database "$URL" >/dev/null
"$BIN/rekap" pbb generate --regions "$DEMO/dumai.csv" --under $CITY --year $YEAR --objects 20000 --out "$WORK/feed" >/dev/null
"$BIN/rekap" pbb load --ketetapan "$WORK/feed/"*ketetapan*.csv --pembayaran "$WORK/feed/"*pembayaran*.csv --database "$URL" >/dev/null
NOP=$(sed -n 2p "$WORK"/feed/*ketetapan*.csv | cut -d, -f1)
mkdir -p "$WORK/docs" "$WORK/loads"
touch "$WORK/acked-docs" "$WORK/tried-docs" "$WORK/acked-loads" "$WORK/tried-loads"

# ---------------------------------------------------------------------------------------------
# Pieces

# start_daemon NAME [ARGS...]: starts rekapd named NAME, waits until it LISTENs; its pid in LAST_DAEMON.
start_daemon() {
    local name=$1; shift
    "$BIN/rekapd" --database "$URL?application_name=$name" --worker-id "$name" --max-attempts $MAX_ATTEMPTS \
        --log-level info "$@" 2>>"$WORK/$name.log" &
    LAST_DAEMON=$!
    DAEMONS+=("$LAST_DAEMON")
    listening "$name" 60 || { echo "rekapd $name did not start:"; tail -20 "$WORK/$name.log"; return 1; }
}
# listening NAME SECONDS: whether rekapd NAME LISTENs within SECONDS.
listening() {
    local deadline=$((SECONDS + $2))
    while ((SECONDS < deadline)); do
        [[ $(Q "SELECT count(*) FROM pg_stat_activity WHERE application_name = '$1'
                AND query = 'LISTEN \"rekap_pbb_load\"'" 2>/dev/null) == 1 ]] && return 0
        sleep 0.2
    done
    return 1
}
stop_pid() { kill -TERM "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
rss_kib() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }

# new_doc: a submission of a random Dumai kecamatan, made unique by whitespace after the JSON value
# (each digit of "pid seq" as that many spaces and a tab); prints its path.
DOC_SEQ=0
new_doc() {
    DOC_SEQ=$((DOC_SEQ + 1))
    local source path id digit i
    source=$(ls "$DEMO/submissions/"*-$YEAR.json | shuf -n 1)
    path="$WORK/docs/$BASHPID-$DOC_SEQ.json"
    id="$BASHPID $DOC_SEQ"
    {
        cat "$source"
        for ((i = 0; i < ${#id}; i++)); do
            digit=${id:i:1}
            if [[ $digit == " " ]]; then printf '\n'; else printf "%*s\t" $((digit + 1)) ''; fi
        done
        printf '\n'
    } > "$path"
    echo "$path"
}
# submit PATH: `rekap submit`; records the document as tried, and as acknowledged when it exits 0.
submit() {
    local sha
    sha=$(sha256sum "$1" | cut -d' ' -f1)
    echo "$sha" >> "$WORK/tried-docs"
    if "$BIN/rekap" submit "$1" --database "$URL" >/dev/null 2>>"$WORK/submit.log"; then
        echo "$sha" >> "$WORK/acked-docs"
    fi
}
# new_load: a one-payment pembayaran feed for an existing object, unique by its amount; prints its path.
new_load() {
    local path="$WORK/loads/p-$RANDOM-$RANDOM.csv"
    printf 'nop,tahun,tanggal,pokok,denda\n%s,%s,%s-06-%02d,%d,0\n' "$NOP" $YEAR $YEAR $((RANDOM % 28 + 1)) $((RANDOM * 7 + 1000)) > "$path"
    echo "$path"
}
# load_feed KIND PATH: `rekap pbb load`; recorded like submit.
load_feed() {
    local sha
    sha=$(sha256sum "$2" | cut -d' ' -f1)
    echo "$sha" >> "$WORK/tried-loads"
    if "$BIN/rekap" pbb load "--$1" "$2" --database "$URL" >/dev/null 2>>"$WORK/load.log"; then
        echo "$sha" >> "$WORK/acked-loads"
    fi
}

# ---------------------------------------------------------------------------------------------
# Invariants: each prints nothing and returns 0 when it holds, or prints why and returns 1.

check_acked() {
    local problems
    problems=$(
        {
            sort -u "$WORK/acked-docs" | sed 's/^/acked-doc /'
            sort -u "$WORK/tried-docs" | sed 's/^/tried-doc /'
            sort -u "$WORK/acked-loads" | sed 's/^/acked-load /'
            sort -u "$WORK/tried-loads" | sed 's/^/tried-load /'
        } | while read -r kind sha; do
            case $kind in
                *-doc) n=$(Q "SELECT count(*) FROM submission WHERE document_sha256 = '\\x$sha'") ;;
                *-load) n=$(Q "SELECT count(*) FROM pbb_load WHERE sha256 = '\\x$sha'") ;;
            esac
            if [[ $kind == acked-* && $n != 1 ]]; then echo "$kind $sha stored $n times"; fi
            if [[ $kind == tried-* && $n -gt 1 ]]; then echo "$kind $sha stored $n times"; fi
        done
        # A load is whole or absent: its rows are there with it.
        Q "SELECT 'load ' || id || ' has ' || row_count || ' rows recorded but ' || n || ' stored'
           FROM (SELECT l.id, l.row_count, (SELECT count(*) FROM pbb_pembayaran p WHERE p.load_id = l.id) AS n
                 FROM pbb_load l WHERE kind = 'pembayaran') x WHERE n <> row_count" 2>/dev/null || true
    )
    [[ -z $problems ]] || { echo "$problems" | head -5; return 1; }
}

# Waits (up to 120 s) until no job is pending and the aggregates have seen every submission and load.
settled() {
    local deadline=$((SECONDS + 120))
    while ((SECONDS < deadline)); do
        [[ $(Q "SELECT (SELECT count(*) FROM consolidation_job WHERE status = 'pending') = 0
                AND EXISTS (SELECT FROM agg_run r WHERE city_code = '$CITY' AND year = $YEAR
                    AND submissions_seen = (SELECT count(*) FROM submission WHERE city_code = '$CITY' AND year = $YEAR)
                    AND pbb_loads_seen = (SELECT count(*) FROM pbb_load))") == t ]] && return 0
        sleep 0.3
    done
    return 1
}

check_no_stuck() {
    settled || { echo "not settled within 120 s: $(Q "SELECT string_agg(id || ' ' || status || ' attempts ' || attempts, '; ') FROM consolidation_job WHERE status = 'pending'")"; return 1; }
    local bad
    bad=$(Q "SELECT string_agg('job ' || id || ' ' || status || ' attempts ' || attempts || coalesce(' ' || left(last_error, 80), ''), '; ')
             FROM consolidation_job WHERE status = 'failed' OR attempts > $MAX_ATTEMPTS")
    [[ -z $bad ]] || { echo "$bad"; return 1; }
}

# The aggregate tables of the city and year, as one hash (agg_run left out: it holds times).
aggregates_hash() {
    local tables sql=""
    tables=$(Q "SELECT string_agg(table_name, ' ' ORDER BY table_name) FROM information_schema.columns
                WHERE table_name LIKE 'agg\\_%' AND table_name <> 'agg_run' AND column_name = 'year'")
    for t in $tables; do
        sql+="${sql:+ || }(SELECT coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '-') FROM $t x WHERE city_code = '$CITY' AND year = $YEAR)"
    done
    Q "SELECT md5($sql)"
}

check_equal() {
    settled || { echo "aggregates not fresh within 120 s"; return 1; }
    local before after
    before=$(aggregates_hash)
    Q "DELETE FROM agg_run WHERE city_code = '$CITY' AND year = $YEAR" >/dev/null
    "$BIN/rekap" consolidate --city $CITY --year $YEAR --database "$URL" >/dev/null 2>>"$WORK/consolidate.log" \
        || { echo "rekap consolidate failed"; return 1; }
    after=$(aggregates_hash)
    [[ $before == "$after" ]] || { echo "aggregates $before differ from a clean recompute $after"; return 1; }
}

# check_reconnect NAME PID
check_reconnect() {
    kill -0 "$2" 2>/dev/null || { echo "rekapd $1 exited: $(tail -3 "$WORK/$1.log")"; return 1; }
    listening "$1" 60 || { echo "rekapd $1 does not LISTEN again within 60 s"; return 1; }
}

# check_memory PID BASELINE_KIB
check_memory() {
    local now
    now=$(rss_kib "$1")
    if ((now * 2 > $2 * 3)); then echo "RSS $now KiB, baseline $2 KiB"; return 1; fi
}

# ---------------------------------------------------------------------------------------------
# The table

ROUND=0
FAILED=0
RESULTS="$WORK/results"
printf '%-5s %-36s %-44s %-42s %s\n' round scenario "invariants held" "what happened" "broken" > "$RESULTS"
NOTE=    # what the round did, for the table (set by the round)
# record SCENARIO INVARIANT[:ARGS]...: runs check_INVARIANT ARGS for each and adds a row to the table.
record() {
    local scenario=$1; shift
    local held=() broken=() why inv
    ROUND=$((ROUND + 1))
    for inv in "$@"; do
        local name=${inv%%:*} args="" shown
        [[ $inv == *:* ]] && args=${inv#*:}
        shown=$name
        [[ $name == answers ]] && shown="answers $args"
        # shellcheck disable=SC2086
        if why=$("check_${name//-/_}" $args 2>&1); then
            held+=("$shown")
        else
            why=${why//$'\n'/ / }
            broken+=("$shown: ${why:0:200}")
        fi
    done
    [[ ${#broken[@]} -eq 0 ]] || FAILED=$((FAILED + 1))
    local line
    line=$(printf '%-5s %-36s %-44s %-42s %s' "$ROUND" "$scenario" "${held[*]:-}" "$NOTE" "${broken[*]:-}")
    NOTE=
    echo "$line" >> "$RESULTS"
    echo "$line"
}

# ---------------------------------------------------------------------------------------------
# Scenarios

# A job being worked holds its session lock (AdvisoryLock.consolidationJob: class 2, two-key form).
jobs_running() { Q "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = 2 AND objsubid = 2"; }

round_kill() {
    local pid=$1 delay running i
    # A PBB-P2 load makes the recompute redo the feed (the long part), and a submission follows.
    load_feed pembayaran "$(new_load)"
    submit "$(new_doc)"
    # Wait for the recompute to begin, then kill at a random point of it (0-400 ms in).
    for ((i = 0; i < 250; i++)); do [[ $(jobs_running) != 0 ]] && break; sleep 0.02; done
    delay=$(printf '0.%03d' $((RANDOM % 400)))
    sleep "$delay"
    running=$(jobs_running)
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    NOTE="killed ${delay}s into it, $([[ $running == 0 ]] && echo "after it" || echo "mid-recompute")"
}

scenario_kill() {
    local n=${ROUNDS:-20} i
    start_daemon rekapd_kill_0
    settled || true
    for i in $(seq 1 "$n"); do
        round_kill "$LAST_DAEMON"
        start_daemon "rekapd_kill_$i"
        record "kill -9 mid-recompute ($i/$n)" acked no-stuck equal "reconnect:rekapd_kill_$i $LAST_DAEMON"
    done
    stop_pid "$LAST_DAEMON"
}

# restart_postgres MODE: stops the cluster with -m MODE and starts it again with the same options
# (pg_ctl restart reads them from postmaster.opts), on the same port.
restart_postgres() {
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$WORK/data" -l "$WORK/log" -m "$1" -w restart >/dev/null
}

round_pg_restart() {
    local during=$1 mode=$2 worker acked tried
    acked=$(cat "$WORK/acked-docs" "$WORK/acked-loads" | wc -l)
    tried=$(cat "$WORK/tried-docs" "$WORK/tried-loads" | wc -l)
    if [[ $during == load ]]; then
        # The big ketetapan feed again with one amount changed (a new sha): a load of some seconds.
        local feed="$WORK/loads/k-$RANDOM$RANDOM.csv"
        sed "2s/,\([0-9]*\)$/,\1$((RANDOM % 9))/" "$WORK"/feed/*ketetapan*.csv > "$feed"
        load_feed ketetapan "$feed" &
        worker=$!
    else
        ( for _ in $(seq 1 20); do submit "$(new_doc)"; done ) &
        worker=$!
    fi
    sleep "0.$((RANDOM % 8 + 1))"
    restart_postgres "$mode"
    local back recovered
    back=$(date +%s.%N)
    wait "$worker" || true
    acked=$(( $(cat "$WORK/acked-docs" "$WORK/acked-loads" | wc -l) - acked ))
    tried=$(( $(cat "$WORK/tried-docs" "$WORK/tried-loads" | wc -l) - tried ))
    # What a person would do after a refused load or submit: try again later (it must not double).
    submit "$(new_doc)"
    # Recovery: from PostgreSQL accepting connections again to the city's aggregates fresh again
    # (rekapd listening again and every acknowledged change consolidated).
    settled || true
    recovered=$(awk -v a="$back" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
    NOTE="$acked of $tried $during acked, fresh in $recovered s"
}

scenario_pg_restart() {
    local n=${ROUNDS:-5} during mode i pid baseline
    start_daemon rekapd_pg
    pid=$LAST_DAEMON
    settled || true
    baseline=$(rss_kib "$pid")
    for during in load submit; do
        for mode in fast immediate; do
            for i in $(seq 1 "$n"); do
                round_pg_restart $during $mode
                record "pg -m $mode during $during ($i/$n)" "reconnect:rekapd_pg $pid" acked no-stuck equal "memory:$pid $baseline"
            done
        done
    done
    stop_pid "$pid"
}

scenario_concurrency() {
    local a b base_a base_b i workers=()
    start_daemon rekapd_a; a=$LAST_DAEMON
    start_daemon rekapd_b; b=$LAST_DAEMON
    settled || true
    base_a=$(rss_kib "$a"); base_b=$(rss_kib "$b")
    local until=$((SECONDS + DURATION))
    for i in $(seq 1 8); do
        ( while ((SECONDS < until)); do submit "$(new_doc)"; done ) &
        workers+=($!)
    done
    wait "${workers[@]}" || true
    local done_by
    done_by=$(Q "SELECT string_agg(worker_id || ' ' || n, ', ') FROM (SELECT worker_id, count(*) n FROM consolidation_job
                 WHERE status = 'done' AND worker_id LIKE 'rekapd\\_%' GROUP BY worker_id) x")
    record "2 rekapd, 8 submitters, ${DURATION}s" acked no-stuck equal "reconnect:rekapd_a $a" "reconnect:rekapd_b $b" \
        "memory:$a $base_a" "memory:$b $base_b"
    echo "      submissions acknowledged: $(sort -u "$WORK/acked-docs" | wc -l); jobs done by: $done_by"
    stop_pid "$a"; stop_pid "$b"
}

# answers PATH: GET PATH answers (any status) within 2 s.
check_answers() {
    curl -s -o /dev/null -m 2 "http://127.0.0.1:$HTTP_PORT$1" || { echo "GET $1 got no answer within 2 s"; return 1; }
}

scenario_attacks() {
    local pid baseline fds=() fd i revenue bappeda kecamatan
    start_daemon rekapd_http --listen 127.0.0.1:0
    pid=$LAST_DAEMON
    HTTP_PORT=$(grep -oE '127\.0\.0\.1:[0-9]+' "$WORK/rekapd_http.log" | grep -v ':0$' | tail -1 | cut -d: -f2)
    [[ -n $HTTP_PORT ]] || { echo "no HTTP port in the rekapd log"; tail "$WORK/rekapd_http.log"; return 1; }
    revenue=$("$BIN/rekap" token create --region $CITY --role revenue --database "$URL" 2>/dev/null)
    bappeda=$("$BIN/rekap" token create --region $CITY --role bappeda --database "$URL" 2>/dev/null)
    kecamatan=$("$BIN/rekap" token create --region $CITY.02 --role kecamatan --database "$URL" 2>/dev/null)
    settled || true
    curl -s -o /dev/null -H "Authorization: Bearer $bappeda" "http://127.0.0.1:$HTTP_PORT/v1/reports/$CITY/$YEAR?format=html"
    baseline=$(rss_kib "$pid")

    # Slow headers: 200 connections that send half a request line and then nothing.
    for i in $(seq 1 200); do
        exec {fd}<>"/dev/tcp/127.0.0.1/$HTTP_PORT" || break
        printf 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ' >&"$fd"
        fds+=("$fd")
    done
    record "200 slow-header sockets" "answers:/healthz" "reconnect:rekapd_http $pid"
    for fd in "${fds[@]}"; do exec {fd}>&-; done
    fds=()

    # Stalled uploads: 10 PBB-P2 uploads that announce 100 MB and stop after the first line.
    for i in $(seq 1 10); do
        exec {fd}<>"/dev/tcp/127.0.0.1/$HTTP_PORT" || break
        printf 'POST /v1/pbb/ketetapan HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Type: text/csv\r\nContent-Length: 100000000\r\n\r\n' "$revenue" >&"$fd"
        head -1 "$WORK"/feed/*ketetapan*.csv >&"$fd"
        fds+=("$fd")
    done
    sleep 1
    record "10 stalled PBB-P2 uploads" "answers:/healthz" "answers:/v1/submissions" "reconnect:rekapd_http $pid"
    for fd in "${fds[@]}"; do exec {fd}>&-; done
    fds=()

    # Amplification: 20 concurrent requests for the largest answers (small request, big answer).
    local workers=()
    for i in $(seq 1 20); do
        local format
        format=$(echo html json md csv | tr ' ' '\n' | sed -n "$((i % 4 + 1))p")
        curl -s -o /dev/null -m 60 -H "Authorization: Bearer $bappeda" \
            "http://127.0.0.1:$HTTP_PORT/v1/reports/$CITY/$YEAR?format=$format" &
        workers+=($!)
    done
    wait "${workers[@]}" || true
    record "20 large-answer requests" "answers:/healthz" "memory:$pid $baseline" "reconnect:rekapd_http $pid"

    # Amplification: 20 submissions of 4 MiB of `"indicators": [0,0,0,…]` (each once gave a 280 MB
    # answer); each must be refused with a short 422, and memory stay flat.
    amplifying_body "$WORK/amplify.json"
    local status biggest=0 size
    for i in $(seq 1 20); do
        status=$(curl -s -o "$WORK/amplify-answer" -w '%{http_code}' -m 60 -X POST -H "Authorization: Bearer $kecamatan" \
            -H 'Content-Type: application/json' --data-binary "@$WORK/amplify.json" "http://127.0.0.1:$HTTP_PORT/v1/submissions")
        size=$(stat -c %s "$WORK/amplify-answer")
        ((size > biggest)) && biggest=$size
        [[ $status == 422 ]] || echo "      amplifying submission $i answered $status"
    done
    echo "      amplifying submissions: largest answer $biggest bytes"
    record "20 amplifying submissions" "answers:/healthz" "memory:$pid $baseline" "reconnect:rekapd_http $pid"
    stop_pid "$pid"
}

# ---------------------------------------------------------------------------------------------

started=$SECONDS
if wanted kill; then scenario_kill; fi
if wanted pg-restart; then scenario_pg_restart; fi
if wanted concurrency; then scenario_concurrency; fi
if wanted attacks; then scenario_attacks; fi

echo
cat "$RESULTS"
echo
echo "$ROUND rounds in $((SECONDS - started)) s; $((ROUND - FAILED)) held every invariant, $FAILED broke one or more"
if grep -qE ' critical ' "$WORK"/rekapd_*.log 2>/dev/null; then
    echo "rekapd logged critical errors:"; grep -h ' critical ' "$WORK"/rekapd_*.log | head -5
fi
[[ $FAILED -eq 0 ]]
