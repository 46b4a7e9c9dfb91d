#!/usr/bin/env bash
# The benchmark suite: every ratio of the speed table in one run (see bench/README.md).
#   bench/run.sh              # corpus from $MSGLINT_CORPUS, else ../shared/corpus
# Builds the release binary, installs the peers it compares against (textlint and
# textlint-rule-prh with npm into bench/.peers, python-pptx with pip, poppler-utils with
# apt; GNU time for peak RSS), writes the benchmark platforms, then runs bench/run.py. BENCH_RUNS=N sets the
# number of msglint runs per median (default 5).
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${MSGLINT_CORPUS:-../shared/corpus}
PEERS=${MSGLINT_BENCH_PEERS:-bench/.peers}
[ -d "$CORPUS/md" ] || { echo "no corpus at $CORPUS (set MSGLINT_CORPUS)" >&2; exit 2; }
sudo=; [ "$(id -u)" = 0 ] || sudo=sudo
command -v pdftotext >/dev/null || $sudo apt-get install -y -qq poppler-utils
[ -x /usr/bin/time ] || $sudo apt-get install -y -qq time
python3 -c 'import pptx' 2>/dev/null || pip install --quiet 'python-pptx==1.0.2'
if [ ! -x "$PEERS/node_modules/.bin/textlint" ]; then
  mkdir -p "$PEERS"
  npm install --silent --no-audit --no-fund --prefix "$PEERS" textlint@14.8.4 textlint-rule-prh@6.1.0
fi
cargo build --release --quiet
bin=$(realpath "${CARGO_TARGET_DIR:-target}/release/msglint")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/gen_platform.py "$work"
python3 bench/run.py "$bin" "$(realpath "$CORPUS")" "$(realpath "$PEERS")" "$work"
