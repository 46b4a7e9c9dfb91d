//! `boilerplate-drift`: a paragraph that nearly matches an approved boilerplate (most of its
//! content words, stemmed) but differs: last year's numbers, a dropped product, a reworded
//! promise. The help shows a word diff against the approved text.
//!
//! Silent on the approved boilerplate itself (any typography, line breaks), and on
//! paragraphs that share only some of its words.

use super::claims::stems;
use super::message_drift::word_diff;
use super::{Finding, SegmentCx};
use crate::normalize::fold;
use std::collections::HashSet;

pub fn check(cx: &SegmentCx, out: &mut Vec<Finding>) {
    let text = cx.folded.lower.as_str();
    if text.split_whitespace().count() < 12 {
        return;
    }
    let mine: HashSet<String> = stems(text).into_iter().collect();
    for (i, b) in cx.platform.boilerplate.iter().enumerate() {
        let approved = fold(&b.text).text;
        let approved = approved.trim();
        if text.contains(approved.trim_end_matches('.')) {
            continue;
        }
        let theirs: HashSet<String> = stems(approved).into_iter().collect();
        if theirs.is_empty() {
            continue;
        }
        let shared = theirs.intersection(&mine).count();
        let union = theirs.union(&mine).count();
        // Near: at least 60% of all content words in common and 75% of the approved ones.
        if shared * 10 < union * 6 || shared * 4 < theirs.len() * 3 {
            continue;
        }
        let found = cx.original(0, text.len()).to_owned();
        let diff = word_diff(&b.text, &found);
        if diff == "changed: " {
            continue;
        }
        out.push(Finding {
            rule: "boilerplate-drift",
            start: 0,
            end: text.len(),
            message: format!(
                "this paragraph is an edited copy of the approved boilerplate \"{}\"",
                b.id
            ),
            suggestion: Some(b.text.clone()),
            help: Some(format!("use the approved text; {diff}")),
            platform_ref: Some(format!("boilerplate[{i}]")),
            severity: None,
        });
        break;
    }
}
