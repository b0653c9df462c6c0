// The package in a page, as a user embeds it: tests/npm/run.sh made a fresh project in
// SITE/shop/certs/ (npm install of the tarball), with an index.html that loads
// ./node_modules/certlens/cert-inspector.js with one script tag. SITE is served on 127.0.0.1
// (tests/e2e/lib/server.mjs, with the page's Content-Security-Policy), so the page lives under
// a sub-path, /shop/certs/. playwright-core drives Debian's chromium: paste a bundle into the
// component's paste box, wait for its `report` event, and check the report and the network.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { assert, check, done, skip } from "./lib/check.mjs";

const REPO = process.env.CERTLENS_REPO;
const SITE = process.env.CERTLENS_SITE;
const SUBPATH = process.env.CERTLENS_SUBPATH || "shop/certs/";
if (!REPO || !SITE) throw new Error("CERTLENS_REPO and CERTLENS_SITE must be set (run tests/npm/run.sh)");
const AT = "2026-06-01T00:00:00Z";
const TIMEOUT = 30_000;
const fixtureText = (name) => fs.readFileSync(path.join(REPO, "tests/fixtures", name), "utf8");

const { startServer } = await import(pathToFileURL(path.join(REPO, "tests/e2e/lib/server.mjs")));
const { launchBrowser } = await import(pathToFileURL(path.join(REPO, "tests/e2e/lib/browser.mjs")));

const server = await startServer({ root: SITE });
const origin = new URL(server.url).origin;
const base = new URL(SUBPATH, server.url).href;
const browser = await launchBrowser();
const context = await browser.newContext();
const page = await context.newPage();

const seen = []; // every request the browser made (pages and workers), with its outcome
const failures = [];
const problems = []; // uncaught errors, console errors, CSP violations
context.on("request", (request) => seen.push(request.url()));
context.on("requestfailed", (request) => failures.push(`${request.url()} (${request.failure()?.errorText})`));
context.on("response", (response) => {
  if (response.status() >= 400) failures.push(`${response.url()} (${response.status()})`);
});
page.on("pageerror", (err) => problems.push(`uncaught: ${err.message}`));
page.on("console", (msg) => {
  if (msg.type() === "error") problems.push(`console.error: ${msg.text()}`);
});
page.on("worker", (worker) => {
  worker.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`worker console.error: ${msg.text()}`);
  });
});

// Reports as the page sees them: the `report` events of each <cert-inspector>, by id.
async function reportsOf(id) {
  return page.evaluate((id) => (window.__certlensReports || {})[id] || [], id);
}
async function nextReport(id, count, predicate = () => true) {
  await page.waitForFunction(
    ([id, count]) => ((window.__certlensReports || {})[id] || []).length > count,
    [id, count], { timeout: TIMEOUT });
  const reports = await reportsOf(id);
  const report = reports.at(-1);
  assert.ok(predicate(report), `unexpected report: ${JSON.stringify(report?.findings?.map((f) => f.code))}`);
  return report;
}

try {
  let loaded = false;
  await check("the page loads and defines <cert-inspector>", async () => {
    await page.goto(base, { waitUntil: "load" });
    await page.waitForFunction(() => customElements.get("cert-inspector") !== undefined, null, { timeout: TIMEOUT });
    await page.evaluate(() => {
      window.__certlensReports = {};
      for (const el of document.querySelectorAll("cert-inspector")) {
        el.addEventListener("report", (event) => {
          (window.__certlensReports[el.id] ||= []).push(event.detail);
        });
      }
    });
    const shadow = await page.evaluate(() => document.querySelector("cert-inspector").shadowRoot !== null);
    assert.ok(shadow, "the element has an open shadow root");
    loaded = true;
  });

  await check("paste a misordered bundle: a report event with leaf_not_first", async () => {
    if (!loaded) skip("the component did not load");
    const before = (await reportsOf("main")).length;
    await page.locator("cert-inspector#main textarea").first().fill(fixtureText("misordered.pem"));
    const report = await nextReport("main", before, (r) => r && r.findings.some((f) => f.code === "leaf_not_first"));
    assert.equal(report.schema, "certlens.report/1");
    assert.equal(report.verdict, "problems");
    assert.equal(report.checked_at, AT, "the at attribute is the instant");
    assert.deepEqual(report.hosts.map((h) => [h.name, h.covered]), [["www.example.com", true]],
      "the hosts attribute is checked");
    const leafFirst = report.findings.find((f) => f.code === "leaf_not_first");
    assert.equal(leafFirst.severity, "error");
  });

  await check("the page shows the verdict inside the component", async () => {
    if (!loaded) skip("the component did not load");
    const text = await page.locator("cert-inspector#main").evaluate((el) => el.shadowRoot.textContent);
    assert.match(text, /leaf|server certificate|first/i, "the findings are rendered");
  });

  await check("paste fullchain + its key: verdict with the key matching", async () => {
    if (!loaded) skip("the component did not load");
    const before = (await reportsOf("main")).length;
    await page.locator("cert-inspector#main textarea").first()
      .fill(fixtureText("fullchain.pem") + fixtureText("leaf-rsa2048.key"));
    const report = await nextReport("main", before, (r) => r && r.key_matches.length > 0);
    const matches = report.key_matches.filter((m) => m.matches);
    assert.deepEqual(matches.map((m) => m.certificate), [report.chain.leaf], "the key matches the leaf");
    assert.ok(!report.findings.some((f) => f.code === "leaf_not_first"));
    assert.equal(report.objects[report.chain.leaf].name, "www.example.com");
    assert.equal(report.chain.order.length, 3, "leaf and both intermediates in the chain");
  });

  await check(`attributes: checks="order" lang="ja" compact`, async () => {
    if (!loaded) skip("the component did not load");
    const before = (await reportsOf("ja")).length;
    await page.locator("cert-inspector#ja textarea").first().fill(fixtureText("misordered.pem"));
    const report = await nextReport("ja", before);
    assert.deepEqual([...new Set(report.findings.map((f) => f.check))], ["order"], "only the order checks ran");
    assert.equal(report.lang, "ja");
  });

  await check("the JS API (index.js) in the browser, with lang zh", async () => {
    const result = await page.evaluate(async ([pem, at]) => {
      const certlens = await import("./node_modules/certlens/index.js");
      const report = await certlens.inspect([{ name: "misordered.pem", data: pem }], { at, lang: "zh" });
      return { version: await certlens.version(), lang: report.lang, codes: report.findings.map((f) => f.code), data: report.data };
    }, [fixtureText("misordered.pem"), AT]);
    assert.ok(result.codes.includes("leaf_not_first"), result.codes.join(", "));
    assert.equal(result.lang, "zh");
    // index.js fetched the package's data files relative to itself and decompressed them.
    assert.equal(result.data.root_programs, "loaded");
    assert.equal(result.data.public_intermediates, "loaded");
  });

  await check("the component: a public chain gets its Trust by client table; a leaf-only file is completed", async () => {
    if (!loaded) skip("the component did not load");
    await page.evaluate(() => document.querySelector("cert-inspector#main").setAttribute("at", "2026-05-01T00:00:00Z"));
    // The public intermediates arrive at idle once the checker is ready.
    await page.waitForFunction(() => ["loaded", "unavailable"].includes(document.querySelector("cert-inspector#main").dataset.intermediates),
      null, { timeout: TIMEOUT });
    await page.locator("cert-inspector#main textarea").first().fill(fixtureText("public/letsencrypt-e8-leaf-2026.pem"));
    // The `at` change checked the earlier input again first: wait for the leaf's own report.
    await page.waitForFunction(() => {
      const latest = (window.__certlensReports.main || []).at(-1);
      return latest && latest.checked_at === "2026-05-01T00:00:00Z" && latest.objects.some((o) => o.name === "letsencrypt.org");
    }, null, { timeout: TIMEOUT });
    const report = (await reportsOf("main")).at(-1);
    assert.equal(report.data.public_intermediates, "loaded");
    assert.deepEqual(report.chain.added, [1]);
    const shown = await page.locator("cert-inspector#main").evaluate((el) => ({
      clients: [...el.shadowRoot.querySelectorAll("#clients tbody tr[data-client]")].map((r) => r.dataset.client),
      added: el.shadowRoot.querySelectorAll("#chain .chain-node[data-added=true]").length,
    }));
    assert.deepEqual(shown.clients, ["chrome", "firefox", "apple", "windows", "android", "java"]);
    assert.equal(shown.added, 1);
    for (const name of ["root-programs", "public-intermediates"]) {
      assert.ok(server.requests.some((r) => r.path === `/${SUBPATH}node_modules/certlens/data/${name}.der.gz` && r.status === 200),
        `${name}.der.gz from the package`);
    }
  });

  await check("no request failed (no 404) and every request stayed on 127.0.0.1", async () => {
    const served = server.requests.filter((r) => r.status >= 400).map((r) => `${r.path} (${r.status})`);
    assert.deepEqual([...new Set([...failures, ...served])], []);
    const away = seen.filter((url) => !url.startsWith(origin + "/") && !url.startsWith("blob:") && !url.startsWith("data:"));
    assert.deepEqual(away, []);
    assert.ok(server.requests.some((r) => r.path.endsWith("/certlens_bg.wasm")), "the wasm came from the package");
    assert.ok(server.requests.every((r) => r.path.startsWith("/" + SUBPATH)), "everything came from under the sub-path");
  });

  await check("no uncaught error, console error or CSP violation", () => {
    assert.deepEqual(problems, []);
  });
} finally {
  await browser.close().catch(() => {});
  await server.close();
}
console.log(`# ${server.requests.length} requests served: ${[...new Set(server.requests.map((r) => r.path.slice(SUBPATH.length + 1)))].join(" ")}`);
done("page");
