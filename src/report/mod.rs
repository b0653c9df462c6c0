//! The report: one serde-serializable value, the contract every front end renders
//! (schema `certlens.report/1`, documented in `schema/report.schema.json`).

mod text;

use serde::Serialize;

pub(crate) use text::{checked_line, write_findings, write_report, write_verdict_line, Screen};
pub use text::{render_text, TextStyle};

use crate::chain::{Chain, ChainEnd, Chains};
use crate::checks::{DataFacts, HostCoverage, KeyMatch};
use crate::crypto::KeyInfo;
use crate::finding::{Finding, Severity};
use crate::i18n::Catalogue;
use crate::input::Source;
use crate::instant::rfc3339;
use crate::model::{Body, Model, Object, ObjectId};
use crate::root_programs::ClientTrust;
use crate::trust_store::TrustStore;
use crate::DataState;

pub const SCHEMA: &str = "certlens.report/1";

#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub schema: &'static str,
    /// certlens's version.
    pub version: &'static str,
    /// The language of the texts (`en`, `zh`, `ja`).
    pub lang: String,
    pub checked_at: String,
    /// "ok" when there is no error finding, else "problems".
    pub verdict: Verdict,
    pub summary: Summary,
    pub objects: Vec<ObjectReport>,
    /// The main chain (the leaf a given key matches, else the first).
    pub chain: ChainReport,
    /// Every chain, when the inputs hold several leaves (the main one included).
    pub chains: Vec<ChainReport>,
    pub key_matches: Vec<KeyMatch>,
    pub hosts: Vec<HostCoverage>,
    pub findings: Vec<Finding>,
    /// The main chain as PEM, leaf first, root left out: what servers should be given
    /// (with any intermediate certlens added).
    pub fullchain_pem: Option<String>,
    /// The data the trust verdicts rest on, and its dates.
    pub data: DataReport,
}

/// The data files an inspection had: the root programs and the public intermediates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DataReport {
    /// Whether the root program data was there.
    pub root_programs: DataState,
    /// The date of that data (`YYYY-MM-DD`).
    pub root_programs_date: Option<String>,
    /// Each program's newest release in the data.
    pub programs: Vec<ProgramReport>,
    pub public_intermediates: DataState,
    pub public_intermediates_date: Option<String>,
    pub public_intermediates_count: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProgramReport {
    /// `mozilla`, `chrome`, `apple`, `microsoft`, `android`, `java`.
    pub id: &'static str,
    pub version: String,
    pub date: String,
    /// Where the data comes from (package==version, or repository@commit:path).
    pub source: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Ok,
    Problems,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ChainReport {
    pub leaf: Option<ObjectId>,
    pub order: Vec<ObjectId>,
    pub complete: bool,
    pub trusted: bool,
    /// Name of the trust anchor reached, if one was.
    pub anchor: Option<String>,
    /// The root program root the chain ends at, when it is one.
    pub root: Option<RootReport>,
    /// Certificates of `order` that certlens added from its public intermediates.
    pub added: Vec<ObjectId>,
    /// Each client's verdict (Chrome, Firefox, Safari, Windows, Android, Java), when the
    /// chain ends at a root of the root programs.
    pub clients: Vec<ClientTrust>,
}

/// A root of the root programs, as a chain's end.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RootReport {
    pub name: String,
    pub sha256_fingerprint: String,
    /// The CA that owns it, per CCADB; empty when unknown.
    pub owner: String,
    pub not_before: String,
    pub not_after: String,
    /// The served files hold the root (or a cross-signed copy of it).
    pub in_input: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ObjectKind {
    Certificate,
    PrivateKey,
    PublicKey,
    Csr,
    #[default]
    Unknown,
}

/// One object; fields that do not apply to its kind are left out.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ObjectReport {
    pub id: ObjectId,
    pub kind: ObjectKind,
    pub source: Source,
    /// A short name for people: the certificate's CN (else first SAN, else subject).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub serial: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signature_algorithm: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_before: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_after: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dns_names: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ip_addresses: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_ca: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub self_signed: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path_len: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_usage: Option<Vec<&'static str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extended_key_usage: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject_key_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authority_key_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ca_issuers: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<KeyInfo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sha256_fingerprint: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pubkey_md5: Option<String>,
    /// Private keys: the container format and, if encrypted, how.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_format: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encryption: Option<String>,
    /// Certificates, CSRs and public keys as clean PEM. Never set for private keys.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pem: Option<String>,
    /// For unknown objects: what was found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// A certificate certlens added from its public intermediates, from no input.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub added: bool,
}

/// Assembles the report from the analysis.
pub(crate) struct Parts<'a> {
    pub model: &'a Model,
    pub chains: &'a Chains,
    pub main_leaf: Option<ObjectId>,
    pub anchors: &'a TrustStore,
    pub key_matches: Vec<KeyMatch>,
    pub hosts: Vec<HostCoverage>,
    pub findings: Vec<Finding>,
    /// Each chain's verdicts per client, parallel to `chains.chains`.
    pub trust: Vec<Vec<ClientTrust>>,
    pub data: &'a DataFacts<'a>,
    pub at: i64,
    pub catalogue: &'a Catalogue,
}

impl Report {
    pub(crate) fn assemble(parts: Parts<'_>) -> Report {
        let Parts {
            model,
            chains,
            main_leaf,
            anchors,
            key_matches,
            hosts,
            mut findings,
            mut trust,
            data,
            at,
            catalogue,
        } = parts;
        for client in trust.iter_mut().flatten() {
            client.localise(catalogue);
        }
        for finding in &mut findings {
            catalogue.localise(finding);
        }
        dedup(&mut findings, catalogue);
        findings.sort_by_key(|f| f.severity);
        let count = |s| findings.iter().filter(|f| f.severity == s).count();
        let summary = Summary {
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
        };
        let chain_report = |(chain, clients): (&Chain, &Vec<ClientTrust>)| {
            let anchor = match chain.end {
                ChainEnd::Anchor { anchor, .. } => Some(anchor),
                _ => None,
            };
            ChainReport {
                leaf: Some(chain.leaf),
                order: chain.certs.clone(),
                complete: chain.complete(),
                trusted: trusted(chain, clients),
                anchor: anchor
                    .and_then(|a| anchors.anchors.get(a))
                    .map(|a| a.name()),
                root: anchor.and_then(|a| root_report(anchors, a, chain)),
                added: chain
                    .certs
                    .iter()
                    .copied()
                    .filter(|&id| model.objects.get(id).is_some_and(|o| o.added))
                    .collect(),
                clients: clients.clone(),
            }
        };
        let main = chains.main(main_leaf);
        let main_index = main.and_then(|m| chains.chains.iter().position(|c| c.leaf == m.leaf));
        let reports: Vec<ChainReport> =
            chains.chains.iter().zip(&trust).map(chain_report).collect();
        Report {
            schema: SCHEMA,
            version: env!("CARGO_PKG_VERSION"),
            lang: catalogue.language().to_string(),
            checked_at: rfc3339(at),
            verdict: if summary.errors == 0 {
                Verdict::Ok
            } else {
                Verdict::Problems
            },
            summary,
            objects: model
                .objects
                .iter()
                .map(|o| {
                    let self_signed = Some(chains.self_signed.contains(&o.id));
                    object_report(o, self_signed, true, catalogue)
                })
                .collect(),
            chain: main_index
                .and_then(|i| reports.get(i).cloned())
                .unwrap_or_default(),
            chains: reports,
            key_matches,
            hosts,
            findings,
            fullchain_pem: main.map(|chain| fullchain_pem(model, chain)),
            data: data_report(data),
        }
    }

    /// Records an input the front end could not read at all (a missing file, say); `reason`
    /// is the system's message.
    pub fn add_input_error(&mut self, input: &str, reason: &str, catalogue: &Catalogue) {
        let location = crate::finding::Location {
            input: input.to_string(),
            block: None,
            line: None,
        };
        let mut finding = Finding::error(crate::finding::Family::Format, "unreadable")
            .param("reason", reason)
            .at(location);
        catalogue.localise(&mut finding);
        self.findings.insert(0, finding);
        self.summary.errors += 1;
        self.verdict = Verdict::Problems;
    }

    /// True when no input held anything certlens could read (the CLI exits 2).
    pub fn nothing_readable(&self) -> bool {
        self.objects.is_empty()
    }
}

/// A chain is trusted when it ends at a given root, or at a public root no browser refuses
/// (and one at least is known to accept: before a program's data starts, its verdict may be
/// unknown).
fn trusted(chain: &Chain, clients: &[ClientTrust]) -> bool {
    match chain.end {
        ChainEnd::Anchor { .. } if clients.is_empty() => true,
        ChainEnd::Anchor { .. } => {
            let browsers = || clients.iter().filter(|c| c.client.is_browser());
            browsers().all(|c| !c.refused()) && browsers().any(|c| c.trusted)
        }
        _ => false,
    }
}

fn root_report(store: &TrustStore, anchor: usize, chain: &Chain) -> Option<RootReport> {
    let (_, root) = store.public_root(anchor)?;
    Some(RootReport {
        name: store.anchors.get(anchor)?.name(),
        sha256_fingerprint: crate::model::certificate::colon_hex(&root.sha256).to_uppercase(),
        owner: root.owner.clone(),
        not_before: rfc3339(root.not_before),
        not_after: rfc3339(root.not_after),
        in_input: matches!(chain.end, ChainEnd::Anchor { in_input: true, .. }),
    })
}

fn data_report(data: &DataFacts<'_>) -> DataReport {
    let programs = data.root_programs;
    let date = crate::root_programs::clients::date_text;
    DataReport {
        root_programs: if programs.is_some() {
            DataState::Loaded
        } else {
            DataState::Unavailable
        },
        root_programs_date: programs.map(|p| p.snapshot.clone()),
        programs: programs
            .map(|p| {
                p.programs
                    .iter()
                    .map(|program| ProgramReport {
                        id: program.id.name(),
                        version: program.newest().label.clone(),
                        date: date(program.newest().date),
                        source: program.source.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        public_intermediates: match data.intermediates {
            Ok(_) => DataState::Loaded,
            Err(state) => state,
        },
        public_intermediates_date: data.intermediates.ok().map(|p| p.snapshot.clone()),
        public_intermediates_count: data.intermediates.map_or(0, |p| p.len()),
    }
}

/// Leaf first, each issuer after it, the root left out (clients bring their own).
fn fullchain_pem(model: &Model, chain: &Chain) -> String {
    let mut ids = chain.certs.clone();
    if ids.len() > 1
        && ids
            .last()
            .and_then(|&id| model.certificate(id))
            .is_some_and(|c| c.is_self_issued())
    {
        ids.pop();
    }
    ids.iter()
        .filter_map(|&id| model.certificate(id))
        .map(|c| pem_block("CERTIFICATE", &c.der))
        .collect()
}

/// PEM as OpenSSL writes it: 64-character lines, LF endings.
pub fn pem_block(label: &str, der: &[u8]) -> String {
    let config = pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF);
    pem::encode_config(&pem::Pem::new(label, der.to_vec()), config)
}

/// Findings of one code listed in full; past this a summary stands for the rest, so that a
/// file of 20,000 copies gives a readable report.
pub const MAX_FINDINGS_PER_CODE: usize = 20;

/// Removes findings repeated by chains that share certificates, and folds long runs of one
/// code into a summary.
fn dedup(findings: &mut Vec<Finding>, catalogue: &Catalogue) {
    let mut seen = std::collections::HashSet::new();
    findings.retain(|f| seen.insert((f.code, f.message.clone(), f.objects.clone())));
    let mut per_code: std::collections::HashMap<&'static str, usize> =
        std::collections::HashMap::new();
    let mut folded: Vec<(Finding, usize)> = Vec::new();
    findings.retain(|f| {
        let count = per_code.entry(f.code).or_default();
        *count += 1;
        if *count == MAX_FINDINGS_PER_CODE + 1 {
            folded.push((f.clone(), 0));
        }
        if *count > MAX_FINDINGS_PER_CODE {
            if let Some(entry) = folded.iter_mut().find(|(first, _)| first.code == f.code) {
                entry.1 += 1;
            }
            return false;
        }
        true
    });
    for (first, more) in folded {
        let mut finding = Finding::new(first.check, first.severity, "more_findings")
            .param("more", more)
            .param("code", first.code);
        catalogue.localise(&mut finding);
        findings.push(finding);
    }
}

/// The objects as [`crate::parse`] gives them: the report's facts, without `self_signed`
/// (it takes chain building) and without `pem` (the caller has the input).
pub(crate) fn object_facts(model: &Model, catalogue: &Catalogue) -> Vec<ObjectReport> {
    model
        .objects
        .iter()
        .map(|o| object_report(o, None, false, catalogue))
        .collect()
}

/// One object; `self_signed` is left out when unknown, `pem` unless `with_pem`.
fn object_report(
    object: &Object,
    self_signed: Option<bool>,
    with_pem: bool,
    catalogue: &Catalogue,
) -> ObjectReport {
    let hex = |bytes: &[u8]| crate::model::certificate::colon_hex(bytes).to_uppercase();
    let mut out = ObjectReport {
        id: object.id,
        source: object.source.clone(),
        added: object.added,
        ..ObjectReport::default()
    };
    match &object.body {
        Body::Certificate(c) => {
            out.kind = ObjectKind::Certificate;
            out.name = Some(crate::model::display_name(c));
            out.subject = Some(c.subject.clone());
            out.issuer = Some(c.issuer.clone());
            out.serial = Some(c.serial.clone());
            out.version = Some(c.version);
            out.signature_algorithm = Some(c.signature_algorithm.name());
            out.not_before = Some(rfc3339(c.not_before));
            out.not_after = Some(rfc3339(c.not_after));
            out.dns_names = Some(c.dns_names().to_vec());
            out.ip_addresses = Some(c.ip_addresses().iter().map(|ip| ip.to_string()).collect());
            out.is_ca = Some(c.is_ca());
            out.self_signed = self_signed;
            out.path_len = c.basic_constraints.and_then(|bc| bc.path_len);
            out.key_usage = c.key_usage.clone();
            out.extended_key_usage = c.ext_key_usage.as_ref().map(|e| e.names.clone());
            out.subject_key_id = c.subject_key_id.as_deref().map(hex);
            out.authority_key_id = c.authority_key_id.as_deref().map(hex);
            out.ca_issuers = (!c.ca_issuers.is_empty()).then(|| c.ca_issuers.clone());
            out.key = Some(c.key_info.clone());
            out.sha256_fingerprint = Some(c.sha256_hex());
            out.pubkey_md5 = c.public_key.as_ref().ok().map(|k| k.pubkey_md5());
            out.pem = with_pem.then(|| pem_block("CERTIFICATE", &c.der));
        }
        Body::Csr(c) => {
            out.kind = ObjectKind::Csr;
            out.subject = Some(c.subject.clone());
            out.signature_algorithm = Some(c.signature_algorithm.name());
            let san = c.san.clone().unwrap_or_default();
            out.dns_names = Some(san.dns);
            out.ip_addresses = Some(san.ip.iter().map(|ip| ip.to_string()).collect());
            out.key = Some(c.key_info.clone());
            out.pubkey_md5 = c.public_key.as_ref().ok().map(|k| k.pubkey_md5());
            out.pem = with_pem.then(|| pem_block("CERTIFICATE REQUEST", &c.der));
        }
        Body::PrivateKey(k) => {
            out.kind = ObjectKind::PrivateKey;
            out.key = k.public.as_ref().map(|p| p.info.clone());
            out.pubkey_md5 = k.public.as_ref().map(|p| p.pubkey_md5());
            out.key_format = k.format.map(|f| match f {
                crate::crypto::PrivateKeyFormat::Pkcs8 => "pkcs8",
                crate::crypto::PrivateKeyFormat::Pkcs1Rsa => "pkcs1",
                crate::crypto::PrivateKeyFormat::Sec1Ec => "sec1",
            });
            out.encryption = k.encryption.clone();
        }
        Body::PublicKey(k) => {
            out.kind = ObjectKind::PublicKey;
            out.key = Some(k.info.clone());
            out.pubkey_md5 = Some(k.pubkey_md5());
            out.pem = with_pem.then(|| k.pem());
        }
        Body::Unknown { what } => {
            out.kind = ObjectKind::Unknown;
            out.description = Some(catalogue.render(what, &[]));
        }
    }
    out
}
