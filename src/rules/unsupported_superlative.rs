//! `unsupported-superlative`: a superlative or uniqueness claim (lexicon in
//! `rules/superlatives.txt`) that is not part of an approved statement.
//!
//! Ordinary superlatives ("the best", "the only", "#1") count only in a sentence about the
//! company (it names the company or a product, or says "we are the"); `+` phrases of the
//! lexicon ("industry-leading", "best-in-class") count anywhere.
//! Silent inside approved wording (tagline, one-liner, value props, differentiators and their
//! variants, claims, boilerplate) and on allow-list phrases ("best practice").

use super::{Finding, SegmentCx};
use crate::platform::index::Entry;

pub fn check(cx: &SegmentCx, out: &mut Vec<Finding>) {
    for h in cx.hits {
        let Entry::Superlative(i) = h.entry else {
            continue;
        };
        let always = cx.index.superlatives.get(i).is_some_and(|s| s.always);
        if !always && !cx.index.about_company(cx.folded, cx.hits, h) {
            continue;
        }
        if cx.index.in_approved_statement(cx.folded, h) {
            continue;
        }
        let original = cx.original(h.start, h.end);
        let help = match cx
            .platform
            .differentiators
            .first()
            .or(cx.platform.value_props.first())
        {
            Some(m) => format!("use approved wording, e.g. \"{}\"", m.statement),
            None => {
                "use approved wording, or get the claim approved and add it to the platform".into()
            }
        };
        out.push(Finding {
            rule: "unsupported-superlative",
            start: h.start,
            end: h.end,
            message: format!("\"{original}\" is a superlative claim no approved statement makes"),
            suggestion: None,
            help: Some(help),
            platform_ref: None,
            severity: None,
        });
    }
}
