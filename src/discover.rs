//! Which files a run reads: explicit files, directories walked recursively (`.gitignore`
//! honoured, hidden files skipped), `--include`/`--exclude` globs, `-` for paths on stdin
//! (a change list: deleted and unsupported paths in it are skipped and counted).
//!
//! Owns: the ordered, de-duplicated list of inputs. Must not: open or parse them.

use crate::document::Kind;
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::io::BufRead;
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub struct Input {
    pub path: PathBuf,
    /// The path as shown in output (as given / relative to where it was walked from).
    pub display: String,
}

pub struct Filters {
    include: Option<GlobSet>,
    exclude: GlobSet,
}

fn build(globs: &[String]) -> Result<GlobSet, String> {
    let mut b = GlobSetBuilder::new();
    for g in globs {
        let glob = Glob::new(g).map_err(|e| format!("invalid glob `{g}`: {e}"))?;
        b.add(glob);
        // `docs/**` should also match when the user's paths start with `./`.
    }
    b.build().map_err(|e| e.to_string())
}

impl Filters {
    pub fn new(include: &[String], exclude: &[String]) -> Result<Filters, String> {
        Ok(Filters {
            include: if include.is_empty() {
                None
            } else {
                Some(build(include)?)
            },
            exclude: build(exclude)?,
        })
    }

    /// Whether a file is kept: a glob matches the path as shown (`display`, relative to
    /// the current directory when typed so), the path inside the directory the user named
    /// (`within`: `check demo --exclude 'site/**'` leaves out `demo/site/…`), or the file
    /// name.
    /// Whether every file is kept (no `--include` or `--exclude`): then no path is matched.
    fn keeps_all(&self) -> bool {
        self.include.is_none() && self.exclude.is_empty()
    }

    fn keep(&self, display: &str, within: Option<&str>) -> bool {
        let p = display.strip_prefix("./").unwrap_or(display);
        let name = Path::new(p)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or(p);
        let m = |g: &GlobSet| {
            g.is_match(p) || g.is_match(name) || within.is_some_and(|w| g.is_match(w))
        };
        !m(&self.exclude) && self.include.as_ref().is_none_or(m)
    }
}

/// `path` inside the walked directory `dir`, as a glob sees it (`/` separators).
fn within(path: &Path, dir: &Path) -> Option<String> {
    path.strip_prefix(dir)
        .ok()
        .map(display)
        .filter(|s| !s.is_empty())
}

fn display(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_owned).unwrap_or(s)
}

/// Undo Git's C-style quoting of a path (`core.quotePath`): `"…"` with `\ooo` octal bytes
/// and `\n`, `\t`, `\"`, `\\`… escapes. `None` when `s` is not such a quoted name.
pub fn git_unquote(s: &str) -> Option<String> {
    let inner = s.strip_prefix('"')?.strip_suffix('"')?;
    let mut bytes = Vec::with_capacity(inner.len());
    let mut it = inner.bytes();
    while let Some(b) = it.next() {
        if b != b'\\' {
            bytes.push(b);
            continue;
        }
        let e = it.next()?;
        bytes.push(match e {
            b'a' => 0x07,
            b'b' => 0x08,
            b'f' => 0x0c,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'v' => 0x0b,
            b'0'..=b'3' => {
                let mut v = u32::from(e - b'0');
                for _ in 0..2 {
                    let d = it.next().filter(|d| (b'0'..=b'7').contains(d))?;
                    v = v * 8 + u32::from(d - b'0');
                }
                u8::try_from(v).ok()?
            }
            b'"' | b'\\' => e,
            _ => return None,
        });
    }
    String::from_utf8(bytes).ok()
}

/// What `collect` found: the inputs, and what it left out of a list read from stdin.
#[derive(Debug, Default)]
pub struct Collected {
    pub inputs: Vec<Input>,
    /// Paths listed on stdin with an extension msglint does not read.
    pub not_supported: usize,
    /// Paths listed on stdin that do not exist (deleted in a diff, typically).
    pub missing: usize,
    /// The first path given or listed that is checked (a directory, or a file kept as an
    /// input), to find the platform from: never a listed path that was skipped.
    pub first_path: Option<String>,
    /// Data files found by walking outside the conventional data and locale directories:
    /// read only when the platform's `copy_files` matches them ([`Collected::add_copy_files`]).
    pub data_candidates: Vec<Input>,
    /// Catalogs and locale files found by walking whose path names a language
    /// ([`language_of`]): kept only in the platform's languages ([`Collected::apply_platform`]).
    pub in_language: Vec<(PathBuf, String)>,
}

impl Collected {
    /// The stderr note for skipped listed paths, if any were skipped.
    pub fn skipped_note(&self) -> Option<String> {
        let n = self.not_supported + self.missing;
        (n > 0).then(|| {
            format!(
                "msglint: skipped {n} listed path{} ({} not supported, {} missing)",
                if n == 1 { "" } else { "s" },
                self.not_supported,
                self.missing
            )
        })
    }
}

/// Expand `args` into files. Unsupported extensions are skipped inside directories, but an
/// explicitly named file is always returned (and reported `unreadable` if unsupported).
pub fn collect(args: &[String], filters: &Filters) -> Result<Vec<Input>, String> {
    collect_all(args, filters).map(|c| c.inputs)
}

/// The supported files under `dir`, depth first with each directory's entries in name
/// order. The walk itself is unsorted (sorting each directory in the walker costs a path
/// parse per comparison); the files are sorted after, component by component: the same
/// order. A walk that meets an error is done again
/// sorted, so the error reported is the first in that order.
/// What a directory walk does with a file.
#[derive(Debug, PartialEq, Eq)]
enum Walked {
    Read,
    /// A data file outside the conventional data and locale directories: read only when
    /// the platform's `copy_files` names it.
    Candidate,
    Skip,
}

/// Dependencies: never a site's own copy.
const DEPENDENCIES: &[&str] = &["node_modules", "bower_components", "jspm_packages"];
/// Build output: components, scripts and data there are compiled copies of the sources
/// (an exported HTML site there is still read, as before).
const BUILD_OUTPUT: &[&str] = &[
    "dist",
    "build",
    "out",
    "_site",
    "storybook-static",
    "coverage",
    "vendor",
];
/// Where sites keep data files and message catalogs (Jekyll/Eleventy `_data`, Hugo `data`,
/// i18n `locales`/`messages`…): JSON, YAML and TOML under these are read by default.
pub const DATA_DIRS: &[&str] = &[
    "_data",
    "data",
    "locales",
    "locale",
    "i18n",
    "lang",
    "langs",
    "messages",
    "translations",
];

/// Whether a walk from `dir` would read `path`: `Some(true)` read, `Some(false)` only when
/// the platform's `copy_files` names it (a data file outside the data and locale
/// directories), `None` never (not a supported kind, a dependency, build output).
pub fn read_by_walk(path: &Path, dir: &Path) -> Option<bool> {
    match walked(path, dir) {
        Walked::Read => Some(true),
        Walked::Candidate => Some(false),
        Walked::Skip => None,
    }
}

/// Whether `s` is a language code: two or three letters, optionally a script or region
/// (`en`, `de-DE`, `pt_BR`, `zh-Hans`, `es-419`).
pub fn language_code(s: &str) -> bool {
    let mut parts = s.split(['-', '_']);
    let primary = parts.next().unwrap_or("");
    if !(2..=3).contains(&primary.len()) || !primary.bytes().all(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    let rest: Vec<&str> = parts.collect();
    rest.len() <= 1
        && rest.iter().all(|p| {
            (p.len() == 2 && p.bytes().all(|b| b.is_ascii_alphabetic()))
                || (p.len() == 4 && p.bytes().all(|b| b.is_ascii_alphabetic()))
                || (p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit()))
        })
}

/// The language a catalog or locale file's path names (`rel`: from the walked directory):
/// a `.po` file's name or a directory above it (`de.po`, `de/LC_MESSAGES/site.po`); a data
/// file's name or a directory below a locale directory (`locales/de.json`,
/// `i18n/fr/common.yml`). Lowercase, `_` written `-`.
pub fn language_of(rel: &Path, kind: Kind) -> Option<String> {
    let comps: Vec<&str> = rel.iter().filter_map(|c| c.to_str()).collect();
    let (last, dirs) = comps.split_last()?;
    let stem = Path::new(last).file_stem()?.to_str()?;
    let from = if kind == Kind::Po {
        0
    } else if kind.is_data() {
        // A locale directory: the data directories but `data` and `_data`.
        dirs.iter()
            .position(|d| DATA_DIRS.contains(d) && !d.ends_with("data"))?
            + 1
    } else {
        return None;
    };
    let norm = |s: &str| s.to_ascii_lowercase().replace('_', "-");
    if language_code(stem) {
        return Some(norm(stem));
    }
    dirs[from.min(dirs.len())..]
        .iter()
        .rev()
        .find(|d| language_code(d))
        .map(|d| norm(d))
}

/// Whether a file in language `lang` is copy in `languages` (empty: English): the same code,
/// or one is the other's language without its region (`de` and `de-AT`).
pub fn language_wanted(lang: &str, languages: &[String]) -> bool {
    let primary = |s: &str| s.split('-').next().unwrap_or("").to_owned();
    let want = |l: &str| {
        let l = l.to_ascii_lowercase().replace('_', "-");
        l == lang || (primary(&l) == primary(lang) && (!l.contains('-') || !lang.contains('-')))
    };
    if languages.is_empty() {
        want("en")
    } else {
        languages.iter().any(|l| want(l))
    }
}

/// Whether a walked file is read, by its kind and the directories between `dir` (the one
/// walked) and it.
fn walked(path: &Path, dir: &Path) -> Walked {
    let Some(kind) = Kind::from_path(path) else {
        return Walked::Skip;
    };
    let rel = path.strip_prefix(dir).unwrap_or(path);
    if !kind.is_web_source() {
        // Most paths name no dependency folder: one search of the bytes, not a walk of
        // the components.
        static DEPS: std::sync::LazyLock<Vec<memchr::memmem::Finder<'static>>> =
            std::sync::LazyLock::new(|| {
                DEPENDENCIES
                    .iter()
                    .map(|d| memchr::memmem::Finder::new(d.as_bytes()))
                    .collect()
            });
        let bytes = rel.as_os_str().as_encoded_bytes();
        if !DEPS.iter().any(|f| f.find(bytes).is_some()) {
            return Walked::Read;
        }
    }
    let parent = rel.parent().unwrap_or(Path::new(""));
    let mut dirs = parent.iter().filter_map(|c| c.to_str());
    if !kind.is_web_source() {
        return if dirs.any(|d| DEPENDENCIES.contains(&d)) {
            Walked::Skip
        } else {
            Walked::Read
        };
    }
    let dirs: Vec<&str> = dirs.collect();
    if dirs.iter().any(|d| DEPENDENCIES.contains(d)) {
        return Walked::Skip;
    }
    let built = dirs.iter().any(|d| BUILD_OUTPUT.contains(d))
        || dirs.windows(2).any(|w| w[0] == "public" && w[1] == "build");
    if built {
        return Walked::Skip;
    }
    // Scripts in `public/` or `static/` are served as they are: vendored libraries.
    if kind == Kind::Script
        && dirs
            .iter()
            .any(|d| matches!(*d, "public" | "static" | "assets"))
    {
        return Walked::Skip;
    }
    if kind.is_data() {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if crate::platform::FILE_NAMES.contains(&name) {
            return Walked::Skip;
        }
        return if dirs.iter().any(|d| DATA_DIRS.contains(d)) {
            Walked::Read
        } else {
            Walked::Candidate
        };
    }
    Walked::Read
}

fn walk(
    dir: &Path,
    arg: &str,
    filters: &Filters,
    candidates: &mut Vec<Input>,
    in_language: &mut Vec<(PathBuf, String)>,
) -> Result<Vec<Input>, String> {
    let inputs = walk_files(dir, arg, filters, candidates)?;
    for i in &inputs {
        let data_ext = i.path.extension().is_some_and(|e| {
            ["json", "yaml", "yml", "toml", "po"]
                .iter()
                .any(|x| e.eq_ignore_ascii_case(x))
        });
        if data_ext
            && let Some(kind) = Kind::from_path(&i.path)
            && (kind.is_data() || kind == Kind::Po)
            && let Some(lang) = language_of(i.path.strip_prefix(dir).unwrap_or(&i.path), kind)
        {
            in_language.push((i.path.clone(), lang));
        }
    }
    Ok(inputs)
}

fn walk_files(
    dir: &Path,
    arg: &str,
    filters: &Filters,
    candidates: &mut Vec<Input>,
) -> Result<Vec<Input>, String> {
    let mut paths = Vec::new();
    let candidates_out = candidates;
    let mut candidates: Vec<PathBuf> = Vec::new();
    for entry in ignore::WalkBuilder::new(dir).require_git(false).build() {
        let Ok(entry) = entry else {
            return walk_sorted(dir, arg, filters, candidates_out);
        };
        if entry.file_type().is_some_and(|t| t.is_file()) {
            let path = entry.into_path();
            match walked(&path, dir) {
                Walked::Read => paths.push(path),
                Walked::Candidate => candidates.push(path),
                Walked::Skip => {}
            }
        }
    }
    // Component by component is byte order with the separator below every other byte
    // (`Path`'s own comparison parses components each time: as slow as the walker's sort).
    paths.sort_unstable_by(|a, b| {
        path_order(
            a.as_os_str().as_encoded_bytes(),
            b.as_os_str().as_encoded_bytes(),
        )
    });
    candidates.sort_unstable_by(|a, b| {
        path_order(
            a.as_os_str().as_encoded_bytes(),
            b.as_os_str().as_encoded_bytes(),
        )
    });
    let keep = |path: PathBuf| {
        let d = display(&path);
        (filters.keeps_all() || filters.keep(&d, within(&path, dir).as_deref()))
            .then_some(Input { path, display: d })
    };
    candidates_out.extend(candidates.into_iter().filter_map(keep));
    Ok(paths.into_iter().filter_map(keep).collect())
}

/// Byte order with the separator below every other byte: the first differing byte decides
/// (found eight bytes at a time: paths of one directory share a long prefix).
fn path_order(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    let key = |x: u8| {
        if std::path::is_separator(char::from(x)) {
            0
        } else {
            x
        }
    };
    let mut i = 0;
    while let (Some(x), Some(y)) = (a.get(i..i + 8), b.get(i..i + 8)) {
        if x != y {
            break;
        }
        i += 8;
    }
    match a[i..].iter().zip(&b[i..]).position(|(x, y)| x != y) {
        Some(n) => key(a[i + n]).cmp(&key(b[i + n])),
        None => a.len().cmp(&b.len()),
    }
}

fn walk_sorted(
    dir: &Path,
    arg: &str,
    filters: &Filters,
    candidates: &mut Vec<Input>,
) -> Result<Vec<Input>, String> {
    let mut out = Vec::new();
    let walker = ignore::WalkBuilder::new(dir)
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        let entry = entry.map_err(|e| format!("walking {arg}: {e}"))?;
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let path = entry.into_path();
        let how = walked(&path, dir);
        if how == Walked::Skip {
            continue;
        }
        let d = display(&path);
        if filters.keeps_all() || filters.keep(&d, within(&path, dir).as_deref()) {
            if how == Walked::Candidate {
                candidates.push(Input { path, display: d });
            } else {
                out.push(Input { path, display: d });
            }
        }
    }
    Ok(out)
}

/// [`collect`], with what was skipped. Paths listed on stdin (`-`) are a change list:
/// unsupported and missing ones are skipped and counted, not reported.
pub fn collect_all(args: &[String], filters: &Filters) -> Result<Collected, String> {
    // (path, listed on stdin)
    let mut raw: Vec<(String, bool)> = Vec::new();
    for a in args {
        if a == "-" {
            for line in std::io::stdin().lock().lines() {
                let line = line.map_err(|e| format!("reading paths from stdin: {e}"))?;
                let t = line.trim();
                if t.is_empty() {
                    continue;
                }
                // Git C-quotes names with non-ASCII or special characters
                // (`"caf\303\251.md"`); take the name it means when the line is not a path.
                let path = match git_unquote(t) {
                    Some(u) if !Path::new(t).exists() => u,
                    _ => t.to_owned(),
                };
                raw.push((path, true));
            }
        } else {
            raw.push((a.clone(), false));
        }
    }
    if raw.is_empty() && args.is_empty() {
        raw.push((".".into(), false));
    }
    let mut c = Collected::default();
    for (a, listed) in raw {
        let p = PathBuf::from(&a);
        let exists = p.exists();
        if p.is_dir() {
            c.first_path.get_or_insert_with(|| a.clone());
            c.inputs.extend(walk(
                &p,
                &a,
                filters,
                &mut c.data_candidates,
                &mut c.in_language,
            )?);
        } else if listed && !exists {
            c.missing += 1;
        } else if listed && Kind::from_path(&p).is_none() {
            c.not_supported += 1;
        } else if exists {
            let d = display(&p);
            if filters.keep(&d, None) {
                c.first_path.get_or_insert_with(|| a.clone());
                c.inputs.push(Input {
                    path: p,
                    display: d,
                });
            }
        } else {
            return Err(format!("{a}: no such file or directory"));
        }
    }
    let mut seen = std::collections::HashSet::new();
    c.inputs.retain(|i| seen.insert(i.path.clone()));
    c.data_candidates.retain(|i| !seen.contains(&i.path));
    Ok(c)
}

/// The platform's `copy_files` as one glob set (validated when the platform was read).
pub fn copy_file_globs(globs: &[String]) -> GlobSet {
    let mut b = GlobSetBuilder::new();
    for g in globs {
        if let Ok(g) = Glob::new(g) {
            b.add(g);
        }
    }
    b.build().unwrap_or_else(|_| GlobSet::empty())
}

impl Collected {
    /// What the platform decides about the files found: the data files its `copy_files`
    /// names join the inputs, and catalogs and locale files in languages it does not name
    /// leave them. Returns how many files each step moved (added, left out).
    pub fn apply_platform(
        &mut self,
        platform: &crate::platform::Platform,
        root: &Path,
    ) -> (usize, usize) {
        let added = if self.data_candidates.is_empty() {
            0
        } else {
            self.add_copy_files(&copy_file_globs(&platform.copy_files), root)
        };
        let other: std::collections::HashSet<&PathBuf> = self
            .in_language
            .iter()
            .filter(|(_, l)| !language_wanted(l, &platform.languages))
            .map(|(p, _)| p)
            .collect();
        let before = self.inputs.len();
        if !other.is_empty() {
            self.inputs.retain(|i| !other.contains(&i.path));
        }
        (added, before - self.inputs.len())
    }

    /// Whether the platform must be read before the run starts ([`Collected::apply_platform`]).
    pub fn needs_platform(&self) -> bool {
        !self.data_candidates.is_empty() || !self.in_language.is_empty()
    }

    /// Move the data candidates that `copy_files` (globs relative to `root`, the platform
    /// file's directory) matches into the inputs, in path order.
    pub fn add_copy_files(&mut self, globs: &GlobSet, root: &Path) -> usize {
        if globs.is_empty() {
            return 0;
        }
        let root_abs = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let taken: Vec<Input> = std::mem::take(&mut self.data_candidates)
            .into_iter()
            .filter(|i| {
                let abs = std::fs::canonicalize(&i.path).unwrap_or_else(|_| i.path.clone());
                let rel = abs.strip_prefix(&root_abs).unwrap_or(&i.path);
                globs.is_match(rel) || globs.is_match(&i.display)
            })
            .collect();
        let n = taken.len();
        if n == 0 {
            return 0;
        }
        self.inputs.extend(taken);
        self.inputs.sort_by(|a, b| {
            path_order(
                a.path.as_os_str().as_encoded_bytes(),
                b.path.as_os_str().as_encoded_bytes(),
            )
        });
        n
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn path_order_is_component_order() {
        let key = |b: u8| if b == b'/' { 0 } else { b };
        let slow = |a: &[u8], b: &[u8]| a.iter().map(|&x| key(x)).cmp(b.iter().map(|&x| key(x)));
        let paths: [&[u8]; 12] = [
            b"",
            b"a",
            b"a/b",
            b"a-b",
            b"a/b/c",
            b"a.md",
            b"abcdefgh/ij",
            b"abcdefgh-ij",
            b"abcdefghij",
            b"abcdefgh",
            b"abcdefgh/ij/klmnopqr/s",
            b"abcdefgh/ij/klmnopqr.t",
        ];
        for a in paths {
            for b in paths {
                assert_eq!(super::path_order(a, b), slow(a, b), "{a:?} {b:?}");
            }
        }
    }

    use super::git_unquote;

    #[test]
    fn unsorted_walk_sorted_after_is_the_sorted_walk() {
        let root = std::env::temp_dir().join(format!("msglint-walk-{}", std::process::id()));
        let names = [
            "a/x.md",
            "a/Y.md",
            "a-b/z.md",
            "a.md",
            "B/q.md",
            "b.md",
            "c/d/e.md",
            "c/a.md",
            "c.md",
            "a b.md",
            "_u.md",
            "a0/k.md",
            "é.md",
            "z/ä/f.md",
        ];
        for n in names {
            let p = root.join(n);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("dir");
            std::fs::write(&p, "text").expect("write");
        }
        let filters = super::Filters::new(&[], &[]).expect("filters");
        let paths = |v: Vec<super::Input>| v.into_iter().map(|i| i.path).collect::<Vec<_>>();
        let fast = paths(super::walk_files(&root, "x", &filters, &mut Vec::new()).expect("walk"));
        let sorted =
            paths(super::walk_sorted(&root, "x", &filters, &mut Vec::new()).expect("walk"));
        let _ = std::fs::remove_dir_all(&root);
        assert_eq!(fast.len(), names.len());
        assert_eq!(fast, sorted);
    }

    #[test]
    fn git_quoted_names() {
        assert_eq!(
            git_unquote(r#""docs/caf\303\251 \"x\"\t.md""#).as_deref(),
            Some("docs/café \"x\"\t.md")
        );
        assert_eq!(git_unquote("docs/plain.md"), None);
        assert_eq!(git_unquote(r#""bad\9""#), None);
        assert_eq!(git_unquote(r#""\377""#), None, "not UTF-8");
    }
}
