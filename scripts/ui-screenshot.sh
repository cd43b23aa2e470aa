#!/usr/bin/env bash
# Takes a headless-Chromium screenshot of a compensated saga in the Temporal Web UI of the dev
# server (scripts/dev-servers.sh start, or the one scripts/test.sh runs) and checks it rendered.
# Usage: scripts/ui-screenshot.sh [output.png]   (default: docs/ui-compensated-saga.png)
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"
# shellcheck source=lib/temporal-cli.sh
source "$MALL_ROOT/scripts/lib/temporal-cli.sh"
OUT="${1:-$MALL_ROOT/docs/ui-compensated-saga.png}"
ADDRESS="127.0.0.1:${MALL_TEMPORAL_PORT:-7233}"
UI="http://127.0.0.1:${MALL_TEMPORAL_UI_PORT:-8233}"

if ! command -v chromium >/dev/null 2>&1; then
  log "installing Chromium from Debian's packages"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >&2
fi
ensure_temporal_cli
curl -sf "$UI" >/dev/null || die "no Temporal Web UI at $UI (start one with scripts/dev-servers.sh start)"

SAGA="$("$TEMPORAL_BIN" workflow list --address "$ADDRESS" --query "SagaStatus = 'COMPENSATED'" \
  --limit 1 --output json | python3 -c '
import json, sys
text = sys.stdin.read().strip()
rows = json.loads(text) if text.startswith("[") else [json.loads(l) for l in text.splitlines() if l.strip()]
print(rows[0]["execution"]["workflowId"] if rows else "")')"
[ -n "$SAGA" ] || die "no compensated saga on $ADDRESS: place an order for a product without stock first"

mkdir -p "$(dirname "$OUT")"
rm -f "$OUT"
chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --window-size=1440,1100 \
  --virtual-time-budget=20000 --screenshot="$OUT" \
  "$UI/namespaces/default/workflows/$SAGA" >/dev/null 2>&1 || true
[ -s "$OUT" ] || die "Chromium wrote no screenshot"
size=$(wc -c <"$OUT")
[ "$size" -gt 20000 ] || die "the screenshot is suspiciously small ($size bytes): the UI did not render"
log "screenshot of $SAGA in the Web UI: $OUT ($size bytes)"
