"""Builds data/root-programs.der and data/public-intermediates.der (data/FORMAT.md).

    python3 -m pki_data build  --pki-data DIR --sources DIR --out DIR [--verify|--recorded]
    python3 -m pki_data fetch  --pki-data DIR --sources DIR --cache DIR

`build --verify` checks every intermediate's signature with pyca/cryptography and writes
data/sources/intermediates-verification.json (what was dropped and why); `build --recorded`
takes that record instead, so that --check needs only the Python standard library.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import lzma
import shutil
import subprocess
import sys
from pathlib import Path

from . import der, intermediates, mscerts, programs
from .model import ABSENT, STATE_NAMES, TRUSTED, Event, Program, events_for
from .sources import (PkiData, SourceError, ccadb_pems, certdata_certificates, day, fp, instant, iso, need,
                      pem_certificates, read_sources_json)

FORMAT_ROOTS = "certlens-root-programs/1"
FORMAT_INTERMEDIATES = "certlens-intermediates/1"
SNAPSHOT_ROOTS = "2026-12-07"  # ../shared/pki-data was gathered on this day (its README)
SNAPSHOT_INTERMEDIATES = "2026-08-21"  # crtsh/ccadb_data commit date of the CCADB PEM CSVs
PROGRAM_ORDER = ["mozilla", "chrome", "apple", "microsoft", "android", "java"]


# ---------------------------------------------------------------- certificates


def certificate_pool(pki: PkiData) -> tuple[dict[str, bytes], dict[str, str]]:
    """sha256 -> DER of every certificate the licences let us ship: CCADB's PEMs, Apple's
    roots/*.cer, the Chrome Root Store PEM and certdata.txt. (Not Microsoft's bundle, not
    Android's files.) Also sha256 -> which source had it first, for the README."""
    pool, origin = {}, {}

    def add(sha, der_bytes, where):
        need(hashlib.sha256(der_bytes).hexdigest() == sha, f"{where}: fingerprint mismatch")
        if sha not in pool:
            pool[sha], origin[sha] = der_bytes, where

    for sha, d in ccadb_pems(pki).items():
        add(sha, d, "ccadb")
    for rel in pki.files("apple/roots/", ".cer"):
        d = pki.read(rel)
        add(fp(rel.rsplit("/", 1)[1].removesuffix(".cer"), rel), d, "apple")
    for d in pem_certificates(pki.read("chrome/trustifi-43-chrome-root-store-v43.pem").decode("ascii")):
        add(hashlib.sha256(d).hexdigest(), d, "chrome")
    for sha, d in certdata_certificates(pki.read("mozilla/certdata.txt").decode("utf-8")).items():
        add(sha, d, "certdata")
    return pool, origin


def ccadb_owners(pki: PkiData) -> dict[str, str]:
    doc = pki.json("ccadb/ccadb-root-status-2026-08-03-from-pypi-certlens-1.0.1.json.gz")
    need(isinstance(doc, dict) and len(doc.get("roots", [])) == doc.get("root_count"), "ccadb root status: shape")
    out = {}
    for r in doc["roots"]:
        sha = fp(r["sha256"], "ccadb root status")
        need(sha not in out, f"ccadb root status: {sha} twice")
        out[sha] = (r.get("ca_owner") or "").strip()
    return out


# ---------------------------------------------------------------- inputs from data/sources


def chrome_sct_rules(sources: Path, pool: dict[str, bytes], listed: set[str]) -> list[tuple[int, set[str]]]:
    """The rules of chrome-sct-distrusts.json, each root found by its subject (CN, or OU for a
    subject without CN) among the roots some program lists, valid when the rule took effect;
    the sha256 the file gives must be exactly what that finds."""
    doc = read_sources_json(sources / "chrome-sct-distrusts.json")
    oid = {"CN": der.OID_COMMON_NAME, "OU": der.OID_ORG_UNIT}
    candidates = []
    for sha in sorted(listed & pool.keys()):
        info = der.parse_certificate(pool[sha])
        candidates.append((sha, info, der.name_attributes(info.subject)))
    rules = []
    for rule in doc["rules"]:
        effective = day(rule["effective"], "chrome-sct-distrusts")
        shas = set()
        for root in rule["roots"]:
            ((attr, value),) = root["match"].items()
            found = []
            for sha, info, attrs in candidates:
                if attr == "OU" and any(o == der.OID_COMMON_NAME for o, _ in attrs):
                    continue
                values = [v for o, v in attrs if o == oid[attr]]
                if values and values[-1] == value and info.not_before <= effective <= info.not_after:
                    found.append(sha)
            need(found == [root["sha256"]],
                 f"chrome-sct-distrusts: {root['named']!r} matches {found}, the file says {root['sha256']}")
            shas.add(root["sha256"])
        rules.append((instant(rule["sct_not_after"], "chrome-sct-distrusts"), shas))
    return rules


def java_policies(sources: Path) -> dict:
    doc = read_sources_json(sources / "java-distrust-policies.json")
    pol = doc["policies"]
    need(set(pol) == {"SYMANTEC_TLS", "ENTRUST_TLS", "CAMERFIRMA_TLS"}, "java-distrust-policies: policies")
    for name, p in pol.items():
        need(p["roots"] and all(fp(x, name) == x for x in p["roots"]), f"java-distrust-policies {name}: roots")
    return pol


# ---------------------------------------------------------------- encoding


def encode_event(e: Event) -> bytes:
    parts = [der.integer(e.version), der.integer(e.at), der.integer(e.state)]
    if e.distrust_after is not None:
        parts.append(der.integer(e.distrust_after, tag=0x81))
    if e.sct_not_after is not None:
        parts.append(der.integer(e.sct_not_after, tag=0x82))
    if e.inferred:
        parts.append(der.boolean(True, tag=0x83))
    return der.sequence(*parts)


def encode_roots(progs: list[Program], roots: list[dict]) -> bytes:
    program_seq = der.sequence_of(
        der.sequence(
            der.utf8(p.id), der.utf8(p.source), der.boolean(p.by_version),
            der.sequence_of(der.sequence(der.utf8(label), der.integer(date)) for label, date in p.versions),
        )
        for p in progs
    )
    root_seq = []
    for r in roots:
        info = r["info"]
        parts = [
            der.octets(bytes.fromhex(r["sha256"])),
            info.subject,
            info.spki,
            der.integer(info.not_before),
            der.integer(info.not_after),
            der.utf8(r["owner"]),
            der.sequence_of(
                der.sequence(der.integer(pi), der.sequence_of(encode_event(e) for e in events))
                for pi, events in r["trust"]
            ),
        ]
        if info.name_constraints is not None:
            parts.append(der.octets(info.name_constraints, tag=0x80))
        root_seq.append(der.sequence(*parts))
    return der.sequence(der.utf8(FORMAT_ROOTS), der.utf8(SNAPSHOT_ROOTS), program_seq, der.sequence_of(root_seq))


# ---------------------------------------------------------------- sanity checks (the data must say these)


def sanity_checks(progs: dict[str, Program], roots: dict[str, dict]) -> list[str]:
    ok = []

    def events(sha, pid):
        r = roots.get(sha)
        need(r is not None, f"sanity: root {sha[:16]} not in the file")
        pi = PROGRAM_ORDER.index(pid)
        for i, ev in r["trust"]:
            if i == pi:
                return ev
        raise SourceError(f"sanity: root {sha[:16]} has no {pid} events")

    def state_at_newest(sha, pid, version_label=None):
        p = progs[pid]
        ev = events(sha, pid)
        if p.by_version:
            vi = p.version_index(version_label) if version_label else len(p.versions) - 1
            ev = [e for e in ev if e.version == vi]
        return ev[-1] if ev else None

    def label(pid, e):
        return progs[pid].versions[e.version][0]

    dg = "4348a0e9444c78cb265e058d5e8944b4d84f9662bd26db257f8934a443c70161"
    ev = [e for e in events(dg, "chrome") if not e.inferred]
    need([(label("chrome", e), e.state) for e in ev] == [("v29", TRUSTED), ("v31", ABSENT)]
         and ev[1].at == day("2026-04-15", "sanity"),
         f"sanity: DigiCert Global Root CA in Chrome: {ev}")
    ok.append("DigiCert Global Root CA: Chrome trusted in v29/v30, absent from v31 (2026-04-15)")
    ev = events(dg, "mozilla")
    turned_off = [e for e in ev if e.state == 2]
    need(len(turned_off) == 1 and label("mozilla", turned_off[0]) == "NSS 3.123"
         and turned_off[0].at == day("2026-04-16", "sanity") and ev[-1].state == 2
         and all(e.state == TRUSTED for e in ev if e.at < turned_off[0].at),
         f"sanity: DigiCert Global Root CA in Mozilla: {ev}")
    ok.append("DigiCert Global Root CA: Mozilla websites-off (2) from NSS 3.123 (2026-04-16), trusted before")
    for pid, ver in (("apple", None), ("microsoft", None), ("android", "13"), ("android", None), ("java", None)):
        e = state_at_newest(dg, pid, ver)
        need(e is not None and e.state == TRUSTED, f"sanity: DigiCert Global Root CA in {pid} {ver}: {e}")
    ok.append("DigiCert Global Root CA: trusted in the newest Apple, Microsoft, Android (13 and 17) and Java data")

    isrg = "96bcec06264976f37460779acf28c5a7cfe8a3c0aae11a8ffcee05c0bddf08c6"
    ev = events(isrg, "android")
    first = min(e.version for e in ev if e.state == TRUSTED)
    need(progs["android"].versions[first][0] == "7.1", f"sanity: ISRG Root X1 first in Android {first}")
    ok.append("ISRG Root X1: first trusted by Android in 7.1")

    entrust = {
        "02ed0eb28c14da45165c566791700d6451d7fb56f0b2ab1d3b8eb070e56edff5",
        "43df5774b03e7fef5fe40d931a7bedf1bb2e6b42738c4e6d3841103d3aa7f339",
        "6dc47172e01cbcb0bf62580d895fe2b8ac9ad4f873801e0c10b9c837d21eb177",
    }
    nov30 = instant("2024-11-30T23:59:59Z", "sanity")
    with_date = set()  # the state at the newest release is that of the last event
    for sha, r in roots.items():
        for pi, ev in r["trust"]:
            if PROGRAM_ORDER[pi] == "mozilla" and ev[-1].state != ABSENT and ev[-1].distrust_after == nov30:
                with_date.add(sha)
    need(with_date == entrust, f"sanity: NSS distrust-after 2024-11-30 at the newest release on {sorted(with_date)}")
    ok.append("NSS 3.132: distrust-after 2024-11-30T23:59:59Z on exactly the three Entrust roots (EC1, G2, 2048)")
    return ok


# ---------------------------------------------------------------- build


def build(pki_dir: Path, sources: Path, out: Path, verify: bool) -> dict:
    pki = PkiData(pki_dir)
    pool, origin = certificate_pool(pki)
    owners = ccadb_owners(pki)

    moz = programs.mozilla(pki)
    checked, problems = programs.check_mozilla_against_events(pki, moz)
    need(not problems, "Mozilla history disagrees with nss-root-events.json:\n  " + "\n  ".join(problems))
    apple, apple_not_web = programs.apple(pki)
    ms = programs.microsoft(pki, mscerts.load(sources))
    android = programs.android(pki)
    java = programs.java(pki, java_policies(sources))
    listed_so_far = set().union(*(p.points for p in (moz, apple, ms, android, java)))
    chrome_listed = {fp(x, "trustifi") for v in pki.json("chrome/trustifi-history.json")["per_version_sha256"]
                     for x in v["sha256s"]}
    chrome = programs.chrome(pki, chrome_sct_rules(sources, pool, listed_so_far | chrome_listed))
    progs = {p.id: p for p in (moz, chrome, apple, ms, android, java)}
    ordered = [progs[i] for i in PROGRAM_ORDER]

    # Every root any program lists; it goes in the file if some program ever trusted it
    # (state 1, assumed or seen) and one of the redistributable sources has its certificate.
    listed = sorted(set().union(*(p.points for p in ordered)))
    roots, left_out = {}, []
    for sha in listed:
        info = der.parse_certificate(pool[sha]) if sha in pool else None
        trust = []
        for pi, p in enumerate(ordered):
            if sha in p.points:
                # Without a certificate there is no notBefore: any early instant will do to
                # decide whether the root would be in (its events are not written).
                ev = events_for(p, sha, info.not_before if info else -(2**40))
                if ev:
                    trust.append((pi, ev))
        ever_trusted = any(e.state == TRUSTED for _, ev in trust for e in ev)
        if not ever_trusted:
            continue
        if info is None:
            left_out.append({"sha256": sha, "programs": [
                f"{ordered[pi].id}: trusted from {ordered[pi].versions[first][0]}"
                + (f", {STATE_NAMES[ev[-1].state]} from {ordered[pi].versions[ev[-1].version][0]}"
                   if ev[-1].state != TRUSTED and not ordered[pi].by_version else "")
                for pi, ev in trust
                for first in [min((e.version for e in ev if e.state == TRUSTED), default=None)]
                if first is not None]})
            continue
        roots[sha] = {"sha256": sha, "info": info, "owner": owners.get(sha, ""), "trust": trust}

    checks = sanity_checks(progs, roots)
    root_list = [roots[sha] for sha in sorted(roots)]
    roots_der = encode_roots(ordered, root_list)
    # Parse our own output back: a damaged encoding must fail here, not in certlens.
    top = der.read_single(roots_der).children()
    need(len(top) == 4 and len(top[3].children()) == len(root_list), "root-programs.der does not read back")

    inter = intermediates.build(pki, {sha: r["info"] for sha, r in roots.items()}, pool, sources, verify)
    inter_der = der.sequence(
        der.utf8(FORMAT_INTERMEDIATES), der.utf8(SNAPSHOT_INTERMEDIATES),
        der.sequence_of(inter["accepted"]),
    )
    need(len(der.read_single(inter_der).children()[2].children()) == len(inter["accepted"]),
         "public-intermediates.der does not read back")

    out.mkdir(parents=True, exist_ok=True)
    (out / "root-programs.der").write_bytes(roots_der)
    # Committed gzipped (3 MB raw): the page serves these very bytes, and certlens's build.rs
    # inflates them for the CLI. mtime 0 keeps the bytes the same on every run.
    (out / "public-intermediates.der.gz").write_bytes(gzip.compress(inter_der, compresslevel=9, mtime=0))
    return {
        "programs": ordered, "roots": root_list, "left_out": left_out, "checks": checks,
        "apple_not_web": apple_not_web, "mozilla_events_checked": checked, "origin": origin,
        "intermediates": inter, "pki_files": dict(sorted(pki.used.items())),
        "files": {"root-programs.der": roots_der, "public-intermediates.der": inter_der},
    }


def sizes(data: bytes) -> tuple[int, int, int]:
    """raw, gzip -9, xz -9e (the command-line tools when present, as data/README.md quotes)."""
    def run(cmd, fallback):
        if shutil.which(cmd[0]):
            return len(subprocess.run(cmd, input=data, capture_output=True, check=True).stdout)
        return len(fallback(data))
    gz = run(["gzip", "-9", "-n", "-c"], lambda d: gzip.compress(d, 9, mtime=0))
    xz = run(["xz", "-9e", "-c"], lambda d: lzma.compress(d, preset=9 | lzma.PRESET_EXTREME))
    return len(data), gz, xz


def summary(result: dict) -> str:
    lines = []
    progs = result["programs"]
    roots = result["roots"]
    lines.append(f"root-programs.der: {len(roots)} roots, {len(result['left_out'])} trusted roots left out (no certificate)")
    for pi, p in enumerate(progs):
        n_roots = sum(1 for r in roots if any(i == pi for i, _ in r["trust"]))
        n_events = sum(len(ev) for r in roots for i, ev in r["trust"] if i == pi)
        inferred = sum(1 for r in roots for i, ev in r["trust"] if i == pi for e in ev if e.inferred)
        # state in the newest version (by-version: of the newest version's own timeline)
        newest = {}
        for r in roots:
            for i, ev in r["trust"]:
                if i != pi:
                    continue
                if p.by_version:
                    ev = [e for e in ev if e.version == len(p.versions) - 1]
                if ev:
                    newest[ev[-1].state] = newest.get(ev[-1].state, 0) + 1
        by_state = {}
        for r in roots:
            for i, ev in r["trust"]:
                for e in ev if i == pi else ():
                    by_state[e.state] = by_state.get(e.state, 0) + 1
        states = ", ".join(f"{STATE_NAMES[s]} {n}" for s, n in sorted(newest.items()))
        all_states = ", ".join(f"{STATE_NAMES[s]} {n}" for s, n in sorted(by_state.items()))
        lines.append(f"  {p.id:9} {len(p.versions):3} versions ({p.versions[0][0]} .. {p.versions[-1][0]}), "
                     f"{n_roots} roots, {n_events} events ({inferred} inferred)")
        lines.append(f"  {'':9} roots by state in the newest version: {states}")
        lines.append(f"  {'':9} events by state: {all_states}")
    inter = result["intermediates"]
    lines.append(f"public-intermediates.der: {len(inter['accepted'])} certificates "
                 f"({inter['input_count']} in, {len(inter['dropped'])} dropped)")
    for name, data in result["files"].items():
        raw, gz, xz = sizes(data)
        lines.append(f"  {name}: {raw:,} B raw, {gz:,} B gzip -9, {xz:,} B xz -9e")
    lines.append("sanity checks passed:")
    lines += [f"  - {c}" for c in result["checks"]]
    lines.append(f"  - Mozilla history agrees with nss-root-events.json ({result['mozilla_events_checked']} added/removed events)")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="pki_data")
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build")
    b.add_argument("--pki-data", type=Path, required=True)
    b.add_argument("--sources", type=Path, required=True)
    b.add_argument("--out", type=Path, required=True)
    b.add_argument("--report", type=Path, help="write the build facts (JSON)")
    b.add_argument("--readme", type=Path, help="rewrite the generated section of this README")
    mode = b.add_mutually_exclusive_group(required=True)
    mode.add_argument("--verify", action="store_true", help="verify intermediate signatures (pyca/cryptography)")
    mode.add_argument("--recorded", action="store_true", help="use data/sources/intermediates-verification.json")
    f = sub.add_parser("fetch")
    f.add_argument("--pki-data", type=Path, required=True)
    f.add_argument("--sources", type=Path, required=True)
    f.add_argument("--cache", type=Path, required=True)
    args = ap.parse_args(argv)
    try:
        if args.cmd == "fetch":
            mscerts.fetch(PkiData(args.pki_data), args.cache, args.sources)
            return 0
        result = build(args.pki_data, args.sources, args.out, args.verify)
    except (SourceError, der.DerError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as e:
        # A source without a field or with another shape than the generator relies on.
        import traceback
        frame = traceback.extract_tb(e.__traceback__)[-1]
        print(f"error: malformed source ({type(e).__name__}: {e}) at {Path(frame.filename).name}:{frame.lineno}",
              file=sys.stderr)
        return 1
    print(summary(result))
    if args.report:
        write_report(result, args.report)
    if args.readme:
        write_readme_section(result, args.readme)
    return 0


BEGIN, END = "<!-- BEGIN GENERATED by scripts/update-pki-data.sh -->", "<!-- END GENERATED -->"


def write_readme_section(result: dict, path: Path) -> None:
    """The facts of the last build (counts, sizes, what was left out) between the two
    markers of data/README.md; the rest of the file is written by hand."""
    text = path.read_text("utf-8")
    need(text.count(BEGIN) == 1 and text.count(END) == 1, f"{path}: generated-section markers missing")
    origin = result["origin"]
    lines = [BEGIN, "", "### Summary of the last build", "", "```", summary(result), "```", "",
             "### Sizes", "", "| file | raw | gzip -9 | xz -9e |", "|---|---:|---:|---:|"]
    for name, data in result["files"].items():
        raw, gz, xz = sizes(data)
        lines.append(f"| `data/{name}` | {raw:,} B | {gz:,} B | {xz:,} B |")
    counts = {src: sum(1 for r in result["roots"] if origin[r["sha256"]] == src) for src in ("ccadb", "apple", "chrome", "certdata")}
    progs = result["programs"]
    assumed = [r for r in result["roots"]
               if not any(e.state == TRUSTED and not e.inferred for _, ev in r["trust"] for e in ev)]
    assumed_by = {}
    for r in assumed:
        for pi, ev in r["trust"]:
            if any(e.state == TRUSTED for e in ev):
                assumed_by[progs[pi].id] = assumed_by.get(progs[pi].id, 0) + 1
    assumed_by = [f"{n} by {pid}" for pid, n in assumed_by.items()]
    no_owner = [r for r in result["roots"] if not r["owner"]]
    lines += ["", "### Where the root certificates come from", "",
              f"{len(result['roots'])} roots: " + ", ".join(f"{n} from {src}" for src, n in counts.items())
              + " (the first source holding the certificate, in that order: CCADB PEM CSVs, Apple "
              "`roots/*.cer`, the Chrome Root Store PEM, `certdata.txt`).",
              "", f"{len(assumed)} roots are in the file only through an inferred (assumed) state 1: "
                  f"{', '.join(sorted(assumed_by))}. {len(no_owner)} roots have no CCADB owner.",
              "", "### Trusted roots left out (no redistributable certificate)", "",
              "Some program trusted these, but none of the four certificate sources above holds them "
              "(Microsoft's bundle and Android's files may not be redistributed):", "",
              "| sha256 | program: history |", "|---|---|"]
    for x in result["left_out"]:
        lines.append(f"| `{x['sha256']}` | {'; '.join(x['programs'])} |")
    inter = result["intermediates"]
    lines += ["", "### Intermediates dropped", "",
              f"{len(inter['dropped'])} of {inter['input_count']} (the reasons per certificate are in "
              "`data/sources/intermediates-verification.json`):", ""]
    reasons = {}
    for d in inter["dropped"]:
        key = d["reason"].split(" (")[0]
        reasons.setdefault(key, []).append(d)
    for key, ds in sorted(reasons.items()):
        issuers = sorted({d["issuer"] for d in ds})
        lines.append(f"- {len(ds)}: {key}; issuers: " + "; ".join(f"`{i}`" for i in issuers))
    lines += ["", "### Inputs read", "",
              f"{len(result['pki_files'])} files of `../shared/pki-data`, each checked against its "
              "`MANIFEST.sha256` (or the pin in `scripts/pki_data/sources.py`): "
              + ", ".join(f"`{f}`" for f in result["pki_files"]
                          if not f.startswith(("apple/roots/", "ccadb/AllCertificatePEMsCSVFormat/")))
              + ", the 156 `apple/roots/*.cer` and the 33 `ccadb/AllCertificatePEMsCSVFormat/*.csv`.", "", END]
    before, rest = text.split(BEGIN)
    _, after = rest.split(END)
    path.write_text(before + "\n".join(lines) + after, "utf-8")


def write_report(result: dict, path: Path) -> None:
    progs = result["programs"]
    rep = {
        "programs": [{"id": p.id, "source": p.source, "versions": len(p.versions),
                      "first": [p.versions[0][0], iso(p.versions[0][1])[:10]],
                      "newest": [p.versions[-1][0], iso(p.versions[-1][1])[:10]]} for p in progs],
        "roots": len(result["roots"]),
        "left_out": result["left_out"],
        "apple_not_web": result["apple_not_web"],
        "intermediates": {k: v for k, v in result["intermediates"].items() if k != "accepted"},
        "sizes": {name: sizes(data) for name, data in result["files"].items()},
        "pki_files": result["pki_files"],
        "certificate_sources": {src: sum(1 for r in result["roots"] if result["origin"][r["sha256"]] == src)
                                for src in ("ccadb", "apple", "chrome", "certdata")},
        "only_assumed_trusted": [r["sha256"] for r in result["roots"]
                                 if not any(e.state == TRUSTED and not e.inferred for _, ev in r["trust"] for e in ev)],
        "without_owner": [r["sha256"] for r in result["roots"] if not r["owner"]],
        "summary": summary(result),
    }
    path.write_text(json.dumps(rep, indent=1, ensure_ascii=False) + "\n", "utf-8")
