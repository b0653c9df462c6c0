//! The search: from each leaf up through the candidate issuers (by subject name, proved by
//! signature), depth first, within [`MAX_DEPTH`], [`MAX_PATHS_PER_LEAF`] and the signature
//! budget [`MAX_SIGNATURE_CHECKS`]; each candidate path judged by [`validate_path`] and the
//! best one kept, with the best path to each other anchor as an alternative.

use std::collections::HashMap;

use super::{
    validate_path, Alternative, BadLink, Chain, ChainEnd, Chains, ExpiredRootCopy, Issuer,
    PathProblem, MAX_DEPTH, MAX_PATHS_PER_LEAF, MAX_SIGNATURE_CHECKS,
};
use crate::crypto::keys::MAX_RSA_BITS;
use crate::crypto::signature::{verify_signature, VerifyError};
use crate::crypto::{KeyAlgorithm, KeyInfo, PublicKey};
use crate::model::{Certificate, Model, ObjectId};
use crate::root_programs::LeafFacts;
use crate::trust_store::TrustStore;

struct Builder<'a> {
    model: &'a Model,
    store: &'a TrustStore,
    at: i64,
    /// Distinct certificates, by subject.
    by_subject: HashMap<&'a [u8], Vec<ObjectId>>,
    verified: HashMap<(ObjectId, Issuer), Result<(), VerifyError>>,
    /// The same results by the issuer's key: a cross-signed copy of a CA (same key, other
    /// issuer) needs no second check.
    by_key: HashMap<(ObjectId, &'a [u8]), Result<(), VerifyError>>,
    signature_checks: usize,
    limit_hit: bool,
    /// Candidate issuers whose name matched but whose key did not verify.
    bad_links: Vec<BadLink>,
    /// Links whose signature could not be checked at all, taken as links (see
    /// [`PathProblem::SignatureUnchecked`]).
    unchecked: HashMap<(ObjectId, Issuer), VerifyError>,
}

/// Signature checks made by one build, by certificate fingerprint, so that building again
/// over the same certificates with other ids (after completion drops the public
/// intermediates no chain used) does not check them again.
#[derive(Clone, Debug, Default)]
pub struct Verified(HashMap<([u8; 32], IssuerKey), Result<(), VerifyError>>);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IssuerKey {
    Certificate([u8; 32]),
    Anchor(usize),
}

/// Builds every chain.
pub fn build(model: &Model, store: &TrustStore, at: i64) -> Chains {
    build_reusing(model, store, at, &mut Verified::default())
}

/// Builds every chain, taking the signature checks `verified` holds as done, and adding the
/// ones this build makes to it.
pub fn build_reusing(
    model: &Model,
    store: &TrustStore,
    at: i64,
    verified: &mut Verified,
) -> Chains {
    let mut duplicates = Vec::new();
    let mut first_by_der: HashMap<&[u8], ObjectId> = HashMap::new();
    let mut distinct = Vec::new();
    for (id, cert) in model.certificates() {
        match first_by_der.get(cert.der.as_slice()) {
            Some(&first) => duplicates.push((id, first)),
            None => {
                first_by_der.insert(&cert.der, id);
                distinct.push((id, cert));
            }
        }
    }
    let mut by_subject: HashMap<&[u8], Vec<ObjectId>> = HashMap::new();
    for (id, cert) in &distinct {
        by_subject
            .entry(cert.subject_der.as_slice())
            .or_default()
            .push(*id);
    }
    let mut builder = Builder {
        model,
        store,
        at,
        by_subject,
        verified: HashMap::new(),
        by_key: HashMap::new(),
        signature_checks: 0,
        limit_hit: false,
        bad_links: Vec::new(),
        unchecked: HashMap::new(),
    };

    let by_fingerprint: HashMap<[u8; 32], ObjectId> = distinct
        .iter()
        .map(|(id, cert)| (cert.sha256_fingerprint, *id))
        .collect();
    for ((child, issuer), result) in &verified.0 {
        let issuer = match issuer {
            IssuerKey::Certificate(fingerprint) => {
                by_fingerprint.get(fingerprint).map(|&id| Issuer::Input(id))
            }
            IssuerKey::Anchor(index) => Some(Issuer::Anchor(*index)),
        };
        if let (Some(&child), Some(issuer)) = (by_fingerprint.get(child), issuer) {
            builder.verified.insert((child, issuer), result.clone());
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    builder.prefetch(&distinct);
    let chains: Vec<Chain> = leaves(model, &distinct, &duplicates)
        .into_iter()
        .map(|leaf| builder.best_chain(leaf))
        .collect();
    let on_chain: std::collections::HashSet<ObjectId> = chains
        .iter()
        .flat_map(|c| c.certs.iter().copied())
        .collect();
    let mut expired_root_copies = Vec::new();
    let mut unrelated = Vec::new();
    for &(id, cert) in distinct.iter().filter(|(id, _)| !on_chain.contains(id)) {
        match store.anchor_for(cert) {
            Some(anchor) if at > cert.not_after => expired_root_copies.push(ExpiredRootCopy {
                cert: id,
                anchor,
                cross_signed: !cert.is_self_issued(),
            }),
            _ => unrelated.push(id),
        }
    }
    let mut self_signed = std::collections::HashSet::new();
    for (id, cert) in &distinct {
        if cert.is_self_issued() && builder.verify(*id, Issuer::Input(*id)) == Some(Ok(())) {
            self_signed.insert(*id);
        }
    }
    let fingerprint = |id: ObjectId| model.certificate(id).map(|c| c.sha256_fingerprint);
    for ((child, issuer), result) in &builder.verified {
        let issuer = match *issuer {
            Issuer::Input(id) => fingerprint(id).map(IssuerKey::Certificate),
            Issuer::Anchor(index) => Some(IssuerKey::Anchor(index)),
        };
        if let (Some(child), Some(issuer)) = (fingerprint(*child), issuer) {
            verified.0.insert((child, issuer), result.clone());
        }
    }
    for (copy, first) in &duplicates {
        if self_signed.contains(first) {
            self_signed.insert(*copy);
        }
    }
    Chains {
        chains,
        duplicates,
        unrelated,
        limit_hit: builder.limit_hit,
        self_signed,
        expired_root_copies,
    }
}

/// End-entity certificates: those that issue nothing else given. A CA that issues nothing
/// counts only where it, or a copy of it, is the first certificate of an input (servers take
/// that one as theirs); elsewhere it is an unrelated extra. With no candidate at all, the
/// first certificate.
fn leaves(
    model: &Model,
    distinct: &[(ObjectId, &Certificate)],
    duplicates: &[(ObjectId, ObjectId)],
) -> Vec<ObjectId> {
    let names_as_issuer: std::collections::HashSet<&[u8]> = distinct
        .iter()
        .filter(|(_, c)| !c.is_self_issued())
        .map(|(_, c)| c.issuer_der.as_slice())
        .collect();
    let mut first_of_input: HashMap<&str, ObjectId> = HashMap::new();
    for (id, _) in model.input_certificates() {
        first_of_input
            .entry(model.objects[id].source.input.as_str())
            .or_insert(id);
    }
    // Which copy came first depends on the order of the inputs; what is first in an input
    // does not.
    let original: HashMap<ObjectId, ObjectId> = duplicates.iter().copied().collect();
    let firsts: std::collections::HashSet<ObjectId> = first_of_input
        .values()
        .map(|id| original.get(id).copied().unwrap_or(*id))
        .collect();
    let first_of_input = |id: ObjectId| firsts.contains(&id);
    // What certlens added completes chains; it never starts one.
    let added = |id: ObjectId| model.objects.get(id).is_some_and(|o| o.added);
    let mut leaves: Vec<ObjectId> = distinct
        .iter()
        .filter(|(id, cert)| {
            !added(*id)
                && !names_as_issuer.contains(cert.subject_der.as_slice())
                && (!cert.is_ca() || (first_of_input(*id) && !cert.is_self_issued()))
        })
        .map(|(id, _)| *id)
        .collect();
    if leaves.is_empty() {
        leaves.extend(distinct.first().map(|(id, _)| *id));
    }
    leaves
}

/// A partial path during the search.
struct Path {
    certs: Vec<ObjectId>,
    end: ChainEnd,
}

impl<'a> Builder<'a> {
    fn cert(&self, id: ObjectId) -> &Certificate {
        // Only certificate ids ever reach the builder.
        self.model
            .certificate(id)
            .expect("builder holds certificate ids")
    }

    fn best_chain(&mut self, leaf: ObjectId) -> Chain {
        let mut candidates = Vec::new();
        let mut path = vec![leaf];
        self.extend(&mut path, &mut candidates);
        let facts = LeafFacts::of(self.cert(leaf));
        let mut ranked: Vec<(usize, Chain)> = Vec::new();
        for candidate in candidates {
            let mut problems = validate_path(
                self.model,
                self.store,
                &candidate.certs,
                &candidate.end,
                self.at,
            );
            problems.extend(self.unchecked_links(&candidate));
            let chain = Chain {
                leaf,
                certs: candidate.certs,
                end: candidate.end,
                problems,
                bad_links: Vec::new(),
                alternatives: Vec::new(),
            };
            let refusals = match chain.end {
                ChainEnd::Anchor { anchor, .. } => {
                    self.store.browsers_refusing(anchor, &facts, self.at)
                }
                _ => 0,
            };
            ranked.push((rank(&chain, refusals), chain));
        }
        // Stable: of equal ranks, the path found first.
        ranked.sort_by_key(|(score, _)| *score);
        let mut ranked = ranked.into_iter().map(|(_, chain)| chain);
        let mut chain = ranked.next().unwrap_or(Chain {
            leaf,
            certs: vec![leaf],
            end: ChainEnd::Limit,
            problems: Vec::new(),
            bad_links: Vec::new(),
            alternatives: Vec::new(),
        });
        for other in ranked {
            let ChainEnd::Anchor { anchor, .. } = other.end else {
                continue;
            };
            let seen = chain.alternatives.iter().any(|a| a.anchor == anchor)
                || matches!(chain.end, ChainEnd::Anchor { anchor: main, .. } if main == anchor);
            if !seen {
                chain.alternatives.push(Alternative {
                    certs: other.certs,
                    anchor,
                    problems: other.problems.len(),
                });
            }
        }
        // Only the links tried from the top matter: that is where the chain broke.
        let top = chain.top();
        chain.bad_links = self
            .bad_links
            .iter()
            .filter(|b| b.child == top)
            .cloned()
            .collect();
        chain
    }

    /// The links of a candidate path whose signatures could not be checked.
    fn unchecked_links(&self, path: &Path) -> Vec<PathProblem> {
        let mut links: Vec<(ObjectId, Issuer)> = path
            .certs
            .windows(2)
            .map(|pair| (pair[0], Issuer::Input(pair[1])))
            .collect();
        if let (Some(&top), ChainEnd::Anchor { anchor, .. }) = (path.certs.last(), &path.end) {
            links.push((top, Issuer::Anchor(*anchor)));
        }
        links
            .into_iter()
            .filter_map(|(cert, issuer)| {
                let error = self.unchecked.get(&(cert, issuer))?;
                Some(PathProblem::SignatureUnchecked {
                    cert,
                    issuer,
                    reason: error.reason(),
                })
            })
            .collect()
    }

    /// Whether a link holds: a verified signature, or one certlens cannot check (recorded,
    /// and reported as [`PathProblem::SignatureUnchecked`]). `None` once the budget is spent.
    fn link(&mut self, child: ObjectId, issuer: Issuer) -> Option<Result<(), VerifyError>> {
        match self.verify(child, issuer)? {
            Err(error) if error.cannot_check() => {
                self.unchecked.insert((child, issuer), error);
                Some(Ok(()))
            }
            result => Some(result),
        }
    }

    /// Depth-first search over issuers; every way the path can end becomes a candidate.
    fn extend(&mut self, path: &mut Vec<ObjectId>, out: &mut Vec<Path>) {
        let push = |out: &mut Vec<Path>, path: &[ObjectId], end| {
            out.push(Path {
                certs: path.to_vec(),
                end,
            });
        };
        if out.len() >= MAX_PATHS_PER_LEAF {
            self.limit_hit = true;
            return;
        }
        let Some(&current) = path.last() else { return };
        let cert = self.cert(current);
        let mut found = false;
        if let Some(anchor) = self.store.anchor_for(cert) {
            push(
                out,
                path,
                ChainEnd::Anchor {
                    anchor,
                    in_input: true,
                },
            );
            // A root ends the path. A cross-signed copy of one may also lead on to the root
            // that signed it, which clients without the first root use.
            if cert.is_self_issued() {
                return;
            }
            found = true;
        }
        if path.len() > MAX_DEPTH {
            if !found {
                self.limit_hit = true;
                push(out, path, ChainEnd::Limit);
            }
            return;
        }
        let issuer_name = cert.issuer_der.clone();
        let aki = cert.authority_key_id.clone();
        let self_issued = cert.is_self_issued();

        let mut inputs: Vec<ObjectId> = self
            .by_subject
            .get(issuer_name.as_slice())
            .map(|ids| {
                ids.iter()
                    .copied()
                    .filter(|id| !path.contains(id))
                    .collect()
            })
            .unwrap_or_default();
        // Matching key identifiers first: the cheap hint that settles most lookups.
        inputs.sort_by_key(|&id| {
            self.cert(id).subject_key_id.is_none() || self.cert(id).subject_key_id != aki
        });
        for issuer in inputs {
            if out.len() >= MAX_PATHS_PER_LEAF {
                self.limit_hit = true;
                break;
            }
            match self.link(current, Issuer::Input(issuer)) {
                Some(Ok(())) => {
                    found = true;
                    path.push(issuer);
                    self.extend(path, out);
                    path.pop();
                }
                Some(Err(error)) => self.bad_links.push(BadLink {
                    child: current,
                    issuer: Issuer::Input(issuer),
                    error,
                }),
                None => break,
            }
        }
        for anchor in self.store.with_subject(&issuer_name).to_vec() {
            match self.link(current, Issuer::Anchor(anchor)) {
                Some(Ok(())) => {
                    found = true;
                    push(
                        out,
                        path,
                        ChainEnd::Anchor {
                            anchor,
                            in_input: false,
                        },
                    );
                }
                Some(Err(_)) => {}
                None => break,
            }
        }
        if self_issued && self.verify(current, Issuer::Input(current)) == Some(Ok(())) {
            found = true;
            push(out, path, ChainEnd::UntrustedRoot);
        }
        if !found {
            let looped = self
                .by_subject
                .get(issuer_name.as_slice())
                .is_some_and(|ids| ids.iter().any(|id| *id != current && path.contains(id)));
            let end = if self.limit_hit {
                ChainEnd::Limit
            } else if looped {
                ChainEnd::Loop
            } else {
                ChainEnd::MissingIssuer
            };
            push(out, path, end);
        }
    }

    /// Memoised signature check; `None` once the budget is spent.
    fn verify(&mut self, child: ObjectId, issuer: Issuer) -> Option<Result<(), VerifyError>> {
        if let Some(result) = self.verified.get(&(child, issuer)) {
            return Some(result.clone());
        }
        let key = self.issuer_key(issuer);
        if let Some(result) = key.and_then(|key| self.by_key.get(&(child, key))) {
            let result = result.clone();
            self.verified.insert((child, issuer), result.clone());
            return Some(result);
        }
        let cost = self.cost(issuer);
        if self.signature_checks + cost > MAX_SIGNATURE_CHECKS {
            self.limit_hit = true;
            return None;
        }
        self.signature_checks += cost;
        let result = check_link(self.model, self.store, child, issuer);
        self.verified.insert((child, issuer), result.clone());
        if let Some(key) = key {
            self.by_key.insert((child, key), result.clone());
        }
        Some(result)
    }

    /// The issuer's SubjectPublicKeyInfo, DER.
    fn issuer_key(&self, issuer: Issuer) -> Option<&'a [u8]> {
        match issuer {
            Issuer::Input(id) => self.model.certificate(id).map(|c| c.spki_der.as_slice()),
            Issuer::Anchor(index) => self.store.anchors.get(index).map(|a| a.spki_der.as_slice()),
        }
    }

    /// Verifies up front, on every core, each link path building can ask for (every
    /// certificate against the certificates and anchors named as its issuer), when they all
    /// fit in the budget; otherwise path building verifies on demand, in its own order.
    #[cfg(not(target_arch = "wasm32"))]
    fn prefetch(&mut self, distinct: &[(ObjectId, &Certificate)]) {
        const WORTH_THREADS: usize = 32;
        let mut pairs = Vec::new();
        let mut cost = 0;
        for &(id, cert) in distinct {
            let inputs = self
                .by_subject
                .get(cert.issuer_der.as_slice())
                .into_iter()
                .flatten();
            let inputs = inputs
                .filter(|&&i| i != id || cert.is_self_issued())
                .map(|&i| Issuer::Input(i));
            let anchors = self
                .store
                .with_subject(&cert.issuer_der)
                .iter()
                .map(|&a| Issuer::Anchor(a));
            for issuer in inputs.chain(anchors) {
                cost += self.cost(issuer);
                pairs.push((id, issuer));
            }
        }
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8);
        if pairs.len() < WORTH_THREADS
            || threads < 2
            || self.signature_checks + cost > MAX_SIGNATURE_CHECKS
        {
            return;
        }
        let (model, store) = (self.model, self.store);
        let results: Vec<_> = std::thread::scope(|scope| {
            let workers: Vec<_> = pairs
                .chunks(pairs.len().div_ceil(threads))
                .map(|chunk| {
                    scope.spawn(move || {
                        chunk
                            .iter()
                            .map(|&(child, issuer)| {
                                ((child, issuer), check_link(model, store, child, issuer))
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            // A worker that failed leaves its links to be verified on demand.
            workers
                .into_iter()
                .flat_map(|worker| worker.join().unwrap_or_default())
                .collect()
        });
        self.signature_checks += cost;
        self.verified.extend(results);
    }

    /// What one check with this issuer's key takes from the budget (see [`check_cost`]).
    fn cost(&self, issuer: Issuer) -> usize {
        match issuer {
            Issuer::Input(id) => check_cost(&self.cert(id).key_info),
            Issuer::Anchor(index) => PublicKey::from_spki_der(&self.store.anchors[index].spki_der)
                .map_or(1, |key| check_cost(&key.info)),
        }
    }
}

/// How many checks of [`MAX_SIGNATURE_CHECKS`] one verification with this key costs: about
/// its time over that of RSA-2048 or P-256 (~0.25 ms). RSA work grows with the square of the
/// modulus (16,384 bits: 64, measured ~20 ms); P-384 and P-521 are 4 and 6 times P-256.
fn check_cost(key: &KeyInfo) -> usize {
    match key.algorithm {
        KeyAlgorithm::Rsa if key.bits as usize <= MAX_RSA_BITS => {
            let bits = key.bits as usize;
            (bits * bits).div_ceil(2048 * 2048).max(1)
        }
        KeyAlgorithm::Ec => match key.curve {
            Some("P-384") => 4,
            Some("P-521") => 6,
            _ => 1,
        },
        // Bigger RSA keys are refused before any work; the rest are fast or unsupported (an
        // SM2-with-SM3 check measured about as fast as an RSA-2048 one).
        _ => 1,
    }
}

/// Does `issuer`'s key verify `child`'s signature?
fn check_link(
    model: &Model,
    store: &TrustStore,
    child: ObjectId,
    issuer: Issuer,
) -> Result<(), VerifyError> {
    let (Some(cert), Some(spki)) = (
        model.certificate(child),
        match issuer {
            Issuer::Input(id) => model.certificate(id).map(|c| c.spki_der.as_slice()),
            Issuer::Anchor(index) => store.anchors.get(index).map(|a| a.spki_der.as_slice()),
        },
    ) else {
        return Err(VerifyError::MalformedKey(String::from("not a certificate")));
    };
    verify_signature(
        &cert.signature_algorithm,
        cert.tbs_bytes(),
        &cert.signature,
        spki,
    )
}

/// Lower is better: trusted and clean first, then complete, then the root fewer browsers
/// refuse (`refusals`), then longer.
fn rank(chain: &Chain, refusals: usize) -> usize {
    let end = match chain.end {
        ChainEnd::Anchor { .. } => 0,
        ChainEnd::UntrustedRoot => 1,
        ChainEnd::MissingIssuer | ChainEnd::Loop => 2,
        ChainEnd::Limit => 3,
    };
    let problems = chain.problems.len().min(99);
    ((end * 100 + problems) * 10 + refusals.min(9)) * 100 + (99 - chain.certs.len().min(99))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chain::fixtures::{model, store, AT};

    fn chains(files: &[&str]) -> (Model, Chains) {
        let model = model(files);
        let chains = build(&model, &store(), AT);
        (model, chains)
    }

    #[test]
    fn a_full_chain_ends_at_its_trusted_root_leaf_first() {
        let (_, chains) = chains(&["fullchain.pem"]);
        assert_eq!(chains.chains.len(), 1);
        let chain = &chains.chains[0];
        assert_eq!(chain.certs, vec![0, 1, 2]);
        assert_eq!(
            chain.end,
            ChainEnd::Anchor {
                anchor: 0,
                in_input: false
            }
        );
        assert!(chain.problems.is_empty() && chain.bad_links.is_empty());
        assert!(chains.unrelated.is_empty() && !chains.limit_hit);
    }

    #[test]
    fn the_order_of_the_files_does_not_change_the_chain() {
        let (model, chains) = chains(&["int1.pem", "leaf-rsa2048.pem", "int2.pem"]);
        let chain = &chains.chains[0];
        let subjects: Vec<String> = chain
            .certs
            .iter()
            .map(|&id| model.certificate(id).unwrap().subject.clone())
            .collect();
        assert!(subjects[0].contains("www.example.com"), "{subjects:?}");
        assert!(subjects[1].contains("Intermediate 2"), "{subjects:?}");
        assert!(subjects[2].contains("Intermediate 1"), "{subjects:?}");
        assert!(chain.trusted());
    }

    #[test]
    fn a_gap_ends_the_chain_at_the_missing_issuer() {
        let (_, chains) = chains(&["missing-intermediate.pem"]);
        let chain = &chains.chains[0];
        assert_eq!(chain.end, ChainEnd::MissingIssuer);
        assert_eq!(chain.certs, vec![0]);
        assert!(!chain.complete());
        // Intermediate 1, whose child is missing, belongs to no chain.
        assert_eq!(chains.unrelated, vec![1]);
    }

    #[test]
    fn a_name_match_is_not_a_link_without_the_signature() {
        let (_, chains) = chains(&["forged-chain.pem"]);
        let chain = &chains.chains[0];
        assert_eq!(chain.end, ChainEnd::MissingIssuer, "{chain:?}");
        assert_eq!(chain.bad_links.len(), 1, "{chain:?}");
        assert_eq!(chain.bad_links[0].child, 0);
    }

    #[test]
    fn a_self_signed_certificate_nobody_trusts_is_an_untrusted_root() {
        let (_, chains) = chains(&["selfsigned.pem"]);
        let chain = &chains.chains[0];
        assert_eq!(chain.end, ChainEnd::UntrustedRoot);
        assert!(chain.complete() && !chain.trusted());
        assert!(chains.self_signed.contains(&0));
    }

    #[test]
    fn exact_copies_are_duplicates_not_new_chains() {
        let (_, chains) = chains(&["fullchain.pem", "int2.pem"]);
        assert_eq!(chains.duplicates, vec![(3, 1)]);
        assert_eq!(chains.chains.len(), 1);
    }

    #[test]
    fn signature_checks_are_reused_across_builds() {
        let model = model(&["fullchain.pem"]);
        let mut verified = Verified::default();
        let first = build_reusing(&model, &store(), AT, &mut verified);
        let checked = verified.0.len();
        assert!(checked >= 3, "{checked}");
        let again = build_reusing(&model, &store(), AT, &mut verified);
        assert_eq!(verified.0.len(), checked, "no new check");
        assert_eq!(first.chains[0].certs, again.chains[0].certs);
    }
}
