//! Data files and message catalogs → `Document`: JSON, YAML, TOML and gettext `.po`.
//!
//! Owns: every string value as a segment at its exact place, its key path as the segment's
//! place (`home.hero.title`, `features[2].title`; a `.po` entry's `msgctxt` or `msgid`),
//! the scope a key gives (`title` → heading, `description` → meta), the keys whose values
//! are never copy (`url`, `href`, `src`, `id`, `slug`, `icon`, `image`, `class`, `color`,
//! `date`…) and the values that are code, not sentences (paths, URLs, identifiers); a number
//! under a key is a segment `key: number` so a stale headline figure is checked like copy.
//! Must not: fold text or match phrases.

use crate::document::{DeckLoc, Document, Kind, Literal, Scope, Segment};
use crate::extract::Unreadable;
use crate::platform::yaml::{self, Node, Value};

/// Keys whose string values are addresses, identifiers or styling, never copy.
const NOT_COPY: &[&str] = &[
    "url",
    "href",
    "src",
    "link",
    "path",
    "permalink",
    "slug",
    "id",
    "key",
    "icon",
    "image",
    "img",
    "images",
    "logo",
    "avatar",
    "class",
    "classname",
    "style",
    "color",
    "colour",
    "date",
    "type",
    "layout",
    "template",
    "lang",
    "locale",
    "email",
    "file",
    "filename",
    "component",
    "name_id",
    "hash",
    "anchor",
    "target",
    "rel",
    "variant",
    "theme",
    "size",
    "width",
    "height",
    "format",
    "$schema",
    "version",
    "handle",
    "username",
    "twitter",
    "github",
    "repo",
    "repository",
    "mime",
    "extension",
    "timezone",
    "order",
    "weight",
];

fn scope_for(key: &str) -> Scope {
    match key.to_ascii_lowercase().as_str() {
        "title" | "headline" | "heading" | "h1" | "subheading" | "subtitle" => Scope::Heading,
        "description" | "summary" | "excerpt" | "meta_description" | "metadescription"
        | "seo_description" => Scope::Meta,
        "alt" => Scope::Alt,
        _ => Scope::Body,
    }
}

/// Whether the value under `key` can be copy.
pub(crate) fn copy_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    !NOT_COPY.contains(&k.as_str())
        && !k.ends_with("url")
        && !k.ends_with("_id")
        && !k.ends_with("href")
        && !k.ends_with("path")
        && !k.ends_with("icon")
        && !k.ends_with("image")
        && !k.ends_with("class")
}

/// A value that is code, not a sentence: one "word" that is a path, URL, identifier, file
/// name, colour or date.
fn looks_like_code(t: &str) -> bool {
    let t = t.trim();
    if t.is_empty() || !t.chars().any(char::is_alphabetic) {
        return true;
    }
    if t.starts_with("http://") || t.starts_with("https://") || t.starts_with("mailto:") {
        return true;
    }
    if t.contains(char::is_whitespace) {
        return false;
    }
    t.contains(['/', '\\', '_', '#', '@', '=', '{', '}', '<', '>', '|'])
        || (t.contains('.') && !t.ends_with('.'))
        || (t.contains('-')
            && t.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
        || (t.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && t.chars().skip(1).any(|c| c.is_ascii_uppercase()))
}

struct Out {
    segs: Vec<Segment>,
    lits: Vec<Literal>,
}

impl Out {
    fn new() -> Out {
        Out {
            segs: Vec::new(),
            lits: Vec::new(),
        }
    }

    /// A string value at `raw_range` of the source (between its quotes), decoded `value`.
    fn string(
        &mut self,
        path: &str,
        key: &str,
        value: &str,
        source: &str,
        raw: std::ops::Range<usize>,
        forbid: &'static str,
    ) {
        if !copy_key(key) || looks_like_code(value) {
            return;
        }
        let Some(raw_text) = source.get(raw.clone()) else {
            return;
        };
        let mut s = Segment::new(scope_for(key));
        if raw_text == value {
            s.push_exact(value, raw.start);
        } else {
            crate::extract::align(&mut s, value, raw_text, raw.start);
        }
        self.lits.push(Literal { range: raw, forbid });
        self.place(s, path);
    }

    /// A number under a key that names a subject (`customers: 12000`): `customers: 12000`.
    fn number(&mut self, path: &str, key: &str, raw: std::ops::Range<usize>, source: &str) {
        let words = key.replace(['_', '-'], " ");
        if !copy_key(key)
            || !words.chars().any(char::is_alphabetic)
            || key.chars().all(|c| c.is_ascii_digit())
        {
            return;
        }
        let Some(num) = source.get(raw.clone()) else {
            return;
        };
        let mut s = Segment::new(Scope::Body);
        // The label is the key (it has no text of its own in the value): it maps to the
        // number, so a finding on it points at the number.
        s.push_mapped(&format!("{words}:"), raw.start..raw.start);
        s.push_synthetic(" ");
        s.push_exact(num, raw.start);
        self.place(s, path);
    }

    fn place(&mut self, mut s: Segment, path: &str) {
        s.deck = Some(Box::new(DeckLoc {
            shape: Some(path.to_owned()),
            ..DeckLoc::default()
        }));
        self.segs.push(s);
    }

    fn finish(mut self, path: String, kind: Kind, source: String) -> Document {
        self.lits.sort_by_key(|l| l.range.start);
        let mut doc = Document::new(path, kind, source, self.segs);
        doc.literals = self.lits;
        doc
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

// ---------------------------------------------------------------------------------------
// JSON: a small scanner with exact string spans (strings, escapes, nesting ≤ 256).

pub fn json(path: String, source: String) -> Result<Document, Unreadable> {
    let mut out = Out::new();
    let mut p = Json {
        s: source.as_bytes(),
        src: &source,
        i: 0,
        depth: 0,
    };
    p.ws();
    if source.as_bytes().starts_with(b"\xEF\xBB\xBF") {
        p.i = 3;
        p.ws();
    }
    if p.i < p.s.len() {
        p.value("", "", &mut out)?;
        p.ws();
        if p.i < p.s.len() {
            return Err(p.err("text after the JSON value"));
        }
    }
    Ok(out.finish(path, Kind::Json, source))
}

struct Json<'a> {
    s: &'a [u8],
    src: &'a str,
    i: usize,
    depth: usize,
}

impl Json<'_> {
    fn err(&self, what: &str) -> Unreadable {
        let at = crate::document::floor_char(self.src, self.i);
        let before = &self.src[..at];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Unreadable(format!("not valid JSON: {what} at {line}:{col}"))
    }

    fn ws(&mut self) {
        while self.i < self.s.len() {
            match self.s[self.i] {
                b' ' | b'\t' | b'\n' | b'\r' => self.i += 1,
                // JSONC comments (tsconfig-style files, some locale files).
                b'/' if self.s.get(self.i + 1) == Some(&b'/') => {
                    while self.i < self.s.len() && self.s[self.i] != b'\n' {
                        self.i += 1;
                    }
                }
                b'/' if self.s.get(self.i + 1) == Some(&b'*') => {
                    self.i = memchr::memmem::find(&self.s[self.i + 2..], b"*/")
                        .map_or(self.s.len(), |e| self.i + 2 + e + 2);
                }
                _ => break,
            }
        }
    }

    /// A string: (decoded, raw range between the quotes).
    fn string(&mut self) -> Result<(String, std::ops::Range<usize>), Unreadable> {
        self.i += 1;
        let start = self.i;
        let mut out = String::new();
        let mut plain = start;
        loop {
            let Some(&c) = self.s.get(self.i) else {
                return Err(self.err("a string is not closed"));
            };
            match c {
                b'"' => {
                    out.push_str(&self.src[plain..self.i]);
                    let r = start..self.i;
                    self.i += 1;
                    return Ok((out, r));
                }
                b'\\' => {
                    out.push_str(&self.src[plain..self.i]);
                    let e = self.s.get(self.i + 1).copied();
                    self.i += 2;
                    match e {
                        Some(b'n') => out.push('\n'),
                        Some(b't') => out.push('\t'),
                        Some(b'r') => out.push('\r'),
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{c}'),
                        Some(b'u') => {
                            let hex = self.src.get(self.i..self.i + 4).unwrap_or("");
                            let mut cp = u32::from_str_radix(hex, 16)
                                .map_err(|_| self.err("a bad \\u escape"))?;
                            self.i += 4;
                            // A surrogate pair.
                            if (0xD800..0xDC00).contains(&cp)
                                && self.src.get(self.i..self.i + 2) == Some("\\u")
                                && let Some(lo) = self
                                    .src
                                    .get(self.i + 2..self.i + 6)
                                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                            {
                                cp = 0x10000
                                    + ((cp - 0xD800) << 10)
                                    + (lo.wrapping_sub(0xDC00) & 0x3FF);
                                self.i += 6;
                            }
                            out.push(char::from_u32(cp).unwrap_or('\u{fffd}'));
                        }
                        Some(c @ (b'"' | b'\\' | b'/')) => out.push(char::from(c)),
                        _ => return Err(self.err("an unknown escape")),
                    }
                    plain = self.i;
                }
                _ => self.i += 1,
            }
        }
    }

    fn value(&mut self, path: &str, key: &str, out: &mut Out) -> Result<(), Unreadable> {
        self.ws();
        let Some(&c) = self.s.get(self.i) else {
            return Err(self.err("a value is missing"));
        };
        match c {
            b'{' | b'[' => {
                self.depth += 1;
                if self.depth > 256 {
                    return Err(self.err("nesting deeper than 256 levels"));
                }
                self.i += 1;
                let mut n = 0;
                loop {
                    self.ws();
                    match self.s.get(self.i) {
                        Some(b'}') if c == b'{' => break,
                        Some(b']') if c == b'[' => break,
                        None => return Err(self.err("an object or array is not closed")),
                        _ => {}
                    }
                    if n > 0 {
                        if self.s.get(self.i) != Some(&b',') {
                            return Err(self.err("a comma is missing"));
                        }
                        self.i += 1;
                        self.ws();
                        // A trailing comma (JSONC).
                        if matches!(self.s.get(self.i), Some(b'}' | b']')) {
                            continue;
                        }
                    }
                    if c == b'{' {
                        if self.s.get(self.i) != Some(&b'"') {
                            return Err(self.err("a key must be a string"));
                        }
                        let (k, _) = self.string()?;
                        self.ws();
                        if self.s.get(self.i) != Some(&b':') {
                            return Err(self.err("a colon is missing after a key"));
                        }
                        self.i += 1;
                        self.value(&join(path, &k), &k, out)?;
                    } else {
                        self.value(&format!("{path}[{n}]"), key, out)?;
                    }
                    n += 1;
                }
                self.i += 1;
                self.depth -= 1;
            }
            b'"' => {
                let (v, r) = self.string()?;
                out.string(path, key, &v, self.src, r, "\"\\\n\r");
            }
            b'-' | b'0'..=b'9' => {
                let start = self.i;
                while self.s.get(self.i).is_some_and(|c| {
                    c.is_ascii_digit() || matches!(c, b'-' | b'+' | b'.' | b'e' | b'E')
                }) {
                    self.i += 1;
                }
                out.number(path, key, start..self.i, self.src);
            }
            _ => {
                for word in ["true", "false", "null"] {
                    if self.s[self.i..].starts_with(word.as_bytes()) {
                        self.i += word.len();
                        return Ok(());
                    }
                }
                return Err(self.err("an unexpected character"));
            }
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------
// YAML: the positioned tree of the platform reader (serde-saphyr).

pub fn yaml(path: String, source: String) -> Result<Document, Unreadable> {
    // Jekyll/Hugo front matter style files and multi-document streams: the first document.
    let root = yaml::parse(&source).map_err(|e| {
        let at = e
            .pos
            .map(|p| format!(" at {}:{}", p.line, p.col))
            .unwrap_or_default();
        Unreadable(format!(
            "not valid YAML: {}{at}",
            e.message.replace("the platform file ", "the file ")
        ))
    })?;
    let mut out = Out::new();
    walk_yaml(&root, "", "", &source, &mut out, 0);
    Ok(out.finish(path, Kind::Yaml, source))
}

fn walk_yaml(n: &Node, path: &str, key: &str, src: &str, out: &mut Out, depth: usize) {
    if depth > 256 {
        return;
    }
    match &n.value {
        Value::Map(entries) => {
            for (k, v) in entries {
                let name = match &k.value {
                    Value::Str(s) => s.clone(),
                    Value::Int(i) => i.to_string(),
                    _ => continue,
                };
                walk_yaml(v, &join(path, &name), &name, src, out, depth + 1);
            }
        }
        Value::Seq(items) => {
            for (i, v) in items.iter().enumerate() {
                walk_yaml(v, &format!("{path}[{i}]"), key, src, out, depth + 1);
            }
        }
        Value::Str(s) => yaml_string(s, n.pos.offset, path, key, src, out),
        Value::Int(_) | Value::Float(_) => {
            let start = n.pos.offset.min(src.len());
            let end = src[start..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+' | '_')))
                .map_or(src.len(), |e| start + e);
            out.number(path, key, start..end, src);
        }
        _ => {}
    }
}

/// A YAML string scalar starting at `at`: quoted, plain or a block scalar, mapped line by line.
fn yaml_string(value: &str, at: usize, path: &str, key: &str, src: &str, out: &mut Out) {
    if !copy_key(key) || looks_like_code(value) {
        return;
    }
    let Some(rest) = src.get(at..) else {
        return;
    };
    let mut s = Segment::new(scope_for(key));
    let forbid: &'static str;
    let range;
    match rest.as_bytes().first() {
        Some(q @ (b'"' | b'\'')) => {
            // The closing quote: the first unescaped one ('' is an escaped ' in single quotes).
            let b = rest.as_bytes();
            let mut k = 1;
            while k < b.len() {
                if *q == b'"' && b[k] == b'\\' {
                    k += 2;
                    continue;
                }
                if b[k] == *q {
                    if *q == b'\'' && b.get(k + 1) == Some(&b'\'') {
                        k += 2;
                        continue;
                    }
                    break;
                }
                k += 1;
            }
            let raw = &rest[1..k.min(rest.len())];
            range = at + 1..at + 1 + raw.len();
            if raw == value {
                s.push_exact(value, at + 1);
            } else if !raw.contains('\n') {
                crate::extract::align(&mut s, value, raw, at + 1);
            } else {
                lines_into(&mut s, value, src, at + 1);
            }
            forbid = if *q == b'"' { "\"\\\n\r" } else { "'\n\r" };
        }
        Some(b'|' | b'>') => {
            range = at..at + rest.len().min(value.len() * 2 + 64);
            lines_into(&mut s, value, src, at);
            forbid = "\n\r";
        }
        _ => {
            // Plain: the value as written, or its lines found in order.
            if rest.starts_with(value) {
                s.push_exact(value, at);
            } else {
                lines_into(&mut s, value, src, at);
            }
            range = at..at + value.len();
            // A plain scalar may not take `: `, ` #`, or start with an indicator.
            forbid = ":#\n\r\"'[]{}&*!|>%@`";
        }
    }
    if s.text.is_empty() {
        return;
    }
    out.lits.push(Literal { range, forbid });
    out.place(s, path);
}

/// A multi-line value: each line (or word run) found in order in the source from `from`.
fn lines_into(s: &mut Segment, value: &str, src: &str, mut from: usize) {
    for (i, line) in value.split('\n').enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        // Folded lines were joined by spaces: look for each word run on its own source line.
        for part in line.split("  ") {
            for chunk in split_on_source_lines(part, src, from) {
                let (text, at) = chunk;
                if !s.text.is_empty() {
                    s.push_synthetic(if i > 0 { "\n" } else { " " });
                }
                s.push_exact(text, at);
                from = at + text.len();
            }
        }
    }
}

/// `part` found in `src` from `from`, as whole pieces where possible, else word by word.
fn split_on_source_lines<'p>(part: &'p str, src: &str, from: usize) -> Vec<(&'p str, usize)> {
    let hay = src.get(from..).unwrap_or("");
    if let Some(i) = hay.find(part) {
        return vec![(part, from + i)];
    }
    let mut out = Vec::new();
    let mut at = from;
    for w in part.split(' ').filter(|w| !w.is_empty()) {
        let Some(i) = src.get(at..).and_then(|h| h.find(w)) else {
            continue;
        };
        out.push((w, at + i));
        at += i + w.len();
    }
    out
}

// ---------------------------------------------------------------------------------------
// TOML: a line reader for the common shapes (tables, dotted keys, basic and literal
// strings, multi-line strings, arrays and inline tables of strings).

pub fn toml(path: String, source: String) -> Result<Document, Unreadable> {
    let mut out = Out::new();
    let b = source.as_bytes();
    let mut table = String::new();
    let mut i = 0;
    let mut arrays: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    while i < b.len() {
        // Start of a line (after whitespace).
        while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\r' | b'\n') {
            i += 1;
        }
        if i >= b.len() {
            break;
        }
        match b[i] {
            b'#' => i = line_end(b, i),
            b'[' => {
                let end = line_end(b, i);
                let head = source[i..end].split('#').next().unwrap_or("").trim();
                let double = head.starts_with("[[");
                let name = head.trim_matches(|c| c == '[' || c == ']').trim();
                let name = name
                    .split('.')
                    .map(|p| p.trim().trim_matches('"'))
                    .collect::<Vec<_>>()
                    .join(".");
                table = if double {
                    let n = arrays.entry(name.clone()).or_insert(0);
                    *n += 1;
                    format!("{name}[{}]", *n - 1)
                } else {
                    name
                };
                i = end;
            }
            _ => {
                let eq = match source[i..line_end(b, i)].find('=') {
                    Some(e) => i + e,
                    None => {
                        i = line_end(b, i);
                        continue;
                    }
                };
                let key = source[i..eq]
                    .trim()
                    .split('.')
                    .map(|p| p.trim().trim_matches(['"', '\'']))
                    .collect::<Vec<_>>()
                    .join(".");
                let last = key.rsplit('.').next().unwrap_or("").to_owned();
                let kpath = join(&table, &key);
                i = toml_value(&source, eq + 1, &kpath, &last, &mut out, 0)?;
                i = line_end(b, i);
            }
        }
    }
    Ok(out.finish(path, Kind::Toml, source))
}

fn line_end(b: &[u8], i: usize) -> usize {
    memchr::memchr(b'\n', &b[i.min(b.len())..]).map_or(b.len(), |e| i + e + 1)
}

fn toml_err(src: &str, at: usize, what: &str) -> Unreadable {
    let at = crate::document::floor_char(src, at);
    let before = &src[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Unreadable(format!("not valid TOML: {what} at {line}:{col}"))
}

/// A value at `i`; returns where it ends.
fn toml_value(
    src: &str,
    mut i: usize,
    path: &str,
    key: &str,
    out: &mut Out,
    depth: usize,
) -> Result<usize, Unreadable> {
    let b = src.as_bytes();
    if depth > 64 {
        return Err(toml_err(src, i, "nesting deeper than 64 levels"));
    }
    while i < b.len() && matches!(b[i], b' ' | b'\t') {
        i += 1;
    }
    let Some(&c) = b.get(i) else {
        return Ok(i);
    };
    match c {
        b'"' | b'\'' => {
            let multi = b[i..].starts_with(if c == b'"' { b"\"\"\"" } else { b"'''" });
            let open = if multi { 3 } else { 1 };
            let start = i + open;
            let mut k = start;
            let close: &[u8] = if multi {
                if c == b'"' { b"\"\"\"" } else { b"'''" }
            } else if c == b'"' {
                b"\""
            } else {
                b"'"
            };
            loop {
                if k >= b.len() || (!multi && b[k] == b'\n') {
                    return Err(toml_err(src, i, "a string is not closed"));
                }
                if c == b'"' && b[k] == b'\\' {
                    k += 2;
                    continue;
                }
                if b[k..].starts_with(close) {
                    break;
                }
                k += 1;
            }
            let raw = &src[start..k];
            let value = if c == b'"' {
                unescape_basic(raw)
            } else {
                raw.to_owned()
            };
            let forbid = match (c, multi) {
                (b'"', false) => "\"\\\n\r",
                (b'"', true) => "\"\\",
                (_, false) => "'\n\r",
                _ => "'",
            };
            if raw.contains('\n') {
                if copy_key(key) && !looks_like_code(&value) {
                    let mut s = Segment::new(scope_for(key));
                    lines_into(&mut s, value.trim_start_matches('\n'), src, start);
                    if !s.text.is_empty() {
                        out.lits.push(Literal {
                            range: start..k,
                            forbid,
                        });
                        out.place(s, path);
                    }
                }
            } else {
                out.string(path, key, &value, src, start..k, forbid);
            }
            Ok(k + close.len())
        }
        b'[' | b'{' => {
            let closer = if c == b'[' { b']' } else { b'}' };
            let mut k = i + 1;
            let mut n = 0;
            loop {
                while k < b.len() && matches!(b[k], b' ' | b'\t' | b'\r' | b'\n' | b',') {
                    k += 1;
                }
                if k < b.len() && b[k] == b'#' {
                    k = line_end(b, k);
                    continue;
                }
                let Some(&d) = b.get(k) else {
                    return Err(toml_err(src, i, "an array or inline table is not closed"));
                };
                if d == closer {
                    return Ok(k + 1);
                }
                if c == b'[' {
                    k = toml_value(src, k, &format!("{path}[{n}]"), key, out, depth + 1)?;
                    n += 1;
                } else {
                    let Some(e) = src[k..].find('=') else {
                        return Err(toml_err(src, k, "a key without a value"));
                    };
                    let ik = src[k..k + e].trim().trim_matches(['"', '\'']).to_owned();
                    k = toml_value(src, k + e + 1, &join(path, &ik), &ik, out, depth + 1)?;
                }
            }
        }
        _ => {
            let mut k = i;
            while k < b.len() && !matches!(b[k], b',' | b']' | b'}' | b'\n' | b'#' | b' ' | b'\r') {
                k += 1;
            }
            let word = &src[i..k];
            if word.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '+')
                && word.parse::<f64>().is_ok()
            {
                out.number(path, key, i..k, src);
            }
            Ok(k.max(i + 1))
        }
    }
}

fn unescape_basic(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut it = raw.chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            Some('u') => {
                let h: String = it.by_ref().take(4).collect();
                out.push(
                    u32::from_str_radix(&h, 16)
                        .ok()
                        .and_then(char::from_u32)
                        .unwrap_or('\u{fffd}'),
                );
            }
            Some(o) => out.push(o),
            None => {}
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// gettext `.po`: each entry's `msgstr` (and `msgstr[n]`), its continuation lines joined;
// an untranslated entry's `msgid` (what gettext shows in its place); fuzzy and obsolete
// entries skipped (gettext does not show them).

pub fn po(path: String, source: String) -> Result<Document, Unreadable> {
    let mut out = Out::new();
    let mut fuzzy = false;
    let mut ctxt = String::new();
    let mut id = String::new();
    type Part = (std::ops::Range<usize>, String);
    // The entry part being read (`msgid`, `msgstr`…) and its strings: (raw range, decoded).
    let mut cur: Option<(&'static str, Vec<Part>)> = None;
    // The msgid's strings, until an empty msgstr shows them (once).
    let mut id_parts: Option<Vec<Part>> = None;
    let mut offset = 0;
    let src = source.as_str();
    let flush = |cur: &mut Option<(&'static str, Vec<Part>)>,
                 out: &mut Out,
                 ctxt: &str,
                 id: &mut String,
                 id_parts: &mut Option<Vec<Part>>,
                 fuzzy: bool| {
        if let Some((what, parts)) = cur.take() {
            let text: String = parts.iter().map(|p| p.1.as_str()).collect();
            if what == "msgid" {
                *id = text;
                *id_parts = Some(parts);
            } else if what == "msgstr" && !fuzzy && !id.is_empty() {
                // An untranslated entry shows its msgid (as gettext does); that string is
                // the catalog's key, so it is read but never a fix's literal.
                let (parts, literal) = if text.is_empty() {
                    match id_parts.take() {
                        Some(p) => (p, false),
                        None => return,
                    }
                } else {
                    (parts, true)
                };
                let text: String = parts.iter().map(|p| p.1.as_str()).collect();
                if looks_like_code(&text) {
                    return;
                }
                let mut s = Segment::new(Scope::Body);
                for (r, dec) in &parts {
                    // Escapes (`\"`, `\n`) map to their raw span, the rest byte for byte.
                    match src.get(r.clone()) {
                        Some(raw) if raw == dec => s.push_exact(dec, r.start),
                        Some(raw) => crate::extract::align_escapes(&mut s, dec, raw, r.start),
                        None => s.push_mapped(dec, r.clone()),
                    }
                }
                let place = if ctxt.is_empty() {
                    id.clone()
                } else {
                    format!("{ctxt}|{id}")
                };
                let place: String = place.chars().take(60).collect();
                if literal {
                    for (r, _) in &parts {
                        out.lits.push(Literal {
                            range: r.clone(),
                            forbid: "\"\\\n\r",
                        });
                    }
                }
                out.place(s, &place);
            }
        }
    };
    for line in source.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let t = line.trim_end_matches(['\n', '\r']);
        let lead = t.len() - t.trim_start().len();
        let t = t.trim_start();
        if t.is_empty() {
            flush(&mut cur, &mut out, &ctxt, &mut id, &mut id_parts, fuzzy);
            fuzzy = false;
            ctxt.clear();
            continue;
        }
        if t.starts_with("#,") {
            flush(&mut cur, &mut out, &ctxt, &mut id, &mut id_parts, fuzzy);
            fuzzy = t.contains("fuzzy");
            continue;
        }
        if t.starts_with('#') {
            flush(&mut cur, &mut out, &ctxt, &mut id, &mut id_parts, fuzzy);
            continue;
        }
        let (what, rest_at) = if let Some(r) = t.strip_prefix("msgctxt") {
            ("msgctxt", t.len() - r.len())
        } else if let Some(r) = t.strip_prefix("msgid_plural") {
            ("msgid_plural", t.len() - r.len())
        } else if let Some(r) = t.strip_prefix("msgid") {
            ("msgid", t.len() - r.len())
        } else if let Some(r) = t.strip_prefix("msgstr") {
            // msgstr or msgstr[n]
            let n = r.find('"').unwrap_or(0);
            ("msgstr", t.len() - r.len() + n)
        } else if t.starts_with('"') {
            ("", 0)
        } else {
            return Err(toml_like_err(
                &source,
                start + lead,
                "a line that is not a gettext entry",
            ));
        };
        let q = t[rest_at..].find('"').map(|e| rest_at + e);
        let Some(q) = q else {
            return Err(toml_like_err(&source, start + lead, "a string is missing"));
        };
        let body = &t[q + 1..];
        let Some(close) = last_unescaped_quote(body) else {
            return Err(toml_like_err(
                &source,
                start + lead + q,
                "a string is not closed",
            ));
        };
        let raw = &body[..close];
        let raw_start = start + lead + q + 1;
        let dec = unescape_basic(raw);
        if !what.is_empty() {
            flush(&mut cur, &mut out, &ctxt, &mut id, &mut id_parts, fuzzy);
            if what == "msgctxt" {
                ctxt = dec;
                continue;
            }
            cur = Some((what, Vec::new()));
        }
        if let Some((_, parts)) = cur.as_mut()
            && !raw.is_empty()
        {
            parts.push((raw_start..raw_start + raw.len(), dec));
        }
    }
    flush(&mut cur, &mut out, &ctxt, &mut id, &mut id_parts, fuzzy);
    Ok(out.finish(path, Kind::Po, source))
}

fn last_unescaped_quote(body: &str) -> Option<usize> {
    let b = body.as_bytes();
    let mut k = 0;
    while k < b.len() {
        match b[k] {
            b'\\' => k += 2,
            b'"' => return Some(k),
            _ => k += 1,
        }
    }
    None
}

fn toml_like_err(src: &str, at: usize, what: &str) -> Unreadable {
    let e = toml_err(src, at, what);
    Unreadable(e.0.replacen("not valid TOML", "not a valid gettext catalog", 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segs(d: &Document) -> Vec<(String, String, String)> {
        d.segments
            .iter()
            .map(|s| {
                let place = s
                    .deck
                    .as_ref()
                    .and_then(|d| d.shape.clone())
                    .unwrap_or_default();
                let r = s.source_range(0..s.text.len());
                (place, s.text.clone(), d.source[r].to_owned())
            })
            .collect()
    }

    #[test]
    fn json_strings_and_paths() {
        let src = "{\n  \"home\": {\"hero\": {\"title\": \"Lumora \\u00e9 \\\"fast\\\"\", \"href\": \"/x\"}},\n  \"stats\": {\"customers\": 12000, \"list\": [\"Plain copy here\", \"btn-primary\"]}\n}\n";
        let d = json("a.json".into(), src.into()).expect("valid");
        let s = segs(&d);
        assert_eq!(s[0].0, "home.hero.title");
        assert_eq!(s[0].1, "Lumora é \"fast\"");
        assert_eq!(s[1].0, "stats.customers");
        assert_eq!(s[1].1, "customers: 12000");
        assert_eq!(s[1].2, "12000");
        assert_eq!(s[2].0, "stats.list[0]");
        assert_eq!(s.len(), 3);
        let e = json("b.json".into(), "{\"a\": [1,\n 2".into()).expect_err("bad");
        assert!(e.0.contains("2:3"), "{}", e.0);
    }

    #[test]
    fn yaml_toml_po() {
        let src = "hero:\n  title: Lumora is fast\n  lead: \"Quoted \\\"copy\\\"\"\n  body: |\n    First line\n    second line\n  url: https://x.io\n";
        let d = yaml("a.yml".into(), src.into()).expect("valid");
        let s = segs(&d);
        assert_eq!(
            s[0],
            (
                "hero.title".into(),
                "Lumora is fast".into(),
                "Lumora is fast".into()
            )
        );
        assert_eq!(s[1].1, "Quoted \"copy\"");
        assert_eq!(s[2].1, "First line\nsecond line");
        assert_eq!(s.len(), 3);
        let src = "title = \"Site title here\"\n[params.hero]\ntext = 'Literal copy'\nitems = [\"One thing\", \"Two things\"]\n[[features]]\ntitle = \"Feature one\"\n";
        let d = toml("a.toml".into(), src.into()).expect("valid");
        let s = segs(&d);
        let places: Vec<&str> = s.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            places,
            [
                "title",
                "params.hero.text",
                "params.hero.items[0]",
                "params.hero.items[1]",
                "features[0].title"
            ]
        );
        let src = "msgid \"\"\nmsgstr \"Content-Type: text/plain\\n\"\n\n#: a.js:1\nmsgid \"Hello\"\nmsgstr \"\"\n\"Hallo \"\n\"Welt\"\n\n#, fuzzy\nmsgid \"Bye\"\nmsgstr \"Tschüss\"\n";
        let d = po("de.po".into(), src.into()).expect("valid");
        let s = segs(&d);
        assert_eq!(s.len(), 1, "{s:?}");
        assert_eq!(s[0].0, "Hello");
        assert_eq!(s[0].1, "Hallo Welt");
        // An untranslated entry shows its msgid: read, but no literal (it is the key).
        let src = "msgid \"home.cta\"\nmsgstr \"Try it\"\n\nmsgid \"Meet HelpBot\"\nmsgstr \"\"\n";
        let d = po("en.po".into(), src.into()).expect("valid");
        let s = segs(&d);
        assert_eq!(
            s.iter().map(|s| s.1.as_str()).collect::<Vec<_>>(),
            ["Try it", "Meet HelpBot"]
        );
        let at = src.find("Meet").expect("id");
        assert!(d.literal_refusal(at..at + 4, "Greet").is_some());
        let at = src.find("Try").expect("str");
        assert!(d.literal_refusal(at..at + 3, "Use").is_none());
        // After an escape, a word still maps to its own bytes.
        let src = "msgid \"k\"\nmsgstr \"\"\n\"Say \\\"hi\\\" & \"\n\"meet HelpBot\"\n";
        let d = po("en.po".into(), src.into()).expect("valid");
        let seg = &d.segments[0];
        assert_eq!(seg.text, "Say \"hi\" & meet HelpBot");
        let at = seg.text.find("HelpBot").expect("word");
        assert_eq!(&src[seg.source_range(at..at + 7)], "HelpBot");
        let at = seg.text.find("hi").expect("word");
        assert_eq!(&src[seg.source_range(at..at + 2)], "hi");
    }
}
