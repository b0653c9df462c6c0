//! Trust: whether the clients that matter accept the root a chain ends at. Public chains are
//! judged per client (Chrome, Firefox, Safari, Windows, Android, Java) by their root programs
//! as they stood at the instant judged ([`crate::root_programs`]); with `--trust`, exactly
//! the roots given count.

use super::{Check, Context};
use crate::chain::{Chain, ChainEnd, PathProblem};
use crate::finding::{Arg, Family, Finding, Reason};
use crate::model::{Model, ObjectId};
use crate::root_programs::clients::client_key;
use crate::root_programs::{Client, ClientTrust, Status};
use crate::trust_store::AnchorOrigin;

pub struct TrustCheck;

/// A verdict judged this long after the data's date carries a warning: root programs
/// change every few months.
pub const DATA_MAX_AGE_DAYS: i64 = 183;

impl Check for TrustCheck {
    fn family(&self) -> Family {
        Family::Trust
    }
    fn description(&self) -> &'static str {
        "the root each client (Chrome, Firefox, Safari, Windows, Android, Java) accepts at the instant judged, per its root program's history; public names on private roots; or exactly the --trust roots"
    }
    fn run(&self, context: &Context<'_>, findings: &mut Vec<Finding>) {
        let model = context.model;
        let store = context.store;
        if !store.custom {
            match context.data.root_programs {
                None => findings.push(Finding::error(Family::Trust, "root_data_unavailable")),
                Some(programs)
                    if context.at > programs.snapshot_at + DATA_MAX_AGE_DAYS * 86_400 =>
                {
                    findings.push(
                        Finding::warning(Family::Trust, "root_data_old")
                            .param("date", programs.snapshot.as_str())
                            .param("at", Arg::Time(context.at))
                            .param("max_days", DATA_MAX_AGE_DAYS),
                    )
                }
                Some(_) => {}
            }
        }
        for (index, chain) in context.chains.chains.iter().enumerate() {
            let top = chain.top();
            let objects = chain.certs.iter().copied();
            match &chain.end {
                ChainEnd::Anchor { anchor, .. } => {
                    let Some(anchor_ref) = store.anchors.get(*anchor) else {
                        continue;
                    };
                    match &anchor_ref.origin {
                        AnchorOrigin::Public(_) => {
                            let clients = context.trust.get(index).map_or(&[][..], Vec::as_slice);
                            let owner = store
                                .public_root(*anchor)
                                .map(|(_, root)| root.owner.clone())
                                .unwrap_or_default();
                            findings.push(public_verdict(
                                model,
                                chain,
                                &anchor_ref.name(),
                                &owner,
                                clients,
                            ));
                        }
                        AnchorOrigin::Given(input) => findings.push(
                            Finding::info(Family::Trust, "trusted")
                                .param("cert", model.object_ref(chain.leaf))
                                .param("root", anchor_ref.name())
                                .param("input", input.as_str())
                                .variant("given")
                                .objects(objects),
                        ),
                    }
                    for problem in &chain.problems {
                        if let PathProblem::AnchorProblem { reason, .. } = problem {
                            findings.push(
                                Finding::error(Family::Trust, "unusable_root")
                                    .param("root", anchor_ref.name())
                                    .reason("reason", reason.clone())
                                    .objects(chain.certs.iter().copied()),
                            );
                        }
                    }
                }
                ChainEnd::UntrustedRoot if store.custom => findings.push(
                    Finding::error(Family::Trust, "untrusted_root")
                        .param("cert", model.object_ref(chain.leaf))
                        .param("root", model.object_ref(top))
                        .objects(objects),
                ),
                ChainEnd::UntrustedRoot => {
                    let names = super::public_names(model, chain.leaf, context.hosts);
                    let finding = if names.is_empty() {
                        Finding::warning(Family::Trust, "private_root")
                    } else {
                        let finding = Finding::error(Family::Trust, "not_publicly_trusted").param(
                            "names",
                            Arg::List(names.into_iter().map(Arg::Text).collect()),
                        );
                        if chain.certs.len() == 1 {
                            finding.variant("self_signed")
                        } else {
                            finding
                        }
                    };
                    findings.push(
                        finding
                            .param("cert", model.object_ref(chain.leaf))
                            .param("root", model.object_ref(top))
                            .objects(objects),
                    );
                }
                ChainEnd::MissingIssuer | ChainEnd::Loop | ChainEnd::Limit if store.custom => {
                    findings.push(
                        Finding::error(Family::Trust, "not_trusted")
                            .param("cert", model.object_ref(chain.leaf))
                            .objects(objects),
                    )
                }
                ChainEnd::MissingIssuer | ChainEnd::Loop | ChainEnd::Limit => {}
            }
        }
    }
}

/// The finding for a chain ending at a root of the root programs: trusted by every client,
/// refused by some browsers (an error: a public site fails for their users), or refused by
/// Android or Java only (a warning: apps and back ends fail).
fn public_verdict(
    model: &Model,
    chain: &Chain,
    root: &str,
    owner: &str,
    clients: &[ClientTrust],
) -> Finding {
    let refusing: Vec<&ClientTrust> = clients.iter().filter(|c| c.refused()).collect();
    let unknown: Vec<Arg> = clients
        .iter()
        .filter(|c| c.status == Status::Unknown)
        .map(|c| client_name(c.client))
        .collect();
    let unknown_note = if unknown.is_empty() {
        Arg::Phrase("phrase.none")
    } else {
        Arg::Clause(Reason::new("phrase.unknown_note").param("unknown", Arg::List(unknown)))
    };
    let trusting = Arg::List(
        clients
            .iter()
            .filter(|c| c.trusted)
            .map(client_with_versions)
            .collect(),
    );
    let objects: Vec<ObjectId> = chain.certs.clone();
    let base = |finding: Finding| {
        finding
            .param("cert", model.object_ref(chain.leaf))
            .param("root", root)
            .param("trusting", trusting.clone())
            .param("unknown_note", unknown_note.clone())
            .objects(objects.iter().copied())
    };
    let Some(first) = refusing
        .iter()
        .find(|c| c.client.is_browser())
        .or(refusing.first())
    else {
        // Trusted everywhere; old Android versions may still need a cross-sign.
        let cross_note = clients
            .iter()
            .find_map(ClientTrust::cross_note)
            .map_or(Arg::Phrase("phrase.none"), Arg::Clause);
        return base(Finding::info(Family::Trust, "trusted")).param("cross_note", cross_note);
    };
    let trusting_note = if clients.iter().any(|c| c.trusted) {
        Arg::Clause(Reason::new("phrase.still_trusted").param("trusting", trusting.clone()))
    } else {
        Arg::Phrase("phrase.trusted_by_none")
    };
    let finding = if refusing.iter().any(|c| c.client.is_browser()) {
        Finding::error(Family::Trust, "root_not_trusted")
    } else {
        Finding::warning(Family::Trust, "root_not_trusted_by_some")
    };
    let fix = match first.status {
        Status::IssuedAfterDistrust | Status::SctAfterDistrust => "distrusted",
        Status::RootExpired | Status::RootNotYetValid => "expired",
        Status::NotYetAdded => "too_new",
        _ => "reissue",
    };
    let owner = if owner.is_empty() {
        Arg::Phrase("phrase.your_ca")
    } else {
        Arg::Text(owner.to_string())
    };
    base(finding)
        .param(
            "refusing",
            Arg::List(refusing.iter().map(|c| client_name(c.client)).collect()),
        )
        .param(
            "reasons",
            Arg::Sentences(refusing.iter().map(|c| Arg::Clause(c.clause())).collect()),
        )
        .param("trusting_note", trusting_note)
        .param("owner", owner)
        .param("date", first.date.clone().unwrap_or_default())
        .variant(fix)
}

fn client_name(client: Client) -> Arg {
    Arg::Phrase(client_key(client))
}

/// A client's name, with the versions that accept the chain for Android ("Android 7.1 and
/// later").
fn client_with_versions(client: &ClientTrust) -> Arg {
    match (client.client, client.versions_clause()) {
        (Client::Android, Some(versions)) => Arg::Clause(
            Reason::new("phrase.client_versions")
                .param("client", client_name(client.client))
                .param("versions", versions),
        ),
        _ => client_name(client.client),
    }
}
