#!/usr/bin/env python3
"""PDF quality and speed: msglint's text vs pdftotext (poppler), file by file, in one run.

    bench/pdf.sh            # installs poppler-utils if needed, builds, runs this

For every PDF in the corpus: pdftotext -enc UTF-8 (30 s timeout) and `msglint extract`;
word recall = |multiset(pdftotext words) ∩ multiset(msglint words)| / |pdftotext words|
(NFKC, lowercased, \\w+ tokens), over files where both read text and pdftotext found at
least 50 words; order = fraction of pdftotext's word bigrams also found as msglint bigrams.
Then the wall time of one `msglint check` over all files vs pdftotext run one by one.
Prints the median recall, the worst ten files, and the speed ratio.
"""
import collections
import os
import re
import statistics
import subprocess
import sys
import time
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.environ.get("CORPUS", os.path.join(ROOT, "..", "shared", "corpus", "pdf"))
MSGLINT = os.path.join(ROOT, "target", "release", "msglint")
PLATFORM = os.path.join(ROOT, "fixtures", "demo", "msglint.yaml")
WORD = re.compile(r"\w+", re.UNICODE)
SKIP_FOR_SPEED = {"pdfjs__bomb_giant.pdf"}


def words(text):
    return [w.lower() for w in WORD.findall(unicodedata.normalize("NFKC", text))]


def pdftotext(path):
    try:
        r = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True, timeout=30)
        return r.returncode, r.stdout.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return "timeout", ""


def msglint(path):
    r = subprocess.run([MSGLINT, "extract", path], capture_output=True, timeout=120)
    if r.returncode != 0:
        return r.returncode, r.stderr.decode("utf-8", "replace").strip()
    lines = []
    for line in r.stdout.decode("utf-8", "replace").split("\n"):
        m = re.match(r"^\[\d+\] (.*)$", line)
        if m:
            lines.append(m.group(1))
    return 0, "\n".join(lines)


def main():
    files = sorted(f for f in os.listdir(CORPUS) if f.lower().endswith(".pdf"))
    rows = []
    both = unread_ours = unread_theirs = 0
    for f in files:
        path = os.path.join(CORPUS, f)
        prc, ptext = pdftotext(path)
        mrc, mtext = msglint(path)
        pw, mw = words(ptext), (words(mtext) if mrc == 0 else [])
        if mrc != 0:
            unread_ours += 1
        if prc != 0:
            unread_theirs += 1
        if mrc != 0 and prc == 0 and len(pw) >= 50:
            rows.append((0.0, 0.0, f, len(pw), 0, f"msglint unreadable: {mtext[:90]}"))
            continue
        if mrc != 0 or prc != 0 or len(pw) < 50:
            continue
        both += 1
        pc, mc = collections.Counter(pw), collections.Counter(mw)
        recall = sum((pc & mc).values()) / len(pw)
        pb = collections.Counter(zip(pw, pw[1:]))
        mb = collections.Counter(zip(mw, mw[1:]))
        order = sum((pb & mb).values()) / max(1, sum(pb.values()))
        rows.append((recall, order, f, len(pw), len(mw), ""))
    rows.sort()
    recalls = [r[0] for r in rows]
    print(f"files: {len(files)}; compared (both read, >= 50 words): {len(rows)}")
    print(f"unreadable: msglint {unread_ours}, pdftotext {unread_theirs} (rc != 0 or timeout)")
    print(f"median word recall: {statistics.median(recalls):.4f}; mean {statistics.mean(recalls):.4f}")
    print(f"median bigram order agreement: {statistics.median(r[1] for r in rows):.4f}")
    print("worst ten:")
    for r in rows[:10]:
        print(f"  {r[0]:.3f} recall, {r[1]:.3f} order, {r[3]} vs {r[4]} words  {r[2]} {r[5]}")
    if "--no-speed" in sys.argv:
        return
    speed = [os.path.join(CORPUS, f) for f in files if f not in SKIP_FOR_SPEED]
    t = time.perf_counter()
    subprocess.run([MSGLINT, "check", "--platform", PLATFORM, "--format", "json", "--fail-on", "never", "-"],
                   input="\n".join(speed).encode(), capture_output=True)
    ours = time.perf_counter() - t
    t = time.perf_counter()
    for p in speed:
        try:
            subprocess.run(["pdftotext", "-enc", "UTF-8", p, "-"], capture_output=True, timeout=30)
        except subprocess.TimeoutExpired:
            pass
    theirs = time.perf_counter() - t
    print(f"speed over {len(speed)} files (bomb excluded): msglint check {ours:.2f} s, "
          f"pdftotext one by one {theirs:.2f} s, ratio {theirs / ours:.2f}x")


if __name__ == "__main__":
    main()
