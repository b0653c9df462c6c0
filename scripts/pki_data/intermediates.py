"""public-intermediates.der: the CCADB-disclosed TLS intermediates of
ccadb/derived/tls-intermediates.der-stream.gz, each kept only if its signature verifies
against its issuer: a root of root-programs.der or another kept intermediate.

The stream's selection chained certificates by name and key identifiers without checking
signatures, so this is where they are checked (pyca/cryptography,
Certificate.verify_directly_issued_by, which also requires issuer name == subject name).
The outcome (what was dropped and why) is written to data/sources/
intermediates-verification.json; `--recorded` replays it without a crypto library, for
--check.
"""

from __future__ import annotations

import gzip
import hashlib
import warnings
from pathlib import Path

from . import der
from .sources import PkiData, SourceError, dumps, need, read_sources_json

STREAM = "ccadb/derived/tls-intermediates.der-stream.gz"
RECORD = "intermediates-verification.json"


def read_stream(pki: PkiData) -> dict[str, bytes]:
    data = gzip.decompress(pki.read(STREAM))
    out, pos = {}, 0
    while pos < len(data):
        need(pos + 3 <= len(data), f"{STREAM}: truncated length at {pos}")
        n = int.from_bytes(data[pos : pos + 3], "big")
        cert = data[pos + 3 : pos + 3 + n]
        need(len(cert) == n, f"{STREAM}: truncated certificate at {pos}")
        der.parse_certificate(cert)  # must be a well-formed certificate
        sha = hashlib.sha256(cert).hexdigest()
        need(sha not in out, f"{STREAM}: {sha} twice")
        out[sha] = cert
        pos += 3 + n
    need(len(out) == 2398, f"{STREAM}: expected 2,398 certificates, found {len(out)}")
    return out


def roots_digest(roots: dict) -> str:
    """Names the issuer set a verification was made against."""
    return hashlib.sha256("".join(sorted(roots)).encode()).hexdigest()


def verify(certs: dict[str, bytes], roots: dict[str, der.CertInfo], pool: dict[str, bytes]):
    """-> (dropped, tool, legacy algorithm counts). `pool` (every certificate of the sources)
    only serves to say where a missing issuer is."""
    with warnings.catch_warnings():
        # cryptography warns about the odd legacy encodings some of these carry (negative
        # serial numbers, over-long attributes); they are read, and judged elsewhere.
        warnings.simplefilter("ignore")
        return _verify(certs, roots, pool)


def _verify(certs, roots, pool):
    try:
        import cryptography
        from cryptography import x509
        from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
    except ImportError:
        raise SourceError("verifying intermediates needs pyca/cryptography "
                          "(scripts/update-pki-data.sh installs it into target/pki-venv)") from None

    loaded, ski, aki = {}, {}, {}
    for sha, info in [(s, der.parse_certificate(d)) for s, d in certs.items()] + list(roots.items()):
        loaded[sha] = x509.load_der_x509_certificate(info.der)
        ski[sha], aki[sha] = der.subject_key_id(info), der.authority_key_id(info)
    by_subject: dict[bytes, list[str]] = {}
    for sha in sorted(loaded):
        by_subject.setdefault(loaded[sha].subject.public_bytes(), []).append(sha)

    def key_ids_agree(child: str, parent: str) -> bool:
        # Candidates are found by name; the key identifiers, where both are present, must
        # agree too (several CAs reuse one name across keys).
        return aki[child] is None or ski[parent] is None or aki[child] == ski[parent]

    legacy_algorithms: dict[str, int] = {}
    trusted = set(roots)  # issuers a certificate may be verified against
    accepted: dict[str, str] = {}
    failures: dict[str, list[str]] = {}
    changed = True
    while changed:  # until no more certificate gets an issuer (chains of intermediates)
        changed = False
        for sha in sorted(certs):
            if sha in accepted:
                continue
            cert = loaded[sha]
            names = by_subject.get(cert.issuer.public_bytes(), [])
            errors = []
            for cand in names:
                if cand == sha or cand not in trusted or not key_ids_agree(sha, cand):
                    continue
                try:
                    legacy = check_signature(cert, loaded[cand])
                except (InvalidSignature, ValueError, TypeError, UnsupportedAlgorithm) as e:
                    errors.append(f"{cand[:16]}: {type(e).__name__} {e}".strip())
                    continue
                accepted[sha] = cand
                if legacy:
                    legacy_algorithms[legacy] = legacy_algorithms.get(legacy, 0) + 1
                trusted.add(sha)
                changed = True
                break
            else:
                failures[sha] = errors

    dropped = []
    elsewhere_by_subject: dict[bytes, list[str]] = {}  # the other certificates of the sources
    if set(certs) - set(accepted):
        for h in sorted(pool.keys() - loaded.keys()):
            elsewhere_by_subject.setdefault(der.parse_certificate(pool[h]).subject, []).append(h)
    for sha in sorted(set(certs) - set(accepted)):
        cert = loaded[sha]
        names = [c for c in by_subject.get(cert.issuer.public_bytes(), []) if c != sha]
        if not names:
            elsewhere = elsewhere_by_subject.get(der.parse_certificate(certs[sha]).issuer, [])
            reason = ("no issuer: no root of root-programs.der or intermediate of the set has its issuer name"
                      + (f" (the sources hold it only as {', '.join(h[:16] for h in elsewhere)}: certificates"
                         " no root program lists, not among the intermediates)" if elsewhere else ""))
        elif not any(key_ids_agree(sha, c) for c in names):
            reason = "no issuer: the certificates with its issuer name have another key identifier"
        elif failures.get(sha):
            reason = "signature does not verify: " + "; ".join(failures[sha])
        else:
            reason = "no issuer: its issuer is only among the dropped intermediates"
        dropped.append({"sha256": sha, "subject": cert.subject.rfc4514_string(),
                        "issuer": cert.issuer.rfc4514_string(), "reason": reason})
    return dropped, f"cryptography=={cryptography.__version__}", dict(sorted(legacy_algorithms.items()))


def check_signature(cert, issuer) -> str | None:
    """Raises unless `issuer` signed `cert`. verify_directly_issued_by refuses SHA-1 (and
    older) signatures outright; those, still on many long-lived intermediates, are checked
    with the issuer's public key directly, after the same name check. Returns the name of
    such a legacy algorithm, else None."""
    from cryptography.hazmat.primitives.asymmetric import dsa, ec, padding, rsa

    try:
        cert.verify_directly_issued_by(issuer)
        return None
    except ValueError as e:
        if "Unsupported signature algorithm" not in str(e):
            raise
    if cert.issuer != issuer.subject:
        raise ValueError("issuer name mismatch")
    key, digest = issuer.public_key(), cert.signature_hash_algorithm
    if isinstance(key, rsa.RSAPublicKey):
        key.verify(cert.signature, cert.tbs_certificate_bytes, padding.PKCS1v15(), digest)
    elif isinstance(key, ec.EllipticCurvePublicKey):
        key.verify(cert.signature, cert.tbs_certificate_bytes, ec.ECDSA(digest))
    elif isinstance(key, dsa.DSAPublicKey):
        key.verify(cert.signature, cert.tbs_certificate_bytes, digest)
    else:
        raise TypeError(f"unsupported issuer key {type(key).__name__}")
    oid = cert.signature_algorithm_oid
    return getattr(oid, "_name", oid.dotted_string)


def build(pki: PkiData, roots: dict[str, der.CertInfo], pool: dict[str, bytes], sources: Path,
          do_verify: bool) -> dict:
    certs = read_stream(pki)
    stream_sha = pki.used[STREAM]
    if do_verify:
        dropped, tool, legacy = verify(certs, roots, pool)
        record = {
            "source": f"signatures of ../shared/pki-data/{STREAM} (sha256 {stream_sha}) verified against "
                      f"the roots of data/root-programs.der and each other with {tool} "
                      "(Certificate.verify_directly_issued_by)",
            "input_sha256": stream_sha,
            "roots_digest": roots_digest(roots),
            "input_count": len(certs),
            "accepted_count": len(certs) - len(dropped),
            "accepted_with_legacy_signature_algorithms": legacy,
            "dropped": dropped,
        }
        (sources / RECORD).write_text(dumps(record), "utf-8")
    else:
        record = read_sources_json(sources / RECORD)
        need(record.get("input_sha256") == stream_sha,
             f"{RECORD} was made from another {STREAM}: rebuild with signature verification")
        need(record.get("roots_digest") == roots_digest(roots),
             f"{RECORD} was made against another root set: rebuild with signature verification")
        dropped = record["dropped"]
        need(all(d["sha256"] in certs for d in dropped), f"{RECORD}: drops a certificate not in the stream")
        need(record.get("accepted_count") == len(certs) - len(dropped), f"{RECORD}: counts disagree")
    gone = {d["sha256"] for d in dropped}
    return {
        "input_count": len(certs),
        "dropped": dropped,
        "accepted": [certs[sha] for sha in sorted(certs) if sha not in gone],
    }
