//! CI formats against real consumers, baselines, --fix, the platform schema, the Vale export
//! and the recipes of docs/ci.md.

use super::*;

/// Whether the Python consumers of `tests/requirements.txt` are installed (`.ci/run` installs them).
fn python_consumers(test: &str) -> bool {
    static OK: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    let ok = *OK.get_or_init(|| {
        Command::new("python3")
            .args(["-c", "import sarif, junitparser, jsonschema, yaml"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    });
    external(
        test,
        "python3 with tests/requirements.txt (the real consumers)",
        ok,
    )
}

/// Feed `file` to the real consumer of `format` (tests/consumers.py); `None` when the
/// consumers are not installed (one `skipped:` line is printed).
fn consumer(test: &str, format: &str, file: &Path, expected: Option<usize>) -> Option<String> {
    if !python_consumers(test) {
        return None;
    }
    let mut cmd = Command::new("python3");
    cmd.arg(root().join("tests/consumers.py"))
        .arg(format)
        .arg(file);
    if let Some(n) = expected {
        cmd.arg(n.to_string());
    }
    let out = cmd.output().expect("python3");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{format} consumer refused {}: {stdout}{}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    Some(stdout)
}

/// The official SARIF 2.1.0 JSON Schema (`tests/sarif-schema-2.1.0.json`, as shipped in
/// Microsoft's `@microsoft/jest-sarif` npm package), with format checks (`uri`, `uri-reference`…).
fn validate_sarif(v: &serde_json::Value) {
    // rtm.5's `run.language` pattern has a stray `]` that strict meta-validation refuses;
    // the OASIS final text of that one pattern is used instead.
    let text = std::fs::read_to_string(root().join("tests/sarif-schema-2.1.0.json"))
        .expect("schema")
        .replace(
            "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$",
            "^[a-zA-Z]{2}$|^[a-zA-Z]{2}-[a-zA-Z]{2}$",
        );
    let schema: serde_json::Value = serde_json::from_str(&text).expect("schema JSON");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(v)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "SARIF schema: {errors:#?}");
}

/// Count the findings in a CI-format file with Rust parsers (no Python needed): SARIF is
/// validated against its schema, XML is parsed by quick-xml, GitLab's JSON read by serde.
fn count_in_rust(format: &str, text: &str) -> usize {
    match format {
        "sarif" => {
            let v: serde_json::Value = serde_json::from_str(text).expect("SARIF is JSON");
            validate_sarif(&v);
            v["runs"][0]["results"].as_array().map_or(0, Vec::len)
        }
        "gitlab" => {
            let v: Vec<serde_json::Value> = serde_json::from_str(text).expect("GitLab JSON");
            let prints: std::collections::HashSet<_> =
                v.iter().map(|i| i["fingerprint"].to_string()).collect();
            assert_eq!(prints.len(), v.len(), "GitLab fingerprints are unique");
            v.len()
        }
        "junit" | "checkstyle" => {
            let tag = if format == "junit" {
                "failure"
            } else {
                "error"
            };
            let mut reader = quick_xml::Reader::from_str(text);
            let mut n = 0;
            loop {
                match reader.read_event().expect("well-formed XML") {
                    quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)
                        if e.name().0 == tag =>
                    {
                        for a in e.attributes() {
                            a.expect("well-formed attribute");
                        }
                        n += 1
                    }
                    quick_xml::events::Event::Eof => break,
                    _ => {}
                }
            }
            n
        }
        _ => unreachable!("{format}"),
    }
}

#[test]
fn every_format_one_entry_per_finding_and_parsed_by_its_consumer() {
    let n = diags(&json(&["check", "fixtures/demo"])).len();
    assert!(n > 20);
    let dir = temp_dir("formats");
    for format in ["sarif", "junit", "gitlab", "checkstyle"] {
        let file = dir.join(format!("out.{format}"));
        let out = msglint(&[
            "check",
            "fixtures/demo",
            "--format",
            format,
            "--output",
            &file.display().to_string(),
        ]);
        assert_eq!(out.code, 1, "{format}: {}", out.stderr);
        assert!(
            out.stdout.is_empty(),
            "--output writes to the file, not stdout"
        );
        let text = std::fs::read_to_string(&file).expect("output file");
        assert_eq!(count_in_rust(format, &text), n, "{format}");
        consumer("every_format_one_entry_per_finding", format, &file, Some(n));
    }
    let gh = msglint(&["check", "fixtures/demo", "--format", "github"]).stdout;
    assert_eq!(
        gh.lines()
            .filter(|l| l.starts_with("::error ")
                || l.starts_with("::warning ")
                || l.starts_with("::notice "))
            .count(),
        n
    );
    assert_eq!(
        gh.lines().count(),
        n,
        "one line per annotation: newlines are escaped"
    );
}

#[test]
fn each_format_pinned_on_one_small_case() {
    for format in ["sarif", "github", "junit", "gitlab", "checkstyle"] {
        let out = msglint(&[
            "check",
            "--platform",
            DEMO_PLATFORM,
            "fixtures/rules/retired-term/fire.md",
            "--format",
            format,
        ]);
        // %SRCROOT% is where the run starts: machine-specific, so it is named in the snapshot.
        let stdout = if format == "sarif" {
            let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("sarif");
            let base = v["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]
                .as_str()
                .expect("%SRCROOT%")
                .to_owned();
            assert!(
                base.starts_with("file:///") && base.ends_with('/'),
                "{base}"
            );
            out.stdout.replace(&base, "file:///<cwd>/")
        } else {
            out.stdout
        };
        insta::assert_snapshot!(format!("format_{format}"), stdout);
    }
    // SARIF for a deck: the region is in the extract text, a logical location names the slide.
    let v: serde_json::Value = serde_json::from_str(
        &msglint(&["check", "fixtures/demo/decks", "--format", "sarif"]).stdout,
    )
    .expect("sarif");
    let results = v["runs"][0]["results"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let r = results
        .iter()
        .find(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .is_some_and(|u| u.ends_with(".pptx"))
        })
        .expect("a deck finding");
    assert_eq!(r["locations"][0]["logicalLocations"][0]["kind"], "slide");
    assert!(r.get("fixes").is_none(), "decks are never fixed");
}

#[test]
fn sarif_uris_are_percent_encoded_and_based() {
    let dir = temp_dir("sarif-uri");
    std::fs::copy(root().join(DEMO_PLATFORM), dir.join("msglint.yaml")).expect("copy");
    std::fs::create_dir_all(dir.join("dir with space")).expect("mkdir");
    std::fs::create_dir_all(dir.join("elsewhere")).expect("mkdir");
    std::fs::write(
        dir.join("dir with space/café notes.md"),
        "# Why teams pick LumoraAI\n",
    )
    .expect("write");
    let sarif = |cwd: &Path, arg: &str| -> serde_json::Value {
        let out = run_in(cwd, &["check", arg, "--format", "sarif"], None);
        assert_eq!(out.code, 1, "{}", out.stderr);
        let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("SARIF is JSON");
        validate_sarif(&v);
        v
    };
    let location = |v: &serde_json::Value| {
        v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"].clone()
    };
    let v = sarif(&dir, "dir with space");
    let loc = location(&v);
    assert_eq!(loc["uri"], "dir%20with%20space/caf%C3%A9%20notes.md");
    assert_eq!(loc["uriBaseId"], "%SRCROOT%");
    let base = v["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .expect("%SRCROOT%");
    assert!(
        base.starts_with("file:///") && base.ends_with('/'),
        "{base}"
    );
    let fix = &v["runs"][0]["results"][0]["fixes"][0]["artifactChanges"][0]["artifactLocation"];
    assert_eq!(fix, &loc, "the fix names the same artifact");
    // An absolute path under the current directory is relative too.
    let abs = dir
        .join("dir with space/café notes.md")
        .display()
        .to_string();
    assert_eq!(location(&sarif(&dir, &abs)), loc);
    // Outside it: an absolute file:// URI, no base.
    let outside = location(&sarif(&dir.join("elsewhere"), &abs));
    let uri = outside["uri"].as_str().expect("uri");
    assert!(
        uri.starts_with("file:///") && uri.ends_with("/dir%20with%20space/caf%C3%A9%20notes.md"),
        "{uri}"
    );
    assert!(outside.get("uriBaseId").is_none(), "{outside}");
}

#[test]
fn xml_attributes_keep_newlines() {
    let dir = temp_dir("xml-newline");
    let platform = std::fs::read_to_string(root().join(DEMO_PLATFORM))
        .expect("platform")
        .replacen(
            "reason: renamed",
            "reason: \"renamed\\n\\tin the rebrand\"",
            1,
        );
    std::fs::write(dir.join("msglint.yaml"), platform).expect("write");
    std::fs::write(dir.join("a.md"), "Ask HelpBot.\n").expect("write");
    for (format, tag) in [("junit", "failure"), ("checkstyle", "error")] {
        let out = run_in(&dir, &["check", "a.md", "--format", format], None);
        assert_eq!(out.code, 1, "{}", out.stderr);
        let mut reader = quick_xml::Reader::from_str(&out.stdout);
        let mut messages = Vec::new();
        loop {
            match reader.read_event().expect("well-formed XML") {
                quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)
                    if e.name().0 == tag =>
                {
                    for a in e.attributes() {
                        let a = a.expect("attribute");
                        if a.key.0 == "message" {
                            let value = a
                                .normalized_value(quick_xml::XmlVersion::Explicit1_0)
                                .expect("value");
                            messages.push(value.into_owned());
                        }
                    }
                }
                quick_xml::events::Event::Eof => break,
                _ => {}
            }
        }
        assert_eq!(
            messages,
            ["\"HelpBot\" was retired on 2025-03-01 (renamed\n\tin the rebrand)"],
            "{format}: {}",
            out.stdout
        );
    }
}

#[test]
fn github_escaping() {
    assert_eq!(
        msglint::report::github::escape_data("50% off\r\nnow"),
        "50%25 off%0D%0Anow"
    );
    assert_eq!(
        msglint::report::github::escape_property("a:b,c"),
        "a%3Ab%2Cc"
    );
}

fn setup_repo(name: &str) -> PathBuf {
    let dir = temp_dir(name);
    std::fs::copy(root().join(DEMO_PLATFORM), dir.join("msglint.yaml")).expect("copy");
    std::fs::create_dir_all(dir.join("blog")).expect("mkdir");
    std::fs::copy(
        root().join("fixtures/demo/blog/2026-launch.md"),
        dir.join("blog/launch.md"),
    )
    .expect("copy");
    dir
}

#[test]
fn baseline_round_trip() {
    let dir = setup_repo("baseline");
    let write = run_in(
        &dir,
        &["check", "blog", "--write-baseline", "base.json"],
        None,
    );
    assert_eq!(
        write.code, 0,
        "recording a baseline passes: {}",
        write.stderr
    );
    let again = run_in(
        &dir,
        &[
            "check",
            "blog",
            "--baseline",
            "base.json",
            "--fail-on",
            "warning",
        ],
        None,
    );
    assert_eq!(again.code, 0, "{}", again.stdout);
    assert!(
        again.stdout.contains("No problems found"),
        "{}",
        again.stdout
    );
    // Lines inserted above the old findings, and one new finding.
    let old = std::fs::read_to_string(dir.join("blog/launch.md")).expect("read");
    let (front, body) = old.split_at(old.find("# Meet").expect("heading"));
    std::fs::write(
        dir.join("blog/launch.md"),
        format!("{front}An intro line.\n\nAnother one, about LumoraAI.\n\n{body}"),
    )
    .expect("write");
    let out = run_in(
        &dir,
        &[
            "check",
            "blog",
            "--baseline",
            "base.json",
            "--format",
            "json",
        ],
        None,
    );
    assert_eq!(out.code, 1);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    let d = diags(&v);
    assert_eq!(d.len(), 1, "only the new finding: {d:#?}");
    assert_eq!(d[0]["matched"], "LumoraAI");
}

#[test]
fn fix_rewrites_prose_and_front_matter_but_not_code() {
    let dir = setup_repo("fix");
    let path = dir.join("blog/launch.md");
    let before = std::fs::read_to_string(&path).expect("read");
    let preview = run_in(&dir, &["check", "blog", "--diff"], None);
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        before,
        "--diff never writes"
    );
    assert!(
        preview
            .stdout
            .contains("+title: \"Introducing Lumora Assist\""),
        "{}",
        preview.stdout
    );
    let fixed_run = run_in(&dir, &["check", "blog", "--fix", "--format", "json"], None);
    assert!(
        fixed_run
            .stderr
            // Not "It replaces HelpBot, …": a sentence about the rename keeps the old name.
            .contains("fixed 4 findings in blog/launch.md"),
        "{}",
        fixed_run.stderr
    );
    let after = std::fs::read_to_string(&path).expect("read");
    assert_eq!(
        before.lines().count(),
        after.lines().count(),
        "line count unchanged"
    );
    assert!(
        after.contains("title: \"Introducing Lumora Assist\""),
        "front matter fixed"
    );
    assert!(after.contains("help desk rules carry over"), "prose fixed");
    let code =
        |s: &str| s[s.find("```yaml").expect("code")..s.rfind("```").expect("end")].to_owned();
    assert_eq!(code(&before), code(&after), "code block untouched");
    assert!(after.contains("`lumoraai`"), "code span untouched");
    let v: serde_json::Value =
        serde_json::from_str(&run_in(&dir, &["check", "blog", "--format", "json"], None).stdout)
            .expect("json");
    let d = diags(&v);
    let rules: Vec<&str> = d
        .iter()
        .filter_map(|x| x["rule"].as_str())
        .filter(|r| ["brand-name", "preferred-term", "retired-term"].contains(r))
        .collect();
    assert!(rules.is_empty(), "fixed findings are gone: {rules:?}");
    assert!(
        !std::fs::read_dir(dir.join("blog"))
            .expect("dir")
            .any(|e| e.is_ok_and(|e| e.file_name().to_string_lossy().contains(".tmp"))),
        "no temporary file left"
    );
}

pub(crate) fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        if src.is_dir() {
            copy_tree(&src, &dst);
        } else {
            std::fs::copy(&src, &dst).expect("copy");
        }
    }
}

fn tool_in(dir: &Path, program: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[test]
fn diff_is_a_patch_that_git_apply_and_patch_accept() {
    let dir = setup_repo("diff");
    // A file whose last line, with a fix in it, has no trailing newline.
    std::fs::write(
        dir.join("blog/tail.md"),
        "# Notes\n\nOne.\n\nTwo.\n\nThree.\n\nWhy teams pick LumoraAI over HelpBot",
    )
    .expect("write");
    let preview = run_in(&dir, &["check", "blog", "--diff"], None);
    assert_eq!(preview.code, 1, "{}", preview.stderr);
    let patch = preview.stdout;
    assert!(patch.starts_with("--- a/blog/"), "{patch}");
    assert!(patch.contains("+++ b/blog/launch.md\n"), "{patch}");
    assert!(patch.contains("\n@@ -"), "{patch}");
    assert!(
        patch.contains("\n\\ No newline at end of file\n"),
        "{patch}"
    );
    assert!(
        !patch.contains("retired-term"),
        "stdout carries the diff only; the report goes to stderr"
    );
    assert!(
        preview.stderr.contains("retired-term"),
        "{}",
        preview.stderr
    );
    // Named by absolute path, or from inside blog/, the patch names the same files
    // relative to the current directory.
    let abs = dir.join("blog").display().to_string();
    assert_eq!(run_in(&dir, &["check", &abs, "--diff"], None).stdout, patch);
    let inner = run_in(&dir.join("blog"), &["check", ".", "--diff"], None).stdout;
    assert_eq!(
        inner,
        patch.replace("a/blog/", "a/").replace("b/blog/", "b/")
    );

    let fresh = temp_dir("diff-fresh");
    copy_tree(&dir, &fresh);
    std::fs::write(fresh.join("fix.patch"), &patch).expect("write patch");
    let (ok, text) = tool_in(&fresh, "git", &["apply", "--check", "fix.patch"]);
    assert!(ok, "git apply --check refused the patch: {text}\n{patch}");
    let has_patch = Command::new("patch")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if has_patch {
        let (ok, text) = tool_in(&fresh, "patch", &["-p1", "--dry-run", "-i", "fix.patch"]);
        assert!(ok, "patch -p1 --dry-run refused the patch: {text}\n{patch}");
    } else {
        // Straight to stderr (the harness captures `println!`), once.
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "skipped: diff_is_a_patch_that_git_apply_and_patch_accept: `patch` is not installed, only `git apply --check` ran"
        );
    }
    let (ok, text) = tool_in(&fresh, "git", &["apply", "fix.patch"]);
    assert!(ok, "git apply: {text}");
    // Applying the patch gives exactly what --fix writes.
    let fixed = run_in(&dir, &["check", "blog", "--fix"], None);
    assert!(fixed.stderr.contains("fixed"), "{}", fixed.stderr);
    for f in ["blog/launch.md", "blog/tail.md"] {
        assert_eq!(
            std::fs::read_to_string(fresh.join(f)).expect("patched"),
            std::fs::read_to_string(dir.join(f)).expect("fixed"),
            "{f}"
        );
    }
    assert!(
        !std::fs::read_to_string(dir.join("blog/tail.md"))
            .expect("fixed")
            .ends_with('\n'),
        "no newline added"
    );
}

#[test]
fn platform_files_validate_against_the_schema_and_init_points_editors_at_it() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("schema/msglint.schema.json")).expect("schema"),
    )
    .expect("schema JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    for p in [DEMO_PLATFORM, SG_PLATFORM, "src/starter.yaml"] {
        let text = std::fs::read_to_string(root().join(p)).expect("platform");
        let doc: serde_json::Value = serde_saphyr::from_str(&text).expect("YAML");
        let errors: Vec<String> = validator
            .iter_errors(&doc)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{p}: {errors:#?}");
        consumer("platform_files_validate", "schema", &root().join(p), None);
    }
    // A field the validator refuses is refused by the schema too.
    let bad: serde_json::Value =
        serde_saphyr::from_str("version: 1\ncompany:\n  name: X\n  aviod: [y]\n").expect("YAML");
    assert!(!validator.is_valid(&bad));
    let dir = temp_dir("schema-init");
    assert_eq!(run_in(&dir, &["init"], None).code, 0);
    let text = std::fs::read_to_string(dir.join("msglint.yaml")).expect("init output");
    assert!(text.starts_with("# yaml-language-server: $schema=./.msglint.schema.json"));
    assert_eq!(
        std::fs::read_to_string(dir.join(".msglint.schema.json")).expect("schema"),
        msglint(&["schema"]).stdout
    );
}

#[test]
fn vale_export() {
    let dir = temp_dir("vale");
    let out = msglint(&[
        "export",
        "vale",
        &dir.display().to_string(),
        "--platform",
        DEMO_PLATFORM,
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // company variants 3 + product variants 3, avoid forms 5, retired phrases 2
    let mut swaps = 0;
    for entry in std::fs::read_dir(dir.join("Lumora")).expect("style dir") {
        let path = entry.expect("entry").path();
        let rule: serde_json::Value =
            serde_saphyr::from_str(&std::fs::read_to_string(&path).expect("rule")).expect("YAML");
        for key in ["extends", "message", "level", "swap"] {
            assert!(rule.get(key).is_some(), "{}: no {key}", path.display());
        }
        assert!(matches!(
            rule["level"].as_str(),
            Some("suggestion" | "warning" | "error")
        ));
        swaps += rule["swap"].as_object().map_or(0, |m| m.len());
    }
    assert_eq!(swaps, 13);
    consumer("vale_export", "vale", &dir.join("Lumora"), Some(13));
    insta::assert_snapshot!(
        "vale_terms",
        std::fs::read_to_string(dir.join("Lumora/Terms.yml")).expect("terms")
    );
}

/// Shell-like split of one command line (quotes, no expansion), stopped at a pipe or a
/// redirection.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote = None;
    for c in line.chars() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, ' ') => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            (None, '|' | '>' | '<') => break,
            (_, c) => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[test]
fn recipes_use_the_real_cli() {
    use clap::Parser;
    let doc = std::fs::read_to_string(root().join("docs/ci.md")).expect("docs/ci.md");
    let mut checked = 0;
    let mut in_code = false;
    for line in doc.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if !in_code {
            continue;
        }
        let Some(at) = line.find("msglint ") else {
            continue;
        };
        let cmd = &line[at..];
        if !cmd.starts_with("msglint check")
            && !cmd.starts_with("msglint export")
            && !cmd.starts_with("msglint init")
            && !cmd.starts_with("msglint schema")
        {
            continue;
        }
        let args = words(cmd);
        if let Err(e) = msglint::cli::Cli::try_parse_from(&args) {
            panic!("docs/ci.md: `{cmd}` is not a valid command line: {e}");
        }
        checked += 1;
    }
    assert!(checked >= 10, "{checked} command lines checked");
    // The pre-commit hook's entry is a real command.
    let hooks = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).expect("hooks");
    let entry = hooks
        .lines()
        .find_map(|l| l.trim().strip_prefix("entry: "))
        .expect("entry");
    assert!(
        msglint::cli::Cli::try_parse_from(words(entry)).is_ok(),
        "{entry}"
    );
    // It selects files by extension, every one msglint reads, in any case; a `types` or
    // `types_or` filter would drop decks, Word files and PDFs (pre-commit calls them
    // binary, not text).
    assert!(
        !hooks.lines().any(|l| {
            let l = l.trim();
            l.starts_with("types:") || l.starts_with("types_or:")
        }),
        "{hooks}"
    );
    let files = hooks
        .lines()
        .find_map(|l| l.trim().strip_prefix("files: "))
        .expect("files");
    let alternatives = files
        .strip_prefix("(?i)\\.(")
        .and_then(|f| f.strip_suffix(")$"))
        .unwrap_or_else(|| panic!("files: (?i)\\.(…)$, not {files}"));
    let mut exts: Vec<String> = Vec::new();
    for alt in alternatives.split('|') {
        match alt.strip_suffix("l?") {
            Some(stem) => exts.extend([stem.to_owned(), format!("{stem}l")]),
            None => exts.push(alt.to_owned()),
        }
    }
    for ext in [
        "md", "markdown", "mdx", "html", "htm", "xhtml", "txt", "pptx", "pptm", "potx", "ppsx",
        "docx", "pdf",
    ] {
        assert!(
            msglint::document::Kind::from_path(Path::new(&format!("x.{ext}"))).is_some(),
            "{ext}"
        );
        assert!(
            exts.iter().any(|e| e == ext),
            "the hook leaves out .{ext}: {files}"
        );
    }
    for e in &exts {
        assert!(
            msglint::document::Kind::from_path(Path::new(&format!("x.{e}"))).is_some(),
            "the hook passes .{e}, which msglint does not read"
        );
    }
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=msglint",
            "-c",
            "user.email=msglint@example.com",
        ])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// docs/ci.md's changed-files recipe, exactly as written there (the `sh` block under its
/// heading), run by `sh` in `dir` with the built msglint first on PATH.
fn run_changed_files_recipe(dir: &Path) -> Out {
    run_changed_files_recipe_in(dir, &["sh", "-c"])
}

/// The recipe run by `shell` (`["bash", "-e", "-c"]` is GitHub Actions' default `run:`).
fn run_changed_files_recipe_in(dir: &Path, shell: &[&str]) -> Out {
    let doc = std::fs::read_to_string(root().join("docs/ci.md")).expect("docs/ci.md");
    let section = doc
        .split("## Lint only the files a branch changed")
        .nth(1)
        .expect("the changed-files section of docs/ci.md");
    let recipe = section
        .split("```sh\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("the changed-files recipe in docs/ci.md");
    assert!(recipe.contains("git diff --name-only") && recipe.contains("msglint check -"));
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_msglint"));
    let bin_dir = bin.parent().expect("bin dir");
    let path = std::env::join_paths(std::iter::once(bin_dir.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .expect("PATH");
    let out = Command::new(shell[0])
        .args(&shell[1..])
        .arg(recipe)
        .current_dir(dir)
        .env("PATH", path)
        // Git's defaults (core.quotePath on), whatever this machine's configuration.
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .output()
        .expect("sh");
    Out {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn changed_files_recipe_runs_on_a_real_git_repository() {
    let dir = temp_dir("changed-files");
    std::fs::copy(root().join(DEMO_PLATFORM), dir.join("msglint.yaml")).expect("copy");
    let write = |p: &str, t: &str| {
        let path = dir.join(p);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, t).expect("write");
    };
    write("docs/modified.md", "# Guide\n\nLumora Assist answers.\n");
    write("docs/deleted.md", "# Old\n\nLumora Assist answered.\n");
    write("docs/renamed.md", "# Moving\n\nLumora Assist moves.\n");
    write("src/lib.rs", "pub fn f() {}\n");
    git(&dir, &["init", "-q"]);
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-q", "-m", "base"]);
    // The base the recipe diffs against, as a CI checkout has it.
    git(&dir, &["update-ref", "refs/remotes/origin/main", "HEAD"]);
    git(&dir, &["checkout", "-q", "-b", "topic"]);

    // A branch with no finding: only a deleted page and a changed .rs file.
    std::fs::remove_file(dir.join("docs/deleted.md")).expect("rm");
    write("src/lib.rs", "pub fn f() -> u8 { 1 }\n");
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-q", "-m", "code"]);
    let clean = run_changed_files_recipe(&dir);
    assert_eq!(clean.code, 0, "{}\n{}", clean.stdout, clean.stderr);
    assert!(
        clean
            .stderr
            .contains("skipped 2 listed paths (1 not supported, 1 missing)"),
        "{}",
        clean.stderr
    );
    assert!(
        clean.stderr.contains("no supported files"),
        "{}",
        clean.stderr
    );
    assert!(!clean.stdout.contains("unreadable"), "{}", clean.stdout);

    // Added, modified and renamed pages too, one of them with drift.
    write("docs/added.md", "# New\n\nWhy teams pick HelpBot.\n");
    // Git quotes this name in its output ("docs/caf\303\251 menu.md").
    write("docs/café menu.md", "# Menu\n\nAsk HelpBot.\n");
    write(
        "docs/modified.md",
        "# Guide\n\nLumora Assist answers, fast.\n",
    );
    git(&dir, &["mv", "docs/renamed.md", "docs/moved.md"]);
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-q", "-m", "pages"]);
    let drift = run_changed_files_recipe(&dir);
    assert_eq!(drift.code, 1, "{}\n{}", drift.stdout, drift.stderr);
    assert!(!drift.stdout.contains("unreadable"), "{}", drift.stdout);
    assert!(drift.stdout.contains("docs/added.md"), "{}", drift.stdout);
    assert!(
        drift.stdout.contains("docs/café menu.md"),
        "{}",
        drift.stdout
    );
    assert!(drift.stdout.contains("retired-term"), "{}", drift.stdout);
    assert!(
        drift.stderr.contains("(1 not supported, 1 missing)"),
        "{}",
        drift.stderr
    );

    // Without a platform in the working directory, it is found from the first listed path
    // that is checked: not a deleted one, nor one of a type msglint skips (here a file in
    // a directory without any platform above it).
    let elsewhere = temp_dir("changed-files-cwd");
    std::fs::write(elsewhere.join("notes.rs"), "fn main() {}\n").expect("write");
    let listed = format!(
        "{}\n{}\n{}\n",
        dir.join("docs/deleted.md").display(),
        elsewhere.join("notes.rs").display(),
        dir.join("docs/added.md").display()
    );
    let out = run_in(&elsewhere, &["check", "-"], Some(&listed));
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stdout.contains("retired-term"), "{}", out.stdout);

    // A shallow clone without the base branch: `git diff` fails, and so does the step, in
    // GitHub's default shell (`bash -e`, no pipefail) and in plain `sh`; never a pass that
    // checked nothing.
    let shallow = temp_dir("changed-files-shallow");
    let _ = std::fs::remove_dir(&shallow);
    git(
        shallow.parent().expect("parent"),
        &[
            "clone",
            "-q",
            "--depth",
            "1",
            "--no-single-branch",
            &format!("file://{}", dir.display()),
            &shallow.display().to_string(),
        ],
    );
    for shell in [&["bash", "-e", "-c"][..], &["sh", "-c"][..]] {
        let out = run_changed_files_recipe_in(&shallow, shell);
        assert_ne!(out.code, 0, "{shell:?}: {}\n{}", out.stdout, out.stderr);
        assert!(out.stderr.contains("no merge base"), "{}", out.stderr);
        assert!(
            !out.stderr.contains("no supported files"),
            "msglint must not run: {}",
            out.stderr
        );
    }
}

#[test]
fn a_run_that_checks_nothing_says_so() {
    let dir = temp_dir("empty-run");
    std::fs::copy(root().join(DEMO_PLATFORM), dir.join("msglint.yaml")).expect("copy");
    std::fs::create_dir_all(dir.join("site")).expect("mkdir");
    std::fs::write(dir.join("site/data.json"), "{}\n").expect("write");
    std::fs::write(dir.join("main.rs"), "fn main() {}\n").expect("write");
    let out = run_in(&dir, &["check", "site"], None);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("msglint: no supported files under site"),
        "{}",
        out.stderr
    );
    let out = run_in(
        &dir,
        &["check", "site", "--allow-empty", "--format", "json"],
        None,
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(v["summary"]["files"], 0);
    let out = run_in(&dir, &["check", "-"], Some("main.rs\ngone.md\n"));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("skipped 2 listed paths (1 not supported, 1 missing)")
            && out
                .stderr
                .contains("no supported files under the paths on stdin"),
        "{}",
        out.stderr
    );
    // Named on the command line, an unsupported file is still reported.
    let out = run_in(&dir, &["check", "main.rs", "--format", "json"], None);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stdout.contains("\"unreadable\""), "{}", out.stdout);
}

/// A baseline written from the repository root silences the same findings when the run
/// starts in a subdirectory, uses absolute paths, or spells the path another way.
#[test]
fn baseline_is_independent_of_directory_and_path_form() {
    let dir = setup_repo("baseline-dirs");
    let write = run_in(
        &dir,
        &["check", "blog", "--write-baseline", "base.json"],
        None,
    );
    assert_eq!(write.code, 0, "{}", write.stderr);
    let recorded: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("base.json")).expect("read"))
            .expect("json");
    assert_eq!(recorded["version"], 2);
    assert!(recorded["findings"].as_array().is_some_and(|f| f.len() > 3));
    let abs_base = dir.join("base.json");
    let abs_base = abs_base.to_str().expect("utf-8 temp path");
    let abs_blog = dir.join("blog");
    let abs_blog = abs_blog.to_str().expect("utf-8 temp path");
    for (cwd, target, base) in [
        (dir.join("blog"), "launch.md", "../base.json"),
        (dir.clone(), "./blog/../blog/launch.md", "base.json"),
        (std::env::temp_dir(), abs_blog, abs_base),
    ] {
        let out = run_in(
            &cwd,
            &["check", target, "--baseline", base, "--fail-on", "warning"],
            None,
        );
        assert_eq!(
            out.code,
            0,
            "from {} with {target}: {}{}",
            cwd.display(),
            out.stdout,
            out.stderr
        );
        assert!(out.stdout.contains("No problems found"), "{}", out.stdout);
    }
}

/// A new finding whose text repeats a baselined one is reported where it is, not at the
/// old line (fingerprints carry the words around the match, not an occurrence number).
#[test]
fn new_repeat_of_a_baselined_finding_is_reported_at_its_own_line() {
    let dir = setup_repo("baseline-repeat");
    let write = run_in(
        &dir,
        &["check", "blog", "--write-baseline", "base.json"],
        None,
    );
    assert_eq!(write.code, 0, "{}", write.stderr);
    let old = std::fs::read_to_string(dir.join("blog/launch.md")).expect("read");
    assert!(
        old.contains("HelpBot"),
        "the fixture has a baselined HelpBot"
    );
    let (front, body) = old.split_at(old.find("# Meet").expect("heading"));
    std::fs::write(
        dir.join("blog/launch.md"),
        format!("{front}Our partners still say HelpBot when they call.\n\n{body}"),
    )
    .expect("write");
    let new_line = front.lines().count() as u64 + 1;
    let v = {
        let out = run_in(
            &dir,
            &[
                "check",
                "blog",
                "--baseline",
                "base.json",
                "--format",
                "json",
            ],
            None,
        );
        assert_eq!(out.code, 1, "{}", out.stderr);
        serde_json::from_str::<serde_json::Value>(&out.stdout).expect("json")
    };
    let d = diags(&v);
    assert_eq!(d.len(), 1, "only the new HelpBot: {d:#?}");
    assert_eq!(d[0]["matched"], "HelpBot");
    assert_eq!(d[0]["location"]["line"], new_line, "{d:#?}");
}

/// Baselines of msglint's first format (version 1) are still read, by their old
/// fingerprints. `fixtures/baselines/v1-demo.json` was written by that version over
/// `fixtures/demo`; only `cross-asset-conflict` findings, whose old fingerprints cannot be
/// recomputed, come back.
#[test]
fn version_1_baselines_are_still_read() {
    let out = msglint(&[
        "check",
        "fixtures/demo",
        "--baseline",
        "fixtures/baselines/v1-demo.json",
        "--format",
        "json",
    ]);
    assert!(out.stderr.contains("version-1 baseline"), "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    let d = diags(&v);
    // Findings msglint makes since that baseline was written (issue #11: an exact wording
    // restated, a withdrawn reference) are new, so they come back too.
    let newer = [
        ("message-drift", "fixtures/demo/battlecards/zendesk.md"),
        (
            "message-drift",
            "fixtures/demo/collateral/lumora-datasheet.pdf",
        ),
        ("withdrawn-reference", "fixtures/demo/blog/2026-launch.md"),
    ];
    assert!(
        d.iter().all(|x| x["rule"] == "cross-asset-conflict"
            || newer
                .iter()
                .any(|(r, p)| x["rule"] == *r && x["path"] == *p)),
        "{d:#?}"
    );
    let all = json(&["check", "fixtures/demo"]);
    assert!(diags(&all).len() > 40 + d.len());
    // An unknown future version is refused with the file named.
    let dir = temp_dir("baseline-v9");
    std::fs::write(dir.join("b.json"), r#"{"version": 9, "findings": []}"#).expect("write");
    let b = dir.join("b.json");
    let out = msglint(&[
        "check",
        "fixtures/demo",
        "--baseline",
        b.to_str().expect("utf-8"),
    ]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("baseline version 9"), "{}", out.stderr);
}

/// Lines of the corpus that an earlier `--fix` damaged (`fixtures/fix/`): fixed on a copy,
/// the file must equal the reviewed `.fixed.md`, and what is left must be exactly the
/// findings a person has to look at.
#[test]
fn fix_regressions_from_the_corpus() {
    let dir = temp_dir("fix-regressions");
    let src = root().join("fixtures/fix/sourcegraph-regressions.md");
    let file = dir.join("page.md");
    std::fs::copy(&src, &file).expect("copy");
    let platform = root().join(SG_PLATFORM);
    let out = run_in(
        &dir,
        &[
            "check",
            "page.md",
            "--platform",
            platform.to_str().expect("utf-8"),
            "--fix",
            "--format",
            "json",
        ],
        None,
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    let expected =
        std::fs::read_to_string(root().join("fixtures/fix/sourcegraph-regressions.fixed.md"))
            .expect("expected");
    let got = std::fs::read_to_string(&file).expect("fixed");
    assert_eq!(got, expected, "--fix output differs from the reviewed file");
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    let left: Vec<String> = diags(&v)
        .iter()
        .map(|d| {
            format!(
                "{} {} {}",
                d["location"]["line"],
                d["rule"].as_str().unwrap_or(""),
                d["matched"].as_str().unwrap_or("")
            )
        })
        .collect();
    assert_eq!(
        left,
        [
            // Glued to a larger name, or a neighbour would be doubled: reported, not fixed.
            "9 retired-term managed instances",
            "11 retired-term managed instances",
            // "docs is": the replacement would not agree with its verb.
            "15 preferred-term documentation",
            "17 preferred-term documentation",
            // A reference link's text is its label.
            "21 preferred-term Golang",
            // Quoted identifiers ("postgres" user, "sourcegraph" organization) are neither
            // fixed nor reported: a literal in quotes is not prose.
            // A hyphenated name.
            "31 preferred-term Repo",
        ],
        "{left:#?}"
    );
    // Third-party names and UI labels are not reported at all (lines 33, 35, 37), and
    // nothing inside the multi-line comment or the link definition changed.
    assert!(got.contains("This multi-line comment mentions documentation, repos and\nOSX"));
    assert!(got.ends_with("[Golang]: https://golang.org\n"));
}

/// Two `cross-asset-conflict` findings in one file, and equal findings in equal context,
/// each get their own fingerprint (GitLab would merge them, a baseline entry would
/// silence both).
#[test]
fn repeated_findings_get_distinct_fingerprints() {
    let dir = temp_dir("fp-repeat");
    std::fs::copy(root().join(DEMO_PLATFORM), dir.join("msglint.yaml")).expect("copy");
    let line = "Agents save 4 hours a day with Lumora Assist.";
    std::fs::write(
        dir.join("a.md"),
        format!("{line}\n\n{line}\n\nHelpBot.\n\nHelpBot.\n"),
    )
    .expect("write");
    std::fs::write(
        dir.join("b.md"),
        "Agents save 3 hours a day with Lumora Assist.\n",
    )
    .expect("write");
    let out = run_in(&dir, &["check", ".", "--format", "json"], None);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    let d = diags(&v);
    let in_a = |rule: &str| {
        d.iter()
            .filter(|x| x["rule"] == rule && x["path"] == "a.md")
            .count()
    };
    assert_eq!(in_a("cross-asset-conflict"), 2, "{d:#?}");
    assert_eq!(in_a("retired-term"), 2, "{d:#?}");
    let prints: std::collections::HashSet<&str> =
        d.iter().filter_map(|x| x["fingerprint"].as_str()).collect();
    assert_eq!(prints.len(), d.len(), "{d:#?}");
}

#[test]
fn file_names_cannot_inject_lines_escapes_patches_or_invalid_xml() {
    let dir = temp_dir("inject");
    let names = [
        "x\n::error file=a.md::injected.md",
        "esc\u{1b}[31mred\u{1b}]0;title\u{7}.md",
        "tab\there.md",
        "fffe\u{FFFE}.md",
    ];
    for n in names {
        std::fs::write(dir.join(n), "We use HelpBot daily.\n").expect("write");
    }
    let plat = root().join(DEMO_PLATFORM).display().to_string();
    let check = |extra: &[&str]| {
        run_in(
            &dir,
            &[&["check", "--platform", &plat, "."][..], extra].concat(),
            None,
        )
    };
    // Human output (what the baseline and changed-files recipes print in GitHub Actions):
    // a name never starts a line, and carries no terminal escape.
    let human = check(&[]);
    assert_eq!(human.code, 1, "{}", human.stderr);
    assert!(
        !human.stdout.lines().any(|l| l.starts_with("::")),
        "{}",
        human.stdout
    );
    assert!(!human.stdout.contains('\u{1b}'), "{:?}", human.stdout);
    assert!(
        human.stdout.contains(r"x\n::error file=a.md::injected.md"),
        "{}",
        human.stdout
    );
    assert!(
        human.stdout.contains(r"esc\u{1b}[31mred"),
        "{}",
        human.stdout
    );
    // JUnit and checkstyle: no character XML forbids.
    for format in ["junit", "checkstyle"] {
        let out = check(&["--format", format]);
        assert!(
            !out.stdout
                .contains(['\u{FFFE}', '\u{FFFF}', '\u{1b}', '\u{7}']),
            "{format}: {:?}",
            out.stdout
        );
        assert!(out.stdout.contains("fffe\u{FFFD}.md"), "{format}");
    }
    // --diff quotes the names git would quote; git applies the patch to those files only.
    let patch = check(&["--diff"]).stdout;
    assert!(
        patch.contains("--- \"a/tab\\there.md\"\n+++ \"b/tab\\there.md\"\n"),
        "{patch}"
    );
    assert!(
        patch.contains("--- \"a/x\\n::error file=a.md::injected.md\"\n"),
        "{patch}"
    );
    assert!(!patch.lines().any(|l| l.starts_with("::")), "{patch}");
    std::fs::write(dir.join("fix.patch"), &patch).expect("write patch");
    let (ok, text) = tool_in(&dir, "git", &["apply", "--check", "fix.patch"]);
    assert!(ok, "git apply --check refused the patch: {text}\n{patch}");
    let (ok, text) = tool_in(&dir, "git", &["apply", "fix.patch"]);
    assert!(ok, "git apply: {text}");
    for n in names {
        assert_eq!(
            std::fs::read_to_string(dir.join(n)).expect("read"),
            "We use Lumora Assist daily.\n",
            "{n:?}"
        );
    }
    let count = std::fs::read_dir(&dir).expect("dir").count();
    assert_eq!(count, names.len() + 1, "no other file written");
}

/// "Found N problems" is the number every other count is said in: a site-chrome finding on
/// several pages is one finding. `--max-findings-per-file` does not change the total (the
/// chrome is folded before the cap), `--write-baseline` records N, a baseline run says it
/// silenced N, `--fix` says it fixed what the count drops by; nouns agree with their counts.
#[test]
fn counts_agree_with_the_report_after_chrome_folding() {
    let dir = temp_dir("counts");
    copy_tree(&root().join("fixtures/demo"), &dir);
    let total = |out: &Out| -> usize {
        let line = out
            .stdout
            .lines()
            .find(|l| l.starts_with("Found "))
            .unwrap_or_else(|| panic!("no summary: {}{}", out.stdout, out.stderr));
        line.split(' ')
            .nth(1)
            .and_then(|n| n.parse().ok())
            .expect("count")
    };
    let plain = run_in(&dir, &["check", "."], None);
    let n = total(&plain);
    assert!(
        plain.stdout.contains("site chrome: on 2 pages"),
        "the demo has folded chrome: {}",
        plain.stdout
    );
    let capped = run_in(&dir, &["check", ".", "--max-findings-per-file", "2"], None);
    assert_eq!(total(&capped), n, "{}", capped.stdout);
    let wrote = run_in(&dir, &["check", ".", "--write-baseline", "b.json"], None);
    assert!(
        wrote
            .stderr
            .contains(&format!("recorded {n} findings in b.json")),
        "{}",
        wrote.stderr
    );
    let silenced = run_in(&dir, &["check", ".", "--baseline", "b.json"], None);
    assert!(
        silenced.stderr.contains(&format!(
            "the baseline b.json silenced {n} findings already known"
        )),
        "{}",
        silenced.stderr
    );
    let fixed = run_in(&dir, &["check", ".", "--fix"], None);
    let after = total(&fixed);
    assert!(after < n);
    assert!(
        fixed
            .stderr
            .contains(&format!("fixed {} findings in all", n - after)),
        "{}",
        fixed.stderr
    );
    let claimed: usize = fixed
        .stderr
        .lines()
        .filter_map(|l| l.strip_prefix("msglint: fixed "))
        .filter(|l| !l.ends_with(" in all"))
        .filter_map(|l| l.split(' ').next()?.parse::<usize>().ok())
        .sum();
    assert_eq!(
        claimed,
        n - after,
        "per-file counts add up: {}",
        fixed.stderr
    );
    assert!(!fixed.stderr.contains("finding(s)"), "{}", fixed.stderr);
    // One page, one slide: singular.
    for (file, header) in [
        // (A PDF's header also says when it was last saved.)
        (
            "fixtures/formats/pdf/table.pdf",
            "(pdf, 1 page, modified 2026-11-23)",
        ),
        ("fixtures/formats/pptx/table.pptx", "(pptx, 1 slide)"),
        (
            "fixtures/demo/one-pagers/lumora-overview.docx",
            "(docx, 8 paragraphs, 1 page)",
        ),
    ] {
        let out = msglint(&["extract", file]);
        assert!(
            out.stdout
                .lines()
                .next()
                .is_some_and(|l| l.ends_with(header)),
            "{}",
            out.stdout
        );
    }
}

/// GitHub, GitLab, JUnit and checkstyle locate a finding by a line only, which for a deck,
/// PDF or Word file is a line of `msglint extract`'s text: the message leads with the slide
/// (and shape), page or paragraph, as the human output and SARIF's logical location say it.
#[test]
fn line_only_formats_name_the_slide_page_and_paragraph() {
    let args = ["check", "fixtures/demo"];
    let all = diags(&json(&args));
    let placed: Vec<&serde_json::Value> = all
        .iter()
        .filter(|d| d["location"]["slide"].is_u64() || d["location"]["page"].is_u64())
        .collect();
    for ext in [".pptx", ".pdf", ".docx"] {
        assert!(
            placed
                .iter()
                .any(|d| d["path"].as_str().is_some_and(|p| p.ends_with(ext))),
            "the demo has a {ext} finding"
        );
    }
    let out = |format: &str| {
        let mut a = args.to_vec();
        a.extend(["--format", format]);
        msglint(&a).stdout
    };
    let led = |m: &str| m.starts_with("slide ") || m.starts_with("page ") || m.starts_with('¶');
    let gh = out("github");
    let n = gh
        .lines()
        .filter_map(|l| l.splitn(3, "::").nth(2))
        .filter(|m| led(m))
        .count();
    assert_eq!(n, placed.len(), "github:\n{gh}");
    assert!(
        gh.contains("title=msglint (retired-term)::slide 3 › Plan table: \"HelpBot\" was retired"),
        "{gh}"
    );
    let gl: serde_json::Value = serde_json::from_str(&out("gitlab")).expect("gitlab JSON");
    let n = gl
        .as_array()
        .expect("issues")
        .iter()
        .filter(|i| i["description"].as_str().is_some_and(led))
        .count();
    assert_eq!(n, placed.len(), "gitlab");
    for (format, attr) in [
        ("junit", "<failure message=\""),
        ("checkstyle", " message=\""),
    ] {
        let xml = out(format);
        let n = ["slide ", "page ", "¶"]
            .iter()
            .map(|p| xml.matches(&format!("{attr}{p}")).count())
            .sum::<usize>();
        assert_eq!(n, placed.len(), "{format}:\n{xml}");
    }
    let pdf = placed
        .iter()
        .find(|d| d["path"].as_str().is_some_and(|p| p.ends_with(".pdf")))
        .expect("a PDF finding");
    let page = pdf["location"]["page"].as_u64().expect("page");
    assert!(
        out("checkstyle").contains(&format!("message=\"page {page} › line ")),
        "a PDF finding names its page and the line on it"
    );
}

/// The pre-commit hook as pre-commit itself installs it from this repository (at `HEAD`:
/// pre-commit clones the repository at a commit, so uncommitted edits to the hook are not
/// seen), in a temporary Git repository with the demo platform: a staged drifted deck, PDF
/// and Word file each fail the commit, and a clean page commits. pre-commit comes from
/// PyPI (`tests/requirements.txt`). The hook builds msglint with `cargo install` (a few
/// minutes the first time; the build directory and pre-commit's cache are kept under
/// `target/` for the next run).
#[test]
fn pre_commit_hook_fails_commits_of_drifted_decks_pdfs_and_word_files() {
    let test = "pre_commit_hook_fails_commits_of_drifted_decks_pdfs_and_word_files";
    let present = Command::new("pre-commit")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !external(test, "pre-commit (pip install pre-commit)", present) {
        return;
    }
    let head = Command::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(root())
        .output()
        .expect("git rev-parse");
    assert!(head.status.success(), "this checkout is a Git repository");
    let head = String::from_utf8_lossy(&head.stdout).trim().to_owned();
    let dir = temp_dir("pre-commit");
    std::fs::copy(root().join(DEMO_PLATFORM), dir.join("msglint.yaml")).expect("copy");
    std::fs::write(
        dir.join(".pre-commit-config.yaml"),
        format!(
            "repos:\n  - repo: {}\n    rev: {head}\n    hooks:\n      - id: msglint\n",
            root().display()
        ),
    )
    .expect("write");
    git(&dir, &["init", "-q"]);
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-q", "-m", "platform"]);
    let target = root().join("target");
    let run = |args: &[&str]| {
        let out = Command::new(args[0])
            .args(&args[1..])
            .current_dir(&dir)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "msglint")
            .env("GIT_AUTHOR_EMAIL", "msglint@example.com")
            .env("GIT_COMMITTER_NAME", "msglint")
            .env("GIT_COMMITTER_EMAIL", "msglint@example.com")
            .env("PRE_COMMIT_HOME", target.join("pre-commit-home"))
            // The hook's `cargo install`: a build directory kept between runs, and a quick
            // release profile (the hook's speed is not under test).
            .env("CARGO_TARGET_DIR", target.join("pre-commit-build"))
            .env("CARGO_PROFILE_RELEASE_LTO", "false")
            .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
            .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "1")
            .env_remove("NO_COLOR")
            .stdin(Stdio::null())
            .output()
            .expect("run");
        Out {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    };
    let installed = run(&["pre-commit", "install", "--install-hooks"]);
    assert_eq!(
        installed.code, 0,
        "{}\n{}",
        installed.stdout, installed.stderr
    );
    for file in [
        "decks/q3-sales-deck.pptx",
        "collateral/lumora-datasheet.pdf",
        "one-pagers/lumora-overview.docx",
    ] {
        let to = dir.join(file);
        std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
        std::fs::copy(root().join("fixtures/demo").join(file), &to).expect("copy");
        git(&dir, &["add", file]);
        let commit = run(&["git", "commit", "-q", "-m", file]);
        let said = format!("{}{}", commit.stdout, commit.stderr);
        assert_ne!(commit.code, 0, "{file} was committed: {said}");
        assert!(
            said.contains("msglint") && said.contains("Failed") && said.contains(file),
            "{file}: {said}"
        );
        git(&dir, &["reset", "-q"]);
        std::fs::remove_file(&to).expect("rm");
    }
    std::fs::write(
        dir.join("hello.md"),
        "# Hello\n\nLumora Inbox puts email, chat and social in one place.\n",
    )
    .expect("write");
    git(&dir, &["add", "hello.md"]);
    let clean = run(&["git", "commit", "-q", "-m", "clean"]);
    assert_eq!(clean.code, 0, "{}\n{}", clean.stdout, clean.stderr);
}

/// A fix keeps the case pattern the author wrote in: Title Case mid-line (a nav, a
/// heading), all capitals, sentence case; a name as the platform writes it stays as is.
#[test]
fn fixes_keep_title_case_and_capitals() {
    let dir = temp_dir("fix-case");
    std::fs::write(
        dir.join("msglint.yaml"),
        "version: 1\ncompany:\n  name: Acme\nterms:\n  - use: help desk\n    avoid: [helpdesk]\nretired:\n  - phrase: over the air\n    replacement: over-the-air\n  - phrase: support desk\n    replacement: help desk\n  - phrase: AcmeBot\n    replacement: Acme Assist\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("page.md"),
        "# Understanding Over the Air (OTA) Updates\n\nPricing · Helpdesk · Blog\n\nShip over the air updates. Helpdesk tips: ask the helpdesk.\n\n## SUPPORT DESK\n\nPricing · Support Desk · ACMEBOT\n",
    )
    .expect("write");
    let out = run_in(&dir, &["check", "page.md", "--fix"], None);
    assert!(
        out.stderr.contains("fixed 8 findings"),
        "{}{}",
        out.stdout,
        out.stderr
    );
    let fixed = std::fs::read_to_string(dir.join("page.md")).expect("read");
    assert_eq!(
        fixed,
        "# Understanding Over-the-Air (OTA) Updates\n\nPricing · Help Desk · Blog\n\nShip over-the-air updates. Help desk tips: ask the help desk.\n\n## HELP DESK\n\nPricing · Help Desk · Acme Assist\n"
    );
}
