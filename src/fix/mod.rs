//! What happens to findings after the check: `--fix` and the page's corrected copy.
//!
//! `edit` applies safe replacements to Markdown/HTML/text sources (verified against the
//! bytes, atomic writes); `diff` renders them as a patch (`--diff`); `baseline` reads and
//! writes the fingerprints of known findings; `file` corrects one file in memory, decks
//! and Word files inside their package (`msglint fix`, the page's corrected copy). Must
//! not: decide what is a finding.

pub mod baseline;
pub mod diff;
pub mod edit;
pub mod file;

pub use baseline::{
    BASELINE_VERSION, Baseline, BaselineEntry, KnownFindings, read_baseline, write_baseline,
};
pub use diff::{diff, git_quote, patch_path};
pub use edit::{FileFix, apply, plan, unsafe_edit, write_atomic, write_atomic_bytes};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Diagnostic, Fix, Location, Severity};

    fn finding(span: std::ops::Range<usize>, matched: &str, replacement: &str) -> Diagnostic {
        Diagnostic {
            rule: "retired-term",
            severity: Severity::Error,
            confidence: crate::diagnostic::Confidence::High,
            path: "a.txt".into(),
            location: Location::default(),
            matched: matched.into(),
            message: String::new(),
            suggestion: Some(replacement.into()),
            help: None,
            platform_ref: None,
            fingerprint: format!("{}", span.start),
            excerpt: None,
            chrome: false,
            fix: Some(Fix {
                span,
                replacement: replacement.into(),
            }),
            related: Vec::new(),
        }
    }

    /// Every `HelpBot` of `text` as a finding.
    fn findings(text: &str) -> Vec<Diagnostic> {
        text.match_indices("HelpBot")
            .map(|(i, m)| finding(i..i + m.len(), m, "Lumora Assist"))
            .collect()
    }

    #[test]
    fn apply_skips_what_no_longer_matches_and_overlaps() {
        let text = "\u{FEFF}HelpBot and Help  Bot, HelpBot.";
        let mut ds = findings(&text[3..]);
        ds.push(finding(12..21, "Help Bot", "Lumora Assist"));
        // Overlaps the first one: skipped.
        ds.push(finding(0..4, "Help", "Lumora"));
        // Not the text at its span: skipped.
        ds.push(finding(26..30, "Lumo", "X"));
        let (after, fixed) = apply(text, ds.iter().collect());
        assert_eq!(
            after,
            "\u{FEFF}Lumora Assist and Lumora Assist, Lumora Assist."
        );
        assert_eq!(fixed, ["23", "12", "0"]);
    }

    #[test]
    fn apply_and_diff_are_linear_in_repeated_fixes() {
        // 200,000 fixes in a 4.4 MB file: editing one string in place moves its tail each
        // time (terabytes in all); building the result once takes milliseconds.
        let text = "We use HelpBot daily.\n".repeat(200_000);
        let ds = findings(&text);
        let started = std::time::Instant::now();
        let (after, fixed) = apply(&text, ds.iter().collect());
        assert_eq!(fixed.len(), 200_000);
        assert_eq!(after, text.replace("HelpBot", "Lumora Assist"));
        let patch = diff(
            &FileFix {
                path: "a.txt".into(),
                before: text,
                after,
                fixed,
            },
            "a.txt",
        );
        assert!(patch.starts_with(
            "--- a/a.txt\n+++ b/a.txt\n@@ -1,200000 +1,200000 @@\n-We use HelpBot daily.\n"
        ));
        assert!(
            started.elapsed() < std::time::Duration::from_secs(5),
            "took {:?}",
            started.elapsed()
        );
    }

    #[test]
    fn patch_names_are_quoted_as_git_quotes_them() {
        assert_eq!(git_quote("a/blog/launch.md"), "a/blog/launch.md");
        assert_eq!(git_quote("a/café notes.md"), "a/café notes.md");
        assert_eq!(git_quote("a/tab\there.md"), "\"a/tab\\there.md\"");
        assert_eq!(git_quote("a/x\n+++ b/other.md"), "\"a/x\\n+++ b/other.md\"");
        assert_eq!(git_quote("a/q\"\\\u{1b}.md"), "\"a/q\\\"\\\\\\033.md\"");
    }

    #[test]
    fn diff_hunks_context_and_missing_newline() {
        let before: String =
            (1..=20).map(|i| format!("line {i}\n")).collect::<String>() + "HelpBot at the end";
        let before = before.replacen("line 2\n", "HelpBot 2\n", 1);
        let before = before.replacen("line 8\n", "HelpBot 8\n", 1);
        let before = before.replacen("line 9\n", "HelpBot 9\n", 1);
        let ds = findings(&before);
        let (after, fixed) = apply(&before, ds.iter().collect());
        let patch = diff(
            &FileFix {
                path: "x.md".into(),
                before: before.clone(),
                after: after.clone(),
                fixed,
            },
            "x.md",
        );
        // Lines 2 and 8-9 share a hunk (5 lines between them, at most 6 merge); the last
        // line has no newline on either side.
        assert_eq!(
            patch,
            "--- a/x.md\n+++ b/x.md\n@@ -1,12 +1,12 @@\n line 1\n-HelpBot 2\n+Lumora Assist 2\n line 3\n line 4\n line 5\n line 6\n line 7\n-HelpBot 8\n-HelpBot 9\n+Lumora Assist 8\n+Lumora Assist 9\n line 10\n line 11\n line 12\n@@ -18,4 +18,4 @@\n line 18\n line 19\n line 20\n-HelpBot at the end\n\\ No newline at end of file\n+Lumora Assist at the end\n\\ No newline at end of file\n"
        );
        // The same hunks as the general diff.
        let general = similar::TextDiff::from_lines(before.as_str(), after.as_str())
            .unified_diff()
            .context_radius(3)
            .header("a/x.md", "b/x.md")
            .to_string();
        assert_eq!(patch, general);
    }
}
