//! `msglint audit` as one self-contained HTML page: inline CSS, inline SVG charts, a little
//! inline JavaScript to sort and filter the assets table (the page reads fully without it).
//! Nothing is fetched: a Content-Security-Policy allows no source but the page's own style
//! and its one script (by nonce), so even a rendering bug could not load or run anything.
//!
//! Every string that came from an asset or the platform goes through [`esc`].

use super::{Audit, AuditDiag, AuditFile, circulating_kind};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

/// Escape text for HTML element content and double- or single-quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
:root{--bad:#b42318;--warn:#b54708;--info:#175cd3;--ok:#067647;--line:#d0d5dd;--muted:#475467;--bg:#f9fafb}
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#101828;margin:0;background:#fff}
header,main,nav{max-width:1200px;margin:0 auto;padding:0 24px}
header{padding-top:24px}
h1{font-size:26px;margin:0 0 4px}
h2{font-size:20px;margin:32px 0 8px;padding-top:8px;border-top:1px solid var(--line)}
h3{font-size:16px;margin:0}
nav{position:sticky;top:0;background:#fff;border-bottom:1px solid var(--line);padding-top:8px;padding-bottom:8px;z-index:2}
nav a{margin-right:16px;color:var(--info);text-decoration:none}
.muted{color:var(--muted)}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}
.card{border:1px solid var(--line);border-radius:8px;padding:10px 14px;min-width:140px;background:var(--bg)}
.card b{display:block;font-size:24px}
.score-big{font-size:44px;font-weight:700}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:8px 0}
dl.meta dt{color:var(--muted)}dl.meta dd{margin:0;overflow-wrap:anywhere}
.charts{display:flex;flex-wrap:wrap;gap:24px}
figure{margin:0;border:1px solid var(--line);border-radius:8px;padding:12px;background:#fff}
figcaption{font-weight:600;margin-bottom:6px}
svg text{font:12px system-ui,sans-serif;fill:#344054}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
thead th{position:sticky;top:41px;background:var(--bg);z-index:1}
th button{all:unset;cursor:pointer;font-weight:600}
th[aria-sort=ascending] button::after{content:" \25B2"}
th[aria-sort=descending] button::after{content:" \25BC"}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.path{overflow-wrap:anywhere;max-width:460px}
.scroll{overflow:auto;max-height:80vh;border:1px solid var(--line);border-radius:8px}
.scroll thead th{top:0}
.sev{display:inline-block;border-radius:4px;padding:0 6px;font-size:12px;font-weight:600;color:#fff}
.sev-error{background:var(--bad)}.sev-warning{background:var(--warn)}.sev-info{background:var(--info)}
.s0{color:var(--bad);font-weight:600}.s1{color:var(--warn);font-weight:600}.s2{color:var(--ok);font-weight:600}
#coverage-matrix td.y{background:#ecfdf3;color:var(--ok);text-align:center}
#coverage-matrix td.n{background:#fef3f2;color:var(--bad);text-align:center}
#coverage-matrix td.u{color:var(--muted);text-align:center}
#coverage-matrix tfoot td{font-weight:600;background:var(--bg);position:sticky;bottom:0}
#coverage-matrix th.msg{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;max-height:220px;text-align:left}
details.file{border:1px solid var(--line);border-radius:8px;margin:8px 0;padding:6px 12px}
details.file summary{cursor:pointer}
ol.findings{padding-left:20px}
ol.findings li{margin:8px 0}
.loc{color:var(--muted);font-size:13px}
code{font:13px ui-monospace,SFMono-Regular,Menlo,monospace;background:var(--bg);padding:0 3px;border-radius:3px}
pre.ctx{white-space:pre-wrap;overflow-wrap:anywhere;background:var(--bg);border-left:3px solid var(--line);padding:4px 8px;margin:4px 0;font:13px ui-monospace,monospace}
mark{background:#fedf89}
.up{color:var(--ok)}.down{color:var(--bad)}
input[type=search]{font:inherit;padding:4px 8px;margin:4px 0 8px;width:320px;max-width:100%}
.carriers{font-size:13px}
"#;

const SCRIPT: &str = r#"
document.querySelectorAll("table.sortable").forEach(function(t){
  var heads=t.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads,function(th,i){
    var b=document.createElement("button");b.type="button";b.textContent=th.textContent;
    th.textContent="";th.appendChild(b);
    b.addEventListener("click",function(){
      var asc=th.getAttribute("aria-sort")!=="ascending";
      Array.prototype.forEach.call(heads,function(h){h.removeAttribute("aria-sort");});
      th.setAttribute("aria-sort",asc?"ascending":"descending");
      var num=th.classList.contains("num"),body=t.tBodies[0],rows=Array.prototype.slice.call(body.rows);
      function key(r){var c=r.cells[i],v=c.hasAttribute("data-v")?c.getAttribute("data-v"):c.textContent;return num?parseFloat(v)||0:v.toLowerCase();}
      rows.sort(function(a,b){var x=key(a),y=key(b);return (x<y?-1:x>y?1:0)*(asc?1:-1);});
      rows.forEach(function(r){body.appendChild(r);});
    });
  });
});
var f=document.getElementById("assets-filter");
if(f){f.hidden=false;f.addEventListener("input",function(){
  var q=f.value.toLowerCase();
  Array.prototype.forEach.call(document.getElementById("assets-table").tBodies[0].rows,function(r){
    r.hidden=q!==""&&r.cells[0].textContent.toLowerCase().indexOf(q)<0;});
});}
"#;

fn sev_rank(s: &str) -> u8 {
    match s {
        "error" => 3,
        "warning" => 2,
        "info" => 1,
        _ => 0,
    }
}

fn score_class(score: u32) -> &'static str {
    match score {
        0..=59 => "s0",
        60..=89 => "s1",
        _ => "s2",
    }
}

/// Where a finding is, as a person reads it: slide / page / line.
pub fn location(d: &AuditDiag) -> String {
    let l = &d.location;
    if let Some(s) = l.slide {
        let mut out = format!("slide {s}");
        if l.notes == Some(true) {
            out.push_str(", speaker notes");
        }
        if let Some(shape) = &l.shape {
            let _ = write!(out, ", {shape}");
        }
        return out;
    }
    if let Some(p) = l.page {
        return match l.page_line {
            Some(pl) => format!("page {p}, line {pl}"),
            None => format!("page {p}"),
        };
    }
    format!("line {}:{}", l.line, l.column)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn render(a: &Audit) -> String {
    let mut body = String::with_capacity(64 * 1024 + a.diagnostics.len() * 600);
    let by_file: BTreeMap<&str, Vec<&AuditDiag>> =
        a.diagnostics.iter().fold(BTreeMap::new(), |mut m, d| {
            m.entry(d.path.as_str()).or_insert_with(Vec::new).push(d);
            m
        });
    // Anchor of each file's findings.
    let anchors: HashMap<&str, usize> = a
        .files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.path.as_str(), i))
        .collect();

    header(&mut body, a);
    let _ = write!(
        body,
        "<nav><a href=\"#charts\">Charts</a>{}<a href=\"#assets\">Assets</a><a href=\"#coverage\">Message coverage</a><a href=\"#problems\">Circulating problems</a><a href=\"#findings\">All findings</a></nav><main>",
        if a.compare.is_some() {
            "<a href=\"#trend\">Since last audit</a>"
        } else {
            ""
        }
    );
    if a.compare.is_some() {
        trend(&mut body, a);
    }
    charts(&mut body, a);
    assets(&mut body, a, &by_file);
    coverage(&mut body, a);
    problems(&mut body, a);
    findings(&mut body, a, &by_file, &anchors);
    body.push_str("</main>");

    // The nonce is a hash of the page's own content: no asset text can predict it.
    let nonce = crate::diagnostic::fnv64(&[&body, SCRIPT]);
    let mut out = String::with_capacity(body.len() + STYLE.len() + SCRIPT.len() + 1024);
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-{nonce}'; img-src 'none'; form-action 'none'; base-uri 'none'\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"msglint {}\">\n<title>Messaging audit: {} ({})</title>\n<style>{STYLE}</style></head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        esc(&a.platform.company),
        esc(&a.generated)
    );
    out.push_str(&body);
    let _ = write!(
        out,
        "\n<script nonce=\"{nonce}\">{SCRIPT}</script>\n</body></html>\n"
    );
    out
}

fn header(out: &mut String, a: &Audit) {
    let s = &a.summary;
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &a.files {
        *kinds.entry(f.kind.as_str()).or_default() += 1;
    }
    let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{n} {k}")).collect();
    let _ = write!(
        out,
        "<header id=\"summary\"><h1>Messaging audit: {}</h1><p class=\"muted\">What the asset library says, against the approved message platform.</p>",
        esc(&a.platform.company)
    );
    let _ = write!(
        out,
        "<div class=\"cards\"><div class=\"card\">Library score<span class=\"score-big {}\" id=\"library-score\"> {}</span><span class=\"muted\">/100</span></div><div class=\"card\"><b>{}</b>files</div><div class=\"card\"><b class=\"s0\">{}</b>errors</div><div class=\"card\"><b class=\"s1\">{}</b>warnings</div><div class=\"card\"><b>{}</b>infos</div><div class=\"card\"><b>{}</b>unreadable</div></div>",
        score_class(a.score),
        a.score,
        s.files,
        s.errors,
        s.warnings,
        s.infos,
        s.unreadable
    );
    let _ = write!(
        out,
        "<dl class=\"meta\"><dt>Platform</dt><dd>{} — <code>{}</code>{}</dd><dt>Run</dt><dd>{}</dd><dt>Files by kind</dt><dd>{}</dd>",
        esc(&a.platform.company),
        esc(&a.platform.path),
        a.platform
            .date
            .as_deref()
            .map(|d| format!(", dated {}", esc(d)))
            .unwrap_or_default(),
        esc(&a.generated),
        if kinds.is_empty() {
            "none".to_owned()
        } else {
            esc(&kinds.join(", "))
        }
    );
    if s.omitted > 0 {
        let _ = write!(
            out,
            "<dt>Not listed</dt><dd>{} (counted; over the per-file limit)</dd>",
            plural(s.omitted, "finding", "findings")
        );
    }
    out.push_str("</dl>");
    let unreadable: Vec<&AuditFile> = a.files.iter().filter(|f| f.unreadable.is_some()).collect();
    if !unreadable.is_empty() {
        let _ = write!(
            out,
            "<details id=\"unreadable\"><summary>{} could not be read</summary><ul>",
            plural(unreadable.len(), "file", "files")
        );
        for f in unreadable {
            let _ = write!(
                out,
                "<li><code>{}</code>: {}</li>",
                esc(&f.path),
                esc(f.unreadable.as_deref().unwrap_or(""))
            );
        }
        out.push_str("</ul></details>");
    }
    out.push_str("</header>\n");
}

fn charts(out: &mut String, a: &Audit) {
    out.push_str("<section id=\"charts\"><h2>At a glance</h2><div class=\"charts\">");
    // Score distribution: ten bins of ten points, and 100 on its own.
    let mut bins = [0usize; 11];
    for f in &a.files {
        bins[(f.score.min(100) / 10) as usize] += 1;
    }
    let max = bins.iter().copied().max().unwrap_or(0).max(1);
    let (w, h, top, bottom, left) = (520.0, 220.0, 16.0, 40.0, 36.0);
    let bw = (w - left - 8.0) / 11.0;
    let _ = write!(
        out,
        "<figure id=\"chart-scores\"><figcaption>Score distribution (files per score band)</figcaption><svg role=\"img\" aria-label=\"Score distribution\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\">"
    );
    let colors = [
        "#b42318", "#b42318", "#b42318", "#b42318", "#b42318", "#b42318", "#b54708", "#b54708",
        "#b54708", "#067647", "#067647",
    ];
    let plot = h - top - bottom;
    for (i, n) in bins.iter().enumerate() {
        let bh = plot * (*n as f64) / (max as f64);
        let x = left + bw * i as f64;
        let y = top + plot - bh;
        let label = if i == 10 {
            "100".to_owned()
        } else {
            format!("{}–{}", i * 10, i * 10 + 9)
        };
        let _ = write!(
            out,
            "<rect x=\"{:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{bh:.1}\" fill=\"{}\"><title>{label}: {}</title></rect><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{n}</text><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"10\">{label}</text>",
            x + 2.0,
            bw - 4.0,
            colors[i],
            plural(*n, "file", "files"),
            x + bw / 2.0,
            (y - 3.0).max(11.0),
            x + bw / 2.0,
            h - bottom + 14.0,
        );
    }
    let _ = write!(
        out,
        "<line x1=\"{left}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#98a2b3\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">score</text></svg></figure>",
        top + plot,
        w - 8.0,
        top + plot,
        left + (w - left) / 2.0,
        h - 6.0
    );
    // Findings by rule, most first.
    let mut rules: BTreeMap<&str, (usize, u8)> = BTreeMap::new();
    for d in &a.diagnostics {
        let e = rules.entry(d.rule.as_str()).or_default();
        e.0 += 1;
        e.1 = e.1.max(sev_rank(&d.severity));
    }
    let mut rules: Vec<(&str, (usize, u8))> = rules.into_iter().collect();
    rules.sort_by(|x, y| y.1.0.cmp(&x.1.0).then(x.0.cmp(y.0)));
    let rmax = rules.first().map_or(1, |r| r.1.0.max(1));
    let row = 22.0;
    let rh = (rules.len().max(1) as f64) * row + 8.0;
    let (rw, label_w) = (520.0, 170.0);
    let _ = write!(
        out,
        "<figure id=\"chart-rules\"><figcaption>Findings by rule</figcaption><svg role=\"img\" aria-label=\"Findings by rule\" width=\"{rw}\" height=\"{rh}\" viewBox=\"0 0 {rw} {rh}\">"
    );
    if rules.is_empty() {
        let _ = write!(out, "<text x=\"8\" y=\"18\">No findings.</text>");
    }
    for (i, (rule, (n, sev))) in rules.iter().enumerate() {
        let y = 4.0 + row * i as f64;
        let bw = (rw - label_w - 56.0) * (*n as f64) / (rmax as f64);
        let color = match sev {
            3 => "#b42318",
            2 => "#b54708",
            _ => "#175cd3",
        };
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text><rect x=\"{label_w}\" y=\"{:.1}\" width=\"{bw:.1}\" height=\"{:.1}\" fill=\"{color}\"><title>{}: {n}</title></rect><text x=\"{:.1}\" y=\"{:.1}\">{n}</text>",
            label_w - 6.0,
            y + 15.0,
            esc(rule),
            y + 3.0,
            row - 6.0,
            esc(rule),
            label_w + bw + 4.0,
            y + 15.0
        );
    }
    out.push_str("</svg></figure></div></section>\n");
}

fn assets(out: &mut String, a: &Audit, by_file: &BTreeMap<&str, Vec<&AuditDiag>>) {
    let mut files: Vec<(usize, &AuditFile)> = a.files.iter().enumerate().collect();
    files.sort_by(|(_, x), (_, y)| {
        (
            x.score,
            std::cmp::Reverse(x.errors),
            std::cmp::Reverse(x.warnings),
            &x.path,
        )
            .cmp(&(
                y.score,
                std::cmp::Reverse(y.errors),
                std::cmp::Reverse(y.warnings),
                &y.path,
            ))
    });
    let _ = write!(
        out,
        "<section id=\"assets\"><h2>Assets</h2><p class=\"muted\">One row per file, worst first (click a column to sort).</p><input id=\"assets-filter\" type=\"search\" placeholder=\"Filter by path\" aria-label=\"Filter assets by path\" hidden><div class=\"scroll\"><table id=\"assets-table\" class=\"sortable\"><thead><tr><th>Path</th><th>Kind</th><th class=\"num\">Score</th><th class=\"num\">Errors</th><th class=\"num\">Warnings</th><th>Worst finding</th></tr></thead><tbody>"
    );
    for (i, f) in files {
        let worst = by_file.get(f.path.as_str()).and_then(|ds| {
            ds.iter()
                .copied()
                .max_by_key(|d| (sev_rank(&d.severity), std::cmp::Reverse(d.location.line)))
        });
        let worst = match (worst, &f.unreadable) {
            (_, Some(r)) => format!("<span class=\"sev sev-error\">unreadable</span> {}", esc(r)),
            (Some(d), None) => format!(
                "<span class=\"sev sev-{}\">{}</span> <code>{}</code> {}",
                esc(&d.severity),
                esc(&d.severity),
                esc(&d.rule),
                esc(&d.message)
            ),
            (None, None) => "<span class=\"muted\">none</span>".into(),
        };
        let path = if by_file.contains_key(f.path.as_str()) {
            format!("<a href=\"#f-{i}\">{}</a>", esc(&f.path))
        } else {
            esc(&f.path)
        };
        let _ = write!(
            out,
            "<tr><td class=\"path\">{path}</td><td>{}</td><td class=\"num {}\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{worst}</td></tr>",
            esc(&f.kind),
            score_class(f.score),
            f.score,
            f.errors,
            f.warnings,
        );
    }
    out.push_str("</tbody></table></div></section>\n");
}

fn coverage(out: &mut String, a: &Audit) {
    let readable = a.files.iter().filter(|f| f.coverage.is_some()).count();
    out.push_str("<section id=\"coverage\"><h2>Message coverage</h2>");
    if a.messages.is_empty() {
        out.push_str("<p>The platform has no tagline, value props or differentiators to look for.</p><table id=\"coverage-matrix\"></table></section>\n");
        return;
    }
    let mut totals = vec![0usize; a.messages.len()];
    for f in &a.files {
        if let Some(c) = &f.coverage {
            for (t, v) in totals.iter_mut().zip(c) {
                *t += usize::from(*v);
            }
        }
    }
    out.push_str("<p class=\"muted\">Which approved messages each asset states, in the approved wording, a variant or a keyword (the <code>missing-message</code> test, for every asset).</p><ul id=\"coverage-totals\">");
    for (m, t) in a.messages.iter().zip(&totals) {
        let _ = write!(
            out,
            "<li>{} <code>{}</code> “{}” appears in <b>{t}</b> of {readable} assets</li>",
            esc(match m.kind.as_str() {
                "tagline" => "The tagline",
                "value-prop" => "Value prop",
                _ => "Differentiator",
            }),
            esc(&m.id),
            esc(&m.text),
        );
    }
    out.push_str(
        "</ul><div class=\"scroll\"><table id=\"coverage-matrix\"><thead><tr><th>Asset</th>",
    );
    for m in &a.messages {
        let _ = write!(
            out,
            "<th class=\"msg\" title=\"{}\" data-kind=\"{}\">{}</th>",
            esc(&m.text),
            esc(&m.kind),
            esc(&m.id)
        );
    }
    out.push_str("</tr></thead><tbody>");
    for f in &a.files {
        let _ = write!(out, "<tr><td class=\"path\">{}</td>", esc(&f.path));
        for i in 0..a.messages.len() {
            out.push_str(match &f.coverage {
                Some(c) if c.get(i).copied().unwrap_or(false) => {
                    "<td class=\"y\" title=\"stated\">✓</td>"
                }
                Some(_) => "<td class=\"n\" title=\"not stated\">✗</td>",
                None => "<td class=\"u\" title=\"unreadable\">?</td>",
            });
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody><tfoot><tr><td>Assets stating it</td>");
    for t in &totals {
        let _ = write!(out, "<td class=\"num\">{t} of {readable}</td>");
    }
    out.push_str("</tr></tfoot></table></div></section>\n");
}

fn problems(out: &mut String, a: &Audit) {
    out.push_str("<section id=\"problems\"><h2>Circulating problems</h2><p class=\"muted\">Each distinct stale number, retired name, misspelt brand, unapproved superlative and drifted statement, with the assets that carry it.</p>");
    if a.circulating.is_empty() {
        out.push_str("<p>None found.</p></section>\n");
        return;
    }
    out.push_str("<div class=\"scroll\"><table id=\"problems-table\" class=\"sortable\"><thead><tr><th>Problem</th><th>Text in circulation</th><th>Approved</th><th class=\"num\">Assets</th><th class=\"num\">Findings</th><th>Carried by</th></tr></thead><tbody>");
    for c in &a.circulating {
        debug_assert!(circulating_kind(&c.rule).is_some());
        let shown = 8;
        let mut carriers: Vec<String> = c
            .files
            .iter()
            .take(shown)
            .map(|p| format!("<code>{}</code>", esc(p)))
            .collect();
        let rest = c.files.len().saturating_sub(shown);
        let mut cell = carriers.join(", ");
        if rest > 0 {
            carriers = c
                .files
                .iter()
                .skip(shown)
                .map(|p| format!("<code>{}</code>", esc(p)))
                .collect();
            let _ = write!(
                cell,
                " <details><summary>and {rest} more</summary>{}</details>",
                carriers.join(", ")
            );
        }
        let _ = write!(
            out,
            "<tr><td>{}</td><td>“{}”</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"carriers\">{cell}</td></tr>",
            esc(&c.what),
            esc(&c.text),
            c.approved
                .as_deref()
                .map(|s| format!("“{}”", esc(s)))
                .unwrap_or_default(),
            c.files.len(),
            c.findings,
        );
    }
    out.push_str("</tbody></table></div></section>\n");
}

fn excerpt(out: &mut String, d: &AuditDiag) {
    let Some(e) = &d.excerpt else {
        return;
    };
    let (pre, mid, post) = match (
        e.text.get(..e.start),
        e.text.get(e.start..e.end),
        e.text.get(e.end..),
    ) {
        (Some(a), Some(b), Some(c)) => (a, b, c),
        _ => (e.text.as_str(), "", ""),
    };
    let _ = write!(
        out,
        "<pre class=\"ctx\">{}<mark>{}</mark>{}</pre>",
        esc(pre),
        esc(mid),
        esc(post)
    );
}

fn findings(
    out: &mut String,
    a: &Audit,
    by_file: &BTreeMap<&str, Vec<&AuditDiag>>,
    anchors: &HashMap<&str, usize>,
) {
    let total = a.diagnostics.len();
    let _ = write!(
        out,
        "<section id=\"findings\"><h2>All findings</h2><p class=\"muted\">{}, grouped by file.</p>",
        plural(total, "finding", "findings")
    );
    let open = if total <= 200 { " open" } else { "" };
    for (path, ds) in by_file {
        let f = anchors.get(path).and_then(|i| a.files.get(*i));
        let id = anchors
            .get(path)
            .map(|i| format!(" id=\"f-{i}\""))
            .unwrap_or_default();
        let _ = write!(
            out,
            "<details class=\"file\"{id}{open}><summary><h3 style=\"display:inline\">{}</h3> <span class=\"muted\">{}{}</span></summary><ol class=\"findings\">",
            esc(path),
            f.map(|f| format!("{}, score {}, ", esc(&f.kind), f.score))
                .unwrap_or_default(),
            plural(ds.len(), "finding", "findings"),
        );
        // The most certain first, then in document order.
        let mut ds: Vec<_> = ds.iter().collect();
        ds.sort_by_key(|d| conf_rank(&d.confidence));
        for d in ds {
            let conf = if d.confidence == "high" {
                String::new()
            } else {
                format!(
                    " <span class=\"muted conf\">{} confidence</span>",
                    esc(&d.confidence)
                )
            };
            let _ = write!(
                out,
                "<li><span class=\"sev sev-{}\">{}</span> <code>{}</code> <span class=\"loc\">{}</span>{conf}<div>{}</div>",
                esc(&d.severity),
                esc(&d.severity),
                esc(&d.rule),
                esc(&location(d)),
                esc(&d.message)
            );
            excerpt(out, d);
            if let Some(s) = &d.suggestion {
                let _ = write!(out, "<div>Approved wording: “{}”</div>", esc(s));
            }
            if let Some(h) = &d.help {
                let _ = write!(out, "<div class=\"muted\">{}</div>", esc(h));
            }
            for r in &d.related {
                let _ = write!(
                    out,
                    "<div class=\"loc\">see also <code>{}</code> line {}</div>",
                    esc(&r.path),
                    r.line
                );
            }
            out.push_str("</li>");
        }
        out.push_str("</ol></details>");
    }
    out.push_str("</section>\n");
}

fn delta(n: i64) -> String {
    match n {
        0 => "±0".into(),
        n if n > 0 => format!("<span class=\"up\">+{n}</span>"),
        n => format!("<span class=\"down\">−{}</span>", -n),
    }
}

fn trend(out: &mut String, a: &Audit) {
    let Some(t) = &a.compare else {
        return;
    };
    let _ = write!(
        out,
        "<section id=\"trend\"><h2>Since the last audit ({})</h2><div class=\"cards\"><div class=\"card\"><b>{} → {}</b>library score {}</div><div class=\"card\"><b class=\"s0\">{}</b>{}</div><div class=\"card\"><b class=\"s2\">{}</b>fixed</div><div class=\"card\"><b>{}</b>still open</div><div class=\"card\"><b>{} / {}</b>assets added / removed</div></div>",
        esc(&t.previous_generated),
        t.previous_score,
        t.score,
        delta(i64::from(t.score) - i64::from(t.previous_score)),
        t.new.len(),
        if t.new.len() == 1 {
            "new finding"
        } else {
            "new findings"
        },
        t.fixed.len(),
        t.still_open,
        t.files_added.len(),
        t.files_removed.len()
    );
    let list = |out: &mut String, title: &str, id: &str, items: &[super::TrendFinding]| {
        if items.is_empty() {
            return;
        }
        let _ = write!(
            out,
            "<details id=\"{id}\"><summary>{title} ({})</summary><ul>",
            items.len()
        );
        for f in items.iter().take(500) {
            let _ = write!(
                out,
                "<li><span class=\"sev sev-{}\">{}</span> <code>{}</code> <code>{}</code>: {}</li>",
                esc(&f.severity),
                esc(&f.severity),
                esc(&f.rule),
                esc(&f.path),
                esc(&f.message)
            );
        }
        if items.len() > 500 {
            let _ = write!(out, "<li>and {} more</li>", items.len() - 500);
        }
        out.push_str("</ul></details>");
    };
    list(out, "New findings", "trend-new", &t.new);
    list(out, "Fixed findings", "trend-fixed", &t.fixed);
    if t.removed_with_assets > 0 {
        let _ = write!(
            out,
            "<p class=\"muted\">{} went with the assets removed.</p>",
            plural(t.removed_with_assets, "earlier finding", "earlier findings")
        );
    }
    for (title, id, items) in [
        ("Assets added", "trend-added", &t.files_added),
        ("Assets removed", "trend-removed", &t.files_removed),
    ] {
        if items.is_empty() {
            continue;
        }
        let _ = write!(
            out,
            "<details id=\"{id}\"><summary>{title} ({})</summary><ul>",
            items.len()
        );
        for p in items {
            let _ = write!(out, "<li><code>{}</code></li>", esc(p));
        }
        out.push_str("</ul></details>");
    }
    if !t.files_changed.is_empty() {
        out.push_str("<h3>Assets that changed</h3><div class=\"scroll\"><table id=\"trend-files\" class=\"sortable\"><thead><tr><th>Path</th><th class=\"num\">Score before</th><th class=\"num\">Score now</th><th class=\"num\">Change</th><th class=\"num\">New</th><th class=\"num\">Fixed</th></tr></thead><tbody>");
        for f in &t.files_changed {
            let d = i64::from(f.score) - i64::from(f.score_before);
            let _ = write!(
                out,
                "<tr><td class=\"path\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\" data-v=\"{d}\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                esc(&f.path),
                f.score_before,
                f.score,
                delta(d),
                f.new,
                f.fixed
            );
        }
        out.push_str("</tbody></table></div>");
    }
    if !t.coverage.is_empty() {
        out.push_str("<h3>Coverage change</h3><table id=\"trend-coverage\"><thead><tr><th>Message</th><th class=\"num\">Before</th><th class=\"num\">Now</th><th class=\"num\">Change</th></tr></thead><tbody>");
        for c in &t.coverage {
            let before = c
                .before
                .map(|b| format!("{b} of {}", c.before_of))
                .unwrap_or_else(|| "new message".into());
            let d = c
                .before
                .map_or(String::new(), |b| delta(c.after as i64 - b as i64));
            let _ = write!(
                out,
                "<tr><td><code>{}</code></td><td class=\"num\">{before}</td><td class=\"num\">{} of {}</td><td class=\"num\">{d}</td></tr>",
                esc(&c.id),
                c.after,
                c.after_of
            );
        }
        out.push_str("</tbody></table>");
    }
    out.push_str("</section>\n");
}

/// Sort key of a confidence: high first.
fn conf_rank(c: &str) -> u8 {
    match c {
        "high" => 0,
        "medium" => 1,
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("\"><img src=x onerror='alert(1)'>&"),
            "&quot;&gt;&lt;img src=x onerror=&#39;alert(1)&#39;&gt;&amp;"
        );
    }
}
