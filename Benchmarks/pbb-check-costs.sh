#!/usr/bin/env bash
# Benchmark: what each per-row check of the PBB-P2 tables costs a COPY. 1 M rows shaped like the
# feeds (ROWS to change) are copied into tables that differ in ONE column's type or check; the
# least server CPU time of ROUNDS copies is printed with its difference to the plain table. Nothing but the column
# under test differs, so the difference is that expression's cost (per row: ms per 1 M rows = ns).
# ONLY=regex limits the run to the variants whose label matches (the plain table always runs first).
# Run as root (the cluster runs as the postgres user). Not part of the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/lib/cluster.sh

ROWS=${ROWS:-1000000}
ROUNDS=${ROUNDS:-3}
cluster_start -c max_wal_size=8GB -c checkpoint_timeout=30min -c shared_buffers=1GB -c maintenance_work_mem=256MB
"${PSQL[@]}" -d postgres -c "CREATE DATABASE costs"
P=("${PSQL[@]}" -d costs -v VERBOSITY=terse -c "SET client_min_messages = warning")

# The feed-shaped rows: 18-digit NOP, tahun, a 13-byte kelurahan code, a date, whole rupiah.
"${P[@]}" -c "COPY (SELECT lpad((1400000000000000000 + i * 7919)::text, 18, '0') AS nop, 2023 AS tahun,
                          '14.71.01.' || (1001 + i % 500) AS kelurahan, date '2023-01-01' + (i % 365)::integer AS tanggal,
                          (i % 997) * 1000 + 15000 AS pokok, (i % 7) * 500 AS denda
                     FROM generate_series(1::bigint, $ROWS) i) TO '$WORK/rows.csv' (FORMAT csv)"

# The old schema's domains (0002, 0003) and cheaper candidates.
"${P[@]}" -c "SET client_min_messages = warning" -c "CREATE DOMAIN rupiah AS numeric CHECK (VALUE >= 0 AND VALUE < 1000000000000000000 AND VALUE = round(VALUE, 2))" \
    -c "CREATE DOMAIN pbb_nop AS char(18) CHECK (length(VALUE) = 18 AND VALUE !~ '[^0-9]')" \
    -c "CREATE DOMAIN pbb_tahun AS integer CHECK (VALUE BETWEEN 1986 AND 2100)" \
    -c "CREATE DOMAIN nop_text_ltrim AS text CHECK (octet_length(VALUE) = 18 AND ltrim(VALUE, '0123456789') = '')" \
    -c "CREATE DOMAIN rupiah_whole AS bigint CHECK (VALUE >= 0 AND VALUE < 1000000000000000000)"

# label | nop column | tahun column | pokok column. Every other column plain.
variants=(
    "plain (text, integer, bigint)|nop text|tahun integer|pokok bigint"
    "nop char(18)|nop char(18)|tahun integer|pokok bigint"
    "nop pbb_nop domain (char(18), length, regex)|nop pbb_nop|tahun integer|pokok bigint"
    "nop text CHECK (nop !~ '[^0-9]')|nop text CHECK (nop !~ '[^0-9]')|tahun integer|pokok bigint"
    "nop text CHECK (octet_length = 18)|nop text CHECK (octet_length(nop) = 18)|tahun integer|pokok bigint"
    "nop text CHECK (length = 18)|nop text CHECK (length(nop) = 18)|tahun integer|pokok bigint"
    "nop text CHECK (ltrim(nop, digits) = '')|nop text CHECK (ltrim(nop, '0123456789') = '')|tahun integer|pokok bigint"
    "nop text CHECK (translate(nop, digits, '') = '')|nop text CHECK (translate(nop, '0123456789', '') = '')|tahun integer|pokok bigint"
    "nop text CHECK (octet_length = 18 AND ltrim = '')|nop text CHECK (octet_length(nop) = 18 AND ltrim(nop, '0123456789') = '')|tahun integer|pokok bigint"
    "nop domain over text (octet_length AND ltrim)|nop nop_text_ltrim|tahun integer|pokok bigint"
    "nop text CHECK (octet_length = 18 AND !~ '[^0-9]')|nop text CHECK (octet_length(nop) = 18 AND nop !~ '[^0-9]')|tahun integer|pokok bigint"
    "nop text COLLATE C CHECK (octet_length AND !~)|nop text COLLATE \"C\" CHECK (octet_length(nop) = 18 AND nop !~ '[^0-9]')|tahun integer|pokok bigint"
    "tahun pbb_tahun domain|nop text|tahun pbb_tahun|pokok bigint"
    "tahun integer CHECK (BETWEEN)|nop text|tahun integer CHECK (tahun BETWEEN 1986 AND 2100)|pokok bigint"
    "pokok numeric|nop text|tahun integer|pokok numeric"
    "pokok numeric(20, 2)|nop text|tahun integer|pokok numeric(20, 2)"
    "pokok rupiah domain|nop text|tahun integer|pokok rupiah"
    "pokok rupiah domain + CHECK (pokok = trunc(pokok))|nop text|tahun integer|pokok rupiah CHECK (pokok = trunc(pokok))"
    "pokok numeric CHECK (= trunc)|nop text|tahun integer|pokok numeric CHECK (pokok = trunc(pokok))"
    "pokok numeric CHECK (scale(pokok) = 0)|nop text|tahun integer|pokok numeric CHECK (scale(pokok) = 0)"
    "pokok numeric CHECK (>= 0 AND < 10^18 AND = trunc)|nop text|tahun integer|pokok numeric CHECK (pokok >= 0 AND pokok < 1000000000000000000 AND pokok = trunc(pokok))"
    "pokok bigint CHECK (>= 0 AND < 10^18)|nop text|tahun integer|pokok bigint CHECK (pokok >= 0 AND pokok < 1000000000000000000)"
    "pokok rupiah_whole domain (bigint)|nop text|tahun integer|pokok rupiah_whole"
    "old schema, all columns (as 0003)|nop pbb_nop|tahun pbb_tahun|pokok rupiah CHECK (pokok = trunc(pokok))"
    "new: text/regex, integer, numeric CHECK (>= 0, < 10^18, = trunc)|nop text CHECK (octet_length(nop) = 18 AND nop !~ '[^0-9]')|tahun integer CHECK (tahun BETWEEN 1986 AND 2100)|pokok numeric CHECK (pokok >= 0 AND pokok < 1000000000000000000 AND pokok = trunc(pokok))"
    "new: text/regex, integer, bigint CHECK (>= 0, < 10^18)|nop text CHECK (octet_length(nop) = 18 AND nop !~ '[^0-9]')|tahun integer CHECK (tahun BETWEEN 1986 AND 2100)|pokok bigint CHECK (pokok >= 0 AND pokok < 1000000000000000000)"
)

# The server process's CPU time for the COPY (user + system, from /proc): other work on the
# machine slows the wall clock, not this.
ticks=$(getconf CLK_TCK)
copy_ms() {
    "${P[@]}" -At -f - <<SQL
SELECT pg_backend_pid() AS pid \\gset
\\setenv BACKEND :pid
\\! awk '{print \$14 + \$15}' /proc/\$BACKEND/stat > $WORK/before
COPY t FROM '$WORK/rows.csv' (FORMAT csv);
\\! awk '{print \$14 + \$15}' /proc/\$BACKEND/stat > $WORK/after
SQL
    echo "($(cat "$WORK/after") - $(cat "$WORK/before")) * 1000 / $ticks" | bc -l
}
base=""
printf "%-58s %9s %9s\n" "COPY $ROWS rows into a table with" "CPU ms" "+ms"
for v in "${variants[@]}"; do
    IFS='|' read -r label nop tahun pokok <<<"$v"
    # ONLY=pattern: just the plain table and the variants whose label matches.
    [[ -z "${ONLY:-}" || -z "$base" || "$label" =~ $ONLY ]] || continue
    best=""
    for _ in $(seq 1 "$ROUNDS"); do
        "${P[@]}" -c "DROP TABLE IF EXISTS t" \
            -c "CREATE TABLE t ($nop, $tahun, kelurahan_code text, tanggal date, $pokok, denda bigint)" -c "CHECKPOINT"
        ms=$(copy_ms)
        if [[ -z "$best" ]] || (( $(echo "$ms < $best" | bc -l) )); then best=$ms; fi
    done
    [[ -n "$base" ]] || base=$best
    printf "%-58s %9.0f %+9.0f\n" "$label" "$best" "$(echo "$best - $base" | bc -l)"
done
