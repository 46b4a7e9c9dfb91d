#!/usr/bin/env python3
"""pdftotext's reading of every corpus PDF, recorded for the recall test (the oracle).

    python3 bench/pdftotext_words.py ../shared/corpus/pdf | gzip -9n > fixtures/reference/pdftotext-words.tsv.gz

One line per PDF: file, pdftotext exit code (or "timeout"), then `word count` pairs of its
NFKC-lowercased \\w+ words, space-separated. Needs poppler-utils (pdftotext).
"""
import collections
import os
import re
import subprocess
import sys
import unicodedata

WORD = re.compile(r"\w+", re.UNICODE)
root = sys.argv[1]
for f in sorted(x for x in os.listdir(root) if x.lower().endswith(".pdf")):
    try:
        r = subprocess.run(["pdftotext", "-enc", "UTF-8", os.path.join(root, f), "-"], capture_output=True, timeout=30)
        rc, text = str(r.returncode), r.stdout.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        rc, text = "timeout", ""
    counts = collections.Counter(w.lower() for w in WORD.findall(unicodedata.normalize("NFKC", text)))
    pairs = " ".join(f"{w} {n}" for w, n in sorted(counts.items()))
    print(f"{f}\t{rc}\t{pairs}")
