#!/usr/bin/env python3
"""pdftotext's reading of every corpus PDF, recorded for the recall test (the oracle).

    python3 bench/pdftotext_words.py ../shared/corpus/pdf | gzip -9n > fixtures/reference/pdftotext-words.tsv.gz
    python3 bench/pdftotext_words.py --cjk-chars fixtures/formats/pdf > fixtures/reference/pdftotext-fixture-words.tsv

One line per PDF: file, pdftotext exit code (or "timeout"), then `word count` pairs of its
NFKC-lowercased \\w+ words, space-separated. Needs poppler-utils (pdftotext).
With --cjk-chars every CJK ideograph, kana or Hangul syllable is a word of its own (text in
those scripts has no spaces, and pdftotext reads a vertical page character by character),
as the fixture recall test in tests/cli/pdf.rs counts them.
"""
import collections
import os
import re
import subprocess
import sys
import unicodedata

WORD = re.compile(r"\w+", re.UNICODE)
CJK = re.compile("([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff])")
args = sys.argv[1:]
cjk_chars = "--cjk-chars" in args
root = [a for a in args if a != "--cjk-chars"][0]
for f in sorted(x for x in os.listdir(root) if x.lower().endswith(".pdf")):
    try:
        r = subprocess.run(["pdftotext", "-enc", "UTF-8", os.path.join(root, f), "-"], capture_output=True, timeout=30)
        rc, text = str(r.returncode), r.stdout.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        rc, text = "timeout", ""
    text = unicodedata.normalize("NFKC", text)
    if cjk_chars:
        text = CJK.sub(r" \1 ", text)
    counts = collections.Counter(w.lower() for w in WORD.findall(text))
    pairs = " ".join(f"{w} {n}" for w, n in sorted(counts.items()))
    print(f"{f}\t{rc}\t{pairs}")
