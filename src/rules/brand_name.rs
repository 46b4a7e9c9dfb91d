//! `brand-name`: the company or a product name misspelled (a listed variant) or mis-cased.
//!
//! Silent on the canonical spelling, on all-lowercase slugs (`deploy-lumora`) and on
//! all-lowercase forms of capitalised variants, inside URLs/e-mails/paths (the index filters those),
//! and on all-caps styled text (a heading set in capitals is not a misspelling).

use super::{Finding, SegmentCx};
use crate::normalize::fold_with;
use crate::platform::index::Entry;

pub fn check(cx: &SegmentCx, out: &mut Vec<Finding>) {
    let p = cx.platform;
    for h in cx.hits {
        let (canonical, what, pref, variant) = match h.entry {
            Entry::CompanyName => (
                &p.company.name,
                "company",
                "company.name".to_string(),
                false,
            ),
            Entry::CompanyVariant(i) => (
                &p.company.name,
                "company",
                format!("company.variants[{i}]"),
                true,
            ),
            Entry::ProductName(i) => (
                &p.products[i].name,
                "product",
                format!("products[{i}].name"),
                false,
            ),
            Entry::ProductVariant(i, j) => (
                &p.products[i].name,
                "product",
                format!("products[{i}].variants[{j}]"),
                true,
            ),
            _ => continue,
        };
        let found = cx.cased(h.start, h.end);
        let want = fold_with(canonical, false).cased;
        if found == want {
            continue;
        }
        if !variant && shouting(cx.folded.cased.as_str(), found) {
            continue;
        }
        if super::identifier_use(&cx.folded.cased, h.start, h.end, true)
            || command_line(cx, h.start)
        {
            continue;
        }
        if !variant && generic_use(cx, h.entry, h.start, found, &want) {
            continue;
        }
        // A listed variant whose extra words are capitalised ("Temporal Cloud Service"),
        // found as the name itself and those words in lowercase ("the Temporal Cloud
        // service"): the name and an ordinary noun after it.
        let listed = match h.entry {
            Entry::CompanyVariant(i) => Some(&p.company.variants[i]),
            Entry::ProductVariant(i, j) => Some(&p.products[i].variants[j]),
            _ => None,
        };
        let tail_capitalised = listed.is_some_and(|l| {
            l.strip_prefix(canonical.as_str())
                .is_some_and(|t| t.chars().any(char::is_uppercase))
        });
        if tail_capitalised
            && found
                .strip_prefix(want.as_str())
                .is_some_and(|t| t.starts_with(' ') && !t.chars().any(char::is_uppercase))
        {
            continue;
        }
        if !found.chars().any(char::is_uppercase) {
            // An all-lowercase variant of a capitalised form is an ordinary phrase ("the
            // source graph of your code"). Slugs (`deploy-lumora`) are filtered by the index.
            let listed = match h.entry {
                Entry::CompanyVariant(i) => &p.company.variants[i],
                Entry::ProductVariant(i, j) => &p.products[i].variants[j],
                _ => canonical,
            };
            if variant && listed.chars().any(char::is_uppercase) {
                continue;
            }
        }
        let original = cx.original(h.start, h.end);
        let message = if variant {
            format!("\"{original}\" is not how the {what} name is written")
        } else {
            format!("\"{original}\" is mis-cased: the {what} name is written \"{canonical}\"")
        };
        out.push(Finding {
            rule: "brand-name",
            start: h.start,
            end: h.end,
            message,
            suggestion: Some(canonical.clone()),
            help: Some(format!("write \"{canonical}\"")),
            platform_ref: Some(pref),
            severity: None,
            confidence: None,
        });
    }
}

/// A product name used as the ordinary words it is made of: all lowercase ("feature flags",
/// "session replay tool", "boards are perfect"), or lowercase but for a sentence's first
/// letter ("Session replay" opening a bullet). The company name in capitals in a legal
/// notice ("GITLAB is a trademark of GitLab Inc.") is typography, not a misspelling.
fn generic_use(cx: &SegmentCx, entry: Entry, start: usize, found: &str, want: &str) -> bool {
    match entry {
        Entry::ProductName(_) => {
            // A product name that carries the company name is a name, never ordinary words.
            let company = cx.platform.company.name.to_lowercase();
            let lower = want.to_lowercase();
            if !company.is_empty() && lower.contains(&company) {
                return false;
            }
            if found == lower {
                return true;
            }
            let mut c = lower.chars();
            let capitalised: String = c
                .next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default();
            found == capitalised && super::sentence_start(&cx.folded.cased, start)
        }
        // A one-word company name that is an adjective, in lowercase where an adjective
        // goes: "it sounds plausible", "quite plausible", "is not plausible".
        Entry::CompanyName
            if !found.contains(' ')
                && !found.chars().any(char::is_uppercase)
                && (adjective_position(&cx.folded.lower[..start])
                    || attributive(&cx.folded.lower, start, start + found.len())
                    || verb_position(&cx.folded.lower, start, start + found.len())) =>
        {
            true
        }
        // In capitals in a legal notice, where trademarks are set so ("GITLAB is a
        // trademark of GitLab Inc."); in running prose "helping NOVU grow" is mis-cased.
        Entry::CompanyName => {
            let lower = cx.folded.lower.as_str();
            found.chars().count() >= 4
                && !found.chars().any(char::is_lowercase)
                && want.chars().any(char::is_lowercase)
                && found.split_whitespace().count() == 1
                && [
                    "trademark",
                    "registered",
                    "copyright",
                    "©",
                    "all rights",
                    "license",
                ]
                .iter()
                .any(|w| lower.contains(w))
        }
        _ => false,
    }
}

/// The word before `start` (apostrophes kept) and the word right after `end` when a single
/// space separates it ("" for none).
fn words_around(lower: &str, start: usize, end: usize) -> (&str, &str) {
    let last = lower[..start]
        .rsplit(|c: char| !c.is_alphanumeric() && c != '\'')
        .find(|w| !w.is_empty())
        .unwrap_or("");
    let next = lower[end..]
        .strip_prefix(' ')
        .and_then(|r| r.split(|c: char| !c.is_alphanumeric()).next())
        .unwrap_or("");
    (last, next)
}

/// Whether the lowercase word at `start..end` is an ordinary word, an adjective or a noun:
/// after "a"/"an" and before a function word ("a temporal or spatial reading", "an acme of
/// clarity"). Before a noun the article is the noun's and the name names it ("a
/// sourcegraph site", "an acme instance": the name mis-cased).
fn attributive(lower: &str, start: usize, end: usize) -> bool {
    let (last, next) = words_around(lower, start, end);
    matches!(last, "a" | "an")
        && lower[..start].ends_with(' ')
        && !next.is_empty()
        && super::claims::is_stop_word(next)
}

/// Whether the lowercase word at `start..end` is a verb: after "to" or a modal and before
/// its object's determiner ("keep prompting to refine the generated pages", "you can
/// refine your query"), where a one-word company name that is a verb ("Refine") is not
/// named.
fn verb_position(lower: &str, start: usize, end: usize) -> bool {
    let (last, next) = words_around(lower, start, end);
    lower[..start].ends_with(' ')
        && matches!(
            last,
            "to" | "can"
                | "will"
                | "would"
                | "should"
                | "could"
                | "must"
                | "may"
                | "might"
                | "please"
        )
        && matches!(
            next,
            "the"
                | "a"
                | "an"
                | "your"
                | "our"
                | "their"
                | "its"
                | "his"
                | "her"
                | "this"
                | "that"
                | "these"
                | "those"
                | "them"
                | "it"
                | "every"
                | "each"
                | "any"
                | "all"
        )
}

/// Whether the words before end with a linking verb or a degree word, where an adjective
/// goes ("sounds", "seems", "quite", "very", "not", "is").
fn adjective_position(before: &str) -> bool {
    let last = before
        .rsplit(|c: char| !c.is_alphanumeric() && c != '\'')
        .find(|w| !w.is_empty())
        .unwrap_or("");
    matches!(
        last,
        "sounds"
            | "sound"
            | "seems"
            | "seem"
            | "seemed"
            | "looks"
            | "look"
            | "looked"
            | "appears"
            | "very"
            | "quite"
            | "so"
            | "too"
            | "more"
            | "less"
            | "most"
            | "least"
            | "perfectly"
            | "entirely"
            | "highly"
            | "fairly"
            | "pretty"
            | "not"
            | "isn't"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "remains"
    )
}

/// A command set as a heading, a list item or a table cell: the line opens with the name in
/// lowercase and holds a few lowercase words and nothing else ("## acme deploy", "acme db
/// downgrade"): what the reader types, not prose.
fn command_line(cx: &SegmentCx, start: usize) -> bool {
    use crate::document::Scope;
    if !matches!(
        cx.segment.scope,
        Scope::Heading | Scope::ListItem | Scope::TableRow
    ) {
        return false;
    }
    let cased = cx.folded.cased.as_str();
    // The name opens its line or cell: only blanks back to a `|`, a line break or the start.
    let opens = cased[..start]
        .chars()
        .rev()
        .find(|c| !c.is_whitespace() || *c == '\n')
        .is_none_or(|c| matches!(c, '|' | '\n'));
    if !opens {
        return false;
    }
    // A command is short: read at most 120 characters ahead, never the whole segment.
    let rest = &cased[start..];
    let line = match rest
        .char_indices()
        .take(120)
        .find(|&(_, c)| matches!(c, '|' | '\n'))
    {
        Some((end, _)) => &rest[..end],
        None if rest.chars().nth(120).is_none() => rest,
        None => return false,
    }
    .trim();
    let words = line.split_whitespace().count();
    (2..=5).contains(&words)
        && !line.chars().any(char::is_uppercase)
        && !line.ends_with(['.', '!', '?'])
}

/// The found form is in capitals inside text that is itself (almost) all capitals.
fn shouting(segment: &str, found: &str) -> bool {
    if found.chars().any(char::is_lowercase) {
        return false;
    }
    let letters = segment.chars().filter(|c| c.is_alphabetic());
    let (upper, total) = letters.fold((0usize, 0usize), |(u, t), c| {
        (u + usize::from(c.is_uppercase()), t + 1)
    });
    total > 0 && upper * 10 >= total * 8
}

#[cfg(test)]
mod tests {
    #[test]
    fn adjective_positions() {
        use super::adjective_position;
        assert!(adjective_position("it sounds "));
        assert!(adjective_position("that is not "));
        assert!(adjective_position("quite "));
        assert!(!adjective_position("we moved our stats to "));
        assert!(!adjective_position(""));
    }

    #[test]
    fn verb_positions() {
        use super::verb_position;
        let at = |s: &str| {
            let start = s.find("refine").unwrap_or(0);
            verb_position(s, start, start + "refine".len())
        };
        assert!(at("keep prompting to refine the generated pages"));
        assert!(at("you can refine your query"));
        // The name where a name goes: "switch to refine today", "built with refine the".
        assert!(!at("switch to refine today"));
        assert!(!at("built with refine the way you like"));
        assert!(!at("refine the pages"));
    }
}
