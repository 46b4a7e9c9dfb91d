//! Helpers shared by the unit tests (compiled only for them).

/// A xorshift generator: the random inputs of the property tests, the same on every run.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// The corpus directory `sub` (`pdf`, `pptx`…) of `MSGLINT_CORPUS`, else of the `shared`
/// directory beside the repository. Without it, `test` says so in one line and gets
/// `None` (it passes), unless `MSGLINT_REQUIRE_EXTERNAL` is set (`.ci/run`): then it fails.
pub fn corpus(test: &str, sub: &str) -> Option<std::path::PathBuf> {
    let beside = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(|p| p.join("shared").join("corpus"));
    let root = std::env::var("MSGLINT_CORPUS")
        .unwrap_or_else(|_| beside.map_or_else(String::new, |p| p.to_string_lossy().into_owned()));
    let dir = std::path::Path::new(&root).join(sub);
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("MSGLINT_REQUIRE_EXTERNAL").is_none(),
        "{test}: needs the corpus at {root} (MSGLINT_REQUIRE_EXTERNAL is set)"
    );
    // Straight to stderr: the harness captures `eprintln!`.
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "skipped: {test} needs the corpus at {root} (.ci/run installs and runs everything)"
    );
    None
}
