"""Reads data/root-programs.der back (data/FORMAT.md) and prints it, or one root, as text:

    python3 -m pki_data.dump data/root-programs.der [SHA256-PREFIX ...]

A second, independent reading of the format (it only uses der.read_tlv), used by
test_outputs.py and handy to look at what a root's history says."""

from __future__ import annotations

import datetime
import sys

from . import der

STATES = {0: "absent", 1: "trusted", 2: "websites-off", 3: "disallowed", 4: "never-web"}


def _int(t: der.Tlv) -> int:
    return int.from_bytes(t.value, "big", signed=True)


def _day(t: int) -> str:
    return datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


def read(data: bytes) -> dict:
    top = der.read_single(data)
    fmt, snap, programs, roots = top.children()
    assert fmt.tag == 0x0C and snap.tag == 0x0C and programs.tag == 0x30 and roots.tag == 0x30
    out = {"format": fmt.value.decode(), "snapshot": snap.value.decode(), "programs": [], "roots": []}
    for p in programs.children():
        pid, source, by_version, versions = p.children()
        assert pid.tag == 0x0C and source.tag == 0x0C and by_version.tag == 0x01 and by_version.value in (b"\x00", b"\xff")
        out["programs"].append({
            "id": pid.value.decode(), "source": source.value.decode(), "byVersion": by_version.value == b"\xff",
            "versions": [(v.children()[0].value.decode(), _int(v.children()[1])) for v in versions.children()],
        })
    for r in roots.children():
        f = r.children()
        sha, subject, spki, nb, na, owner, trust = f[:7]
        assert sha.tag == 0x04 and len(sha.value) == 32 and subject.tag == 0x30 and spki.tag == 0x30
        root = {"sha256": sha.value.hex(), "subject": subject.raw, "spki": spki.raw, "notBefore": _int(nb),
                "notAfter": _int(na), "owner": owner.value.decode(), "trust": [], "nameConstraints": None}
        for extra in f[7:]:
            assert extra.tag == 0x80, hex(extra.tag)
            root["nameConstraints"] = extra.value
        for pt in trust.children():
            pi, events = pt.children()
            evs = []
            for e in events.children():
                ef = e.children()
                ev = {"version": _int(ef[0]), "from": _int(ef[1]), "state": _int(ef[2])}
                for o in ef[3:]:
                    key = {0x81: "distrustAfter", 0x82: "sctNotAfter", 0x83: "inferred"}[o.tag]
                    ev[key] = (o.value == b"\xff") if o.tag == 0x83 else _int(o)
                evs.append(ev)
            root["trust"].append((_int(pi), evs))
        out["roots"].append(root)
    return out


def describe(doc: dict, root: dict) -> str:
    names = der.name_attributes(root["subject"])
    lines = [f"{root['sha256']}  {', '.join(f'{v}' for o, v in names if o in (der.OID_COMMON_NAME, der.OID_ORG_UNIT))}",
             f"  owner {root['owner']!r}, valid {_day(root['notBefore'])} .. {_day(root['notAfter'])}"
             + (", name constraints" if root["nameConstraints"] else "")]
    for pi, evs in root["trust"]:
        p = doc["programs"][pi]
        lines.append(f"  {p['id']}:")
        for e in evs:
            extra = "".join(
                f" {k} {_day(e[k])}" for k in ("distrustAfter", "sctNotAfter") if k in e
            ) + (" (inferred)" if e.get("inferred") else "")
            lines.append(f"    {p['versions'][e['version']][0]:>12}  from {_day(e['from'])}  {STATES[e['state']]}{extra}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    doc = read(open(argv[0], "rb").read())
    if len(argv) == 1:
        print(f"{doc['format']}, snapshot {doc['snapshot']}, {len(doc['roots'])} roots")
        for p in doc["programs"]:
            print(f"  {p['id']}: {len(p['versions'])} versions, byVersion={p['byVersion']}, source: {p['source']}")
        return 0
    for prefix in argv[1:]:
        for root in doc["roots"]:
            if root["sha256"].startswith(prefix.lower()):
                print(describe(doc, root))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
