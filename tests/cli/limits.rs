//! Hostile sizes: findings past the per-file cap are counted, not listed; a file over its
//! time budget is `unreadable` and the run goes on.

use super::*;

fn repeated(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write");
    p.display().to_string()
}

#[test]
fn findings_past_the_cap_are_counted_not_listed() {
    let dir = temp_dir("cap");
    let one_line = repeated(&dir, "one-line.md", &"LumoraAI and ".repeat(3000));
    let many = repeated(&dir, "many.md", &"Meet LumoraAI today.\n\n".repeat(1500));
    let v = json(&[
        "check",
        "--platform",
        DEMO_PLATFORM,
        "--max-findings-per-file",
        "200",
        &one_line,
        &many,
    ]);
    assert_eq!(v["summary"]["errors"], 4500, "true count: {}", v["summary"]);
    assert_eq!(v["summary"]["omitted"], 4500 - 400);
    let d = diags(&v);
    assert_eq!(d.len(), 400);
    for f in v["files"].as_array().expect("files") {
        assert_eq!(f["score"], 0);
    }
    // Listed ones are the first in the file, each with its own fingerprint.
    let prints: std::collections::HashSet<_> = d.iter().map(|x| x["fingerprint"].clone()).collect();
    assert_eq!(prints.len(), 400);
    assert_eq!(d[0]["location"]["line"], 1);
    let human = msglint(&[
        "check",
        "--platform",
        DEMO_PLATFORM,
        "--max-findings-per-file",
        "2",
        &many,
    ]);
    assert_eq!(human.code, 1);
    assert!(
        human.stdout.contains("… and 1498 more findings in ")
            && human
                .stdout
                .ends_with("Found 1500 problems (1500 errors) in 1 file.\n"),
        "{}",
        human.stdout
    );
    // 0 lifts the cap; a baseline sees every finding even with the cap.
    let all = json(&[
        "check",
        "--platform",
        DEMO_PLATFORM,
        "--max-findings-per-file",
        "0",
        &many,
    ]);
    assert_eq!(diags(&all).len(), 1500);
    assert!(all["summary"].get("omitted").is_none());
}

#[test]
fn a_file_over_its_time_budget_is_unreadable_and_the_run_goes_on() {
    let dir = temp_dir("budget");
    let slow = repeated(&dir, "slow.md", &"LumoraAI and ".repeat(200_000));
    let v = json(&[
        "check",
        "--platform",
        DEMO_PLATFORM,
        "--timeout",
        "0.001",
        &slow,
        "fixtures/rules/brand-name/fire.md",
    ]);
    let d = diags(&v);
    let unreadable: Vec<_> = d.iter().filter(|x| x["rule"] == "unreadable").collect();
    assert!(
        unreadable.iter().all(|x| x["message"]
            .as_str()
            .is_some_and(|m| m.contains("took longer than 1 ms"))),
        "{unreadable:#?}"
    );
    assert!(unreadable.iter().any(|x| x["path"] == slow.as_str()));
    let bad = msglint(&["check", "--timeout", "0", "fixtures/demo"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
}

#[test]
fn identical_cross_asset_facts_cost_linear_time() {
    // One statement repeated 20,000 times in a file, and another value in a second file:
    // every repeat conflicts with the other file and the other file with every repeat.
    // Each comparison once per set of equal facts (not per pair): a second, not minutes.
    let dir = temp_dir("cross-repeats");
    let a = repeated(
        &dir,
        "a.md",
        &"Agents save 4 hours a day with Lumora Assist.\n\n".repeat(20_000),
    );
    let b = repeated(
        &dir,
        "b.md",
        "Agents save 3 hours a day with Lumora Assist.\n",
    );
    let started = std::time::Instant::now();
    let out = msglint(&[
        "check",
        "--platform",
        DEMO_PLATFORM,
        &a,
        &b,
        "--max-findings-per-file",
        "0",
        "--format",
        "json",
    ]);
    let took = started.elapsed();
    assert!(took < std::time::Duration::from_secs(20), "took {took:?}");
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    let d: Vec<serde_json::Value> = diags(&v)
        .into_iter()
        .filter(|x| x["rule"] == "cross-asset-conflict")
        .collect();
    assert_eq!(d.len(), 20_001, "every repeat and the other file");
    let other = d
        .iter()
        .find(|x| x["path"].as_str().is_some_and(|p| p.ends_with("b.md")))
        .expect("the other file's finding");
    assert!(
        other["message"]
            .as_str()
            .is_some_and(|m| m.contains("(and 19999 more)")),
        "{other}"
    );
    // The related places are listed up to a bound; the message counts them all.
    assert_eq!(other["related"].as_array().map(Vec::len), Some(50));
}

#[test]
fn identical_repeats_cost_linear_time_in_every_step() {
    // One retired term 20,000 times in the same words: every finding has the same context,
    // so repeats are told apart by occurrence. Telling them apart by a search from 2 for
    // each took minutes (146 s, issue #24); listing, recording a baseline, reading it back
    // and the diff each take about a second.
    let dir = temp_dir("repeats");
    let file = repeated(
        &dir,
        "repeats.txt",
        &"We use HelpBot daily.\n".repeat(20_000),
    );
    let baseline = dir.join("baseline.json").display().to_string();
    let timed = |args: &[&str]| {
        let started = std::time::Instant::now();
        let out = msglint(args);
        let took = started.elapsed();
        assert!(
            took < std::time::Duration::from_secs(20),
            "{args:?} took {took:?}"
        );
        out
    };
    let base = ["check", "--platform", DEMO_PLATFORM, &file];
    let listed = timed(
        &[
            &base[..],
            &["--max-findings-per-file", "0", "--format", "json"],
        ]
        .concat(),
    );
    let v: serde_json::Value = serde_json::from_str(&listed.stdout).expect("json");
    let d = diags(&v);
    assert_eq!(d.len(), 20_000);
    let prints: std::collections::HashSet<_> = d.iter().map(|x| x["fingerprint"].clone()).collect();
    assert_eq!(prints.len(), 20_000, "each repeat has its own fingerprint");
    let wrote = timed(&[&base[..], &["--write-baseline", &baseline]].concat());
    assert!(
        wrote.stderr.contains("recorded 20000 findings"),
        "{}",
        wrote.stderr
    );
    let known = timed(&[&base[..], &["--baseline", &baseline]].concat());
    assert_eq!(known.code, 0, "{}{}", known.stdout, known.stderr);
    let patch = timed(&[&base[..], &["--diff"]].concat());
    assert_eq!(
        patch
            .stdout
            .matches("\n+We use Lumora Assist daily.")
            .count(),
        20_000
    );
}
