//! Object identifiers shared by the key, signature and PBE code.

use der::asn1::ObjectIdentifier as Oid;

// Public key algorithms.
pub const RSA_ENCRYPTION: Oid = Oid::new_unwrap("1.2.840.113549.1.1.1");
pub const RSASSA_PSS: Oid = Oid::new_unwrap("1.2.840.113549.1.1.10");
pub const EC_PUBLIC_KEY: Oid = Oid::new_unwrap("1.2.840.10045.2.1");
pub const ED25519: Oid = Oid::new_unwrap("1.3.101.112");
pub const ED448: Oid = Oid::new_unwrap("1.3.101.113");
pub const DSA: Oid = Oid::new_unwrap("1.2.840.10040.4.1");
pub const SM2_CURVE: Oid = Oid::new_unwrap("1.2.156.10197.1.301");

// Named curves.
pub const P256: Oid = Oid::new_unwrap("1.2.840.10045.3.1.7");
pub const P384: Oid = Oid::new_unwrap("1.3.132.0.34");
pub const P521: Oid = Oid::new_unwrap("1.3.132.0.35");
pub const SECP256K1: Oid = Oid::new_unwrap("1.3.132.0.10");

// Signature algorithms.
pub const MD5_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.4");
pub const SHA1_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.5");
pub const SHA224_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.14");
pub const SHA256_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.11");
pub const SHA384_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.12");
pub const SHA512_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.13");
pub const ECDSA_SHA1: Oid = Oid::new_unwrap("1.2.840.10045.4.1");
pub const ECDSA_SHA224: Oid = Oid::new_unwrap("1.2.840.10045.4.3.1");
pub const ECDSA_SHA256: Oid = Oid::new_unwrap("1.2.840.10045.4.3.2");
pub const ECDSA_SHA384: Oid = Oid::new_unwrap("1.2.840.10045.4.3.3");
pub const ECDSA_SHA512: Oid = Oid::new_unwrap("1.2.840.10045.4.3.4");
pub const DSA_SHA1: Oid = Oid::new_unwrap("1.2.840.10040.4.3");
pub const DSA_SHA224: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.3.1");
pub const DSA_SHA256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.3.2");
pub const DSA_SHA384: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.3.3");
pub const DSA_SHA512: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.3.4");
pub const SM2_SM3: Oid = Oid::new_unwrap("1.2.156.10197.1.501");
pub const MGF1: Oid = Oid::new_unwrap("1.2.840.113549.1.1.8");

// Digests.
pub const MD5: Oid = Oid::new_unwrap("1.2.840.113549.2.5");
pub const SHA1: Oid = Oid::new_unwrap("1.3.14.3.2.26");
pub const SHA224: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.4");
pub const SHA256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.1");
pub const SHA384: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.2");
pub const SHA512: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.3");

// PKCS#5 pseudo-random functions and ciphers not exported by the pkcs5 crate.
pub const HMAC_SHA1: Oid = Oid::new_unwrap("1.2.840.113549.2.7");
pub const HMAC_SHA224: Oid = Oid::new_unwrap("1.2.840.113549.2.8");
pub const HMAC_SHA256: Oid = Oid::new_unwrap("1.2.840.113549.2.9");
pub const HMAC_SHA384: Oid = Oid::new_unwrap("1.2.840.113549.2.10");
pub const HMAC_SHA512: Oid = Oid::new_unwrap("1.2.840.113549.2.11");
pub const DES_CBC: Oid = Oid::new_unwrap("1.3.14.3.2.7");
// PKCS#12 password-based encryption (RFC 7292 appendix C).
pub const PBE_SHA1_3DES: Oid = Oid::new_unwrap("1.2.840.113549.1.12.1.3");
