#!/usr/bin/env bash
# Benchmark: load 1,000,000 CSV rows (id int, code text, amount numeric(14,2)) through the
# wrapper's COPY (CopyBenchmark, 256 KiB chunks) and through psql's \copy, 3 rounds each,
# alternating, into identical tables on a throwaway cluster. Prints rows/s and the ratio.
# Run as root (the cluster runs as the postgres user). Not part of the test suite.
set -euo pipefail
cd "$(dirname "$0")"
source lib/cluster.sh

ROWS=${ROWS:-1000000}
ROUNDS=${ROUNDS:-3}

echo "building CopyBenchmark (release)..."
swift build -c release --product CopyBenchmark >/dev/null
BIN="$(swift build -c release --show-bin-path)/CopyBenchmark"

cluster_start
URL=$(cluster_url postgres)
PSQL+=(-d postgres)

CSV="$WORK/data.csv"
awk -v n="$ROWS" 'BEGIN {
    for (i = 1; i <= n; i++)
        printf "%d,kode-%d-Äöü-日本-ĝ,%d.%02d\n", i, i % 1000, (i * 7919) % 100000000, i % 100
}' > "$CSV"
chmod 644 "$CSV"
echo "CSV: $ROWS rows, $(du -m "$CSV" | cut -f1) MB"

"${PSQL[@]}" -c "CREATE TABLE t_wrapper (id int, code text, amount numeric(14,2))" \
             -c "CREATE TABLE t_psql (id int, code text, amount numeric(14,2))"

now() { date +%s.%N; }
declare -a WR PS
for round in $(seq 1 "$ROUNDS"); do
    # Wrapper (wall time includes process start and connect, as psql's does).
    "${PSQL[@]}" -c "TRUNCATE t_wrapper" -c "CHECKPOINT"
    t0=$(now); out=$("$BIN" "$URL" t_wrapper "$CSV"); t1=$(now)
    [[ "$out" == "rows=$ROWS "* ]] || { echo "wrapper copied: $out"; exit 1; }
    WR+=("$(echo "$t1 - $t0" | bc -l)")

    "${PSQL[@]}" -c "TRUNCATE t_psql" -c "CHECKPOINT"
    t0=$(now); "${PSQL[@]}" -c "\\copy t_psql from '$CSV' csv"; t1=$(now)
    PS+=("$(echo "$t1 - $t0" | bc -l)")
    printf "round %d: wrapper %.3f s (%s), psql %.3f s\n" "$round" "${WR[-1]}" "$out" "${PS[-1]}"
done

same=$("${PSQL[@]}" -At -c "SELECT (SELECT count(*) FROM t_wrapper) = $ROWS AND NOT EXISTS (SELECT * FROM t_wrapper EXCEPT SELECT * FROM t_psql)")
[[ "$same" == "t" ]] || { echo "tables differ"; exit 1; }

best() { printf "%s\n" "$@" | sort -g | head -1; }
median() { printf "%s\n" "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
wb=$(best "${WR[@]}"); pb=$(best "${PS[@]}")
wm=$(median "${WR[@]}"); pm=$(median "${PS[@]}")
printf "wrapper: best %.0f rows/s, median %.0f rows/s\n" "$(echo "$ROWS / $wb" | bc -l)" "$(echo "$ROWS / $wm" | bc -l)"
printf "psql:    best %.0f rows/s, median %.0f rows/s\n" "$(echo "$ROWS / $pb" | bc -l)" "$(echo "$ROWS / $pm" | bc -l)"
printf "ratio wrapper/psql (rows/s): best %.3f, median %.3f (goal >= 0.95)\n" "$(echo "$pb / $wb" | bc -l)" "$(echo "$pm / $wm" | bc -l)"
