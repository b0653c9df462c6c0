//! Name constraints (RFC 5280 §4.2.1.10): whether the names of a certificate
//! lie inside the name space a CA above it was limited to.
//!
//! The reading is the web PKI's, as in rustls-webpki and Go's crypto/x509:
//! a DNS constraint covers the name and its subdomains (`.example.com` only
//! the subdomains); a wildcard SAN must lie wholly inside a permitted subtree
//! and must not be able to reach into an excluded one; IP constraints are
//! address/mask pairs compared within one address family; malformed
//! constraints permit nothing and exclude everything of their form; a name
//! too malformed to compare is refused when its form is constrained.

use std::fmt;
use std::net::IpAddr;

use x509_parser::certificate::X509Certificate;
use x509_parser::extensions::{GeneralName, GeneralSubtree, NameConstraints};
use x509_parser::x509::{RelativeDistinguishedName, X509Name};

use super::distinguished_name::distinguished_name_text;
use super::dns_name::{self, DnsConstraint, DnsPattern};
use super::ip_address::{self, IpConstraint};
use crate::finding::{Arg, Reason};
use crate::i18n::Catalogue;
use crate::terminal::visible;

/// Most name-to-subtree comparisons one check makes. Go and rustls-webpki
/// use the same budget; beyond it the certificate is refused instead of
/// spending quadratic time on a hostile one.
const MAX_COMPARISONS: usize = 250_000;

/// A name of a certificate that the name constraints of a CA above it reject.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameConstraintViolation {
    /// The offending name with its form, e.g. `DNS:foo.example.net`,
    /// `IP:192.0.2.1` or `DirName:CN=foo (subject)`.
    pub name: String,
    /// Why it is rejected.
    pub reason: ViolationReason,
}

/// Why a name violates name constraints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ViolationReason {
    /// The name lies in (or, for a wildcard, reaches into) an excluded subtree.
    Excluded { subtree: String },
    /// The CA permits names of this form only inside these subtrees, and the
    /// name is in none of them.
    NotPermitted { permitted: Vec<String> },
    /// The CA constrains a name form that cannot be evaluated (otherName,
    /// x400Address, ediPartyName, registeredID) and the certificate has a
    /// name of that form, so RFC 5280 requires rejecting it.
    Unsupported { form: String },
    /// The name (or the whole subjectAltName extension) is malformed, and
    /// its form is constrained, so it cannot be shown to comply.
    Malformed,
    /// Checking needs more than `MAX_COMPARISONS` comparisons: refused as a
    /// likely denial-of-service certificate.
    TooManyComparisons,
}

impl NameConstraintViolation {
    /// The explanation as a catalogue phrase.
    pub fn reason(&self) -> Reason {
        let reason = match &self.reason {
            ViolationReason::Excluded { subtree } => {
                Reason::new("phrase.name_excluded").param("subtree", subtree.as_str())
            }
            ViolationReason::NotPermitted { permitted } => Reason::new("phrase.name_not_permitted")
                .param(
                    "permitted",
                    Arg::List(permitted.iter().cloned().map(Arg::Text).collect()),
                ),
            ViolationReason::Unsupported { form } => {
                Reason::new("phrase.name_form_unsupported").param("form", form.as_str())
            }
            ViolationReason::Malformed => Reason::new("phrase.name_malformed"),
            ViolationReason::TooManyComparisons => {
                Reason::new("phrase.name_too_many_comparisons").param("max", MAX_COMPARISONS)
            }
        };
        reason.param("name", self.name.as_str())
    }
}

impl fmt::Display for NameConstraintViolation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&Catalogue::english().render_reason(&self.reason()))
    }
}

impl std::error::Error for NameConstraintViolation {}

/// Checks one certificate's names (subject DN, SAN entries) against the
/// nameConstraints of one CA above it in the path.
///
/// The caller runs this for every CA in the path that has the extension,
/// against every certificate below that CA, with `is_leaf` true only for the
/// end-entity certificate, and rejects the path on the first violation.
/// Self-issued certificates that are not the leaf are exempt (RFC 5280
/// §6.1.3 (b), so that a constrained CA can roll its key over); this function
/// returns `Ok` for them. A nameConstraints extension that does not parse,
/// or has neither subtree list, is the caller's to reject: it never reaches
/// here.
///
/// Checked names: every SAN entry; the subject DN (unless empty) as a
/// directoryName; every `emailAddress` attribute of the subject as an
/// rfc822Name; and, for a leaf without a SAN extension, every subject CN that
/// is a valid DNS name, as a dNSName (legacy certificates named their host
/// there; mozilla::pkix checks it the same way). Directory names are compared RDN by RDN on their encoded
/// values (type, string type and bytes), not with RFC 4518 folding. A URI is
/// checked by its host, against the constraint as a DNS subtree, like Go;
/// a URI without a DNS host is malformed. Constraints of an unsupported form
/// are treated as critical whether or not the extension is marked so.
pub fn check_name_constraints(
    constraints: &NameConstraints,
    cert: &X509Certificate,
    is_leaf: bool,
) -> Result<(), NameConstraintViolation> {
    if !is_leaf && cert.subject().as_raw() == cert.issuer().as_raw() {
        return Ok(());
    }
    let mut checker = Checker {
        permitted: constraints
            .permitted_subtrees
            .as_deref()
            .unwrap_or_default(),
        excluded: constraints.excluded_subtrees.as_deref().unwrap_or_default(),
        budget: MAX_COMPARISONS,
    };
    let sans = match cert.subject_alternative_name() {
        Ok(ext) => ext.map(|ext| &ext.value.general_names),
        Err(_) => {
            return Err(NameConstraintViolation {
                name: "subjectAltName extension".into(),
                reason: ViolationReason::Malformed,
            })
        }
    };

    let subject = cert.subject();
    if subject.iter_rdn().next().is_some() {
        checker.check(Form::Directory, &Presented::Directory(subject), || {
            format!(
                "DirName:{} (subject)",
                visible(&distinguished_name_text(subject)).into_owned()
            )
        })?;
    }
    for email in subject.iter_email() {
        let text = email.as_str().ok();
        let presented = text
            .and_then(Mailbox::parse)
            .map_or(Presented::Malformed, Presented::Email);
        checker.check(Form::Email, &presented, || {
            format!(
                "email:{} (subject emailAddress)",
                visible(text.unwrap_or("?")).into_owned()
            )
        })?;
    }
    if is_leaf && sans.is_none() {
        for cn in subject.iter_common_name() {
            let Some((text, pattern)) = cn
                .as_str()
                .ok()
                .and_then(|text| Some((text, DnsPattern::parse(text)?)))
            else {
                continue; // Not a host name, so not a legacy DNS name either.
            };
            checker.check(Form::Dns, &Presented::Dns(pattern), || {
                format!("DNS:{} (subject CN)", visible(text))
            })?;
        }
    }
    for name in sans.into_iter().flatten() {
        checker.check(Form::of(name), &Presented::from_san(name), || {
            show_san(name)
        })?;
    }
    Ok(())
}

/// The name forms of a GeneralName (RFC 5280 §4.2.1.6).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    Dns,
    Ip,
    Email,
    Uri,
    Directory,
    OtherName,
    X400,
    EdiParty,
    RegisteredId,
}

impl Form {
    fn of(name: &GeneralName) -> Self {
        match name {
            GeneralName::DNSName(_) => Self::Dns,
            GeneralName::IPAddress(_) => Self::Ip,
            GeneralName::RFC822Name(_) => Self::Email,
            GeneralName::URI(_) => Self::Uri,
            GeneralName::DirectoryName(_) => Self::Directory,
            GeneralName::OtherName(..) => Self::OtherName,
            GeneralName::X400Address(_) => Self::X400,
            GeneralName::EDIPartyName(_) => Self::EdiParty,
            GeneralName::RegisteredID(_) => Self::RegisteredId,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Self::Dns => "DNS",
            Self::Ip => "IP",
            Self::Email => "email",
            Self::Uri => "URI",
            Self::Directory => "DirName",
            Self::OtherName => "otherName",
            Self::X400 => "x400Address",
            Self::EdiParty => "ediPartyName",
            Self::RegisteredId => "registeredID",
        }
    }
}

/// A certificate's name, read into the shape its constraints compare.
enum Presented<'a> {
    Dns(DnsPattern<'a>),
    Ip(IpAddr),
    Email(Mailbox<'a>),
    /// The host of a URI.
    Uri(&'a str),
    Directory(&'a X509Name<'a>),
    /// A form without comparison rules.
    Opaque,
    Malformed,
}

impl<'a> Presented<'a> {
    fn from_san(name: &'a GeneralName<'a>) -> Self {
        let parsed = match name {
            GeneralName::DNSName(text) => DnsPattern::parse(text).map(Self::Dns),
            GeneralName::IPAddress(octets) => ip_address::ip_from_san(octets).map(Self::Ip),
            GeneralName::RFC822Name(text) => Mailbox::parse(text).map(Self::Email),
            GeneralName::URI(text) => uri_host(text).map(Self::Uri),
            GeneralName::DirectoryName(dn) => Some(Self::Directory(dn)),
            GeneralName::OtherName(..)
            | GeneralName::X400Address(_)
            | GeneralName::EDIPartyName(_)
            | GeneralName::RegisteredID(_) => Some(Self::Opaque),
        };
        parsed.unwrap_or(Self::Malformed)
    }
}

/// A SAN entry for people, e.g. `DNS:example.com`.
fn show_san(name: &GeneralName) -> String {
    let form = Form::of(name).label();
    match name {
        GeneralName::DNSName(text) | GeneralName::RFC822Name(text) | GeneralName::URI(text) => {
            format!("{form}:{}", visible(text))
        }
        GeneralName::IPAddress(octets) => match ip_address::ip_from_san(octets) {
            Some(addr) => format!("IP:{addr}"),
            None => format!("IP:{}", ip_address::hex(octets)),
        },
        GeneralName::DirectoryName(dn) => {
            format!("DirName:{}", visible(&distinguished_name_text(dn)))
        }
        _ => form.to_owned(),
    }
}

/// A constraint subtree for people, e.g. `DNS:example.com`, `IP:192.0.2.0/24`.
fn show_subtree(base: &GeneralName) -> String {
    match base {
        GeneralName::IPAddress(octets) => format!("IP:{}", ip_address::describe_constraint(octets)),
        _ => show_san(base),
    }
}

/// The state of one check: the CA's subtrees and the comparison budget left.
struct Checker<'c, 'a> {
    permitted: &'c [GeneralSubtree<'a>],
    excluded: &'c [GeneralSubtree<'a>],
    budget: usize,
}

impl Checker<'_, '_> {
    /// Checks one name against the subtrees of its form: excluded ones first
    /// (they win), then the permitted ones, if any of its form exist.
    fn check(
        &mut self,
        form: Form,
        name: &Presented,
        show: impl Fn() -> String,
    ) -> Result<(), NameConstraintViolation> {
        let violation = |reason| NameConstraintViolation {
            name: show(),
            reason,
        };
        let (permitted, excluded) = (self.permitted, self.excluded);
        let mut permitted_of_form = Vec::new();
        for (subtree, is_excluded) in excluded
            .iter()
            .map(|s| (s, true))
            .chain(permitted.iter().map(|s| (s, false)))
        {
            self.spend(&subtree.base)
                .map_err(|()| violation(ViolationReason::TooManyComparisons))?;
            if Form::of(&subtree.base) != form {
                continue;
            }
            match name {
                Presented::Malformed => return Err(violation(ViolationReason::Malformed)),
                Presented::Opaque => {
                    return Err(violation(ViolationReason::Unsupported {
                        form: form.label().to_owned(),
                    }))
                }
                _ if is_excluded => {
                    if subtree_matches(&subtree.base, name, Role::Excluded) {
                        return Err(violation(ViolationReason::Excluded {
                            subtree: show_subtree(&subtree.base),
                        }));
                    }
                }
                _ if subtree_matches(&subtree.base, name, Role::Permitted) => return Ok(()),
                _ => permitted_of_form.push(&subtree.base),
            }
        }
        if permitted_of_form.is_empty() {
            Ok(())
        } else {
            Err(violation(ViolationReason::NotPermitted {
                permitted: permitted_of_form.into_iter().map(show_subtree).collect(),
            }))
        }
    }

    /// Charges one comparison, or one per attribute for a directory name,
    /// whose comparison walks them.
    fn spend(&mut self, base: &GeneralName) -> Result<(), ()> {
        let cost = match base {
            GeneralName::DirectoryName(dn) => 1 + dn.iter_attributes().count(),
            _ => 1,
        };
        self.budget = self.budget.checked_sub(cost).ok_or(())?;
        Ok(())
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Permitted,
    Excluded,
}

/// Whether a subtree of the name's form matches it: for a permitted subtree,
/// everything the name can stand for must be inside; for an excluded one,
/// anything. A malformed subtree permits nothing and excludes everything.
fn subtree_matches(base: &GeneralName, name: &Presented, role: Role) -> bool {
    let excluded = role == Role::Excluded;
    match (base, name) {
        (GeneralName::DNSName(text), Presented::Dns(pattern)) => {
            DnsConstraint::parse(text).map_or(excluded, |subtree| {
                if excluded {
                    subtree.contains_any(pattern)
                } else {
                    subtree.contains_all(pattern)
                }
            })
        }
        (GeneralName::URI(text), Presented::Uri(host)) => DnsConstraint::parse(text)
            .map_or(excluded, |subtree| {
                subtree.contains_all(&DnsPattern::Exact(host))
            }),
        (GeneralName::IPAddress(octets), Presented::Ip(addr)) => {
            IpConstraint::parse(octets).map_or(excluded, |subtree| subtree.contains(addr))
        }
        (GeneralName::RFC822Name(text), Presented::Email(mailbox)) => {
            EmailConstraint::parse(text).map_or(excluded, |subtree| subtree.contains(mailbox))
        }
        (GeneralName::DirectoryName(subtree), Presented::Directory(dn)) => dn_within(dn, subtree),
        _ => false,
    }
}

/// An email address `local@domain` (RFC 5280 §4.2.1.6 rfc822Name). Quoted
/// local parts holding `@` are not supported and count as malformed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Mailbox<'a> {
    local: &'a str,
    domain: &'a str,
}

impl<'a> Mailbox<'a> {
    fn parse(text: &'a str) -> Option<Self> {
        let (local, domain) = text.split_once('@')?;
        let domain = dns_name::strip_root_dot(domain);
        let local_ok = !local.is_empty() && local.bytes().all(|b| b.is_ascii_graphic());
        (local_ok && dns_name::check_syntax(domain).is_ok()).then_some(Self { local, domain })
    }
}

/// An rfc822Name constraint: a mailbox, a host (every mailbox on exactly
/// that host) or `.domain` (mailboxes on hosts below it), RFC 5280 §4.2.1.10.
/// Every character is literal: `*@example.com` is the mailbox `*`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum EmailConstraint<'a> {
    Any,
    Mailbox(Mailbox<'a>),
    Host(&'a str),
    Subdomains(&'a str),
}

impl<'a> EmailConstraint<'a> {
    fn parse(text: &'a str) -> Option<Self> {
        if text.is_empty() {
            return Some(Self::Any);
        }
        if text.contains('@') {
            return Mailbox::parse(text).map(Self::Mailbox);
        }
        let text = dns_name::strip_root_dot(text);
        let (domain, below) = match text.strip_prefix('.') {
            Some(parent) => (parent, true),
            None => (text, false),
        };
        dns_name::check_syntax(domain).ok()?;
        Some(if below {
            Self::Subdomains(domain)
        } else {
            Self::Host(domain)
        })
    }

    /// Local parts compare exactly, domains ignoring ASCII case.
    fn contains(&self, mailbox: &Mailbox) -> bool {
        match *self {
            Self::Any => true,
            Self::Mailbox(want) => {
                want.local == mailbox.local && want.domain.eq_ignore_ascii_case(mailbox.domain)
            }
            Self::Host(host) => host.eq_ignore_ascii_case(mailbox.domain),
            Self::Subdomains(parent) => dns_name::is_below(mailbox.domain, parent),
        }
    }
}

/// The DNS host of a URI such as `https://user@host.example:8443/path`;
/// `None` when it has no authority or its host is an IP literal, which
/// URI constraints cannot match (RFC 5280 §4.2.1.10).
fn uri_host(uri: &str) -> Option<&str> {
    let (scheme, rest) = uri.split_once("://")?;
    if scheme.is_empty()
        || !scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
    {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let host = match host_port.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
        Some(_) => return None, // an IPv6 literal or garbage
        None => host_port,
    };
    match DnsPattern::parse(host) {
        Some(DnsPattern::Exact(name)) => Some(name),
        _ => None,
    }
}

/// Whether `dn` starts with the RDNs of `subtree` (RFC 5280 §4.2.1.10: the
/// subtree's name is a prefix of the certificate's).
fn dn_within(dn: &X509Name, subtree: &X509Name) -> bool {
    let mut rdns = dn.iter_rdn();
    subtree
        .iter_rdn()
        .all(|want| rdns.next().is_some_and(|rdn| same_rdn(rdn, want)))
}

/// RDNs are equal when their attributes have the same types, string types
/// and encoded values, in the same (DER-sorted) order. Stops at the first
/// difference, so the cost is bounded by the subtree's RDN.
fn same_rdn(a: &RelativeDistinguishedName, b: &RelativeDistinguishedName) -> bool {
    let (mut a, mut b) = (a.iter(), b.iter());
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y))
                if x.attr_type() == y.attr_type()
                    && x.attr_value().header.tag() == y.attr_value().header.tag()
                    && x.attr_value().data == y.attr_value().data => {}
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use x509_parser::prelude::FromDer;

    /// DER: one tag-length-value.
    fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
        let len = content.len().to_be_bytes();
        let skip = len.iter().take_while(|b| **b == 0).count();
        let mut out = vec![tag];
        match len.get(skip..) {
            None | Some([]) => out.push(0),
            Some([short]) if *short < 0x80 => out.push(*short),
            Some(long) => {
                out.push(0x80 | long.len() as u8);
                out.extend(long);
            }
        }
        out.extend(content);
        out
    }

    fn seq(parts: &[Vec<u8>]) -> Vec<u8> {
        tlv(0x30, &parts.concat())
    }

    const CN: &[u8] = &[0x55, 0x04, 0x03];
    const O: &[u8] = &[0x55, 0x04, 0x0a];
    const EMAIL_ADDRESS: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01];
    const UTF8: u8 = 0x0c;
    const PRINTABLE: u8 = 0x13;
    const IA5: u8 = 0x16;

    /// A Name of single-attribute RDNs: (type, string tag, value).
    fn name(rdns: &[(&[u8], u8, &str)]) -> Vec<u8> {
        let rdns: Vec<_> = rdns
            .iter()
            .map(|(oid, tag, value)| {
                tlv(0x31, &seq(&[tlv(0x06, oid), tlv(*tag, value.as_bytes())]))
            })
            .collect();
        seq(&rdns)
    }

    fn cn(value: &str) -> Vec<u8> {
        name(&[(CN, UTF8, value)])
    }

    // GeneralNames (RFC 5280 §4.2.1.6), for SANs and subtrees alike.
    fn dns(text: &str) -> Vec<u8> {
        tlv(0x82, text.as_bytes())
    }
    fn ip(octets: &[u8]) -> Vec<u8> {
        tlv(0x87, octets)
    }
    fn email(text: &str) -> Vec<u8> {
        tlv(0x81, text.as_bytes())
    }
    fn uri(text: &str) -> Vec<u8> {
        tlv(0x86, text.as_bytes())
    }
    fn dir(name: Vec<u8>) -> Vec<u8> {
        tlv(0xa4, &name)
    }
    fn other_name() -> Vec<u8> {
        let oid = tlv(
            0x06,
            &[0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x14, 0x02, 0x03],
        );
        tlv(0xa0, &[oid, tlv(0xa0, &tlv(UTF8, b"x"))].concat())
    }
    fn registered_id() -> Vec<u8> {
        tlv(0x88, &[0x2b, 0x06, 0x01])
    }

    fn v6(text: &str) -> Vec<u8> {
        let addr: std::net::Ipv6Addr = text.parse().expect("literal");
        addr.octets().to_vec()
    }

    /// A minimal certificate (unsigned: only its names matter here).
    fn cert_der(subject: &[u8], issuer: &[u8], san: Option<Vec<u8>>) -> Vec<u8> {
        let alg = seq(&[tlv(0x06, &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02])]);
        let ec = tlv(0x06, &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01]);
        let p256 = tlv(0x06, &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07]);
        let mut tbs = vec![
            tlv(0xa0, &tlv(0x02, &[2])),
            tlv(0x02, &[1]),
            alg.clone(),
            issuer.to_vec(),
            seq(&[tlv(0x17, b"250101000000Z"), tlv(0x17, b"350101000000Z")]),
            subject.to_vec(),
            seq(&[seq(&[ec, p256]), tlv(0x03, &[0, 4, 1, 2])]),
        ];
        if let Some(value) = san {
            let ext = seq(&[tlv(0x06, &[0x55, 0x1d, 0x11]), tlv(0x04, &value)]);
            tbs.push(tlv(0xa3, &seq(&[ext])));
        }
        seq(&[seq(&tbs), alg, tlv(0x03, &[0])])
    }

    /// One table row: a CA's subtrees and the certificate below it.
    struct Row {
        permitted: Vec<Vec<u8>>,
        excluded: Vec<Vec<u8>>,
        subject: Vec<u8>,
        issuer: Vec<u8>,
        /// The raw SAN extension value; `None` (no extension) when `row` gets
        /// no SANs.
        san: Option<Vec<u8>>,
        leaf: bool,
    }

    fn row(permitted: &[Vec<u8>], excluded: &[Vec<u8>], sans: &[Vec<u8>]) -> Row {
        Row {
            permitted: permitted.to_vec(),
            excluded: excluded.to_vec(),
            subject: cn("leaf"),
            issuer: cn("ca"),
            san: (!sans.is_empty()).then(|| seq(sans)),
            leaf: true,
        }
    }

    impl Row {
        fn subject(self, subject: Vec<u8>) -> Self {
            Row { subject, ..self }
        }

        fn not_leaf(self) -> Self {
            Row {
                leaf: false,
                ..self
            }
        }

        fn check(&self) -> Result<(), NameConstraintViolation> {
            let subtrees = |tag, list: &[Vec<u8>]| {
                let wrapped: Vec<_> = list
                    .iter()
                    .map(|base| seq(std::slice::from_ref(base)))
                    .collect();
                if list.is_empty() {
                    Vec::new()
                } else {
                    tlv(tag, &wrapped.concat())
                }
            };
            let nc_der = seq(&[
                subtrees(0xa0, &self.permitted),
                subtrees(0xa1, &self.excluded),
            ]);
            let (_, constraints) = NameConstraints::from_der(&nc_der).expect("constraints");
            let der = cert_der(&self.subject, &self.issuer, self.san.clone());
            let (_, cert) = X509Certificate::from_der(&der).expect("certificate");
            check_name_constraints(&constraints, &cert, self.leaf)
        }

        /// The outcome in a word or two, for tables.
        fn outcome(&self) -> &'static str {
            match self.check() {
                Ok(()) => "ok",
                Err(violation) => {
                    assert!(violation.to_string().len() > violation.name.len());
                    match violation.reason {
                        ViolationReason::Excluded { .. } => "excluded",
                        ViolationReason::NotPermitted { .. } => "not permitted",
                        ViolationReason::Unsupported { .. } => "unsupported",
                        ViolationReason::Malformed => "malformed",
                        ViolationReason::TooManyComparisons => "too many",
                    }
                }
            }
        }
    }

    fn assert_table(rows: Vec<(&str, Row, &str)>) {
        for (what, row, want) in rows {
            assert_eq!(row.outcome(), want, "{what}");
        }
    }

    #[test]
    fn explanations() {
        let text = |row: Row| row.check().err().map(|v| v.to_string()).unwrap_or_default();
        assert_eq!(
            text(row(&[dns("example.com")], &[], &[dns("foo.example.net")])),
            "DNS:foo.example.net is outside the name space the issuing CA is limited to (DNS:example.com)"
        );
        assert_eq!(
            text(row(
                &[],
                &[ip(&[192, 0, 2, 0, 255, 255, 255, 0])],
                &[ip(&[192, 0, 2, 7])]
            )),
            "IP:192.0.2.7 falls in the subtree IP:192.0.2.0/24, which the issuing CA excludes"
        );
        assert_eq!(
            text(row(&[], &[dns("example.com")], &[dns("a.example.com\x1b[2J")])),
            "DNS:a.example.com\\x1b[2J is malformed, so it cannot be checked against the issuing CA's name constraints"
        );
    }

    // Tables stay one row per line.
    #[rustfmt::skip]
    #[test]
    fn dns_names() {
        let ex = || dns("example.com");
        assert_table(vec![
            ("apex", row(&[ex()], &[], &[dns("example.com")]), "ok"),
            ("subdomain", row(&[ex()], &[], &[dns("a.b.EXAMPLE.com.")]), "ok"),
            ("label boundary", row(&[ex()], &[], &[dns("badexample.com")]), "not permitted"),
            ("leading dot: not the apex", row(&[dns(".example.com")], &[], &[dns("example.com")]), "not permitted"),
            ("leading dot: subdomain", row(&[dns(".example.com")], &[], &[dns("a.example.com")]), "ok"),
            ("empty constraint permits all", row(&[dns("")], &[], &[dns("x.example")]), "ok"),
            ("other form unrestricted", row(&[ex()], &[], &[ip(&[192, 0, 2, 1])]), "ok"),
            ("every name must fit", row(&[ex(), dns("example.org")], &[], &[dns("a.example.org"), dns("example.net")]), "not permitted"),
            ("excluded wins", row(&[ex()], &[dns("a.example.com")], &[dns("x.a.example.com")]), "excluded"),
            ("excluded elsewhere", row(&[], &[dns("a.example.com")], &[dns("b.example.com")]), "ok"),
            ("wildcard inside", row(&[ex()], &[], &[dns("*.example.com")]), "ok"),
            ("wildcard wider than subtree", row(&[dns("foo.example.com")], &[], &[dns("*.example.com")]), "not permitted"),
            ("wildcard reaches excluded", row(&[], &[dns("a.example.com")], &[dns("*.example.com")]), "excluded"),
            ("wildcard cannot reach", row(&[], &[dns("a.b.example.com")], &[dns("*.example.com")]), "ok"),
            ("malformed permitted", row(&[dns("*.example.com")], &[], &[dns("foo.example.com")]), "not permitted"),
            ("malformed excluded", row(&[], &[dns("*.example.com")], &[dns("foo.example.org")]), "excluded"),
            ("malformed SAN", row(&[ex()], &[], &[dns(".example.com")]), "malformed"),
            ("partial wildcard SAN", row(&[], &[ex()], &[dns("w*.example.org")]), "malformed"),
            ("malformed SAN, form unconstrained", row(&[ip(&[0; 8])], &[], &[dns(".x")]), "ok"),
        ]);
    }

    #[rustfmt::skip]
    #[test]
    fn legacy_common_name() {
        let ex = || dns("example.com");
        assert_table(vec![
            ("CN checked without SAN", row(&[ex()], &[], &[]).subject(cn("foo.example.net")), "not permitted"),
            ("CN inside", row(&[ex()], &[], &[]).subject(cn("www.example.com")), "ok"),
            ("CN ignored with SAN", row(&[ex()], &[], &[dns("a.example.com")]).subject(cn("foo.example.net")), "ok"),
            ("CN not a host name", row(&[ex()], &[], &[]).subject(cn("Example Leaf")), "ok"),
            ("CN only for the leaf", row(&[ex()], &[], &[]).subject(cn("ca.example.net")).not_leaf(), "ok"),
        ]);
    }

    #[rustfmt::skip]
    #[test]
    fn ip_addresses() {
        let net24 = || ip(&[192, 0, 2, 0, 255, 255, 255, 0]);
        let net6 = || ip(&[v6("2001:db8::"), v6("ffff:ffff::")].concat());
        assert_table(vec![
            ("inside", row(&[net24()], &[], &[ip(&[192, 0, 2, 1])]), "ok"),
            ("outside", row(&[net24()], &[], &[ip(&[192, 0, 3, 1])]), "not permitted"),
            ("IPv6 under IPv4-only permits", row(&[net24()], &[], &[ip(&v6("2001:db8::1"))]), "not permitted"),
            ("excluded", row(&[], &[net24()], &[ip(&[192, 0, 2, 9])]), "excluded"),
            ("mapped IPv6 is another family", row(&[], &[net24()], &[ip(&v6("::ffff:192.0.2.9"))]), "ok"),
            ("IPv6 inside", row(&[net6()], &[], &[ip(&v6("2001:db8::1"))]), "ok"),
            ("IPv6 outside", row(&[net6()], &[], &[ip(&v6("2001:db9::1"))]), "not permitted"),
            ("non-contiguous mask", row(&[ip(&[192, 0, 2, 0, 255, 0, 255, 0])], &[], &[ip(&[192, 0, 2, 1])]), "not permitted"),
            ("mask missing, excluded", row(&[], &[ip(&[127, 0, 0, 1])], &[ip(&[192, 0, 2, 1])]), "excluded"),
            ("SAN with a range", row(&[net24()], &[], &[ip(&[192, 0, 2, 0, 255, 255, 255, 0])]), "malformed"),
            ("DNS SAN spelling an address", row(&[net24()], &[], &[dns("192.0.3.1.example")]), "ok"),
        ]);
    }

    #[rustfmt::skip]
    #[test]
    fn email_addresses() {
        let host = || email("example.com");
        let subject_email = name(&[(CN, UTF8, "x"), (EMAIL_ADDRESS, IA5, "foo@example.org")]);
        assert_table(vec![
            ("host", row(&[host()], &[], &[email("foo@EXAMPLE.com")]), "ok"),
            ("host is exact", row(&[host()], &[], &[email("foo@sub.example.com")]), "not permitted"),
            ("subdomains", row(&[email(".example.com")], &[], &[email("foo@sub.example.com")]), "ok"),
            ("subdomains only", row(&[email(".example.com")], &[], &[email("foo@example.com")]), "not permitted"),
            ("mailbox", row(&[email("foo@example.com")], &[], &[email("foo@Example.COM")]), "ok"),
            ("mailbox local part is exact", row(&[email("foo@example.com")], &[], &[email("Foo@example.com")]), "not permitted"),
            ("literal asterisk", row(&[email("*@example.com")], &[], &[email("*@example.com")]), "ok"),
            ("asterisk is no wildcard", row(&[email("*@example.com")], &[], &[email("user@example.com")]), "not permitted"),
            ("malformed constraint", row(&[email("a@b@example.com")], &[], &[email("foo@example.com")]), "not permitted"),
            ("malformed SAN", row(&[host()], &[], &[email("a@b@example.com")]), "malformed"),
            ("excluded", row(&[], &[host()], &[email("bar@example.com")]), "excluded"),
            ("subject emailAddress", row(&[host()], &[], &[dns("x.example")]).subject(subject_email), "not permitted"),
        ]);
    }

    #[rustfmt::skip]
    #[test]
    fn uris() {
        let ex = || uri("example.com");
        assert_table(vec![
            ("host and subdomains, like Go", row(&[ex()], &[], &[uri("https://u@www.example.com:8443/p?q#f")]), "ok"),
            ("other host", row(&[ex()], &[], &[uri("https://example.org/")]), "not permitted"),
            ("leading dot", row(&[uri(".example.com")], &[], &[uri("https://example.com/")]), "not permitted"),
            ("IP host", row(&[ex()], &[], &[uri("https://192.0.2.1/")]), "malformed"),
            ("IPv6 host", row(&[ex()], &[], &[uri("https://[::1]/")]), "malformed"),
            ("no authority", row(&[ex()], &[], &[uri("urn:isbn:0451450523")]), "malformed"),
            ("excluded", row(&[], &[ex()], &[uri("http://example.com")]), "excluded"),
        ]);
    }

    #[rustfmt::skip]
    #[test]
    fn directory_names() {
        let org = |o: &str| name(&[(O, UTF8, o), (CN, UTF8, "leaf")]);
        let example_org = || dir(name(&[(O, UTF8, "Example")]));
        assert_table(vec![
            ("prefix", row(&[example_org()], &[], &[]).subject(org("Example")), "ok"),
            ("other prefix", row(&[example_org()], &[], &[]).subject(org("Other")), "not permitted"),
            ("excluded subject", row(&[], &[dir(cn("foo"))], &[]).subject(cn("foo")), "excluded"),
            ("excluded SAN", row(&[], &[dir(cn("foo"))], &[dir(cn("foo"))]).subject(cn("bar")), "excluded"),
            ("SAN fits, subject not", row(&[dir(cn("foo"))], &[], &[dir(cn("foo"))]).subject(cn("not-foo")), "not permitted"),
            ("string types differ", row(&[dir(name(&[(CN, PRINTABLE, "foo")]))], &[], &[]).subject(cn("foo")), "not permitted"),
            ("empty subject skipped", row(&[dir(cn("foo"))], &[], &[dns("a.example")]).subject(seq(&[])), "ok"),
            ("empty subtree permits all", row(&[dir(seq(&[]))], &[], &[]).subject(cn("any")), "ok"),
        ]);
    }

    #[rustfmt::skip]
    #[test]
    fn unsupported_forms() {
        assert_table(vec![
            ("otherName present", row(&[], &[other_name()], &[dns("example.com"), other_name()]), "unsupported"),
            ("otherName absent", row(&[], &[other_name()], &[dns("example.com")]), "ok"),
            ("registeredID present", row(&[registered_id()], &[], &[registered_id()]), "unsupported"),
        ]);
    }

    #[rustfmt::skip]
    #[test]
    fn paths_and_hostile_input() {
        let ex = || dns("example.com");
        let self_issued = || row(&[ex()], &[], &[dns("not-example.com")]).subject(cn("ca"));
        let garbage_san = Row { san: Some(vec![0x30, 0x03, 0x82, 0x01, 0xff]), ..row(&[ex()], &[], &[]) };
        // Each of 500 SANs matches only the last of 601 subtrees.
        let subtrees: Vec<_> = (0..600).map(|i| dns(&format!("p{i}.example"))).chain([dns("example")]).collect();
        let sans: Vec<_> = (0..500).map(|i| dns(&format!("s{i}.example"))).collect();
        assert_table(vec![
            ("self-issued intermediate exempt", self_issued().not_leaf(), "ok"),
            ("self-issued leaf checked", self_issued(), "not permitted"),
            ("unparseable SAN extension", garbage_san, "malformed"),
            ("quadratic blow-up refused", row(&subtrees, &[], &sans), "too many"),
            ("just under the budget", row(&subtrees, &[], &sans[..400]), "ok"),
        ]);
    }
}
