#!/usr/bin/env bash
# Runs before `npm test` and `npm run demo`: installs what npm cannot, stripe-mock and the
# Temporal CLI, both built with Go. Prints nothing and returns at once when they are there.
set -euo pipefail
bash "$(dirname "$0")/install-stripe-mock.sh"
exec bash "$(dirname "$0")/install-temporal-cli.sh"
