//! Telling what a DER blob is from its shape alone, whatever its PEM label claims.

use crate::crypto::PrivateKeyFormat;
use crate::tlv::{self, Tlv};

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
    let Ok((outer, _)) = tlv::read_tlv(data) else {
        return Content::Unknown;
    };
    if outer.tag != tlv::SEQUENCE {
        return Content::Unknown;
    }
    let Some(items) = tlv::children(outer.value, 12) else {
        return Content::Unknown;
    };
    let tags: Vec<u8> = items.iter().map(|t| t.tag).collect();
    match tags.as_slice() {
        [tlv::SEQUENCE, tlv::SEQUENCE, tlv::BIT_STRING] => signed_structure(&items[0]),
        [tlv::OID, tlv::CONTEXT_0] if items[0].value == OID_SIGNED_DATA => Content::Pkcs7,
        [tlv::INTEGER, tlv::SEQUENCE, tlv::OCTET_STRING, ..] if small_int(&items[0]) <= Some(1) => {
            Content::PrivateKey(PrivateKeyFormat::Pkcs8)
        }
        [tlv::INTEGER, tlv::SEQUENCE, tlv::SEQUENCE] | [tlv::INTEGER, tlv::SEQUENCE]
            if small_int(&items[0]) == Some(3) =>
        {
            Content::Pkcs12
        }
        [tlv::SEQUENCE, tlv::OCTET_STRING] => Content::EncryptedPrivateKey,
        [tlv::SEQUENCE, tlv::BIT_STRING] => Content::PublicKey,
        [tlv::INTEGER, tlv::OCTET_STRING, ..] if small_int(&items[0]) == Some(1) => {
            Content::PrivateKey(PrivateKeyFormat::Sec1Ec)
        }
        [tlv::INTEGER, tlv::INTEGER] => Content::RsaPublicKey,
        t if t.len() == 9 && t.iter().all(|&x| x == tlv::INTEGER) => {
            Content::PrivateKey(PrivateKeyFormat::Pkcs1Rsa)
        }
        t if t.len() == 6 && t.iter().all(|&x| x == tlv::INTEGER) => Content::DsaPrivateKey,
        _ => Content::Unknown,
    }
}

/// Certificates, CSRs and CRLs share the outer shape; their to-be-signed parts differ.
fn signed_structure(tbs: &Tlv<'_>) -> Content {
    let Some(items) = tlv::children(tbs.value, 16) else {
        return Content::Unknown;
    };
    let tags: Vec<u8> = items.iter().map(|t| t.tag).collect();
    let is_time = |t: u8| t == tlv::UTC_TIME || t == tlv::GENERALIZED_TIME;
    match tags.as_slice() {
        [tlv::INTEGER, tlv::SEQUENCE, tlv::SEQUENCE, tlv::CONTEXT_0] => Content::Csr,
        [tlv::CONTEXT_0, tlv::INTEGER, tlv::SEQUENCE, tlv::SEQUENCE, tlv::SEQUENCE, tlv::SEQUENCE, tlv::SEQUENCE, ..]
        | [tlv::INTEGER, tlv::SEQUENCE, tlv::SEQUENCE, tlv::SEQUENCE, tlv::SEQUENCE, tlv::SEQUENCE, ..] => {
            Content::Certificate
        }
        [tlv::INTEGER, tlv::SEQUENCE, tlv::SEQUENCE, t, ..] if is_time(*t) => Content::Crl,
        [tlv::SEQUENCE, tlv::SEQUENCE, t, ..] if is_time(*t) => Content::Crl,
        _ => Content::Unknown,
    }
}

fn small_int(tlv: &Tlv<'_>) -> Option<u8> {
    match tlv.value {
        [v] => Some(*v),
        _ => None,
    }
}
