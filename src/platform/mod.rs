//! The message platform: the checked, typed form of `msglint.yaml`.
//!
//! Owns: the platform types, finding the file (`msglint.yaml` / `.msglint.yaml` upward from the
//! current directory), and loading it through `yaml` → `validate`. Must not: match text
//! (that is `index.rs` and the rules).

pub mod index;
pub mod schema;
pub mod validate;
pub mod yaml;

use crate::diagnostic::Severity;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use validate::PlatformError;

#[derive(Clone, Debug, Default)]
pub struct Platform {
    pub version: u32,
    pub company: Company,
    pub products: Vec<Product>,
    pub tagline: Option<String>,
    pub one_liner: Option<String>,
    pub value_props: Vec<Message>,
    pub differentiators: Vec<Message>,
    pub claims: Vec<Claim>,
    pub boilerplate: Vec<Boilerplate>,
    pub icp: Icp,
    pub terms: Vec<Term>,
    pub retired: Vec<Retired>,
    pub competitors: Vec<Competitor>,
    /// Approved wordings by length (`descriptions: {short, medium, long}`).
    pub descriptions: Descriptions,
    /// Which statements must appear verbatim (`exact:`); `None` = the default (tagline,
    /// one-liner, descriptions).
    pub exact: Option<Vec<String>>,
    pub references: References,
    pub assets: Vec<AssetType>,
    pub rules: BTreeMap<String, Level>,
    pub exceptions: Vec<Exception>,
    /// Findings below this confidence are not reported by `check` (default `medium`).
    pub min_confidence: Option<crate::diagnostic::Confidence>,
    /// Data files (JSON, YAML, TOML) to read as copy beyond the conventional data and
    /// locale directories: globs relative to the platform file's directory.
    pub copy_files: Vec<String>,
    /// The languages the copy is written in (`en`, `de`, `pt-BR`): message catalogs and
    /// locale files a walk finds in other languages are not read. Empty: English.
    pub languages: Vec<String>,
}

impl Platform {
    /// Every approved wording: tagline, one-liner, value props and differentiators with
    /// their variants, claim statements, boilerplate and descriptions. A sentence taken from
    /// one of them is approved text and never drifts.
    pub fn approved_wordings(&self) -> impl Iterator<Item = &String> {
        self.tagline
            .iter()
            .chain(self.one_liner.iter())
            .chain(
                self.value_props
                    .iter()
                    .chain(&self.differentiators)
                    .flat_map(|m| std::iter::once(&m.statement).chain(m.variants.iter())),
            )
            .chain(self.claims.iter().map(|c| &c.statement))
            .chain(self.boilerplate.iter().map(|b| &b.text))
            .chain(self.descriptions.iter().map(|(_, t)| t))
    }
}

#[derive(Clone, Debug, Default)]
pub struct Company {
    pub name: String,
    pub variants: Vec<String>,
    /// `case: exact`: only this exact case is the company ("Outline", not "outline").
    pub case_exact: bool,
}

#[derive(Clone, Debug, Default)]
pub struct Product {
    pub name: String,
    pub variants: Vec<String>,
    /// `case: exact`: only this exact case is the product ("Campaigns", not "campaigns").
    pub case_exact: bool,
}

#[derive(Clone, Debug, Default)]
pub struct Descriptions {
    pub short: Option<String>,
    pub medium: Option<String>,
    pub long: Option<String>,
}

impl Descriptions {
    /// (`descriptions.short`…, text) for the lengths given.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &String)> {
        [
            ("descriptions.short", &self.short),
            ("descriptions.medium", &self.medium),
            ("descriptions.long", &self.long),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| (k, v)))
    }
}

/// Customers the company may name, and those it may no longer name.
#[derive(Clone, Debug, Default)]
pub struct References {
    pub approved: Vec<String>,
    pub withdrawn: Vec<Withdrawn>,
}

#[derive(Clone, Debug, Default)]
pub struct Withdrawn {
    pub name: String,
    pub withdrawn_on: Option<String>,
    pub reason: Option<String>,
}

/// A value proposition or differentiator.
#[derive(Clone, Debug, Default)]
pub struct Message {
    pub id: String,
    pub statement: String,
    pub variants: Vec<String>,
    pub keywords: Vec<String>,
    /// `exact: true`: the statement must appear verbatim (a legal line, a slogan).
    pub exact: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Qualifier {
    #[default]
    Exact,
    AtLeast,
    AtMost,
    Approx,
}

impl Qualifier {
    pub const NAMES: [&'static str; 4] = ["exact", "at_least", "at_most", "approx"];
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "exact" => Qualifier::Exact,
            "at_least" => Qualifier::AtLeast,
            "at_most" => Qualifier::AtMost,
            "approx" => Qualifier::Approx,
            _ => return None,
        })
    }
}

#[derive(Clone, Debug, Default)]
pub struct Claim {
    pub id: String,
    pub statement: String,
    pub subject: Vec<String>,
    pub value: Option<f64>,
    pub qualifier: Qualifier,
    pub superseded: Vec<f64>,
    /// For each of `superseded`, the last day it was right (`{value, until}`), if given.
    pub superseded_until: Vec<Option<String>>,
    pub source: Option<String>,
    pub as_of: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct Boilerplate {
    pub id: String,
    pub text: String,
}

#[derive(Clone, Debug, Default)]
pub struct Icp {
    pub summary: Option<String>,
    pub employees: Option<(Option<f64>, Option<f64>)>,
    pub industries: Vec<String>,
    pub personas: Vec<String>,
    pub excluded: Vec<Excluded>,
}

#[derive(Clone, Debug, Default)]
pub struct Excluded {
    pub segment: String,
    pub signals: Vec<String>,
}

#[derive(Clone, Debug, Default)]
pub struct Term {
    pub use_: String,
    pub avoid: Vec<String>,
    /// Report avoid forms inside other organisations' names and quoted labels too.
    pub in_names: bool,
    /// `case: exact`: an avoid form matches only in the case written.
    pub case_exact: bool,
}

#[derive(Clone, Debug, Default)]
pub struct Retired {
    /// A retired name or phrase (matched as a phrase); empty for a retired statement.
    pub phrase: String,
    /// A retired sentence or paragraph, recognised when restated or lightly edited.
    pub statement: Option<String>,
    /// `case: exact`: the phrase matches only in the case written.
    pub case_exact: bool,
    pub replacement: Option<String>,
    pub retired_on: Option<String>,
    pub reason: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct Competitor {
    pub name: String,
}

/// What an asset type must say (`assets[].require`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Requirement {
    Tagline,
    OneLiner,
    ValueProps(u32),
    Differentiators(u32),
}

#[derive(Clone, Debug, Default)]
pub struct AssetType {
    pub kind: String,
    pub paths: Vec<String>,
    pub require: Vec<Requirement>,
    pub allow: Vec<String>,
    /// `dated: false`: files of this type must always be current (a home page); their
    /// date never makes an old number history.
    pub dated: bool,
    /// Who answers for these assets (a team or a person): the audit groups by it.
    pub owner: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct Exception {
    pub paths: Vec<String>,
    pub skip: Vec<String>,
}

/// A severity as the platform file may set it: a severity or `off`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Off,
    On(Severity),
}

/// A loaded platform and where it came from (globs in `assets`/`exceptions` are relative to
/// the file's directory).
#[derive(Clone, Debug)]
pub struct Loaded {
    pub platform: Platform,
    pub path: PathBuf,
    pub root: PathBuf,
}

pub const FILE_NAMES: [&str; 2] = ["msglint.yaml", ".msglint.yaml"];

/// The nearest `msglint.yaml` / `.msglint.yaml` in `start` or a parent.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let mut dir = Some(start);
    while let Some(d) = dir {
        for name in FILE_NAMES {
            let p = d.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
        dir = d.parent();
    }
    None
}

/// Why a platform could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    Io(PathBuf, std::io::Error),
    Invalid {
        path: PathBuf,
        source: String,
        errors: Vec<PlatformError>,
    },
}

pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    let bytes = std::fs::read(path).map_err(|e| LoadError::Io(path.to_owned(), e))?;
    let source = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let (source, error) = not_utf8(e.as_bytes());
            return Err(LoadError::Invalid {
                path: path.to_owned(),
                source,
                errors: vec![error],
            });
        }
    };
    let platform = parse_str(&source).map_err(|errors| LoadError::Invalid {
        path: path.to_owned(),
        source: source.clone(),
        errors,
    })?;
    let root = path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    Ok(Loaded {
        platform,
        path: path.to_owned(),
        root,
    })
}

/// A platform file that is not UTF-8: where, and what it is instead (UTF-16, by its
/// byte-order mark or its zero bytes), with the text to show under the error.
fn not_utf8(bytes: &[u8]) -> (String, PlatformError) {
    let utf16 = match bytes {
        [0xFF, 0xFE, ..] => Some(encoding_rs::UTF_16LE),
        [0xFE, 0xFF, ..] => Some(encoding_rs::UTF_16BE),
        [_, 0, ..] => Some(encoding_rs::UTF_16LE),
        [0, _, ..] => Some(encoding_rs::UTF_16BE),
        _ => None,
    };
    let help = Some("save the file as UTF-8 (in most editors: Save As › Encoding › UTF-8)".into());
    if let Some(enc) = utf16 {
        let (text, _, _) = enc.decode(bytes);
        let source = text.trim_start_matches('\u{feff}').to_owned();
        let error = PlatformError {
            pos: yaml::Pos {
                line: 1,
                col: 1,
                offset: 0,
            },
            len: source.chars().next().map_or(1, char::len_utf8),
            message: format!(
                "the platform file must be UTF-8; this one is {}",
                enc.name()
            ),
            label: "read as UTF-16 to show it here".into(),
            help,
        };
        return (source, error);
    }
    // The first byte that is not UTF-8, at its line and column (the text before it is).
    let valid = std::str::from_utf8(bytes)
        .err()
        .map_or(0, |e| e.valid_up_to());
    let before = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let source = String::from_utf8_lossy(bytes).into_owned();
    let error = PlatformError {
        pos: yaml::Pos {
            line: u32::try_from(before.matches('\n').count() + 1).unwrap_or(u32::MAX),
            col: u32::try_from(before[line_start..].chars().count() + 1).unwrap_or(u32::MAX),
            offset: valid,
        },
        len: 1,
        message: format!(
            "the platform file must be UTF-8; byte 0x{:02X} is not",
            bytes.get(valid).copied().unwrap_or(0)
        ),
        label: "not UTF-8".into(),
        help,
    };
    (source, error)
}

/// Parse and validate platform text; every error at once.
pub fn parse_str(source: &str) -> Result<Platform, Vec<PlatformError>> {
    // Most platform files are plain block YAML: read them without serde-saphyr (whose
    // tokenizer and span tracking cost ~900 instructions a byte). The tree has no
    // positions, so a file with anything to report is read again the full way: errors and
    // their locations come from that tree alone.
    if let Some(node) = yaml::parse_simple(source)
        && let Ok(platform) = validate::validate(&node, source)
    {
        return Ok(platform);
    }
    let node = yaml::parse(source).map_err(|e| {
        vec![PlatformError {
            pos: e.pos.unwrap_or_default(),
            len: 1,
            message: format!("invalid YAML: {}", e.message),
            label: "here".into(),
            help: e.help,
        }]
    })?;
    validate::validate(&node, source)
}
