#!/usr/bin/env python3
"""Opens decks and Word files with python-pptx / python-docx (real readers) and prints, as
one JSON object, each file's text by place: {"path": {"slide 1, Title 1": "text", ...}} or
{"path": {"error": "..."}}. Used by the `msglint fix` tests to check that a corrected copy
opens and that every shape not changed by a fix has the same text.
"""
import json
import sys


def shape_texts(shapes, prefix, out):
    for sh in shapes:
        if sh.shape_type == 6 and hasattr(sh, "shapes"):  # group
            shape_texts(sh.shapes, prefix, out)
            continue
        key = f"{prefix}, {sh.name}"
        parts = []
        if sh.has_text_frame:
            parts.append("\n".join(p.text for p in sh.text_frame.paragraphs))
        if getattr(sh, "has_table", False) and sh.has_table:
            for row in sh.table.rows:
                parts.append(" | ".join(c.text for c in row.cells))
        if parts:
            out[key] = out.get(key, "") + "\n".join(parts)


def pptx_text(path):
    from pptx import Presentation
    prs = Presentation(path)
    out = {}
    for i, slide in enumerate(prs.slides, 1):
        shape_texts(slide.shapes, f"slide {i}", out)
        if slide.has_notes_slide:
            tf = slide.notes_slide.notes_text_frame
            if tf is not None:
                out[f"slide {i} notes"] = tf.text
    return out


def docx_text(path):
    import docx
    d = docx.Document(path)
    out = {}
    for i, p in enumerate(d.paragraphs, 1):
        out[f"paragraph {i}"] = p.text
    for t, table in enumerate(d.tables, 1):
        for r, row in enumerate(table.rows, 1):
            out[f"table {t} row {r}"] = " | ".join(c.text for c in row.cells)
    for s, section in enumerate(d.sections, 1):
        out[f"section {s} header"] = "\n".join(p.text for p in section.header.paragraphs)
    return out


def main():
    result = {}
    for path in sys.argv[1:]:
        try:
            result[path] = docx_text(path) if path.endswith(".docx") else pptx_text(path)
        except Exception as e:  # noqa: BLE001 - report any failure to open
            result[path] = {"error": f"{type(e).__name__}: {e}"}
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
