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
    /// Write the library report: scores, message coverage, circulating problems, every
    /// finding, and trends against an earlier audit. Exits 0 unless the run fails.
    Audit(AuditArgs),
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
    /// Write a commented starter `msglint.yaml` (and its JSON Schema beside it), or, with
    /// `--from`, draft one from the decks, PDFs and pages you already have.
    Init(InitArgs),
    /// Speak the Language Server Protocol on stdin/stdout: findings as you type in an
    /// editor (VS Code, Neovim, Helix, Zed), quick fixes, the rule on hover.
    Lsp(LspArgs),
}

#[derive(Parser, Debug)]
pub struct LspArgs {
    /// The platform file (default: the nearest `msglint.yaml` or `.msglint.yaml` from the
    /// workspace folder, else from the current directory, up); re-read when it is saved.
    #[arg(long, value_name = "FILE")]
    pub platform: Option<PathBuf>,
    /// Talk over stdin/stdout (the only transport; accepted because clients pass it).
    #[arg(long)]
    pub stdio: bool,
}

#[derive(Parser, Debug)]
pub struct InitArgs {
    /// Where to write it (also `-o`).
    #[arg(default_value = "msglint.yaml")]
    pub path: PathBuf,
    /// Draft the platform from these files and directories (found and read as `check`
    /// finds and reads them): names and their variants, tagline candidates, messages,
    /// numbers, competitors, boilerplate, who the copy addresses.
    #[arg(long, value_name = "PATHS", num_args = 1..)]
    pub from: Vec<String>,
    /// Where to write the draft (default: the path argument, `msglint.yaml`); `-` for stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// With --from: also write the message inventory, one self-contained HTML page that
    /// puts every name, message and number side by side across the assets.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// With --from: the draft as a commented `yaml` platform, or the whole inventory as `json`.
    #[arg(long, value_enum, default_value_t = InitFormat::Yaml)]
    pub format: InitFormat,
    /// With --from: only read paths matching this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    /// With --from: skip paths matching this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// With --from: read N files at once (default: the number of cores).
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// With --from: time budget per file in seconds; a file over it is left out and named.
    #[arg(long, value_name = "SECS", default_value_t = 20.0)]
    pub timeout: f64,
    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum InitFormat {
    Yaml,
    Json,
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
    /// Check only shard I of N (1-based): a stable split by path hash, for a CI job matrix.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<Shard>,
    /// No progress bar (it is only ever shown on a terminal).
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Check N files at once (default: the number of cores).
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Report only findings at or above this confidence (default: the platform's
    /// `min_confidence`, else medium). `low` shows everything.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub min_confidence: Option<MinConfidence>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum MinConfidence {
    High,
    Medium,
    Low,
}

impl MinConfidence {
    pub fn level(self) -> crate::diagnostic::Confidence {
        match self {
            MinConfidence::High => crate::diagnostic::Confidence::High,
            MinConfidence::Medium => crate::diagnostic::Confidence::Medium,
            MinConfidence::Low => crate::diagnostic::Confidence::Low,
        }
    }
}

#[derive(Parser, Debug)]
pub struct AuditArgs {
    /// Files and directories, as for `check` (`-` reads paths from stdin). Defaults to the
    /// current directory.
    pub paths: Vec<String>,
    /// The platform file (default: found as for `check`).
    #[arg(long, value_name = "FILE")]
    pub platform: Option<PathBuf>,
    /// Report format: one self-contained HTML page, JSON (what --compare and --merge read),
    /// or CSV (one row per finding; the coverage matrix goes to FILE.coverage.csv beside it).
    #[arg(long, value_enum, default_value_t = AuditFormat::Html)]
    pub format: AuditFormat,
    /// Where to write the report (default: msglint-audit.html, .json or .csv); `-` for stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Only audit paths matching this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    /// Skip paths matching this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Show what changed since an earlier `msglint audit --format json`.
    #[arg(long, value_name = "PREVIOUS.json")]
    pub compare: Option<PathBuf>,
    /// Combine the JSON of `msglint audit --shard I/N --format json` runs into one report
    /// (cross-asset conflicts and coverage across all shards) instead of checking files.
    #[arg(long, value_name = "SHARD.json", num_args = 1.., conflicts_with_all = ["paths", "shard"])]
    pub merge: Vec<PathBuf>,
    /// Audit only shard I of N (1-based) and write what --merge needs (use --format json).
    #[arg(long, value_name = "I/N")]
    pub shard: Option<Shard>,
    /// Pass (exit 0) when no supported file was found, instead of exiting 2.
    #[arg(long)]
    pub allow_empty: bool,
    /// List at most N findings per file (the rest are counted); 0: no limit.
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub max_findings_per_file: usize,
    /// Time budget per file in seconds; a file over it is reported as unreadable.
    #[arg(long, value_name = "SECS", default_value_t = 20.0)]
    pub timeout: f64,
    /// Check N files at once (default: the number of cores).
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// No progress bar (it is only ever shown on a terminal).
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuditFormat {
    Html,
    Json,
    Csv,
}

/// `--shard I/N`: the I-th of N shards, 1-based.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

impl std::str::FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> Result<Shard, String> {
        let bad = || format!("expected I/N with 1 <= I <= N (e.g. 2/3), not `{s}`");
        let (i, n) = s.split_once('/').ok_or_else(bad)?;
        let index: u32 = i.trim().parse().map_err(|_| bad())?;
        let count: u32 = n.trim().parse().map_err(|_| bad())?;
        if index == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

impl Shard {
    /// Whether a file (by its path as given, `\` read as `/`) belongs to this shard: a
    /// hash of the path, the same on every machine and in every version.
    pub fn contains(&self, path: &str) -> bool {
        let norm = path.replace('\\', "/");
        let norm = norm.strip_prefix("./").unwrap_or(&norm);
        let h = crate::diagnostic::fnv64(&[norm]);
        let h = u64::from_str_radix(&h, 16).unwrap_or(0);
        h % u64::from(self.count) == u64::from(self.index - 1)
    }
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
    /// Let pages of this origin (`https://tools.example.com`) call the API as well as the
    /// page itself (repeatable). Requests from any other web site are refused.
    #[arg(long, value_name = "ORIGIN")]
    pub allow_origin: Vec<String>,
    /// Time budget per file in seconds; a file over it is reported as unreadable.
    #[arg(long, value_name = "SECS", default_value_t = 20.0)]
    pub timeout: f64,
}
