//! The content-stream interpreter: follows the graphics and text state (CTM, `q`/`Q`, text
//! matrix, font, spacing, rise) through a page's content and its form XObjects (depth 8, no
//! cycles) and emits every shown glyph in page space. Must not: decode a font's codes
//! itself (`fonts` does), group glyphs into lines or paragraphs (`layout` does), or decide
//! whether the file is readable (it reports `PageError`s to `mod`).

use super::fonts::{Font, load_font};
use super::lexer::{Item, Lexer, Operand, Scratch, Step, int_value, real_value};
use super::{
    MAX_FORM_DEPTH, MAX_GLYPHS, MAX_OPS_PER_FILE, MAX_PAGE_CONTENT_BYTES, MAX_PAGE_GLYPHS,
};
use super::{MAX_STREAM_BYTES, PageError, TIME_BUDGET, num, nums};
use lopdf::content::Content;
use lopdf::{Dictionary, Object, ObjectId};
use std::collections::HashMap;
use std::time::Instant;

/// One shown glyph in page space.
#[derive(Clone, Debug)]
pub(super) struct Glyph {
    pub(super) x: f32,
    pub(super) y: f32,
    /// Advance in page space.
    pub(super) w: f32,
    /// Font size in page space.
    pub(super) size: f32,
    /// Shared with the font's decode cache: no allocation per glyph.
    pub(super) text: std::rc::Rc<str>,
    /// Reading direction in page space (unit vector): the text space x axis, or its
    /// downward y axis for a vertical-writing font.
    pub(super) dir: [f32; 2],
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
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        }
    }
}

/// The graphics and text state of one content stream (a page's or a form's).
struct State<'r> {
    fonts: Dictionary,
    xobjects: Dictionary,
    resources: &'r Dictionary,
    ctm: M,
    stack: Vec<(M, TextState)>,
    ts: TextState,
    tm: M,
    tlm: M,
    depth: usize,
}

/// An element of a `TJ` array.
enum TjItem<'a> {
    Str(&'a [u8]),
    /// A number (`None` if not finite).
    Num(Option<f32>),
    Other,
}

/// An operation's operands, from the lexer or from lopdf, read as the interpreter reads
/// them: a number is an integer or real (finite), a string a literal or hexadecimal one.
trait Operands {
    fn len(&self) -> usize;
    fn num(&self, i: usize) -> Option<f32>;
    fn name(&self, i: usize) -> Option<&[u8]>;
    fn string(&self, i: usize) -> Option<&[u8]>;
    /// The length of operand `i` if it is an array, else 0.
    fn array_len(&self, i: usize) -> usize;
    fn item(&self, i: usize, j: usize) -> TjItem<'_>;
}

impl Operands for &[Object] {
    fn len(&self) -> usize {
        <[Object]>::len(self)
    }
    fn num(&self, i: usize) -> Option<f32> {
        self.get(i).and_then(num)
    }
    fn name(&self, i: usize) -> Option<&[u8]> {
        self.get(i).and_then(|o| o.as_name().ok())
    }
    fn string(&self, i: usize) -> Option<&[u8]> {
        match self.get(i) {
            Some(Object::String(s, _)) => Some(s),
            _ => None,
        }
    }
    fn array_len(&self, i: usize) -> usize {
        match self.get(i) {
            Some(Object::Array(a)) => a.len(),
            _ => 0,
        }
    }
    fn item(&self, i: usize, j: usize) -> TjItem<'_> {
        let Some(Object::Array(a)) = self.get(i) else {
            return TjItem::Other;
        };
        match a.get(j) {
            Some(Object::String(s, _)) => TjItem::Str(s),
            Some(o @ (Object::Integer(_) | Object::Real(_))) => TjItem::Num(num(o)),
            _ => TjItem::Other,
        }
    }
}

/// The operands the lexer read, over the piece of content they came from.
struct Lexed<'a> {
    b: &'a [u8],
    sc: &'a Scratch,
}

impl Operands for Lexed<'_> {
    fn len(&self) -> usize {
        self.sc.operands.len()
    }
    fn num(&self, i: usize) -> Option<f32> {
        let v = match *self.sc.operands.get(i)? {
            Operand::Int(s, e) => int_value(&self.b[s..e]),
            Operand::Real(s, e) => real_value(&self.b[s..e])?,
            _ => return None,
        };
        v.is_finite().then_some(v)
    }
    fn name(&self, i: usize) -> Option<&[u8]> {
        match *self.sc.operands.get(i)? {
            Operand::Name(s, e) => Some(&self.b[s..e]),
            _ => None,
        }
    }
    fn string(&self, i: usize) -> Option<&[u8]> {
        match *self.sc.operands.get(i)? {
            Operand::Str(s, e) => Some(&self.sc.buf[s..e]),
            _ => None,
        }
    }
    fn array_len(&self, i: usize) -> usize {
        match self.sc.operands.get(i) {
            Some(&Operand::Array(s, e)) => e - s,
            _ => 0,
        }
    }
    fn item(&self, i: usize, j: usize) -> TjItem<'_> {
        let Some(&Operand::Array(s, e)) = self.sc.operands.get(i) else {
            return TjItem::Other;
        };
        let Some(item) = self.sc.items[s..e].get(j) else {
            return TjItem::Other;
        };
        match *item {
            Item::Str(s, e) => TjItem::Str(&self.sc.buf[s..e]),
            Item::Int(s, e) => TjItem::Num(Some(int_value(&self.b[s..e]))),
            Item::Real(s, e) => TjItem::Num(real_value(&self.b[s..e]).filter(|v| v.is_finite())),
            Item::Other => TjItem::Other,
        }
    }
}

pub(super) struct Interp<'d> {
    doc: &'d lopdf::Document,
    /// Looked up at every string shown: a fast hash (ids come from the file, but the map
    /// holds only the fonts the pages use).
    fonts: HashMap<ObjectId, Font, foldhash::fast::RandomState>,
    deadline: Instant,
    glyph_count: usize,
    /// The current page had more than `MAX_PAGE_GLYPHS` glyphs; the rest were dropped.
    pub(super) page_truncated: bool,
    ops: usize,
    pub(super) problems: Vec<String>,
}

impl<'d> Interp<'d> {
    pub(super) fn new(doc: &'d lopdf::Document, deadline: Instant) -> Self {
        Interp {
            doc,
            fonts: HashMap::default(),
            deadline,
            glyph_count: 0,
            page_truncated: false,
            ops: 0,
            problems: Vec::new(),
        }
    }

    fn deref<'a>(&'a self, o: &'a Object) -> Option<&'a Object> {
        self.doc.dereference(o).ok().map(|(_, o)| o)
    }

    fn dict<'a>(&'a self, o: &'a Object) -> Option<&'a Dictionary> {
        self.deref(o)?.as_dict().ok()
    }

    pub(super) fn page(&mut self, page_id: ObjectId) -> Result<Vec<Glyph>, PageError> {
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
            if out.is_empty() {
                // One content stream (most pages): no copy.
                out = data;
            } else {
                out.extend_from_slice(&data);
            }
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
        let mut st = State {
            fonts: self.sub_dict(resources, b"Font").unwrap_or_default(),
            xobjects: self.sub_dict(resources, b"XObject").unwrap_or_default(),
            resources,
            ctm: base,
            stack: Vec::new(),
            ts: TextState::default(),
            tm: M::ID,
            tlm: M::ID,
            depth,
        };
        let mut scratch = Scratch::default();
        // Read a piece at a time, as lopdf read it (its parse of a content stream took about
        // 90 bytes of memory per byte of content): where the lexer hands a piece's rest to
        // lopdf, lopdf sees the same pieces it always did.
        for chunk in content_chunks(content, CONTENT_CHUNK) {
            let mut lexer = Lexer::new(chunk);
            loop {
                match lexer.next_op(&mut scratch) {
                    Step::Op(s, e) => {
                        self.count_op()?;
                        let a = Lexed {
                            b: chunk,
                            sc: &scratch,
                        };
                        self.exec(&chunk[s..e], &a, &mut st, out, seen)?;
                    }
                    Step::End => break,
                    Step::Fallback(at) => {
                        let ops = match Content::decode(&chunk[at..]) {
                            Ok(c) => c.operations,
                            Err(e) => {
                                return Err(PageError::Page(format!(
                                    "malformed content stream: {e}"
                                )));
                            }
                        };
                        for op in &ops {
                            self.count_op()?;
                            self.exec(
                                op.operator.as_bytes(),
                                &op.operands.as_slice(),
                                &mut st,
                                out,
                                seen,
                            )?;
                        }
                        break;
                    }
                }
            }
        }
        Ok(())
    }

    /// One more operation against the file's budget.
    fn count_op(&mut self) -> Result<(), PageError> {
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
        Ok(())
    }

    /// One operation.
    fn exec(
        &mut self,
        op: &[u8],
        a: &impl Operands,
        st: &mut State,
        out: &mut Vec<Glyph>,
        seen: &mut Vec<ObjectId>,
    ) -> Result<(), PageError> {
        let f = |i: usize| a.num(i).unwrap_or(0.0);
        match op {
            b"q" if st.stack.len() < 1024 => {
                st.stack.push((st.ctm, st.ts.clone()));
            }
            b"Q" => {
                if let Some((c, t)) = st.stack.pop() {
                    st.ctm = c;
                    st.ts = t;
                }
            }
            b"cm" => st.ctm = M([f(0), f(1), f(2), f(3), f(4), f(5)]).mul(st.ctm),
            b"BT" => {
                st.tm = M::ID;
                st.tlm = M::ID;
            }
            b"Tf" => {
                st.ts.size = f(1);
                st.ts.font = None;
                if let Some(name) = a.name(0) {
                    st.ts.font = st.fonts.get(name).ok().and_then(|o| match o {
                        Object::Reference(id) => Some(*id),
                        _ => None,
                    });
                    if st.ts.font.is_none() {
                        // An inline font dictionary: key it by a synthetic id.
                        if let Ok(Object::Dictionary(d)) = st.fonts.get(name) {
                            let id = (u32::MAX - (name.len() as u32), 0);
                            self.load_font_dict(id, d);
                            st.ts.font = Some(id);
                        }
                    }
                }
            }
            b"Tc" => st.ts.char_spacing = f(0),
            b"Tw" => st.ts.word_spacing = f(0),
            b"Tz" => st.ts.scale = f(0) / 100.0,
            b"TL" => st.ts.leading = f(0),
            b"Ts" => st.ts.rise = f(0),
            b"Td" => {
                st.tlm = M::translate(f(0), f(1)).mul(st.tlm);
                st.tm = st.tlm;
            }
            b"TD" => {
                st.ts.leading = -f(1);
                st.tlm = M::translate(f(0), f(1)).mul(st.tlm);
                st.tm = st.tlm;
            }
            b"Tm" => {
                st.tlm = M([f(0), f(1), f(2), f(3), f(4), f(5)]);
                st.tm = st.tlm;
            }
            b"T*" => {
                st.tlm = M::translate(0.0, -st.ts.leading).mul(st.tlm);
                st.tm = st.tlm;
            }
            b"Tj" => {
                if let Some(s) = a.string(0) {
                    self.show(s, &st.ts, &mut st.tm, st.ctm, out)?;
                }
            }
            b"'" | b"\"" => {
                if op == b"\"" {
                    st.ts.word_spacing = f(0);
                    st.ts.char_spacing = f(1);
                }
                st.tlm = M::translate(0.0, -st.ts.leading).mul(st.tlm);
                st.tm = st.tlm;
                if let Some(s) = a.len().checked_sub(1).and_then(|i| a.string(i)) {
                    self.show(s, &st.ts, &mut st.tm, st.ctm, out)?;
                }
            }
            b"TJ" => {
                for j in 0..a.array_len(0) {
                    match a.item(0, j) {
                        TjItem::Str(s) => self.show(s, &st.ts, &mut st.tm, st.ctm, out)?,
                        TjItem::Num(Some(n)) => {
                            let tx = -n / 1000.0 * st.ts.size * st.ts.scale;
                            st.tm = M::translate(tx, 0.0).mul(st.tm);
                        }
                        TjItem::Num(None) | TjItem::Other => {}
                    }
                }
            }
            b"Do" => {
                if st.depth >= MAX_FORM_DEPTH {
                    return Ok(());
                }
                let Some(name) = a.name(0) else {
                    return Ok(());
                };
                let Ok(Object::Reference(id)) = st.xobjects.get(name) else {
                    return Ok(());
                };
                if seen.contains(id) {
                    return Ok(());
                }
                let Ok(stream) = self.doc.get_object(*id).and_then(Object::as_stream) else {
                    return Ok(());
                };
                if stream.dict.get(b"Subtype").and_then(Object::as_name).ok()
                    != Some(b"Form".as_slice())
                {
                    return Ok(());
                }
                let Some(data) = stream_data(stream, MAX_STREAM_BYTES) else {
                    return Ok(());
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
                    .unwrap_or_else(|| st.resources.clone());
                let id = *id;
                seen.push(id);
                self.run(
                    &data,
                    &form_res,
                    matrix.mul(st.ctm),
                    out,
                    st.depth + 1,
                    seen,
                )?;
                seen.pop();
            }
            _ => {}
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
            let spacing = ts.char_spacing + if is_space { ts.word_spacing } else { 0.0 };
            // Horizontal writing advances along x; vertical writing (`/WMode 1`, e.g.
            // Identity-V) advances down by the font's vertical displacement.
            let (tx, ty) = if font.vertical {
                (
                    0.0,
                    font.vertical_advance * font.glyph_scale * ts.size + spacing,
                )
            } else {
                ((w0 * ts.size + spacing) * ts.scale, 0.0)
            };
            let next = M::translate(tx, ty).mul(*tm);
            let adv = next.mul(ctm);
            let w = ((adv.0[4] - trm.0[4]).powi(2) + (adv.0[5] - trm.0[5]).powi(2)).sqrt();
            let axis = if font.vertical {
                [-trm.0[2], -trm.0[3]]
            } else {
                [trm.0[0], trm.0[1]]
            };
            let len = (axis[0] * axis[0] + axis[1] * axis[1]).sqrt();
            let dir = if len.is_finite() && len > 0.0 {
                [axis[0] / len, axis[1] / len]
            } else {
                [1.0, 0.0]
            };
            if let Some(text) = text
                && size.is_finite()
                && trm.0[4].is_finite()
                && trm.0[5].is_finite()
            {
                if out.len() >= MAX_PAGE_GLYPHS {
                    // A page no real document reaches; keep what was read, bounded.
                    self.page_truncated = true;
                    *tm = next;
                    continue;
                }
                out.push(Glyph {
                    x: trm.0[4],
                    y: trm.0[5],
                    w,
                    size,
                    text,
                    dir,
                });
                self.glyph_count += 1;
            }
            *tm = next;
        }
        if self.glyph_count > MAX_GLYPHS {
            return Err(PageError::Budget(format!("more than {MAX_GLYPHS} glyphs")));
        }
        Ok(())
    }

    fn load_font_dict(&mut self, id: ObjectId, d: &Dictionary) {
        let font = load_font(self.doc, d);
        self.fonts.insert(id, font);
    }
}

/// Bytes of content stream parsed at once (see `Interp::run`).
pub(super) const CONTENT_CHUNK: usize = 64 * 1024;

/// Cut a content stream into pieces of about `size` bytes, each ending after a whole
/// operator: at a line break outside strings, arrays, dictionaries and inline images.
pub(super) fn content_chunks(content: &[u8], size: usize) -> impl Iterator<Item = &[u8]> {
    let mut rest = content;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let cut = safe_cut(rest, size).unwrap_or(rest.len());
        let (chunk, tail) = rest.split_at(cut);
        rest = tail;
        Some(chunk)
    })
}

/// The bytes `safe_cut` looks at outside strings and inline images.
const CUT_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let special = b"(%[<]>I\n\r";
    let mut k = 0;
    while k < special.len() {
        t[special[k] as usize] = true;
        k += 1;
    }
    t
};

/// The first line break at or after `size` that is outside any string (literal or hex),
/// array, dictionary or inline image.
fn safe_cut(b: &[u8], size: usize) -> Option<usize> {
    safe_cut_with(b, size, true)
}

/// `safe_cut`; `skip`: pass over the bytes that change nothing (outside strings and
/// images) with a table, not one `match` each. A test compares it with `skip` off.
fn safe_cut_with(b: &[u8], size: usize, skip: bool) -> Option<usize> {
    if b.len() <= size {
        return None;
    }
    let (mut paren, mut nest, mut i) = (0usize, 0usize, 0usize);
    let mut in_image = false;
    while i < b.len() {
        if skip && !in_image && paren == 0 {
            // Outside strings and images only these bytes change anything.
            while i < b.len() && !CUT_BYTES[usize::from(b[i])] {
                i += 1;
            }
            if i == b.len() {
                break;
            }
        }
        let c = b[i];
        if in_image {
            // Inline image data ends at whitespace + `EI` + whitespace.
            if c == b'E'
                && b.get(i + 1) == Some(&b'I')
                && i > 0
                && b[i - 1].is_ascii_whitespace()
                && b.get(i + 2).is_none_or(u8::is_ascii_whitespace)
            {
                in_image = false;
                i += 2;
                continue;
            }
            i += 1;
            continue;
        }
        match c {
            b'\\' if paren > 0 => i += 1,
            b'(' => paren += 1,
            b')' if paren > 0 => paren -= 1,
            _ if paren > 0 => {}
            b'%' => {
                while i < b.len() && b[i] != b'\n' && b[i] != b'\r' {
                    i += 1;
                }
                continue;
            }
            b'[' | b'<' => nest += 1,
            b']' | b'>' => nest = nest.saturating_sub(1),
            b'I' if i > 0
                && b[i - 1] == b'B'
                && (i < 2 || b[i - 2].is_ascii_whitespace())
                && b.get(i + 1).is_none_or(u8::is_ascii_whitespace) =>
            {
                in_image = true;
            }
            b'\n' | b'\r' if nest == 0 && i >= size => return Some(i + 1),
            _ => {}
        }
        i += 1;
    }
    None
}

/// A stream's decoded bytes, at most `limit`: decompressed, or as stored when it names no
/// filter. `None` when a filter cannot be applied.
pub(crate) fn stream_data(stream: &lopdf::Stream, limit: usize) -> Option<Vec<u8>> {
    stream
        .decompressed_content_with_limit(limit)
        .ok()
        .or_else(|| {
            stream
                .dict
                .get(b"Filter")
                .is_err()
                .then(|| stream.content.clone())
        })
}

#[cfg(test)]
mod chunk_tests {
    use super::*;

    #[test]
    fn safe_cut_agrees_with_its_reference() {
        let content: &[u8] = b"BT\n(a\nb\\) Tj\n(c) Tj) x\n[(x\n) 3 (y)] TJ\nET\n<</A [1\n2]>> BDC\n%c (\nBI /W 1\nID \n\n\n EI\nq\nQ\nBIX\n1 0 0 1 0 0 cm\r\n>>\n]]\n(\\\n)\n";
        for start in 0..content.len() {
            let b = &content[start..];
            for size in 0..b.len() + 2 {
                assert_eq!(
                    safe_cut(b, size),
                    safe_cut_with(b, size, false),
                    "{start} {size}"
                );
            }
        }
    }

    #[test]
    fn chunks_end_after_whole_operators() {
        let content = b"BT\n(a\nb) Tj\n[(x\n) 3 (y)] TJ\nET\nBI /W 1\nID \n\n\n EI\nq\nQ\n";
        for size in 0..content.len() {
            let chunks: Vec<&[u8]> = content_chunks(content, size).collect();
            assert_eq!(chunks.concat(), content.to_vec());
            for c in &chunks[..chunks.len() - 1] {
                let text = String::from_utf8_lossy(c);
                assert!(
                    [
                        &b"BT\n"[..],
                        b"(a\nb) Tj\n",
                        b"TJ\n",
                        b"ET\n",
                        b"EI\n",
                        b"q\n"
                    ]
                    .iter()
                    .any(|end| c.ends_with(end)),
                    "cut inside an operator at {size}: {text:?}"
                );
            }
        }
    }
}
