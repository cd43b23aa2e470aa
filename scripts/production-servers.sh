#!/usr/bin/env bash
# Production mode by hand: the mall's private MariaDB (mall_* databases, as scripts/dev-servers.sh)
# and the production engine - the real temporal-server (built once from its Go module) on a private
# PostgreSQL holding its persistence and visibility, MALL_PROD_TEMPORAL_SHARDS (4) history shards,
# deploy/temporal/dynamicconfig/development.yaml. No Web UI (that is the dev server's).
# Usage: scripts/production-servers.sh start|stop|status|env
#   eval "$(scripts/production-servers.sh env)"   exports what the workers and the API need.
# Settings (environment), defaults in brackets: MALL_PROD_TEMPORAL_PORT [7283; the server's other
# gRPC ports and its metrics port are the next five], MALL_PROD_MEMBERSHIP_PORT [6934; 4 ports],
# MALL_PG_PORT [5433], MALL_PROD_TEMPORAL_SHARDS [4], MALL_PROD_RETENTION [24h], MALL_PROD_DB_USER
# [temporal], MALL_PROD_DB_PASSWORD [temporal-dev], MALL_PROD_DYNAMIC_CONFIG, MALL_PROD_HOME
# [$MALL_CACHE_DIR/temporal-production], MALL_DB_PORT [3307] and MALL_CACHE_DIR as elsewhere.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"
# shellcheck source=lib/temporal-cli.sh
source "$MALL_ROOT/scripts/lib/temporal-cli.sh"
# shellcheck source=lib/mariadb.sh
source "$MALL_ROOT/scripts/lib/mariadb.sh"
# shellcheck source=lib/temporal-server.sh
source "$MALL_ROOT/scripts/lib/temporal-server.sh"
# shellcheck source=lib/temporal-production.sh
source "$MALL_ROOT/scripts/lib/temporal-production.sh"

case "${1:-}" in
  start)
    check_production_settings
    start_mariadb
    create_mall_databases
    start_temporal_production
    log "MariaDB: 127.0.0.1:$MALL_DB_PORT (log $MARIADB_LOG)"
    log "Temporal (production): $(prod_address), $MALL_PROD_TEMPORAL_SHARDS history shards, PostgreSQL 127.0.0.1:$MALL_PG_PORT (logs $PROD_LOG, $POSTGRES_LOG)"
    log "next: eval \"\$(scripts/production-servers.sh env)\""
    ;;
  stop)
    stop_temporal_production
    stop_mariadb
    ;;
  status)
    ensure_temporal_cli
    up=0
    if mariadb_ping >/dev/null 2>&1; then log "MariaDB: up on 127.0.0.1:$MALL_DB_PORT"; else log "MariaDB: down"; up=1; fi
    if postgres_alive; then log "PostgreSQL: up on 127.0.0.1:$MALL_PG_PORT"; else log "PostgreSQL: down"; up=1; fi
    if production_healthy; then log "Temporal (production): up on $(prod_address)"
    else log "Temporal (production): down"; up=1; fi
    exit "$up"
    ;;
  env)
    MALL_TEMPORAL_PORT="$MALL_PROD_TEMPORAL_PORT" "$MALL_ROOT/scripts/dev-servers.sh" env
    ;;
  *) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
esac
