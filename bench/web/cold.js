// Cold start of one library in a fresh browser context (cold.html?lib=NAME), in ms since
// navigation start: when this script starts, when the library's bundle is imported, when it
// is ready (certlens: its wasm fetched, compiled and instantiated), and when the first result
// is on the page (certlens: the full inspection of the deploy bundle; the JavaScript
// libraries: its three certificates parsed and shown). Sets window.__cold.
const t = { script: performance.now() };
try {
  const lib = new URLSearchParams(location.search).get('lib');
  const inputs = JSON.parse(document.getElementById('inputs').textContent);
  const show = await import(`./show-${lib}.js`);
  t.imported = performance.now();
  await show.load();
  t.ready = performance.now();
  t.what = await show.show(inputs, document.getElementById('out'));
  t.first = performance.now();
  t.bytes = performance
    .getEntriesByType('resource')
    .reduce((sum, e) => sum + (e.encodedBodySize || 0), 0);
} catch (e) {
  t.error = String((e && e.message) || e);
}
window.__cold = t;
