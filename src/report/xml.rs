//! `--format junit` (one testsuite per file, one failing testcase per finding) and
//! `--format checkstyle`: small XML documents written by hand with escaping (attribute
//! values keep newlines and tabs as character references).

use super::Report;
use crate::diagnostic::Severity;
use std::collections::BTreeMap;
use std::io::Write;

/// Escape text content: the five XML specials; characters XML 1.0 cannot carry (control
/// characters but tab, newline and carriage return; U+FFFE, U+FFFF) become U+FFFD.
pub fn escape(s: &str) -> String {
    escape_with(s, false)
}

/// Escape an attribute value: as [`escape`], and newlines, carriage returns and tabs as
/// character references, which attribute-value normalisation would otherwise turn into
/// spaces.
pub fn escape_attr(s: &str) -> String {
    escape_with(s, true)
}

fn escape_with(s: &str, attr: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' if attr => out.push_str("&#10;"),
            '\r' if attr => out.push_str("&#13;"),
            '\t' if attr => out.push_str("&#9;"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 cannot carry most control characters, nor U+FFFE and U+FFFF, even
            // escaped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{FFFD}'),
            '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

fn by_file(report: &Report) -> BTreeMap<&str, Vec<&crate::diagnostic::Diagnostic>> {
    let mut m: BTreeMap<&str, Vec<_>> = report
        .files
        .iter()
        .map(|f| (f.path.as_str(), Vec::new()))
        .collect();
    for d in &report.diagnostics {
        m.entry(d.path.as_str()).or_default().push(d);
    }
    m
}

pub fn junit(report: &Report, w: &mut dyn Write) -> std::io::Result<()> {
    let files = by_file(report);
    let total: usize = files.values().map(|d| d.len().max(1)).sum();
    let failures = report.diagnostics.len();
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<testsuites name="msglint" tests="{total}" failures="{failures}" errors="0">"#
    )?;
    for (path, diags) in files {
        writeln!(
            w,
            r#"  <testsuite name="{}" tests="{}" failures="{}" errors="0">"#,
            escape_attr(path),
            diags.len().max(1),
            diags.len()
        )?;
        if diags.is_empty() {
            writeln!(
                w,
                r#"    <testcase name="no drift" classname="{}"/>"#,
                escape_attr(path)
            )?;
        }
        for d in diags {
            let mut name = format!(
                "{}:{}:{} {}",
                path, d.location.line, d.location.column, d.rule
            );
            if let Some(w) = super::within(d) {
                name.push_str(&format!(" ({w})"));
            }
            let message = super::with_place(d);
            writeln!(
                w,
                r#"    <testcase name="{}" classname="{}">"#,
                escape_attr(&name),
                escape_attr(path)
            )?;
            let mut body = message.clone().into_owned();
            if let Some(h) = &d.help {
                body.push_str(&format!("\nhelp: {h}"));
            }
            writeln!(
                w,
                r#"      <failure message="{}" type="{}">{}</failure>"#,
                escape_attr(&message),
                d.rule,
                escape(&body)
            )?;
            writeln!(w, "    </testcase>")?;
        }
        writeln!(w, "  </testsuite>")?;
    }
    writeln!(w, "</testsuites>")
}

pub fn checkstyle(report: &Report, w: &mut dyn Write) -> std::io::Result<()> {
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(w, r#"<checkstyle version="4.3">"#)?;
    for (path, diags) in by_file(report) {
        writeln!(w, r#"  <file name="{}">"#, escape_attr(path))?;
        for d in diags {
            let sev = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "info",
            };
            writeln!(
                w,
                r#"    <error line="{}" column="{}" severity="{sev}" message="{}" source="msglint.{}"/>"#,
                d.location.line,
                d.location.column,
                escape_attr(&super::with_place(d)),
                d.rule
            )?;
        }
        writeln!(w, "  </file>")?;
    }
    writeln!(w, "</checkstyle>")
}
