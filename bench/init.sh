#!/usr/bin/env bash
# `msglint init --from` on the whole corpus against `check` and `audit` on the same files:
# median wall time of 3 runs each and peak RSS (GNU time), one table. Issue #23 asks for
# init ≤ 2x check's time and memory within the audit's.
#
#   bench/init.sh            # corpus from $MSGLINT_CORPUS, else ../shared/corpus
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS="${MSGLINT_CORPUS:-../shared/corpus}"
RUNS="${BENCH_RUNS:-3}"
[ -d "$CORPUS" ] || { echo "no corpus at $CORPUS" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time (/usr/bin/time, Debian package time)" >&2; exit 2; }
cargo build --release --quiet
BIN=target/release/msglint
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# Every file of the corpus but the decompression bomb, as the suite's whole-corpus row.
for d in md html pptx pdf; do
  find "$CORPUS/$d" -type f ! -name 'pdfjs__bomb_giant.pdf' | sort
done > "$WORK/files.txt"
echo "corpus $CORPUS: $(wc -l < "$WORK/files.txt") files; $(nproc) cores; $RUNS runs each"

measure() { # name, command...: prints "name median_wall_s max_rss_mb"
  local name="$1"; shift
  local walls=() cpus=() rss=0
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f '%e %M %U %S' -o "$WORK/t" "$@" < "$WORK/files.txt" > /dev/null 2> "$WORK/err" || {
      code=$?; [ "$code" -le 1 ] || { cat "$WORK/err" >&2; exit "$code"; }; }
    read -r wall kb user sys < <(tail -1 "$WORK/t")
    walls+=("$wall"); cpus+=("$(echo "$user + $sys" | bc)"); [ "$kb" -gt "$rss" ] && rss="$kb"
  done
  local med cpu
  med="$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")"
  cpu="$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")"
  printf '%-34s %8.2f s wall %8.2f s CPU %8.0f MB\n' "$name" "$med" "$cpu" "$((rss / 1024))"
  echo "$med $rss $cpu" >> "$WORK/rows"
}
measure "check (demo platform)" "$BIN" check - --platform fixtures/demo/msglint.yaml --format json --fail-on never --quiet
measure "audit (demo platform)" "$BIN" audit - --platform fixtures/demo/msglint.yaml --format html -o "$WORK/audit.html" --quiet
measure "init --from (yaml + --report)" "$BIN" init --from - -o "$WORK/draft.yaml" --report "$WORK/inventory.html" --force
awk '{w[NR]=$1; m[NR]=$2; c[NR]=$3} END {
  printf "init / check: wall %.2fx, CPU %.2fx (<= 2x); init / audit peak RSS: %.2fx (<= 1x)\n", w[3]/w[1], c[3]/c[1], m[3]/m[2] }' "$WORK/rows"
echo "the corpus draft loads: $("$BIN" check --platform "$WORK/draft.yaml" --format json --fail-on never fixtures/demo/docs/about.md > /dev/null 2>&1 && echo yes || echo NO)"
