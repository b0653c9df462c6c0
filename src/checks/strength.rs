//! Strength: keys and signature algorithms modern clients refuse, on every certificate of a
//! chain and on keys and CSRs (a CA will refuse a CSR with a weak key).

use super::{Check, Context};
use crate::chain::PathProblem;
use crate::crypto::signature::SignatureAlgorithm;
use crate::finding::{Family, Finding};
use crate::model::Body;
use crate::policy::key_weakness;

pub struct StrengthCheck;

const NEW_KEY: &str = "Generate a new key (RSA 2048 or more, or ECDSA P-256) and a new CSR, and have the certificate reissued.";

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
                        Finding::error(
                            Family::Strength,
                            "weak_key",
                            format!("{} has {reason}.", model.describe(*cert)),
                        )
                        .objects([*cert])
                        .fix(NEW_KEY),
                    ),
                    PathProblem::WeakSignature { cert, hash } => {
                        let algorithm = model
                            .certificate(*cert)
                            .map(|c| c.signature_algorithm.name())
                            .unwrap_or_default();
                        findings.push(
                            Finding::error(Family::Strength, "weak_signature", format!(
                                "{} is signed with {algorithm} ({hash:?}); browsers have rejected {hash:?} signatures on certificates since 2017.",
                                model.describe(*cert)))
                                .objects([*cert])
                                .fix("Have the certificate reissued; every CA signs with SHA-256 or better today."),
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
                        Finding::warning(Family::Strength, "unknown_signature_algorithm", format!(
                            "{} is signed with an algorithm certlens does not know ({oid}); most clients will not know it either.",
                            model.describe(id)))
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
            if let Some(reason) = key.and_then(key_weakness) {
                findings.push(
                    Finding::error(
                        Family::Strength,
                        "weak_key",
                        format!("{} has {reason}.", model.describe(object.id)),
                    )
                    .objects([object.id])
                    .fix(NEW_KEY),
                );
            }
        }
    }
}
