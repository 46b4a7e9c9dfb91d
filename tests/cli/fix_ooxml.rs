//! `msglint fix`: corrected copies of decks, Word files and pages, read back by real
//! readers (python-pptx, python-docx, LibreOffice), the run-split fixture read at the XML
//! level, and the corpus sweep (every deck msglint reads gives a package python-pptx opens;
//! untouched parts are copied as stored).

use super::*;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;

const FIXABLE: [&str; 3] = ["brand-name", "preferred-term", "retired-term"];

/// Whether python-pptx and python-docx are installed (tests/requirements.txt).
fn office_readers(test: &str) -> bool {
    static OK: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    let ok = *OK.get_or_init(|| {
        Command::new("python3")
            .args(["-c", "import pptx, docx"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    });
    external(test, "python3 with python-pptx and python-docx", ok)
}

/// Text by place of each file, as python-pptx / python-docx read it (tests/office_text.py).
fn office_text(files: &[&Path]) -> BTreeMap<String, BTreeMap<String, String>> {
    let out = Command::new("python3")
        .arg(root().join("tests/office_text.py"))
        .args(files)
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("office_text JSON")
}

/// LibreOffice with Impress and Writer (converting a deck needs Impress).
fn soffice(test: &str) -> bool {
    let ok = Path::new("/usr/bin/soffice").exists()
        && ["libreoffice-impress", "libreoffice-writer"]
            .iter()
            .all(|p| {
                [p.to_string(), format!("{p}-nogui")].iter().any(|name| {
                    Command::new("dpkg")
                        .args(["-s", name])
                        .stdout(Stdio::null())
                        .stderr(Stdio::null())
                        .status()
                        .is_ok_and(|s| s.success())
                })
            });
    external(test, "LibreOffice (soffice with Impress and Writer)", ok)
}

fn sha(path: &Path) -> String {
    let bytes = std::fs::read(path).expect("read");
    msglint::diagnostic::fnv64(&[&String::from_utf8_lossy(&bytes), &bytes.len().to_string()])
}

/// (rule, slide, shape, notes, page, paragraph, matched, message) of each finding.
fn finding_keys(v: &serde_json::Value, fixable: bool) -> Vec<String> {
    let mut keys: Vec<String> = diags(v)
        .iter()
        .filter(|d| FIXABLE.contains(&d["rule"].as_str().unwrap_or("")) == fixable)
        .map(|d| {
            let l = &d["location"];
            format!(
                "{} {} {} {} {} {} {} {}",
                d["rule"],
                l["slide"],
                l["shape"],
                l["notes"],
                l["page"],
                l["paragraph"],
                d["matched"],
                d["message"]
            )
        })
        .collect();
    keys.sort();
    keys
}

#[test]
fn fix_demo_deck_and_one_pager() {
    let dir = temp_dir("fix-demo");
    for (input, changed_places) in [
        (
            "fixtures/demo/decks/q3-sales-deck.pptx",
            vec![
                "slide 1, Title 1",
                "slide 2, Content Placeholder 2",
                // Not the notes' "Lumora Inbox replaced HelpBot in 2025": a sentence
                // about the rename keeps the old name.
                "slide 3, Plan table",
                "slide 4, TextBox 6",
                "slide 5, Chart 1",
                "slide 6, Title 1",
            ],
        ),
        (
            "fixtures/demo/one-pagers/lumora-overview.docx",
            vec![
                "page 1, paragraph 3",
                "page 1, paragraph 5",
                "header1, paragraph 1",
            ],
        ),
    ] {
        let name = Path::new(input)
            .file_name()
            .and_then(|n| n.to_str())
            .expect("name");
        let output = dir.join(name);
        let before = sha(&root().join(input));
        let out = msglint(&[
            "fix",
            input,
            "-o",
            output.to_str().expect("utf-8"),
            "--platform",
            DEMO_PLATFORM,
            "--report",
        ]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert_eq!(
            sha(&root().join(input)),
            before,
            "the input is never written"
        );
        // One report line per change, with the place and before → after.
        let places: BTreeSet<String> = out
            .stdout
            .lines()
            .filter(|l| !l.starts_with("skipped"))
            .filter_map(|l| l.split_once(": \"").map(|(p, _)| p.to_owned()))
            .collect();
        let expected: BTreeSet<String> = changed_places.iter().map(|s| s.to_string()).collect();
        assert_eq!(places, expected, "{}", out.stdout);
        assert!(
            out.stdout
                .contains("\"HelpBot\" → \"Lumora Assist\" (retired-term)")
        );
        // The output: none of the fixable findings, every other finding unchanged.
        let old = json(&["check", "--platform", DEMO_PLATFORM, input]);
        let new = json(&[
            "check",
            "--platform",
            DEMO_PLATFORM,
            output.to_str().expect("utf-8"),
        ]);
        assert!(!finding_keys(&old, true).is_empty());
        assert_eq!(
            finding_keys(&new, true),
            Vec::<String>::new(),
            "fixable findings remain"
        );
        assert_eq!(finding_keys(&old, false), finding_keys(&new, false));
        // The dry run shows the same changes and writes nothing.
        let dry = dir.join(format!("dry-{name}"));
        let out2 = msglint(&[
            "fix",
            input,
            "-o",
            dry.to_str().expect("utf-8"),
            "--platform",
            DEMO_PLATFORM,
            "--dry-run",
        ]);
        assert_eq!(out2.code, 0, "{}", out2.stderr);
        assert_eq!(out2.stdout, out.stdout);
        assert!(!dry.exists(), "--dry-run wrote a file");
    }
    let deck = dir.join("q3-sales-deck.pptx");
    let doc = dir.join("lumora-overview.docx");
    if office_readers("fix_demo_deck_and_one_pager") {
        let deck_in = root().join("fixtures/demo/decks/q3-sales-deck.pptx");
        let doc_in = root().join("fixtures/demo/one-pagers/lumora-overview.docx");
        let texts = office_text(&[&deck_in, &deck, &doc_in, &doc]);
        let t = |p: &Path| {
            texts
                .get(p.to_str().expect("utf-8"))
                .cloned()
                .expect("read back")
        };
        for (a, b, changed) in [
            (
                t(&deck_in),
                t(&deck),
                vec![
                    "slide 1, Title 1",
                    "slide 2, Content Placeholder 2",
                    "slide 3, Plan table",
                    "slide 4, TextBox 6",
                    "slide 6, Title 1",
                ],
            ),
            (
                t(&doc_in),
                t(&doc),
                // The Word extract counts table rows as paragraphs: its ¶5 is a table row.
                vec!["paragraph 3", "table 1 row 2", "section 1 header"],
            ),
        ] {
            assert!(!b.contains_key("error"), "{b:?}");
            assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
            for (place, text) in &a {
                if changed.contains(&place.as_str()) {
                    assert_ne!(text, &b[place], "{place} was to be corrected");
                } else {
                    assert_eq!(text, &b[place], "{place} is not touched by a fix");
                }
            }
        }
        assert_eq!(
            t(&deck)["slide 1, Title 1"],
            "Lumora for growing brands",
            "the brand name corrected in place"
        );
        assert!(t(&doc)["table 1 row 2"].contains("Help desk"));
    }
    if soffice("fix_demo_deck_and_one_pager") {
        let pdfs = dir.join("pdf");
        let out = Command::new("/usr/bin/soffice")
            .args([
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
            ])
            .arg(&pdfs)
            .arg(&deck)
            .arg(&doc)
            .env("HOME", &dir)
            .output()
            .expect("soffice");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        for f in ["q3-sales-deck.pdf", "lumora-overview.pdf"] {
            let len = std::fs::metadata(pdfs.join(f)).map_or(0, |m| m.len());
            assert!(len > 1000, "LibreOffice converted {f} ({len} bytes)");
        }
    }
}

/// The entries of a zip: (name, raw stored bytes, uncompressed bytes), in order.
fn entries(bytes: &[u8]) -> Vec<(String, Vec<u8>, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut out = Vec::new();
    for i in 0..z.len() {
        let mut raw = Vec::new();
        let name = {
            let mut f = z.by_index_raw(i).expect("entry");
            f.read_to_end(&mut raw).expect("raw");
            f.name().expect("name").to_string()
        };
        let mut data = Vec::new();
        z.by_index(i)
            .expect("entry")
            .read_to_end(&mut data)
            .expect("data");
        out.push((name, raw, data));
    }
    out
}

/// `<a:r>…</a:r>` elements of a part, split into (run properties, text).
fn runs(xml: &str) -> Vec<(String, String)> {
    xml.split("<a:r>")
        .skip(1)
        .filter_map(|r| r.split_once("</a:r>").map(|(r, _)| r))
        .map(|r| {
            let props = r.split("<a:t>").next().unwrap_or("").to_owned();
            let text = r
                .split_once("<a:t>")
                .and_then(|(_, t)| t.split_once("</a:t>"))
                .map_or(String::new(), |(t, _)| t.to_owned());
            (props, text)
        })
        .collect()
}

#[test]
fn run_split_matches_keep_each_runs_formatting() {
    let dir = temp_dir("fix-runsplit");
    let input = "fixtures/formats/pptx/run-split.pptx";
    let output = dir.join("run-split.pptx");
    let out = msglint(&[
        "fix",
        input,
        "-o",
        output.to_str().expect("utf-8"),
        "--platform",
        DEMO_PLATFORM,
        "--report",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains(
            "skipped slide 1, Split runs: \"HelpBot\" → \"Lumora Assist\" (retired-term): the match runs through a hyperlink boundary"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(
            "skipped slide 1, Split runs: \"LumoraAI\" → \"Lumora\" (brand-name): the match runs through a field"
        ),
        "{}",
        out.stdout
    );
    let a = entries(&std::fs::read(root().join(input)).expect("input"));
    let b = entries(&std::fs::read(&output).expect("output"));
    assert_eq!(
        a.iter().map(|e| &e.0).collect::<Vec<_>>(),
        b.iter().map(|e| &e.0).collect::<Vec<_>>(),
        "same entries in the same order"
    );
    for (x, y) in a.iter().zip(&b) {
        if x.0 == "ppt/slides/slide1.xml" {
            continue;
        }
        assert_eq!(x.1, y.1, "{} is copied as stored", x.0);
    }
    let slide = |e: &[(String, Vec<u8>, Vec<u8>)]| {
        let s = e
            .iter()
            .find(|x| x.0 == "ppt/slides/slide1.xml")
            .expect("slide 1");
        String::from_utf8(s.2.clone()).expect("utf-8")
    };
    let (before, after) = (runs(&slide(&a)), runs(&slide(&b)));
    assert_eq!(before.len(), after.len(), "no run merged or dropped");
    for (x, y) in before.iter().zip(&after) {
        assert_eq!(x.0, y.0, "each run keeps its formatting");
    }
    let texts: Vec<&str> = after.iter().map(|r| r.1.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Meet Lum",
            "ora",
            " today",
            "Our he",
            "lp de",
            "sk answers fast",
            "Ask Help",
            "Bot anything",
            "Page by Lumora",
            "AI",
            "Resolve 35% of tickets ",
            "automatically"
        ]
    );
    // The formats of the three runs that hold the brand name are three different ones.
    let props: BTreeSet<&str> = after[..3].iter().map(|r| r.0.as_str()).collect();
    assert_eq!(props.len(), 3);
    // A deck with nothing to fix comes back byte for byte.
    let clean = dir.join("clean.pptx");
    let out = msglint(&[
        "fix",
        "fixtures/formats/pptx/table.pptx",
        "-o",
        clean.to_str().expect("utf-8"),
        "--platform",
        DEMO_PLATFORM,
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        std::fs::read(&clean).expect("out"),
        std::fs::read(root().join("fixtures/formats/pptx/table.pptx")).expect("in")
    );
}

#[test]
fn fix_refuses_its_input_pdfs_and_fixes_pages_like_check_fix() {
    let dir = temp_dir("fix-misc");
    let deck = dir.join("deck.pptx");
    std::fs::copy(root().join("fixtures/demo/decks/q3-sales-deck.pptx"), &deck).expect("copy");
    let before = std::fs::read(&deck).expect("read");
    let d = deck.to_str().expect("utf-8");
    let out = msglint(&["fix", d, "-o", d, "--platform", DEMO_PLATFORM]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("never writes its input"),
        "{}",
        out.stderr
    );
    assert_eq!(std::fs::read(&deck).expect("read"), before);
    // PDFs are not corrected.
    let pdf = std::fs::read_dir(root().join("fixtures/formats/pdf"))
        .expect("pdf fixtures")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "pdf"))
        .expect("a PDF fixture");
    let out = msglint(&[
        "fix",
        pdf.to_str().expect("utf-8"),
        "-o",
        dir.join("x.pdf").to_str().expect("utf-8"),
        "--platform",
        DEMO_PLATFORM,
    ]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("PDF cannot be corrected"),
        "{}",
        out.stderr
    );
    // Markdown: the same edits as `check --fix`, into a new file.
    let md = dir.join("note.md");
    std::fs::write(
        &md,
        "# Launch\n\nOur helpdesk works with HelpBot. See `HelpBot` docs.\n",
    )
    .expect("write");
    let fixed = dir.join("fixed.md");
    let out = msglint(&[
        "fix",
        md.to_str().expect("utf-8"),
        "-o",
        fixed.to_str().expect("utf-8"),
        "--platform",
        DEMO_PLATFORM,
        "--report",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        std::fs::read_to_string(&fixed).expect("fixed"),
        "# Launch\n\nOur help desk works with Lumora Assist. See `HelpBot` docs.\n"
    );
    assert!(
        std::fs::read_to_string(&md)
            .expect("md")
            .contains("helpdesk")
    );
    // A hostile deck is named unreadable, exit 2.
    let bomb = dir.join("bomb.pptx");
    std::fs::write(&bomb, b"PK\x03\x04truncated").expect("write");
    let out = msglint(&[
        "fix",
        bomb.to_str().expect("utf-8"),
        "-o",
        dir.join("out.pptx").to_str().expect("utf-8"),
        "--platform",
        DEMO_PLATFORM,
    ]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("corrupt or truncated"),
        "{}",
        out.stderr
    );
    assert!(!dir.join("out.pptx").exists());
}

/// A platform whose retired phrases are common words, so real decks have much to fix. No
/// `retired_on`: a deck last saved before it would be history (info), not fixed.
const SWEEP_PLATFORM: &str = "version: 1
company:
  name: Acme
retired:
  - phrase: data
    replacement: information
    reason: renamed
  - phrase: slide
    replacement: page
    reason: renamed
  - phrase: the system
    replacement: the platform
    reason: renamed
";

#[test]
fn corpus_fix_sweep_decks() {
    use msglint::document::Kind;
    let Some(corpus) = corpus("corpus_fix_sweep_decks") else {
        return;
    };
    let dir = temp_dir("fix-corpus");
    let platform = dir.join("msglint.yaml");
    std::fs::write(&platform, SWEEP_PLATFORM).expect("platform");
    let engine = msglint::check::Engine::new(msglint::platform::load(&platform).expect("load"));
    let demo = msglint::check::Engine::new(
        msglint::platform::load(&root().join(DEMO_PLATFORM)).expect("demo platform"),
    );
    let mut decks: Vec<PathBuf> = std::fs::read_dir(corpus.join("pptx"))
        .expect("corpus pptx")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| Kind::from_path(p) == Some(Kind::Pptx))
        .collect();
    decks.sort();
    assert!(decks.len() > 100, "{}", decks.len());
    // The decks python-pptx itself opens (the corpus's ground truth): a corrected copy of
    // one of them must open too.
    let opens: BTreeSet<String> =
        std::fs::read_to_string(corpus.join("GROUND_TRUTH_python-pptx.tsv"))
            .expect("ground truth")
            .lines()
            .filter_map(|l| {
                let cols: Vec<&str> = l.split('\t').collect();
                (cols.get(8) == Some(&"ok")).then(|| cols[0].to_owned())
            })
            .collect();
    let (mut read, mut fixed, mut identical, mut changes, mut skipped) = (0, 0, 0, 0, 0);
    let mut written: Vec<PathBuf> = Vec::new();
    for (i, deck) in decks.iter().enumerate() {
        let bytes = std::fs::read(deck).expect("read");
        let name = deck.display().to_string();
        if msglint::extract::extract_bytes(Kind::Pptx, &bytes, name.clone()).is_err() {
            continue;
        }
        read += 1;
        // The demo platform finds nothing to fix in these decks: byte for byte.
        let clean = msglint::fix::file::fix_bytes(&demo, Kind::Pptx, &bytes, &name, deck)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        if clean.changes.is_empty() {
            assert_eq!(clean.bytes, bytes, "{name}: nothing to fix, yet changed");
            identical += 1;
        }
        let o = msglint::fix::file::fix_bytes(&engine, Kind::Pptx, &bytes, &name, deck)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        if o.changes.is_empty() {
            assert_eq!(o.bytes, bytes, "{name}: nothing fixed, yet changed");
            continue;
        }
        fixed += 1;
        changes += o.changes.len();
        skipped += o.skipped.len();
        // Same entries in the same order; parts without text copied as stored.
        let (a, b) = (entries(&bytes), entries(&o.bytes));
        assert_eq!(
            a.iter().map(|e| &e.0).collect::<Vec<_>>(),
            b.iter().map(|e| &e.0).collect::<Vec<_>>(),
            "{name}"
        );
        for (x, y) in a.iter().zip(&b) {
            if x.2 != y.2 {
                assert!(
                    [
                        "ppt/slides/",
                        "ppt/notesSlides/",
                        "ppt/charts/",
                        "ppt/diagrams/"
                    ]
                    .iter()
                    .any(|p| x.0.starts_with(p)),
                    "{name}: {} changed",
                    x.0
                );
            } else {
                assert_eq!(x.1, y.1, "{name}: {} not copied as stored", x.0);
            }
        }
        // Checking the output finds only what was skipped.
        let doc = msglint::extract::extract_bytes(Kind::Pptx, &o.bytes, name.clone())
            .unwrap_or_else(|e| panic!("{name}: output unreadable: {}", e.0));
        let left = engine
            .check(&doc, deck)
            .iter()
            .filter(|d| d.rule == "retired-term")
            .count();
        assert_eq!(left, o.skipped.len(), "{name}: {:?}", o.skipped);
        let file = deck.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if opens.contains(file) {
            let out = dir.join(format!("{i}.pptx"));
            std::fs::write(&out, &o.bytes).expect("write");
            written.push(out);
        }
    }
    println!(
        "corpus fix sweep: {} decks, {read} read, {identical} byte-identical with nothing to fix; with common words retired: {fixed} fixed ({changes} replacements, {skipped} skipped)",
        decks.len()
    );
    assert!(read > 100 && fixed > 20, "{read} read, {fixed} fixed");
    if office_readers("corpus_fix_sweep_decks") {
        let paths: Vec<&Path> = written.iter().map(PathBuf::as_path).collect();
        let texts = office_text(&paths);
        for (p, t) in &texts {
            assert!(
                !t.contains_key("error"),
                "python-pptx cannot open {p}: {t:?}"
            );
        }
        assert_eq!(texts.len(), written.len());
    }
}

/// SmartArt: the data part and the drawing of its last layout are corrected together, so
/// every viewer shows the new text.
#[test]
fn corpus_smartart_drawing_follows_its_data() {
    let Some(corpus) = corpus("corpus_smartart_drawing_follows_its_data") else {
        return;
    };
    let dir = temp_dir("fix-smartart");
    let platform = dir.join("msglint.yaml");
    std::fs::write(
        &platform,
        "version: 1\ncompany:\n  name: Acme\nretired:\n  - phrase: smart2\n    replacement: clever2\n    reason: renamed\n",
    )
    .expect("platform");
    let input = corpus.join("pptx/tika__testPPT_groups.pptx");
    let output = dir.join("groups.pptx");
    let out = msglint(&[
        "fix",
        input.to_str().expect("utf-8"),
        "-o",
        output.to_str().expect("utf-8"),
        "--platform",
        platform.to_str().expect("utf-8"),
        "--report",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("slide 2, Diagram 17: \"smart2\" → \"clever2\" (retired-term)"),
        "{}",
        out.stdout
    );
    let parts = entries(&std::fs::read(&output).expect("output"));
    for name in ["ppt/diagrams/data1.xml", "ppt/diagrams/drawing1.xml"] {
        let xml = parts
            .iter()
            .find(|e| e.0 == name)
            .map(|e| String::from_utf8_lossy(&e.2).into_owned())
            .expect(name);
        assert!(xml.contains("clever2") && !xml.contains("smart2"), "{name}");
    }
}

/// The same in Word: runs keep their properties, and a text node that gains an edge space
/// gets `xml:space="preserve"` (Word would drop the space without it).
#[test]
fn word_run_split_matches_keep_each_runs_formatting() {
    let dir = temp_dir("fix-runsplit-docx");
    let input = "fixtures/formats/docx/run-split.docx";
    let output = dir.join("run-split.docx");
    let out = msglint(&[
        "fix",
        input,
        "-o",
        output.to_str().expect("utf-8"),
        "--platform",
        DEMO_PLATFORM,
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let body = |bytes: &[u8]| {
        let e = entries(bytes);
        let doc = e
            .iter()
            .find(|x| x.0 == "word/document.xml")
            .expect("document.xml");
        String::from_utf8_lossy(&doc.2).into_owned()
    };
    let runs = |xml: &str| -> Vec<(String, String)> {
        xml.split("<w:r>")
            .skip(1)
            .filter_map(|r| r.split_once("</w:r>").map(|(r, _)| r))
            .map(|r| {
                let (props, t) = r.split_once("<w:t").unwrap_or((r, ""));
                (props.to_owned(), t.to_owned())
            })
            .collect()
    };
    let before = runs(&body(&std::fs::read(root().join(input)).expect("input")));
    let after = runs(&body(&std::fs::read(&output).expect("output")));
    assert_eq!(before.len(), after.len(), "no run merged or dropped");
    for (x, y) in before.iter().zip(&after) {
        assert_eq!(x.0, y.0, "each run keeps its properties");
    }
    let texts: Vec<&str> = after.iter().map(|r| r.1.as_str()).collect();
    assert_eq!(
        texts,
        [
            ">Meet Lum</w:t>",
            ">ora</w:t>",
            " xml:space=\"preserve\"> today</w:t>",
            " xml:space=\"preserve\">Try help </w:t>",
            ">desk now</w:t>",
            " xml:space=\"preserve\">Resolve 35% of tickets </w:t>",
            ">automatically</w:t>"
        ]
    );
}
