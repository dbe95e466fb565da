#!/usr/bin/env bash
# Restores a dump made by backup.sh into an EMPTY database (create it first:
# createdb -O rekap rekap_restored), then checks that the schema is current:
#   DATABASE_URL=postgresql://rekap@127.0.0.1/rekap_restored deploy/restore.sh /var/backups/rekap/rekap-….dump
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL to the empty target database}"
dump=${1:?usage: restore.sh FILE.dump}

pg_restore --exit-on-error --no-owner --single-transaction --dbname="$DATABASE_URL" "$dump"
echo "restored $dump"
# The migrations table travels with the dump; this is a no-op unless the binary is newer.
rekap db migrate --database "$DATABASE_URL"
rekap db status --database "$DATABASE_URL"
