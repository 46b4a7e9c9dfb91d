#!/usr/bin/env bash
# Cost of the message-intelligence rules (claim-mismatch, message-drift, boilerplate-drift,
# cross-asset-conflict, missing-message, off-icp sizes) on the 1,450 Markdown files of the
# corpus, with a generated platform of 50 statements and 20 claims: median wall time of 5
# `msglint check` runs with them on, and with them off, and the overhead.
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${CORPUS:-../shared/corpus/md}
cargo build --release --quiet
tmp=$(mktemp -d)
python3 - "$tmp" <<'PY'
import sys
out = sys.argv[1]
nouns = ["tickets", "agents", "orders", "returns", "refunds", "chats", "emails", "macros", "customers", "brands"]
verbs = ["Resolve", "Route", "Tag", "Answer", "Close", "Translate", "Summarize", "Escalate", "Merge", "Draft"]
lines = ["version: 1", "company: {name: Acme, variants: [ACME Corp]}", "tagline: Support that scales with you.",
         "one_liner: Acme is the help desk for growing teams.", "value_props:"]
for i in range(25):
    lines.append(f"  - {{id: vp{i}, statement: \"{verbs[i % 10]} {10 + i}% of {nouns[i % 10]} automatically\", keywords: [{nouns[i % 10]}]}}")
lines.append("differentiators:")
for i in range(25):
    lines.append(f"  - {{id: d{i}, statement: \"The only platform that connects {nouns[i % 10]} to {nouns[(i + 3) % 10]} in {i + 2} minutes\"}}")
lines.append("claims:")
for i in range(20):
    lines.append(f"  - {{id: c{i}, statement: \"Trusted by {100 * (i + 1)}+ {nouns[i % 10]}\", subject: [{nouns[i % 10]}], value: {100 * (i + 1)}, qualifier: at_least}}")
lines += ["boilerplate:", "  - {id: about, text: \"Acme helps growing teams answer every customer in minutes, with automation that resolves tickets before agents see them.\"}",
          "icp: {summary: Growing teams, employees: {min: 50, max: 1000}}",
          "assets:", "  - {type: handbook, paths: [\"**/*.md\"], require: [tagline]}"]
open(f"{out}/on.yaml", "w").write("\n".join(lines) + "\n")
off = lines + ["rules: {claim-mismatch: off, message-drift: off, boilerplate-drift: off, cross-asset-conflict: off, missing-message: off}"]
open(f"{out}/off.yaml", "w").write("\n".join(off) + "\n")
PY
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
wall() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
on=$(for i in 1 2 3 4 5; do wall ./target/release/msglint check --platform "$tmp/on.yaml" "$CORPUS" --format json; done | median)
off=$(for i in 1 2 3 4 5; do wall ./target/release/msglint check --platform "$tmp/off.yaml" "$CORPUS" --format json; done | median)
printf 'files: %s\nnew rules off: %.3f s\nnew rules on:  %.3f s\noverhead: %.0f%%\n' "$(ls "$CORPUS" | wc -l)" "$off" "$on" "$(echo "($on / $off - 1) * 100" | bc -l)"
rm -rf "$tmp"
