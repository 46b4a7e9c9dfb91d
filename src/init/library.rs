//! The library as `init --from` keeps it: per file, its path, kind, date and the text of its
//! segments (one string, with each segment's scope, line and slide), read in parallel with
//! the extractors `check` uses. The `Document` itself (its source, its pieces) is dropped as
//! soon as this summary is taken, so a large library costs its text, not its files.

use crate::discover::Input;
use crate::document::{Document, Kind, Scope};

/// Longest segment text kept (a minified page's one-line body is cut, at a character
/// boundary): taglines, names and numbers live in far shorter segments.
const MAX_SEGMENT: usize = 4000;
/// Most text kept per file (512 KiB, a 150-page book): the head of a 3,000-page PDF says
/// what the library needs.
const MAX_FILE_TEXT: usize = 512 << 10;

#[derive(Clone, Copy, Debug)]
pub struct Seg {
    pub start: u32,
    pub end: u32,
    pub scope: Scope,
    /// In `<nav>`, `<header>` or `<footer>`.
    pub chrome: bool,
    /// 1-based line in the file (in the `msglint extract` text for decks, Word and PDF).
    pub line: u32,
    /// 1-based slide (decks) or page (Word page breaks, PDFs), 0 when none.
    pub slide: u32,
    /// The first heading of the document (a page's `<h1>`, a deck's first title).
    pub first_heading: bool,
}

#[derive(Debug)]
pub struct Asset {
    pub path: String,
    pub kind: Kind,
    /// `YYYY-MM-DD`, as `check` dates assets (front matter, page meta, path).
    pub date: Option<String>,
    /// A home page, README or index: where a company says what it is first.
    pub home: bool,
    pub text: String,
    pub segs: Vec<Seg>,
    /// Why the file could not be read (then it has no segments).
    pub unreadable: Option<String>,
}

impl Asset {
    pub fn seg_text(&self, s: &Seg) -> &str {
        &self.text[s.start as usize..s.end as usize]
    }
}

/// Whether a path names a home page, README or index.
pub fn is_home(path: &str) -> bool {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let stem = name.split('.').next().unwrap_or(name).to_ascii_lowercase();
    matches!(
        stem.as_str(),
        "index" | "home" | "default" | "landing" | "_index"
    ) || stem.starts_with("readme")
}

/// Folders whose index page is a section's front page (the docs' "For contributors…", a
/// blog's list), not the company's home page.
const SECTION_DIRS: &[&str] = &[
    "docs",
    "doc",
    "documentation",
    "guide",
    "guides",
    "reference",
    "handbook",
    "manual",
    "wiki",
    "api",
    "blog",
    "posts",
    "news",
    "changelog",
    "examples",
];

/// A library's home pages are its index pages outside a section folder: an index under
/// `docs/` or `blog/` (below the folder the whole library shares, so a library kept under
/// `~/docs/site/` is not a section) is that section's front page.
pub fn mark_section_homes(lib: &mut [Asset]) {
    let dirs = |p: &str| -> Vec<String> {
        let mut parts: Vec<String> = p.split(['/', '\\']).map(str::to_owned).collect();
        parts.pop();
        parts
    };
    let mut common: Option<Vec<String>> = None;
    for a in lib.iter() {
        let d = dirs(&a.path);
        common = Some(match common {
            None => d,
            Some(c) => c
                .into_iter()
                .zip(d)
                .take_while(|(x, y)| x == y)
                .map(|(x, _)| x)
                .collect(),
        });
    }
    let skip = common.map_or(0, |c| c.len());
    let in_section = |p: &str| {
        dirs(p)
            .iter()
            .skip(skip)
            .any(|d| SECTION_DIRS.contains(&d.to_ascii_lowercase().as_str()))
    };
    let readme = |p: &str| {
        p.rsplit(['/', '\\'])
            .next()
            .is_some_and(|n| n.to_ascii_lowercase().starts_with("readme"))
    };
    // Only when the library has a site's home page besides: a docs tree alone has its
    // front page as its home.
    if !lib
        .iter()
        .any(|a| a.home && !readme(&a.path) && !in_section(&a.path))
    {
        return;
    }
    for a in lib.iter_mut().filter(|a| a.home) {
        if in_section(&a.path) {
            a.home = false;
        }
    }
}

/// Keep what the analysis reads of one document.
pub fn summarize(doc: &Document) -> Asset {
    let mut text = String::new();
    let mut segs = Vec::new();
    let mut seen_heading = false;
    for seg in &doc.segments {
        if text.len() >= MAX_FILE_TEXT {
            break;
        }
        let t = seg.text.trim();
        if t.is_empty() {
            continue;
        }
        // One space between words: a PDF paragraph's line breaks, a cell's padding.
        let start = text.len();
        let mut last_space = false;
        for c in t.chars() {
            if text.len() - start >= MAX_SEGMENT {
                break;
            }
            if c.is_whitespace() {
                if !last_space {
                    text.push(' ');
                }
                last_space = true;
            } else {
                text.push(c);
                last_space = false;
            }
        }
        let end = text.len();
        let src = seg.pieces.first().map_or(0, |p| p.src as usize);
        let line = doc.line_col(src).0;
        let slide = seg
            .deck
            .as_ref()
            .and_then(|d| d.slide.or(d.page))
            .unwrap_or(0);
        let first_heading = !seen_heading && seg.scope == Scope::Heading && !seg.chrome;
        seen_heading |= first_heading;
        segs.push(Seg {
            start: start as u32,
            end: end as u32,
            scope: seg.scope,
            chrome: seg.chrome,
            line,
            slide,
            first_heading,
        });
    }
    // Kept for the whole run: no spare capacity (the draft's peak memory is these).
    text.shrink_to_fit();
    segs.shrink_to_fit();
    Asset {
        path: doc.path.clone(),
        kind: doc.kind,
        date: crate::document::asset_date(&doc.path, doc.kind, &doc.source, doc.date.as_deref()),
        home: is_home(&doc.path),
        text,
        segs,
        unreadable: None,
    }
}

/// Read every input in parallel (largest first, as `check` schedules them), each under the
/// per-file time budget and isolated: a file that cannot be read, panics or runs over its
/// budget is kept as `unreadable` with the reason.
pub fn read(inputs: &[Input]) -> Vec<Asset> {
    let one = |input: &Input| -> Asset {
        let _clock = crate::budget::start();
        let kind = Kind::from_path(&input.path).unwrap_or(Kind::Text);
        let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            crate::extract::extract_file(&input.path, input.display.clone()).map(|doc| {
                let asset = summarize(&doc);
                drop(doc);
                asset
            })
        }));
        let unreadable = |reason: String| Asset {
            path: input.display.clone(),
            kind,
            date: None,
            home: false,
            text: String::new(),
            segs: Vec::new(),
            unreadable: Some(reason),
        };
        match read {
            Ok(Ok(asset)) if crate::budget::over() => {
                drop(asset);
                unreadable(crate::budget::reason())
            }
            Ok(Ok(asset)) => asset,
            Ok(Err(e)) => unreadable(e.0),
            Err(_) => unreadable("internal error while reading this file".into()),
        }
    };
    crate::engine::schedule(inputs, &|| true, |i| (one(i), 0), |_, a| a)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asset(path: &str) -> Asset {
        Asset {
            path: path.into(),
            kind: Kind::Markdown,
            date: None,
            home: is_home(path),
            text: String::new(),
            segs: Vec::new(),
            unreadable: None,
        }
    }

    fn homes(paths: &[&str]) -> Vec<String> {
        let mut lib: Vec<Asset> = paths.iter().map(|p| asset(p)).collect();
        mark_section_homes(&mut lib);
        lib.into_iter().filter(|a| a.home).map(|a| a.path).collect()
    }

    #[test]
    fn a_section_front_page_is_no_home_beside_the_site_home() {
        assert_eq!(
            homes(&[
                "lib/site/index.md",
                "lib/docs/index.md",
                "lib/readme/README.md"
            ]),
            ["lib/site/index.md", "lib/readme/README.md"]
        );
        // A docs tree alone keeps its front page as its home.
        assert_eq!(
            homes(&[
                "lib/docs/index.md",
                "lib/readme/README.md",
                "lib/docs/cloud.md"
            ]),
            ["lib/docs/index.md", "lib/readme/README.md"]
        );
        // The folder every file shares is not a section: a library kept under docs/.
        assert_eq!(
            homes(&["docs/site/index.md", "docs/site/blog/index.md"]),
            ["docs/site/index.md"]
        );
    }
}
