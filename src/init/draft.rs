//! The draft `msglint.yaml`: every field filled with the best candidate of the inventory, a
//! comment beside it with the alternatives and where they were seen, `# DECIDE:` where the
//! library disagrees with itself. Every string is written double-quoted (JSON escaping is
//! valid YAML), every comment on one line, so the draft always loads.

use super::analyze::{ClaimValue, Evidence, Form, Inventory, Name, Phrase};
use std::fmt::Write as _;

/// A double-quoted YAML scalar.
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// Text safe inside a `#` comment: one line, no control characters.
fn c(s: &str) -> String {
    s.chars()
        .map(|ch| if ch.is_control() { ' ' } else { ch })
        .collect()
}

fn places(ev: &[Evidence], n: usize) -> String {
    let mut v: Vec<String> = Vec::new();
    for e in ev {
        let p = e.place();
        if !v.contains(&p) {
            v.push(p);
        }
        if v.len() == n {
            break;
        }
    }
    c(&v.join(", "))
}

fn times(n: usize) -> String {
    if n == 1 {
        "once".into()
    } else {
        format!("×{n}")
    }
}

fn files(n: usize) -> String {
    if n == 1 {
        "1 file".into()
    } else {
        format!("{n} files")
    }
}

/// A number as YAML: an integer without a fraction, else the shortest decimal.
pub fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

/// An id from words: "github-stars".
fn slug(s: &str, fallback: &str, used: &mut Vec<String>) -> String {
    let mut out = String::new();
    for w in s
        .split(|ch: char| !ch.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(4)
    {
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&w.to_lowercase());
    }
    if out.is_empty() || !out.is_ascii() {
        out = fallback.to_owned();
    }
    let base = out.clone();
    let mut i = 2;
    while used.contains(&out) {
        out = format!("{base}-{i}");
        i += 1;
    }
    used.push(out.clone());
    out
}

fn also_forms(out: &mut String, indent: &str, forms: &[Form], label: &str) {
    for f in forms.iter().take(6) {
        let _ = writeln!(
            out,
            "{indent}# {label}: {} {} in {}: {}",
            c(&q(&f.text)),
            times(f.count),
            files(f.assets),
            places(&f.evidence, 3)
        );
    }
}

fn name_variants(out: &mut String, indent: &str, n: &Name) {
    let variants: Vec<String> = n.variants.iter().map(|v| q(&v.text)).collect();
    if !variants.is_empty() {
        let _ = writeln!(out, "{indent}variants: [{}]", variants.join(", "));
        also_forms(out, indent, &n.variants, "seen");
    }
    also_forms(
        out,
        indent,
        &n.lowercase,
        "also in lowercase (not listed: handles, code and URLs write so)",
    );
}

fn phrase_comment(out: &mut String, indent: &str, p: &Phrase) {
    if let Some(h) = &p.heading {
        let _ = writeln!(out, "{indent}# under the heading {}", q(h));
    }
    let _ = writeln!(
        out,
        "{indent}# {} in {}: {}",
        times(p.count),
        files(p.assets),
        places(&p.evidence, 3)
    );
    also_forms(out, indent, &p.variants, "also worded");
}

pub fn yaml(inv: &Inventory) -> String {
    let mut o = String::new();
    let dated = inv.assets.iter().filter(|a| a.date.is_some()).count();
    let _ = writeln!(
        o,
        "# yaml-language-server: $schema=./.msglint.schema.json\n\
         # Drafted by `msglint init --from` from {} ({} dated{}).\n\
         # Every field holds the best candidate the library offers; the comments list the\n\
         # alternatives and where each was seen; `# DECIDE:` marks where the library disagrees\n\
         # with itself. Edit, delete what is wrong, then run `msglint check` on the same files:\n\
         # the forms left under `variants`, `superseded` and `retired` are reported where they\n\
         # appear. Field reference: docs/platform.md in the msglint repository.",
        files(inv.assets.len()),
        dated,
        if inv.unreadable.is_empty() {
            String::new()
        } else {
            format!(", {} unreadable and left out", inv.unreadable.len())
        }
    );
    for u in inv.unreadable.iter().take(10) {
        let _ = writeln!(o, "#   unreadable: {}: {}", c(&u.path), c(&u.reason));
    }
    o.push_str("version: 1\n\n");

    // Company
    let co = &inv.company;
    o.push_str("company:\n");
    let _ = writeln!(
        o,
        "  name: {}  # {}, {} in all",
        q(if co.name.is_empty() {
            "DECIDE"
        } else {
            &co.name
        }),
        c(&co.why),
        times(co.count)
    );
    if co.name.is_empty() {
        o.push_str("  # DECIDE: no name stood out; write the company's name here\n");
    }
    for l in &inv.legal_names {
        let _ = writeln!(
            o,
            "  # legal name (© lines, not a wrong form): {} {}: {}",
            c(&q(&l.text)),
            times(l.count),
            places(&l.evidence, 2)
        );
    }
    name_variants(&mut o, "  ", co);
    o.push('\n');

    // Products
    if !inv.products.is_empty() {
        o.push_str("products:\n");
        for p in &inv.products {
            let _ = writeln!(
                o,
                "  - name: {}  # {} in {}; {}",
                q(&p.name),
                times(p.count),
                files(p.assets),
                c(&p.why)
            );
            if p.case_exact {
                o.push_str("    case: exact  # ordinary words: only this case is the name\n");
            }
            if !p.variants.is_empty() || !p.lowercase.is_empty() {
                name_variants(&mut o, "    ", p);
                if !p.variants.is_empty() {
                    o.push_str(
                        "    # DECIDE: keep the name you approve; every form left in `variants` is reported\n",
                    );
                }
            }
        }
        o.push('\n');
    }

    // Tagline and one-liner
    match inv.taglines.first() {
        Some(t) => {
            let _ = writeln!(o, "tagline: {}", q(&t.text));
            phrase_comment(&mut o, "", t);
            for alt in inv.taglines.iter().skip(1).take(5) {
                let _ = writeln!(
                    o,
                    "# also: {} in {}: {}",
                    c(&q(&alt.text)),
                    files(alt.assets),
                    places(&alt.evidence, 2)
                );
            }
            if inv.taglines.len() > 1 {
                o.push_str("# DECIDE: the tagline is checked verbatim; the candidates above are ranked by the files that carry them\n");
            }
        }
        None => o.push_str("# tagline: no short headline repeats across the files\n"),
    }
    match inv.one_liners.first() {
        Some(t) => {
            let _ = writeln!(o, "one_liner: {}", q(&t.text));
            phrase_comment(&mut o, "", t);
            for alt in inv.one_liners.iter().skip(1).take(4) {
                let _ = writeln!(
                    o,
                    "# also: {} in {}: {}",
                    c(&q(&alt.text)),
                    files(alt.assets),
                    places(&alt.evidence, 2)
                );
            }
        }
        None => o.push_str("# one_liner: no \"<company> is …\" sentence found\n"),
    }
    o.push('\n');

    let mut ids: Vec<String> = Vec::new();
    if !inv.value_props.is_empty() {
        o.push_str("value_props:\n");
        for (i, p) in inv.value_props.iter().enumerate() {
            let id = slug(
                &p.keywords.join(" "),
                &format!("message-{}", i + 1),
                &mut ids,
            );
            let _ = writeln!(o, "  - id: {}\n    statement: {}", q(&id), q(&p.text));
            if !p.keywords.is_empty() {
                let k: Vec<String> = p.keywords.iter().map(|k| q(k)).collect();
                let _ = writeln!(o, "    keywords: [{}]", k.join(", "));
            }
            phrase_comment(&mut o, "    ", p);
        }
        o.push('\n');
    }
    if !inv.differentiators.is_empty() {
        o.push_str("differentiators:\n");
        for (i, p) in inv.differentiators.iter().enumerate() {
            let id = slug(
                &p.keywords.join(" "),
                &format!("differentiator-{}", i + 1),
                &mut ids,
            );
            let _ = writeln!(o, "  - id: {}\n    statement: {}", q(&id), q(&p.text));
            phrase_comment(&mut o, "    ", p);
        }
        o.push('\n');
    }

    // Claims
    if !inv.claims.is_empty() {
        o.push_str(
            "claims:                # numbers by what they count; the first value is proposed\n",
        );
        for (i, cl) in inv.claims.iter().enumerate() {
            let Some(top) = cl.values.first() else {
                continue;
            };
            let subject = cl.subjects.first().cloned().unwrap_or_default();
            let id = slug(&subject, &format!("claim-{}", i + 1), &mut ids);
            let subjects: Vec<String> = cl.subjects.iter().map(|s| q(s)).collect();
            let _ = writeln!(
                o,
                "  - id: {}\n    statement: {}\n    subject: [{}]\n    value: {}\n    qualifier: {}",
                q(&id),
                q(&cl.statement),
                subjects.join(", "),
                num(top.value),
                top.qualifier
            );
            let old: Vec<&ClaimValue> = cl.values.iter().skip(1).collect();
            if !old.is_empty() {
                let list: Vec<String> = old
                    .iter()
                    .map(|v| match (&v.latest, v.undated) {
                        (Some(d), false) => format!("{{value: {}, until: {d}}}", num(v.value)),
                        _ => num(v.value),
                    })
                    .collect();
                let _ = writeln!(o, "    superseded: [{}]", list.join(", "));
            }
            let _ = writeln!(
                o,
                "    # {} {} in {}{}: {}",
                c(&q(&top.shown)),
                times(top.count),
                files(top.assets),
                match (&top.latest, top.undated) {
                    (_, true) => " (undated: a live page or README)".to_owned(),
                    (Some(d), false) => format!(" (newest {d})"),
                    _ => String::new(),
                },
                places(&top.evidence, 3)
            );
            for v in &old {
                let _ = writeln!(
                    o,
                    "    # also: {} {} in {}{}: {}",
                    c(&q(&v.shown)),
                    times(v.count),
                    files(v.assets),
                    v.latest
                        .as_ref()
                        .map(|d| format!(" (newest {d})"))
                        .unwrap_or_default(),
                    places(&v.evidence, 3)
                );
            }
            if cl.conflict {
                let _ = writeln!(
                    o,
                    "    # DECIDE: {} disagree on current pages (undated or as new); the value above is the one more files give, else the largest",
                    cl.values
                        .iter()
                        .take(4)
                        .map(|v| c(&q(&v.shown)))
                        .collect::<Vec<_>>()
                        .join(" and ")
                );
            }
        }
        o.push('\n');
    }

    if !inv.boilerplate.is_empty() {
        o.push_str("boilerplate:\n");
        for (i, p) in inv.boilerplate.iter().enumerate() {
            let id = if i == 0 {
                "about".to_owned()
            } else {
                format!("boilerplate-{}", i + 1)
            };
            let _ = writeln!(o, "  - id: {}\n    text: {}", q(&id), q(&p.text));
            phrase_comment(&mut o, "    ", p);
            if !p.variants.is_empty() {
                o.push_str("    # DECIDE: the paragraph is written more than one way\n");
            }
        }
        o.push('\n');
    }

    let icp = &inv.icp;
    if !(icp.sizes.is_empty() && icp.industries.is_empty() && icp.roles.is_empty()) {
        o.push_str("icp:\n");
        let summary: Vec<&str> = icp
            .roles
            .iter()
            .take(2)
            .chain(icp.sizes.iter().take(2))
            // Industries alone still say whom the copy addresses (an empty summary is no
            // valid platform).
            .chain(icp.industries.iter().take(2))
            .map(|f| f.text.as_str())
            .collect();
        let _ = writeln!(o, "  summary: {}", q(&summary.join(", ")));
        if !icp.industries.is_empty() {
            let v: Vec<String> = icp.industries.iter().take(4).map(|f| q(&f.text)).collect();
            let _ = writeln!(o, "  industries: [{}]", v.join(", "));
        }
        if !icp.roles.is_empty() {
            let v: Vec<String> = icp.roles.iter().take(4).map(|f| q(&f.text)).collect();
            let _ = writeln!(o, "  personas: [{}]", v.join(", "));
        }
        for (label, list) in [
            ("size", &icp.sizes),
            ("industry", &icp.industries),
            ("role", &icp.roles),
        ] {
            for f in list.iter().take(5) {
                let _ = writeln!(
                    o,
                    "  # {label}: {} {} in {}: {}",
                    c(&q(&f.text)),
                    times(f.count),
                    files(f.assets),
                    places(&f.evidence, 2)
                );
            }
        }
        o.push('\n');
    }

    if !inv.competitors.is_empty() {
        o.push_str("competitors:\n");
        for n in &inv.competitors {
            let _ = writeln!(
                o,
                "  - name: {}  # {} in {}: {}",
                q(&n.name),
                times(n.count),
                files(n.assets),
                places(&n.evidence, 2)
            );
        }
        o.push('\n');
    }

    if !inv.retired.is_empty() {
        o.push_str("retired:                # names only older files use\n");
        for r in &inv.retired {
            let _ = writeln!(
                o,
                "  - phrase: {}\n    reason: {}\n    # DECIDE: {} {}, last in a file dated {} (the newest is {}): {}",
                q(&r.phrase),
                q(&format!("not seen after {}", r.last_seen)),
                c(&q(&r.phrase)),
                times(r.count),
                r.last_seen,
                r.newest,
                places(&r.evidence, 2)
            );
        }
        o.push('\n');
    }
    o
}
