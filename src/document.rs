//! The format-blind document every extractor produces and every rule reads.
//!
//! Owns: `Document`, `Segment` (a paragraph, heading, list item, table row, title, meta or
//! alt text), `Scope`, the text→source offset pieces, and the line index that turns source
//! offsets into 1-based line/column (characters). Must not: parse formats or know rules.

use crate::diagnostic::Excerpt;
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Markdown,
    Html,
    Text,
    Pptx,
    Docx,
    Pdf,
    /// JavaScript or TypeScript, with JSX (`.js .jsx .ts .tsx .mjs .cjs`).
    Script,
    /// Components: front matter or `<script>` as a script, the template as HTML.
    Astro,
    Vue,
    Svelte,
    /// Server templates (`.liquid .njk .hbs .handlebars .tmpl .gohtml`): HTML with opaque
    /// template tags.
    Template,
    /// Data files and message catalogs: every string value is a segment.
    Json,
    Yaml,
    Toml,
    /// gettext catalogs: the `msgstr` strings.
    Po,
}

impl Kind {
    /// Every kind, for reading a kind back from its name (`as_str`).
    pub const ALL: [Kind; 15] = [
        Kind::Markdown,
        Kind::Html,
        Kind::Text,
        Kind::Pptx,
        Kind::Docx,
        Kind::Pdf,
        Kind::Script,
        Kind::Astro,
        Kind::Vue,
        Kind::Svelte,
        Kind::Template,
        Kind::Json,
        Kind::Yaml,
        Kind::Toml,
        Kind::Po,
    ];

    pub fn from_path(path: &std::path::Path) -> Option<Kind> {
        // The extension read from the bytes after the last separator (`Path::extension`
        // parses every component from the back: most of a directory walk's time), lowered
        // into a buffer: no known extension is longer than it.
        let bytes = path.as_os_str().as_encoded_bytes();
        let name = &bytes[bytes
            .iter()
            .rposition(|&b| std::path::is_separator(char::from(b)))
            .map_or(0, |i| i + 1)..];
        let ext = if name.is_empty() || name == b"." || name == b".." {
            // A path ending in a separator or a dot component: as the standard library
            // reads it.
            path.extension()?.as_encoded_bytes()
        } else {
            match name.iter().rposition(|&b| b == b'.') {
                Some(dot) if dot > 0 => &name[dot + 1..],
                _ => return None,
            }
        };
        let mut buf = [0u8; 12];
        let lower = buf.get_mut(..ext.len())?;
        lower.copy_from_slice(ext);
        lower.make_ascii_lowercase();
        let ext = std::str::from_utf8(lower).ok()?;
        Some(match ext {
            "md" | "markdown" | "mdx" => Kind::Markdown,
            "html" | "htm" | "xhtml" => Kind::Html,
            "txt" => Kind::Text,
            "pptx" | "pptm" | "potx" | "ppsx" => Kind::Pptx,
            "docx" => Kind::Docx,
            "pdf" => Kind::Pdf,
            "js" | "jsx" | "ts" | "tsx" | "mjs" | "cjs" | "mts" | "cts" => {
                // Type declarations and minified bundles are never copy.
                let name = path.file_name()?.to_str()?;
                if name.ends_with(".d.ts") || name.ends_with(".min.js") {
                    return None;
                }
                Kind::Script
            }
            "astro" => Kind::Astro,
            "vue" => Kind::Vue,
            "svelte" => Kind::Svelte,
            "liquid" | "njk" | "hbs" | "handlebars" | "tmpl" | "gohtml" => Kind::Template,
            "json" => Kind::Json,
            "yaml" | "yml" => Kind::Yaml,
            "toml" => Kind::Toml,
            "po" => Kind::Po,
            _ => return None,
        })
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Markdown => "markdown",
            Kind::Html => "html",
            Kind::Text => "text",
            Kind::Pptx => "pptx",
            Kind::Docx => "docx",
            Kind::Pdf => "pdf",
            Kind::Script => "script",
            Kind::Astro => "astro",
            Kind::Vue => "vue",
            Kind::Svelte => "svelte",
            Kind::Template => "template",
            Kind::Json => "json",
            Kind::Yaml => "yaml",
            Kind::Toml => "toml",
            Kind::Po => "po",
        }
    }

    /// Data files and catalogs: read when named, under a conventional data or locale
    /// directory, or matched by the platform's `copy_files`.
    pub fn is_data(self) -> bool {
        matches!(self, Kind::Json | Kind::Yaml | Kind::Toml)
    }

    /// Source files of a site (components, scripts, templates, data): never read inside
    /// build output, where they are compiled copies.
    pub fn is_web_source(self) -> bool {
        matches!(
            self,
            Kind::Script
                | Kind::Astro
                | Kind::Vue
                | Kind::Svelte
                | Kind::Template
                | Kind::Json
                | Kind::Yaml
                | Kind::Toml
                | Kind::Po
        )
    }

    /// Formats whose `line`/`column` refer to the `msglint extract` text, not the file.
    pub fn is_container(self) -> bool {
        matches!(self, Kind::Pptx | Kind::Docx | Kind::Pdf)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Body,
    Heading,
    ListItem,
    TableRow,
    /// `<title>` or front-matter `title`.
    Title,
    /// Meta description, Open Graph copy, front-matter `description`/`summary`.
    Meta,
    Alt,
    /// A chart's title or axis title.
    Chart,
    /// SmartArt (diagram) text.
    Diagram,
    /// Speaker notes.
    Notes,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Body => "body",
            Scope::Heading => "heading",
            Scope::ListItem => "list item",
            Scope::TableRow => "table row",
            Scope::Title => "title",
            Scope::Meta => "meta",
            Scope::Alt => "alt text",
            Scope::Chart => "chart title",
            Scope::Diagram => "smartart",
            Scope::Notes => "notes",
        }
    }
}

/// A run of segment text that came from one place in the source. When `len == src_len` the
/// run is a byte-for-byte copy; otherwise it was decoded (an entity, an escape) and maps to
/// its whole source range.
#[derive(Clone, Copy, Debug)]
pub struct Piece {
    pub text: u32,
    pub len: u32,
    pub src: u32,
    pub src_len: u32,
}

/// Where a segment sits in a deck or a Word document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DeckLoc {
    /// 1-based slide number in presentation order (decks only).
    pub slide: Option<u32>,
    /// The shape's name ("Title 1", "Table 3"), or the part ("header1") for Word.
    pub shape: Option<String>,
    /// 1-based paragraph index within the shape (a table row's index for tables; the
    /// document-wide paragraph index for Word).
    pub paragraph: Option<u32>,
    pub notes: bool,
    pub hidden: bool,
    /// Page number where the file says (Word page breaks).
    pub page: Option<u32>,
}

#[derive(Clone, Debug)]
pub struct Segment {
    pub text: String,
    pub scope: Scope,
    /// Inside `<nav>`, `<header>` or `<footer>`: site chrome.
    pub chrome: bool,
    /// Inside an HTML `<blockquote>`: someone's quoted words (a testimonial, a tweet).
    pub quote: bool,
    pub pieces: Vec<Piece>,
    pub deck: Option<Box<DeckLoc>>,
}

/// Copy inside a literal of the source (a JS string, JSX text, a JSON or YAML string, a
/// `.po` string): a fix may only edit inside it, and only with a replacement free of
/// `forbid` (its closing quote, escapes, braces), so the file stays valid.
#[derive(Clone, Debug)]
pub struct Literal {
    pub range: Range<usize>,
    pub forbid: &'static str,
}

impl Segment {
    pub fn new(scope: Scope) -> Self {
        Segment {
            text: String::new(),
            scope,
            chrome: false,
            quote: false,
            pieces: Vec::new(),
            deck: None,
        }
    }

    /// Append text copied verbatim from `src_start` in the source.
    pub fn push_exact(&mut self, text: &str, src_start: usize) {
        self.push_mapped(text, src_start..src_start + text.len());
    }

    /// Append text that came from `src` (decoded if the lengths differ).
    pub fn push_mapped(&mut self, text: &str, src: Range<usize>) {
        if text.is_empty() {
            return;
        }
        self.pieces.push(Piece {
            text: self.text.len() as u32,
            len: text.len() as u32,
            src: src.start as u32,
            src_len: src.len() as u32,
        });
        self.text.push_str(text);
    }

    /// Append text with no source of its own (a separator); it maps to the previous piece's end.
    pub fn push_synthetic(&mut self, text: &str) {
        self.text.push_str(text);
    }

    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    fn piece_at(&self, t: u32) -> Option<&Piece> {
        let idx = self.pieces.partition_point(|p| p.text <= t);
        idx.checked_sub(1).and_then(|i| self.pieces.get(i))
    }

    /// Source offset where segment byte `t` starts.
    fn map_start(&self, t: usize) -> usize {
        let t = t as u32;
        let Some(p) = self.piece_at(t) else {
            return self.pieces.first().map_or(0, |p| p.src as usize);
        };
        let within = t - p.text;
        (if within >= p.len {
            p.src + p.src_len
        } else if p.len == p.src_len {
            p.src + within
        } else {
            p.src
        }) as usize
    }

    /// Source offset just after segment byte `t`.
    fn map_end(&self, t: usize) -> usize {
        let t = t as u32;
        let Some(p) = self.piece_at(t) else {
            return self.pieces.first().map_or(0, |p| p.src as usize);
        };
        let within = t - p.text;
        (if within < p.len && p.len == p.src_len {
            p.src + within + 1
        } else {
            p.src + p.src_len
        }) as usize
    }

    /// The source byte range of segment text range `r`.
    pub fn source_range(&self, r: Range<usize>) -> Range<usize> {
        let s = self.map_start(r.start);
        if r.end <= r.start {
            return s..s;
        }
        let e = self.map_end(r.end - 1);
        s..e.max(s)
    }
}

#[derive(Debug)]
pub struct Document {
    pub path: String,
    pub kind: Kind,
    /// The decoded (UTF-8) source; `Segment` pieces point into it.
    pub source: String,
    pub segments: Vec<Segment>,
    /// Built when a location is first asked for: most files have no finding.
    lines: std::sync::OnceLock<LineIndex>,
    /// Source ranges that are copy but must never be edited by a fix (a Markdown
    /// reference link's text is also its label: rewriting it breaks the link).
    pub keep: Vec<Range<usize>>,
    /// Where copy sits inside literals (scripts, data files, catalogs), sorted by start:
    /// for those formats an edit must lie inside one and keep it valid.
    pub literals: Vec<Literal>,
    /// The date a deck, Word file or PDF says it was last modified (`YYYY-MM-DD`), from its
    /// document properties, when they can be trusted (see `extract::ooxml::modified`).
    pub date: Option<String>,
}

impl Document {
    pub fn new(path: String, kind: Kind, source: String, segments: Vec<Segment>) -> Self {
        Document {
            path,
            kind,
            source,
            segments,
            lines: std::sync::OnceLock::new(),
            keep: Vec::new(),
            literals: Vec::new(),
            date: None,
        }
    }

    /// Why replacing `span` with `replacement` would break the file's syntax, for formats
    /// whose copy sits in literals; `None` when the edit is safe there (or the format has
    /// no literals).
    pub fn literal_refusal(&self, span: Range<usize>, replacement: &str) -> Option<&'static str> {
        // Web sources, and MDX (Markdown whose reader recorded literals).
        if !self.kind.is_web_source() && self.literals.is_empty() {
            return None;
        }
        let i = self
            .literals
            .partition_point(|l| l.range.start <= span.start);
        let Some(lit) = i.checked_sub(1).and_then(|i| self.literals.get(i)) else {
            return Some("the text is not inside one string of the file");
        };
        if span.end > lit.range.end {
            return Some("the text is not inside one string of the file");
        }
        if replacement.contains(|c| lit.forbid.contains(c)) {
            return Some("the replacement would need escaping in this string");
        }
        None
    }

    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.source))
    }

    /// 1-based (line, column in characters) of a source byte offset.
    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        self.lines().line_col(&self.source, offset)
    }

    /// The source line(s) around `range`, at most three lines and about 160 characters
    /// around the match on long lines (minified HTML).
    pub fn excerpt(&self, range: Range<usize>) -> Excerpt {
        let src = &self.source;
        let start = floor_char(src, range.start.min(src.len()));
        let end = floor_char(src, range.end.min(src.len())).max(start);
        let lines = self.lines();
        let line = lines.line_of(start);
        let end_line = lines.line_of(end);
        let mut ls = lines.line_start(line).unwrap_or(0);
        // At most three lines from the first.
        let mut le = lines.line_end(src, end_line.min(line + 2)).max(end);
        // The tail can be cut freely; the head only on very long (minified) lines, and then
        // the excerpt says so, because a renderer would count columns from its start.
        const TAIL: usize = 160;
        const HEAD: usize = 400;
        if le - end > TAIL {
            le = floor_char(src, end + TAIL);
        }
        let windowed = start - ls > HEAD;
        if windowed {
            ls = floor_char(src, start - 80);
        }
        let text = src[ls..le].trim_end_matches('\r').to_owned();
        let range = (start - ls)..(end - ls).min(text.len());
        Excerpt {
            line_start: line,
            text,
            range,
            windowed,
        }
    }
}

pub fn floor_char(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Byte offsets of line starts, and the character count at every 256-byte checkpoint, so a
/// (line, column) costs O(log lines + 256) whatever the line's length: a minified page with
/// thousands of findings on one line stays linear.
#[derive(Debug, Default)]
pub struct LineIndex {
    starts: Vec<u32>,
    /// `chars[k]`: characters in `text[..floor_char(k * STRIDE)]`.
    chars: Vec<u32>,
}

const STRIDE: usize = 256;

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0u32];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i as u32 + 1));
        let mut chars = Vec::with_capacity(text.len() / STRIDE + 1);
        let (mut at, mut n) = (0usize, 0usize);
        for k in 0..=text.len() / STRIDE {
            let to = floor_char(text, k * STRIDE);
            n += text[at..to].chars().count();
            at = to;
            chars.push(n as u32);
        }
        LineIndex { starts, chars }
    }

    /// Characters in `text[..offset]` (`offset` on a char boundary).
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let k = (offset / STRIDE).min(self.chars.len().saturating_sub(1));
        let from = floor_char(text, k * STRIDE).min(offset);
        self.chars.get(k).map_or(0, |n| *n as usize) + text[from..offset].chars().count()
    }

    /// 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> u32 {
        self.starts
            .partition_point(|s| *s as usize <= offset)
            .max(1) as u32
    }

    pub fn line_col(&self, text: &str, offset: usize) -> (u32, u32) {
        let offset = floor_char(text, offset);
        let line = self.line_of(offset) as usize;
        let ls = self.starts[line - 1] as usize;
        let col = self.chars_before(text, offset) - self.chars_before(text, ls) + 1;
        (line as u32, col as u32)
    }

    /// Byte offset where 1-based `line` ends (its `\n`, or the end of `text`).
    pub fn line_end(&self, text: &str, line: u32) -> usize {
        self.starts
            .get(line as usize)
            .map_or(text.len(), |s| (*s as usize).saturating_sub(1))
    }

    /// Byte offset of the start of 1-based `line`.
    pub fn line_start(&self, line: u32) -> Option<usize> {
        self.starts
            .get(line.checked_sub(1)? as usize)
            .map(|s| *s as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_from_the_extension_as_the_standard_library_reads_it() {
        // The reference: `Path::extension`, lowered.
        let reference = |p: &str| {
            let ext = std::path::Path::new(p)
                .extension()?
                .to_str()?
                .to_ascii_lowercase();
            Kind::from_path(std::path::Path::new(&format!("x.{ext}")))
        };
        for p in [
            "a/b.md",
            "a/b.MD",
            "B.Mdx",
            ".md",
            "a/.md",
            "a/b.tar.md",
            "a/b.",
            "a/b",
            "a/b.md/",
            "a/b.md/.",
            "a/..",
            "a.md/..",
            "site/x.handlebars",
            "x.verylongextension",
            "x.ymlx",
            "x.pptx",
            "dir.md/file",
            "caf\u{e9}.html",
            "x.\u{e9}",
        ] {
            assert_eq!(
                Kind::from_path(std::path::Path::new(p)),
                reference(p),
                "{p}"
            );
        }
        assert_eq!(Kind::from_path(std::path::Path::new("a/types.d.ts")), None);
        assert_eq!(Kind::from_path(std::path::Path::new("a/app.min.js")), None);
        assert_eq!(
            Kind::from_path(std::path::Path::new("a/app.JS")),
            Some(Kind::Script)
        );
    }

    #[test]
    fn pieces_map_exact_and_decoded_text() {
        let src = "Hi <b>Lumora</b>&rsquo;s team";
        let mut s = Segment::new(Scope::Body);
        s.push_exact("Hi ", 0);
        s.push_exact("Lumora", 6);
        s.push_mapped("\u{2019}", 16..23);
        s.push_exact("s team", 23);
        let at = s.text.find("Lumora").expect("in text");
        assert_eq!(&src[s.source_range(at..at + 6)], "Lumora");
        let at = s.text.find('\u{2019}').expect("in text");
        assert_eq!(&src[s.source_range(at..at + 3)], "&rsquo;");
        let at = s.text.find("team").expect("in text");
        assert_eq!(&src[s.source_range(at..at + 4)], "team");
    }

    #[test]
    fn line_and_char_columns() {
        let text = "ab\nçé Lumora\n";
        let idx = LineIndex::new(text);
        let off = text.find("Lumora").expect("present");
        assert_eq!(idx.line_col(text, off), (2, 4));
        assert_eq!(idx.line_col(text, 0), (1, 1));
    }
}

/// The date an asset was published, as `YYYY-MM-DD`, where the file says it: a Markdown or
/// text file's front matter (`date:`), an HTML page's `article:published_time` meta or
/// first `<time datetime>`, a deck's, Word file's or PDF's document properties (`properties`,
/// read by the extractor), else its path (`2024/03/…` → 2024-03-01, a file name starting
/// `2024-03-02-` or holding it after a word, `blog-2024-03-02-…`). `None` when nothing says.
pub fn asset_date(
    path: &str,
    kind: Kind,
    source: &str,
    properties: Option<&str>,
) -> Option<String> {
    let from_source = match kind {
        Kind::Markdown | Kind::Text => front_matter_date(source),
        Kind::Html => html_date(source),
        _ => properties.map(str::to_owned),
    };
    from_source.or_else(|| path_date(path))
}

/// A full date written in a heading, as `YYYY-MM-DD`: `2024-02-23` anywhere in it, or a month
/// name with a year ("February 23, 2024", "23 Feb 2024", "March 2023" → 2023-03-01).
pub fn date_in(text: &str) -> Option<String> {
    let b = text.as_bytes();
    // Every date has a year: four digits in a row (most headings have none).
    if !b.windows(4).any(|w| w.iter().all(u8::is_ascii_digit)) {
        return None;
    }
    for i in memchr::memchr_iter(b'-', b) {
        if i >= 4
            && b[i - 4..i].iter().all(u8::is_ascii_digit)
            && (i == 4 || !b[i - 5].is_ascii_alphanumeric())
            && let Some(d) = leading_date(&text[i - 4..])
            && b.get(i + 6).is_none_or(|c| !c.is_ascii_digit())
        {
            return Some(d);
        }
    }
    let lower = text.to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    for (k, w) in words.iter().enumerate() {
        // A month's name or its first three letters ("Feb", "Sept" too).
        let Some(m) = MONTHS
            .iter()
            .position(|m| w == m || *w == &m[..3] || (*w == "sept" && *m == "september"))
        else {
            continue;
        };
        let year = |s: &str| {
            (s.len() == 4)
                .then(|| s.parse::<u32>().ok())
                .flatten()
                .filter(|y| (1990..=2100).contains(y))
        };
        let day = |s: &str| s.parse::<u32>().ok().filter(|d| (1..=31).contains(d));
        // "Feb 23 2024" / "February 2024" / "23 Feb 2024".
        let after: Vec<&str> = words[k + 1..].iter().take(2).copied().collect();
        let (d, y) = match after.as_slice() {
            [d, y, ..] if day(d).is_some() && year(y).is_some() => (day(d), year(y)),
            [y, ..] if year(y).is_some() => {
                let d = k.checked_sub(1).and_then(|j| day(words[j]));
                (d, year(y))
            }
            _ => continue,
        };
        let y = y?;
        return Some(format!("{y}-{:02}-{:02}", m + 1, d.unwrap_or(1)));
    }
    None
}

/// The months' names in lowercase, January first.
pub(crate) const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// `YYYY-MM-DD` at the start of `s` (after quotes and spaces), with a plausible month and day.
pub(crate) fn leading_date(s: &str) -> Option<String> {
    let s = s.trim_start_matches([' ', '"', '\'']);
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| b[r.clone()].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && digits(5..7) && digits(8..10)) {
        return None;
    }
    let month: u32 = s[5..7].parse().ok()?;
    let day: u32 = s[8..10].parse().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then(|| s[..10].to_owned())
}

fn front_matter_date(source: &str) -> Option<String> {
    let body = source
        .strip_prefix("\u{feff}")
        .unwrap_or(source)
        .strip_prefix("---")?;
    let body = body
        .strip_prefix("\r\n")
        .or_else(|| body.strip_prefix('\n'))?;
    for line in body.lines().take(200) {
        let t = line.trim_end();
        if t == "---" || t == "..." {
            break;
        }
        for key in [
            "date:",
            "published:",
            "pubDate:",
            "publishDate:",
            "published_at:",
        ] {
            if let Some(v) = t.strip_prefix(key) {
                return leading_date(v);
            }
        }
    }
    None
}

fn html_date(source: &str) -> Option<String> {
    let mut cut = source.len().min(256 * 1024);
    while !source.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &source[..cut];
    let at = |needle: &str| memchr::memmem::find(head.as_bytes(), needle.as_bytes());
    if let Some(i) = at("article:published_time") {
        // The tag around it: its `content` value.
        let start = head[..i].rfind('<').unwrap_or(i);
        let end = head[i..].find('>').map_or(head.len(), |e| i + e);
        let tag = &head[start..end];
        if let Some(c) = tag.find("content=") {
            return leading_date(&tag[c + 8..]);
        }
    }
    let i = at("<time ")?;
    let tag = &head[i..head[i..].find('>').map_or(head.len(), |e| i + e)];
    let d = tag.find("datetime=")?;
    leading_date(&tag[d + 9..])
}

fn path_date(path: &str) -> Option<String> {
    let path = path.replace('\\', "/");
    let name = path.rsplit('/').next().unwrap_or("");
    if let Some(d) = leading_date(name) {
        return Some(d);
    }
    // "blog-2024-03-02-launch.md", "report_2024-03-02.pdf": a date after a word of the name.
    let b = name.as_bytes();
    if let Some(d) = (1..b.len())
        .filter(|&i| matches!(b[i - 1], b'-' | b'_') && b[i].is_ascii_digit())
        .filter(|&i| b.get(i + 10).is_none_or(|c| !c.is_ascii_digit()))
        .find_map(|i| leading_date(&name[i..]))
    {
        return Some(d);
    }
    // `…/2024/03/…`: a year and a month as two directories.
    let parts: Vec<&str> = path.split('/').collect();
    parts.windows(3).find_map(|w| {
        let (y, m) = (w[0], w[1]);
        let year_ok = y.len() == 4 && y.starts_with(['1', '2']) && y.parse::<u32>().is_ok();
        let month: u32 = m.parse().ok().filter(|_| m.len() == 2)?;
        (year_ok && (1..=12).contains(&month)).then(|| format!("{y}-{m}-01"))
    })
}

#[cfg(test)]
mod date_tests {
    use super::*;

    #[test]
    fn dates_in_headings() {
        let cases = [
            (
                "Introducing Plausible CE (blog post, 2024-02-23)",
                Some("2024-02-23"),
            ),
            ("[1.4.0] - 2023-11-05", Some("2023-11-05")),
            ("Released February 23, 2024", Some("2024-02-23")),
            ("Update 23 Feb 2024", Some("2024-02-23")),
            ("March 2023 roundup", Some("2023-03-01")),
            ("May the best team win", None),
            ("Version 2024-beta", None),
            ("Our 2024 roadmap", None),
            ("Marching on", None),
            ("Über-Team – 2024-02-23 — Notizen", Some("2024-02-23")),
            ("€–-€", None),
        ];
        for (text, want) in cases {
            assert_eq!(date_in(text).as_deref(), want, "{text}");
        }
    }

    #[test]
    fn asset_dates() {
        let md = "---\ntitle: Launch\ndate: 2023-05-02T10:00:00Z\n---\n# Hi\n";
        assert_eq!(
            asset_date("blog/post.md", Kind::Markdown, md, None).as_deref(),
            Some("2023-05-02")
        );
        assert_eq!(
            asset_date(
                "x.md",
                Kind::Markdown,
                "---\ndate: \"2024-02-23\"\n---\n",
                None
            )
            .as_deref(),
            Some("2024-02-23")
        );
        // No front matter: the path.
        assert_eq!(
            asset_date("blog/2024/03/launch.md", Kind::Markdown, "# Hi", None).as_deref(),
            Some("2024-03-01")
        );
        assert_eq!(
            asset_date("_posts/2019-11-04-hello.md", Kind::Markdown, "# Hi", None).as_deref(),
            Some("2019-11-04")
        );
        // A date after a word of the name; not a longer run of digits, not a version.
        for (path, want) in [
            ("blog-2022-11-07-rename.md", Some("2022-11-07")),
            ("report_2023-05-02.pdf", Some("2023-05-02")),
            ("build-2023-05-021.md", None),
            ("acme-v2023-05-02.md", None),
            ("pricing.md", None),
        ] {
            assert_eq!(
                asset_date(path, Kind::Markdown, "# Hi", None).as_deref(),
                want,
                "{path}"
            );
        }
        let html = r#"<head><meta property="article:published_time" content="2022-01-09T08:00:00+00:00"></head>"#;
        assert_eq!(
            asset_date("p.html", Kind::Html, html, None).as_deref(),
            Some("2022-01-09")
        );
        let html = r#"<p>Posted <time datetime="2021-12-01">Dec 1</time></p>"#;
        assert_eq!(
            asset_date("p.html", Kind::Html, html, None).as_deref(),
            Some("2021-12-01")
        );
        // Nothing that is a date.
        for (p, k, s) in [
            ("docs/2024/intro.md", Kind::Markdown, "# Hi"),
            ("docs/13/99/intro.md", Kind::Markdown, "# Hi"),
            ("a.md", Kind::Markdown, "---\ndate: soon\n---\n"),
            ("a.html", Kind::Html, "<time>today</time>"),
            ("2024-13-40-x.md", Kind::Markdown, ""),
        ] {
            assert_eq!(asset_date(p, k, s, None), None, "{p}");
        }
        // A page longer than the part read, cut inside a character.
        let long = format!("<p>{}</p>", "é".repeat(200_000));
        assert_eq!(asset_date("p.html", Kind::Html, &long, None), None);
        // A deck: its document properties, before its path.
        assert_eq!(
            asset_date("2021/05/deck.pptx", Kind::Pptx, "", Some("2023-05-02")).as_deref(),
            Some("2023-05-02")
        );
        assert_eq!(
            asset_date("2021/05/deck.pptx", Kind::Pptx, "", None).as_deref(),
            Some("2021-05-01")
        );
    }
}
