//! The one integration-test binary: runs the real `msglint` binary on fixtures (exit codes,
//! every format, snapshots of what users see) and sweeps the real-world corpus.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const DEMO_PLATFORM: &str = "fixtures/demo/msglint.yaml";
const SG_PLATFORM: &str = "fixtures/platforms/sourcegraph.yaml";

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run_in(dir: &Path, args: &[&str], stdin: Option<&str>) -> Out {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_msglint"));
    cmd.args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn msglint");
    if let Some(input) = stdin {
        use std::io::Write;
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input.as_bytes())
            .expect("write stdin");
    }
    let out = child.wait_with_output().expect("wait");
    Out {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn msglint(args: &[&str]) -> Out {
    run_in(&root(), args, None)
}

fn json(args: &[&str]) -> serde_json::Value {
    let mut a = args.to_vec();
    a.extend(["--format", "json"]);
    let out = msglint(&a);
    assert!(
        out.code == 0 || out.code == 1,
        "exit {}: {}",
        out.code,
        out.stderr
    );
    serde_json::from_str(&out.stdout).expect("valid JSON")
}

fn diags(v: &serde_json::Value) -> Vec<serde_json::Value> {
    v["diagnostics"].as_array().cloned().unwrap_or_default()
}

/// The paths of a JSON report's `files`, in its order.
fn file_paths(v: &serde_json::Value) -> Vec<String> {
    v["files"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|f| f["path"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("msglint-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

// ---------------------------------------------------------------- the demo (README command)

#[test]
fn demo_human_output() {
    let out = msglint(&["check", "fixtures/demo"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(!out.stdout.contains('\u{1b}'), "no colour when piped");
    insta::assert_snapshot!("demo_human", out.stdout);
}

#[test]
fn demo_json_output() {
    let v = json(&["check", "fixtures/demo"]);
    insta::assert_json_snapshot!("demo_json", v);
}

#[test]
fn demo_covers_every_rule_and_respects_policy() {
    let v = json(&["check", "fixtures/demo"]);
    let d = diags(&v);
    let rules: std::collections::BTreeSet<&str> =
        d.iter().filter_map(|x| x["rule"].as_str()).collect();
    for r in RULE_IDS {
        assert!(rules.contains(r), "demo lacks {r}");
    }
    // battlecards allow competitor mentions; legal/ skips retired-term and brand-name.
    assert!(!d.iter().any(|x| {
        x["path"]
            .as_str()
            .is_some_and(|p| p.contains("battlecards"))
            && x["rule"] == "competitor-mention"
    }));
    assert!(
        !d.iter()
            .any(|x| x["path"].as_str().is_some_and(|p| p.contains("legal/")))
    );
    // Chrome repeated on two pages is reported once.
    let chrome: Vec<_> = d
        .iter()
        .filter(|x| {
            x["message"]
                .as_str()
                .is_some_and(|m| m.contains("site chrome"))
        })
        .collect();
    assert_eq!(chrome.len(), 2, "{chrome:#?}");
    // The suppression comment in pricing.html silences Gorgias.
    assert!(
        !d.iter()
            .any(|x| x["matched"] == "Gorgias" && x["path"] == "fixtures/demo/site/pricing.html")
    );
}

// ---------------------------------------------------------------- rules: fire and stay silent

const RULE_IDS: [&str; 12] = [
    "brand-name",
    "preferred-term",
    "retired-term",
    "unsupported-superlative",
    "off-icp",
    "competitor-mention",
    "claim-mismatch",
    "message-drift",
    "missing-message",
    "boilerplate-drift",
    "cross-asset-conflict",
    "withdrawn-reference",
];

#[test]
fn every_rule_fires_on_its_fixtures_and_only_it() {
    for id in RULE_IDS {
        // Both fire files in one run (cross-asset-conflict compares them with each other).
        let (md, html) = (
            format!("fixtures/rules/{id}/fire.md"),
            format!("fixtures/rules/{id}/fire.html"),
        );
        let v = json(&["check", "--platform", DEMO_PLATFORM, &md, &html]);
        let d = diags(&v);
        for path in [&md, &html] {
            assert!(
                d.iter().any(|x| x["path"] == path.as_str()),
                "{path} draws no finding"
            );
        }
        for x in &d {
            assert_eq!(x["rule"], id, "unexpected {x}");
        }
        let out = msglint(&[
            "check",
            "--platform",
            DEMO_PLATFORM,
            "--color",
            "never",
            &md,
            &html,
        ]);
        insta::assert_snapshot!(format!("rule_{id}"), out.stdout);
    }
}

#[test]
fn rules_stay_silent_on_clean_fixtures() {
    for id in RULE_IDS {
        let path = format!("fixtures/rules/{id}/clean.md");
        let v = json(&["check", "--platform", DEMO_PLATFORM, &path]);
        assert_eq!(diags(&v), Vec::<serde_json::Value>::new(), "{path}");
    }
    let v = json(&["check", "--platform", DEMO_PLATFORM, "fixtures/clean/demo"]);
    assert_eq!(diags(&v), Vec::<serde_json::Value>::new());
    assert_eq!(v["summary"]["files"], 3);
    let v = json(&[
        "check",
        "--platform",
        SG_PLATFORM,
        "fixtures/clean/sourcegraph",
    ]);
    assert_eq!(diags(&v), Vec::<serde_json::Value>::new());
}

#[test]
fn locations_are_exact() {
    let v = json(&[
        "check",
        "--platform",
        DEMO_PLATFORM,
        "fixtures/rules/brand-name/fire.md",
        "fixtures/demo/site/pricing.html",
    ]);
    let d = diags(&v);
    let find = |m: &str| {
        d.iter()
            .find(|x| x["matched"] == m)
            .unwrap_or_else(|| panic!("no {m}"))
    };
    let x = find("LumoraAI");
    assert_eq!(
        (
            x["location"]["line"].as_u64(),
            x["location"]["column"].as_u64()
        ),
        (Some(1), Some(18))
    );
    let x = find("HelpBot");
    assert_eq!(
        (
            x["location"]["line"].as_u64(),
            x["location"]["column"].as_u64()
        ),
        (Some(19), Some(47))
    );
    assert_eq!(x["suggestion"], "Lumora Assist");
    assert_eq!(x["platform_ref"], "retired[0]");
    assert_eq!(x["location"]["slide"], serde_json::Value::Null);
    assert_eq!(x["fingerprint"].as_str().map(str::len), Some(16));
}

#[test]
fn fingerprints_survive_edits_elsewhere() {
    let dir = temp_dir("fp");
    std::fs::copy(root().join(DEMO_PLATFORM), dir.join("msglint.yaml")).expect("copy");
    std::fs::write(dir.join("a.md"), "HelpBot here.\n\nAnd HelpBot again.\n").expect("write");
    let first = run_in(&dir, &["check", "a.md", "--format", "json"], None);
    std::fs::write(
        dir.join("a.md"),
        "# New title\n\nNew paragraph.\n\nHelpBot here.\n\nAnd HelpBot again.\n",
    )
    .expect("write");
    let second = run_in(&dir, &["check", "a.md", "--format", "json"], None);
    let fps = |o: &Out| -> Vec<String> {
        let v: serde_json::Value = serde_json::from_str(&o.stdout).expect("json");
        diags(&v)
            .iter()
            .map(|x| x["fingerprint"].as_str().unwrap_or("").to_owned())
            .collect()
    };
    let (a, b) = (fps(&first), fps(&second));
    assert_eq!(a.len(), 2);
    assert_ne!(a[0], a[1], "equal matches get distinct fingerprints");
    assert_eq!(a, b);
}

// ---------------------------------------------------------------- exit codes and CLI

#[test]
fn exit_codes_and_fail_on() {
    assert_eq!(
        msglint(&[
            "check",
            "fixtures/rules/off-icp/fire.md",
            "--platform",
            DEMO_PLATFORM
        ])
        .code,
        0,
        "warnings only"
    );
    assert_eq!(
        msglint(&[
            "check",
            "fixtures/rules/off-icp/fire.md",
            "--platform",
            DEMO_PLATFORM,
            "--fail-on",
            "warning"
        ])
        .code,
        1
    );
    assert_eq!(
        msglint(&["check", "fixtures/demo", "--fail-on", "never"]).code,
        0
    );
    let out = msglint(&["check", "fixtures/does-not-exist"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("no such file"), "{}", out.stderr);
    assert_eq!(
        msglint(&["check", "--format", "yaml"]).code,
        2,
        "bad flag value"
    );
}

#[test]
fn misspelled_platform_field_is_located() {
    let dir = temp_dir("badplatform");
    std::fs::write(
        dir.join("msglint.yaml"),
        "version: 1\ncompany:\n  name: Acme\nterms:\n  - use: help desk\n    aviod: [helpdesk]\nrules:\n  retired-terms: error\n",
    )
    .expect("write");
    std::fs::write(dir.join("a.md"), "text\n").expect("write");
    let out = run_in(&dir, &["check", "a.md"], None);
    assert_eq!(out.code, 2);
    insta::assert_snapshot!(
        "platform_errors",
        out.stderr.replace(&dir.display().to_string(), "<dir>")
    );
}

/// Platform-file errors speak of the YAML the author wrote, never of the parsing library
/// ("set DuplicateKeyPolicy in Options", "budget breached: Nodes { nodes: 250001 }"), and
/// point where the problem is: a UTF-16 file at 1:1, a colon inside a value at its column,
/// with the quoted line as the fix. A 50,000-term platform is read, not refused.
#[test]
fn platform_errors_speak_yaml_and_point_at_the_problem() {
    let dir = temp_dir("platform-yaml-errors");
    std::fs::write(dir.join("a.md"), "text\n").expect("write");
    let check = |name: &str, bytes: &[u8]| {
        std::fs::write(dir.join(name), bytes).expect("write");
        let out = run_in(&dir, &["check", "--platform", name, "a.md"], None);
        for internal in [
            "DuplicateKeyPolicy",
            "Options",
            "budget breached",
            "{ ",
            "Error",
        ] {
            assert!(!out.stderr.contains(internal), "{internal}: {}", out.stderr);
        }
        out
    };
    let dup = check(
        "dup.yaml",
        b"version: 1\ncompany:\n  name: Lumora\n  name: Other\n",
    );
    assert_eq!(dup.code, 2);
    assert!(
        dup.stderr
            .contains("the key \"name\" appears twice in the same mapping")
            && dup.stderr.contains(" --> dup.yaml:4:3"),
        "{}",
        dup.stderr
    );
    let colon = check(
        "colon.yaml",
        b"version: 1\ncompany:\n  name: Lumora\ntagline: Every: customer answered\n",
    );
    assert_eq!(colon.code, 2);
    assert!(
        colon.stderr.contains(" --> colon.yaml:4:15")
            && colon
                .stderr
                .contains("4 | tagline: Every: customer answered\n  |               ^ here")
            && colon.stderr.contains(
                "help: a value that contains \": \" must be quoted: tagline: \"Every: customer answered\""
            ),
        "{}",
        colon.stderr
    );
    let utf16: Vec<u8> = "\u{feff}version: 1\ncompany:\n  name: Lumora\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let wide = check("utf16.yaml", &utf16);
    assert_eq!(wide.code, 2);
    assert!(
        wide.stderr
            .contains("the platform file must be UTF-8; this one is UTF-16LE")
            && wide.stderr.contains(" --> utf16.yaml:1:1")
            && wide.stderr.contains("save the file as UTF-8"),
        "{}",
        wide.stderr
    );
    let mut laughs = String::from(
        "version: 1\ncompany:\n  name: Lumora\nx0: &a0 [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n",
    );
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 9].join(",");
        laughs.push_str(&format!("x{i}: &a{i} [{refs}]\n"));
    }
    let bomb = check("laughs.yaml", laughs.as_bytes());
    assert_eq!(bomb.code, 2);
    assert!(
        bomb.stderr
            .contains("anchors and aliases (`&name`, `*name`) that expand too far"),
        "{}",
        bomb.stderr
    );
    // 50,000 terms, read the full way (a document marker keeps the fast reader out).
    let mut big = String::from("---\nversion: 1\ncompany:\n  name: Lumora\nterms:\n");
    for i in 0..50_000 {
        big.push_str(&format!(
            "  - use: Term{i}\n    avoid: [Bad{i}, Worse{i}]\n"
        ));
    }
    let read = check("big.yaml", big.as_bytes());
    assert_eq!(read.code, 0, "{}", read.stderr);
}

#[test]
fn no_platform_is_a_usage_error() {
    let dir = temp_dir("noplatform");
    std::fs::write(dir.join("a.md"), "text\n").expect("write");
    let out = run_in(&dir, &["check", "a.md"], None);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("msglint init"), "{}", out.stderr);
}

#[test]
fn platform_is_found_in_a_parent_directory() {
    let dir = temp_dir("parent");
    std::fs::copy(root().join(DEMO_PLATFORM), dir.join(".msglint.yaml")).expect("copy");
    std::fs::create_dir_all(dir.join("docs/deep")).expect("mkdir");
    std::fs::write(dir.join("docs/deep/a.md"), "HelpBot\n").expect("write");
    let out = run_in(&dir.join("docs/deep"), &["check", "a.md"], None);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stdout.contains("retired-term"));
}

#[test]
fn inputs_gitignore_globs_and_stdin() {
    let dir = temp_dir("inputs");
    std::fs::copy(root().join(DEMO_PLATFORM), dir.join("msglint.yaml")).expect("copy");
    for (p, t) in [
        ("site/a.md", "HelpBot a\n"),
        ("site/b.html", "<p>HelpBot b</p>\n"),
        ("site/ignored.md", "HelpBot ignored\n"),
        ("drafts/c.md", "HelpBot c\n"),
        ("notes.txt", "HelpBot txt\n"),
        ("data.json", "{\"HelpBot\": 1}\n"),
    ] {
        let path = dir.join(p);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, t).expect("write");
    }
    std::fs::write(dir.join(".gitignore"), "ignored.md\n").expect("write");
    let files =
        |o: &Out| -> Vec<String> { file_paths(&serde_json::from_str(&o.stdout).expect("json")) };
    let all = run_in(&dir, &["check", ".", "--format", "json"], None);
    assert_eq!(
        files(&all),
        ["drafts/c.md", "notes.txt", "site/a.md", "site/b.html"]
    );
    let inc = run_in(
        &dir,
        &[
            "check",
            ".",
            "--format",
            "json",
            "--include",
            "site/**",
            "--exclude",
            "*.html",
        ],
        None,
    );
    assert_eq!(files(&inc), ["site/a.md"]);
    let stdin = run_in(
        &dir,
        &["check", "-", "--format", "json"],
        Some("site/b.html\ndrafts/c.md\n"),
    );
    assert_eq!(files(&stdin), ["drafts/c.md", "site/b.html"]);
}

/// Globs match the path inside the directory the user named, as well as the path shown:
/// `check demo --exclude 'site/**'` used to match nothing (the paths were `demo/site/…`).
#[test]
fn globs_match_inside_the_directory_named() {
    let dir = root().join("fixtures");
    let paths = |args: &[&str]| -> Vec<String> {
        let mut a = vec!["check", "demo", "--format", "json"];
        a.extend_from_slice(args);
        let out = run_in(&dir, &a, None);
        file_paths(&serde_json::from_str(&out.stdout).expect("json"))
    };
    let all = paths(&[]);
    assert!(all.iter().any(|p| p.starts_with("demo/site/")), "{all:?}");
    for exclude in ["site/**", "demo/site/**"] {
        let kept = paths(&["--exclude", exclude]);
        assert!(
            !kept.iter().any(|p| p.starts_with("demo/site/")) && kept.len() < all.len(),
            "--exclude {exclude}: {kept:?}"
        );
        assert!(kept.iter().any(|p| p.starts_with("demo/blog/")), "{kept:?}");
    }
    let only = paths(&["--include", "site/**"]);
    assert!(
        !only.is_empty() && only.iter().all(|p| p.starts_with("demo/site/")),
        "{only:?}"
    );
    let pdfs = paths(&["--exclude", "*.pdf"]);
    assert!(!pdfs.iter().any(|p| p.ends_with(".pdf")), "{pdfs:?}");
}

#[test]
fn unreadable_file_does_not_stop_the_run() {
    let dir = temp_dir("unreadable");
    std::fs::copy(root().join(DEMO_PLATFORM), dir.join("msglint.yaml")).expect("copy");
    std::fs::write(dir.join("bad.md"), b"PK\x03\x04\xff\xfe binary").expect("write");
    std::fs::write(dir.join("good.md"), "HelpBot\n").expect("write");
    let out = run_in(&dir, &["check", ".", "--format", "json"], None);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(v["summary"]["unreadable"], 1);
    let d = diags(&v);
    let bad = d
        .iter()
        .find(|x| x["rule"] == "unreadable")
        .expect("unreadable diag");
    assert!(
        bad["message"]
            .as_str()
            .is_some_and(|m| m.contains("not UTF-8")),
        "{bad}"
    );
    assert!(
        d.iter()
            .any(|x| x["rule"] == "retired-term" && x["path"] == "good.md")
    );
    let files = v["files"].as_array().expect("files");
    assert_eq!(
        files
            .iter()
            .find(|f| f["path"] == "bad.md")
            .map(|f| f["score"].clone()),
        Some(0.into())
    );
}

#[test]
fn colour_only_when_asked_and_no_color_wins() {
    let on = msglint(&[
        "check",
        "fixtures/rules/retired-term/fire.md",
        "--platform",
        DEMO_PLATFORM,
        "--color",
        "always",
    ]);
    assert!(on.stdout.contains('\u{1b}'));
    let off = msglint(&[
        "check",
        "fixtures/rules/retired-term/fire.md",
        "--platform",
        DEMO_PLATFORM,
    ]);
    assert!(!off.stdout.contains('\u{1b}'));
}

#[test]
fn extract_snapshots() {
    for f in [
        "fixtures/formats/markdown/structures.md",
        "fixtures/formats/html/page.html",
    ] {
        let out = msglint(&["extract", f]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let name = Path::new(f)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("x")
            .replace('.', "_");
        insta::assert_snapshot!(format!("extract_{name}"), out.stdout);
    }
    let out = msglint(&["extract", "fixtures/nope.md"]);
    assert_eq!(out.code, 2);
}

#[test]
fn rules_explain_and_init() {
    let out = msglint(&["rules"]);
    assert_eq!(out.code, 0);
    insta::assert_snapshot!("rules_list", out.stdout);
    let out = msglint(&["explain", "retired-term"]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.starts_with("# retired-term"));
    let out = msglint(&["explain", "retired-terms"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("did you mean `retired-term`"),
        "{}",
        out.stderr
    );

    let dir = temp_dir("init");
    let out = run_in(&dir, &["init"], None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let again = run_in(&dir, &["init"], None);
    assert_eq!(again.code, 2, "never overwrites without --force");
    std::fs::write(dir.join("a.md"), "Welcome to AcmeDeploy.\n").expect("write");
    let out = run_in(&dir, &["check", "a.md"], None);
    assert_eq!(
        out.code, 1,
        "the starter platform loads and checks: {}",
        out.stderr
    );
    assert!(out.stdout.contains("retired-term"));
}

// ---------------------------------------------------------------- the real-world corpus

/// Inputs that live outside the repository. A test that needs one calls `external`; when it
/// is absent the test prints one `skipped:` line and passes, unless `MSGLINT_REQUIRE_EXTERNAL`
/// is set (as `.ci/run` does), where an absent input is a failure.
fn external(test: &str, what: &str, present: bool) -> bool {
    if present {
        return true;
    }
    assert!(
        std::env::var_os("MSGLINT_REQUIRE_EXTERNAL").is_none(),
        "{test}: needs {what} (MSGLINT_REQUIRE_EXTERNAL is set)"
    );
    // Once per test and input; straight to stderr, as the harness captures `eprintln!`.
    static SAID: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
    let key = format!("{test}\0{what}");
    let mut said = SAID.lock().unwrap_or_else(|e| e.into_inner());
    if said.contains(&key) {
        return false;
    }
    said.push(key);
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "skipped: {test} needs {what} (.ci/run installs and runs everything)"
    );
    false
}

/// The real-world corpus: `$MSGLINT_CORPUS`, else `../shared/corpus` beside the checkout.
fn corpus(test: &str) -> Option<PathBuf> {
    let c = std::env::var_os("MSGLINT_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/corpus"));
    external(
        test,
        &format!("the corpus at {}", c.display()),
        c.join("md").is_dir(),
    )
    .then_some(c)
}

/// Every Markdown and HTML file of the corpus is processed (or unreadable with a reason),
/// without a panic, and every finding's line:column points at its matched text.
#[test]
fn corpus_sweep_markdown_and_html() {
    use msglint::check::Engine;
    let Some(corpus) = corpus("corpus_sweep_markdown_and_html") else {
        return;
    };
    let loaded = msglint::platform::load(&root().join(SG_PLATFORM)).expect("platform");
    let engine = Engine::new(loaded);
    for (sub, expected) in [("md", 1450usize), ("html", 97)] {
        let dir = corpus.join(sub);
        let filters = msglint::discover::Filters::new(&[], &[]).expect("filters");
        let inputs =
            msglint::discover::collect(&[dir.display().to_string()], &filters).expect("walk");
        assert_eq!(inputs.len(), expected, "{sub}: all files discovered");
        let report = msglint::engine::run_check(&engine, &inputs);
        assert_eq!(report.files.len(), expected);
        let mut exact = 0usize;
        let mut checked = 0usize;
        for f in &report.files {
            if let Some(r) = &f.unreadable {
                assert!(
                    !r.trim().is_empty() && !r.contains("internal error"),
                    "{}: {r}",
                    f.path
                );
            }
        }
        for d in report.diagnostics.iter().filter(|d| d.rule != "unreadable") {
            let bytes = std::fs::read(&d.path).expect("read");
            let text = if sub == "html" {
                msglint::extract::html::decode(&bytes)
            } else {
                String::from_utf8_lossy(&bytes).into_owned()
            };
            let line = text
                .lines()
                .nth(d.location.line as usize - 1)
                .expect("line exists");
            let at: String = line
                .chars()
                .skip(d.location.column as usize - 1)
                .take(d.matched.chars().count())
                .collect();
            checked += 1;
            if at.to_lowercase() == d.matched.to_lowercase() {
                exact += 1;
            } else {
                // Entities, escapes or a line break inside the match: the first character still agrees.
                let first = |s: &str| s.chars().next().map(|c| c.to_lowercase().to_string());
                assert!(
                    first(&at) == first(&d.matched) || at.starts_with('&'),
                    "{}:{}:{} {:?} vs {:?}",
                    d.path,
                    d.location.line,
                    d.location.column,
                    at,
                    d.matched
                );
            }
        }
        assert!(checked > 0, "{sub}: the sweep found something to locate");
        assert!(
            exact * 100 >= checked * 97,
            "{sub}: only {exact}/{checked} findings located exactly"
        );
        eprintln!(
            "{sub}: {} files, {} unreadable, {checked} findings, {exact} located exactly",
            report.files.len(),
            report.summary().unreadable
        );
    }
}

#[path = "cli/audit.rs"]
mod audit;
#[path = "cli/browser.rs"]
mod browser;
#[path = "cli/detect.rs"]
mod detect;
#[path = "cli/docs.rs"]
mod docs;
#[path = "cli/eval.rs"]
mod eval;
#[path = "cli/fix_ooxml.rs"]
mod fix_ooxml;
#[path = "cli/fix_sweep.rs"]
mod fix_sweep;
#[path = "cli/formats.rs"]
mod formats;
#[path = "cli/init.rs"]
mod init;
#[path = "cli/limits.rs"]
mod limits;
#[path = "cli/lsp.rs"]
mod lsp;
#[path = "cli/mutate.rs"]
mod mutate;
#[path = "cli/pdf.rs"]
mod pdf;
#[path = "cli/pptx.rs"]
mod pptx;
#[cfg(feature = "serve")]
#[path = "cli/serve.rs"]
mod serve;
#[path = "cli/web.rs"]
mod web;

#[test]
fn word_documents() {
    for f in [
        "fixtures/formats/docx/structures.docx",
        "fixtures/demo/one-pagers/lumora-overview.docx",
    ] {
        let out = msglint(&["extract", f]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let name = Path::new(f)
            .file_stem()
            .and_then(|n| n.to_str())
            .unwrap_or("x")
            .to_owned();
        insta::assert_snapshot!(format!("docx_extract_{name}"), out.stdout);
    }
    let dump = msglint(&["extract", "fixtures/formats/docx/structures.docx"]).stdout;
    assert!(
        !dump.contains("deleted words") && dump.contains("inserted words"),
        "tracked changes"
    );
    assert!(!dump.contains("MERGEFORMAT"), "field codes are not text");
    let v = json(&["check", "fixtures/demo/one-pagers"]);
    let d = diags(&v);
    let x = d
        .iter()
        .find(|x| x["matched"] == "HelpBot")
        .expect("HelpBot");
    assert_eq!(
        (
            x["location"]["paragraph"].as_u64(),
            x["location"]["page"].as_u64()
        ),
        (Some(3), Some(1))
    );
    assert!(
        d.iter()
            .any(|x| x["location"]["shape"] == "header1" && x["rule"] == "brand-name")
    );
    let human = msglint(&["check", "fixtures/demo/one-pagers", "--color", "never"]).stdout;
    assert!(
        human.contains("lumora-overview.docx › page 1 › ¶3"),
        "{human}"
    );
}
