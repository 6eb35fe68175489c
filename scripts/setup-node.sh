#!/usr/bin/env bash
# Installs the Node-based test tools; every step is idempotent and skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."
for step in tools/sarif/setup.sh vscode-client/scripts/setup-e2e.sh; do
  if [ -f "$step" ]; then
    bash "$step"
  fi
done
