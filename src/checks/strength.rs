//! Strength: keys and signature algorithms modern clients refuse, on every certificate of a
//! chain and on keys and CSRs (a CA will refuse a CSR with a weak key).

use super::{Check, Context};
use crate::chain::PathProblem;
use crate::crypto::signature::SignatureAlgorithm;
use crate::finding::{Family, Finding};
use crate::model::Body;
use crate::policy::key_weakness;

pub struct StrengthCheck;

impl Check for StrengthCheck {
    fn family(&self) -> Family {
        Family::Strength
    }
    fn description(&self) -> &'static str {
        "RSA keys under 2048 bits, MD5/SHA-1 signatures, curves and algorithms clients do not support"
    }
    fn run(&self, context: &Context<'_>, findings: &mut Vec<Finding>) {
        let model = context.model;
        for chain in &context.chains.chains {
            for problem in &chain.problems {
                match problem {
                    PathProblem::WeakKey { cert, reason } => findings.push(
                        Finding::error(Family::Strength, "weak_key")
                            .param("object", model.object_ref(*cert))
                            .reason("weakness", reason.clone())
                            .objects([*cert]),
                    ),
                    PathProblem::WeakSignature { cert, hash } => {
                        let algorithm = model
                            .certificate(*cert)
                            .map(|c| c.signature_algorithm.name())
                            .unwrap_or_default();
                        findings.push(
                            Finding::error(Family::Strength, "weak_signature")
                                .param("cert", model.object_ref(*cert))
                                .param("algorithm", algorithm)
                                .param("hash", format!("{hash:?}"))
                                .objects([*cert]),
                        );
                    }
                    _ => {}
                }
            }
            for &id in &chain.certs {
                if let Some(SignatureAlgorithm::Unknown { oid }) =
                    model.certificate(id).map(|c| &c.signature_algorithm)
                {
                    findings.push(
                        Finding::warning(Family::Strength, "unknown_signature_algorithm")
                            .param("cert", model.object_ref(id))
                            .param("oid", oid.as_str())
                            .objects([id]),
                    );
                }
            }
        }
        for object in &model.objects {
            let key = match &object.body {
                Body::Csr(csr) => Some(&csr.key_info),
                Body::PrivateKey(key) => key.public.as_ref().map(|p| &p.info),
                _ => None,
            };
            if let Some(weakness) = key.and_then(key_weakness) {
                findings.push(
                    Finding::error(Family::Strength, "weak_key")
                        .param("object", model.object_ref(object.id))
                        .reason("weakness", weakness)
                        .objects([object.id]),
                );
            }
        }
    }
}
