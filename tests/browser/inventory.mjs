// The message inventory (`msglint init --from … --report`) in Chromium:
// `node inventory.mjs REPORT.html PREFIX`. Counts every cluster the page shows, records
// anything that looks like script execution (the page runs no script at all), checks the
// phone layout (390 px wide: nothing but the tables' own boxes scrolls sideways) and the
// print layout (navigation hidden, sections and tables within the page width, a PDF is
// made), saves screenshots PREFIX-desktop.png, PREFIX-phone.png and PREFIX-print.pdf
// under $MSGLINT_ARTIFACTS, and prints one JSON object (tests/cli/init.rs asserts on it).
import { launch, watch, emit } from "./lib.mjs";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [report, prefix] = process.argv.slice(2);
if (!report || !prefix) {
  console.error("usage: node inventory.mjs REPORT.html PREFIX");
  process.exit(2);
}
const url = pathToFileURL(path.resolve(report)).href;
const out = (name) => path.join(process.env.MSGLINT_ARTIFACTS || ".", `${prefix}-${name}`);
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
const seen = watch(page);
const requests = [];
page.on("request", (r) => {
  if (r.url() !== url) requests.push(r.url());
});
await page.goto(url, { waitUntil: "load" });

const found = await page.evaluate(() => {
  const n = (s) => document.querySelectorAll(s).length;
  const rows = (id) => {
    const t = document.getElementById(id);
    return t && t.tBodies[0] ? t.tBodies[0].rows.length : 0;
  };
  return {
    sections: Array.from(document.querySelectorAll("main > section")).map((s) => s.id),
    company: n("#names .cluster.company"),
    products: n("#names .cluster.product"),
    taglines: rows("tagline-table"),
    oneLiners: rows("one-liner-table"),
    valueProps: rows("value-prop-table"),
    differentiators: rows("differentiator-table"),
    claims: n("#numbers .cluster.claim"),
    claimValues: n("#numbers .cluster.claim tbody tr"),
    competitors: n("#competitors .cluster.competitor"),
    boilerplate: rows("boilerplate-table"),
    retired: n("#retired .cluster.retired"),
    files: rows("files-table"),
    pwned: window.pwned === undefined ? null : String(window.pwned),
    pwned2: window.pwned2 === undefined ? null : String(window.pwned2),
    scripts: document.scripts.length,
    images: document.images.length,
    text: document.body.innerText,
  };
});
await page.screenshot({ path: out("desktop.png") });

// Phone: the page itself never scrolls sideways; wide tables scroll inside their box.
await page.setViewportSize({ width: 390, height: 844 });
const phone = await page.evaluate(() => {
  const wide = Array.from(document.querySelectorAll("main *")).filter((e) => {
    const r = e.getBoundingClientRect();
    return r.right > window.innerWidth + 1 && !e.closest(".scroll");
  });
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    overflowing: wide.slice(0, 5).map((e) => e.tagName + "." + e.className),
    navPosition: getComputedStyle(document.querySelector("nav")).position,
  };
});
await page.screenshot({ path: out("phone.png") });

// Print: no navigation, every section there, nothing wider than the page.
await page.setViewportSize({ width: 1280, height: 900 });
await page.emulateMedia({ media: "print" });
const print = await page.evaluate(() => ({
  navDisplay: getComputedStyle(document.querySelector("nav")).display,
  sections: Array.from(document.querySelectorAll("main > section")).filter((s) => s.offsetHeight > 0).length,
  scrollOverflow: getComputedStyle(document.querySelector(".scroll")).overflowX,
}));
await page.pdf({ path: out("print.pdf"), format: "A4" });
const printPage = await browser.newContext({ viewport: { width: 794, height: 1123 } });
const pp = await printPage.newPage();
await pp.goto(url, { waitUntil: "load" });
await pp.emulateMedia({ media: "print" });
const printWidth = await pp.evaluate(() => document.documentElement.scrollWidth);

await browser.close();
emit({
  ...found,
  hostileScript: found.text.includes("<script>window.pwned=1</script>"),
  hostileName: found.text.includes('"><img src=x onerror=window.pwned2=1>'),
  text: undefined,
  phone,
  print: { ...print, width: printWidth },
  requests,
  dialogs: seen.dialogs,
  errors: seen.errors,
  console: seen.console,
});
