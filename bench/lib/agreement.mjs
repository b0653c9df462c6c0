// Do the libraries produce the same facts? Every library's parse output, certificate by
// certificate, against OpenSSL's (Node's crypto.X509Certificate), on every parse input; and
// the counts each library read in Chromium against the same library in Node.

const sha = (s) => String(s).replace(/[^0-9a-f]/gi, '').toLowerCase();

/** Undoes backslash escapes (RFC 4514 / OpenSSL's \XX for control characters). */
const unescape = (s) =>
  String(s)
    .replace(/\\([0-9A-Fa-f]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)))
    .replace(/\\(.)/g, '$1');

/** The attribute values of OpenSSL's multi-line name (one TYPE=value per line). */
const values = (name) =>
  String(name)
    .split('\n')
    .map((line) => unescape(line.slice(line.indexOf('=') + 1)))
    .filter((v) => v.length > 0);

/** IPv6 in eight lowercase groups without leading zeros; IPv4 as is. */
export function normIp(ip) {
  const s = String(ip).toLowerCase();
  if (!s.includes(':')) return s;
  let [head, tail] = s.includes('::') ? s.split('::') : [s, null];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === null ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return groups.map((g) => parseInt(g || '0', 16).toString(16)).join(':');
}

const FIELDS = {
  sha256: (a, r) => sha(a.sha256) === sha(r.sha256),
  validity: (a, r) =>
    Math.floor(a.notBefore / 1000) === Math.floor(r.notBefore / 1000) &&
    Math.floor(a.notAfter / 1000) === Math.floor(r.notAfter / 1000),
  dns_names: (a, r) => JSON.stringify(a.dns) === JSON.stringify(r.dns),
  ip_addresses: (a, r) => JSON.stringify(a.ips.map(normIp)) === JSON.stringify(r.ips.map(normIp)),
  key: (a, r) => a.key === r.key,
  subject: (a, r) => values(r.subject).every((v) => unescape(a.subject).includes(v)),
  issuer: (a, r) => values(r.issuer).every((v) => unescape(a.issuer).includes(v)),
};

const shown = (e, field) =>
  field === 'validity'
    ? `${new Date(e.notBefore).toISOString()}..${new Date(e.notAfter).toISOString()}`
    : field === 'dns_names'
      ? JSON.stringify(e.dns)
      : field === 'ip_addresses'
        ? JSON.stringify(e.ips)
        : String(e[field]).slice(0, 160);

export function agreement(tasks, nodeChecks, webChecks, libs) {
  const out = {};
  for (const task of tasks.filter((t) => t.kind === 'parse')) {
    const ref = nodeChecks[`${task.id}|node`]?.entries;
    if (!ref) continue;
    out[task.id] = {};
    for (const lib of libs) {
      const check = nodeChecks[`${task.id}|${lib}`];
      const web = webChecks[`${task.id}|${lib}`];
      const row = { blocks: ref.length };
      if (!check || check.unsupported) {
        row.unsupported = check?.unsupported ?? 'not run';
        out[task.id][lib] = row;
        continue;
      }
      const entries = check.entries;
      row.read = check.read;
      row.errors = check.errors;
      row.same_blocks = entries.length === ref.length;
      row.failed_where_openssl_read = 0;
      row.read_where_openssl_failed = 0;
      row.fields = Object.fromEntries(Object.keys(FIELDS).map((f) => [f, { agree: 0, disagree: 0, examples: [] }]));
      for (let i = 0; i < Math.max(ref.length, entries.length); i++) {
        const r = ref[i];
        const e = entries[i];
        if (!r || !e) continue;
        if (e.error && !r.error) row.failed_where_openssl_read++;
        if (!e.error && r.error) row.read_where_openssl_failed++;
        if (e.error || r.error) continue;
        for (const [field, same] of Object.entries(FIELDS)) {
          const f = row.fields[field];
          if (same(e, r)) f.agree++;
          else {
            f.disagree++;
            if (f.examples.length < 3) f.examples.push({ block: i, library: shown(e, field), openssl: shown(r, field) });
          }
        }
      }
      row.chromium =
        web && !web.unsupported
          ? { blocks: web.blocks, read: web.read, same_as_node: web.blocks === check.blocks && web.read === check.read }
          : { unsupported: web?.unsupported ?? 'not run' };
      out[task.id][lib] = row;
    }
  }
  return out;
}
