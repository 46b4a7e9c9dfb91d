//! `competitor-mention`: a competitor named in an asset whose type does not allow it
//! (`assets[].allow: [competitor-mention]` switches it off for battlecards and the like).
//! An all-lowercase form of a capitalised name ("linear" for Linear) is an ordinary word;
//! a competitor inside approved wording (a tagline naming what it replaces) is not reported.

use super::{Finding, SegmentCx};
use crate::platform::index::Entry;

pub fn check(cx: &SegmentCx, out: &mut Vec<Finding>) {
    for h in cx.hits {
        let Entry::Competitor(i) = h.entry else {
            continue;
        };
        let name = &cx.platform.competitors[i].name;
        let found = cx.cased(h.start, h.end);
        if !found.chars().any(char::is_uppercase) && name.chars().any(char::is_uppercase) {
            continue;
        }
        // A one-word name opening a sentence as a verb: "Make sure your instance…", "Make
        // the most of it" (capitalised by the sentence, not by the name).
        if imperative(&cx.folded.lower, h.start, h.end) {
            continue;
        }
        // Inside approved wording: a tagline that names the competitor it replaces ("…the
        // Google Analytics alternative") is the platform's own choice.
        if cx.index.in_approved_statement(cx.folded, h) || cx.index.approved_with_lead(cx.folded, h)
        {
            continue;
        }
        // Inside a restatement of an exact wording that names the competitor itself (the
        // tagline "…an open-source alternative to Intercom, Zendesk…" with a name left out):
        // message-drift reports the sentence; the names it kept are the platform's choice.
        let own = crate::normalize::fold(name).text.to_lowercase();
        if out.iter().any(|f| {
            f.rule == "message-drift"
                && f.start <= h.start
                && h.end <= f.end
                && f.suggestion.as_deref().is_some_and(|s| {
                    !super::claims::find_words(&crate::normalize::fold(s).text.to_lowercase(), &own)
                        .is_empty()
                })
        }) {
            continue;
        }
        let allowed: Vec<&str> = cx
            .platform
            .assets
            .iter()
            .filter(|a| a.allow.iter().any(|r| r == "competitor-mention"))
            .map(|a| a.kind.as_str())
            .collect();
        let original = cx.original(h.start, h.end);
        // Named in a comparison ("unlike Zapier", "vs Datadog", "moving from Make"), the
        // mention is certain; named in passing (a founder's bio, a list of networks) it is
        // a judgement: medium confidence.
        let compared = compares(&cx.folded.lower, h.start, h.end);
        // One of several names in a list ("Bluesky, Threads, Mastodon, WordPress, Ghost"):
        // networks or integrations it works with, rarely positioning: low confidence.
        // A reviewer's or a headline's words, quoted ("a privacy-friendly alternative to
        // OneDrive", "puts the likes of Dropbox … to shame"): the press compares, not us.
        let quoted = super::unsupported_superlative::quoted(&cx.folded.lower, h.start, h.end);
        let listed = quoted
            || !compared
                && (in_name_list(cx.folded.cased.as_str(), h.start, h.end)
                || career(&cx.folded.lower, h.start, h.end)
                || technology(&cx.folded.lower, h.start, h.end)
                // The user's own copy of it: "a Dropbox or a NAS you have at home", "your
                // Google Drive".
                || owned(&cx.folded.lower, h.start)
                || cx
                    .competitor_tech
                    .get(i)
                    .is_some_and(|c| *c.get_or_init(|| technical_in(cx.source, name))));
        out.push(Finding {
            rule: "competitor-mention",
            start: h.start,
            end: h.end,
            message: format!("competitor \"{original}\" named in an asset that does not allow it"),
            suggestion: None,
            help: Some(if allowed.is_empty() {
                "competitors belong in assets whose type allows `competitor-mention`".into()
            } else {
                format!("competitor mentions are allowed in: {}", allowed.join(", "))
            }),
            platform_ref: Some(format!("competitors[{i}]")),
            severity: None,
            confidence: if listed {
                Some(crate::diagnostic::Confidence::Low)
            } else {
                (!compared).then_some(crate::diagnostic::Confidence::Medium)
            },
        });
    }
}

/// Nouns after a name that make it a technology, a format or an integration rather than the
/// company competed with: "the Grafana data source plugin", "the Prometheus exposition
/// format", "a Datadog exporter".
const TECH_AFTER: &[&str] = &[
    "plugin",
    "plugins",
    "plug-in",
    "integration",
    "integrations",
    "exporter",
    "exporters",
    "exposition",
    "format",
    "endpoint",
    "endpoints",
    "data source",
    "datasource",
    "connector",
    "connectors",
    "adapter",
    "api",
    "apis",
    "sdk",
    "client",
    "protocol",
    "remote write",
    "compatible",
    "metrics format",
    "metrics",
    "scraper",
    "collector",
    "receiver",
    "app",
    "extension",
];

/// Words right before a name that make it something the company works with: "integrates
/// with Grafana", "exports to Prometheus", "a plugin for Shopify".
const TECH_BEFORE: &[&str] = &[
    "integrates with",
    "integrate with",
    "integration with",
    "integrations with",
    "integration for",
    "plugin for",
    "export to",
    "exports to",
    "exporting to",
    "exported to",
    "send to",
    "sends to",
    "compatible with",
    "connect to",
    "connects to",
    "syncs with",
    "sync with",
    "data to",
    "metrics to",
    "notifications to",
    "alerts to",
    "plugin in",
    "exported from",
    "imported from",
    "import from",
    "imports from",
    "importing from",
    "export from",
    "monitor",
    "monitors",
    "scrape",
    "scrapes",
];

/// Whether the name stands after "a", "an", "your" or "their": an account or a box someone
/// has ("a Dropbox or a NAS you have at home", "connect your Google Drive"), not the rival.
fn owned(lower: &str, start: usize) -> bool {
    super::neighbours(lower, start, start)
        .0
        .is_some_and(|w| matches!(w, "a" | "an" | "your" | "their"))
}

/// Whether a competitor is named as a technology the product works with, not as a
/// rival: a technical noun right after it, or integration wording right before it.
fn technology(lower: &str, start: usize, end: usize) -> bool {
    let after = lower
        .get(end..)
        .unwrap_or("")
        .trim_start_matches(['\'', ' ', '-']);
    let after = after.strip_prefix("s ").unwrap_or(after);
    let tech_after = TECH_AFTER.iter().any(|t| {
        after.starts_with(t)
            && after[t.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    });
    let before = lower.get(..start).unwrap_or("").trim_end();
    let tech_before = TECH_BEFORE.iter().any(|t| {
        before.ends_with(t)
            && before[..before.len() - t.len()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
    });
    tech_after || tech_before
}

/// Whether the document treats the competitor as a technology: its name written as a path
/// segment ("/collector/prometheus/", "integrations/grafana.md"), in code ("`prometheus`")
/// or as part of an identifier ("prometheus_exporter") somewhere in the source. Docs that
/// link to an integration's page or configure it name the tool the product works with, not
/// the rival (a competitor's own site, "https://grafana.com", is no such sign).
fn technical_in(source: &str, name: &str) -> bool {
    let key: String = name
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    if key.len() < 3 || !key.is_ascii() {
        return false;
    }
    let b = source.as_bytes();
    let finder = memchr::memmem::Finder::new(key.as_bytes());
    finder.find_iter(b).any(|at| {
        let before = at.checked_sub(1).map(|i| b[i]);
        let before2 = at.checked_sub(2).map(|i| b[i]);
        let after = b.get(at + key.len()).copied();
        let word_before = before.is_some_and(|c| c.is_ascii_alphanumeric());
        let word_after = after.is_some_and(|c| c.is_ascii_alphanumeric());
        if word_before || word_after {
            return false;
        }
        let rest = &b[at + key.len()..];
        let file = [
            ".md", ".mdx", ".html", ".yaml", ".yml", ".json", ".conf", ".d/",
        ]
        .iter()
        .any(|e| rest.starts_with(e.as_bytes()));
        // A path segment, not under a comparison page ("/vs/wordpress/", "/compare/…").
        let path = before == Some(b'/') && before2 != Some(b'/') && {
            let dir = &b[..at - 1];
            let seg = &dir[dir.iter().rposition(|&c| c == b'/').map_or(0, |i| i + 1)..];
            let seg = String::from_utf8_lossy(seg).to_ascii_lowercase();
            !(seg == "vs"
                || seg == "versus"
                || ["compar", "alternative", "switch", "migrat"]
                    .iter()
                    .any(|w| seg.contains(w)))
        };
        let code = before == Some(b'`') || after == Some(b'`');
        let ident = before == Some(b'_') || after == Some(b'_');
        path || code || ident || file
    })
}

/// Words of comparison or switching in the sentence around a competitor's name.
const COMPARE: &[&str] = &[
    "unlike",
    "vs",
    "versus",
    "compare",
    "compared",
    "compares",
    "comparing",
    "comparison",
    "alternative",
    "alternatives",
    "instead of",
    "switch",
    "switched",
    "switching",
    "moving from",
    "move from",
    "migrate",
    "migrating",
    "migration",
    "replace",
    "replaces",
    "leave",
    "left",
    "competitor",
    "competitors",
];

/// Words that compare only right before the name: "n8n over Zapier", "faster than Make",
/// "moving from Make" — not "less focused over time" elsewhere in the sentence.
const COMPARE_BEFORE: &[&str] = &["over", "than", "from", "to"];

/// Whether the sentence holding `start..end` compares or switches.
fn compares(lower: &str, start: usize, end: usize) -> bool {
    let span = super::claims::clause(lower, start, end);
    let sentence = &lower[span.clone()];
    if COMPARE
        .iter()
        .any(|w| !super::claims::find_words(sentence, w).is_empty())
    {
        return true;
    }
    let before = lower[span.start..start].trim_end();
    let last = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    // "to" compares only after "compared"/"similar" (said above) or "alternative": a
    // plain "to" ("posts to WordPress") does not; nor does data moved "from" it ("notes
    // exported from Evernote can be imported"): that is working with it.
    let moved = last == "from"
        && before[..before.len() - last.len()]
            .trim_end()
            .rsplit(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty())
            .is_some_and(|w| {
                matches!(
                    w,
                    "exported" | "imported" | "import" | "imports" | "importing" | "export"
                )
            });
    COMPARE_BEFORE.contains(&last) && last != "to" && !moved
}

/// Words after a sentence-opening verb: "Make sure", "Make your", "Notion the…".
const AFTER_VERB: &[&str] = &[
    "sure", "certain", "the", "a", "an", "your", "our", "their", "this", "that", "these", "those",
    "it", "them", "you", "us", "every", "each", "all", "any", "some", "use",
];

/// Whether a one-word name opens its sentence as a verb ("Make sure your instance runs the
/// latest version").
fn imperative(lower: &str, start: usize, end: usize) -> bool {
    let name = &lower[start..end];
    if name.contains(' ') {
        return false;
    }
    let span = super::claims::clause(lower, start, end);
    let before = lower[span.start..start].trim();
    let opens =
        before.is_empty() || before.ends_with(':') || before.chars().all(|c| !c.is_alphanumeric());
    let next = lower[end..]
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    opens && lower[end..].starts_with(' ') && AFTER_VERB.contains(&next)
}

/// Words of a career before "at"/"of"/"from" and the name: "John was a core contributor of
/// WordPress", "previously an engineer at Zapier", "she joined us from Medium".
const CAREER: &[&str] = &[
    "worked",
    "working",
    "works",
    "previously",
    "formerly",
    "former",
    "joined",
    "contributor",
    "engineer",
    "founder",
    "co-founder",
    "cofounder",
    "employee",
    "ceo",
    "cto",
    "vp",
    "head",
    "lead",
    "manager",
    "director",
    "designer",
    "developer",
    "alumni",
    "alumnus",
    "career",
    "spent",
];

/// Whether the name is where someone worked: a career word earlier in the clause and
/// "at", "of", "from" or "ex-" right before the name.
fn career(lower: &str, start: usize, end: usize) -> bool {
    let span = super::claims::clause(lower, start, end);
    let before = &lower[span.start..start];
    if before.ends_with("ex-") {
        return true;
    }
    let words: Vec<&str> = before
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .collect();
    matches!(words.last(), Some(&("at" | "of" | "from")))
        && words.iter().rev().take(8).any(|w| CAREER.contains(w))
}

/// Whether the name is one item of a comma list of three or more capitalised names.
fn in_name_list(cased: &str, start: usize, end: usize) -> bool {
    let span = super::claims::clause(cased, start, end);
    let sentence = &cased[span.clone()];
    let at = start - span.start;
    // The list's items: the comma-separated pieces around the name ("and"/"or" opening the
    // last one), each one or two capitalised words.
    let pieces: Vec<(usize, &str)> = {
        let mut out = Vec::new();
        let mut from = 0;
        for (i, c) in sentence.char_indices() {
            if c == ',' {
                out.push((from, &sentence[from..i]));
                from = i + 1;
            }
        }
        out.push((from, &sentence[from..]));
        out
    };
    let name_like = |p: &str| {
        let p = p.trim();
        let p = p
            .strip_prefix("and ")
            .or_else(|| p.strip_prefix("or "))
            .unwrap_or(p);
        let words: Vec<&str> = p.split_whitespace().collect();
        (1..=2).contains(&words.len())
            && words
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    };
    let Some(k) = pieces
        .iter()
        .position(|&(from, p)| from <= at && at + (end - start) <= from + p.len())
    else {
        return false;
    };
    if !name_like(pieces[k].1) {
        return false;
    }
    // Three names in a row, this one among them.
    let mut lo = k;
    while lo > 0 && name_like(pieces[lo - 1].1) {
        lo -= 1;
    }
    let mut hi = k;
    while hi + 1 < pieces.len() && name_like(pieces[hi + 1].1) {
        hi += 1;
    }
    hi - lo + 1 >= 3
}

#[cfg(test)]
mod tests {
    use super::compares;

    #[test]
    fn comparisons_and_passing_mentions() {
        let at = |t: &str, w: &str| {
            let s = t.find(w).expect("in text");
            compares(t, s, s + w.len())
        };
        assert!(at("unlike zapier, n8n lets you self-host.", "zapier"));
        assert!(at("teams moving from make keep their scenarios.", "make"));
        assert!(at(
            "we use it over elasticsearch for these reasons.",
            "elasticsearch"
        ));
        assert!(!at(
            "john was a core contributor of wordpress.",
            "wordpress"
        ));
        assert!(!at(
            "posts reach bluesky, threads and wordpress.",
            "wordpress"
        ));
        assert!(!at(
            "it grew less focused over time, like wordpress.",
            "wordpress"
        ));
        assert!(at("n8n is faster than make.", "make"));
    }

    #[test]
    fn verbs_and_lists() {
        use super::{imperative, in_name_list};
        let imp = |t: &str, w: &str| {
            let s = t.find(w).expect("in text");
            imperative(t, s, s + w.len())
        };
        assert!(imp("make sure your n8n instance runs.", "make"));
        assert!(imp("tip: make the most of it.", "make"));
        assert!(!imp("make is a competitor.", "make"));
        assert!(!imp("teams leave make for n8n.", "make"));
        let list = |t: &str, w: &str| {
            let s = t.find(w).expect("in text");
            in_name_list(t, s, s + w.len())
        };
        assert!(list(
            "Posts reach Bluesky, Threads, Mastodon, WordPress, Ghost, and any other platform.",
            "WordPress"
        ));
        assert!(!list("Unlike WordPress, Ghost is fast.", "WordPress"));
        assert!(list("Ghost, WordPress, Medium.", "Medium"));
        let job = |t: &str, w: &str| {
            let s = t.find(w).expect("in text");
            super::career(t, s, s + w.len())
        };
        assert!(job(
            "previously, john was a core contributor of wordpress and watched it grow.",
            "wordpress"
        ));
        assert!(job("she is an ex-zapier engineer.", "zapier"));
        assert!(!job("teams of wordpress users move to ghost.", "wordpress"));
        assert!(!list("Ghost and WordPress, Medium.", "Medium"));
    }
}
