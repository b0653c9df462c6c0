//! The key targets: PKCS#8, PKCS#1, SEC1, encrypted and plain PKCS#8, re-encoded as OpenSSL
//! writes them.

use der::asn1::{AnyRef, ObjectIdentifier};
use der::{Decode, Encode};
use pkcs8::spki::{AlgorithmIdentifierRef, SubjectPublicKeyInfoRef};
use sha2::Digest as _;

use super::naming::key_name;
use super::read::{is_private, label};
use super::{ConvertError, ConvertErrorKind, Item, Options, Output, Target};
use crate::crypto::{self, DecryptError, PrivateKeyFormat};
use crate::input::Content;
use crate::report::pem_block;

const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const RSASSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");

/// The key targets: one output per private key.
pub(super) fn convert_keys(items: &[Item], options: &Options) -> Result<Vec<Output>, ConvertError> {
    let mut budget = crypto::KEY_DERIVATION_BUDGET;
    let mut outputs = Vec::new();
    for item in items.iter().filter(|i| is_private(i.content)) {
        let fail = |kind| ConvertError::new(kind, &item.source);
        let (plain, format) = plain_key(item, options, &mut budget)?;
        let parsed = crypto::parse_private_key(&plain, format).map_err(|e| {
            fail(ConvertErrorKind::UnsupportedKey {
                reason: e.to_string(),
            })
        })?;
        let encoding = |reason: String| fail(ConvertErrorKind::Encoding { reason });
        let (der, content) = match options.target {
            Target::Pkcs1 => (
                to_pkcs1(&plain, format).map_err(fail)?,
                Content::PrivateKey(PrivateKeyFormat::Pkcs1Rsa),
            ),
            Target::Sec1 => (
                to_sec1(&plain, format, &parsed.public.spki_der).map_err(fail)?,
                Content::PrivateKey(PrivateKeyFormat::Sec1Ec),
            ),
            Target::Encrypted => {
                let password = options
                    .new_password
                    .as_deref()
                    .ok_or_else(|| ConvertError::whole(ConvertErrorKind::NewPasswordNeeded))?;
                let pkcs8 = to_pkcs8(&plain, format).map_err(fail)?;
                let n = outputs.len();
                let salt = derive(&options.salt, n);
                let iv = derive(&options.iv, n);
                let info =
                    pkcs8::PrivateKeyInfo::from_der(&pkcs8).map_err(|e| encoding(e.to_string()))?;
                let params = pkcs5::pbes2::Parameters::pbkdf2_sha256_aes256cbc(
                    options.iterations,
                    &salt,
                    &iv,
                )
                .map_err(|e| encoding(e.to_string()))?;
                let document = info
                    .encrypt_with_params(params, password)
                    .map_err(|e| encoding(e.to_string()))?;
                (document.as_bytes().to_vec(), Content::EncryptedPrivateKey)
            }
            _ => (
                to_pkcs8(&plain, format).map_err(fail)?,
                Content::PrivateKey(PrivateKeyFormat::Pkcs8),
            ),
        };
        outputs.push(Output {
            name: format!("{}.pem", key_name(outputs.len() + 1)),
            content: Some(content),
            der: false,
            count: 1,
            secret: true,
            data: pem_block(label(content), &der).into_bytes(),
        });
    }
    if outputs.is_empty() {
        return Err(ConvertError::whole(ConvertErrorKind::NothingToConvert));
    }
    Ok(outputs)
}

/// A private key item as plain DER and its format, decrypted with the password if needed.
pub(super) fn plain_key(
    item: &Item,
    options: &Options,
    budget: &mut u64,
) -> Result<(Vec<u8>, PrivateKeyFormat), ConvertError> {
    let fail = |kind| ConvertError::new(kind, &item.source);
    match item.content {
        Content::PrivateKey(format) => Ok((item.der.clone(), format)),
        _ => {
            let password = options
                .password
                .as_deref()
                .ok_or_else(|| fail(ConvertErrorKind::PasswordNeeded))?;
            let plain = crypto::decrypt_pkcs8_within(&item.der, password, budget).map_err(|e| {
                fail(match e {
                    DecryptError::WrongPassword => ConvertErrorKind::WrongPassword,
                    other => ConvertErrorKind::DecryptFailed {
                        reason: other.to_string(),
                    },
                })
            })?;
            Ok((plain, PrivateKeyFormat::Pkcs8))
        }
    }
}

/// 16 bytes for the n-th key from the caller's random ones: distinct per key.
pub(super) fn derive(seed: &[u8; 16], n: usize) -> [u8; 16] {
    if n == 0 {
        return *seed;
    }
    let digest = sha2::Sha256::new()
        .chain_update(seed)
        .chain_update((n as u64).to_be_bytes())
        .finalize();
    let mut out = [0; 16];
    out.copy_from_slice(&digest[..16]);
    out
}

/// The public point of a parsed key's SubjectPublicKeyInfo.
fn public_point(spki: &[u8]) -> Result<Vec<u8>, ConvertErrorKind> {
    SubjectPublicKeyInfoRef::from_der(spki)
        .ok()
        .and_then(|s| s.subject_public_key.as_bytes().map(<[u8]>::to_vec))
        .ok_or_else(|| ConvertErrorKind::Encoding {
            reason: "the public key has no point".into(),
        })
}

fn encoding_error(e: der::Error) -> ConvertErrorKind {
    ConvertErrorKind::Encoding {
        reason: e.to_string(),
    }
}

/// PKCS#8 as `openssl pkcs8 -topk8 -nocrypt` writes it.
pub(super) fn to_pkcs8(der: &[u8], format: PrivateKeyFormat) -> Result<Vec<u8>, ConvertErrorKind> {
    match format {
        PrivateKeyFormat::Pkcs8 => Ok(der.to_vec()),
        PrivateKeyFormat::Pkcs1Rsa => pkcs8::PrivateKeyInfo {
            algorithm: AlgorithmIdentifierRef {
                oid: RSA_ENCRYPTION,
                parameters: Some(AnyRef::NULL),
            },
            private_key: der,
            public_key: None,
        }
        .to_der()
        .map_err(encoding_error),
        PrivateKeyFormat::Sec1Ec => {
            let key = sec1::EcPrivateKey::from_der(der).map_err(encoding_error)?;
            let Some(sec1::EcParameters::NamedCurve(curve)) = key.parameters else {
                return Err(ConvertErrorKind::UnsupportedKey {
                    reason: "the EC private key does not name its curve".into(),
                });
            };
            // Inside PKCS#8 the curve is named by the wrapper, not again in the key; the
            // public point stays when the key had one (as OpenSSL does).
            let inner = sec1::EcPrivateKey {
                private_key: key.private_key,
                parameters: None,
                public_key: key.public_key,
            }
            .to_der()
            .map_err(encoding_error)?;
            pkcs8::PrivateKeyInfo {
                algorithm: AlgorithmIdentifierRef {
                    oid: EC_PUBLIC_KEY,
                    parameters: Some(AnyRef::from(&curve)),
                },
                private_key: &inner,
                public_key: None,
            }
            .to_der()
            .map_err(encoding_error)
        }
    }
}

/// PKCS#1 as `openssl pkey -traditional` writes an RSA key.
fn to_pkcs1(der: &[u8], format: PrivateKeyFormat) -> Result<Vec<u8>, ConvertErrorKind> {
    match format {
        PrivateKeyFormat::Pkcs1Rsa => Ok(der.to_vec()),
        PrivateKeyFormat::Sec1Ec => Err(ConvertErrorKind::NotRsa),
        PrivateKeyFormat::Pkcs8 => {
            let info = pkcs8::PrivateKeyInfo::from_der(der).map_err(encoding_error)?;
            match info.algorithm.oid {
                RSA_ENCRYPTION | RSASSA_PSS => Ok(info.private_key.to_vec()),
                _ => Err(ConvertErrorKind::NotRsa),
            }
        }
    }
}

/// SEC1 as `openssl ec` writes it: version 1, the scalar, the curve's OID, the public point.
fn to_sec1(der: &[u8], format: PrivateKeyFormat, spki: &[u8]) -> Result<Vec<u8>, ConvertErrorKind> {
    let (inner, outer_curve) = match format {
        PrivateKeyFormat::Pkcs1Rsa => return Err(ConvertErrorKind::NotEc),
        PrivateKeyFormat::Sec1Ec => (der.to_vec(), None),
        PrivateKeyFormat::Pkcs8 => {
            let info = pkcs8::PrivateKeyInfo::from_der(der).map_err(encoding_error)?;
            if info.algorithm.oid != EC_PUBLIC_KEY {
                return Err(ConvertErrorKind::NotEc);
            }
            let curve = info
                .algorithm
                .parameters
                .and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
            (info.private_key.to_vec(), curve)
        }
    };
    let key = sec1::EcPrivateKey::from_der(&inner).map_err(encoding_error)?;
    let curve = match (key.parameters, outer_curve) {
        (Some(sec1::EcParameters::NamedCurve(curve)), _) | (None, Some(curve)) => curve,
        (None, None) => {
            return Err(ConvertErrorKind::UnsupportedKey {
                reason: "the EC private key does not name its curve".into(),
            })
        }
    };
    let point = public_point(spki)?;
    sec1::EcPrivateKey {
        private_key: key.private_key,
        parameters: Some(sec1::EcParameters::NamedCurve(curve)),
        public_key: Some(&point),
    }
    .to_der()
    .map_err(encoding_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_salts_differ() {
        let seed = [7; 16];
        assert_eq!(derive(&seed, 0), seed);
        assert_ne!(derive(&seed, 1), seed);
        assert_ne!(derive(&seed, 1), derive(&seed, 2));
    }
}
