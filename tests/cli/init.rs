//! `msglint init --from`: the draft platform read from a library.
//!
//! The evaluation: five real companies' public pages in `fixtures/init/<company>/` (sources
//! in each SOURCES.tsv), each with `hand.yaml`, a platform written by hand from the
//! company's messaging pages and committed before `init --from` was first run on that
//! library. The draft is scored against it and the figures are printed per company.

use super::*;
use msglint::platform::{Loaded, load};

const COMPANIES: &[&str] = &["hoppscotch", "eleventy", "nuxt", "appwrite", "directus"];

fn draft(from: &str, dir: &Path, format: &str) -> PathBuf {
    let out = dir.join(format!("draft.{format}"));
    let o = msglint(&[
        "init",
        "--from",
        from,
        "-o",
        out.to_str().expect("utf-8 path"),
        "--format",
        format,
        "--force",
    ]);
    assert_eq!(o.code, 0, "init --from {from}: {}", o.stderr);
    out
}

fn loaded(path: &Path) -> Loaded {
    load(path).unwrap_or_else(|e| {
        panic!(
            "{} does not load: {e:?}\n{}",
            path.display(),
            std::fs::read_to_string(path).unwrap_or_default()
        )
    })
}

/// Folded words, for comparing names and taglines written in other case or punctuation.
fn words(s: &str) -> String {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

fn stems(subjects: &[String]) -> Vec<String> {
    subjects
        .iter()
        .flat_map(|s| {
            s.split(|c: char| !c.is_alphanumeric())
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .filter(|w| w.len() >= 3)
        .map(|w| msglint::rules::claims::stem(&w))
        .collect()
}

/// A hand claim's value as `claim-mismatch` reads it: the number in its statement that
/// equals the value (a duration is in minutes or days there: "90 seconds" is 1.5).
fn normalized(statement: &str, value: f64) -> f64 {
    let folded = msglint::normalize::fold(statement).text;
    for q in msglint::numbers::scan(&folded) {
        let literal: String = folded[q.start..q.end]
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        if literal
            .parse::<f64>()
            .is_ok_and(|l| (l - value).abs() < 1e-9)
        {
            return q.value;
        }
        for m in [1.0, 1e3, 1e6, 1e9] {
            if (q.value - value * m).abs() < 1e-6 * m.max(1.0) {
                return q.value;
            }
        }
    }
    value
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= a.abs().max(b.abs()) * 0.005
}

struct Score {
    company: bool,
    products: (usize, usize),
    /// The hand tagline's rank among the candidates; `Some(None)`: not among them; `None`:
    /// the hand platform has no tagline.
    tagline_rank: Option<Option<usize>>,
    claims: (usize, usize),
    superseded: (usize, usize),
    /// Hand value props whose content words a drafted value prop mostly carries.
    value_props: (usize, usize),
}

/// Content words of a message, for telling whether a drafted one says it.
fn content(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .map(str::to_lowercase)
        .filter(|w| w.len() >= 3 && !msglint::rules::claims::is_stop_word(w))
        .collect()
}

fn score(company: &str, tmp: &Path) -> Score {
    let dir = format!("fixtures/init/{company}");
    score_dir(&dir, &root().join(&dir).join("hand.yaml"), tmp)
}

fn score_dir(dir: &str, hand: &Path, tmp: &Path) -> Score {
    let dir = dir.to_owned();
    let hand = loaded(hand).platform;
    let yaml = draft(&dir, tmp, "yaml");
    let drafted = loaded(&yaml).platform;
    let inventory: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(draft(&dir, tmp, "json")).expect("json draft"),
    )
    .expect("inventory JSON");

    let company_ok = drafted.company.name == hand.company.name;
    // A hand product is recalled when the draft names it, as a product or as one of a
    // product's forms, by its name or by one of the names the hand platform gives it. The
    // company's name before a product's is no difference: "Acme Enterprise Edition" drafted
    // names the product the hand platform calls "Enterprise Edition", and the other way round.
    let company = words(&hand.company.name);
    let bare = |n: &str| -> String {
        let w = words(n);
        match w.strip_prefix(&company) {
            Some(rest) if rest.starts_with(' ') => rest.trim_start().to_owned(),
            _ => w,
        }
    };
    let draft_names: Vec<String> = drafted
        .products
        .iter()
        .flat_map(|p| std::iter::once(&p.name).chain(&p.variants))
        .map(|n| bare(n))
        .collect();
    let found = hand
        .products
        .iter()
        .filter(|p| {
            std::iter::once(&p.name).chain(&p.variants).any(|n| {
                draft_names.contains(&bare(n))
                        // A product named as the company ("Deno", the runtime of Deno the
                        // company) is the drafted company name.
                        || (words(n) == company && words(&drafted.company.name) == company)
            })
        })
        .count();
    if show_misses() {
        for p in &hand.products {
            if !std::iter::once(&p.name)
                .chain(&p.variants)
                .any(|n| draft_names.contains(&bare(n)))
            {
                eprintln!("{dir}: missed product {:?} {:?}", p.name, p.variants);
            }
        }
    }
    // A hand tagline copied from a page title that leads with the company's name ("Gitea -
    // Git with a cup of tea") is the same tagline as its words after the name: the name is
    // the page's, not the message's.
    let own = |t: String| -> String {
        t.strip_prefix(&format!("{company} "))
            .or_else(|| t.strip_suffix(&format!(" {company}")))
            .map_or(t.clone(), str::to_owned)
    };
    let tagline_rank = hand.tagline.as_deref().map(words).map(|tagline| {
        inventory["taglines"]
            .as_array()
            .into_iter()
            .flatten()
            .position(|t| {
                let t = words(t["text"].as_str().unwrap_or(""));
                t == tagline || own(t) == own(tagline.clone())
            })
            .map(|i| i + 1)
    });
    if show_misses() && tagline_rank.is_some_and(|r| r.is_none_or(|r| r > 3)) {
        let top: Vec<&str> = inventory["taglines"]
            .as_array()
            .into_iter()
            .flatten()
            .take(5)
            .filter_map(|t| t["text"].as_str())
            .collect();
        eprintln!(
            "{dir}: tagline {:?} at {tagline_rank:?}; top: {top:?}",
            hand.tagline
        );
    }
    let mut claims = 0;
    let mut sup = (0, 0);
    for h in &hand.claims {
        let Some(v) = h.value else { continue };
        let v = normalized(&h.statement, v);
        let hs = stems(&h.subject);
        let matched = drafted.claims.iter().find(|d| {
            d.value.is_some_and(|dv| same(dv, v))
                && stems(&d.subject).iter().any(|s| hs.contains(s))
        });
        if matched.is_none() && show_misses() {
            let near: Vec<String> = drafted
                .claims
                .iter()
                .filter(|d| {
                    d.value.is_some_and(|dv| same(dv, v))
                        || d.superseded.iter().any(|s| same(*s, v))
                })
                .map(|d| format!("{:?} {:?}", d.subject, d.value))
                .collect();
            eprintln!(
                "{dir}: missed claim {:?} = {v} ({:?}); drafted with that value: {near:?}",
                h.subject, h.statement
            );
        }
        if let Some(d) = matched {
            claims += 1;
            // Every old value the hand platform knows and the library shows is listed.
            let in_library = |x: f64| {
                drafted.claims.iter().any(|o| {
                    stems(&o.subject).iter().any(|s| hs.contains(s))
                        && (o.value.is_some_and(|ov| same(ov, x))
                            || o.superseded.iter().any(|s| same(*s, x)))
                })
            };
            for old in h.superseded.iter().filter(|x| in_library(**x)) {
                sup.1 += 1;
                if d.superseded.iter().any(|s| same(*s, *old)) {
                    sup.0 += 1;
                }
            }
        }
    }
    let drafted_vp: Vec<Vec<String>> = drafted
        .value_props
        .iter()
        .map(|m| content(&m.statement))
        .collect();
    let vp_found = hand
        .value_props
        .iter()
        .filter(|m| {
            let h = content(&m.statement);
            drafted_vp.iter().any(|d| {
                let shared = h.iter().filter(|w| d.contains(w)).count();
                shared >= 1 && shared * 2 >= h.len()
            })
        })
        .count();
    Score {
        company: company_ok,
        value_props: (vp_found, hand.value_props.len()),
        products: (found, hand.products.len()),
        tagline_rank,
        claims: (
            claims,
            hand.claims.iter().filter(|c| c.value.is_some()).count(),
        ),
        superseded: sup,
    }
}

/// `MSGLINT_INIT_SHOW_MISSES=1`: print each library's missed claims and taglines (for tuning
/// on spent sets only: reading them spends a held-out set).
fn show_misses() -> bool {
    std::env::var_os("MSGLINT_INIT_SHOW_MISSES").is_some()
}

fn ratio((a, b): (usize, usize)) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// The figures of the "done when", per company, against the hand-written platforms.
#[test]
fn init_from_five_companies_scored_against_hand_platforms() {
    let tmp = temp_dir("init-eval");
    let mut scores = Vec::new();
    for c in COMPANIES {
        let d = tmp.join(c);
        std::fs::create_dir_all(&d).expect("dir");
        scores.push((c.to_string(), score(c, &d)));
    }
    let lines = table(&scores);
    let scores: Vec<Score> = scores.into_iter().map(|(_, s)| s).collect();
    let products = scores
        .iter()
        .fold((0, 0), |a, s| (a.0 + s.products.0, a.1 + s.products.1));
    let claims = scores
        .iter()
        .fold((0, 0), |a, s| (a.0 + s.claims.0, a.1 + s.claims.1));
    let top3 = scores
        .iter()
        .filter(|s| s.tagline_rank.flatten().is_some_and(|r| r <= 3))
        .count();
    println!("{}", lines.join("\n"));
    assert!(scores.iter().all(|s| s.company), "{}", lines.join("\n"));
    assert!(top3 >= 4, "{}", lines.join("\n"));
    assert!(ratio(claims) >= 0.8, "{}", lines.join("\n"));
    assert!(
        scores.iter().all(|s| s.superseded.0 == s.superseded.1),
        "{}",
        lines.join("\n")
    );
    // Hoppscotch's hand platform names two products its pages spell only in menus or
    // inside a longer name (fixtures/init/README): the total is the floor, so a regression
    // shows.
    assert!(ratio(products) >= 0.9, "{}", lines.join("\n"));
}

/// A held-out set's totals: companies named right, taglines in the top three, and the
/// products', claims' and old values' (found, asked) sums.
struct Totals {
    company: usize,
    top3: usize,
    products: (usize, usize),
    claims: (usize, usize),
    superseded_all: bool,
}

fn totals(scores: &[(String, Score)]) -> Totals {
    let sum = |f: fn(&Score) -> (usize, usize)| {
        scores
            .iter()
            .fold((0, 0), |a, (_, s)| (a.0 + f(s).0, a.1 + f(s).1))
    };
    Totals {
        company: scores.iter().filter(|(_, s)| s.company).count(),
        top3: scores
            .iter()
            .filter(|(_, s)| s.tagline_rank.flatten().is_some_and(|r| r <= 3))
            .count(),
        products: sum(|s| s.products),
        claims: sum(|s| s.claims),
        superseded_all: scores.iter().all(|(_, s)| s.superseded.0 == s.superseded.1),
    }
}

/// The per-company table and the totals line.
fn table(scores: &[(String, Score)]) -> Vec<String> {
    let mut lines = vec![format!(
        "{:<11} {:>7} {:>14} {:>9} {:>14} {:>11} {:>12}",
        "company", "name", "products", "tagline", "claims", "superseded", "value props"
    )];
    for (c, s) in scores {
        lines.push(format!(
            "{:<11} {:>7} {:>8} {:>5.2} {:>9} {:>8} {:>5.2} {:>11} {:>12}",
            c,
            if s.company { "right" } else { "WRONG" },
            format!("{}/{}", s.products.0, s.products.1),
            ratio(s.products),
            match s.tagline_rank {
                None => "none".to_owned(),
                Some(None) => "—".to_owned(),
                Some(Some(r)) => format!("#{r}"),
            },
            format!("{}/{}", s.claims.0, s.claims.1),
            ratio(s.claims),
            format!("{}/{}", s.superseded.0, s.superseded.1),
            format!("{}/{}", s.value_props.0, s.value_props.1),
        ));
    }
    let sum = |f: fn(&Score) -> (usize, usize)| {
        scores
            .iter()
            .fold((0, 0), |a, (_, s)| (a.0 + f(s).0, a.1 + f(s).1))
    };
    let top3 = scores
        .iter()
        .filter(|(_, s)| s.tagline_rank.flatten().is_some_and(|r| r <= 3))
        .count();
    let with_tagline = scores
        .iter()
        .filter(|(_, s)| s.tagline_rank.is_some())
        .count();
    lines.push(format!(
        "all: company right on {} of {n}, products {:.2}, tagline in the top 3 on {top3} of {with_tagline} with a tagline, claims {:.2}, value props {:.2}",
        scores.iter().filter(|(_, s)| s.company).count(),
        ratio(sum(|s| s.products)),
        ratio(sum(|s| s.claims)),
        ratio(sum(|s| s.value_props)),
        n = scores.len(),
    ));
    lines
}

/// Every company folder under `parent` (one holding `platform`), drafted and scored against
/// that platform, in name order.
fn score_companies(parent: &str, platform: &str, tmp_name: &str) -> Vec<(String, Score)> {
    let tmp = temp_dir(tmp_name);
    let base = root().join(parent);
    let mut names: Vec<String> = std::fs::read_dir(&base)
        .expect(parent)
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join(platform).is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|c| {
            let d = tmp.join(&c);
            std::fs::create_dir_all(&d).expect("dir");
            let s = score_dir(&format!("{parent}/{c}"), &base.join(&c).join(platform), &d);
            (c, s)
        })
        .collect()
}

/// The same scoring on the evaluation set's companies (fixtures/eval/real), whose platforms
/// other sessions wrote by hand for the rules' evaluation. The drafting was tuned on the
/// twelve that were there when fixtures/init/fresh was gathered (docs/init.md says which
/// figures are held out); companies added since are held out until someone tunes on them.
/// Their passages are short excerpts labelled for rules, not whole pages, so the figures
/// are printed, not held to the thresholds; every draft must load, and name the company on
/// all but one in twenty: Actual Budget, first run in session 17, drafts "Actual" — the
/// app's name, 123 uses to the two-word name's 23 — where its hand platform names the
/// project "Actual Budget" (a judgment either way; left as the held-out miss it was).
#[test]
fn init_from_the_evaluation_set_held_out() {
    let scores = score_companies("fixtures/eval/real", "msglint.yaml", "init-heldout");
    let lines = table(&scores);
    println!("held out:\n{}", lines.join("\n"));
    assert!(scores.len() >= 5, "{}", lines.join("\n"));
    let right = scores.iter().filter(|(_, s)| s.company).count();
    assert!(right * 20 >= scores.len() * 19, "{}", lines.join("\n"));
}

/// Floors a held-out set's totals must stay at (its first or final run's figures).
struct Floors {
    companies: usize,
    company: usize,
    top3: usize,
    products: f64,
    claims: f64,
}

/// Scores a held-out set (`fixtures/init/<set>`), prints its table and holds it to `floors`;
/// returns the totals for what a set asks beyond them.
fn held_out(set: &str, floors: Floors) -> (Totals, String) {
    let scores = score_companies(
        &format!("fixtures/init/{set}"),
        "hand.yaml",
        &format!("init-{set}"),
    );
    let lines = table(&scores);
    println!("{set}, held out:\n{}", lines.join("\n"));
    let all = lines.join("\n");
    assert_eq!(scores.len(), floors.companies, "{all}");
    let t = totals(&scores);
    assert!(t.company >= floors.company, "{all}");
    assert!(t.top3 >= floors.top3, "{all}");
    assert!(ratio(t.products) >= floors.products, "{all}");
    assert!(ratio(t.claims) >= floors.claims, "{all}");
    (t, all)
}

/// The fresh five (fixtures/init/fresh, README there): companies gathered after the drafting
/// was tuned, each with a hand platform committed before `init --from` first ran on it. The
/// figures are printed per company like the old five's; FIRST-RUN.txt and FINAL-RUN.txt
/// there keep what this printed before and after the last round of tuning.
#[test]
fn init_from_fresh_companies_held_out() {
    // What the issue asks that the held-out run met stays met: the name on all five, the
    // tagline in the top three on four, claims 0.8, every old value shown listed. Product
    // recall is not met (0.33 against the 0.9, FINAL-RUN.txt): the floor is where it
    // stands, so a regression shows.
    let floors = Floors {
        companies: 5,
        company: 5,
        top3: 4,
        products: 0.33,
        claims: 0.8,
    };
    let (t, all) = held_out("fresh", floors);
    assert!(t.superseded_all, "{all}");
}

/// The loop the issue closes: the unedited draft of the demo library, used as the platform
/// for `check` on the same library, reports every form it rejected — each spelling left in
/// `variants` and each value left in `superseded` draws a finding where the library has it.
#[test]
fn check_with_the_unedited_draft_reports_each_rejected_variant() {
    let tmp = temp_dir("init-demo");
    let yaml = draft("fixtures/demo", &tmp, "yaml");
    let inventory: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(draft("fixtures/demo", &tmp, "json")).expect("json"),
    )
    .expect("inventory JSON");
    let platform = loaded(&yaml).platform;
    let check = msglint(&[
        "check",
        "fixtures/demo",
        "--platform",
        yaml.to_str().expect("utf-8"),
        "--format",
        "json",
        "--min-confidence",
        "low",
        "--fail-on",
        "never",
    ]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let report: serde_json::Value = serde_json::from_str(&check.stdout).expect("report");
    let diags = report["diagnostics"].as_array().expect("diagnostics");
    let reported = |path: &str, line: u64, form: Option<&str>| {
        diags.iter().any(|d| {
            d["path"] == path
                && (form.is_some_and(|f| d["matched"].as_str() == Some(f))
                    || d["location"]["line"]
                        .as_u64()
                        .is_some_and(|l| (line..=line + 10).contains(&l)))
        })
    };
    let mut rejected = 0;
    let mut missing = Vec::new();
    // Names: every form under `variants`, at every place the inventory saw it.
    let names = std::iter::once(&inventory["company"])
        .chain(inventory["products"].as_array().into_iter().flatten());
    for n in names {
        for v in n["variants"].as_array().into_iter().flatten() {
            for e in v["evidence"].as_array().into_iter().flatten() {
                rejected += 1;
                let (path, line) = (
                    e["path"].as_str().unwrap_or(""),
                    e["line"].as_u64().unwrap_or(0),
                );
                if !reported(path, line, v["text"].as_str()) {
                    missing.push(format!("{} at {path}:{line}", v["text"]));
                }
            }
        }
    }
    // Numbers: every value after the proposed one.
    for c in inventory["claims"].as_array().into_iter().flatten() {
        for v in c["values"].as_array().into_iter().flatten().skip(1) {
            for e in v["evidence"].as_array().into_iter().flatten() {
                rejected += 1;
                let (path, line) = (
                    e["path"].as_str().unwrap_or(""),
                    e["line"].as_u64().unwrap_or(0),
                );
                if !reported(path, line, v["shown"].as_str()) {
                    missing.push(format!(
                        "{} ({:?}) at {path}:{line}",
                        v["shown"], c["subjects"]
                    ));
                }
            }
        }
    }
    assert!(
        platform.company.variants.len()
            + platform
                .products
                .iter()
                .map(|p| p.variants.len())
                .sum::<usize>()
            >= 4,
        "the demo's misspellings are drafted as variants: {:?}",
        platform.company
    );
    assert!(rejected >= 8, "{rejected} rejected forms");
    assert!(missing.is_empty(), "not reported: {missing:#?}");
}

/// Hoppscotch's library plus two files whose name and text are hostile HTML, repeated so
/// the hostile heading becomes a cluster of its own.
fn hostile_library(name: &str) -> PathBuf {
    let dir = temp_dir(name);
    let src = root().join("fixtures/init/hoppscotch");
    for sub in ["site", "blog", "readme"] {
        std::fs::create_dir_all(dir.join(sub)).expect("dir");
        for e in std::fs::read_dir(src.join(sub)).expect("read fixture dir") {
            let e = e.expect("entry");
            std::fs::copy(e.path(), dir.join(sub).join(e.file_name())).expect("copy");
        }
    }
    // Entities in the Markdown, so the text (not an HTML element) says it.
    let hostile = "# Make &lt;script&gt;window.pwned=1&lt;/script&gt; APIs\n\n\
                   ## Hoppscotch Cloud&quot;&gt;&lt;img src=x onerror=window.pwned2=1&gt;\n\n\
                   Hoppscotch Cloud&quot;&gt;&lt;img src=x onerror=window.pwned2=1&gt; is trusted by 9,000+ teams.\n";
    std::fs::write(
        dir.join("\"><img src=x onerror=window.pwned2=1>.md"),
        hostile,
    )
    .expect("write");
    std::fs::write(dir.join("notes.md"), hostile).expect("write");
    dir
}

/// The inventory page escapes every asset string (file names included), runs no script,
/// allows nothing by its Content-Security-Policy but its own style, and has every section.
#[test]
fn inventory_page_escapes_asset_text_and_has_every_section() {
    let dir = hostile_library("init-hostile");
    let page = dir.join("inventory.html");
    let out = msglint(&[
        "init",
        "--from",
        dir.to_str().expect("utf-8"),
        "-o",
        dir.join("draft.yaml").to_str().expect("utf-8"),
        "--report",
        page.to_str().expect("utf-8"),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = std::fs::read_to_string(&page).expect("page");
    assert!(!html.contains("<script"), "the page runs no script");
    assert!(
        !html.contains("<img"),
        "no image element from asset text or a file name"
    );
    assert!(html.contains("&lt;script&gt;window.pwned=1&lt;/script&gt;"));
    assert!(html.contains("&quot;&gt;&lt;img src=x onerror=window.pwned2=1&gt;.md"));
    assert!(html.contains(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src 'none'"
    ));
    for id in [
        "names",
        "taglines",
        "messages",
        "numbers",
        "competitors",
        "boilerplate",
        "icp",
        "retired",
        "files",
    ] {
        assert!(
            html.contains(&format!("<section id=\"{id}\">")),
            "section {id}"
        );
    }
    // A message read under a heading names the heading, on the page and in the draft.
    assert!(
        html.contains("under the heading “All-In-One Platform”"),
        "headings of messages"
    );
    let draft = std::fs::read_to_string(dir.join("draft.yaml")).expect("draft");
    assert!(
        draft.contains(
            "statement: \"From prototyping to production - develop without switching tabs\"\n    keywords: [\"platform\"]\n    # under the heading \"All-In-One Platform\""
        ),
        "{draft}"
    );
    // The draft beside it loads.
    loaded(&dir.join("draft.yaml"));
}

/// The inventory page in Chromium: every cluster of the inventory is on the page, hostile
/// asset text is shown as text and never runs, the phone layout does not scroll sideways,
/// and the print layout hides the navigation and fits the page.
#[test]
fn inventory_page_in_chromium() {
    let Some(b) = super::browser::browser("inventory_page_in_chromium") else {
        return;
    };
    let dir = hostile_library("init-browser");
    let page = dir.join("inventory.html");
    let json = dir.join("inventory.json");
    let out = msglint(&[
        "init",
        "--from",
        dir.to_str().expect("utf-8"),
        "--format",
        "json",
        "-o",
        json.to_str().expect("utf-8"),
        "--report",
        page.to_str().expect("utf-8"),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let inv: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("json")).expect("inventory");
    let len = |k: &str| inv[k].as_array().map_or(0, Vec::len) as u64;
    let v = b.run(
        "inventory.mjs",
        &[page.to_str().expect("utf-8"), "init-inventory"],
    );
    assert_eq!(
        v["sections"],
        serde_json::json!([
            "names",
            "taglines",
            "messages",
            "numbers",
            "competitors",
            "boilerplate",
            "icp",
            "retired",
            "files"
        ]),
        "{v}"
    );
    assert_eq!(v["company"], 1, "{v}");
    for (page_key, inv_key) in [
        ("products", "products"),
        ("taglines", "taglines"),
        ("oneLiners", "one_liners"),
        ("valueProps", "value_props"),
        ("differentiators", "differentiators"),
        ("claims", "claims"),
        ("competitors", "competitors"),
        ("boilerplate", "boilerplate"),
        ("retired", "retired"),
        ("files", "assets"),
    ] {
        assert_eq!(v[page_key], len(inv_key), "{page_key}: {v}");
    }
    let values: u64 = inv["claims"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| c["values"].as_array().map_or(0, Vec::len) as u64)
        .sum();
    assert_eq!(v["claimValues"], values, "{v}");
    assert!(v["products"].as_u64().unwrap_or(0) >= 3, "{v}");
    assert!(v["claims"].as_u64().unwrap_or(0) >= 3, "{v}");
    // Hostile text is text.
    assert_eq!(v["pwned"], serde_json::Value::Null, "{v}");
    assert_eq!(v["pwned2"], serde_json::Value::Null, "{v}");
    assert_eq!(v["scripts"], 0, "{v}");
    assert_eq!(v["images"], 0, "{v}");
    assert_eq!(v["hostileScript"], true, "{v}");
    assert_eq!(v["hostileName"], true, "{v}");
    assert_eq!(v["requests"], serde_json::json!([]), "{v}");
    assert_eq!(v["dialogs"], serde_json::json!([]), "{v}");
    assert_eq!(v["errors"], serde_json::json!([]), "{v}");
    // Phone: no sideways scrolling of the page.
    assert_eq!(v["phone"]["scrollWidth"], v["phone"]["innerWidth"], "{v}");
    assert_eq!(v["phone"]["overflowing"], serde_json::json!([]), "{v}");
    assert_eq!(v["phone"]["navPosition"], "static", "{v}");
    // Print: no navigation, every section, within an A4 page's width.
    assert_eq!(v["print"]["navDisplay"], "none", "{v}");
    assert_eq!(v["print"]["sections"], 9, "{v}");
    assert_eq!(v["print"]["scrollOverflow"], "visible", "{v}");
    assert!(v["print"]["width"].as_u64().unwrap_or(9999) <= 794, "{v}");
}

/// `init --from` speaks like the other commands: a draft to stdout with `-o -`, never an
/// overwrite without `--force`, a clear error for a library with nothing to read and for
/// `--report` without `--from`.
#[test]
fn init_from_errors_and_stdout() {
    let dir = temp_dir("init-errors");
    let out = msglint(&["init", "--from", "fixtures/init/nuxt", "-o", "-"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("company:\n  name: \"Nuxt\""),
        "{}",
        out.stdout
    );
    assert!(
        out.stderr.contains("drafted from 7 files"),
        "{}",
        out.stderr
    );

    let target = dir.join("msglint.yaml");
    std::fs::write(&target, "keep me\n").expect("write");
    let t = target.to_str().expect("utf-8");
    let out = msglint(&["init", "--from", "fixtures/init/nuxt", "-o", t]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("already exists (use --force"),
        "{}",
        out.stderr
    );
    assert_eq!(std::fs::read_to_string(&target).expect("read"), "keep me\n");

    let empty = dir.join("empty");
    std::fs::create_dir_all(&empty).expect("dir");
    let out = msglint(&["init", "--from", empty.to_str().expect("utf-8"), "-o", "-"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("no supported files under"),
        "{}",
        out.stderr
    );

    let out = msglint(&["init", "--report", "x.html"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("need --from"), "{}", out.stderr);
}

/// The second fresh five (fixtures/init/fresh2, README there): libraries and hand platforms
/// committed before `init --from` ever ran on them, scored with the drafting rules as they
/// stood after the round that was measured on every other library. FIRST-RUN.txt there keeps
/// what this printed the first time.
#[test]
fn second_fresh_five_held_out() {
    // Floors at the first run's figures (FIRST-RUN.txt), so a regression shows; they are
    // short of what the issue asks (company on all five, products 0.9, claims 0.8).
    let floors = Floors {
        companies: 5,
        company: 3,
        top3: 4,
        products: 0.52,
        claims: 0.50,
    };
    held_out("fresh2", floors);
}

/// The third fresh five (fixtures/init/fresh3, README there): libraries and hand platforms
/// committed before `init --from` ever ran on them, scored once the session's drafting rules
/// were done. FIRST-RUN.txt there keeps what this printed the first time.
#[test]
fn third_fresh_five_held_out() {
    // Floors at the first run's figures (FIRST-RUN.txt): the company on all five and product
    // recall 0.92 meet the issue; the tagline in the top three on 3 of 5 (4 asked) and claims
    // 0.66 (0.8 asked) did not.
    let floors = Floors {
        companies: 5,
        company: 5,
        top3: 3,
        products: 0.9,
        claims: 0.66,
    };
    held_out("fresh3", floors);
}

/// The fourth fresh set, six companies (fixtures/init/fresh4, README there): libraries and
/// hand platforms committed before `init --from` ever ran on them, scored with the drafting
/// rules as they stood after the round measured on every other library. FIRST-RUN.txt there
/// keeps what this printed the first time; the floors are that run's figures.
#[test]
fn fourth_fresh_six_held_out() {
    // Floors at the first run's figures (FIRST-RUN.txt): the company on all six and the
    // tagline in the top three on 5 of 6 meet the issue; products 0.70 (0.9 asked) and
    // claims 0.63 (0.8 asked) do not.
    let floors = Floors {
        companies: 6,
        company: 6,
        top3: 5,
        products: 0.70,
        claims: 0.63,
    };
    held_out("fresh4", floors);
}

/// A library whose copy names industries but no company size or role: the draft's ICP
/// summary says the industries (an empty summary is no valid platform — Paperless-ngx's
/// library in fresh15 drafted one).
#[test]
fn an_icp_of_industries_alone_drafts_a_valid_platform() {
    let tmp = temp_dir("init-icp-industries");
    let lib = tmp.join("lib");
    std::fs::create_dir_all(&lib).expect("mkdir");
    std::fs::write(
        lib.join("index.md"),
        "# Acme\n\nAcme files the paperwork of insurance and publishing offices.\n\nAcme keeps every scanned document searchable.\n",
    )
    .expect("write");
    let out = draft(lib.to_str().expect("utf-8"), &tmp, "yaml");
    let p = loaded(&out);
    let icp = &p.platform.icp;
    assert!(
        icp.summary
            .as_deref()
            .is_some_and(|s| s.contains("insurance")),
        "{icp:?}"
    );
}

/// The twenty-third fresh set, three projects (fixtures/init/fresh23, README there):
/// libraries and hand platforms committed before `init --from` ever ran on them, scored with
/// the drafting rules as they stood after the round on fresh22 (a free plan's price). FIRST-RUN.txt
/// there keeps what this printed the first time.
#[test]
fn twenty_third_fresh_three_held_out() {
    // Floors at the first run's figures (FIRST-RUN.txt): the company on 3 of 3, the tagline
    // in the top three on 3 of 3, products 0.50, claims 0.27 (HedgeDoc's browser versions and
    // years, 2/14).
    let floors = Floors {
        companies: 3,
        company: 3,
        top3: 3,
        products: 0.49,
        claims: 0.26,
    };
    held_out("fresh23", floors);
}

/// The twenty-second fresh set, three projects (fixtures/init/fresh22, README there):
/// libraries and hand platforms committed before `init --from` ever ran on them, scored with
/// the drafting rules as they stood after the round on fresh21 (tools named with the company,
/// a linking verb's subject). FIRST-RUN.txt there keeps what this printed the first time.
#[test]
fn twenty_second_fresh_three_held_out() {
    // Floors at the first run's figures (FIRST-RUN.txt): the company on 3 of 3, the tagline
    // first on 3 of 3, products 0.50 (Jitsi's components, 2/8), claims 0.37 (Jitsi's sixteen
    // hardware requirements, 2/16).
    let floors = Floors {
        companies: 3,
        company: 3,
        top3: 3,
        products: 0.49,
        claims: 0.36,
    };
    held_out("fresh22", floors);
}

/// The twenty-first fresh set, three projects (fixtures/init/fresh21, README there):
/// libraries and hand platforms committed before `init --from` ever ran on them, scored with
/// the drafting rules as they stood after the round on spent sets' claims (usage tiers in a
/// price table, verbs that arrive at a figure). FIRST-RUN.txt there keeps what this printed
/// the first time.
#[test]
fn twenty_first_fresh_three_held_out() {
    // Floors at the first run's figures (FIRST-RUN.txt): the company on 3 of 3, the tagline
    // in the top three on 3 of 3, products 0.71, claims 0.34 (Caddy's figures in words,
    // "trillions of requests").
    let floors = Floors {
        companies: 3,
        company: 3,
        top3: 3,
        products: 0.70,
        claims: 0.33,
    };
    held_out("fresh21", floors);
}

/// The twentieth fresh set, three projects (fixtures/init/fresh20, README there): libraries
/// and hand platforms committed before `init --from` ever ran on them, scored with the
/// drafting rules as they stood after the eval set's held-out round (Better Auth's company).
/// FIRST-RUN.txt there keeps what this printed the first time.
#[test]
fn twentieth_fresh_three_held_out() {
    // Floors at the first run's figures (FIRST-RUN.txt): the company on 3 of 3, the tagline
    // in the top three on 3 of 3, products 0.58 (LiveKit's twelve), claims 0.50 (OpenPanel's
    // thirteen tier prices composed from a table).
    let floors = Floors {
        companies: 3,
        company: 3,
        top3: 3,
        products: 0.57,
        claims: 0.49,
    };
    held_out("fresh20", floors);
}

/// The nineteenth fresh set, three projects (fixtures/init/fresh19, README there): libraries
/// and hand platforms committed before `init --from` ever ran on them, scored with the
/// drafting rules as they stood after the round on fresh18's claims (seconds). FIRST-RUN.txt
/// there keeps what this printed the first time.
#[test]
fn nineteenth_fresh_three_held_out() {
    // Floors at the first run's figures (FIRST-RUN.txt): the company on 3 of 3, products
    // 0.73, the tagline in the top three on 1 of 3 (OpenObserve's is its README's first line
    // after the logo, Superset's a docs home's sentence), claims 0.40 (Misskey's figures are
    // in Japanese posts and an untranslated sentence).
    let floors = Floors {
        companies: 3,
        company: 3,
        top3: 1,
        products: 0.72,
        claims: 0.39,
    };
    held_out("fresh19", floors);
}

/// The eighteenth fresh set, three projects (fixtures/init/fresh18, README there): libraries
/// and hand platforms committed before `init --from` ever ran on them, scored with the
/// drafting rules as they stood after the round on fresh17's taglines. FIRST-RUN.txt there
/// keeps what this printed the first time.
#[test]
fn eighteenth_fresh_three_held_out() {
    // Floors at the first run's figures (FIRST-RUN.txt): the company on 3 of 3, the tagline
    // in the top three on 3 of 3, products 0.50 (Appsmith's editions and Agents, Windmill's
    // plans), claims 0.52 (Qwik's performance figures, Windmill's 27).
    let floors = Floors {
        companies: 3,
        company: 3,
        top3: 3,
        products: 0.49,
        claims: 0.51,
    };
    held_out("fresh18", floors);
}

/// The seventeenth fresh set, three projects (fixtures/init/fresh17, README there): libraries
/// and hand platforms committed before `init --from` ever ran on them, scored with the
/// drafting rules as they stood after the round on fresh16. FIRST-RUN.txt there keeps what
/// this printed the first time.
#[test]
fn seventeenth_fresh_three_held_out() {
    // Floors at the first run's figures (FIRST-RUN.txt): the company on 3 of 3, the tagline
    // in the top three on 0 of 3 (docs homes stand in for home pages), products 0.68 (Kong's
    // twenty, Prefect's editions), claims 0.62.
    let floors = Floors {
        companies: 3,
        company: 3,
        top3: 0,
        products: 0.67,
        claims: 0.62,
    };
    held_out("fresh17", floors);
}

/// The sixteenth fresh set, four projects (fixtures/init/fresh16, README there): libraries
/// and hand platforms committed before `init --from` ever ran on them, scored with the
/// drafting rules as they stood after the eval set's held-out round (Authentik's company).
/// FIRST-RUN.txt there keeps what this printed the first time.
#[test]
fn sixteenth_fresh_four_held_out() {
    // Floors at the first run's figures (FIRST-RUN.txt): the company on 4 of 4, products
    // 1.00, the tagline in the top three on 3 of 4 (Evidence has no marketing headline),
    // claims 0.61 (0.8 asked: Semgrep's 24 pricing and coverage figures).
    let floors = Floors {
        companies: 4,
        company: 4,
        top3: 3,
        products: 0.99,
        claims: 0.60,
    };
    held_out("fresh16", floors);
}

/// The fifteenth fresh set, three projects (fixtures/init/fresh15, README there): libraries
/// and hand platforms committed before `init --from` ever ran on them, scored with the
/// drafting rules as they stood after the round on fresh14. FIRST-RUN.txt there keeps what
/// this printed the first time.
#[test]
fn fifteenth_fresh_three_held_out() {
    // Floors at the first run's figures (FIRST-RUN.txt): the company on 3 of 3, the tagline
    // in the top three on 1 of 3 (Chroma's and Paperless-ngx's stand-in headlines missed),
    // products 1.00, claims 0.78 (0.8 asked: Uptime Kuma's wiki log of stars and pulls).
    let floors = Floors {
        companies: 3,
        company: 3,
        top3: 1,
        products: 0.99,
        claims: 0.77,
    };
    held_out("fresh15", floors);
}

/// The fourteenth fresh set, four projects (fixtures/init/fresh14, README there): libraries
/// and hand platforms committed before `init --from` ever ran on them, scored with the
/// drafting rules as they stood after the round on fresh13. FIRST-RUN.txt there keeps what
/// this printed the first time.
#[test]
fn fourteenth_fresh_four_held_out() {
    // Floors at the first run's figures (FIRST-RUN.txt): the company on 4 of 4, the tagline
    // in the top three on 4 of 4, products 0.79 (0.9 asked), claims 0.55 (0.8 asked).
    let floors = Floors {
        companies: 4,
        company: 4,
        top3: 4,
        products: 0.78,
        claims: 0.54,
    };
    held_out("fresh14", floors);
}

/// The thirteenth fresh set, four projects (fixtures/init/fresh13, README there): libraries
/// and hand platforms committed before `init --from` ever ran on them, scored with the
/// drafting rules as they stood after the round on fresh11 and fresh12. FIRST-RUN.txt there
/// keeps what this printed the first time.
#[test]
fn thirteenth_fresh_four_held_out() {
    // Floors at the first run's figures (FIRST-RUN.txt): the company on 4 of 4, the tagline
    // in the top three on 2 of 4 (Grist's and PocketBase's stand-in headlines missed),
    // products 0.73 (0.9 asked: JoinPeerTube, Hosted Redash — one product each, missed),
    // claims 0.54 (0.8 asked).
    let floors = Floors {
        companies: 4,
        company: 4,
        top3: 2,
        products: 0.72,
        claims: 0.53,
    };
    held_out("fresh13", floors);
}

/// The twelfth fresh set, four projects (fixtures/init/fresh12, README there): libraries
/// and hand platforms committed before `init --from` ever ran on them, scored with the
/// drafting rules as they stood after the round on the spent libraries. FIRST-RUN.txt there
/// keeps what this printed the first time.
#[test]
fn twelfth_fresh_four_held_out() {
    // Floors at the first run's figures (FIRST-RUN.txt): the company on 4 of 4, the tagline
    // in the top three on 3 of 4 (Meltano's docs-portal headline missed), products 0.94,
    // claims 0.61 (0.8 asked: Podman's three are release versions the key writes as
    // numbers, Meltano's mostly in its handbook and Hub pages).
    let floors = Floors {
        companies: 4,
        company: 4,
        top3: 3,
        products: 0.93,
        claims: 0.60,
    };
    held_out("fresh12", floors);
}

/// The eleventh fresh set, four projects and companies (fixtures/init/fresh11, README
/// there): libraries and hand platforms committed before `init --from` ever ran on them,
/// scored with the drafting rules as they stood after the round on fresh9 and fresh10
/// (both spent). FIRST-RUN.txt there keeps what this printed the first time.
#[test]
fn eleventh_fresh_four_held_out() {
    // Floors at the first run's figures (FIRST-RUN.txt): the company on 3 of 4 (the
    // Matrix.org Foundation drafted wrong), the tagline in the top three on 2 of 4, products
    // 0.44 (0.9 asked: components "woodpecker-agent", plans and the protocol itself), claims
    // 0.73 (0.8 asked).
    let floors = Floors {
        companies: 4,
        company: 3,
        top3: 2,
        products: 0.43,
        claims: 0.72,
    };
    held_out("fresh11", floors);
}

/// The tenth fresh set, five companies and projects (fixtures/init/fresh10, README there):
/// libraries and hand platforms committed before `init --from` ever ran on them, scored with
/// the drafting rules as they stood after the round on the spent libraries (fresh9 spent).
/// FIRST-RUN.txt there keeps what this printed the first time.
#[test]
fn tenth_fresh_five_held_out() {
    // Floors at the first run's figures (FIRST-RUN.txt): the company on 4 of 5 (TabbyML,
    // whose pages say "Tabby", drafted wrong), the tagline in the top three on 5 of 5,
    // products 0.47 (0.9 asked: package names "@babel/preset-env", model names
    // "Jan-Nano-128k", plan tiers), claims 0.64 (0.8 asked).
    let floors = Floors {
        companies: 5,
        company: 4,
        top3: 5,
        products: 0.46,
        claims: 0.63,
    };
    held_out("fresh10", floors);
}

/// The ninth fresh set, five projects (fixtures/init/fresh9, README there): libraries and
/// hand platforms committed before `init --from` ever ran on them, scored with the drafting
/// rules as they stood after the round measured on the spent libraries (fresh8 was run once
/// and not read). FIRST-RUN.txt there keeps what this printed the first time.
#[test]
fn ninth_fresh_five_held_out() {
    // Floors at the first run's figures (FIRST-RUN.txt): the company on 4 of 5 (Godot Engine
    // drafted wrong), the tagline in the top three on 5 of 5, products 0.57 (0.9 asked: the
    // projects' products are packages and tools, "create-vite", "@vitejs/plugin-react"),
    // claims 0.52 (0.8 asked: most numbers are in blog posts). Hyphenated durations read as
    // durations ("30-day", fa3fd44) cost it one claim (0.50) while the spent sets gained
    // three; its misses were not read.
    let floors = Floors {
        companies: 5,
        company: 4,
        top3: 5,
        products: 0.56,
        claims: 0.49,
    };
    held_out("fresh9", floors);
}

/// The eighth fresh set, five companies (fixtures/init/fresh8, README there): libraries and
/// hand platforms committed before `init --from` ever ran on them, scored with the drafting
/// rules as they stood after the round measured on every other library (fresh7 spent).
/// FIRST-RUN.txt there keeps what this printed the first time.
#[test]
fn eighth_fresh_five_held_out() {
    // Floors at the first run's figures (FIRST-RUN.txt): the company on 4 of 5 (listmonk,
    // which writes its name in lower case, drafted wrong), the tagline in the top three on 4
    // of 5, products 0.86 (0.9 asked), claims 0.69 (0.8 asked).
    let floors = Floors {
        companies: 5,
        company: 4,
        top3: 4,
        products: 0.85,
        claims: 0.68,
    };
    held_out("fresh8", floors);
}

/// The seventh fresh set, six companies (fixtures/init/fresh7, README there): libraries and
/// hand platforms committed before `init --from` ever ran on them, scored with the drafting
/// rules as they stood after the round measured on every other library (fresh6 spent).
/// FIRST-RUN.txt there keeps what this printed the first time.
#[test]
fn seventh_fresh_six_held_out() {
    // Floors at the first run's figures (FIRST-RUN.txt): none of the asks is met —
    // the company on 4 of 6 (Inbox Zero, Traefik Labs drafted wrong), the tagline in the top
    // three on 4 of 6, products 0.69 (0.9 asked), claims 0.68 (0.8 asked).
    let floors = Floors {
        companies: 6,
        company: 4,
        top3: 4,
        products: 0.68,
        claims: 0.67,
    };
    held_out("fresh7", floors);
}

/// The sixth fresh set, six companies (fixtures/init/fresh6, README there): libraries and
/// hand platforms committed before `init --from` ever ran on them, scored with the drafting
/// rules as they stood after the round measured on every other library (fresh5 spent).
/// FIRST-RUN.txt there keeps what this printed the first time.
#[test]
fn sixth_fresh_six_held_out() {
    // Floors at the first run's figures (FIRST-RUN.txt): the tagline in the top three on 5
    // of 6 meets the issue; the company on 5 of 6 (openstatus drafted wrong), products 0.58
    // (0.9 asked) and claims 0.56 (0.8 asked) do not.
    let floors = Floors {
        companies: 6,
        company: 5,
        top3: 5,
        products: 0.58,
        claims: 0.56,
    };
    held_out("fresh6", floors);
}

/// The fifth fresh set, six companies (fixtures/init/fresh5, README there): libraries and
/// hand platforms committed before `init --from` ever ran on them, scored with the drafting
/// rules as they stood after the round measured on every other library (fresh4 spent).
/// FIRST-RUN.txt there keeps what this printed the first time; the floors are that run's
/// figures.
#[test]
fn fifth_fresh_six_held_out() {
    // Floors at the first run's figures (FIRST-RUN.txt): the company on all six meets the
    // issue; the tagline in the top three on 4 of 6 (80 % asked), products 0.80 (0.9 asked)
    // and claims 0.71 (0.8 asked) do not.
    let floors = Floors {
        companies: 6,
        company: 6,
        top3: 4,
        // 24 of 30 and 48 of 68 (printed rounded: 0.80, 0.71).
        products: 0.79,
        claims: 0.70,
    };
    held_out("fresh5", floors);
}

/// The tagline as the home page's hero headline states it: named by the hero's wording when
/// a README words it otherwise, read whole when set as two headings in a row, and never
/// taken for a call to action because it opens with "Next-level".
#[test]
fn hero_headline_names_the_tagline() {
    let tmp = temp_dir("init-hero");
    let write = |rel: &str, text: &str| {
        let p = tmp.join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    };
    let taglines = |lib: &str| -> Vec<(String, Vec<String>)> {
        let json = draft(tmp.join(lib).to_str().expect("utf-8"), &tmp, "json");
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(json).expect("read")).expect("json");
        v["taglines"]
            .as_array()
            .expect("taglines")
            .iter()
            .map(|t| {
                (
                    t["text"].as_str().unwrap_or("").to_owned(),
                    t["variants"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|f| f["text"].as_str().map(str::to_owned))
                        .collect(),
                )
            })
            .collect()
    };
    // The hero's wording names its cluster even when another wording is written more often
    // (five posts titled so outrank the hero line).
    write(
        "a/site/index.md",
        "# Infrastructure as code for humans and AI agents\n\nShip cloud infrastructure with the languages you know.\n",
    );
    for d in 1..=5 {
        write(
            &format!("a/blog/2025-0{d}-01-post.md"),
            &format!(
                "---\ntitle: Infrastructure as Code for Humans and Agents\n---\n\nPost {d} about deployments and stacks.\n"
            ),
        );
    }
    let t = taglines("a");
    assert_eq!(
        t.first().map(|(text, _)| text.as_str()),
        Some("Infrastructure as code for humans and AI agents"),
        "{t:?}"
    );
    assert!(
        t[0].1
            .contains(&"Infrastructure as Code for Humans and Agents".to_owned()),
        "{t:?}"
    );
    write(
        "b/site/index.md",
        "# Open Source\n# Identity and Access Management\n\nAdd authentication to applications with minimum effort.\n\n## Single-Sign On\n\nUsers sign in once.\n",
    );
    let t = taglines("b");
    assert_eq!(
        t.first().map(|(text, _)| text.as_str()),
        Some("Open Source Identity and Access Management"),
        "{t:?}"
    );
    // A call to action stays out, as a word ("Next: install"), not as a prefix.
    write(
        "c/site/index.md",
        "# Shared workspaces for growing teams\n\nPlan work together in one place.\n\n## Next: install the desktop app\n\nIt takes a minute.\n",
    );
    let t = taglines("c");
    assert!(
        t.iter()
            .any(|(text, _)| text == "Shared workspaces for growing teams"),
        "{t:?}"
    );
    assert!(!t.iter().any(|(text, _)| text.starts_with("Next")), "{t:?}");
}
