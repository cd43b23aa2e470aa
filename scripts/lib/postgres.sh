# shellcheck shell=bash
# A private PostgreSQL instance (Temporal's own store in production mode): its own datadir, port and
# socket dir under the cache; a system service (if any) is never touched. PostgreSQL refuses to run
# as root: as root, every server-side command runs in a user namespace that maps the postgres
# account's uid onto root (files stay root's, so the datadir may live under /root; nothing else
# changes), or, where user namespaces are not allowed, as the postgres account via runuser (then the
# datadir must be reachable by it: set MALL_POSTGRES_HOME). Any other user runs it as itself.
MALL_PG_PORT="${MALL_PG_PORT:-5433}"
POSTGRES_HOME="${MALL_POSTGRES_HOME:-$MALL_CACHE_DIR/postgres}"
POSTGRES_DATA="$POSTGRES_HOME/data"
POSTGRES_RUN="$POSTGRES_HOME/run"
POSTGRES_LOG="$POSTGRES_HOME/postgres.log"
# Read by the callers' EXIT traps: stop only an instance this process started.
# shellcheck disable=SC2034
POSTGRES_STARTED_BY_US=0

case "$MALL_PG_PORT" in '' | *[!0-9]*) die "MALL_PG_PORT must be a port number, not '$MALL_PG_PORT'" ;; esac

# postgres_bin_dir: where initdb, pg_ctl and postgres are (Debian: /usr/lib/postgresql/<major>/bin).
postgres_bin_dir() {
  local dir
  if command -v pg_config >/dev/null 2>&1; then
    dir="$(pg_config --bindir 2>/dev/null)"
    [ -x "$dir/postgres" ] && [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  fi
  # shellcheck disable=SC2012  # newest major version first
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -rn); do
    [ -x "$dir/postgres" ] && [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  return 1
}

ensure_postgres_installed() {
  if ! postgres_bin_dir >/dev/null; then
    apt_install postgresql
    # Debian starts the packaged cluster on install; we run our own instance instead.
    as_root sh -c 'command -v systemctl >/dev/null && systemctl stop postgresql 2>/dev/null; service postgresql stop 2>/dev/null' >/dev/null 2>&1 || true
    postgres_bin_dir >/dev/null || die "postgresql installed but its initdb/postgres were not found under /usr/lib/postgresql/*/bin"
  fi
  POSTGRES_BIN="$(postgres_bin_dir)"
  if [ ! -x "$POSTGRES_BIN/psql" ] || [ ! -x "$POSTGRES_BIN/pg_isready" ]; then
    apt_install "postgresql-client-$(basename "$(dirname "$POSTGRES_BIN")")"
  fi
}

# as_postgres_owner <command...>: runs a server-side command as the instance's owner (see above).
as_postgres_owner() {
  if [ "$(id -u)" -ne 0 ]; then
    "$@"
    return
  fi
  local uid gid
  uid="$(id -u postgres 2>/dev/null)" || die "running as root needs the postgres account (Debian's postgresql package creates it)"
  gid="$(id -g postgres)"
  if [ -z "${POSTGRES_AS:-}" ]; then
    if unshare --user --map-user="$uid" --map-group="$gid" true >/dev/null 2>&1; then
      POSTGRES_AS=userns
    else
      # The directories become postgres's (start_postgres), but it must be able to reach them.
      runuser -u postgres -- test -x "$POSTGRES_HOME" 2>/dev/null \
        || die "as root, PostgreSQL runs as the postgres account here (no user namespaces), which cannot reach $POSTGRES_HOME: set MALL_POSTGRES_HOME to a directory under a path it may enter"
      POSTGRES_AS=runuser
    fi
  fi
  if [ "$POSTGRES_AS" = userns ]; then
    unshare --user --map-user="$uid" --map-group="$gid" "$@"
  else
    runuser -u postgres -- "$@"
  fi
}

# postgres_sql [psql args]: SQL from stdin as the superuser postgres, over the private socket.
postgres_sql() {
  "$POSTGRES_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$POSTGRES_RUN" -p "$MALL_PG_PORT" -U postgres -d postgres "$@"
}

postgres_ready() {
  "$POSTGRES_BIN/pg_isready" -q -h "$POSTGRES_RUN" -p "$MALL_PG_PORT"
}

# postgres_pid: the postmaster's pid from its pid file (empty if none).
postgres_pid() {
  head -1 "$POSTGRES_DATA/postmaster.pid" 2>/dev/null || true
}

postgres_alive() {
  pid_is "$(postgres_pid)" postgres
}

start_postgres() {
  ensure_postgres_installed
  mkdir -p "$POSTGRES_HOME" "$POSTGRES_RUN"
  chmod 700 "$POSTGRES_RUN"   # local connections are trusted: only this user may reach the socket
  if postgres_alive && postgres_ready; then
    log "reusing the private PostgreSQL already on 127.0.0.1:$MALL_PG_PORT"
    return 0
  fi
  if [ "$(id -u)" -eq 0 ]; then
    as_postgres_owner true
    [ "$POSTGRES_AS" = runuser ] && chown postgres: "$POSTGRES_HOME" "$POSTGRES_RUN"
  fi
  if [ ! -f "$POSTGRES_DATA/PG_VERSION" ]; then
    log "initialising PostgreSQL datadir $POSTGRES_DATA"
    mkdir -p "$POSTGRES_DATA"
    chmod 700 "$POSTGRES_DATA"
    [ "${POSTGRES_AS:-}" = runuser ] && chown postgres: "$POSTGRES_DATA"
    # Local (socket) connections trust; TCP connections (Temporal, its schema tool) need a password.
    as_postgres_owner "$POSTGRES_BIN/initdb" -D "$POSTGRES_DATA" -U postgres --auth-local=trust \
      --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$POSTGRES_HOME/initdb.log" 2>&1 \
      || { cat "$POSTGRES_HOME/initdb.log" >&2; die "initdb failed (log: $POSTGRES_HOME/initdb.log)"; }
  fi
  rm -f "$POSTGRES_DATA/postmaster.pid"
  # Temporal opens up to maxConns per store per service: 4 services x (20 + 10) and the tools.
  as_postgres_owner "$POSTGRES_BIN/pg_ctl" start -D "$POSTGRES_DATA" -l "$POSTGRES_LOG" -s -w -t 60 \
    -o "-p $MALL_PG_PORT -k $POSTGRES_RUN -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=256MB" \
    </dev/null >/dev/null 2>&1 || {
    tail -20 "$POSTGRES_LOG" >&2
    die "PostgreSQL did not start on 127.0.0.1:$MALL_PG_PORT (port taken? set MALL_PG_PORT; log: $POSTGRES_LOG)"
  }
  # shellcheck disable=SC2034
  POSTGRES_STARTED_BY_US=1
  wait_until 30 "PostgreSQL on 127.0.0.1:$MALL_PG_PORT" postgres_ready \
    || die "PostgreSQL started but does not answer on 127.0.0.1:$MALL_PG_PORT (log: $POSTGRES_LOG)"
}

# ensure_postgres_role <name> <password>: a login role that may create databases, its password reset.
ensure_postgres_role() {
  local name=$1 password=${2//\'/\'\'}
  postgres_sql <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$name') THEN CREATE ROLE "$name" LOGIN CREATEDB; END IF;
END \$\$;
ALTER ROLE "$name" WITH LOGIN CREATEDB PASSWORD '$password';
SQL
}

postgres_database_exists() {
  [ "$(postgres_sql -tA <<<"SELECT 1 FROM pg_database WHERE datname = '$1';")" = 1 ]
}

stop_postgres() {
  postgres_alive || { log "PostgreSQL is not running"; return 0; }
  local pid; pid="$(postgres_pid)"
  POSTGRES_BIN="${POSTGRES_BIN:-$(postgres_bin_dir)}"
  # A fast shutdown: open sessions are ended, the data is checkpointed.
  as_postgres_owner "$POSTGRES_BIN/pg_ctl" stop -D "$POSTGRES_DATA" -m fast -s -w -t 60 >/dev/null 2>&1 \
    || stop_process "$pid" PostgreSQL 30
  log "PostgreSQL stopped"
}
