//! The message inventory: one self-contained HTML page that puts every name, message and
//! number side by side across the assets — "the decks next to the website" — so marketing
//! can decide the platform in one sitting. The audit page's look and habits: inline CSS, no
//! fetch, a Content-Security-Policy that allows the page's own style and nothing else (this
//! page runs no script), every string from an asset through `esc`. Reads on a phone (tables
//! scroll inside their box) and prints (navigation hidden, every section open).

use super::analyze::{Claim, Evidence, Form, Inventory, Name, Phrase};
use crate::audit::html::esc;
use std::fmt::Write as _;

const STYLE: &str = r#"
:root{--bad:#b42318;--warn:#b54708;--info:#175cd3;--ok:#067647;--line:#d0d5dd;--muted:#475467;--bg:#f9fafb}
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#101828;margin:0;background:#fff}
header,main,nav{max-width:1200px;margin:0 auto;padding:0 24px}
header{padding-top:24px}
h1{font-size:26px;margin:0 0 4px}
h2{font-size:20px;margin:32px 0 8px;padding-top:8px;border-top:1px solid var(--line)}
h3{font-size:16px;margin:16px 0 4px}
nav{position:sticky;top:0;background:#fff;border-bottom:1px solid var(--line);padding-top:8px;padding-bottom:8px;z-index:2;display:flex;flex-wrap:wrap;gap:4px 16px}
nav a{color:var(--info);text-decoration:none}
.muted{color:var(--muted)}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}
.card{border:1px solid var(--line);border-radius:8px;padding:10px 14px;min-width:140px;background:var(--bg)}
.card b{display:block;font-size:24px}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
thead th{background:var(--bg)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.where{font-size:13px;overflow-wrap:anywhere}
.scroll{overflow-x:auto;border:1px solid var(--line);border-radius:8px;margin:8px 0}
.proposed{background:#ecfdf3}
.decide{display:inline-block;border-radius:4px;padding:0 6px;font-size:12px;font-weight:600;color:#fff;background:var(--warn)}
.tag{display:inline-block;border-radius:4px;padding:0 6px;font-size:12px;font-weight:600;color:#fff;background:var(--ok)}
blockquote{margin:4px 0;padding:4px 8px;border-left:3px solid var(--line);background:var(--bg);overflow-wrap:anywhere}
ul.ev{margin:2px 0;padding-left:18px;font-size:13px}
ul.ev li{overflow-wrap:anywhere}
.loc{color:var(--muted)}
details{border:1px solid var(--line);border-radius:8px;margin:8px 0;padding:6px 12px}
details summary{cursor:pointer}
@media (max-width:640px){
 header,main,nav{padding:0 12px}
 h1{font-size:21px}
 nav{position:static}
 .card{min-width:0;flex:1 1 40%}
 table{font-size:13px}
}
@media print{
 nav{display:none}
 body{font-size:11pt}
 .scroll{overflow:visible;border:0}
 h2{break-after:avoid}
 tr,blockquote{break-inside:avoid}
 details>summary{list-style:none}
 a{color:inherit;text-decoration:none}
}
"#;

fn ev_list(out: &mut String, ev: &[Evidence], n: usize) {
    if ev.is_empty() {
        return;
    }
    out.push_str("<ul class=\"ev\">");
    for e in ev.iter().take(n) {
        let _ = write!(
            out,
            "<li><span class=\"loc\">{}{}</span> {}</li>",
            esc(&e.place()),
            e.date
                .as_ref()
                .map(|d| format!(" ({})", esc(d)))
                .unwrap_or_default(),
            esc(&e.text)
        );
    }
    out.push_str("</ul>");
}

fn forms_table(out: &mut String, id: &str, first: (&str, &str), rows: &[&Form]) {
    let _ = write!(
        out,
        "<div class=\"scroll\"><table id=\"{id}\"><thead><tr><th>Form</th><th class=\"num\">Times</th><th class=\"num\">Files</th><th>Where</th></tr></thead><tbody>"
    );
    let _ = first;
    for f in rows {
        let _ = write!(
            out,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"where\">",
            esc(&f.text),
            f.count,
            f.assets
        );
        ev_list(out, &f.evidence, 3);
        out.push_str("</td></tr>");
    }
    out.push_str("</tbody></table></div>");
}

fn name_block(out: &mut String, n: &Name, cls: &str, proposed: bool) {
    let _ = write!(
        out,
        "<div class=\"cluster {cls}\"><h3>{}{}</h3><p class=\"muted\">{} times in {} files; {}</p>",
        esc(&n.name),
        if proposed {
            " <span class=\"tag\">proposed</span>"
        } else {
            ""
        },
        n.count,
        n.assets,
        esc(&n.why)
    );
    let me = Form {
        text: n.name.clone(),
        count: n.count,
        assets: n.assets,
        evidence: n.evidence.clone(),
    };
    let mut rows: Vec<&Form> = vec![&me];
    rows.extend(n.variants.iter());
    rows.extend(n.lowercase.iter());
    if rows.len() > 1 {
        out.push_str("<p><span class=\"decide\">DECIDE</span> the approved form; the others become <code>variants</code> and are reported.</p>");
    }
    forms_table(out, "", ("", ""), &rows);
    out.push_str("</div>");
}

fn phrase_table(out: &mut String, id: &str, list: &[Phrase], mark_first: bool) {
    let _ = write!(
        out,
        "<div class=\"scroll\"><table id=\"{id}\"><thead><tr><th class=\"num\">#</th><th>Wording</th><th class=\"num\">Files</th><th class=\"num\">Times</th><th>Where</th></tr></thead><tbody>"
    );
    for (i, p) in list.iter().enumerate() {
        let _ = write!(
            out,
            "<tr class=\"cluster{}\"><td class=\"num\">{}</td><td><blockquote>{}</blockquote>",
            if mark_first && i == 0 {
                " proposed"
            } else {
                ""
            },
            i + 1,
            esc(&p.text)
        );
        if let Some(h) = &p.heading {
            let _ = write!(out, "<p class=\"loc\">under the heading “{}”</p>", esc(h));
        }
        for v in &p.variants {
            let _ = write!(
                out,
                "<blockquote class=\"variant\">also: {} <span class=\"loc\">({} files)</span></blockquote>",
                esc(&v.text),
                v.assets
            );
        }
        let _ = write!(
            out,
            "</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"where\">",
            p.assets, p.count
        );
        ev_list(out, &p.evidence, 4);
        out.push_str("</td></tr>");
    }
    out.push_str("</tbody></table></div>");
}

fn claim_block(out: &mut String, c: &Claim) {
    let _ = write!(
        out,
        "<div class=\"cluster claim\"><h3>{}{}</h3><p class=\"muted\">{} · in {} files</p>",
        esc(&c.subjects.join(" / ")),
        if c.conflict {
            " <span class=\"decide\">DECIDE</span>"
        } else {
            ""
        },
        esc(c.unit),
        c.assets
    );
    out.push_str("<div class=\"scroll\"><table><thead><tr><th>Value</th><th class=\"num\">Times</th><th class=\"num\">Files</th><th>Newest</th><th>Where</th></tr></thead><tbody>");
    for (i, v) in c.values.iter().enumerate() {
        let _ = write!(
            out,
            "<tr{}><td>{}{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"where\">",
            if i == 0 { " class=\"proposed\"" } else { "" },
            esc(&v.shown),
            if i == 0 {
                " <span class=\"tag\">proposed</span>"
            } else {
                " <span class=\"muted\">superseded?</span>"
            },
            v.count,
            v.assets,
            esc(&match (&v.latest, v.undated) {
                (_, true) => "undated (current?)".to_owned(),
                (Some(d), false) => d.clone(),
                _ => String::new(),
            })
        );
        ev_list(out, &v.evidence, 3);
        out.push_str("</td></tr>");
    }
    out.push_str("</tbody></table></div></div>");
}

pub fn page(inv: &Inventory) -> String {
    let mut b = String::new();
    let company = if inv.company.name.is_empty() {
        "(no name found)"
    } else {
        inv.company.name.as_str()
    };
    let _ = write!(
        b,
        "<header><h1>Message inventory: {}</h1><p class=\"muted\">Drafted by <code>msglint init --from</code> from {} files. Each section puts one name, message or number side by side across the files; <span class=\"decide\">DECIDE</span> marks where they disagree.</p>",
        esc(company),
        inv.assets.len()
    );
    let _ = write!(
        b,
        "<div class=\"cards\"><div class=\"card\"><b>{}</b>files</div><div class=\"card\"><b>{}</b>product names</div><div class=\"card\"><b>{}</b>tagline candidates</div><div class=\"card\"><b>{}</b>numbers</div><div class=\"card\"><b>{}</b>to decide</div></div></header>",
        inv.assets.len(),
        inv.products.len(),
        inv.taglines.len(),
        inv.claims.len(),
        inv.claims.iter().filter(|c| c.conflict).count()
            + inv
                .products
                .iter()
                .filter(|p| !p.variants.is_empty())
                .count()
    );
    b.push_str("<nav><a href=\"#names\">Names</a><a href=\"#taglines\">Taglines</a><a href=\"#messages\">Messages</a><a href=\"#numbers\">Numbers</a><a href=\"#competitors\">Competitors</a><a href=\"#boilerplate\">Boilerplate</a><a href=\"#icp\">Audience</a><a href=\"#retired\">Retired</a><a href=\"#files\">Files</a></nav><main>");

    b.push_str("<section id=\"names\"><h2>Names</h2>");
    name_block(&mut b, &inv.company, "company", true);
    for l in &inv.legal_names {
        let _ = write!(
            b,
            "<p class=\"muted\">Legal name in © lines: {} ({} times)</p>",
            esc(&l.text),
            l.count
        );
    }
    for p in &inv.products {
        name_block(&mut b, p, "product", false);
    }
    b.push_str("</section>");

    b.push_str("<section id=\"taglines\"><h2>Tagline and one-liner</h2><p class=\"muted\">Ranked by the files that carry them, a title, first heading or description counting more than body text.</p>");
    phrase_table(&mut b, "tagline-table", &inv.taglines, true);
    b.push_str("<h3>One-liners</h3>");
    phrase_table(&mut b, "one-liner-table", &inv.one_liners, true);
    b.push_str("</section>");

    b.push_str("<section id=\"messages\"><h2>Messages</h2><h3>Value propositions</h3>");
    phrase_table(&mut b, "value-prop-table", &inv.value_props, false);
    b.push_str("<h3>Differentiators</h3>");
    phrase_table(&mut b, "differentiator-table", &inv.differentiators, false);
    b.push_str("</section>");

    b.push_str("<section id=\"numbers\"><h2>Numbers</h2><p class=\"muted\">Every number about the same thing, side by side: the proposed value is the one current pages (undated) or the newest files give; the others become <code>superseded</code>.</p>");
    for c in &inv.claims {
        claim_block(&mut b, c);
    }
    b.push_str("</section>");

    b.push_str("<section id=\"competitors\"><h2>Competitors</h2>");
    for n in &inv.competitors {
        name_block(&mut b, n, "competitor", false);
    }
    b.push_str("</section>");

    b.push_str("<section id=\"boilerplate\"><h2>Boilerplate</h2>");
    phrase_table(&mut b, "boilerplate-table", &inv.boilerplate, false);
    b.push_str("</section>");

    b.push_str("<section id=\"icp\"><h2>Who the copy addresses</h2>");
    for (label, list) in [
        ("Company sizes", &inv.icp.sizes),
        ("Industries", &inv.icp.industries),
        ("Roles", &inv.icp.roles),
    ] {
        let _ = write!(b, "<h3>{label}</h3>");
        let rows: Vec<&Form> = list.iter().collect();
        forms_table(&mut b, "", ("", ""), &rows);
    }
    b.push_str("</section>");

    b.push_str("<section id=\"retired\"><h2>Retired?</h2><p class=\"muted\">Names only files dated more than a year before the newest use.</p>");
    for r in &inv.retired {
        let _ = write!(
            b,
            "<div class=\"cluster retired\"><h3>{}</h3><p class=\"muted\">{} times, last {} (newest file {})</p>",
            esc(&r.phrase),
            r.count,
            esc(&r.last_seen),
            esc(&r.newest)
        );
        ev_list(&mut b, &r.evidence, 3);
        b.push_str("</div>");
    }
    b.push_str("</section>");

    b.push_str("<section id=\"files\"><h2>Files</h2><div class=\"scroll\"><table id=\"files-table\"><thead><tr><th>Path</th><th>Kind</th><th>Date</th><th class=\"num\">Segments</th></tr></thead><tbody>");
    for a in &inv.assets {
        let _ = write!(
            b,
            "<tr><td class=\"where\">{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td></tr>",
            esc(&a.path),
            esc(a.kind),
            esc(a.date.as_deref().unwrap_or("")),
            a.segments
        );
    }
    for u in &inv.unreadable {
        let _ = write!(
            b,
            "<tr><td class=\"where\">{}</td><td colspan=\"3\">unreadable: {}</td></tr>",
            esc(&u.path),
            esc(&u.reason)
        );
    }
    b.push_str("</tbody></table></div></section></main>");

    let mut out = String::with_capacity(b.len() + STYLE.len() + 1024);
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'; base-uri 'none'\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"msglint {}\">\n<title>Message inventory: {}</title>\n<style>{STYLE}</style></head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        esc(company)
    );
    out.push_str(&b);
    out.push_str("\n</body></html>\n");
    out
}
