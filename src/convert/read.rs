//! The inputs as items to convert: every block [`crate::input`] decodes (PKCS#7 and
//! PKCS#12 opened), each with its source; a block that cannot be read stops the conversion.

use super::{ConvertError, ConvertErrorKind, Item};
use crate::crypto::{self, PrivateKeyFormat};
use crate::finding::Location;
use crate::input::pkcs12::{self, Member, Problem};
use crate::input::{self, pkcs7, Content, Input, IssueKind, Source};
use crate::model::Certificate;

/// Every object of the inputs, PKCS#7 bundles and PKCS#12 files (with `password`) opened;
/// an unreadable or unsupported block is an error.
pub(super) fn read(inputs: &[Input], password: Option<&[u8]>) -> Result<Vec<Item>, ConvertError> {
    let mut items = Vec::new();
    let mut blocks_left = input::MAX_BLOCKS;
    let mut key_derivation = crypto::KEY_DERIVATION_BUDGET;
    for input in inputs {
        let decoded = input::decode(input, blocks_left);
        blocks_left = blocks_left.saturating_sub(decoded.blocks_read);
        for issue in &decoded.issues {
            if lost(&issue.kind) {
                return Err(ConvertError {
                    kind: ConvertErrorKind::Unreadable,
                    place: Some(Location {
                        input: input.name.clone(),
                        block: issue.block,
                        line: issue.line,
                    }),
                });
            }
        }
        for block in decoded.blocks {
            match block.content {
                Content::Pkcs7 => {
                    let (members, truncated) = pkcs7::certificates(&block.der, blocks_left)
                        .map_err(|_| {
                            ConvertError::new(ConvertErrorKind::Unreadable, &block.source)
                        })?;
                    if truncated {
                        return Err(ConvertError::new(
                            ConvertErrorKind::Unreadable,
                            &block.source,
                        ));
                    }
                    blocks_left -= members.len();
                    for (member, der) in members.into_iter().enumerate() {
                        let source = Source {
                            member: Some(member),
                            ..block.source.clone()
                        };
                        items.push(item(source, Content::Certificate, der)?);
                    }
                }
                Content::Pkcs12 => {
                    let fail = |kind| ConvertError::new(kind, &block.source);
                    let pfx = pkcs12::open(&block.der, password, blocks_left, &mut key_derivation)
                        .map_err(|_| fail(ConvertErrorKind::Unreadable))?;
                    match pfx.problem {
                        None if pfx.truncated => return Err(fail(ConvertErrorKind::Unreadable)),
                        None => {}
                        Some(Problem::PasswordNeeded) => {
                            return Err(fail(ConvertErrorKind::PasswordNeeded))
                        }
                        Some(Problem::WrongPassword) => {
                            return Err(fail(ConvertErrorKind::WrongPassword))
                        }
                        Some(Problem::Failed(reason)) => {
                            return Err(fail(ConvertErrorKind::DecryptFailed { reason }))
                        }
                    }
                    blocks_left -= pfx.members.len();
                    for (member, found) in pfx.members.into_iter().enumerate() {
                        let source = Source {
                            member: Some(member),
                            ..block.source.clone()
                        };
                        let (content, der) = match found {
                            Member::Certificate(der) => (Content::Certificate, der),
                            Member::Key { pkcs8, .. } => {
                                (Content::PrivateKey(PrivateKeyFormat::Pkcs8), pkcs8)
                            }
                            // Reported as a problem above.
                            Member::LockedKey { .. } => continue,
                        };
                        items.push(item(source, content, der)?);
                    }
                }
                Content::Certificate
                | Content::Csr
                | Content::PublicKey
                | Content::RsaPublicKey
                | Content::PrivateKey(_)
                | Content::EncryptedPrivateKey => {
                    items.push(item(block.source, block.content, block.der)?)
                }
                Content::Crl => {}
                other @ (Content::DsaPrivateKey | Content::Unknown) => {
                    return Err(ConvertError::new(
                        ConvertErrorKind::Unsupported {
                            what: other.phrase(),
                        },
                        &block.source,
                    ))
                }
            }
        }
    }
    Ok(items)
}

/// One object, checked the way `inspect` reads it: what certlens could not read back is
/// not converted either.
fn item(source: Source, content: Content, der: Vec<u8>) -> Result<Item, ConvertError> {
    let unreadable = || ConvertError::new(ConvertErrorKind::Unreadable, &source);
    let mut cert = None;
    match content {
        Content::Certificate => cert = Some(Certificate::parse(&der).map_err(|_| unreadable())?),
        Content::Csr => {
            crate::model::Csr::parse(&der).map_err(|_| unreadable())?;
        }
        Content::PublicKey => {
            crypto::PublicKey::from_spki_der(&der).map_err(|_| unreadable())?;
        }
        Content::RsaPublicKey => {
            crypto::PublicKey::from_pkcs1_rsa_public_der(&der).map_err(|_| unreadable())?;
        }
        Content::PrivateKey(format) => {
            crypto::parse_private_key(&der, format).map_err(|e| {
                ConvertError::new(
                    ConvertErrorKind::UnsupportedKey {
                        reason: e.to_string(),
                    },
                    &source,
                )
            })?;
        }
        Content::EncryptedPrivateKey => {
            crypto::describe_encryption(&der).map_err(|_| unreadable())?;
        }
        _ => {}
    }
    Ok(Item {
        source,
        content,
        der,
        cert,
    })
}

/// Issues that lose a block (the others are repairs). A CRL is left out silently.
fn lost(kind: &IssueKind) -> bool {
    matches!(
        kind,
        IssueKind::TooLarge { .. }
            | IssueKind::TooManyBlocks { .. }
            | IssueKind::NotRecognized
            | IssueKind::InvalidBase64Char { .. }
            | IssueKind::InvalidBase64 { .. }
            | IssueKind::EmptyBlock { .. }
            | IssueKind::NotDer { .. }
            | IssueKind::MissingEnd { .. }
            | IssueKind::EndWithoutBegin { .. }
            | IssueKind::LegacyEncryptedPem { .. }
            | IssueKind::UnsupportedLabel { .. }
            | IssueKind::Unsupported { .. }
            | IssueKind::Unparseable { .. }
    )
}

pub(super) fn label(content: Content) -> &'static str {
    match content {
        Content::Certificate => "CERTIFICATE",
        Content::Csr => "CERTIFICATE REQUEST",
        Content::PublicKey => "PUBLIC KEY",
        Content::RsaPublicKey => "RSA PUBLIC KEY",
        Content::PrivateKey(PrivateKeyFormat::Pkcs8) => "PRIVATE KEY",
        Content::PrivateKey(PrivateKeyFormat::Pkcs1Rsa) => "RSA PRIVATE KEY",
        Content::PrivateKey(PrivateKeyFormat::Sec1Ec) => "EC PRIVATE KEY",
        Content::EncryptedPrivateKey => "ENCRYPTED PRIVATE KEY",
        Content::Pkcs7 => "PKCS7",
        Content::Pkcs12 => "PKCS12",
        Content::Crl => "X509 CRL",
        Content::DsaPrivateKey => "DSA PRIVATE KEY",
        Content::Unknown => "UNKNOWN",
    }
}

pub(super) fn is_private(content: Content) -> bool {
    matches!(
        content,
        Content::PrivateKey(_) | Content::EncryptedPrivateKey
    )
}
