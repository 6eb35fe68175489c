#!/usr/bin/env bash
# Installs Microsoft's SARIF validator (@microsoft/sarif-multitool, pinned in package-lock.json)
# into tools/sarif/node_modules. Idempotent; after the first install it works offline.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v npm >/dev/null 2>&1; then
  echo "tools/sarif: npm not found; the SARIF validator test will be skipped" >&2
  exit 0
fi
bin=node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
if [ -x node_modules/.bin/sarif-multitool ] && { [ "$(uname -s)" != Linux ] || [ -x "$bin" ]; }; then
  exit 0
fi
npm ci --no-audit --no-fund --prefer-offline
# npm may skip the package's postinstall (chmod u+x Sarif.Multitool); do it ourselves.
if [ -f "$bin" ]; then chmod u+x "$bin"; fi
