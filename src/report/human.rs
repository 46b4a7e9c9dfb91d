//! `--format human`: rustc/ruff-style blocks rendered by annotate-snippets — header with rule
//! id, `--> path:line:col`, the source line with a caret under the match, `= help:` with the
//! approved wording — then one summary line. Colour only when asked (a terminal, no NO_COLOR).

use super::{Report, printable};
use crate::diagnostic::{Confidence, Diagnostic, Severity};
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use std::io::Write;

fn level(s: Severity) -> Level<'static> {
    match s {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

/// Where a finding is, as people say it: `deck.pptx › slide 7 › Title 1`, with `(notes)`
/// for speaker notes; the plain path for text formats.
pub fn place(d: &Diagnostic) -> String {
    let path = printable(&d.path);
    if super::key_path(d).is_some() {
        return path.into_owned();
    }
    match super::within(d) {
        Some(w) if w.starts_with('(') => format!("{path} {w}"),
        Some(w) => format!("{path} › {w}"),
        None => path.into_owned(),
    }
}

pub fn render_one(d: &Diagnostic, renderer: &Renderer) -> String {
    // Messages and help name other files (a conflict's other side) and quote the text.
    let message = printable(&d.message);
    let title = level(d.severity).primary_title(message.as_ref()).id(d.rule);
    let place = place(d);
    let mut group: Group = match &d.excerpt {
        Some(ex) if !ex.text.is_empty() && !ex.windowed => {
            let end = ex
                .range
                .end
                .max(ex.range.start + 1)
                .min(ex.text.len().max(1));
            title.element(
                Snippet::source(ex.text.as_str())
                    .path(place.as_str())
                    .line_start(ex.line_start as usize)
                    .annotation(AnnotationKind::Primary.span(ex.range.start..end)),
            )
        }
        other => {
            let origin = Origin::path(place.as_str())
                .line(d.location.line as usize)
                .char_column(d.location.column as usize);
            let g = title.element(origin);
            match other {
                Some(ex) if !ex.text.is_empty() => {
                    let context: String = ex.text.split_whitespace().collect::<Vec<_>>().join(" ");
                    g.element(Level::NOTE.message(format!("in: …{}…", printable(&context))))
                }
                _ => g,
            }
        }
    };
    let key;
    if let Some(k) = super::key_path(d) {
        key = format!("at `{}`", printable(k));
        group = group.element(Level::NOTE.message(key.as_str()));
    }
    if let Some(h) = &d.help {
        group = group.element(Level::HELP.message(printable(h)));
    }
    let confidence;
    if d.confidence != Confidence::High {
        confidence = format!("{} confidence", d.confidence.as_str());
        group = group.element(Level::NOTE.message(confidence.as_str()));
    }
    renderer.render(&[group])
}

pub fn emit(report: &Report, w: &mut dyn Write, color: bool) -> std::io::Result<()> {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for d in &report.diagnostics {
        writeln!(w, "{}\n", render_one(d, &renderer))?;
    }
    for f in report.files.iter().filter(|f| f.omitted.total() > 0) {
        writeln!(
            w,
            "… and {} in {} (not listed: --max-findings-per-file)\n",
            plural(f.omitted.total(), "more finding", "more findings"),
            printable(&f.path)
        )?;
    }
    writeln!(w, "{}", summary_line(report))
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn summary_line(report: &Report) -> String {
    let s = report.summary();
    let files = plural(s.files, "file", "files");
    let unreadable = if s.unreadable > 0 {
        format!(" ({} unreadable)", s.unreadable)
    } else {
        String::new()
    };
    let total = s.errors + s.warnings + s.infos;
    if total == 0 {
        return format!("No problems found in {files}{unreadable}.");
    }
    let mut parts = Vec::new();
    if s.errors > 0 {
        parts.push(plural(s.errors, "error", "errors"));
    }
    if s.warnings > 0 {
        parts.push(plural(s.warnings, "warning", "warnings"));
    }
    if s.infos > 0 {
        parts.push(plural(s.infos, "info", "infos"));
    }
    format!(
        "Found {} ({}) in {files}{unreadable}.",
        plural(total, "problem", "problems"),
        parts.join(", ")
    )
}
