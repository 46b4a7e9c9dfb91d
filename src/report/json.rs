//! `--format json`: one JSON document, the shape documented in `docs/report-json.md`.

use super::Report;
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    kind: &'a str,
    score: u32,
}

#[derive(Serialize)]
struct JsonDiag<'a> {
    rule: &'a str,
    severity: &'a str,
    confidence: &'a str,
    path: &'a str,
    location: &'a crate::diagnostic::Location,
    matched: &'a str,
    message: &'a str,
    suggestion: Option<&'a str>,
    platform_ref: Option<&'a str>,
    fingerprint: &'a str,
    /// Other locations (`cross-asset-conflict`); absent when empty.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    related: &'a [crate::diagnostic::Related],
}

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    summary: super::Summary,
    files: Vec<JsonFile<'a>>,
    diagnostics: Vec<JsonDiag<'a>>,
}

pub fn emit(report: &Report, w: &mut dyn Write) -> std::io::Result<()> {
    let doc = JsonReport {
        version: 1,
        summary: report.summary(),
        files: report
            .files
            .iter()
            .map(|f| JsonFile {
                path: &f.path,
                kind: f.kind,
                score: f.score,
            })
            .collect(),
        diagnostics: report
            .diagnostics
            .iter()
            .map(|d| JsonDiag {
                rule: d.rule,
                severity: d.severity.as_str(),
                confidence: d.confidence.as_str(),
                path: &d.path,
                location: &d.location,
                matched: &d.matched,
                message: &d.message,
                suggestion: d.suggestion.as_deref(),
                platform_ref: d.platform_ref.as_deref(),
                fingerprint: &d.fingerprint,
                related: &d.related,
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *w, &doc)?;
    writeln!(w)
}
