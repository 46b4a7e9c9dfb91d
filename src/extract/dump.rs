//! The `msglint extract` text of decks, Word files and PDFs, which is also their
//! `Document::source`: every segment is laid out on its own line(s) under a locator, and its
//! pieces point into this text, so line/column, excerpts and snippets work as for Markdown.
//!
//! Owns: the layout of that text. Must not: parse formats.

use crate::document::{DeckLoc, Document, Kind, Scope, Segment};

/// A segment before it is laid out in the extract text.
#[derive(Debug)]
pub struct Raw {
    pub text: String,
    pub scope: Scope,
    pub loc: DeckLoc,
}

/// Lay the segments out as the `msglint extract` text and point each segment into it.
pub fn layout(path: String, kind: Kind, summary: &str, raws: Vec<Raw>) -> Document {
    let mut source = format!("# {path} ({}, {summary})\n", kind.as_str());
    let mut segments = Vec::with_capacity(raws.len());
    let mut current_slide = None;
    for raw in raws {
        let text = blank_controls(raw.text);
        if text.trim().is_empty() {
            continue;
        }
        // Written straight into `source` (no `String` per label), and the text moved into
        // its segment rather than copied.
        use std::fmt::Write;
        if raw.loc.slide.is_some() && raw.loc.slide != current_slide {
            current_slide = raw.loc.slide;
            let _ = write!(
                source,
                "\n## slide {}{}\n",
                raw.loc.slide.unwrap_or(0),
                if raw.loc.hidden { " (hidden)" } else { "" }
            );
        }
        source.push('[');
        source.push_str(raw.scope.as_str());
        source.push(']');
        if let Some(shape) = raw.loc.shape.as_deref().filter(|s| !s.is_empty()) {
            source.push(' ');
            source.push_str(shape);
        }
        if let Some(p) = raw.loc.paragraph {
            let _ = write!(source, " ¶{p}");
        }
        source.push_str(": ");
        let at = source.len();
        source.push_str(&text);
        source.push('\n');
        let mut seg = Segment::new(raw.scope);
        seg.push_exact(&text, at);
        seg.deck = Some(Box::new(raw.loc));
        segments.push(seg);
    }
    Document::new(path, kind, source, segments)
}

/// `text` with every control character (Unicode `Cc`: U+0000–U+001F, U+007F–U+009F) as a
/// space. Text without any (no byte below 0x20, no 0x7F, no 0xC2 lead byte of U+0080–
/// U+00FF) is returned as it is, without a copy.
fn blank_controls(text: String) -> String {
    if !text.bytes().any(|b| b < 0x20 || b == 0x7F || b == 0xC2) {
        return text;
    }
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Lay PDF paragraphs out page by page, one extract line per PDF line (`[n] text`, `n` the
/// line on the page); a paragraph's lines are joined by `\n` in its segment. `problems`
/// (pages that could not be read) are listed under the header.
pub fn layout_pdf(path: String, summary: &str, raws: Vec<Raw>, problems: &[String]) -> Document {
    let mut source = format!("# {path} (pdf, {summary})\n");
    for p in problems {
        source.push_str(&format!("! {p}\n"));
    }
    let mut segments = Vec::with_capacity(raws.len());
    let mut current_page = None;
    for raw in raws {
        if raw.loc.page != current_page {
            current_page = raw.loc.page;
            source.push_str(&format!("\n## page {}\n", raw.loc.page.unwrap_or(0)));
        }
        let first = raw.loc.paragraph.unwrap_or(1);
        let mut seg = Segment::new(raw.scope);
        for (i, line) in raw.text.split('\n').enumerate() {
            let line: String = line
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            if i > 0 {
                seg.push_synthetic("\n");
            }
            source.push_str(&format!("[{}] ", first + i as u32));
            seg.push_exact(&line, source.len());
            source.push_str(&line);
            source.push('\n');
        }
        seg.deck = Some(Box::new(raw.loc));
        segments.push(seg);
    }
    Document::new(path, Kind::Pdf, source, segments)
}

#[cfg(test)]
mod tests {
    use super::blank_controls;

    #[test]
    fn control_characters_become_spaces() {
        assert_eq!(blank_controls("plain café ü".into()), "plain café ü");
        assert_eq!(
            blank_controls("a\tb\u{7f}c\u{85}d\u{a0}é".into()),
            "a b c d\u{a0}é"
        );
        assert_eq!(blank_controls("\u{b}".into()), " ");
    }
}
