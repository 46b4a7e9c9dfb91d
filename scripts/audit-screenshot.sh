#!/bin/sh
# Regenerates docs/img/audit.png, the README's picture of `msglint audit fixtures/demo`.
# Needs node with `npm ci` run in tests/browser, and Chromium (/usr/bin/chromium, or the
# browser named by $MSGLINT_CHROMIUM). Run from anywhere: scripts/audit-screenshot.sh
set -eu
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cargo run --quiet --release -- audit fixtures/demo -o "$out/audit.html" --quiet
(cd tests/browser && MSGLINT_ARTIFACTS="$out" node audit.mjs "$out/audit.html" readme --shot "$OLDPWD/docs/img/audit.png" > /dev/null)
echo "wrote docs/img/audit.png"
