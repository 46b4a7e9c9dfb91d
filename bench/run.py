#!/usr/bin/env python3
"""The whole benchmark suite in one run; `bench/run.sh` builds, installs the peers, and calls
this. Every ratio is measured here, in this run, on the same inputs for both sides.

    python3 bench/run.py BIN CORPUS PEERS WORK

Rows: Markdown (msglint with 20 term rules vs textlint + textlint-rule-prh with the same 20
rules), decks (msglint check vs python-pptx reading every deck), PDFs (msglint check vs
pdftotext run file by file, and msglint's median word recall against pdftotext's recorded
reading), the platform scaling curve (10 -> 10,000 terms on the Markdown files, and the
cost of loading and compiling each platform alone), one ~30-slide deck (wall time
including process start), the whole corpus with --jobs 1 and all cores, and peak RSS.

Wall times are medians (of `RUNS` runs for msglint after one warm-up run, fewer for
slow peers); CPU is user +
system time of the measured process tree; RSS is the process's peak resident set. On a
busy machine trust the CPU ratios more than the wall ones.
"""
import gzip
import os
import re
import statistics
import subprocess
import sys
import time
import unicodedata

BIN, CORPUS, PEERS, WORK = sys.argv[1:5]
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEMO = os.path.join(ROOT, "fixtures", "demo", "msglint.yaml")
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
BOMB = "pdfjs__bomb_giant.pdf"
DECK = os.environ.get("BENCH_DECK", "poi__60810.pptx")  # 28 slides, 0.9 MB
rows = []


def run(cmd, stdin=None, cwd=None):
    """Wall seconds, CPU seconds (user + sys of the process and its children), peak RSS KB.
    The RSS comes from GNU time: a child forked from this Python process would inherit
    Python's own peak in its rusage."""
    rss_file = os.path.join(WORK, "rss")
    t = time.perf_counter()
    before = os.times()
    p = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", rss_file, *cmd],
                         stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd)
    if stdin is not None:
        p.stdin.write(stdin)
        p.stdin.close()
    p.wait()
    wall = time.perf_counter() - t
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    try:
        rss = int(open(rss_file).read().split()[-1])
    except (OSError, ValueError, IndexError):
        rss = 0
    return wall, cpu, rss


def median_of(n, cmd, stdin=None, cwd=None):
    run(cmd, stdin, cwd)  # warm-up: the files in the page cache, the binary paged in
    rs = [run(cmd, stdin, cwd) for _ in range(n)]
    return (statistics.median(r[0] for r in rs), statistics.median(r[1] for r in rs), max(r[2] for r in rs))


def check(platform, *paths, stdin=None, extra=()):
    return [BIN, "check", "--platform", platform, "--format", "json", "--fail-on", "never", *extra, *paths]


def row(work, ours, theirs=None, peer="", target=""):
    rows.append((work, ours, theirs, peer, target))
    show(rows[-1])


def show(r):
    work, (w, c, k), theirs, peer, target = r
    s = f"{work:<44} {w:8.3f} s {c:7.3f} s {k / 1024:7.1f} MB"
    if theirs:
        tw, tc, _ = theirs
        s += f" | {peer:<22} {tw:7.2f} s {tc:7.2f} s | {tw / w:7.1f}x {tc / max(c, 1e-9):7.1f}x"
    print(s + (f"  ({target})" if target else ""), flush=True)


def header(title):
    print(f"\n## {title}", flush=True)


md = os.path.join(CORPUS, "md")
pptx = os.path.join(CORPUS, "pptx")
pdf = os.path.join(CORPUS, "pdf")
n_md = len(os.listdir(md))
print(f"corpus {CORPUS}: {n_md} Markdown, {len(os.listdir(pptx))} decks, {len(os.listdir(pdf))} PDFs; "
      f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
print(f"{'work':<44} {'wall':>10} {'cpu':>9} {'peak RSS':>10} | {'peer':<22} {'wall':>9} {'cpu':>9} | "
      f"{'wall x':>8} {'cpu x':>8}")

header("Markdown: 20 term rules")
ours = median_of(RUNS, check(os.path.join(WORK, "terms20.yaml"), md))
textlint = os.path.join(PEERS, "node_modules", ".bin", "textlint")
mds = sorted(f for f in os.listdir(md) if f.endswith(".md"))
# The median of three runs (after a warm-up), like every other row: one textlint run
# varied by 10 % from one suite run to the next.
theirs = median_of(3, [textlint, "--config", os.path.join(WORK, ".textlintrc.json"), "--rules-base-directory",
                       os.path.join(PEERS, "node_modules"), "-f", "json", *mds], cwd=md)
row(f"{n_md} Markdown files", ours, theirs, "textlint + prh", "target >= 150x wall")

header("Decks: demo platform, all rules")
ours = median_of(RUNS, check(DEMO, pptx))
theirs = median_of(3, [sys.executable, os.path.join(ROOT, "bench", "python_pptx_words.py"), pptx])
row(f"{len(os.listdir(pptx))} decks", ours, theirs, "python-pptx", "target >= 40x wall")
deck = os.path.join(pptx, DECK)
one = median_of(max(RUNS, 11), check(DEMO, deck))
row(f"one deck ({DECK}, 28 slides)", one, target="target < 30 ms wall incl. process start")

header("PDFs: demo platform, all rules; the decompression bomb left out")
pdfs = sorted(os.path.join(pdf, f) for f in os.listdir(pdf) if f.lower().endswith(".pdf") and f != BOMB)
listing = "\n".join(pdfs).encode()
ours = median_of(RUNS, check(DEMO, "-"), stdin=listing)
t0 = os.times()
w0 = time.perf_counter()
for p in pdfs:
    try:
        subprocess.run(["pdftotext", "-enc", "UTF-8", p, "-"], capture_output=True, timeout=30)
    except subprocess.TimeoutExpired:
        pass
t1 = os.times()
theirs = (time.perf_counter() - w0, (t1.children_user - t0.children_user) + (t1.children_system - t0.children_system), 0)
row(f"{len(pdfs)} PDFs", ours, theirs, "pdftotext file by file", "target >= 5x wall")

# Word recall against pdftotext's recorded reading (fixtures/reference), as tests/cli/pdf.rs
# counts it: files pdftotext read (exit 0) with >= 50 words.
WORD = re.compile(r"\w+", re.UNICODE)
recalls = []
with gzip.open(os.path.join(ROOT, "fixtures", "reference", "pdftotext-words.tsv.gz"), "rt") as f:
    for line in f:
        parts = line.rstrip("\n").split("\t")
        name, rc = parts[0], parts[1]
        toks = parts[2].split(" ") if len(parts) > 2 and parts[2] else []
        theirs_w = {toks[i]: int(toks[i + 1]) for i in range(0, len(toks) - 1, 2)}
        total = sum(theirs_w.values())
        if rc != "0" or total < 50 or name == BOMB:
            continue
        r = subprocess.run([BIN, "extract", os.path.join(pdf, name)], capture_output=True, timeout=120)
        if r.returncode != 0:
            recalls.append(0.0)
            continue
        mine = {}
        for l in r.stdout.decode("utf-8", "replace").split("\n"):
            m = re.match(r"^\[\d+\] (.*)$", l)  # a PDF's lines: "[n] text" under "## page n"
            if m:
                for w in WORD.findall(unicodedata.normalize("NFKC", m.group(1)).lower()):
                    mine[w] = mine.get(w, 0) + 1
        recalls.append(sum(min(n, mine.get(w, 0)) for w, n in theirs_w.items()) / total)
print(f"PDF median word recall vs pdftotext: {statistics.median(recalls):.4f} over {len(recalls)} files "
      f"(target >= 0.99)", flush=True)

header("Platform size: the Markdown files with 10 .. 10,000 terms")
curve = {}
tiny = os.path.join(WORK, "tiny.md")
with open(tiny, "w") as f:
    f.write("One line.\n")
for n in (10, 100, 1000, 10000):
    plat = os.path.join(WORK, f"terms{n}.yaml")
    curve[n] = median_of(RUNS, check(plat, md))
    row(f"{n:>6} terms, {n_md} files", curve[n])
    row(f"{n:>6} terms, load + compile only (1 line)", median_of(RUNS, check(plat, tiny)))
print(f"scaling 10 -> 10,000 terms: {curve[10000][0] / curve[10][0]:.2f}x wall, "
      f"{curve[10000][1] / curve[10][1]:.2f}x CPU (target <= 1.3x wall)", flush=True)

header("Whole corpus (Markdown, HTML, decks, PDFs; bomb left out), demo platform")
everything = [os.path.join(CORPUS, d, f) for d in ("md", "html", "pptx", "pdf")
              for f in sorted(os.listdir(os.path.join(CORPUS, d))) if f != BOMB]
listing = "\n".join(everything).encode()
one_job = median_of(3, check(DEMO, "-", extra=("--jobs", "1")), stdin=listing)
row(f"{len(everything)} files, --jobs 1", one_job)
all_jobs = median_of(3, check(DEMO, "-"), stdin=listing)
row(f"{len(everything)} files, --jobs {os.cpu_count()} (default)", all_jobs)
print(f"parallel speedup: {one_job[0] / all_jobs[0]:.2f}x wall on {os.cpu_count()} cores; "
      f"peak RSS of the whole-corpus run {all_jobs[2] / 1024:.0f} MB", flush=True)

print("\n## Summary (wall ratios; CPU ratios in the rows above)")
md_row, deck_row, one_row, pdf_row = rows[0], rows[1], rows[2], rows[3]
print(f"Markdown vs textlint+prh   {md_row[2][0] / md_row[1][0]:7.1f}x  (>= 150x, target 200x)")
print(f"decks vs python-pptx       {deck_row[2][0] / deck_row[1][0]:7.1f}x  (>= 40x, target 50x)")
print(f"PDFs vs pdftotext          {pdf_row[2][0] / pdf_row[1][0]:7.1f}x  (>= 5x), recall {statistics.median(recalls):.4f} (>= 0.99)")
print(f"platform 10 -> 10,000      {curve[10000][0] / curve[10][0]:7.2f}x  (<= 1.3x)")
print(f"one 28-slide deck          {one_row[1][0] * 1000:7.1f} ms (< 30 ms)")
print(f"whole corpus, all cores    {all_jobs[0]:7.2f} s, {one_job[0] / all_jobs[0]:.2f}x over --jobs 1, peak RSS {all_jobs[2] / 1024:.0f} MB")
print(f"load average at the end    {os.getloadavg()[0]:.1f}")
