// 6. Keyboard only: every control is reachable with Tab, the focus is visible, the file
// picker opens from the keyboard, and the actions work with Enter / Space.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AT, fixturePath, fixtureText } from './lib/fixtures.mjs';
import { useSuite, openPage, settle, checkCount, inputsList, keyMatches, assertNoPageErrors } from './lib/page.mjs';

const s = useSuite();

// In the page: remember each focused element's focus styles and, when it loses the focus, its
// unfocused styles, to tell whether focus is visible (anything in these properties changes).
async function installFocusProbe(page) {
  await page.evaluate(() => {
    const props = ['outline-style', 'outline-width', 'outline-color', 'box-shadow', 'border-color', 'background-color', 'text-decoration-line'];
    const snap = (el) => {
      const cs = getComputedStyle(el);
      return props.map((p) => cs.getPropertyValue(p)).join('|');
    };
    const describe = (el) =>
      el.id ? `#${el.id}` : `${el.tagName.toLowerCase()}${el.classList.length ? '.' + [...el.classList].join('.') : ''}`;
    window.__focus = [];
    // Focus inside <cert-inspector>'s shadow root reaches the document retargeted to the
    // host: the element really focused is the first of the event's composed path.
    const deepActive = () => {
      let el = document.activeElement;
      while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
      return el;
    };
    // Moves between two elements of one shadow root do not reach the document (the event is
    // trimmed when target and relatedTarget retarget to the same host): listen on the shadow
    // roots too, and let each listener take the elements of its own tree.
    const roots = [document, ...[...document.querySelectorAll('*')].filter((e) => e.shadowRoot).map((e) => e.shadowRoot)];
    for (const root of roots) {
      root.addEventListener('focusin', (e) => {
        const el = e.composedPath()[0];
        if (el.getRootNode() !== root) return;
        window.__focus.push({ el, name: describe(el), focused: snap(el), focusVisible: el.matches(':focus-visible'), unfocused: null });
      });
      root.addEventListener('focusout', (e) => {
        const target = e.composedPath()[0];
        if (target.getRootNode() !== root) return;
        const entry = [...window.__focus].reverse().find((f) => f.el === target && f.unfocused === null);
        // focusout fires while the element still has the focus: read the styles afterwards.
        if (entry) setTimeout(() => { if (deepActive() !== entry.el) entry.unfocused = snap(entry.el); }, 0);
      });
    }
  });
}

const focusLog = (page) =>
  page.evaluate(() =>
    window.__focus.map(({ name, focused, unfocused, focusVisible, el }) => ({
      name, focused, unfocused, focusVisible, visible: focused !== unfocused && unfocused !== null,
      inResults: !!el.closest('#results'), tag: el.tagName.toLowerCase(),
    })),
  );

const active = (page) =>
  page.evaluate(() => {
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    return el && el !== document.body ? (el.id ? `#${el.id}` : el.className || el.tagName) : null;
  });

async function tabTo(page, id, max = 40) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if ((await active(page)) === id) return;
  }
  assert.fail(`${id} not reached with ${max} Tab presses`);
}

test('keyboard only: inputs, file picker, hosts, then every result control; focus visible', async (t) => {
  // Intercept file choosers from the start: Playwright turns the interception on
  // asynchronously when the first listener is added, and a chooser opened before that is
  // cancelled by headless Chromium (seen as a flaky "no filechooser event").
  const { page, errors } = await openPage(s, t, { beforeGoto: ({ page: p }) => p.on('filechooser', () => {}) });
  // The date widget is typed segment by segment (locale-dependent): set it without the focus,
  // so that the first Tab starts from the top of the page.
  await page.$eval('#at', (el, at) => {
    el.value = at;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, AT);
  await installFocusProbe(page);

  // The first Tab lands on the skip link or the theme toggle, i.e. at the top of the page.
  await page.keyboard.press('Tab');
  const first = await active(page);
  assert.ok(first, 'Tab focuses something');

  // Paste: focus the text area and "paste" (text arrives as an input event).
  let before = await checkCount(page);
  await tabTo(page, '#paste');
  await page.keyboard.insertText(fixtureText('misordered.pem'));

  // The drop zone / file picker: reachable, and Enter opens the file chooser.
  await tabTo(page, '#dropzone');
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser', { timeout: 5000 }).catch(async (e) => {
      const now = await active(page);
      const log = (await focusLog(page)).map((f) => f.name).join(' ');
      throw new Error(`${e.message}; focus now on ${now}; focus history: ${log}`);
    }),
    page.keyboard.press('Enter'),
  ]);
  assert.ok(chooser.isMultiple(), 'the file chooser takes several files');
  await chooser.setFiles([fixturePath('leaf-rsa2048.key')]);

  await tabTo(page, '#hosts');
  await page.keyboard.type('www.example.com example.org');
  await settle(page, before);
  const inputs = (await inputsList(page)).map((i) => i.name);
  assert.ok(inputs.includes('leaf-rsa2048.key'), `inputs: ${inputs}`);
  assert.ok((await keyMatches(page)).some((k) => k.state === 'matches'));

  // Walk the rest of the page (results included) until the focus wraps around.
  const reached = [];
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press('Tab');
    const a = await active(page);
    if (a === null || a === first) break;
    reached.push(a);
  }
  const log = await focusLog(page);
  t.diagnostic(`focus order (${log.length}): ${log.map((f) => f.name).join(' ')}`);
  const names = new Set(log.map((f) => f.name));
  for (const id of ['#paste', '#dropzone', '#hosts', '#at', '#download-fullchain', '#snippet-server', '#copy-snippet']) {
    assert.ok(names.has(id), `${id} reachable with Tab; reached: ${[...names].join(' ')}`);
  }
  assert.ok(log.some((f) => /theme-toggle/.test(f.name)), '#theme-toggle reachable');
  assert.ok(log.some((f) => /host-suggestion/.test(f.name)), 'host suggestions reachable');
  assert.ok(log.some((f) => /copy-pem/.test(f.name)), 'a .copy-pem button reachable');
  assert.ok(log.some((f) => f.tag === 'summary'), 'the object details open from the keyboard');
  // Focus is visible on everything reached by the keyboard (styles change with the focus).
  const invisible = log.filter((f) => !f.visible && f.unfocused !== null).map((f) => f.name);
  assert.deepEqual([...new Set(invisible)], [], 'elements without a visible focus indicator');
  assert.ok(log.every((f) => f.focusVisible), `:focus-visible matched: ${log.filter((f) => !f.focusVisible).map((f) => f.name)}`);
  assertNoPageErrors(errors);
});

test('keyboard: Enter and Space operate the theme toggle, download and a host suggestion', async (t) => {
  const { page, errors } = await openPage(s, t);
  await page.fill('#at', AT);
  const before = await checkCount(page);
  await page.fill('#paste', fixtureText('misordered.pem'));
  await settle(page, before);

  const theme = () =>
    page.evaluate(() => ({
      pressed: document.querySelector('#theme-toggle').getAttribute('aria-pressed'),
      bg: getComputedStyle(document.body).backgroundColor,
    }));
  const t0 = await theme();
  await page.focus('#theme-toggle');
  await page.keyboard.press('Enter');
  const t1 = await theme();
  assert.notDeepEqual(t1, t0, 'Enter toggles the theme');
  await page.keyboard.press('Space');
  assert.deepEqual(await theme(), t0, 'Space toggles it back');

  await page.focus('#download-fullchain');
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 5000 }), page.keyboard.press('Enter')]);
  assert.equal(download.suggestedFilename(), 'fullchain.pem');

  const b = await checkCount(page);
  await page.focus('button.host-suggestion[data-host="example.com"]');
  await page.keyboard.press('Enter');
  await settle(page, b);
  assert.match(await page.inputValue('#hosts'), /example\.com/);
  assertNoPageErrors(errors);
});

test('every form control has an accessible name', async (t) => {
  const { page, errors } = await openPage(s, t);
  const unnamed = await page.evaluate(() =>
    [...document.querySelectorAll('input, textarea, select, button'),
      ...document.querySelector('cert-inspector').shadowRoot.querySelectorAll('input, textarea, select, button')]
      .filter((el) => {
        const labelled = (el.labels && el.labels.length) || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
        const text = el.tagName === 'BUTTON' && el.textContent.trim();
        return !labelled && !text;
      })
      .map((el) => el.id || el.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(unnamed, []);
  assertNoPageErrors(errors);
});

test('severity is shown by an icon and a word, not by colour alone', async (t) => {
  const { page, errors } = await openPage(s, t);
  const before = await checkCount(page);
  await page.fill('#at', AT);
  await page.fill('#hosts', 'www.example.com');
  await page.fill('#paste', fixtureText('misordered.pem') + fixtureText('leaf-expiring.pem'));
  await settle(page, before);
  const items = await page.$$eval('#findings li.finding', (els) =>
    els.map((e) => ({
      severity: e.dataset.severity,
      text: e.innerText,
      icon: !!e.querySelector('svg, img[alt]'),
    })),
  );
  const words = { error: /error/i, warning: /warning/i, info: /note|info/i };
  assert.ok(new Set(items.map((i) => i.severity)).size >= 2, `several severities: ${JSON.stringify(items.map((i) => i.severity))}`);
  for (const i of items) {
    assert.match(i.text, words[i.severity], `the word for ${i.severity} in: ${i.text.slice(0, 80)}`);
    assert.ok(i.icon, `an icon for a ${i.severity} finding`);
  }
  assertNoPageErrors(errors);
});
