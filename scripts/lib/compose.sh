# shellcheck shell=bash
# validate_compose: `docker compose config` on docker-compose.yml. No Docker engine is needed; if
# the docker CLI has no compose plugin, Compose v2 is built once from its Go module into the cache.
COMPOSE_VERSION="${COMPOSE_VERSION:-v2.32.4}"

ensure_compose() {
  if docker compose version >/dev/null 2>&1; then
    COMPOSE=(docker compose)
    return 0
  fi
  local bin="$MALL_CACHE_DIR/bin/docker-compose-$COMPOSE_VERSION"
  if [ ! -x "$bin" ]; then
    command -v go >/dev/null 2>&1 || die "docker compose is missing and there is no Go toolchain to build it"
    log "building docker compose $COMPOSE_VERSION from its Go module (once)"
    local tmp; tmp="$(mktemp -d)"
    GOBIN="$tmp" go install "github.com/docker/compose/v2/cmd@$COMPOSE_VERSION" >&2
    mkdir -p "$(dirname "$bin")"
    mv "$tmp/cmd" "$bin"
    rm -rf "$tmp"
  fi
  COMPOSE=("$bin")
}

validate_compose() {
  ensure_compose
  # Placeholder secrets: config only checks that every required variable is provided.
  MYSQL_ROOT_PASSWORD=check TEMPORAL_DB_PASSWORD=check MALL_JWT_SECRET=check \
  MALL_PAY_WEBHOOK_SECRET=check MALL_DB_USER_PASSWORD=check \
  MALL_DB_PRODUCT_PASSWORD=check MALL_DB_ORDER_PASSWORD=check MALL_DB_PAY_PASSWORD=check \
  MALL_DB_USER_READER_PASSWORD=check MALL_DB_PRODUCT_READER_PASSWORD=check \
  MALL_DB_ORDER_READER_PASSWORD=check MALL_DB_PAY_READER_PASSWORD=check \
  GRAFANA_ADMIN_PASSWORD=check \
    "${COMPOSE[@]}" -f "$MALL_ROOT/docker-compose.yml" config --quiet
  log "docker-compose.yml is valid (${COMPOSE[*]} config)"
}
