//! Fonts: how a shown code becomes text and how far it advances. Owns the per-document
//! font model (simple and composite fonts, widths, Type3 matrices), the decoding chain
//! (ToUnicode CMap, then for CID fonts the embedded TrueType `cmap` through
//! `/CIDToGIDMap` or the CFF charset's glyph names (`cff`), then the simple font's
//! encoding), vertical writing mode (`/WMode`, `/DW2`), msglint's own lenient ToUnicode CMap parser and the TrueType
//! `cmap` reader. Must not: track graphics or text state (`content`) or position glyphs
//! (`layout`); never panics on a malformed font program, it decodes less.

use super::cff::cff_glyph_text;
use super::{MAX_STREAM_BYTES, num, nums};
use lopdf::{Dictionary, Object};
use std::collections::HashMap;

/// Resolves references while a font is loaded.
struct Res<'d> {
    doc: &'d lopdf::Document,
}

impl Res<'_> {
    fn deref<'a>(&'a self, o: &'a Object) -> Option<&'a Object> {
        self.doc.dereference(o).ok().map(|(_, o)| o)
    }

    fn dict<'a>(&'a self, o: &'a Object) -> Option<&'a Dictionary> {
        self.deref(o)?.as_dict().ok()
    }
}

/// A font, decoded once per document.
/// A map keyed by character code, looked up once or twice per glyph: a multiplicative
/// hash instead of SipHash (codes come from the file, but a map holds at most 200,000,
/// and a file over its time budget is stopped).
pub(super) type CodeMap<V> = HashMap<u32, V, std::hash::BuildHasherDefault<CodeHasher>>;

#[derive(Default)]
pub(super) struct CodeHasher(u64);

impl std::hash::Hasher for CodeHasher {
    fn finish(&self) -> u64 {
        // Fold the high bits down, so codes differing only in their high bits still spread.
        self.0 ^ (self.0 >> 32)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = (u64::from(n) ^ self.0).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

pub(super) struct Font {
    pub(super) two_byte: bool,
    /// Vertical writing (`/WMode 1`): glyphs advance down the page.
    pub(super) vertical: bool,
    /// The vertical advance in glyph space (`/DW2`'s second number; −1000 when absent).
    pub(super) vertical_advance: f32,
    to_unicode: Option<CMap>,
    simple: Option<SimpleEnc>,
    /// CID fonts without ToUnicode: glyph id → text from the embedded TrueType `cmap`.
    glyph_text: Option<HashMap<u16, String>>,
    /// CID → glyph id (`/CIDToGIDMap` stream); identity when absent.
    cid_to_gid: Option<Vec<u16>>,
    pub(super) widths: CodeMap<f32>,
    pub(super) default_width: f32,
    /// Glyph space → text space (1/1000 for most fonts, the FontMatrix for Type3).
    pub(super) glyph_scale: f32,
    cache: CodeMap<Option<std::rc::Rc<str>>>,
}

/// The fallback decoding of a simple font, owned so the font can be cached.
enum SimpleEnc {
    Table(Box<[Option<char>; 256]>),
}

pub(super) fn load_font(doc: &lopdf::Document, d: &Dictionary) -> Font {
    let cx = Res { doc };
    let subtype = d.get(b"Subtype").and_then(Object::as_name).unwrap_or(b"");
    let two_byte = subtype == b"Type0";
    let to_unicode = d
        .get(b"ToUnicode")
        .ok()
        .and_then(|o| cx.deref(o))
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
        Some(simple_table(d, cx.doc))
    };
    let mut widths = CodeMap::default();
    let mut default_width = 500.0;
    let mut glyph_scale = 0.001;
    let vertical = two_byte && writing_mode_vertical(d, &cx);
    let mut vertical_advance = -1000.0;
    if two_byte {
        default_width = 1000.0;
        if let Some(desc) = d
            .get(b"DescendantFonts")
            .ok()
            .and_then(|o| cx.deref(o))
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| cx.dict(o))
        {
            if let Some(dw) = desc.get(b"DW").ok().and_then(num) {
                default_width = dw;
            }
            if let Some(w1y) = desc
                .get(b"DW2")
                .ok()
                .and_then(|o| cx.deref(o))
                .and_then(nums)
                .and_then(|v| v.get(1).copied())
                .filter(|v| *v < 0.0)
            {
                vertical_advance = w1y;
            }
            if let Some(w) = desc
                .get(b"W")
                .ok()
                .and_then(|o| cx.deref(o))
                .and_then(|o| o.as_array().ok())
            {
                cid_widths(w, &mut widths, &cx);
            }
        }
    } else {
        let first = d.get(b"FirstChar").ok().and_then(num).unwrap_or(0.0) as u32;
        if let Some(ws) = d
            .get(b"Widths")
            .ok()
            .and_then(|o| cx.deref(o))
            .and_then(|o| o.as_array().ok())
        {
            for (k, w) in ws.iter().enumerate().take(65536) {
                if let Some(w) = cx.deref(w).and_then(num) {
                    widths.insert(first + k as u32, w);
                }
            }
        }
        if let Some(mw) = d
            .get(b"FontDescriptor")
            .ok()
            .and_then(|o| cx.dict(o))
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
            .and_then(|o| cx.deref(o))
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| cx.dict(o));
        if let Some(desc) = desc {
            let fd = desc.get(b"FontDescriptor").ok().and_then(|o| cx.dict(o));
            let program = |key: &[u8]| {
                fd.and_then(|fd| fd.get(key).ok())
                    .and_then(|o| cx.deref(o))
                    .and_then(|o| o.as_stream().ok())
                    .and_then(|st| super::content::stream_data(st, MAX_STREAM_BYTES))
            };
            glyph_text = program(b"FontFile2")
                .and_then(|font| truetype_glyph_text(&font))
                .map(|m| m.into_iter().map(|(g, c)| (g, c.to_string())).collect())
                .or_else(|| {
                    // CFF outlines (`CIDFontType0C`, or `OpenType` with a `cmap` table
                    // first): glyph names from the charset.
                    let font = program(b"FontFile3")?;
                    truetype_glyph_text(&font)
                        .map(|m| m.into_iter().map(|(g, c)| (g, c.to_string())).collect())
                        .or_else(|| cff_glyph_text(&font))
                });
            cid_to_gid = desc
                .get(b"CIDToGIDMap")
                .ok()
                .and_then(|o| cx.deref(o))
                .and_then(|o| o.as_stream().ok())
                .and_then(|st| st.decompressed_content_with_limit(MAX_STREAM_BYTES).ok())
                .map(|b| {
                    b.chunks(2)
                        .map(|p| (u16::from(p[0]) << 8) | u16::from(p.get(1).copied().unwrap_or(0)))
                        .collect()
                });
        }
    }
    Font {
        two_byte,
        vertical,
        vertical_advance,
        to_unicode,
        simple,
        glyph_text,
        cid_to_gid,
        widths,
        default_width,
        glyph_scale,
        cache: CodeMap::default(),
    }
}

/// A composite font writes vertically when its encoding is a predefined vertical CMap
/// (`Identity-V`, `UniJIS-UCS2-V`…) or an embedded CMap with `/WMode 1`.
fn writing_mode_vertical(d: &Dictionary, cx: &Res) -> bool {
    match d.get(b"Encoding").ok().and_then(|o| cx.deref(o)) {
        Some(Object::Name(n)) => n.ends_with(b"-V"),
        Some(Object::Stream(st)) => {
            st.dict
                .get(b"WMode")
                .ok()
                .and_then(|o| cx.deref(o))
                .and_then(|o| o.as_i64().ok())
                == Some(1)
        }
        _ => false,
    }
}

fn cid_widths(w: &[Object], widths: &mut CodeMap<f32>, cx: &Res) {
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
    pub(super) fn decode(&mut self, code: u32, _doc: &lopdf::Document) -> Option<std::rc::Rc<str>> {
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
            out = gid.and_then(|g| map.get(&g)).cloned();
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
                .into()
        });
        self.cache.insert(code, out.clone());
        out
    }
}

pub(super) fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*b.get(i)?, *b.get(i + 1)?]))
}

pub(super) fn u32_at(b: &[u8], i: usize) -> Option<u32> {
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
