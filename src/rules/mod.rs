//! The rule registry: every rule's id, default severity and doc, in ONE list, and the
//! per-segment context rules run against.
//!
//! Owns: `RULES` (every stable rule id, with a flag for the ones this build checks),
//! `Finding` (what a rule returns), `SegmentCx`. Must not: know file formats or printing.

mod boilerplate_drift;
mod brand_name;
mod claim_mismatch;
pub mod claims;
mod competitor_mention;
pub mod cross_asset;
pub mod message_drift;
pub mod missing_message;
pub mod off_icp;
mod preferred_term;
mod retired_term;
mod unsupported_superlative;
mod withdrawn_reference;

use crate::diagnostic::{Confidence, Diagnostic, Severity};
use crate::document::Segment;
use crate::normalize::Folded;
use crate::numbers::Quantity;
use crate::platform::index::{Hit, Index};
use crate::platform::{AssetType, Platform};

/// What the run knows when a rule looks at one segment.
pub struct SegmentCx<'a> {
    pub platform: &'a Platform,
    pub index: &'a Index,
    pub segment: &'a Segment,
    pub folded: &'a Folded,
    pub hits: &'a [Hit],
    /// Quantities in the folded text, in order.
    pub quantities: &'a [Quantity],
    pub compiled: &'a claims::Compiled,
    /// Claim subjects in the folded text (computed when there are quantities).
    pub subjects: &'a [claims::SubjectHit],
    /// The document's source, where the segment's pieces point.
    pub source: &'a str,
    /// The segment stands alone as a heading does (a heading, a slide title, a short PDF
    /// line without a sentence end): a subject-less claim there is the company speaking.
    pub standalone: bool,
    /// The asset's publication date (`YYYY-MM-DD`), when it says one and its asset type
    /// is not `dated: false`: an old number or name stated then is history. Read when a
    /// rule first asks (most files never need it).
    pub date: &'a AssetDate<'a>,
    /// A stat shown apart from its label: for a segment that is only a number ("15k",
    /// "2.1M"), the folded lowercase text of the short label beside it (the `<dt>` before a
    /// `<dd>`, a caption after a big number), or for a card's price field ("Price: $20 per
    /// month"), the heading it sits under. The label is the number's subject.
    pub label: Option<&'a str>,
    /// For a table row, whose each column is, read from the table's header row: `Some(true)`
    /// under the company's or a product's name, `Some(false)` under a competitor's ("Feature
    /// | Notion | Acme"). A number in a competitor's column is theirs.
    pub columns: Option<&'a [Option<bool>]>,
    /// The segment plays the lead's role on its page: a title, a meta description, the
    /// first heading, or the first line of a document. A sentence there that has the
    /// one-liner's shape restates it.
    pub lead: bool,
    /// The date in the heading above the segment ("## Introducing X (blog post,
    /// 2024-02-23)", a changelog's "## [1.4.0] - 2024-02-23"): its section is history
    /// of that day, whatever the file's own date.
    pub section_date: Option<&'a str>,
    /// The segment before opens with the company's or a product's name ("Ghost comes with
    /// world-class SEO…"): a sentence here that opens with "It" continues that subject.
    pub previous_ours: bool,
    /// Per competitor, whether the document writes its name as a technology (a link's path
    /// segment, code, an identifier): read from the source once per document, on first ask.
    pub competitor_tech: &'a [std::cell::OnceCell<bool>],
    /// For a line with a number inside a plan card (a short heading, then a price, then
    /// this line: "### Starter", "$0 / month", "- 10,000 audit logs / month"), the card's
    /// heading, folded lowercase: a claim labelled for another plan ("Pro: 20,000 audit
    /// logs / month") is not this line's.
    pub card: Option<&'a str>,
    /// For a table row below its header row, the header row's text: a number under the
    /// column "Starter" is not the claim "Pro: 20,000 audit logs / month".
    pub table_header: Option<&'a str>,
}

/// An asset's date, read from the file on first use (`document::asset_date`).
pub struct AssetDate<'a> {
    /// `false` for an asset type marked `dated: false`: never a date.
    pub dated: bool,
    pub path: &'a str,
    pub kind: crate::document::Kind,
    pub source: &'a str,
    /// The date the file's document properties give (decks, Word files, PDFs).
    pub properties: Option<&'a str>,
    cell: std::cell::OnceCell<Option<String>>,
}

impl<'a> AssetDate<'a> {
    pub fn new(
        dated: bool,
        path: &'a str,
        kind: crate::document::Kind,
        source: &'a str,
        properties: Option<&'a str>,
    ) -> Self {
        AssetDate {
            dated,
            path,
            kind,
            source,
            properties,
            cell: std::cell::OnceCell::new(),
        }
    }
    /// Whether the date is a file's last save (its document properties), which proves less
    /// than a publication date: it is compared with the platform's own dates only.
    pub fn saved(&self) -> bool {
        self.properties.is_some() && self.get() == self.properties
    }
    pub fn get(&self) -> Option<&str> {
        self.cell
            .get_or_init(|| {
                self.dated
                    .then(|| {
                        crate::document::asset_date(
                            self.path,
                            self.kind,
                            self.source,
                            self.properties,
                        )
                    })
                    .flatten()
            })
            .as_deref()
    }
}

impl SegmentCx<'_> {
    /// When the segment was written, as `YYYY-MM-DD`: its section's date, else the asset's.
    /// `None` for an asset type marked `dated: false`.
    pub fn when(&self) -> Option<&str> {
        if !self.date.dated {
            return None;
        }
        self.section_date.or_else(|| self.date.get())
    }
    /// The matched text as the author wrote it, for messages: case kept, whitespace and
    /// line-end hyphenation (PDF) folded, so a match across a line break reads as one phrase.
    pub fn original(&self, start: usize, end: usize) -> &str {
        self.cased(start, end)
    }
    /// Whether folded offsets `a` (an end) and `b` (a start) are joined by nothing but
    /// spaces in the source: two words of one name, not two links or cells side by side.
    pub fn joined(&self, a: usize, b: usize) -> bool {
        let seg = self.segment;
        let (a, b) = (
            seg.source_range(self.folded.source_range(&seg.text, a.saturating_sub(1), a))
                .end,
            seg.source_range(self.folded.source_range(&seg.text, b, b + 1))
                .start,
        );
        self.source
            .get(a.min(b)..b)
            .is_some_and(|gap| gap.chars().all(char::is_whitespace))
    }
    /// The folded text with its case kept, for case comparisons.
    pub fn cased(&self, start: usize, end: usize) -> &str {
        self.folded.cased.get(start..end).unwrap_or("")
    }
}

/// One finding from a rule, located in the folded text of a segment.
#[derive(Clone, Debug)]
pub struct Finding {
    pub rule: &'static str,
    pub start: usize,
    pub end: usize,
    pub message: String,
    pub suggestion: Option<String>,
    /// A `help:` line for people (the approved wording, where to look).
    pub help: Option<String>,
    pub platform_ref: Option<String>,
    /// `Some(Warning)` lowers the rule's severity for this finding (a stale, understated
    /// number); `None` keeps the configured severity.
    pub severity: Option<Severity>,
    /// `Some` overrides the rule's confidence for this finding (a subject-less superlative,
    /// a retired statement found by similarity).
    pub confidence: Option<Confidence>,
}

pub type Check = fn(&SegmentCx, &mut Vec<Finding>);

/// What a rule needs the engine to compute for a segment. The engine computes the union
/// of the needs of the rules enabled for a file, and nothing else.
#[derive(Clone, Copy, Debug, Default)]
pub struct Needs {
    /// Quantities scanned in segments with a digit or a number word.
    pub quantities: bool,
    /// Claim subjects located in segments with quantities.
    pub subjects: bool,
}

const NONE: Needs = Needs {
    quantities: false,
    subjects: false,
};
const NUMBERS: Needs = Needs {
    quantities: true,
    subjects: true,
};

/// Whether a rule wants to see a segment that has no phrase hit and no quantity (the
/// paragraph may restate boilerplate or an exact wording): a cheap filter, per rule.
pub type Wants = fn(&Platform, &claims::Compiled, &Folded) -> bool;

/// What a document-level rule sees: the whole document's folded text, once.
pub struct DocCx<'a> {
    pub platform: &'a Platform,
    pub compiled: &'a claims::Compiled,
    /// The file's asset type (`assets:`), if any.
    pub asset: Option<(usize, &'a AssetType)>,
    /// The folded lowercase text of every segment, one per line.
    pub text: &'a str,
}

/// A document-level finding, reported at the document's first line.
pub struct DocFinding {
    pub message: String,
    pub help: String,
    pub platform_ref: Option<String>,
}

pub struct DocRule {
    /// Whether the rule has anything to check on a file of this asset type (the engine
    /// collects the document's text only then).
    pub applies: fn(&Platform, Option<&AssetType>) -> bool,
    pub check: fn(&DocCx) -> Option<DocFinding>,
}

/// A cross-file fact a rule produces from one segment: its `finding` locates it (message
/// left empty until compared).
pub struct RawFact {
    pub key: String,
    pub value: f64,
    pub stated: String,
    pub sentence: String,
    pub finding: Finding,
}

/// A fact kept (small) from the parallel pass, located, for the rule's comparison after it.
#[derive(Clone, Debug)]
pub struct Fact {
    /// The sentence's content stems and the number's unit: equal keys are the same statement.
    pub key: String,
    pub value: f64,
    pub stated: String,
    pub sentence: String,
    /// The finding to report if the fact conflicts (message filled in then).
    pub diagnostic: Diagnostic,
}

/// A cross-file rule: facts per segment in the parallel pass, compared after it.
pub struct CrossFile {
    pub facts: fn(&SegmentCx, &mut Vec<RawFact>),
    pub compare: fn(Vec<Fact>) -> Vec<Diagnostic>,
}

pub struct RuleInfo {
    pub id: &'static str,
    pub default: Severity,
    /// The confidence of the rule's findings unless one says otherwise.
    pub confidence: Confidence,
    pub summary: &'static str,
    /// The rule's documentation (`rules/<id>.md`), or `None` while it is not implemented.
    pub doc: Option<&'static str>,
    /// The per-segment check, for rules this build runs.
    pub check: Option<Check>,
    /// What the engine must compute for the per-segment check or the facts.
    pub needs: Needs,
    /// Segments the rule must see even without a phrase hit or a quantity.
    pub wants: Option<Wants>,
    /// Checked once per document, on its whole text.
    pub document: Option<DocRule>,
    /// Facts compared across the files of a run.
    pub cross_file: Option<CrossFile>,
    /// Rules whose findings in the same segment this rule's finding replaces (an edited
    /// boilerplate paragraph is one finding: its diff shows the numbers).
    pub supersedes: &'static [&'static str],
}

impl RuleInfo {
    /// Whether this build checks the rule (else its id is reserved).
    pub fn implemented(&self) -> bool {
        self.check.is_some()
            || self.document.is_some()
            || self.cross_file.is_some()
            || self.id == "unreadable"
    }
    /// Whether the engine runs something of this rule on each file.
    pub fn runs(&self) -> bool {
        self.check.is_some() || self.document.is_some() || self.cross_file.is_some()
    }
}

macro_rules! doc {
    ($id:literal) => {
        Some(include_str!(concat!("../../rules/", $id, ".md")))
    };
}

/// Every rule id, in documentation order. Register a rule here and nowhere else.
pub const RULES: &[RuleInfo] = &[
    RuleInfo {
        id: "brand-name",
        default: Severity::Error,
        confidence: Confidence::High,
        summary: "company or product name misspelled or mis-cased",
        doc: doc!("brand-name"),
        check: Some(brand_name::check),
        needs: NONE,
        wants: None,
        document: None,
        cross_file: None,
        supersedes: &[],
    },
    RuleInfo {
        id: "preferred-term",
        default: Severity::Warning,
        confidence: Confidence::High,
        summary: "an `avoid` form of a platform term",
        doc: doc!("preferred-term"),
        check: Some(preferred_term::check),
        needs: NONE,
        wants: None,
        document: None,
        cross_file: None,
        supersedes: &[],
    },
    RuleInfo {
        id: "retired-term",
        default: Severity::Error,
        confidence: Confidence::High,
        summary: "a retired product name or retired message",
        doc: doc!("retired-term"),
        check: Some(retired_term::check),
        needs: NONE,
        wants: Some(retired_term::wants),
        document: None,
        cross_file: None,
        supersedes: &["message-drift", "unsupported-superlative", "preferred-term"],
    },
    RuleInfo {
        id: "claim-mismatch",
        default: Severity::Error,
        confidence: Confidence::High,
        summary: "a number about a known claim subject that differs from the approved value",
        doc: doc!("claim-mismatch"),
        check: Some(claim_mismatch::check),
        needs: NUMBERS,
        wants: None,
        document: None,
        cross_file: None,
        supersedes: &[],
    },
    RuleInfo {
        id: "message-drift",
        default: Severity::Warning,
        confidence: Confidence::Medium,
        summary: "an approved statement reworded with a different number, name or wording",
        doc: doc!("message-drift"),
        check: Some(message_drift::check),
        needs: NUMBERS,
        wants: Some(message_drift::wants),
        document: None,
        cross_file: None,
        supersedes: &[],
    },
    RuleInfo {
        id: "boilerplate-drift",
        default: Severity::Warning,
        confidence: Confidence::Medium,
        summary: "an About paragraph that nearly matches approved boilerplate",
        doc: doc!("boilerplate-drift"),
        check: Some(boilerplate_drift::check),
        needs: NONE,
        wants: Some(boilerplate_drift::wants),
        document: None,
        cross_file: None,
        supersedes: &["claim-mismatch", "message-drift", "unsupported-superlative"],
    },
    RuleInfo {
        id: "unsupported-superlative",
        default: Severity::Error,
        confidence: Confidence::High,
        summary: "a superlative or uniqueness claim not in any approved statement",
        doc: doc!("unsupported-superlative"),
        check: Some(unsupported_superlative::check),
        needs: NONE,
        wants: Some(unsupported_superlative::wants),
        document: None,
        cross_file: None,
        supersedes: &[],
    },
    RuleInfo {
        id: "off-icp",
        default: Severity::Warning,
        confidence: Confidence::Medium,
        summary: "audience language from an excluded segment, or a company size outside the ICP",
        doc: doc!("off-icp"),
        check: Some(off_icp::check),
        needs: Needs {
            quantities: true,
            subjects: false,
        },
        wants: None,
        document: None,
        cross_file: None,
        supersedes: &[],
    },
    RuleInfo {
        id: "competitor-mention",
        default: Severity::Warning,
        confidence: Confidence::High,
        summary: "a competitor named where the asset type does not allow it",
        doc: doc!("competitor-mention"),
        check: Some(competitor_mention::check),
        needs: NONE,
        wants: None,
        document: None,
        cross_file: None,
        supersedes: &[],
    },
    RuleInfo {
        id: "withdrawn-reference",
        default: Severity::Error,
        confidence: Confidence::High,
        summary: "a customer named who is no longer an approved reference",
        doc: doc!("withdrawn-reference"),
        check: Some(withdrawn_reference::check),
        needs: NONE,
        wants: None,
        document: None,
        cross_file: None,
        supersedes: &[],
    },
    RuleInfo {
        id: "cross-asset-conflict",
        default: Severity::Warning,
        confidence: Confidence::Medium,
        summary: "the same claim with different numbers in different assets",
        doc: doc!("cross-asset-conflict"),
        check: None,
        needs: NUMBERS,
        wants: None,
        document: None,
        cross_file: Some(CrossFile {
            facts: cross_asset::facts,
            compare: cross_asset::conflicts,
        }),
        supersedes: &[],
    },
    RuleInfo {
        id: "missing-message",
        default: Severity::Warning,
        confidence: Confidence::Medium,
        summary: "an asset type's required message is missing",
        doc: doc!("missing-message"),
        check: None,
        needs: NONE,
        wants: None,
        document: Some(DocRule {
            applies: missing_message::applies,
            check: missing_message::check,
        }),
        cross_file: None,
        supersedes: &[],
    },
    RuleInfo {
        id: "unreadable",
        default: Severity::Error,
        confidence: Confidence::High,
        summary: "the file could not be read; says why",
        doc: doc!("unreadable"),
        check: None,
        needs: NONE,
        wants: None,
        document: None,
        cross_file: None,
        supersedes: &[],
    },
];

/// Compare the facts of a run, rule by rule (each fact carries its rule's id).
pub fn compare_facts(facts: Vec<Fact>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut facts = facts;
    for r in RULES {
        let Some(cf) = &r.cross_file else { continue };
        let (mine, rest): (Vec<Fact>, Vec<Fact>) =
            facts.into_iter().partition(|f| f.diagnostic.rule == r.id);
        facts = rest;
        out.extend((cf.compare)(mine));
    }
    out
}

pub fn lookup(id: &str) -> Option<&'static RuleInfo> {
    RULES.iter().find(|r| r.id == id)
}

pub fn ids() -> Vec<&'static str> {
    RULES.iter().map(|r| r.id).collect()
}

/// Keep the case pattern the author wrote the phrase in, when the platform's form allows
/// it (its words are common words in lowercase, or acronyms in capitals: never a name as
/// written, "Lumora Assist", "macOS"):
/// - all capitals (several words, or one of six letters or more, not an acronym):
///   "HELPDESK" → "HELP DESK";
/// - Title Case (several words, the significant ones capitalised, "Over the Air"; or one
///   capitalised word that does not open a sentence: a nav item, a label, "Pricing ·
///   Helpdesk · Blog"): "Over-the-Air (OTA)", "Help Desk";
/// - a capitalised word opening a sentence: only the first letter, "Helpdesk tips" →
///   "Help desk tips";
/// - otherwise the platform's form as written ("OSX" → "macOS").
pub fn match_case(found: &str, replacement: &str, sentence_start: bool) -> String {
    fn words(s: &str) -> impl Iterator<Item = &str> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
    }
    const SMALL: [&str; 21] = [
        "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in",
        "of", "off", "on", "per", "to", "up", "via",
    ];
    // A term about case itself ("Open Source" → "open source"): the platform's form as
    // written, whatever the context.
    let case_only = found.to_lowercase() == replacement.to_lowercase();
    let upper = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let has_lower = |w: &str| w.chars().any(char::is_lowercase);
    let has_upper = |w: &str| w.chars().any(char::is_uppercase);
    // Every word of the platform's form is a lowercase word or an acronym.
    let adaptable = !case_only && words(replacement).all(|w| !has_upper(w) || !has_lower(w));
    let found_words: Vec<&str> = words(found).collect();
    let letters = found.chars().filter(|c| c.is_alphabetic()).count();
    let all_caps = !has_lower(found)
        && letters >= 2
        && (found_words.len() >= 2 || letters >= 6)
        && found_words
            .iter()
            .all(|w| w.chars().any(char::is_alphabetic));
    if adaptable && all_caps {
        return replacement.to_uppercase();
    }
    let title = match found_words.as_slice() {
        [] => false,
        [one] => !sentence_start && upper(one) && has_lower(one),
        [first, rest @ ..] => {
            upper(first)
                && rest.iter().any(|w| upper(w))
                && rest
                    .iter()
                    .all(|w| upper(w) || SMALL.contains(&w.to_lowercase().as_str()))
        }
    };
    if adaptable && title {
        // Each lowercase word capitalised but the small ones after the first; acronyms as
        // they are.
        let mut out = String::with_capacity(replacement.len());
        let mut first = true;
        let mut rest = replacement;
        while let Some(start) = rest.find(char::is_alphanumeric) {
            out.push_str(&rest[..start]);
            rest = &rest[start..];
            let end = rest
                .find(|c: char| !c.is_alphanumeric())
                .unwrap_or(rest.len());
            let w = &rest[..end];
            if has_upper(w) || (!first && SMALL.contains(&w)) {
                out.push_str(w);
            } else {
                let mut c = w.chars();
                if let Some(f) = c.next() {
                    out.extend(f.to_uppercase());
                    out.push_str(c.as_str());
                }
            }
            first = false;
            rest = &rest[end..];
        }
        out.push_str(rest);
        return out;
    }
    let starts_upper = found.chars().next().is_some_and(char::is_uppercase);
    let common = !replacement.chars().any(char::is_uppercase);
    if sentence_start && starts_upper && common {
        let mut c = replacement.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    } else {
        replacement.to_owned()
    }
}

/// Whether `start` opens a sentence in `text`: nothing but spaces, quotes, brackets or list
/// marks before it, or a sentence end (`.`, `!`, `?`, `:`) followed by a space.
pub fn sentence_start(text: &str, start: usize) -> bool {
    let before = text.get(..start).unwrap_or("");
    let trimmed = before.trim_end_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '"' | '\'' | '(' | '[' | '*' | '_' | '#' | '>' | '-' | '•' | '|'
            )
    });
    // A table cell (`|` between cells) starts afresh.
    if trimmed.is_empty() || before[trimmed.len()..].contains('|') {
        return true;
    }
    trimmed.len() < before.len() && trimmed.ends_with(['.', '!', '?', ':'])
}

/// Words of `text` before `start` and after `end` (letters and digits), nearest first.
pub fn neighbours(text: &str, start: usize, end: usize) -> (Option<&str>, Option<&str>) {
    let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '\u{2019}';
    let before = text.get(..start).unwrap_or("");
    let prev = before
        .trim_end_matches(' ')
        .rsplit(|c: char| !is_word(c))
        .next()
        .filter(|w| !w.is_empty() && before.ends_with(' '));
    let after = text.get(end..).unwrap_or("");
    let next = after
        .trim_start_matches(' ')
        .split(|c: char| !is_word(c))
        .next()
        .filter(|w| !w.is_empty() && after.starts_with(' '));
    (prev, next)
}

/// Whether the words at `at` belong to a competitor's sentence: a competitor named before them
/// in the same sentence ("Umami's cloud has … the Pro plan is $20/mo", "PostHog's free tier
/// is …"), with neither our name nor "we"/"our"/"us" between — its figures and terms are
/// theirs.
pub fn competitors_sentence(cx: &SegmentCx, at: usize) -> bool {
    // Most segments name no competitor: nothing to read.
    if !cx
        .hits
        .iter()
        .any(|h| matches!(h.entry, crate::platform::index::Entry::Competitor(_)) && h.end <= at)
    {
        return false;
    }
    let text = cx.folded.lower.as_str();
    let start = claims::sentences(text)
        .into_iter()
        .find(|r| r.start <= at && at < r.end.max(r.start + 1))
        .map_or(0, |r| r.start);
    // The competitor the sentence speaks of: not one we are set against ("Unlike Heap,",
    // "than Heap", "a great Heap alternative"), and not after our own name.
    let compared = |h: &Hit| {
        let before = text[start..h.start].trim_end();
        let last = before
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        let next = text[h.end..]
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty())
            .unwrap_or("");
        matches!(
            last,
            "unlike" | "than" | "vs" | "versus" | "to" | "with" | "from" | "over" | "like"
        ) || matches!(
            next,
            "alternative" | "alternatives" | "replacement" | "competitor"
        )
    };
    let Some(h) = cx
        .hits
        .iter()
        .filter(|h| {
            matches!(h.entry, crate::platform::index::Entry::Competitor(_))
                && h.start >= start
                && h.end <= at
        })
        .max_by_key(|h| h.end)
    else {
        return false;
    };
    let first_person = |t: &str| {
        t.split(|c: char| !(c.is_alphanumeric() || c == '\''))
            .any(|w| matches!(w, "we" | "our" | "us" | "we're" | "ours"))
    };
    // Our sentence, the competitor its object: "We left Zendesk last year".
    if compared(h)
        || first_person(&text[start..h.start])
        || cx
            .hits
            .iter()
            .any(|b| b.entry.is_brand() && b.start >= start && b.end <= h.start)
    {
        return false;
    }
    let theirs = h.end;
    !cx.hits
        .iter()
        .any(|h| h.entry.is_brand() && h.start >= theirs && h.end <= at)
        && !first_person(&text[theirs..at])
}

/// A word written as a name: capitalised, and not merely because a sentence starts there.
fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Whether the match at `start..end` (itself capitalised) is part of someone else's proper
/// name or a title: a capitalised neighbour that is not a sentence start ("Stack Overflow
/// Documentation", "OS X Yosemite", "AWS Documentation"), a possessive name before it, or
/// a quoted title-case label (`"Log In"`).
pub fn in_foreign_name(
    text: &str,
    start: usize,
    end: usize,
    joined: impl Fn(usize, usize) -> bool,
) -> bool {
    let found = text.get(start..end).unwrap_or("");
    if !capitalised(found) {
        return false;
    }
    let (prev, next) = neighbours(text, start, end);
    let before = text.get(..start).unwrap_or("");
    let prev_is_name = prev.is_some_and(|w| {
        let w_end = before.trim_end().len();
        let at = w_end - w.len();
        capitalised(w) && !sentence_start(text, at) && joined(w_end, start)
    });
    let next_is_name = next.is_some_and(|w| {
        let at = end + (text.len() - end - text[end..].trim_start().len());
        capitalised(w) && joined(end, at)
    });
    if prev_is_name || next_is_name {
        return true;
    }
    // A quoted label: every word capitalised, quotes right around it.
    let open = before.ends_with(['"', '\u{201C}']);
    let close = text
        .get(end..)
        .is_some_and(|a| a.starts_with(['"', '\u{201D}']));
    open && close && found.split(' ').all(capitalised)
}

/// Whether the all-lowercase, single-token match at `start..end` is an identifier written in
/// prose rather than a word of it: a literal in straight quotes (`the "lumora" organization`,
/// `add the tags: "lumora", "helpdesk"`) or the name of a running resource (`the pgsql pod`,
/// `the postgres container`, `port-forward the pgsql deployment`). Capitalised forms and
/// phrases are prose and are left to the rules.
///
/// With `code_host` (for names of the company or its products), also the name of a
/// repository or organization on a code host (`the sourcegraph repository`, `a sourcegraph
/// fork`); a common word before "repository" is prose ("the documentation repository").
pub fn identifier_use(text: &str, start: usize, end: usize, code_host: bool) -> bool {
    let found = text.get(start..end).unwrap_or("");
    if found.is_empty() || found.chars().any(|c| c.is_uppercase() || c.is_whitespace()) {
        return false;
    }
    let before = text.get(..start).unwrap_or("");
    let after = text.get(end..).unwrap_or("");
    if before.ends_with('"') && after.starts_with('"') {
        return true;
    }
    // A command in quotes, straight or curly: the quote opens right before the name and
    // holds a few lowercase tokens (“acme deploy --prod”), not a sentence.
    if before.ends_with(['"', '\u{201C}', '\u{2018}']) {
        let close = after.find(['"', '\u{201D}', '\u{2019}']);
        if let Some(c) = close {
            let inside = &after[..c];
            let words = inside.split_whitespace().count();
            if words <= 5
                && inside.chars().all(|ch| {
                    ch.is_ascii_lowercase()
                        || ch.is_ascii_digit()
                        || matches!(ch, ' ' | '-' | '_' | '.' | '/' | '=' | ':')
                })
            {
                return true;
            }
        }
    }
    // A docs site's callout keyword: ":::note", ":::acme Welcome!".
    if before.ends_with(":::") {
        return true;
    }
    // A template's placeholder: "%acme%", "{{acme}}", "${acme}", "{acme}".
    if (before.ends_with('%') && after.starts_with('%'))
        || (before.ends_with('{') && after.starts_with('}'))
    {
        return true;
    }
    let (prev, next) = neighbours(text, start, end);
    // A command line: a shell word before it ("sudo acme", "systemctl restart acme", "npx
    // acme"), or a flag after it ("acme develop --open").
    let shell = |w: &str| {
        matches!(
            w,
            "sudo" | "npx" | "yarn" | "pnpm" | "systemctl" | "pkill" | "killall" | "exec"
        )
    };
    if prev.is_some_and(shell)
        || (prev.is_some()
            && before
                .split_whitespace()
                .rev()
                .take(3)
                .any(|w| matches!(w, "systemctl" | "sudo")))
        || after
            .split_whitespace()
            .take(3)
            .any(|w| w.starts_with("--") && w.len() > 2)
    {
        return true;
    }
    let the_before = before.trim_end().ends_with(" the") || before.trim_end() == "the";
    next.is_some_and(|w| {
        let w = w.to_lowercase();
        matches!(
            w.as_str(),
            "pod" | "pods" | "container" | "containers" | "deployment" | "statefulset"
        ) || (code_host
            && matches!(
                w.as_str(),
                "repository" | "repo" | "fork" | "organization" | "org"
            ))
            // A program and what it runs as: "the acme binary", "the acme process", "the
            // acme database", "the acme user" (an account, not a person: "an acme user" is
            // prose).
            || (code_host
                && matches!(
                    w.as_str(),
                    "binary"
                        | "binaries"
                        | "executable"
                        | "process"
                        | "processes"
                        | "daemon"
                        | "database"
                        | "db"
                        | "schema"
                        | "directory"
                        | "folder"
                        | "namespace"
                        | "subcommand"
                ))
            || (code_host && the_before && matches!(w.as_str(), "user" | "group"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_platforms_list_of_rule_ids_is_the_registrys() {
        // `rule_ids::ALL` is what the platform validator knows of the rules (it sits below
        // both); add a new rule's id there too.
        assert_eq!(ids(), crate::rule_ids::ALL);
    }

    #[test]
    fn every_rule_is_documented_and_has_fixtures() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for r in RULES {
            assert!(
                r.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                r.id
            );
            if !r.implemented() {
                continue;
            }
            let doc = r
                .doc
                .unwrap_or_else(|| panic!("{} has no doc in rules/", r.id));
            assert!(
                doc.starts_with(&format!("# {}", r.id)),
                "{} doc title",
                r.id
            );
            if r.runs() {
                let dir = root.join("fixtures/rules").join(r.id);
                for f in ["fire.md", "fire.html", "clean.md"] {
                    assert!(
                        dir.join(f).is_file(),
                        "{} lacks fixtures/rules/{}/{f}",
                        r.id,
                        r.id
                    );
                }
            }
        }
    }

    #[test]
    fn case_is_kept() {
        assert_eq!(match_case("Helpdesk", "help desk", true), "Help desk");
        assert_eq!(match_case("helpdesk", "help desk", true), "help desk");
        assert_eq!(match_case("helpdesk", "help desk", false), "help desk");
        assert_eq!(match_case("Foo", "Lumora", true), "Lumora");
        assert_eq!(match_case("OSX", "macOS", true), "macOS");
        // Title Case mid-line: a nav item, a heading.
        assert_eq!(match_case("Helpdesk", "help desk", false), "Help Desk");
        assert_eq!(match_case("HelpDesk", "help desk", false), "Help Desk");
        assert_eq!(
            match_case("Over the Air", "over-the-air", false),
            "Over-the-Air"
        );
        assert_eq!(
            match_case("Over the Air (OTA)", "over-the-air (OTA)", false),
            "Over-the-Air (OTA)"
        );
        assert_eq!(
            match_case("Over The Air", "over-the-air", true),
            "Over-the-Air"
        );
        assert_eq!(
            match_case("Sign Up Form", "signup form", false),
            "Signup Form"
        );
        // Sentence case stays sentence case.
        assert_eq!(
            match_case("Over the air", "over-the-air", true),
            "Over-the-air"
        );
        assert_eq!(
            match_case("over the Air", "over-the-air", false),
            "over-the-air"
        );
        // All capitals.
        assert_eq!(match_case("HELPDESK", "help desk", false), "HELP DESK");
        assert_eq!(
            match_case("OVER THE AIR (OTA)", "over-the-air (OTA)", true),
            "OVER-THE-AIR (OTA)"
        );
        // An acronym is not shouting: the platform's form as written.
        assert_eq!(match_case("OTA", "over-the-air", false), "over-the-air");
        assert_eq!(match_case("OTA", "over-the-air", true), "Over-the-air");
        // A name as the platform writes it is never recased.
        assert_eq!(
            match_case("HELPBOT", "Lumora Assist", false),
            "Lumora Assist"
        );
        assert_eq!(
            match_case("Helpbot", "Lumora Assist", false),
            "Lumora Assist"
        );
        assert_eq!(match_case("OSX", "macOS", false), "macOS");
        assert_eq!(match_case("Mac Os", "macOS", false), "macOS");
        // A term about case itself keeps the platform's form.
        assert_eq!(
            match_case("Open Source", "open source", false),
            "open source"
        );
        assert_eq!(match_case("HELP DESK", "help desk", false), "help desk");
        assert!(sentence_start("Helpdesk", 0));
        assert!(sentence_start("It works. Helpdesk", 10));
        assert!(sentence_start("- **Helpdesk", 4));
        assert!(!sentence_start("our Helpdesk", 4));
        assert!(sentence_start("Growth | Helpdesk", 9));
        assert!(!sentence_start("v1.Helpdesk", 3));
    }

    #[test]
    fn foreign_names() {
        let yes = |_, _| true;
        let t = "Read the Stack Overflow Documentation page.";
        let at = t.find("Documentation").expect("in text");
        assert!(in_foreign_name(t, at, at + 13, yes));
        // Side by side but not joined in the source (two menu links): not a name.
        assert!(!in_foreign_name(t, at, at + 13, |_, _| false));
        let t = "Upgrade OS X Yosemite today.";
        assert!(in_foreign_name(t, 8, 12, yes));
        let t = "Click the \"Log In\" button.";
        assert!(in_foreign_name(t, 11, 17, yes));
        // Capitalised only because a sentence starts: ours to fix.
        let t = "Documentation is here. Documentation helps.";
        assert!(!in_foreign_name(t, 0, 13, yes));
        assert!(!in_foreign_name(t, 23, 36, yes));
        let t = "We love the documentation.";
        assert!(!in_foreign_name(t, 12, 25, yes));
    }

    #[test]
    fn identifiers_in_prose() {
        let at = |t: &str, w: &str| {
            let s = t.find(w).expect("in text");
            identifier_use(t, s, s + w.len(), true)
        };
        assert!(at("Upload it to the \"lumora\" organization.", "lumora"));
        assert!(at("Exec into the pgsql pod first.", "pgsql"));
        assert!(at(
            "Run \u{201C}lumora deploy --prod\u{201D} to ship.",
            "lumora"
        ));
        assert!(at("Run \"lumora login\" first.", "lumora"));
        assert!(!at(
            "\u{201C}lumora is great, we love it!\u{201D}",
            "lumora"
        ));
        assert!(at("the base postgres container was updated", "postgres"));
        assert!(at("if working from a sourcegraph fork", "sourcegraph"));
        assert!(at(
            "contributing to the sourcegraph repository today",
            "sourcegraph"
        ));
        // Prose: unquoted, capitalised, a phrase, or a quote that is not right around it.
        assert!(!at("Ask the lumora team.", "lumora"));
        assert!(!at("Exec into the \"PgSQL\" pod.", "PgSQL"));
        assert!(!at(
            "Questions about managed instance deployment.",
            "managed instance"
        ));
        assert!(!at("\"Use the helpdesk.\"", "helpdesk"));
        // A program: its binary, process, database or account; a command line.
        assert!(at("you will use only the lumora binary.", "lumora"));
        assert!(at(
            "run the backup as root or as the lumora user.",
            "lumora"
        ));
        assert!(!at("ask any lumora user about it.", "lumora"));
        assert!(at("sudo systemctl restart lumora", "lumora"));
        assert!(at("lumora develop --open", "lumora"));
        assert!(at(":::lumora Welcome to the community!", "lumora"));
        assert!(!at("Every lumora team ships weekly.", "lumora"));
        let word = "the documentation repository";
        assert!(!identifier_use(word, 4, 17, false));
    }
}
