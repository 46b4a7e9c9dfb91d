//! The progress bar of `check` and `audit`: files done / total and the rate, on stderr,
//! only when stderr is a terminal, never with `--quiet`, and only once a run has taken
//! about a second (a quick run never flashes one).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// After how long a run shows its bar: a second (`MSGLINT_PROGRESS_AFTER_MS` changes it,
/// for tests).
fn show_after() -> Duration {
    std::env::var("MSGLINT_PROGRESS_AFTER_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(Duration::from_secs(1), Duration::from_millis)
}

pub struct Progress {
    bar: ProgressBar,
    started: Instant,
    after: Duration,
    shown: AtomicBool,
}

/// Ticks its `Progress` when dropped (one file done, however it ended).
pub struct Tick<'a>(&'a Progress);

impl Drop for Tick<'_> {
    fn drop(&mut self) {
        self.0.inc();
    }
}

impl Progress {
    /// A bar for `total` files, or `None` when it must not be shown.
    pub fn new(total: usize, quiet: bool) -> Option<Progress> {
        if quiet || total < 2 || !std::io::stderr().is_terminal() {
            return None;
        }
        Some(Self::hidden(total))
    }

    fn hidden(total: usize) -> Progress {
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::hidden());
        let style = ProgressStyle::with_template(
            "{bar:30} {pos}/{len} files  {per_sec}  {elapsed} (eta {eta})",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        Progress {
            bar,
            started: Instant::now(),
            after: show_after(),
            shown: AtomicBool::new(false),
        }
    }

    pub fn on_drop(&self) -> Tick<'_> {
        Tick(self)
    }

    fn inc(&self) {
        self.bar.inc(1);
        if self.started.elapsed() >= self.after && !self.shown.swap(true, Ordering::Relaxed) {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            // Drawn now: a run that ends in the next few milliseconds still showed it once.
            self.bar.force_draw();
            self.bar.enable_steady_tick(Duration::from_millis(200));
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}
