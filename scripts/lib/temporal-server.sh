# shellcheck shell=bash
# The Temporal dev server (`temporal server start-dev`), with the mall's search attributes.
# Needs ensure_temporal_cli (temporal-cli.sh) to have set TEMPORAL_BIN.
MALL_TEMPORAL_PORT="${MALL_TEMPORAL_PORT:-7233}"
MALL_TEMPORAL_UI_PORT="${MALL_TEMPORAL_UI_PORT:-8233}"
MALL_SEARCH_ATTRIBUTES=(OrderId=Int UserId=Int ProductId=Int SagaStatus=Keyword)
TEMPORAL_HOME="$MALL_CACHE_DIR/temporal"
TEMPORAL_LOG="$TEMPORAL_HOME/server.log"
TEMPORAL_PID="$TEMPORAL_HOME/server.pid"
# Read by the callers' EXIT traps: a server that was already running is reused and left running.
# shellcheck disable=SC2034
TEMPORAL_STARTED_BY_US=0

temporal_healthy() {
  "${TEMPORAL_BIN:?ensure_temporal_cli first}" operator cluster health \
    --address "127.0.0.1:$MALL_TEMPORAL_PORT" 2>/dev/null | grep -q SERVING
}

# start_temporal_server [--headless|--with-ui]
start_temporal_server() {
  ensure_temporal_cli
  mkdir -p "$TEMPORAL_HOME"
  if temporal_healthy; then
    log "reusing the Temporal server already on 127.0.0.1:$MALL_TEMPORAL_PORT"
    register_search_attributes
    return 0
  fi
  local ui=(--ui-port "$MALL_TEMPORAL_UI_PORT") attribute search_attributes=()
  [ "${1:-}" = "--headless" ] && ui=(--headless)
  for attribute in "${MALL_SEARCH_ATTRIBUTES[@]}"; do search_attributes+=(--search-attribute "$attribute"); done
  "$TEMPORAL_BIN" server start-dev --ip 127.0.0.1 --port "$MALL_TEMPORAL_PORT" "${ui[@]}" \
    --log-level warn "${search_attributes[@]}" >"$TEMPORAL_LOG" 2>&1 </dev/null &
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

stop_temporal_server() {
  [ -f "$TEMPORAL_PID" ] || { log "no Temporal dev server started by these scripts"; return 0; }
  local pid; pid="$(cat "$TEMPORAL_PID")"
  rm -f "$TEMPORAL_PID"
  pid_is "$pid" temporal || { log "the Temporal dev server had already stopped"; return 0; }
  stop_process "$pid" "Temporal dev server" 30
}
