#!/usr/bin/env bash
# The chaos suite: the mall's split topology (API, workflow worker, one worker per domain, each its
# own JVM) on its own MariaDB and its own Temporal dev server with a persistent store, under faults:
#   kills         kill -9 of the product, order and workflow workers and the API at random moments
#                 during 120 orders on stock 60, each restarted a few seconds later;
#   temporal      the Temporal server killed mid-run and started again on its persistent store;
#   database      MariaDB stopped for 30 s mid-run, then started again;
#   worker-down   the product worker down longer than product.decrStock's schedule-to-close timeout;
#   flash-sale    1,000 orders at once on stock 100, the API and the product worker each kill -9'd at
#                 a random moment of the sale and restarted; then the API's stock gate must be stuck
#                 neither open nor closed;
#   payments      (opt-in) 40 orders paid at the sandbox payment provider (its own JVM) before, just
#                 before and after a 20 s payment timeout, or never, its callbacks 8 s late and
#                 delivered 3 times or, for 10 payments, dropped, the pay and order workers each
#                 kill -9'd twice; then every dropped payment must be found by the provider query
#                 and paid, every capture paid or refunded once and the mall's books match the ledger.
# Gray failures, with --gray (or by name in CHAOS_SCENARIOS): a dependency that hangs instead of dying -
#   pause-db        MariaDB frozen (SIGSTOP) for 20 s, five times, during 1,000 orders on stock 600 sent
#                   over 3 minutes; resumed with SIGCONT each time;
#   pause-temporal  the same with the Temporal server (dev server or temporal-server) frozen;
#   pause-mall      the same with the API and each worker frozen in turn;
#   net-*           every mall process reaches MariaDB and Temporal through a Toxiproxy proxy of its
#                   own; each scenario puts 2 s of latency, a blackhole, connection resets or a
#                   bandwidth limit on those links for 20-30 s while orders arrive (docs/chaos.md
#                   lists the eight; --network runs only them);
#   each reports, per fault, how soon order throughput was back to 90% of its level before the first.
# Clients retry with their Idempotency-Key on 5xx or a dropped connection, as a careful client does.
# After each scenario the books are checked (SQL and Temporal visibility); a line per scenario is
# printed and target/chaos/chaos.{json,md} written. Exits non-zero if any check fails.
# The scenario driver is the bench module (java -jar mall-bench-*-exec.jar chaos); it calls back
# `scripts/chaos.sh server db-stop|db-start|db-pause|db-resume|temporal-kill|temporal-start|
# temporal-pause|temporal-resume` for the servers' faults.
# Usage: scripts/chaos.sh [--gray|--network]
# Settings (environment): CHAOS_SCENARIOS ["kills temporal database worker-down flash-sale"; with
# --gray "pause-db pause-temporal pause-mall" and the net-* ones, with --network the net-* ones; add payments, or CHAOS_SCENARIOS=payments, for the
# payments scenario],
# CHAOS_DB_PORT [3317], CHAOS_TEMPORAL_PORT [7243], CHAOS_OUT [target/chaos], CHAOS_XMX [256m],
# CHAOS_SEED [random; repeats the fault timings], CHAOS_SKIP_BUILD [unset; 1: use the jars in target/],
# CHAOS_ENGINE [dev; production: the real temporal-server on its own PostgreSQL, a fresh store each
# run, the `temporal` fault a kill -9 of the temporal-server process], CHAOS_PROD_TEMPORAL_PORT
# [7293; and the next five], CHAOS_PROD_MEMBERSHIP_PORT [6944; 4 ports], CHAOS_PG_PORT [5434].
# CHAOS_HOME [$MALL_CACHE_DIR/chaos]: its servers' data and the run's logs (one per concurrent run).
# Network scenarios: CHAOS_TOXIPROXY_PORT [8475] (Toxiproxy's API), CHAOS_PROXY_PORTS [21400; the
# proxies listen from there on, one per (process, dependency): 9 for the split topology],
# CHAOS_NETWORK_ORDERS [unset; each network scenario's orders, stock in proportion, for a short run].
# Runs beside scripts/test.sh's servers: its MariaDB and Temporal live in $CHAOS_HOME.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"
export MALL_DB_PORT="${CHAOS_DB_PORT:-3317}"
export MALL_TEMPORAL_PORT="${CHAOS_TEMPORAL_PORT:-7243}"
CHAOS_HOME="${CHAOS_HOME:-$MALL_CACHE_DIR/chaos}"
export CHAOS_HOME
export MALL_MARIADB_HOME="$CHAOS_HOME/mariadb"
export MALL_TEMPORAL_HOME="$CHAOS_HOME/temporal"
export MALL_TEMPORAL_DB_FILE="$MALL_TEMPORAL_HOME/temporal.db"
CHAOS_ENGINE="${CHAOS_ENGINE:-dev}"
case "$CHAOS_ENGINE" in
  dev | production) ;;
  *) die "CHAOS_ENGINE must be dev or production, not '$CHAOS_ENGINE'" ;;
esac
export CHAOS_ENGINE
# The production engine's ports and home, all the chaos suite's own (never the caller's settings).
unset MALL_PROD_HTTP_PORT MALL_PROD_HISTORY_PORT MALL_PROD_MATCHING_PORT MALL_PROD_WORKER_PORT \
  MALL_PROD_METRICS_PORT MALL_POSTGRES_HOME
export MALL_PROD_HOME="$CHAOS_HOME/temporal-production"
export MALL_PROD_TEMPORAL_PORT="${CHAOS_PROD_TEMPORAL_PORT:-7293}"
export MALL_PROD_MEMBERSHIP_PORT="${CHAOS_PROD_MEMBERSHIP_PORT:-6944}"
export MALL_PG_PORT="${CHAOS_PG_PORT:-5434}"
# shellcheck source=lib/temporal-cli.sh
source "$MALL_ROOT/scripts/lib/temporal-cli.sh"
# shellcheck source=lib/mariadb.sh
source "$MALL_ROOT/scripts/lib/mariadb.sh"
# shellcheck source=lib/temporal-server.sh
source "$MALL_ROOT/scripts/lib/temporal-server.sh"
# shellcheck source=lib/temporal-production.sh
source "$MALL_ROOT/scripts/lib/temporal-production.sh"
export MALL_TOXIPROXY_PORT="${CHAOS_TOXIPROXY_PORT:-8475}"
export MALL_TOXIPROXY_HOME="$CHAOS_HOME/toxiproxy"
# shellcheck source=lib/toxiproxy.sh
source "$MALL_ROOT/scripts/lib/toxiproxy.sh"

# The chaos suite's Temporal, whichever engine it runs.
start_chaos_temporal() {
  if [ "$CHAOS_ENGINE" = production ]; then start_temporal_production; else start_temporal_server --headless; fi
}
kill_chaos_temporal() {
  if [ "$CHAOS_ENGINE" = production ]; then kill_temporal_production; else kill_temporal_server; fi
}
stop_chaos_temporal() {
  if [ "$CHAOS_ENGINE" = production ]; then stop_temporal_production; else stop_temporal_server; fi
}

# signal_server <pid file> <program> STOP|CONT: freezes or resumes a server these scripts started
# (pid_is: a stale pid file names no other process).
signal_server() {
  local pid
  pid="$(cat "$1" 2>/dev/null || true)"
  pid_is "$pid" "$2" || die "no $2 started by these scripts is running (pid file $1)"
  kill "-$3" "$pid"
  log "$2 (pid $pid): SIG$3"
}
signal_mariadb() { signal_server "$MARIADB_PID" mariadbd "$1"; }
signal_chaos_temporal() {
  if [ "$CHAOS_ENGINE" = production ]; then
    signal_server "$PROD_PID" temporal-server "$1"
  else
    signal_server "$TEMPORAL_PID" temporal "$1"
  fi
}
# A run stopped mid-pause must leave nothing frozen: SIGCONT to whichever server is still alive.
resume_servers() {
  (signal_mariadb CONT) 2>/dev/null || true
  (signal_chaos_temporal CONT) 2>/dev/null || true
}

# The driver's callbacks: one fault or recovery of a server, then this process exits.
if [ "${1:-}" = server ]; then
  case "${2:-}" in
    db-stop) stop_mariadb ;;
    db-start) start_mariadb ;;
    temporal-kill) kill_chaos_temporal ;;
    temporal-start) start_chaos_temporal ;;
    db-pause) signal_mariadb STOP ;;
    db-resume) signal_mariadb CONT ;;
    temporal-pause) signal_chaos_temporal STOP ;;
    temporal-resume) signal_chaos_temporal CONT ;;
    *) die "usage: $0 server db-stop|db-start|db-pause|db-resume|temporal-kill|temporal-start|temporal-pause|temporal-resume" ;;
  esac
  exit 0
fi

DEFAULT_SCENARIOS="kills temporal database worker-down flash-sale"
NETWORK_SCENARIOS="net-db-latency net-db-blackhole net-temporal-latency net-temporal-blackhole \
net-db-reset net-temporal-reset net-db-bandwidth net-temporal-bandwidth"
GRAY_SCENARIOS="pause-db pause-temporal pause-mall $NETWORK_SCENARIOS"
case "${1:-}" in
  "") ;;
  --gray) DEFAULT_SCENARIOS="$GRAY_SCENARIOS" ;;
  --network) DEFAULT_SCENARIOS="$NETWORK_SCENARIOS" ;;
  *) die "usage: $0 [--gray|--network]   (or $0 server ACTION, the driver's callback)" ;;
esac
SCENARIOS="${CHAOS_SCENARIOS:-$DEFAULT_SCENARIOS}"
# The net-* scenarios' proxies: Toxiproxy's API, and the first port they listen on.
network_args=()
[[ " $SCENARIOS " =~ \ net- ]] && network_args=(--toxiproxy "127.0.0.1:$MALL_TOXIPROXY_PORT" \
  --proxy-ports "${CHAOS_PROXY_PORTS:-21400}" ${CHAOS_NETWORK_ORDERS:+--network-orders "$CHAOS_NETWORK_ORDERS"})

OUT_DIR="${CHAOS_OUT:-$MALL_ROOT/target/chaos}"
RUN_DIR="$CHAOS_HOME/run"
XMX="${CHAOS_XMX:-256m}"

# shellcheck disable=SC2317  # invoked by the EXIT trap
stop_servers() {
  local status=$?
  # The driver restarts servers through callbacks: stop whatever the pid files name now, resumed
  # first (a frozen server would sit out its grace period).
  resume_servers
  stop_chaos_temporal
  stop_mariadb
  stop_toxiproxy
  log "chaos suite: total $((SECONDS - run_start)) s"
  exit "$status"
}
run_start=$SECONDS
ensure_build_tools
ensure_mariadb_installed
ensure_temporal_cli
[ "${#network_args[@]}" -eq 0 ] || ensure_toxiproxy
mkdir -p "$OUT_DIR" "$MALL_TEMPORAL_HOME"
rm -rf "$RUN_DIR"
mkdir -p "$RUN_DIR"
if [ "$CHAOS_ENGINE" = production ]; then
  check_production_settings
  production_healthy && die "something already serves Temporal on $(prod_address): stop it or set CHAOS_PROD_TEMPORAL_PORT"
  # A fresh store per run: a PostgreSQL left behind by an interrupted run is ours, stop it first.
  production_server_alive && stop_process "$(cat "$PROD_PID")" "a temporal-server left by an earlier chaos run" 30
  stop_postgres
  rm -rf "$MALL_PROD_HOME"
  temporal_address="$(prod_address)"
  engine_name="temporal-server $TEMPORAL_SERVER_VERSION (PostgreSQL, $MALL_PROD_TEMPORAL_SHARDS shards)"
else
  temporal_healthy && die "something already serves Temporal on 127.0.0.1:$MALL_TEMPORAL_PORT: stop it or set CHAOS_TEMPORAL_PORT"
  rm -f "$MALL_TEMPORAL_DB_FILE" "$MALL_TEMPORAL_DB_FILE-wal" "$MALL_TEMPORAL_DB_FILE-shm"
  temporal_address="127.0.0.1:$MALL_TEMPORAL_PORT"
  engine_name="Temporal dev server"
fi
trap stop_servers EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
start_mariadb
# Fresh books each run, as the Temporal store is: a run killed mid-migration leaves nothing behind.
for domain in "${MALL_DB_DOMAINS[@]}"; do
  mariadb_root_sql <<<"DROP DATABASE IF EXISTS mall_$domain;"
done
create_mall_databases
start_chaos_temporal
[ "${#network_args[@]}" -eq 0 ] || start_toxiproxy
# The driver kills and restarts this server through callbacks: no job-control notice from this shell.
disown -a
eval "$("$MALL_ROOT/scripts/dev-servers.sh" env)"
export TEMPORAL_ADDRESS="$temporal_address"
log "chaos suite on the $CHAOS_ENGINE engine: $engine_name at $temporal_address"
MALL_JWT_SECRET="chaos-only-$(head -c 32 /dev/urandom | base64 | tr -d '/+=')"
export MALL_JWT_SECRET
# The API verifies the sandbox provider's callbacks with it; the driver hands it to the sandbox.
MALL_PAY_WEBHOOK_SECRET="chaos-only-$(head -c 32 /dev/urandom | base64 | tr -d '/+=')"
export MALL_PAY_WEBHOOK_SECRET

cd "$MALL_ROOT"
if [ "${CHAOS_SKIP_BUILD:-}" != 1 ]; then
  log "building the api, worker, sandbox and bench jars"
  ./mvnw -B -q -DskipTests -pl api,workers,sandbox,bench -am package </dev/null
fi
# Toxiproxy's Java client uses HttpURLConnection: bounded waits on its API.
java "-Xmx$XMX" -Dsun.net.client.defaultConnectTimeout=5000 -Dsun.net.client.defaultReadTimeout=30000 \
  -jar "$MALL_ROOT/bench/target/mall-bench-0.1.0-SNAPSHOT-exec.jar" chaos \
  --scenarios "$SCENARIOS" "${network_args[@]}" \
  --api-jar "$MALL_ROOT/api/target/mall-api-0.1.0-SNAPSHOT-exec.jar" \
  --workers-jar "$MALL_ROOT/workers/target/mall-workers-0.1.0-SNAPSHOT-exec.jar" \
  --sandbox-jar "$MALL_ROOT/sandbox/target/mall-sandbox-0.1.0-SNAPSHOT-exec.jar" \
  --xmx "$XMX" --run-dir "$RUN_DIR" --out "$OUT_DIR" ${CHAOS_SEED:+--seed "$CHAOS_SEED"} \
  --server-control "$MALL_ROOT/scripts/chaos.sh" \
  --temporal "$temporal_address" --engine "$engine_name" \
  --jdbc "jdbc:mysql://127.0.0.1:$MALL_DB_PORT/" --db-user "$MALL_DB_ADMIN_USER" --db-password "$MALL_DB_ADMIN_PASSWORD" \
  </dev/null
