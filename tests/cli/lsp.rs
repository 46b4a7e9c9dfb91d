//! `msglint lsp`: JSON-RPC over stdio to the built binary, as an editor speaks it; and
//! Neovim's built-in client (opt-in: `nvim`, installed by `.ci/run`).

use super::*;
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

pub(crate) struct Client {
    child: std::process::Child,
    stdin: std::process::ChildStdin,
    rx: mpsc::Receiver<Value>,
    next_id: i64,
    /// Notifications and server requests seen while waiting for something else.
    pub(crate) seen: Vec<Value>,
}

fn read_message(r: &mut impl BufRead) -> Option<Value> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            len = v.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; len?];
    r.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

pub(crate) fn file_uri(p: &Path) -> String {
    let mut out = String::from("file://");
    for b in p.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl Client {
    pub(crate) fn start(dir: &Path, args: &[&str]) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_msglint"))
            .arg("lsp")
            .args(args)
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn msglint lsp");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(m) = read_message(&mut r) {
                if tx.send(m).is_err() {
                    break;
                }
            }
        });
        Client {
            child,
            stdin,
            rx,
            next_id: 0,
            seen: Vec::new(),
        }
    }

    pub(crate) fn send(&mut self, v: Value) {
        let body = v.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    pub(crate) fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn next(&mut self, until: Instant) -> Value {
        let wait = until.saturating_duration_since(Instant::now());
        self.rx
            .recv_timeout(wait)
            .unwrap_or_else(|e| panic!("no message from msglint lsp: {e}; seen {:#?}", self.seen))
    }

    /// A request's result (panics on an error response or after 30 s).
    pub(crate) fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let until = Instant::now() + Duration::from_secs(30);
        loop {
            let m = self.next(until);
            if m.get("id") == Some(&json!(id)) && m.get("method").is_none() {
                assert!(m.get("error").is_none(), "{method}: {m}");
                return m["result"].clone();
            }
            self.seen.push(m);
        }
    }

    /// The next `publishDiagnostics` for `uri` that `ok` accepts (earlier ones are
    /// skipped); panics after 30 s.
    pub(crate) fn diagnostics(&mut self, uri: &str, ok: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let until = Instant::now() + Duration::from_secs(30);
        loop {
            let m = self.next(until);
            if m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri {
                let d = m["params"]["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
                if ok(&d) {
                    return d;
                }
            }
            self.seen.push(m);
        }
    }

    pub(crate) fn initialize(&mut self, root: &Path) -> Value {
        let r = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": file_uri(root),
                "capabilities": {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}},
            }),
        );
        self.notify("initialized", json!({}));
        r
    }

    /// `shutdown`, `exit`; the exit code.
    pub(crate) fn finish(mut self) -> i32 {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        let until = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(s) = self.child.try_wait().expect("wait") {
                return s.code().unwrap_or(-1);
            }
            assert!(Instant::now() < until, "msglint lsp did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

fn codes(d: &[Value]) -> Vec<String> {
    let mut c: Vec<String> = d
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_owned())
        .collect();
    c.sort();
    c
}

fn has(d: &[Value], code: &str) -> bool {
    d.iter().any(|d| d["code"] == code)
}

/// Apply LSP text edits (UTF-16 positions) to `text`.
pub(crate) fn apply_edits(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| -> usize {
        let line = p["line"].as_u64().expect("line") as usize;
        let ch = p["character"].as_u64().expect("character") as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units >= ch || c == '\n' {
                return start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let mut edits: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().expect("newText").to_owned(),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_owned();
    for (a, b, t) in edits {
        out.replace_range(a..b, &t);
    }
    out
}

/// A scratch workspace: the demo platform and a blog post.
fn workspace(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("blog")).expect("mkdir");
    std::fs::copy(root().join(DEMO_PLATFORM), dir.join("msglint.yaml")).expect("platform");
    std::fs::canonicalize(&dir).expect("canonical")
}

const POST: &str = "# Launch notes\n\n🎉 Our support crew uses HelpBot every day.\n";

#[test]
fn lsp_diagnostics_fixes_hover_and_platform_reload_over_stdio() {
    let dir = workspace("lsp-session");
    let post = dir.join("blog/post.md");
    std::fs::write(&post, POST).expect("post");
    let uri = file_uri(&post);
    let mut c = Client::start(&dir, &[]);
    let init = c.initialize(&dir);
    let caps = &init["capabilities"];
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    assert_eq!(caps["hoverProvider"], true);

    // Open: the retired name, after an emoji (two UTF-16 units) on its line.
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": POST}}),
    );
    let d = c.diagnostics(&uri, |d| !d.is_empty());
    assert_eq!(codes(&d), ["retired-term"], "{d:#?}");
    let retired = &d[0];
    // "🎉 Our support crew uses " is 25 UTF-16 units (24 characters, 27 bytes).
    assert_eq!(
        retired["range"],
        json!({"start": {"line": 2, "character": 25}, "end": {"line": 2, "character": 32}})
    );
    assert_eq!(retired["severity"], 1);
    assert_eq!(retired["source"], "msglint");
    assert!(
        retired["codeDescription"]["href"]
            .as_str()
            .is_some_and(|h| h.ends_with("/rules/retired-term.md")),
        "{retired}"
    );
    assert_eq!(retired["data"]["confidence"], "high");
    assert!(
        retired["message"]
            .as_str()
            .unwrap_or("")
            .contains("HelpBot")
    );

    // Change (incremental): a second line with an avoided term.
    c.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{
                "range": {"start": {"line": 3, "character": 0}, "end": {"line": 3, "character": 0}},
                "text": "Ask the 🎉 helpdesk.\n"
            }]
        }),
    );
    let mut text = format!("{POST}Ask the 🎉 helpdesk.\n");
    let d = c.diagnostics(&uri, |d| d.len() == 2);
    assert_eq!(codes(&d), ["preferred-term", "retired-term"], "{d:#?}");
    let preferred = d
        .iter()
        .find(|d| d["code"] == "preferred-term")
        .expect("term");
    assert_eq!(
        preferred["range"],
        json!({"start": {"line": 3, "character": 11}, "end": {"line": 3, "character": 19}})
    );

    // Hover: the rule in plain words and the approved wording.
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 3, "character": 14}}),
    );
    let value = hover["contents"]["value"].as_str().expect("hover text");
    assert!(value.contains("preferred-term"), "{value}");
    assert!(value.contains("Approved wording: **help desk**"), "{value}");

    // Code actions on the retired name: its fix, fix all, ignore on this line.
    let actions = c.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 2, "character": 27}, "end": {"line": 2, "character": 27}},
            "context": {"diagnostics": []}
        }),
    );
    let actions = actions.as_array().expect("actions").clone();
    let titles: Vec<&str> = actions.iter().filter_map(|a| a["title"].as_str()).collect();
    assert!(
        titles.contains(&"Replace “HelpBot” with “Lumora Assist” (retired-term)"),
        "{titles:?}"
    );
    assert!(
        titles
            .iter()
            .any(|t| t.starts_with("Fix all msglint findings in this file (2"))
    );
    assert!(
        titles.contains(&"Ignore retired-term on this line"),
        "{titles:?}"
    );
    let ignore = actions
        .iter()
        .find(|a| a["title"] == "Ignore retired-term on this line")
        .expect("ignore");
    let ignored = apply_edits(
        &text,
        ignore["edit"]["changes"][&uri].as_array().expect("edits"),
    );
    assert_eq!(
        ignored,
        "# Launch notes\n\n<!-- msglint-disable-next-line retired-term -->\n🎉 Our support crew uses HelpBot every day.\nAsk the 🎉 helpdesk.\n"
    );
    let fix = actions
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .is_some_and(|t| t.starts_with("Replace"))
        })
        .expect("fix");
    text = apply_edits(
        &text,
        fix["edit"]["changes"][&uri].as_array().expect("edits"),
    );
    assert!(text.contains("uses Lumora Assist every day"), "{text}");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": text}]}),
    );
    let d = c.diagnostics(&uri, |d| d.len() == 1);
    assert_eq!(codes(&d), ["preferred-term"], "the fix fixed it: {d:#?}");

    // Fix all in the file (asked as a source action): nothing left.
    let all = c.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
            "context": {"diagnostics": [], "only": ["source.fixAll"]}
        }),
    );
    let all = &all.as_array().expect("actions")[0];
    assert_eq!(all["kind"], "source.fixAll");
    let fixed = apply_edits(
        &text,
        all["edit"]["changes"][&uri].as_array().expect("edits"),
    );
    assert!(fixed.contains("Ask the 🎉 help desk."), "{fixed}");

    // Edit the platform: typed (validated as typed), then saved: open documents refresh.
    let platform = dir.join("msglint.yaml");
    let platform_uri = file_uri(&platform);
    let yaml = std::fs::read_to_string(&platform).expect("platform");
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": platform_uri, "languageId": "yaml", "version": 1, "text": yaml}}),
    );
    let with_term = yaml.replacen(
        "terms:\n",
        "terms:\n  - use: support team\n    avoid: [support crew]\n",
        1,
    );
    assert_ne!(with_term, yaml);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": platform_uri, "version": 2}, "contentChanges": [{"text": with_term}]}),
    );
    let d = c.diagnostics(&platform_uri, |_| true);
    assert!(d.is_empty(), "a valid platform: {d:#?}");
    std::fs::write(&platform, &with_term).expect("save");
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": platform_uri}}),
    );
    let d = c.diagnostics(&uri, |d| d.len() == 2);
    assert_eq!(codes(&d), ["preferred-term", "preferred-term"], "{d:#?}");
    assert!(
        d.iter()
            .any(|d| d["message"].as_str().unwrap_or("").contains("support crew"))
    );

    // A malformed platform as typed: a diagnostic on its file, at the mistake.
    let broken = with_term.replacen("  - use: support team\n", "  - uze: support team\n", 1);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": platform_uri, "version": 3}, "contentChanges": [{"text": broken}]}),
    );
    let d = c.diagnostics(&platform_uri, |d| !d.is_empty());
    let line = broken
        .lines()
        .position(|l| l.contains("uze"))
        .expect("line") as u64;
    assert!(
        d.iter()
            .any(|d| d["range"]["start"]["line"] == line && d["severity"] == 1),
        "{d:#?}"
    );
    // Saved broken: still a diagnostic on the file; the server answers and keeps the
    // platform it had.
    std::fs::write(&platform, &broken).expect("save");
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": platform_uri}}),
    );
    let d = c.diagnostics(&platform_uri, |d| !d.is_empty());
    assert!(
        d[0]["message"].as_str().unwrap_or("").contains("uze"),
        "{d:#?}"
    );
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 3, "character": 14}}),
    );
    assert!(
        hover["contents"]["value"]
            .as_str()
            .is_some_and(|v| v.contains("help desk"))
    );
    // Closed: the problems of the file on disk stay listed.
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": platform_uri}}),
    );
    let d = c.diagnostics(&platform_uri, |_| true);
    assert!(
        d.iter()
            .any(|d| d["message"].as_str().unwrap_or("").contains("uze")),
        "{d:#?}"
    );

    // A deck in the workspace, seen through a watched-file event: published against it.
    let deck = dir.join("q3.pptx");
    std::fs::copy(root().join("fixtures/demo/decks/q3-sales-deck.pptx"), &deck).expect("deck");
    let deck_uri = file_uri(&deck);
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": deck_uri, "type": 1}]}),
    );
    let d = c.diagnostics(&deck_uri, |d| !d.is_empty());
    assert!(
        d.iter()
            .any(|d| d["message"].as_str().unwrap_or("").starts_with("slide ")),
        "{d:#?}"
    );

    assert_eq!(c.finish(), 0, "clean shutdown and exit");
}

#[test]
fn lsp_related_locations_for_cross_asset_conflicts_and_exit_without_shutdown() {
    let dir = workspace("lsp-cross");
    let a = dir.join("blog/a.md");
    let b = dir.join("blog/b.md");
    let one = "# Notes\n\nThe platform now connects 300 storefront apps for every team.\n";
    let two = "# More\n\nThe platform now connects 450 storefront apps for every team.\n";
    std::fs::write(&a, one).expect("a");
    std::fs::write(&b, two).expect("b");
    let mut c = Client::start(&dir, &[]);
    c.initialize(&dir);
    for (p, t) in [(&a, one), (&b, two)] {
        c.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": file_uri(p), "languageId": "markdown", "version": 1, "text": t}}),
        );
    }
    let d = c.diagnostics(&file_uri(&b), |d| has(d, "cross-asset-conflict"));
    let conflict = d
        .iter()
        .find(|d| d["code"] == "cross-asset-conflict")
        .expect("conflict");
    let related = conflict["relatedInformation"].as_array().expect("related");
    assert_eq!(related[0]["location"]["uri"], file_uri(&a), "{conflict:#}");
    assert_eq!(related[0]["location"]["range"]["start"]["line"], 2);
    // Paths named as `check` run in the workspace names them.
    assert!(
        conflict["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("\"450\" here, but blog/a.md:3 says \"300\"")),
        "{conflict:#}"
    );
    // `exit` without `shutdown`: exit code 1, as the protocol asks.
    c.notify("exit", Value::Null);
    let until = Instant::now() + Duration::from_secs(20);
    let code = loop {
        if let Some(s) = c.child.try_wait().expect("wait") {
            break s.code();
        }
        assert!(Instant::now() < until, "did not exit");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(code, Some(1));
}

/// A real client: Neovim's built-in LSP client, configured by `editors/nvim/msglint.lua`,
/// opens the demo's blog post and reports the diagnostics it received.
#[test]
fn neovim_receives_msglint_diagnostics() {
    let nvim = Command::new("nvim")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !external(
        "neovim_receives_msglint_diagnostics",
        "nvim (Debian package neovim)",
        nvim,
    ) {
        return;
    }
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("nvim-diagnostics.jsonl");
    let _ = std::fs::remove_file(&out);
    let file = root().join("fixtures/demo/blog/2026-launch.md");
    let status = Command::new("nvim")
        .args([
            "--headless",
            "--clean",
            "-c",
            "luafile tests/nvim/collect.lua",
        ])
        .current_dir(root())
        .env("MSGLINT_BIN", env!("CARGO_BIN_EXE_msglint"))
        .env("MSGLINT_REPO", root())
        .env("MSGLINT_FILE", &file)
        .env("MSGLINT_OUT", &out)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run nvim");
    assert!(status.success(), "nvim: {status}");
    let text = std::fs::read_to_string(&out).expect("nvim wrote its diagnostics");
    let got: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert!(!got.iter().any(|d| d["timeout"] == true), "{text}");
    let mut seen: Vec<(i64, i64, i64, String)> = got
        .iter()
        .map(|d| {
            (
                d["lnum"].as_i64().unwrap_or(-1),
                d["col"].as_i64().unwrap_or(-1),
                d["end_col"].as_i64().unwrap_or(-1),
                d["code"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    seen.sort();
    // As `msglint check` reports the file (lines and byte columns 0-based, as Neovim
    // keeps them).
    let want: Vec<(i64, i64, i64, String)> = [
        (1, 20, 36, "brand-name"),
        (2, 13, 29, "brand-name"),
        (8, 71, 82, "message-drift"),
        (9, 0, 16, "brand-name"),
        (12, 0, 9, "preferred-term"),
        (20, 62, 73, "unsupported-superlative"),
        (28, 48, 63, "withdrawn-reference"),
        (30, 18, 29, "off-icp"),
    ]
    .into_iter()
    .map(|(l, c, e, r)| (l, c, e, r.to_owned()))
    .collect();
    assert_eq!(seen, want, "{text}");
    assert!(got.iter().all(|d| d["source"] == "msglint"));
}

/// The languages the VS Code extension activates on (package.json) are the ones its
/// client hands the server (src/extension.ts), and cover every text kind msglint reads.
#[test]
fn vscode_extension_declares_the_languages_it_activates_on() {
    let dir = root().join("editors/vscode");
    let pkg: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("package.json")).expect("package.json"),
    )
    .expect("json");
    let mut activates: Vec<&str> = pkg["activationEvents"]
        .as_array()
        .expect("activationEvents")
        .iter()
        .filter_map(|e| e.as_str()?.strip_prefix("onLanguage:"))
        .collect();
    activates.sort();
    let ts = std::fs::read_to_string(dir.join("src/extension.ts")).expect("extension.ts");
    let list = ts
        .split("export const LANGUAGES = [")
        .nth(1)
        .and_then(|r| r.split("];").next())
        .expect("LANGUAGES");
    let mut selected: Vec<&str> = list
        .split(',')
        .map(|l| l.trim().trim_matches('"'))
        .filter(|l| !l.is_empty())
        .collect();
    selected.sort();
    assert_eq!(activates, selected);
    for lang in [
        "markdown",
        "html",
        "plaintext",
        "javascript",
        "typescriptreact",
        "vue",
        "svelte",
        "astro",
        "json",
        "yaml",
        "toml",
        "po",
    ] {
        assert!(activates.contains(&lang), "{lang}");
    }
    assert_eq!(pkg["main"], "./dist/extension.js");
    assert_eq!(
        pkg["contributes"]["configuration"]["properties"]["msglint.path"]["default"],
        "msglint"
    );
    assert!(
        ts.contains("const args = [\"lsp\"]"),
        "starts `msglint lsp`"
    );
}

/// The `.vsix` that `.ci/run` packages (`npm run package` in editors/vscode) holds the
/// bundled client and the manifest.
#[test]
fn vscode_extension_is_packaged_as_a_vsix() {
    let vsix = root().join("editors/vscode/msglint.vsix");
    if !external(
        "vscode_extension_is_packaged_as_a_vsix",
        "editors/vscode/msglint.vsix (npm ci && npm run package in editors/vscode)",
        vsix.is_file(),
    ) {
        return;
    }
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&vsix).expect("open")).expect("zip");
    let names: Vec<String> = (0..zip.len())
        .map(|i| {
            zip.by_index(i)
                .expect("entry")
                .name()
                .expect("name")
                .to_string()
        })
        .collect();
    for want in [
        "extension.vsixmanifest",
        "extension/package.json",
        "extension/dist/extension.js",
    ] {
        assert!(names.iter().any(|n| n == want), "{want} in {names:?}");
    }
    let mut js = String::new();
    zip.by_name("extension/dist/extension.js")
        .expect("extension.js")
        .read_to_string(&mut js)
        .expect("read");
    // The language client is bundled in (the package has no node_modules).
    assert!(js.contains("vscode-languageclient") || js.contains("LanguageClient"));
    assert!(
        !names.iter().any(|n| n.contains("node_modules")),
        "{names:?}"
    );
}

/// Edits typed within the quiet time (`debounceMs`) are checked once, as the last one.
#[test]
fn lsp_folds_a_burst_of_edits_into_one_check() {
    let dir = workspace("lsp-debounce");
    let post = dir.join("blog/post.md");
    std::fs::write(&post, POST).expect("post");
    let uri = file_uri(&post);
    let mut c = Client::start(&dir, &[]);
    c.request(
        "initialize",
        json!({"processId": null, "rootUri": file_uri(&dir), "capabilities": {},
               "initializationOptions": {"debounceMs": 300}}),
    );
    c.notify("initialized", json!({}));
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": POST}}),
    );
    c.diagnostics(&uri, |d| !d.is_empty());
    let mut text = POST.to_owned();
    for (v, word) in [(2, "helpdesk "), (3, "chatbot "), (4, "end users ")] {
        text.push_str(word);
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": v}, "contentChanges": [{"text": text}]}),
        );
    }
    let until = Instant::now() + Duration::from_secs(30);
    let publish = loop {
        let m = c.next(until);
        if m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri {
            break m;
        }
    };
    assert_eq!(publish["params"]["version"], 4, "{publish}");
    let d = publish["params"]["diagnostics"]
        .as_array()
        .expect("diagnostics");
    assert_eq!(
        codes(d),
        [
            "preferred-term",
            "preferred-term",
            "preferred-term",
            "retired-term"
        ]
    );
    assert_eq!(c.finish(), 0);
}

/// The workspace's decks, Word files and PDFs are checked when the server starts, one at
/// a time between the editor's messages, and listed against their files.
#[test]
fn lsp_lists_the_workspaces_decks_pdfs_and_word_files_at_start() {
    let dir = workspace("lsp-scan");
    std::fs::create_dir_all(dir.join("decks")).expect("mkdir");
    let deck = dir.join("decks/q3.pptx");
    let word = dir.join("one-pager.docx");
    std::fs::copy(root().join("fixtures/demo/decks/q3-sales-deck.pptx"), &deck).expect("deck");
    std::fs::copy(
        root().join("fixtures/demo/one-pagers/lumora-overview.docx"),
        &word,
    )
    .expect("docx");
    let mut c = Client::start(&dir, &[]);
    c.initialize(&dir);
    for f in [&deck, &word] {
        let d = c.diagnostics(&file_uri(f), |d| !d.is_empty());
        assert!(
            d.iter()
                .all(|d| d["range"]["start"] == json!({"line": 0, "character": 0})),
            "{d:#?}"
        );
    }
    // Still answering while (or after) it scans.
    assert_eq!(
        c.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": file_uri(&dir.join("x.md"))}, "position": {"line": 0, "character": 0}}),
        ),
        Value::Null
    );
    assert_eq!(c.finish(), 0);
}
