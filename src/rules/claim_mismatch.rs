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
use crate::numbers::Quantity;

/// Bytes between a subject and its number.
const NEAR: usize = 48;

/// Words after a number that open a condition on it ("when ML is disabled", "if cached").
const CONDITION: &[&str] = &["when", "if", "unless", "whenever"];

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

/// Whether `text` says the change or part word `d`: "each" only as a distributive ("on
/// each Namespace"), not in the reciprocal "each other" ("Workflows … can call each
/// other").
/// Whether quantity `q` is a scale ("out of 10"), not a figure.
fn scale(text: &str, q: &crate::numbers::Quantity) -> bool {
    text[..q.start].trim_end().ends_with(" out of")
}

/// Whether a claim labelled for plan `label` (`CompiledClaim::plan`: "Pro: 20,000 audit logs
/// / month" → "pro") is another plan's than the card `card` (folded lowercase) a line sits in.
fn other_plan(label: Option<&str>, card: &str) -> bool {
    let Some(l) = label else {
        return false;
    };
    let c = card.trim();
    let c = c.strip_suffix(" plan").unwrap_or(c).trim();
    !c.is_empty() && !c.contains(l) && !l.contains(c)
}

/// Whether `q` closes a table cell that holds only a claim's subject and it ("| Pro 3K |").
fn tier_name(cx: &SegmentCx, q: &crate::numbers::Quantity) -> bool {
    let text = cx.folded.lower.as_str();
    let cell_start = text[..q.start].rfind(" | ").map_or(0, |i| i + 3);
    let rest = text[q.end..].trim_start();
    let closes = rest.is_empty() || rest.starts_with('|');
    let lead = &text[cell_start..q.start];
    let lead_start = cell_start + (lead.len() - lead.trim_start().len());
    closes
        && !lead.trim().is_empty()
        && cx.subjects.iter().any(|&(_, s0, s1)| {
            s0 == lead_start && text[s1..q.start].trim().is_empty() && s1 < q.start
        })
}

fn says_delta(text: &str, d: &str) -> bool {
    find_words(text, d)
        .into_iter()
        .any(|at| d != "each" || !text[at + d.len()..].starts_with(" other"))
}

/// Whether a size ("116 employees", "40 people") is the company's own headcount rather than
/// the audience's: its clause opens with the company's or a product's name, or with "we" /
/// "our", and no audience cue ("for", "companies with"…) stands before the number.
/// "Temporal has 116 employees" is a headcount; "for companies with 50 employees" is not.
/// So is a stat line that is only the number and its label.
fn own_headcount(cx: &SegmentCx, q: &crate::numbers::Quantity) -> bool {
    let text = cx.folded.lower.as_str();
    let span = clause(text, q.start, q.end);
    let lead = &text[span.start..q.start];
    if super::off_icp::audience_cue(lead) {
        return false;
    }
    let opens_with_brand = cx
        .hits
        .iter()
        .any(|b| b.entry.is_brand() && b.end <= q.start && b.opens(text, span.start));
    let first = lead
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .find(|w| !w.is_empty());
    // A stat line, the number and its label alone ("116 employees" in a stat block): the
    // page's own figure.
    let stat =
        lead.trim().is_empty() && text[q.end..span.end.max(q.end)].split_whitespace().count() <= 3;
    opens_with_brand || stat || matches!(first, Some("we" | "we're" | "our"))
}

/// Whether `q` is the earlier end of a change whose later end is `approved`: "from <q> to
/// <approved>", "<approved>, up from <q>", "<approved> (down from <q>)".
fn changed_to(text: &str, qs: &[Quantity], q: &Quantity, approved: f64) -> bool {
    let same = |v: f64| (v - approved).abs() <= approved.abs() * 1e-9;
    let before = text[..q.start].trim_end();
    let word_end = |s: &str, w: &str| {
        s.strip_suffix(w)
            .is_some_and(|r| r.is_empty() || r.ends_with(|c: char| !c.is_alphanumeric()))
    };
    if word_end(before, "from") {
        // "from <q> to <approved>"
        if let Some(next) = qs.iter().find(|n| n.start >= q.end)
            && text[q.end..next.start].trim() == "to"
            && same(next.value)
        {
            return true;
        }
        // "<approved>, up from <q>", "<approved> (down from <q>)"
        let lead = before.strip_suffix("from").unwrap_or(before).trim_end();
        if let Some(lead) = ["up", "down", "increased", "grew", "rose"]
            .iter()
            .find_map(|w| lead.strip_suffix(w))
            && let Some(prev) = qs.iter().rev().find(|p| p.end <= q.start)
            && lead[prev.end.min(lead.len())..]
                .trim()
                .trim_matches(|c: char| matches!(c, ',' | '(' | '—' | '–' | '-'))
                .split_whitespace()
                .count()
                <= 3
            && same(prev.value)
        {
            return true;
        }
    }
    false
}

pub fn check(cx: &SegmentCx, out: &mut Vec<Finding>) {
    if cx.compiled.claims.is_empty() {
        return;
    }
    let text = cx.folded.lower.as_str();
    for q in cx.quantities {
        // A scale, not a figure: the 10 of "9.1 out of 10", "4.8 out of 5 stars".
        if scale(text, q) {
            continue;
        }
        // A rate's denominator, not a figure: the 500 of "$10 per 500 chats", the 1k of
        // "Price per 1k chats".
        if text[..q.start].ends_with("per ") {
            continue;
        }
        // A competitor's figure: "Umami's cloud … the Pro plan is $20/mo with a 14-day
        // trial" (named before it in the sentence, nothing of ours between).
        if super::competitors_sentence(cx, q.start) {
            continue;
        }
        // A countdown is no length: "Only 3 days left in your trial", "2 weeks remaining".
        if matches!(
            q.unit,
            crate::numbers::Unit::Days | crate::numbers::Unit::Minutes
        ) && text[q.end..]
            .trim_start()
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .is_some_and(|w| matches!(w, "left" | "remaining" | "remain"))
        {
            continue;
        }
        // A company size is the ICP's, never a claim's count, unless a claim's own subject
        // leads right up to the number ("a team of twelve" for the claim "team of 10").
        let own_subject = cx
            .subjects
            .iter()
            .any(|&(_, _, s1)| s1 <= q.start && text[s1..q.start].trim().is_empty())
            // "Starter: Up to 50 users": the line's label is a claim's subject.
            || cx
                .label
                .is_some_and(|l| !cx.compiled.label_claims(l).is_empty());
        if !own_subject && super::off_icp::is_size(text, q) && !own_headcount(cx, q) {
            continue;
        }
        // In a comparison table, the column says whose number it is: a competitor's is
        // theirs; in ours, the row's label is its subject whatever stands between.
        let column = cx
            .columns
            .and_then(|c| c.get(text[..q.start].matches(" | ").count()).copied())
            .flatten();
        if column == Some(false) {
            continue;
        }
        let our_column = column == Some(true);
        // A tier named with a number ("Pro 3K", "Team 10"): a table cell that is a claim's
        // subject and then the number names a tier, it states no figure.
        if cx.segment.scope == Scope::TableRow && tier_name(cx, q) {
            continue;
        }
        let span = if cx.segment.scope == Scope::TableRow {
            0..text.len()
        } else {
            clause(text, q.start, q.end)
        };
        let sentence = &text[span.clone()];
        // The header of the number's column, when the row is in a table with one.
        let head = cx.table_header.and_then(|h| {
            let cell = h.split(" | ").nth(text[..q.start].matches(" | ").count())?;
            let cell = crate::normalize::fold(cell).text.to_lowercase();
            (1..=3)
                .contains(&cell.split_whitespace().count())
                .then_some(cell)
        });
        // The claims whose subject is near the number, the nearest first: "3M builds for its
        // customers" is about builds, whatever the platform lists first.
        // (gap, claim, nothing but words between subject and number: no comma or semicolon)
        let mut candidates: Vec<(usize, usize, bool)> = Vec::new();
        for (c_index, c) in cx.compiled.claims.iter().enumerate() {
            if c.unit != q.unit {
                continue;
            }
            // Under the claim's own plan's column: the column says whose number it is, as a
            // product's column does.
            let plan_column = head.as_deref().is_some_and(|h| {
                c.plan.as_deref().is_some_and(|l| {
                    let h = h.strip_suffix(" plan").unwrap_or(h);
                    h == l || h.contains(l) || l.contains(h)
                })
            });
            let our_column = our_column || plan_column;
            let near = cx
                .subjects
                .iter()
                .filter(|(ci, s0, s1)| *ci == c_index && *s0 >= span.start && *s1 <= span.end)
                .filter_map(|&(_, s0, s1)| {
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
                    // Another number in between takes the subject, unless it sits in a
                    // parenthesis of its own ("Uptime (last 90 days): 99.5%").
                    let other_number = cx.quantities.iter().any(|o| {
                        o.start >= between.start
                            && o.end <= between.end
                            && o != q
                            && !scale(text, o)
                            && {
                                let lead = &text[between.start..o.start];
                                lead.matches('(').count() <= lead.matches(')').count()
                            }
                    });
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
                            && !scale(text, o)
                            && o.unit == q.unit
                            && o.start >= span.start
                            && o.end <= span.end
                            && !super::off_icp::is_size(text, o)
                            && dist(o) < gap
                    });
                    ((gap <= NEAR || cx.segment.scope == Scope::TableRow)
                        && (our_column || (!other_number && !nearer)))
                        .then_some((gap, !text[between.clone()].contains([',', ';'])))
                })
                .min_by_key(|&(gap, _)| gap);
            // A stat shown apart from its label: the label names the subject.
            let labelled = near.is_none()
                && cx
                    .label
                    .is_some_and(|l| cx.compiled.label_claims(l).contains(&c_index));
            // "Our script is 45x smaller" with no comparator named: the approved "54 times
            // smaller than Google Analytics" is the comparison it makes, when nothing else
            // is compared with.
            let implicit = near.is_none()
                && q.unit == crate::numbers::Unit::Multiplier
                && c.subjects.iter().any(|s| {
                    let Some((adj, _)) = s.split_once(" than ") else {
                        return false;
                    };
                    let after = text[q.end..span.end.max(q.end)].trim_start();
                    !adj.contains(' ')
                        && after.starts_with(adj)
                        && after[adj.len()..]
                            .chars()
                            .next()
                            .is_none_or(|c| !c.is_alphanumeric())
                        && super::claims::find_words(&after[adj.len()..], "than").is_empty()
                });
            let near = near.or(implicit.then_some((1, true)));
            match near {
                Some((gap, plain)) => candidates.push((gap, c_index, plain)),
                None if labelled => candidates.push((usize::MAX, c_index, true)),
                None => {}
            }
        }
        // The clause is an approved statement with another figure ("Enable CUPED to reduce
        // variance … and get results up to 5x faster"): it states that claim, however far
        // its subject and whatever else is near.
        if cx
            .compiled
            .claims
            .iter()
            .any(|c| c.unit == q.unit && c.masked.is_some())
        {
            let own: Vec<crate::numbers::Quantity> = cx
                .quantities
                .iter()
                .filter(|o| o.start >= span.start && o.end <= span.end)
                .map(|o| crate::numbers::Quantity {
                    start: o.start - span.start,
                    end: o.end - span.start,
                    ..o.clone()
                })
                .collect();
            if own.len() == 1 {
                let masked = super::claims::mask(sentence, &own);
                let restated: Vec<(usize, usize, bool)> = cx
                    .compiled
                    .claims
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| {
                        c.unit == q.unit && c.masked.as_deref().is_some_and(|m| masked.contains(m))
                    })
                    .map(|(ci, _)| (0, ci, true))
                    .collect();
                if !restated.is_empty() {
                    candidates = restated;
                }
            }
        }
        // In another plan's card: "10,000 audit logs / month" under "### Starter" is not the
        // claim "Pro: 20,000 audit logs / month".
        // Or under another plan's column: "| Audit log | 10,000 / month | 20,000 / month |"
        // below "| | Starter | Pro |" (unless the row names the claim's plan itself).
        for card in cx.card.into_iter().chain(head.as_deref()) {
            candidates.retain(|&(_, ci, _)| {
                let plan = cx.compiled.claims[ci].plan.as_deref();
                // The line (or row) names the claim's plan itself: "The Starter plan costs
                // $39" under "## Acme Turbo".
                let names_plan =
                    plan.is_some_and(|l| !super::claims::find_words(text, l).is_empty());
                names_plan || !other_plan(plan, card)
            });
        }
        candidates.sort_by_key(|&(gap, _, _)| gap);
        // Only the nearest claim judges the number — the nearest whose value it is near:
        // in "The Starter plan allows up to 25 users", "users" (tens of millions) is the
        // nearer subject, the Starter plan's 50 the claim the number states. A farther one
        // only in the same stretch of words (no comma between: "On the Starter plan, you
        // get a 30-day trial" is not about the plan's users).
        let reach = |&(i, &(_, ci, plain)): &(usize, &(usize, usize, bool))| {
            let c = &cx.compiled.claims[ci];
            let claim = &cx.platform.claims[c.index];
            (i == 0 || plain)
                && super::claims::within_reach(q, c.value, claim.qualifier, &c.superseded)
        };
        // A number that is exactly a claim's approved value, beside that claim's subject,
        // states that claim ("Extended SLA: 99.95% Monthly Uptime Percentage", where the
        // nearer "monthly uptime" is the default SLA's 99.50%).
        let exact = candidates.iter().enumerate().find(|&(i, &(_, ci, plain))| {
            let c = &cx.compiled.claims[ci];
            (i == 0 || plain) && q.hi.is_none() && (q.value - c.value).abs() < 1e-9
        });
        let chosen = exact
            .or_else(|| candidates.iter().enumerate().find(reach))
            .map(|(_, c)| c)
            .or(candidates.first());
        if let Some(&(_, c_index, _)) = chosen {
            let c = &cx.compiled.claims[c_index];
            let claim = &cx.platform.claims[c.index];
            // Change and part words, unless the approved statement says them itself ("at
            // least 99.9% during each calendar month").
            let own = crate::normalize::fold(&claim.statement).text;
            // Its own words: from the number before it to the number after it in the
            // clause ("Pro plan: 10 GB storage, €5.99 per month": "per" is the price's).
            let from = cx
                .quantities
                .iter()
                .filter(|o| o.end <= q.start && o.start >= span.start)
                .map(|o| o.end)
                .max()
                .unwrap_or(span.start);
            let to = cx
                .quantities
                .iter()
                .filter(|o| o.start >= q.end && o.end <= span.end)
                .map(|o| o.start)
                .min()
                .unwrap_or(span.end);
            // A change word counts near the number ("40 new customers", "300 brands
            // joined", "added 50 integrations"): two words before it, five after — "Every new
            // organization gets a 14-day trial" is no count of new organizations' trials.
            let near = |at: usize, forward: bool| {
                let mut k = at;
                let mut words = 0;
                if forward {
                    while k < to && words < 5 {
                        k = text[k..to].find(' ').map_or(to, |i| k + i + 1);
                        words += 1;
                    }
                    k.min(to)
                } else {
                    while k > from && words < 2 {
                        k = text[from..k.saturating_sub(1)]
                            .rfind(' ')
                            .map_or(from, |i| from + i + 1);
                        words += 1;
                    }
                    k.max(from)
                }
            };
            let own_words = &text[near(q.start, false)..near(q.end, true)];
            // A rate written "$50/mo." or "$9 a month" says "per" too (read only when the
            // number's own words say "per").
            let rate = || {
                own.match_indices('/').any(|(at, _)| {
                    own[..at].ends_with(|c: char| c.is_ascii_digit())
                        && own[at + 1..].trim_start().starts_with(char::is_alphabetic)
                }) || {
                    let lower = own.to_lowercase();
                    ["a month", "a year", "monthly", "yearly", "annually"]
                        .iter()
                        .any(|r| says_delta(&lower, r))
                }
            };
            // The approved statement says the word itself, or its equivalent.
            let approved_says = |d: &str| {
                says_delta(&own, d)
                    || (d == "each" && says_delta(&own, "per"))
                    || (d == "per" && rate())
            };
            if DELTA
                .iter()
                .any(|d| says_delta(own_words, d) && !approved_says(d))
            {
                continue;
            }
            // A price billed another way than the approved one ("$12/user/month billed
            // monthly" beside the approved "$9/user/month (yearly)") is another price.
            if let (Some(said), Some(approved)) = (
                crate::numbers::billing_of(&text[span.clone()]),
                crate::numbers::billing_of(&own.to_lowercase()),
            ) && said != approved
            {
                continue;
            }

            let verdict = judge(q, c.value, c.range, claim.qualifier, &c.superseded);
            // A change told whole, to the approved value: "from $1,000 to $2,000", "4,000
            // customers, up from 3,000" — the earlier value is what it was, not a stale one.
            if matches!(verdict, Verdict::Understated | Verdict::Superseded)
                && changed_to(text, cx.quantities, q, c.value)
            {
                continue;
            }
            let stated = cx.original(q.start, q.end).to_owned();
            let as_of = claim
                .as_of
                .as_deref()
                .map(|d| format!(", as of {d}"))
                .unwrap_or_default();
            // History: a dated asset (or a sentence that dates itself) stating a value that
            // was right then. Reported as info, never as a stale number.
            if matches!(verdict, Verdict::Understated | Verdict::Superseded)
                && let Some(when) = historical(cx, sentence, q, c, claim)
            {
                out.push(Finding {
                        rule: "claim-mismatch",
                        start: q.start,
                        end: q.end,
                        message: format!(
                            "historical: \"{stated}\" was right {when}; the approved claim is now \"{}\"",
                            claim.statement
                        ),
                        suggestion: None,
                        help: Some(
                            "history is fine in a dated post; on a page that must stay current, \
                             mark its asset type `dated: false`"
                                .into(),
                        ),
                        platform_ref: Some(format!("claims[{}]", c.index)),
                        severity: Some(Severity::Info),
                        confidence: None,
                    });
                continue;
            }

            let (message, severity) = match verdict {
                Verdict::Fine => continue,
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
            // A figure under a condition the approved statement does not state ("<1% CPU …
            // when ML and alerts are disabled", "if you turn caching on"): measured in another
            // setup, maybe rightly: low confidence.
            let conditional = CONDITION.iter().any(|w| {
                !find_words(&text[q.end..span.end.max(q.end)], w).is_empty()
                    && find_words(&own, w).is_empty()
            });
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
                confidence: conditional.then_some(crate::diagnostic::Confidence::Low),
            });
        }
    }
}

/// Words right before a year that date a statement to it ("in 2022, we had…", "back in
/// 2019"), and phrases that place it in the past without a year.
const YEAR_CUES: &[&str] = &[
    "in", "back in", "during", "as of", "by", "early", "late", "mid",
];
/// Verbs before "in <year>" that date a founding or a start, not the sentence.
const FOUNDING: &[&str] = &[
    "created",
    "founded",
    "started",
    "established",
    "born",
    "incorporated",
    "launched",
    "begun",
    "began",
    "since",
];
const PAST_CUES: &[&str] = &[
    "when we wrote this",
    "when we started",
    "when we launched",
    "when we began",
    "at the time",
    "at launch",
    "at the time of writing",
    "back then",
    "in our first year",
    "when we announced",
    "when we released",
    "when we raised",
    "years ago",
    "months ago",
    "a year ago",
    // The old value declared past: "Node.js 22 is no longer supported", "reached end-of-life".
    "no longer",
    "end-of-life",
    "end of life",
];

/// When the number was right, if the sentence or the asset dates it before the claim's
/// current value: "in 2022", "on 2023-05-02 (the asset's date)".
fn historical(
    cx: &SegmentCx,
    sentence: &str,
    q: &crate::numbers::Quantity,
    c: &super::claims::CompiledClaim,
    claim: &crate::platform::Claim,
) -> Option<String> {
    // A year in the sentence, before this year (and before the claim's `as_of`).
    let as_of_year = claim
        .as_of
        .as_deref()
        .and_then(|d| d.get(..4))
        .and_then(|y| y.parse::<u32>().ok());
    if let Some(y) = stated_year(sentence, as_of_year) {
        return Some(format!("in {y}"));
    }
    if let Some(cue) = PAST_CUES
        .iter()
        .find(|p| !super::claims::find_words(sentence, p).is_empty())
    {
        return Some(match *cue {
            "no longer" | "end-of-life" | "end of life" => {
                format!("before, as the sentence says (\"{cue}\")")
            }
            _ => "when it was written".into(),
        });
    }
    // A timeline entry dates itself ("January 2020 - 10 Strapiers"); else its section or
    // its asset.
    let opening = opening_date(sentence);
    let date = match &opening {
        Some(d) => d.as_str(),
        None => cx.when()?,
    };
    let v = q.hi.unwrap_or(q.value);
    // The superseded value stated, and until when it was right (if the platform says).
    let superseded = c
        .superseded
        .iter()
        .position(|s| (v - s).abs() <= super::claims::precision_step(*s) / 2.0 + 1e-9)
        .map(|i| claim.superseded_until.get(i).and_then(Option::as_deref));
    let right_then = match superseded {
        Some(Some(until)) => date <= until,
        // No `until`: right then unless the current value was already approved (the
        // claim's `as_of`) by the asset's date; a PDF exported this week stating last
        // year's number is stale, not history.
        // A file's last save proves less than a publication date: with no date in the
        // platform to compare it with, it is not taken for history.
        Some(None) => match claim.as_of.as_deref() {
            Some(a) => date < a,
            None => opening.is_some() || cx.section_date.is_some() || !cx.date.saved(),
        },
        None => claim.as_of.as_deref().is_some_and(|a| date < a),
    };
    right_then.then(|| format!("on {date}"))
}

/// The date a timeline entry opens with, before a separator: "January 2020 - 10
/// Strapiers", "2021: 40 employees", "mar 2022 | 3,000 customers" (`YYYY-MM-DD`; a bare year
/// is its first day). Only date words before the separator, and a year before this one.
fn opening_date(sentence: &str) -> Option<String> {
    let s =
        sentence.trim_start_matches(|c: char| matches!(c, '-' | '*' | '•') || c.is_whitespace());
    let cut = [" - ", ": ", " | ", " · "]
        .iter()
        .filter_map(|sep| s.find(sep))
        .min()?;
    let head = s[..cut].trim();
    if head.is_empty() || head.len() > 24 {
        return None;
    }
    let date_word = |w: &str| {
        w.bytes()
            .all(|b| b.is_ascii_digit() || b == b'-' || b == b'/')
            || crate::document::MONTHS
                .iter()
                .any(|m| w.eq_ignore_ascii_case(m) || w.eq_ignore_ascii_case(&m[..3]))
    };
    if !head
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .all(date_word)
    {
        return None;
    }
    let date = crate::document::date_in(head).or_else(|| {
        let y = head.parse::<u32>().ok()?;
        (1990..*THIS_YEAR)
            .contains(&y)
            .then(|| format!("{y}-01-01"))
    })?;
    (date.get(..4)?.parse::<u32>().ok()? < *THIS_YEAR).then_some(date)
}

/// The year a sentence dates itself to ("In 2021, we…", "back in 2019", "as of 2020"), when
/// it is before this year and before `before`; a founding year ("founded in 2019") does not
/// date the sentence.
pub(super) fn stated_year(sentence: &str, before: Option<u32>) -> Option<u32> {
    let this_year = *THIS_YEAR;
    let bytes = sentence.as_bytes();
    for (i, _) in sentence.match_indices(|c: char| c.is_ascii_digit()) {
        let Some(y) = sentence.get(i..i + 4).and_then(|y| y.parse::<u32>().ok()) else {
            continue;
        };
        let bounded = (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
            && bytes.get(i + 4).is_none_or(|b| !b.is_ascii_alphanumeric());
        if !bounded || !(1990..this_year).contains(&y) || before.is_some_and(|a| y >= a) {
            continue;
        }
        let lead = sentence[..i].trim_end();
        // A month between the cue and the year: "in April 2023", "by March 2022".
        let lead = match lead.rsplit_once(' ') {
            Some((head, month))
                if crate::document::MONTHS
                    .iter()
                    .any(|m| month == *m || month == &m[..3]) =>
            {
                head.trim_end()
            }
            _ => lead,
        };
        if YEAR_CUES.iter().any(|cue| {
            lead.strip_suffix(cue).is_some_and(|b| {
                let founding = b
                    .split_whitespace()
                    .next_back()
                    .is_some_and(|w| FOUNDING.contains(&w));
                (b.is_empty() || b.ends_with([' ', ',', '('])) && !founding
            })
        }) {
            return Some(y);
        }
    }
    None
}

/// The current year, read from the clock once per run.
static THIS_YEAR: std::sync::LazyLock<u32> = std::sync::LazyLock::new(current_year);

fn current_year() -> u32 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    // Days since 1970 → civil year (Howard Hinnant's algorithm, year part only).
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2)) as u32
}
