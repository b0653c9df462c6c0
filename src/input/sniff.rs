//! Telling what a DER blob is from its shape alone, whatever its PEM label claims.

use super::der::{self, Tlv};
use crate::crypto::PrivateKeyFormat;

/// What a DER blob holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Content {
    Certificate,
    Csr,
    Crl,
    PrivateKey(PrivateKeyFormat),
    EncryptedPrivateKey,
    PublicKey,
    RsaPublicKey,
    Pkcs7,
    Pkcs12,
    DsaPrivateKey,
    Unknown,
}

impl Content {
    /// How a user would name it: a `content.<kind>` key of the text catalogues.
    pub fn phrase(self) -> &'static str {
        match self {
            Content::Certificate => "content.certificate",
            Content::Csr => "content.csr",
            Content::Crl => "content.crl",
            Content::PrivateKey(PrivateKeyFormat::Pkcs8) => "content.private_key_pkcs8",
            Content::PrivateKey(PrivateKeyFormat::Pkcs1Rsa) => "content.private_key_pkcs1",
            Content::PrivateKey(PrivateKeyFormat::Sec1Ec) => "content.private_key_sec1",
            Content::EncryptedPrivateKey => "content.encrypted_private_key",
            Content::PublicKey => "content.public_key",
            Content::RsaPublicKey => "content.rsa_public_key",
            Content::Pkcs7 => "content.pkcs7",
            Content::Pkcs12 => "content.pkcs12",
            Content::DsaPrivateKey => "content.dsa_private_key",
            Content::Unknown => "content.unknown",
        }
    }

    /// The content a PEM label announces, when the label is one users meet.
    pub fn from_label(label: &str) -> Option<Content> {
        Some(match label {
            "CERTIFICATE" | "X509 CERTIFICATE" | "X.509 CERTIFICATE" | "TRUSTED CERTIFICATE" => {
                Content::Certificate
            }
            "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => Content::Csr,
            "X509 CRL" => Content::Crl,
            "PRIVATE KEY" => Content::PrivateKey(PrivateKeyFormat::Pkcs8),
            "RSA PRIVATE KEY" => Content::PrivateKey(PrivateKeyFormat::Pkcs1Rsa),
            // OpenSSL 3 labels SEC1 keys on the SM2 curve "SM2 PRIVATE KEY".
            "EC PRIVATE KEY" | "SM2 PRIVATE KEY" => Content::PrivateKey(PrivateKeyFormat::Sec1Ec),
            "ENCRYPTED PRIVATE KEY" => Content::EncryptedPrivateKey,
            "PUBLIC KEY" => Content::PublicKey,
            "RSA PUBLIC KEY" => Content::RsaPublicKey,
            "PKCS7" | "PKCS #7 SIGNED DATA" | "CMS" => Content::Pkcs7,
            "PKCS12" => Content::Pkcs12,
            "DSA PRIVATE KEY" => Content::DsaPrivateKey,
            _ => return None,
        })
    }
}

const OID_SIGNED_DATA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];

/// Identifies `data` (one complete DER element) by its structure.
pub fn sniff(data: &[u8]) -> Content {
    let Ok((outer, _)) = der::read_tlv(data) else {
        return Content::Unknown;
    };
    if outer.tag != der::SEQUENCE {
        return Content::Unknown;
    }
    let Some(items) = der::children(outer.value, 12) else {
        return Content::Unknown;
    };
    let tags: Vec<u8> = items.iter().map(|t| t.tag).collect();
    match tags.as_slice() {
        [der::SEQUENCE, der::SEQUENCE, der::BIT_STRING] => signed_structure(&items[0]),
        [der::OID, der::CONTEXT_0] if items[0].value == OID_SIGNED_DATA => Content::Pkcs7,
        [der::INTEGER, der::SEQUENCE, der::OCTET_STRING, ..] if small_int(&items[0]) <= Some(1) => {
            Content::PrivateKey(PrivateKeyFormat::Pkcs8)
        }
        [der::INTEGER, der::SEQUENCE, der::SEQUENCE] | [der::INTEGER, der::SEQUENCE]
            if small_int(&items[0]) == Some(3) =>
        {
            Content::Pkcs12
        }
        [der::SEQUENCE, der::OCTET_STRING] => Content::EncryptedPrivateKey,
        [der::SEQUENCE, der::BIT_STRING] => Content::PublicKey,
        [der::INTEGER, der::OCTET_STRING, ..] if small_int(&items[0]) == Some(1) => {
            Content::PrivateKey(PrivateKeyFormat::Sec1Ec)
        }
        [der::INTEGER, der::INTEGER] => Content::RsaPublicKey,
        t if t.len() == 9 && t.iter().all(|&x| x == der::INTEGER) => {
            Content::PrivateKey(PrivateKeyFormat::Pkcs1Rsa)
        }
        t if t.len() == 6 && t.iter().all(|&x| x == der::INTEGER) => Content::DsaPrivateKey,
        _ => Content::Unknown,
    }
}

/// Certificates, CSRs and CRLs share the outer shape; their to-be-signed parts differ.
fn signed_structure(tbs: &Tlv<'_>) -> Content {
    let Some(items) = der::children(tbs.value, 16) else {
        return Content::Unknown;
    };
    let tags: Vec<u8> = items.iter().map(|t| t.tag).collect();
    let is_time = |t: u8| t == der::UTC_TIME || t == der::GENERALIZED_TIME;
    match tags.as_slice() {
        [der::INTEGER, der::SEQUENCE, der::SEQUENCE, der::CONTEXT_0] => Content::Csr,
        [der::CONTEXT_0, der::INTEGER, der::SEQUENCE, der::SEQUENCE, der::SEQUENCE, der::SEQUENCE, der::SEQUENCE, ..]
        | [der::INTEGER, der::SEQUENCE, der::SEQUENCE, der::SEQUENCE, der::SEQUENCE, der::SEQUENCE, ..] => {
            Content::Certificate
        }
        [der::INTEGER, der::SEQUENCE, der::SEQUENCE, t, ..] if is_time(*t) => Content::Crl,
        [der::SEQUENCE, der::SEQUENCE, t, ..] if is_time(*t) => Content::Crl,
        _ => Content::Unknown,
    }
}

fn small_int(tlv: &Tlv<'_>) -> Option<u8> {
    match tlv.value {
        [v] => Some(*v),
        _ => None,
    }
}
