//! An X.509 certificate, parsed once into the facts the checks and the report need.

use std::net::IpAddr;

use sha2::{Digest, Sha256};
use x509_parser::certificate::X509Certificate;
use x509_parser::extensions::{GeneralName, ParsedExtension};
use x509_parser::prelude::FromDer;

use crate::crypto::signature::SignatureAlgorithm;
use crate::crypto::{KeyInfo, PublicKey};
use crate::subject_name::distinguished_name_text;

/// A parsed certificate. The DER is kept so path validation can re-read what it needs.
#[derive(Clone, Debug)]
pub struct Certificate {
    pub der: Vec<u8>,
    pub version: u32,
    /// Lowercase hex with colons, as `openssl x509 -text` prints it.
    pub serial: String,
    pub subject: String,
    pub issuer: String,
    /// The DER of the subject and issuer Names, compared byte for byte when chaining.
    pub subject_der: Vec<u8>,
    pub issuer_der: Vec<u8>,
    pub not_before: i64,
    pub not_after: i64,
    pub signature_algorithm: SignatureAlgorithm,
    /// Byte range of the to-be-signed part within `der`.
    pub tbs: std::ops::Range<usize>,
    pub signature: Vec<u8>,
    pub spki_der: Vec<u8>,
    /// The key, or why it could not be read (the certificate is still reported).
    pub public_key: Result<PublicKey, String>,
    pub key_info: KeyInfo,
    pub san: Option<SubjectAltNames>,
    pub common_names: Vec<String>,
    pub basic_constraints: Option<BasicConstraints>,
    pub key_usage: Option<Vec<&'static str>>,
    pub ext_key_usage: Option<ExtKeyUsage>,
    pub subject_key_id: Option<Vec<u8>>,
    pub authority_key_id: Option<Vec<u8>>,
    pub ca_issuers: Vec<String>,
    pub has_name_constraints: bool,
    /// Every extension's OID and criticality, in order (duplicates included).
    pub extensions: Vec<ExtensionInfo>,
    /// The serial number's INTEGER content bytes.
    pub serial_bytes: Vec<u8>,
    pub subject_is_empty: bool,
    /// Critical extensions this parser cannot interpret (clients reject such certificates).
    pub unknown_critical_extensions: Vec<String>,
    /// Extensions present but not well-formed.
    pub malformed_extensions: Vec<String>,
    pub sha256_fingerprint: [u8; 32],
    /// The earliest timestamp of the embedded SCTs (RFC 6962), Unix seconds: Chrome judges
    /// some distrusts by it.
    pub earliest_sct: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SubjectAltNames {
    pub dns: Vec<String>,
    pub ip: Vec<IpAddr>,
    pub email: Vec<String>,
    pub uri: Vec<String>,
    pub other: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExtensionInfo {
    pub oid: String,
    pub critical: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BasicConstraints {
    pub ca: bool,
    pub path_len: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExtKeyUsage {
    pub server_auth: bool,
    pub any: bool,
    /// Every purpose by name (`serverAuth`, `clientAuth`, ... or a dotted OID).
    pub names: Vec<String>,
}

impl Certificate {
    /// Parses a DER certificate; the error is x509-parser's, phrased for a user.
    pub fn parse(der: &[u8]) -> Result<Certificate, String> {
        let (rest, cert) = X509Certificate::from_der(der).map_err(|e| format!("{e}"))?;
        if !rest.is_empty() {
            return Err(format!(
                "{} unexpected bytes follow the certificate",
                rest.len()
            ));
        }
        let tbs_raw = cert.tbs_certificate.as_ref();
        let tbs_start = (tbs_raw.as_ptr() as usize).saturating_sub(der.as_ptr() as usize);
        let spki_der = cert.public_key().raw.to_vec();
        let public_key = PublicKey::from_spki_der(&spki_der).map_err(|e| e.to_string());
        let key_info = match &public_key {
            Ok(key) => key.info.clone(),
            Err(_) => super::unknown_key(),
        };

        let mut out = Certificate {
            der: der.to_vec(),
            version: cert.version().0 + 1,
            serial: colon_hex(cert.raw_serial()),
            serial_bytes: cert.raw_serial().to_vec(),
            subject_is_empty: cert.subject().iter().next().is_none(),
            extensions: cert
                .extensions()
                .iter()
                .map(|e| ExtensionInfo {
                    oid: e.oid.to_id_string(),
                    critical: e.critical,
                })
                .collect(),
            subject: distinguished_name_text(cert.subject()),
            issuer: distinguished_name_text(cert.issuer()),
            subject_der: cert.subject().as_raw().to_vec(),
            issuer_der: cert.issuer().as_raw().to_vec(),
            not_before: cert.validity().not_before.timestamp(),
            not_after: cert.validity().not_after.timestamp(),
            signature_algorithm: SignatureAlgorithm::from_algorithm_identifier(
                &cert.signature_algorithm,
            ),
            tbs: tbs_start..tbs_start + tbs_raw.len(),
            signature: cert.signature_value.data.to_vec(),
            spki_der,
            public_key,
            key_info,
            san: None,
            common_names: cert
                .subject()
                .iter_common_name()
                .filter_map(|cn| cn.as_str().ok().map(str::to_string))
                .collect(),
            basic_constraints: None,
            key_usage: None,
            ext_key_usage: None,
            subject_key_id: None,
            authority_key_id: None,
            ca_issuers: Vec::new(),
            has_name_constraints: false,
            unknown_critical_extensions: Vec::new(),
            malformed_extensions: Vec::new(),
            sha256_fingerprint: Sha256::digest(der).into(),
            earliest_sct: None,
        };
        for ext in cert.extensions() {
            out.read_extension(
                ext.critical,
                &ext.oid.to_id_string(),
                ext.parsed_extension(),
            );
        }
        Ok(out)
    }

    fn read_extension(&mut self, critical: bool, oid: &str, parsed: &ParsedExtension<'_>) {
        match parsed {
            ParsedExtension::SubjectAlternativeName(san) => {
                self.san = Some(alt_names(
                    &san.general_names,
                    &mut self.malformed_extensions,
                ));
            }
            ParsedExtension::BasicConstraints(bc) => {
                self.basic_constraints = Some(BasicConstraints {
                    ca: bc.ca,
                    path_len: bc.path_len_constraint,
                });
            }
            ParsedExtension::KeyUsage(ku) => {
                let flags = [
                    (ku.digital_signature(), "digitalSignature"),
                    (ku.non_repudiation(), "nonRepudiation"),
                    (ku.key_encipherment(), "keyEncipherment"),
                    (ku.data_encipherment(), "dataEncipherment"),
                    (ku.key_agreement(), "keyAgreement"),
                    (ku.key_cert_sign(), "keyCertSign"),
                    (ku.crl_sign(), "cRLSign"),
                    (ku.encipher_only(), "encipherOnly"),
                    (ku.decipher_only(), "decipherOnly"),
                ];
                self.key_usage = Some(flags.iter().filter(|f| f.0).map(|f| f.1).collect());
            }
            ParsedExtension::ExtendedKeyUsage(eku) => {
                let known = [
                    (eku.any, "anyExtendedKeyUsage"),
                    (eku.server_auth, "serverAuth"),
                    (eku.client_auth, "clientAuth"),
                    (eku.code_signing, "codeSigning"),
                    (eku.email_protection, "emailProtection"),
                    (eku.time_stamping, "timeStamping"),
                    (eku.ocsp_signing, "OCSPSigning"),
                ];
                let mut names: Vec<String> = known
                    .iter()
                    .filter(|k| k.0)
                    .map(|k| k.1.to_string())
                    .collect();
                names.extend(eku.other.iter().map(|oid| oid.to_id_string()));
                self.ext_key_usage = Some(ExtKeyUsage {
                    server_auth: eku.server_auth,
                    any: eku.any,
                    names,
                });
            }
            ParsedExtension::SubjectKeyIdentifier(id) => self.subject_key_id = Some(id.0.to_vec()),
            ParsedExtension::AuthorityKeyIdentifier(aki) => {
                self.authority_key_id = aki.key_identifier.as_ref().map(|id| id.0.to_vec());
            }
            ParsedExtension::AuthorityInfoAccess(aia) => {
                const CA_ISSUERS: &str = "1.3.6.1.5.5.7.48.2";
                for desc in aia.iter() {
                    if let (CA_ISSUERS, GeneralName::URI(uri)) = (
                        desc.access_method.to_id_string().as_str(),
                        &desc.access_location,
                    ) {
                        self.ca_issuers.push(uri.to_string());
                    }
                }
            }
            ParsedExtension::NameConstraints(_) => self.has_name_constraints = true,
            ParsedExtension::SCT(scts) => {
                // Milliseconds since the epoch.
                self.earliest_sct = scts
                    .iter()
                    .map(|sct| i64::try_from(sct.timestamp / 1000).unwrap_or(i64::MAX))
                    .min();
            }
            ParsedExtension::ParseError { .. } => {
                self.malformed_extensions.push(extension_name(oid))
            }
            ParsedExtension::UnsupportedExtension { .. } | ParsedExtension::Unparsed
                if critical =>
            {
                self.unknown_critical_extensions.push(extension_name(oid));
            }
            _ => {}
        }
    }

    /// The bytes the issuer signed.
    pub fn tbs_bytes(&self) -> &[u8] {
        self.der.get(self.tbs.clone()).unwrap_or_default()
    }

    /// The full x509-parser view, for checks that need more than the summary.
    pub fn parsed(&self) -> Option<X509Certificate<'_>> {
        X509Certificate::from_der(&self.der)
            .ok()
            .map(|(_, cert)| cert)
    }

    /// Subject and issuer names are identical (a root, or a self-issued key rollover).
    pub fn is_self_issued(&self) -> bool {
        self.subject_der == self.issuer_der
    }

    pub fn is_ca(&self) -> bool {
        self.basic_constraints.is_some_and(|bc| bc.ca)
    }

    pub fn valid_at(&self, at: i64) -> bool {
        self.not_before <= at && at <= self.not_after
    }

    pub fn dns_names(&self) -> &[String] {
        self.san
            .as_ref()
            .map(|s| s.dns.as_slice())
            .unwrap_or_default()
    }

    pub fn ip_addresses(&self) -> &[IpAddr] {
        self.san
            .as_ref()
            .map(|s| s.ip.as_slice())
            .unwrap_or_default()
    }

    /// May sign certificates, as far as keyUsage says (absent keyUsage allows it).
    pub fn key_usage_allows_cert_sign(&self) -> bool {
        self.key_usage
            .as_ref()
            .is_none_or(|ku| ku.contains(&"keyCertSign"))
    }

    /// Valid for TLS servers as far as extendedKeyUsage says (absent EKU allows any use).
    pub fn eku_allows_server_auth(&self) -> bool {
        self.ext_key_usage
            .as_ref()
            .is_none_or(|eku| eku.server_auth)
    }

    /// The subject's CN when it is the only name (no subjectAltName extension at all).
    pub fn cn_only(&self) -> Option<&str> {
        if self.san.is_some() {
            return None;
        }
        self.common_names.first().map(String::as_str)
    }

    pub fn sha256_hex(&self) -> String {
        colon_hex(&self.sha256_fingerprint).to_uppercase()
    }
}

pub(crate) fn alt_names(names: &[GeneralName<'_>], malformed: &mut Vec<String>) -> SubjectAltNames {
    let mut out = SubjectAltNames::default();
    for name in names {
        match name {
            GeneralName::DNSName(dns) => out.dns.push(dns.to_string()),
            GeneralName::IPAddress(bytes) => match <[u8; 4]>::try_from(*bytes) {
                Ok(v4) => out.ip.push(IpAddr::from(v4)),
                Err(_) => match <[u8; 16]>::try_from(*bytes) {
                    Ok(v6) => out.ip.push(IpAddr::from(v6)),
                    Err(_) => {
                        malformed.push(format!("an IP address entry of {} bytes", bytes.len()))
                    }
                },
            },
            GeneralName::RFC822Name(email) => out.email.push(email.to_string()),
            GeneralName::URI(uri) => out.uri.push(uri.to_string()),
            _ => out.other += 1,
        }
    }
    out
}

/// `01:ab:...` lowercase, as OpenSSL prints serials.
pub fn colon_hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(":")
}

fn extension_name(oid: &str) -> String {
    let name = match oid {
        "2.5.29.17" => "subjectAltName",
        "2.5.29.19" => "basicConstraints",
        "2.5.29.15" => "keyUsage",
        "2.5.29.37" => "extendedKeyUsage",
        "2.5.29.30" => "nameConstraints",
        "2.5.29.32" => "certificatePolicies",
        "2.5.29.36" => "policyConstraints",
        "2.5.29.33" => "policyMappings",
        "2.5.29.54" => "inhibitAnyPolicy",
        "2.5.29.35" => "authorityKeyIdentifier",
        "2.5.29.14" => "subjectKeyIdentifier",
        "1.3.6.1.5.5.7.1.1" => "authorityInfoAccess",
        "2.5.29.31" => "cRLDistributionPoints",
        _ => return oid.to_string(),
    };
    format!("{name} ({oid})")
}
