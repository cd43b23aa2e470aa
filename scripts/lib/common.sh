# shellcheck shell=bash
# Shared by the scripts: paths, logging, privilege escalation.
MALL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MALL_CACHE_DIR="${MALL_CACHE_DIR:-$HOME/.cache/temporal-mall}"
export MALL_ROOT MALL_CACHE_DIR
mkdir -p "$MALL_CACHE_DIR"

log() { printf '[temporal-mall] %s\n' "$*" >&2; }
die() { printf '[temporal-mall] ERROR: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "need root (or sudo) to run: $*"
  fi
}

# wait_until <seconds> <description> <command...>: polls once per 0.5 s.
wait_until() {
  local timeout=$1 what=$2; shift 2
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.5
  done
  log "$what is ready"
}
