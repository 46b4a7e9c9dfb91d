// The audit report in Chromium: `node audit.mjs REPORT.html SCREENSHOT.png [--full]`.
// Opens the report from disk, times the load, finds the assets table, the coverage
// matrix and the charts, sorts the assets table by score and by path, records anything
// that looks like script execution (the report must run only its own sorting script),
// checks the page still reads with JavaScript off, saves a screenshot, and prints one JSON
// object (tests/cli/audit.rs asserts on it). A relative SCREENSHOT goes under
// $MSGLINT_ARTIFACTS.
import { launch, watch, emit } from "./lib.mjs";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [report, shot, ...flags] = process.argv.slice(2);
if (!report || !shot) {
  console.error("usage: node audit.mjs REPORT.html SCREENSHOT.png [--full]");
  process.exit(2);
}
const url = pathToFileURL(path.resolve(report)).href;
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
const seen = watch(page);
const requests = [];
page.on("request", (r) => {
  if (r.url() !== url) requests.push(r.url());
});

const t0 = Date.now();
await page.goto(url, { waitUntil: "load" });
// Layout done: the first paint after load.
await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
const loadMs = Date.now() - t0;

const found = await page.evaluate(() => {
  const q = (s) => document.querySelector(s);
  const rows = (t) => (t && t.tBodies[0] ? t.tBodies[0].rows.length : 0);
  const head = q("#coverage-matrix thead tr");
  return {
    assetsRows: rows(q("#assets-table")),
    coverageRows: rows(q("#coverage-matrix")),
    coverageColumns: head ? head.cells.length - 1 : 0,
    coverageTotals: Array.from(document.querySelectorAll("#coverage-matrix tfoot td")).slice(1).map((c) => c.textContent),
    charts: document.querySelectorAll("#charts svg").length,
    scoreBars: document.querySelectorAll("#chart-scores svg rect").length,
    ruleBars: document.querySelectorAll("#chart-rules svg rect").length,
    problems: rows(q("#problems-table")),
    pwned: window.pwned === undefined ? null : String(window.pwned),
    pwned2: window.pwned2 === undefined ? null : String(window.pwned2),
    scripts: document.scripts.length,
    images: document.images.length,
    text: document.body.innerText,
  };
});

const column = (i) =>
  page.$$eval("#assets-table tbody tr", (rs, i) => rs.map((r) => r.cells[i].textContent), i);
const initialScores = await column(2);
await page.click("#assets-table thead th:nth-child(3) button");
const scoresAscending = await column(2);
await page.click("#assets-table thead th:nth-child(3) button");
const scoresDescending = await column(2);
await page.click("#assets-table thead th:nth-child(1) button");
const paths = await column(0);
await page.click("#assets-table thead th:nth-child(3) button");

const shotPath = path.isAbsolute(shot) ? shot : path.join(process.env.MSGLINT_ARTIFACTS || ".", shot);
await page.evaluate(() => window.scrollTo(0, 0));
await page.screenshot({ path: shotPath, fullPage: flags.includes("--full") });

// Without JavaScript the tables are all there (only sorting and filtering need it).
const nojs = await browser.newContext({ javaScriptEnabled: false });
const plain = await nojs.newPage();
await plain.goto(url, { waitUntil: "load" });
const withoutJs = await plain.evaluate(() => ({
  assetsRows: document.querySelectorAll("#assets-table tbody tr").length,
  coverageRows: document.querySelectorAll("#coverage-matrix tbody tr").length,
}));

await browser.close();
emit({
  loadMs,
  ...found,
  hostileScript: found.text.includes("<script>window.pwned=1</script>"),
  hostileName: found.text.includes('"><img src=x onerror='),
  text: undefined,
  initialScores,
  scoresAscending,
  scoresDescending,
  paths,
  withoutJs,
  requests,
  dialogs: seen.dialogs,
  errors: seen.errors,
  console: seen.console,
  screenshot: shotPath,
});
