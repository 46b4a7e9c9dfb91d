//! `msglint audit`: the library report. Runs the same pipeline as `check` (discovery,
//! platform, parallel extract + check) with message coverage recorded for every file, and
//! turns the result into one [`Audit`] model that the HTML, JSON and CSV writers render.
//!
//! Sharding: `--shard I/N` keeps the files whose path hash falls in shard I. A shard's JSON
//! is "raw": its findings before the cross-file steps (no `cross-asset-conflict`, chrome not
//! folded, no per-file cap) plus the per-file facts those steps need. `--merge` joins raw
//! shards and runs the cross-file steps once, exactly as an unsharded run does
//! ([`finalize`]), so the merged report equals the unsharded one.
//!
//! Owns: the audit model and its JSON shape (`docs/audit.md`), shards, merging, trends.
//! Must not: parse formats or implement rules.

pub mod csv;
pub mod html;
pub mod owners;
pub mod plain;

use crate::check::{Engine, Fact};
use crate::cli::{AuditArgs, AuditFormat};
use crate::diagnostic::{Counts, Diagnostic, Excerpt, Location, Related, Severity};
use crate::engine::Failure;
use crate::normalize::fold;
use crate::report::{FileReport, Report};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The `format` field of an audit JSON file.
pub const FORMAT: &str = "msglint-audit";
/// The version of the audit JSON shape; `--merge` and `--compare` refuse other versions.
pub const VERSION: u32 = 1;

/// One audit: what every writer renders, and the JSON `--compare` and `--merge` read.
#[derive(Serialize, Deserialize, Clone, Debug)]
pub struct Audit {
    pub format: String,
    pub version: u32,
    /// When the audit ran (UTC; `SOURCE_DATE_EPOCH` overrides the clock).
    pub generated: String,
    pub platform: PlatformInfo,
    /// The coverage matrix's columns: the tagline, value props and differentiators.
    pub messages: Vec<MessageInfo>,
    /// Present in a raw shard (`--shard I/N --format json`): what `--merge` checks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shard: Option<ShardInfo>,
    pub summary: AuditSummary,
    /// The library's score: the mean of the files' scores, rounded.
    pub score: u32,
    pub files: Vec<AuditFile>,
    /// What to fix first: the 3–7 actions with the most effect (assets × severity ×
    /// confidence), each with the library score it would win.
    #[serde(default)]
    pub fix_first: Vec<FixAction>,
    /// Each distinct stale number, retired name, misspelt brand, superlative and drifted
    /// statement, with the assets that carry it, most widespread first.
    #[serde(default)]
    pub circulating: Vec<Circulating>,
    pub diagnostics: Vec<AuditDiag>,
    /// Raw shards only: the numeric facts `cross-asset-conflict` compares across files.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<AuditFact>,
    /// With `--compare`: what changed since the earlier audit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compare: Option<Trend>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct PlatformInfo {
    pub company: String,
    pub path: String,
    /// The platform file's modification date (YYYY-MM-DD), when known.
    pub date: Option<String>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct MessageInfo {
    /// `tagline`, or the value prop's / differentiator's `id`.
    pub id: String,
    /// `tagline`, `value-prop` or `differentiator`.
    pub kind: String,
    pub text: String,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShardInfo {
    pub index: u32,
    pub count: u32,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AuditSummary {
    pub files: usize,
    pub unreadable: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Findings counted but not listed (`--max-findings-per-file`).
    pub omitted: usize,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AuditCounts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct AuditFile {
    pub path: String,
    pub kind: String,
    pub score: u32,
    /// Findings by severity, listed and omitted together.
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Findings left out of the list by the per-file cap (counted above).
    pub omitted: AuditCounts,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unreadable: Option<String>,
    /// Per message of `messages`, whether this file states it; `null` when unreadable.
    pub coverage: Option<Vec<bool>>,
    /// Who answers for the asset (platform `assets[].owner`, else CODEOWNERS).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
}

/// One action of `fix_first`: the same problem in several assets, fixed everywhere.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct FixAction {
    /// The action in words: `Replace “HelpBot” with “Lumora Assist” in 3 assets`.
    pub action: String,
    pub rule: String,
    /// The worst severity and the highest confidence among its findings.
    pub severity: String,
    pub confidence: String,
    /// The text found (empty for a missing message or an unreadable file).
    pub text: String,
    /// The approved wording, when the rule gives one.
    pub replacement: Option<String>,
    pub assets: usize,
    pub findings: usize,
    /// assets × severity (error 10, warning 3, info 1) × confidence (high 1, medium 0.6,
    /// low 0.3): the ranking key.
    pub weight: f64,
    /// Library score points this action would win (one decimal).
    pub score_gain: f64,
    /// The assets, by path.
    pub files: Vec<String>,
    /// The fingerprint of one of its findings, to link to.
    pub first: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct AuditLocation {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slide: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shape: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// PDF: the line on the page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_line: Option<u32>,
    pub line: u32,
    pub column: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_line: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_column: Option<u32>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct AuditExcerpt {
    pub line_start: u32,
    pub text: String,
    /// Byte range of the match in `text`.
    pub start: usize,
    pub end: usize,
    pub windowed: bool,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct AuditRelated {
    pub path: String,
    pub line: u32,
    pub column: u32,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct AuditDiag {
    pub rule: String,
    pub severity: String,
    /// `high`, `medium` or `low` (an audit written before confidence existed: `high`).
    #[serde(default = "high")]
    pub confidence: String,
    pub path: String,
    pub location: AuditLocation,
    pub matched: String,
    pub message: String,
    #[serde(default)]
    pub suggestion: Option<String>,
    #[serde(default)]
    pub help: Option<String>,
    #[serde(default)]
    pub platform_ref: Option<String>,
    pub fingerprint: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<AuditRelated>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excerpt: Option<AuditExcerpt>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub chrome: bool,
}

fn high() -> String {
    "high".to_owned()
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct AuditFact {
    pub key: String,
    pub value: f64,
    pub stated: String,
    pub sentence: String,
    pub finding: AuditDiag,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Circulating {
    pub rule: String,
    /// `stale number`, `retired name`, `misspelt brand`, `unapproved superlative`,
    /// `drifted statement`.
    pub what: String,
    /// The text as first found.
    pub text: String,
    /// The approved wording, when the rule gives one.
    pub approved: Option<String>,
    pub findings: usize,
    /// The assets that carry it, by path.
    pub files: Vec<String>,
}

/// `--compare`: the change since an earlier audit, by finding fingerprint and file path.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Trend {
    pub previous_generated: String,
    pub previous_score: u32,
    pub score: u32,
    pub new: Vec<TrendFinding>,
    pub fixed: Vec<TrendFinding>,
    /// Findings whose sentence was edited: the same rule and text in the same asset, or the
    /// same rule in a closely similar sentence (neither new nor fixed).
    #[serde(default)]
    pub changed: Vec<TrendChange>,
    pub still_open: usize,
    /// Findings of the earlier audit in assets that are no longer there (not "fixed").
    pub removed_with_assets: usize,
    pub files_added: Vec<String>,
    pub files_removed: Vec<String>,
    /// Files present in both audits whose score or findings changed.
    pub files_changed: Vec<FileTrend>,
    /// Per message (by id, in this audit's order): assets stating it before and now.
    pub coverage: Vec<CoverageTrend>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct TrendFinding {
    pub fingerprint: String,
    pub rule: String,
    pub severity: String,
    pub path: String,
    pub matched: String,
    pub message: String,
    /// The sentence as the reader sees it (no extraction markers, entities decoded).
    #[serde(default)]
    pub text: String,
    /// Where, in words (`slide 4 · image description`).
    #[serde(default)]
    pub place: String,
}

/// A finding before and after its sentence was edited.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct TrendChange {
    pub before: TrendFinding,
    pub after: TrendFinding,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct FileTrend {
    pub path: String,
    pub score_before: u32,
    pub score: u32,
    pub new: usize,
    pub fixed: usize,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct CoverageTrend {
    pub id: String,
    /// `null` when the earlier audit had no such message.
    pub before: Option<usize>,
    pub before_of: usize,
    pub after: usize,
    pub after_of: usize,
}

/// The parallel pass's result before the cross-file steps.
pub struct Raw {
    pub files: Vec<FileReport>,
    pub diagnostics: Vec<Diagnostic>,
    pub facts: Vec<Fact>,
    /// Per file of `files`.
    pub coverage: Vec<Option<Vec<bool>>>,
}

/// Everything about the run that is not a finding.
pub struct Context {
    pub generated: String,
    pub platform: PlatformInfo,
    pub messages: Vec<MessageInfo>,
}

fn fail(msg: impl std::fmt::Display) -> Failure {
    Failure::msg(msg)
}

/// `msglint audit`: the report written (or a failure for the command to print).
pub fn run(args: &AuditArgs) -> Result<(), Failure> {
    if !(args.timeout > 0.0 && args.timeout.is_finite()) {
        return Err(fail(format!(
            "--timeout must be a positive number of seconds, not {}",
            args.timeout
        )));
    }
    if args.shard.is_some() && args.compare.is_some() {
        return Err(fail(
            "--compare applies to a whole audit: use it with --merge, not --shard",
        ));
    }
    let cap = (args.max_findings_per_file > 0).then_some(args.max_findings_per_file);
    let previous = match &args.compare {
        Some(p) => match read_audit(p) {
            Ok(a) => Some(a),
            Err(e) => return Err(fail(e)),
        },
        None => None,
    };
    let mut audit = if args.merge.is_empty() {
        audit_files(args, cap)?
    } else {
        match merge(&args.merge, cap) {
            Ok(a) => a,
            Err(e) => return Err(fail(e)),
        }
    };
    if let Some(prev) = &previous {
        audit.compare = Some(trend(prev, &audit));
    }
    match write(args, &audit) {
        Ok(written) => {
            if !args.quiet {
                eprintln!(
                    "msglint: wrote {written} ({} files, {} findings, library score {})",
                    audit.summary.files,
                    audit.summary.errors + audit.summary.warnings + audit.summary.infos,
                    audit.score
                );
            }
            Ok(())
        }
        Err(e) => Err(fail(e)),
    }
}

fn default_output(format: AuditFormat) -> PathBuf {
    PathBuf::from(match format {
        AuditFormat::Html => "msglint-audit.html",
        AuditFormat::Json => "msglint-audit.json",
        AuditFormat::Csv => "msglint-audit.csv",
    })
}

/// Writes the report; returns what was written, for the closing line.
fn write(args: &AuditArgs, audit: &Audit) -> Result<String, String> {
    let path = args
        .output
        .clone()
        .unwrap_or_else(|| default_output(args.format));
    let mut buf: Vec<u8> = Vec::new();
    let render = |buf: &mut Vec<u8>| -> std::io::Result<()> {
        match args.format {
            AuditFormat::Html => buf.write_all(html::render(audit).as_bytes()),
            AuditFormat::Json => {
                serde_json::to_writer_pretty(&mut *buf, audit)?;
                writeln!(buf)
            }
            AuditFormat::Csv => csv::findings(audit, buf),
        }
    };
    render(&mut buf).map_err(|e| format!("rendering the report: {e}"))?;
    let mut written = path.display().to_string();
    if path.as_os_str() == "-" {
        let mut out = std::io::stdout().lock();
        out.write_all(&buf)
            .and_then(|()| out.flush())
            .or_else(|e| match e.kind() {
                std::io::ErrorKind::BrokenPipe => Ok(()),
                _ => Err(format!("writing the report: {e}")),
            })?;
        written = "the report to stdout".into();
    } else {
        std::fs::write(&path, &buf).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    if args.format == AuditFormat::Csv && path.as_os_str() != "-" {
        let cov = csv::coverage_path(&path);
        let mut c = Vec::new();
        csv::coverage(audit, &mut c).map_err(|e| format!("rendering coverage: {e}"))?;
        std::fs::write(&cov, &c).map_err(|e| format!("cannot write {}: {e}", cov.display()))?;
        written = format!("{written} and {}", cov.display());
    }
    Ok(written)
}

fn audit_files(args: &AuditArgs, cap: Option<usize>) -> Result<Audit, Failure> {
    let filters = crate::discover::Filters::new(&args.include, &args.exclude).map_err(fail)?;
    let mut collected = crate::discover::collect_all(&args.paths, &filters).map_err(fail)?;
    if let Some(note) = collected.skipped_note() {
        eprintln!("{note}");
    }
    if collected.inputs.is_empty() && !args.allow_empty {
        eprintln!(
            "msglint: no supported files to audit (Markdown, HTML, text, PowerPoint, Word or PDF)\n  = help: pass --allow-empty to write an empty report"
        );
        return Err(Failure::Printed);
    }
    let color = std::io::IsTerminal::is_terminal(&std::io::stderr())
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let loaded = crate::engine::find_and_load(
        args.platform.as_deref(),
        collected.first_path.as_deref(),
        color,
    )?;
    // Data files the platform's `copy_files` names (as `check` reads them).
    collected.apply_platform(&loaded.platform, &loaded.root);
    let mut inputs = collected.inputs;
    if let Some(shard) = args.shard {
        inputs.retain(|i| shard.contains(&i.display));
    }
    crate::budget::set_limit(std::time::Duration::from_secs_f64(args.timeout));
    crate::engine::set_jobs(args.jobs);
    let cx = context(&loaded);
    let mut engine = Engine::new(loaded);
    engine.coverage = true;
    // Site chrome is folded across pages before the cap (as `check` does).
    if !crate::engine::has_web_pages(&inputs) {
        engine.max_findings = cap;
    }
    // The audit shows every finding, whatever its confidence (the report sorts by it).
    engine.min_confidence = crate::diagnostic::Confidence::Low;
    let progress = crate::progress::Progress::new(inputs.len(), args.quiet);
    let parts = crate::engine::check_files(&engine, &inputs, progress.as_ref());
    drop(progress);
    let raw = Raw {
        files: parts.report.files,
        diagnostics: parts.report.diagnostics,
        facts: parts.facts,
        coverage: parts.coverage.into_iter().map(|c| c.map(flatten)).collect(),
    };
    let owners = owners::owners(
        &engine,
        &raw.files
            .iter()
            .map(|f| f.path.as_str())
            .collect::<Vec<_>>(),
    );
    let owners: HashMap<String, String> = raw
        .files
        .iter()
        .zip(owners)
        .filter_map(|(f, o)| Some((f.path.clone(), o?)))
        .collect();
    let mut audit = match args.shard {
        Some(s) if args.format == AuditFormat::Json => raw_shard(
            raw,
            cx,
            ShardInfo {
                index: s.index,
                count: s.count,
            },
        ),
        _ => finalize(raw, cx, cap),
    };
    set_owners(&mut audit, &owners);
    Ok(audit)
}

fn set_owners(a: &mut Audit, owners: &HashMap<String, String>) {
    for f in &mut a.files {
        f.owner = owners.get(&f.path).cloned();
    }
}

fn flatten(c: crate::rules::missing_message::Coverage) -> Vec<bool> {
    c.tagline
        .into_iter()
        .chain(c.value_props)
        .chain(c.differentiators)
        .collect()
}

/// UTC date and time, `YYYY-MM-DD HH:MM UTC`, of `secs` since the epoch.
pub fn utc(secs: u64, with_time: bool) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    if with_time {
        format!(
            "{y:04}-{m:02}-{d:02} {:02}:{:02} UTC",
            rem / 3600,
            (rem % 3600) / 60
        )
    } else {
        format!("{y:04}-{m:02}-{d:02}")
    }
}

fn now() -> u64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
        })
}

fn context(loaded: &crate::platform::Loaded) -> Context {
    let p = &loaded.platform;
    let date = std::fs::metadata(&loaded.path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| utc(d.as_secs(), false));
    let mut messages = Vec::new();
    if let Some(t) = &p.tagline {
        messages.push(MessageInfo {
            id: "tagline".into(),
            kind: "tagline".into(),
            text: t.clone(),
        });
    }
    for (kind, list) in [
        ("value-prop", &p.value_props),
        ("differentiator", &p.differentiators),
    ] {
        for m in list {
            messages.push(MessageInfo {
                id: m.id.clone(),
                kind: kind.into(),
                text: m.statement.clone(),
            });
        }
    }
    Context {
        generated: utc(now(), true),
        platform: PlatformInfo {
            company: p.company.name.clone(),
            path: shown_path(&loaded.path),
            date,
        },
        messages,
    }
}

/// A path relative to the current directory when it is under it, else as it is.
fn shown_path(p: &Path) -> String {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| {
            let cwd = std::fs::canonicalize(cwd).ok()?;
            let abs = std::fs::canonicalize(p).ok()?;
            abs.strip_prefix(&cwd).ok().map(|r| r.display().to_string())
        })
        .unwrap_or_else(|| p.display().to_string())
}

// ------------------------------------------------------------------ model conversions

fn to_audit_diag(d: &Diagnostic) -> AuditDiag {
    let l = &d.location;
    AuditDiag {
        rule: d.rule.to_owned(),
        severity: d.severity.as_str().to_owned(),
        confidence: d.confidence.as_str().to_owned(),
        path: d.path.clone(),
        location: AuditLocation {
            slide: l.slide,
            shape: l.shape.clone(),
            paragraph: l.paragraph,
            notes: l.notes,
            page: l.page,
            page_line: l.page_line,
            line: l.line,
            column: l.column,
            end_line: l.end.map(|e| e.0),
            end_column: l.end.map(|e| e.1),
        },
        matched: d.matched.clone(),
        message: d.message.clone(),
        suggestion: d.suggestion.clone(),
        help: d.help.clone(),
        platform_ref: d.platform_ref.clone(),
        fingerprint: d.fingerprint.clone(),
        related: d
            .related
            .iter()
            .map(|r| AuditRelated {
                path: r.path.clone(),
                line: r.line,
                column: r.column,
            })
            .collect(),
        excerpt: d.excerpt.as_ref().map(|e| AuditExcerpt {
            line_start: e.line_start,
            text: e.text.clone(),
            start: e.range.start,
            end: e.range.end,
            windowed: e.windowed,
        }),
        chrome: d.chrome,
    }
}

fn from_audit_diag(a: &AuditDiag) -> Result<Diagnostic, String> {
    let rule = crate::rules::lookup(&a.rule)
        .ok_or_else(|| format!("unknown rule `{}`", a.rule))?
        .id;
    let severity =
        Severity::parse(&a.severity).ok_or_else(|| format!("unknown severity `{}`", a.severity))?;
    let l = &a.location;
    Ok(Diagnostic {
        rule,
        severity,
        confidence: crate::diagnostic::Confidence::parse(&a.confidence)
            .unwrap_or(crate::diagnostic::Confidence::High),
        path: a.path.clone(),
        location: Location {
            slide: l.slide,
            shape: l.shape.clone(),
            paragraph: l.paragraph,
            notes: l.notes,
            page: l.page,
            page_line: l.page_line,
            line: l.line,
            column: l.column,
            end: l.end_line.zip(l.end_column),
        },
        matched: a.matched.clone(),
        message: a.message.clone(),
        suggestion: a.suggestion.clone(),
        help: a.help.clone(),
        platform_ref: a.platform_ref.clone(),
        fingerprint: a.fingerprint.clone(),
        excerpt: a.excerpt.as_ref().map(|e| Excerpt {
            line_start: e.line_start,
            text: e.text.clone(),
            range: e.start..e.end,
            windowed: e.windowed,
        }),
        chrome: a.chrome,
        fix: None,
        related: a
            .related
            .iter()
            .map(|r| Related {
                path: r.path.clone(),
                line: r.line,
                column: r.column,
            })
            .collect(),
    })
}

fn kind_static(kind: &str) -> &'static str {
    crate::document::Kind::ALL
        .iter()
        .map(|k| k.as_str())
        .find(|k| *k == kind)
        .unwrap_or("unknown")
}

fn audit_file(f: &FileReport, coverage: Option<Vec<bool>>) -> AuditFile {
    AuditFile {
        path: f.path.clone(),
        kind: f.kind.to_owned(),
        score: f.score,
        errors: f.omitted.errors,
        warnings: f.omitted.warnings,
        infos: f.omitted.infos,
        omitted: AuditCounts {
            errors: f.omitted.errors,
            warnings: f.omitted.warnings,
            infos: f.omitted.infos,
        },
        unreadable: f.unreadable.clone(),
        coverage,
        owner: None,
    }
}

/// A raw shard: findings and facts as the parallel pass left them.
fn raw_shard(raw: Raw, cx: Context, shard: ShardInfo) -> Audit {
    let mut files: Vec<AuditFile> = raw
        .files
        .iter()
        .zip(raw.coverage)
        .map(|(f, c)| audit_file(f, c))
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let facts = raw
        .facts
        .iter()
        .map(|f| AuditFact {
            key: f.key.clone(),
            value: f.value,
            stated: f.stated.clone(),
            sentence: f.sentence.clone(),
            finding: to_audit_diag(&f.diagnostic),
        })
        .collect();
    let mut a = Audit {
        format: FORMAT.into(),
        version: VERSION,
        generated: cx.generated,
        platform: cx.platform,
        messages: cx.messages,
        shard: Some(shard),
        summary: AuditSummary::default(),
        score: 0,
        files,
        fix_first: Vec::new(),
        circulating: Vec::new(),
        diagnostics: raw.diagnostics.iter().map(to_audit_diag).collect(),
        facts,
        compare: None,
    };
    tally(&mut a);
    a
}

/// The cross-file steps, then the model: `cross-asset-conflict` over every file's facts,
/// site chrome folded, findings sorted and capped per file, counts, circulating problems.
pub fn finalize(raw: Raw, cx: Context, cap: Option<usize>) -> Audit {
    let mut facts = raw.facts;
    // The same order whatever the shards were: by path, then by position in the file.
    facts.sort_by(|a, b| a.diagnostic.path.cmp(&b.diagnostic.path));
    let mut report = Report {
        files: raw.files,
        diagnostics: raw.diagnostics,
    };
    report
        .diagnostics
        .extend(crate::rules::compare_facts(facts));
    crate::diagnostic::make_unique(&mut report.diagnostics);
    // A file's score counts every finding about it, its cross-asset conflicts too (before
    // repeated site chrome is folded, as `check` scores it).
    let conflicted: BTreeSet<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule == "cross-asset-conflict")
        .map(|d| d.path.clone())
        .collect();
    let rescored: HashMap<String, u32> = report
        .files
        .iter()
        .filter(|f| f.unreadable.is_none() && conflicted.contains(&f.path))
        .map(|f| {
            let mine: Vec<Diagnostic> = report
                .diagnostics
                .iter()
                .filter(|d| d.path == f.path)
                .cloned()
                .collect();
            (f.path.clone(), crate::report::score(&mine, &f.omitted))
        })
        .collect();
    for f in &mut report.files {
        if let Some(s) = rescored.get(&f.path) {
            f.score = *s;
        }
    }
    let coverage: HashMap<String, Option<Vec<bool>>> = report
        .files
        .iter()
        .map(|f| f.path.clone())
        .zip(raw.coverage)
        .collect();
    // Chrome is reported on its first page: first in path order, whatever the shards.
    report.sort();
    report.fold_chrome();
    if let Some(cap) = cap {
        report.cap(cap);
    }
    let files = report
        .files
        .iter()
        .map(|f| audit_file(f, coverage.get(&f.path).cloned().flatten()))
        .collect();
    let mut a = Audit {
        format: FORMAT.into(),
        version: VERSION,
        generated: cx.generated,
        platform: cx.platform,
        messages: cx.messages,
        shard: None,
        summary: AuditSummary::default(),
        score: 0,
        files,
        fix_first: Vec::new(),
        circulating: circulating(&report.diagnostics),
        diagnostics: report.diagnostics.iter().map(to_audit_diag).collect(),
        facts: Vec::new(),
        compare: None,
    };
    tally(&mut a);
    a
}

/// Per-file finding counts (listed + omitted), the summary and the library score.
fn tally(a: &mut Audit) {
    let mut per: HashMap<&str, Counts> = HashMap::new();
    for d in &a.diagnostics {
        if let Some(s) = Severity::parse(&d.severity) {
            per.entry(d.path.as_str()).or_default().add(s);
        }
    }
    let mut s = AuditSummary {
        files: a.files.len(),
        ..AuditSummary::default()
    };
    let mut per_file: Vec<(usize, usize, usize)> = Vec::with_capacity(a.files.len());
    for f in &a.files {
        let c = per.get(f.path.as_str()).copied().unwrap_or_default();
        per_file.push((
            c.errors + f.omitted.errors,
            c.warnings + f.omitted.warnings,
            c.infos + f.omitted.infos,
        ));
    }
    // Findings of paths that are not files of this audit (none in practice) still count.
    let listed_paths: BTreeSet<&str> = a.files.iter().map(|f| f.path.as_str()).collect();
    for (p, c) in &per {
        if !listed_paths.contains(p) {
            s.errors += c.errors;
            s.warnings += c.warnings;
            s.infos += c.infos;
        }
    }
    for (f, (e, w, i)) in a.files.iter_mut().zip(per_file) {
        f.errors = e;
        f.warnings = w;
        f.infos = i;
        s.errors += e;
        s.warnings += w;
        s.infos += i;
        s.omitted += f.omitted.errors + f.omitted.warnings + f.omitted.infos;
        s.unreadable += usize::from(f.unreadable.is_some());
    }
    a.summary = s;
    let total: u64 = a.files.iter().map(|f| u64::from(f.score)).sum();
    let n = a.files.len() as u64;
    a.score = (total + n / 2).checked_div(n).map_or(100, |s| s as u32);
    a.fix_first = fix_first(a);
}

/// What a circulating problem's rule is called in the report.
pub fn circulating_kind(rule: &str) -> Option<&'static str> {
    Some(match rule {
        "claim-mismatch" => "stale number",
        "retired-term" => "retired name",
        "brand-name" => "misspelt brand",
        "unsupported-superlative" => "unapproved superlative",
        "message-drift" => "drifted statement",
        _ => return None,
    })
}

fn circulating(diags: &[Diagnostic]) -> Vec<Circulating> {
    let mut groups: BTreeMap<(&str, String), Circulating> = BTreeMap::new();
    for d in diags {
        let Some(what) = circulating_kind(d.rule) else {
            continue;
        };
        let key = (d.rule, fold(&d.matched).text.to_lowercase());
        let c = groups.entry(key).or_insert_with(|| Circulating {
            rule: d.rule.to_owned(),
            what: what.to_owned(),
            text: d.matched.clone(),
            approved: d.suggestion.clone(),
            findings: 0,
            files: Vec::new(),
        });
        c.findings += 1;
        if c.files.last() != Some(&d.path) && !c.files.contains(&d.path) {
            c.files.push(d.path.clone());
        }
    }
    let mut out: Vec<Circulating> = groups.into_values().collect();
    out.sort_by(|a, b| {
        (b.files.len(), b.findings)
            .cmp(&(a.files.len(), a.findings))
            .then_with(|| (&a.rule, &a.text).cmp(&(&b.rule, &b.text)))
    });
    out
}

/// How much a severity weighs in `fix_first` (the score's cost per finding).
fn severity_weight(s: &str) -> f64 {
    match s {
        "error" => 10.0,
        "warning" => 3.0,
        _ => 1.0,
    }
}

fn confidence_weight(c: &str) -> f64 {
    match c {
        "high" => 1.0,
        "medium" => 0.6,
        _ => 0.3,
    }
}

fn quote_short(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > 60 {
        let cut: String = s.chars().take(57).collect();
        format!("“{}…”", cut.trim_end())
    } else {
        format!("“{s}”")
    }
}

/// The action that fixes a group of findings, in words (without "in N assets").
fn action_words(d: &AuditDiag) -> String {
    let text = quote_short(&d.matched);
    let approved = d.suggestion.as_deref().map(quote_short);
    match (d.rule.as_str(), approved) {
        ("missing-message", _) => {
            let what = d
                .help
                .as_deref()
                .and_then(|h| h.split(": ").nth(1))
                .unwrap_or("the required messages");
            format!("State {what}")
        }
        ("claim-mismatch", Some(a)) => format!("Update {text} to the approved claim {a}"),
        ("message-drift" | "boilerplate-drift", Some(a)) => {
            format!("Use the approved wording {a} instead of {text}")
        }
        ("cross-asset-conflict", _) => format!("Make {text} agree with the other assets"),
        ("unsupported-superlative", _) => format!("Remove or source the superlative {text}"),
        ("competitor-mention", _) => format!("Remove the competitor {text}"),
        ("withdrawn-reference", _) => format!("Remove the withdrawn reference {text}"),
        ("off-icp", _) => format!("Reword {text}: outside the ideal customer profile"),
        (_, Some(a)) => format!("Replace {text} with {a}"),
        (_, None) => format!("Fix {text}: {}", d.message),
    }
}

/// The 3–7 actions with the most effect: findings grouped by rule, text and approved
/// wording; ranked by assets × severity × confidence, then by the score they would win.
fn fix_first(a: &Audit) -> Vec<FixAction> {
    struct Group<'a> {
        first: &'a AuditDiag,
        severity: &'a str,
        confidence: &'a str,
        findings: usize,
        /// Per file: (errors, warnings, infos) this action removes.
        files: Vec<(&'a str, [usize; 3])>,
    }
    let mut groups: BTreeMap<(String, String, String), Group> = BTreeMap::new();
    for d in &a.diagnostics {
        let key = match d.rule.as_str() {
            "unreadable" => String::new(),
            "missing-message" => d.help.clone().unwrap_or_default(),
            _ => fold(&d.matched).text.to_lowercase(),
        };
        let g = groups
            .entry((
                d.rule.clone(),
                key,
                d.suggestion.clone().unwrap_or_default(),
            ))
            .or_insert_with(|| Group {
                first: d,
                severity: &d.severity,
                confidence: &d.confidence,
                findings: 0,
                files: Vec::new(),
            });
        g.findings += 1;
        if severity_weight(&d.severity) > severity_weight(g.severity) {
            g.severity = &d.severity;
        }
        if confidence_weight(&d.confidence) > confidence_weight(g.confidence) {
            g.confidence = &d.confidence;
        }
        let slot = match d.severity.as_str() {
            "error" => 0,
            "warning" => 1,
            _ => 2,
        };
        match g.files.last_mut() {
            Some((p, c)) if *p == d.path => c[slot] += 1,
            _ => match g.files.iter_mut().find(|(p, _)| *p == d.path) {
                Some((_, c)) => c[slot] += 1,
                None => {
                    let mut c = [0; 3];
                    c[slot] = 1;
                    g.files.push((&d.path, c));
                }
            },
        }
    }
    let by_path: HashMap<&str, &AuditFile> = a.files.iter().map(|f| (f.path.as_str(), f)).collect();
    let cost = |e: usize, w: usize, i: usize| (e * 10 + w * 3 + i).min(100) as f64;
    let n = a.files.len().max(1) as f64;
    let mut out: Vec<FixAction> = groups
        .into_values()
        .map(|g| {
            let gain: f64 = g
                .files
                .iter()
                .filter_map(|(p, c)| {
                    let f = by_path.get(p)?;
                    if f.unreadable.is_some() {
                        return None;
                    }
                    let before = cost(f.errors, f.warnings, f.infos);
                    let after = cost(
                        f.errors.saturating_sub(c[0]),
                        f.warnings.saturating_sub(c[1]),
                        f.infos.saturating_sub(c[2]),
                    );
                    Some(before - after)
                })
                .sum::<f64>()
                / n;
            let assets = g.files.len();
            let weight =
                assets as f64 * severity_weight(g.severity) * confidence_weight(g.confidence);
            let action = if g.first.rule == "unreadable" {
                format!(
                    "Open and save again the {} that cannot be read",
                    if assets == 1 {
                        "file".to_owned()
                    } else {
                        format!("{assets} files")
                    }
                )
            } else {
                format!(
                    "{} in {assets} {}",
                    action_words(g.first),
                    if assets == 1 { "asset" } else { "assets" }
                )
            };
            FixAction {
                action,
                rule: g.first.rule.clone(),
                severity: g.severity.to_owned(),
                confidence: g.confidence.to_owned(),
                text: g.first.matched.clone(),
                replacement: g.first.suggestion.clone(),
                assets,
                findings: g.findings,
                weight: (weight * 10.0).round() / 10.0,
                score_gain: (gain * 10.0).round() / 10.0,
                files: g.files.iter().map(|(p, _)| (*p).to_owned()).collect(),
                first: g.first.fingerprint.clone(),
            }
        })
        .collect();
    out.sort_by(|x, y| {
        y.weight
            .total_cmp(&x.weight)
            .then(y.score_gain.total_cmp(&x.score_gain))
            .then(y.findings.cmp(&x.findings))
            .then_with(|| x.action.cmp(&y.action))
    });
    out.truncate(7);
    out
}

// ------------------------------------------------------------------ reading, merging

/// Reads an audit JSON file (`--format json`), checking its format and version.
pub fn read_audit(path: &Path) -> Result<Audit, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let head: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: not JSON: {e}", path.display()))?;
    if head.get("format").and_then(|v| v.as_str()) != Some(FORMAT) {
        return Err(format!(
            "{}: not an audit file (write one with `msglint audit --format json`)",
            path.display()
        ));
    }
    let version = head.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
    if version != u64::from(VERSION) {
        return Err(format!(
            "{}: audit format version {version}; this msglint reads version {VERSION}",
            path.display()
        ));
    }
    serde_json::from_value(head).map_err(|e| format!("{}: {e}", path.display()))
}

/// Joins raw shards (`audit --shard I/N --format json`) and finalizes them as one run.
pub fn merge(paths: &[PathBuf], cap: Option<usize>) -> Result<Audit, String> {
    let mut shards = Vec::new();
    for p in paths {
        let a = read_audit(p)?;
        let Some(s) = a.shard else {
            return Err(format!(
                "{}: not a shard (write shards with `msglint audit --shard I/N --format json`)",
                p.display()
            ));
        };
        shards.push((p, s, a));
    }
    let Some((first_path, first, head)) = shards.first() else {
        return Err("--merge needs shard files".into());
    };
    let count = first.count;
    let mut seen = BTreeSet::new();
    for (p, s, a) in &shards {
        if s.count != count {
            return Err(format!(
                "{}: shard {}/{} does not belong with {} (of {count})",
                p.display(),
                s.index,
                s.count,
                first_path.display()
            ));
        }
        if a.messages != head.messages || a.platform.company != head.platform.company {
            return Err(format!(
                "{}: audited against a different platform than {}",
                p.display(),
                first_path.display()
            ));
        }
        if !seen.insert(s.index) {
            return Err(format!("shard {}/{count} given twice", s.index));
        }
    }
    let missing: Vec<String> = (1..=count)
        .filter(|i| !seen.contains(i))
        .map(|i| format!("{i}/{count}"))
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "missing shard{} {}: a merged report must cover every shard",
            if missing.len() == 1 { "" } else { "s" },
            missing.join(", ")
        ));
    }
    let cx = Context {
        generated: shards
            .iter()
            .map(|(_, _, a)| a.generated.clone())
            .max()
            .unwrap_or_default(),
        platform: head.platform.clone(),
        messages: head.messages.clone(),
    };
    let mut raw = Raw {
        files: Vec::new(),
        diagnostics: Vec::new(),
        facts: Vec::new(),
        coverage: Vec::new(),
    };
    let mut paths_seen = BTreeSet::new();
    let mut owners = HashMap::new();
    for (p, _, a) in &shards {
        let bad = |e: String| format!("{}: {e}", p.display());
        for f in &a.files {
            if !paths_seen.insert(f.path.clone()) {
                return Err(bad(format!("{} is in two shards", f.path)));
            }
            raw.files.push(FileReport {
                path: f.path.clone(),
                kind: kind_static(&f.kind),
                score: f.score,
                unreadable: f.unreadable.clone(),
                omitted: Counts {
                    errors: f.omitted.errors,
                    warnings: f.omitted.warnings,
                    infos: f.omitted.infos,
                },
            });
            raw.coverage.push(f.coverage.clone());
            if let Some(o) = &f.owner {
                owners.insert(f.path.clone(), o.clone());
            }
        }
        for d in &a.diagnostics {
            raw.diagnostics.push(from_audit_diag(d).map_err(bad)?);
        }
        for f in &a.facts {
            raw.facts.push(Fact {
                key: f.key.clone(),
                value: f.value,
                stated: f.stated.clone(),
                sentence: f.sentence.clone(),
                diagnostic: from_audit_diag(&f.finding).map_err(bad)?,
            });
        }
    }
    let mut audit = finalize(raw, cx, cap);
    set_owners(&mut audit, &owners);
    Ok(audit)
}

// ------------------------------------------------------------------ trends

fn trend_finding(d: &AuditDiag, kinds: &HashMap<&str, &str>) -> TrendFinding {
    let kind = kinds.get(d.path.as_str()).copied().unwrap_or("");
    let plain = d
        .excerpt
        .as_ref()
        .map(|e| plain::excerpt(&e.text, e.start, e.end, kind))
        .unwrap_or_default();
    TrendFinding {
        fingerprint: d.fingerprint.clone(),
        rule: d.rule.clone(),
        severity: d.severity.clone(),
        path: d.path.clone(),
        matched: d.matched.clone(),
        message: d.message.clone(),
        text: format!("{}{}{}", plain.before, plain.matched, plain.after),
        place: place_words(d, plain.scope.as_deref()),
    }
}

/// Where a finding is, in words.
pub fn place_words(d: &AuditDiag, scope: Option<&str>) -> String {
    let l = &d.location;
    plain::place(
        l.slide,
        l.notes,
        l.page,
        l.page_line,
        l.paragraph,
        l.shape.as_deref(),
        l.line,
        scope,
    )
}

/// How alike two sentences are, 0 to 1 (word by word).
fn likeness(a: &str, b: &str) -> f32 {
    similar::TextDiff::from_words(a, b).ratio()
}

/// Pairs fixed and new findings that are one finding whose sentence was edited: first the
/// same rule and folded text in the same file, then the same rule in a sentence at least
/// 60 % alike. Returns (changed, new left, fixed left).
fn pair_changed(
    new: Vec<TrendFinding>,
    fixed: Vec<TrendFinding>,
) -> (Vec<TrendChange>, Vec<TrendFinding>, Vec<TrendFinding>) {
    let mut fixed: Vec<Option<TrendFinding>> = fixed.into_iter().map(Some).collect();
    let mut changed = Vec::new();
    let mut left = Vec::new();
    let key = |t: &TrendFinding| {
        (
            t.path.clone(),
            t.rule.clone(),
            fold(&t.matched).text.to_lowercase(),
        )
    };
    let mut by_key: HashMap<(String, String, String), Vec<usize>> = HashMap::new();
    for (i, f) in fixed.iter().enumerate() {
        if let Some(f) = f {
            by_key.entry(key(f)).or_default().push(i);
        }
    }
    let mut unmatched = Vec::new();
    for n in new {
        let slot = by_key.get_mut(&key(&n)).and_then(|v| {
            // The closest sentence among the candidates.
            let best = v
                .iter()
                .enumerate()
                .filter(|(_, i)| fixed[**i].is_some())
                .max_by(|(_, x), (_, y)| {
                    let lx = fixed[**x]
                        .as_ref()
                        .map_or(0.0, |f| likeness(&f.text, &n.text));
                    let ly = fixed[**y]
                        .as_ref()
                        .map_or(0.0, |f| likeness(&f.text, &n.text));
                    lx.total_cmp(&ly)
                })
                .map(|(j, _)| j)?;
            Some(v.remove(best))
        });
        match slot.and_then(|i| fixed[i].take()) {
            Some(before) => changed.push(TrendChange { before, after: n }),
            None => unmatched.push(n),
        }
    }
    for n in unmatched {
        let best = fixed
            .iter()
            .enumerate()
            .filter_map(|(i, f)| {
                let f = f.as_ref()?;
                (f.path == n.path && f.rule == n.rule && !n.text.is_empty())
                    .then(|| (i, likeness(&f.text, &n.text)))
            })
            .filter(|(_, l)| *l >= 0.6)
            .max_by(|x, y| x.1.total_cmp(&y.1));
        match best.and_then(|(i, _)| fixed[i].take()) {
            Some(before) => changed.push(TrendChange { before, after: n }),
            None => left.push(n),
        }
    }
    (changed, left, fixed.into_iter().flatten().collect())
}

/// What changed from `prev` to `now`.
pub fn trend(prev: &Audit, now: &Audit) -> Trend {
    let before: BTreeSet<&str> = prev
        .diagnostics
        .iter()
        .map(|d| d.fingerprint.as_str())
        .collect();
    let after: BTreeSet<&str> = now
        .diagnostics
        .iter()
        .map(|d| d.fingerprint.as_str())
        .collect();
    let mut kinds: HashMap<&str, &str> = prev
        .files
        .iter()
        .map(|f| (f.path.as_str(), f.kind.as_str()))
        .collect();
    kinds.extend(now.files.iter().map(|f| (f.path.as_str(), f.kind.as_str())));
    let new: Vec<TrendFinding> = now
        .diagnostics
        .iter()
        .filter(|d| !before.contains(d.fingerprint.as_str()))
        .map(|d| trend_finding(d, &kinds))
        .collect();
    let now_paths: BTreeSet<&str> = now.files.iter().map(|f| f.path.as_str()).collect();
    let (fixed, gone): (Vec<&AuditDiag>, Vec<&AuditDiag>) = prev
        .diagnostics
        .iter()
        .filter(|d| !after.contains(d.fingerprint.as_str()))
        .partition(|d| now_paths.contains(d.path.as_str()));
    let fixed: Vec<TrendFinding> = fixed
        .into_iter()
        .map(|d| trend_finding(d, &kinds))
        .collect();
    let (changed, new, fixed) = pair_changed(new, fixed);
    let still_open = now
        .diagnostics
        .iter()
        .filter(|d| before.contains(d.fingerprint.as_str()))
        .count();
    let old_files: BTreeMap<&str, &AuditFile> =
        prev.files.iter().map(|f| (f.path.as_str(), f)).collect();
    let new_files: BTreeMap<&str, &AuditFile> =
        now.files.iter().map(|f| (f.path.as_str(), f)).collect();
    let files_added = new_files
        .keys()
        .filter(|p| !old_files.contains_key(*p))
        .map(|p| (*p).to_owned())
        .collect();
    let files_removed = old_files
        .keys()
        .filter(|p| !new_files.contains_key(*p))
        .map(|p| (*p).to_owned())
        .collect();
    let count = |list: &[TrendFinding], path: &str| list.iter().filter(|t| t.path == path).count();
    let files_changed = new_files
        .iter()
        .filter_map(|(p, f)| {
            let o = old_files.get(p)?;
            let (n, x) = (count(&new, p), count(&fixed, p));
            (o.score != f.score || n > 0 || x > 0).then(|| FileTrend {
                path: (*p).to_owned(),
                score_before: o.score,
                score: f.score,
                new: n,
                fixed: x,
            })
        })
        .collect();
    let covered = |a: &Audit, id: &str| -> Option<(usize, usize)> {
        let i = a.messages.iter().position(|m| m.id == id)?;
        let readable: Vec<&Vec<bool>> =
            a.files.iter().filter_map(|f| f.coverage.as_ref()).collect();
        Some((
            readable
                .iter()
                .filter(|c| c.get(i).copied().unwrap_or(false))
                .count(),
            readable.len(),
        ))
    };
    let coverage = now
        .messages
        .iter()
        .map(|m| {
            let (after, after_of) = covered(now, &m.id).unwrap_or((0, 0));
            let b = covered(prev, &m.id);
            CoverageTrend {
                id: m.id.clone(),
                before: b.map(|b| b.0),
                before_of: b.map_or(0, |b| b.1),
                after,
                after_of,
            }
        })
        .collect();
    Trend {
        previous_generated: prev.generated.clone(),
        previous_score: prev.score,
        score: now.score,
        new,
        fixed,
        changed,
        still_open,
        removed_with_assets: gone.len(),
        files_added,
        files_removed,
        files_changed,
        coverage,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_dates() {
        assert_eq!(utc(0, true), "1970-01-01 00:00 UTC");
        assert_eq!(utc(1_795_940_700, true), "2026-11-29 08:25 UTC");
        assert_eq!(utc(951_782_400, false), "2000-02-29");
    }

    #[test]
    fn shards_split_every_path_once() {
        let shards: Vec<crate::cli::Shard> = (1..=3)
            .map(|i| format!("{i}/3").parse().expect("shard"))
            .collect();
        for n in 0..500 {
            let p = format!("dir/file-{n}.md");
            assert_eq!(shards.iter().filter(|s| s.contains(&p)).count(), 1, "{p}");
        }
        assert!(shards[0].contains("a/b.md") == shards[0].contains("./a/b.md"));
        assert!("0/3".parse::<crate::cli::Shard>().is_err());
        assert!("4/3".parse::<crate::cli::Shard>().is_err());
        assert!("1/0".parse::<crate::cli::Shard>().is_err());
    }
}
