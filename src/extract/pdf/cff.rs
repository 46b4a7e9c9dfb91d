//! CFF glyph names: a small reader of a Compact Font Format program (bare, as in
//! `FontFile3`/`CIDFontType0C`, or inside an OpenType `CFF ` table) that maps each glyph id
//! to text through the font's charset names (`uni0041`, `u1F600`, `Aacute`, `f_i`,
//! `a.sc`), following the Adobe Glyph List conventions with a table of the standard names.
//! Must not: interpret charstrings, or guess: a CID-keyed font (whose charset holds CIDs,
//! not names) and a name it does not know give no text. Never panics on a malformed font.

use super::fonts::{u16_at, u32_at};
use std::collections::HashMap;

/// The first 229 CFF standard strings (the ISOAdobe charset) with their Unicode values.
/// SIDs 229–390 are the expert set's small caps and old-style figures; they decode to
/// nothing here.
const STANDARD: [(&str, char); 229] = [
    (".notdef", '\0'),
    ("space", ' '),
    ("exclam", '!'),
    ("quotedbl", '"'),
    ("numbersign", '#'),
    ("dollar", '$'),
    ("percent", '%'),
    ("ampersand", '&'),
    ("quoteright", '\u{2019}'),
    ("parenleft", '('),
    ("parenright", ')'),
    ("asterisk", '*'),
    ("plus", '+'),
    ("comma", ','),
    ("hyphen", '-'),
    ("period", '.'),
    ("slash", '/'),
    ("zero", '0'),
    ("one", '1'),
    ("two", '2'),
    ("three", '3'),
    ("four", '4'),
    ("five", '5'),
    ("six", '6'),
    ("seven", '7'),
    ("eight", '8'),
    ("nine", '9'),
    ("colon", ':'),
    ("semicolon", ';'),
    ("less", '<'),
    ("equal", '='),
    ("greater", '>'),
    ("question", '?'),
    ("at", '@'),
    ("A", 'A'),
    ("B", 'B'),
    ("C", 'C'),
    ("D", 'D'),
    ("E", 'E'),
    ("F", 'F'),
    ("G", 'G'),
    ("H", 'H'),
    ("I", 'I'),
    ("J", 'J'),
    ("K", 'K'),
    ("L", 'L'),
    ("M", 'M'),
    ("N", 'N'),
    ("O", 'O'),
    ("P", 'P'),
    ("Q", 'Q'),
    ("R", 'R'),
    ("S", 'S'),
    ("T", 'T'),
    ("U", 'U'),
    ("V", 'V'),
    ("W", 'W'),
    ("X", 'X'),
    ("Y", 'Y'),
    ("Z", 'Z'),
    ("bracketleft", '['),
    ("backslash", '\\'),
    ("bracketright", ']'),
    ("asciicircum", '^'),
    ("underscore", '_'),
    ("quoteleft", '\u{2018}'),
    ("a", 'a'),
    ("b", 'b'),
    ("c", 'c'),
    ("d", 'd'),
    ("e", 'e'),
    ("f", 'f'),
    ("g", 'g'),
    ("h", 'h'),
    ("i", 'i'),
    ("j", 'j'),
    ("k", 'k'),
    ("l", 'l'),
    ("m", 'm'),
    ("n", 'n'),
    ("o", 'o'),
    ("p", 'p'),
    ("q", 'q'),
    ("r", 'r'),
    ("s", 's'),
    ("t", 't'),
    ("u", 'u'),
    ("v", 'v'),
    ("w", 'w'),
    ("x", 'x'),
    ("y", 'y'),
    ("z", 'z'),
    ("braceleft", '{'),
    ("bar", '|'),
    ("braceright", '}'),
    ("asciitilde", '~'),
    ("exclamdown", '¡'),
    ("cent", '¢'),
    ("sterling", '£'),
    ("fraction", '\u{2044}'),
    ("yen", '¥'),
    ("florin", 'ƒ'),
    ("section", '§'),
    ("currency", '¤'),
    ("quotesingle", '\''),
    ("quotedblleft", '\u{201C}'),
    ("guillemotleft", '«'),
    ("guilsinglleft", '‹'),
    ("guilsinglright", '›'),
    ("fi", '\u{FB01}'),
    ("fl", '\u{FB02}'),
    ("endash", '–'),
    ("dagger", '†'),
    ("daggerdbl", '‡'),
    ("periodcentered", '·'),
    ("paragraph", '¶'),
    ("bullet", '•'),
    ("quotesinglbase", '‚'),
    ("quotedblbase", '„'),
    ("quotedblright", '\u{201D}'),
    ("guillemotright", '»'),
    ("ellipsis", '…'),
    ("perthousand", '‰'),
    ("questiondown", '¿'),
    ("grave", '`'),
    ("acute", '´'),
    ("circumflex", 'ˆ'),
    ("tilde", '˜'),
    ("macron", '¯'),
    ("breve", '˘'),
    ("dotaccent", '˙'),
    ("dieresis", '¨'),
    ("ring", '˚'),
    ("cedilla", '¸'),
    ("hungarumlaut", '˝'),
    ("ogonek", '˛'),
    ("caron", 'ˇ'),
    ("emdash", '—'),
    ("AE", 'Æ'),
    ("ordfeminine", 'ª'),
    ("Lslash", 'Ł'),
    ("Oslash", 'Ø'),
    ("OE", 'Œ'),
    ("ordmasculine", 'º'),
    ("ae", 'æ'),
    ("dotlessi", 'ı'),
    ("lslash", 'ł'),
    ("oslash", 'ø'),
    ("oe", 'œ'),
    ("germandbls", 'ß'),
    ("onesuperior", '¹'),
    ("logicalnot", '¬'),
    ("mu", 'µ'),
    ("trademark", '™'),
    ("Eth", 'Ð'),
    ("onehalf", '½'),
    ("plusminus", '±'),
    ("Thorn", 'Þ'),
    ("onequarter", '¼'),
    ("divide", '÷'),
    ("brokenbar", '¦'),
    ("degree", '°'),
    ("thorn", 'þ'),
    ("threequarters", '¾'),
    ("twosuperior", '²'),
    ("registered", '®'),
    ("minus", '−'),
    ("eth", 'ð'),
    ("multiply", '×'),
    ("threesuperior", '³'),
    ("copyright", '©'),
    ("Aacute", 'Á'),
    ("Acircumflex", 'Â'),
    ("Adieresis", 'Ä'),
    ("Agrave", 'À'),
    ("Aring", 'Å'),
    ("Atilde", 'Ã'),
    ("Ccedilla", 'Ç'),
    ("Eacute", 'É'),
    ("Ecircumflex", 'Ê'),
    ("Edieresis", 'Ë'),
    ("Egrave", 'È'),
    ("Iacute", 'Í'),
    ("Icircumflex", 'Î'),
    ("Idieresis", 'Ï'),
    ("Igrave", 'Ì'),
    ("Ntilde", 'Ñ'),
    ("Oacute", 'Ó'),
    ("Ocircumflex", 'Ô'),
    ("Odieresis", 'Ö'),
    ("Ograve", 'Ò'),
    ("Otilde", 'Õ'),
    ("Scaron", 'Š'),
    ("Uacute", 'Ú'),
    ("Ucircumflex", 'Û'),
    ("Udieresis", 'Ü'),
    ("Ugrave", 'Ù'),
    ("Yacute", 'Ý'),
    ("Ydieresis", 'Ÿ'),
    ("Zcaron", 'Ž'),
    ("aacute", 'á'),
    ("acircumflex", 'â'),
    ("adieresis", 'ä'),
    ("agrave", 'à'),
    ("aring", 'å'),
    ("atilde", 'ã'),
    ("ccedilla", 'ç'),
    ("eacute", 'é'),
    ("ecircumflex", 'ê'),
    ("edieresis", 'ë'),
    ("egrave", 'è'),
    ("iacute", 'í'),
    ("icircumflex", 'î'),
    ("idieresis", 'ï'),
    ("igrave", 'ì'),
    ("ntilde", 'ñ'),
    ("oacute", 'ó'),
    ("ocircumflex", 'ô'),
    ("odieresis", 'ö'),
    ("ograve", 'ò'),
    ("otilde", 'õ'),
    ("scaron", 'š'),
    ("uacute", 'ú'),
    ("ucircumflex", 'û'),
    ("udieresis", 'ü'),
    ("ugrave", 'ù'),
    ("yacute", 'ý'),
    ("ydieresis", 'ÿ'),
    ("zcaron", 'ž'),
];

/// Common names outside the standard strings (fonts store them as custom strings).
const EXTRA: &[(&str, char)] = &[
    ("Euro", '€'),
    ("nbspace", '\u{A0}'),
    ("nonbreakingspace", '\u{A0}'),
    ("softhyphen", '\u{AD}'),
    ("sfthyphen", '\u{AD}'),
    ("Idotaccent", 'İ'),
    ("Gbreve", 'Ğ'),
    ("gbreve", 'ğ'),
    ("Scedilla", 'Ş'),
    ("scedilla", 'ş'),
    ("Zdotaccent", 'Ż'),
    ("zdotaccent", 'ż'),
    ("Aogonek", 'Ą'),
    ("aogonek", 'ą'),
    ("Eogonek", 'Ę'),
    ("eogonek", 'ę'),
    ("Cacute", 'Ć'),
    ("cacute", 'ć'),
    ("Nacute", 'Ń'),
    ("nacute", 'ń'),
    ("Sacute", 'Ś'),
    ("sacute", 'ś'),
    ("Zacute", 'Ź'),
    ("zacute", 'ź'),
    ("Ccaron", 'Č'),
    ("ccaron", 'č'),
    ("Rcaron", 'Ř'),
    ("rcaron", 'ř'),
    ("Ecaron", 'Ě'),
    ("ecaron", 'ě'),
    ("Uring", 'Ů'),
    ("uring", 'ů'),
    ("ff", '\u{FB00}'),
    ("ffi", '\u{FB03}'),
    ("ffl", '\u{FB04}'),
    ("dotlessj", 'ȷ'),
    ("ellipsis", '…'),
];

/// The CFF program inside a font file: the file itself, or an OpenType font's `CFF `
/// table.
fn cff_table(font: &[u8]) -> Option<&[u8]> {
    if font.get(0..4) != Some(b"OTTO") {
        return Some(font);
    }
    let num_tables = usize::from(u16_at(font, 4)?);
    (0..num_tables.min(64)).find_map(|i| {
        let rec = 12 + 16 * i;
        if font.get(rec..rec + 4)? != b"CFF " {
            return None;
        }
        let off = u32_at(font, rec + 8)? as usize;
        let len = u32_at(font, rec + 12)? as usize;
        font.get(off..off.checked_add(len)?)
    })
}

/// A CFF INDEX at `at`: its items and the offset just past it.
fn index(b: &[u8], at: usize) -> Option<(Vec<&[u8]>, usize)> {
    let count = usize::from(u16_at(b, at)?);
    if count == 0 {
        return Some((Vec::new(), at + 2));
    }
    let off_size = usize::from(*b.get(at + 2)?);
    if !(1..=4).contains(&off_size) {
        return None;
    }
    let offsets_at = at + 3;
    let offset = |i: usize| -> Option<usize> {
        let start = offsets_at + i * off_size;
        let bytes = b.get(start..start + off_size)?;
        Some(bytes.iter().fold(0usize, |a, x| (a << 8) | usize::from(*x)))
    };
    let data = offsets_at + (count + 1) * off_size - 1;
    let mut items = Vec::with_capacity(count.min(65536));
    for i in 0..count {
        let (s, e) = (offset(i)?, offset(i + 1)?);
        if s == 0 || e < s {
            return None;
        }
        items.push(b.get(data + s..data + e)?);
    }
    let end = data + offset(count)?;
    Some((items, end))
}

/// The Top DICT's operators we need: charset (15), CharStrings (17), ROS (12 30).
struct Top {
    charset: usize,
    char_strings: Option<usize>,
    cid_keyed: bool,
}

fn top_dict(d: &[u8]) -> Top {
    let mut top = Top {
        charset: 0,
        char_strings: None,
        cid_keyed: false,
    };
    let mut operands: Vec<f64> = Vec::new();
    let mut i = 0;
    while i < d.len() {
        let b0 = d[i];
        match b0 {
            0..=21 => {
                let op = if b0 == 12 {
                    i += 1;
                    1200 + u16::from(d.get(i).copied().unwrap_or(0))
                } else {
                    u16::from(b0)
                };
                let first = operands.first().copied().unwrap_or(0.0);
                match op {
                    15 => top.charset = first.max(0.0) as usize,
                    17 => top.char_strings = Some(first.max(0.0) as usize),
                    1230 => top.cid_keyed = true,
                    _ => {}
                }
                operands.clear();
                i += 1;
            }
            28 => {
                let v = i16::from_be_bytes([
                    d.get(i + 1).copied().unwrap_or(0),
                    d.get(i + 2).copied().unwrap_or(0),
                ]);
                operands.push(f64::from(v));
                i += 3;
            }
            29 => {
                let v = u32_at(d, i + 1).unwrap_or(0) as i32;
                operands.push(f64::from(v));
                i += 5;
            }
            30 => {
                // A real number: nibbles up to 0xf. Its value is never an offset we use.
                i += 1;
                while i < d.len() && d[i] & 0x0f != 0x0f && d[i] >> 4 != 0x0f {
                    i += 1;
                }
                operands.push(0.0);
                i += 1;
            }
            32..=246 => {
                operands.push(f64::from(i32::from(b0) - 139));
                i += 1;
            }
            247..=250 => {
                let b1 = i32::from(d.get(i + 1).copied().unwrap_or(0));
                operands.push(f64::from((i32::from(b0) - 247) * 256 + b1 + 108));
                i += 2;
            }
            251..=254 => {
                let b1 = i32::from(d.get(i + 1).copied().unwrap_or(0));
                operands.push(f64::from(-(i32::from(b0) - 251) * 256 - b1 - 108));
                i += 2;
            }
            _ => i += 1,
        }
        if operands.len() > 48 {
            operands.clear();
        }
    }
    top
}

/// Glyph id → string id, from the charset (formats 0, 1, 2, or the predefined ISOAdobe).
fn charset(b: &[u8], at: usize, glyphs: usize) -> Option<Vec<u16>> {
    let mut sids = vec![0u16];
    match at {
        0 => sids.extend((1..glyphs.min(229)).map(|g| g as u16)),
        1 | 2 => return None, // the expert charsets: small caps, old-style figures
        _ => {
            let format = *b.get(at)?;
            let mut p = at + 1;
            while sids.len() < glyphs {
                match format {
                    0 => {
                        sids.push(u16_at(b, p)?);
                        p += 2;
                    }
                    1 | 2 => {
                        let first = u16_at(b, p)?;
                        let left = if format == 1 {
                            u16::from(*b.get(p + 2)?)
                        } else {
                            u16_at(b, p + 2)?
                        };
                        p += if format == 1 { 3 } else { 4 };
                        for k in 0..=left {
                            if sids.len() >= glyphs {
                                break;
                            }
                            sids.push(first.saturating_add(k));
                        }
                    }
                    _ => return None,
                }
            }
        }
    }
    Some(sids)
}

/// Text for a glyph name, by the Adobe Glyph List conventions: the part before a `.`
/// suffix; components joined by `_` each decoded; `uniXXXX…` (groups of four hex digits),
/// `uXXXX`–`uXXXXXX`, a standard or common name. `None` if any component is unknown.
pub(super) fn name_to_text(name: &str) -> Option<String> {
    let base = name.split('.').next()?;
    if base.is_empty() {
        return None;
    }
    let mut out = String::new();
    for part in base.split('_') {
        out.push_str(&component(part)?);
    }
    (!out.is_empty()).then_some(out)
}

fn component(part: &str) -> Option<String> {
    let hex = |s: &str| u32::from_str_radix(s, 16).ok().and_then(char::from_u32);
    if let Some(h) = part.strip_prefix("uni")
        && !h.is_empty()
        && h.len().is_multiple_of(4)
        && h.bytes()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_lowercase())
    {
        return h
            .as_bytes()
            .chunks(4)
            .map(|c| std::str::from_utf8(c).ok().and_then(hex))
            .collect();
    }
    if let Some(h) = part.strip_prefix('u')
        && (4..=6).contains(&h.len())
        && h.bytes()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_lowercase())
    {
        return hex(h).map(String::from);
    }
    STANDARD[1..]
        .iter()
        .chain(EXTRA)
        .find(|(n, _)| *n == part)
        .map(|(_, c)| c.to_string())
}

/// Glyph id → text through a name-keyed CFF font's charset. `None` for a CID-keyed font,
/// a font without charset names, or a malformed program.
pub(super) fn cff_glyph_text(font: &[u8]) -> Option<HashMap<u16, String>> {
    let b = cff_table(font)?;
    let header_size = usize::from(*b.get(2)?);
    let (_names, after_names) = index(b, header_size)?;
    let (tops, after_tops) = index(b, after_names)?;
    let (strings, _) = index(b, after_tops)?;
    let top = top_dict(tops.first()?);
    if top.cid_keyed {
        return None;
    }
    let (char_strings, _) = index(b, top.char_strings?)?;
    let sids = charset(b, top.charset, char_strings.len())?;
    let mut out = HashMap::new();
    for (gid, sid) in sids.into_iter().enumerate().skip(1) {
        let sid = usize::from(sid);
        let name = if sid < STANDARD.len() {
            Some(STANDARD[sid].0)
        } else if sid >= 391 {
            strings
                .get(sid - 391)
                .and_then(|s| std::str::from_utf8(s).ok())
        } else {
            None
        };
        if let (Some(text), Ok(gid)) = (name.and_then(name_to_text), u16::try_from(gid)) {
            out.insert(gid, text);
        }
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_names_follow_the_glyph_list_conventions() {
        assert_eq!(name_to_text("uni0041").as_deref(), Some("A"));
        assert_eq!(name_to_text("uni00660069").as_deref(), Some("fi"));
        assert_eq!(name_to_text("uniD55C").as_deref(), Some("한"));
        assert_eq!(name_to_text("u1F600").as_deref(), Some("😀"));
        assert_eq!(name_to_text("Aacute").as_deref(), Some("Á"));
        assert_eq!(name_to_text("a.sc").as_deref(), Some("a"));
        assert_eq!(name_to_text("f_f_i").as_deref(), Some("ffi"));
        assert_eq!(name_to_text("Euro").as_deref(), Some("€"));
        assert_eq!(name_to_text("uni004"), None);
        assert_eq!(name_to_text("uni004g"), None);
        assert_eq!(name_to_text("cid00042"), None);
        assert_eq!(name_to_text(".notdef"), None);
    }

    /// A minimal name-keyed CFF: three glyphs (.notdef, "A" by standard SID 34, "한" by
    /// the custom string `uniD55C`), charset format 0.
    fn tiny_cff(cid_keyed: bool) -> Vec<u8> {
        let index = |items: &[&[u8]]| {
            let mut out = (items.len() as u16).to_be_bytes().to_vec();
            out.push(1);
            let mut off = 1u8;
            out.push(off);
            for it in items {
                off += it.len() as u8;
                out.push(off);
            }
            for it in items {
                out.extend_from_slice(it);
            }
            out
        };
        let names = index(&[b"T"]);
        let strings = index(&[b"uniD55C"]);
        let gsubrs = index(&[]);
        let charstrings = index(&[&[14], &[14], &[14]]);
        // Top DICT with fixed-size operands (29 = int32) so offsets are known up front.
        let top_len = 5 + 1 + 5 + 1 + if cid_keyed { 3 + 2 } else { 0 };
        let top_index_len = 2 + 1 + 2 + top_len;
        let base = 4 + names.len() + top_index_len + strings.len() + gsubrs.len();
        let charset_at = base;
        let charset = [0u8, 0, 34, 1, 135]; // format 0: SID 34 ("A"), SID 391
        let charstrings_at = charset_at + charset.len();
        let mut top = Vec::new();
        if cid_keyed {
            top.extend_from_slice(&[139, 139, 139, 12, 30]);
        }
        top.push(29);
        top.extend_from_slice(&(charset_at as u32).to_be_bytes());
        top.push(15);
        top.push(29);
        top.extend_from_slice(&(charstrings_at as u32).to_be_bytes());
        top.push(17);
        let mut out = vec![1, 0, 4, 1];
        out.extend(names);
        out.extend(index(&[&top]));
        out.extend(strings);
        out.extend(gsubrs);
        out.extend_from_slice(&charset);
        out.extend(charstrings);
        out
    }

    #[test]
    fn charset_names_decode_glyph_ids() {
        let map = cff_glyph_text(&tiny_cff(false)).expect("decodes");
        assert_eq!(map.get(&1).map(String::as_str), Some("A"));
        assert_eq!(map.get(&2).map(String::as_str), Some("한"));
        assert_eq!(map.get(&0), None);
        assert_eq!(cff_glyph_text(&tiny_cff(true)), None, "CID-keyed: no names");
        let font = tiny_cff(false);
        for cut in 0..font.len() {
            let _ = cff_glyph_text(&font[..cut]);
        }
    }
}
