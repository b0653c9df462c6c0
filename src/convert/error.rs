//! Conversion errors: what went wrong, with the input, block and line; rendered from the
//! catalogue's `cli.convert.error.*` texts.

use crate::finding::{Arg, Location};
use crate::i18n::Catalogue;
use crate::input::Source;

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
    pub(super) fn new(kind: ConvertErrorKind, source: &Source) -> ConvertError {
        ConvertError {
            kind,
            place: Some(Location {
                input: source.input.clone(),
                block: Some(source.block),
                line: Some(source.line),
            }),
        }
    }

    pub(super) fn whole(kind: ConvertErrorKind) -> ConvertError {
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
