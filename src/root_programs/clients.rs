//! A chain's verdict per client: for each of Chrome, Firefox, Safari, Windows, Android and
//! Java, does it accept the chain at the instant judged, through which root, and if not, why.
//! A client that refuses the chain's root may still reach another root through a served
//! cross-sign ([`crate::chain::Chain::alternatives`]).

use serde::Serialize;

use super::verdict::{self, judge, Client, LeafFacts, RootVerdict, Status};
use super::RootPrograms;
use crate::chain::completion::CrossSign;
use crate::chain::{Chain, ChainEnd};
use crate::finding::{Arg, Reason};
use crate::i18n::Catalogue;
use crate::model::{Model, ObjectId};
use crate::trust_store::TrustStore;

/// A cross-sign a client needs, as the report names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CrossSignReport {
    /// The cross-signed certificate's name (the root's), and the root that signed it.
    pub name: String,
    pub issuer: String,
    pub sha256_fingerprint: String,
    /// Android: the versions it makes accept the chain.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub versions: Option<Vec<String>>,
}

/// One client's verdict on one chain, as the report gives it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClientTrust {
    pub client: Client,
    pub trusted: bool,
    pub status: Status,
    /// The root the verdict is about: the chain's, or the one this client reaches another way.
    pub root: String,
    /// When this client reaches its root another way than the chain shown: that path's
    /// certificates, leaf first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<Vec<ObjectId>>,
    /// The release the verdict names: the one in effect, or the one that made the change.
    pub version: Option<String>,
    /// The date the verdict names (`YYYY-MM-DD`): of that change, of a distrust, of expiry.
    pub date: Option<String>,
    /// The verdict rests on a state assumed from the program's first data (it starts later
    /// than the instant judged).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub inferred: bool,
    /// Android and Java: the versions that accept the chain.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub versions: Option<Vec<String>>,
    /// A cross-signed copy of the root, from certlens's public intermediates, through which
    /// this client (or, for Android, the versions in `cross_sign_versions`) would accept the
    /// chain if the server also sent it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cross_sign: Option<CrossSignReport>,
    /// The newest release certlens's data has for this client's program, and its date.
    pub data_version: String,
    pub data_date: String,
    /// What the verdict means, in the report's language.
    pub message: String,
    /// The values the message names, for [`ClientTrust::localise`].
    #[serde(skip)]
    params: Vec<(&'static str, Arg)>,
}

impl ClientTrust {
    /// Renders the message in the catalogue's language.
    pub fn localise(&mut self, catalogue: &Catalogue) {
        self.message = catalogue.render_reason(&self.clause());
    }

    /// The message as a clause (`client.status.<status>` and its values), for findings that
    /// quote it.
    pub fn clause(&self) -> Reason {
        let mut params = self.params.clone();
        params.push(("client", Arg::Phrase(client_key(self.client))));
        Reason {
            phrase: status_key(self.status),
            params,
        }
    }

    /// Known not to accept the chain (an unknown verdict is no refusal).
    pub fn refused(&self) -> bool {
        !self.trusted && self.status != Status::Unknown
    }

    /// What serving a cross-signed copy of the root would add, as a clause, when it would.
    pub fn cross_note(&self) -> Option<Reason> {
        self.cross_sign.as_ref()?;
        let (_, note) = self.params.iter().find(|(name, _)| *name == "cross_note")?;
        let Arg::Clause(note) = note else {
            return None;
        };
        let mut note = note.clone();
        note.params
            .push(("client", Arg::Phrase(client_key(self.client))));
        Some(note)
    }

    /// Android: the versions that accept the chain, as ranges ("7.1 and later").
    pub fn versions_clause(&self) -> Option<Arg> {
        let (_, ranges) = self.params.iter().find(|(name, _)| *name == "versions")?;
        matches!(ranges, Arg::List(items) if !items.is_empty()).then(|| ranges.clone())
    }
}

/// The catalogue key naming a client: `client.chrome`, ...
pub fn client_key(client: Client) -> &'static str {
    match client {
        Client::Chrome => "client.chrome",
        Client::Firefox => "client.firefox",
        Client::Apple => "client.apple",
        Client::Windows => "client.windows",
        Client::Android => "client.android",
        Client::Java => "client.java",
    }
}

/// The catalogue key of a status's message.
fn status_key(status: Status) -> &'static str {
    match status {
        Status::Trusted => "client.status.trusted",
        Status::Unknown => "client.status.unknown",
        Status::NotInStore => "client.status.not_in_store",
        Status::NotYetAdded => "client.status.not_yet_added",
        Status::Removed => "client.status.removed",
        Status::WebsitesTrustOff => "client.status.websites_trust_off",
        Status::Disallowed => "client.status.disallowed",
        Status::NotForWebsites => "client.status.not_for_websites",
        Status::IssuedAfterDistrust => "client.status.issued_after_distrust",
        Status::SctAfterDistrust => "client.status.sct_after_distrust",
        Status::RootExpired => "client.status.root_expired",
        Status::RootNotYetValid => "client.status.root_not_yet_valid",
    }
}

/// Every client's verdict on a chain that ends at a root of the root programs; none for
/// other chains (given roots, private roots, missing issuers).
pub fn judge_chain(
    store: &TrustStore,
    model: &Model,
    chain: &Chain,
    crosses: &[(CrossSign, [u8; 32])],
    at: i64,
) -> Vec<ClientTrust> {
    let (ChainEnd::Anchor { anchor, .. }, Some(programs), Some(leaf)) = (
        &chain.end,
        store.programs.as_deref(),
        model.certificate(chain.leaf),
    ) else {
        return Vec::new();
    };
    if store.public_root(*anchor).is_none() {
        return Vec::new();
    }
    let facts = LeafFacts::of(leaf);
    // Other roots clients may reach, no worse than the chain shown.
    let alternatives: Vec<(usize, &[ObjectId])> = chain
        .alternatives
        .iter()
        .filter(|a| a.problems <= chain.problems.len() && store.public_root(a.anchor).is_some())
        .map(|a| (a.anchor, a.certs.as_slice()))
        .collect();
    Client::ALL
        .into_iter()
        .filter_map(|client| {
            let (copy, main) = verdict_on(store, *anchor, client, &facts, at)?;
            let mut versions = main.versions.clone();
            let mut chosen = (main, copy, None);
            for &(other, certs) in &alternatives {
                let Some((copy, verdict)) = verdict_on(store, other, client, &facts, at) else {
                    continue;
                };
                versions.extend(verdict.versions.iter().copied());
                if !chosen.0.trusted() && verdict.trusted() {
                    chosen = (verdict, copy, Some(certs.to_vec()));
                }
            }
            versions.sort_unstable();
            versions.dedup();
            let (mut verdict, anchor, via) = chosen;
            // What serving a cross-signed copy of the root would add.
            let mut cross_sign = None;
            for (cross, fingerprint) in crosses {
                let Some((_, through)) = verdict_on(store, cross.issuer, client, &facts, at) else {
                    continue;
                };
                let gained: Vec<usize> = through
                    .versions
                    .iter()
                    .copied()
                    .filter(|v| !versions.contains(v))
                    .collect();
                let helps = if programs.program(client.program()).by_version {
                    !gained.is_empty()
                } else {
                    !verdict.trusted() && through.trusted()
                };
                if helps && cross_sign.is_none() {
                    cross_sign = Some((cross.clone(), *fingerprint, gained));
                }
            }
            verdict.versions = versions;
            let judged = Judged {
                client,
                anchor,
                via,
                verdict,
                cross_sign,
            };
            Some(client_trust(programs, store, judged, &facts, at))
        })
        .collect()
}

/// A client's verdict on the root behind an anchor, any copy of it counting, with the
/// versions that trust any copy (Android).
fn verdict_on(
    store: &TrustStore,
    anchor: usize,
    client: Client,
    leaf: &LeafFacts,
    at: i64,
) -> Option<(usize, RootVerdict)> {
    let (copy, mut verdict) = store.judge(anchor, client, leaf, at)?;
    for other in store.same_root(anchor) {
        if let Some((programs, root)) = store.public_root(other) {
            let other = judge(programs, client, root, leaf, at);
            verdict.versions.extend(other.versions);
        }
    }
    verdict.versions.sort_unstable();
    verdict.versions.dedup();
    Some((copy, verdict))
}

/// One client's verdict, and the root and path it rests on.
struct Judged {
    client: Client,
    anchor: usize,
    via: Option<Vec<ObjectId>>,
    verdict: RootVerdict,
    /// A cross-sign that would help, its fingerprint, and the versions it would add.
    cross_sign: Option<(CrossSign, [u8; 32], Vec<usize>)>,
}

fn client_trust(
    programs: &RootPrograms,
    store: &TrustStore,
    judged: Judged,
    leaf: &LeafFacts,
    at: i64,
) -> ClientTrust {
    let Judged {
        client,
        anchor,
        via,
        verdict,
        cross_sign,
    } = judged;
    let program = programs.program(client.program());
    let root = store
        .anchors
        .get(anchor)
        .map(|a| a.name())
        .unwrap_or_default();
    let label = |index: usize| {
        program
            .versions
            .get(index)
            .map(|v| v.label.clone())
            .unwrap_or_default()
    };
    let version = verdict.version.map(label);
    let date = verdict.date.map(date_text);
    let versions = program.by_version.then(|| {
        verdict
            .versions
            .iter()
            .map(|&v| label(v))
            .collect::<Vec<_>>()
    });
    let newest = program.newest();
    let mut params: Vec<(&'static str, Arg)> = vec![
        ("root", Arg::Text(root.clone())),
        ("version", Arg::Text(version.clone().unwrap_or_default())),
        ("date", Arg::Text(date.clone().unwrap_or_default())),
        ("issued", Arg::Text(date_text(leaf.not_before))),
        ("program_version", Arg::Phrase(program_version_key(client))),
    ];
    let sct_note = match leaf.earliest_sct {
        Some(sct) => Reason::new("phrase.sct_note").param("sct", date_text(sct)),
        None => Reason::new("phrase.sct_note_none"),
    };
    params.push((
        "sct_note",
        Arg::Clause(sct_note.param("issued", date_text(leaf.not_before))),
    ));
    let inferred_note = if verdict.inferred {
        let first = &program.versions[0];
        Arg::Clause(
            Reason::new("phrase.inferred_note")
                .param("first_version", first.label.as_str())
                .param("first_date", date_text(first.date))
                .param("program_version", Arg::Phrase(program_version_key(client)))
                .param("version", first.label.as_str()),
        )
    } else {
        Arg::Phrase("phrase.none")
    };
    params.push(("inferred_note", inferred_note));
    // "and later" means up to the newest release at the instant judged.
    let newest_index = program
        .versions
        .iter()
        .rposition(|v| v.date <= at)
        .unwrap_or(0);
    let ranges_of = |versions: &[usize]| -> Vec<Arg> {
        verdict::version_ranges(versions)
            .into_iter()
            .map(|(first, last)| {
                let clause = if first == last {
                    Reason::new("phrase.version_one")
                } else if last == newest_index {
                    Reason::new("phrase.version_and_later")
                } else {
                    Reason::new("phrase.version_range").param("last", label(last))
                };
                Arg::Clause(clause.param("first", label(first)))
            })
            .collect()
    };
    params.push(("versions_note", Arg::Phrase("phrase.none")));
    if client == Client::Android {
        let ranges = ranges_of(&verdict.versions);
        params.push(("versions", Arg::List(ranges.clone())));
        let versions_note = if verdict.versions.is_empty() {
            Arg::Phrase("phrase.none")
        } else {
            Arg::Clause(Reason::new("phrase.versions_note").param("versions", Arg::List(ranges)))
        };
        params.retain(|(name, _)| *name != "versions_note");
        params.push(("versions_note", versions_note));
    }
    let version_labels =
        |versions: &[usize]| versions.iter().map(|&v| label(v)).collect::<Vec<_>>();
    let cross_sign = cross_sign.map(|(cross, fingerprint, gained)| {
        let issuer = store
            .anchors
            .get(cross.issuer)
            .map(|a| a.name())
            .unwrap_or_default();
        let note = if program.by_version {
            Reason::new("phrase.cross_sign_versions_note")
                .param("cross_versions", Arg::List(ranges_of(&gained)))
        } else {
            Reason::new("phrase.cross_sign_note")
        };
        params.push((
            "cross_note",
            Arg::Clause(
                note.param("cross", cross.name.as_str())
                    .param("cross_issuer", issuer.as_str()),
            ),
        ));
        CrossSignReport {
            name: cross.name,
            issuer,
            sha256_fingerprint: crate::model::certificate::colon_hex(&fingerprint).to_uppercase(),
            versions: program.by_version.then(|| version_labels(&gained)),
        }
    });
    if cross_sign.is_none() {
        params.push(("cross_note", Arg::Phrase("phrase.none")));
    }
    ClientTrust {
        client,
        trusted: verdict.trusted(),
        status: verdict.status,
        root,
        via,
        version,
        date,
        inferred: verdict.inferred,
        versions,
        cross_sign,
        data_version: newest.label.clone(),
        data_date: date_text(newest.date),
        message: String::new(),
        params,
    }
}

/// The catalogue template that names a release of this client's program.
fn program_version_key(client: Client) -> &'static str {
    match client {
        Client::Chrome => "program.chrome.version",
        Client::Firefox => "program.mozilla.version",
        Client::Apple => "program.apple.version",
        Client::Windows => "program.microsoft.version",
        Client::Android => "program.android.version",
        Client::Java => "program.java.version",
    }
}

/// `YYYY-MM-DD` of an instant.
pub fn date_text(unix: i64) -> String {
    let full = crate::instant::rfc3339(unix);
    full.get(..10).map(str::to_string).unwrap_or(full)
}
