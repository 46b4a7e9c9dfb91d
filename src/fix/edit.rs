//! Text edits: a finding's safe replacement in a Markdown/HTML/text source, checked against
//! its bytes, applied back to front, written atomically (temporary file + rename,
//! permissions kept). Must not: decide what is a finding.

use crate::diagnostic::Diagnostic;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

/// Why replacing `span` of `source` by `replacement` would not be a safe edit, or `None`.
/// A fix edits only copy, only a whole match, and never creates a doubled word or a broken
/// name: not inside a kept range (a reference-link label), not glued into a hyphenated
/// compound, not a quoted name or identifier, not part of someone else's proper name
/// (retired and preferred terms), not repeating a neighbouring word ("Acme Acme Cloud"),
/// not breaking the verb agreement ("docs is").
pub fn unsafe_edit(
    source: &str,
    span: std::ops::Range<usize>,
    replacement: &str,
    rule: &str,
    keep: &[std::ops::Range<usize>],
) -> Option<&'static str> {
    if keep
        .iter()
        .any(|k| k.start < span.end && span.start < k.end)
    {
        return Some("the text is also a link label");
    }
    let matched = source.get(span.clone())?;
    let before = source.get(..span.start)?;
    let after = source.get(span.end..)?;
    let glue = |c: Option<char>| c.is_some_and(|c| matches!(c, '-' | '_' | '/' | '.' | '@'));
    if glue(before.chars().next_back()) && !before.ends_with(". ")
        || (glue(after.chars().next()) && after.chars().nth(1).is_some_and(char::is_alphanumeric))
    {
        return Some("it is part of a compound name");
    }
    let quote_open = before.ends_with(['"', '\'', '\u{201C}', '\u{2018}', '`']);
    let quote_close = after.starts_with(['"', '\'', '\u{201D}', '\u{2019}', '`']);
    if quote_open && quote_close {
        return Some("it is a quoted name");
    }
    if rule != "brand-name"
        && crate::rules::in_foreign_name(source, span.start, span.end, |_, _| true)
    {
        return Some("it is part of another name");
    }
    let (prev, next) = crate::rules::neighbours(source, span.start, span.end);
    let first = replacement.split_whitespace().next().unwrap_or("");
    let last = replacement.split_whitespace().next_back().unwrap_or("");
    let same = |a: Option<&str>, b: &str| a.is_some_and(|a| a.eq_ignore_ascii_case(b));
    if (same(prev, first) && !same(Some(matched.split_whitespace().next().unwrap_or("")), first))
        || (same(next, last)
            && !same(
                Some(matched.split_whitespace().next_back().unwrap_or("")),
                last,
            ))
    {
        return Some("the replacement would repeat a neighbouring word");
    }
    let plural = |w: &str| w.ends_with('s') && !w.ends_with("ss");
    let verb = next.map(str::to_ascii_lowercase);
    let singular_verb = matches!(verb.as_deref(), Some("is" | "was" | "has" | "does"));
    let plural_verb = matches!(verb.as_deref(), Some("are" | "were" | "have" | "do"));
    if (plural(last) && !plural(matched) && singular_verb)
        || (!plural(last) && plural(matched) && plural_verb)
    {
        return Some("the replacement would not agree with the verb");
    }
    None
}

/// The edits for one file, verified against its bytes, and the resulting text.
pub struct FileFix {
    pub path: String,
    pub before: String,
    pub after: String,
    /// Fingerprints of the findings these edits fix.
    pub fixed: Vec<String>,
}

/// Plan every safe fix: per file, edits are checked against the bytes on disk (a BOM is
/// allowed for), applied back to front, and overlapping edits are skipped.
pub fn plan(diags: &[Diagnostic]) -> Vec<FileFix> {
    let mut by_file: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
    for d in diags.iter().filter(|d| d.fix.is_some()) {
        by_file.entry(d.path.as_str()).or_default().push(d);
    }
    let mut out = Vec::new();
    for (path, ds) in by_file {
        let Ok(before) = std::fs::read_to_string(path) else {
            continue;
        };
        let (after, fixed) = apply(&before, ds);
        if !fixed.is_empty() {
            out.push(FileFix {
                path: path.to_owned(),
                before,
                after,
                fixed,
            });
        }
    }
    out
}

/// Apply the fixes of one file's diagnostics to its text (a BOM is allowed for): back to
/// front, each checked against the text, overlapping ones skipped. Returns the new text and
/// the fingerprints of the findings fixed.
pub fn apply(before: &str, mut ds: Vec<&Diagnostic>) -> (String, Vec<String>) {
    let bom = if before.starts_with('\u{FEFF}') { 3 } else { 0 };
    ds.sort_by_key(|d| std::cmp::Reverse(d.fix.as_ref().map_or(0, |f| f.span.start)));
    // Chosen back to front; the text between two edits is never touched by an edit after
    // it, so each is checked against `before` and the result is built once, front to back
    // (linear in the edits, where editing one string in place moved its tail each time).
    let mut edits: Vec<(std::ops::Range<usize>, &str)> = Vec::new();
    let mut fixed = Vec::new();
    let mut floor = usize::MAX;
    for d in ds {
        let Some(fix) = &d.fix else { continue };
        let span = fix.span.start + bom..fix.span.end + bom;
        if span.end > floor
            || !before.is_char_boundary(span.start)
            || !before.is_char_boundary(span.end)
        {
            continue;
        }
        let Some(current) = before.get(span.clone()) else {
            continue;
        };
        if !same_words(current, &d.matched) {
            continue;
        }
        floor = span.start;
        edits.push((span, fix.replacement.as_str()));
        fixed.push(d.fingerprint.clone());
    }
    let mut after = String::with_capacity(before.len() + before.len() / 8);
    let mut at = 0;
    for (span, replacement) in edits.iter().rev() {
        after.push_str(&before[at..span.start]);
        after.push_str(replacement);
        at = span.end;
    }
    after.push_str(&before[at..]);
    (after, fixed)
}

/// Whether `text` is `words` (single spaces) once its whitespace is collapsed.
fn same_words(text: &str, words: &str) -> bool {
    if words.is_empty() {
        return text.split_whitespace().next().is_none();
    }
    let mut a = text.split_whitespace();
    let mut b = words.split(' ');
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x == y => {}
            _ => return false,
        }
    }
}

/// Write `text` to `path` atomically: a temporary file beside it, then a rename, so an
/// interrupted run leaves either the old file or the new one.
pub fn write_atomic(path: &Path, text: &str) -> std::io::Result<()> {
    write_atomic_bytes(path, text.as_bytes())
}

/// [`write_atomic`] for any bytes (a corrected deck).
pub fn write_atomic_bytes(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let tmp = dir.join(format!(".{name}.msglint-{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        if let Ok(meta) = std::fs::metadata(path) {
            std::fs::set_permissions(&tmp, meta.permissions())?;
        }
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
