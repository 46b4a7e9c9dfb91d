//! The evaluation set (`fixtures/eval/`): labelled marketing copy in every format.
//!
//! - `fixtures/eval/*` (the top level) is checked with the demo platform (Lumora, fictional).
//! - `fixtures/eval/real/<company>/` (the **dev split**) holds real public marketing text,
//!   each directory checked with its own `msglint.yaml`, written from the company's own
//!   messaging pages (sources in its `SOURCES.tsv`). Rules are tuned on these.
//! - `fixtures/eval/blind/<company>/` (the **test split**) is built the same way by someone
//!   else, labelled before any run, and never tuned on: the test prints its figures but not
//!   its individual mismatches (set `MSGLINT_EVAL_SHOW_BLIND=1` to see them, which spends
//!   the split).
//!
//! Every case is labelled with the rule a marketer expects (or `silent`) and a class. A file
//! whose first line is `<!-- eval: page -->` is a **whole page**: every line with visible
//! text is a case, silent unless labelled. The test runs every set with
//! `--min-confidence low` and prints precision and recall per class, rule, company, split
//! and confidence band, at the default threshold (`medium`) and at each band, then asserts
//! the floors at the end. `fixtures/eval/README` describes the label format.
//!
//! `MSGLINT_EVAL_BIN=/path/to/msglint` scores another build (an older one has no
//! confidence: its findings count as `high`, and it is run without `--min-confidence`).

use super::*;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write as _;

const EVAL: &str = "fixtures/eval";
const REAL: &str = "fixtures/eval/real";
const BLIND: &str = "fixtures/eval/blind";
/// The class fixtures of issue #20 (Acme, fictional): every case must be right.
const CLASSES: &str = "fixtures/classes";
const PAGE_MARK: &str = "<!-- eval: page -->";
const BANDS: [&str; 3] = ["high", "medium", "low"];

/// One labelled case: the rules it must draw (empty: must stay silent), its class, and which
/// set it belongs to (`demo` or the company directory).
///
/// `expected` is a list of requirements, each a list of equally right rules: the label
/// `a+b` needs both a and b, `a|b` needs either (two rules that report the same problem).
#[derive(Debug, Clone)]
struct Case {
    expected: Vec<Vec<String>>,
    class: String,
    set: String,
    /// `demo`, `dev` or `test`.
    split: &'static str,
    verbatim: bool,
    /// An unlabelled text line of a whole page (or a labelled one: `page` is the file's).
    page: bool,
}

type Key = (String, u64);

/// `silent` → nothing; `a+b|c` → [[a], [b, c]].
fn expectation(label: &str) -> Vec<Vec<String>> {
    if label == "silent" {
        return Vec::new();
    }
    label
        .split('+')
        .map(|req| req.split('|').map(|r| r.trim().to_owned()).collect())
        .collect()
}

/// Parses `<!-- case: RULE: class=CLASS: note -->`. The class segment is optional (the
/// demo set's older labels have none: class `-`).
fn parse_label(line: &str) -> Option<(String, String, String)> {
    let rest = line.trim().strip_prefix("<!-- case: ")?;
    let rest = rest.trim_end().trim_end_matches("-->").trim_end();
    let mut parts = rest.splitn(3, ':');
    let label = parts.next().unwrap_or("").trim().to_owned();
    let second = parts.next().unwrap_or("").trim();
    let (class, note) = match second.strip_prefix("class=") {
        Some(c) => (
            c.trim().to_owned(),
            parts.next().unwrap_or("").trim().to_owned(),
        ),
        None => {
            let note = match parts.next() {
                Some(more) => format!("{second}:{more}"),
                None => second.to_owned(),
            };
            ("-".to_owned(), note.trim().to_owned())
        }
    };
    Some((label, class, note))
}

/// Whether a line of a whole page carries text a reader sees: letters outside tags and
/// comments, or a copy attribute (`content`, `alt`, `title`) with letters.
fn visible_text(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || t == "---" || t.starts_with("<!--") {
        return false;
    }
    let mut text = String::new();
    let mut in_tag = false;
    for c in t.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let copy_attr = ["content=\"", "alt=\"", "title=\""]
        .iter()
        .any(|a| t.contains(a));
    text.chars().any(char::is_alphabetic) || copy_attr
}

/// The case files (Markdown and HTML) directly in `dir`, sorted.
/// The files under `dir` with one of `exts`, as paths relative to it (`a.md`,
/// `compare/alternatives.md`): a company's pages may sit in folders, as its site has them.
fn files_in(dir: &str, exts: &[&str]) -> Vec<String> {
    fn walk(base: &std::path::Path, rel: &str, exts: &[&str], out: &mut Vec<String>) {
        let here = base.join(rel);
        for e in std::fs::read_dir(&here)
            .unwrap_or_else(|e| panic!("{}: {e}", here.display()))
            .filter_map(|e| e.ok())
        {
            let name = e.file_name().to_string_lossy().into_owned();
            let path = if rel.is_empty() {
                name.clone()
            } else {
                format!("{rel}/{name}")
            };
            if e.path().is_dir() {
                // Another set's folder (it has a platform of its own) or a folder of sets.
                let platform = |d: &std::path::Path| d.join("msglint.yaml").is_file();
                let sets = std::fs::read_dir(e.path())
                    .map(|d| d.filter_map(|c| c.ok()).any(|c| platform(&c.path())))
                    .unwrap_or(false);
                if !platform(&e.path()) && !sets {
                    walk(base, &path, exts, out);
                }
            } else if exts.iter().any(|x| name.ends_with(&format!(".{x}"))) {
                out.push(path);
            }
        }
    }
    let mut names = Vec::new();
    walk(&root().join(dir), "", exts, &mut names);
    names.sort();
    names
}

/// The labels of the Markdown and HTML files in `dir` and its folders; on whole pages, every other
/// line with visible text too (silent, class `page`).
fn text_labels(dir: &str, set: &str, split: &'static str, out: &mut BTreeMap<Key, Case>) {
    for name in files_in(dir, &["md", "html"]) {
        let text = std::fs::read_to_string(root().join(dir).join(&name)).expect("case file");
        let lines: Vec<&str> = text.lines().collect();
        let page = lines.first().is_some_and(|l| l.trim() == PAGE_MARK);
        let mut labelled = BTreeSet::new();
        for (i, l) in lines.iter().enumerate() {
            let Some((label, class, note)) = parse_label(l) else {
                continue;
            };
            labelled.insert(i);
            // The case is the next non-empty line.
            let at = (i + 1..lines.len())
                .find(|&j| !lines[j].trim().is_empty())
                .unwrap_or_else(|| panic!("{dir}/{name}:{}: a line after the label", i + 1));
            let key = (format!("{dir}/{name}"), at as u64 + 1);
            let case = Case {
                expected: expectation(&label),
                class,
                set: set.to_owned(),
                split,
                verbatim: note.starts_with("verbatim"),
                page,
            };
            assert!(
                out.insert(key.clone(), case).is_none(),
                "{}:{}: two labels for one line",
                key.0,
                key.1
            );
        }
        if !page {
            continue;
        }
        for (i, l) in lines.iter().enumerate().skip(1) {
            let key = (format!("{dir}/{name}"), i as u64 + 1);
            if labelled.contains(&i) || out.contains_key(&key) || !visible_text(l) {
                continue;
            }
            out.insert(
                key,
                Case {
                    expected: Vec::new(),
                    class: "page".to_owned(),
                    set: set.to_owned(),
                    split,
                    verbatim: true,
                    page: true,
                },
            );
        }
    }
}

/// The labels of decks and PDFs: `dir/cases-binary.tsv` (file, extract line, label, note, and
/// an optional class column), when there is one.
fn binary_labels(dir: &str, set: &str, split: &'static str, out: &mut BTreeMap<Key, Case>) {
    let Ok(tsv) = std::fs::read_to_string(root().join(dir).join("cases-binary.tsv")) else {
        return;
    };
    for l in tsv
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cols: Vec<&str> = l.split('\t').collect();
        let (Some(file), Some(line), Some(label)) = (
            cols.first(),
            cols.get(1).and_then(|n| n.trim().parse::<u64>().ok()),
            cols.get(2),
        ) else {
            panic!("{dir}/cases-binary.tsv: a line without file, line and label: {l:?}");
        };
        let class = cols.get(4).map_or("-", |c| c.trim());
        out.insert(
            (format!("{dir}/{file}"), line),
            Case {
                expected: expectation(label.trim()),
                class: class.to_owned(),
                set: set.to_owned(),
                split,
                verbatim: cols.get(3).is_some_and(|n| n.starts_with("verbatim")),
                page: false,
            },
        );
    }
}

/// The company directories under `base`, sorted (none when `base` does not exist).
fn company_sets(base: &str) -> Vec<String> {
    let Ok(dir) = std::fs::read_dir(root().join(base)) else {
        return Vec::new();
    };
    let mut dirs: Vec<String> = dir
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("msglint.yaml").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    dirs.sort();
    dirs
}

/// One finding of a run: (path, line, rule, confidence band).
type Found = (String, u64, String, String);

/// Runs the binary under evaluation (`MSGLINT_EVAL_BIN`, else this build).
fn findings(args: &[&str]) -> Vec<Found> {
    let other = std::env::var_os("MSGLINT_EVAL_BIN");
    let mut a = args.to_vec();
    if other.is_none() {
        a.extend(["--min-confidence", "low"]);
    }
    a.extend(["--format", "json"]);
    let out = match &other {
        Some(bin) => {
            let o = Command::new(bin)
                .args(&a)
                .current_dir(root())
                .output()
                .expect("spawn MSGLINT_EVAL_BIN");
            Out {
                code: o.status.code().unwrap_or(-1),
                stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
                stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
            }
        }
        None => msglint(&a),
    };
    assert!(
        out.code == 0 || out.code == 1,
        "{args:?}: exit {}: {}",
        out.code,
        out.stderr
    );
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("valid JSON");
    // `info` findings are notes, not problems (a dated post's history): no platform of the
    // set lowers a rule to `info`, so only those notes are left out.
    diags(&v)
        .iter()
        .filter(|x| x["severity"] != "info")
        .map(|x| {
            (
                x["path"].as_str().unwrap_or("").to_owned(),
                x["location"]["line"].as_u64().unwrap_or(0),
                x["rule"].as_str().unwrap_or("").to_owned(),
                x["confidence"].as_str().unwrap_or("high").to_owned(),
            )
        })
        .collect()
}

#[derive(Default, Clone, Copy)]
struct Score {
    cases: usize,
    /// Cases that must stay silent, and those of them that drew a finding.
    silent: usize,
    noisy: usize,
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Score {
    fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
}

/// Scores kept by class, by rule, by set and by the band of the finding, for one scope.
#[derive(Default)]
struct Tally {
    total: Score,
    class: BTreeMap<String, Score>,
    rule: BTreeMap<String, Score>,
    set: BTreeMap<String, Score>,
    /// tp and fp by the confidence of the finding (fn have no finding: not counted here).
    band: BTreeMap<String, Score>,
}

impl Tally {
    fn case(&mut self, c: &Case) {
        self.total.cases += 1;
        self.class.entry(c.class.clone()).or_default().cases += 1;
        self.set.entry(c.set.clone()).or_default().cases += 1;
        if c.expected.is_empty() {
            let rule = self.rule.entry("silent".to_owned()).or_default();
            rule.cases += 1;
            rule.silent += 1;
            self.total.silent += 1;
            self.class.entry(c.class.clone()).or_default().silent += 1;
            self.set.entry(c.set.clone()).or_default().silent += 1;
        }
        for req in &c.expected {
            self.rule.entry(req[0].clone()).or_default().cases += 1;
        }
    }
    /// `rule`: the expected rule for tp/fn, the rule found for fp.
    fn count(&mut self, c: &Case, rule: &str, band: Option<&str>, what: fn(&mut Score)) {
        what(&mut self.total);
        what(self.class.entry(c.class.clone()).or_default());
        what(self.set.entry(c.set.clone()).or_default());
        what(self.rule.entry(rule.to_owned()).or_default());
        if let Some(b) = band {
            what(self.band.entry(b.to_owned()).or_default());
        }
    }
}

fn table(out: &mut impl std::io::Write, title: &str, rows: &BTreeMap<String, Score>) {
    let _ = writeln!(
        out,
        "  {title:<26} {:>5} {:>13} {:>4} {:>4} {:>4}  {:>9}  {:>6}",
        "cases", "silent(noisy)", "tp", "fp", "fn", "precision", "recall"
    );
    for (name, s) in rows {
        let _ = writeln!(
            out,
            "  {name:<26} {:>5} {:>13} {:>4} {:>4} {:>4}  {:>9.3}  {:>6.3}",
            s.cases,
            format!("{}({})", s.silent, s.noisy),
            s.tp,
            s.fp,
            s.fn_,
            s.precision(),
            s.recall()
        );
    }
}

fn rank(band: &str) -> usize {
    BANDS.iter().position(|b| *b == band).unwrap_or(0)
}

/// Scores `cases` against the findings at or above `min` (a band), into one tally per
/// scope: every case, then each split. Returns the tallies and the mismatch lines.
fn score(
    cases: &BTreeMap<Key, Case>,
    found: &[Found],
    min: &str,
) -> (BTreeMap<&'static str, Tally>, Vec<(String, &'static str)>) {
    let found: Vec<&Found> = found.iter().filter(|f| rank(&f.3) <= rank(min)).collect();
    let mut by_line: BTreeMap<(&str, u64), Vec<(&str, &str)>> = BTreeMap::new();
    for (f, l, r, b) in &found {
        by_line
            .entry((f.as_str(), *l))
            .or_default()
            .push((r.as_str(), b.as_str()));
    }
    let mut tallies: BTreeMap<&'static str, Tally> = BTreeMap::new();
    let mut report = Vec::new();
    for ((file, line), c) in cases {
        for scope in ["all", c.split] {
            tallies.entry(scope).or_default().case(c);
        }
        let here = by_line
            .get(&(file.as_str(), *line))
            .cloned()
            .unwrap_or_default();
        let mut count = |rule: &str, band: Option<&str>, what: fn(&mut Score)| {
            for scope in ["all", c.split] {
                tallies.entry(scope).or_default().count(c, rule, band, what);
            }
        };
        let want = c.expected.iter().map(|r| r.join("|")).collect::<Vec<_>>();
        let want = if want.is_empty() {
            "silent".to_owned()
        } else {
            want.join("+")
        };
        let got: Vec<&str> = here.iter().map(|(r, _)| *r).collect();
        for req in &c.expected {
            match here.iter().find(|(r, _)| req.iter().any(|e| e == r)) {
                Some((r, b)) => count(r, Some(b), |s| s.tp += 1),
                None => {
                    count(&req[0], None, |s| s.fn_ += 1);
                    report.push((
                        format!(
                            "missed     {file}:{line}  expected {}, got {got:?}  [class {}]",
                            req.join("|"),
                            c.class
                        ),
                        c.split,
                    ));
                }
            }
        }
        if c.expected.is_empty() && !here.is_empty() {
            count("silent", None, |s| s.noisy += 1);
        }
        for (r, b) in here
            .iter()
            .filter(|(r, _)| !c.expected.iter().flatten().any(|e| e == r))
        {
            count(r, Some(b), |s| s.fp += 1);
            let kind = if c.expected.is_empty() {
                "noisy "
            } else {
                "extra "
            };
            report.push((
                format!(
                    "{kind}     {file}:{line}  got {r} ({b}), expected {want}  [class {}]",
                    c.class
                ),
                c.split,
            ));
        }
    }
    // A finding on a line that is not a case is a false positive too.
    for (file, line, rule, band) in found {
        if cases.contains_key(&(file.clone(), *line)) {
            continue;
        }
        let (split, set) = if let Some(rest) = file.strip_prefix(&format!("{BLIND}/")) {
            ("test", rest.split('/').next().unwrap_or(""))
        } else if let Some(rest) = file.strip_prefix(&format!("{REAL}/")) {
            ("dev", rest.split('/').next().unwrap_or(""))
        } else if file.starts_with(CLASSES) {
            ("classes", "classes")
        } else {
            ("demo", "demo")
        };
        let c = Case {
            expected: Vec::new(),
            class: "(unlabelled)".to_owned(),
            set: set.to_owned(),
            split,
            verbatim: false,
            page: false,
        };
        for scope in ["all", split] {
            tallies
                .entry(scope)
                .or_default()
                .count(&c, rule, Some(band), |s| s.fp += 1);
        }
        report.push((
            format!("unlabelled {file}:{line}  got {rule} ({band})"),
            split,
        ));
    }
    (tallies, report)
}

#[test]
fn evaluation_set_precision_and_recall() {
    // Labels first, then one run per set: the demo files with the demo platform, each
    // company directory with its own platform.
    let mut cases = BTreeMap::new();
    text_labels(EVAL, "demo", "demo", &mut cases);
    binary_labels(EVAL, "demo", "demo", &mut cases);
    let demo_files: Vec<String> = files_in(EVAL, &["md", "html", "pptx", "pdf", "docx"])
        .into_iter()
        .map(|n| format!("{EVAL}/{n}"))
        .collect();
    let mut args = vec!["check", "--platform", DEMO_PLATFORM];
    args.extend(demo_files.iter().map(String::as_str));
    let mut found = findings(&args);
    text_labels(CLASSES, "classes", "classes", &mut cases);
    binary_labels(CLASSES, "classes", "classes", &mut cases);
    found.extend(findings(&[
        "check",
        "--platform",
        &format!("{CLASSES}/msglint.yaml"),
        CLASSES,
    ]));
    let mut companies: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let skip_blind = std::env::var_os("MSGLINT_EVAL_SKIP_BLIND").is_some();
    for (base, split) in [(REAL, "dev"), (BLIND, "test")] {
        if skip_blind && split == "test" {
            continue;
        }
        for set in company_sets(base) {
            let dir = format!("{base}/{set}");
            text_labels(&dir, &set, split, &mut cases);
            binary_labels(&dir, &set, split, &mut cases);
            let platform = format!("{dir}/msglint.yaml");
            found.extend(findings(&["check", "--platform", &platform, &dir]));
            companies.entry(split).or_default().push(set);
        }
    }
    // A rule reported twice on one line (two matches) is one answer for that case.
    found.sort();
    found.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1 && a.2 == b.2);

    let count = |f: &dyn Fn(&Case) -> bool| cases.values().filter(|c| f(c)).count();
    let real = count(&|c| c.split == "dev" || c.split == "test");
    let verbatim = count(&|c| c.verbatim);
    let fire = count(&|c| !c.expected.is_empty());
    let on_pages = count(&|c| c.page);
    let formats: BTreeMap<String, usize> = cases.keys().fold(BTreeMap::new(), |mut m, (f, _)| {
        *m.entry(f.rsplit('.').next().unwrap_or("").to_owned())
            .or_default() += 1;
        m
    });
    let show_blind = std::env::var_os("MSGLINT_EVAL_SHOW_BLIND").is_some();

    let mut err = std::io::stderr().lock();
    let _ = writeln!(
        err,
        "eval: {} cases ({fire} must fire, {} must stay silent), {real} from real public text \
         ({verbatim} verbatim), {on_pages} on whole pages, by format {formats:?}\n  \
         dev split: {:?}\n  test split: {:?}",
        cases.len(),
        cases.len() - fire,
        companies.get("dev").cloned().unwrap_or_default(),
        companies.get("test").cloned().unwrap_or_default(),
    );
    // The figures at each threshold, per split: what `--min-confidence` would give.
    let _ = writeln!(
        err,
        "\n  {:<10} {:<9} {:>5} {:>5} {:>5}  {:>9}  {:>6}",
        "split", "min", "tp", "fp", "fn", "precision", "recall"
    );
    for min in ["low", "medium", "high"] {
        let (t, _) = score(&cases, &found, min);
        for (scope, tally) in &t {
            let s = tally.total;
            let _ = writeln!(
                err,
                "  {scope:<10} {min:<9} {:>5} {:>5} {:>5}  {:>9.3}  {:>6.3}",
                s.tp,
                s.fp,
                s.fn_,
                s.precision(),
                s.recall()
            );
        }
    }
    // The default threshold in detail.
    let (tallies, _) = score(&cases, &found, "medium");
    for (scope, t) in &tallies {
        let _ = writeln!(
            err,
            "\n== {scope} (--min-confidence medium): {} cases, precision {:.3}, recall {:.3} \
             (tp {}, fp {}, fn {}; {} of {} silent cases drew a finding)",
            t.total.cases,
            t.total.precision(),
            t.total.recall(),
            t.total.tp,
            t.total.fp,
            t.total.fn_,
            t.total.noisy,
            t.total.silent
        );
        table(&mut err, "class", &t.class);
        table(&mut err, "rule (fp by rule found)", &t.rule);
        table(&mut err, "set", &t.set);
        table(&mut err, "confidence of the finding", &t.band);
    }
    let (_, all_report) = score(&cases, &found, "low");
    let shown: Vec<&String> = all_report
        .iter()
        .filter(|(_, split)| show_blind || *split != "test")
        .map(|(r, _)| r)
        .collect();
    let hidden = all_report.len() - shown.len();
    let _ = writeln!(
        err,
        "\nmismatches at --min-confidence low ({} shown; {hidden} of the test split not shown: \
         MSGLINT_EVAL_SHOW_BLIND=1 shows them and spends the split):",
        shown.len()
    );
    for r in shown {
        let _ = writeln!(err, "  {r}");
    }
    drop(err);

    assert!(
        ["md", "html", "pptx", "pdf"]
            .iter()
            .all(|f| formats.contains_key(*f)),
        "{formats:?}"
    );
    let sets: BTreeSet<&String> = cases.values().map(|c| &c.set).collect();
    assert!(
        sets.len() >= 7,
        "{sets:?}: the demo set and at least 6 companies"
    );
    assert!(
        real >= 100,
        "{real} cases from real text, want at least 100"
    );
    // Floors: the dev split is tuned on and must stay there; the test split's figures are
    // printed above (and in the closing notes), asserted only against a regression floor.
    let demo = &tallies["demo"].total;
    assert!(
        demo.precision() >= 0.98 && demo.recall() >= 0.95,
        "demo set: precision {:.3}, recall {:.3}",
        demo.precision(),
        demo.recall()
    );
    let classes = &tallies["classes"].total;
    assert!(
        classes.fp == 0 && classes.fn_ == 0,
        "fixtures/classes: every case must be right ({} false positives, {} misses: listed above)",
        classes.fp,
        classes.fn_
    );
    let dev = &tallies["dev"].total;
    assert!(
        dev.precision() >= DEV_FLOOR.0 && dev.recall() >= DEV_FLOOR.1,
        "dev split: precision {:.3} (floor {}), recall {:.3} (floor {})",
        dev.precision(),
        DEV_FLOOR.0,
        dev.recall(),
        DEV_FLOOR.1
    );
}

/// The dev split's floors (precision, recall) at the default confidence.
const DEV_FLOOR: (f64, f64) = (0.80, 0.85);

#[test]
fn evaluation_labels_parse() {
    assert_eq!(
        parse_label("<!-- case: silent: the approved tagline -->"),
        Some(("silent".into(), "-".into(), "the approved tagline".into()))
    );
    assert_eq!(
        parse_label("<!-- case: unsupported-superlative: class=subject: verbatim; x: y [S1] -->"),
        Some((
            "unsupported-superlative".into(),
            "subject".into(),
            "verbatim; x: y [S1]".into()
        ))
    );
    assert_eq!(
        parse_label("<!-- case: claim-mismatch: old count: 800 -->"),
        Some(("claim-mismatch".into(), "-".into(), "old count: 800".into()))
    );
    assert_eq!(parse_label("Trusted by 1,200+ support teams."), None);
    assert!(expectation("silent").is_empty());
    assert_eq!(
        expectation("message-drift+unsupported-superlative|claim-mismatch"),
        vec![
            vec!["message-drift".to_owned()],
            vec![
                "unsupported-superlative".to_owned(),
                "claim-mismatch".to_owned()
            ]
        ]
    );
}
