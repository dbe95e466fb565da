#!/usr/bin/env bash
# Benchmark: the consolidator at province scale, on a throwaway cluster.
#
# A synthetic city with a province's worth of regions (90 kecamatan x 20 kelurahan = 1,800, about
# Riau's count) and PBB-P2 feeds made and loaded by `rekap pbb generate` / `rekap pbb load`
# (OBJECTS objects, default 2,000,000, with ~2 million payments), plus submissions for every
# kecamatan (recompute-seed.sql). Then, alternating in the same run (RecomputeBenchmark):
#   - a full recompute of the city/year (the feed read again, as after a load), through COMMIT;
#   - ONE hand-written SQL query computing the same leaderboards from the raw tables (goal: the
#     recompute takes at most 1.2x as long);
#   - a recompute after one new submission (goal: under 1 s).
# Run as root (the cluster runs as the postgres user). Not part of the test suite.
set -euo pipefail
cd "$(dirname "$0")"
source lib/cluster.sh

OBJECTS=${OBJECTS:-2000000}
ROUNDS=${ROUNDS:-5}
CITY=14.79
YEAR=2023

echo "building rekap and RecomputeBenchmark (release)..."
(cd .. && swift build -c release --product rekap >/dev/null)
REKAP="$(cd .. && swift build -c release --show-bin-path)/rekap"
swift build -c release --product RecomputeBenchmark >/dev/null
BIN="$(swift build -c release --show-bin-path)/RecomputeBenchmark"

cluster_start -c shared_buffers=512MB
URL=$(cluster_url postgres)
PSQL+=(-d postgres)

for migration in ../sql/*.sql; do "${PSQL[@]}" -f "$migration"; done

# The regions: provinsi 14, the city, 90 kecamatan, 20 kelurahan each.
awk -v city="$CITY" 'BEGIN {
    print "code,name,level,parent_code"; print "14,Riau,1,"; print city ",Kota Uji Provinsi,2,14"
    for (k = 1; k <= 90; k++) {
        kc = sprintf("%s.%02d", city, k); printf "%s,Kecamatan %d,3,%s\n", kc, k, city
        for (l = 1; l <= 20; l++) printf "%s.%d,Kelurahan %d-%d,4,%s\n", kc, 1000 + l, k, l, kc
    }
}' > "$WORK/regions.csv"
chmod 644 "$WORK/regions.csv"
"${PSQL[@]}" -c "\\copy region (code, name, level, parent_code) FROM '$WORK/regions.csv' CSV HEADER"

echo "generating and loading $OBJECTS objects..."
"$REKAP" pbb generate --regions "$WORK/regions.csv" --under "$CITY" --year "$YEAR" --objects "$OBJECTS" --out "$WORK/feed"
"$REKAP" pbb load --database "$URL" --ketetapan "$WORK/feed/ketetapan.csv" --pembayaran "$WORK/feed/pembayaran.csv" 2>&1 | tail -3
"${PSQL[@]}" -v city="$CITY" -v year="$YEAR" -f recompute-seed.sql
"${PSQL[@]}" -At -c "SELECT 'ketetapan ' || (SELECT count(*) FROM pbb_ketetapan) || ', pembayaran ' || (SELECT count(*) FROM pbb_pembayaran)
                            || ', submissions ' || (SELECT count(*) FROM submission) || ', budget lines ' || (SELECT count(*) FROM budget_line)"

"$BIN" "$URL" "$CITY" "$YEAR" "$ROUNDS"
