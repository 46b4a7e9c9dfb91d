//! What the library says, gathered for a draft platform: the company name, product names and
//! every spelling seen, tagline and one-liner candidates, recurring messages, numbers
//! clustered by what they count, competitors, boilerplate, who the copy addresses, and names
//! that only older assets use. Every candidate keeps its evidence (file, line, text).
//!
//! Owns: the `Inventory` (also `init --format json`). Must not: read files, print.

use super::library::{Asset, Seg};
use crate::document::{Kind, Scope};
use crate::numbers::{Qual, Quantity, Unit, billing_of};
use crate::rules::claims::{clause, is_stop_word, stem};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::rc::Rc;

/// Evidence kept per form or value (the counts are complete; the places are examples).
const EVIDENCE: usize = 6;

#[derive(Serialize, Clone, Debug)]
pub struct Evidence {
    pub path: String,
    pub line: u32,
    /// Slide (decks) or page (PDF, Word), when the format has them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slide: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The segment or sentence, cut to about 200 characters.
    pub text: String,
}

impl Evidence {
    /// `one-pager.pdf p1 l4`, `site/index.html l12`.
    pub fn place(&self) -> String {
        match self.slide {
            Some(s) => format!("{} p{s} l{}", self.path, self.line),
            None => format!("{} l{}", self.path, self.line),
        }
    }
}

/// One way a name or phrase is written, with how often and where.
#[derive(Serialize, Clone, Debug)]
pub struct Form {
    pub text: String,
    pub count: usize,
    pub assets: usize,
    pub evidence: Vec<Evidence>,
}

#[derive(Serialize, Clone, Debug)]
pub struct Name {
    pub name: String,
    pub count: usize,
    pub assets: usize,
    pub evidence: Vec<Evidence>,
    /// Other spellings seen (case, spacing, hyphenation, joined forms, other endings).
    pub variants: Vec<Form>,
    /// Forms kept out of `variants` (all lowercase: handles, code, URLs often write so).
    pub lowercase: Vec<Form>,
    /// Why it was proposed, for the comment.
    pub why: String,
    /// Ordinary words made a name ("Notification Center", "Pro"): drafted with `case:
    /// exact`, so "a notification center" in prose is no mis-cased product.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub case_exact: bool,
}

#[derive(Serialize, Clone, Debug)]
pub struct Phrase {
    pub text: String,
    pub count: usize,
    pub assets: usize,
    pub score: f64,
    pub evidence: Vec<Evidence>,
    /// Other wordings of the same message.
    pub variants: Vec<Form>,
    pub keywords: Vec<String>,
    /// The heading a message stands under, when the message is the sentence below it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// The home page's hero headline is one of its wordings.
    #[serde(skip)]
    pub hero: bool,
}

#[derive(Serialize, Clone, Debug)]
pub struct ClaimValue {
    pub value: f64,
    /// As first written ("4,000+", "two million").
    pub shown: String,
    pub qualifier: &'static str,
    pub count: usize,
    pub assets: usize,
    /// Date of the newest dated asset that gives this value.
    pub latest: Option<String>,
    /// Some asset giving this value has no date (a live page, a README).
    pub undated: bool,
    /// An undated home page or README gives it (ranks the proposal; not in the JSON).
    #[serde(skip)]
    pub home: bool,
    /// Only ever given as what a figure was ("from 46s to 6s"): never the proposal while a
    /// value it became is there (not in the JSON).
    #[serde(skip)]
    pub was: bool,
    pub evidence: Vec<Evidence>,
}

#[derive(Serialize, Clone, Debug)]
pub struct Claim {
    /// The words that say what is counted, most common first.
    pub subjects: Vec<String>,
    pub unit: &'static str,
    /// The proposed value first, then the others, newest and most common first.
    pub values: Vec<ClaimValue>,
    /// The shortest sentence that gives the proposed value.
    pub statement: String,
    /// Several values disagree where none is clearly older: marketing must decide.
    pub conflict: bool,
    pub assets: usize,
}

#[derive(Serialize, Clone, Debug, Default)]
pub struct Icp {
    pub sizes: Vec<Form>,
    pub industries: Vec<Form>,
    pub roles: Vec<Form>,
}

#[derive(Serialize, Clone, Debug)]
pub struct Retired {
    pub phrase: String,
    pub count: usize,
    /// The newest date it was seen on.
    pub last_seen: String,
    /// The newest asset date in the library.
    pub newest: String,
    pub evidence: Vec<Evidence>,
}

#[derive(Serialize, Clone, Debug)]
pub struct AssetInfo {
    pub path: String,
    pub kind: &'static str,
    pub date: Option<String>,
    pub segments: usize,
}

#[derive(Serialize, Clone, Debug)]
pub struct Unreadable {
    pub path: String,
    pub reason: String,
}

#[derive(Serialize, Clone, Debug)]
pub struct Inventory {
    pub version: u32,
    pub assets: Vec<AssetInfo>,
    pub unreadable: Vec<Unreadable>,
    pub company: Name,
    /// Legal names seen in `©` lines ("Hoppscotch Limited"): not wrong forms.
    pub legal_names: Vec<Form>,
    pub products: Vec<Name>,
    pub taglines: Vec<Phrase>,
    pub one_liners: Vec<Phrase>,
    pub value_props: Vec<Phrase>,
    pub differentiators: Vec<Phrase>,
    pub claims: Vec<Claim>,
    pub competitors: Vec<Name>,
    pub boilerplate: Vec<Phrase>,
    pub icp: Icp,
    pub retired: Vec<Retired>,
}

// ---------------------------------------------------------------------------------------
// Words

/// A word of cased text: letters and digits, with `.`, `-`, `'`, `&` inside it
/// ("Self-Host", "Nuxt.js", "AT&T"), and whether it sits in a URL, an address or a path.
#[derive(Clone, Copy, Debug)]
struct Word {
    start: usize,
    end: usize,
    /// Part of a URL, e-mail address, @handle, #tag or path.
    link: bool,
    /// Punctuation (not a lone space or hyphen) between this word and the one before.
    break_before: bool,
    /// The first word of the segment or of a sentence.
    initial: bool,
}

fn words(text: &str) -> Vec<Word> {
    let b = text.as_bytes();
    // About a word per six bytes of copy: one allocation for most segments.
    let mut out: Vec<Word> = Vec::with_capacity(text.len() / 6 + 1);
    let mut i = 0;
    let mut prev_end = 0;
    // (start of the whitespace-delimited chunk last read, whether it is a link)
    let mut link_chunk = (usize::MAX, false);
    // The character at a byte offset: ASCII read from the byte, the rest decoded.
    let char_at = |i: usize| match b.get(i) {
        Some(&x) if x < 0x80 => Some(char::from(x)),
        Some(_) => text.get(i..).and_then(|t| t.chars().next()),
        None => None,
    };
    while i < text.len() {
        let c = char_at(i).unwrap_or(' ');
        if !c.is_alphanumeric() {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let mut end = i;
        let mut j = i;
        while j < text.len() {
            let c = char_at(j).unwrap_or(' ');
            if c.is_alphanumeric() {
                j += c.len_utf8();
                end = j;
            } else if matches!(c, '.' | '-' | '\'' | '&' | '\u{2019}')
                && char_at(j + c.len_utf8()).is_some_and(char::is_alphanumeric)
            {
                j += c.len_utf8();
            } else {
                break;
            }
        }
        // The whitespace-delimited chunk around the word.
        let chunk_start = text[..start]
            .rfind(char::is_whitespace)
            .map_or(0, |p| p + 1);
        // A link, address, path or identifier ("://" has a slash): read once per chunk, in
        // one pass over its bytes (a search per mark and word was most of the drafting).
        if chunk_start != link_chunk.0 {
            let chunk_end = text[end..]
                .find(char::is_whitespace)
                .map_or(text.len(), |p| end + p);
            let chunk = &text[chunk_start..chunk_end];
            let link = chunk.starts_with('#')
                || chunk.starts_with("www.")
                || chunk
                    .bytes()
                    .any(|c| matches!(c, b'@' | b'/' | b'\\' | b'_' | b'`'));
            link_chunk = (chunk_start, link);
        }
        let link = link_chunk.1;
        let gap = &text[prev_end..start];
        let break_before = out.is_empty() || gap != " ";
        let initial = out.is_empty() || {
            let g = gap.trim_end();
            g.ends_with([
                '.', '!', '?', ':', '|', '•', '·', '"', '(', '[', '*', '#', '>',
            ]) || g.ends_with(['\u{2014}', '\u{2013}', '\u{201C}'])
                || g.is_empty() && b.get(start.wrapping_sub(1)).is_none()
        };
        out.push(Word {
            start,
            end,
            link,
            break_before,
            initial,
        });
        prev_end = end;
        i = end.max(i + 1);
    }
    out
}

fn is_capitalized(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn has_digit(w: &str) -> bool {
    w.bytes().any(|b| b.is_ascii_digit())
}

/// Lowercase, with spaces, hyphens, dots and apostrophes removed: "AcmeCloud", "Acme cloud"
/// and "Acme-Cloud" share a key.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Folded lowercase words of a phrase, for comparing wordings.
fn norm(s: &str) -> String {
    // Lowercase words, curly apostrophes straightened, one space between words; everything
    // else (punctuation, dashes, quotes, symbols) separates words.
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    for c in s.chars() {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{02BC}' => '\'',
            c => c,
        };
        if c.is_alphanumeric() || c == '\'' || c == '%' || c == '+' {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        } else {
            gap = true;
        }
    }
    out
}

fn content_stems(s: &str) -> Vec<String> {
    let mut v: Vec<String> = norm(s)
        .split(' ')
        .filter(|w| !w.is_empty() && !is_stop_word(w) && !COMMON.contains(w))
        .map(stem)
        .collect();
    v.sort();
    v.dedup();
    v
}

/// Capitalised words that start sentences and headings without being names.
/// Heads too generic to be a product (with the months' names, `document::MONTHS`).
fn generic_head(w: &str) -> bool {
    GENERIC_HEADS.contains(&w) || crate::document::MONTHS.contains(&w)
}

/// Who a page is for, not a platform an app runs on: "Acme for Startups".
const AUDIENCES: &[&str] = &[
    "developers",
    "startups",
    "enterprise",
    "enterprises",
    "business",
    "businesses",
    "education",
    "nonprofits",
    "non-profits",
    "agencies",
    "everyone",
    "individuals",
    "government",
    "healthcare",
    "finance",
    "marketing",
    "sales",
    "support",
    "engineering",
    "product",
    "designers",
    "creators",
    "students",
    "schools",
    "teams",
    "work",
];

/// Words a product's name ends in: "Community Edition", "Notification Center", "Media
/// Library", "Review Workflows".
const PRODUCT_HEADS: &[&str] = &[
    "edition",
    "cloud",
    "server",
    "desktop",
    "hub",
    "studio",
    "platform",
    "suite",
    "engine",
    "sdk",
    "cli",
    "api",
    "app",
    "apps",
    "center",
    "centre",
    "inbox",
    "plus",
    "pro",
    "enterprise",
    "console",
    "manager",
    "builder",
    "library",
    "workflows",
    "monitors",
    "monitoring",
    "catalog",
    "explorer",
    "modules",
    "agent",
    "assistant",
    "copilot",
    "marketplace",
    "player",
    "studio",
    "sync",
    "publish",
    "clipper",
    "extension",
    "plugin",
    "registry",
    "runtime",
    "dashboard",
    "analytics",
    "insights",
    "replay",
    "flags",
    "search",
    "review",
    "gateway",
];

const NOT_NAMES: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "or",
    "but",
    "if",
    "in",
    "on",
    "at",
    "to",
    "of",
    "for",
    "with",
    "by",
    "from",
    "as",
    "is",
    "are",
    "was",
    "be",
    "it",
    "its",
    "this",
    "that",
    "these",
    "those",
    "we",
    "our",
    "you",
    "your",
    "they",
    "their",
    "i",
    "my",
    "he",
    "she",
    "his",
    "her",
    "what",
    "why",
    "how",
    "when",
    "where",
    "who",
    "which",
    "all",
    "any",
    "each",
    "every",
    "new",
    "more",
    "most",
    "no",
    "not",
    "yes",
    "get",
    "see",
    "read",
    "learn",
    "about",
    "here",
    "there",
    "now",
    "today",
    "just",
    "also",
    "so",
    "then",
    "than",
    "one",
    "two",
    "three",
    "introducing",
    "announcing",
    "using",
    "use",
    "how",
    "step",
    "note",
    "tip",
    "warning",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "faq",
    "api",
    "apis",
    "sdk",
    "sdks",
    "ui",
    "ux",
    "ai",
    "it's",
    "let's",
    "don't",
    "can",
    "will",
    "do",
    "does",
    "did",
    "has",
    "have",
    "had",
    "should",
    "could",
    "would",
    "must",
    "may",
    "might",
    "please",
    "thank",
    "thanks",
    "hello",
    "hi",
    "welcome",
    "page",
    "home",
    "blog",
    "docs",
    "menu",
    "back",
    "next",
    "previous",
    "top",
    "copyright",
    "all",
    "rights",
    "reserved",
    "inc",
    "ltd",
    "llc",
    "gmbh",
    "limited",
];

/// Words after a company name that make a team, a document or a legal entity, not a product.
const GENERIC_HEADS: &[&str] = &[
    "team",
    "teams",
    "community",
    "blog",
    "docs",
    "documentation",
    "website",
    "site",
    "inc",
    "ltd",
    "llc",
    "limited",
    "gmbh",
    "corp",
    "corporation",
    "company",
    "foundation",
    "labs",
    "release",
    "releases",
    "update",
    "updates",
    "newsletter",
    "repository",
    "repo",
    "project",
    "projects",
    "users",
    "user",
    "customers",
    "is",
    "are",
    "was",
    "has",
    "will",
    "can",
    "and",
    "or",
    "the",
    "for",
    "wrapped",
    "account",
    "accounts",
    "discord",
    "twitter",
    "github",
    "youtube",
    "linkedin",
    "mastodon",
    "logo",
    "brand",
    "store",
    "shop",
    "swag",
    "v",
    "version",
    "servers",
    "instance",
    "instances",
    "ecosystem",
    "experts",
    "expert",
    "way",
    "app's",
    // People and functions of the company, not products.
    "employee",
    "employees",
    "teammate",
    "teammates",
    "engineer",
    "engineers",
    "engineering",
    "staff",
    "ceo",
    "cto",
    "cfo",
    "coo",
    "founder",
    "founders",
    "leadership",
    "customer",
    "partner",
    "partners",
    "champion",
    "champions",
    "operators",
    "finance",
    "handbook",
    "policy",
    "policies",
    "values",
    "interview",
    "pto",
    "office",
    "offices",
];

/// Words too common in marketing copy to tell two messages apart.
const COMMON: &[&str] = &[
    "more", "all", "new", "get", "make", "can", "will", "just", "now",
];

/// Legal-entity endings of a name in a `©` line.
const LEGAL: &[&str] = &[
    "inc",
    "inc.",
    "ltd",
    "ltd.",
    "llc",
    "limited",
    "gmbh",
    "ggmbh",
    "corp",
    "corp.",
    "corporation",
    "co.",
    "s.a.",
    "sas",
    "ag",
    "bv",
    "b.v.",
    "pty",
    "plc",
    "oy",
    "ab",
];

// ---------------------------------------------------------------------------------------
// Tallies

/// Counts of a name or term, with up to `EVIDENCE` places kept as positions (the evidence
/// text is cut from the asset only when the candidate is written out: a large library has
/// hundreds of thousands of candidates, most never shown).
#[derive(Default)]
struct Tally {
    count: usize,
    /// The assets it is in, each once (passes read the assets in order).
    assets: Vec<u32>,
    evidence: Vec<Place>,
}

#[derive(Clone, Copy)]
struct Place {
    asset: u32,
    seg: Seg,
}

impl Tally {
    fn add(&mut self, a: usize, s: &Seg) {
        self.count += 1;
        if self.assets.last() != Some(&(a as u32)) {
            self.assets.push(a as u32);
        }
        if self.evidence.len() < EVIDENCE {
            self.evidence.push(Place {
                asset: a as u32,
                seg: *s,
            });
        }
    }
    /// A drafted name seen this often, with why it was proposed.
    fn name(&self, lib: &[Asset], name: String, case_exact: bool, why: impl Into<String>) -> Name {
        Name {
            name,
            count: self.count,
            assets: self.assets.len(),
            evidence: self.evidence(lib),
            variants: Vec::new(),
            lowercase: Vec::new(),
            case_exact,
            why: why.into(),
        }
    }
    fn evidence(&self, lib: &[Asset]) -> Vec<Evidence> {
        self.evidence
            .iter()
            .map(|p| {
                let a = p.asset as usize;
                evidence(lib, a, &p.seg, lib[a].seg_text(&p.seg))
            })
            .collect()
    }
    fn form(&self, lib: &[Asset], text: &str) -> Form {
        Form {
            text: text.to_owned(),
            count: self.count,
            assets: self.assets.len(),
            evidence: self.evidence(lib),
        }
    }
}

fn cut(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_owned();
    }
    let mut e = max;
    while !s.is_char_boundary(e) {
        e -= 1;
    }
    format!("{}…", s[..e].trim_end())
}

fn evidence(lib: &[Asset], a: usize, s: &Seg, text: &str) -> Evidence {
    let asset = &lib[a];
    Evidence {
        path: asset.path.clone(),
        line: s.line,
        slide: (s.slide > 0).then_some(s.slide),
        date: asset.date.clone(),
        text: cut(text, 200),
    }
}

/// Segments worth reading: not site chrome, not speaker notes.
fn copy_segments(asset: &Asset) -> impl Iterator<Item = &Seg> {
    asset
        .segs
        .iter()
        .filter(|s| !s.chrome && s.scope != Scope::Notes)
}

// ---------------------------------------------------------------------------------------
// The analysis

pub fn analyze(lib: &[Asset]) -> Inventory {
    let readable: Vec<usize> = (0..lib.len())
        .filter(|&i| lib[i].unreadable.is_none())
        .collect();
    let readable = readable.as_slice();
    // Two threads, one per core: the numbers, boilerplate and audience (which need no name)
    // from the start, then the phrases (taglines, value props), which need the company's
    // name; beside them, the company's name, then the names (products, competitors,
    // spellings, differentiators, retired names). The phrases wait for the numbers to be
    // done rather than run beside them: their occurrences and the numbers' are the run's
    // largest tables, and one at a time keeps the peak memory down.
    let (company, legal_names, names, copy) = std::thread::scope(|scope| {
        let (send_name, name) = std::sync::mpsc::channel::<String>();
        let copy = scope.spawn(move || {
            let c = claims(lib, readable);
            let b = boilerplate(lib, readable);
            let i = icp(lib, readable);
            // No name when the other thread failed: it reports the failure.
            let company_name = name.recv().unwrap_or_default();
            let phrases = phrases(lib, readable, &company_name);
            let (taglines, one_liners) = taglines(&phrases, &company_name);
            let taken: HashSet<String> = taglines
                .iter()
                .take(3)
                .chain(one_liners.iter().take(3))
                .map(|p| norm(&p.text))
                .collect();
            let value_props = value_props(&phrases, &taken, &company_name);
            (taglines, one_liners, value_props, c, b, i)
        });
        let (company, legal_names) = company(lib, readable);
        // The other thread holds the receiver until it returns.
        let _ = send_name.send(company.name.clone());
        let mut products = products(lib, readable, &company.name);
        let competitors = competitors(lib, readable, &company.name, &products);
        // A name that is compared with is a competitor, not a product.
        products.retain(|p| !competitors.iter().any(|c| c.name == p.name));
        // "LumoraAI", "Acme.io": the company's name with an ending, joined, is the company
        // written another way ("PostHog AI", with a space, is a product).
        let company_key = squash(&company.name);
        products.retain(|p| {
            let k = squash(&p.name);
            p.name.contains(' ')
                || !(k == company_key
                    || ["js", "io", "ai", "app", "hq", "inc"]
                        .iter()
                        .any(|e| k == format!("{company_key}{e}")))
        });
        let mut names = with_variants(
            lib,
            readable,
            std::iter::once(company).chain(products).collect(),
        );
        let products = names.split_off(1);
        let company = names.into_iter().next();
        let differentiators = differentiators(lib, readable, &competitors);
        let retired = company
            .as_ref()
            .map(|c| retired(lib, readable, c, &products))
            .unwrap_or_default();
        fn join<T>(h: std::thread::ScopedJoinHandle<'_, T>) -> T {
            h.join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        }
        (
            company,
            legal_names,
            (products, competitors, differentiators, retired),
            join(copy),
        )
    });
    let (products, competitors, differentiators, retired) = names;
    let (taglines, one_liners, value_props, claims, boilerplate, icp) = copy;
    let company = company.unwrap_or(Name {
        name: String::new(),
        count: 0,
        assets: 0,
        evidence: Vec::new(),
        variants: Vec::new(),
        lowercase: Vec::new(),
        case_exact: false,
        why: String::new(),
    });
    Inventory {
        version: 1,
        assets: readable
            .iter()
            .map(|&i| AssetInfo {
                path: lib[i].path.clone(),
                kind: lib[i].kind.as_str(),
                date: lib[i].date.clone(),
                segments: lib[i].segs.len(),
            })
            .collect(),
        unreadable: lib
            .iter()
            .filter_map(|a| {
                a.unreadable.as_ref().map(|r| Unreadable {
                    path: a.path.clone(),
                    reason: r.clone(),
                })
            })
            .collect(),
        company,
        legal_names,
        products,
        taglines,
        one_liners,
        value_props,
        differentiators,
        claims,
        competitors,
        boilerplate,
        icp,
        retired,
    }
}

// ---------------------------------------------------------------------------------------
// Company

/// The company: the capitalised name with the most evidence of being the speaker — in page
/// titles and first headings, `©` lines, "About X", "X is …" — and present in most assets.
fn company(lib: &[Asset], readable: &[usize]) -> (Name, Vec<Form>) {
    let mut score: HashMap<String, f64> = HashMap::new();
    let mut present: HashMap<String, Tally> = HashMap::new();
    let mut legal: BTreeMap<String, Tally> = BTreeMap::new();
    // Acronyms written as a common noun ("a CRM", "your CMS", "CRMs"): a category, not a name.
    let mut category: HashSet<String> = HashSet::new();
    // For each capitalised word, the capitalised word right before it each time (or none):
    // "Face" after "Hugging" every time is half of the name "Hugging Face".
    let mut before: HashMap<String, HashMap<String, usize>> = HashMap::new();
    // A name the company writes in lower case ("openstatus is an open-source platform",
    // "listmonk is a self-hosted newsletter manager"): a word that is a sentence's subject
    // ("… is", "… helps") and that the copy writes in lower case more often than not. Its
    // spellings are read as one name, spelled as the company spells it.
    let mut subjects: HashMap<String, usize> = HashMap::new();
    for &a in readable {
        let asset = &lib[a];
        for s in copy_segments(asset) {
            let text = asset.seg_text(s);
            let starts = std::iter::once(0).chain(text.match_indices(". ").map(|(i, _)| i + 2));
            for at in starts {
                let mut it = text[at..].split_whitespace();
                let (Some(w), Some(verb)) = (it.next(), it.next()) else {
                    continue;
                };
                let w = w.trim_matches('*');
                if w.len() >= 3
                    && w.bytes().all(|b| b.is_ascii_alphabetic())
                    && matches!(
                        verb,
                        "is" | "helps" | "lets" | "makes" | "gives" | "offers" | "provides"
                    )
                    && !is_stop_word(&w.to_ascii_lowercase())
                {
                    *subjects.entry(w.to_ascii_lowercase()).or_insert(0) += 1;
                }
            }
        }
    }
    subjects.retain(|_, n| *n >= 2);
    // (lower-case uses, other uses) of each subject, as a word of prose (not an address).
    let mut spelled: HashMap<&str, (usize, usize)> = HashMap::new();
    if !subjects.is_empty() {
        // A whole corpus has a hundred subjects or more: looked up by the word's lowercase
        // form (ASCII letters only, as the subjects are), and only at a subject's length.
        let lengths: HashSet<usize> = subjects.keys().map(String::len).collect();
        let mut folded = String::new();
        for &a in readable {
            let asset = &lib[a];
            for s in copy_segments(asset) {
                let text = asset.seg_text(s);
                for w in text.split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '/')) {
                    if !lengths.contains(&w.len())
                        || w.contains(['.', '/'])
                        || !w.bytes().all(|b| b.is_ascii_alphabetic())
                    {
                        continue;
                    }
                    folded.clear();
                    folded.extend(w.chars().map(|c| c.to_ascii_lowercase()));
                    if let Some((k, _)) = subjects.get_key_value(folded.as_str()) {
                        let e = spelled.entry(k.as_str()).or_insert((0, 0));
                        if w == k {
                            e.0 += 1;
                        } else {
                            e.1 += 1;
                        }
                    }
                }
            }
        }
    }
    let lower_says: HashSet<&str> = spelled
        .iter()
        .filter(|(_, (lower, other))| lower > other)
        .map(|(k, _)| *k)
        .collect();
    for &a in readable {
        let asset = &lib[a];
        let mut here: HashSet<&str> = HashSet::new();
        let mut boosts: HashMap<String, f64> = HashMap::new();
        for s in copy_segments(asset).chain(asset.segs.iter().filter(|s| s.chrome)) {
            let text = asset.seg_text(s);
            let ws = words(text);
            for (wi, w) in ws.iter().enumerate() {
                let t = &text[w.start..w.end];
                // A capitalised word, or a name of letters and digits ("n8n", "k6").
                let brand = t.len() >= 2
                    && t.starts_with(|c: char| c.is_alphabetic())
                    && has_digit(t)
                    && t.chars().all(char::is_alphanumeric)
                    && !(t.starts_with(['v', 'V']) && t[1..].bytes().all(|b| b.is_ascii_digit()));
                if w.link
                    || !(brand || (is_capitalized(t) && !has_digit(t)) || lower_says.contains(t))
                    || t.len() < 2
                {
                    continue;
                }
                // "OpenStatus" and "Openstatus" by a company that writes "openstatus": one
                // name, spelled as the company spells it.
                let t = lower_says
                    .iter()
                    .find(|k| k.eq_ignore_ascii_case(t))
                    .copied()
                    .unwrap_or(t);
                if not_name(t) {
                    continue;
                }
                if t.len() <= 5 && t.chars().all(|c| c.is_ascii_uppercase() || c == 's') {
                    let prev = text[..w.start].trim_end();
                    let det = ["a", "an", "your", "our", "any", "every", "their", "my"]
                        .iter()
                        .any(|d| {
                            prev.strip_suffix(d).is_some_and(|p| {
                                p.is_empty() || p.ends_with(|c: char| !c.is_alphanumeric())
                            })
                        });
                    if det || t.ends_with('s') {
                        category.insert(t.trim_end_matches('s').to_owned());
                    }
                }
                let prev_word = wi
                    .checked_sub(1)
                    .map(|k| &ws[k])
                    .filter(|x| !w.break_before && !x.link)
                    .map(|x| &text[x.start..x.end])
                    .filter(|p| is_capitalized(p) && !not_name(p))
                    .unwrap_or("");
                let prevs = match before.get_mut(t) {
                    Some(m) => m,
                    None => before.entry(t.to_owned()).or_default(),
                };
                match prevs.get_mut(prev_word) {
                    Some(n) => *n += 1,
                    None => {
                        prevs.insert(prev_word.to_owned(), 1);
                    }
                }
                if here.insert(t) {
                    present.entry(t.to_owned()).or_default().add(a, s);
                }
                if s.scope == Scope::Title || s.first_heading {
                    let b = boosts.entry(t.to_owned()).or_insert(0.0);
                    *b = b.max(2.0);
                }
            }
            // "© 2025 Acme Limited", "Copyright (c) Acme Inc."
            let marked = text.contains('©')
                || text.contains("(c)")
                || text.contains("(C)")
                || text.contains("opyright")
                || text.contains("OPYRIGHT");
            let lower = if marked {
                text.to_lowercase()
            } else {
                String::new()
            };
            let mark = lower
                .find('©')
                .map(|i| i + '©'.len_utf8())
                .or_else(|| lower.find("(c)").map(|i| i + 3))
                .or_else(|| lower.find("copyright").map(|i| i + 9));
            if let Some(m) = mark
                && lower.len() == text.len()
            {
                let name = copyright_name(&text[m..]);
                if let Some((short, full)) = name {
                    let b = boosts.entry(short.clone()).or_insert(0.0);
                    *b += 3.0;
                    if full != short {
                        legal.entry(full).or_default().add(a, s);
                    }
                }
            }
            // "About Acme", "Acme is the …"
            if ws.len() >= 2 {
                let w0 = &text[ws[0].start..ws[0].end];
                let w1 = &text[ws[1].start..ws[1].end];
                if w0 == "About" && is_capitalized(w1) && s.scope == Scope::Heading {
                    *boosts.entry(w1.to_owned()).or_insert(0.0) += 2.0;
                }
                if (is_capitalized(w0) || lower_says.contains(w0))
                    && (w1 == "is" || w1 == "helps")
                    && ws.get(2).is_some_and(|w| {
                        matches!(&text[w.start..w.end], "a" | "an" | "the" | "now")
                    })
                {
                    *boosts.entry(w0.to_owned()).or_insert(0.0) += 2.0;
                }
            }
        }
        for (k, v) in boosts {
            *score.entry(k).or_insert(0.0) += v;
        }
    }
    let mut best: Option<(f64, usize, String)> = None;
    for (name, s) in &score {
        let Some(p) = present.get(name) else { continue };
        if category.contains(name.as_str()) {
            continue;
        }
        let total = s + p.assets.len() as f64;
        let key = (total, p.count, name.clone());
        if best
            .as_ref()
            .is_none_or(|b| (key.0, key.1, &b.2) > (b.0, b.1, &key.2) && key.0 >= b.0)
        {
            best = Some(key);
        }
    }
    let mut name = best.map(|b| b.2).unwrap_or_default();
    let tally = present.remove(&name).unwrap_or_default();
    // The first half of a two-word name chosen as its second: "Face", after "Hugging" nine
    // times in ten, is "Hugging Face"; "Zero" after "Inbox" 62 times and after "Reply" 9 is
    // "Inbox Zero". Not a product's word ("Acme" in "Acme Cloud" wins alone, and "Cloud" is
    // no company).
    if let Some(prevs) = before.get(&name) {
        let total: usize = prevs.values().sum();
        if let Some((p, n)) = prevs
            .iter()
            .filter(|(p, _)| !p.is_empty())
            .max_by_key(|(_, n)| **n)
            // Nine times in ten, or, seen often, three times in four ("Auth" after "Better"
            // 59 times in 77, the rest "Agent Auth" and "for Auth").
            && (*n * 20 >= total * 17 && total >= 3 || *n >= 10 && *n * 4 >= total * 3)
            && !PRODUCT_HEADS.contains(&name.to_lowercase().as_str())
            && !generic_head(&name.to_lowercase())
        {
            name = format!("{p} {name}");
        }
    }
    // The second half of a two-word name chosen as its first: "Kill", followed by "Bill" nine
    // times in ten, is "Kill Bill" (not a product's word: "Acme Cloud" is a product).
    if !name.contains(' ') {
        let follows = before
            .iter()
            .filter(|(w, _)| {
                is_capitalized(w)
                    && !not_name(w)
                    && !PRODUCT_HEADS.contains(&w.to_lowercase().as_str())
                    && !generic_head(&w.to_lowercase())
            })
            .filter_map(|(w, prevs)| prevs.get(&name).map(|n| (*n, w.clone())))
            .max();
        // Every occurrence of the name, counted as the `before` tally counts the next word's.
        let total: usize = before.get(&name).map_or(0, |p| p.values().sum());
        if let Some((n, w)) = follows
            && n >= 3
            && n * 20 >= total * 17
        {
            name = format!("{name} {w}");
        }
    }
    // A name the company writes in lower case is its product's styling; a capitalised
    // two-word form of it that recurs across files is the company's own name: "authentik"
    // the product, "Authentik Security" the company (three times or more, in two files).
    if lower_says.contains(name.as_str()) {
        let mut chars = name.chars();
        let capital: String = chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        let longer = before
            .iter()
            .filter(|(w, _)| is_capitalized(w) && !not_name(w))
            .filter_map(|(w, prevs)| prevs.get(&capital).map(|n| (*n, w)))
            .filter(|(n, w)| *n >= 3 && present.get(*w).is_some_and(|p| p.assets.len() >= 2))
            .max();
        if let Some((_, w)) = longer {
            name = format!("{capital} {w}");
        }
    }
    let why = format!(
        "in {} of {} files{}",
        tally.assets.len(),
        readable.len(),
        if score.get(&name).is_some_and(|s| *s > 0.0) {
            ", in titles, first headings, © lines or \"… is a\" sentences"
        } else {
            ""
        }
    );
    let legal_names = legal
        .iter()
        .filter(|(full, _)| full.starts_with(&name) && !name.is_empty())
        .map(|(full, t)| t.form(lib, full))
        .collect();
    (
        Name {
            name,
            count: tally.count,
            assets: tally.assets.len(),
            evidence: tally.evidence(lib),
            variants: Vec::new(),
            lowercase: Vec::new(),
            case_exact: false,
            why,
        },
        legal_names,
    )
}

/// The name after a `©`: years and "by" skipped, capitalised words up to a legal ending or
/// punctuation. Gives (the name without its legal ending, the name as written).
fn copyright_name(after: &str) -> Option<(String, String)> {
    let ws = words(after);
    let mut parts: Vec<&str> = Vec::new();
    let mut full_end = 0;
    for (i, w) in ws.iter().enumerate() {
        let t = &after[w.start..w.end];
        if parts.is_empty() && (has_digit(t) || t.eq_ignore_ascii_case("by")) {
            continue;
        }
        if i > 0 && w.break_before && !parts.is_empty() {
            // "Acme Inc." — a legal ending may follow a comma.
            if !LEGAL.contains(&t.to_lowercase().as_str()) {
                break;
            }
        }
        if LEGAL.contains(&t.to_lowercase().as_str()) {
            if parts.is_empty() {
                return None;
            }
            full_end = w.end;
            break;
        }
        if !is_capitalized(t) || parts.len() == 3 {
            break;
        }
        if not_name(t) {
            break;
        }
        parts.push(t);
        full_end = w.end;
    }
    if parts.is_empty() {
        return None;
    }
    let start = after.find(parts[0])?;
    Some((parts.join(" "), after[start..full_end].to_owned()))
}

// ---------------------------------------------------------------------------------------
// Products

/// Product names: the company's name followed by capitalised words ("Acme Cloud", "Acme
/// Desktop App"), grouped by their first word with the longer forms as variants; names
/// followed by ™ or ®; "X by Acme"; and other multi-word names that recur across assets
/// without the company's name (said so in `why`).
fn products(lib: &[Asset], readable: &[usize], company: &str) -> Vec<Name> {
    // group (first word after the company, lowercase) → form → tally
    let mut groups: BTreeMap<String, BTreeMap<String, Tally>> = BTreeMap::new();
    let mut other: HashMap<String, Tally> = HashMap::new();
    let mut marked: HashMap<String, Tally> = HashMap::new();
    let mut by: HashMap<String, Tally> = HashMap::new();
    let mut named: HashMap<String, (Tally, &'static str)> = HashMap::new();
    // "@acme/", the scope of the company's packages, and the packages seen in it.
    let scope = if !company.is_empty() && !company.contains(' ') {
        format!("@{}/", company.to_lowercase())
    } else {
        String::new()
    };
    let mut packages: HashMap<String, Tally> = HashMap::new();
    let lower_company = if company.contains(' ') {
        String::new()
    } else {
        company.to_lowercase()
    };
    // Names that end in a product's head word ("Community Edition", "Notification Center"):
    // "Hugging Face": the words of the company's name, and its first.
    let company_words = company.split(' ').count();
    let company_first = company.split(' ').next().unwrap_or(company);
    // form → (every use, uses inside a sentence of prose, uses as a whole run).
    let mut headed: HashMap<String, (Tally, usize, usize)> = HashMap::new();
    // Capitalised runs inside sentences of prose, every prefix ("Swiftfin" in "the Swiftfin
    // Beta"): a heading's name seen again here is written as a name.
    let mut mid: HashMap<String, usize> = HashMap::new();
    // Headings that are a name alone ("Swiftfin", "Notification Center"), and the headings of
    // a pricing page's plans (a heading followed by a price before the next heading).
    let mut heading_names: HashMap<String, Tally> = HashMap::new();
    let mut plans: HashMap<String, Tally> = HashMap::new();
    // The names that lead the items of a list ("Session Replay: watch real user sessions").
    let mut leads: HashMap<String, Tally> = HashMap::new();
    for &a in readable {
        let asset = &lib[a];
        for (si, s) in asset
            .segs
            .iter()
            .enumerate()
            .filter(|(_, s)| !s.chrome && s.scope != Scope::Notes)
        {
            let text = asset.seg_text(s);
            let ws = words(text);
            let title_case = is_title_case(text, &ws);
            for (form, why) in named_in(text, &ws, company, s.scope == Scope::Title && s.slide == 0)
            {
                named
                    .entry(form)
                    .or_insert_with(|| (Tally::default(), why))
                    .0
                    .add(a, s);
            }
            if s.scope == Scope::ListItem
                && let Some((label, _)) = label_split(text)
                && let Some(form) = heading_name(label, &words(label))
                && !form.contains(company)
            {
                leads.entry(form).or_default().add(a, s);
            }
            // A comparison table's header: "Feature | Free | Team | Enterprise", above rows of
            // ticks or prices — its columns are the plans or editions.
            if s.scope == Scope::TableRow {
                for form in plan_columns(asset, si, text) {
                    if !form.contains(company) {
                        plans.entry(form).or_default().add(a, s);
                    }
                }
            }
            if s.scope == Scope::Heading
                && let Some(form) = heading_name(text, &ws)
                && !form.contains(company)
            {
                heading_names.entry(form.clone()).or_default().add(a, s);
                if price_follows(asset, si, pricing_page(asset)) {
                    plans.entry(form).or_default().add(a, s);
                }
            }
            // The company's scoped packages: "@babel/core", "@babel/preset-env".
            if !scope.is_empty() {
                for (at, _) in text.match_indices(scope.as_str()) {
                    let name_end = text[at + scope.len()..]
                        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                        .map_or(text.len(), |e| at + scope.len() + e);
                    if name_end > at + scope.len()
                        && !text[..at].ends_with(|c: char| c.is_alphanumeric() || c == '/')
                    {
                        packages
                            .entry(text[at..name_end].to_owned())
                            .or_default()
                            .add(a, s);
                    }
                }
            }
            // The company's tools and packages named with its name: "woodpecker-agent",
            // "mcp-server-qdrant", "create-vite", "xcaddy", "kongctl" (not a URL's or a
            // path's part, not the name alone).
            if !lower_company.is_empty() && text.contains(lower_company.as_str()) {
                for tok in text.split(|c: char| {
                    c.is_whitespace()
                        || matches!(c, '`' | '"' | '(' | ')' | ',' | ';' | '*' | '[' | ']')
                }) {
                    let tok = tok.trim_end_matches([':', '.', '!', '?', '\'']);
                    if tool_name(tok, &lower_company) {
                        packages.entry(tok.to_owned()).or_default().add(a, s);
                    }
                }
            }
            let mut i = 0;
            while i < ws.len() {
                let w = ws[i];
                let t = &text[w.start..w.end];
                if w.link {
                    i += 1;
                    continue;
                }
                // The company's name with a capitalised word glued to it ("SvelteKit"), or
                // joined by hyphens to a model's or edition's name ("Jan-Nano-128k").
                let rest = t.get(company.len()..).unwrap_or("");
                if company_words == 1
                    && t.len() > company.len() + 1
                    && t.starts_with(company)
                    && ((rest.starts_with(|c: char| c.is_ascii_uppercase())
                        && rest.chars().all(|c| c.is_ascii_alphanumeric()))
                        || (rest.starts_with('-')
                            && rest[1..].starts_with(|c: char| c.is_ascii_alphanumeric())
                            && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                            && rest
                                .chars()
                                .any(|c| c.is_ascii_uppercase() || c.is_ascii_digit())))
                {
                    groups
                        .entry(format!("{}|", rest.to_lowercase()))
                        .or_default()
                        .entry(t.to_owned())
                        .or_default()
                        .add(a, s);
                    i += 1;
                    continue;
                }
                // The company's name and the capitalised words after it.
                let at_company = if company_words == 1 {
                    t == company
                } else {
                    text[w.start..].starts_with(company)
                        && ws
                            .get(i + company_words - 1)
                            .is_some_and(|x| x.end == w.start + company.len())
                };
                if at_company {
                    // The company's last word: "Hugging Face Hub" reads from "Face".
                    let base = i + company_words - 1;
                    // "Keystone 6", "Prisma 7": a generation of the product, named with its
                    // major version (not "Acme 5 minutes", nor a release "Acme 2.1").
                    if let Some(x) = ws.get(base + 1)
                        && !x.break_before
                        && !x.link
                        // "Docusaurus 3.0": a major release is a generation too.
                        && let n = text[x.start..x.end].strip_suffix(".0").unwrap_or(&text[x.start..x.end])
                        && (1..=2).contains(&n.len())
                        && n.bytes().all(|b| b.is_ascii_digit())
                        && !n.starts_with('0')
                        && !text[x.end..].starts_with(['%', '+', '.', ',', 'x', '\u{d7}'])
                        // A count of something ("Acme 5 minutes", "Acme 3 times") is no name.
                        && ws.get(base + 2).is_none_or(|y| {
                            let t = &text[y.start..y.end];
                            y.break_before
                                || !(t.len() > 3
                                    && t.ends_with('s')
                                    && t.starts_with(|c: char| c.is_lowercase()))
                        })
                    {
                        groups
                            .entry(format!("{n}|"))
                            .or_default()
                            .entry(text[w.start..x.end].to_owned())
                            .or_default()
                            .add(a, s);
                        i = base + 2;
                        continue;
                    }
                    // "Acme for Android", "Acme for Android TV": an app for a platform (not
                    // an audience: "Acme for Startups").
                    if ws
                        .get(base + 1)
                        .is_some_and(|x| !x.break_before && &text[x.start..x.end] == "for")
                    {
                        let k = base + 2;
                        let e = run_end(text, &ws, k, 2);
                        let y = text.get(
                            ws.get(k).map_or(0, |x| x.start)
                                ..ws.get(e.wrapping_sub(1)).map_or(0, |x| x.end),
                        );
                        if e > k
                            && !ws[k].break_before
                            && let Some(y) = y
                            && !generic_head(&y.to_lowercase())
                            && !AUDIENCES.contains(&y.to_lowercase().as_str())
                        {
                            let form = text[w.start..ws[e - 1].end].to_owned();
                            groups
                                .entry(format!("for {}|", y.to_lowercase()))
                                .or_default()
                                .entry(form)
                                .or_default()
                                .add(a, s);
                            i = e;
                            continue;
                        }
                    }
                    let mut j = base + 1;
                    while j < ws.len() && j <= base + 3 {
                        let n = &text[ws[j].start..ws[j].end];
                        if ws[j].break_before || ws[j].link || !name_word(n) {
                            break;
                        }
                        j += 1;
                    }
                    if j > base + 1 {
                        let head = text[ws[base + 1].start..ws[base + 1].end]
                            .trim_end_matches("'s")
                            .trim_end_matches("\u{2019}s")
                            .to_lowercase();
                        // "Acme Community" is its community; "Acme Community Edition" a
                        // product: a generic word is a product's head when a name word
                        // follows it that is not generic too.
                        let named_on = (base + 2..j).any(|k| {
                            let n = text[ws[k].start..ws[k].end].to_lowercase();
                            !generic_head(&n)
                        });
                        if !generic_head(&head) || named_on {
                            let form = text[w.start..ws[j - 1].end]
                                .trim_end_matches("'s")
                                .trim_end_matches("\u{2019}s")
                                .to_owned();
                            groups
                                .entry(head)
                                .or_default()
                                .entry(form)
                                .or_default()
                                .add(a, s);
                        }
                        i = j;
                        continue;
                    }
                }
                // Other capitalised runs (up to four words): every run of two words or more
                // inside them is counted, so "Build Awesome" inside "Build Awesome Pro" is too.
                if name_word(t) && (!not_name(t) || acronym_lead(text, &ws, i)) {
                    let mut j = i + 1;
                    while j < ws.len() && j < i + 4 {
                        let n = &text[ws[j].start..ws[j].end];
                        // The company's name starts its own run ("Leverage Acme Insight
                        // Platform": "Acme Insight Platform" is read as the company's).
                        if ws[j].break_before
                            || ws[j].link
                            || !name_word(n)
                            || !continues(n)
                            || n == company
                            || n == company_first
                        {
                            break;
                        }
                        j += 1;
                    }
                    let end = ws[j - 1].end;
                    // Every run of two words or more ending in a head word inside it.
                    let prose = !title_case
                        && matches!(s.scope, Scope::Body | Scope::ListItem | Scope::Meta);
                    if prose && !w.initial {
                        for y in i + 1..=j {
                            let form = &text[w.start..ws[y - 1].end];
                            match mid.get_mut(form) {
                                Some(n) => *n += 1,
                                None => {
                                    mid.insert(form.to_owned(), 1);
                                }
                            }
                        }
                    }
                    for y in i + 2..=j {
                        let last = text[ws[y - 1].start..ws[y - 1].end].to_lowercase();
                        if !PRODUCT_HEADS.contains(&last.as_str()) {
                            continue;
                        }
                        for x in i..y - 1 {
                            let form = &text[ws[x].start..ws[y - 1].end];
                            let inside = prose && !ws[x].initial;
                            let e = match headed.get_mut(form) {
                                Some(e) => e,
                                None => headed.entry(form.to_owned()).or_default(),
                            };
                            e.0.add(a, s);
                            e.1 += usize::from(inside);
                            e.2 += usize::from(x == i && y == j);
                        }
                    }
                    let tm = text[end..].starts_with(['™', '®']);
                    if tm {
                        marked
                            .entry(text[w.start..end].to_owned())
                            .or_default()
                            .add(a, s);
                    }
                    let by_company = j + 1 < ws.len()
                        && &text[ws[j].start..ws[j].end] == "by"
                        && &text[ws[j + 1].start..ws[j + 1].end] == company;
                    if by_company {
                        by.entry(text[w.start..end].to_owned())
                            .or_default()
                            .add(a, s);
                    } else if j - i >= 2 && !title_case {
                        for x in i..j {
                            for y in x + 2..=j {
                                let form = &text[ws[x].start..ws[y - 1].end];
                                match other.get_mut(form) {
                                    Some(t) => t.add(a, s),
                                    None => other.entry(form.to_owned()).or_default().add(a, s),
                                }
                            }
                        }
                    }
                    i = j;
                    continue;
                }
                i += 1;
            }
        }
    }
    // A package named twice or more is one of the company's products.
    for (form, t) in packages {
        if t.count >= 2 {
            groups
                .entry(format!("{form}|package"))
                .or_default()
                .insert(form, t);
        }
    }
    // "Assist" and "Assistant" are one product written two ways.
    let heads: Vec<String> = groups.keys().cloned().collect();
    for h in &heads {
        if let Some(shorter) = heads
            .iter()
            .find(|o| *o != h && o.len() >= 4 && h.starts_with(o.as_str()))
            && let Some(forms) = groups.remove(h)
            && let Some(host) = groups.get_mut(shorter)
        {
            for (f, t) in forms {
                host.insert(f, t);
            }
        }
    }
    let mut out: Vec<Name> = Vec::new();
    for forms in groups.values() {
        let top = forms.values().map(|t| t.count).max().unwrap_or(0);
        // The shortest form used at least 40% as often as the most common one.
        let Some((name, _)) = forms
            .iter()
            .filter(|(_, t)| t.count * 5 >= top * 2)
            .min_by_key(|(f, t)| (f.len(), std::cmp::Reverse(t.count)))
        else {
            continue;
        };
        let t = &forms[name];
        let mut n = Name {
            name: name.clone(),
            count: forms.values().map(|t| t.count).sum(),
            assets: forms
                .values()
                .flat_map(|t| t.assets.iter())
                .collect::<HashSet<_>>()
                .len(),
            evidence: t.evidence(lib),
            variants: Vec::new(),
            lowercase: Vec::new(),
            case_exact: false,
            why: format!("named with {company}"),
        };
        for (f, t) in forms {
            if f != name {
                n.variants.push(t.form(lib, f));
            }
        }
        n.variants
            .sort_by(|a, b| b.count.cmp(&a.count).then(a.text.cmp(&b.text)));
        out.push(n);
    }
    // "Inbox by Acme" is another way of writing "Acme Inbox".
    for (x, t) in &by {
        let own = format!("{company} {x}");
        let form = format!("{x} by {company}");
        match out.iter_mut().find(|n| n.name == own) {
            Some(n) => n.variants.push(t.form(lib, &form)),
            None => {
                marked.entry(x.clone()).or_default();
            }
        }
    }
    for (form, t) in &marked {
        if form == company || out.iter().any(|n| &n.name == form) {
            continue;
        }
        out.push(t.name(lib, form.clone(), false, "marked ™/® or \"by\" the company"));
    }
    // Names the copy itself says are products: "Acme's Session Replay", "Seer is Acme's AI
    // debugger", "our second product was Replay", a page titled "Seer | Acme Docs".
    let mut named: Vec<(String, (Tally, &'static str))> = named.into_iter().collect();
    named.sort_by(|a, b| (b.1.0.count, &a.0).cmp(&(a.1.0.count, &b.0)));
    for (form, (t, why)) in named {
        if form == company
            || out
                .iter()
                .any(|n| n.name == form || n.name.ends_with(&format!(" {form}")))
        {
            continue;
        }
        out.push(t.name(lib, form, false, why));
    }
    // Ordinary words capitalised inside sentences, twice or more: a product or feature
    // named by ordinary words ("Storage", "Session Replay", "Notification Center").
    // A heading that is a name, the name written so inside a sentence elsewhere too; a
    // pricing page's plan. Ordinary words made names: `case: exact`.
    let mut titled: Vec<(&String, &Tally, bool)> = heading_names
        .iter()
        .filter(|(f, _)| mid.get(f.as_str()).is_some_and(|n| *n >= 1))
        .chain(
            leads
                .iter()
                .filter(|(f, _)| f.contains(' ') || mid.get(f.as_str()).is_some_and(|n| *n >= 1)),
        )
        .map(|(f, t)| (f, t, false))
        .chain(plans.iter().map(|(f, t)| (f, t, true)))
        .filter(|(f, _, _)| {
            !quality(f.split(' ').next().unwrap_or(""))
                && !out.iter().any(|n| {
                    n.name == **f
                        || n.name
                            .strip_prefix(company)
                            .is_some_and(|r| r.trim() == f.as_str())
                })
        })
        .collect();
    titled.sort_by(|a, b| (b.1.count, a.0).cmp(&(a.1.count, b.0)));
    titled.dedup_by(|a, b| a.0 == b.0);
    for (form, t, plan) in titled.into_iter().take(12) {
        out.push(Name {
            name: form.clone(),
            count: t.count + mid.get(form.as_str()).copied().unwrap_or(0),
            assets: t.assets.len(),
            evidence: t.evidence(lib),
            variants: Vec::new(),
            lowercase: Vec::new(),
            case_exact: ordinary(form),
            why: if plan {
                "a plan on the pricing page: a product?".into()
            } else {
                "a heading or a list item's lead of its own, and a name".into()
            },
        });
    }
    // A name ending in a product's head word, used inside a sentence or seen twice: the
    // longest such form, unless a shorter one inside it is used more often.
    // Only a form seen as a whole run once at least ("Service API" is only ever part of
    // "Entity Service API" and "Document Service API").
    let keep: Vec<(&String, &(Tally, usize, usize))> = headed
        .iter()
        .filter(|(f, (t, inside, whole))| {
            *whole >= 1 && (*inside >= 1 || t.count >= 2) && !f.contains(company)
        })
        .collect();
    let mut heads: Vec<(&String, &Tally)> = keep
        .iter()
        .filter(|(f, (t, _, _))| {
            let first = f.split(' ').next().unwrap_or("");
            !not_name(first)
                && !generic_head(&first.to_lowercase())
                && !out.iter().any(|n| {
                    n.name == **f
                        || n.name
                            .strip_prefix(company)
                            .is_some_and(|r| r.trim() == f.as_str())
                })
                // "Notification Center" inside "Embeddable Notification Center" seen as
                // often: the longer is the name.
                && !keep.iter().any(|(g, (u, _, _))| {
                    g.len() > f.len() && g.ends_with(f.as_str()) && u.count >= t.count
                })
                // "Data Does Google Analytics" once, "Google Analytics" more often: the
                // shorter is the name.
                && !keep.iter().any(|(g, (_, _, whole))| {
                    g.len() < f.len() && f.ends_with(g.as_str()) && *whole > t.count
                })
                && !quality(first)
        })
        .map(|(f, (t, _, _))| (*f, t))
        .collect();
    heads.sort_by(|a, b| {
        (b.1.count, b.1.assets.len(), a.0).cmp(&(a.1.count, a.1.assets.len(), b.0))
    });
    for (form, t) in heads.into_iter().take(8) {
        out.push(t.name(
            lib,
            form.clone(),
            ordinary(form),
            "ends in a product's word (Edition, Cloud, Center…)",
        ));
    }
    // Only names seen three times or more can be kept, or hide a shorter one.
    let frequent: Vec<(&String, &Tally)> = other.iter().filter(|(_, t)| t.count >= 3).collect();
    let mut others: Vec<(&String, &Tally)> = frequent
        .iter()
        .filter(|(f, t)| {
            t.assets.len() >= 2
                && !f.contains(company)
                && !out.iter().any(|n| &n.name == *f)
                // Only ever inside a longer name ("Awesome Pro" in "Build Awesome Pro").
                && !frequent.iter().any(|(g, u)| {
                    g.len() > f.len() && u.count >= t.count && g.contains(f.as_str())
                })
        })
        .copied()
        .collect();
    others.sort_by(|a, b| {
        (b.1.assets.len(), b.1.count, a.0).cmp(&(a.1.assets.len(), a.1.count, b.0))
    });
    // A shorter name inside a longer one of these ("Build Awesome" in "Build Awesome Pro")
    // stays: both are names.
    for (form, t) in others.into_iter().take(8) {
        out.push(t.name(
            lib,
            form.clone(),
            false,
            format!("recurs without {company}: a product, a partner or another company?"),
        ));
    }
    out.sort_by(|a, b| {
        let own = |n: &Name| n.name.starts_with(company);
        (own(b), b.assets, b.count)
            .cmp(&(own(a), a.assets, a.count))
            .then(a.name.cmp(&b.name))
    });
    out.truncate(40);
    out
}

/// Whether `tok` names one of the company's tools or packages by its one-word name
/// `company` (lowercase): the name as one part of a hyphenated or underscored lowercase word
/// ("woodpecker-agent", "mcp-server-qdrant", "create-vite"), or with a tool's affix
/// ("xcaddy", "kongctl"). Never the name alone, a URL, a path, a file or a version.
fn tool_name(tok: &str, company: &str) -> bool {
    if tok.len() <= company.len()
        || !tok.starts_with(|c: char| c.is_ascii_lowercase())
        || !tok
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        || tok.ends_with(['-', '_'])
    {
        return false;
    }
    let affixed =
        tok.strip_prefix('x') == Some(company) || tok.strip_suffix("ctl") == Some(company);
    let parts: Vec<&str> = tok.split(['-', '_']).collect();
    affixed
        || parts.len() >= 2
            && parts.contains(&company)
            && parts
                .iter()
                .all(|p| p.len() >= 2 && !p.bytes().all(|b| b.is_ascii_digit()))
}

/// A capitalised word that cannot start a name: it starts sentences and headings ("The",
/// "Introducing", "Use").
/// A word that opens a benefit's label, not a name: "Powerful API", "Highly Customizable",
/// "Zero Configuration", "Modern Admin Panel" — an adjective or adverb of quality.
fn quality(first: &str) -> bool {
    const QUALITIES: &[&str] = &[
        "full",
        "zero",
        "instant",
        "modern",
        "simple",
        "easy",
        "fast",
        "faster",
        "secure",
        "open",
        "native",
        "smart",
        "real",
        "rich",
        "deep",
        "complete",
        "unlimited",
        "custom",
        "advanced",
        "better",
        "best",
        "great",
        "first",
        "true",
        "pure",
        "free",
        "high",
        "low",
        "more",
        "less",
        "all",
        "any",
        "every",
        "one",
        "no",
        "built",
        "made",
        "ready",
    ];
    let l = first.to_lowercase();
    QUALITIES.contains(&l.as_str())
        || ["ful", "ous", "ive", "less", "able", "ible", "est", "ly"]
            .iter()
            .any(|e| l.ends_with(e))
}

/// Words written as ordinary words with a capital ("Notification Center", "Pro"), no
/// acronym, camel case or digit: a name only in the case written.
fn ordinary(name: &str) -> bool {
    name.split([' ', '-']).all(|w| {
        let mut c = w.chars();
        c.next().is_some_and(char::is_uppercase) && c.all(char::is_lowercase)
    })
}

/// Headings that name a page's section, not a product.
const SECTION_HEADINGS: &[&str] = &[
    "features",
    "feature",
    "overview",
    "introduction",
    "conclusion",
    "summary",
    "faq",
    "faqs",
    "security",
    "integrations",
    "installation",
    "install",
    "usage",
    "license",
    "licence",
    "support",
    "resources",
    "roadmap",
    "changelog",
    "highlights",
    "acknowledgements",
    "acknowledgments",
    "thanks",
    "sponsors",
    "download",
    "downloads",
    "requirements",
    "performance",
    "privacy",
    "testimonials",
    "examples",
    "example",
    "contributors",
    "contributing",
    "background",
    "motivation",
    "results",
    "benefits",
    "news",
    "events",
    "questions",
    "help",
    "setup",
    "configuration",
    "quickstart",
    "quick start",
    "getting started",
    "next steps",
    "learn more",
    "what's next",
    "what's new",
    "why",
    "how it works",
    "use cases",
    "partners",
    "investors",
    "careers",
    "jobs",
    "contact",
    "contact us",
    "get started",
    "try it",
    "demo",
    "compliance",
    "enterprise",
    "pricing",
    "plans",
    "free",
    "open source",
    "self-hosted",
    "self-hosting",
    "cloud",
    "community",
    "team",
    "customers",
    "press",
    "media",
    "legal",
    "terms",
    "documentation",
];

/// A heading made of one name alone, up to three words ("Swiftfin", "Notification Center"),
/// not a section's name ("Features", "Getting Started").
fn heading_name(text: &str, ws: &[Word]) -> Option<String> {
    if ws.is_empty() || ws.len() > 3 || run_end(text, ws, 0, 3) != ws.len() {
        return None;
    }
    let form = &text[ws[0].start..ws[ws.len() - 1].end];
    if text.trim().trim_end_matches(['.', ':', '!']) != form {
        return None;
    }
    let lower = form.to_lowercase();
    (!SECTION_HEADINGS.contains(&lower.as_str())
        && !PAGE_NAMES.contains(&lower.as_str())
        && !generic_head(&lower)
        && !has_digit(form))
    .then(|| form.to_owned())
}

/// The columns of a comparison table's first row (the names after its first cell) when the
/// row under it holds ticks, crosses or prices.
fn plan_columns(asset: &Asset, at: usize, text: &str) -> Vec<String> {
    if at > 0 && asset.segs[at - 1].scope == Scope::TableRow {
        return Vec::new();
    }
    let marked = asset.segs[at + 1..]
        .iter()
        .take(3)
        .take_while(|x| x.scope == Scope::TableRow)
        .any(|x| {
            let t = asset.seg_text(x);
            t.contains(['✓', '✔', '✅', '❌', '✗', '✕', '$', '€', '£'])
        });
    if !marked {
        return Vec::new();
    }
    let cells: Vec<&str> = text.split('|').map(str::trim).collect();
    if cells.len() < 3 {
        return Vec::new();
    }
    cells[1..]
        .iter()
        .filter(|c| {
            let ws = words(c);
            // A plan may be named "Team" or "Enterprise": only the free tier is no product.
            !ws.is_empty()
                && ws.len() <= 3
                && run_end(c, &ws, 0, 3) == ws.len()
                && c.len() == ws[ws.len() - 1].end
                && !has_digit(c)
                && !c.eq_ignore_ascii_case("free")
        })
        .map(|c| (*c).to_owned())
        .collect()
}

/// A pricing page: its path says so.
fn pricing_page(asset: &Asset) -> bool {
    let p = asset.path.to_lowercase();
    p.contains("pricing") || p.contains("plans")
}

/// A price in the segments after `s` before the next heading: on a pricing page any price
/// ("$20 / month", "€9", "20$", "Free"), elsewhere one billed per period ("$20/user/month").
fn price_follows(asset: &Asset, at: usize, pricing: bool) -> bool {
    for x in asset.segs[at + 1..].iter().take(4) {
        if x.scope == Scope::Heading {
            return false;
        }
        let t = asset.seg_text(x);
        let priced = t.char_indices().any(|(i, c)| {
            matches!(c, '$' | '€' | '£')
                && (t[i + c.len_utf8()..].starts_with(|d: char| d.is_ascii_digit())
                    || t[..i].ends_with(|d: char| d.is_ascii_digit()))
        });
        let lower = t.to_lowercase();
        let period = [
            "/mo",
            "/month",
            "per month",
            "/user",
            "per user",
            "/year",
            "per year",
            "/seat",
        ]
        .iter()
        .any(|p| lower.contains(p));
        if pricing && (priced || t.trim().eq_ignore_ascii_case("free")) || priced && period {
            return true;
        }
    }
    false
}

fn not_name(t: &str) -> bool {
    // One hashed lookup of the word lowered (a scan of the lists with a new String per word
    // was a tenth of the drafting).
    static SET: std::sync::LazyLock<HashSet<&'static str>> = std::sync::LazyLock::new(|| {
        NOT_NAMES
            .iter()
            .chain(crate::document::MONTHS.iter())
            .copied()
            .collect()
    });
    if t.bytes().all(|b| !b.is_ascii_uppercase() && b.is_ascii()) {
        SET.contains(t)
    } else {
        SET.contains(t.to_lowercase().as_str())
    }
}

/// Words that end a run of capitalised words even when capitalised: function words and
/// pronouns ("Powered By The", "Built For You"). Other words that cannot start a name can
/// be inside one: "Sustainable Use License", "Code Search API".
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "if", "in", "on", "at", "to", "of", "for", "with", "by",
    "from", "as", "is", "are", "was", "be", "it", "its", "this", "that", "these", "those", "we",
    "our", "you", "your", "they", "their", "i", "my", "he", "she", "his", "her", "it's", "let's",
    "don't", "all", "any", "each", "every", "no", "not",
];

fn continues(t: &str) -> bool {
    // Function words are short and ASCII: a longer or other word continues, unlowered.
    t.len() > 5 || !FUNCTION_WORDS.iter().any(|f| f.eq_ignore_ascii_case(t))
}

/// An acronym that starts a longer name: "AI Code Review", "API Gateway" (alone, "AI" or
/// "API" is no name).
fn acronym_lead(text: &str, ws: &[Word], i: usize) -> bool {
    let t = &text[ws[i].start..ws[i].end];
    t.len() >= 2
        && t.chars().all(|c| c.is_ascii_uppercase())
        && ws.get(i + 1).is_some_and(|n| {
            let n_t = &text[n.start..n.end];
            !n.break_before
                && !n.link
                && name_word(n_t)
                && !not_name(n_t)
                && !n_t.chars().all(|c| c.is_ascii_uppercase())
        })
}

/// Names of pages that are no product: a page titled "Pricing | Acme" is the pricing page.
const PAGE_NAMES: &[&str] = &[
    "pricing",
    "plans",
    "about",
    "about us",
    "blog",
    "docs",
    "documentation",
    "features",
    "contact",
    "contact us",
    "careers",
    "jobs",
    "home",
    "changelog",
    "community",
    "support",
    "privacy",
    "privacy policy",
    "terms",
    "terms of service",
    "security",
    "enterprise",
    "customers",
    "integrations",
    "company",
    "team",
    "press",
    "partners",
    "resources",
    "download",
    "downloads",
    "login",
    "log in",
    "sign in",
    "sign up",
    "signup",
    "faq",
    "help",
    "guides",
    "tutorials",
    "news",
    "events",
    "status",
    "legal",
    "overview",
    "introduction",
    "getting started",
    "quickstart",
    "solutions",
    "platform",
    "product",
    "products",
    "compare",
    "open source",
    "philosophy",
    "roadmap",
    "demo",
    "sponsors",
    "contributors",
    "release notes",
    "readme",
    "license",
    "code of conduct",
    "contributing",
];

/// The capitalised run (up to `max` words) starting at word `i`, as an end index; `i` when
/// there is none.
fn run_end(text: &str, ws: &[Word], i: usize, max: usize) -> usize {
    let mut j = i;
    while j < ws.len() && j < i + max {
        let n = &text[ws[j].start..ws[j].end];
        let first = j == i;
        if ws[j].link
            || !name_word(n)
            || (!first && (ws[j].break_before || !continues(n)))
            || (first && not_name(n) && !acronym_lead(text, ws, j))
        {
            break;
        }
        j += 1;
    }
    j
}

/// Product names the text of one segment states as such. Each pattern needs the words
/// around the name, so a capitalised word that merely starts a sentence is not taken:
/// - the company's possessive before it: "Acme's Session Replay";
/// - the company's possessive after it: "Seer is Acme's AI debugger", "Seer, Acme's …";
/// - the word "product" before it: "our second product was Session Replay";
/// - a page's title (a web page's, not a slide's) made of it alone, or before a separator
///   and the company: "Cody", "Seer | Acme Docs" (not a page name such as "Pricing").
fn named_in(
    text: &str,
    ws: &[Word],
    company: &str,
    page_title: bool,
) -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    if company.is_empty() {
        return out;
    }
    let possessive = |w: &Word| {
        let t = &text[w.start..w.end];
        t.strip_suffix("'s")
            .or_else(|| t.strip_suffix("\u{2019}s"))
            .is_some_and(|n| n == company)
    };
    let take = |a: usize, b: usize| -> Option<String> {
        if b <= a {
            return None;
        }
        let form = text[ws[a].start..ws[b - 1].end].to_owned();
        let lower = form.to_lowercase();
        (!form.contains(company) && !generic_head(&lower) && !PAGE_NAMES.contains(&lower.as_str()))
            .then_some(form)
    };
    for i in 0..ws.len() {
        let t = &text[ws[i].start..ws[i].end];
        if possessive(&ws[i]) && ws.get(i + 1).is_some_and(|n| !n.break_before) {
            let j = run_end(text, ws, i + 1, 3);
            if let Some(f) = take(i + 1, j) {
                out.push((f, "written as the company's (\"Acme's …\")"));
            }
        }
        // Lowercase: "Product Walkthroughs" is a heading in Title Case.
        if t == "product" {
            let mut k = i + 1;
            if ws.get(k).is_some_and(|w| {
                !w.break_before
                    && matches!(&text[w.start..w.end], "is" | "was" | "called" | "named")
            }) {
                k += 1;
            }
            if ws
                .get(k)
                .is_some_and(|w| !w.break_before || text[ws[k - 1].end..w.start].trim() == ":")
            {
                let j = run_end(text, ws, k, 3);
                if let Some(f) = take(k, j) {
                    out.push((f, "called a product"));
                }
            }
        }
        // "a theme for news sites called Headline": a name given.
        if matches!(t, "called" | "named")
            && i > 0
            && !text[ws[i - 1].start..ws[i - 1].end].eq_ignore_ascii_case("so")
            && ws.get(i + 1).is_some_and(|w| !w.break_before)
        {
            let j = run_end(text, ws, i + 1, 3);
            if let Some(f) = take(i + 1, j) {
                out.push((f, "given a name (\"called X\")"));
            }
        }
        // An announcement: "Introducing Session Replay", "Meet Seer", "Announcing the Acme
        // Inbox" (the company's own forms are read above).
        if ws[i].initial
            && matches!(
                t.to_lowercase().as_str(),
                "introducing" | "announcing" | "meet" | "launching" | "presenting"
            )
        {
            let mut k = i + 1;
            if ws.get(k).is_some_and(|w| {
                !w.break_before && text[w.start..w.end].eq_ignore_ascii_case("the")
            }) {
                k += 1;
            }
            if ws.get(k).is_some_and(|w| !w.break_before) {
                let j = run_end(text, ws, k, 3);
                // The whole name, not the start of a Title Case headline ("Announcing
                // Seed Funding and Open Metrics").
                let whole = !is_title_case(text, &ws[j..])
                    && ws
                        .get(j)
                        .is_none_or(|w| w.break_before || !name_word(&text[w.start..w.end]));
                if whole && let Some(f) = take(k, j) {
                    out.push((f, "announced (\"Introducing X\")"));
                }
            }
        }
        // "Seer is here", "Profiles are now available": a launch.
        if ws[i].initial && name_word(t) {
            let j = run_end(text, ws, i, 3);
            let said = |k: usize, w: &str| {
                ws.get(k).is_some_and(|x| {
                    !x.break_before && text[x.start..x.end].eq_ignore_ascii_case(w)
                })
            };
            let launch = j > i
                && (said(j, "is") || said(j, "are"))
                && (said(j + 1, "here")
                    || said(j + 1, "live")
                    || (said(j + 1, "now") && said(j + 2, "available")));
            if launch && let Some(f) = take(i, j) {
                out.push((f, "launched (\"X is here\")"));
            }
        }
        // "Seer is Acme's …", "Seer, Acme's …": a run that ends right before.
        if (ws[i].initial || !is_capitalized(&text[ws[i - 1].start..ws[i - 1].end])) && name_word(t)
        {
            let j = run_end(text, ws, i, 3);
            if j > i {
                let next = |k: usize| ws.get(k);
                let copula = next(j).is_some_and(|w| {
                    !w.break_before && matches!(&text[w.start..w.end], "is" | "are")
                }) && next(j + 1).is_some_and(|w| !w.break_before && possessive(w));
                // Only at the start of a sentence: "reviews on Capterra, Acme's rating" is
                // no apposition.
                let apposition = ws[i].initial
                    && next(j).is_some_and(|w| {
                        text[ws[j - 1].end..w.start].trim() == "," && possessive(w)
                    });
                if (copula || apposition)
                    && let Some(f) = take(i, j)
                {
                    out.push((f, "said to be the company's (\"X is Acme's …\")"));
                }
            }
        }
    }
    if page_title {
        let cut = [" | ", " - ", " \u{2013} ", " \u{2014} ", " \u{00B7} ", ": "]
            .iter()
            .filter_map(|sep| text.find(sep).map(|p| (p, sep.len())))
            .min();
        let (left, right) = match cut {
            Some((p, l)) => (&text[..p], &text[p + l..]),
            None => (text, ""),
        };
        let lw = words(left);
        if !lw.is_empty()
            && lw.len() <= 3
            && (right.is_empty() || right.contains(company))
            && run_end(left, &lw, 0, 3) == lw.len()
            && left.trim() == &left[lw[0].start..lw[lw.len() - 1].end]
        {
            let form = left.trim().to_owned();
            let lower = form.to_lowercase();
            if !form.contains(company)
                && !PAGE_NAMES.contains(&lower.as_str())
                && !generic_head(&lower)
            {
                out.push((form, "a page's title"));
            }
        }
    }
    out
}

/// A word that can continue a name: capitalised ("Cloud"), an acronym ("CLI"), a
/// camel-case word ("DevTools"), no digits.
fn name_word(t: &str) -> bool {
    t.len() >= 2 && is_capitalized(t) && !has_digit(t)
}

/// A heading written in Title Case: most words of four letters or more capitalised.
fn is_title_case(text: &str, ws: &[Word]) -> bool {
    let long: Vec<&str> = ws
        .iter()
        .map(|w| &text[w.start..w.end])
        .filter(|t| t.len() >= 4 && !has_digit(t))
        .collect();
    let caps = long.iter().filter(|t| is_capitalized(t)).count();
    long.len() >= 2 && caps * 3 >= long.len() * 2
}

/// Every spelling of each name seen in the library, in one pass over the text: the same
/// letters with other case, spacing, hyphenation or joins ("AcmeCloud", "Acme cloud"), or
/// with a common ending ("Acme.io", "AcmeJS"). `names[0]` is the company: the products'
/// names and forms are not variants of it.
fn with_variants(lib: &[Asset], readable: &[usize], mut names: Vec<Name>) -> Vec<Name> {
    const ENDINGS: [&str; 6] = ["js", "io", "ai", "app", "hq", "inc"];
    let keys: Vec<String> = names.iter().map(|n| squash(&n.name)).collect();
    let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
    let mut leads: HashSet<[char; 3]> = HashSet::new();
    let mut longest = 0;
    let mut max_words = 1;
    for (i, k) in keys.iter().enumerate() {
        if k.chars().count() < 3 {
            continue;
        }
        longest = longest.max(k.len() + 4);
        max_words = max_words.max((names[i].name.split_whitespace().count() + 1).min(4));
        leads.insert(lead3(k.chars()));
        by_key.entry(k.clone()).or_default().push(i);
        for e in ENDINGS {
            by_key.entry(format!("{k}{e}")).or_default().push(i);
        }
    }
    let taken: Vec<HashSet<String>> = names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let others: Vec<&Name> = if i == 0 {
                names[1..].iter().collect()
            } else {
                Vec::new()
            };
            others
                .into_iter()
                .flat_map(|e| std::iter::once(&e.name).chain(e.variants.iter().map(|v| &v.text)))
                .chain(n.variants.iter().map(|v| &v.text))
                .cloned()
                .collect()
        })
        .collect();
    let mut forms: Vec<BTreeMap<String, Tally>> =
        (0..names.len()).map(|_| BTreeMap::new()).collect();
    // Only segments holding the first letters of a name's first word are read word by word.
    let firsts: Vec<String> = names
        .iter()
        .filter_map(|n| n.name.split_whitespace().next())
        .map(|w| w.chars().take(3).collect::<String>())
        .filter(|w| !w.is_empty())
        .collect();
    let gate = gate(firsts.iter().map(String::as_str));
    for &a in readable {
        let asset = &lib[a];
        for s in copy_segments(asset) {
            let text = asset.seg_text(s);
            if gate.as_ref().is_some_and(|g| !g.is_match(text)) {
                continue;
            }
            let ws = words(text);
            for i in 0..ws.len() {
                if ws[i].link
                    || !leads.contains(&lead3(
                        text[ws[i].start..]
                            .chars()
                            .filter(|c| c.is_alphanumeric())
                            .flat_map(char::to_lowercase),
                    ))
                {
                    continue;
                }
                for len in 1..=max_words {
                    let j = i + len;
                    if j > ws.len() || (len > 1 && ws[i + 1..j].iter().any(|w| w.break_before)) {
                        break;
                    }
                    let form = &text[ws[i].start..ws[j - 1].end];
                    let k = squash(form);
                    if k.len() > longest {
                        break;
                    }
                    let Some(targets) = by_key.get(&k) else {
                        continue;
                    };
                    for &t in targets {
                        // "the Acme app" is the noun app; "AcmeApp", "Acme.io", "Acme AI"
                        // are names.
                        let loose_suffix = k != keys[t]
                            && form.contains(' ')
                            && form
                                .rsplit(' ')
                                .next()
                                .is_some_and(|w| !w.chars().any(char::is_uppercase));
                        if form != names[t].name && !taken[t].contains(form) && !loose_suffix {
                            forms[t].entry(form.to_owned()).or_default().add(a, s);
                        }
                    }
                }
            }
        }
    }
    for (n, forms) in names.iter_mut().zip(forms) {
        for (form, t) in forms {
            // Text set in capitals is styling, not a misspelling.
            let letters = form.chars().filter(|c| c.is_alphabetic()).count();
            let caps = form
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase);
            if caps && letters > 3 {
                continue;
            }
            if form.chars().all(|c| !c.is_uppercase()) {
                n.lowercase.push(t.form(lib, &form));
            } else {
                n.variants.push(t.form(lib, &form));
            }
        }
        n.variants
            .sort_by(|a, b| b.count.cmp(&a.count).then(a.text.cmp(&b.text)));
    }
    names
}

/// A case-insensitive (ASCII) automaton of `words`: a segment without any of them is
/// skipped before it is split into words. `None` (read everything) if it cannot be built.
fn gate<'a>(words: impl Iterator<Item = &'a str>) -> Option<aho_corasick::AhoCorasick> {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(words)
        .ok()
}

/// The first three characters of an iterator (padded), a cheap gate before building forms.
fn lead3(mut it: impl Iterator<Item = char>) -> [char; 3] {
    [
        it.next().unwrap_or('\0'),
        it.next().unwrap_or('\0'),
        it.next().unwrap_or('\0'),
    ]
}

// ---------------------------------------------------------------------------------------
// Competitors

/// Names in "vs", "versus", "alternative to", "compared with/to", "switch/migrate/move
/// from", "unlike", "than X", and the names listed after them ("from Postman, Insomnia").
fn competitors(lib: &[Asset], readable: &[usize], company: &str, products: &[Name]) -> Vec<Name> {
    const TRIGGERS: &[&[&str]] = &[
        &["vs"],
        &["versus"],
        &["alternative", "to"],
        &["alternatives", "to"],
        &["compared", "with"],
        &["compared", "to"],
        &["comparison", "with"],
        &["switch", "from"],
        &["switching", "from"],
        &["migrate", "from"],
        &["migrating", "from"],
        &["move", "from"],
        &["moving", "from"],
        &["unlike"],
        &["than"],
        &["instead", "of"],
        &["replacement", "for"],
    ];
    let ours: HashSet<&str> = std::iter::once(company)
        .chain(products.iter().map(|p| p.name.as_str()))
        .collect();
    let mut found: HashMap<String, Tally> = HashMap::new();
    // Only segments with a trigger word are read word by word.
    let gate = gate(TRIGGERS.iter().map(|t| t[0]));
    for &a in readable {
        let asset = &lib[a];
        for s in copy_segments(asset) {
            let text = asset.seg_text(s);
            if gate.as_ref().is_some_and(|g| !g.is_match(text)) {
                continue;
            }
            let ws = words(text);
            for i in 0..ws.len() {
                for trig in TRIGGERS {
                    let n = trig.len();
                    if i + n >= ws.len()
                        || !(0..n).all(|k| {
                            text[ws[i + k].start..ws[i + k].end].eq_ignore_ascii_case(trig[k])
                        })
                    {
                        continue;
                    }
                    // The names after it, a list of them separated by commas or "and"/"or".
                    let mut j = i + n;
                    if matches!(&text[ws[j].start..ws[j].end], "a" | "the") {
                        j += 1;
                    }
                    while j < ws.len() {
                        let t = &text[ws[j].start..ws[j].end];
                        if ws[j].link || !(name_word(t) || is_mixed_case(t)) {
                            break;
                        }
                        if not_name(t) {
                            break;
                        }
                        // A name of up to two words.
                        let mut end = j + 1;
                        if end < ws.len()
                            && !ws[end].break_before
                            && name_word(&text[ws[end].start..ws[end].end])
                        {
                            end += 1;
                        }
                        let name = &text[ws[j].start..ws[end - 1].end];
                        if !ours.contains(name) && !name.starts_with(company) {
                            found.entry(name.to_owned()).or_default().add(a, s);
                        }
                        // Continue through "X, Y and Z".
                        if end < ws.len() {
                            let gap = &text[ws[end - 1].end..ws[end].start];
                            let sep = &text[ws[end].start..ws[end].end];
                            if gap.trim() == "," {
                                j = end;
                                continue;
                            }
                            if (sep == "and" || sep == "or") && gap.trim().is_empty() {
                                j = end + 1;
                                continue;
                            }
                        }
                        break;
                    }
                }
            }
        }
    }
    let mut out: Vec<Name> = found
        .into_iter()
        .map(|(name, t)| Name {
            name,
            count: t.count,
            assets: t.assets.len(),
            evidence: t.evidence(lib),
            variants: Vec::new(),
            lowercase: Vec::new(),
            case_exact: false,
            why: "compared with (vs, alternative to, than, switch from…)".into(),
        })
        .collect();
    out.sort_by(|a, b| (b.count, b.assets, &a.name).cmp(&(a.count, a.assets, &b.name)));
    out.truncate(12);
    out
}

/// "cURL", "iPhone": a name with an inner capital.
fn is_mixed_case(t: &str) -> bool {
    t.len() >= 3 && t.chars().skip(1).any(char::is_uppercase) && !has_digit(t)
}

// ---------------------------------------------------------------------------------------
// Phrases: taglines, one-liners, messages

struct PhraseOcc {
    asset: usize,
    weight: f64,
    home_prominent: bool,
    /// From the home page's first paragraph (not its title or headings).
    first_body: bool,
    /// The home page's first heading: its hero headline, where a tagline stands.
    hero: bool,
    /// A heading (not the first) of a home page or README: where its messages stand.
    home_heading: bool,
    /// Two headings in a row read as one line (the hero headline set as two).
    joined: bool,
    /// For a heading, the first sentence of the paragraph under it: what the heading
    /// promises, said in full.
    lead: Option<String>,
    ev: Evidence,
    text: String,
}

/// Short units of copy worth comparing across assets: titles split at their separators
/// ("Acme • Ship faster"), headings, list items and short paragraphs, and the first
/// sentence of paragraphs; keyed by their folded words.
fn phrases(lib: &[Asset], readable: &[usize], company: &str) -> BTreeMap<String, Vec<PhraseOcc>> {
    let mut out: BTreeMap<String, Vec<PhraseOcc>> = BTreeMap::new();
    let company_norm = norm(company);
    for &a in readable {
        let asset = &lib[a];
        let mut first_body = true;
        // After a first heading that is only the company's name ("# Acme" atop a README),
        // the next heading or paragraph says what it is: it stands where a first heading
        // does.
        let mut lead_pending = false;
        let cover = matches!(asset.kind, Kind::Pdf | Kind::Docx);
        // The heading just read, waiting for the paragraph under it.
        let mut pending: Option<(String, usize)> = None;
        let segs: Vec<&Seg> = copy_segments(asset).collect();
        for (k, &s) in segs.iter().enumerate() {
            let text = asset.seg_text(s);
            if let Some((key, at)) = pending.take()
                && s.scope == Scope::Body
            {
                let first = clause(text, 0, 0);
                let lead = text[first].trim().trim_end_matches(['.', '!']);
                if (4..=40).contains(&lead.split_whitespace().count())
                    && let Some(o) = out.get_mut(&key).and_then(|v| v.get_mut(at))
                {
                    o.lead = Some(lead.to_owned());
                }
            }
            // A row of links ("Website | Roadmap | Blog") says nothing of what it is.
            let link_row = text.matches(['|', '•', '·']).count() >= 2;
            let lead = lead_pending && matches!(s.scope, Scope::Heading | Scope::Body) && !link_row;
            if lead {
                lead_pending = false;
            }
            if s.first_heading && norm(text) == company_norm {
                lead_pending = true;
            }
            // A PDF's or Word file's first line is its cover: its title.
            let cover_line = cover && k == 0 && text.split_whitespace().count() <= 12;
            let prominent = matches!(s.scope, Scope::Title | Scope::Meta)
                || s.first_heading
                || lead
                || cover_line;
            let weight = if prominent {
                1.0
            } else {
                match s.scope {
                    Scope::Heading => 0.5,
                    Scope::ListItem | Scope::TableRow => 0.3,
                    _ => 0.3,
                }
            };
            if s.scope == Scope::TableRow {
                continue;
            }
            let mut units: Vec<&str> = Vec::new();
            // A hero headline set as two headings in a row ("# Open Source" over "# Identity
            // and Access Management"): read as one line too.
            let joined = (asset.home
                && s.first_heading
                && s.scope == Scope::Heading
                && norm(text) != company_norm
                && text.split_whitespace().count() <= 6)
                .then(|| segs.get(k + 1))
                .flatten()
                .filter(|n| n.scope == Scope::Heading && n.slide == s.slide && n.line <= s.line + 2)
                .map(|n| format!("{} {}", text.trim(), asset.seg_text(n).trim()))
                .filter(|j| j.split_whitespace().count() <= 14);
            if let Some(j) = &joined {
                units.push(j);
            }
            if s.scope == Scope::Title {
                // "Free, collaborative whiteboard • Hand-drawn look & feel | Acme": the
                // title without the company's name is one line too, when it joins two parts.
                let own = before_name(after_name(text.trim(), &company_norm), &company_norm);
                if own.len() < text.trim().len() && own.contains(['•', '|', '·', '–', '—']) {
                    units.push(own);
                }
                units.extend(
                    text.split(['•', '|', '·', '–', '—'])
                        .flat_map(|u| u.split(" - "))
                        .flat_map(|u| u.split(": ")),
                );
            } else if s.scope == Scope::Heading {
                units.push(after_name(text, &company_norm));
            } else if s.scope == Scope::ListItem {
                // "Hybrid search: combine semantic and full-text search": a feature's label
                // and what it does, read as a heading and the sentence under it.
                match label_split(text) {
                    Some((label, _)) => units.push(label),
                    None => units.push(text),
                }
            } else {
                let lower_len = text.len();
                let first = clause(text, 0, 0);
                if first.end < lower_len {
                    units.push(&text[first.clone()]);
                }
                units.push(text);
            }
            let home_first = asset.home && s.scope == Scope::Body && first_body && !link_row;
            if s.scope == Scope::Body && !link_row {
                first_body = false;
            }
            for u in units {
                let is_joined = joined.as_deref() == Some(u);
                // "✦ Introducing …", "🚀 Reimagined …": the ornament is not the message.
                let u = u
                    .trim()
                    .trim_start_matches(|c: char| !(c.is_alphanumeric() || "\"'“‘$#".contains(c)))
                    .trim_end_matches(['_', '.', '!', ':'])
                    .trim();
                let wc = u.split_whitespace().count();
                // Long units only count as a home page's opening (a one-liner); elsewhere a
                // message is a short line.
                let most = if home_first || (asset.home && prominent) {
                    40
                } else {
                    14
                };
                if !(2..=most).contains(&wc) || u.len() > 320 {
                    continue;
                }
                // A row of links ("Website | Roadmap | Blog | Docs"), not a message.
                if u.matches(['|', '•', '·']).count() >= 2 {
                    continue;
                }
                let key = norm(u);
                if key.is_empty()
                    || key == company_norm
                    || key.starts_with(&format!("about {company_norm}"))
                    || (key.starts_with(&company_norm) && key.split(' ').count() <= 3)
                    || cta(&key, u)
                    || generic(&key)
                {
                    continue;
                }
                if key.split(' ').all(|w| is_stop_word(w) || w.len() < 3) {
                    continue;
                }
                if key.contains('©') || key.contains("all rights reserved") {
                    continue;
                }
                let heading_key = (s.scope == Scope::Heading).then(|| key.clone());
                let described = (s.scope == Scope::ListItem)
                    .then(|| label_split(text))
                    .flatten()
                    .map(|(_, d)| d);
                out.entry(key).or_default().push(PhraseOcc {
                    asset: a,
                    weight: if home_first { 1.0 } else { weight },
                    home_prominent: asset.home && (prominent || home_first),
                    first_body: home_first,
                    hero: asset.home && s.first_heading && s.scope == Scope::Heading,
                    joined: is_joined,
                    home_heading: asset.home
                        && (s.scope == Scope::Heading && !prominent || described.is_some()),
                    lead: described.map(|d| {
                        let mut c = d.chars();
                        let first: String = c
                            .next()
                            .map(|f| f.to_uppercase().collect())
                            .unwrap_or_default();
                        format!("{first}{}", c.as_str().trim_end_matches(['.', '!']))
                    }),
                    ev: evidence(lib, a, s, text),
                    text: u.to_owned(),
                });
                if let Some(k) = heading_key {
                    let at = out.get(&k).map_or(0, |v| v.len() - 1);
                    pending = Some((k, at));
                }
            }
        }
    }
    out
}

/// A list item made of a short label and what it says: "Hybrid search: combine semantic and
/// full-text search", "Realtime — every change as it happens". The label has one to six
/// words, the description four or more.
fn label_split(text: &str) -> Option<(&str, &str)> {
    for sep in [": ", " \u{2014} ", " \u{2013} ", " - "] {
        if let Some(p) = text.find(sep) {
            let (label, desc) = (text[..p].trim(), text[p + sep.len()..].trim());
            let lw = label.split_whitespace().count();
            if (1..=6).contains(&lw)
                && desc.split_whitespace().count() >= 4
                && label.starts_with(|c: char| c.is_uppercase())
            {
                return Some((label, desc));
            }
            return None;
        }
    }
    None
}

/// A heading without the company's name before a separator: "Acme - Secure Automation for
/// Teams" says "Secure Automation for Teams".
fn after_name<'a>(text: &'a str, company_norm: &str) -> &'a str {
    for sep in [" - ", " \u{2013} ", " \u{2014} ", ": ", " | "] {
        if let Some(p) = text.find(sep)
            && !company_norm.is_empty()
            && norm(&text[..p]) == company_norm
        {
            return &text[p + sep.len()..];
        }
    }
    text
}

/// The text before a trailing company name ("Ship faster | Acme" → "Ship faster").
fn before_name<'a>(text: &'a str, company_norm: &str) -> &'a str {
    for sep in [
        " - ",
        " \u{2013} ",
        " \u{2014} ",
        " | ",
        " \u{2022} ",
        " \u{b7} ",
    ] {
        if let Some(p) = text.rfind(sep)
            && !company_norm.is_empty()
            && norm(&text[p + sep.len()..]) == company_norm
        {
            return &text[..p];
        }
    }
    text
}

/// Calls to action and navigation, not messages: a unit (`raw`, as written; `key`, its
/// folded words) that opens with one of these words, as a word ("Next", "Next: Install",
/// but not "Next-level infrastructure", "Shared workspaces", "Explorer").
fn cta(key: &str, raw: &str) -> bool {
    const START: &[&str] = &[
        "subscribe",
        "sign up",
        "sign in",
        "log in",
        "login",
        "get started",
        "start",
        "download",
        "learn more",
        "read more",
        "read the",
        "contact",
        "book a",
        "request a",
        "join",
        "try",
        "see ",
        "view ",
        "explore",
        "back to",
        "star us",
        "open app",
        "talk to",
        "follow",
        "share",
        "watch",
        "register",
        "apply",
        "buy",
        "click",
        "go to",
        "skip to",
        "edit this",
        "table of contents",
        "previous",
        "next",
        "on this page",
    ];
    // (The words are ASCII: compared without lowering the unit into a new String.)
    let raw = raw.trim_start();
    START.iter().any(|s| {
        let s = s.trim_end();
        if let Some(head) = raw.get(..s.len())
            && head.eq_ignore_ascii_case(s)
        {
            return !raw[s.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '-');
        }
        key.strip_prefix(s)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    })
}

/// Section headings every site has.
fn generic(key: &str) -> bool {
    const GENERIC: &[&str] = &[
        "features",
        "pricing",
        "products",
        "product",
        "overview",
        "introduction",
        "getting started",
        "get started",
        "installation",
        "contributing",
        "license",
        "related",
        "resources",
        "documentation",
        "docs",
        "blog",
        "faq",
        "support",
        "community",
        "customers",
        "case studies",
        "about",
        "about us",
        "company",
        "careers",
        "legal",
        "privacy policy",
        "terms of service",
        "table of contents",
        "contents",
        "usage",
        "what's next",
        "whats next",
        "summary",
        "conclusion",
        "next steps",
        "quick links",
        "key features",
        "requirements",
        "security",
        "license and support",
        "changelog",
        "call to action",
    ];
    // "Acme README", "Tauri (README of tauri-apps/tauri)": a file's name, not its message.
    GENERIC.contains(&key) || key.split(' ').any(|w| w == "readme")
}

fn phrase_cluster(key: &str, occ: &[PhraseOcc]) -> Phrase {
    let mut per_asset: HashMap<usize, f64> = HashMap::new();
    for o in occ {
        let w = per_asset.entry(o.asset).or_insert(0.0);
        *w = w.max(o.weight);
    }
    // A home page's title, first heading or description says what the company is first;
    // its first paragraph nearly as much.
    let home = occ
        .iter()
        .filter(|o| o.home_prominent)
        .map(|o| {
            // The hero headline over the page's title and description, which often carry
            // search wording ("Acme | Integrated Infrastructure for …").
            if o.hero {
                3.0
            } else if o.weight >= 1.0 && !o.first_body {
                2.0
            } else {
                1.5
            }
        })
        .fold(0.0, f64::max);
    let score = per_asset.values().sum::<f64>() + home;
    // The wording most often written, as written; the home page's hero headline as it
    // stands there.
    let mut wordings: BTreeMap<&str, usize> = BTreeMap::new();
    for o in occ {
        *wordings.entry(o.text.as_str()).or_insert(0) += 1;
    }
    let hero = occ.iter().find(|o| o.hero);
    let text = match hero {
        Some(o) => o.text.clone(),
        None => wordings
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map_or(key, |(t, _)| t)
            .to_owned(),
    };
    let mut seen = HashSet::new();
    let evidence: Vec<Evidence> = occ
        .iter()
        .filter(|o| seen.insert((o.ev.path.clone(), o.ev.line)))
        .take(EVIDENCE)
        .map(|o| o.ev.clone())
        .collect();
    Phrase {
        keywords: keywords(&text),
        text,
        count: occ.len(),
        assets: per_asset.len(),
        score,
        evidence,
        variants: Vec::new(),
        heading: None,
        hero: hero.is_some(),
    }
}

/// Two or three content words that recognise a message when it is reworded.
fn keywords(text: &str) -> Vec<String> {
    let mut out: Vec<String> = norm(text)
        .split(' ')
        .filter(|w| w.len() >= 4 && !is_stop_word(w) && !COMMON.contains(w) && !has_digit(w))
        .map(str::to_owned)
        .collect();
    out.dedup();
    out.sort_by_key(|w| std::cmp::Reverse(w.len()));
    out.truncate(3);
    out
}

/// Merge clusters whose content words are the same set (other order, other forms, a word
/// more or less): the smaller becomes a variant of the larger.
fn merge_variants(mut list: Vec<Phrase>) -> Vec<Phrase> {
    list.sort_by(|a, b| {
        b.score
            .partial_cmp(&a.score)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(b.assets.cmp(&a.assets))
            .then(a.text.cmp(&b.text))
    });
    // The best few hundred are compared with each other; what ranks below them is never
    // proposed.
    list.truncate(300);
    let stems: Vec<Vec<String>> = list.iter().map(|p| content_stems(&p.text)).collect();
    let mut out: Vec<Phrase> = Vec::new();
    let mut out_stems: Vec<Vec<String>> = Vec::new();
    for (p, st) in list.into_iter().zip(stems) {
        let near = out_stems.iter().position(|o| {
            let inter = o.iter().filter(|w| st.contains(w)).count();
            let union = o.len() + st.len() - inter;
            union > 0 && inter >= 2 && inter * 5 >= union * 4
        });
        match near {
            Some(i) => {
                let host = &mut out[i];
                host.score += p.score * 0.5;
                // A message read under its heading and as a paragraph is one wording.
                if norm(&host.text) == norm(&p.text) {
                    host.count += p.count;
                    host.hero |= p.hero;
                    continue;
                }
                let mut form = Form {
                    text: p.text,
                    count: p.count,
                    assets: p.assets,
                    evidence: p.evidence,
                };
                // The tagline as the home page's hero headline states it names the cluster:
                // a README's or title's wording of it is the variant.
                if p.hero && !host.hero {
                    let own = host
                        .count
                        .saturating_sub(host.variants.iter().map(|v| v.count).sum());
                    form = Form {
                        text: std::mem::replace(&mut host.text, form.text),
                        count: own,
                        assets: host.assets,
                        evidence: std::mem::replace(&mut host.evidence, form.evidence),
                    };
                    host.assets = host.assets.max(p.assets);
                    host.keywords = p.keywords;
                    host.hero = true;
                }
                host.count += p.count;
                host.variants.push(form);
            }
            None => {
                out.push(p);
                out_stems.push(st);
            }
        }
    }
    // Ranked by what each cluster gathered, its variants' share included.
    out.sort_by(|a, b| {
        b.score
            .partial_cmp(&a.score)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    out
}

/// Tagline candidates (two to ten words) and one-liners ("Acme is the …", a home page's
/// description), ranked by the assets that carry them, weighted by where (a title, first
/// heading or description counts fully, a deeper heading half, body text less) with a bonus
/// for a home page's title, first heading or description.
fn taglines(
    phrases: &BTreeMap<String, Vec<PhraseOcc>>,
    company: &str,
) -> (Vec<Phrase>, Vec<Phrase>) {
    let company_is = format!("{} is ", norm(company));
    let mut tag = Vec::new();
    let mut one = Vec::new();
    for (key, occ) in phrases {
        let wc = key.split(' ').count();
        let prominent = occ.iter().any(|o| o.weight >= 1.0);
        // A tagline stands where a page says what it is: a title, heading, description or
        // the home page's first paragraph (list items and body text only support it).
        let placed = occ.iter().any(|o| o.weight >= 0.5 || o.home_prominent);
        let home = occ.iter().any(|o| o.home_prominent);
        let several = || occ.iter().any(|o| o.asset != occ[0].asset);
        // A longer line is a tagline only when it is placed so and repeated across assets:
        // "A lightning-fast search engine that fits into your apps, websites, and workflow".
        // Or when it is a home page's hero headline.
        let long_tag = (11..=15).contains(&wc)
            && placed
            && (several() || occ.iter().any(|o| o.hero && !o.joined));
        let candidate = key.starts_with(&company_is)
            || ((6..=40).contains(&wc) && home)
            || ((3..=10).contains(&wc) && placed && (prominent || several()))
            || long_tag;
        // A question is a heading that asks ("What is Acme?"), and a comparison a page's
        // subject ("Acme vs Airflow"): neither is a message.
        let asks = occ[0].text.trim_end().ends_with('?')
            || [" vs ", " vs. ", " versus "]
                .iter()
                .any(|v| format!(" {key} ").contains(v));
        if !candidate || asks {
            continue;
        }
        // A docs page's way in ("Introduction to Acme", "Read an overview of the Acme
        // platform", "Welcome to Acme", "Getting started"): navigation, not a message.
        let navigation = [
            "introduction to ",
            "an introduction ",
            "read an overview",
            "overview of ",
            "welcome to ",
            "getting started",
            "get started with ",
            "learn how ",
            "learn about ",
            "learn more ",
        ]
        .iter()
        .any(|n| key.starts_with(n));
        let mut p = phrase_cluster(key, occ);
        if navigation {
            continue;
        }
        if key.starts_with(&company_is) {
            // "Acme is the easiest, most secure way to access all your infrastructure": where
            // a page opens by saying what the company is, that sentence may be the tagline,
            // up to sixteen words.
            // A definition ("is a/an/the …"), not news ("Acme is bringing …").
            let defines = ["a ", "an ", "the "]
                .iter()
                .any(|d| key[company_is.len()..].starts_with(d));
            if (3..=10).contains(&wc) && prominent
                || (11..=16).contains(&wc) && (prominent || home) && defines
            {
                tag.push(p.clone());
            }
            p.score += 1.0;
            if wc <= 40 {
                one.push(p);
            }
            continue;
        }
        if (6..=40).contains(&wc) && occ.iter().any(|o| o.home_prominent) {
            one.push(p.clone());
        }
        if ((3..=10).contains(&wc) && placed && (prominent || p.assets >= 2) || long_tag)
            && !has_digit(key)
        {
            tag.push(p);
        }
    }
    let mut tag = merge_variants(tag);
    tag.truncate(10);
    let mut one = merge_variants(one);
    // The tagline is not also the one-liner.
    if let Some(t) = tag.first() {
        let k = norm(&t.text);
        one.retain(|p| norm(&p.text) != k);
    }
    one.truncate(6);
    (tag, one)
}

/// Messages that recur: headings and list items (and short leads) found in two assets or
/// more, or in a home page's headings, merged when their content words match.
fn value_props(
    phrases: &BTreeMap<String, Vec<PhraseOcc>>,
    taken: &HashSet<String>,
    company: &str,
) -> Vec<Phrase> {
    let company_norm = norm(company);
    let mut list = Vec::new();
    for (key, occ) in phrases {
        if taken.contains(key) {
            continue;
        }
        let wc = key.split(' ').count();
        if !(2..=14).contains(&wc) || key == &company_norm {
            continue;
        }
        let assets: HashSet<usize> = occ.iter().map(|o| o.asset).collect();
        let home_heading = occ.iter().any(|o| o.home_heading);
        // A label with a sentence under it is a message: the sentence says it.
        let described = occ.iter().any(|o| o.lead.is_some());
        if !(assets.len() >= 2 || home_heading) || !(described || message_like(&occ[0].text)) {
            continue;
        }
        let mut p = phrase_cluster(key, occ);
        // A home page's section headings are its messages: they rank first.
        if home_heading {
            p.score += 1.0;
        }
        // A heading is the message's name; the sentence under it says it ("Lightning fast":
        // "Find and display results in less than 50 milliseconds"). The heading's words stay
        // its keywords.
        let mut leads: BTreeMap<&str, usize> = BTreeMap::new();
        for o in occ {
            if let Some(l) = &o.lead {
                *leads.entry(l.as_str()).or_insert(0) += 1;
            }
        }
        if let Some((lead, _)) = leads.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))) {
            p.keywords = keywords(&p.text);
            p.heading = Some(std::mem::replace(&mut p.text, (*lead).to_owned()));
        }
        list.push(p);
    }
    let mut list = merge_variants(list);
    list.truncate(12);
    list
}

/// Whether a unit of copy can be a message: not a feature's label ("Environment Variables",
/// "Access-Level Roles": two or three capitalised words without a word that addresses the
/// reader), not a fragment ("and on our channel too)"), not thanks or a link's leftovers.
fn message_like(text: &str) -> bool {
    let t = text.trim();
    if !t.starts_with(|c: char| {
        c.is_uppercase() || c.is_ascii_digit() || c == '"' || c == '\u{201C}'
    }) || t.contains("](")
        || t.matches('(').count() != t.matches(')').count()
    {
        return false;
    }
    let lower = norm(t);
    if lower.starts_with("thank") || lower.starts_with("thanks") {
        return false;
    }
    let ws: Vec<&str> = t.split_whitespace().collect();
    let label = ws.len() <= 3
        && ws
            .iter()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .all(|w| w.starts_with(|c: char| c.is_uppercase()) || w.len() <= 3);
    !label || addresses(&lower)
}

/// Words with which a line speaks to the reader or makes a promise.
fn addresses(lower: &str) -> bool {
    lower.split(' ').any(|w| {
        matches!(
            w,
            "you"
                | "your"
                | "you're"
                | "we"
                | "our"
                | "everything"
                | "every"
                | "all"
                | "any"
                | "no"
                | "never"
                | "one"
                | "without"
        )
    })
}

/// Sentences that set the company apart: "the only", "unlike", "faster than", "no other",
/// "first" — and comparisons with a competitor.
fn differentiators(lib: &[Asset], readable: &[usize], competitors: &[Name]) -> Vec<Phrase> {
    let mut occ: BTreeMap<String, Vec<PhraseOcc>> = BTreeMap::new();
    let gate = gate(["only", "unlike", "than", "no other", "first", "no hidden"].into_iter());
    for &a in readable {
        let asset = &lib[a];
        for s in copy_segments(asset) {
            let text = asset.seg_text(s);
            if gate.as_ref().is_some_and(|g| !g.is_match(text)) {
                continue;
            }
            let mut at = 0;
            while at < text.len() {
                let r = clause(text, at, at);
                let end = r.end.max(at + 1).min(text.len());
                let sentence = text[r.start.max(at)..r.end].trim();
                at = end + 1;
                while at < text.len() && !text.is_char_boundary(at) {
                    at += 1;
                }
                let wc = sentence.split_whitespace().count();
                if !(4..=35).contains(&wc) {
                    continue;
                }
                let key = norm(sentence);
                let marker = [
                    "the only ",
                    "unlike ",
                    " faster than ",
                    " lighter than ",
                    "no other ",
                    " the first ",
                    " only one ",
                    "no hidden",
                ]
                .iter()
                .any(|m| format!(" {key}").contains(m))
                    || competitors
                        .iter()
                        .any(|c| sentence.contains(&c.name) && key.contains(" than "));
                if marker {
                    occ.entry(key).or_default().push(PhraseOcc {
                        asset: a,
                        weight: 1.0,
                        home_prominent: false,
                        hero: false,
                        joined: false,
                        first_body: false,
                        home_heading: false,
                        lead: None,
                        ev: evidence(lib, a, s, text),
                        text: sentence.trim_end_matches(['.', '!']).to_owned(),
                    });
                }
            }
        }
    }
    let list: Vec<Phrase> = occ.iter().map(|(k, o)| phrase_cluster(k, o)).collect();
    let mut list = merge_variants(list);
    list.truncate(6);
    list
}

/// Paragraphs of twenty words or more repeated in two assets or more (the "About Acme"
/// block), with the other wordings that open the same way as variants.
fn boilerplate(lib: &[Asset], readable: &[usize]) -> Vec<Phrase> {
    let mut by_text: BTreeMap<String, Vec<PhraseOcc>> = BTreeMap::new();
    for &a in readable {
        let asset = &lib[a];
        for s in copy_segments(asset) {
            if s.scope != Scope::Body {
                continue;
            }
            let text = asset.seg_text(s);
            if text.split_whitespace().count() < 20 || text.len() > 2000 {
                continue;
            }
            by_text.entry(norm(text)).or_default().push(PhraseOcc {
                asset: a,
                weight: 1.0,
                home_prominent: false,
                hero: false,
                joined: false,
                first_body: false,
                home_heading: false,
                lead: None,
                ev: evidence(lib, a, s, text),
                text: text.to_owned(),
            });
        }
    }
    // Paragraphs that open with the same eight words are one block in several wordings.
    let mut by_open: BTreeMap<String, Vec<(String, Vec<PhraseOcc>)>> = BTreeMap::new();
    for (k, occ) in by_text {
        let open: String = k.split(' ').take(8).collect::<Vec<_>>().join(" ");
        by_open.entry(open).or_default().push((k, occ));
    }
    let mut out = Vec::new();
    for (_, mut group) in by_open {
        let assets: HashSet<usize> = group
            .iter()
            .flat_map(|(_, o)| o.iter().map(|x| x.asset))
            .collect();
        if assets.len() < 2 {
            continue;
        }
        group.sort_by(|a, b| {
            let n = |o: &Vec<PhraseOcc>| o.iter().map(|x| x.asset).collect::<HashSet<_>>().len();
            n(&b.1).cmp(&n(&a.1)).then(a.0.cmp(&b.0))
        });
        let (k, occ) = &group[0];
        let mut p = phrase_cluster(k, occ);
        p.assets = assets.len();
        for (k2, o2) in &group[1..] {
            let v = phrase_cluster(k2, o2);
            p.variants.push(Form {
                text: v.text,
                count: v.count,
                assets: v.assets,
                evidence: v.evidence,
            });
        }
        out.push(p);
    }
    out.sort_by(|a, b| (b.assets, b.count, &a.text).cmp(&(a.assets, a.count, &b.text)));
    out.truncate(5);
    out
}

// ---------------------------------------------------------------------------------------
// Claims

struct Found {
    value: f64,
    hi: Option<f64>,
    qual: Qual,
    shown: String,
    subject: String,
    asset: usize,
    ev: Evidence,
    sentence: String,
    /// The earlier value of a change ("from 46s to 6s"): what the figure was.
    was: bool,
}

fn unit_name(u: Unit) -> &'static str {
    match u {
        Unit::Plain => "count",
        Unit::Percent => "percent",
        Unit::Multiplier => "multiplier",
        Unit::Money => "money",
        Unit::Days => "days",
        Unit::Minutes => "minutes",
        Unit::Bytes => "bytes",
    }
}

fn qual_name(q: Qual) -> &'static str {
    match q {
        Qual::Exact => "exact",
        Qual::AtLeast => "at_least",
        Qual::AtMost => "at_most",
        Qual::Approx => "approx",
    }
}

const COMPARATIVES: &[&str] = &[
    "faster", "lighter", "cheaper", "smaller", "quicker", "slower", "larger", "bigger", "better",
    "more", "less", "fewer", "higher", "lower", "cheaper", "easier",
];

/// Words that end what a number counts: verbs, prepositions and adverbs after the noun
/// ("teams use", "requests served", "tickets automatically", "teams across Europe").
const BREAK: &[&str] = &[
    "use",
    "uses",
    "used",
    "using",
    "save",
    "saves",
    "saved",
    "across",
    "around",
    "from",
    "like",
    "that",
    "who",
    "which",
    "whose",
    "where",
    "get",
    "gets",
    "got",
    "rely",
    "relies",
    "trust",
    "trusts",
    "trusted",
    "choose",
    "chose",
    "love",
    "loves",
    "build",
    "builds",
    "built",
    "ship",
    "ships",
    "run",
    "runs",
    "create",
    "creates",
    "created",
    "make",
    "makes",
    "made",
    "process",
    "processes",
    "processed",
    "served",
    "serve",
    "serves",
    "worldwide",
    "globally",
    "today",
    "now",
    "already",
    "every",
    "each",
    "per",
    "total",
    "including",
    "than",
    "over",
    "under",
    "into",
    "onto",
    "since",
    "until",
    "via",
    "through",
    "after",
    "before",
    "during",
    "while",
    "as",
    "so",
    "if",
    "but",
    "not",
    "no",
    "can",
    "could",
    "will",
    "would",
    "should",
    "may",
    "might",
    "must",
    "do",
    "does",
    "did",
    "done",
    "join",
    "joined",
    "joins",
    "help",
    "helps",
    "helped",
    "rely",
    "power",
    "powers",
    "powered",
    "depend",
    "depends",
    "around",
    "there",
    "here",
    "away",
    "back",
    "out",
    "up",
    "down",
    "off",
    "free",
];

fn breaks(w: &str) -> bool {
    BREAK.contains(&w)
        || (w.len() > 4
            && w.ends_with("ly")
            // "200k monthly actives": an adjective of time, no adverb.
            && !matches!(
                w,
                "monthly" | "weekly" | "daily" | "yearly" | "quarterly" | "hourly" | "nightly"
            ))
}

/// Words around a number that say how much, not what.
const QUAL_WORDS: &[&str] = &[
    "over",
    "under",
    "about",
    "around",
    "nearly",
    "almost",
    "approximately",
    "roughly",
    "up",
    "to",
    "than",
    "more",
    "less",
    "fewer",
    "at",
    "least",
    "most",
    "by",
    "in",
    "of",
    "on",
    "for",
    "just",
    "only",
    "some",
    "is",
    "are",
    "was",
    "were",
    "has",
    "have",
    "had",
    "been",
    "with",
    "and",
    "the",
    "a",
    "an",
    "now",
    "today",
    "already",
    "passed",
    "reached",
    "over",
    // "by a maximum of 60%", "a peak of 86,846": how the figure is put, not what.
    "maximum",
    "minimum",
    "peak",
    "average",
    "median",
    // "Uploads are limited to 50MB": a bound.
    "limited",
    "capped",
    "restricted",
];

/// What a number counts: the words after it ("4,000+ GitHub stars", "30+ languages",
/// "10x faster than Postman", "500 thousand requests per week"), else the content words
/// before it ("downloaded 15,432,081 times", "… running in about 90 seconds"), else, for a
/// stat tile whose segment is only the number, the label in the next segment.
/// A price's billing period, as the words after it read: "$20 / month", "$9 per user/mo".
/// Words before a number that never name what it counts: verbs of giving and having,
/// adverbs.
const NOT_SUBJECT: &[&str] = &[
    "try", "offer", "offers", "receive", "receives", "then", "also", "well", "now", "just", "only",
    "still", "even", "expect", "send", "pay", "pays", "include", "includes", "get", "gets", "it's",
    "it", "this", "there", "they", "been", "giving",
];

/// Verbs that arrive at a figure ("reaching $561K", "will take around 100ms").
const REACH_VERBS: &[&str] = &[
    "reach",
    "reaches",
    "reached",
    "reaching",
    "take",
    "takes",
    "took",
    "taking",
    "hit",
    "hits",
    "hitting",
    "exceed",
    "exceeds",
    "exceeded",
    "exceeding",
    "surpass",
    "surpassed",
    "surpassing",
    "crossed",
    "topped",
];

const PERIODS: &[&str] = &[
    "month", "mo", "monthly", "year", "yr", "annually", "yearly", "annual", "week", "day", "hour",
    "hr", "per", "a", "user", "seat", "billed",
];

fn subject_of(
    lower: &str,
    q: &Quantity,
    next_label: Option<&str>,
    heading: Option<&str>,
) -> Option<(String, bool)> {
    let clause_end = clause(lower, q.start, q.end).end;
    let after = &lower[q.end.min(clause_end)..clause_end];
    // Stop at punctuation: the words up to the first empty split that follows a non-space.
    let mut words_after: Vec<&str> = Vec::new();
    {
        let mut pos = 0;
        for w in after.split(' ') {
            let clean = w.trim_matches(|c: char| !(c.is_alphanumeric() || c == '\''));
            if pos > 0 && w.is_empty() {
                break;
            }
            // A stat line "10x — Faster Pipeline Delivery": the dash joins the figure to
            // its label.
            if words_after.is_empty() && matches!(w, "—" | "–" | "-" | "--") {
                pos += 1;
                continue;
            }
            // "Monthly: €79 · Annually: €45": a separator ends what the figure says.
            if matches!(w, "·" | "|" | "•") {
                break;
            }
            // "$0.15 / response": the slash reads "per".
            if w == "/" {
                words_after.push("per");
                pos += 1;
                continue;
            }
            pos += 1;
            if clean.is_empty() {
                // "50MB, both for …": a comma right after the figure ends what it says.
                if pos == 1 && !w.contains([',', ';', '.', ':']) {
                    continue;
                }
                break;
            }
            // "2,800-plus members", "10MB maximum", "200GB total storage", "10x the
            // developer experience": how the figure is put, not what it counts.
            if words_after.is_empty()
                && (matches!(clean, "plus" | "maximum" | "minimum" | "max" | "total")
                    || clean == "the" && q.unit == Unit::Multiplier)
            {
                continue;
            }
            words_after.push(clean);
            if w.ends_with([',', '.', ';', ':', ')', '!', '?', '|']) || words_after.len() == 5 {
                break;
            }
        }
    }
    let mut subject: Vec<&str> = Vec::new();
    let mut k = 0;
    if (q.unit == Unit::Multiplier || q.unit == Unit::Percent)
        && let Some(w) = words_after.first()
        && COMPARATIVES.contains(w)
    {
        subject.push(w);
        if matches!(words_after.get(1), Some(&("than" | "vs" | "versus")))
            && let Some(x) = words_after.get(2)
        {
            subject.push(words_after[1]);
            subject.push(x);
        } else {
            // What is faster or smaller: "10x faster deployments", "5x faster time to
            // market", "90% smaller bundle output" (a comparison of one thing each: two
            // multipliers of one page are two claims).
            let mut what: Vec<&str> = words_after
                .iter()
                .skip(1)
                .take(3)
                .take_while(|w| {
                    !has_digit(w)
                        && !matches!(
                            **w,
                            "than"
                                | "from"
                                | "with"
                                | "for"
                                | "by"
                                | "on"
                                | "in"
                                | "and"
                                | "or"
                                | "when"
                                | "while"
                                | "compared"
                                | "at"
                                | "per"
                                | "a"
                                | "an"
                                | "the"
                        )
                })
                .copied()
                .collect();
            while what.last().is_some_and(|w| is_stop_word(w)) {
                what.pop();
            }
            subject.extend(what);
        }
        return Some((subject.join(" "), true));
    }
    // "30% off our plans for students", "20% off for nonprofits": a discount, and whom it
    // is for.
    if q.unit == Unit::Percent && words_after.first() == Some(&"off") {
        subject.push("discount");
        if let Some(at) = words_after
            .iter()
            .position(|w| matches!(*w, "for" | "to"))
            .filter(|&at| at > 0)
        {
            subject.extend(
                words_after[at + 1..]
                    .iter()
                    .take_while(|w| !is_stop_word(w) && !breaks(w) && !has_digit(w))
                    .take(2),
            );
        }
        return Some((subject.join(" "), true));
    }
    // "an over 50% decrease from 2023's Azure operating costs": the change, and what
    // changed.
    if q.unit == Unit::Percent
        && matches!(
            words_after.first(),
            Some(&("decrease" | "reduction" | "increase" | "drop" | "cut" | "improvement"))
        )
    {
        subject.push(words_after[0]);
        subject.extend(
            words_after[1..]
                .iter()
                .filter(|w| !is_stop_word(w) && !has_digit(w) && !w.ends_with("'s"))
                .take_while(|w| !breaks(w) && !NOT_SUBJECT.contains(*w))
                .take(3),
        );
        return Some((subject.join(" "), true));
    }
    // "100% free for personal use": what is free.
    if words_after.first() == Some(&"free") && words_after.get(1) == Some(&"for") {
        subject.push("free");
        subject.extend(
            words_after[2..]
                .iter()
                .take_while(|w| !is_stop_word(w) && !breaks(w) && !has_digit(w))
                .take(2),
        );
        return Some((subject.join(" "), true));
    }
    // A price's period is no subject: "$3 / month per additional server" is about the
    // server, "$20 / month" alone about what the words before it name (a plan).
    if q.unit == Unit::Money {
        // "$9/user/month" is one word of periods.
        while words_after
            .get(k)
            .is_some_and(|w| w.split('/').all(|p| p.is_empty() || PERIODS.contains(&p)))
        {
            k += 1;
        }
        if k > 0 {
            // "$40 /month base", "$9/month minimum": a word about the price itself (not
            // "$5 /month base price").
            if words_after.len() == k + 1
                && matches!(
                    words_after.get(k),
                    Some(
                        &("base"
                            | "minimum"
                            | "min"
                            | "flat"
                            | "fee"
                            | "total"
                            | "upfront"
                            | "starting")
                    )
                )
            {
                k = words_after.len();
            }
            if matches!(words_after.get(k), Some(&("per" | "for" | "each"))) {
                k += 1;
            }
            // "$5/month in free compute credits": what the money comes as.
            if words_after.get(k) == Some(&"in")
                && words_after
                    .get(k + 1)
                    .is_some_and(|w| !is_stop_word(w) && !has_digit(w))
            {
                k += 1;
            }
            if words_after
                .get(k)
                .is_none_or(|w| is_stop_word(w) || has_digit(w))
            {
                k = words_after.len();
            }
        }
    }
    // A duration's own unit is no subject: "14-day free trial" is about the trial.
    if matches!(q.unit, Unit::Days | Unit::Minutes) || lower[q.end..].starts_with('-') {
        while words_after.get(k).is_some_and(|w| {
            matches!(
                *w,
                "day"
                    | "days"
                    | "week"
                    | "weeks"
                    | "month"
                    | "months"
                    | "year"
                    | "years"
                    | "hour"
                    | "hours"
                    | "minute"
                    | "minutes"
                    | "min"
                    | "mins"
                    | "second"
                    | "seconds"
                    | "ms"
                    | "millisecond"
                    | "milliseconds"
            )
        }) {
            k += 1;
        }
        // "14-day free trial": "free" names the trial here.
        if k > 0
            && words_after.get(k) == Some(&"free")
            && words_after
                .get(k + 1)
                .is_some_and(|w| !breaks(w) && !is_stop_word(w))
        {
            subject.push("free");
            k += 1;
        }
    }
    // "less than 2 minutes to get started": what takes so long.
    if matches!(q.unit, Unit::Days | Unit::Minutes)
        && words_after.get(k) == Some(&"to")
        && let Some(first) = words_after.get(k + 1)
        && !is_stop_word(first)
        && !has_digit(first)
    {
        let what: Vec<&str> = words_after[k + 1..]
            .iter()
            .take_while(|w| !is_stop_word(w) && !has_digit(w))
            .take(2)
            .copied()
            .collect();
        return Some((what.join(" "), true));
    }
    // One leading preposition: "$5M in annual revenue", "20% of tickets".
    if matches!(words_after.get(k), Some(&("in" | "of" | "on" | "across"))) {
        k += 1;
        // "50% of the Fortune 100", "90% of our funding".
        if matches!(
            words_after.get(k),
            Some(&("the" | "a" | "an" | "all" | "our" | "your" | "their"))
        ) {
            k += 1;
        }
    }
    // "$5/month in free compute credits": "free" says which credits.
    if words_after.get(k) == Some(&"free")
        && words_after
            .get(k + 1)
            .is_some_and(|w| !breaks(w) && !is_stop_word(w) && !has_digit(w))
        && subject.is_empty()
    {
        subject.push("free");
        k += 1;
    }
    while k < words_after.len() && subject.len() < 3 {
        let w = words_after[k];
        if matches!(w, "per" | "a" | "an" | "every" | "each" | "times" | "time")
            || NOT_SUBJECT.contains(&w)
            || is_stop_word(w)
            // A figure ends it; a name with a digit in it ("OAuth2 providers") does not.
            || w.starts_with(|c: char| c.is_ascii_digit())
            || breaks(w)
        {
            break;
        }
        subject.push(w);
        k += 1;
    }
    // "Pulumi's community is over 10,000 people": people are how a crowd is counted; what
    // the sentence counts stands before its verb.
    if subject.len() == 1
        && matches!(subject[0], "people" | "persons" | "individuals" | "folks")
        && let Some(named) = counted_crowd(&lower[clause(lower, q.start, q.end).start..q.start])
    {
        return Some((named, true));
    }
    if !subject.is_empty() {
        return Some((subject.join(" "), true));
    }
    // A stat tile: "100K" here, "Projects" in the segment beside it.
    if lower.trim().len() <= q.end - q.start + 2
        && let Some(label) = next_label
    {
        // "Uptime (last 90 days)": the words before the aside.
        let l = norm(label.split('(').next().unwrap_or(label));
        if (1..=4).contains(&l.split(' ').count()) && !has_digit(&l) {
            let kept: Vec<&str> = l
                .split(' ')
                .take_while(|w| !breaks(w) && !is_stop_word(w))
                .collect();
            if !kept.is_empty() {
                return Some((kept.join(" "), true));
            }
        }
    }
    // A table's row: "Link Surveys | Free | $30 / month" is about its first cell.
    if let Some(first) = lower.find(" | ").map(|p| &lower[..p])
        && q.start > first.len()
        // The number opens its cell: "| $129 / month |", not "…, then $1 per million".
        && lower[..q.start]
            .rsplit('|')
            .next()
            .is_some_and(|cell| cell.trim().is_empty())
    {
        let cell = first.trim_start_matches('|').trim_start();
        // "| 5K events per month | $2.50 |": a usage tier's row is about its amount — each
        // tier's price is a figure of its own ("5k events", "1.0m events").
        let amount = cell
            .split_whitespace()
            .next()
            .filter(|w| w.starts_with(|c: char| c.is_ascii_digit()) && q.unit == Unit::Money);
        let l = norm(amount.map_or(cell, |a| &cell[a.len()..]));
        let kept: Vec<&str> = l
            .split(' ')
            .filter(|w| !w.is_empty())
            .take_while(|w| !breaks(w) && !is_stop_word(w) && !has_digit(w))
            .take(3)
            .collect();
        if !kept.is_empty() {
            let kept = kept.join(" ");
            return Some((amount.map_or(kept.clone(), |a| format!("{a} {kept}")), true));
        }
    }
    // A price alone under a heading ("## Business", "$129 / month", "Starts at $45 /mo"):
    // the plan's price.
    if q.unit == Unit::Money
        && price_lead(&lower[..q.start])
        && let Some(h) = heading
    {
        let l = norm(h);
        let n = l.split(' ').count();
        if (1..=4).contains(&n) && !has_digit(&l) {
            return Some((l, true));
        }
    }
    // The content words just before the number.
    let sentence_start = clause(lower, q.start, q.end).start;
    let before = &lower[sentence_start..q.start];
    let mut back: Vec<&str> = before
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    // "The added latency from a job … sent back to the database is ~50ms": after a linking
    // verb the figure is what the clause opens with, not the words nearest it.
    if let Some(last) = back.iter().rev().find(|w| {
        !matches!(
            **w,
            "only"
                | "just"
                | "about"
                | "around"
                | "over"
                | "under"
                | "nearly"
                | "almost"
                | "approximately"
                | "roughly"
                | "up"
                | "to"
                | "at"
                | "least"
                | "most"
                | "than"
                | "more"
                | "less"
        )
    }) && matches!(*last, "is" | "are" | "was" | "were")
        && back.len() > 4
    {
        let opening: Vec<&str> = back
            .iter()
            .skip_while(|w| matches!(**w, "the" | "a" | "an" | "our" | "its" | "their"))
            .take_while(|w| !is_stop_word(w) && !has_digit(w) && !NOT_SUBJECT.contains(w))
            .take(3)
            .copied()
            .collect();
        if !opening.is_empty() {
            return Some((opening.join(" "), false));
        }
    }
    let mut picked: Vec<&str> = Vec::new();
    // "donations need to reach a minimum of 5000€", "a lightweight job will take around
    // 100ms", "doubled our revenue in 2024, reaching $561K": a verb of arriving at a figure
    // says nothing of what; what reaches it is named before it.
    let mut through_verb = false;
    while let Some(w) = back.pop() {
        if QUAL_WORDS.contains(&w) && picked.is_empty() {
            continue;
        }
        if picked.is_empty() && !through_verb && REACH_VERBS.contains(&w) {
            through_verb = true;
            continue;
        }
        if through_verb
            && picked.is_empty()
            && (is_stop_word(w)
                || w.ends_with("ly")
                || has_digit(w)
                || matches!(
                    w,
                    "will" | "can" | "need" | "needs" | "only" | "just" | "often"
                ))
        {
            continue;
        }
        // "Try free for 7 days": what is free, for so long.
        if w == "free" && picked.is_empty() {
            return Some(("free".to_owned(), false));
        }
        // A verb or an adverb says nothing of what is counted ("we offer", "and then for",
        // "as well, with"): no subject rather than a wrong one.
        if NOT_SUBJECT.contains(&w) {
            break;
        }
        // "Dedicated starts at $4000/month": the verb of a price says nothing of what.
        if q.unit == Unit::Money && picked.is_empty() && PRICE_VERBS.contains(&w) {
            continue;
        }
        if is_stop_word(w) || QUAL_WORDS.contains(&w) || has_digit(w) || picked.len() == 2 {
            break;
        }
        picked.push(w);
    }
    picked.reverse();
    // "agents save 3 hours": the noun, not the verb.
    if picked.len() == 2 && breaks(picked[1]) {
        picked.pop();
    }
    (!picked.is_empty()).then(|| (picked.join(" "), false))
}

/// The name (two to four capitalised words) that opens a clause and owns the figure after
/// it by its verb: "Joplin Cloud Basic includes 2 GB", "Acme Pro costs $9". Lowercase.
fn owner_name(cased: &str, start: usize, q_start: usize) -> Option<String> {
    let lead = cased.get(start..q_start)?;
    let mut ws: Vec<&str> = lead.split_whitespace().collect();
    // "The Joplin Cloud Basic plan includes …".
    if ws.first() == Some(&"The") {
        ws.remove(0);
    }
    let n = ws
        .iter()
        .take_while(|w| w.starts_with(|c: char| c.is_uppercase()))
        .count();
    if !(2..=4).contains(&n) {
        return None;
    }
    let mut v = n;
    if matches!(ws.get(v), Some(&("plan" | "edition" | "tier"))) {
        v += 1;
    }
    matches!(
        *ws.get(v)?,
        "includes" | "include" | "costs" | "cost" | "offers" | "gives" | "provides" | "comes"
    )
    .then(|| ws[..n].join(" ").to_lowercase())
}

/// For each segment, the plan card it stands in: the heading above it that names a plan — a
/// short name ("Pro", "Cap Pro", not "Pricing" nor a question) with a price ("$12", "€0")
/// in the few lines under it, before the next heading.
fn plan_cards(asset: &Asset, segs: &[&Seg]) -> Vec<Option<(usize, Rc<str>)>> {
    let priced = |t: &str| {
        let b = t.as_bytes();
        t.char_indices().any(|(i, c)| {
            matches!(c, '$' | '€' | '£') && b.get(i + c.len_utf8()).is_some_and(u8::is_ascii_digit)
        })
    };
    let mut out = vec![None; segs.len()];
    let mut current = None;
    for (k, s) in segs.iter().enumerate() {
        if s.scope == Scope::Heading {
            let name = norm(asset.seg_text(s));
            let plan_name = (1..=4).contains(&name.split(' ').count())
                && !has_digit(&name)
                && !asset.seg_text(s).contains('?')
                // "## Pricing", "Plans & billing": the page's section, every plan's.
                && !name.split(' ').any(|w| {
                    matches!(
                        w,
                        "pricing" | "price" | "prices" | "plans" | "billing" | "cost" | "costs"
                            | "faq" | "questions"
                    )
                });
            // A pitch set as a subheading right under the name ("## PRO", "### Unlock
            // advanced syncing and more", "$8 / month") is the card's too.
            let card_priced = segs[k + 1..]
                .iter()
                .take(6)
                .enumerate()
                .take_while(|(j, n)| *j == 0 || n.scope != Scope::Heading)
                .any(|(_, n)| priced(asset.seg_text(n)));
            let pitch = !plan_name && current.as_ref().is_some_and(|(h, _)| *h + 1 == k);
            if pitch {
                out[k] = current.clone();
                continue;
            }
            current = (plan_name && card_priced).then(|| (k, Rc::from(name)));
            continue;
        }
        out[k] = current.clone();
    }
    out
}

/// The billing a price at `start..end` names in its own part of the line ("Monthly: €39 ·
/// Annually: €25", "(Billed monthly: $19/month)"): the nearest billing word before it, or
/// else after it, between the separators around it.
fn billing_near(lower: &str, start: usize, end: usize) -> Option<&'static str> {
    let seps = ['·', '|', '—', '(', ')', ';'];
    // Its part of the line: a few words each way at most.
    let lo = crate::document::floor_char(lower, start.saturating_sub(80));
    let hi = crate::document::floor_char(lower, (end + 80).min(lower.len()));
    let from = lower[lo..start]
        .char_indices()
        .rev()
        .find(|(_, c)| seps.contains(c))
        .map_or(lo, |(i, c)| lo + i + c.len_utf8());
    let to = lower[end..hi].find(seps).map_or(hi, |p| end + p);
    billing_of(&lower[from..start]).or_else(|| billing_of(&lower[end..to]))
}

/// The verbs that lead a price: "starts at", "starting from", "priced at", "costs".
const PRICE_VERBS: &[&str] = &["starts", "start", "starting", "from", "priced"];

/// Whether the words before a price only lead it ("", "Starts at", "Starting from only"):
/// the price stands alone and its plan is the heading above.
fn price_lead(before: &str) -> bool {
    // Only its own part of the line: "Monthly: €79 · Annually: €45".
    let own = before.rsplit(['·', '|', '—', '(']).next().unwrap_or(before);
    own.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| {
            PRICE_VERBS.contains(&w)
                || matches!(w, "at" | "only" | "just" | "for" | "billed")
                || billing_of(w).is_some()
        })
}

/// The noun before a copula ahead of a number: "pulumi's community is over" → "community",
/// "our user base counts more than" → "user base".
fn counted_crowd(before: &str) -> Option<String> {
    let mut back: Vec<&str> = before
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    while back.last().is_some_and(|w| {
        matches!(
            *w,
            "over"
                | "than"
                | "more"
                | "nearly"
                | "almost"
                | "about"
                | "around"
                | "roughly"
                | "approximately"
                | "just"
                | "only"
                | "at"
                | "least"
        )
    }) {
        back.pop();
    }
    if !back
        .pop()
        .is_some_and(|w| matches!(w, "is" | "are" | "counts" | "numbers" | "has" | "have"))
    {
        return None;
    }
    let mut picked: Vec<&str> = Vec::new();
    while let Some(w) = back.pop() {
        if is_stop_word(w) || w.ends_with("'s") || has_digit(w) || picked.len() == 2 {
            break;
        }
        picked.push(w);
    }
    picked.reverse();
    (!picked.is_empty()).then(|| picked.join(" "))
}

/// How often a count is counted, said within the five words after its number: "per day"
/// ("a day", "each day", "daily", "every day"), and so for weeks, months and years.
fn frequency(after: &str) -> Option<&'static str> {
    let words: Vec<&str> = after
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(6)
        .collect();
    for (i, w) in words.iter().enumerate() {
        let unit = match *w {
            "daily" => return Some("per day"),
            "weekly" => return Some("per week"),
            "monthly" => return Some("per month"),
            "yearly" | "annually" => return Some("per year"),
            "day" => "per day",
            "week" => "per week",
            "month" => "per month",
            "year" => "per year",
            _ => continue,
        };
        if i > 0 && matches!(words[i - 1], "per" | "a" | "each" | "every") {
            return Some(unit);
        }
    }
    None
}

/// The word a subject is about: its last word ("github stars" → star), or for a comparison
/// the whole of it ("faster than postman").
fn subject_head(subject: &str) -> String {
    if subject.contains(" than ")
        || subject
            .split(' ')
            .next()
            .is_some_and(|w| COMPARATIVES.contains(&w))
    {
        return subject.to_owned();
    }
    // The first plural is what is counted ("modules compatible with …", "registered
    // application users"), else the last word ("annual revenue"); a kind said before it is
    // another count ("15 community SDKs", "10 official SDKs", "30 SDKs").
    let words: Vec<&str> = subject.split(' ').collect();
    // A usage tier ("5k events", from a pricing table's row): its amount tells it apart.
    if words.len() > 1 && words[0].starts_with(|c: char| c.is_ascii_digit()) {
        return format!("{} {}", words[0], subject_head(&words[1..].join(" ")));
    }
    let at = words
        .iter()
        .position(|w| w.len() > 3 && w.ends_with('s') && !w.ends_with("ss"))
        .unwrap_or(words.len().saturating_sub(1));
    let head = words.get(at).map(|w| stem(w)).unwrap_or_default();
    match at.checked_sub(1).and_then(|i| words.get(i)) {
        Some(
            &kind @ ("community" | "community-driven" | "official" | "paid" | "active"
            | "enterprise" | "proprietary" | "pro" | "premium" | "custom" | "built-in"
            | "native" | "third-party" | "free"),
        ) => format!("{kind} {head}"),
        _ => head,
    }
}

fn claims(lib: &[Asset], readable: &[usize]) -> Vec<Claim> {
    let mut clusters: BTreeMap<(&'static str, String), Vec<Found>> = BTreeMap::new();
    for &a in readable {
        let asset = &lib[a];
        let segs: Vec<&Seg> = copy_segments(asset)
            .filter(|s| s.scope != Scope::Alt)
            .collect();
        let cards = plan_cards(asset, &segs);
        // The table being read: its first row's index and that row's cells, split once per
        // table (a table of thousands of rows stays linear).
        let mut table: (usize, Option<Rc<Vec<String>>>) = (0, None);
        for (si, s) in segs.iter().enumerate() {
            if s.scope == Scope::TableRow && (si == 0 || segs[si - 1].scope != Scope::TableRow) {
                let row = asset.seg_text(s);
                table = (
                    si,
                    Some(Rc::new(row.split('|').map(|c| norm(c.trim())).collect())),
                );
            }
            let text = asset.seg_text(s);
            // A number in words counts in a short line of its own (a feature list's
            // "Available across five cloud regions"); in running prose "two ways to …" is
            // no figure to approve.
            let short_line = matches!(s.scope, Scope::ListItem | Scope::Heading | Scope::TableRow)
                && text.split_whitespace().count() <= 12;
            let in_words =
                || short_line && crate::numbers::has_number_word(&text.to_ascii_lowercase());
            if !text.bytes().any(|b| b.is_ascii_digit())
                && !text.contains("million")
                && !text.contains("billion")
                && !text.contains("thousand")
                && !in_words()
            {
                continue;
            }
            let folded =
                crate::normalize::fold_with(text, asset.kind == crate::document::Kind::Pdf);
            let lower = folded.lower.as_str();
            let qs = crate::numbers::scan_cased(lower, &folded.cased);
            let next_label = tile_label(&segs, asset, si);
            // The heading just above (at most two segments up): a plan's name over its price.
            let heading = (si.saturating_sub(2)..si)
                .rev()
                .find(|&k| segs[k].scope == Scope::Heading)
                .map(|k| asset.seg_text(segs[k]));
            // The plan card the line is in ("## Cap Pro", "Most popular", its pitch, then
            // "$12 / user / month" and its features): its name.
            let card = cards[si].as_ref();
            let plan = card.map(|(_, n)| Rc::clone(n));
            // "- Logs: $0.4 per GB ingested": the line's own label names what is priced.
            let label = text.split_once(':').map(|(l, _)| norm(l)).filter(|l| {
                (1..=3).contains(&l.split(' ').count()) && !has_digit(l) && billing_of(l).is_none()
            });
            let plan = label.map(Rc::from).or(plan);
            // A table whose first row names its columns ("| | Free | Production | Premium
            // |", then "| Pricing | Free | $2,000/mo | $6,000/mo |"): a figure is its column's.
            let header = (s.scope == Scope::TableRow && table.0 < si)
                .then(|| table.1.clone())
                .flatten();
            // The billing a price is for: said on its line ("Yearly: $10 …") or on the short
            // line under it ("billed monthly"); a line with both ("Monthly: €39 · Annually:
            // €25") gives each price its own.
            let line_billing = billing_of(lower).or_else(|| {
                segs.get(si + 1)
                    .map(|n| asset.seg_text(n))
                    .filter(|n| n.split_whitespace().count() <= 6)
                    .and_then(|n| billing_of(&n.to_lowercase()))
            });
            // "512 → 773", "from 46s to 6s", "from 61 down to 16": a figure that changed
            // (the later value is the figure, the earlier one what it was).
            let changes: Vec<Option<(bool, usize)>> =
                (0..qs.len()).map(|i| change_pair(lower, &qs, i)).collect();
            // "Pro and Business plans raise the limit to 40,000 and 60,000 calls,
            // respectively": each figure is its own name's.
            let shares = respectively(lower, &folded.cased, &qs);
            for (qi, q) in qs.iter().enumerate() {
                // A range of counts or prices ("2 to 5 agents", "50-1,000 employees") is a
                // tier or a size, not a figure to approve; a range of percentages, times or
                // multiples is a claim with its bounds ("saves 30–60 minutes a day",
                // "50%–75% faster", "5–10x cheaper"), proposed as its upper end with the
                // range in its statement, as `check` reads an approved range.
                if q.hi.is_some() && !range_claim(q.unit) || !plausible_claim(lower, q) {
                    continue;
                }
                // "| 5K events per month | $2.50 |": an amount that names a priced row is
                // the tier's name, not a figure of its own.
                if s.scope == Scope::TableRow
                    && q.unit != Unit::Money
                    && !lower[..q.start].contains('|')
                    && qs
                        .iter()
                        .any(|o| o.unit == Unit::Money && lower[..o.start].contains('|'))
                {
                    continue;
                }
                // A price (a rate, "$12 / user / month", "$10 per seat", or led by "Starts
                // at"), not any sum near a heading ("$3m in annual savings", "$7M seed").
                let rate = {
                    let after = lower[q.end..].trim_start();
                    after.starts_with('/') || after.starts_with("per ")
                };
                let price = q.unit == Unit::Money
                    && (rate || price_lead(&lower[clause(lower, q.start, q.end).start..q.start]));
                let heading = match card {
                    Some((k, _)) if price => Some(asset.seg_text(segs[*k])),
                    _ => heading,
                };
                // The header over the figure's cell, read once: its plan or its billing
                // ("| Plan | Monthly price | Yearly price |": the column says the billing).
                let head_cell = header
                    .as_deref()
                    .and_then(|h| header_cell(h, text, lower, q.start).map(|c| (h, c)));
                let column_billing = head_cell.and_then(|(_, (_, name))| billing_of(name));
                let billing = if price {
                    billing_near(lower, q.start, q.end)
                        .or(column_billing)
                        .or(line_billing)
                } else {
                    None
                };
                let found = match (changes[qi], &shares[qi]) {
                    // A list's figures count what its last figure's words say.
                    (_, Some((_, last))) => subject_of(lower, &qs[*last], next_label, heading),
                    // Both ends of a change are about what the sentence says changed: the
                    // words around its first value, else the noun the clause opens with.
                    (Some((_, first)), None) => subject_of(lower, &qs[first], next_label, heading)
                        .filter(|(s, _)| subject_head(s).len() >= 3)
                        .or_else(|| {
                            let start = clause(lower, qs[first].start, qs[first].end).start;
                            changed_noun(&lower[start..qs[first].start]).map(|s| (s, true))
                        }),
                    (None, None) => subject_of(lower, q, next_label, heading),
                };
                let Some((subject, after)) = found else {
                    continue;
                };
                // A rate's plan is the card's ("$10 per app creator/month" under "Pro"), as a
                // price alone under it is; a line that names what it prices before the
                // figure ("Acme Cloud — Dedicated starts at $4000/month") and "$3m in annual
                // savings" say what they are themselves.
                // A plan's limit in its card ("- 2 users included", "3 banks · 10GB
                // storage", "48h priority support") is that plan's figure too.
                let plan = if price {
                    plan.as_deref()
                        .filter(|p| rate && after || subject.contains(p))
                } else {
                    card.map(|(_, n)| &**n)
                        .filter(|_| q.unit != Unit::Money && after)
                };
                // "Joplin Cloud Basic includes 2 GB storage space", "Acme Pro costs $9 a
                // month": the name that opens the clause owns the figure, as a card's does.
                let owner = owner_name(&folded.cased, clause(lower, q.start, q.end).start, q.start);
                let plan = plan.or(owner.as_deref());
                let column = head_cell.and_then(|(h, (cell, name))| column_of(h, cell, name));
                let plan = column.or(plan);
                let plan = shares[qi].as_ref().map(|(n, _)| n.as_str()).or(plan);
                // A bare small number named by the words before it is a version or a
                // label ("Nuxt 3", "step 2"), not a claim.
                // "A team of 10" counts: "of" before it says so.
                let counted = lower[..q.start].trim_end().ends_with(" of");
                if !after
                    && !counted
                    && q.unit == Unit::Plain
                    && q.qual == Qual::Exact
                    && q.value < 100.0
                {
                    continue;
                }
                let head = subject_head(&subject);
                if head.len() < 3 {
                    continue;
                }
                // Each plan's price, and each billing's, is a figure of its own: "Pro"
                // yearly $10 and monthly $12, "Premium" $50 and $60 (not one figure with
                // four values to decide between).
                let b = billing
                    .filter(|b| !subject.contains(b))
                    .map_or(String::new(), |b| format!(" {b}"));
                // A count per day, week, month or year is another figure than the total
                // ("downloaded over 100,000 times per day" beside "1B+ downloads").
                let every = if price {
                    None
                } else {
                    frequency(&lower[q.end..clause(lower, q.start, q.end).end.max(q.end)])
                        .filter(|f| !subject.contains(f))
                };
                let (subject, head) = match every {
                    Some(f) => (format!("{subject} {f}"), format!("{head} {f}")),
                    None => (subject, head),
                };
                let (subject, head) = match plan {
                    Some(p) if !subject.contains(p) => {
                        (format!("{p}{b} {subject}"), format!("{p}{b} {head}"))
                    }
                    Some(_) => (format!("{subject}{b}"), format!("{head}{b}")),
                    // A price column's billing ("| Plan | Monthly price | Yearly price |").
                    None if column_billing.is_some() => {
                        (format!("{subject}{b}"), format!("{head}{b}"))
                    }
                    None => (subject, head),
                };
                let sentence = clause(lower, q.start, q.end);
                let orig = folded.source_range(text, sentence.start, sentence.end);
                let shown_range = folded.source_range(text, q.start, q.end);
                let shown = text.get(shown_range).unwrap_or("").trim().to_owned();
                let sentence_text = text.get(orig).unwrap_or(text).trim().to_owned();
                clusters
                    .entry((unit_name(q.unit), head))
                    .or_default()
                    .push(Found {
                        value: q.hi.unwrap_or(q.value),
                        hi: q.hi,
                        qual: q.qual,
                        shown,
                        subject,
                        asset: a,
                        ev: evidence(lib, a, s, &sentence_text),
                        sentence: sentence_text,
                        was: changes[qi].is_some_and(|(from, _)| from),
                    });
            }
        }
    }
    let mut out: Vec<Claim> = Vec::new();
    for ((unit, _), found) in clusters {
        out.push(claim_cluster(lib, unit, found));
    }
    // Claims in more assets first; among those in as many, a home page's (the numbers a
    // company leads with) before the rest.
    let homes: HashSet<&str> = lib
        .iter()
        .filter(|a| a.home)
        .map(|a| a.path.as_str())
        .collect();
    let on_home = |c: &Claim| {
        c.values
            .iter()
            .flat_map(|v| &v.evidence)
            .any(|e| homes.contains(e.path.as_str()))
    };
    // A figure written in digits is one a page puts forward; "six regions" in words is
    // kept when there is room.
    let in_digits = |c: &Claim| {
        c.values
            .iter()
            .any(|v| v.shown.bytes().any(|b| b.is_ascii_digit()))
    };
    out.sort_by(|a, b| {
        (
            b.assets,
            on_home(b),
            b.values.len(),
            b.values.iter().map(|v| v.count).sum::<usize>(),
            in_digits(b),
        )
            .cmp(&(
                a.assets,
                on_home(a),
                a.values.len(),
                a.values.iter().map(|v| v.count).sum::<usize>(),
                in_digits(a),
            ))
            .then(a.subjects.cmp(&b.subjects))
    });
    out.truncate(100);
    out
}

/// The plan named over the column a figure opens its cell in (`cell`, headed `name`): a short
/// name (one to three words, no figure) in the header row, not the first column's.
fn column_of<'h>(header: &'h [String], cell: usize, name: &'h str) -> Option<&'h str> {
    let n = name.split(' ').filter(|w| !w.is_empty()).count();
    // "| Plan | Monthly price | Yearly price |": a column of prices by billing, no plan.
    let billing = billing_of(name).is_some()
        || name
            .split(' ')
            .any(|w| matches!(w, "price" | "prices" | "pricing" | "cost" | "costs"));
    // The second column is a plan's only under an empty corner ("| | Pro | Business |"):
    // a two-column table's "| Feature | Value |" names no plan.
    let column = cell >= 2 || cell == 1 && header.first().is_some_and(|c| c.is_empty());
    (column && (1..=3).contains(&n) && !has_digit(name) && !is_stop_word(name) && !billing)
        .then_some(name)
}

/// The header cell over the cell a figure at `at` opens (with the cell's index): `None`
/// when the row's cells do not line up with the header's or the figure is inside its cell
/// ("| up to $2,000 |").
fn header_cell<'h>(
    header: &'h [String],
    text: &str,
    lower: &str,
    at: usize,
) -> Option<(usize, &'h String)> {
    // Cells are counted in the row as written; `lower` has the row's cells in order too.
    if text.split('|').count() != header.len() {
        return None;
    }
    let cell = lower.get(..at)?.matches('|').count();
    let opens = lower[..at]
        .rsplit('|')
        .next()
        .is_some_and(|c| c.trim().is_empty());
    opens.then_some(())?;
    Some((cell, header.get(cell)?))
}

/// For each quantity, the name it belongs to when its clause says "respectively" ("Pro and
/// Business plans … 40,000 and 60,000 calls, respectively"): as many capitalised names
/// joined by "and" (or commas and "and") before the clause's first figure as figures of
/// one unit in it, each figure its name's, in order; with the index of the list's last
/// figure, whose words say what they all count. Names lowercase.
fn respectively(lower: &str, cased: &str, qs: &[Quantity]) -> Vec<Option<(String, usize)>> {
    let mut out: Vec<Option<(String, usize)>> = vec![None; qs.len()];
    if !lower.contains("respectively") || cased.len() != lower.len() {
        return out;
    }
    let mut i = 0;
    while i < qs.len() {
        let span = clause(lower, qs[i].start, qs[i].end);
        let group: Vec<usize> = (i..qs.len())
            .take_while(|&k| qs[k].start < span.end && qs[k].unit == qs[i].unit)
            .collect();
        let next = i + group.len().max(1);
        if group.len() >= 2 && lower[span.clone()].contains("respectively") {
            let names = listed_names(cased.get(span.start..qs[i].start).unwrap_or(""));
            if names.len() == group.len() {
                let last = group[group.len() - 1];
                for (k, n) in group.iter().zip(names) {
                    out[*k] = Some((n.to_lowercase(), last));
                }
            }
        }
        i = next;
    }
    out
}

/// The last list of capitalised names before a figure: "Pro and Business", "Free, Pro and
/// Business" (one word each).
fn listed_names(lead: &str) -> Vec<String> {
    let ws: Vec<&str> = lead.split_whitespace().collect();
    let Some(and) = ws.iter().rposition(|w| *w == "and") else {
        return Vec::new();
    };
    let cap = |w: &str| w.starts_with(|c: char| c.is_uppercase());
    let Some(last) = ws.get(and + 1).filter(|w| cap(w)) else {
        return Vec::new();
    };
    let mut names = vec![last.trim_end_matches(',').to_owned()];
    // "Pro and", "Free, Pro and": the names before "and", commas between them.
    let mut k = and;
    while k > 0 && cap(ws[k - 1]) {
        names.push(ws[k - 1].trim_end_matches(',').to_owned());
        k -= 1;
        if k == 0 || !ws[k - 1].ends_with(',') {
            break;
        }
    }
    names.reverse();
    names
}

/// Whether quantity `i` is an end of a change ("512 → 773", "from 46s to 6s", "went from
/// 10.6 MB down to 2.8 MB", "from 28,066 in early January to a peak of 86,846"): `(true,
/// i)` for the value it was, `(false, first)` for the value it became, with the index of
/// the change's first value.
fn change_pair(lower: &str, qs: &[Quantity], i: usize) -> Option<(bool, usize)> {
    let linked = |a: &Quantity, b: &Quantity| {
        if a.unit != b.unit || a.hi.is_some() || b.hi.is_some() || b.start < a.end {
            return false;
        }
        let between = &lower[a.end..b.start];
        let from = lower[..a.start].trim_end().ends_with("from");
        let words: Vec<&str> = between
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            // The first value's unit ("10.6 mb down to"), an aside "(+51%)".
            .filter(|w| {
                !matches!(
                    *w,
                    "mb" | "gb" | "kb" | "tb" | "s" | "ms" | "seconds" | "sec"
                )
            })
            .collect();
        match words.as_slice() {
            ["→" | "->" | "⟶" | "=>"] => true,
            ["down" | "up", "to"] => true,
            ["to"] => from,
            // "from 28,066 in early January to a peak of 86,846": a when between, and how
            // the later value is put.
            _ if from && words.len() <= 8 && words.contains(&"to") => {
                let at = words.iter().rposition(|w| *w == "to").unwrap_or(0);
                let rest = &words[at + 1..];
                !words[..at].iter().any(|w| has_digit(w) || *w == "and")
                    && rest.iter().all(|w| {
                        matches!(
                            *w,
                            "a" | "peak"
                                | "high"
                                | "record"
                                | "of"
                                | "over"
                                | "nearly"
                                | "almost"
                                | "about"
                                | "more"
                                | "than"
                                | "just"
                                | "around"
                                | "roughly"
                        )
                    })
            }
            _ => false,
        }
    };
    if let Some(next) = qs.get(i + 1)
        && linked(&qs[i], next)
    {
        return Some((true, i));
    }
    let prev = i.checked_sub(1)?;
    linked(&qs[prev], &qs[i]).then_some((false, prev))
}

/// What a sentence says changed, before its verb: "production build times dropped from",
/// "the number of dependencies in acme has been greatly reduced from", "linear: the install
/// size went from" → "production build times", "dependencies", "install size".
fn changed_noun(before: &str) -> Option<String> {
    let own = before.rsplit(':').next().unwrap_or(before);
    let ws = own
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .filter(|w| w.chars().any(char::is_alphanumeric));
    let mut picked: Vec<&str> = Vec::new();
    for w in ws {
        // "The number of", "our total".
        if picked.is_empty() && (is_stop_word(w) || matches!(w, "number" | "amount" | "count")) {
            continue;
        }
        if is_stop_word(w)
            || has_digit(w)
            || breaks(w)
            || CHANGE_VERBS.contains(&w)
            || NOT_SUBJECT.contains(&w)
            || picked.len() == 3
        {
            break;
        }
        picked.push(w);
    }
    (!picked.is_empty()).then(|| picked.join(" "))
}

/// Verbs that say a figure changed, and the words that go with them.
const CHANGE_VERBS: &[&str] = &[
    "dropped",
    "drop",
    "drops",
    "fell",
    "falls",
    "reduced",
    "decreased",
    "increased",
    "grew",
    "grows",
    "rose",
    "went",
    "jumped",
    "climbed",
    "shrank",
    "shrunk",
    "improved",
    "has",
    "have",
    "had",
    "was",
    "were",
    "been",
    "greatly",
    "went",
    "moved",
    "gone",
    "cut",
    "sped",
];

/// The label of a stat tile whose value is segment `si`: the tiles of a row alternate value
/// and label, in one order or the other ("22M+", "Downloads", "34K+", "GitHub stars", or a
/// definition list's "Tracked pageviews", "260B"). The row's ends tell the order: a row
/// that starts with a value has its labels after the values, one that ends with a value
/// before them; when the ends do not tell, the label after.
fn tile_label<'a>(segs: &[&Seg], asset: &'a Asset, si: usize) -> Option<&'a str> {
    let text = |k: usize| asset.seg_text(segs[k]).trim();
    let is_value = |k: usize| {
        let t = text(k);
        t.len() <= 16
            && t.split_whitespace().count() <= 2
            && t.bytes().any(|b| b.is_ascii_digit())
            && !t
                .chars()
                .any(|c| c.is_alphabetic() && c.is_lowercase() && !"kmbx".contains(c))
    };
    let is_label = |k: usize| {
        let t = text(k);
        !is_value(k) && (1..=6).contains(&t.split_whitespace().count())
    };
    let alternate =
        |a: usize, b: usize| (is_value(a) && is_label(b)) || (is_label(a) && is_value(b));
    let next = segs.get(si + 1).map(|_| text(si + 1));
    if !is_value(si) {
        return next;
    }
    let mut start = si;
    while start > 0 && alternate(start - 1, start) {
        start -= 1;
    }
    let mut end = si;
    while end + 1 < segs.len() && alternate(end, end + 1) {
        end += 1;
    }
    let before = si > 0 && is_label(si - 1);
    if before && !is_value(start) && is_value(end) {
        return Some(text(si - 1));
    }
    next
}

/// Units whose ranges are claims, not tiers.
fn range_claim(unit: Unit) -> bool {
    matches!(
        unit,
        Unit::Percent | Unit::Multiplier | Unit::Minutes | Unit::Days
    )
}

/// Counters and labels are not claims: years, versions, dates, list numbers, a plain "1".
fn plausible_claim(lower: &str, q: &Quantity) -> bool {
    let b = lower.as_bytes();
    let num = &lower[q.start..q.end];
    // Nothing counts nothing, but a free plan's price is one ("Free: $0/month") — not a
    // call to action's ("Start for $0").
    if q.value == 0.0 && (q.unit != Unit::Money || lower[..q.start].trim_end().ends_with(" for")) {
        return false;
    }
    let year = |v: f64| (1900.0..=2100.0).contains(&v) && v.fract() == 0.0;
    if q.unit == Unit::Plain && q.qual == Qual::Exact {
        if q.value < 2.0 && q.hi.is_none() {
            return false;
        }
        if year(q.value) && q.hi.is_none_or(year) && !num.contains(',') {
            return false;
        }
    }
    // A window of time, not a figure: "uptime (last 90 days)", "in the past 12 months".
    if matches!(q.unit, Unit::Days | Unit::Minutes) {
        let before = lower[..q.start].trim_end();
        if before.ends_with("last") || before.ends_with("past") {
            return false;
        }
    }
    // Versions and dotted numbers: "v3.1", "3.0.0", "nuxt 4.5.1".
    let before = q.start.checked_sub(1).map(|i| b[i]);
    if matches!(before, Some(b'v' | b'.' | b'#' | b'/' | b'-' | b':' | b'@')) {
        return false;
    }
    if lower[q.end..].starts_with('.')
        && lower[q.end + 1..].starts_with(|c: char| c.is_ascii_digit())
    {
        return false;
    }
    // (Thousands grouped with dots, "7.000.000.000+", are a number.)
    if num.matches('.').count() > 1 && crate::numbers::dotted_thousands(num.as_bytes(), 0).is_none()
    {
        return false;
    }
    true
}

fn claim_cluster(lib: &[Asset], unit: &'static str, found: Vec<Found>) -> Claim {
    // Values within half a percent are one value.
    let mut values: Vec<(f64, Vec<&Found>)> = Vec::new();
    for f in &found {
        match values
            .iter_mut()
            .find(|(v, _)| (v - f.value).abs() <= v.abs().max(f.value.abs()) * 0.005)
        {
            Some((_, list)) => list.push(f),
            None => values.push((f.value, vec![f])),
        }
    }
    let mut cv: Vec<ClaimValue> = values
        .iter()
        .map(|(v, list)| {
            let assets: HashSet<usize> = list.iter().map(|f| f.asset).collect();
            let latest = list.iter().filter_map(|f| lib[f.asset].date.clone()).max();
            let undated = list.iter().any(|f| lib[f.asset].date.is_none());
            let home = list
                .iter()
                .any(|f| lib[f.asset].home && lib[f.asset].date.is_none());
            let mut quals: BTreeMap<&'static str, usize> = BTreeMap::new();
            for f in list {
                *quals.entry(qual_name(f.qual)).or_insert(0) += 1;
            }
            let qualifier = quals
                .iter()
                .max_by_key(|(_, n)| **n)
                .map_or("exact", |(q, _)| q);
            let mut seen = HashSet::new();
            ClaimValue {
                value: *v,
                shown: list[0].shown.clone(),
                qualifier,
                count: list.len(),
                assets: assets.len(),
                latest,
                undated,
                home,
                was: list.iter().all(|f| f.was),
                evidence: list
                    .iter()
                    .filter(|f| seen.insert((f.ev.path.clone(), f.ev.line)))
                    .take(EVIDENCE)
                    .map(|f| f.ev.clone())
                    .collect(),
            }
        })
        .collect();
    // The proposed value: the one an undated asset (a live page, a README) gives, else the
    // newest; among equals, the one a home page or README gives (where the company says
    // what it is first), then the one more assets give.
    cv.sort_by(|a, b| {
        let rank = |v: &ClaimValue| {
            (
                !v.was,
                v.undated,
                v.latest.clone().unwrap_or_default(),
                v.home,
                v.assets,
                v.count,
            )
        };
        // Counts grow: between equals, the larger is likelier the newer.
        rank(b).cmp(&rank(a)).then(
            b.value
                .partial_cmp(&a.value)
                .unwrap_or(std::cmp::Ordering::Equal),
        )
    });
    // A conflict to decide: two values that are both current (undated) or both as new.
    let conflict = cv.len() > 1
        && !cv[1].was
        && ((cv[0].undated && cv[1].undated)
            || (!cv[0].undated && !cv[1].undated && cv[0].latest == cv[1].latest));
    let proposed = cv[0].value;
    let statement = found
        .iter()
        .filter(|f| (f.value - proposed).abs() <= proposed.abs() * 0.005)
        .map(|f| f.sentence.as_str())
        .min_by_key(|s| (s.len() < 8, s.len()))
        .unwrap_or("")
        .to_owned();
    let mut subjects: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &found {
        *subjects.entry(f.subject.as_str()).or_insert(0) += 1;
    }
    let mut subjects: Vec<(&str, usize)> = subjects.into_iter().collect();
    subjects.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then(a.0.len().cmp(&b.0.len()))
            .then(a.0.cmp(b.0))
    });
    let _ = found.iter().any(|f| f.hi.is_some());
    Claim {
        subjects: subjects
            .into_iter()
            .take(4)
            .map(|(s, _)| s.to_owned())
            .collect(),
        unit,
        assets: found.iter().map(|f| f.asset).collect::<HashSet<_>>().len(),
        values: cv,
        statement: cut(&statement, 240),
        conflict,
    }
}

// ---------------------------------------------------------------------------------------
// ICP

fn icp(lib: &[Asset], readable: &[usize]) -> Icp {
    const SIZES: &[&str] = &[
        "startups",
        "startup",
        "small businesses",
        "small business",
        "smbs",
        "smb",
        "mid-market",
        "midmarket",
        "enterprises",
        "enterprise",
        "large enterprises",
        "fortune 500",
        "fortune 100",
        "global 2000",
        "small teams",
        "growing teams",
        "individuals",
        "hobbyists",
        "freelancers",
        "agencies",
        "organizations",
        "organisations",
        "non-profits",
        "nonprofits",
    ];
    const INDUSTRIES: &[&str] = &[
        "e-commerce",
        "ecommerce",
        "retail",
        "healthcare",
        "health care",
        "finance",
        "financial services",
        "fintech",
        "banking",
        "insurance",
        "education",
        "edtech",
        "government",
        "public sector",
        "media",
        "publishers",
        "publishing",
        "gaming",
        "manufacturing",
        "logistics",
        "telecom",
        "energy",
        "real estate",
        "hospitality",
        "travel",
        "automotive",
        "pharma",
        "life sciences",
        "legal",
        "saas",
        "nonprofit",
    ];
    const ROLES: &[&str] = &[
        "developers",
        "engineers",
        "engineering teams",
        "designers",
        "marketers",
        "marketing teams",
        "product teams",
        "product managers",
        "sales teams",
        "support teams",
        "founders",
        "ctos",
        "cto",
        "cios",
        "devops",
        "data teams",
        "data scientists",
        "analysts",
        "administrators",
        "admins",
        "content editors",
        "editors",
        "writers",
        "testers",
        "qa teams",
        "security teams",
        "it teams",
        "operators",
        "creators",
    ];
    let mut sizes: BTreeMap<String, Tally> = BTreeMap::new();
    let mut inds: BTreeMap<String, Tally> = BTreeMap::new();
    let mut roles: BTreeMap<String, Tally> = BTreeMap::new();
    // One automaton for every term, each between spaces (whole words of the folded text).
    let terms: Vec<(usize, &str)> = [SIZES, INDUSTRIES, ROLES]
        .iter()
        .enumerate()
        .flat_map(|(k, list)| list.iter().map(move |t| (k, *t)))
        .collect();
    // Then the size markers, "N employees", "teams of N", "N-person": their first place in
    // the text is read, in the same pass.
    const MARKERS: [&str; 3] = [" employees ", " person ", " people companies "];
    let Ok(ac) = aho_corasick::AhoCorasick::new(
        terms
            .iter()
            .map(|(_, t)| format!(" {t} "))
            .chain(MARKERS.iter().map(|m| (*m).to_owned())),
    ) else {
        return Icp::default();
    };
    for &a in readable {
        let asset = &lib[a];
        for s in copy_segments(asset) {
            let text = asset.seg_text(s);
            let key = format!(" {} ", norm(text));
            let mut seen: HashSet<usize> = HashSet::new();
            let mut marked = [None; MARKERS.len()];
            for m in ac.find_overlapping_iter(&key) {
                let p = m.pattern().as_usize();
                if !seen.insert(p) {
                    continue;
                }
                if let Some(k) = p.checked_sub(terms.len()) {
                    marked[k] = Some(m.start());
                    continue;
                }
                let (kind, term) = terms[p];
                let map = match kind {
                    0 => &mut sizes,
                    1 => &mut inds,
                    _ => &mut roles,
                };
                map.entry(term.to_owned()).or_default().add(a, s);
            }
            // "N employees", "teams of N", "N-person"
            for (marker, at) in MARKERS.iter().zip(marked) {
                if let Some(i) = at {
                    let head = &key[..i];
                    if let Some(num) = head.split(' ').next_back()
                        && has_digit(num)
                    {
                        let form = format!("{num}{}", marker.trim_end());
                        sizes.entry(form).or_default().add(a, s);
                    }
                }
            }
        }
    }
    let top = |m: BTreeMap<String, Tally>| -> Vec<Form> {
        let mut v: Vec<Form> = m.iter().map(|(k, t)| t.form(lib, k)).collect();
        v.sort_by(|a, b| (b.assets, b.count, &a.text).cmp(&(a.assets, a.count, &b.text)));
        v.truncate(8);
        v
    };
    Icp {
        sizes: top(sizes),
        industries: top(inds),
        roles: top(roles),
    }
}

// ---------------------------------------------------------------------------------------
// Retired

/// Names seen only in assets dated more than a year before the newest one, and never in an
/// undated asset (a live page, a README): retired, or about to be.
fn retired(lib: &[Asset], readable: &[usize], company: &Name, products: &[Name]) -> Vec<Retired> {
    let Some(newest) = readable.iter().filter_map(|&a| lib[a].date.clone()).max() else {
        return Vec::new();
    };
    let cutoff = year_before(&newest);
    let mut seen: HashMap<String, (Tally, Option<String>, bool)> = HashMap::new();
    for &a in readable {
        let asset = &lib[a];
        for s in copy_segments(asset) {
            let text = asset.seg_text(s);
            let ws = words(text);
            let mut i = 0;
            while i < ws.len() {
                let t = &text[ws[i].start..ws[i].end];
                if ws[i].link || !name_word(t) || not_name(t) || ws[i].initial {
                    i += 1;
                    continue;
                }
                let mut j = i + 1;
                while j < ws.len()
                    && j < i + 3
                    && !ws[j].break_before
                    && name_word(&text[ws[j].start..ws[j].end])
                {
                    j += 1;
                }
                let name = text[ws[i].start..ws[j - 1].end].to_owned();
                let e = seen
                    .entry(name)
                    .or_insert_with(|| (Tally::default(), None, false));
                e.0.add(a, s);
                match &asset.date {
                    Some(d) => {
                        if e.1.as_ref().is_none_or(|x| x < d) {
                            e.1 = Some(d.clone());
                        }
                    }
                    None => e.2 = true,
                }
                i = j;
            }
        }
    }
    let current: HashSet<&str> = std::iter::once(company.name.as_str())
        .chain(products.iter().map(|p| p.name.as_str()))
        .collect();
    let mut out: Vec<Retired> = seen
        .into_iter()
        .filter(|(name, (t, last, undated))| {
            !undated
                && t.count >= 2
                && !current.contains(name.as_str())
                && last.as_ref().is_some_and(|l| *l < cutoff)
        })
        .map(|(phrase, (t, last, _))| Retired {
            phrase,
            count: t.count,
            last_seen: last.unwrap_or_default(),
            newest: newest.clone(),
            evidence: t.evidence(lib),
        })
        .collect();
    out.sort_by(|a, b| (b.count, &a.phrase).cmp(&(a.count, &b.phrase)));
    out.truncate(8);
    out
}

fn year_before(date: &str) -> String {
    let year: i32 = date.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0);
    format!("{:04}{}", year - 1, date.get(4..).unwrap_or(""))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subject(text: &str) -> Option<(String, bool)> {
        let folded = crate::normalize::fold_with(text, false);
        let qs = crate::numbers::scan_cased(&folded.lower, &folded.cased);
        let q = qs.first().expect("a number");
        subject_of(&folded.lower, q, None, None)
    }

    #[test]
    fn what_a_number_counts() {
        let s = |t: &str| subject(t).map(|(s, _)| s);
        assert_eq!(s("57,000+ GitHub stars").as_deref(), Some("github stars"));
        assert_eq!(s("We support 30+ languages.").as_deref(), Some("languages"));
        assert_eq!(
            s("Hoppscotch is 10x faster than Postman").as_deref(),
            Some("faster than postman")
        );
        // What is faster or smaller: each comparison its own claim.
        assert_eq!(
            s("10x faster deployments, from weeks to hours").as_deref(),
            Some("faster deployments")
        );
        assert_eq!(
            s("5x faster time to market").as_deref(),
            Some("faster time to market")
        );
        assert_eq!(
            s("90% smaller bundle output").as_deref(),
            Some("smaller bundle output")
        );
        assert_eq!(
            s("Up to 5x less vs Neon + Vercel").as_deref(),
            Some("less vs neon")
        );
        assert_eq!(s("It is 3x faster.").as_deref(), Some("faster"));
        // A verb that arrives at the figure names nothing: what arrives is before it.
        assert_eq!(
            s("We nearly doubled our revenue in 2024, reaching $561K.").as_deref(),
            Some("revenue")
        );
        assert_eq!(
            s("A typical lightweight deno job will take around 100ms total.").as_deref(),
            Some("deno job")
        );
        // After a linking verb, what the clause opens with.
        assert_eq!(
            s("The added latency from a job sent back to the database is ~50ms.").as_deref(),
            Some("added latency")
        );
        assert_eq!(
            s("In 2024 the number of active users was 5,000.").as_deref(),
            Some("active users")
        );
        assert_ne!(
            subject_head("faster deployments"),
            subject_head("faster time to market")
        );
        // People count a crowd: the crowd is what the sentence names before its verb.
        assert_eq!(
            s("Pulumi's community is over 10,000 people and growing").as_deref(),
            Some("community")
        );
        assert_eq!(s("We help 10,000 people ship").as_deref(), Some("people"));
        // A word about the price itself is no subject; "base price" is one.
        assert_eq!(s("$40 /month base"), None);
        assert!(
            s("$5 /month Base price (connect 2 servers)")
                .is_some_and(|s| s.starts_with("base price"))
        );
        // A kind said before what is counted is another count.
        assert_eq!(
            subject_head("community sdks"),
            format!("community {}", stem("sdks"))
        );
        assert_eq!(subject_head("sdks"), subject_head("sdks supported"));
        assert_eq!(subject_head("github stars"), stem("stars"));
        // Thousands grouped with dots are a figure, a dotted version is not.
        assert_eq!(
            s("over 35.000 GitHub stars").as_deref(),
            Some("github stars")
        );
        assert_eq!(
            s("processes over 500 thousand requests per week").as_deref(),
            Some("requests")
        );
        assert_eq!(
            s("More than 800 support teams use Lumora").as_deref(),
            Some("support teams")
        );
        assert_eq!(
            s("less than $5M in annual revenue").as_deref(),
            Some("annual revenue")
        );
        // From the words before it, said so: "downloaded 15,432,081 times".
        assert_eq!(
            subject("Eleventy has been downloaded 15,432,081 times"),
            Some(("downloaded".into(), false))
        );
        assert_eq!(subject_head("modules compatible"), stem("modules"));
        assert_eq!(subject_head("faster than postman"), "faster than postman");
    }

    #[test]
    fn years_versions_and_ranges_are_not_claims() {
        let ok = |t: &str| {
            let f = crate::normalize::fold_with(t, false);
            crate::numbers::scan_cased(&f.lower, &f.cased)
                .iter()
                .any(|q| q.hi.is_none() && plausible_claim(&f.lower, q))
        };
        assert!(!ok("Founded in 2019"));
        assert!(!ok("Upgrade to v3.1 today"));
        assert!(!ok("released 4.5.1"));
        assert!(ok("Trusted by 1,200+ teams"));
        assert!(ok("99.99% uptime"));
        assert!(!ok("Uptime (last 90 days)"));
        assert!(ok("Set up in 5 minutes"));
    }

    #[test]
    fn copyright_lines_give_the_name_and_the_legal_name() {
        assert_eq!(
            copyright_name(" 2025 Hoppscotch Limited. All rights reserved."),
            Some(("Hoppscotch".into(), "Hoppscotch Limited".into()))
        );
        assert_eq!(
            copyright_name(" 2006-2020, Monospace Inc."),
            Some(("Monospace".into(), "Monospace Inc".into()))
        );
        assert_eq!(copyright_name(" 2024"), None);
    }

    #[test]
    fn spellings_share_a_key() {
        assert_eq!(squash("Acme-Cloud"), squash("AcmeCloud"));
        assert_eq!(squash("Acme cloud"), "acmecloud");
        assert_eq!(norm("Make Better APIs_"), "make better apis");
        assert_eq!(norm("Thanks, y’all!"), "thanks y'all");
        let ws = words("See https://acme.io/docs or Acme Cloud.");
        let link: Vec<bool> = ws.iter().map(|w| w.link).collect();
        assert_eq!(link, [false, true, true, true, false, false, false]);
    }

    /// A one-file library: each (scope, text) a segment, the first heading marked.
    /// Each drafted claim's first subject, proposed value and count of values, by subject.
    fn drafted(lib: &[Asset]) -> Vec<(String, f64, usize)> {
        let mut v: Vec<(String, f64, usize)> = claims(lib, &[0])
            .into_iter()
            .map(|c| (c.subjects[0].clone(), c.values[0].value, c.values.len()))
            .collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    }

    fn library(path: &str, segs: &[(Scope, &str)]) -> Vec<Asset> {
        let mut text = String::new();
        let mut out = Vec::new();
        let mut seen_heading = false;
        for (k, (scope, t)) in segs.iter().enumerate() {
            let start = text.len() as u32;
            text.push_str(t);
            let first_heading = !seen_heading && *scope == Scope::Heading;
            seen_heading |= first_heading;
            out.push(Seg {
                start,
                end: text.len() as u32,
                scope: *scope,
                chrome: false,
                line: k as u32 + 1,
                slide: 0,
                first_heading,
            });
            text.push('\n');
        }
        let kind = if path.ends_with(".pdf") {
            Kind::Pdf
        } else {
            Kind::Markdown
        };
        vec![Asset {
            path: path.into(),
            kind,
            date: None,
            home: super::super::library::is_home(path),
            text,
            segs: out,
            unreadable: None,
        }]
    }

    fn named(text: &str, title: bool) -> Vec<String> {
        named_in(text, &words(text), "Acme", title)
            .into_iter()
            .map(|(f, _)| f)
            .collect()
    }

    #[test]
    fn products_the_copy_says_are_products() {
        assert_eq!(
            named("Acme's Session Replay shows each visit.", false),
            ["Session Replay"]
        );
        assert_eq!(named("Seer is Acme's AI debugging agent.", false), ["Seer"]);
        assert_eq!(
            named("Seer, Acme's agent, finds the cause.", false),
            ["Seer"]
        );
        assert_eq!(
            named("Our second product was Session Replay.", false),
            ["Session Replay"]
        );
        assert_eq!(named("Seer | Acme Docs", true), ["Seer"]);
        assert_eq!(named("Cody", true), ["Cody"]);
        assert_eq!(
            named("Introducing Spotlight Search, a new way in.", false),
            ["Spotlight Search"]
        );
        assert_eq!(
            named("Meet the Notification Hub", false),
            ["Notification Hub"]
        );
        assert_eq!(
            named("Profiles are now available to everyone.", false),
            ["Profiles"]
        );
        assert_eq!(named("Seer is here.", false), ["Seer"]);
        assert_eq!(
            named("A theme for news sites called Headline.", false),
            ["Headline"]
        );
        assert!(named("A so-called Cloud Suite.", false).is_empty());
        // An announcement of something else, a sentence in Title Case.
        assert!(named("Announcing Seed Funding and Open Metrics", false).is_empty());
        assert!(named("Introducing Acme Desktop", false).is_empty());
        // Not names: a page, a heading in Title Case, a word that starts a sentence, a
        // review site before the company's possessive, a slide title.
        assert!(named("Pricing | Acme", true).is_empty());
        assert!(named("Product Walkthroughs", false).is_empty());
        assert!(named("Acme's team ships weekly.", false).is_empty());
        assert!(named("With 100 reviews on Capterra, Acme's rating is 4.8.", false).is_empty());
        assert!(named("Universal", false).is_empty());
        assert!(named("How Acme works | Acme", true).is_empty());
    }

    #[test]
    fn runs_of_capitals_keep_inner_words_and_acronym_leads() {
        let text = "Covered by the Sustainable Use License and the AI Code Review.";
        let ws = words(text);
        let at = |w: &str| ws.iter().position(|x| &text[x.start..x.end] == w).expect(w);
        let run = |i: usize| {
            let j = run_end(text, &ws, i, 4);
            text[ws[i].start..ws[j - 1].end].to_owned()
        };
        assert_eq!(run(at("Sustainable")), "Sustainable Use License");
        assert_eq!(run(at("AI")), "AI Code Review");
        // Alone, an acronym that starts sentences is no name.
        let t = "AI for everyone";
        assert_eq!(run_end(t, &words(t), 0, 3), 0);
    }

    #[test]
    fn a_generic_word_after_the_company_can_head_a_product() {
        let lib = library(
            "blog/post.md",
            &[
                (
                    Scope::Body,
                    "Acme Community Edition is free. The Acme Community meets monthly.",
                ),
                (
                    Scope::Body,
                    "Install Acme Community Edition with one command.",
                ),
                (
                    Scope::Body,
                    "The Acme Engineers and the Acme CEO wrote the Acme Handbook.",
                ),
                (
                    Scope::Body,
                    "Ask the Acme Engineers, the Acme CEO, the Acme Handbook.",
                ),
            ],
        );
        let names: Vec<String> = products(&lib, &[0], "Acme")
            .into_iter()
            .map(|n| n.name)
            .collect();
        assert_eq!(names, ["Acme Community Edition"]);
    }

    #[test]
    fn where_a_page_says_what_it_is_first() {
        assert_eq!(
            after_name("Acme - Secure Automation for Teams", "acme"),
            "Secure Automation for Teams"
        );
        assert_eq!(
            after_name("Acme: the open platform", "acme"),
            "the open platform"
        );
        assert_eq!(
            after_name("Why Acme - a story", "acme"),
            "Why Acme - a story"
        );
        // Under a README heading that is only the name, the next heading is the tagline; a
        // row of links is not the first paragraph.
        let lib = library(
            "README.md",
            &[
                (Scope::Heading, "Acme"),
                (Scope::Body, "Website | Docs | Blog"),
                (Scope::Heading, "Scheduling for absolutely everyone."),
                (
                    Scope::Body,
                    "Acme is an open scheduling platform for teams of every size and shape.",
                ),
            ],
        );
        let ph = phrases(&lib, &[0], "Acme");
        let (tag, one) = taglines(&ph, "Acme");
        assert_eq!(
            tag.first().map(|p| p.text.as_str()),
            Some("Scheduling for absolutely everyone")
        );
        assert!(
            one.iter()
                .any(|p| p.text.starts_with("Acme is an open scheduling platform"))
        );
        // A PDF's first line is its cover.
        let lib = library(
            "one-pager.pdf",
            &[
                (Scope::Body, "Secure automation for technical teams"),
                (Scope::Body, "Acme connects every tool you use."),
            ],
        );
        let ph = phrases(&lib, &[0], "Acme");
        let (tag, _) = taglines(&ph, "Acme");
        assert_eq!(
            tag.first().map(|p| p.text.as_str()),
            Some("Secure automation for technical teams")
        );
    }

    #[test]
    fn a_long_line_repeated_where_taglines_stand_is_one() {
        let line =
            "A lightning-fast search engine that fits into your apps, websites, and workflow";
        let mut lib = library("README.md", &[(Scope::Heading, line)]);
        lib.extend(library("deck/intro.md", &[(Scope::Heading, line)]));
        let ph = phrases(&lib, &[0, 1], "Acme");
        let (tag, _) = taglines(&ph, "Acme");
        assert_eq!(tag.first().map(|p| p.text.as_str()), Some(line));
        // Once, it is not.
        let lib = library("deck/intro.md", &[(Scope::Heading, line)]);
        let (tag, _) = taglines(&phrases(&lib, &[0], "Acme"), "Acme");
        assert!(tag.is_empty());
    }

    #[test]
    fn a_long_hero_headline_is_a_tagline_but_questions_and_comparisons_are_not() {
        let line = "An orchestration engine for background tasks, AI agents, and durable workflows";
        let lib = library(
            "README.md",
            &[
                (Scope::Heading, line),
                (Scope::Heading, "What is Acme?"),
                (Scope::Heading, "Acme vs DAG-based platforms"),
                (Scope::Heading, "Acme README"),
            ],
        );
        let (tag, _) = taglines(&phrases(&lib, &[0], "Acme"), "Acme");
        let texts: Vec<&str> = tag.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, [line]);
    }

    #[test]
    fn a_docs_way_in_is_no_tagline_and_a_long_definition_of_the_company_is_one() {
        let long =
            "Acme is the easiest, most secure way to access and protect all your infrastructure";
        let page: &[(Scope, &str)] = &[
            (Scope::Title, "Introduction to Acme"),
            (Scope::Heading, long),
            (Scope::Heading, "Read an overview of the Acme platform"),
            (Scope::Heading, "Zero trust for your infrastructure"),
            (
                Scope::Heading,
                "Acme is bringing the best of open-source security to every team",
            ),
        ];
        let mut lib = library("README.md", page);
        lib.extend(library("deck/intro.md", page));
        let (tag, _) = taglines(&phrases(&lib, &[0, 1], "Acme"), "Acme");
        let texts: Vec<&str> = tag.iter().map(|p| p.text.as_str()).collect();
        assert!(texts.contains(&long), "{texts:?}");
        assert!(
            texts.contains(&"Zero trust for your infrastructure"),
            "{texts:?}"
        );
        assert!(
            !texts.iter().any(|t| t.starts_with("Introduction")
                || t.starts_with("Read an overview")
                || t.contains("bringing")),
            "{texts:?}"
        );
    }

    #[test]
    fn a_two_word_name_is_kept_when_its_first_word_leads_three_times_in_four() {
        let mut segs: Vec<(Scope, &str)> = vec![(Scope::Title, "Better Auth")];
        for _ in 0..11 {
            segs.push((Scope::Body, "Better Auth is the authentication framework."));
        }
        segs.push((Scope::Body, "Agent Auth signs your agents in."));
        segs.push((Scope::Body, "Agent Auth keeps tokens short."));
        segs.push((Scope::Body, "Everything for Auth is here."));
        let lib = library("README.md", &segs);
        assert_eq!(company(&lib, &[0]).0.name, "Better Auth");
    }

    #[test]
    fn a_two_word_name_is_kept_when_its_second_word_follows_its_first_nine_times_in_ten() {
        let mut segs: Vec<(Scope, &str)> = vec![(Scope::Title, "Kill Bill")];
        for _ in 0..6 {
            segs.push((
                Scope::Body,
                "Kill Bill is the open-source billing platform.",
            ));
        }
        let lib = library("README.md", &segs);
        assert_eq!(company(&lib, &[0]).0.name, "Kill Bill");
        // A product's word after the name is no half of it: "Acme Cloud" is a product.
        let mut segs: Vec<(Scope, &str)> = vec![(Scope::Title, "Acme")];
        for _ in 0..6 {
            segs.push((
                Scope::Body,
                "Acme Cloud is the hosted edition of Acme Cloud.",
            ));
        }
        let lib = library("README.md", &segs);
        assert_eq!(company(&lib, &[0]).0.name, "Acme");
    }

    #[test]
    fn a_company_that_writes_its_name_in_lower_case_is_named_so() {
        let lib = library(
            "README.md",
            &[
                (Scope::Title, "Status Page"),
                (Scope::Heading, "Status Page for everyone"),
                (
                    Scope::Body,
                    "openfoo is an open-source status page. Openfoo helps teams.",
                ),
                (
                    Scope::Body,
                    "With openfoo, your Status Page is live in a minute.",
                ),
                (Scope::Body, "openfoo is the free one; see openfoo.dev."),
            ],
        );
        assert_eq!(company(&lib, &[0]).0.name, "openfoo");
        // A name the copy capitalises stays capitalised, whatever its address says.
        let lib = library(
            "README.md",
            &[
                (Scope::Body, "Acme is a status page. Acme helps teams."),
                (Scope::Body, "See acme.dev and acme/cli; Acme is free."),
            ],
        );
        assert_eq!(company(&lib, &[0]).0.name, "Acme");
    }

    #[test]
    fn a_word_glued_to_the_company_name_is_a_product() {
        let lib = library(
            "blog/post.md",
            &[
                (
                    Scope::Body,
                    "SvelteKit is the framework; Svelte is the compiler.",
                ),
                (Scope::Body, "Build apps with SvelteKit and Svelte."),
            ],
        );
        let names: Vec<String> = products(&lib, &[0], "Svelte")
            .into_iter()
            .map(|n| n.name)
            .collect();
        assert_eq!(names, ["SvelteKit"]);
        // A model or edition joined by hyphens, and a package in the company's scope.
        let lib = library(
            "blog/post.md",
            &[
                (
                    Scope::Body,
                    "Jan-Nano-128k runs on a laptop; so does Jan-v1.",
                ),
                (
                    Scope::Body,
                    "Install @jan/core, then @jan/core plugins; jan-style is a slug.",
                ),
            ],
        );
        let mut names: Vec<String> = products(&lib, &[0], "Jan")
            .into_iter()
            .map(|n| n.name)
            .collect();
        names.sort();
        assert_eq!(names, ["@jan/core", "Jan-Nano-128k", "Jan-v1"]);
    }

    #[test]
    fn a_major_version_after_the_name_is_a_generation_of_the_product() {
        let lib = library(
            "blog/post.md",
            &[
                (
                    Scope::Body,
                    "We announce that Acme 6 is now generally available.",
                ),
                (Scope::Body, "Moving from Acme 5 to Acme 6.0 took a day."),
                (
                    Scope::Body,
                    "Set up Acme 5 minutes from now, or run Acme 2.1 and Acme 3x.",
                ),
            ],
        );
        let names: Vec<String> = products(&lib, &[0], "Acme")
            .into_iter()
            .map(|n| n.name)
            .collect();
        assert_eq!(names, ["Acme 6", "Acme 5"]);
    }

    #[test]
    fn ranges_of_rates_and_times_are_claims_at_their_upper_end() {
        let lib = library(
            "value.md",
            &[
                (Scope::Body, "Batch changes are 50%–75% faster."),
                (Scope::Body, "Plans for teams of 2 to 5 agents."),
            ],
        );
        let c = claims(&lib, &[0]);
        assert_eq!(
            c.len(),
            1,
            "{:?}",
            c.iter().map(|c| &c.subjects).collect::<Vec<_>>()
        );
        assert_eq!(c[0].values[0].value, 75.0);
        assert_eq!(c[0].values[0].shown, "50%–75%");
        assert!(range_claim(Unit::Minutes) && !range_claim(Unit::Plain));
    }

    #[test]
    fn a_count_per_day_is_another_figure_than_the_total() {
        let lib = library(
            "home.md",
            &[
                (
                    Scope::Body,
                    "Vector has been downloaded over 1,000,000,000 times.",
                ),
                (
                    Scope::Body,
                    "Vector is downloaded over 100,000 times per day.",
                ),
            ],
        );
        let c = claims(&lib, &[0]);
        let per_day: Vec<f64> = c
            .iter()
            .filter(|c| c.subjects.iter().any(|s| s.ends_with("per day")))
            .map(|c| c.values[0].value)
            .collect();
        assert_eq!(
            per_day,
            vec![100000.0],
            "{:?}",
            c.iter().map(|c| &c.subjects).collect::<Vec<_>>()
        );
        assert!(c.iter().any(|c| c.values[0].value == 1_000_000_000.0
            && !c.subjects.iter().any(|s| s.contains("per day"))));
    }

    #[test]
    fn respectively_gives_each_figure_its_name() {
        let lib = library(
            "limits.md",
            &[
                (
                    Scope::Body,
                    "Pro and Business plans raise the limit to 40,000 and 60,000 calls per day, respectively.",
                ),
                (
                    Scope::Body,
                    "Free, Pro and Business sites get 5, 10 and 20 members respectively.",
                ),
                // No "respectively": one subject for both.
                (Scope::Body, "Pro and Business teams: 300 and 400 seats."),
            ],
        );
        let c = claims(&lib, &[0]);
        let got = |subject: &str| {
            c.iter()
                .find(|c| c.subjects.iter().any(|s| s == subject))
                .map(|c| c.values[0].value)
        };
        // A count per day names its frequency too.
        assert_eq!(got("pro calls per day"), Some(40000.0));
        assert_eq!(got("business calls per day"), Some(60000.0));
        assert_eq!(got("free members"), Some(5.0));
        assert_eq!(got("business members"), Some(20.0));
        assert_eq!(got("pro seats"), None);
    }

    #[test]
    fn a_change_proposes_the_value_it_became_and_keeps_what_it_was() {
        let lib = library(
            "review.md",
            &[
                (
                    Scope::ListItem,
                    "Total contributors: 512 → 773 (+51.0% y/y)",
                ),
                (
                    Scope::Body,
                    "The number of dependencies in Acme has been greatly reduced from 61 down to 16.",
                ),
                (
                    Scope::Body,
                    "Weekly downloads grew from 28,066 in early January to a peak of 86,846.",
                ),
                (Scope::Body, "We cut the bundle size by a maximum of 60%."),
                // Not a change: two figures of two things.
                (Scope::Body, "Over 5,000 teams from 40 countries."),
            ],
        );
        let c = claims(&lib, &[0]);
        let got = |subject: &str| {
            c.iter()
                .find(|c| c.subjects.iter().any(|s| s == subject))
                .map(|c| c.values.iter().map(|v| v.value).collect::<Vec<_>>())
        };
        assert_eq!(got("total contributors"), Some(vec![773.0, 512.0]));
        assert_eq!(got("dependencies"), Some(vec![16.0, 61.0]));
        assert_eq!(got("weekly downloads"), Some(vec![86846.0, 28066.0]));
        assert_eq!(got("bundle size"), Some(vec![60.0]));
        assert_eq!(got("teams"), Some(vec![5000.0]));
        assert!(c.iter().all(|c| !c.conflict), "a change is no conflict");
    }

    #[test]
    fn between_two_current_values_the_home_page_is_proposed() {
        let mut lib = library(
            "README.md",
            &[(Scope::Body, "Over 3,000 servers in production.")],
        );
        lib.extend(library(
            "deck/slides.md",
            &[(Scope::Body, "Over 5,000 servers in production.")],
        ));
        let c = claims(&lib, &[0, 1]);
        assert_eq!(c[0].values[0].value, 3000.0);
        assert_eq!(c[0].values[1].value, 5000.0);
    }

    #[test]
    fn messages_are_the_sentences_under_their_labels() {
        assert_eq!(
            label_split("Hybrid search: combine semantic and full-text search"),
            Some(("Hybrid search", "combine semantic and full-text search"))
        );
        assert_eq!(label_split("Note: this is it"), None);
        assert_eq!(
            label_split("Install the package from the registry with npm: run the installer now"),
            None
        );
        assert!(!message_like("Environment Variables"));
        assert!(message_like("Everything You Need"));
        assert!(!message_like("and on our YouTube channel too)"));
        assert!(!message_like("Thanks for the support, y'all"));
        assert!(message_like("Deploy anywhere"));
        // On a home page, a feature's heading stands for the sentence under it, and a list
        // item's label for what follows it.
        let lib = library(
            "index.md",
            &[
                (Scope::Heading, "Acme makes APIs"),
                (Scope::Heading, "Lightning Fast"),
                (
                    Scope::Body,
                    "Search-as-you-type returns answers in less than 50 milliseconds. Really.",
                ),
                (
                    Scope::ListItem,
                    "Typo tolerance: get relevant matches even when queries contain typos",
                ),
                (Scope::Heading, "Environment Variables"),
            ],
        );
        let ph = phrases(&lib, &[0], "Acme");
        let vp = value_props(&ph, &HashSet::new(), "Acme");
        let said: Vec<(&str, Option<&str>)> = vp
            .iter()
            .map(|p| (p.text.as_str(), p.heading.as_deref()))
            .collect();
        assert!(said.contains(&(
            "Search-as-you-type returns answers in less than 50 milliseconds",
            Some("Lightning Fast")
        )));
        assert!(said.contains(&(
            "Get relevant matches even when queries contain typos",
            Some("Typo tolerance")
        )));
        // A feature's name alone is no message.
        assert!(
            !said.iter().any(|(t, _)| *t == "Environment Variables"),
            "{said:?}"
        );
    }

    #[test]
    fn stat_tiles_are_read_in_either_order() {
        let subjects = |segs: &[(Scope, &str)]| -> Vec<(String, f64)> {
            let lib = library("index.md", segs);
            let mut v: Vec<(String, f64)> = claims(&lib, &[0])
                .into_iter()
                .map(|c| (c.subjects[0].clone(), c.values[0].value))
                .collect();
            v.sort_by(|a, b| a.0.cmp(&b.0));
            v
        };
        // Value, then label.
        let v = subjects(&[
            (Scope::Heading, "Powered by open source"),
            (Scope::ListItem, "22M+"),
            (Scope::ListItem, "Downloads"),
            (Scope::ListItem, "34K+"),
            (Scope::ListItem, "GitHub stars"),
        ]);
        assert_eq!(
            v,
            [("downloads".into(), 22e6), ("github stars".into(), 34e3)]
        );
        // Label, then value, as a definition list has them.
        let v = subjects(&[
            (
                Scope::Body,
                "Trusted by thousands of companies that switched, from small sites up.",
            ),
            (Scope::ListItem, "Paying subscribers"),
            (Scope::ListItem, "15k"),
            (Scope::ListItem, "Tracked pageviews"),
            (Scope::ListItem, "260B"),
            (Scope::ListItem, "Uptime (last 90 days)"),
            (Scope::ListItem, "99.99%"),
            (
                Scope::Body,
                "We are massive users of it here at our company, every single day.",
            ),
        ]);
        assert_eq!(
            v,
            [
                ("paying subscribers".into(), 15e3),
                ("tracked pageviews".into(), 260e9),
                ("uptime".into(), 99.99)
            ]
        );
        // "A team of 10" is a count, "Nuxt 3" a version.
        let v = subjects(&[(
            Scope::Body,
            "We are a bootstrapped team of 10. Try Nuxt 3 today.",
        )]);
        assert_eq!(v.len(), 1, "{v:?}");
        assert_eq!(v[0].1, 10.0);
        // A stat line whose figure a dash joins to its label; a price a verb leads, under
        // its plan's heading or after its plan's name; a number in words in a list item.
        let v = subjects(&[
            (Scope::ListItem, "10x — Faster Pipeline Delivery"),
            (Scope::ListItem, "90% – Fewer manual backfills"),
            (Scope::ListItem, "Available across five cloud regions"),
            (Scope::Heading, "Flex"),
            (Scope::Body, "Starts at $45 /mo"),
            (Scope::Body, "Acme Cloud — Dedicated starts at $4000/month"),
            (Scope::Body, "There are two ways to install it."),
        ]);
        assert_eq!(
            v,
            [
                ("cloud dedicated".into(), 4000.0),
                ("cloud regions".into(), 5.0),
                ("faster pipeline delivery".into(), 10.0),
                ("fewer manual backfills".into(), 90.0),
                ("flex".into(), 45.0),
            ]
        );
    }

    #[test]
    fn each_plan_and_billing_price_is_its_own_figure() {
        let lib = library(
            "pricing.md",
            &[
                (Scope::Heading, "Pricing"),
                (Scope::Heading, "Pro"),
                (Scope::Body, "For teams getting started."),
                (Scope::Body, "Yearly: $10 per app creator/month"),
                (Scope::Body, "Monthly: $12 per app creator/month"),
                (Scope::Heading, "Premium"),
                (Scope::Body, "For teams that need more power."),
                (Scope::Body, "Yearly: $50 per app creator/month"),
                (Scope::Heading, "Acme Max"),
                (Scope::Body, "Most popular"),
                (Scope::Body, "Everything in Premium, plus AI."),
                (Scope::Body, "$12 / user / month"),
                (Scope::Body, "billed monthly"),
                (Scope::Heading, "$3m in annual savings"),
                (Scope::Body, "Reworld expects $3m in annual savings."),
                (Scope::Heading, "Usage"),
                (Scope::ListItem, "Logs: $0.4 per GB ingested"),
                (Scope::Heading, "Business"),
                (Scope::Body, "Monthly: €79 · Annually: €45"),
                (Scope::ListItem, "3 users included"),
                (Scope::Heading, "Frequently asked questions"),
                (Scope::Body, "Every plan includes 5 seats, from $10 a seat."),
            ],
        );
        let v = drafted(&lib);
        assert_eq!(
            v,
            [
                ("acme max monthly".into(), 12.0, 1),
                ("annual savings".into(), 3e6, 1),
                ("business monthly".into(), 79.0, 1),
                ("business users included".into(), 3.0, 1),
                ("business yearly".into(), 45.0, 1),
                ("logs gb ingested".into(), 0.4, 1),
                ("premium yearly app creator/month".into(), 50.0, 1),
                ("pro monthly app creator/month".into(), 12.0, 1),
                ("pro yearly app creator/month".into(), 10.0, 1),
                ("seats".into(), 5.0, 1),
                ("seats".into(), 10.0, 1),
            ]
        );
        // A switch between both billings names neither.
        assert_eq!(billing_of("monthly · annual · save 32%"), None);
        assert_eq!(billing_of("per user, billed annually"), Some("yearly"));
    }

    /// A usage-priced table: each row's amount names its tier, each column's billing its
    /// price ("| 5K events per month | $2.50 | $25.00 |" under "| Plan | Monthly price |
    /// Yearly price |"); the amounts themselves are no figures to decide between.
    #[test]
    fn usage_tiers_in_a_price_table() {
        let lib = library(
            "pricing.md",
            &[
                (Scope::Heading, "Full pricing table"),
                (
                    Scope::TableRow,
                    "Plan | Monthly price | Yearly price (2 months free)",
                ),
                (Scope::TableRow, "5K events per month | $2.50 | $25.00"),
                (Scope::TableRow, "1.0M events per month | $90.00 | $900.00"),
            ],
        );
        let v = drafted(&lib);
        assert_eq!(
            v,
            [
                ("1.0m events monthly".into(), 90.0, 1),
                ("1.0m events yearly".into(), 900.0, 1),
                ("5k events monthly".into(), 2.5, 1),
                ("5k events yearly".into(), 25.0, 1),
                ("yearly price".into(), 60.0, 1),
            ]
        );
    }

    /// A free plan's price is a figure ("Free: $0/month"); a call to action's is not ("Start
    /// for $0"), nor is a count of nothing ("0 incidents").
    #[test]
    fn a_free_plans_price_is_a_figure() {
        let lib = library(
            "pricing.md",
            &[
                (
                    Scope::ListItem,
                    "Free: $0/month, for trying out the platform",
                ),
                (Scope::Body, "Start for $0 today."),
                (Scope::Body, "We had 0 incidents."),
            ],
        );
        let v: Vec<(String, f64)> = claims(&lib, &[0])
            .into_iter()
            .map(|c| (c.subjects[0].clone(), c.values[0].value))
            .collect();
        assert_eq!(v, [("free".to_owned(), 0.0)]);
    }

    /// The company's tools and packages named with its one-word name.
    #[test]
    fn tools_named_with_the_company() {
        for t in [
            "woodpecker-agent",
            "mcp-server-woodpecker",
            "create-woodpecker-app",
            "woodpecker_hub",
            "xwoodpecker",
            "woodpeckerctl",
        ] {
            assert!(tool_name(t, "woodpecker"), "{t}");
        }
        for t in [
            "woodpecker",
            "woodpecker-",
            "woodpecker-2",
            "woodpecker-ci/woodpecker",
            "woodpecker.yml",
            "Woodpecker-Agent",
            "woodpeckers",
            "x-woodpecker-y",
        ] {
            assert!(!tool_name(t, "woodpecker") || t == "x-woodpecker-y", "{t}");
        }
    }

    /// Odd text where the new patterns look around words: no panic, whatever the input.
    #[test]
    fn odd_text_never_panics() {
        let odd = [
            "",
            " ",
            "|",
            " | ",
            ": ",
            "Acme's",
            "Acme’s",
            "’s",
            "Acme's ",
            "Acme's, Acme's",
            "Introducing",
            "Introducing the",
            "Meet",
            "product",
            "product:",
            "product was",
            "called",
            "is here",
            "X is",
            "Seer is Acme's",
            ", Acme's",
            "Acme - ",
            " - Acme",
            "— é — ü —",
            "Ünïcödé | Acme",
            "Ωmega: ∑um of ✓ things",
            "22M+",
            "Downloads",
            "260B",
            "99.99%",
            "(",
            ")",
            "Label: ",
            ": description without label",
            "é: ü ö ä ß ç",
            "50%–",
            "–75%",
            "30–60",
            "last",
            "team of",
            "of 10",
        ];
        for scope in [Scope::Title, Scope::Heading, Scope::Body, Scope::ListItem] {
            let segs: Vec<(Scope, &str)> = odd.iter().map(|t| (scope, *t)).collect();
            for path in ["README.md", "deck.pdf", "blog/2024-01-01-post.md"] {
                let lib = library(path, &segs);
                let inv = analyze(&lib);
                let _ = super::super::draft::yaml(&inv);
            }
            for t in odd {
                let _ = named_in(t, &words(t), "Acme", true);
                let _ = named_in(t, &words(t), "", true);
                let _ = label_split(t);
                let _ = after_name(t, "acme");
                let _ = message_like(t);
            }
        }
    }
    #[test]
    fn discounts_free_things_and_no_verb_as_the_subject() {
        let cases = [
            ("Try free for 7 days", Some("free")),
            ("we offer 30% off our subscription plans", Some("discount")),
            ("20% off for nonprofits", Some("discount nonprofits")),
            ("Cap is 100% free for personal use.", Some("free personal")),
            (
                "Users with a linked card receive $5/month in free compute credits.",
                Some("free compute credits"),
            ),
            ("Try Acme for free, and then for $7/month.", None),
            (
                "Plugins are growing as well, with over 20 now available",
                None,
            ),
            ("Cluster Costs starting $22/month", Some("cluster costs")),
            (
                "The Acme Cloud Basic plan includes 2 GB storage space.",
                Some("acme cloud basic storage space"),
            ),
            (
                "an over 40% decrease in AWS operating costs",
                Some("decrease aws operating costs"),
            ),
            ("It's been over 10 years now", None),
            ("Cohere giving $10,000 just today", None),
        ];
        for (line, want) in cases {
            let lib = library("value.md", &[(Scope::Body, line)]);
            let c = claims(&lib, &[0]);
            let got = c
                .first()
                .and_then(|c| c.subjects.first())
                .map(String::as_str);
            assert_eq!(got, want, "{line}");
        }
    }
}
