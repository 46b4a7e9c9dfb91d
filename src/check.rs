//! The check stage: one `Document` + the compiled platform → diagnostics.
//!
//! Owns: which rules run on a file (platform `rules:` severities, `assets:` allow-lists,
//! `exceptions:`), folding each segment once, running the registered rules on the hits,
//! mapping findings back to exact source spans, suppression comments, fingerprints.
//! Must not: read files or print.

use crate::diagnostic::{
    Counts, Diagnostic, FIXABLE, Fix, Location, Severity, assign_fingerprints,
};
use crate::document::{Document, Kind};
use crate::extract::Unreadable;
use crate::normalize::{Folded, fold_into};
use crate::platform::index::Index;
use crate::platform::{AssetType, Level, Loaded};
use crate::rules::{Finding, RULES, RuleInfo, SegmentCx};
use crate::suppress::Suppressions;
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::path::{Path, PathBuf};

pub struct Engine {
    pub loaded: Loaded,
    pub index: Index,
    pub compiled: crate::rules::claims::Compiled,
    root_abs: PathBuf,
    assets: Vec<GlobSet>,
    exceptions: Vec<GlobSet>,
    /// Stop listing a file's findings after this many (they are still counted).
    pub max_findings: Option<usize>,
    /// Record, for every file, which approved messages it states (`msglint audit`).
    pub coverage: bool,
}

/// One file's result: its findings in document order, the facts cross-file rules compare,
/// and how many findings a `max_findings` cap left out.
#[derive(Debug, Default)]
pub struct Checked {
    pub diagnostics: Vec<Diagnostic>,
    pub facts: Vec<Fact>,
    pub omitted: Counts,
    /// Which approved messages the file states, when `Engine::coverage` is on.
    pub coverage: Option<crate::rules::missing_message::Coverage>,
}

fn globset(globs: &[String]) -> GlobSet {
    let mut b = GlobSetBuilder::new();
    for g in globs {
        // Validated when the platform was loaded.
        if let Ok(g) = Glob::new(g) {
            b.add(g);
        }
    }
    b.build().unwrap_or_else(|_| GlobSet::empty())
}

impl Engine {
    pub fn new(loaded: Loaded) -> Engine {
        let index = Index::new(&loaded.platform);
        let compiled = crate::rules::claims::Compiled::new(&loaded.platform);
        let assets = loaded
            .platform
            .assets
            .iter()
            .map(|a| globset(&a.paths))
            .collect();
        let exceptions = loaded
            .platform
            .exceptions
            .iter()
            .map(|e| globset(&e.paths))
            .collect();
        let root_abs = std::fs::canonicalize(&loaded.root).unwrap_or_else(|_| loaded.root.clone());
        Engine {
            loaded,
            index,
            compiled,
            root_abs,
            assets,
            exceptions,
            max_findings: None,
            coverage: false,
        }
    }

    /// The path as the platform's globs see it: relative to the platform file's directory.
    pub fn platform_relative(&self, path: &Path) -> PathBuf {
        std::fs::canonicalize(path)
            .ok()
            .and_then(|abs| abs.strip_prefix(&self.root_abs).ok().map(Path::to_path_buf))
            .unwrap_or_else(|| path.to_path_buf())
    }

    /// The path a fingerprint is made from, whatever directory msglint runs from and however
    /// the path was typed: relative to the platform file's directory when the file is under
    /// it, else relative to the root of the git repository that holds the file, else the
    /// canonical absolute path. A path that does not exist (a test document) is kept as given.
    pub fn fingerprint_path(&self, path: &Path) -> String {
        let Ok(abs) = std::fs::canonicalize(path) else {
            return slash_path(path);
        };
        if let Ok(rel) = abs.strip_prefix(&self.root_abs) {
            return slash_path(rel);
        }
        let repo = abs
            .ancestors()
            .skip(1)
            .find(|d| d.join(".git").exists())
            .and_then(|d| abs.strip_prefix(d).ok());
        slash_path(repo.unwrap_or(&abs))
    }

    /// The first asset type whose `paths` match.
    pub fn asset_type(&self, rel: &Path) -> Option<&AssetType> {
        self.assets
            .iter()
            .position(|g| g.is_match(rel))
            .map(|i| &self.loaded.platform.assets[i])
    }

    /// Severity of `rule` for a file at `rel`, or `None` when it is off there.
    pub fn severity(&self, rule: &RuleInfo, rel: &Path) -> Option<Severity> {
        let p = &self.loaded.platform;
        let sev = match p.rules.get(rule.id) {
            Some(Level::Off) => return None,
            Some(Level::On(s)) => *s,
            None => rule.default,
        };
        if self
            .asset_type(rel)
            .is_some_and(|a| a.allow.iter().any(|r| r == rule.id))
        {
            return None;
        }
        let skipped = self
            .exceptions
            .iter()
            .zip(&p.exceptions)
            .any(|(g, e)| g.is_match(rel) && e.skip.iter().any(|r| r == rule.id));
        (!skipped).then_some(sev)
    }

    /// All diagnostics for one document, in document order, fingerprinted.
    /// A file over its time budget has none (see `check_with_facts`).
    pub fn check(&self, doc: &Document, rel: &Path) -> Vec<Diagnostic> {
        self.check_with_facts(doc, rel)
            .map(|c| c.diagnostics)
            .unwrap_or_default()
    }

    /// Diagnostics, and the numeric facts `cross-asset-conflict` compares across files.
    /// Over the per-file time budget, the file is unreadable.
    pub fn check_with_facts(&self, doc: &Document, rel: &Path) -> Result<Checked, Unreadable> {
        let mut facts = Vec::new();
        let mut omitted = Counts::default();
        let rules: Vec<(&RuleInfo, Severity)> = RULES
            .iter()
            .filter(|r| r.check.is_some() || r.document)
            .filter_map(|r| self.severity(r, rel).map(|s| (r, s)))
            .collect();
        if rules.is_empty() {
            return Ok(Checked::default());
        }
        let slide_off = notes_directives(doc);
        let suppress = if !doc.kind.is_container() && doc.source.contains("msglint-") {
            Suppressions::parse(&doc.source, &doc.lines)
        } else {
            Suppressions::default()
        };
        let mut out = Vec::new();
        let mut findings: Vec<Finding> = Vec::new();
        let enabled = |id: &str| rules.iter().any(|(r, _)| r.id == id);
        let cross = rules
            .iter()
            .find(|(r, _)| r.id == "cross-asset-conflict")
            .map(|(_, s)| *s);
        let wants_numbers = cross.is_some()
            || ["claim-mismatch", "message-drift", "off-icp"]
                .iter()
                .any(|id| enabled(id));
        let wants_drift = enabled("message-drift");
        let wants_boilerplate =
            enabled("boilerplate-drift") && !self.loaded.platform.boilerplate.is_empty();
        let asset = self.asset_type(rel).filter(|a| !a.require.is_empty());
        let wants_document = (asset.is_some() && enabled("missing-message")) || self.coverage;
        let mut doc_text = String::new();
        let mut folded = Folded::default();
        for seg in &doc.segments {
            if crate::budget::over() {
                return Err(Unreadable(crate::budget::reason()));
            }
            fold_into(&mut folded, &seg.text, doc.kind == Kind::Pdf);
            let hits = self.index.hits(&folded);
            let quantities = if wants_numbers
                && (folded.lower.bytes().any(|b| b.is_ascii_digit())
                    || has_number_word(&folded.lower))
            {
                crate::numbers::scan(&folded.lower)
            } else {
                Vec::new()
            };
            if wants_document {
                doc_text.push_str(&folded.lower);
                doc_text.push('\n');
            }
            let boilerplate = wants_boilerplate && folded.lower.len() > 60;
            let named = wants_drift
                && self
                    .compiled
                    .key_terms
                    .as_ref()
                    .is_some_and(|ac| ac.is_match(&folded.lower));
            if hits.is_empty() && quantities.is_empty() && !boilerplate && !named {
                continue;
            }
            let subjects = if quantities.is_empty() {
                Vec::new()
            } else {
                self.compiled.subject_hits(&folded.lower)
            };
            if let (Some(severity), false) = (cross, seg.scope == crate::document::Scope::TableRow)
            {
                for q in &quantities {
                    let Some(key) =
                        crate::rules::cross_asset::fact_key(&folded.lower, q, &quantities)
                    else {
                        continue;
                    };
                    // Numbers of a known claim are `claim-mismatch`'s, judged against the platform.
                    let sentence = crate::rules::claims::clause(&folded.lower, q.start, q.end);
                    let known = subjects.iter().any(|&(ci, s0, s1)| {
                        self.compiled.claims[ci].unit == q.unit
                            && s0 >= sentence.start
                            && s1 <= sentence.end
                    });
                    // ... and restated approved messages are `message-drift`'s.
                    if known
                        || self
                            .compiled
                            .restated(&folded.lower[sentence.clone()])
                            .is_some()
                    {
                        continue;
                    }
                    let seg_range = folded.source_range(&seg.text, q.start, q.end);
                    let src_range = seg.source_range(seg_range);
                    let (line, column) = doc.line_col(src_range.start);
                    let clause = crate::rules::claims::clause(&folded.lower, q.start, q.end);
                    facts.push(Fact {
                        key,
                        value: q.value,
                        stated: folded.cased[q.start..q.end].to_owned(),
                        sentence: folded.cased[clause].trim().to_owned(),
                        diagnostic: Diagnostic {
                            rule: "cross-asset-conflict",
                            severity,
                            path: doc.path.clone(),
                            location: Location {
                                line,
                                column,
                                end: Some(doc.line_col(src_range.end)),
                                ..Location::default()
                            },
                            matched: folded.cased[q.start..q.end].to_owned(),
                            message: String::new(),
                            suggestion: None,
                            help: None,
                            platform_ref: None,
                            fingerprint: String::new(),
                            excerpt: Some(doc.excerpt(src_range)),
                            chrome: seg.chrome,
                            fix: None,
                            related: Vec::new(),
                        },
                    });
                }
            }
            let cx = SegmentCx {
                platform: &self.loaded.platform,
                index: &self.index,
                segment: seg,
                folded: &folded,
                hits: &hits,
                quantities: &quantities,
                compiled: &self.compiled,
                subjects: &subjects,
                source: &doc.source,
            };
            findings.clear();
            for (rule, _) in &rules {
                if let Some(check) = rule.check {
                    check(&cx, &mut findings);
                }
            }
            // An edited boilerplate paragraph is one finding: its diff shows the numbers.
            if findings.iter().any(|f| f.rule == "boilerplate-drift") {
                findings.retain(|f| !matches!(f.rule, "claim-mismatch" | "message-drift"));
            }
            for (i, f) in findings.drain(..).enumerate() {
                if i % 1024 == 1023 && crate::budget::over() {
                    return Err(Unreadable(crate::budget::reason()));
                }
                let Some((_, configured)) = rules.iter().find(|(r, _)| r.id == f.rule) else {
                    continue;
                };
                let severity = &match f.severity {
                    Some(s) => (*configured).min(s),
                    None => *configured,
                };
                let seg_range = folded.source_range(&seg.text, f.start, f.end);
                let src_range = seg.source_range(seg_range.clone());
                let (line, column) = doc.line_col(src_range.start);
                let end = doc.line_col(src_range.end);
                if !suppress.is_empty() && suppress.silenced(f.rule, src_range.start, line) {
                    continue;
                }
                let deck = seg.deck.as_deref();
                if deck
                    .and_then(|d| d.slide)
                    .is_some_and(|s| notes_silenced(&slide_off, s, f.rule))
                {
                    continue;
                }
                if self.max_findings.is_some_and(|cap| out.len() >= cap) {
                    omitted.add(*severity);
                    continue;
                }
                let matched: String = seg
                    .text
                    .get(seg_range.clone())
                    .unwrap_or("")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                let fix = match (&f.suggestion, doc.kind.is_container()) {
                    (Some(repl), false)
                        if FIXABLE.contains(&f.rule)
                            && doc.source.get(src_range.clone())
                                == seg.text.get(seg_range.clone())
                            && !doc.source[src_range.clone()].contains('\n')
                            && crate::fix::unsafe_edit(
                                &doc.source,
                                src_range.clone(),
                                repl,
                                f.rule,
                                &doc.keep,
                            )
                            .is_none() =>
                    {
                        Some(Fix {
                            span: src_range.clone(),
                            replacement: repl.clone(),
                        })
                    }
                    _ => None,
                };
                out.push(Diagnostic {
                    rule: f.rule,
                    severity: *severity,
                    path: doc.path.clone(),
                    location: Location {
                        line,
                        column,
                        slide: deck.and_then(|d| d.slide),
                        shape: deck.and_then(|d| d.shape.clone()),
                        paragraph: deck
                            .and_then(|d| d.paragraph)
                            .filter(|_| doc.kind != Kind::Pdf),
                        notes: deck.filter(|d| d.slide.is_some()).map(|d| d.notes),
                        page: deck.and_then(|d| d.page),
                        end: Some(end),
                        page_line: deck
                            .filter(|_| doc.kind == Kind::Pdf)
                            .and_then(|d| d.paragraph)
                            .map(|first| {
                                first
                                    + seg.text[..seg_range.start.min(seg.text.len())]
                                        .matches('\n')
                                        .count() as u32
                            }),
                    },
                    matched,
                    message: f.message,
                    suggestion: f.suggestion,
                    help: f.help,
                    platform_ref: f.platform_ref,
                    fingerprint: String::new(),
                    excerpt: Some(doc.excerpt(src_range.clone())),
                    chrome: seg.chrome,
                    fix,
                    related: Vec::new(),
                });
            }
        }
        let coverage = self.coverage.then(|| {
            crate::rules::missing_message::coverage(
                &self.loaded.platform,
                &self.compiled,
                &doc_text,
            )
        });
        if let (Some(asset), true) = (asset, wants_document && enabled("missing-message")) {
            let severity = rules
                .iter()
                .find(|(r, _)| r.id == "missing-message")
                .map(|(_, s)| *s);
            if let (Some((message, help)), Some(severity)) = (
                crate::rules::missing_message::check(
                    &self.loaded.platform,
                    &self.compiled,
                    asset,
                    &doc_text,
                ),
                severity,
            ) {
                let start = doc
                    .segments
                    .first()
                    .and_then(|s| s.pieces.first())
                    .map_or(0, |p| p.src as usize);
                let (line, column) = doc.line_col(start);
                let index = self
                    .loaded
                    .platform
                    .assets
                    .iter()
                    .position(|a| std::ptr::eq(a, asset))
                    .unwrap_or(0);
                out.push(Diagnostic {
                    rule: "missing-message",
                    severity,
                    path: doc.path.clone(),
                    location: Location {
                        line,
                        column,
                        ..Location::default()
                    },
                    matched: String::new(),
                    message,
                    suggestion: None,
                    help: Some(help),
                    platform_ref: Some(format!("assets[{index}]")),
                    fingerprint: String::new(),
                    excerpt: None,
                    chrome: false,
                    fix: None,
                    related: Vec::new(),
                });
            }
        }
        out.sort_by(|a, b| {
            (a.location.line, a.location.column, a.rule).cmp(&(
                b.location.line,
                b.location.column,
                b.rule,
            ))
        });
        let key_path = self.fingerprint_path(Path::new(&doc.path));
        assign_fingerprints(&mut out, &key_path);
        // A fact carries its own finding's fingerprint, which `cross-asset-conflict` builds
        // on (and which shards carry to a merge).
        for f in &mut facts {
            f.diagnostic.fingerprint = crate::diagnostic::fingerprint_of(&f.diagnostic, &key_path);
        }
        Ok(Checked {
            diagnostics: out,
            facts,
            omitted,
            coverage,
        })
    }
}

/// A path with `/` separators, without a leading `./`.
fn slash_path(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_owned).unwrap_or(s)
}

/// A number stated in a sentence, kept (small) from the parallel pass for
/// `cross-asset-conflict`.
#[derive(Clone, Debug)]
pub struct Fact {
    /// The sentence's content stems and the number's unit: equal keys are the same statement.
    pub key: String,
    pub value: f64,
    pub stated: String,
    pub sentence: String,
    /// The finding to report if the fact conflicts (message filled in then).
    pub diagnostic: Diagnostic,
}

/// Speaker-notes directives: a notes paragraph `msglint-disable RULE…` (no rule = all)
/// silences those rules for its slide. Returns (slide, rules) pairs.
fn notes_directives(doc: &Document) -> Vec<(u32, Vec<String>)> {
    let mut out = Vec::new();
    for seg in &doc.segments {
        let Some(d) = seg.deck.as_deref() else {
            continue;
        };
        let (Some(slide), true) = (d.slide, d.notes) else {
            continue;
        };
        let t = seg.text.trim();
        let Some(rest) = t.strip_prefix("msglint-disable") else {
            continue;
        };
        if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
            continue;
        }
        let rules = rest
            .split([',', ' '])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        out.push((slide, rules));
    }
    out
}

fn notes_silenced(directives: &[(u32, Vec<String>)], slide: u32, rule: &str) -> bool {
    directives
        .iter()
        .any(|(s, rules)| *s == slide && (rules.is_empty() || rules.iter().any(|r| r == rule)))
}

/// Number words the quantity scanner knows ("half", "two weeks"), checked before scanning a
/// segment without digits.
fn has_number_word(text: &str) -> bool {
    static WORDS: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> =
        std::sync::OnceLock::new();
    WORDS
        .get_or_init(|| {
            aho_corasick::AhoCorasick::new([
                "half", "quarter", "third", "twice", "double", "triple", "one", "two", "three",
                "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "fifteen",
                "twenty", "thirty", "forty", "fifty", "hundred", "dozen",
            ])
            .ok()
        })
        .as_ref()
        .is_none_or(|ac| ac.is_match(text))
}
