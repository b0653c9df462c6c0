//! Building chains from what the user gave: each leaf, then its issuers, each link proved by
//! verifying the signature with the issuer's key (names alone prove nothing), up to a trust
//! anchor, a self-signed root, or the first missing issuer. Where several paths exist, the
//! one clients would accept is chosen; the rules that decide it live in [`validate_path`].
//! Issuers the user's files lack can be taken from the public intermediates ([`completion`]).

pub mod completion;

use std::collections::HashMap;

use crate::crypto::keys::MAX_RSA_BITS;
use crate::crypto::signature::{verify_signature, Hash, VerifyError};
use crate::crypto::{KeyAlgorithm, KeyInfo, PublicKey};
use crate::finding::{Arg, Reason};
use crate::model::{Certificate, Model, ObjectId};
use crate::policy;
use crate::root_programs::LeafFacts;
use crate::subject_name;
use crate::trust_store::TrustStore;

/// The longest chain certlens builds: real chains are 2 to 4 certificates long.
pub const MAX_DEPTH: usize = 10;
/// Signature verifications allowed per inspection, so crafted bundles cannot hang it. A check
/// with a key no slower than RSA-2048 or P-256 counts once; slower keys count as many times as
/// they are slower (see [`check_cost`]), so that the budget bounds time and not just a count.
pub const MAX_SIGNATURE_CHECKS: usize = 16_000;
/// Candidate paths tried per leaf.
pub const MAX_PATHS_PER_LEAF: usize = 256;

/// One step above a certificate: another input certificate, or a trust anchor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Issuer {
    Input(ObjectId),
    Anchor(usize),
}

/// How a chain ends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChainEnd {
    /// At a trust anchor: the last input certificate is the anchor, or is issued by it.
    Anchor { anchor: usize, in_input: bool },
    /// At a self-signed certificate in the input that no trust anchor vouches for.
    UntrustedRoot,
    /// The issuer of the last certificate is not among the inputs.
    MissingIssuer,
    /// The only issuers given are already below in the path (A signs B signs A).
    Loop,
    /// The search stopped at a limit before finding an end.
    Limit,
}

/// Why a path would be rejected by clients.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathProblem {
    Expired {
        cert: ObjectId,
    },
    NotYetValid {
        cert: ObjectId,
    },
    /// An issuing certificate without basicConstraints CA:TRUE.
    IssuerNotCa {
        cert: ObjectId,
    },
    /// An issuing certificate whose keyUsage lacks keyCertSign.
    IssuerKeyUsage {
        cert: ObjectId,
    },
    /// More intermediates below a CA than its pathLenConstraint allows.
    PathLength {
        ca: ObjectId,
        limit: u32,
        below: usize,
    },
    /// A CA in the path restricts extendedKeyUsage and serverAuth is not among them.
    EkuNotServerAuth {
        cert: ObjectId,
    },
    /// A name below a CA breaks that CA's (or the anchor's) name constraints.
    NameConstraint {
        constrained_by: Issuer,
        cert: ObjectId,
        detail: Reason,
    },
    /// A critical extension clients cannot process.
    UnknownCriticalExtension {
        cert: ObjectId,
        extension: String,
    },
    /// The leaf is itself a CA certificate.
    LeafIsCa {
        cert: ObjectId,
    },
    /// A key clients refuse (see [`policy::key_weakness`]).
    WeakKey {
        cert: ObjectId,
        reason: Reason,
    },
    /// Signed with MD5 or SHA-1.
    WeakSignature {
        cert: ObjectId,
        hash: Hash,
    },
    /// Breaks an encoding rule strict validators enforce (see [`policy::nonconformities`]).
    Nonconforming {
        cert: ObjectId,
        reason: Reason,
    },
    /// The trusted root the path ends at is itself unusable (expired, not a CA, ...).
    AnchorProblem {
        anchor: usize,
        reason: Reason,
    },
    /// A signature certlens cannot check (an algorithm it does not implement, e.g. Ed448):
    /// the link is taken on trust, and said so.
    SignatureUnchecked {
        cert: ObjectId,
        issuer: Issuer,
        reason: Reason,
    },
}

/// A candidate issuer whose name matches but whose key did not sign the certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadLink {
    pub child: ObjectId,
    pub issuer: Issuer,
    pub error: VerifyError,
}

/// A chain: input certificates leaf first, how it ends, and what is wrong with it.
#[derive(Clone, Debug)]
pub struct Chain {
    pub leaf: ObjectId,
    pub certs: Vec<ObjectId>,
    pub end: ChainEnd,
    pub problems: Vec<PathProblem>,
    pub bad_links: Vec<BadLink>,
    /// Other paths from the same leaf to other trust anchors (through a served cross-sign,
    /// say), the best one per anchor: a client that refuses this chain's root may still
    /// accept one of them.
    pub alternatives: Vec<Alternative>,
}

/// Another path a client could build from the same leaf.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alternative {
    pub certs: Vec<ObjectId>,
    pub anchor: usize,
    /// How many problems [`validate_path`] finds on it.
    pub problems: usize,
}

impl Chain {
    /// No link is missing: it ends at a root (given or trusted) or at a trust anchor.
    pub fn complete(&self) -> bool {
        matches!(self.end, ChainEnd::Anchor { .. } | ChainEnd::UntrustedRoot)
    }
    pub fn trusted(&self) -> bool {
        matches!(self.end, ChainEnd::Anchor { .. })
    }
    /// The last input certificate.
    pub fn top(&self) -> ObjectId {
        self.certs.last().copied().unwrap_or(self.leaf)
    }
}

/// Every chain in the inputs, and the certificates that belong to none.
#[derive(Clone, Debug, Default)]
pub struct Chains {
    pub chains: Vec<Chain>,
    /// Exact copies: (copy, first occurrence).
    pub duplicates: Vec<(ObjectId, ObjectId)>,
    /// Certificates on no chain.
    pub unrelated: Vec<ObjectId>,
    /// True when [`MAX_SIGNATURE_CHECKS`] or the path limit cut the search short.
    pub limit_hit: bool,
    /// Certificates whose own key verifies their signature (copies included).
    pub self_signed: std::collections::HashSet<ObjectId>,
    /// Served copies of known roots (the root itself, or a cross-signed copy) that have
    /// expired and are on no chain: clients that follow the served chain fail on them.
    pub expired_root_copies: Vec<ExpiredRootCopy>,
}

/// An expired copy of a trust anchor among the inputs (see [`Chains::expired_root_copies`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExpiredRootCopy {
    pub cert: ObjectId,
    pub anchor: usize,
    /// Issued by another root (a cross-sign), not self-signed.
    pub cross_signed: bool,
}

impl Chains {
    /// The chain of the main leaf: the one `preferred` names, else the first.
    pub fn main(&self, preferred: Option<ObjectId>) -> Option<&Chain> {
        preferred
            .and_then(|leaf| self.chains.iter().find(|c| c.leaf == leaf))
            .or_else(|| self.chains.first())
    }
}

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

/// What clients would object to in this path: validity, CA flags, key usage, path length,
/// EKU and name constraints. The leaf's own names against `--host` are the domain check's.
pub fn validate_path(
    model: &Model,
    store: &TrustStore,
    path: &[ObjectId],
    end: &ChainEnd,
    at: i64,
) -> Vec<PathProblem> {
    let mut problems = Vec::new();
    let certs: Vec<&Certificate> = path
        .iter()
        .filter_map(|&id| model.certificate(id))
        .collect();
    for (position, (&id, cert)) in path.iter().zip(&certs).enumerate() {
        let is_root = position + 1 == path.len()
            && matches!(
                end,
                ChainEnd::UntrustedRoot | ChainEnd::Anchor { in_input: true, .. }
            );
        if at < cert.not_before {
            problems.push(PathProblem::NotYetValid { cert: id });
        } else if at > cert.not_after {
            problems.push(PathProblem::Expired { cert: id });
        }
        for extension in &cert.unknown_critical_extensions {
            problems.push(PathProblem::UnknownCriticalExtension {
                cert: id,
                extension: extension.clone(),
            });
        }
        if let Some(reason) = policy::key_weakness(&cert.key_info) {
            problems.push(PathProblem::WeakKey { cert: id, reason });
        }
        // A root's own signature is never checked by clients; only issued certificates' are.
        if !(is_root && cert.is_self_issued()) {
            if let Some(hash) = cert.signature_algorithm.weak_hash() {
                problems.push(PathProblem::WeakSignature { cert: id, hash });
            }
        }
        let role = match position {
            0 => policy::Role::Leaf,
            _ if is_root => policy::Role::Root,
            _ => policy::Role::Intermediate,
        };
        for reason in policy::nonconformities(cert, role) {
            problems.push(PathProblem::Nonconforming { cert: id, reason });
        }
        if position == 0 {
            if cert.is_ca() && path.len() > 1 {
                problems.push(PathProblem::LeafIsCa { cert: id });
            }
            if !cert.eku_allows_server_auth() {
                problems.push(PathProblem::EkuNotServerAuth { cert: id });
            }
            continue;
        }
        if !cert.is_ca() {
            problems.push(PathProblem::IssuerNotCa { cert: id });
        }
        if !cert.key_usage_allows_cert_sign() {
            problems.push(PathProblem::IssuerKeyUsage { cert: id });
        }
        if let Some(eku) = &cert.ext_key_usage {
            if !eku.server_auth && !eku.any && !is_root {
                problems.push(PathProblem::EkuNotServerAuth { cert: id });
            }
        }
        if let Some(limit) = cert.basic_constraints.and_then(|bc| bc.path_len) {
            // Intermediates between this CA and the leaf, not counting self-issued ones.
            let below = certs[1..position]
                .iter()
                .filter(|c| !c.is_self_issued())
                .count();
            if below > limit as usize {
                problems.push(PathProblem::PathLength {
                    ca: id,
                    limit,
                    below,
                });
            }
        }
        if cert.has_name_constraints {
            name_constraints(
                Issuer::Input(id),
                cert,
                &certs[..position],
                path,
                &mut problems,
            );
        }
    }
    if let ChainEnd::Anchor {
        anchor,
        in_input: false,
    } = end
    {
        if let Some(root) = store
            .anchors
            .get(*anchor)
            .and_then(|a| a.certificate.as_deref())
        {
            for reason in anchor_problems(root, at) {
                problems.push(PathProblem::AnchorProblem {
                    anchor: *anchor,
                    reason,
                });
            }
            if root.has_name_constraints {
                name_constraints(Issuer::Anchor(*anchor), root, &certs, path, &mut problems);
            }
        }
    }
    problems
}

/// Applies one CA's name constraints to every certificate below it.
fn name_constraints(
    by: Issuer,
    ca: &Certificate,
    below: &[&Certificate],
    ids: &[ObjectId],
    problems: &mut Vec<PathProblem>,
) {
    let Some(parsed_ca) = ca.parsed() else { return };
    let constraint_problem = |phrase| PathProblem::NameConstraint {
        constrained_by: by,
        cert: ids[0],
        detail: Reason::new(phrase),
    };
    // An unreadable or empty constraint must not be read as "no constraint": fail closed.
    let constraints = match parsed_ca.name_constraints() {
        Ok(Some(constraints)) => constraints.value,
        Ok(None) => return,
        Err(_) => return problems.push(constraint_problem("phrase.name_constraints_malformed")),
    };
    let empty = |trees: &Option<Vec<_>>| trees.as_ref().is_none_or(Vec::is_empty);
    if empty(&constraints.permitted_subtrees) && empty(&constraints.excluded_subtrees) {
        return problems.push(constraint_problem("phrase.name_constraints_empty"));
    }
    for (index, cert) in below.iter().enumerate() {
        let is_leaf = index == 0;
        // RFC 5280 6.1.4 (b): self-issued intermediates are not checked against constraints.
        if !is_leaf && cert.is_self_issued() {
            continue;
        }
        let Some(parsed) = cert.parsed() else {
            continue;
        };
        if let Err(violation) = subject_name::check_name_constraints(constraints, &parsed, is_leaf)
        {
            problems.push(PathProblem::NameConstraint {
                constrained_by: by,
                cert: ids[index],
                detail: violation.reason(),
            });
        }
    }
}

/// What makes a given root certificate unusable as a trust anchor. Roots from the Mozilla
/// store are vetted already and carry no certificate here.
fn anchor_problems(root: &Certificate, at: i64) -> Vec<Reason> {
    let mut out = Vec::new();
    if !root.valid_at(at) {
        out.push(
            Reason::new("phrase.root_validity")
                .param("not_before", Arg::Time(root.not_before))
                .param("not_after", Arg::Time(root.not_after)),
        );
    }
    if !root.is_ca() {
        out.push(Reason::new("phrase.root_not_ca"));
    }
    if !root.key_usage_allows_cert_sign() {
        out.push(Reason::new("phrase.root_key_usage"));
    }
    if root
        .ext_key_usage
        .as_ref()
        .is_some_and(|eku| !eku.server_auth)
    {
        out.push(Reason::new("phrase.root_no_server_auth"));
    }
    for extension in &root.unknown_critical_extensions {
        out.push(
            Reason::new("phrase.root_critical_extension").param("extension", extension.as_str()),
        );
    }
    if let Some(weakness) = policy::key_weakness(&root.key_info) {
        let mut reason =
            Reason::new("phrase.root_weak_key").param("weakness", Arg::Phrase(weakness.phrase));
        reason.params.extend(weakness.params);
        out.push(reason);
    }
    out.extend(policy::nonconformities(root, policy::Role::Root));
    out
}
