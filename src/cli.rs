//! Command-line arguments (clap derive). Owns flag names and help text only.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "msglint",
    version,
    about = "Lint decks, PDFs, Markdown and web pages against your message platform",
    after_help = "Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it; 2 usage, platform-file or internal error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Lint files and directories against the message platform.
    Check(CheckArgs),
    /// Print the text msglint sees in a file, with locators.
    Extract {
        /// The file to read.
        file: PathBuf,
    },
    /// List the rules.
    Rules,
    /// Explain one rule, with examples.
    Explain {
        /// A rule id, e.g. `retired-term`.
        id: String,
    },
    /// Print the JSON Schema of `msglint.yaml`.
    Schema,
    /// Export the platform for another tool.
    Export {
        #[command(subcommand)]
        target: ExportTarget,
    },
    /// Write a corrected copy of a deck, Word file, Markdown, HTML or text file: the safe
    /// replacements (brand-name, preferred-term, retired-term) made, everything else kept.
    Fix(FixArgs),
    /// Start the rep's page: drop a file, see its findings, download a corrected copy.
    #[cfg(feature = "serve")]
    Serve(ServeArgs),
    /// Write a commented starter `msglint.yaml` (and its JSON Schema beside it).
    Init {
        /// Where to write it.
        #[arg(default_value = "msglint.yaml")]
        path: PathBuf,
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum ExportTarget {
    /// Write the platform's brand names, preferred terms and retired phrases as a Vale style.
    Vale {
        /// The Vale styles directory (the style is written in DIR/<Company>/).
        dir: PathBuf,
        /// The platform file (default: found as for `check`).
        #[arg(long, value_name = "FILE")]
        platform: Option<PathBuf>,
    },
}

#[derive(Parser, Debug)]
pub struct CheckArgs {
    /// Files and directories (recursive; `.gitignore` honoured). `-` reads paths from stdin,
    /// one a line (e.g. `git diff --name-only`): listed paths that are missing or of an
    /// unsupported type are skipped with a note. Defaults to the current directory.
    pub paths: Vec<String>,
    /// The platform file (default: `msglint.yaml` or `.msglint.yaml` here or in a parent).
    #[arg(long, value_name = "FILE")]
    pub platform: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Exit 1 when a finding is at or above this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Only check paths matching this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    /// Skip paths matching this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Silence the findings recorded in FILE (written by --write-baseline).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record today's findings in FILE, to silence them later with --baseline.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Apply safe replacements (brand-name, preferred-term, retired-term) to Markdown, HTML
    /// and text files, atomically. Decks and PDFs are never written (`msglint fix` makes a
    /// corrected copy of a deck or Word file).
    #[arg(long)]
    pub fix: bool,
    /// Write the replacements --fix would make to stdout as a unified diff (for `git apply`
    /// or `patch -p1`), without writing; the report goes to --output, else to stderr.
    #[arg(long)]
    pub diff: bool,
    /// Pass (exit 0) when no supported file was found to check, instead of exiting 2.
    #[arg(long)]
    pub allow_empty: bool,
    /// Colour: auto (a terminal without NO_COLOR), always or never.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    /// List at most N findings per file (the rest are counted in the summary); 0: no limit.
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub max_findings_per_file: usize,
    /// Time budget per file in seconds; a file over it is reported as unreadable.
    #[arg(long, value_name = "SECS", default_value_t = 20.0)]
    pub timeout: f64,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
    Junit,
    Gitlab,
    Checkstyle,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Parser, Debug)]
pub struct FixArgs {
    /// The file to correct (.pptx, .docx, .md, .html, .txt). It is never written.
    pub input: PathBuf,
    /// Where to write the corrected copy (must not be the input).
    #[arg(
        long,
        short = 'o',
        value_name = "FILE",
        required_unless_present = "dry_run"
    )]
    pub output: Option<PathBuf>,
    /// The platform file (default: found as for `check`).
    #[arg(long, value_name = "FILE")]
    pub platform: Option<PathBuf>,
    /// Print one line per change (where, before → after) and per skipped replacement.
    #[arg(long)]
    pub report: bool,
    /// Print the changes without writing anything.
    #[arg(long)]
    pub dry_run: bool,
    /// Time budget in seconds; a file over it is reported as unreadable.
    #[arg(long, value_name = "SECS", default_value_t = 20.0)]
    pub timeout: f64,
}

#[cfg(feature = "serve")]
#[derive(Parser, Debug)]
pub struct ServeArgs {
    /// The platform file (default: found as for `check`); re-read when it changes.
    #[arg(long, value_name = "FILE")]
    pub platform: Option<PathBuf>,
    /// Address to listen on. Anything but a loopback address lets other machines in.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub bind: String,
    /// Port (0: any free port).
    #[arg(long, default_value_t = 7878)]
    pub port: u16,
    /// Open the page in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Largest upload accepted, in MB.
    #[arg(long, value_name = "MB", default_value_t = 100)]
    pub max_upload_mb: u64,
    /// Time budget per file in seconds; a file over it is reported as unreadable.
    #[arg(long, value_name = "SECS", default_value_t = 20.0)]
    pub timeout: f64,
}
