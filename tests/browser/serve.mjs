// The rep's page in Chromium: upload the demo deck, read the findings by slide, download
// the corrected copy, upload a zip bomb and a password-protected deck, copy the summary,
// filter by severity, and take screenshots at 1280×800 and 390×844.
// Args: URL DECK BOMB PROTECTED DOWNLOAD_DIR. Prints one JSON object.
import path from "node:path";
import { launch, watch, emit } from "./lib.mjs";

const [url, deck, bomb, locked, downloads] = process.argv.slice(2);
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
  out.score = await card.locator(".num").textContent();
  out.groups = await card.evaluate((c) => {
    const g = {};
    for (const s of c.querySelectorAll(".group")) g[s.dataset.place] = [...s.querySelectorAll(".finding")].map((f) => f.dataset.rule);
    return g;
  });
  out.marks = await card.locator("mark").allTextContents();
  out.confidences = await card.locator(".finding .confidence").allTextContents();
  await page.screenshot({ path: path.join(artifacts, "serve-1280x800.png"), fullPage: false });
  // The corrected copy.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    card.locator("button.fix").click(),
  ]);
  const saved = path.join(downloads, download.suggestedFilename());
  await download.saveAs(saved);
  out.download = saved;
  out.changes = await card.locator(".changes").textContent();
  out.people = await card.locator(".people").textContent();
  // Hostile files.
  for (const [key, file] of [["bomb", bomb], ["protected", locked]]) {
    const name = path.basename(file);
    await page.setInputFiles("#files", file);
    await page.waitForSelector(`.card[data-file="${name}"][data-done]`);
    out[key] = await page.locator(`.card[data-file="${name}"] .unreadable`).textContent();
  }
  out.after = await page.evaluate(async () => (await fetch("/")).status);
  // The summary for marketing, and the severity filter.
  await context.grantPermissions(["clipboard-read", "clipboard-write"]).catch(() => {});
  await page.click("#copy");
  await page.waitForFunction(() => document.body.dataset.summary);
  out.summary = await page.evaluate(() => document.body.dataset.summary);
  out.visible = await card.locator(".finding:visible").count();
  await page.uncheck('.sev[value="warning"]');
  out.visible_without_warnings = await card.locator(".finding:visible").count();
  await page.check('.sev[value="warning"]');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(artifacts, "serve-390x844.png"), fullPage: false });
  out.dialogs = seen.dialogs;
  out.errors = seen.errors;
} finally {
  await browser.close();
}
emit(out);
