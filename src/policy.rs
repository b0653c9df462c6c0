//! What strict TLS clients require of a certificate on its own, whatever the path: key
//! sizes and curves, signature hashes, and the RFC 5280 / CA/B Forum encoding rules that
//! validators such as Go, rustls-webpki and pyca/cryptography enforce.

use crate::crypto::{KeyAlgorithm, KeyInfo};
use crate::model::Certificate;

/// The smallest RSA modulus browsers and the CA/B Forum accept.
pub const MIN_RSA_BITS: u32 = 2048;

/// Why clients refuse this key, if they do.
pub fn key_weakness(key: &KeyInfo) -> Option<String> {
    match key.algorithm {
        KeyAlgorithm::Rsa if key.bits < MIN_RSA_BITS => {
            Some(format!("a {}-bit RSA key; browsers and CAs require at least {MIN_RSA_BITS} bits", key.bits))
        }
        KeyAlgorithm::Rsa if key.bits % 8 != 0 => {
            Some(format!("a {}-bit RSA key; the modulus size must be a whole number of bytes", key.bits))
        }
        KeyAlgorithm::Ec if !matches!(key.curve, Some("P-256" | "P-384" | "P-521")) => Some(format!(
            "a key on the curve {}, which TLS clients do not accept for certificates (P-256 and P-384 are)",
            key.curve.unwrap_or("(unnamed)")
        )),
        KeyAlgorithm::Dsa => Some("a DSA key, which TLS clients no longer accept".into()),
        _ => None,
    }
}

const BASIC_CONSTRAINTS: &str = "2.5.29.19";
const NAME_CONSTRAINTS: &str = "2.5.29.30";
const POLICY_CONSTRAINTS: &str = "2.5.29.36";
const SUBJECT_ALT_NAME: &str = "2.5.29.17";
/// RFC 5280 4.2.1.1, 4.2.1.2 and 4.2.2.1: these MUST be non-critical.
const MUST_BE_NON_CRITICAL: &[(&str, &str)] = &[
    ("2.5.29.35", "authorityKeyIdentifier"),
    ("2.5.29.14", "subjectKeyIdentifier"),
    ("1.3.6.1.5.5.7.1.1", "authorityInfoAccess"),
];

/// The part a certificate plays in the path being judged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Leaf,
    Intermediate,
    /// A trust anchor: some roots in the Mozilla store predate the serial-number rules.
    Root,
}

/// How a certificate breaks the encoding rules strict validators enforce.
pub fn nonconformities(cert: &Certificate, role: Role) -> Vec<String> {
    let mut out = Vec::new();
    let as_ca = role != Role::Leaf;
    let serial = cert.serial_bytes.as_slice();
    if role == Role::Root {
        // Serial rules are not applied to roots (Starfield's G2 root has serial 0).
    } else if serial.iter().all(|&b| b == 0) {
        out.push(
            "its serial number is zero (RFC 5280 4.1.2.2 requires a positive number)".to_string(),
        );
    } else if serial.first().is_some_and(|&b| b & 0x80 != 0) {
        out.push(
            "its serial number is negative (RFC 5280 4.1.2.2 requires a positive number)"
                .to_string(),
        );
    }
    if role != Role::Root && serial.len() > 20 {
        out.push(format!(
            "its serial number is {} bytes long; RFC 5280 4.1.2.2 allows at most 20",
            serial.len()
        ));
    }
    let mut seen = std::collections::HashSet::new();
    for extension in &cert.extensions {
        if !seen.insert(extension.oid.as_str()) {
            out.push(format!(
                "it contains the extension {} twice (RFC 5280 4.2)",
                extension.oid
            ));
        }
        if let Some((_, name)) = MUST_BE_NON_CRITICAL
            .iter()
            .find(|(oid, _)| *oid == extension.oid)
        {
            if extension.critical {
                out.push(format!(
                    "its {name} extension is marked critical, which RFC 5280 forbids"
                ));
            }
        }
        let must_be_critical = match extension.oid.as_str() {
            POLICY_CONSTRAINTS => Some("policyConstraints"),
            BASIC_CONSTRAINTS if as_ca => Some("basicConstraints"),
            SUBJECT_ALT_NAME if cert.subject_is_empty => {
                Some("subjectAltName (the subject is empty)")
            }
            _ => None,
        };
        if let (Some(name), false) = (must_be_critical, extension.critical) {
            out.push(format!(
                "its {name} extension is not marked critical, which RFC 5280 requires"
            ));
        }
        if extension.oid == NAME_CONSTRAINTS && !cert.is_ca() {
            out.push(
                "it is not a CA but carries nameConstraints, which only CA certificates may"
                    .to_string(),
            );
        }
    }
    if as_ca && cert.subject_is_empty {
        out.push("it is a CA certificate with an empty subject".to_string());
    }
    if !cert.is_ca()
        && cert
            .key_usage
            .as_ref()
            .is_some_and(|ku| ku.contains(&"keyCertSign"))
    {
        out.push(
            "its keyUsage allows signing certificates (keyCertSign) but it is not a CA".to_string(),
        );
    }
    out
}
