//! The parallel pipeline under every command: discover's inputs → extract → check, one
//! thread per core, largest file first, each file isolated (its own time budget,
//! `catch_unwind`), and the cross-file steps after it.

use crate::check::Engine;
use crate::diagnostic::Diagnostic;
use crate::document::Kind;
use crate::extract;
use crate::report::{self, FileReport, Report};
use std::path::Path;

pub use crate::discover::copy_file_globs;

/// Whether any input is a web page: only web pages have site chrome, which is folded across
/// pages before a per-file cap applies.
pub fn has_web_pages(inputs: &[crate::discover::Input]) -> bool {
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
pub(crate) fn run_check_when<'e>(
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
                    let diag = super::document::unreadable(
                        engine,
                        &input.display,
                        &input.path,
                        &rel,
                        &reason,
                    );
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
