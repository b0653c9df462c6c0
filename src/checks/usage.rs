//! Usage: what each certificate may be used for. A server certificate must not be a CA and
//! must allow serverAuth; issuers must be CAs allowed to sign certificates, within their
//! path length.

use super::{Check, Context};
use crate::chain::{Chains, PathProblem};
use crate::crypto::KeyAlgorithm;
use crate::finding::{Arg, Family, Finding, Reason};
use crate::model::{Certificate, Model, ObjectId};

pub struct UsageCheck;

impl Check for UsageCheck {
    fn family(&self) -> Family {
        Family::Usage
    }
    fn description(&self) -> &'static str {
        "leaf is a CA, no serverAuth in extendedKeyUsage, issuers without CA:TRUE or keyCertSign, path length, unknown critical extensions; SM2 double certificates (signing + encryption) named"
    }
    fn run(&self, context: &Context<'_>, findings: &mut Vec<Finding>) {
        let model = context.model;
        for (sign, enc) in sm2_double_certificates(model, context.chains) {
            findings.push(double_certificate(context, sign, enc));
        }
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

/// The half of an SM2 double certificate (国密双证书) a certificate is, by its keyUsage.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sm2Half {
    Signing,
    Encryption,
}

fn sm2_half(cert: &Certificate) -> Option<Sm2Half> {
    if cert.key_info.algorithm != KeyAlgorithm::Sm2 || cert.is_ca() {
        return None;
    }
    let usages = cert.key_usage.as_deref()?;
    let signs = usages.contains(&"digitalSignature");
    let encrypts = usages
        .iter()
        .any(|u| matches!(*u, "keyEncipherment" | "dataEncipherment" | "keyAgreement"));
    match (signs, encrypts) {
        (true, false) => Some(Sm2Half::Signing),
        (false, true) => Some(Sm2Half::Encryption),
        _ => None,
    }
}

/// SM2 double certificates among the leaves: (signing, encryption) pairs with the same
/// subject and issuer, an SM2 key each, one allowing only signatures, the other only
/// encryption or key agreement (GM/T 0024, TLCP). Each certificate is in one pair at most.
pub(crate) fn sm2_double_certificates(model: &Model, chains: &Chains) -> Vec<(ObjectId, ObjectId)> {
    let halves: Vec<(ObjectId, &Certificate, Sm2Half)> = chains
        .chains
        .iter()
        .filter_map(|chain| {
            let cert = model.certificate(chain.leaf)?;
            Some((chain.leaf, cert, sm2_half(cert)?))
        })
        .collect();
    let mut used = std::collections::HashSet::new();
    let mut pairs = Vec::new();
    for &(sign, sign_cert, half) in &halves {
        if half != Sm2Half::Signing || used.contains(&sign) {
            continue;
        }
        let partner = halves.iter().find(|(enc, enc_cert, half)| {
            *half == Sm2Half::Encryption
                && !used.contains(enc)
                && enc_cert.subject_der == sign_cert.subject_der
                && enc_cert.issuer_der == sign_cert.issuer_der
        });
        if let Some(&(enc, _, _)) = partner {
            used.insert(sign);
            used.insert(enc);
            pairs.push((sign, enc));
        }
    }
    pairs
}

fn double_certificate(context: &Context<'_>, sign: ObjectId, enc: ObjectId) -> Finding {
    let model = context.model;
    let key_of = |cert: ObjectId| {
        context
            .key_matches
            .iter()
            .filter(|m| m.certificate == cert && m.matches)
            .map(|m| m.key)
            .find(|&key| model.private_keys().any(|(id, _)| id == key))
    };
    let keys = match (key_of(sign), key_of(enc)) {
        (Some(sign_key), Some(enc_key)) => Reason::new("phrase.sm2_keys_both")
            .param("sign_key", model.object_ref(sign_key))
            .param("enc_key", model.object_ref(enc_key)),
        (Some(sign_key), None) => {
            Reason::new("phrase.sm2_keys_sign_only").param("sign_key", model.object_ref(sign_key))
        }
        (None, Some(enc_key)) => {
            Reason::new("phrase.sm2_keys_enc_only").param("enc_key", model.object_ref(enc_key))
        }
        (None, None) => Reason::new("phrase.sm2_keys_none"),
    };
    Finding::info(Family::Usage, "sm2_double_certificate")
        .param("sign", model.object_ref(sign))
        .param("enc", model.object_ref(enc))
        .reason("keys", keys)
        .objects([sign, enc])
}
