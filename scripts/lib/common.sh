# shellcheck shell=bash
# Shared by the scripts: paths, logging, privilege escalation, Debian packages.
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

APT_UPDATED=0
apt_install() {
  if [ "$APT_UPDATED" = 0 ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || die "apt-get update failed"
    APT_UPDATED=1
  fi
  log "installing Debian packages: $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2 \
    || die "apt-get install $* failed"
}

# ensure_commands command:package...: installs the packages of the commands that are missing.
ensure_commands() {
  local pair missing=()
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
  done
  [ "${#missing[@]}" -eq 0 ] || apt_install "${missing[@]}"
}

# jdk_is_25 <java home>: that directory holds a JDK (javac too) of release 25.
jdk_is_25() {
  local version
  [ -n "$1" ] && [ -x "$1/bin/javac" ] || return 1
  # Read whole, not piped into grep -q: an early exit of grep can SIGPIPE java under pipefail.
  version="$("$1/bin/java" -version 2>&1)" || return 1
  [[ "$version" =~ version\ \"25[.\"] ]]
}

# The build and every mall JVM run on a JDK 25, exported as JAVA_HOME and first on PATH: the
# JAVA_HOME given if it is one, else the java on PATH if it is one, else the first JDK 25 under
# /usr/lib/jvm. The Maven wrapper downloads Maven with curl and unzips it.
ensure_build_tools() {
  ensure_commands curl:curl unzip:unzip
  local candidate path_java
  if ! jdk_is_25 "${JAVA_HOME:-}"; then
    JAVA_HOME=
    path_java="$(command -v javac 2>/dev/null || true)"
    [ -z "$path_java" ] || candidate="$(dirname "$(dirname "$(readlink -f "$path_java")")")"
    if jdk_is_25 "${candidate:-}"; then
      JAVA_HOME=$candidate
    else
      for candidate in /usr/lib/jvm/*25*; do
        jdk_is_25 "$candidate" && { JAVA_HOME=$candidate; break; }
      done
    fi
  fi
  [ -n "$JAVA_HOME" ] || die "no JDK 25 found (JAVA_HOME, PATH, /usr/lib/jvm/*25*). Install one - e.g. \
Eclipse Temurin 25 (temurin-25-jdk from the Adoptium apt repository, or a tarball unpacked under \
/usr/lib/jvm), or openjdk-25-jdk-headless where your distribution packages it - or point JAVA_HOME at it."
  PATH="$JAVA_HOME/bin:$PATH"
  export JAVA_HOME PATH
  log "JDK: $JAVA_HOME"
}

# pid_is <pid> <command name>: the pid is alive and runs that program (pid files can go stale).
pid_is() {
  [ -n "$1" ] && [ "$(cat "/proc/$1/comm" 2>/dev/null)" = "$2" ]
}

# stop_process <pid> <description> <seconds>: SIGTERM, then SIGKILL if it outlives the grace period.
stop_process() {
  local pid=$1 what=$2 deadline=$((SECONDS + $3))
  kill "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do
    [ "$SECONDS" -lt "$deadline" ] || { kill -9 "$pid" 2>/dev/null; log "$what killed after $3 s"; return 0; }
    sleep 0.2
  done
  log "$what stopped"
}

# wait_for_process <pid> <seconds> <description> <command...>: like wait_until, but gives up as
# soon as the process that should answer has exited (a taken port, a crash at start).
wait_for_process() {
  local pid=$1 timeout=$2 what=$3; shift 3
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    { kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; } || return 1
    sleep 0.3
  done
  log "$what is ready"
}

# free_port: an unused TCP port on 127.0.0.1.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_until <seconds> <description> <command...>: polls every 0.5 s; fails after the timeout.
wait_until() {
  local timeout=$1 what=$2; shift 2
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.5
  done
  log "$what is ready"
}
