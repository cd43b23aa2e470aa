#!/usr/bin/env bash
# Real-server mode by hand: scripts/dev-servers.sh start|stop|status|env
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$MALL_ROOT/scripts/lib/temporal-cli.sh"
source "$MALL_ROOT/scripts/lib/mariadb.sh"
source "$MALL_ROOT/scripts/lib/temporal-server.sh"

print_env() {
  local domain upper password_var
  for domain in user product order pay; do
    upper="$(echo "$domain" | tr '[:lower:]' '[:upper:]')"
    password_var="MALL_DB_${upper}_PASSWORD"
    echo "export MALL_DB_${upper}_URL=jdbc:mysql://127.0.0.1:$MALL_DB_PORT/mall_$domain"
    echo "export MALL_DB_${upper}_USERNAME=mall_$domain"
    echo "export MALL_DB_${upper}_PASSWORD=${!password_var:-$domain-dev}"
  done
  echo "export TEMPORAL_ADDRESS=127.0.0.1:$MALL_TEMPORAL_PORT"
}

case "${1:-}" in
  start)
    start_mariadb
    create_mall_databases
    start_temporal_server
    log "MariaDB 127.0.0.1:$MALL_DB_PORT (databases mall_user, mall_product, mall_order, mall_pay)"
    log "Temporal 127.0.0.1:$MALL_TEMPORAL_PORT, Web UI http://localhost:$MALL_TEMPORAL_UI_PORT"
    log "next: eval \"\$(scripts/dev-servers.sh env)\""
    ;;
  stop) ensure_temporal_cli; stop_temporal_server; stop_mariadb ;;
  status)
    ensure_temporal_cli
    if mariadb_ping >/dev/null 2>&1; then log "MariaDB: up on 127.0.0.1:$MALL_DB_PORT"; else log "MariaDB: down"; fi
    if temporal_healthy; then log "Temporal: up on 127.0.0.1:$MALL_TEMPORAL_PORT"; else log "Temporal: down"; fi
    ;;
  env) print_env ;;
  *) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
esac
