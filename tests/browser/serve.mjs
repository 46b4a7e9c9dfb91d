// The rep's page in Chromium: upload the demo deck, read the verdict and the findings by
// slide, download the corrected copy and read the corrected state (score before → after,
// fixed findings ticked, what still needs the rep pinned on top); upload a PDF (clean
// excerpts, the note on correcting its source), a zip bomb, a password-protected deck and
// a spreadsheet (actionable error states); copy the summary (an e-mail, reset on each
// upload); filter by severity (no empty slide headings); remove a card; break the platform
// file (a plain-language banner); take screenshots at 1280×800 and 390×844.
// Args: URL DECK BOMB PROTECTED DOWNLOAD_DIR XLSX PDF PLATFORM. Prints one JSON object.
import fs from "node:fs";
import path from "node:path";
import { launch, watch, emit } from "./lib.mjs";

const [url, deck, bomb, locked, downloads, xlsx, pdf, platform] = process.argv.slice(2);
const artifacts = process.env.MSGLINT_ARTIFACTS || ".";
const browser = await launch();
const out = {};
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  const seen = watch(page);
  await page.goto(url);
  await page.waitForFunction(() => document.getElementById("company").textContent === "Lumora");
  await page.setInputFiles("#files", deck);
  await page.waitForSelector('.card[data-file="q3-sales-deck.pptx"][data-done]');
  const card = page.locator('.card[data-file="q3-sales-deck.pptx"]');
  out.score = await card.locator(".score .num").textContent();
  out.verdict = await card.locator(".verdict").textContent();
  out.verdictFirst = await card.evaluate((c) => c.querySelector(".verdict").compareDocumentPosition(c.querySelector(".groups")) & Node.DOCUMENT_POSITION_FOLLOWING ? true : false);
  out.groups = await card.evaluate((c) => {
    const g = {};
    for (const s of c.querySelectorAll(".group")) g[s.dataset.place] = [...s.querySelectorAll(".finding")].map((f) => f.dataset.rule);
    return g;
  });
  out.wheres = await card.locator(".groups .finding .where").allTextContents();
  out.contexts = await card.locator(".groups .finding .context").allTextContents();
  out.marks = await card.locator("mark").allTextContents();
  out.confidences = await card.locator(".finding .confidence").allTextContents();
  out.findingsBefore = await card.locator(".groups .finding").count();
  await page.screenshot({ path: path.join(artifacts, "serve-1280x800.png"), fullPage: false });
  // A summary copied now, then a new upload: the "Copied" note goes.
  await context.grantPermissions(["clipboard-read", "clipboard-write"]).catch(() => {});
  await page.click("#copy");
  await page.waitForFunction(() => document.body.dataset.summary);
  out.summaryBefore = await page.evaluate(() => document.body.dataset.summary);
  // The corrected copy, and the corrected state.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    card.locator("button.fix").click(),
  ]);
  const saved = path.join(downloads, download.suggestedFilename());
  await download.saveAs(saved);
  out.download = saved;
  await page.waitForSelector('.card[data-file="q3-sales-deck.pptx"][data-corrected]');
  out.copiedAfterFix = await page.locator("#copied").textContent();
  out.after = {
    score: await card.locator(".score .num").textContent(),
    was: await card.locator(".score .was").textContent(),
    verdict: await card.locator(".verdict").textContent(),
    counts: await card.locator(".counts").textContent(),
    fixed: await card.locator(".groups .finding.fixed").count(),
    ticks: await card.locator(".groups .finding.fixed .tick").count(),
    open: await card.locator(".groups .finding.open").count(),
    pinnedTitle: await card.locator(".pinned h3").textContent(),
    pinned: await card.locator(".pinned .finding").evaluateAll((ls) => ls.map((l) => ({ rule: l.dataset.rule, place: l.querySelector(".pinplace").textContent }))),
    pinnedOnTop: await card.evaluate((c) => !!(c.querySelector(".pinned").compareDocumentPosition(c.querySelector(".groups")) & Node.DOCUMENT_POSITION_FOLLOWING)),
  };
  out.changes = await card.locator(".changes").textContent();
  out.people = await card.locator(".people").textContent();
  await page.screenshot({ path: path.join(artifacts, "serve-corrected-1280x800.png"), fullPage: false });
  // The summary, as an e-mail, after correcting.
  await page.click("#copy");
  await page.waitForFunction(() => document.body.dataset.summary && document.body.dataset.summary.includes("corrected copy"));
  out.summary = await page.evaluate(() => document.body.dataset.summary);
  // A PDF: clean excerpts, and a word on why it has no correction button.
  await page.setInputFiles("#files", pdf);
  const pdfName = path.basename(pdf);
  await page.waitForSelector(`.card[data-file="${pdfName}"][data-done]`);
  out.copiedAfterUpload = await page.locator("#copied").textContent();
  const pc = page.locator(`.card[data-file="${pdfName}"]`);
  out.pdf = {
    contexts: await pc.locator(".finding .context").allTextContents(),
    wheres: await pc.locator(".finding .where").allTextContents(),
    note: (await pc.locator(".pdfnote").isVisible()) ? await pc.locator(".pdfnote").textContent() : null,
    fixButton: await pc.locator("button.fix").isVisible(),
  };
  // Files that cannot be checked: what happened and what to do, in words.
  out.trouble = {};
  for (const [key, file] of [["bomb", bomb], ["protected", locked], ["xlsx", xlsx]]) {
    const name = path.basename(file);
    await page.setInputFiles("#files", file);
    await page.waitForSelector(`.card[data-file="${name}"][data-done]`);
    const c = page.locator(`.card[data-file="${name}"]`);
    out.trouble[key] = {
      text: await c.locator(".unreadable").textContent(),
      plain: await c.locator(".unreadable .plain").textContent(),
      score: await c.locator(".score").innerText(),
      verdict: await c.locator(".verdict").textContent(),
    };
  }
  out.status = await page.evaluate(async () => (await fetch("/")).status);
  // The severity filter: no empty headings; with nothing ticked, it says so.
  out.visible = await card.locator(".finding:visible").count();
  await page.uncheck('.sev[value="warning"]');
  out.visible_without_warnings = await card.locator(".finding:visible").count();
  await page.uncheck('.sev[value="error"]');
  await page.uncheck('.sev[value="info"]');
  out.noneTicked = {
    headings: await card.locator(".group h3:visible").count(),
    nothing: await card.locator(".nothing").isVisible(),
  };
  for (const s of ["error", "warning", "info"]) await page.check(`.sev[value="${s}"]`);
  // Remove a card.
  const before = await page.locator("#results .card").count();
  await page.locator(`.card[data-file="${path.basename(xlsx)}"] button.remove`).click();
  out.cards = { before, after: await page.locator("#results .card").count() };
  // The phone.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(artifacts, "serve-390x844.png"), fullPage: false });
  out.phone = await page.evaluate(() => {
    const w = document.documentElement.clientWidth;
    const wide = [...document.body.querySelectorAll("*")].filter((e) => { const r = e.getBoundingClientRect(); return (r.width || r.height) && (r.right > w + 0.5 || r.left < -0.5); }).map((e) => e.tagName + "." + e.className);
    return { viewport: w, scrollWidth: document.documentElement.scrollWidth, wide: wide.slice(0, 10) };
  });
  await page.setViewportSize({ width: 1280, height: 800 });
  // A broken platform edit: the banner says so in plain words.
  if (platform) {
    fs.appendFileSync(platform, "\nterms:\n  - use: [not, a, string]\n");
    await page.waitForSelector("#problem:not([hidden])", { timeout: 20000 });
    out.banner = {
      plain: await page.locator("#problem .plain").textContent(),
      raw: await page.locator("#problem .raw").textContent(),
      rawShown: await page.locator("#problem .raw").isVisible(),
    };
    await page.screenshot({ path: path.join(artifacts, "serve-banner-1280x800.png"), fullPage: false });
  }
  out.dialogs = seen.dialogs;
  out.errors = seen.errors;
} finally {
  await browser.close();
}
emit(out);
