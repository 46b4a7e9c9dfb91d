//! `msglint check`: discover → the engine's parallel pipeline → baselines, `--fix`/`--diff`
//! → the chosen emitter → the exit code.

use super::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, fail, load_platform, plural, report, use_color};
use crate::cli::{CheckArgs, FailOn, Format};
use crate::diagnostic::Severity;
use crate::engine::{
    Engine, describe_load_error, has_web_pages, load_platform as load_platform_file,
    run_check_when, set_jobs,
};
use crate::report;
use std::io::{IsTerminal, Write};
use std::path::Path;

pub(super) fn run(args: &CheckArgs) -> i32 {
    let stdout_tty = std::io::stdout().is_terminal();
    let color = use_color(args.color, stdout_tty);
    let filters = match crate::engine::Filters::new(&args.include, &args.exclude) {
        Ok(f) => f,
        Err(e) => return fail(e),
    };
    // A platform named with --platform is read and compiled while the files are found
    // (discovery is one thread): its errors are still printed where they were, below.
    let early = args
        .platform
        .clone()
        .map(|path| std::thread::spawn(move || load_platform_file(&path).map(Engine::new)));
    let mut collected = match crate::engine::collect(&args.paths, &filters) {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    // Data files outside the conventional data and locale directories are read when the
    // platform's `copy_files` names them, catalogs only in its `languages`: the platform is
    // needed before the workers start.
    let mut early = early;
    let mut preloaded: Option<Result<Engine, i32>> = None;
    if collected.needs_platform() {
        let color = use_color(args.color, std::io::stderr().is_terminal());
        let built = match early.take() {
            Some(h) => h
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                .map_err(|e| report(describe_load_error(e, color))),
            None => load_platform(None, collected.first_path.as_deref(), color).map(Engine::new),
        };
        if let Ok(engine) = &built {
            collected.apply_platform(&engine.loaded.platform, &engine.loaded.root);
        }
        preloaded = Some(built);
    }
    if let Some(note) = collected.skipped_note() {
        eprintln!("{note}");
    }
    if collected.inputs.is_empty() {
        let under = match args.paths.as_slice() {
            [] => ".".to_owned(),
            paths => paths
                .iter()
                .map(|p| if p == "-" { "the paths on stdin" } else { p })
                .collect::<Vec<_>>()
                .join(", "),
        };
        if !args.allow_empty {
            eprintln!(
                "msglint: no supported files under {under} (Markdown, HTML, text, PowerPoint, Word, PDF, components, scripts, templates, data files or catalogs); nothing was checked\n  = help: pass --allow-empty to let a run that checks nothing pass"
            );
            return EXIT_ERROR;
        }
        eprintln!("msglint: no supported files under {under}; nothing to check (--allow-empty)");
    }
    let mut inputs = collected.inputs;
    if let Some(shard) = args.shard {
        inputs.retain(|i| shard.contains(&i.display));
    }
    let timeout_ok = args.timeout > 0.0 && args.timeout.is_finite();
    if timeout_ok {
        crate::engine::set_timeout(std::time::Duration::from_secs_f64(args.timeout));
    }
    set_jobs(args.jobs);
    let cap = (args.max_findings_per_file > 0).then_some(args.max_findings_per_file);
    // Findings past the cap are only counted, never built, unless a baseline or a fix must
    // see every one of them first, or a web page's site chrome must be folded across pages
    // first (the cap then applies to the folded list, and the total stays the same).
    let uncapped = args.baseline.is_some()
        || args.write_baseline.is_some()
        || args.fix
        || args.diff
        || has_web_pages(&inputs);
    let progress = crate::progress::Progress::new(inputs.len(), args.quiet);
    // The platform is loaded and compiled on its own thread while the workers extract their
    // first files (extraction never needs it); a platform error is printed by that thread
    // alone (workers print nothing) and the run stops with its code.
    let engine: std::sync::OnceLock<Result<Engine, i32>> = std::sync::OnceLock::new();
    let report = std::thread::scope(|s| {
        s.spawn(|| {
            let built = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let color = use_color(args.color, std::io::stderr().is_terminal());
                let mut engine = match (preloaded, early) {
                    (Some(built), _) => built?,
                    (None, Some(built)) => built
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                        .map_err(|e| report(describe_load_error(e, color)))?,
                    (None, None) => {
                        Engine::new(load_platform(None, collected.first_path.as_deref(), color)?)
                    }
                };
                if !uncapped {
                    engine.max_findings = cap;
                }
                if let Some(min) = args.min_confidence {
                    engine.min_confidence = min.level();
                }
                Ok(engine)
            }));
            // A panic still ends the run, but never leaves the workers waiting.
            match built {
                Ok(result) => {
                    let _ = engine.set(result);
                }
                Err(panic) => {
                    let _ = engine.set(Err(EXIT_ERROR));
                    std::panic::resume_unwind(panic);
                }
            }
        });
        let ready = || engine.wait().as_ref().ok();
        let built = || engine.get().is_some();
        timeout_ok
            .then(|| run_check_when(&ready, &built, &inputs, progress.as_ref()))
            .flatten()
    });
    drop(progress);
    // The compiled platform lives until the process exits: freeing a large one piece by
    // piece only delays the exit (a 10,000-term platform: a fifth of its load time).
    let engine = std::mem::ManuallyDrop::new(engine);
    if let Some(Err(code)) = engine.get() {
        return *code;
    }
    if !timeout_ok {
        return fail(format!(
            "--timeout must be a positive number of seconds, not {}",
            args.timeout
        ));
    }
    let Some(mut report) = report else {
        return EXIT_ERROR;
    };
    if let Some(path) = &args.write_baseline {
        if let Err(e) = crate::fix::write_baseline(path, &report.diagnostics) {
            return fail(format!("cannot write baseline {}: {e}", path.display()));
        }
        // Counted as the report counts them; the file holds a fingerprint per page of a
        // site-chrome finding, so a later run silences it on every page.
        let findings = report::folded_len(&report.diagnostics);
        let repeats = report.diagnostics.len() - findings;
        eprintln!(
            "msglint: recorded {} in {}{}",
            plural(findings, "finding", "findings"),
            report::printable(&path.display().to_string()),
            if repeats > 0 {
                format!(
                    " (and {} of site chrome on other pages)",
                    plural(repeats, "repeat", "repeats")
                )
            } else {
                String::new()
            }
        );
    }
    let before_baseline = (args.baseline.is_some() && args.write_baseline.is_none())
        .then(|| report::folded_len(&report.diagnostics));
    match (&args.baseline, &args.write_baseline) {
        (_, Some(_)) => report.diagnostics.clear(),
        (Some(p), None) => match crate::fix::read_baseline(p) {
            Ok(known) if known.version == 1 => {
                eprintln!(
                    "msglint: {} is a version-1 baseline, matched by its old fingerprints (path as typed); run with --write-baseline to rewrite it, as the next release reads only version 2",
                    p.display()
                );
                let v1 = crate::diagnostic::fingerprints_v1(&report.diagnostics);
                let mut old = v1.iter();
                report
                    .diagnostics
                    .retain(|_| old.next().is_none_or(|fp| !known.fingerprints.contains(fp)));
            }
            Ok(known) => report
                .diagnostics
                .retain(|d| !known.fingerprints.contains(&d.fingerprint)),
            Err(e) => return fail(e),
        },
        _ => {}
    }
    if let (Some(before), Some(p)) = (before_baseline, &args.baseline) {
        let silenced = before - report::folded_len(&report.diagnostics);
        eprintln!(
            "msglint: the baseline {} silenced {} already known",
            report::printable(&p.display().to_string()),
            plural(silenced, "finding", "findings")
        );
    }
    if args.fix || args.diff {
        let fixes = crate::fix::plan(&report.diagnostics);
        let mut fixed: std::collections::HashSet<String> = Default::default();
        if args.diff {
            // The patch alone on stdout, so `msglint check --diff > fix.patch` applies.
            let cwd = std::env::current_dir().unwrap_or_else(|_| ".".into());
            let mut stdout = std::io::stdout().lock();
            let written = fixes.iter().try_for_each(|f| {
                let path = crate::fix::patch_path(&f.path, &cwd);
                stdout.write_all(crate::fix::diff(f, &path).as_bytes())
            });
            if let Err(e) = written.and_then(|()| stdout.flush())
                && e.kind() != std::io::ErrorKind::BrokenPipe
            {
                return fail(format!("writing the diff: {e}"));
            }
        }
        let mut written = Vec::new();
        for f in &fixes {
            if args.fix {
                match crate::fix::write_atomic(Path::new(&f.path), &f.after) {
                    Ok(()) => {
                        written.push((f.path.as_str(), f.fixed.as_slice()));
                        fixed.extend(f.fixed.iter().cloned());
                    }
                    Err(e) => {
                        eprintln!(
                            "msglint: could not write {}: {e} (left unchanged)",
                            report::printable(&f.path)
                        )
                    }
                }
            }
        }
        // Counted as the report counts them: a site-chrome finding fixed on several pages
        // is one finding, on the first of them; on the others it is a repeat.
        let before = report::folded_len(&report.diagnostics);
        for (path, own, repeats) in report::fixed_counts(&report.diagnostics, written) {
            eprintln!(
                "msglint: fixed {} in {}{}",
                plural(own, "finding", "findings"),
                report::printable(path),
                if repeats > 0 {
                    format!(
                        " (and {} of site chrome fixed on another page)",
                        plural(repeats, "repeat", "repeats")
                    )
                } else {
                    String::new()
                }
            );
        }
        report
            .diagnostics
            .retain(|d| !fixed.contains(&d.fingerprint));
        if args.fix && !fixed.is_empty() {
            eprintln!(
                "msglint: fixed {} in all",
                plural(
                    before - report::folded_len(&report.diagnostics),
                    "finding",
                    "findings"
                )
            );
        }
    }
    report.fold_chrome();
    report.sort();
    if let Some(cap) = cap {
        report.cap(cap);
    }
    // With --diff, stdout carries the patch only: the report goes to --output, else stderr.
    let mut out: Box<dyn Write> = match &args.output {
        Some(p) => match std::fs::File::create(p) {
            Ok(f) => Box::new(std::io::BufWriter::new(f)),
            Err(e) => return fail(format!("cannot write {}: {e}", p.display())),
        },
        None if args.diff => Box::new(std::io::BufWriter::new(std::io::stderr().lock())),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let color = match (&args.output, args.diff) {
        (Some(_), _) => false,
        (None, true) => use_color(args.color, std::io::stderr().is_terminal()),
        (None, false) => color,
    };
    let w = &mut out;
    let written = match args.format {
        Format::Human => report::human::emit(&report, w, color),
        Format::Json => report::json::emit(&report, w),
        Format::Sarif => report::sarif::emit(&report, w),
        Format::Github => report::github::emit(&report, w),
        Format::Junit => report::xml::junit(&report, w),
        Format::Gitlab => report::gitlab::emit(&report, w),
        Format::Checkstyle => report::xml::checkstyle(&report, w),
    };
    if let Err(e) = written.and_then(|()| w.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        return fail(format!("writing output: {e}"));
    }
    let threshold = match args.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    if report.fails(threshold) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}
