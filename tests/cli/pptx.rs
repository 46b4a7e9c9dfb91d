//! PowerPoint: extraction snapshots, findings on decks, safety against hostile files, and the
//! sweep of every deck in the corpus with coverage against python-pptx.

use super::*;
use std::io::Write;

fn zip_with(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        w.start_file(*name, opts).expect("start");
        w.write_all(data).expect("write");
    }
    w.finish().expect("finish").into_inner()
}

fn extract(bytes: &[u8]) -> Result<msglint::document::Document, String> {
    msglint::extract::extract_bytes(msglint::document::Kind::Pptx, bytes, "t.pptx".into())
        .map_err(|e| e.0)
}

/// Runs `f` on another thread and fails the test if it has not finished in `secs` (a hang
/// guard, not a timing).
fn within<T: Send + 'static>(secs: u64, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(std::time::Duration::from_secs(secs))
        .expect("did not finish: hang")
}

#[test]
fn extract_snapshots_per_structure() {
    let dir = root().join("fixtures/formats/pptx");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.ends_with(".pptx"))
        .collect();
    names.sort();
    assert!(names.len() >= 6, "{names:?}");
    for n in names
        .iter()
        .map(|n| format!("fixtures/formats/pptx/{n}"))
        .chain(["fixtures/demo/decks/q3-sales-deck.pptx".to_string()])
    {
        let out = msglint(&["extract", &n]);
        assert_eq!(out.code, 0, "{n}: {}", out.stderr);
        let name = Path::new(&n)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("x")
            .to_owned();
        insta::assert_snapshot!(format!("pptx_extract_{name}"), out.stdout);
    }
}

#[test]
fn findings_on_decks_name_slide_shape_and_notes() {
    let v = json(&["check", "fixtures/demo/decks"]);
    let d = diags(&v);
    let at = |rule: &str, m: &str| {
        d.iter()
            .find(|x| x["rule"] == rule && x["matched"] == m)
            .unwrap_or_else(|| panic!("no {rule} {m}: {d:#?}"))
            .clone()
    };
    let x = at("brand-name", "LumoraAI");
    assert_eq!(
        (
            x["location"]["slide"].as_u64(),
            x["location"]["shape"].as_str()
        ),
        (Some(1), Some("Title 1"))
    );
    let notes: Vec<_> = d
        .iter()
        .filter(|x| x["location"]["notes"] == true)
        .collect();
    // Speaker notes are checked (slide 8's competitor) and located as notes; slide 2's
    // "Lumora Inbox replaced HelpBot in 2025" tells the rename and keeps the old name.
    assert!(
        notes
            .iter()
            .any(|x| x["matched"] == "Gorgias" && x["location"]["slide"] == 8),
        "{notes:#?}"
    );
    assert!(
        !notes
            .iter()
            .any(|x| x["matched"] == "HelpBot" && x["location"]["slide"] == 2),
        "{notes:#?}"
    );
    let x = at("brand-name", "Inbox by Lumora");
    assert_eq!(
        (
            x["location"]["slide"].as_u64(),
            x["location"]["shape"].as_str()
        ),
        (Some(4), Some("TextBox 6")),
        "nested group shape"
    );
    let x = at("competitor-mention", "Gorgias");
    assert_eq!(x["location"]["paragraph"], 1);
    assert!(
        d.iter()
            .any(|x| x["location"]["shape"] == "Plan table" && x["location"]["paragraph"] == 3),
        "table row 3"
    );
    assert!(
        d.iter().any(|x| x["location"]["shape"] == "Chart 1"),
        "chart title"
    );
    assert!(
        d.iter()
            .any(|x| x["location"]["shape"] == "Hero image"
                && x["rule"] == "unsupported-superlative"),
        "alt text"
    );
    assert!(
        d.iter().any(|x| x["location"]["slide"] == 6),
        "hidden slides are linted"
    );
    // Slide 7's notes say `msglint-disable competitor-mention`: Zendesk there is silent,
    // Gorgias in slide 8's notes is not.
    assert!(!d.iter().any(|x| x["matched"] == "Zendesk"));
    assert!(
        d.iter()
            .any(|x| x["matched"] == "Gorgias" && x["location"]["slide"] == 8)
    );
    // line/column point into the `msglint extract` text.
    let dump = msglint(&["extract", "fixtures/demo/decks/q3-sales-deck.pptx"]).stdout;
    for x in &d {
        let line = dump
            .lines()
            .nth(x["location"]["line"].as_u64().unwrap_or(1) as usize - 1)
            .unwrap_or("");
        let col = x["location"]["column"].as_u64().unwrap_or(1) as usize - 1;
        let at: String = line.chars().skip(col).collect();
        assert!(
            at.starts_with(x["matched"].as_str().unwrap_or("?")),
            "{x}: {line}"
        );
    }
    let human = msglint(&["check", "fixtures/demo/decks", "--color", "never"]).stdout;
    insta::assert_snapshot!("pptx_demo_human", human);
}

#[test]
fn hostile_and_broken_decks_are_unreadable_with_reasons() {
    // A zip bomb: 100 MiB of zeros in one part (compresses about 1000:1).
    let bomb = within(20, || {
        zip_with(&[("ppt/presentation.xml", &vec![b' '; 100 * 1024 * 1024])])
    });
    let e = within(10, move || extract(&bomb)).expect_err("bomb refused");
    assert!(e.contains("zip bomb"), "{e}");
    // A smaller bomb under the size cap still fails the ratio check.
    let ratio = zip_with(&[("ppt/presentation.xml", &vec![b' '; 8 * 1024 * 1024])]);
    let e = extract(&ratio).expect_err("ratio refused");
    assert!(e.contains("expands"), "{e}");
    // Billion laughs in a slide part.
    let mut lol = String::from("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
    for i in 1..10 {
        let prev = if i == 1 {
            "lol".to_string()
        } else {
            format!("lol{}", i - 1)
        };
        lol.push_str(&format!(
            "<!ENTITY lol{i} \"{}\">",
            format!("&{prev};").repeat(10)
        ));
    }
    lol.push_str("]><p:presentation xmlns:p=\"p\">&lol9;</p:presentation>");
    let laughs = zip_with(&[("ppt/presentation.xml", lol.as_bytes())]);
    let e = within(10, move || extract(&laughs)).expect_err("billion laughs refused");
    assert!(e.contains("DTD"), "{e}");
    // Deep nesting.
    let deep = format!("<p:presentation>{}</p:presentation>", "<a>".repeat(100_000));
    let e =
        extract(&zip_with(&[("ppt/presentation.xml", deep.as_bytes())])).expect_err("deep refused");
    assert!(e.contains("deeper than"), "{e}");
    // A missing part, a truncated zip, a non-zip, an empty file, a legacy OLE file.
    let e = extract(&zip_with(&[("docProps/app.xml", b"<x/>")])).expect_err("missing");
    assert!(e.contains("missing part ppt/presentation.xml"), "{e}");
    let good = std::fs::read(root().join("fixtures/formats/pptx/table.pptx")).expect("fixture");
    let e = extract(&good[..good.len() / 2]).expect_err("truncated");
    assert!(e.contains("corrupt or truncated zip"), "{e}");
    assert!(
        extract(b"<html>not a deck</html>")
            .expect_err("non-zip")
            .contains("not a zip package")
    );
    assert!(extract(b"").expect_err("empty").contains("empty file"));
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend_from_slice(&[0; 64]);
    assert!(
        extract(&ole)
            .expect_err("ole")
            .contains("legacy binary Office file")
    );
}

#[test]
fn one_bad_deck_never_stops_the_run() {
    let dir = temp_dir("baddeck");
    std::fs::copy(root().join(DEMO_PLATFORM), dir.join("msglint.yaml")).expect("copy");
    std::fs::write(dir.join("broken.pptx"), b"PK\x03\x04 truncated").expect("write");
    std::fs::copy(
        root().join("fixtures/demo/decks/q3-sales-deck.pptx"),
        dir.join("good.pptx"),
    )
    .expect("copy");
    let out = run_in(&dir, &["check", ".", "--format", "json"], None);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(v["summary"]["files"], 2);
    assert_eq!(v["summary"]["unreadable"], 1);
    assert!(
        diags(&v)
            .iter()
            .any(|x| x["path"] == "good.pptx" && x["rule"] == "retired-term")
    );
}

/// python-pptx's reading of every corpus deck, recorded by `bench/python_pptx_words.py`.
fn python_pptx_reference() -> Vec<(String, bool, Vec<String>)> {
    let text = std::fs::read_to_string(root().join("fixtures/reference/python-pptx-words.tsv"))
        .expect("reference");
    text.lines()
        .filter_map(|l| {
            let mut it = l.split('\t');
            let (f, st, words) = (it.next()?, it.next()?, it.next().unwrap_or(""));
            Some((
                f.to_owned(),
                st == "ok",
                words.split_whitespace().map(str::to_owned).collect(),
            ))
        })
        .collect()
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[test]
fn corpus_sweep_decks_and_coverage_against_python_pptx() {
    let Some(corpus) = corpus("corpus_sweep_decks_and_coverage_against_python_pptx") else {
        return;
    };
    let dir = corpus.join("pptx");
    let reference = python_pptx_reference();
    assert_eq!(reference.len(), 141, "one reference line per corpus deck");
    let mut recalls = Vec::new();
    let mut unreadable = Vec::new();
    for (file, py_ok, py_words) in &reference {
        let bytes = std::fs::read(dir.join(file)).expect("deck");
        match msglint::extract::extract_bytes(msglint::document::Kind::Pptx, &bytes, file.clone()) {
            Err(e) => {
                assert!(
                    !e.0.contains("internal error"),
                    "{file}: panic caught: {}",
                    e.0
                );
                assert!(!py_ok, "{file}: python-pptx opens it, msglint says {}", e.0);
                unreadable.push(format!("{file}: {}", e.0));
            }
            Ok(doc) => {
                if !py_ok || py_words.is_empty() {
                    continue;
                }
                let mut mine: std::collections::HashMap<String, usize> = Default::default();
                for s in &doc.segments {
                    for w in words(&s.text) {
                        *mine.entry(w).or_default() += 1;
                    }
                }
                let mut found = 0usize;
                for w in py_words {
                    if let Some(n) = mine.get_mut(w).filter(|n| **n > 0) {
                        *n -= 1;
                        found += 1;
                    }
                }
                recalls.push(found as f64 / py_words.len() as f64);
            }
        }
    }
    recalls.sort_by(|a, b| a.total_cmp(b));
    let median = recalls[recalls.len() / 2];
    eprintln!(
        "decks: {} unreadable, median recall {median:.4} over {} decks",
        unreadable.len(),
        recalls.len()
    );
    for u in &unreadable {
        eprintln!("  {u}");
    }
    assert_eq!(unreadable.len(), 7, "{unreadable:#?}");
    assert!(
        unreadable
            .iter()
            .filter(|u| u.contains("password-protected"))
            .count()
            == 2
    );
    assert!(median >= 0.98, "median word recall {median}");
    // What python-pptx does not read: SmartArt, chart titles, alt text.
    let dump = |f: &str| {
        msglint(&[
            "extract",
            &corpus.join("pptx").join(f).display().to_string(),
        ])
        .stdout
    };
    assert!(dump("tika__testPPT_diagramData.pptx").contains("[smartart]"));
    assert!(dump("tika__testPPT_charts.pptx").contains("[chart title] Chart 3 ¶1: wants a peach"));
    assert!(
        dump("phppresentation__PPTX_MarkAsFinal.pptx")
            .contains("[alt text] PHPPresentation logo: PHPPresentation logo")
    );
}
