// Smoke test of the harness itself: a data: page with inline script runs and is read back.
import { launch, emit } from "./lib.mjs";
const browser = await launch();
const page = await browser.newPage();
await page.setContent("<p id=x>static</p><script>document.getElementById('x').textContent='ran'</script>");
emit({ text: await page.textContent("#x"), version: browser.version() });
await browser.close();
