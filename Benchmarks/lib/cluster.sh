# Sourced by the benchmark scripts: one throwaway PostgreSQL cluster on 127.0.0.1, stopped and
# removed when the script exits, however it exits.
#
#   cluster_start [-c name=value ...]   initdb into a temporary folder, start on $PORT (a free port
#                                       unless PORT is set), with these extra server settings.
#
# Afterwards: PGBIN (the server binaries), WORK (the temporary folder, writable by postgres: put
# files the server reads there), PORT, PSQL (psql as an array, quiet, stopping on the first error;
# add -d DATABASE), and cluster_url DATABASE prints the connection URL.
# A script with more to clean up (a daemon it started) defines bench_cleanup before cluster_start;
# it runs first on exit.
# The cluster runs as the postgres user: initdb and postgres refuse root.

PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

# A port nobody listens on: other benchmarks and test clusters may run at the same time.
free_port() {
    local port
    port=$(shuf -i 56000-60999 -n 1)
    while ss -ltn | grep -q ":$port "; do port=$(shuf -i 56000-60999 -n 1); done
    echo "$port"
}

cluster_stop() {
    if declare -F bench_cleanup >/dev/null; then bench_cleanup || true; fi
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$WORK/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$WORK"
}

cluster_start() {
    PORT=${PORT:-$(free_port)}
    WORK=$(mktemp -d)
    chown postgres "$WORK"
    trap cluster_stop EXIT
    runuser -u postgres -- "$PGBIN/initdb" -D "$WORK/data" -A trust -U postgres >/dev/null
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$WORK/data" -l "$WORK/log" \
        -o "-p $PORT -c listen_addresses=127.0.0.1 -k $WORK $*" -w start >/dev/null
    PSQL=("$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres)
}

cluster_url() { echo "postgresql://postgres@127.0.0.1:$PORT/$1"; }
