//! `retired-term`: a retired product name or retired message, with when and why it was
//! retired and its replacement.

use super::{Finding, SegmentCx, match_case, sentence_start};
use crate::platform::index::Entry;

/// Segments sharing stems with a retired statement.
pub fn wants(
    _: &crate::platform::Platform,
    c: &super::claims::Compiled,
    f: &crate::normalize::Folded,
) -> bool {
    c.retired.wants(&f.lower)
}

/// A retired statement restated or lightly edited: the segment (a paragraph) or one of its
/// sentences covers 70% of the retired statement's content stems, and they are 50% of both
/// together.
fn statements(cx: &SegmentCx, out: &mut Vec<Finding>) {
    if cx.compiled.retired.is_empty() || !cx.compiled.retired.wants(&cx.folded.lower) {
        return;
    }
    let text = cx.folded.lower.as_str();
    let whole = 0..text.len();
    let mut spans = vec![whole];
    spans.extend(super::claims::sentences(text));
    let exact_hits: Vec<(usize, usize)> = cx
        .hits
        .iter()
        .filter(|h| matches!(h.entry, Entry::Retired(_)))
        .map(|h| (h.start, h.end))
        .collect();
    for span in spans {
        let sentence = &text[span.clone()];
        if sentence.split_whitespace().count() < 3
            || (span.len() < text.len() && !cx.compiled.retired.wants(sentence))
            || cx.compiled.approved_sentence(sentence)
            || exact_hits
                .iter()
                .any(|&(s, e)| s >= span.start && e <= span.end)
        {
            continue;
        }
        let (k, found) = match cx.compiled.retired.near(sentence, 0.7, 0.5) {
            Some(k)
                if cx.compiled.retired.items[k]
                    .folded
                    .split_whitespace()
                    .count()
                    >= 6 =>
            {
                (k, 0..sentence.len())
            }
            _ => match cx.compiled.retired.scattered(sentence) {
                Some(x) => x,
                None => continue,
            },
        };
        let span = span.start + found.start..span.start + found.end;
        let sentence = &text[span.clone()];
        let item = &cx.compiled.retired.items[k];
        let i: usize = item
            .platform_ref
            .trim_start_matches("retired[")
            .trim_end_matches(']')
            .parse()
            .unwrap_or(0);
        let Some(r) = cx.platform.retired.get(i) else {
            continue;
        };
        // `case: exact` holds for a restatement too: the phrase's words in another case
        // ("Code Intelligence Platform", a plan name, for the category "code intelligence
        // platform") are not the retired phrase.
        if r.case_exact && !r.phrase.is_empty() {
            let cased = cx.folded.cased.get(span.clone()).unwrap_or("");
            let words: Vec<&str> = cased
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            if !r.phrase.split_whitespace().all(|w| words.contains(&w)) {
                continue;
            }
        }
        let lead = sentence.len() - sentence.trim_start().len();
        let mut message = "this restates retired messaging".to_owned();
        if let Some(d) = &r.retired_on {
            message.push_str(&format!(" (retired on {d}"));
            message.push_str(&match &r.reason {
                Some(why) => format!(": {why})"),
                None => ")".into(),
            });
        } else if let Some(why) = &r.reason {
            message.push_str(&format!(" ({why})"));
        }
        message.push_str(&format!(": \"{}\"", item.text.trim()));
        out.push(Finding {
            rule: "retired-term",
            start: span.start + lead,
            end: span.start + sentence.trim_end().len(),
            message,
            help: Some(match &r.replacement {
                Some(s) => format!("say \"{s}\" instead"),
                None => "remove it: the platform gives no replacement".into(),
            }),
            suggestion: None,
            platform_ref: Some(item.platform_ref.clone()),
            severity: None,
        });
        return;
    }
}

/// The retired phrase in parentheses right after its replacement (or the replacement's last
/// word): "Sourcegraph Cloud (managed instances)", "Cloud (Managed Instances)". That glosses
/// the current name with the old one, as a messaging guide itself does when it renames
/// something; the current name is the one in use.
fn gloss(text: &str, start: usize, end: usize, replacement: Option<&str>) -> bool {
    let Some(last) = replacement.and_then(|r| r.split_whitespace().last()) else {
        return false;
    };
    let before = text.get(..start).unwrap_or("");
    let after = text.get(end..).unwrap_or("");
    let Some(lead) = before.strip_suffix('(') else {
        return false;
    };
    let word = lead.trim_end().rsplit(' ').next().unwrap_or("");
    after.starts_with(')') && !last.is_empty() && word.eq_ignore_ascii_case(last)
}

pub fn check(cx: &SegmentCx, out: &mut Vec<Finding>) {
    statements(cx, out);
    for h in cx.hits {
        let Entry::Retired(i) = h.entry else { continue };
        let r = &cx.platform.retired[i];
        if gloss(&cx.folded.cased, h.start, h.end, r.replacement.as_deref()) {
            continue;
        }
        let original = cx.original(h.start, h.end);
        let mut message = format!("\"{original}\" was retired");
        if let Some(d) = &r.retired_on {
            message.push_str(&format!(" on {d}"));
        }
        if let Some(why) = &r.reason {
            message.push_str(&format!(" ({why})"));
        }
        let at_start = sentence_start(&cx.folded.cased, h.start);
        let suggestion = r
            .replacement
            .as_deref()
            .map(|s| match_case(original, s, at_start));
        out.push(Finding {
            rule: "retired-term",
            start: h.start,
            end: h.end,
            message,
            help: Some(match &suggestion {
                Some(s) => format!("say \"{s}\" instead"),
                None => "remove it: the platform gives no replacement".into(),
            }),
            suggestion,
            platform_ref: Some(format!("retired[{i}]")),
            severity: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::gloss;

    #[test]
    fn the_old_name_as_a_gloss_of_the_new() {
        let at = |t: &str, w: &str, r: &str| {
            let s = t.find(w).expect("in text");
            gloss(t, s, s + w.len(), Some(r))
        };
        assert!(at(
            "Use Lumora Assist (HelpBot) at night.",
            "HelpBot",
            "Lumora Assist"
        ));
        assert!(at(
            "For access to Cloud (managed instances), ask.",
            "managed instances",
            "Sourcegraph Cloud"
        ));
        // Not right after the replacement, or not closed right after: the old name in use.
        assert!(!at(
            "Ask HelpBot (the bot) today.",
            "HelpBot",
            "Lumora Assist"
        ));
        assert!(!at(
            "Ask the bot (HelpBot) today.",
            "HelpBot",
            "Lumora Assist"
        ));
        assert!(!at(
            "our category name (code intelligence platform)",
            "code intelligence platform",
            "code AI platform"
        ));
        assert!(!at(
            "Private data (managed instances details)",
            "managed instances",
            "Sourcegraph Cloud"
        ));
    }
}
