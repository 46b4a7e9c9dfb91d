//! Microbenchmarks of the per-segment hot paths: folding, the phrase automaton, number
//! scanning (`cargo bench --bench micro`). A regression here shows before a whole-run
//! benchmark (`bench/run.sh`) sees it.

use msglint::normalize::fold_with;
use msglint::platform::index::Index;

fn main() {
    divan::main();
}

/// A paragraph of ordinary copy, with a few numbers, a brand name and typography.
const PARAGRAPH: &str = "Lumora helps growing e-commerce brands answer every customer in minutes. \
More than 1,200 support teams use Lumora Inbox to resolve 35% of tickets automatically, \
and the setup takes two weeks \u{2014} not two quarters. It\u{2019}s the best help desk \
for teams of 50 to 1,000 people, with first responses in under 4 minutes.";

/// The same length of text without a digit or a number word.
const PROSE: &str = "Lumora helps growing brands answer every customer quickly. Support teams \
use Lumora Inbox to resolve tickets automatically, and the setup is quick and painless for \
everyone involved. It is a help desk for teams of any size, with fast first responses and \
friendly agents.";

fn text(kb: usize) -> String {
    PARAGRAPH.repeat(kb * 1024 / PARAGRAPH.len() + 1)
}

#[divan::bench(args = [1, 64])]
fn fold(bencher: divan::Bencher, kb: usize) {
    let t = text(kb);
    bencher
        .counter(divan::counter::BytesCount::of_str(&t))
        .bench(|| fold_with(divan::black_box(&t), false));
}

#[divan::bench]
fn fold_pdf_dehyphenate(bencher: divan::Bencher) {
    let t = text(64).replace(". ", "-\n");
    bencher
        .counter(divan::counter::BytesCount::of_str(&t))
        .bench(|| fold_with(divan::black_box(&t), true));
}

fn platform(terms: usize) -> msglint::platform::Platform {
    let mut yaml = String::from(
        "company: {name: Lumora, variants: [LumoraAI]}\nproducts: [{name: Lumora Inbox}]\nterms:\n  - {use: help desk, avoid: [helpdesk]}\n",
    );
    for i in 0..terms {
        yaml.push_str(&format!(
            "  - {{use: \"term{i} form\", avoid: [\"term{i}form\"]}}\n"
        ));
    }
    msglint::platform::parse_str(&yaml).unwrap_or_default()
}

/// Matching one folded 64 KiB text: should cost about the same for 10 and 10,000 terms.
#[divan::bench(args = [10, 1000, 10000])]
fn automaton(bencher: divan::Bencher, terms: usize) {
    let index = Index::new(&platform(terms));
    let f = fold_with(&text(64), false);
    bencher
        .counter(divan::counter::BytesCount::of_str(&f.lower))
        .bench(|| index.hits(divan::black_box(&f)));
}

/// Compiling the platform into the automaton (once per run).
#[divan::bench(args = [10, 1000, 10000], sample_count = 10)]
fn automaton_build(bencher: divan::Bencher, terms: usize) {
    let p = platform(terms);
    bencher.bench(|| Index::new(divan::black_box(&p)));
}

#[divan::bench(args = ["numbers", "prose"])]
fn numbers(bencher: divan::Bencher, kind: &str) {
    let src = if kind == "numbers" { PARAGRAPH } else { PROSE };
    let f = fold_with(&src.repeat(64 * 1024 / src.len() + 1), false);
    bencher
        .counter(divan::counter::BytesCount::of_str(&f.lower))
        .bench(|| msglint::numbers::scan(divan::black_box(&f.lower)));
}
