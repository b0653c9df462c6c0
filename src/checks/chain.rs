//! Chain: every issuer present, every link proved by its signature.

use super::{Check, Context};
use crate::chain::Chain;
use crate::chain::{ChainEnd, Issuer, PathProblem, MAX_DEPTH, MAX_SIGNATURE_CHECKS};
use crate::finding::{Arg, Family, Finding, Reason};
use crate::model::certificate::colon_hex;
use crate::DataState;

pub struct ChainCheck;

impl Check for ChainCheck {
    fn family(&self) -> Family {
        Family::Chain
    }
    fn description(&self) -> &'static str {
        "missing intermediates (with their name, key id and AIA URL, or the copy certlens adds from its public intermediates), links whose signature does not verify, self-signed leaves"
    }
    fn run(&self, context: &Context<'_>, findings: &mut Vec<Finding>) {
        let model = context.model;
        // Without the root programs no root is known, and every chain would look cut short:
        // the trust check's root_data_unavailable says so instead.
        let roots_unknown = context.store.programs.is_none() && !context.store.custom;
        for chain in &context.chains.chains {
            if let Some(finding) = completed(context, chain) {
                findings.push(finding);
            }
            let top = chain.top();
            let Some(cert) = model.certificate(top) else {
                continue;
            };
            for bad in chain.bad_links.iter().filter(|b| b.child == top) {
                let Issuer::Input(impostor) = bad.issuer else {
                    continue;
                };
                findings.push(
                    Finding::error(Family::Chain, "signature_mismatch")
                        .param("cert", model.object_ref(top))
                        .param("issuer", cert.issuer.as_str())
                        .param("impostor", model.object_ref(impostor))
                        .reason("error", bad.error.reason())
                        .objects([top, impostor]),
                );
            }
            match chain.end {
                ChainEnd::MissingIssuer if roots_unknown => {}
                ChainEnd::MissingIssuer => {
                    let mut finding = Finding::error(Family::Chain, "missing_intermediate")
                        .param("cert", model.object_ref(top))
                        .param("issuer", cert.issuer.as_str())
                        .objects([top]);
                    finding = match cert.authority_key_id.as_deref() {
                        Some(id) => finding
                            .param("key_id_note", Arg::Phrase("phrase.issuer_key_id"))
                            .param("key_id", colon_hex(id).to_uppercase()),
                        None => finding.param("key_id_note", Arg::Phrase("phrase.none")),
                    };
                    finding = match cert.ca_issuers.first() {
                        Some(url) => finding
                            .param("download_note", Arg::Phrase("phrase.issuer_download"))
                            .param("url", url.as_str()),
                        None => finding.param("download_note", Arg::Phrase("phrase.none")),
                    };
                    let data_note = match context.data.intermediates {
                        Ok(pool) => Reason::new("phrase.intermediates_lack_it")
                            .param("data_date", pool.snapshot.as_str()),
                        Err(DataState::Loading) => Reason::new("phrase.intermediates_loading"),
                        Err(_) => Reason::new("phrase.intermediates_unavailable"),
                    };
                    finding = finding.reason("data_note", data_note);
                    if cert.is_ca() && !context.store.custom {
                        finding = finding.variant("private_root");
                    }
                    findings.push(finding);
                }
                ChainEnd::Limit => findings.push(
                    Finding::error(Family::Chain, "chain_limit")
                        .param("cert", model.object_ref(chain.leaf))
                        .param("max_depth", MAX_DEPTH)
                        .param("max_checks", MAX_SIGNATURE_CHECKS)
                        .objects(chain.certs.iter().copied()),
                ),
                ChainEnd::Loop => findings.push(
                    Finding::error(Family::Chain, "chain_loop")
                        .param("cert", model.object_ref(chain.leaf))
                        .param("top", model.object_ref(top))
                        .param("issuer", cert.issuer.as_str())
                        .objects(chain.certs.iter().copied()),
                ),
                ChainEnd::UntrustedRoot | ChainEnd::Anchor { .. } => {}
            }
            // For a public name the trust check's not_publicly_trusted says it, as an error.
            let leaf_self_signed = chain.certs.len() == 1
                && matches!(chain.end, ChainEnd::UntrustedRoot)
                && model.certificate(chain.leaf).is_some_and(|c| !c.is_ca())
                && (context.store.custom
                    || super::public_names(model, chain.leaf, context.hosts).is_empty());
            if leaf_self_signed {
                findings.push(
                    Finding::warning(Family::Chain, "self_signed_leaf")
                        .param("cert", model.object_ref(chain.leaf))
                        .objects([chain.leaf]),
                );
            }
            for problem in &chain.problems {
                let PathProblem::SignatureUnchecked {
                    cert,
                    issuer,
                    reason,
                } = problem
                else {
                    continue;
                };
                let (issuer, objects) = match *issuer {
                    Issuer::Input(id) => (Arg::from(model.object_ref(id)), vec![*cert, id]),
                    Issuer::Anchor(index) => {
                        let name = context.store.anchors.get(index).map(|a| a.name());
                        (Arg::from(name.unwrap_or_default()), vec![*cert])
                    }
                };
                findings.push(
                    Finding::warning(Family::Chain, "signature_unchecked")
                        .param("cert", model.object_ref(*cert))
                        .param("issuer", issuer)
                        .reason("reason", reason.clone())
                        .objects(objects),
                );
            }
        }
        if context.chains.limit_hit
            && context
                .chains
                .chains
                .iter()
                .all(|c| !matches!(c.end, ChainEnd::Limit))
        {
            findings.push(
                Finding::warning(Family::Chain, "search_limited")
                    .param("max_checks", MAX_SIGNATURE_CHECKS),
            );
        }
    }
}

/// The finding for a chain certlens completed from its public intermediates: the served
/// files lack (or hold only an expired copy of) the issuer of their top certificate, and
/// certlens has it. Still an error: the server must send it.
fn completed(context: &Context<'_>, chain: &Chain) -> Option<Finding> {
    let model = context.model;
    let added = |id: &usize| model.objects.get(*id).is_some_and(|o| o.added);
    let first = chain.certs.iter().position(added)?;
    let top = *chain.certs.get(first.checked_sub(1)?)?;
    let cert = model.certificate(top)?;
    let added_ids: Vec<usize> = chain.certs.iter().copied().filter(added).collect();
    let issuer = model.certificate(chain.certs[first])?;
    let pool_date = context
        .data
        .intermediates
        .map(|pool| pool.snapshot.clone())
        .unwrap_or_default();
    let mut finding = Finding::error(Family::Chain, "missing_intermediate")
        .param("cert", model.object_ref(top))
        .param("issuer", cert.issuer.as_str())
        .param(
            "added",
            Arg::Sequence(
                added_ids
                    .iter()
                    .map(|&id| model.object_ref(id).into())
                    .collect(),
            ),
        )
        .param("data_date", pool_date)
        .objects(std::iter::once(top).chain(added_ids.iter().copied()))
        .variant("added");
    // An expired copy of the same CA among the inputs: the current one replaces it.
    let expired = model.input_certificates().find(|(_, c)| {
        c.subject_der == issuer.subject_der && c.spki_der == issuer.spki_der && c.der != issuer.der
    });
    if let Some((stale, _)) = expired {
        finding = finding
            .param("stale", model.object_ref(stale))
            .variant("replaced");
    }
    Some(finding)
}
