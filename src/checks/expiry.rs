//! Expiry: every certificate of every chain at the instant given, and the CA/Browser Forum
//! validity caps for publicly trusted server certificates.

use super::{Check, Context};
use crate::chain::{ChainEnd, PathProblem};
use crate::finding::{Arg, Family, Finding};
use crate::trust_store::AnchorOrigin;

pub struct ExpiryCheck;

/// Warn this long before a certificate expires.
pub const EXPIRY_WARNING_DAYS: i64 = 30;
const DAY: i64 = 86_400;

/// CA/Browser Forum Baseline Requirements 6.3.2 (ballot SC-081): the longest validity allowed
/// for certificates issued on or after each date.
const VALIDITY_CAPS: &[(&str, i64, i64)] = &[
    ("2029-03-15", 1_868_227_200, 47),
    ("2027-03-15", 1_805_068_800, 100),
    ("2026-03-15", 1_773_532_800, 200),
    ("2020-09-01", 1_598_918_400, 398),
];

/// The cap in force when a certificate with this notBefore was issued: (since, days).
pub fn validity_cap(not_before: i64) -> Option<(&'static str, i64)> {
    VALIDITY_CAPS
        .iter()
        .find(|(_, from, _)| not_before >= *from)
        .map(|&(since, _, days)| (since, days))
}

impl Check for ExpiryCheck {
    fn family(&self) -> Family {
        Family::Expiry
    }
    fn description(&self) -> &'static str {
        "expired, not yet valid or expiring within 30 days, anywhere in the chain; validity over the CA/B Forum cap"
    }
    fn run(&self, context: &Context<'_>, findings: &mut Vec<Finding>) {
        let model = context.model;
        let at = context.at;
        for &id in &context.chains.unrelated {
            let Some(cert) = model.certificate(id) else {
                continue;
            };
            if !cert.valid_at(at) {
                findings.push(
                    Finding::warning(Family::Expiry, "extra_certificate_invalid")
                        .param("cert", model.object_ref(id))
                        .param("at", Arg::Time(at))
                        .param("not_before", Arg::Time(cert.not_before))
                        .param("not_after", Arg::Time(cert.not_after))
                        .objects([id]),
                );
            }
        }
        for chain in &context.chains.chains {
            for problem in &chain.problems {
                let (id, finding) = match problem {
                    PathProblem::Expired { cert } => {
                        (*cert, Finding::error(Family::Expiry, "expired"))
                    }
                    PathProblem::NotYetValid { cert } => {
                        (*cert, Finding::error(Family::Expiry, "not_yet_valid"))
                    }
                    _ => continue,
                };
                let Some(cert) = model.certificate(id) else {
                    continue;
                };
                let mut finding = finding
                    .param("cert", model.object_ref(id))
                    .param("at", Arg::Time(at))
                    .param("not_before", Arg::Time(cert.not_before))
                    .param("not_after", Arg::Time(cert.not_after))
                    .objects([id]);
                if finding.code == "expired" {
                    finding = finding.param("days", (at - cert.not_after) / DAY);
                }
                finding = if id == chain.leaf {
                    finding
                        .param("role", Arg::Phrase("phrase.server_certificate"))
                        .variant("leaf")
                } else {
                    finding.param("role", Arg::Phrase("phrase.chain_certificate"))
                };
                findings.push(finding);
            }
            for &id in &chain.certs {
                let Some(cert) = model.certificate(id) else {
                    continue;
                };
                let left = cert.not_after - at;
                if cert.valid_at(at) && left < EXPIRY_WARNING_DAYS * DAY {
                    findings.push(
                        Finding::warning(Family::Expiry, "expiring_soon")
                            .param("cert", model.object_ref(id))
                            .param("not_after", Arg::Time(cert.not_after))
                            .param("days", left / DAY)
                            .objects([id]),
                    );
                }
            }
            let publicly_trusted = matches!(chain.end, ChainEnd::Anchor { anchor, .. }
                if context.store.anchors.get(anchor).is_some_and(|a| matches!(a.origin, AnchorOrigin::Public(_))));
            // The caps are for subscriber certificates: a CA given alone is no server's leaf.
            let leaf = model.certificate(chain.leaf).filter(|leaf| !leaf.is_ca());
            if let (true, Some(leaf)) = (publicly_trusted, leaf) {
                let days = (leaf.not_after - leaf.not_before + DAY) / DAY;
                if let Some((since, cap)) = validity_cap(leaf.not_before) {
                    if days > cap {
                        findings.push(
                            Finding::error(Family::Expiry, "validity_too_long")
                                .param("cert", model.object_ref(chain.leaf))
                                .param("days", days)
                                .param("since", since)
                                .param("cap", cap)
                                .objects([chain.leaf]),
                        );
                    }
                }
            }
        }
    }
}
