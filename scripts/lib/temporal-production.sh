# shellcheck shell=bash
# The production engine: the real `temporal-server` (built once from its Go module into the cache,
# with its SQL schema tool) on a private PostgreSQL (persistence AND visibility), several history
# shards, the mall's dynamic config file, namespace `default` and the mall's search attributes.
# Needs common.sh, temporal-cli.sh and temporal-server.sh (MALL_SEARCH_ATTRIBUTES, the dynamic
# config default) sourced first. Every port is a setting, defaults distinct from the dev servers'.
TEMPORAL_SERVER_VERSION="${TEMPORAL_SERVER_VERSION:-v1.32.0}"
TEMPORAL_SERVER_MIN_GO="1.26.8"   # the `go` line of go.temporal.io/server v1.32.0's go.mod
TEMPORAL_SERVER_DIR="$MALL_CACHE_DIR/bin/temporal-server-$TEMPORAL_SERVER_VERSION"
TEMPORAL_SERVER_BIN="$TEMPORAL_SERVER_DIR/temporal-server"
TEMPORAL_SQL_TOOL="$TEMPORAL_SERVER_DIR/temporal-sql-tool"
# Private Go workspace for that build: a second run finds the binaries and builds nothing.
TEMPORAL_SERVER_GOPATH="${TEMPORAL_SERVER_GOPATH:-$MALL_CACHE_DIR/go}"

MALL_PROD_HOME="${MALL_PROD_HOME:-$MALL_CACHE_DIR/temporal-production}"
# The frontend (what clients dial); the other services' gRPC ports and the metrics port follow it.
MALL_PROD_TEMPORAL_PORT="${MALL_PROD_TEMPORAL_PORT:-7283}"
MALL_PROD_HTTP_PORT="${MALL_PROD_HTTP_PORT:-$((MALL_PROD_TEMPORAL_PORT + 1))}"
MALL_PROD_HISTORY_PORT="${MALL_PROD_HISTORY_PORT:-$((MALL_PROD_TEMPORAL_PORT + 2))}"
MALL_PROD_MATCHING_PORT="${MALL_PROD_MATCHING_PORT:-$((MALL_PROD_TEMPORAL_PORT + 3))}"
MALL_PROD_WORKER_PORT="${MALL_PROD_WORKER_PORT:-$((MALL_PROD_TEMPORAL_PORT + 4))}"
MALL_PROD_METRICS_PORT="${MALL_PROD_METRICS_PORT:-$((MALL_PROD_TEMPORAL_PORT + 5))}"
# Membership (ringpop) ports: frontend, then history, matching, worker.
MALL_PROD_MEMBERSHIP_PORT="${MALL_PROD_MEMBERSHIP_PORT:-6934}"
# The one shard count of the tested production config; docker-compose.yml's NUM_HISTORY_SHARDS equals it.
MALL_PROD_TEMPORAL_SHARDS="${MALL_PROD_TEMPORAL_SHARDS:-4}"
MALL_PROD_RETENTION="${MALL_PROD_RETENTION:-24h}"
MALL_PROD_DB_USER="${MALL_PROD_DB_USER:-temporal}"
MALL_PROD_DB_PASSWORD="${MALL_PROD_DB_PASSWORD:-temporal-dev}"
MALL_PROD_DYNAMIC_CONFIG="${MALL_PROD_DYNAMIC_CONFIG:-$MALL_ROOT/deploy/temporal/dynamicconfig/development.yaml}"
PROD_CONFIG_TEMPLATE="$MALL_ROOT/deploy/temporal/production-postgres12.yaml"
PROD_CONFIG="$MALL_PROD_HOME/config.yaml"
PROD_LOG="$MALL_PROD_HOME/server.log"
PROD_PID="$MALL_PROD_HOME/server.pid"
# Temporal's store: a PostgreSQL of its own beside the server's files.
MALL_POSTGRES_HOME="${MALL_POSTGRES_HOME:-$MALL_PROD_HOME/postgres}"
# shellcheck source=postgres.sh
source "$MALL_ROOT/scripts/lib/postgres.sh"
# Read by the callers' EXIT traps.
# shellcheck disable=SC2034
PROD_STARTED_BY_US=0

check_production_settings() {
  local name value
  for name in MALL_PROD_TEMPORAL_PORT MALL_PROD_HTTP_PORT MALL_PROD_HISTORY_PORT MALL_PROD_MATCHING_PORT \
    MALL_PROD_WORKER_PORT MALL_PROD_METRICS_PORT MALL_PROD_MEMBERSHIP_PORT MALL_PROD_TEMPORAL_SHARDS; do
    value="${!name}"
    case "$value" in '' | *[!0-9]* | 0*) die "$name must be a positive number, not '$value'" ;; esac
  done
  [ "$MALL_PROD_TEMPORAL_PORT" -lt 65531 ] || die "MALL_PROD_TEMPORAL_PORT too high: the next 5 ports are the server's too"
  [ -f "$MALL_PROD_DYNAMIC_CONFIG" ] || die "MALL_PROD_DYNAMIC_CONFIG: no such file: $MALL_PROD_DYNAMIC_CONFIG"
  [ -f "$PROD_CONFIG_TEMPLATE" ] || die "missing $PROD_CONFIG_TEMPLATE"
}

# ensure_temporal_server_binaries: temporal-server and temporal-sql-tool (+ the PostgreSQL schema
# files of that version) in TEMPORAL_SERVER_DIR, built once with `go install`.
ensure_temporal_server_binaries() {
  if [ -x "$TEMPORAL_SERVER_BIN" ] && [ -x "$TEMPORAL_SQL_TOOL" ] && [ -d "$TEMPORAL_SERVER_DIR/schema/postgresql/v12" ]; then
    return 0
  fi
  command -v go >/dev/null 2>&1 \
    || die "building temporal-server $TEMPORAL_SERVER_VERSION needs Go >= $TEMPORAL_SERVER_MIN_GO (https://go.dev/dl/); none on PATH"
  local have; have="$(go env GOVERSION)"; have="${have#go}"
  [ "$(printf '%s\n%s\n' "$TEMPORAL_SERVER_MIN_GO" "$have" | sort -V | head -1)" = "$TEMPORAL_SERVER_MIN_GO" ] \
    || die "building temporal-server $TEMPORAL_SERVER_VERSION needs Go >= $TEMPORAL_SERVER_MIN_GO, this machine has $have"
  local tmp start=$SECONDS module="go.temporal.io/server"
  tmp="$(mktemp -d)"
  log "building temporal-server $TEMPORAL_SERVER_VERSION and its SQL tool from the Go module (once; 5-10 min on 2 cores) into $TEMPORAL_SERVER_DIR"
  # GOTOOLCHAIN=local: no toolchain download; CGO off: a static binary; -modcacherw: a deletable cache.
  env GOPATH="$TEMPORAL_SERVER_GOPATH" GOMODCACHE="$TEMPORAL_SERVER_GOPATH/pkg/mod" \
    GOCACHE="$TEMPORAL_SERVER_GOPATH/build-cache" GOFLAGS=-modcacherw GOTOOLCHAIN=local CGO_ENABLED=0 \
    GOBIN="$tmp" go install "$module/cmd/server@$TEMPORAL_SERVER_VERSION" \
    "$module/cmd/tools/sql@$TEMPORAL_SERVER_VERSION" >&2 \
    || { rm -rf "$tmp"; die "go install of temporal-server $TEMPORAL_SERVER_VERSION failed"; }
  local source="$TEMPORAL_SERVER_GOPATH/pkg/mod/$module@$TEMPORAL_SERVER_VERSION"
  rm -rf "$TEMPORAL_SERVER_DIR"
  mkdir -p "$TEMPORAL_SERVER_DIR/schema/postgresql"
  cp -r "$source/schema/postgresql/v12" "$TEMPORAL_SERVER_DIR/schema/postgresql/"
  cp "$source/config/development-postgres12.yaml" "$TEMPORAL_SERVER_DIR/"
  chmod -R u+w "$TEMPORAL_SERVER_DIR"
  mv "$tmp/sql" "$TEMPORAL_SQL_TOOL"
  mv "$tmp/server" "$TEMPORAL_SERVER_BIN"   # last: its presence means the install is complete
  rm -rf "$tmp" "$TEMPORAL_SERVER_GOPATH/build-cache"   # 2 GB of objects no later run needs
  log "temporal-server $TEMPORAL_SERVER_VERSION built in $((SECONDS - start)) s"
}

prod_address() { echo "127.0.0.1:$MALL_PROD_TEMPORAL_PORT"; }

production_healthy() {
  "${TEMPORAL_BIN:?ensure_temporal_cli first}" operator cluster health --address "$(prod_address)" 2>/dev/null | grep -q SERVING
}

# temporal_sql_tool <database> <command...>: the schema tool against the private PostgreSQL.
temporal_sql_tool() {
  local database=$1; shift
  SQL_PASSWORD="$MALL_PROD_DB_PASSWORD" "$TEMPORAL_SQL_TOOL" --plugin postgres12 --endpoint 127.0.0.1 \
    --port "$MALL_PG_PORT" --user "$MALL_PROD_DB_USER" --database "$database" "$@"
}

# setup_temporal_store: the two databases with the module's own schemas; update-schema applies
# only the versions a database lacks, so it also upgrades a store made by an older server.
setup_temporal_store() {
  local shards_file="$MALL_POSTGRES_HOME/history-shards" database schema
  if [ -f "$shards_file" ] && [ "$(cat "$shards_file")" != "$MALL_PROD_TEMPORAL_SHARDS" ]; then
    die "the Temporal store in $MALL_POSTGRES_HOME was created with $(cat "$shards_file") history shards and a server cannot change that: set MALL_PROD_TEMPORAL_SHARDS=$(cat "$shards_file"), or stop and delete $MALL_POSTGRES_HOME to start over"
  fi
  ensure_postgres_role "$MALL_PROD_DB_USER" "$MALL_PROD_DB_PASSWORD"
  for database in temporal temporal_visibility; do
    schema=temporal
    [ "$database" = temporal_visibility ] && schema=visibility
    if ! postgres_database_exists "$database"; then
      log "creating database $database with Temporal's $schema schema"
      if ! { temporal_sql_tool "$database" create-database && temporal_sql_tool "$database" setup-schema -v 0.0; } \
        >>"$MALL_PROD_HOME/schema.log" 2>&1; then
        tail -20 "$MALL_PROD_HOME/schema.log" >&2
        die "creating $database failed (log: $MALL_PROD_HOME/schema.log)"
      fi
    fi
    temporal_sql_tool "$database" update-schema -d "$TEMPORAL_SERVER_DIR/schema/postgresql/v12/$schema/versioned" \
      >>"$MALL_PROD_HOME/schema.log" 2>&1 \
      || { tail -20 "$MALL_PROD_HOME/schema.log" >&2; die "update-schema of $database failed (log: $MALL_PROD_HOME/schema.log)"; }
  done
  echo "$MALL_PROD_TEMPORAL_SHARDS" >"$shards_file"
}

# render_production_config: the template with every __TOKEN__ replaced, into PROD_CONFIG.
render_production_config() {
  local membership=$MALL_PROD_MEMBERSHIP_PORT escaped_password
  escaped_password="$(printf '%s' "$MALL_PROD_DB_PASSWORD" | sed -e 's/[\/&|\\]/\\&/g' -e 's/"/\\\\"/g')"
  sed -e "s|__HISTORY_SHARDS__|$MALL_PROD_TEMPORAL_SHARDS|g" \
    -e "s|__PG_PORT__|$MALL_PG_PORT|g" \
    -e "s|__DB_USER__|$MALL_PROD_DB_USER|g" \
    -e "s|__DB_PASSWORD__|$escaped_password|g" \
    -e "s|__METRICS_PORT__|$MALL_PROD_METRICS_PORT|g" \
    -e "s|__FRONTEND_PORT__|$MALL_PROD_TEMPORAL_PORT|g" \
    -e "s|__FRONTEND_HTTP_PORT__|$MALL_PROD_HTTP_PORT|g" \
    -e "s|__HISTORY_PORT__|$MALL_PROD_HISTORY_PORT|g" \
    -e "s|__MATCHING_PORT__|$MALL_PROD_MATCHING_PORT|g" \
    -e "s|__WORKER_PORT__|$MALL_PROD_WORKER_PORT|g" \
    -e "s|__FRONTEND_MEMBERSHIP_PORT__|$membership|g" \
    -e "s|__HISTORY_MEMBERSHIP_PORT__|$((membership + 1))|g" \
    -e "s|__MATCHING_MEMBERSHIP_PORT__|$((membership + 2))|g" \
    -e "s|__WORKER_MEMBERSHIP_PORT__|$((membership + 3))|g" \
    -e "s|__DYNAMIC_CONFIG__|$MALL_PROD_DYNAMIC_CONFIG|g" \
    "$PROD_CONFIG_TEMPLATE" >"$PROD_CONFIG.tmp"
  ! grep -n '__[A-Z_]*__' "$PROD_CONFIG.tmp" >&2 || die "unreplaced tokens in $PROD_CONFIG_TEMPLATE (above)"
  chmod 600 "$PROD_CONFIG.tmp"
  mv "$PROD_CONFIG.tmp" "$PROD_CONFIG"
}

prod_cli() {
  "$TEMPORAL_BIN" "$@" --address "$(prod_address)"
}

# mall_search_attributes_registered: creates the mall's search attributes ("already exists" is
# fine), true once namespace default lists every one of them.
mall_search_attributes_registered() {
  local attribute listed
  for attribute in "${MALL_SEARCH_ATTRIBUTES[@]}"; do
    prod_cli operator search-attribute create --namespace default --name "${attribute%%=*}" \
      --type "${attribute#*=}" >/dev/null 2>&1 || true
  done
  listed="$(prod_cli operator search-attribute list --namespace default 2>/dev/null)" || return 1
  for attribute in "${MALL_SEARCH_ATTRIBUTES[@]}"; do
    grep -qw -- "${attribute%%=*}" <<<"$listed" || return 1
  done
}

# The namespace and search attributes the mall needs, then one workflow started and terminated
# there: the engine takes work only once history and matching know the new namespace.
prepare_production_namespace() {
  prod_cli operator namespace describe --namespace default >/dev/null 2>&1 \
    || wait_until 60 "namespace default (retention $MALL_PROD_RETENTION)" \
      prod_cli operator namespace create --namespace default --retention "$MALL_PROD_RETENTION" \
    || die "could not register namespace default on $(prod_address) (log: $PROD_LOG)"
  wait_until 60 "search attributes ${MALL_SEARCH_ATTRIBUTES[*]}" mall_search_attributes_registered \
    || die "could not register the search attributes ${MALL_SEARCH_ATTRIBUTES[*]} on $(prod_address) (log: $PROD_LOG)"
  local probe="mall-engine-ready-$$-$RANDOM"
  wait_until 60 "namespace default taking workflows" prod_cli workflow start --namespace default \
    --type mall-engine-ready --task-queue mall-engine-ready --workflow-id "$probe" \
    || die "namespace default takes no workflow on $(prod_address) (log: $PROD_LOG)"
  prod_cli workflow terminate --namespace default --workflow-id "$probe" --reason "readiness probe" >/dev/null 2>&1 || true
}

# The running server's shard count must be the configured one (a store keeps its first count).
check_production_shards() {
  local shards
  shards="$(prod_cli operator cluster describe -o json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin).get("historyShardCount", "?"))')"
  [ "$shards" = "$MALL_PROD_TEMPORAL_SHARDS" ] \
    || die "the server on $(prod_address) runs $shards history shards, not MALL_PROD_TEMPORAL_SHARDS=$MALL_PROD_TEMPORAL_SHARDS"
}

production_server_alive() {
  [ -f "$PROD_PID" ] && pid_is "$(cat "$PROD_PID")" temporal-server
}

start_temporal_production() {
  check_production_settings
  ensure_temporal_cli
  ensure_temporal_server_binaries
  mkdir -p "$MALL_PROD_HOME"
  if production_healthy; then
    log "reusing the production Temporal server already on $(prod_address)"
    prepare_production_namespace
    return 0
  fi
  production_server_alive && die "a temporal-server (pid $(cat "$PROD_PID")) runs but does not answer on $(prod_address) (log: $PROD_LOG)"
  "$TEMPORAL_SERVER_BIN" validate-dynamic-config "$MALL_PROD_DYNAMIC_CONFIG" >"$MALL_PROD_HOME/dynamicconfig-check.log" 2>&1 \
    || { cat "$MALL_PROD_HOME/dynamicconfig-check.log" >&2; die "temporal-server rejects $MALL_PROD_DYNAMIC_CONFIG"; }
  start_postgres
  setup_temporal_store
  render_production_config
  log "starting temporal-server $TEMPORAL_SERVER_VERSION: frontend $(prod_address), $MALL_PROD_TEMPORAL_SHARDS history shards, PostgreSQL 127.0.0.1:$MALL_PG_PORT, dynamic config ${MALL_PROD_DYNAMIC_CONFIG#"$MALL_ROOT"/}"
  "$TEMPORAL_SERVER_BIN" --config-file "$PROD_CONFIG" --allow-no-auth start >>"$PROD_LOG" 2>&1 </dev/null &
  local launched=$!
  echo "$launched" >"$PROD_PID"
  # shellcheck disable=SC2034
  PROD_STARTED_BY_US=1
  wait_for_process "$launched" 120 "temporal-server on $(prod_address)" production_healthy || {
    kill "$launched" 2>/dev/null || true
    rm -f "$PROD_PID"
    tail -30 "$PROD_LOG" >&2
    die "temporal-server did not start on $(prod_address) (ports $MALL_PROD_TEMPORAL_PORT-$MALL_PROD_METRICS_PORT and $MALL_PROD_MEMBERSHIP_PORT-$((MALL_PROD_MEMBERSHIP_PORT + 3)) taken? set MALL_PROD_TEMPORAL_PORT / MALL_PROD_MEMBERSHIP_PORT; log: $PROD_LOG)"
  }
  prepare_production_namespace
  check_production_shards
}

# kill_temporal_production: kill -9 of the server process (the chaos suite's fault); PostgreSQL stays.
kill_temporal_production() {
  production_server_alive || die "no temporal-server started by these scripts in $MALL_PROD_HOME"
  kill -9 "$(cat "$PROD_PID")"
  rm -f "$PROD_PID"
  log "temporal-server killed (kill -9)"
}

stop_temporal_production() {
  if production_server_alive; then
    stop_process "$(cat "$PROD_PID")" temporal-server 30
  else
    log "no temporal-server started by these scripts is running"
  fi
  rm -f "$PROD_PID"
  stop_postgres
}
