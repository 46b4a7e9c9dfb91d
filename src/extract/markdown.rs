//! Markdown → `Document` with pulldown-cmark's offset iterator.
//!
//! Owns: which Markdown text is copy (prose, headings, list items, table rows, link text,
//! image alt, front-matter `title`/`description`/`summary`) and its exact source offsets.
//! Never yields code spans, code blocks or HTML comments; raw HTML blocks go through the
//! HTML extractor. Must not: fold text or match phrases.

use crate::document::{Document, Kind, Scope, Segment};
use pulldown_cmark::{Event, LinkType, MetadataBlockKind, Options, Parser, Tag, TagEnd};

pub fn extract(path: String, source: String) -> Document {
    let (segments, keep) = read(&source);
    let mut doc = Document::new(path, Kind::Markdown, source, segments);
    doc.keep = keep;
    doc
}

fn flush(out: &mut Vec<Segment>, cur: &mut Option<Segment>) {
    if let Some(s) = cur.take()
        && !s.is_blank()
    {
        out.push(s);
    }
}

pub fn segments(src: &str) -> Vec<Segment> {
    read(src).0
}

/// The segments, and the source ranges a fix must not touch (reference-link labels).
fn read(src: &str) -> (Vec<Segment>, Vec<std::ops::Range<usize>>) {
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
                        out.extend(crate::extract::html::fragment_segments(
                            &src[r.clone()],
                            r.start,
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
                        out.extend(crate::extract::html::fragment_segments(frag, range.start));
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
    // The text event is the block body; find where it sits in the source.
    let start = src[base..].find(text).map_or(base, |i| base + i);
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
    fn table_row_is_one_segment() {
        let src = "| a | b |\n|---|---|\n| 1,200 | teams |\n";
        assert_eq!(texts(src), vec!["a | b", "1,200 | teams"]);
    }
}
