#!/usr/bin/env bash
# Installs the Temporal CLI (which carries the dev server cs360 starts when TEMPORAL_ADDRESS is
# unset) into .cs360/bin, built from source with Go: machines without internet access to
# GitHub releases can still reach the Go module proxy. v1.5.1 is the last release that
# `go install pkg@version` accepts (later ones carry a replace directive in go.mod).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin_dir="$root/.cs360/bin"
version="v1.5.1"

if [ -n "${TEMPORAL_CLI_PATH:-}" ] && [ -x "$TEMPORAL_CLI_PATH" ]; then exit 0; fi
if command -v temporal >/dev/null 2>&1; then exit 0; fi
if [ -x "$bin_dir/temporal" ]; then exit 0; fi

if [ -n "${TEMPORAL_ADDRESS:-}" ]; then
  # An external Temporal is configured; the dev server is not needed.
  exit 0
fi

go_bin="$(command -v go || true)"
[ -z "$go_bin" ] && [ -x /usr/local/go/bin/go ] && go_bin=/usr/local/go/bin/go
if [ -z "$go_bin" ]; then
  cat >&2 <<MSG
cs360: the Temporal CLI is not installed and Go is not available to build it.
  Install one of:
    - Go (https://go.dev/dl/), then rerun: bash scripts/install-temporal-cli.sh
    - the Temporal CLI (https://docs.temporal.io/cli), on PATH or via TEMPORAL_CLI_PATH
  or point cs360 at a running Temporal with TEMPORAL_ADDRESS.
  (cs360 will otherwise try the Temporal SDK's own download, which needs internet access.)
MSG
  exit 0
fi

mkdir -p "$bin_dir"
echo "cs360: building the Temporal CLI $version with Go into $bin_dir (once; takes a few minutes)" >&2
GOBIN="$bin_dir" GOFLAGS="${GOFLAGS:-} -trimpath" "$go_bin" install "github.com/temporalio/cli/cmd/temporal@$version"
echo "cs360: installed $("$bin_dir/temporal" --version)" >&2
