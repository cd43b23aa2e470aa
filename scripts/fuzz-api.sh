#!/usr/bin/env bash
# Fuzzes the running API from its own OpenAPI spec with schemathesis and every one of its checks
# (no 5xx, statuses and bodies as documented, valid data accepted, invalid data rejected; the
# state-dependent refusals a valid request may get are listed in scripts/fuzz-api.toml).
# Runs the embedded-default jar (built by `./mvnw verify`/`package`) on a free port, signs up a
# fuzz user for a bearer token, signs most generated provider callbacks with the run's webhook
# secret (scripts/fuzz_signed_callbacks.py; the rest must be 401), and prints how many cases were
# generated.
# Usage: [FUZZ_SEED=n] scripts/fuzz-api.sh [max examples per operation, default 40]
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"
SCHEMATHESIS_VERSION="${SCHEMATHESIS_VERSION:-4.32.5}"
MAX_EXAMPLES="${1:-40}"
FUZZ_SEED="${FUZZ_SEED:-1}"
JAR="$MALL_ROOT/standalone/target/temporal-mall-standalone.jar"
[ -f "$JAR" ] || die "$JAR is missing: build it with ./mvnw -B -DskipTests package"
ensure_build_tools

VENV="$MALL_CACHE_DIR/schemathesis-$SCHEMATHESIS_VERSION"
if [ ! -x "$VENV/bin/schemathesis" ]; then
  log "installing schemathesis $SCHEMATHESIS_VERSION from PyPI"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet "schemathesis==$SCHEMATHESIS_VERSION" >&2
fi

PORT="$(free_port)"
BASE="http://127.0.0.1:$PORT"
LOG="$MALL_CACHE_DIR/fuzz-standalone.log"
# The run's own webhook secret: scripts/fuzz_signed_callbacks.py signs the generated provider
# callbacks with it, so they reach the callback's validation and business checks.
export MALL_PAY_WEBHOOK_SECRET="fuzz-only-webhook-$(date +%s%N)-fuzz-only-webhook"
PORT="$PORT" MALL_JWT_SECRET="fuzz-only-secret-$(date +%s%N)-fuzz-only-secret" \
  java -jar "$JAR" >"$LOG" 2>&1 &
APP_PID=$!
trap 'stop_process "$APP_PID" "embedded mall" 30' EXIT
wait_for_process "$APP_PID" 120 "embedded mall on :$PORT" curl -sf "$BASE/actuator/health" \
  || { tail -30 "$LOG" >&2; die "the embedded mall did not start (log: $LOG)"; }

curl -sf "$BASE/api/user/register" -H 'Content-Type: application/json' \
  -d '{"name":"fuzz","gender":0,"mobile":"10000000000","password":"fuzz-pass"}' >/dev/null
TOKEN="$(curl -sf "$BASE/api/user/login" -H 'Content-Type: application/json' \
  -d '{"mobile":"10000000000","password":"fuzz-pass"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')"
# A product and an order of the fuzz user, so that generated ids sometimes exist.
curl -sf "$BASE/api/product/create" -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" \
  -d '{"name":"fuzz","desc":"","stock":1000000,"amount":1,"status":1}' >/dev/null
curl -sf "$BASE/api/order/create" -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" \
  -d '{"pid":1}' >/dev/null

status=0
cd "$MALL_CACHE_DIR"  # schemathesis keeps its case cache in the working directory
SCHEMATHESIS_HOOKS="$MALL_ROOT/scripts/fuzz_signed_callbacks.py" \
  "$VENV/bin/schemathesis" --config-file "$MALL_ROOT/scripts/fuzz-api.toml" run "$BASE/v3/api-docs" \
  --url "$BASE" \
  --header "Authorization: Bearer $TOKEN" \
  --checks "${FUZZ_CHECKS:-all}" \
  --max-examples "$MAX_EXAMPLES" \
  --seed "$FUZZ_SEED" 2>&1 | tee "$MALL_CACHE_DIR/fuzz-output.txt" || status=$?
log "schemathesis: $(grep -Eo '[0-9]+ generated' "$MALL_CACHE_DIR/fuzz-output.txt" | head -1) test cases (seed $FUZZ_SEED), exit code $status"
exit "$status"
