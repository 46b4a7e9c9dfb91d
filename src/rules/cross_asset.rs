//! `cross-asset-conflict`: the same statement with different numbers in different files of
//! one run ("agents save 3 hours a day" here, "4 hours a day" there), whether or not the
//! platform knows it. Facts (a number, its unit, its sentence's content stems) are collected
//! per file in the parallel pass; they are compared here, after it, and each side is
//! reported with the other locations.

use super::claims::{clause, stems};
use crate::check::Fact;
use crate::diagnostic::{Diagnostic, Related, fnv64};
use crate::numbers::Quantity;
use std::collections::BTreeMap;

/// The statement key of a number: its unit and the sorted content stems of its sentence,
/// when the sentence is a short statement (3 to 12 content words).
pub fn fact_key(folded: &str, q: &Quantity) -> Option<String> {
    let span = clause(folded, q.start, q.end);
    let mut s = stems(&folded[span]);
    s.sort();
    s.dedup();
    if !(3..=12).contains(&s.len()) {
        return None;
    }
    Some(format!("{:?}|{}", q.unit, s.join(" ")))
}

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
        for f in &group {
            let others: Vec<&Fact> = group
                .iter()
                .filter(|o| {
                    o.diagnostic.path != f.diagnostic.path
                        && (o.value - f.value).abs() > 1e-9 * f.value.abs().max(1.0)
                })
                .collect();
            if others.is_empty() {
                continue;
            }
            let mut d = f.diagnostic.clone();
            let first = others[0];
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
            d.related = others
                .iter()
                .map(|o| Related {
                    path: o.diagnostic.path.clone(),
                    line: o.diagnostic.location.line,
                    column: o.diagnostic.location.column,
                })
                .collect();
            d.fingerprint = fnv64(&["cross-asset-conflict", &d.path, &key, &f.stated]);
            out.push(d);
        }
    }
    out
}
