#!/usr/bin/env bash
# Benchmark: workbooks out. Dumai Timur's report template filled from its demo report (target under 200 ms),
# against checking the same report's JSON; the province-scale PBB-P2 ranking (every village of Riau,
# province 14: 1,861 in /work/shared/data/wilayah/regions.csv) as .xlsx (target under 1 s), against the same
# board as CSV. Medians of ROUNDS=7 runs and the ratios; release build (CONFIG=debug for the debug one).
# No database. Not part of the test suite.
#
# Measured (release, 2 cores shared with five other builds, Swift 6.3.1): template 82.6 ms median
# (61.5× checking the same report's JSON, 1.3 ms; 22 KiB workbook); province ranking 1,861 villages as
# xlsx 530 ms median (5.7× the same board as CSV, 92.7 ms; 101 KiB workbook).
set -euo pipefail
cd "$(dirname "$0")"
CONFIG=${CONFIG:-release}
echo "building WorkbookBenchmark ($CONFIG)..."
swift build -c "$CONFIG" --product WorkbookBenchmark >/dev/null
"$(swift build -c "$CONFIG" --show-bin-path)/WorkbookBenchmark"
