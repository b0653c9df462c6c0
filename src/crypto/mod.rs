//! Cryptography for the inspector: public and private key parsing, signature
//! verification and decryption of password-protected PKCS#8 keys.
//!
//! Everything here is pure Rust without I/O, clocks or randomness, and every
//! function treats its input as hostile: malformed bytes give an error, never
//! a panic, and expensive operations (huge RSA moduli, scrypt/PBKDF2 costs)
//! are bounded before any work is done.

pub mod keys;
mod oid;
mod pbe;
pub mod pkcs12;
pub mod signature;

pub use keys::{
    parse_private_key, KeyAlgorithm, KeyError, KeyInfo, PrivateKey, PrivateKeyFormat, PublicKey,
};
pub(crate) use pbe::{
    charge, checked_iterations, decrypt_key_within, decrypt_within, encrypt, iterations_text,
};
pub use pbe::{
    decrypt_pkcs8, decrypt_pkcs8_within, describe_encryption, DecryptError, PfxEncryption,
    KEY_DERIVATION_BUDGET,
};
pub use signature::{verify_signature, Hash, SignatureAlgorithm, VerifyError};
