#!/usr/bin/env bash
# Installs stripe-mock (Stripe's stateless API stand-in, served from its embedded OpenAPI spec)
# into .cs360/bin, built from source with Go: that needs only the Go module proxy, not GitHub
# release downloads. The Stripe connector's request-shape test runs it; without it that test is
# skipped with the reason. Idempotent and silent when there is nothing to do; never fails the
# caller.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin_dir="$root/.cs360/bin"

runnable() { [ -f "$1" ] && [ -x "$1" ]; }

if runnable "$bin_dir/stripe-mock"; then exit 0; fi

go_bin="$(command -v go || true)"
if [ -z "$go_bin" ] && [ -x /usr/local/go/bin/go ]; then go_bin=/usr/local/go/bin/go; fi
if [ -z "$go_bin" ]; then
  cat >&2 <<MSG
cs360: stripe-mock is not installed and Go is not available to build it. Install Go 1.22 or
later (https://go.dev/dl/), then run: bash scripts/install-stripe-mock.sh
Until then the Stripe connector's stripe-mock request-shape test is skipped.
MSG
  exit 0
fi

mkdir -p "$bin_dir"
echo "cs360: building stripe-mock with Go into $bin_dir (once)" >&2
if GOBIN="$bin_dir" "$go_bin" install -trimpath "github.com/stripe/stripe-mock@latest"; then
  echo "cs360: installed stripe-mock $("$bin_dir/stripe-mock" -version 2>&1 | head -n 1)" >&2
else
  echo "cs360: building stripe-mock failed (above); rerun bash scripts/install-stripe-mock.sh" \
    "once the Go module proxy is reachable" >&2
fi
exit 0
