//! The encryption parameters of an `EncryptedPrivateKeyInfo` (PBES2 with its KDF and cipher,
//! PKCS#12's own schemes, the legacy PKCS#5 v1 ones named but refused), parsed by hand so
//! that unsupported schemes can still be described and hostile parameters stay contained.

use std::fmt;

use der::asn1::{AnyRef, ObjectIdentifier, OctetStringRef, UintRef};
use der::{Decode, Reader as _, Tag, Tagged as _};
use pkcs5::pbes2;
use pkcs8::spki::AlgorithmIdentifierRef;

use crate::crypto::oid;

use super::cost::iterations_text;

/// A parsed `encryptionAlgorithm`.
pub(super) enum Scheme<'a> {
    Pbes2 {
        kdf: Kdf<'a>,
        cipher: Cipher<'a>,
    },
    /// PKCS#12 password-based encryption that certlens decrypts.
    Pkcs12 {
        cipher: Pkcs12Cipher,
        salt: &'a [u8],
        iterations: u64,
    },
    /// PBES1 or PKCS#12 password-based encryption that certlens does not decrypt.
    Legacy {
        family: &'static str,
        name: &'static str,
        iterations: Option<u64>,
    },
    Unknown(ObjectIdentifier),
}

#[derive(Clone, Copy)]
pub(super) enum Pkcs12Cipher {
    TripleDes3Key,
    TripleDes2Key,
    Rc2 { effective_bits: usize },
}

impl Pkcs12Cipher {
    /// RFC 7292 appendix C, by the last arc of 1.2.840.113549.1.12.1.
    fn from_arc(arc: &str) -> Option<Pkcs12Cipher> {
        Some(match arc {
            "3" => Pkcs12Cipher::TripleDes3Key,
            "4" => Pkcs12Cipher::TripleDes2Key,
            "5" => Pkcs12Cipher::Rc2 {
                effective_bits: 128,
            },
            "6" => Pkcs12Cipher::Rc2 { effective_bits: 40 },
            _ => return None,
        })
    }

    pub(super) fn key_len(self) -> usize {
        match self {
            Pkcs12Cipher::TripleDes3Key => 24,
            Pkcs12Cipher::TripleDes2Key => 16,
            Pkcs12Cipher::Rc2 { effective_bits } => effective_bits / 8,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Pkcs12Cipher::TripleDes3Key => "pbeWithSHA1And3-KeyTripleDES-CBC",
            Pkcs12Cipher::TripleDes2Key => "pbeWithSHA1And2-KeyTripleDES-CBC",
            Pkcs12Cipher::Rc2 {
                effective_bits: 128,
            } => "pbeWithSHA1And128BitRC2-CBC",
            Pkcs12Cipher::Rc2 { .. } => "pbeWithSHA1And40BitRC2-CBC",
        }
    }
}

pub(super) enum Kdf<'a> {
    Pbkdf2 {
        /// `None` for the (never used in practice) `otherSource` salt.
        salt: Option<&'a [u8]>,
        iterations: u64,
        key_len: Option<u64>,
        prf: Prf,
    },
    Scrypt {
        salt: &'a [u8],
        n: u64,
        r: u64,
        p: u64,
        key_len: Option<u64>,
    },
    Other(ObjectIdentifier),
}

pub(super) enum Prf {
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
    Other(ObjectIdentifier),
}

pub(super) enum Cipher<'a> {
    Aes128(&'a [u8; 16]),
    Aes192(&'a [u8; 16]),
    Aes256(&'a [u8; 16]),
    DesEde3(&'a [u8; 8]),
    Other(String),
}

impl fmt::Display for Scheme<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scheme::Pbes2 { kdf, cipher } => {
                f.write_str("PBES2 (")?;
                match kdf {
                    Kdf::Pbkdf2 {
                        iterations, prf, ..
                    } => {
                        let prf = match prf {
                            Prf::Sha1 => "HMAC-SHA1".to_string(),
                            Prf::Sha224 => "HMAC-SHA224".to_string(),
                            Prf::Sha256 => "HMAC-SHA256".to_string(),
                            Prf::Sha384 => "HMAC-SHA384".to_string(),
                            Prf::Sha512 => "HMAC-SHA512".to_string(),
                            Prf::Other(oid) => oid.to_string(),
                        };
                        write!(f, "PBKDF2-{prf}, {}", iterations_text(*iterations))?;
                    }
                    Kdf::Scrypt { n, r, p, .. } => write!(f, "scrypt N={n} r={r} p={p}")?,
                    Kdf::Other(oid) => write!(f, "key derivation {oid}")?,
                }
                let cipher = match cipher {
                    Cipher::Aes128(_) => "AES-128-CBC",
                    Cipher::Aes192(_) => "AES-192-CBC",
                    Cipher::Aes256(_) => "AES-256-CBC",
                    Cipher::DesEde3(_) => "DES-EDE3-CBC",
                    Cipher::Other(name) => name,
                };
                write!(f, ", {cipher})")
            }
            Scheme::Pkcs12 {
                cipher, iterations, ..
            } => write!(
                f,
                "PKCS#12 PBE ({}, {})",
                cipher.name(),
                iterations_text(*iterations)
            ),
            Scheme::Legacy {
                family,
                name,
                iterations,
            } => match iterations {
                Some(n) => write!(f, "{family} ({name}, {})", iterations_text(*n)),
                None => write!(f, "{family} ({name})"),
            },
            Scheme::Unknown(oid) => write!(f, "unknown encryption scheme {oid}"),
        }
    }
}

/// Splits an `EncryptedPrivateKeyInfo` into its scheme and ciphertext.
pub(super) fn parse(der: &[u8]) -> Result<(Scheme<'_>, &[u8]), String> {
    let err = |e: der::Error| e.to_string();
    let (alg, ciphertext) = AnyRef::from_der(der)
        .and_then(|any| {
            any.sequence(|r| {
                let alg: AlgorithmIdentifierRef<'_> = r.decode()?;
                let data: OctetStringRef<'_> = r.decode()?;
                Ok((alg, data.as_bytes()))
            })
        })
        .map_err(err)?;
    let scheme = match alg.oid {
        pbes2::PBES2_OID => {
            let (kdf, enc) = params(alg)?
                .sequence(|r| {
                    let kdf: AlgorithmIdentifierRef<'_> = r.decode()?;
                    let enc: AlgorithmIdentifierRef<'_> = r.decode()?;
                    Ok((kdf, enc))
                })
                .map_err(err)?;
            Scheme::Pbes2 {
                kdf: parse_kdf(kdf)?,
                cipher: parse_cipher(enc)?,
            }
        }
        oid if pkcs12_cipher(&oid).is_some() => {
            let cipher = pkcs12_cipher(&oid).unwrap_or(Pkcs12Cipher::TripleDes3Key);
            let (salt, iterations) = params(alg)?
                .sequence(|r| {
                    let salt: OctetStringRef<'_> = r.decode()?;
                    let count: UintRef<'_> = r.decode()?;
                    Ok((salt.as_bytes(), saturating_u64(count)))
                })
                .map_err(|e| format!("invalid PKCS#12 PBE parameters: {e}"))?;
            Scheme::Pkcs12 {
                cipher,
                salt,
                iterations,
            }
        }
        oid => match legacy_name(&oid) {
            Some((family, name)) => {
                // PBEParameter ::= SEQUENCE { salt OCTET STRING, iterationCount INTEGER }
                let iterations = alg.parameters.and_then(|p| {
                    p.sequence(|r| {
                        let _salt: OctetStringRef<'_> = r.decode()?;
                        let count: UintRef<'_> = r.decode()?;
                        Ok(saturating_u64(count))
                    })
                    .ok()
                });
                Scheme::Legacy {
                    family,
                    name,
                    iterations,
                }
            }
            None => Scheme::Unknown(oid),
        },
    };
    Ok((scheme, ciphertext))
}

fn params<'a>(alg: AlgorithmIdentifierRef<'a>) -> Result<AnyRef<'a>, String> {
    alg.parameters
        .ok_or_else(|| format!("missing parameters for {}", alg.oid))
}

fn parse_kdf(alg: AlgorithmIdentifierRef<'_>) -> Result<Kdf<'_>, String> {
    let err = |e: der::Error| format!("invalid key derivation parameters: {e}");
    match alg.oid {
        pbes2::PBKDF2_OID => params(alg)?
            .sequence(|r| {
                let salt: AnyRef<'_> = r.decode()?;
                let iterations: UintRef<'_> = r.decode()?;
                let key_len: Option<UintRef<'_>> = r.decode()?;
                let prf: Option<AlgorithmIdentifierRef<'_>> = r.decode()?;
                let salt = match salt.tag() {
                    Tag::OctetString => Some(salt.value()),
                    _ => None,
                };
                let prf = match prf.map(|p| p.oid) {
                    None | Some(oid::HMAC_SHA1) => Prf::Sha1,
                    Some(oid::HMAC_SHA224) => Prf::Sha224,
                    Some(oid::HMAC_SHA256) => Prf::Sha256,
                    Some(oid::HMAC_SHA384) => Prf::Sha384,
                    Some(oid::HMAC_SHA512) => Prf::Sha512,
                    Some(other) => Prf::Other(other),
                };
                Ok(Kdf::Pbkdf2 {
                    salt,
                    iterations: saturating_u64(iterations),
                    key_len: key_len.map(saturating_u64),
                    prf,
                })
            })
            .map_err(err),
        pbes2::SCRYPT_OID => params(alg)?
            .sequence(|r| {
                let salt: OctetStringRef<'_> = r.decode()?;
                let n: UintRef<'_> = r.decode()?;
                let block: UintRef<'_> = r.decode()?;
                let parallel: UintRef<'_> = r.decode()?;
                let key_len: Option<UintRef<'_>> = r.decode()?;
                Ok(Kdf::Scrypt {
                    salt: salt.as_bytes(),
                    n: saturating_u64(n),
                    r: saturating_u64(block),
                    p: saturating_u64(parallel),
                    key_len: key_len.map(saturating_u64),
                })
            })
            .map_err(err),
        other => Ok(Kdf::Other(other)),
    }
}

fn parse_cipher(alg: AlgorithmIdentifierRef<'_>) -> Result<Cipher<'_>, String> {
    let iv = || -> Result<&[u8], String> {
        params(alg)?
            .decode_as::<OctetStringRef<'_>>()
            .map(|iv| iv.as_bytes())
            .map_err(|e| format!("invalid cipher IV: {e}"))
    };
    let bad_iv = |len: usize| format!("cipher IV must be {len} bytes");
    Ok(match alg.oid {
        pbes2::AES_128_CBC_OID => Cipher::Aes128(iv()?.try_into().map_err(|_| bad_iv(16))?),
        pbes2::AES_192_CBC_OID => Cipher::Aes192(iv()?.try_into().map_err(|_| bad_iv(16))?),
        pbes2::AES_256_CBC_OID => Cipher::Aes256(iv()?.try_into().map_err(|_| bad_iv(16))?),
        pbes2::DES_EDE3_CBC_OID => Cipher::DesEde3(iv()?.try_into().map_err(|_| bad_iv(8))?),
        oid::DES_CBC => Cipher::Other("DES-CBC".into()),
        other => Cipher::Other(match other.to_string().as_str() {
            "1.2.840.113549.3.2" => "RC2-CBC".into(),
            "2.16.840.1.101.3.4.1.6" => "AES-128-GCM".into(),
            "2.16.840.1.101.3.4.1.46" => "AES-256-GCM".into(),
            "1.2.156.10197.1.104.2" => "SM4-CBC".into(),
            dotted => format!("cipher {dotted}"),
        }),
    })
}

fn pkcs12_cipher(oid: &ObjectIdentifier) -> Option<Pkcs12Cipher> {
    oid.to_string()
        .strip_prefix("1.2.840.113549.1.12.1.")
        .and_then(Pkcs12Cipher::from_arc)
}

/// Names of the legacy PBES1 and PKCS#12 schemes (RFC 8018 A.3, RFC 7292 C).
fn legacy_name(oid: &ObjectIdentifier) -> Option<(&'static str, &'static str)> {
    let dotted = oid.to_string();
    let (family, name) = if let Some(n) = dotted.strip_prefix("1.2.840.113549.1.5.") {
        let name = match n {
            "1" => "pbeWithMD2AndDES-CBC",
            "3" => "pbeWithMD5AndDES-CBC",
            "4" => "pbeWithMD2AndRC2-CBC",
            "6" => "pbeWithMD5AndRC2-CBC",
            "10" => "pbeWithSHA1AndDES-CBC",
            "11" => "pbeWithSHA1AndRC2-CBC",
            _ => return None,
        };
        ("PBES1", name)
    } else if let Some(n) = dotted.strip_prefix("1.2.840.113549.1.12.1.") {
        let name = match n {
            "1" => "pbeWithSHA1And128BitRC4",
            "2" => "pbeWithSHA1And40BitRC4",
            "3" => "pbeWithSHA1And3-KeyTripleDES-CBC",
            "4" => "pbeWithSHA1And2-KeyTripleDES-CBC",
            "5" => "pbeWithSHA1And128BitRC2-CBC",
            "6" => "pbeWithSHA1And40BitRC2-CBC",
            _ => return None,
        };
        ("PKCS#12 PBE", name)
    } else {
        return None;
    };
    Some((family, name))
}

/// The value of a non-negative INTEGER, saturating so that absurd values
/// still reach the limit checks (and their messages) instead of failing.
fn saturating_u64(n: UintRef<'_>) -> u64 {
    let bytes = n.as_bytes();
    if bytes.len() > 8 {
        return u64::MAX;
    }
    bytes.iter().fold(0, |acc, &b| (acc << 8) | u64::from(b))
}
