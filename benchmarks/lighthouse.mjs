// Lighthouse on several pages with ONE headless Chromium (CHROME_PATH, e.g. /usr/bin/chromium).
// Usage: node benchmarks/lighthouse.mjs '{"name": "http://127.0.0.1:port/path", ...}'
// Prints {name: {scores: {category: 0-100}, failed: [{id, title, category}]}} as JSON.
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const CATEGORIES = ["accessibility", "best-practices", "seo", "performance"];
const pages = JSON.parse(process.argv[2]);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH,
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
const results = {};
try {
  for (const [name, url] of Object.entries(pages)) {
    const run = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: CATEGORIES,
      disableFullPageScreenshot: true,
    });
    const lhr = run.lhr;
    const scores = {};
    const failed = [];
    for (const id of CATEGORIES) {
      const category = lhr.categories[id];
      scores[id] = Math.round(category.score * 100);
      for (const ref of category.auditRefs) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 0.9) {
          failed.push({ id: ref.id, title: audit.title, category: id, score: audit.score });
        }
      }
    }
    results[name] = { url, scores, failed, errors: lhr.runtimeError ? [lhr.runtimeError.message] : [] };
  }
} finally {
  await chrome.kill();
}
process.stdout.write(JSON.stringify(results, null, 2));
