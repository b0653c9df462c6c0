//! Password-protected PKCS#8 keys (`BEGIN ENCRYPTED PRIVATE KEY`), and the same
//! password-based encryption inside PKCS#12 files (PBES2, and PKCS#12's own 3DES and RC2).
//!
//! The encryption parameters are parsed here rather than by the pkcs5 crate
//! so that unsupported schemes can still be described, hostile parameters
//! cannot reach code that assumes well-formed input, and cost limits are
//! enforced before any key derivation starts.

use std::fmt;

use der::asn1::OctetStringRef;
use der::Decode;
use pkcs5::pbes2;

use super::keys::KeyError;
use super::oid;
use super::pkcs12::{MacDigest, Password, Purpose};
use crate::tlv;

mod cost;
mod params;

use cost::checked_kdf;
pub use cost::KEY_DERIVATION_BUDGET;
pub(crate) use cost::{charge, checked_iterations, iterations_text};
use params::{parse, Cipher, Pkcs12Cipher, Scheme};

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

#[cfg(test)]
mod tests {
    use super::cost::{human_size, MAX_PBKDF2_ITERATIONS, MAX_SCRYPT_MEMORY, MAX_SCRYPT_P};
    use super::*;
    use der::asn1::ObjectIdentifier;
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
