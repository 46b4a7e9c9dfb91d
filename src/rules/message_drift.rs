//! `message-drift`: a sentence that is recognisably an approved statement (tagline,
//! one-liner, value prop, differentiator, or their variants) but says a different number or
//! qualifier:
//! "resolves half of all tickets" for "Resolve 35% of tickets automatically", "live in six
//! weeks" for "Live in two weeks". Recognised by shared content stems (deterministic, an
//! index of stems per statement); the finding shows the approved wording and a word diff.
//!
//! Silent on the approved wording and its variants, on paraphrases that keep the number,
//! and when `claim-mismatch` already reported the number.

use super::claims::{clause, stems};
use super::{Finding, SegmentCx};
use foldhash::{HashSet, HashSetExt};

/// Segments naming a statement's proper noun, or sharing stems with an exact wording.
pub fn wants(
    _: &crate::platform::Platform,
    c: &super::claims::Compiled,
    f: &crate::normalize::Folded,
) -> bool {
    c.key_terms.as_ref().is_some_and(|ac| ac.is_match(&f.lower))
        || c.exact.wants(&f.lower)
        || c.promise_leads
            .as_ref()
            .is_some_and(|ac| ac.is_match(&f.lower))
}

pub fn check(cx: &SegmentCx, out: &mut Vec<Finding>) {
    dropped_names(cx, out);
    reworded_exact(cx, out);
    swapped_promise(cx, out);
    if cx.compiled.statements.is_empty() {
        return;
    }
    let text = cx.folded.lower.as_str();
    let mut seen = HashSet::new();
    for q in cx.quantities {
        if out
            .iter()
            .any(|f| f.rule == "claim-mismatch" && f.start <= q.start && q.end <= f.end)
        {
            continue;
        }
        let span = clause(text, q.start, q.end);
        if !seen.insert(span.start) {
            continue;
        }
        let sentence = &text[span.clone()];
        if cx.compiled.approved_sentence(sentence) {
            continue;
        }
        let keys = cx.compiled.indexed_stems(sentence);
        let in_sentence: Vec<_> = cx
            .quantities
            .iter()
            .filter(|o| o.start >= span.start && o.end <= span.end)
            .collect();
        // Shared stems per statement, through the inverted index.
        let mut shared: std::collections::BTreeMap<usize, usize> = Default::default();
        for w in &keys {
            for &i in cx.compiled.stem_index.get(*w).into_iter().flatten() {
                *shared.entry(i).or_default() += 1;
            }
        }
        for (&i, &n) in &shared {
            let st = &cx.compiled.statements[i];
            if n < 2 || n * 10 < st.stems.len() * 7 {
                continue;
            }
            if st.approved.iter().any(|a| sentence.contains(a.as_str())) {
                break;
            }
            let keeps_number = st.quantities.iter().all(|a| {
                in_sentence.iter().any(|s| {
                    s.unit == a.unit
                        && (s.value - a.value).abs() < 1e-6 * a.value.abs().max(1.0)
                        && s.hi == a.hi
                        && s.qual == a.qual
                })
            });
            if keeps_number {
                break;
            }
            out.push(finding(cx, span.clone(), st, format!(
                    "this reads as the approved message \"{}\" with a different number or qualifier",
                    st.text
                )));
            break;
        }
    }
}

/// Whether `sentence` shares only the wording's frame: the company's name and a
/// word or two ("Acme is open source analytics." against "Acme is fast, private
/// analytics."; "Kibana is a very capable analytics tool"). A restatement keeps most of the
/// wording's own words: at least two, and most of them, names left out.
fn frame_only(cx: &SegmentCx, sentence: &str, wording: &HashSet<String>) -> bool {
    let p = cx.platform;
    let mut names: HashSet<String> = HashSet::new();
    // The company's names only: a product name often carries the category noun
    // ("Plausible Analytics"), which is the wording's own word.
    for n in std::iter::once(&p.company.name).chain(&p.company.variants) {
        names.extend(super::claims::stems(&crate::normalize::fold(n).text));
    }
    let own: Vec<&String> = wording.iter().filter(|w| !names.contains(*w)).collect();
    if own.is_empty() {
        return false;
    }
    let here: HashSet<String> = super::claims::stems(sentence).into_iter().collect();
    let shared = own.iter().filter(|w| here.contains(**w)).count();
    shared < 2 || shared * 2 <= own.len()
}

/// A sentence that restates an exact wording (tagline, one-liner, descriptions, `exact:
/// true`) in other words: "Answer every customer within minutes" for "Every customer
/// answered, in minutes." Near: it covers 75% of the wording's content stems, and the
/// shared stems are 60% of both sets together (a longer sentence that merely uses the same
/// words is not a restatement).
fn reworded_exact(cx: &SegmentCx, out: &mut Vec<Finding>) {
    if cx.compiled.exact.is_empty() {
        return;
    }
    let text = cx.folded.lower.as_str();
    // A sentence shares no more stems with a wording than its paragraph does: one pass over
    // the paragraph spares the per-sentence passes when nothing can be near.
    if !cx.compiled.exact.wants(text) {
        return;
    }
    // A wording of two sentences ("Every Metric, Every Second. No BS.") is compared with two
    // sentences in a row as well: each of its sentences alone is approved text.
    let sentences = super::claims::sentences(text);
    let pairs: Vec<std::ops::Range<usize>> = if cx
        .compiled
        .exact
        .items
        .iter()
        .any(|it| it.several_sentences)
    {
        sentences.windows(2).map(|w| w[0].start..w[1].end).collect()
    } else {
        Vec::new()
    };
    let singles = sentences.len();
    for (n, span) in sentences.into_iter().chain(pairs).enumerate() {
        let sentence = &text[span.clone()];
        if out
            .iter()
            .any(|f| f.start < span.end && span.start < f.end && f.rule == "message-drift")
        {
            continue;
        }
        // One cheap pass per sentence before any stemming.
        if !cx.compiled.exact.wants(sentence) {
            continue;
        }
        let Some(i) = cx.compiled.exact.near_or_ordered(sentence, 0.75, 0.6, 0.6) else {
            continue;
        };
        let st = &cx.compiled.exact.items[i];
        if n >= singles && !st.several_sentences {
            continue;
        }
        // Someone else's words: a review's title or a quote that makes up most of the
        // sentence (`PCMag, "The Best Open-Source Note-Taking App"`).
        if mostly_quoted(sentence) {
            continue;
        }
        // The wording itself (any punctuation or case), or an approved sentence.
        if super::claims::states_verbatim(sentence, &st.folded)
            || super::claims::states_as_appositive(sentence, &st.folded)
            || super::claims::states_its_predicate(sentence, &st.folded)
            || cx.compiled.approved_sentence(sentence)
            || (!cx.lead && frame_only(cx, sentence, &st.stems))
        {
            continue;
        }
        let what = match st.platform_ref.as_str() {
            "tagline" => "the tagline".to_owned(),
            "one_liner" => "the one-liner".to_owned(),
            r if r.starts_with("descriptions.") => {
                format!("the {} description", &r["descriptions.".len()..])
            }
            _ => "an exact wording".to_owned(),
        };
        let lead = sentence.len() - sentence.trim_start().len();
        let found = cx.original(span.start, span.end).trim().to_owned();
        out.push(Finding {
            rule: "message-drift",
            start: span.start + lead,
            end: span.start + sentence.trim_end().len(),
            message: format!(
                "this restates {what} \"{}\" in other words: it must appear verbatim",
                st.text
            ),
            suggestion: Some(st.text.clone()),
            help: Some(format!(
                "approved: \"{}\"; {}",
                st.text,
                word_diff(&st.text, &found)
            )),
            platform_ref: Some(st.platform_ref.clone()),
            severity: None,
            confidence: None,
        });
    }
}

/// Whether quotations (between double quotes) hold most of the sentence's words.
fn mostly_quoted(sentence: &str) -> bool {
    let all = sentence.split_whitespace().count();
    if all == 0 || !sentence.contains('"') {
        return false;
    }
    let quoted: usize = sentence
        .split('"')
        .skip(1)
        .step_by(2)
        .map(|q| q.split_whitespace().count())
        .sum();
    // An unclosed quote says nothing of where the quotation ends.
    sentence.matches('"').count().is_multiple_of(2) && quoted * 3 >= all * 2
}

/// Words removed from and added to the approved wording, as `-old +new`.
pub fn word_diff(approved: &str, found: &str) -> String {
    let norm = |s: &str| -> Vec<String> {
        s.split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric() && c != '%' && c != '+')
                    .to_lowercase()
            })
            .filter(|w| !w.is_empty())
            .collect()
    };
    let (a, b) = (norm(approved), norm(found));
    let removed: Vec<String> = a
        .iter()
        .filter(|w| !b.contains(w))
        .map(|w| format!("-{w}"))
        .collect();
    let added: Vec<String> = b
        .iter()
        .filter(|w| !a.contains(w))
        .map(|w| format!("+{w}"))
        .collect();
    format!(
        "changed: {}",
        removed
            .into_iter()
            .chain(added)
            .collect::<Vec<_>>()
            .join(" ")
    )
}

/// A restated statement that drops one of its named promises: "built natively into Shopify"
/// for "... into Shopify and BigCommerce". Only sentences naming one of the statement's
/// proper nouns are considered, and the sentence must share ≥ 70% of its content stems.
fn dropped_names(cx: &SegmentCx, out: &mut Vec<Finding>) {
    let Some(ac) = &cx.compiled.key_terms else {
        return;
    };
    let text = cx.folded.lower.as_str();
    let mut done = HashSet::new();
    for m in ac.find_iter(text) {
        let si = cx.compiled.key_term_statement[m.pattern().as_usize()];
        let span = clause(text, m.start(), m.end());
        if !done.insert((span.start, si)) {
            continue;
        }
        let st = &cx.compiled.statements[si];
        let sentence = &text[span.clone()];
        // The approved wording, or one of its sentences word for word ("There is no runtime
        // that ships with your app…" of "Acme is not a BaaS. There is no runtime…").
        let bare = |t: &str| t.trim().trim_end_matches(['.', '!', '?']).trim().to_owned();
        let whole = bare(sentence);
        if st.approved.iter().any(|a| {
            sentence.contains(a.as_str())
                || (whole.split_whitespace().count() >= 6
                    && a.split_inclusive(['.', '!', '?'])
                        .any(|part| bare(part) == whole))
        }) {
            continue;
        }
        let sent: HashSet<String> = stems(sentence).into_iter().collect();
        let shared = st.stems.iter().filter(|w| sent.contains(*w)).count();
        if shared < 3 || shared * 10 < st.stems.len() * 7 {
            continue;
        }
        let missing: Vec<&str> = cx
            .compiled
            .key_term_text
            .iter()
            .zip(&cx.compiled.key_term_statement)
            .filter(|(t, i)| **i == si && super::claims::find_words(sentence, t).is_empty())
            .map(|(t, _)| t.as_str())
            .collect();
        // A statement written as "Label: body" ("Full Control: Self-host with our fair-code
        // license…"): a sentence that restates the body without its label leaves out a
        // heading, not a promise.
        let label = st
            .text
            .split_once(": ")
            .map(|(l, _)| crate::normalize::fold(l).text)
            .filter(|l| (1..=5).contains(&l.split_whitespace().count()));
        let missing: Vec<&str> = missing
            .into_iter()
            .filter(|m| {
                label
                    .as_deref()
                    .is_none_or(|l| super::claims::find_words(l, m).is_empty())
            })
            .collect();
        if missing.is_empty() {
            continue;
        }
        out.push(finding(
            cx,
            span.clone(),
            st,
            format!(
                "this reads as the approved message \"{}\" but leaves out {}",
                st.text,
                missing
                    .iter()
                    .map(|m| format!("\"{m}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
}

/// A statement's wording around its promise with the promise changed: "Onboard developers
/// in minutes instead of days" for "… in seconds instead of days", "a zero learning curve"
/// for "a minimal learning curve", "any online business" for "nearly any online business".
/// The words before and after the promise are the statement's (three each at most, four in
/// all); between them one to four words, at least one of them a word of amount or time.
fn swapped_promise(cx: &SegmentCx, out: &mut Vec<Finding>) {
    let Some(ac) = &cx.compiled.promise_leads else {
        return;
    };
    let text = cx.folded.lower.as_str();
    let mut done = HashSet::new();
    for m in ac.find_overlapping_iter(text) {
        let p = &cx.compiled.promises[m.pattern().as_usize()];
        if text[..m.start()].ends_with(|c: char| c.is_alphanumeric())
            || !text[m.end()..].starts_with(' ')
        {
            continue;
        }
        let words: Vec<&str> = text[m.end()..]
            .split_whitespace()
            .take(p.after.len() + 4)
            .collect();
        let clean = |w: &str| {
            w.trim_matches(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
                .to_owned()
        };
        let Some(k) = (1..=4).find(|&k| {
            words.len() >= k + p.after.len()
                && words[k..k + p.after.len()]
                    .iter()
                    .zip(&p.after)
                    .all(|(w, a)| clean(w) == *a)
                // No clause break inside the promise.
                && !words[..k].iter().any(|w| w.ends_with([',', '.', ';', ':']))
        }) else {
            continue;
        };
        let between: Vec<String> = words[..k].iter().map(|w| clean(w)).collect();
        if between == p.promise
            || !between
                .iter()
                .any(|w| super::claims::promise_word(w) || w.bytes().any(|b| b.is_ascii_digit()))
        {
            continue;
        }
        let span = clause(text, m.start(), m.end());
        let st = &cx.compiled.statements[p.statement];
        if !done.insert(span.start)
            || cx.compiled.approved_sentence(&text[span.clone()])
            || out.iter().any(|f| f.start <= m.start() && m.end() <= f.end)
        {
            continue;
        }
        out.push(finding(
            cx,
            span,
            st,
            format!(
                "this reads as the approved message \"{}\" with \"{}\" for \"{}\"",
                st.text,
                between.join(" "),
                p.promise.join(" ")
            ),
        ));
    }
}

/// The finding over a drifted sentence (`span` in folded text), with the approved wording
/// as suggestion and a word diff in the help.
fn finding(
    cx: &SegmentCx,
    span: std::ops::Range<usize>,
    st: &super::claims::CompiledStatement,
    message: String,
) -> Finding {
    let sentence = &cx.folded.lower[span.clone()];
    let found = cx.original(span.start, span.end).trim().to_owned();
    let lead = sentence.len() - sentence.trim_start().len();
    Finding {
        rule: "message-drift",
        start: span.start + lead,
        end: span.start + sentence.trim_end().len(),
        message,
        suggestion: Some(st.text.clone()),
        help: Some(format!(
            "approved: \"{}\"; {}",
            st.text,
            word_diff(&st.text, &found)
        )),
        platform_ref: Some(st.platform_ref.clone()),
        severity: None,
        confidence: None,
    }
}
