"""A small DER reader and writer, Python standard library only.

Why not pyca/cryptography for everything: `--check` (run in CI) rebuilds both data files
and byte-compares them, and it should need nothing but python3. Reading a certificate's
subject, SPKI, validity and NameConstraints extension is a dozen TLV walks, and writing the
two files is a handful of encoders, so both live here. Signature verification (which does
need a crypto library) is done only when the intermediates are (re)verified; see
intermediates.py.

The reader is strict about what it relies on (tags, lengths, nesting) and raises DerError
on anything else, so a damaged input is a clear error, never a silently wrong table.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass


class DerError(ValueError):
    pass


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class Tlv:
    tag: int  # the identifier octet (only low-tag-number form is accepted)
    start: int  # offset of the identifier octet in `data`
    body: int  # offset of the contents
    end: int  # offset one past the contents
    data: bytes

    @property
    def raw(self) -> bytes:
        """The whole TLV, exactly as encoded."""
        return self.data[self.start : self.end]

    @property
    def value(self) -> bytes:
        return self.data[self.body : self.end]

    @property
    def constructed(self) -> bool:
        return bool(self.tag & 0x20)

    def children(self) -> list["Tlv"]:
        if not self.constructed:
            raise DerError(f"tag 0x{self.tag:02x} at {self.start} is not constructed")
        out = []
        pos = self.body
        while pos < self.end:
            child = read_tlv(self.data, pos, self.end)
            out.append(child)
            pos = child.end
        return out


def read_tlv(data: bytes, pos: int = 0, limit: int | None = None) -> Tlv:
    limit = len(data) if limit is None else limit
    if pos + 2 > limit:
        raise DerError(f"truncated TLV at {pos}")
    tag = data[pos]
    if tag & 0x1F == 0x1F:
        raise DerError(f"high-tag-number form at {pos} is not supported")
    first = data[pos + 1]
    if first < 0x80:
        length, body = first, pos + 2
    elif first == 0x80:
        raise DerError(f"indefinite length at {pos} (BER, not DER)")
    else:
        n = first & 0x7F
        if n > 4 or pos + 2 + n > limit:
            raise DerError(f"bad length of length at {pos}")
        length = int.from_bytes(data[pos + 2 : pos + 2 + n], "big")
        body = pos + 2 + n
    end = body + length
    if end > limit:
        raise DerError(f"TLV at {pos} runs past its container ({end} > {limit})")
    return Tlv(tag, pos, body, end, data)


def read_single(data: bytes) -> Tlv:
    """The one TLV that `data` must consist of, with nothing after it."""
    tlv = read_tlv(data)
    if tlv.end != len(data):
        raise DerError(f"{len(data) - tlv.end} trailing bytes after the outer TLV")
    return tlv


def decode_oid(value: bytes) -> str:
    if not value:
        raise DerError("empty OID")
    arcs, n = [], 0
    for b in value:
        n = (n << 7) | (b & 0x7F)
        if not b & 0x80:
            arcs.append(n)
            n = 0
    first = min(arcs[0] // 40, 2)
    return ".".join(str(a) for a in [first, arcs[0] - 40 * first] + arcs[1:])


_UTC_TIME = re.compile(rb"^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{4})$")
_GENERALIZED_TIME = re.compile(rb"^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{4})$")


def decode_time(tlv: Tlv) -> int:
    """UTCTime (0x17) or GeneralizedTime (0x18) to Unix seconds. Accepts the non-DER forms
    some old roots carry (no seconds, +hhmm offsets): a root is input we must read, not
    judge."""
    if tlv.tag not in (0x17, 0x18):
        raise DerError(f"expected a time, got tag 0x{tlv.tag:02x}")
    m = (_UTC_TIME if tlv.tag == 0x17 else _GENERALIZED_TIME).match(tlv.value)
    if not m:
        raise DerError(f"unreadable time {tlv.value!r}")
    year = int(m.group(1))
    if tlv.tag == 0x17:
        year += 1900 if year >= 50 else 2000  # RFC 5280 4.1.2.5.1
    secs = calendar.timegm(
        (year, int(m.group(2)), int(m.group(3)), int(m.group(4)), int(m.group(5)),
         int(m.group(6) or 0), 0, 0, 0)
    )
    zone = m.group(7)
    if zone != b"Z":
        offset = int(zone[1:3]) * 3600 + int(zone[3:5]) * 60
        secs -= offset if zone[:1] == b"+" else -offset
    return secs


OID_NAME_CONSTRAINTS = "2.5.29.30"
OID_SUBJECT_KEY_ID = "2.5.29.14"
OID_AUTHORITY_KEY_ID = "2.5.29.35"
OID_COMMON_NAME = "2.5.4.3"
OID_ORG_UNIT = "2.5.4.11"


@dataclass(frozen=True)
class CertInfo:
    der: bytes
    issuer: bytes  # raw Name TLV
    subject: bytes  # raw Name TLV
    spki: bytes  # raw SubjectPublicKeyInfo TLV
    not_before: int
    not_after: int
    extensions: dict  # OID -> extnValue contents (the DER inside the OCTET STRING)

    @property
    def name_constraints(self) -> bytes | None:
        return self.extensions.get(OID_NAME_CONSTRAINTS)


def parse_certificate(der: bytes) -> CertInfo:
    cert = read_single(der)
    if cert.tag != 0x30:
        raise DerError("certificate is not a SEQUENCE")
    parts = cert.children()
    if len(parts) != 3 or parts[0].tag != 0x30:
        raise DerError("certificate is not SEQUENCE { tbs, algorithm, signature }")
    tbs = parts[0].children()
    i = 1 if tbs and tbs[0].tag == 0xA0 else 0  # [0] EXPLICIT version
    # serial, signature algorithm, issuer, validity, subject, subjectPublicKeyInfo
    if len(tbs) < i + 6:
        raise DerError("TBSCertificate too short")
    issuer, validity, subject, spki = tbs[i + 2], tbs[i + 3], tbs[i + 4], tbs[i + 5]
    for t, what in ((issuer, "issuer"), (validity, "validity"), (subject, "subject"), (spki, "spki")):
        if t.tag != 0x30:
            raise DerError(f"{what} is not a SEQUENCE")
    times = validity.children()
    if len(times) != 2:
        raise DerError("validity is not two times")
    extensions = {}
    for t in tbs[i + 6 :]:
        if t.tag != 0xA3:  # [1]/[2] unique IDs are skipped
            continue
        (exts,) = t.children()
        for ext in exts.children():
            fields = ext.children()
            if len(fields) not in (2, 3) or fields[0].tag != 0x06 or fields[-1].tag != 0x04:
                raise DerError("malformed extension")
            oid = decode_oid(fields[0].value)
            if oid in extensions:
                raise DerError(f"duplicate extension {oid}")
            extensions[oid] = fields[-1].value
    return CertInfo(
        der=der,
        issuer=issuer.raw,
        subject=subject.raw,
        spki=spki.raw,
        not_before=decode_time(times[0]),
        not_after=decode_time(times[1]),
        extensions=extensions,
    )


def name_attributes(name_der: bytes) -> list[tuple[str, str]]:
    """(OID, text) for each attribute of a Name, in order; text decoded leniently (this is
    for matching and messages, never written out)."""
    out = []
    for rdn in read_single(name_der).children():
        for atv in rdn.children():
            oid_tlv, val = atv.children()
            if val.tag == 0x1E:  # BMPString
                text = val.value.decode("utf-16-be", "replace")
            elif val.tag == 0x1C:  # UniversalString
                text = val.value.decode("utf-32-be", "replace")
            else:
                text = val.value.decode("utf-8", "replace") if val.tag == 0x0C else val.value.decode("latin-1")
            out.append((decode_oid(oid_tlv.value), text))
    return out


def subject_key_id(info: CertInfo) -> bytes | None:
    v = info.extensions.get(OID_SUBJECT_KEY_ID)
    return read_single(v).value if v is not None else None


def authority_key_id(info: CertInfo) -> bytes | None:
    v = info.extensions.get(OID_AUTHORITY_KEY_ID)
    if v is None:
        return None
    for t in read_single(v).children():
        if t.tag == 0x80:  # [0] keyIdentifier
            return t.value
    return None


# ---------------------------------------------------------------- writing


def _length(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def tlv(tag: int, content: bytes) -> bytes:
    return bytes([tag]) + _length(len(content)) + content


def integer_content(n: int) -> bytes:
    """Minimal two's-complement contents, as DER requires."""
    length = max(1, (n + (n < 0)).bit_length() // 8 + 1)
    return n.to_bytes(length, "big", signed=True)


def integer(n: int, tag: int = 0x02) -> bytes:
    return tlv(tag, integer_content(n))


def boolean(b: bool, tag: int = 0x01) -> bytes:
    return tlv(tag, b"\xff" if b else b"\x00")


def utf8(s: str) -> bytes:
    return tlv(0x0C, s.encode("utf-8"))


def octets(b: bytes, tag: int = 0x04) -> bytes:
    return tlv(tag, b)


def sequence(*items: bytes) -> bytes:
    return tlv(0x30, b"".join(items))


def sequence_of(items) -> bytes:
    return tlv(0x30, b"".join(items))
