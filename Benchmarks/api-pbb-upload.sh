#!/usr/bin/env bash
# Benchmark: a PBB-P2 ketetapan feed loaded over HTTP (POST /v1/pbb/ketetapan with a revenue token:
# spooled to a temporary file, then read by PBBFeedLoader, row-level security, the staged INSERT ... SELECT path) against the same
# file through `rekap pbb load` (the table owner: straight COPY), each into a fresh database of one
# throwaway cluster. Prints both times and rekapd's peak RSS (VmHWM) before and after the upload, which
# must stay far below the file's size (the body is never held whole).
# Run as root (the cluster runs as the postgres user). Not part of the test suite.
# OBJECTS=N sets the feed size (default 500000); CONFIG=debug measures the debug build (default: release).
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/lib/cluster.sh
source Benchmarks/lib/rekapd.sh

OBJECTS=${OBJECTS:-500000}
HTTP_PORT=${HTTP_PORT:-18097}

rekap_binaries
bench_cleanup() { stop_daemon; }
cluster_start
REGIONS=Sources/RekapCLI/DemoData/dumai.csv
for db in cli api; do
    "${PSQL[@]}" -d postgres -c "CREATE DATABASE $db"
    "$BIN/rekap" db migrate --database "$(cluster_url $db)" >/dev/null
    "$BIN/rekap" regions import "$REGIONS" --database "$(cluster_url $db)" >/dev/null
done
"$BIN/rekap" pbb generate --regions "$REGIONS" --under 14.72 --year 2023 --objects "$OBJECTS" --out "$WORK/feeds" >/dev/null
SIZE=$(stat -c %s "$WORK/feeds/ketetapan.csv")
echo "feed: $OBJECTS objects, $((SIZE / 1048576)) MiB"

now() { date +%s.%N; }
t0=$(now)
"$BIN/rekap" pbb load --ketetapan "$WORK/feeds/ketetapan.csv" --database "$(cluster_url cli)" >/dev/null
t1=$(now)
printf "rekap pbb load (owner, COPY):          %6.2f s\n" "$(echo "$t1 - $t0" | bc -l)"

API_URL=$(cluster_url api)
TOKEN=$("$BIN/rekap" token create --region 14.72 --role revenue --label bench --database "$API_URL" 2>/dev/null)
"$BIN/rekapd" --database "$API_URL" --listen "127.0.0.1:$HTTP_PORT" --log-level warning 2>"$WORK/rekapd.log" &
DAEMON=$!
until curl -sf "http://127.0.0.1:$HTTP_PORT/healthz" >/dev/null; do
    kill -0 "$DAEMON" || { cat "$WORK/rekapd.log"; exit 1; }
    sleep 0.05
done
memory() { grep -E '^VmHWM' "/proc/$DAEMON/status" | tr -s ' \t' ' '; }
echo "rekapd started:                         $(memory)"
t0=$(now)
status=$(curl -s -o "$WORK/answer.json" -w '%{http_code}' -X POST -H "Authorization: Bearer $TOKEN" \
    -H "Content-Type: text/csv" --data-binary "@$WORK/feeds/ketetapan.csv" "http://127.0.0.1:$HTTP_PORT/v1/pbb/ketetapan")
t1=$(now)
[[ $status == 201 ]] || { echo "HTTP $status"; cat "$WORK/answer.json"; exit 1; }
printf "POST /v1/pbb/ketetapan (revenue, RLS): %6.2f s; %s\n" "$(echo "$t1 - $t0" | bc -l)" "$(memory)"
rows=$("${PSQL[@]}" -d api -At -c "SELECT count(*) FROM pbb_ketetapan")
echo "stored over HTTP: $rows rows"
