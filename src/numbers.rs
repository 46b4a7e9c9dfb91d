//! Quantities in copy: "1,200+", "35%", "half", "3x", "50 to 1,000", "two weeks", "$12m",
//! with the qualifier around them ("over", "at least", "up to", "nearly", "~").
//!
//! Owns: scanning folded lowercase text for quantities with byte spans. Must not: know
//! claims or rules.

/// What a number measures, as far as the text says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Plain,
    Percent,
    Multiplier,
    Money,
    /// A duration, normalised to days.
    Days,
    Minutes,
    /// A size in bytes ("150MiB", "2.5 KB"), normalised to bytes.
    Bytes,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Qual {
    Exact,
    AtLeast,
    AtMost,
    Approx,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    pub value: f64,
    /// Upper end of a range ("50 to 1,000").
    pub hi: Option<f64>,
    pub unit: Unit,
    pub qual: Qual,
    /// Byte span in the scanned text (qualifier included).
    pub start: usize,
    pub end: usize,
}

const SMALL: [(&str, f64); 33] = [
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
    ("hundred", 100.0),
    ("a hundred", 100.0),
    ("a dozen", 12.0),
    // "more than a thousand contributors", "over a million pipeline runs".
    ("a thousand", 1e3),
    ("a million", 1e6),
    ("a billion", 1e9),
];

/// Word fractions that are percentages ("half of all tickets").
const FRACTIONS: [(&str, f64); 6] = [
    ("half", 50.0),
    ("a third", 33.3),
    ("one third", 33.3),
    ("a quarter", 25.0),
    ("one quarter", 25.0),
    ("three quarters", 75.0),
];

const QUALIFIERS: [(&str, Qual); 21] = [
    ("more than", Qual::AtLeast),
    ("over", Qual::AtLeast),
    ("at least", Qual::AtLeast),
    ("upwards of", Qual::AtLeast),
    ("up to", Qual::AtMost),
    ("under", Qual::AtMost),
    ("less than", Qual::AtMost),
    ("fewer than", Qual::AtMost),
    ("at most", Qual::AtMost),
    ("within", Qual::AtMost),
    ("nearly", Qual::Approx),
    ("almost", Qual::Approx),
    ("about", Qual::Approx),
    ("around", Qual::Approx),
    ("approximately", Qual::Approx),
    ("roughly", Qual::Approx),
    ("~", Qual::Approx),
    ("<", Qual::AtMost),
    ("≤", Qual::AtMost),
    (">", Qual::AtLeast),
    ("≥", Qual::AtLeast),
];

/// The last characters of the `QUALIFIERS` (a test keeps them in step).
const QUALIFIER_ENDS: [char; 12] = ['n', 'r', 't', 'o', 'f', 'y', 'd', '~', '<', '≤', '>', '≥'];

fn word_at(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

fn word_end(text: &str, at: usize) -> bool {
    text[at..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric())
}

/// Whether `word` (a whole alphanumeric token) is the first word of a number word, a word
/// fraction or a multiplier ("one", "a" of "a dozen", "half", "twice").
fn starts_number_word(word: &str) -> bool {
    // A `match` (length, then bytes) rather than a walk over the tables: this runs for
    // every word of every segment with a digit. `number_word_starts_match_tables` keeps it
    // in step with SMALL and FRACTIONS.
    matches!(
        word,
        "one"
            | "two"
            | "three"
            | "four"
            | "five"
            | "six"
            | "seven"
            | "eight"
            | "nine"
            | "ten"
            | "eleven"
            | "twelve"
            | "thirteen"
            | "fourteen"
            | "fifteen"
            | "sixteen"
            | "seventeen"
            | "eighteen"
            | "nineteen"
            | "twenty"
            | "thirty"
            | "forty"
            | "fifty"
            | "sixty"
            | "seventy"
            | "eighty"
            | "ninety"
            | "hundred"
            | "a"
            | "half"
            | "twice"
            | "double"
            | "triple"
    )
}

/// A unit of size at the start of `rest`, glued or after one space ("mib", " gb"): its
/// length in `rest` (the space included) and its number of bytes.
fn size_unit(rest: &str) -> Option<(usize, f64)> {
    let (space, unit) = match rest.strip_prefix(' ') {
        Some(r) => (1, r),
        None => (0, rest),
    };
    if !unit.starts_with(['k', 'm', 'g', 't']) {
        return None;
    }
    const K: f64 = 1024.0;
    [
        ("kib", K),
        ("mib", K * K),
        ("gib", K * K * K),
        ("tib", K * K * K * K),
        ("kb", 1e3),
        ("mb", 1e6),
        ("gb", 1e9),
        ("tb", 1e12),
    ]
    .into_iter()
    .find(|(u, _)| unit.starts_with(u))
    .map(|(u, bytes)| (space + u.len(), bytes))
}

/// Thousands grouped with dots, as much of Europe writes them: "35.000 GitHub stars",
/// "7.000.000.000+ requests", "1.500.000 users". One to three digits, then groups of three
/// after dots, the last group `000` (so "2.500" stays two and a half, and a version or an
/// address is never read as thousands), and no digit or dotted digit after.
pub(crate) fn dotted_thousands(b: &[u8], at: usize) -> Option<(f64, usize)> {
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let mut i = at;
    while digit(i) && i - at < 4 {
        i += 1;
    }
    if i == at || i - at > 3 || digit(i) {
        return None;
    }
    let mut value: f64 = std::str::from_utf8(&b[at..i]).ok()?.parse().ok()?;
    let mut last = &b[0..0];
    while b.get(i) == Some(&b'.') && digit(i + 1) && digit(i + 2) && digit(i + 3) && !digit(i + 4) {
        last = &b[i + 1..i + 4];
        value = value * 1000.0 + std::str::from_utf8(last).ok()?.parse::<f64>().ok()?;
        i += 4;
    }
    let trailing_dot_digit = b.get(i) == Some(&b'.') && digit(i + 1);
    (last == b"000" && !trailing_dot_digit).then_some((value, i))
}

/// A numeral at `at`: digits with thousands separators and decimals, or a number word.
fn numeral(text: &str, at: usize) -> Option<(f64, usize)> {
    let b = text.as_bytes();
    if let Some(n) = dotted_thousands(b, at) {
        return Some(n);
    }
    if b.get(at).is_some_and(u8::is_ascii_digit) {
        let mut i = at;
        // The digits without separators: on the stack unless the numeral is very long.
        let mut buf = [0u8; 64];
        let mut len = 0usize;
        let mut long = String::new();
        let mut dot = false;
        let mut put = |c: u8| {
            if len < buf.len() {
                buf[len] = c;
            } else {
                if long.is_empty() {
                    long.extend(buf.iter().map(|&b| b as char));
                }
                long.push(c as char);
            }
            len += 1;
        };
        while i < b.len() {
            let c = b[i];
            if c.is_ascii_digit() {
                put(c);
                i += 1;
            } else if (c == b',' || c == b'\'')
                && b.get(i + 1).is_some_and(u8::is_ascii_digit)
                && b.get(i + 2).is_some_and(u8::is_ascii_digit)
                && b.get(i + 3).is_some_and(u8::is_ascii_digit)
                && !b.get(i + 4).is_some_and(u8::is_ascii_digit)
            {
                i += 1;
            } else if c == b'.' && b.get(i + 1).is_some_and(u8::is_ascii_digit) && !dot {
                dot = true;
                put(b'.');
                i += 1;
            } else {
                break;
            }
        }
        let digits = if len > buf.len() {
            long.as_str()
        } else {
            std::str::from_utf8(&buf[..len]).unwrap_or("")
        };
        return digits.parse().ok().map(|v| (v, i));
    }
    if !word_at(text, at) {
        return None;
    }
    let (w, v) = SMALL
        .iter()
        .filter(|(w, _)| text[at..].starts_with(w) && word_end(text, at + w.len()))
        .max_by_key(|(w, _)| w.len())?;
    // "one" is mostly a pronoun ("purchase one"): a number only before a magnitude or unit.
    if *w == "one" {
        let rest = &text[at + 3..];
        let units = [
            " million",
            " billion",
            " thousand",
            " hundred",
            " minute",
            " hour",
            " day",
            " week",
            " month",
            " year",
            " click",
            " place",
            " platform",
            " inbox",
        ];
        if !units.iter().any(|u| rest.starts_with(u)) {
            return None;
        }
    }
    // A compound: "twenty-five", "thirty two".
    let end = at + w.len();
    if [20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0].contains(v)
        && let Some(rest) = text[end..]
            .strip_prefix('-')
            .or_else(|| text[end..].strip_prefix(' '))
        && let Some((u, uv)) = SMALL[..9]
            .iter()
            .find(|(u, _)| rest.starts_with(u) && word_end(rest, u.len()))
    {
        return Some((v + uv, end + 1 + u.len()));
    }
    Some((*v, end))
}

/// Where a quantity can start with a word: every run of ASCII letters and digits that
/// starts with a letter and is a number word (`is_number_word`: every word
/// `starts_number_word` accepts but "a", and the words that follow "a" in `SMALL` and
/// `FRACTIONS`), and the "a " just before one. A run ends at any other byte, so a word
/// glued to a non-ASCII letter ("éone") is listed too, which only costs a look: `scan`
/// runs its usual test there. No whole word is missed. Ascending.
fn number_word_starts(text: &str, out: &mut Vec<usize>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let start = i;
        i = crate::normalize::ascii_alnum_end(b, i + 1);
        if is_number_word(&b[start..i]) {
            if start >= 2 && &b[start - 2..start] == b"a " {
                out.push(start - 2);
            }
            out.push(start);
        }
    }
}

/// The first ASCII digit or `$` in `b` from `from`, else `b.len()`: eight bytes at a time
/// (this runs over all the text of every segment).
fn digit_or_dollar(b: &[u8], mut from: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = b.get(from..from + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        let v = x & !HIGH;
        // Bytes 0x30..=0x39 (no carry crosses bytes: high bits are clear), ASCII only.
        let digits = (v + ONES * (0x80 - 0x30)) & !(v + ONES * (0x7F - 0x39)) & !x & HIGH;
        // `$`: every byte equal to it is flagged, the lowest flag is always one.
        let y = x ^ (ONES * u64::from(b'$'));
        let dollars = y.wrapping_sub(ONES) & !y & HIGH;
        let hit = digits | dollars;
        if hit != 0 {
            return from + (hit.trailing_zeros() / 8) as usize;
        }
        from += 8;
    }
    b.get(from..)
        .and_then(|rest| rest.iter().position(|&c| c.is_ascii_digit() || c == b'$'))
        .map_or(b.len(), |n| from + n)
}

/// Whether lowercase `text` has a word a quantity can start with (see `number_word_starts`).
pub(crate) fn has_number_word(text: &str) -> bool {
    let mut starts = Vec::new();
    number_word_starts(text, &mut starts);
    !starts.is_empty()
}

/// The words `number_word_starts` looks for. Dispatched on the first letter: this runs for
/// every word of every segment, and most words start with none of these letters or have
/// another length.
fn is_number_word(w: &[u8]) -> bool {
    if !(3..=9).contains(&w.len()) {
        return false;
    }
    match w[0] {
        b'h' => matches!(w, b"half" | b"hundred"),
        b'q' => w == b"quarter",
        b't' => matches!(
            w,
            b"third"
                | b"twice"
                | b"triple"
                | b"two"
                | b"three"
                | b"ten"
                | b"twelve"
                | b"thirteen"
                | b"twenty"
                | b"thirty"
                | b"thousand"
        ),
        b'd' => matches!(w, b"double" | b"dozen"),
        b'o' => w == b"one",
        b'f' => matches!(
            w,
            b"four" | b"five" | b"fourteen" | b"fifteen" | b"forty" | b"fifty"
        ),
        b's' => matches!(
            w,
            b"six" | b"seven" | b"sixteen" | b"seventeen" | b"sixty" | b"seventy"
        ),
        b'e' => matches!(w, b"eight" | b"eleven" | b"eighteen" | b"eighty"),
        b'n' => matches!(w, b"nine" | b"nineteen" | b"ninety"),
        b'm' => w == b"million",
        b'b' => w == b"billion",
        _ => false,
    }
}

/// Scan folded `lower` text for quantities, leaving out numbers that are part of a name
/// by their capitals in `cased` (same byte layout): "Microsoft 365", "iPhone 15",
/// "Forbes Cloud 100".
pub fn scan_cased(lower: &str, cased: &str) -> Vec<Quantity> {
    let mut out = scan(lower);
    if cased.len() == lower.len() {
        let mut title = None;
        out.retain(|q| {
            // Only a bare integer after a space can continue a name.
            let bare = q.unit == Unit::Plain
                && q.qual == Qual::Exact
                && q.hi.is_none()
                && cased[..q.start].ends_with(' ')
                && cased[..q.start - 1].ends_with(|c: char| c.is_alphanumeric() || c == '.');
            !(bare && in_name(lower, cased, q, &mut title))
        });
    }
    out
}

/// Words that are not names even when capitalised: a Title Case heading capitalises them.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "by", "for", "with", "to", "of", "in", "on", "at", "over",
    "than", "our", "your", "their", "its", "from", "into", "under", "about", "nearly", "almost",
    "around", "only", "just", "all", "every", "each", "per", "up", "is", "are", "was", "were",
    "be", "we", "you", "they", "it", "saves", "save", "cut", "cuts", "get", "gets", "reach",
    "reached", "serving", "serves", "trusted", "used", "join", "joined", "see", "top", "has",
    "have", "had", "more", "less", "fewer", "first", "last", "next", "within", "after", "before",
    "since", "across", "among", "between", "than",
];

/// More than half of the words of four letters or more start with a capital.
fn title_case(cased: &str) -> bool {
    if !cased.is_ascii() {
        return title_case_chars(cased);
    }
    // ASCII: one pass over the bytes, no word list.
    let (mut words, mut caps) = (0usize, 0usize);
    let b = cased.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if i - start >= 4 && b[start].is_ascii_alphabetic() {
            words += 1;
            caps += usize::from(b[start].is_ascii_uppercase());
        }
    }
    words >= 3 && caps * 2 > words
}

/// [`title_case`] for text with other letters than ASCII's.
fn title_case_chars(cased: &str) -> bool {
    let words: Vec<&str> = cased
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 4 && w.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    let caps = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    words.len() >= 3 && caps * 2 > words.len()
}

/// Whether the bare numeral of `q` continues a capitalised name: "Microsoft 365",
/// "iPhone 15", "Forbes Cloud 100". Only a plain integer written without separators,
/// qualifier or unit, right after a capitalised word that is not a function word and does
/// not start the sentence; in a Title Case line only a word with an inner capital
/// ("iPhone") or an all-caps name ("FTSE 100") counts.
/// Whether the line is Title Case (`title`) is read once per line, and only when a
/// capitalised word without an inner capital stands before the number.
fn in_name(lower: &str, cased: &str, q: &Quantity, title: &mut Option<bool>) -> bool {
    let num = &lower[q.start..q.end];
    if q.unit != Unit::Plain
        || q.qual != Qual::Exact
        || q.hi.is_some()
        || !num.bytes().all(|b| b.is_ascii_digit())
    {
        return false;
    }
    let before = &cased[..q.start];
    let Some(head) = before.strip_suffix(' ') else {
        return false;
    };
    let word_start = head
        .rfind(|c: char| !(c.is_alphanumeric() || c == '.' || c == '&'))
        .map_or(0, |i| {
            i + head[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = head[word_start..].trim_end_matches('.');
    if word.is_empty() || !word.chars().any(char::is_uppercase) {
        return false;
    }
    if FUNCTION_WORDS.contains(&word.to_lowercase().as_str()) {
        return false;
    }
    if word.chars().skip(1).any(char::is_uppercase) {
        return true;
    }
    if *title.get_or_insert_with(|| title_case(cased)) {
        return false;
    }
    // Capitalised only because a sentence starts there: "Serving 300 brands".
    let prior = head[..word_start].trim_end();
    !(prior.is_empty() || prior.ends_with(['.', '!', '?', ':', '|', '-', '•', '"', '(']))
}

/// The billing period a line names: "Yearly: $10 per seat", "billed annually" → "yearly";
/// "Monthly", "billed monthly" → "monthly" (not "/month", the price's own unit).
pub fn billing_of(lower: &str) -> Option<&'static str> {
    let words = lower.split(|c: char| !c.is_alphanumeric());
    let mut found = None;
    for w in words {
        let b = match w {
            "yearly" | "annually" | "annual" => "yearly",
            "monthly" => "monthly",
            _ => continue,
        };
        // "Monthly · Annual · Save 32%": a switch between both names neither.
        if found.is_some_and(|f| f != b) {
            return None;
        }
        found = Some(b);
    }
    found
}

/// Scan folded lowercase `text` for quantities.
pub fn scan(text: &str) -> Vec<Quantity> {
    let mut starts = Vec::new();
    number_word_starts(text, &mut starts);
    scan_from(text, Some(&starts))
}

/// `scan`, looking only at the digits, the `$` signs and `words` (the positions where a
/// word can start a quantity, ascending): everything between them is jumped over instead
/// of read word by word. `scan_from(t, None)` reads every word, the way this scan was
/// written first; a test compares the two.
fn scan_from(text: &str, words: Option<&[usize]>) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut next_word = 0;
    while i < text.len() {
        if let Some(words) = words {
            while words.get(next_word).is_some_and(|&w| w < i) {
                next_word += 1;
            }
            let limit = words.get(next_word).copied().unwrap_or(text.len());
            i = digit_or_dollar(&text.as_bytes()[..limit], i);
            if i >= text.len() {
                break;
            }
        }
        if !text.is_char_boundary(i) {
            i += 1;
            continue;
        }
        // Fast path: skip words that cannot start a number word, and punctuation.
        let c = text.as_bytes()[i];
        if c.is_ascii_alphabetic() {
            // The word's length: its ASCII letters and digits by byte; a non-ASCII byte
            // after them may continue the word, so the rest is read by `char`.
            let bytes = text.as_bytes();
            let ascii_end = crate::normalize::ascii_alnum_end(bytes, i);
            let len = if ascii_end < bytes.len() && bytes[ascii_end] >= 0x80 {
                text[i..]
                    .find(|ch: char| !ch.is_alphanumeric())
                    .unwrap_or(text.len() - i)
            } else {
                ascii_end - i
            }
            .max(1);
            // Only a word that starts a number word or fraction can start a quantity.
            if !starts_number_word(&text[i..i + len]) || !word_at(text, i) {
                i += len;
                continue;
            }
        } else if !c.is_ascii_digit() && c != b'$' {
            i += if c.is_ascii() {
                1
            } else {
                text[i..].chars().next().map_or(1, char::len_utf8)
            };
            continue;
        }
        // Word fractions: "half", "a quarter".
        if c.is_ascii_alphabetic() && word_at(text, i) {
            // "half an hour": thirty minutes.
            if text[i..].starts_with("half an hour") && word_end(text, i + "half an hour".len()) {
                let (start, qual) = qualifier_before(text, i);
                let end = i + "half an hour".len();
                out.push(Quantity {
                    value: 30.0,
                    hi: None,
                    unit: Unit::Minutes,
                    qual,
                    start,
                    end,
                });
                i = end;
                continue;
            }
            // "half a million requests": half of a count, not a percentage.
            if let Some(rest) = text[i..].strip_prefix("half ")
                && let Some((m, scale)) = [
                    ("a thousand", 1e3),
                    ("a million", 1e6),
                    ("a billion", 1e9),
                    ("a dozen", 12.0),
                ]
                .into_iter()
                .find(|(m, _)| rest.starts_with(m) && word_end(rest, m.len()))
            {
                let (start, qual) = qualifier_before(text, i);
                let end = i + "half ".len() + m.len();
                out.push(Quantity {
                    value: scale / 2.0,
                    hi: None,
                    unit: Unit::Plain,
                    qual,
                    start,
                    end,
                });
                i = end;
                continue;
            }
            if let Some((w, v)) = FRACTIONS
                .iter()
                .find(|(w, _)| text[i..].starts_with(w) && word_end(text, i + w.len()))
            {
                let (start, qual) = qualifier_before(text, i);
                out.push(Quantity {
                    value: *v,
                    hi: None,
                    unit: Unit::Percent,
                    qual,
                    start,
                    end: i + w.len(),
                });
                i += w.len();
                continue;
            }
            for (w, v) in [("twice", 2.0), ("double", 2.0), ("triple", 3.0)] {
                if text[i..].starts_with(w) && word_end(text, i + w.len()) {
                    out.push(Quantity {
                        value: v,
                        hi: None,
                        unit: Unit::Multiplier,
                        qual: Qual::Exact,
                        start: i,
                        end: i + w.len(),
                    });
                }
            }
        }
        let money = text[i..].starts_with('$');
        // "€39", "£12": a currency sign right before the numeral is a price too.
        let sign = if money {
            None
        } else {
            text[..i]
                .chars()
                .next_back()
                .filter(|c| matches!(c, '€' | '£'))
        };
        let num_at = if money { i + 1 } else { i };
        // A numeral must start a token (not "v2" or "3d").
        let starts_token = text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric() && c != '.');
        let Some((mut value, mut end)) = starts_token.then(|| numeral(text, num_at)).flatten()
        else {
            i += text[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let mut unit = if money || sign.is_some() {
            Unit::Money
        } else {
            Unit::Plain
        };
        let mut qual = Qual::Exact;
        // "five hundred", "two hundred thousand": hundreds in words, then any magnitude.
        if value < 100.0 && text[end..].starts_with(" hundred") && word_end(text, end + 8) {
            value *= 100.0;
            end += 8;
        }
        let rest = &text[end..];
        // Magnitudes.
        let magnitude = matches!(
            rest.as_bytes(),
            [b'k' | b'm' | b'b', ..] | [b' ', b't' | b'm' | b'b', ..]
        );
        for (suffix, mult, spaced) in magnitude
            .then_some([
                ("k", 1e3, false),
                ("m", 1e6, false),
                ("b", 1e9, false),
                (" thousand", 1e3, true),
                (" million", 1e6, true),
                (" billion", 1e9, true),
            ])
            .into_iter()
            .flatten()
        {
            if rest.starts_with(suffix)
                && word_end(text, end + suffix.len())
                && (spaced || money || value < 1000.0)
            {
                value *= mult;
                end += suffix.len();
                break;
            }
        }
        let rest = &text[end..];
        if rest.starts_with('+') {
            qual = Qual::AtLeast;
            end += 1;
        }
        // "ten million dollars", "5,000 USD": money written after the number.
        if unit == Unit::Plain
            && matches!(
                text.as_bytes().get(end..end + 2),
                Some([b' ', b'd' | b'u' | b'e'])
            )
            && let Some(w) = [" dollars", " us dollars", " usd", " euros", " eur"]
                .iter()
                .find(|w| text[end..].starts_with(**w) && word_end(text, end + w.len()))
        {
            unit = Unit::Money;
            end += w.len();
        }
        // "25$", "15 €", "6€": a currency sign after the number (the European and the
        // casual order).
        if unit == Unit::Plain {
            let after = &text[end..];
            let spaced = after.strip_prefix(' ').unwrap_or(after);
            if let Some(c) = spaced
                .chars()
                .next()
                .filter(|c| matches!(c, '$' | '€' | '£'))
                && (spaced.len() == after.len() || c != '$')
                && word_end(text, end + (after.len() - spaced.len()) + c.len_utf8())
            {
                unit = Unit::Money;
                end += after.len() - spaced.len() + c.len_utf8();
            }
        }
        let rest = &text[end..];
        let mut hi = None;
        // Ranges: "50 to 1,000", "50-1,000", "3-5x" (each separator starts with `-` or a
        // space: most numbers are followed by neither).
        // A year before a spaced dash opens a timeline entry ("June 2024 - 3,000
        // customers"), not a range.
        let year = end - num_at == 4
            && unit == Unit::Plain
            && (1900.0..=2100.0).contains(&value)
            && text.as_bytes()[num_at..end].iter().all(u8::is_ascii_digit);
        let seps = if rest.starts_with(['-', ' ']) {
            if year {
                &["-", " to "][..]
            } else {
                &["-", " - ", " to "][..]
            }
        } else {
            &[]
        };
        for sep in seps {
            if let Some(r) = rest.strip_prefix(sep)
                && let Some((h, e)) =
                    numeral(text, end + sep.len()).filter(|(h, _)| !r.is_empty() && *h > value)
            {
                hi = Some(h);
                end = e;
                break;
            }
        }
        let rest = &text[end..];
        if let Some(p) = ["%", " %", " percent"]
            .iter()
            .filter(|_| rest.starts_with(['%', ' ']))
            .find(|p| rest.starts_with(**p))
        {
            unit = Unit::Percent;
            end += p.len();
            // "50%-75%", "25% - 50%": a range written with the unit on both ends.
            if hi.is_none() {
                for sep in ["-", " - ", " to "] {
                    if let Some(r) = text[end..].strip_prefix(sep)
                        && let Some((h, e)) =
                            numeral(text, end + sep.len()).filter(|(h, _)| *h > value)
                    {
                        let _ = r;
                        hi = Some(h);
                        end = e;
                        if let Some(p2) = ["%", " %", " percent"]
                            .iter()
                            .find(|p| text[end..].starts_with(**p))
                        {
                            end += p2.len();
                        }
                        break;
                    }
                }
            }
        } else if (rest.starts_with('x') || rest.starts_with('×'))
            && word_end(text, end + rest.chars().next().map_or(1, char::len_utf8))
        {
            unit = Unit::Multiplier;
            end += rest.chars().next().map_or(1, char::len_utf8);
        } else if let Some((size, bytes)) = size_unit(rest).filter(|(n, _)| word_end(text, end + n))
        {
            // A size ("150MiB", "2.5 KB", "500 GiB"): in bytes, so "500 GiB of RAM" is not
            // "150MiB RAM" misstated.
            unit = Unit::Bytes;
            value *= bytes;
            hi = hi.map(|h| h * bytes);
            end += size;
        } else if let Some(after) = rest.strip_prefix(" times ")
            && times_compares(after)
        {
            // "54 times smaller", "3 times faster": the multiplier "54x smaller" writes.
            unit = Unit::Multiplier;
            end += " times".len();
        } else if let Some(w) = rest
            .as_bytes()
            .iter()
            .position(|&c| c != b' ')
            .filter(|&i| i <= 1 && rest.as_bytes()[i] == b'm')
            .and_then(|_| {
                ["ms", " ms", " milliseconds", " millisecond"]
                    .iter()
                    .find(|w| rest.starts_with(**w) && word_end(text, end + w.len()))
            })
        {
            // "~50ms", "a 100 ms job": milliseconds, in minutes as the other short times.
            unit = Unit::Minutes;
            value /= 60_000.0;
            hi = hi.map(|h| h / 60_000.0);
            end += w.len();
        } else if rest.starts_with('s') && word_end(text, end + 1) && !decade(text, num_at, value) {
            // "3s on 4G", "10s cold start": seconds glued to the number (not "the 90s", "in
            // your 20s").
            unit = Unit::Minutes;
            value /= 60.0;
            hi = hi.map(|h| h / 60.0);
            end += 1;
        } else if let Some(rest) = time_unit_ahead(rest).as_deref() {
            // (Every unit of time starts so: most numbers are followed by something else.)
            // "30-day trial" reads as "30 day trial": the hyphen is as long as the space.
            if let Some(w) = [" seconds", " second", " secs", " sec"]
                .iter()
                .find(|w| rest.starts_with(**w) && word_end(text, end + w.len()))
            {
                unit = Unit::Minutes;
                value /= 60.0;
                hi = hi.map(|h| h / 60.0);
                end += w.len();
            }
            for (w, days, minutes) in [
                (" minutes", 0.0, true),
                (" minute", 0.0, true),
                (" mins", 0.0, true),
                (" min", 0.0, true),
                (" hrs", 1.0 / 24.0, false),
                (" hr", 1.0 / 24.0, false),
                (" hours", 1.0 / 24.0, false),
                (" hour", 1.0 / 24.0, false),
                (" days", 1.0, false),
                (" day", 1.0, false),
                (" weeks", 7.0, false),
                (" week", 7.0, false),
                (" months", 30.0, false),
                (" month", 30.0, false),
                (" quarters", 91.0, false),
                (" years", 365.0, false),
                (" year", 365.0, false),
            ] {
                if rest.starts_with(w) && word_end(text, end + w.len()) {
                    if minutes {
                        unit = Unit::Minutes;
                    } else {
                        unit = Unit::Days;
                        value *= days;
                        hi = hi.map(|h| h * days);
                    }
                    end += w.len();
                    break;
                }
            }
        }
        // "between 50 and 1,000"
        let mut start = i - sign.map_or(0, char::len_utf8);
        if hi.is_none()
            && text[..i].ends_with("between ")
            && let Some(r) = text[end..].strip_prefix(" and ")
            && let Some((h, e)) = numeral(text, end + 5).filter(|_| !r.is_empty())
        {
            hi = Some(h);
            end = e;
            start = i - "between ".len();
        }
        if qual == Qual::Exact {
            let (s, q) = qualifier_before(text, start);
            start = s;
            qual = q;
        }
        // Years and version-like numbers are not claims.
        let is_year = unit == Unit::Plain
            && hi.is_none()
            && (1900.0..=2100.0).contains(&value)
            && text[num_at..end].len() == 4;
        // "v2", "3.1.4": a dot or letter glued after the numeral makes it an identifier.
        let glued = text[end..].starts_with(|c: char| {
            c.is_alphanumeric()
                || (c == '.' || c == '/') && text[end + 1..].starts_with(|d: char| d.is_ascii_digit())
        }) || (text[..i].ends_with('/') && text[..i - 1].ends_with(|d: char| d.is_ascii_digit()))
            // "covid-19", "b-52": a number hyphenated onto a word is part of the name.
            || (text[..i].ends_with('-') && text[..i - 1].ends_with(|c: char| c.is_alphabetic()));
        // Numbers inside names: "Fortune 500", "S&P 500", "Inc. 5000".
        let named = [
            "fortune ",
            "s&p ",
            "inc. ",
            "inc ",
            "global ",
            "forbes ",
            "ftse ",
            "nasdaq ",
            "russell ",
            "dow ",
            "microsoft ",
            "office ",
            "dynamics ",
            "iphone ",
            "ipad ",
            "pixel ",
            "galaxy ",
            "windows ",
            "web ",
            "series ",
            "top ",
            "#",
            "no. ",
            "number ",
            // reference numbers: "form 940", "section 3", "page 12", "version 4", "step 2"
            "form ",
            "schedule ",
            "section ",
            "chapter ",
            "page ",
            "pages ",
            "version ",
            "step ",
            "rule ",
            "item ",
            "room ",
            "model ",
            "article ",
            "figure ",
            "table ",
            "line ",
            "part ",
            "issue ",
            "release ",
            "phase ",
            "level ",
            "tier ",
            "week ",
            "day ",
        ]
        .iter()
        .any(|n| text[..i].ends_with(n));
        if !is_year && !glued && !named {
            out.push(Quantity {
                value,
                hi,
                unit,
                qual,
                start,
                end,
            });
        }
        i = end.max(i + 1);
    }
    out
}

fn qualifier_before(text: &str, at: usize) -> (usize, Qual) {
    let before = text[..at].trim_end();
    // Most numbers follow some other word: only one ending like a qualifier is compared.
    if !before.ends_with(QUALIFIER_ENDS) {
        return (at, Qual::Exact);
    }
    for (w, q) in QUALIFIERS {
        let symbol = matches!(w, "~" | "<" | "≤" | ">" | "≥");
        if before.ends_with(w) && (symbol || word_at(before, before.len() - w.len())) {
            return (before.len() - w.len(), q);
        }
    }
    (at, Qual::Exact)
}

/// The words after a number, when a unit of time may start them (" days", " month"), with a
/// hyphen read as the space ("30-day trial"). None when no unit of time can follow.
fn time_unit_ahead(rest: &str) -> Option<std::borrow::Cow<'_, str>> {
    let starts = |r: &str| {
        r.len() > 1 && r.as_bytes()[1].is_ascii_lowercase() && b"smhdwqy".contains(&r.as_bytes()[1])
    };
    if rest.starts_with(' ') && starts(rest) {
        return Some(std::borrow::Cow::Borrowed(rest));
    }
    if rest.starts_with('-') && starts(rest) {
        return Some(std::borrow::Cow::Owned(format!(" {}", &rest[1..])));
    }
    None
}

/// Whether "Ns" at `num_at` is a decade, an age or a plural, not seconds: a hundred or more
/// ("500s", "1990s"), or a multiple of ten after "the", "your", "their", "his", "her",
/// "early", "late", "mid" or an apostrophe ("'90s", "in their 30s").
fn decade(text: &str, num_at: usize, value: f64) -> bool {
    // "500s" (HTTP errors), "100s of teams", "1990s": hundreds are no seconds.
    if value >= 100.0 {
        return true;
    }
    let before = text[..num_at].trim_end();
    let last = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    value % 10.0 == 0.0
        && (text[..num_at].ends_with(['\'', '’', '-'])
            || matches!(
                last,
                "the" | "your" | "their" | "his" | "her" | "our" | "early" | "late" | "mid"
            ))
}

/// Whether the words after "N times " compare ("smaller", "faster", "more", "as fast",
/// "the speed"): then N is a multiplier, not a count of occasions ("3 times a week").
fn times_compares(after: &str) -> bool {
    let w = after
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    matches!(w, "more" | "less" | "fewer" | "as" | "the")
        || (w.len() >= 5 && w.ends_with("er") && !matches!(w, "every" | "after" | "other" | "per"))
}

/// Whether a word is a unit a stat shows beside its number ("12 months", "99 ms", "50 GB"),
/// in any case.
pub fn stat_unit(w: &str) -> bool {
    // Spelled out, singular or plural, or abbreviated as stat blocks set them ("15 min",
    // "24 hrs", "30 sec").
    [
        "ms", "sec", "secs", "second", "seconds", "min", "mins", "minute", "minutes", "hr", "hrs",
        "hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years", "kb",
        "mb", "gb", "tb", "pb",
    ]
    .iter()
    .any(|u| w.eq_ignore_ascii_case(u))
}

#[cfg(test)]
mod tests {

    #[test]
    fn title_case_ascii_pass_agrees_with_the_word_list() {
        for t in [
            "The Fastest Help Desk For Teams 365",
            "the fastest help desk for teams",
            "Serving 300 Brands Across Europe",
            "iPhone 15 and Microsoft 365 users",
            "A b c",
            "",
            "Ünïcode Wörds Here And There",
        ] {
            assert_eq!(title_case(t), title_case_chars(t), "{t}");
        }
    }

    /// Thousands grouped with apostrophes, as Switzerland writes them (curly ones are folded
    /// to straight ones before the scan); an apostrophe elsewhere is no separator.
    #[test]
    fn thousands_grouped_with_apostrophes() {
        let first = |t: &str| scan(t).first().map(|q| (q.value, q.qual));
        assert_eq!(first("2'300'000 pulls"), Some((2_300_000.0, Qual::Exact)));
        assert_eq!(
            first("counts 2'000+ members"),
            Some((2000.0, Qual::AtLeast))
        );
        assert_eq!(first("the 90's"), Some((90.0, Qual::Exact)));
        assert_eq!(first("'12'34' units"), Some((12.0, Qual::Exact)));
        assert_eq!(first("1'2345 rows"), Some((1.0, Qual::Exact)));
    }

    #[test]
    fn thousands_grouped_with_dots() {
        fn first(t: &str) -> (f64, Qual, &str) {
            let q = scan(t);
            let q = q.first().unwrap_or_else(|| panic!("a number in {t}"));
            (q.value, q.qual, &t[q.start..q.end])
        }
        assert_eq!(first("over 35.000 github stars").0, 35000.0);
        assert_eq!(first("more than 50.000 members").0, 50000.0);
        let (v, qual, text) = first("protects 7.000.000.000+ api requests");
        assert_eq!((v, qual, text), (7e9, Qual::AtLeast, "7.000.000.000+"));
        assert_eq!(first("1.500.000 users").0, 1_500_000.0);
        // A decimal, a version, an address: not thousands.
        assert_eq!(first("2.500 members").0, 2.5);
        assert_eq!(first("rated 4.5 stars").0, 4.5);
        for t in ["version 1.000.1 is out", "ip 172.217.164.110"] {
            assert!(scan(t).iter().all(|q| q.value < 1000.0), "{t}");
        }
        assert_eq!(first("1234.000 units").0, 1234.0);
    }

    #[test]
    fn a_year_before_a_spaced_dash_opens_a_timeline_entry() {
        let q = scan("june 2024 - 3,000 customers");
        let last = q.last().expect("a number");
        assert_eq!((last.value, last.hi), (3000.0, None));
        // Ranges stay ranges: unspaced years, and spaced numbers that are no years.
        let q = scan("from 2019-2024");
        assert_eq!((q[0].value, q[0].hi), (2019.0, Some(2024.0)));
        let q = scan("50 - 1,000 employees");
        assert_eq!((q[0].value, q[0].hi), (50.0, Some(1000.0)));
    }

    #[test]
    fn a_currency_sign_after_the_number_is_money() {
        for t in ["about 25$ per month", "15 € per user", "6€ a seat"] {
            assert_eq!(scan(t)[0].unit, Unit::Money, "{t}");
        }
        // A dollar sign spaced after a number opens the next price: "costs 5 $10" is no
        // pair to read so.
        assert_eq!(scan("plan 5 $10")[0].unit, Unit::Plain);
    }

    #[test]
    fn seconds_and_milliseconds_glued_to_the_number_are_times() {
        let q = scan("tti takes only 3s on 4g and 6s on 3g");
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].unit, Unit::Minutes);
        assert!((q[1].value - 0.1).abs() < 1e-9);
        let q = scan("the added latency is ~50ms");
        assert_eq!(q[0].unit, Unit::Minutes);
        assert!((q[0].value - 50.0 / 60_000.0).abs() < 1e-12);
        let q = scan("a job takes around 100 ms total");
        assert_eq!(q[0].unit, Unit::Minutes);
        // Decades and ages are no seconds.
        for t in [
            "music of the 90s",
            "founders in their 30s",
            "the 1990s",
            "the '80s",
        ] {
            assert!(
                scan(t).iter().all(|q| q.unit != Unit::Minutes),
                "{t}: {:?}",
                scan(t)
            );
        }
    }

    #[test]
    fn number_word_starts_match_tables() {
        for (w, _) in SMALL.iter().chain(FRACTIONS.iter()) {
            let first = w.split(' ').next().unwrap_or("");
            assert!(starts_number_word(first), "{first}");
        }
        for w in ["twice", "double", "triple"] {
            assert!(starts_number_word(w));
        }
        assert!(!starts_number_word("the"));
        for (w, _) in QUALIFIERS {
            assert!(w.ends_with(QUALIFIER_ENDS), "{w}");
        }
        assert_eq!(one("about 20 days").qual, Qual::Approx);
        assert_eq!(one("answers < 10 ms").qual, Qual::AtMost);
        let q = one("earned over ten million dollars");
        assert_eq!((q.value, q.unit, q.qual), (1e7, Unit::Money, Qual::AtLeast));
        assert_eq!(one("5,000 usd a year").unit, Unit::Money);
        // A euro or pound sign before the numeral; the quantity starts at the sign.
        let q = one("pro: €39 per month");
        assert_eq!((q.value, q.unit, q.start), (39.0, Unit::Money, 5));
        assert_eq!(one("£12.50 a seat").unit, Unit::Money);
        assert_eq!(one("route 66").unit, Unit::Plain);
        assert_eq!(one("≥ 99.9% uptime").qual, Qual::AtLeast);
        assert_eq!(one("around 3 weeks").qual, Qual::Approx);
        assert_eq!(one("2m users").value, 2e6);
        let q = one("powers over a million pipeline runs");
        assert_eq!((q.value, q.qual), (1e6, Qual::AtLeast));
        let q = one("more than a thousand contributors");
        assert_eq!((q.value, q.qual), (1e3, Qual::AtLeast));
        let q = one("processes over half a million requests per week");
        assert_eq!((q.value, q.unit, q.qual), (5e5, Unit::Plain, Qual::AtLeast));
        assert_eq!(one("half of all tickets").unit, Unit::Percent);
        let q = one("takes about half an hour to set up");
        assert_eq!(
            (q.value, q.unit, q.qual),
            (30.0, Unit::Minutes, Qual::Approx)
        );
        assert_eq!(one("join over thirteen thousand people").value, 13_000.0);
        assert_eq!(one("ninety-nine problems").value, 99.0);
        assert!(scan("millions of teams").is_empty());
        // The words `has_number_word` looks for: every word a quantity can start with
        // ("a" only before one of them) and every word after "a".
        let firsts = SMALL
            .iter()
            .chain(FRACTIONS.iter())
            .map(|(w, _)| w.strip_prefix("a ").unwrap_or(w))
            .map(|w| w.split(' ').next().unwrap_or(""))
            .chain(["twice", "double", "triple"]);
        for w in firsts {
            assert!(is_number_word(w.as_bytes()), "{w}");
        }
    }

    #[test]
    fn digit_or_dollar_finds_the_first() {
        let text = "ab $ 12 é\u{2014} x9 \x1f\x7f0 ��$ tail of nine bytes";
        let b = text.as_bytes();
        for from in 0..=b.len() {
            let slow = (from..b.len())
                .find(|&k| b[k].is_ascii_digit() || b[k] == b'$')
                .unwrap_or(b.len());
            assert_eq!(digit_or_dollar(b, from), slow, "{from}");
        }
        let all: Vec<u8> = (0..=255u8).chain(0..=255u8).collect();
        for from in 0..all.len() {
            let slow = (from..all.len())
                .find(|&k| all[k].is_ascii_digit() || all[k] == b'$')
                .unwrap_or(all.len());
            assert_eq!(digit_or_dollar(&all, from), slow, "{from}");
        }
    }

    #[test]
    fn number_words_are_whole_words() {
        assert!(has_number_word("in two weeks"));
        assert!(has_number_word("half-time"));
        assert!(has_number_word("(ten)"));
        assert!(!has_number_word("someone often attended"));
        assert!(!has_number_word("tens of thousands"));
        // Without one, digits are still read, and a digit inside a word is not a number.
        assert_eq!(scan("often 40% faster, someone said").len(), 1);
        assert!(scan("the h264 codec and v2 api").is_empty());
        assert_eq!(scan("x$5 and ..$7 and é5 but 8").len(), 3);
        // Jumping between digits finds what reading every word finds.
        let texts = [
            "often 40% faster, someone said",
            "the h264 codec and v2 api, 3d printing, covid19 and 2023-04-25",
            "x$5 and ..$7 and é5 but 8, café5 and über 9 and ü9",
            "over 1,200+ teams, at least 35% and 50-75% in 3-5x less time, $2m and 10k users",
            "nearly 30 seconds to 2 minutes, up to 20 hours, 4 weeks",
            "version 3.2.1, ab12cd 34, $, $x, 5$ and .5 and 0.5",
            "forbes cloud 100 and microsoft 365, iphone 15",
            "",
            "1",
        ];
        for t in texts {
            assert!(!has_number_word(t), "{t}");
            assert_eq!(
                format!("{:?}", scan(t)),
                format!("{:?}", scan_from(t, None)),
                "{t}"
            );
        }
        // And with number words: looking only at digits, `$` and the listed words finds
        // what reading every word finds, on sentences made of the pieces that matter.
        let pieces = [
            "one",
            "two",
            "ten",
            "a",
            "a dozen",
            "a hundred",
            "a third",
            "a quarter",
            "half",
            "twice",
            "double",
            "triple",
            "three quarters",
            "one third",
            "eleven",
            "fifty",
            "hundred",
            "dozen",
            "quarter",
            "quarters",
            "éone",
            "oneé",
            "someone",
            "tens",
            "5",
            "1,200",
            "3.5",
            "$",
            "$2m",
            "10k",
            "50%",
            "-",
            " to ",
            "x",
            "+",
            "between",
            "and",
            "over",
            "about",
            "nearly",
            "up to",
            "weeks",
            "days",
            "minutes",
            "hours",
            "million",
            "percent",
            "(",
            ")",
            ".",
            ",",
            "é",
            "v2",
            "2023",
            "  ",
            "\u{2014}",
        ];
        let mut rng = crate::testing::Rng(0x51_7cc1_b727_220au64);
        let mut next = || rng.next();
        let mut with_words = 0;
        for _ in 0..4000 {
            let t: String = (0..next() % 12)
                .map(|_| {
                    let p = pieces[(next() % pieces.len() as u64) as usize];
                    match next() % 3 {
                        0 => p.to_owned(),
                        _ => format!("{p} "),
                    }
                })
                .collect();
            with_words += usize::from(has_number_word(&t));
            assert_eq!(
                format!("{:?}", scan(&t)),
                format!("{:?}", scan_from(&t, None)),
                "{t:?}"
            );
        }
        assert!(with_words > 1000, "{with_words}");
    }

    use super::*;

    fn one(t: &str) -> Quantity {
        let q = scan(t);
        assert_eq!(q.len(), 1, "{t}: {q:?}");
        q.into_iter().next().expect("one")
    }

    #[test]
    fn numbers_units_and_qualifiers() {
        let q = one("trusted by 1,200+ support teams");
        assert_eq!(
            (q.value, q.qual, q.unit),
            (1200.0, Qual::AtLeast, Unit::Plain)
        );
        let q = one("resolve 35% of tickets");
        assert_eq!((q.value, q.unit), (35.0, Unit::Percent));
        let q = one("resolves half of all tickets");
        assert_eq!((q.value, q.unit), (50.0, Unit::Percent));
        let q = one("live in two weeks, not months");
        assert_eq!((q.value, q.unit), (14.0, Unit::Days));
        let q = one("first response in under 4 minutes");
        assert_eq!(
            (q.value, q.qual, q.unit),
            (4.0, Qual::AtMost, Unit::Minutes)
        );
        let q = one("for teams of 2 to 5");
        assert_eq!((q.value, q.hi), (2.0, Some(5.0)));
        let q = one("companies with 50,000+ employees");
        assert_eq!((q.value, q.qual), (50000.0, Qual::AtLeast));
        let q = one("between 50 and 1,000 employees");
        assert_eq!((q.value, q.hi), (50.0, Some(1000.0)));
        let q = one("raised $12m last year");
        assert_eq!((q.value, q.unit), (12e6, Unit::Money));
        let q = one("3-5x faster");
        assert_eq!((q.value, q.hi, q.unit), (3.0, Some(5.0), Unit::Multiplier));
        let q = one("a team of twenty-five people");
        assert_eq!(q.value, 25.0);
        let sizes = scan("~5% cpu and 50mib ram, a 2.5kb script, 500 gib of ram");
        assert_eq!(
            sizes.iter().map(|q| (q.value, q.unit)).collect::<Vec<_>>(),
            vec![
                (5.0, Unit::Percent),
                (50.0 * 1024.0 * 1024.0, Unit::Bytes),
                (2500.0, Unit::Bytes),
                (500.0 * 1024.0 * 1024.0 * 1024.0, Unit::Bytes)
            ]
        );
        let q = one("five hundred students in its first month");
        assert_eq!(q.value, 500.0);
        let q = one("two hundred thousand builds");
        assert_eq!(q.value, 200_000.0);
        let q = one("over a hundred teams");
        assert_eq!((q.value, q.qual), (100.0, Qual::AtLeast));
        let q = one("our script is 54 times smaller than google analytics");
        assert_eq!((q.value, q.unit), (54.0, Unit::Multiplier));
        let q = one("it runs 3 times faster");
        assert_eq!((q.value, q.unit), (3.0, Unit::Multiplier));
        let q = one("we ship 3 times a week");
        assert_ne!(q.unit, Unit::Multiplier);
        let q = one("1.8 million messages");
        assert_eq!(q.value, 1.8e6);
        let q = one("more than 900 brands");
        assert_eq!((q.value, q.qual), (900.0, Qual::AtLeast));
        let q = one("changes are 50%-75% faster");
        assert_eq!((q.value, q.hi, q.unit), (50.0, Some(75.0), Unit::Percent));
        let q = one("~40% fewer tickets");
        assert_eq!((q.value, q.qual), (40.0, Qual::Approx));
        assert!(
            scan("since 2023, on v2 and version 3.1.4")
                .iter()
                .all(|q| q.value != 2023.0 && q.value != 2.0)
        );
        assert!(scan("trusted by fortune 500 retailers").is_empty());
        assert!(scan("see form 3520 and section 4 on page 12").is_empty());
    }

    #[test]
    fn spans_cover_the_quantity() {
        let t = "we answer in under 4 minutes today";
        let q = one(t);
        assert_eq!(&t[q.start..q.end], "under 4 minutes");
    }

    /// Property: any integer written with thousands separators, with `+`, `%`, a qualifier or
    /// a currency, in any sentence position, scans back to exactly that number.
    #[test]
    fn property_round_trip() {
        let mut rng = crate::testing::Rng(0x9E37_79B9_7F4A_7C15);
        let mut next = |n: u64| rng.next() % n;
        let group = |v: u64| {
            let s = v.to_string();
            let mut out = String::new();
            for (i, c) in s.chars().enumerate() {
                if i > 0 && (s.len() - i).is_multiple_of(3) {
                    out.push(',');
                }
                out.push(c);
            }
            out
        };
        for _ in 0..2000 {
            let v = next(9_999_999) + 2101; // above year-like values
            let (text, unit, qual) = match next(5) {
                0 => (
                    format!("trusted by {} teams", group(v)),
                    Unit::Plain,
                    Qual::Exact,
                ),
                1 => (
                    format!("{}+ brands rely on us", group(v)),
                    Unit::Plain,
                    Qual::AtLeast,
                ),
                2 => (
                    format!("we cut costs by {}% last year", v % 100),
                    Unit::Percent,
                    Qual::Exact,
                ),
                3 => (
                    format!("more than {} customers", group(v)),
                    Unit::Plain,
                    Qual::AtLeast,
                ),
                _ => (
                    format!("raised ${} so far", group(v)),
                    Unit::Money,
                    Qual::Exact,
                ),
            };
            let want = if unit == Unit::Percent {
                (v % 100) as f64
            } else {
                v as f64
            };
            let q = scan(&text);
            assert_eq!(q.len(), 1, "{text}: {q:?}");
            assert_eq!(
                (q[0].value, q[0].unit, q[0].qual),
                (want, unit, qual),
                "{text}"
            );
            let shown = if unit == Unit::Percent {
                (v % 100).to_string()
            } else {
                group(v)
            };
            assert!(text[q[0].start..q[0].end].contains(&shown), "{text}");
        }
    }
}
