"""The in-memory form of root-programs.der (data/FORMAT.md) and the rules that turn a
program's dated observations into its Event list."""

from __future__ import annotations

from dataclasses import dataclass, field

# Event states, data/FORMAT.md
ABSENT, TRUSTED, WEBSITES_OFF, DISALLOWED, NEVER_WEB = 0, 1, 2, 3, 4
STATE_NAMES = {0: "absent", 1: "trusted", 2: "websites-off", 3: "disallowed", 4: "never-web"}


@dataclass(frozen=True)
class State:
    """What a program says about a root at some instant. The two restrictions are kept only
    where they can matter (a root in the store: states 1, 2, 4)."""

    state: int
    distrust_after: int | None = None
    sct_not_after: int | None = None

    def normalised(self) -> "State":
        if self.state in (ABSENT, DISALLOWED):
            return State(self.state)
        return self


@dataclass(frozen=True)
class Point:
    """One observation: from instant `at`, in release `version`, the root is `state`."""

    at: int
    version: int
    state: State
    inferred: bool = False


@dataclass(frozen=True)
class Event:
    version: int
    at: int
    state: int
    distrust_after: int | None = None
    sct_not_after: int | None = None
    inferred: bool = False


@dataclass
class Program:
    id: str
    source: str
    by_version: bool
    versions: list[tuple[str, int]]  # (label, date), oldest first
    # sha256 -> observations, in any order; turned into events by events_for()
    points: dict[str, list[Point]] = field(default_factory=dict)
    # by-instant programs: sha256 -> the State assumed before the first version, for the
    # roots present in it (None: use the state seen in the first version)
    before_first: dict[str, State] = field(default_factory=dict)

    def add(self, sha: str, at: int, version: int, state: State, inferred: bool = False):
        self.points.setdefault(sha, []).append(Point(at, version, state.normalised(), inferred))

    def version_index(self, label: str) -> int:
        for i, (l, _) in enumerate(self.versions):
            if l == label:
                return i
        raise KeyError(f"{self.id}: no version {label!r}")

    def in_effect_at(self, t: int) -> int:
        """The index of the newest version released at or before t (0 if none)."""
        best = 0
        for i, (_, date) in enumerate(self.versions):
            if date <= t:
                best = i
        return best


def _dedupe(points: list[Point]) -> list[Point]:
    """Drop leading 'absent' and every point that repeats the one before it (an assumed
    state is not repeated by the observed one that follows it: both are kept, so a reader
    knows from when the data itself says so). Two points at one instant: the later wins
    unless it says the same."""
    out: list[Point] = []
    for p in points:
        if out and out[-1].at == p.at:
            if (out[-1].state, out[-1].inferred) == (p.state, p.inferred):
                continue  # the same at the same instant: the first release that said so
            out.pop()
        prev = (out[-1].state, out[-1].inferred) if out else (State(ABSENT), False)
        if prev == (p.state, p.inferred):
            continue
        out.append(p)
    return out


def events_for(program: Program, sha: str, not_before: int) -> list[Event]:
    raw = program.points.get(sha, [])
    if program.by_version:
        # Each version has its own timeline: its release, then in-version updates.
        out: list[Point] = []
        for v in sorted({p.version for p in raw}):
            out += _dedupe(sorted((p for p in raw if p.version == v), key=lambda p: p.at))
    else:
        first_date = program.versions[0][1]
        at_first = [p for p in raw if p.version == 0 and p.at == first_date]
        if at_first and at_first[-1].state.state != ABSENT and not_before < first_date:
            # The assumption FORMAT.md describes: before the program's data starts, the root
            # is taken to have had the state the data first shows (or, where a builder knows
            # better, the state before a dated change that precedes the first release).
            for p in raw:
                if p.at < first_date and p.at <= not_before:
                    raise AssertionError(f"{program.id} {sha}: a dated change before the root's notBefore")
            assumed = program.before_first.get(sha, at_first[-1].state).normalised()
            raw = raw + [Point(not_before, 0, assumed, True)]
        out = _dedupe(sorted(raw, key=lambda p: (p.at, p.version)))
        # By-instant readers take "the last event with from <= T" from a list sorted by
        # (version, from): keep the two orders the same, and instants strictly increasing.
        for a, b in zip(out, out[1:]):
            assert a.at < b.at and a.version <= b.version, (program.id, sha, a, b)
    return [
        Event(p.version, p.at, p.state.state, p.state.distrust_after, p.state.sct_not_after, p.inferred)
        for p in out
    ]
