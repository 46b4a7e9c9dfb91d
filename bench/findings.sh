#!/usr/bin/env bash
# Linear in findings: time msglint on files with 20,000 and 200,000 matches (one line, and
# one match per line), print the 200k/20k ratios (linear ≈ 10), then a 26 MB single line
# with 2,000,000 matches. Then identical repeats (issue #24): one retired term ("HelpBot",
# retired in the demo platform) in the same words on every line, so every finding has the
# same fingerprint before repeats are told apart: listed uncapped, written to a baseline
# and diffed, 20,000 vs 200,000 repeats (target: ratio ≤ 12x). Release build; run from the
# repository root.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
bin=target/release/msglint
plat=fixtures/demo/msglint.yaml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp" <<'PY'
import sys
d = sys.argv[1]
for n in (20000, 200000):
    open(f"{d}/line{n}.md", "w").write("LumoraAI and " * n + "\n")
    open(f"{d}/lines{n}.md", "w").write("Meet LumoraAI today.\n\n" * n)
    open(f"{d}/repeats{n}.txt", "w").write("We use HelpBot daily.\n" * n)
open(f"{d}/huge.md", "w").write("LumoraAI and " * 2000000 + "\n")
PY
secs() { # seconds and peak KB of one run
  /usr/bin/time -f "%e %M" "$bin" check --platform "$plat" "$@" --format json >/dev/null 2>"$tmp/time" || true
  tail -1 "$tmp/time"
}
secs_raw() { # seconds of one run with other options than --format json
  /usr/bin/time -o "$tmp/time" -f "%e %M" "$bin" check --platform "$plat" "$@" >/dev/null 2>&1 || true
  tail -1 "$tmp/time"
}
for shape in line lines; do
  read -r a ka < <(secs "$tmp/${shape}20000.md")
  read -r b kb < <(secs "$tmp/${shape}200000.md")
  ratio=$(python3 -c "print(f'{max($b,0.01)/max($a,0.01):.1f}')")
  echo "$shape: 20k matches ${a}s (${ka} KB), 200k ${b}s (${kb} KB), ratio ${ratio}x (linear: 10x)"
done
read -r h kh < <(secs "$tmp/huge.md")
echo "26 MB single line, 2,000,000 matches: ${h}s, peak ${kh} KB"
for step in list baseline diff; do
  case $step in
    list) opts=(--max-findings-per-file 0 --format json) ;;
    baseline) opts=(--write-baseline "$tmp/baseline.json") ;;
    diff) opts=(--diff) ;;
  esac
  read -r a ka < <(secs_raw "$tmp/repeats20000.txt" "${opts[@]}")
  read -r b kb < <(secs_raw "$tmp/repeats200000.txt" "${opts[@]}")
  ratio=$(python3 -c "print(f'{max($b,0.01)/max($a,0.01):.1f}')")
  echo "identical repeats, $step: 20k ${a}s (${ka} KB), 200k ${b}s (${kb} KB), ratio ${ratio}x (target: <= 12x)"
done
