#!/usr/bin/env python3
"""Serves the web page (www/) on 127.0.0.1 only, for development and the end-to-end tests.

python3 scripts/serve.py [--port N] [--dir DIR]   (port also from $PORT; default 8080)

Sends the MIME types the page needs (application/wasm lets the browser compile the module
while it downloads; text/javascript for ES modules and workers) and the page's
Content-Security-Policy as a header too, where frame-ancestors takes effect (a meta tag
cannot set it). Nothing is cached, so a rebuild shows on reload.
"""

import argparse
import functools
import http.server
import os
import sys

# The policy of www/index.html's <meta http-equiv="Content-Security-Policy">, plus
# frame-ancestors, which browsers honour only in a header.
CSP = (
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; "
    "connect-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)

MIME_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".wasm": "application/wasm",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".txt": "text/plain; charset=utf-8",
    ".ts": "text/plain; charset=utf-8",
    ".pem": "text/plain; charset=utf-8",
    # certlens's data files (www/data/*.der.gz): gzip bytes the page decompresses itself, sent
    # without Content-Encoding.
    ".gz": "application/gzip",
}


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}

    def end_headers(self):
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    parser = argparse.ArgumentParser(description="Serve the certlens page on 127.0.0.1.")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8080")))
    parser.add_argument("--dir", default=os.path.join(root, "www"))
    args = parser.parse_args()

    handler = functools.partial(Handler, directory=args.dir)
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    except OSError as e:
        sys.exit(f"cannot listen on 127.0.0.1:{args.port}: {e.strerror} (set PORT=...)")
    print(f"certlens: http://127.0.0.1:{server.server_port}/  (serving {os.path.normpath(args.dir)}; Ctrl-C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
