"""Reading the inputs: ../shared/pki-data (verified against its MANIFEST.sha256) and the
committed derived inputs in data/sources/. Every loader checks the shape it relies on and
raises SourceError with the file name otherwise.
"""

from __future__ import annotations

import base64
import csv
import datetime
import gzip
import hashlib
import io
import json
import re
from pathlib import Path


class SourceError(RuntimeError):
    pass


def need(cond, what: str):
    if not cond:
        raise SourceError(what)


HEX64 = re.compile(r"^[0-9a-f]{64}$")


def fp(s: str, where: str) -> str:
    """A SHA-256 fingerprint, normalised to lower-case hex (sources mix cases and colons)."""
    h = s.strip().replace(":", "").lower()
    need(HEX64.match(h), f"{where}: not a SHA-256 fingerprint: {s!r}")
    return h


def day(s: str, where: str) -> int:
    """'YYYY-MM-DD' (or 'YYYY-MM', taken as the first of the month) to Unix seconds, 00:00 UTC."""
    m = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", s.strip())
    need(m, f"{where}: not a date: {s!r}")
    d = datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3) or 1))
    return int(datetime.datetime(d.year, d.month, d.day, tzinfo=datetime.timezone.utc).timestamp())


def instant(s: str, where: str) -> int:
    """An ISO 8601 instant with a zone ('2024-11-30T23:59:59Z', '2021-08-01 00:00:00+00:00')."""
    try:
        t = datetime.datetime.fromisoformat(s.strip().replace("Z", "+00:00"))
    except ValueError:
        raise SourceError(f"{where}: not an instant: {s!r}") from None
    need(t.tzinfo is not None, f"{where}: instant without a zone: {s!r}")
    return int(t.timestamp())


def iso(t: int) -> str:
    return datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


# Files the generator reads that MANIFEST.sha256 does not list: android-roots.json was added
# to the folder after the manifest was written. Pinned here at the hash read on 2026-12-07,
# so that they are held to the same rule (another hash stops the build).
PINNED_OUTSIDE_MANIFEST = {
    "android/android-roots.json": "e92d7c99ea970674bdf1e5498ebd7fe98e62a66448c9c420e13bb4b327396b11",
}


class PkiData:
    """../shared/pki-data, read-only. Each file is checked against MANIFEST.sha256 (or
    PINNED_OUTSIDE_MANIFEST) when read; a file missing from both or with another hash stops
    the build."""

    def __init__(self, root: Path):
        self.root = root
        manifest = root / "MANIFEST.sha256"
        need(manifest.is_file(), f"{manifest} not found (is ../shared/pki-data there?)")
        self.manifest = {}
        for line in manifest.read_text("utf-8").splitlines():
            if not line.strip():
                continue
            digest, _, name = line.partition("  ")
            need(re.fullmatch(r"[0-9a-f]{64}", digest) and name, f"MANIFEST.sha256: bad line {line!r}")
            self.manifest[name.removeprefix("./")] = digest
        for name, digest in PINNED_OUTSIDE_MANIFEST.items():
            need(name not in self.manifest, f"{name} is in MANIFEST.sha256 now: drop its pin in sources.py")
            self.manifest[name] = digest
        self.used: dict[str, str] = {}

    def read(self, rel: str) -> bytes:
        need(rel in self.manifest, f"{rel} is not listed in {self.root}/MANIFEST.sha256")
        data = (self.root / rel).read_bytes()
        got = hashlib.sha256(data).hexdigest()
        need(got == self.manifest[rel], f"{rel}: sha256 {got} does not match MANIFEST.sha256")
        self.used[rel] = got
        return data

    def json(self, rel: str):
        data = self.read(rel)
        if rel.endswith(".gz"):
            data = gzip.decompress(data)
        try:
            return json.loads(data)
        except ValueError as e:
            raise SourceError(f"{rel}: {e}") from None

    def files(self, prefix: str, suffix: str) -> list[str]:
        return sorted(n for n in self.manifest if n.startswith(prefix) and n.endswith(suffix))


def read_sources_json(path: Path):
    need(path.is_file(), f"{path} not found")
    try:
        doc = json.loads(path.read_text("utf-8"))
    except ValueError as e:
        raise SourceError(f"{path}: {e}") from None
    need(isinstance(doc, dict) and isinstance(doc.get("source"), str), f"{path}: no \"source\" line")
    return doc


# ---------------------------------------------------------------- certificates


PEM = re.compile(r"-----BEGIN CERTIFICATE-----\s*([A-Za-z0-9+/=\s]+?)-----END CERTIFICATE-----")


def pem_certificates(text: str) -> list[bytes]:
    return [base64.b64decode("".join(m.group(1).split()), validate=True) for m in PEM.finditer(text)]


def ccadb_pems(pki: PkiData) -> dict[str, bytes]:
    """sha256 -> DER from CCADB's AllCertificatePEMsCSVFormat (every status, roots and
    intermediates). The fingerprint column is checked against the certificate."""
    out = {}
    files = pki.files("ccadb/AllCertificatePEMsCSVFormat/", ".csv")
    need(len(files) == 33, f"expected 33 CCADB PEM CSVs, found {len(files)}")
    for rel in files:
        rows = csv.reader(io.StringIO(pki.read(rel).decode("utf-8")))
        header = next(rows)
        need(header[:2] == ["SHA-256 Fingerprint", "X.509 Certificate (PEM)"], f"{rel}: header {header}")
        for row in rows:
            if not row:
                continue
            want = fp(row[0], rel)
            ders = pem_certificates(row[1])
            need(len(ders) == 1, f"{rel}: row {want} holds {len(ders)} certificates")
            need(hashlib.sha256(ders[0]).hexdigest() == want, f"{rel}: row {want} has another certificate")
            out[want] = ders[0]
    return out


def certdata_certificates(text: str) -> dict[str, bytes]:
    """sha256 -> DER of every CKO_CERTIFICATE object in an NSS certdata.txt."""
    out = {}
    for block in text.split("\n\n"):
        if "CKA_CLASS CK_OBJECT_CLASS CKO_CERTIFICATE" not in block:
            continue
        m = re.search(r"CKA_VALUE MULTILINE_OCTAL\n(.*?)\nEND", block, re.S)
        need(m, "certdata.txt: certificate object without CKA_VALUE")
        octal = m.group(1).split("\\")[1:]
        der = bytes(int(o.strip(), 8) for o in octal)
        out[hashlib.sha256(der).hexdigest()] = der
    return out


def dumps(doc, width: int = 160) -> str:
    """JSON for the committed files in data/sources/: a container goes on one line when it
    fits in `width`, else one member per line. Keeps diffs to one line per changed root."""

    def enc(o, indent: int) -> str:
        flat = json.dumps(o, ensure_ascii=False, separators=(", ", ": "))
        if not isinstance(o, (dict, list)) or len(flat) + indent <= width or not o:
            return flat
        pad = " " * (indent + 1)
        if isinstance(o, dict):
            items = [f"{pad}{json.dumps(k, ensure_ascii=False)}: {enc(v, indent + 1)}" for k, v in o.items()]
            return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
        return "[\n" + ",\n".join(pad + enc(v, indent + 1) for v in o) + "\n" + " " * indent + "]"

    return enc(doc, 0) + "\n"
