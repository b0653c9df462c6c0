//! Trust anchors: the Mozilla root store (from webpki-roots) or the roots the user gives.

use std::collections::HashMap;

use crate::input::der;
use crate::model::Certificate;

/// Where an anchor comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnchorOrigin {
    /// The Mozilla root program, as shipped by webpki-roots.
    Mozilla,
    /// Given by the user (`--trust`), with the input name.
    Given(String),
}

#[derive(Clone, Debug)]
pub struct TrustAnchor {
    /// DER of the anchor's subject Name (with its SEQUENCE header).
    pub subject_der: Vec<u8>,
    /// DER SubjectPublicKeyInfo.
    pub spki_der: Vec<u8>,
    /// DER of a NameConstraints extension value, when the anchor carries one.
    pub name_constraints: Option<Vec<u8>>,
    pub origin: AnchorOrigin,
    /// The certificate, for given roots.
    pub certificate: Option<Box<Certificate>>,
}

impl TrustAnchor {
    pub fn name(&self) -> String {
        if let Some(cert) = &self.certificate {
            return crate::model::display_name(cert);
        }
        use x509_parser::prelude::FromDer;
        x509_parser::x509::X509Name::from_der(&self.subject_der)
            .map(|(_, name)| {
                let cn = name
                    .iter_common_name()
                    .next()
                    .and_then(|cn| cn.as_str().ok().map(str::to_string));
                cn.unwrap_or_else(|| crate::subject_name::distinguished_name_text(&name))
            })
            .unwrap_or_else(|_| String::from("an unnamed root"))
    }
}

/// The set of anchors one inspection trusts, indexed by subject.
#[derive(Clone, Debug, Default)]
pub struct TrustStore {
    pub anchors: Vec<TrustAnchor>,
    by_subject: HashMap<Vec<u8>, Vec<usize>>,
    /// True when the anchors are the user's own (`--trust`), not the public store.
    pub custom: bool,
}

impl TrustStore {
    /// Mozilla's root store.
    pub fn public() -> TrustStore {
        let anchors = webpki_roots::TLS_SERVER_ROOTS
            .iter()
            .map(|ta| TrustAnchor {
                subject_der: der::encode(der::SEQUENCE, ta.subject.as_ref()),
                spki_der: der::encode(der::SEQUENCE, ta.subject_public_key_info.as_ref()),
                name_constraints: ta.name_constraints.as_ref().map(|nc| nc.as_ref().to_vec()),
                origin: AnchorOrigin::Mozilla,
                certificate: None,
            })
            .collect();
        TrustStore::new(anchors, false)
    }

    /// Exactly the given root certificates.
    pub fn given(roots: Vec<(String, Certificate)>) -> TrustStore {
        let anchors = roots
            .into_iter()
            .map(|(input, cert)| TrustAnchor {
                subject_der: cert.subject_der.clone(),
                spki_der: cert.spki_der.clone(),
                name_constraints: None,
                origin: AnchorOrigin::Given(input),
                certificate: Some(Box::new(cert)),
            })
            .collect();
        TrustStore::new(anchors, true)
    }

    fn new(anchors: Vec<TrustAnchor>, custom: bool) -> TrustStore {
        let mut by_subject: HashMap<Vec<u8>, Vec<usize>> = HashMap::new();
        for (index, anchor) in anchors.iter().enumerate() {
            by_subject
                .entry(anchor.subject_der.clone())
                .or_default()
                .push(index);
        }
        TrustStore {
            anchors,
            by_subject,
            custom,
        }
    }

    /// Anchors whose subject is `name` (DER).
    pub fn with_subject(&self, name: &[u8]) -> &[usize] {
        self.by_subject
            .get(name)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// The anchor that is this very certificate (same subject and key), if any.
    pub fn anchor_for(&self, cert: &Certificate) -> Option<usize> {
        self.with_subject(&cert.subject_der)
            .iter()
            .copied()
            .find(|&i| self.anchors[i].spki_der == cert.spki_der)
    }
}
