//! A YAML tree with a position on every node, read with serde-saphyr.
//!
//! Owns: turning the platform file's text into `Node`s (value + line/column/byte offset).
//! Must not: know the platform schema; `validate.rs` walks this tree.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;

/// Where a node starts in the platform file (1-based line and column, byte offset).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
    pub offset: usize,
}

#[derive(Clone, Debug)]
pub struct Node {
    pub value: Value,
    pub pos: Pos,
}

#[derive(Clone, Debug)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Value {
    /// The YAML shape, as said in an error ("a string", "a list", ...).
    pub fn shape(&self) -> &'static str {
        match self {
            Value::Null => "nothing (null)",
            Value::Bool(_) => "a boolean",
            Value::Int(_) | Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

fn pos_of(loc: &serde_saphyr::Location) -> Pos {
    Pos {
        line: u32::try_from(loc.line()).unwrap_or(u32::MAX),
        col: u32::try_from(loc.column()).unwrap_or(u32::MAX),
        offset: loc
            .span()
            .byte_offset()
            .and_then(|o| usize::try_from(o).ok())
            .unwrap_or(0),
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Spanned::<Value>::deserialize(d)?;
        Ok(Node {
            pos: pos_of(&s.referenced),
            value: s.value,
        })
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Value::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(n) = seq.next_element::<Node>()? {
            out.push(n);
        }
        Ok(Value::Seq(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(k) = map.next_key::<Node>()? {
            let v = map.next_value::<Node>()?;
            out.push((k, v));
        }
        Ok(Value::Map(out))
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

/// A YAML syntax error with its position, in the platform author's words (never the
/// library's API names).
#[derive(Debug)]
pub struct SyntaxError {
    pub message: String,
    pub pos: Option<Pos>,
    pub help: Option<String>,
}

/// Most YAML nodes (mappings, lists and values) and parser events a platform file may hold:
/// a 100,000-term platform is ≈ 700,000 nodes. Alias expansion stays bounded by
/// serde-saphyr's own limits, so a billion-laughs file is still refused, not expanded.
pub const MAX_NODES: usize = 2_000_000;
const MAX_EVENTS: usize = 2 * MAX_NODES + 1_000;

/// Parse the whole text into a positioned tree.
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    if text.trim().is_empty() {
        return Ok(Node {
            value: Value::Null,
            pos: Pos {
                line: 1,
                col: 1,
                offset: 0,
            },
        });
    }
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_nodes: MAX_NODES,
            max_events: MAX_EVENTS,
        },
    };
    serde_saphyr::from_str_with_options::<Node>(text, options).map_err(|e| syntax_error(text, &e))
}

/// serde-saphyr's error as the platform author should read it: what is wrong, where (the
/// position the message names), and how to fix it when that is known.
fn syntax_error(text: &str, e: &serde_saphyr::Error) -> SyntaxError {
    use serde_saphyr::Error as E;
    let mut inner = e;
    while let E::WithSnippet { error, .. } | E::AliasError { error, .. } = inner {
        inner = error;
    }
    // The outer error's location: an alias's breach is placed where the alias is used.
    let pos = e
        .location()
        .or_else(|| inner.location())
        .map(|l| pos_of(&l));
    match inner {
        E::DuplicateMappingKey { key, .. } => {
            return SyntaxError {
                message: match key {
                    Some(k) => format!("the key \"{k}\" appears twice in the same mapping"),
                    None => "a key appears twice in the same mapping".into(),
                },
                pos,
                help: Some("keep one of them (merge their values into it)".into()),
            };
        }
        E::Budget { breach, .. } => {
            use serde_saphyr::budget::BudgetBreach as B;
            let split = "split the platform: keep very large term lists short, or check the \
                         file for text pasted many times";
            let (what, help) = match breach {
                B::Nodes { .. } | B::Events { .. } => (
                    format!(
                        "is too large to read: more than {MAX_NODES} YAML nodes (mappings, lists \
                         and values)"
                    ),
                    split,
                ),
                B::Depth { .. } => (
                    "nests lists and mappings too deep to read".into(),
                    "a platform file needs a few levels of indentation, not dozens",
                ),
                B::ScalarBytes { .. } => (
                    "is too large to read: more than 64 MiB of text in its values".into(),
                    split,
                ),
                B::Aliases { .. }
                | B::Anchors { .. }
                | B::AliasAnchorRatio { .. }
                | B::RecordedAnchorEvents { .. }
                | B::RecordedAnchorBytes { .. }
                | B::MergeKeys { .. } => (
                    "has anchors and aliases (`&name`, `*name`) that expand too far to read".into(),
                    "write the repeated text out instead of aliasing aliases",
                ),
                _ => ("is too large to read".into(), split),
            };
            return SyntaxError {
                message: format!("the platform file {what}"),
                pos,
                help: Some(help.into()),
            };
        }
        _ => {}
    }
    // The crate's Display renders its own snippet; keep only the first line (the message),
    // without the "error: line L column C: " it leads with: the position is shown apart.
    let full = inner.to_string();
    let first = full.lines().next().unwrap_or("invalid YAML");
    let first = first.strip_prefix("error: ").unwrap_or(first);
    let (named, message) = match named_position(text, first) {
        Some((p, rest)) => (Some(p), rest.to_owned()),
        None => (None, first.to_owned()),
    };
    // The position the message names is the one to point at (the error's own location
    // may be the start of the enclosing mapping).
    let pos = named.or(pos);
    let help = (message.contains("mapping values are not allowed"))
        .then(|| quote_hint(text, pos))
        .flatten();
    SyntaxError { message, pos, help }
}

/// The position `msg` names — "line L column C: rest" at its start, or "rest at line L,
/// column C" at its end — in `text` (C counts characters from 1), and the rest of the
/// message.
fn named_position<'m>(text: &str, msg: &'m str) -> Option<(Pos, &'m str)> {
    let (line, col, rest) = if let Some(r) = msg.strip_prefix("line ") {
        let (line, r) = r.split_once(" column ")?;
        let (col, rest) = r.split_once(':')?;
        (line, col, rest)
    } else {
        let (rest, r) = msg.rsplit_once(" at line ")?;
        let (line, col) = r.split_once(", column ")?;
        (line, col, rest)
    };
    let (line, col): (u32, u32) = (line.trim().parse().ok()?, col.trim().parse().ok()?);
    let start = text
        .split_inclusive('\n')
        .take(line.checked_sub(1)? as usize)
        .map(str::len)
        .sum::<usize>();
    let text_line = text.get(start..)?.split('\n').next()?;
    let within = text_line
        .char_indices()
        .nth(col.saturating_sub(1) as usize)
        .map_or(text_line.len(), |(i, _)| i);
    Some((
        Pos {
            line,
            col,
            offset: start + within,
        },
        rest.trim_start(),
    ))
}

/// For a value holding `: ` (a colon and a space) that YAML read as a second key: the line
/// with its value quoted.
fn quote_hint(text: &str, pos: Option<Pos>) -> Option<String> {
    let pos = pos?;
    let line = text.lines().nth(pos.line.checked_sub(1)? as usize)?;
    let (key, value) = line.split_once(": ")?;
    let value = value.trim();
    if value.is_empty() || value.starts_with(['"', '\'']) {
        return None;
    }
    Some(format!(
        "a value that contains \": \" must be quoted: {}: \"{}\"",
        key.trim(),
        value.replace('\\', "\\\\").replace('"', "\\\"")
    ))
}

/// The common shape of a platform file read without serde-saphyr: block mappings and
/// sequences, one-line flow collections, quoted scalars without escapes, and plain scalars
/// that can only be text (a word that is not a YAML null, boolean or special float) or a
/// small decimal integer. Anything else (anchors, tags, block scalars, multi-line scalars,
/// tabs, duplicate keys, other numbers…) returns `None` and the caller parses with
/// serde-saphyr, so a tree from here is exactly the one serde-saphyr would give, without
/// positions: use it only when validation finds nothing to report.
pub fn parse_simple(text: &str) -> Option<Node> {
    // Characters that change how YAML reads lines or that it refuses: tabs, CR and other
    // control characters, a byte-order mark, the Unicode line separators.
    let odd_ascii = |b: u8| (b < 0x20 && b != b'\n') || b == 0x7f;
    if text.len() > MAX_SIMPLE_BYTES
        || text.bytes().any(odd_ascii)
        || (!text.is_ascii()
            && text.chars().any(|c| {
                matches!(
                    c,
                    '\u{80}'
                        ..='\u{9f}'
                            | '\u{2028}'
                            | '\u{2029}'
                            | '\u{feff}'
                            | '\u{fffe}'
                            | '\u{ffff}'
                )
            }))
    {
        return None;
    }
    let mut lines = Vec::new();
    for line in text.split('\n') {
        let body = line.trim_start_matches(' ');
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        if line.starts_with("---") || line.starts_with("...") || line.starts_with('%') {
            return None;
        }
        lines.push((line.len() - body.len(), body));
    }
    let first = *lines.first()?;
    if first.0 != 0 {
        return None;
    }
    let mut p = Simple {
        lines,
        at: 0,
        nodes: 0,
    };
    let root = p.block(0, 0)?;
    (p.at == p.lines.len()).then_some(root)
}

/// Larger files go to serde-saphyr, whose budget (nodes, events, scalar bytes) they may
/// exceed.
const MAX_SIMPLE_BYTES: usize = 8 << 20;
const MAX_SIMPLE_NODES: usize = MAX_NODES;
const MAX_SIMPLE_DEPTH: usize = 32;
const MAX_KEY_BYTES: usize = 256;

struct Simple<'t> {
    /// Lines with content: (indent, text after the indent).
    lines: Vec<(usize, &'t str)>,
    at: usize,
    nodes: usize,
}

fn node(value: Value) -> Node {
    Node {
        value,
        pos: Pos::default(),
    }
}

/// A plain scalar's value, when it can only be text or a small integer.
fn plain(s: &str) -> Option<Value> {
    let first = *s.as_bytes().first()?;
    if first.is_ascii_digit() {
        let ok = s.len() <= 18
            && s.bytes().all(|b| b.is_ascii_digit())
            && (first != b'0' || s.len() == 1);
        return ok.then(|| Value::Int(s.parse().unwrap_or(0)));
    }
    if !first.is_ascii_alphabetic() {
        return None;
    }
    const NOT_TEXT: [&str; 13] = [
        "y", "yes", "n", "no", "true", "false", "on", "off", "null", "nan", "inf", "infinity", "~",
    ];
    if s.len() <= 8 && NOT_TEXT.iter().any(|w| s.eq_ignore_ascii_case(w)) {
        return None;
    }
    Some(Value::Str(s.to_owned()))
}

/// A quoted scalar at the start of `s` (which starts with the quote): its text and the rest
/// of the line. Double quotes only without escapes; one line only.
fn quoted(s: &str) -> Option<(String, &str)> {
    let q = s.as_bytes()[0];
    let body = &s[1..];
    if q == b'"' {
        let end = body.find(['"', '\\'])?;
        if body.as_bytes()[end] != b'"' {
            return None;
        }
        return Some((body[..end].to_owned(), &body[end + 1..]));
    }
    let mut out = String::new();
    let mut rest = body;
    loop {
        let end = rest.find('\'')?;
        out.push_str(&rest[..end]);
        if rest[end + 1..].starts_with('\'') {
            out.push('\'');
            rest = &rest[end + 2..];
        } else {
            return Some((out, &rest[end + 1..]));
        }
    }
}

/// A block-mapping key at the start of a line's text: (key, text after `:`).
fn block_key(s: &str) -> Option<(Value, &str)> {
    let (key, rest) = match s.as_bytes().first()? {
        b'"' | b'\'' => {
            let (k, rest) = quoted(s)?;
            (Value::Str(k), rest)
        }
        _ => {
            let end = s
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
                .unwrap_or(s.len());
            (plain(&s[..end])?, &s[end..])
        }
    };
    // Only text keys, short enough for any implicit-key limit.
    if !matches!(&key, Value::Str(k) if k.len() <= MAX_KEY_BYTES) {
        return None;
    }
    let rest = rest.strip_prefix(':')?;
    (rest.is_empty() || rest.starts_with(' ')).then_some((key, rest))
}

/// A mapping of text keys, unless two keys are the same (serde-saphyr decides what a
/// duplicate key means).
fn map_node(entries: Vec<(Node, Node)>) -> Option<Node> {
    fn key(entry: &(Node, Node)) -> &str {
        match &entry.0.value {
            Value::Str(s) => s.as_str(),
            _ => "",
        }
    }
    let duplicate = if entries.len() <= 16 {
        entries
            .iter()
            .enumerate()
            .any(|(i, a)| entries[..i].iter().any(|b| key(a) == key(b)))
    } else {
        let mut keys: Vec<&str> = entries.iter().map(key).collect();
        keys.sort_unstable();
        keys.windows(2).any(|w| w[0] == w[1])
    };
    (!duplicate).then(|| node(Value::Map(entries)))
}

/// Nothing but spaces and maybe a comment.
fn blank_tail(s: &str) -> bool {
    let t = s.trim_start_matches(' ');
    t.is_empty() || (t.starts_with('#') && t.len() < s.len())
}

impl<'t> Simple<'t> {
    fn count(&mut self) -> Option<()> {
        self.nodes += 1;
        (self.nodes <= MAX_SIMPLE_NODES).then_some(())
    }

    /// The block node whose first line is the current one, at indent `indent`.
    fn block(&mut self, indent: usize, depth: usize) -> Option<Node> {
        if depth > MAX_SIMPLE_DEPTH {
            return None;
        }
        let (_, text) = *self.lines.get(self.at)?;
        if text == "-" || text.starts_with("- ") {
            self.seq(indent, depth)
        } else {
            self.map(indent, depth)
        }
    }

    /// The value after `key:` or `- ` with nothing more on its line: a nested block, or null.
    fn nested(&mut self, indent: usize, depth: usize, seq_may_align: bool) -> Option<Node> {
        match self.lines.get(self.at) {
            Some(&(i, t))
                if i > indent
                    || (seq_may_align && i == indent && (t == "-" || t.starts_with("- "))) =>
            {
                self.block(i, depth + 1)
            }
            _ => {
                self.count()?;
                Some(node(Value::Null))
            }
        }
    }

    /// A one-line value; the rest of its line must be blank. The next line may not be
    /// indented deeper than `indent` (that would continue a plain scalar).
    fn inline_rest(&mut self, s: &str, indent: usize, depth: usize) -> Option<Node> {
        let (value, rest) = self.inline(s, false, depth)?;
        if !blank_tail(rest) {
            return None;
        }
        if self.lines.get(self.at).is_some_and(|&(i, _)| i > indent) {
            return None;
        }
        Some(value)
    }

    fn map(&mut self, indent: usize, depth: usize) -> Option<Node> {
        self.count()?;
        let mut entries: Vec<(Node, Node)> = Vec::new();
        while let Some(&(i, text)) = self.lines.get(self.at) {
            if i < indent {
                break;
            }
            if i > indent || text == "-" || text.starts_with("- ") {
                return None;
            }
            let (key, rest) = block_key(text)?;
            self.count()?;
            self.at += 1;
            let value = if blank_tail(rest) {
                self.nested(indent, depth, true)?
            } else {
                self.inline_rest(rest.trim_start_matches(' '), indent, depth)?
            };
            entries.push((node(key), value));
        }
        map_node(entries)
    }

    fn seq(&mut self, indent: usize, depth: usize) -> Option<Node> {
        self.count()?;
        let mut items = Vec::new();
        while let Some(&(i, text)) = self.lines.get(self.at) {
            if i < indent || (i == indent && !(text == "-" || text.starts_with("- "))) {
                break;
            }
            if i > indent {
                return None;
            }
            let content = text[1..].trim_start_matches(' ');
            if content.is_empty() || content.starts_with('#') {
                if !blank_tail(&text[1..]) {
                    return None;
                }
                self.at += 1;
                items.push(self.nested(indent, depth, false)?);
                continue;
            }
            if content == "-" || content.starts_with("- ") {
                return None;
            }
            let col = indent + (text.len() - content.len());
            if block_key(content).is_some() {
                // `- key: value`: a mapping whose keys line up with this one.
                self.lines[self.at] = (col, content);
                items.push(self.block(col, depth + 1)?);
            } else {
                self.at += 1;
                items.push(self.inline_rest(content, indent, depth)?);
            }
        }
        Some(node(Value::Seq(items)))
    }

    /// A flow collection, quoted or plain scalar at the start of `s` (in a flow collection
    /// when `flow`), and the rest of the line.
    fn inline<'s>(&mut self, s: &'s str, flow: bool, depth: usize) -> Option<(Node, &'s str)> {
        if depth > MAX_SIMPLE_DEPTH {
            return None;
        }
        self.count()?;
        match s.as_bytes().first()? {
            b'{' => {
                let mut entries: Vec<(Node, Node)> = Vec::new();
                let mut rest = s[1..].trim_start_matches(' ');
                if let Some(r) = rest.strip_prefix('}') {
                    return Some((node(Value::Map(entries)), r));
                }
                loop {
                    let (key, r) = self.inline(rest, true, depth + 1)?;
                    if !matches!(&key.value, Value::Str(k) if k.len() <= MAX_KEY_BYTES) {
                        return None;
                    }
                    let r = r.strip_prefix(": ")?.trim_start_matches(' ');
                    let (value, r) = self.inline(r, true, depth + 1)?;
                    entries.push((key, value));
                    let r = r.trim_start_matches(' ');
                    if let Some(r) = r.strip_prefix('}') {
                        return Some((map_node(entries)?, r));
                    }
                    rest = r.strip_prefix(',')?.trim_start_matches(' ');
                    if rest.starts_with('}') {
                        return None;
                    }
                }
            }
            b'[' => {
                let mut items = Vec::new();
                let mut rest = s[1..].trim_start_matches(' ');
                if let Some(r) = rest.strip_prefix(']') {
                    return Some((node(Value::Seq(items)), r));
                }
                loop {
                    let (item, r) = self.inline(rest, true, depth + 1)?;
                    items.push(item);
                    let r = r.trim_start_matches(' ');
                    if let Some(r) = r.strip_prefix(']') {
                        return Some((node(Value::Seq(items)), r));
                    }
                    rest = r.strip_prefix(',')?.trim_start_matches(' ');
                    if rest.starts_with(']') {
                        return None;
                    }
                }
            }
            b'"' | b'\'' => {
                let (text, rest) = quoted(s)?;
                // A quoted scalar is followed by a separator, not more text.
                let next = rest.as_bytes().first().copied();
                let ok = match next {
                    None | Some(b' ') => true,
                    Some(b',' | b']' | b'}' | b':') => flow,
                    _ => false,
                };
                ok.then(|| (node(Value::Str(text)), rest))
            }
            _ => {
                let end = if flow {
                    s.find([',', ']', '}', '[', '{', ':', '#'])
                        .unwrap_or(s.len())
                } else {
                    s.find(" #").unwrap_or(s.len())
                };
                let (raw, rest) = s.split_at(end);
                let raw = raw.trim_end_matches(' ');
                if raw.contains(": ")
                    || raw.ends_with(':')
                    || raw.contains(" #")
                    || (flow && rest.starts_with(['#', '[', '{']))
                    || (flow && rest.starts_with(':') && !rest.starts_with(": "))
                {
                    return None;
                }
                Some((node(plain(raw)?), rest))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_on_keys_and_values() {
        let n = parse("version: 1\ncompany:\n  name: Acme\n  variants: [ACME, Ac me]\n")
            .expect("parses");
        let Value::Map(top) = &n.value else {
            panic!("not a map: {n:?}")
        };
        assert_eq!(top.len(), 2);
        let (k, v) = &top[1];
        assert!(matches!(&k.value, Value::Str(s) if s == "company"));
        assert_eq!((k.pos.line, k.pos.col), (2, 1));
        let Value::Map(c) = &v.value else { panic!() };
        assert_eq!((c[0].1.pos.line, c[0].1.pos.col), (3, 9));
        let Value::Seq(vs) = &c[1].1.value else {
            panic!()
        };
        assert_eq!((vs[1].pos.line, vs[1].pos.col), (4, 20));
    }

    /// Same values (positions aside).
    fn same(a: &Node, b: &Node) -> bool {
        match (&a.value, &b.value) {
            (Value::Null, Value::Null) => true,
            (Value::Bool(x), Value::Bool(y)) => x == y,
            (Value::Int(x), Value::Int(y)) => x == y,
            (Value::Float(x), Value::Float(y)) => x.to_bits() == y.to_bits(),
            (Value::Str(x), Value::Str(y)) => x == y,
            (Value::Seq(x), Value::Seq(y)) => {
                x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
            }
            (Value::Map(x), Value::Map(y)) => {
                x.len() == y.len()
                    && x.iter()
                        .zip(y)
                        .all(|((ka, va), (kb, vb))| same(ka, kb) && same(va, vb))
            }
            _ => false,
        }
    }

    /// The simple reader gives serde-saphyr's tree or nothing. Returns whether it read it.
    fn agrees(text: &str) -> bool {
        let Some(simple) = parse_simple(text) else {
            return false;
        };
        match parse(text) {
            Ok(full) => assert!(same(&simple, &full), "{text:?}\n{simple:?}\n{full:?}"),
            Err(e) => panic!("simple reader accepted what serde-saphyr refuses: {text:?}: {e:?}"),
        }
        true
    }

    #[test]
    fn simple_reader_agrees_with_serde_saphyr_on_the_fixtures() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = vec![root.join("src/starter.yaml")];
        let mut dirs = vec![root.join("fixtures")];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(&d).expect("fixtures").flatten() {
                let p = e.path();
                if p.is_dir() {
                    dirs.push(p);
                } else if p.extension().is_some_and(|x| x == "yaml" || x == "yml") {
                    files.push(p);
                }
            }
        }
        let mut read = 0;
        for f in &files {
            let text = std::fs::read_to_string(f).expect("readable");
            read += usize::from(agrees(&text));
        }
        assert!(
            read > 0,
            "the simple reader read none of {} files",
            files.len()
        );
    }

    #[test]
    fn simple_reader_agrees_or_declines() {
        let read = [
            "version: 1\ncompany: {name: Acme}\nterms:\n  - {use: \"e mail\", avoid: [\"email\", 'it''s']}\n",
            "company:\n  name: Acme Corp # the name\n  variants: [ACME, Acme Inc]\nterms:\n- use: help desk\n  avoid: [helpdesk, help-desk]\n  case: exact\n- use: x\n",
            "rules:\n  brand-name: error\nexceptions:\n  - paths: [\"docs/**\"]\n    skip: [brand-name]\n",
            "a:\nb: []\nc: {}\nd:\n  -\n  - x\n",
            "tagline: Fast, simple: really\n",
            "tagline: The fastest way to answer every customer — fast\nx: 12\ny: 0\n",
            "k: 'a b'   # c\nl: \"q # not a comment\"\n",
            "seq:\n  - a\n  - - b\n",
        ];
        for text in read {
            agrees(text);
        }
        assert!(agrees(read[0]) && agrees(read[1]) && agrees(read[2]) && agrees(read[3]));
        let declined = [
            "a: yes\n",
            "a: on\n",
            "a: Null\n",
            "a: 1.5\n",
            "a: 007\n",
            "a: 2026-01-01\n",
            "a: &x b\nc: *x\n",
            "a: !tag b\n",
            "a: |\n  text\n",
            "a: b\n  continued\n",
            "a: \"esc\\n\"\n",
            "a: [x,\n  y]\n",
            "a: 1\na: 2\n",
            "a: {b: 1, b: 2}\n",
            "a:\tb\n",
            "a: b\r\n",
            "---\na: b\n",
            "  a: b\n",
            "a: b: c\n",
            "a: [b: c]\n",
            "a: [x, ]\n",
            "a: [-1]\n",
            "? a\n: b\n",
            "a: {b}\n",
            "y: 1\n",
        ];
        for text in declined {
            assert!(parse_simple(text).is_none(), "{text:?}");
        }
    }

    #[test]
    fn syntax_error_has_position() {
        let e = parse("a: [1, 2\nb: c\n").expect_err("must fail");
        assert!(e.pos.is_some(), "{e:?}");
    }
}
