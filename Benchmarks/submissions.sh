#!/usr/bin/env bash
# Benchmark: validate and store COUNT (1,000) submissions of the seed's size (the transcribed LKjIP of
# Dumai Timur: 3 indicators, 57 budget lines, 11 awards) through SubmissionStore.submit, each a new
# revision, on a throwaway cluster, release build. Prints submissions/s, the median and slowest single
# submission, and ratios against two references measured in the same run, taking turns document by
# document: validation alone (no database), and validation plus inserting only the submission row (the
# floor for storing anything durably: one transaction, one commit). Then the same count again with 4
# clients at once.
# Run as root (the cluster runs as the postgres user). Not part of the test suite.
set -euo pipefail
cd "$(dirname "$0")"
source lib/cluster.sh

COUNT=${COUNT:-1000}
ROOT=$(cd .. && pwd)

echo "building SubmissionBenchmark (release)..."
swift build -c release --product SubmissionBenchmark >/dev/null
BIN="$(swift build -c release --show-bin-path)/SubmissionBenchmark"

cluster_start
URL=$(cluster_url postgres)

# The benchmark migrates the database and loads the regions itself.
OUT=$("$BIN" "$URL" "$ROOT/Tests/RekapDomainTests/Fixtures/accepted/dumai-timur-2023.json" \
    "$ROOT/Sources/RekapCLI/DemoData/dumai.csv" "$COUNT")
echo "$OUT"

field() { echo "$OUT" | awk -v line="$1" -v key="$2" '$1 == line { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == key) print kv[2] } }'; }
submit=$(field submit per_second); validation=$(field validation per_second); bare=$(field validation+bare_row per_second)
printf "submit: %s submissions/s, median %s ms, slowest %s ms\n" "$submit" "$(field submit median_ms)" "$(field submit slowest_ms)"
printf "ratio submit / validation alone (throughput): %.3f\n" "$(echo "$submit / $validation" | bc -l)"
printf "ratio submit / validation + bare submission row (throughput): %.3f\n" "$(echo "$submit / $bare" | bc -l)"
printf "submit with 4 clients: %s submissions/s\n" "$(field submit_4_clients per_second)"
