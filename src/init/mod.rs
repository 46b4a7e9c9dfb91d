//! `msglint init`: the starter platform, and with `--from` the draft platform read from the
//! library a company already has.
//!
//! Owns: the `init` command (arguments → files written), reading the library with the same
//! discovery and extractors as `check` (in parallel, each file isolated and timed), and
//! keeping of each document only what the analysis needs (`library::Asset`). The analysis
//! is `analyze`, the commented YAML `draft`, the inventory page `html`. Must not: run
//! rules, parse formats.

pub mod analyze;
pub mod draft;
pub mod html;
pub mod library;

use crate::cli::{InitArgs, InitFormat};
use crate::engine::Failure;
use crate::platform;
use std::path::Path;

pub const STARTER: &str = include_str!("../starter.yaml");

fn fail(msg: impl std::fmt::Display) -> Result<(), Failure> {
    Err(Failure::msg(msg))
}

/// `msglint init`: the files written (or a failure for the command to print).
pub fn run(args: &InitArgs) -> Result<(), Failure> {
    let out = args.output.clone().unwrap_or_else(|| args.path.clone());
    if args.from.is_empty() {
        if args.report.is_some() || args.format != InitFormat::Yaml {
            return fail("--report and --format need --from PATHS (the library to draft from)");
        }
        return starter(&out, args.force);
    }
    let to_stdout = out.as_os_str() == "-";
    for target in std::iter::once(&out)
        .filter(|_| !to_stdout)
        .chain(args.report.as_ref())
    {
        if target.exists() && !args.force {
            return fail(format!(
                "{} already exists (use --force to overwrite)",
                target.display()
            ));
        }
    }
    if !(args.timeout > 0.0 && args.timeout.is_finite()) {
        return fail(format!(
            "--timeout must be a positive number of seconds, not {}",
            args.timeout
        ));
    }
    let filters = match crate::discover::Filters::new(&args.include, &args.exclude) {
        Ok(f) => f,
        Err(e) => return fail(e),
    };
    let collected = match crate::discover::collect_all(&args.from, &filters) {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    if collected.inputs.is_empty() {
        return fail(format!(
            "no supported files under {} (Markdown, HTML, text, PowerPoint, Word or PDF): nothing to draft from",
            args.from.join(", ")
        ));
    }
    crate::budget::set_limit(std::time::Duration::from_secs_f64(args.timeout));
    crate::engine::set_jobs(args.jobs);
    let mut assets = library::read(&collected.inputs);
    library::mark_section_homes(&mut assets);
    let Ok(inventory) =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| analyze::analyze(&assets)))
    else {
        return fail("internal error while drafting the platform (nothing was written)");
    };
    drop(assets);
    let text = match args.format {
        InitFormat::Yaml => draft::yaml(&inventory),
        InitFormat::Json => match serde_json::to_string_pretty(&inventory) {
            Ok(s) => s + "\n",
            Err(e) => return fail(format!("cannot write the inventory as JSON: {e}")),
        },
    };
    if to_stdout {
        print!("{text}");
    } else if let Err(e) = crate::fix::write_atomic(&out, &text) {
        return fail(format!("cannot write {}: {e}", out.display()));
    }
    if let Some(report) = &args.report
        && let Err(e) = crate::fix::write_atomic(report, &html::page(&inventory))
    {
        return fail(format!("cannot write {}: {e}", report.display()));
    }
    let unreadable = inventory.unreadable.len();
    eprintln!(
        "msglint: drafted from {} file{}{}: {} product name{}, {} tagline candidate{}, {} number{} ({} to decide){}{}",
        inventory.assets.len(),
        if inventory.assets.len() == 1 { "" } else { "s" },
        if unreadable > 0 {
            format!(" ({unreadable} unreadable, left out)")
        } else {
            String::new()
        },
        inventory.products.len(),
        if inventory.products.len() == 1 {
            ""
        } else {
            "s"
        },
        inventory.taglines.len(),
        if inventory.taglines.len() == 1 {
            ""
        } else {
            "s"
        },
        inventory.claims.len(),
        if inventory.claims.len() == 1 { "" } else { "s" },
        inventory.claims.iter().filter(|c| c.conflict).count(),
        if to_stdout {
            String::new()
        } else {
            format!("; wrote {}", out.display())
        },
        args.report
            .as_ref()
            .map(|r| format!(" and {}", r.display()))
            .unwrap_or_default(),
    );
    if !to_stdout && args.format == InitFormat::Yaml {
        eprintln!(
            "  = help: read the `# DECIDE:` comments, edit, then `msglint check {}` reports the forms you rejected",
            args.from.join(" ")
        );
    }
    Ok(())
}

fn starter(path: &Path, force: bool) -> Result<(), Failure> {
    if path.exists() && !force {
        return fail(format!(
            "{} already exists (use --force to overwrite)",
            path.display()
        ));
    }
    let schema = path.with_file_name(".msglint.schema.json");
    let text = format!("# yaml-language-server: $schema=./.msglint.schema.json\n{STARTER}");
    match std::fs::write(path, text)
        .and_then(|()| std::fs::write(&schema, platform::schema::generate()))
    {
        Ok(()) => {
            println!(
                "wrote {} and {} (editors complete and check the file with it): edit it, then run `msglint check`",
                path.display(),
                schema.display()
            );
            Ok(())
        }
        Err(e) => fail(format!("cannot write {}: {e}", path.display())),
    }
}
