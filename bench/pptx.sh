#!/usr/bin/env bash
# Reading every deck of ../shared/corpus/pptx: msglint vs python-pptx, in one run.
# msglint: one `msglint check` process over the folder (extract + all rules, all cores).
# python-pptx: bench/python_pptx_words.py (open each deck, walk shapes, groups, tables, notes).
# Prints the median wall time of 5 runs each and the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${CORPUS:-../shared/corpus/pptx}
python3 -c 'import pptx' 2>/dev/null || pip install --quiet 'python-pptx==1.0.2'
cargo build --release --quiet
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
wall() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
ours=$(for i in 1 2 3 4 5; do wall ./target/release/msglint check --platform fixtures/demo/msglint.yaml "$CORPUS" --format json --fail-on never; done | median)
theirs=$(for i in 1 2 3 4 5; do wall python3 bench/python_pptx_words.py "$CORPUS"; done | median)
decks=$(ls "$CORPUS" | wc -l)
printf 'decks: %s\nmsglint check (wall, median of 5): %.3f s\npython-pptx read (wall, median of 5): %.3f s\nratio: %.1fx faster\n' \
  "$decks" "$ours" "$theirs" "$(echo "$theirs / $ours" | bc -l)"
