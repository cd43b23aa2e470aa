# shellcheck shell=bash
# The Temporal dev server (`temporal server start-dev`), with the mall's search attributes.
MALL_TEMPORAL_PORT="${MALL_TEMPORAL_PORT:-7233}"
MALL_TEMPORAL_UI_PORT="${MALL_TEMPORAL_UI_PORT:-8233}"
TEMPORAL_HOME="$MALL_CACHE_DIR/temporal"
TEMPORAL_PID="$TEMPORAL_HOME/server.pid"
TEMPORAL_STARTED_BY_US=0

temporal_healthy() {
  "$TEMPORAL_BIN" operator cluster health --address "127.0.0.1:$MALL_TEMPORAL_PORT" 2>/dev/null | grep -q SERVING
}

# start_temporal_server [--headless]
start_temporal_server() {
  ensure_temporal_cli
  mkdir -p "$TEMPORAL_HOME"
  if temporal_healthy; then
    log "reusing the Temporal server already on 127.0.0.1:$MALL_TEMPORAL_PORT"
    register_search_attributes
    return 0
  fi
  local ui=(--ui-port "$MALL_TEMPORAL_UI_PORT")
  [ "${1:-}" = "--headless" ] && ui=(--headless)
  "$TEMPORAL_BIN" server start-dev --ip 127.0.0.1 --port "$MALL_TEMPORAL_PORT" "${ui[@]}" \
    --log-level warn \
    --search-attribute OrderId=Int --search-attribute UserId=Int \
    --search-attribute ProductId=Int --search-attribute SagaStatus=Keyword \
    >"$TEMPORAL_HOME/server.log" 2>&1 &
  echo $! >"$TEMPORAL_PID"
  TEMPORAL_STARTED_BY_US=1
  wait_until 90 "Temporal dev server on 127.0.0.1:$MALL_TEMPORAL_PORT" temporal_healthy \
    || { tail -20 "$TEMPORAL_HOME/server.log" >&2; die "the Temporal dev server did not start"; }
}

# The workflows upsert these; a server started elsewhere may lack them ("already exists" is fine).
register_search_attributes() {
  local attribute
  for attribute in OrderId=Int UserId=Int ProductId=Int SagaStatus=Keyword; do
    "$TEMPORAL_BIN" operator search-attribute create --address "127.0.0.1:$MALL_TEMPORAL_PORT" \
      --name "${attribute%%=*}" --type "${attribute#*=}" >/dev/null 2>&1 || true
  done
}

stop_temporal_server() {
  [ -f "$TEMPORAL_PID" ] || return 0
  local pid; pid="$(cat "$TEMPORAL_PID")"
  if kill "$pid" 2>/dev/null; then
    local i
    for i in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    log "Temporal dev server stopped"
  fi
  rm -f "$TEMPORAL_PID"
}
