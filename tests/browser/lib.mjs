// Shared launcher for msglint's browser tests: Playwright (playwright-core, no bundled
// browser) driving Debian's system Chromium. Each test script imports `launch` and prints
// one JSON object on stdout, which the Rust test (tests/cli/browser.rs) asserts on.
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.MSGLINT_CHROMIUM || "/usr/bin/chromium";

export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
}

// Collects anything that looks like script execution the page should never allow.
export function watch(page) {
  const seen = { dialogs: [], errors: [], console: [] };
  page.on("dialog", (d) => { seen.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.on("pageerror", (e) => seen.errors.push(String(e)));
  page.on("console", (m) => seen.console.push(m.text()));
  return seen;
}

export function emit(obj) {
  process.stdout.write(JSON.stringify(obj) + "\n");
}
