//! Components and server templates → `Document`: Astro, Vue and Svelte components
//! (their scripts through `script`, their markup through the HTML reader) and Liquid,
//! Nunjucks, Handlebars and Go templates (the HTML reader).
//!
//! Owns: finding a component's parts, and masking template syntax — `{{ … }}`, `{% … %}`,
//! `{# … #}` in server templates and Vue, balanced `{ … }` in Astro and Svelte — so the HTML
//! reader sees it as opaque text of the same length: every location stays exact, and no
//! phrase matches across an expression (`Lumora {{ x }} Cloud` is not "Lumora Cloud").
//! Must not: decide what copy is inside the markup (the HTML reader does).

use crate::document::{Document, Kind, Literal, Segment};
use crate::extract::{Unreadable, html, script};

/// Template syntax of a family.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// `{{ … }}`, `{% … %}`, `{# … #}` (Liquid, Nunjucks, Jinja, Handlebars, Go, Hugo).
    Tags,
    /// `{{ … }}` only (Vue).
    Mustache,
    /// Balanced `{ … }` (Astro, Svelte, JSX-like markup).
    Braces,
}

/// The longest template tag (`{{ … }}`, `{% … %}`) masked; a comment block may be longer.
const MAX_TAG: usize = 4096;

/// `src` with its template syntax replaced by `{` + spaces + `}` (newlines kept), byte for
/// byte the same length. `<script>` and `<style>` bodies and HTML comments are left as they
/// are (the HTML reader skips them) so braces in CSS or JS never unbalance the markup.
pub fn mask(src: &str, syntax: Syntax) -> String {
    let mut renamed;
    let b = if syntax == Syntax::Tags {
        src.as_bytes()
    } else {
        renamed = src.as_bytes().to_vec();
        rename_self_closing_raw_text(&mut renamed);
        &renamed[..]
    };
    let mut out = b.to_vec();
    let mut i = 0;
    while i < b.len() {
        // Raw-text elements and comments: skipped whole.
        if b[i] == b'<' {
            if let Some(end) = raw_text_end(src, i) {
                i = end;
                continue;
            }
            i += 1;
            continue;
        }
        if b[i] != b'{' {
            i += 1;
            continue;
        }
        let end = match syntax {
            Syntax::Tags | Syntax::Mustache => {
                let close: &[u8] = match b.get(i + 1) {
                    Some(b'{') => b"}}",
                    Some(b'%') if syntax == Syntax::Tags => b"%}",
                    Some(b'#') if syntax == Syntax::Tags => b"#}",
                    _ => {
                        i += 1;
                        continue;
                    }
                };
                // `{{!-- … --}}` (Handlebars comments may hold `}}`); a Liquid or Jinja
                // comment block is opaque to its end tag.
                let close: &[u8] = if b[i..].starts_with(b"{{!--") {
                    b"--}}"
                } else {
                    close
                };
                let block_end = comment_block(&b[i..]).map(|e| i + e);
                // A tag is short: a `{{` whose `}}` is pages away is text (an exported page
                // quoting template syntax), not a tag to hide copy behind.
                block_end.or_else(|| {
                    let window = &b[i + 2..b.len().min(i + 2 + MAX_TAG)];
                    memchr::memmem::find(window, close).map(|e| i + 2 + e + close.len())
                })
            }
            Syntax::Braces => balanced(b, i),
        };
        let Some(end) = end else {
            i += 1;
            continue;
        };
        for (k, byte) in out.iter_mut().enumerate().take(end).skip(i) {
            *byte = if k == i {
                b'{'
            } else if k + 1 == end {
                b'}'
            } else if b[k] == b'\n' || b[k] == b'\r' {
                b[k]
            } else {
                b' '
            };
        }
        i = end;
    }
    // Only ASCII bytes replaced whole characters: still UTF-8.
    String::from_utf8(out).unwrap_or_else(|_| src.to_owned())
}

/// In a component any element may close itself (`<iframe … />`, `<textarea />`), but to
/// an HTML tokenizer those open raw text that runs to their end tag. Such a tag's name is
/// overwritten with `x`s (same length), so the reader sees an unknown, closed element.
fn rename_self_closing_raw_text(b: &mut [u8]) {
    const RAW: [&[u8]; 10] = [
        b"iframe",
        b"textarea",
        b"title",
        b"noscript",
        b"noembed",
        b"noframes",
        b"xmp",
        b"style",
        b"script",
        b"plaintext",
    ];
    let mut i = 0;
    while let Some(lt) = memchr::memchr(b'<', &b[i..]) {
        let at = i + lt + 1;
        i = at;
        let Some(name) = RAW.iter().find(|n| {
            b.get(at..at + n.len())
                .is_some_and(|s| s.eq_ignore_ascii_case(n))
                && b.get(at + n.len())
                    .is_some_and(|c| c.is_ascii_whitespace() || *c == b'/' || *c == b'>')
        }) else {
            continue;
        };
        let Some(end) = std::str::from_utf8(&b[at..]).ok().and_then(tag_end) else {
            continue;
        };
        if end > 0 && b[at + end - 1] == b'/' {
            b[at..at + name.len()].fill(b'x');
        }
    }
}

/// The length of a `{% comment %} … {% endcomment %}` block at the start of `b` (Liquid,
/// Nunjucks, Jinja, Django), tag whitespace control (`{%-`) allowed.
fn comment_block(b: &[u8]) -> Option<usize> {
    let inner = b.strip_prefix(b"{%")?;
    let inner = inner.strip_prefix(b"-").unwrap_or(inner);
    let word = inner.trim_ascii_start();
    if !word.starts_with(b"comment") {
        return None;
    }
    let end = memchr::memmem::find(b, b"endcomment")?;
    let close = memchr::memmem::find(&b[end..], b"%}")?;
    Some(end + close + 2)
}

/// The end of a `<script>`, `<style>` element or a comment starting at `i`.
fn raw_text_end(src: &str, i: usize) -> Option<usize> {
    let rest = &src.as_bytes()[i..];
    if rest.starts_with(b"<!--") {
        return Some(memchr::memmem::find(&rest[4..], b"-->").map_or(src.len(), |e| i + 4 + e + 3));
    }
    for tag in ["script", "style"] {
        let open = rest.get(1..1 + tag.len())?;
        if open.eq_ignore_ascii_case(tag.as_bytes())
            && rest
                .get(1 + tag.len())
                .is_some_and(|c| c.is_ascii_whitespace() || *c == b'>')
        {
            let close = format!("</{tag}");
            let lower = rest.to_ascii_lowercase();
            return Some(
                memchr::memmem::find(&lower, close.as_bytes()).map_or(src.len(), |e| i + e),
            );
        }
    }
    None
}

/// The end (exclusive) of the `{ … }` starting at `i`: braces counted, strings, template
/// literals and comments inside skipped; at most 64 levels.
pub(crate) fn balanced(b: &[u8], i: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut k = i;
    while k < b.len() {
        match b[k] {
            b'{' => {
                depth += 1;
                if depth > 64 {
                    return None;
                }
            }
            b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(k + 1);
                }
            }
            q @ (b'"' | b'\'' | b'`') if depth > 0 => {
                k += 1;
                while k < b.len() && b[k] != q {
                    if b[k] == b'\\' {
                        k += 1;
                    } else if q != b'`' && b[k] == b'\n' {
                        break;
                    }
                    k += 1;
                }
            }
            _ => {}
        }
        k += 1;
    }
    None
}

/// The HTML reader over masked markup at `base`; segments without a letter (a masked
/// expression alone) are dropped, and every verbatim piece becomes a literal where a fix
/// may not bring markup or template syntax.
fn markup(
    masked: &str,
    base: usize,
    component: bool,
    doc: &mut Vec<Segment>,
    lits: &mut Vec<Literal>,
) {
    for s in html::fragment_segments_with(masked, base, component) {
        // A masked expression alone (`{ }`) is not copy; other text without letters
        // ("1 / 5") stays, as the HTML reader keeps it.
        if s.text.contains('{') && !s.text.chars().any(char::is_alphabetic) {
            continue;
        }
        for p in &s.pieces {
            if p.len == p.src_len {
                lits.push(Literal {
                    range: p.src as usize..(p.src + p.src_len) as usize,
                    forbid: "<>{}&\"'",
                });
            }
        }
        doc.push(s);
    }
}

/// A server template (or an `.html` page with template tags).
pub fn server(path: String, kind: Kind, source: String) -> Document {
    let masked = mask(&source, Syntax::Tags);
    let mut segs = Vec::new();
    let mut lits = Vec::new();
    markup(&masked, 0, false, &mut segs, &mut lits);
    finish(path, kind, source, segs, lits)
}

/// Whether an HTML page holds template tags (`{{ … }}`, `{% … %}`) to mask.
pub fn has_tags(source: &str) -> bool {
    let b = source.as_bytes();
    (memchr::memmem::find(b, b"{{").is_some() && memchr::memmem::find(b, b"}}").is_some())
        || (memchr::memmem::find(b, b"{%").is_some() && memchr::memmem::find(b, b"%}").is_some())
}

fn finish(
    path: String,
    kind: Kind,
    source: String,
    mut segs: Vec<Segment>,
    mut lits: Vec<Literal>,
) -> Document {
    // A component's scripts and markup are read apart: its segments in source order, as
    // every format has them (markup alone keeps the HTML reader's order).
    if matches!(kind, Kind::Astro | Kind::Vue | Kind::Svelte) {
        segs.sort_by_key(|s| s.pieces.first().map_or(0, |p| p.src));
    }
    lits.sort_by_key(|l| l.range.start);
    let mut doc = Document::new(path, kind, source, segs);
    doc.literals = lits;
    doc
}

/// The offset of the `>` that closes the tag starting `s` (quoted attribute values may
/// hold `>`: `<script setup lang="ts" generic="T extends Item<U>">`).
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.bytes().enumerate() {
        match (quote, c) {
            (None, b'"' | b'\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, b'>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// An `<script …>` block's body: (start, end, TypeScript?).
fn script_blocks(src: &str) -> Vec<(usize, usize, bool)> {
    let lower = src.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = lower[from..].find("<script") {
        let open = from + at;
        // `<ScriptYouTubePlayer>` is a component, not a script.
        if !lower[open + 7..].starts_with(|c: char| c.is_ascii_whitespace() || c == '>') {
            from = open + 7;
            continue;
        }
        let Some(gt) = tag_end(&lower[open..]) else {
            break;
        };
        let body = open + gt + 1;
        let head = &lower[open..body];
        let Some(close) = lower[body..].find("</script") else {
            break;
        };
        let ts = head.contains("lang=\"ts\"")
            || head.contains("lang='ts'")
            || head.contains("lang=\"tsx\"")
            || head.contains("lang=ts");
        // JSON-LD and other data blocks are not scripts.
        let data =
            head.contains("application/ld+json") || head.contains("type=\"application/json\"");
        if !data && !head.ends_with("/>") {
            out.push((body, body + close, ts));
        }
        from = body + close;
    }
    out
}

fn scripts(
    source: &str,
    ranges: &[(usize, usize, bool)],
    segs: &mut Vec<Segment>,
    lits: &mut Vec<Literal>,
) -> Result<(), Unreadable> {
    for &(s, e, ts) in ranges {
        let st = if ts {
            oxc_span::SourceType::ts()
        } else {
            oxc_span::SourceType::mjs()
        };
        script::read(&source[s..e], s, st, segs, lits)?;
    }
    Ok(())
}

/// An Astro component: the `---` front matter is TypeScript; the rest is markup with
/// `{ … }` expressions (its `<script>` blocks are scripts).
pub fn astro(path: String, source: String) -> Result<Document, Unreadable> {
    let mut segs = Vec::new();
    let mut lits = Vec::new();
    let mut markup_from = 0;
    let body = source.strip_prefix('\u{feff}').map_or(0, |_| 3);
    if source[body..].starts_with("---") {
        let fm_start = body + 3;
        if let Some(end) = source[fm_start..].find("\n---") {
            let fm_end = fm_start + end + 1;
            script::read(
                &source[fm_start..fm_end],
                fm_start,
                oxc_span::SourceType::ts(),
                &mut segs,
                &mut lits,
            )?;
            markup_from = fm_end + 3;
        }
    }
    let mut masked = mask(&source, Syntax::Braces);
    // The front matter is not markup.
    masked.replace_range(..markup_from, &" ".repeat(markup_from));
    markup(&masked, 0, true, &mut segs, &mut lits);
    // Astro processes its `<script>` blocks as TypeScript.
    let blocks: Vec<_> = script_blocks(&source)
        .into_iter()
        .filter(|b| b.0 >= markup_from)
        .map(|(s, e, _)| (s, e, true))
        .collect();
    scripts(&source, &blocks, &mut segs, &mut lits)?;
    Ok(finish(path, Kind::Astro, source, segs, lits))
}

/// A Vue single-file component: the top-level `<template>` is markup with `{{ … }}`; each
/// `<script>` (and `<script setup>`) is a script.
pub fn vue(path: String, source: String) -> Result<Document, Unreadable> {
    let mut segs = Vec::new();
    let mut lits = Vec::new();
    let lower = source.to_ascii_lowercase();
    if let (Some(open), Some(close)) = (lower.find("<template"), lower.rfind("</template>"))
        && let Some(gt) = tag_end(&lower[open..])
        && open + gt < close
    {
        let start = open + gt + 1;
        let masked = mask(&source[start..close], Syntax::Mustache);
        markup(&masked, start, true, &mut segs, &mut lits);
    }
    let blocks = script_blocks(&source);
    scripts(&source, &blocks, &mut segs, &mut lits)?;
    Ok(finish(path, Kind::Vue, source, segs, lits))
}

/// A Svelte component: markup with `{ … }` (blocks `{#if}`/`{/if}` included) around its
/// `<script>` blocks.
pub fn svelte(path: String, source: String) -> Result<Document, Unreadable> {
    let mut segs = Vec::new();
    let mut lits = Vec::new();
    let masked = mask(&source, Syntax::Braces);
    markup(&masked, 0, true, &mut segs, &mut lits);
    let blocks = script_blocks(&source);
    scripts(&source, &blocks, &mut segs, &mut lits)?;
    Ok(finish(path, Kind::Svelte, source, segs, lits))
}

/// A JavaScript or TypeScript file.
pub fn script_file(path: String, ext: &str, source: String) -> Result<Document, Unreadable> {
    let mut segs = Vec::new();
    let mut lits = Vec::new();
    script::read(&source, 0, script::source_type(ext), &mut segs, &mut lits)?;
    Ok(finish(path, Kind::Script, source, segs, lits))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_keep_length_and_lines() {
        let src = "<p>Hi {{ user.name }}, {% if x %}welcome{% endif %}</p>\n<style>a{}</style>";
        let m = mask(src, Syntax::Tags);
        assert_eq!(m.len(), src.len());
        assert_eq!(
            m,
            "<p>Hi {             }, {        }welcome{         }</p>\n<style>a{}</style>"
        );
        let src = "<p>{items.map((i) => <b>{i}</b>)} and {\"}\"} é</p>";
        let m = mask(src, Syntax::Braces);
        assert_eq!(m.len(), src.len());
        assert!(m.ends_with(" and {   } é</p>"), "{m}");
        // Unclosed: left as it is.
        assert_eq!(mask("a { b", Syntax::Braces), "a { b");
    }

    fn texts(d: &Document) -> Vec<String> {
        d.segments
            .iter()
            .map(|s| s.text.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    }

    #[test]
    fn components() {
        let vue = "<template>\n  <section>\n    <h1>{{ t('x') }} Lumora</h1>\n    <Hero title=\"Fast help\" :subtitle=\"sub\" />\n    <template v-if=\"a\"><p>Shown copy</p></template>\n  </section>\n</template>\n<script setup lang=\"ts\">\nconst hero = { title: 'Script copy' };\nimport x from './x';\n</script>\n<style>.a{color:red}</style>\n";
        let d = vue_doc(vue);
        assert_eq!(
            texts(&d),
            ["{ } Lumora", "Fast help", "Shown copy", "Script copy"]
        );
        let astro = "---\nimport Layout from '../layouts/Layout.astro';\nconst meta = { title: 'Front copy' };\n---\n<Layout>\n  <p>Hello {name}, read {posts.length} posts</p>\n</Layout>\n";
        let d = super::astro(String::from("a.astro"), astro.into()).expect("reads");
        assert_eq!(texts(&d), ["Front copy", "Hello { }, read { } posts"]);
        let svelte = "<script>\n  let n = 1;\n</script>\n{#if n}\n  <p aria-label=\"Close dialog\">Count {n}</p>\n{/if}\n";
        let d = super::svelte(String::from("a.svelte"), svelte.into()).expect("reads");
        assert_eq!(texts(&d), ["Close dialog", "Count { }"]);
    }

    fn vue_doc(src: &str) -> Document {
        vue(String::from("a.vue"), src.into()).expect("reads")
    }
}
