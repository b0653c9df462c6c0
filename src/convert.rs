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

use der::asn1::{AnyRef, ObjectIdentifier};
use der::{Decode, Encode};
use pkcs8::spki::{AlgorithmIdentifierRef, SubjectPublicKeyInfoRef};
use sha2::Digest as _;

use crate::chain;
use crate::crypto::pkcs12::{MacDigest, Password};
use crate::crypto::{self, DecryptError, PfxEncryption, PrivateKeyFormat};
use crate::finding::{Arg, Location};
use crate::i18n::Catalogue;
use crate::input::der as tlv;
use crate::input::pkcs12::{self, write as pfx_write, Member, Problem};
use crate::input::{self, pkcs7, Content, Input, IssueKind, Source};
use crate::model::{self, Body, Certificate, Model, Object};
use crate::report::pem_block;
use crate::trust_store::TrustStore;

/// PBKDF2-HMAC-SHA256 iterations of the keys certlens encrypts: OWASP's 2023 recommendation
/// for PBKDF2-HMAC-SHA256 (OpenSSL's `pkcs8 -topk8` default of 2048 is far too few for a
/// password an attacker can try offline). About 0.3 s to open natively.
pub const DEFAULT_ITERATIONS: u32 = 600_000;

/// Iterations of every derivation in the PFX files certlens writes (certificates, key,
/// MAC). Not [`DEFAULT_ITERATIONS`]: .NET and Windows refuse PFX files past their own caps
/// (.NET: 600,000 iterations for the whole file since June 2023, KB5025823), and each import pays all three
/// derivations. 100,000 is fifty times OpenSSL 3's 2048 and stays under every cap.
pub const PFX_ITERATIONS: u32 = 100_000;

const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const RSASSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");

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

/// Why nothing was converted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConvertErrorKind {
    /// The inputs hold nothing the target applies to (no private key for `pkcs8`, say).
    NothingToConvert,
    /// A block could not be read at all (`certlens check` says why).
    Unreadable,
    /// A block of a kind certlens cannot convert (PKCS#12, DSA keys); names it.
    Unsupported {
        what: &'static str,
    },
    /// A private key certlens cannot read (DSA, Ed448 without its public key, unknown
    /// algorithms); the reason in English.
    UnsupportedKey {
        reason: String,
    },
    /// An encrypted private key and no password.
    PasswordNeeded,
    WrongPassword,
    /// The encrypted key cannot be opened for another reason (scheme, cost limits).
    DecryptFailed {
        reason: String,
    },
    /// [`Target::Encrypted`] without a new password.
    NewPasswordNeeded,
    /// [`Target::Pkcs1`] on a key that is not RSA.
    NotRsa,
    /// [`Target::Sec1`] on a key that is not EC.
    NotEc,
    /// [`Target::Pfx`] without a certificate.
    PfxNoCertificate,
    /// [`Target::Pfx`] without a private key for the leaf; names the leaf.
    PfxNoKey {
        cert: String,
    },
    /// [`Target::Pfx`] with private keys, none of them the leaf's; names the leaf.
    PfxKeyMismatch {
        cert: String,
    },
    /// The key could not be re-encoded or encrypted; the reason in English.
    Encoding {
        reason: String,
    },
}

/// A conversion failure and where it happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConvertError {
    pub kind: ConvertErrorKind,
    /// The input, block and line, when one block is the cause.
    pub place: Option<Location>,
}

impl ConvertError {
    fn new(kind: ConvertErrorKind, source: &Source) -> ConvertError {
        ConvertError {
            kind,
            place: Some(Location {
                input: source.input.clone(),
                block: Some(source.block),
                line: Some(source.line),
            }),
        }
    }

    fn whole(kind: ConvertErrorKind) -> ConvertError {
        ConvertError { kind, place: None }
    }

    /// The catalogue key of the message (`cli.convert.error.<kind>`).
    pub fn key(&self) -> &'static str {
        match self.kind {
            ConvertErrorKind::NothingToConvert => "cli.convert.error.nothing",
            ConvertErrorKind::Unreadable => "cli.convert.error.unreadable",
            ConvertErrorKind::Unsupported { .. } => "cli.convert.error.unsupported",
            ConvertErrorKind::UnsupportedKey { .. } => "cli.convert.error.unsupported_key",
            ConvertErrorKind::PasswordNeeded => "cli.convert.error.password_needed",
            ConvertErrorKind::WrongPassword => "cli.convert.error.wrong_password",
            ConvertErrorKind::DecryptFailed { .. } => "cli.convert.error.decrypt_failed",
            ConvertErrorKind::NewPasswordNeeded => "cli.convert.error.new_password_needed",
            ConvertErrorKind::NotRsa => "cli.convert.error.not_rsa",
            ConvertErrorKind::NotEc => "cli.convert.error.not_ec",
            ConvertErrorKind::Encoding { .. } => "cli.convert.error.encoding",
            ConvertErrorKind::PfxNoCertificate => "cli.convert.error.pfx_no_certificate",
            ConvertErrorKind::PfxNoKey { .. } => "cli.convert.error.pfx_no_key",
            ConvertErrorKind::PfxKeyMismatch { .. } => "cli.convert.error.pfx_key_mismatch",
        }
    }

    /// The message in the catalogue's language.
    pub fn message(&self, catalogue: &Catalogue) -> String {
        let mut params: Vec<(&'static str, Arg)> = Vec::new();
        if let Some(place) = &self.place {
            params.push(("place", Arg::Place(place.clone())));
        }
        match &self.kind {
            ConvertErrorKind::Unsupported { what } => params.push(("what", Arg::Phrase(what))),
            ConvertErrorKind::UnsupportedKey { reason }
            | ConvertErrorKind::DecryptFailed { reason }
            | ConvertErrorKind::Encoding { reason } => {
                params.push(("reason", Arg::Text(reason.clone())))
            }
            ConvertErrorKind::PfxNoKey { cert } | ConvertErrorKind::PfxKeyMismatch { cert } => {
                params.push(("cert", Arg::Text(cert.clone())))
            }
            _ => {}
        }
        let key = match (self.key(), &self.place) {
            ("cli.convert.error.nothing", None) => "cli.convert.error.nothing_at_all",
            (key, _) => key,
        };
        catalogue.render(key, &params)
    }
}

impl std::fmt::Display for ConvertError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(&Catalogue::english()))
    }
}

impl std::error::Error for ConvertError {}

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

/// Every object of the inputs, PKCS#7 bundles and PKCS#12 files (with `password`) opened;
/// an unreadable or unsupported block is an error.
fn read(inputs: &[Input], password: Option<&[u8]>) -> Result<Vec<Item>, ConvertError> {
    let mut items = Vec::new();
    let mut blocks_left = input::MAX_BLOCKS;
    let mut key_derivation = crypto::KEY_DERIVATION_BUDGET;
    for input in inputs {
        let decoded = input::decode(input, blocks_left);
        blocks_left = blocks_left.saturating_sub(decoded.blocks_read);
        for issue in &decoded.issues {
            if lost(&issue.kind) {
                return Err(ConvertError {
                    kind: ConvertErrorKind::Unreadable,
                    place: Some(Location {
                        input: input.name.clone(),
                        block: issue.block,
                        line: issue.line,
                    }),
                });
            }
        }
        for block in decoded.blocks {
            match block.content {
                Content::Pkcs7 => {
                    let (members, truncated) = pkcs7::certificates(&block.der, blocks_left)
                        .map_err(|_| {
                            ConvertError::new(ConvertErrorKind::Unreadable, &block.source)
                        })?;
                    if truncated {
                        return Err(ConvertError::new(
                            ConvertErrorKind::Unreadable,
                            &block.source,
                        ));
                    }
                    blocks_left -= members.len();
                    for (member, der) in members.into_iter().enumerate() {
                        let source = Source {
                            member: Some(member),
                            ..block.source.clone()
                        };
                        items.push(item(source, Content::Certificate, der)?);
                    }
                }
                Content::Pkcs12 => {
                    let fail = |kind| ConvertError::new(kind, &block.source);
                    let pfx = pkcs12::open(&block.der, password, blocks_left, &mut key_derivation)
                        .map_err(|_| fail(ConvertErrorKind::Unreadable))?;
                    match pfx.problem {
                        None if pfx.truncated => return Err(fail(ConvertErrorKind::Unreadable)),
                        None => {}
                        Some(Problem::PasswordNeeded) => {
                            return Err(fail(ConvertErrorKind::PasswordNeeded))
                        }
                        Some(Problem::WrongPassword) => {
                            return Err(fail(ConvertErrorKind::WrongPassword))
                        }
                        Some(Problem::Failed(reason)) => {
                            return Err(fail(ConvertErrorKind::DecryptFailed { reason }))
                        }
                    }
                    blocks_left -= pfx.members.len();
                    for (member, found) in pfx.members.into_iter().enumerate() {
                        let source = Source {
                            member: Some(member),
                            ..block.source.clone()
                        };
                        let (content, der) = match found {
                            Member::Certificate(der) => (Content::Certificate, der),
                            Member::Key { pkcs8, .. } => {
                                (Content::PrivateKey(PrivateKeyFormat::Pkcs8), pkcs8)
                            }
                            // Reported as a problem above.
                            Member::LockedKey { .. } => continue,
                        };
                        items.push(item(source, content, der)?);
                    }
                }
                Content::Certificate
                | Content::Csr
                | Content::PublicKey
                | Content::RsaPublicKey
                | Content::PrivateKey(_)
                | Content::EncryptedPrivateKey => {
                    items.push(item(block.source, block.content, block.der)?)
                }
                Content::Crl => {}
                other @ (Content::DsaPrivateKey | Content::Unknown) => {
                    return Err(ConvertError::new(
                        ConvertErrorKind::Unsupported {
                            what: other.phrase(),
                        },
                        &block.source,
                    ))
                }
            }
        }
    }
    Ok(items)
}

/// One object, checked the way `inspect` reads it: what certlens could not read back is
/// not converted either.
fn item(source: Source, content: Content, der: Vec<u8>) -> Result<Item, ConvertError> {
    let unreadable = || ConvertError::new(ConvertErrorKind::Unreadable, &source);
    let mut cert = None;
    match content {
        Content::Certificate => cert = Some(Certificate::parse(&der).map_err(|_| unreadable())?),
        Content::Csr => {
            crate::model::Csr::parse(&der).map_err(|_| unreadable())?;
        }
        Content::PublicKey => {
            crypto::PublicKey::from_spki_der(&der).map_err(|_| unreadable())?;
        }
        Content::RsaPublicKey => {
            crypto::PublicKey::from_pkcs1_rsa_public_der(&der).map_err(|_| unreadable())?;
        }
        Content::PrivateKey(format) => {
            crypto::parse_private_key(&der, format).map_err(|e| {
                ConvertError::new(
                    ConvertErrorKind::UnsupportedKey {
                        reason: e.to_string(),
                    },
                    &source,
                )
            })?;
        }
        Content::EncryptedPrivateKey => {
            crypto::describe_encryption(&der).map_err(|_| unreadable())?;
        }
        _ => {}
    }
    Ok(Item {
        source,
        content,
        der,
        cert,
    })
}

/// Issues that lose a block (the others are repairs). A CRL is left out silently.
fn lost(kind: &IssueKind) -> bool {
    matches!(
        kind,
        IssueKind::TooLarge { .. }
            | IssueKind::TooManyBlocks { .. }
            | IssueKind::NotRecognized
            | IssueKind::InvalidBase64Char { .. }
            | IssueKind::InvalidBase64 { .. }
            | IssueKind::EmptyBlock { .. }
            | IssueKind::NotDer { .. }
            | IssueKind::MissingEnd { .. }
            | IssueKind::EndWithoutBegin { .. }
            | IssueKind::LegacyEncryptedPem { .. }
            | IssueKind::UnsupportedLabel { .. }
            | IssueKind::Unsupported { .. }
            | IssueKind::Unparseable { .. }
    )
}

fn label(content: Content) -> &'static str {
    match content {
        Content::Certificate => "CERTIFICATE",
        Content::Csr => "CERTIFICATE REQUEST",
        Content::PublicKey => "PUBLIC KEY",
        Content::RsaPublicKey => "RSA PUBLIC KEY",
        Content::PrivateKey(PrivateKeyFormat::Pkcs8) => "PRIVATE KEY",
        Content::PrivateKey(PrivateKeyFormat::Pkcs1Rsa) => "RSA PRIVATE KEY",
        Content::PrivateKey(PrivateKeyFormat::Sec1Ec) => "EC PRIVATE KEY",
        Content::EncryptedPrivateKey => "ENCRYPTED PRIVATE KEY",
        Content::Pkcs7 => "PKCS7",
        Content::Pkcs12 => "PKCS12",
        Content::Crl => "X509 CRL",
        Content::DsaPrivateKey => "DSA PRIVATE KEY",
        Content::Unknown => "UNKNOWN",
    }
}

fn is_private(content: Content) -> bool {
    matches!(
        content,
        Content::PrivateKey(_) | Content::EncryptedPrivateKey
    )
}

/// The certificates' chain (for order and roles) and the file names of the objects.
struct Names {
    /// Item indexes of the main chain, leaf first.
    chain: Vec<usize>,
    /// True when the chain holds every certificate of the inputs (copies aside).
    complete: bool,
    /// True when its last certificate is a self-issued root.
    ends_in_root: bool,
}

impl Names {
    fn new(items: &[Item], at: i64) -> Names {
        let certs: Vec<usize> = (0..items.len())
            .filter(|&i| items[i].cert.is_some())
            .collect();
        let model = Model {
            objects: certs
                .iter()
                .enumerate()
                .filter_map(|(id, &i)| {
                    let cert = items[i].cert.clone()?;
                    Some(Object {
                        id,
                        source: items[i].source.clone(),
                        body: Body::Certificate(Box::new(cert)),
                        added: false,
                    })
                })
                .collect(),
            issues: Vec::new(),
        };
        let chains = chain::build(&model, &TrustStore::given(Vec::new()), at);
        let chain: Vec<usize> = chains
            .main(None)
            .map(|c| {
                c.certs
                    .iter()
                    .filter_map(|&id| certs.get(id).copied())
                    .collect()
            })
            .unwrap_or_default();
        let complete = !chain.is_empty()
            && items
                .iter()
                .filter(|i| i.content == Content::Certificate)
                .all(|i| chain.iter().any(|&c| items[c].der == i.der));
        let ends_in_root = chain.len() > 1
            && chain
                .last()
                .and_then(|&i| items[i].cert.as_ref())
                .is_some_and(|c| c.is_self_issued());
        Names {
            chain,
            complete,
            ends_in_root,
        }
    }

    /// The order of a PEM bundle: as found, except that certificates from PKCS#7 bundles
    /// that form one chain come first, leaf first.
    fn bundle_order(&self, items: &[Item]) -> Vec<usize> {
        let from_pkcs7 = items.iter().any(|i| i.source.member.is_some());
        if !(from_pkcs7 && self.complete) {
            return (0..items.len()).collect();
        }
        let mut order = self.chain.clone();
        order.extend((0..items.len()).filter(|&i| items[i].content != Content::Certificate));
        order
    }

    /// Every object with its file name (without extension): the chain first (`1-<leaf>`,
    /// `2-intermediate-<name>`, `3-root-<name>`), then the rest as found.
    fn split_order(&self, items: &[Item]) -> Vec<(usize, String)> {
        let mut out: Vec<(usize, String)> = Vec::new();
        let mut taken = std::collections::HashSet::new();
        let mut add = |i: usize, name: String, out: &mut Vec<(usize, String)>| {
            let base = safe_name(&name);
            let mut name = base.clone();
            let mut n = 2;
            while !taken.insert(name.clone()) {
                name = format!("{base}-{n}");
                n += 1;
            }
            out.push((i, name));
        };
        let cert_name = |i: usize| {
            items[i]
                .cert
                .as_ref()
                .map(model::display_name)
                .unwrap_or_else(|| "certificate".into())
        };
        for (position, &i) in self.chain.iter().enumerate() {
            let role = if position == 0 {
                String::new()
            } else if self.ends_in_root && position + 1 == self.chain.len() {
                "root-".into()
            } else {
                "intermediate-".into()
            };
            add(
                i,
                format!("{}-{role}{}", position + 1, cert_name(i)),
                &mut out,
            );
        }
        let mut keys = 0;
        for (i, item) in items.iter().enumerate() {
            if self.chain.contains(&i) {
                continue;
            }
            let name = match item.content {
                Content::Certificate => format!("cert-{}", cert_name(i)),
                Content::Csr => match crate::model::Csr::parse(&item.der) {
                    Ok(csr) => format!("csr-{}", csr_name(&csr)),
                    Err(_) => "csr".into(),
                },
                Content::PublicKey | Content::RsaPublicKey => "pubkey".into(),
                _ => {
                    keys += 1;
                    key_name(keys)
                }
            };
            add(i, name, &mut out);
        }
        out
    }
}

fn key_name(n: usize) -> String {
    if n == 1 {
        "key".into()
    } else {
        format!("key-{n}")
    }
}

fn csr_name(csr: &crate::model::Csr) -> String {
    // "CN=www.example.com, O=…" → "www.example.com"
    csr.subject
        .split(", ")
        .find_map(|part| part.strip_prefix("CN="))
        .map(str::to_string)
        .unwrap_or_else(|| "request".into())
}

/// A file name from anything, safe on every system: ASCII letters, digits, `.`, `_` and `-`
/// kept, `*` spelled `wildcard`, anything else `_`; no leading or trailing dot, at most 100
/// bytes; Windows device names (`CON`, `NUL`, `COM1` …) get a `_` after them.
pub fn safe_name(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '.' | '-' | '_' => out.push(c),
            '*' => out.push_str("wildcard"),
            _ => {
                if !out.ends_with('_') {
                    out.push('_')
                }
            }
        }
    }
    let trimmed = out.trim_start_matches(['.', '-']);
    let mut out: String = trimmed.chars().take(100).collect();
    // Windows drops trailing dots: "a." would be written as "a".
    out.truncate(out.trim_end_matches('.').len());
    if out.is_empty() || out.chars().all(|c| c == '_') {
        out = "unnamed".into();
    }
    // On Windows these names open a device, whatever the extension ("NUL.pfx" is NUL).
    let stem = out
        .split('.')
        .next()
        .unwrap_or_default()
        .to_ascii_uppercase();
    let device = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (stem.len() == 4
            && (stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.as_bytes()[3].is_ascii_digit());
    if device {
        out.insert(stem.len(), '_');
    }
    out
}

/// The last path component without its extension (`dir/chain.p7b` → `chain`).
fn file_stem(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base.split_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem.to_string(),
        _ => base.to_string(),
    }
}

/// The key targets: one output per private key.
fn convert_keys(items: &[Item], options: &Options) -> Result<Vec<Output>, ConvertError> {
    let mut budget = crypto::KEY_DERIVATION_BUDGET;
    let mut outputs = Vec::new();
    for item in items.iter().filter(|i| is_private(i.content)) {
        let fail = |kind| ConvertError::new(kind, &item.source);
        let (plain, format) = plain_key(item, options, &mut budget)?;
        let parsed = crypto::parse_private_key(&plain, format).map_err(|e| {
            fail(ConvertErrorKind::UnsupportedKey {
                reason: e.to_string(),
            })
        })?;
        let encoding = |reason: String| fail(ConvertErrorKind::Encoding { reason });
        let (der, content) = match options.target {
            Target::Pkcs1 => (
                to_pkcs1(&plain, format).map_err(fail)?,
                Content::PrivateKey(PrivateKeyFormat::Pkcs1Rsa),
            ),
            Target::Sec1 => (
                to_sec1(&plain, format, &parsed.public.spki_der).map_err(fail)?,
                Content::PrivateKey(PrivateKeyFormat::Sec1Ec),
            ),
            Target::Encrypted => {
                let password = options
                    .new_password
                    .as_deref()
                    .ok_or_else(|| ConvertError::whole(ConvertErrorKind::NewPasswordNeeded))?;
                let pkcs8 = to_pkcs8(&plain, format).map_err(fail)?;
                let n = outputs.len();
                let salt = derive(&options.salt, n);
                let iv = derive(&options.iv, n);
                let info =
                    pkcs8::PrivateKeyInfo::from_der(&pkcs8).map_err(|e| encoding(e.to_string()))?;
                let params = pkcs5::pbes2::Parameters::pbkdf2_sha256_aes256cbc(
                    options.iterations,
                    &salt,
                    &iv,
                )
                .map_err(|e| encoding(e.to_string()))?;
                let document = info
                    .encrypt_with_params(params, password)
                    .map_err(|e| encoding(e.to_string()))?;
                (document.as_bytes().to_vec(), Content::EncryptedPrivateKey)
            }
            _ => (
                to_pkcs8(&plain, format).map_err(fail)?,
                Content::PrivateKey(PrivateKeyFormat::Pkcs8),
            ),
        };
        outputs.push(Output {
            name: format!("{}.pem", key_name(outputs.len() + 1)),
            content: Some(content),
            der: false,
            count: 1,
            secret: true,
            data: pem_block(label(content), &der).into_bytes(),
        });
    }
    if outputs.is_empty() {
        return Err(ConvertError::whole(ConvertErrorKind::NothingToConvert));
    }
    Ok(outputs)
}

/// The PKCS#12 file of the main chain's leaf (then its issuers, then any other certificate
/// given) and the one private key that belongs to the leaf.
fn pfx(items: &[Item], names: &Names, options: &Options) -> Result<Output, ConvertError> {
    let password = options
        .new_password
        .as_deref()
        .ok_or_else(|| ConvertError::whole(ConvertErrorKind::NewPasswordNeeded))?;
    let mut certs: Vec<usize> = names.chain.clone();
    for (i, item) in items.iter().enumerate() {
        if item.cert.is_some() && !certs.iter().any(|&c| items[c].der == item.der) {
            certs.push(i);
        }
    }
    let Some(leaf) = certs.first().and_then(|&i| items[i].cert.as_ref()) else {
        return Err(ConvertError::whole(ConvertErrorKind::PfxNoCertificate));
    };
    let leaf_name = model::display_name(leaf);
    let key = leaf_key(items, leaf, options)?;

    let (scheme, digest, mac_salt_len) = if options.legacy_pfx {
        (PfxEncryption::TripleDes, MacDigest::Sha1, 8)
    } else {
        (PfxEncryption::Aes256, MacDigest::Sha256, 16)
    };
    let encoding = |reason: String| ConvertError::whole(ConvertErrorKind::Encoding { reason });
    // Each encryption and the MAC get their own salt (and IV) from the caller's bytes.
    let encrypt = |n: usize, plain: &[u8]| {
        let (salt, iv) = (derive(&options.salt, n), derive(&options.iv, n));
        crypto::encrypt(scheme, password, &salt, &iv, PFX_ITERATIONS, plain).map_err(encoding)
    };
    // friendlyName and localKeyId (SHA-1 of the certificate, as OpenSSL and Windows make
    // it) pair the leaf with its key on import.
    let local_key_id = sha1::Sha1::digest(&leaf.der);
    let attributes = pfx_write::bag_attributes(&leaf_name, &local_key_id);
    let cert_bags: Vec<u8> = certs
        .iter()
        .enumerate()
        .flat_map(|(position, &i)| {
            let attributes = (position == 0).then_some(attributes.as_slice());
            pfx_write::cert_bag(&items[i].der, attributes)
        })
        .collect();
    let (algorithm, ciphertext) = encrypt(1, &tlv::encode(tlv::SEQUENCE, &cert_bags))?;
    let certificates = pfx_write::encrypted_data(&algorithm, &ciphertext);
    let (algorithm, ciphertext) = encrypt(2, &key)?;
    let key_bag = pfx_write::shrouded_key_bag(&algorithm, &ciphertext, &attributes);
    let keys = pfx_write::data(&tlv::encode(tlv::SEQUENCE, &key_bag));
    let auth_safe = tlv::encode(tlv::SEQUENCE, &[certificates, keys].concat());
    let mac_salt = &derive(&options.salt, 3)[..mac_salt_len];
    let iterations = u64::from(PFX_ITERATIONS);
    let mac = digest.mac(&Password::new(password), mac_salt, iterations, &auth_safe);
    Ok(Output {
        name: safe_name(&format!("{leaf_name}.pfx")),
        content: Some(Content::Pkcs12),
        der: true,
        count: certs.len() + 1,
        secret: true,
        data: pfx_write::pfx(&auth_safe, digest, &mac, mac_salt, PFX_ITERATIONS),
    })
}

/// The plain PKCS#8 of the private key that belongs to `leaf`.
fn leaf_key(
    items: &[Item],
    leaf: &Certificate,
    options: &Options,
) -> Result<Vec<u8>, ConvertError> {
    let leaf_key = leaf.public_key.as_ref().ok();
    let mut budget = crypto::KEY_DERIVATION_BUDGET;
    let mut keys = 0;
    for item in items.iter().filter(|i| is_private(i.content)) {
        keys += 1;
        let (plain, format) = plain_key(item, options, &mut budget)?;
        let parsed = crypto::parse_private_key(&plain, format).map_err(|e| {
            let reason = e.to_string();
            ConvertError::new(ConvertErrorKind::UnsupportedKey { reason }, &item.source)
        })?;
        if leaf_key.is_some_and(|k| k.same_key(&parsed.public)) {
            return to_pkcs8(&plain, format).map_err(|kind| ConvertError::new(kind, &item.source));
        }
    }
    let cert = model::display_name(leaf);
    Err(ConvertError::whole(if keys == 0 {
        ConvertErrorKind::PfxNoKey { cert }
    } else {
        ConvertErrorKind::PfxKeyMismatch { cert }
    }))
}

/// A private key item as plain DER and its format, decrypted with the password if needed.
fn plain_key(
    item: &Item,
    options: &Options,
    budget: &mut u64,
) -> Result<(Vec<u8>, PrivateKeyFormat), ConvertError> {
    let fail = |kind| ConvertError::new(kind, &item.source);
    match item.content {
        Content::PrivateKey(format) => Ok((item.der.clone(), format)),
        _ => {
            let password = options
                .password
                .as_deref()
                .ok_or_else(|| fail(ConvertErrorKind::PasswordNeeded))?;
            let plain = crypto::decrypt_pkcs8_within(&item.der, password, budget).map_err(|e| {
                fail(match e {
                    DecryptError::WrongPassword => ConvertErrorKind::WrongPassword,
                    other => ConvertErrorKind::DecryptFailed {
                        reason: other.to_string(),
                    },
                })
            })?;
            Ok((plain, PrivateKeyFormat::Pkcs8))
        }
    }
}

/// 16 bytes for the n-th key from the caller's random ones: distinct per key.
fn derive(seed: &[u8; 16], n: usize) -> [u8; 16] {
    if n == 0 {
        return *seed;
    }
    let digest = sha2::Sha256::new()
        .chain_update(seed)
        .chain_update((n as u64).to_be_bytes())
        .finalize();
    let mut out = [0; 16];
    out.copy_from_slice(&digest[..16]);
    out
}

/// The public point of a parsed key's SubjectPublicKeyInfo.
fn public_point(spki: &[u8]) -> Result<Vec<u8>, ConvertErrorKind> {
    SubjectPublicKeyInfoRef::from_der(spki)
        .ok()
        .and_then(|s| s.subject_public_key.as_bytes().map(<[u8]>::to_vec))
        .ok_or_else(|| ConvertErrorKind::Encoding {
            reason: "the public key has no point".into(),
        })
}

fn encoding_error(e: der::Error) -> ConvertErrorKind {
    ConvertErrorKind::Encoding {
        reason: e.to_string(),
    }
}

/// PKCS#8 as `openssl pkcs8 -topk8 -nocrypt` writes it.
fn to_pkcs8(der: &[u8], format: PrivateKeyFormat) -> Result<Vec<u8>, ConvertErrorKind> {
    match format {
        PrivateKeyFormat::Pkcs8 => Ok(der.to_vec()),
        PrivateKeyFormat::Pkcs1Rsa => pkcs8::PrivateKeyInfo {
            algorithm: AlgorithmIdentifierRef {
                oid: RSA_ENCRYPTION,
                parameters: Some(AnyRef::NULL),
            },
            private_key: der,
            public_key: None,
        }
        .to_der()
        .map_err(encoding_error),
        PrivateKeyFormat::Sec1Ec => {
            let key = sec1::EcPrivateKey::from_der(der).map_err(encoding_error)?;
            let Some(sec1::EcParameters::NamedCurve(curve)) = key.parameters else {
                return Err(ConvertErrorKind::UnsupportedKey {
                    reason: "the EC private key does not name its curve".into(),
                });
            };
            // Inside PKCS#8 the curve is named by the wrapper, not again in the key; the
            // public point stays when the key had one (as OpenSSL does).
            let inner = sec1::EcPrivateKey {
                private_key: key.private_key,
                parameters: None,
                public_key: key.public_key,
            }
            .to_der()
            .map_err(encoding_error)?;
            pkcs8::PrivateKeyInfo {
                algorithm: AlgorithmIdentifierRef {
                    oid: EC_PUBLIC_KEY,
                    parameters: Some(AnyRef::from(&curve)),
                },
                private_key: &inner,
                public_key: None,
            }
            .to_der()
            .map_err(encoding_error)
        }
    }
}

/// PKCS#1 as `openssl pkey -traditional` writes an RSA key.
fn to_pkcs1(der: &[u8], format: PrivateKeyFormat) -> Result<Vec<u8>, ConvertErrorKind> {
    match format {
        PrivateKeyFormat::Pkcs1Rsa => Ok(der.to_vec()),
        PrivateKeyFormat::Sec1Ec => Err(ConvertErrorKind::NotRsa),
        PrivateKeyFormat::Pkcs8 => {
            let info = pkcs8::PrivateKeyInfo::from_der(der).map_err(encoding_error)?;
            match info.algorithm.oid {
                RSA_ENCRYPTION | RSASSA_PSS => Ok(info.private_key.to_vec()),
                _ => Err(ConvertErrorKind::NotRsa),
            }
        }
    }
}

/// SEC1 as `openssl ec` writes it: version 1, the scalar, the curve's OID, the public point.
fn to_sec1(der: &[u8], format: PrivateKeyFormat, spki: &[u8]) -> Result<Vec<u8>, ConvertErrorKind> {
    let (inner, outer_curve) = match format {
        PrivateKeyFormat::Pkcs1Rsa => return Err(ConvertErrorKind::NotEc),
        PrivateKeyFormat::Sec1Ec => (der.to_vec(), None),
        PrivateKeyFormat::Pkcs8 => {
            let info = pkcs8::PrivateKeyInfo::from_der(der).map_err(encoding_error)?;
            if info.algorithm.oid != EC_PUBLIC_KEY {
                return Err(ConvertErrorKind::NotEc);
            }
            let curve = info
                .algorithm
                .parameters
                .and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
            (info.private_key.to_vec(), curve)
        }
    };
    let key = sec1::EcPrivateKey::from_der(&inner).map_err(encoding_error)?;
    let curve = match (key.parameters, outer_curve) {
        (Some(sec1::EcParameters::NamedCurve(curve)), _) | (None, Some(curve)) => curve,
        (None, None) => {
            return Err(ConvertErrorKind::UnsupportedKey {
                reason: "the EC private key does not name its curve".into(),
            })
        }
    };
    let point = public_point(spki)?;
    sec1::EcPrivateKey {
        private_key: key.private_key,
        parameters: Some(sec1::EcParameters::NamedCurve(curve)),
        public_key: Some(&point),
    }
    .to_der()
    .map_err(encoding_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_names() {
        assert_eq!(safe_name("1-www.example.com"), "1-www.example.com");
        assert_eq!(safe_name("1-*.example.com"), "1-wildcard.example.com");
        assert_eq!(safe_name("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(safe_name("..."), "unnamed");
        assert_eq!(safe_name("a.pem."), "a.pem");
        for (device, safe) in [
            ("NUL.pfx", "NUL_.pfx"),
            ("con", "con_"),
            ("Aux.pem", "Aux_.pem"),
            ("COM1.der", "COM1_.der"),
            ("lpt9.pem", "lpt9_.pem"),
            ("PRN.key.pem", "PRN_.key.pem"),
        ] {
            assert_eq!(safe_name(device), safe);
        }
        for ordinary in [
            "CONTOSO.pfx",
            "COMPANY.pem",
            "LPT.pem",
            "null.pem",
            "1-NUL.pem",
        ] {
            assert_eq!(safe_name(ordinary), ordinary);
        }
        assert_eq!(
            safe_name("2-intermediate-certlens Test/CA"),
            "2-intermediate-certlens_Test_CA"
        );
        assert_eq!(safe_name(&"a".repeat(300)).len(), 100);
    }

    #[test]
    fn targets_round_trip() {
        for target in Target::ALL {
            assert_eq!(Target::parse(target.name()), Some(target));
        }
        assert_eq!(Target::parse("p12"), None);
    }

    #[test]
    fn derived_salts_differ() {
        let seed = [7; 16];
        assert_eq!(derive(&seed, 0), seed);
        assert_ne!(derive(&seed, 1), seed);
        assert_ne!(derive(&seed, 1), derive(&seed, 2));
    }
}
