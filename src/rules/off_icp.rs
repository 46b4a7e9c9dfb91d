//! `off-icp`: audience language from a segment the platform excludes (`icp.excluded`), and
//! company sizes outside `icp.employees` ("for teams of 2 to 5"); in-range sizes are silent.

use super::{Finding, SegmentCx};
use crate::numbers::{Qual, Unit};
use crate::platform::index::Entry;

pub fn check(cx: &SegmentCx, out: &mut Vec<Finding>) {
    sizes(cx, out);
    for h in cx.hits {
        let Entry::IcpSignal(i, j) = h.entry else {
            continue;
        };
        // "Ghost is not a good platform for … a simple personal blog", "Is Acme for
        // agencies?": the copy keeps the segment out, as the platform does.
        if super::preferred_term::questioned_or_denied(&cx.folded.lower, h.start, h.end) {
            continue;
        }
        // "Step Functions can be a great service for non-developers … without writing
        // code": the clause's subject is a competitor, and the audience is its own.
        if competitor_subject(cx, h.start) {
            continue;
        }
        let icp = &cx.platform.icp;
        let seg = &icp.excluded[i].segment;
        let original = cx.original(h.start, h.end);
        let segment = if seg.is_empty() {
            "an excluded".to_string()
        } else {
            format!("the excluded \"{seg}\"")
        };
        out.push(Finding {
            rule: "off-icp",
            start: h.start,
            end: h.end,
            message: format!("\"{original}\" speaks to {segment} segment"),
            suggestion: None,
            help: Some(match &icp.summary {
                Some(s) => format!("the ideal customer is: {s}"),
                None => "write for the platform's ideal customer profile".into(),
            }),
            platform_ref: Some(format!("icp.excluded[{i}].signals[{j}]")),
            severity: None,
            confidence: None,
        });
    }
}

/// Whether the clause holding `at` opens with a competitor's name (after "the" at most).
fn competitor_subject(cx: &SegmentCx, at: usize) -> bool {
    let text = cx.folded.lower.as_str();
    let span = super::claims::clause(text, at, at);
    cx.hits.iter().any(|c| {
        matches!(c.entry, Entry::Competitor(_)) && c.end <= at && c.opens(text, span.start)
    })
}

/// Words that make a number a company or team size.
/// (Seats and agents are a plan's size, not the company's.)
const AFTER: [&str; 8] = [
    " employees",
    " people",
    " staff",
    " person",
    "-person",
    "-people",
    "-employee",
    " employee",
];
const BEFORE: [&str; 9] = [
    "teams of ",
    "shops of ",
    "a team of ",
    "team of ",
    "companies with ",
    "businesses with ",
    "companies of ",
    "organizations with ",
    "organisations with ",
];

/// Cues that a size describes the audience, before the number in its sentence.
const AUDIENCE: [&str; 13] = [
    "for ",
    "serves ",
    "serve ",
    "designed for",
    "built for",
    "companies with",
    "businesses with",
    "organizations with",
    "organisations with",
    "companies of",
    "serving",
    "teams of",
    "aimed at",
];

/// Whether the words before a size in its clause say it is the audience's ("for teams of",
/// "serving companies with").
pub fn audience_cue(lead: &str) -> bool {
    AUDIENCE.iter().any(|a| lead.contains(a))
}

/// Whether `q` is a company or team size ("50 to 1,000 employees", "teams of 5",
/// "a 20-person shop"): an ICP size, never a customer count or a claim's number.
pub fn is_size(text: &str, q: &crate::numbers::Quantity) -> bool {
    if q.unit != Unit::Plain {
        return false;
    }
    if BEFORE.iter().any(|w| text[..q.start].ends_with(w)) {
        return true;
    }
    // "people" and "person" size a company only after "with"/"of" ("companies with 50
    // people"); "1,100 people have contributed" counts people.
    AFTER.iter().any(|w| {
        text[q.end..].starts_with(w)
            && (!matches!(*w, " people" | " person")
                || text[..q.start].ends_with("with ")
                || text[..q.start].ends_with("of "))
    })
}

/// Company sizes outside `icp.employees`: "for teams of 2 to 5", "50,000+ employees".
pub fn sizes(cx: &SegmentCx, out: &mut Vec<Finding>) {
    let Some((min, max)) = cx.platform.icp.employees else {
        return;
    };
    let text = cx.folded.lower.as_str();
    for q in cx.quantities {
        if q.unit != Unit::Plain {
            continue;
        }
        let after = AFTER.iter().any(|w| text[q.end..].starts_with(w));
        let before = BEFORE.iter().any(|w| text[..q.start].ends_with(w));
        if !after && !before {
            continue;
        }
        // Only sizes said of the audience: "for teams of 2 to 5", "companies with 50,000+
        // employees" — not "our support team of 12".
        let clause = super::claims::clause(text, q.start, q.end);
        let lead = &text[clause.start..q.start];
        // "a 20-person shop", "the 5-person startup": a size of whoever it describes, the
        // audience unless the sentence speaks of us.
        let compound = ["-person", "-people", "-employee"]
            .iter()
            .any(|w| text[q.end..].starts_with(w));
        let ours = lead
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| matches!(w, "our" | "we" | "us"));
        if !audience_cue(lead) && (!compound || ours) {
            continue;
        }
        let lo = q.value;
        let hi = match q.qual {
            Qual::AtLeast => f64::INFINITY,
            _ => q.hi.unwrap_or(q.value),
        };
        let (lo, hi) = if q.qual == Qual::AtMost {
            (0.0, q.value)
        } else {
            (lo, hi)
        };
        let below = min.is_some_and(|m| hi < m);
        let above = max.is_some_and(|m| lo > m);
        if !below && !above {
            continue;
        }
        let range = match (min, max) {
            (Some(a), Some(b)) => format!("{a} to {b} employees"),
            (Some(a), None) => format!("{a}+ employees"),
            (None, Some(b)) => format!("up to {b} employees"),
            (None, None) => continue,
        };
        let end = if after {
            AFTER
                .iter()
                .find(|w| text[q.end..].starts_with(**w))
                .map_or(q.end, |w| q.end + w.len())
        } else {
            q.end
        };
        let start = if before {
            BEFORE
                .iter()
                .find(|w| text[..q.start].ends_with(**w))
                .map_or(q.start, |w| q.start - w.len())
        } else {
            q.start
        };
        out.push(Finding {
            rule: "off-icp",
            start,
            end,
            message: format!(
                "\"{}\" is {} the ideal customer's size ({range})",
                cx.original(start, end),
                if below { "below" } else { "above" }
            ),
            suggestion: None,
            help: Some(match &cx.platform.icp.summary {
                Some(s) => format!("the ideal customer is: {s}"),
                None => format!("the ideal customer has {range}"),
            }),
            platform_ref: Some("icp.employees".into()),
            severity: None,
            confidence: None,
        });
    }
}
