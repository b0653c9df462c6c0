//! Building chains from what the user gave: each leaf, then its issuers, each link proved by
//! verifying the signature with the issuer's key (names alone prove nothing), up to a trust
//! anchor, a self-signed root, or the first missing issuer. Where several paths exist, the
//! one clients would accept is chosen; the rules that decide it live in [`validate_path`].
//! Issuers the user's files lack can be taken from the public intermediates ([`completion`]).

mod build;
pub mod completion;
mod validate;

pub use build::{build, build_reusing, IssuerKey, Verified};
pub use validate::validate_path;

use crate::crypto::signature::{Hash, VerifyError};
use crate::finding::Reason;
use crate::model::ObjectId;

/// The longest chain certlens builds: real chains are 2 to 4 certificates long.
pub const MAX_DEPTH: usize = 10;
/// Signature verifications allowed per inspection, so crafted bundles cannot hang it. A check
/// with a key no slower than RSA-2048 or P-256 counts once; slower keys count as many times as
/// they are slower (see `build::check_cost`), so that the budget bounds time and not just a count.
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

impl PathProblem {
    /// The finding code that reports it in a chain from `leaf`. Exhaustive: a new variant
    /// does not compile until it says which finding reports it (`tests/checks.rs` then
    /// proves, on every fixture, that the checks do).
    pub fn code(&self, leaf: ObjectId) -> &'static str {
        match self {
            PathProblem::Expired { .. } => "expired",
            PathProblem::NotYetValid { .. } => "not_yet_valid",
            PathProblem::IssuerNotCa { .. } => "issuer_not_ca",
            PathProblem::IssuerKeyUsage { .. } => "issuer_key_usage",
            PathProblem::PathLength { .. } => "path_length",
            PathProblem::EkuNotServerAuth { cert } if *cert == leaf => "no_server_auth",
            PathProblem::EkuNotServerAuth { .. } => "issuer_no_server_auth",
            PathProblem::NameConstraint { .. } => "name_constraints",
            PathProblem::UnknownCriticalExtension { .. } => "unknown_critical_extension",
            PathProblem::LeafIsCa { .. } => "leaf_is_ca",
            PathProblem::WeakKey { .. } => "weak_key",
            PathProblem::WeakSignature { .. } => "weak_signature",
            PathProblem::Nonconforming { .. } => "nonconforming",
            PathProblem::AnchorProblem { .. } => "unusable_root",
            PathProblem::SignatureUnchecked { .. } => "signature_unchecked",
        }
    }
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

/// The test fixtures (`tests/fixtures/make-fixtures.sh`) as a model and a trust store, for
/// the unit tests of the builder and the validator.
#[cfg(test)]
pub(crate) mod fixtures {
    use crate::model::{Certificate, Model};
    use crate::trust_store::TrustStore;
    use crate::Input;

    /// 2026-06-01: inside every fixture's validity but the expired and not-yet-valid ones.
    pub const AT: i64 = 1_780_272_000;

    pub fn model(files: &[&str]) -> Model {
        let inputs: Vec<Input> = files
            .iter()
            .map(|name| Input::new(*name, read(name)))
            .collect();
        Model::build(&inputs, None)
    }

    /// The fixtures' own root as the only trust anchor.
    pub fn store() -> TrustStore {
        let root = Certificate::parse(&read("root.der")).expect("root.der parses");
        TrustStore::given(vec![("root.der".into(), root)])
    }

    fn read(name: &str) -> Vec<u8> {
        let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }
}
