#!/usr/bin/env bash
# Installs the pinned Azurite (tools/azurite/package-lock.json) for the Blob sink tests. Idempotent: does nothing when
# the locked version is installed already. The tests start and stop Azurite themselves, on a free loopback port.
set -euo pipefail
cd "$(dirname "$0")/../tools/azurite"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "azurite.sh: node and npm are needed to install Azurite; install Node.js 20 or later" >&2
    exit 1
  fi
fi

locked=$(node -p "require('./package-lock.json').packages['node_modules/azurite'].version")
installed=$(node -p "try { require('./node_modules/azurite/package.json').version } catch (e) { '' }")
if [ "$installed" = "$locked" ]; then
  echo "azurite.sh: Azurite $installed is installed"
  exit 0
fi

npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
echo "azurite.sh: installed Azurite $(node -p "require('./node_modules/azurite/package.json').version")"
