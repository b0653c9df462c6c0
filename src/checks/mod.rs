//! The checks. Each family lives in its own file, implements [`Check`], and is registered
//! once in [`CHECKS`]; nothing else needs to change to add one.

mod chain;
mod deceptive_names;
pub mod domain;
pub mod expiry;
mod format;
pub mod key_match;
mod order;
mod strength;
mod trust;
mod usage;

use crate::chain::Chains;
use crate::finding::{Family, Finding};
use crate::model::{Model, ObjectId};
use crate::public_intermediates::PublicIntermediates;
use crate::root_programs::{ClientTrust, RootPrograms};
use crate::trust_store::TrustStore;
use crate::DataState;

pub use domain::HostCoverage;
pub use key_match::KeyMatch;

/// Everything a check may read. Checks never see raw bytes, the clock or the network.
pub struct Context<'a> {
    pub model: &'a Model,
    pub chains: &'a Chains,
    pub store: &'a TrustStore,
    pub key_matches: &'a [KeyMatch],
    pub hosts: &'a [HostCoverage],
    /// The leaf of the main chain (the one a given key matches, else the first).
    pub main_leaf: Option<ObjectId>,
    /// The instant validity is judged at, in Unix seconds.
    pub at: i64,
    /// Each chain's verdict per client (parallel to `chains.chains`; empty for chains that
    /// do not end at a root of the root programs).
    pub trust: &'a [Vec<ClientTrust>],
    pub data: &'a DataFacts<'a>,
}

/// The data files this inspection had.
pub struct DataFacts<'a> {
    pub root_programs: Option<&'a RootPrograms>,
    pub intermediates: Result<&'a PublicIntermediates, DataState>,
}

/// One family of checks.
pub trait Check: Sync {
    fn family(&self) -> Family;
    /// One line on what it looks for and why, for documentation.
    fn description(&self) -> &'static str;
    fn run(&self, context: &Context<'_>, findings: &mut Vec<Finding>);
}

/// Every check, in the order their findings are listed.
pub static CHECKS: &[&dyn Check] = &[
    &format::FormatCheck,
    &order::OrderCheck,
    &chain::ChainCheck,
    &trust::TrustCheck,
    &key_match::KeyMatchCheck,
    &expiry::ExpiryCheck,
    &domain::DomainCheck,
    &deceptive_names::DeceptiveNamesCheck,
    &strength::StrengthCheck,
    &usage::UsageCheck,
];

/// The public host names a leaf is for (its DNS names, else its CN, and the hosts asked
/// about): a chain for one of them is judged by public trust.
pub(crate) fn public_names(model: &Model, leaf: ObjectId, hosts: &[HostCoverage]) -> Vec<String> {
    let Some(cert) = model.certificate(leaf) else {
        return Vec::new();
    };
    let own: Vec<&String> = if cert.dns_names().is_empty() {
        cert.common_names.iter().collect()
    } else {
        cert.dns_names().iter().collect()
    };
    let mut names: Vec<String> = own
        .into_iter()
        .chain(hosts.iter().map(|h| &h.name))
        .filter(|name| crate::subject_name::is_public_name(name))
        .cloned()
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Whether findings of `family` are wanted when only the families `only` are (none: all).
pub fn selected(only: &[Family], family: Family) -> bool {
    only.is_empty() || only.contains(&family)
}

/// Runs the checks of the given families, or every check when `only` is empty.
pub fn run_all(context: &Context<'_>, only: &[Family]) -> Vec<Finding> {
    let mut findings = Vec::new();
    for check in CHECKS {
        if selected(only, check.family()) {
            check.run(context, &mut findings);
        }
    }
    findings
}
