//! What a rule reports: `Diagnostic`, `Severity`, `Location` and the fingerprint.
//!
//! Owns: the finding model shared by rules and emitters. Must not: print or decide layout.

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "error" => Severity::Error,
            "warning" | "warn" => Severity::Warning,
            "info" => Severity::Info,
            _ => return None,
        })
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// How sure msglint is that a finding is right: exact matches of names and terms are
/// `high`; restatements found by similarity, subject-less superlatives and conflicts between
/// documents are lower. `--min-confidence` (default `medium` for `check`) hides the rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl Confidence {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "high" => Confidence::High,
            "medium" => Confidence::Medium,
            "low" => Confidence::Low,
            _ => return None,
        })
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::High => "high",
            Confidence::Medium => "medium",
            Confidence::Low => "low",
        }
    }
    /// SARIF `rank` (0–100) as GitHub code scanning reads it.
    pub fn rank(self) -> f64 {
        match self {
            Confidence::High => 90.0,
            Confidence::Medium => 60.0,
            Confidence::Low => 30.0,
        }
    }
}

/// Findings counted by severity (those a per-file cap left out of the list).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    pub fn add(&mut self, s: Severity) {
        match s {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
    }
    pub fn total(&self) -> usize {
        self.errors + self.warnings + self.infos
    }
    pub fn worst(&self) -> Option<Severity> {
        [Severity::Error, Severity::Warning, Severity::Info]
            .into_iter()
            .find(|s| match s {
                Severity::Error => self.errors > 0,
                Severity::Warning => self.warnings > 0,
                Severity::Info => self.infos > 0,
            })
    }
}

/// Where a finding is. `line`/`column` are always set (1-based, column in characters): in the
/// source file for Markdown/HTML/text, in the `msglint extract` text for decks and PDFs.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Location {
    pub slide: Option<u32>,
    pub shape: Option<String>,
    pub paragraph: Option<u32>,
    pub notes: Option<bool>,
    pub page: Option<u32>,
    pub line: u32,
    pub column: u32,
    /// PDF: the line on the page (shown to people; JSON carries `page` and the extract line).
    #[serde(skip)]
    pub page_line: Option<u32>,
    /// Where the match ends (line, column just after it), for SARIF/GitHub regions.
    #[serde(skip)]
    pub end: Option<(u32, u32)>,
}

/// The source line(s) shown under a finding, with the match as a byte range inside `text`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Excerpt {
    /// Line number of the first line of `text`.
    pub line_start: u32,
    pub text: String,
    pub range: std::ops::Range<usize>,
    /// `text` starts mid-line (a very long line was cut): columns cannot be counted from it.
    pub windowed: bool,
}

#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub severity: Severity,
    pub confidence: Confidence,
    pub path: String,
    pub location: Location,
    pub matched: String,
    pub message: String,
    pub suggestion: Option<String>,
    /// The `help:` line of the human output.
    pub help: Option<String>,
    pub platform_ref: Option<String>,
    pub fingerprint: String,
    pub excerpt: Option<Excerpt>,
    /// Found in site chrome (`<nav>`, `<header>`, `<footer>`): folded across pages.
    pub chrome: bool,
    /// A safe edit of the source file (Markdown, HTML, text): replace `span` with the
    /// suggestion. `None` for decks and PDFs, and where the source is not the matched text
    /// verbatim (an entity, an escape).
    pub fix: Option<Fix>,
    /// Other places this finding is about (`cross-asset-conflict`).
    pub related: Vec<Related>,
}

/// Another location a finding points at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Related {
    pub path: String,
    pub line: u32,
    pub column: u32,
}

/// A replacement in a source file, by byte range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub span: std::ops::Range<usize>,
    pub replacement: String,
}

/// Rules whose suggestion is a safe replacement (`--fix`, SARIF `fixes`).
pub const FIXABLE: [&str; 3] = ["brand-name", "preferred-term", "retired-term"];

/// 64-bit FNV-1a, printed as 16 hex digits. Stable across runs, platforms and versions.
pub fn fnv64(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0xff)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// Words of context on each side of a match that go into its fingerprint.
const CONTEXT_WORDS: usize = 3;

/// Fingerprints (v2) survive edits elsewhere in a file and do not depend on how the path
/// was typed: rule + `key_path` (the path relative to the platform file's directory or the
/// repository root, see `Engine::fingerprint_path`) + normalised matched text + up to
/// three normalised words on each side of the match (never a line number). Equal matches
/// in equal context are told apart by occurrence. Call once per file with its diagnostics
/// in document order.
pub fn assign_fingerprints(diags: &mut [Diagnostic], key_path: &str) {
    for d in diags.iter_mut() {
        d.fingerprint = fingerprint_of(d, key_path);
    }
    make_unique(diags);
}

/// One finding's v2 fingerprint before repeats are told apart (see `assign_fingerprints`).
pub fn fingerprint_of(d: &Diagnostic, key_path: &str) -> String {
    let norm = crate::normalize::fold(&d.matched).text;
    let (before, after) = context_words(d);
    fnv64(&[
        "v2",
        d.rule,
        key_path,
        &norm,
        &before,
        &after,
        d.platform_ref.as_deref().unwrap_or(""),
    ])
}

/// Version-1 fingerprints (msglint's first baselines): rule + path as typed + normalised
/// text + occurrence among the file's equal findings. Recomputed from the findings in
/// document order, so a version-1 baseline still silences what it recorded when the run
/// uses the same paths. Not reproducible for `cross-asset-conflict` (its v1 hash used the
/// statement's internal key), which gets an empty string.
pub fn fingerprints_v1(diags: &[Diagnostic]) -> Vec<String> {
    let mut seen: std::collections::HashMap<(&str, &'static str, String), u32> = Default::default();
    diags
        .iter()
        .map(|d| match d.rule {
            "cross-asset-conflict" => String::new(),
            "unreadable" => fnv64(&["unreadable", &d.path]),
            _ => {
                let norm = crate::normalize::fold(&d.matched).text;
                let n = seen
                    .entry((d.path.as_str(), d.rule, norm.clone()))
                    .or_insert(0);
                *n += 1;
                fnv64(&[d.rule, &d.path, &norm, &n.to_string()])
            }
        })
        .collect()
}

/// The folded words just before and just after the match, from its excerpt.
fn context_words(d: &Diagnostic) -> (String, String) {
    let Some(e) = &d.excerpt else {
        return Default::default();
    };
    let (Some(pre), Some(post)) = (e.text.get(..e.range.start), e.text.get(e.range.end..)) else {
        return Default::default();
    };
    let words = |s: &str| -> Vec<String> {
        crate::normalize::fold(s)
            .text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let pre = words(pre);
    let post = words(post);
    let before = pre[pre.len().saturating_sub(CONTEXT_WORDS)..].join(" ");
    let after = post[..post.len().min(CONTEXT_WORDS)].join(" ");
    (before, after)
}

/// Makes fingerprints unique in a run: a repeat gets its occurrence mixed in (the second
/// equal finding in equal context, …). Deterministic for a given order of `diags`.
///
/// The k-th repeat of a fingerprint gets `fnv64(base, n)` for the smallest `n ≥ 2` not yet
/// taken. Every `n` below the last one given to `base` is taken for good (the set only
/// grows), so the search goes on from there: linear in findings, exact repeats included,
/// and the same fingerprints as a search from 2 every time.
pub fn make_unique(diags: &mut [Diagnostic]) {
    let mut seen: std::collections::HashSet<String> = Default::default();
    let mut next: std::collections::HashMap<String, u32> = Default::default();
    for d in diags.iter_mut() {
        if seen.insert(d.fingerprint.clone()) {
            continue;
        }
        let base = std::mem::take(&mut d.fingerprint);
        let n = next.entry(base.clone()).or_insert(2);
        loop {
            let fp = fnv64(&[&base, &n.to_string()]);
            *n += 1;
            if seen.insert(fp.clone()) {
                d.fingerprint = fp;
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diag(fingerprint: &str) -> Diagnostic {
        Diagnostic {
            rule: "retired-term",
            severity: Severity::Error,
            confidence: crate::diagnostic::Confidence::High,
            path: "a.txt".into(),
            location: Location::default(),
            matched: "HelpBot".into(),
            message: String::new(),
            suggestion: None,
            help: None,
            platform_ref: None,
            fingerprint: fingerprint.into(),
            excerpt: None,
            chrome: false,
            fix: None,
            related: Vec::new(),
        }
    }

    /// The search from 2 for every repeat that `make_unique` replaced (quadratic).
    fn make_unique_reference(fps: &[String]) -> Vec<String> {
        let mut seen: std::collections::HashSet<String> = Default::default();
        fps.iter()
            .map(|fp| {
                if seen.insert(fp.clone()) {
                    return fp.clone();
                }
                (2u32..)
                    .map(|n| fnv64(&[fp, &n.to_string()]))
                    .find(|c| seen.insert(c.clone()))
                    .unwrap_or_default()
            })
            .collect()
    }

    #[test]
    fn make_unique_gives_the_fingerprints_of_a_search_from_two() {
        // Repeats of two bases interleaved, and findings whose own fingerprint is what a
        // repeat would get (`fnv64(a, 2)`, `fnv64(a, 3)`), before and after the repeats.
        let a = fnv64(&["a"]);
        let b = fnv64(&["b"]);
        let a2 = fnv64(&[&a, "2"]);
        let a3 = fnv64(&[&a, "3"]);
        let a5 = fnv64(&[&a, "5"]);
        let fps: Vec<String> = [&a3, &a, &b, &a, &a, &b, &a2, &a, &a5, &a, &a, &b, &a2, &a2]
            .into_iter()
            .cloned()
            .collect();
        let mut diags: Vec<Diagnostic> = fps.iter().map(|f| diag(f)).collect();
        make_unique(&mut diags);
        let got: Vec<String> = diags.into_iter().map(|d| d.fingerprint).collect();
        assert_eq!(got, make_unique_reference(&fps));
        let distinct: std::collections::HashSet<&String> = got.iter().collect();
        assert_eq!(distinct.len(), got.len());
    }

    #[test]
    fn make_unique_is_linear_in_exact_repeats() {
        // 100,000 equal fingerprints: a search from 2 for each repeat tries 5·10⁹
        // candidates (minutes); one counter per base tries each once.
        let started = std::time::Instant::now();
        let mut diags: Vec<Diagnostic> = (0..100_000).map(|_| diag("0123456789abcdef")).collect();
        make_unique(&mut diags);
        let distinct: std::collections::HashSet<&str> =
            diags.iter().map(|d| d.fingerprint.as_str()).collect();
        assert_eq!(distinct.len(), 100_000);
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "took {:?}",
            started.elapsed()
        );
    }
}
