// Every language end to end: the demo article in English, Chinese and Japanese (demo.html,
// demo-zh.html, demo-ja.html: their <html lang> drives both widgets) and the full page with
// ?lang=. The expected texts are read from i18n/<lang>.json at test time, so a changed
// translation changes the expectation, not the test. Screenshots in target/screenshots/:
// demo-<lang>-{desktop,phone}.png and page-<lang>-desktop.png (look at them: the assertions
// do not depend on fonts, the screenshots do; scripts/install-chromium.sh installs Noto CJK).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './lib/server.mjs';
import { AT, fixtureText } from './lib/fixtures.mjs';
import { useSuite, openPage, settle, checkCount, waitReady, assertNoPageErrors } from './lib/page.mjs';

const s = useSuite();
const OUT = path.join(REPO_ROOT, 'target', 'screenshots');
fs.mkdirSync(OUT, { recursive: true });

const DESKTOP = { viewport: { width: 1280, height: 900 }, colorScheme: 'light' };
const PHONE = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, colorScheme: 'light' };

const LANGS = [
  { lang: 'en', demo: 'demo.html' },
  { lang: 'zh', demo: 'demo-zh.html' },
  { lang: 'ja', demo: 'demo-ja.html' },
];
const catalogue = (lang) => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'i18n', `${lang}.json`), 'utf8'));
const NAMES = Object.fromEntries(LANGS.map(({ lang }) => [lang, catalogue(lang)['language.name']]));

// A catalogue key showing instead of its text (a missing string renders as its key).
const KEY_PATTERN = /\b(ui|finding|phrase|object|place|content|host_error)\.[a-z_]+/;

/** tn()'s choice: `<key>.<plural category>` if the catalogue has it, else `<key>.other`. */
function plural(texts, lang, key, n) {
  const exact = `${key}.${new Intl.PluralRules(lang).select(n)}`;
  return exact in texts ? texts[exact] : texts[`${key}.other`];
}

/** The fixed parts of a template ("In {input}, the first …" -> ["In ", ", the first …"]). */
const fixedParts = (template) => template.split(/\{\w+\}/).filter((p) => p.trim() !== '');

/** Asserts that `text` is `template` filled in: every fixed part, in order, and no placeholder. */
function assertRendered(text, template, what) {
  let at = 0;
  for (const part of fixedParts(template)) {
    const i = text.indexOf(part, at);
    assert.ok(i >= at, `${what}: "${part}" missing (in order) from: ${text}`);
    at = i + part.length;
  }
  assert.doesNotMatch(text, /\{\w+\}/, `${what}: a placeholder left: ${text}`);
  assert.doesNotMatch(text, KEY_PATTERN, `${what}: a catalogue key: ${text}`);
}

/** Every text node and every attribute people read, in a host's shadow root, that looks like a key. */
const keysShown = (page, host) =>
  page.evaluate(([sel, source]) => {
    const re = new RegExp(source);
    const root = document.querySelector(sel).shadowRoot;
    const out = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (re.test(n.textContent)) out.push(n.textContent.trim().slice(0, 120));
    for (const el of root.querySelectorAll('*')) {
      for (const attr of ['aria-label', 'title', 'placeholder', 'alt', 'aria-description']) {
        const v = el.getAttribute(attr);
        if (v && re.test(v)) out.push(`${el.tagName.toLowerCase()}[${attr}]: ${v}`);
      }
    }
    return out;
  }, [host, KEY_PATTERN.source]);

/** The texts of the template's [data-i18n] elements and [data-i18n-attr] attributes in a shadow root. */
const templateTexts = (page, host) =>
  page.evaluate((sel) => {
    const root = document.querySelector(sel).shadowRoot;
    const out = [];
    for (const el of root.querySelectorAll('[data-i18n]')) out.push({ key: el.dataset.i18n, text: el.textContent });
    for (const el of root.querySelectorAll('[data-i18n-attr]')) {
      for (const pair of el.dataset.i18nAttr.split(';')) {
        const [attr, key] = pair.split(':').map((x) => x.trim());
        if (attr && key) out.push({ key, text: el.getAttribute(attr), attr });
      }
    }
    return out;
  }, host);

async function inspectIn(page, host, { paste, hosts }) {
  const before = await checkCount(page, host);
  if (await page.isVisible(`${host} >> #at`)) await page.fill(`${host} >> #at`, AT);
  if (hosts !== undefined) await page.fill(`${host} >> #hosts`, hosts);
  await page.fill(`${host} >> #paste`, paste);
  await settle(page, before, { host });
}

/** No element sticking out sideways (the screenshot test's check, for the article). */
const overflow = (page) =>
  page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > vw + 1 && !el.closest('pre'))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`);
    return { scrollWidth: document.documentElement.scrollWidth, clientWidth: vw, wide };
  });

const recordReports = ({ page }) =>
  page.addInitScript(() => {
    window.__reports = [];
    document.addEventListener('report', (e) => window.__reports.push({ target: e.target.id, lang: e.detail.lang, detail: e.detail }));
  });

/** The demo article in `lang`, both widgets used; returns the page. */
async function demoInUse(t, { lang, demo }, contextOptions) {
  const opened = await openPage(s, t, { url: `${s.url}${demo}`, waitReady: false, contextOptions, beforeGoto: recordReports });
  const { page } = opened;
  await page.evaluate(() => document.querySelectorAll('cert-inspector').forEach((el, i) => { el.id = `w${i}`; }));
  assert.equal(await page.locator('cert-inspector').count(), 2);
  await page.focus('#w0 >> #paste');
  await waitReady(page, '#w0');
  await waitReady(page, '#w1');
  for (const host of ['#w0', '#w1']) assert.equal(await page.getAttribute(host, 'data-lang'), lang, `${host} data-lang`);
  await inspectIn(page, '#w0', { paste: fixtureText('misordered.pem') + fixtureText('leaf-rsa2048.key'), hosts: 'www.example.com, example.org' });
  await inspectIn(page, '#w1', { paste: fixtureText('leaf-rsa2048.key') + fixtureText('leaf-rsa2048.pem') });
  await page.evaluate(() => document.fonts && document.fonts.ready);
  return opened;
}

for (const L of LANGS) {
  const texts = catalogue(L.lang);
  const ui = (key) => {
    assert.equal(typeof texts[key], 'string', `${L.lang}.json has ${key}`);
    return texts[key];
  };

  test(`${L.lang}: the demo article (${L.demo}), both widgets in ${NAMES[L.lang]}`, async (t) => {
    const { page, errors } = await demoInUse(t, L, DESKTOP);
    assert.match(await page.getAttribute('html', 'lang'), new RegExp(`^${L.lang}`));

    // Every string of the template, in this language.
    for (const host of ['#w0', '#w1']) {
      const wrong = (await templateTexts(page, host)).filter((x) => x.text !== ui(x.key));
      assert.deepEqual(wrong, [], `${host}: template texts not from ${L.lang}.json`);
    }

    // The verdict and the headings of the first widget.
    const report0 = await page.evaluate(() => document.querySelector('#w0').report);
    assert.equal(report0.verdict, 'problems');
    const verdict = await page.evaluate(() => {
      const root = document.querySelector('#w0').shadowRoot;
      const line = root.querySelector('#verdict .verdict-line > span');
      return { line: line.firstChild.textContent, sub: root.querySelector('#verdict .verdict-sub').textContent };
    });
    assert.equal(verdict.line, ui('ui.verdict.problems'));
    assert.equal(verdict.sub, plural(texts, L.lang, 'ui.verdict.fix_errors', report0.summary.errors));
    for (const id of ['findings-heading', 'chain-heading', 'hosts-heading', 'key-heading', 'deploy-heading', 'objects-heading', 'inputs-heading']) {
      assert.equal((await page.textContent(`#w0 >> #${id}`)).trim(), ui(`ui.${id.replace('-heading', '')}.heading`), id);
    }
    const severities = await page.locator('#w0 >> #findings .severity-heading > span:not(.count):not(.severity-hint)').allTextContents();
    assert.ok(severities.length >= 1);
    for (const title of severities) assert.ok(['error', 'warning', 'info'].some((sev) => title === ui(`ui.severity.${sev}.title`)), title);

    // The paste: named in this language in the inputs list, the report and the messages.
    const pasteName = ui('ui.paste.name');
    const inputs = await page.locator('#w0 >> #inputs-list li[data-input]').evaluateAll((els) => els.map((e) => e.dataset.input));
    assert.deepEqual(inputs, [pasteName]);
    assert.ok(report0.objects.every((o) => o.source.input === pasteName), 'source.input');

    // leaf_not_first: the catalogue's template, filled in by the core.
    const message = (await page.textContent('#w0 >> #findings li.finding[data-code="leaf_not_first"] .finding-message')).trim();
    assertRendered(message, ui('finding.leaf_not_first.message'), 'leaf_not_first');
    assert.ok(message.includes(pasteName), `the message names the input as "${pasteName}": ${message}`);
    const finding = report0.findings.find((f) => f.code === 'leaf_not_first');
    assert.equal(finding.message, message);
    if (typeof texts['finding.leaf_not_first.fix'] === 'string' && finding.fix) assertRendered(finding.fix, ui('finding.leaf_not_first.fix'), 'leaf_not_first fix');
    t.diagnostic(`${L.lang}: ${message}`);

    // The second widget: key_match only, the key belongs to the certificate.
    const keys = await page.locator('#w1 >> #key-match [data-key-match]').evaluateAll((els) => els.map((e) => e.dataset.keyMatch));
    assert.deepEqual(keys, ['matches']);
    assert.match(await page.textContent('#w1 >> #key-match'), new RegExp(ui('ui.key.match').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.equal((await page.textContent('#w1 >> #key-heading')).trim(), ui('ui.key.heading'));

    // The report events: in this language.
    const reports = await page.evaluate(() => window.__reports);
    assert.ok(reports.some((r) => r.target === 'w0') && reports.some((r) => r.target === 'w1'), 'a report from each widget');
    assert.deepEqual([...new Set(reports.map((r) => r.lang))], [L.lang], 'report.lang');

    // No key shows anywhere in either widget.
    for (const host of ['#w0', '#w1']) assert.deepEqual(await keysShown(page, host), [], `${host}: catalogue keys shown`);

    await page.screenshot({ path: path.join(OUT, `demo-${L.lang}-desktop.png`), fullPage: true });
    assertNoPageErrors(errors);
  });

  test(`${L.lang}: the demo article on a phone`, async (t) => {
    const { page, errors } = await demoInUse(t, L, PHONE);
    assert.equal(await page.getAttribute('#w0 >> #verdict', 'data-verdict'), 'problems');
    await page.screenshot({ path: path.join(OUT, `demo-${L.lang}-phone.png`), fullPage: true });
    const o = await overflow(page);
    assert.ok(o.scrollWidth <= o.clientWidth, `the article scrolls sideways: ${JSON.stringify(o)}`);
    assert.deepEqual(o.wide, [], 'elements sticking out of the viewport');
    assertNoPageErrors(errors);
  });

  test(`${L.lang}: the full page with ?lang=${L.lang}`, async (t) => {
    const { page, errors } = await openPage(s, t, { url: `${s.url}index.html?lang=${L.lang}`, contextOptions: DESKTOP, beforeGoto: recordReports });
    await page.waitForFunction((lang) => document.querySelector('cert-inspector')?.dataset.lang === lang, L.lang);
    assert.equal(await page.getAttribute('html', 'lang'), L.lang);
    assert.equal(await page.inputValue('#lang-select'), L.lang);
    await page.waitForFunction((title) => document.title === title, ui('ui.page.title'));
    assert.equal((await page.textContent('.tagline')).trim(), ui('ui.page.tagline'));
    assert.equal((await page.textContent('.site-footer')).trim(), ui('ui.page.footer'));
    assert.equal(await page.getAttribute('meta[name="description"]', 'content'), ui('ui.page.description'));
    // Each language offered by its own name, from its own catalogue.
    await page.waitForFunction((names) => [...document.querySelectorAll('#lang-select option')].every((o) => o.textContent === names[o.value]), NAMES);
    const wrong = (await templateTexts(page, 'cert-inspector')).filter((x) => x.text !== ui(x.key));
    assert.deepEqual(wrong, []);

    const before = await checkCount(page);
    await page.fill('#at', AT);
    await page.fill('#hosts', 'www.example.com');
    await page.fill('#paste', fixtureText('misordered.pem') + fixtureText('leaf-rsa2048.key'));
    await settle(page, before);
    assert.equal(await page.getAttribute('#verdict', 'data-verdict'), 'problems');
    assertRendered((await page.textContent('#findings li.finding[data-code="leaf_not_first"] .finding-message')).trim(), ui('finding.leaf_not_first.message'), 'leaf_not_first');
    assert.deepEqual([...new Set((await page.evaluate(() => window.__reports)).map((r) => r.lang))], [L.lang]);
    assert.deepEqual(await keysShown(page, 'cert-inspector'), []);
    await page.$eval('#objects details.object', (d) => { d.open = true; }).catch(() => {});
    await page.evaluate(() => document.fonts && document.fonts.ready);
    await page.screenshot({ path: path.join(OUT, `page-${L.lang}-desktop.png`), fullPage: true });
    assertNoPageErrors(errors);
  });
}

test('the full page: switching the language select re-renders the page and the report', async (t) => {
  const { page, errors } = await openPage(s, t, { url: `${s.url}index.html?lang=en`, contextOptions: DESKTOP, beforeGoto: recordReports });
  const before = await checkCount(page);
  await page.fill('#at', AT);
  await page.fill('#paste', fixtureText('misordered.pem'));
  await settle(page, before);
  for (const lang of ['ja', 'zh', 'en']) {
    const texts = catalogue(lang);
    const n = await checkCount(page);
    await page.selectOption('#lang-select', lang);
    await page.waitForFunction((l) => document.documentElement.lang === l && document.querySelector('cert-inspector').dataset.lang === l, lang);
    await settle(page, n); // the findings are rendered again, by the core, in the new language
    assert.equal((await page.textContent('.tagline')).trim(), texts['ui.page.tagline']);
    assert.deepEqual(await page.locator('#inputs-list li[data-input]').evaluateAll((els) => els.map((e) => e.dataset.input)), [texts['ui.paste.name']]);
    assertRendered((await page.textContent('#findings li.finding[data-code="leaf_not_first"] .finding-message')).trim(), texts['finding.leaf_not_first.message'], `${lang} leaf_not_first`);
    const last = (await page.evaluate(() => window.__reports)).at(-1);
    assert.equal(last.lang, lang);
    assert.deepEqual(await keysShown(page, 'cert-inspector'), []);
  }
  assertNoPageErrors(errors);
});
