#!/usr/bin/env bash
# First start: initdb, preload timescaledb and age, create the application, read-only and replication roles and the
# application database, run the bootstrap. Every start: run postgres in the foreground.
# With POSTGRES_STANDBY_OF (the primary's host name), the first start instead copies the primary with pg_basebackup
# (-R: it streams from it as a hot standby from then on, read-only, PostgreSQL's default hot_standby = on).
set -euo pipefail
APP_DB=${ROOTSCOPE_DB_NAME:-rootscope}
APP_USER=${ROOTSCOPE_DB_USER:-rootscope}
APP_PASSWORD=${ROOTSCOPE_DB_PASSWORD:-rootscope}
READER_PASSWORD=${ROOTSCOPE_DB_READER_PASSWORD:-rootscope_reader}
REPLICATION_USER=${APP_USER}_replication
REPLICATION_PASSWORD=${POSTGRES_REPLICATION_PASSWORD:-rootscope_replication}

if [ -n "${POSTGRES_STANDBY_OF:-}" ]; then
  if [ ! -s "$PGDATA/PG_VERSION" ]; then
    PGPASSWORD=$REPLICATION_PASSWORD pg_basebackup -h "$POSTGRES_STANDBY_OF" -U "$REPLICATION_USER" -D "$PGDATA" \
      -R -X stream --checkpoint=fast
  fi
  echo "rootscope standby of $POSTGRES_STANDBY_OF ready"
  exec postgres -D "$PGDATA"
fi

: "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD (the superuser password)}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  pwfile=$(mktemp)
  printf '%s\n' "$POSTGRES_PASSWORD" > "$pwfile"
  initdb -D "$PGDATA" -U postgres --pwfile="$pwfile" -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pwfile"
  cat >> "$PGDATA/postgresql.conf" <<CONF
listen_addresses = '*'
shared_preload_libraries = 'timescaledb,age'
timescaledb.telemetry_level = off
max_connections = 200
max_locks_per_transaction = 256
CONF
  echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
  echo "host replication $REPLICATION_USER all scram-sha-256" >> "$PGDATA/pg_hba.conf"
  pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start >/dev/null
  PGPASSWORD=$POSTGRES_PASSWORD psql -X -q -v ON_ERROR_STOP=1 -U postgres -d postgres \
    -v app_user="$APP_USER" -v app_password="$APP_PASSWORD" -v reader_password="$READER_PASSWORD" -v app_db="$APP_DB" \
    -v replication_user="$REPLICATION_USER" -v replication_password="$REPLICATION_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN CREATEDB PASSWORD %L', :'app_user', :'app_password') \gexec
-- pg_basebackup and the standby's streaming connect as this role (the postgres-standby service).
SELECT format('CREATE ROLE %I LOGIN REPLICATION PASSWORD %L', :'replication_user', :'replication_password') \gexec
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'app_user' || '_reader', :'reader_password') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'app_db', :'app_user') \gexec
-- Row-level security (V016) shows the read-only role the rows of the tenant its session names: Grafana's provisioned
-- SQL data source and alert rules cannot SET it, so in this database the role names the default tenant (the backend
-- sets its own; test databases keep none).
SELECT format('ALTER ROLE %I IN DATABASE %I SET rootscope.tenant = %L', :'app_user' || '_reader', :'app_db', 'default') \gexec
SQL
  PGPASSWORD=$POSTGRES_PASSWORD PGOPTIONS='-c client_min_messages=warning' \
    psql -X -q -v ON_ERROR_STOP=1 -U postgres -d "$APP_DB" -f /opt/rootscope/prepare_database.sql
  pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
fi

echo "rootscope database ready"
exec postgres -D "$PGDATA"
