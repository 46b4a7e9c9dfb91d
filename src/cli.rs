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
    /// and text files, atomically. Decks and PDFs are never written.
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
    /// Check N files at once (default: the number of cores).
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
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
