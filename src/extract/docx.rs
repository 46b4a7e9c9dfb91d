//! Word (.docx) → `Document` on the same OOXML machinery as decks.
//!
//! Owns: body paragraphs in order, tables (a row is one segment, cells joined by ` | `),
//! text boxes, headers and footers; tracked insertions kept, deletions and field codes
//! skipped, `mc:Fallback` skipped, comments excluded. Locator: the paragraph index (body
//! paragraphs counted from 1; headers/footers per part) and the page where the document
//! says (explicit page breaks and Word's last-rendered page breaks). Must not: match.

use super::Unreadable;
use super::dump::{Raw, layout};
use super::ooxml::{self, XmlReader, attr, entity, local};
use crate::document::{DeckLoc, Kind, Scope};
use quick_xml::events::Event;

pub fn extract(path: String, bytes: &[u8]) -> Result<crate::document::Document, Unreadable> {
    let mut pkg = ooxml::open(bytes, "Word")?;
    let main = "word/document.xml";
    let xml = pkg.require_bytes(main)?;
    let mut raws = Vec::new();
    let pages = ooxml::parse(xml, |xml| {
        raws.clear();
        walk(xml, main, None, &mut raws)
    })?;
    let mut extra: Vec<String> = pkg
        .names()
        .into_iter()
        .filter(|n| {
            n.starts_with("word/")
                && n.ends_with(".xml")
                && (n.starts_with("word/header") || n.starts_with("word/footer"))
        })
        .collect();
    extra.sort();
    for part in extra {
        if let Some(x) = pkg.read_bytes(&part)? {
            let name = part
                .trim_start_matches("word/")
                .trim_end_matches(".xml")
                .to_owned();
            let kept = raws.len();
            ooxml::parse(x, |x| {
                raws.truncate(kept);
                walk(x, &part, Some(&name), &mut raws)
            })?;
        }
    }
    let paras = raws.len();
    let date = ooxml::modified(&mut pkg, None);
    let mut summary = format!(
        "{}, {}",
        super::count(paras, "paragraph", "paragraphs"),
        super::count(pages as usize, "page", "pages")
    );
    if let Some(d) = &date {
        summary.push_str(&format!(", modified {d}"));
    }
    let mut doc = layout(path, Kind::Docx, &summary, raws);
    doc.date = date;
    Ok(doc)
}

/// Streams one part; returns the number of pages seen (1 + page breaks).
fn walk(
    xml: &[u8],
    part: &str,
    shape: Option<&str>,
    out: &mut Vec<Raw>,
) -> Result<u32, Unreadable> {
    let mut r = XmlReader::new(xml, part);
    let mut page = 1u32;
    let mut paragraph = 0u32;
    let mut para: Option<String> = None;
    let mut in_t = false;
    let mut skip = 0usize; // inside w:del, w:instrText, mc:Fallback
    let mut row: Option<Vec<String>> = None;
    let mut cell_depth = 0usize;
    let mut heading = false;
    let push = |out: &mut Vec<Raw>, text: String, scope: Scope, paragraph: u32, page: u32| {
        out.push(Raw {
            text,
            scope,
            loc: DeckLoc {
                shape: shape.map(str::to_owned),
                paragraph: Some(paragraph),
                page: shape.is_none().then_some(page),
                ..DeckLoc::default()
            },
        });
    };
    while let Some(ev) = r.next_event()? {
        match ev {
            Event::Start(e) => {
                let name = local(&e);
                if skip > 0 {
                    skip += 1;
                    continue;
                }
                match name {
                    "del" | "instrText" | "Fallback" | "delText" => skip = 1,
                    "p" => {
                        para = Some(String::new());
                        heading = false;
                    }
                    "t" => in_t = true,
                    "tr" => row = Some(Vec::new()),
                    "tc" => {
                        cell_depth += 1;
                        if let Some(r) = row.as_mut() {
                            r.push(String::new());
                        }
                    }
                    _ => {}
                }
            }
            Event::Empty(e) => {
                if skip > 0 {
                    continue;
                }
                match local(&e) {
                    "tab" | "cr" => {
                        if let Some(p) = para.as_mut() {
                            p.push(' ');
                        }
                    }
                    "br" => {
                        if attr(&e, "w:type").is_some_and(|t| t == "page") {
                            page += 1;
                        } else if let Some(p) = para.as_mut() {
                            p.push(' ');
                        }
                    }
                    "lastRenderedPageBreak" => page += 1,
                    "pStyle" => {
                        heading = attr(&e, "w:val")
                            .is_some_and(|v| v.starts_with("Heading") || v == "Title")
                    }
                    _ => {}
                }
            }
            Event::End(e) => {
                let q = e.name();
                let full: &str = q.0;
                let name = ooxml::local_name(full);
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                match name {
                    "t" => in_t = false,
                    "p" => {
                        let Some(text) = para.take() else { continue };
                        if cell_depth > 0 {
                            if let Some(cell) = row.as_mut().and_then(|r| r.last_mut()) {
                                if !cell.is_empty() && !text.trim().is_empty() {
                                    cell.push(' ');
                                }
                                cell.push_str(text.trim());
                            }
                            continue;
                        }
                        paragraph += 1;
                        if !text.trim().is_empty() {
                            let scope = if heading { Scope::Heading } else { Scope::Body };
                            push(out, text, scope, paragraph, page);
                        }
                    }
                    "tc" => cell_depth = cell_depth.saturating_sub(1),
                    "tr" => {
                        if let Some(cells) = row.take() {
                            paragraph += 1;
                            if cells.iter().any(|c| !c.trim().is_empty()) {
                                push(out, cells.join(" | "), Scope::TableRow, paragraph, page);
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_t && skip == 0 => {
                if let Some(p) = para.as_mut() {
                    p.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(g) if in_t && skip == 0 => {
                if let (Some(p), Some(s)) = (para.as_mut(), entity(&g)) {
                    p.push_str(&s);
                }
            }
            _ => {}
        }
    }
    Ok(page)
}
