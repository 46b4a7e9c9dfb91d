//! `msglint fix` (and the rep page's corrected copy): one file in, a corrected copy out, in
//! memory.
//!
//! Owns: turning the safe findings (`brand-name`, `preferred-term`, `retired-term`) of one
//! file into edits of that file's bytes. Markdown, HTML and text go through `fix::apply`
//! (the `check --fix` edits). Decks and Word files are edited inside the package: each
//! finding is located in the XML (slide text, tables, groups, notes, SmartArt data, chart
//! titles; Word body, tables, headers and footers), the replacement is made inside the text
//! nodes (`<a:t>`, `<w:t>`) so that every run keeps its formatting and no run is merged or
//! dropped, and a match through a field, a hyperlink boundary, a line break or a cell is
//! skipped with its reason. Every part that is not edited is copied as stored (raw zip copy,
//! same order, same compression); a file with nothing to change comes back byte for byte.
//! Must not: decide what is a finding (the engine does), or write anywhere.

use crate::check::Engine;
use crate::diagnostic::{Diagnostic, FIXABLE};
use crate::document::{Document, Kind, LineIndex, Scope};
use crate::extract::ooxml::{self, XmlReader, attr, entity, local};
use crate::extract::{self, Unreadable};
use quick_xml::events::{BytesStart, Event};
use std::collections::{BTreeMap, HashMap};
use std::io::{Cursor, Write};
use std::ops::Range;
use std::path::Path;

/// One replacement made.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Change {
    pub rule: &'static str,
    /// Where, in words: `slide 3, Title 1`, `slide 2 notes`, `paragraph 4`, `line 12`.
    pub place: String,
    pub before: String,
    pub after: String,
    pub fingerprint: String,
}

/// A replacement the platform suggests that was not made, and why.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Skip {
    pub rule: &'static str,
    pub place: String,
    pub matched: String,
    pub suggestion: String,
    pub reason: String,
    pub fingerprint: String,
}

/// The corrected copy of one file.
pub struct Outcome {
    pub kind: Kind,
    /// The corrected file; the input's bytes, unchanged, when nothing was changed.
    pub bytes: Vec<u8>,
    pub changes: Vec<Change>,
    pub skipped: Vec<Skip>,
    /// The findings of the input (all of them, fixed or not).
    pub diagnostics: Vec<Diagnostic>,
}

impl Outcome {
    /// Findings that remain for a person: everything not changed.
    pub fn remaining(&self) -> impl Iterator<Item = &Diagnostic> {
        let fixed: std::collections::HashSet<&str> = self
            .changes
            .iter()
            .map(|c| c.fingerprint.as_str())
            .collect();
        self.diagnostics
            .iter()
            .filter(move |d| !fixed.contains(d.fingerprint.as_str()))
    }
}

#[derive(Debug)]
pub enum FixError {
    /// The file cannot be read (the `unreadable` reason).
    Unreadable(String),
    /// A format `fix` does not write (PDF).
    Unsupported(String),
}

impl std::fmt::Display for FixError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FixError::Unreadable(r) => write!(f, "cannot read this file: {r}"),
            FixError::Unsupported(r) => f.write_str(r),
        }
    }
}

impl From<Unreadable> for FixError {
    fn from(u: Unreadable) -> Self {
        FixError::Unreadable(u.0)
    }
}

/// Where a finding is, in words.
pub fn place(d: &Diagnostic) -> String {
    let l = &d.location;
    match (l.slide, l.shape.as_deref()) {
        (Some(s), _) if l.notes == Some(true) => format!("slide {s} notes"),
        (Some(s), Some(shape)) => format!("slide {s}, {shape}"),
        (Some(s), None) => format!("slide {s}"),
        (None, Some(part)) => format!("{part}, paragraph {}", l.paragraph.unwrap_or(0)),
        (None, None) => match (l.page, l.paragraph) {
            (Some(page), Some(p)) => format!("page {page}, paragraph {p}"),
            (None, Some(p)) => format!("paragraph {p}"),
            _ => format!("line {}", l.line),
        },
    }
}

fn fixable(d: &Diagnostic) -> Option<&str> {
    d.suggestion
        .as_deref()
        .filter(|_| FIXABLE.contains(&d.rule))
}

/// Check `bytes` (a file of `kind`) and make every safe replacement, in memory. Extraction
/// and checking run under the caller's budget clock; panics are the caller's to catch.
pub fn fix_bytes(
    engine: &Engine,
    kind: Kind,
    bytes: &[u8],
    display: &str,
    rel: &Path,
) -> Result<Outcome, FixError> {
    if kind == Kind::Pdf {
        return Err(FixError::Unsupported(
            "a PDF cannot be corrected: fix the source document (deck, Word file, page) and export it again".into(),
        ));
    }
    let doc = extract::extract_bytes(kind, bytes, display.to_owned())?;
    let diagnostics = engine.check_with_facts(&doc, rel)?.diagnostics;
    let (out, changes, skipped) = match kind {
        Kind::Pptx | Kind::Docx => package(kind, bytes, &doc, &diagnostics)?,
        _ => text(bytes, &doc, &diagnostics),
    };
    Ok(Outcome {
        kind,
        bytes: out.unwrap_or_else(|| bytes.to_vec()),
        changes,
        skipped,
        diagnostics,
    })
}

type Fixed = (Option<Vec<u8>>, Vec<Change>, Vec<Skip>);

fn skip(d: &Diagnostic, reason: impl Into<String>) -> Skip {
    Skip {
        rule: d.rule,
        place: place(d),
        matched: d.matched.clone(),
        suggestion: d.suggestion.clone().unwrap_or_default(),
        reason: reason.into(),
        fingerprint: d.fingerprint.clone(),
    }
}

fn change(d: &Diagnostic, after: &str) -> Change {
    Change {
        rule: d.rule,
        place: place(d),
        before: d.matched.clone(),
        after: after.to_owned(),
        fingerprint: d.fingerprint.clone(),
    }
}

/// Markdown, HTML, text: the edits of `check --fix`, on the bytes in memory.
fn text(bytes: &[u8], doc: &Document, diags: &[Diagnostic]) -> Fixed {
    let wanted: Vec<&Diagnostic> = diags.iter().filter(|d| fixable(d).is_some()).collect();
    let Ok(before) = std::str::from_utf8(bytes) else {
        let skipped = wanted
            .iter()
            .map(|d| skip(d, "the file is not UTF-8: it is not edited"))
            .collect();
        return (None, Vec::new(), skipped);
    };
    let (after, fixed) = super::edit::apply(
        before,
        wanted.iter().copied().filter(|d| d.fix.is_some()).collect(),
    );
    let mut changes = Vec::new();
    let mut skipped = Vec::new();
    for d in wanted {
        if fixed.contains(&d.fingerprint) {
            changes.push(change(d, fixable(d).unwrap_or_default()));
            continue;
        }
        let reason = match &d.fix {
            Some(_) => "it overlaps another replacement".to_owned(),
            None => span_of(doc, &LineIndex::new(&doc.source), d)
                .and_then(|span| {
                    super::edit::unsafe_edit(
                        &doc.source,
                        span,
                        fixable(d).unwrap_or_default(),
                        d.rule,
                        &doc.keep,
                    )
                })
                .unwrap_or("the file does not hold the matched text verbatim (an entity, an escape or a line break)")
                .to_owned(),
        };
        skipped.push(skip(d, reason));
    }
    let out = (!changes.is_empty()).then(|| after.into_bytes());
    (out, changes, skipped)
}

/// The byte range of a finding in the document's source (its line/column and end).
fn span_of(doc: &Document, lines: &LineIndex, d: &Diagnostic) -> Option<Range<usize>> {
    let at = |line: u32, col: u32| -> Option<usize> {
        let start = lines.line_start(line)?;
        let rest = doc.source.get(start..)?;
        if col <= 1 {
            return Some(start);
        }
        rest.char_indices()
            .nth(col as usize - 1)
            .map(|(i, _)| start + i)
            .or_else(|| (rest.chars().count() == col as usize - 1).then_some(doc.source.len()))
    };
    let start = at(d.location.line, d.location.column)?;
    let (el, ec) = d.location.end?;
    let end = at(el, ec)?;
    (start <= end).then_some(start..end)
}

// ------------------------------------------------------------------------- packages

/// One text node (`<a:t>`, `<w:t>`) of a part.
#[derive(Debug, Clone)]
struct Node {
    /// Index of the `>` ending the start tag (where `xml:space` goes).
    tag_end: usize,
    /// The node's content in the part.
    content: Range<usize>,
    /// `xml:space="preserve"` is set (Word drops edge spaces without it).
    preserve: bool,
    /// Inside a field (a slide number, a Word field result): never edited.
    field: bool,
    /// The hyperlink the node belongs to, if any.
    link: Option<String>,
    /// Changes at every field boundary: a match never spans two zones.
    zone: u32,
    /// Word (needs `xml:space` for edge spaces) or DrawingML.
    word: bool,
}

/// Where one byte of a unit's text came from: (node, the char's bytes in the part).
type Origin = Option<(u32, u32, u32)>;

/// Text as the extractor builds it, with the origin of every byte.
#[derive(Default, Debug, Clone)]
struct Buf {
    text: String,
    map: Vec<Origin>,
}

impl Buf {
    fn push_char(&mut self, c: char, origin: Origin) {
        let c = if c.is_control() { ' ' } else { c };
        let n = self.text.len();
        self.text.push(c);
        self.map
            .extend(std::iter::repeat_n(origin, self.text.len() - n));
    }
    fn push_synthetic(&mut self, s: &str) {
        for c in s.chars() {
            self.push_char(c, None);
        }
    }
    fn append(&mut self, other: &Buf) {
        self.text.push_str(&other.text);
        self.map.extend_from_slice(&other.map);
    }
    fn trimmed(&self) -> Buf {
        let start = self.text.len() - self.text.trim_start().len();
        let end = self.text.trim_end().len().max(start);
        Buf {
            text: self.text[start..end].to_owned(),
            map: self.map[start..end].to_vec(),
        }
    }
    fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// A paragraph, table row or chart title of a part, as the extractor sees it.
#[derive(Debug)]
struct Unit {
    part: usize,
    slide: Option<u32>,
    shape: Option<String>,
    buf: Buf,
}

/// A part being scanned: its text, nodes, and the units found.
struct PartText {
    name: String,
    /// The part's text after a BOM (if any); offsets are into this.
    xml: String,
    bom: bool,
    nodes: Vec<Node>,
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Slide,
    Chart,
    Diagram,
    Word,
}

/// Text event → the unit being built, with origins when the raw text is the decoded text.
fn push_text(buf: &mut Buf, raw: &[u8], decoded: &str, start: usize, node: Option<u32>) {
    let exact = node.is_some() && raw == decoded.as_bytes();
    let mut at = start;
    for c in decoded.chars() {
        let len = c.len_utf8();
        let origin = node
            .filter(|_| exact)
            .map(|n| (n, at as u32, (at + len) as u32));
        buf.push_char(c, origin);
        at += len;
    }
}

/// What the text nodes being read are inside.
#[derive(Default)]
struct Marks {
    /// The hyperlink of the current DrawingML run.
    run_link: Option<String>,
    /// Open Word complex fields (begin … end).
    word_fields: usize,
    /// Changes at every field boundary.
    zone: u32,
}

/// An edit of a part: (part, byte range, new text).
type Edit = (usize, Range<usize>, String);

struct Scanner<'p> {
    parts: &'p mut Vec<PartText>,
    units: Vec<Unit>,
    /// (shape, relationship id, is chart) of a slide's charts and SmartArt.
    graphics: Vec<(String, String, bool)>,
}

impl Scanner<'_> {
    /// Scan one part in `mode`, adding its units (`shape` names the units of charts,
    /// SmartArt and Word headers).
    fn scan(
        &mut self,
        part: usize,
        mode: Mode,
        slide: Option<u32>,
        shape: Option<&str>,
    ) -> Result<(), Unreadable> {
        let p = &self.parts[part];
        let xml = p.xml.clone();
        let name = p.name.clone();
        let mut nodes: Vec<Node> = Vec::new();
        let mut r = XmlReader::new(xml.as_bytes(), &name);
        let mut shapes: Vec<String> = Vec::new();
        let mut para: Option<Buf> = None;
        let mut title: Option<Buf> = None;
        let mut in_t = false;
        let mut in_v = false;
        let mut in_dgm_t = false;
        let mut node: Option<u32> = None;
        let mut field_depth = 0usize; // a:fld (skipped text), Word fldSimple
        let mut skip_depth = 0usize; // mc:Fallback (and Word w:del, w:instrText, w:delText)
        let mut in_tx_body = 0usize;
        let mut row: Option<Vec<Buf>> = None;
        let mut in_cell = 0usize;
        let mut m = Marks::default();
        let mut links: Vec<String> = Vec::new();
        let mut link_seq = 0u32;
        let unit_shape = |shapes: &[String]| -> Option<String> {
            match mode {
                Mode::Slide => Some(shapes.last().cloned().unwrap_or_default()),
                _ => shape.map(str::to_owned),
            }
        };
        while let Some(ev) = r.next_event()? {
            let pos = r.position();
            match ev {
                Event::Start(e) => {
                    let name = local(&e).to_owned();
                    if skip_depth > 0 {
                        skip_depth += 1;
                        continue;
                    }
                    match (mode, name.as_str()) {
                        (Mode::Slide | Mode::Word, "Fallback") => {
                            skip_depth = 1;
                            continue;
                        }
                        (Mode::Word, "del" | "instrText" | "delText") => {
                            skip_depth = 1;
                            continue;
                        }
                        (Mode::Slide, "sp" | "grpSp" | "graphicFrame" | "pic" | "cxnSp")
                        | (Mode::Slide, "contentPart") => shapes.push(String::new()),
                        (Mode::Slide, "txBody") => in_tx_body += 1,
                        (Mode::Slide | Mode::Word, "tr") => row = Some(Vec::new()),
                        (Mode::Slide | Mode::Word, "tc") => {
                            in_cell += 1;
                            if let Some(r) = row.as_mut() {
                                r.push(Buf::default());
                            }
                        }
                        (Mode::Slide, "p") if in_tx_body > 0 || in_cell > 0 => {
                            para = Some(Buf::default())
                        }
                        (Mode::Word, "p") => para = Some(Buf::default()),
                        (Mode::Diagram, "p") if in_dgm_t => para = Some(Buf::default()),
                        (Mode::Diagram, "t") => {
                            let full: &str = e.name().0;
                            if full.starts_with("dgm:") || !full.contains(':') && !in_dgm_t {
                                in_dgm_t = true;
                            } else if para.is_some() {
                                in_t = true;
                                node = Some(node_at(
                                    &mut nodes,
                                    &e,
                                    pos,
                                    field_depth > 0,
                                    &m.run_link,
                                    m.zone,
                                ));
                            }
                        }
                        (Mode::Chart, "title") => title = Some(Buf::default()),
                        (Mode::Chart, "t") if title.is_some() => {
                            in_t = true;
                            node = Some(node_at(&mut nodes, &e, pos, false, &None, m.zone));
                        }
                        (Mode::Chart, "v") => in_v = title.is_some(),
                        (Mode::Slide | Mode::Word, "t") => {
                            in_t = true;
                            let field = field_depth > 0 || m.word_fields > 0;
                            let link = if mode == Mode::Word {
                                links.last().cloned()
                            } else {
                                m.run_link.clone()
                            };
                            node = Some(node_at(&mut nodes, &e, pos, field, &link, m.zone));
                            if let Some(n) = nodes.last_mut() {
                                n.word = mode == Mode::Word;
                            }
                        }
                        (Mode::Slide | Mode::Diagram, "fld") => {
                            field_depth += 1;
                            m.zone += 1;
                        }
                        (Mode::Slide | Mode::Diagram, "r") => m.run_link = None,
                        (Mode::Slide, "br" | "tab") => {
                            if let Some(p) = para.as_mut() {
                                p.push_synthetic(" ");
                            }
                        }
                        (Mode::Word, "fldSimple") => {
                            field_depth += 1;
                            m.zone += 1;
                        }
                        (Mode::Word, "hyperlink") => {
                            link_seq += 1;
                            links.push(format!("link{link_seq}"));
                        }
                        _ => {}
                    }
                    self.on_attrs(&e, &name, mode, &mut shapes, &mut m);
                }
                Event::Empty(e) => {
                    if skip_depth > 0 {
                        continue;
                    }
                    let name = local(&e).to_owned();
                    match (mode, name.as_str()) {
                        (Mode::Slide | Mode::Diagram, "br" | "tab") => {
                            if let Some(p) = para.as_mut() {
                                p.push_synthetic(" ");
                            }
                        }
                        (Mode::Word, "tab" | "cr") => {
                            if let Some(p) = para.as_mut() {
                                p.push_synthetic(" ");
                            }
                        }
                        (Mode::Word, "br") => {
                            if attr(&e, "w:type").is_none_or(|t| t != "page")
                                && let Some(p) = para.as_mut()
                            {
                                p.push_synthetic(" ");
                            }
                        }
                        _ => {}
                    }
                    self.on_attrs(&e, &name, mode, &mut shapes, &mut m);
                }
                Event::End(e) => {
                    let q = e.name();
                    let full: &str = q.0;
                    let name = ooxml::local_name(full);
                    if skip_depth > 0 {
                        skip_depth -= 1;
                        continue;
                    }
                    match (mode, name) {
                        (Mode::Diagram, "t") if in_t => {
                            in_t = false;
                            self.close(&mut nodes, &mut node, pos, full.len());
                        }
                        (Mode::Diagram, "t") => in_dgm_t = false,
                        (Mode::Chart, "v") => in_v = false,
                        (_, "t") => {
                            in_t = false;
                            self.close(&mut nodes, &mut node, pos, full.len());
                        }
                        (Mode::Chart, "p") => {
                            if let Some(t) = title.as_mut() {
                                t.push_synthetic(" ");
                            }
                        }
                        (Mode::Chart, "title") => {
                            if let Some(t) =
                                title.take().map(|t| t.trimmed()).filter(|t| !t.is_blank())
                            {
                                self.units.push(Unit {
                                    part,
                                    slide,
                                    shape: unit_shape(&shapes),
                                    buf: t,
                                });
                            }
                        }
                        (Mode::Slide | Mode::Diagram, "fld") => {
                            field_depth = field_depth.saturating_sub(1);
                            m.zone += 1;
                        }
                        (Mode::Slide | Mode::Diagram, "r") => m.run_link = None,
                        (Mode::Word, "fldSimple") => {
                            field_depth = field_depth.saturating_sub(1);
                            m.zone += 1;
                        }
                        (Mode::Word, "hyperlink") => {
                            links.pop();
                        }
                        (Mode::Slide, "txBody") => in_tx_body = in_tx_body.saturating_sub(1),
                        (Mode::Slide | Mode::Word | Mode::Diagram, "p") => {
                            let Some(text) = para.take() else { continue };
                            if in_cell > 0 && mode != Mode::Diagram {
                                if let Some(cell) = row.as_mut().and_then(|r| r.last_mut()) {
                                    if !cell.text.is_empty() && !text.is_blank() {
                                        cell.push_synthetic(" ");
                                    }
                                    cell.append(&text.trimmed());
                                }
                                continue;
                            }
                            if !text.is_blank() {
                                self.units.push(Unit {
                                    part,
                                    slide,
                                    shape: unit_shape(&shapes),
                                    buf: text,
                                });
                            }
                        }
                        (Mode::Slide, "tc") => in_cell = 0,
                        (Mode::Word, "tc") => in_cell = in_cell.saturating_sub(1),
                        (Mode::Slide | Mode::Word, "tr") => {
                            let Some(cells) = row.take() else { continue };
                            if cells.iter().all(Buf::is_blank) {
                                continue;
                            }
                            let mut b = Buf::default();
                            for (i, c) in cells.iter().enumerate() {
                                if i > 0 {
                                    b.push_synthetic(" | ");
                                }
                                b.append(c);
                            }
                            let shape = match mode {
                                Mode::Slide => {
                                    Some(shapes.last().cloned().unwrap_or_else(|| "Table".into()))
                                }
                                _ => shape.map(str::to_owned),
                            };
                            self.units.push(Unit {
                                part,
                                slide,
                                shape,
                                buf: b,
                            });
                        }
                        (
                            Mode::Slide,
                            "sp" | "grpSp" | "graphicFrame" | "pic" | "cxnSp" | "contentPart",
                        ) => {
                            shapes.pop();
                        }
                        _ => {}
                    }
                }
                Event::Text(t) if skip_depth == 0 => {
                    let take = match mode {
                        Mode::Slide => in_t && field_depth == 0,
                        Mode::Word | Mode::Diagram => in_t,
                        Mode::Chart => in_t || in_v,
                    };
                    let raw_s: &str = &t;
                    let raw = raw_s.as_bytes();
                    let decoded = t.xml10_content();
                    let start = pos - raw.len();
                    let target = if mode == Mode::Chart {
                        title.as_mut()
                    } else {
                        para.as_mut()
                    };
                    if take && let Some(b) = target {
                        push_text(b, raw, &decoded, start, node.filter(|_| in_t));
                    }
                }
                Event::GeneralRef(g) if skip_depth == 0 => {
                    let take = match mode {
                        Mode::Slide => in_t && field_depth == 0,
                        Mode::Word | Mode::Diagram => in_t,
                        Mode::Chart => in_t || in_v,
                    };
                    let target = if mode == Mode::Chart {
                        title.as_mut()
                    } else {
                        para.as_mut()
                    };
                    if take && let (Some(b), Some(s)) = (target, entity(&g)) {
                        let len = g.len() + 2;
                        let start = pos - len;
                        let origin = node
                            .filter(|_| in_t && s.chars().count() == 1)
                            .map(|n| (n, start as u32, pos as u32));
                        for c in s.chars() {
                            b.push_char(c, origin);
                        }
                    }
                }
                Event::CData(c) if skip_depth == 0 => {
                    if mode == Mode::Slide
                        && in_t
                        && field_depth == 0
                        && let Some(p) = para.as_mut()
                    {
                        p.push_synthetic(&c.into_inner());
                    }
                }
                _ => {}
            }
        }
        self.parts[part].nodes = nodes;
        Ok(())
    }

    /// The end tag of a text node: its content ends before `</name>`.
    fn close(&self, nodes: &mut [Node], node: &mut Option<u32>, pos: usize, name_len: usize) {
        if let Some(n) = node.take().and_then(|n| nodes.get_mut(n as usize)) {
            n.content.end = pos.saturating_sub(name_len + 3).max(n.content.start);
        }
    }

    fn on_attrs(
        &mut self,
        e: &BytesStart<'_>,
        name: &str,
        mode: Mode,
        shapes: &mut [String],
        m: &mut Marks,
    ) {
        match (mode, name) {
            (Mode::Slide, "cNvPr") => {
                if let Some(s) = shapes.last_mut()
                    && s.is_empty()
                {
                    *s = attr(e, "name").unwrap_or_default();
                }
            }
            (Mode::Slide | Mode::Diagram, "hlinkClick") if m.run_link.is_none() => {
                m.run_link = Some(attr(e, "r:id").unwrap_or_else(|| "link".into()));
            }
            (Mode::Slide, "chart") => {
                if let (Some(s), Some(id)) = (shapes.last(), attr(e, "r:id")) {
                    self.graphics.push((s.clone(), id, true));
                }
            }
            (Mode::Slide, "relIds") => {
                if let (Some(s), Some(id)) = (shapes.last(), attr(e, "r:dm")) {
                    self.graphics.push((s.clone(), id, false));
                }
            }
            (Mode::Word, "fldChar") => {
                m.zone += 1;
                match attr(e, "w:fldCharType").as_deref() {
                    Some("begin") => m.word_fields += 1,
                    Some("end") => m.word_fields = m.word_fields.saturating_sub(1),
                    _ => {}
                }
            }
            _ => {}
        }
    }
}

fn node_at(
    nodes: &mut Vec<Node>,
    e: &BytesStart<'_>,
    pos: usize,
    field: bool,
    link: &Option<String>,
    zone: u32,
) -> u32 {
    nodes.push(Node {
        tag_end: pos.saturating_sub(1),
        content: pos..pos,
        preserve: attr(e, "xml:space").is_some_and(|v| v == "preserve"),
        field,
        link: link.clone(),
        zone,
        word: false,
    });
    (nodes.len() - 1) as u32
}

/// A finding located in the extract text, to be found in the XML.
struct Want<'d> {
    diag: &'d Diagnostic,
    slide: Option<u32>,
    shape: Option<String>,
    text: String,
    occurrence: usize,
    range: Range<usize>,
    replacement: String,
}

fn read_part(
    pkg: &mut ooxml::Package<'_>,
    parts: &mut Vec<PartText>,
    index: &mut HashMap<String, usize>,
    name: &str,
) -> Result<Option<usize>, Unreadable> {
    if let Some(&i) = index.get(name) {
        return Ok(Some(i));
    }
    let Some(bytes) = pkg.read_bytes(name)? else {
        return Ok(None);
    };
    // A part that is not UTF-8 XML is never edited (its units are not found).
    let Ok(mut xml) = String::from_utf8(bytes) else {
        return Ok(None);
    };
    let bom = xml.starts_with('\u{FEFF}');
    if bom {
        xml.drain(..3);
    }
    parts.push(PartText {
        name: name.to_owned(),
        xml,
        bom,
        nodes: Vec::new(),
    });
    index.insert(name.to_owned(), parts.len() - 1);
    Ok(Some(parts.len() - 1))
}

/// Scan the parts of a deck as the extractor walks them: slides in presentation order,
/// each with its charts and SmartArt, then its notes.
fn scan_pptx(
    pkg: &mut ooxml::Package<'_>,
    parts: &mut Vec<PartText>,
) -> Result<Vec<Unit>, Unreadable> {
    let mut index = HashMap::new();
    let pres_part = "ppt/presentation.xml";
    let pres = pkg.require(pres_part)?;
    let rels = pkg.rels(pres_part)?;
    let mut order = Vec::new();
    let mut r = XmlReader::new(pres.as_bytes(), pres_part);
    while let Some(ev) = r.next_event()? {
        if let Event::Start(e) | Event::Empty(e) = &ev
            && local(e) == "sldId"
            && let Some(id) =
                attr(e, "r:id").or_else(|| attr(e, "id").filter(|v| v.starts_with("rId")))
        {
            order.push(id);
        }
    }
    let mut units = Vec::new();
    let mut slide = 0u32;
    for id in &order {
        let Some((kind, target)) = rels.get(id) else {
            continue;
        };
        if !kind.ends_with("/slide") {
            continue;
        }
        slide += 1;
        let slide_rels = pkg.rels(target)?;
        let Some(p) = read_part(pkg, parts, &mut index, target)? else {
            continue;
        };
        let mut sc = Scanner {
            parts,
            units: Vec::new(),
            graphics: Vec::new(),
        };
        sc.scan(p, Mode::Slide, Some(slide), None)?;
        let graphics = std::mem::take(&mut sc.graphics);
        units.append(&mut sc.units);
        for (shape, rid, is_chart) in graphics {
            let Some((kind, part)) = slide_rels.get(&rid) else {
                continue;
            };
            let mode = if is_chart && kind.ends_with("/chart") {
                Mode::Chart
            } else if !is_chart && kind.ends_with("/diagramData") {
                Mode::Diagram
            } else {
                continue;
            };
            let Some(p) = read_part(pkg, parts, &mut index, part)? else {
                continue;
            };
            let mut sc = Scanner {
                parts,
                units: Vec::new(),
                graphics: Vec::new(),
            };
            // A part shared by two frames is scanned once per frame, like the extractor.
            sc.scan(p, mode, Some(slide), Some(&shape))?;
            units.append(&mut sc.units);
            // SmartArt's drawing of its last layout (`dsp:dataModelExt relId`), corrected
            // along with the data so every viewer shows the new text.
            if mode == Mode::Diagram
                && let Some(rel) = drawing_rel(&parts[p].xml)
                && let Some((kind, drawing)) = slide_rels.get(&rel)
                && kind.ends_with("/diagramDrawing")
                && let Some(d) = read_part(pkg, parts, &mut index, drawing)?
            {
                let mut sc = Scanner {
                    parts,
                    units: Vec::new(),
                    graphics: Vec::new(),
                };
                sc.scan(d, Mode::Slide, Some(slide), None)?;
                for mut u in sc.units {
                    u.shape = Some(drawing_key(&shape));
                    units.push(u);
                }
            }
        }
        if let Some((_, notes)) = slide_rels
            .values()
            .find(|(k, _)| k.ends_with("/notesSlide"))
            && let Some(p) = read_part(pkg, parts, &mut index, notes)?
        {
            let mut sc = Scanner {
                parts,
                units: Vec::new(),
                graphics: Vec::new(),
            };
            sc.scan(p, Mode::Slide, Some(slide), None)?;
            units.append(&mut sc.units);
        }
    }
    Ok(units)
}

/// The key under which a SmartArt frame's drawing units are kept (never a shape name).
fn drawing_key(shape: &str) -> String {
    format!("\u{0}drawing {shape}")
}

/// The relationship id of a SmartArt data part's drawing (`<dsp:dataModelExt relId=…>`).
fn drawing_rel(xml: &str) -> Option<String> {
    let at = xml.find("dataModelExt")?;
    let rest = &xml[at..xml[at..].find('>').map_or(xml.len(), |e| at + e)];
    let v = rest.split("relId=\"").nth(1)?;
    Some(v.split('"').next()?.to_owned())
}

/// Scan a Word file's body, then its headers and footers (sorted by name).
fn scan_docx(
    pkg: &mut ooxml::Package<'_>,
    parts: &mut Vec<PartText>,
) -> Result<Vec<Unit>, Unreadable> {
    let mut index = HashMap::new();
    let mut names = vec![("word/document.xml".to_owned(), None)];
    let mut extra: Vec<String> = pkg
        .names()
        .into_iter()
        .filter(|n| {
            n.ends_with(".xml") && (n.starts_with("word/header") || n.starts_with("word/footer"))
        })
        .collect();
    extra.sort();
    for n in extra {
        let shape = n
            .trim_start_matches("word/")
            .trim_end_matches(".xml")
            .to_owned();
        names.push((n, Some(shape)));
    }
    let mut units = Vec::new();
    for (name, shape) in names {
        let Some(p) = read_part(pkg, parts, &mut index, &name)? else {
            continue;
        };
        let mut sc = Scanner {
            parts,
            units: Vec::new(),
            graphics: Vec::new(),
        };
        sc.scan(p, Mode::Word, None, shape.as_deref())?;
        units.append(&mut sc.units);
    }
    Ok(units)
}

/// Split `replacement` over the runs holding the matched text (`groups`, in order), so
/// each run keeps its formatting: the same number of characters maps one for one (a case
/// fix keeps every run's share); otherwise the common beginning and end stay where they
/// are and the changed middle goes into the run where the change starts.
fn distribute(groups: &[String], replacement: &str) -> Vec<String> {
    if groups.len() == 1 {
        return vec![replacement.to_owned()];
    }
    let mut total: Vec<char> = Vec::new();
    let mut gid: Vec<usize> = Vec::new();
    for (i, g) in groups.iter().enumerate() {
        for c in g.chars() {
            total.push(c);
            gid.push(i);
        }
    }
    let r: Vec<char> = replacement.chars().collect();
    let mut out = vec![String::new(); groups.len()];
    if total.len() == r.len() {
        for (c, g) in r.iter().zip(&gid) {
            out[*g].push(*c);
        }
        return out;
    }
    let max = total.len().min(r.len());
    let p = total
        .iter()
        .zip(&r)
        .take_while(|(a, b)| a == b)
        .count()
        .min(max);
    let s = total
        .iter()
        .rev()
        .zip(r.iter().rev())
        .take_while(|(a, b)| a == b)
        .count()
        .min(max - p);
    // A common start or end of one or two letters is a coincidence ("HelpBot" →
    // "Lumora Assist" share a "t"), not a part of the word to keep in place.
    let (p, s) = (if p < 3 { 0 } else { p }, if s < 3 { 0 } else { s });
    let (mid_start, mid_end) = (p, total.len() - s);
    let insert: String = r[p..r.len() - s].iter().collect();
    let target = if mid_start < mid_end {
        gid[mid_start]
    } else if mid_start > 0 {
        gid[mid_start - 1]
    } else {
        0
    };
    for i in 0..=total.len() {
        if i == mid_start {
            out[target].push_str(&insert);
        }
        if i < total.len() && (i < mid_start || i >= mid_end) {
            out[gid[i]].push(total[i]);
        }
    }
    out
}

fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            c => o.push(c),
        }
    }
    o
}

/// The edits (part, XML range, new text) of one finding, or why it cannot be made.
fn edits_for(
    unit: &Unit,
    parts: &[PartText],
    range: Range<usize>,
    replacement: &str,
) -> Result<Vec<Edit>, &'static str> {
    let map = unit.buf.map.get(range.clone()).ok_or("the text changed")?;
    if map.iter().any(Option::is_none) {
        return Err(
            "the match runs through a line break, a tab, a field, a table cell or text msglint does not edit",
        );
    }
    let nodes = &parts[unit.part].nodes;
    // Group the match by text node, in order.
    let mut groups: Vec<(u32, Range<usize>, Range<usize>)> = Vec::new(); // node, xml, text
    for (i, o) in map.iter().enumerate() {
        let Some((n, s, e)) = *o else { continue };
        let t = range.start + i;
        match groups.last_mut() {
            Some((gn, xml, text)) if *gn == n => {
                if (s as usize) >= xml.end {
                    xml.end = e as usize;
                }
                text.end = t + 1;
            }
            _ => {
                if groups.iter().any(|(gn, _, _)| *gn == n) {
                    return Err("the match is out of document order");
                }
                groups.push((n, s as usize..e as usize, t..t + 1));
            }
        }
    }
    let first = groups.first().ok_or("empty match")?;
    let head = nodes.get(first.0 as usize).ok_or("unknown text node")?;
    for (n, _, _) in &groups {
        let node = nodes.get(*n as usize).ok_or("unknown text node")?;
        if node.field {
            return Err("the match is inside a field (its text is computed)");
        }
        if node.zone != head.zone {
            return Err("the match runs through a field");
        }
        if node.link != head.link {
            return Err("the match runs through a hyperlink boundary");
        }
    }
    // Text of each group, on char boundaries of the unit text.
    let texts: Vec<String> = groups
        .iter()
        .map(|(_, _, t)| {
            let mut end = t.end;
            while end < unit.buf.text.len() && !unit.buf.text.is_char_boundary(end) {
                end += 1;
            }
            unit.buf.text.get(t.start..end).unwrap_or("").to_owned()
        })
        .collect();
    let new = distribute(&texts, replacement);
    Ok(groups
        .iter()
        .zip(new)
        .map(|((_, xml, _), t)| (unit.part, xml.clone(), escape(&t)))
        .collect())
}

/// A deck or Word file: locate each safe finding in the XML and edit the text nodes.
fn package(
    kind: Kind,
    bytes: &[u8],
    doc: &Document,
    diags: &[Diagnostic],
) -> Result<Fixed, FixError> {
    let mut skipped = Vec::new();
    let mut wants: Vec<Want> = Vec::new();
    // Occurrence of each (slide, shape, text) among the document's segments.
    let mut seen: HashMap<(Option<u32>, Option<String>, String), usize> = HashMap::new();
    let mut seg_occurrence = Vec::with_capacity(doc.segments.len());
    for s in &doc.segments {
        let d = s.deck.as_deref();
        let key = (
            d.and_then(|d| d.slide),
            d.and_then(|d| d.shape.clone()),
            s.text.clone(),
        );
        let n = seen.entry(key).or_insert(0);
        seg_occurrence.push(*n);
        *n += 1;
    }
    let lines = LineIndex::new(&doc.source);
    for d in diags {
        let Some(repl) = fixable(d) else { continue };
        let Some(span) = span_of(doc, &lines, d) else {
            skipped.push(skip(d, "msglint could not place this finding in the file"));
            continue;
        };
        // Segments are laid out in source order: the last one starting at or before the span.
        let at = doc.segments.partition_point(|s| {
            s.pieces
                .first()
                .is_some_and(|p| p.src as usize <= span.start)
        });
        let found = at.checked_sub(1).and_then(|i| {
            let s = doc.segments.get(i)?;
            let start = s.pieces.first()?.src as usize;
            (start <= span.start && span.end <= start + s.text.len()).then_some((i, s))
        });
        let Some((si, seg)) = found else {
            skipped.push(skip(d, "msglint could not place this finding in the file"));
            continue;
        };
        if seg.scope == Scope::Alt {
            skipped.push(skip(
                d,
                "alt text is not edited: change it in the picture's properties",
            ));
            continue;
        }
        if let Some(reason) = super::edit::unsafe_edit(&doc.source, span.clone(), repl, d.rule, &[])
        {
            skipped.push(skip(d, reason));
            continue;
        }
        let base = seg.pieces.first().map_or(0, |p| p.src as usize);
        let deck = seg.deck.as_deref();
        wants.push(Want {
            diag: d,
            slide: deck.and_then(|d| d.slide),
            shape: deck.and_then(|d| d.shape.clone()),
            text: seg.text.clone(),
            occurrence: seg_occurrence[si],
            range: span.start - base..span.end - base,
            replacement: repl.to_owned(),
        });
    }
    if wants.is_empty() {
        return Ok((None, Vec::new(), skipped));
    }
    let mut pkg = ooxml::open(
        bytes,
        if kind == Kind::Pptx {
            "PowerPoint"
        } else {
            "Word"
        },
    )?;
    let mut parts = Vec::new();
    let units = match kind {
        Kind::Pptx => scan_pptx(&mut pkg, &mut parts)?,
        _ => scan_docx(&mut pkg, &mut parts)?,
    };
    type Key<'u> = (Option<u32>, Option<&'u str>, &'u str);
    let mut by_key: HashMap<Key, Vec<&Unit>> = HashMap::new();
    for u in &units {
        by_key
            .entry((u.slide, u.shape.as_deref(), u.buf.text.as_str()))
            .or_default()
            .push(u);
    }
    let mut changes = Vec::new();
    let mut edits: Vec<Edit> = Vec::new();
    for w in &wants {
        let unit = by_key
            .get(&(w.slide, w.shape.as_deref(), w.text.as_str()))
            .and_then(|v| v.get(w.occurrence));
        let Some(unit) = unit else {
            skipped.push(skip(
                w.diag,
                "msglint could not find this text in the file's XML",
            ));
            continue;
        };
        match edits_for(unit, &parts, w.range.clone(), &w.replacement) {
            Ok(mut e) => {
                let overlaps = e.iter().any(|(p, r, _)| {
                    edits
                        .iter()
                        .any(|(q, s, _)| p == q && r.start < s.end && s.start < r.end)
                });
                if overlaps {
                    skipped.push(skip(w.diag, "it overlaps another replacement"));
                    continue;
                }
                edits.append(&mut e);
                changes.push(change(w.diag, &w.replacement));
                // The same text in the SmartArt drawing, when the drawing has it.
                if w.diag.location.slide.is_some()
                    && let Some(shape) = w.shape.as_deref()
                    && let Some(mirror) = by_key
                        .get(&(w.slide, Some(drawing_key(shape).as_str()), w.text.as_str()))
                        .and_then(|v| v.get(w.occurrence))
                    && let Ok(mut m) = edits_for(mirror, &parts, w.range.clone(), &w.replacement)
                {
                    let clash = m.iter().any(|(p, r, _)| {
                        edits
                            .iter()
                            .any(|(q, s, _)| p == q && r.start < s.end && s.start < r.end)
                    });
                    if !clash {
                        edits.append(&mut m);
                    }
                }
            }
            Err(reason) => skipped.push(skip(w.diag, reason)),
        }
    }
    if changes.is_empty() {
        return Ok((None, changes, skipped));
    }
    let mut by_part: BTreeMap<usize, Vec<(Range<usize>, String)>> = BTreeMap::new();
    for (p, r, t) in edits {
        by_part.entry(p).or_default().push((r, t));
    }
    let mut modified: HashMap<String, Vec<u8>> = HashMap::new();
    for (p, mut es) in by_part {
        let part = &parts[p];
        // Word drops a text node's edge spaces without xml:space="preserve".
        for n in part.nodes.iter().filter(|n| n.word && !n.preserve) {
            let inside: Vec<&(Range<usize>, String)> = es
                .iter()
                .filter(|(r, _)| n.content.start <= r.start && r.end <= n.content.end)
                .collect();
            if inside.is_empty() {
                continue;
            }
            let mut content = part.xml[n.content.clone()].to_owned();
            let mut sorted = inside.clone();
            sorted.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
            for (r, t) in sorted {
                content.replace_range(r.start - n.content.start..r.end - n.content.start, t);
            }
            if content.starts_with(char::is_whitespace) || content.ends_with(char::is_whitespace) {
                es.push((n.tag_end..n.tag_end, " xml:space=\"preserve\"".to_owned()));
            }
        }
        es.sort_by_key(|(r, _)| std::cmp::Reverse((r.start, r.end)));
        let mut xml = part.xml.clone();
        for (r, t) in es {
            if xml.is_char_boundary(r.start) && xml.is_char_boundary(r.end) && r.end <= xml.len() {
                xml.replace_range(r, &t);
            }
        }
        let mut out = Vec::with_capacity(xml.len() + 3);
        if part.bom {
            out.extend_from_slice("\u{FEFF}".as_bytes());
        }
        out.extend_from_slice(xml.as_bytes());
        modified.insert(part.name.clone(), out);
    }
    let out = rezip(bytes, &modified)
        .map_err(|e| FixError::Unreadable(format!("cannot rewrite the package: {e}")))?;
    Ok((Some(out), changes, skipped))
}

/// The package again, entry by entry in the same order: edited parts recompressed with
/// their own method and time stamp, every other entry copied raw.
fn rezip(bytes: &[u8], modified: &HashMap<String, Vec<u8>>) -> zip::result::ZipResult<Vec<u8>> {
    let mut src = zip::ZipArchive::new(Cursor::new(bytes))?;
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(bytes.len() + 4096)));
    for i in 0..src.len() {
        let f = src.by_index_raw(i)?;
        let name = f.name()?.into_owned();
        if let Some(data) = modified.get(&name) {
            let method = match f.compression() {
                zip::CompressionMethod::Stored => zip::CompressionMethod::Stored,
                _ => zip::CompressionMethod::Deflated,
            };
            let mut opts = zip::write::SimpleFileOptions::default()
                .compression_method(method)
                .large_file(data.len() as u64 >= u32::MAX as u64);
            if let Some(t) = f.last_modified() {
                opts = opts.last_modified_time(t);
            }
            drop(f);
            w.start_file(name, opts)?;
            w.write_all(data)?;
        } else {
            w.raw_copy_file(f)?;
        }
    }
    Ok(w.finish()?.into_inner())
}

/// `msglint fix INPUT -o OUTPUT`: exit 0 when the copy was written (or, with `--dry-run`,
/// shown), 2 when the input cannot be read or the output cannot be written.
pub fn run(args: &crate::cli::FixArgs) -> Result<(), crate::engine::Failure> {
    use std::io::IsTerminal;
    let fail = |msg: String| Err(crate::engine::Failure::Message(msg));
    let input = &args.input;
    let Some(kind) = Kind::from_path(input) else {
        return fail(format!(
            "{}: not a file msglint can correct (.pptx, .docx, .md, .html or .txt)",
            input.display()
        ));
    };
    if let Some(out) = &args.output {
        let same = match (std::fs::canonicalize(input), std::fs::canonicalize(out)) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        if same {
            return fail(format!(
                "{} is the input: msglint fix never writes its input; choose another -o",
                out.display()
            ));
        }
    }
    if !(args.timeout > 0.0 && args.timeout.is_finite()) {
        return fail(format!(
            "--timeout must be a positive number of seconds, not {}",
            args.timeout
        ));
    }
    let display = input.to_string_lossy().into_owned();
    let loaded = crate::engine::find_and_load(
        args.platform.as_deref(),
        Some(&display),
        std::io::stderr().is_terminal(),
    )?;
    crate::budget::set_limit(std::time::Duration::from_secs_f64(args.timeout));
    let engine = Engine::new(loaded);
    let rel = engine.platform_relative(input);
    let meta = match std::fs::metadata(input) {
        Ok(m) => m,
        Err(e) => return fail(format!("cannot read {}: {e}", input.display())),
    };
    if meta.len() > extract::MAX_CONTAINER_BYTES {
        return fail(format!(
            "{}: too large ({} bytes)",
            input.display(),
            meta.len()
        ));
    }
    let bytes = match std::fs::read(input) {
        Ok(b) => b,
        Err(e) => return fail(format!("cannot read {}: {e}", input.display())),
    };
    let outcome = {
        let _clock = crate::budget::start();
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            fix_bytes(&engine, kind, &bytes, &display, &rel)
        }))
        .unwrap_or_else(|_| {
            Err(FixError::Unreadable(
                "internal error while correcting this file".into(),
            ))
        })
    };
    let outcome = match outcome {
        Ok(o) => o,
        Err(e) => return fail(format!("{}: {e}", input.display())),
    };
    let mut out = std::io::stdout().lock();
    if args.report || args.dry_run {
        for c in &outcome.changes {
            let _ = writeln!(
                out,
                "{}: \"{}\" → \"{}\" ({})",
                c.place, c.before, c.after, c.rule
            );
        }
        for s in &outcome.skipped {
            let _ = writeln!(
                out,
                "skipped {}: \"{}\" → \"{}\" ({}): {}",
                s.place, s.matched, s.suggestion, s.rule, s.reason
            );
        }
    }
    let people = outcome.remaining().count();
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let n = plural(outcome.changes.len(), "replacement", "replacements");
    let skipped = outcome.skipped.len();
    let people = plural(people, "finding needs", "findings need");
    if args.dry_run {
        eprintln!(
            "msglint: {n} would be made in {}; {skipped} skipped; {people} a person (dry run: nothing written)",
            input.display()
        );
        return Ok(());
    }
    let Some(path) = &args.output else {
        return fail("-o OUTPUT is required without --dry-run".into());
    };
    if let Err(e) = super::edit::write_atomic_bytes(path, &outcome.bytes) {
        return fail(format!("cannot write {}: {e}", path.display()));
    }
    eprintln!(
        "msglint: wrote {} with {n}; {skipped} skipped; {people} a person",
        path.display()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(groups: &[&str], r: &str) -> Vec<String> {
        let g: Vec<String> = groups.iter().map(|s| s.to_string()).collect();
        distribute(&g, r)
    }

    #[test]
    fn replacements_keep_each_run_share() {
        // Same length: one for one.
        assert_eq!(d(&["LU", "MO", "RA"], "Lumora"), ["Lu", "mo", "ra"]);
        // A suffix dropped: each run keeps its part of the name.
        assert_eq!(d(&["Lum", "ora", "AI"], "Lumora"), ["Lum", "ora", ""]);
        // An insertion goes where the change is.
        assert_eq!(d(&["help", "desk"], "help desk"), ["help ", "desk"]);
        // Nothing in common: all in the first run, the others emptied (never removed).
        assert_eq!(d(&["Help", "Bot"], "Lumora Assist"), ["Lumora Assist", ""]);
        assert_eq!(d(&["Lumora", " AI"], "Lumora"), ["Lumora", ""]);
        assert_eq!(d(&["x"], "y"), ["y"]);
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(escape("A & B <c>"), "A &amp; B &lt;c&gt;");
    }
}
