//! Detection classes of issue #11, each firing and staying silent in the formats where it
//! applies (fixtures/detect/, platform fixtures/detect/msglint.yaml): who a superlative is
//! about (Markdown, a deck's slide titles, a PDF's headings), exact wordings restated (a web
//! page, a slide title), claims at the platform's precision, sizes and numbers in names,
//! case, retired statements and withdrawn references, rates across an HTML page and a PDF.

use super::*;

const PLATFORM: &str = "fixtures/detect/msglint.yaml";

/// (line, rule) of every finding in `file`, checked alone or with `others`.
fn found(file: &str, others: &[&str]) -> Vec<(u64, String)> {
    let mut args = vec!["check", "--platform", PLATFORM, file];
    args.extend_from_slice(others);
    let v = json(&args);
    let mut out: Vec<(u64, String)> = diags(&v)
        .iter()
        .filter(|d| d["path"] == file)
        .map(|d| {
            (
                d["location"]["line"].as_u64().unwrap_or(0),
                d["rule"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    out.sort();
    out
}

fn expect(file: &str, others: &[&str], want: &[(u64, &str)]) {
    let want: Vec<(u64, String)> = want.iter().map(|(l, r)| (*l, (*r).to_owned())).collect();
    assert_eq!(found(file, others), want, "{file}");
}

#[test]
fn superlative_subjects_in_markdown() {
    expect(
        "fixtures/detect/subjects.md",
        &[],
        &[
            (3, "unsupported-superlative"), // Lumora's platform is the only
            (5, "unsupported-superlative"), // The Lumora platform is the fastest
            (7, "unsupported-superlative"), // Lumora Inbox by Lumora is the most reliable
            (9, "unsupported-superlative"), // ## The best help desk (subject-less heading)
            (11, "unsupported-superlative"), // We give every team world-class onboarding
                                            // 13 engineers, 15 customers, 17 award title,
                                            // 19 GitHub's label, 21 ordinary: silent
        ],
    );
}

#[test]
fn superlative_subjects_in_a_deck_and_a_pdf() {
    // Slide 1 title fires; slide 2 is an award title and customers; slide 3 restates the
    // tagline in its title (message-drift) above the tagline itself (silent).
    let deck = found("fixtures/detect/subjects.pptx", &[]);
    let rules: Vec<&str> = deck.iter().map(|(_, r)| r.as_str()).collect();
    assert_eq!(
        rules,
        ["unsupported-superlative", "message-drift"],
        "{deck:?}"
    );
    // The PDF heading fires; "The world's leading companies rely on Lumora." does not.
    let pdf = found("fixtures/detect/subjects.pdf", &[]);
    let rules: Vec<&str> = pdf.iter().map(|(_, r)| r.as_str()).collect();
    assert_eq!(rules, ["unsupported-superlative"], "{pdf:?}");
    let v = json(&[
        "check",
        "--platform",
        PLATFORM,
        "fixtures/detect/subjects.pdf",
    ]);
    assert_eq!(
        diags(&v)[0]["matched"],
        "The fastest",
        "the heading is its own sentence"
    );
}

#[test]
fn exact_wordings_on_a_web_page() {
    expect(
        "fixtures/detect/tagline.html",
        &[],
        &[
            (4, "message-drift"), // the tagline restated in a heading
            // 5 the tagline, 6 the boilerplate: silent
            (7, "message-drift"), // an exact value prop reworded
            // 8 the exact value prop verbatim: silent
            (9, "message-drift"), // the short description reworded
        ],
    );
}

#[test]
fn claims_precision_sizes_and_names() {
    expect(
        "fixtures/detect/claims.md",
        &[],
        &[
            (3, "claim-mismatch"), // 99.5% vs 99.9%
            // 5 the approved 99.9%: silent
            (7, "claim-mismatch"), // 99.95% stated more precisely: overstated
            // 9 1,200+ with an in-range ICP size: silent
            (11, "claim-mismatch"), // 900 teams, the size range is not the count
            (13, "off-icp"),        // serves retailers with 2 to 10 employees
            (15, "off-icp"),        // teams of 5
            (17, "off-icp"),        // a 20-person shop
                                    // 19 our own team, 21 and 23 numbers in names, 25
                                    // the approved count beside Microsoft 365: silent
        ],
    );
}

#[test]
fn case_of_ordinary_word_products() {
    expect(
        "fixtures/detect/case.md",
        &[],
        // "marketing campaigns", "Campaigns" (case: exact), "our insights", "Lumora
        // Insights" are silent; a lowercase product name carrying the company name is not
        // generic. 13 names the repository called lumora (an identifier); 15 is the
        // company's name in lowercase.
        &[(11, "brand-name"), (15, "brand-name")],
    );
    // --fix never rewrites the ordinary word: the only change is the product name.
    let out = msglint(&[
        "check",
        "--platform",
        PLATFORM,
        "--diff",
        "fixtures/detect/case.md",
    ]);
    let changed: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| {
            (l.starts_with('+') || l.starts_with('-'))
                && !l.starts_with("+++")
                && !l.starts_with("---")
        })
        .collect();
    assert_eq!(
        changed,
        [
            "-The lumora inbox is where the team works.",
            "+The Lumora Inbox is where the team works.",
            "-Ask the lumora team for the demo.",
            "+Ask the Lumora team for the demo."
        ],
        "{}",
        out.stdout
    );
}

#[test]
fn retired_statements_and_withdrawn_references() {
    expect(
        "fixtures/detect/retired.md",
        &[],
        &[
            (3, "retired-term"), // the old positioning, lightly edited
            // 5 the one-liner: silent
            (7, "withdrawn-reference"), // Contoso Apparel (Northwind is approved)
            // 9 "Previously, we called it HelpBot" and 11 "We renamed HelpBot": history
            (13, "retired-term"), // Ask HelpBot…
            (15, "retired-term"), // As previously announced, HelpBot…
        ],
    );
}

#[test]
fn rates_conflict_between_a_page_and_a_pdf() {
    let html = "fixtures/detect/rates/pricing.html";
    let pdf = "fixtures/detect/rates/rates-one-pager.pdf";
    // 5 hours a week vs 6 hours a week; $29 per seat and 40% faster agree.
    expect(html, &[pdf], &[(5, "cross-asset-conflict")]);
    let other = found(pdf, &[html]);
    assert_eq!(other.len(), 1, "{other:?}");
    assert_eq!(other[0].1, "cross-asset-conflict");
    // Alone, neither file conflicts.
    assert!(found(html, &[]).is_empty());
}

/// `company.case: exact`: a company named by an ordinary word ("Outline") — its lowercase
/// uses are the word; without the setting every one is reported as mis-cased.
#[test]
fn a_company_named_by_an_ordinary_word_with_case_exact() {
    let dir = temp_dir("company-case");
    let copy = dir.join("page.md");
    std::fs::write(
        &copy,
        "Open the outline view to see your meeting notes.\n\nOutline is fast, and so is OutlineWiki.\n",
    )
    .expect("write copy");
    let run = |case: &str| -> Vec<(u64, String)> {
        let platform = dir.join("msglint.yaml");
        std::fs::write(
            &platform,
            format!("version: 1\ncompany:\n  name: Outline\n  variants: [OutlineWiki]\n{case}"),
        )
        .expect("write platform");
        let v = json(&[
            "check",
            "--platform",
            platform.to_str().unwrap_or_default(),
            copy.to_str().unwrap_or_default(),
        ]);
        diags(&v)
            .iter()
            .map(|d| {
                (
                    d["location"]["line"].as_u64().unwrap_or(0),
                    d["rule"].as_str().unwrap_or("").to_owned(),
                )
            })
            .collect()
    };
    // The wrong form "OutlineWiki" is reported either way; "outline" the verb only without it.
    assert_eq!(
        run("  case: exact\n"),
        [(3, "brand-name".to_owned())],
        "case: exact"
    );
    assert_eq!(
        run(""),
        [(1, "brand-name".to_owned()), (3, "brand-name".to_owned())],
        "default case"
    );
}
