//! What strict TLS clients require of a certificate on its own, whatever the path: key
//! sizes and curves, signature hashes, and the RFC 5280 / CA/B Forum encoding rules that
//! validators such as Go, rustls-webpki and pyca/cryptography enforce.

use crate::crypto::{KeyAlgorithm, KeyInfo};
use crate::finding::Reason;
use crate::model::Certificate;

/// The smallest RSA modulus browsers and the CA/B Forum accept.
pub const MIN_RSA_BITS: u32 = 2048;

/// Why clients refuse this key, if they do.
pub fn key_weakness(key: &KeyInfo) -> Option<Reason> {
    let rsa = |phrase| {
        Reason::new(phrase)
            .param("bits", i64::from(key.bits))
            .param("min_bits", i64::from(MIN_RSA_BITS))
    };
    match key.algorithm {
        KeyAlgorithm::Rsa if key.bits < MIN_RSA_BITS => Some(rsa("phrase.key_rsa_too_small")),
        KeyAlgorithm::Rsa if key.bits % 8 != 0 => Some(rsa("phrase.key_rsa_partial_byte")),
        KeyAlgorithm::Ec if !matches!(key.curve, Some("P-256" | "P-384" | "P-521")) => {
            Some(match key.curve {
                Some(curve) => Reason::new("phrase.key_curve").param("curve", curve),
                None => Reason::new("phrase.key_curve_unnamed"),
            })
        }
        KeyAlgorithm::Dsa => Some(Reason::new("phrase.key_dsa")),
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
pub fn nonconformities(cert: &Certificate, role: Role) -> Vec<Reason> {
    let mut out = Vec::new();
    let as_ca = role != Role::Leaf;
    let serial = cert.serial_bytes.as_slice();
    if role == Role::Root {
        // Serial rules are not applied to roots (Starfield's G2 root has serial 0).
    } else if serial.iter().all(|&b| b == 0) {
        out.push(Reason::new("phrase.serial_zero"));
    } else if serial.first().is_some_and(|&b| b & 0x80 != 0) {
        out.push(Reason::new("phrase.serial_negative"));
    }
    if role != Role::Root && serial.len() > 20 {
        out.push(Reason::new("phrase.serial_too_long").param("length", serial.len()));
    }
    let mut seen = std::collections::HashSet::new();
    for extension in &cert.extensions {
        if !seen.insert(extension.oid.as_str()) {
            out.push(
                Reason::new("phrase.extension_twice").param("extension", extension.oid.as_str()),
            );
        }
        if let Some((_, name)) = MUST_BE_NON_CRITICAL
            .iter()
            .find(|(oid, _)| *oid == extension.oid)
        {
            if extension.critical {
                out.push(Reason::new("phrase.extension_critical").param("extension", *name));
            }
        }
        let must_be_critical = match extension.oid.as_str() {
            POLICY_CONSTRAINTS => Some(
                Reason::new("phrase.extension_not_critical")
                    .param("extension", "policyConstraints"),
            ),
            BASIC_CONSTRAINTS if as_ca => Some(
                Reason::new("phrase.extension_not_critical").param("extension", "basicConstraints"),
            ),
            SUBJECT_ALT_NAME if cert.subject_is_empty => {
                Some(Reason::new("phrase.san_not_critical_empty_subject"))
            }
            _ => None,
        };
        if let (Some(reason), false) = (must_be_critical, extension.critical) {
            out.push(reason);
        }
        if extension.oid == NAME_CONSTRAINTS && !cert.is_ca() {
            out.push(Reason::new("phrase.name_constraints_not_ca"));
        }
    }
    if as_ca && cert.subject_is_empty {
        out.push(Reason::new("phrase.ca_empty_subject"));
    }
    if !cert.is_ca()
        && cert
            .key_usage
            .as_ref()
            .is_some_and(|ku| ku.contains(&"keyCertSign"))
    {
        out.push(Reason::new("phrase.key_cert_sign_not_ca"));
    }
    out
}
