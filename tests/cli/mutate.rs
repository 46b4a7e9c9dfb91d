//! Hostile input, deterministically: a few hundred mutants of decks, Word files and PDFs
//! (truncations, byte flips, zip entries removed or duplicated, XML cut mid-tag, PDF objects
//! and streams cut) from a fixed seed. Every mutant gives a document (then checked against
//! the demo platform) or an `unreadable` reason, within a budget: never a panic, never a hang.
//! Also replays the inputs the fuzz targets (`fuzz/`) found, kept in `fixtures/regress/`.

use super::*;
use msglint::check::Engine;
use msglint::document::Kind;
use std::io::{Read, Write};
use std::sync::Arc;

/// Seconds one mutant may take (extraction and checks) before it counts as a hang.
const BUDGET_SECS: u64 = 10;

/// xorshift64: a fixed seed gives the same mutants on every machine and every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// Uniform enough in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// What one mutant gave.
enum Outcome {
    Document { findings: usize },
    Unreadable(String),
    Panicked,
    Hang,
}

/// Extract and check `bytes` on another thread; a hang is reported, not waited for.
fn run(engine: &Arc<Engine>, kind: Kind, bytes: Vec<u8>, name: &str) -> Outcome {
    let (tx, rx) = std::sync::mpsc::channel();
    let engine = Arc::clone(engine);
    let name = name.to_owned();
    std::thread::spawn(move || {
        let out = match msglint::extract::extract_bytes(kind, &bytes, name.clone()) {
            Ok(doc) => Outcome::Document {
                findings: engine.check(&doc, Path::new(&name)).len(),
            },
            Err(e) => Outcome::Unreadable(e.0),
        };
        let _ = tx.send(out);
    });
    match rx.recv_timeout(std::time::Duration::from_secs(BUDGET_SECS)) {
        Ok(o) => o,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => Outcome::Hang,
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => Outcome::Panicked,
    }
}

// ---------------------------------------------------------------- zip packages

/// Every entry of a zip, decompressed, in order; `None` if it is not a readable zip.
fn unzip(bytes: &[u8]) -> Option<Vec<(String, Vec<u8>)>> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let mut parts = Vec::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).ok()?;
        let mut data = Vec::new();
        f.read_to_end(&mut data).ok()?;
        let name = f.name().ok()?.into_owned();
        parts.push((name, data));
    }
    Some(parts)
}

/// A zip of `parts`, in order. A repeated name is kept as a second entry of that name (the
/// writer refuses duplicates, so it is written under a same-length stand-in and renamed in
/// the bytes afterwards: local header and central directory both).
fn rezip(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut seen = std::collections::HashSet::new();
    let mut renames = Vec::new();
    for (name, data) in parts {
        let written = if seen.insert(name.as_str()) || name.is_empty() {
            name.clone()
        } else {
            let mut stand_in = name.as_bytes().to_vec();
            if let Some(last) = stand_in.last_mut() {
                *last = 0x7f;
            }
            let stand_in = String::from_utf8(stand_in).expect("ASCII stand-in");
            renames.push((stand_in.clone(), name.clone()));
            stand_in
        };
        w.start_file(written, opts).expect("start entry");
        w.write_all(data).expect("write entry");
    }
    let mut out = w.finish().expect("finish zip").into_inner();
    for (from, to) in renames {
        let (from, to) = (from.as_bytes(), to.as_bytes());
        let mut at = 0;
        while let Some(i) = memchr_find(&out[at..], from) {
            out[at + i..at + i + to.len()].copy_from_slice(to);
            at += i + to.len();
        }
    }
    out
}

fn memchr_find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn is_xml(name: &str) -> bool {
    name.ends_with(".xml") || name.ends_with(".rels")
}

/// An XML part cut inside a tag: a few bytes after one of its `<`.
fn cut_mid_tag(rng: &mut Rng, xml: &[u8]) -> Vec<u8> {
    let opens: Vec<usize> = xml
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'<')
        .map(|(i, _)| i)
        .collect();
    if opens.is_empty() {
        return xml[..xml.len() / 2].to_vec();
    }
    let at = opens[rng.below(opens.len())];
    let end = (at + 1 + rng.below(6)).min(xml.len());
    xml[..end].to_vec()
}

fn zip_mutants(rng: &mut Rng, bytes: &[u8], out: &mut Vec<(String, Vec<u8>)>) {
    let Some(parts) = unzip(bytes) else {
        return;
    };
    let xml: Vec<usize> = (0..parts.len()).filter(|i| is_xml(&parts[*i].0)).collect();
    let pick_xml = |rng: &mut Rng| xml[rng.below(xml.len())];
    if xml.is_empty() {
        return;
    }
    for _ in 0..2 {
        let i = pick_xml(rng);
        let mut p = parts.clone();
        let (name, _) = p.remove(i);
        out.push((format!("entry {name} removed"), rezip(&p)));
    }
    for cut in [false, true] {
        let i = pick_xml(rng);
        let mut p = parts.clone();
        let (name, data) = p[i].clone();
        let data = if cut { cut_mid_tag(rng, &data) } else { data };
        let at = rng.below(p.len() + 1);
        p.insert(at, (name.clone(), data));
        let how = if cut {
            "duplicated, copy cut"
        } else {
            "duplicated"
        };
        out.push((format!("entry {name} {how}"), rezip(&p)));
    }
    for _ in 0..3 {
        let i = pick_xml(rng);
        let mut p = parts.clone();
        p[i].1 = cut_mid_tag(rng, &p[i].1);
        out.push((format!("{} cut mid-tag", p[i].0), rezip(&p)));
    }
    // A stored-size byte flip inside one XML part (CRC rewritten, so the XML sees it).
    let i = pick_xml(rng);
    let mut p = parts.clone();
    if !p[i].1.is_empty() {
        for _ in 0..4 {
            let at = rng.below(p[i].1.len());
            p[i].1[at] ^= 1 << rng.below(8);
        }
    }
    out.push((format!("{} bytes flipped", p[i].0), rezip(&p)));
}

// ---------------------------------------------------------------- PDFs

fn pdf_mutants(rng: &mut Rng, bytes: &[u8], out: &mut Vec<(String, Vec<u8>)>) {
    let find_all = |needle: &[u8]| -> Vec<usize> {
        bytes
            .windows(needle.len())
            .enumerate()
            .filter(|(_, w)| *w == needle)
            .map(|(i, _)| i)
            .collect()
    };
    // A run of bytes from one object onward removed.
    let objs = find_all(b" obj");
    for _ in 0..2 {
        if objs.is_empty() {
            break;
        }
        let a = objs[rng.below(objs.len())];
        let b = (a + 1 + rng.below(400)).min(bytes.len());
        let mut m = bytes[..a].to_vec();
        m.extend_from_slice(&bytes[b..]);
        out.push((format!("{} bytes at {a} removed", b - a), m));
    }
    // A stream's data cut short (its /Length now overshoots into `endstream`).
    let streams = find_all(b"stream\n");
    for _ in 0..2 {
        if streams.is_empty() {
            break;
        }
        let a = streams[rng.below(streams.len())] + 7;
        let b = (a + 1 + rng.below(64)).min(bytes.len());
        let mut m = bytes[..a].to_vec();
        m.extend_from_slice(&bytes[b..]);
        out.push((format!("stream at {a} cut"), m));
    }
    // The cross-reference offset pointed elsewhere.
    if let Some(&x) = find_all(b"startxref").last() {
        let mut m = bytes.to_vec();
        for b in m[x + 9..].iter_mut().take(12) {
            if b.is_ascii_digit() {
                *b = b'0' + rng.below(10) as u8;
            }
        }
        out.push(("startxref changed".into(), m));
    }
}

// ---------------------------------------------------------------- any file

fn byte_mutants(rng: &mut Rng, bytes: &[u8], out: &mut Vec<(String, Vec<u8>)>) {
    let n = bytes.len();
    let mut cuts = vec![n / 2, n.saturating_sub(1), n.saturating_sub(22)];
    cuts.push(rng.below(n));
    cuts.push(rng.below(n));
    for c in cuts {
        out.push((format!("truncated to {c} bytes"), bytes[..c].to_vec()));
    }
    for flips in [1usize, 8, 64] {
        let mut m = bytes.to_vec();
        for _ in 0..flips {
            let at = rng.below(n);
            m[at] ^= (1 + rng.below(255)) as u8;
        }
        out.push((format!("{flips} bytes flipped"), m));
    }
    // The tail holds the zip central directory and the PDF trailer.
    for _ in 0..2 {
        let mut m = bytes.to_vec();
        for _ in 0..4 {
            let at = n - 1 - rng.below(n.min(512));
            m[at] ^= (1 + rng.below(255)) as u8;
        }
        out.push(("4 bytes flipped in the last 512".into(), m));
    }
}

/// Small decks and PDFs of the real-world corpus, fixed by name.
const CORPUS_SOURCES: [&str; 12] = [
    "pptx/python-pptx__txt-text-frame.pptx",
    "pptx/poi__table_test.pptx",
    "pptx/pandoc__pptx-lists-output.pptx",
    "pptx/unstructured__fake-power-point-table.pptx",
    "pptx/poi__with_japanese.pptx",
    "pptx/poi__SmartArt.pptx",
    "pdf/pypdf-samples__002-trivial-libre-office-writer.pdf",
    "pdf/pdfminer__simple4.pdf",
    "pdf/pdfjs__vertical.pdf",
    "pdf/lopdf__unicode.pdf",
    "pdf/unstructured__all-number-table.pdf",
    "pdf/pdfminer__issue-625-identity-cmap.pdf",
];

/// The repository's own decks, Word files and PDFs: the part of the sweep that always runs.
const FIXTURE_SOURCES: [&str; 13] = [
    "fixtures/formats/pptx/alt-and-runs.pptx",
    "fixtures/formats/pptx/chart.pptx",
    "fixtures/formats/pptx/groups.pptx",
    "fixtures/formats/pptx/notes.pptx",
    "fixtures/formats/pptx/order-and-hidden.pptx",
    "fixtures/formats/pptx/table.pptx",
    "fixtures/demo/decks/q3-sales-deck.pptx",
    "fixtures/formats/docx/structures.docx",
    "fixtures/demo/one-pagers/lumora-overview.docx",
    "fixtures/formats/pdf/columns.pdf",
    "fixtures/formats/pdf/hyphenation.pdf",
    "fixtures/formats/pdf/rotated.pdf",
    "fixtures/formats/pdf/table.pdf",
];

fn demo_engine() -> Arc<Engine> {
    let loaded = msglint::platform::load(&root().join(DEMO_PLATFORM)).expect("demo platform");
    Arc::new(Engine::new(loaded))
}

#[derive(Default)]
struct Tally {
    mutants: usize,
    documents: usize,
    unreadable: usize,
    findings: usize,
    failures: Vec<String>,
}

impl Tally {
    fn record(&mut self, what: String, outcome: Outcome) {
        self.mutants += 1;
        match outcome {
            Outcome::Document { findings } => {
                self.documents += 1;
                self.findings += findings;
            }
            Outcome::Unreadable(r) if r.trim().is_empty() => {
                self.failures
                    .push(format!("{what}: empty unreadable reason"));
            }
            Outcome::Unreadable(r) if r.contains("internal error") => {
                self.failures.push(format!("{what}: {r}"));
            }
            Outcome::Unreadable(_) => self.unreadable += 1,
            Outcome::Panicked => self.failures.push(format!("{what}: panicked")),
            Outcome::Hang => self
                .failures
                .push(format!("{what}: no result within {BUDGET_SECS} s (hang)")),
        }
    }
}

#[test]
fn mutation_sweep_gives_documents_or_reasons() {
    let started = std::time::Instant::now();
    let engine = demo_engine();
    let mut sources: Vec<(String, Vec<u8>)> = FIXTURE_SOURCES
        .iter()
        .map(|p| {
            (
                (*p).to_owned(),
                std::fs::read(root().join(p)).expect("fixture"),
            )
        })
        .collect();
    if let Some(corpus) = corpus("mutation_sweep_gives_documents_or_reasons (corpus part)") {
        for p in CORPUS_SOURCES {
            let bytes = std::fs::read(corpus.join(p)).expect("corpus file of the sweep");
            sources.push((format!("corpus/{p}"), bytes));
        }
    }
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut tally = Tally::default();
    for (path, bytes) in &sources {
        let kind = Kind::from_path(Path::new(path)).expect("known kind");
        let mut mutants = Vec::new();
        byte_mutants(&mut rng, bytes, &mut mutants);
        if kind == Kind::Pdf {
            pdf_mutants(&mut rng, bytes, &mut mutants);
        } else {
            zip_mutants(&mut rng, bytes, &mut mutants);
        }
        let name = Path::new(path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for (how, m) in mutants {
            let outcome = run(&engine, kind, m, &name);
            tally.record(format!("{path} ({how})"), outcome);
        }
    }
    eprintln!(
        "mutation sweep: {} sources, {} mutants, {} documents ({} findings), {} unreadable, {} failures, {:.1} s",
        sources.len(),
        tally.mutants,
        tally.documents,
        tally.findings,
        tally.unreadable,
        tally.failures.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(tally.mutants >= 150, "only {} mutants", tally.mutants);
    assert!(
        tally.documents > 0 && tally.unreadable > 0,
        "both outcomes occur"
    );
    assert!(
        tally.failures.is_empty(),
        "{} mutants failed:\n{}",
        tally.failures.len(),
        tally.failures.join("\n")
    );
}

/// Inputs the fuzz targets found (`fixtures/regress/`, minimised): each gives a document or
/// an `unreadable` reason, within the budget. `.yaml` files are platform files: they load or
/// are rendered as platform errors.
#[test]
fn fuzz_regressions_give_documents_or_reasons() {
    let dir = root().join("fixtures/regress");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| !n.ends_with(".txt"))
        .collect();
    names.sort();
    let engine = demo_engine();
    let mut tally = Tally::default();
    for name in &names {
        let bytes = std::fs::read(dir.join(name)).expect("fixture");
        if name.ends_with(".yaml") {
            let text = String::from_utf8(bytes).expect("platform fixtures are UTF-8");
            let outcome = within_platform(text);
            tally.record(name.clone(), outcome);
            continue;
        }
        let kind = Kind::from_path(Path::new(name)).expect("fixture kind from its extension");
        let outcome = run(&engine, kind, bytes, name);
        tally.record(name.clone(), outcome);
    }
    eprintln!(
        "fuzz regressions: {} inputs, {} documents, {} unreadable",
        tally.mutants, tally.documents, tally.unreadable
    );
    assert!(tally.failures.is_empty(), "{}", tally.failures.join("\n"));
}

/// A platform text loads (and checks itself as Markdown) or renders its errors.
fn within_platform(text: String) -> Outcome {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let out = match msglint::platform::parse_str(&text) {
            Err(errors) => {
                let shown =
                    msglint::engine::render_platform_errors("msglint.yaml", &text, &errors, false);
                Outcome::Unreadable(shown)
            }
            Ok(platform) => {
                let engine = Engine::new(msglint::platform::Loaded {
                    platform,
                    path: PathBuf::from("msglint.yaml"),
                    root: PathBuf::from("."),
                });
                match msglint::extract::extract_bytes(
                    Kind::Markdown,
                    text.as_bytes(),
                    "p.md".into(),
                ) {
                    Ok(doc) => Outcome::Document {
                        findings: engine.check(&doc, Path::new("p.md")).len(),
                    },
                    Err(e) => Outcome::Unreadable(e.0),
                }
            }
        };
        let _ = tx.send(out);
    });
    match rx.recv_timeout(std::time::Duration::from_secs(BUDGET_SECS)) {
        Ok(o) => o,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => Outcome::Hang,
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => Outcome::Panicked,
    }
}
