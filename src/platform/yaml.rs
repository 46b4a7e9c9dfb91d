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

/// A YAML syntax error with its position.
#[derive(Debug)]
pub struct SyntaxError {
    pub message: String,
    pub pos: Option<Pos>,
}

/// Parse the whole text into a positioned tree. Alias expansion and nesting are bounded by
/// serde-saphyr's default budget, so a billion-laughs file is refused, not expanded.
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
    serde_saphyr::from_str::<Node>(text).map_err(|e| {
        let pos = e.location().map(|l| pos_of(&l));
        // The crate's Display renders its own snippet; keep only the first line (the message).
        let full = e.to_string();
        let message = full.lines().next().unwrap_or("invalid YAML").to_owned();
        SyntaxError { message, pos }
    })
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

    #[test]
    fn syntax_error_has_position() {
        let e = parse("a: [1, 2\nb: c\n").expect_err("must fail");
        assert!(e.pos.is_some(), "{e:?}");
    }
}
