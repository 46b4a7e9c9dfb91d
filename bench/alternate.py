#!/usr/bin/env python3
"""Compare msglint binaries on one row of the suite, their runs taken in alternation.

    python3 bench/alternate.py ROW N BIN [BIN ...]

ROW is md (the 1,450 Markdown files, 20 terms), decks (the 141 decks, demo platform),
t10 / t10k (the Markdown files with 10 / 10,000 terms) or deck (one 28-slide deck). Each
binary runs N times, one run of each in turn, so a burst of load on a shared machine
hits every binary alike; prints min, first quartile and median wall per binary. The
platforms come from bench/gen_platform.py (written to a temporary directory), the corpus
from $MSGLINT_CORPUS, else ../shared/corpus.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.environ.get("MSGLINT_CORPUS", os.path.join(ROOT, "..", "shared", "corpus"))
DEMO = os.path.join(ROOT, "fixtures", "demo", "msglint.yaml")


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    row, n, bins = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    work = tempfile.mkdtemp()
    subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen_platform.py"), work], check=True,
                   stdout=subprocess.DEVNULL)
    md, pptx = os.path.join(CORPUS, "md"), os.path.join(CORPUS, "pptx")
    args = {
        "md": [os.path.join(work, "terms20.yaml"), md],
        "t10": [os.path.join(work, "terms10.yaml"), md],
        "t10k": [os.path.join(work, "terms10000.yaml"), md],
        "decks": [DEMO, pptx],
        "deck": [DEMO, os.path.join(pptx, "poi__60810.pptx")],
    }[row]
    cmd = lambda b: [b, "check", "--platform", args[0], args[1], "--format", "json", "--fail-on", "never"]
    times = {b: [] for b in bins}
    for b in bins:  # warm-up: page cache, binary paged in
        subprocess.run(cmd(b), stdout=subprocess.DEVNULL)
    for _ in range(n):
        for b in bins:
            t = time.perf_counter()
            subprocess.run(cmd(b), stdout=subprocess.DEVNULL)
            times[b].append(time.perf_counter() - t)
    for b in bins:
        r = sorted(times[b])
        print(f"{row:5} {b}: min {r[0] * 1e3:6.1f}  p25 {r[len(r) // 4] * 1e3:6.1f}  "
              f"median {statistics.median(r) * 1e3:6.1f} ms")


main()
