//! `competitor-mention`: a competitor named in an asset whose type does not allow it
//! (`assets[].allow: [competitor-mention]` switches it off for battlecards and the like).
//! An all-lowercase form of a capitalised name ("linear" for Linear) is an ordinary word;
//! a competitor inside approved wording (a tagline naming what it replaces) is not reported.

use super::{Finding, SegmentCx};
use crate::platform::index::Entry;

pub fn check(cx: &SegmentCx, out: &mut Vec<Finding>) {
    for h in cx.hits {
        let Entry::Competitor(i) = h.entry else {
            continue;
        };
        let name = &cx.platform.competitors[i].name;
        let found = cx.cased(h.start, h.end);
        if !found.chars().any(char::is_uppercase) && name.chars().any(char::is_uppercase) {
            continue;
        }
        // Inside approved wording: a tagline that names the competitor it replaces ("…the
        // Google Analytics alternative") is the platform's own choice.
        if cx.index.in_approved_statement(cx.folded, h) {
            continue;
        }
        let allowed: Vec<&str> = cx
            .platform
            .assets
            .iter()
            .filter(|a| a.allow.iter().any(|r| r == "competitor-mention"))
            .map(|a| a.kind.as_str())
            .collect();
        let original = cx.original(h.start, h.end);
        // Named in a comparison ("unlike Zapier", "vs Datadog", "moving from Make"), the
        // mention is certain; named in passing (a founder's bio, a list of networks) it is
        // a judgement: medium confidence.
        let compared = compares(&cx.folded.lower, h.start, h.end);
        out.push(Finding {
            rule: "competitor-mention",
            start: h.start,
            end: h.end,
            message: format!("competitor \"{original}\" named in an asset that does not allow it"),
            suggestion: None,
            help: Some(if allowed.is_empty() {
                "competitors belong in assets whose type allows `competitor-mention`".into()
            } else {
                format!("competitor mentions are allowed in: {}", allowed.join(", "))
            }),
            platform_ref: Some(format!("competitors[{i}]")),
            severity: None,
            confidence: (!compared).then_some(crate::diagnostic::Confidence::Medium),
        });
    }
}

/// Words of comparison or switching in the sentence around a competitor's name.
const COMPARE: &[&str] = &[
    "unlike",
    "vs",
    "versus",
    "compare",
    "compared",
    "compares",
    "comparing",
    "comparison",
    "alternative",
    "alternatives",
    "instead of",
    "over",
    "than",
    "switch",
    "switched",
    "switching",
    "moving from",
    "move from",
    "migrate",
    "migrating",
    "migration",
    "replace",
    "replaces",
    "leave",
    "left",
    "competitor",
    "competitors",
];

/// Whether the sentence holding `start..end` compares or switches.
fn compares(lower: &str, start: usize, end: usize) -> bool {
    let sentence = &lower[super::claims::clause(lower, start, end)];
    COMPARE
        .iter()
        .any(|w| !super::claims::find_words(sentence, w).is_empty())
}

#[cfg(test)]
mod tests {
    use super::compares;

    #[test]
    fn comparisons_and_passing_mentions() {
        let at = |t: &str, w: &str| {
            let s = t.find(w).expect("in text");
            compares(t, s, s + w.len())
        };
        assert!(at("unlike zapier, n8n lets you self-host.", "zapier"));
        assert!(at("teams moving from make keep their scenarios.", "make"));
        assert!(at(
            "we use it over elasticsearch for these reasons.",
            "elasticsearch"
        ));
        assert!(!at(
            "john was a core contributor of wordpress.",
            "wordpress"
        ));
        assert!(!at(
            "posts reach bluesky, threads and wordpress.",
            "wordpress"
        ));
    }
}
