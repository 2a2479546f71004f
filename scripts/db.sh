#!/usr/bin/env bash
# Local PostgreSQL 17 + TimescaleDB + Apache AGE + pgvector without Docker.
# The host (Debian bookworm) lacks these packages and must not receive trixie ones, so the server runs from a
# Debian trixie chroot made once with debootstrap (see ../shared/docs/local-postgres.md for the verified facts).
set -euo pipefail

ROOTSCOPE_HOME=${ROOTSCOPE_HOME:-$HOME/.local/share/rootscope}
CHROOT=${ROOTSCOPE_CHROOT:-$ROOTSCOPE_HOME/pg-chroot}
PORT=${ROOTSCOPE_DB_PORT:-55432}
DB_NAME=${ROOTSCOPE_DB_NAME:-rootscope}
APP_USER=${ROOTSCOPE_DB_USER:-rootscope}
APP_PASSWORD=${ROOTSCOPE_DB_PASSWORD:-rootscope}
READER_USER=${ROOTSCOPE_DB_READER:-rootscope_reader}
READER_PASSWORD=${ROOTSCOPE_DB_READER_PASSWORD:-rootscope_reader}
REPLICATION_USER=${ROOTSCOPE_DB_REPLICATION_USER:-rootscope_replication}
REPLICATION_PASSWORD=${ROOTSCOPE_DB_REPLICATION_PASSWORD:-rootscope_replication}
STANDBY_PORT=${ROOTSCOPE_DB_STANDBY_PORT:-55433}
ADMIN_PASSWORD=${ROOTSCOPE_DB_ADMIN_PASSWORD:-postgres}
MIRROR=${ROOTSCOPE_DEBIAN_MIRROR:-}
PGDATA_IN_CHROOT=/var/lib/rootscope/pgdata
STANDBY_IN_CHROOT=/var/lib/rootscope/standby
# A physical slot keeps the WAL a stopped standby still needs; the primary drops it past this much (the standby is then
# made again from a new base backup), so a forgotten standby cannot fill the disk.
STANDBY_SLOT=rootscope_standby
STANDBY_SLOT_WAL_LIMIT=4GB
STAMP=$CHROOT/.rootscope-chroot-complete
PACKAGES=postgresql-17,postgresql-17-timescaledb,postgresql-17-age,postgresql-17-pgvector
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BOOTSTRAP_SQL=$SCRIPT_DIR/../sql/bootstrap/prepare_database.sql

die() { echo "rootscope db: $*" >&2; exit 1; }

# Runs a command inside the chroot as the postgres user with a clean environment: a leaked LANG breaks initdb.
in_chroot() {
  chroot "$CHROOT" /usr/bin/env -i LANG=C.UTF-8 PATH=/usr/lib/postgresql/17/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    runuser -u postgres -- "$@"
}

host_mirror() {
  [ -n "$MIRROR" ] && { echo "$MIRROR"; return; }
  local uri
  uri=$(grep -hoE '^(URIs:|deb)\s+https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null \
        | grep -oE 'https?://[^ ]+' | head -n1 || true)
  echo "${uri:-http://deb.debian.org/debian}"
}

require_root() {
  [ "$(id -u)" -eq 0 ] || die "must run as root (chroot and debootstrap need it); try: sudo $0 $*"
}

ensure_chroot() {
  [ -f "$STAMP" ] && return 0
  command -v debootstrap >/dev/null || die "debootstrap is not installed; install it with: apt-get install -y debootstrap"
  if [ -e "$CHROOT" ]; then
    echo "rootscope db: removing the half-made chroot at $CHROOT" >&2
    rm -rf --one-file-system "$CHROOT"
  fi
  mkdir -p "$CHROOT"
  echo "rootscope db: creating a Debian trixie chroot with PostgreSQL 17 at $CHROOT (about a minute, once)" >&2
  debootstrap --variant=minbase --include="$PACKAGES" trixie "$CHROOT" "$(host_mirror)" >"$ROOTSCOPE_HOME/debootstrap.log" 2>&1 \
    || die "debootstrap failed; see $ROOTSCOPE_HOME/debootstrap.log"
  chroot "$CHROOT" apt-get clean
  touch "$STAMP"
}

pg_ctl_status() { in_chroot pg_ctl -D "$PGDATA_IN_CHROOT" status >/dev/null 2>&1; }

ensure_cluster() {
  [ -f "$CHROOT$PGDATA_IN_CHROOT/PG_VERSION" ] && return 0
  rm -rf "$CHROOT$PGDATA_IN_CHROOT"
  mkdir -p "$CHROOT$PGDATA_IN_CHROOT"
  chroot "$CHROOT" chown -R postgres:postgres /var/lib/rootscope
  local pwfile=/var/lib/rootscope/initdb.pw
  printf '%s\n' "$ADMIN_PASSWORD" > "$CHROOT$pwfile"
  chroot "$CHROOT" chown postgres "$pwfile"
  in_chroot initdb -D "$PGDATA_IN_CHROOT" -U postgres --pwfile="$pwfile" -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$CHROOT$pwfile"
  cat >> "$CHROOT$PGDATA_IN_CHROOT/postgresql.conf" <<CONF
# Rootscope local cluster
listen_addresses = '127.0.0.1'
port = $PORT
shared_preload_libraries = 'timescaledb,age'
timescaledb.telemetry_level = off
# The chroot's /dev/shm is a plain directory.
dynamic_shared_memory_type = sysv
max_connections = 200
shared_buffers = 512MB
max_locks_per_transaction = 256
unix_socket_directories = '/tmp'
CONF
}

psql_admin() { psql_admin_at "$PORT" "$@"; }

psql_admin_at() {
  local port=$1; shift
  PGPASSWORD=$ADMIN_PASSWORD PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres "$@"
}

ensure_roles_and_database() {
  psql_admin -d postgres \
    -v app_user="$APP_USER" -v app_password="$APP_PASSWORD" \
    -v reader_user="$READER_USER" -v reader_password="$READER_PASSWORD" \
    -v replication_user="$REPLICATION_USER" -v replication_password="$REPLICATION_PASSWORD" <<'SQL' >/dev/null
SELECT format('CREATE ROLE %I LOGIN CREATEDB PASSWORD %L', :'app_user', :'app_password')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app_user') \gexec
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'reader_user', :'reader_password')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'reader_user') \gexec
-- The role a streaming standby connects as (pg_hba of initdb already admits replication from 127.0.0.1).
SELECT format('CREATE ROLE %I LOGIN REPLICATION PASSWORD %L', :'replication_user', :'replication_password')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'replication_user') \gexec
SQL
  if ! psql_admin -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1; then
    psql_admin -d postgres -c "CREATE DATABASE \"$DB_NAME\" OWNER \"$APP_USER\"" >/dev/null
  fi
  psql_admin -d "$DB_NAME" -v app_user="$APP_USER" -v reader_user="$READER_USER" -f "$BOOTSTRAP_SQL" >/dev/null
  # Row-level security (V016) shows the read-only role the rows of the tenant its session names: in this database the
  # role names the default tenant, for clients that cannot SET it (Grafana's SQL data source); the backend sets its own.
  psql_admin -d postgres -c "ALTER ROLE \"$READER_USER\" IN DATABASE \"$DB_NAME\" SET rootscope.tenant = 'default'" >/dev/null
}

wait_ready() {
  for _ in $(seq 1 60); do
    in_chroot pg_isready -h 127.0.0.1 -p "$PORT" -q && return 0
    sleep 0.5
  done
  die "server did not become ready; see $CHROOT$PGDATA_IN_CHROOT/server.log"
}

cmd_start() {
  require_root start
  mkdir -p "$ROOTSCOPE_HOME"
  ensure_chroot
  ensure_cluster
  if ! pg_ctl_status; then
    in_chroot pg_ctl -D "$PGDATA_IN_CHROOT" -l "$PGDATA_IN_CHROOT/server.log" -w -t 60 start >/dev/null \
      || die "PostgreSQL failed to start; see $CHROOT$PGDATA_IN_CHROOT/server.log"
  fi
  wait_ready
  ensure_roles_and_database
  echo "rootscope db: running at postgresql://$APP_USER@127.0.0.1:$PORT/$DB_NAME"
}

cmd_stop() {
  require_root stop
  if [ -f "$STAMP" ] && pg_ctl_status; then
    in_chroot pg_ctl -D "$PGDATA_IN_CHROOT" -m fast -w stop >/dev/null
    echo "rootscope db: stopped"
  else
    echo "rootscope db: not running"
  fi
}

cmd_status() {
  if [ ! -f "$STAMP" ]; then echo "rootscope db: not installed (run: ./rootscope db start)"; return 3; fi
  if [ "$(id -u)" -eq 0 ] && pg_ctl_status; then
    echo "rootscope db: running at postgresql://$APP_USER@127.0.0.1:$PORT/$DB_NAME"
  else
    echo "rootscope db: stopped"; return 3
  fi
}

cmd_psql() {
  PGPASSWORD=$APP_PASSWORD exec psql -h 127.0.0.1 -p "$PORT" -U "$APP_USER" -d "$DB_NAME" "$@"
}

# The standby: a streaming hot standby of the whole cluster (every database, also those created after its base
# backup), in its own data directory of the same chroot, on its own port.
standby_ctl() { in_chroot pg_ctl -D "$STANDBY_IN_CHROOT" "$@"; }
standby_running() { [ -f "$CHROOT$STANDBY_IN_CHROOT/PG_VERSION" ] && standby_ctl status >/dev/null 2>&1; }
standby_url() { echo "postgresql://$APP_USER@127.0.0.1:$STANDBY_PORT/$DB_NAME"; }

# Whether the standby's data directory can still follow the primary: made from this cluster (not from one since
# re-created) and its slot still holds the WAL it needs.
standby_usable() {
  local dir=$CHROOT$STANDBY_IN_CHROOT ours theirs slot
  [ -f "$dir/PG_VERSION" ] && [ -f "$dir/standby.signal" ] || return 1
  ours=$(in_chroot pg_controldata -D "$STANDBY_IN_CHROOT" | sed -n 's/^Database system identifier: *//p')
  theirs=$(psql_admin -d postgres -tAc "SELECT system_identifier FROM pg_control_system()")
  [ "$ours" = "$theirs" ] || return 1
  slot=$(psql_admin -d postgres -tAc "SELECT wal_status FROM pg_replication_slots WHERE slot_name = '$STANDBY_SLOT'")
  [ -n "$slot" ] && [ "$slot" != lost ]
}

make_standby() {
  local dir=$STANDBY_IN_CHROOT staging=$STANDBY_IN_CHROOT.new
  echo "rootscope db standby: making a base backup of 127.0.0.1:$PORT" >&2
  psql_admin -d postgres -c "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots
                             WHERE slot_name = '$STANDBY_SLOT' AND NOT active" >/dev/null
  rm -rf "$CHROOT$staging"
  # -R writes standby.signal and primary_conninfo; -C -S creates the slot the standby then streams from. Into a staging
  # directory first, so an interrupted backup is never mistaken for a standby.
  in_chroot env PGPASSWORD="$REPLICATION_PASSWORD" pg_basebackup -h 127.0.0.1 -p "$PORT" -U "$REPLICATION_USER" \
    -D "$staging" -X stream -C -S "$STANDBY_SLOT" -R -c fast >&2 \
    || die "pg_basebackup failed"
  # The primary's log came along in the copy.
  : > "$CHROOT$staging/server.log"
  cat >> "$CHROOT$staging/postgresql.conf" <<CONF
# Rootscope local standby (overrides the primary's settings above)
port = $STANDBY_PORT
hot_standby = on
# Long panel queries on the standby are not cancelled by the primary's vacuum.
hot_standby_feedback = on
shared_buffers = 128MB
CONF
  rm -rf "$CHROOT$dir"
  mv "$CHROOT$staging" "$CHROOT$dir"
}

cmd_standby_start() {
  require_root "standby start"
  cmd_start >/dev/null
  # Tests of several JVMs may start it at once: one makes it, the others then find it running.
  exec 9>"$ROOTSCOPE_HOME/standby.lock"
  flock 9
  local limit
  limit=$(psql_admin -d postgres -tAc "SHOW max_slot_wal_keep_size")
  if [ "$limit" = "-1" ]; then
    psql_admin -d postgres -c "ALTER SYSTEM SET max_slot_wal_keep_size = '$STANDBY_SLOT_WAL_LIMIT'" -c "SELECT pg_reload_conf()" >/dev/null
  fi
  if ! standby_usable; then
    standby_running && standby_ctl -m immediate -w stop >/dev/null
    make_standby
  fi
  if ! standby_running; then
    # 9>&-: the server must not inherit (and hold forever) the lock.
    standby_ctl -l "$STANDBY_IN_CHROOT/server.log" -w -t 120 start >/dev/null 9>&- \
      || die "the standby failed to start; see $CHROOT$STANDBY_IN_CHROOT/server.log"
  fi
  for _ in $(seq 1 120); do
    if in_chroot pg_isready -h 127.0.0.1 -p "$STANDBY_PORT" -q \
       && [ "$(psql_admin_at "$STANDBY_PORT" -d postgres -tAc 'SELECT pg_is_in_recovery()' 2>/dev/null)" = t ]; then
      echo "rootscope db standby: running at $(standby_url) (streaming from 127.0.0.1:$PORT)"
      return 0
    fi
    sleep 0.5
  done
  die "the standby did not accept connections; see $CHROOT$STANDBY_IN_CHROOT/server.log"
}

cmd_standby_stop() {
  require_root "standby stop"
  if [ -f "$STAMP" ] && standby_running; then
    standby_ctl -m fast -w stop >/dev/null
    echo "rootscope db standby: stopped"
  else
    echo "rootscope db standby: not running"
  fi
}

cmd_standby_status() {
  if [ "$(id -u)" -eq 0 ] && [ -f "$STAMP" ] && standby_running; then
    local lag
    lag=$(psql_admin_at "$STANDBY_PORT" -d postgres -tAc \
      "SELECT coalesce(pg_last_wal_replay_lsn()::text, '?') || ', last replayed transaction '
              || coalesce(round(extract(epoch FROM now() - pg_last_xact_replay_timestamp()), 1)::text || ' s ago', 'none')")
    echo "rootscope db standby: running at $(standby_url) (replayed up to $lag)"
  else
    echo "rootscope db standby: stopped"; return 3
  fi
}

usage() {
  cat >&2 <<USAGE
usage: rootscope db start|stop|status|psql [psql args]|migrate|standby start|stop|status
  start   create the chroot once, start the cluster on 127.0.0.1:$PORT, ensure the database and roles
  stop    stop the cluster
  status  print whether it runs (exit 3 when not)
  psql    open psql as the application role ($APP_USER) on database $DB_NAME
  migrate apply the schema migrations (runs through ./rootscope)
  standby start   start a streaming hot standby of the cluster on 127.0.0.1:$STANDBY_PORT (made once with
                  pg_basebackup, again when it can no longer follow), print its URL
  standby stop    stop the standby (its slot keeps the WAL it needs, up to $STANDBY_SLOT_WAL_LIMIT)
  standby status  print whether it runs and how far it has replayed (exit 3 when not)
Environment: ROOTSCOPE_HOME, ROOTSCOPE_DB_PORT, ROOTSCOPE_DB_NAME, ROOTSCOPE_DB_USER, ROOTSCOPE_DB_PASSWORD,
  ROOTSCOPE_DB_READER, ROOTSCOPE_DB_READER_PASSWORD, ROOTSCOPE_DB_ADMIN_PASSWORD, ROOTSCOPE_DEBIAN_MIRROR,
  ROOTSCOPE_DB_STANDBY_PORT, ROOTSCOPE_DB_REPLICATION_USER, ROOTSCOPE_DB_REPLICATION_PASSWORD
USAGE
  exit 2
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  psql) shift; cmd_psql "$@" ;;
  standby)
    case "${2:-}" in
      start) cmd_standby_start ;;
      stop) cmd_standby_stop ;;
      status) cmd_standby_status ;;
      *) usage ;;
    esac ;;
  *) usage ;;
esac
