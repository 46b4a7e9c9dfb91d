//! The check stage: one `Document` + the compiled platform → diagnostics.
//!
//! Owns: which rules run on a file (platform `rules:` severities, `assets:` allow-lists,
//! `exceptions:`), folding each segment once, running the registered rules on the hits,
//! mapping findings back to exact source spans, suppression comments, fingerprints.
//! Must not: read files or print.

use crate::diagnostic::{
    Confidence, Counts, Diagnostic, FIXABLE, Fix, Location, Severity, assign_fingerprints,
};
use crate::document::{Document, Kind, Scope, Segment};
use crate::extract::Unreadable;
use crate::normalize::{Folded, fold_into};
use crate::platform::index::Index;
use crate::platform::{AssetType, Level, Loaded, Platform};
pub use crate::rules::Fact;
use crate::rules::{DocCx, Finding, RULES, RawFact, RuleInfo, SegmentCx};
use crate::suppress::Suppressions;
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::path::{Path, PathBuf};

pub struct Engine {
    pub loaded: Loaded,
    pub index: Index,
    pub compiled: crate::rules::claims::Compiled,
    root_abs: PathBuf,
    /// Directory → the git repository root above it (`None`: not in one), found once per
    /// directory for `fingerprint_path`.
    git_roots: std::sync::Mutex<std::collections::HashMap<PathBuf, Option<PathBuf>>>,
    /// Directory as given → its canonical path (`None`: it has none), resolved once per
    /// directory for `canonical`.
    canonical_dirs: std::sync::Mutex<std::collections::HashMap<PathBuf, Option<PathBuf>>>,
    assets: Vec<GlobSet>,
    exceptions: Vec<GlobSet>,
    /// Stop listing a file's findings after this many (they are still counted).
    pub max_findings: Option<usize>,
    /// Record, for every file, which approved messages it states (`msglint audit`).
    pub coverage: bool,
    /// Findings below this confidence are left out (not counted): the platform's
    /// `min_confidence`, else `medium`; `--min-confidence` and `audit` set it.
    pub min_confidence: Confidence,
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
        let loaded_min = loaded.platform.min_confidence.unwrap_or(Confidence::Medium);
        Engine {
            loaded,
            index,
            compiled,
            root_abs,
            git_roots: Default::default(),
            canonical_dirs: Default::default(),
            assets,
            exceptions,
            max_findings: None,
            coverage: false,
            min_confidence: loaded_min,
        }
    }

    /// `std::fs::canonicalize(path)`, with each directory resolved once per run: a file
    /// that is not a symbolic link is its directory's canonical path joined with its name
    /// (one `lstat` instead of a `readlink` per path component). Anything else (a link, a
    /// path ending in `.`, `..` or `/`, a missing file) goes to `canonicalize` itself.
    ///
    /// The last answer is kept per thread: a file's platform-relative path and its
    /// fingerprint path ask for the same path one after the other.
    fn canonical(&self, path: &Path) -> std::io::Result<PathBuf> {
        thread_local! {
            static LAST: std::cell::RefCell<Option<(PathBuf, Option<PathBuf>)>> =
                const { std::cell::RefCell::new(None) };
        }
        let known = LAST.with_borrow(|last| match last {
            Some((p, abs)) if p == path => Some(abs.clone()),
            _ => None,
        });
        let abs = match known {
            Some(abs) => abs,
            None => {
                let abs = self.canonical_uncached(path).ok();
                LAST.set(Some((path.to_path_buf(), abs.clone())));
                abs
            }
        };
        abs.ok_or_else(|| std::io::Error::other("cannot resolve"))
    }

    fn canonical_uncached(&self, path: &Path) -> std::io::Result<PathBuf> {
        let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
            return std::fs::canonicalize(path);
        };
        let plain_name = path
            .as_os_str()
            .as_encoded_bytes()
            .ends_with(name.as_encoded_bytes());
        if !plain_name
            || std::fs::symlink_metadata(path).map_or(true, |m| m.file_type().is_symlink())
        {
            return std::fs::canonicalize(path);
        }
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        let resolved = {
            let mut known = self
                .canonical_dirs
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            known
                .entry(dir.to_path_buf())
                .or_insert_with(|| std::fs::canonicalize(dir).ok())
                .clone()
        };
        match resolved {
            Some(d) => Ok(d.join(name)),
            None => std::fs::canonicalize(path),
        }
    }

    /// The path as the platform's globs see it: relative to the platform file's directory.
    pub fn platform_relative(&self, path: &Path) -> PathBuf {
        self.canonical(path)
            .ok()
            .and_then(|abs| abs.strip_prefix(&self.root_abs).ok().map(Path::to_path_buf))
            .unwrap_or_else(|| path.to_path_buf())
    }

    /// The path a fingerprint is made from, whatever directory msglint runs from and however
    /// the path was typed: relative to the platform file's directory when the file is under
    /// it, else relative to the root of the git repository that holds the file, else the
    /// canonical absolute path. A path that does not exist (a test document) is kept as given.
    pub fn fingerprint_path(&self, path: &Path) -> String {
        let Ok(abs) = self.canonical(path) else {
            return slash_path(path);
        };
        if let Ok(rel) = abs.strip_prefix(&self.root_abs) {
            return slash_path(rel);
        }
        let root = abs.parent().and_then(|dir| {
            let mut known = self.git_roots.lock().unwrap_or_else(|e| e.into_inner());
            known
                .entry(dir.to_path_buf())
                .or_insert_with(|| {
                    dir.ancestors()
                        .find(|d| d.join(".git").exists())
                        .map(Path::to_path_buf)
                })
                .clone()
        });
        let repo = root.as_deref().and_then(|d| abs.strip_prefix(d).ok());
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

    /// Diagnostics, and the facts cross-file rules compare.
    /// Over the per-file time budget, the file is unreadable.
    pub fn check_with_facts(&self, doc: &Document, rel: &Path) -> Result<Checked, Unreadable> {
        let mut facts = Vec::new();
        let mut omitted = Counts::default();
        let rules: Vec<(&RuleInfo, Severity)> = RULES
            .iter()
            .filter(|r| r.runs())
            .filter_map(|r| self.severity(r, rel).map(|s| (r, s)))
            .collect();
        if rules.is_empty() {
            return Ok(Checked::default());
        }
        let platform = &self.loaded.platform;
        let slide_off = notes_directives(doc);
        let suppress = if !doc.kind.is_container() && doc.source.contains("msglint-") {
            Suppressions::parse(&doc.source, doc.lines())
        } else {
            Suppressions::default()
        };
        let mut out = Vec::new();
        let mut findings: Vec<Finding> = Vec::new();
        let mut raw_facts: Vec<RawFact> = Vec::new();
        // The union of the enabled rules' needs.
        let wants_numbers = rules.iter().any(|(r, _)| r.needs.quantities);
        let wants_subjects = rules.iter().any(|(r, _)| r.needs.subjects);
        let mut wanted: Vec<bool> = vec![true; rules.len()];
        let asset = self.asset_index(rel);
        let date = crate::rules::AssetDate::new(
            asset.is_none_or(|(_, a)| a.dated),
            &doc.path,
            doc.kind,
            &doc.source,
            doc.date.as_deref(),
        );
        let doc_rules: Vec<(&RuleInfo, Severity)> = rules
            .iter()
            .filter(|(r, _)| {
                r.document
                    .as_ref()
                    .is_some_and(|d| (d.applies)(platform, asset.map(|(_, a)| a)))
            })
            .copied()
            .collect();
        // `msglint audit` records every file's coverage of the approved messages.
        let wants_text = !doc_rules.is_empty() || self.coverage;
        let mut doc_text = String::new();
        let mut folded = Folded::default();
        // The date of the section being read, with its heading's level.
        let mut section: Option<(u8, String)> = None;
        // A timeline: two or more lines that are only a year ("2021", "2022") each date
        // what follows them, to the next heading as high as the one above them.
        let timeline = matches!(doc.kind, Kind::Markdown | Kind::Html | Kind::Text)
            && doc
                .segments
                .iter()
                .filter(|s| year_line(&s.text).is_some())
                .take(2)
                .count()
                == 2;
        // The level of the last heading read (0 before the first), and whether the section
        // being read was dated by a timeline's year line (its steps share one level).
        let mut heading_at: u8 = 0;
        let mut by_year = false;
        // A style guide's counter-examples: the section under a "No", "Don't" or "Avoid"
        // heading (its level), written wrong on purpose.
        let mut counter_at: Option<u8> = None;
        let mut counter_listed = false;
        // Whether a claim is labelled for a plan ("Pro: 20,000 audit logs / month"): only
        // then is a line's plan card looked for.
        let plan_claims = self.compiled.claims.iter().any(|c| c.plan.is_some());
        // The segment before was a counter-example's label line ("**Don't**:").
        let mut counter_next = false;
        // Whether the segment before opens with the company's or a product's name: a
        // sentence opening "It …" right after it speaks of the company.
        let mut previous_ours = false;
        let competitor_tech: Vec<std::cell::OnceCell<bool>> = (0..platform.competitors.len())
            .map(|_| Default::default())
            .collect();
        // The table being read: its header row's index and the owners of its columns, read
        // once per table.
        let mut table: (usize, Option<Vec<Option<bool>>>) = (0, None);
        for (seg_index, seg) in doc.segments.iter().enumerate() {
            if seg.scope == Scope::TableRow
                && (seg_index == 0 || doc.segments[seg_index - 1].scope != Scope::TableRow)
            {
                table = (seg_index, table_columns(seg, platform));
            }
            if seg.scope == Scope::Heading
                && matches!(doc.kind, Kind::Markdown | Kind::Html | Kind::Text)
            {
                let level = heading_level(&doc.source, seg);
                match crate::document::date_in(&seg.text) {
                    Some(d) => (section, by_year) = (Some((level, d)), false),
                    None if timeline && let Some(y) = year_line(&seg.text) => {
                        (section, by_year) = (Some((level, format!("{y}-01-01"))), false);
                    }
                    None if section.as_ref().is_some_and(|(l, _)| level <= *l) => {
                        (section, by_year) = (None, false);
                    }
                    None => {}
                }
                heading_at = level;
                counter_at = if counter_heading(&seg.text) {
                    Some(level)
                } else {
                    counter_at.filter(|l| level > *l)
                };
            } else if seg_index > 0
                && doc.segments[seg_index - 1].scope == Scope::Heading
                && section.is_none()
                && matches!(doc.kind, Kind::Markdown | Kind::Html | Kind::Text)
                && let Some(d) = release_line(&seg.text)
            {
                // A changelog's "## 11.0.0" then "_Released Nov 08, 2022_": the line under
                // the heading dates its section.
                (section, by_year) = (Some((heading_at.max(1), d)), false);
            } else if timeline && let Some(y) = year_line(&seg.text) {
                // The first step's level is the heading above the timeline's; the later
                // steps keep it, whatever headings the steps have.
                let level = match &section {
                    Some((l, _)) if by_year => *l,
                    _ => heading_at.max(1),
                };
                (section, by_year) = (Some((level, format!("{y}-01-01"))), true);
            }
            if crate::budget::over() {
                return Err(Unreadable(crate::budget::reason()));
            }
            // A counter-example ("- Don't: …", a line under "##### No", or what follows a
            // "**Don't**:" line) shows the wrong form on purpose: what it is reported for is
            // low confidence. A section's examples are its list items (or a paragraph before
            // them); the first paragraph after its list is the guide speaking again. A label
            // line's examples are the list after it, or the one paragraph after it.
            let listed = matches!(seg.scope, Scope::ListItem | Scope::TableRow);
            let mut one_off = false;
            if seg.scope != Scope::Heading {
                if std::mem::take(&mut counter_next) {
                    if listed {
                        (counter_at, counter_listed) = (Some(7), false);
                    } else {
                        one_off = true;
                    }
                }
                counter_next = counter_label(&seg.text);
            }
            if counter_at.is_some() && seg.scope != Scope::Heading && !listed && counter_listed {
                counter_at = None;
            }
            counter_listed = counter_at.is_some() && (listed || counter_listed);
            let counter = (counter_at.is_some() && seg.scope != Scope::Heading)
                || one_off
                || counter_line(&seg.text);
            fold_into(&mut folded, &seg.text, doc.kind == Kind::Pdf);
            let hits = self.index.hits(&folded);
            let before_ours =
                std::mem::replace(&mut previous_ours, opens_with_brand(&folded, &hits));
            let quantities = if wants_numbers {
                crate::numbers::scan_cased(&folded.lower, &folded.cased)
            } else {
                Vec::new()
            };
            if wants_text {
                doc_text.push_str(&folded.lower);
                doc_text.push('\n');
            }
            // Without a phrase hit or a quantity, only the rules that want the segment
            // (a paragraph that may restate boilerplate or an exact wording) look at it.
            if hits.is_empty() && quantities.is_empty() {
                for (w, (r, _)) in wanted.iter_mut().zip(&rules) {
                    *w = r
                        .wants
                        .is_some_and(|f| f(platform, &self.compiled, &folded));
                }
                if !wanted.contains(&true) {
                    continue;
                }
            } else {
                wanted.fill(true);
            }
            let subjects = if quantities.is_empty() || !wants_subjects {
                Vec::new()
            } else {
                self.compiled.subject_hits(&folded.lower)
            };
            let price = !quantities.is_empty() && price_only(&seg.text);
            let label = if quantities.is_empty() {
                None
            } else if price || number_only(&seg.text) {
                let names = |l: &str| !self.compiled.label_claims(l).is_empty();
                let beside = stat_label(doc, seg_index, names);
                // A price alone in a plan card ("$300/month" under "### Team"): the card's
                // heading names the plan when no label beside it names a subject.
                if price && !beside.as_deref().is_some_and(names) {
                    card_heading(doc, seg_index).filter(|h| names(h)).or(beside)
                } else {
                    beside
                }
            } else if card_field(&seg.text) {
                card_heading(doc, seg_index)
            } else {
                line_label(&seg.text)
            };
            let card = if !plan_claims || quantities.is_empty() || seg.scope == Scope::Heading {
                None
            } else {
                plan_card(doc, seg_index)
            };
            let columns = (seg.scope == Scope::TableRow && table.0 < seg_index)
                .then_some(table.1.as_deref())
                .flatten();
            let cx = SegmentCx {
                platform,
                index: &self.index,
                segment: seg,
                folded: &folded,
                hits: &hits,
                quantities: &quantities,
                compiled: &self.compiled,
                subjects: &subjects,
                source: &doc.source,
                standalone: standalone(doc, seg_index),
                date: &date,
                label: label.as_deref(),
                columns,
                lead: seg_index == 0
                    || matches!(seg.scope, Scope::Title | Scope::Meta)
                    || (seg.scope == Scope::Heading
                        && !doc.segments[..seg_index]
                            .iter()
                            .any(|s| s.scope == Scope::Heading)),
                section_date: section.as_ref().map(|(_, d)| d.as_str()),
                previous_ours: before_ours,
                competitor_tech: &competitor_tech,
                card: card.as_deref(),
                table_header: (seg.scope == Scope::TableRow && table.0 < seg_index)
                    .then(|| doc.segments[table.0].text.as_str()),
            };
            findings.clear();
            for ((rule, _), _) in rules.iter().zip(&wanted).filter(|(_, w)| **w) {
                if let Some(check) = rule.check {
                    check(&cx, &mut findings);
                }
            }
            for (rule, severity) in &rules {
                let Some(cf) = &rule.cross_file else { continue };
                raw_facts.clear();
                (cf.facts)(&cx, &mut raw_facts);
                for rf in raw_facts.drain(..) {
                    let confidence = rf.finding.confidence.unwrap_or(rule.confidence);
                    let (diagnostic, _) =
                        self.diagnostic(doc, seg, &folded, rf.finding, *severity, confidence);
                    facts.push(Fact {
                        key: rf.key,
                        value: rf.value,
                        stated: rf.stated,
                        sentence: rf.sentence,
                        diagnostic,
                    });
                }
            }
            // A rule's finding may replace other rules' findings over the same text.
            for (rule, _) in &rules {
                if rule.supersedes.is_empty() {
                    continue;
                }
                let spans: Vec<(usize, usize)> = findings
                    .iter()
                    .filter(|f| f.rule == rule.id)
                    .map(|f| (f.start, f.end))
                    .collect();
                if !spans.is_empty() {
                    findings.retain(|f| {
                        !rule.supersedes.contains(&f.rule)
                            || !spans.iter().any(|&(s, e)| f.start < e && s < f.end)
                    });
                }
            }
            for (i, f) in findings.drain(..).enumerate() {
                if i % 1024 == 1023 && crate::budget::over() {
                    return Err(Unreadable(crate::budget::reason()));
                }
                let Some((rule, configured)) = rules.iter().find(|(r, _)| r.id == f.rule) else {
                    continue;
                };
                let severity = match f.severity {
                    Some(s) => (*configured).min(s),
                    None => *configured,
                };
                let confidence = if counter {
                    Confidence::Low
                } else {
                    f.confidence.unwrap_or(rule.confidence)
                };
                if confidence < self.min_confidence {
                    continue;
                }
                // Past the cap, a finding nothing can silence is only counted, never built
                // (its location and excerpt cost more than the rules that found it).
                if self.max_findings.is_some_and(|cap| out.len() >= cap)
                    && suppress.is_empty()
                    && slide_off.is_empty()
                {
                    omitted.add(severity);
                    continue;
                }
                let (d, src_start) = self.diagnostic(doc, seg, &folded, f, severity, confidence);
                if !suppress.is_empty() && suppress.silenced(d.rule, src_start, d.location.line) {
                    continue;
                }
                if d.location
                    .slide
                    .is_some_and(|s| notes_silenced(&slide_off, s, d.rule))
                {
                    continue;
                }
                if self.max_findings.is_some_and(|cap| out.len() >= cap) {
                    omitted.add(severity);
                    continue;
                }
                out.push(d);
            }
        }
        // Which approved messages the file states (`msglint audit`): not a finding.
        let coverage = self.coverage.then(|| {
            crate::rules::missing_message::coverage(
                &self.loaded.platform,
                &self.compiled,
                &doc_text,
            )
        });
        for (rule, severity) in doc_rules {
            let Some(dr) = &rule.document else { continue };
            let cx = DocCx {
                platform,
                compiled: &self.compiled,
                asset,
                text: &doc_text,
            };
            let Some(found) = (dr.check)(&cx) else {
                continue;
            };
            let start = doc
                .segments
                .first()
                .and_then(|s| s.pieces.first())
                .map_or(0, |p| p.src as usize);
            let (line, column) = doc.line_col(start);
            if rule.confidence < self.min_confidence {
                continue;
            }
            out.push(Diagnostic {
                rule: rule.id,
                severity,
                confidence: rule.confidence,
                path: doc.path.clone(),
                location: Location {
                    line,
                    column,
                    ..Location::default()
                },
                matched: String::new(),
                message: found.message,
                suggestion: None,
                help: Some(found.help),
                platform_ref: found.platform_ref,
                fingerprint: String::new(),
                excerpt: None,
                chrome: false,
                fix: None,
                related: Vec::new(),
            });
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

    /// The first asset type whose `paths` match, with its index.
    fn asset_index(&self, rel: &Path) -> Option<(usize, &AssetType)> {
        self.assets
            .iter()
            .position(|g| g.is_match(rel))
            .map(|i| (i, &self.loaded.platform.assets[i]))
    }

    /// A finding located in the source: line, column, slide/page, excerpt, and a safe fix
    /// where the rule's suggestion is one.
    fn diagnostic(
        &self,
        doc: &Document,
        seg: &Segment,
        folded: &Folded,
        f: Finding,
        severity: Severity,
        confidence: Confidence,
    ) -> (Diagnostic, usize) {
        let seg_range = folded.source_range(&seg.text, f.start, f.end);
        let src_range = seg.source_range(seg_range.clone());
        let (line, column) = doc.line_col(src_range.start);
        let end = doc.line_col(src_range.end);
        let deck = seg.deck.as_deref();
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
                    && doc.source.get(src_range.clone()) == seg.text.get(seg_range.clone())
                    && !doc.source[src_range.clone()].contains('\n')
                    && crate::fix::edit::unsafe_edit(
                        &doc.source,
                        src_range.clone(),
                        repl,
                        f.rule,
                        &doc.keep,
                    )
                    .is_none()
                    && doc.literal_refusal(src_range.clone(), repl).is_none() =>
            {
                Some(Fix {
                    span: src_range.clone(),
                    replacement: repl.clone(),
                })
            }
            _ => None,
        };
        let d = Diagnostic {
            rule: f.rule,
            severity,
            confidence,
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
        };
        (d, src_range.start)
    }
}

/// Whether a segment is a number alone, as a stat block shows it: at most two words, each a
/// number ("15k", "2.1M", "$15M", "99.99%"), a sign ("+", "%") or a unit ("12 months").
fn number_only(text: &str) -> bool {
    // At most two words: a paragraph is rejected at its third word, not split whole (this
    // runs on every segment with a number).
    let mut it = text.split_whitespace();
    let words: Vec<&str> = it.by_ref().take(2).collect();
    if it.next().is_some() {
        return false;
    }
    (1..=2).contains(&words.len())
        && words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()))
        && words.iter().all(|w| {
            w.starts_with(|c: char| {
                c.is_ascii_digit() || c == '$' || c == '~' || c == '<' || c == '>'
            }) || w.chars().all(|c| !c.is_alphanumeric())
                // "12 months", "99 ms", "50 GB": a number with its unit.
                || crate::numbers::stat_unit(w)
        })
}

/// Whether a segment is a price alone, as a plan card shows it: a figure with its currency
/// and at most a rate after it ("€6.99/month", "$249 per month", "$29/user/month, billed
/// yearly").
fn price_only(text: &str) -> bool {
    const CURRENCY: &[char] = &['$', '€', '£', '¥', '₹'];
    let mut t = text.trim();
    // "Starts at $40/month", "From €6 per user": a price's lead before the sign.
    let leads: &[&str] = if t.starts_with(['s', 'S', 'f', 'F', 'o', 'O']) {
        &["starts at ", "starting at ", "from ", "only "]
    } else {
        &[]
    };
    for lead in leads {
        if t.len() > lead.len()
            && t.is_char_boundary(lead.len())
            && t[..lead.len()].eq_ignore_ascii_case(lead)
        {
            t = &t[lead.len()..];
            break;
        }
    }
    // Most segments open with a word: only a currency sign may open a price.
    if !t.starts_with(CURRENCY) {
        return false;
    }
    let Some(at) = t.find(|c: char| c.is_ascii_digit()) else {
        return false;
    };
    let (head, rest) = t.split_at(at);
    if !head.trim().chars().all(|c| CURRENCY.contains(&c)) || head.trim().is_empty() {
        return false;
    }
    let figure_end = rest
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | ',')))
        .unwrap_or(rest.len());
    rest[figure_end..]
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .all(|w| {
            let w = w.as_bytes();
            [
                "per", "a", "an", "mo", "month", "monthly", "yr", "year", "yearly", "annually",
                "annual", "user", "seat", "editor", "member", "billed", "usd", "eur",
            ]
            .iter()
            .any(|r| r.as_bytes().eq_ignore_ascii_case(w))
        })
}

/// The label beside a number shown alone: the segment before it or the one after it, when
/// it is short (one to six words) and has no number of its own. Folded, lowercase.
///
/// A row of stats is laid out one way throughout: "10K+ / Community members / 190+ /
/// Countries represented" puts each label after its number, so a label right before a number
/// that follows another number belongs to that other number, never to this one. Elsewhere the label that names
/// a claim's subject is read first ("Get started" before "6,000+" and "Community members"
/// after it), the one before first when both or neither do.
fn stat_label(doc: &Document, i: usize, names_subject: impl Fn(&str) -> bool) -> Option<String> {
    let scope = doc.segments[i].scope;
    let label = |j: usize| {
        let s = doc.segments.get(j)?;
        let t = s.text.trim();
        let n = t.split_whitespace().count();
        ((1..=6).contains(&n) && !t.chars().any(|c| c.is_ascii_digit()) && s.scope == scope)
            .then(|| crate::normalize::fold(&s.text).text.to_lowercase())
    };
    let number = |j: usize| {
        doc.segments
            .get(j)
            .is_some_and(|s| s.scope == scope && number_only(&s.text))
    };
    let prev = i.checked_sub(1).and_then(label);
    let next = label(i + 1);
    // Walk back over "number, label" pairs to the row's first number (a row of stats is
    // short: at most 16 pairs are read, so a long run costs no more per number).
    let mut first = i;
    while first >= 2 && i - first < 32 && number(first - 2) && label(first - 1).is_some() {
        first -= 2;
    }
    let label_first = first
        .checked_sub(1)
        .and_then(label)
        .is_some_and(|l| names_subject(&l));
    // Text before the row's first number that is no short label ("of Fortune 500 companies
    // use Nx for key projects" before "50%") leaves the layout unknown: read both sides.
    let text_first = first.checked_sub(1).is_some_and(|j| {
        doc.segments
            .get(j)
            .is_some_and(|s| s.scope == scope && !number_only(&s.text) && label(j).is_none())
    });
    let order = if first < i && !label_first && !text_first {
        [next, None]
    } else {
        [prev, next]
    };
    let found = order.iter().flatten().find(|l| names_subject(l)).cloned();
    found.or_else(|| order.into_iter().flatten().next())
}

/// The owner of each column of a table, as its header row names it: the company's or a
/// product's name (`Some(true)`), a competitor's (`Some(false)`), or neither. None when no
/// column names either.
fn table_columns(header: &Segment, platform: &Platform) -> Option<Vec<Option<bool>>> {
    let is = |cell: &str, name: &str| !name.is_empty() && cell.eq_ignore_ascii_case(name);
    let owners: Vec<Option<bool>> = header
        .text
        .split(" | ")
        .map(|cell| {
            let cell = cell.trim();
            if is(cell, &platform.company.name)
                || platform.company.variants.iter().any(|v| is(cell, v))
                || platform.products.iter().any(|p| is(cell, &p.name))
            {
                Some(true)
            } else if platform.competitors.iter().any(|c| is(cell, &c.name)) {
                Some(false)
            } else {
                None
            }
        })
        .collect();
    owners.iter().any(Option::is_some).then_some(owners)
}

/// A line's own label: "Starter: Up to 50 users", "Uptime: 99.9%" — one to three words
/// without a number before the line's first colon. Folded, lowercase.
fn line_label(text: &str) -> Option<String> {
    let (label, rest) = text.split_once(':')?;
    let n = label.split_whitespace().count();
    ((1..=3).contains(&n)
        && !label.chars().any(|c| c.is_ascii_digit())
        && rest.starts_with(' ')
        && rest.chars().any(|c| c.is_ascii_digit()))
    .then(|| crate::normalize::fold(label).text.to_lowercase())
}

/// Whether a segment is a price card's field: "Price: $20 per editor/month", "Cost: $99".
fn card_field(text: &str) -> bool {
    let t = text.trim_start();
    ["price:", "pricing:", "cost:"].iter().any(|p| {
        t.get(..p.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(p))
    })
}

/// The heading a card's field sits under ("### Business Plan" over "Price: $20 …"): the
/// nearest heading at most six segments before it, when it is short (one to six words) and
/// has no number of its own. Folded, lowercase.
fn card_heading(doc: &Document, i: usize) -> Option<String> {
    let h = doc.segments[i.saturating_sub(6)..i]
        .iter()
        .rev()
        .find(|s| s.scope == Scope::Heading)?;
    let t = h.text.trim();
    ((1..=6).contains(&t.split_whitespace().count()) && !t.chars().any(|c| c.is_ascii_digit()))
        .then(|| crate::normalize::fold(&h.text).text.to_lowercase())
}

/// The plan card a line sits in: a short heading at most six segments before it (one to
/// three words, no digit) with a price between them ("### Starter", "$0 / month").
fn plan_card(doc: &Document, i: usize) -> Option<String> {
    let from = i.saturating_sub(6);
    let k = from
        + doc.segments[from..i]
            .iter()
            .rposition(|s| s.scope == Scope::Heading)?;
    let h = doc.segments[k].text.trim();
    let priced = doc.segments[k + 1..i].iter().any(|s| {
        s.text.char_indices().any(|(j, c)| {
            matches!(c, '$' | '€' | '£')
                && s.text[j + c.len_utf8()..].starts_with(|d: char| d.is_ascii_digit())
        })
    });
    // A section about prices ("## Pricing", "Plans and billing") is no plan's card.
    let section = h.split_whitespace().all(|w| {
        matches!(
            w.to_lowercase()
                .trim_matches(|c: char| !c.is_alphanumeric()),
            "pricing"
                | "plans"
                | "plan"
                | "prices"
                | "price"
                | "billing"
                | "costs"
                | "cost"
                | "and"
                | "&"
                | ""
                | "our"
                | "the"
                | "compare"
                | "comparison"
                | "overview"
                | "features"
                | "faq"
                | "packages"
                | "tiers"
                | "editions"
        )
    });
    ((1..=3).contains(&h.split_whitespace().count())
        && !h.chars().any(|c| c.is_ascii_digit())
        && !section
        && priced)
        .then(|| crate::normalize::fold(h).text.to_lowercase())
}

/// Whether the folded segment opens with the company's or a product's name (after "the").
fn opens_with_brand(
    folded: &crate::normalize::Folded,
    hits: &[crate::platform::index::Hit],
) -> bool {
    hits.iter()
        .any(|h| h.entry.is_brand() && h.opens(&folded.lower, 0))
}

/// Whether a segment stands alone as a heading would: a heading, a title, a slide title, or
/// a short line (at most 12 words, no sentence end) between other segments, as a PDF heading
/// or a slide's bullet is. A subject-less superlative there is the company speaking.
fn standalone(doc: &Document, i: usize) -> bool {
    let seg = &doc.segments[i];
    match seg.scope {
        Scope::Heading | Scope::Title => return true,
        Scope::Body | Scope::ListItem => {}
        _ => return false,
    }
    if seg.deck.as_deref().is_some_and(|d| {
        d.shape
            .as_deref()
            .is_some_and(|s| s.starts_with("Title") || s.starts_with("Subtitle"))
            && !d.notes
    }) {
        return true;
    }
    let t = seg.text.trim();
    let short = |t: &str| {
        let words = t.split_whitespace().count();
        (1..=12).contains(&words)
            && !t.ends_with(['.', '!', '?', ':', ';', ','])
            && !t.contains('\n')
            && t.chars().next().is_some_and(char::is_uppercase)
    };
    // A short line alone in a slide's body placeholder stands alone like its title ("The
    // quickest onboarding in the category").
    if let Some(d) = seg.deck.as_deref()
        && doc.kind == Kind::Pptx
        && !d.notes
        && d.shape.as_deref().is_some_and(|s| {
            s.starts_with("Content Placeholder")
                || s.starts_with("Text Placeholder")
                || s.starts_with("Body")
        })
    {
        // A shape's paragraphs are consecutive segments: its neighbours tell.
        let same_shape = |j: usize| {
            doc.segments.get(j).is_some_and(|o| {
                o.deck.as_deref().is_some_and(|od| {
                    od.slide == d.slide && od.shape == d.shape && od.notes == d.notes
                })
            })
        };
        let alone = !(i.checked_sub(1).is_some_and(same_shape) || same_shape(i + 1));
        return alone && short(t);
    }
    if doc.kind != Kind::Pdf {
        return false;
    }
    short(t)
}

/// A heading's level, read from its source: the `#`s opening its Markdown line, the digit of
/// the HTML `<hN>` before it; 1 when neither says.
/// A short line that dates what it is under: "Released Nov 08, 2022", "Published
/// 2024-03-02", "Posted on March 3, 2024" (a few words, a full date).
fn release_line(text: &str) -> Option<String> {
    let t = text.trim();
    if t.len() > 48 || t.split_whitespace().count() > 6 {
        return None;
    }
    let lead = t
        .trim_start_matches(['_', '*', ' '])
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(
        lead.as_str(),
        "released" | "published" | "posted" | "updated" | "date:" | "released:" | "published:"
    )
    .then(|| crate::document::date_in(t))
    .flatten()
}

/// The words a style guide heads its counter-examples with: "No", "Don't", "Avoid",
/// "Incorrect" (a mark such as "❌" or a colon around them set aside).
const COUNTER: &[&str] = &[
    "no",
    "don't",
    "dont",
    "do not",
    "avoid",
    "incorrect",
    "wrong",
    "bad",
    "bad example",
    "not this",
    "instead of",
];

/// Whether a heading opens a style guide's counter-examples: one of `COUNTER` alone.
fn counter_heading(text: &str) -> bool {
    // The longest is "bad example" with a mark or two around it.
    if text.len() > 24 {
        return false;
    }
    let t = text
        .trim_matches(|c: char| !c.is_alphanumeric())
        .replace('’', "'")
        .to_lowercase();
    COUNTER.contains(&t.as_str())
}

/// Whether a line is only a counter-example's label: "Don't:", "**Avoid**:", "❌ No".
fn counter_label(text: &str) -> bool {
    if text.len() > 24 || !(text.contains(':') || text.contains('❌')) {
        return false;
    }
    let t = text
        .trim_matches(|c: char| !c.is_alphanumeric())
        .replace('’', "'")
        .to_lowercase();
    COUNTER.contains(&t.as_str()) && (text.contains(':') || text.contains('❌'))
}

/// Whether a line is a labelled counter-example: "Don't: …", "Incorrect: …", "❌ …".
fn counter_line(text: &str) -> bool {
    let t = text.trim_start();
    if t.starts_with(['❌', '✗', '✘']) {
        return true;
    }
    // The label is one of `COUNTER`: a colon within its first fourteen bytes.
    let head = &t.as_bytes()[..t.len().min(14)];
    if !head.contains(&b':') {
        return false;
    }
    let Some((label, rest)) = t.split_once(':') else {
        return false;
    };
    !rest.trim().is_empty()
        && label.len() <= 12
        && !label.trim().eq_ignore_ascii_case("no")
        && COUNTER.contains(&label.trim().replace('’', "'").to_lowercase().as_str())
}

/// A line that is a year, alone or with a short label ("2022", "2019:", "Pivoting 2022",
/// "2021 — The seed"), as a timeline marks its steps; not a footer's "© 2024" nor "Since
/// 2019", "Founded 2019", which say when something began.
fn year_line(text: &str) -> Option<u16> {
    // Most segments are longer, or neither open nor end with a digit: nothing to split.
    let t = text.trim().trim_end_matches([':', '.', ',']);
    let b = t.as_bytes();
    if b.len() < 4 || b.len() > 64 || !(b[0].is_ascii_digit() || b[b.len() - 1].is_ascii_digit()) {
        return None;
    }
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '—' | '–' | '|' | ':' | '·'))
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || words.len() > 4 {
        return None;
    }
    let year = |w: &str| {
        let w = w.trim_end_matches(['.', ',']);
        (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
            .then(|| w.parse::<u16>().ok())
            .flatten()
            .filter(|y| (1990..=2100).contains(y))
    };
    let y = year(words[0]).or_else(|| year(words[words.len() - 1]))?;
    let digits = words
        .iter()
        .filter(|w| w.bytes().any(|b| b.is_ascii_digit()));
    let began = words.iter().any(|w| {
        let w = w.to_ascii_lowercase();
        matches!(
            w.as_str(),
            "©" | "(c)" | "copyright" | "since" | "founded" | "established" | "est." | "est"
        ) || w.starts_with('©')
    });
    (digits.count() == 1 && !began).then_some(y)
}

fn heading_level(source: &str, seg: &Segment) -> u8 {
    let Some(start) = seg.pieces.first().map(|p| p.src as usize) else {
        return 1;
    };
    let start = start.min(source.len());
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let line = source[line_start..].trim_start();
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) {
        return hashes as u8;
    }
    let from = start.saturating_sub(400);
    let from = (from..=start)
        .find(|&i| source.is_char_boundary(i))
        .unwrap_or(start);
    source[from..start]
        .rfind("<h")
        .and_then(|i| source[from + i + 2..].bytes().next())
        .filter(u8::is_ascii_digit)
        .map_or(1, |b| b - b'0')
}

/// A path with `/` separators, without a leading `./`.
fn slash_path(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_owned).unwrap_or(s)
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
