#!/bin/sh
# Installs the browser clients locked in this folder into $1/node_modules, for the browser ITs.
# Runs npm ci only when the lock file differs from the one last installed, so a build offline still works.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
target=$1
if ! command -v npm >/dev/null 2>&1; then
  echo "npm not found: the browser ITs will be skipped (and fail under CI=true)" >&2
  exit 0
fi
mkdir -p "$target"
if cmp -s "$here/package-lock.json" "$target/node_modules/.installed-lock.json"; then
  exit 0
fi
cp "$here/package.json" "$here/package-lock.json" "$here/.npmrc" "$target/"
cd "$target"
npm ci --loglevel=error
cp package-lock.json node_modules/.installed-lock.json
