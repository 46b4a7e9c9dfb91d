//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other consumers.
//!
//! One run, `tool.driver.rules` from the rule registry (id, short and full description from
//! the rule docs, default level, help), one result per finding with a region in character
//! columns, `partialFingerprints`, `fixes` for safe replacements, and for decks and PDFs a
//! logical location naming the slide or page (their region refers to `msglint extract`).

use super::Report;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::RULES;
use serde_json::{Value, json};
use std::io::Write;

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

fn result(d: &Diagnostic) -> Value {
    let rule_index = RULES.iter().position(|r| r.id == d.rule).unwrap_or(0);
    let mut message = d.message.clone();
    if let Some(h) = &d.help {
        message.push_str(&format!(" ({h})"));
    }
    let mut res = json!({
        "ruleId": d.rule,
        "ruleIndex": rule_index,
        "level": level(d.severity),
        "message": { "text": message },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": d.path },
                "region": region(d),
            }
        }],
        "partialFingerprints": { "msglintFingerprint/v1": d.fingerprint },
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
                "artifactLocation": { "uri": d.path },
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
            })
        })
        .collect();
    json!({
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
            "results": report.diagnostics.iter().map(result).collect::<Vec<_>>(),
        }]
    })
}

pub fn emit(report: &Report, w: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, &document(report))?;
    writeln!(w)
}
