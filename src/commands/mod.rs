//! The commands: arguments → the engine API → output and an exit code.
//!
//! Owns: exit codes, what is printed, and the order of steps of each command (`check`,
//! `audit`, `fix`, `serve`, `init`, `lsp`, and the small ones in `tools`). Nothing below
//! this layer imports it. Must not: parse formats, implement rules, run files itself (the
//! engine's pipeline does).

mod audit;
mod check;
mod fix;
mod init;
mod lsp;
#[cfg(feature = "serve")]
mod serve;
mod tools;

use crate::cli::{Cli, Color, Command};
use crate::engine::Failure;
use std::io::Write;
use std::path::Path;

pub const EXIT_OK: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_ERROR: i32 = 2;

pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Audit(args) => audit::run(&args),
        Command::Extract { file } => tools::extract(&file),
        Command::Rules => tools::rules(),
        Command::Explain { id } => tools::explain(&id),
        Command::Init(args) => init::run(&args),
        Command::Fix(args) => fix::run(&args),
        #[cfg(feature = "serve")]
        Command::Serve(args) => serve::run(&args),
        Command::Lsp(args) => lsp::run(&args),
        Command::Schema => {
            print!("{}", crate::engine::platform_schema());
            EXIT_OK
        }
        Command::Export {
            target: crate::cli::ExportTarget::Vale { dir, platform: p },
        } => tools::export_vale(&dir, p.as_deref()),
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

/// Load the platform named by `--platform`, or the nearest one (see
/// `engine::find_platform`); errors are printed, the exit code returned.
fn load_platform(
    explicit: Option<&Path>,
    first_path: Option<&str>,
    color: bool,
) -> Result<crate::engine::Loaded, i32> {
    crate::engine::find_and_load(explicit, first_path, color).map_err(report)
}

/// Print why a step stopped; the exit code (`EXIT_ERROR`).
fn report(f: Failure) -> i32 {
    let mut err = std::io::stderr();
    match f {
        Failure::Message(m) => {
            let _ = writeln!(err, "error: {m}");
        }
        Failure::Rendered(r) => {
            let _ = write!(err, "{r}");
        }
        Failure::Printed => {}
    }
    EXIT_ERROR
}

/// `Ok` → `EXIT_OK`, a failure printed → `EXIT_ERROR`.
fn done(r: Result<(), Failure>) -> i32 {
    r.map_or_else(report, |()| EXIT_OK)
}

/// "1 finding", "2 findings".
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
