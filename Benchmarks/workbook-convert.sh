#!/usr/bin/env bash
# Benchmark: `rekap convert` of a report workbook with about 3,000 budget lines (100 programs × 5
# kegiatan × 5 sub kegiatan = 3,100 rows, filled by openpyxl), against the reference measured in the same
# run: `rekap validate` of the equivalent JSON (reading and checking the same document). Prints the median
# wall time and the peak RSS of each over ROUNDS runs, and the ratios. Targets (issue #14): convert under
# 1 s, peak RSS under 100 MB. Needs python3 with openpyxl. BUILD=release (default) or debug.
# No database. Not part of the test suite.
#
# Measured (debug build, 2 shared cores under load from other builds, ROUNDS=3): 3,100 lines, 124 KB workbook:
# convert 0.95 s, peak RSS 47 MiB; validate of the JSON 0.28 s, 36 MiB: ratios 3.4x time, 1.3x RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${ROUNDS:-5}"
BUILD="${BUILD:-release}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ "$BUILD" = release ]; then
    echo "building rekap (release)..." >&2
    swift build -c release --product rekap >/dev/null
fi
rekap="$(swift build -c "$BUILD" --show-bin-path)/rekap"

python3 - "$work/big.json" <<'PY'
import json, sys
programs = []
for p in range(100):
    kegiatan = []
    for k in range(5):
        subs = [{"code": f"7.01.{p:02d}.2.{k:02d}.{s:02d}", "name": f"Sub kegiatan {p}.{k}.{s} penyelenggaraan pelayanan",
                 "belanja": "operasi", "pagu": str(1000000 + s), "realisasi": str(900000 + s)} for s in range(5)]
        kegiatan.append({"code": f"7.01.{p:02d}.2.{k:02d}", "name": f"Kegiatan {p}.{k}",
                         "pagu": str(sum(int(x["pagu"]) for x in subs)), "realisasi": str(sum(int(x["realisasi"]) for x in subs)),
                         "sub_kegiatan": subs})
    programs.append({"code": f"7.01.{p:02d}", "name": f"Program {p}", "sumber_dana": "APBD",
                     "pagu": str(sum(int(x["pagu"]) for x in kegiatan)), "realisasi": str(sum(int(x["realisasi"]) for x in kegiatan)),
                     "kegiatan": kegiatan})
doc = {"format": "rekap.submission/v1", "region": "14.72.02", "year": 2023, "period": "FY", "budget": {"programs": programs}}
json.dump(doc, open(sys.argv[1], "w"), indent=2)
PY
python3 Tests/RekapWorkbookTests/Scripts/fill_workbook.py "$work/big.json" "$work/big.xlsx"
"$rekap" convert "$work/big.xlsx" > "$work/converted.json"
lines=$(grep -c '"realisasi"' "$work/converted.json")
echo "workbook $(stat -c %s "$work/big.xlsx") bytes, $lines budget lines; JSON $(stat -c %s "$work/converted.json") bytes"

measure() { # prints "seconds kib" medians of ROUNDS runs of "$@"
    for _ in $(seq "$ROUNDS"); do
        /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>>"$work/stderr" || true
        cat "$work/time"
    done > "$work/runs"
    echo "$(cut -d' ' -f1 "$work/runs" | sort -n | sed -n "$(( (ROUNDS + 1) / 2 ))p") $(cut -d' ' -f2 "$work/runs" | sort -n | sed -n "$(( (ROUNDS + 1) / 2 ))p")"
}
read -r convert_s convert_kib < <(measure "$rekap" convert "$work/big.xlsx")
read -r json_s json_kib < <(measure "$rekap" validate "$work/converted.json")
echo "rekap convert big.xlsx:      ${convert_s} s, peak RSS $((convert_kib / 1024)) MiB"
echo "rekap validate big.json:     ${json_s} s, peak RSS $((json_kib / 1024)) MiB (reference)"
awk -v a="$convert_s" -v b="$json_s" -v c="$convert_kib" -v d="$json_kib" \
    'BEGIN { printf "ratio convert/validate: time %.2fx, peak RSS %.2fx\n", (b > 0 ? a / b : 0), c / d }'
