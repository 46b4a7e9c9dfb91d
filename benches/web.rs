//! Components: msglint against the bare parse of the same files in the same run (issue #21).
//!
//! `cargo bench --bench web` reads the 1,046 `.tsx`/`.vue`/`.astro` files and the 120 React
//! `.js` files of `fixtures/web/real/sample.tar.gz` into memory, then times, best of
//! `WEB_BENCH_RUNS` (default 7) passes on one thread:
//!
//! - **parse**: what the files cost to parse at all — oxc_parser over each script (a whole
//!   `.tsx`/`.js` file, an Astro front matter, each `<script>` of a component) and html5gum's
//!   tokenizer over each component's markup;
//! - **msglint**: `extract` (the same parses, plus finding the copy) and `check` with the
//!   demo platform (every rule), as `msglint check` runs them per file.
//!
//! `cargo bench --bench web -- parse` or `-- msglint` runs one side only, for callgrind.

use msglint::document::Kind;
use std::io::Read;
use std::path::Path;
use std::time::Instant;

fn sample() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let gz = std::fs::File::open(root.join("fixtures/web/real/sample.tar.gz")).expect("sample");
    let mut tar = Vec::new();
    flate2::read::GzDecoder::new(gz)
        .read_to_end(&mut tar)
        .expect("gunzip");
    let mut out = Vec::new();
    let mut at = 0;
    while at + 512 <= tar.len() {
        let h = &tar[at..at + 512];
        if h.iter().all(|b| *b == 0) {
            break;
        }
        let field = |r: std::ops::Range<usize>| {
            let f = &h[r];
            let end = f.iter().position(|b| *b == 0).unwrap_or(f.len());
            String::from_utf8_lossy(&f[..end]).into_owned()
        };
        let (name, prefix) = (field(0..100), field(345..500));
        let size = usize::from_str_radix(field(124..136).trim(), 8).expect("size");
        let path = if prefix.is_empty() {
            name
        } else {
            format!("{prefix}/{name}")
        };
        let body = at + 512;
        let component = [".tsx", ".jsx", ".vue", ".astro"]
            .iter()
            .any(|e| path.ends_with(e))
            || (path.starts_with("meilisearch+landing/") && path.ends_with(".js"));
        if component {
            out.push((path, tar[body..body + size].to_vec()));
        }
        at = body + size.div_ceil(512) * 512;
    }
    out
}

/// The bare parse: oxc over the scripts, html5gum over the markup.
fn parse(path: &str, text: &str) -> usize {
    let script = |src: &str, st: oxc_span::SourceType| {
        let alloc = oxc_allocator::Allocator::default();
        let r = oxc_parser::Parser::new(&alloc, src, st).parse();
        r.program.body.len()
    };
    let markup = |src: &str| {
        html5gum::Tokenizer::new_with_emitter(
            src,
            html5gum::DefaultEmitter::<usize>::new_with_span(),
        )
        .count()
    };
    let ext = path.rsplit('.').next().unwrap_or("");
    match ext {
        "tsx" => script(text, oxc_span::SourceType::tsx()),
        "jsx" | "js" => script(text, oxc_span::SourceType::mjs().with_jsx(true)),
        _ => {
            let mut n = 0;
            let mut markup_from = 0;
            if ext == "astro"
                && let Some(rest) = text.strip_prefix("---")
                && let Some(end) = rest.find("\n---")
            {
                n += script(&rest[..end], oxc_span::SourceType::ts());
                markup_from = end + 7;
            }
            let lower = text.to_ascii_lowercase();
            let mut from = 0;
            while let Some(i) = lower[from..].find("<script") {
                let open = from + i;
                let Some(gt) = lower[open..].find('>') else {
                    break;
                };
                let Some(close) = lower[open + gt..].find("</script") else {
                    break;
                };
                let body = &text[open + gt + 1..open + gt + close];
                n += script(body, oxc_span::SourceType::ts());
                from = open + gt + close;
            }
            n + markup(&text[markup_from.min(text.len())..])
        }
    }
}

fn main() {
    let only = std::env::args().nth(1).filter(|a| !a.starts_with('-'));
    let runs: usize = std::env::var("WEB_BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(7);
    let files = sample();
    let bytes: usize = files.iter().map(|f| f.1.len()).sum();
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|(p, b)| (p.clone(), String::from_utf8_lossy(b).into_owned()))
        .collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let loaded = msglint::platform::load(&root.join("fixtures/demo/msglint.yaml")).expect("demo");
    let engine = msglint::check::Engine::new(loaded);
    let time = |f: &dyn Fn() -> usize| {
        let mut best = f64::MAX;
        let mut n = 0;
        for _ in 0..runs {
            let t = Instant::now();
            n = f();
            best = best.min(t.elapsed().as_secs_f64());
        }
        (best, n)
    };
    let parse_all = || texts.iter().map(|(p, t)| parse(p, t)).sum::<usize>();
    let msglint_all = || {
        let mut findings = 0;
        for (p, b) in &files {
            let kind = Kind::from_path(Path::new(p)).expect("a component");
            if let Ok(doc) = msglint::extract::extract_bytes(kind, b, p.clone()) {
                findings += engine.check(&doc, Path::new(p)).len();
            }
        }
        findings
    };
    println!(
        "{} component files ({} KB), best of {runs}:",
        files.len(),
        bytes / 1024
    );
    let (p, m) = match only.as_deref() {
        Some("parse") => (Some(time(&parse_all)), None),
        Some("msglint") => (None, Some(time(&msglint_all))),
        _ => (Some(time(&parse_all)), Some(time(&msglint_all))),
    };
    if let Some((t, n)) = p {
        println!(
            "  parse only     {:8.1} ms  ({n} top-level nodes and tokens)",
            t * 1e3
        );
    }
    if let Some((t, n)) = m {
        println!("  msglint check  {:8.1} ms  ({n} findings)", t * 1e3);
    }
    if let (Some((tp, _)), Some((tm, _))) = (p, m) {
        println!("  ratio          {:8.2}×  (target ≤ 3×)", tm / tp);
    }
}
