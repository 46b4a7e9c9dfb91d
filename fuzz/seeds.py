#!/usr/bin/env python3
"""Fill fuzz/corpus/<target>/ with seeds (never committed: fuzz/.gitignore lists corpus/).

    python3 fuzz/seeds.py [CORPUS_DIR]     # default ../shared/corpus beside the checkout

Seeds: small files of the real-world corpus plus the repository's own fixtures; for
`ooxml_parts`, the XML parts of decks and Word files as `name NUL content NUL …`.
"""
import os, shutil, sys, zipfile

here = os.path.dirname(os.path.abspath(__file__))
repo = os.path.dirname(here)
corpus = sys.argv[1] if len(sys.argv) > 1 else os.path.join(repo, "..", "shared", "corpus")
out = os.path.join(here, "corpus")


def files(dirs, exts, limit):
    for d in dirs:
        for root, _, names in os.walk(d):
            for n in sorted(names):
                p = os.path.join(root, n)
                if n.lower().endswith(exts) and os.path.getsize(p) <= limit:
                    yield p


def copy(target, paths):
    dest = os.path.join(out, target)
    os.makedirs(dest, exist_ok=True)
    n = 0
    for p in paths:
        shutil.copy(p, os.path.join(dest, os.path.basename(p)))
        n += 1
    print(f"{target}: {n} seeds")


fx = os.path.join(repo, "fixtures")
decks = list(files([os.path.join(corpus, "pptx"), fx], (".pptx", ".pptm", ".ppsx", ".docx"), 200_000))
copy("ooxml", decks)
copy("pdf", files([os.path.join(corpus, "pdf"), fx], (".pdf",), 100_000))
copy("html", files([os.path.join(corpus, "html"), fx], (".html", ".htm"), 100_000))
md = list(files([os.path.join(corpus, "md"), fx], (".md", ".markdown"), 20_000))
copy("markdown", md[::4])
copy("platform", files([fx, os.path.join(repo, "src")], (".yaml",), 100_000))

dest = os.path.join(out, "ooxml_parts")
os.makedirs(dest, exist_ok=True)
n = 0
for p in decks:
    try:
        z = zipfile.ZipFile(p)
        blob = b""
        for i in z.infolist():
            if i.filename.endswith((".xml", ".rels")) and i.file_size < 100_000:
                data = z.read(i)
                if b"\0" not in data:
                    blob += i.filename.encode() + b"\0" + data + b"\0"
        if blob and len(blob) < 400_000:
            open(os.path.join(dest, os.path.basename(p) + ".parts"), "wb").write(blob)
            n += 1
    except Exception:
        pass
print(f"ooxml_parts: {n} seeds")
