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

use crate::diagnostic::{Diagnostic, Severity};
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct FileReport {
    pub path: String,
    pub kind: &'static str,
    pub score: u32,
    pub unreadable: Option<String>,
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
}

/// 100 minus 10 per error, 3 per warning, 1 per info, floored at 0; an unreadable file is 0.
pub fn score(diags: &[Diagnostic]) -> u32 {
    let cost: u32 = diags
        .iter()
        .map(|d| match d.severity {
            Severity::Error => 10,
            Severity::Warning => 3,
            Severity::Info => 1,
        })
        .sum();
    100u32.saturating_sub(cost)
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
        s
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
        let key = |d: &Diagnostic| {
            (
                d.rule,
                crate::normalize::fold(&d.matched).text,
                d.message.clone(),
            )
        };
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
        threshold.is_some_and(|t| self.diagnostics.iter().any(|d| d.severity >= t))
    }
}
