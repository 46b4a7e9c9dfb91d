//! PDF → `Document`: lopdf parses (xref repair, decryption, bounded decompression); this
//! module is the text layer.
//!
//! Owns: the content-stream interpreter (text state, CTM, `q`/`Q`, form XObjects), fonts
//! decoded per code through ToUnicode first, then the font's encoding (standard, WinAnsi,
//! MacRoman, Differences), composite (Type0/CID) fonts as two-byte codes, glyph widths
//! (`/Widths`, `/W`, Type3 `/FontMatrix`), word gaps from positions, lines rebuilt from
//! baselines, columns split at a clear gutter, paragraphs from line spacing, and the per-file
//! budget (time, glyphs, decompressed bytes). The document's `source` is the `msglint
//! extract` text. Must not: match or fold (hyphenation is undone in `normalize`).

use super::Unreadable;
use super::dump::{Raw, layout_pdf};
use crate::document::{DeckLoc, Document, Scope};
use lopdf::content::Content;
use lopdf::{Dictionary, Object, ObjectId};
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// Per-file budget. A file over it is `unreadable`, and the run goes on.
pub const TIME_BUDGET: Duration = Duration::from_secs(20);
pub const MAX_STREAM_BYTES: usize = 64 * 1024 * 1024;
pub const MAX_PAGE_CONTENT_BYTES: usize = 64 * 1024 * 1024;
pub const MAX_GLYPHS: usize = 20_000_000;
pub const MAX_OPS_PER_FILE: usize = 50_000_000;
const MAX_FORM_DEPTH: usize = 8;

pub fn extract(path: String, bytes: &[u8]) -> Result<Document, Unreadable> {
    if bytes.is_empty() {
        return Err(Unreadable("empty file (0 bytes)".into()));
    }
    if !bytes.windows(5).take(1024).any(|w| w == b"%PDF-") {
        return Err(Unreadable("not a PDF (no %PDF- header)".into()));
    }
    let options = lopdf::LoadOptions::with_max_decompressed_size(MAX_STREAM_BYTES);
    let doc = lopdf::Document::load_mem_with_options(bytes, options).map_err(|e| {
        let msg = e.to_string();
        if msg.to_lowercase().contains("password") || msg.to_lowercase().contains("decrypt") {
            Unreadable("password-protected (needs a password to open)".into())
        } else {
            Unreadable(format!("cannot parse PDF: {msg}"))
        }
    })?;
    if doc.is_encrypted() {
        return Err(Unreadable(
            "password-protected (needs a password to open)".into(),
        ));
    }
    let mut pages = doc.get_pages();
    if pages.is_empty() {
        // A broken or cyclic page tree: take every page object, in object order.
        pages = doc
            .objects
            .iter()
            .filter(|(_, o)| o.as_dict().is_ok_and(|d| d.has_type(b"Page")))
            .enumerate()
            .map(|(i, (id, _))| (i as u32 + 1, *id))
            .collect();
    }
    if pages.is_empty() {
        if doc.trailer.get(b"Encrypt").is_ok() {
            return Err(Unreadable(
                "password-protected (encrypted, and the empty password does not open it)".into(),
            ));
        }
        return Err(Unreadable(
            "the PDF has no readable pages (page tree missing or broken)".into(),
        ));
    }
    let deadline = Instant::now() + TIME_BUDGET;
    let mut cx = Interp {
        doc: &doc,
        fonts: HashMap::new(),
        deadline,
        glyph_count: 0,
        ops: 0,
        problems: Vec::new(),
    };
    let mut raws = Vec::new();
    let mut read_pages = 0usize;
    for (&page_no, &page_id) in &pages {
        match cx.page(page_id) {
            Ok(glyphs) => {
                read_pages += 1;
                raws.extend(layout_page(page_no, glyphs));
            }
            Err(PageError::Budget(why)) => return Err(Unreadable(why)),
            Err(PageError::Page(why)) => cx.problems.push(format!("page {page_no}: {why}")),
        }
    }
    if read_pages == 0 {
        let why = cx
            .problems
            .first()
            .cloned()
            .unwrap_or_else(|| "no page could be read".into());
        return Err(Unreadable(format!("no page could be read ({why})")));
    }
    Ok(layout_pdf(
        path,
        &format!("{} pages", pages.len()),
        raws,
        &cx.problems,
    ))
}

enum PageError {
    /// The whole file is over budget.
    Budget(String),
    /// This page could not be read; the others may be.
    Page(String),
}

/// One shown glyph in page space.
#[derive(Clone, Debug)]
struct Glyph {
    x: f32,
    y: f32,
    /// Advance in page space.
    w: f32,
    /// Font size in page space.
    size: f32,
    text: String,
}

#[derive(Clone, Copy, Debug)]
struct M([f32; 6]);

impl M {
    const ID: M = M([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
    /// self × other (PDF row-vector convention: apply self, then other).
    fn mul(self, o: M) -> M {
        let a = self.0;
        let b = o.0;
        M([
            a[0] * b[0] + a[1] * b[2],
            a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2],
            a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4],
            a[4] * b[1] + a[5] * b[3] + b[5],
        ])
    }
    fn translate(x: f32, y: f32) -> M {
        M([1.0, 0.0, 0.0, 1.0, x, y])
    }
}

#[derive(Clone)]
struct TextState {
    font: Option<ObjectId>,
    font_key: Vec<u8>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    scale: f32,
    leading: f32,
    rise: f32,
}

impl Default for TextState {
    fn default() -> Self {
        TextState {
            font: None,
            font_key: Vec::new(),
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        }
    }
}

/// A font, decoded once per document.
struct Font {
    two_byte: bool,
    to_unicode: Option<CMap>,
    simple: Option<SimpleEnc>,
    /// CID fonts without ToUnicode: glyph id → text from the embedded TrueType `cmap`.
    glyph_text: Option<HashMap<u16, char>>,
    /// CID → glyph id (`/CIDToGIDMap` stream); identity when absent.
    cid_to_gid: Option<Vec<u16>>,
    widths: HashMap<u32, f32>,
    default_width: f32,
    /// Glyph space → text space (1/1000 for most fonts, the FontMatrix for Type3).
    glyph_scale: f32,
    cache: HashMap<u32, Option<String>>,
}

/// The fallback decoding of a simple font, owned so the font can be cached.
enum SimpleEnc {
    Table(Box<[Option<char>; 256]>),
}

fn num(o: &Object) -> Option<f32> {
    o.as_float().ok().filter(|f| f.is_finite())
}

fn nums(o: &Object) -> Option<Vec<f32>> {
    Some(o.as_array().ok()?.iter().filter_map(num).collect())
}

struct Interp<'d> {
    doc: &'d lopdf::Document,
    fonts: HashMap<ObjectId, Font>,
    deadline: Instant,
    glyph_count: usize,
    ops: usize,
    problems: Vec<String>,
}

impl<'d> Interp<'d> {
    fn deref<'a>(&'a self, o: &'a Object) -> Option<&'a Object> {
        self.doc.dereference(o).ok().map(|(_, o)| o)
    }

    fn dict<'a>(&'a self, o: &'a Object) -> Option<&'a Dictionary> {
        self.deref(o)?.as_dict().ok()
    }

    fn page(&mut self, page_id: ObjectId) -> Result<Vec<Glyph>, PageError> {
        self.check_filters(page_id).map_err(PageError::Page)?;
        let content = self.page_content(page_id)?;
        let resources = self.page_resources(page_id);
        let mut glyphs = Vec::new();
        let mut seen = Vec::new();
        self.run(&content, &resources, M::ID, &mut glyphs, 0, &mut seen)?;
        Ok(glyphs)
    }

    /// The page's content streams, decompressed within the page budget. Indirect `/Filter`
    /// and `/DecodeParms` entries are resolved first (lopdf reads only direct ones).
    fn page_content(&self, page_id: ObjectId) -> Result<Vec<u8>, PageError> {
        let mut out = Vec::new();
        for id in self.doc.get_page_contents(page_id) {
            let Ok(stream) = self.doc.get_object(id).and_then(Object::as_stream) else {
                continue;
            };
            let mut stream = std::borrow::Cow::Borrowed(stream);
            for key in [b"Filter".as_slice(), b"DecodeParms".as_slice()] {
                if let Ok(Object::Reference(r)) = stream.dict.get(key)
                    && let Ok(resolved) = self.doc.get_object(*r)
                {
                    let resolved = resolved.clone();
                    stream.to_mut().dict.set(key.to_vec(), resolved);
                }
            }
            let remaining = MAX_PAGE_CONTENT_BYTES.saturating_sub(out.len());
            let data = if stream.dict.get(b"Filter").is_ok() {
                stream
                    .decompressed_content_with_limit(remaining)
                    .map_err(|e| match e {
                        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                            ..
                        }) => PageError::Budget(format!(
                            "page content over the {MAX_PAGE_CONTENT_BYTES}-byte budget"
                        )),
                        e => PageError::Page(format!("cannot decompress the content stream: {e}")),
                    })?
            } else if stream.content.len() <= remaining {
                stream.content.clone()
            } else {
                return Err(PageError::Budget(format!(
                    "page content over the {MAX_PAGE_CONTENT_BYTES}-byte budget"
                )));
            };
            out.extend_from_slice(&data);
            out.push(b'\n');
        }
        Ok(out)
    }

    /// Content streams compressed with a filter lopdf cannot decode are reported, not read
    /// as garbage.
    fn check_filters(&self, page_id: ObjectId) -> Result<(), String> {
        const KNOWN: &[&[u8]] = &[
            b"FlateDecode",
            b"Fl",
            b"LZWDecode",
            b"LZW",
            b"ASCII85Decode",
            b"A85",
            b"ASCIIHexDecode",
            b"AHx",
            b"RunLengthDecode",
            b"RL",
            b"BrotliDecode",
        ];
        for id in self.doc.get_page_contents(page_id) {
            let Ok(stream) = self.doc.get_object(id).and_then(Object::as_stream) else {
                continue;
            };
            let Some(filter) = stream.dict.get(b"Filter").ok().and_then(|o| self.deref(o)) else {
                continue;
            };
            let names: Vec<&[u8]> = match filter {
                Object::Name(n) => vec![n.as_slice()],
                Object::Array(a) => a.iter().filter_map(|o| o.as_name().ok()).collect(),
                _ => vec![],
            };
            if let Some(bad) = names.iter().find(|n| !KNOWN.contains(n)) {
                return Err(format!(
                    "unsupported content filter /{}",
                    String::from_utf8_lossy(bad)
                ));
            }
        }
        Ok(())
    }

    /// The page's resources, merged from the page and its ancestors (nearest wins).
    fn page_resources(&self, page_id: ObjectId) -> Dictionary {
        let mut out = Dictionary::new();
        if let Ok((direct, ids)) = self.doc.get_page_resources(page_id) {
            let mut all: Vec<&Dictionary> = direct.into_iter().collect();
            all.extend(
                ids.iter()
                    .filter_map(|id| self.doc.get_dictionary(*id).ok()),
            );
            for d in all.into_iter().rev() {
                for (k, v) in d.iter() {
                    out.set(k.clone(), v.clone());
                }
            }
        }
        out
    }

    fn sub_dict(&self, resources: &Dictionary, key: &[u8]) -> Option<Dictionary> {
        let o = resources.get(key).ok()?;
        self.dict(o).cloned()
    }

    fn run(
        &mut self,
        content: &[u8],
        resources: &Dictionary,
        base: M,
        out: &mut Vec<Glyph>,
        depth: usize,
        seen: &mut Vec<ObjectId>,
    ) -> Result<(), PageError> {
        let ops = match Content::decode(content) {
            Ok(c) => c.operations,
            Err(e) => return Err(PageError::Page(format!("malformed content stream: {e}"))),
        };
        let fonts = self.sub_dict(resources, b"Font").unwrap_or_default();
        let xobjects = self.sub_dict(resources, b"XObject").unwrap_or_default();
        let mut ctm = base;
        let mut stack: Vec<(M, TextState)> = Vec::new();
        let mut ts = TextState::default();
        let mut tm = M::ID;
        let mut tlm = M::ID;
        for op in &ops {
            self.ops += 1;
            if self.ops.is_multiple_of(4096) && Instant::now() > self.deadline {
                return Err(PageError::Budget(format!(
                    "over the {}-second time budget",
                    TIME_BUDGET.as_secs()
                )));
            }
            if self.ops > MAX_OPS_PER_FILE {
                return Err(PageError::Budget(format!(
                    "more than {MAX_OPS_PER_FILE} content operations"
                )));
            }
            let a = &op.operands;
            let f = |i: usize| a.get(i).and_then(num).unwrap_or(0.0);
            match op.operator.as_str() {
                "q" if stack.len() < 1024 => {
                    stack.push((ctm, ts.clone()));
                }
                "Q" => {
                    if let Some((c, t)) = stack.pop() {
                        ctm = c;
                        ts = t;
                    }
                }
                "cm" => ctm = M([f(0), f(1), f(2), f(3), f(4), f(5)]).mul(ctm),
                "BT" => {
                    tm = M::ID;
                    tlm = M::ID;
                }
                "Tf" => {
                    ts.size = f(1);
                    ts.font = None;
                    if let Some(name) = a.first().and_then(|o| o.as_name().ok()) {
                        ts.font_key = name.to_vec();
                        ts.font = fonts.get(name).ok().and_then(|o| match o {
                            Object::Reference(id) => Some(*id),
                            _ => None,
                        });
                        if ts.font.is_none() {
                            // An inline font dictionary: key it by a synthetic id.
                            if let Ok(Object::Dictionary(d)) = fonts.get(name) {
                                let id = (u32::MAX - (name.len() as u32), 0);
                                self.load_font_dict(id, d);
                                ts.font = Some(id);
                            }
                        }
                    }
                }
                "Tc" => ts.char_spacing = f(0),
                "Tw" => ts.word_spacing = f(0),
                "Tz" => ts.scale = f(0) / 100.0,
                "TL" => ts.leading = f(0),
                "Ts" => ts.rise = f(0),
                "Td" => {
                    tlm = M::translate(f(0), f(1)).mul(tlm);
                    tm = tlm;
                }
                "TD" => {
                    ts.leading = -f(1);
                    tlm = M::translate(f(0), f(1)).mul(tlm);
                    tm = tlm;
                }
                "Tm" => {
                    tlm = M([f(0), f(1), f(2), f(3), f(4), f(5)]);
                    tm = tlm;
                }
                "T*" => {
                    tlm = M::translate(0.0, -ts.leading).mul(tlm);
                    tm = tlm;
                }
                "Tj" => {
                    if let Some(Object::String(s, _)) = a.first() {
                        self.show(s, &ts, &mut tm, ctm, out)?;
                    }
                }
                "'" | "\"" => {
                    if op.operator == "\"" {
                        ts.word_spacing = f(0);
                        ts.char_spacing = f(1);
                    }
                    tlm = M::translate(0.0, -ts.leading).mul(tlm);
                    tm = tlm;
                    if let Some(Object::String(s, _)) = a.last() {
                        self.show(s, &ts, &mut tm, ctm, out)?;
                    }
                }
                "TJ" => {
                    if let Some(Object::Array(items)) = a.first() {
                        for item in items {
                            match item {
                                Object::String(s, _) => self.show(s, &ts, &mut tm, ctm, out)?,
                                other => {
                                    if let Some(n) = num(other) {
                                        let tx = -n / 1000.0 * ts.size * ts.scale;
                                        tm = M::translate(tx, 0.0).mul(tm);
                                    }
                                }
                            }
                        }
                    }
                }
                "Do" => {
                    if depth >= MAX_FORM_DEPTH {
                        continue;
                    }
                    let Some(name) = a.first().and_then(|o| o.as_name().ok()) else {
                        continue;
                    };
                    let Ok(Object::Reference(id)) = xobjects.get(name) else {
                        continue;
                    };
                    if seen.contains(id) {
                        continue;
                    }
                    let Ok(stream) = self.doc.get_object(*id).and_then(Object::as_stream) else {
                        continue;
                    };
                    if stream.dict.get(b"Subtype").and_then(Object::as_name).ok()
                        != Some(b"Form".as_slice())
                    {
                        continue;
                    }
                    let Ok(data) = stream
                        .decompressed_content_with_limit(MAX_STREAM_BYTES)
                        .or_else(|e| {
                            if stream.dict.get(b"Filter").is_err() {
                                Ok(stream.content.clone())
                            } else {
                                Err(e)
                            }
                        })
                    else {
                        continue;
                    };
                    let matrix = stream
                        .dict
                        .get(b"Matrix")
                        .ok()
                        .and_then(nums)
                        .filter(|m| m.len() == 6)
                        .map_or(M::ID, |m| M([m[0], m[1], m[2], m[3], m[4], m[5]]));
                    let form_res = stream
                        .dict
                        .get(b"Resources")
                        .ok()
                        .and_then(|o| self.dict(o).cloned())
                        .unwrap_or_else(|| resources.clone());
                    seen.push(*id);
                    self.run(&data, &form_res, matrix.mul(ctm), out, depth + 1, seen)?;
                    seen.pop();
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn show(
        &mut self,
        bytes: &[u8],
        ts: &TextState,
        tm: &mut M,
        ctm: M,
        out: &mut Vec<Glyph>,
    ) -> Result<(), PageError> {
        let Some(font_id) = ts.font else {
            // No font: advance nothing, keep nothing (the text is undecodable anyway).
            return Ok(());
        };
        if !self.fonts.contains_key(&font_id) {
            let Ok(d) = self.doc.get_dictionary(font_id) else {
                return Ok(());
            };
            let d = d.clone();
            self.load_font_dict(font_id, &d);
        }
        let doc = self.doc;
        let Some(font) = self.fonts.get_mut(&font_id) else {
            return Ok(());
        };
        let step = if font.two_byte { 2 } else { 1 };
        let mut i = 0;
        while i < bytes.len() {
            let code = if step == 2 {
                let hi = bytes[i] as u32;
                let lo = bytes.get(i + 1).copied().unwrap_or(0) as u32;
                (hi << 8) | lo
            } else {
                bytes[i] as u32
            };
            i += step;
            let text = font.decode(code, doc);
            let w0 = font
                .widths
                .get(&code)
                .copied()
                .unwrap_or(font.default_width)
                * font.glyph_scale;
            let trm = M([ts.size * ts.scale, 0.0, 0.0, ts.size, 0.0, ts.rise])
                .mul(*tm)
                .mul(ctm);
            let size = (trm.0[2] * trm.0[2] + trm.0[3] * trm.0[3]).sqrt();
            let is_space = step == 1 && code == 32;
            let tx =
                (w0 * ts.size + ts.char_spacing + if is_space { ts.word_spacing } else { 0.0 })
                    * ts.scale;
            let adv = M::translate(tx, 0.0).mul(*tm).mul(ctm);
            let w = ((adv.0[4] - trm.0[4]).powi(2) + (adv.0[5] - trm.0[5]).powi(2)).sqrt();
            if let Some(text) = text
                && size.is_finite()
                && trm.0[4].is_finite()
                && trm.0[5].is_finite()
            {
                out.push(Glyph {
                    x: trm.0[4],
                    y: trm.0[5],
                    w,
                    size,
                    text,
                });
                self.glyph_count += 1;
            }
            *tm = M::translate(tx, 0.0).mul(*tm);
        }
        if self.glyph_count > MAX_GLYPHS {
            return Err(PageError::Budget(format!("more than {MAX_GLYPHS} glyphs")));
        }
        Ok(())
    }

    fn load_font_dict(&mut self, id: ObjectId, d: &Dictionary) {
        let subtype = d.get(b"Subtype").and_then(Object::as_name).unwrap_or(b"");
        let two_byte = subtype == b"Type0";
        let to_unicode = d
            .get(b"ToUnicode")
            .ok()
            .and_then(|o| self.deref(o))
            .and_then(|o| o.as_stream().ok())
            .and_then(|st| {
                st.decompressed_content_with_limit(MAX_STREAM_BYTES)
                    .ok()
                    .or_else(|| Some(st.content.clone()))
            })
            .map(|data| CMap::parse(&data))
            .filter(|c| !c.is_empty());
        let two_byte = two_byte && to_unicode.as_ref().is_none_or(|c| c.code_len != Some(1));
        let simple = if two_byte {
            None
        } else {
            Some(simple_table(d, self.doc))
        };
        let mut widths = HashMap::new();
        let mut default_width = 500.0;
        let mut glyph_scale = 0.001;
        if two_byte {
            default_width = 1000.0;
            if let Some(desc) = d
                .get(b"DescendantFonts")
                .ok()
                .and_then(|o| self.deref(o))
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first())
                .and_then(|o| self.dict(o))
            {
                if let Some(dw) = desc.get(b"DW").ok().and_then(num) {
                    default_width = dw;
                }
                if let Some(w) = desc
                    .get(b"W")
                    .ok()
                    .and_then(|o| self.deref(o))
                    .and_then(|o| o.as_array().ok())
                {
                    cid_widths(w, &mut widths, self);
                }
            }
        } else {
            let first = d.get(b"FirstChar").ok().and_then(num).unwrap_or(0.0) as u32;
            if let Some(ws) = d
                .get(b"Widths")
                .ok()
                .and_then(|o| self.deref(o))
                .and_then(|o| o.as_array().ok())
            {
                for (k, w) in ws.iter().enumerate().take(65536) {
                    if let Some(w) = self.deref(w).and_then(num) {
                        widths.insert(first + k as u32, w);
                    }
                }
            }
            if let Some(mw) = d
                .get(b"FontDescriptor")
                .ok()
                .and_then(|o| self.dict(o))
                .and_then(|fd| fd.get(b"MissingWidth").ok().and_then(num))
                .filter(|w| *w > 0.0)
            {
                default_width = mw;
            }
            if subtype == b"Type3"
                && let Some(m) = d
                    .get(b"FontMatrix")
                    .ok()
                    .and_then(nums)
                    .filter(|m| m.len() == 6)
            {
                glyph_scale = m[0].abs();
            }
        }
        let (mut glyph_text, mut cid_to_gid) = (None, None);
        if two_byte && to_unicode.is_none() {
            let desc = d
                .get(b"DescendantFonts")
                .ok()
                .and_then(|o| self.deref(o))
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first())
                .and_then(|o| self.dict(o));
            if let Some(desc) = desc {
                glyph_text = desc
                    .get(b"FontDescriptor")
                    .ok()
                    .and_then(|o| self.dict(o))
                    .and_then(|fd| fd.get(b"FontFile2").ok())
                    .and_then(|o| self.deref(o))
                    .and_then(|o| o.as_stream().ok())
                    .and_then(|st| st.decompressed_content_with_limit(MAX_STREAM_BYTES).ok())
                    .and_then(|font| truetype_glyph_text(&font));
                cid_to_gid = desc
                    .get(b"CIDToGIDMap")
                    .ok()
                    .and_then(|o| self.deref(o))
                    .and_then(|o| o.as_stream().ok())
                    .and_then(|st| st.decompressed_content_with_limit(MAX_STREAM_BYTES).ok())
                    .map(|b| {
                        b.chunks(2)
                            .map(|p| {
                                (u16::from(p[0]) << 8) | u16::from(p.get(1).copied().unwrap_or(0))
                            })
                            .collect()
                    });
            }
        }
        self.fonts.insert(
            id,
            Font {
                two_byte,
                to_unicode,
                simple,
                glyph_text,
                cid_to_gid,
                widths,
                default_width,
                glyph_scale,
                cache: HashMap::new(),
            },
        );
    }
}

fn cid_widths(w: &[Object], widths: &mut HashMap<u32, f32>, cx: &Interp) {
    // [c [w1 w2 ...]] or [cfirst clast w]
    let mut i = 0;
    while i < w.len() && widths.len() < 200_000 {
        let Some(start) = cx.deref(&w[i]).and_then(num) else {
            break;
        };
        match w.get(i + 1).and_then(|o| cx.deref(o)) {
            Some(Object::Array(list)) => {
                for (k, v) in list.iter().enumerate() {
                    if let Some(v) = cx.deref(v).and_then(num) {
                        widths.insert(start as u32 + k as u32, v);
                    }
                }
                i += 2;
            }
            Some(o) => {
                let end = num(o).unwrap_or(start);
                let v = w
                    .get(i + 2)
                    .and_then(|o| cx.deref(o))
                    .and_then(num)
                    .unwrap_or(1000.0);
                let (s, e) = (start as u32, end as u32);
                if e >= s && e - s < 65536 {
                    for c in s..=e {
                        widths.insert(c, v);
                    }
                }
                i += 3;
            }
            None => break,
        }
    }
}

/// The one-byte code → char table of a simple font, from lopdf's reading of `/Encoding`
/// (base encodings and Differences with glyph names).
fn simple_table(d: &Dictionary, doc: &lopdf::Document) -> SimpleEnc {
    let mut table: Box<[Option<char>; 256]> = Box::new([None; 256]);
    let mut probe = d.clone();
    probe.remove(b"ToUnicode");
    probe.set("Type", Object::Name(b"Font".to_vec()));
    if let Ok(enc) = probe.get_font_encoding_with_limit(doc, MAX_STREAM_BYTES) {
        for (code, slot) in table.iter_mut().enumerate() {
            if let Ok(s) = enc.bytes_to_string(&[code as u8]) {
                let mut chars = s.chars();
                if let (Some(c), None) = (chars.next(), chars.next())
                    && c != '\u{FFFD}'
                    && c != '\0'
                {
                    *slot = Some(c);
                }
            }
        }
    }
    SimpleEnc::Table(table)
}

impl Font {
    fn decode(&mut self, code: u32, _doc: &lopdf::Document) -> Option<String> {
        if let Some(hit) = self.cache.get(&code) {
            return hit.clone();
        }
        let mut out = None;
        if let Some(tu) = &self.to_unicode {
            out = tu
                .get(code)
                .filter(|s| !s.is_empty() && !s.contains('\u{FFFD}'));
        }
        if out.is_none()
            && let Some(map) = &self.glyph_text
        {
            let gid = match &self.cid_to_gid {
                Some(m) => m.get(code as usize).copied(),
                None => u16::try_from(code).ok(),
            };
            out = gid.and_then(|g| map.get(&g)).map(|c| c.to_string());
        }
        if out.is_none()
            && let Some(SimpleEnc::Table(t)) = &self.simple
        {
            out = t.get(code as usize).copied().flatten().map(String::from);
        }
        let out = out.map(|s| {
            s.chars()
                .filter(|c| !c.is_control() || *c == ' ')
                .collect::<String>()
        });
        self.cache.insert(code, out.clone());
        out
    }
}

/// A line fragment: glyphs on one baseline without a wide gap.
#[derive(Debug)]
struct Frag {
    x0: f32,
    x1: f32,
    y: f32,
    size: f32,
    text: String,
}

/// Glyphs → lines in reading order → paragraphs (as `Raw` segments, one text line per
/// extract line, lines joined with `\n`).
fn layout_page(page: u32, glyphs: Vec<Glyph>) -> Vec<Raw> {
    let frags = fragments(glyphs);
    let ordered = reading_order(frags);
    paragraphs(page, ordered)
}

fn fragments(glyphs: Vec<Glyph>) -> Vec<Frag> {
    let mut frags: Vec<Frag> = Vec::new();
    for g in glyphs {
        if g.text.trim().is_empty() && g.text != " " {
            continue;
        }
        let size = g.size.max(1.0);
        if let Some(f) = frags.last_mut() {
            let same_line = (g.y - f.y).abs() < 0.5 * size.min(f.size.max(1.0));
            let gap = g.x - f.x1;
            if same_line && gap > -0.5 * size && gap < 1.0 * size {
                if g.text == " " {
                    if !f.text.ends_with(' ') {
                        f.text.push(' ');
                    }
                } else {
                    if gap > 0.12 * size && !f.text.ends_with(' ') {
                        f.text.push(' ');
                    }
                    f.text.push_str(&g.text);
                }
                f.x1 = f.x1.max(g.x + g.w);
                continue;
            }
        }
        if g.text == " " {
            continue;
        }
        frags.push(Frag {
            x0: g.x,
            x1: g.x + g.w,
            y: g.y,
            size,
            text: g.text.clone(),
        });
    }
    for f in &mut frags {
        let t = f.text.trim_end().to_owned();
        f.text = t;
    }
    frags.retain(|f| !f.text.trim().is_empty());
    frags
}

/// Order fragments: split the page at a clear vertical gutter (recursively, up to three
/// columns), then top to bottom, left to right, joining fragments that share a baseline.
fn reading_order(frags: Vec<Frag>) -> Vec<Frag> {
    let mut out = Vec::new();
    order_region(frags, 0, &mut out);
    out
}

fn order_region(mut frags: Vec<Frag>, depth: usize, out: &mut Vec<Frag>) {
    if depth < 2
        && frags.len() >= 8
        && let Some(split) = gutter(&frags)
    {
        // Top to bottom; a fragment across the gutter (a title, a full-width figure
        // caption) closes the columns above it, which are read left then right.
        frags.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x0.total_cmp(&b.x0)));
        let (mut left, mut right) = (Vec::new(), Vec::new());
        for f in frags {
            if f.x0 < split && f.x1 > split {
                order_region(std::mem::take(&mut left), depth + 1, out);
                order_region(std::mem::take(&mut right), depth + 1, out);
                out.push(f);
            } else if f.x1 <= split {
                left.push(f);
            } else {
                right.push(f);
            }
        }
        order_region(left, depth + 1, out);
        order_region(right, depth + 1, out);
        return;
    }
    frags.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x0.total_cmp(&b.x0)));
    // Join fragments on the same baseline into one line (separated by a space).
    let mut lines: Vec<Frag> = Vec::new();
    for f in frags {
        if let Some(l) = lines.last_mut()
            && (f.y - l.y).abs() < 0.4 * f.size.min(l.size)
            && f.x0 >= l.x1 - 0.5 * f.size
        {
            l.text.push(' ');
            l.text.push_str(&f.text);
            l.x1 = f.x1;
            continue;
        }
        lines.push(f);
    }
    out.extend(lines);
}

/// An x where few fragments cross (at most a fifth: titles, captions) and at least a
/// quarter of the fragments sit on each side, the right side starting near it.
fn gutter(frags: &[Frag]) -> Option<f32> {
    let min_x = frags.iter().map(|f| f.x0).fold(f32::MAX, f32::min);
    let max_x = frags.iter().map(|f| f.x1).fold(f32::MIN, f32::max);
    let width = max_x - min_x;
    if width < 100.0 {
        return None;
    }
    let mut edges: Vec<f32> = frags.iter().map(|f| f.x1).collect();
    edges.sort_by(f32::total_cmp);
    edges.dedup_by(|a, b| (*a - *b).abs() < 2.0);
    let n = frags.len();
    let quarter = (n / 4).max(3);
    let mut best: Option<(usize, f32)> = None;
    for &e in &edges {
        let x = e + 1.0;
        if x <= min_x + width * 0.25 || x >= max_x - width * 0.25 {
            continue;
        }
        let crossing = frags.iter().filter(|f| f.x0 < x && f.x1 > x).count();
        if crossing * 5 > n {
            continue;
        }
        let left = frags.iter().filter(|f| f.x1 <= x).count();
        let right = frags.iter().filter(|f| f.x0 >= x).count();
        if left < quarter || right < quarter {
            continue;
        }
        let right_start = frags
            .iter()
            .filter(|f| f.x0 >= x)
            .map(|f| f.x0)
            .fold(f32::MAX, f32::min);
        if right_start - x > width * 0.15 {
            continue;
        }
        // Text columns are filled: most left-side lines run close to the gutter. Table
        // cells ("Plan", "Growth") do not, and a table is read row by row.
        let left_x0 = frags
            .iter()
            .filter(|f| f.x1 <= x)
            .map(|f| f.x0)
            .fold(f32::MAX, f32::min);
        let full = frags
            .iter()
            .filter(|f| f.x1 <= x && f.x1 - left_x0 >= 0.6 * (x - left_x0))
            .count();
        if full * 2 < left {
            continue;
        }
        let score = left.min(right).saturating_sub(crossing * 2);
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, x));
        }
    }
    best.map(|(_, x)| x)
}

fn paragraphs(page: u32, lines: Vec<Frag>) -> Vec<Raw> {
    let mut out: Vec<Raw> = Vec::new();
    let mut prev: Option<(f32, f32)> = None; // (y, size)
    for (i, l) in lines.into_iter().enumerate() {
        let line_no = i as u32 + 1;
        let continues = prev.is_some_and(|(py, ps)| {
            let dy = py - l.y;
            dy > 0.0 && dy < 1.8 * ps.max(l.size) && (ps - l.size).abs() < 0.25 * ps
        });
        match out.last_mut() {
            Some(last) if continues => {
                last.text.push('\n');
                last.text.push_str(&l.text);
            }
            _ => out.push(Raw {
                text: l.text.clone(),
                scope: Scope::Body,
                loc: DeckLoc {
                    page: Some(page),
                    paragraph: Some(line_no),
                    ..DeckLoc::default()
                },
            }),
        }
        prev = Some((l.y, l.size));
    }
    out
}

fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*b.get(i)?, *b.get(i + 1)?]))
}

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_be_bytes([
        *b.get(i)?,
        *b.get(i + 1)?,
        *b.get(i + 2)?,
        *b.get(i + 3)?,
    ]))
}

/// Glyph id → character from an embedded TrueType font's Unicode `cmap` subtable (formats
/// 4 and 12), for CID fonts that carry no ToUnicode map. `None` when there is no usable one.
pub fn truetype_glyph_text(font: &[u8]) -> Option<HashMap<u16, char>> {
    let num_tables = u16_at(font, 4)? as usize;
    let cmap = (0..num_tables.min(64)).find_map(|i| {
        let rec = 12 + 16 * i;
        (font.get(rec..rec + 4)? == b"cmap")
            .then(|| u32_at(font, rec + 8))
            .flatten()
    })? as usize;
    let n = u16_at(font, cmap + 2)? as usize;
    let mut best: Option<(u8, usize)> = None;
    for i in 0..n.min(64) {
        let rec = cmap + 4 + 8 * i;
        let (pid, eid, off) = (
            u16_at(font, rec)?,
            u16_at(font, rec + 2)?,
            u32_at(font, rec + 4)? as usize,
        );
        let rank = match (pid, eid) {
            (3, 10) => 4,
            (0, 4) | (0, 6) => 3,
            (3, 1) => 2,
            (0, _) => 1,
            _ => continue,
        };
        if best.is_none_or(|(r, _)| rank > r) {
            best = Some((rank, cmap + off));
        }
    }
    let (_, sub) = best?;
    let mut out = HashMap::new();
    match u16_at(font, sub)? {
        4 => {
            let seg_x2 = u16_at(font, sub + 6)? as usize;
            let ends = sub + 14;
            let starts = ends + seg_x2 + 2;
            let deltas = starts + seg_x2;
            let offsets = deltas + seg_x2;
            for s in 0..seg_x2 / 2 {
                let (end, start) = (u16_at(font, ends + 2 * s)?, u16_at(font, starts + 2 * s)?);
                let delta = u16_at(font, deltas + 2 * s)?;
                let range_off = u16_at(font, offsets + 2 * s)? as usize;
                if start > end || end == 0xFFFF && start == 0xFFFF {
                    continue;
                }
                for c in start..=end {
                    let gid = if range_off == 0 {
                        c.wrapping_add(delta)
                    } else {
                        let at = offsets + 2 * s + range_off + 2 * (c - start) as usize;
                        match u16_at(font, at) {
                            Some(0) | None => continue,
                            Some(g) => g.wrapping_add(delta),
                        }
                    };
                    if let Some(ch) = char::from_u32(u32::from(c)) {
                        out.entry(gid).or_insert(ch);
                    }
                }
            }
        }
        12 => {
            let groups = u32_at(font, sub + 12)? as usize;
            for g in 0..groups.min(100_000) {
                let at = sub + 16 + 12 * g;
                let (start, end, gid) = (
                    u32_at(font, at)?,
                    u32_at(font, at + 4)?,
                    u32_at(font, at + 8)?,
                );
                if end < start || end - start > 0x10000 {
                    continue;
                }
                for c in start..=end {
                    if let (Ok(g), Some(ch)) = (u16::try_from(gid + (c - start)), char::from_u32(c))
                    {
                        out.entry(g).or_insert(ch);
                    }
                }
            }
        }
        _ => return None,
    }
    (!out.is_empty()).then_some(out)
}

/// A ToUnicode CMap (`beginbfchar` / `beginbfrange`), parsed leniently: any line endings,
/// comments, arrays of destinations.
#[derive(Debug, Default)]
pub struct CMap {
    single: HashMap<u32, String>,
    ranges: Vec<(u32, u32, Vec<u16>)>,
    /// Byte length of codes when every codespace range agrees.
    pub code_len: Option<u8>,
}

fn hex_bytes(s: &[u8]) -> Vec<u8> {
    let digits: Vec<u8> = s
        .iter()
        .filter_map(|c| (*c as char).to_digit(16).map(|d| d as u8))
        .collect();
    digits
        .chunks(2)
        .map(|p| (p[0] << 4) | p.get(1).copied().unwrap_or(0))
        .collect()
}

fn be(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |a, b| (a << 8) | u32::from(*b))
}

fn utf16(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|p| (u16::from(p[0]) << 8) | u16::from(p.get(1).copied().unwrap_or(0)))
        .collect()
}

#[derive(Debug)]
enum Tok {
    Hex(Vec<u8>),
    Word(Vec<u8>),
    Open,
    Close,
}

fn tokens(data: &[u8]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() && out.len() < 2_000_000 {
        match data[i] {
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) != Some(&b'<') => {
                let end = data[i..]
                    .iter()
                    .position(|c| *c == b'>')
                    .map_or(data.len(), |p| i + p);
                out.push(Tok::Hex(hex_bytes(&data[i + 1..end])));
                i = end + 1;
            }
            b'[' => {
                out.push(Tok::Open);
                i += 1;
            }
            b']' => {
                out.push(Tok::Close);
                i += 1;
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                let start = i;
                while i < data.len()
                    && !data[i].is_ascii_whitespace()
                    && !matches!(data[i], b'<' | b'[' | b']' | b'%')
                {
                    i += 1;
                }
                if i == start {
                    i += 1;
                }
                out.push(Tok::Word(data[start..i].to_vec()));
            }
        }
    }
    out
}

impl CMap {
    pub fn parse(data: &[u8]) -> CMap {
        let toks = tokens(data);
        let mut cmap = CMap::default();
        let mut lens: Vec<usize> = Vec::new();
        let mut i = 0;
        let mut mode = "";
        while i < toks.len() {
            match &toks[i] {
                Tok::Word(w) => {
                    mode = match w.as_slice() {
                        b"begincodespacerange" => "space",
                        b"beginbfchar" => "char",
                        b"beginbfrange" => "range",
                        _ => {
                            if w.starts_with(b"end") {
                                ""
                            } else {
                                mode
                            }
                        }
                    };
                    i += 1;
                }
                Tok::Hex(a) => match mode {
                    "space" => {
                        lens.push(a.len());
                        i += 2;
                    }
                    "char" => {
                        if let Some(Tok::Hex(dst)) = toks.get(i + 1) {
                            cmap.single
                                .insert(be(a), String::from_utf16_lossy(&utf16(dst)));
                        }
                        i += 2;
                    }
                    "range" => {
                        let (lo, hi) = match toks.get(i + 1) {
                            Some(Tok::Hex(h)) => (be(a), be(h)),
                            _ => {
                                i += 1;
                                continue;
                            }
                        };
                        match toks.get(i + 2) {
                            Some(Tok::Hex(dst)) => {
                                if hi >= lo && hi - lo < 65536 {
                                    cmap.ranges.push((lo, hi, utf16(dst)));
                                }
                                i += 3;
                            }
                            Some(Tok::Open) => {
                                let mut j = i + 3;
                                let mut code = lo;
                                while let Some(Tok::Hex(dst)) = toks.get(j) {
                                    if code <= hi {
                                        cmap.single
                                            .insert(code, String::from_utf16_lossy(&utf16(dst)));
                                    }
                                    code = code.saturating_add(1);
                                    j += 1;
                                }
                                i = j + 1;
                            }
                            _ => i += 2,
                        }
                    }
                    _ => i += 1,
                },
                _ => i += 1,
            }
        }
        lens.sort_unstable();
        lens.dedup();
        if lens.len() == 1 {
            cmap.code_len = Some(lens[0] as u8);
        }
        cmap
    }

    pub fn is_empty(&self) -> bool {
        self.single.is_empty() && self.ranges.is_empty()
    }

    pub fn get(&self, code: u32) -> Option<String> {
        if let Some(s) = self.single.get(&code) {
            return Some(s.clone());
        }
        let (lo, _, dst) = self
            .ranges
            .iter()
            .find(|(lo, hi, _)| (*lo..=*hi).contains(&code))?;
        let mut units = dst.clone();
        if let Some(last) = units.last_mut() {
            *last = last.wrapping_add((code - lo) as u16);
        }
        Some(String::from_utf16_lossy(&units))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmap_with_cr_line_ends_ranges_and_arrays() {
        let data = b"/CIDInit /ProcSet findresource begin\r1 begincodespacerange\r<0000> <FFFF>\rendcodespacerange\r2 beginbfchar\r<0003> <0020>\r<0026> <00660069>\rendbfchar\r2 beginbfrange\r<0010> <0012> <0041>\r<0020> <0021> [<0061> <0062>]\rendbfrange";
        let c = CMap::parse(data);
        assert_eq!(c.code_len, Some(2));
        assert_eq!(c.get(3).as_deref(), Some(" "));
        assert_eq!(c.get(0x26).as_deref(), Some("fi"));
        assert_eq!(c.get(0x11).as_deref(), Some("B"));
        assert_eq!(c.get(0x21).as_deref(), Some("b"));
        assert_eq!(c.get(0x99), None);
    }
}
