#!/usr/bin/env bash
# Benchmark: the cost of `submit` of a plan document (Renstra, PK murni, PK perubahan) or a report with
# 10 regions' worth of other documents stored against 1,000 regions' worth (issue #12: storing a document
# re-evaluates only its region's year, so the ratio should be about 1). Two databases in one throwaway
# cluster, measured in the same run taking turns (see Sources/PlanBenchmark). ROUNDS (20) submissions of
# each kind per database; CONFIG=debug builds faster than the default release.
# Run as root (the cluster runs as the postgres user). Not part of the test suite.
set -euo pipefail
cd "$(dirname "$0")"
source lib/cluster.sh

ROUNDS=${ROUNDS:-20}
CONFIG=${CONFIG:-release}
ROOT=$(cd .. && pwd)

echo "building PlanBenchmark ($CONFIG)..."
swift build -c "$CONFIG" --product PlanBenchmark >/dev/null
BIN="$(swift build -c "$CONFIG" --show-bin-path)/PlanBenchmark"

cluster_start
"${PSQL[@]}" -d postgres -c "CREATE DATABASE plans_10" -c "CREATE DATABASE plans_1000"

# The benchmark migrates both databases and imports the national registry itself.
"$BIN" "$(cluster_url plans_10)" "$(cluster_url plans_1000)" "$ROOT/Tests/RekapDomainTests/Fixtures" \
    "$ROOT/Tests/RekapStoreTests/Fixtures/regions.csv" "$ROUNDS"
