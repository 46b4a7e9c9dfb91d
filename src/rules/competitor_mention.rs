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
            confidence: None,
        });
    }
}
