//! Orchestration: discover → extract → check (in parallel) → report, and the small commands.
//!
//! Owns: exit codes, loading the platform once, per-file isolation (one bad file never stops
//! the run), and choosing the emitter. Must not: parse formats or implement rules.

use crate::check::Engine;
use crate::cli::{CheckArgs, Cli, Color, Command, FailOn, Format};
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::document::Kind;
use crate::extract;
use crate::platform::{self, LoadError, PlatformError};
use crate::report::{self, FileReport, Report};
use crate::rules;
use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use std::io::{IsTerminal, Write};
use std::path::Path;

pub const EXIT_OK: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_ERROR: i32 = 2;

pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Check(args) => check(&args),
        Command::Audit(args) => crate::audit::run(&args),
        Command::Extract { file } => extract_cmd(&file),
        Command::Rules => rules_cmd(),
        Command::Explain { id } => explain(&id),
        Command::Init(args) => crate::init::command(&args),
        Command::Fix(args) => crate::fix_file::command(&args),
        #[cfg(feature = "serve")]
        Command::Serve(args) => crate::serve::command(&args),
        Command::Schema => {
            print!("{}", platform::schema::generate());
            EXIT_OK
        }
        Command::Export {
            target: crate::cli::ExportTarget::Vale { dir, platform: p },
        } => match load_platform(p.as_deref(), None, false) {
            Ok(loaded) => match crate::vale::export(&loaded.platform, &dir) {
                Ok(files) => {
                    for f in files {
                        println!("wrote {}", f.display());
                    }
                    EXIT_OK
                }
                Err(e) => fail(format!("cannot write the Vale style: {e}")),
            },
            Err(code) => code,
        },
    }
}

fn use_color(choice: Color, stream_is_tty: bool) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => stream_is_tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

fn fail(msg: impl std::fmt::Display) -> i32 {
    let _ = writeln!(std::io::stderr(), "error: {msg}");
    EXIT_ERROR
}

/// Load the platform named by `--platform`, or the nearest one; errors are printed.
/// Without `--platform`: the nearest file from the current directory up, else the
/// nearest from the first checked path up, so `msglint check some/repo` works from anywhere.
pub fn load_platform(
    explicit: Option<&Path>,
    first_path: Option<&str>,
    color: bool,
) -> Result<platform::Loaded, i32> {
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None => {
            let cwd =
                std::env::current_dir().map_err(|e| fail(format!("current directory: {e}")))?;
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
                fail(
                    "no msglint.yaml or .msglint.yaml in this directory or a parent\n  = help: pass --platform FILE, or run `msglint init` to write a starter platform",
                )
            })?
        }
    };
    platform::load(&path).map_err(|e| platform_error(e, color))
}

/// Print why the platform could not be loaded; the exit code.
fn platform_error(e: LoadError, color: bool) -> i32 {
    match e {
        LoadError::Io(p, err) => fail(format!("cannot read platform file {}: {err}", p.display())),
        LoadError::Invalid {
            path,
            source,
            errors,
        } => {
            let mut err = std::io::stderr();
            let _ = write!(
                err,
                "{}",
                render_platform_errors(&path.to_string_lossy(), &source, &errors, color)
            );
            EXIT_ERROR
        }
    }
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

fn check(args: &CheckArgs) -> i32 {
    let stdout_tty = std::io::stdout().is_terminal();
    let color = use_color(args.color, stdout_tty);
    let filters = match crate::discover::Filters::new(&args.include, &args.exclude) {
        Ok(f) => f,
        Err(e) => return fail(e),
    };
    // A platform named with --platform is read and compiled while the files are found
    // (discovery is one thread): its errors are still printed where they were, below.
    let early = args
        .platform
        .clone()
        .map(|path| std::thread::spawn(move || platform::load(&path).map(Engine::new)));
    let mut collected = match crate::discover::collect_all(&args.paths, &filters) {
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
                .map_err(|e| platform_error(e, color)),
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
        crate::budget::set_limit(std::time::Duration::from_secs_f64(args.timeout));
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
                        .map_err(|e| platform_error(e, color))?,
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

/// "1 finding", "2 findings".
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Whether any input is a web page: only web pages have site chrome, which is folded across
/// pages before a per-file cap applies.
pub(crate) fn has_web_pages(inputs: &[crate::discover::Input]) -> bool {
    inputs
        .iter()
        .any(|i| Kind::from_path(&i.path) == Some(Kind::Html))
}

/// Large PDFs cost memory out of proportion to their size (the parsed object graph): at
/// most `HEAVY_BYTES` of them are in work at once, so two workers hold at most two of the
/// largest together (not three or more). A single larger file still runs, alone.
const HEAVY_BYTES: u64 = 6 * 1024 * 1024;
const HEAVY_FROM: u64 = 1024 * 1024;

static HEAVY: (std::sync::Mutex<u64>, std::sync::Condvar) =
    (std::sync::Mutex::new(0), std::sync::Condvar::new());

struct HeavyPermit(u64);

/// The bytes of `path` that count against `HEAVY_BYTES` (0 for all but large PDFs).
fn heavy_size(path: &Path, size: u64) -> u64 {
    match Kind::from_path(path) {
        Some(Kind::Pdf) if size >= HEAVY_FROM => size,
        _ => 0,
    }
}

impl HeavyPermit {
    /// Waits until `size` heavy bytes fit.
    fn acquire(size: u64) -> HeavyPermit {
        if size == 0 {
            return HeavyPermit(0);
        }
        let (lock, cv) = &HEAVY;
        let mut used = lock.lock().unwrap_or_else(|e| e.into_inner());
        while *used > 0 && *used + size > HEAVY_BYTES {
            used = cv.wait(used).unwrap_or_else(|e| e.into_inner());
        }
        *used += size;
        HeavyPermit(size)
    }

    /// The permit if `size` fits now.
    fn try_acquire(size: u64) -> Option<HeavyPermit> {
        if size == 0 {
            return Some(HeavyPermit(0));
        }
        let mut used = HEAVY.0.lock().unwrap_or_else(|e| e.into_inner());
        if *used > 0 && *used + size > HEAVY_BYTES {
            return None;
        }
        *used += size;
        Some(HeavyPermit(size))
    }
}

/// Worker threads for `run_check`; 0: the number of cores (`check --jobs`).
/// `--jobs`: how many files are checked at once (`None`: one per core).
pub fn set_jobs(n: Option<usize>) {
    if let Some(n) = n {
        JOBS.store(n, std::sync::atomic::Ordering::Relaxed);
    }
}

static JOBS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Run `work` on every input on `JOBS` threads, largest file first, so a large file never
/// starts last and leaves the other cores idle; the results come back in input order. A
/// large PDF that must wait for memory (`HeavyPermit`) lets a thread take the smallest
/// file left instead of blocking.
///
/// Work is two steps, `prepare` (reading the file, which needs no platform) and `finish`.
/// While `ready` says no (the platform is still being compiled), a worker prepares the
/// next files ahead and holds them, up to `AHEAD_FILES` files and `AHEAD_BYTES` of what
/// `prepare` weighs them at (the extracted text), never a file that needed a
/// `HeavyPermit`; once `ready`, held files are finished first.
pub(crate) fn schedule<P, T: Send>(
    inputs: &[crate::discover::Input],
    ready: &(dyn Fn() -> bool + Sync),
    prepare: impl Fn(&crate::discover::Input) -> (P, u64) + Sync,
    finish: impl Fn(&crate::discover::Input, P) -> T + Sync,
) -> Vec<T> {
    const AHEAD_FILES: usize = 256;
    const AHEAD_BYTES: u64 = 16 << 20;
    // One `stat` per deck, Word file or PDF, on two threads when there are many. Text files
    // (Markdown, HTML, plain text: read at hundreds of MB/s, never large enough to hold up
    // a run's end the way a PDF can) are not looked at: a walk of thousands of them spent
    // milliseconds here before any worker started. They follow the containers and PDFs in
    // input order.
    let size = |i: &crate::discover::Input| match Kind::from_path(&i.path) {
        Some(k) if !k.is_container() => 0,
        _ => std::fs::metadata(&i.path).map_or(0, |m| m.len()),
    };
    let sizes: Vec<u64> = if inputs.len() >= 256 {
        let (head, tail) = inputs.split_at(inputs.len() / 2);
        std::thread::scope(|s| {
            let other = s.spawn(|| tail.iter().map(size).collect::<Vec<u64>>());
            let mut sizes: Vec<u64> = head.iter().map(size).collect();
            sizes.extend(
                other
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e)),
            );
            sizes
        })
    } else {
        inputs.iter().map(size).collect()
    };
    let mut order: Vec<usize> = (0..inputs.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(sizes[i]), i));
    let heavy = |i: usize| heavy_size(&inputs[i].path, sizes[i]);
    let jobs = match JOBS.load(std::sync::atomic::Ordering::Relaxed) {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    }
    .clamp(1, inputs.len().max(1));
    // Positions in `order` not yet taken: front (largest) ..back (smallest).
    let queue = std::sync::Mutex::new((0usize, order.len()));
    let next = || -> Option<(usize, HeavyPermit)> {
        let mut q = queue.lock().unwrap_or_else(|e| e.into_inner());
        let (front, back) = *q;
        if front >= back {
            return None;
        }
        let first = order[front];
        if let Some(p) = HeavyPermit::try_acquire(heavy(first)) {
            q.0 += 1;
            return Some((first, p));
        }
        let last = order[back - 1];
        if heavy(last) == 0 {
            q.1 -= 1;
            return Some((last, HeavyPermit(0)));
        }
        q.0 += 1;
        drop(q);
        Some((first, HeavyPermit::acquire(heavy(first))))
    };
    let done: Vec<Vec<(usize, T)>> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..jobs)
            .map(|_| {
                s.spawn(|| {
                    let mut out = Vec::new();
                    let mut held: Vec<(usize, P)> = Vec::new();
                    let mut held_bytes = 0u64;
                    while let Some((i, permit)) = next() {
                        let (p, weight) = prepare(&inputs[i]);
                        if permit.0 == 0
                            && held.len() < AHEAD_FILES
                            && held_bytes + weight <= AHEAD_BYTES
                            && !ready()
                        {
                            held_bytes += weight;
                            held.push((i, p));
                            continue;
                        }
                        for (j, q) in held.drain(..) {
                            out.push((j, finish(&inputs[j], q)));
                        }
                        held_bytes = 0;
                        out.push((i, finish(&inputs[i], p)));
                        drop(permit);
                    }
                    for (j, q) in held {
                        out.push((j, finish(&inputs[j], q)));
                    }
                    out
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    let mut slots: Vec<Option<T>> = std::iter::repeat_with(|| None).take(inputs.len()).collect();
    for (i, r) in done.into_iter().flatten() {
        slots[i] = Some(r);
    }
    slots.into_iter().flatten().collect()
}

impl Drop for HeavyPermit {
    fn drop(&mut self) {
        if self.0 > 0 {
            release_freed_memory();
            let (lock, cv) = &HEAVY;
            let mut used = lock.lock().unwrap_or_else(|e| e.into_inner());
            *used = used.saturating_sub(self.0);
            cv.notify_all();
        }
    }
}

/// Give the memory a large file freed back to the system: glibc keeps a worker thread's
/// freed heap mapped, so without this every worker holds its largest file's peak forever.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub(crate) fn release_freed_memory() {
    unsafe extern "C" {
        fn malloc_trim(pad: usize) -> std::ffi::c_int;
    }
    // SAFETY: glibc's malloc_trim takes no pointers and only returns free pages.
    unsafe {
        malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub(crate) fn release_freed_memory() {}

/// Extract and check every input in parallel; each file is isolated.
pub fn run_check(engine: &Engine, inputs: &[crate::discover::Input]) -> Report {
    run_check_with(engine, inputs, None)
}

/// `run_check`, ticking `progress` as each file is done.
pub fn run_check_with(
    engine: &Engine,
    inputs: &[crate::discover::Input],
    progress: Option<&crate::progress::Progress>,
) -> Report {
    let parts = check_files(engine, inputs, progress);
    finish(parts)
}

/// `run_check_with` for an engine still being built: `engine` blocks until it is ready, or
/// gives `None` when it never will be (the whole run is then `None`); `built` tells,
/// without blocking, whether it is done.
fn run_check_when<'e>(
    engine: &(dyn Fn() -> Option<&'e Engine> + Sync),
    built: &(dyn Fn() -> bool + Sync),
    inputs: &[crate::discover::Input],
    progress: Option<&crate::progress::Progress>,
) -> Option<Report> {
    check_files_when(engine, built, inputs, progress).map(finish)
}

fn finish(parts: Parts) -> Report {
    let mut report = parts.report;
    let min = parts.min_confidence;
    report.diagnostics.extend(
        crate::rules::compare_facts(parts.facts)
            .into_iter()
            .filter(|d| d.confidence >= min),
    );
    crate::diagnostic::make_unique(&mut report.diagnostics);
    report
}

/// What the parallel pass yields before cross-file rules run: the report (files in input
/// order, no `cross-asset-conflict` yet), every file's facts, and with `Engine::coverage`
/// each file's message coverage (`None` for an unreadable file), in `report.files` order.
pub struct Parts {
    pub report: Report,
    pub facts: Vec<crate::check::Fact>,
    pub coverage: Vec<Option<crate::rules::missing_message::Coverage>>,
    /// The engine's `min_confidence`, for the cross-file findings made after the pass.
    pub min_confidence: crate::diagnostic::Confidence,
}

/// The parallel pass of `run_check`.
pub fn check_files(
    engine: &Engine,
    inputs: &[crate::discover::Input],
    progress: Option<&crate::progress::Progress>,
) -> Parts {
    check_files_when(&|| Some(engine), &|| true, inputs, progress).unwrap_or_else(|| Parts {
        report: Report::default(),
        facts: Vec::new(),
        coverage: Vec::new(),
        min_confidence: engine.min_confidence,
    })
}

/// `check_files` with the engine asked for only once a file is extracted (see
/// `run_check_when`). Until it is built, workers go on extracting files ahead (see
/// `schedule`).
fn check_files_when<'e>(
    engine: &(dyn Fn() -> Option<&'e Engine> + Sync),
    built: &(dyn Fn() -> bool + Sync),
    inputs: &[crate::discover::Input],
    progress: Option<&crate::progress::Progress>,
) -> Option<Parts> {
    type PerFile = (
        FileReport,
        Vec<Diagnostic>,
        Vec<crate::check::Fact>,
        Option<crate::rules::missing_message::Coverage>,
    );
    type Extracted = (
        std::thread::Result<Result<crate::document::Document, extract::Unreadable>>,
        std::time::Duration,
    );
    let extract_one = |input: &crate::discover::Input| -> (Extracted, u64) {
        let started = std::time::Instant::now();
        let _clock = crate::budget::start();
        let doc = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            extract::extract_file(&input.path, input.display.clone())
        }));
        // Weighed for the files held ahead: the document's text and its segments.
        let weight = match &doc {
            Ok(Ok(d)) => 2 * d.source.len() as u64,
            _ => 0,
        };
        ((doc, started.elapsed()), weight)
    };
    let per_file: Vec<Option<PerFile>> =
        schedule(inputs, built, extract_one, |input, (doc, spent)| {
            let kind = Kind::from_path(&input.path).map_or("unknown", Kind::as_str);
            // The file's clock goes on from where its extraction left it: time spent waiting
            // for the platform, or extracted ahead in a queue, is not the file's.
            let _clock = crate::budget::resume(spent);
            let engine = crate::budget::off_clock(engine)?;
            let _tick = progress.map(crate::progress::Progress::on_drop);
            let rel = engine.platform_relative(&input.path);
            let result = doc
                .and_then(|doc| {
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        doc.and_then(|doc| engine.check_with_facts(&doc, &rel))
                            // The budget covers the whole per-file pipeline, the steps
                            // after the rules' last check of the clock (locating,
                            // fingerprinting, telling repeats apart) included.
                            .and_then(|checked| {
                                if crate::budget::over() {
                                    Err(extract::Unreadable(crate::budget::reason()))
                                } else {
                                    Ok(checked)
                                }
                            })
                    }))
                })
                .unwrap_or_else(|_| {
                    Err(extract::Unreadable(
                        "internal error while checking this file".into(),
                    ))
                });
            Some(match result {
                Ok(crate::check::Checked {
                    diagnostics,
                    facts,
                    omitted,
                    coverage,
                }) => {
                    let score = report::score(&diagnostics, &omitted);
                    (
                        FileReport {
                            path: input.display.clone(),
                            kind,
                            score,
                            unreadable: None,
                            omitted,
                        },
                        diagnostics,
                        facts,
                        coverage,
                    )
                }
                Err(extract::Unreadable(reason)) => {
                    let rule = rules::lookup("unreadable");
                    let sev = rule
                        .and_then(|r| engine.severity(r, &rel))
                        .unwrap_or(Severity::Error);
                    let diag = Diagnostic {
                        rule: "unreadable",
                        severity: sev,
                        confidence: crate::diagnostic::Confidence::High,
                        path: input.display.clone(),
                        location: Location {
                            line: 1,
                            column: 1,
                            ..Location::default()
                        },
                        matched: String::new(),
                        message: format!("cannot read this file: {reason}"),
                        suggestion: None,
                        help: None,
                        platform_ref: None,
                        fingerprint: crate::diagnostic::fnv64(&[
                            "v2",
                            "unreadable",
                            &engine.fingerprint_path(&input.path),
                        ]),
                        excerpt: None,
                        chrome: false,
                        fix: None,
                        related: Vec::new(),
                    };
                    (
                        FileReport {
                            path: input.display.clone(),
                            kind,
                            score: 0,
                            unreadable: Some(reason),
                            omitted: Default::default(),
                        },
                        vec![diag],
                        Vec::new(),
                        None,
                    )
                }
            })
        });
    let mut parts = Parts {
        report: Report::default(),
        facts: Vec::new(),
        coverage: Vec::new(),
        min_confidence: engine()
            .map_or(crate::diagnostic::Confidence::Medium, |e| e.min_confidence),
    };
    for p in per_file {
        let (f, d, x, c) = p?;
        parts.report.files.push(f);
        parts.report.diagnostics.extend(d);
        parts.facts.extend(x);
        parts.coverage.push(c);
    }
    Some(parts)
}

fn extract_cmd(file: &Path) -> i32 {
    let display = file.to_string_lossy().into_owned();
    match extract::extract_file(file, display) {
        Ok(doc) => {
            let stdout = std::io::stdout();
            let mut w = stdout.lock();
            let _ = write!(w, "{}", render_extract(&doc));
            EXIT_OK
        }
        Err(extract::Unreadable(reason)) => {
            fail(format!("{}: unreadable: {reason}", file.display()))
        }
    }
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
            .map(|p| format!(" {}", report::printable(p)))
            .unwrap_or_default();
        out.push_str(&format!(
            "{line}:{col}\t[{}{chrome}{place}]\t{}\n",
            s.scope.as_str(),
            text.join(" ")
        ));
    }
    out
}

fn rules_cmd() -> i32 {
    let mut w = std::io::stdout().lock();
    for r in rules::RULES {
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

fn explain(id: &str) -> i32 {
    match rules::lookup(id) {
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
            let ids = rules::ids();
            let hint = platform::validate::did_you_mean(id, &ids)
                .map(|s| format!("\n  = help: did you mean `{s}`?"))
                .unwrap_or_else(|| "\n  = help: `msglint rules` lists the rule ids".into());
            fail(format!("unknown rule `{id}`{hint}"))
        }
    }
}
