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
    let mut after = before.to_owned();
    let mut fixed = Vec::new();
    let mut floor = usize::MAX;
    for d in ds {
        let Some(fix) = &d.fix else { continue };
        let span = fix.span.start + bom..fix.span.end + bom;
        if span.end > floor
            || !after.is_char_boundary(span.start)
            || !after.is_char_boundary(span.end)
        {
            continue;
        }
        let Some(current) = after.get(span.clone()) else {
            continue;
        };
        if current.split_whitespace().collect::<Vec<_>>().join(" ") != d.matched {
            continue;
        }
        after.replace_range(span.clone(), &fix.replacement);
        floor = span.start;
        fixed.push(d.fingerprint.clone());
    }
    (after, fixed)
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
pub fn diff(fix: &FileFix, path: &str) -> String {
    similar::TextDiff::from_lines(fix.before.as_str(), fix.after.as_str())
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
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
