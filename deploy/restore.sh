#!/usr/bin/env bash
# Restores a dump made by backup.sh into an EMPTY database (create it first:
# createdb -O rekap rekap_restored), then checks that the schema is current:
#   DATABASE_URL=postgresql://rekap@127.0.0.1/rekap_restored deploy/restore.sh /var/backups/rekap/rekap-….dump
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL to the empty target database}"
dump=${1:?usage: restore.sh FILE.dump}

# Roles are not in a database dump. The dump's grants and row-level security policies name the
# API role rekap_api (migration 0006): it must exist on this cluster before the restore.
has_role=$(psql "$DATABASE_URL" -XAtc "SELECT count(*) FROM pg_roles WHERE rolname = 'rekap_api'")
if [[ "$has_role" != 1 ]]; then
    echo "restore.sh: the role rekap_api does not exist on this cluster; as a superuser run" >&2
    echo "  CREATE ROLE rekap_api NOLOGIN; GRANT rekap_api TO <the database owner>;" >&2
    echo "then run restore.sh again (nothing was restored)." >&2
    exit 1
fi

pg_restore --exit-on-error --no-owner --single-transaction --dbname="$DATABASE_URL" "$dump"
echo "restored $dump"
# The migrations table travels with the dump; this is a no-op unless the binary is newer.
rekap db migrate --database "$DATABASE_URL"
rekap db status --database "$DATABASE_URL"
