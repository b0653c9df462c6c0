//! Public and private keys: parsing, the canonical SubjectPublicKeyInfo that
//! OpenSSL would print for them, and key comparison.

use std::fmt;

use base64::Engine as _;
use der::asn1::{AnyRef, BitStringRef, ContextSpecific, ObjectIdentifier, OctetStringRef, UintRef};
use der::{Decode, Encode, Reader as _, Tag, TagMode, TagNumber, Tagged as _};
use md5::Digest as _;
use p256::elliptic_curve::sec1::ToEncodedPoint as _;
use pkcs8::spki::{AlgorithmIdentifierRef, SubjectPublicKeyInfoRef};

use super::oid;

/// Largest RSA modulus (in bits) that is verified or checked; anything bigger
/// is refused so that hostile keys cannot make big-number arithmetic slow.
pub(crate) const MAX_RSA_BITS: usize = 16384;

/// Public key algorithm family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum KeyAlgorithm {
    /// RSA, including RSASSA-PSS-restricted keys.
    Rsa,
    /// ECDSA/ECDH key on a named curve (`id-ecPublicKey`).
    Ec,
    /// Ed25519.
    Ed25519,
    /// Ed448.
    Ed448,
    /// `id-ecPublicKey` on the Chinese SM2 curve.
    Sm2,
    /// DSA.
    Dsa,
    /// Any other algorithm.
    Unknown,
}

/// What the report shows about a key: `{"algorithm": "rsa", "bits": 2048, "curve": null}`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct KeyInfo {
    /// Algorithm family.
    pub algorithm: KeyAlgorithm,
    /// Key size: RSA/DSA modulus length, curve order size for EC, 256 for
    /// Ed25519, 456 for Ed448; 0 when unknown.
    pub bits: u32,
    /// Curve name ("P-256", "P-384", "P-521", "secp256k1", "SM2") for EC keys
    /// on a known named curve; `None` otherwise (including EdDSA).
    pub curve: Option<&'static str>,
}

/// Why a key could not be parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyError {
    /// The bytes are not a valid encoding of the expected structure.
    Malformed(String),
    /// The structure is valid but uses something this tool does not handle.
    Unsupported(String),
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyError::Malformed(why) => write!(f, "malformed key: {why}"),
            KeyError::Unsupported(why) => write!(f, "unsupported key: {why}"),
        }
    }
}

impl std::error::Error for KeyError {}

fn malformed(what: &str, err: der::Error) -> KeyError {
    KeyError::Malformed(format!("{what}: {err}"))
}

/// A public key in canonical form, comparable between certificates, CSRs and
/// private keys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicKey {
    /// Algorithm, size and curve.
    pub info: KeyInfo,
    /// DER SubjectPublicKeyInfo exactly as `openssl pkey -pubout` /
    /// `openssl x509 -pubkey` would print it.
    pub spki_der: Vec<u8>,
}

impl PublicKey {
    /// Parses a DER SubjectPublicKeyInfo (from a certificate, a CSR or a
    /// `BEGIN PUBLIC KEY` block). Unknown algorithms are accepted with
    /// [`KeyAlgorithm::Unknown`] so the report can still show them.
    pub fn from_spki_der(der: &[u8]) -> Result<PublicKey, KeyError> {
        let parsed = parse_spki(der)?;
        match parsed.material {
            KeyMaterial::Rsa { n, e } => rsa_public_key(n, e, parsed.rsa_algorithm),
            KeyMaterial::Ec { curve_oid, point } => ec_public_key(curve_oid, point),
            KeyMaterial::Ed25519(key) => ed25519_public_key(key),
            KeyMaterial::Other => Ok(PublicKey {
                info: parsed.info,
                spki_der: der.to_vec(),
            }),
        }
    }

    /// Parses a PKCS#1 `RSAPublicKey` (`BEGIN RSA PUBLIC KEY`).
    pub fn from_pkcs1_rsa_public_der(der: &[u8]) -> Result<PublicKey, KeyError> {
        let key = pkcs1::RsaPublicKey::from_der(der).map_err(|e| malformed("RSA public key", e))?;
        rsa_public_key(key.modulus.as_bytes(), key.public_exponent.as_bytes(), None)
    }

    /// Same key material? RSA compares modulus and exponent (so an
    /// RSASSA-PSS-restricted key equals its plain RSA twin), EC compares curve
    /// and point (compressed and uncompressed forms of a point are equal),
    /// everything else compares the encoded key.
    pub fn same_key(&self, other: &PublicKey) -> bool {
        if let (Ok(a), Ok(b)) = (parse_spki(&self.spki_der), parse_spki(&other.spki_der)) {
            match (a.material, b.material) {
                (KeyMaterial::Rsa { n, e }, KeyMaterial::Rsa { n: n2, e: e2 }) => {
                    return n == n2 && e == e2
                }
                (
                    KeyMaterial::Ec { curve_oid, point },
                    KeyMaterial::Ec {
                        curve_oid: curve_oid2,
                        point: point2,
                    },
                ) => return curve_oid == curve_oid2 && points_equal(point, point2),
                _ => {}
            }
        }
        self.spki_der == other.spki_der
    }

    /// 32 lowercase hex digits, equal to `openssl x509 -noout -pubkey | openssl md5`
    /// (the MD5 of [`PublicKey::pem`]).
    pub fn pubkey_md5(&self) -> String {
        md5::Md5::digest(self.pem().as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// The key as OpenSSL prints it: `-----BEGIN PUBLIC KEY-----`, base64 in
    /// 64-character lines, `-----END PUBLIC KEY-----`, each line ending in `\n`.
    pub fn pem(&self) -> String {
        let b64 = base64::engine::general_purpose::STANDARD.encode(&self.spki_der);
        let mut out = String::with_capacity(b64.len() + b64.len() / 64 + 60);
        out.push_str("-----BEGIN PUBLIC KEY-----\n");
        for (i, c) in b64.chars().enumerate() {
            if i > 0 && i % 64 == 0 {
                out.push('\n');
            }
            out.push(c);
        }
        out.push_str("\n-----END PUBLIC KEY-----\n");
        out
    }
}

/// Encoding of a private key given to [`parse_private_key`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PrivateKeyFormat {
    /// PKCS#8 `PrivateKeyInfo`/`OneAsymmetricKey` (`BEGIN PRIVATE KEY`).
    Pkcs8,
    /// PKCS#1 `RSAPrivateKey` (`BEGIN RSA PRIVATE KEY`).
    Pkcs1Rsa,
    /// SEC1 `ECPrivateKey` (`BEGIN EC PRIVATE KEY`).
    Sec1Ec,
}

/// What a private key reveals about itself. Holds no secret material.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrivateKey {
    /// The matching public key, encoded as `openssl pkey -pubout` prints it.
    pub public: PublicKey,
    /// Encoding the key was parsed from.
    pub format: PrivateKeyFormat,
    /// SEC1/PKCS#8-v2 keys may carry the public key; false when it had to be
    /// derived from the private scalar (always true for RSA).
    pub public_key_embedded: bool,
    /// Set when the key is internally inconsistent (embedded public key does
    /// not match the private one, RSA n != p*q), phrased for a user.
    pub inconsistency: Option<String>,
}

/// Parses an unencrypted private key and derives its public key.
///
/// EC keys that embed their public point report that point (as OpenSSL does)
/// and set [`PrivateKey::inconsistency`] if it does not match the scalar.
pub fn parse_private_key(der: &[u8], format: PrivateKeyFormat) -> Result<PrivateKey, KeyError> {
    let (public, public_key_embedded, inconsistency) = match format {
        PrivateKeyFormat::Pkcs1Rsa => rsa_private(der, None)?,
        PrivateKeyFormat::Sec1Ec => sec1_private(der, None)?,
        PrivateKeyFormat::Pkcs8 => pkcs8_private(der)?,
    };
    Ok(PrivateKey {
        public,
        format,
        public_key_embedded,
        inconsistency,
    })
}

type Parsed = (PublicKey, bool, Option<String>);

fn pkcs8_private(der: &[u8]) -> Result<Parsed, KeyError> {
    let info = pkcs8::PrivateKeyInfo::from_der(der).map_err(|e| malformed("PKCS#8 key", e))?;
    let alg = info.algorithm;
    match alg.oid {
        oid::RSA_ENCRYPTION => rsa_private(info.private_key, None),
        oid::RSASSA_PSS => rsa_private(info.private_key, Some(alg)),
        oid::EC_PUBLIC_KEY => {
            let outer = match alg.parameters {
                Some(params) => Some(curve_from_params(params)?),
                None => None,
            };
            sec1_private(info.private_key, outer)
        }
        oid::ED25519 => ed25519_private(info.private_key, info.public_key),
        oid::ED448 => match info.public_key {
            // Deriving needs Ed448 arithmetic, which no dependency offers.
            Some(key) if key.len() == 57 => {
                let spki = encode_spki(ed_algorithm(oid::ED448), key)?;
                Ok((PublicKey::from_spki_der(&spki)?, true, None))
            }
            _ => Err(KeyError::Unsupported(
                "deriving the public key of an Ed448 private key is not supported".into(),
            )),
        },
        oid::DSA => Err(KeyError::Unsupported(
            "DSA private keys are not supported".into(),
        )),
        other => Err(KeyError::Unsupported(format!(
            "private key algorithm {other} is not supported"
        ))),
    }
}

fn ed25519_private(inner: &[u8], embedded: Option<&[u8]>) -> Result<Parsed, KeyError> {
    // RFC 8410: the PKCS#8 privateKey holds a second OCTET STRING with the seed.
    let seed = OctetStringRef::from_der(inner).map_err(|e| malformed("Ed25519 private key", e))?;
    let seed: [u8; 32] = seed
        .as_bytes()
        .try_into()
        .map_err(|_| KeyError::Malformed("Ed25519 private key is not 32 bytes long".into()))?;
    let derived = ed25519_dalek::SigningKey::from_bytes(&seed)
        .verifying_key()
        .to_bytes();
    // OpenSSL always derives the public key from the seed, so report that one.
    let public = ed25519_public_key(&derived)?;
    let inconsistency = match embedded {
        Some(key) if key != derived.as_slice() => Some(
            "the public key stored in the Ed25519 private key does not match its private key"
                .to_string(),
        ),
        _ => None,
    };
    Ok((public, embedded.is_some(), inconsistency))
}

fn rsa_private(der: &[u8], alg: Option<AlgorithmIdentifierRef<'_>>) -> Result<Parsed, KeyError> {
    let key = pkcs1::RsaPrivateKey::from_der(der).map_err(|e| malformed("RSA private key", e))?;
    let n = key.modulus.as_bytes();
    let public = rsa_public_key(n, key.public_exponent.as_bytes(), alg)?;
    // n == p*q is a cheap multiplication; it catches keys whose parts were
    // mixed up. Multi-prime keys and absurd sizes are left alone.
    let (p, q) = (key.prime1.as_bytes(), key.prime2.as_bytes());
    let n_bits = bit_len(n);
    let mismatch = if key.other_prime_infos.is_some() || n_bits > MAX_RSA_BITS {
        false
    } else if bit_len(p) + bit_len(q) > n_bits + 1 {
        // p*q >= 2^(bits(p)+bits(q)-2) >= 2^bits(n) > n: no need to multiply
        // (and oversized primes could make the multiplication slow).
        true
    } else {
        rsa::BigUint::from_bytes_be(p) * rsa::BigUint::from_bytes_be(q)
            != rsa::BigUint::from_bytes_be(n)
    };
    let inconsistency = mismatch
        .then(|| "the RSA modulus is not the product of the key's primes p and q".to_string());
    Ok((public, true, inconsistency))
}

fn sec1_private(der: &[u8], outer_curve: Option<ObjectIdentifier>) -> Result<Parsed, KeyError> {
    let (scalar, params, embedded) = AnyRef::from_der(der)
        .and_then(|any| {
            any.sequence(|r| {
                let version: u8 = r.decode()?;
                if version != 1 {
                    return Err(Tag::Integer.value_error());
                }
                let scalar = OctetStringRef::decode(r)?.as_bytes();
                let params = ContextSpecific::<AnyRef<'_>>::decode_explicit(r, TagNumber::N0)?;
                let public: Option<BitStringRef<'_>> =
                    r.context_specific(TagNumber::N1, TagMode::Explicit)?;
                Ok((scalar, params.map(|p| p.value), public))
            })
        })
        .map_err(|e| malformed("EC private key", e))?;
    let inner_curve = match params {
        Some(params) => Some(curve_from_params(params)?),
        None => None,
    };
    let curve_oid = match (outer_curve, inner_curve) {
        (Some(a), Some(b)) if a != b => {
            return Err(KeyError::Malformed(
                "the curve named by the PKCS#8 wrapper differs from the one in the EC key".into(),
            ))
        }
        (Some(c), _) | (None, Some(c)) => c,
        (None, None) => {
            return Err(KeyError::Malformed(
                "the EC private key does not name its curve".into(),
            ))
        }
    };
    let embedded = match embedded {
        Some(bits) => Some(bits.as_bytes().ok_or_else(|| {
            KeyError::Malformed("EC public key bit string has unused bits".into())
        })?),
        None => None,
    };
    let curve = Curve::from_oid(&curve_oid);
    let derived = match curve {
        Some(curve) if curve.has_arithmetic() => {
            Some(derive_ec_point(curve, scalar).ok_or_else(|| {
                KeyError::Malformed(format!(
                    "the EC private key is not a valid {} scalar",
                    curve.name()
                ))
            })?)
        }
        _ => None,
    };
    match (embedded, derived) {
        (Some(point), derived) => {
            // OpenSSL reports the stored point even if it is wrong, so do the
            // same and flag the mismatch.
            let public = ec_public_key(curve_oid, point)?;
            let inconsistency = derived.filter(|d| !points_equal(point, d)).map(|_| {
                "the public key stored in the EC private key does not match its private scalar"
                    .to_string()
            });
            Ok((public, true, inconsistency))
        }
        (None, Some(derived)) => Ok((ec_public_key(curve_oid, &derived)?, false, None)),
        (None, None) => Err(KeyError::Unsupported(format!(
            "deriving the public key on curve {} is not supported",
            curve.map_or_else(|| curve_oid.to_string(), |c| c.name().to_string())
        ))),
    }
}

/// Uncompressed public point for `scalar`, or `None` if the scalar is invalid.
fn derive_ec_point(curve: Curve, scalar: &[u8]) -> Option<Vec<u8>> {
    macro_rules! derive {
        ($c:ident) => {
            $c::SecretKey::from_slice(scalar)
                .ok()
                .map(|k| k.public_key().to_encoded_point(false).as_bytes().to_vec())
        };
    }
    match curve {
        Curve::P256 => derive!(p256),
        Curve::P384 => derive!(p384),
        Curve::P521 => derive!(p521),
        Curve::Sm2 => derive!(sm2),
        Curve::Secp256k1 => None,
    }
}

/// Named curves the tool knows by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Curve {
    P256,
    P384,
    P521,
    Secp256k1,
    Sm2,
}

impl Curve {
    fn from_oid(oid: &ObjectIdentifier) -> Option<Curve> {
        match *oid {
            oid::P256 => Some(Curve::P256),
            oid::P384 => Some(Curve::P384),
            oid::P521 => Some(Curve::P521),
            oid::SECP256K1 => Some(Curve::Secp256k1),
            oid::SM2_CURVE => Some(Curve::Sm2),
            _ => None,
        }
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Curve::P256 => "P-256",
            Curve::P384 => "P-384",
            Curve::P521 => "P-521",
            Curve::Secp256k1 => "secp256k1",
            Curve::Sm2 => "SM2",
        }
    }

    fn bits(self) -> u32 {
        match self {
            Curve::P256 | Curve::Secp256k1 | Curve::Sm2 => 256,
            Curve::P384 => 384,
            Curve::P521 => 521,
        }
    }

    /// Length of a field element (a point coordinate) in bytes.
    pub(crate) fn field_len(self) -> usize {
        match self {
            Curve::P256 | Curve::Secp256k1 | Curve::Sm2 => 32,
            Curve::P384 => 48,
            Curve::P521 => 66,
        }
    }

    /// Whether the dependencies implement arithmetic on this curve.
    fn has_arithmetic(self) -> bool {
        matches!(self, Curve::P256 | Curve::P384 | Curve::P521 | Curve::Sm2)
    }
}

/// Key material borrowed from a parsed SubjectPublicKeyInfo.
pub(crate) enum KeyMaterial<'a> {
    /// Modulus and exponent, big-endian without leading zeros.
    Rsa { n: &'a [u8], e: &'a [u8] },
    /// Named curve and SEC1-encoded point.
    Ec {
        curve_oid: ObjectIdentifier,
        point: &'a [u8],
    },
    /// The 32-byte public key.
    Ed25519(&'a [u8]),
    /// Anything compared by its encoding only.
    Other,
}

pub(crate) struct ParsedSpki<'a> {
    pub info: KeyInfo,
    pub material: KeyMaterial<'a>,
    /// For RSA: the algorithm identifier to keep when re-encoding (`Some` for
    /// RSASSA-PSS-restricted keys, whose parameters OpenSSL prints back).
    pub rsa_algorithm: Option<AlgorithmIdentifierRef<'a>>,
}

impl ParsedSpki<'_> {
    /// The curve of an EC key, when it is one the tool knows.
    pub fn curve(&self) -> Option<Curve> {
        match &self.material {
            KeyMaterial::Ec { curve_oid, .. } => Curve::from_oid(curve_oid),
            _ => None,
        }
    }
}

pub(crate) fn parse_spki(der: &[u8]) -> Result<ParsedSpki<'_>, KeyError> {
    let spki =
        SubjectPublicKeyInfoRef::from_der(der).map_err(|e| malformed("SubjectPublicKeyInfo", e))?;
    let alg = spki.algorithm;
    let key = spki
        .subject_public_key
        .as_bytes()
        .ok_or_else(|| KeyError::Malformed("public key bit string has unused bits".into()))?;
    let info = |algorithm, bits, curve| KeyInfo {
        algorithm,
        bits,
        curve,
    };
    let parsed = |info, material| ParsedSpki {
        info,
        material,
        rsa_algorithm: None,
    };
    match alg.oid {
        oid::RSA_ENCRYPTION | oid::RSASSA_PSS => {
            let pk = pkcs1::RsaPublicKey::from_der(key).map_err(|e| malformed("RSA key", e))?;
            let (n, e) = (pk.modulus.as_bytes(), pk.public_exponent.as_bytes());
            check_rsa(n, e)?;
            Ok(ParsedSpki {
                info: info(KeyAlgorithm::Rsa, bits_u32(bit_len(n)), None),
                material: KeyMaterial::Rsa { n, e },
                rsa_algorithm: (alg.oid == oid::RSASSA_PSS).then_some(alg),
            })
        }
        oid::EC_PUBLIC_KEY => {
            let params = alg.parameters.ok_or_else(|| {
                KeyError::Malformed("EC public key without curve parameters".into())
            })?;
            let curve_oid = curve_from_params(params)?;
            let curve = Curve::from_oid(&curve_oid);
            check_point(key, curve)?;
            let info = match curve {
                Some(Curve::Sm2) => info(KeyAlgorithm::Sm2, 256, Some("SM2")),
                Some(c) => info(KeyAlgorithm::Ec, c.bits(), Some(c.name())),
                None => info(KeyAlgorithm::Ec, 0, None),
            };
            Ok(parsed(
                info,
                KeyMaterial::Ec {
                    curve_oid,
                    point: key,
                },
            ))
        }
        oid::ED25519 | oid::ED448 => {
            let (algorithm, len, bits) = if alg.oid == oid::ED25519 {
                (KeyAlgorithm::Ed25519, 32, 256)
            } else {
                (KeyAlgorithm::Ed448, 57, 456)
            };
            if alg.parameters.is_some() || key.len() != len {
                return Err(KeyError::Malformed(format!(
                    "{algorithm:?} public key must be {len} bytes without parameters"
                )));
            }
            let material = if algorithm == KeyAlgorithm::Ed25519 {
                KeyMaterial::Ed25519(key)
            } else {
                KeyMaterial::Other
            };
            Ok(parsed(info(algorithm, bits, None), material))
        }
        oid::DSA => {
            // Parameters may be inherited from the issuer, hence optional.
            let bits = match alg.parameters {
                Some(params) => params
                    .sequence(|r| {
                        let p: UintRef<'_> = r.decode()?;
                        let _q: UintRef<'_> = r.decode()?;
                        let _g: UintRef<'_> = r.decode()?;
                        Ok(bit_len(p.as_bytes()))
                    })
                    .map_err(|e| malformed("DSA parameters", e))?,
                None => 0,
            };
            Ok(parsed(
                info(KeyAlgorithm::Dsa, bits_u32(bits), None),
                KeyMaterial::Other,
            ))
        }
        _ => Ok(parsed(
            info(KeyAlgorithm::Unknown, 0, None),
            KeyMaterial::Other,
        )),
    }
}

fn curve_from_params(params: AnyRef<'_>) -> Result<ObjectIdentifier, KeyError> {
    match params.tag() {
        Tag::ObjectIdentifier => params
            .decode_as::<ObjectIdentifier>()
            .map_err(|e| malformed("EC curve", e)),
        Tag::Sequence => Err(KeyError::Unsupported(
            "EC keys with explicit curve parameters are not supported (only named curves)".into(),
        )),
        other => Err(KeyError::Malformed(format!(
            "EC curve parameters must name a curve, found {other}"
        ))),
    }
}

fn check_rsa(n: &[u8], e: &[u8]) -> Result<(), KeyError> {
    if bit_len(n) == 0 || bit_len(e) == 0 {
        return Err(KeyError::Malformed(
            "RSA modulus and exponent must not be zero".into(),
        ));
    }
    Ok(())
}

/// Checks the SEC1 point encoding (not that the point is on the curve, which
/// verification does) so that comparisons see well-formed coordinates.
fn check_point(point: &[u8], curve: Option<Curve>) -> Result<(), KeyError> {
    let coords = point.len().saturating_sub(1);
    let ok = match point.first() {
        Some(0x04 | 0x06 | 0x07) => {
            coords > 0 && coords % 2 == 0 && curve.map_or(coords, |c| 2 * c.field_len()) == coords
        }
        Some(0x02 | 0x03) => coords > 0 && curve.map_or(coords, Curve::field_len) == coords,
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(KeyError::Malformed(format!(
            "EC public point is not a valid encoding ({} bytes)",
            point.len()
        )))
    }
}

/// Compares two SEC1 points without curve arithmetic: the x coordinate plus
/// the parity of y identify a point, which is what a compressed point holds.
pub(crate) fn points_equal(a: &[u8], b: &[u8]) -> bool {
    enum Y<'a> {
        Full(&'a [u8]),
        /// Compressed point: whether y is odd.
        Parity(bool),
    }
    fn coords(p: &[u8]) -> Option<(&[u8], Y<'_>)> {
        match p.split_first()? {
            (0x04 | 0x06 | 0x07, xy) if xy.len() % 2 == 0 => {
                let (x, y) = xy.split_at(xy.len() / 2);
                Some((x, Y::Full(y)))
            }
            (0x02, x) => Some((x, Y::Parity(false))),
            (0x03, x) => Some((x, Y::Parity(true))),
            _ => None,
        }
    }
    match (coords(a), coords(b)) {
        (Some((xa, ya)), Some((xb, yb))) => {
            xa == xb
                && match (ya, yb) {
                    (Y::Full(ya), Y::Full(yb)) => ya == yb,
                    (Y::Full(y), Y::Parity(odd)) | (Y::Parity(odd), Y::Full(y)) => {
                        y.last().map(|b| b & 1 == 1) == Some(odd)
                    }
                    (Y::Parity(a), Y::Parity(b)) => a == b,
                }
        }
        _ => a == b,
    }
}

/// Number of significant bits in a big-endian unsigned integer.
pub(crate) fn bit_len(bytes: &[u8]) -> usize {
    match bytes.iter().position(|&b| b != 0) {
        Some(i) => {
            let top = bytes.get(i).copied().unwrap_or(0);
            (bytes.len() - i - 1) * 8 + (8 - top.leading_zeros() as usize)
        }
        None => 0,
    }
}

fn bits_u32(bits: usize) -> u32 {
    u32::try_from(bits).unwrap_or(u32::MAX)
}

fn encode_spki(algorithm: AlgorithmIdentifierRef<'_>, key: &[u8]) -> Result<Vec<u8>, KeyError> {
    let subject_public_key =
        BitStringRef::from_bytes(key).map_err(|e| malformed("public key", e))?;
    SubjectPublicKeyInfoRef {
        algorithm,
        subject_public_key,
    }
    .to_der()
    .map_err(|e| malformed("public key", e))
}

fn ed_algorithm(oid: ObjectIdentifier) -> AlgorithmIdentifierRef<'static> {
    AlgorithmIdentifierRef {
        oid,
        parameters: None,
    }
}

/// Builds the canonical RSA key: `rsaEncryption` with NULL parameters (or the
/// given RSASSA-PSS identifier) and minimally encoded integers, as OpenSSL
/// re-encodes it.
fn rsa_public_key(
    n: &[u8],
    e: &[u8],
    algorithm: Option<AlgorithmIdentifierRef<'_>>,
) -> Result<PublicKey, KeyError> {
    check_rsa(n, e)?;
    let pkcs1 = pkcs1::RsaPublicKey {
        modulus: UintRef::new(n).map_err(|e| malformed("RSA modulus", e))?,
        public_exponent: UintRef::new(e).map_err(|e| malformed("RSA exponent", e))?,
    }
    .to_der()
    .map_err(|e| malformed("RSA key", e))?;
    let algorithm = algorithm.unwrap_or(AlgorithmIdentifierRef {
        oid: oid::RSA_ENCRYPTION,
        parameters: Some(AnyRef::NULL),
    });
    Ok(PublicKey {
        info: KeyInfo {
            algorithm: KeyAlgorithm::Rsa,
            bits: bits_u32(bit_len(n)),
            curve: None,
        },
        spki_der: encode_spki(algorithm, &pkcs1)?,
    })
}

/// Builds the canonical EC key: `id-ecPublicKey`, the named curve, and the
/// point in whatever form it was stored (OpenSSL keeps compressed points).
fn ec_public_key(curve_oid: ObjectIdentifier, point: &[u8]) -> Result<PublicKey, KeyError> {
    let spki = encode_spki(
        AlgorithmIdentifierRef {
            oid: oid::EC_PUBLIC_KEY,
            parameters: Some(AnyRef::from(&curve_oid)),
        },
        point,
    )?;
    let info = parse_spki(&spki)?.info;
    Ok(PublicKey {
        info,
        spki_der: spki,
    })
}

fn ed25519_public_key(key: &[u8]) -> Result<PublicKey, KeyError> {
    Ok(PublicKey {
        info: KeyInfo {
            algorithm: KeyAlgorithm::Ed25519,
            bits: 256,
            curve: None,
        },
        spki_der: encode_spki(ed_algorithm(oid::ED25519), key)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bit_len_counts_significant_bits() {
        assert_eq!(bit_len(&[]), 0);
        assert_eq!(bit_len(&[0, 0]), 0);
        assert_eq!(bit_len(&[0, 1]), 1);
        assert_eq!(bit_len(&[0x80, 0]), 16);
        assert_eq!(bit_len(&[0, 0x7f, 0xff]), 15);
    }

    #[test]
    fn compressed_and_uncompressed_points_compare_equal() {
        let x = [7u8; 4];
        let even_y = [1, 2, 3, 4];
        let odd_y = [1, 2, 3, 5];
        let full = |y: &[u8]| [&[4u8][..], &x, y].concat();
        let comp = |tag: u8| [&[tag][..], &x].concat();
        assert!(points_equal(&full(&even_y), &comp(2)));
        assert!(points_equal(&comp(3), &full(&odd_y)));
        assert!(!points_equal(&full(&even_y), &comp(3)));
        assert!(!points_equal(&full(&even_y), &full(&odd_y)));
        assert!(!points_equal(&comp(2), &comp(3)));
        assert!(!points_equal(&comp(2), &[&[2u8][..], &[8u8; 4]].concat()));
        // Garbage falls back to byte equality.
        assert!(points_equal(&[9], &[9]));
        assert!(!points_equal(&[9], &[8]));
    }

    #[test]
    fn key_info_serializes_for_the_report() {
        let info = KeyInfo {
            algorithm: KeyAlgorithm::Rsa,
            bits: 2048,
            curve: None,
        };
        assert_eq!(
            serde_json::to_string(&info).ok().as_deref(),
            Some(r#"{"algorithm":"rsa","bits":2048,"curve":null}"#)
        );
    }

    #[test]
    fn pem_wraps_at_64_columns() {
        let key = PublicKey {
            info: KeyInfo {
                algorithm: KeyAlgorithm::Unknown,
                bits: 0,
                curve: None,
            },
            spki_der: (0..=255u8).collect(),
        };
        let pem = key.pem();
        let lines: Vec<&str> = pem.split_terminator('\n').collect();
        assert_eq!(lines.first(), Some(&"-----BEGIN PUBLIC KEY-----"));
        assert_eq!(lines.last(), Some(&"-----END PUBLIC KEY-----"));
        assert!(pem.ends_with("-----\n"));
        let body = &lines[1..lines.len() - 1];
        assert_eq!(body.len(), 6); // 344 base64 characters
        assert!(body[..5].iter().all(|l| l.len() == 64));
        assert_eq!(body[5].len(), 344 - 5 * 64);
        assert_eq!(key.pubkey_md5().len(), 32);
    }

    #[test]
    fn rsa_key_from_pkcs1_is_reencoded_with_null_parameters() {
        // RSAPublicKey { n = 0x00c3 (non-minimal but valid DER sign byte), e = 3 }
        let pkcs1 = [0x30, 0x07, 0x02, 0x02, 0x00, 0xc3, 0x02, 0x01, 0x03];
        let key = PublicKey::from_pkcs1_rsa_public_der(&pkcs1).expect("valid key");
        assert_eq!(key.info.bits, 8);
        assert_eq!(key.info.algorithm, KeyAlgorithm::Rsa);
        let expected = [
            &[0x30, 0x1b, 0x30, 0x0d, 0x06, 0x09][..],
            &[
                0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00,
            ],
            &[0x03, 0x0a, 0x00],
            &pkcs1,
        ]
        .concat();
        assert_eq!(key.spki_der, expected);
        assert_eq!(PublicKey::from_spki_der(&expected), Ok(key));
    }

    #[test]
    fn unknown_algorithms_are_kept_verbatim() {
        // SPKI with algorithm 1.2.3.4 and a 2-byte key.
        let spki = [
            0x30, 0x0b, 0x30, 0x05, 0x06, 0x03, 0x2a, 0x03, 0x04, 0x03, 0x02, 0x00, 0xab,
        ];
        let key = PublicKey::from_spki_der(&spki).expect("well-formed SPKI");
        assert_eq!(key.info.algorithm, KeyAlgorithm::Unknown);
        assert_eq!(key.info.bits, 0);
        assert_eq!(key.spki_der, spki);
        assert!(key.same_key(&key.clone()));
    }

    #[test]
    fn bad_inputs_are_errors() {
        for der in [
            &[][..],
            &[0x30, 0x00],
            &[0x30, 0x80, 0x00, 0x00],
            &[0xff; 40],
        ] {
            assert!(PublicKey::from_spki_der(der).is_err());
            assert!(PublicKey::from_pkcs1_rsa_public_der(der).is_err());
            for format in [
                PrivateKeyFormat::Pkcs8,
                PrivateKeyFormat::Pkcs1Rsa,
                PrivateKeyFormat::Sec1Ec,
            ] {
                assert!(parse_private_key(der, format).is_err());
            }
        }
    }
}
