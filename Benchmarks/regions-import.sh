#!/usr/bin/env bash
# Benchmark: `rekap regions import` of the full Kemendagri registry (91,599 rows, 3.2 MB) on a
# throwaway cluster: a first import into an empty registry, a re-import of the same file (nothing
# changes), and a re-import where every name changed (91,599 renames). 3 rounds each; wall time
# of the whole command (process start, connect, read, check, COPY, merge, commit).
# Run as root from anywhere (the cluster runs as the postgres user). Not part of the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/lib/cluster.sh

ROUNDS=${ROUNDS:-3}
CSV=${CSV:-Tests/RekapStoreTests/Fixtures/regions.csv}

echo "building rekap (release)..."
swift build -c release --product rekap >/dev/null
REKAP="$(swift build -c release --show-bin-path)/rekap"

cluster_start

# Every name upper-cased (the header and the codes are unchanged; quoted names stay quoted).
RENAMED="$WORK/renamed.csv"
{ head -1 "$CSV"; tail -n +2 "$CSV" | awk -F, -v OFS=, '{ for (i = 2; i < NF - 1; i++) $i = toupper($i); print }'; } > "$RENAMED"

now() { date +%s.%N; }
run() {  # label, file, url
    local t0 t1 out
    t0=$(now); out=$("$REKAP" regions import "$2" --database "$3"); t1=$(now)
    printf "  %-10s %6.2f s   %s\n" "$1" "$(echo "$t1 - $t0" | bc -l)" "${out#*: }"
}

for round in $(seq 1 "$ROUNDS"); do
    "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS bench" -c "CREATE DATABASE bench"
    URL=$(cluster_url bench)
    "$REKAP" db migrate --database "$URL" >/dev/null
    echo "round $round:"
    run "first" "$CSV" "$URL"
    run "same" "$CSV" "$URL"
    run "renamed" "$RENAMED" "$URL"
done
