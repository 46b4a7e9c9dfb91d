//! The documentation stands alone: `docs/platform.md` has one heading per field of the
//! platform schema, the JSON report reference names every field the JSON report has, no
//! document points outside the repository, and `msglint init` points at the reference.

use super::*;
use std::collections::BTreeSet;

/// Every field path of the schema, in the headings' notation: `company.name`,
/// `claims[].qualifier`, `icp.employees.min`.
fn schema_fields() -> BTreeSet<String> {
    let text = std::fs::read_to_string(root().join("schema/msglint.schema.json")).expect("schema");
    let schema: serde_json::Value = serde_json::from_str(&text).expect("schema is JSON");
    let mut out = BTreeSet::new();
    walk(&schema, &schema, "", &mut out, 0);
    out
}

/// Collect the properties reachable from `node` (through `$ref`, `items`, `anyOf`, `oneOf`,
/// `allOf`), each as `prefix.name`; list items add `[]`.
fn walk(
    schema: &serde_json::Value,
    node: &serde_json::Value,
    prefix: &str,
    out: &mut BTreeSet<String>,
    depth: usize,
) {
    assert!(depth < 32, "schema nesting too deep at `{prefix}`");
    if let Some(r) = node.get("$ref").and_then(|r| r.as_str()) {
        let name = r
            .strip_prefix("#/definitions/")
            .unwrap_or_else(|| panic!("unexpected $ref {r}"));
        let target = &schema["definitions"][name];
        assert!(target.is_object(), "dangling $ref {r}");
        walk(schema, target, prefix, out, depth + 1);
    }
    if let Some(props) = node.get("properties").and_then(|p| p.as_object()) {
        for (name, sub) in props {
            let path = if prefix.is_empty() {
                name.clone()
            } else {
                format!("{prefix}.{name}")
            };
            out.insert(path.clone());
            walk(schema, sub, &path, out, depth + 1);
        }
    }
    if let Some(items) = node.get("items") {
        walk(schema, items, &format!("{prefix}[]"), out, depth + 1);
    }
    for key in ["anyOf", "oneOf", "allOf"] {
        for alt in node
            .get(key)
            .and_then(|a| a.as_array())
            .into_iter()
            .flatten()
        {
            walk(schema, alt, prefix, out, depth + 1);
        }
    }
}

/// Headings of a Markdown file whose whole text is one backticked span, outside code blocks.
fn backticked_headings(markdown: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut fenced = false;
    for line in markdown.lines() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fenced = !fenced;
            continue;
        }
        if fenced || !t.starts_with('#') {
            continue;
        }
        let text = t.trim_start_matches('#').trim();
        if let Some(inner) = text.strip_prefix('`').and_then(|s| s.strip_suffix('`'))
            && !inner.contains('`')
        {
            out.push(inner.to_owned());
        }
    }
    out
}

#[test]
fn platform_reference_has_one_heading_per_schema_field() {
    let fields = schema_fields();
    assert!(
        fields.contains("company.name") && fields.contains("claims[].qualifier"),
        "the schema walk found the fields: {fields:?}"
    );
    let doc = std::fs::read_to_string(root().join("docs/platform.md")).expect("docs/platform.md");
    let headings = backticked_headings(&doc);
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let twice: Vec<&String> = headings
        .iter()
        .filter(|h| !seen.insert((*h).clone()))
        .collect();
    assert!(
        twice.is_empty(),
        "docs/platform.md has these field headings twice: {twice:?}"
    );
    let missing: Vec<&String> = fields.difference(&seen).collect();
    let extra: Vec<&String> = seen.difference(&fields).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "docs/platform.md headings differ from schema/msglint.schema.json\n  \
         fields with no heading: {missing:?}\n  headings that are not fields: {extra:?}"
    );
}

/// Every YAML example in `docs/platform.md` is a valid platform (a `company` is added to
/// the examples that show other fields), so the reference never teaches a mistake.
#[test]
fn platform_reference_examples_are_valid() {
    let doc = std::fs::read_to_string(root().join("docs/platform.md")).expect("docs/platform.md");
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in doc.lines() {
        match &mut current {
            None if line.trim_end() == "```yaml" => current = Some(String::new()),
            Some(_) if line.trim_end() == "```" => blocks.extend(current.take()),
            Some(b) => {
                b.push_str(line);
                b.push('\n');
            }
            None => {}
        }
    }
    assert!(blocks.len() > 40, "found the examples: {}", blocks.len());
    for b in &blocks {
        let text = if b.lines().any(|l| l.starts_with("company:")) {
            b.clone()
        } else {
            format!("company: {{name: Acme}}\n{b}")
        };
        if let Err(errors) = msglint::platform::parse_str(&text) {
            let msgs: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
            panic!("docs/platform.md example is not a valid platform: {msgs:?}\n{b}");
        }
    }
}

/// Every key of a real JSON report is named (in backticks) in `docs/report-json.md`.
#[test]
fn json_reference_names_every_report_field() {
    let doc =
        std::fs::read_to_string(root().join("docs/report-json.md")).expect("docs/report-json.md");
    let report = json(&["check", "fixtures/demo"]);
    let mut keys = BTreeSet::new();
    fn collect(v: &serde_json::Value, keys: &mut BTreeSet<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, sub) in m {
                    keys.insert(k.clone());
                    collect(sub, keys);
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| collect(x, keys)),
            _ => {}
        }
    }
    collect(&report, &mut keys);
    assert!(
        keys.contains("related"),
        "the demo has a cross-asset finding"
    );
    let undocumented: Vec<&String> = keys
        .iter()
        .filter(|k| !doc.contains(&format!("`{k}`")))
        .collect();
    assert!(
        undocumented.is_empty(),
        "docs/report-json.md does not name these JSON fields: {undocumented:?}"
    );
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files_under(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// Users see only the repository: no "SPEC §n" and no `../shared` path in what they read.
#[test]
fn docs_and_sources_cite_nothing_outside_the_repository() {
    let mut files = vec![root().join("README.md"), root().join("ARCHITECTURE.md")];
    files_under(&root().join("docs"), &mut files);
    files_under(&root().join("src"), &mut files);
    assert!(files.len() > 20, "found the sources: {files:?}");
    let mut hits = Vec::new();
    for f in &files {
        let text = String::from_utf8_lossy(&std::fs::read(f).expect("read")).into_owned();
        for (i, line) in text.lines().enumerate() {
            if line.contains("SPEC") || line.contains("../shared") {
                let rel = f.strip_prefix(root()).unwrap_or(f);
                hits.push(format!("{}:{}: {}", rel.display(), i + 1, line.trim()));
            }
        }
    }
    assert!(
        hits.is_empty(),
        "these lines point outside the repository:\n{}",
        hits.join("\n")
    );
}

#[test]
fn init_points_at_the_platform_reference() {
    let dir = temp_dir("docs-init");
    let file = dir.join("msglint.yaml");
    let out = msglint(&["init", &file.to_string_lossy()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let written = std::fs::read_to_string(&file).expect("starter written");
    assert!(
        written.contains("docs/platform.md"),
        "the starter platform should point at docs/platform.md:\n{written}"
    );
    assert!(
        !written.contains("://"),
        "the reference is in the repository, not at a web address:\n{written}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
