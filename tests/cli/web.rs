//! Copy where web teams keep it (issue #21): components, scripts, templates, data files and
//! catalogs. Planted drift at exact places (`fixtures/web`), discovery, and a sweep over
//! 1,986 real files of twelve public website repositories (`fixtures/web/real`): no panic,
//! no hang, every finding inside a copy node, and fixes that keep every file parseable.

use super::*;
use oxc_ast::ast::*;
use oxc_ast_visit::{Visit, walk};
use std::collections::BTreeMap;
use std::ops::Range;

fn found(v: &serde_json::Value) -> Vec<String> {
    diags(v)
        .iter()
        .map(|d| {
            let shape = d["location"]["shape"]
                .as_str()
                .map(|s| format!(" [{s}]"))
                .unwrap_or_default();
            format!(
                "{}:{}:{} {} {:?}{shape}",
                d["path"].as_str().unwrap_or(""),
                d["location"]["line"],
                d["location"]["column"],
                d["rule"].as_str().unwrap_or(""),
                d["matched"].as_str().unwrap_or("")
            )
        })
        .collect()
}

#[test]
fn web_fixtures_findings_at_exact_places() {
    let v = json(&[
        "check",
        "fixtures/web",
        "--exclude",
        "real/**",
        "--platform",
        DEMO_PLATFORM,
    ]);
    let f = found(&v);
    let expected = [
        "fixtures/web/_data/stats.yml:2:12 claim-mismatch \"1000\" [customers]",
        "fixtures/web/_data/stats.yml:5:10 retired-term \"Support without the stress\" [hero.title]",
        "fixtures/web/_data/stats.yml:9:21 preferred-term \"helpdesk\" [hero.lead]",
        "fixtures/web/astro/src/pages/index.astro:3:24 retired-term \"Support without the stress\"",
        "fixtures/web/astro/src/pages/index.astro:6:23 preferred-term \"helpdesk\"",
        "fixtures/web/astro/src/pages/index.astro:9:12 preferred-term \"chatbot\"",
        "fixtures/web/astro/src/pages/index.astro:10:8 brand-name \"Lumora Assistant\"",
        "fixtures/web/data/site.toml:2:20 preferred-term \"helpdesk\" [description]",
        "fixtures/web/data/site.toml:2:36 retired-term \"HelpBot\" [description]",
        "fixtures/web/data/site.toml:5:9 brand-name \"Lumora Assistant\" [params.hero.text]",
        "fixtures/web/data/site.toml:6:38 preferred-term \"chatbot\" [params.hero.links[1]]",
        "fixtures/web/locales/en.json:4:21 retired-term \"HelpBot\" [home.hero.title]",
        "fixtures/web/locales/en.json:5:23 preferred-term \"chatbot\" [home.hero.cta]",
        "fixtures/web/locales/en.json:8:27 claim-mismatch \"800+\" [home.stats[0]]",
        "fixtures/web/locales/en.po:9:17 preferred-term \"chatbot\" [home.cta]",
        "fixtures/web/locales/en.po:13:13 retired-term \"HelpBot\" [Meet HelpBot, the assistant that drafts replies]",
        "fixtures/web/mdx/blog/launch.mdx:8:24 retired-term \"HelpBot\"",
        "fixtures/web/mdx/blog/launch.mdx:9:21 unsupported-superlative \"industry-leading\"",
        "fixtures/web/mdx/blog/launch.mdx:9:38 preferred-term \"helpdesk\"",
        "fixtures/web/mdx/blog/launch.mdx:16:14 preferred-term \"chatbot\"",
        "fixtures/web/mdx/blog/launch.mdx:17:24 claim-mismatch \"1,000\"",
        "fixtures/web/next/app/page.tsx:7:27 preferred-term \"helpdesk\"",
        "fixtures/web/next/app/page.tsx:8:22 retired-term \"HelpBot\"",
        "fixtures/web/next/app/page.tsx:15:101 preferred-term \"helpdesk\"",
        "fixtures/web/next/app/page.tsx:20:20 unsupported-superlative \"industry-leading\"",
        "fixtures/web/next/app/page.tsx:21:22 retired-term \"HelpBot\"",
        "fixtures/web/next/app/page.tsx:26:28 claim-mismatch \"800+\"",
        "fixtures/web/next/app/page.tsx:29:45 preferred-term \"helpdesk\"",
        "fixtures/web/next/app/page.tsx:33:40 retired-term \"HelpBot\"",
        "fixtures/web/next/app/pricing/page.jsx:7:43 preferred-term \"chatbot\"",
        "fixtures/web/next/app/pricing/page.jsx:8:12 brand-name \"Lumora Assistant\"",
        "fixtures/web/next/app/pricing/page.jsx:9:35 preferred-term \"chatbot\"",
        "fixtures/web/svelte/src/routes/+page.svelte:3:35 preferred-term \"helpdesk\"",
        "fixtures/web/svelte/src/routes/+page.svelte:7:10 brand-name \"Lumora.io\"",
        "fixtures/web/svelte/src/routes/+page.svelte:11:43 preferred-term \"chatbot\"",
        "fixtures/web/svelte/src/routes/+page.svelte:15:26 retired-term \"HelpBot\"",
        "fixtures/web/templates/_includes/banner.gohtml:3:6 message-drift \"{ }: the helpdesk that answers in minutes\"",
        "fixtures/web/templates/_includes/banner.gohtml:3:29 preferred-term \"helpdesk\"",
        "fixtures/web/templates/_includes/card.hbs:4:26 preferred-term \"chatbot\"",
        "fixtures/web/templates/_includes/footer.liquid:2:30 preferred-term \"helpdesk\"",
        "fixtures/web/templates/_includes/footer.liquid:4:57 claim-mismatch \"1,000\"",
        "fixtures/web/templates/_includes/hero.njk:3:28 retired-term \"HelpBot\"",
        "fixtures/web/vue/components/Pricing.vue:3:45 preferred-term \"helpdesk\"",
        "fixtures/web/vue/components/Pricing.vue:4:77 preferred-term \"chatbot\"",
        "fixtures/web/vue/components/Pricing.vue:5:36 preferred-term \"help-desk\"",
        "fixtures/web/vue/components/Pricing.vue:6:36 retired-term \"HelpBot\"",
    ];
    assert_eq!(f, expected, "{f:#?}");
    // What is planted and must stay silent: imports, class names, ids, URLs, test ids,
    // console and error strings, Liquid comments, Vue bindings, fuzzy catalog entries.
    for d in diags(&v) {
        let line = d["location"]["line"].as_u64().unwrap_or(0) as usize;
        let path = d["path"].as_str().unwrap_or("");
        let text = std::fs::read_to_string(root().join(path)).expect("fixture");
        let l = text.lines().nth(line - 1).unwrap_or("");
        let col = d["location"]["column"].as_u64().unwrap_or(0) as usize;
        let at = l.char_indices().nth(col - 1).map_or(l.len(), |(i, _)| i);
        for never in [
            "import ",
            "console.",
            "throw new",
            "className=",
            "comment",
            ":subtitle=",
            "href=",
        ] {
            for (from, _) in l.match_indices(never) {
                // An attribute: to its value's closing quote; a statement: the line's end.
                let to = if never.ends_with('=') {
                    let open = from + never.len();
                    l[open + 1..].find('"').map_or(l.len(), |e| open + 1 + e)
                } else {
                    l.len()
                };
                assert!(
                    !(from..to).contains(&at),
                    "{path}:{line}:{col} is in `{never}`: {l}"
                );
            }
        }
    }
    // Every file kind is reported as what it is.
    let kinds: std::collections::BTreeSet<&str> = v["files"]
        .as_array()
        .expect("files")
        .iter()
        .filter_map(|f| f["kind"].as_str())
        .collect();
    let want = [
        "astro", "json", "markdown", "po", "script", "svelte", "template", "toml", "vue", "yaml",
    ];
    assert_eq!(kinds.into_iter().collect::<Vec<_>>(), want);
}

#[test]
fn web_extract_shows_what_is_read() {
    let out = msglint(&["extract", "fixtures/web/locales/en.json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("web_extract_json", out.stdout);
    let out = msglint(&["extract", "fixtures/web/next/app/page.tsx"]);
    insta::assert_snapshot!("web_extract_tsx", out.stdout);
    let out = msglint(&["extract", "fixtures/web/vue/components/Pricing.vue"]);
    insta::assert_snapshot!("web_extract_vue", out.stdout);
}

#[test]
fn web_discovery_skips_dependencies_and_build_output_and_reads_copy_files() {
    let dir = temp_dir("web-discovery");
    let files = [
        (
            "msglint.yaml",
            "version: 1\ncompany: {name: Lumora}\nterms:\n  - use: help desk\n    avoid: [helpdesk]\ncopy_files: [\"content/**/*.yml\"]\n",
        ),
        (
            "app/page.tsx",
            "export default () => <p>The helpdesk</p>;\n",
        ),
        (
            "node_modules/pkg/index.jsx",
            "export default () => <p>The helpdesk</p>;\n",
        ),
        (
            "dist/page.js",
            "export default () => <p>The helpdesk</p>;\n",
        ),
        (
            "public/vendor.js",
            "export default () => <p>The helpdesk</p>;\n",
        ),
        ("_site/index.html", "<p>The helpdesk</p>\n"),
        ("locales/en.json", "{\"title\": \"The helpdesk\"}\n"),
        ("package.json", "{\"description\": \"A helpdesk site\"}\n"),
        ("content/home.yml", "title: The helpdesk\n"),
        ("other/home.yml", "title: The helpdesk\n"),
    ];
    for (p, text) in files {
        let path = dir.join(p);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
        std::fs::write(&path, text).expect("write");
    }
    let out = run_in(&dir, &["check", ".", "--format", "json"], None);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    let paths: Vec<&str> = v["files"]
        .as_array()
        .expect("files")
        .iter()
        .filter_map(|f| f["path"].as_str())
        .collect();
    // The exported page in _site is still read (as before); its sources are not in dist.
    assert_eq!(
        paths,
        [
            "_site/index.html",
            "app/page.tsx",
            "content/home.yml",
            "locales/en.json"
        ],
        "{}",
        out.stderr
    );
    // The audit reads what check reads.
    let out = run_in(
        &dir,
        &["audit", ".", "-q", "--format", "json", "-o", "audit.json"],
        None,
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let a: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("audit.json")).expect("audit"))
            .expect("json");
    let audited: Vec<&str> = a["files"]
        .as_array()
        .expect("files")
        .iter()
        .filter_map(|f| f["path"].as_str())
        .collect();
    assert_eq!(audited, paths);
    // A data file named on the command line is always read.
    let out = run_in(&dir, &["check", "package.json", "--format", "json"], None);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(diags(&v).len(), 1, "{}", out.stdout);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn web_catalogs_in_other_languages_are_read_only_when_the_platform_names_them() {
    let dir = temp_dir("web-languages");
    let files = [
        ("locales/en.json", "{\"title\": \"The helpdesk\"}\n"),
        ("locales/en-US/home.json", "{\"title\": \"The helpdesk\"}\n"),
        ("locales/de.json", "{\"title\": \"Der helpdesk\"}\n"),
        ("locales/pt_BR.yml", "title: O helpdesk\n"),
        (
            "locale/fr/LC_MESSAGES/site.po",
            "msgid \"Home\"\nmsgstr \"Le helpdesk\"\n",
        ),
        ("po/en.po", "msgid \"home\"\nmsgstr \"The helpdesk\"\n"),
        // Not a language: read as before.
        ("locales/common.json", "{\"title\": \"The helpdesk\"}\n"),
    ];
    for (p, text) in files {
        let path = dir.join(p);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
        std::fs::write(&path, text).expect("write");
    }
    let platform =
        "version: 1\ncompany: {name: Lumora}\nterms:\n  - use: help desk\n    avoid: [helpdesk]\n";
    let read = |extra: &str, args: &[&str]| {
        std::fs::write(dir.join("msglint.yaml"), format!("{platform}{extra}")).expect("write");
        let out = run_in(&dir, args, None);
        file_paths(&serde_json::from_str(&out.stdout).expect("json"))
    };
    let all = ["check", ".", "--format", "json"];
    // English by default: de, pt-BR and fr are left out of a walk.
    assert_eq!(
        read("", &all),
        [
            "locales/common.json",
            "locales/en-US/home.json",
            "locales/en.json",
            "po/en.po"
        ]
    );
    // The platform's languages: a region matches its language both ways.
    assert_eq!(
        read("languages: [de, pt-BR]\n", &all),
        [
            "locales/common.json",
            "locales/de.json",
            "locales/pt_BR.yml"
        ]
    );
    // A file named on the command line is always read.
    assert_eq!(
        read("", &["check", "locales/de.json", "--format", "json"]),
        ["locales/de.json"]
    );
    // A code that is not one is a platform error with its place.
    std::fs::write(
        dir.join("msglint.yaml"),
        format!("{platform}languages: [english]\n"),
    )
    .expect("write");
    let out = run_in(&dir, &["check", "."], None);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("`languages[0]` is not a language code") && out.stderr.contains(":6:"),
        "{}",
        out.stderr
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn web_fixes_keep_literals_valid_or_leave_the_finding_unfixed() {
    let dir = temp_dir("web-fix-literals");
    std::fs::write(
        dir.join("msglint.yaml"),
        "version: 1\ncompany: {name: Lumora}\nterms:\n  - use: \"help \\\"desk\\\"\"\n    avoid: [helpdesk]\n  - use: AI agent\n    avoid: [chatbot]\n",
    )
    .expect("platform");
    let page = "export const a = <p title='A chatbot'>Our helpdesk and chatbot</p>;\nconst b = { title: \"Our helpdesk\" };\nconst c = { title: 'Our helpdesk' };\n";
    std::fs::write(dir.join("page.jsx"), page).expect("page");
    let out = run_in(&dir, &["check", "page.jsx", "--fix"], None);
    // What is left is a warning: the run passes.
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("help \"desk\""), "{}", out.stdout);
    let after = std::fs::read_to_string(dir.join("page.jsx")).expect("page");
    // `help "desk"` cannot go into a double-quoted string; in JSX text and a single-quoted
    // string it can. `AI agent` goes everywhere.
    assert_eq!(
        after,
        "export const a = <p title='A AI agent'>Our help \"desk\" and AI agent</p>;\nconst b = { title: \"Our helpdesk\" };\nconst c = { title: 'Our help \"desk\"' };\n"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

// ------------------------------------------------------------------ the real-file sweep

/// The real files of `fixtures/web/real/sample.tar.gz` (a ustar archive, gzip'd), written
/// under `dir`; their paths relative to it.
fn unpack_sample(dir: &Path) -> Vec<String> {
    use std::io::Read;
    let gz = std::fs::File::open(root().join("fixtures/web/real/sample.tar.gz")).expect("sample");
    let mut tar = Vec::new();
    flate2::read::GzDecoder::new(gz)
        .read_to_end(&mut tar)
        .expect("gunzip");
    let mut out = Vec::new();
    let mut at = 0;
    while at + 512 <= tar.len() {
        let h = &tar[at..at + 512];
        if h.iter().all(|b| *b == 0) {
            break;
        }
        let field = |r: Range<usize>| {
            let f = &h[r];
            let end = f.iter().position(|b| *b == 0).unwrap_or(f.len());
            String::from_utf8_lossy(&f[..end]).into_owned()
        };
        let name = field(0..100);
        let prefix = field(345..500);
        let size = usize::from_str_radix(field(124..136).trim(), 8).expect("size");
        let typ = h[156];
        let path = if prefix.is_empty() {
            name
        } else {
            format!("{prefix}/{name}")
        };
        let body = at + 512;
        if typ == b'0' || typ == 0 {
            let p = dir.join(&path);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("dir");
            std::fs::write(&p, &tar[body..body + size]).expect("write");
            out.push(path);
        }
        at = body + size.div_ceil(512) * 512;
    }
    out
}

/// Attribute and prop names whose values are never copy.
const NEVER_ATTR: &[&str] = &[
    "className",
    "class",
    "style",
    "href",
    "src",
    "id",
    "key",
    "type",
    "name",
    "rel",
    "target",
    "to",
    "as",
    "for",
    "htmlFor",
    "lang",
    "role",
    "srcset",
    "srcSet",
    "width",
    "height",
    "xmlns",
    "viewBox",
    "d",
    "fill",
    "stroke",
    "icon",
    "color",
    "variant",
    "size",
    "data-testid",
];
/// Object keys whose values are never copy.
const NEVER_KEY: &[&str] = &[
    "url",
    "href",
    "src",
    "id",
    "key",
    "slug",
    "icon",
    "image",
    "class",
    "className",
    "style",
    "color",
    "path",
    "link",
    "date",
    "type",
    "to",
];

/// Independent oracle for scripts: the spans that may hold copy (JSX text, strings in JSX
/// attributes and children, strings of object properties) and the spans that never do
/// (imports, console calls, errors, class names, URLs, ids, keys).
#[derive(Default)]
struct Oracle {
    ok: Vec<Range<usize>>,
    never: Vec<Range<usize>>,
}

fn span(s: oxc_span::Span, base: usize) -> Range<usize> {
    base + s.start as usize..base + s.end as usize
}

struct ScriptOracle<'o> {
    o: &'o mut Oracle,
    base: usize,
}

impl<'a> Visit<'a> for ScriptOracle<'_> {
    fn visit_jsx_text(&mut self, t: &JSXText<'a>) {
        self.o.ok.push(span(t.span, self.base));
    }
    fn visit_jsx_attribute(&mut self, a: &JSXAttribute<'a>) {
        let name = match &a.name {
            JSXAttributeName::Identifier(i) => i.name.as_str(),
            JSXAttributeName::NamespacedName(n) => n.name.name.as_str(),
        };
        if NEVER_ATTR.contains(&name) || name.starts_with("data-") || name.starts_with("on") {
            self.o.never.push(span(a.span, self.base));
        } else if let Some(v) = &a.value {
            match v {
                JSXAttributeValue::StringLiteral(s) => self.o.ok.push(span(s.span, self.base)),
                JSXAttributeValue::ExpressionContainer(c) => {
                    if let Some(e) = c.expression.as_expression()
                        && matches!(
                            e,
                            Expression::StringLiteral(_) | Expression::TemplateLiteral(_)
                        )
                    {
                        self.o.ok.push(span(c.span, self.base));
                    }
                }
                _ => {}
            }
        }
        walk::walk_jsx_attribute(self, a);
    }
    fn visit_jsx_expression_container(&mut self, c: &JSXExpressionContainer<'a>) {
        if let Some(e) = c.expression.as_expression() {
            if matches!(
                e,
                Expression::StringLiteral(_) | Expression::TemplateLiteral(_)
            ) {
                self.o.ok.push(span(c.span, self.base));
            }
            // The strings a condition chooses between (`{pro ? "Upgrade" : "Start"}`).
            fn branches(e: &Expression, out: &mut Vec<oxc_span::Span>) {
                match e {
                    Expression::ConditionalExpression(c) => {
                        branches(&c.consequent, out);
                        branches(&c.alternate, out);
                    }
                    Expression::LogicalExpression(l) => branches(&l.right, out),
                    Expression::ParenthesizedExpression(p) => branches(&p.expression, out),
                    Expression::StringLiteral(s) => out.push(s.span),
                    _ => {}
                }
            }
            let mut spans = Vec::new();
            branches(e, &mut spans);
            for sp in spans {
                self.o.ok.push(span(sp, self.base));
            }
        }
        walk::walk_jsx_expression_container(self, c);
    }
    fn visit_object_property(&mut self, p: &ObjectProperty<'a>) {
        let key = match &p.key {
            PropertyKey::StaticIdentifier(i) => i.name.as_str(),
            PropertyKey::StringLiteral(s) => s.value.as_str(),
            _ => "",
        };
        if NEVER_KEY.contains(&key) {
            self.o.never.push(span(p.span, self.base));
        } else if matches!(
            p.value,
            Expression::StringLiteral(_) | Expression::TemplateLiteral(_)
        ) {
            self.o.ok.push(span(p.value.span(), self.base));
        }
        walk::walk_object_property(self, p);
    }
    fn visit_import_declaration(&mut self, i: &ImportDeclaration<'a>) {
        self.o.never.push(span(i.span, self.base));
    }
    fn visit_call_expression(&mut self, c: &CallExpression<'a>) {
        if let Expression::StaticMemberExpression(m) = &c.callee
            && matches!(&m.object, Expression::Identifier(o) if o.name == "console")
        {
            self.o.never.push(span(c.span, self.base));
        }
        walk::walk_call_expression(self, c);
    }
    fn visit_new_expression(&mut self, n: &NewExpression<'a>) {
        if matches!(&n.callee, Expression::Identifier(i) if i.name.ends_with("Error")) {
            self.o.never.push(span(n.span, self.base));
        }
        walk::walk_new_expression(self, n);
    }
}

use oxc_span::GetSpan;

fn script_type(path: &str) -> oxc_span::SourceType {
    let ext = path.rsplit('.').next().unwrap_or("");
    match ext {
        "ts" => oxc_span::SourceType::ts(),
        "tsx" => oxc_span::SourceType::tsx(),
        _ => oxc_span::SourceType::mjs().with_jsx(true),
    }
}

/// Parse a script with oxc: `None` when it does not parse (the parser gave up).
fn parse_script(src: &str, st: oxc_span::SourceType, base: usize, o: &mut Oracle) -> Option<usize> {
    let alloc = oxc_allocator::Allocator::default();
    let r = oxc_parser::Parser::new(&alloc, src, st).parse();
    if r.panicked {
        return None;
    }
    ScriptOracle { o, base }.visit_program(&r.program);
    Some(r.errors.len())
}

/// gettext oracle: copy is inside an entry's `msgstr` strings, or its `msgid` strings when
/// every `msgstr` is empty (what gettext shows); never in comments, the header entry
/// (`msgid ""`), fuzzy entries or keywords.
fn po_oracle(src: &str, o: &mut Oracle) {
    #[derive(Default)]
    struct Entry {
        id: Vec<Range<usize>>,
        strs: Vec<Range<usize>>,
        fuzzy: bool,
    }
    let mut entries = vec![Entry::default()];
    let mut part = "";
    let mut off = 0;
    for line in src.split_inclusive('\n') {
        let start = off;
        off += line.len();
        let t = line.trim();
        if t.is_empty() {
            entries.push(Entry::default());
            part = "";
            continue;
        }
        let cur = entries.last_mut().expect("an entry");
        if t.starts_with("#,") && t.contains("fuzzy") {
            cur.fuzzy = true;
        }
        if t.starts_with('#') {
            continue;
        }
        for kw in ["msgctxt", "msgid_plural", "msgid", "msgstr"] {
            if t.starts_with(kw) {
                part = kw;
                break;
            }
        }
        // The quoted string on this line.
        let (Some(q1), Some(q2)) = (line.find('"'), line.rfind('"')) else {
            continue;
        };
        if q2 <= q1 + 1 {
            continue;
        }
        let r = start + q1 + 1..start + q2;
        match part {
            "msgid" => cur.id.push(r),
            "msgstr" => cur.strs.push(r),
            _ => {}
        }
    }
    for e in entries {
        if e.fuzzy || e.id.is_empty() {
            continue;
        }
        let shown = if e.strs.is_empty() { e.id } else { e.strs };
        o.ok.extend(shown);
    }
}

/// MDX oracle: the markup oracle with `{ }` expressions, and never copy: ESM blocks (an
/// `import`/`export` line after a blank line, to the next blank line; the script oracle's
/// copy inside them stays copy), fenced code, inline code and link destinations.
fn mdx_oracle(src: &str, o: &mut Oracle) {
    // Code and ESM first (braces in them are no expressions), then the markup over a copy
    // with them blanked.
    let mut code = Oracle::default();
    mdx_code(src, &mut code);
    let mut masked = src.as_bytes().to_vec();
    for r in &code.never {
        for byte in &mut masked[r.clone()] {
            if *byte != b'\n' {
                *byte = b' ';
            }
        }
    }
    markup_oracle(&String::from_utf8_lossy(&masked), true, o);
    o.never.extend(code.never);
    o.ok.extend(code.ok);
}

/// [`mdx_oracle`]'s code: ESM blocks (with the script oracle's copy), fenced code, inline
/// code, link destinations.
fn mdx_code(src: &str, o: &mut Oracle) {
    let lines: Vec<&str> = src.split_inclusive('\n').collect();
    let mut off = 0;
    let mut fence: Option<(usize, &str)> = None;
    let mut prev_blank = true;
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i];
        let start = off;
        off += l.len();
        i += 1;
        let t = l.trim_start();
        if let Some((from, marker)) = fence {
            if t.starts_with(marker) {
                o.never.push(from..off);
                fence = None;
            }
            continue;
        }
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = Some((start, &t[..3]));
            continue;
        }
        if prev_blank && (l.starts_with("import ") || l.starts_with("export ")) {
            let mut end = off;
            while i < lines.len() && !lines[i].trim().is_empty() {
                end += lines[i].len();
                i += 1;
            }
            o.never.push(start..end);
            parse_script(
                &src[start..end],
                oxc_span::SourceType::mjs().with_jsx(true),
                start,
                o,
            );
            off = end;
            prev_blank = false;
            continue;
        }
        prev_blank = t.trim().is_empty();
        // Inline code and link destinations on this line.
        let b = l.as_bytes();
        let mut k = 0;
        while k < b.len() {
            if b[k] == b'`' {
                let n = b[k..].iter().take_while(|c| **c == b'`').count();
                let ticks = &b[k..k + n];
                if let Some(e) = find(b, k + n, ticks) {
                    o.never.push(start + k..start + e + n);
                    k = e + n;
                    continue;
                }
                k += n;
                continue;
            }
            if b[k..].starts_with(b"](") {
                let e = find(b, k, b")").unwrap_or(b.len());
                o.never.push(start + k + 2..start + e);
                k = e;
                continue;
            }
            k += 1;
        }
    }
    if let Some((from, _)) = fence {
        o.never.push(from..src.len());
    }
}

/// Markup oracle: copy is outside tags, comments, `<script>`/`<style>` and template
/// expressions, or inside a quoted attribute value whose name is not a `NEVER_ATTR` or a
/// binding. Spans of script blocks go to the script oracle.
fn markup_oracle(src: &str, braces: bool, o: &mut Oracle) {
    let b = src.as_bytes();
    let mut i = 0;
    let mut text_from = 0;
    let push_text = |o: &mut Oracle, from: usize, to: usize| {
        if to > from {
            o.ok.push(from..to);
        }
    };
    while i < b.len() {
        let rest = &b[i..];
        if rest.starts_with(b"<!--") {
            push_text(o, text_from, i);
            let end = find(b, i + 4, b"-->").map_or(b.len(), |e| e + 3);
            o.never.push(i..end);
            i = end;
            text_from = i;
        } else if rest.starts_with(b"{{")
            || rest.starts_with(b"{%")
            || (!braces && rest.starts_with(b"{#"))
        {
            push_text(o, text_from, i);
            let close: &[u8] = match rest[1] {
                b'{' => b"}}",
                b'%' => b"%}",
                _ => b"#}",
            };
            let end = find(b, i + 2, close).map_or(b.len(), |e| e + 2);
            o.never.push(i..end);
            i = end;
            text_from = i;
        } else if braces && rest[0] == b'{' {
            push_text(o, text_from, i);
            let end = skip_braces(b, i);
            o.never.push(i..end);
            i = end;
            text_from = i;
        } else if rest[0] == b'<'
            && rest
                .get(1)
                .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'/')
        {
            push_text(o, text_from, i);
            // A tag: attribute values with their names.
            let lower: Vec<u8> = rest.iter().take(8).map(u8::to_ascii_lowercase).collect();
            let raw_text = lower.starts_with(b"<script") || lower.starts_with(b"<style");
            let mut k = i + 1;
            let mut name_start = k;
            let mut name = String::new();
            while k < b.len() && b[k] != b'>' {
                if braces && b[k] == b'{' {
                    // `items={[{ title: '…<span class="x">…' }]}`: an expression.
                    let end = skip_braces(b, k);
                    o.never.push(k..end);
                    k = end;
                    name_start = k;
                    continue;
                }
                match b[k] {
                    b'=' => {
                        name = String::from_utf8_lossy(&b[name_start..k]).trim().to_owned();
                    }
                    q @ (b'"' | b'\'') => {
                        let end = find(b, k + 1, &[q]).unwrap_or(b.len());
                        let bare = name.rsplit(char::is_whitespace).next().unwrap_or("");
                        let binding = bare.starts_with([':', '@', '#'])
                            || bare.contains(':')
                            || bare.starts_with("v-");
                        if NEVER_ATTR.iter().any(|n| n.eq_ignore_ascii_case(bare))
                            || binding
                            || bare.starts_with("data-")
                        {
                            o.never.push(k..end);
                        } else {
                            o.ok.push(k + 1..end);
                        }
                        k = end;
                        name_start = k + 1;
                    }
                    c if c.is_ascii_whitespace() => name_start = k + 1,
                    _ => {}
                }
                k += 1;
            }
            let tag_end = (k + 1).min(b.len());
            o.never.push(i..tag_end);
            i = tag_end;
            if raw_text {
                let close: &[u8] = if lower.starts_with(b"<script") {
                    b"</script"
                } else {
                    b"</style"
                };
                let end = find_ci(b, i, close).unwrap_or(b.len());
                if lower.starts_with(b"<script") {
                    let st = oxc_span::SourceType::mjs().with_jsx(false);
                    let ts = oxc_span::SourceType::ts();
                    let body = &src[i..end];
                    let mut so = Oracle::default();
                    if parse_script(body, ts, i, &mut so).is_some()
                        || parse_script(body, st, i, &mut so).is_some()
                    {
                        o.ok.extend(so.ok);
                        o.never.extend(so.never);
                    }
                } else {
                    o.never.push(i..end);
                }
                i = end;
            }
            text_from = i;
        } else {
            i += 1;
        }
    }
    push_text(o, text_from, b.len());
}

/// The end of the balanced `{ … }` at `i` (quotes inside skipped).
fn skip_braces(b: &[u8], i: usize) -> usize {
    let mut depth = 0usize;
    let mut k = i;
    while k < b.len() {
        match b[k] {
            b'{' => depth += 1,
            b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return k + 1;
                }
            }
            q @ (b'"' | b'\'' | b'`') => {
                k += 1;
                while k < b.len() && b[k] != q {
                    k += 1 + usize::from(b[k] == b'\\');
                }
            }
            _ => {}
        }
        k += 1;
    }
    b.len()
}

fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    (from..b.len().saturating_sub(needle.len() - 1)).find(|&k| b[k..].starts_with(needle))
}

fn find_ci(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    (from..b.len().saturating_sub(needle.len() - 1))
        .find(|&k| b[k..k + needle.len()].eq_ignore_ascii_case(needle))
}

/// Data oracle: the offset lies in a value (after the key's `:` or `=`, or in a list or
/// continuation line), under a key that is not a `NEVER_KEY`, and not in a comment.
fn data_ok(src: &str, ext: &str, at: usize) -> Result<(), String> {
    let line_start = src[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = &src[line_start..at];
    let t = before.trim_start();
    if t.starts_with('#') || (ext == "json" && t.starts_with("//")) {
        return Err("in a comment".into());
    }
    let sep = if ext == "toml" { '=' } else { ':' };
    if ext == "json" {
        // Inside a string whose closing quote is not followed by a colon: a value.
        let line_end = src[at..].find('\n').map_or(src.len(), |e| at + e);
        let after = &src[at..line_end];
        let close = after.find('"').ok_or("not inside a string")?;
        if after[close + 1..].trim_start().starts_with(':') {
            return Err("in a key".into());
        }
    }
    if let Some(k) = before.find(sep) {
        let key = before[..k].trim().trim_matches(['"', '\'', '-', ' ']);
        if NEVER_KEY.contains(&key) {
            return Err(format!("under key {key}"));
        }
    }
    Ok(())
}

fn offset_of(src: &str, line: usize, col: usize) -> usize {
    let start: usize = src.split_inclusive('\n').take(line - 1).map(str::len).sum();
    let l = &src[start..];
    start + l.char_indices().nth(col - 1).map_or(l.len(), |(i, _)| i)
}

fn sweep_platform() -> String {
    root()
        .join("fixtures/web/real/sweep.yaml")
        .to_string_lossy()
        .into_owned()
}

/// `check` of every sample file (named on stdin: data files outside data directories
/// included) in `dir`, with extra arguments; (exit code, JSON, stderr).
fn check_sample(dir: &Path, files: &[String], extra: &[&str]) -> (i32, serde_json::Value, String) {
    let platform = sweep_platform();
    let mut args = vec![
        "check",
        "-",
        "--platform",
        &platform,
        "--format",
        "json",
        "--max-findings-per-file",
        "0",
    ];
    args.extend(extra);
    let started = std::time::Instant::now();
    let out = run_in(dir, &args, Some(&files.join("\n")));
    assert!(
        started.elapsed() < std::time::Duration::from_secs(120),
        "the sweep took {:?}",
        started.elapsed()
    );
    assert!(
        out.code == 0 || out.code == 1,
        "exit {}: {}",
        out.code,
        out.stderr
    );
    let v = serde_json::from_str(&out.stdout).unwrap_or(serde_json::Value::Null);
    (out.code, v, out.stderr)
}

#[test]
fn web_sweep_real_files_findings_lie_in_copy() {
    let dir = temp_dir("web-sweep");
    let files = unpack_sample(&dir);
    assert!(files.len() >= 1_800, "{} files", files.len());
    let repos: std::collections::BTreeSet<&str> =
        files.iter().filter_map(|f| f.split('/').next()).collect();
    assert!(repos.len() >= 5, "{repos:?}");
    let (_, v, stderr) = check_sample(&dir, &files, &[]);
    assert!(!stderr.contains("panicked"), "{stderr}");
    let unreadable: Vec<String> = diags(&v)
        .iter()
        .filter(|d| d["rule"] == "unreadable")
        .map(|d| format!("{}: {}", d["path"], d["message"]))
        .collect();
    // Files that are not valid in their own syntax (an Eleventy snippet wrapped in
    // `{% raw %}` under a `.js` name) are named, never a crash.
    assert!(unreadable.len() <= 10, "{unreadable:#?}");
    assert!(
        unreadable.iter().all(|u| u.contains("not valid")),
        "{unreadable:#?}"
    );
    let mut by_file: BTreeMap<String, Vec<serde_json::Value>> = BTreeMap::new();
    for d in diags(&v)
        .into_iter()
        .filter(|d| d["rule"] != "unreadable" && d["rule"] != "cross-asset-conflict")
    {
        by_file
            .entry(d["path"].as_str().unwrap_or("").to_owned())
            .or_default()
            .push(d);
    }
    let total: usize = by_file.values().map(Vec::len).sum();
    assert!(
        total >= 500,
        "only {total} findings: the sweep platform should find words in copy"
    );
    let mut bad = Vec::new();
    for (path, ds) in &by_file {
        let src = std::fs::read_to_string(dir.join(path)).expect("file");
        let ext = path.rsplit('.').next().unwrap_or("");
        let mut o = Oracle::default();
        match ext {
            "js" | "jsx" | "ts" | "tsx" | "mjs" | "cjs" => {
                parse_script(&src, script_type(path), 0, &mut o)
                    .expect("msglint read it, oxc parses it");
            }
            "astro" => {
                let fm_end = src
                    .strip_prefix("---")
                    .and_then(|r| r.find("\n---"))
                    .map(|e| e + 4);
                if let Some(end) = fm_end {
                    parse_script(&src[3..end - 1], oxc_span::SourceType::ts(), 3, &mut o);
                }
                let mut m = Oracle::default();
                let from = fm_end.map_or(0, |e| e + 3);
                markup_oracle(&src[from..], true, &mut m);
                o.ok.extend(m.ok.into_iter().map(|r| r.start + from..r.end + from));
                o.never
                    .extend(m.never.into_iter().map(|r| r.start + from..r.end + from));
            }
            "mdx" => mdx_oracle(&src, &mut o),
            "po" => po_oracle(&src, &mut o),
            "vue" => markup_oracle(&src, false, &mut o),
            "svelte" => markup_oracle(&src, true, &mut o),
            "html" | "njk" | "liquid" | "hbs" | "handlebars" | "tmpl" | "gohtml" | "webc" => {
                markup_oracle(&src, false, &mut o)
            }
            _ => {}
        }
        for d in ds {
            let line = d["location"]["line"].as_u64().expect("line") as usize;
            let col = d["location"]["column"].as_u64().expect("column") as usize;
            let matched = d["matched"].as_str().unwrap_or("");
            let at = offset_of(&src, line, col);
            let first = matched.split_whitespace().next().unwrap_or("");
            let here = &src[at..];
            let place = format!("{path}:{line}:{col} {matched:?}");
            if !first.is_empty()
                && !here
                    .get(..first.len())
                    .is_some_and(|h| h.eq_ignore_ascii_case(first))
                && d["rule"] != "claim-mismatch"
            {
                bad.push(format!(
                    "{place}: the source there is {:?}",
                    &here[..here.len().min(30)]
                ));
                continue;
            }
            let end = at + first.len();
            let verdict = match ext {
                "json" | "yaml" | "yml" | "toml" => data_ok(&src, ext, at),
                _ => {
                    let inside = |r: &Range<usize>| r.start <= at && end <= r.end;
                    if let Some(n) = o.never.iter().find(|r| {
                        inside(r)
                            && !o
                                .ok
                                .iter()
                                .any(|k| inside(k) && k.start >= r.start && k.end <= r.end)
                    }) {
                        Err(format!(
                            "inside a non-copy node {:?}",
                            &src[n.start..n.end.min(n.start + 60)]
                        ))
                    } else if !o.ok.iter().any(inside) {
                        Err("not inside a copy node".into())
                    } else {
                        Ok(())
                    }
                }
            };
            if let Err(why) = verdict {
                bad.push(format!("{place}: {why}"));
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        bad.is_empty(),
        "{} of {total} findings outside copy:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

/// A finding's edit on its line: (character column from 0, matched, suggestion).
type Edit = (usize, String, String);

/// Whether `after` is `before` with some findings of that line (at their column, `matched`
/// → `suggestion`, in the replaced text's case pattern) replaced, and nothing else changed.
fn only_findings_changed(before: &str, after: &str, edits: &[Edit]) -> bool {
    fn go(
        b: &[char],
        a: &[char],
        i: usize,
        j: usize,
        edits: &[(usize, Vec<char>, Vec<char>)],
        memo: &mut std::collections::HashSet<(usize, usize)>,
    ) -> bool {
        if i == b.len() && j == a.len() {
            return true;
        }
        if !memo.insert((i, j)) {
            return false;
        }
        for (col, m, s) in edits {
            // The suggestion in the case pattern of the text it replaces ("Page" → "Screen").
            let same_but_case = a.len() >= j + s.len()
                && a[j..j + s.len()]
                    .iter()
                    .zip(s)
                    .all(|(x, y)| x.to_lowercase().eq(y.to_lowercase()));
            if *col == i
                && b[i..].starts_with(m)
                && same_but_case
                && go(b, a, i + m.len(), j + s.len(), edits, memo)
            {
                return true;
            }
        }
        i < b.len() && j < a.len() && b[i] == a[j] && go(b, a, i + 1, j + 1, edits, memo)
    }
    let b: Vec<char> = before.chars().collect();
    let a: Vec<char> = after.chars().collect();
    let edits: Vec<(usize, Vec<char>, Vec<char>)> = edits
        .iter()
        .map(|(c, m, s)| (*c, m.chars().collect(), s.chars().collect()))
        .collect();
    go(&b, &a, 0, 0, &edits, &mut std::collections::HashSet::new())
}

#[test]
fn web_fix_real_files_stays_parseable_and_diff_applies() {
    let dir = temp_dir("web-fix-sweep");
    let files = unpack_sample(&dir);
    let (_, before_v, _) = check_sample(&dir, &files, &[]);
    let originals: BTreeMap<String, String> = files
        .iter()
        .map(|f| {
            (
                f.clone(),
                std::fs::read_to_string(dir.join(f)).unwrap_or_default(),
            )
        })
        .collect();
    // --diff first (nothing written), checked by git apply.
    let platform = sweep_platform();
    let out = run_in(
        &dir,
        &[
            "check",
            "-",
            "--platform",
            &platform,
            "--diff",
            "--max-findings-per-file",
            "0",
        ],
        Some(&files.join("\n")),
    );
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
    let patch = dir.join("fix.patch");
    std::fs::write(&patch, &out.stdout).expect("patch");
    assert!(
        out.stdout.contains("+++ b/"),
        "the sweep should have fixes to offer"
    );
    let git = Command::new("git")
        .args(["apply", "--check", "-v"])
        .arg(&patch)
        .current_dir(&dir)
        .output();
    if let Ok(g) = git {
        assert!(
            g.status.success(),
            "git apply --check: {}",
            String::from_utf8_lossy(&g.stderr)
        );
    }
    std::fs::remove_file(&patch).expect("rm patch");
    let (_, _, stderr) = check_sample(&dir, &files, &["--fix"]);
    assert!(!stderr.contains("panicked"), "{stderr}");
    let mut edits: BTreeMap<(String, usize), Vec<Edit>> = BTreeMap::new();
    // Site chrome (a `<nav>` repeated on several pages) is reported once, on the first page,
    // and fixed on every page: its (matched, suggestion) may be applied wherever it stands.
    let mut chrome: Vec<(String, String)> = Vec::new();
    for d in diags(&before_v) {
        if d["message"]
            .as_str()
            .is_some_and(|m| m.contains("site chrome"))
            && let Some(s) = d["suggestion"].as_str()
        {
            chrome.push((d["matched"].as_str().unwrap_or("").to_owned(), s.to_owned()));
        }
        if let Some(s) = d["suggestion"].as_str() {
            let line = d["location"]["line"].as_u64().unwrap_or(0) as usize;
            let col = d["location"]["column"].as_u64().unwrap_or(0) as usize;
            edits
                .entry((d["path"].as_str().unwrap_or("").to_owned(), line))
                .or_default()
                .push((
                    col - 1,
                    d["matched"].as_str().unwrap_or("").to_owned(),
                    s.to_owned(),
                ));
        }
    }
    let mut changed = Vec::new();
    let mut problems = Vec::new();
    for f in &files {
        let after = std::fs::read_to_string(dir.join(f)).expect("after");
        let before = &originals[f];
        if &after == before {
            continue;
        }
        changed.push(f.clone());
        let (bl, al): (Vec<&str>, Vec<&str>) =
            (before.split('\n').collect(), after.split('\n').collect());
        assert_eq!(bl.len(), al.len(), "{f}: a fix changed the line count");
        for (n, (b, a)) in bl.iter().zip(&al).enumerate() {
            if b == a {
                continue;
            }
            let mut e = edits.get(&(f.clone(), n + 1)).cloned().unwrap_or_default();
            for (m, sug) in &chrome {
                for (at, _) in b.match_indices(m.as_str()) {
                    e.push((b[..at].chars().count(), m.clone(), sug.clone()));
                }
            }
            if !only_findings_changed(b, a, &e) {
                problems.push(format!(
                    "{f}:{}: {b:?} -> {a:?} (findings there: {e:?})",
                    n + 1
                ));
            }
        }
        // Still parses with the same parser.
        let ext = f.rsplit('.').next().unwrap_or("");
        if matches!(ext, "js" | "jsx" | "ts" | "tsx" | "mjs" | "cjs") {
            let st = script_type(f);
            let errs = |s: &str| parse_script(s, st, 0, &mut Oracle::default());
            assert_eq!(
                errs(&after),
                errs(before),
                "{f}: oxc reads the fixed file differently"
            );
        }
        if ext == "json" && serde_json::from_str::<serde_json::Value>(before).is_ok() {
            serde_json::from_str::<serde_json::Value>(&after)
                .unwrap_or_else(|e| panic!("{f}: {e}"));
        }
        let out = run_in(&dir, &["extract", f], None);
        assert_eq!(
            out.code, 0,
            "{f}: msglint no longer reads it: {}",
            out.stderr
        );
    }
    println!(
        "web fix sweep: {} files, {} changed, every change a finding's suggestion",
        files.len(),
        changed.len()
    );
    assert!(changed.len() >= 50, "only {} files fixed", changed.len());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The outside opinion: esbuild (tests/browser's npm packages) parses every fixed script
    // it parsed before.
    let esbuild = root().join("tests/browser/node_modules/.bin/esbuild");
    if external(
        "web_fix_real_files_stays_parseable_and_diff_applies",
        "esbuild (npm ci in tests/browser)",
        esbuild.exists(),
    ) {
        let mut refused = Vec::new();
        for f in changed.iter().filter(|f| {
            f.ends_with(".tsx") || f.ends_with(".jsx") || f.ends_with(".ts") || f.ends_with(".js")
        }) {
            let loader = match f.rsplit('.').next() {
                Some("ts") => "ts",
                Some("tsx") => "tsx",
                _ => "jsx",
            };
            let parse = |text: &str| {
                let mut c = Command::new(&esbuild)
                    .arg(format!("--loader={loader}"))
                    .stdin(Stdio::piped())
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("esbuild");
                use std::io::Write;
                c.stdin
                    .take()
                    .expect("stdin")
                    .write_all(text.as_bytes())
                    .expect("write");
                c.wait_with_output().expect("esbuild").status.success()
            };
            if parse(&originals[f]) && !parse(&std::fs::read_to_string(dir.join(f)).expect("after"))
            {
                refused.push(f.clone());
            }
        }
        assert!(
            refused.is_empty(),
            "esbuild refuses fixed files: {refused:?}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
