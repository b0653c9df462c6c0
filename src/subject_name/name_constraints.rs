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

use super::dns_name::{self, DnsConstraint, DnsPattern};
use super::ip_address::{self, IpConstraint};
use super::printable;

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

impl fmt::Display for NameConstraintViolation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = &self.name;
        match &self.reason {
            ViolationReason::Excluded { subtree } => {
                write!(f, "{name} falls in the subtree {subtree}, which the issuing CA excludes")
            }
            ViolationReason::NotPermitted { permitted } => write!(
                f,
                "{name} is outside the name space the issuing CA is limited to ({})",
                permitted.join(", ")
            ),
            ViolationReason::Unsupported { form } => write!(
                f,
                "{name}: the issuing CA constrains {form} names, which cannot be evaluated, so the certificate must be rejected"
            ),
            ViolationReason::Malformed => write!(
                f,
                "{name} is malformed, so it cannot be checked against the issuing CA's name constraints"
            ),
            ViolationReason::TooManyComparisons => write!(
                f,
                "checking the certificate's names (at {name}) against the issuing CA's name constraints needs more than {MAX_COMPARISONS} comparisons; refused as a likely denial-of-service certificate"
            ),
        }
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
/// is a valid DNS name, as a dNSName (the legacy-certificate rule of Go and
/// rustls-webpki). Directory names are compared RDN by RDN on their encoded
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
        permitted: constraints.permitted_subtrees.as_deref().unwrap_or_default(),
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
            format!("DirName:{} (subject)", printable(&subject.to_string()))
        })?;
    }
    for email in subject.iter_email() {
        let text = email.as_str().ok();
        let presented = text.and_then(Mailbox::parse).map_or(Presented::Malformed, Presented::Email);
        checker.check(Form::Email, &presented, || {
            format!("email:{} (subject emailAddress)", printable(text.unwrap_or("?")))
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
                format!("DNS:{} (subject CN)", printable(text))
            })?;
        }
    }
    for name in sans.into_iter().flatten() {
        checker.check(Form::of(name), &Presented::from_san(name), || show_san(name))?;
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
            format!("{form}:{}", printable(text))
        }
        GeneralName::IPAddress(octets) => match ip_address::ip_from_san(octets) {
            Some(addr) => format!("IP:{addr}"),
            None => format!("IP:{}", ip_address::hex(octets)),
        },
        GeneralName::DirectoryName(dn) => format!("DirName:{}", printable(&dn.to_string())),
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
                    if matches(&subtree.base, name, Role::Excluded) {
                        return Err(violation(ViolationReason::Excluded {
                            subtree: show_subtree(&subtree.base),
                        }));
                    }
                }
                _ if matches(&subtree.base, name, Role::Permitted) => return Ok(()),
                _ => permitted_of_form.push(show_subtree(&subtree.base)),
            }
        }
        if permitted_of_form.is_empty() {
            Ok(())
        } else {
            Err(violation(ViolationReason::NotPermitted {
                permitted: permitted_of_form,
            }))
        }
    }

    /// Charges one comparison, or one per RDN for a directory name, whose
    /// comparison walks them.
    fn spend(&mut self, base: &GeneralName) -> Result<(), ()> {
        let cost = match base {
            GeneralName::DirectoryName(dn) => 1 + dn.iter_rdn().count(),
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
fn matches(base: &GeneralName, name: &Presented, role: Role) -> bool {
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
            .map_or(excluded, |subtree| subtree.contains_all(&DnsPattern::Exact(host))),
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
    if scheme.is_empty() || !scheme.bytes().all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b)) {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
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
/// and encoded values, in the same (DER-sorted) order.
fn same_rdn(a: &RelativeDistinguishedName, b: &RelativeDistinguishedName) -> bool {
    a.iter().count() == b.iter().count()
        && a.iter().zip(b.iter()).all(|(x, y)| {
            let (xv, yv) = (x.attr_value(), y.attr_value());
            x.attr_type() == y.attr_type()
                && xv.header.tag() == yv.header.tag()
                && xv.data == yv.data
        })
}
