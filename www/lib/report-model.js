// Views of a report for rendering. Pure functions over the report (certlens.report/1); the
// checks themselves all happen in the core: these only arrange what the report says.
// Imported by the page and by the worker (which calls snippets() with these file names).
// The pasted text is an input like a file; its name is the element's `ui.paste.name` in its
// language (the core writes it into finding messages), so callers say which name it has.

const EXPIRING_DAYS = 30; // the core's `expiring_soon` threshold, for certificates it did not judge

export function findingsByCode(report, ...codes) {
  return report.findings.filter((f) => codes.includes(f.code));
}

function objectsIn(report, ...codes) {
  const ids = new Set();
  for (const f of findingsByCode(report, ...codes)) for (const id of f.objects) ids.add(id);
  return ids;
}

/**
 * "valid" | "expired" | "not-yet-valid" | "expiring" for a certificate at report.checked_at.
 * The core's expiry findings decide where they exist; other certificates are read by date.
 */
export function validity(report, obj) {
  if (obj.kind !== "certificate") return null;
  const flagged = (code) => report.findings.some((f) => f.code === code && f.objects[0] === obj.id);
  if (flagged("expired")) return "expired";
  if (flagged("not_yet_valid")) return "not-yet-valid";
  if (flagged("expiring_soon")) return "expiring";
  const at = Date.parse(report.checked_at);
  if (at > Date.parse(obj.not_after)) return "expired";
  if (at < Date.parse(obj.not_before)) return "not-yet-valid";
  if (Date.parse(obj.not_after) - at < EXPIRING_DAYS * 86400000) return "expiring";
  return "valid";
}

/**
 * The nodes of a chain diagram, leaf first:
 *   { type: "object", obj, role: leaf|intermediate|root, state, link, misplaced, added }
 *   { type: "missing", child, issuer, keyId, urls }
 *   { type: "trusted-root" | "refused-root", anchor, root }   the root the chain ends at, not
 *     in the files: trusted (chain.trusted), or a root program's root some browser refuses
 * added: certlens added the certificate from its public intermediates (obj.added, chain.added).
 * state is the role unless the report says the certificate is misordered or forged.
 * link describes the arrow from the previous node: "issued" | "forged" | "missing".
 */
export function chainView(report, chain) {
  const byId = report.objects;
  const nodes = [];
  const order = chain.order.filter((id) => byId[id]);
  if (!order.length) return { nodes, chain };

  const misplaced = misplacedInChain(report, order);
  const last = byId[order[order.length - 1]];
  const rootInInput = order.length > 1 && last.self_signed;

  order.forEach((id, i) => {
    const obj = byId[id];
    const role = i === 0 ? "leaf" : i === order.length - 1 && obj.self_signed ? "root" : "intermediate";
    const mis = misplaced.get(id);
    const added = obj.added === true || (Array.isArray(chain.added) && chain.added.includes(id));
    nodes.push({ type: "object", obj, role, state: mis ? "misordered" : role, link: i === 0 ? null : "issued", misplaced: mis || null, selfSigned: obj.self_signed, added });
  });

  // An impostor: same issuer name, but its key did not sign the child.
  for (const f of findingsByCode(report, "signature_mismatch")) {
    const [childId, ...impostors] = f.objects;
    const at = nodes.findIndex((n) => n.type === "object" && n.obj.id === childId);
    if (at < 0) continue;
    let insert = at + 1;
    for (const bad of impostors) {
      const existing = nodes.find((n) => n.type === "object" && n.obj.id === bad);
      if (existing) {
        existing.state = "forged";
        existing.link = "forged";
      } else if (byId[bad]) {
        nodes.splice(insert++, 0, { type: "object", obj: byId[bad], role: "intermediate", state: "forged", link: "forged", misplaced: null, forgedChild: byId[childId] });
      }
    }
  }

  // The issuer the core could not find.
  const missing = findingsByCode(report, "missing_intermediate").find((f) => f.objects[0] === last.id);
  if (missing && !rootInInput) {
    nodes.push({
      type: "missing",
      link: "missing",
      child: last,
      issuer: last.issuer,
      keyId: last.authority_key_id || null,
      urls: last.ca_issuers || [],
      finding: missing,
      afterForged: nodes[nodes.length - 1].state === "forged",
    });
  }

  if (chain.anchor && !(last.self_signed && order.length > 1)) {
    if (chain.trusted) nodes.push({ type: "trusted-root", link: "issued", anchor: chain.anchor, root: chain.root || null });
    else if (chain.root) nodes.push({ type: "refused-root", link: "issued", anchor: chain.anchor, root: chain.root });
  }
  return { nodes, chain, rootInInput };
}

/**
 * Certificates of this chain that sit at the wrong position in their input, when the core
 * reported the order as wrong (leaf_not_first, intermediates_out_of_order).
 * Map id -> { input, at, should } (1-based positions among that input's certificates).
 */
function misplacedInChain(report, order) {
  const out = new Map();
  const flagged = objectsIn(report, "leaf_not_first", "intermediates_out_of_order");
  if (![...flagged].some((id) => order.includes(id))) return out;
  const inputs = new Set(order.map((id) => report.objects[id].source.input));
  for (const input of inputs) {
    const present = report.objects.filter((o) => o.kind === "certificate" && o.source.input === input && order.includes(o.id)).map((o) => o.id);
    const expected = order.filter((id) => report.objects[id].source.input === input);
    present.forEach((id, i) => {
      if (expected[i] !== id) out.set(id, { input, at: i + 1, should: expected.indexOf(id) + 1 });
    });
  }
  return out;
}

/** Counts of object kinds per input name: Map name -> { certificate: 2, private_key: 1, ... }. */
export function kindsByInput(report) {
  const out = new Map();
  for (const o of report.objects) {
    const counts = out.get(o.source.input) || {};
    counts[o.kind] = (counts[o.kind] || 0) + 1;
    out.set(o.source.input, counts);
  }
  return out;
}

/** Findings per input name and severity: Map name -> { error: n, warning: n, info: n }. */
export function findingsByInput(report) {
  const out = new Map();
  const bump = (input, sev) => {
    const c = out.get(input) || { error: 0, warning: 0, info: 0 };
    c[sev] += 1;
    out.set(input, c);
  };
  for (const f of report.findings) {
    const inputs = new Set();
    if (f.location) inputs.add(f.location.input);
    else for (const id of f.objects.slice(0, 1)) if (report.objects[id]) inputs.add(report.objects[id].source.input);
    for (const input of inputs) bump(input, f.severity);
  }
  return out;
}

/**
 * Key match results, one per key:
 *   { key, matches: [cert/csr objects it belongs to], against: object it was checked against }
 * Encrypted keys the core could not open have no results (listed with locked: true).
 */
export function keyMatchView(report) {
  const byId = report.objects;
  const keys = byId.filter((o) => o.kind === "private_key" || o.kind === "public_key");
  const leafId = report.chain.leaf;
  return keys.map((key) => {
    const rows = report.key_matches.filter((m) => m.key === key.id);
    if (!rows.length) return { key, locked: key.kind === "private_key" && !key.pubkey_md5, matches: [], against: null };
    const matches = rows.filter((m) => m.matches).map((m) => byId[m.certificate]);
    let against = null;
    if (!matches.length) {
      const leafRow = rows.find((m) => m.certificate === leafId);
      const leaves = new Set(report.chains.map((c) => c.leaf));
      const leafish = rows.find((m) => leaves.has(m.certificate)) || rows.find((m) => byId[m.certificate]?.kind === "csr") || rows[0];
      against = byId[(leafRow || leafish).certificate];
    }
    return { key, locked: false, matches, against };
  });
}

function baseName(name) {
  return String(name).split(/[\\/]/).pop();
}

/**
 * File names for the server snippets: the user's own file names where the input already holds
 * exactly what the server needs, else the names of the files this page hands out.
 * `pasteName` is the name the pasted text had in the request (it is no file of the user's).
 * Returns { args (for snippets()), own: { certificate, key } (whether each is the user's file) }.
 */
export function snippetArgs(report, hosts, pasteName = null) {
  const chain = report.chain;
  if (chain.leaf === null || chain.leaf === undefined) return null;
  const byId = report.objects;
  const leaf = byId[chain.leaf];

  // The certificate file: an input whose certificates are exactly the corrected chain.
  let certificate = "fullchain.pem";
  let ownCertificate = false;
  const input = leaf.source.input;
  if (input !== pasteName) {
    const certsOfInput = byId.filter((o) => o.kind === "certificate" && o.source.input === input).map((o) => o.id);
    const wanted = chain.order.filter((id) => !(byId[id].self_signed && chain.order.length > 1));
    const others = byId.some((o) => o.source.input === input && o.kind !== "certificate");
    if (!others && certsOfInput.length === wanted.length && certsOfInput.every((id, i) => id === wanted[i])) {
      certificate = baseName(input);
      ownCertificate = true;
    }
  }

  // The key file: the input holding the key that belongs to the leaf, if it holds only that.
  let key = "privkey.pem";
  let ownKey = false;
  const match = report.key_matches.find((m) => m.certificate === chain.leaf && m.matches && byId[m.key]?.kind === "private_key");
  if (match) {
    const keyInput = byId[match.key].source.input;
    const alone = byId.filter((o) => o.source.input === keyInput).length === 1;
    if (keyInput !== pasteName && alone) {
      key = baseName(keyInput);
      ownKey = true;
    }
  }

  // Only names the certificate covers belong in the server's configuration: a name it does
  // not cover would be served a certificate the browser refuses.
  const wanted = new Set((hosts || []).map((name) => String(name).toLowerCase()));
  const covered = (report.hosts || [])
    .filter((row) => row.covered === true && (!wanted.size || wanted.has(String(row.name).toLowerCase())))
    .map((row) => row.name);
  const names = covered.length ? covered : [...(leaf.dns_names || []), ...(leaf.ip_addresses || [])];
  return { args: { certificate, key, hosts: names }, own: { certificate: ownCertificate, key: ownKey } };
}
