//! A check of the house: no import circle between the files of `src/`, and nothing
//! below the command layer imports a command (test only).
//!
//! Every file of `src/` is a module; an edge goes from a file to the module file each of
//! its `crate::…` paths names (the longest prefix of the path that is a module file).
//! Edges between a module and its own submodules (a parent declaring and using its
//! children, a child using its parent's types) are how a module is built, not a layer
//! crossing, and are left out; every other edge counts.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Module path (`fix::edit`) → the module paths it imports.
pub(crate) fn graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = BTreeMap::new();
    collect(src, src, &mut files);
    let modules: BTreeSet<String> = files.keys().cloned().collect();
    let mut graph = BTreeMap::new();
    for (module, text) in &files {
        let mut out = BTreeSet::new();
        for path in crate_paths(text) {
            // The longest prefix that is a module file.
            let parts: Vec<&str> = path.split("::").collect();
            let target = (1..=parts.len())
                .rev()
                .map(|n| parts[..n].join("::"))
                .find(|m| modules.contains(m));
            if let Some(t) = target
                && t != *module
                && !nested(module, &t)
                && !nested(&t, module)
            {
                out.insert(t);
            }
        }
        graph.insert(module.clone(), out);
    }
    graph
}

/// `inner` is `outer` or inside it.
fn nested(outer: &str, inner: &str) -> bool {
    inner == outer || inner.starts_with(&format!("{outer}::"))
}

fn collect(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(root, &p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            let Ok(rel) = p.strip_prefix(root) else {
                continue;
            };
            let mut parts: Vec<String> = rel
                .with_extension("")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if parts.last().is_some_and(|l| l == "mod") {
                parts.pop();
            }
            let name = parts.join("::");
            if matches!(name.as_str(), "lib" | "main") {
                continue;
            }
            if let Ok(text) = std::fs::read_to_string(&p) {
                out.insert(name, text);
            }
        }
    }
}

/// Every `crate::a::b` path of a file, with `use crate::{a::b, c}` groups expanded
/// (one level of braces: enough for this code base; a nested group's prefix still counts).
fn crate_paths(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == ':';
    let mut rest = text;
    while let Some(i) = rest.find("crate::") {
        let before = rest[..i].chars().next_back();
        let after = &rest[i + "crate::".len()..];
        rest = after;
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
            continue; // `my_crate::`
        }
        if let Some(group) = after.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let item: String = item.trim().chars().take_while(|c| ident(*c)).collect();
                if !item.is_empty() {
                    out.push(item.trim_end_matches("::").to_owned());
                }
            }
            continue;
        }
        let path: String = after.chars().take_while(|c| ident(*c)).collect();
        let path = path.trim_end_matches("::");
        if !path.is_empty() {
            out.push(path.to_owned());
        }
    }
    out
}

/// A circle in the graph, as `a → b → … → a`, if there is one.
pub(crate) fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    // 0 unseen, 1 on the stack, 2 done.
    let mut state: BTreeMap<&str, u8> = BTreeMap::new();
    let mut stack: Vec<&str> = Vec::new();
    fn visit<'g>(
        n: &'g str,
        graph: &'g BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<&'g str, u8>,
        stack: &mut Vec<&'g str>,
    ) -> Option<Vec<String>> {
        state.insert(n, 1);
        stack.push(n);
        for m in graph.get(n).into_iter().flatten() {
            match state.get(m.as_str()).copied().unwrap_or(0) {
                1 => {
                    let from = stack.iter().position(|s| *s == m.as_str()).unwrap_or(0);
                    let mut cycle: Vec<String> =
                        stack[from..].iter().map(|s| (*s).to_owned()).collect();
                    cycle.push(m.clone());
                    return Some(cycle);
                }
                0 => {
                    if let Some(c) = visit(m, graph, state, stack) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(n, 2);
        None
    }
    for n in graph.keys() {
        if state.get(n.as_str()).copied().unwrap_or(0) == 0
            && let Some(c) = visit(n, graph, &mut state, &mut stack)
        {
            return Some(c);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
    }

    #[test]
    fn src_has_no_import_circle() {
        let g = graph(&src());
        assert!(g.len() > 50, "read {} modules", g.len());
        assert!(
            g["check"].contains("fix::edit") && g["fix::file"].contains("check"),
            "the reader lost edges it must see"
        );
        if let Some(c) = find_cycle(&g) {
            panic!("import circle in src/: {}", c.join(" → "));
        }
    }

    #[test]
    fn nothing_below_the_commands_imports_them() {
        for (module, imports) in graph(&src()) {
            if module == "commands" || module.starts_with("commands::") {
                continue;
            }
            let up: Vec<&String> = imports
                .iter()
                .filter(|m| *m == "commands" || m.starts_with("commands::"))
                .collect();
            assert!(up.is_empty(), "{module} imports {up:?}");
        }
    }

    /// The picture in ARCHITECTURE.md: commands reach the stages through the engine API;
    /// besides it they use only the services they are made of, the emitters and the
    /// finding model (never `discover`, `extract`, `check`, `rules`, `platform`…).
    #[test]
    fn commands_reach_the_stages_through_the_engine_api() {
        const ALLOWED: &[&str] = &[
            "engine",
            "cli",
            "report",
            "diagnostic",
            "progress",
            "audit",
            "fix",
            "init",
            "serve",
            "lsp",
            "vale",
        ];
        for (module, imports) in graph(&src()) {
            if !(module == "commands" || module.starts_with("commands::")) {
                continue;
            }
            let below: Vec<&String> = imports
                .iter()
                .filter(|m| !m.starts_with("commands"))
                .filter(|m| !ALLOWED.contains(&m.split("::").next().unwrap_or(m)))
                .collect();
            assert!(
                below.is_empty(),
                "{module} reaches past the engine API: {below:?}"
            );
        }
    }

    #[test]
    fn a_circle_is_found_and_named() {
        let g = graph_of(&[("a", &["b"]), ("b", &["c"]), ("c", &["a"]), ("d", &["a"])]);
        assert_eq!(find_cycle(&g).unwrap(), ["a", "b", "c", "a"]);
        let g = graph_of(&[("a", &["b"]), ("b", &["c"]), ("d", &["a", "c"])]);
        assert_eq!(find_cycle(&g), None);
        assert_eq!(
            crate_paths("use crate::{a::B, c};\nlet x = crate::d::e::f(); my_crate::z"),
            ["a::B", "c", "d::e::f"]
        );
    }

    fn graph_of(edges: &[(&str, &[&str])]) -> BTreeMap<String, BTreeSet<String>> {
        edges
            .iter()
            .map(|(n, ms)| {
                (
                    (*n).to_owned(),
                    ms.iter().map(|m| (*m).to_owned()).collect(),
                )
            })
            .collect()
    }
}
