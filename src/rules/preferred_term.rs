//! `preferred-term`: an `avoid` form of a platform term (`helpdesk` → `help desk`).
//!
//! When an avoid form differs from the approved form only by case (`MacOS` vs `macOS`,
//! `NPM` vs `npm`), exactly that listed case is reported (the index files it under the
//! approved form). Silent inside someone else's proper name or a quoted title-case label
//! ("Stack Overflow Documentation", "OS X Yosemite", a `"Log In"` button), unless the
//! term sets `in_names: true`. The suggestion is the approved form as written.

use super::{Finding, SegmentCx, identifier_use, in_foreign_name, match_case, sentence_start};
use crate::normalize::fold_with;
use crate::platform::index::Entry;

pub fn check(cx: &SegmentCx, out: &mut Vec<Finding>) {
    for h in cx.hits {
        let (i, j) = match h.entry {
            Entry::TermAvoid(i, j) => (i, Some(j)),
            Entry::TermUse(i) => (i, None),
            _ => continue,
        };
        let term = &cx.platform.terms[i];
        let found = cx.cased(h.start, h.end);
        let use_f = fold_with(&term.use_, false);
        if found == use_f.cased {
            continue;
        }
        // An avoid form that differs from the approved one only by case fires on exactly
        // its own case; any other spelling of the same letters is left alone.
        let case_only = |a: &String| fold_with(a, false).lower == use_f.lower;
        let j = match j {
            Some(j) if !case_only(&term.avoid[j]) => j,
            _ => {
                let Some(j) = term
                    .avoid
                    .iter()
                    .position(|a| case_only(a) && fold_with(a, false).cased == found)
                else {
                    continue;
                };
                j
            }
        };
        if other_case_of_mixed_case(found, &term.avoid) {
            continue;
        }
        if identifier_use(&cx.folded.cased, h.start, h.end, false) {
            continue;
        }
        // The words of a hyphenated compound as a phrase of their own: "no code required",
        // "no code needed" say nothing of "no-code"; the compound is an adjective or a noun.
        if term.use_.contains('-')
            && !term.avoid[j].contains('-')
            && super::neighbours(&cx.folded.lower, h.start, h.end)
                .1
                .is_some_and(|w| {
                    matches!(
                        w,
                        "required" | "needed" | "necessary" | "involved" | "at" | "is" | "was"
                    )
                })
            && same_letters(&term.avoid[j], &term.use_)
        {
            continue;
        }
        // A reviewer's or a customer's words, quoted: their spelling is theirs to keep.
        if super::unsupported_superlative::quoted(&cx.folded.lower, h.start, h.end) {
            continue;
        }
        // The form itself in quotes, named rather than used: "Use 'email' instead of
        // 'e-mail'" (a style guide's own rule).
        let lower = cx.folded.lower.as_str();
        let quote = |c: char| matches!(c, '\'' | '"' | '‘' | '’' | '“' | '”');
        if lower[..h.start].ends_with(quote) && lower[h.end..].starts_with(quote) {
            continue;
        }
        // The old word given as a gloss: "X (formerly Twitter)", "previously Zeit", "fka
        // Twitter" — naming what the approved form was called explains it, it does not use it.
        {
            let before = lower[..h.start].trim_end_matches([' ', '(', '“', '"', '\'']);
            if [
                "formerly",
                "previously",
                "fka",
                "f.k.a.",
                "née",
                "formerly known as",
            ]
            .iter()
            .any(|w| {
                before
                    .strip_suffix(w)
                    .is_some_and(|r| r.is_empty() || r.ends_with(|c: char| !c.is_alphanumeric()))
            }) {
                continue;
            }
        }
        // A quoted label of a screen, named before what it labels: `(see: "Total repos"
        // chart)`, `the "Add repos" button` — renaming it would point at nothing.
        if quoted_label(lower, h.start, h.end) {
            continue;
        }
        // Someone else's name may hold another word ("Stack Overflow Documentation") or
        // spell a common term its own way, but a name misspelled — in case, or any spelling
        // of an approved form that is itself a name — is misspelled inside a longer name too
        // ("Github Discussions", "the Dagster Gitlab app", "Nextjs Starter").
        let misspelled_name = case_only(&term.avoid[j])
            || (term.use_.chars().any(char::is_uppercase)
                && same_letters(&term.avoid[j], &term.use_));
        // A heading set in Title Case capitalises every word: a spelling of the term there
        // ("### Omni-channel Support Desk") is the heading's styling, not another's name.
        let spelling_in_title = cx.standalone
            && same_letters(&term.avoid[j], &term.use_)
            && title_case(&cx.folded.cased);
        if !term.in_names
            && !misspelled_name
            && !spelling_in_title
            && in_foreign_name(&cx.folded.cased, h.start, h.end, |a, b| cx.joined(a, b))
        {
            continue;
        }
        // A different word, not a spelling ("open source" for "fair-code"): in a question or
        // a denial it is talked about, not claimed ("Is n8n open source?", "why we do not
        // use an open source license"); elsewhere it depends on meaning (medium confidence).
        let different_word = !same_letters(&term.avoid[j], &term.use_);
        if different_word && questioned_or_denied(&cx.folded.lower, h.start, h.end) {
            continue;
        }
        // Another word in its everyday sense: records and paperwork ("compliance
        // documentation", "legal documentation", "regular documentation during 1:1s"), not
        // the product sense the platform names: low confidence.
        let paperwork = different_word
            && (records_sense(&cx.folded.lower[..h.start])
                || super::neighbours(&cx.folded.lower, h.start, h.end)
                    .1
                    .is_some_and(|w| RECORDS_AFTER.contains(&w)));
        // Another word in a full sentence that names nothing of ours — neither the company,
        // a product, nor "we"/"our" ("The concept added a restriction on top of an existing
        // open source license", "Your partner allows you to stay up late"): the word is
        // talked about in its general sense, not used to describe us: low confidence. A
        // fragment (a heading, a list item or table cell without a full stop) is the page
        // speaking, as a subject-less heading is.
        // Another word in the other side of a comparison ("the same benefits as
        // OSI-approved open source", "unlike open source tools") or in a clause someone else
        // is quoted for ("according to the OSI, open source licenses cannot…"): theirs.
        let theirs = different_word && compared_or_attributed(&cx.folded.lower, h.start);
        // "Your chatbot resolved 12 tickets": the reader's copy of our product, said by us.
        let possessed = super::neighbours(&cx.folded.lower, h.start, h.end)
            .0
            .is_some_and(|w| matches!(w, "your" | "our"));
        // Only a common word has a general sense: an avoid form written with a capital
        // ("OSX", "Golang") is a name whatever the sentence.
        let common_word = !term.avoid[j].chars().any(char::is_uppercase);
        let not_ours = different_word
            && common_word
            && !paperwork
            && !cx.standalone
            && !possessed
            && {
                let lower = cx.folded.lower.as_str();
                let span = super::claims::clause(lower, h.start, h.end);
                lower[span.end..].starts_with(['.', '!'])
                    && someone_as_subject(&lower[span.clone()])
                    && !super::unsupported_superlative::brand_in(cx, span.clone())
                // A retired name is ours too: "This documentation details the changes of
                // Managed Instance v2.0" is about the company's old product.
                && !cx.hits.iter().any(|r| {
                    matches!(r.entry, Entry::Retired(_)) && r.start >= span.start && r.end <= span.end
                })
                    && !super::unsupported_superlative::first_person(&cx.folded.lower[span])
            };
        let original = cx.original(h.start, h.end);
        let suggestion = match_case(
            original,
            &term.use_,
            sentence_start(&cx.folded.cased, h.start),
        );
        out.push(Finding {
            rule: "preferred-term",
            start: h.start,
            end: h.end,
            message: format!(
                "\"{original}\" is not the platform's term: use \"{}\"",
                term.use_
            ),
            help: Some(format!("write \"{suggestion}\"")),
            suggestion: Some(suggestion),
            platform_ref: Some(format!("terms[{i}].avoid[{j}]")),
            severity: None,
            // In a <blockquote>: a customer's own words ("the typed NextJS integration is
            // amazing"), quoted as they wrote them.
            confidence: if paperwork || not_ours || theirs || cx.segment.quote {
                Some(crate::diagnostic::Confidence::Low)
            } else {
                different_word.then_some(crate::diagnostic::Confidence::Medium)
            },
        });
    }
}

/// Modifiers that give a word its records-and-paperwork sense: "compliance documentation",
/// "interview notes", "legal documentation".
const RECORDS: &[&str] = &[
    "compliance",
    "legal",
    "interview",
    "opportunity",
    "medical",
    "tax",
    "hr",
    "audit",
    "visa",
    "immigration",
    "insurance",
    "expense",
    "regular",
    "written",
    "signed",
    "gdpr",
    "soc",
    "doctor",
    "doctor's",
    "supporting",
    "incident",
    "vendor",
    "identity",
    "employment",
    "financial",
];

/// Words right after that give it the paperwork sense: "documentation required",
/// "documentation requirements".
const RECORDS_AFTER: &[&str] = &["required", "requirements", "requirement"];

/// Whether the match sits in a short double-quoted label (at most five words) followed by
/// the screen element it labels: `"Total repos" chart`, `"Add repos" button`.
fn quoted_label(lower: &str, start: usize, end: usize) -> bool {
    let dq = |c: char| matches!(c, '"' | '“' | '”');
    let (Some(open), Some(close)) = (lower[..start].rfind(dq), lower[end..].find(dq)) else {
        return false;
    };
    let inside = &lower[open + 1..end + close];
    if inside.split_whitespace().count() > 5 || inside.contains(['.', ',', ';', ':', '!', '?']) {
        return false;
    }
    let after = &lower[end + close..];
    let after = after.trim_start_matches(dq).trim_start();
    let word = after
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    UI_ELEMENTS.contains(&word)
}

/// What a quoted screen label names.
const UI_ELEMENTS: &[&str] = &[
    "button",
    "buttons",
    "chart",
    "charts",
    "dashboard",
    "tab",
    "tabs",
    "menu",
    "field",
    "column",
    "panel",
    "widget",
    "toggle",
    "checkbox",
    "dropdown",
    "link",
    "option",
    "setting",
    "page",
    "screen",
    "view",
    "dialog",
    "modal",
    "card",
    "report",
    "graph",
    "tile",
];

/// Whether the word right before (the text up to the match) gives it its paperwork sense.
fn records_sense(before: &str) -> bool {
    super::neighbours(before, before.len(), before.len())
        .0
        .is_some_and(|w| RECORDS.contains(&w))
}

/// Whether two forms are spellings or namings of one thing: the same letters and digits once
/// spaces, hyphens and case are set aside, one a plural of the other ("helpdesk",
/// "help-desk"), or most of the approved form's words in common.
fn same_letters(a: &str, b: &str) -> bool {
    let key = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() >= 3)
            .map(str::to_lowercase)
            .collect()
    };
    // A naming variant shares most of the approved form's words ("product analytics
    // product" for "product analytics app"): a form of the same name, not another word
    // ("open source" for "source-available" shares one word of two: another word).
    let (wa, wb) = (words(a), words(b));
    let shared = wb.iter().filter(|w| wa.contains(w)).count() * 2 > wb.len();
    let (a, b) = (key(a), key(b));
    shared || a == b || a.trim_end_matches('s') == b.trim_end_matches('s') || us_uk(&a, &b)
}

/// Whether two spellings are the same word in British and American spelling:
/// "customisable"/"customizable", "colour"/"color", "cancelled"/"canceled", "centre"/"center",
/// "catalogue"/"catalog".
fn us_uk(a: &str, b: &str) -> bool {
    if a == b {
        return false;
    }
    let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if x.len() == y.len() {
        let diff: Vec<usize> = (0..x.len()).filter(|&i| x[i] != y[i]).collect();
        if let [i] = diff[..]
            && matches!((x[i], y[i]), ('s', 'z') | ('z', 's'))
        {
            return true;
        }
    }
    let norm = |s: &str| -> String {
        let s = s
            .replace("our", "or")
            .replace("ll", "l")
            .replace("ogue", "og");
        match s.strip_suffix("tre") {
            Some(stem) => format!("{stem}ter"),
            None => s,
        }
    };
    norm(a) == norm(b)
}

/// Whether the clause around `start..end` asks a question or denies: it ends with "?",
/// or a negation ("not", "n't", "never", "no", "nor") comes before the term in it.
pub(super) fn questioned_or_denied(lower: &str, start: usize, end: usize) -> bool {
    let span = super::claims::clause(lower, start, end);
    let rest = &lower[end..];
    let sentence_end = rest.find(['.', '!', '?']).map(|i| &rest[i..i + 1]);
    if sentence_end == Some("?") {
        return true;
    }
    let before = &lower[span.start..start];
    before
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .any(|w| matches!(w, "not" | "never" | "no" | "nor") || w.ends_with("n't"))
}

/// Whether every word of four letters or more in `cased` starts with a capital (a heading
/// set in Title Case).
fn title_case(cased: &str) -> bool {
    let mut long = cased
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| w.chars().count() >= 4)
        .peekable();
    long.peek().is_some() && long.all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// Determiners, possessives and quantifiers that open a noun phrase.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "most", "many", "some", "all", "any",
    "every", "each", "no", "your", "their", "his", "her", "its", "such", "other", "another",
    "several", "few", "both",
];

/// Whether a sentence (folded, lowercase) opens with a noun phrase as its subject — a
/// determiner first, past an introductory phrase that ends in a comma within four words
/// ("However, the use of…", "Most open source licenses…", "Your partner allows…") — rather
/// than with a verb addressing the reader ("Read the documentation…", "Please log in…").
fn someone_as_subject(sentence: &str) -> bool {
    let s = sentence.trim_start();
    let s = match s.split_once(',') {
        Some((intro, rest)) if intro.split_whitespace().count() <= 4 => rest,
        _ => s,
    };
    s.split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .is_some_and(|w| DETERMINERS.contains(&w))
}

/// Whether the words before `start` (in its sentence) put it on the other side of a
/// comparison — "than", "unlike", "versus"/"vs" up to three words before, or "as" after
/// "the same …" ("the same benefits as OSI-approved open source") — or in a clause another
/// source is quoted for ("according to the OSI, open source licenses…", up to twelve words
/// before). "Released as open source" is no comparison.
fn compared_or_attributed(lower: &str, start: usize) -> bool {
    let span = super::claims::clause(lower, start, start);
    let words: Vec<&str> = lower[span.start..start]
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    let n = words.len();
    let last3 = &words[n.saturating_sub(3)..];
    if last3
        .iter()
        .any(|w| matches!(*w, "than" | "unlike" | "versus" | "vs"))
    {
        return true;
    }
    if let Some(k) = last3.iter().rposition(|w| *w == "as") {
        let at = n.saturating_sub(3) + k;
        if words[..at].iter().rev().take(6).any(|w| *w == "same") {
            return true;
        }
    }
    words[n.saturating_sub(12)..]
        .windows(2)
        .any(|w| w == ["according", "to"])
}

/// Another casing of an avoid form that is only listed with capitals inside it (`pgsql`,
/// `PGSQL` or `Pgsql` for `PgSQL`): a form with inner capitals is one particular wrong
/// spelling, and the same letters in another case are other words — the lowercase name of a
/// service, pod or host (`the pgsql database`), an acronym or a heading in capitals (`The
/// PGSQL database`, `Pgsql logs` naming the container). An avoid form listed without inner
/// capitals (`Postgres`) still matches in any case (`postgres`); a platform that wants
/// another casing reported lists it.
fn other_case_of_mixed_case(found: &str, avoid: &[String]) -> bool {
    let inner_caps = |a: &str| a.chars().skip(1).any(char::is_uppercase);
    let lower = fold_with(found, false).lower;
    let same: Vec<&String> = avoid
        .iter()
        .filter(|a| fold_with(a, false).lower == lower)
        .collect();
    !same.is_empty() && same.iter().all(|a| inner_caps(a)) && !same.iter().any(|a| *a == found)
}

#[cfg(test)]
mod term_word_tests {
    use super::{questioned_or_denied, same_letters};

    #[test]
    fn spellings_and_other_words() {
        assert!(same_letters("helpdesk", "help desk"));
        assert!(same_letters("Help-Desk", "help desk"));
        assert!(same_letters("datasource", "data sources"));
        assert!(!same_letters("open source", "fair-code"));
        assert!(same_letters(
            "product analytics product",
            "product analytics app"
        ));
        assert!(!same_letters("open source", "source-available"));
        let at = |t: &str, w: &str| {
            let s = t.find(w).expect("in text");
            questioned_or_denied(t, s, s + w.len())
        };
        assert!(at("is n8n open source?", "open source"));
        assert!(at(
            "why do you not use an open source license?",
            "open source"
        ));
        assert!(at("we don't ship open source builds.", "open source"));
        assert!(!at("n8n is open source and free.", "open source"));
        assert!(super::someone_as_subject(
            "however, the use of the commons clause"
        ));
        assert!(super::someone_as_subject(
            " your partner allows you to stay up late"
        ));
        assert!(!super::someone_as_subject(
            "read the documentation for the feature"
        ));
        assert!(!super::someone_as_subject("please log in to your account"));
        let theirs =
            |t: &str, w: &str| super::compared_or_attributed(t, t.find(w).expect("in text"));
        assert!(theirs(
            "n8n offers many of the same benefits as osi-approved open source.",
            "open source"
        ));
        assert!(theirs(
            "acme is faster than open source tools.",
            "open source"
        ));
        assert!(theirs(
            "according to the osi, open source licenses cannot limit use.",
            "open source licenses"
        ));
        assert!(!theirs("we released acme as open source.", "open source"));
        assert!(!theirs("acme is open source.", "open source"));
        assert!(super::records_sense("send over compliance "));
        assert!(super::records_sense("see its gdpr "));
        assert!(!super::records_sense("read the product "));
        assert!(!super::records_sense("compliance"));
    }
}

#[cfg(test)]
mod tests {
    use super::other_case_of_mixed_case;

    #[test]
    fn other_case_of_a_mixed_case_avoid_form() {
        let avoid = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let pg = avoid(&["Postgres", "PgSQL", "Postgresql", "PostGres"]);
        assert!(other_case_of_mixed_case("pgsql", &pg));
        assert!(other_case_of_mixed_case("PGSQL", &pg));
        assert!(other_case_of_mixed_case("Pgsql", &pg));
        // The listed spelling itself fires.
        assert!(!other_case_of_mixed_case("PgSQL", &pg));
        // Listed without inner capitals as well: still the name.
        assert!(!other_case_of_mixed_case("postgres", &pg));
        assert!(!other_case_of_mixed_case("POSTGRES", &pg));
        assert!(!other_case_of_mixed_case("helpdesk", &avoid(&["helpdesk"])));
    }
}
