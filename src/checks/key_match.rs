//! Key match: does the private key belong to the certificate? Compared by public key, the
//! way `openssl x509 -pubkey | openssl md5` and `openssl pkey -pubout | openssl md5` do.

use serde::Serialize;

use super::{Check, Context};
use crate::crypto::PublicKey;
use crate::finding::{Family, Finding};
use crate::model::{Body, Model, ObjectId};

/// One key compared with one certificate or CSR.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct KeyMatch {
    pub key: ObjectId,
    /// The certificate (or CSR) compared.
    pub certificate: ObjectId,
    pub matches: bool,
}

/// The public key of an object that has one.
pub fn public_key(model: &Model, id: ObjectId) -> Option<&PublicKey> {
    match &model.objects.get(id)?.body {
        Body::Certificate(c) => c.public_key.as_ref().ok(),
        Body::Csr(c) => c.public_key.as_ref().ok(),
        Body::PrivateKey(k) => k.public.as_ref(),
        Body::PublicKey(k) => Some(k),
        Body::Unknown { .. } => None,
    }
}

/// Keys compared at most; nobody deploys more from one paste.
pub const MAX_KEYS: usize = 64;
/// Beyond this many pairs only the matching ones are listed: a list of non-matches that long
/// helps nobody.
pub const MAX_LISTED_PAIRS: usize = 10_000;

/// Every private or public key (up to [`MAX_KEYS`]) against every certificate and CSR.
pub fn compare_all(model: &Model) -> Vec<KeyMatch> {
    let keys: Vec<(ObjectId, &PublicKey)> = model
        .objects
        .iter()
        .filter(|o| matches!(o.body, Body::PrivateKey(_) | Body::PublicKey(_)))
        .filter_map(|o| public_key(model, o.id).map(|k| (o.id, k)))
        .take(MAX_KEYS)
        .collect();
    let holders: Vec<(ObjectId, &PublicKey)> = model
        .objects
        .iter()
        .filter(|o| matches!(o.body, Body::Certificate(_) | Body::Csr(_)) && !o.added)
        .filter_map(|o| public_key(model, o.id).map(|k| (o.id, k)))
        .collect();
    let list_all = keys.len() * holders.len() <= MAX_LISTED_PAIRS;
    let mut out = Vec::new();
    for &(key, key_public) in &keys {
        for &(certificate, cert_public) in &holders {
            let matches = key_public.same_key(cert_public);
            if matches || list_all {
                out.push(KeyMatch {
                    key,
                    certificate,
                    matches,
                });
            }
        }
    }
    out
}

pub struct KeyMatchCheck;

impl Check for KeyMatchCheck {
    fn family(&self) -> Family {
        Family::KeyMatch
    }
    fn description(&self) -> &'static str {
        "each private key against each certificate and CSR, by public key (with the OpenSSL md5 digest)"
    }
    fn run(&self, context: &Context<'_>, findings: &mut Vec<Finding>) {
        let model = context.model;
        let keys = model
            .objects
            .iter()
            .filter(|o| matches!(o.body, Body::PrivateKey(_) | Body::PublicKey(_)))
            .count();
        if keys > MAX_KEYS {
            findings.push(
                Finding::warning(Family::KeyMatch, "too_many_keys")
                    .param("keys", keys)
                    .param("max_keys", MAX_KEYS),
            );
        }
        let md5 = |id| {
            public_key(model, id)
                .map(PublicKey::pubkey_md5)
                .unwrap_or_default()
        };
        for (key, private) in model.private_keys() {
            if private.public.is_none() {
                continue;
            }
            // Named after the main leaf if it matches, else a certificate, else a CSR,
            // whatever order the inputs came in.
            let matched = context
                .key_matches
                .iter()
                .filter(|m| m.key == key && m.matches)
                .map(|m| m.certificate)
                .min_by_key(|&id| {
                    (
                        Some(id) != context.main_leaf,
                        model.certificate(id).is_none(),
                        id,
                    )
                });
            if let Some(certificate) = matched {
                findings.push(
                    Finding::info(Family::KeyMatch, "key_matches")
                        .param("cert", model.object_ref(certificate))
                        .param("md5", md5(key))
                        .objects([key, certificate]),
                );
                continue;
            }
            let Some(leaf) = context.main_leaf else {
                if let Some((csr, _)) = model.csrs().next() {
                    findings.push(mismatch(context, key, csr, &md5));
                }
                continue;
            };
            findings.push(mismatch(context, key, leaf, &md5));
        }
    }
}

fn mismatch(
    context: &Context<'_>,
    key: ObjectId,
    other: ObjectId,
    md5: &dyn Fn(ObjectId) -> String,
) -> Finding {
    let model = context.model;
    Finding::error(Family::KeyMatch, "key_mismatch")
        .param("cert", model.object_ref(other))
        .param("key_md5", md5(key))
        .param("cert_md5", md5(other))
        .objects([key, other])
}
