//! `unsupported-superlative`: a superlative or uniqueness claim (lexicon in
//! `rules/superlatives.txt`) that is not part of an approved statement.
//!
//! Ordinary superlatives ("the best", "the only", "#1") count only in a sentence about the
//! company (it names the company or a product, or says "we are the"); `+` phrases of the
//! lexicon ("industry-leading", "best-in-class") count anywhere.
//! Silent inside approved wording (tagline, one-liner, value props, differentiators and their
//! variants, claims, boilerplate) and on allow-list phrases ("best practice").

use super::{Finding, SegmentCx};
use crate::numbers::Unit;
use crate::platform::index::{Entry, Hit};

/// Segments that may hold a superlative by grammar though no lexicon phrase matched ("The
/// quickest onboarding in the category" alone on a slide). Without a brand in it, a
/// grammar superlative counts only in a standalone line (short: a heading, a slide line);
/// a cheap test for "the most " or "the …est" decides.
pub fn wants(
    _: &crate::platform::Platform,
    _: &super::claims::Compiled,
    f: &crate::normalize::Folded,
) -> bool {
    let l = f.lower.as_str();
    l.len() <= 160 && grammar_candidate(l)
}

/// Whether `l` may hold a superlative by grammar: "the most <word>", "the <word>est", or a
/// comparative against everyone ("than anyone"). The superlatives are found from their
/// rarer end ("most ", "est") and read back to the "the " before them: "the " is the
/// commonest word of any copy, and a search stopping at each one cost more than the rest.
fn grammar_candidate(l: &str) -> bool {
    use memchr::memmem::Finder;
    use std::sync::LazyLock;
    // Searchers built once: building one per call cost more than the search.
    static MOST: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"the most "));
    static EST: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"est"));
    static THAN: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"than "));
    static FAR: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"far superior"));
    static OWNER_MOST: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"'s most "));
    let b = l.as_bytes();
    let everyone = |i: usize| {
        let rest = &b[i + 5..];
        rest.starts_with(b"any")
            || rest.starts_with(b"every")
            || rest.starts_with(b"the competition")
            || rest.starts_with(b"most ")
    };
    if opener(l).is_some() {
        return true;
    }
    if THAN.find_iter(b).any(everyone)
        || FAR.find(b).is_some()
        || MOST.find(b).is_some()
        || OWNER_MOST.find(b).is_some()
    {
        return true;
    }
    // "the <word>est": a lowercase word of six letters or more ending in "est" (and ending
    // there), right after "the ".
    EST.find_iter(b).any(|i| {
        let end = i + 3;
        if b.get(end).is_some_and(u8::is_ascii_lowercase) {
            return false;
        }
        let start = b[..i]
            .iter()
            .rposition(|c| !c.is_ascii_lowercase())
            .map_or(0, |p| p + 1);
        end - start >= 6 && (b[..start].ends_with(b"the ") || b[..start].ends_with(b"'s "))
    })
}

/// A superlative that opens a line without "the", as headings and feature labels write it
/// ("Best CMS on GitHub", "Utmost flexibility", "Fastest setup in the category"): the end
/// of its first word, when a word follows that is no idiom's ("Best practices", "Best
/// regards", "Best for small teams", "Best of 2025").
fn opener(l: &str) -> Option<usize> {
    // Most lines open with no superlative: read on only for "-est" and "utmost", byte by
    // byte (this runs on every segment).
    let b = l.as_bytes();
    let end = b
        .iter()
        .position(|c| !c.is_ascii_lowercase())
        .unwrap_or(b.len());
    if !(b[..end].ends_with(b"est") || &b[..end] == b"utmost") {
        return None;
    }
    let w = &l[..end];
    // A list, not every "-est" word: "Hacktoberfest 2022" opens a heading too.
    let superlative = matches!(
        w,
        "best"
            | "utmost"
            | "fastest"
            | "easiest"
            | "simplest"
            | "smartest"
            | "greatest"
            | "strongest"
            | "largest"
            | "biggest"
            | "smallest"
            | "lightest"
            | "cheapest"
            | "quickest"
            | "safest"
            | "highest"
            | "finest"
            | "richest"
            | "deepest"
            | "broadest"
            | "cleanest"
            | "clearest"
            | "friendliest"
            | "leanest"
            | "lowest"
            | "smoothest"
            | "toughest"
            | "widest"
            | "coolest"
            | "brightest"
    );
    if !superlative || !l[end..].starts_with(' ') {
        return None;
    }
    // The words after it, read once: the next names an idiom, four a listicle's plural,
    // three what it ranks.
    let after: Vec<&str> = l[end + 1..]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(4)
        .collect();
    let next = if l[end + 1..].starts_with(|c: char| c.is_alphanumeric()) {
        after.first().copied().unwrap_or("")
    } else {
        ""
    };
    let idiom = matches!(
        next,
        "" | "for"
            | "of"
            | "practice"
            | "practices"
            | "regards"
            | "wishes"
            | "way"
            | "ways"
            | "friends"
            | "and"
            | "in"
            | "to"
            | "at"
            | "on"
            | "seller"
            | "sellers"
            | "selling"
            | "buy"
            | "known"
    );
    // A listicle's title ranks others' things: "Best Website Feedback Tools in 2024".
    let listicle = after.iter().any(|w| {
        matches!(
            *w,
            "tools"
                | "services"
                | "products"
                | "apps"
                | "solutions"
                | "platforms"
                | "alternatives"
                | "options"
                | "resources"
                | "libraries"
                | "frameworks"
                | "plugins"
                | "extensions"
                | "ideas"
                | "examples"
                | "tips"
                | "books"
                | "courses"
        )
    });
    // A question ("Biggest compliment from a user you've heard?") asks; the words after the
    // superlative must rank an offering or a quality of ours ("Best CMS on GitHub", "Utmost
    // flexibility"), not "Best uses for the logomark".
    let question = l.trim_end().ends_with('?');
    let ranked = &after[..after.len().min(3)];
    (!idiom && !listicle && !question && ranks_offering(ranked)).then_some(end)
}

/// The lexicon index a superlative found by grammar carries (no lexicon entry has it).
const BY_GRAMMAR: usize = usize::MAX;

pub fn check(cx: &SegmentCx, out: &mut Vec<Finding>) {
    // Superlatives by grammar, beyond the lexicon ("the most flexible", "the strongest",
    // "better than anyone"): reported only when said of the company, at medium confidence.
    let grammar: Vec<Hit> = if grammar_candidate(&cx.folded.lower)
        && (cx.standalone
            || cx.hits.iter().any(is_brand)
            || company_voice(&cx.folded.lower)
            || labelled_item(cx).is_some()
            || continues_ours(cx, 0)
            // Against the whole of a category ("faster than any other app builder"): what
            // is ranked is of that category, on our page ours (at medium confidence).
            || cx.folded.lower.contains(" than any other "))
    {
        by_grammar(&cx.folded.lower)
            .into_iter()
            // A line that opens with one: a heading, a feature label.
            .chain(
                opener(&cx.folded.lower)
                    .filter(|_| cx.standalone || short_line(cx))
                    .map(|end| (0, end)),
            )
            .filter(|&(s, e)| {
                !cx.hits
                    .iter()
                    .any(|h| matches!(h.entry, Entry::Superlative(_)) && h.start < e && s < h.end)
            })
            .map(|(start, end)| Hit {
                start,
                end,
                entry: Entry::Superlative(BY_GRAMMAR),
            })
            .collect()
    } else {
        Vec::new()
    };
    multipliers(cx, out);
    for h in cx.hits.iter().chain(&grammar) {
        let Entry::Superlative(i) = h.entry else {
            continue;
        };
        let by_rule = i == BY_GRAMMAR;
        let always = cx.index.superlatives.get(i).is_some_and(|s| s.always);
        // Ranked against the whole field ("is now the best of any commerce platform", "the
        // fastest of any"): a claim whoever the subject is, unless it is plainly someone
        // else's; without a subject of ours, at medium confidence.
        let against_all = of_any(&cx.folded.lower, h.end)
            || (by_rule && cx.folded.lower[h.start..h.end].contains(" than any other"));
        let mut unsure = false;
        match speaker(cx, h) {
            Speaker::Company => {}
            Speaker::Other => continue,
            Speaker::Unknown if always => {}
            Speaker::Unknown if against_all => unsure = true,
            Speaker::Unknown => continue,
        }
        if cx.index.in_approved_statement(cx.folded, h) {
            continue;
        }
        let original = cx.original(h.start, h.end);
        let help = match cx
            .platform
            .differentiators
            .first()
            .or(cx.platform.value_props.first())
        {
            Some(m) => format!("use approved wording, e.g. \"{}\"", m.statement),
            None => {
                "use approved wording, or get the claim approved and add it to the platform".into()
            }
        };
        out.push(Finding {
            rule: "unsupported-superlative",
            start: h.start,
            end: h.end,
            message: format!("\"{original}\" is a superlative claim no approved statement makes"),
            suggestion: None,
            help: Some(help),
            platform_ref: None,
            severity: None,
            confidence: (by_rule || unsure).then_some(crate::diagnostic::Confidence::Medium),
        });
    }
}

/// A multiplier the company claims when the platform approves none: "Acme loads databases
/// 10x faster than Notion", "5x the productivity". Beside an approved multiplier claim, only
/// a comparison with a competitor the claim does not name (the claim rule judges the rest
/// against its comparator). Medium confidence.
fn multipliers(cx: &SegmentCx, out: &mut Vec<Finding>) {
    let approved = cx
        .compiled
        .claims
        .iter()
        .any(|c| c.unit == Unit::Multiplier);
    // An approved multiplier's subject in the segment: the claim rule's to judge, unless
    // the comparison is with a competitor no approved multiplier names ("a signing
    // experience 10x faster than DocuSign" beside the approved "A 10x better signing
    // experience").
    let subject_here = approved
        && cx
            .subjects
            .iter()
            .any(|&(ci, _, _)| cx.compiled.claims[ci].unit == Unit::Multiplier);
    let text = cx.folded.lower.as_str();
    // A percentage compared with a competitor ("up to 60% faster than TinaCMS") is such a
    // comparison too; without a competitor after "than", only multipliers.
    for q in cx
        .quantities
        .iter()
        .filter(|q| matches!(q.unit, Unit::Multiplier | Unit::Percent))
    {
        let after = &text[q.end..];
        let word = after
            .trim_start()
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        if !matches!(
            word,
            "faster"
                | "quicker"
                | "cheaper"
                | "better"
                | "smaller"
                | "lighter"
                | "more"
                | "less"
                | "fewer"
                | "higher"
                | "greater"
                | "bigger"
                | "larger"
                | "the"
        ) {
            continue;
        }
        let end = q.end + (after.len() - after.trim_start().len()) + word.len();
        // The competitor it is compared with: named right after "than".
        let competitor = text[end..]
            .trim_start()
            .strip_prefix("than ")
            .map(|t| text.len() - t.len())
            .and_then(|at| {
                cx.hits.iter().find(|c| {
                    matches!(c.entry, Entry::Competitor(_)) && c.start >= at && c.start <= at + 4
                })
            });
        if q.unit == Unit::Percent && (word == "the" || competitor.is_none()) {
            continue;
        }
        // Beside an approved multiplier, only a comparison with a competitor is new ("5x
        // faster than a bare VM" compares with no one the platform names).
        if approved {
            let Some(competitor) = competitor else {
                continue;
            };
            let name = &text[competitor.start..competitor.end];
            let named_by_claim = cx.compiled.claims.iter().any(|c| {
                c.unit == Unit::Multiplier
                    && cx.platform.claims[c.index]
                        .statement
                        .to_lowercase()
                        .contains(name)
            });
            if subject_here && named_by_claim {
                continue;
            }
        }
        let h = Hit {
            start: q.start,
            end,
            entry: Entry::Superlative(BY_GRAMMAR),
        };
        // A multiplier is the company's whenever its clause names us ("Metabase gets you from
        // install to your first dashboard 10x faster than Tableau", "Deploy your apps 10x
        // faster than Heroku with Coolify"), not only with us as the subject of a linking
        // verb; someone else's is theirs ("Postgres is 3x faster…"), and the reader's own
        // ("deals with a technical champion close 3x faster") no comparison of ours.
        let ours = match speaker(cx, &h) {
            Speaker::Company => true,
            Speaker::Other => false,
            Speaker::Unknown => {
                let span = super::claims::clause(text, h.start, h.end);
                brand_in(cx, span)
            }
        };
        if !ours || cx.index.in_approved_statement(cx.folded, &h) {
            continue;
        }
        let original = cx.original(h.start, h.end);
        out.push(Finding {
            rule: "unsupported-superlative",
            start: h.start,
            end: h.end,
            message: format!("\"{original}\" is a comparative claim no approved statement makes"),
            suggestion: None,
            help: Some(
                "get the comparison approved (a claim with its comparator) or drop it".into(),
            ),
            platform_ref: None,
            severity: None,
            confidence: Some(crate::diagnostic::Confidence::Medium),
        });
    }
}

/// Words ending in "est" that are not superlatives ("the latest release", "the rest").
const NOT_EST: &[&str] = &[
    "rest",
    "latest",
    // Of time, not a ranking: "the newest features", "the earliest release".
    "newest",
    "earliest",
    "test",
    "interest",
    "request",
    "contest",
    "forest",
    "honest",
    "modest",
    "west",
    "nest",
    "guest",
    "chest",
    "quest",
    "protest",
    "suggest",
    "digest",
    "manifest",
    "harvest",
    "pest",
    "vest",
    "crest",
    "zest",
    "priest",
    "earnest",
    "conquest",
    "arrest",
    "invest",
    "midwest",
    "northwest",
    "southwest",
    "unrest",
    "behest",
    "bequest",
    "inquest",
    "tempest",
    "backtest",
    "pretest",
    "retest",
    "smoketest",
    "fest",
    "best",
];

/// Words after "the most" that do not make a claim ("the most of", "the most recent").
const NOT_MOST: &[&str] = &[
    "of",
    "part",
    "out",
    "recent",
    "recently",
    "likely",
    "common",
    "commonly",
    "basic",
    "frequent",
    "frequently",
    "important",
    "time",
    "relevant",
    "value",
    "use",
];

/// Superlatives and comparatives against everyone found by their grammar: "the most
/// <adjective>", "the <adjective>-est", "<comparative> than anyone / any other / anything
/// else / everyone", and "far superior". Byte ranges in the folded lowercase text.
pub fn by_grammar(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let words = super::claims::word_spans(text);
    for (k, &(at, w)) in words.iter().enumerate() {
        let prev = k.checked_sub(1).map(|j| words[j].1);
        let next = words.get(k + 1);
        // "the most …", or a possessive between: "the industry's most powerful", "the
        // market's fastest".
        let owner = k >= 2
            && prev.is_some_and(|p| p.len() > 2 && p.ends_with("'s"))
            && words[k - 2].1 == "the";
        let after_the = (prev == Some("the") && text[..at].trim_end().ends_with("the")) || owner;
        if w == "most"
            && after_the
            && let Some(&(n_at, n)) = next
            && n.len() >= 4
            && n.chars().all(|c| c.is_ascii_lowercase() || c == '-')
            && !NOT_MOST.contains(&n)
        {
            let start = words[k - if owner { 2 } else { 1 }].0;
            // A hyphenated compound is one word: "the most energy-efficient".
            let mut end = n_at + n.len();
            let b = text.as_bytes();
            while b.get(end) == Some(&b'-') && b.get(end + 1).is_some_and(u8::is_ascii_lowercase) {
                end += 1;
                while b.get(end).is_some_and(u8::is_ascii_lowercase) {
                    end += 1;
                }
            }
            out.push((start, end));
        } else if after_the
            && w.len() >= 6
            && w.ends_with("est")
            && w.chars().all(|c| c.is_ascii_lowercase())
            && !NOT_EST.contains(&w)
        {
            out.push((words[k - if owner { 2 } else { 1 }].0, at + w.len()));
        } else if w == "than"
            && let Some(&(n_at, n)) = next
        {
            let rest = &text[n_at..];
            let everyone = [
                "anyone",
                "anybody",
                "everyone",
                "everybody",
                "any other",
                "anything else",
                "the competition",
                "any competitor",
                // "faster than most of the current alternatives": ahead of nearly everyone.
                "most of the",
                "most other",
                "most alternatives",
                "most competitors",
            ];
            // The comparative right before "than", or "more" two or three words before it
            // ("more consistent results than any other testing tool").
            let comparative = |j: usize| {
                let w = words[j].1;
                w.ends_with("er") || matches!(w, "more" | "better")
            };
            let j = k.checked_sub(1).filter(|&j| comparative(j)).or_else(|| {
                (k.saturating_sub(5)..k.saturating_sub(1))
                    .rev()
                    .find(|&j| matches!(words[j].1, "more" | "fewer" | "less"))
                    .filter(|&j| {
                        words[j + 1..k]
                            .iter()
                            .all(|&(_, w)| !super::claims::is_stop_word(w) && w != "than")
                    })
            });
            if let Some(e) = everyone.iter().find(|e| rest.starts_with(**e))
                && let Some(j) = j
            {
                let _ = n;
                out.push((words[j].0, n_at + e.len()));
            }
        } else if w == "superior" && prev == Some("far") {
            out.push((words[k - 1].0, at + w.len()));
        }
    }
    out
}

/// Who a superlative is said of.
#[derive(Debug, PartialEq, Eq)]
pub enum Speaker {
    /// The company about itself: "Lumora is the best…", "Lumora's platform is the only…",
    /// "The Lumora platform is…", "Inbox by Lumora is…", "we are the…", "our platform is…",
    /// a subject-less heading ("The best help desk for growing brands").
    Company,
    /// Someone else: people or customers ("the world's most innovative engineers", "the
    /// world's leading companies rely on…"), an award or list title ("World's Best
    /// Workplaces"), another organisation's label ("GitHub: The world's leading…").
    Other,
    /// Not said: an ordinary superlative stays silent, puffery (`+` phrases) fires.
    Unknown,
}

/// Nouns for people and organisations: a superlative right before one describes them.
const PEOPLE: &[&str] = &[
    "engineers",
    "engineer",
    "people",
    "talent",
    "minds",
    "companies",
    "company",
    "brands",
    "teams",
    "customers",
    "organizations",
    "organisations",
    "businesses",
    "enterprises",
    "developers",
    "employers",
    "workplaces",
    "places",
    "investors",
    "experts",
    "banks",
    "universities",
    "retailers",
    "institutions",
    "partners",
    "leaders",
    "founders",
    "startups",
    "agencies",
    "hospitals",
    "governments",
    "designers",
    "scientists",
    "researchers",
    "minds",
    "employees",
    "members",
    "users",
    "creators",
    "thinkers",
    "devs",
    "folks",
    "individuals",
    "professionals",
    "writers",
    "publishers",
    "marketers",
    "analysts",
];

/// Whether the text speaks in the first person ("we ", "we're", "our "; not "your ").
pub(super) fn first_person(lower: &str) -> bool {
    use memchr::memmem::Finder;
    use std::sync::LazyLock;
    static WE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"we"));
    static OUR: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"our "));
    let b = lower.as_bytes();
    WE.find_iter(b).any(|i| {
        matches!(b.get(i + 2), Some(b' ' | b'\'')) && (i == 0 || !b[i - 1].is_ascii_alphanumeric())
    }) || OUR
        .find_iter(b)
        .any(|i| i == 0 || !b[i - 1].is_ascii_alphanumeric())
}

/// Whether the text is the company's voice: the first person, or the reader addressed as
/// "your" ("Put your pipelines into production with the most robust engine on the
/// market"): copy that speaks to the customer is the company speaking.
fn company_voice(lower: &str) -> bool {
    use memchr::memmem::Finder;
    use std::sync::LazyLock;
    static YOUR: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"your "));
    let b = lower.as_bytes();
    first_person(lower)
        || YOUR
            .find_iter(b)
            .any(|i| i == 0 || !b[i - 1].is_ascii_alphanumeric())
}

/// Words that make a capitalised superlative the title of an award or a list.
const AWARD: &[&str] = &[
    "workplaces",
    "workplace",
    "places to work",
    "award",
    "awards",
    "list",
    "ranking",
    "rankings",
    "honoree",
    "honorees",
    "named to",
    "recognized",
    "recognised",
    "winner",
    "winners",
    "companies to work for",
    "employers",
];

/// Verbs that join a subject to its superlative.
const VERBS: &[&str] = &[
    "is", "are", "remains", "remain", "was", "were", "becomes", "became", "become", "be",
];

/// Nouns that stand for the company's offering after its name or "the <name>".
const OFFERING: &[&str] = &[
    "platform",
    "product",
    "products",
    "solution",
    "solutions",
    "software",
    "tool",
    "tools",
    "service",
    "services",
    "app",
    "apps",
    "suite",
    "cloud",
    "system",
    "engine",
    "api",
    "team",
    "technology",
    "approach",
    "offering",
    "graph",
    "search",
    "assistant",
    "agent",
    "editor",
    "model",
    "models",
    "docs",
    "documentation",
    "support",
];

/// What a company offers besides its product, said in the first person: "world-class
/// onboarding", "the best support".
const OWN: &[&str] = &[
    "onboarding",
    "training",
    "integrations",
    "security",
    "reliability",
    "performance",
    "uptime",
    "customer",
    "help",
    "desk",
    "inbox",
    "features",
    "pricing",
    "value",
    "community",
];

/// Superlatives too common in ordinary prose to count without a named subject: only "Lumora
/// is unique…" is a claim, not a heading "Unique to Lumora" or "we had 16 unique bidders".
const WEAK: &[&str] = &["unique"];

fn is_brand(h: &Hit) -> bool {
    h.entry.is_brand()
}

/// Who the superlative at `h` is said of: the subject model documented in
/// `rules/unsupported-superlative.md`.
pub fn speaker(cx: &SegmentCx, h: &Hit) -> Speaker {
    let text = cx.folded.lower.as_str();
    let cased = cx.folded.cased.as_str();
    let span = super::claims::clause(text, h.start, h.end);
    if appositive(cx, h, span.clone()) {
        return Speaker::Company;
    }
    let after = &text[h.end..span.end.max(h.end)];
    // Advice on using us, not a rank: "The easiest way to use Acme is to run one of our
    // container releases", "the fastest way to try Acme out is via Heroku" — the goal
    // between "way to" and "is" names us (not "the easiest way to deploy is with Acme
    // Cloud", where we are the means).
    if let Some(goal) = after.strip_prefix(" way to ")
        && let Some(is) = goal.find(" is ")
    {
        let (g0, g1) = (h.end + " way to ".len(), h.end + " way to ".len() + is);
        if cx
            .hits
            .iter()
            .any(|b| is_brand(b) && b.start >= g0 && b.end <= g1)
        {
            return Speaker::Other;
        }
    }
    let next: Vec<&str> = after
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .filter(|w| !w.is_empty())
        .take(2)
        .collect();
    // People and customers: "the most innovative engineers", "the world's leading companies
    // rely on", "the best talent".
    if next.first().is_some_and(|w| PEOPLE.contains(w))
        || (next.len() == 2
            && PEOPLE.contains(&next[1])
            && (!OFFERING.contains(&next[0]) || next[1].ends_with('s')))
    {
        return Speaker::Other;
    }
    // The people's own measure: "for organizations with the highest security requirements",
    // "teams with the most demanding workloads".
    let lead_words: Vec<&str> = text[span.start..h.start]
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    if let [.., people, "with"] | [.., people, "with", "the"] = lead_words[..]
        && PEOPLE.contains(&people)
    {
        return Speaker::Other;
    }
    // A stretch of time, not an offering: "the craziest and busiest time we've ever had",
    // "our biggest year yet".
    // ("The fastest time to value" is a metric, not a stretch of time.)
    let after_words: Vec<&str> = text[h.end..span.end.max(h.end)]
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .take(5)
        .collect();
    let ranked = after_words
        .iter()
        .take(4)
        .position(|w| !matches!(*w, "and" | "or" | "most" | "more") && !w.ends_with("est"));
    // A time word that modifies the noun after it ranks that noun: "the best time tracker",
    // "the fastest time-series database" are offerings.
    let compound = |i: usize| {
        after_words.get(i + 1).is_some_and(|n| {
            !super::claims::is_stop_word(n)
                && !n.bytes().all(|b| b.is_ascii_digit())
                && !matches!(
                    *n,
                    "yet"
                        | "ever"
                        | "we've"
                        | "we'd"
                        | "i've"
                        | "you've"
                        | "so"
                        | "far"
                        | "since"
                        | "when"
                        | "where"
                        | "that"
                        | "which"
                        | "we"
                        | "i"
                        | "you"
                        | "they"
                )
        })
    };
    let ranked = ranked
        .filter(|&i| after_words.get(i + 1) != Some(&"to") && !compound(i))
        .map(|i| after_words[i]);
    if ranked.is_some_and(|w| {
        matches!(
            w,
            "time"
                | "times"
                | "day"
                | "days"
                | "week"
                | "weeks"
                | "month"
                | "months"
                | "year"
                | "years"
                | "quarter"
                | "season"
                | "period"
                | "moment"
                | "moments"
        )
    }) {
        return Speaker::Other;
    }
    // The hardest case, not a rank: "handles even the most bandwidth-intensive services".
    if text[span.start..h.start].trim_end().ends_with("even") {
        return Speaker::Other;
    }
    let sentence = &text[span.clone()];
    let award = AWARD
        .iter()
        .any(|a| !super::claims::find_words(sentence, a).is_empty());
    // A title: the superlative capitalised mid-sentence, or followed by a capitalised word
    // ("World's Best Workplaces", "named to Fortune's Best Places").
    let hit_cased = cased.get(h.start..h.end).unwrap_or("");
    let caps = hit_cased
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty() && !matches!(*w, "the" | "The"))
        .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    let next_cap = cased[h.end..]
        .trim_start()
        .chars()
        .next()
        .is_some_and(char::is_uppercase);
    if caps && (award || (next_cap && !cx.standalone)) {
        return Speaker::Other;
    }
    // A goal, not a claim: "Our FY23 focus is to build a world-class training experience",
    // "we aim to be the fastest".
    if aspiration(&text[span.start..h.start]) {
        return Speaker::Other;
    }
    // Denied, not claimed: "Acme is not the best fit if…", "it isn't the fastest" (but "not
    // just the fastest" still claims it).
    if negated(&text[span.start..h.start]) {
        return Speaker::Other;
    }
    // A quotation (six words or more between double quotes): a customer's or a reviewer's
    // words, not the company's claim.
    if quoted(text, h.start, h.end) || cx.segment.quote {
        return Speaker::Other;
    }
    // A statement about a kind of thing: "A self-hosted collaboration software offers
    // businesses unparalleled control" — an indefinite subject and its verb, no name of ours.
    if generic_subject(cx, h, span.clone()) {
        return Speaker::Other;
    }
    // Another organisation's label: "GitHub: The world's leading…".
    let lead = &cased[span.start..h.start];
    if let Some((label, rest)) = lead.split_once(':')
        // The superlative opens the text after the label (an article at most before it):
        // "Cloud: Benefit from the most secure…" is our item speaking to the reader.
        && rest
            .split_whitespace()
            .all(|w| matches!(w, "The" | "the" | "A" | "a" | "An" | "an"))
    {
        let label = label.trim();
        let named = label
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
        let ours = cx
            .hits
            .iter()
            .any(|b| is_brand(b) && b.start >= span.start && b.end <= span.start + lead.len());
        if named && !ours && !label.is_empty() && label.split_whitespace().count() <= 4 {
            return Speaker::Other;
        }
    }
    // A verdict someone else gave: "PCMag named Acme the best pick", "G2 ranked Acme the
    // easiest to use" — reported, and theirs.
    if reported_verdict(cx, h, span.clone()) {
        return Speaker::Other;
    }
    if cx.index.about_company(cx.folded, cx.hits, h) {
        return Speaker::Company;
    }
    // Said of our own thing as its modifier: "our world class Temporal Cloud service", "the
    // fastest Acme Cloud": "our" right before it, or the company's or a product's name right
    // after it (people after it were handled above).
    let our_before = text[span.start..h.start]
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .is_some_and(|w| w == "our");
    let brand_after = cx
        .hits
        .iter()
        .find(|b| is_brand(b) && b.start > h.end && text[h.end..b.start].trim().is_empty());
    // "See the leading Acme features", "the most popular Acme templates": a plural right
    // after the name ranks our own things among themselves, against no one.
    if let Some(b) = brand_after
        && text[b.end..]
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty())
            .is_some_and(|w| w.len() > 3 && w.ends_with('s') && !w.ends_with("ss"))
        && text[b.end..].starts_with(' ')
    {
        return Speaker::Other;
    }
    if our_before || brand_after.is_some() {
        return Speaker::Company;
    }
    // Our thing as the subject, "Acme's self-hosted solution provides unmatched control",
    // or our product as the means, "With Acme, you get the best collaboration software".
    let sentence_start = super::claims::sentences(text)
        .into_iter()
        .find(|r| r.start <= h.start && h.start < r.end.max(r.start + 1))
        .map_or(span.start, |r| r.start);
    let owner_first = cx.hits.iter().any(|b| {
        is_brand(b)
            && b.start >= span.start
            && {
                let before = text[span.start..b.start].trim_end();
                before.is_empty() || before.ends_with(',')
            }
            && text[b.end..].starts_with("'s ")
            && b.end < h.start
    });
    let opening = &text[sentence_start..h.start];
    let with_at = sentence_start + (opening.len() - opening.trim_start().len()) + "with ".len();
    let with_ours = opening.trim_start().starts_with("with ")
        && cx.hits.iter().any(|b| {
            is_brand(b) && b.start == with_at && b.end < h.start && text[b.end..].starts_with(',')
        });
    if owner_first || with_ours {
        return Speaker::Company;
    }
    // "It also has a far superior speed…" right after a sentence that opens with the
    // company's name: the pronoun continues that subject.
    if continues_ours(cx, span.start) {
        return Speaker::Company;
    }
    // A comparison against everyone in a clause the company opens: "Acme keeps your notes
    // private better than anyone", "we do it better than any other tool".
    if text[h.start..h.end].contains(" than ") {
        let opens = text[span.start..h.start].trim_start();
        let ours_first = cx.hits.iter().any(|b| {
            is_brand(b) && b.start >= span.start && text[span.start..b.start].trim().is_empty()
        });
        if ours_first || opens.starts_with("we ") || opens.starts_with("our ") {
            return Speaker::Company;
        }
    }
    if WEAK.contains(&&text[h.start..h.end]) {
        // "What's unique about us": said of ourselves.
        let after = text[h.end..].trim_start();
        if after.starts_with("about us") || after.starts_with("about our") {
            return Speaker::Company;
        }
        return Speaker::Unknown;
    }
    if subject_is_ours(cx, h, span.clone())
        || sentence_subject_is_ours(cx, h)
        || predicate_is_ours(cx, h, span.clone())
    {
        return Speaker::Company;
    }
    // "The best search experience ever made", "the largest PyCon sprint ever" in a sentence
    // that names the company or speaks in the first person: a record the company claims.
    if ever_after(text, h.end, span.end)
        && (brand_in(cx, span.clone()) || company_voice(&text[span.clone()]))
    {
        return Speaker::Company;
    }
    // A feature list's item, "1s granularity: The highest possible resolution for all
    // metrics.": the text after the label is a subject-less fragment about the labelled
    // feature, as a heading's is (a label that names someone else was handled above).
    // Further into the item, a description that speaks to the reader ("Efficient – You can
    // monitor with minimal resource usage and unmatched scalability") is the company
    // describing its feature too.
    if let Some(at) = labelled_item(cx)
        && h.start >= at
        && !award
    {
        let before = text[at..h.start].trim();
        let description = &text[at..span.end.max(at)];
        // Only a feature's description: the superlative in its first sentence, a few words
        // in, under a label that names a feature — not an answer ("A: We will always hire
        // the best candidate"), a form's field or a process step further into a paragraph
        // ("Details: You will discuss the most complex problem…").
        let label = text[..at]
            .trim()
            .trim_end_matches([':', '-', '–', '—'])
            .trim()
            .trim_start_matches(['-', '*'])
            .trim();
        let generic_label = matches!(
            label,
            "a" | "q"
                | "answer"
                | "question"
                | "details"
                | "note"
                | "notes"
                | "description"
                | "example"
                | "tip"
                | "summary"
                | "context"
                | "why"
                | "what"
                | "when"
                | "how"
                | "who"
                | "where"
                | "goal"
                | "goals"
                | "purpose"
                | "outcome"
                | "result"
        );
        let first_sentence = !before.contains(". ") && !before.contains("? ");
        let near = before.split_whitespace().count() <= 12;
        // An item that tells the reader what they get: "Cloud: Benefit from the industry's
        // most secure cloud infrastructure".
        let imperative = description
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .is_some_and(|w| {
                matches!(
                    w,
                    "benefit" | "enjoy" | "get" | "experience" | "leverage" | "discover"
                )
            });
        let to_reader = first_sentence
            && near
            && !generic_label
            && (company_voice(description)
                || imperative
                || description
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| w == "you"));
        if before.is_empty() || matches!(before, "the" | "a" | "an") || to_reader {
            return Speaker::Company;
        }
    }
    // A sentence that opens by telling the reader what they get from us: "Benefit from the
    // fastest-growing open source community", "Enjoy the most complete picture …" — the
    // verb opens the sentence and the superlative follows it within two words.
    {
        let opening: Vec<&str> = text[span.start..h.start]
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        if let [verb, rest @ ..] = opening.as_slice()
            && matches!(
                *verb,
                "benefit" | "enjoy" | "experience" | "leverage" | "discover"
            )
            && rest.len() <= 2
            && rest
                .iter()
                .all(|w| matches!(*w, "from" | "the" | "a" | "an"))
            && !award
            && ranks_offering(
                &text[h.end..span.end]
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .take(4)
                    .collect::<Vec<_>>(),
            )
        {
            return Speaker::Company;
        }
    }
    // Our own making after it: "the most trusted open-source surveying infrastructure
    // we're building", "the fastest engine we have ever shipped".
    if we_make_it(text, h.end, span.end) {
        return Speaker::Company;
    }
    // A line without a verb that opens with the superlative ("The fastest JavaScript web
    // server ever built.", "The ultimate service for managing notifications with a single
    // API."): a subject-less fragment speaks as a heading does.
    if !award && fragment(cx, h) {
        return Speaker::Company;
    }
    // Someone named before it in running text: "The Bardo museum hosts one of the world's
    // most…", "Planet Express is a customer with an industry-leading platform".
    if !cx.standalone && named_before(cx, h, span.clone()) {
        return Speaker::Other;
    }
    // A subject-less heading: the superlative opens it ("The best help desk…",
    // "Fastest-growing scheduling tool").
    if (cx.standalone || short_line(cx) || feature_label(cx)) && !award {
        let before = text[..h.start].trim();
        let words = before.split_whitespace().count();
        if words == 0 || (words == 1 && matches!(before, "the" | "a" | "an" | "#" | "-")) {
            return Speaker::Company;
        }
    }
    Speaker::Unknown
}

/// Whether the clause's subject is indefinite and generic, with its verb, before the
/// superlative: "A self-hosted collaboration software offers businesses unparalleled control"
/// (no name of ours in it). A heading without a verb ("A platform with unmatched speed")
/// is not one.
fn generic_subject(cx: &SegmentCx, h: &Hit, span: std::ops::Range<usize>) -> bool {
    let text = cx.folded.lower.as_str();
    let lead = text[span.start..h.start].trim_start();
    if !(lead.starts_with("a ") || lead.starts_with("an ")) {
        return false;
    }
    if cx
        .hits
        .iter()
        .any(|b| is_brand(b) && b.start >= span.start && b.end <= h.start)
    {
        return false;
    }
    lead.split(|c: char| !c.is_alphanumeric()).any(|w| {
        matches!(
            w,
            "offers" | "provides" | "gives" | "delivers" | "brings" | "lets" | "helps" | "means"
        )
    })
}

/// The sentence's own subject, past commas: it opens with the company or a product and a
/// linking verb ("Meilisearch is, and will always be, the best…"), or with "we" and a verb
/// of having or making, the superlative describing a thing rather than people ("We built
/// Plausible to be the only web analytics…", "We're proud to have one of the most
/// lightweight snippets").
fn sentence_subject_is_ours(cx: &SegmentCx, h: &Hit) -> bool {
    let text = cx.folded.lower.as_str();
    let start = super::claims::clause(text, h.start, h.end).start;
    let lead = &text[start..h.start];
    let words: Vec<&str> = lead
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() > 14 {
        return false;
    }
    let brand_first = cx.hits.iter().any(|b| {
        is_brand(b) && b.start >= start && b.end <= h.start && {
            let pre = text[start..b.start].trim();
            matches!(pre, "" | "the") || introductory(pre)
        }
    });
    if brand_first {
        let after_brand = cx
            .hits
            .iter()
            .filter(|b| is_brand(b) && b.start >= start && b.end <= h.start)
            .map(|b| b.end)
            .min()
            .unwrap_or(h.start);
        let next = text[after_brand..h.start]
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty());
        return next.is_some_and(|w| matches!(w, "is" | "are" | "remains" | "was" | "will"));
    }
    let first_person = matches!(words.first(), Some(&("we" | "we're" | "we've")));
    let making = words.iter().any(|w| {
        matches!(
            *w,
            "built" | "build" | "have" | "offer" | "ship" | "made" | "make" | "provide" | "deliver"
        )
    });
    let mentions_us = cx
        .hits
        .iter()
        .any(|b| is_brand(b) && b.start >= start && b.end <= h.start)
        || words.iter().any(|w| matches!(*w, "proud"));
    first_person && making && mentions_us
}

/// Whether the sentence starting at `start` opens with the pronoun "it" ("It also has…",
/// "It's the…") right after a sentence that opens with the company's or a product's name:
/// the sentence before in the segment, or the segment before when this is the first.
fn continues_ours(cx: &SegmentCx, start: usize) -> bool {
    let text = cx.folded.lower.as_str();
    let sentence = text[start..].trim_start();
    if !(sentence.starts_with("it ") || sentence.starts_with("it's ")) {
        return false;
    }
    let head = text[..start].trim_end();
    if head.is_empty() {
        return cx.previous_ours;
    }
    // The sentence before, in this segment.
    let at = crate::document::floor_char(text, head.len().saturating_sub(1));
    let prev = super::claims::clause(text, at, at);
    let lead = prev.start + (text[prev.clone()].len() - text[prev].trim_start().len());
    cx.hits.iter().any(|b| is_brand(b) && b.opens(text, lead))
}

/// A list item that opens with a short label (one to four words) and a colon or a dash:
/// "1s granularity: The highest possible resolution…", "Efficient – You can monitor…". The
/// byte offset, in the folded text, where the text after the label starts.
fn labelled_item(cx: &SegmentCx) -> Option<usize> {
    if cx.segment.scope != crate::document::Scope::ListItem {
        return None;
    }
    let text = cx.folded.lower.as_str();
    let head = &text[..crate::document::floor_char(text, text.len().min(64))];
    let (p, sep) = [": ", " - ", " – ", " — "]
        .iter()
        .filter_map(|sep| head.find(sep).map(|p| (p, sep.len())))
        .min()?;
    let words = text[..p].split_whitespace().count();
    (1..=4).contains(&words).then_some(p + sep)
}

/// A short body line without a sentence end (at most 12 words, capitalised): a caption or a
/// tagline set as a paragraph ("The #1 fair-code workflow automation platform for technical
/// teams" under a stat), which speaks as a heading does.
fn short_line(cx: &SegmentCx) -> bool {
    let t = cx.segment.text.trim();
    cx.segment.scope == crate::document::Scope::Body
        && (1..=12).contains(&t.split_whitespace().count())
        && !t.ends_with(['.', '!', '?', ':', ';', ','])
        && !t.contains('\n')
        && t.chars().next().is_some_and(char::is_uppercase)
}

/// A list item that is a feature's label: one to four words without a sentence end,
/// capitalised ("- Unmatched scalability" in a list of features), as a heading is.
fn feature_label(cx: &SegmentCx) -> bool {
    let t = cx.folded.cased.trim();
    cx.segment.scope == crate::document::Scope::ListItem
        && (1..=4).contains(&t.split_whitespace().count())
        && !t.ends_with(['.', '!', '?', ':', ';', ','])
        && t.chars().next().is_some_and(char::is_uppercase)
}

/// A record's scope after the superlative: "ever" within its next five words ("the best
/// search experience ever made", "the biggest release we've ever done"), or the whole field
/// within its next eight ("the easiest, most effective troubleshooting solution on the
/// planet", "… in the world", "… on the market").
fn ever_after(text: &str, end: usize, clause_end: usize) -> bool {
    let words: Vec<&str> = text[end..clause_end.max(end)]
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .take(10)
        .collect();
    words.iter().take(5).any(|w| *w == "ever")
        || words.windows(3).take(8).any(|w| {
            matches!(
                w,
                ["on", "the", "planet"]
                    | ["in", "the", "world"]
                    | ["on", "the", "market"]
                    | ["on", "the", "internet"]
            )
        })
}

/// Whether the company or a product is named in `span`.
pub(super) fn brand_in(cx: &SegmentCx, span: std::ops::Range<usize>) -> bool {
    cx.hits
        .iter()
        .any(|b| is_brand(b) && b.start >= span.start && b.end <= span.end)
}

/// Whether the words before the superlative set a goal: a word of intent ("aim", "goal",
/// "focus", "mission", "strive", "want", "hope", "plan", "working") and then "to <verb>"
/// right before it ("to build a", "to become the", "to be"), or an invitation to help
/// build it ("help us build the most robust…", "helps us make Acme the best…").
fn aspiration(lead: &str) -> bool {
    let words: Vec<&str> = lead
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    let n = words.len();
    let goal = |v: &str| {
        matches!(
            v,
            "build"
                | "create"
                | "become"
                | "be"
                | "deliver"
                | "provide"
                | "offer"
                | "make"
                | "give"
                | "develop"
                | "design"
        )
    };
    // An invitation to help build it: "help us build the most robust…", "all feedback
    // helps us make Acme the best product possible".
    let tail = &words[n.saturating_sub(4)..];
    if let Some(v) = tail.iter().position(|w| goal(w))
        && tail[..v]
            .windows(2)
            .any(|w| matches!(w[0], "help" | "helps" | "helping") && w[1] == "us")
    {
        return true;
    }
    // "to <verb> [a|an|the|one of the]" at the end.
    let Some(to) = words
        .iter()
        .rposition(|w| *w == "to")
        .filter(|&i| n - i <= 5)
    else {
        return false;
    };
    let next = words.get(to + 1).copied().unwrap_or("");
    // A commitment: "committed to having best-in-class resource utilization", "dedicated
    // to building the most…".
    if words[..to]
        .last()
        .is_some_and(|w| matches!(*w, "committed" | "dedicated" | "determined"))
        && matches!(
            next,
            "having" | "being" | "building" | "providing" | "delivering" | "offering" | "making"
        )
    {
        return true;
    }
    let goal_verb = goal(next);
    let intent = words[..to].iter().any(|w| {
        matches!(
            *w,
            "aim"
                | "aims"
                | "goal"
                | "goals"
                | "focus"
                | "mission"
                | "strive"
                | "strives"
                | "aspire"
                | "aspires"
                | "aspiration"
                | "want"
                | "wants"
                | "hope"
                | "hopes"
                | "plan"
                | "plans"
                | "working"
                | "objective"
                | "ambition"
                | "vision"
        )
    });
    goal_verb && intent
}

/// Whether the word right before the superlative denies it: "not", "never", "n't" ("is not
/// the best fit", "isn't necessarily the fastest"), past an article and a hedge.
fn negated(lead: &str) -> bool {
    lead.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .rev()
        .find(|w| {
            !matches!(
                *w,
                "the" | "a" | "an" | "necessarily" | "always" | "exactly" | "quite" | "really"
            )
        })
        .is_some_and(|w| matches!(w, "not" | "never") || w.ends_with("n't"))
}

/// Whether `start..end` sits inside a quotation of six words or more: a customer's or a
/// reviewer's words.
pub(super) fn quoted(text: &str, start: usize, end: usize) -> bool {
    // A quotation is a few sentences at most: read 2 KB each way, so a page of many hits
    // stays linear.
    const REACH: usize = 2048;
    let from = crate::document::floor_char(text, start.saturating_sub(REACH));
    let before = &text[from..start];
    if before.matches('"').count().is_multiple_of(2) {
        return false;
    }
    let to = crate::document::floor_char(text, (end + REACH).min(text.len()));
    let (Some(open), Some(close)) = (before.rfind('"'), text[end..to].find('"')) else {
        return false;
    };
    text[from + open + 1..end + close]
        .split_whitespace()
        .count()
        >= 6
}

/// Whether the company's or a product's name covers byte `at` of the segment.
fn brand_at(cx: &SegmentCx, at: usize) -> bool {
    cx.hits
        .iter()
        .any(|b| is_brand(b) && b.start <= at && at < b.end)
}

/// Whether the superlative is a verdict a named third party gave us: "<Name> named|called|
/// ranked|rated|voted|dubbed <us> <superlative>".
fn reported_verdict(cx: &SegmentCx, h: &Hit, span: std::ops::Range<usize>) -> bool {
    let cased = cx.folded.cased.as_str();
    let words = super::claims::word_spans(&cased[span.start..h.start]);
    let Some(v) = words.iter().rposition(|&(_, w)| {
        matches!(
            w,
            "named" | "called" | "ranked" | "rated" | "voted" | "dubbed" | "crowned"
        )
    }) else {
        return false;
    };
    // The verb's object is us, a few words at most: "named Acme", "called Acme Cloud".
    let object = &words[v + 1..];
    if object.is_empty() || object.len() > 3 {
        return false;
    }
    let ours = |at: usize| brand_at(cx, span.start + at);
    if !ours(object[0].0) {
        return false;
    }
    // Its subject a name that is not ours: "PCMag", "The Verge", "Forbes", "Travis of
    // travis.media" (a name up to four words before the verb).
    words[v.saturating_sub(4)..v].iter().any(|&(at, w)| {
        w.chars().next().is_some_and(char::is_uppercase)
            && !ours(at)
            && !matches!(w, "We" | "I" | "The" | "A" | "An" | "It" | "They" | "You")
    })
}

/// A proper name that is not ours before the superlative in its clause: a capitalised word
/// that does not open the clause, or two capitalised words in a row.
fn named_before(cx: &SegmentCx, h: &Hit, span: std::ops::Range<usize>) -> bool {
    let cased = cx.folded.cased.as_str();
    // After a label's colon ("Security: Admins can configure…") a sentence starts anew.
    let start = cased[span.start..h.start]
        .rfind(": ")
        .map_or(span.start, |i| span.start + i + 2);
    let lead = &cased[start..h.start];
    let words: Vec<(usize, &str)> = super::claims::word_spans(lead);
    let ours = |at: usize| brand_at(cx, start + at);
    let cap = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    words.iter().enumerate().any(|(k, &(at, w))| {
        cap(w)
            && !ours(at)
            && w.len() > 1
            // A name with a capital inside ("PCMag named Acme the best pick") is a name
            // even where it opens the clause.
            && (k > 0
                || words.get(1).is_some_and(|&(_, n)| cap(n))
                || w.chars().skip(1).any(char::is_uppercase)
                // The subject of a copula the clause opens with: "Postgres is the world's
                // most advanced…" (a pronoun may still be us).
                || (words.len() >= 2
                    && matches!(words[1].1, "is" | "are" | "was" | "were" | "remains")
                    && words[2..]
                        .iter()
                        .all(|&(_, x)| matches!(x, "the" | "a" | "an" | "one" | "of"))
                    && !matches!(
                        w,
                        "It" | "This" | "That" | "There" | "Here" | "What" | "Which" | "Who"
                            | "You" | "They" | "He" | "She" | "Everything" | "Nothing"
                    )
                    && !super::claims::is_stop_word(&w.to_lowercase())))
            && !matches!(w, "I" | "We" | "Our" | "The" | "A" | "An")
    })
}

/// "As one of the world's largest …, Lumora provides …": the introductory phrase describes
/// the company named right after its comma.
fn appositive(cx: &SegmentCx, h: &Hit, span: std::ops::Range<usize>) -> bool {
    let text = cx.folded.lower.as_str();
    if !text[span.start..h.start].trim_start().starts_with("as ") {
        return false;
    }
    let rest = &text[h.end..span.end.max(h.end)];
    let Some(comma) = rest.find(',') else {
        return false;
    };
    let after = rest[comma + 1..].trim_start();
    let at = h.end + comma + 1 + (rest[comma + 1..].len() - after.len());
    cx.hits.iter().any(|b| is_brand(b) && b.start == at)
}

/// Verbs of our own making after a superlative's noun: "the most trusted infrastructure
/// we're building", "the fastest engine we've ever shipped".
const MAKING: &[&str] = &[
    "build",
    "building",
    "built",
    "ship",
    "shipping",
    "shipped",
    "offer",
    "offering",
    "offered",
    "create",
    "creating",
    "created",
    "design",
    "designing",
    "designed",
    "release",
    "released",
    "launch",
    "launched",
    "develop",
    "developing",
    "developed",
];

/// Whether "we" and a verb of making follow the superlative's noun in its clause: within
/// six words, "we" [aux] [ever] <making verb>.
fn we_make_it(text: &str, end: usize, clause_end: usize) -> bool {
    let words: Vec<&str> = text[end..clause_end.max(end)]
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .take(10)
        .collect();
    let Some(we) = words
        .iter()
        .take(6)
        .position(|w| matches!(*w, "we" | "we're" | "we've" | "we'll"))
    else {
        return false;
    };
    // The words between the superlative and "we" are its noun: no verb or clause word.
    if words[..we].iter().any(|w| {
        matches!(
            *w,
            "that" | "which" | "is" | "are" | "and" | "but" | "for" | "to"
        )
    }) && words[..we].last().is_none_or(|w| *w != "that")
    {
        return false;
    }
    words[we + 1..]
        .iter()
        .take(3)
        .find(|w| {
            !matches!(
                **w,
                "are" | "have" | "ever" | "will" | "now" | "just" | "had"
            )
        })
        .is_some_and(|w| MAKING.contains(w))
}

/// Finite verbs and auxiliaries: a line with one of them is a sentence, not a fragment.
const FINITE: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "do", "does",
    "did", "can", "could", "will", "would", "should", "may", "might", "must", "shall", "it's",
    "that's", "there's", "get", "gets", "got", "make", "makes", "made", "help", "helps", "let",
    "lets", "offers", "provides", "keeps", "means", "need", "needs", "comes", "goes", "takes",
    "includes", "use", "uses", "run", "runs", "works", "gives", "trust", "trusts", "rely",
    "relies", "love", "loves", "choose", "chooses", "pick", "picks", "say", "says", "said",
    "think", "thinks", "know", "knows", "want", "wants", "find", "finds", "see", "sees", "try",
    "join", "start", "learn", "read", "check", "discover", "explore", "meet", "we", "you", "i",
    "they", "he", "she", "it",
];

/// Whether one of `words` (those right after a superlative) names an offering of ours or a
/// quality of it: "server", "service", "platform", "CMS", "flexibility".
fn ranks_offering(words: &[&str]) -> bool {
    words.iter().any(|w| {
        OFFERING.contains(w)
            || OWN.contains(w)
            || matches!(
                *w,
                "server"
                    | "runtime"
                    | "database"
                    | "cms"
                    | "crm"
                    | "framework"
                    | "library"
                    | "sdk"
                    | "cli"
                    | "infrastructure"
                    | "experience"
                    | "workflow"
                    | "workflows"
                    // A quality of ours: "Unmatched flexibility for technical teams".
                    | "flexibility"
                    | "speed"
                    | "simplicity"
                    | "scalability"
                    | "control"
                    | "privacy"
                    | "visibility"
                    | "accuracy"
                    | "quality"
                    | "usability"
            )
    })
}

/// Whether the superlative ending at `end` ranks against the whole field: "of any" right
/// after it ("the best of any commerce platform") or after its noun, a few words on, with no
/// verb or punctuation between, before a field of offerings ("the largest collection of
/// open-source integrations of any AI agent platform") — not a measure ("of any size"), nor
/// a group ranked among itself ("the best grades of any student").
fn of_any(lower: &str, end: usize) -> bool {
    let rest = &lower[end..];
    let Some(at) = rest.find(" of any ") else {
        return false;
    };
    let between = &rest[..at];
    if between.is_empty() {
        return true;
    }
    let words: Vec<&str> = between.split_whitespace().collect();
    let field: Vec<&str> = rest[at + " of any ".len()..]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(4)
        .collect();
    let after = field.first().copied().unwrap_or("");
    // The field is of offerings ("of any AI agent platform"), not a group of people or
    // things ranked among themselves ("the best grades of any student in her year").
    ranks_offering(&field)
        && words.len() <= 5
        && !between.contains([',', '.', ';', ':', '!', '?', '(', ')'])
        && !words.iter().any(|w| FINITE.contains(w))
        && !matches!(
            after,
            "size"
                | "kind"
                | "type"
                | "sort"
                | "length"
                | "scale"
                | "shape"
                | "form"
                | "time"
                | "sizes"
                | "kinds"
                | "types"
        )
}

/// A line that opens with the superlative ("the" at most before it) and has no verb: at most
/// sixteen words, one sentence, none of them finite, and no advice ("The best way to …").
fn fragment(cx: &SegmentCx, h: &Hit) -> bool {
    use crate::document::Scope;
    // A paragraph: a list item that opens with a superlative is as often a link to an
    // article ("The best credit cards for 2017").
    if cx.segment.scope != Scope::Body {
        return false;
    }
    let text = cx.folded.lower.as_str();
    let lead = text[..h.start].trim();
    if !matches!(lead, "" | "the") {
        return false;
    }
    // An approved wording that opens so ("The ultimate Free Open Source Solution for team
    // communications") reworded is the message rules' to judge.
    if cx.index.approved_has(&text[h.start..h.end]) {
        return false;
    }
    let body = text.trim_end().trim_end_matches(['.', '!']);
    if body.contains(['.', '?', '!', ';', ':', '\n']) {
        return false;
    }
    let words: Vec<&str> = body
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() > 16 || words.iter().any(|w| FINITE.contains(w)) {
        return false;
    }
    let after: Vec<&str> = text[h.end..]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(5)
        .collect();
    // What the superlative ranks is an offering of ours ("server", "service", "platform"),
    // not ideas or people ("The best ideas come from a diverse set of backgrounds").
    let offering = ranks_offering(&after);
    offering && !matches!(after.as_slice(), [_, "to" | "of", ..] | ["of", ..])
}

/// The clause's subject is the company: it opens with the company or a product (possibly
/// "the", possessive "'s", an offering noun, "by <company>") or with "we"/"our", and a verb
/// ("is", "are", "remains") joins it to the superlative; or "As one of the world's largest
/// …, Lumora …" puts the company right after the introductory phrase.
fn subject_is_ours(cx: &SegmentCx, h: &Hit, span: std::ops::Range<usize>) -> bool {
    let text = cx.folded.lower.as_str();
    let lead = &text[span.start..h.start];
    let words: Vec<&str> = lead
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .filter(|w| !w.is_empty())
        .collect();
    // "we …" / "our … is": the company speaking in the first person, about its offering
    // ("We give every team world-class onboarding"); not "we hire the best people" or "we
    // find the best solution".
    if let Some(first) = words.first()
        && matches!(*first, "we" | "we're" | "our")
    {
        let next: Vec<&str> = text[h.end..span.end.max(h.end)]
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .filter(|w| !w.is_empty())
            .take(2)
            .collect();
        return next.iter().any(|w| OFFERING.contains(w) || OWN.contains(w));
    }
    // A brand at the start of the clause (after "the").
    let Some(brand) = cx
        .hits
        .iter()
        .filter(|b| is_brand(b) && b.start >= span.start && b.end <= h.start)
        .find(|b| {
            let pre = text[span.start..b.start].trim();
            let pre = pre.trim_start_matches(|c: char| !c.is_alphanumeric());
            matches!(
                pre,
                "" | "the" | "learn how" | "see how" | "discover how" | "how"
            ) || introductory(pre)
                // A short label before a colon opens a sentence anew: "Spoiler: Acme is
                // the only …", "Fun fact: Acme …".
                || pre.strip_suffix(':').is_some_and(|l| {
                    (1..=2).contains(&l.split_whitespace().count())
                        && l.chars().all(|c| c.is_alphabetic() || c == ' ')
                })
        })
    else {
        return false;
    };
    // The company as the clause's subject with a verb of its own: "GitLab offers unmatched
    // visibility", "Zulip has built the most active community" (a few words, no clause break).
    let gap = &text[brand.end..h.start];
    let gap_words: Vec<&str> = gap.split_whitespace().collect();
    // "Ghost comes with world-class SEO": a phrasal verb of having.
    let having = matches!(
        gap_words.as_slice(),
        [.., "comes" | "come" | "ships" | "ship", "with"]
    );
    if (1..=3).contains(&gap_words.len())
        && !gap.contains([',', ';', ':', '('])
        && (having
            || !gap_words.iter().any(|w| {
                matches!(
                    *w,
                    "that"
                        | "which"
                        | "who"
                        | "and"
                        | "or"
                        | "but"
                        | "with"
                        | "for"
                        | "to"
                        | "of"
                        | "in"
                        | "on"
                        | "from"
                        | "like"
                        | "than"
                )
            }))
        && !gap_words
            .first()
            .is_some_and(|w| VERBS.contains(w) || *w == "'s" || *w == "s")
    {
        return true;
    }
    let between: Vec<&str> = text[brand.end..h.start]
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut i = 0;
    // "Lumora's platform", "the Lumora platform", "Lumora Cloud by Lumora".
    if between.first().is_some_and(|w| *w == "'s" || *w == "s") {
        i += 1;
    }
    let mut nouns = 0;
    while i < between.len() && !VERBS.contains(&between[i]) && nouns < 4 {
        let w = between[i];
        if w == "by" {
            // "… by Lumora": the maker named after the product.
            i += 1;
            while i < between.len() && !VERBS.contains(&between[i]) {
                i += 1;
            }
            break;
        }
        if !(OFFERING.contains(&w) || nouns < 3) {
            return false;
        }
        nouns += 1;
        i += 1;
    }
    if i >= between.len() || !VERBS.contains(&between[i]) {
        return false;
    }
    // After the verb only linking words: "is simply the", "is one of the", "is far and away
    // the".
    let linking = &between[i + 1..];
    let far_and_away = linking.windows(3).position(|w| w == ["far", "and", "away"]);
    linking.iter().enumerate().all(|(k, w)| {
        far_and_away.is_some_and(|p| k == p + 1 || k == p + 2)
            || matches!(
                *w,
                "the"
                    | "a"
                    | "an"
                    | "one"
                    | "of"
                    | "truly"
                    | "simply"
                    | "really"
                    | "now"
                    | "still"
                    | "also"
                    | "currently"
                    | "clearly"
                    | "arguably"
                    | "easily"
                    | "by"
                    | "far"
                    | "not"
                    | "just"
            )
    })
}

/// An introductory phrase of a few words closed by a comma before the subject: "Since then,",
/// "Today,", "In 2023,", "Over the past year,".
fn introductory(pre: &str) -> bool {
    pre.strip_suffix(',').is_some_and(|p| {
        let n = p.split_whitespace().count();
        (1..=5).contains(&n) && !p.contains([',', ';', ':'])
    })
}

/// The superlative opens its clause and the company is what it names: "The easiest way to get
/// a production instance is with our official Ghost(Pro)" (the predicate after "is"), "the
/// fastest way to try out n8n" (the object of "way to").
fn predicate_is_ours(cx: &SegmentCx, h: &Hit, span: std::ops::Range<usize>) -> bool {
    let text = cx.folded.lower.as_str();
    let lead = text[span.start..h.start].trim();
    let lead = lead.trim_start_matches(|c: char| !c.is_alphanumeric());
    let lead_words = lead.split_whitespace().count();
    // After a condition and a hedge: "If you want to run your own instance, in most cases
    // the best way is to use our CLI".
    let hedged = lead.rsplit_once(',').is_some_and(|(_, tail)| {
        matches!(
            tail.trim().trim_end_matches(" the"),
            "" | "in most cases"
                | "for most people"
                | "for most teams"
                | "usually"
                | "often"
                | "typically"
                | "generally"
                | "in general"
                | "most of the time"
        )
    });
    if !(matches!(lead, "" | "the") || hedged || (lead.ends_with(':') && lead_words <= 3)) {
        return false;
    }
    let rest_end = span.end.max(h.end);
    let words = super::claims::word_spans(&text[h.end..rest_end]);
    let brand_at = |from: usize, n: usize| {
        // A brand or "our" among the `n` words from word `from`.
        words.iter().skip(from).take(n).any(|&(at, w)| {
            w == "our" || {
                let a = h.end + at;
                cx.hits.iter().any(|b| is_brand(b) && b.start == a)
            }
        })
    };
    // "… way to <verb> [out|up] <brand>".
    if let [(_, noun), (_, "to"), ..] = words.as_slice()
        && matches!(*noun, "way" | "path" | "option" | "choice" | "place")
        && brand_at(3, 2)
    {
        return true;
    }
    // "… is [with|to use|using] <our|brand>".
    let Some(verb) = words
        .iter()
        .take(10)
        .position(|&(_, w)| matches!(w, "is" | "are"))
    else {
        return false;
    };
    let mut k = verb + 1;
    for w in ["with", "to", "use", "using", "through", "by", "try"] {
        if words.get(k).is_some_and(|&(_, x)| x == w) {
            k += 1;
        }
    }
    brand_at(k, 2)
}

#[cfg(test)]
mod tests {
    use super::grammar_candidate;

    /// The candidate test as first written: every "the " (and every possessive "'s ") read
    /// forward.
    fn by_every_the(l: &str) -> bool {
        let b = l.as_bytes();
        let than = l.match_indices("than ").any(|(i, _)| {
            let rest = &b[i + 5..];
            rest.starts_with(b"any")
                || rest.starts_with(b"every")
                || rest.starts_with(b"the competition")
                || rest.starts_with(b"most ")
        });
        // A line that opens with a superlative is read by `opener`, as in the fast test.
        than || super::opener(l).is_some()
            || l.contains("far superior")
            || l.match_indices("the ")
                .chain(l.match_indices("'s "))
                .any(|(i, m)| {
                    let rest = &b[i + m.len()..];
                    let n = rest
                        .iter()
                        .position(|c| !c.is_ascii_lowercase())
                        .unwrap_or(rest.len());
                    let w = &rest[..n];
                    (w == b"most" && rest.get(n) == Some(&b' ')) || (n >= 6 && w.ends_with(b"est"))
                })
    }

    #[test]
    fn candidates_found_from_the_superlative_end_as_from_every_the() {
        let cases = [
            ("the fastest way to ship", true),
            ("the most flexible platform", true),
            ("the most", false),
            ("the mostly harmless", false),
            ("the best tool", false),
            ("the test suite", false),
            ("the latest release", true),
            ("bathe biggest", true),
            ("bathe strongest", true),
            ("the strongest.", true),
            ("the strongestx", false),
            ("the interests of users", false),
            ("request the request", true),
            ("the requests", false),
            ("est", false),
            ("the est", false),
            ("better than anyone", true),
            ("better than any other", true),
            ("faster than the competition", true),
            ("more than 300 teams", false),
            ("far superior to", true),
            ("it is the harvest", true),
            ("the cl\u{e9}est", false),
            ("the \u{e9}arliest", false),
            ("caf\u{e9} the greatest", true),
            ("the fastest and the most", true),
            ("the industry's most powerful inbox", true),
            ("the market's fastest engine", true),
            ("the team's test suite", false),
            ("faster than most of the alternatives", true),
            ("more than mostly", false),
            ("best cms on github", true),
            ("hacktoberfest 2022", false),
            ("", false),
        ];
        for (l, want) in cases {
            assert_eq!(grammar_candidate(l), want, "{l}");
            assert_eq!(grammar_candidate(l), by_every_the(l), "{l}");
        }
    }
}
