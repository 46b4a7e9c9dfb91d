//! The evaluation set (`fixtures/eval/`): labelled marketing copy in every format, checked
//! with the demo platform. Precision must be 1.0 and recall at least 0.95.

use super::*;
use std::collections::{BTreeMap, BTreeSet};

/// (file, line) → expected rule, or `None` for "must stay silent".
fn labels() -> BTreeMap<(String, u64), Option<String>> {
    let dir = root().join("fixtures/eval");
    let mut out = BTreeMap::new();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("eval dir")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    names.sort();
    for name in names
        .iter()
        .filter(|n| n.ends_with(".md") || n.ends_with(".html"))
    {
        let text = std::fs::read_to_string(dir.join(name)).expect("case file");
        let lines: Vec<&str> = text.lines().collect();
        for (i, l) in lines.iter().enumerate() {
            let Some(rest) = l.trim().strip_prefix("<!-- case: ") else {
                continue;
            };
            let label = rest.split(':').next().unwrap_or("").trim().to_owned();
            // The case is the next non-empty line.
            let at = (i + 1..lines.len())
                .find(|&j| !lines[j].trim().is_empty())
                .expect("a line after the label");
            let key = (format!("fixtures/eval/{name}"), at as u64 + 1);
            out.insert(key, (label != "silent").then_some(label));
        }
    }
    let tsv = std::fs::read_to_string(dir.join("cases-binary.tsv")).expect("cases-binary.tsv");
    for l in tsv
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cols: Vec<&str> = l.split('\t').collect();
        let (file, line, label) = (cols[0], cols[1].parse::<u64>().expect("line"), cols[2]);
        out.insert(
            (format!("fixtures/eval/{file}"), line),
            (label != "silent").then(|| label.to_owned()),
        );
    }
    out
}

#[test]
fn evaluation_set_precision_and_recall() {
    let cases = labels();
    assert!(cases.len() >= 80, "{} cases", cases.len());
    let formats: BTreeSet<&str> = cases
        .keys()
        .filter_map(|(f, _)| f.rsplit('.').next())
        .collect();
    assert!(
        ["md", "html", "pptx", "pdf"]
            .iter()
            .all(|f| formats.contains(f)),
        "{formats:?}"
    );
    let v = json(&["check", "--platform", DEMO_PLATFORM, "fixtures/eval"]);
    let found: Vec<(String, u64, String)> = diags(&v)
        .iter()
        .map(|x| {
            (
                x["path"].as_str().unwrap_or("").to_owned(),
                x["location"]["line"].as_u64().unwrap_or(0),
                x["rule"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    let mut report = Vec::new();
    for ((file, line), expected) in &cases {
        let here: Vec<&String> = found
            .iter()
            .filter(|(f, l, _)| f == file && l == line)
            .map(|(_, _, r)| r)
            .collect();
        match expected {
            Some(rule) => {
                if here.contains(&rule) {
                    tp += 1;
                } else {
                    fn_ += 1;
                    report.push(format!(
                        "missed  {file}:{line} expected {rule}, found {here:?}"
                    ));
                }
                for r in here.iter().filter(|r| **r != rule) {
                    fp += 1;
                    report.push(format!("extra   {file}:{line} {r} (expected {rule})"));
                }
            }
            None => {
                for r in &here {
                    fp += 1;
                    report.push(format!("noisy   {file}:{line} {r} on a compliant case"));
                }
            }
        }
    }
    for (file, line, rule) in &found {
        if !cases.contains_key(&(file.clone(), *line)) {
            fp += 1;
            report.push(format!("unlabelled {file}:{line} {rule}"));
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    let fire = cases.values().filter(|c| c.is_some()).count();
    eprintln!(
        "eval: {} cases ({fire} must fire, {} must stay silent): precision {precision:.3}, recall {recall:.3}",
        cases.len(),
        cases.len() - fire
    );
    for r in &report {
        eprintln!("  {r}");
    }
    assert!(precision >= 1.0, "precision {precision:.3}: {report:#?}");
    assert!(recall >= 0.95, "recall {recall:.3}: {report:#?}");
}
