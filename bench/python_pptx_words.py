#!/usr/bin/env python3
"""Reference reading of decks with python-pptx (the coverage oracle for msglint's extractor).

For every deck in DIR, walks slides → shapes (groups at any depth) → text frames, tables,
and the notes slide's notes text frame, exactly what python-pptx exposes, and prints one TSV
line per deck: file, status (ok | error: reason), and the words found (lowercased \\w+ tokens,
space-separated). With --time, prints only the wall time of reading every deck.

    python3 bench/python_pptx_words.py ../shared/corpus/pptx > fixtures/reference/python-pptx-words.tsv
"""
import os
import re
import sys
import time

from pptx import Presentation
from pptx.util import Emu  # noqa: F401  (import check: python-pptx is installed)

WORD = re.compile(r"\w+", re.UNICODE)


def shape_texts(shape):
    if shape.shape_type == 6 or hasattr(shape, "shapes") and not getattr(shape, "has_text_frame", False):
        try:
            for s in shape.shapes:
                yield from shape_texts(s)
        except AttributeError:
            pass
    if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
        for p in shape.text_frame.paragraphs:
            yield p.text
    if getattr(shape, "has_table", False) and shape.has_table:
        for row in shape.table.rows:
            for cell in row.cells:
                yield cell.text


def deck_texts(path):
    prs = Presentation(path)
    for slide in prs.slides:
        for shape in slide.shapes:
            yield from shape_texts(shape)
        if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None:
            yield slide.notes_slide.notes_text_frame.text


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    timing = "--time" in sys.argv
    root = args[0]
    files = sorted(f for f in os.listdir(root) if f.lower().endswith((".pptx", ".pptm", ".potx", ".ppsx")))
    start = time.perf_counter()
    out = []
    for f in files:
        try:
            words = [w.lower() for t in deck_texts(os.path.join(root, f)) for w in WORD.findall(t)]
            out.append(f"{f}\tok\t{' '.join(words)}")
        except Exception as e:  # python-pptx refuses the deck
            reason = str(e).replace("\t", " ").replace("\n", " ")[:120]
            out.append(f"{f}\terror: {type(e).__name__}: {reason}\t")
    elapsed = time.perf_counter() - start
    if timing:
        print(f"{elapsed:.4f}")
    else:
        print("\n".join(out))


if __name__ == "__main__":
    main()
