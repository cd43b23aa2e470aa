# shellcheck shell=bash
# A private MariaDB instance for the tests and real-server mode: its own datadir, port and socket
# under the cache; the system service (if any) is never touched.
MALL_DB_PORT="${MALL_DB_PORT:-3307}"
MALL_DB_ADMIN_USER="${MALL_TEST_DB_ADMIN_USER:-mall_admin}"
MALL_DB_ADMIN_PASSWORD="${MALL_TEST_DB_ADMIN_PASSWORD:-mall-admin-dev}"
MARIADB_HOME="$MALL_CACHE_DIR/mariadb"
MARIADB_DATA="$MARIADB_HOME/data"
MARIADB_RUN="$MARIADB_HOME/run"
MARIADB_SOCKET="$MARIADB_RUN/mariadb.sock"
MARIADB_PID="$MARIADB_RUN/mariadb.pid"
MARIADB_STARTED_BY_US=0

ensure_mariadb_installed() {
  if command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ]; then return 0; fi
  log "installing MariaDB from Debian's packages"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    mariadb-server mariadb-client >&2
  # Debian starts the packaged service on install; we run our own instance instead.
  as_root sh -c 'command -v systemctl >/dev/null && systemctl stop mariadb 2>/dev/null; service mariadb stop 2>/dev/null' >/dev/null 2>&1 || true
}

mariadb_admin_sql() {
  mariadb --no-defaults --socket="$MARIADB_SOCKET" -uroot "$@"
}

mariadb_ping() {
  mariadb-admin --no-defaults --socket="$MARIADB_SOCKET" -uroot ping
}

start_mariadb() {
  ensure_mariadb_installed
  mkdir -p "$MARIADB_RUN"
  if [ -f "$MARIADB_PID" ] && kill -0 "$(cat "$MARIADB_PID")" 2>/dev/null && mariadb_ping >/dev/null 2>&1; then
    log "MariaDB already running on 127.0.0.1:$MALL_DB_PORT"
    return 0
  fi
  if [ ! -d "$MARIADB_DATA/mysql" ]; then
    log "initialising MariaDB datadir $MARIADB_DATA"
    mariadb-install-db --no-defaults --datadir="$MARIADB_DATA" --user="$(id -un)" \
      --auth-root-authentication-method=normal --skip-test-db >"$MARIADB_HOME/install.log" 2>&1 \
      || { cat "$MARIADB_HOME/install.log" >&2; die "mariadb-install-db failed"; }
  fi
  local mariadbd; mariadbd="$(command -v mariadbd || echo /usr/sbin/mariadbd)"
  "$mariadbd" --no-defaults --datadir="$MARIADB_DATA" --port="$MALL_DB_PORT" \
    --bind-address=127.0.0.1 --socket="$MARIADB_SOCKET" --pid-file="$MARIADB_PID" \
    --user="$(id -un)" --innodb-flush-log-at-trx-commit=2 --max-connections=1000 \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --skip-name-resolve >"$MARIADB_HOME/mariadb.log" 2>&1 &
  MARIADB_STARTED_BY_US=1
  wait_until 60 "MariaDB on 127.0.0.1:$MALL_DB_PORT" mariadb_ping \
    || { tail -20 "$MARIADB_HOME/mariadb.log" >&2; die "MariaDB did not start (log: $MARIADB_HOME/mariadb.log)"; }
  mariadb_admin_sql <<SQL
CREATE USER IF NOT EXISTS '$MALL_DB_ADMIN_USER'@'%' IDENTIFIED BY '$MALL_DB_ADMIN_PASSWORD';
ALTER USER '$MALL_DB_ADMIN_USER'@'%' IDENTIFIED BY '$MALL_DB_ADMIN_PASSWORD';
GRANT ALL PRIVILEGES ON *.* TO '$MALL_DB_ADMIN_USER'@'%' WITH GRANT OPTION;
SQL
}

stop_mariadb() {
  [ -f "$MARIADB_PID" ] || return 0
  local pid; pid="$(cat "$MARIADB_PID")"
  if kill "$pid" 2>/dev/null; then
    local i
    for i in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    log "MariaDB stopped"
  fi
}

# The databases of real-server mode: one per domain, each with its own account.
create_mall_databases() {
  local domain upper password
  for domain in user product order pay; do
    upper="$(echo "$domain" | tr '[:lower:]' '[:upper:]')"
    password_var="MALL_DB_${upper}_PASSWORD"
    password="${!password_var:-$domain-dev}"
    mariadb_admin_sql <<SQL
CREATE DATABASE IF NOT EXISTS mall_$domain CHARACTER SET utf8mb4;
CREATE USER IF NOT EXISTS 'mall_$domain'@'%' IDENTIFIED BY '$password';
GRANT ALL PRIVILEGES ON mall_$domain.* TO 'mall_$domain'@'%';
SQL
  done
}
