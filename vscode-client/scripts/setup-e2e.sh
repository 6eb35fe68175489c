#!/usr/bin/env bash
# Installs everything the VS Code extension's tests need; idempotent, cached in vscode-client/.cache/.
#   1. the extension's npm dependencies (node_modules/, from package-lock.json)
#   2. code-server 4.99.4 (offline-safe: Debian's rg stands in for @vscode/ripgrep's download)
#   3. checks for Debian's chromium (the e2e skips with a reason when it is missing)
# Apt packages needed (installed when running as root and missing):
#   libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev ripgrep chromium fonts-noto-color-emoji (screenshots)
# Set ERRCODE_SKIP_E2E_SETUP=1 to install only the npm dependencies (unit tests).
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
CACHE="$HERE/.cache"
CS_VERSION="4.99.4"
CS_PREFIX="$CACHE/code-server-$CS_VERSION"
CS_BIN="$CS_PREFIX/node_modules/code-server/out/node/entry.js"
mkdir -p "$CACHE"
log() { echo "setup-e2e: $*"; }

if ! command -v npm >/dev/null; then
  log "npm is not installed; the VS Code extension tests will be skipped"; exit 0
fi

# 1. extension dependencies
LOCK="$HERE/package-lock.json"
STAMP="$HERE/node_modules/.errcode-stamp"
if [ ! -f "$STAMP" ] || [ "$LOCK" -nt "$STAMP" ] || [ "$HERE/package.json" -nt "$STAMP" ]; then
  log "npm ci (extension dependencies)"
  (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error)
  touch "$STAMP"
else
  log "extension dependencies: up to date"
fi

[ "${ERRCODE_SKIP_E2E_SETUP:-}" = "1" ] && exit 0

# 2. system packages
need=()
for p in libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev ripgrep chromium fonts-noto-color-emoji; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "apt-get install ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null
  else
    log "missing apt packages: ${need[*]} (install them as root); the e2e will be skipped"; exit 0
  fi
fi

# 3. code-server
if [ -f "$CS_PREFIX/.installed" ] && [ -f "$CS_BIN" ]; then
  log "code-server $CS_VERSION: cached in $CS_PREFIX"
  exit 0
fi
log "installing code-server $CS_VERSION into $CS_PREFIX (a few minutes, once)"
TMPROOT="$CACHE/tmp"
mkdir -p "$TMPROOT"
# @vscode/ripgrep's postinstall downloads rg from GitHub; give it Debian's rg in its cache instead.
RG_TGZ="$CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -f "$RG_TGZ" ]; then
  rgdir="$(mktemp -d)"; cp "$(command -v rg)" "$rgdir/rg"
  tar czf "$RG_TGZ" -C "$rgdir" rg; rm -rf "$rgdir"
fi
for v in 1.15.9 1.15.10 1.15.11 1.15.12 1.15.13 1.15.14 1.16.0 1.16.1; do
  mkdir -p "$TMPROOT/vscode-ripgrep-cache-$v"
  cp -f "$RG_TGZ" "$TMPROOT/vscode-ripgrep-cache-$v/"
done
rm -rf "$CS_PREFIX"; mkdir -p "$CS_PREFIX"
(
  cd "$CS_PREFIX"
  echo '{"name":"errcode-code-server","private":true}' > package.json
  export TMPDIR="$TMPROOT" npm_config_unsafe_perm=true npm_config_yes=true npm_config_nodedir=/usr
  npm install --no-audit --no-fund --loglevel=error --unsafe-perm "code-server@$CS_VERSION"
)
test -f "$CS_BIN"
touch "$CS_PREFIX/.installed"
log "code-server $CS_VERSION installed"
