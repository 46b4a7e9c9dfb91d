//! `--fix`, `--diff` and baselines: what happens to findings after the check.
//!
//! Owns: applying safe replacements to Markdown/HTML/text sources atomically (temporary
//! file + rename, permissions kept), the preview diff, and the baseline file (fingerprints
//! of known findings). Must not: decide what is a finding.

use crate::diagnostic::Diagnostic;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
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

/// A unified diff of one planned fix (`--- a/PATH` / `+++ b/PATH`, hunks with 3 lines of
/// context, `\ No newline at end of file` where it applies), that `git apply` and
/// `patch -p1` accept. `path` is the file as the patch names it (relative to the current
/// directory, see [`patch_path`]).
///
/// A fix never adds or removes a line break (a match spans no line break, a replacement
/// holds none), so line i before is line i after and the diff is a walk over both:
/// linear, where a general diff of 200,000 changed lines takes seconds. Should the line
/// counts differ anyway, the general diff is made.
pub fn diff(fix: &FileFix, path: &str) -> String {
    let old: Vec<&str> = fix.before.split_inclusive('\n').collect();
    let new: Vec<&str> = fix.after.split_inclusive('\n').collect();
    if old.len() != new.len() {
        return similar::TextDiff::from_lines(fix.before.as_str(), fix.after.as_str())
            .unified_diff()
            .context_radius(3)
            .header(
                &git_quote(&format!("a/{path}")),
                &git_quote(&format!("b/{path}")),
            )
            .to_string();
    }
    const CONTEXT: usize = 3;
    let changed: Vec<usize> = (0..old.len()).filter(|&i| old[i] != new[i]).collect();
    let mut out = String::new();
    if changed.is_empty() {
        return out;
    }
    out.push_str(&format!(
        "--- {}\n+++ {}\n",
        git_quote(&format!("a/{path}")),
        git_quote(&format!("b/{path}"))
    ));
    let line = |out: &mut String, mark: char, text: &str| {
        out.push(mark);
        out.push_str(text);
        if !text.ends_with('\n') {
            out.push_str("\n\\ No newline at end of file\n");
        }
    };
    let mut i = 0;
    while i < changed.len() {
        // One hunk: changed lines whose unchanged gaps are at most twice the context.
        let mut j = i;
        while j + 1 < changed.len() && changed[j + 1] - changed[j] - 1 <= 2 * CONTEXT {
            j += 1;
        }
        let start = changed[i].saturating_sub(CONTEXT);
        let end = (changed[j] + 1 + CONTEXT).min(old.len());
        out.push_str(&format!(
            "@@ -{} +{} @@\n",
            hunk_range(start, end),
            hunk_range(start, end)
        ));
        let mut k = start;
        while k < end {
            if old[k] == new[k] {
                line(&mut out, ' ', old[k]);
                k += 1;
                continue;
            }
            let run = k + (k..end).take_while(|&m| old[m] != new[m]).count();
            for text in &old[k..run] {
                line(&mut out, '-', text);
            }
            for text in &new[k..run] {
                line(&mut out, '+', text);
            }
            k = run;
        }
        i = j + 1;
    }
    out
}

/// A patch header's file name as git writes it: as is, unless it holds a control
/// character, a double quote or a backslash; then in double quotes with C escapes (`\t`,
/// `\n`, `\"`, `\\`, octal for the other control characters), which `git apply` and
/// `patch` read back. A tab or a newline in a bare name ended the name early, or started
/// a header line of its own.
pub fn git_quote(name: &str) -> String {
    if !name.contains(|c: char| c.is_ascii_control() || c == '"' || c == '\\') {
        return name.to_owned();
    }
    let mut out = String::with_capacity(name.len() + 8);
    out.push('"');
    for c in name.chars() {
        match c {
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{b}' => out.push_str("\\v"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_ascii_control() => out.push_str(&format!("\\{:03o}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A hunk header's range of lines `start..end` (0-based): `START,LEN`, or `START` alone
/// for one line, as diff and git write it.
fn hunk_range(start: usize, end: usize) -> String {
    match end - start {
        1 => format!("{}", start + 1),
        0 => format!("{start},0"),
        n => format!("{},{n}", start + 1),
    }
}

/// The path a patch names a file by: relative to `cwd`, `/`-separated, without `./`.
/// A file outside `cwd` keeps the path as displayed (a patch cannot name it portably).
pub fn patch_path(path: &str, cwd: &Path) -> String {
    let p = Path::new(path);
    let rel = std::fs::canonicalize(p).ok().and_then(|abs| {
        let base = std::fs::canonicalize(cwd).ok()?;
        abs.strip_prefix(base).ok().map(Path::to_path_buf)
    });
    let s = rel
        .as_deref()
        .unwrap_or(p)
        .to_string_lossy()
        .replace('\\', "/");
    s.strip_prefix("./").map(str::to_owned).unwrap_or(s)
}

#[derive(Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<BaselineEntry>,
}

#[derive(Serialize, Deserialize)]
pub struct BaselineEntry {
    pub fingerprint: String,
    pub rule: String,
    pub path: String,
    pub matched: String,
}

pub fn write_baseline(path: &Path, diags: &[Diagnostic]) -> std::io::Result<()> {
    let b = Baseline {
        version: BASELINE_VERSION,
        findings: diags
            .iter()
            .map(|d| BaselineEntry {
                fingerprint: d.fingerprint.clone(),
                rule: d.rule.to_owned(),
                path: d.path.clone(),
                matched: d.matched.clone(),
            })
            .collect(),
    };
    let text = serde_json::to_string_pretty(&b).map_err(std::io::Error::other)?;
    write_atomic(path, &(text + "\n"))
}

/// The baseline format written now. Version 1 (fingerprints from the path as typed and
/// the occurrence number) is still read, for one release.
pub const BASELINE_VERSION: u32 = 2;

/// A baseline read back: its fingerprints and the format version they were made with.
pub struct KnownFindings {
    pub version: u32,
    pub fingerprints: HashSet<String>,
}

pub fn read_baseline(path: &Path) -> Result<KnownFindings, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read baseline {}: {e}", path.display()))?;
    let b: Baseline = serde_json::from_str(&text).map_err(|e| {
        format!(
            "{}:{}:{}: not a msglint baseline: {e}",
            path.display(),
            e.line(),
            e.column()
        )
    })?;
    if !(1..=BASELINE_VERSION).contains(&b.version) {
        return Err(format!(
            "{}: baseline version {} is not supported by this msglint (it reads versions 1 and {BASELINE_VERSION})",
            path.display(),
            b.version
        ));
    }
    Ok(KnownFindings {
        version: b.version,
        fingerprints: b.findings.into_iter().map(|f| f.fingerprint).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Fix, Location, Severity};

    fn finding(span: std::ops::Range<usize>, matched: &str, replacement: &str) -> Diagnostic {
        Diagnostic {
            rule: "retired-term",
            severity: Severity::Error,
            confidence: crate::diagnostic::Confidence::High,
            path: "a.txt".into(),
            location: Location::default(),
            matched: matched.into(),
            message: String::new(),
            suggestion: Some(replacement.into()),
            help: None,
            platform_ref: None,
            fingerprint: format!("{}", span.start),
            excerpt: None,
            chrome: false,
            fix: Some(Fix {
                span,
                replacement: replacement.into(),
            }),
            related: Vec::new(),
        }
    }

    /// Every `HelpBot` of `text` as a finding.
    fn findings(text: &str) -> Vec<Diagnostic> {
        text.match_indices("HelpBot")
            .map(|(i, m)| finding(i..i + m.len(), m, "Lumora Assist"))
            .collect()
    }

    #[test]
    fn apply_skips_what_no_longer_matches_and_overlaps() {
        let text = "\u{FEFF}HelpBot and Help  Bot, HelpBot.";
        let mut ds = findings(&text[3..]);
        ds.push(finding(12..21, "Help Bot", "Lumora Assist"));
        // Overlaps the first one: skipped.
        ds.push(finding(0..4, "Help", "Lumora"));
        // Not the text at its span: skipped.
        ds.push(finding(26..30, "Lumo", "X"));
        let (after, fixed) = apply(text, ds.iter().collect());
        assert_eq!(
            after,
            "\u{FEFF}Lumora Assist and Lumora Assist, Lumora Assist."
        );
        assert_eq!(fixed, ["23", "12", "0"]);
    }

    #[test]
    fn apply_and_diff_are_linear_in_repeated_fixes() {
        // 200,000 fixes in a 4.4 MB file: editing one string in place moves its tail each
        // time (terabytes in all); building the result once takes milliseconds.
        let text = "We use HelpBot daily.\n".repeat(200_000);
        let ds = findings(&text);
        let started = std::time::Instant::now();
        let (after, fixed) = apply(&text, ds.iter().collect());
        assert_eq!(fixed.len(), 200_000);
        assert_eq!(after, text.replace("HelpBot", "Lumora Assist"));
        let patch = diff(
            &FileFix {
                path: "a.txt".into(),
                before: text,
                after,
                fixed,
            },
            "a.txt",
        );
        assert!(patch.starts_with(
            "--- a/a.txt\n+++ b/a.txt\n@@ -1,200000 +1,200000 @@\n-We use HelpBot daily.\n"
        ));
        assert!(
            started.elapsed() < std::time::Duration::from_secs(5),
            "took {:?}",
            started.elapsed()
        );
    }

    #[test]
    fn patch_names_are_quoted_as_git_quotes_them() {
        assert_eq!(git_quote("a/blog/launch.md"), "a/blog/launch.md");
        assert_eq!(git_quote("a/café notes.md"), "a/café notes.md");
        assert_eq!(git_quote("a/tab\there.md"), "\"a/tab\\there.md\"");
        assert_eq!(git_quote("a/x\n+++ b/other.md"), "\"a/x\\n+++ b/other.md\"");
        assert_eq!(git_quote("a/q\"\\\u{1b}.md"), "\"a/q\\\"\\\\\\033.md\"");
    }

    #[test]
    fn diff_hunks_context_and_missing_newline() {
        let before: String =
            (1..=20).map(|i| format!("line {i}\n")).collect::<String>() + "HelpBot at the end";
        let before = before.replacen("line 2\n", "HelpBot 2\n", 1);
        let before = before.replacen("line 8\n", "HelpBot 8\n", 1);
        let before = before.replacen("line 9\n", "HelpBot 9\n", 1);
        let ds = findings(&before);
        let (after, fixed) = apply(&before, ds.iter().collect());
        let patch = diff(
            &FileFix {
                path: "x.md".into(),
                before: before.clone(),
                after: after.clone(),
                fixed,
            },
            "x.md",
        );
        // Lines 2 and 8-9 share a hunk (5 lines between them, at most 6 merge); the last
        // line has no newline on either side.
        assert_eq!(
            patch,
            "--- a/x.md\n+++ b/x.md\n@@ -1,12 +1,12 @@\n line 1\n-HelpBot 2\n+Lumora Assist 2\n line 3\n line 4\n line 5\n line 6\n line 7\n-HelpBot 8\n-HelpBot 9\n+Lumora Assist 8\n+Lumora Assist 9\n line 10\n line 11\n line 12\n@@ -18,4 +18,4 @@\n line 18\n line 19\n line 20\n-HelpBot at the end\n\\ No newline at end of file\n+Lumora Assist at the end\n\\ No newline at end of file\n"
        );
        // The same hunks as the general diff.
        let general = similar::TextDiff::from_lines(before.as_str(), after.as_str())
            .unified_diff()
            .context_radius(3)
            .header("a/x.md", "b/x.md")
            .to_string();
        assert_eq!(patch, general);
    }
}
