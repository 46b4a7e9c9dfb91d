// The rep's page: upload each file to /api/check, show its findings by slide or page,
// and for decks and Word files fetch a corrected copy from /api/fix. Every string taken
// from a file is inserted as text (textContent), never as HTML.
"use strict";
const results = []; // {name, report}
const el = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
};
const SEV = { error: "error", warning: "warning", info: "note" };

async function status() {
  try {
    const s = await (await fetch("/api/status")).json();
    if (s.company) document.getElementById("company").textContent = s.company;
    const p = document.getElementById("problem");
    p.hidden = !s.problem;
    p.textContent = s.problem ? "The platform file changed but cannot be used; the previous version is in use.\n" + s.problem : "";
  } catch (_) { /* the server is gone: keep the page */ }
}

function where(d) {
  const l = d.location || {};
  if (l.slide) return "Slide " + l.slide;
  if (l.page) return "Page " + l.page;
  if (l.shape) return l.shape;
  if (d.rule === "unreadable") return "File";
  return "Document";
}

function render(card, name, file, rep) {
  const f = (rep.files && rep.files[0]) || {};
  const diags = rep.diagnostics || [];
  const scoreBox = card.querySelector(".score");
  card.querySelector(".num").textContent = f.unreadable ? "–" : f.score;
  scoreBox.classList.add(f.unreadable ? "bad" : f.score >= 90 ? "good" : f.score >= 60 ? "mid" : "bad");
  const s = rep.summary || {};
  const counts = card.querySelector(".counts");
  if (f.unreadable) {
    counts.textContent = "Could not be read";
    const u = card.querySelector(".unreadable");
    u.hidden = false;
    u.textContent = "msglint cannot read this file: " + f.unreadable;
    return;
  }
  counts.textContent = diags.length === 0 ? "No findings: ready to send."
    : `${s.errors} error(s), ${s.warnings} warning(s), ${s.infos} note(s)`;
  if (diags.length === 0) counts.classList.add("clean");
  const groups = card.querySelector(".groups");
  const byPlace = new Map();
  for (const d of diags) {
    const k = where(d);
    if (!byPlace.has(k)) byPlace.set(k, []);
    byPlace.get(k).push(d);
  }
  for (const [place, list] of byPlace) {
    const g = el("section", "group");
    g.dataset.place = place;
    g.appendChild(el("h3", null, place));
    const ul = el("ul", "findings");
    for (const d of list) {
      const li = el("li", "finding " + d.severity);
      li.dataset.rule = d.rule;
      const head = el("div");
      head.appendChild(el("span", "badge", SEV[d.severity] || d.severity));
      head.appendChild(el("span", "rule", (d.rule_summary || d.rule).replace(/`/g, "")));
      if (d.place) head.appendChild(el("span", "where", " · " + d.place));
      if (d.confidence && d.confidence !== "high") {
        head.appendChild(el("span", "confidence", " · " + d.confidence + " confidence"));
      }
      li.appendChild(head);
      if (d.context && d.context.matched) {
        const c = el("div", "context");
        c.appendChild(document.createTextNode(d.context.before));
        c.appendChild(el("mark", null, d.context.matched));
        c.appendChild(document.createTextNode(d.context.after));
        li.appendChild(c);
      }
      li.appendChild(el("p", "message", d.message));
      if (d.suggestion) li.appendChild(el("p", "approved", "Approved wording: " + d.suggestion));
      ul.appendChild(li);
    }
    g.appendChild(ul);
    groups.appendChild(g);
  }
  if (rep.correctable) {
    const box = card.querySelector(".fixbox");
    box.hidden = false;
    box.querySelector(".fix").addEventListener("click", () => correct(box, file));
  }
}

function b64ToBlob(b64, type) {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type: type || "application/octet-stream" });
}

async function correct(box, file) {
  const button = box.querySelector(".fix");
  const out = box.querySelector(".fixresult");
  button.disabled = true;
  out.textContent = "Correcting…";
  const fd = new FormData();
  fd.append("file", file, file.name);
  try {
    const r = await fetch("/api/fix?report=1", { method: "POST", body: fd });
    const v = await r.json();
    if (!r.ok) { out.textContent = v.error || "The copy could not be made."; button.disabled = false; return; }
    out.textContent = "";
    const a = el("a", "download", "Save " + v.file_name);
    a.href = URL.createObjectURL(b64ToBlob(v.file_base64));
    a.download = v.file_name;
    out.appendChild(a);
    out.appendChild(el("h3", null, `Changed (${v.changes.length})`));
    const ch = el("ul", "changes");
    for (const c of v.changes) ch.appendChild(el("li", null, `${c.place}: “${c.before}” → “${c.after}”`));
    if (v.changes.length === 0) ch.appendChild(el("li", null, "Nothing to change automatically."));
    out.appendChild(ch);
    const people = v.skipped.length + v.remaining.length;
    out.appendChild(el("h3", null, `Needs a person (${people})`));
    const ul = el("ul", "people");
    for (const s of v.skipped) ul.appendChild(el("li", null, `${s.place}: “${s.matched}” → “${s.suggestion}” not changed: ${s.reason}`));
    for (const d of v.remaining) {
      if (v.skipped.some((s) => s.matched === d.matched && s.place === d.place)) continue;
      ul.appendChild(el("li", null, `${d.place}: ${d.message}` + (d.suggestion ? ` (approved: ${d.suggestion})` : "")));
    }
    if (people === 0) ul.appendChild(el("li", null, "Nothing: the corrected copy is ready to send."));
    out.appendChild(ul);
    a.click();
  } catch (e) {
    out.textContent = "The copy could not be made: " + e;
  }
  button.disabled = false;
}

async function check(file) {
  const card = document.getElementById("card").content.firstElementChild.cloneNode(true);
  card.querySelector(".name").textContent = file.name;
  card.dataset.file = file.name;
  document.getElementById("results").prepend(card);
  const fd = new FormData();
  fd.append("file", file, file.name);
  try {
    const r = await fetch("/api/check?view=page", { method: "POST", body: fd });
    const v = await r.json();
    if (!r.ok) {
      card.querySelector(".counts").textContent = "Not checked";
      const u = card.querySelector(".unreadable");
      u.hidden = false;
      u.textContent = v.error || ("The server answered " + r.status);
      card.dataset.done = "error";
      return;
    }
    render(card, file.name, file, v);
    results.push({ name: file.name, report: v });
    document.getElementById("copy").disabled = false;
    card.dataset.done = "ok";
  } catch (e) {
    card.querySelector(".counts").textContent = "Not checked: " + e;
    card.dataset.done = "error";
  }
}

function summary() {
  const shown = [...document.querySelectorAll(".sev:checked")].map((c) => c.value);
  const lines = [];
  for (const r of results) {
    const f = r.report.files[0] || {};
    lines.push(f.unreadable ? `${r.name}: could not be read (${f.unreadable})` : `${r.name}: score ${f.score}/100`);
    for (const d of r.report.diagnostics.filter((d) => shown.includes(d.severity))) {
      if (d.rule === "unreadable") continue;
      let line = `- ${d.place || where(d)}: [${SEV[d.severity] || d.severity}] ${d.message}`;
      if (d.suggestion) line += ` Approved: "${d.suggestion}".`;
      lines.push(line);
    }
    lines.push("");
  }
  return lines.join("\n").trim() + "\n";
}

async function copySummary() {
  const text = summary();
  const note = document.getElementById("copied");
  try {
    await navigator.clipboard.writeText(text);
  } catch (_) {
    const t = document.createElement("textarea");
    t.value = text;
    document.body.appendChild(t);
    t.select();
    document.execCommand("copy");
    t.remove();
  }
  note.textContent = "Copied: paste it in your e-mail to marketing.";
  document.body.dataset.summary = text;
}

function filter() {
  const res = document.getElementById("results");
  for (const c of document.querySelectorAll(".sev")) res.classList.toggle("hide-" + c.value, !c.checked);
}

document.addEventListener("DOMContentLoaded", () => {
  status();
  setInterval(status, 5000);
  const drop = document.getElementById("drop");
  const input = document.getElementById("files");
  input.addEventListener("change", () => { for (const f of input.files) check(f); input.value = ""; });
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    for (const f of e.dataTransfer.files) check(f);
  });
  drop.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") input.click(); });
  for (const c of document.querySelectorAll(".sev")) c.addEventListener("change", filter);
  document.getElementById("copy").addEventListener("click", copySummary);
});
