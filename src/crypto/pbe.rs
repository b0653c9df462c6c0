//! Password-protected PKCS#8 keys (`BEGIN ENCRYPTED PRIVATE KEY`), and the same
//! password-based encryption inside PKCS#12 files (PBES2, and PKCS#12's own 3DES and RC2).
//!
//! The encryption parameters are parsed here rather than by the pkcs5 crate
//! so that unsupported schemes can still be described, hostile parameters
//! cannot reach code that assumes well-formed input, and cost limits are
//! enforced before any key derivation starts.

use std::fmt;

use der::asn1::{AnyRef, ObjectIdentifier, OctetStringRef, UintRef};
use der::{Decode, Reader as _, Tag, Tagged as _};
use pkcs5::pbes2;
use pkcs8::spki::AlgorithmIdentifierRef;

use super::keys::KeyError;
use super::oid;
use super::pkcs12::{MacDigest, Password, Purpose};
use crate::input::der as tlv;

/// PBKDF2 iteration counts above this are refused (RFC 8018 calls 10,000,000
/// appropriate for especially critical keys).
const MAX_PBKDF2_ITERATIONS: u64 = 10_000_000;
/// scrypt memory (128·r·N bytes) above this is refused; OpenSSL's own default
/// cap is 32 MiB.
const MAX_SCRYPT_MEMORY: u128 = 64 * 1024 * 1024;
/// scrypt parallelization above this is refused (each lane costs the full
/// memory-hard work again).
const MAX_SCRYPT_P: u64 = 16;
/// Key derivation work that all the encrypted keys of one inspection may take together, in
/// PBKDF2 iterations (times the PRF blocks the key needs); scrypt counts 2·N·r·p, which
/// takes about as long. One key at the limits fits (2-5 s natively); without a total, a few
/// kilobytes of such keys would take minutes. Fuzzing builds (cargo-fuzz sets
/// `--cfg fuzzing`) allow a few fixture keys' worth, so that no input stalls the fuzzer.
pub const KEY_DERIVATION_BUDGET: u64 = if cfg!(fuzzing) { 50_000 } else { 20_000_000 };

/// Why an encrypted key could not be decrypted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecryptError {
    /// The password is wrong (or the ciphertext is corrupted).
    WrongPassword,
    /// The encryption scheme is not supported; names the scheme, e.g.
    /// "PBES1 pbeWithMD5AndDES-CBC".
    Unsupported(String),
    /// The parameters would cost too much time or memory to try.
    LimitExceeded(String),
    /// The structure is not a valid `EncryptedPrivateKeyInfo`.
    Malformed(String),
}

impl fmt::Display for DecryptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecryptError::WrongPassword => {
                f.write_str("wrong password (or the encrypted key is corrupted)")
            }
            DecryptError::Unsupported(what) => write!(f, "unsupported key encryption: {what}"),
            DecryptError::LimitExceeded(what) => {
                write!(f, "key encryption is too expensive to try: {what}")
            }
            DecryptError::Malformed(what) => write!(f, "malformed encrypted key: {what}"),
        }
    }
}

impl std::error::Error for DecryptError {}

/// Describes how an `EncryptedPrivateKeyInfo` is protected, e.g.
/// "PBES2 (PBKDF2-HMAC-SHA256, 2048 iterations, AES-256-CBC)" or
/// "PBES2 (scrypt N=16384 r=8 p=1, AES-256-CBC)". Unknown schemes are
/// described by OID rather than rejected.
pub fn describe_encryption(der: &[u8]) -> Result<String, KeyError> {
    let (scheme, _) = parse(der).map_err(KeyError::Malformed)?;
    Ok(scheme.to_string())
}

/// Decrypts an `EncryptedPrivateKeyInfo` and returns the plain PKCS#8 DER.
///
/// Supports PBES2 with PBKDF2 (HMAC-SHA1/SHA-224/SHA-256/SHA-384/SHA-512) or
/// scrypt, and AES-128/192/256-CBC or DES-EDE3-CBC. Cost limits (PBKDF2
/// iterations, scrypt memory and parallelization) are checked first.
pub fn decrypt_pkcs8(der: &[u8], password: &[u8]) -> Result<Vec<u8>, DecryptError> {
    let mut budget = KEY_DERIVATION_BUDGET;
    decrypt_pkcs8_within(der, password, &mut budget)
}

/// [`decrypt_pkcs8`] for one of several keys: the key derivation's cost is taken from
/// `budget` (see [`KEY_DERIVATION_BUDGET`]), and a key that would overdraw it is refused
/// before any work, with [`DecryptError::LimitExceeded`].
pub fn decrypt_pkcs8_within(
    der: &[u8],
    password: &[u8],
    budget: &mut u64,
) -> Result<Vec<u8>, DecryptError> {
    decrypt_key_within(der, &Password::new(password), budget)
}

/// [`decrypt_pkcs8_within`] with the password in both its forms (PKCS#12 files may encode
/// an empty one without the terminating zeros).
pub(crate) fn decrypt_key_within(
    der: &[u8],
    password: &Password<'_>,
    budget: &mut u64,
) -> Result<Vec<u8>, DecryptError> {
    let plain = decrypt_within(der, password, budget)?;
    // Padding that happens to look right still leaves garbage that is not a
    // PrivateKeyInfo.
    if pkcs8::PrivateKeyInfo::from_der(&plain).is_err() {
        return Err(DecryptError::WrongPassword);
    }
    Ok(plain)
}

/// Decrypts any `SEQUENCE { AlgorithmIdentifier, OCTET STRING }` (the shape of an
/// `EncryptedPrivateKeyInfo`; PKCS#12 encrypted contents are rewrapped in it), charging the
/// key derivation to `budget` before it starts.
pub(crate) fn decrypt_within(
    der: &[u8],
    password: &Password<'_>,
    budget: &mut u64,
) -> Result<Vec<u8>, DecryptError> {
    let (scheme, ciphertext) = parse(der).map_err(DecryptError::Malformed)?;
    let (kdf, cipher) = match scheme {
        Scheme::Pbes2 { kdf, cipher } => (kdf, cipher),
        Scheme::Pkcs12 {
            cipher,
            salt,
            iterations,
        } => return decrypt_pkcs12_pbe(cipher, salt, iterations, ciphertext, password, budget),
        Scheme::Legacy { family, name, .. } => {
            return Err(DecryptError::Unsupported(format!("{family} {name}")))
        }
        Scheme::Unknown(oid) => {
            return Err(DecryptError::Unsupported(format!(
                "encryption scheme {oid}"
            )))
        }
    };
    let (encryption, block_len) = match cipher {
        Cipher::Aes128(iv) => (pbes2::EncryptionScheme::Aes128Cbc { iv }, 16),
        Cipher::Aes192(iv) => (pbes2::EncryptionScheme::Aes192Cbc { iv }, 16),
        Cipher::Aes256(iv) => (pbes2::EncryptionScheme::Aes256Cbc { iv }, 16),
        Cipher::DesEde3(iv) => (pbes2::EncryptionScheme::DesEde3Cbc { iv }, 8),
        Cipher::Other(name) => return Err(DecryptError::Unsupported(format!("PBES2 with {name}"))),
    };
    let (kdf, cost) = checked_kdf(kdf, encryption.key_size())?;
    if ciphertext.is_empty() || ciphertext.len() % block_len != 0 {
        return Err(DecryptError::Malformed(
            "the encrypted data is not a whole number of cipher blocks".into(),
        ));
    }
    charge(budget, cost)?;
    let params = pbes2::Parameters { kdf, encryption };
    params
        .decrypt(password.bytes, ciphertext)
        .map_err(|e| match e {
            // A wrong key almost always shows up as bad CBC padding.
            pkcs5::Error::DecryptFailed | pkcs5::Error::EncryptFailed => {
                DecryptError::WrongPassword
            }
            pkcs5::Error::UnsupportedAlgorithm { oid } => {
                DecryptError::Unsupported(format!("algorithm {oid}"))
            }
            other => DecryptError::Malformed(other.to_string()),
        })
}

/// Takes `cost` from `budget`, or refuses before any work.
pub(crate) fn charge(budget: &mut u64, cost: u64) -> Result<(), DecryptError> {
    *budget = budget.checked_sub(cost).ok_or_else(|| {
        DecryptError::LimitExceeded(format!(
            "the encrypted keys given together may take {KEY_DERIVATION_BUDGET} PBKDF2 iterations (or the scrypt equivalent) in all, and this one would exceed that; check it on its own"
        ))
    })?;
    Ok(())
}

/// An iteration count within [`MAX_PBKDF2_ITERATIONS`] (PKCS#12's KDF and MAC are held to
/// the same limit: each iteration is one hash, cheaper than a PBKDF2 one).
pub(crate) fn checked_iterations(iterations: u64, what: &str) -> Result<u64, DecryptError> {
    match iterations {
        0 => Err(DecryptError::Malformed(format!(
            "{what} iteration count is zero"
        ))),
        n if n > MAX_PBKDF2_ITERATIONS => Err(DecryptError::LimitExceeded(format!(
            "{what} with {n} iterations; the limit is 10,000,000"
        ))),
        n => Ok(n),
    }
}

/// The PKCS#12 password-based ciphers (RFC 7292 appendix C), keyed by its KDF with SHA-1.
fn decrypt_pkcs12_pbe(
    cipher: Pkcs12Cipher,
    salt: &[u8],
    iterations: u64,
    ciphertext: &[u8],
    password: &Password<'_>,
    budget: &mut u64,
) -> Result<Vec<u8>, DecryptError> {
    use cbc::cipher::{
        block_padding::Pkcs7, BlockDecryptMut as _, InnerIvInit as _, KeyIvInit as _,
    };
    let iterations = checked_iterations(iterations, "PKCS#12 PBE")?;
    if ciphertext.is_empty() || ciphertext.len() % 8 != 0 {
        return Err(DecryptError::Malformed(
            "the encrypted data is not a whole number of cipher blocks".into(),
        ));
    }
    let key_len = cipher.key_len();
    // SHA-1 gives 20 bytes per run of the iterations: the key, then the 8-byte IV.
    charge(budget, iterations * (key_len.div_ceil(20) as u64 + 1))?;
    let key = MacDigest::Sha1.derive(&password.bmp, salt, Purpose::Key, iterations, key_len);
    let iv = MacDigest::Sha1.derive(&password.bmp, salt, Purpose::Iv, iterations, 8);
    let wrong = |_| DecryptError::WrongPassword;
    let plain = match cipher {
        Pkcs12Cipher::TripleDes3Key => cbc::Decryptor::<des::TdesEde3>::new_from_slices(&key, &iv)
            .map_err(|_| DecryptError::Malformed("bad 3DES key".into()))?
            .decrypt_padded_vec_mut::<Pkcs7>(ciphertext)
            .map_err(wrong)?,
        Pkcs12Cipher::TripleDes2Key => cbc::Decryptor::<des::TdesEde2>::new_from_slices(&key, &iv)
            .map_err(|_| DecryptError::Malformed("bad 3DES key".into()))?
            .decrypt_padded_vec_mut::<Pkcs7>(ciphertext)
            .map_err(wrong)?,
        Pkcs12Cipher::Rc2 { effective_bits } => {
            let rc2 = rc2::Rc2::new_with_eff_key_len(&key, effective_bits);
            cbc::Decryptor::<rc2::Rc2>::inner_iv_slice_init(rc2, &iv)
                .map_err(|_| DecryptError::Malformed("bad RC2 IV".into()))?
                .decrypt_padded_vec_mut::<Pkcs7>(ciphertext)
                .map_err(wrong)?
        }
    };
    Ok(plain)
}

/// How [`encrypt`] protects what certlens writes into a PFX.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PfxEncryption {
    /// PBES2: PBKDF2-HMAC-SHA256 and AES-256-CBC, as OpenSSL 3 writes.
    Aes256,
    /// pbeWithSHAAnd3-KeyTripleDES-CBC, for systems that read nothing newer.
    TripleDes,
}

/// Encrypts `plain` with a fresh `salt` (and `iv`, for AES); returns the encryption's
/// `AlgorithmIdentifier` (DER) and the ciphertext.
pub(crate) fn encrypt(
    scheme: PfxEncryption,
    password: &[u8],
    salt: &[u8; 16],
    iv: &[u8; 16],
    iterations: u32,
    plain: &[u8],
) -> Result<(Vec<u8>, Vec<u8>), String> {
    use der::Encode as _;
    match scheme {
        PfxEncryption::Aes256 => {
            let params = pbes2::Parameters::pbkdf2_sha256_aes256cbc(iterations, salt, iv)
                .map_err(|e| e.to_string())?;
            let ciphertext = params.encrypt(password, plain).map_err(|e| e.to_string())?;
            let algorithm = pkcs5::EncryptionScheme::from(params)
                .to_der()
                .map_err(|e| e.to_string())?;
            Ok((algorithm, ciphertext))
        }
        PfxEncryption::TripleDes => {
            use cbc::cipher::{block_padding::Pkcs7, BlockEncryptMut as _, KeyIvInit as _};
            // OpenSSL's salt length for the PKCS#12 KDF.
            let salt = &salt[..8];
            let bmp = Password::new(password).bmp;
            let rounds = u64::from(iterations);
            let key = MacDigest::Sha1.derive(&bmp, salt, Purpose::Key, rounds, 24);
            let iv = MacDigest::Sha1.derive(&bmp, salt, Purpose::Iv, rounds, 8);
            let ciphertext = cbc::Encryptor::<des::TdesEde3>::new_from_slices(&key, &iv)
                .map_err(|e| e.to_string())?
                .encrypt_padded_vec_mut::<Pkcs7>(plain);
            // AlgorithmIdentifier { pbeWithSHAAnd3-KeyTripleDES-CBC, PBEParameter { salt, iterations } }
            let encode_error = |e: der::Error| e.to_string();
            let parameters = [
                OctetStringRef::new(salt)
                    .and_then(|s| s.to_der())
                    .map_err(encode_error)?,
                iterations.to_der().map_err(encode_error)?,
            ];
            let algorithm = [
                oid::PBE_SHA1_3DES.to_der().map_err(encode_error)?,
                tlv::encode(tlv::SEQUENCE, &parameters.concat()),
            ];
            Ok((tlv::encode(tlv::SEQUENCE, &algorithm.concat()), ciphertext))
        }
    }
}

/// Validates KDF parameters against the limits and converts them for pkcs5; also returns
/// the derivation's cost as [`KEY_DERIVATION_BUDGET`] counts it.
fn checked_kdf(kdf: Kdf<'_>, key_size: usize) -> Result<(pbes2::Kdf<'_>, u64), DecryptError> {
    let key_length = |len: Option<u64>| -> Result<Option<u16>, DecryptError> {
        match len {
            Some(len) if usize::try_from(len).ok() != Some(key_size) => {
                Err(DecryptError::Malformed(format!(
                    "the KDF key length {len} does not match the cipher's {key_size}-byte key"
                )))
            }
            // key_size is at most 32, so it fits.
            Some(len) => Ok(u16::try_from(len).ok()),
            None => Ok(None),
        }
    };
    match kdf {
        Kdf::Pbkdf2 {
            salt,
            iterations,
            key_len,
            prf,
        } => {
            let salt = salt.ok_or_else(|| {
                DecryptError::Unsupported("PBKDF2 with a non-literal salt (otherSource)".into())
            })?;
            let iterations = checked_iterations(iterations, "PBKDF2")?;
            // With the PRF's output length in bytes.
            let (prf, output_len) = match prf {
                Prf::Sha1 => (pbes2::Pbkdf2Prf::HmacWithSha1, 20),
                Prf::Sha224 => (pbes2::Pbkdf2Prf::HmacWithSha224, 28),
                Prf::Sha256 => (pbes2::Pbkdf2Prf::HmacWithSha256, 32),
                Prf::Sha384 => (pbes2::Pbkdf2Prf::HmacWithSha384, 48),
                Prf::Sha512 => (pbes2::Pbkdf2Prf::HmacWithSha512, 64),
                Prf::Other(oid) => {
                    return Err(DecryptError::Unsupported(format!("PBKDF2 with PRF {oid}")))
                }
            };
            let params = pbes2::Pbkdf2Params {
                salt,
                // Bounded by MAX_PBKDF2_ITERATIONS above.
                iteration_count: u32::try_from(iterations).unwrap_or(u32::MAX),
                key_length: key_length(key_len)?,
                prf,
            };
            // Each PRF output block of the key takes all the iterations again (two for
            // AES-256 with SHA-1).
            let blocks = key_size.div_ceil(output_len) as u64;
            Ok((
                pbes2::Kdf::Pbkdf2(params),
                iterations.saturating_mul(blocks),
            ))
        }
        Kdf::Scrypt {
            salt,
            n,
            r,
            p,
            key_len,
        } => {
            if n < 2 || !n.is_power_of_two() || r == 0 || p == 0 {
                return Err(DecryptError::Malformed(format!(
                    "invalid scrypt parameters N={n} r={r} p={p}"
                )));
            }
            let memory = 128u128
                .saturating_mul(u128::from(r))
                .saturating_mul(u128::from(n));
            if memory > MAX_SCRYPT_MEMORY {
                return Err(DecryptError::LimitExceeded(format!(
                    "scrypt needs {} of memory (N=2^{}, r={r}); the limit is {}",
                    human_size(memory),
                    n.trailing_zeros(),
                    human_size(MAX_SCRYPT_MEMORY)
                )));
            }
            if p > MAX_SCRYPT_P {
                return Err(DecryptError::LimitExceeded(format!(
                    "scrypt parallelization p={p}; the limit is {MAX_SCRYPT_P}"
                )));
            }
            // scrypt also allocates 128·r·p bytes for its lanes.
            let lanes = 128u128
                .saturating_mul(u128::from(r))
                .saturating_mul(u128::from(p));
            if lanes > MAX_SCRYPT_MEMORY {
                return Err(DecryptError::LimitExceeded(format!(
                    "scrypt needs {} of memory for its lanes (r={r}, p={p}); the limit is {}",
                    human_size(lanes),
                    human_size(MAX_SCRYPT_MEMORY)
                )));
            }
            let (Ok(block_size), Ok(parallelization)) = (u16::try_from(r), u16::try_from(p)) else {
                return Err(DecryptError::Unsupported(format!(
                    "scrypt block size r={r}"
                )));
            };
            let params = pbes2::ScryptParams {
                salt,
                cost_parameter: n,
                block_size,
                parallelization,
                key_length: key_length(key_len)?,
            };
            let cost = n.saturating_mul(r).saturating_mul(p).saturating_mul(2);
            Ok((pbes2::Kdf::Scrypt(params), cost))
        }
        Kdf::Other(oid) => Err(DecryptError::Unsupported(format!(
            "PBES2 with key derivation {oid}"
        ))),
    }
}

/// "1 GiB", "64 MiB", "1.5 MiB", "512 KiB", "100 bytes".
fn human_size(bytes: u128) -> String {
    const UNITS: [(u128, &str); 3] = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")];
    for (size, unit) in UNITS {
        if bytes >= size {
            return if bytes % size == 0 {
                format!("{} {unit}", bytes / size)
            } else {
                // Tenths, rounded, in integers: float formatting costs 5 KB of wasm.
                let tenths = (bytes.saturating_mul(10) + size / 2) / size;
                format!("{}.{} {unit}", tenths / 10, tenths % 10)
            };
        }
    }
    format!("{bytes} bytes")
}

/// A parsed `encryptionAlgorithm`.
enum Scheme<'a> {
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
enum Pkcs12Cipher {
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

    fn key_len(self) -> usize {
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

enum Kdf<'a> {
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

enum Prf {
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
    Other(ObjectIdentifier),
}

enum Cipher<'a> {
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

/// "1 iteration", "2048 iterations": how a scheme description counts them.
pub(crate) fn iterations_text(n: u64) -> String {
    if n == 1 {
        "1 iteration".into()
    } else {
        format!("{n} iterations")
    }
}

/// Splits an `EncryptedPrivateKeyInfo` into its scheme and ciphertext.
fn parse(der: &[u8]) -> Result<(Scheme<'_>, &[u8]), String> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use der::Encode;

    fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
        let len = content.len();
        let mut out = vec![tag];
        if len < 0x80 {
            out.push(len as u8);
        } else {
            out.extend_from_slice(&[0x82, (len >> 8) as u8, len as u8]);
        }
        out.extend_from_slice(content);
        out
    }

    fn oid(dotted: &str) -> Vec<u8> {
        ObjectIdentifier::new(dotted)
            .expect("valid OID")
            .to_der()
            .expect("encodable")
    }

    fn int(n: u64) -> Vec<u8> {
        let bytes = n.to_be_bytes();
        let start = bytes.iter().position(|&b| b != 0).unwrap_or(7);
        let mut content = bytes[start..].to_vec();
        if content[0] & 0x80 != 0 {
            content.insert(0, 0);
        }
        tlv(0x02, &content)
    }

    fn seq(parts: &[Vec<u8>]) -> Vec<u8> {
        tlv(0x30, &parts.concat())
    }

    fn encrypted(kdf: Vec<u8>, cipher: Vec<u8>, ciphertext: &[u8]) -> Vec<u8> {
        let pbes2 = seq(&[oid("1.2.840.113549.1.5.13"), seq(&[kdf, cipher])]);
        seq(&[pbes2, tlv(0x04, ciphertext)])
    }

    fn aes256() -> Vec<u8> {
        seq(&[oid("2.16.840.1.101.3.4.1.42"), tlv(0x04, &[0; 16])])
    }

    fn scrypt(n: u64, r: u64, p: u64) -> Vec<u8> {
        let params = seq(&[tlv(0x04, b"salt"), int(n), int(r), int(p)]);
        seq(&[oid("1.3.6.1.4.1.11591.4.11"), params])
    }

    fn pbkdf2(iterations: u64) -> Vec<u8> {
        let prf = seq(&[oid("1.2.840.113549.2.9"), vec![0x05, 0x00]]);
        let params = seq(&[tlv(0x04, b"salt"), int(iterations), prf]);
        seq(&[oid("1.2.840.113549.1.5.12"), params])
    }

    #[test]
    fn limits_are_enforced_before_deriving() {
        let der = encrypted(scrypt(1 << 20, 8, 1), aes256(), &[0; 32]);
        assert_eq!(
            describe_encryption(&der).as_deref(),
            Ok("PBES2 (scrypt N=1048576 r=8 p=1, AES-256-CBC)")
        );
        assert_eq!(
            decrypt_pkcs8(&der, b"pw"),
            Err(DecryptError::LimitExceeded(
                "scrypt needs 1 GiB of memory (N=2^20, r=8); the limit is 64 MiB".into()
            ))
        );
        let der = encrypted(scrypt(1 << 10, 8, 17), aes256(), &[0; 32]);
        assert!(matches!(
            decrypt_pkcs8(&der, b"pw"),
            Err(DecryptError::LimitExceeded(_))
        ));
        let der = encrypted(scrypt(2, 40_000, 16), aes256(), &[0; 32]);
        assert!(matches!(
            decrypt_pkcs8(&der, b"pw"),
            Err(DecryptError::LimitExceeded(m)) if m.contains("lanes")
        ));
        let der = encrypted(scrypt(2, 70_000, 1), aes256(), &[0; 32]);
        assert!(matches!(
            decrypt_pkcs8(&der, b"pw"),
            Err(DecryptError::Unsupported(_))
        ));
        // Absurd integers saturate rather than fail to parse.
        let der = encrypted(scrypt(u64::MAX, u64::MAX, 1), aes256(), &[0; 32]);
        assert!(matches!(
            decrypt_pkcs8(&der, b"pw"),
            Err(DecryptError::Malformed(_))
        ));
        let der = encrypted(pbkdf2(10_000_001), aes256(), &[0; 32]);
        assert_eq!(
            describe_encryption(&der).as_deref(),
            Ok("PBES2 (PBKDF2-HMAC-SHA256, 10000001 iterations, AES-256-CBC)")
        );
        assert_eq!(
            decrypt_pkcs8(&der, b"pw"),
            Err(DecryptError::LimitExceeded(
                "PBKDF2 with 10000001 iterations; the limit is 10,000,000".into()
            ))
        );
    }

    #[test]
    fn pkcs12_schemes_are_limited_before_deriving() {
        let pbe = |iterations| {
            let params = seq(&[tlv(0x04, &[1; 8]), int(iterations)]);
            seq(&[
                seq(&[oid("1.2.840.113549.1.12.1.3"), params]),
                tlv(0x04, &[0; 16]),
            ])
        };
        assert_eq!(
            describe_encryption(&pbe(2048)).as_deref(),
            Ok("PKCS#12 PBE (pbeWithSHA1And3-KeyTripleDES-CBC, 2048 iterations)")
        );
        assert_eq!(
            decrypt_pkcs8(&pbe(1 << 31), b"pw"),
            Err(DecryptError::LimitExceeded(
                "PKCS#12 PBE with 2147483648 iterations; the limit is 10,000,000".into()
            ))
        );
        // The key (two SHA-1 blocks) and the IV (one) each take the iterations.
        let mut budget = 10_000;
        let result = decrypt_pkcs8_within(&pbe(1000), b"pw", &mut budget);
        assert_eq!((result, budget), (Err(DecryptError::WrongPassword), 7_000));
    }

    #[test]
    fn keys_share_one_derivation_budget() {
        // Every derivation is paid for, wrong password or not; one that would overdraw the
        // budget is refused without deriving.
        let der = encrypted(pbkdf2(1_000), aes256(), &[0; 32]);
        let mut budget = 2_500;
        for _ in 0..2 {
            let result = decrypt_pkcs8_within(&der, b"pw", &mut budget);
            assert_eq!(result, Err(DecryptError::WrongPassword));
        }
        assert!(matches!(
            decrypt_pkcs8_within(&der, b"pw", &mut budget),
            Err(DecryptError::LimitExceeded(m)) if m.contains("on its own")
        ));
        assert_eq!(budget, 500);
        // scrypt costs 2·N·r·p.
        let der = encrypted(scrypt(16, 8, 2), aes256(), &[0; 32]);
        let mut budget = 512;
        let result = decrypt_pkcs8_within(&der, b"pw", &mut budget);
        assert_eq!((result, budget), (Err(DecryptError::WrongPassword), 0));
        // PBKDF2 costs its iterations for each PRF block of the key.
        let sha1 = seq(&[oid("1.2.840.113549.2.7"), vec![0x05, 0x00]]);
        let params = seq(&[tlv(0x04, b"salt"), int(100), sha1]);
        let sha1_kdf = seq(&[oid("1.2.840.113549.1.5.12"), params]);
        let der = encrypted(sha1_kdf, aes256(), &[0; 32]);
        let mut budget = 1_000;
        let result = decrypt_pkcs8_within(&der, b"pw", &mut budget);
        assert_eq!((result, budget), (Err(DecryptError::WrongPassword), 800));
        // Any one key within the limits fits the budget, so decrypt_pkcs8 never refuses it:
        // PBKDF2 needs at most two blocks (AES-256 or 3DES with SHA-1).
        const {
            let scrypt_max = 2 * (MAX_SCRYPT_MEMORY / 128) as u64 * MAX_SCRYPT_P;
            assert!(2 * MAX_PBKDF2_ITERATIONS <= KEY_DERIVATION_BUDGET);
            assert!(scrypt_max <= KEY_DERIVATION_BUDGET);
        }
    }

    #[test]
    fn bad_parameters_are_rejected_without_deriving() {
        let non_power = encrypted(scrypt(1000, 8, 1), aes256(), &[0; 32]);
        assert!(matches!(
            decrypt_pkcs8(&non_power, b"pw"),
            Err(DecryptError::Malformed(_))
        ));
        let partial_block = encrypted(pbkdf2(1), aes256(), &[0; 31]);
        assert!(matches!(
            decrypt_pkcs8(&partial_block, b"pw"),
            Err(DecryptError::Malformed(_))
        ));
        let short_iv = seq(&[oid("1.2.840.113549.3.7"), tlv(0x04, &[0; 4])]);
        let der = encrypted(pbkdf2(1), short_iv, &[0; 16]);
        assert!(matches!(
            decrypt_pkcs8(&der, b"pw"),
            Err(DecryptError::Malformed(_))
        ));
        assert!(describe_encryption(&der).is_err());
    }

    #[test]
    fn wrong_key_gives_wrong_password() {
        // Zero ciphertext under a random-looking key almost never has valid
        // padding; and if it did, it would not parse as PKCS#8.
        let der = encrypted(pbkdf2(1), aes256(), &[0; 32]);
        assert_eq!(decrypt_pkcs8(&der, b"pw"), Err(DecryptError::WrongPassword));
    }

    #[test]
    fn legacy_and_unknown_schemes_are_named() {
        let pbe = seq(&[
            oid("1.2.840.113549.1.5.3"),
            seq(&[tlv(0x04, &[1; 8]), int(2048)]),
        ]);
        let der = seq(&[pbe, tlv(0x04, &[0; 16])]);
        assert_eq!(
            describe_encryption(&der).as_deref(),
            Ok("PBES1 (pbeWithMD5AndDES-CBC, 2048 iterations)")
        );
        assert_eq!(
            decrypt_pkcs8(&der, b"pw"),
            Err(DecryptError::Unsupported(
                "PBES1 pbeWithMD5AndDES-CBC".into()
            ))
        );
        let der = seq(&[seq(&[oid("1.2.3.4")]), tlv(0x04, &[0; 16])]);
        assert_eq!(
            describe_encryption(&der).as_deref(),
            Ok("unknown encryption scheme 1.2.3.4")
        );
        let rc2 = seq(&[oid("1.2.840.113549.3.2"), tlv(0x04, &[0; 8])]);
        let der = encrypted(pbkdf2(1), rc2, &[0; 16]);
        assert_eq!(
            describe_encryption(&der).as_deref(),
            Ok("PBES2 (PBKDF2-HMAC-SHA256, 1 iteration, RC2-CBC)")
        );
        assert_eq!(
            decrypt_pkcs8(&der, b"pw"),
            Err(DecryptError::Unsupported("PBES2 with RC2-CBC".into()))
        );
    }

    #[test]
    fn sizes_are_human_readable() {
        assert_eq!(human_size(1 << 30), "1 GiB");
        assert_eq!(human_size(64 << 20), "64 MiB");
        assert_eq!(human_size(3 << 19), "1.5 MiB");
        assert_eq!(human_size(512 << 10), "512 KiB");
        assert_eq!(human_size(100), "100 bytes");
        // Rounded to the nearest tenth.
        assert_eq!(human_size((2 << 20) - 1), "2.0 MiB");
        assert_eq!(human_size(1_153_434), "1.1 MiB");
    }
}
