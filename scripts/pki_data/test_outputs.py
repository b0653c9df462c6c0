#!/usr/bin/env python3
"""Tests of the two DER files: `openssl asn1parse` must read them and see the structure
data/FORMAT.md describes, and our own encodings must be canonical DER (minimal lengths and
integers, BOOLEAN TRUE as 0xFF, SEQUENCE OF roots and certificates sorted by SHA-256).

    python3 scripts/pki_data/test_outputs.py data/root-programs.der data/public-intermediates.der

Needs python3 and the openssl command. Also run by scripts/update-pki-data.sh."""

from __future__ import annotations

import gzip
import tempfile
import hashlib
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from pki_data import der, dump  # noqa: E402

LINE = re.compile(r"^\s*(\d+):d=(\d+)\s+hl=(\d+)\s+l=\s*(\d+)\s+(prim|cons):\s*(.*?)\s*$")


def asn1parse(path: str) -> list[tuple[int, int, str, str]]:
    """(offset, depth, prim|cons, rest) per element, as openssl sees them."""
    out = subprocess.run(["openssl", "asn1parse", "-inform", "DER", "-in", path],
                         capture_output=True, text=True, errors="replace")
    assert out.returncode == 0, f"openssl asn1parse failed on {path}: {out.stderr.strip()}"
    rows = []
    for line in out.stdout.splitlines():
        m = LINE.match(line)
        assert m, f"{path}: unexpected asn1parse line {line!r}"
        rows.append((int(m.group(1)), int(m.group(2)), m.group(5), m.group(6)))
    return rows


def canonical(t: der.Tlv) -> None:
    """Minimal length octets everywhere in our own containers."""
    n = t.end - t.body
    header = t.body - t.start
    assert header == (2 if n < 0x80 else 2 + (n.bit_length() + 7) // 8), f"non-minimal length at {t.start}"


def int_ok(t: der.Tlv, tag: int = 0x02) -> int:
    assert t.tag == tag, f"expected tag 0x{tag:02x} at {t.start}, got 0x{t.tag:02x}"
    canonical(t)
    v = t.value
    assert v and not (len(v) > 1 and ((v[0] == 0 and v[1] < 0x80) or (v[0] == 0xFF and v[1] >= 0x80))), \
        f"non-minimal INTEGER at {t.start}"
    return int.from_bytes(v, "big", signed=True)


def test_roots(path: str) -> str:
    data = Path(path).read_bytes()
    rows = asn1parse(path)
    top = [r for r in rows if r[1] == 1]
    assert top[0][2:] == ("prim", "UTF8STRING        :certlens-root-programs/1"), top[0]
    assert len(top) == 4 and top[2][2] == top[3][2] == "cons", top
    assert re.fullmatch(r"UTF8STRING\s+:\d{4}-\d{2}-\d{2}", top[1][3]), top[1]
    programs_at, roots_at = top[2][0], top[3][0]
    d2 = [r for r in rows if r[1] == 2]
    n_programs = sum(1 for r in d2 if programs_at < r[0] < roots_at)
    n_roots = sum(1 for r in d2 if r[0] > roots_at)
    tags = {r[3] for r in rows}
    for t in ("cont [ 1 ]", "cont [ 2 ]", "cont [ 3 ]", "cont [ 0 ]"):
        assert any(x.startswith(t) for x in tags), f"openssl saw no {t} element"

    doc = dump.read(data)
    assert n_programs == 6 and [p["id"] for p in doc["programs"]] == \
        ["mozilla", "chrome", "apple", "microsoft", "android", "java"]
    assert n_roots == len(doc["roots"]) > 0
    shas = [r["sha256"] for r in doc["roots"]]
    assert shas == sorted(shas) and len(set(shas)) == len(shas), "roots not sorted by sha256 / duplicated"

    # canonical encodings of what we write, walked with the standard-library reader
    outer = der.read_single(data)
    canonical(outer)
    fmt, snap, programs, roots = outer.children()
    for p in programs.children():
        canonical(p)
        pid, source, by_version, versions = p.children()
        assert by_version.tag == 0x01 and by_version.value in (b"\x00", b"\xff"), "BOOLEAN not DER"
        prev = None
        for v in versions.children():
            label, date = v.children()
            d = int_ok(date)
            assert prev is None or prev <= d, "versions not oldest first"
            prev = d
    for r, info in zip(roots.children(), doc["roots"]):
        canonical(r)
        f = r.children()
        for t in f[3:5]:
            int_ok(t)
        where = info["sha256"]
        program_indexes, any_trusted = [], False
        for pt in f[6].children():
            pi, events = pt.children()
            program = doc["programs"][int_ok(pi)]
            program_indexes.append(int_ok(pi))
            keys = []
            for n, e in enumerate(events.children()):
                canonical(e)
                ef = e.children()
                version, frm, state = (int_ok(x) for x in ef[:3])
                assert state in (0, 1, 2, 3, 4)
                any_trusted |= state == 1
                tags_seen = [x.tag for x in ef[3:]]
                assert tags_seen == sorted(set(tags_seen)) and set(tags_seen) <= {0x81, 0x82, 0x83}
                for x in ef[3:]:
                    if x.tag == 0x83:
                        assert x.value == b"\xff", "inferred must be TRUE when present"
                        assert n == 0 and not program["byVersion"], f"{where}: inferred on a later event"
                    else:
                        int_ok(x, x.tag)
                        assert state in (1, 2, 4), f"{where}: a restriction on a state-{state} event"
                if version > 0 or program["byVersion"]:
                    assert frm >= program["versions"][version][1], f"{where}: event before its version's date"
                keys.append((version, frm))
            assert keys and keys == sorted(keys), f"{where}: events not sorted by (version, from)"
            if not program["byVersion"]:
                froms = [k[1] for k in keys]
                assert froms == sorted(froms) and len(set(froms)) == len(froms), \
                    f"{where}: by-instant events not strictly increasing in time"
        assert program_indexes == sorted(set(program_indexes)), f"{where}: ProgramTrust not in program order"
        assert any_trusted, f"{where}: no program ever trusted it"
    return f"{path}: openssl reads it; {n_programs} programs, {n_roots} roots; canonical DER"


def test_intermediates(path: str) -> str:
    data = Path(path).read_bytes()
    if path.endswith(".gz"):
        # Committed gzipped: openssl reads the inflated bytes.
        data = gzip.decompress(data)
        with tempfile.NamedTemporaryFile(suffix=".der") as raw:
            raw.write(data)
            raw.flush()
            rows = asn1parse(raw.name)
    else:
        rows = asn1parse(path)
    top = [r for r in rows if r[1] == 1]
    assert len(top) == 3 and top[0][3] == "UTF8STRING        :certlens-intermediates/1", top
    assert re.fullmatch(r"UTF8STRING\s+:\d{4}-\d{2}-\d{2}", top[1][3]), top[1]
    n = sum(1 for r in rows if r[1] == 2 and r[0] > top[2][0])
    outer = der.read_single(data)
    canonical(outer)
    certs = outer.children()[2].children()
    assert n == len(certs) > 0
    shas = [hashlib.sha256(c.raw).hexdigest() for c in certs]
    assert shas == sorted(shas) and len(set(shas)) == len(shas), "certificates not sorted by sha256"
    for c in certs:
        info = der.parse_certificate(c.raw)
        assert info.subject != info.issuer, "a self-issued certificate among the intermediates"
    return f"{path}: openssl reads it; {n} certificates, sorted by SHA-256"


def test_writer() -> str:
    # the encoders against known DER
    cases = {0: "020100", 127: "02017f", 128: "02020080", 256: "02020100", -1: "0201ff",
             -128: "020180", -129: "0202ff7f", 1776902400: "020469e96100"}
    for n, want in cases.items():
        assert der.integer(n).hex() == want, (n, der.integer(n).hex())
    assert der.boolean(True, tag=0x83).hex() == "8301ff"
    assert der.tlv(0x04, b"x" * 200)[:3].hex() == "0481c8"
    assert der.tlv(0x04, b"x" * 300)[:4].hex() == "0482012c"
    return "DER writer: INTEGER, BOOLEAN and length encodings as X.690 requires"


def main(argv: list[str]) -> int:
    roots, inter = argv
    for msg in (test_writer(), test_roots(roots), test_intermediates(inter)):
        print(f"ok: {msg}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
