#!/usr/bin/env bash
# PDF quality (word recall and order vs pdftotext) and speed, in one run.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v pdftotext >/dev/null || { sudo=; [ "$(id -u)" = 0 ] || sudo=sudo; $sudo apt-get install -y -qq poppler-utils; }
cargo build --release --quiet
python3 bench/pdf_quality.py "$@"
