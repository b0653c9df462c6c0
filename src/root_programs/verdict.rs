//! One client's verdict on one root: does Chrome (Firefox, Safari, Windows, Android, Java)
//! accept a chain ending at this root, for this leaf, at this instant, and if not, why.
//!
//! Each client follows its root program: Chrome the Chrome Root Store, Firefox Mozilla's NSS
//! store, Safari (macOS, iOS) Apple's, Windows and Edge Microsoft's, Android its per-version
//! system store, Java OpenJDK's cacerts. What a program does not publish as data (Chrome's
//! constraints beyond its announced distrusts, Apple's partial distrusts) certlens does not
//! claim; `data/README.md` lists it.

use serde::Serialize;

use super::{Event, ProgramId, Root, RootPrograms, State};

/// The clients certlens judges a chain for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Client {
    Chrome,
    Firefox,
    /// Safari, macOS and iOS.
    Apple,
    /// Windows and Edge.
    Windows,
    Android,
    Java,
}

impl Client {
    pub const ALL: [Client; 6] = [
        Client::Chrome,
        Client::Firefox,
        Client::Apple,
        Client::Windows,
        Client::Android,
        Client::Java,
    ];

    pub fn program(self) -> ProgramId {
        match self {
            Client::Chrome => ProgramId::Chrome,
            Client::Firefox => ProgramId::Mozilla,
            Client::Apple => ProgramId::Apple,
            Client::Windows => ProgramId::Microsoft,
            Client::Android => ProgramId::Android,
            Client::Java => ProgramId::Java,
        }
    }

    /// The name in JSON and in catalogue keys (`client.chrome`).
    pub fn name(self) -> &'static str {
        match self {
            Client::Chrome => "chrome",
            Client::Firefox => "firefox",
            Client::Apple => "apple",
            Client::Windows => "windows",
            Client::Android => "android",
            Client::Java => "java",
        }
    }

    /// The desktop and mobile browsers: a root one of them refuses breaks a public site.
    pub fn is_browser(self) -> bool {
        matches!(
            self,
            Client::Chrome | Client::Firefox | Client::Apple | Client::Windows
        )
    }
}

/// What a verdict rests on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Trusted,
    /// The instant is before the program's first data, which does not list the root: it
    /// may have been trusted then, or not; certlens does not know.
    Unknown,
    /// The program never listed the root (up to the instant judged).
    NotInStore,
    /// Listed only later.
    NotYetAdded,
    Removed,
    /// Mozilla: in the store, websites trust turned off.
    WebsitesTrustOff,
    /// Microsoft: on the Disallowed list.
    Disallowed,
    /// In the store, but never for websites.
    NotForWebsites,
    /// The root is distrusted for leaves issued (notBefore) after a date.
    IssuedAfterDistrust,
    /// Chrome: distrusted for leaves whose earliest SCT is after a date.
    SctAfterDistrust,
    RootExpired,
    RootNotYetValid,
}

/// What the leaf contributes to a verdict: distrusts apply to when it was issued.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LeafFacts {
    pub not_before: i64,
    /// The earliest timestamp of its embedded SCTs, if it has any.
    pub earliest_sct: Option<i64>,
}

impl LeafFacts {
    pub fn of(leaf: &crate::model::Certificate) -> LeafFacts {
        LeafFacts {
            not_before: leaf.not_before,
            earliest_sct: leaf.earliest_sct,
        }
    }
}

/// One program's verdict on one root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RootVerdict {
    pub status: Status,
    /// The release the verdict names (the one that removed the root, or the one in effect).
    pub version: Option<usize>,
    /// The instant the reason names (removal, distrust date, expiry).
    pub date: Option<i64>,
    /// Rests on a state assumed from the program's first data.
    pub inferred: bool,
    /// Chrome's SCT rule judged by notBefore, for want of an embedded SCT.
    pub by_not_before: bool,
    /// Per-version programs: the versions (indices) that trust the root.
    pub versions: Vec<usize>,
}

impl RootVerdict {
    pub fn trusted(&self) -> bool {
        self.status == Status::Trusted
    }

    /// Known not to be trusted (not merely unknown).
    pub fn refused(&self) -> bool {
        !matches!(self.status, Status::Trusted | Status::Unknown)
    }

    fn new(status: Status) -> RootVerdict {
        RootVerdict {
            status,
            version: None,
            date: None,
            inferred: false,
            by_not_before: false,
            versions: Vec::new(),
        }
    }

    fn at(mut self, version: Option<usize>, date: Option<i64>) -> RootVerdict {
        self.version = version;
        self.date = date;
        self
    }
}

/// How `client` judges a chain ending at `root` for `leaf` at instant `at`.
pub fn judge(
    programs: &RootPrograms,
    client: Client,
    root: &Root,
    leaf: &LeafFacts,
    at: i64,
) -> RootVerdict {
    let program = programs.program(client.program());
    let events = &root.trust[client.program().index()];
    if program.by_version {
        return judge_by_version(programs, client, root, events, leaf, at);
    }
    // The release in effect at the instant: what "trusted" is as of.
    let in_effect = program
        .versions
        .iter()
        .rposition(|v| v.date <= at)
        .unwrap_or(0);
    let current = latest(events.iter(), at);
    let Some(event) = current else {
        if at < program.versions[0].date {
            return RootVerdict::new(Status::Unknown).at(Some(0), Some(program.versions[0].date));
        }
        return match events.iter().find(|e| e.state == State::Trusted) {
            Some(added) => {
                RootVerdict::new(Status::NotYetAdded).at(Some(added.version), Some(added.from))
            }
            None => RootVerdict::new(Status::NotInStore).at(Some(in_effect), None),
        };
    };
    let was_trusted = || {
        events
            .iter()
            .any(|e| e.state == State::Trusted && e.from < event.from)
    };
    let change = |status| RootVerdict::new(status).at(Some(event.version), Some(event.from));
    match event.state {
        State::Trusted => {
            let mut verdict = constrained(client, root, event, leaf, at);
            if verdict.trusted() {
                verdict.version = Some(if event.inferred { 0 } else { in_effect });
                verdict.inferred = event.inferred;
            }
            verdict
        }
        State::Absent if was_trusted() => change(Status::Removed),
        State::Absent => RootVerdict::new(Status::NotInStore).at(Some(in_effect), None),
        State::WebsitesTrustOff => change(Status::WebsitesTrustOff),
        State::Disallowed => change(Status::Disallowed),
        State::NotForWebsites => RootVerdict::new(Status::NotForWebsites).at(Some(in_effect), None),
    }
}

/// Android and Java: every version released by `at` on its own timeline.
fn judge_by_version(
    programs: &RootPrograms,
    client: Client,
    root: &Root,
    events: &[Event],
    leaf: &LeafFacts,
    at: i64,
) -> RootVerdict {
    let program = programs.program(client.program());
    let released: Vec<usize> = (0..program.versions.len())
        .filter(|&v| program.versions[v].date <= at)
        .collect();
    // Before the first version certlens knows, that version stands in, flagged as assumed:
    // for Java, older JDKs are unknown rather than absent.
    let inferred = released.is_empty();
    let released = if inferred { vec![0] } else { released };
    let newest = released[released.len() - 1];
    let verdict_of = |version: usize| {
        let events_at = if inferred {
            at.max(program.versions[version].date)
        } else {
            at
        };
        let event = latest(events.iter().filter(|e| e.version == version), events_at);
        match event {
            Some(event) if event.state == State::Trusted => {
                constrained(client, root, event, leaf, at)
            }
            Some(event) => RootVerdict::new(match event.state {
                State::WebsitesTrustOff => Status::WebsitesTrustOff,
                State::Disallowed => Status::Disallowed,
                State::NotForWebsites => Status::NotForWebsites,
                _ => Status::NotInStore,
            })
            .at(Some(version), Some(event.from)),
            None => RootVerdict::new(Status::NotInStore).at(Some(version), None),
        }
    };
    let verdicts: Vec<(usize, RootVerdict)> =
        released.iter().map(|&v| (v, verdict_of(v))).collect();
    let trusting: Vec<usize> = verdicts
        .iter()
        .filter(|(_, verdict)| verdict.trusted())
        .map(|(v, _)| *v)
        .collect();
    let mut verdict = verdicts
        .into_iter()
        .find(|(v, _)| *v == newest)
        .map(|(_, verdict)| verdict)
        .unwrap_or_else(|| RootVerdict::new(Status::NotInStore));
    if verdict.trusted() {
        verdict.version = Some(newest);
    } else if verdict.status == Status::NotInStore {
        if let Some(&last) = trusting.last() {
            // Trusted by older versions only: name the first release without it.
            let dropped = released.iter().copied().find(|&v| v > last);
            verdict = RootVerdict::new(Status::Removed)
                .at(dropped, dropped.map(|v| program.versions[v].date));
        }
    }
    if inferred && !verdict.trusted() {
        // Older versions are unknown, not known to lack the root.
        return RootVerdict::new(Status::Unknown).at(Some(0), Some(program.versions[0].date));
    }
    verdict.versions = trusting;
    verdict.inferred = inferred;
    verdict
}

/// The event in effect at `at`: the latest that started by then (the last listed on a tie).
fn latest<'a>(events: impl Iterator<Item = &'a Event>, at: i64) -> Option<&'a Event> {
    events
        .filter(|e| e.from <= at)
        .fold(None, |best: Option<&Event>, e| match best {
            Some(b) if b.from > e.from => Some(b),
            _ => Some(e),
        })
}

/// A trusted state, with its conditions on the leaf and the root's own validity.
fn constrained(
    client: Client,
    root: &Root,
    event: &Event,
    leaf: &LeafFacts,
    at: i64,
) -> RootVerdict {
    let distrust = |status| RootVerdict::new(status).at(Some(event.version), None);
    if let Some(after) = event.distrust_after {
        if leaf.not_before > after {
            let mut verdict = distrust(Status::IssuedAfterDistrust);
            verdict.date = Some(after);
            return verdict;
        }
    }
    if let Some(after) = event.sct_not_after {
        let sct = leaf.earliest_sct.unwrap_or(leaf.not_before);
        if sct > after {
            let mut verdict = distrust(Status::SctAfterDistrust);
            verdict.date = Some(after);
            verdict.by_not_before = leaf.earliest_sct.is_none();
            return verdict;
        }
    }
    // Android does not check a trust anchor's validity dates, which kept Let's Encrypt
    // working on old Android after DST Root CA X3 expired (Let's Encrypt, "Extending Android
    // Device Compatibility for Let's Encrypt Certificates", 2020-12-21).
    if client != Client::Android {
        if at > root.not_after {
            return RootVerdict::new(Status::RootExpired).at(None, Some(root.not_after));
        }
        if at < root.not_before {
            return RootVerdict::new(Status::RootNotYetValid).at(None, Some(root.not_before));
        }
    }
    RootVerdict::new(Status::Trusted)
}

/// Which of several verdicts on copies of one root to show: trusted first, then what says
/// most about a refusal, then unknown.
pub fn weight(status: Status) -> u8 {
    match status {
        Status::Trusted => 0,
        Status::IssuedAfterDistrust | Status::SctAfterDistrust => 1,
        Status::Removed | Status::WebsitesTrustOff | Status::Disallowed => 2,
        Status::RootExpired | Status::RootNotYetValid => 3,
        Status::NotYetAdded | Status::NotForWebsites => 4,
        Status::NotInStore => 5,
        Status::Unknown => 6,
    }
}

/// The versions as ranges of consecutive releases: `[(first, last)]`, indices.
pub fn version_ranges(versions: &[usize]) -> Vec<(usize, usize)> {
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for &v in versions {
        match ranges.last_mut() {
            Some((_, last)) if *last + 1 == v => *last = v,
            _ => ranges.push((v, v)),
        }
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::root_programs::{Program, Version};

    const DAY: i64 = 86_400;

    fn programs(roots: Vec<Root>) -> RootPrograms {
        let program = |id, by_version, labels: &[(&str, i64)]| Program {
            id,
            source: String::from("test"),
            by_version,
            versions: labels
                .iter()
                .map(|(label, date)| Version {
                    label: label.to_string(),
                    date: *date,
                })
                .collect(),
        };
        RootPrograms {
            snapshot: String::from("2026-12-07"),
            snapshot_at: 0,
            programs: vec![
                program(
                    ProgramId::Mozilla,
                    false,
                    &[("NSS 1", 100 * DAY), ("NSS 2", 200 * DAY)],
                ),
                program(
                    ProgramId::Chrome,
                    false,
                    &[("v1", 100 * DAY), ("v2", 200 * DAY)],
                ),
                program(ProgramId::Apple, false, &[("1", 100 * DAY)]),
                program(ProgramId::Microsoft, false, &[("1", 100 * DAY)]),
                program(
                    ProgramId::Android,
                    true,
                    &[("7.0", 100 * DAY), ("7.1", 150 * DAY), ("8.0", 250 * DAY)],
                ),
                program(ProgramId::Java, true, &[("25", 100 * DAY)]),
            ],
            roots,
        }
    }

    fn event(version: usize, from: i64, state: State) -> Event {
        Event {
            version,
            from,
            state,
            distrust_after: None,
            sct_not_after: None,
            inferred: false,
        }
    }

    fn root(trust: [Vec<Event>; 6]) -> Root {
        Root {
            sha256: [0; 32],
            subject_der: Vec::new(),
            spki_der: Vec::new(),
            not_before: 0,
            not_after: 1_000 * DAY,
            owner: String::new(),
            name_constraints: None,
            trust,
        }
    }

    const LEAF: LeafFacts = LeafFacts {
        not_before: 120 * DAY,
        earliest_sct: None,
    };

    #[test]
    fn removal_and_websites_trust_follow_the_instant() {
        let mut trust: [Vec<Event>; 6] = Default::default();
        trust[ProgramId::Chrome.index()] = vec![
            event(0, 100 * DAY, State::Trusted),
            event(1, 200 * DAY, State::Absent),
        ];
        trust[ProgramId::Mozilla.index()] = vec![
            event(0, 100 * DAY, State::Trusted),
            event(1, 200 * DAY, State::WebsitesTrustOff),
        ];
        let data = programs(vec![root(trust)]);
        let root = &data.roots[0];
        let before = judge(&data, Client::Chrome, root, &LEAF, 150 * DAY);
        assert_eq!((before.status, before.version), (Status::Trusted, Some(0)));
        let after = judge(&data, Client::Chrome, root, &LEAF, 250 * DAY);
        assert_eq!(after.status, Status::Removed);
        assert_eq!((after.version, after.date), (Some(1), Some(200 * DAY)));
        let firefox = judge(&data, Client::Firefox, root, &LEAF, 250 * DAY);
        assert_eq!(firefox.status, Status::WebsitesTrustOff);
        // Before the program's first data, a root that data does not list is unknown.
        let early = judge(&data, Client::Chrome, root, &LEAF, 50 * DAY);
        assert_eq!(early.status, Status::Unknown);
        assert!(!early.refused());
        let apple = judge(&data, Client::Apple, root, &LEAF, 150 * DAY);
        assert_eq!(apple.status, Status::NotInStore);
    }

    #[test]
    fn distrusts_apply_to_the_leaf() {
        let mut trust: [Vec<Event>; 6] = Default::default();
        let mut chrome = event(0, 100 * DAY, State::Trusted);
        chrome.sct_not_after = Some(130 * DAY);
        trust[ProgramId::Chrome.index()] = vec![chrome];
        let mut mozilla = event(0, 100 * DAY, State::Trusted);
        mozilla.distrust_after = Some(110 * DAY);
        trust[ProgramId::Mozilla.index()] = vec![mozilla];
        let data = programs(vec![root(trust)]);
        let root = &data.roots[0];
        assert!(judge(&data, Client::Chrome, root, &LEAF, 300 * DAY).trusted());
        let late = LeafFacts {
            not_before: 140 * DAY,
            earliest_sct: None,
        };
        let chrome = judge(&data, Client::Chrome, root, &late, 300 * DAY);
        assert_eq!(chrome.status, Status::SctAfterDistrust);
        assert!(chrome.by_not_before);
        let with_sct = LeafFacts {
            earliest_sct: Some(125 * DAY),
            ..late
        };
        assert!(judge(&data, Client::Chrome, root, &with_sct, 300 * DAY).trusted());
        let firefox = judge(&data, Client::Firefox, root, &LEAF, 300 * DAY);
        assert_eq!(
            (firefox.status, firefox.date),
            (Status::IssuedAfterDistrust, Some(110 * DAY))
        );
    }

    #[test]
    fn android_is_judged_per_version_and_ignores_root_expiry() {
        let mut trust: [Vec<Event>; 6] = Default::default();
        trust[ProgramId::Android.index()] = vec![
            event(1, 150 * DAY, State::Trusted),
            event(2, 250 * DAY, State::Trusted),
        ];
        trust[ProgramId::Java.index()] = vec![event(0, 100 * DAY, State::Trusted)];
        let mut expired = root(trust);
        expired.not_after = 260 * DAY;
        let data = programs(vec![expired]);
        let root = &data.roots[0];
        let android = judge(&data, Client::Android, root, &LEAF, 300 * DAY);
        assert_eq!(android.status, Status::Trusted);
        assert_eq!(android.versions, vec![1, 2]);
        let java = judge(&data, Client::Java, root, &LEAF, 300 * DAY);
        assert_eq!(java.status, Status::RootExpired);
        // Before 8.0 was released, only 7.0 and 7.1 are judged.
        let then = judge(&data, Client::Android, root, &LEAF, 200 * DAY);
        assert_eq!(then.versions, vec![1]);
        // Before the first release known, it stands in, as an assumption.
        let before = judge(&data, Client::Java, root, &LEAF, 50 * DAY);
        assert!(before.trusted() && before.inferred);
    }

    #[test]
    fn android_names_the_release_that_dropped_a_root() {
        let mut trust: [Vec<Event>; 6] = Default::default();
        trust[ProgramId::Android.index()] = vec![
            event(0, 100 * DAY, State::Trusted),
            event(1, 150 * DAY, State::Trusted),
        ];
        let data = programs(vec![root(trust)]);
        let android = judge(&data, Client::Android, &data.roots[0], &LEAF, 300 * DAY);
        assert_eq!(android.status, Status::Removed);
        assert_eq!(android.version, Some(2));
        assert_eq!(android.versions, vec![0, 1]);
        assert_eq!(version_ranges(&[0, 1, 3]), vec![(0, 1), (3, 3)]);
    }
}
