//! The per-file wall-clock budget: every file's extraction and check run against one
//! deadline, and a file over it becomes `unreadable: took longer than …` while the run goes on.
//!
//! Owns: the deadline of the file the current thread is working on. Must not: know formats.

use std::cell::Cell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Default budget per file, in milliseconds (`check --timeout SECS` changes it).
pub const DEFAULT_MS: u64 = 20_000;

static LIMIT_MS: AtomicU64 = AtomicU64::new(DEFAULT_MS);

thread_local! {
    static DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
}

/// Set the budget for every file of this run.
pub fn set_limit(limit: Duration) {
    LIMIT_MS.store(limit.as_millis().max(1) as u64, Ordering::Relaxed);
}

pub fn limit() -> Duration {
    Duration::from_millis(LIMIT_MS.load(Ordering::Relaxed))
}

/// Starts the clock for one file on this thread; the previous deadline comes back on drop.
pub struct Guard(Option<Instant>);

pub fn start() -> Guard {
    let previous = DEADLINE.with(|d| d.replace(Some(Instant::now() + limit())));
    Guard(previous)
}

/// `start` for a file that already spent `spent` of its budget in an earlier step.
pub fn resume(spent: Duration) -> Guard {
    let left = limit().saturating_sub(spent);
    let previous = DEADLINE.with(|d| d.replace(Some(Instant::now() + left)));
    Guard(previous)
}

impl Drop for Guard {
    fn drop(&mut self) {
        DEADLINE.with(|d| d.set(self.0));
    }
}

/// The current file's deadline, when a clock is running on this thread.
pub fn deadline() -> Option<Instant> {
    DEADLINE.with(Cell::get)
}

/// Whether the current file is over its budget (never, outside a `start`).
pub fn over() -> bool {
    DEADLINE.with(|d| d.get().is_some_and(|t| Instant::now() > t))
}

/// The `unreadable` reason of a file over budget.
pub fn reason() -> String {
    let l = limit();
    if l.subsec_millis() == 0 {
        format!(
            "took longer than {} s (the per-file time budget)",
            l.as_secs()
        )
    } else {
        format!(
            "took longer than {} ms (the per-file time budget)",
            l.as_millis()
        )
    }
}

/// Run `f` off the clock: the current file's deadline moves by the time `f` took (a
/// worker waiting for the platform to be compiled is not spending the file's time).
pub fn off_clock<T>(f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    let waited = start.elapsed();
    DEADLINE.with(|d| d.set(d.get().map(|t| t + waited)));
    out
}
