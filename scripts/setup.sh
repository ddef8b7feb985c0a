#!/usr/bin/env bash
# Runs before `npm test` and `npm run demo`: installs what npm cannot, the Temporal CLI. Prints
# nothing and returns at once when it is already there.
set -euo pipefail
exec bash "$(dirname "$0")/install-temporal-cli.sh"
