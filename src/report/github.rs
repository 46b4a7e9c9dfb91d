//! `--format github`: GitHub Actions workflow commands, one annotation per finding
//! (`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`), escaped as the
//! Actions toolkit escapes them.

use super::Report;
use crate::diagnostic::Severity;
use std::io::Write;

/// `%`, CR and LF in a message.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Also `:` and `,` in a property value.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn emit(report: &Report, w: &mut dyn Write) -> std::io::Result<()> {
    for d in &report.diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut props = format!(
            "file={},line={},col={}",
            escape_property(&d.path),
            d.location.line,
            d.location.column
        );
        if let Some((l, c)) = d.location.end {
            props.push_str(&format!(",endLine={l},endColumn={c}"));
        }
        props.push_str(&format!(
            ",title={}",
            escape_property(&format!("msglint ({})", d.rule))
        ));
        let mut msg = super::with_place(d).into_owned();
        if let Some(h) = &d.help {
            msg.push_str(&format!("\nhelp: {h}"));
        }
        writeln!(w, "::{command} {props}::{}", escape_data(&msg))?;
    }
    Ok(())
}
