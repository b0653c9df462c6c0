//! Chain: every issuer present, every link proved by its signature.

use super::{Check, Context};
use crate::chain::{ChainEnd, Issuer, PathProblem, MAX_DEPTH, MAX_SIGNATURE_CHECKS};
use crate::finding::{Arg, Family, Finding};
use crate::model::certificate::colon_hex;

pub struct ChainCheck;

impl Check for ChainCheck {
    fn family(&self) -> Family {
        Family::Chain
    }
    fn description(&self) -> &'static str {
        "missing intermediates (with their name, key id and AIA URL), links whose signature does not verify, self-signed leaves"
    }
    fn run(&self, context: &Context<'_>, findings: &mut Vec<Finding>) {
        let model = context.model;
        for chain in &context.chains.chains {
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
            let leaf_self_signed = chain.certs.len() == 1
                && matches!(chain.end, ChainEnd::UntrustedRoot)
                && model.certificate(chain.leaf).is_some_and(|c| !c.is_ca());
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
