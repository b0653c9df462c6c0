// 8. Screenshots of the page with results, light and dark, desktop and phone, saved to
// target/screenshots/ (test artifacts: look at them). Also checks what can be checked
// mechanically: the phone layout does not scroll sideways, dark is dark and light is light.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './lib/server.mjs';
import { fixtureText } from './lib/fixtures.mjs';
import { useSuite, openPage, inspect, settle, checkCount, waitReady, assertNoPageErrors } from './lib/page.mjs';

const s = useSuite();
const OUT = path.join(REPO_ROOT, 'target', 'screenshots');

const DESKTOP = { viewport: { width: 1280, height: 900 } };
const PHONE = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const VARIANTS = [
  { name: 'desktop-light', options: { ...DESKTOP, colorScheme: 'light' } },
  { name: 'desktop-dark', options: { ...DESKTOP, colorScheme: 'dark' } },
  { name: 'phone-light', options: { ...PHONE, colorScheme: 'light' } },
  { name: 'phone-dark', options: { ...PHONE, colorScheme: 'dark' } },
];

// Relative luminance of the page background (body, else html, else white).
const backgroundLuminance = (page) =>
  page.evaluate(() => {
    const parse = (c) => (c.match(/[\d.]+/g) || []).map(Number);
    let rgba = null;
    for (const el of [document.body, document.documentElement]) {
      const c = parse(getComputedStyle(el).backgroundColor);
      if (c.length >= 3 && (c.length < 4 || c[3] > 0)) {
        rgba = c;
        break;
      }
    }
    const [r, g, b] = (rgba || [255, 255, 255]).map((v) => {
      const x = v / 255;
      return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  });

const overflow = (page) =>
  page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.right > vw + 1 && getComputedStyle(el).position !== 'fixed';
      })
      .filter((el) => !el.closest('pre, .code, [class*="scroll"], table'))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${[...el.classList].join('.')} right=${Math.round(el.getBoundingClientRect().right)}`);
    return { scrollWidth: document.documentElement.scrollWidth, clientWidth: vw, wide };
  });

fs.mkdirSync(OUT, { recursive: true });

for (const v of VARIANTS) {
  test(`screenshot ${v.name}`, async (t) => {
    const { page, errors } = await openPage(s, t, { contextOptions: v.options });
    if (v.name === 'desktop-light') {
      await page.screenshot({ path: path.join(OUT, 'desktop-light-empty.png'), fullPage: true });
    }
    await inspect(page, {
      hosts: 'www.example.com example.org',
      paste: fixtureText('misordered.pem') + fixtureText('leaf-rsa2048.key'),
    });
    // Open the first object's details, as a user reading them would.
    await page.$eval('#objects details.object', (d) => { d.open = true; }).catch(() => {});
    await page.evaluate(() => document.fonts && document.fonts.ready);
    await page.screenshot({ path: path.join(OUT, `${v.name}.png`), fullPage: true });
    await page.screenshot({ path: path.join(OUT, `${v.name}-viewport.png`) });

    const lum = await backgroundLuminance(page);
    t.diagnostic(`${v.name}: background luminance ${lum.toFixed(3)}`);
    if (v.options.colorScheme === 'dark') assert.ok(lum < 0.2, `dark theme background luminance ${lum}`);
    else assert.ok(lum > 0.6, `light theme background luminance ${lum}`);

    const o = await overflow(page);
    assert.ok(o.scrollWidth <= o.clientWidth, `the page scrolls sideways at ${v.options.viewport.width}px: ${JSON.stringify(o)}`);
    assert.deepEqual(o.wide, [], 'elements sticking out of the viewport');
    assertNoPageErrors(errors);
  });
}

// The demo article (www/demo.html): a docs page with two embedded <cert-inspector> elements,
// both in use. target/screenshots/demo-{desktop,phone}.png.
for (const v of [{ name: 'demo-desktop', options: { ...DESKTOP, colorScheme: 'light' } }, { name: 'demo-phone', options: { ...PHONE, colorScheme: 'light' } }]) {
  test(`screenshot ${v.name}`, async (t) => {
    const { page, errors } = await openPage(s, t, { contextOptions: v.options, waitReady: false });
    await page.goto(`${s.url}demo.html`);
    await page.evaluate(() => document.querySelectorAll('cert-inspector').forEach((el, i) => { el.id = `w${i}`; }));
    await page.screenshot({ path: path.join(OUT, `${v.name}-empty.png`), fullPage: true });
    await page.focus('#w0 >> #paste');
    await waitReady(page, '#w0');
    for (const [host, paste] of [['#w0', fixtureText('misordered.pem')], ['#w1', fixtureText('leaf-rsa2048.pem') + fixtureText('leaf-rsa2048.key')]]) {
      const before = await checkCount(page, host);
      await page.fill(`${host} >> #paste`, paste);
      await settle(page, before, { host });
    }
    await page.screenshot({ path: path.join(OUT, `${v.name}.png`), fullPage: true });
    const o = await overflow(page);
    assert.ok(o.scrollWidth <= o.clientWidth, `the demo scrolls sideways: ${JSON.stringify(o)}`);
    assertNoPageErrors(errors);
  });
}
