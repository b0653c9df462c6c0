//! A PKCS#10 certificate signing request.

use x509_parser::certification_request::X509CertificationRequest;
use x509_parser::extensions::ParsedExtension;
use x509_parser::prelude::FromDer;

use super::certificate::SubjectAltNames;
use crate::crypto::signature::{verify_signature, SignatureAlgorithm, VerifyError};
use crate::crypto::{KeyInfo, PublicKey};

#[derive(Clone, Debug)]
pub struct Csr {
    pub der: Vec<u8>,
    pub subject: String,
    /// The subject as encoded, for reading it attribute by attribute.
    pub subject_der: Vec<u8>,
    pub san: Option<SubjectAltNames>,
    pub signature_algorithm: SignatureAlgorithm,
    pub public_key: Result<PublicKey, String>,
    pub key_info: KeyInfo,
    pub spki_der: Vec<u8>,
    /// The request's self-signature: `Err` says why it does not verify.
    pub signature_check: Result<(), VerifyError>,
}

impl Csr {
    pub fn parse(der: &[u8]) -> Result<Csr, String> {
        let (_, csr) = X509CertificationRequest::from_der(der).map_err(|e| format!("{e}"))?;
        let info = &csr.certification_request_info;
        let spki_der = info.subject_pki.raw.to_vec();
        let public_key = PublicKey::from_spki_der(&spki_der).map_err(|e| e.to_string());
        let signature_algorithm =
            SignatureAlgorithm::from_algorithm_identifier(&csr.signature_algorithm);
        let signature_check = verify_signature(
            &signature_algorithm,
            info.raw,
            &csr.signature_value.data,
            &spki_der,
        );
        let mut san = None;
        for extension in csr.requested_extensions().into_iter().flatten() {
            if let ParsedExtension::SubjectAlternativeName(names) = extension {
                let mut ignored = Vec::new();
                san = Some(super::certificate::alt_names(
                    &names.general_names,
                    &mut ignored,
                ));
            }
        }
        Ok(Csr {
            der: der.to_vec(),
            subject: crate::subject_name::distinguished_name_text(&info.subject),
            subject_der: info.subject.as_raw().to_vec(),
            san,
            key_info: public_key
                .as_ref()
                .map(|k| k.info.clone())
                .unwrap_or_else(|_| super::unknown_key()),
            public_key,
            spki_der,
            signature_algorithm,
            signature_check,
        })
    }
}
