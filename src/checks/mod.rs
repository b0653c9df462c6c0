//! The checks. Each family lives in its own file, implements [`Check`], and is registered
//! once in [`CHECKS`]; nothing else needs to change to add one.

mod chain;
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
use crate::trust_store::TrustStore;

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
    &strength::StrengthCheck,
    &usage::UsageCheck,
];

/// Runs the checks of the given families, or every check when `only` is empty.
pub fn run_all(context: &Context<'_>, only: &[Family]) -> Vec<Finding> {
    let mut findings = Vec::new();
    for check in CHECKS {
        if only.is_empty() || only.contains(&check.family()) {
            check.run(context, &mut findings);
        }
    }
    findings
}
