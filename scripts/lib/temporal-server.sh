# shellcheck shell=bash
# The Temporal dev server (`temporal server start-dev`), with the mall's search attributes.
# Needs ensure_temporal_cli (temporal-cli.sh) to have set TEMPORAL_BIN.
MALL_TEMPORAL_PORT="${MALL_TEMPORAL_PORT:-7233}"
MALL_TEMPORAL_UI_PORT="${MALL_TEMPORAL_UI_PORT:-8233}"
MALL_SEARCH_ATTRIBUTES=(OrderId=Int UserId=Int ProductId=Int SagaStatus=Keyword)
TEMPORAL_HOME="${MALL_TEMPORAL_HOME:-$MALL_CACHE_DIR/temporal}"
# A file keeps the dev server's state across restarts (scripts/chaos.sh); empty: in memory.
MALL_TEMPORAL_DB_FILE="${MALL_TEMPORAL_DB_FILE:-}"
# Where the dev server serves its Prometheus /metrics; empty: a random port (the CLI's default).
MALL_TEMPORAL_METRICS_PORT="${MALL_TEMPORAL_METRICS_PORT:-}"
TEMPORAL_LOG="$TEMPORAL_HOME/server.log"
TEMPORAL_PID="$TEMPORAL_HOME/server.pid"
# The engine's tuning, shared with docker-compose.yml's Temporal; `none` starts the dev server untuned.
MALL_TEMPORAL_DYNAMIC_CONFIG="${MALL_TEMPORAL_DYNAMIC_CONFIG:-$MALL_ROOT/deploy/temporal/dynamicconfig/development.yaml}"
# Read by the callers' EXIT traps: a server that was already running is reused and left running.
# shellcheck disable=SC2034
TEMPORAL_STARTED_BY_US=0

temporal_healthy() {
  "${TEMPORAL_BIN:?ensure_temporal_cli first}" operator cluster health \
    --address "127.0.0.1:$MALL_TEMPORAL_PORT" 2>/dev/null | grep -q SERVING
}

# dynamic_config_values <file>: KEY=VALUE per key of a dynamic-config YAML file, for the dev server's
# --dynamic-config-value. Accepts only the shape that maps onto those flags (one unconstrained JSON
# value per key) and fails on anything else rather than start a server tuned differently from compose.
dynamic_config_values() {
  awk '
    function fail(why) { printf "%s:%d: %s: %s\n", FILENAME, NR, why, $0 > "/dev/stderr"; failed = 1; exit 1 }
    /^[[:space:]]*(#.*)?$/ { next }
    /^[A-Za-z][A-Za-z0-9_.]*:[[:space:]]*$/ { key = substr($0, 1, index($0, ":") - 1); values = 0; next }
    /^[[:space:]]+-[[:space:]]+value:/ {
      value = $0
      sub(/^[[:space:]]+-[[:space:]]+value:[[:space:]]*/, "", value)
      sub(/[[:space:]]+$/, "", value)
      if (key == "") fail("a value before any key")
      if (++values > 1) fail("more than one value for " key)
      if (value !~ /^(-?[0-9]+(\.[0-9]+)?|true|false|"[^"]*")$/) fail("not a JSON number, boolean or string")
      print key "=" value
      next
    }
    /^[[:space:]]+constraints:[[:space:]]*\{\}[[:space:]]*$/ { next }
    { fail("unsupported (constraints must be {})") }
    END { if (failed) exit 1 }
  ' "$1"
}

# dynamic_config_flags: the --dynamic-config-value flags for MALL_TEMPORAL_DYNAMIC_CONFIG, into the
# array DYNAMIC_CONFIG_FLAGS.
dynamic_config_flags() {
  DYNAMIC_CONFIG_FLAGS=()
  [ "$MALL_TEMPORAL_DYNAMIC_CONFIG" = none ] && return 0
  local values value
  values="$(dynamic_config_values "$MALL_TEMPORAL_DYNAMIC_CONFIG")" \
    || die "cannot turn $MALL_TEMPORAL_DYNAMIC_CONFIG into dev server flags"
  while IFS= read -r value; do
    [ -n "$value" ] && DYNAMIC_CONFIG_FLAGS+=(--dynamic-config-value "$value")
  done <<<"$values"
}

# start_temporal_server [--headless|--with-ui]
start_temporal_server() {
  ensure_temporal_cli
  mkdir -p "$TEMPORAL_HOME"
  if temporal_healthy; then
    log "reusing the Temporal server already on 127.0.0.1:$MALL_TEMPORAL_PORT (its dynamic config is whatever it was started with)"
    register_search_attributes
    return 0
  fi
  local ui=(--ui-port "$MALL_TEMPORAL_UI_PORT") attribute search_attributes=() store=() metrics=()
  [ "${1:-}" = "--headless" ] && ui=(--headless)
  # SQLite writes one transaction at a time, and its default rollback journal creates, syncs and
  # deletes a file for each: after a 20 s freeze (chaos.sh --gray) the mall's throughput took up
  # to 41 s to come back. A write-ahead log with synchronous=normal keeps every commit across a kill -9
  # of the server (only a machine crash may lose the last ones); throughput came back at once
  # (docs/chaos.md).
  [ -n "$MALL_TEMPORAL_DB_FILE" ] \
    && store=(--db-filename "$MALL_TEMPORAL_DB_FILE" --sqlite-pragma journal_mode=wal --sqlite-pragma synchronous=normal)
  [ -n "$MALL_TEMPORAL_METRICS_PORT" ] && metrics=(--metrics-port "$MALL_TEMPORAL_METRICS_PORT")
  for attribute in "${MALL_SEARCH_ATTRIBUTES[@]}"; do search_attributes+=(--search-attribute "$attribute"); done
  dynamic_config_flags
  log "dynamic config: ${MALL_TEMPORAL_DYNAMIC_CONFIG} ($(( ${#DYNAMIC_CONFIG_FLAGS[@]} / 2 )) values)"
  "$TEMPORAL_BIN" server start-dev --ip 127.0.0.1 --port "$MALL_TEMPORAL_PORT" "${ui[@]}" "${store[@]}" "${metrics[@]}" \
    --log-level warn "${search_attributes[@]}" "${DYNAMIC_CONFIG_FLAGS[@]}" >"$TEMPORAL_LOG" 2>&1 </dev/null &
  local launched=$!
  echo "$launched" >"$TEMPORAL_PID"
  # shellcheck disable=SC2034
  TEMPORAL_STARTED_BY_US=1
  wait_for_process "$launched" 90 "Temporal dev server on 127.0.0.1:$MALL_TEMPORAL_PORT" temporal_healthy || {
    kill "$launched" 2>/dev/null || true
    rm -f "$TEMPORAL_PID"
    tail -20 "$TEMPORAL_LOG" >&2
    die "the Temporal dev server did not start on 127.0.0.1:$MALL_TEMPORAL_PORT (port taken? set MALL_TEMPORAL_PORT; log: $TEMPORAL_LOG)"
  }
}

# The workflows upsert these; a server started elsewhere may lack them ("already exists" is fine).
register_search_attributes() {
  local attribute
  for attribute in "${MALL_SEARCH_ATTRIBUTES[@]}"; do
    "$TEMPORAL_BIN" operator search-attribute create --address "127.0.0.1:$MALL_TEMPORAL_PORT" \
      --name "${attribute%%=*}" --type "${attribute#*=}" >/dev/null 2>&1 || true
  done
}

# kill_temporal_server: kill -9 of the dev server (the chaos suite's fault); its --db-filename stays.
kill_temporal_server() {
  [ -f "$TEMPORAL_PID" ] || die "no Temporal dev server started by these scripts in $TEMPORAL_HOME"
  kill -9 "$(cat "$TEMPORAL_PID")"
  rm -f "$TEMPORAL_PID"
  log "Temporal dev server killed (kill -9)"
}

stop_temporal_server() {
  [ -f "$TEMPORAL_PID" ] || { log "no Temporal dev server started by these scripts"; return 0; }
  local pid; pid="$(cat "$TEMPORAL_PID")"
  rm -f "$TEMPORAL_PID"
  pid_is "$pid" temporal || { log "the Temporal dev server had already stopped"; return 0; }
  stop_process "$pid" "Temporal dev server" 30
}
