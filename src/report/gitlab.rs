//! `--format gitlab`: GitLab Code Quality JSON (an array of issues with a unique
//! fingerprint each).

use super::Report;
use crate::diagnostic::Severity;
use serde_json::json;
use std::io::Write;

pub fn emit(report: &Report, w: &mut dyn Write) -> std::io::Result<()> {
    let issues: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| {
            json!({
                "type": "issue",
                "check_name": d.rule,
                // A deck's, PDF's or Word file's line is a line of `msglint extract`'s
                // text: the description leads with the slide or page.
                "description": super::with_place(d),
                "categories": ["Style"],
                "severity": match d.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                    Severity::Info => "info",
                },
                // Unique per finding and independent of how the path was typed, as the
                // msglint fingerprint is.
                "fingerprint": crate::diagnostic::fnv64(&["gitlab", &d.fingerprint]),
                "location": { "path": d.path, "lines": { "begin": d.location.line } },
            })
        })
        .collect();
    serde_json::to_writer_pretty(&mut *w, &issues)?;
    writeln!(w)
}
