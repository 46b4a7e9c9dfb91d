//! Browser harness: Playwright (`tests/browser/`, installed by `npm ci` in `.ci/run`)
//! driving Debian's system Chromium. A test calls [`browser`]; without node, the npm
//! packages or Chromium it prints one `skipped:` line (a failure under
//! `MSGLINT_REQUIRE_EXTERNAL`). Scripts print one JSON object on stdout.

use super::*;

pub(crate) struct Browser {
    dir: PathBuf,
}

/// Where screenshots and other browser-test artifacts go: `target/browser-artifacts/`.
pub(crate) fn artifacts() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .map(|p| p.join("browser-artifacts"))
        .unwrap_or_else(|| std::env::temp_dir().join("msglint-browser-artifacts"));
    std::fs::create_dir_all(&d).expect("artifact dir");
    d
}

pub(crate) fn browser(test: &str) -> Option<Browser> {
    let dir = root().join("tests/browser");
    let chromium = std::env::var_os("MSGLINT_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let ready = node && chromium.is_file() && dir.join("node_modules/playwright-core").is_dir();
    external(
        test,
        "node, tests/browser/node_modules (npm ci) and Chromium",
        ready,
    )
    .then_some(Browser { dir })
}

impl Browser {
    /// Runs `tests/browser/<script>` with `args`; panics with its stderr unless it exits 0;
    /// returns the JSON object it printed last.
    pub(crate) fn run(&self, script: &str, args: &[&str]) -> serde_json::Value {
        let out = Command::new("node")
            .arg(self.dir.join(script))
            .args(args)
            .current_dir(&self.dir)
            .env("MSGLINT_ARTIFACTS", artifacts())
            .output()
            .expect("spawn node");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{script} failed ({}):\n{}\n{}",
            out.status,
            stdout,
            String::from_utf8_lossy(&out.stderr)
        );
        let last = stdout
            .lines()
            .rev()
            .find(|l| l.starts_with('{'))
            .unwrap_or("");
        serde_json::from_str(last).unwrap_or_else(|e| panic!("{script}: {e}: {stdout}"))
    }
}

/// The harness itself: Chromium starts, runs a page's script, and is read back.
#[test]
fn browser_harness_runs_chromium() {
    let Some(b) = browser("browser_harness_runs_chromium") else {
        return;
    };
    let v = b.run("smoke.mjs", &[]);
    assert_eq!(v["text"], "ran", "{v}");
}
