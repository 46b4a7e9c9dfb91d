//! Markdown → `Document` with pulldown-cmark's offset iterator.
//!
//! Owns: which Markdown text is copy (prose, headings, list items, table rows, link text,
//! image alt, front-matter `title`/`description`/`summary`) and its exact source offsets.
//! Never yields code spans, code blocks or HTML comments; raw HTML blocks go through the
//! HTML extractor. Must not: fold text or match phrases.

use crate::document::{Document, Kind, Literal, Scope, Segment};
use pulldown_cmark::{Event, LinkType, MetadataBlockKind, Options, Parser, Tag, TagEnd};
use std::ops::Range;

pub fn extract(path: String, source: String) -> Document {
    if is_mdx(&path) {
        return mdx(path, source);
    }
    let (segments, keep) = read(&source, false);
    let mut doc = Document::new(path, Kind::Markdown, source, segments);
    doc.keep = keep;
    doc
}

fn is_mdx(path: &str) -> bool {
    std::path::Path::new(path)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("mdx"))
}

/// MDX: Markdown with ESM blocks (`import`/`export` at the start of a block), JSX
/// elements and `{expressions}`. The Markdown reader runs over a copy of the source of the
/// same length where ESM blocks are blank, expressions are `{` spaces `}` and a JSX tag
/// written over several lines is on one (so `<Hero title="…"\n/>` is a block whose copy
/// props are read as in a component); the ESM blocks are read as JavaScript (an exported
/// `metadata`, copy-named properties). Every verbatim piece is a literal: a fix may not
/// bring `<`, `{` or a quote into MDX.
fn mdx(path: String, source: String) -> Document {
    let (masked, esm) = mdx_mask(&source);
    let (mut segs, keep) = read(&masked, true);
    // A masked expression alone (`{ }`) is not copy.
    segs.retain(|s| !s.text.contains('{') || s.text.chars().any(char::is_alphabetic));
    let mut lits = Vec::new();
    let b = source.as_bytes();
    for s in &segs {
        for p in &s.pieces {
            if p.len == p.src_len && p.src_len > 0 {
                let start = p.src as usize;
                // Inside a single-quoted attribute an apostrophe would end the value.
                let single = start > 0 && b.get(start - 1) == Some(&b'\'');
                lits.push(Literal {
                    range: start..start + p.src_len as usize,
                    forbid: if single { "<>{}\"'" } else { "<>{}\"" },
                });
            }
        }
    }
    for r in esm {
        // ESM that oxc cannot read is skipped: it is code either way.
        let _ = crate::extract::script::read(
            &source[r.clone()],
            r.start,
            oxc_span::SourceType::mjs().with_jsx(true),
            &mut segs,
            &mut lits,
        );
    }
    segs.sort_by_key(|s| s.pieces.first().map_or(0, |p| p.src));
    lits.sort_by_key(|l| l.range.start);
    let mut doc = Document::new(path, Kind::Markdown, source, segs);
    doc.keep = keep;
    doc.literals = lits;
    doc
}

/// The longest JSX tag or `{expression}` looked for (an unclosed one is text).
const MDX_REACH: usize = 16 * 1024;

/// [`mdx`]'s masked copy of `src` and its ESM blocks.
fn mdx_mask(src: &str) -> (String, Vec<Range<usize>>) {
    let b = src.as_bytes();
    let mut out = b.to_vec();
    let mut esm = Vec::new();
    let blank = |out: &mut [u8], r: Range<usize>| {
        for k in r {
            if out[k] != b'\n' && out[k] != b'\r' {
                out[k] = b' ';
            }
        }
    };
    let mut i = front_matter_end(src);
    let mut fence: Option<(u8, usize)> = None;
    let mut fence_start = 0;
    let mut prev_blank = true;
    while i < b.len() {
        let line_end = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |e| i + e + 1);
        let line = &src[i..line_end];
        let t = line.trim_start_matches(' ');
        let indent = line.len() - t.len();
        let is_blank = t.trim().is_empty();
        let run = |c: u8| t.bytes().take_while(|&x| x == c).count();
        if let Some((c, n)) = fence {
            if indent < 4 && run(c) >= n && t.trim_start_matches(c as char).trim().is_empty() {
                fence = None;
                // A fence is code wherever it stands: blank it, so that one right under a
                // component's tag (`<CodeGroup>` then a fence, no blank line between) is not
                // read as the tag's HTML block.
                blank(&mut out, fence_start..line_end);
            }
            i = line_end;
            prev_blank = false;
            continue;
        }
        if indent < 4 && (run(b'`') >= 3 || run(b'~') >= 3) {
            let c = t.as_bytes()[0];
            fence = Some((c, run(c)));
            fence_start = i;
            i = line_end;
            prev_blank = false;
            continue;
        }
        if prev_blank && indent == 0 && (t.starts_with("import") || t.starts_with("export")) {
            let after = t.as_bytes().get(6).copied().unwrap_or(b' ');
            if after == b' ' || after == b'{' || after == b'*' || after == b'\t' {
                // ESM runs to the next blank line.
                let mut end = line_end;
                while end < b.len() {
                    let next = memchr::memchr(b'\n', &b[end..]).map_or(b.len(), |e| end + e + 1);
                    if src[end..next].trim().is_empty() {
                        break;
                    }
                    end = next;
                }
                blank(&mut out, i..end);
                esm.push(i..end);
                i = end;
                prev_blank = false;
                continue;
            }
        }
        prev_blank = is_blank;
        // Expressions, inline code and JSX tags from here to the end of the line (one may
        // run past it: the line after it ends the scan).
        let mut k = i;
        while k < b.len() {
            match b[k] {
                b'\n' => {
                    k += 1;
                    break;
                }
                b'`' => {
                    // An inline code span on this line: braces in it are literal.
                    let n = b[k..].iter().take_while(|&&x| x == b'`').count();
                    let eol = memchr::memchr(b'\n', &b[k..]).map_or(b.len(), |e| k + e);
                    let ticks = &b[k..k + n];
                    k = match memchr::memmem::find(&b[(k + n).min(eol)..eol], ticks) {
                        Some(e) => k + n + e + n,
                        None => k + n,
                    };
                }
                b'{' => {
                    let window = &b[..b.len().min(k + MDX_REACH)];
                    match crate::extract::template::balanced(window, k) {
                        Some(e) => {
                            blank(&mut out, k + 1..e - 1);
                            k = e;
                        }
                        None => k += 1,
                    }
                }
                b'<' if b
                    .get(k + 1)
                    .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'/') =>
                {
                    match jsx_tag_end(b, k) {
                        Some(e) => {
                            // One line, so a tag alone is a block; its expressions blank.
                            let mut x = k;
                            while x < e {
                                if b[x] == b'{'
                                    && let Some(end) =
                                        crate::extract::template::balanced(&b[..e], x)
                                {
                                    // A quoted value to an HTML reader (`value="    "`).
                                    blank(&mut out, x..end);
                                    out[x] = b'"';
                                    out[end - 1] = b'"';
                                    x = end;
                                    continue;
                                }
                                x += 1;
                            }
                            for byte in &mut out[k..e] {
                                if *byte == b'\n' || *byte == b'\r' {
                                    *byte = b' ';
                                }
                            }
                            k = e;
                        }
                        None => k += 1,
                    }
                }
                _ => k += 1,
            }
        }
        i = k;
    }
    if fence.is_some() {
        blank(&mut out, fence_start..b.len());
    }
    // Only ASCII bytes replaced whole ASCII bytes: still UTF-8.
    (
        String::from_utf8(out).unwrap_or_else(|_| src.to_owned()),
        esm,
    )
}

/// The end (exclusive) of a JSX tag starting at `<` at `i`: quotes and `{…}` skipped,
/// within [`MDX_REACH`].
fn jsx_tag_end(b: &[u8], i: usize) -> Option<usize> {
    let end = b.len().min(i + MDX_REACH);
    let mut k = i + 1;
    while k < end {
        match b[k] {
            b'>' => return Some(k + 1),
            b'<' => return None,
            q @ (b'"' | b'\'') => {
                k += 1 + memchr::memchr(q, &b[k + 1..end])?;
            }
            b'{' => {
                k = crate::extract::template::balanced(&b[..end], k)? - 1;
            }
            _ => {}
        }
        k += 1;
    }
    None
}

/// Where YAML/TOML front matter at the very start ends (0 when there is none).
fn front_matter_end(src: &str) -> usize {
    for fence in ["---", "+++"] {
        if let Some(rest) = src.strip_prefix(fence)
            && rest.starts_with(['\n', '\r'])
            && let Some(e) = rest.find(&format!("\n{fence}"))
        {
            let close = fence.len() + e + 1 + fence.len();
            return src[close..].find('\n').map_or(src.len(), |n| close + n + 1);
        }
    }
    0
}

fn flush(out: &mut Vec<Segment>, cur: &mut Option<Segment>) {
    if let Some(s) = cur.take()
        && !s.is_blank()
    {
        out.push(s);
    }
}

pub fn segments(src: &str) -> Vec<Segment> {
    read(src, false).0
}

/// The segments, and the source ranges a fix must not touch (reference-link labels).
/// `component`: raw HTML is MDX's JSX (copy props of components are read).
fn read(src: &str, component: bool) -> (Vec<Segment>, Vec<std::ops::Range<usize>>) {
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut out: Vec<Segment> = Vec::new();
    let mut cur: Option<Segment> = None;
    let mut scope_stack: Vec<Scope> = Vec::new();
    let mut in_code_block = false;
    let mut metadata: Option<MetadataBlockKind> = None;
    let mut cells_in_row = 0usize;
    let mut keep = Vec::new();
    // A raw HTML block arrives line by line: it is read whole, so a comment spanning
    // lines stays a comment.
    let mut html_block: Option<std::ops::Range<usize>> = None;

    for (event, range) in Parser::new_ext(src, opts).into_offset_iter() {
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::Item
                | Tag::TableRow
                | Tag::TableHead => {
                    let scope = match tag {
                        Tag::Heading { .. } => Scope::Heading,
                        Tag::Item => Scope::ListItem,
                        Tag::TableRow | Tag::TableHead => Scope::TableRow,
                        _ => scope_stack.last().copied().unwrap_or(Scope::Body),
                    };
                    flush(&mut out, &mut cur);
                    if matches!(tag, Tag::Item) {
                        scope_stack.push(Scope::ListItem);
                    }
                    cells_in_row = 0;
                    let mut seg = Segment::new(scope);
                    // The text is at most the block's source (a list item's may hold more
                    // blocks, hence the cap): one allocation instead of a doubling per push.
                    seg.text.reserve(range.len().min(4096));
                    cur = Some(seg);
                }
                Tag::TableCell => {
                    if cells_in_row > 0
                        && let Some(s) = cur.as_mut()
                    {
                        s.push_synthetic(" | ");
                    }
                    cells_in_row += 1;
                }
                Tag::CodeBlock(_) => {
                    flush(&mut out, &mut cur);
                    in_code_block = true;
                }
                Tag::MetadataBlock(kind) => metadata = Some(kind),
                Tag::Link {
                    link_type:
                        LinkType::Shortcut
                        | LinkType::ShortcutUnknown
                        | LinkType::Collapsed
                        | LinkType::CollapsedUnknown,
                    ..
                } => keep.push(range),
                Tag::HtmlBlock => {
                    flush(&mut out, &mut cur);
                    html_block = Some(range.start..range.start);
                }
                Tag::BlockQuote(_) | Tag::FootnoteDefinition(_) => {
                    flush(&mut out, &mut cur);
                }
                _ => {}
            },
            Event::End(end) => match end {
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::TableRow
                | TagEnd::TableHead
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition => flush(&mut out, &mut cur),
                TagEnd::Item => {
                    flush(&mut out, &mut cur);
                    scope_stack.pop();
                }
                TagEnd::CodeBlock => in_code_block = false,
                TagEnd::HtmlBlock => {
                    if let Some(r) = html_block.take().filter(|r| r.end > r.start) {
                        out.extend(crate::extract::html::fragment_segments_with(
                            &src[r.clone()],
                            r.start,
                            component,
                        ));
                    }
                }
                TagEnd::MetadataBlock(_) => metadata = None,
                _ => {}
            },
            Event::Text(text) => {
                if in_code_block {
                    continue;
                }
                if let Some(kind) = metadata {
                    out.extend(front_matter(src, range.start, &text, kind));
                    continue;
                }
                let seg = cur.get_or_insert_with(|| Segment::new(Scope::Body));
                push_text(seg, src, &text, range);
            }
            Event::Code(_) => {
                // Code spans are never copy; keep a visible placeholder so phrases do not
                // join across it.
                if let Some(s) = cur.as_mut() {
                    s.push_synthetic("`…`");
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(s) = cur.as_mut() {
                    s.push_mapped("\n", range);
                }
            }
            Event::Html(_) => {
                // A raw HTML block: its text is copy, its comments and scripts are not.
                match html_block.as_mut() {
                    Some(r) => {
                        r.start = r.start.min(range.start);
                        r.end = r.end.max(range.end);
                    }
                    None => {
                        let frag = &src[range.clone()];
                        out.extend(crate::extract::html::fragment_segments_with(
                            frag,
                            range.start,
                            component,
                        ));
                    }
                }
            }
            Event::InlineHtml(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {}
            Event::FootnoteReference(_) | Event::TaskListMarker(_) | Event::Rule => {}
        }
    }
    flush(&mut out, &mut cur);
    (out, keep)
}

/// Push a text event: verbatim when the source slice equals the text, else as one decoded
/// piece (entities and backslash escapes), aligned around the differing part.
fn push_text(seg: &mut Segment, src: &str, text: &str, range: std::ops::Range<usize>) {
    let raw = &src[range.clone()];
    if raw == text {
        seg.push_exact(text, range.start);
        return;
    }
    if let Some(at) = raw.find(text) {
        seg.push_exact(text, range.start + at);
        return;
    }
    crate::extract::align(seg, text, raw, range.start);
}

const FRONT_MATTER_KEYS: [&str; 3] = ["title", "description", "summary"];

/// `title`, `description`, `summary` from a YAML (`key: value`) or TOML (`key = "value"`)
/// front-matter block starting at `base`. Values may be quoted or a `>`/`|` block scalar.
fn front_matter(src: &str, base: usize, text: &str, kind: MetadataBlockKind) -> Vec<Segment> {
    // The text event is the block body; where it sits in the source is its own range's
    // start, or else the first place after `base` it is found (a search per block cost
    // more than the whole block's reading on long front matter).
    let start = if src.get(base..base + text.len()) == Some(text) {
        base
    } else {
        src[base..].find(text).map_or(base, |i| base + i)
    };
    let sep = match kind {
        MetadataBlockKind::YamlStyle => ':',
        MetadataBlockKind::PlusesStyle => '=',
    };
    let mut out = Vec::new();
    let mut offset = start;
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let line_off = offset;
        offset += line.len();
        i += 1;
        let Some((key, rest)) = line.split_once(sep) else {
            continue;
        };
        let key = key.trim();
        if line.starts_with([' ', '\t']) || !FRONT_MATTER_KEYS.contains(&key) {
            continue;
        }
        let scope = if key == "title" {
            Scope::Title
        } else {
            Scope::Meta
        };
        let mut seg = Segment::new(scope);
        let vstart = line_off + key.len() + (line.len() - line.trim_start().len()) + 1;
        let value = rest.trim_end_matches(['\n', '\r']);
        let lead = value.len() - value.trim_start().len();
        let v = value.trim();
        let vstart = vstart + lead;
        if v == ">" || v == "|" || v == ">-" || v == "|-" {
            // Block scalar: the following indented lines.
            while i < lines.len()
                && (lines[i].starts_with([' ', '\t']) || lines[i].trim().is_empty())
            {
                let l = lines[i];
                let ind = l.len() - l.trim_start().len();
                let body = l.trim();
                if !body.is_empty() {
                    if !seg.text.is_empty() {
                        seg.push_synthetic(" ");
                    }
                    seg.push_exact(body, offset + ind);
                }
                offset += l.len();
                i += 1;
            }
        } else if let Some(inner) = v
            .strip_prefix('"')
            .and_then(|s| s.strip_suffix('"'))
            .or_else(|| v.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')))
        {
            seg.push_exact(inner, vstart + 1);
        } else {
            seg.push_exact(v, vstart);
        }
        if !seg.is_blank() {
            out.push(seg);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &str) -> Vec<String> {
        segments(src).into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn prose_not_code() {
        let src = "# Title\n\nSome *prose* with `code` here.\n\n```\nHelpBot inside code\n```\n\n<!-- HelpBot comment -->\n\n- item one\n- item [link text](http://x)\n";
        assert_eq!(
            texts(src),
            vec![
                "Title",
                "Some prose with `…` here.",
                "item one",
                "item link text"
            ]
        );
    }

    #[test]
    fn front_matter_values_with_positions() {
        let src = "---\ntitle: \"Lumora Inbox\"\nlayout: post\ndescription: >\n  The best\n  help desk\n---\n\nBody.\n";
        let segs = segments(src);
        assert_eq!(segs[0].text, "Lumora Inbox");
        assert_eq!(&src[segs[0].source_range(0..6)], "Lumora");
        assert_eq!(segs[1].text, "The best help desk");
        let at = segs[1].text.find("help").expect("present");
        assert_eq!(&src[segs[1].source_range(at..at + 9)], "help desk");
        assert_eq!(segs[2].text, "Body.");
    }

    #[test]
    fn mdx_reads_copy_props_and_metadata_never_code() {
        let src = "---\ntitle: A {b}\n---\nimport X from './x'\nexport const metadata = { title: \"Meta title\", slug: \"x\" }\n\n<Hero\n  title=\"Prop title\"\n  count={n > 1 ? \"a\" : \"b\"}\n  className=\"big\"\n/>\n\nText {value} here `{code}` end.\n\n{/* a comment */}\n\n```\n{unclosed\n```\n\nAfter the fence.\n";
        let d = extract("p.mdx".into(), src.into());
        let texts: Vec<&str> = d.segments.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "A {b}",
                "Meta title",
                "Prop title",
                "Text {     } here `…` end.",
                "After the fence."
            ]
        );
        // Exact places, and a fix may not bring markup or an expression into MDX.
        let s = &d.segments[2];
        assert_eq!(&src[s.source_range(0..4)], "Prop");
        let at = src.find("Prop").expect("prop");
        assert!(d.literal_refusal(at..at + 4, "<b>x</b>").is_some());
        assert!(d.literal_refusal(at..at + 4, "Main").is_none());
        // A fence right under a component's tag (no blank line) is code, not the tag's text.
        let src = "Prose.\n\n<CodeGroup>\n```bash\nlumora --metrics\n```\n</CodeGroup>\n\n<Tab title=\"Shell\">\n```bash\ndotnet add package Lumora\n```\n</Tab>\n\nMore prose.\n";
        let d = extract("p.mdx".into(), src.into());
        let texts: Vec<&str> = d.segments.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["Prose.", "Shell", "More prose."]);
        // Plain Markdown: no literals, every edit is text.
        let md = extract("p.md".into(), "Text {value} here.\n".into());
        assert_eq!(md.segments[0].text, "Text {value} here.");
        assert!(md.literal_refusal(0..4, "<b>").is_none());
    }

    #[test]
    fn table_row_is_one_segment() {
        let src = "| a | b |\n|---|---|\n| 1,200 | teams |\n";
        assert_eq!(texts(src), vec!["a | b", "1,200 | teams"]);
    }
}
