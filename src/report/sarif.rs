//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other consumers.
//!
//! One run, `tool.driver.rules` from the rule registry (id, short and full description from
//! the rule docs, default level, help), one result per finding with a region in character
//! columns, `partialFingerprints`, `fixes` for safe replacements, and for decks and PDFs a
//! logical location naming the slide or page (their region refers to `msglint extract`).
//! Artifact URIs are percent-encoded: relative to `%SRCROOT%` (the current directory, given
//! in `originalUriBaseIds`) for files under it, absolute `file://` URIs for the others.

use super::Report;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::RULES;
use serde_json::{Value, json};
use std::io::Write;
use std::path::{Component, Path, PathBuf};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The first paragraph of a rule doc after its title and severity line.
pub fn doc_summary(doc: &str) -> String {
    doc.split("\n\n")
        .map(str::trim)
        .find(|p| !p.is_empty() && !p.starts_with('#') && !p.starts_with("**Default severity"))
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Percent-encode a path for a URI (RFC 3986): unreserved characters and `/` are kept,
/// every other byte of its UTF-8 form becomes `%XX`.
pub fn percent_encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A `file://` URI for an absolute path (`C:\\x` becomes `file:///C:/x`).
fn file_uri(abs: &Path) -> String {
    let s = abs.to_string_lossy().replace('\\', "/");
    let s = if s.starts_with('/') {
        s
    } else {
        format!("/{s}")
    };
    let mut enc = percent_encode_path(&s);
    // A Windows drive letter keeps its colon.
    let b = enc.as_bytes();
    if b.len() >= 5 && b[1].is_ascii_alphabetic() && &enc[2..5] == "%3A" {
        enc.replace_range(2..5, ":");
    }
    format!("file://{enc}")
}

fn slashed(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// Where the run's relative paths start: the current directory.
pub struct SrcRoot {
    dir: Option<PathBuf>,
}

impl SrcRoot {
    pub fn current() -> SrcRoot {
        SrcRoot {
            dir: std::env::current_dir().ok(),
        }
    }

    /// `%SRCROOT%` as a `file://` URI ending in `/`.
    fn uri(&self) -> Option<String> {
        let mut u = file_uri(self.dir.as_deref()?);
        if !u.ends_with('/') {
            u.push('/');
        }
        Some(u)
    }

    /// `path` relative to the current directory, when it is inside it.
    fn relative(&self, p: &Path) -> Option<String> {
        let base = self.dir.as_deref()?;
        let plain = !p.is_absolute() && !p.components().any(|c| c == Component::ParentDir);
        if plain {
            let s = slashed(p);
            return Some(s.strip_prefix("./").map(str::to_owned).unwrap_or(s));
        }
        if let Ok(rel) = p.strip_prefix(base) {
            return Some(slashed(rel));
        }
        // `../x`, or an absolute path through a symbolic link: compare real paths.
        let abs = std::fs::canonicalize(p).ok()?;
        let base = std::fs::canonicalize(base).ok()?;
        abs.strip_prefix(base).ok().map(slashed)
    }

    /// An `artifactLocation`: relative to `%SRCROOT%` when the file is inside the current
    /// directory, else an absolute `file://` URI.
    pub fn artifact_location(&self, path: &str) -> Value {
        let p = Path::new(path);
        if let Some(rel) = self.relative(p) {
            return json!({ "uri": percent_encode_path(&rel), "uriBaseId": "%SRCROOT%" });
        }
        let abs = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::fs::canonicalize(p)
                .unwrap_or_else(|_| self.dir.as_deref().unwrap_or(Path::new("/")).join(p))
        };
        json!({ "uri": file_uri(&abs) })
    }
}

fn region(d: &Diagnostic) -> Value {
    let (end_line, end_col) = d
        .location
        .end
        .unwrap_or((d.location.line, d.location.column + 1));
    let mut r = json!({
        "startLine": d.location.line,
        "startColumn": d.location.column,
        "endLine": end_line,
        "endColumn": end_col,
    });
    if !d.matched.is_empty() {
        r["snippet"] = json!({ "text": d.matched });
    }
    r
}

fn result(d: &Diagnostic, root: &SrcRoot) -> Value {
    let rule_index = RULES.iter().position(|r| r.id == d.rule).unwrap_or(0);
    let mut message = d.message.clone();
    if let Some(h) = &d.help {
        message.push_str(&format!(" ({h})"));
    }
    let mut res = json!({
        "ruleId": d.rule,
        "ruleIndex": rule_index,
        "level": level(d.severity),
        "rank": d.confidence.rank(),
        "message": { "text": message },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": root.artifact_location(&d.path),
                "region": region(d),
            }
        }],
        "partialFingerprints": { "msglintFingerprint/v2": d.fingerprint },
        "properties": { "confidence": d.confidence.as_str() },
    });
    let logical = if let Some(slide) = d.location.slide {
        Some((
            format!(
                "slide {slide}{}",
                d.location
                    .shape
                    .as_deref()
                    .map(|s| format!(" › {s}"))
                    .unwrap_or_default()
            ),
            "slide",
        ))
    } else {
        d.location.page.map(|page| (format!("page {page}"), "page"))
    };
    if let Some((name, kind)) = logical {
        res["locations"][0]["logicalLocations"] = json!([{ "name": name, "kind": kind }]);
    }
    if let Some(fix) = &d.fix {
        res["fixes"] = json!([{
            "description": { "text": format!("Replace with \"{}\"", fix.replacement) },
            "artifactChanges": [{
                "artifactLocation": root.artifact_location(&d.path),
                "replacements": [{
                    "deletedRegion": region(d),
                    "insertedContent": { "text": fix.replacement },
                }],
            }],
        }]);
    }
    res
}

pub fn document(report: &Report) -> Value {
    let root = SrcRoot::current();
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            let full = r.doc.map(doc_summary).unwrap_or_else(|| r.summary.to_owned());
            json!({
                "id": r.id,
                "name": r.id,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": full },
                "defaultConfiguration": { "level": level(r.default) },
                "help": { "text": r.doc.unwrap_or(r.summary), "markdown": r.doc.unwrap_or(r.summary) },
                // GitHub code scanning reads `precision` (and `problem.severity`).
                "properties": { "precision": r.confidence.as_str() },
            })
        })
        .collect();
    let mut doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "msglint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://github.com/msglint/msglint",
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": report.diagnostics.iter().map(|d| result(d, &root)).collect::<Vec<_>>(),
        }]
    });
    if let Some(uri) = root.uri() {
        doc["runs"][0]["originalUriBaseIds"] = json!({ "%SRCROOT%": { "uri": uri } });
    }
    doc
}

pub fn emit(report: &Report, w: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, &document(report))?;
    writeln!(w)
}
