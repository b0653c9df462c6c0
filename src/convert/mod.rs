//! Conversions between the formats users are asked for: DER ↔ PEM, PKCS#7 bundles and
//! PKCS#12 files → PEM, PKCS#1 / SEC1 ↔ PKCS#8 private keys, encrypted ↔ plain PKCS#8, a
//! bundle split into one file per object, and certificates + key → PKCS#12 (.pfx).
//!
//! Like the rest of the core this does no I/O, reads no clock and draws no randomness: the
//! caller passes the inputs, the instant (only used to order chains) and the salt and IV of
//! keys it asks to encrypt. It works on the blocks [`crate::input`] decodes (so messy PEM
//! comes out clean), and it is the only place where private key bytes are handled: they go
//! from the input to the [`Output`]s and nowhere else (never into a model or a report).
//! Every failure is a [`ConvertError`] naming the input, block and line.

mod error;
mod keys;
mod naming;
mod pfx;
mod read;

pub use error::{ConvertError, ConvertErrorKind};
pub use naming::safe_name;

use keys::convert_keys;
use naming::{file_stem, Names};
use pfx::pfx;
use read::{is_private, label, read};

use crate::finding::Location;
use crate::input::{Content, Input, Source};
use crate::model::Certificate;
use crate::report::pem_block;

/// PBKDF2-HMAC-SHA256 iterations of the keys certlens encrypts: OWASP's 2023 recommendation
/// for PBKDF2-HMAC-SHA256 (OpenSSL's `pkcs8 -topk8` default of 2048 is far too few for a
/// password an attacker can try offline). About 0.3 s to open natively.
pub const DEFAULT_ITERATIONS: u32 = 600_000;

/// Iterations of every derivation in the PFX files certlens writes (certificates, key,
/// MAC). Not [`DEFAULT_ITERATIONS`]: .NET and Windows refuse PFX files past their own caps
/// (.NET: 600,000 iterations for the whole file since June 2023, KB5025823), and each import pays all three
/// derivations. 100,000 is fifty times OpenSSL 3's 2048 and stays under every cap.
pub const PFX_ITERATIONS: u32 = 100_000;

/// What to convert to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// One PEM file with every object (certificates, CSRs, public and private keys, each in
    /// its own format); PKCS#7 bundles become their certificates, in chain order.
    Pem,
    /// One DER file per object.
    Der,
    /// Every private key as plain PKCS#8 (`BEGIN PRIVATE KEY`).
    Pkcs8,
    /// Every RSA private key as PKCS#1 (`BEGIN RSA PRIVATE KEY`).
    Pkcs1,
    /// Every EC private key as SEC1 (`BEGIN EC PRIVATE KEY`), naming its curve.
    Sec1,
    /// Every private key as encrypted PKCS#8 (PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC).
    Encrypted,
    /// Every private key as plain PKCS#8, encrypted ones decrypted with the password.
    Plain,
    /// One PEM file per object, named by role and name.
    Split,
    /// One PKCS#12 file (.pfx): the leaf, its chain and the leaf's private key, protected
    /// with the new password (see [`Options::legacy_pfx`]).
    Pfx,
}

impl Target {
    /// All targets, by their CLI names.
    pub const ALL: [Target; 9] = [
        Target::Pem,
        Target::Der,
        Target::Pkcs8,
        Target::Pkcs1,
        Target::Sec1,
        Target::Encrypted,
        Target::Plain,
        Target::Split,
        Target::Pfx,
    ];

    /// The name used on the command line (`pem`, `der`, `pkcs8`, …).
    pub fn name(self) -> &'static str {
        match self {
            Target::Pem => "pem",
            Target::Der => "der",
            Target::Pkcs8 => "pkcs8",
            Target::Pkcs1 => "pkcs1",
            Target::Sec1 => "sec1",
            Target::Encrypted => "encrypted",
            Target::Plain => "plain",
            Target::Split => "split",
            Target::Pfx => "pfx",
        }
    }

    /// The target of that name.
    pub fn parse(name: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.name() == name)
    }

    fn keys_only(self) -> bool {
        matches!(
            self,
            Target::Pkcs8 | Target::Pkcs1 | Target::Sec1 | Target::Encrypted | Target::Plain
        )
    }
}

/// How to convert.
#[derive(Clone, Debug)]
pub struct Options {
    pub target: Target,
    /// Opens encrypted private keys and PKCS#12 files.
    pub password: Option<Vec<u8>>,
    /// Protects the keys [`Target::Encrypted`] and the file [`Target::Pfx`] write; an
    /// empty one is written as OpenSSL's `-passout pass:` does.
    pub new_password: Option<Vec<u8>>,
    /// Random bytes from the caller: the PBKDF2 salt of the keys it encrypts (each key, and
    /// each part of a PFX, gets its own salt and IV derived from these and its position).
    pub salt: [u8; 16],
    /// Random bytes from the caller: the AES-CBC IV of the keys it encrypts.
    pub iv: [u8; 16],
    /// [`Target::Pfx`]: pbeWithSHAAnd3-KeyTripleDES-CBC and a SHA-1 MAC, for Windows Server
    /// 2016 and older, which cannot import the default PBES2 AES-256-CBC with a SHA-256 MAC.
    pub legacy_pfx: bool,
    /// PBKDF2 iterations for [`Target::Encrypted`]; [`DEFAULT_ITERATIONS`] by default.
    pub iterations: u32,
    /// The instant (Unix seconds) at which chains are ordered, as for `inspect`.
    pub at: i64,
}

impl Options {
    pub fn new(target: Target) -> Options {
        Options {
            target,
            password: None,
            new_password: None,
            salt: [0; 16],
            iv: [0; 16],
            legacy_pfx: false,
            iterations: DEFAULT_ITERATIONS,
            at: 0,
        }
    }
}

/// One file to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    /// A safe file name for it: no directories, only `A-Za-z0-9._-`.
    pub name: String,
    /// What it holds when it is one object; `None` for a PEM bundle of several.
    pub content: Option<Content>,
    /// DER rather than PEM.
    pub der: bool,
    /// How many objects it holds.
    pub count: usize,
    /// Holds a private key (write it readable by its owner only).
    pub secret: bool,
    pub data: Vec<u8>,
}

/// One object found in the inputs.
struct Item {
    source: Source,
    content: Content,
    der: Vec<u8>,
    /// The parsed certificate, for naming and chain order.
    cert: Option<Certificate>,
}

/// Converts the inputs; either every output or the first error.
pub fn convert(inputs: &[Input], options: &Options) -> Result<Vec<Output>, ConvertError> {
    let items = read(inputs, options.password.as_deref())?;
    if items.is_empty() {
        return Err(match inputs {
            [only] => ConvertError {
                kind: ConvertErrorKind::NothingToConvert,
                place: Some(Location {
                    input: only.name.clone(),
                    block: None,
                    line: None,
                }),
            },
            _ => ConvertError::whole(ConvertErrorKind::NothingToConvert),
        });
    }
    if options.target.keys_only() {
        return convert_keys(&items, options);
    }
    let names = Names::new(&items, options.at);
    if options.target == Target::Pfx {
        return pfx(&items, &names, options).map(|output| vec![output]);
    }
    let outputs = match options.target {
        Target::Pem => {
            let order = names.bundle_order(&items);
            let data: String = order
                .iter()
                .map(|&i| pem_block(label(items[i].content), &items[i].der))
                .collect();
            let stem = inputs
                .first()
                .map(|i| file_stem(&i.name))
                .unwrap_or_default();
            let single = (items.len() == 1).then(|| items[0].content);
            vec![Output {
                name: safe_name(&format!("{stem}.pem")),
                content: single,
                der: false,
                count: items.len(),
                secret: items.iter().any(|i| is_private(i.content)),
                data: data.into_bytes(),
            }]
        }
        _ => {
            let der = options.target == Target::Der;
            names
                .split_order(&items)
                .into_iter()
                .map(|(i, name)| {
                    let item = &items[i];
                    let data = if der {
                        item.der.clone()
                    } else {
                        pem_block(label(item.content), &item.der).into_bytes()
                    };
                    Output {
                        name: format!("{name}.{}", if der { "der" } else { "pem" }),
                        content: Some(item.content),
                        der,
                        count: 1,
                        secret: is_private(item.content),
                        data,
                    }
                })
                .collect()
        }
    };
    Ok(outputs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_round_trip() {
        for target in Target::ALL {
            assert_eq!(Target::parse(target.name()), Some(target));
        }
        assert_eq!(Target::parse("p12"), None);
    }
}
