//! `withdrawn-reference`: a customer named as a reference (logo bar, case study, quote)
//! that the platform lists under `references.withdrawn` — the company may no longer name it.
//!
//! Matched as a name: case-aware (the name as written, capitalised), word-boundary aware.
//! Silent on approved references and on a lowercase ordinary phrase that happens to spell
//! the name.

use super::{Finding, SegmentCx};
use crate::platform::index::Entry;

pub fn check(cx: &SegmentCx, out: &mut Vec<Finding>) {
    for h in cx.hits {
        let Entry::Withdrawn(i) = h.entry else {
            continue;
        };
        let w = &cx.platform.references.withdrawn[i];
        let found = cx.cased(h.start, h.end);
        // A name: the first letter capitalised as the platform writes it.
        if w.name.chars().next().is_some_and(char::is_uppercase)
            && !found.chars().next().is_some_and(char::is_uppercase)
        {
            continue;
        }
        // Told as the past: "was previously hosted thanks to Balto", "Balto has shut down":
        // history, not a reference.
        let lower = cx.folded.lower.as_str();
        if super::retired_term::told_as_history(lower, h.start, h.end) || ended(lower, h.end) {
            continue;
        }
        let mut message = format!("\"{found}\" is no longer an approved customer reference");
        match (&w.withdrawn_on, &w.reason) {
            (Some(d), Some(r)) => message.push_str(&format!(" (withdrawn on {d}: {r})")),
            (Some(d), None) => message.push_str(&format!(" (withdrawn on {d})")),
            (None, Some(r)) => message.push_str(&format!(" ({r})")),
            (None, None) => {}
        }
        let approved = &cx.platform.references.approved;
        out.push(Finding {
            rule: "withdrawn-reference",
            start: h.start,
            end: h.end,
            message,
            suggestion: None,
            help: Some(if approved.is_empty() {
                "remove the name, or get the reference renewed".to_owned()
            } else {
                format!(
                    "name an approved reference instead: {}",
                    approved.join(", ")
                )
            }),
            platform_ref: Some(format!("references.withdrawn[{i}]")),
            severity: None,
            confidence: None,
        });
    }
}

/// Whether the rest of the sentence after a name tells its end: "Balto has shut down", "went
/// out of business", "is no longer with us".
fn ended(lower: &str, end: usize) -> bool {
    let rest = &lower[end..];
    let rest = rest.find(['.', '!', '?', ';']).map_or(rest, |i| &rest[..i]);
    [
        "shut down",
        "shutdown",
        "went out of business",
        "closed its doors",
        "ceased operations",
        "no longer",
    ]
    .iter()
    .any(|c| rest.contains(c))
}
