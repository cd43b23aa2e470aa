#!/usr/bin/env bash
# THE test command: installs what is missing (MariaDB, the temporal CLI), starts a private MariaDB
# and a Temporal dev server (with its Web UI), runs `./mvnw -B verify "$@"`, then (full runs only)
# validates docker-compose.yml, screenshots a compensated saga in the Web UI with headless
# Chromium, fuzzes the API from its OpenAPI spec with schemathesis, and stops what it started.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$MALL_ROOT/scripts/lib/temporal-cli.sh"
source "$MALL_ROOT/scripts/lib/mariadb.sh"
source "$MALL_ROOT/scripts/lib/temporal-server.sh"
source "$MALL_ROOT/scripts/lib/compose.sh"

cleanup() {
  [ "$TEMPORAL_STARTED_BY_US" = 1 ] && stop_temporal_server
  [ "$MARIADB_STARTED_BY_US" = 1 ] && stop_mariadb
  return 0
}
trap cleanup EXIT

phase_start=$SECONDS
start_mariadb
start_temporal_server
log "servers ready in $((SECONDS - phase_start)) s"

export MALL_TEST_DB_URL="jdbc:mysql://127.0.0.1:$MALL_DB_PORT/"
export MALL_TEST_DB_ADMIN_USER="$MALL_DB_ADMIN_USER"
export MALL_TEST_DB_ADMIN_PASSWORD="$MALL_DB_ADMIN_PASSWORD"
export MALL_TEST_TEMPORAL_ADDRESS="127.0.0.1:$MALL_TEMPORAL_PORT"
export MALL_TEST_TEMPORAL_CLI="$TEMPORAL_BIN"

cd "$MALL_ROOT"
phase_start=$SECONDS
status=0
./mvnw -B verify "$@" || status=$?
log "maven finished in $((SECONDS - phase_start)) s with exit code $status"
[ "$status" -eq 0 ] || exit "$status"

# The compose check and the OpenAPI fuzz belong to full runs; a partial build says so.
if [ "$#" -eq 0 ]; then
  validate_compose
  # The e2e tests left compensated sagas on the dev server: its Web UI must show one.
  bash "$MALL_ROOT/scripts/ui-screenshot.sh" "$MALL_CACHE_DIR/ui-compensated-saga.png"
  phase_start=$SECONDS
  bash "$MALL_ROOT/scripts/fuzz-api.sh" || status=$?
  log "OpenAPI fuzz finished in $((SECONDS - phase_start)) s with exit code $status"
else
  log "compose check and OpenAPI fuzz NOT run: maven arguments were given ($*); run scripts/test.sh without arguments for the full suite"
fi
exit "$status"
