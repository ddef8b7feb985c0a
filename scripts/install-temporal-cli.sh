#!/usr/bin/env bash
# Installs the Temporal CLI (which carries the dev server cs360 starts when TEMPORAL_ADDRESS is
# unset) into .cs360/bin, built from source with Go: that needs only the Go module proxy, not
# GitHub release downloads. v1.5.1 is the last release `go install pkg@version` accepts (later
# ones carry a replace directive in go.mod). Idempotent and silent when there is nothing to do;
# never fails the caller: without a CLI, cs360 falls back to the Temporal SDK's own download and,
# if that fails too, says what to install.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin_dir="$root/.cs360/bin"
version="v1.5.1"

runnable() { [ -f "$1" ] && [ -x "$1" ]; }

if [ -n "${TEMPORAL_CLI_PATH:-}" ] && runnable "$TEMPORAL_CLI_PATH"; then exit 0; fi
if on_path="$(command -v temporal 2>/dev/null)" && runnable "$on_path"; then exit 0; fi
if runnable "$bin_dir/temporal"; then exit 0; fi
# An external Temporal is configured: the dev server is not needed.
if [ -n "${TEMPORAL_ADDRESS:-}" ]; then exit 0; fi

go_bin="$(command -v go || true)"
if [ -z "$go_bin" ] && [ -x /usr/local/go/bin/go ]; then go_bin=/usr/local/go/bin/go; fi
if [ -z "$go_bin" ]; then
  cat >&2 <<MSG
cs360: the Temporal CLI is not installed and Go is not available to build it. Install one of:
  - Go 1.25 or later (https://go.dev/dl/), then run: bash scripts/install-temporal-cli.sh
  - the Temporal CLI (https://docs.temporal.io/cli), on PATH or at TEMPORAL_CLI_PATH
or point cs360 at a running Temporal server with TEMPORAL_ADDRESS.
Until then cs360 tries the Temporal SDK's own download, which needs internet access.
MSG
  exit 0
fi

mkdir -p "$bin_dir"
echo "cs360: building the Temporal CLI $version with Go into $bin_dir (once; takes a few minutes)" >&2
if GOBIN="$bin_dir" "$go_bin" install -trimpath "github.com/temporalio/cli/cmd/temporal@$version"; then
  echo "cs360: installed $("$bin_dir/temporal" --version)" >&2
else
  echo "cs360: building the Temporal CLI failed (above); rerun bash scripts/install-temporal-cli.sh" \
    "once the Go module proxy is reachable, or set TEMPORAL_ADDRESS" >&2
fi
exit 0
