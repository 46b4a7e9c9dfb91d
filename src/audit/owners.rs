//! Who answers for each asset: the platform's `assets[].owner` of the file's asset type,
//! else the last matching line of a `CODEOWNERS` file (GitHub's rules: beside the platform
//! file or in its `.github/` or `docs/` folder, else at the root of the git repository that
//! holds it).
//!
//! Owns: CODEOWNERS parsing and the owner of a path. Must not: decide findings.

use globset::{GlobBuilder, GlobMatcher};
use std::path::{Path, PathBuf};

/// A parsed CODEOWNERS file: its root (paths are relative to it) and its rules in order.
pub struct CodeOwners {
    root: PathBuf,
    rules: Vec<(Vec<GlobMatcher>, String)>,
}

fn matcher(glob: &str) -> Option<GlobMatcher> {
    GlobBuilder::new(glob)
        .literal_separator(true)
        .build()
        .ok()
        .map(|g| g.compile_matcher())
}

/// A CODEOWNERS pattern as globs (gitignore rules: a leading or inner `/` anchors it to the
/// root, otherwise it matches at any depth; a directory matches everything under it).
fn globs(pattern: &str) -> Vec<GlobMatcher> {
    let dir = pattern.ends_with('/');
    let p = pattern.trim_end_matches('/');
    let anchored = p.starts_with('/') || p.contains('/');
    let p = p.trim_start_matches('/');
    if p.is_empty() {
        return Vec::new();
    }
    let base = if anchored || p.starts_with("**") {
        p.to_owned()
    } else {
        format!("**/{p}")
    };
    let mut out = Vec::new();
    if !dir {
        out.extend(matcher(&base));
    }
    out.extend(matcher(&format!("{base}/**")));
    out
}

impl CodeOwners {
    pub fn parse(root: &Path, text: &str) -> CodeOwners {
        let mut rules = Vec::new();
        for line in text.lines() {
            let line = line.split(" #").next().unwrap_or("").trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut parts = line.split_whitespace();
            let Some(pattern) = parts.next() else {
                continue;
            };
            let owners: Vec<&str> = parts.collect();
            rules.push((globs(pattern), owners.join(" ")));
        }
        CodeOwners {
            root: root.to_path_buf(),
            rules,
        }
    }

    /// The CODEOWNERS file that applies to a platform file in `dir`, when there is one.
    pub fn find(dir: &Path) -> Option<CodeOwners> {
        let dir = std::fs::canonicalize(dir).ok()?;
        let repo = dir.ancestors().find(|d| d.join(".git").exists());
        let mut roots = vec![dir.clone()];
        if let Some(r) = repo.filter(|r| *r != dir) {
            roots.push(r.to_path_buf());
        }
        for root in roots {
            for rel in ["CODEOWNERS", ".github/CODEOWNERS", "docs/CODEOWNERS"] {
                let f = root.join(rel);
                if f.is_file()
                    && let Ok(text) = std::fs::read_to_string(&f)
                {
                    return Some(CodeOwners::parse(&root, &text));
                }
            }
        }
        None
    }

    /// The owners of `path` (as given on the command line): the last matching line's.
    pub fn owner(&self, path: &Path) -> Option<String> {
        let abs = std::fs::canonicalize(path).ok()?;
        let rel = abs.strip_prefix(&self.root).ok()?;
        self.owner_of_relative(rel)
    }

    fn owner_of_relative(&self, rel: &Path) -> Option<String> {
        self.rules
            .iter()
            .rev()
            .find(|(g, _)| g.iter().any(|m| m.is_match(rel)))
            .map(|(_, o)| o.clone())
            .filter(|o| !o.is_empty())
    }
}

/// Each path's owner: its asset type's `owner`, else CODEOWNERS.
pub fn owners(engine: &crate::check::Engine, paths: &[&str]) -> Vec<Option<String>> {
    let dir = engine
        .loaded
        .path
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let codeowners = CodeOwners::find(&dir);
    paths
        .iter()
        .map(|p| {
            let path = Path::new(p);
            engine
                .asset_type(&engine.platform_relative(path))
                .and_then(|a| a.owner.clone())
                .or_else(|| codeowners.as_ref().and_then(|c| c.owner(path)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_matching_line_wins() {
        let c = CodeOwners::parse(
            Path::new("/r"),
            "# owners\n* @web\n/decks/ @sales\ndocs @docs-team\n*.pdf @design # printed\nlegal/terms.md\n",
        );
        let o = |p: &str| c.owner_of_relative(Path::new(p));
        assert_eq!(o("index.html").as_deref(), Some("@web"));
        assert_eq!(o("decks/q3.pptx").as_deref(), Some("@sales"));
        assert_eq!(o("a/docs/x.md").as_deref(), Some("@docs-team"));
        assert_eq!(o("decks/q3.pdf").as_deref(), Some("@design"));
        // A line without owners leaves the file unowned.
        assert_eq!(o("legal/terms.md"), None);
        assert_eq!(o("sub/decks/q3.pptx").as_deref(), Some("@web"));
    }
}
