//! Folding text for matching, with an offset map back to the exact original bytes.
//!
//! Owns: curly quotes → straight, dashes → `-`, NBSP/thin spaces/line breaks → one space,
//! soft hyphens and zero-width characters dropped, ligatures and full-width forms expanded,
//! lowercase (only where it keeps the byte length, so `lower` and `cased` share offsets),
//! optional undoing of line-end hyphenation (PDF). Must not: decide what is a match.

/// Folded text. `lower` and `cased` have identical byte layout; `map[i]` is the byte offset in
/// the original text of folded byte `i` (`map.len() == lower.len() + 1`).
#[derive(Clone, Debug, Default)]
pub struct Folded {
    pub lower: String,
    pub cased: String,
    pub map: Vec<u32>,
}

/// Just the folded lowercase text, for keys and comparisons.
pub struct FoldedText {
    pub text: String,
}

pub fn fold(text: &str) -> FoldedText {
    FoldedText {
        text: fold_with(text, false).lower,
    }
}

fn ligature(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{FB00}' => "ff",
        '\u{FB01}' => "fi",
        '\u{FB02}' => "fl",
        '\u{FB03}' => "ffi",
        '\u{FB04}' => "ffl",
        '\u{FB05}' | '\u{FB06}' => "st",
        '\u{2026}' => "...",
        _ => return None,
    })
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{3000}')
}

fn map_char(c: char) -> Option<char> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => '-',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFF01 + 0x21)?,
        _ => return None,
    })
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Fold `text`. With `dehyphenate`, `word-\nword` (hyphen at a line end followed by a
/// lowercase letter) becomes `wordword`.
pub fn fold_with(text: &str, dehyphenate: bool) -> Folded {
    let mut out = Folded::default();
    fold_into(&mut out, text, dehyphenate);
    out
}

/// `fold_with` into `out`, reusing its buffers (one allocation per run, not per segment).
pub fn fold_into(out: &mut Folded, text: &str, dehyphenate: bool) {
    out.lower.clear();
    out.cased.clear();
    out.map.clear();
    out.lower.reserve(text.len());
    out.cased.reserve(text.len());
    out.map.reserve(text.len() + 1);
    let bytes = text.as_bytes();
    // An ASCII byte folds to itself (lowercased) unless it is a space, or a hyphen that
    // may end a line: runs of the others are copied whole.
    let plain = |b: u8| b.is_ascii() && !is_ascii_space(b) && !(dehyphenate && b == b'-');
    let mut pending_space: Option<u32> = None;
    let mut i = 0usize;
    while i < bytes.len() {
        let b = bytes[i];
        if plain(b) {
            // A single ' ' between two such bytes folds to itself too: runs are sentences,
            // not words.
            let mut run = i;
            loop {
                run = candidate_stop(bytes, run, dehyphenate);
                match bytes.get(run) {
                    // A candidate that is plain after all (the word test's guesses).
                    Some(&b) if plain(b) => run += 1,
                    Some(b' ') if bytes.get(run + 1).is_some_and(|&b| plain(b)) => run += 1,
                    _ => break,
                }
            }
            if let Some(sp) = pending_space.take() {
                push(out, ' ', ' ', sp);
            }
            let from = out.lower.len();
            out.lower.push_str(&text[i..run]);
            out.lower[from..].make_ascii_lowercase();
            out.cased.push_str(&text[i..run]);
            out.map.extend(i as u32..run as u32);
            i = run;
            continue;
        }
        if is_ascii_space(b) {
            if pending_space.is_none() && !out.lower.is_empty() {
                pending_space = Some(i as u32);
            }
            i += 1;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let at = i as u32;
        i += c.len_utf8();
        if is_invisible(c) {
            continue;
        }
        if is_space(c) {
            if pending_space.is_none() && !out.lower.is_empty() {
                pending_space = Some(at);
            }
            continue;
        }
        if dehyphenate
            && c == '-'
            && out
                .cased
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic)
        {
            // Look ahead: whitespace containing a newline, then a lowercase letter.
            let rest = &text[i..];
            let ws: usize = rest
                .chars()
                .take_while(|c| is_space(*c))
                .map(char::len_utf8)
                .sum();
            if rest[..ws].contains('\n') {
                i += ws;
                // A lowercase continuation means the hyphen only broke the word; otherwise
                // it is a real hyphen ("Self-\nService") and only the break goes.
                if rest[ws..].chars().next().is_some_and(char::is_lowercase) {
                    continue;
                }
                if let Some(sp) = pending_space.take() {
                    push(out, ' ', ' ', sp);
                }
                push(out, '-', '-', at);
                continue;
            }
        }
        if let Some(sp) = pending_space.take() {
            push(out, ' ', ' ', sp);
        }
        if let Some(s) = ligature(c) {
            for l in s.chars() {
                push(out, l, l, at);
            }
            continue;
        }
        let c = map_char(c).unwrap_or(c);
        let mut lower = c.to_lowercase();
        let l = match (lower.next(), lower.next()) {
            (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
            _ => c,
        };
        push(out, l, c, at);
    }
    out.map.push(text.len() as u32);
}

/// From `from`, the first byte that may end a plain run of `fold_into` (eight bytes at a
/// time): any byte that is not plain (non-ASCII, ASCII whitespace, a hyphen when
/// dehyphenating) other than a space, and a space followed by a space or such a byte or
/// ending a chunk. It never passes a byte that ends the run; the caller checks the byte
/// it stops at (a guess may be a plain byte, or a space followed by plain text).
fn candidate_stop(bytes: &[u8], mut from: usize, dehyphenate: bool) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LAST: u64 = 0x8000_0000_0000_0000;
    // Every zero byte of `y` is flagged (and maybe a byte above one).
    let zero = |y: u64| y.wrapping_sub(ONES) & !y & HIGH;
    while let Some(chunk) = bytes.get(from..from + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        let v = x & !HIGH;
        // \t \n \x0b \x0c \r: 0x09..=0x0d (no carry crosses bytes: high bits are clear).
        let controls = (v + ONES * (0x80 - 0x09)) & !(v + ONES * (0x7F - 0x0D)) & HIGH;
        let mut other = (x & HIGH) | controls;
        if dehyphenate {
            other |= zero(x ^ (ONES * u64::from(b'-')));
        }
        let spaces = zero(x ^ (ONES * u64::from(b' ')));
        let stop = other | (spaces & ((spaces | other) >> 8)) | (spaces & LAST);
        if stop != 0 {
            return from + (stop.trailing_zeros() / 8) as usize;
        }
        from += 8;
    }
    let plain = |b: u8| b.is_ascii() && !is_ascii_space(b) && !(dehyphenate && b == b'-');
    bytes
        .get(from..)
        .and_then(|rest| rest.iter().position(|&b| !plain(b)))
        .map_or(bytes.len(), |n| from + n)
}

/// The ASCII characters `char::is_whitespace` accepts.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

fn push(out: &mut Folded, lower: char, cased: char, at: u32) {
    out.lower.push(lower);
    out.cased.push(cased);
    for _ in 0..lower.len_utf8() {
        out.map.push(at);
    }
}

impl Folded {
    /// The byte range in `orig` (the text that was folded) of folded range `start..end`.
    pub fn source_range(&self, orig: &str, start: usize, end: usize) -> std::ops::Range<usize> {
        let s = self.map.get(start).copied().unwrap_or(0) as usize;
        if end <= start {
            return s..s;
        }
        let last = self.map.get(end - 1).copied().unwrap_or(0) as usize;
        let len = orig
            .get(last..)
            .and_then(|r| r.chars().next())
            .map_or(0, char::len_utf8);
        s..(last + len).max(s)
    }
}

/// The end of the run of ASCII letters and digits that starts at `i` in `b` (`i` itself when
/// `b[i]` is not one): eight bytes at a time. Every word loop of a run (the platform's word
/// table, the number scanner) goes through here; a non-ASCII byte ends the run, and the
/// caller decides whether the character it starts continues the word.
pub fn ascii_alnum_end(b: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Per byte of `v` (high bits clear, so no carry crosses bytes): high bit set when the
    // byte is in `lo..=hi`.
    let in_range = |v: u64, lo: u8, hi: u8| {
        let at_least = v + ONES * u64::from(0x80 - lo);
        let above = v + ONES * u64::from(0x7F - hi);
        at_least & !above & HIGH
    };
    while let Some(chunk) = b.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        let v = x & !HIGH;
        let alnum = (in_range(v, b'0', b'9') | in_range(v | (ONES * 0x20), b'a', b'z')) & !x;
        let other = !alnum & HIGH;
        if other != 0 {
            return i + (other.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && b[i].is_ascii_alphanumeric() {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    #[test]
    fn ascii_alnum_end_matches_a_byte_loop() {
        let scalar = |b: &[u8], mut i: usize| {
            while i < b.len() && b[i].is_ascii_alphanumeric() {
                i += 1;
            }
            i
        };
        // Every byte value at every offset of a run, and runs of every length.
        let mut rng = crate::testing::Rng(0x2545_f491_4f6c_dd1du64);
        let mut next = || rng.next();
        for len in 0..40 {
            for stop in 0..=255u8 {
                let mut b: Vec<u8> = (0..len).map(|k| b"aZ09mQx7"[k % 8]).collect();
                b.push(stop);
                b.extend_from_slice(b"tail words");
                for i in 0..b.len() {
                    assert_eq!(super::ascii_alnum_end(&b, i), scalar(&b, i), "{b:?} at {i}");
                }
            }
        }
        for _ in 0..2000 {
            let b: Vec<u8> = (0..(next() % 64) as usize)
                .map(|_| match next() % 4 {
                    0 => (next() % 256) as u8,
                    _ => b"abcXYZ019 -./:@[`{"[(next() % 18) as usize],
                })
                .collect();
            for i in 0..=b.len() {
                assert_eq!(super::ascii_alnum_end(&b, i), scalar(&b, i), "{b:?} at {i}");
            }
        }
    }

    /// The character-by-character folding the fast path replaced: both must agree.
    fn reference(text: &str, dehyphenate: bool) -> Folded {
        let mut out = Folded {
            lower: String::with_capacity(text.len()),
            cased: String::with_capacity(text.len()),
            map: Vec::with_capacity(text.len() + 1),
        };
        let mut pending_space: Option<u32> = None;
        let mut iter = text.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            let at = i as u32;
            if is_invisible(c) {
                continue;
            }
            if is_space(c) {
                if pending_space.is_none() && !out.lower.is_empty() {
                    pending_space = Some(at);
                }
                continue;
            }
            if dehyphenate
                && c == '-'
                && out
                    .cased
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphabetic)
            {
                // Look ahead: whitespace containing a newline, then a lowercase letter.
                let rest = &text[i + 1..];
                let ws: usize = rest
                    .chars()
                    .take_while(|c| is_space(*c))
                    .map(char::len_utf8)
                    .sum();
                if rest[..ws].contains('\n') {
                    while iter.peek().is_some_and(|(_, c)| is_space(*c)) {
                        iter.next();
                    }
                    // A lowercase continuation means the hyphen only broke the word; otherwise
                    // it is a real hyphen ("Self-\nService") and only the break goes.
                    if rest[ws..].chars().next().is_some_and(char::is_lowercase) {
                        continue;
                    }
                    if let Some(sp) = pending_space.take() {
                        push(&mut out, ' ', ' ', sp);
                    }
                    push(&mut out, '-', '-', at);
                    continue;
                }
            }
            if let Some(sp) = pending_space.take() {
                push(&mut out, ' ', ' ', sp);
            }
            if let Some(s) = ligature(c) {
                for l in s.chars() {
                    push(&mut out, l, l, at);
                }
                continue;
            }
            let c = map_char(c).unwrap_or(c);
            let mut lower = c.to_lowercase();
            let l = match (lower.next(), lower.next()) {
                (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
                _ => c,
            };
            push(&mut out, l, c, at);
        }
        out.map.push(text.len() as u32);
        out
    }

    #[test]
    fn fast_path_agrees_with_char_by_char() {
        let cases = [
            "",
            "   ",
            "Plain ASCII Text, with  DOUBLE\tspaces\r\n and\x0bvt\x0cff.",
            "plat-\nform Self-\n Service a - b -\n\n -x word-",
            "Lumora\u{00A0}\u{2019}s \u{201C}eﬃcient\u{201D}\nhelp\u{2011}desk İstanbul ÀB",
            "mes\u{00AD}saging \u{200B}zero\u{FEFF} ＦＵＬＬ width…\u{3000}x",
            "\u{0085}next line\u{2028}sep-\u{2028}lower",
            "trailing space ",
            " leading",
        ];
        // And random strings of the bytes and characters that end or continue a run, over
        // the eight-byte chunks the run search reads.
        let mut rng = crate::testing::Rng(0x9e37_79b9_7f4a_7c15u64);
        let mut next = || rng.next();
        let alphabet = [
            "a", "B", "7", " ", " ", "  ", "-", "\t", "\n", "\r", "\x0b", "\x0c", ".", "é",
            "\u{00A0}", "\u{2019}", "\u{00AD}", "ﬁ", "\x01", "\x7f", "ab", "word ",
        ];
        let random: Vec<String> = (0..3000)
            .map(|_| {
                (0..next() % 40)
                    .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                    .collect()
            })
            .collect();
        for text in cases
            .iter()
            .copied()
            .chain(random.iter().map(String::as_str))
        {
            for dehyphenate in [false, true] {
                let (a, b) = (fold_with(text, dehyphenate), reference(text, dehyphenate));
                assert_eq!(a.lower, b.lower, "{text:?}");
                assert_eq!(a.cased, b.cased, "{text:?}");
                assert_eq!(a.map, b.map, "{text:?}");
            }
        }
    }

    use super::*;

    #[test]
    fn folds_typography_and_maps_back() {
        let src = "Lumora\u{00A0}\u{2019}s  \u{201C}eﬃcient\u{201D}\nhelp\u{2011}desk";
        let f = fold_with(src, false);
        assert_eq!(f.lower, "lumora 's \"efficient\" help-desk");
        assert_eq!(f.cased, "Lumora 's \"efficient\" help-desk");
        let at = f.lower.find("help-desk").expect("found");
        let r = f.source_range(src, at, at + "help-desk".len());
        assert_eq!(&src[r], "help\u{2011}desk");
        let at = f.lower.find("efficient").expect("found");
        let r = f.source_range(src, at, at + "efficient".len());
        assert_eq!(&src[r], "eﬃcient");
    }

    #[test]
    fn soft_hyphen_and_dehyphenation() {
        let f = fold_with("mes\u{00AD}saging plat-\n  form Self-\nService", true);
        assert_eq!(f.lower, "messaging platform self-service");
        let f = fold_with("plat-\nform", false);
        assert_eq!(f.lower, "plat- form");
    }

    #[test]
    fn lowercase_keeps_layout_for_odd_chars() {
        // 'İ' lowercases to two chars: kept as is so offsets stay aligned.
        let f = fold_with("İstanbul ÀB", false);
        assert_eq!(f.lower.len(), f.cased.len());
        assert_eq!(f.lower, "İstanbul àb");
    }
}
