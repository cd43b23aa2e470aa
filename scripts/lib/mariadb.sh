# shellcheck shell=bash
# A private MariaDB instance for the tests and real-server mode: its own datadir, port and socket
# under the cache; the system service (if any) is never touched.
MALL_DB_PORT="${MALL_DB_PORT:-3307}"
MALL_DB_ADMIN_USER="${MALL_TEST_DB_ADMIN_USER:-mall_admin}"
MALL_DB_ADMIN_PASSWORD="${MALL_TEST_DB_ADMIN_PASSWORD:-mall-admin-dev}"
MALL_DB_DOMAINS=(user product order pay)
MARIADB_HOME="${MALL_MARIADB_HOME:-$MALL_CACHE_DIR/mariadb}"
MARIADB_DATA="$MARIADB_HOME/data"
MARIADB_RUN="$MARIADB_HOME/run"
MARIADB_LOG="$MARIADB_HOME/mariadb.log"
MARIADB_SOCKET="$MARIADB_RUN/mariadb.sock"
MARIADB_PID="$MARIADB_RUN/mariadb.pid"
# Read by the callers' EXIT traps: stop only an instance this process started.
# shellcheck disable=SC2034
MARIADB_STARTED_BY_US=0

# mariadbd_path: where the server binary is (Debian puts it in /usr/sbin, often not on PATH).
mariadbd_path() {
  command -v mariadbd 2>/dev/null || { [ -x /usr/sbin/mariadbd ] && echo /usr/sbin/mariadbd; }
}

ensure_mariadb_installed() {
  mariadbd_path >/dev/null && return 0
  apt_install mariadb-server mariadb-client
  # Debian starts the packaged service on install; we run our own instance instead.
  as_root sh -c 'command -v systemctl >/dev/null && systemctl stop mariadb 2>/dev/null; service mariadb stop 2>/dev/null' >/dev/null 2>&1 || true
  mariadbd_path >/dev/null || die "mariadb-server installed but mariadbd not found"
}

# Runs SQL from stdin as root over the private socket; extra arguments go to the client (e.g. -N).
mariadb_root_sql() {
  mariadb --no-defaults --socket="$MARIADB_SOCKET" -uroot "$@"
}

mariadb_ping() {
  mariadb-admin --no-defaults --socket="$MARIADB_SOCKET" -uroot ping
}

# sql_string <value>: a single-quoted SQL string literal.
sql_string() {
  local escaped=${1//\\/\\\\}
  printf "'%s'" "${escaped//\'/\'\'}"
}

mariadb_server_alive() {
  [ -f "$MARIADB_PID" ] && pid_is "$(cat "$MARIADB_PID")" mariadbd
}

start_mariadb() {
  ensure_mariadb_installed
  mkdir -p "$MARIADB_RUN"
  if mariadb_server_alive && mariadb_ping >/dev/null 2>&1; then
    log "reusing the private MariaDB already on 127.0.0.1:$MALL_DB_PORT"
  else
    if [ ! -d "$MARIADB_DATA/mysql" ]; then
      log "initialising MariaDB datadir $MARIADB_DATA"
      mariadb-install-db --no-defaults --datadir="$MARIADB_DATA" --user="$(id -un)" \
        --auth-root-authentication-method=normal --skip-test-db >"$MARIADB_HOME/install.log" 2>&1 \
        || { cat "$MARIADB_HOME/install.log" >&2; die "mariadb-install-db failed"; }
    fi
    "$(mariadbd_path)" --no-defaults --datadir="$MARIADB_DATA" --port="$MALL_DB_PORT" \
      --bind-address=127.0.0.1 --socket="$MARIADB_SOCKET" --pid-file="$MARIADB_PID" \
      --user="$(id -un)" --innodb-flush-log-at-trx-commit=2 --max-connections=1000 \
      --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
      --skip-name-resolve >"$MARIADB_LOG" 2>&1 </dev/null &
    local launched=$!
    # shellcheck disable=SC2034
    MARIADB_STARTED_BY_US=1
    wait_for_process "$launched" 60 "MariaDB on 127.0.0.1:$MALL_DB_PORT" mariadb_ping || {
      kill "$launched" 2>/dev/null || true
      tail -20 "$MARIADB_LOG" >&2
      die "MariaDB did not start on 127.0.0.1:$MALL_DB_PORT (port taken? set MALL_DB_PORT; log: $MARIADB_LOG)"
    }
  fi
  ensure_admin_account
}

# ensure_account <user> <password> <privileges> <grant target> [grant suffix]: the account for '%'
# and for 'localhost' (socket connections), its password reset to this one.
ensure_account() {
  local user password host
  user="$(sql_string "$1")"
  password="$(sql_string "$2")"
  for host in "'%'" "'localhost'"; do
    mariadb_root_sql <<SQL
CREATE USER IF NOT EXISTS $user@$host IDENTIFIED BY $password;
ALTER USER $user@$host IDENTIFIED BY $password;
GRANT $3 ON $4 TO $user@$host ${5:-};
SQL
  done
}

# The tests' account: creates per-test databases and per-domain users, hence WITH GRANT OPTION.
ensure_admin_account() {
  ensure_account "$MALL_DB_ADMIN_USER" "$MALL_DB_ADMIN_PASSWORD" 'ALL PRIVILEGES' '*.*' 'WITH GRANT OPTION'
}

stop_mariadb() {
  mariadb_server_alive || { log "MariaDB is not running"; return 0; }
  stop_process "$(cat "$MARIADB_PID")" MariaDB 60
}

# The databases of real-server mode: one per domain, each with its own account limited to it (the
# domain's worker) and a reader account that may only SELECT from it (the API).
create_mall_databases() {
  local domain upper password_var reader_password_var
  for domain in "${MALL_DB_DOMAINS[@]}"; do
    upper="$(echo "$domain" | tr '[:lower:]' '[:upper:]')"
    password_var="MALL_DB_${upper}_PASSWORD"
    reader_password_var="MALL_READ_${upper}_PASSWORD"
    mariadb_root_sql <<<"CREATE DATABASE IF NOT EXISTS mall_$domain CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
    ensure_account "mall_$domain" "${!password_var:-$domain-dev}" 'ALL PRIVILEGES' "mall_$domain.*"
    ensure_account "mall_${domain}_reader" "${!reader_password_var:-$domain-reader-dev}" 'SELECT' "mall_$domain.*"
  done
  log "databases ${MALL_DB_DOMAINS[*]/#/mall_} ready, each with its own account and a read-only one"
}
