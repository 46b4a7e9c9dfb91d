// The rep's page: upload each file to /api/check, say first whether it is ready to send,
// show its findings by slide or page in plain words, and for decks and Word files fetch a
// corrected copy from /api/fix, then show the corrected state (score before → after, what
// the copy fixed ticked, what still needs the rep pinned on top). Every string taken from
// a file is inserted as text (textContent), never as HTML.
"use strict";
const results = new Map(); // card → {name, report, fix}
const el = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
};
const SEV = { error: "error", warning: "warning", info: "note" };
const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

async function status() {
  try {
    const s = await (await fetch("/api/status")).json();
    if (s.company) document.getElementById("company").textContent = s.company;
    const p = document.getElementById("problem");
    p.hidden = !s.problem;
    p.querySelector(".plain").textContent = s.problem_summary || "";
    p.querySelector(".raw").textContent = s.problem || "";
  } catch (_) { /* the server is gone: keep the page */ }
}

function where(d) {
  const l = d.location || {};
  if (l.slide) return "Slide " + l.slide;
  if (l.page) return "Page " + l.page;
  if (d.rule === "unreadable") return "File";
  return "Document";
}

// The place inside its group, in words: "image description", "speaker notes", "line 3".
function detail(d) {
  const w = d.where || "";
  return w.replace(/^(slide|page) \d+( · )?/, "");
}

// What a file that cannot be checked means for the rep, and what to do about it.
function trouble(name, reason, status) {
  const ext = (name.split(".").pop() || "").toLowerCase();
  const app = { pptx: "PowerPoint", pptm: "PowerPoint", potx: "PowerPoint", ppsx: "PowerPoint", docx: "Word", pdf: "PDF" }[ext];
  const r = (reason || "").toLowerCase();
  if (status === 415 || /not a file msglint reads/.test(r)) {
    const what = { xlsx: "a spreadsheet", xls: "a spreadsheet", csv: "a spreadsheet", key: "a Keynote file", ppt: "an old PowerPoint file", doc: "an old Word file", png: "an image", jpg: "an image", jpeg: "an image" }[ext] || "a kind of file this page does not read";
    return ["This is " + what + ".", "Drop a PowerPoint (.pptx), PDF, Word (.docx), Markdown, HTML or text file instead — or save this one in one of those formats first."];
  }
  if (status === 413 || /too large|larger than/.test(r)) return ["This file is too large to check here.", "Save a copy without embedded videos or large images, or check it with msglint on the command line."];
  if (/password|encrypt/.test(r)) return ["This file is password-protected.", `Remove the password in ${app || "the app that made it"} (File › Info › Protect), save, and drop it here again.`];
  if (/legacy|binary office|\.ppt\b|\.doc\b/.test(r)) return [`This is an old ${app || "Office"} file format.`, `Open it in ${app || "its app"} and save it as ${ext === "doc" ? ".docx" : ".pptx"}, then drop the new file here.`];
  if (/bomb|expand|compress/.test(r)) return ["This file is built in an unusual way that could not be checked safely.", `Open it in ${app || "the app that made it"}, save it again (File › Save As), and drop the new copy here.`];
  if (/budget|timed out|time/.test(r)) return ["This file took too long to check.", "Try again; if it keeps happening, split it into smaller files."];
  if (ext === "pdf") return ["This PDF could not be read.", "Export it again from the deck or document it was made from, or drop that source file here instead."];
  if (app) return [`This isn't a working ${app} file.`, `Open it in ${app} and save it again (File › Save As), then drop the new copy here.`];
  return ["This file could not be read.", "Save it again from the app that made it, then drop the new copy here."];
}

function showTrouble(card, name, reason, status) {
  const [title, action] = trouble(name, reason, status);
  card.querySelector(".num").textContent = "–";
  card.querySelector(".of").hidden = true;
  card.querySelector(".score").classList.add("na");
  card.querySelector(".verdict").textContent = "Could not be checked";
  card.querySelector(".counts").textContent = "";
  const u = card.querySelector(".unreadable");
  u.hidden = false;
  u.textContent = "";
  const p = el("p", "plain");
  p.appendChild(el("strong", null, title));
  p.appendChild(document.createTextNode(" " + action));
  u.appendChild(p);
  if (reason) {
    const det = el("details");
    det.appendChild(el("summary", null, "Technical details"));
    det.appendChild(el("p", "reason", reason));
    u.appendChild(det);
  }
}

// "Fix 3 things before sending" / "Ready to send".
function verdict(list) {
  const must = list.filter((d) => d.severity !== "info").length;
  const notes = list.length - must;
  if (must > 0) return { text: `Fix ${plural(must, "thing", "things")} before sending`, ok: false };
  return { text: notes ? `Ready to send (${plural(notes, "note", "notes")} to consider)` : "Ready to send", ok: true };
}

function setScore(card, score, before) {
  const box = card.querySelector(".score");
  box.classList.remove("good", "mid", "bad");
  box.classList.add(score >= 90 ? "good" : score >= 60 ? "mid" : "bad");
  card.querySelector(".num").textContent = score;
  card.querySelector(".was").textContent = before === undefined || before === score ? "" : `was ${before}`;
}

function findingItem(d) {
  const li = el("li", "finding " + d.severity);
  li.dataset.rule = d.rule;
  if (d.fingerprint) li.dataset.fp = d.fingerprint;
  const head = el("div");
  head.appendChild(el("span", "badge", SEV[d.severity] || d.severity));
  const rule = el("span", "rule", d.rule_title || d.rule);
  rule.title = d.rule + ": " + (d.rule_summary || "").replace(/`/g, "");
  head.appendChild(rule);
  const w = detail(d);
  if (w) head.appendChild(el("span", "where", " · " + w));
  if (d.confidence && d.confidence !== "high") head.appendChild(el("span", "confidence", " · " + d.confidence + " confidence"));
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
  return li;
}

function render(card, name, file, rep) {
  const f = (rep.files && rep.files[0]) || {};
  const diags = (rep.diagnostics || []).filter((d) => d.rule !== "unreadable");
  if (f.unreadable) {
    showTrouble(card, name, f.unreadable);
    return;
  }
  setScore(card, f.score);
  const v = verdict(diags);
  const vd = card.querySelector(".verdict");
  vd.textContent = v.text;
  vd.classList.toggle("ok", v.ok);
  const s = rep.summary || {};
  const counts = card.querySelector(".counts");
  counts.textContent = diags.length === 0 ? "No findings against the message platform."
    : [plural(s.errors, "error", "errors"), plural(s.warnings, "warning", "warnings"), plural(s.infos, "note", "notes")].join(", ");
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
    for (const d of list) ul.appendChild(findingItem(d));
    g.appendChild(ul);
    groups.appendChild(g);
  }
  if (rep.correctable && diags.length) {
    const box = card.querySelector(".fixbox");
    box.hidden = false;
    box.querySelector(".fix").addEventListener("click", () => correct(card, file));
  }
  if (f.kind === "pdf" && diags.some((d) => d.fixable)) card.querySelector(".pdfnote").hidden = false;
  filter();
}

function b64ToBlob(b64, type) {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type: type || "application/octet-stream" });
}

// The corrected state: score before → after, fixed findings ticked, the rest pinned.
function corrected(card, v) {
  const entry = results.get(card);
  if (entry) entry.fix = v;
  setScore(card, v.score, v.score_before);
  const still = v.still || [];
  const vd = verdict(still);
  const vEl = card.querySelector(".verdict");
  vEl.textContent = vd.ok ? "Ready to send: use the corrected copy" : `${vd.text} (in the corrected copy)`;
  vEl.classList.toggle("ok", vd.ok);
  card.querySelector(".counts").textContent = `The corrected copy fixes ${plural(v.fixed.length, "finding", "findings")}; ${still.length ? plural(still.length, "finding still needs", "findings still need") + " you" : "nothing is left to do"}.`;
  const fixed = new Set(v.fixed);
  for (const li of card.querySelectorAll(".groups .finding")) {
    const done = fixed.has(li.dataset.fp);
    li.classList.toggle("fixed", done);
    li.classList.toggle("open", !done);
    if (done && !li.querySelector(".tick")) li.prepend(el("span", "tick", "✓ Fixed in the copy"));
  }
  const pinned = card.querySelector(".pinned");
  pinned.hidden = false;
  pinned.querySelector("h3").textContent = still.length ? `Still needs you (${still.length})` : "Nothing left for you to do";
  const ul = pinned.querySelector("ul");
  ul.textContent = "";
  for (const d of still) {
    const li = findingItem(d);
    const w = el("span", "pinplace", d.where ? d.where.charAt(0).toUpperCase() + d.where.slice(1) : where(d));
    li.prepend(w);
    ul.appendChild(li);
  }
  filter();
}

async function correct(card, file) {
  const box = card.querySelector(".fixbox");
  const button = box.querySelector(".fix");
  const out = box.querySelector(".fixresult");
  button.disabled = true;
  out.textContent = "Correcting…";
  document.getElementById("copied").textContent = "";
  const fd = new FormData();
  fd.append("file", file, file.name);
  try {
    const r = await fetch("/api/fix?report=1", { method: "POST", body: fd });
    const v = await r.json();
    if (!r.ok) {
      const [title, action] = trouble(file.name, v.error, r.status);
      out.textContent = `The corrected copy could not be made. ${title} ${action}`;
      button.disabled = false;
      return;
    }
    out.textContent = "";
    const a = el("a", "download", "Save " + v.file_name + " again");
    a.href = URL.createObjectURL(b64ToBlob(v.file_base64));
    a.download = v.file_name;
    out.appendChild(a);
    const det = el("details", "changelist");
    det.appendChild(el("summary", null, `What the copy changed (${v.changes.length})`));
    const ch = el("ul", "changes");
    for (const c of v.changes) ch.appendChild(el("li", null, `“${c.before}” → “${c.after}”`));
    if (v.changes.length === 0) ch.appendChild(el("li", null, "Nothing could be changed automatically."));
    det.appendChild(ch);
    out.appendChild(det);
    corrected(card, v);
    card.dataset.corrected = "1";
    a.click();
  } catch (e) {
    out.textContent = "The corrected copy could not be made: the page lost contact with msglint. Is it still running?";
  }
  button.disabled = false;
}

function remove(card) {
  results.delete(card);
  card.remove();
  document.getElementById("copied").textContent = "";
  delete document.body.dataset.summary;
  buttons();
}

function buttons() {
  const any = results.size > 0;
  document.getElementById("copy").disabled = !any;
  document.getElementById("clear").disabled = document.querySelectorAll("#results .card").length === 0;
}

async function check(file) {
  const card = document.getElementById("card").content.firstElementChild.cloneNode(true);
  card.querySelector(".name").textContent = file.name;
  card.dataset.file = file.name;
  card.querySelector(".remove").addEventListener("click", () => remove(card));
  document.getElementById("results").prepend(card);
  // A new upload starts a new summary.
  document.getElementById("copied").textContent = "";
  delete document.body.dataset.summary;
  buttons();
  const fd = new FormData();
  fd.append("file", file, file.name);
  try {
    const r = await fetch("/api/check?view=page", { method: "POST", body: fd });
    let v = {};
    try { v = await r.json(); } catch (_) { /* not JSON: said below */ }
    if (!r.ok) {
      showTrouble(card, file.name, v.error || ("the server answered " + r.status), r.status);
      card.dataset.done = "error";
      return;
    }
    render(card, file.name, file, v);
    results.set(card, { name: file.name, report: v, fix: null });
    card.dataset.done = "ok";
  } catch (e) {
    showTrouble(card, file.name, "The page lost contact with msglint: is it still running? (" + e + ")");
    card.dataset.done = "error";
  }
  buttons();
}

// The summary, as a person would write it in an e-mail to marketing.
function summary() {
  const shown = [...document.querySelectorAll(".sev:checked")].map((c) => c.value);
  const company = document.getElementById("company").textContent;
  const lines = ["Hi,", ""];
  const cards = [...document.querySelectorAll("#results .card")].reverse().filter((c) => results.has(c));
  lines.push(cards.length === 1
    ? `I checked ${results.get(cards[0]).name} against the ${company} message platform before sending it.`
    : `I checked ${cards.length} files against the ${company} message platform before sending them.`);
  for (const card of cards) {
    const r = results.get(card);
    const f = r.report.files[0] || {};
    lines.push("");
    if (f.unreadable) { lines.push(`${r.name} could not be checked (${f.unreadable}).`); continue; }
    const list = (r.fix ? r.fix.still : r.report.diagnostics).filter((d) => d.rule !== "unreadable" && shown.includes(d.severity));
    const head = r.fix
      ? `${r.name}: I used the corrected copy (${r.fix.file_name}), which fixes ${plural(r.fix.fixed.length, "finding", "findings")}; its score went from ${r.fix.score_before} to ${r.fix.score} out of 100.`
      : `${r.name} scores ${f.score} out of 100.`;
    lines.push(head);
    if (list.length === 0) { lines.push(r.fix ? "Nothing else needs changing." : "Nothing needs changing."); continue; }
    lines.push(list.length === 1 ? "One thing still needs attention:" : `${list.length} things still need attention:`);
    for (const d of list) {
      const w = d.where ? d.where.charAt(0).toUpperCase() + d.where.slice(1) : where(d);
      let line = `- ${w}: ${d.message}`;
      if (d.suggestion) line += ` (approved wording: “${d.suggestion}”)`;
      if (d.severity === "info") line += " — just a note";
      lines.push(line);
    }
  }
  lines.push("", "Could you tell me if any of these are fine as they are?", "", "Thanks");
  return lines.join("\n") + "\n";
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
  note.textContent = "Copied: paste it into your e-mail to marketing.";
  document.body.dataset.summary = text;
}

function filter() {
  const res = document.getElementById("results");
  const hide = {};
  for (const c of document.querySelectorAll(".sev")) {
    res.classList.toggle("hide-" + c.value, !c.checked);
    hide[c.value] = !c.checked;
  }
  // No empty slide headings: a group with nothing shown is hidden, and a card with
  // nothing shown says so.
  for (const card of res.querySelectorAll(".card")) {
    let any = false;
    for (const g of card.querySelectorAll(".group")) {
      const shown = [...g.querySelectorAll(".finding")].some((f) => !hide[[...f.classList].find((k) => k in SEV)]);
      g.hidden = !shown;
      any = any || shown;
    }
    card.querySelector(".nothing").hidden = any || card.querySelectorAll(".group").length === 0;
  }
  document.getElementById("copied").textContent = "";
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
  document.getElementById("clear").addEventListener("click", () => {
    for (const c of [...document.querySelectorAll("#results .card")]) remove(c);
  });
});
