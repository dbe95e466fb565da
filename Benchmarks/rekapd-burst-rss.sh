#!/usr/bin/env bash
# Benchmark: peak RSS (VmHWM in /proc/PID/status) of rekapd during bursts of notifications, on a
# throwaway cluster. Burst 1: 500 rekap_submission notifications in one commit, naming 5 years of one
# city. Burst 2: 500 notifications in 500 commits, naming 50 years. Prints VmHWM and VmRSS after
# start, after each burst, the jobs each burst became, and how long they took to drain.
# Run as root (the cluster runs as the postgres user). Not part of the test suite.
# CONFIG=debug measures the debug build (default: release, what is deployed).
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/lib/cluster.sh
source Benchmarks/lib/rekapd.sh

rekap_binaries
bench_cleanup() { stop_daemon; }
cluster_start
"${PSQL[@]}" -d postgres -c "CREATE DATABASE rekap"
URL=$(cluster_url rekap)
PSQL+=(-d rekap)
"$BIN/rekap" db migrate --database "$URL" >/dev/null
"${PSQL[@]}" -c "INSERT INTO region (code, name, level, parent_code) VALUES
    ('14', 'Riau', 1, NULL), ('14.72', 'Dumai', 2, '14'), ('14.72.02', 'Dumai Timur', 3, '14.72')"

"$BIN/rekapd" --database "$URL?application_name=rekapd_bench" --log-level warning 2>"$WORK/rekapd.log" &
DAEMON=$!
until [[ $("${PSQL[@]}" -At -c "SELECT count(*) FROM pg_stat_activity
        WHERE application_name = 'rekapd_bench' AND query = 'LISTEN \"rekap_pbb_load\"'") == 1 ]]; do
    kill -0 "$DAEMON" || { cat "$WORK/rekapd.log"; exit 1; }
    sleep 0.05
done

memory() { grep -E '^(VmHWM|VmRSS)' "/proc/$DAEMON/status" | tr -s ' \t' ' ' | paste -sd ' '; }
payload() { printf '{"submission_id":%d,"region":"14.72.02","city":"14.72","year":%d,"period":"FY","revision":1}' "$1" "$2"; }
# Waits until every year in the given range has a job done since $2 (a timestamp).
drained() {
    local first=$1 last=$2 since=$3
    until [[ $("${PSQL[@]}" -At -c "SELECT count(DISTINCT year) FROM consolidation_job
            WHERE status = 'done' AND year BETWEEN $first AND $last AND finished_at >= '$since'") == $((last - first + 1)) ]]; do
        sleep 0.05
    done
}
now() { date +%s.%N; }

echo "started:            $(memory)"

since=$("${PSQL[@]}" -At -c "SELECT clock_timestamp()")
{
    echo "BEGIN;"
    for i in $(seq 1 500); do echo "SELECT pg_notify('rekap_submission', '$(payload "$i" $((2019 + i % 5)))');"; done
    echo "COMMIT;"
} > "$WORK/burst1.sql"
t0=$(now)
"${PSQL[@]}" -f "$WORK/burst1.sql" >/dev/null
drained 2019 2023 "$since"
t1=$(now)
jobs=$("${PSQL[@]}" -At -c "SELECT count(*) FROM consolidation_job WHERE requested_at >= '$since'")
printf "burst 1 (500 notifications, 1 commit, 5 years): %d jobs, drained in %.2f s; %s\n" "$jobs" "$(echo "$t1 - $t0" | bc -l)" "$(memory)"

since=$("${PSQL[@]}" -At -c "SELECT clock_timestamp()")
for i in $(seq 1 500); do echo "SELECT pg_notify('rekap_submission', '$(payload "$((1000 + i))" $((1950 + i % 50)))');"; done > "$WORK/burst2.sql"
t0=$(now)
"${PSQL[@]}" -f "$WORK/burst2.sql" >/dev/null
drained 1950 1999 "$since"
t1=$(now)
jobs=$("${PSQL[@]}" -At -c "SELECT count(*) FROM consolidation_job WHERE requested_at >= '$since'")
printf "burst 2 (500 notifications, 500 commits, 50 years): %d jobs, drained in %.2f s; %s\n" "$jobs" "$(echo "$t1 - $t0" | bc -l)" "$(memory)"

kill -TERM "$DAEMON"
status=0; wait "$DAEMON" || status=$?
DAEMON=
echo "rekapd exit status after SIGTERM: $status"
if grep -qE ' (error|critical) ' "$WORK/rekapd.log"; then
    echo "rekapd logged errors:"; cat "$WORK/rekapd.log"; exit 1
fi
