//! `--diff`: the unified patch of planned text edits, as `git apply` and `patch -p1` read it.

use super::edit::FileFix;
use std::path::Path;

/// A unified diff of one planned fix (`--- a/PATH` / `+++ b/PATH`, hunks with 3 lines of
/// context, `\ No newline at end of file` where it applies), that `git apply` and
/// `patch -p1` accept. `path` is the file as the patch names it (relative to the current
/// directory, see [`patch_path`]).
///
/// A fix never adds or removes a line break (a match spans no line break, a replacement
/// holds none), so line i before is line i after and the diff is a walk over both:
/// linear, where a general diff of 200,000 changed lines takes seconds. Should the line
/// counts differ anyway, the general diff is made.
pub fn diff(fix: &FileFix, path: &str) -> String {
    let old: Vec<&str> = fix.before.split_inclusive('\n').collect();
    let new: Vec<&str> = fix.after.split_inclusive('\n').collect();
    if old.len() != new.len() {
        return similar::TextDiff::from_lines(fix.before.as_str(), fix.after.as_str())
            .unified_diff()
            .context_radius(3)
            .header(
                &git_quote(&format!("a/{path}")),
                &git_quote(&format!("b/{path}")),
            )
            .to_string();
    }
    const CONTEXT: usize = 3;
    let changed: Vec<usize> = (0..old.len()).filter(|&i| old[i] != new[i]).collect();
    let mut out = String::new();
    if changed.is_empty() {
        return out;
    }
    out.push_str(&format!(
        "--- {}\n+++ {}\n",
        git_quote(&format!("a/{path}")),
        git_quote(&format!("b/{path}"))
    ));
    let line = |out: &mut String, mark: char, text: &str| {
        out.push(mark);
        out.push_str(text);
        if !text.ends_with('\n') {
            out.push_str("\n\\ No newline at end of file\n");
        }
    };
    let mut i = 0;
    while i < changed.len() {
        // One hunk: changed lines whose unchanged gaps are at most twice the context.
        let mut j = i;
        while j + 1 < changed.len() && changed[j + 1] - changed[j] - 1 <= 2 * CONTEXT {
            j += 1;
        }
        let start = changed[i].saturating_sub(CONTEXT);
        let end = (changed[j] + 1 + CONTEXT).min(old.len());
        out.push_str(&format!(
            "@@ -{} +{} @@\n",
            hunk_range(start, end),
            hunk_range(start, end)
        ));
        let mut k = start;
        while k < end {
            if old[k] == new[k] {
                line(&mut out, ' ', old[k]);
                k += 1;
                continue;
            }
            let run = k + (k..end).take_while(|&m| old[m] != new[m]).count();
            for text in &old[k..run] {
                line(&mut out, '-', text);
            }
            for text in &new[k..run] {
                line(&mut out, '+', text);
            }
            k = run;
        }
        i = j + 1;
    }
    out
}

/// A patch header's file name as git writes it: as is, unless it holds a control
/// character, a double quote or a backslash; then in double quotes with C escapes (`\t`,
/// `\n`, `\"`, `\\`, octal for the other control characters), which `git apply` and
/// `patch` read back. A tab or a newline in a bare name ended the name early, or started
/// a header line of its own.
pub fn git_quote(name: &str) -> String {
    if !name.contains(|c: char| c.is_ascii_control() || c == '"' || c == '\\') {
        return name.to_owned();
    }
    let mut out = String::with_capacity(name.len() + 8);
    out.push('"');
    for c in name.chars() {
        match c {
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{b}' => out.push_str("\\v"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_ascii_control() => out.push_str(&format!("\\{:03o}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A hunk header's range of lines `start..end` (0-based): `START,LEN`, or `START` alone
/// for one line, as diff and git write it.
fn hunk_range(start: usize, end: usize) -> String {
    match end - start {
        1 => format!("{}", start + 1),
        0 => format!("{start},0"),
        n => format!("{},{n}", start + 1),
    }
}

/// The path a patch names a file by: relative to `cwd`, `/`-separated, without `./`.
/// A file outside `cwd` keeps the path as displayed (a patch cannot name it portably).
pub fn patch_path(path: &str, cwd: &Path) -> String {
    let p = Path::new(path);
    let rel = std::fs::canonicalize(p).ok().and_then(|abs| {
        let base = std::fs::canonicalize(cwd).ok()?;
        abs.strip_prefix(base).ok().map(Path::to_path_buf)
    });
    let s = rel
        .as_deref()
        .unwrap_or(p)
        .to_string_lossy()
        .replace('\\', "/");
    s.strip_prefix("./").map(str::to_owned).unwrap_or(s)
}
