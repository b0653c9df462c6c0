//! Names a certificate is issued for, and the names a user asks about.
//!
//! - `host.rs`: the host name or IP address the user checks ([`Host`]) and
//!   which subjectAltName entry covers it ([`covering_entry`]).
//! - `dns_name.rs`: DNS name syntax, wildcard rules and why a wildcard entry
//!   cannot work ([`wildcard_problem`]), public suffixes ([`is_public_suffix`])
//!   from `public_suffixes.txt` (made by `scripts/update-public-suffixes.sh`).
//! - `distinguished_name.rs`: subject and issuer names as text
//!   ([`distinguished_name_text`]) and attribute by attribute.
//! - `homograph.rs`: DNS names whose Unicode form imitates another name
//!   ([`homograph`]).
//! - `ip_address.rs`: IP addresses in SANs ([`ip_from_san`]) and IP name
//!   constraints.
//! - `name_constraints.rs`: RFC 5280 name constraints of a CA against the
//!   names of a certificate below it ([`check_name_constraints`]).
//!
//! Matching follows the web PKI as browsers, rustls-webpki and Go's
//! crypto/x509 implement it; where those differ from RFC 5280 the item docs
//! say so. Everything is pure and bounded: hostile certificates give an error
//! or a violation, never a panic.

mod distinguished_name;
mod dns_name;
mod homograph;
mod host;
mod idn;
mod ip_address;
mod name_constraints;

pub use distinguished_name::{distinguished_name_attributes, distinguished_name_text};
pub use dns_name::{is_public_name, is_public_suffix, wildcard_problem, WildcardProblem};
pub use homograph::{homograph, Homograph, Script};
pub use host::{covering_entry, Covering, Host, HostError};
pub use ip_address::ip_from_san;
pub use name_constraints::{check_name_constraints, NameConstraintViolation, ViolationReason};
