//! The parsed model: every object found in the inputs, each knowing where it came from.

pub mod certificate;
pub mod csr;

pub use certificate::Certificate;
pub use csr::Csr;

use crate::crypto::{self, DecryptError, KeyAlgorithm, KeyInfo, PrivateKeyFormat, PublicKey};
use crate::finding::ObjectRef;
use crate::input::pkcs12::{self, Member, Problem};
use crate::input::{self, pkcs7, Block, Content, Input, Issue, IssueKind, Source};

/// Index into [`Model::objects`]; also the `id` in the report.
pub type ObjectId = usize;

#[derive(Clone, Debug)]
pub struct Object {
    pub id: ObjectId,
    pub source: Source,
    pub body: Body,
    /// A certificate certlens added from its public intermediates to complete a chain: in
    /// no input ([`ADDED_INPUT`] stands for one in its source).
    pub added: bool,
}

/// The input name of the certificates certlens adds ([`Object::added`]).
pub const ADDED_INPUT: &str = "certlens public intermediates";

#[derive(Clone, Debug)]
pub enum Body {
    Certificate(Box<Certificate>),
    PrivateKey(PrivateKey),
    PublicKey(PublicKey),
    Csr(Box<Csr>),
    /// Found but not usable; `what` names it for the user.
    Unknown {
        what: &'static str,
    },
}

/// A private key as far as it could be read; never holds the secret itself.
#[derive(Clone, Debug)]
pub struct PrivateKey {
    /// `None` while the key is encrypted and no (correct) password was given.
    pub public: Option<PublicKey>,
    pub format: Option<PrivateKeyFormat>,
    /// How it was encrypted, when it was (e.g. "PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC)").
    pub encryption: Option<String>,
}

/// A format issue found in one input.
#[derive(Clone, Debug)]
pub struct InputIssue {
    pub input: String,
    pub issue: Issue,
}

/// What the rest of one build may still take: blocks (against [`input::MAX_BLOCKS`]) and
/// key derivation work (against [`crypto::KEY_DERIVATION_BUDGET`]).
struct Budget {
    blocks: usize,
    key_derivation: u64,
}

#[derive(Clone, Debug, Default)]
pub struct Model {
    pub objects: Vec<Object>,
    pub issues: Vec<InputIssue>,
}

impl Model {
    /// Decodes and parses every input. `password` opens encrypted private keys.
    pub fn build(inputs: &[Input], password: Option<&[u8]>) -> Model {
        let mut model = Model::default();
        let mut budget = Budget {
            blocks: input::MAX_BLOCKS,
            key_derivation: crypto::KEY_DERIVATION_BUDGET,
        };
        for input in inputs {
            let decoded = input::decode(input, budget.blocks);
            budget.blocks = budget.blocks.saturating_sub(decoded.blocks_read);
            model.record(&input.name, decoded.issues);
            for block in decoded.blocks {
                model.add_block(block, password, &mut budget);
            }
        }
        model
    }

    fn record(&mut self, input: &str, issues: Vec<Issue>) {
        self.issues
            .extend(issues.into_iter().map(|issue| InputIssue {
                input: input.to_string(),
                issue,
            }));
    }

    fn issue(&mut self, source: &Source, kind: IssueKind) {
        let issue = Issue::at_line(kind, source.block, source.line);
        self.issues.push(InputIssue {
            input: source.input.clone(),
            issue,
        });
    }

    /// Records why a block cannot be used and lists it as an unknown object, so the user
    /// still sees it among the inputs.
    fn unusable(&mut self, source: Source, content: Content, kind: IssueKind) {
        self.issue(&source, kind);
        self.push(
            source,
            Body::Unknown {
                what: content.phrase(),
            },
        );
    }

    fn push(&mut self, source: Source, body: Body) {
        let id = self.objects.len();
        self.objects.push(Object {
            id,
            source,
            body,
            added: false,
        });
    }

    /// Adds one block; the certificates of a PKCS#7 bundle each take one from the budget's
    /// blocks, and decrypting a key takes its derivation cost.
    fn add_block(&mut self, block: Block, password: Option<&[u8]>, budget: &mut Budget) {
        let Block {
            source,
            content,
            der,
            ..
        } = block;
        let unparseable = |what: Content, error: String| IssueKind::Unparseable { what, error };
        match content {
            Content::Certificate => match Certificate::parse(&der) {
                Ok(cert) => self.push(source, Body::Certificate(Box::new(cert))),
                Err(error) => {
                    self.unusable(source, content, unparseable(content, error));
                }
            },
            Content::Csr => match Csr::parse(&der) {
                Ok(csr) => self.push(source, Body::Csr(Box::new(csr))),
                Err(error) => {
                    self.unusable(source, content, unparseable(content, error));
                }
            },
            Content::Pkcs7 => match pkcs7::certificates(&der, budget.blocks) {
                Ok((members, truncated)) => {
                    if members.is_empty() {
                        let error = "the PKCS#7 bundle holds no certificates".to_string();
                        self.issue(&source, unparseable(content, error));
                    }
                    budget.blocks -= members.len();
                    if truncated {
                        let limit = input::MAX_BLOCKS;
                        self.issue(&source, IssueKind::TooManyBlocks { limit });
                    }
                    for (member, cert_der) in members.into_iter().enumerate() {
                        let source = Source {
                            member: Some(member),
                            ..source.clone()
                        };
                        self.add_block(
                            Block {
                                source,
                                label: None,
                                content: Content::Certificate,
                                der: cert_der,
                            },
                            password,
                            budget,
                        );
                    }
                }
                Err(error) => self.issue(&source, unparseable(content, error)),
            },
            Content::PrivateKey(format) => self.add_private_key(source, &der, format, None),
            Content::EncryptedPrivateKey => {
                let scheme = crypto::describe_encryption(&der).unwrap_or_else(|e| e.to_string());
                let decrypted = password.map(|password| {
                    crypto::decrypt_pkcs8_within(&der, password, &mut budget.key_derivation)
                });
                match decrypted {
                    Some(Ok(plain)) => {
                        self.add_private_key(source, &plain, PrivateKeyFormat::Pkcs8, Some(scheme))
                    }
                    Some(Err(error)) => {
                        let kind = match error {
                            DecryptError::WrongPassword => IssueKind::WrongPassword,
                            other => IssueKind::DecryptFailed {
                                reason: other.to_string(),
                            },
                        };
                        self.issue(&source, kind);
                        self.push_locked_key(source, scheme);
                    }
                    None => {
                        self.issue(
                            &source,
                            IssueKind::KeyEncrypted {
                                scheme: scheme.clone(),
                            },
                        );
                        self.push_locked_key(source, scheme);
                    }
                }
            }
            Content::PublicKey | Content::RsaPublicKey => {
                let parsed = if content == Content::PublicKey {
                    PublicKey::from_spki_der(&der)
                } else {
                    PublicKey::from_pkcs1_rsa_public_der(&der)
                };
                match parsed {
                    Ok(key) => self.push(source, Body::PublicKey(key)),
                    Err(error) => {
                        self.unusable(source, content, unparseable(content, error.to_string()));
                    }
                }
            }
            Content::Pkcs12 => self.add_pfx(source, &der, password, budget),
            Content::DsaPrivateKey | Content::Crl | Content::Unknown => {
                self.unusable(source, content, IssueKind::Unsupported { what: content });
            }
        }
    }

    /// Adds what a PFX holds, as PKCS#7 members are added: each certificate and key takes
    /// one from the budget's blocks. Without a password the empty one is tried; what the
    /// password does not open is still listed (certificates stored unencrypted, locked keys).
    fn add_pfx(
        &mut self,
        source: Source,
        der: &[u8],
        password: Option<&[u8]>,
        budget: &mut Budget,
    ) {
        let content = Content::Pkcs12;
        let pfx = match pkcs12::open(der, password, budget.blocks, &mut budget.key_derivation) {
            Ok(pfx) => pfx,
            Err(error) => {
                let kind = IssueKind::Unparseable {
                    what: content,
                    error,
                };
                return self.unusable(source, content, kind);
            }
        };
        budget.blocks -= pfx.members.len();
        if let Some(problem) = pfx.problem {
            let kind = match problem {
                Problem::PasswordNeeded => IssueKind::Pkcs12PasswordNeeded,
                Problem::WrongPassword => IssueKind::Pkcs12WrongPassword,
                Problem::Failed(reason) => IssueKind::Pkcs12Failed { reason },
            };
            self.issue(&source, kind);
        }
        if pfx.truncated {
            let limit = input::MAX_BLOCKS;
            self.issue(&source, IssueKind::TooManyBlocks { limit });
        }
        let certificates = pfx
            .members
            .iter()
            .filter(|m| matches!(m, Member::Certificate(_)))
            .count();
        let kind = IssueKind::Pkcs12Contents {
            certificates,
            keys: pfx.members.len() - certificates,
            protection: pfx.protection,
        };
        self.issue(&source, kind);
        if pfx.members.is_empty() {
            // Listed, so that the user sees the file among the inputs.
            let what = content.phrase();
            return self.push(source, Body::Unknown { what });
        }
        for (member, found) in pfx.members.into_iter().enumerate() {
            let source = Source {
                member: Some(member),
                ..source.clone()
            };
            match found {
                Member::Certificate(der) => {
                    let block = Block {
                        source,
                        label: None,
                        content: Content::Certificate,
                        der,
                    };
                    self.add_block(block, password, budget);
                }
                Member::Key { pkcs8, encryption } => {
                    self.add_private_key(source, &pkcs8, PrivateKeyFormat::Pkcs8, encryption)
                }
                Member::LockedKey { encryption } => self.push_locked_key(source, encryption),
            }
        }
    }

    fn add_private_key(
        &mut self,
        source: Source,
        der: &[u8],
        format: PrivateKeyFormat,
        encryption: Option<String>,
    ) {
        match crypto::parse_private_key(der, format) {
            Ok(key) => {
                if let Some(reason) = key.inconsistency.clone() {
                    self.issue(&source, IssueKind::KeyInconsistent { reason });
                }
                let body = PrivateKey {
                    public: Some(key.public),
                    format: Some(key.format),
                    encryption,
                };
                self.push(source, Body::PrivateKey(body));
            }
            Err(error) => {
                let what = Content::PrivateKey(format);
                let error = error.to_string();
                self.unusable(source, what, IssueKind::Unparseable { what, error });
            }
        }
    }

    fn push_locked_key(&mut self, source: Source, scheme: String) {
        let key = PrivateKey {
            public: None,
            format: Some(PrivateKeyFormat::Pkcs8),
            encryption: Some(scheme),
        };
        self.push(source, Body::PrivateKey(key));
    }

    /// Appends public intermediates certlens adds to complete chains ([`Object::added`]);
    /// one that does not parse is left out (the data file's own test covers that).
    pub fn add_public_intermediates<'a>(
        &mut self,
        certificates: impl IntoIterator<Item = &'a [u8]>,
    ) {
        for (block, der) in certificates.into_iter().enumerate() {
            let Ok(cert) = Certificate::parse(der) else {
                continue;
            };
            let id = self.objects.len();
            self.objects.push(Object {
                id,
                source: Source {
                    input: ADDED_INPUT.to_string(),
                    block,
                    // As for binary input: there is no BEGIN line.
                    line: 1,
                    member: None,
                },
                body: Body::Certificate(Box::new(cert)),
                added: true,
            });
        }
    }

    /// The certificates the inputs hold, without those certlens added.
    pub fn input_certificates(&self) -> impl Iterator<Item = (ObjectId, &Certificate)> {
        self.certificates()
            .filter(|(id, _)| self.objects.get(*id).is_some_and(|o| !o.added))
    }

    pub fn certificates(&self) -> impl Iterator<Item = (ObjectId, &Certificate)> {
        self.objects.iter().filter_map(|o| match &o.body {
            Body::Certificate(c) => Some((o.id, c.as_ref())),
            _ => None,
        })
    }

    pub fn certificate(&self, id: ObjectId) -> Option<&Certificate> {
        match self.objects.get(id).map(|o| &o.body) {
            Some(Body::Certificate(c)) => Some(c),
            _ => None,
        }
    }

    pub fn private_keys(&self) -> impl Iterator<Item = (ObjectId, &PrivateKey)> {
        self.objects.iter().filter_map(|o| match &o.body {
            Body::PrivateKey(k) => Some((o.id, k)),
            _ => None,
        })
    }

    pub fn csrs(&self) -> impl Iterator<Item = (ObjectId, &Csr)> {
        self.objects.iter().filter_map(|o| match &o.body {
            Body::Csr(c) => Some((o.id, c.as_ref())),
            _ => None,
        })
    }

    /// How findings name an object (rendered per language: see [`crate::i18n`]).
    pub fn object_ref(&self, id: ObjectId) -> ObjectRef {
        let Some(object) = self.objects.get(id) else {
            return ObjectRef {
                id,
                kind: "unknown",
                name: String::new(),
                what: "content.unknown",
                input: String::new(),
                block: 0,
            };
        };
        let (kind, name, what) = match &object.body {
            Body::Certificate(c) if object.added => ("added_certificate", display_name(c), ""),
            Body::Certificate(c) => ("certificate", display_name(c), ""),
            Body::PrivateKey(_) => ("private_key", String::new(), ""),
            Body::PublicKey(_) => ("public_key", String::new(), ""),
            Body::Csr(c) => ("csr", c.subject.clone(), ""),
            Body::Unknown { what } => ("unknown", String::new(), *what),
        };
        ObjectRef {
            id,
            kind,
            name,
            what,
            input: object.source.input.clone(),
            block: object.source.block,
        }
    }
}

/// The name people use for a certificate: its CN, else its first SAN, else the full subject.
pub fn display_name(cert: &Certificate) -> String {
    cert.common_names
        .first()
        .cloned()
        .or_else(|| cert.dns_names().first().cloned())
        .unwrap_or_else(|| cert.subject.clone())
}

pub(crate) fn unknown_key() -> KeyInfo {
    KeyInfo {
        algorithm: KeyAlgorithm::Unknown,
        bits: 0,
        curve: None,
    }
}
