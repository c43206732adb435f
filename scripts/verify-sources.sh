#!/usr/bin/env bash
# Rebuilds the Firefox package from the sources zip, as an AMO reviewer would (clean unzip,
# plain `npm ci`, `npm run build:firefox`), and checks it is byte-identical to ours.
# Run `npm run zip` first. Needs the npm registry.
set -euo pipefail
cd "$(dirname "$0")/.."
sources=$(ls -t .output/*-sources.zip 2>/dev/null | head -1 || true)
[ -n "$sources" ] || { echo "verify-sources: no .output/*-sources.zip; run npm run zip" >&2; exit 2; }
[ -d .output/firefox-mv3 ] || { echo "verify-sources: no .output/firefox-mv3" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unzip -q "$sources" -d "$tmp/src"
(cd "$tmp/src" && npm ci --no-audit --no-fund >"$tmp/npm-ci.log" 2>&1 || { cat "$tmp/npm-ci.log"; exit 1; })
(cd "$tmp/src" && env -u BRIDGE_OUT_DIR -u VITE_E2E npm run build:firefox >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log"; exit 1; })
if diff -r .output/firefox-mv3 "$tmp/src/.output/firefox-mv3"; then
  echo "verify-sources: $sources rebuilds .output/firefox-mv3 byte for byte ($(find .output/firefox-mv3 -type f | wc -l) files)"
else
  echo "verify-sources: the rebuild differs (above)" >&2
  exit 1
fi
