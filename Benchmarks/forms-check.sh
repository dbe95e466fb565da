#!/usr/bin/env bash
# Benchmark: the report form (issue #13: opening the form and running Periksa on a seed-sized report,
# p99 under 100 ms on this machine while the dashboard's load runs beside it), release build,
# throwaway cluster, Kota Dumai as in http-load.sh (the bundled reports, consolidated).
#
# In the same run, each for DURATION with CONNECTIONS connections (wrk), while a second wrk keeps
# Bappeda's dashboard (GET /fragment, DASHBOARD_CONNECTIONS connections) busy the whole time:
#   - GET /healthz                                 the reference;
#   - GET /forms/14.72.02/2023/FY                  the form, filled from Dumai Timur's latest revision;
#   - POST /forms/14.72.02/2023/FY action=check    Periksa on the seed report as the form posts it
#                                                  (~200 fields: reading the typed numbers, keeping
#                                                  the draft, the API's checker, the page).
# Prints requests/s, p50 and p99, and each p99 as a multiple of the reference's.
# A kecamatan bearer token stands in for the operator's session (forms take either; a bearer
# needs no anti-forgery field). Knobs: DURATION, CONNECTIONS, DASHBOARD_CONNECTIONS, BIN.
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/lib/cluster.sh
source Benchmarks/lib/rekapd.sh

DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-4}
DASHBOARD_CONNECTIONS=${DASHBOARD_CONNECTIONS:-4}
CITY=14.72
YEAR=2023
FORM=/forms/14.72.02/$YEAR/FY
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 1; }

rekap_binaries

LOAD=
bench_cleanup() {
    [[ -n "$LOAD" ]] && kill "$LOAD" 2>/dev/null || true
    stop_daemon
}
cluster_start -c max_connections=100
"${PSQL[@]}" -d postgres -c "CREATE DATABASE rekap"
URL=$(cluster_url rekap)
DATA=Sources/RekapCLI/DemoData
"$BIN/rekap" db migrate --database "$URL" >/dev/null
"$BIN/rekap" regions import "$DATA/dumai.csv" --database "$URL" >/dev/null
for doc in "$DATA"/submissions/*.json; do "$BIN/rekap" submit "$doc" --database "$URL" >/dev/null; done
"$BIN/rekap" consolidate --city "$CITY" --year "$YEAR" --database "$URL" >/dev/null
BAPPEDA=$("$BIN/rekap" token create --region "$CITY" --role bappeda --label bench --database "$URL" 2>/dev/null)
KECAMATAN=$("$BIN/rekap" token create --region 14.72.02 --role kecamatan --label bench --database "$URL" 2>/dev/null)

HTTP_PORT=$(free_port)
REKAP_LISTEN="127.0.0.1:$HTTP_PORT" "$BIN/rekapd" --database "$URL" --log-level warning 2>"$WORK/rekapd.log" &
DAEMON=$!
BASE="http://127.0.0.1:$HTTP_PORT"
until curl -fsS "$BASE/healthz" >/dev/null 2>&1; do
    kill -0 "$DAEMON" 2>/dev/null || { cat "$WORK/rekapd.log"; exit 1; }
    sleep 0.1
done

# The form's own fields as the browser posts them (every input and selected option), action=check.
curl -fsS -H "Authorization: Bearer $KECAMATAN" "$BASE$FORM" > "$WORK/form.html"
python3 - "$WORK/form.html" > "$WORK/check.body" <<'PY'
import html.parser, sys, urllib.parse
class Form(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.fields = []; self.select = None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and "name" in a: self.fields.append((a["name"], a.get("value", "")))
        if tag == "select": self.select = a.get("name")
        if tag == "option" and self.select and "selected" in a:
            self.fields.append((self.select, a.get("value", ""))); self.select = None
page = Form(); page.feed(open(sys.argv[1], encoding="utf-8").read())
print(urllib.parse.urlencode(page.fields + [("action", "check")]), end="")
PY
echo "the Periksa body: $(wc -c < "$WORK/check.body") bytes, $(tr '&' '\n' < "$WORK/check.body" | wc -l) fields"
code=$(curl -sS -o "$WORK/checked.html" -w '%{http_code}' -H "Authorization: Bearer $KECAMATAN" \
    -H 'Content-Type: application/x-www-form-urlencoded' --data-binary @"$WORK/check.body" "$BASE$FORM")
[[ $code == 200 ]] && grep -q 'budget.pagu-murni-mismatch' "$WORK/checked.html" || { echo "Periksa answered $code without the seed's findings" >&2; exit 1; }

lua_post() {
    cat > "$WORK/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Bearer $KECAMATAN"
local f = io.open("$WORK/check.body", "r"); wrk.body = f:read("*a"); f:close()
LUA
}
lua_post

to_ms() { awk '{ v = $1; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 }; printf "%.3f", v }' <<<"$1"; }
measure() {  # label, path, extra wrk arguments...
    local label=$1 path=$2; shift 2
    local out rps p50 p99 bad
    out=$(wrk -t 1 -c "$CONNECTIONS" -d "$DURATION" --latency "$@" "$BASE$path")
    rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
    p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")
    p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")
    bad=$(awk '/Non-2xx/ { print $NF }' <<<"$out")
    printf "%-14s %9.1f req/s   p50 %8s ms   p99 %8s ms   non-2xx %s\n" "$label" "$rps" "$p50" "$p99" "${bad:-0}"
    echo "$p99" > "$WORK/p99-$label"
}

echo "rekapd on $BASE; $CONNECTIONS connections per measurement, the dashboard loaded by $DASHBOARD_CONNECTIONS more, $DURATION each"
wrk -t 1 -c "$DASHBOARD_CONNECTIONS" -d 1h -H "Authorization: Bearer $BAPPEDA" "$BASE/fragment?year=$YEAR" >/dev/null 2>&1 &
LOAD=$!
sleep 1
measure healthz /healthz
measure form-open "$FORM" -H "Authorization: Bearer $KECAMATAN"
measure periksa "$FORM" -s "$WORK/post.lua"
kill "$LOAD" 2>/dev/null || true
LOAD=
for label in form-open periksa; do
    printf "%-14s p99 %.1f x the reference's p99\n" "$label" "$(echo "$(cat "$WORK/p99-$label") / $(cat "$WORK/p99-healthz")" | bc -l)"
done
if grep -qE ' (error|critical) ' "$WORK/rekapd.log"; then
    echo "rekapd logged errors:"; tail -20 "$WORK/rekapd.log"
fi
