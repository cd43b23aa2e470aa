#!/usr/bin/env bash
# Order throughput on real servers: the mall as deployed (API + workflow worker + one worker per
# domain, each its own JVM; or one worker host for everything with BENCH_TOPOLOGY=combined) on a
# Temporal dev server and MariaDB, loaded with wrk (Debian's package) on POST /api/order/create.
# Prints orders/s and latency percentiles, then checks that stock sold equals orders created.
# Settings (environment): BENCH_CONNECTIONS (32), BENCH_SECONDS (30), BENCH_STOCK (1000000),
# BENCH_TOPOLOGY (split|combined). Servers already running (scripts/dev-servers.sh) are reused.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"
# shellcheck source=lib/temporal-cli.sh
source "$MALL_ROOT/scripts/lib/temporal-cli.sh"
# shellcheck source=lib/mariadb.sh
source "$MALL_ROOT/scripts/lib/mariadb.sh"
# shellcheck source=lib/temporal-server.sh
source "$MALL_ROOT/scripts/lib/temporal-server.sh"

CONNECTIONS="${BENCH_CONNECTIONS:-32}"
SECONDS_OF_LOAD="${BENCH_SECONDS:-30}"
STOCK="${BENCH_STOCK:-1000000}"
TOPOLOGY="${BENCH_TOPOLOGY:-split}"
case "$TOPOLOGY" in split|combined) ;; *) die "BENCH_TOPOLOGY must be split or combined" ;; esac
RUN_DIR="$MALL_CACHE_DIR/bench"
mkdir -p "$RUN_DIR"

APP_PIDS=()
# shellcheck disable=SC2317  # invoked by the EXIT trap
stop_everything() {
  local status=$? pid
  for pid in "${APP_PIDS[@]}"; do stop_process "$pid" "mall process $pid" 30; done
  [ "$TEMPORAL_STARTED_BY_US" = 1 ] && stop_temporal_server
  [ "$MARIADB_STARTED_BY_US" = 1 ] && stop_mariadb
  exit "$status"
}
trap stop_everything EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ensure_build_tools
ensure_commands wrk:wrk
start_mariadb
create_mall_databases
start_temporal_server --with-ui
eval "$("$MALL_ROOT/scripts/dev-servers.sh" env)"
export MALL_JWT_SECRET="bench-only-$(head -c 32 /dev/urandom | base64 | tr -d '/+=')"

cd "$MALL_ROOT"
log "building the api and worker jars"
./mvnw -B -q -DskipTests -pl api,workers -am package </dev/null
WORKERS_JAR="$MALL_ROOT/workers/target/mall-workers-0.1.0-SNAPSHOT-exec.jar"
API_JAR="$MALL_ROOT/api/target/mall-api-0.1.0-SNAPSHOT-exec.jar"

# launch <name> <jar> [VAR=value...]: starts a mall process and waits until it is ready.
launch() {
  local name=$1 jar=$2 port; shift 2
  port="$(free_port)"
  env PORT="$port" "$@" java -jar "$jar" >"$RUN_DIR/$name.log" 2>&1 </dev/null &
  local pid=$!
  APP_PIDS+=("$pid")
  wait_for_process "$pid" 120 "$name on :$port" curl -sf "http://127.0.0.1:$port/actuator/health/readiness" \
    || { tail -30 "$RUN_DIR/$name.log" >&2; die "$name did not become ready (log: $RUN_DIR/$name.log)"; }
  LAUNCHED_PORT=$port
}

if [ "$TOPOLOGY" = split ]; then
  for domain in "${MALL_DB_DOMAINS[@]}"; do
    launch "$domain-worker" "$WORKERS_JAR" MALL_DOMAINS="$domain" MALL_WORKFLOWS_ENABLED=false
  done
  launch workflow-worker "$WORKERS_JAR" MALL_DOMAINS= MALL_WORKFLOWS_ENABLED=true
else
  launch all-workers "$WORKERS_JAR"
fi
launch api "$API_JAR"
BASE="http://127.0.0.1:$LAUNCHED_PORT"

mobile="19$(date +%s | tail -c 10)"
curl -sf "$BASE/api/user/register" -H 'Content-Type: application/json' \
  -d "{\"name\":\"bench\",\"gender\":0,\"mobile\":\"$mobile\",\"password\":\"bench-pass\"}" >/dev/null
TOKEN="$(curl -sf "$BASE/api/user/login" -H 'Content-Type: application/json' \
  -d "{\"mobile\":\"$mobile\",\"password\":\"bench-pass\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')"
PID="$(curl -sf "$BASE/api/product/create" -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" \
  -d "{\"name\":\"bench\",\"desc\":\"\",\"stock\":$STOCK,\"amount\":1,\"status\":1}" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
# Warm-up: JIT, connection pools, sticky workflow caches.
for _ in 1 2 3 4 5; do
  curl -sf "$BASE/api/order/create" -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" \
    -d "{\"pid\":$PID}" >/dev/null
done

cat >"$RUN_DIR/order.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
wrk.body = '{"pid":' .. os.getenv("BENCH_PID") .. '}'
done = function(summary, latency, requests)
  io.write(string.format("non-2xx responses: %d, socket errors: %d\n",
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA

LOAD_STARTED="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
log "load: $CONNECTIONS connections for $SECONDS_OF_LOAD s, topology $TOPOLOGY, $(nproc) cores"
BENCH_TOKEN="$TOKEN" BENCH_PID="$PID" wrk -t"$(( CONNECTIONS < 2 ? 1 : 2 ))" -c"$CONNECTIONS" -d"${SECONDS_OF_LOAD}s" --timeout 60s --latency \
  -s "$RUN_DIR/order.lua" "$BASE/api/order/create" | tee "$RUN_DIR/wrk.txt"

# Requests that wrk abandoned at the end keep running as sagas: let them finish before counting.
wait_until 120 "in-flight sagas to finish" sh -c \
  "[ \"\$('$TEMPORAL_BIN' workflow count --address 127.0.0.1:$MALL_TEMPORAL_PORT --query \"WorkflowType='OrderSaga' AND ExecutionStatus='Running' AND StartTime >= '$LOAD_STARTED'\" | grep -Eo '[0-9]+' | head -1)\" = 0 ]"
read -r created cancelled <<<"$(mariadb_root_sql -N <<<"SELECT SUM(status = 0), SUM(status = 9) FROM mall_order.orders WHERE pid = $PID;")"
left="$(mariadb_root_sql -N <<<"SELECT stock FROM mall_product.products WHERE id = $PID;")"
sold=$((STOCK - left))
log "orders created (status 0): $created, invalid (status 9): $cancelled; stock sold: $sold"
[ "$sold" -eq "$created" ] || die "stock sold ($sold) differs from orders created ($created)"
log "consistent: every created order took exactly its stock"
