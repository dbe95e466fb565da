#!/usr/bin/env bash
# Backs up the rekap database with pg_dump (custom format, compressed), keeping the last
# $KEEP dumps. Run daily from cron or a systemd timer as a user that can read the database:
#   DATABASE_URL=postgresql://rekap@127.0.0.1/rekap BACKUP_DIR=/var/backups/rekap deploy/backup.sh
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL}"
BACKUP_DIR=${BACKUP_DIR:-/var/backups/rekap}
KEEP=${KEEP:-14}

mkdir -p "$BACKUP_DIR"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
target="$BACKUP_DIR/rekap-$stamp.dump"
# Write to a temporary name first, so a failed dump never looks like a good one.
pg_dump --format=custom --compress=6 --no-owner --file="$target.partial" "$DATABASE_URL"
mv "$target.partial" "$target"
echo "backup written: $target ($(du -h "$target" | cut -f1))"

# Keep only the newest $KEEP dumps.
ls -1t "$BACKUP_DIR"/rekap-*.dump | tail -n +"$((KEEP + 1))" | xargs -r rm --
