//! The engine API: what every command (and the language server) asks of msglint.
//!
//! Load a platform (`find_platform`, `load_platform`, `render_platform_errors`), build an
//! [`Engine`] from it, check one in-memory document (`check_document`: findings with exact
//! byte and UTF-16 ranges), check a set of files in parallel (`pipeline::check_files`,
//! `run_check`) and run the cross-file steps over what they return (`cross_file`).
//! Must not: exit, choose exit codes, parse arguments, print (commands do).

pub mod document;
pub mod pipeline;

pub use crate::check::{Checked, Engine};
pub use document::{DocumentFindings, Finding, Utf16Pos, check_document};
pub use pipeline::{
    Parts, check_files, copy_file_globs, has_web_pages, run_check, run_check_with, set_jobs,
};
pub(crate) use pipeline::{release_freed_memory, run_check_when, schedule};

// What the commands need of the stages below, named here so they go through this API.
pub use crate::discover::{Collected, Filters, Input, collect_all as collect};
pub use crate::extract::{Unreadable, extract_file};
pub use crate::platform::schema::generate as platform_schema;
pub use crate::platform::validate::did_you_mean;
pub use crate::platform::{LoadError, Loaded};
pub use crate::rules::{RULES, RuleInfo, ids as rule_ids, lookup as rule};

/// The time budget of each file from now on (`--timeout`).
pub fn set_timeout(limit: std::time::Duration) {
    crate::budget::set_limit(limit);
}

use crate::platform::{self, PlatformError};
use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use std::path::{Path, PathBuf};

/// Why a step below the commands stopped; the command prints it and chooses the exit code.
#[derive(Debug)]
pub enum Failure {
    /// One line, printed as `error: …`.
    Message(String),
    /// Already rendered (a platform's errors), printed as is.
    Rendered(String),
    /// Already printed where it happened.
    Printed,
}

impl Failure {
    pub fn msg(m: impl std::fmt::Display) -> Failure {
        Failure::Message(m.to_string())
    }
}

/// The platform file to use: `explicit` (`--platform`), else the nearest `msglint.yaml` or
/// `.msglint.yaml` from the current directory up, else the nearest from the first checked
/// path up, so `msglint check some/repo` works from anywhere.
pub fn find_platform(explicit: Option<&Path>, first_path: Option<&str>) -> Result<PathBuf, String> {
    if let Some(p) = explicit {
        return Ok(p.to_path_buf());
    }
    let cwd = std::env::current_dir().map_err(|e| format!("current directory: {e}"))?;
    let from_path = || {
        let p = std::fs::canonicalize(first_path.filter(|p| *p != "-")?).ok()?;
        let dir = if p.is_dir() {
            p
        } else {
            p.parent()?.to_path_buf()
        };
        platform::discover(&dir)
    };
    platform::discover(&cwd).or_else(from_path).ok_or_else(|| {
        "no msglint.yaml or .msglint.yaml in this directory or a parent\n  = help: pass --platform FILE, or run `msglint init` to write a starter platform".to_owned()
    })
}

/// Read and validate a platform file (every error at once).
pub fn load_platform(path: &Path) -> Result<platform::Loaded, platform::LoadError> {
    platform::load(path)
}

/// Validate a platform's text as an editor holds it (not yet saved): every error at once.
pub fn validate_platform(source: &str) -> Result<platform::Platform, Vec<PlatformError>> {
    platform::parse_str(source)
}

/// A load error as the commands print it: one line for a file that cannot be read, the
/// linter-style rendering of every error for an invalid one.
pub fn describe_load_error(e: platform::LoadError, color: bool) -> Failure {
    match e {
        platform::LoadError::Io(p, err) => {
            Failure::msg(format!("cannot read platform file {}: {err}", p.display()))
        }
        platform::LoadError::Invalid {
            path,
            source,
            errors,
        } => Failure::Rendered(render_platform_errors(
            &path.to_string_lossy(),
            &source,
            &errors,
            color,
        )),
    }
}

/// Find and load the platform (see [`find_platform`]); failures described for printing.
pub fn find_and_load(
    explicit: Option<&Path>,
    first_path: Option<&str>,
    color: bool,
) -> Result<platform::Loaded, Failure> {
    let path = find_platform(explicit, first_path).map_err(Failure::Message)?;
    platform::load(&path).map_err(|e| describe_load_error(e, color))
}

/// The cross-file steps over the facts of a set of files (`cross-asset-conflict`), at or
/// above `min` confidence.
pub fn cross_file(
    facts: Vec<crate::check::Fact>,
    min: crate::diagnostic::Confidence,
) -> Vec<crate::diagnostic::Diagnostic> {
    crate::rules::compare_facts(facts)
        .into_iter()
        .filter(|d| d.confidence >= min)
        .collect()
}

/// Linter-style rendering of platform-file errors: file:line:col, snippet, caret, expected
/// shape, "did you mean"; all of them, then a count.
pub fn render_platform_errors(
    path: &str,
    source: &str,
    errors: &[PlatformError],
    color: bool,
) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let lines = crate::document::LineIndex::new(source);
    let mut out = String::new();
    for e in errors {
        let line = e.pos.line.max(1);
        let ls = lines.line_start(line).unwrap_or(0).min(source.len());
        let le = source[ls..].find('\n').map_or(source.len(), |i| ls + i);
        let text = &source[ls..le];
        let mut start = e.pos.offset.saturating_sub(ls).min(text.len());
        let mut end = (start + e.len).min(text.len()).max(start);
        // Byte positions may fall inside a character (a BOM, U+FFFF): widen to whole ones.
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let mut group = Level::ERROR.primary_title(e.message.as_str()).element(
            Snippet::source(text)
                .path(path)
                .line_start(line as usize)
                .annotation(
                    AnnotationKind::Primary
                        .span(start..end)
                        .label(e.label.as_str()),
                ),
        );
        if let Some(h) = &e.help {
            group = group.element(Level::HELP.message(h.as_str()));
        }
        out.push_str(&renderer.render(&[group]));
        out.push_str("\n\n");
    }
    let n = errors.len();
    out.push_str(&format!(
        "error: {path} has {n} error{}; msglint did not check anything\n",
        if n == 1 { "" } else { "s" }
    ));
    out
}

/// The `msglint extract` view: one line per segment with its locator and scope.
pub fn render_extract(doc: &crate::document::Document) -> String {
    if doc.kind.is_container() {
        // Decks and Word files: the document's source is this view.
        return doc.source.clone();
    }
    let mut out = format!(
        "# {} ({}, {} segments)\n",
        doc.path,
        doc.kind.as_str(),
        doc.segments.len()
    );
    for s in &doc.segments {
        let start = s.pieces.first().map_or(0, |p| p.src as usize);
        let (line, col) = doc.line_col(start);
        let text: Vec<&str> = s.text.split_whitespace().collect();
        let chrome = if s.chrome { " chrome" } else { "" };
        // A data file's key path (`home.hero.title`) or a catalog entry's msgid.
        let place = s
            .deck
            .as_deref()
            .and_then(|d| d.shape.as_deref())
            .map(|p| format!(" {}", crate::report::printable(p)))
            .unwrap_or_default();
        out.push_str(&format!(
            "{line}:{col}\t[{}{chrome}{place}]\t{}\n",
            s.scope.as_str(),
            text.join(" ")
        ));
    }
    out
}

/// Whether `check` reads `path` when it walks a directory above it: a supported kind, not
/// a dependency or build output, a data file only under a data or locale directory or
/// when the platform's `copy_files` names it (relative to the platform's directory), a
/// catalog or locale file only in one of the platform's `languages`.
pub fn reads(engine: &Engine, path: &Path) -> bool {
    let root = &engine.loaded.root;
    let root_abs = std::fs::canonicalize(root).unwrap_or_else(|_| root.clone());
    let from = if path.starts_with(&root_abs) {
        root_abs.as_path()
    } else {
        path.parent().unwrap_or(path)
    };
    let rel = path.strip_prefix(from).unwrap_or(path);
    let platform = &engine.loaded.platform;
    let read = match crate::discover::read_by_walk(path, from) {
        Some(true) => true,
        Some(false) => copy_file_globs(&platform.copy_files)
            .is_match(path.strip_prefix(&root_abs).unwrap_or(path)),
        None => false,
    };
    read && crate::document::Kind::from_path(path)
        .filter(|k| k.is_data() || *k == crate::document::Kind::Po)
        .and_then(|k| crate::discover::language_of(rel, k))
        .is_none_or(|lang| crate::discover::language_wanted(&lang, &platform.languages))
}
