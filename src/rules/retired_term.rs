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

/// Whether `sentence` shares a larger part of its content stems (Jaccard) with a current
/// exact wording (tagline, one-liner, descriptions) than with the retired `item`.
fn closer_to_current(cx: &SegmentCx, sentence: &str, item: &super::claims::NearText) -> bool {
    let sent: foldhash::HashSet<String> = super::claims::stems(sentence).into_iter().collect();
    let jaccard = |it: &super::claims::NearText| {
        let shared = it.stems.iter().filter(|w| sent.contains(*w)).count();
        shared as f64 / (it.stems.len() + sent.len() - shared).max(1) as f64
    };
    let old = jaccard(item);
    cx.compiled.exact.items.iter().any(|it| jaccard(it) > old)
}

/// A retired statement restated or lightly edited: the segment (a paragraph) or one of its
/// sentences covers 70% of the retired statement's content stems, and they are 50% of both
/// together.
/// Whether `sentence` (folded) keeps every name the platform knows as another's
/// (competitors, references) that the retired `statement` holds: "Wikimedia provide a public
/// Acme instance" is about Wikimedia; "Public Acme instances for you to try out" is not.
fn others_kept(cx: &SegmentCx, statement: &str, sentence: &str) -> bool {
    let folded = crate::normalize::fold(statement).text.to_lowercase();
    cx.platform
        .competitors
        .iter()
        .map(|c| &c.name)
        .chain(&cx.platform.references.approved)
        .chain(cx.platform.references.withdrawn.iter().map(|w| &w.name))
        .map(|n| crate::normalize::fold(n).text.to_lowercase())
        .filter(|n| !n.is_empty() && !super::claims::find_words(&folded, n).is_empty())
        .all(|n| !super::claims::find_words(sentence, &n).is_empty())
}

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
        // An approved wording stated whole inside it ("Acme - the Open-Source Billing
        // Platform" for the tagline "Open-Source Billing Platform"), the retired statement
        // only resembling it: the current message.
        if states_approved_wording(cx, sentence)
            && !super::claims::states_verbatim(sentence, &cx.compiled.retired.items[k].folded)
        {
            continue;
        }
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
        // The retired statement names another the platform knows ("Wikimedia provide a
        // public Acme instance …"): a sentence without that name says something else
        // ("Public Acme instances for you to try out").
        if !others_kept(cx, &item.text, sentence) {
            continue;
        }
        // Closer to a current exact wording than to the retired statement ("…a free and
        // open-source headless CMS enabling you to manage content anywhere" is the one-liner
        // with a word left out, not the old description it also resembles): message-drift
        // reports it against the wording it restates.
        if closer_to_current(cx, sentence, item) {
            continue;
        }
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
        // A dated asset or section from before the retirement: the statement was current.
        if let Some(f) = dated_before(
            cx,
            r,
            span.start + lead..span.start + sentence.trim_end().len(),
            &item.platform_ref,
            |date, on| {
                format!(
                    "historical: this retired messaging was current on {date} (retired on {on}): \"{}\"",
                    item.text.trim()
                )
            },
        ) {
            out.push(f);
            return;
        }
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
            // Found by similarity, as the rule's page says: medium, unless stated verbatim.
            confidence: (!super::claims::states_verbatim(sentence, &item.folded))
                .then_some(crate::diagnostic::Confidence::Medium),
        });
        return;
    }
}

/// In a dated asset or section from before the entry's `retired_on` or of that day, the retired text at
/// `span` was current then: history, reported as info with `message(date, retired_on)`.
fn dated_before(
    cx: &SegmentCx,
    r: &crate::platform::Retired,
    span: std::ops::Range<usize>,
    platform_ref: &str,
    message: impl Fn(&str, &str) -> String,
) -> Option<Finding> {
    let on = r.retired_on.as_deref()?;
    let date = cx.when()?;
    // The post of the retirement's own day announces it: history too (still shown, as info).
    (date <= on).then(|| Finding {
        rule: "retired-term",
        start: span.start,
        end: span.end,
        message: message(date, on),
        help: Some(
            "history is fine in a dated post; on a page that must stay current, \
             mark its asset type `dated: false`"
                .into(),
        ),
        suggestion: None,
        platform_ref: Some(platform_ref.to_owned()),
        severity: Some(crate::diagnostic::Severity::Info),
        confidence: None,
    })
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

/// Verbs of moving from the old to the new ("upgrade", "migrate", "convert"…), as word stems.
const MIGRATE: &[&str] = &[
    "upgrad",
    "migrat",
    "mov",
    "convert",
    "switch",
    "replac",
    "swap",
    "port",
    "transition",
];

/// A migration instruction: a verb of moving before the retired name and its replacement
/// after it, joined by "to", "with" or "by" ("Upgrade workflows that still use the Function
/// node to the Code node", "replace HelpBot with Lumora Assist"). The sentence is about
/// leaving the old name.
fn migration(lower: &str, start: usize, end: usize, replacement: Option<&str>) -> bool {
    let Some(replacement) = replacement else {
        return false;
    };
    let span = super::claims::clause(lower, start, end);
    // "HelpBot → Lumora Assist", "snoopforms -> formbricks": the move, drawn.
    let drawn = lower[end..]
        .trim_start_matches(|c: char| c.is_whitespace() || c == '*' || c == '_')
        .strip_prefix(['→', '⟶', '➜'])
        .or_else(|| lower[end..].trim_start().strip_prefix("->"));
    if let Some(rest) = drawn {
        let replacement = crate::normalize::fold(replacement).text.to_lowercase();
        let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '*' || c == '_');
        if rest.starts_with(replacement.as_str()) {
            return true;
        }
    }
    // "from HelpBot to Lumora Assist": the move itself, with or without a verb.
    let lead = lower[span.start..start].trim_end();
    let from_to = lead.ends_with(" from") || lead == "from";
    let verb = lead.split(|c: char| !c.is_alphabetic()).any(|w| {
        MIGRATE.iter().any(|m| {
            w.strip_prefix(m).is_some_and(|rest| {
                matches!(
                    rest,
                    "" | "e" | "es" | "ed" | "ing" | "s" | "d" | "ped" | "ping" | "ion" | "ions"
                )
            })
        })
    });
    // Most sentences have neither: the replacement is folded only for the others.
    if !from_to && !verb {
        return false;
    }
    let replacement = crate::normalize::fold(replacement).text.to_lowercase();
    let after = &lower[end..span.end.max(end)];
    let Some(at) = super::claims::find_words(after, &replacement)
        .first()
        .copied()
    else {
        return false;
    };
    let before_new = after[..at].split_whitespace();
    if from_to && before_new.clone().next_back() == Some("to") {
        return true;
    }
    verb && before_new
        .rev()
        .take(2)
        .any(|w| matches!(w, "to" | "with" | "by" | "for"))
}

/// Words that, earlier in the same sentence, make a retired name part of a story about the
/// messaging's past ("Previously, we positioned Acme as…", "how we evolved from X to Y", "We
/// renamed HelpBot to…") rather than a use of it. A gloss that keeps the old name next to
/// the new one ("Cal.com (formerly Calendso)", "previously known as") is not in this list:
/// it is reported at low confidence (`glossed`).
const HISTORY_BEFORE: &[&str] = &[
    "previously",
    "we used to",
    "used to be",
    "used to call",
    "was called",
    "were called",
    "was formerly called",
    "was formerly known as",
    "evolution of",
    "phasing out",
    "phase out",
    "originally",
    "initially",
    "new name of",
    "new name for",
    "successor to",
    "successor of",
    "replacement for",
    "replacement of",
    "goodbye",
    "farewell",
    "renamed",
    "rename",
    "renaming",
    "rebranded",
    "rebranding",
    "evolved from",
    "previous",
    "replaces",
    "replaced",
    "replacing",
    "instead of",
    "switched from",
    "switch from",
    "moved from",
    "moved away from",
    "migrate from",
    "migrating from",
    "migration from",
    "until",
    "deprecated",
    "no longer supports",
    "no longer support",
    "dropped support for",
    "removed support for",
    "deprecation of",
    "deprecating",
    "discontinued",
    "sunsetting",
    "after announcing",
    "since announcing",
    "when we announced",
    "end of life",
    "end-of-life",
    "retiring",
];

/// Words that tell the name is old only right before it:
/// "the legacy Function node", "our former HelpBot", "the retired Harbor registry". (Not
/// "formerly" or "aka": a gloss, "Acme Assist (formerly HelpBot)", keeps the old name in
/// circulation.)
const HISTORY_RIGHT_BEFORE: &[&str] = &[
    "legacy", "former", "retired", "removed", "old", "sunset", "obsolete", "outdated",
    // Its making, right before it: "The folks at Netlify created Netlify CMS" (not "we
    // created Strapi, an open-source Content Management Framework": an appositive in use).
    "created",
];

/// Cues that date the whole sentence to an older version, however far before the name:
/// "If you're using an older version of n8n, you can still view the Function node docs".
/// Or one that declares the old name another word for the new one: "The Cloud and managed
/// instance should be considered synonyms within these pages" (it explains the old name).
const HISTORY_SENTENCE: &[&str] = &[
    "older version",
    "old version",
    "previous version",
    "synonyms",
    "synonym for",
    "synonymous with",
];

/// Words that, right after a retired name, tell its rename or retirement: "HelpBot was
/// renamed".
const HISTORY_AFTER: &[&str] = &[
    " was renamed",
    " has been renamed",
    " was retired",
    " has been retired",
    " is deprecated",
    " was deprecated",
    " has been deprecated",
    " is being deprecated",
    " are deprecated",
    " are being deprecated",
    " were deprecated",
    " were removed",
    " were retired",
    " were discontinued",
    " was replaced",
    " has been replaced",
    " is replaced",
    " were replaced",
    " was removed",
    " has been removed",
    " is being removed",
    " will be removed",
    " is no longer",
    " was discontinued",
    " has been discontinued",
    " was sunset",
    " has been sunset",
    " is being sunset",
    " ended",
    " has ended",
    " reached end of life",
    " has reached end of life",
    " is now ",
    " became ",
    " has become ",
    " is becoming ",
    " is being retired",
    // Its own beginning, told as history: "2016: Forestry.io was created".
    " was created",
    " was launched",
    " was founded",
    " was born",
];

/// Words later in the sentence that tell the rename: "Acme Labs (formerly Elementl), which
/// changed its name in August 2023".
const HISTORY_LATER: &[&str] = &[
    "changed its name",
    "changed our name",
    "changed their name",
    "changed the name",
    "was renamed",
    "were renamed",
    "was rebranded",
    // Its end, told later in the sentence: "Acme Tasks moves to an extended support
    // release … and is removed from new releases".
    "is removed from",
    "will be removed from",
];

/// Words right before a quoted retired name that make it a mention of the word, not a use:
/// `It means "nodemation"`, `the product was first called "HelpBot"`.
const MENTION_BEFORE: &[&str] = &[
    "means",
    "meant",
    "called",
    "named",
    "name",
    "word",
    "nicknamed",
];

/// Whether `rest` (the words after "until") starts with a date or a version: a digit, a month,
/// "version N", "vN".
fn dated(rest: &str) -> bool {
    let w = rest.trim_start();
    // "until Medusa 2.0", "until Acme v3": a version within the next three words.
    let versioned = w.split_whitespace().take(3).any(|t| {
        let t = t.trim_end_matches([',', '.', ')']);
        t.contains('.')
            && t.starts_with(|c: char| c.is_ascii_digit())
            && t.chars().all(|c| c.is_ascii_digit() || c == '.')
            || (t.starts_with('v') && t[1..].starts_with(|c: char| c.is_ascii_digit()))
    });
    if versioned {
        return true;
    }
    w.starts_with(|c: char| c.is_ascii_digit())
        || crate::document::MONTHS.iter().any(|m| w.starts_with(m))
        || w.starts_with("version")
        || (w.starts_with('v') && w[1..].starts_with(|c: char| c.is_ascii_digit()))
        || w.starts_with("recently")
}

/// Whether the retired name at `start..end` of the folded (lowercase) text is mentioned as the
/// history of a rename: a history word earlier in its sentence (within eight words), or a
/// rename right after it. "As previously announced, HelpBot…" still uses the old name.
pub(super) fn told_as_history(lower: &str, start: usize, end: usize) -> bool {
    // A sentence's reach: 2 KB each way, so a paragraph of repeats stays linear.
    const REACH: usize = 2048;
    let from = crate::document::floor_char(lower, start.saturating_sub(REACH));
    let before = lower.get(from..start).unwrap_or("");
    // The sentence's start: the last `.`, `!`, `?` or `;` that is not inside a number or a
    // version ("Until Acme 2.0, …").
    let bytes = before.as_bytes();
    let mut cut = before.len();
    let sentence = loop {
        match before[..cut].rfind(['.', '!', '?', ';']) {
            Some(i)
                if bytes[i] == b'.'
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
                    && i > 0
                    && bytes[i - 1].is_ascii_digit() =>
            {
                cut = i;
            }
            Some(i) => break &before[i + 1..],
            None => break before,
        }
    };
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let near = words[words.len().saturating_sub(8)..].join(" ");
    let padded = format!(" {near} ");
    let before_cue = HISTORY_BEFORE.iter().any(|cue| {
        padded.match_indices(cue).any(|(i, _)| {
            let left = padded[..i].ends_with([' ', '(', ',', '"']);
            let rest = &padded[i + cue.len()..];
            let right = rest.starts_with([' ', ',', ':', ')']);
            // "until" dates the past only with a date or a version after it ("until 17 March
            // 2022", "until version 0.198"), not "until Friday".
            // "Until today, all code … was licensed under …": up to the post's own day, in
            // the past tense, is history too.
            let until_now = {
                let r = rest.trim_start_matches([' ', ',']);
                (r.starts_with("today") || r.starts_with("now"))
                    && padded[i..]
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|w| matches!(w, "was" | "were" | "had"))
            };
            if *cue == "until" && !dated(rest) && !until_now {
                return false;
            }
            // "as previously announced", "previously mentioned": a reference back, not history.
            let referral = *cue == "previously"
                && rest
                    .trim_start()
                    .split(|c: char| !c.is_alphabetic())
                    .next()
                    .is_some_and(|w| {
                        matches!(
                            w,
                            "announced"
                                | "mentioned"
                                | "noted"
                                | "stated"
                                | "discussed"
                                | "described"
                                | "shared"
                                | "said"
                                | "known"
                                | "called"
                                | "named"
                        )
                    });
            left && right && !referral
        })
    });
    // The word right before, its punctuation kept: "the legacy Function node" but not "Our
    // old promise, support without the stress" (an appositive still in use).
    let right_before = words
        .last()
        .is_some_and(|w| HISTORY_RIGHT_BEFORE.contains(&w.trim_start_matches(['(', '['])));
    let to = crate::document::floor_char(lower, (end + REACH).min(lower.len()));
    let after = lower.get(end..to.max(end)).unwrap_or("");
    let in_sentence = HISTORY_SENTENCE.iter().any(|cue| sentence.contains(cue));
    let rest_of_sentence = after
        .find(['.', '!', '?', ';'])
        .map_or(after, |i| &after[..i]);
    let later = HISTORY_LATER
        .iter()
        .chain(["synonyms", "synonymous with"].iter())
        .any(|cue| rest_of_sentence.contains(cue));
    // A quoted name after "means", "called"…: the word itself.
    let quoted = after.starts_with(['"', '\'']) && {
        let b = before.trim_end();
        b.ends_with(['"', '\''])
            && b[..b.len() - 1]
                .split_whitespace()
                .next_back()
                .is_some_and(|w| MENTION_BEFORE.contains(&w.trim_end_matches(',')))
    };
    // A release of the old product by its full number: "Netlify CMS 2.10.192 (the last
    // available version)" (a major version, "HelpBot 2.0", may still be the product in use).
    let release = {
        let a = after.trim_start_matches(' ');
        let a = a.strip_prefix('v').unwrap_or(a);
        let number: &str = a
            .split(|c: char| !(c.is_ascii_digit() || c == '.'))
            .next()
            .unwrap_or("");
        let number = number.trim_end_matches('.');
        number.matches('.').count() >= 2 && number.starts_with(|c: char| c.is_ascii_digit())
    };
    before_cue
        || right_before
        || in_sentence
        || later
        || quoted
        || release
        || HISTORY_AFTER.iter().any(|cue| after.starts_with(cue))
}

/// A row of a migration table: the retired name in one cell and, in another, its
/// replacement or its end ("JS Client | JS SDK", "Medusa React | No longer supported").
fn rename_row(cx: &SegmentCx, start: usize, end: usize, replacement: Option<&str>) -> bool {
    if cx.segment.scope != crate::document::Scope::TableRow {
        return false;
    }
    let lower = cx.folded.lower.as_str();
    // The other cells: the row without the name's own cell.
    let cell_start = lower[..start].rfind(" | ").map_or(0, |i| i + 3);
    let cell_end = lower[end..].find(" | ").map_or(lower.len(), |i| end + i);
    let others = format!("{} {}", &lower[..cell_start], &lower[cell_end..]);
    if others.trim().trim_matches('|').trim().is_empty() {
        return false;
    }
    let ended = [
        "no longer",
        "deprecated",
        "removed",
        "not supported",
        "not available",
        "replaced by",
        "renamed",
        "discontinued",
    ]
    .iter()
    .any(|cue| others.contains(cue));
    ended
        || replacement.is_some_and(|r| {
            let r = crate::normalize::fold(r).text.to_lowercase();
            !super::claims::find_words(&others, &r).is_empty()
        })
}

/// Whether a retired *name* (written with capitals in the platform: "Harbor", "Prevent AI")
/// is found as ordinary words: every capitalised word of it (acronyms aside) in lowercase
/// ("safe harbor provisions", "can prevent AI-generated bugs"); the company's own name in
/// it does not count ("run Acme on-prem" is not "Acme On-Prem"). "The DevOps platform"
/// keeps two of its capitals: still the name. A phrase written in lowercase in the
/// platform matches in any case, and so does a phrase of four words or more.
fn ordinary_words(phrase: &str, company: &str, found: &str) -> bool {
    let company: Vec<String> = company.split_whitespace().map(str::to_lowercase).collect();
    let split = |s: &str| -> Vec<String> {
        s.split(|c: char| c.is_whitespace() || c == '-')
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let (want, got) = (split(phrase), split(found));
    // A long phrase (four words or more: an old tagline) found whole is the phrase, in any
    // case: "the ultimate open source webchat platform".
    if want.len() != got.len() || want.len() >= 4 {
        return false;
    }
    let cap = |s: &str| s.chars().next().is_some_and(char::is_uppercase);
    let acronym = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
    };
    let named: Vec<(&String, &String)> = want
        .iter()
        .zip(&got)
        .filter(|(w, _)| cap(w) && !acronym(w) && !company.contains(&w.to_lowercase()))
        .collect();
    !named.is_empty() && named.iter().all(|(_, g)| !cap(g))
}

/// Whether the old name is a glossary entry's gloss: the segment opens with a term of at
/// most four words, then "(formerly <old name>)" and a colon or a dash that introduces the
/// definition ("Alerts (formerly Alarms): With the information…"). A glossary documents the
/// old name; running text that glosses it ("Acme Self-Hosted (formerly Acme On-Prem) ships
/// to…") keeps it in circulation.
fn glossary_entry(lower: &str, start: usize, end: usize) -> bool {
    let before = &lower[..start];
    let Some(term) = before
        .strip_suffix("(formerly ")
        .or_else(|| before.strip_suffix("(previously "))
    else {
        return false;
    };
    let words = term.split_whitespace().count();
    let after = lower[end..].trim_start_matches(')');
    (1..=4).contains(&words)
        && lower[end..].starts_with(')')
        && (after.starts_with(':') || after.starts_with(" -") || after.starts_with(" –"))
}

/// Whether the word before `start` is someone else's name: capitalised, not a sentence's
/// first word, not ours, joined to the match by a space ("GitHub Issues").
fn after_foreign_name(cx: &SegmentCx, start: usize) -> bool {
    let cased = cx.folded.cased.as_str();
    let before = &cased[..start];
    if !before.ends_with(' ') {
        return false;
    }
    let trimmed = before.trim_end();
    let w_start = trimmed
        .rfind(|c: char| !(c.is_alphanumeric() || c == '.' || c == '-'))
        .map_or(0, |i| i + 1);
    let w = &trimmed[w_start..];
    // A name: a competitor's, or one written with a capital inside ("GitHub"), not a
    // capitalised word ("⚡ Share Projects").
    let competitor = cx.hits.iter().any(|b| {
        matches!(b.entry, crate::platform::index::Entry::Competitor(_)) && b.end == trimmed.len()
    });
    let named = competitor || w.chars().skip(1).any(char::is_uppercase);
    named
        && w.chars().next().is_some_and(char::is_uppercase)
        && !sentence_start(cased, w_start)
        && !cx
            .hits
            .iter()
            .any(|b| b.entry.is_brand() && b.end == trimmed.len())
}

/// Whether `sentence` states an approved wording of four words or more word for word (the
/// tagline, the one-liner, a value prop or their variants).
fn states_approved_wording(cx: &SegmentCx, sentence: &str) -> bool {
    cx.compiled.statements.iter().any(|st| {
        st.approved.iter().any(|a| {
            a.split_whitespace().count() >= 4 && super::claims::states_verbatim(sentence, a)
        })
    })
}

/// Whether the old name glosses another in running text: "Acme Self-Hosted (formerly Acme
/// On-Prem) ships…", "the TaskFlow API, formerly known as Functional DAGs", "(fka
/// HelpBot)". The gloss keeps the old name next to the new one, so readers who knew it
/// follow: every blind labeller read it as history, so it is reported at low confidence
/// (hidden by default, in the audit).
fn glossed(lower: &str, start: usize) -> bool {
    // (A quoted old name too: `previously known as "AI Bridge"`.)
    let before = lower[..start]
        .trim_end()
        .trim_end_matches(['"', '“', '\'', '‘'])
        .trim_end();
    // ("a.k.a." and "formerly known as" cover their forms in parentheses.)
    [
        "(formerly",
        "(previously",
        "(fka",
        "(f.k.a.",
        "(aka",
        "(ex-",
        "a.k.a.",
        "formerly known as",
        "previously known as",
        ", formerly",
    ]
    .iter()
    .any(|g| before.ends_with(g))
}

/// The year a sentence names relative to `now` (the year of its section's or asset's
/// date): "last year", "a year ago", "two years ago", "3 years ago".
fn relative_year(sentence: &str, now: u32) -> Option<u32> {
    use super::claims::find_words;
    if !find_words(sentence, "last year").is_empty()
        || !find_words(sentence, "a year ago").is_empty()
    {
        return now.checked_sub(1);
    }
    for at in find_words(sentence, "years ago") {
        let n = sentence[..at].split_whitespace().next_back().and_then(|w| {
            w.parse::<u32>().ok().or_else(|| {
                [
                    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                ]
                .iter()
                .position(|x| *x == w)
                .map(|i| i as u32 + 2)
            })
        });
        if let Some(n) = n {
            return now.checked_sub(n);
        }
    }
    None
}

/// Nouns for a wording: a sentence that says what a tagline or a name *was* mentions the
/// old wording, it does not use it.
const WORDING_NOUNS: &[&str] = &[
    "tagline",
    "taglines",
    "slogan",
    "slogans",
    "motto",
    "mottos",
    "headline",
    "headlines",
    "name",
    "names",
    "pitch",
    "one-liner",
    "one-liners",
];

/// Whether the retired phrase at `start` opens a quotation in a sentence that says, in the
/// past tense, what a wording of the company was: "Some of the initial taglines for
/// Temporal were “fault oblivious code…” and “stateful workflow engine.”" — the old
/// taglines quoted as history.
fn quoted_past_wording(lower: &str, start: usize) -> bool {
    let span = super::claims::clause(lower, start, start);
    let lead = &lower[span.start..start];
    if !lead.trim_end().ends_with('"') {
        return false;
    }
    let words: Vec<&str> = lead
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().any(|w| WORDING_NOUNS.contains(w))
        && words.iter().any(|w| matches!(*w, "was" | "were"))
}

/// Past-tense verbs that do not end in "-ed".
const PAST_IRREGULAR: &[&str] = &[
    "chose", "made", "built", "wrote", "took", "had", "ran", "began", "gave", "sold", "bought",
    "found", "kept", "left", "brought", "thought", "knew", "called", "became", "went", "put",
    "used",
];

/// Whether the words right before `start` (at most four, in its clause, not across a comma)
/// are "<I/we/you/they> [one word] <past-tense verb> [function words]": the retired name is
/// what someone did something with in the past.
fn past_narrative(lower: &str, start: usize) -> bool {
    let span = super::claims::clause(lower, start, start);
    let lead = &lower[span.start..start];
    let lead = lead.rsplit(',').next().unwrap_or(lead);
    let words: Vec<&str> = lead
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    let n = words.len();
    let past = |w: &str| (w.len() >= 5 && w.ends_with("ed")) || PAST_IRREGULAR.contains(&w);
    let person = |w: &str| matches!(w, "i" | "we" | "you" | "they");
    // Between the verb and the name, only function words ("considered it as a …"): the
    // name is the verb's object, not a word after it ("We left Zendesk last year").
    let function = |w: &str| {
        matches!(
            w,
            "it" | "them"
                | "this"
                | "that"
                | "as"
                | "a"
                | "an"
                | "the"
                | "our"
                | "their"
                | "its"
                | "to"
                | "with"
                | "for"
                | "on"
                | "in"
                | "of"
        )
    };
    (n.saturating_sub(4)..n).any(|v| {
        past(words[v])
            && ((v >= 1 && person(words[v - 1])) || (v >= 2 && person(words[v - 2])))
            && words[v + 1..].iter().all(|w| function(w))
    })
}

pub fn check(cx: &SegmentCx, out: &mut Vec<Finding>) {
    statements(cx, out);
    for h in cx.hits {
        let Entry::Retired(i) = h.entry else { continue };
        let r = &cx.platform.retired[i];
        if gloss(&cx.folded.cased, h.start, h.end, r.replacement.as_deref())
            || quoted_past_wording(&cx.folded.lower, h.start)
            || told_as_history(&cx.folded.lower, h.start, h.end)
            || migration(&cx.folded.lower, h.start, h.end, r.replacement.as_deref())
            || rename_row(cx, h.start, h.end, r.replacement.as_deref())
            || (!r.case_exact
                && ordinary_words(
                    &r.phrase,
                    &cx.platform.company.name,
                    cx.cased(h.start, h.end),
                ))
            // An ordinary word written as a name only in its own case ("Issues", `case:
            // exact`) after someone else's name: "GitHub Issues", "Jira Issues".
            || (r.case_exact && !r.phrase.contains(' ') && after_foreign_name(cx, h.start))
            // A phrase said of a competitor's product: "PostHog's free tier is huge".
            || (r.phrase.contains(' ') && super::competitors_sentence(cx, h.start))
        {
            continue;
        }
        let original = cx.original(h.start, h.end);
        // A sentence dated to a year before the retirement ("In 2021, HelpBot answered…").
        let retired_year = r
            .retired_on
            .as_deref()
            .and_then(|d| d.get(..4))
            .and_then(|y| y.parse::<u32>().ok());
        let lower = cx.folded.lower.as_str();
        let sentence = &lower[super::claims::clause(lower, h.start, h.end)];
        // Or a year said relative to the section's or the asset's date ("last year", "two
        // years ago" in a post dated 2023-09-13), before a known retirement date.
        let year = super::claim_mismatch::stated_year(sentence, retired_year).or_else(|| {
            let now: u32 = cx.when()?.get(..4)?.parse().ok()?;
            // Only against a known retirement date: "data from last year" names no year
            // the old name was current in.
            relative_year(sentence, now).filter(|y| retired_year.is_some_and(|r| *y < r))
        });
        if let Some(y) = year {
            out.push(Finding {
                rule: "retired-term",
                start: h.start,
                end: h.end,
                message: match &r.retired_on {
                    Some(on) => {
                        format!("historical: \"{original}\" was current in {y} (retired on {on})")
                    }
                    None => format!("historical: \"{original}\" in {y}"),
                },
                help: Some(
                    "a sentence about the past may name the old name; elsewhere say the new one"
                        .into(),
                ),
                suggestion: None,
                platform_ref: Some(format!("retired[{i}]")),
                severity: Some(crate::diagnostic::Severity::Info),
                confidence: None,
            });
            continue;
        }
        // A dated asset from before the retirement: the name was current then.
        if let Some(f) = dated_before(
            cx,
            r,
            h.start..h.end,
            &format!("retired[{i}]"),
            |date, on| {
                format!("historical: \"{original}\" was current on {date} (retired on {on})")
            },
        ) {
            out.push(f);
            continue;
        }
        // Told as a narrative of the past: the old name the object of a past-tense verb
        // whose subject is a person ("So, in the end, I chose nodemation", "In Medusa v1, you
        // used Medusa React", "We even considered it as a Content Management Framework"):
        // likely history, at low confidence. An appositive after a comma is in use ("we
        // created Strapi, an open-source Content Management Framework").
        let narrated = past_narrative(lower, h.start)
            || glossary_entry(lower, h.start, h.end)
            || glossed(lower, h.start);
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
            confidence: narrated.then_some(crate::diagnostic::Confidence::Low),
        });
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations() {
        let m = |t: &str, w: &str, r: &str| {
            let s = t.find(w).expect("in text");
            super::migration(t, s, s + w.len(), Some(r))
        };
        assert!(m(
            "upgrade workflows that still use the function node to the code node.",
            "function node",
            "Code node"
        ));
        assert!(m(
            "replace helpbot with lumora assist.",
            "helpbot",
            "Lumora Assist"
        ));
        assert!(!m(
            "use the function node and the code node.",
            "function node",
            "Code node"
        ));
        assert!(!m(
            "the portal shows the function node to the code node.",
            "function node",
            "Code node"
        ));
        assert!(!m(
            "upgrade the function node today.",
            "function node",
            "Code node"
        ));
        assert!(m(
            "we went from helpbot to lumora assist.",
            "helpbot",
            "Lumora Assist"
        ));
        assert!(!m(
            "from helpbot, send it to the team.",
            "helpbot",
            "Lumora Assist"
        ));
    }

    use super::{gloss, past_narrative, told_as_history};

    #[test]
    fn a_past_narrative_names_the_old_name() {
        let at = |t: &str, w: &str| past_narrative(t, t.find(w).expect("in text"));
        assert!(at("so, in the end, i chose nodemation.", "nodemation"));
        assert!(at(
            "in medusa v1, you used medusa react to send requests.",
            "medusa react"
        ));
        assert!(at(
            "we even considered it as a content management framework.",
            "content"
        ));
        // Present tense, an appositive after a comma, "need" (no past tense).
        assert!(!at("you use helpbot to answer tickets.", "helpbot"));
        assert!(!at(
            "we created strapi, an open-source content management framework.",
            "content"
        ));
        assert!(!at("we need helpbot for nights.", "helpbot"));
        assert!(!at("we left zendesk last year.", "last year"));
        let entry = |t: &str, w: &str| {
            let s = t.find(w).expect("in text");
            super::glossary_entry(t, s, s + w.len())
        };
        assert!(entry(
            "alerts (formerly alarms): with the information",
            "alarms"
        ));
        assert!(!entry(
            "acme self-hosted (formerly acme on-prem) ships to teams.",
            "acme on-prem"
        ));
        assert!(!entry(
            "the new alerts page (formerly alarms) lists everything.",
            "alarms"
        ));
    }

    #[test]
    fn a_rename_told_as_history() {
        let at = |t: &str, w: &str| {
            let t = t.to_lowercase();
            let s = t.find(w).expect("in text");
            told_as_history(&t, s, s + w.len())
        };
        let told = [
            (
                "Previously, we positioned Acme as universal code search.",
                "universal code search",
            ),
            ("We renamed HelpBot to Lumora Assist in 2025.", "helpbot"),
            ("HelpBot was renamed in 2025.", "helpbot"),
            ("Lumora Inbox replaced HelpBot last year.", "helpbot"),
            ("It replaces HelpBot.", "helpbot"),
            (
                "n8n was until 17 March 2022 licensed under Apache 2.0 with Commons Clause.",
                "apache 2.0 with commons clause",
            ),
            (
                "If you're using an older version of n8n, you can still view the Function node documentation.",
                "function node",
            ),
            ("The Function node is deprecated.", "function node"),
            (
                "Show how we evolved from a code search tool, to a code intelligence platform, to AI.",
                "code intelligence platform",
            ),
        ];
        for (t, w) in told {
            assert!(at(t, w), "{t}");
        }
        let used = [
            ("Ask HelpBot to draft a reply.", "helpbot"),
            ("Until Friday, ask HelpBot to draft a reply.", "helpbot"),
            (
                "The token is used to access the managed instance.",
                "managed instance",
            ),
            (
                "As previously announced, HelpBot drafts replies.",
                "helpbot",
            ),
            (
                "Lumora Assist (formerly HelpBot) drafts replies.",
                "helpbot",
            ),
            (
                "Lumora Assist, previously known as HelpBot, drafts.",
                "helpbot",
            ),
            (
                "It was renamed last year. HelpBot drafts replies.",
                "helpbot",
            ),
            (
                "We renamed the macros, and twenty other settings moved, so HelpBot now drafts.",
                "helpbot",
            ),
        ];
        for (t, w) in used {
            assert!(!at(t, w), "{t}");
        }
    }

    #[test]
    fn retired_names_as_ordinary_words() {
        use super::ordinary_words;
        assert!(ordinary_words("Harbor", "Acme", "harbor"));
        assert!(ordinary_words("Prevent AI", "Sentry", "prevent AI"));
        assert!(ordinary_words("Function node", "n8n", "function node"));
        // Still the name: a capital kept, the company's name, a lowercase platform phrase.
        assert!(!ordinary_words(
            "The DevOps Platform",
            "GitLab",
            "The DevOps platform"
        ));
        assert!(!ordinary_words("Harbor", "Acme", "Harbor"));
        assert!(ordinary_words("Acme On-Prem", "Acme", "Acme on-prem"));
        assert!(!ordinary_words("Acme On-Prem", "Acme", "Acme On-prem"));
        assert!(!ordinary_words("Acme", "Acme", "acme"));
        assert!(!ordinary_words(
            "managed instances",
            "Sourcegraph",
            "managed instances"
        ));
        assert!(!ordinary_words("HELPBOT", "Lumora", "helpbot"));
    }

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
