//! `claim-mismatch`: a number attached to a claim's subject (same sentence, or the same
//! table row) that differs from the approved value under its qualifier. Overstated is an
//! error; understated or a superseded value is a warning that the number is stale.
//!
//! Silent on the approved value (with or without its qualifier), on changes and parts
//! ("300 brands joined in Q3", "40 new customers"), on numbers whose unit
//! differs from the claim's (a percentage is not a team count), and on numbers far from any
//! subject word.

use super::claims::{Verdict, clause, find_words, judge};
use super::{Finding, SegmentCx};
use crate::diagnostic::Severity;
use crate::document::Scope;

/// Bytes between a subject and its number.
const NEAR: usize = 48;

/// Words that make a number a change or a part, not the claimed total ("300 brands joined
/// in Q3", "40 new customers").
const DELTA: &[&str] = &[
    "joined",
    "new",
    "added",
    "signed",
    "onboarded",
    "grew",
    "growth",
    "increase",
    "increased",
    "per",
    "each",
    "this quarter",
    "last quarter",
    "this year",
    "last year",
    "this month",
    "last month",
    "in q1",
    "in q2",
    "in q3",
    "in q4",
];

pub fn check(cx: &SegmentCx, out: &mut Vec<Finding>) {
    let text = cx.folded.lower.as_str();
    for q in cx.quantities {
        // A company size is the ICP's, never a claim's count.
        if super::off_icp::is_size(text, q) {
            continue;
        }
        let span = if cx.segment.scope == Scope::TableRow {
            0..text.len()
        } else {
            clause(text, q.start, q.end)
        };
        let sentence = &text[span.clone()];
        for (c_index, c) in cx.compiled.claims.iter().enumerate() {
            if c.unit != q.unit {
                continue;
            }
            let near = cx
                .subjects
                .iter()
                .filter(|(ci, s0, s1)| *ci == c_index && *s0 >= span.start && *s1 <= span.end)
                .any(|&(_, s0, s1)| {
                    let gap = if s0 >= q.end {
                        s0 - q.end
                    } else {
                        q.start.saturating_sub(s1)
                    };
                    let between = if s0 >= q.end {
                        q.end..s0
                    } else {
                        s1.min(q.start)..q.start
                    };
                    let other_number = cx
                        .quantities
                        .iter()
                        .any(|o| o.start >= between.start && o.end <= between.end && o != q);
                    // Each subject takes its nearest number of the claim's unit.
                    let dist = |o: &crate::numbers::Quantity| {
                        if s0 >= o.end {
                            s0 - o.end
                        } else {
                            o.start.saturating_sub(s1)
                        }
                    };
                    let nearer = cx.quantities.iter().any(|o| {
                        o != q
                            && o.unit == q.unit
                            && o.start >= span.start
                            && o.end <= span.end
                            && !super::off_icp::is_size(text, o)
                            && dist(o) < gap
                    });
                    (gap <= NEAR || cx.segment.scope == Scope::TableRow) && !other_number && !nearer
                });
            if !near {
                continue;
            }
            let claim = &cx.platform.claims[c.index];
            // Change and part words, unless the approved statement says them itself ("at
            // least 99.9% during each calendar month").
            let own = crate::normalize::fold(&claim.statement).text;
            if DELTA
                .iter()
                .any(|d| !find_words(sentence, d).is_empty() && find_words(&own, d).is_empty())
            {
                break;
            }
            let verdict = judge(q, c.value, c.range, claim.qualifier, &c.superseded);
            let stated = cx.original(q.start, q.end).to_owned();
            let as_of = claim
                .as_of
                .as_deref()
                .map(|d| format!(", as of {d}"))
                .unwrap_or_default();
            let (message, severity) = match verdict {
                Verdict::Fine => break,
                Verdict::Overstated => (
                    format!(
                        "\"{stated}\" overstates the approved claim \"{}\"{as_of}",
                        claim.statement
                    ),
                    Severity::Error,
                ),
                Verdict::Understated => (
                    format!(
                        "\"{stated}\" understates the approved claim \"{}\"{as_of}: a stale number?",
                        claim.statement
                    ),
                    Severity::Warning,
                ),
                Verdict::Superseded => (
                    format!(
                        "\"{stated}\" is a superseded value: the approved claim is \"{}\"{as_of}",
                        claim.statement
                    ),
                    Severity::Warning,
                ),
            };
            out.push(Finding {
                rule: "claim-mismatch",
                start: q.start,
                end: q.end,
                message,
                suggestion: Some(claim.statement.clone()),
                help: Some(match &claim.source {
                    Some(src) => format!("approved: \"{}\" (source: {src})", claim.statement),
                    None => format!("approved: \"{}\"", claim.statement),
                }),
                platform_ref: Some(format!("claims[{}]", c.index)),
                severity: Some(severity),
                confidence: None,
            });
            break;
        }
    }
}
