//! Completing chains offline: when the user's files lack an issuer that no trust anchor
//! stands for, certlens looks it up in its public intermediates ([`PublicIntermediates`]) by
//! subject and key identifier, then that certificate's issuer in turn, as
//! whatsmychaincert or cfssl do online. The certificates found join the model marked as
//! added ([`crate::model::Object::added`]) and chain building proves each link by its
//! signature like any other, inside the same signature budget.

use std::collections::HashSet;

use super::MAX_DEPTH;
use crate::crypto::verify_signature;
use crate::model::{display_name, Certificate, Model};
use crate::public_intermediates::PublicIntermediates;
use crate::trust_store::TrustStore;

/// Certificates added per inspection at most: real chains need one or two.
pub const MAX_ADDED: usize = 16;

/// The positions in `pool` of the issuers the inputs name but do not hold valid at `at`
/// (nor does any anchor stand for them), with their own missing issuers in turn, by name
/// and key identifier. An issuer held only expired is looked up too: the current copy (CAs
/// reissue intermediates with the same name and key) is what the server should send.
pub fn issuers_to_add(
    model: &Model,
    store: &TrustStore,
    pool: &PublicIntermediates,
    at: i64,
) -> Vec<usize> {
    let mut held: HashSet<Vec<u8>> = model
        .certificates()
        .filter(|(_, cert)| cert.valid_at(at))
        .map(|(_, cert)| cert.subject_der.clone())
        .collect();
    // (issuer name, authority key id, depth): what still needs an issuer.
    let mut wanted: Vec<(Vec<u8>, Option<Vec<u8>>, usize)> = Vec::new();
    let mut asked: HashSet<Vec<u8>> = HashSet::new();
    for (_, cert) in model.certificates() {
        if needs_issuer(cert, &held, store) && asked.insert(cert.issuer_der.clone()) {
            wanted.push((cert.issuer_der.clone(), cert.authority_key_id.clone(), 1));
        }
    }
    let mut added = Vec::new();
    while let Some((issuer, key_id, depth)) = wanted.pop() {
        if depth > MAX_DEPTH {
            continue;
        }
        for &position in pool.with_subject(&issuer) {
            if added.len() >= MAX_ADDED || added.contains(&position) {
                continue;
            }
            let Ok(candidate) = Certificate::parse(pool.der(position)) else {
                continue;
            };
            // Key identifiers settle which of several same-named CAs signed it.
            if let (Some(wanted_id), Some(id)) = (&key_id, &candidate.subject_key_id) {
                if wanted_id != id {
                    continue;
                }
            }
            added.push(position);
            held.insert(candidate.subject_der.clone());
            if needs_issuer(&candidate, &held, store) && asked.insert(candidate.issuer_der.clone())
            {
                wanted.push((
                    candidate.issuer_der.clone(),
                    candidate.authority_key_id.clone(),
                    depth + 1,
                ));
            }
        }
    }
    added
}

/// A certificate whose issuer is neither self nor held nor a trust anchor.
fn needs_issuer(cert: &Certificate, held: &HashSet<Vec<u8>>, store: &TrustStore) -> bool {
    !cert.is_self_issued()
        && !held.contains(&cert.issuer_der)
        && store.with_subject(&cert.issuer_der).is_empty()
}

/// A cross-signed copy of a root that certlens has among its public intermediates: the same
/// name and key, issued by another root. A client without the first root accepts a chain
/// that also serves this copy, through the root that signed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CrossSign {
    /// Its position in the public intermediates.
    pub position: usize,
    pub name: String,
    /// The trust anchor that signed it.
    pub issuer: usize,
}

/// Cross-signs of a root looked at per anchor, at most: a root has one or two.
const MAX_CROSS_SIGNS: usize = 8;

/// The cross-signed copies of `anchor`'s root valid at `at`, each proved by its signature.
pub fn cross_signs(
    store: &TrustStore,
    pool: &PublicIntermediates,
    anchor: usize,
    at: i64,
) -> Vec<CrossSign> {
    let Some(root) = store.anchors.get(anchor) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for &position in pool
        .with_subject(&root.subject_der)
        .iter()
        .take(MAX_CROSS_SIGNS)
    {
        let Ok(cert) = Certificate::parse(pool.der(position)) else {
            continue;
        };
        if cert.spki_der != root.spki_der || cert.is_self_issued() || !cert.valid_at(at) {
            continue;
        }
        let signer = store
            .with_subject(&cert.issuer_der)
            .iter()
            .copied()
            .find(|&issuer| {
                verify_signature(
                    &cert.signature_algorithm,
                    cert.tbs_bytes(),
                    &cert.signature,
                    &store.anchors[issuer].spki_der,
                )
                .is_ok()
            });
        if let Some(issuer) = signer {
            out.push(CrossSign {
                position,
                name: display_name(&cert),
                issuer,
            });
        }
    }
    out
}
