// The audit report in Chromium: `node audit.mjs REPORT.html NAME [--pdf] [--shot FILE]`.
// Opens the report from disk at 1440×900 and times the load; reads the verdict, the Fix
// first panel, the tables and charts; looks for jargon, scroll boxes around tables and
// anything that looks like script execution (the report runs only its own script); sorts
// the assets table (timed), filters the whole report (timed), follows a Fix-first link,
// expands and collapses every asset's findings; checks the page still reads with
// JavaScript off; then at 390×844 lists any element wider than the screen. Screenshots go
// to $MSGLINT_ARTIFACTS as NAME-1440x900.png and NAME-390x844.png; with --pdf the page is
// printed (print media, as "Save as PDF" does) to NAME.pdf. With --shot FILE, the first
// screen at 1280×800 is also saved to FILE (the README's picture). Prints one JSON object
// (tests/cli/audit.rs asserts on it).
import { launch, watch, emit } from "./lib.mjs";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [report, name, ...flags] = process.argv.slice(2);
if (!report || !name) {
  console.error("usage: node audit.mjs REPORT.html NAME [--pdf] [--shot FILE]");
  process.exit(2);
}
const flag = (f) => flags.includes(f);
const shotFile = flags.includes("--shot") ? flags[flags.indexOf("--shot") + 1] : null;
const artifacts = process.env.MSGLINT_ARTIFACTS || ".";
const art = (f) => path.join(artifacts, f);
const url = pathToFileURL(path.resolve(report)).href;
const browser = await launch();
const out = {};
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const seen = watch(page);
  const requests = [];
  page.on("request", (r) => {
    if (r.url() !== url) requests.push(r.url());
  });
  await page.goto(url, { waitUntil: "load" });
  // Time to load: navigation start to the end of the load event, and to the first frame.
  out.load = await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(() => {
    const n = performance.getEntriesByType("navigation")[0];
    r({ loadMs: Math.round(n.loadEventEnd), frameMs: Math.round(performance.now()) });
  }, 0))));

  // In-page timing of an action: from the click to the next frame after it.
  const timed = (action) => page.evaluate((action) => new Promise((resolve) => {
    const t = performance.now();
    if (action.click) document.querySelector(action.click).click();
    if (action.filter !== undefined) {
      const i = document.getElementById("report-filter");
      i.value = action.filter;
      i.dispatchEvent(new Event("input"));
    }
    requestAnimationFrame(() => setTimeout(() => resolve(Math.round(performance.now() - t)), 0));
  }), action);

  Object.assign(out, await page.evaluate(() => {
    const q = (s) => document.querySelector(s);
    const rows = (t) => (t && t.tBodies[0] ? t.tBodies[0].rows.length : 0);
    const head = q("#coverage-matrix thead tr");
    const text = document.body.innerText;
    // A scroll box: an element between a table and the page that scrolls on its own.
    const boxes = [];
    for (const t of document.querySelectorAll("table")) {
      for (let e = t.parentElement; e && e !== document.body; e = e.parentElement) {
        const s = getComputedStyle(e);
        if (/(auto|scroll)/.test(s.overflow + s.overflowX + s.overflowY)) boxes.push((t.id || "table") + " in " + e.tagName + "." + e.className);
      }
    }
    return {
      verdict: q("#verdict") && q("#verdict").textContent,
      verdictFirst: !!q("header h1#verdict") && document.querySelector("h1") === q("#verdict"),
      fixFirst: Array.from(document.querySelectorAll("#fix-first-list > li")).map((li) => ({
        rank: +li.dataset.rank, rule: li.dataset.rule, gain: +li.dataset.gain,
        action: li.querySelector(".act").textContent, href: li.querySelector(".act").getAttribute("href"),
      })),
      desktopWidth: { viewport: document.documentElement.clientWidth, scrollWidth: document.documentElement.scrollWidth },
      fixFirstTop: q("#fix-first") ? Math.round(q("#fix-first").getBoundingClientRect().top) : null,
      navOrder: Array.from(document.querySelectorAll("nav.bar a")).map((a) => a.getAttribute("href").slice(1)),
      sectionOrder: Array.from(document.querySelectorAll("main > section")).map((s) => s.id),
      assetsRows: rows(q("#assets-table")),
      coverageRows: rows(q("#coverage-matrix")),
      coverageColumns: head ? head.cells.length - 2 : 0,
      coverageMissing: Array.from(document.querySelectorAll("#coverage-matrix tfoot tr.missing td")).slice(1, -1).map((c) => c.textContent),
      ownersRows: rows(q("#owners-table")),
      charts: document.querySelectorAll("#charts svg").length,
      chartsScale: Array.from(document.querySelectorAll("#charts svg")).every((s) => !s.hasAttribute("width")),
      scoreBars: document.querySelectorAll("#chart-scores svg rect").length,
      ruleBars: document.querySelectorAll("#chart-rules svg rect").length,
      problems: rows(q("#problems-table")),
      groups: document.querySelectorAll("details.file").length,
      findingsShown: document.querySelectorAll("ol.findings li").length,
      scrollBoxes: boxes,
      pwned: window.pwned === undefined ? null : String(window.pwned),
      pwned2: window.pwned2 === undefined ? null : String(window.pwned2),
      scripts: Array.from(document.scripts).filter((s) => !s.type || /javascript/.test(s.type)).length,
      images: document.images.length,
      hostileScript: text.includes("<script>window.pwned=1</script>"),
      hostileName: text.includes('"><img src=x onerror='),
      // Plain language: no extraction markers, raw entities or diff notation on screen.
      jargon: ["[title]", "[body]", "[alt text]", "[notes]", "[table row]", "¶", "&rsquo;", "&mdash;", "&amp;", "changed: -", "Content Placeholder", "TextBox "].filter((j) => text.includes(j)),
      locations: Array.from(document.querySelectorAll("ol.findings .loc")).map((l) => l.textContent),
      struck: document.querySelectorAll("ol.findings del").length,
      inserted: document.querySelectorAll("ol.findings ins").length,
      ruleIdsInTooltips: Array.from(document.querySelectorAll("ol.findings .rt")).every((r) => /^[a-z-]+: /.test(r.title)),
      sortedMarked: q("#assets-table th[aria-sort]") && q("#assets-table th[aria-sort]").textContent + " " + q("#assets-table th[aria-sort]").getAttribute("aria-sort"),
    };
  }));

  // Sorting the assets table: worst first as served; the first click on Score gives high
  // first; then low first; then by asset A to Z.
  const column = (i) => page.$$eval("#assets-table tbody tr", (rs, i) => rs.map((r) => r.cells[i].textContent), i);
  out.initialScores = await column(2);
  out.sortMs = await timed({ click: "#assets-table thead th:nth-child(3) button" });
  out.scoresFirstClick = await column(2);
  out.sortAgainMs = await timed({ click: "#assets-table thead th:nth-child(3) button" });
  out.scoresSecondClick = await column(2);
  out.sortPathMs = await timed({ click: "#assets-table thead th:nth-child(1) button" });
  out.paths = await page.$$eval("#assets-table tbody tr", (rs) => rs.map((r) => r.cells[0].getAttribute("data-v")));
  out.coverageSortMs = await timed({ click: "#coverage-matrix thead th:nth-child(2) button" });
  out.coverageFirstColumn = await page.$$eval("#coverage-matrix tbody tr", (rs) => rs.map((r) => r.cells[1].getAttribute("data-v")));
  await page.click("#assets-table thead th:nth-child(3) button");

  // One filter for the whole report.
  const counts = () => page.evaluate(() => {
    const vis = (s) => Array.from(document.querySelectorAll(s)).filter((e) => !e.hidden).length;
    const empty = (id) => { const e = document.querySelector(`.empty[data-for="${id}"]`); return e && !e.hidden ? e.textContent : null; };
    return {
      assets: vis("#assets-body > tr"), coverage: vis("#coverage-body > tr"), groups: vis("#findings-body > details.file"),
      problems: vis("#problems-body > tr"), emptyAssets: empty("assets-body"), emptyFindings: empty("findings-body"),
    };
  });
  const filters = flags.includes("--filter") ? flags[flags.indexOf("--filter") + 1].split(",") : ["pptx"];
  out.filter = {};
  for (const f of filters) {
    // Typed a key at a time, as a person does; each keystroke timed.
    const ms = [];
    for (let i = 1; i <= f.length; i++) ms.push(await timed({ filter: f.slice(0, i) }));
    out.filter[f] = { ms, ...(await counts()) };
  }
  out.filterNothingMs = await timed({ filter: "zzzz-nothing-matches" });
  out.filterNothing = await counts();
  await timed({ filter: "" });
  out.filterCleared = await counts();

  // A Fix-first link opens its finding below the sticky bar.
  if (out.fixFirst.length) {
    await page.click("#fix-first-list > li:first-child a.act");
    const id = out.fixFirst[0].href.slice(1);
    await page.waitForFunction((id) => { const e = document.getElementById(id); return e && e.offsetParent !== null; }, id, { timeout: 10000 });
    await page.waitForTimeout(100);
    out.anchor = await page.evaluate((id) => {
      const e = document.getElementById(id), bar = document.querySelector("nav.bar").getBoundingClientRect();
      const r = e.getBoundingClientRect();
      return { id, top: Math.round(r.top), barBottom: Math.round(bar.bottom), visible: e.offsetParent !== null, open: !!e.closest("details[open]") };
    }, id);
  }
  // Expand all, collapse all.
  out.expandMs = await timed({ click: "#expand-all" });
  await page.waitForFunction(() => document.querySelectorAll("details.file[data-lazy]").length === 0, null, { timeout: 60000 });
  out.expandAllMs = await page.evaluate(() => document.body.dataset.expandMs === undefined ? null : +document.body.dataset.expandMs);
  out.expanded = await page.evaluate(() => ({ open: document.querySelectorAll("details.file[open]").length, findings: document.querySelectorAll("ol.findings > li").length }));
  out.jargonExpanded = await page.evaluate(() => ["[title]", "[body]", "[alt text]", "¶", "&rsquo;", "&mdash;", "changed: -"].filter((j) => document.getElementById("findings").innerText.includes(j)));
  out.filterExpandedMs = await timed({ filter: "error" });
  // Every finding left shown is an error (or in a file whose own name says "error").
  out.filterExpanded = await page.evaluate(() => Array.from(document.querySelectorAll("ol.findings > li")).filter((l) => !l.hidden && !l.closest("details").hidden).every((l) => l.classList.contains("error") || l.closest("details").dataset.f.includes("error")));
  await timed({ filter: "" });
  await page.click("#collapse-all");
  out.collapsed = await page.evaluate(() => document.querySelectorAll("details.file[open]").length);

  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: art(`${name}-1440x900.png`) });
  if (shotFile) {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: shotFile });
    await page.setViewportSize({ width: 1440, height: 900 });
  }

  // Print: what "Save as PDF" gives (print media, backgrounds kept).
  if (flag("--pdf")) {
    await page.emulateMedia({ media: "print" });
    out.print = await page.evaluate(() => {
      window.dispatchEvent(new Event("beforeprint"));
      const sev = document.querySelector(".sev-error");
      return {
        nav: getComputedStyle(document.querySelector("nav.bar")).display,
        stickyHeads: Array.from(document.querySelectorAll("thead th")).filter((t) => getComputedStyle(t).position === "sticky").length,
        errorBadge: sev ? getComputedStyle(sev).backgroundColor : null,
        colorAdjust: getComputedStyle(document.body).printColorAdjust || getComputedStyle(document.body).webkitPrintColorAdjust,
      };
    });
    await page.pdf({ path: art(`${name}.pdf`), format: "A4", printBackground: true, margin: { top: "12mm", bottom: "12mm", left: "10mm", right: "10mm" } });
    await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));
    await page.emulateMedia({ media: "screen" });
  }
  out.requests = requests;
  out.dialogs = seen.dialogs;
  out.errors = seen.errors;
  out.console = seen.console;

  // Without JavaScript the tables are all there (only sorting and filtering need it).
  const nojs = await browser.newContext({ javaScriptEnabled: false });
  const plain = await nojs.newPage();
  await plain.goto(url, { waitUntil: "load" });
  out.withoutJs = await plain.evaluate(() => ({
    assetsRows: document.querySelectorAll("#assets-table tbody tr").length,
    coverageRows: document.querySelectorAll("#coverage-matrix tbody tr").length,
    fixFirst: document.querySelectorAll("#fix-first-list > li").length,
  }));
  await nojs.close();

  // The phone: nothing wider than the screen, with every asset's findings open.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const mob = await phone.newPage();
  await mob.goto(url, { waitUntil: "load" });
  await mob.screenshot({ path: art(`${name}-390x844.png`) });
  const measure = () => mob.evaluate(() => {
    // Every section laid out (off-screen ones skip layout with content-visibility: auto).
    document.querySelectorAll("main > section").forEach((s) => { s.style.contentVisibility = "visible"; });
    const w = document.documentElement.clientWidth, wide = [];
    // Text running out of its box (a long unbreakable string) widens the page too.
    for (const e of document.body.querySelectorAll("*")) {
      if (e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === "visible" && !e.querySelector("*:not(wbr):not(b):not(span):not(mark)")) wide.push(`overflowing ${e.tagName.toLowerCase()}.${e.className}: ${(e.textContent || "").slice(0, 60)}`);
    }
    for (const e of document.body.querySelectorAll("*")) {
      const r = e.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.right > w + 0.5 || r.left < -0.5) wide.push(`${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""}.${e.className} ${Math.round(r.left)}..${Math.round(r.right)}`);
    }
    return { viewport: w, scrollWidth: document.documentElement.scrollWidth, wide: wide.slice(0, 10), wideCount: wide.length };
  });
  out.phone = await measure();
  // With the demo's findings open too (a large report's first few assets).
  await mob.evaluate(() => Array.from(document.querySelectorAll("details.file")).slice(0, 20).forEach((d) => { d.open = true; }));
  await mob.waitForFunction(() => Array.from(document.querySelectorAll("details.file")).slice(0, 20).every((d) => !d.hasAttribute("data-lazy")), null, { timeout: 60000 });
  out.phoneOpen = await measure();
  await phone.close();
} finally {
  await browser.close();
}
emit(out);
