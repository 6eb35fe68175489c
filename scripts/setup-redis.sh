#!/usr/bin/env bash
# The Slack bot's replica tests need a real redis-server (Debian package `redis-server`).
# Idempotent: installs it only when it is missing; does nothing where it cannot (no apt-get, not root).
set -euo pipefail
if command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-redis: redis-server is missing and apt-get is not available; the Redis tests will be skipped" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
    echo "setup-redis: redis-server is missing and this user cannot install it; the Redis tests will be skipped" >&2
    exit 0
  fi
fi
echo "setup-redis: installing Debian's redis-server"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends redis-server
