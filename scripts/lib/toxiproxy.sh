# shellcheck shell=bash
# Toxiproxy (Shopify): a TCP proxy whose HTTP API puts latency, blackholes, resets and bandwidth
# limits between a process and what it connects to - the chaos suite's network faults. Its server is
# built once from its Go module into the cache, like the temporal CLI's fallback.
TOXIPROXY_VERSION="${TOXIPROXY_VERSION:-v2.5.0}"
TOXIPROXY_BIN="$MALL_CACHE_DIR/bin/toxiproxy-server-$TOXIPROXY_VERSION"
# The API's port (never Toxiproxy's default 8474: a Toxiproxy of someone else may be there).
MALL_TOXIPROXY_PORT="${MALL_TOXIPROXY_PORT:-8475}"
TOXIPROXY_HOME="${MALL_TOXIPROXY_HOME:-$MALL_CACHE_DIR/toxiproxy}"
TOXIPROXY_LOG="$TOXIPROXY_HOME/toxiproxy.log"
TOXIPROXY_PID="$TOXIPROXY_HOME/toxiproxy.pid"

ensure_toxiproxy() {
  [ -x "$TOXIPROXY_BIN" ] && "$TOXIPROXY_BIN" -version >/dev/null 2>&1 && return 0
  command -v go >/dev/null 2>&1 || apt_install golang-go
  local bin_dir tmp
  bin_dir="$(dirname "$TOXIPROXY_BIN")"
  tmp="$(mktemp -d)"
  mkdir -p "$bin_dir"
  log "building toxiproxy-server $TOXIPROXY_VERSION with go install into $bin_dir"
  GOBIN="$tmp" go install "github.com/Shopify/toxiproxy/v2/cmd/server@$TOXIPROXY_VERSION" >&2 \
    || { rm -rf "$tmp"; die "go install of toxiproxy-server $TOXIPROXY_VERSION failed"; }
  mv "$tmp/server" "$TOXIPROXY_BIN"
  rm -rf "$tmp"
  "$TOXIPROXY_BIN" -version >/dev/null 2>&1 || die "the installed toxiproxy-server does not run"
}

toxiproxy_healthy() {
  curl -fs --max-time 2 "http://127.0.0.1:$MALL_TOXIPROXY_PORT/version" >/dev/null 2>&1
}

# start_toxiproxy: its API on 127.0.0.1:MALL_TOXIPROXY_PORT, no proxy yet (the caller creates them).
start_toxiproxy() {
  ensure_toxiproxy
  mkdir -p "$TOXIPROXY_HOME"
  toxiproxy_healthy && die "something already answers on 127.0.0.1:$MALL_TOXIPROXY_PORT: stop it or set its port"
  LOG_LEVEL=warn "$TOXIPROXY_BIN" -host 127.0.0.1 -port "$MALL_TOXIPROXY_PORT" >"$TOXIPROXY_LOG" 2>&1 </dev/null &
  local launched=$!
  echo "$launched" >"$TOXIPROXY_PID"
  wait_for_process "$launched" 30 "Toxiproxy on 127.0.0.1:$MALL_TOXIPROXY_PORT" toxiproxy_healthy || {
    kill "$launched" 2>/dev/null || true
    rm -f "$TOXIPROXY_PID"
    tail -20 "$TOXIPROXY_LOG" >&2
    die "Toxiproxy did not start on 127.0.0.1:$MALL_TOXIPROXY_PORT (log: $TOXIPROXY_LOG)"
  }
}

stop_toxiproxy() {
  [ -f "$TOXIPROXY_PID" ] || return 0
  local pid; pid="$(cat "$TOXIPROXY_PID")"
  rm -f "$TOXIPROXY_PID"
  pid_is "$pid" "$(basename "$TOXIPROXY_BIN" | cut -c1-15)" || { log "Toxiproxy had already stopped"; return 0; }
  stop_process "$pid" "Toxiproxy" 10
}
