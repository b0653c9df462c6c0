//! PKCS#12 / PFX files (.pfx, .p12, what IIS and Windows export): the password's integrity
//! check (MAC), then the certificates and private keys of every SafeContents, decrypting
//! what is encrypted (PBES2, PKCS#12 3DES and RC2).
//!
//! The structure is walked with the bounded TLV reader, BER parts (Windows and Java write
//! indefinite lengths) normalised first. Every key derivation is checked against the
//! caller's budget before it starts; members count against the caller's block limit.

use der::asn1::ObjectIdentifier;

use crate::crypto::pkcs12::{MacDigest, Password};
use crate::crypto::{self, DecryptError};
use crate::tlv::{self, Tlv};

const DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const ENCRYPTED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.6");
const KEY_BAG: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.10.1.1");
const SHROUDED_KEY_BAG: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.10.1.2");
const CERT_BAG: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.10.1.3");
const SAFE_CONTENTS_BAG: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.10.1.6");
const X509_CERTIFICATE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.22.1");
const FRIENDLY_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.20");
const LOCAL_KEY_ID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.21");
const PBMAC1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.5.14");

/// SafeContents inside SafeContents bags deeper than this are not read.
const MAX_BAG_DEPTH: usize = 4;
/// Elements of one AuthenticatedSafe or SafeContents read (certificates and keys also count
/// against the caller's block limit).
const MAX_ELEMENTS: usize = 4096;

/// What one PFX holds, as far as the password opened it.
#[derive(Debug, Default)]
pub struct Pfx {
    /// Certificates and keys in the order found.
    pub members: Vec<Member>,
    /// How it is protected, e.g. "PBES2 (PBKDF2-HMAC-SHA256, 2048 iterations,
    /// AES-256-CBC); MAC HMAC-SHA256 (2048 iterations)".
    pub protection: String,
    /// Why part of it (or all of it) could not be read.
    pub problem: Option<Problem>,
    /// More members than the caller's limit: the rest were not read.
    pub truncated: bool,
}

#[derive(Debug)]
pub enum Member {
    Certificate(Vec<u8>),
    /// A plain PKCS#8 key and how it was encrypted in the file (`None`: it was not).
    Key {
        pkcs8: Vec<u8>,
        encryption: Option<String>,
    },
    /// A key the password did not open, with its encryption.
    LockedKey {
        encryption: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// No password was given and the empty one does not open the file.
    PasswordNeeded,
    /// The password fails the MAC (or, without one, the decryption).
    WrongPassword,
    /// An unsupported MAC or cipher, a cost limit, damaged encrypted data; in English.
    Failed(String),
}

/// Opens a PFX (DER, see [`crate::tlv::normalise_ber`]) with `password`, or without one
/// with the empty password (as OpenSSL `-passout pass:` and many Windows exports write).
/// At most `max_members` certificates and keys; key derivations are taken from `budget`.
/// An error is a structure that is not a PFX at all (in English).
pub fn open(
    der: &[u8],
    password: Option<&[u8]>,
    max_members: usize,
    budget: &mut u64,
) -> Result<Pfx, String> {
    let malformed = |what: &str| format!("the PKCS#12 structure is malformed ({what})");
    let (pfx, _) = tlv::read_tlv(der).map_err(|e| format!("the PKCS#12 structure {e}"))?;
    let fields = tlv::children(pfx.value, 3).ok_or_else(|| malformed("PFX"))?;
    let auth_safe = fields.get(1).ok_or_else(|| malformed("no contents"))?;
    let (content_type, content) = content_info(auth_safe).ok_or_else(|| malformed("authSafe"))?;
    if content_type != DATA.as_bytes() {
        // Public-key integrity mode (signedData): no password to check.
        return Err("the PKCS#12 file is signed with a public key (public-key integrity mode), which certlens does not read".into());
    }
    let auth_safe_octets = octets(&content).ok_or_else(|| malformed("authSafe data"))?;

    let mut reader = Reader {
        pfx: Pfx::default(),
        password: None,
        password_given: password.is_some(),
        max_members,
        schemes: Vec::new(),
    };
    let given = password.map(Password::new);
    let mac = match fields.get(2) {
        Some(mac_data) => {
            let mac = parse_mac(mac_data).ok_or_else(|| malformed("MacData"))?;
            // The empty password too when another is given: one password is often given
            // for several files.
            let mut candidates: Vec<Password<'_>> = given.into_iter().collect();
            if password.is_none_or(|p| !p.is_empty()) {
                candidates.push(Password::new(b""));
            }
            candidates.push(Password::absent());
            if let Err(problem) = reader.check_mac(&mac, candidates, &auth_safe_octets, budget) {
                reader.pfx.problem = Some(problem);
            }
            Some(mac)
        }
        // No integrity check (`-nomac`): a wrong password shows in the decryption.
        None => {
            reader.password = Some(given.unwrap_or_else(|| Password::new(b"")));
            None
        }
    };

    let safe = normalised(&auth_safe_octets).ok_or_else(|| malformed("AuthenticatedSafe"))?;
    let (safe, _) = tlv::read_tlv(&safe).map_err(|_| malformed("AuthenticatedSafe"))?;
    let infos =
        tlv::children(safe.value, MAX_ELEMENTS).ok_or_else(|| malformed("AuthenticatedSafe"))?;
    for info in &infos {
        let (content_type, content) = content_info(info).ok_or_else(|| malformed("ContentInfo"))?;
        if content_type == DATA.as_bytes() {
            let contents = octets(&content).ok_or_else(|| malformed("SafeContents"))?;
            reader.safe_contents(&contents, None, 0, budget)?;
        } else if content_type == ENCRYPTED_DATA.as_bytes() {
            reader.encrypted_data(&content, budget)?;
        } else {
            reader.fail(Problem::Failed(
                "part of the file is encrypted for a certificate holder (public-key privacy mode), which certlens does not read".into(),
            ));
        }
    }
    let mut protection = reader.schemes.join("; ");
    if protection.is_empty() {
        protection = "no encryption".into();
    }
    match mac {
        Some(mac) => protection.push_str(&format!(
            "; MAC {} ({})",
            mac.name(),
            crypto::iterations_text(mac.iterations)
        )),
        None => protection.push_str("; no MAC"),
    }
    reader.pfx.protection = protection;
    Ok(reader.pfx)
}

/// `SEQUENCE { OID, [0] EXPLICIT content }`: the OID's bytes and the content element.
fn content_info<'a>(info: &Tlv<'a>) -> Option<(&'a [u8], Tlv<'a>)> {
    let items = tlv::children(info.value, 2)?;
    let (oid, explicit) = (items.first()?, items.get(1)?);
    if oid.tag != tlv::OID || explicit.tag != tlv::CONTEXT_0 {
        return None;
    }
    let (content, _) = tlv::read_tlv(explicit.value).ok()?;
    Some((oid.value, content))
}

/// The octets of an OCTET STRING (primitive, or constructed in chunks).
fn octets(element: &Tlv<'_>) -> Option<Vec<u8>> {
    match element.tag {
        tlv::OCTET_STRING => Some(element.value.to_vec()),
        _ => {
            let der = normalised(element.raw)?;
            let (tlv, _) = tlv::read_tlv(&der).ok()?;
            (tlv.tag == tlv::OCTET_STRING).then(|| tlv.value.to_vec())
        }
    }
}

/// Nested encodings (inside OCTET STRINGs, or decrypted) as DER, BER parts normalised.
fn normalised(data: &[u8]) -> Option<Vec<u8>> {
    tlv::normalise_ber(data).ok().map(|(der, _)| der)
}

struct Mac<'a> {
    digest: Option<MacDigest>,
    /// The digest algorithm's OID, for the message when it is not supported.
    algorithm: ObjectIdentifier,
    value: &'a [u8],
    salt: &'a [u8],
    iterations: u64,
}

impl Mac<'_> {
    fn name(&self) -> String {
        match self.digest {
            Some(digest) => digest.name().to_string(),
            None if self.algorithm == PBMAC1 => "PBMAC1".into(),
            None => format!("with digest {}", self.algorithm),
        }
    }
}

/// `MacData ::= SEQUENCE { DigestInfo, macSalt OCTET STRING, iterations INTEGER DEFAULT 1 }`
fn parse_mac<'a>(mac_data: &Tlv<'a>) -> Option<Mac<'a>> {
    let items = tlv::children(mac_data.value, 3)?;
    let digest_info = tlv::children(items.first()?.value, 2)?;
    let algorithm = tlv::children(digest_info.first()?.value, 2)?;
    let oid = algorithm.first().filter(|t| t.tag == tlv::OID)?;
    let algorithm = ObjectIdentifier::from_bytes(oid.value).ok()?;
    let value = digest_info.get(1).filter(|t| t.tag == tlv::OCTET_STRING)?;
    let salt = items.get(1).filter(|t| t.tag == tlv::OCTET_STRING)?;
    let iterations = match items.get(2) {
        Some(n) if n.tag == tlv::INTEGER => saturating_uint(n.value),
        Some(_) => return None,
        None => 1,
    };
    Some(Mac {
        digest: MacDigest::from_oid(&algorithm),
        algorithm,
        value: value.value,
        salt: salt.value,
        iterations,
    })
}

fn saturating_uint(bytes: &[u8]) -> u64 {
    let bytes = match bytes.iter().position(|&b| b != 0) {
        Some(start) => &bytes[start..],
        None => return 0,
    };
    if bytes.len() > 8 {
        return u64::MAX;
    }
    bytes.iter().fold(0, |acc, &b| (acc << 8) | u64::from(b))
}

struct Reader<'p> {
    pfx: Pfx,
    /// The password that opened the MAC (or the only one to try without a MAC); `None`
    /// when none did.
    password: Option<Password<'p>>,
    password_given: bool,
    max_members: usize,
    /// The encryption schemes met, each once, for [`Pfx::protection`].
    schemes: Vec<String>,
}

impl<'p> Reader<'p> {
    fn check_mac(
        &mut self,
        mac: &Mac<'_>,
        candidates: Vec<Password<'p>>,
        content: &[u8],
        budget: &mut u64,
    ) -> Result<(), Problem> {
        let failed = |e: DecryptError| {
            Problem::Failed(match e {
                DecryptError::LimitExceeded(what) => {
                    format!("its integrity check (MAC) is too expensive to try: {what}")
                }
                other => other.to_string(),
            })
        };
        let Some(digest) = mac.digest else {
            return Err(Problem::Failed(format!(
                "its integrity check (MAC {}) is not supported",
                mac.name()
            )));
        };
        let iterations =
            crypto::checked_iterations(mac.iterations, digest.name()).map_err(failed)?;
        for (n, candidate) in candidates.into_iter().enumerate() {
            if let Err(error) = crypto::charge(budget, iterations) {
                // The empty-password fallbacks are extras: past the budget, the answer stands.
                if n == 0 {
                    return Err(failed(error));
                }
                break;
            }
            if digest.mac(&candidate, mac.salt, iterations, content) == mac.value {
                self.password = Some(candidate);
                return Ok(());
            }
        }
        Err(self.locked())
    }

    /// The problem when the password does not open the file.
    fn locked(&self) -> Problem {
        if self.password_given {
            Problem::WrongPassword
        } else {
            Problem::PasswordNeeded
        }
    }

    /// Keeps the first problem: the one the user must solve first.
    fn fail(&mut self, problem: Problem) {
        self.pfx.problem.get_or_insert(problem);
    }

    fn decrypt_error(&mut self, error: DecryptError) {
        let problem = match error {
            DecryptError::WrongPassword => self.locked(),
            other => Problem::Failed(other.to_string()),
        };
        self.fail(problem);
    }

    fn scheme(&mut self, scheme: String) {
        if !self.schemes.contains(&scheme) {
            self.schemes.push(scheme);
        }
    }

    fn room(&mut self) -> bool {
        if self.pfx.members.len() < self.max_members {
            return true;
        }
        self.pfx.truncated = true;
        false
    }

    /// `EncryptedData ::= SEQUENCE { version, EncryptedContentInfo { contentType,
    /// contentEncryptionAlgorithm, [0] IMPLICIT encryptedContent } }`
    fn encrypted_data(&mut self, content: &Tlv<'_>, budget: &mut u64) -> Result<(), String> {
        let malformed = || "the PKCS#12 structure is malformed (EncryptedData)".to_string();
        let fields = tlv::children(content.value, 3).ok_or_else(malformed)?;
        let info = fields.get(1).ok_or_else(malformed)?;
        let info = tlv::children(info.value, 3).ok_or_else(malformed)?;
        let algorithm = info
            .get(1)
            .filter(|t| t.tag == tlv::SEQUENCE)
            .ok_or_else(malformed)?;
        let ciphertext = match info.get(2) {
            // Primitive [0], or constructed [0] of OCTET STRING chunks (BER writers).
            Some(t) if t.tag == 0x80 => t.value.to_vec(),
            Some(t) if t.tag == tlv::CONTEXT_0 => tlv::children(t.value, MAX_ELEMENTS)
                .ok_or_else(malformed)?
                .iter()
                .flat_map(|chunk| chunk.value.iter().copied())
                .collect(),
            _ => return Ok(()),
        };
        // Rewrapped as an EncryptedPrivateKeyInfo, the shape the PBE code reads.
        let wrapped = tlv::encode(
            tlv::SEQUENCE,
            &[algorithm.raw, &tlv::encode(tlv::OCTET_STRING, &ciphertext)].concat(),
        );
        let scheme = crypto::describe_encryption(&wrapped).unwrap_or_else(|e| e.to_string());
        self.scheme(scheme.clone());
        let Some(password) = &self.password else {
            return Ok(());
        };
        match crypto::decrypt_within(&wrapped, password, budget) {
            Ok(plain) => match normalised(&plain) {
                Some(contents) => self.safe_contents(&contents, Some(&scheme), 0, budget),
                // Padding that happens to look right over the wrong key.
                None => {
                    self.decrypt_error(DecryptError::WrongPassword);
                    Ok(())
                }
            },
            Err(error) => {
                self.decrypt_error(error);
                Ok(())
            }
        }
    }

    /// `SafeContents ::= SEQUENCE OF SafeBag`; `encryption` is how they were encrypted.
    fn safe_contents(
        &mut self,
        contents: &[u8],
        encryption: Option<&str>,
        depth: usize,
        budget: &mut u64,
    ) -> Result<(), String> {
        let malformed = || "the PKCS#12 structure is malformed (SafeContents)".to_string();
        let der = normalised(contents).ok_or_else(malformed)?;
        let (sequence, _) = tlv::read_tlv(&der).map_err(|_| malformed())?;
        let bags = tlv::children(sequence.value, MAX_ELEMENTS).ok_or_else(malformed)?;
        for bag in &bags {
            // SafeBag ::= SEQUENCE { bagId, [0] EXPLICIT bagValue, bagAttributes SET OPTIONAL }
            let items = tlv::children(bag.value, 3).ok_or_else(malformed)?;
            let (Some(id), Some(explicit)) = (items.first(), items.get(1)) else {
                return Err(malformed());
            };
            let (value, _) = tlv::read_tlv(explicit.value).map_err(|_| malformed())?;
            let Ok(bag_id) = ObjectIdentifier::from_bytes(id.value) else {
                return Err(malformed());
            };
            match bag_id {
                CERT_BAG => {
                    // CertBag ::= SEQUENCE { certId, [0] EXPLICIT certValue OCTET STRING }
                    let Some((cert_type, cert)) = content_info(&value) else {
                        return Err(malformed());
                    };
                    if cert_type == X509_CERTIFICATE.as_bytes() && self.room() {
                        let der = octets(&cert).ok_or_else(malformed)?;
                        self.pfx.members.push(Member::Certificate(der));
                    }
                }
                KEY_BAG if self.room() => {
                    self.pfx.members.push(Member::Key {
                        pkcs8: value.raw.to_vec(),
                        encryption: encryption.map(str::to_string),
                    });
                }
                SHROUDED_KEY_BAG if self.room() => {
                    let scheme =
                        crypto::describe_encryption(value.raw).unwrap_or_else(|e| e.to_string());
                    self.scheme(scheme.clone());
                    let opened = self
                        .password
                        .as_ref()
                        .map(|password| crypto::decrypt_key_within(value.raw, password, budget));
                    let member = match opened {
                        Some(Ok(pkcs8)) => Member::Key {
                            pkcs8,
                            encryption: Some(scheme),
                        },
                        Some(Err(error)) => {
                            self.decrypt_error(error);
                            Member::LockedKey { encryption: scheme }
                        }
                        None => Member::LockedKey { encryption: scheme },
                    };
                    self.pfx.members.push(member);
                }
                SAFE_CONTENTS_BAG if depth < MAX_BAG_DEPTH => {
                    self.safe_contents(value.raw, encryption, depth + 1, budget)?;
                }
                // CRLs, secrets, attributes certlens has no use for.
                _ => {}
            }
        }
        Ok(())
    }
}

/// The structures the PFX writer (`crate::convert`) assembles, DER.
pub mod write {
    use super::*;

    /// The `friendlyName` and `localKeyId` attributes Windows pairs a certificate and its key
    /// by: `SET OF Attribute`, DER.
    pub fn bag_attributes(friendly_name: &str, local_key_id: &[u8]) -> Vec<u8> {
        let attribute = |oid: ObjectIdentifier, value: Vec<u8>| {
            tlv::encode(
                tlv::SEQUENCE,
                &[
                    tlv::encode(tlv::OID, oid.as_bytes()),
                    tlv::encode(tlv::SET, &value),
                ]
                .concat(),
            )
        };
        const BMP_STRING: u8 = 0x1e;
        let name: Vec<u8> = friendly_name
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        let mut attributes = [
            attribute(FRIENDLY_NAME, tlv::encode(BMP_STRING, &name)),
            attribute(LOCAL_KEY_ID, tlv::encode(tlv::OCTET_STRING, local_key_id)),
        ];
        // DER orders a SET OF by the elements' encodings.
        attributes.sort();
        tlv::encode(tlv::SET, &attributes.concat())
    }

    /// `SafeBag { certBag, CertBag { x509Certificate, cert } }`, with attributes if given.
    pub fn cert_bag(cert: &[u8], attributes: Option<&[u8]>) -> Vec<u8> {
        let value = tlv::encode(
            tlv::SEQUENCE,
            &[
                tlv::encode(tlv::OID, X509_CERTIFICATE.as_bytes()),
                tlv::encode(tlv::CONTEXT_0, &tlv::encode(tlv::OCTET_STRING, cert)),
            ]
            .concat(),
        );
        safe_bag(CERT_BAG, &value, attributes)
    }

    /// `SafeBag { pkcs8ShroudedKeyBag, EncryptedPrivateKeyInfo { algorithm, ciphertext } }`.
    pub fn shrouded_key_bag(algorithm: &[u8], ciphertext: &[u8], attributes: &[u8]) -> Vec<u8> {
        let encrypted = tlv::encode(
            tlv::SEQUENCE,
            &[algorithm, &tlv::encode(tlv::OCTET_STRING, ciphertext)].concat(),
        );
        safe_bag(SHROUDED_KEY_BAG, &encrypted, Some(attributes))
    }

    fn safe_bag(id: ObjectIdentifier, value: &[u8], attributes: Option<&[u8]>) -> Vec<u8> {
        let mut bag = [
            tlv::encode(tlv::OID, id.as_bytes()),
            tlv::encode(tlv::CONTEXT_0, value),
        ]
        .concat();
        bag.extend_from_slice(attributes.unwrap_or_default());
        tlv::encode(tlv::SEQUENCE, &bag)
    }

    /// `ContentInfo { data, OCTET STRING }`.
    pub fn data(content: &[u8]) -> Vec<u8> {
        content_info(DATA, &tlv::encode(tlv::OCTET_STRING, content))
    }

    /// `ContentInfo { encryptedData, EncryptedData { 0, EncryptedContentInfo { data,
    /// algorithm, [0] IMPLICIT ciphertext } } }`.
    pub fn encrypted_data(algorithm: &[u8], ciphertext: &[u8]) -> Vec<u8> {
        let info = tlv::encode(
            tlv::SEQUENCE,
            &[
                tlv::encode(tlv::OID, DATA.as_bytes()),
                algorithm.to_vec(),
                tlv::encode(0x80, ciphertext),
            ]
            .concat(),
        );
        let encrypted = tlv::encode(tlv::SEQUENCE, &[vec![2, 1, 0], info].concat());
        content_info(ENCRYPTED_DATA, &encrypted)
    }

    fn content_info(content_type: ObjectIdentifier, content: &[u8]) -> Vec<u8> {
        tlv::encode(
            tlv::SEQUENCE,
            &[
                tlv::encode(tlv::OID, content_type.as_bytes()),
                tlv::encode(tlv::CONTEXT_0, content),
            ]
            .concat(),
        )
    }

    /// `PFX { 3, data(authSafe), MacData { DigestInfo { digest, mac }, salt, iterations } }`.
    pub fn pfx(
        auth_safe: &[u8],
        digest: MacDigest,
        mac: &[u8],
        salt: &[u8],
        iterations: u32,
    ) -> Vec<u8> {
        let algorithm = tlv::encode(
            tlv::SEQUENCE,
            &[
                tlv::encode(tlv::OID, digest.oid().as_bytes()),
                vec![0x05, 0x00],
            ]
            .concat(),
        );
        let digest_info = tlv::encode(
            tlv::SEQUENCE,
            &[algorithm, tlv::encode(tlv::OCTET_STRING, mac)].concat(),
        );
        let mac_data = tlv::encode(
            tlv::SEQUENCE,
            &[
                digest_info,
                tlv::encode(tlv::OCTET_STRING, salt),
                integer(iterations),
            ]
            .concat(),
        );
        tlv::encode(
            tlv::SEQUENCE,
            &[vec![2, 1, 3], data(auth_safe), mac_data].concat(),
        )
    }

    fn integer(n: u32) -> Vec<u8> {
        let bytes = n.to_be_bytes();
        let start = bytes.iter().position(|&b| b != 0).unwrap_or(3);
        let mut value = bytes[start..].to_vec();
        if value[0] & 0x80 != 0 {
            value.insert(0, 0);
        }
        tlv::encode(tlv::INTEGER, &value)
    }
}
