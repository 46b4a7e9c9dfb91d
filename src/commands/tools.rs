//! The small commands: `extract`, `rules`, `explain`, `export vale`.

use super::{EXIT_OK, fail, load_platform};
use crate::engine;
use std::io::Write;
use std::path::Path;

pub(super) fn extract(file: &Path) -> i32 {
    let display = file.to_string_lossy().into_owned();
    match engine::extract_file(file, display) {
        Ok(doc) => {
            let stdout = std::io::stdout();
            let mut w = stdout.lock();
            let _ = write!(w, "{}", crate::engine::render_extract(&doc));
            EXIT_OK
        }
        Err(engine::Unreadable(reason)) => {
            fail(format!("{}: unreadable: {reason}", file.display()))
        }
    }
}

pub(super) fn rules() -> i32 {
    let mut w = std::io::stdout().lock();
    for r in engine::RULES {
        let status = if r.implemented() { "" } else { "  (planned)" };
        let _ = writeln!(
            w,
            "{:<24} {:<8} {}{status}",
            r.id,
            r.default.as_str(),
            r.summary
        );
    }
    EXIT_OK
}

pub(super) fn explain(id: &str) -> i32 {
    match engine::rule(id) {
        Some(r) => {
            let mut w = std::io::stdout().lock();
            match r.doc {
                Some(doc) => {
                    let _ = write!(w, "{doc}");
                }
                None => {
                    let _ = writeln!(
                        w,
                        "# {}\n\n{} (default: {}).\n\nThis rule id is reserved by the specification; this version of msglint does not check it yet.",
                        r.id,
                        r.summary,
                        r.default.as_str()
                    );
                }
            }
            EXIT_OK
        }
        None => {
            let ids = engine::rule_ids();
            let hint = engine::did_you_mean(id, &ids)
                .map(|s| format!("\n  = help: did you mean `{s}`?"))
                .unwrap_or_else(|| "\n  = help: `msglint rules` lists the rule ids".into());
            fail(format!("unknown rule `{id}`{hint}"))
        }
    }
}

/// `msglint export vale DIR`: the platform as a Vale style.
pub(super) fn export_vale(dir: &Path, platform: Option<&Path>) -> i32 {
    match load_platform(platform, None, false) {
        Ok(loaded) => match crate::vale::export(&loaded.platform, dir) {
            Ok(files) => {
                for f in files {
                    println!("wrote {}", f.display());
                }
                EXIT_OK
            }
            Err(e) => fail(format!("cannot write the Vale style: {e}")),
        },
        Err(code) => code,
    }
}
