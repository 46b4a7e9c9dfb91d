//! A content-stream lexer that reads operations without allocating: operands are kept as
//! byte ranges (numbers, names), decoded bytes in one reused buffer (strings) or ranges
//! of one reused item list (arrays); dictionaries are checked and skipped. It accepts a
//! strict subset of lopdf's content grammar (`lopdf::parser::content`) and reads what it
//! accepts exactly as lopdf does (ISO 32000-1 §7.2, §7.3, §7.8.2). At anything else —
//! inline images, comments between operands, `#` escapes in names, `true`/`false`/`null`,
//! references, stray delimiters, numbers run together, very deep nesting — it stops and
//! hands the rest of the piece, from the start of the operation, to lopdf, so the
//! interpreter sees the operations lopdf would have produced. Must not: interpret
//! operators (`content` does), panic or loop on any input.

/// Operands of the operation just read.
#[derive(Default)]
pub(super) struct Scratch {
    pub(super) operands: Vec<Operand>,
    pub(super) items: Vec<Item>,
    pub(super) buf: Vec<u8>,
}

/// One operand: ranges into the piece (numbers, names), into `Scratch::buf` (strings) or
/// into `Scratch::items` (arrays).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Operand {
    Int(usize, usize),
    Real(usize, usize),
    Name(usize, usize),
    Str(usize, usize),
    Array(usize, usize),
    /// A dictionary (read and skipped).
    Other,
}

/// One element of an array operand; nested arrays and dictionaries are `Other`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Item {
    Int(usize, usize),
    Real(usize, usize),
    Str(usize, usize),
    Other,
}

/// What `next_op` read.
#[derive(Debug, PartialEq)]
pub(super) enum Step {
    /// An operator (its byte range) with its operands in the scratch.
    Op(usize, usize),
    /// The end of the piece (operands without an operator at the end are dropped, as
    /// lopdf drops them).
    End,
    /// Something outside the subset at an operation starting at this offset: lopdf reads
    /// the rest of the piece from there.
    Fallback(usize),
}

/// Nesting of arrays and dictionaries (and of parentheses in a string) read here; deeper
/// goes to lopdf (whose limit is 100).
const MAX_DEPTH: usize = 32;

fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\0' | b'\x0C')
}

fn is_delim(c: u8) -> bool {
    matches!(
        c,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(c: u8) -> bool {
    !is_ws(c) && !is_delim(c)
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && is_ws(b[i]) {
        i += 1;
    }
    i
}

/// The end of a comment starting at `i` (after its end-of-line marker), or `None` if it
/// has none (lopdf does not read such a comment).
fn comment_end(b: &[u8], i: usize) -> Option<usize> {
    let eol = i + b[i..].iter().position(|&c| c == b'\n' || c == b'\r')?;
    Some(if b[eol] == b'\r' && b.get(eol + 1) == Some(&b'\n') {
        eol + 2
    } else {
        eol + 1
    })
}

/// White space and comments (lopdf's `space`, used inside arrays and dictionaries).
fn skip_space(b: &[u8], mut i: usize) -> Option<usize> {
    loop {
        i = skip_ws(b, i);
        if b.get(i) == Some(&b'%') {
            i = comment_end(b, i)?;
        } else {
            return Some(i);
        }
    }
}

/// A number at `i`: its end and whether it is real. `None` for anything lopdf might read
/// otherwise: no digits, a `-` inside the fraction, more than 18 digits in an integer, or a
/// regular character right after it.
fn number(b: &[u8], i: usize) -> Option<(usize, bool)> {
    let mut j = i;
    if matches!(b.get(j), Some(b'+' | b'-')) {
        j += 1;
    }
    let int_start = j;
    while j < b.len() && b[j].is_ascii_digit() {
        j += 1;
    }
    let int_digits = j - int_start;
    let mut real = false;
    if b.get(j) == Some(&b'.') {
        real = true;
        j += 1;
        let frac_start = j;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        if int_digits == 0 && j == frac_start {
            return None;
        }
    } else if int_digits == 0 || int_digits > 18 {
        return None;
    }
    if b.get(j).is_some_and(|&c| is_regular(c)) {
        return None;
    }
    Some((j, real))
}

/// A name at `i` (on its `/`): the range of its bytes. `None` for an empty name or one
/// with a `#` escape.
fn name(b: &[u8], i: usize) -> Option<(usize, usize)> {
    let start = i + 1;
    let mut j = start;
    while j < b.len() && is_regular(b[j]) {
        if b[j] == b'#' {
            return None;
        }
        j += 1;
    }
    (j > start).then_some((start, j))
}

/// A literal string at `i` (on its `(`), its bytes decoded onto `out`: the end.
fn literal(b: &[u8], i: usize, out: &mut Vec<u8>) -> Option<usize> {
    let mut j = i + 1;
    let mut depth = 0usize;
    loop {
        let c = *b.get(j)?;
        match c {
            b'\\' => {
                let e = *b.get(j + 1)?;
                j += 2;
                match e {
                    b'0'..=b'7' => {
                        let mut v = u16::from(e - b'0');
                        for _ in 0..2 {
                            match b.get(j) {
                                Some(&d @ b'0'..=b'7') => {
                                    v = v * 8 + u16::from(d - b'0');
                                    j += 1;
                                }
                                _ => break,
                            }
                        }
                        // Overflow is ignored, as the spec asks.
                        out.push(v as u8);
                    }
                    b'\r' => {
                        if b.get(j) == Some(&b'\n') {
                            j += 1;
                        }
                    }
                    b'\n' => {}
                    b'n' => out.push(b'\n'),
                    b'r' => out.push(b'\r'),
                    b't' => out.push(b'\t'),
                    b'b' => out.push(b'\x08'),
                    b'f' => out.push(b'\x0C'),
                    other => out.push(other),
                }
            }
            b'\r' => {
                out.push(b'\n');
                j += if b.get(j + 1) == Some(&b'\n') { 2 } else { 1 };
            }
            b'\n' => {
                out.push(b'\n');
                j += 1;
            }
            b'(' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return None;
                }
                out.push(b'(');
                j += 1;
            }
            b')' => {
                j += 1;
                if depth == 0 {
                    return Some(j);
                }
                depth -= 1;
                out.push(b')');
            }
            _ => {
                // A run of plain bytes at once.
                let run = b[j..]
                    .iter()
                    .position(|&c| matches!(c, b'(' | b')' | b'\\' | b'\r' | b'\n'))
                    .map_or(b.len(), |p| j + p);
                out.extend_from_slice(&b[j..run]);
                j = run;
            }
        }
    }
}

fn hex_digit(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// A hexadecimal string at `i` (on its `<`), decoded onto `out` (an odd last digit is
/// followed by 0): the end.
fn hex(b: &[u8], i: usize, out: &mut Vec<u8>) -> Option<usize> {
    let mut j = i + 1;
    let mut high: Option<u8> = None;
    loop {
        let c = *b.get(j)?;
        j += 1;
        if c == b'>' {
            if let Some(h) = high {
                out.push(h << 4);
            }
            return Some(j);
        }
        if is_ws(c) {
            continue;
        }
        let v = hex_digit(c)?;
        match high.take() {
            Some(h) => out.push((h << 4) | v),
            None => high = Some(v),
        }
    }
}

/// Reads operations from one piece of a content stream.
pub(super) struct Lexer<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Lexer<'a> {
    pub(super) fn new(b: &'a [u8]) -> Self {
        Lexer { b, pos: 0 }
    }

    /// The next operation, its operands left in `sc`.
    pub(super) fn next_op(&mut self, sc: &mut Scratch) -> Step {
        sc.operands.clear();
        sc.items.clear();
        sc.buf.clear();
        let b = self.b;
        let mut i = self.pos;
        // Comments, each with its end of line, and white space before an operation.
        loop {
            i = skip_ws(b, i);
            if b.get(i) == Some(&b'%') {
                match comment_end(b, i) {
                    Some(e) => i = e,
                    None => return self.fallback(i),
                }
            } else {
                break;
            }
        }
        let start = i;
        if i >= b.len() {
            self.pos = i;
            return Step::End;
        }
        // An inline image (lopdf tries one first at an operation's start).
        if b[i..].starts_with(b"BI") {
            return self.fallback(start);
        }
        loop {
            i = skip_ws(b, i);
            let Some(&c) = b.get(i) else {
                self.pos = i;
                return Step::End;
            };
            let operand = match c {
                b'0'..=b'9' | b'+' | b'-' | b'.' => match number(b, i) {
                    Some((e, real)) => {
                        let o = if real {
                            Operand::Real(i, e)
                        } else {
                            Operand::Int(i, e)
                        };
                        i = e;
                        o
                    }
                    None => return self.fallback(start),
                },
                b'/' => match name(b, i) {
                    Some((s, e)) => {
                        i = e;
                        Operand::Name(s, e)
                    }
                    None => return self.fallback(start),
                },
                b'(' => {
                    let s = sc.buf.len();
                    match literal(b, i, &mut sc.buf) {
                        Some(e) => {
                            i = e;
                            Operand::Str(s, sc.buf.len())
                        }
                        None => return self.fallback(start),
                    }
                }
                b'<' if b.get(i + 1) == Some(&b'<') => match skip_dict(b, i, sc, 1) {
                    Some(e) => {
                        i = e;
                        Operand::Other
                    }
                    None => return self.fallback(start),
                },
                b'<' => {
                    let s = sc.buf.len();
                    match hex(b, i, &mut sc.buf) {
                        Some(e) => {
                            i = e;
                            Operand::Str(s, sc.buf.len())
                        }
                        None => return self.fallback(start),
                    }
                }
                b'[' => {
                    let s = sc.items.len();
                    match array(b, i, sc, 1, true) {
                        Some(e) => {
                            i = e;
                            Operand::Array(s, sc.items.len())
                        }
                        None => return self.fallback(start),
                    }
                }
                c if c.is_ascii_alphabetic() || matches!(c, b'*' | b'\'' | b'"') => {
                    // lopdf reads `null`, `true` and `false` as operands first.
                    let rest = &b[i..];
                    if rest.starts_with(b"null")
                        || rest.starts_with(b"true")
                        || rest.starts_with(b"false")
                    {
                        return self.fallback(start);
                    }
                    let e = b[i..]
                        .iter()
                        .position(|&c| {
                            !(c.is_ascii_alphanumeric() || matches!(c, b'*' | b'\'' | b'"'))
                        })
                        .map_or(b.len(), |p| i + p);
                    if matches!(&b[i..e], b"BI" | b"ID" | b"EI") {
                        return self.fallback(start);
                    }
                    self.pos = skip_ws(b, e);
                    return Step::Op(i, e);
                }
                _ => return self.fallback(start),
            };
            sc.operands.push(operand);
        }
    }

    fn fallback(&mut self, at: usize) -> Step {
        self.pos = self.b.len();
        Step::Fallback(at)
    }
}

/// One element of an array or a dictionary value at `i` (lopdf's `_direct_objects`, less
/// `null`, booleans and references): its end. Recorded in `sc.items` if `record`.
fn element(b: &[u8], i: usize, sc: &mut Scratch, depth: usize, record: bool) -> Option<usize> {
    let c = *b.get(i)?;
    match c {
        b'0'..=b'9' | b'+' | b'-' | b'.' => {
            let (e, real) = number(b, i)?;
            if record {
                sc.items.push(if real {
                    Item::Real(i, e)
                } else {
                    Item::Int(i, e)
                });
            }
            Some(e)
        }
        b'/' => {
            let (_, e) = name(b, i)?;
            if record {
                sc.items.push(Item::Other);
            }
            Some(e)
        }
        b'(' | b'<' if c == b'(' || b.get(i + 1) != Some(&b'<') => {
            let s = sc.buf.len();
            let e = if c == b'(' {
                literal(b, i, &mut sc.buf)?
            } else {
                hex(b, i, &mut sc.buf)?
            };
            if record {
                sc.items.push(Item::Str(s, sc.buf.len()));
            } else {
                sc.buf.truncate(s);
            }
            Some(e)
        }
        b'<' => {
            let e = skip_dict(b, i, sc, depth + 1)?;
            if record {
                sc.items.push(Item::Other);
            }
            Some(e)
        }
        b'[' => {
            let e = array(b, i, sc, depth + 1, false)?;
            if record {
                sc.items.push(Item::Other);
            }
            Some(e)
        }
        _ => None,
    }
}

/// An array at `i` (on its `[`): its end; its elements recorded in `sc.items` if `record`.
fn array(b: &[u8], i: usize, sc: &mut Scratch, depth: usize, record: bool) -> Option<usize> {
    if depth > MAX_DEPTH {
        return None;
    }
    let mut j = skip_space(b, i + 1)?;
    loop {
        if *b.get(j)? == b']' {
            return Some(j + 1);
        }
        j = element(b, j, sc, depth, record)?;
        j = skip_space(b, j)?;
    }
}

/// A dictionary at `i` (on its `<<`), read and skipped: its end.
fn skip_dict(b: &[u8], i: usize, sc: &mut Scratch, depth: usize) -> Option<usize> {
    if depth > MAX_DEPTH {
        return None;
    }
    let mut j = skip_space(b, i + 2)?;
    loop {
        match *b.get(j)? {
            b'>' if b.get(j + 1) == Some(&b'>') => return Some(j + 2),
            b'/' => {
                let (_, e) = name(b, j)?;
                j = skip_space(b, e)?;
                j = element(b, j, sc, depth, false)?;
                j = skip_space(b, j)?;
            }
            _ => return None,
        }
    }
}

/// The value of an integer operand's bytes (at most 18 digits, so no overflow).
pub(super) fn int_value(t: &[u8]) -> f32 {
    let (neg, digits) = match t.split_first() {
        Some((b'-', d)) => (true, d),
        Some((b'+', d)) => (false, d),
        _ => (false, t),
    };
    let v = digits
        .iter()
        .fold(0i64, |v, &d| v * 10 + i64::from(d - b'0'));
    (if neg { -v } else { v }) as f32
}

/// The value of a real operand's bytes, parsed as lopdf parses it.
pub(super) fn real_value(t: &[u8]) -> Option<f32> {
    std::str::from_utf8(t).ok()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::Object;
    use lopdf::content::Content;

    /// An operation as text, from either reader: the operator and its operands, for
    /// comparing this lexer with lopdf.
    fn show_obj(o: &Object) -> String {
        match o {
            Object::Integer(i) => format!("n{}", *i as f32),
            Object::Real(r) => format!("n{r}"),
            Object::Name(n) => format!("/{}", String::from_utf8_lossy(n)),
            Object::String(s, _) => format!("s{s:?}"),
            Object::Array(a) => {
                let items: Vec<String> = a
                    .iter()
                    .map(|o| match o {
                        Object::Integer(_) | Object::Real(_) | Object::String(..) => show_obj(o),
                        _ => "?".into(),
                    })
                    .collect();
                format!("[{}]", items.join(","))
            }
            _ => "?".into(),
        }
    }

    fn show_ours(b: &[u8], sc: &Scratch, o: &Operand) -> String {
        let item = |it: &Item| match *it {
            Item::Int(s, e) => format!("n{}", int_value(&b[s..e])),
            Item::Real(s, e) => format!("n{}", real_value(&b[s..e]).unwrap_or(f32::NAN)),
            Item::Str(s, e) => format!("s{:?}", &sc.buf[s..e]),
            Item::Other => "?".into(),
        };
        match *o {
            Operand::Int(s, e) => format!("n{}", int_value(&b[s..e])),
            Operand::Real(s, e) => format!("n{}", real_value(&b[s..e]).unwrap_or(f32::NAN)),
            Operand::Name(s, e) => format!("/{}", String::from_utf8_lossy(&b[s..e])),
            Operand::Str(s, e) => format!("s{:?}", &sc.buf[s..e]),
            Operand::Array(s, e) => {
                let items: Vec<String> = sc.items[s..e].iter().map(item).collect();
                format!("[{}]", items.join(","))
            }
            Operand::Other => "?".into(),
        }
    }

    /// Every operation of `b` as this lexer reads it (lopdf from a fallback on), or the
    /// error lopdf gives.
    fn ours(b: &[u8]) -> Result<Vec<String>, String> {
        let mut lx = Lexer::new(b);
        let mut sc = Scratch::default();
        let mut out = Vec::new();
        let mut steps = 0;
        loop {
            steps += 1;
            assert!(steps <= b.len() + 2, "the lexer does not advance");
            match lx.next_op(&mut sc) {
                Step::Op(s, e) => {
                    let mut line = String::from_utf8_lossy(&b[s..e]).into_owned();
                    for o in &sc.operands {
                        line.push(' ');
                        line.push_str(&show_ours(b, &sc, o));
                    }
                    out.push(line);
                }
                Step::End => return Ok(out),
                Step::Fallback(at) => {
                    out.extend(lopdf_ops(&b[at..])?);
                    return Ok(out);
                }
            }
        }
    }

    fn lopdf_ops(b: &[u8]) -> Result<Vec<String>, String> {
        let c = Content::decode(b).map_err(|e| e.to_string())?;
        Ok(c.operations
            .iter()
            .map(|op| {
                let mut line = op.operator.clone();
                for o in &op.operands {
                    line.push(' ');
                    line.push_str(&show_obj(o));
                }
                line
            })
            .collect())
    }

    fn same(b: &[u8]) {
        assert_eq!(ours(b), lopdf_ops(b), "{:?}", String::from_utf8_lossy(b));
    }

    const SAMPLES: &[&[u8]] = &[
        b"BT /F1 12 Tf 72 712 Td (Hello, world) Tj ET",
        b"q 1 0 0 1 0 0 cm 0.5 0 0 RG 10 10 m 20 20 l S Q",
        b"BT [(A) -120 (B\\(c\\)) 3.5 (D)] TJ ET",
        b"(a\\nb\\r\\t\\b\\f\\\\\\(\\)) Tj (\\101\\1011\\0\\777) Tj (x\\\ny\\\r\nz\\q) Tj",
        b"(line\r\nbreak\rand\nmore) Tj (nested (paren (deep)) ok) Tj",
        b"<48 65 6c6C 6F> Tj <4> Tj < > Tj <0041 0042\n0043> Tj",
        b"% a comment\n BT %another\r\n/F2 9 Tf ET % trailing\n",
        b"/P <</MCID 3 /Alt (x) /Sub <</A [1 2 /B]>>>> BDC EMC /Span<</ActualText<FEFF0041>>>BDC",
        b"1 2 3 4 re f* 0 g 0 G .5 w -.5 +3 -2. 4 d0 T* 1 2 ' 1 2 (x) \" (y) '",
        b"1 0 0 1 0.00-41 0 cm 5 Tz 1 Tc 2 Tw 3 TL 4 Ts",
        b"BI /W 2 /H 1 /CS /G /BPC 8 ID \x00\xff EI Q BT (after) Tj ET",
        b"q BI /W 1 /H 1 /CS /RGB /BPC 8 ID abc\nEI\n(z) Tj",
        b"1 2 % comment between operands\n m (after) Tj",
        b"/F#20a 1 Tf (x) Tj",
        b"true false null x 1 y",
        b"[1 0 R] TJ (x) Tj",
        b"1.5.3 m (x) Tj",
        b"{ } (x) Tj",
        b") Tj (x) Tj",
        b"12345678901234567890 Tz (x) Tj",
        b"(unterminated Tj",
        b"<12 zz> Tj (x) Tj",
        b"[(a) [(b) 2] <</K 1>> /N] TJ",
        b"1 2 3",
        b"BT",
        b"% no end of line",
        b"",
        b"  \n\t\x0c\x00 ",
        b"Tj'\"* x1 d1",
        b"1 2 Tj\"",
        b"(a)(b)(c) Tj",
        b"[ ] TJ [] TJ [%c\n(a)%d\n] TJ",
        b"<< /A 1 >> BDC <</A>> BDC (x) Tj",
        b"/ Tf (x) Tj",
        b"BIX (x) Tj",
        b"-- Tj . Tj + Tj",
        b"\\ Tj",
    ];

    #[test]
    fn reads_like_lopdf() {
        for s in SAMPLES {
            same(s);
        }
    }

    #[test]
    fn truncated_and_garbled_streams_read_like_lopdf() {
        let mut all = Vec::new();
        for s in SAMPLES {
            all.extend_from_slice(s);
            all.push(b'\n');
        }
        for end in 0..=all.len() {
            same(&all[..end]);
            same(&all[end..]);
        }
        // Garbled: every byte of a few samples replaced by each interesting byte.
        let bytes = b"()<>[]{}/%\\\n\r 0.-+#Ra\xff";
        for s in SAMPLES.iter().take(12) {
            for at in 0..s.len() {
                for &c in bytes {
                    let mut g = s.to_vec();
                    g[at] = c;
                    same(&g);
                }
            }
        }
    }

    #[test]
    fn deep_nesting_goes_to_lopdf() {
        let mut s = vec![b'['; 200];
        s.extend(vec![b']'; 200]);
        s.extend_from_slice(b" TJ (x) Tj");
        same(&s);
        let mut s = b"(".to_vec();
        s.extend(vec![b'('; 150]);
        s.extend(vec![b')'; 151]);
        s.extend_from_slice(b" Tj (x) Tj");
        same(&s);
    }

    /// Every content stream of the corpus PDFs (pages and forms), cut into the pieces the
    /// interpreter reads, reads the same with this lexer as with lopdf.
    #[test]
    fn corpus_streams_read_like_lopdf() {
        let Some(dir) = crate::testing::corpus("corpus_streams_read_like_lopdf", "pdf") else {
            return;
        };
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("corpus")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
            .filter(|p| !p.ends_with("pdfjs__bomb_giant.pdf"))
            .collect();
        files.sort();
        let (mut pieces, mut fallbacks, mut bytes) = (0usize, 0usize, 0usize);
        for path in &files {
            let data = std::fs::read(path).expect("read");
            let options = lopdf::LoadOptions::with_max_decompressed_size(64 << 20);
            let Ok(doc) = lopdf::Document::load_mem_with_options(&data, options) else {
                continue;
            };
            for (_, o) in doc.objects.iter() {
                let Ok(stream) = o.as_stream() else { continue };
                let form = stream.dict.get(b"Subtype").and_then(Object::as_name).ok()
                    == Some(b"Form".as_slice());
                let typed = stream.dict.get(b"Type").is_ok() || stream.dict.get(b"Subtype").is_ok();
                if typed && !form {
                    continue;
                }
                let Some(content) = super::super::content::stream_data(stream, 64 << 20) else {
                    continue;
                };
                for chunk in super::super::content::content_chunks(
                    &content,
                    super::super::content::CONTENT_CHUNK,
                ) {
                    pieces += 1;
                    bytes += chunk.len();
                    let mut lx = Lexer::new(chunk);
                    let mut sc = Scratch::default();
                    loop {
                        match lx.next_op(&mut sc) {
                            Step::Op(..) => {}
                            Step::End => break,
                            Step::Fallback(at) => {
                                fallbacks += 1;
                                if std::env::var_os("LEXER_FALLBACKS").is_some() {
                                    let end = chunk.len().min(at + 24);
                                    eprintln!(
                                        "FALLBACK {} {} {} {:?}",
                                        path.display(),
                                        chunk.len() - at,
                                        u8::from(form),
                                        String::from_utf8_lossy(&chunk[at..end])
                                    );
                                }
                                break;
                            }
                        }
                    }
                    assert_eq!(ours(chunk), lopdf_ops(chunk), "{}", path.display());
                }
            }
        }
        eprintln!(
            "{} files, {pieces} pieces ({bytes} bytes), {fallbacks} handed to lopdf",
            files.len()
        );
    }

    #[test]
    fn rust_parses_the_real_forms_lopdf_accepts() {
        for t in ["5.", ".5", "-.5", "+.5", "+5.", "-5.", "0.000", "123.456"] {
            assert!(real_value(t.as_bytes()).is_some(), "{t}");
        }
    }
}
