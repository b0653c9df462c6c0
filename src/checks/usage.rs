//! Usage: what each certificate may be used for. A server certificate must not be a CA and
//! must allow serverAuth; issuers must be CAs allowed to sign certificates, within their
//! path length.

use super::{Check, Context};
use crate::chain::PathProblem;
use crate::finding::{Arg, Family, Finding};

pub struct UsageCheck;

impl Check for UsageCheck {
    fn family(&self) -> Family {
        Family::Usage
    }
    fn description(&self) -> &'static str {
        "leaf is a CA, no serverAuth in extendedKeyUsage, issuers without CA:TRUE or keyCertSign, path length, unknown critical extensions"
    }
    fn run(&self, context: &Context<'_>, findings: &mut Vec<Finding>) {
        let model = context.model;
        for chain in &context.chains.chains {
            for problem in &chain.problems {
                let (finding, id) = match problem {
                    PathProblem::LeafIsCa { cert } => {
                        (Finding::error(Family::Usage, "leaf_is_ca"), *cert)
                    }
                    PathProblem::EkuNotServerAuth { cert } => {
                        let finding = if *cert == chain.leaf {
                            Finding::error(Family::Usage, "no_server_auth")
                        } else {
                            Finding::error(Family::Usage, "issuer_no_server_auth")
                        };
                        let finding = finding.param("usages", eku_list(context, *cert));
                        (finding, *cert)
                    }
                    PathProblem::IssuerNotCa { cert } => {
                        (Finding::error(Family::Usage, "issuer_not_ca"), *cert)
                    }
                    PathProblem::IssuerKeyUsage { cert } => {
                        (Finding::error(Family::Usage, "issuer_key_usage"), *cert)
                    }
                    PathProblem::PathLength { ca, limit, below } => {
                        let finding = Finding::error(Family::Usage, "path_length")
                            .param("limit", i64::from(*limit))
                            .param("below", *below);
                        (finding, *ca)
                    }
                    PathProblem::UnknownCriticalExtension { cert, extension } => {
                        let finding = Finding::error(Family::Usage, "unknown_critical_extension")
                            .param("extension", extension.as_str());
                        (finding, *cert)
                    }
                    PathProblem::Nonconforming { cert, reason } => {
                        let finding = Finding::error(Family::Usage, "nonconforming")
                            .reason("reason", reason.clone());
                        (finding, *cert)
                    }
                    _ => continue,
                };
                findings.push(finding.param("cert", model.object_ref(id)).objects([id]));
            }
            if let Some(eku) = model
                .certificate(chain.leaf)
                .and_then(|c| c.ext_key_usage.as_ref())
            {
                if eku.any {
                    findings.push(
                        Finding::error(Family::Usage, "any_eku_leaf")
                            .param("cert", model.object_ref(chain.leaf))
                            .objects([chain.leaf]),
                    );
                }
            }
            if chain.certs.len() == 1 {
                if let Some(leaf) = model.certificate(chain.leaf) {
                    if leaf.is_ca() && !leaf.is_self_issued() {
                        // Alone, it is no server certificate used wrongly but the wrong file.
                        findings.push(
                            Finding::error(Family::Usage, "leaf_is_ca")
                                .variant("alone")
                                .param("cert", model.object_ref(chain.leaf))
                                .objects([chain.leaf]),
                        );
                    }
                }
            }
        }
    }
}

fn eku_list(context: &Context<'_>, id: usize) -> Arg {
    let names = context
        .model
        .certificate(id)
        .and_then(|c| c.ext_key_usage.as_ref())
        .map(|eku| eku.names.iter().cloned().map(Arg::Text).collect())
        .unwrap_or_default();
    Arg::List(names)
}
