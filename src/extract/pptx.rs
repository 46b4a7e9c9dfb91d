//! PowerPoint (.pptx .pptm .potx .ppsx) → `Document`, streaming every slide part once.
//!
//! Owns: slide order (presentation.xml slide list + relationships, never file names),
//! hidden slides, every `a:p` of every shape including groups at any depth, tables (a row
//! is one segment, cells joined by ` | `), SmartArt data parts, chart titles, speaker notes
//! (the notes body placeholder), alt text (`descr`), slide titles, `mc:AlternateContent`
//! (Choice read, Fallback skipped), fields (slide numbers, dates) skipped. The document's
//! `source` is the `msglint extract` text, so line/column point into it. Must not: match.

use super::Unreadable;
use super::dump::{Raw, layout};
use super::ooxml::{self, XmlReader, attr, entity, local};
use crate::document::{DeckLoc, Document, Kind, Scope};
use quick_xml::events::Event;

const REL_SLIDE: &str = "/slide";
const REL_NOTES: &str = "/notesSlide";
const REL_CHART: &str = "/chart";
const REL_DIAGRAM_DATA: &str = "/diagramData";

pub fn extract(path: String, bytes: &[u8]) -> Result<Document, Unreadable> {
    let mut pkg = ooxml::open(bytes, "PowerPoint")?;
    let pres_part = "ppt/presentation.xml";
    let pres = pkg.require_bytes(pres_part)?;
    let rels = pkg.rels(pres_part)?;
    // Slide ids in presentation order.
    let order = ooxml::parse(pres, |xml| {
        let mut order = Vec::new();
        let mut r = XmlReader::new(xml, pres_part);
        while let Some(ev) = r.next_event()? {
            if let Event::Start(e) | Event::Empty(e) = &ev
                && local(e) == "sldId"
                && let Some(id) =
                    attr(e, "r:id").or_else(|| attr(e, "id").filter(|v| v.starts_with("rId")))
            {
                order.push(id);
            }
            // Text styles and extensions: no slide list, passed over when plain.
            if let Event::Start(e) = &ev
                && matches!(local(e), "defaultTextStyle" | "extLst" | "embeddedFontLst")
            {
                r.skip_content(|n| n == b"sldId");
            }
        }
        Ok(order)
    })?;
    let mut raws: Vec<Raw> = Vec::new();
    let mut slides = 0u32;
    for id in &order {
        let Some((kind, target)) = rels.get(id) else {
            return Err(Unreadable(format!(
                "slide relationship {id} is missing from {pres_part}"
            )));
        };
        if !kind.ends_with(REL_SLIDE) {
            continue;
        }
        slides += 1;
        let xml = pkg
            .read_bytes(target)?
            .ok_or_else(|| Unreadable(format!("missing part {target} (slide {slides})")))?;
        let slide_rels = pkg.rels(target)?;
        let mut walk = ooxml::parse(xml, |xml| {
            let mut walk = Walker::new(slides, false);
            walk.run(xml, target)?;
            Ok(walk)
        })?;
        let hidden = walk.hidden;
        // SmartArt and charts referenced from this slide, in shape order.
        for (shape, rid, is_chart) in std::mem::take(&mut walk.graphics) {
            let Some((kind, part)) = slide_rels.get(&rid) else {
                continue;
            };
            if is_chart && kind.ends_with(REL_CHART) {
                if let Some(x) = pkg.read_bytes(part)? {
                    let titles = ooxml::parse(x, |x| chart_titles(x, part, slides, &shape))?;
                    walk.out.extend(titles);
                }
            } else if !is_chart
                && kind.ends_with(REL_DIAGRAM_DATA)
                && let Some(x) = pkg.read_bytes(part)?
            {
                let text = ooxml::parse(x, |x| diagram_text(x, part, slides, &shape))?;
                walk.out.extend(text);
            }
        }
        raws.append(&mut walk.out);
        if let Some((_, notes_part)) = slide_rels.values().find(|(k, _)| k.ends_with(REL_NOTES))
            && let Some(x) = pkg.read_bytes(notes_part)?
        {
            let mut nw = ooxml::parse(x, |x| {
                let mut nw = Walker::new(slides, true);
                nw.run(x, notes_part)?;
                Ok(nw)
            })?;
            raws.append(&mut nw.out);
        }
        for r in raws.iter_mut().filter(|r| r.loc.slide == Some(slides)) {
            r.loc.hidden = hidden;
        }
    }
    let date = ooxml::modified(&mut pkg, Some(slides as usize));
    let summary = match &date {
        Some(d) => format!(
            "{}, modified {d}",
            super::count(slides as usize, "slide", "slides")
        ),
        None => super::count(slides as usize, "slide", "slides"),
    };
    let mut doc = layout(path, Kind::Pptx, &summary, raws);
    doc.date = date;
    Ok(doc)
}

#[derive(Default)]
struct Shape {
    name: String,
    descr: Option<String>,
    ph: Option<String>,
    paragraphs: u32,
}

/// Streams one slide (or notes slide) part.
struct Walker {
    slide: u32,
    notes: bool,
    hidden: bool,
    out: Vec<Raw>,
    /// (shape name, relationship id, is_chart) for charts and SmartArt.
    graphics: Vec<(String, String, bool)>,
}

impl Walker {
    fn new(slide: u32, notes: bool) -> Self {
        Walker {
            slide,
            notes,
            hidden: false,
            out: Vec::new(),
            graphics: Vec::new(),
        }
    }

    fn loc(&self, shape: &str, paragraph: u32) -> DeckLoc {
        DeckLoc {
            slide: Some(self.slide),
            shape: Some(shape.to_owned()),
            paragraph: Some(paragraph),
            notes: self.notes,
            hidden: false,
            page: None,
        }
    }

    fn skip_placeholder(&self, ph: Option<&str>) -> bool {
        match ph {
            Some("sldNum" | "dt") => true,
            Some("sldImg" | "hdr" | "ftr") => self.notes,
            _ => false,
        }
    }

    fn run(&mut self, xml: &[u8], part: &str) -> Result<(), Unreadable> {
        let mut r = XmlReader::new(xml, part);
        let mut shapes: Vec<Shape> = Vec::new();
        let mut para: Option<String> = None;
        let mut in_t = false;
        let mut field_depth = 0usize;
        let mut fallback_depth = 0usize;
        // Tables: current row cells and the row counter of the table.
        let mut row: Option<Vec<String>> = None;
        let mut rows = 0u32;
        let mut in_cell = false;
        let mut in_tx_body = 0usize;
        while let Some(ev) = r.next_event()? {
            match ev {
                Event::Start(e) => {
                    let name = local(&e);
                    if fallback_depth > 0 {
                        fallback_depth += 1;
                        continue;
                    }
                    match name {
                        "Fallback" => fallback_depth = 1,
                        "sld" if attr(&e, "show").is_some_and(|v| v == "0" || v == "false") => {
                            self.hidden = true
                        }
                        "sp" | "grpSp" | "graphicFrame" | "pic" | "cxnSp" | "contentPart" => {
                            shapes.push(Shape::default())
                        }
                        "txBody" => in_tx_body += 1,
                        "tbl" => rows = 0,
                        "tr" => row = Some(Vec::new()),
                        "tc" => {
                            in_cell = true;
                            if let Some(r) = row.as_mut() {
                                r.push(String::new());
                            }
                        }
                        "p" if in_tx_body > 0 || in_cell => para = Some(String::new()),
                        "fld" => field_depth += 1,
                        "t" => in_t = true,
                        "br" | "tab" => {
                            if let Some(p) = para.as_mut() {
                                p.push(' ');
                            }
                        }
                        _ => {}
                    }
                    self.on_attrs(&e, name, &mut shapes);
                    if !in_t && fallback_depth == 0 && skippable(name) {
                        r.skip_content(walked);
                    }
                }
                Event::Empty(e) => {
                    if fallback_depth > 0 {
                        continue;
                    }
                    let name = local(&e);
                    if matches!(name, "br" | "tab")
                        && let Some(p) = para.as_mut()
                    {
                        p.push(' ');
                    }
                    self.on_attrs(&e, name, &mut shapes);
                }
                Event::End(e) => {
                    let n = e.name();
                    let full: &str = n.0;
                    let name = ooxml::local_name(full);
                    if fallback_depth > 0 {
                        fallback_depth -= 1;
                        continue;
                    }
                    match name {
                        "t" => in_t = false,
                        "fld" => field_depth = field_depth.saturating_sub(1),
                        "txBody" => in_tx_body = in_tx_body.saturating_sub(1),
                        "p" => {
                            let Some(text) = para.take() else { continue };
                            if in_cell {
                                if let Some(cell) = row.as_mut().and_then(|r| r.last_mut()) {
                                    if !cell.is_empty() && !text.trim().is_empty() {
                                        cell.push(' ');
                                    }
                                    cell.push_str(text.trim());
                                }
                                continue;
                            }
                            let Some(shape) = shapes.last_mut() else {
                                continue;
                            };
                            shape.paragraphs += 1;
                            if text.trim().is_empty() || self.skip_placeholder(shape.ph.as_deref())
                            {
                                continue;
                            }
                            let scope = if self.notes {
                                Scope::Notes
                            } else if matches!(shape.ph.as_deref(), Some("title" | "ctrTitle")) {
                                Scope::Title
                            } else {
                                Scope::Body
                            };
                            let loc = self.loc(&shape.name, shape.paragraphs);
                            self.out.push(Raw { text, scope, loc });
                        }
                        "tc" => in_cell = false,
                        "tr" => {
                            rows += 1;
                            let Some(cells) = row.take() else { continue };
                            let text = cells.join(" | ");
                            if cells.iter().all(|c| c.trim().is_empty()) {
                                continue;
                            }
                            let shape = shapes.last().map(|s| s.name.as_str()).unwrap_or("Table");
                            let scope = if self.notes {
                                Scope::Notes
                            } else {
                                Scope::TableRow
                            };
                            let loc = self.loc(shape, rows);
                            self.out.push(Raw { text, scope, loc });
                        }
                        "sp" | "grpSp" | "graphicFrame" | "pic" | "cxnSp" | "contentPart" => {
                            if let Some(shape) = shapes.pop()
                                && let Some(d) = shape.descr.filter(|d| !d.trim().is_empty())
                            {
                                let mut loc = self.loc(&shape.name, 0);
                                loc.paragraph = None;
                                self.out.push(Raw {
                                    text: d,
                                    scope: Scope::Alt,
                                    loc,
                                });
                            }
                        }
                        _ => {}
                    }
                }
                Event::Text(t) => {
                    if in_t
                        && field_depth == 0
                        && fallback_depth == 0
                        && let Some(p) = para.as_mut()
                    {
                        p.push_str(&t.xml10_content());
                    }
                }
                Event::GeneralRef(g) => {
                    if in_t
                        && field_depth == 0
                        && fallback_depth == 0
                        && let (Some(p), Some(s)) = (para.as_mut(), entity(&g))
                    {
                        p.push_str(&s);
                    }
                }
                Event::CData(c) => {
                    if in_t
                        && field_depth == 0
                        && let Some(p) = para.as_mut()
                    {
                        p.push_str(&c.into_inner());
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Attributes that matter on start or empty elements.
    fn on_attrs(
        &mut self,
        e: &quick_xml::events::BytesStart<'_>,
        name: &str,
        shapes: &mut [Shape],
    ) {
        match name {
            "cNvPr" => {
                if let Some(s) = shapes.last_mut()
                    && s.name.is_empty()
                {
                    s.name = attr(e, "name").unwrap_or_default();
                    s.descr = attr(e, "descr");
                }
            }
            "ph" => {
                if let Some(s) = shapes.last_mut() {
                    s.ph = Some(attr(e, "type").unwrap_or_else(|| "body".into()));
                }
            }
            "chart" => {
                if let (Some(s), Some(id)) = (shapes.last(), attr(e, "r:id")) {
                    self.graphics.push((s.name.clone(), id, true));
                }
            }
            "relIds" => {
                if let (Some(s), Some(id)) = (shapes.last(), attr(e, "r:dm")) {
                    self.graphics.push((s.name.clone(), id, false));
                }
            }
            _ => {}
        }
    }
}

/// Elements whose content is shape geometry, formatting or animation: never text, so a
/// slide's walk passes over it (see [`ooxml::XmlReader::skip_content`], which checks that
/// it holds no element of [`walked`]).
fn skippable(name: &str) -> bool {
    matches!(
        name,
        "spPr"
            | "grpSpPr"
            | "style"
            | "pPr"
            | "rPr"
            | "endParaRPr"
            | "lstStyle"
            | "bodyPr"
            | "timing"
            | "transition"
            | "tcPr"
            | "tblPr"
            | "tblGrid"
            | "blipFill"
            | "extLst"
            | "clrMapOvr"
            | "xfrm"
            | "bg"
            | "cNvSpPr"
            | "cNvGrpSpPr"
            | "cNvPicPr"
            | "cNvCxnSpPr"
            | "cNvGraphicFramePr"
    )
}

/// Chart elements that hold no title of the chart itself: series and formatting.
fn chart_skippable(name: &str) -> bool {
    matches!(
        name,
        "ser" | "spPr" | "txPr" | "dLbls" | "extLst" | "externalData" | "printSettings"
    )
}

/// Every element name [`Walker::run`] acts on (start, empty or end).
fn walked(name: &[u8]) -> bool {
    matches!(
        name,
        b"Fallback"
            | b"sld"
            | b"sp"
            | b"grpSp"
            | b"graphicFrame"
            | b"pic"
            | b"cxnSp"
            | b"contentPart"
            | b"txBody"
            | b"tbl"
            | b"tr"
            | b"tc"
            | b"p"
            | b"fld"
            | b"t"
            | b"br"
            | b"tab"
            | b"cNvPr"
            | b"ph"
            | b"chart"
            | b"relIds"
    )
}

/// Texts of `<a:t>` (rich) and `<c:v>` (cell-referenced) inside each `<c:title>`.
fn chart_titles(xml: &[u8], part: &str, slide: u32, shape: &str) -> Result<Vec<Raw>, Unreadable> {
    let mut r = XmlReader::new(xml, part);
    let mut out = Vec::new();
    let mut title: Option<String> = None;
    let mut in_text = false;
    let mut n = 0;
    while let Some(ev) = r.next_event()? {
        match ev {
            Event::Start(e) => match local(&e) {
                "title" => title = Some(String::new()),
                "t" | "v" => in_text = title.is_some(),
                // Outside a title only a title's start changes anything: series (with
                // their cached values) and formatting are passed over when plain.
                name if title.is_none() && !in_text && chart_skippable(name) => {
                    r.skip_content(|n| n == b"title");
                }
                _ => {}
            },
            Event::End(e) => {
                let q = e.name();
                let full: &str = q.0;
                match ooxml::local_name(full) {
                    "t" | "v" => in_text = false,
                    "p" => {
                        if let Some(t) = title.as_mut() {
                            t.push(' ');
                        }
                    }
                    "title" => {
                        if let Some(t) = title.take().filter(|t| !t.trim().is_empty()) {
                            n += 1;
                            let loc = DeckLoc {
                                slide: Some(slide),
                                shape: Some(shape.to_owned()),
                                paragraph: Some(n),
                                ..DeckLoc::default()
                            };
                            out.push(Raw {
                                text: t.trim().to_owned(),
                                scope: Scope::Chart,
                                loc,
                            });
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text => {
                if let Some(s) = title.as_mut() {
                    s.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(g) if in_text => {
                if let (Some(s), Some(x)) = (title.as_mut(), entity(&g)) {
                    s.push_str(&x);
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

/// SmartArt text from a diagram data part: every `a:p` under a `dgm:t`.
fn diagram_text(xml: &[u8], part: &str, slide: u32, shape: &str) -> Result<Vec<Raw>, Unreadable> {
    let mut r = XmlReader::new(xml, part);
    let mut out = Vec::new();
    let mut in_dgm_t = false;
    let mut para: Option<String> = None;
    let mut in_t = false;
    let mut n = 0;
    while let Some(ev) = r.next_event()? {
        match ev {
            Event::Start(e) => {
                let full_name = e.name();
                let full: &str = full_name.0;
                match local(&e) {
                    "t" if full.starts_with("dgm:") || !full.contains(':') && !in_dgm_t => {
                        in_dgm_t = true
                    }
                    "p" if in_dgm_t => para = Some(String::new()),
                    "t" if para.is_some() => in_t = true,
                    name if !in_t && skippable(name) => {
                        r.skip_content(|n| matches!(n, b"t" | b"p" | b"br" | b"tab"));
                    }
                    _ => {}
                }
            }
            Event::Empty(e) => {
                if matches!(local(&e), "br" | "tab")
                    && let Some(p) = para.as_mut()
                {
                    p.push(' ');
                }
            }
            Event::End(e) => {
                let q = e.name();
                let full: &str = q.0;
                let l = ooxml::local_name(full);
                match l {
                    "t" if in_t => in_t = false,
                    "t" => in_dgm_t = false,
                    "p" => {
                        if let Some(text) = para.take().filter(|t| !t.trim().is_empty()) {
                            n += 1;
                            let loc = DeckLoc {
                                slide: Some(slide),
                                shape: Some(shape.to_owned()),
                                paragraph: Some(n),
                                ..DeckLoc::default()
                            };
                            out.push(Raw {
                                text,
                                scope: Scope::Diagram,
                                loc,
                            });
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_t => {
                if let Some(p) = para.as_mut() {
                    p.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(g) if in_t => {
                if let (Some(p), Some(x)) = (para.as_mut(), entity(&g)) {
                    p.push_str(&x);
                }
            }
            _ => {}
        }
    }
    Ok(out)
}
