#!/usr/bin/env bash
# Benchmark: rekapd's memory under small amplifying submissions (hardening issue, item 3). A 4 MiB
# body of `"indicators": [0,0,0,…]` made a 280 MB 422 answer and 1.8 GB peak RSS, 2.1 GB of it never
# given back. Now the parser stops at 10,000 items and a rejection lists 100 problems at most.
#
# Release build, throwaway cluster, Kota Dumai's regions. First a baseline of ordinary requests
# (BASELINE submissions of the demo's reports, each a new or an identical revision, and as many
# rejected small documents), then REQUESTS (default 20) amplifying bodies of 4 MiB, one after the
# other. Prints rekapd's RSS after the baseline (the reference), its peak (VmHWM) and its RSS after
# the amplifying requests, each as a ratio to the reference, and the size of one 422 answer.
# Run as root (the cluster runs as the postgres user). Not part of the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/lib/cluster.sh
source Benchmarks/lib/rekapd.sh

REQUESTS=${REQUESTS:-20}
BASELINE=${BASELINE:-50}
rekap_binaries
bench_cleanup() { stop_daemon; }
cluster_start
"${PSQL[@]}" -d postgres -c "CREATE DATABASE rekap" >/dev/null
URL=$(cluster_url rekap)
DATA=Sources/RekapCLI/DemoData
"$BIN/rekap" db migrate --database "$URL" >/dev/null
"$BIN/rekap" regions import "$DATA/dumai.csv" --database "$URL" >/dev/null
TOKEN=$("$BIN/rekap" token create --region 14.72.02 --role kecamatan --label bench --database "$URL" 2>/dev/null)

HTTP_PORT=$(free_port)
"$BIN/rekapd" --database "$URL" --listen "127.0.0.1:$HTTP_PORT" --log-level warning 2>"$WORK/rekapd.log" &
DAEMON=$!
BASE="http://127.0.0.1:$HTTP_PORT"
until curl -fsS "$BASE/healthz" >/dev/null 2>&1; do
    kill -0 "$DAEMON" || { cat "$WORK/rekapd.log"; exit 1; }
    sleep 0.1
done

kb() { grep -E "^$1:" "/proc/$DAEMON/status" | tr -s ' \t' ' ' | cut -d' ' -f2; }
post() { curl -sS -o "$WORK/answer" -w '%{http_code}' -X POST -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' --data-binary "@$1" "$BASE/v1/submissions"; }

# The amplifying body: just under the 4 MiB default limit.
amplifying_body "$WORK/amplify.json"
printf '{"format": "rekap.submission/v1", "region": "14.72.02", "year": 2023, "period": "FY", "indicators": [1, 2, 3]}' > "$WORK/small.json"

for i in $(seq 1 "$BASELINE"); do
    post "$DATA/submissions/14.72.02-2023.json" >/dev/null
    post "$WORK/small.json" >/dev/null
done
reference=$(kb VmRSS)
echo "after $BASELINE ordinary submissions and $BASELINE small rejections: VmRSS $reference kB (the reference)"

for i in $(seq 1 "$REQUESTS"); do
    status=$(post "$WORK/amplify.json")
    [[ "$status" == 422 ]] || { echo "amplifying request $i answered $status"; cat "$WORK/answer"; exit 1; }
done
answer=$(stat -c %s "$WORK/answer")
peak=$(kb VmHWM)
final=$(kb VmRSS)
ratio() { echo "scale=2; $1 / $reference" | bc -l; }
echo "after $REQUESTS amplifying 4 MiB requests: one 422 answer is $answer bytes"
echo "peak VmHWM $peak kB = $(ratio "$peak") x reference; final VmRSS $final kB = $(ratio "$final") x reference"
