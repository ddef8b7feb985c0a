#!/usr/bin/env bash
# Runs before `npm test` and `npm run demo`: installs what npm cannot (the Temporal CLI).
# Returns immediately when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-temporal-cli.sh
