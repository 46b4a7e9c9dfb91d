//! One in-memory document (an editor's buffer, an upload): extract → check, with the same
//! isolation as a file of `check` (its own time budget, a panic becomes `unreadable`), and
//! every finding placed by exact byte range and by UTF-16 (line, character) range, as the
//! Language Server Protocol counts them.

use crate::check::{Engine, Fact};
use crate::diagnostic::{Confidence, Diagnostic, Location, Severity};
use crate::document::{Kind, LineIndex};
use crate::extract::{self, Unreadable};
use std::ops::Range;
use std::path::Path;

/// A position as LSP counts it: 0-based line, 0-based UTF-16 code units into the line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Utf16Pos {
    pub line: u32,
    pub character: u32,
}

/// A finding of one document, placed.
#[derive(Clone, Debug)]
pub struct Finding {
    pub diagnostic: Diagnostic,
    /// Bytes of the document's source (for decks, Word files and PDFs: of the `msglint
    /// extract` text, see `DocumentFindings::source`).
    pub bytes: Range<usize>,
    pub start: Utf16Pos,
    pub end: Utf16Pos,
}

/// What checking one document gives.
#[derive(Debug, Default)]
pub struct DocumentFindings {
    /// In document order.
    pub findings: Vec<Finding>,
    /// The facts the cross-file steps compare (see `engine::cross_file`).
    pub facts: Vec<Fact>,
    /// Why the document could not be read (then `findings` holds the one `unreadable`).
    pub unreadable: Option<String>,
    /// The text the ranges count in: the source for Markdown, HTML, text and web sources;
    /// the `msglint extract` text for decks, Word files and PDFs.
    pub source: String,
    pub kind: Option<Kind>,
    /// Findings an `Engine::max_findings` cap counted but did not list.
    pub omitted: crate::diagnostic::Counts,
}

/// Check `bytes` as a document of `kind`. `display` is the path findings name; `path` the
/// file's path, which decides the asset type, severities and exceptions as for `check`: an
/// absolute path is made relative to the platform's directory, a relative one is taken as
/// relative to it already (an upload's name).
pub fn check_document(
    engine: &Engine,
    kind: Kind,
    bytes: &[u8],
    display: &str,
    path: &Path,
) -> DocumentFindings {
    let _clock = crate::budget::start();
    let rel = if path.is_absolute() {
        engine.platform_relative(path)
    } else {
        path.to_path_buf()
    };
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        extract::extract_bytes(kind, bytes, display.to_owned()).and_then(|doc| {
            let checked = engine.check_with_facts(&doc, &rel)?;
            if crate::budget::over() {
                return Err(Unreadable(crate::budget::reason()));
            }
            Ok((doc, checked))
        })
    }))
    .unwrap_or_else(|_| Err(Unreadable("internal error while checking this file".into())));
    match result {
        Ok((doc, checked)) => {
            let lines = doc.lines();
            let findings = checked
                .diagnostics
                .into_iter()
                .map(|d| place(d, &doc.source, lines))
                .collect();
            DocumentFindings {
                findings,
                facts: checked.facts,
                unreadable: None,
                source: doc.source,
                kind: Some(kind),
                omitted: checked.omitted,
            }
        }
        Err(Unreadable(reason)) => {
            let diagnostic = unreadable(engine, display, path, &rel, &reason);
            DocumentFindings {
                findings: vec![Finding {
                    diagnostic,
                    bytes: 0..0,
                    start: Utf16Pos::default(),
                    end: Utf16Pos::default(),
                }],
                facts: Vec::new(),
                unreadable: Some(reason),
                source: String::new(),
                kind: Some(kind),
                omitted: Default::default(),
            }
        }
    }
}

/// The finding for a file that cannot be read: at its first line, with the reason; its
/// severity the platform's for `unreadable` under the file's path (`rel`).
pub fn unreadable(
    engine: &Engine,
    display: &str,
    path: &Path,
    rel: &Path,
    reason: &str,
) -> Diagnostic {
    let severity = crate::rules::lookup("unreadable")
        .and_then(|r| engine.severity(r, rel))
        .unwrap_or(Severity::Error);
    Diagnostic {
        rule: "unreadable",
        severity,
        confidence: Confidence::High,
        path: display.to_owned(),
        location: Location {
            line: 1,
            column: 1,
            ..Location::default()
        },
        matched: String::new(),
        message: format!("cannot read this file: {reason}"),
        suggestion: None,
        help: None,
        platform_ref: None,
        fingerprint: crate::diagnostic::fnv64(&[
            "v2",
            "unreadable",
            &engine.fingerprint_path(path),
        ]),
        excerpt: None,
        chrome: false,
        fix: None,
        related: Vec::new(),
    }
}

/// A diagnostic of a document whose source is `source`, placed by bytes and UTF-16.
pub fn place(d: Diagnostic, source: &str, lines: &LineIndex) -> Finding {
    let start = d
        .fix
        .as_ref()
        .map(|f| f.span.start)
        .unwrap_or_else(|| byte_at(source, lines, d.location.line, d.location.column));
    let end = match (&d.fix, d.location.end) {
        (Some(f), _) => f.span.end,
        (None, Some((l, c))) => byte_at(source, lines, l, c),
        (None, None) => source
            .get(start..)
            .filter(|rest| !d.matched.is_empty() && rest.starts_with(d.matched.as_str()))
            .map_or(start, |_| start + d.matched.len()),
    }
    .max(start);
    Finding {
        start: utf16_pos(source, lines, start),
        end: utf16_pos(source, lines, end),
        bytes: start..end,
        diagnostic: d,
    }
}

/// The byte offset of 1-based (`line`, `column` in characters), clamped to the line.
pub fn byte_at(source: &str, lines: &LineIndex, line: u32, column: u32) -> usize {
    let Some(ls) = lines.line_start(line.max(1)) else {
        return source.len();
    };
    let le = lines.line_end(source, line.max(1)).max(ls);
    let text = source.get(ls..le).unwrap_or("");
    let skip = column.saturating_sub(1) as usize;
    ls + text.char_indices().nth(skip).map_or(text.len(), |(i, _)| i)
}

/// The UTF-16 position of byte `offset` of `source` (inside a character: its start).
pub fn utf16_pos(source: &str, lines: &LineIndex, offset: usize) -> Utf16Pos {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let (line, _) = lines.line_col(source, offset);
    let ls = lines.line_start(line).unwrap_or(0).min(offset);
    let character: usize = source[ls..offset].chars().map(char::len_utf16).sum();
    Utf16Pos {
        line: line - 1,
        character: character as u32,
    }
}

/// The byte offset of a UTF-16 position (past the line's end: its end; past the last
/// line: the end of `source`; inside a surrogate pair: the character's start).
pub fn utf16_offset(source: &str, lines: &LineIndex, pos: Utf16Pos) -> usize {
    let Some(ls) = lines.line_start(pos.line + 1) else {
        return source.len();
    };
    let le = lines.line_end(source, pos.line + 1).max(ls);
    let mut units = 0usize;
    for (i, c) in source[ls..le].char_indices() {
        if units + c.len_utf16() > pos.character as usize {
            return ls + i;
        }
        units += c.len_utf16();
    }
    le
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> Engine {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        Engine::new(crate::platform::load(&root.join("fixtures/demo/msglint.yaml")).unwrap())
    }

    #[test]
    fn findings_are_placed_by_bytes_and_utf16_in_the_source() {
        let engine = demo();
        // An entity inside the match: no fix, placed from its location; an emoji before.
        let html = "<p>🎉 We use Help&#66;ot and HelpBot daily.</p>\n";
        let r = check_document(
            &engine,
            Kind::Html,
            html.as_bytes(),
            "a.html",
            Path::new("a.html"),
        );
        assert_eq!(r.unreadable, None);
        let placed: Vec<(&str, &str, u32, u32)> = r
            .findings
            .iter()
            .map(|f| {
                (
                    f.diagnostic.rule,
                    &html[f.bytes.clone()],
                    f.start.character,
                    f.end.character,
                )
            })
            .collect();
        assert_eq!(
            placed,
            [
                ("retired-term", "Help&#66;ot", 13, 24),
                ("retired-term", "HelpBot", 29, 36)
            ]
        );
        assert!(r.findings[0].diagnostic.fix.is_none() && r.findings[1].diagnostic.fix.is_some());
        // Unreadable: one finding at the start, the reason kept.
        let r = check_document(
            &engine,
            Kind::Markdown,
            b"ok \xc3\x28 bad",
            "b.md",
            Path::new("b.md"),
        );
        assert!(r.unreadable.is_some());
        assert_eq!(r.findings.len(), 1);
        assert_eq!(r.findings[0].diagnostic.rule, "unreadable");
    }

    #[test]
    fn utf16_positions_count_surrogate_pairs_as_two() {
        let s = "a\n🎉 é x\n";
        let lines = LineIndex::new(s);
        let x = s.find('x').unwrap();
        assert_eq!(
            utf16_pos(s, &lines, x),
            Utf16Pos {
                line: 1,
                character: 5
            }
        );
        assert_eq!(
            utf16_offset(
                s,
                &lines,
                Utf16Pos {
                    line: 1,
                    character: 5
                }
            ),
            x
        );
        // Inside the pair: the emoji's start; past the line: its end; past the text: the end.
        assert_eq!(
            utf16_offset(
                s,
                &lines,
                Utf16Pos {
                    line: 1,
                    character: 1
                }
            ),
            2
        );
        assert_eq!(
            utf16_offset(
                s,
                &lines,
                Utf16Pos {
                    line: 0,
                    character: 9
                }
            ),
            1
        );
        assert_eq!(
            utf16_offset(
                s,
                &lines,
                Utf16Pos {
                    line: 7,
                    character: 0
                }
            ),
            s.len()
        );
        assert_eq!(byte_at(s, &lines, 2, 5), x);
    }
}
