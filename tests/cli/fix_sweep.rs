//! `--fix` never corrupts a page: over copies of every Markdown and HTML file of the
//! corpus, with the Sourcegraph platform, every byte `--fix` changed is proved to be a
//! whole finding replaced by the platform's exact form, outside anything that is not copy.

use super::formats::copy_tree;
use super::*;
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;

/// One replacement found by aligning a line before and after `--fix`.
struct Edit {
    /// Byte range in the file before.
    span: Range<usize>,
    old: String,
    new: String,
    /// Byte offset of the new text in the file after.
    at: usize,
}

/// Aligns one line before/after: the after line must be the before line with some of the
/// (matched → suggestion) pairs of the run applied, each at a position; anything else is a
/// corruption. Breadth-first over (position, length change), which stays tiny.
fn align(before: &str, after: &str, pairs: &[(String, String)]) -> Option<Vec<(usize, usize)>> {
    // state: delta (after offset - before offset) -> path of (before pos, pair index)
    let mut states: HashMap<isize, Vec<(usize, usize)>> = HashMap::from([(0, Vec::new())]);
    let mut pending: BTreeMap<usize, HashMap<isize, Vec<(usize, usize)>>> = BTreeMap::new();
    let b = before.as_bytes();
    let a = after.as_bytes();
    let mut p = 0usize;
    loop {
        if let Some(more) = pending.remove(&p) {
            for (d, path) in more {
                states.entry(d).or_insert(path);
            }
        }
        if states.is_empty() {
            match pending.keys().next() {
                Some(&next) => {
                    p = next;
                    continue;
                }
                None => return None,
            }
        }
        if p == b.len() {
            return states
                .into_iter()
                .find(|(d, _)| (p as isize + d) as usize == a.len())
                .map(|(_, path)| path);
        }
        let mut next: HashMap<isize, Vec<(usize, usize)>> = HashMap::new();
        for (d, path) in &states {
            let q = (p as isize + d) as usize;
            for (i, (m, s)) in pairs.iter().enumerate() {
                if b[p..].starts_with(m.as_bytes())
                    && a.get(q..).is_some_and(|r| r.starts_with(s.as_bytes()))
                {
                    let nd = d + s.len() as isize - m.len() as isize;
                    let mut np = path.clone();
                    np.push((p, i));
                    pending
                        .entry(p + m.len())
                        .or_default()
                        .entry(nd)
                        .or_insert(np);
                }
            }
            if a.get(q) == Some(&b[p]) {
                next.entry(*d).or_insert_with(|| path.clone());
            }
        }
        states = next;
        p += 1;
    }
}

/// Byte ranges of a Markdown file that are not copy: code, HTML (comments included), link
/// destinations, reference-style links (their text is their label), link definitions.
fn markdown_not_copy(text: &str) -> (Vec<Range<usize>>, usize) {
    let mut out = Vec::new();
    let mut links = 0;
    let parser = Parser::new_ext(text, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH);
    for (_, def) in parser.reference_definitions().iter() {
        out.push(def.span.clone());
    }
    let mut open: Vec<(Range<usize>, bool, Vec<Range<usize>>)> = Vec::new();
    let mut in_code = 0usize;
    for (ev, r) in parser.into_offset_iter() {
        match ev {
            // An HTML block is read as HTML: its text is copy, its tags and comments not.
            Event::Start(Tag::HtmlBlock) => {
                let (inner, _) = html_not_copy(&text[r.clone()]);
                out.extend(
                    inner
                        .into_iter()
                        .map(|x| x.start + r.start..x.end + r.start),
                );
            }
            Event::Html(_) => {}
            Event::Start(Tag::Link { link_type, .. }) => {
                links += 1;
                let by_reference = matches!(
                    link_type,
                    LinkType::Reference
                        | LinkType::ReferenceUnknown
                        | LinkType::Collapsed
                        | LinkType::CollapsedUnknown
                        | LinkType::Shortcut
                        | LinkType::ShortcutUnknown
                );
                open.push((r, by_reference, Vec::new()));
            }
            Event::End(TagEnd::Link) => {
                if let Some((range, by_reference, texts)) = open.pop() {
                    if by_reference {
                        out.push(range);
                    } else {
                        // Only the link text is copy; the destination and title are not.
                        let text_end = texts.iter().map(|t| t.end).max().unwrap_or(range.start);
                        out.push(text_end..range.end);
                    }
                }
            }
            Event::Start(Tag::CodeBlock(_)) => in_code += 1,
            Event::End(TagEnd::CodeBlock) => in_code = in_code.saturating_sub(1),
            Event::Code(_) | Event::InlineHtml(_) => out.push(r),
            Event::Text(_) if in_code > 0 => out.push(r),
            Event::Text(_) => {
                if let Some((_, _, texts)) = open.last_mut() {
                    texts.push(r);
                }
            }
            _ => {}
        }
    }
    (out, links)
}

/// Byte ranges of an HTML page that are not copy: comments, tags (attribute values
/// included, except a `<meta>` description's `content` and `alt` text, which msglint reads
/// as copy), and the contents of script, style, code, pre and similar elements.
fn html_not_copy(text: &str) -> (Vec<Range<usize>>, usize) {
    let lower = text.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut links = 0;
    let mut i = 0;
    while let Some(off) = lower[i..].find('<') {
        let start = i + off;
        if lower[start..].starts_with("<!--") {
            let end = lower[start..]
                .find("-->")
                .map_or(lower.len(), |e| start + e + 3);
            out.push(start..end);
            i = end;
            continue;
        }
        let end = lower[start..]
            .find('>')
            .map_or(lower.len(), |e| start + e + 1);
        let mut from = start;
        for attr in ["content=\"", "alt=\""] {
            if let Some(a) = lower[start..end].find(attr) {
                let v = start + a + attr.len();
                let close = lower[v..end].find('"').map_or(end, |e| v + e);
                out.push(from..v);
                from = close;
            }
        }
        out.push(from..end);
        let tag: String = lower[start + 1..end]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if tag == "a" {
            links += 1;
        }
        if [
            "script", "style", "code", "pre", "kbd", "samp", "textarea", "template",
        ]
        .contains(&tag.as_str())
        {
            let close = format!("</{tag}");
            let stop = lower[end..].find(&close).map_or(lower.len(), |e| end + e);
            out.push(end..stop);
            i = stop;
            continue;
        }
        i = end;
    }
    (out, links)
}

fn word_before(s: &str) -> Option<String> {
    let t = s.trim_end_matches([' ', '-']);
    (t.len() < s.len() || s.is_empty()).then_some(())?;
    let w: String = t
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    (!w.is_empty()).then(|| w.to_lowercase())
}

fn word_after(s: &str) -> Option<String> {
    let t = s.trim_start_matches([' ', '-']);
    (t.len() < s.len()).then_some(())?;
    let w: String = t.chars().take_while(|c| c.is_alphanumeric()).collect();
    (!w.is_empty()).then(|| w.to_lowercase())
}

/// The platform's exact forms: what `use`, `replacement`, company and product names say.
fn exact_forms(platform: &Path) -> BTreeSet<String> {
    let v: serde_json::Value =
        serde_saphyr::from_str(&std::fs::read_to_string(platform).expect("platform"))
            .expect("platform YAML");
    let mut out = BTreeSet::new();
    let mut add = |x: &serde_json::Value| {
        if let Some(s) = x.as_str() {
            out.insert(s.to_owned());
        }
    };
    add(&v["company"]["name"]);
    for p in v["products"].as_array().into_iter().flatten() {
        add(&p["name"]);
    }
    for t in v["terms"].as_array().into_iter().flatten() {
        add(&t["use"]);
    }
    for r in v["retired"].as_array().into_iter().flatten() {
        add(&r["replacement"]);
        add(&r["use"]);
    }
    out
}

#[test]
fn fix_sweep_over_the_corpus_never_corrupts_a_page() {
    let Some(corpus) = corpus("fix_sweep_over_the_corpus_never_corrupts_a_page") else {
        return;
    };
    let dir = temp_dir("fix-sweep");
    for kind in ["md", "html"] {
        copy_tree(&corpus.join(kind), &dir.join(kind));
    }
    let platform = root().join(SG_PLATFORM);
    let platform_s = platform.to_str().expect("utf-8 path");
    let before: BTreeMap<PathBuf, String> = ["md", "html"]
        .iter()
        .flat_map(|k| std::fs::read_dir(dir.join(k)).expect("read dir"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter_map(|p| {
            std::fs::read(&p)
                .ok()
                .map(|b| (p, String::from_utf8_lossy(&b).into_owned()))
        })
        .collect();
    let run = |extra: &[&str]| {
        let mut args = vec![
            "check",
            "md",
            "html",
            "--platform",
            platform_s,
            "--max-findings-per-file",
            "0",
        ];
        args.extend_from_slice(extra);
        run_in(&dir, &args, None)
    };
    let first = run(&["--format", "json"]);
    assert!(first.code == 0 || first.code == 1, "{}", first.stderr);
    let v: serde_json::Value = serde_json::from_str(&first.stdout).expect("json");
    let all = v["diagnostics"].as_array().expect("diagnostics");
    let prints: BTreeSet<&str> = all
        .iter()
        .filter_map(|d| d["fingerprint"].as_str())
        .collect();
    assert_eq!(
        prints.len(),
        all.len(),
        "no two findings share a fingerprint"
    );
    let fixable = ["brand-name", "preferred-term", "retired-term"];
    let findings: Vec<&serde_json::Value> = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| {
            fixable.contains(&d["rule"].as_str().unwrap_or("")) && d["suggestion"].is_string()
        })
        .collect();
    let mut pairs: Vec<(String, String)> = findings
        .iter()
        .map(|d| {
            (
                d["matched"].as_str().unwrap_or("").to_owned(),
                d["suggestion"].as_str().unwrap_or("").to_owned(),
            )
        })
        .filter(|(m, s)| !m.is_empty() && m != s)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    // Longest first, so a longer avoid form wins over its prefix.
    pairs.sort_by_key(|(m, _)| std::cmp::Reverse(m.len()));
    let forms = exact_forms(&platform);
    // A suggestion is a platform form, at most with lowercase letters raised to keep the
    // author's case pattern (sentence start, Title Case, all capitals): a name or an
    // acronym as the platform writes it is never recased.
    let recased_from = |s: &str, form: &str| {
        s.chars().count() == form.chars().count()
            && s.chars()
                .zip(form.chars())
                .all(|(a, b)| a == b || (b.is_lowercase() && b.to_uppercase().eq([a])))
    };
    for (m, s) in &pairs {
        assert!(
            forms.iter().any(|f| recased_from(s, f)),
            "suggestion {s:?} (for {m:?}) is not one of the platform's forms"
        );
    }

    let fixed = run(&["--fix", "--format", "json"]);
    assert!(fixed.code == 0 || fixed.code == 1, "{}", fixed.stderr);

    let mut edits_total = 0usize;
    let mut files_changed = 0usize;
    let mut problems: Vec<String> = Vec::new();
    for (path, old) in &before {
        let new = String::from_utf8_lossy(&std::fs::read(path).expect("read fixed")).into_owned();
        if &new == old {
            continue;
        }
        files_changed += 1;
        let name = path
            .strip_prefix(&dir)
            .unwrap_or(path)
            .display()
            .to_string();
        let (old_lines, new_lines): (Vec<&str>, Vec<&str>) =
            (old.split('\n').collect(), new.split('\n').collect());
        if old_lines.len() != new_lines.len() {
            problems.push(format!("{name}: line count changed"));
            continue;
        }
        let mut edits = Vec::new();
        let (mut off_old, mut off_new) = (0usize, 0usize);
        for (i, (lo, ln)) in old_lines.iter().zip(&new_lines).enumerate() {
            if lo != ln {
                match align(lo, ln, &pairs) {
                    None => problems.push(format!(
                        "{name}:{}: not a replacement of findings:\n  - {lo}\n  + {ln}",
                        i + 1
                    )),
                    Some(path) => {
                        let mut shift = 0isize;
                        for (p, k) in path {
                            let (m, s) = &pairs[k];
                            edits.push(Edit {
                                span: off_old + p..off_old + p + m.len(),
                                old: m.clone(),
                                new: s.clone(),
                                at: (off_new as isize + p as isize + shift) as usize,
                            });
                            shift += s.len() as isize - m.len() as isize;
                        }
                    }
                }
            }
            off_old += lo.len() + 1;
            off_new += ln.len() + 1;
        }
        let is_md = name.ends_with(".md");
        let (not_copy, links_before) = if is_md {
            markdown_not_copy(old)
        } else {
            html_not_copy(old)
        };
        let (_, links_after) = if is_md {
            markdown_not_copy(&new)
        } else {
            html_not_copy(&new)
        };
        if links_before != links_after {
            problems.push(format!(
                "{name}: {links_before} links before, {links_after} after"
            ));
        }
        for e in &edits {
            edits_total += 1;
            let at = format!("{name} byte {}: {:?} -> {:?}", e.span.start, e.old, e.new);
            if let Some(r) = not_copy
                .iter()
                .find(|r| r.start < e.span.end && e.span.start < r.end)
            {
                problems.push(format!(
                    "{at}: inside what is not copy: {:?}",
                    &old[r.clone()].chars().take(80).collect::<String>()
                ));
            }
            let prev = old[..e.span.start].chars().next_back();
            let next = old[e.span.end..].chars().next();
            let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
            if glued(prev) || glued(next) {
                problems.push(format!("{at}: not a whole word"));
            }
            let hyphen_word = |s: &str, forward: bool| {
                let mut it: Box<dyn Iterator<Item = char>> = if forward {
                    Box::new(s.chars())
                } else {
                    Box::new(s.chars().rev())
                };
                it.next() == Some('-') && it.next().is_some_and(char::is_alphanumeric)
            };
            if hyphen_word(&old[..e.span.start], false) || hyphen_word(&old[e.span.end..], true) {
                problems.push(format!("{at}: glued to a larger name by a hyphen"));
            }
            let quotes = ['"', '\'', '`', '“', '”', '‘', '’'];
            if prev.is_some_and(|c| quotes.contains(&c))
                && next.is_some_and(|c| quotes.contains(&c))
            {
                problems.push(format!("{at}: a quoted name or identifier"));
            }
            let new_end = e.at + e.new.len();
            let (Some(pre), Some(post)) = (new.get(..e.at), new.get(new_end..)) else {
                problems.push(format!("{at}: edit offsets out of the fixed file"));
                continue;
            };
            let first = e.new.split([' ', '-']).next().unwrap_or("").to_lowercase();
            let last = e.new.rsplit([' ', '-']).next().unwrap_or("").to_lowercase();
            if word_before(pre).is_some_and(|w| w == first)
                || word_after(post).is_some_and(|w| w == last)
            {
                let ctx: String = new[e.at.saturating_sub(30)..]
                    .chars()
                    .take(e.new.len() + 60)
                    .collect();
                problems.push(format!("{at}: doubles a word: {ctx:?}"));
            }
        }
    }
    let skipped = findings.len().saturating_sub(edits_total);
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "fix sweep: {} files, {} fixable findings, {edits_total} edits in {files_changed} files, {skipped} left for a person (unsafe to rewrite)",
        before.len(),
        findings.len()
    );
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert!(
        edits_total > 100,
        "the sweep exercised --fix: {edits_total} edits"
    );

    // A second check finds nothing left that it would fix: no SARIF result carries a fix.
    let again = run(&["--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_str(&again.stdout).expect("sarif");
    let still: Vec<String> = sarif["runs"][0]["results"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|r| r.get("fixes").is_some())
        .map(|r| r["message"]["text"].to_string())
        .collect();
    assert!(still.is_empty(), "still fixable after --fix: {still:#?}");
}

/// No two findings of a whole-corpus run (every format, the Sourcegraph platform) share a
/// fingerprint, so a baseline entry or a GitLab code-quality entry is one finding.
#[test]
fn whole_corpus_fingerprints_are_unique() {
    let Some(corpus) = corpus("whole_corpus_fingerprints_are_unique") else {
        return;
    };
    let out = msglint(&[
        "check",
        corpus.to_str().expect("utf-8 path"),
        "--platform",
        SG_PLATFORM,
        "--max-findings-per-file",
        "0",
        "--format",
        "json",
    ]);
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    let all = v["diagnostics"].as_array().expect("diagnostics");
    let mut seen: HashMap<&str, &serde_json::Value> = HashMap::new();
    for d in all {
        let fp = d["fingerprint"].as_str().expect("fingerprint");
        if let Some(first) = seen.insert(fp, d) {
            panic!("shared fingerprint {fp}:\n{first:#}\n{d:#}");
        }
    }
    assert!(all.len() > 1000, "a real run: {} findings", all.len());
}
