#!/usr/bin/env bash
# Benchmark: `rekap pbb load` of province-scale PBB-P2 feeds (Riau, every kelurahan and desa under
# 14, OBJECTS ketetapan rows and their payments, fixed seed) against the floor for the same work:
# psql \copy of the same files into plain tables, then the same indexes and ANALYZE. Both end with
# the data indexed and queryable; both timings include process start and connect. Also reports
# the loader's peak RSS (/usr/bin/time -v) and, from the server log, where its time went.
# Then (INCREMENTAL=1, the default) the next year's feeds on top of the first: the tables hold
# data, so rekap copies into the indexed tables (keys kept, the kelurahan foreign key checked per
# row), against psql \copy into the indexed tables.
# Run as root from anywhere (the cluster runs as the postgres user). Not part of the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/lib/cluster.sh

OBJECTS=${OBJECTS:-3600000}
SEED=${SEED:-2023}
YEAR=${YEAR:-2023}
ROUNDS=${ROUNDS:-1}
REGIONS=${REGIONS:-/work/shared/data/wilayah/regions.csv}

echo "building rekap (release)..."
swift build -c release --product rekap >/dev/null
REKAP="$(swift build -c release --show-bin-path)/rekap"

# A server configured for bulk work, the same for both sides: spaced-out checkpoints, 1 GB of
# shared buffers, 256 MB for index builds (what the loader asks for itself).
cluster_start -c max_wal_size=8GB -c checkpoint_timeout=30min -c shared_buffers=1GB -c maintenance_work_mem=256MB
URL=$(cluster_url rekap)

"${PSQL[@]}" -d postgres -c "CREATE DATABASE rekap" -c "CREATE DATABASE baseline"
"$REKAP" db migrate --database "$URL" >/dev/null
"$REKAP" regions import "$REGIONS" --database "$URL" >/dev/null
"${PSQL[@]}" -d postgres -c "ALTER DATABASE rekap SET log_min_duration_statement = 0" \
    -c "ALTER DATABASE baseline SET log_min_duration_statement = 0"

FEEDS="$WORK/feeds"
echo "generating $OBJECTS objects under 14 (seed $SEED)..."
t0=$(date +%s.%N)
"$REKAP" pbb generate --regions "$REGIONS" --under 14 --year "$YEAR" --objects "$OBJECTS" --seed "$SEED" --out "$FEEDS"
t1=$(date +%s.%N)
chmod -R a+rX "$FEEDS"
printf "generated in %.1f s: ketetapan %s MB, pembayaran %s MB\n" "$(echo "$t1 - $t0" | bc -l)" \
    "$(du -m "$FEEDS/ketetapan.csv" | cut -f1)" "$(du -m "$FEEDS/pembayaran.csv" | cut -f1)"

now() { date +%s.%N; }
# The slowest server statements logged since line $1 of the server log, in ms.
profile() {
    tail -n +"$(($1 + 1))" "$WORK/log" | grep -E -o 'duration: [0-9.]+ ms  (statement|execute [^:]*): .*' \
        | sed -E 's/duration: ([0-9.]+) ms  (statement|execute [^:]*): (.{0,90}).*/\1 \3/' | tr -s ' \t' ' ' \
        | sort -t' ' -k1 -g -r | head -"${2:-8}" | awk '{ printf "    %10.0f ", $1; $1=""; print }'
}
# Runs `rekap pbb load` on feeds in $1; sets LOAD_SECONDS and prints what it did.
rekap_load() {
    local start t0 t1
    start=$(wc -l < "$WORK/log")
    t0=$(now)
    /usr/bin/time -v -o "$WORK/time.txt" "$REKAP" pbb load --database "$URL" \
        --ketetapan "$1/ketetapan.csv" --pembayaran "$1/pembayaran.csv" > "$WORK/load.out"
    t1=$(now)
    LOAD_SECONDS=$(echo "$t1 - $t0" | bc -l)
    RSS=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")
    CPU=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {print u + s}' "$WORK/time.txt")
    printf "  rekap pbb load: %.2f s (client CPU %.2f s, peak RSS %d MB)\n" "$LOAD_SECONDS" "$CPU" "$((RSS / 1024))"
    sed 's/^/    /' "$WORK/load.out"
    echo "    where its time went (server statements, ms):"
    profile "$start"
}
declare -a RK PS
for round in $(seq 1 "$ROUNDS"); do
    # psql: plain tables, \copy, the same indexes (the payment key without seq), ANALYZE.
    "${PSQL[@]}" -d baseline -c "DROP TABLE IF EXISTS k, p" \
        -c "CREATE TABLE k (nop char(18), tahun integer, kelurahan_code text, pokok numeric(20, 2))" \
        -c "CREATE TABLE p (nop char(18), tahun integer, tanggal date, pokok numeric(20, 2), denda numeric(20, 2))" \
        -c "CHECKPOINT"
    start=$(wc -l < "$WORK/log")
    t0=$(now)
    "${PSQL[@]}" -d baseline \
        -c "\\copy k from '$FEEDS/ketetapan.csv' csv header" \
        -c "\\copy p from '$FEEDS/pembayaran.csv' csv header" \
        -c "ALTER TABLE k ADD PRIMARY KEY (nop, tahun)" \
        -c "CREATE INDEX ON k (tahun, kelurahan_code)" \
        -c "CREATE INDEX ON p (nop, tahun, tanggal, pokok, denda)" \
        -c "CREATE INDEX ON p (tahun, nop)" \
        -c "CREATE INDEX ON p (tahun, tanggal)" \
        -c "ANALYZE k" -c "ANALYZE p"
    t1=$(now)
    PS+=("$(echo "$t1 - $t0" | bc -l)")
    echo "round $round, first load into empty tables:"
    printf "  psql \\copy + indexes + ANALYZE: %.2f s\n" "${PS[-1]}"
    profile "$start" 4

    # rekap: empty tables with their keys and indexes, as after `rekap db migrate`.
    "${PSQL[@]}" -d rekap -c "TRUNCATE pbb_pembayaran, pbb_ketetapan, pbb_load" -c "CHECKPOINT"
    rekap_load "$FEEDS"
    RK+=("$LOAD_SECONDS")
    printf "  ratio %.3f\n" "$(echo "${RK[-1]} / ${PS[-1]}" | bc -l)"
done

# Same data on both sides: compare counts and sums across the two databases.
# Sums as numeric(20, 2) on both sides: the baseline's columns are numeric(20, 2), rekap's whole rupiah.
sums() { "${PSQL[@]}" -d "$1" -At -c "SELECT (SELECT count(*) || ' ' || sum(pokok)::numeric(20, 2) FROM $2) || ' ' || (SELECT count(*) || ' ' || sum(pokok)::numeric(20, 2) || ' ' || sum(denda)::numeric(20, 2) FROM $3)"; }
a=$(sums rekap pbb_ketetapan pbb_pembayaran); b=$(sums baseline k p)
echo "rekap:    ketetapan rows, pokok; pembayaran rows, pokok, denda = $a"
echo "baseline: ketetapan rows, pokok; pembayaran rows, pokok, denda = $b"
[[ "$a" == "$b" ]] || { echo "the two loads differ"; exit 1; }

# The next year on top (INCREMENTAL=0 to skip): tables now hold data, so rekap copies into them with
# their keys (indexes kept, foreign keys checked per row); psql \copy goes into the indexed tables likewise.
if [[ "${INCREMENTAL:-1}" == 1 ]]; then
    NEXT="$WORK/feeds-next"
    "$REKAP" pbb generate --regions "$REGIONS" --under 14 --year "$((YEAR + 1))" --objects "$OBJECTS" --seed "$((SEED + 1))" --out "$NEXT" >/dev/null
    chmod -R a+rX "$NEXT"
    "${PSQL[@]}" -d postgres -c "CHECKPOINT"
    start=$(wc -l < "$WORK/log")
    t0=$(now)
    "${PSQL[@]}" -d baseline -c "\\copy k from '$NEXT/ketetapan.csv' csv header" \
        -c "\\copy p from '$NEXT/pembayaran.csv' csv header" -c "ANALYZE k" -c "ANALYZE p"
    t1=$(now)
    NEXT_PS=$(echo "$t1 - $t0" | bc -l)
    echo "year $((YEAR + 1)) on top of $YEAR:"
    printf "  psql \\copy into the indexed tables + ANALYZE: %.2f s\n" "$NEXT_PS"
    profile "$start" 4
    "${PSQL[@]}" -d postgres -c "CHECKPOINT"
    rekap_load "$NEXT"
    printf "  ratio %.3f\n" "$(echo "$LOAD_SECONDS / $NEXT_PS" | bc -l)"
    a=$(sums rekap pbb_ketetapan pbb_pembayaran); b=$(sums baseline k p)
    [[ "$a" == "$b" ]] || { echo "the two loads differ after year $((YEAR + 1)): $a / $b"; exit 1; }
fi

best() { printf "%s\n" "$@" | sort -g | head -1; }
rb=$(best "${RK[@]}"); pb=$(best "${PS[@]}")
printf "first load, best: rekap pbb load %.2f s, psql \\\\copy + indexes + ANALYZE %.2f s, ratio %.3f (goal <= 1.1)\n" "$rb" "$pb" "$(echo "$rb / $pb" | bc -l)"
