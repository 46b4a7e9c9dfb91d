//! `cross-asset-conflict`: the same statement with different numbers in different files of
//! one run ("agents save 3 hours a day" here, "4 hours a day" there), whether or not the
//! platform knows it. Facts (a number, its unit, its sentence's content stems) are collected
//! per file in the parallel pass; they are compared here, after it, and each side is
//! reported with the other locations.

use super::claims::{clause, stem, stems};
use super::{Fact, Finding, RawFact, SegmentCx};
use crate::diagnostic::{Diagnostic, Related, fnv64};
use crate::document::Scope;
use crate::numbers::{Qual, Quantity, Unit};
use std::collections::BTreeMap;

/// The statement key of a number: its unit and the sorted content stems of its sentence,
/// when the sentence is a short statement (3 to 12 content words).
pub fn fact_key(folded: &str, q: &Quantity, all: &[Quantity]) -> Option<String> {
    // Claims, not counters: a unit, a qualifier or a large number ("35%", "3 hours",
    // "1,200+", "3x"), alone in its sentence.
    if q.unit == Unit::Plain && q.qual == Qual::Exact && q.value < 100.0 {
        return None;
    }
    let span = clause(folded, q.start, q.end);
    if all
        .iter()
        .any(|o| o != q && o.start >= span.start && o.end <= span.end)
    {
        return None;
    }
    // Three to twelve distinct content stems, none with a digit (stopping as soon as that
    // fails).
    let mut s: Vec<String> = Vec::new();
    for w in super::claims::content_words(&folded[span]) {
        if w.bytes().any(|b| b.is_ascii_digit()) {
            return None;
        }
        let st = stem(w);
        if !s.contains(&st) {
            if s.len() == 12 {
                return None;
            }
            s.push(st);
        }
    }
    if s.len() < 3 {
        return None;
    }
    s.sort();
    Some(format!("{:?}|{}", q.unit, s.join(" ")))
}

/// The facts of one segment: each number of a short statement the platform does not
/// already judge (a known claim's numbers are `claim-mismatch`'s, a restated approved
/// message is `message-drift`'s).
pub fn facts(cx: &SegmentCx, out: &mut Vec<RawFact>) {
    if cx.segment.scope == Scope::TableRow {
        return;
    }
    let text = cx.folded.lower.as_str();
    for q in cx.quantities {
        if super::off_icp::is_size(text, q) {
            continue;
        }
        let keys: Vec<String> = fact_key(text, q, cx.quantities)
            .into_iter()
            .chain(rate_key(text, q))
            .collect();
        if keys.is_empty() {
            continue;
        }
        let sentence = clause(text, q.start, q.end);
        // A worked example is no statement of fact: "If your data shows 28,400 visitors per
        // month…", "for example, 1,024 dimensions".
        if hypothetical(&text[sentence.start..q.start]) {
            continue;
        }
        let known = cx.subjects.iter().any(|&(ci, s0, s1)| {
            cx.compiled.claims[ci].unit == q.unit && s0 >= sentence.start && s1 <= sentence.end
        });
        if known || cx.compiled.restated(&text[sentence]).is_some() {
            continue;
        }
        for key in keys {
            push_fact(cx, q, key, out);
        }
    }
}

/// A number with its rate or per-unit figure: "5 hours a week", "4 minutes per ticket",
/// "1 million events every month", "$25 per seat", "40% faster". The key is the unit, the
/// counted noun and the period; two facts with the same key conflict only when their
/// sentences also share another content word (see `conflicts`).
pub fn rate_key(text: &str, q: &Quantity) -> Option<String> {
    let span = clause(text, q.start, q.end);
    let after = &text[q.end..span.end.max(q.end)];
    let words: Vec<&str> = after
        .split(|c: char| !(c.is_alphanumeric() || c == '/'))
        .filter(|w| !w.is_empty())
        .take(6)
        .collect();
    if q.unit == Unit::Percent || q.unit == Unit::Multiplier {
        let w = words.first()?;
        return COMPARATIVES
            .contains(w)
            .then(|| format!("rate|{:?}|{w}", q.unit));
    }
    let mut i = 0;
    let mut counted = Vec::new();
    while i < words.len() && i < 3 {
        let w = words[i];
        if matches!(w, "per" | "a" | "an" | "every" | "each") {
            let period = words.get(i + 1)?;
            let period = period.trim_end_matches('s');
            if PERIODS.contains(&period) {
                return Some(format!(
                    "rate|{:?}|{}|{period}",
                    q.unit,
                    counted
                        .iter()
                        .map(|c: &&str| stem(c))
                        .collect::<Vec<_>>()
                        .join(" ")
                ));
            }
            return None;
        }
        if let Some(p) = w.strip_prefix('/')
            && PERIODS.contains(&p)
        {
            return Some(format!("rate|{:?}|{}|{p}", q.unit, counted.join(" ")));
        }
        counted.push(w);
        i += 1;
    }
    None
}

/// Periods and units a figure is given per.
const PERIODS: &[&str] = &[
    "second",
    "minute",
    "hour",
    "day",
    "week",
    "month",
    "year",
    "quarter",
    "mo",
    "yr",
    "wk",
    "ticket",
    "seat",
    "user",
    "agent",
    "developer",
    "dev",
    "customer",
    "order",
    "call",
    "conversation",
    "request",
    "event",
    "employee",
    "member",
    "license",
    "licence",
    "host",
    "project",
    "repo",
    "repository",
    "team",
    "site",
    "store",
    "location",
    "account",
];

/// Words that make a percentage or multiplier a relative figure: "40% faster".
const COMPARATIVES: &[&str] = &[
    "faster",
    "fewer",
    "less",
    "more",
    "lower",
    "higher",
    "cheaper",
    "quicker",
    "shorter",
    "smaller",
    "bigger",
    "larger",
    "better",
    "reduction",
    "increase",
    "decrease",
    "improvement",
    "savings",
    "off",
];

/// Whether the words before a number in its sentence set up an example or a condition: the
/// sentence opens with "if", "suppose", "imagine", "say", or "for example", "e.g.", "for
/// instance" comes before the number.
fn hypothetical(lead: &str) -> bool {
    let first = lead
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    matches!(first, "if" | "suppose" | "imagine" | "say")
        || ["for example", "e.g.", "for instance", "let's say"]
            .iter()
            .any(|p| lead.contains(p))
}

/// One fact of `q` under `key` (the platform does not judge the number: see `facts`).
fn push_fact(cx: &SegmentCx, q: &Quantity, key: String, out: &mut Vec<RawFact>) {
    let text = cx.folded.lower.as_str();
    {
        let sentence = clause(text, q.start, q.end);
        out.push(RawFact {
            key,
            value: q.value,
            stated: cx.cased(q.start, q.end).to_owned(),
            sentence: cx.cased(sentence.start, sentence.end).trim().to_owned(),
            finding: Finding {
                rule: "cross-asset-conflict",
                start: q.start,
                end: q.end,
                message: String::new(),
                suggestion: None,
                help: None,
                platform_ref: None,
                severity: None,
                confidence: None,
            },
        });
    }
}

/// Each fact's `diagnostic.fingerprint` is its own finding's fingerprint (see
/// `Engine::check_with_facts`); a conflict's fingerprint is built on it and on the files it
/// conflicts with. Repeats are told apart by the caller (`diagnostic::make_unique`).
/// Other places listed under one conflict (`related`); the message counts them all.
const RELATED_LISTED: usize = 50;

pub fn conflicts(facts: Vec<Fact>) -> Vec<Diagnostic> {
    let mut groups: BTreeMap<String, Vec<Fact>> = BTreeMap::new();
    for f in facts {
        groups.entry(f.key.clone()).or_default().push(f);
    }
    let mut out = Vec::new();
    for (key, group) in groups {
        let files: std::collections::BTreeSet<&str> =
            group.iter().map(|f| f.diagnostic.path.as_str()).collect();
        let distinct = group
            .iter()
            .any(|f| (f.value - group[0].value).abs() > 1e-9 * f.value.abs().max(1.0));
        if files.len() < 2 || !distinct {
            continue;
        }
        // A rate key names only the figure: the statements must share another content word
        // ("free up to 1 million events every month" / "first 2 million events every month:
        // free"), else they are different offers with the same unit.
        let rate = key.starts_with("rate|");
        let key_words: std::collections::HashSet<String> = key
            .split(['|', ' '])
            .map(stem)
            .chain(
                [
                    "million", "thousand", "billion", "hour", "hr", "minute", "min", "second",
                    "sec", "day", "week", "month", "year", "percent",
                ]
                .map(String::from),
            )
            .collect();
        let context = |f: &Fact| -> std::collections::HashSet<String> {
            stems(&crate::normalize::fold(&f.sentence).text)
                .into_iter()
                .filter(|w| !key_words.contains(w) && !w.chars().any(|c| c.is_ascii_digit()))
                .collect()
        };
        // A file that states several values for the same words is a list or a schedule
        // ("weeks 1-4: 100% of pay", HTTP 400/401/403), not one fact.
        let mut per_file: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
        for f in &group {
            let v = per_file.entry(f.diagnostic.path.as_str()).or_default();
            if !v
                .iter()
                .any(|x| (x - f.value).abs() <= 1e-9 * f.value.abs().max(1.0))
            {
                v.push(f.value);
            }
        }
        if per_file.values().any(|v| v.len() > 1) {
            continue;
        }
        // Facts with the same file, value and sentence (exact repeats) share their context
        // and their other side: everything below is computed once per such set, so the
        // work is linear in repeats (a file repeating one fact 200,000 times).
        let same = |a: f64, b: f64| (a - b).abs() <= 1e-9 * b.abs().max(1.0);
        let mut reps: Vec<(usize, Vec<usize>)> = Vec::new();
        let mut rep_of: std::collections::HashMap<(&str, &str, u64), usize> = Default::default();
        for (i, f) in group.iter().enumerate() {
            let k = (
                f.diagnostic.path.as_str(),
                f.sentence.as_str(),
                f.value.to_bits(),
            );
            match rep_of.get(&k) {
                Some(&r) => reps[r].1.push(i),
                None => {
                    rep_of.insert(k, reps.len());
                    reps.push((i, vec![i]));
                }
            }
        }
        let contexts: Vec<std::collections::HashSet<String>> = if rate {
            reps.iter().map(|(i, _)| context(&group[*i])).collect()
        } else {
            Vec::new()
        };
        // A comparative ("40% faster") or a bare duration per period ("8 hours a day") says
        // little by itself: two more words in common ("saves each agent").
        let need = if key.matches('|').count() == 2 || key.contains("||") {
            2
        } else {
            1
        };
        for (r, (first_i, members)) in reps.iter().enumerate() {
            let f0 = &group[*first_i];
            // The other side, in group order.
            let mut others: Vec<usize> = reps
                .iter()
                .enumerate()
                .filter(|(o, (oi, _))| {
                    let o_f = &group[*oi];
                    o_f.diagnostic.path != f0.diagnostic.path
                        && !same(o_f.value, f0.value)
                        && (!rate || contexts[*o].intersection(&contexts[r]).count() >= need)
                })
                .flat_map(|(_, (_, m))| m.iter().copied())
                .collect();
            if others.is_empty() {
                continue;
            }
            others.sort_unstable();
            let first = &group[others[0]];
            // The related files are part of the identity: the same sentence conflicting
            // with another file is another finding. Their lines are not (edits elsewhere).
            let mut related_ids: Vec<&str> = others
                .iter()
                .map(|&o| group[o].diagnostic.fingerprint.as_str())
                .collect();
            related_ids.sort();
            related_ids.dedup();
            let related_ids = related_ids.join("\n");
            // Listed: the first RELATED_LISTED other places (the message counts them all).
            let related: Vec<Related> = others
                .iter()
                .take(RELATED_LISTED)
                .map(|&o| {
                    let o = &group[o].diagnostic;
                    Related {
                        path: o.path.clone(),
                        line: o.location.line,
                        column: o.location.column,
                    }
                })
                .collect();
            for &i in members {
                let f = &group[i];
                let mut d = f.diagnostic.clone();
                // As sure as its own side and the surest other side.
                d.confidence = others
                    .iter()
                    .map(|&o| group[o].diagnostic.confidence)
                    .max()
                    .map_or(d.confidence, |c| c.min(d.confidence));
                d.message = format!(
                    "\"{}\" here, but {}:{} says \"{}\" in the same statement",
                    f.stated, first.diagnostic.path, first.diagnostic.location.line, first.stated
                );
                if others.len() > 1 {
                    d.message
                        .push_str(&format!(" (and {} more)", others.len() - 1));
                }
                d.help = Some(format!(
                    "make the assets agree: \"{}\" vs \"{}\"",
                    f.sentence, first.sentence
                ));
                d.related = related.clone();
                d.fingerprint = fnv64(&[
                    "v2",
                    "cross-asset-conflict",
                    &f.diagnostic.fingerprint,
                    &key,
                    &f.stated,
                    &related_ids,
                ]);
                out.push(d);
            }
        }
    }
    // A number found by its statement and by its rate is reported once.
    let mut seen = std::collections::HashSet::new();
    out.retain(|d| seen.insert((d.path.clone(), d.location.line, d.location.column)));
    out
}
