//! The public intermediates certlens ships (`data/public-intermediates.der.gz`, gzipped DER,
//! `data/FORMAT.md`):
//! every unexpired, TLS-capable, unrevoked intermediate disclosed in the CCADB that chains to
//! a root program's root, each signature verified when the file was made. When the user's
//! files lack an issuer, [`crate::chain::completion`] takes it from here, offline, instead of
//! sending the user to fetch it.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use crate::root_programs::{data_file, parse_date, DataError};
use crate::tlv::{self, Fields};

/// The `format` field this reader understands.
pub const FORMAT: &str = "certlens-intermediates/1";
/// More than the CCADB holds (about 2,400 today, 9,237 counting expired ones).
const MAX_CERTIFICATES: usize = 50_000;

/// The certificates, indexed by subject; each is parsed only when asked for.
#[derive(Clone, Debug)]
pub struct PublicIntermediates {
    /// The date of the CCADB data ("2026-08-21").
    pub snapshot: String,
    pub snapshot_at: i64,
    data: Cow<'static, [u8]>,
    certificates: Vec<Range<usize>>,
    by_subject: HashMap<Vec<u8>, Vec<usize>>,
}

impl PublicIntermediates {
    /// Reads `public-intermediates.der`.
    pub fn read(data: impl Into<Cow<'static, [u8]>>) -> Result<PublicIntermediates, DataError> {
        let data = data.into();
        let (snapshot, certificates, subjects) = index(&data).map_err(|detail| DataError {
            file: "public-intermediates.der",
            detail,
        })?;
        let mut by_subject: HashMap<Vec<u8>, Vec<usize>> = HashMap::new();
        for (position, subject) in subjects.into_iter().enumerate() {
            by_subject.entry(subject).or_default().push(position);
        }
        let snapshot_at = parse_date(&snapshot).unwrap_or_default();
        Ok(PublicIntermediates {
            snapshot,
            snapshot_at,
            data,
            certificates,
            by_subject,
        })
    }

    /// The data as compiled into this build (`data/public-intermediates.der.gz`, inflated by
    /// `build.rs`).
    #[cfg(feature = "bundled-data")]
    pub fn bundled() -> Result<std::sync::Arc<PublicIntermediates>, DataError> {
        static BUNDLED: std::sync::OnceLock<
            Result<std::sync::Arc<PublicIntermediates>, DataError>,
        > = std::sync::OnceLock::new();
        BUNDLED
            .get_or_init(|| {
                let data: &'static [u8] =
                    include_bytes!(concat!(env!("OUT_DIR"), "/public-intermediates.der"));
                PublicIntermediates::read(data).map(std::sync::Arc::new)
            })
            .clone()
    }

    pub fn len(&self) -> usize {
        self.certificates.len()
    }

    pub fn is_empty(&self) -> bool {
        self.certificates.is_empty()
    }

    /// The certificates whose subject is `name` (DER), by position.
    pub fn with_subject(&self, name: &[u8]) -> &[usize] {
        self.by_subject
            .get(name)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// One certificate's DER.
    pub fn der(&self, position: usize) -> &[u8] {
        self.certificates
            .get(position)
            .and_then(|range| self.data.get(range.clone()))
            .unwrap_or_default()
    }
}

type Index = (String, Vec<Range<usize>>, Vec<Vec<u8>>);

/// The snapshot, each certificate's place in the file and its subject.
fn index(data: &[u8]) -> Result<Index, String> {
    let (mut fields, snapshot, _) = data_file(data, FORMAT)?;
    let list = fields.next(tlv::SEQUENCE, "certificates")?;
    fields.end("file")?;
    let items = tlv::children(list.value, MAX_CERTIFICATES).ok_or_else(|| {
        format!("certificates: malformed, or more than {MAX_CERTIFICATES} elements")
    })?;
    let base = data.as_ptr() as usize;
    let mut ranges = Vec::with_capacity(items.len());
    let mut subjects = Vec::with_capacity(items.len());
    for (position, item) in items.into_iter().enumerate() {
        let subject = subject_of(item).map_err(|e| format!("certificates[{position}]: {e}"))?;
        subjects.push(subject);
        // `raw` lies inside `data`: its place is its address minus the file's.
        let start = item.raw.as_ptr() as usize - base;
        ranges.push(start..start + item.raw.len());
    }
    Ok((snapshot, ranges, subjects))
}

/// A certificate's subject Name (DER), read without parsing the rest.
fn subject_of(cert: tlv::Tlv<'_>) -> Result<Vec<u8>, String> {
    if cert.tag != tlv::SEQUENCE {
        return Err(String::from("not a certificate"));
    }
    let tbs = Fields::new(cert.value).next(tlv::SEQUENCE, "tbsCertificate")?;
    let mut tbs = Fields::new(tbs.value);
    tbs.optional(tlv::CONTEXT_0);
    tbs.next(tlv::INTEGER, "serialNumber")?;
    tbs.next(tlv::SEQUENCE, "signature")?;
    tbs.next(tlv::SEQUENCE, "issuer")?;
    tbs.next(tlv::SEQUENCE, "validity")?;
    Ok(tbs.next(tlv::SEQUENCE, "subject")?.raw.to_vec())
}
