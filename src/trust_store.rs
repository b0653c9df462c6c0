//! Trust anchors: every root of the root programs (current, removed or expired, with their
//! history in [`crate::root_programs`]), or exactly the roots the user gives.

use std::collections::HashMap;
use std::sync::Arc;

use crate::model::Certificate;
use crate::root_programs::{verdict, Client, LeafFacts, Root, RootPrograms};

/// Where an anchor comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnchorOrigin {
    /// A root of the root programs: its index in [`RootPrograms::roots`].
    Public(usize),
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
    /// True when the anchors are the user's own (`--trust`), not the public ones.
    pub custom: bool,
    /// The root programs the public anchors come from; `None` for given roots, or when no
    /// data was loaded (then nothing is publicly trusted, and the report says why).
    pub programs: Option<Arc<RootPrograms>>,
}

impl TrustStore {
    /// Every root of the root programs.
    pub fn public(programs: Arc<RootPrograms>) -> TrustStore {
        let anchors = programs
            .roots
            .iter()
            .enumerate()
            .map(|(index, root)| TrustAnchor {
                subject_der: root.subject_der.clone(),
                spki_der: root.spki_der.clone(),
                name_constraints: root.name_constraints.clone(),
                origin: AnchorOrigin::Public(index),
                certificate: None,
            })
            .collect();
        let mut store = TrustStore::new(anchors, false);
        store.programs = Some(programs);
        store
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
            programs: None,
        }
    }

    /// Anchors whose subject is `name` (DER).
    pub fn with_subject(&self, name: &[u8]) -> &[usize] {
        self.by_subject
            .get(name)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// The anchor that is this very certificate, or a cross-signed copy of it (same subject
    /// and key), if any.
    pub fn anchor_for(&self, cert: &Certificate) -> Option<usize> {
        self.with_subject(&cert.subject_der)
            .iter()
            .copied()
            .find(|&i| self.anchors[i].spki_der == cert.spki_der)
    }

    /// The root-program root behind an anchor, with the programs, if it is public.
    pub fn public_root(&self, anchor: usize) -> Option<(&RootPrograms, &Root)> {
        let programs = self.programs.as_deref()?;
        match self.anchors.get(anchor)?.origin {
            AnchorOrigin::Public(index) => Some((programs, programs.roots.get(index)?)),
            AnchorOrigin::Given(_) => None,
        }
    }

    /// The anchors that are the same root as this one: the same name and key, in other
    /// certificates (a root reissued with new dates). Clients trust the key, whichever copy
    /// of it their store holds. This anchor comes first.
    pub fn same_root(&self, anchor: usize) -> Vec<usize> {
        let Some(this) = self.anchors.get(anchor) else {
            return Vec::new();
        };
        let mut out = vec![anchor];
        out.extend(
            self.with_subject(&this.subject_der)
                .iter()
                .copied()
                .filter(|&i| i != anchor && self.anchors[i].spki_der == this.spki_der),
        );
        out
    }

    /// A client's verdict on the root behind an anchor, any copy of it counting (see
    /// [`TrustStore::same_root`]): a trusting copy if there is one, else the most telling
    /// refusal. `None` for given roots.
    pub fn judge(
        &self,
        anchor: usize,
        client: Client,
        leaf: &LeafFacts,
        at: i64,
    ) -> Option<(usize, verdict::RootVerdict)> {
        self.same_root(anchor)
            .into_iter()
            .filter_map(|copy| {
                let (programs, root) = self.public_root(copy)?;
                Some((copy, verdict::judge(programs, client, root, leaf, at)))
            })
            .min_by_key(|(_, verdict)| verdict::weight(verdict.status))
    }

    /// How many browsers refuse a chain ending at this anchor for this leaf at `at`; given
    /// roots are trusted by definition.
    pub fn browsers_refusing(&self, anchor: usize, leaf: &LeafFacts, at: i64) -> usize {
        Client::ALL
            .into_iter()
            .filter(|client| client.is_browser())
            .filter(|&client| {
                self.judge(anchor, client, leaf, at)
                    .is_some_and(|(_, verdict)| verdict.refused())
            })
            .count()
    }
}
