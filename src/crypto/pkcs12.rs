//! The PKCS#12 (RFC 7292) primitives: its key derivation function (appendix B), the
//! integrity check (MAC) of a PFX file, and the password forms both use.

use sha1::Sha1;
use sha2::digest::DynDigest;
use sha2::{Digest as _, Sha224, Sha256, Sha384, Sha512};

use super::oid;
use der::asn1::ObjectIdentifier;

/// A password in the two forms password-based encryption takes: the bytes themselves
/// (PBES2), and a BMPString with its two zero bytes (the PKCS#12 KDF).
#[derive(Clone, Debug)]
pub struct Password<'a> {
    pub bytes: &'a [u8],
    pub bmp: Vec<u8>,
}

impl Password<'_> {
    /// UTF-8 text becomes UTF-16BE; other bytes are taken one character each (Latin-1), as
    /// OpenSSL does.
    pub fn new(bytes: &[u8]) -> Password<'_> {
        let mut bmp: Vec<u8> = match std::str::from_utf8(bytes) {
            Ok(text) => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
            Err(_) => bytes.iter().flat_map(|&b| [0, b]).collect(),
        };
        bmp.extend_from_slice(&[0, 0]);
        Password { bytes, bmp }
    }

    /// The empty password as some writers encode it in the KDF: no bytes at all, not even
    /// the terminating zeros (a NULL password to OpenSSL, what some Windows exports use).
    pub fn absent() -> Password<'static> {
        Password {
            bytes: b"",
            bmp: Vec::new(),
        }
    }
}

/// What the derived bytes are for (RFC 7292 B.3).
#[derive(Clone, Copy)]
pub enum Purpose {
    Key = 1,
    Iv = 2,
    Mac = 3,
}

/// The digests a PFX MAC or the KDF may use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MacDigest {
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

impl MacDigest {
    pub fn from_oid(oid: &ObjectIdentifier) -> Option<MacDigest> {
        Some(match *oid {
            oid::SHA1 => MacDigest::Sha1,
            oid::SHA224 => MacDigest::Sha224,
            oid::SHA256 => MacDigest::Sha256,
            oid::SHA384 => MacDigest::Sha384,
            oid::SHA512 => MacDigest::Sha512,
            _ => return None,
        })
    }

    pub fn oid(self) -> ObjectIdentifier {
        match self {
            MacDigest::Sha1 => oid::SHA1,
            MacDigest::Sha224 => oid::SHA224,
            MacDigest::Sha256 => oid::SHA256,
            MacDigest::Sha384 => oid::SHA384,
            MacDigest::Sha512 => oid::SHA512,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            MacDigest::Sha1 => "HMAC-SHA1",
            MacDigest::Sha224 => "HMAC-SHA224",
            MacDigest::Sha256 => "HMAC-SHA256",
            MacDigest::Sha384 => "HMAC-SHA384",
            MacDigest::Sha512 => "HMAC-SHA512",
        }
    }

    /// A hasher of this digest, and its block size in bytes (the KDF's `v`).
    fn hasher(self) -> (Box<dyn DynDigest>, usize) {
        match self {
            MacDigest::Sha1 => (Box::new(Sha1::new()), 64),
            MacDigest::Sha224 => (Box::new(Sha224::new()), 64),
            MacDigest::Sha256 => (Box::new(Sha256::new()), 64),
            MacDigest::Sha384 => (Box::new(Sha384::new()), 128),
            MacDigest::Sha512 => (Box::new(Sha512::new()), 128),
        }
    }

    /// The MAC of `content` keyed from the password (RFC 7292 B.4: the key is as long as
    /// the digest, so the KDF runs `iterations` hashes once).
    pub fn mac(
        self,
        password: &Password<'_>,
        salt: &[u8],
        iterations: u64,
        content: &[u8],
    ) -> Vec<u8> {
        let (mut hasher, block_size) = self.hasher();
        let key_len = hasher.output_size();
        let key = self.derive(&password.bmp, salt, Purpose::Mac, iterations, key_len);
        // HMAC (RFC 2104) over the one hasher: the key is shorter than a block, so it is
        // only padded.
        let pad = |byte: u8| -> Vec<u8> {
            let mut padded = vec![byte; block_size];
            padded.iter_mut().zip(&key).for_each(|(p, k)| *p ^= k);
            padded
        };
        hasher.update(&pad(0x36));
        hasher.update(content);
        let inner = hasher.finalize_reset();
        hasher.update(&pad(0x5c));
        hasher.update(&inner);
        hasher.finalize().into_vec()
    }

    /// The PKCS#12 key derivation (RFC 7292 B.2) of `len` bytes. The caller bounds
    /// `iterations` (each output block of the digest's size costs that many hashes).
    pub fn derive(
        self,
        password_bmp: &[u8],
        salt: &[u8],
        purpose: Purpose,
        iterations: u64,
        len: usize,
    ) -> Vec<u8> {
        let (mut hasher, v) = self.hasher();
        let diversifier = vec![purpose as u8; v];
        let stretch = |data: &[u8]| -> Vec<u8> {
            data.iter()
                .copied()
                .cycle()
                .take(data.len().div_ceil(v) * v)
                .collect()
        };
        let mut input = stretch(salt);
        input.extend(stretch(password_bmp));
        let mut hash = vec![0; hasher.output_size()];
        let mut out = Vec::with_capacity(len);
        while out.len() < len {
            hasher.update(&diversifier);
            hasher.update(&input);
            for round in 0..iterations.max(1) {
                if round > 0 {
                    hasher.update(&hash);
                }
                // The buffer has the digest's size.
                let _ = hasher.finalize_into_reset(&mut hash);
            }
            out.extend_from_slice(&hash);
            if out.len() >= len {
                break;
            }
            // Each v-byte block of the input becomes (block + B + 1) mod 2^(8v), where B is
            // the hash repeated to v bytes.
            let b: Vec<u8> = hash.iter().copied().cycle().take(v).collect();
            for block in input.chunks_mut(v) {
                let mut carry = 1u16;
                for (byte, add) in block.iter_mut().zip(&b).rev() {
                    let sum = u16::from(*byte) + u16::from(*add) + carry;
                    *byte = sum as u8;
                    carry = sum >> 8;
                }
            }
        }
        out.truncate(len);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_bmp_strings() {
        assert_eq!(Password::new(b"ab").bmp, [0, b'a', 0, b'b', 0, 0]);
        assert_eq!(Password::new(b"").bmp, [0, 0]);
        assert_eq!(Password::new("é".as_bytes()).bmp, [0, 0xe9, 0, 0]);
        assert_eq!(Password::new(&[0xff]).bmp, [0, 0xff, 0, 0]);
        assert!(Password::absent().bmp.is_empty());
    }

    fn hex(text: &str) -> Vec<u8> {
        (0..text.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
            .collect()
    }

    #[test]
    fn kdf_matches_known_answers() {
        // The RustCrypto pkcs12 crate's vectors (checked there against OpenSSL).
        let password = Password::new("ge@äheim".as_bytes());
        let salt = [1, 2, 3, 4, 5, 6, 7, 8];
        let key = |purpose, iterations, len| {
            MacDigest::Sha256.derive(&password.bmp, &salt, purpose, iterations, len)
        };
        assert_eq!(
            key(Purpose::Key, 100, 32),
            hex("fae4d4957a3cc781e1180b9d4fb79c1e0c8579b746a3177e5b0768a3118bf863")
        );
        assert_eq!(
            key(Purpose::Iv, 100, 20),
            hex("e5ff813bc6547de5155b14d2fada85b3201a9773")
        );
        assert_eq!(
            key(Purpose::Mac, 1000, 32),
            hex("3f9113f05c30a996c4a516409bdac9d065f44296ccd52bb75de3fcfdbe2bf130")
        );
        // Several output blocks: the input update between them.
        assert_eq!(
            key(Purpose::Key, 1000, 100),
            hex("2b95a0569b63f641fae1efca32e84db3699ab74540628ba66283b58cf5400527d8d0ebe2ccbf768c51c4d8fbd1bb156be06c1c59cbb69e44052ffc37376fdb47b2de7f9e543de9d096d8e5474b220410ff1c5d8bb7e5bc0f61baeaa12fd0da1d7a970172")
        );
        // A 128-byte block size.
        assert_eq!(
            MacDigest::Sha512.derive(&password.bmp, &salt, Purpose::Key, 100, 32),
            hex("b14a9f01bfd9dce4c9d66d2fe9937e5fd9f1afa59e370a6fa4fc81c1cc8ec8ee")
        );
    }
}
