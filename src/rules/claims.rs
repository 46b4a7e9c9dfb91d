//! Claims and numbers, compiled once per run: approved claims with their unit, approved
//! statements with their quantities and content stems, for `claim-mismatch`,
//! `message-drift` and the size half of `off-icp`.
//!
//! Must not: report (the rule files do).

use crate::normalize::fold;
use crate::numbers::{Qual, Quantity, Unit, scan};
use crate::platform::{Platform, Qualifier};
use foldhash::{HashMap, HashMapExt, HashSet};
use std::collections::BTreeMap;

pub struct CompiledClaim {
    pub index: usize,
    /// Superseded values, at the scale the statement writes the value.
    pub superseded: Vec<f64>,
    pub subjects: Vec<String>,
    pub value: f64,
    pub unit: Unit,
    /// The approved range when the statement gives one ("50%–75% faster").
    pub range: Option<(f64, f64)>,
    /// The folded statement with its one figure written `#` ("get results up to # faster"),
    /// when it has exactly one and enough words around it to be recognised: copy that
    /// repeats the statement with another figure states this claim.
    pub masked: Option<String>,
    /// The plan the statement is labelled for ("Pro: 20,000 audit logs / month" → "pro"),
    /// folded lowercase without " plan": one to three words without a digit before ": ".
    pub plan: Option<String>,
}

fn plan_label(statement: &str) -> Option<String> {
    let (label, _) = statement.split_once(": ")?;
    if !(1..=3).contains(&label.split_whitespace().count())
        || label.chars().any(|c| c.is_ascii_digit())
    {
        return None;
    }
    let l = fold(label).text.to_lowercase();
    let l = l.trim();
    let l = l.strip_suffix(" plan").unwrap_or(l).trim();
    (!l.is_empty()).then(|| l.to_owned())
}

/// `text` with each quantity written `#`, trimmed of a sentence end.
pub fn mask(text: &str, quantities: &[Quantity]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for q in quantities {
        if q.start < at || q.end > text.len() {
            continue;
        }
        out.push_str(&text[at..q.start]);
        out.push('#');
        at = q.end;
    }
    out.push_str(&text[at..]);
    out.trim().trim_end_matches(['.', '!']).trim().to_owned()
}

pub struct CompiledStatement {
    /// `tagline`, `value_props[0]`…
    pub platform_ref: String,
    pub text: String,
    /// Distinct content stems.
    pub stems: HashSet<String>,
    pub quantities: Vec<Quantity>,
    /// Folded approved wordings (statement and variants) that never fire.
    pub approved: Vec<String>,
}

/// Function words and number words (numbers are compared as quantities), left out of
/// content stems. A `match` compiles to a length switch and a few byte compares.
pub fn is_stop_word(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "the"
            | "and"
            | "or"
            | "of"
            | "to"
            | "in"
            | "on"
            | "for"
            | "with"
            | "by"
            | "your"
            | "our"
            | "we"
            | "you"
            | "is"
            | "are"
            | "be"
            | "it"
            | "its"
            | "at"
            | "as"
            | "that"
            | "this"
            | "into"
            | "from"
            | "all"
            | "every"
            | "not"
            | "than"
            | "more"
            | "less"
            | "up"
            | "over"
            | "under"
            | "about"
            | "their"
            | "them"
            | "they"
            | "us"
            | "one"
            | "two"
            | "three"
            | "four"
            | "five"
            | "six"
            | "seven"
            | "eight"
            | "nine"
            | "ten"
            | "half"
            | "quarter"
            | "third"
            | "twice"
            | "double"
            | "dozen"
            | "hundred"
            | "thousand"
            | "million"
            | "billion"
    )
}

/// A light, deterministic English stemmer: enough to match "resolves"/"resolve",
/// "automatically"/"automatic", "tickets"/"ticket".
pub fn stem(w: &str) -> String {
    let mut s = String::new();
    stem_into(w, &mut s);
    s
}

/// `stem` into a buffer the caller reuses (no allocation per word once it has grown).
pub fn stem_into(w: &str, s: &mut String) {
    s.clear();
    s.push_str(w.trim_matches('\''));
    for suf in [
        "ically", "ally", "ation", "ingly", "ing", "edly", "ed", "ly", "ies", "es", "s", "ic",
    ] {
        if s.len() > suf.len() + 3 && s.ends_with(suf) {
            s.truncate(s.len() - suf.len());
            if suf == "ies" {
                s.push('y');
            }
            break;
        }
    }
    if s.len() > 4 && s.ends_with('e') {
        s.pop();
    }
}

/// The words `stems` stems: content words (no stop words, no bare numbers).
pub fn content_words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty() && !is_stop_word(w) && !w.chars().all(|c| c.is_ascii_digit()))
}

/// Content stems of folded text (numbers and stop words left out).
pub fn stems(folded: &str) -> Vec<String> {
    content_words(folded).map(stem).collect()
}

pub struct Compiled {
    pub claims: Vec<CompiledClaim>,
    pub statements: Vec<CompiledStatement>,
    /// Per boilerplate: folded text and its set of content stems.
    pub boilerplate: Vec<(String, HashSet<String>)>,
    /// Every stem of every boilerplate: a segment sharing few of them is skipped at once.
    pub boilerplate_stems: foldhash::HashSet<String>,
    /// Every word of every boilerplate, unstemmed, for a cheaper first filter.
    pub boilerplate_words: foldhash::HashSet<String>,
    /// Folded wordings for `missing-message`: tagline, one-liner, and per value prop /
    /// differentiator its wordings and keywords.
    pub tagline: Option<String>,
    pub one_liner: Option<String>,
    pub value_props: Vec<(Vec<String>, Vec<String>)>,
    pub differentiators: Vec<(Vec<String>, Vec<String>)>,
    /// stem → indexes of the statements (with numbers) that contain it: `message-drift`
    /// counts shared stems through it, so cost follows the text, not the platform.
    pub stem_index: HashMap<String, Vec<usize>>,
    /// Named promises of the statements: their proper nouns (a capitalised word that does not
    /// start the statement: "Shopify", "BigCommerce"), folded; pattern i belongs to
    /// `key_term_statement[i]`.
    pub key_terms: Option<aho_corasick::AhoCorasick>,
    pub key_term_text: Vec<String>,
    pub key_term_statement: Vec<usize>,
    /// A statement's promise told in a closed class of words ("in seconds", "with zero
    /// configuration", "nearly any", "a minimal learning curve"): one automaton over the
    /// words just before each promise; pattern i is `promises[i]`'s.
    pub promise_leads: Option<aho_corasick::AhoCorasick>,
    pub promises: Vec<Promise>,
    /// One automaton over every claim subject; pattern i is `subject_claim[i]`'s.
    pub subjects: Option<aho_corasick::AhoCorasick>,
    pub subject_claim: Vec<usize>,
    /// Statements that must appear verbatim (tagline, one-liner, descriptions, `exact`).
    pub exact: NearIndex,
    /// Retired statements (`retired[].statement`); `platform_ref` is `retired[i]`.
    pub retired: NearIndex,
    /// Every approved wording (statements, variants, claims, boilerplate, descriptions),
    /// folded, one per line: a sentence found inside is approved and never drifts.
    pub approved_text: String,
    /// The whitespace-separated tokens of `approved_text`: a sentence whose inner tokens are
    /// not all among them cannot be inside it (a cheap test before the substring search).
    pub approved_tokens: foldhash::HashSet<String>,
}

/// One promise of a statement: the words before it, the promise's own words, the words after.
pub struct Promise {
    pub statement: usize,
    pub promise: Vec<String>,
    pub after: Vec<String>,
}

/// Words that state how much a promise gives: times, amounts, magnitudes and how widely.
pub fn promise_word(w: &str) -> bool {
    matches!(
        w,
        "second"
            | "seconds"
            | "minute"
            | "minutes"
            | "hour"
            | "hours"
            | "day"
            | "days"
            | "week"
            | "weeks"
            | "month"
            | "months"
            | "year"
            | "years"
            | "zero"
            | "minimal"
            | "single"
            | "one"
            | "two"
            | "three"
            | "four"
            | "five"
            | "ten"
            | "hundreds"
            | "thousands"
            | "millions"
            | "billions"
            | "dozens"
            | "nearly"
            | "almost"
            | "any"
            | "every"
            | "all"
    )
}

/// The promises of one folded statement: each run of promise words (an article inside it:
/// "in a day"), with up to three words before it and after it in the same clause, at least
/// four in all and one on each side.
fn promises_of(folded: &str) -> Vec<(Vec<String>, Vec<String>, Vec<String>)> {
    let mut out = Vec::new();
    for clause in folded.split([',', ';', ':', '.', '!', '?', '(', ')', '—', '–']) {
        let words: Vec<&str> = clause
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'')))
            .filter(|w| !w.is_empty())
            .collect();
        let mut i = 0;
        while i < words.len() {
            if !promise_word(words[i]) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < words.len()
                && (promise_word(words[j])
                    || (matches!(words[j], "a" | "an")
                        && words.get(j + 1).is_some_and(|w| promise_word(w))))
            {
                j += 1;
            }
            // "in a day": the article before the run is the promise's too.
            let start = if i > 0 && matches!(words[i - 1], "a" | "an") {
                i - 1
            } else {
                i
            };
            let before = &words[start.saturating_sub(3)..start];
            let after = &words[j..(j + 3).min(words.len())];
            if !before.is_empty() && !after.is_empty() && before.len() + after.len() >= 4 {
                let own = |ws: &[&str]| ws.iter().map(|w| (*w).to_owned()).collect::<Vec<_>>();
                out.push((own(before), own(&words[start..j]), own(after)));
            }
            i = j;
        }
    }
    out
}

/// Approved or retired wordings recognised by similarity (shared content stems): exact
/// statements (tagline, one-liner, descriptions, `exact: true`), retired statements.
pub struct NearText {
    pub platform_ref: String,
    pub text: String,
    /// Folded, without its final full stop.
    pub folded: String,
    pub stems: HashSet<String>,
    /// The wording is two sentences or more ("Every Metric, Every Second. No BS.").
    pub several_sentences: bool,
}

#[derive(Default)]
pub struct NearIndex {
    pub items: Vec<NearText>,
    stem_index: HashMap<String, Vec<usize>>,
    /// Every stem, for a cheap test at word starts before stemming a segment.
    prefilter: Option<aho_corasick::AhoCorasick>,
    /// Pattern i of the prefilter → the items with that stem.
    prefilter_items: Vec<Vec<usize>>,
}

impl NearIndex {
    pub fn new(items: Vec<NearText>) -> NearIndex {
        let mut stem_index: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, it) in items.iter().enumerate() {
            for w in &it.stems {
                stem_index.entry(w.clone()).or_default().push(i);
            }
        }
        let mut keys: Vec<&String> = stem_index.keys().filter(|k| k.len() >= 3).collect();
        keys.sort();
        let prefilter_items = keys.iter().map(|k| stem_index[*k].clone()).collect();
        let prefilter = (!keys.is_empty())
            .then(|| {
                aho_corasick::AhoCorasickBuilder::new()
                    .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                    .build(keys)
                    .ok()
            })
            .flatten();
        NearIndex {
            items,
            stem_index,
            prefilter,
            prefilter_items,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Short items (under six words) whose content stems all appear in `sentence` within a
    /// window of their word count plus two: "open-source alternative to Calendly" for
    /// "open-source Calendly alternative".
    pub fn scattered(&self, sentence: &str) -> Option<(usize, std::ops::Range<usize>)> {
        let words: Vec<(usize, &str)> = word_spans(sentence);
        let stemmed: Vec<String> = words.iter().map(|(_, w)| stem(w)).collect();
        for (i, it) in self.items.iter().enumerate() {
            let n = it.folded.split_whitespace().count();
            if n >= 6 {
                continue;
            }
            let width = n + 2;
            for start in 0..stemmed.len() {
                let end = (start + width).min(stemmed.len());
                if !it.stems.contains(&stemmed[start]) {
                    continue;
                }
                if it.stems.iter().all(|s| stemmed[start..end].contains(s)) {
                    let last = (start..end)
                        .rev()
                        .find(|&k| it.stems.contains(&stemmed[k]))
                        .unwrap_or(start);
                    let (a, _) = words[start];
                    let (b, w) = words[last];
                    return Some((i, a..b + w.len()));
                }
            }
        }
        None
    }

    /// Whether folded `text` may restate an item: it has, at word starts, at least half of
    /// some item's stems (and two). Every later test needs that many shared stems.
    pub fn wants(&self, text: &str) -> bool {
        let Some(ac) = &self.prefilter else {
            return false;
        };
        let mut seen: Vec<usize> = Vec::new();
        for m in ac.find_iter(text) {
            if text[..m.start()]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            let p = m.pattern().as_usize();
            if !seen.contains(&p) {
                seen.push(p);
            }
        }
        if seen.len() < 2 {
            return false;
        }
        let mut counts: HashMap<usize, usize> = HashMap::new();
        for p in seen {
            for &i in &self.prefilter_items[p] {
                *counts.entry(i).or_default() += 1;
            }
        }
        counts
            .into_iter()
            .any(|(i, n)| n >= 2 && n * 2 >= self.items[i].stems.len())
    }

    /// The item `sentence` restates, by shared content stems (see `near`) or, for wordings
    /// that keep their shape, by words in order: the longest common subsequence of the
    /// stemmed words is at least `order` of the item's words, the lengths are within a
    /// factor of 1.5, and two content stems are shared ("Scheduling infrastructure for every
    /// team." for "Scheduling infrastructure for absolutely everyone.").
    pub fn near_or_ordered(
        &self,
        sentence: &str,
        cover: f64,
        jaccard: f64,
        order: f64,
    ) -> Option<usize> {
        if let Some(i) = self.near(sentence, cover, jaccard) {
            return Some(i);
        }
        let mine = word_stems(sentence);
        if mine.len() < 3 {
            return None;
        }
        let sent: HashSet<String> = stems(sentence).into_iter().collect();
        let mut candidates: Vec<usize> = sent
            .iter()
            .flat_map(|w| self.stem_index.get(w).into_iter().flatten().copied())
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        candidates.into_iter().find(|&i| {
            let it = &self.items[i];
            let theirs = word_stems(&it.folded);
            let (a, b) = (theirs.len() as f64, mine.len() as f64);
            let shared = it.stems.iter().filter(|w| sent.contains(*w)).count();
            // Content words in order too: "Lumora is the best help desk for Shopify
            // stores" keeps the frame of "Lumora is the help desk for growing e-commerce
            // brands" but not its content.
            let content = |v: &[String]| -> Vec<String> {
                v.iter().filter(|w| !is_stop_word(w)).cloned().collect()
            };
            let (tc, mc) = (content(&theirs), content(&mine));
            let common = lcs(&theirs, &mine);
            // The wording cut short: every word of the sentence is the wording's, in order,
            // its opening (first three words) kept, with at least half of it ("Open-source
            // headless CMS: you're in control." for "Open-source headless CMS, self-hosted or
            // Cloud you're in control."; a description without its last clause; not a title
            // that keeps the name and the audience, "Lumora for growing e-commerce brands").
            let cut_short = common == mine.len()
                && mine.len() >= 4
                && mine.len() * 2 >= theirs.len()
                && mine[..3] == theirs[..3];
            shared >= 2
                && theirs.len() >= 3
                && (cut_short
                    || (b <= a * 1.5
                        && a <= b * 1.5
                        && common as f64 >= order * a
                        && lcs(&tc, &mc) * 2 >= tc.len()))
        })
    }

    /// The item `sentence` restates: it covers at least `cover` of the item's stems and the
    /// shared stems are at least `jaccard` of both sets' union. Best match first.
    pub fn near(&self, sentence: &str, cover: f64, jaccard: f64) -> Option<usize> {
        let sent: HashSet<String> = stems(sentence).into_iter().collect();
        let mut shared: BTreeMap<usize, usize> = BTreeMap::new();
        for w in &sent {
            for &i in self.stem_index.get(w).into_iter().flatten() {
                *shared.entry(i).or_default() += 1;
            }
        }
        shared
            .into_iter()
            .filter(|&(i, n)| {
                let own = self.items[i].stems.len();
                let union = own + sent.len() - n;
                n >= 2 && n as f64 >= cover * own as f64 && n as f64 >= jaccard * union as f64
            })
            .max_by_key(|&(i, n)| (n * 1000 / self.items[i].stems.len().max(1), usize::MAX - i))
            .map(|(i, _)| i)
    }
}

/// Words of folded text with their byte offsets.
pub fn word_spans(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let w = c.is_alphanumeric() || c == '\'';
        match (w, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

/// Every word of folded text, stemmed, in order (stop words kept).
pub fn word_stems(folded: &str) -> Vec<String> {
    folded
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(stem)
        .collect()
}

/// Length of the longest common subsequence of two word lists.
pub fn lcs(a: &[String], b: &[String]) -> usize {
    if a.len() > 64 || b.len() > 64 {
        return 0;
    }
    let mut prev = vec![0usize; b.len() + 1];
    for x in a {
        let mut cur = vec![0usize; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                prev[j + 1].max(cur[j])
            };
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Words and punctuation of folded text, a run of punctuation as one `|`, with `|` at both
/// ends: the wording as written, for a verbatim test that respects its boundaries.
/// "an" is "a": an article slip ("Acme is an Fair Source chatbot builder") keeps the wording.
fn article(word: String) -> String {
    if word == "an" { "a".to_owned() } else { word }
}

pub fn wording_tokens(folded: &str) -> Vec<String> {
    let mut out = vec!["|".to_owned()];
    let mut word = String::new();
    let mut prev_space = true;
    for c in folded.chars() {
        let was_space = prev_space;
        prev_space = c.is_whitespace();
        if c.is_alphanumeric() || c == '\'' || c == '%' || c == '+' {
            word.push(c);
            continue;
        }
        let prev_space = was_space;
        if !word.is_empty() {
            out.push(article(std::mem::take(&mut word)));
        }
        // A hyphen inside a word joins it ("self-driving"); one standing alone is a dash.
        let dash = c == '-' && prev_space;
        if !c.is_whitespace() && (c != '-' || dash) && out.last().is_some_and(|l| l != "|") {
            out.push("|".to_owned());
        }
    }
    if !word.is_empty() {
        out.push(article(word));
    }
    if out.last().is_some_and(|l| l != "|") {
        out.push("|".to_owned());
    }
    // A serial comma is the same wording without it: "wikis, and teams", "wikis and teams".
    let mut k = 1;
    while k + 1 < out.len() {
        if out[k] == "|" && matches!(out[k + 1].as_str(), "and" | "or") {
            out.remove(k);
        } else {
            k += 1;
        }
    }
    out
}

/// Whether `wording` appears in `text` as written: its words in order, starting and ending
/// at punctuation or the ends of `text` (so "build in a weekend. scale to millions" is not in
/// "build in a weekend, scale to millions of users").
pub fn states_verbatim(text: &str, wording: &str) -> bool {
    // An aside in parentheses the wording does not have ("Deno (/ˈdiːnoʊ/, pronounced
    // dee-no) is a …") is read past.
    if text.contains('(') && !wording.contains('(') {
        let bare = without_asides(text);
        if bare.len() < text.len() && states_verbatim(&bare, wording) {
            return true;
        }
    }
    let (t, w) = (wording_tokens(text), wording_tokens(wording));
    if w.len() <= 2 {
        return false;
    }
    if t.windows(w.len()).any(|x| x == w.as_slice()) {
        return true;
    }
    // A long wording (six words or more) found whole at the end of a longer line ("Building
    // Acme - a secure, open source workspace for wikis and projects"): the wording, framed.
    let inner = &w[1..];
    if inner.iter().filter(|x| *x != "|").count() >= 6 && t.windows(inner.len()).any(|x| x == inner)
    {
        return true;
    }
    // A wording that names a thing ("The #1 Open-Source CRM") said of the company as its
    // predicate, whole: "Acme is the #1 Open-Source CRM", "… on GitHub".
    if matches!(w[1].as_str(), "the" | "a" | "an") {
        let body = match inner.last() {
            Some(l) if l == "|" => &inner[..inner.len() - 1],
            _ => inner,
        };
        if t.windows(body.len() + 1)
            .any(|x| matches!(x[0].as_str(), "is" | "are") && &x[1..] == body)
        {
            return true;
        }
    }
    // A compound split or joined differently: a PDF line that ends inside "open-source"
    // loses its hyphen when the lines are joined ("opensource"), and "open source" and
    // "open-source" are the same words. Compared with the words run together between the
    // same clause marks.
    let squash = |v: &[String]| v.concat();
    squash(&t).contains(&squash(&w))
}

/// `text` without its parenthesised asides (one level; an unclosed parenthesis is kept).
fn without_asides(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    let mut held = String::new();
    for c in text.chars() {
        match c {
            '(' => {
                depth += 1;
                held.push(c);
            }
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    held.clear();
                } else {
                    held.push(c);
                }
            }
            _ if depth > 0 => held.push(c),
            _ => out.push(c),
        }
    }
    out.push_str(&held);
    out
}

/// Whether `wording`, a definition ("n8n is a fair-code licensed workflow automation
/// platform that…"), appears in `text` as an appositive: its subject, a comma, and the rest
/// word for word ("This is the documentation for n8n, a fair-code licensed workflow
/// automation platform that…"). The same words with the copula set as a comma: verbatim.
pub fn states_as_appositive(text: &str, wording: &str) -> bool {
    let w = wording_tokens(wording);
    // "| subject… is rest… |": the subject is at most four words before the first "is"/"are".
    let Some(k) = w.iter().take(6).position(|t| t == "is" || t == "are") else {
        return false;
    };
    if k < 2 || w[1..k].iter().any(|t| t == "|") || w.len() < k + 4 {
        return false;
    }
    let mut needle: Vec<String> = w[1..k].to_vec();
    needle.push("|".to_owned());
    needle.extend_from_slice(&w[k + 1..]);
    let t = wording_tokens(text);
    t.windows(needle.len()).any(|x| x == needle.as_slice())
}

/// Whether `text` is, whole, what a definition (`wording`: "Acme is an open-source API
/// development ecosystem") says its subject is, without the article: "Open Source API
/// Development Ecosystem" as a subtitle is the category the wording names, not a
/// restatement of it.
pub fn states_its_predicate(text: &str, wording: &str) -> bool {
    let w = wording_tokens(wording);
    let Some(k) = w.iter().take(6).position(|t| t == "is" || t == "are") else {
        return false;
    };
    let mut rest = &w[k + 1..];
    if rest
        .first()
        .is_some_and(|t| matches!(t.as_str(), "a" | "an" | "the"))
    {
        rest = &rest[1..];
    }
    // Three words at least, and one clause: the category, not a sentence.
    if rest.iter().filter(|t| *t != "|").count() < 3
        || rest[..rest.len() - 1].contains(&"|".to_owned())
    {
        return false;
    }
    let t = wording_tokens(text);
    t.len() == rest.len() + 1 && t[1..] == *rest
}

fn near_text(platform_ref: String, text: &str) -> NearText {
    let folded = fold(text).text;
    let folded = folded.trim().trim_end_matches(['.', '!']).trim().to_owned();
    NearText {
        platform_ref,
        text: text.to_owned(),
        stems: stems(&folded).into_iter().collect(),
        several_sentences: sentences(&folded).len() > 1,
        folded,
    }
}

/// A claim subject found in a segment: (index into `Compiled::claims`, start, end).
pub type SubjectHit = (usize, usize, usize);

impl Compiled {
    /// Whether folded `sentence` (three words or more) is approved wording as it stands: part
    /// of a statement, a variant, a claim, the boilerplate or a description.
    pub fn approved_sentence(&self, sentence: &str) -> bool {
        let s = sentence
            .trim()
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '%' && c != '+');
        let tokens: Vec<&str> = s.split_whitespace().collect();
        if tokens.len() < 3 {
            return false;
        }
        // Inner tokens of a substring are whole tokens of the text it is in; the first and
        // last may be cut.
        tokens[1..tokens.len() - 1]
            .iter()
            .all(|t| self.approved_tokens.contains(*t))
            && self.approved_text.contains(s)
    }

    /// The distinct stems of folded `sentence` that some statement has (keys of
    /// `stem_index`), without allocating a string per word.
    pub fn indexed_stems<'a>(&'a self, sentence: &str) -> Vec<&'a str> {
        let mut keys: Vec<&str> = Vec::new();
        let mut buf = String::new();
        for w in content_words(sentence) {
            stem_into(w, &mut buf);
            if let Some((k, _)) = self.stem_index.get_key_value(buf.as_str())
                && !keys.contains(&k.as_str())
            {
                keys.push(k.as_str());
            }
        }
        keys
    }

    /// The statement (index) a folded sentence restates: it shares at least 70% (and two) of
    /// the statement's content stems. Only statements with numbers are indexed.
    pub fn restated(&self, sentence: &str) -> Option<usize> {
        if self.stem_index.is_empty() {
            return None;
        }
        let mut shared: std::collections::BTreeMap<usize, usize> = Default::default();
        for k in self.indexed_stems(sentence) {
            for &i in &self.stem_index[k] {
                *shared.entry(i).or_default() += 1;
            }
        }
        shared
            .into_iter()
            .find(|&(i, n)| n >= 2 && n * 10 >= self.statements[i].stems.len() * 7)
            .map(|(i, _)| i)
    }

    /// The claims a stat's or a card's label names: a subject in it, or the label is a
    /// plan's name without its "plan" ("Pro" over "€6.99/month" for the subject "Pro plan"),
    /// as pricing cards write them.
    pub fn label_claims(&self, label: &str) -> Vec<usize> {
        let mut out: Vec<usize> = self.subject_hits(label).iter().map(|h| h.0).collect();
        let label = label.trim();
        if !label.is_empty() {
            for (ci, c) in self.claims.iter().enumerate() {
                let plan = c.subjects.iter().any(|s| {
                    [" plan", " tier", " edition"]
                        .iter()
                        .any(|p| s.strip_suffix(p) == Some(label))
                });
                if plan && !out.contains(&ci) {
                    out.push(ci);
                }
            }
        }
        out
    }

    /// Every claim subject in folded `text`, on word boundaries, in one pass.
    pub fn subject_hits(&self, text: &str) -> Vec<SubjectHit> {
        let Some(ac) = &self.subjects else {
            return Vec::new();
        };
        ac.find_overlapping_iter(text)
            .filter(|m| {
                text[..m.start()]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric())
                    && text[m.end()..]
                        .chars()
                        .next()
                        .is_none_or(|c| !c.is_alphanumeric())
            })
            .map(|m| {
                (
                    self.subject_claim[m.pattern().as_usize()],
                    m.start(),
                    m.end(),
                )
            })
            .collect()
    }
}

/// An automaton over a rule's own patterns (claim subjects, statements' names): a DFA, one
/// table lookup per byte, while the patterns are few enough to build it in well under a
/// millisecond; the default kind above that.
fn small_automaton<P: AsRef<[u8]>>(patterns: &[P]) -> Option<aho_corasick::AhoCorasick> {
    let bytes: usize = patterns.iter().map(|p| p.as_ref().len()).sum();
    aho_corasick::AhoCorasickBuilder::new()
        .kind((bytes <= 4096).then_some(aho_corasick::AhoCorasickKind::DFA))
        .build(patterns)
        .ok()
}

impl Compiled {
    pub fn new(p: &Platform) -> Compiled {
        let claims: Vec<CompiledClaim> = p
            .claims
            .iter()
            .enumerate()
            .filter_map(|(index, c)| {
                let value = c.value?;
                let folded = fold(&c.statement).text;
                // The statement may write the value with a magnitude ("$12m" for 12).
                // The quantity that states the value; else a percentage in it. A statement
                // of two figures ("~5% CPU and 150MiB RAM") has a claim for each: the RAM
                // claim's is 150, not the 5% before it.
                let mut scale = 1.0;
                let quantities = scan(&folded);
                let found = quantities
                    .iter()
                    .find(|q| {
                        // Sizes are in bytes: "150MiB" for `value: 150` is 150 × 2^20.
                        // Durations are in days: "six months" for `value: 6` is 6 × 30.
                        const K: f64 = 1024.0;
                        const SCALES: [f64; 9] =
                            [1.0, 1e3, 1e6, 1e9, 1e12, K, K * K, K * K * K, K * K * K * K];
                        const DAYS: [f64; 6] = [1.0, 1.0 / 24.0, 7.0, 30.0, 91.0, 365.0];
                        // Minutes, seconds, hours, milliseconds.
                        const MINUTES: [f64; 4] = [1.0, 1.0 / 60.0, 60.0, 1.0 / 60_000.0];
                        let scales: &[f64] = match q.unit {
                            Unit::Days => &DAYS,
                            Unit::Minutes => &MINUTES,
                            _ => &SCALES,
                        };
                        scales.iter().any(|&m| {
                            let hit = (q.value - value * m).abs() < 1e-6 * m
                                || q.hi.is_some_and(|h| (h - value * m).abs() < 1e-6 * m);
                            if hit {
                                scale = m;
                            }
                            hit
                        })
                    })
                    .or_else(|| quantities.iter().find(|q| q.unit == Unit::Percent))
                    .cloned();
                let value = value * scale;
                let masked = (quantities.len() == 1)
                    .then(|| mask(&folded, &quantities))
                    .filter(|m| m.split_whitespace().count() >= 6);
                let unit = found.as_ref().map_or(Unit::Plain, |q| q.unit);
                let range = found.and_then(|q| q.hi.map(|h| (q.value, h)));
                Some(CompiledClaim {
                    index,
                    superseded: c.superseded.iter().map(|v| v * scale).collect(),
                    subjects: c
                        .subject
                        .iter()
                        .map(|s| fold(s).text)
                        .filter(|s| !s.is_empty())
                        .collect(),
                    value,
                    unit,
                    range,
                    masked,
                    plan: plan_label(&c.statement),
                })
            })
            .collect();
        let mut statements = Vec::new();
        let mut add = |r: String, text: &str, variants: &[String]| {
            let folded = fold(text).text;
            statements.push(CompiledStatement {
                platform_ref: r,
                text: text.to_owned(),
                stems: stems(&folded).into_iter().collect(),
                quantities: scan(&folded),
                approved: std::iter::once(text)
                    .chain(variants.iter().map(String::as_str))
                    .map(|t| fold(t).text.trim_end_matches(['.', '!']).to_owned())
                    .collect(),
            });
        };
        if let Some(t) = &p.tagline {
            add("tagline".into(), t, &[]);
        }
        if let Some(t) = &p.one_liner {
            add("one_liner".into(), t, &[]);
        }
        for (i, m) in p.value_props.iter().enumerate() {
            add(format!("value_props[{i}]"), &m.statement, &m.variants);
        }
        for (i, m) in p.differentiators.iter().enumerate() {
            add(format!("differentiators[{i}]"), &m.statement, &m.variants);
        }
        let boilerplate: Vec<(String, HashSet<String>)> = p
            .boilerplate
            .iter()
            .map(|b| {
                let f = fold(&b.text).text.trim().to_owned();
                let st = stems(&f).into_iter().collect();
                (f, st)
            })
            .collect();
        let boilerplate_stems = boilerplate
            .iter()
            .flat_map(|(_, s)| s.iter().cloned())
            .collect();
        let boilerplate_words = boilerplate
            .iter()
            .flat_map(|(t, _)| {
                t.split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(str::to_owned)
            })
            .collect();
        let wording = |t: &str| fold(t).text.trim_end_matches(['.', '!']).trim().to_owned();
        let messages = |list: &[crate::platform::Message]| -> Vec<(Vec<String>, Vec<String>)> {
            list.iter()
                .map(|m| {
                    (
                        std::iter::once(&m.statement)
                            .chain(&m.variants)
                            .map(|s| wording(s))
                            .collect(),
                        m.keywords.iter().map(|k| fold(k).text).collect(),
                    )
                })
                .collect()
        };
        let mut stem_index: HashMap<String, Vec<usize>> = Default::default();
        for (i, st) in statements
            .iter()
            .enumerate()
            .filter(|(_, st)| !st.quantities.is_empty())
        {
            for w in &st.stems {
                stem_index.entry(w.clone()).or_default().push(i);
            }
        }
        let mut key_term_text = Vec::new();
        let mut key_term_statement = Vec::new();
        for (i, st) in statements.iter().enumerate() {
            // A Title Case statement has no telling capitals.
            let words: Vec<&str> = st.text.split_whitespace().collect();
            let caps = words
                .iter()
                .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
                .count();
            if caps * 2 > words.len() {
                continue;
            }
            for w in st.text.split_whitespace().skip(1) {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                if w.len() > 2
                    && w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars().any(char::is_lowercase)
                {
                    key_term_text.push(fold(w).text);
                    key_term_statement.push(i);
                }
            }
        }
        let key_terms = (!key_term_text.is_empty())
            .then(|| small_automaton(&key_term_text))
            .flatten();
        let mut promise_lead_text = Vec::new();
        let mut promises = Vec::new();
        for (i, st) in statements.iter().enumerate() {
            for (before, promise, after) in promises_of(&fold(&st.text).text) {
                promise_lead_text.push(before.join(" "));
                promises.push(Promise {
                    statement: i,
                    promise,
                    after,
                });
            }
        }
        let promise_leads = (!promise_lead_text.is_empty())
            .then(|| small_automaton(&promise_lead_text))
            .flatten();
        let mut patterns = Vec::new();
        let mut subject_claim = Vec::new();
        for (ci, c) in claims.iter().enumerate() {
            for sub in &c.subjects {
                patterns.push(sub.clone());
                subject_claim.push(ci);
                // "of the top 10 banks" also as "top 10 banks": the leading function words
                // belong to the platform's sentence, not to the subject.
                let mut core = sub.as_str();
                while let Some((first, rest)) = core.split_once(' ') {
                    if !matches!(
                        first,
                        "of" | "the" | "in" | "a" | "an" | "for" | "to" | "by"
                    ) {
                        break;
                    }
                    core = rest;
                }
                if core != sub && !core.is_empty() {
                    patterns.push(core.to_owned());
                    subject_claim.push(ci);
                }
            }
        }
        let subjects = (!patterns.is_empty())
            .then(|| small_automaton(&patterns))
            .flatten();
        let is_exact = |name: &str| match &p.exact {
            Some(list) => list.iter().any(|x| x == name),
            None => matches!(name, "tagline" | "one_liner" | "descriptions"),
        };
        let mut exact = Vec::new();
        if let (Some(t), true) = (&p.tagline, is_exact("tagline")) {
            exact.push(near_text("tagline".into(), t));
        }
        if let (Some(t), true) = (&p.one_liner, is_exact("one_liner")) {
            exact.push(near_text("one_liner".into(), t));
        }
        if is_exact("descriptions") {
            for (r, t) in p.descriptions.iter() {
                exact.push(near_text(r.into(), t));
            }
        }
        for (key, list) in [
            ("value_props", &p.value_props),
            ("differentiators", &p.differentiators),
        ] {
            for (i, m) in list.iter().enumerate() {
                if m.exact || is_exact(key) {
                    exact.push(near_text(format!("{key}[{i}]"), &m.statement));
                }
            }
        }
        let retired = p
            .retired
            .iter()
            .enumerate()
            .filter_map(|(i, r)| {
                // A statement is recognised when lightly edited; a phrase is a phrase (line
                // breaks, hyphenation and case folded, nothing more).
                let t = r.statement.as_deref()?;
                let item = near_text(format!("retired[{i}]"), t);
                (item.stems.len() >= 3).then_some(item)
            })
            .collect();
        let mut approved_text = String::new();
        for t in p.approved_wordings() {
            approved_text.push_str(fold(t).text.trim());
            approved_text.push('\n');
        }
        Compiled {
            exact: NearIndex::new(exact),
            retired: NearIndex::new(retired),
            approved_tokens: approved_text
                .split_whitespace()
                .map(str::to_owned)
                .collect(),
            approved_text,
            key_terms,
            key_term_text,
            key_term_statement,
            promise_leads,
            promises,
            subjects,
            subject_claim,
            stem_index,
            claims,
            statements,
            boilerplate,
            boilerplate_stems,
            boilerplate_words,
            tagline: p.tagline.as_deref().map(wording),
            one_liner: p.one_liner.as_deref().map(wording),
            value_props: messages(&p.value_props),
            differentiators: messages(&p.differentiators),
        }
    }
}

/// How a stated number compares with an approved one.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    Fine,
    Overstated,
    Understated,
    Superseded,
}

/// Whether a stated number is near enough the approved one (or one of its superseded
/// values) to be a statement of the same claim: a number far from it counts something else
/// ("two customers called"). A bound of the claim's own kind ("in less than 10 ms" against
/// "less than 50 ms") or a duration or multiplier is the same claim further off (10×, not 4×).
pub fn within_reach(
    stated: &Quantity,
    approved: f64,
    qualifier: Qualifier,
    superseded: &[f64],
) -> bool {
    let s = match qualifier {
        Qualifier::AtLeast | Qualifier::AtMost => stated.value,
        _ => stated.hi.unwrap_or(stated.value),
    };
    let same_kind = matches!(
        (qualifier, stated.qual),
        (Qualifier::AtMost, Qual::AtMost) | (Qualifier::AtLeast, Qual::AtLeast)
    ) || matches!(stated.unit, Unit::Days | Unit::Minutes | Unit::Multiplier);
    let far = if same_kind { 0.1..=10.0 } else { 0.25..=4.0 };
    let step = precision_step(approved);
    approved.abs() == 0.0
        || far.contains(&(s / approved))
        || superseded.iter().any(|v| close_at(s, *v, step))
}

/// Equal at the precision the platform states (`step`); a number stated more precisely is
/// compared exactly.
fn close_at(a: f64, b: f64, step: f64) -> bool {
    if precision_step(a) < step {
        (a - b).abs() < 1e-9 * b.abs().max(1.0)
    } else {
        (a - b).abs() < step / 2.0 + 1e-9
    }
}

pub fn judge(
    stated: &Quantity,
    approved: f64,
    range: Option<(f64, f64)>,
    qualifier: Qualifier,
    superseded: &[f64],
) -> Verdict {
    // Equal at the precision the platform states: 99.9 is written to a tenth, so 99.5
    // differs (five times the downtime); 1,200 to a unit.
    // A number stated more precisely than the platform is compared exactly ("99.95%" is
    // not "99.9%").
    let step = precision_step(approved);
    let close = |a: f64, b: f64| close_at(a, b, step);
    // Within an approved range ("50%–75%"), every stated end is fine.
    if let Some((lo, hi)) = range {
        let within = |v: f64| v >= lo - 1e-9 && v <= hi + 1e-9;
        if within(stated.value) && stated.hi.is_none_or(within) {
            return Verdict::Fine;
        }
    }
    // A range is judged by the end the approved claim bounds: its low end against an
    // "at least" claim ("between 1,200 and 1,300" agrees with "1,200+"), its high end
    // otherwise.
    let s = match qualifier {
        Qualifier::AtLeast | Qualifier::AtMost => stated.value,
        _ => stated.hi.unwrap_or(stated.value),
    };
    if close(s, approved) {
        return Verdict::Fine;
    }
    // A number far from the approved one counts something else ("two customers called").
    if !within_reach(stated, approved, qualifier, superseded) {
        return Verdict::Fine;
    }
    if superseded.iter().any(|v| close(s, *v)) {
        return Verdict::Superseded;
    }
    match qualifier {
        Qualifier::AtLeast => {
            if s > approved {
                Verdict::Overstated
            } else if stated.qual == Qual::AtMost {
                Verdict::Fine
            } else {
                Verdict::Understated
            }
        }
        Qualifier::AtMost => {
            if s < approved {
                Verdict::Overstated
            } else {
                Verdict::Understated
            }
        }
        Qualifier::Approx if (s - approved).abs() <= approved.abs() * 0.1 => Verdict::Fine,
        _ => {
            if s > approved {
                Verdict::Overstated
            } else {
                Verdict::Understated
            }
        }
    }
}

/// The last written digit's place of `v` (as the platform file states it): 0.1 for 99.9,
/// 1 for 1200, 0.01 for 4.25.
pub fn precision_step(v: f64) -> f64 {
    // Rounded first: 99.95 - 0.0 prints as 99.95, but a scaled value may carry float noise.
    let s = format!("{}", (v * 1e6).round() / 1e6);
    match s.split_once('.') {
        Some((_, frac)) => 10f64.powi(-(frac.len().min(6) as i32)),
        None => 1.0,
    }
}

/// Byte ranges of `needle` in `hay` on word boundaries.
pub fn find_words(hay: &str, needle: &str) -> Vec<usize> {
    let mut out = Vec::new();
    if needle.is_empty() {
        return out;
    }
    let mut from = 0;
    while let Some(i) = hay[from..].find(needle) {
        let at = from + i;
        let before = hay[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after = hay[at + needle.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if before && after {
            out.push(at);
        }
        from = at + needle.len().max(1);
        while !hay.is_char_boundary(from) {
            from += 1;
        }
    }
    out
}

/// The sentences of folded text, as ranges (a table row's cells are split by `|`).
pub fn sentences(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let r = clause(text, at, at);
        let end = r.end.max(at + 1).min(text.len());
        if !text[r.start.max(at)..r.end].trim().is_empty() {
            out.push(r.start.max(at)..r.end);
        }
        at = end + 1;
        while at < text.len() && !text.is_char_boundary(at) {
            at += 1;
        }
    }
    out
}

/// The sentence (or table row) around `at` in folded text.
///
/// A stop is `.`, `!`, `?` or `;` before a space or the end, `|` or a line break. The
/// candidates are found with `memchr` (three bytes per search, so two searches, each redone
/// only past a candidate that is not a stop), within `CLAUSE_REACH` bytes of the match: a
/// "sentence" longer than that (a PDF table or a map without a stop) is cut there, so a
/// paragraph of many thousand hits costs each hit the same, not the paragraph's length.
pub fn clause(text: &str, start: usize, end: usize) -> std::ops::Range<usize> {
    let b = text.as_bytes();
    let is_stop = |i: usize| {
        (matches!(b[i], b'.' | b'!' | b'?' | b';') && b.get(i + 1).is_none_or(|c| *c == b' '))
            || b[i] == b'|'
            || b[i] == b'\n'
    };
    let start = start.min(b.len());
    let end = end.min(b.len()).max(start);
    // The reach, on character boundaries.
    let mut lo = start.saturating_sub(CLAUSE_REACH);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let mut hi = (end + CLAUSE_REACH).min(b.len());
    while !text.is_char_boundary(hi) {
        hi -= 1;
    }
    // The last stop before `start`.
    let before = |to: usize, set: bool| {
        let hay = &b[lo..to];
        if set {
            memchr::memrchr3(b'.', b'!', b'?', hay)
        } else {
            memchr::memrchr3(b';', b'|', b'\n', hay)
        }
        .map(|p| lo + p)
    };
    let (mut x, mut y) = (before(start, true), before(start, false));
    let s = loop {
        let i = match (x, y) {
            (None, None) => break lo,
            (Some(i), None) | (None, Some(i)) => i,
            (Some(i), Some(j)) => i.max(j),
        };
        if is_stop(i) {
            break i + 1;
        }
        if x == Some(i) {
            x = before(i, true);
        } else {
            y = before(i, false);
        }
    };
    // The first stop at or after `end`.
    let after = |from: usize, set: bool| {
        let hay = &b[from.min(hi)..hi];
        if set {
            memchr::memchr3(b'.', b'!', b'?', hay)
        } else {
            memchr::memchr3(b';', b'|', b'\n', hay)
        }
        .map(|p| from + p)
    };
    let (mut x, mut y) = (after(end, true), after(end, false));
    let e = loop {
        let i = match (x, y) {
            (None, None) => break hi,
            (Some(i), None) | (None, Some(i)) => i,
            (Some(i), Some(j)) => i.min(j),
        };
        if is_stop(i) {
            break i;
        }
        if x == Some(i) {
            x = after(i + 1, true);
        } else {
            y = after(i + 1, false);
        }
    };
    s..e
}

/// How far from a match `clause` looks for the sentence's ends, in bytes.
const CLAUSE_REACH: usize = 2048;

#[cfg(test)]
mod tests {

    /// A statement's promises: the run of time or amount words, the words around it.
    #[test]
    fn promises_of_a_statement() {
        let got = promises_of("onboard developers in seconds instead of days");
        assert_eq!(
            got,
            [(
                vec!["onboard".into(), "developers".into(), "in".into()],
                vec!["seconds".into()],
                vec!["instead".into(), "of".into(), "days".into()],
            )]
        );
        // "in a day": the article is the promise's.
        let got = promises_of("build your app in a day and deploy it with a single cli command");
        assert_eq!(got.len(), 2);
        assert_eq!(
            (got[0].1.clone(), got[1].1.clone()),
            (
                vec!["a".to_owned(), "day".into()],
                vec!["a".to_owned(), "single".into()]
            )
        );
        // A promise at a clause's end has nothing after it: not one to tell a sentence by.
        let got = promises_of("build your app in a day, then deploy it");
        assert!(got.is_empty(), "{got:?}");
        // Too little around it to tell a sentence by: nothing.
        assert!(promises_of("zero configuration").is_empty());
        assert!(promises_of("").is_empty());
    }

    #[test]
    fn a_definitions_category_alone_is_its_predicate() {
        let w = "hoppscotch is an open-source api development ecosystem.";
        assert!(states_its_predicate(
            "open source api development ecosystem",
            w
        ));
        assert!(states_its_predicate(
            "open-source api development ecosystem.",
            w
        ));
        assert!(!states_its_predicate(
            "open source api development platform",
            w
        ));
        assert!(!states_its_predicate(
            "the best open source api development ecosystem",
            w
        ));
    }

    #[test]
    fn an_aside_in_parentheses_is_read_past() {
        let w = "deno is a javascript, typescript, and webassembly runtime with secure defaults.";
        assert!(states_verbatim(
            "deno (/ˈdiːnoʊ/, pronounced dee-no) is a javascript, typescript, and webassembly runtime with secure defaults.",
            w
        ));
        assert!(!states_verbatim(
            "deno (pronounced dee-no) is a javascript and typescript runtime with secure defaults.",
            w
        ));
        assert_eq!(without_asides("a (b (c) d) e (f"), "a  e (f");
    }

    #[test]
    fn a_named_thing_said_of_the_company_is_its_wording() {
        let w = "the #1 open-source crm";
        assert!(states_verbatim("twenty is the #1 open-source crm.", w));
        assert!(states_verbatim(
            "yes. twenty is the #1 open source crm on github.",
            w
        ));
        assert!(!states_verbatim("twenty is the #1 crm.", w));
        assert!(!states_verbatim("twenty is a #1 open-source crm.", w));
        // Only after a copula: "we built the #1 open-source crm" restates it in a frame.
        assert!(!states_verbatim("we built the #1 open-source crm.", w));
    }
    use super::*;

    #[test]
    fn a_definition_restated_as_an_appositive() {
        let w = "acme is fast, private analytics for product teams.";
        assert!(states_as_appositive(
            "this is the guide to acme, fast, private analytics for product teams.",
            w
        ));
        // A word changed, the end cut, or another subject: not the wording.
        assert!(!states_as_appositive(
            "this is the guide to acme, fast, private analytics for teams.",
            w
        ));
        assert!(!states_as_appositive(
            "this is the guide to acme, fast, private analytics for product teams and more.",
            w
        ));
        assert!(!states_as_appositive(
            "heap, fast, private analytics for product teams.",
            w
        ));
        assert!(!states_as_appositive(
            "acme, analytics.",
            "acme is analytics."
        ));
    }

    /// `clause` as it was before its `memchr` searches.
    fn clause_reference(text: &str, start: usize, end: usize) -> std::ops::Range<usize> {
        let b = text.as_bytes();
        let is_stop = |i: usize| {
            (matches!(b[i], b'.' | b'!' | b'?' | b';') && b.get(i + 1).is_none_or(|c| *c == b' '))
                || b[i] == b'|'
                || b[i] == b'\n'
        };
        let s = (0..start).rev().find(|&i| is_stop(i)).map_or(0, |i| i + 1);
        let e = (end..b.len()).find(|&i| is_stop(i)).unwrap_or(b.len());
        s..e
    }

    #[test]
    fn clause_agrees_with_its_reference() {
        let texts = [
            "",
            ".",
            "a. b! c? d; e| f\ng",
            "3.5 and 4.2; x;y. z.. !! ?? | end.",
            "no stop at all here",
            ";;;; ....  !!! ???\n\n||",
            "v1.2.3 costs $4.50; saves 30%. Really? Yes! a|b\nc; ",
        ];
        for t in texts {
            for start in 0..=t.len() {
                for end in start..=t.len() {
                    assert_eq!(
                        clause(t, start, end),
                        clause_reference(t, start, end),
                        "{t:?} {start} {end}"
                    );
                }
            }
        }
    }

    #[test]
    fn stems_agree_across_forms() {
        for (a, b) in [
            ("resolve", "resolves"),
            ("automatically", "automatic"),
            ("tickets", "ticket"),
            ("answered", "answer"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} / {b}");
        }
    }
}
