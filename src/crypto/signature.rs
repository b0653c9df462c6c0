//! Signature algorithms and verification of certificate/CSR/CRL signatures.

use std::fmt;

use der::asn1::{AnyRef, ObjectIdentifier, UintRef};
use der::{Decode as _, Reader as _, SliceReader, TagMode, TagNumber};
use ecdsa::signature::hazmat::PrehashVerifier as _;
use ed25519_dalek::Verifier as _;
use pkcs8::spki::AlgorithmIdentifierRef;
use rsa::traits::PublicKeyParts as _;
use sha2::Digest as _;
use x509_parser::der_parser::asn1_rs::{Class, Tag as Asn1Tag};
use x509_parser::x509::AlgorithmIdentifier;

use crate::finding::Reason;

use super::keys::{self, Curve, KeyError, KeyMaterial, MAX_RSA_BITS};
use super::oid;

/// Message digest used by a signature algorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hash {
    /// MD5 (broken).
    Md5,
    /// SHA-1 (broken for signatures).
    Sha1,
    /// SHA-224.
    Sha224,
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

impl Hash {
    /// Conventional name: "MD5", "SHA-1", "SHA-256", ...
    pub fn name(self) -> &'static str {
        match self {
            Hash::Md5 => "MD5",
            Hash::Sha1 => "SHA-1",
            Hash::Sha224 => "SHA-224",
            Hash::Sha256 => "SHA-256",
            Hash::Sha384 => "SHA-384",
            Hash::Sha512 => "SHA-512",
        }
    }

    /// The spelling OpenSSL uses inside signature algorithm names ("SHA256").
    fn openssl_name(self) -> &'static str {
        match self {
            Hash::Md5 => "MD5",
            Hash::Sha1 => "SHA1",
            Hash::Sha224 => "SHA224",
            Hash::Sha256 => "SHA256",
            Hash::Sha384 => "SHA384",
            Hash::Sha512 => "SHA512",
        }
    }

    fn from_oid(oid: &ObjectIdentifier) -> Option<Hash> {
        match *oid {
            oid::MD5 => Some(Hash::Md5),
            oid::SHA1 => Some(Hash::Sha1),
            oid::SHA224 => Some(Hash::Sha224),
            oid::SHA256 => Some(Hash::Sha256),
            oid::SHA384 => Some(Hash::Sha384),
            oid::SHA512 => Some(Hash::Sha512),
            _ => None,
        }
    }

    fn output_len(self) -> usize {
        match self {
            Hash::Md5 => 16,
            Hash::Sha1 => 20,
            Hash::Sha224 => 28,
            Hash::Sha256 => 32,
            Hash::Sha384 => 48,
            Hash::Sha512 => 64,
        }
    }

    fn digest(self, data: &[u8]) -> Vec<u8> {
        match self {
            Hash::Md5 => md5::Md5::digest(data).to_vec(),
            Hash::Sha1 => sha1::Sha1::digest(data).to_vec(),
            Hash::Sha224 => sha2::Sha224::digest(data).to_vec(),
            Hash::Sha256 => sha2::Sha256::digest(data).to_vec(),
            Hash::Sha384 => sha2::Sha384::digest(data).to_vec(),
            Hash::Sha512 => sha2::Sha512::digest(data).to_vec(),
        }
    }

    /// DER `DigestInfo` header that precedes the digest in a PKCS#1 v1.5
    /// signature (RFC 8017 §9.2, note 1). Spelled out so the scheme does not
    /// depend on optional OID features of the hash crates.
    fn pkcs1_prefix(self) -> &'static [u8] {
        match self {
            Hash::Md5 => &[
                0x30, 0x20, 0x30, 0x0c, 0x06, 0x08, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x05,
                0x05, 0x00, 0x04, 0x10,
            ],
            Hash::Sha1 => &[
                0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04,
                0x14,
            ],
            Hash::Sha224 => &[
                0x30, 0x2d, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                0x04, 0x05, 0x00, 0x04, 0x1c,
            ],
            Hash::Sha256 => &[
                0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                0x01, 0x05, 0x00, 0x04, 0x20,
            ],
            Hash::Sha384 => &[
                0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                0x02, 0x05, 0x00, 0x04, 0x30,
            ],
            Hash::Sha512 => &[
                0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                0x03, 0x05, 0x00, 0x04, 0x40,
            ],
        }
    }
}

/// A signature algorithm as named by an X.509 `AlgorithmIdentifier`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignatureAlgorithm {
    /// RSASSA-PKCS1-v1_5.
    RsaPkcs1 {
        /// Digest.
        hash: Hash,
    },
    /// RSASSA-PSS with MGF1 using the same digest.
    RsaPss {
        /// Digest (also used by MGF1).
        hash: Hash,
        /// Salt length in bytes.
        salt_len: usize,
    },
    /// ECDSA.
    Ecdsa {
        /// Digest.
        hash: Hash,
    },
    /// Ed25519 (PureEdDSA).
    Ed25519,
    /// Ed448 (PureEdDSA).
    Ed448,
    /// SM2 signature with SM3.
    Sm2Sm3,
    /// DSA.
    Dsa {
        /// Digest.
        hash: Hash,
    },
    /// Anything else, including RSASSA-PSS with parameters this tool does not
    /// handle (e.g. an MGF1 digest differing from the message digest).
    Unknown {
        /// Dotted OID of the algorithm.
        oid: String,
    },
}

impl SignatureAlgorithm {
    /// Classifies an algorithm identifier, parsing RSASSA-PSS parameters.
    pub fn from_algorithm_identifier(alg: &AlgorithmIdentifier<'_>) -> SignatureAlgorithm {
        let unknown = || SignatureAlgorithm::Unknown {
            oid: alg.algorithm.to_id_string(),
        };
        let Ok(oid) = ObjectIdentifier::from_bytes(alg.algorithm.as_bytes()) else {
            return unknown();
        };
        use SignatureAlgorithm as S;
        match oid {
            oid::MD5_WITH_RSA => S::RsaPkcs1 { hash: Hash::Md5 },
            oid::SHA1_WITH_RSA => S::RsaPkcs1 { hash: Hash::Sha1 },
            oid::SHA224_WITH_RSA => S::RsaPkcs1 { hash: Hash::Sha224 },
            oid::SHA256_WITH_RSA => S::RsaPkcs1 { hash: Hash::Sha256 },
            oid::SHA384_WITH_RSA => S::RsaPkcs1 { hash: Hash::Sha384 },
            oid::SHA512_WITH_RSA => S::RsaPkcs1 { hash: Hash::Sha512 },
            oid::RSASSA_PSS => match &alg.parameters {
                // RFC 4055 requires the parameters; an empty SEQUENCE means
                // all defaults (SHA-1, MGF1-SHA-1, 20-byte salt).
                Some(p)
                    if p.header.class() == Class::Universal
                        && p.header.is_constructed()
                        && p.tag() == Asn1Tag::Sequence =>
                {
                    parse_pss_params(p.data)
                        .map(|(hash, salt_len)| S::RsaPss { hash, salt_len })
                        .unwrap_or_else(unknown)
                }
                _ => unknown(),
            },
            oid::ECDSA_SHA1 => S::Ecdsa { hash: Hash::Sha1 },
            oid::ECDSA_SHA224 => S::Ecdsa { hash: Hash::Sha224 },
            oid::ECDSA_SHA256 => S::Ecdsa { hash: Hash::Sha256 },
            oid::ECDSA_SHA384 => S::Ecdsa { hash: Hash::Sha384 },
            oid::ECDSA_SHA512 => S::Ecdsa { hash: Hash::Sha512 },
            oid::ED25519 => S::Ed25519,
            oid::ED448 => S::Ed448,
            oid::SM2_SM3 => S::Sm2Sm3,
            oid::DSA_SHA1 => S::Dsa { hash: Hash::Sha1 },
            oid::DSA_SHA224 => S::Dsa { hash: Hash::Sha224 },
            oid::DSA_SHA256 => S::Dsa { hash: Hash::Sha256 },
            oid::DSA_SHA384 => S::Dsa { hash: Hash::Sha384 },
            oid::DSA_SHA512 => S::Dsa { hash: Hash::Sha512 },
            _ => unknown(),
        }
    }

    /// The name `openssl x509 -text` prints ("sha256WithRSAEncryption",
    /// "rsassaPss", "ecdsa-with-SHA256", "ED25519", ...), else the dotted OID.
    pub fn name(&self) -> String {
        match self {
            SignatureAlgorithm::RsaPkcs1 { hash } => {
                format!("{}WithRSAEncryption", hash.openssl_name().to_lowercase())
            }
            SignatureAlgorithm::RsaPss { .. } => "rsassaPss".into(),
            SignatureAlgorithm::Ecdsa { hash } => format!("ecdsa-with-{}", hash.openssl_name()),
            SignatureAlgorithm::Ed25519 => "ED25519".into(),
            SignatureAlgorithm::Ed448 => "ED448".into(),
            SignatureAlgorithm::Sm2Sm3 => "SM2-with-SM3".into(),
            SignatureAlgorithm::Dsa { hash: Hash::Sha1 } => "dsaWithSHA1".into(),
            SignatureAlgorithm::Dsa { hash } => format!("dsa_with_{}", hash.openssl_name()),
            SignatureAlgorithm::Unknown { oid } => match oid.as_str() {
                "1.2.840.113549.1.1.2" => "md2WithRSAEncryption".into(),
                "1.2.840.113549.1.1.3" => "md4WithRSAEncryption".into(),
                "1.2.840.113549.1.1.10" => "rsassaPss".into(),
                "1.3.14.3.2.29" => "sha1WithRSA".into(),
                _ => oid.clone(),
            },
        }
    }

    /// `Some(Md5 | Sha1)` when the digest is broken for signatures.
    pub fn weak_hash(&self) -> Option<Hash> {
        match self {
            SignatureAlgorithm::RsaPkcs1 { hash }
            | SignatureAlgorithm::RsaPss { hash, .. }
            | SignatureAlgorithm::Ecdsa { hash }
            | SignatureAlgorithm::Dsa { hash } => {
                matches!(hash, Hash::Md5 | Hash::Sha1).then_some(*hash)
            }
            _ => None,
        }
    }
}

/// Parses the content of `RSASSA-PSS-params` (RFC 8017 A.2.3); `None` when
/// malformed or not expressible as "one digest for message and MGF1".
fn parse_pss_params(content: &[u8]) -> Option<(Hash, usize)> {
    let mut r = SliceReader::new(content).ok()?;
    let hash: Option<AlgorithmIdentifierRef<'_>> =
        r.context_specific(TagNumber::N0, TagMode::Explicit).ok()?;
    let mgf: Option<AlgorithmIdentifierRef<'_>> =
        r.context_specific(TagNumber::N1, TagMode::Explicit).ok()?;
    // Not u8 as in the pkcs1 crate: OpenSSL's maximal salts exceed 255 bytes
    // for 4096-bit keys.
    let salt_len: Option<u32> = r.context_specific(TagNumber::N2, TagMode::Explicit).ok()?;
    let trailer: Option<u32> = r.context_specific(TagNumber::N3, TagMode::Explicit).ok()?;
    if !r.is_finished() || trailer.unwrap_or(1) != 1 {
        return None;
    }
    let hash = match hash {
        Some(ai) => hash_from_identifier(&ai)?,
        None => Hash::Sha1,
    };
    let mgf_hash = match mgf {
        Some(ai) if ai.oid == oid::MGF1 => hash_from_identifier(
            &ai.parameters?
                .decode_as::<AlgorithmIdentifierRef<'_>>()
                .ok()?,
        )?,
        Some(_) => return None,
        None => Hash::Sha1,
    };
    (hash == mgf_hash).then_some(())?;
    Some((hash, usize::try_from(salt_len.unwrap_or(20)).ok()?))
}

fn hash_from_identifier(ai: &AlgorithmIdentifierRef<'_>) -> Option<Hash> {
    // Digest parameters are absent or NULL, depending on the encoder.
    match ai.parameters {
        None => {}
        Some(p) if p == AnyRef::NULL => {}
        Some(_) => return None,
    }
    Hash::from_oid(&ai.oid)
}

/// Why a signature did not verify.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VerifyError {
    /// The signature algorithm cannot be verified by this tool.
    UnsupportedAlgorithm(String),
    /// The issuer key type, curve or size cannot be used by this tool.
    UnsupportedKey(String),
    /// The signature algorithm does not fit the issuer's key type.
    AlgorithmKeyMismatch,
    /// The signature is not valid for this data and key.
    BadSignature,
    /// The issuer's public key could not be parsed.
    MalformedKey(String),
}

impl VerifyError {
    /// True when certlens cannot check the signature at all (an algorithm or key it does not
    /// implement), as opposed to a signature checked and found wrong.
    pub fn cannot_check(&self) -> bool {
        matches!(
            self,
            VerifyError::UnsupportedAlgorithm(_) | VerifyError::UnsupportedKey(_)
        )
    }

    /// The explanation as a catalogue phrase (`phrase.verify_*`) with its values.
    pub fn reason(&self) -> Reason {
        match self {
            VerifyError::UnsupportedAlgorithm(algorithm) => {
                Reason::new("phrase.verify_unsupported_algorithm")
                    .param("algorithm", algorithm.as_str())
            }
            VerifyError::UnsupportedKey(detail) => {
                Reason::new("phrase.verify_unsupported_key").param("detail", detail.as_str())
            }
            VerifyError::AlgorithmKeyMismatch => {
                Reason::new("phrase.verify_algorithm_key_mismatch")
            }
            VerifyError::BadSignature => Reason::new("phrase.verify_bad_signature"),
            VerifyError::MalformedKey(detail) => {
                Reason::new("phrase.verify_malformed_key").param("detail", detail.as_str())
            }
        }
    }
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let reason = self.reason();
        f.write_str(&crate::i18n::Catalogue::english().render(reason.phrase, &reason.params))
    }
}

impl std::error::Error for VerifyError {}

/// Verifies `signature` over `signed_data` (e.g. the DER TBSCertificate) with
/// the issuer's DER SubjectPublicKeyInfo.
///
/// Supported: RSA PKCS#1 v1.5 (MD5, SHA-1, SHA-2), RSA-PSS, ECDSA on P-256,
/// P-384 and P-521 with any SHA digest, Ed25519, and SM2 with SM3 (GB/T 32918,
/// with the default distinguishing ID [`SM2_DEFAULT_ID`]). RSA moduli above 16384
/// bits are refused. Weak digests verify; flagging them is up to the caller.
pub fn verify_signature(
    alg: &SignatureAlgorithm,
    signed_data: &[u8],
    signature: &[u8],
    issuer_spki_der: &[u8],
) -> Result<(), VerifyError> {
    match alg {
        SignatureAlgorithm::Ed448
        | SignatureAlgorithm::Dsa { .. }
        | SignatureAlgorithm::Unknown { .. }
        | SignatureAlgorithm::Ecdsa { hash: Hash::Md5 } => {
            return Err(VerifyError::UnsupportedAlgorithm(alg.name()))
        }
        _ => {}
    }
    let key = keys::parse_spki(issuer_spki_der).map_err(|e| match e {
        KeyError::Malformed(why) => VerifyError::MalformedKey(why),
        KeyError::Unsupported(why) => VerifyError::UnsupportedKey(why),
    })?;
    let curve = key.curve();
    match (alg, key.material) {
        (SignatureAlgorithm::RsaPkcs1 { hash }, KeyMaterial::Rsa { n, e }) => {
            // An RSASSA-PSS-restricted key must not make PKCS#1 v1.5 signatures.
            if key.rsa_algorithm.is_some() {
                return Err(VerifyError::AlgorithmKeyMismatch);
            }
            let scheme = rsa::Pkcs1v15Sign {
                hash_len: Some(hash.output_len()),
                prefix: hash.pkcs1_prefix().into(),
            };
            rsa_key(n, e)?
                .verify(scheme, &hash.digest(signed_data), signature)
                .map_err(|_| VerifyError::BadSignature)
        }
        (SignatureAlgorithm::RsaPss { hash, salt_len }, KeyMaterial::Rsa { n, e }) => {
            let key = rsa_key(n, e)?;
            // A salt longer than the modulus cannot verify; refusing it here
            // also keeps the rsa crate's length arithmetic far from overflow
            // on 32-bit targets.
            if *salt_len > key.size() {
                return Err(VerifyError::BadSignature);
            }
            let scheme = match hash {
                Hash::Md5 => rsa::Pss::new_with_salt::<md5::Md5>(*salt_len),
                Hash::Sha1 => rsa::Pss::new_with_salt::<sha1::Sha1>(*salt_len),
                Hash::Sha224 => rsa::Pss::new_with_salt::<sha2::Sha224>(*salt_len),
                Hash::Sha256 => rsa::Pss::new_with_salt::<sha2::Sha256>(*salt_len),
                Hash::Sha384 => rsa::Pss::new_with_salt::<sha2::Sha384>(*salt_len),
                Hash::Sha512 => rsa::Pss::new_with_salt::<sha2::Sha512>(*salt_len),
            };
            key.verify(scheme, &hash.digest(signed_data), signature)
                .map_err(|_| VerifyError::BadSignature)
        }
        (SignatureAlgorithm::Ecdsa { hash }, KeyMaterial::Ec { point, .. }) => {
            let curve = curve.ok_or_else(|| {
                VerifyError::UnsupportedKey("ECDSA on an unknown named curve".into())
            })?;
            ecdsa_verify(curve, point, &hash.digest(signed_data), signature)
        }
        (SignatureAlgorithm::Ed25519, KeyMaterial::Ed25519(key)) => {
            let key: [u8; 32] = key
                .try_into()
                .map_err(|_| VerifyError::MalformedKey("Ed25519 key is not 32 bytes".into()))?;
            let key = ed25519_dalek::VerifyingKey::from_bytes(&key).map_err(|_| {
                VerifyError::MalformedKey("Ed25519 key is not a valid point".into())
            })?;
            let sig = ed25519_dalek::Signature::from_slice(signature)
                .map_err(|_| VerifyError::BadSignature)?;
            // Plain RFC 8032 verification, like OpenSSL (no small-order key checks).
            key.verify(signed_data, &sig)
                .map_err(|_| VerifyError::BadSignature)
        }
        (SignatureAlgorithm::Sm2Sm3, KeyMaterial::Ec { point, .. }) => {
            if curve != Some(Curve::Sm2) {
                return Err(VerifyError::AlgorithmKeyMismatch);
            }
            sm2_verify(point, signed_data, signature)
        }
        _ => Err(VerifyError::AlgorithmKeyMismatch),
    }
}

/// The distinguishing ID (user ID) that certificates signed with SM2 use unless agreed
/// otherwise (GB/T 35276, RFC 8998): what OpenSSL, Tongsuo and GmSSL sign with by default.
pub const SM2_DEFAULT_ID: &str = "1234567812345678";

/// SM2 signature with SM3 (`Z_A` from the default distinguishing ID) over `signed_data`.
/// The signature is DER `SEQUENCE { r INTEGER, s INTEGER }`.
fn sm2_verify(point: &[u8], signed_data: &[u8], signature: &[u8]) -> Result<(), VerifyError> {
    use sm2::dsa::signature::Verifier as _;
    let key = sm2::dsa::VerifyingKey::from_sec1_bytes(SM2_DEFAULT_ID, point)
        .map_err(|_| VerifyError::MalformedKey("not a valid SM2 point".into()))?;
    let (r, s) = AnyRef::from_der(signature)
        .and_then(|any| {
            any.sequence(|reader| {
                let r: UintRef<'_> = reader.decode()?;
                let s: UintRef<'_> = reader.decode()?;
                Ok((r, s))
            })
        })
        .map_err(|_| VerifyError::BadSignature)?;
    let mut raw = [0u8; 64];
    for (half, value) in raw.chunks_exact_mut(32).zip([r.as_bytes(), s.as_bytes()]) {
        let start = 32usize
            .checked_sub(value.len())
            .ok_or(VerifyError::BadSignature)?;
        half.get_mut(start..)
            .ok_or(VerifyError::BadSignature)?
            .copy_from_slice(value);
    }
    let sig = sm2::dsa::Signature::from_slice(&raw).map_err(|_| VerifyError::BadSignature)?;
    key.verify(signed_data, &sig)
        .map_err(|_| VerifyError::BadSignature)
}

/// Builds an RSA key after bounding its size, so that the modular
/// exponentiation stays cheap whatever the input.
fn rsa_key(n: &[u8], e: &[u8]) -> Result<rsa::RsaPublicKey, VerifyError> {
    let bits = keys::bit_len(n);
    if bits > MAX_RSA_BITS {
        return Err(VerifyError::UnsupportedKey(format!(
            "RSA modulus of {bits} bits exceeds the limit of {MAX_RSA_BITS} bits"
        )));
    }
    // The rsa crate rejects exponents above 2^33-1; check before allocating.
    if e.len() > 8 {
        return Err(VerifyError::UnsupportedKey(
            "RSA public exponent is too large".into(),
        ));
    }
    rsa::RsaPublicKey::new_with_max_size(
        rsa::BigUint::from_bytes_be(n),
        rsa::BigUint::from_bytes_be(e),
        MAX_RSA_BITS,
    )
    .map_err(|err| VerifyError::MalformedKey(format!("invalid RSA key: {err}")))
}

fn ecdsa_verify(
    curve: Curve,
    point: &[u8],
    prehash: &[u8],
    signature: &[u8],
) -> Result<(), VerifyError> {
    // The ecdsa crate refuses digests shorter than half the field (SHA-1 on
    // P-384/P-521). Left-padding with zeros keeps the integer value that
    // FIPS 186 uses for short digests, so the result is the standard one.
    let field_len = curve.field_len();
    let mut padded = Vec::new();
    let prehash = if prehash.len() < field_len / 2 {
        padded.resize(field_len - prehash.len(), 0);
        padded.extend_from_slice(prehash);
        &padded
    } else {
        prehash
    };
    macro_rules! verify {
        ($c:ident) => {{
            let key = $c::ecdsa::VerifyingKey::from_sec1_bytes(point).map_err(|_| {
                VerifyError::MalformedKey(format!("not a valid {} point", curve.name()))
            })?;
            let sig =
                $c::ecdsa::Signature::from_der(signature).map_err(|_| VerifyError::BadSignature)?;
            key.verify_prehash(prehash, &sig)
                .map_err(|_| VerifyError::BadSignature)
        }};
    }
    match curve {
        Curve::P256 => verify!(p256),
        Curve::P384 => verify!(p384),
        Curve::P521 => verify!(p521),
        Curve::Secp256k1 | Curve::Sm2 => Err(VerifyError::UnsupportedKey(format!(
            "ECDSA on curve {} is not supported",
            curve.name()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use x509_parser::der_parser::asn1_rs::{Any, FromDer, Oid};

    /// Parses a DER AlgorithmIdentifier the way x509-parser hands it over.
    fn classify(der: &[u8]) -> SignatureAlgorithm {
        let (rest, alg) = AlgorithmIdentifier::from_der(der).expect("valid AlgorithmIdentifier");
        assert!(rest.is_empty());
        SignatureAlgorithm::from_algorithm_identifier(&alg)
    }

    fn alg_id(oid: &[u8], params: &[u8]) -> Vec<u8> {
        let body = [&[0x06, oid.len() as u8][..], oid, params].concat();
        [&[0x30, body.len() as u8][..], &body].concat()
    }

    const PSS: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a];
    const SHA256_AI: &[u8] = &[
        0x30, 0x0b, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01,
    ];

    fn pss_params(mgf_hash: &[u8], salt: &[u8]) -> Vec<u8> {
        let mgf = alg_id(
            &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x08],
            mgf_hash,
        );
        let body = [
            &[0xa0, SHA256_AI.len() as u8][..],
            SHA256_AI,
            &[0xa1, mgf.len() as u8],
            &mgf,
            &[0xa2, salt.len() as u8 + 2, 0x02, salt.len() as u8],
            salt,
        ]
        .concat();
        [&[0x30, body.len() as u8][..], &body].concat()
    }

    #[test]
    fn classifies_common_algorithms() {
        let sha256_rsa = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b];
        let alg = classify(&alg_id(&sha256_rsa, &[0x05, 0x00]));
        assert_eq!(alg, SignatureAlgorithm::RsaPkcs1 { hash: Hash::Sha256 });
        assert_eq!(alg.name(), "sha256WithRSAEncryption");
        assert_eq!(alg.weak_hash(), None);

        let ecdsa_sha1 = [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x01];
        let alg = classify(&alg_id(&ecdsa_sha1, &[]));
        assert_eq!(alg.name(), "ecdsa-with-SHA1");
        assert_eq!(alg.weak_hash(), Some(Hash::Sha1));

        let alg = classify(&alg_id(&[0x2b, 0x65, 0x70], &[]));
        assert_eq!((alg.name(), alg.weak_hash()), ("ED25519".into(), None));

        let md2_rsa = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x02];
        assert_eq!(
            classify(&alg_id(&md2_rsa, &[0x05, 0x00])).name(),
            "md2WithRSAEncryption"
        );
        assert_eq!(
            classify(&alg_id(&[0x2a, 0x03, 0x04], &[])).name(),
            "1.2.3.4"
        );
        assert_eq!(
            SignatureAlgorithm::Dsa { hash: Hash::Sha256 }.name(),
            "dsa_with_SHA256"
        );
        assert_eq!(
            SignatureAlgorithm::RsaPkcs1 { hash: Hash::Md5 }.weak_hash(),
            Some(Hash::Md5)
        );
    }

    #[test]
    fn parses_pss_parameters() {
        let alg = classify(&alg_id(PSS, &pss_params(SHA256_AI, &[0x01, 0xde])));
        assert_eq!(
            alg,
            SignatureAlgorithm::RsaPss {
                hash: Hash::Sha256,
                salt_len: 478
            }
        );
        assert_eq!(alg.name(), "rsassaPss");
        // Empty parameters: all defaults.
        assert_eq!(
            classify(&alg_id(PSS, &[0x30, 0x00])),
            SignatureAlgorithm::RsaPss {
                hash: Hash::Sha1,
                salt_len: 20
            }
        );
        // MGF1 with SHA-1 while the message digest is SHA-256.
        let sha1_ai = [0x30, 0x07, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a];
        let mixed = classify(&alg_id(PSS, &pss_params(&sha1_ai, &[0x20])));
        assert_eq!(
            mixed,
            SignatureAlgorithm::Unknown {
                oid: "1.2.840.113549.1.1.10".into()
            }
        );
        assert_eq!(mixed.name(), "rsassaPss");
        // Missing parameters and trailing garbage.
        assert!(matches!(
            classify(&alg_id(PSS, &[])),
            SignatureAlgorithm::Unknown { .. }
        ));
        assert!(matches!(
            classify(&alg_id(PSS, &[0x30, 0x02, 0x05, 0x00])),
            SignatureAlgorithm::Unknown { .. }
        ));
    }

    #[test]
    fn unknown_oids_keep_their_dotted_form() {
        let oid = Oid::from(&[1, 3, 6, 1, 4, 1, 99999, 1]).expect("valid OID");
        let alg = AlgorithmIdentifier::new(oid, None::<Any<'_>>);
        let alg = SignatureAlgorithm::from_algorithm_identifier(&alg);
        assert_eq!(alg.name(), "1.3.6.1.4.1.99999.1");
    }

    #[test]
    fn unsupported_algorithms_and_mismatches_are_reported() {
        for alg in [
            SignatureAlgorithm::Ed448,
            SignatureAlgorithm::Dsa { hash: Hash::Sha256 },
        ] {
            assert_eq!(
                verify_signature(&alg, b"data", b"sig", &[]),
                Err(VerifyError::UnsupportedAlgorithm(alg.name()))
            );
        }
        // Ed25519 key (all-zero bytes) with an RSA signature algorithm.
        let spki = [
            &[
                0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
            ][..],
            &[0u8; 32],
        ]
        .concat();
        assert_eq!(
            verify_signature(
                &SignatureAlgorithm::RsaPkcs1 { hash: Hash::Sha256 },
                b"data",
                b"sig",
                &spki
            ),
            Err(VerifyError::AlgorithmKeyMismatch)
        );
        assert!(matches!(
            verify_signature(&SignatureAlgorithm::Ed25519, b"data", b"sig", &[0x30]),
            Err(VerifyError::MalformedKey(_))
        ));
    }

    #[test]
    fn huge_rsa_keys_are_refused_cheaply() {
        let n = vec![0xffu8; MAX_RSA_BITS / 8 + 1];
        assert!(matches!(
            rsa_key(&n, &[1, 0, 1]),
            Err(VerifyError::UnsupportedKey(_))
        ));
        assert!(matches!(
            rsa_key(&[0xff; 256], &[1; 9]),
            Err(VerifyError::UnsupportedKey(_))
        ));
    }
}
