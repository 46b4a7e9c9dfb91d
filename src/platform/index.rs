//! The platform compiled once per run: one Aho-Corasick automaton over every phrase.
//!
//! Owns: the phrase table (names, variants, avoid terms, retired phrases, competitor names,
//! excluded-segment signals, the superlative lexicon and its allow-list), word-boundary and
//! URL/e-mail filtering, overlap resolution, and the "inside an approved statement" test.
//! Must not: decide severity or build diagnostics (rules do).

use super::Platform;
use crate::normalize::{Folded, fold};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// Phrase bytes up to which the automaton is a DFA (about 64 KiB of tables per 1,000 bytes).
const DFA_MAX_BYTES: usize = 16 * 1024;

/// What a phrase in the automaton stands for. The order is the priority when two entries
/// have the same text (canonical names win).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Entry {
    CompanyName,
    ProductName(usize),
    CompanyVariant(usize),
    ProductVariant(usize, usize),
    Retired(usize),
    /// The approved form of a term: shields avoid forms it contains ("Lumora Cloud" ⊃ "Cloud").
    TermUse(usize),
    TermAvoid(usize, usize),
    Competitor(usize),
    /// A customer reference the platform withdrew (`references.withdrawn`).
    Withdrawn(usize),
    IcpSignal(usize, usize),
    Superlative(usize),
    /// A phrase from the superlative allow-list ("best practice"): shields superlatives.
    SuperlativeAllow(usize),
}

impl Entry {
    /// The company's or a product's name, as written or as a listed variant.
    pub fn is_brand(self) -> bool {
        matches!(
            self,
            Entry::CompanyName
                | Entry::CompanyVariant(_)
                | Entry::ProductName(_)
                | Entry::ProductVariant(..)
        )
    }
}

/// A phrase found in folded text: `start..end` are byte offsets in `Folded::lower`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub entry: Entry,
}

impl Hit {
    /// Whether the hit opens the text that starts at `from` in `lower` (the folded text it
    /// was found in), after "the" at most: the subject of a clause ("Acme has…", "The Acme
    /// team…").
    pub fn opens(&self, lower: &str, from: usize) -> bool {
        self.start >= from && matches!(lower[from..self.start].trim(), "" | "the")
    }
}

/// The superlative lexicon shipped in `rules/superlatives.txt`.
pub const SUPERLATIVES: &str = include_str!("../../rules/superlatives.txt");

pub struct Index {
    ac: Option<AhoCorasick>,
    /// With a word table, the automaton holds only the phrases the table does not: pattern i
    /// of the automaton is phrase `ac_ids[i]`.
    ac_ids: Option<Vec<usize>>,
    /// A large platform's phrases that start with a letter or digit, by first word.
    words: Option<WordTable>,
    entries: Vec<Entry>,
    /// Per pattern: the folded form with case kept, when the entry matches only in that
    /// case (`case: exact`), and whether strictly so (a wrong form that is the name in another
    /// case: no other capitalisation of it is the wrong form either).
    exact_case: Vec<Option<(String, bool)>>,
    pub superlatives: Vec<Superlative>,
    pub allow: Vec<String>,
    /// Every approved statement, folded and reduced to words, one per line.
    approved: String,
}

/// Words only: lowercase folded text with punctuation and hyphens (but `#`, `%`, `+`, `'`) turned
/// into single spaces. Used to compare short windows against approved statements.
pub fn words_only(text: &str) -> String {
    let f = fold(text).text;
    let mut out = String::with_capacity(f.len());
    for c in f.chars() {
        // A hyphen separates words: "open-source" is "open source" here (how the approved
        // text spells it is the terms' business, not the superlative's).
        if c.is_alphanumeric() || matches!(c, '#' | '%' | '+' | '\'') {
            out.push(c);
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    out.trim_end().to_owned()
}

impl Index {
    pub fn new(p: &Platform) -> Index {
        Index::build(p, None)
    }

    /// `new`, with the choice of matcher forced (`Some(true)`: the word table for phrases
    /// that start with a letter or digit; `Some(false)`: one automaton for all), for tests
    /// that compare the two.
    pub fn build(p: &Platform, word_table: Option<bool>) -> Index {
        let mut phrases: Vec<String> = Vec::new();
        let mut entries = Vec::new();
        let mut exact_case = Vec::new();
        // One folding buffer for every phrase (a large platform has tens of thousands).
        let mut f = Folded::default();
        let mut add_cased = |text: &str, e: Entry, exact: Option<bool>| {
            crate::normalize::fold_into(&mut f, text, false);
            if !f.lower.trim().is_empty() {
                phrases.push(f.lower.trim().to_owned());
                entries.push(e);
                exact_case.push(exact.map(|strict| (f.cased.trim().to_owned(), strict)));
            }
        };
        // A wrong form that holds the name in another case ("Apache AirFlow" for Airflow)
        // is wrong only in that case: "Apache Airflow" is the name, rightly written.
        let recased = |variant: &str, name: &str| {
            let (v, n) = (variant.to_lowercase(), name.to_lowercase());
            !n.is_empty() && !variant.contains(name) && {
                let words: Vec<&str> = v.split(|c: char| !c.is_alphanumeric()).collect();
                let name_words: Vec<&str> = n.split(|c: char| !c.is_alphanumeric()).collect();
                words
                    .windows(name_words.len())
                    .any(|w| w == name_words.as_slice())
            }
        };
        // Some(strict) when the entry matches only in its case.
        let case_only = |exact: bool| exact.then_some(false);
        let exact = |e: Entry| match e {
            Entry::CompanyName => case_only(p.company.case_exact),
            Entry::CompanyVariant(i) if recased(&p.company.variants[i], &p.company.name) => {
                Some(true)
            }
            Entry::CompanyVariant(_) => case_only(p.company.case_exact),
            Entry::ProductName(i) => case_only(p.products[i].case_exact),
            Entry::ProductVariant(i, j)
                if recased(&p.products[i].variants[j], &p.products[i].name) =>
            {
                Some(true)
            }
            Entry::ProductVariant(i, _) => case_only(p.products[i].case_exact),
            Entry::TermAvoid(i, _) => case_only(p.terms[i].case_exact),
            Entry::Retired(i) => case_only(p.retired[i].case_exact),
            _ => None,
        };
        let mut add = |text: &str, e: Entry| add_cased(text, e, exact(e));
        if !p.company.name.is_empty() {
            add(&p.company.name, Entry::CompanyName);
        }
        for (i, v) in p.company.variants.iter().enumerate() {
            add(v, Entry::CompanyVariant(i));
        }
        for (i, prod) in p.products.iter().enumerate() {
            add(&prod.name, Entry::ProductName(i));
            for (j, v) in prod.variants.iter().enumerate() {
                add(v, Entry::ProductVariant(i, j));
            }
        }
        for (i, r) in p.retired.iter().enumerate() {
            add(&r.phrase, Entry::Retired(i));
            // Hyphenation folded: "Build component-driven UIs faster" is the retired "Build
            // component driven UIs faster", and "Acme On Prem" the retired "Acme On-Prem"
            // (one hyphen for a space at a time, in a phrase of at most six words).
            let spaces: Vec<usize> = r.phrase.match_indices(' ').map(|(k, _)| k).collect();
            if !spaces.is_empty() && spaces.len() < 6 {
                for &k in &spaces {
                    let mut v = r.phrase.clone();
                    v.replace_range(k..k + 1, "-");
                    add(&v, Entry::Retired(i));
                }
            }
            if r.phrase.contains('-') && r.phrase.split_whitespace().count() <= 6 {
                add(&r.phrase.replace('-', " "), Entry::Retired(i));
            }
            // A retired phrase in the other number: "managed instance" for "managed
            // instances" (a name with a capital or a digit is kept as written).
            let last = r.phrase.rsplit(' ').next().unwrap_or("");
            if r.phrase.contains(' ')
                && last.len() > 3
                && last.chars().all(|c| c.is_ascii_lowercase())
            {
                match r.phrase.strip_suffix('s') {
                    Some(one) if !one.ends_with('s') => add(one, Entry::Retired(i)),
                    Some(_) => {}
                    None => add(&format!("{}s", r.phrase), Entry::Retired(i)),
                }
            }
        }
        for (i, w) in p.references.withdrawn.iter().enumerate() {
            add(&w.name, Entry::Withdrawn(i));
        }
        for (i, t) in p.terms.iter().enumerate() {
            add(&t.use_, Entry::TermUse(i));
            for (j, a) in t.avoid.iter().enumerate() {
                add(a, Entry::TermAvoid(i, j));
            }
        }
        for (i, c) in p.competitors.iter().enumerate() {
            add(&c.name, Entry::Competitor(i));
        }
        for (i, x) in p.icp.excluded.iter().enumerate() {
            for (j, s) in x.signals.iter().enumerate() {
                add(s, Entry::IcpSignal(i, j));
            }
        }
        let (superlatives, allow) = lexicon(SUPERLATIVES);
        for (i, s) in superlatives.iter().enumerate() {
            add(&s.phrase, Entry::Superlative(i));
        }
        for (i, s) in allow.iter().enumerate() {
            add(s, Entry::SuperlativeAllow(i));
        }
        // A DFA (one table lookup per byte) while it stays small. A large platform's own
        // phrases that start with a letter or digit go in a table keyed by their first word,
        // looked up once per word of the text (a cost that does not grow with the platform,
        // where walking a large automaton for every byte does); the shipped superlative
        // lexicon and phrases that start otherwise stay in the automaton.
        let bytes: usize = phrases.iter().map(String::len).sum();
        let use_words = word_table.unwrap_or(bytes > DFA_MAX_BYTES);
        let (words, ac_ids) = if use_words {
            let mut firsts = Vec::new();
            let mut rest = Vec::new();
            for (i, ph) in phrases.iter().enumerate() {
                let first = first_word(ph);
                // The shipped lexicon stays in the automaton: its phrases start with the
                // commonest words ("the best", "the only"), which a table would compare
                // phrase by phrase at every "the"; the platform's own phrases make it large.
                let lexicon = matches!(
                    entries[i],
                    Entry::Superlative(_) | Entry::SuperlativeAllow(_)
                );
                if first.is_empty() || lexicon {
                    rest.push(i);
                } else {
                    firsts.push((first, i));
                }
            }
            (Some(WordTable::new(firsts, &phrases)), Some(rest))
        } else {
            (None, None)
        };
        let ac_phrases: Vec<&str> = match &ac_ids {
            Some(ids) => ids.iter().map(|&i| phrases[i].as_str()).collect(),
            None => phrases.iter().map(String::as_str).collect(),
        };
        let ac_bytes: usize = ac_phrases.iter().map(|s| s.len()).sum();
        let kind = (ac_bytes <= DFA_MAX_BYTES).then_some(AhoCorasickKind::DFA);
        let ac = (!ac_phrases.is_empty())
            .then(|| {
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::Standard)
                    .kind(kind)
                    .build(&ac_phrases)
                    .ok()
            })
            .flatten();
        let mut approved = String::new();
        for s in p.approved_wordings() {
            approved.push(' ');
            approved.push_str(&words_only(s));
            approved.push_str(" \n");
        }
        Index {
            ac,
            ac_ids,
            words,
            entries,
            exact_case,
            superlatives,
            allow,
            approved,
        }
    }

    /// All phrase hits in `f`, filtered and with overlaps resolved (a hit inside a longer
    /// hit is dropped; allow-list hits are removed after shielding the superlatives they
    /// cover).
    pub fn hits(&self, f: &Folded) -> Vec<Hit> {
        let text = f.lower.as_str();
        // Every occurrence of every phrase (start, end, phrase), in the order one automaton
        // over all phrases reports them: by end, longer first, then by phrase.
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        if let Some(ac) = &self.ac {
            for m in ac.find_overlapping_iter(text) {
                let i = m.pattern().as_usize();
                let id = self.ac_ids.as_ref().map_or(i, |ids| ids[i]);
                found.push((m.start(), m.end(), id));
            }
        }
        if let Some(table) = &self.words {
            table.find(text, &mut found);
            found.sort_by_key(|&(s, e, id)| (e, std::cmp::Reverse(e - s), id));
        }
        // Hits in one token share the token's verdict: computed once per token, so a
        // minified line with thousands of hits stays linear.
        let mut token: Option<(std::ops::Range<usize>, bool)> = None;
        let mut raw: Vec<Hit> = Vec::new();
        for (start, end, pattern) in found {
            if !boundary_ok(text, start, end) || in_slug(f, start, end) {
                continue;
            }
            // A phrase that holds a slash itself ("A/B testing"): only the token's text
            // outside the match can make it a path.
            let own = text[start..end].contains(['/', '_', '@', '\\']);
            let not_copy = match &token {
                _ if own => outside_not_copy(text, start, end),
                Some((r, v)) if r.start <= start && end <= r.end => *v,
                _ => {
                    let r = token_around(text, start, end);
                    let v = token_is_not_copy(text, &r)
                        && !slashed_names(f.cased.get(r.clone()).unwrap_or(""));
                    token = Some((r, v));
                    v
                }
            };
            if not_copy || glued_by_dot(text, start, end) {
                continue;
            }
            if let Some((cased, strict)) = &self.exact_case[pattern]
                && f.cased.get(start..end) != Some(cased.as_str())
                && (*strict
                    || !matches!(
                        self.entries[pattern],
                        Entry::ProductName(_) | Entry::ProductVariant(..)
                    )
                    || !miscased_name(cased, f.cased.get(start..end).unwrap_or("")))
            {
                continue;
            }
            raw.push(Hit {
                start,
                end,
                entry: self.entries[pattern],
            });
        }
        raw.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end), h.entry));
        let (shields, real): (Vec<Hit>, Vec<Hit>) = raw
            .into_iter()
            .partition(|h| matches!(h.entry, Entry::SuperlativeAllow(_)));
        // Both lists are sorted by start: a hit is inside an earlier one exactly when the
        // furthest end reached so far covers it (one pass, not a search per hit).
        let mut kept: Vec<Hit> = Vec::new();
        let mut kept_end = 0usize;
        let mut next_shield = 0usize;
        let mut shield_end = 0usize;
        for h in real {
            if !kept.is_empty() && h.end <= kept_end {
                continue;
            }
            while let Some(s) = shields.get(next_shield).filter(|s| s.start <= h.start) {
                shield_end = shield_end.max(s.end);
                next_shield += 1;
            }
            if matches!(h.entry, Entry::Superlative(_)) && next_shield > 0 && h.end <= shield_end {
                continue;
            }
            kept_end = kept_end.max(h.end);
            kept.push(h);
        }
        kept
    }

    /// Whether the superlative at `hit` sits inside an approved statement: the hit with up to
    /// three following words, or up to two preceding words, found in the approved wording
    /// (at least one neighbouring word must take part).
    pub fn in_approved_statement(&self, f: &Folded, hit: &Hit) -> bool {
        if self.approved.is_empty() {
            return false;
        }
        let core = words_only(&f.lower[hit.start..hit.end]);
        // What follows in the sentence qualifies a superlative ("the only team chat app" is
        // not "the only modern team chat app"): when words follow, they must read as
        // approved; the words before count only at the end of a sentence.
        let rest = &f.lower[hit.end..];
        // A comma or a dash ends the phrase too ("GitHub's #1 Headless CMS, powered by…").
        let stop = [". ", "! ", "? ", "|", ": ", ", ", " – ", " — "]
            .iter()
            .filter_map(|p| rest.find(p))
            .min()
            .unwrap_or(rest.len());
        let after = words_only(&rest[..stop]);
        let before = words_only(&f.lower[..hit.start]);
        let after_words: Vec<&str> = after.split(' ').filter(|w| !w.is_empty()).take(3).collect();
        let before_words: Vec<&str> = before.split(' ').filter(|w| !w.is_empty()).collect();
        let before_words = &before_words[before_words.len().saturating_sub(2)..];
        let found = |window: String| self.approved.contains(&format!(" {window} "));
        if !after_words.is_empty() {
            return found(format!("{core} {}", after_words.join(" ")));
        }
        !before_words.is_empty() && found(format!("{} {core}", before_words.join(" ")))
    }

    /// Whether folded `phrase` (a superlative's words) appears in some approved wording.
    pub fn approved_has(&self, phrase: &str) -> bool {
        !self.approved.is_empty() && self.approved.contains(&format!(" {} ", words_only(phrase)))
    }

    /// Whether the hit with the three words before it is approved wording, wherever the
    /// sentence goes on: "10x faster than Postman" in "Acme is 10x faster than Postman and
    /// 6x faster than Insomnia" when a claim states "Acme is 10x faster than Postman in
    /// terms of startup time".
    pub fn approved_with_lead(&self, f: &Folded, hit: &Hit) -> bool {
        if self.approved.is_empty() {
            return false;
        }
        let core = words_only(&f.lower[hit.start..hit.end]);
        let before = words_only(&f.lower[..hit.start]);
        let words: Vec<&str> = before.split(' ').filter(|w| !w.is_empty()).collect();
        words.len() >= 3
            && self
                .approved
                .contains(&format!(" {} {core} ", words[words.len() - 3..].join(" ")))
    }
}

/// One phrase of the superlative lexicon.
#[derive(Clone, Debug)]
pub struct Superlative {
    pub phrase: String,
    /// `+phrase`: a claim wherever it appears. Otherwise only when the sentence is about the
    /// company ("Lumora is the best …", "we are the only …").
    pub always: bool,
}

/// Parse the lexicon: one phrase per line, `# ` comments, `+phrase` for phrases that are a
/// claim anywhere, `!phrase` for the allow-list.
pub fn lexicon(text: &str) -> (Vec<Superlative>, Vec<String>) {
    let mut claims = Vec::new();
    let mut allow = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with("# ") || line == "#" {
            continue;
        }
        if let Some(a) = line.strip_prefix('!') {
            allow.push(a.trim().to_owned());
        } else if let Some(a) = line.strip_prefix('+') {
            claims.push(Superlative {
                phrase: a.trim().to_owned(),
                always: true,
            });
        } else {
            claims.push(Superlative {
                phrase: line.to_owned(),
                always: false,
            });
        }
    }
    (claims, allow)
}

/// Words that may sit between the company and its superlative: "Lumora **is simply** the
/// best", "Sourcegraph **is one of** the easiest".
const LINKING: &[&str] = &[
    "is",
    "are",
    "'s",
    "'re",
    "was",
    "were",
    "be",
    "been",
    "being",
    "as",
    "remains",
    "remain",
    "the",
    "become",
    "becomes",
    "became",
    "truly",
    "simply",
    "really",
    "now",
    "still",
    "also",
    "clearly",
    "quite",
    "arguably",
    "easily",
    "officially",
    "one",
    "of",
    "named",
    "rated",
    "ranked",
    "by",
    "far",
    "-",
    // "Acme stands out as the best choice", "Acme emerges as the leading …".
    "stands",
    "stand",
    "stood",
    "out",
    "emerges",
    "emerged",
];

/// First-person nouns that speak for the company after "our": "our platform is the best".
const OUR_NOUNS: &[&str] = &[
    "platform", "product", "products", "solution", "software", "tool", "service", "app",
];

impl Index {
    /// Whether the superlative at `hit` is said of the company: reading backwards over at
    /// most four linking words ("is", "as", "one of", "simply"…) reaches a company or product
    /// name, "we", or "our platform/product/…". "Lumora is the best help desk" and "make
    /// Lumora the best choice" are; "hire the best people" and "the best way" are not.
    pub fn about_company(&self, f: &Folded, hits: &[Hit], hit: &Hit) -> bool {
        let text = &f.lower[..hit.start];
        let mut pos = text.len();
        for _ in 0..=4 {
            let trimmed = text[..pos].trim_end_matches([' ', ',', ':', '-']);
            pos = trimmed.len();
            let is_brand = |h: &Hit| {
                h.entry.is_brand()
                    && (h.end == pos || (h.end + 2 == pos && trimmed.ends_with("'s")))
            };
            if hits.iter().any(is_brand) {
                return true;
            }
            let ws = trimmed.rfind(' ').map_or(0, |i| i + 1);
            let word = &trimmed[ws..];
            let (word, contracted) =
                match word.strip_suffix("'re").or_else(|| word.strip_suffix("'s")) {
                    Some(w) => (w, true),
                    None => (word, false),
                };
            if word == "we" {
                return true;
            }
            // "our app", not "your app": the word before is "our" itself.
            let before = trimmed[..ws].trim_end();
            if OUR_NOUNS.contains(&word)
                && before.ends_with("our")
                && before[..before.len() - 3]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric())
            {
                return true;
            }
            if contracted || !LINKING.contains(&word) || word.is_empty() {
                return false;
            }
            pos = ws;
        }
        false
    }
}

/// Phrases that start with a letter or digit, by their first word (its letters and
/// digits up to the first other character). A phrase can only be reported where a word of
/// the text starts (the boundary test drops a match that starts inside a word), and there
/// the text's word is the phrase's first word: the phrase's next character is not a letter
/// or digit, or the phrase ends there and the boundary test wants the word to end too.
#[derive(Default)]
struct WordTable {
    map: foldhash::HashMap<Box<str>, Vec<usize>>,
    phrases: Vec<Box<str>>,
    /// A Bloom filter of the first words (one bit per `word_bit` hash): most words of a
    /// text are not the first word of any phrase and cost a multiply and a bit test.
    bloom: Vec<u64>,
}

/// Per byte: 0 an ASCII character that is not a letter or digit, 1 an ASCII letter or
/// digit, 2 a byte of a non-ASCII character (decoded to decide).
const BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = if b >= 0x80 {
            2
        } else if (b as u8).is_ascii_alphanumeric() {
            1
        } else {
            0
        };
        b += 1;
    }
    t
};

/// Bits of the first-word Bloom filter (128 KiB: about 2 % false positives at 20,000
/// first words).
const BLOOM_BITS: usize = 1 << 20;

/// A cheap hash of a word for the Bloom filter: its length and first and last bytes.
fn word_bit(w: &[u8]) -> usize {
    let first = w.first().copied().unwrap_or(0) as u64;
    let second = w.get(1).copied().unwrap_or(0) as u64;
    let last = w.last().copied().unwrap_or(0) as u64;
    let before_last = w.len().checked_sub(2).map_or(0, |i| w[i] as u64);
    let key = (w.len() as u64) | first << 8 | second << 16 | last << 24 | before_last << 32;
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 44) as usize & (BLOOM_BITS - 1)
}

impl WordTable {
    fn new(firsts: Vec<(&str, usize)>, phrases: &[String]) -> WordTable {
        let mut t = WordTable {
            bloom: vec![0; BLOOM_BITS / 64],
            ..WordTable::default()
        };
        for (first, i) in firsts {
            let bit = word_bit(first.as_bytes());
            t.bloom[bit / 64] |= 1 << (bit % 64);
            t.map.entry(first.into()).or_default().push(i);
        }
        t.phrases = phrases.iter().map(|s| s.as_str().into()).collect();
        t
    }

    /// Pushes (start, end, phrase) for every phrase of the table that starts at a word start
    /// of `text`. One pass: a word is a maximal run of letters and digits (ASCII a byte at
    /// a time).
    fn find(&self, text: &str, out: &mut Vec<(usize, usize, usize)>) {
        let bytes = text.as_bytes();
        let n = bytes.len();
        // Whether the (non-ASCII) character at `i` is a letter or digit, and its length.
        let wide = |i: usize| -> (bool, usize) {
            text.get(i..)
                .and_then(|t| t.chars().next())
                .map_or((false, 1), |c| (c.is_alphanumeric(), c.len_utf8()))
        };
        let mut i = 0;
        while i < n {
            // Past everything that is not a letter or digit (ASCII a byte at a time).
            let b = bytes[i];
            if BYTE_CLASS[b as usize] == 0 {
                i += 1;
                continue;
            }
            if BYTE_CLASS[b as usize] == 2 {
                let (word, len) = wide(i);
                if !word {
                    i += len;
                    continue;
                }
            }
            let start = i;
            while i < n {
                match BYTE_CLASS[bytes[i] as usize] {
                    1 => i = crate::normalize::ascii_alnum_end(bytes, i + 1),
                    0 => break,
                    _ => {
                        let (word, len) = wide(i);
                        if !word {
                            break;
                        }
                        i += len;
                    }
                }
            }
            self.word(text, start, i, out);
        }
    }

    fn word(&self, text: &str, s: usize, e: usize, out: &mut Vec<(usize, usize, usize)>) {
        let w = &text.as_bytes()[s..e];
        let bit = word_bit(w);
        if self.bloom[bit / 64] & (1 << (bit % 64)) == 0 {
            return;
        }
        let Some(ids) = self.map.get(&text[s..e]) else {
            return;
        };
        for &id in ids {
            let phrase = &self.phrases[id];
            if text.as_bytes()[s..].starts_with(phrase.as_bytes()) {
                out.push((s, s + phrase.len(), id));
            }
        }
    }
}

/// The letters and digits at the start of `s` (ASCII a byte at a time).
fn first_word(s: &str) -> &str {
    let bytes = s.as_bytes();
    let mut end = 0;
    while end < bytes.len() {
        let b = bytes[end];
        if b < 0x80 {
            if !b.is_ascii_alphanumeric() {
                break;
            }
            end += 1;
        } else {
            match s[end..].chars().next() {
                Some(c) if c.is_alphanumeric() => end += c.len_utf8(),
                _ => break,
            }
        }
    }
    &s[..end]
}

fn prev_char(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

fn next_char(text: &str, at: usize) -> Option<char> {
    text[at..].chars().next()
}

/// A match must not start or end inside a word (only checked where the phrase itself starts
/// or ends with a letter or digit, so `#1` still matches after a space).
fn boundary_ok(text: &str, start: usize, end: usize) -> bool {
    let first = next_char(text, start);
    let last = prev_char(text, end);
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    !(word(first) && word(prev_char(text, start)) || word(last) && word(next_char(text, end)))
}

/// Longest token looked at around a match: a run of this many bytes without a space is
/// not copy (and scanning further would make a minified line quadratic).
const MAX_TOKEN: usize = 2048;

fn is_token_sep(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | ')' | '[' | ']' | '<' | '>' | '"' | '`')
}

/// The whitespace/bracket-delimited token around `start..end`, at most `MAX_TOKEN` bytes
/// each side (a longer one is reported as reaching the cap).
fn token_around(text: &str, start: usize, end: usize) -> std::ops::Range<usize> {
    let lo = crate::document::floor_char(text, start.saturating_sub(MAX_TOKEN));
    let hi = crate::document::floor_char(text, end.saturating_add(MAX_TOKEN));
    let ts = text[lo..start]
        .rfind(is_token_sep)
        .map_or(lo, |i| lo + i + 1);
    let te = text[end..hi].find(is_token_sep).map_or(hi, |i| end + i);
    ts..te
}

/// Inside a URL, an e-mail address, a file path, a code-like identifier or an overlong
/// run without spaces: the words there are not copy (`lumora.com`, `@lumora`, `help_desk`,
/// `docs/helpbot`).
fn token_is_not_copy(text: &str, r: &std::ops::Range<usize>) -> bool {
    let token = &text[r.clone()];
    let capped = (r.start > 0 && !text[..r.start].ends_with(is_token_sep))
        || (r.end < text.len() && !text[r.end..].starts_with(is_token_sep));
    if capped
        || token.contains("://")
        || token.starts_with("www.")
        || token.contains('@')
        || token.contains('_')
        || token.contains('/')
        || token.contains('\\')
    {
        return true;
    }
    // A Slack channel or hashtag (`#team-cody`), but not a ranking (`#1`).
    token.starts_with('#') && token[1..].starts_with(char::is_alphabetic)
}

/// `token_is_not_copy` for a match that holds a path character itself: the token's text
/// before and after the match decides (`docs/a/b-testing` is a path, "A/B testing" copy).
fn outside_not_copy(text: &str, start: usize, end: usize) -> bool {
    let r = token_around(text, start, end);
    let capped = (r.start > 0 && !text[..r.start].ends_with(is_token_sep))
        || (r.end < text.len() && !text[r.end..].starts_with(is_token_sep));
    let (before, after) = (&text[r.start..start], &text[end..r.end]);
    let marks = |t: &str| t.contains(['/', '_', '@', '\\']) || t.contains(':');
    capped || marks(before) || marks(after.trim_end_matches(['.', ',', ';', ':', '!', '?']))
}

/// Names joined by slashes, each a capitalised word ("Airflow/Prefect/Luigi",
/// "Intercom/Zendesk"): a list in copy, not a path (a path has a lowercase or empty part,
/// or a dot, an underscore, a colon).
fn slashed_names(token: &str) -> bool {
    let token = token.trim_end_matches([',', '.', ';', ':', '!', '?', '\'', '"']);
    let parts: Vec<&str> = token.split('/').collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            let mut c = p.chars();
            c.next().is_some_and(char::is_uppercase)
                && p.chars().all(char::is_alphanumeric)
                && p.chars().any(char::is_lowercase)
        })
}

/// Domain or file name: a dot glued to letters on either side of the match.
/// A name of several words matched only in its own case ("Code node") found with a capital
/// on a word the name writes in lowercase ("code Node", "Code Node"): ordinary words never
/// take such a capital, so this is the name mis-cased, not the words.
fn miscased_name(exact: &str, found: &str) -> bool {
    let (e, f): (Vec<&str>, Vec<&str>) = (
        exact.split_whitespace().collect(),
        found.split_whitespace().collect(),
    );
    let upper = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    e.len() >= 2
        && e.len() == f.len()
        && found.chars().any(char::is_lowercase)
        && e.iter().zip(&f).any(|(a, b)| !upper(a) && upper(b))
}

fn glued_by_dot(text: &str, start: usize, end: usize) -> bool {
    let glued = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    (text[end..].starts_with('.') && glued(next_char(text, end + 1)))
        || (text[..start].ends_with('.') && glued(prev_char(text, start - 1)))
}

/// A match glued by a hyphen into a single-case compound is part of an identifier
/// (`repo-updater`, `deploy-lumora`, `SNYK-GOLANG-…`), not copy. Mixed case ("Sub-repo",
/// "LumoraAI-powered") is prose.
fn in_slug(f: &Folded, start: usize, end: usize) -> bool {
    let text = f.lower.as_str();
    let glued_before = text[..start].ends_with('-')
        && prev_char(text, start - 1).is_some_and(char::is_alphanumeric);
    let glued_after =
        text[end..].starts_with('-') && next_char(text, end + 1).is_some_and(char::is_alphanumeric);
    if !glued_before && !glued_after {
        return false;
    }
    let r = token_around(text, start, end);
    let (ts, te) = (r.start, r.end);
    let token = &f.cased[ts..te];
    // A compound of prose: an adverb or a prefix glued before the word, one hyphen
    // ("highly-customisable", "self-hostable", "non-profit").
    let lower = &text[ts..te];
    let word = lower.trim_matches(|c: char| !c.is_alphanumeric());
    if glued_before
        && !glued_after
        && word.matches('-').count() == 1
        && let Some((left, _)) = word.split_once('-')
        && (left.len() > 3 && left.ends_with("ly")
            || matches!(
                left,
                "self"
                    | "well"
                    | "non"
                    | "multi"
                    | "cross"
                    | "co"
                    | "pre"
                    | "re"
                    | "ultra"
                    | "super"
                    | "semi"
                    | "anti"
                    | "over"
                    | "under"
                    | "fully"
                    | "highly"
            ))
    {
        return false;
    }
    !token.chars().any(char::is_uppercase) || !token.chars().any(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    #[test]
    fn miscased_names_of_several_words() {
        use super::miscased_name;
        assert!(miscased_name("Code node", "code Node"));
        assert!(miscased_name("Code node", "Code Node"));
        assert!(!miscased_name("Code node", "code node"));
        assert!(!miscased_name("Code node", "CODE NODE"));
        assert!(!miscased_name("Campaigns", "CampaIgns"));
        assert!(!miscased_name("Session Replay", "session replay"));
    }

    use super::*;
    use crate::normalize::fold_with;

    fn platform() -> Platform {
        crate::platform::parse_str(
            "company: {name: Lumora, variants: [LumoraAI]}\nproducts: [{name: Lumora Inbox}]\nterms: [{use: help desk, avoid: [helpdesk]}]\ntagline: The fastest way to answer every customer\n",
        )
        .expect("valid")
    }

    #[test]
    fn boundaries_urls_and_containment() {
        let idx = Index::new(&platform());
        let f = fold_with(
            "Lumora Inbox at lumora.com, see https://x.io/helpdesk; LumoraAIs helpdesks",
            false,
        );
        let hits = idx.hits(&f);
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert_eq!(hits[0].entry, Entry::ProductName(0));
    }

    #[test]
    fn superlative_in_approved_statement() {
        let idx = Index::new(&platform());
        let f = fold_with("Lumora is the fastest way to answer every customer.", false);
        let h = idx
            .hits(&f)
            .into_iter()
            .find(|h| matches!(h.entry, Entry::Superlative(_)))
            .expect("hit");
        assert!(idx.in_approved_statement(&f, &h));
        let f = fold_with("Lumora is the fastest help desk on earth.", false);
        let h = idx
            .hits(&f)
            .into_iter()
            .find(|h| matches!(h.entry, Entry::Superlative(_)))
            .expect("hit");
        assert!(!idx.in_approved_statement(&f, &h));
        // A rank in the approved tagline ("The #1 Open-Source CRM") is approved.
        let mut p = platform();
        p.tagline = Some("The #1 Open-Source CRM".into());
        let idx = Index::new(&p);
        for text in [
            "The #1 Open-Source CRM",
            "Acme is the #1 open-source CRM.",
            "Yes. Acme is the #1 Open Source CRM on GitHub.",
        ] {
            let f = fold_with(text, false);
            let h = idx
                .hits(&f)
                .into_iter()
                .find(|h| matches!(h.entry, Entry::Superlative(_)))
                .expect("hit");
            assert!(idx.in_approved_statement(&f, &h), "{text}");
        }
    }

    #[test]
    fn word_table_finds_what_the_automaton_finds() {
        let p = crate::platform::parse_str(
            "company: {name: Lumora, variants: [LumoraAI, Lumora.io]}\nproducts: [{name: Lumora Inbox}, {name: Café Flow}, {name: \"#1 Desk\"}]\nterms: [{use: help desk, avoid: [helpdesk, help-desk, jump-to-def, j2d, c++]}, {use: e-mail, avoid: [email]}, {use: 24/7, avoid: [24x7]}]\ncompetitors: [{name: Zendesk}, {name: Help Scout}]\nretired: [{phrase: HelpBot, replacement: Lumora Assist}]\n",
        )
        .expect("valid");
        let table = Index::build(&p, Some(true));
        let automaton = Index::build(&p, Some(false));
        assert!(table.words.is_some() && automaton.words.is_none());
        let mut total = 0;
        for text in [
            "Lumora Inbox beats Zendesk and Help Scout, the #1 Desk for café flow teams.",
            "LumoraAI's helpdesk (help-desk) is the best, fastest and only help desk 24x7.",
            "See lumora.io/helpdesk or mail help@lumora.com; jump-to-def and j2d in c++ code.",
            "HelpBot, HelpBots, helpbot-like, Lumora InboxLumora, LumoraLumora Inbox.",
            "Café Flow, CAFÉ FLOW, cafe flow, e-mail, email, emails — the most powerful, world's best.",
            "",
            "Ω Lumora Inbox ΩLumora élan Zendesk1 Zendesk",
        ] {
            let f = fold_with(text, false);
            let hits = table.hits(&f);
            assert_eq!(hits, automaton.hits(&f), "{text}");
            total += hits.len();
        }
        assert!(
            total >= 20,
            "{total} hits: the texts should exercise the matchers"
        );
    }
}
