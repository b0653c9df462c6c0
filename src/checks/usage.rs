//! Usage: what each certificate may be used for. A server certificate must not be a CA and
//! must allow serverAuth; issuers must be CAs allowed to sign certificates, within their
//! path length.

use super::{Check, Context};
use crate::chain::PathProblem;
use crate::finding::{Family, Finding};

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
                let finding = match problem {
                    PathProblem::LeafIsCa { cert } => Finding::error(Family::Usage, "leaf_is_ca", format!(
                        "{} is a CA certificate (basicConstraints CA:TRUE), but it is used as the server certificate; browsers refuse CA certificates as server certificates.",
                        model.describe(*cert)))
                        .objects([*cert])
                        .fix("Put the server's own certificate first. If this really is the server certificate, have it reissued without CA:TRUE."),
                    PathProblem::EkuNotServerAuth { cert } if *cert == chain.leaf => Finding::error(Family::Usage, "no_server_auth", format!(
                        "{} is not valid for TLS servers: its extendedKeyUsage ({}) does not include serverAuth.",
                        model.describe(*cert), eku_list(context, *cert)))
                        .objects([*cert])
                        .fix("Have the certificate reissued as a TLS server certificate (extendedKeyUsage serverAuth)."),
                    PathProblem::EkuNotServerAuth { cert } => Finding::error(Family::Usage, "issuer_no_server_auth", format!(
                        "The intermediate {} restricts its use ({}) and serverAuth is not among them, so nothing it issues is valid for TLS servers.",
                        model.describe(*cert), eku_list(context, *cert)))
                        .objects([*cert])
                        .fix("Use the intermediate your CA provides for TLS server certificates."),
                    PathProblem::IssuerNotCa { cert } => Finding::error(Family::Usage, "issuer_not_ca", format!(
                        "{} signed another certificate in the chain but is not a CA certificate (no basicConstraints CA:TRUE).", model.describe(*cert)))
                        .objects([*cert])
                        .fix("Only a CA certificate can issue certificates: get the certificate from a proper CA."),
                    PathProblem::IssuerKeyUsage { cert } => Finding::error(Family::Usage, "issuer_key_usage", format!(
                        "{} is used as an issuer, but its keyUsage does not allow signing certificates (keyCertSign).", model.describe(*cert)))
                        .objects([*cert])
                        .fix("Use the CA certificate that is meant for issuing."),
                    PathProblem::PathLength { ca, limit, below } => Finding::error(Family::Usage, "path_length", format!(
                        "{} allows at most {limit} intermediate certificate(s) below it (pathLenConstraint), but the chain has {below}.", model.describe(*ca)))
                        .objects([*ca])
                        .fix("Use a chain with fewer intermediates, as issued by your CA."),
                    PathProblem::UnknownCriticalExtension { cert, extension } => Finding::error(Family::Usage, "unknown_critical_extension", format!(
                        "{} has a critical extension {extension} that clients cannot process, so they must reject it.", model.describe(*cert)))
                        .objects([*cert])
                        .fix("Have the certificate reissued without that extension marked critical."),
                    PathProblem::Nonconforming { cert, reason } => Finding::error(Family::Usage, "nonconforming", format!(
                        "{} is malformed: {reason}. Strict clients (Go, rustls, pyca/cryptography) reject it.", model.describe(*cert)))
                        .objects([*cert])
                        .fix("Have the certificate reissued; a CA that produced it has a bug worth reporting."),
                    _ => continue,
                };
                findings.push(finding);
            }
            if let Some(eku) = model
                .certificate(chain.leaf)
                .and_then(|c| c.ext_key_usage.as_ref())
            {
                if eku.any {
                    findings.push(Finding::error(Family::Usage, "any_eku_leaf", format!(
                        "{} allows any extended key usage (anyExtendedKeyUsage), which server certificates must not (CA/B Forum BR 7.1.2.7.10).",
                        model.describe(chain.leaf)))
                        .objects([chain.leaf])
                        .fix("Have the certificate reissued with extendedKeyUsage serverAuth only."));
                }
            }
            if chain.certs.len() == 1 {
                if let Some(leaf) = model.certificate(chain.leaf) {
                    if leaf.is_ca() && !leaf.is_self_issued() {
                        findings.push(Finding::error(Family::Usage, "leaf_is_ca", format!(
                            "{} is a CA certificate (basicConstraints CA:TRUE), not a server certificate.", model.describe(chain.leaf)))
                            .objects([chain.leaf])
                            .fix("Give the server's own certificate (the one with your site's names), followed by this one."));
                    }
                }
            }
        }
    }
}

fn eku_list(context: &Context<'_>, id: usize) -> String {
    context
        .model
        .certificate(id)
        .and_then(|c| c.ext_key_usage.as_ref())
        .map(|eku| eku.names.join(", "))
        .unwrap_or_default()
}
