#!/usr/bin/env python3
"""Writes N distinct real certificates from the x509-limbo suite as one PEM bundle.

Usage: python3 bench/extract-certs.py N OUTPUT.pem [LIMBO_JSON_XZ]

Deterministic: test cases are taken in order of their id; within a case, the trusted
certificates, then the untrusted intermediates (in the order given), then the peer
certificate. A certificate already taken (same DER) is skipped. Fails if the suite holds
fewer than N distinct certificates.
"""
import base64
import json
import lzma
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SUITE = os.path.join(HERE, "..", "tests", "x509-limbo", "limbo.json.xz")
PEM_RE = re.compile(r"-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", re.S)


def certificates(case):
    for pem in case.get("trusted_certs") or []:
        yield pem
    for pem in case.get("untrusted_intermediates") or []:
        yield pem
    if case.get("peer_certificate"):
        yield case["peer_certificate"]


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__.strip().splitlines()[2])
    wanted = int(sys.argv[1])
    output = sys.argv[2]
    suite = sys.argv[3] if len(sys.argv) == 4 else DEFAULT_SUITE
    with lzma.open(suite, "rt", encoding="utf-8") as f:
        cases = json.load(f)["testcases"]

    seen = set()
    out = []
    for case in sorted(cases, key=lambda c: c["id"]):
        for pem in certificates(case):
            for body in PEM_RE.findall(pem):
                der = base64.b64decode("".join(body.split()))
                if der in seen:
                    continue
                seen.add(der)
                b64 = base64.b64encode(der).decode("ascii")
                lines = [b64[i:i + 64] for i in range(0, len(b64), 64)]
                out.append("-----BEGIN CERTIFICATE-----\n" + "\n".join(lines) + "\n-----END CERTIFICATE-----\n")
                if len(out) == wanted:
                    break
            if len(out) == wanted:
                break
        if len(out) == wanted:
            break
    if len(out) < wanted:
        sys.exit(f"extract-certs: only {len(out)} distinct certificates in {suite}, {wanted} asked")

    os.makedirs(os.path.dirname(os.path.abspath(output)), exist_ok=True)
    with open(output, "w", encoding="ascii") as f:
        f.write("".join(out))
    print(f"extract-certs: wrote {len(out)} certificates to {output}", file=sys.stderr)


if __name__ == "__main__":
    main()
