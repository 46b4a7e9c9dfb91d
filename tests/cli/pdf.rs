//! PDF: extraction snapshots per structure, findings with page and line (also across line
//! breaks), and the sweep of every corpus PDF with word recall against pdftotext.

use super::*;

#[test]
fn extract_snapshots_per_structure() {
    for name in ["columns", "table", "hyphenation", "rotated"] {
        let f = format!("fixtures/formats/pdf/{name}.pdf");
        let out = msglint(&["extract", &f]);
        assert_eq!(out.code, 0, "{f}: {}", out.stderr);
        insta::assert_snapshot!(format!("pdf_extract_{name}"), out.stdout);
    }
    let columns = msglint(&["extract", "fixtures/formats/pdf/columns.pdf"]).stdout;
    let (l, r) = (
        columns.find("COLUMN ENDS"),
        columns.find("RIGHT COLUMN STARTS"),
    );
    assert!(l.is_some() && r.is_some() && l < r, "column by column");
    let table = msglint(&["extract", "fixtures/formats/pdf/table.pdf"]).stdout;
    assert!(
        table.contains("Support teams 1,200+"),
        "a number stays next to its label: {table}"
    );
    assert_eq!(
        msglint(&["extract", "fixtures/formats/pdf/rotated.pdf"])
            .stdout
            .lines()
            .skip(1)
            .collect::<Vec<_>>(),
        table.lines().skip(1).collect::<Vec<_>>(),
        "a rotated page reads like the upright one"
    );
}

#[test]
fn findings_name_page_and_line_also_across_lines() {
    let v = json(&[
        "check",
        "--platform",
        DEMO_PLATFORM,
        "fixtures/formats/pdf/hyphenation.pdf",
        "fixtures/demo/collateral",
    ]);
    let d = diags(&v);
    let find = |path: &str, rule: &str| {
        d.iter()
            .find(|x| x["path"].as_str().is_some_and(|p| p.ends_with(path)) && x["rule"] == rule)
            .unwrap_or_else(|| panic!("no {rule} in {path}: {d:#?}"))
            .clone()
    };
    // "chat-" / "bot" across a line break is the avoided term "chatbot".
    let x = find("hyphenation.pdf", "preferred-term");
    assert_eq!(x["location"]["page"], 1);
    assert_eq!(x["suggestion"], "AI agent");
    // "support without the" / "stress" across a line break is the retired tagline.
    let x = find("hyphenation.pdf", "retired-term");
    assert_eq!(
        (
            x["location"]["page"].as_u64(),
            x["location"]["slide"].as_u64()
        ),
        (Some(1), None)
    );
    let x = find("q3-sales-deck.pdf", "retired-term");
    assert_eq!(x["location"]["page"], 3);
    // line/column point into the extract text.
    for x in &d {
        let path = x["path"].as_str().unwrap_or("");
        let dump = msglint(&["extract", path]).stdout;
        let line = dump
            .lines()
            .nth(x["location"]["line"].as_u64().unwrap_or(1) as usize - 1)
            .unwrap_or("");
        let col = x["location"]["column"].as_u64().unwrap_or(1) as usize - 1;
        let at: String = line.chars().skip(col).collect();
        let first_word = x["matched"]
            .as_str()
            .unwrap_or("?")
            .split([' ', '-'])
            .next()
            .unwrap_or("?");
        assert!(at.starts_with(first_word), "{x}: {line:?}");
    }
    let human = msglint(&[
        "check",
        "--platform",
        DEMO_PLATFORM,
        "--color",
        "never",
        "fixtures/formats/pdf/hyphenation.pdf",
    ])
    .stdout;
    insta::assert_snapshot!("pdf_findings_human", human);
}

fn pdftotext_reference() -> Vec<(String, String, HashMap<String, usize>)> {
    use std::io::Read;
    let f = std::fs::File::open(root().join("fixtures/reference/pdftotext-words.tsv.gz"))
        .expect("reference");
    let mut text = String::new();
    flate2::read::GzDecoder::new(f)
        .read_to_string(&mut text)
        .expect("gzip");
    text.lines()
        .filter_map(|l| {
            let mut it = l.split('\t');
            let (file, rc) = (it.next()?.to_owned(), it.next()?.to_owned());
            let mut counts = HashMap::new();
            let toks: Vec<&str> = it.next().unwrap_or("").split(' ').collect();
            for p in toks.chunks(2) {
                if let [w, n] = p {
                    counts.insert((*w).to_owned(), n.parse().unwrap_or(0));
                }
            }
            Some((file, rc, counts))
        })
        .collect()
}

use std::collections::HashMap;

/// (file, pdftotext exit code, pdftotext words, msglint's reading)
type Swept = (
    String,
    String,
    HashMap<String, usize>,
    Result<msglint::document::Document, String>,
);

#[test]
fn corpus_sweep_pdfs_and_recall_against_pdftotext() {
    let Some(corpus) = corpus("corpus_sweep_pdfs_and_recall_against_pdftotext") else {
        return;
    };
    let dir = corpus.join("pdf");
    let reference = pdftotext_reference();
    assert_eq!(reference.len(), 158, "one reference line per corpus PDF");
    let results: Vec<Swept> = std::thread::scope(|s| {
        let chunks: Vec<_> = reference.chunks(reference.len().div_ceil(2)).collect();
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                let dir = dir.clone();
                s.spawn(move || {
                    chunk
                        .iter()
                        .map(|(f, rc, words)| {
                            let bytes = std::fs::read(dir.join(f)).expect("pdf");
                            let doc = msglint::extract::extract_bytes(
                                msglint::document::Kind::Pdf,
                                &bytes,
                                f.clone(),
                            )
                            .map_err(|e| e.0);
                            (f.clone(), rc.clone(), words.clone(), doc)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("no panic escapes"))
            .collect()
    });
    let mut recalls = Vec::new();
    let mut unreadable = Vec::new();
    for (file, rc, theirs, doc) in &results {
        let total: usize = theirs.values().sum();
        match doc {
            Err(e) => {
                assert!(
                    !e.contains("internal error"),
                    "{file}: a panic was caught: {e}"
                );
                assert!(
                    !(rc == "0" && total > 0),
                    "{file}: pdftotext reads it, msglint says {e}"
                );
                unreadable.push(format!("{file}: {e}"));
            }
            Ok(doc) if rc == "0" && total >= 50 => {
                let mut mine: HashMap<String, usize> = HashMap::new();
                for s in &doc.segments {
                    let folded = msglint::normalize::fold_with(&s.text, false).lower;
                    for w in folded
                        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                        .filter(|w| !w.is_empty())
                    {
                        *mine.entry(w.to_owned()).or_default() += 1;
                    }
                }
                let found: usize = theirs
                    .iter()
                    .map(|(w, n)| (*n).min(mine.get(w).copied().unwrap_or(0)))
                    .sum();
                recalls.push((found as f64 / total as f64, file.clone()));
            }
            Ok(_) => {}
        }
    }
    recalls.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Per-file recall for before/after comparisons of an extractor change.
    if let Some(out) = std::env::var_os("MSGLINT_PDF_RECALL_TSV") {
        let tsv: String = recalls
            .iter()
            .map(|(r, f)| format!("{f}\t{r:.4}\n"))
            .collect();
        std::fs::write(out, tsv).expect("write the recall table");
    }
    let median = recalls[recalls.len() / 2].0;
    eprintln!(
        "pdf: {} files, {} unreadable, median recall {median:.4} over {} files",
        results.len(),
        unreadable.len(),
        recalls.len()
    );
    for (r, f) in recalls.iter().take(10) {
        eprintln!("  worst: {r:.3} {f}");
    }
    for u in &unreadable {
        eprintln!("  unreadable: {u}");
    }
    assert!(median >= 0.97, "median word recall {median}");
    assert!(
        unreadable
            .iter()
            .any(|u| u.starts_with("pdfjs__bomb_giant.pdf")),
        "the bomb is refused"
    );
    assert!(
        unreadable
            .iter()
            .filter(|u| u.contains("password-protected"))
            .count()
            >= 6
    );
    assert!(
        unreadable
            .iter()
            .any(|u| u.starts_with("pdfplumber__empty.pdf: empty file"))
    );
}

#[test]
fn broken_pdfs_are_unreadable_with_reasons() {
    let extract = |b: &[u8]| {
        msglint::extract::extract_bytes(msglint::document::Kind::Pdf, b, "t.pdf".into())
            .map_err(|e| e.0)
    };
    assert!(extract(b"").expect_err("empty").contains("empty file"));
    assert!(
        extract(b"<html>no</html>")
            .expect_err("not pdf")
            .contains("not a PDF")
    );
    let good = std::fs::read(root().join("fixtures/formats/pdf/table.pdf")).expect("fixture");
    // Truncated: either repaired and read, or a clear reason; never a panic.
    for cut in [good.len() / 3, good.len() / 2, good.len() - 10] {
        match extract(&good[..cut]) {
            Ok(_) => {}
            Err(e) => assert!(!e.contains("internal error") && !e.is_empty(), "{e}"),
        }
    }
}

/// CJK ideographs, kana and Hangul syllables count one character per word (such text has
/// no spaces, and pdftotext reads a vertical page character by character), as
/// `bench/pdftotext_words.py --cjk-chars` records them.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}')
}

fn word_counts(doc: &msglint::document::Document) -> HashMap<String, usize> {
    let mut mine: HashMap<String, usize> = HashMap::new();
    for s in &doc.segments {
        let folded = msglint::normalize::fold_with(&s.text, false).lower;
        let spaced: String = folded
            .chars()
            .flat_map(|c| {
                if is_cjk(c) {
                    vec![' ', c, ' ']
                } else {
                    vec![c]
                }
            })
            .collect();
        for w in spaced
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .filter(|w| !w.is_empty())
        {
            *mine.entry(w.to_owned()).or_default() += 1;
        }
    }
    mine
}

/// Right-to-left scripts, rotated text boxes and a vertical page (LibreOffice fixtures,
/// `fixtures/make_pdfs.py`): word recall against pdftotext's words, recorded in
/// `fixtures/reference/pdftotext-fixture-words.tsv` so that pdftotext is not needed here.
#[test]
fn other_scripts_and_orientations_recall_pdftotext() {
    let reference =
        std::fs::read_to_string(root().join("fixtures/reference/pdftotext-fixture-words.tsv"))
            .expect("reference");
    for name in ["arabic", "hebrew", "rotated-boxes", "vertical"] {
        let file = format!("{name}.pdf");
        let line = reference
            .lines()
            .find(|l| l.split('\t').next() == Some(file.as_str()))
            .unwrap_or_else(|| panic!("{file} is in the reference"));
        let mut theirs: HashMap<String, usize> = HashMap::new();
        let toks: Vec<&str> = line.split('\t').nth(2).unwrap_or("").split(' ').collect();
        for p in toks.chunks(2) {
            if let [w, n] = p {
                theirs.insert((*w).to_owned(), n.parse().unwrap_or(0));
            }
        }
        let bytes = std::fs::read(root().join("fixtures/formats/pdf").join(&file)).expect("pdf");
        let doc =
            msglint::extract::extract_bytes(msglint::document::Kind::Pdf, &bytes, file.clone())
                .expect("readable");
        let mine = word_counts(&doc);
        let total: usize = theirs.values().sum();
        let found: usize = theirs
            .iter()
            .map(|(w, n)| (*n).min(mine.get(w).copied().unwrap_or(0)))
            .sum();
        let missed: Vec<&String> = theirs.keys().filter(|w| !mine.contains_key(*w)).collect();
        let recall = found as f64 / total as f64;
        eprintln!("{file}: recall {recall:.3} of {total} words");
        assert!(total >= 20, "{file}: the reference has words");
        assert!(
            recall >= 0.95,
            "{file}: recall {recall:.3}, missed {missed:?}"
        );
    }
}

#[test]
fn extract_snapshots_other_scripts_and_orientations() {
    for name in ["arabic", "hebrew", "rotated-boxes", "vertical"] {
        let f = format!("fixtures/formats/pdf/{name}.pdf");
        let out = msglint(&["extract", &f]);
        assert_eq!(out.code, 0, "{f}: {}", out.stderr);
        insta::assert_snapshot!(format!("pdf_extract_{name}"), out.stdout);
    }
    let rotated = msglint(&["extract", "fixtures/formats/pdf/rotated-boxes.pdf"]).stdout;
    for line in [
        "This box is rotated by ninety degrees and reads from",
        "the bottom of the page to the top, Lumora Inbox.",
        "This box is rotated by two hundred seventy degrees",
        "This box is upside down and reads from right to left,",
    ] {
        assert!(
            rotated.contains(line),
            "a rotated box reads as lines: {rotated}"
        );
    }
    let vertical = msglint(&["extract", "fixtures/formats/pdf/vertical.pdf"]).stdout;
    for column in ["縦書きの案内です。", "以前の HelpBot はもう使いません。"] {
        assert!(
            vertical.contains(column),
            "a vertical column reads as a line: {vertical}"
        );
    }
}

/// A retired term and a misspelt company name inside right-to-left text are found, and
/// their line and column point at them in the logical-order extract text.
#[test]
fn findings_inside_right_to_left_text() {
    let v = json(&[
        "check",
        "--platform",
        DEMO_PLATFORM,
        "fixtures/formats/pdf/arabic.pdf",
        "fixtures/formats/pdf/hebrew.pdf",
    ]);
    let d = diags(&v);
    for (file, rule, matched, line_starts) in [
        (
            "arabic.pdf",
            "retired-term",
            "HelpBot",
            "منذ عام 2024 نستخدم HelpBot",
        ),
        (
            "hebrew.pdf",
            "retired-term",
            "HelpBot",
            "מאז 2024 אנחנו משתמשים ב HelpBot",
        ),
        (
            "hebrew.pdf",
            "brand-name",
            "LumoraAI",
            "מאז 2024 אנחנו משתמשים ב HelpBot",
        ),
    ] {
        let x = d
            .iter()
            .find(|x| {
                x["path"].as_str().is_some_and(|p| p.ends_with(file))
                    && x["rule"] == rule
                    && x["matched"] == matched
            })
            .unwrap_or_else(|| panic!("no {rule} {matched} in {file}: {d:#?}"));
        assert_eq!(x["location"]["page"], 1);
        let dump = msglint(&["extract", &format!("fixtures/formats/pdf/{file}")]).stdout;
        let line_no = x["location"]["line"].as_u64().unwrap_or(0) as usize;
        let line = dump.lines().nth(line_no - 1).unwrap_or("");
        assert!(
            line.split_once("] ")
                .is_some_and(|(_, t)| t.starts_with(line_starts)),
            "{file}: the finding's line reads in logical order: {line:?}"
        );
        let col = x["location"]["column"].as_u64().unwrap_or(1) as usize - 1;
        let at: String = line.chars().skip(col).collect();
        assert!(
            at.starts_with(matched),
            "{file}: column points at {matched}: {at:?}"
        );
    }
    let human = msglint(&[
        "check",
        "--platform",
        DEMO_PLATFORM,
        "--color",
        "never",
        "fixtures/formats/pdf/arabic.pdf",
        "fixtures/formats/pdf/hebrew.pdf",
    ])
    .stdout;
    insta::assert_snapshot!("pdf_findings_right_to_left_human", human);
}

/// A one-page PDF whose page dictionary carries `/Junk` nested `depth` arrays deep, and whose
/// text names a retired term.
fn pdf_with_nested_page_dict(depth: usize) -> Vec<u8> {
    let content = "BT /F1 12 Tf 72 720 Td (Our HelpBot answers every ticket.) Tj ET";
    let nest = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R /Junk {nest} >>"
        ),
        format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut b = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(b.len());
        b.push_str(&format!("{} 0 obj\n{o}\nendobj\n", i + 1));
    }
    let xref = b.len();
    b.push_str(&format!(
        "xref\n0 {}\n0000000000 65535 f \n",
        objects.len() + 1
    ));
    for o in offsets {
        b.push_str(&format!("{o:010} 00000 n \n"));
    }
    b.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    b.into_bytes()
}

/// lopdf leaves out an object nested deeper than 100 levels without an error; the page read
/// as blank and the run said "No problems found". It is `unreadable`, with the reason.
#[test]
fn a_page_dictionary_nested_too_deep_is_unreadable_not_blank() {
    let dir = temp_dir("pdf-deep-page");
    std::fs::write(dir.join("shallow.pdf"), pdf_with_nested_page_dict(5)).expect("write");
    std::fs::write(dir.join("deep.pdf"), pdf_with_nested_page_dict(120)).expect("write");
    let platform = root().join(DEMO_PLATFORM);
    let platform = platform.to_str().expect("utf-8");
    let shallow = run_in(
        &dir,
        &["check", "--platform", platform, "shallow.pdf"],
        None,
    );
    assert!(
        shallow.stdout.contains("retired-term"),
        "{}",
        shallow.stdout
    );
    let deep = run_in(&dir, &["check", "--platform", platform, "deep.pdf"], None);
    assert_eq!(deep.code, 1, "{}{}", deep.stdout, deep.stderr);
    assert!(deep.stdout.contains("error[unreadable]"), "{}", deep.stdout);
    assert!(
        deep.stdout
            .contains("page 1: the page object (3 0 R) cannot be parsed")
            && deep.stdout.contains("nested 121 deep (more than 100)"),
        "{}",
        deep.stdout
    );
    assert!(
        !deep.stdout.contains("No problems found"),
        "{}",
        deep.stdout
    );
}
