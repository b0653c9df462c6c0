// A small static file server for the end-to-end tests: serves www/ on 127.0.0.1 (a random
// free port) with the page's Content-Security-Policy as a header, correct MIME types and
// no caching, and keeps a log of every request it received (the privacy test's ground truth).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const WWW_DIR = path.join(REPO_ROOT, 'www');

// The policy of the page's <meta http-equiv="Content-Security-Policy"> (the DOM contract).
export const PAGE_CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; " +
  "connect-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; " +
  "base-uri 'none'; form-action 'none'";
// frame-ancestors is ignored in a meta tag, so only the header can carry it.
export const HEADER_CSP = `${PAGE_CSP}; frame-ancestors 'none'`;

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  // certlens's data files (www/data/*.der.gz): gzip bytes the page decompresses itself.
  '.gz': 'application/gzip',
};

function securityHeaders({ csp, cors }) {
  return {
    ...(csp === null ? {} : { 'Content-Security-Policy': csp }),
    // Another origin's page may load the element (module scripts, the wasm and catalogue
    // fetches are CORS requests): what a CDN sends.
    ...(cors ? { 'Access-Control-Allow-Origin': '*' } : {}),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    // Every run sees the latest build, and the timing runs are all cold loads.
    'Cache-Control': 'no-store',
  };
}

/**
 * Starts the server (on www/, or on $CERTLENS_E2E_WWW). Resolves to { url, port, requests, close }.
 * `requests` is the log: { method, path, status, time } in arrival order.
 *   base   serve the directory under this sub-path (e.g. '/docs/tools/'); `url` points there,
 *          anything outside it is 404 (a page served from a sub-path, as on a docs site)
 *   files  extra files by absolute URL path: { '/docs/page.html': '<!doctype html>…' } or
 *          { path: { body, type } }; they win over the directory (test pages, test catalogues)
 *   cors   send `Access-Control-Allow-Origin: *` (the element served to pages of other origins)
 *   csp    the Content-Security-Policy header (default HEADER_CSP); null: none (a plain page)
 */
export async function startServer({
  root = process.env.CERTLENS_E2E_WWW || WWW_DIR, base = '/', files = {}, cors = false, csp = HEADER_CSP,
} = {}) {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  const rootReal = fs.realpathSync(root);
  const requests = [];
  const server = http.createServer((req, res) => {
    const entry = { method: req.method, path: req.url, status: 0, time: Date.now() };
    requests.push(entry);
    const send = (status, headers, body) => {
      entry.status = status;
      res.writeHead(status, { ...securityHeaders({ csp, cors }), ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }, 'method not allowed\n');
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      send(400, { 'Content-Type': 'text/plain; charset=utf-8' }, 'bad request\n');
      return;
    }
    if (pathname.includes('\0')) {
      send(400, { 'Content-Type': 'text/plain; charset=utf-8' }, 'bad request\n');
      return;
    }
    if (Object.hasOwn(files, pathname)) {
      const extra = files[pathname];
      const body = Buffer.from(typeof extra === 'string' || Buffer.isBuffer(extra) ? extra : extra.body);
      const type = extra.type ?? MIME_TYPES[path.extname(pathname).toLowerCase()] ?? 'application/octet-stream';
      send(200, { 'Content-Type': type, 'Content-Length': body.length }, body);
      return;
    }
    if (!pathname.startsWith(prefix) && `${pathname}/` !== prefix) {
      send(404, { 'Content-Type': 'text/plain; charset=utf-8' }, 'not found\n');
      return;
    }
    pathname = `/${pathname.slice(prefix.length)}`;
    let file = path.join(rootReal, path.normalize(pathname));
    try {
      if (fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
      file = fs.realpathSync(file);
    } catch {
      send(404, { 'Content-Type': 'text/plain; charset=utf-8' }, 'not found\n');
      return;
    }
    if (file !== rootReal && !file.startsWith(rootReal + path.sep)) {
      send(404, { 'Content-Type': 'text/plain; charset=utf-8' }, 'not found\n');
      return;
    }
    let body;
    try {
      body = fs.readFileSync(file);
    } catch {
      send(404, { 'Content-Type': 'text/plain; charset=utf-8' }, 'not found\n');
      return;
    }
    const type = MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    send(200, { 'Content-Type': type, 'Content-Length': body.length }, body);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
