//! `msglint audit` as one self-contained HTML page: inline CSS, inline SVG charts that
//! scale, a little inline JavaScript to sort, filter and open findings (the page reads
//! without it, except the findings of a very large report, which it renders on demand).
//! Nothing is fetched: a Content-Security-Policy allows no source but the page's own style
//! and its one script (by nonce), so even a rendering bug could not load or run anything.
//!
//! The page is written for its readers: the verdict and the actions with the most effect
//! first ("Fix first"), every table in full (no inner scroll boxes; sticky headers), paths
//! shown as folder and file name with the common prefix said once, a phone layout, a print
//! style sheet that keeps every row and colour, findings in plain language (rule titles,
//! locations in words, excerpts as the reader sees the text, reworded statements as struck
//! and inserted words).
//!
//! Every string that came from an asset or the platform goes through [`esc`].

use super::plain::{self, Word};
use super::{Audit, AuditDiag, AuditFile, circulating_kind};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

/// Above this many findings, the findings section is rendered on demand (from a JSON data
/// block) instead of in the page, so that a 20,000-finding report opens at once.
pub const INLINE_FINDINGS: usize = 1500;

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
:root{--bad:#b42318;--warn:#b54708;--info:#175cd3;--ok:#067647;--line:#d0d5dd;--muted:#475467;--bg:#f9fafb;--bar:48px}
*{box-sizing:border-box}
html{scroll-padding-top:calc(var(--bar) + 8px)}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#101828;margin:0;background:#fff}
header,main,nav.bar{max-width:1200px;margin:0 auto;padding:0 24px}
header{padding-top:20px}
.eyebrow{color:var(--muted);margin:0 0 4px;font-size:14px}
h1{font-size:28px;line-height:1.2;margin:0 0 6px}
h1.v-bad{color:var(--bad)}h1.v-mid{color:var(--warn)}h1.v-ok{color:var(--ok)}
.lede{margin:0 0 8px;font-size:16px;display:none}
h2{font-size:20px;margin:28px 0 8px;padding-top:8px;border-top:1px solid var(--line)}
h3{font-size:16px;margin:0}
nav.bar{position:sticky;top:0;background:#fff;border-bottom:1px solid var(--line);padding-top:6px;padding-bottom:6px;z-index:3;display:flex;flex-wrap:wrap;align-items:center;gap:4px 14px}
nav.bar a{color:var(--info);text-decoration:none;white-space:nowrap}
nav.bar input{margin-left:auto}
.muted{color:var(--muted)}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0}
.card{border:1px solid var(--line);border-radius:8px;padding:8px 14px;min-width:120px;background:var(--bg)}
.card b{display:block;font-size:22px}
.score-big{font-size:40px;font-weight:700}
dl.meta{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:2px 16px;margin:8px 0}
dl.meta dt{color:var(--muted)}dl.meta dd{margin:0;overflow-wrap:anywhere}
[id]{scroll-margin-top:calc(var(--bar) + 8px)}
#fix-first ol{padding-left:0;list-style:none;counter-reset:fx;margin:8px 0}
#fix-first li{counter-increment:fx;display:grid;grid-template-columns:4em minmax(0,1fr);gap:2px 12px;border:1px solid var(--line);border-radius:8px;padding:8px 12px;margin:6px 0}
#fix-first .gain{grid-row:span 2;font-size:20px;white-space:nowrap;font-weight:700;color:var(--ok);text-align:right}
#fix-first .gain small{display:block;font-size:11px;font-weight:400;color:var(--muted)}
#fix-first .act{font-weight:600}
#fix-first .why{font-size:13px;color:var(--muted)}
.charts{display:flex;flex-wrap:wrap;gap:16px}
figure{margin:0;border:1px solid var(--line);border-radius:8px;padding:12px;background:#fff;flex:1 1 340px;min-width:0}
figcaption{font-weight:600;margin-bottom:6px}
svg.chart{width:100%;height:auto;display:block}
svg text{font:12px system-ui,sans-serif;fill:#344054}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
td{overflow-wrap:anywhere}
ol.findings li div,blockquote.ctx,.trend-list li{overflow-wrap:anywhere}
thead th{position:sticky;top:var(--bar);background:var(--bg);z-index:1;box-shadow:0 1px 0 var(--line)}
th button{all:unset;cursor:pointer;font-weight:600}
th button:focus-visible{outline:2px solid var(--info)}
th[aria-sort=ascending] button::after{content:" \25B2"}
th[aria-sort=descending] button::after{content:" \25BC"}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.dir{color:var(--muted)}
td.path,.carriers{overflow-wrap:break-word;min-width:12em}
.path b{font-weight:600}
.fn{white-space:nowrap}.fn.long{white-space:normal;overflow-wrap:anywhere}
.sev{display:inline-block;border-radius:4px;padding:0 6px;font-size:12px;font-weight:600;color:#fff;background:var(--info)}
.sev-error{background:var(--bad)}.sev-warning{background:var(--warn)}
.s0{color:var(--bad);font-weight:600}.s1{color:var(--warn);font-weight:600}.s2{color:var(--ok);font-weight:600}
#coverage-matrix td.y{background:#ecfdf3;color:var(--ok);text-align:center}
#coverage-matrix td.n{background:#fef3f2;color:var(--bad);text-align:center}
#coverage-matrix td.u{color:var(--muted);text-align:center}
#coverage-matrix tfoot td{font-weight:600;background:var(--bg);text-align:center}
#coverage-matrix th.msg{text-align:center;min-width:4.5em;max-width:10em;font-size:13px}
details.file{border:1px solid var(--line);border-radius:8px;margin:8px 0;padding:6px 12px}
details.file>summary{cursor:pointer}
details.file>summary h3{display:inline;font-size:15px;overflow-wrap:break-word}
ol.findings{padding-left:0;list-style:none;margin:6px 0}
ol.findings li{margin:8px 0;padding:6px 10px;border-left:4px solid var(--info);background:#fcfcfd}
ol.findings li.error{border-left-color:var(--bad)}ol.findings li.warning{border-left-color:var(--warn)}
li.hit{outline:2px solid var(--info)}
.loc{color:var(--muted);font-size:13px}
.rt{font-weight:600}
code{font:13px ui-monospace,SFMono-Regular,Menlo,monospace;background:var(--bg);padding:0 3px;border-radius:3px;overflow-wrap:anywhere}
blockquote.ctx{margin:4px 0;padding:4px 10px;border-left:3px solid var(--line);background:var(--bg);overflow-wrap:break-word}
mark{background:#fedf89}
del{color:var(--bad);background:#fef3f2}ins{color:var(--ok);background:#ecfdf3;text-decoration:none;font-weight:600}
.up{color:var(--ok)}.down{color:var(--bad)}
input[type=search]{font:inherit;padding:4px 8px;width:340px;max-width:100%}
.tools{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:6px 0}
.tools button{font:inherit;font-size:13px;padding:2px 10px;border:1px solid var(--line);border-radius:6px;background:#fff;cursor:pointer}
.empty{padding:8px 12px;background:var(--bg);border-radius:8px}
.count{color:var(--muted);font-size:13px}
.trend-list li{margin:4px 0}
.quote{color:#344054}
@media (max-width:640px){
 header,main,nav.bar{padding-left:12px;padding-right:12px}
 nav.bar{position:static}
 :root{--bar:0px}
 header .cards{display:none}
 .lede{display:block}
 .fn{white-space:normal;overflow-wrap:anywhere}
 nav.bar input{margin-left:0;width:100%}
 h1{font-size:22px}
 table.stack,table.stack tbody,table.stack tfoot,table.stack tr,table.stack td{display:block;width:auto}
 table.stack thead{display:none}
 table.stack tr{border:1px solid var(--line);border-radius:8px;margin:8px 0;padding:6px 8px}
 table.stack td{border:0;padding:1px 0;text-align:left;min-width:0}
 table.stack td[data-label]::before{content:attr(data-label) ": ";color:var(--muted);font-weight:400}
 #coverage-matrix td.y,#coverage-matrix td.n,#coverage-matrix td.u{display:inline-block;margin:2px;padding:0 6px;border-radius:4px}
 #coverage-matrix td[data-m]::after{content:" " attr(data-m)}
 #coverage-matrix tfoot td{display:inline-block;background:none}
 #fix-first li{grid-template-columns:3.4em minmax(0,1fr);padding:8px}
 #fix-first .gain{font-size:16px}
}
@media print{
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 :root{--bar:0px}
 body{font-size:11px}
 header,main{max-width:none;padding:0}
 nav.bar,.tools,noscript{display:none}
 thead th{position:static;box-shadow:none}
 thead{display:table-header-group}
 tr,li,figure,details.file>summary{break-inside:avoid}
 h2{break-after:avoid}
 a{color:inherit;text-decoration:none}
 figure{flex:1 1 45%}
 .empty[hidden]{display:none}
}
"#;

const SCRIPT: &str = r##"
(function(){
"use strict";
var doc=document,slice=function(l){return Array.prototype.slice.call(l);};
var $=function(s,r){return (r||doc).querySelector(s);},$$=function(s,r){return slice((r||doc).querySelectorAll(s));};
function bar(){var n=$("nav.bar"),h=n&&getComputedStyle(n).position==="sticky"?n.offsetHeight:0;doc.documentElement.style.setProperty("--bar",h+"px");}
bar();addEventListener("resize",bar);
// Sorting: numbers high-first on the first click, text A-Z; the column already sorted flips.
$$("table.sortable").forEach(function(t){
  var heads=t.tHead.rows[0].cells;
  slice(heads).forEach(function(th,i){
    var b=doc.createElement("button");b.type="button";
    while(th.firstChild)b.appendChild(th.firstChild);
    th.appendChild(b);
    b.addEventListener("click",function(){
      var t0=performance.now(),cur=th.getAttribute("aria-sort"),num=th.classList.contains("num");
      var asc=cur?cur!=="ascending":!num;
      slice(heads).forEach(function(h){h.removeAttribute("aria-sort");});
      th.setAttribute("aria-sort",asc?"ascending":"descending");
      var body=t.tBodies[0],rows=slice(body.rows);
      var mark={y:1,n:0,u:-1};
      var keyed=rows.map(function(r,j){var c=r.cells[i],v=c?(c.hasAttribute("data-v")?c.getAttribute("data-v"):c.className in mark?mark[c.className]:c.textContent):"";return [num?(parseFloat(v)||0):String(v).toLowerCase(),j,r];});
      keyed.sort(function(a,b){var x=asc?a[0]:b[0],y=asc?b[0]:a[0];return x<y?-1:x>y?1:a[1]-b[1];});
      var f=doc.createDocumentFragment();keyed.forEach(function(k){f.appendChild(k[2]);});body.appendChild(f);
      doc.body.setAttribute("data-sort-ms",Math.round(performance.now()-t0));
    });
  });
});
// Findings rendered on demand (large reports): the data block is gzip in base64.
var data=null;
function lazy(){
  if(!data){var s=$("#findings-data");
    if(!s)data=Promise.resolve(null);
    else{var bin=atob(s.textContent.trim()),u=new Uint8Array(bin.length);for(var i=0;i<bin.length;i++)u[i]=bin.charCodeAt(i);
      data=new Response(new Blob([u]).stream().pipeThrough(new DecompressionStream("gzip"))).text().then(JSON.parse);}}
  return data;
}
function fill(d){
  if(!d||!d.hasAttribute("data-lazy"))return Promise.resolve();
  return lazy().then(function(dt){
    if(!d.hasAttribute("data-lazy"))return;
    var body=$(".body",d);if(dt&&body)body.innerHTML=dt.files[d.getAttribute("data-i")]||"";
    d.removeAttribute("data-lazy");scopes=null;if(last)apply(last,true);
  });
}
doc.addEventListener("toggle",function(e){var d=e.target;if(d.matches&&d.matches("details.file")&&d.open)fill(d);},true);
// Anchors open what they point at, below the bar.
function show(el){
  if(el.matches("details"))el.open=true;
  for(var d=el.parentElement&&el.parentElement.closest("details");d;d=d.parentElement&&d.parentElement.closest("details"))d.open=true;
  $$(".hit").forEach(function(h){h.classList.remove("hit");});
  el.classList.add("hit");el.scrollIntoView({block:"start"});
}
function reveal(id){
  if(!id)return;
  var el=doc.getElementById(id);
  if(el){var g=el.matches("details.file")?el:el.closest("details.file");if(g&&g.hasAttribute("data-lazy"))fill(g).then(function(){show(el);});else show(el);return;}
  if(id.indexOf("d-")===0&&$("#findings-data"))lazy().then(function(dt){
    var i=dt&&dt.fp[id.slice(2)],g=i===undefined?null:doc.getElementById("f-"+i);
    if(g)fill(g).then(function(){var e=doc.getElementById(id);if(e)show(e);});
  });
}
doc.addEventListener("click",function(e){
  var a=e.target.closest&&e.target.closest('a[href^="#"]');if(!a)return;
  var id=decodeURIComponent(a.getAttribute("href").slice(1));if(!id)return;
  e.preventDefault();history.pushState(null,"","#"+id);reveal(id);
});
addEventListener("hashchange",function(){reveal(decodeURIComponent(location.hash.slice(1)));});
if(location.hash)reveal(decodeURIComponent(location.hash.slice(1)));
// Expand and collapse all.
$$(".tools").forEach(function(t){t.hidden=false;});
var ex=$("#expand-all"),co=$("#collapse-all");
if(ex)ex.addEventListener("click",function(){var t0=performance.now();Promise.all($$("details.file").filter(function(d){return !d.hidden;}).map(function(d){d.open=true;return fill(d);})).then(function(){doc.body.setAttribute("data-expand-ms",Math.round(performance.now()-t0));});});
if(co)co.addEventListener("click",function(){$$("details.file").forEach(function(d){d.open=false;});});
// One filter for the whole report: every word must appear in a row's folder, file, kind,
// owner, rules, severities or confidences.
var input=$("#report-filter"),scopes=null,last="";
function key(e){var p=e.parentElement&&e.parentElement.closest("[data-f]");return (p?p.getAttribute("data-f")+" ":"")+e.getAttribute("data-s");}
function collect(){scopes=$$("[data-filter]").map(function(sc){var items=$$("[data-s]",sc);return {sc:sc,items:items,keys:items.map(key),empty:$(".empty[data-for='"+sc.id+"']"),count:$(".count[data-for='"+sc.id+"']")};});}
function apply(q,again){
  var t0=performance.now();if(!scopes)collect();
  var words=q.toLowerCase().split(/\s+/).filter(Boolean);
  scopes.forEach(function(s){
    var shown=0,groups=0;
    for(var i=0;i<s.items.length;i++){
      var ok=true,k=s.keys[i];for(var w=0;w<words.length;w++){if(k.indexOf(words[w])<0){ok=false;break;}}
      var el=s.items[i];if(el.hidden===ok)el.hidden=!ok;
      if(!el.parentElement.closest("[data-s]")){groups++;if(ok)shown++;}
    }
    if(s.empty){s.empty.hidden=shown>0;s.empty.textContent=shown>0?"":"Nothing here matches \u201c"+q.trim()+"\u201d.";}
    if(s.count)s.count.textContent=words.length?shown+" of "+groups+" shown":"";
  });
  last=q;
  if(!again)doc.body.setAttribute("data-filter-ms",Math.round(performance.now()-t0));
}
if(input){input.hidden=false;input.addEventListener("input",function(){apply(input.value);});
  // Read every row's words once the page is idle, not on the first keystroke.
  (window.requestIdleCallback||setTimeout)(function(){if(!scopes)collect();});}
// Printing: every file's findings open (on-demand ones stay as they are).
addEventListener("beforeprint",function(){$$("details.file:not([data-lazy])").forEach(function(d){d.setAttribute("data-was",d.open?"1":"");d.open=true;});});
addEventListener("afterprint",function(){$$("details.file[data-was]").forEach(function(d){d.open=d.getAttribute("data-was")==="1";d.removeAttribute("data-was");});});
})();
"##;

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

/// A rule's short title for readers (the id and its summary go in a tooltip).
pub fn rule_title(rule: &str) -> &str {
    match rule {
        "brand-name" => "Misspelt name",
        "preferred-term" => "Non-approved term",
        "retired-term" => "Retired name or message",
        "claim-mismatch" => "Stale number",
        "message-drift" => "Reworded message",
        "boilerplate-drift" => "Edited boilerplate",
        "unsupported-superlative" => "Unsupported superlative",
        "off-icp" => "Outside the ideal customer",
        "competitor-mention" => "Competitor named",
        "withdrawn-reference" => "Withdrawn customer reference",
        "cross-asset-conflict" => "Assets disagree",
        "missing-message" => "Missing message",
        "unreadable" => "Cannot be read",
        other => other,
    }
}

fn rule_tip(rule: &str) -> String {
    let summary = crate::rules::lookup(rule).map_or("", |r| r.summary);
    format!("{rule}: {}", summary.replace('`', ""))
}

/// Where a finding is, as a person reads it: "slide 4 · image description".
pub fn location(d: &AuditDiag) -> String {
    super::place_words(d, None)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn gain(g: f64) -> String {
    if g >= 1.0 || g == 0.0 {
        format!("+{}", g.round())
    } else {
        format!("+{g:.1}")
    }
}

/// Paths as folder (muted) and file name (bold), without the folder every path shares,
/// breakable only after a `/`.
struct Paths {
    prefix: String,
}

impl Paths {
    fn new(files: &[AuditFile]) -> Paths {
        let mut prefix: Option<&str> = None;
        for f in files {
            let dir = f.path.rfind('/').map_or("", |i| &f.path[..=i]);
            prefix = Some(match prefix {
                None => dir,
                Some(p) => {
                    let common = p
                        .char_indices()
                        .zip(dir.chars())
                        .take_while(|((_, a), b)| a == b)
                        .last()
                        .map_or(0, |((i, c), _)| i + c.len_utf8());
                    let common = &p[..common];
                    common.rfind('/').map_or("", |i| &common[..=i])
                }
            });
        }
        Paths {
            prefix: prefix.unwrap_or("").to_owned(),
        }
    }

    fn short<'a>(&self, path: &'a str) -> &'a str {
        path.strip_prefix(self.prefix.as_str()).unwrap_or(path)
    }

    /// The path as HTML.
    fn html(&self, path: &str) -> String {
        let short = self.short(path);
        let (dir, name) = match short.rfind('/') {
            Some(i) => (&short[..=i], &short[i + 1..]),
            None => ("", short),
        };
        let mut out = String::new();
        if !dir.is_empty() {
            out.push_str("<span class=\"dir\">");
            for part in dir.split_inclusive('/') {
                let _ = write!(out, "{}<wbr>", esc(part));
            }
            out.push_str("</span>");
        }
        // A short name never breaks (not even at a hyphen); a long one wraps where it must.
        let class = if name.chars().count() <= 40 {
            "fn"
        } else {
            "fn long"
        };
        let _ = write!(out, "<b class=\"{class}\">{}</b>", esc(name));
        out
    }
}

struct Ctx<'a> {
    a: &'a Audit,
    paths: Paths,
    kinds: HashMap<&'a str, &'a str>,
    /// Index of each file in `a.files` (anchors `f-N`).
    index: HashMap<&'a str, usize>,
    by_file: BTreeMap<&'a str, Vec<&'a AuditDiag>>,
    owners: bool,
}

impl Ctx<'_> {
    fn kind(&self, path: &str) -> &str {
        self.kinds.get(path).copied().unwrap_or("")
    }

    fn file_link(&self, path: &str) -> String {
        match self.index.get(path) {
            Some(i) if self.by_file.contains_key(path) => {
                format!("<a href=\"#f-{i}\">{}</a>", self.paths.html(path))
            }
            _ => self.paths.html(path),
        }
    }
}

pub fn render(a: &Audit) -> String {
    let by_file: BTreeMap<&str, Vec<&AuditDiag>> =
        a.diagnostics.iter().fold(BTreeMap::new(), |mut m, d| {
            m.entry(d.path.as_str()).or_insert_with(Vec::new).push(d);
            m
        });
    let cx = Ctx {
        a,
        paths: Paths::new(&a.files),
        kinds: a
            .files
            .iter()
            .map(|f| (f.path.as_str(), f.kind.as_str()))
            .collect(),
        index: a
            .files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.path.as_str(), i))
            .collect(),
        by_file,
        owners: a.files.iter().any(|f| f.owner.is_some()),
    };
    let mut body = String::with_capacity(64 * 1024 + a.diagnostics.len() * 700);

    header(&mut body, &cx);
    let mut nav = vec![("fix-first", "Fix first")];
    if a.compare.is_some() {
        nav.push(("trend", "Since last audit"));
    }
    nav.push(("charts", "At a glance"));
    if cx.owners {
        nav.push(("owners", "Owners"));
    }
    nav.extend([
        ("assets", "Assets"),
        ("coverage", "Message coverage"),
        ("problems", "Circulating problems"),
        ("findings", "All findings"),
    ]);
    body.push_str("<nav class=\"bar\" aria-label=\"Sections\">");
    for (id, label) in &nav {
        let _ = write!(body, "<a href=\"#{id}\">{label}</a>");
    }
    body.push_str("<input id=\"report-filter\" type=\"search\" placeholder=\"Filter: folder, kind, rule, severity, owner…\" aria-label=\"Filter the whole report\" hidden></nav><main>");
    fix_first(&mut body, &cx);
    if a.compare.is_some() {
        trend(&mut body, &cx);
    }
    charts(&mut body, a);
    if cx.owners {
        owners(&mut body, &cx);
    }
    assets(&mut body, &cx);
    coverage(&mut body, &cx);
    problems(&mut body, &cx);
    let data = findings(&mut body, &cx);
    body.push_str("</main>");

    // The nonce is a hash of the page's own content: no asset text can predict it.
    let nonce = crate::diagnostic::fnv64(&[&body, data.as_deref().unwrap_or(""), SCRIPT]);
    let mut out = String::with_capacity(
        body.len() + STYLE.len() + SCRIPT.len() + data.as_ref().map_or(0, String::len) + 1024,
    );
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-{nonce}'; img-src 'none'; form-action 'none'; base-uri 'none'\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"msglint {}\">\n<title>Messaging audit: {} ({})</title>\n<style>{STYLE}</style></head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        esc(&a.platform.company),
        esc(&a.generated)
    );
    out.push_str(&body);
    if let Some(d) = data {
        // Data, not script (the CSP runs only the nonce'd script): gzip in base64.
        let _ = write!(
            out,
            "\n<script type=\"application/gzip;base64\" id=\"findings-data\">{d}</script>"
        );
    }
    let _ = write!(
        out,
        "\n<script nonce=\"{nonce}\">{SCRIPT}</script>\n</body></html>\n"
    );
    out
}

/// The verdict in one sentence, and its class.
fn verdict(a: &Audit) -> (String, &'static str) {
    let s = &a.summary;
    let n = a.files.len();
    let failing = a
        .files
        .iter()
        .filter(|f| f.errors > 0 || f.unreadable.is_some())
        .count();
    if n == 0 {
        return ("No assets were audited".into(), "v-mid");
    }
    if failing > 0 {
        return (
            format!(
                "{failing} of {} need fixing before they go out",
                plural(n, "asset", "assets")
            ),
            "v-bad",
        );
    }
    if s.warnings > 0 {
        return (
            format!(
                "On message, with {} to review",
                plural(s.warnings, "warning", "warnings")
            ),
            "v-mid",
        );
    }
    ("On message: nothing to fix".into(), "v-ok")
}

fn header(out: &mut String, cx: &Ctx) {
    let a = cx.a;
    let s = &a.summary;
    let (v, class) = verdict(a);
    let _ = write!(
        out,
        "<header id=\"summary\"><p class=\"eyebrow\">Messaging audit · {} · {}</p><h1 id=\"verdict\" class=\"{class}\">{}</h1>",
        esc(&a.platform.company),
        esc(&a.generated),
        esc(&v)
    );
    let mut parts = vec![format!(
        "Library score <b class=\"{}\">{}</b>/100",
        score_class(a.score),
        a.score
    )];
    if s.errors > 0 {
        parts.push(plural(s.errors, "error", "errors"));
    }
    if s.warnings > 0 {
        parts.push(plural(s.warnings, "warning", "warnings"));
    }
    if s.infos > 0 {
        parts.push(plural(s.infos, "note", "notes"));
    }
    if s.unreadable > 0 {
        parts.push(format!(
            "<a href=\"#unreadable\">{} unreadable</a>",
            plural(s.unreadable, "file", "files")
        ));
    }
    let _ = write!(out, "<p class=\"lede\">{}.</p>", parts.join(" · "));
    let _ = write!(
        out,
        "<div class=\"cards\"><div class=\"card\">Library score<span class=\"score-big {}\" id=\"library-score\"> {}</span><span class=\"muted\">/100</span></div><div class=\"card\"><b>{}</b>assets</div><div class=\"card\"><b class=\"s0\">{}</b>errors</div><div class=\"card\"><b class=\"s1\">{}</b>warnings</div>",
        score_class(a.score),
        a.score,
        s.files,
        s.errors,
        s.warnings,
    );
    if s.infos > 0 {
        let _ = write!(out, "<div class=\"card\"><b>{}</b>notes</div>", s.infos);
    }
    if s.unreadable > 0 {
        let _ = write!(
            out,
            "<div class=\"card\"><b class=\"s0\">{}</b>unreadable</div>",
            s.unreadable
        );
    }
    out.push_str("</div>");
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &a.files {
        *kinds.entry(f.kind.as_str()).or_default() += 1;
    }
    let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{n} {k}")).collect();
    let _ = write!(
        out,
        "<dl class=\"meta\"><dt>Platform</dt><dd>{} — <code>{}</code>{}</dd><dt>Assets</dt><dd>{}{}</dd>",
        esc(&a.platform.company),
        esc(&a.platform.path),
        a.platform
            .date
            .as_deref()
            .map(|d| format!(", dated {}", esc(d)))
            .unwrap_or_default(),
        if kinds.is_empty() {
            "none".to_owned()
        } else {
            esc(&kinds.join(", "))
        },
        if cx.paths.prefix.is_empty() {
            String::new()
        } else {
            format!(
                "; paths below are in <code id=\"common-prefix\">{}</code>",
                esc(&cx.paths.prefix)
            )
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
                "<li>{}: {}</li>",
                cx.paths.html(&f.path),
                esc(f.unreadable.as_deref().unwrap_or(""))
            );
        }
        out.push_str("</ul></details>");
    }
    out.push_str("</header>\n");
}

fn fix_first(out: &mut String, cx: &Ctx) {
    let a = cx.a;
    out.push_str("<section id=\"fix-first\"><h2>Fix first</h2>");
    if a.fix_first.is_empty() {
        out.push_str(
            "<p id=\"fix-first-none\">Nothing to fix: no finding in any asset.</p></section>\n",
        );
        return;
    }
    let _ = write!(
        out,
        "<p class=\"muted\">The {} with the most effect: each fixes the same problem in every asset that has it. Ranked by assets × severity × confidence; the number is what the library score (now {}) would gain.</p><ol id=\"fix-first-list\">",
        plural(a.fix_first.len(), "action", "actions"),
        a.score
    );
    for (i, f) in a.fix_first.iter().enumerate() {
        let shown: Vec<String> = f.files.iter().take(6).map(|p| cx.file_link(p)).collect();
        let more = f.files.len().saturating_sub(6);
        let _ = write!(
            out,
            "<li data-rank=\"{}\" data-rule=\"{}\" data-gain=\"{}\"><span class=\"gain\" title=\"library score points\">{}<small>points</small></span><a class=\"act\" href=\"#d-{}\">{}</a><span class=\"why\"><span class=\"sev sev-{}\">{}</span> <span title=\"{}\">{}</span>{} · {} · in {}{}</span></li>",
            i + 1,
            esc(&f.rule),
            f.score_gain,
            gain(f.score_gain),
            esc(&f.first),
            esc(&f.action),
            esc(&f.severity),
            esc(&f.severity),
            esc(&rule_tip(&f.rule)),
            esc(rule_title(&f.rule)),
            if f.confidence == "high" {
                String::new()
            } else {
                format!(", {} confidence", esc(&f.confidence))
            },
            plural(f.findings, "finding", "findings"),
            shown.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        );
    }
    out.push_str("</ol></section>\n");
}

/// A bar chart as SVG that scales to its box (a viewBox, no fixed size).
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
        "<figure id=\"chart-scores\"><figcaption>Assets per score band</figcaption><svg class=\"chart\" role=\"img\" aria-label=\"Assets per score band\" viewBox=\"0 0 {w} {h}\">"
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
            plural(*n, "asset", "assets"),
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
    let (rw, label_w) = (520.0, 200.0);
    let _ = write!(
        out,
        "<figure id=\"chart-rules\"><figcaption>Findings by problem</figcaption><svg class=\"chart\" role=\"img\" aria-label=\"Findings by problem\" viewBox=\"0 0 {rw} {rh}\">"
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
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}<title>{}</title></text><rect x=\"{label_w}\" y=\"{:.1}\" width=\"{bw:.1}\" height=\"{:.1}\" fill=\"{color}\"><title>{}: {n}</title></rect><text x=\"{:.1}\" y=\"{:.1}\">{n}</text>",
            label_w - 6.0,
            y + 15.0,
            esc(rule_title(rule)),
            esc(&rule_tip(rule)),
            y + 3.0,
            row - 6.0,
            esc(rule_title(rule)),
            label_w + bw + 4.0,
            y + 15.0
        );
    }
    out.push_str("</svg></figure></div></section>\n");
}

/// The words of a file itself: folder and file name, kind, owner.
fn file_key(cx: &Ctx, path: &str) -> String {
    let mut k = cx.paths.short(path).to_lowercase();
    k.push(' ');
    k.push_str(cx.kind(path));
    if let Some(o) = cx
        .index
        .get(path)
        .and_then(|i| cx.a.files.get(*i))
        .and_then(|f| f.owner.as_deref())
    {
        k.push(' ');
        k.push_str(&o.to_lowercase());
    }
    k
}

/// The words a row is found by: folder and file, kind, owner, and its findings' rules
/// (ids and titles), severities and confidences.
fn search_key(cx: &Ctx, path: &str) -> String {
    let mut k = file_key(cx, path);
    let mut seen: Vec<&str> = Vec::new();
    for d in cx.by_file.get(path).map(Vec::as_slice).unwrap_or(&[]) {
        for w in [d.rule.as_str(), d.severity.as_str(), d.confidence.as_str()] {
            if !seen.contains(&w) {
                seen.push(w);
            }
        }
    }
    for w in seen {
        k.push(' ');
        k.push_str(w);
        if let t @ ("error" | "warning" | "info" | "high" | "medium" | "low") = w {
            if matches!(t, "high" | "medium" | "low") {
                k.push_str("-confidence");
            }
        } else {
            k.push(' ');
            k.push_str(&rule_title(w).to_lowercase());
        }
    }
    if cx
        .index
        .get(path)
        .and_then(|i| cx.a.files.get(*i))
        .is_some_and(|f| f.unreadable.is_some())
    {
        k.push_str(" unreadable");
    }
    k
}

fn empty_and_count(out: &mut String, id: &str) {
    let _ = write!(
        out,
        "<p class=\"empty\" data-for=\"{id}\" hidden></p><p class=\"count\" data-for=\"{id}\"></p>"
    );
}

fn owners(out: &mut String, cx: &Ctx) {
    let a = cx.a;
    struct O {
        files: usize,
        score: u64,
        errors: usize,
        warnings: usize,
        unreadable: usize,
        before: u64,
        before_n: u64,
    }
    let changed: HashMap<&str, u32> = a
        .compare
        .as_ref()
        .map(|t| {
            t.files_changed
                .iter()
                .map(|f| (f.path.as_str(), f.score_before))
                .collect()
        })
        .unwrap_or_default();
    let added: Vec<&str> = a
        .compare
        .as_ref()
        .map(|t| t.files_added.iter().map(String::as_str).collect())
        .unwrap_or_default();
    let mut by: BTreeMap<&str, O> = BTreeMap::new();
    for f in &a.files {
        let o = by.entry(f.owner.as_deref().unwrap_or("")).or_insert(O {
            files: 0,
            score: 0,
            errors: 0,
            warnings: 0,
            unreadable: 0,
            before: 0,
            before_n: 0,
        });
        o.files += 1;
        o.score += u64::from(f.score);
        o.errors += f.errors;
        o.warnings += f.warnings;
        o.unreadable += usize::from(f.unreadable.is_some());
        if !added.contains(&f.path.as_str()) {
            o.before += u64::from(changed.get(f.path.as_str()).copied().unwrap_or(f.score));
            o.before_n += 1;
        }
    }
    let trend = a.compare.is_some();
    let mut rows: Vec<(&str, O)> = by.into_iter().collect();
    rows.sort_by_key(|(name, o)| (o.score / o.files.max(1) as u64, name.is_empty(), *name));
    out.push_str("<section id=\"owners\"><h2>By owner</h2><p class=\"muted\">Each owner's assets (platform <code>assets[].owner</code> or CODEOWNERS), lowest mean score first.</p><table id=\"owners-table\" class=\"sortable stack\"><thead><tr><th>Owner</th><th class=\"num\">Assets</th><th class=\"num\" aria-sort=\"ascending\">Score</th>");
    if trend {
        out.push_str("<th class=\"num\">Change</th>");
    }
    out.push_str("<th class=\"num\">Errors</th><th class=\"num\">Warnings</th><th class=\"num\">Unreadable</th></tr></thead><tbody>");
    for (name, o) in rows {
        let mean = (o.score + o.files as u64 / 2) / o.files.max(1) as u64;
        let _ = write!(
            out,
            "<tr data-owner=\"{}\"><td data-label=\"Owner\">{}</td><td class=\"num\" data-label=\"Assets\">{}</td><td class=\"num {}\" data-label=\"Score\">{mean}</td>",
            esc(name),
            if name.is_empty() {
                "<span class=\"muted\">(no owner)</span>".to_owned()
            } else {
                esc(name)
            },
            o.files,
            score_class(mean as u32),
        );
        if trend {
            let before = (o.before + o.before_n / 2).checked_div(o.before_n);
            let cell = if let Some(before) = before {
                let d = mean as i64 - before as i64;
                format!(
                    "<td class=\"num\" data-label=\"Change\" data-v=\"{d}\">{before} → {mean} {}</td>",
                    delta(d)
                )
            } else {
                "<td class=\"num\" data-label=\"Change\" data-v=\"0\">new</td>".to_owned()
            };
            out.push_str(&cell);
        }
        let _ = write!(
            out,
            "<td class=\"num\" data-label=\"Errors\">{}</td><td class=\"num\" data-label=\"Warnings\">{}</td><td class=\"num\" data-label=\"Unreadable\">{}</td></tr>",
            o.errors, o.warnings, o.unreadable
        );
    }
    out.push_str("</tbody></table></section>\n");
}

fn assets(out: &mut String, cx: &Ctx) {
    let a = cx.a;
    let mut files: Vec<&AuditFile> = a.files.iter().collect();
    files.sort_by(|x, y| {
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
        "<section id=\"assets\"><h2>Assets</h2><p class=\"muted\">One row per asset, worst first; click a column to sort (numbers high first).</p><table id=\"assets-table\" class=\"sortable stack\"><thead><tr><th>Asset</th><th>Kind</th><th class=\"num\" aria-sort=\"ascending\">Score</th><th class=\"num\">Errors</th><th class=\"num\">Warnings</th>{}<th>Worst finding</th></tr></thead><tbody id=\"assets-body\" data-filter>",
        if cx.owners { "<th>Owner</th>" } else { "" }
    );
    for f in files {
        let worst = cx.by_file.get(f.path.as_str()).and_then(|ds| {
            ds.iter()
                .copied()
                .max_by_key(|d| (sev_rank(&d.severity), std::cmp::Reverse(d.location.line)))
        });
        let worst = match (worst, &f.unreadable) {
            (_, Some(r)) => format!("<span class=\"sev sev-error\">unreadable</span> {}", esc(r)),
            (Some(d), None) => format!(
                "<span class=\"sev sev-{}\">{}</span> <span class=\"rt\" title=\"{}\">{}</span>: {}",
                esc(&d.severity),
                esc(&d.severity),
                esc(&rule_tip(&d.rule)),
                esc(rule_title(&d.rule)),
                esc(&d.message)
            ),
            (None, None) => "<span class=\"muted\">none</span>".into(),
        };
        let owner = if cx.owners {
            format!(
                "<td data-label=\"Owner\">{}</td>",
                f.owner.as_deref().map(esc).unwrap_or_default()
            )
        } else {
            String::new()
        };
        let _ = write!(
            out,
            "<tr data-s=\"{}\"><td class=\"path\" data-v=\"{}\">{}</td><td data-label=\"Kind\">{}</td><td class=\"num {}\" data-label=\"Score\">{}</td><td class=\"num\" data-label=\"Errors\">{}</td><td class=\"num\" data-label=\"Warnings\">{}</td>{owner}<td data-label=\"Worst\">{worst}</td></tr>",
            esc(&search_key(cx, &f.path)),
            esc(&f.path.to_lowercase()),
            cx.file_link(&f.path),
            esc(&f.kind),
            score_class(f.score),
            f.score,
            f.errors,
            f.warnings,
        );
    }
    out.push_str("</tbody></table>");
    empty_and_count(out, "assets-body");
    out.push_str("</section>\n");
}

fn coverage(out: &mut String, cx: &Ctx) {
    let a = cx.a;
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
    out.push_str("<p class=\"muted\">Which approved messages each asset states, in the approved wording, a variant or a keyword. Fewest first; hover a column for the message.</p><ul id=\"coverage-totals\">");
    for (m, t) in a.messages.iter().zip(&totals) {
        let _ = write!(
            out,
            "<li>{} “{}” appears in <b>{t}</b> of {readable} assets</li>",
            esc(match m.kind.as_str() {
                "tagline" => "The tagline",
                "value-prop" => "Value prop",
                _ => "Differentiator",
            }),
            esc(&m.text),
        );
    }
    out.push_str(
        "</ul><table id=\"coverage-matrix\" class=\"sortable stack\"><thead><tr><th>Asset</th>",
    );
    for m in &a.messages {
        let _ = write!(
            out,
            "<th class=\"msg num\" title=\"{}\" data-kind=\"{}\">{}</th>",
            esc(&m.text),
            esc(&m.kind),
            esc(&m.id)
        );
    }
    out.push_str("<th class=\"num\" aria-sort=\"ascending\">Stated</th></tr></thead><tbody id=\"coverage-body\" data-filter>");
    let mut files: Vec<&AuditFile> = a.files.iter().collect();
    let stated = |f: &AuditFile| -> i64 {
        f.coverage
            .as_ref()
            .map_or(-1, |c| c.iter().filter(|v| **v).count() as i64)
    };
    files.sort_by(|x, y| stated(x).cmp(&stated(y)).then(x.path.cmp(&y.path)));
    for f in files {
        let _ = write!(
            out,
            "<tr data-s=\"{}\"><td class=\"path\" data-v=\"{}\">{}</td>",
            esc(&search_key(cx, &f.path)),
            esc(&f.path.to_lowercase()),
            cx.paths.html(&f.path)
        );
        for (i, m) in a.messages.iter().enumerate() {
            // The sort key is the class (y 1, n 0, u -1): no per-cell attributes beyond
            // the phone's label.
            let (class, mark) = match &f.coverage {
                Some(c) if c.get(i).copied().unwrap_or(false) => ("y", "✓"),
                Some(_) => ("n", "✗"),
                None => ("u", "?"),
            };
            // The message's text is the column heading's tooltip (not repeated per cell:
            // 1,800 assets × a dozen messages).
            let _ = write!(
                out,
                "<td class={class} data-m=\"{}\">{mark}</td>",
                esc(&m.id)
            );
        }
        let n = stated(f);
        let _ = write!(
            out,
            "<td class=\"num\" data-v=\"{n}\" data-label=\"Stated\">{}</td></tr>",
            if n < 0 {
                "unreadable".to_owned()
            } else {
                format!("{n} of {}", a.messages.len())
            }
        );
    }
    out.push_str("</tbody><tfoot><tr><td>Assets stating it</td>");
    for (t, m) in totals.iter().zip(&a.messages) {
        let _ = write!(
            out,
            "<td class=\"num\" data-m=\"{}\">{t} of {readable}</td>",
            esc(&m.id)
        );
    }
    out.push_str("<td></td></tr><tr class=\"missing\"><td>Missing in</td>");
    for (t, m) in totals.iter().zip(&a.messages) {
        let _ = write!(
            out,
            "<td class=\"num s0\" data-m=\"{}\">{}</td>",
            esc(&m.id),
            plural(readable - t, "asset", "assets")
        );
    }
    out.push_str("<td></td></tr></tfoot></table>");
    empty_and_count(out, "coverage-body");
    out.push_str("</section>\n");
}

fn problems(out: &mut String, cx: &Ctx) {
    let a = cx.a;
    out.push_str("<section id=\"problems\"><h2>Circulating problems</h2><p class=\"muted\">Each distinct stale number, retired name, misspelt brand, unapproved superlative and drifted statement, with the assets that carry it.</p>");
    if a.circulating.is_empty() {
        out.push_str("<p>None found.</p></section>\n");
        return;
    }
    out.push_str("<table id=\"problems-table\" class=\"sortable stack\"><thead><tr><th>Problem</th><th>Text in circulation</th><th>Approved</th><th class=\"num\" aria-sort=\"descending\">Assets</th><th class=\"num\">Findings</th><th>Carried by</th></tr></thead><tbody id=\"problems-body\" data-filter>");
    for c in &a.circulating {
        debug_assert!(circulating_kind(&c.rule).is_some());
        let shown = 8;
        let list = |it: &mut dyn Iterator<Item = &String>| -> String {
            it.map(|p| cx.file_link(p)).collect::<Vec<_>>().join(", ")
        };
        let mut cell = list(&mut c.files.iter().take(shown));
        let rest = c.files.len().saturating_sub(shown);
        if rest > 0 {
            let _ = write!(
                cell,
                " <details><summary>and {rest} more</summary>{}</details>",
                list(&mut c.files.iter().skip(shown))
            );
        }
        let mut key = format!("{} {} {}", c.rule, rule_title(&c.rule), c.what).to_lowercase();
        for p in &c.files {
            key.push(' ');
            key.push_str(&search_key(cx, p));
        }
        let _ = write!(
            out,
            "<tr data-s=\"{}\"><td title=\"{}\">{}</td><td data-label=\"Text\">“{}”</td><td data-label=\"Approved\">{}</td><td class=\"num\" data-label=\"Assets\">{}</td><td class=\"num\" data-label=\"Findings\">{}</td><td class=\"carriers\" data-label=\"Carried by\">{cell}</td></tr>",
            esc(&key),
            esc(&rule_tip(&c.rule)),
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
    out.push_str("</tbody></table>");
    empty_and_count(out, "problems-body");
    out.push_str("</section>\n");
}

fn excerpt(out: &mut String, d: &AuditDiag, kind: &str) {
    let Some(e) = &d.excerpt else {
        return;
    };
    let p = plain::excerpt(&e.text, e.start, e.end, kind);
    if p.before.is_empty() && p.matched.is_empty() && p.after.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "<blockquote class=\"ctx\">{}<mark>{}</mark>{}</blockquote>",
        esc(&p.before),
        esc(&p.matched),
        esc(&p.after)
    );
}

fn words(out: &mut String, ws: &[Word]) {
    for w in ws {
        match w {
            Word::Same(s) => out.push_str(&esc(s)),
            Word::Struck(s) => {
                let _ = write!(out, "<del>{}</del>", esc(s));
            }
            Word::Inserted(s) => {
                let _ = write!(out, "<ins>{}</ins>", esc(s));
            }
        }
    }
}

/// One finding as a list item.
fn finding(out: &mut String, cx: &Ctx, d: &AuditDiag) {
    let kind = cx.kind(&d.path);
    let scope = d
        .excerpt
        .as_ref()
        .and_then(|e| plain::excerpt(&e.text, e.start, e.end, kind).scope);
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
        "<li id=\"d-{}\" class=\"{}\" data-s=\"{} {} {} {}-confidence\"><span class=\"sev sev-{}\">{}</span> <span class=\"rt\" title=\"{}\">{}</span> <span class=\"loc\">{}</span>{conf}<div>{}</div>",
        esc(&d.fingerprint),
        esc(&d.severity),
        esc(&d.rule),
        esc(&rule_title(&d.rule).to_lowercase()),
        esc(&d.severity),
        esc(&d.confidence),
        esc(&d.severity),
        esc(&d.severity),
        esc(&rule_tip(&d.rule)),
        esc(rule_title(&d.rule)),
        esc(&super::place_words(d, scope.as_deref())),
        esc(&d.message)
    );
    excerpt(out, d, kind);
    if let Some(s) = &d.suggestion {
        if matches!(d.rule.as_str(), "message-drift" | "boilerplate-drift") && !d.matched.is_empty()
        {
            out.push_str("<div class=\"diff\">Approved wording, as a change: ");
            words(out, &plain::word_diff(&d.matched, s));
            out.push_str("</div>");
        } else {
            let _ = write!(out, "<div>Approved wording: “{}”</div>", esc(s));
        }
    }
    if let Some(h) = &d.help {
        let h = plain::help(h);
        // "write “X”" says what the approved wording above already says.
        let repeats = d
            .suggestion
            .as_deref()
            .is_some_and(|s| h.starts_with("write ") || h.starts_with("say ") && h.contains(s));
        if !h.is_empty() && !repeats {
            let _ = write!(out, "<div class=\"muted\">{}</div>", esc(&h));
        }
    }
    for r in &d.related {
        let _ = write!(
            out,
            "<div class=\"loc\">see also {} line {}</div>",
            cx.file_link(&r.path),
            r.line
        );
    }
    out.push_str("</li>");
}

fn conf_rank(c: &str) -> u8 {
    match c {
        "high" => 0,
        "medium" => 1,
        _ => 2,
    }
}

/// The findings, by file, worst file first. Returns the on-demand data (JSON) of a large
/// report.
fn findings(out: &mut String, cx: &Ctx) -> Option<String> {
    let a = cx.a;
    let total = a.diagnostics.len();
    let lazy = total > INLINE_FINDINGS;
    let _ = write!(
        out,
        "<section id=\"findings\"><h2>All findings</h2><p class=\"muted\">{}, by asset, the worst asset first; in each, errors first.</p><div class=\"tools\" hidden><button type=\"button\" id=\"expand-all\">Expand all</button><button type=\"button\" id=\"collapse-all\">Collapse all</button></div>",
        plural(total, "finding", "findings")
    );
    if lazy {
        out.push_str("<noscript><p>This report is large: its findings are shown with JavaScript on. The CSV (<code>msglint audit --format csv</code>) lists them all.</p></noscript>");
    }
    out.push_str("<div id=\"findings-body\" data-filter>");
    let open = if total <= 200 { " open" } else { "" };
    let mut groups: Vec<(&str, &Vec<&AuditDiag>)> =
        cx.by_file.iter().map(|(p, ds)| (*p, ds)).collect();
    let file = |p: &str| cx.index.get(p).and_then(|i| a.files.get(*i));
    groups.sort_by_key(|(p, ds)| {
        let f = file(p);
        (
            f.map_or(0, |f| f.score),
            std::cmp::Reverse(f.map_or(ds.len(), |f| f.errors)),
            std::cmp::Reverse(ds.len()),
            *p,
        )
    });
    let mut data_files: BTreeMap<String, String> = BTreeMap::new();
    let mut data_fp: BTreeMap<&str, usize> = BTreeMap::new();
    for (n, (path, ds)) in groups.iter().enumerate() {
        let f = file(path);
        let i = cx.index.get(path).copied().unwrap_or(a.files.len() + n);
        let _ = write!(
            out,
            "<details class=\"file\" id=\"f-{i}\" data-i=\"{i}\" data-s=\"{}\" data-f=\"{}\"{}><summary><h3 title=\"{}\">{}</h3> <span class=\"muted\">{}{}</span></summary>",
            esc(&search_key(cx, path)),
            esc(&file_key(cx, path)),
            if lazy { " data-lazy" } else { open },
            esc(path),
            cx.paths.html(path),
            f.map(|f| format!("{}, score {}, ", esc(&f.kind), f.score))
                .unwrap_or_default(),
            plural(ds.len(), "finding", "findings"),
        );
        let mut ds: Vec<&&AuditDiag> = ds.iter().collect();
        ds.sort_by_key(|d| {
            (
                std::cmp::Reverse(sev_rank(&d.severity)),
                conf_rank(&d.confidence),
                d.location.line,
                d.location.column,
            )
        });
        let mut items = String::with_capacity(ds.len() * 600);
        items.push_str("<ol class=\"findings\">");
        for d in ds {
            finding(&mut items, cx, d);
            if lazy {
                data_fp.insert(&d.fingerprint, i);
            }
        }
        items.push_str("</ol>");
        if lazy {
            out.push_str("<div class=\"body\"></div>");
            data_files.insert(i.to_string(), items);
        } else {
            out.push_str(&items);
        }
        out.push_str("</details>");
    }
    out.push_str("</div>");
    empty_and_count(out, "findings-body");
    out.push_str("</section>\n");
    lazy.then(|| {
        let v = serde_json::json!({ "files": data_files, "fp": data_fp });
        packed(v.to_string().as_bytes())
    })
}

/// Gzip, then base64: 20,000 findings' markup is some 15 MB, which the browser would have
/// to read before the page is ready; packed it is well under a tenth of that, unpacked
/// (`DecompressionStream`) only when a finding is first opened. Base64 has no `<`, so
/// nothing in it can close the data block.
fn packed(bytes: &[u8]) -> String {
    use std::io::Write as _;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let zipped = gz
        .write_all(bytes)
        .and_then(|()| gz.finish())
        .unwrap_or_default();
    base64(&zipped)
}

/// Standard base64 with padding (the packed findings here, the corrected file on the rep's
/// page).
pub fn base64(data: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for c in data.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= c.len() {
                out.push(T[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn delta(n: i64) -> String {
    match n {
        0 => "±0".into(),
        n if n > 0 => format!("<span class=\"up\">+{n}</span>"),
        n => format!("<span class=\"down\">−{}</span>", -n),
    }
}

fn trend_item(out: &mut String, cx: &Ctx, f: &super::TrendFinding, link: bool) {
    let target = if link {
        format!("#d-{}", esc(&f.fingerprint))
    } else {
        cx.index
            .get(f.path.as_str())
            .filter(|_| cx.by_file.contains_key(f.path.as_str()))
            .map(|i| format!("#f-{i}"))
            .unwrap_or_default()
    };
    let path = if target.is_empty() {
        cx.paths.html(&f.path)
    } else {
        format!("<a href=\"{target}\">{}</a>", cx.paths.html(&f.path))
    };
    let _ = write!(
        out,
        "<li><span class=\"sev sev-{}\">{}</span> <span class=\"rt\" title=\"{}\">{}</span> in {path}{}: ",
        esc(&f.severity),
        esc(&f.severity),
        esc(&rule_tip(&f.rule)),
        esc(rule_title(&f.rule)),
        if f.place.is_empty() {
            String::new()
        } else {
            format!(" <span class=\"loc\">{}</span>", esc(&f.place))
        }
    );
    if f.text.is_empty() {
        let _ = write!(out, "{}</li>", esc(&f.message));
    } else {
        let _ = write!(out, "<span class=\"quote\">“{}”</span></li>", esc(&f.text));
    }
}

fn trend(out: &mut String, cx: &Ctx) {
    let a = cx.a;
    let Some(t) = &a.compare else {
        return;
    };
    let _ = write!(
        out,
        "<section id=\"trend\"><h2>Since the last audit ({})</h2><div class=\"cards\"><div class=\"card\"><b>{} → {}</b>library score {}</div><div class=\"card\"><b class=\"s0\">{}</b>{}</div><div class=\"card\"><b class=\"s2\">{}</b>fixed</div><div class=\"card\"><b>{}</b>edited, still open</div><div class=\"card\"><b>{}</b>still open</div><div class=\"card\"><b>{} / {}</b>assets added / removed</div></div>",
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
        t.changed.len(),
        t.still_open,
        t.files_added.len(),
        t.files_removed.len()
    );
    let cap = 500;
    let list = |out: &mut String, title: &str, id: &str, items: &[super::TrendFinding], link| {
        if items.is_empty() {
            return;
        }
        let _ = write!(
            out,
            "<details id=\"{id}\" open><summary>{title} ({})</summary><ul class=\"trend-list\">",
            items.len()
        );
        for f in items.iter().take(cap) {
            trend_item(out, cx, f, link);
        }
        if items.len() > cap {
            let _ = write!(out, "<li>and {} more</li>", items.len() - cap);
        }
        out.push_str("</ul></details>");
    };
    list(out, "New findings", "trend-new", &t.new, true);
    list(out, "Fixed findings", "trend-fixed", &t.fixed, false);
    if !t.changed.is_empty() {
        let _ = write!(
            out,
            "<details id=\"trend-changed\" open><summary>Edited, still open ({})</summary><ul class=\"trend-list\">",
            t.changed.len()
        );
        for c in t.changed.iter().take(cap) {
            let f = &c.after;
            let _ = write!(
                out,
                "<li><span class=\"sev sev-{}\">{}</span> <span class=\"rt\" title=\"{}\">{}</span> in <a href=\"#d-{}\">{}</a>: <span class=\"quote\">“",
                esc(&f.severity),
                esc(&f.severity),
                esc(&rule_tip(&f.rule)),
                esc(rule_title(&f.rule)),
                esc(&f.fingerprint),
                cx.paths.html(&f.path),
            );
            words(out, &plain::word_diff(&c.before.text, &f.text));
            out.push_str("”</span></li>");
        }
        out.push_str("</ul></details>");
    }
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
            let _ = write!(out, "<li>{}</li>", cx.file_link(p));
        }
        out.push_str("</ul></details>");
    }
    if !t.files_changed.is_empty() {
        out.push_str("<h3>Assets that changed</h3><table id=\"trend-files\" class=\"sortable stack\"><thead><tr><th>Asset</th><th class=\"num\">Score before</th><th class=\"num\">Score now</th><th class=\"num\">Change</th><th class=\"num\">New</th><th class=\"num\">Fixed</th></tr></thead><tbody>");
        for f in &t.files_changed {
            let d = i64::from(f.score) - i64::from(f.score_before);
            let _ = write!(
                out,
                "<tr><td class=\"path\" data-v=\"{}\">{}</td><td class=\"num\" data-label=\"Before\">{}</td><td class=\"num\" data-label=\"Now\">{}</td><td class=\"num\" data-v=\"{d}\" data-label=\"Change\">{}</td><td class=\"num\" data-label=\"New\">{}</td><td class=\"num\" data-label=\"Fixed\">{}</td></tr>",
                esc(&f.path.to_lowercase()),
                cx.file_link(&f.path),
                f.score_before,
                f.score,
                delta(d),
                f.new,
                f.fixed
            );
        }
        out.push_str("</tbody></table>");
    }
    if !t.coverage.is_empty() {
        out.push_str("<h3>Coverage change</h3><table id=\"trend-coverage\" class=\"stack\"><thead><tr><th>Message</th><th class=\"num\">Before</th><th class=\"num\">Now</th><th class=\"num\">Change</th></tr></thead><tbody>");
        for c in &t.coverage {
            let text = a
                .messages
                .iter()
                .find(|m| m.id == c.id)
                .map_or(c.id.as_str(), |m| m.text.as_str());
            let before = c
                .before
                .map(|b| format!("{b} of {}", c.before_of))
                .unwrap_or_else(|| "new message".into());
            let d = c
                .before
                .map_or(String::new(), |b| delta(c.after as i64 - b as i64));
            let _ = write!(
                out,
                "<tr><td title=\"{}\">“{}”</td><td class=\"num\" data-label=\"Before\">{before}</td><td class=\"num\" data-label=\"Now\">{} of {}</td><td class=\"num\" data-label=\"Change\">{d}</td></tr>",
                esc(&c.id),
                esc(text),
                c.after,
                c.after_of
            );
        }
        out.push_str("</tbody></table>");
    }
    out.push_str("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("\"><img src=x onerror='alert(1)'>&"),
            "&quot;&gt;&lt;img src=x onerror=&#39;alert(1)&#39;&gt;&amp;"
        );
    }

    #[test]
    fn paths_lose_their_common_folder_and_break_at_slashes() {
        let f = |p: &str| AuditFile {
            path: p.into(),
            kind: "markdown".into(),
            score: 100,
            errors: 0,
            warnings: 0,
            infos: 0,
            omitted: Default::default(),
            unreadable: None,
            coverage: None,
            owner: None,
        };
        let p = Paths::new(&[
            f("lib/demo/a/x.md"),
            f("lib/demo/b/y.md"),
            f("lib/demo/z.md"),
        ]);
        assert_eq!(p.prefix, "lib/demo/");
        assert_eq!(
            p.html("lib/demo/a/x.md"),
            "<span class=\"dir\">a/<wbr></span><b class=\"fn\">x.md</b>"
        );
        assert_eq!(p.html("lib/demo/z.md"), "<b class=\"fn\">z.md</b>");
        let p = Paths::new(&[f("lib/demo-1/x.md"), f("lib/demo-2/y.md")]);
        assert_eq!(p.prefix, "lib/");
        assert_eq!(Paths::new(&[f("x.md")]).prefix, "");
    }
}
