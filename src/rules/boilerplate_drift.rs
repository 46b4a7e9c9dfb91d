//! `boilerplate-drift`: a paragraph that nearly matches an approved boilerplate (most of its
//! content words, stemmed) but differs: last year's numbers, a dropped product, a reworded
//! promise. The help shows a word diff against the approved text.
//!
//! Silent on the approved boilerplate itself (any typography, line breaks), and on
//! paragraphs that share only some of its words.

use super::claims::stems;
use super::message_drift::word_diff;
use super::{Finding, SegmentCx};
use foldhash::HashSet;

pub fn check(cx: &SegmentCx, out: &mut Vec<Finding>) {
    let text = cx.folded.lower.as_str();
    // A paragraph far shorter or longer than every boilerplate is not one (checked first:
    // it costs nothing when the platform has no boilerplate).
    if !cx
        .compiled
        .boilerplate
        .iter()
        .any(|(b, _)| text.len() * 2 >= b.len() && text.len() <= b.len() * 2)
    {
        return;
    }
    // Folded text keeps one ' ' between words and none at the ends: words are spaces + 1.
    if text.bytes().filter(|&b| b == b' ').count() + 1 < 12 {
        return;
    }
    // Most of the content words must be boilerplate words at all (one pass, nothing
    // allocated; function words say nothing, every paragraph has them).
    let (mut total, mut known) = (0usize, 0usize);
    for w in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !super::claims::is_stop_word(w))
    {
        total += 1;
        known += usize::from(cx.compiled.boilerplate_words.contains(w));
    }
    if known * 2 < total {
        return;
    }
    let mine: HashSet<String> = stems(text).into_iter().collect();
    // Cheap filter: most of the words must be boilerplate words at all.
    let any = mine
        .iter()
        .filter(|w| cx.compiled.boilerplate_stems.contains(*w))
        .count();
    if any * 2 < mine.len() {
        return;
    }
    for (i, (b, (approved, theirs))) in cx
        .platform
        .boilerplate
        .iter()
        .zip(&cx.compiled.boilerplate)
        .enumerate()
    {
        if text.contains(approved.trim_end_matches('.')) {
            continue;
        }
        if theirs.is_empty() {
            continue;
        }
        let shared = theirs.intersection(&mine).count();
        let union = theirs.union(&mine).count();
        // Near: at least 60% of all content words in common and 75% of the approved ones.
        if shared * 10 < union * 6 || shared * 4 < theirs.len() * 3 {
            continue;
        }
        // A one-sentence boilerplate shares its names with every sentence about them ("n8n's
        // Sustainable Use License and n8n Enterprise License are based on the fair-code
        // model"): an edited copy of it keeps 70 % of its words in their order. A longer
        // one may be reordered sentence by sentence.
        let (kept, words) = in_order(approved, text);
        if words < 25 && kept * 10 < words * 7 {
            continue;
        }
        // The paragraph is another approved wording whole (the one-liner that opens the
        // About paragraph, shown alone in a hero): that wording, not a cut boilerplate.
        if other_wording(cx, text) {
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
            confidence: None,
        });
        break;
    }
}

/// How many of `a`'s words `b` has in the same order (the longest common subsequence of
/// words; both texts are short), and how many words `a` has.
/// Whether folded `text` is, whole, an approved wording other than a boilerplate: the
/// tagline, the one-liner, a description, a value prop or a differentiator.
fn other_wording(cx: &SegmentCx, text: &str) -> bool {
    let bare = |s: &str| s.trim().trim_end_matches(['.', '!']).to_owned();
    let text = bare(text);
    let p = cx.platform;
    p.tagline
        .iter()
        .chain(p.one_liner.iter())
        .chain(p.descriptions.iter().map(|(_, t)| t))
        .chain(
            p.value_props
                .iter()
                .chain(&p.differentiators)
                .flat_map(|m| std::iter::once(&m.statement).chain(m.variants.iter())),
        )
        .any(|w| bare(&crate::normalize::fold(w).text.to_lowercase()) == text)
}

fn in_order(a: &str, b: &str) -> (usize, usize) {
    let wa: Vec<&str> = a
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let wb: Vec<&str> = b
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if wb.len() > 200 || wa.len() >= 25 {
        return (wa.len(), wa.len());
    }
    let mut row = vec![0usize; wb.len() + 1];
    for x in &wa {
        let mut diag = 0;
        for (j, y) in wb.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y { diag + 1 } else { up.max(row[j]) };
            diag = up;
        }
    }
    (row[wb.len()], wa.len())
}

/// Paragraphs long enough to be boilerplate, when the platform has some.
pub fn wants(
    p: &crate::platform::Platform,
    _: &super::claims::Compiled,
    f: &crate::normalize::Folded,
) -> bool {
    !p.boilerplate.is_empty() && f.lower.len() > 60
}

#[cfg(test)]
mod tests {
    #[test]
    fn words_in_order() {
        let a = "n8n is fair-code distributed under the sustainable use license and n8n enterprise license.";
        let moved = "n8n's sustainable use license and n8n enterprise license are based on the fair-code model.";
        let edited = "n8n is fair-code licensed under the sustainable use license and n8n enterprise license.";
        assert_eq!(super::in_order(a, moved), (8, 14));
        assert_eq!(super::in_order(a, edited), (13, 14));
    }
}
