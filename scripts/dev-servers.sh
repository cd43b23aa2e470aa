#!/usr/bin/env bash
# Real-server mode by hand: a private MariaDB with the mall_* databases and a Temporal dev server
# with its Web UI. Usage: scripts/dev-servers.sh start|stop|status|env
#   eval "$(scripts/dev-servers.sh env)"   exports what the workers and the API need.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"
# shellcheck source=lib/temporal-cli.sh
source "$MALL_ROOT/scripts/lib/temporal-cli.sh"
# shellcheck source=lib/mariadb.sh
source "$MALL_ROOT/scripts/lib/mariadb.sh"
# shellcheck source=lib/temporal-server.sh
source "$MALL_ROOT/scripts/lib/temporal-server.sh"

print_env() {
  local domain upper password_var reader_password_var
  for domain in "${MALL_DB_DOMAINS[@]}"; do
    upper="$(echo "$domain" | tr '[:lower:]' '[:upper:]')"
    password_var="MALL_DB_${upper}_PASSWORD"
    reader_password_var="MALL_READ_${upper}_PASSWORD"
    printf 'export MALL_DB_%s_URL=%q\n' "$upper" "jdbc:mysql://127.0.0.1:$MALL_DB_PORT/mall_$domain"
    printf 'export MALL_DB_%s_USERNAME=%q\n' "$upper" "mall_$domain"
    printf 'export MALL_DB_%s_PASSWORD=%q\n' "$upper" "${!password_var:-$domain-dev}"
    printf 'export MALL_READ_%s_URL=%q\n' "$upper" "jdbc:mysql://127.0.0.1:$MALL_DB_PORT/mall_$domain"
    printf 'export MALL_READ_%s_USERNAME=%q\n' "$upper" "mall_${domain}_reader"
    printf 'export MALL_READ_%s_PASSWORD=%q\n' "$upper" "${!reader_password_var:-$domain-reader-dev}"
  done
  printf 'export TEMPORAL_ADDRESS=%q\n' "127.0.0.1:$MALL_TEMPORAL_PORT"
}

case "${1:-}" in
  start)
    start_mariadb
    create_mall_databases
    start_temporal_server --with-ui
    log "MariaDB: 127.0.0.1:$MALL_DB_PORT (log $MARIADB_LOG)"
    log "Temporal: 127.0.0.1:$MALL_TEMPORAL_PORT, Web UI http://127.0.0.1:$MALL_TEMPORAL_UI_PORT"
    log "next: eval \"\$(scripts/dev-servers.sh env)\""
    ;;
  stop)
    stop_temporal_server
    stop_mariadb
    ;;
  status)
    ensure_temporal_cli
    up=0
    if mariadb_ping >/dev/null 2>&1; then log "MariaDB: up on 127.0.0.1:$MALL_DB_PORT"; else log "MariaDB: down"; up=1; fi
    if temporal_healthy; then log "Temporal: up on 127.0.0.1:$MALL_TEMPORAL_PORT, Web UI http://127.0.0.1:$MALL_TEMPORAL_UI_PORT"
    else log "Temporal: down"; up=1; fi
    exit "$up"
    ;;
  env) print_env ;;
  *) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
esac
