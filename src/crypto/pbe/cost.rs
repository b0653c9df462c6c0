//! What key derivation may cost: per key (iterations, scrypt memory and lanes) and for all
//! the keys of one inspection together, checked before any work starts.

use pkcs5::pbes2;

use super::params::{Kdf, Prf};
use super::DecryptError;

/// PBKDF2 iteration counts above this are refused (RFC 8018 calls 10,000,000
/// appropriate for especially critical keys).
pub(super) const MAX_PBKDF2_ITERATIONS: u64 = 10_000_000;
/// scrypt memory (128·r·N bytes) above this is refused; OpenSSL's own default
/// cap is 32 MiB.
pub(super) const MAX_SCRYPT_MEMORY: u128 = 64 * 1024 * 1024;
/// scrypt parallelization above this is refused (each lane costs the full
/// memory-hard work again).
pub(super) const MAX_SCRYPT_P: u64 = 16;
/// Key derivation work that all the encrypted keys of one inspection may take together, in
/// PBKDF2 iterations (times the PRF blocks the key needs); scrypt counts 2·N·r·p, which
/// takes about as long. One key at the limits fits (2-5 s natively); without a total, a few
/// kilobytes of such keys would take minutes. Fuzzing builds (cargo-fuzz sets
/// `--cfg fuzzing`) allow a few fixture keys' worth, so that no input stalls the fuzzer.
pub const KEY_DERIVATION_BUDGET: u64 = if cfg!(fuzzing) { 50_000 } else { 20_000_000 };

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

/// Validates KDF parameters against the limits and converts them for pkcs5; also returns
/// the derivation's cost as [`KEY_DERIVATION_BUDGET`] counts it.
pub(super) fn checked_kdf(
    kdf: Kdf<'_>,
    key_size: usize,
) -> Result<(pbes2::Kdf<'_>, u64), DecryptError> {
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
pub(super) fn human_size(bytes: u128) -> String {
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

/// "1 iteration", "2048 iterations": how a scheme description counts them.
pub(crate) fn iterations_text(n: u64) -> String {
    if n == 1 {
        "1 iteration".into()
    } else {
        format!("{n} iterations")
    }
}
