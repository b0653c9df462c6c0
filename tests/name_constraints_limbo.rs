//! Name constraints and host-name matching against the x509-limbo suite.
//!
//! For every case whose id contains "nc" or "nameconstraints", the path is
//! built from issuer/subject names, and key identifiers where both
//! certificates have them (leaf ← intermediates ← trusted certificate); a
//! case with more than one path is skipped. Then only names are judged: each
//! CA's nameConstraints
//! against every certificate below it
//! (`certlens::subject_name::check_name_constraints`), and the expected peer
//! name against the leaf's SAN (`covering_entry`). Signatures, validity,
//! key usage and the like are not checked, so a few cases that turn on those
//! disagree; they are listed in the output.
//!
//! The suite is read from `$LIMBO_JSON_XZ`, else from the vendored
//! `tests/x509-limbo/limbo.json.xz`; without it the test fails.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::BufReader;
use std::net::IpAddr;
use std::path::PathBuf;

use certlens::subject_name::{check_name_constraints, covering_entry, ip_from_san, Host};
use serde::Deserialize;
use x509_parser::certificate::X509Certificate;
use x509_parser::extensions::{GeneralName, ParsedExtension};
use x509_parser::prelude::FromDer;

/// Agreement floor over the judged cases, set just under what the
/// implementation reaches, so that a regression fails the test.
const MIN_AGREEMENT: f64 = 0.999;
/// Path-search steps per case; the pathological cases need a bound.
const MAX_PATH_STEPS: usize = 10_000;
const MAX_PATH_LEN: usize = 12;

#[derive(Deserialize)]
struct Suite {
    testcases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    id: String,
    description: String,
    trusted_certs: Vec<String>,
    untrusted_intermediates: Vec<String>,
    peer_certificate: String,
    expected_peer_name: Option<PeerName>,
    #[serde(default)]
    expected_peer_names: Vec<PeerName>,
    expected_result: String,
}

#[derive(Deserialize)]
struct PeerName {
    kind: String,
    value: String,
}

enum Verdict {
    Accept,
    Reject(String),
    /// More than one complete path: skipped, since only names are judged.
    Ambiguous,
}

#[derive(Default)]
struct Tally {
    cases: usize,
    agree: usize,
    expected_accept: usize,
    agree_accept: usize,
    expected_reject: usize,
    agree_reject: usize,
    ambiguous: usize,
}

impl Tally {
    fn add(&mut self, expected_accept: bool, agree: bool) {
        self.cases += 1;
        self.agree += usize::from(agree);
        if expected_accept {
            self.expected_accept += 1;
            self.agree_accept += usize::from(agree);
        } else {
            self.expected_reject += 1;
            self.agree_reject += usize::from(agree);
        }
    }

    fn line(&self) -> String {
        let pct = |n: usize, d: usize| {
            if d == 0 {
                100.0
            } else {
                100.0 * n as f64 / d as f64
            }
        };
        format!(
            "{:>5}/{:<5} agree ({:6.2}%)  accept {:>4}/{:<4} ({:6.2}%)  reject {:>5}/{:<5} ({:6.2}%)  ambiguous skipped {}",
            self.agree,
            self.cases,
            pct(self.agree, self.cases),
            self.agree_accept,
            self.expected_accept,
            pct(self.agree_accept, self.expected_accept),
            self.agree_reject,
            self.expected_reject,
            pct(self.agree_reject, self.expected_reject),
            self.ambiguous,
        )
    }
}

#[test]
fn name_constraints_limbo() {
    let path = std::env::var_os("LIMBO_JSON_XZ").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/x509-limbo/limbo.json.xz"),
        PathBuf::from,
    );
    let file = File::open(&path)
        .unwrap_or_else(|e| panic!("the suite must be present: {}: {e}", path.display()));
    let suite: Suite = serde_json::from_reader(BufReader::new(xz2::read::XzDecoder::new(file)))
        .expect("limbo.json parses");

    let mut total = Tally::default();
    let mut groups: BTreeMap<String, Tally> = BTreeMap::new();
    let mut disagreements = Vec::new();
    let mut ambiguous = Vec::new();
    for case in suite
        .testcases
        .iter()
        .filter(|c| c.id.contains("nc") || c.id.contains("nameconstraints"))
    {
        let group = case.id.rsplit_once("::").map_or("", |(g, _)| g).to_owned();
        let tally = groups.entry(group).or_default();
        let expected_accept = case.expected_result == "SUCCESS";
        let accepted = match verdict(case) {
            Verdict::Ambiguous => {
                tally.ambiguous += 1;
                total.ambiguous += 1;
                ambiguous.push(case.id.as_str());
                continue;
            }
            Verdict::Accept => None,
            Verdict::Reject(why) => Some(why),
        };
        let agree = accepted.is_none() == expected_accept;
        tally.add(expected_accept, agree);
        total.add(expected_accept, agree);
        if !agree {
            disagreements.push((case, accepted));
        }
    }

    println!("x509-limbo name cases: {}", total.line());
    for (group, tally) in &groups {
        println!("  {group:<28} {}", tally.line());
    }
    println!("skipped, more than one path: {ambiguous:?}");
    println!("disagreements ({}):", disagreements.len());
    for (case, rejected) in disagreements.iter().take(20) {
        let first_line = case.description.lines().next().unwrap_or_default();
        println!(
            "  {} (expected {}): {first_line}",
            case.id, case.expected_result
        );
        match rejected {
            Some(why) => println!("      we reject: {why}"),
            None => println!("      we accept"),
        }
    }
    let agreement = total.agree as f64 / total.cases.max(1) as f64;
    assert!(
        agreement >= MIN_AGREEMENT,
        "agreement {agreement:.4} below {MIN_AGREEMENT}"
    );
}

/// The names-only verdict for one case.
fn verdict(case: &Case) -> Verdict {
    let pems = std::iter::once(&case.peer_certificate)
        .chain(&case.untrusted_intermediates)
        .chain(&case.trusted_certs);
    let ders: Vec<Option<Vec<u8>>> = pems
        .map(|text| pem::parse(text).ok().map(|p| p.into_contents()))
        .collect();
    let certs: Vec<Option<X509Certificate>> = ders
        .iter()
        .map(|der| {
            der.as_deref()
                .and_then(|der| X509Certificate::from_der(der).ok())
                .map(|(_, cert)| cert)
        })
        .collect();
    let Some(Some(leaf)) = certs.first() else {
        return Verdict::Reject("leaf does not parse".into());
    };
    let first_trusted = certs.len() - case.trusted_certs.len();

    let chain = match unique_path(&certs, first_trusted) {
        Ok(chain) => chain,
        Err(verdict) => return verdict,
    };
    for (depth, &ca_index) in chain.iter().enumerate().skip(1) {
        let Some(ca) = certs.get(ca_index).and_then(Option::as_ref) else {
            return Verdict::Reject("path certificate vanished".into());
        };
        let constraints = match ca.name_constraints() {
            Ok(Some(ext)) => ext.value,
            Ok(None) => continue,
            Err(e) => return Verdict::Reject(format!("nameConstraints does not parse: {e}")),
        };
        if constraints.permitted_subtrees.is_none() && constraints.excluded_subtrees.is_none() {
            return Verdict::Reject("nameConstraints without subtrees".into());
        }
        for (below_depth, &below) in chain.iter().enumerate().take(depth) {
            let Some(cert) = certs.get(below).and_then(Option::as_ref) else {
                continue;
            };
            if let Err(violation) = check_name_constraints(constraints, cert, below_depth == 0) {
                return Verdict::Reject(violation.to_string());
            }
        }
    }
    match peer_name_matches(case, leaf) {
        Ok(()) => Verdict::Accept,
        Err(why) => Verdict::Reject(why),
    }
}

/// The one path, by certificate indices from the leaf (0) to a trusted
/// certificate (index ≥ `first_trusted`), linking issuer to subject names.
fn unique_path(
    certs: &[Option<X509Certificate>],
    first_trusted: usize,
) -> Result<Vec<usize>, Verdict> {
    let mut complete = Vec::new();
    let mut steps = 0;
    let mut stack = vec![vec![0usize]];
    while let Some(path) = stack.pop() {
        steps += 1;
        if steps > MAX_PATH_STEPS {
            return Err(Verdict::Reject("path search exhausted".into()));
        }
        let Some(&last) = path.last() else { continue };
        if last >= first_trusted {
            complete.push(path);
            if complete.len() > 1 {
                return Err(Verdict::Ambiguous);
            }
            continue;
        }
        let Some(Some(cert)) = certs.get(last) else {
            continue;
        };
        if path.len() >= MAX_PATH_LEN {
            continue;
        }
        for (index, candidate) in certs.iter().enumerate().skip(1) {
            let links = candidate.as_ref().is_some_and(|c| issued_by(cert, c));
            if links && !path.contains(&index) {
                let mut next = path.clone();
                next.push(index);
                stack.push(next);
            }
        }
    }
    complete
        .pop()
        .ok_or_else(|| Verdict::Reject("no path to a trusted certificate".into()))
}

/// Whether `issuer` can have issued `cert`: names link, and so do the key
/// identifiers when both are present (which tells a self-issued
/// intermediate from the root with the same name, without signatures).
fn issued_by(cert: &X509Certificate, issuer: &X509Certificate) -> bool {
    let authority_key = cert
        .extensions()
        .iter()
        .find_map(|e| match e.parsed_extension() {
            ParsedExtension::AuthorityKeyIdentifier(aki) => aki.key_identifier.as_ref(),
            _ => None,
        });
    let subject_key = issuer
        .extensions()
        .iter()
        .find_map(|e| match e.parsed_extension() {
            ParsedExtension::SubjectKeyIdentifier(ski) => Some(ski),
            _ => None,
        });
    let keys_link = match (authority_key, subject_key) {
        (Some(aki), Some(ski)) => aki.0 == ski.0,
        _ => true,
    };
    cert.issuer().as_raw() == issuer.subject().as_raw() && keys_link
}

/// Whether the leaf's SAN covers the expected peer name(s).
fn peer_name_matches(case: &Case, leaf: &X509Certificate) -> Result<(), String> {
    let names: Vec<&PeerName> = case
        .expected_peer_name
        .iter()
        .chain(&case.expected_peer_names)
        .collect();
    if names.is_empty() {
        return Ok(());
    }
    let sans = match leaf.subject_alternative_name() {
        Ok(Some(ext)) => &ext.value.general_names,
        Ok(None) => return Err("leaf has no subjectAltName".into()),
        Err(e) => return Err(format!("leaf subjectAltName does not parse: {e}")),
    };
    let dns: Vec<&str> = sans
        .iter()
        .filter_map(|n| match n {
            GeneralName::DNSName(s) => Some(*s),
            _ => None,
        })
        .collect();
    let ips: Vec<IpAddr> = sans
        .iter()
        .filter_map(|n| match n {
            GeneralName::IPAddress(octets) => ip_from_san(octets),
            _ => None,
        })
        .collect();
    for name in names {
        let covered = if name.kind == "RFC822" {
            sans.iter()
                .any(|n| matches!(n, GeneralName::RFC822Name(s) if same_mailbox(s, &name.value)))
        } else {
            let host = Host::parse(&name.value).map_err(|e| format!("peer name: {e}"))?;
            covering_entry(&host, &dns, &ips).is_some()
        };
        if !covered {
            return Err(format!(
                "{} {} not covered by the leaf",
                name.kind, name.value
            ));
        }
    }
    Ok(())
}

/// Mailboxes are equal when local parts match exactly and domains ignoring case.
fn same_mailbox(a: &str, b: &str) -> bool {
    match (a.rsplit_once('@'), b.rsplit_once('@')) {
        (Some((la, da)), Some((lb, db))) => la == lb && da.eq_ignore_ascii_case(db),
        _ => false,
    }
}
