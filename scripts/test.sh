#!/usr/bin/env bash
# THE test command: installs what is missing (JDK, MariaDB, the temporal CLI), starts a private
# MariaDB and a Temporal dev server (with its Web UI), runs `./mvnw -B verify "$@"`, then (full runs
# only) validates docker-compose.yml, screenshots a compensated saga in the Web UI with headless
# Chromium, runs OrderSagaEndToEndTest and PaymentEndToEndTest again on the production engine
# (temporal-server on PostgreSQL, 4 history shards: scripts/lib/temporal-production.sh), fuzzes the
# API from its OpenAPI spec with schemathesis, runs the chaos suite (scripts/chaos.sh, on its own
# MariaDB and Temporal), and stops what it started.
# MALL_TEMPORAL_ENGINE=production runs all of it on the production engine instead of the dev server
# (no Web UI there: no screenshot; the chaos suite too, unless CHAOS_ENGINE says otherwise).
# Servers that were already running (scripts/dev-servers.sh or production-servers.sh start) are
# reused and left running.
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
# shellcheck source=lib/compose.sh
source "$MALL_ROOT/scripts/lib/compose.sh"

ENGINE="${MALL_TEMPORAL_ENGINE:-dev}"
case "$ENGINE" in
  dev | production) ;;
  *) die "MALL_TEMPORAL_ENGINE must be dev or production, not '$ENGINE'" ;;
esac
check_production_settings

# shellcheck disable=SC2317  # invoked by the EXIT trap
stop_what_we_started() {
  local status=$?
  [ "$TEMPORAL_STARTED_BY_US" = 1 ] && stop_temporal_server
  [ "$PROD_STARTED_BY_US" = 1 ] && stop_temporal_production
  [ "$MARIADB_STARTED_BY_US" = 1 ] && stop_mariadb
  log "total $((SECONDS - run_start)) s"
  exit "$status"
}
run_start=$SECONDS
trap stop_what_we_started EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

phase_start=$SECONDS
ensure_build_tools
ensure_mariadb_installed
ensure_temporal_cli
log "tools ready in $((SECONDS - phase_start)) s"

phase_start=$SECONDS
start_mariadb
if [ "$ENGINE" = dev ]; then
  start_temporal_server --with-ui
  temporal_address="127.0.0.1:$MALL_TEMPORAL_PORT"
else
  start_temporal_production
  temporal_address="$(prod_address)"
fi
log "servers ready in $((SECONDS - phase_start)) s (Temporal engine: $ENGINE, $temporal_address)"

export MALL_TEST_DB_URL="jdbc:mysql://127.0.0.1:$MALL_DB_PORT/"
export MALL_TEST_DB_ADMIN_USER="$MALL_DB_ADMIN_USER"
export MALL_TEST_DB_ADMIN_PASSWORD="$MALL_DB_ADMIN_PASSWORD"
export MALL_TEST_TEMPORAL_ADDRESS="$temporal_address"
export MALL_TEST_TEMPORAL_CLI="$TEMPORAL_BIN"

cd "$MALL_ROOT"
phase_start=$SECONDS
status=0
./mvnw -B verify "$@" </dev/null || status=$?
log "maven finished in $((SECONDS - phase_start)) s with exit code $status"
[ "$status" -eq 0 ] || exit "$status"

# The compose check, the screenshot and the OpenAPI fuzz belong to full runs; a partial build says so.
if [ "$#" -eq 0 ]; then
  phase_start=$SECONDS
  validate_compose
  if [ "$ENGINE" = dev ]; then
    # The e2e tests left compensated sagas on the dev server: its Web UI must show one.
    bash "$MALL_ROOT/scripts/ui-screenshot.sh" "$MALL_CACHE_DIR/ui-compensated-saga.png"
    log "compose check and Web UI screenshot finished in $((SECONDS - phase_start)) s"
    # The order and payment flows once more, on the engine docker-compose.yml deploys.
    phase_start=$SECONDS
    start_temporal_production
    MALL_TEST_TEMPORAL_ADDRESS="$(prod_address)" ./mvnw -B -pl e2e -am test \
      -Dtest='OrderSagaEndToEndTest,PaymentEndToEndTest' -Dsurefire.failIfNoSpecifiedTests=false </dev/null \
      || status=$?
    log "e2e on the production engine finished in $((SECONDS - phase_start)) s with exit code $status"
    # Its CPU is not the fuzz's and the chaos suite's: stop it now if this run started it.
    if [ "$PROD_STARTED_BY_US" = 1 ]; then stop_temporal_production; PROD_STARTED_BY_US=0; fi
    [ "$status" -eq 0 ] || exit "$status"
  else
    log "compose check finished in $((SECONDS - phase_start)) s; no Web UI screenshot: the production engine has no Web UI"
  fi
  phase_start=$SECONDS
  bash "$MALL_ROOT/scripts/fuzz-api.sh" </dev/null || status=$?
  log "OpenAPI fuzz finished in $((SECONDS - phase_start)) s with exit code $status"
  phase_start=$SECONDS
  chaos_status=0
  # The jars `verify` just built are the ones under test.
  CHAOS_SKIP_BUILD=1 CHAOS_ENGINE="${CHAOS_ENGINE:-$ENGINE}" bash "$MALL_ROOT/scripts/chaos.sh" </dev/null || chaos_status=$?
  log "chaos suite finished in $((SECONDS - phase_start)) s with exit code $chaos_status"
  [ "$status" -ne 0 ] || status=$chaos_status
else
  log "compose check, Web UI screenshot, OpenAPI fuzz and chaos suite NOT run: maven arguments were given ($*); run scripts/test.sh without arguments for the full suite"
fi
exit "$status"
