//! Domain: which names the server certificate covers, by the web PKI's rules (see
//! `subject_name`): SANs only, one left-most wildcard label, no apex, IPs only as IPs.

use serde::Serialize;

use super::{Check, Context};
use crate::chain::PathProblem;
use crate::finding::{Family, Finding};
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
    /// Why the name itself is unusable, when it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invalid: Option<String>,
}

/// Judges every requested host against the main leaf.
pub fn coverage(model: &Model, leaf: Option<ObjectId>, hosts: &[String]) -> Vec<HostCoverage> {
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
                Err(error) => out.invalid = Some(error.to_string()),
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
            if let Some(reason) = &host.invalid {
                findings.push(
                    Finding::error(Family::Domain, "invalid_host", format!("\"{}\" is not a host name or IP address: {reason}.", host.name))
                        .fix("Give the name exactly as users type it in the address bar, without https:// or a path."),
                );
                continue;
            }
            let Some((leaf, cert)) = leaf_cert else {
                continue;
            };
            if let Some(entry) = &host.matched_by {
                findings.push(
                    Finding::info(
                        Family::Domain,
                        "host_covered",
                        format!(
                            "{} is covered by the certificate's entry {entry}.",
                            host.name
                        ),
                    )
                    .objects([leaf]),
                );
                continue;
            }
            let dns = cert.dns_names();
            let listed = if dns.is_empty() && cert.ip_addresses().is_empty() {
                String::from("it has no names in subjectAltName")
            } else {
                let ips = cert.ip_addresses().iter().map(|ip| ip.to_string());
                format!(
                    "it covers {}",
                    dns.iter()
                        .cloned()
                        .chain(ips)
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            let hint = hint(&host.name, dns, cert.cn_only());
            findings.push(
                Finding::error(
                    Family::Domain,
                    "host_not_covered",
                    format!(
                        "{} is not covered by {}: {listed}.{hint}",
                        host.name,
                        model.describe(leaf)
                    ),
                )
                .objects([leaf])
                .fix(format!(
                    "Have the certificate reissued with {} in its subjectAltName (SAN).",
                    host.name
                )),
            );
        }
        if let Some((leaf, cert)) = leaf_cert {
            if let (Some(cn), true) = (cert.cn_only(), !cert.is_ca()) {
                findings.push(
                    Finding::error(Family::Domain, "no_san", format!(
                        "{} has no subjectAltName extension; its name {cn} is only in the subject Common Name, which browsers have ignored since 2017.",
                        model.describe(leaf)))
                        .objects([leaf])
                        .fix("Have the certificate reissued with the names in subjectAltName (every CA does this by default today)."),
                );
            }
            if let Some(cn) = cn_not_in_san(cert) {
                findings.push(
                    Finding::warning(Family::Domain, "cn_not_in_san", format!(
                        "The Common Name of {} is {cn}, but that name is not one of its subjectAltName entries; clients use only the SAN entries, so that name is not covered (CA/B Forum BR 7.1.4.3 requires the CN to repeat a SAN entry exactly; strict clients reject it).",
                        model.describe(leaf)))
                        .objects([leaf])
                        .fix(format!("Have the certificate reissued with {cn} in its subjectAltName (or a CN equal to one of the SAN entries).")),
                );
            }
            for entry in cert.dns_names() {
                if let Some(problem) = wildcard_problem(entry) {
                    findings.push(
                        Finding::warning(Family::Domain, "bad_wildcard", format!("The entry {entry} of {} covers nothing: {problem}.", model.describe(leaf)))
                            .objects([leaf])
                            .fix("List each name explicitly, or use one wildcard as the whole left-most label (*.example.com)."),
                    );
                }
            }
        }
        for chain in &context.chains.chains {
            for problem in &chain.problems {
                if let PathProblem::NameConstraint { cert, detail, .. } = problem {
                    findings.push(
                        Finding::error(Family::Domain, "name_constraints", format!(
                            "{} has a name its issuing CA may not certify: {detail}. Clients reject it.", model.describe(*cert)))
                            .objects([*cert])
                            .fix("The CA is restricted to certain names (name constraints); get this certificate from a CA allowed to issue for the name."),
                    );
                }
            }
        }
    }
}

/// Names the usual mistake behind a miss: the apex under a wildcard, a second level, CN only.
fn hint(host: &str, dns: &[String], cn_only: Option<&str>) -> String {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    if let Some(cn) = cn_only {
        if cn.eq_ignore_ascii_case(&host) {
            return format!(
                " The name {cn} appears only in the subject Common Name, which browsers ignore."
            );
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
            return format!(" A wildcard never covers the bare domain: {entry} covers www.{base} but not {base}; the certificate needs {base} as its own entry.");
        }
        if let Some(prefix) = host.strip_suffix(&format!(".{base}")) {
            if prefix.contains('.') {
                let parent = host.split_once('.').map(|(_, p)| p).unwrap_or_default();
                return format!(" A wildcard covers one level only: {entry} does not cover {host}; that needs {host} or *.{parent}.");
            }
        }
    }
    String::new()
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
