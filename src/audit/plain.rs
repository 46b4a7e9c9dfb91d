//! Findings in plain language, for the audit report and the rep's page: the excerpt as the
//! reader sees the text (no extraction markers such as `[title] Title 1 ¶1:` or a PDF's
//! `[4]`, entities decoded, HTML tags dropped), the location in words ("slide 4 · image
//! description"), and a reworded statement as struck and inserted words.
//!
//! Owns: turning a finding's stored fields into words. Must not: decide findings.

use html5gum::{DefaultEmitter, Token, Tokenizer};

/// Marks where the match starts and ends while the excerpt is cleaned (private use).
const START: char = '\u{E000}';
const END: char = '\u{E001}';

/// An excerpt as its reader sees it, split around the match.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plain {
    pub before: String,
    pub matched: String,
    pub after: String,
    /// The scope label of the line the match is on (`alt text`, `notes`, …) for decks,
    /// Word files and other extracted layouts.
    pub scope: Option<String>,
}

fn clamp(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The extract view's locator at the start of a line: `[scope] Shape ¶n: ` (decks, Word),
/// `[n] ` (PDF). Returns the scope and the length of the prefix.
fn locator(line: &str) -> Option<(Option<&str>, usize)> {
    let rest = line.strip_prefix('[')?;
    let close = rest.find(']')?;
    let label = &rest[..close];
    if !label.is_empty() && label.bytes().all(|b| b.is_ascii_digit()) {
        let n = close + 2;
        return Some((None, if line[n..].starts_with(' ') { n + 1 } else { n }));
    }
    if label.is_empty() || !label.bytes().all(|b| b.is_ascii_lowercase() || b == b' ') {
        return None;
    }
    let after = &rest[close + 1..];
    let colon = after.find(": ")?;
    // The marker never holds the match: stop at a sentinel.
    if after[..colon].contains([START, END]) {
        return None;
    }
    Some((Some(label), 1 + close + 1 + colon + 2))
}

/// Decode entities and drop tags; a tag holding the match gives the attribute value that
/// holds it (a `<meta content="…">` description, an `alt`).
fn untag(s: &str) -> Option<String> {
    let mut emitter = DefaultEmitter::<()>::default();
    emitter.naively_switch_states(true);
    let mut out = String::with_capacity(s.len());
    let block = |name: &str| {
        matches!(
            name,
            "p" | "br" | "li" | "td" | "th" | "tr" | "div" | "h1" | "h2" | "h3" | "h4" | "title"
        )
    };
    let hidden = |name: &str| matches!(name, "script" | "style" | "noscript" | "template");
    let mut skip = false;
    for token in Tokenizer::new_with_emitter(s, emitter) {
        match token.ok()? {
            Token::String(t) if !skip => out.push_str(&String::from_utf8_lossy(&t)),
            Token::StartTag(tag) => {
                for v in tag.attributes.values() {
                    let v = String::from_utf8_lossy(v);
                    if v.contains([START, END]) {
                        out.push_str(&v);
                        out.push(' ');
                    }
                }
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                skip |= hidden(&name);
                if block(&name) {
                    out.push(' ');
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if hidden(&name) {
                    skip = false;
                }
                if block(&name) {
                    out.push(' ');
                }
            }
            _ => {}
        }
    }
    Some(out)
}

/// Runs of whitespace as one space.
fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// `text` (an excerpt of a file of `kind`, as the audit JSON stores it) split around the
/// byte range `start..end`, in the words the reader sees.
pub fn excerpt(text: &str, start: usize, end: usize, kind: &str) -> Plain {
    let (s, e) = (clamp(text, start), clamp(text, end.max(start)));
    let mut marked = String::with_capacity(text.len() + 8);
    let clean = |t: &str| t.replace([START, END], "");
    marked.push_str(&clean(&text[..s]));
    marked.push(START);
    marked.push_str(&clean(&text[s..e]));
    marked.push(END);
    marked.push_str(&clean(&text[e..]));
    let layout = matches!(kind, "pptx" | "docx" | "pdf");
    let mut scope = None;
    let mut joined = String::with_capacity(marked.len());
    for line in marked.split('\n') {
        let mut line = line;
        if layout && let Some((label, n)) = locator(line) {
            if line.contains(START) || scope.is_none() {
                scope = label.map(str::to_owned);
            }
            line = &line[n..];
        }
        // A PDF line that ends in a hyphen before a lowercase word was one word.
        let hyphen = kind == "pdf"
            && joined.ends_with('-')
            && line
                .trim_start()
                .chars()
                .find(|c| *c != START && *c != END)
                .is_some_and(char::is_lowercase);
        if hyphen {
            joined.pop();
            joined.push_str(line.trim_start());
        } else {
            if !joined.is_empty() {
                joined.push(' ');
            }
            joined.push_str(line);
        }
    }
    if matches!(kind, "html" | "markdown")
        && let Some(t) = untag(&joined)
        && t.contains(START)
        && t.contains(END)
    {
        joined = t;
    }
    // A match left as "help- desk" by the extract view reads as one word too.
    let text = squash(&joined);
    let (Some(a), Some(b)) = (text.find(START), text.find(END)) else {
        return Plain {
            before: squash(&clean(text.as_str())),
            scope,
            ..Plain::default()
        };
    };
    if b < a {
        return Plain {
            before: squash(&clean(text.as_str())),
            scope,
            ..Plain::default()
        };
    }
    let mut matched = text[a + START.len_utf8()..b].trim().to_owned();
    let mut after = text[b + END.len_utf8()..].trim_end().to_owned();
    if kind == "pdf" {
        matched = matched.replace("- ", "");
        // A word cut at the end of the excerpt's last line.
        if after.ends_with('-') && after[..after.len() - 1].ends_with(char::is_alphabetic) {
            after.pop();
            after.push('…');
        }
    }
    Plain {
        before: text[..a].trim_start().to_owned(),
        matched,
        after,
        scope,
    }
}

/// A scope label of the extract view in words.
pub fn scope_words(scope: &str) -> &str {
    match scope {
        "title" => "title",
        "heading" => "heading",
        "body" => "text",
        "list item" => "bullet",
        "table row" => "table",
        "alt text" => "image description",
        "chart title" => "chart title",
        "smartart" => "diagram",
        "notes" => "speaker notes",
        "meta" => "page description",
        other => other,
    }
}

/// Where a finding is, in words: "slide 4 · image description", "page 2 · line 7",
/// "paragraph 3 · table", "line 12".
#[allow(clippy::too_many_arguments)]
pub fn place(
    slide: Option<u32>,
    notes: Option<bool>,
    page: Option<u32>,
    page_line: Option<u32>,
    paragraph: Option<u32>,
    shape: Option<&str>,
    line: u32,
    scope: Option<&str>,
) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(s) = slide {
        parts.push(format!("slide {s}"));
        if notes == Some(true) {
            parts.push("speaker notes".into());
        } else if let Some(sc) = scope {
            parts.push(scope_words(sc).into());
        }
        return parts.join(" · ");
    }
    if let Some(p) = page {
        parts.push(format!("page {p}"));
        if let Some(l) = page_line {
            parts.push(format!("line {l}"));
            return parts.join(" · ");
        }
    }
    if let Some(shape) = shape {
        // Word parts: header1, footer2, footnotes…
        let part = shape.trim_end_matches(|c: char| c.is_ascii_digit());
        parts.push(match part {
            "header" => "page header".into(),
            "footer" => "page footer".into(),
            "footnotes" => "footnote".into(),
            "endnotes" => "endnote".into(),
            "comments" => "comment".into(),
            other => other.to_owned(),
        });
    }
    if let Some(p) = paragraph {
        parts.push(format!("paragraph {p}"));
        if let Some(sc) = scope.filter(|s| *s != "body") {
            parts.push(scope_words(sc).into());
        }
        return parts.join(" · ");
    }
    if parts.is_empty() || page.is_none() {
        parts.push(format!("line {line}"));
    }
    parts.join(" · ")
}

/// One piece of a word diff.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Word {
    Same(String),
    Struck(String),
    Inserted(String),
}

/// `from` → `to` word by word (whitespace kept with the words).
pub fn word_diff(from: &str, to: &str) -> Vec<Word> {
    let diff = similar::TextDiff::from_words(from, to);
    let mut out: Vec<Word> = Vec::new();
    for c in diff.iter_all_changes() {
        let v = c.value().to_owned();
        let w = match c.tag() {
            similar::ChangeTag::Equal => Word::Same(v),
            similar::ChangeTag::Delete => Word::Struck(v),
            similar::ChangeTag::Insert => Word::Inserted(v),
        };
        // Join runs of the same kind so the page shows phrases, not single words.
        match (out.last_mut(), &w) {
            (Some(Word::Same(a)), Word::Same(b))
            | (Some(Word::Struck(a)), Word::Struck(b))
            | (Some(Word::Inserted(a)), Word::Inserted(b)) => a.push_str(b),
            _ => out.push(w),
        }
    }
    out
}

/// A rule's help without the `changed: -a +b` notation (the page shows the words instead).
pub fn help(help: &str) -> String {
    let cut = help.find("changed: ").map_or(help, |i| &help[..i]);
    cut.trim_end_matches([';', ' ', ',']).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(p: &Plain) -> (&str, &str, &str) {
        (&p.before, &p.matched, &p.after)
    }

    #[test]
    fn deck_markers_go_and_the_scope_stays() {
        let t = "[alt text] Hero image: Lumora is the best help desk for Shopify";
        let s = t.find("the best").unwrap_or(0);
        let p = excerpt(t, s, s + 8, "pptx");
        assert_eq!(
            split(&p),
            ("Lumora is ", "the best", " help desk for Shopify")
        );
        assert_eq!(p.scope.as_deref(), Some("alt text"));
        let t = "[body] ¶3: Resolve 35% of tickets automatically with HelpBot.";
        let s = t.find("HelpBot").unwrap_or(0);
        let p = excerpt(t, s, s + 7, "docx");
        assert_eq!(p.before, "Resolve 35% of tickets automatically with ");
    }

    #[test]
    fn pdf_line_numbers_and_hyphens_go() {
        let t = "[3] Trusted by Fortune 500 retailers. Our help-\n[4] desk answers every customer, in minutes.";
        let s = t.find("help-").unwrap_or(0);
        let e = t.find("desk").unwrap_or(0) + 4;
        let p = excerpt(t, s, e, "pdf");
        assert_eq!(p.matched, "helpdesk");
        assert_eq!(p.before, "Trusted by Fortune 500 retailers. Our ");
        assert_eq!(p.after, " answers every customer, in minutes.");
        let t = "[3] Trusted by Fortune 500 retailers. Our help-";
        let s = t.find("Fortune").unwrap_or(0);
        assert_eq!(excerpt(t, s, s + 11, "pdf").after, " retailers. Our help…");
    }

    #[test]
    fn html_entities_decoded_and_tags_dropped() {
        let t = "  <h1>LumoraAI &mdash; Acme&rsquo;s <b>help</b></h1>";
        let s = t.find("LumoraAI").unwrap_or(0);
        let p = excerpt(t, s, s + 8, "html");
        assert_eq!(split(&p), ("", "LumoraAI", " — Acme’s help"));
        let t = r#"  <meta name="description" content="Lumora is the best help desk.">"#;
        let s = t.find("the best").unwrap_or(0);
        let p = excerpt(t, s, s + 8, "html");
        assert_eq!(split(&p), ("Lumora is ", "the best", " help desk."));
        // Hostile text stays text (the page escapes it); a script's body is not copy.
        let t = "HelpBot is <b>live</b>. <script>window.pwned=1</script>";
        let p = excerpt(t, 0, 7, "markdown");
        assert_eq!(split(&p), ("", "HelpBot", " is live."));
    }

    #[test]
    fn places_in_words() {
        assert_eq!(
            place(
                Some(4),
                Some(false),
                None,
                None,
                None,
                Some("Hero image"),
                25,
                Some("alt text")
            ),
            "slide 4 · image description"
        );
        assert_eq!(
            place(
                Some(8),
                Some(true),
                None,
                None,
                Some(1),
                None,
                42,
                Some("notes")
            ),
            "slide 8 · speaker notes"
        );
        assert_eq!(
            place(None, None, Some(1), Some(3), None, None, 6, None),
            "page 1 · line 3"
        );
        assert_eq!(
            place(
                None,
                None,
                None,
                None,
                Some(1),
                Some("header1"),
                9,
                Some("body")
            ),
            "page header · paragraph 1"
        );
        assert_eq!(
            place(None, None, None, None, None, None, 12, None),
            "line 12"
        );
    }

    #[test]
    fn diffs_are_words() {
        let d = word_diff(
            "Our helpdesk answers every customer",
            "Every customer answered",
        );
        assert!(
            d.iter()
                .any(|w| matches!(w, Word::Struck(s) if s.contains("helpdesk")))
        );
        assert!(
            d.iter()
                .any(|w| matches!(w, Word::Inserted(s) if s.contains("answered")))
        );
        assert_eq!(help("approved: \"X\"; changed: -a +b"), "approved: \"X\"");
    }
}
