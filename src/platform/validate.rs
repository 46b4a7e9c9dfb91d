//! Schema check of the platform file: `yaml::Node` tree → `Platform`, collecting every error.
//!
//! Owns: field names, expected shapes, "did you mean" hints, semantic checks (rule ids,
//! severities, qualifiers, globs, dates). Must not: read files or print.

use super::yaml::{Node, Pos, Value};
use super::*;
use crate::rule_ids;
use std::fmt;

/// One problem in the platform file, located at a node.
#[derive(Clone, Debug)]
pub struct PlatformError {
    pub pos: Pos,
    /// Length in bytes of the highlighted text at `pos` (at least 1).
    pub len: usize,
    pub message: String,
    pub label: String,
    pub help: Option<String>,
}

/// `name[i]`, written out only when an error message needs it.
struct Indexed(&'static str, usize);

impl fmt::Display for Indexed {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}[{}]", self.0, self.1)
    }
}

struct Cx<'s> {
    source: &'s str,
    errors: Vec<PlatformError>,
}

/// Levenshtein distance over chars, for "did you mean".
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The closest candidate within a small edit distance.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(&word.to_lowercase(), c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

impl<'s> Cx<'s> {
    /// Length of the token at `pos` (a key or a scalar), for the caret.
    fn token_len(&self, pos: Pos) -> usize {
        let rest = self.source.get(pos.offset..).unwrap_or("");
        let line = rest.lines().next().unwrap_or("");
        let end = line
            .find(": ")
            .or_else(|| line.strip_suffix(':').map(str::len))
            .unwrap_or(line.trim_end().len());
        end.clamp(1, 80)
    }

    fn err(&mut self, node: &Node, message: String, label: &str, help: Option<String>) {
        let len = self.token_len(node.pos);
        self.errors.push(PlatformError {
            pos: node.pos,
            len,
            message,
            label: label.into(),
            help,
        });
    }

    fn expect(&mut self, node: &Node, path: &(impl fmt::Display + ?Sized), want: &str) {
        self.err(
            node,
            format!("`{path}` must be {want}, found {}", node.value.shape()),
            &format!("expected {want}"),
            None,
        );
    }

    /// The fields of a mapping node; unknown fields are errors with a suggestion.
    fn fields<'n>(
        &mut self,
        node: &'n Node,
        path: &(impl fmt::Display + ?Sized),
        allowed: &[&str],
    ) -> Vec<(&'n str, &'n Node)> {
        let Value::Map(entries) = &node.value else {
            if !matches!(node.value, Value::Null) {
                self.expect(node, path, "a mapping");
            }
            return Vec::new();
        };
        let mut out = Vec::new();
        for (k, v) in entries {
            let Value::Str(name) = &k.value else {
                self.expect(k, &format!("a key in `{path}`"), "a string");
                continue;
            };
            if allowed.contains(&name.as_str()) {
                out.push((name.as_str(), v));
            } else {
                let help = did_you_mean(name, allowed).map(|s| format!("did you mean `{s}`?"));
                let path = path.to_string();
                let where_ = if path.is_empty() {
                    "at the top level".to_string()
                } else {
                    format!("in `{path}`")
                };
                self.err(
                    k,
                    format!("unknown field `{name}` {where_}"),
                    &format!("expected one of: {}", allowed.join(", ")),
                    help,
                );
            }
        }
        out
    }

    fn string(&mut self, node: &Node, path: &(impl fmt::Display + ?Sized)) -> Option<String> {
        match &node.value {
            Value::Str(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
            Value::Str(_) => {
                self.err(node, format!("`{path}` is empty"), "expected text", None);
                None
            }
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(f.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => {
                self.expect(node, path, "a string");
                None
            }
        }
    }

    /// A list of strings; a single string is accepted as a list of one.
    fn strings(&mut self, node: &Node, path: &(impl fmt::Display + ?Sized)) -> Vec<String> {
        match &node.value {
            Value::Seq(items) => items
                .iter()
                .enumerate()
                .filter_map(|(i, n)| self.string(n, &format_args!("{path}[{i}]")))
                .collect(),
            Value::Null => Vec::new(),
            Value::Str(_) => self.string(node, path).into_iter().collect(),
            _ => {
                self.expect(node, path, "a list of strings");
                Vec::new()
            }
        }
    }

    fn number(&mut self, node: &Node, path: &(impl fmt::Display + ?Sized)) -> Option<f64> {
        match &node.value {
            Value::Int(i) => Some(*i as f64),
            Value::Float(f) => Some(*f),
            Value::Str(s) => {
                let cleaned: String = s.chars().filter(|c| *c != ',' && *c != '_').collect();
                match cleaned.trim().parse::<f64>() {
                    Ok(v) => Some(v),
                    Err(_) => {
                        self.expect(node, path, "a number");
                        None
                    }
                }
            }
            _ => {
                self.expect(node, path, "a number");
                None
            }
        }
    }

    fn seq<'n>(&mut self, node: &'n Node, path: &(impl fmt::Display + ?Sized)) -> &'n [Node] {
        match &node.value {
            Value::Seq(items) => items,
            Value::Null => &[],
            _ => {
                self.expect(node, path, "a list");
                &[]
            }
        }
    }

    fn date(&mut self, node: &Node, path: &(impl fmt::Display + ?Sized)) -> Option<String> {
        let s = self.string(node, path)?;
        let b = s.as_bytes();
        let ok = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !ok {
            self.err(
                node,
                format!("`{path}` must be a date like 2026-09-30, found `{s}`"),
                "expected YYYY-MM-DD",
                None,
            );
        }
        Some(s)
    }

    fn rule_id(&mut self, node: &Node, path: &(impl fmt::Display + ?Sized)) -> Option<String> {
        let id = self.string(node, path)?;
        if rule_ids::is_rule(&id) {
            return Some(id);
        }
        let ids = rule_ids::ALL;
        let help = did_you_mean(&id, ids)
            .map(|s| format!("did you mean `{s}`?"))
            .or_else(|| Some("`msglint rules` lists the rule ids".into()));
        self.err(
            node,
            format!("unknown rule `{id}` in `{path}`"),
            "not a rule id",
            help,
        );
        None
    }

    fn globs(&mut self, node: &Node, path: &(impl fmt::Display + ?Sized)) -> Vec<String> {
        let mut out = Vec::new();
        for (i, n) in self.seq_or_one(node).iter().enumerate() {
            let p = format!("{path}[{i}]");
            if let Some(g) = self.string(n, &p) {
                if let Err(e) = globset::Glob::new(&g) {
                    self.err(
                        n,
                        format!("`{p}` is not a valid glob: {e}"),
                        "invalid glob",
                        None,
                    );
                } else {
                    out.push(g);
                }
            }
        }
        out
    }

    /// `case: exact` (match only the case written) or `case: any` (the default).
    fn case(&mut self, node: &Node, path: &(impl fmt::Display + ?Sized)) -> bool {
        match self.string(node, path).as_deref() {
            Some("exact") => true,
            Some("any") | None => false,
            Some(other) => {
                self.err(
                    node,
                    format!("`{path}` must be `exact` or `any`, found `{other}`"),
                    "expected exact | any",
                    None,
                );
                false
            }
        }
    }

    fn seq_or_one<'n>(&mut self, node: &'n Node) -> Vec<&'n Node> {
        match &node.value {
            Value::Seq(items) => items.iter().collect(),
            Value::Null => Vec::new(),
            _ => vec![node],
        }
    }
}

pub const COMPANY: &[&str] = &["name", "variants", "case"];
pub const PRODUCT: &[&str] = &["name", "variants", "case"];
pub const MESSAGE: &[&str] = &["id", "statement", "variants", "keywords", "exact"];
pub const CLAIM: &[&str] = &[
    "id",
    "statement",
    "subject",
    "value",
    "qualifier",
    "superseded",
    "source",
    "as_of",
];
pub const SUPERSEDED: &[&str] = &["value", "until"];
pub const BOILERPLATE: &[&str] = &["id", "text"];
pub const ICP: &[&str] = &["summary", "employees", "industries", "personas", "excluded"];
pub const EMPLOYEES: &[&str] = &["min", "max"];
pub const EXCLUDED: &[&str] = &["segment", "signals"];
pub const TERM: &[&str] = &["use", "avoid", "in_names", "case"];
pub const RETIRED: &[&str] = &[
    "phrase",
    "statement",
    "case",
    "replacement",
    "retired_on",
    "reason",
];
pub const DESCRIPTIONS: &[&str] = &["short", "medium", "long"];
pub const REFERENCES: &[&str] = &["approved", "withdrawn"];
pub const WITHDRAWN: &[&str] = &["name", "withdrawn_on", "reason"];
pub const COMPETITOR: &[&str] = &["name"];
/// What `exact:` may name.
pub const EXACT: &[&str] = &[
    "tagline",
    "one_liner",
    "descriptions",
    "value_props",
    "differentiators",
];
pub const ASSET: &[&str] = &["type", "paths", "require", "allow", "dated", "owner"];
pub const EXCEPTION: &[&str] = &["paths", "skip"];

/// The field lists above, by the name the schema gives each object.
pub const OBJECTS: &[(&str, &[&str])] = &[
    ("platform", TOP),
    ("company", COMPANY),
    ("product", PRODUCT),
    ("message", MESSAGE),
    ("claim", CLAIM),
    ("boilerplate", BOILERPLATE),
    ("icp", ICP),
    ("employees", EMPLOYEES),
    ("excluded", EXCLUDED),
    ("term", TERM),
    ("retired", RETIRED),
    ("descriptions", DESCRIPTIONS),
    ("references", REFERENCES),
    ("withdrawn", WITHDRAWN),
    ("competitor", COMPETITOR),
    ("asset", ASSET),
    ("exception", EXCEPTION),
];

pub const TOP: &[&str] = &[
    "version",
    "company",
    "products",
    "tagline",
    "one_liner",
    "value_props",
    "differentiators",
    "claims",
    "boilerplate",
    "icp",
    "terms",
    "retired",
    "competitors",
    "descriptions",
    "exact",
    "references",
    "assets",
    "rules",
    "exceptions",
    "min_confidence",
    "copy_files",
    "languages",
];

pub fn validate(root: &Node, source: &str) -> Result<Platform, Vec<PlatformError>> {
    let mut cx = Cx {
        source,
        errors: Vec::new(),
    };
    let mut p = Platform {
        version: 1,
        ..Platform::default()
    };
    if !matches!(root.value, Value::Map(_)) {
        cx.err(
            root,
            "the platform file must be a mapping with at least `company: {name: ...}`".into(),
            "expected a mapping",
            Some("run `msglint init` for a commented starter file".into()),
        );
        return Err(cx.errors);
    }
    let mut saw_company = false;
    for (key, v) in cx.fields(root, "", TOP) {
        match key {
            "version" => match v.value {
                Value::Int(1) => p.version = 1,
                _ => cx.err(
                    v,
                    "unsupported `version`: this msglint reads version 1".into(),
                    "expected 1",
                    None,
                ),
            },
            "company" => {
                saw_company = true;
                let mut name = None;
                for (k, n) in cx.fields(v, "company", COMPANY) {
                    match k {
                        "name" => name = cx.string(n, "company.name"),
                        "case" => p.company.case_exact = cx.case(n, "company.case"),
                        _ => p.company.variants = cx.strings(n, "company.variants"),
                    }
                }
                match name {
                    Some(n) => p.company.name = n,
                    None => cx.err(
                        v,
                        "`company.name` is required".into(),
                        "this mapping needs `name:`",
                        Some(
                            "the canonical spelling of the company name, e.g. `name: Brightwave`"
                                .into(),
                        ),
                    ),
                }
            }
            "products" => {
                for (i, n) in cx.seq(v, "products").iter().enumerate() {
                    let path = format!("products[{i}]");
                    let mut prod = Product::default();
                    for (k, f) in cx.fields(n, &path, PRODUCT) {
                        match k {
                            "name" => {
                                prod.name =
                                    cx.string(f, &format!("{path}.name")).unwrap_or_default()
                            }
                            "case" => prod.case_exact = cx.case(f, &format!("{path}.case")),
                            _ => prod.variants = cx.strings(f, &format!("{path}.variants")),
                        }
                    }
                    if prod.name.is_empty() {
                        cx.err(
                            n,
                            format!("`{path}.name` is required"),
                            "needs `name:`",
                            None,
                        );
                    }
                    p.products.push(prod);
                }
            }
            "tagline" => p.tagline = cx.string(v, "tagline"),
            "one_liner" => p.one_liner = cx.string(v, "one_liner"),
            "value_props" | "differentiators" => {
                let list = messages(&mut cx, v, key);
                if key == "value_props" {
                    p.value_props = list;
                } else {
                    p.differentiators = list;
                }
            }
            "claims" => {
                for (i, n) in cx.seq(v, "claims").iter().enumerate() {
                    p.claims.push(claim(&mut cx, n, &format!("claims[{i}]")));
                }
            }
            "boilerplate" => {
                for (i, n) in cx.seq(v, "boilerplate").iter().enumerate() {
                    let path = format!("boilerplate[{i}]");
                    let mut b = Boilerplate {
                        id: format!("boilerplate-{}", i + 1),
                        ..Boilerplate::default()
                    };
                    for (k, f) in cx.fields(n, &path, BOILERPLATE) {
                        match k {
                            "id" => b.id = cx.string(f, &format!("{path}.id")).unwrap_or(b.id),
                            _ => b.text = cx.string(f, &format!("{path}.text")).unwrap_or_default(),
                        }
                    }
                    if b.text.is_empty() {
                        cx.err(
                            n,
                            format!("`{path}.text` is required"),
                            "needs `text:`",
                            None,
                        );
                    }
                    p.boilerplate.push(b);
                }
            }
            "icp" => p.icp = icp(&mut cx, v),
            "terms" => {
                let terms = cx.seq(v, "terms");
                p.terms.reserve(terms.len());
                for (i, n) in terms.iter().enumerate() {
                    // The path is written out only for an error.
                    let path = Indexed("terms", i);
                    let mut t = Term::default();
                    for (k, f) in cx.fields(n, &path, TERM) {
                        match k {
                            "use" => {
                                t.use_ = cx
                                    .string(f, &format_args!("{path}.use"))
                                    .unwrap_or_default()
                            }
                            "in_names" => match &f.value {
                                Value::Bool(b) => t.in_names = *b,
                                _ => {
                                    cx.expect(f, &format_args!("{path}.in_names"), "true or false")
                                }
                            },
                            "case" => t.case_exact = cx.case(f, &format_args!("{path}.case")),
                            _ => t.avoid = cx.strings(f, &format_args!("{path}.avoid")),
                        }
                    }
                    if t.use_.is_empty() {
                        cx.err(n, format!("`{path}.use` is required"), "needs `use:`", None);
                    }
                    p.terms.push(t);
                }
            }
            "retired" => {
                for (i, n) in cx.seq(v, "retired").iter().enumerate() {
                    let path = format!("retired[{i}]");
                    let mut r = Retired::default();
                    for (k, f) in cx.fields(n, &path, RETIRED) {
                        let fp = format!("{path}.{k}");
                        match k {
                            "phrase" => r.phrase = cx.string(f, &fp).unwrap_or_default(),
                            "statement" => r.statement = cx.string(f, &fp),
                            "case" => r.case_exact = cx.case(f, &fp),
                            "replacement" => r.replacement = cx.string(f, &fp),
                            "retired_on" => r.retired_on = cx.date(f, &fp),
                            _ => r.reason = cx.string(f, &fp),
                        }
                    }
                    if r.phrase.is_empty() == r.statement.is_none() {
                        cx.err(
                            n,
                            format!("`{path}` needs exactly one of `phrase` and `statement`"),
                            "needs `phrase:` or `statement:`",
                            Some(
                                "`phrase:` for a retired name or phrase, `statement:` for a \
                                 retired sentence or paragraph"
                                    .into(),
                            ),
                        );
                    }
                    p.retired.push(r);
                }
            }
            "competitors" => {
                for (i, n) in cx.seq(v, "competitors").iter().enumerate() {
                    let path = format!("competitors[{i}]");
                    let name = if let Value::Str(_) = n.value {
                        cx.string(n, &path)
                    } else {
                        let mut name = None;
                        for (_, f) in cx.fields(n, &path, COMPETITOR) {
                            name = cx.string(f, &format!("{path}.name"));
                        }
                        name
                    };
                    match name {
                        Some(name) => p.competitors.push(Competitor { name }),
                        None => cx.err(
                            n,
                            format!("`{path}.name` is required"),
                            "needs `name:`",
                            None,
                        ),
                    }
                }
            }
            "descriptions" => {
                for (k, f) in cx.fields(v, "descriptions", DESCRIPTIONS) {
                    let text = cx.string(f, &format!("descriptions.{k}"));
                    match k {
                        "short" => p.descriptions.short = text,
                        "medium" => p.descriptions.medium = text,
                        _ => p.descriptions.long = text,
                    }
                }
            }
            "exact" => {
                let mut list = Vec::new();
                for (i, n) in cx.seq_or_one(v).into_iter().enumerate() {
                    let fp = format!("exact[{i}]");
                    let Some(name) = cx.string(n, &fp) else {
                        continue;
                    };
                    if EXACT.contains(&name.as_str()) {
                        list.push(name);
                    } else {
                        let help =
                            did_you_mean(&name, EXACT).map(|s| format!("did you mean `{s}`?"));
                        cx.err(
                            n,
                            format!("`{fp}` must name statements that must appear verbatim"),
                            &format!("expected one of: {}", EXACT.join(", ")),
                            help,
                        );
                    }
                }
                p.exact = Some(list);
            }
            "references" => {
                for (k, f) in cx.fields(v, "references", REFERENCES) {
                    if k == "approved" {
                        p.references.approved = cx.strings(f, "references.approved");
                        continue;
                    }
                    for (i, n) in cx.seq(f, "references.withdrawn").iter().enumerate() {
                        let path = format!("references.withdrawn[{i}]");
                        let mut w = Withdrawn::default();
                        if let Value::Str(_) = n.value {
                            w.name = cx.string(n, &path).unwrap_or_default();
                        } else {
                            for (k, g) in cx.fields(n, &path, WITHDRAWN) {
                                let fp = format!("{path}.{k}");
                                match k {
                                    "name" => w.name = cx.string(g, &fp).unwrap_or_default(),
                                    "withdrawn_on" => w.withdrawn_on = cx.date(g, &fp),
                                    _ => w.reason = cx.string(g, &fp),
                                }
                            }
                        }
                        if w.name.is_empty() {
                            cx.err(
                                n,
                                format!("`{path}.name` is required"),
                                "needs `name:`",
                                None,
                            );
                        }
                        p.references.withdrawn.push(w);
                    }
                }
            }
            "assets" => {
                for (i, n) in cx.seq(v, "assets").iter().enumerate() {
                    p.assets.push(asset(&mut cx, n, &format!("assets[{i}]")));
                }
            }
            "copy_files" => p.copy_files = cx.globs(v, "copy_files"),
            "languages" => {
                for (i, n) in cx.seq_or_one(v).iter().enumerate() {
                    let path = format!("languages[{i}]");
                    let Some(code) = cx.string(n, &path) else {
                        continue;
                    };
                    if crate::discover::language_code(&code) {
                        p.languages.push(code);
                    } else {
                        cx.err(
                            n,
                            format!("`{path}` is not a language code: {code:?}"),
                            "expected a code such as en, de, pt-BR",
                            None,
                        );
                    }
                }
            }
            "min_confidence" => {
                let parsed = match &v.value {
                    Value::Str(s) => crate::diagnostic::Confidence::parse(s),
                    _ => None,
                };
                match parsed {
                    Some(c) => p.min_confidence = Some(c),
                    None => cx.err(
                        v,
                        "`min_confidence` must be high, medium or low".into(),
                        "expected high | medium | low",
                        None,
                    ),
                }
            }
            "rules" => {
                for (k, sev) in map_entries(&mut cx, v, "rules") {
                    let Some(id) = cx.rule_id(k, "rules") else {
                        continue;
                    };
                    let level = match &sev.value {
                        Value::Str(s) => match s.as_str() {
                            "off" => Some(Level::Off),
                            other => Severity::parse(other).map(Level::On),
                        },
                        Value::Bool(false) => Some(Level::Off),
                        _ => None,
                    };
                    match level {
                        Some(l) => {
                            p.rules.insert(id, l);
                        }
                        None => cx.err(
                            sev,
                            format!("severity of `{id}` must be error, warning, info or off"),
                            "expected error | warning | info | off",
                            None,
                        ),
                    }
                }
            }
            _ => {
                for (i, n) in cx.seq(v, "exceptions").iter().enumerate() {
                    let path = format!("exceptions[{i}]");
                    let mut e = Exception::default();
                    for (k, f) in cx.fields(n, &path, EXCEPTION) {
                        let fp = format!("{path}.{k}");
                        if k == "paths" {
                            e.paths = cx.globs(f, &fp);
                        } else {
                            for (j, r) in cx.seq_or_one(f).into_iter().enumerate() {
                                if let Some(id) = cx.rule_id(r, &format!("{fp}[{j}]")) {
                                    e.skip.push(id);
                                }
                            }
                        }
                    }
                    p.exceptions.push(e);
                }
            }
        }
    }
    if !saw_company {
        cx.err(
            root,
            "`company` is required".into(),
            "the file needs `company: {name: ...}`",
            Some("add `company:` with at least `name:` (the canonical spelling)".into()),
        );
    }
    cx.errors.extend(comment_cuts(source));
    if cx.errors.is_empty() {
        Ok(p)
    } else {
        cx.errors.sort_by_key(|e| (e.pos.line, e.pos.col));
        Err(cx.errors)
    }
}

/// Plain values cut short by what YAML reads as a comment: in `tagline: The #1 Open-Source
/// CRM` a space then `#` starts one, so the tagline is "The". Reported when the comment
/// opens with a digit ("#1", "#2 in G2's ranking"), which is the text's own rank, not a note;
/// block scalars (`>`, `|`), quoted values and comment lines are left alone.
fn comment_cuts(source: &str) -> Vec<PlatformError> {
    let mut out = Vec::new();
    // The indent of the key whose block scalar is being read.
    let mut block: Option<usize> = None;
    for (i, line) in source.lines().enumerate() {
        let t = line.trim_start_matches(' ');
        let indent = line.len() - t.len();
        if let Some(b) = block {
            if t.is_empty() || indent > b {
                continue;
            }
            block = None;
        }
        if t.starts_with('#') {
            continue;
        }
        // The value: after a list item's dash and a key's colon.
        let mut v = t;
        while let Some(r) = v.strip_prefix("- ") {
            v = r.trim_start_matches(' ');
        }
        if !v.starts_with(['"', '\'']) {
            if let Some(k) = v.find(": ") {
                v = &v[k + 2..];
            } else if let Some(k) = v.strip_suffix(':') {
                v = &k[k.len()..];
            }
        }
        let v = v.trim_start_matches(' ');
        if v.starts_with(['>', '|']) {
            block = Some(indent);
            continue;
        }
        if v.is_empty() || v.starts_with(['"', '\'', '[', '{', '#', '&', '*', '!']) {
            continue;
        }
        let Some(h) = v.find(" #") else {
            continue;
        };
        let comment = v[h..].trim_start_matches(' ');
        if !comment[1..].starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let at = line.len() - comment.len();
        let kept = v[..h].trim_end();
        out.push(PlatformError {
            pos: Pos {
                line: u32::try_from(i + 1).unwrap_or(u32::MAX),
                col: u32::try_from(line[..at].chars().count() + 1).unwrap_or(u32::MAX),
                offset: source.lines().take(i).map(|l| l.len() + 1).sum::<usize>() + at,
            },
            len: comment.trim_end().chars().count().clamp(1, 80),
            message: format!("this value reads \"{kept}\": a space then `#` starts a YAML comment"),
            label: "read as a comment".into(),
            help: Some(format!("quote the value: \"{}\"", v.trim_end())),
        });
    }
    out
}

fn map_entries<'n>(cx: &mut Cx, node: &'n Node, path: &str) -> Vec<(&'n Node, &'n Node)> {
    match &node.value {
        Value::Map(m) => m.iter().map(|(k, v)| (k, v)).collect(),
        Value::Null => Vec::new(),
        _ => {
            cx.expect(node, path, "a mapping");
            Vec::new()
        }
    }
}

fn messages(cx: &mut Cx, v: &Node, key: &str) -> Vec<Message> {
    let mut out = Vec::new();
    for (i, n) in cx.seq(v, key).iter().enumerate() {
        let path = format!("{key}[{i}]");
        let mut m = Message {
            id: format!("{key}-{}", i + 1),
            ..Message::default()
        };
        if let Value::Str(_) = n.value {
            m.statement = cx.string(n, &path).unwrap_or_default();
            out.push(m);
            continue;
        }
        for (k, f) in cx.fields(n, &path, MESSAGE) {
            let fp = format!("{path}.{k}");
            match k {
                "id" => m.id = cx.string(f, &fp).unwrap_or(m.id),
                "statement" => m.statement = cx.string(f, &fp).unwrap_or_default(),
                "variants" => m.variants = cx.strings(f, &fp),
                "exact" => match &f.value {
                    Value::Bool(b) => m.exact = *b,
                    _ => cx.expect(f, &fp, "true or false"),
                },
                _ => m.keywords = cx.strings(f, &fp),
            }
        }
        if m.statement.is_empty() {
            cx.err(
                n,
                format!("`{path}.statement` is required"),
                "needs `statement:`",
                None,
            );
        }
        out.push(m);
    }
    out
}

fn claim(cx: &mut Cx, n: &Node, path: &str) -> Claim {
    let mut c = Claim::default();
    for (k, f) in cx.fields(n, path, CLAIM) {
        let fp = format!("{path}.{k}");
        match k {
            "id" => c.id = cx.string(f, &fp).unwrap_or_default(),
            "statement" => c.statement = cx.string(f, &fp).unwrap_or_default(),
            "subject" => c.subject = cx.strings(f, &fp),
            "value" => c.value = cx.number(f, &fp),
            "qualifier" => {
                if let Some(q) = cx.string(f, &fp) {
                    match Qualifier::parse(&q) {
                        Some(q) => c.qualifier = q,
                        None => {
                            let help = did_you_mean(&q, &Qualifier::NAMES)
                                .map(|s| format!("did you mean `{s}`?"));
                            cx.err(
                                f,
                                format!("unknown qualifier `{q}` in `{fp}`"),
                                "expected exact | at_least | at_most | approx",
                                help,
                            );
                        }
                    }
                }
            }
            "superseded" => {
                let items: Vec<&Node> = match &f.value {
                    Value::Seq(items) => items.iter().collect(),
                    Value::Null => Vec::new(),
                    _ => vec![f],
                };
                for (i, item) in items.into_iter().enumerate() {
                    let ip = format!("{fp}[{i}]");
                    if let Value::Map(_) = item.value {
                        let (mut value, mut until) = (None, None);
                        for (k, v) in cx.fields(item, &ip, SUPERSEDED) {
                            if k == "value" {
                                value = cx.number(v, &format!("{ip}.value"));
                            } else {
                                until = cx.date(v, &format!("{ip}.until"));
                            }
                        }
                        match value {
                            Some(v) => {
                                c.superseded.push(v);
                                c.superseded_until.push(until);
                            }
                            None => cx.err(
                                item,
                                format!("`{ip}.value` is required"),
                                "needs `value:`",
                                Some(
                                    "write `{value: 800, until: 2025-06-30}` or just `800`".into(),
                                ),
                            ),
                        }
                    } else if let Some(v) = cx.number(item, &ip) {
                        c.superseded.push(v);
                        c.superseded_until.push(None);
                    }
                }
            }
            "source" => c.source = cx.string(f, &fp),
            _ => c.as_of = cx.date(f, &fp),
        }
    }
    if c.statement.is_empty() {
        cx.err(
            n,
            format!("`{path}.statement` is required"),
            "needs `statement:`",
            None,
        );
    }
    if c.id.is_empty() {
        c.id = path.to_owned();
    }
    c
}

fn icp(cx: &mut Cx, v: &Node) -> Icp {
    let mut icp = Icp::default();
    for (k, f) in cx.fields(v, "icp", ICP) {
        let fp = format!("icp.{k}");
        match k {
            "summary" => icp.summary = cx.string(f, &fp),
            "employees" => {
                let (mut min, mut max) = (None, None);
                for (k2, b) in cx.fields(f, &fp, EMPLOYEES) {
                    let v = cx.number(b, &format!("{fp}.{k2}"));
                    if k2 == "min" {
                        min = v;
                    } else {
                        max = v;
                    }
                }
                if let (Some(a), Some(b)) = (min, max)
                    && a > b
                {
                    cx.err(
                        f,
                        format!("`{fp}.min` ({a}) is above `max` ({b})"),
                        "min > max",
                        None,
                    );
                }
                icp.employees = Some((min, max));
            }
            "industries" => icp.industries = cx.strings(f, &fp),
            "personas" => icp.personas = cx.strings(f, &fp),
            _ => {
                for (i, n) in cx.seq(f, &fp).iter().enumerate() {
                    let path = format!("{fp}[{i}]");
                    let mut e = Excluded::default();
                    for (k2, g) in cx.fields(n, &path, EXCLUDED) {
                        if k2 == "segment" {
                            e.segment =
                                cx.string(g, &format!("{path}.segment")).unwrap_or_default();
                        } else {
                            e.signals = cx.strings(g, &format!("{path}.signals"));
                        }
                    }
                    icp.excluded.push(e);
                }
            }
        }
    }
    icp
}

fn asset(cx: &mut Cx, n: &Node, path: &str) -> AssetType {
    let mut a = AssetType {
        dated: true,
        ..AssetType::default()
    };
    for (k, f) in cx.fields(n, path, ASSET) {
        let fp = format!("{path}.{k}");
        match k {
            "type" => a.kind = cx.string(f, &fp).unwrap_or_default(),
            "owner" => a.owner = cx.string(f, &fp),
            "dated" => match f.value {
                Value::Bool(b) => a.dated = b,
                _ => cx.err(
                    f,
                    format!("`{fp}` must be true or false"),
                    "expected true | false",
                    None,
                ),
            },
            "paths" => a.paths = cx.globs(f, &fp),
            "allow" => {
                for (j, r) in cx.seq_or_one(f).into_iter().enumerate() {
                    if let Some(id) = cx.rule_id(r, &format!("{fp}[{j}]")) {
                        a.allow.push(id);
                    }
                }
            }
            _ => {
                for (j, r) in cx.seq_or_one(f).into_iter().enumerate() {
                    if let Some(req) = requirement(cx, r, &format!("{fp}[{j}]")) {
                        a.require.push(req);
                    }
                }
            }
        }
    }
    if a.kind.is_empty() {
        cx.err(
            n,
            format!("`{path}.type` is required"),
            "needs `type:`",
            None,
        );
    }
    a
}

const REQUIREMENTS: [&str; 4] = ["tagline", "one_liner", "value_props", "differentiators"];

fn requirement(cx: &mut Cx, n: &Node, path: &str) -> Option<Requirement> {
    let (name_node, count) = match &n.value {
        Value::Str(_) => (n, None),
        Value::Map(m) if m.len() == 1 => (&m[0].0, Some(&m[0].1)),
        _ => {
            cx.expect(n, path, "a requirement like `tagline` or `value_props: 2`");
            return None;
        }
    };
    let name = cx.string(name_node, path)?;
    let count = match count {
        Some(c) => {
            let v = cx.number(c, path)?;
            if v < 0.0 || v.fract() != 0.0 {
                cx.err(
                    c,
                    format!("`{path}` needs a whole number"),
                    "expected a count",
                    None,
                );
                return None;
            }
            v as u32
        }
        None => 1,
    };
    Some(match name.as_str() {
        "tagline" => Requirement::Tagline,
        "one_liner" => Requirement::OneLiner,
        "value_props" => Requirement::ValueProps(count),
        "differentiators" => Requirement::Differentiators(count),
        other => {
            let help = did_you_mean(other, &REQUIREMENTS).map(|s| format!("did you mean `{s}`?"));
            cx.err(
                name_node,
                format!("unknown requirement `{other}` in `{path}`"),
                "expected tagline | one_liner | value_props: N | differentiators: N",
                help,
            );
            return None;
        }
    })
}

#[cfg(test)]
mod tests {
    use super::super::parse_str;

    #[test]
    fn misspelled_field_is_located_with_suggestion() {
        let src = "company:\n  name: Acme\nvalue_props:\n  - id: a\n    statment: Fast\n";
        let errs = parse_str(src).expect_err("must fail");
        let e = errs
            .iter()
            .find(|e| e.message.contains("statment"))
            .expect("unknown field");
        assert_eq!((e.pos.line, e.pos.col), (5, 5));
        assert_eq!(e.help.as_deref(), Some("did you mean `statement`?"));
        assert_eq!(e.len, "statment".len());
    }

    #[test]
    fn a_rank_read_as_a_comment_is_an_error() {
        let src = "company:\n  name: Twenty\ntagline: The #1 Open-Source CRM\n";
        let errs = parse_str(src).expect_err("must fail");
        assert_eq!(errs.len(), 1, "{errs:?}");
        let e = &errs[0];
        assert_eq!((e.pos.line, e.pos.col), (3, 14));
        assert!(e.message.contains("reads \"The\""), "{}", e.message);
        assert_eq!(
            e.help.as_deref(),
            Some("quote the value: \"The #1 Open-Source CRM\"")
        );
        // Quoted, a note after the value, a block scalar, a list item: no error, but the
        // list item's rank.
        let ok = "company:\n  name: Acme # the name\ntagline: \"The #1 CRM\"\n\
                  one_liner: >\n  Acme is the #1 CRM\n  for #2 teams\n";
        assert!(parse_str(ok).is_ok());
        let item = "company:\n  name: Acme\nvalue_props:\n  - id: a\n    statement: Fast\n    variants:\n      - Ranked #1 by users\n";
        let errs = parse_str(item).expect_err("must fail");
        assert_eq!(errs[0].pos.line, 7, "{errs:?}");
    }

    #[test]
    fn all_errors_at_once() {
        let src = "compnay:\n  name: X\nrules:\n  brand-nmae: error\n  retired-term: loud\n";
        let errs = parse_str(src).expect_err("must fail");
        let msgs: Vec<&str> = errs.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(errs.len(), 4, "{msgs:?}");
        assert!(msgs[0].contains("compnay"));
        assert!(msgs.iter().any(|m| m.contains("brand-nmae")));
        assert!(msgs.iter().any(|m| m.contains("retired-term")));
        assert!(msgs.iter().any(|m| m.contains("`company` is required")));
    }

    #[test]
    fn whole_schema_parses() {
        let p = parse_str(include_str!("../../fixtures/demo/msglint.yaml"))
            .expect("demo platform is valid");
        assert_eq!(p.company.name, "Lumora");
        assert!(!p.claims.is_empty() && !p.assets.is_empty() && !p.exceptions.is_empty());
        assert!(p.icp.employees.is_some());
    }
}
