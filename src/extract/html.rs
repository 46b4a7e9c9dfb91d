//! Exported web pages → `Document` with html5gum (WHATWG tokenizer, byte spans).
//!
//! Owns: charset decoding (BOM, `<meta charset>` prescan, UTF-8, else windows-1252), what is
//! visible copy (text, `<title>`, meta description, Open Graph/Twitter title and description,
//! `alt`), what never is (`<script>`, `<style>`, `<noscript>`, `<template>`, `<svg>`, code,
//! comments, `hidden` subtrees), and marking `<nav>`/`<header>`/`<footer>` as chrome.
//! Must not: fold text or match phrases.

use crate::document::{Document, Kind, Scope, Segment};
use html5gum::{DefaultEmitter, Token, Tokenizer};

pub fn extract(path: String, bytes: &[u8]) -> Document {
    let source = decode(bytes);
    // A page with template tags (Jekyll, Hugo, Eleventy, Django layouts): tags are opaque.
    if crate::extract::template::has_tags(&source) {
        return crate::extract::template::server(path, Kind::Html, source);
    }
    let segments = fragment_segments(&source, 0);
    Document::new(path, Kind::Html, source, segments)
}

/// Decode a page: BOM, then a `charset` declared in the first 1024 bytes, then UTF-8; a page
/// that is not valid UTF-8 and declares nothing is read as windows-1252 (the web default).
pub fn decode(bytes: &[u8]) -> String {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    if let Some(enc) = prescan_charset(&bytes[..bytes.len().min(1024)])
        && enc != encoding_rs::UTF_8
    {
        return enc.decode_without_bom_handling(bytes).0.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

fn prescan_charset(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let lower = head.to_ascii_lowercase();
    let at = memchr::memmem::find(&lower, b"charset=")?;
    let rest = &lower[at + 8..];
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|c| !(c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':' | b'.')))
        .unwrap_or(rest.len());
    let enc = encoding_rs::Encoding::for_label(&rest[..end])?;
    // A page that says UTF-16 in ASCII bytes is not UTF-16 (WHATWG: treat as UTF-8).
    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        return Some(encoding_rs::UTF_8);
    }
    Some(enc)
}

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen",
];
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "code", "pre", "kbd", "samp",
    "textarea", "select", "iframe", "object", "canvas",
];
const CHROME: &[&str] = &["nav", "header", "footer"];
const BLOCK: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "section",
    "article",
    "main",
    "aside",
    "blockquote",
    "figure",
    "figcaption",
    "caption",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "form",
    "fieldset",
    "legend",
    "details",
    "summary",
    "body",
    "head",
    "html",
    "title",
    "nav",
    "header",
    "footer",
    "address",
    "hr",
    "option",
    "label",
    "button",
];
const MAX_DEPTH: usize = 2048;

struct Open {
    name: String,
    skip: bool,
    chrome: bool,
    quote: bool,
    cell: bool,
}

struct State {
    out: Vec<Segment>,
    cur: Option<Segment>,
    stack: Vec<Open>,
    skip: usize,
    chrome: usize,
    quotes: usize,
    cells: usize,
    cells_in_row: usize,
    /// A tag came between the last text and the next: two elements side by side.
    tag_since_text: bool,
}

/// Whether two texts of elements side by side with nothing between them are a stat and
/// its label ("<strong>2.1M</strong><span>builds run</span>", "<b>Customers</b><i>20k</i>"):
/// a number on one side of the join and a word on the other. Rendered, such blocks are apart
/// (their CSS lays them out); read as one run they would make "2.1Mbuilds".
fn stat_join(before: &str, after: &str) -> bool {
    let mut back = before.rsplit(char::is_whitespace);
    let last = back.next().unwrap_or("");
    let first = after.split(char::is_whitespace).next().unwrap_or("");
    // "$45", "+25k", "~3M", "€9": a figure, with its sign or currency.
    let numeric = |w: &str| {
        w.trim_start_matches(['+', '~', '>', '<', '≥', '$', '€', '£'])
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit())
            || w == "$"
    };
    let wordy = |w: &str| w.chars().next().is_some_and(char::is_alphabetic);
    // "<strong>12 months</strong><span>supported…": a number with its unit is a stat too.
    let unit = crate::numbers::stat_unit(last) && back.next().is_some_and(numeric);
    !last.is_empty()
        && !first.is_empty()
        && (((numeric(last) || unit) && wordy(first)) || (wordy(last) && numeric(first)))
}

impl State {
    fn flush(&mut self) {
        if let Some(s) = self.cur.take()
            && !s.is_blank()
        {
            self.out.push(s);
        }
    }

    fn begin(&mut self, scope: Scope) {
        self.flush();
        let mut s = Segment::new(scope);
        s.chrome = self.chrome > 0;
        s.quote = self.quotes > 0;
        self.cur = Some(s);
    }

    fn pop_to(&mut self, idx: usize) {
        while self.stack.len() > idx {
            if let Some(o) = self.stack.pop() {
                self.skip -= usize::from(o.skip);
                self.chrome -= usize::from(o.chrome);
                self.quotes -= usize::from(o.quote);
                self.cells -= usize::from(o.cell);
            }
        }
    }

    fn attr_segment(&mut self, scope: Scope, value: &str, raw: &str, base: usize) {
        if value.trim().is_empty() {
            return;
        }
        // Attribute spans cover `name="value"`: keep the value between the quotes.
        let quoted = raw.starts_with(['"', '\'']);
        let (raw, base) = match raw.find('=') {
            Some(eq) if !quoted && value != raw => {
                let after = &raw[eq + 1..];
                let lead = after.len() - after.trim_start().len();
                (&after[lead..], base + eq + 1 + lead)
            }
            _ => (raw, base),
        };
        let (raw, base) = match raw.as_bytes().first() {
            Some(q @ (b'"' | b'\'')) if raw.len() >= 2 && raw.as_bytes()[raw.len() - 1] == *q => {
                (&raw[1..raw.len() - 1], base + 1)
            }
            _ => (raw, base),
        };
        let mut s = Segment::new(scope);
        s.chrome = self.chrome > 0;
        push_decoded(&mut s, value, raw, base);
        self.out.push(s);
    }
}

fn push_decoded(seg: &mut Segment, value: &str, raw: &str, base: usize) {
    if value == raw {
        seg.push_exact(value, base);
    } else {
        crate::extract::align(seg, value, raw, base);
    }
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Segments of an HTML text (a whole page, or a raw HTML block inside Markdown at `base`).
pub fn fragment_segments(src: &str, base: usize) -> Vec<Segment> {
    fragment_segments_with(src, base, false)
}

/// The raw (case-kept) attribute name at the start of an attribute's span (`ctaText="…"`).
fn raw_attr_name(raw: &str) -> &str {
    let end = raw
        .find(|c: char| c == '=' || c.is_whitespace())
        .unwrap_or(raw.len());
    &raw[..end]
}

/// [`fragment_segments`]; with `component`, the HTML is a component's or a template's
/// markup (Astro, Vue, Svelte): `<template>` is markup, a component (`<Hero>`, `<my-card>`)
/// is a block, and copy attributes and props (`title`, `aria-label`, `placeholder`,
/// `label`, `ctaText`…; `script::copy_name`) are segments of their own.
pub fn fragment_segments_with(src: &str, base: usize, component: bool) -> Vec<Segment> {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    let mut st = State {
        out: Vec::new(),
        cur: None,
        stack: Vec::new(),
        skip: 0,
        chrome: 0,
        quotes: 0,
        cells: 0,
        cells_in_row: 0,
        tag_since_text: false,
    };
    let raw_of = |span: &html5gum::Span<usize>| src.get(span.start..span.end).unwrap_or("");
    for token in Tokenizer::new_with_emitter(src, emitter).flatten() {
        st.tag_since_text |= matches!(token, Token::StartTag(_) | Token::EndTag(_));
        match token {
            Token::StartTag(tag) => {
                let name = lossy(&tag.name).to_ascii_lowercase();
                let attr = |n: &str| {
                    tag.attributes
                        .iter()
                        .find(|(k, _)| k.as_slice().eq_ignore_ascii_case(n.as_bytes()))
                        .map(|(_, v)| v)
                };
                let attr_str = |n: &str| attr(n).map(|v| lossy(&v.value).to_ascii_lowercase());
                let hidden = attr("hidden").is_some()
                    || attr_str("aria-hidden").as_deref() == Some("true")
                    || attr_str("style").is_some_and(|s| {
                        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
                        s.contains("display:none") || s.contains("visibility:hidden")
                    });
                let role = attr_str("role").unwrap_or_default();
                // The tag's name as written (html5gum lowercases it).
                let raw_name = src
                    .get(tag.span.start + 1..tag.span.end)
                    .unwrap_or("")
                    .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
                    .next()
                    .unwrap_or("");
                let is_component = component
                    && (raw_name.starts_with(|c: char| c.is_ascii_uppercase())
                        || raw_name.contains(['-', '.', ':']));
                if component && st.skip == 0 {
                    let mut attrs: Vec<_> = tag.attributes.iter().collect();
                    attrs.sort_by_key(|(_, v)| v.span.start);
                    for (k, v) in attrs {
                        let raw = raw_of(&v.span);
                        let n = raw_attr_name(raw);
                        // Bindings and directives (`:title`, `v-bind:title`, `bind:value`,
                        // `@click`, `#slot`) hold expressions, not copy.
                        let binding = n.starts_with([':', '@', '#'])
                            || n.contains(':')
                            || n.starts_with("v-");
                        let copy = !binding
                            && match k.as_slice() {
                                b"alt" => !matches!(name.as_str(), "img" | "area" | "input"),
                                b"aria-label" | b"aria-description" => true,
                                b"content" => false,
                                _ => crate::extract::script::copy_name(n),
                            };
                        if copy {
                            let scope = crate::extract::script::scope_of_name(n, is_component);
                            let value = lossy(&v.value);
                            st.attr_segment(scope, &value, raw, base + v.span.start);
                        }
                    }
                }
                let is_chrome = CHROME.contains(&name.as_str())
                    || matches!(role.as_str(), "navigation" | "banner" | "contentinfo");
                if st.skip == 0 {
                    match name.as_str() {
                        "img" | "area" | "input" => {
                            if let Some(alt) = attr("alt") {
                                let v = lossy(&alt.value);
                                let raw = raw_of(&alt.span);
                                st.attr_segment(Scope::Alt, &v, raw, base + alt.span.start);
                            }
                        }
                        "meta" => {
                            let key = attr_str("name")
                                .or_else(|| attr_str("property"))
                                .unwrap_or_default();
                            let scope = match key.as_str() {
                                "description" | "og:description" | "twitter:description" => {
                                    Some(Scope::Meta)
                                }
                                "og:title" | "twitter:title" => Some(Scope::Title),
                                _ => None,
                            };
                            if let (Some(scope), Some(c)) = (scope, attr("content")) {
                                let v = lossy(&c.value);
                                let raw = raw_of(&c.span);
                                st.attr_segment(scope, &v, raw, base + c.span.start);
                            }
                        }
                        "br" => {
                            if let Some(s) = st.cur.as_mut() {
                                s.push_mapped("\n", base + tag.span.start..base + tag.span.end);
                            }
                        }
                        "tr" => {
                            st.begin(Scope::TableRow);
                            st.cells_in_row = 0;
                        }
                        "td" | "th" => {
                            if st.cells_in_row > 0 {
                                if let Some(s) = st.cur.as_mut() {
                                    s.push_synthetic(" | ");
                                }
                            } else if st.cur.is_none() {
                                st.begin(Scope::TableRow);
                            }
                            st.cells_in_row += 1;
                        }
                        "title" => st.begin(Scope::Title),
                        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" if st.cells == 0 => {
                            st.begin(Scope::Heading)
                        }
                        "li" | "dt" | "dd" if st.cells == 0 => st.begin(Scope::ListItem),
                        n if BLOCK.contains(&n) || is_component => {
                            if st.cells == 0 {
                                st.begin(Scope::Body)
                            } else if let Some(s) = st.cur.as_mut() {
                                s.push_synthetic(" ");
                            }
                        }
                        _ => {}
                    }
                }
                let is_void = VOID.contains(&name.as_str())
                    || tag.self_closing && !BLOCK.contains(&name.as_str());
                if !is_void && st.stack.len() < MAX_DEPTH {
                    let skip = (SKIP.contains(&name.as_str())
                        && !(component && name == "template"))
                        || hidden;
                    let cell = matches!(name.as_str(), "td" | "th");
                    st.skip += usize::from(skip);
                    st.chrome += usize::from(is_chrome);
                    let quote = name == "blockquote";
                    st.quotes += usize::from(quote);
                    st.cells += usize::from(cell);
                    if is_chrome && st.skip == 0 {
                        // Chrome starts a new segment so body text never carries the flag.
                        st.begin(Scope::Body);
                    }
                    st.stack.push(Open {
                        name,
                        skip,
                        chrome: is_chrome,
                        quote,
                        cell,
                    });
                    // The blockquote's own text: its segment began before the count rose.
                    if quote && let Some(s) = st.cur.as_mut() {
                        s.quote = true;
                    }
                }
            }
            Token::EndTag(tag) => {
                let name = lossy(&tag.name).to_ascii_lowercase();
                if let Some(idx) = st.stack.iter().rposition(|o| o.name == name) {
                    let was_skipping = st.skip > 0;
                    st.pop_to(idx);
                    let ends_block = BLOCK.contains(&name.as_str())
                        || (component && name.contains(['-', '.', ':']))
                        || CHROME.contains(&name.as_str())
                        || matches!(name.as_str(), "tr" | "table");
                    if !was_skipping && ends_block && st.cells == 0 {
                        st.flush();
                    } else if was_skipping && st.skip == 0 && st.cur.is_none() {
                        // nothing open
                    }
                    if matches!(name.as_str(), "td" | "th") {
                        // cell ended: stay in the row
                    }
                } else if name == "body" || name == "html" {
                    st.pop_to(0);
                }
            }
            Token::String(s) => {
                if st.skip > 0 {
                    continue;
                }
                let value = lossy(&s.value);
                if value.trim().is_empty() {
                    if let Some(c) = st.cur.as_mut()
                        && !c.text.is_empty()
                        && !c.text.ends_with(char::is_whitespace)
                    {
                        c.push_synthetic(" ");
                    }
                    continue;
                }
                let raw = raw_of(&s.span);
                if st.cur.is_none() {
                    st.begin(Scope::Body);
                }
                let joined = std::mem::take(&mut st.tag_since_text);
                if let Some(c) = st.cur.as_mut() {
                    if joined && stat_join(&c.text, &value) {
                        c.push_synthetic(" ");
                    }
                    push_decoded(c, &value, raw, base + s.span.start);
                }
            }
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    st.flush();
    st.out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &str) -> Vec<(String, Scope, bool)> {
        fragment_segments(src, 0)
            .into_iter()
            .map(|s| {
                (
                    s.text.split_whitespace().collect::<Vec<_>>().join(" "),
                    s.scope,
                    s.chrome,
                )
            })
            .collect()
    }

    #[test]
    fn visible_text_only() {
        let src = r#"<html><head><title>Lumora &amp; you</title>
<meta name="description" content="The best help desk">
<meta property="og:title" content="OG title">
<script>var HelpBot = 1;</script><style>.HelpBot{}</style>
<script type="application/ld+json">{"name":"HelpBot"}</script></head>
<body><nav><a href="/">Home</a></nav>
<!-- HelpBot in a comment -->
<noscript>HelpBot</noscript><template>HelpBot</template>
<p>Hello <b>world</b>, Lumora&rsquo;s team.<img src=x alt="Alt copy"></p>
<div hidden>Hidden HelpBot</div>
<table><tr><td>1,200</td><td>teams</td></tr></table>
<footer>© Lumora</footer></body></html>"#;
        let t = texts(src);
        let all: Vec<&str> = t.iter().map(|x| x.0.as_str()).collect();
        assert!(!all.iter().any(|s| s.contains("HelpBot")), "{all:?}");
        assert_eq!(t[0], ("Lumora & you".into(), Scope::Title, false));
        assert_eq!(t[1], ("The best help desk".into(), Scope::Meta, false));
        assert_eq!(t[2], ("OG title".into(), Scope::Title, false));
        assert_eq!(t[3], ("Home".into(), Scope::Body, true));
        assert!(
            all.contains(&"Hello world, Lumora\u{2019}s team."),
            "{all:?}"
        );
        assert!(all.contains(&"Alt copy"));
        assert!(all.contains(&"1,200 | teams"));
        assert!(t.iter().any(|x| x.0 == "© Lumora" && x.2));
    }

    #[test]
    fn spans_point_into_source() {
        let src = "<p>Say &ldquo;HelpBot&rdquo; now</p>";
        let segs = fragment_segments(src, 0);
        let s = &segs[0];
        let at = s.text.find("HelpBot").expect("present");
        assert_eq!(&src[s.source_range(at..at + 7)], "HelpBot");
    }

    #[test]
    fn stat_blocks_keep_number_and_label_apart() {
        let t = texts("<li><strong>5000</strong><span>Servers in production</span></li>");
        assert_eq!(t[0].0, "5000 Servers in production");
        let t = texts("<div><b>Customers</b><i>20k</i></div>");
        assert_eq!(t[0].0, "Customers 20k");
        let t = texts("<p><strong>12 months</strong><span>supported for each version</span></p>");
        assert_eq!(t[0].0, "12 months supported for each version");
        // A figure with its sign or currency: "+25k", "€9".
        let t = texts("<div><span>trusted by</span><strong>+25k</strong><span>others</span></div>");
        assert_eq!(t[0].0, "trusted by +25k others");
        let t = texts("<div><strong>€9</strong><span>per seat</span></div>");
        assert_eq!(t[0].0, "€9 per seat");
        // Letters on both sides: one word split by markup stays one word.
        let t = texts("<p><b>Lum</b>ora is <em>fast</em>er</p>");
        assert_eq!(t[0].0, "Lumora is faster");
    }

    #[test]
    fn charset_from_meta() {
        let bytes = b"<meta charset=\"iso-8859-1\"><p>caf\xe9</p>";
        assert!(decode(bytes).contains("caf\u{e9}"));
    }
}
