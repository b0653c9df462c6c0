//! certlens: finds every certificate, key and CSR in what a user pastes or drops, and checks
//! them offline the way TLS clients will: format, chain order and completeness, trust, key
//! match, expiry, host names, strength and usage; and audits the TLS servers of nginx and
//! Apache configurations ([`server_config`]).
//!
//! Data flows one way: [`input`] decodes bytes into blocks, [`model`] parses them into
//! objects, [`chain`] builds and validates chains, [`checks`] turn all that into findings,
//! and [`report`] is what every front end renders. The core does no I/O and never reads the
//! clock: the caller passes the inputs, the trusted roots and the instant to check at.
//!
//! ```
//! let pem = std::fs::read("tests/fixtures/fullchain.pem").unwrap();
//! let options = certlens::Options { at: 1_780_272_000, ..Default::default() };
//! let report = certlens::inspect(&[certlens::Input::new("fullchain.pem", pem)], &options);
//! assert_eq!(report.chain.order.len(), 3);
//! ```
#![forbid(unsafe_code)]

pub mod chain;
pub mod checks;
pub mod convert;
pub mod crypto;
pub mod finding;
pub mod i18n;
pub mod input;
pub mod instant;
pub mod model;
pub mod policy;
pub mod public_intermediates;
pub mod report;
pub mod root_programs;
pub mod server_config;
pub mod snippets;
pub mod subject_name;
pub mod terminal;
pub mod tlv;
pub mod trust_store;
/// The JavaScript API of the browser build (wasm-bindgen).
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use finding::{Family, Finding, Severity};
pub use i18n::Catalogue;
pub use input::Input;
pub use report::{render_text, Report, TextStyle};

use std::sync::Arc;

use sha2::Digest;

use checks::Context;
use model::{Body, Model};
use public_intermediates::PublicIntermediates;
use root_programs::RootPrograms;
use trust_store::TrustStore;

/// Where one of certlens's data files comes from for an inspection.
#[derive(Clone, Debug, Default)]
pub enum Data<T> {
    /// The data compiled into this build (feature `bundled-data`, as in the CLI); without
    /// that feature, none.
    #[default]
    Bundled,
    Given(Arc<T>),
    /// Still being downloaded (the browser): the report says so.
    Loading,
    /// Could not be loaded: the report says so.
    Unavailable,
}

impl<T> Data<T> {
    fn resolve(&self, bundled: impl FnOnce() -> Option<Arc<T>>) -> Result<Arc<T>, DataState> {
        match self {
            Data::Given(data) => Ok(Arc::clone(data)),
            Data::Bundled => bundled().ok_or(DataState::Unavailable),
            Data::Loading => Err(DataState::Loading),
            Data::Unavailable => Err(DataState::Unavailable),
        }
    }
}

/// Whether a data file was there for an inspection.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DataState {
    Loaded,
    Loading,
    Unavailable,
}

/// What to check against.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Host names or IP addresses the server certificate must cover.
    pub hosts: Vec<String>,
    /// The instant to judge validity at, in Unix seconds (the caller's "now" by default).
    pub at: i64,
    /// Opens encrypted private keys.
    pub password: Option<Vec<u8>>,
    /// Root certificates to trust instead of the root programs' roots; empty means public
    /// roots.
    pub trust: Vec<Input>,
    /// The root programs and their history, which public trust is judged by.
    pub root_programs: Data<RootPrograms>,
    /// The public intermediates missing issuers are taken from.
    pub intermediates: Data<PublicIntermediates>,
    /// The check families to run; empty runs every check.
    pub checks: Vec<Family>,
    /// The language findings are written in.
    pub catalogue: Catalogue,
}

/// Inspects the inputs. Never panics and never fails: problems become findings.
pub fn inspect(inputs: &[Input], options: &Options) -> Report {
    // Certificates cannot express instants outside years 0000-9999; neither can RFC 3339.
    let options = &Options {
        at: instant::clamp(options.at),
        ..options.clone()
    };
    let mut model = Model::build(inputs, options.password.as_deref());
    let root_programs = options.root_programs.resolve(bundled_root_programs);
    let (store, trust_findings) = trust_store(options, root_programs.as_ref().ok());
    let intermediates = options.intermediates.resolve(bundled_intermediates);
    let chains = match &intermediates {
        Ok(pool) => complete_and_build(&mut model, &store, pool, options.at),
        Err(_) => chain::build(&model, &store, options.at),
    };
    let key_matches = checks::key_match::compare_all(&model);
    let trust = judge_chains(
        &store,
        &model,
        &chains,
        intermediates.as_deref().ok(),
        options.at,
    );
    let data = checks::DataFacts {
        root_programs: root_programs.as_deref().ok(),
        intermediates: intermediates.as_deref().map_err(|state| *state),
    };

    // The main leaf: the one a given key belongs to, else the first chain of a real server
    // certificate, else the first chain.
    let key_holders: std::collections::HashSet<usize> = key_matches
        .iter()
        .filter(|m| m.matches && is_private_key(&model, m.key))
        .map(|m| m.certificate)
        .collect();
    let matched_leaf = chains
        .chains
        .iter()
        .map(|c| c.leaf)
        .find(|leaf| key_holders.contains(leaf));
    // Else a real server certificate before a CA that only stands first in some input: the
    // first one that covers every --host (the one the user means, whatever the order of the
    // files), else the first one.
    let end_entities: Vec<usize> = chains
        .chains
        .iter()
        .map(|c| c.leaf)
        .filter(|&leaf| model.certificate(leaf).is_some_and(|c| !c.is_ca()))
        .collect();
    let covers_hosts = |leaf: usize| {
        checks::domain::coverage(&model, Some(leaf), &options.hosts, &options.catalogue)
            .iter()
            .all(|host| host.covered)
    };
    let covering = end_entities
        .iter()
        .copied()
        .find(|&leaf| !options.hosts.is_empty() && covers_hosts(leaf));
    let end_entity = covering.or(end_entities.first().copied());
    let main_leaf = chains.main(matched_leaf.or(end_entity)).map(|c| c.leaf);
    let hosts = checks::domain::coverage(&model, main_leaf, &options.hosts, &options.catalogue);

    let context = Context {
        model: &model,
        chains: &chains,
        store: &store,
        key_matches: &key_matches,
        hosts: &hosts,
        main_leaf,
        at: options.at,
        trust: &trust,
        data: &data,
    };
    // Every finding passes the same filter, those made before the checks run too.
    let mut findings: Vec<Finding> = trust_findings
        .into_iter()
        .filter(|f| checks::selected(&options.checks, f.check))
        .collect();
    findings.extend(checks::run_all(&context, &options.checks));
    Report::assemble(report::Parts {
        model: &model,
        chains: &chains,
        main_leaf,
        anchors: &store,
        key_matches,
        hosts,
        findings,
        trust,
        data: &data,
        at: options.at,
        catalogue: &options.catalogue,
    })
}

/// Each chain's verdict per client, with the cross-signs (from the public intermediates) that
/// would make more clients accept it, looked up once per root.
fn judge_chains(
    store: &TrustStore,
    model: &Model,
    chains: &chain::Chains,
    pool: Option<&PublicIntermediates>,
    at: i64,
) -> Vec<Vec<root_programs::ClientTrust>> {
    let mut crosses: std::collections::HashMap<
        usize,
        Vec<(chain::completion::CrossSign, [u8; 32])>,
    > = std::collections::HashMap::new();
    chains
        .chains
        .iter()
        .map(|chain| {
            let crosses = match (chain.end.clone(), pool) {
                (chain::ChainEnd::Anchor { anchor, .. }, Some(pool)) => {
                    crosses.entry(anchor).or_insert_with(|| {
                        chain::completion::cross_signs(store, pool, anchor, at)
                            .into_iter()
                            .map(|cross| {
                                let fingerprint = sha2::Sha256::digest(pool.der(cross.position));
                                (cross, fingerprint.into())
                            })
                            .collect()
                    })
                }
                _ => &mut Vec::new(),
            };
            root_programs::clients::judge_chain(store, model, chain, crosses, at)
        })
        .collect()
}

/// Adds the public intermediates the inputs lack ([`chain::completion`]) and builds the
/// chains. Any added certificate no chain ended up using is taken out again, so the report
/// lists only what completes a chain.
fn complete_and_build(
    model: &mut Model,
    store: &TrustStore,
    pool: &PublicIntermediates,
    at: i64,
) -> chain::Chains {
    let wanted = chain::completion::issuers_to_add(model, store, pool, at);
    if wanted.is_empty() {
        return chain::build(model, store, at);
    }
    let first_added = model.objects.len();
    model.add_public_intermediates(wanted.iter().map(|&p| pool.der(p)));
    let mut verified = chain::Verified::default();
    let chains = chain::build_reusing(model, store, at, &mut verified);
    let used: std::collections::HashSet<usize> = chains
        .chains
        .iter()
        .flat_map(|c| c.certs.iter().copied())
        .collect();
    let keep: Vec<usize> = (first_added..model.objects.len())
        .filter(|id| used.contains(id))
        .collect();
    if keep.len() == model.objects.len() - first_added {
        return chains;
    }
    let ders: Vec<Vec<u8>> = keep
        .iter()
        .filter_map(|&id| model.certificate(id).map(|c| c.der.clone()))
        .collect();
    model.objects.truncate(first_added);
    model.add_public_intermediates(ders.iter().map(Vec::as_slice));
    chain::build_reusing(model, store, at, &mut verified)
}

#[cfg(feature = "bundled-data")]
fn bundled_root_programs() -> Option<Arc<RootPrograms>> {
    RootPrograms::bundled().ok()
}
#[cfg(not(feature = "bundled-data"))]
fn bundled_root_programs() -> Option<Arc<RootPrograms>> {
    None
}
#[cfg(feature = "bundled-data")]
fn bundled_intermediates() -> Option<Arc<PublicIntermediates>> {
    PublicIntermediates::bundled().ok()
}
#[cfg(not(feature = "bundled-data"))]
fn bundled_intermediates() -> Option<Arc<PublicIntermediates>> {
    None
}

/// Reads the inputs and returns what was found in them, as the report's `objects` (same ids,
/// same facts) but without any check: no chain building (so no `self_signed`), no trust, key
/// match or findings, and no `pem`. For showing fields fast. Unusable objects are described
/// in the catalogue's language.
pub fn parse(inputs: &[Input], catalogue: &Catalogue) -> Vec<report::ObjectReport> {
    report::object_facts(&Model::build(inputs, None), catalogue)
}

/// Verifies one link: does `issuer`'s public key verify `child`'s signature? Each input's
/// first certificate (PEM or DER) is used. The error says why not, in the catalogue's
/// language.
pub fn verify_link(child: &Input, issuer: &Input, catalogue: &Catalogue) -> Result<(), String> {
    let child_model = Model::build(std::slice::from_ref(child), None);
    let issuer_model = Model::build(std::slice::from_ref(issuer), None);
    let missing = |phrase| catalogue.render(phrase, &[]);
    let child = first_certificate(&child_model).ok_or_else(|| missing("phrase.no_child"))?;
    let issuer = first_certificate(&issuer_model).ok_or_else(|| missing("phrase.no_issuer"))?;
    crypto::verify_signature(
        &child.signature_algorithm,
        child.tbs_bytes(),
        &child.signature,
        &issuer.spki_der,
    )
    .map_err(|e| {
        let reason = e.reason();
        catalogue.render(reason.phrase, &reason.params)
    })
}

fn first_certificate(model: &Model) -> Option<&model::Certificate> {
    model.certificates().next().map(|(_, cert)| cert)
}

fn is_private_key(model: &Model, id: usize) -> bool {
    matches!(
        model.objects.get(id).map(|o| &o.body),
        Some(Body::PrivateKey(_))
    )
}

/// The root programs' roots (none when their data is missing), or exactly the certificates
/// in `options.trust`.
fn trust_store(
    options: &Options,
    programs: Option<&Arc<RootPrograms>>,
) -> (TrustStore, Vec<Finding>) {
    if options.trust.is_empty() {
        let store =
            programs.map_or_else(TrustStore::default, |p| TrustStore::public(Arc::clone(p)));
        return (store, Vec::new());
    }
    let model = Model::build(&options.trust, None);
    let mut findings = Vec::new();
    let roots: Vec<_> = model
        .certificates()
        .map(|(id, cert)| (model.objects[id].source.input.clone(), cert.clone()))
        .collect();
    for input in &options.trust {
        if !roots.iter().any(|(name, _)| *name == input.name) {
            findings.push(
                Finding::error(Family::Trust, "trust_unreadable")
                    .param("input", input.name.as_str()),
            );
        }
    }
    (TrustStore::given(roots), findings)
}
