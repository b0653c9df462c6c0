//! Domain: which names the server certificate covers, by the web PKI's rules (see
//! `subject_name`): SANs only, one left-most wildcard label, no apex, IPs only as IPs.

use serde::Serialize;

use super::{Check, Context};
use crate::chain::PathProblem;
use crate::finding::{Arg, Family, Finding, Reason};
use crate::i18n::Catalogue;
use crate::model::{Model, ObjectId};
use crate::subject_name::{covering_entry, wildcard_problem, Host};

/// Whether one requested host is covered, and by which SAN entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HostCoverage {
    /// The name as the user gave it.
    pub name: String,
    pub covered: bool,
    pub matched_by: Option<String>,
    /// The certificate judged (the main leaf).
    pub certificate: Option<ObjectId>,
    /// Why the name itself is unusable, when it is, in the report's language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invalid: Option<String>,
}

/// Judges every requested host against the main leaf.
pub fn coverage(
    model: &Model,
    leaf: Option<ObjectId>,
    hosts: &[String],
    catalogue: &Catalogue,
) -> Vec<HostCoverage> {
    let cert = leaf.and_then(|id| model.certificate(id));
    hosts
        .iter()
        .map(|name| {
            let mut out = HostCoverage {
                name: name.clone(),
                covered: false,
                matched_by: None,
                certificate: leaf,
                invalid: None,
            };
            match Host::parse(name) {
                Err(error) => out.invalid = Some(error.explain(catalogue)),
                Ok(host) => {
                    if let Some(cert) = cert {
                        let dns: Vec<&str> = cert.dns_names().iter().map(String::as_str).collect();
                        if let Some(covering) = covering_entry(&host, &dns, cert.ip_addresses()) {
                            out.covered = true;
                            out.matched_by = Some(covering.entry);
                        }
                    }
                }
            }
            out
        })
        .collect()
}

pub struct DomainCheck;

impl Check for DomainCheck {
    fn family(&self) -> Family {
        Family::Domain
    }
    fn description(&self) -> &'static str {
        "each --host covered by a SAN entry (wildcards, apex, IPs, IDN), unusable wildcards, CN-only certificates, name constraints"
    }
    fn run(&self, context: &Context<'_>, findings: &mut Vec<Finding>) {
        let model = context.model;
        let leaf_cert = context
            .main_leaf
            .and_then(|id| model.certificate(id).map(|c| (id, c)));
        for host in context.hosts {
            if host.invalid.is_some() {
                // Parsed again for the reason as a phrase: `invalid` is the English text.
                if let Err(error) = Host::parse(&host.name) {
                    let (phrase, params) = error.text();
                    findings.push(
                        Finding::error(Family::Domain, "invalid_host")
                            .param("host", host.name.as_str())
                            .reason("reason", Reason { phrase, params }),
                    );
                }
                continue;
            }
            let Some((leaf, cert)) = leaf_cert else {
                continue;
            };
            if let Some(entry) = &host.matched_by {
                findings.push(
                    Finding::info(Family::Domain, "host_covered")
                        .param("host", host.name.as_str())
                        .param("entry", entry.as_str())
                        .objects([leaf]),
                );
                continue;
            }
            let dns = cert.dns_names();
            let mut finding = Finding::error(Family::Domain, "host_not_covered")
                .param("host", host.name.as_str())
                .param("cert", model.object_ref(leaf))
                .objects([leaf]);
            finding = if dns.is_empty() && cert.ip_addresses().is_empty() {
                finding.param("listed", Arg::Phrase("phrase.san_empty"))
            } else {
                let ips = cert
                    .ip_addresses()
                    .iter()
                    .map(|ip| Arg::Text(ip.to_string()));
                let names = dns.iter().cloned().map(Arg::Text).chain(ips).collect();
                finding
                    .param("listed", Arg::Phrase("phrase.san_covers"))
                    .param("names", Arg::List(names))
            };
            findings.push(hint(finding, &host.name, dns, cert.cn_only()));
        }
        // Each server certificate's own names, the main one's and every other leaf's: with
        // several leaves, what is found must not depend on which one came first.
        let mut named: Vec<ObjectId> = context.main_leaf.into_iter().collect();
        for chain in &context.chains.chains {
            let end_entity = model.certificate(chain.leaf).is_some_and(|c| !c.is_ca());
            if end_entity && !named.contains(&chain.leaf) {
                named.push(chain.leaf);
            }
        }
        for (leaf, cert) in named
            .into_iter()
            .filter_map(|id| model.certificate(id).map(|c| (id, c)))
        {
            if let (Some(cn), true) = (cert.cn_only(), !cert.is_ca()) {
                findings.push(
                    Finding::error(Family::Domain, "no_san")
                        .param("cert", model.object_ref(leaf))
                        .param("cn", cn)
                        .objects([leaf]),
                );
            }
            if let Some(cn) = cn_not_in_san(cert) {
                findings.push(
                    Finding::warning(Family::Domain, "cn_not_in_san")
                        .param("cert", model.object_ref(leaf))
                        .param("cn", cn)
                        .objects([leaf]),
                );
            }
            for entry in cert.dns_names() {
                if let Some(problem) = wildcard_problem(entry) {
                    findings.push(
                        Finding::warning(Family::Domain, "bad_wildcard")
                            .param("entry", entry.as_str())
                            .param("cert", model.object_ref(leaf))
                            .reason("problem", problem.reason())
                            .objects([leaf]),
                    );
                }
            }
        }
        for chain in &context.chains.chains {
            for problem in &chain.problems {
                if let PathProblem::NameConstraint { cert, detail, .. } = problem {
                    findings.push(
                        Finding::error(Family::Domain, "name_constraints")
                            .param("cert", model.object_ref(*cert))
                            .reason("detail", detail.clone())
                            .objects([*cert]),
                    );
                }
            }
        }
    }
}

/// Names the usual mistake behind a miss (the apex under a wildcard, a second level, CN
/// only) as the `{hint}` sentence.
fn hint(finding: Finding, host: &str, dns: &[String], cn_only: Option<&str>) -> Finding {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    if let Some(cn) = cn_only {
        if cn.eq_ignore_ascii_case(&host) {
            return finding
                .param("hint", Arg::Phrase("phrase.hint_cn_only"))
                .param("cn", cn);
        }
    }
    for entry in dns {
        let Some(base) = entry
            .to_ascii_lowercase()
            .strip_prefix("*.")
            .map(str::to_string)
        else {
            continue;
        };
        if host == base {
            return finding
                .param("hint", Arg::Phrase("phrase.hint_wildcard_apex"))
                .param("entry", entry.as_str())
                .param("base", base);
        }
        if let Some(prefix) = host.strip_suffix(&format!(".{base}")) {
            if prefix.contains('.') {
                let parent = host.split_once('.').map(|(_, p)| p).unwrap_or_default();
                return finding
                    .param("hint", Arg::Phrase("phrase.hint_wildcard_depth"))
                    .param("entry", entry.as_str())
                    .param("name", host.as_str())
                    .param("parent", parent);
            }
        }
    }
    finding.param("hint", Arg::Phrase("phrase.none"))
}

/// The CN, when it names a host that the SAN does not list verbatim. A CN that is no host
/// name at all ("Jenkins server") is left alone: it is only a label.
fn cn_not_in_san(cert: &crate::model::Certificate) -> Option<&str> {
    let san = cert.san.as_ref()?;
    let cn = cert.common_names.first()?;
    let looks_like_host = !cn.is_empty()
        && !cn.contains(char::is_whitespace)
        && (cn.contains('.') || cn.contains(':'));
    let listed = san.dns.iter().any(|d| d == cn) || san.ip.iter().any(|ip| ip.to_string() == *cn);
    (looks_like_host && !listed).then_some(cn.as_str())
}
