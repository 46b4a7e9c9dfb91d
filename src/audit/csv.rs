//! `msglint audit --format csv`: one row per finding with every location field (RFC 4180,
//! UTF-8 with a BOM so spreadsheets read accents), and the coverage matrix in a second file,
//! `NAME.coverage.csv` beside `NAME.csv`; both carry each asset's owner. A cell that a spreadsheet would run as a formula
//! (starting with `=`, `+`, `-`, `@`, tab or carriage return) is prefixed with `'`.

use super::Audit;
use std::io::Write;
use std::path::{Path, PathBuf};

fn cell(s: &str) -> String {
    let guarded = match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_owned(),
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn row(w: &mut dyn Write, cells: &[String]) -> std::io::Result<()> {
    let line: Vec<String> = cells.iter().map(|c| cell(c)).collect();
    write!(w, "{}\r\n", line.join(","))
}

pub const FINDING_COLUMNS: [&str; 22] = [
    "path",
    "kind",
    "owner",
    "rule",
    "severity",
    "line",
    "column",
    "end_line",
    "end_column",
    "slide",
    "notes",
    "shape",
    "paragraph",
    "page",
    "page_line",
    "matched",
    "message",
    "suggestion",
    "help",
    "platform_ref",
    "related",
    "fingerprint",
];

/// One row per finding.
pub fn findings(a: &Audit, w: &mut dyn Write) -> std::io::Result<()> {
    w.write_all("\u{feff}".as_bytes())?;
    row(w, &FINDING_COLUMNS.map(str::to_owned))?;
    let files: std::collections::HashMap<&str, &super::AuditFile> =
        a.files.iter().map(|f| (f.path.as_str(), f)).collect();
    for d in &a.diagnostics {
        let l = &d.location;
        let related: Vec<String> = d
            .related
            .iter()
            .map(|r| format!("{}:{}:{}", r.path, r.line, r.column))
            .collect();
        row(
            w,
            &[
                d.path.clone(),
                files
                    .get(d.path.as_str())
                    .map_or("", |f| f.kind.as_str())
                    .to_owned(),
                files
                    .get(d.path.as_str())
                    .and_then(|f| f.owner.clone())
                    .unwrap_or_default(),
                d.rule.clone(),
                d.severity.clone(),
                l.line.to_string(),
                l.column.to_string(),
                opt(l.end_line),
                opt(l.end_column),
                opt(l.slide),
                opt(l.notes),
                l.shape.clone().unwrap_or_default(),
                opt(l.paragraph),
                opt(l.page),
                opt(l.page_line),
                d.matched.clone(),
                d.message.clone(),
                d.suggestion.clone().unwrap_or_default(),
                d.help.clone().unwrap_or_default(),
                d.platform_ref.clone().unwrap_or_default(),
                related.join("; "),
                d.fingerprint.clone(),
            ],
        )?;
    }
    Ok(())
}

/// `audit.csv` → `audit.coverage.csv`.
pub fn coverage_path(findings: &Path) -> PathBuf {
    let stem = findings
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "msglint-audit".into());
    findings.with_file_name(format!("{stem}.coverage.csv"))
}

/// The coverage matrix: one row per asset (1 states the message, 0 does not, empty for an
/// unreadable file), then a `TOTAL` row counting the assets that state each message.
pub fn coverage(a: &Audit, w: &mut dyn Write) -> std::io::Result<()> {
    w.write_all("\u{feff}".as_bytes())?;
    let mut head = vec![
        "path".to_owned(),
        "kind".to_owned(),
        "owner".to_owned(),
        "score".to_owned(),
    ];
    head.extend(a.messages.iter().map(|m| m.id.clone()));
    row(w, &head)?;
    let mut totals = vec![0usize; a.messages.len()];
    for f in &a.files {
        let mut r = vec![
            f.path.clone(),
            f.kind.clone(),
            f.owner.clone().unwrap_or_default(),
            f.score.to_string(),
        ];
        for (i, t) in totals.iter_mut().enumerate() {
            r.push(match &f.coverage {
                Some(c) if c.get(i).copied().unwrap_or(false) => {
                    *t += 1;
                    "1".into()
                }
                Some(_) => "0".into(),
                None => String::new(),
            });
        }
        row(w, &r)?;
    }
    let readable = a.files.iter().filter(|f| f.coverage.is_some()).count();
    let mut r = vec![
        "TOTAL".to_owned(),
        format!("{readable} readable assets"),
        String::new(),
        a.score.to_string(),
    ];
    r.extend(totals.iter().map(usize::to_string));
    row(w, &r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_formulas_defused() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("-5%"), "'-5%");
        assert_eq!(
            coverage_path(Path::new("out/a.csv")),
            PathBuf::from("out/a.coverage.csv")
        );
    }
}
