// The package from Node, as a user installs it: run from a fresh project in which
// tests/npm/run.sh has `npm install`ed the packed tarball (so "certlens" resolves to
// node_modules/certlens, not to this repository). CERTLENS_REPO points at the repository
// for its fixtures and catalogues.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { assert, check, done, skip } from "./lib/check.mjs";
import { data, inspect, languages, loadData, parse, snippets, verifyLink, version } from "certlens";

const REPO = process.env.CERTLENS_REPO;
if (!REPO) throw new Error("CERTLENS_REPO is not set (run tests/npm/run.sh)");
const FIXTURES = path.join(REPO, "tests/fixtures");
const AT = "2026-06-01T00:00:00Z"; // the fixtures' reference instant
const fixture = (name) => ({ name, data: fs.readFileSync(path.join(FIXTURES, name)) });
const fixtureText = (name) => ({ name, data: fs.readFileSync(path.join(FIXTURES, name), "utf8") });
const codes = (report) => report.findings.map((f) => f.code);
const expectedMd5 = Object.fromEntries(
  fs.readFileSync(path.join(FIXTURES, "expected/pubkey-md5.tsv"), "utf8")
    .split("\n").filter(Boolean).map((line) => line.split("\t")));
const pkgJson = createRequire(import.meta.url)("certlens/package.json");

await check("the package resolves from node_modules, not from the repository", () => {
  const resolved = fs.realpathSync(new URL(import.meta.resolve("certlens")));
  assert.ok(resolved.startsWith(fs.realpathSync(process.cwd()) + path.sep + "node_modules" + path.sep), resolved);
  assert.ok(!resolved.startsWith(fs.realpathSync(REPO) + path.sep), resolved);
});

await check("version() is the Cargo.toml version, the package's version", async () => {
  const cargo = fs.readFileSync(path.join(REPO, "Cargo.toml"), "utf8").match(/^version\s*=\s*"([^"]+)"/m)[1];
  assert.equal(await version(), cargo);
  assert.equal(pkgJson.version, cargo);
});

await check("languages", () => {
  assert.deepEqual([...languages], ["en", "zh", "ja"]);
});

await check("fullchain.pem + its key (Buffers), test root trusted: verdict ok, key matches", async () => {
  const report = await inspect([fixture("fullchain.pem"), fixture("leaf-rsa2048.key")], {
    hosts: ["www.example.com"], at: AT, trust: [fixture("root.pem")],
  });
  assert.equal(report.schema, "certlens.report/1");
  assert.equal(report.verdict, "ok", JSON.stringify(report.findings.map((f) => f.message)));
  assert.equal(report.summary.errors, 0);
  assert.equal(report.checked_at, AT);
  assert.equal(report.chain.complete, true);
  assert.equal(report.chain.trusted, true);
  assert.equal(report.chain.anchor, "certlens Test Root CA");
  assert.equal(report.chain.order.length, 3);
  // Every key is compared with every certificate: the key matches the leaf, and only it.
  const matches = report.key_matches.filter((m) => m.matches);
  assert.deepEqual(matches.map((m) => m.certificate), [report.chain.leaf]);
  const key = report.objects[matches[0].key];
  assert.equal(key.kind, "private_key");
  assert.equal(key.pem, undefined, "a private key is never echoed");
  assert.equal(key.pubkey_md5, expectedMd5["leaf-rsa2048.key"]);
  assert.deepEqual(report.hosts.map((h) => [h.name, h.covered]), [["www.example.com", true]]);
  assert.ok(codes(report).includes("key_matches"), codes(report).join(", "));
});

await check("misordered.pem (a string): leaf_not_first, and a corrected fullchain, leaf first", async () => {
  const report = await inspect([fixtureText("misordered.pem")], { at: AT, trust: [fixture("root.pem")] });
  assert.equal(report.verdict, "problems");
  const finding = report.findings.find((f) => f.code === "leaf_not_first");
  assert.ok(finding, `no leaf_not_first among ${codes(report).join(", ")}`);
  assert.equal(finding.check, "order");
  assert.equal(finding.severity, "error");
  assert.match(finding.message, /misordered\.pem/);
  const leaf = report.objects[report.chain.leaf];
  assert.equal(leaf.name, "www.example.com");
  assert.ok(report.fullchain_pem.startsWith(leaf.pem), "the corrected fullchain starts with the leaf");
});

await check("mismatched-key.pem (an ArrayBuffer): key_mismatch", async () => {
  const bytes = fs.readFileSync(path.join(FIXTURES, "mismatched-key.pem"));
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const report = await inspect([{ name: "mismatched-key.pem", data: buffer }], { at: AT });
  assert.equal(report.verdict, "problems");
  assert.ok(codes(report).includes("key_mismatch"), codes(report).join(", "));
  assert.ok(report.key_matches.length > 0 && report.key_matches.every((m) => !m.matches));
});

await check("options.checks runs only the given families", async () => {
  const report = await inspect([fixture("misordered.pem")], { at: AT, checks: ["key_match"] });
  assert.deepEqual(report.findings.filter((f) => f.check !== "key_match").map((f) => f.code), []);
});

await check("concurrent first calls share one load", async () => {
  const reports = await Promise.all(
    Array.from({ length: 4 }, () => inspect([fixture("misordered.pem")], { at: AT })));
  assert.ok(reports.every((r) => codes(r).includes("leaf_not_first")));
});

const english = await inspect([fixture("misordered.pem")], { at: AT });
for (const lang of ["zh", "ja"]) {
  await check(`lang: "${lang}" loads i18n/${lang}.json and gives report.lang "${lang}"`, async () => {
    const report = await inspect([fixture("misordered.pem")], { at: AT, lang });
    assert.equal(report.lang, lang);
    assert.deepEqual(codes(report), codes(english), "the same findings in any language");
  });
  await check(`lang: "${lang}" translates the findings`, async () => {
    const catalogue = JSON.parse(fs.readFileSync(path.join(REPO, "i18n", `${lang}.json`), "utf8"));
    const key = "finding.leaf_not_first.message";
    if (typeof catalogue[key] !== "string") {
      skip(`i18n/${lang}.json has no finding texts yet (no "${key}")`);
    }
    const report = await inspect([fixture("misordered.pem")], { at: AT, lang });
    const ours = report.findings.find((f) => f.code === "leaf_not_first").message;
    const theirs = english.findings.find((f) => f.code === "leaf_not_first").message;
    assert.notEqual(ours, theirs);
  });
}

await check(`lang: "en" (and no lang) give report.lang "en"`, async () => {
  assert.equal(english.lang, "en");
  assert.equal((await inspect([fixture("misordered.pem")], { at: AT, lang: "en" })).lang, "en");
});

await check("an unknown language is refused with an Error naming options.lang", async () => {
  await assert.rejects(inspect([fixture("misordered.pem")], { lang: "fr" }), /options\.lang/);
});

await check("bad arguments reject with an Error naming the argument", async () => {
  await assert.rejects(inspect("fullchain.pem"), /inputs/);
  await assert.rejects(inspect([{ name: "x.pem", data: 42 }]), /inputs\[0\]\.data/);
  await assert.rejects(inspect([fixture("fullchain.pem")], { at: "yesterday" }), /options\.at/);
});

await check("parse(): the objects without checks", async () => {
  const objects = await parse([fixture("fullchain.pem")]);
  assert.deepEqual(objects.map((o) => o.kind), ["certificate", "certificate", "certificate"]);
  assert.equal(objects[0].name, "www.example.com");
  assert.equal(objects[0].pubkey_md5, expectedMd5["leaf-rsa2048.pem"]);
});

await check("verifyLink(): a real link verifies, a wrong issuer does not", async () => {
  const leaf = fs.readFileSync(path.join(FIXTURES, "leaf-rsa2048.pem"), "utf8");
  const good = await verifyLink(leaf, fs.readFileSync(path.join(FIXTURES, "int2.pem")));
  assert.deepEqual(good, { verified: true, reason: null });
  const bad = await verifyLink(leaf, fs.readFileSync(path.join(FIXTURES, "int1.pem")));
  assert.equal(bad.verified, false);
  assert.equal(typeof bad.reason, "string");
});

await check("snippets(): nginx, Apache, HAProxy with the given file names", async () => {
  const s = await snippets({ certificate: "/etc/ssl/site.pem", key: "/etc/ssl/site.key", hosts: ["www.example.com"] });
  assert.match(s.nginx, /ssl_certificate\s+\/etc\/ssl\/site\.pem/);
  assert.match(s.apache, /\/etc\/ssl\/site\.key/);
  assert.equal(typeof s.haproxy, "string");
});

// certlens's data files, shipped in the package (data/*.der.gz) and loaded by index.js (fs +
// zlib) before the first inspection.
await check("data(): the package's root programs and public intermediates, read from its data/ folder", async () => {
  const infos = await data();
  assert.deepEqual(infos.map((i) => i.kind), ["root-programs", "public-intermediates"]);
  for (const info of infos) {
    assert.match(info.date, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(info.count > 100, JSON.stringify(info));
  }
  for (const name of ["root-programs", "public-intermediates"]) {
    assert.ok(fs.existsSync(new URL(`./data/${name}.der.gz`, import.meta.resolve("certlens"))), `${name}.der.gz in the package`);
  }
});

await check("a public chain gets a verdict per client, as each root program stood at the instant", async () => {
  const chain = fixture("public/badssl-revoked-rapidssl-chain-2021.pem");
  const now = await inspect([chain], { at: "2026-12-07T00:00:00Z" });
  assert.equal(now.data.root_programs, "loaded");
  assert.equal(now.chain.root.name, "DigiCert Global Root CA");
  assert.deepEqual(now.chain.clients.map((c) => c.client), ["chrome", "firefox", "apple", "windows", "android", "java"]);
  assert.deepEqual(now.chain.clients.filter((c) => !c.trusted).map((c) => c.client), ["chrome", "firefox"]);
  assert.match(now.chain.clients[0].message, /v31/);
  assert.match(now.chain.clients[1].message, /NSS 3\.123/);
  assert.ok(codes(now).includes("root_not_trusted"), codes(now).join(", "));
  const then = await inspect([chain], { at: "2021-12-01T00:00:00Z" });
  assert.ok(then.chain.clients.every((c) => c.trusted), JSON.stringify(then.chain.clients.map((c) => c.message)));
  assert.equal(then.chain.trusted, true);
  const ja = await inspect([chain], { at: "2026-12-07T00:00:00Z", lang: "ja" });
  assert.notEqual(ja.chain.clients[0].message, now.chain.clients[0].message, "the messages in the report's language");
});

await check("a leaf without its intermediate is completed from the package's public intermediates", async () => {
  const report = await inspect([fixture("public/letsencrypt-e8-leaf-2026.pem")], { at: "2026-05-01T00:00:00Z" });
  assert.equal(report.data.public_intermediates, "loaded");
  assert.ok(report.data.public_intermediates_count > 1000);
  assert.deepEqual(report.chain.added, [1]);
  const e8 = report.objects[1];
  assert.equal(e8.name, "E8");
  assert.equal(e8.added, true);
  assert.equal(e8.source.input, "certlens public intermediates");
  assert.equal(report.chain.complete, true);
  assert.equal(report.chain.trusted, true);
  const added = report.findings.find((f) => f.code === "missing_intermediate");
  assert.equal(added.variant, "added");
  assert.equal((report.fullchain_pem.match(/-----BEGIN CERTIFICATE-----/g) || []).length, 2);
  assert.ok(report.fullchain_pem.startsWith(report.objects[0].pem) && report.fullchain_pem.endsWith(e8.pem));
});

await check("loadData(): a damaged data file rejects with an Error naming it, and the data stays", async () => {
  await assert.rejects(loadData(new Uint8Array([1, 2, 3])), /root-programs|public-intermediates/);
  await assert.rejects(loadData("root-programs.der"), /Uint8Array/);
  const report = await inspect([fixture("public/letsencrypt-e8-leaf-2026.pem")], { at: "2026-05-01T00:00:00Z" });
  assert.deepEqual(report.chain.added, [1]);
});

done("node");
