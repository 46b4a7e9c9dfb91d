//! `preferred-term`: an `avoid` form of a platform term (`helpdesk` → `help desk`).
//!
//! When an avoid form differs from the approved form only by case (`Github` vs `GitHub`),
//! only that exact case is reported. Avoid forms inside the approved form are shielded by
//! the index.

use super::{Finding, SegmentCx, match_case};
use crate::normalize::fold_with;
use crate::platform::index::Entry;

pub fn check(cx: &SegmentCx, out: &mut Vec<Finding>) {
    for h in cx.hits {
        let Entry::TermAvoid(i, j) = h.entry else {
            continue;
        };
        let term = &cx.platform.terms[i];
        let avoid = &term.avoid[j];
        let found = cx.cased(h.start, h.end);
        let use_f = fold_with(&term.use_, false);
        if fold_with(avoid, false).lower == use_f.lower && found == use_f.cased {
            continue;
        }
        let original = cx.original(h.start, h.end);
        let suggestion = match_case(original, &term.use_);
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
        });
    }
}
