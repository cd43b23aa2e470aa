#!/usr/bin/env bash
# The mall side by side with the engine's own limit, in one run, on each Temporal engine of
# BENCH_ENGINES - the tuned dev server and the production engine (temporal-server on PostgreSQL,
# 4 history shards: scripts/lib/temporal-production.sh) - and one MariaDB (scripts/lib/*.sh). This script only starts and stops processes and checks the books with
# SQL; the probes, the load and the report are the `bench` module (java -jar mall-bench-*-exec.jar).
#   1. engine probe: a no-op workflow with 2 no-op activities on 2 task queues (Java SDK, workers in
#      their own JVMs with the mall's worker settings), at BENCH_PROBE_CLIENTS clients;
#   2. order-shaped no-op probe: Update-with-Start, a local step, a remote step, then a durable timer;
#   3. POST /api/order/create at BENCH_ORDER_CONNECTIONS per topology (split: API, workflow worker
#      and one worker per domain, 6 JVMs; combined: API and one worker host), each JVM -Xmx$BENCH_XMX;
#   4. reads (product/detail, order/detail, order/list, user/userinfo) at BENCH_READ_CONNECTIONS;
#   5. two flash sales, each on its own product with BENCH_FLASH_STOCK: BENCH_FLASH_REQUESTS order
#      requests at once, and BENCH_FLASH_BIG_REQUESTS from BENCH_FLASH_BIG_CONNECTIONS connections
#      (at most that many in flight); each: answers by status, time to sold out and to the last
#      answer, the OrderSaga executions started for the product (`temporal workflow count`, read
#      until stable), its order rows by status and stock left (SQL), and the books checked; then
#      order/create on a product with stock 0 at BENCH_SOLD_OUT_CONNECTIONS for BENCH_SECONDS
#      (409 answers/s, latencies), checked: every answer 409, no order row, no execution;
#   6. ratios mall/engine, the JVMs' RSS, a stock-consistency check after each load;
#   7. CPU ms per placed order of every order/create point and flash sale, per process (the engine:
#      dev server, or temporal-server and PostgreSQL's postmaster with its backends; MariaDB; each mall
#      JVM; the load generator), their sum and the whole box (/proc/stat busy), over the measured
#      window only: the load generator reads /proc before and after it (bench/.../Cpu.java);
#   8. the cost phase (BENCH_COST): per engine, the order-shaped probe at BENCH_COST_CONNECTIONS clients,
#      then the plain probe, then order/create at BENCH_COST_CONNECTIONS connections in each of
#      BENCH_COST_TOPOLOGIES (virtual threads), every JVM started with BENCH_COST_JAVA_OPTS (default
#      none: the default JIT) and -Xmx$BENCH_XMX; each point BENCH_COST_WARMUP requests of warm-up,
#      BENCH_COST_IDLE s at rest, then BENCH_COST_ORDERS requests measured: CPU ms per placed order /
#      per probe execution of every process, the engine's requests per answer (its Prometheus
#      counters) and one execution's history; the issue's targets beside them (never judged);
#   9. startup of the embedded default (standalone/target/temporal-mall-standalone.jar, in-process
#      Temporal test server + H2): launch to readiness UP, the JVM's own "Started ... in", RSS when
#      ready - BENCH_STARTUP_RUNS times per thread mode (modes taking turns), medians reported.
# Steps 3, 5 and 9 run once per thread mode of BENCH_THREADS: the mall JVMs started with
# -Dspring.threads.virtual.enabled=false (platform) or =true (virtual); reads in the first mode only.
# Steps 1-3 run on every engine (one after the other, each stopped before the next starts); reads and
# the flash sales on the first engine only, the startup before any engine. The report sets the engines
# and the thread modes side by side.
# Prints the table and writes it as JSON to $BENCH_OUT/bench.json (default target/bench). Exits
# non-zero if a consistency check, a flash sale's books or the sold-out check fail; timings are
# reported beside the issue's targets, never judged.
# Settings (environment), defaults in brackets: BENCH_SECONDS [15] per point, BENCH_WARMUP [3],
# BENCH_PROBE_CLIENTS ["1 8 32"], BENCH_ORDER_CONNECTIONS ["1 8 32"], BENCH_READ_CONNECTIONS ["1 32"],
# BENCH_TOPOLOGIES ["split combined"] (reads and flash sales run on the first), BENCH_USERS [32],
# BENCH_STOCK [1000000], BENCH_FLASH_REQUESTS [1000], BENCH_FLASH_STOCK [100] (both sales),
# BENCH_FLASH_BIG_REQUESTS [10000], BENCH_FLASH_BIG_CONNECTIONS [1000], BENCH_SOLD_OUT_CONNECTIONS
# ["1 32"] (empty: no sold-out point), BENCH_XMX [256m],
# BENCH_JAVA_OPTS [-XX:TieredStopAtLevel=1] for every JVM, BENCH_ENGINES ["dev production"],
# BENCH_THREADS ["platform virtual"], BENCH_STARTUP_RUNS [3] (0: no startup measurement),
# BENCH_COST [1] (0: no cost phase; only: nothing but the cost phase), BENCH_COST_WARMUP [2000],
# BENCH_COST_ORDERS [800], BENCH_COST_CONNECTIONS [8], BENCH_COST_TOPOLOGIES ["split combined"],
# BENCH_COST_JAVA_OPTS [none], BENCH_COST_IDLE [10] (s at rest between warm-up and window),
# BENCH_COST_VARIANTS [none] ("name:-Dx=y,-Dz=w name2:..." - order/create once more per variant, the
# mall's JVMs with those extra options: A/B measurements in one run).
# About 32 minutes on 2 cores with the defaults (measured with other builds running beside it);
# shorter: BENCH_ENGINES=dev about 20, BENCH_ENGINES=dev BENCH_THREADS=platform about 15.
# A Temporal server already healthy on MALL_TEMPORAL_PORT (dev) or MALL_PROD_TEMPORAL_PORT
# (production) is reused as it is (its tuning unknown): for figures on the tuned engines, let the
# bench start its own.
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

POINT_SECONDS="${BENCH_SECONDS:-15}"
WARMUP_SECONDS="${BENCH_WARMUP:-3}"
read -ra PROBE_CLIENTS <<<"${BENCH_PROBE_CLIENTS:-1 8 32}"
read -ra ORDER_CONNECTIONS <<<"${BENCH_ORDER_CONNECTIONS:-1 8 32}"
read -ra READ_CONNECTIONS <<<"${BENCH_READ_CONNECTIONS:-1 32}"
read -ra TOPOLOGIES <<<"${BENCH_TOPOLOGIES:-split combined}"
read -ra ENGINES <<<"${BENCH_ENGINES:-dev production}"
read -ra THREAD_MODES <<<"${BENCH_THREADS:-platform virtual}"
STARTUP_RUNS="${BENCH_STARTUP_RUNS:-3}"
USERS="${BENCH_USERS:-32}"
STOCK="${BENCH_STOCK:-1000000}"
FLASH_REQUESTS="${BENCH_FLASH_REQUESTS:-1000}"
FLASH_STOCK="${BENCH_FLASH_STOCK:-100}"
FLASH_BIG_REQUESTS="${BENCH_FLASH_BIG_REQUESTS:-10000}"
FLASH_BIG_CONNECTIONS="${BENCH_FLASH_BIG_CONNECTIONS:-1000}"
read -ra SOLD_OUT_CONNECTIONS <<<"${BENCH_SOLD_OUT_CONNECTIONS-1 32}"
XMX="${BENCH_XMX:-256m}"
# Every JVM of the run (probe workers, mall processes, load generator) gets the same options. C1 only:
# on 2 shared cores, C2 compilation was most of the mall JVMs' CPU during the measured minutes.
read -ra JAVA_OPTS <<<"${BENCH_JAVA_OPTS:--XX:TieredStopAtLevel=1}"
# The cost phase: JVMs with the default JIT (BENCH_COST_JAVA_OPTS, empty unless set), counted requests.
COST="${BENCH_COST:-1}"
COST_WARMUP="${BENCH_COST_WARMUP:-2000}"
COST_ORDERS="${BENCH_COST_ORDERS:-800}"
COST_CONNECTIONS="${BENCH_COST_CONNECTIONS:-8}"
COST_IDLE="${BENCH_COST_IDLE:-10}"
read -ra COST_TOPOLOGIES <<<"${BENCH_COST_TOPOLOGIES:-split combined}"
read -ra COST_JAVA_OPTS <<<"${BENCH_COST_JAVA_OPTS:-}"
# Variants of the mall's order/create point, each "name:option,option" (extra JVM options, e.g. Spring
# properties as -D...), measured one after the other in the same run; the default is one, unnamed.
read -ra COST_VARIANTS <<<"${BENCH_COST_VARIANTS:-:}"
# The options of the JVMs started now: JAVA_OPTS, or COST_JAVA_OPTS during the cost phase.
JVM_OPTS=("${JAVA_OPTS[@]}")
OUT_DIR="${BENCH_OUT:-$MALL_ROOT/target/bench}"
RESULTS="$OUT_DIR/results"
RUN_DIR="$MALL_CACHE_DIR/bench"
for topology in "${TOPOLOGIES[@]}"; do
  case "$topology" in split|combined) ;; *) die "BENCH_TOPOLOGIES: split and/or combined, not $topology" ;; esac
done
[ "${#ENGINES[@]}" -gt 0 ] || die "BENCH_ENGINES: dev and/or production, not empty"
for engine in "${ENGINES[@]}"; do
  case "$engine" in dev|production) ;; *) die "BENCH_ENGINES: dev and/or production, not $engine" ;; esac
  [ "$engine" = dev ] || check_production_settings
done
[ "${#THREAD_MODES[@]}" -gt 0 ] || die "BENCH_THREADS: platform and/or virtual, not empty"
for mode in "${THREAD_MODES[@]}"; do
  case "$mode" in platform|virtual) ;; *) die "BENCH_THREADS: platform and/or virtual, not $mode" ;; esac
done
case "$STARTUP_RUNS" in '' | *[!0-9]*) die "BENCH_STARTUP_RUNS: a number, not '$STARTUP_RUNS'" ;; esac
case "$COST" in 0|1|only) ;; *) die "BENCH_COST: 0, 1 or only, not '$COST'" ;; esac
for value in "$COST_WARMUP" "$COST_ORDERS" "$COST_CONNECTIONS" "$COST_IDLE"; do
  case "$value" in '' | *[!0-9]*) die "BENCH_COST_WARMUP/ORDERS/CONNECTIONS/IDLE: numbers, not '$value'" ;; esac
done
for topology in "${COST_TOPOLOGIES[@]}"; do
  case "$topology" in split|combined) ;; *) die "BENCH_COST_TOPOLOGIES: split and/or combined, not $topology" ;; esac
done
# /proc's CPU times are in clock ticks (USER_HZ).
CLOCK_TICKS="$(getconf CLK_TCK 2>/dev/null || echo 100)"
rm -rf "$RESULTS"
mkdir -p "$RESULTS" "$RUN_DIR"

JVM_PIDS=()
declare -A JVM_NAMES=()
# shellcheck disable=SC2317  # invoked by the EXIT trap
stop_everything() {
  local status=$?
  stop_jvms
  stop_engine
  [ "$MARIADB_STARTED_BY_US" = 1 ] && stop_mariadb
  exit "$status"
}
trap stop_everything EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# start_jvm <name> <ready check, a shell command> <command...>: starts it in the background.
start_jvm() {
  local name=$1 ready=$2; shift 2
  "$@" >"$RUN_DIR/$name.log" 2>&1 </dev/null &
  JVM_PIDS+=("$!")
  JVM_NAMES[$!]="$name|$ready"
}

# await_jvms: waits until every started JVM passes its ready check (they start in parallel).
await_jvms() {
  local pid name
  for pid in "${JVM_PIDS[@]}"; do
    name="${JVM_NAMES[$pid]%%|*}"
    wait_for_process "$pid" 180 "$name" sh -c "${JVM_NAMES[$pid]#*|}" \
      || { tail -30 "$RUN_DIR/$name.log" >&2; die "$name did not become ready (log: $RUN_DIR/$name.log)"; }
  done
}

stop_jvms() {
  local pid
  for pid in "${JVM_PIDS[@]}"; do stop_process "$pid" "${JVM_NAMES[$pid]%%|*}" 30; done
  JVM_PIDS=()
  JVM_NAMES=()
}

THREAD_MODE="${THREAD_MODES[0]}"
# thread_flag <platform|virtual>: the one Spring property that governs every use of virtual threads
# in the mall (request handling, the API's waits on Temporal, the workers' SDK options).
thread_flag() {
  case "$1" in
    virtual) echo "-Dspring.threads.virtual.enabled=true" ;;
    *) echo "-Dspring.threads.virtual.enabled=false" ;;
  esac
}

# start_mall <name> <jar> [VAR=value...]: a mall JVM on a free port, in thread mode THREAD_MODE,
# ready once its readiness probe is UP.
start_mall() {
  local name=$1 jar=$2 port; shift 2
  port="$(free_port)"
  start_jvm "$name" "curl -sf http://127.0.0.1:$port/actuator/health/readiness" \
    env PORT="$port" "$@" java "-Xmx$XMX" "${JVM_OPTS[@]}" "$(thread_flag "$THREAD_MODE")" -jar "$jar"
  [ "$name" = api ] && API="http://127.0.0.1:$port"
  return 0
}

bench_tool() {
  java "-Xmx$XMX" "${JVM_OPTS[@]}" -jar "$BENCH_JAR" "$@"
}

FRAGMENTS=0
# fragment <name>: sets FRAGMENT to the path of the next result file (the report reads them in this
# order; a variable, not output, so that the count survives).
fragment() {
  FRAGMENTS=$((FRAGMENTS + 1))
  FRAGMENT="$(printf '%s/%03d-%s.json' "$RESULTS" "$FRAGMENTS" "$1")"
}

state() {
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$RUN_DIR/state.json" "$1"
}

sql_value() {
  mariadb_root_sql -N <<<"$1"
}

# rss <topology>: VmRSS of every running bench JVM, after its load.
rss() {
  local pid entries=() kb
  for pid in "${JVM_PIDS[@]}"; do
    kb="$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)"
    entries+=("\"${JVM_NAMES[$pid]%%|*}\": ${kb:-0}")
  done
  fragment "rss-$1"
  local IFS=,
  printf '{"kind": "rss", "topology": "%s", "threads": "%s", "xmx": "%s", "processes": {%s}}\n' \
    "$1" "$THREAD_MODE" "$XMX" "${entries[*]}" >"$FRAGMENT"
}

# cpu_processes: name=pid of every process whose CPU a load point counts (the load generator adds
# itself), comma-separated: the Temporal engine ("temporal": the dev server, or temporal-server, and
# "postgresql": its postmaster, whose backends and helpers are its child processes and counted with
# it), MariaDB and each running mall JVM. A process that cannot be found is left out, with a notice.
cpu_processes() {
  local entries=() pid
  if [ "$ENGINE" = dev ]; then
    pid="$(cat "$TEMPORAL_PID" 2>/dev/null || true)"
    if pid_is "$pid" temporal; then entries+=("temporal=$pid"); else log "CPU: dev server's pid unknown (reused server?): not counted"; fi
  else
    pid="$(cat "$PROD_PID" 2>/dev/null || true)"
    if pid_is "$pid" temporal-server; then entries+=("temporal=$pid"); else log "CPU: temporal-server's pid unknown (reused server?): not counted"; fi
    pid="$(postgres_pid)"
    if pid_is "$pid" postgres; then entries+=("postgresql=$pid"); else log "CPU: PostgreSQL's pid unknown: not counted"; fi
  fi
  pid="$(cat "$MARIADB_PID" 2>/dev/null || true)"
  if pid_is "$pid" mariadbd; then entries+=("mariadb=$pid"); else log "CPU: MariaDB's pid unknown: not counted"; fi
  for pid in "${JVM_PIDS[@]}"; do entries+=("${JVM_NAMES[$pid]%%|*}=$pid"); done
  local IFS=,
  echo "${entries[*]}"
}

# settled <pid> <initial stock>: stock sold equals the product's orders with status 0 or 1 (paid),
# twice in a row - sagas still in flight (order created, stock not yet taken or given back) differ.
settled() {
  local left orders previous=""
  for _ in 1 2; do
    left="$(sql_value "SELECT stock FROM mall_product.products WHERE id = $1;")"
    orders="$(sql_value "SELECT COUNT(*) FROM mall_order.orders WHERE pid = $1 AND status IN (0, 1);")"
    [ $(($2 - left)) -eq "$orders" ] || return 1
    [ -z "$previous" ] || [ "$previous" = "$left/$orders" ] || return 1
    previous="$left/$orders"
    sleep 1
  done
}

# consistency <topology> <after what> <pid> <initial stock>: waits for in-flight sagas (up to 180 s),
# then records stock sold against orders; a difference fails the bench (via the report).
consistency() {
  local topology=$1 after=$2 pid=$3 initial=$4 ok=true left orders
  wait_until 180 "in-flight orders of product $pid to settle" settled "$pid" "$initial" || ok=false
  left="$(sql_value "SELECT stock FROM mall_product.products WHERE id = $pid;")"
  orders="$(sql_value "SELECT COUNT(*) FROM mall_order.orders WHERE pid = $pid AND status IN (0, 1);")"
  [ "$ok" = true ] || log "INCONSISTENT after $after ($topology): stock sold $((initial - left)), orders $orders"
  fragment consistency
  printf '{"kind": "consistency", "topology": "%s", "threads": "%s", "after": "%s", "product": %s, "sold": %s, "orders": %s, "ok": %s}\n' \
    "$topology" "$THREAD_MODE" "$after" "$pid" "$((initial - left))" "$orders" "$ok" >"$FRAGMENT"
}

# running_executions <type>: how many executions of that type visibility counts as running (empty if
# the CLI gave no count).
running_executions() {
  "$TEMPORAL_BIN" workflow count --address "$TEMPORAL_ADDRESS" \
    --query "WorkflowType = '$1' AND ExecutionStatus = 'Running'" 2>/dev/null | awk '/^Total:/ {print $2}'
}

# terminate_running <type>: ends that type's running executions (a batch job in the engine) and waits,
# up to 3 min, until none is left running, so that the batch's work is done before what follows.
terminate_running() {
  local type=$1 count
  count="$(running_executions "$type")"
  [ -n "$count" ] && [ "$count" != 0 ] || return 0
  log "terminating $count running $type executions"
  "$TEMPORAL_BIN" workflow terminate --address "$TEMPORAL_ADDRESS" --yes --reason "scripts/bench.sh" \
    --query "WorkflowType = '$type' AND ExecutionStatus = 'Running'" >/dev/null 2>&1 \
    || { log "could not terminate the running $type executions"; return 0; }
  wait_until 180 "the $type executions to end" none_running "$type" || log "$type executions still running"
}

none_running() {
  [ "$(running_executions "$1")" = 0 ]
}

start_probe_workers() {
  local queue
  for queue in bench-workflows bench-order bench-product; do
    start_jvm "probe-worker-$queue" "grep -q 'probe workers ready' '$RUN_DIR/probe-worker-$queue.log'" \
      java "-Xmx$XMX" "${JVM_OPTS[@]}" -jar "$BENCH_JAR" worker --queues "$queue"
  done
  await_jvms
}

run_probes() {
  local shape clients
  start_probe_workers
  for shape in plain order; do
    for clients in "${PROBE_CLIENTS[@]}"; do
      log "probe $shape: $clients clients for $POINT_SECONDS s"
      fragment "probe-$shape-$clients"
      bench_tool probe --shape "$shape" --clients "$clients" --seconds "$POINT_SECONDS" --warmup "$WARMUP_SECONDS" \
        --out "$FRAGMENT" >/dev/null
    done
  done
  rss probe
  stop_jvms
  terminate_running BenchOrderProbe
}

start_topology() {
  local domain
  if [ "$1" = split ]; then
    for domain in "${MALL_DB_DOMAINS[@]}"; do
      start_mall "$domain-worker" "$WORKERS_JAR" MALL_DOMAINS="$domain"
    done
  else
    start_mall all-workers "$WORKERS_JAR"
  fi
  start_mall api "$API_JAR"
  await_jvms
}

# http_point <topology> <scenario> <path> <body> <connections> [--user N] [--cpu name=pid,...]
http_point() {
  local topology=$1 scenario=$2 path=$3 body=$4 connections=$5; shift 5
  log "$scenario ($topology, $THREAD_MODE threads): $connections connections for $POINT_SECONDS s"
  fragment "$topology-$THREAD_MODE-${scenario//[\/ ]/-}-$connections"
  bench_tool http --base "$API" --path "$path" --body "$body" --state "$RUN_DIR/state.json" \
    --connections "$connections" --seconds "$POINT_SECONDS" --warmup "$WARMUP_SECONDS" \
    --scenario "$scenario" --topology "$topology" --threads "$THREAD_MODE" --clock-ticks "$CLOCK_TICKS" "$@" \
    --out "$FRAGMENT" >/dev/null
}

run_reads() {
  local topology=$1 connections
  for connections in "${READ_CONNECTIONS[@]}"; do
    http_point "$topology" product/detail /api/product/detail "{\"id\":$LOAD_PID}" "$connections"
    http_point "$topology" order/detail /api/order/detail "{\"id\":$(state orderId)}" "$connections" --user 0
    http_point "$topology" order/list /api/order/list '{}' "$connections"
    http_point "$topology" user/userinfo /api/user/userinfo '{}' "$connections"
  done
}

# state_pid <list> <index>: the index-th product id of that list in the setup's state.
state_pid() {
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]][int(sys.argv[3])])' "$RUN_DIR/state.json" "$1" "$2"
}

# executions <pid>: the OrderSaga executions of that product the engine's visibility counts (the mall
# sets ProductId at start), read until two reads a second apart in a row agree with the first (the
# dev server's visibility lags its writes), at most 60 s; "null" if the CLI gave no count.
executions() {
  local count previous="" same=0 i
  for ((i = 0; i < 60; i++)); do
    count="$("$TEMPORAL_BIN" workflow count --address "$TEMPORAL_ADDRESS" \
      --query "WorkflowType = 'OrderSaga' AND ProductId = $1" 2>/dev/null | awk '/^Total:/ {print $2}')" || count=""
    if [ -n "$count" ] && [ "$count" = "$previous" ]; then
      same=$((same + 1))
      [ "$same" -lt 2 ] || { echo "$count"; return 0; }
    else
      same=0
    fi
    previous=$count
    sleep 1
  done
  log "the executions of product $1 did not settle in 60 s (last count: ${count:-none})"
  echo "${count:-null}"
}

# order_rows <pid> <status>: that product's order rows with that status.
order_rows() {
  sql_value "SELECT COUNT(*) FROM mall_order.orders WHERE pid = $1 AND status = $2;"
}

# run_flash_sale <topology> <pid> <requests> <connections> <name>: that many order requests for the
# product, at most <connections> in flight; then its executions, order rows by status and books.
run_flash_sale() {
  local topology=$1 pid=$2 requests=$3 connections=$4 name=$5
  local left created paid compensated rows placed sold before after started oversold ok=true expected_left expected_created
  before="$(executions "$pid")"
  log "flash sale ($topology, $THREAD_MODE threads): $requests order requests, $connections at a time, for stock $FLASH_STOCK"
  fragment "$topology-$THREAD_MODE-flash-$name"
  local sale=$FRAGMENT
  bench_tool flash --base "$API" --pid "$pid" --requests "$requests" --connections "$connections" \
    --state "$RUN_DIR/state.json" --topology "$topology" --threads "$THREAD_MODE" --cpu "$(cpu_processes)" \
    --clock-ticks "$CLOCK_TICKS" --out "$sale" >/dev/null
  consistency "$topology" "flash sale $name" "$pid" "$FLASH_STOCK"
  after="$(executions "$pid")"
  started=null
  [ "$before" = null ] || [ "$after" = null ] || started=$((after - before))
  left="$(sql_value "SELECT stock FROM mall_product.products WHERE id = $pid;")"
  created="$(order_rows "$pid" 0)"
  paid="$(order_rows "$pid" 1)"
  compensated="$(order_rows "$pid" 9)"
  rows="$(sql_value "SELECT COUNT(*) FROM mall_order.orders WHERE pid = $pid;")"
  placed="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["placed"])' "$sale")"
  sold=$((FLASH_STOCK - left))
  expected_created=$((requests < FLASH_STOCK ? requests : FLASH_STOCK))
  expected_left=$((FLASH_STOCK - expected_created))
  oversold=$((sold > FLASH_STOCK ? sold - FLASH_STOCK : 0))
  { [ "$left" -eq "$expected_left" ] && [ "$created" -eq "$expected_created" ] \
    && [ "$sold" -eq $((created + paid)) ] && [ "$placed" -eq $((created + paid)) ] && [ "$oversold" -eq 0 ]; } || ok=false
  [ "$ok" = true ] || log "FLASH SALE BOOKS WRONG ($name): stock left $left (expected $expected_left), orders status 0/1 $((created + paid)) (expected $expected_created), 200 answers $placed"
  fragment "$topology-$THREAD_MODE-flash-$name-books"
  printf '{"kind": "books", "topology": "%s", "threads": "%s", "product": %s, "initialStock": %s, "stockLeft": %s, "sold": %s, "created": %s, "paid": %s, "compensated": %s, "orderRows": %s, "executionsBefore": %s, "executionsAfter": %s, "executionsStarted": %s, "oversold": %s, "ok": %s}\n' \
    "$topology" "$THREAD_MODE" "$pid" "$FLASH_STOCK" "$left" "$sold" "$created" "$paid" "$compensated" "$rows" \
    "$before" "$after" "$started" "$oversold" "$ok" >"$FRAGMENT"
}

# run_sold_out <topology> <pid>: order/create for a product with stock 0 at each of
# SOLD_OUT_CONNECTIONS, 409 answers counted as the answers measured; after each point, the product's
# order rows and executions (the report fails the bench unless every answer was 409 and both are 0).
run_sold_out() {
  local topology=$1 pid=$2 connections rows executions
  for connections in "${SOLD_OUT_CONNECTIONS[@]}"; do
    http_point "$topology" "order/create sold out" /api/order/create "{\"pid\":$pid}" "$connections" --expect 409 \
      --cpu "$(cpu_processes)"
    rows="$(sql_value "SELECT COUNT(*) FROM mall_order.orders WHERE pid = $pid;")"
    executions="$(executions "$pid")"
    [ "$rows" = 0 ] && [ "$executions" = 0 ] \
      || log "SOLD-OUT PRODUCT $pid WROTE: $rows order rows, $executions executions (after $connections connections)"
    fragment "$topology-$THREAD_MODE-sold-out-$connections-books"
    printf '{"kind": "soldOut", "topology": "%s", "threads": "%s", "product": %s, "connections": %s, "orderRows": %s, "executions": %s}\n' \
      "$topology" "$THREAD_MODE" "$pid" "$connections" "$rows" "$executions" >"$FRAGMENT"
  done
}

# ensure_setup: the users and products of the run, registered once through the running API.
ensure_setup() {
  [ ! -f "$RUN_DIR/state.json" ] || return 0
  log "registering $USERS users, a product with stock $STOCK, $((2 * ${#THREAD_MODES[@]})) with $FLASH_STOCK and ${#THREAD_MODES[@]} with 0"
  bench_tool setup --base "$API" --users "$USERS" --stock "$STOCK" --flash-stock "$FLASH_STOCK" \
    --flash-products "$((2 * ${#THREAD_MODES[@]}))" --sold-out-products "${#THREAD_MODES[@]}" \
    --out "$RUN_DIR/state.json"
  LOAD_PID="$(state loadPid)"
}

# run_topology <topology> <first: 1 for the first topology of the first engine>: once per thread
# mode, the topology's JVMs started in that mode; reads in the first mode of the first topology only.
run_topology() {
  local topology=$1 first=$2 connections index=0
  for THREAD_MODE in "${THREAD_MODES[@]}"; do
    log "topology $topology, $THREAD_MODE threads (bench at $((SECONDS / 60)) min)"
    start_topology "$topology"
    ensure_setup
    for connections in "${ORDER_CONNECTIONS[@]}"; do
      http_point "$topology" order/create /api/order/create "{\"pid\":$LOAD_PID}" "$connections" \
        --cpu "$(cpu_processes)"
      consistency "$topology" "order/create x$connections" "$LOAD_PID" "$STOCK"
    done
    if [ "$first" = 1 ]; then
      [ "$index" = 0 ] && run_reads "$topology"
      run_flash_sale "$topology" "$(state_pid flashPids $((2 * index)))" "$FLASH_REQUESTS" "$FLASH_REQUESTS" at-once
      run_flash_sale "$topology" "$(state_pid flashPids $((2 * index + 1)))" "$FLASH_BIG_REQUESTS" \
        "$FLASH_BIG_CONNECTIONS" big
      [ "${#SOLD_OUT_CONNECTIONS[@]}" -eq 0 ] || run_sold_out "$topology" "$(state_pid soldOutPids "$index")"
    fi
    rss "$topology"
    stop_jvms
    index=$((index + 1))
  done
  THREAD_MODE="${THREAD_MODES[0]}"
}

# run_startup: the embedded default started BENCH_STARTUP_RUNS times per thread mode, the modes
# taking turns, with the mall JVMs' -Xmx and options. `bench_tool startup` launches it on a free port
# without this script's MALL_*/TEMPORAL_* settings (so on its own H2 and test server), measures launch
# to readiness UP, reads its "Started ... in" line and RSS, and stops it.
run_startup() {
  local run mode
  for ((run = 1; run <= STARTUP_RUNS; run++)); do
    for mode in "${THREAD_MODES[@]}"; do
      log "standalone startup ($mode threads): run $run of $STARTUP_RUNS"
      fragment "startup-$mode-$run"
      bench_tool startup --threads "$mode" --run "$run" --log "$RUN_DIR/standalone-$mode-$run.log" \
        --out "$FRAGMENT" -- java "-Xmx$XMX" "${JAVA_OPTS[@]}" "$(thread_flag "$mode")" -jar "$STANDALONE_JAR" >/dev/null
    done
  done
}

# engine_metrics: the running engine's Prometheus endpoint (empty if unknown: a reused dev server).
engine_metrics() {
  if [ "$ENGINE" = dev ]; then
    [ "$TEMPORAL_STARTED_BY_US" = 1 ] && echo "http://127.0.0.1:$MALL_TEMPORAL_METRICS_PORT/metrics"
  else
    echo "http://127.0.0.1:$MALL_PROD_METRICS_PORT/metrics"
  fi
  return 0
}

# cost_point <scenario> <topology> <warm-up requests> <command> <arguments...>: one cost point of
# `bench_tool <command>`, counted in requests, with every process's CPU and the engine's counters.
cost_point() {
  local scenario=$1 topology=$2 warmup=$3 command=$4; shift 4
  log "cost: $scenario ($topology): $warmup requests of warm-up, $COST_IDLE s at rest, $COST_ORDERS measured (bench at $((SECONDS / 60)) min)"
  fragment "cost-$topology-${scenario//[\/ ()]/-}"
  bench_tool "$command" "$@" --warmup-requests "$warmup" --requests "$COST_ORDERS" --idle-seconds "$COST_IDLE" \
    --cpu "$(cpu_processes)" --clock-ticks "$CLOCK_TICKS" --engine-metrics "$(engine_metrics)" --out "$FRAGMENT" >/dev/null
}

# cost_history <scenario> <topology> <visibility query> [variant]: one execution's history, summarized.
cost_history() {
  fragment "history-$2-${1//[\/ ()]/-}"
  bench_tool history --scenario "$1" --topology "$2" --query "$3" --variant "${4:-}" --out "$FRAGMENT" >/dev/null \
    || log "could not read a history for $1 ($2)"
}

# run_cost: the cost phase on the running engine (see the header, step 8): JVMs with
# COST_JAVA_OPTS and virtual threads; the probes first (their workers warmed by the order-shaped
# probe, the plain probe gets a tenth of the warm-up), then order/create per topology.
run_cost() {
  local topology saved_mode=$THREAD_MODE
  JVM_OPTS=("${COST_JAVA_OPTS[@]}")
  THREAD_MODE=virtual
  # Orders of the points before wait 30 min for their payment: their timers, cancellations and the
  # workflow tasks after them would land in this phase's windows. End them first.
  terminate_running OrderSaga
  terminate_running BenchOrderProbe
  start_probe_workers
  cost_point "order-shaped probe" probe "$COST_WARMUP" probe --shape order --clients "$COST_CONNECTIONS"
  cost_history "order-shaped probe" probe "WorkflowType = 'BenchOrderProbe'"
  cost_point "engine probe (plain)" probe "$((COST_WARMUP / 10))" probe --shape plain --clients "$COST_CONNECTIONS"
  cost_history "engine probe (plain)" probe "WorkflowType = 'BenchPlainProbe'"
  stop_jvms
  terminate_running BenchOrderProbe
  local variant name options
  for topology in "${COST_TOPOLOGIES[@]}"; do
    for variant in "${COST_VARIANTS[@]}"; do
      name="${variant%%:*}"
      options="${variant#*:}"
      # The phase's orders wait longer for their payment than the phase lasts: no timer fires in it.
      read -ra JVM_OPTS <<<"-Dmall.order.payment-timeout=6h ${COST_JAVA_OPTS[*]} ${options//,/ }"
      start_topology "$topology"
      ensure_setup
      cost_point order/create "$topology" "$COST_WARMUP" http --base "$API" --path /api/order/create \
        --body "{\"pid\":$LOAD_PID}" --state "$RUN_DIR/state.json" --connections "$COST_CONNECTIONS" \
        --scenario order/create --topology "$topology" --threads "$THREAD_MODE" --variant "$name"
      consistency "$topology" "cost order/create x$COST_CONNECTIONS${name:+ ($name)}" "$LOAD_PID" "$STOCK"
      cost_history order/create "$topology" "WorkflowType = 'OrderSaga' AND ProductId = $LOAD_PID" "$name"
      stop_jvms
    done
  done
  terminate_running OrderSaga
  JVM_OPTS=("${JAVA_OPTS[@]}")
  THREAD_MODE=$saved_mode
}

ENGINE=""
# start_engine <dev|production>: that Temporal engine, TEMPORAL_ADDRESS pointing at it.
start_engine() {
  ENGINE=$1
  if [ "$ENGINE" = dev ]; then
    # The cost phase reads the engine's request counters from its metrics endpoint.
    [ -n "$MALL_TEMPORAL_METRICS_PORT" ] || MALL_TEMPORAL_METRICS_PORT="$(free_port)"
    start_temporal_server --headless
    export TEMPORAL_ADDRESS="127.0.0.1:$MALL_TEMPORAL_PORT"
  else
    start_temporal_production
    TEMPORAL_ADDRESS="$(prod_address)"
    export TEMPORAL_ADDRESS
  fi
  log "engine $ENGINE on $TEMPORAL_ADDRESS"
}

# stop_engine: ends the order probes' executions, then stops the engine if the bench started it.
stop_engine() {
  [ -n "$ENGINE" ] || return 0
  terminate_running BenchOrderProbe
  if [ "$ENGINE" = dev ] && [ "$TEMPORAL_STARTED_BY_US" = 1 ]; then
    stop_temporal_server
    TEMPORAL_STARTED_BY_US=0
  elif [ "$ENGINE" = production ] && [ "$PROD_STARTED_BY_US" = 1 ]; then
    stop_temporal_production
    PROD_STARTED_BY_US=0
  fi
  ENGINE=""
}

# stamp_engine: the engine's name into every result fragment written since the last stamp (not the
# standalone's startup runs: they use no engine of the bench's).
stamp_engine() {
  python3 - "$RESULTS" "$1" <<'PY'
import json, pathlib, sys
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.json")):
    fragment = json.loads(path.read_text())
    if "engine" not in fragment and fragment.get("kind") != "startup":
        fragment["engine"] = sys.argv[2]
        path.write_text(json.dumps(fragment) + "\n")
PY
}

environment() {
  local server started dynamic_config
  if [ "$ENGINE" = dev ]; then
    server="$("$TEMPORAL_BIN" --version | tr -d '"') start-dev (SQLite in memory, 1 history shard)"
    started="$TEMPORAL_STARTED_BY_US"
    dynamic_config="$MALL_TEMPORAL_DYNAMIC_CONFIG"
  else
    server="temporal-server $("$TEMPORAL_SERVER_BIN" --version | awk '{print $NF}') (PostgreSQL $("$POSTGRES_BIN/postgres" --version | awk '{print $3}'), $MALL_PROD_TEMPORAL_SHARDS history shards)"
    started="$PROD_STARTED_BY_US"
    dynamic_config="$MALL_PROD_DYNAMIC_CONFIG"
  fi
  fragment "env-$ENGINE"
  printf '{"kind": "env", "date": "%s", "cores": %s, "cpu": "%s", "java": "%s", "temporalServer": "%s", "dynamicConfig": "%s", "serverStartedByBench": %s, "secondsPerPoint": %s, "warmupSeconds": %s, "loadAverageAtStart": "%s", "threadModes": "%s", "clockTicks": %s, "costJavaOpts": "%s"}\n' \
    "$(date -u +%Y-%m-%dT%H:%MZ)" "$(nproc)" "$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)" \
    "$(java -version 2>&1 | head -1 | tr -d '"') -Xmx$XMX ${JAVA_OPTS[*]}" "$server" \
    "${dynamic_config#"$MALL_ROOT"/}" "$([ "$started" = 1 ] && echo true || echo false)" \
    "$POINT_SECONDS" "$WARMUP_SECONDS" "$(cut -d' ' -f1-3 /proc/loadavg)" "${THREAD_MODES[*]}" "$CLOCK_TICKS" \
    "-Xmx$XMX ${COST_JAVA_OPTS[*]}" >"$FRAGMENT"
}

ensure_build_tools
ensure_temporal_cli
start_mariadb
create_mall_databases
eval "$("$MALL_ROOT/scripts/dev-servers.sh" env)"
MALL_JWT_SECRET="bench-only-$(head -c 32 /dev/urandom | base64 | tr -d '/+=')"
export MALL_JWT_SECRET

cd "$MALL_ROOT"
log "building the api, worker, standalone and bench jars"
./mvnw -B -q -DskipTests -pl api,workers,standalone,bench -am package </dev/null
WORKERS_JAR="$MALL_ROOT/workers/target/mall-workers-0.1.0-SNAPSHOT-exec.jar"
API_JAR="$MALL_ROOT/api/target/mall-api-0.1.0-SNAPSHOT-exec.jar"
STANDALONE_JAR="$MALL_ROOT/standalone/target/temporal-mall-standalone.jar"
BENCH_JAR="$MALL_ROOT/bench/target/mall-bench-0.1.0-SNAPSHOT-exec.jar"
rm -f "$RUN_DIR/state.json"
java_release="$(java -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')"
if [[ " ${THREAD_MODES[*]} " == *" virtual "* ]] && [ "${java_release%%.*}" -lt 21 ] 2>/dev/null; then
  log "NOTE: Java $java_release has no virtual threads: Spring Boot ignores spring.threads.virtual.enabled=true there, so both thread modes run the same code"
fi

[ "$COST" = only ] || run_startup

first_engine=1
for engine in "${ENGINES[@]}"; do
  start_engine "$engine"
  environment
  if [ "$COST" != only ]; then
    run_probes
    first=$first_engine
    for topology in "${TOPOLOGIES[@]}"; do
      run_topology "$topology" "$first"
      first=0
    done
  fi
  [ "$COST" = 0 ] || run_cost
  stop_engine
  stamp_engine "$engine"
  first_engine=0
done
log "measured in $((SECONDS / 60)) min $((SECONDS % 60)) s"
bench_tool report --dir "$RESULTS" --out "$OUT_DIR/bench.json" | tee "$OUT_DIR/bench.md"
