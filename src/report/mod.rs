//! Reporting: the only module that prints findings. Sorts deterministically, folds repeated
//! site-chrome findings, scores files, and hands the result to one emitter per format.
//!
//! Must not: read inputs or run rules.

pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod sarif;
pub mod xml;

use crate::diagnostic::{Counts, Diagnostic, Severity};
use std::collections::HashMap;

/// `s` safe to print on a terminal or in a CI log: control characters (newlines and tabs
/// included, and so every terminal escape sequence) and the invisible bidirectional
/// controls become `\n`, `\t`, `\u{1b}`…, so a file name can never start a line of its
/// own (a GitHub `::error` command) nor drive the terminal. Borrowed when there is none.
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        c.is_control()
            || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if !s.contains(unsafe_char) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if unsafe_char(c) {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Where a finding is inside a deck, PDF or Word file, as people say it: `slide 7 › Title 1`,
/// `page 2 › line 14`, `¶3`, with `(notes)` for speaker notes; `None` for a text file,
/// whose line and column say it all. The formats whose location is only a line (of
/// `msglint extract`'s text for these files) carry it in the message: [`with_place`].
pub fn within(d: &Diagnostic) -> Option<String> {
    let l = &d.location;
    let mut parts: Vec<String> = Vec::new();
    if let Some(n) = l.slide {
        parts.push(format!("slide {n}"));
    }
    if let Some(p) = l.page {
        parts.push(format!("page {p}"));
    }
    if let Some(shape) = l.shape.as_deref().filter(|s| !s.is_empty()) {
        parts.push(printable(shape).into_owned());
    }
    if let Some(n) = l.page_line {
        parts.push(format!("line {n}"));
    }
    if let (None, Some(p)) = (l.slide, l.paragraph) {
        parts.push(format!("¶{p}"));
    }
    let mut s = parts.join(" › ");
    if l.notes == Some(true) {
        s.push_str(if s.is_empty() { "(notes)" } else { " (notes)" });
    }
    (!s.is_empty()).then_some(s)
}

/// A data file's key path or a catalog entry's `msgid` (`home.hero.title`): a `shape` with
/// no slide, page or paragraph. Such files are located by line and column in the file
/// itself; the key is said beside the location, never inside the `path:line:col` editors
/// read.
pub fn key_path(d: &Diagnostic) -> Option<&str> {
    let l = &d.location;
    (l.slide.is_none() && l.page.is_none() && l.paragraph.is_none())
        .then_some(l.shape.as_deref())
        .flatten()
        .filter(|s| !s.is_empty())
}

/// The message, led by where the finding is inside a deck, PDF or Word file
/// (`slide 7 › Title 1: …`); a text file's message as it is.
pub fn with_place(d: &Diagnostic) -> std::borrow::Cow<'_, str> {
    match within(d) {
        Some(w) => std::borrow::Cow::Owned(format!("{w}: {}", d.message)),
        None => std::borrow::Cow::Borrowed(&d.message),
    }
}

#[derive(Debug, Clone)]
pub struct FileReport {
    pub path: String,
    pub kind: &'static str,
    pub score: u32,
    pub unreadable: Option<String>,
    /// Findings left out of the list by `--max-findings-per-file` (still counted).
    pub omitted: Counts,
}

#[derive(Debug, Default)]
pub struct Report {
    pub files: Vec<FileReport>,
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub unreadable: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Findings counted above but not listed (`--max-findings-per-file`).
    #[serde(skip_serializing_if = "is_zero")]
    pub omitted: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// 100 minus 10 per error, 3 per warning, 1 per info, floored at 0; an unreadable file is 0.
/// `omitted`: findings a per-file cap left out of the list, which count all the same.
pub fn score(diags: &[Diagnostic], omitted: &Counts) -> u32 {
    let cost: usize = diags
        .iter()
        .map(|d| match d.severity {
            Severity::Error => 10,
            Severity::Warning => 3,
            Severity::Info => 1,
        })
        .sum::<usize>()
        + omitted.errors * 10
        + omitted.warnings * 3
        + omitted.infos;
    100u32.saturating_sub(cost.min(100) as u32)
}

/// What makes site-chrome findings on several pages one finding.
type ChromeKey = (&'static str, String, String);

fn chrome_key(d: &Diagnostic) -> ChromeKey {
    (
        d.rule,
        crate::normalize::fold(&d.matched).text,
        d.message.clone(),
    )
}

/// The site-chrome groups of `diags` that `fold_chrome` reports once (on two or more
/// pages), each with how many findings it holds.
fn chrome_groups(diags: &[Diagnostic]) -> HashMap<ChromeKey, usize> {
    let mut groups: HashMap<ChromeKey, (std::collections::HashSet<&str>, usize)> = HashMap::new();
    for d in diags.iter().filter(|d| d.chrome) {
        let g = groups.entry(chrome_key(d)).or_default();
        g.0.insert(&d.path);
        g.1 += 1;
    }
    groups
        .into_iter()
        .filter(|(_, (pages, _))| pages.len() >= 2)
        .map(|(k, (_, n))| (k, n))
        .collect()
}

/// How many findings `diags` are as the report counts them: a site-chrome finding repeated
/// on several pages is one (`Report::fold_chrome`). `--write-baseline`, `--fix` and a
/// baseline run say their counts in these terms, so they agree with the report.
pub fn folded_len(diags: &[Diagnostic]) -> usize {
    let groups = chrome_groups(diags);
    diags.len() - groups.values().map(|n| n - 1).sum::<usize>()
}

/// Per file, how many of `fixed` (fingerprints) the report counted there: a folded
/// site-chrome finding counts once, on the first file in `order` that fixed it; the others
/// are repeats. `diags` is the report before the fixes.
pub fn fixed_counts<'a>(
    diags: &[Diagnostic],
    order: impl IntoIterator<Item = (&'a str, &'a [String])>,
) -> Vec<(&'a str, usize, usize)> {
    let groups = chrome_groups(diags);
    let by_fp: HashMap<&str, &Diagnostic> =
        diags.iter().map(|d| (d.fingerprint.as_str(), d)).collect();
    let mut counted = std::collections::HashSet::new();
    order
        .into_iter()
        .map(|(path, fixed)| {
            let (mut own, mut repeats) = (0, 0);
            for fp in fixed {
                match by_fp.get(fp.as_str()) {
                    Some(d) if d.chrome => {
                        let k = chrome_key(d);
                        if !groups.contains_key(&k) || counted.insert(k) {
                            own += 1;
                        } else {
                            repeats += 1;
                        }
                    }
                    _ => own += 1,
                }
            }
            (path, own, repeats)
        })
        .collect()
}

impl Report {
    pub fn summary(&self) -> Summary {
        let mut s = Summary {
            files: self.files.len(),
            unreadable: self.files.iter().filter(|f| f.unreadable.is_some()).count(),
            ..Summary::default()
        };
        for d in &self.diagnostics {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        for f in &self.files {
            s.errors += f.omitted.errors;
            s.warnings += f.omitted.warnings;
            s.infos += f.omitted.infos;
            s.omitted += f.omitted.total();
        }
        s
    }

    /// List at most `cap` findings per file (after baselines and fixes); the rest are
    /// counted in the file's `omitted` and in the summary.
    pub fn cap(&mut self, cap: usize) {
        let mut listed: HashMap<String, usize> = HashMap::new();
        let mut over: HashMap<String, Counts> = HashMap::new();
        self.diagnostics.retain(|d| {
            let n = listed.entry(d.path.clone()).or_insert(0);
            *n += 1;
            if *n <= cap {
                return true;
            }
            over.entry(d.path.clone()).or_default().add(d.severity);
            false
        });
        for f in &mut self.files {
            if let Some(c) = over.get(&f.path) {
                f.omitted.errors += c.errors;
                f.omitted.warnings += c.warnings;
                f.omitted.infos += c.infos;
            }
        }
    }

    /// Sort by path, then position, then rule; files by path.
    pub fn sort(&mut self) {
        self.files.sort_by(|a, b| a.path.cmp(&b.path));
        self.diagnostics.sort_by(|a, b| {
            (&a.path, a.location.line, a.location.column, a.rule).cmp(&(
                &b.path,
                b.location.line,
                b.location.column,
                b.rule,
            ))
        });
    }

    /// A finding in site chrome (`<nav>`, `<header>`, `<footer>`) that repeats on several
    /// pages is reported once, on the first page, with the number of pages in the message.
    pub fn fold_chrome(&mut self) {
        let key = chrome_key;
        let mut pages: HashMap<_, std::collections::BTreeSet<String>> = HashMap::new();
        for d in self.diagnostics.iter().filter(|d| d.chrome) {
            pages.entry(key(d)).or_default().insert(d.path.clone());
        }
        let mut reported = std::collections::HashSet::new();
        self.diagnostics.retain_mut(|d| {
            if !d.chrome {
                return true;
            }
            let k = key(d);
            let n = pages.get(&k).map_or(1, |s| s.len());
            if n < 2 {
                return true;
            }
            if !reported.insert(k) {
                return false;
            }
            d.message
                .push_str(&format!(" (site chrome: on {n} pages, reported once)"));
            true
        });
    }

    /// Whether any reported finding is at or above `threshold`.
    pub fn fails(&self, threshold: Option<Severity>) -> bool {
        threshold.is_some_and(|t| {
            self.diagnostics.iter().any(|d| d.severity >= t)
                || self
                    .files
                    .iter()
                    .any(|f| f.omitted.worst().is_some_and(|w| w >= t))
        })
    }
}
