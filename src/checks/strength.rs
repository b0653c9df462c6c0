//! Strength: keys and signature algorithms modern clients refuse.

use super::{Check, Context};
use crate::crypto::{KeyAlgorithm, KeyInfo};
use crate::crypto::signature::SignatureAlgorithm;
use crate::finding::{Family, Finding};
use crate::model::{Body, ObjectId};

pub struct StrengthCheck;

/// The smallest RSA modulus browsers and the CA/B Forum accept.
pub const MIN_RSA_BITS: u32 = 2048;

impl Check for StrengthCheck {
    fn family(&self) -> Family {
        Family::Strength
    }
    fn description(&self) -> &'static str {
        "RSA keys under 2048 bits, MD5/SHA-1 signatures, curves and algorithms clients do not support"
    }
    fn run(&self, context: &Context<'_>, findings: &mut Vec<Finding>) {
        let model = context.model;
        for object in &model.objects {
            let id = object.id;
            match &object.body {
                Body::Certificate(cert) => {
                    key_strength(context, id, &cert.key_info, findings);
                    // A root's own signature is never checked by clients; only issued ones matter.
                    if !cert.is_self_issued() {
                        signature_strength(context, id, &cert.signature_algorithm, findings);
                    }
                }
                Body::Csr(csr) => {
                    key_strength(context, id, &csr.key_info, findings);
                }
                Body::PrivateKey(key) => {
                    if let Some(public) = &key.public {
                        key_strength(context, id, &public.info, findings);
                    }
                }
                Body::PublicKey(_) | Body::Unknown { .. } => {}
            }
        }
    }
}

fn key_strength(context: &Context<'_>, id: ObjectId, key: &KeyInfo, findings: &mut Vec<Finding>) {
    let name = context.model.describe(id);
    match key.algorithm {
        KeyAlgorithm::Rsa if key.bits < MIN_RSA_BITS => findings.push(
            Finding::error(Family::Strength, "weak_key", format!("{name} has a {}-bit RSA key; browsers and CAs require at least {MIN_RSA_BITS} bits.", key.bits))
                .objects([id])
                .fix("Generate a new key (RSA 2048 or more, or ECDSA P-256) and a new CSR, and have the certificate reissued."),
        ),
        KeyAlgorithm::Ec if !matches!(key.curve, Some("P-256" | "P-384" | "P-521")) => findings.push(
            Finding::warning(Family::Strength, "unsupported_curve", format!(
                "{name} uses the curve {}, which browsers do not support for TLS.", key.curve.unwrap_or("(unnamed)")))
                .objects([id])
                .fix("Use P-256 or P-384."),
        ),
        KeyAlgorithm::Dsa | KeyAlgorithm::Unknown => findings.push(
            Finding::warning(Family::Strength, "unsupported_key", format!("{name} has a key type ({:?}) that TLS clients do not accept.", key.algorithm))
                .objects([id])
                .fix("Use an RSA (2048+) or ECDSA (P-256/P-384) key."),
        ),
        _ => {}
    }
}

fn signature_strength(context: &Context<'_>, id: ObjectId, algorithm: &SignatureAlgorithm, findings: &mut Vec<Finding>) {
    let name = context.model.describe(id);
    if let Some(hash) = algorithm.weak_hash() {
        findings.push(
            Finding::error(Family::Strength, "weak_signature", format!(
                "{name} is signed with {} ({hash:?}); browsers have rejected {hash:?} signatures on certificates since 2017.", algorithm.name()))
                .objects([id])
                .fix("Have the certificate reissued; every CA signs with SHA-256 or better today."),
        );
    } else if let SignatureAlgorithm::Unknown { oid } = algorithm {
        findings.push(
            Finding::warning(Family::Strength, "unknown_signature_algorithm", format!("{name} is signed with an algorithm certlens does not know ({oid}); most clients will not know it either."))
                .objects([id]),
        );
    }
}
