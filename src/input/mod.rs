//! Decoding what users paste or drop (PEM text, however messy, binary DER, PKCS#7 bundles)
//! into DER blocks that know where they came from, plus the format issues met on the way.

mod pem_text;
pub mod pkcs12;
pub mod pkcs7;
mod sniff;

use serde::Serialize;

use crate::tlv;

pub use sniff::{sniff, Content};

/// The largest input read; a certificate bundle is kilobytes, a full CA store a few hundred.
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;
/// The most PEM/DER blocks read from all inputs together.
pub const MAX_BLOCKS: usize = 20_000;

/// One file or paste, as the user gave it.
#[derive(Clone, Debug)]
pub struct Input {
    /// File name, or "stdin" / a label for a paste.
    pub name: String,
    pub data: Vec<u8>,
}

impl Input {
    pub fn new(name: impl Into<String>, data: impl Into<Vec<u8>>) -> Input {
        Input {
            name: name.into(),
            data: data.into(),
        }
    }
}

/// Where an object came from: input name, 0-based block index, 1-based line of its BEGIN.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Source {
    pub input: String,
    pub block: usize,
    pub line: usize,
    /// Position inside a PKCS#7 bundle, for certificates that came from one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member: Option<usize>,
}

/// A DER element found in an input, before it is identified.
#[derive(Clone, Debug)]
pub struct RawBlock {
    pub index: usize,
    pub line: usize,
    pub label: Option<String>,
    pub der: Vec<u8>,
}

/// An identified DER block.
#[derive(Clone, Debug)]
pub struct Block {
    pub source: Source,
    pub label: Option<String>,
    pub content: Content,
    pub der: Vec<u8>,
}

/// Something about an input's format: a repair made, or a problem that stopped a block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    pub kind: IssueKind,
    pub block: Option<usize>,
    pub line: Option<usize>,
}

impl Issue {
    pub fn at_line(kind: IssueKind, block: usize, line: usize) -> Issue {
        Issue {
            kind,
            block: Some(block),
            line: Some(line),
        }
    }
    fn whole(kind: IssueKind) -> Issue {
        Issue {
            kind,
            block: None,
            line: None,
        }
    }
}

/// Every format issue certlens recognises. Repairs keep the block; the others lose it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IssueKind {
    // Repaired.
    Utf8Bom,
    Utf16,
    CrLf,
    StrayWhitespace,
    BlankLines,
    TextOutsideBlocks,
    MissingFinalNewline,
    GluedBlocks,
    LabelMismatch {
        begin: String,
        end: String,
    },
    MissingEndRepaired {
        label: String,
    },
    TrailingBytes {
        count: usize,
    },
    BareBase64,
    WrongLabel {
        label: String,
        found: Content,
    },
    CsrLabelledCertificate {
        label: String,
    },
    // Not repairable: the block is lost, the rest of the input is still read.
    Empty,
    TooLarge {
        limit: usize,
    },
    TooManyBlocks {
        limit: usize,
    },
    NotRecognized,
    InvalidBase64Char {
        ch: char,
    },
    InvalidBase64 {
        end_line: usize,
    },
    EmptyBlock {
        label: String,
    },
    NotDer {
        label: String,
        error: tlv::DerError,
    },
    MissingEnd {
        label: String,
    },
    EndWithoutBegin {
        label: String,
    },
    LegacyEncryptedPem {
        label: String,
    },
    UnsupportedLabel {
        label: String,
    },
    Ignored {
        what: Content,
    },
    Unsupported {
        what: Content,
    },
    Unparseable {
        what: Content,
        error: String,
    },
    // PKCS#12 files.
    /// What a PFX held and how it is protected.
    Pkcs12Contents {
        certificates: usize,
        keys: usize,
        protection: String,
    },
    /// No password given, and the empty one does not open it.
    Pkcs12PasswordNeeded,
    Pkcs12WrongPassword,
    /// An unsupported MAC or cipher, a cost limit, damaged encrypted data.
    Pkcs12Failed {
        reason: String,
    },
    // Private keys.
    KeyEncrypted {
        scheme: String,
    },
    WrongPassword,
    DecryptFailed {
        reason: String,
    },
    KeyInconsistent {
        reason: String,
    },
}

/// The blocks and issues of one input.
#[derive(Debug, Default)]
pub struct Decoded {
    pub blocks: Vec<Block>,
    pub issues: Vec<Issue>,
    /// Blocks read, those lost to an issue included: what counts against [`MAX_BLOCKS`].
    pub blocks_read: usize,
}

/// Finds every block in one input, repairing what is unambiguous.
pub fn decode(input: &Input, max_blocks: usize) -> Decoded {
    let mut issues = Vec::new();
    let mut raw = Vec::new();
    let mut blocks_read = 0;
    let data = input.data.as_slice();
    if data.len() > MAX_INPUT_BYTES {
        issues.push(Issue::whole(IssueKind::TooLarge {
            limit: MAX_INPUT_BYTES,
        }));
    } else if data.iter().all(|b| b.is_ascii_whitespace()) {
        issues.push(Issue::whole(IssueKind::Empty));
    } else if data.first() == Some(&tlv::SEQUENCE) && tlv::read_tlv(data).is_ok() {
        binary(data, &mut raw, &mut issues, max_blocks);
    } else if let Some(der) = ber_pkcs12(data) {
        raw.push(RawBlock {
            index: 0,
            line: 1,
            label: None,
            der,
        });
    } else {
        let text = to_text(data, &mut issues);
        if text.contains("-----BEGIN ") || text.contains("-----END ") {
            if text.contains('\r') {
                issues.push(Issue::whole(IssueKind::CrLf));
            }
            if !text.ends_with('\n') {
                issues.push(Issue::whole(IssueKind::MissingFinalNewline));
            }
            let text = text.replace("\r\n", "\n").replace('\r', "\n");
            blocks_read = pem_text::scan(&text, &mut raw, &mut issues, max_blocks);
        } else if let Some(der) = pem_text::bare_base64(&text) {
            issues.push(Issue::at_line(IssueKind::BareBase64, 0, 1));
            raw.push(RawBlock {
                index: 0,
                line: 1,
                label: None,
                der,
            });
        } else if let (Some(&tlv::SEQUENCE), Err(error)) = (data.first(), tlv::read_tlv(data)) {
            let label = String::from("binary");
            issues.push(Issue::at_line(IssueKind::NotDer { label, error }, 0, 1));
        } else {
            issues.push(Issue::whole(IssueKind::NotRecognized));
        }
    }
    let blocks_read = blocks_read.max(raw.len());
    let blocks = raw
        .into_iter()
        .filter_map(|block| identify(input, block, &mut issues))
        .collect();
    Decoded {
        blocks,
        issues,
        blocks_read,
    }
}

/// Binary input: one or more DER elements back to back.
fn binary(data: &[u8], raw: &mut Vec<RawBlock>, issues: &mut Vec<Issue>, max_blocks: usize) {
    let mut rest = data;
    while !rest.is_empty() {
        let index = raw.len();
        if index == max_blocks {
            issues.push(Issue::at_line(
                IssueKind::TooManyBlocks { limit: MAX_BLOCKS },
                index,
                1,
            ));
            return;
        }
        match tlv::read_tlv(rest) {
            Ok((tlv, after)) if tlv.tag == tlv::SEQUENCE => {
                raw.push(RawBlock {
                    index,
                    line: 1,
                    label: None,
                    der: tlv.raw.to_vec(),
                });
                rest = after;
            }
            Ok(_) | Err(_) if index > 0 => {
                issues.push(Issue::at_line(
                    IssueKind::TrailingBytes { count: rest.len() },
                    index,
                    1,
                ));
                return;
            }
            Ok(_) | Err(_) => {
                issues.push(Issue::at_line(IssueKind::NotRecognized, 0, 1));
                return;
            }
        }
    }
}

/// A PKCS#12 file in BER (indefinite lengths, OCTET STRINGs in chunks: Windows and Java
/// write them) as DER; `None` for anything else.
fn ber_pkcs12(data: &[u8]) -> Option<Vec<u8>> {
    if data.first() != Some(&tlv::SEQUENCE) {
        return None;
    }
    match tlv::normalise_ber(data) {
        Ok((der, [])) if sniff(&der) == Content::Pkcs12 => Some(der),
        _ => None,
    }
}

/// Text from bytes, repairing byte-order marks and UTF-16 (Windows "Unicode" saves).
fn to_text(data: &[u8], issues: &mut Vec<Issue>) -> String {
    if let Some(rest) = data.strip_prefix(b"\xEF\xBB\xBF") {
        issues.push(Issue::whole(IssueKind::Utf8Bom));
        return String::from_utf8_lossy(rest).into_owned();
    }
    let utf16 = |rest: &[u8], little: bool| -> String {
        let units = rest.chunks_exact(2).map(|pair| {
            let bytes = [pair[0], pair[1]];
            if little {
                u16::from_le_bytes(bytes)
            } else {
                u16::from_be_bytes(bytes)
            }
        });
        char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect()
    };
    if let Some(rest) = data.strip_prefix(b"\xFF\xFE") {
        issues.push(Issue::whole(IssueKind::Utf16));
        return utf16(rest, true);
    }
    if let Some(rest) = data.strip_prefix(b"\xFE\xFF") {
        issues.push(Issue::whole(IssueKind::Utf16));
        return utf16(rest, false);
    }
    String::from_utf8_lossy(data).into_owned()
}

/// Labels that are not X.509 material but that users paste anyway.
const FOREIGN_LABELS: &[&str] = &[
    "OPENSSH PRIVATE KEY",
    "SSH2 PUBLIC KEY",
    "PGP PUBLIC KEY BLOCK",
    "PGP PRIVATE KEY BLOCK",
    "PGP MESSAGE",
    "PGP SIGNATURE",
];

/// What a block really is, judged by its content; the label only breaks ties.
fn identify(input: &Input, mut block: RawBlock, issues: &mut Vec<Issue>) -> Option<Block> {
    let at = |kind| Issue::at_line(kind, block.index, block.line);
    let mut sniffed = sniff(&block.der);
    if sniffed == Content::Unknown {
        if let Some(der) = ber_pkcs12(&block.der) {
            (block.der, sniffed) = (der, Content::Pkcs12);
        }
    }
    let announced = block.label.as_deref().and_then(Content::from_label);
    let content = match (announced, sniffed) {
        (_, Content::Unknown)
            if block
                .label
                .as_deref()
                .is_some_and(|l| FOREIGN_LABELS.contains(&l)) =>
        {
            issues.push(at(IssueKind::UnsupportedLabel {
                label: block.label.clone().unwrap_or_default(),
            }));
            return None;
        }
        (Some(announced), Content::Unknown) => announced,
        (None, Content::Unknown) => match &block.label {
            Some(label) => {
                issues.push(at(IssueKind::UnsupportedLabel {
                    label: label.clone(),
                }));
                return None;
            }
            None => {
                issues.push(at(IssueKind::Unparseable {
                    what: Content::Unknown,
                    error: "the bytes form a DER structure that is not a certificate, key, CSR or bundle".into(),
                }));
                return None;
            }
        },
        (Some(Content::Certificate), Content::Csr) => {
            let label = block.label.clone().unwrap_or_default();
            issues.push(at(IssueKind::CsrLabelledCertificate { label }));
            Content::Csr
        }
        (announced, sniffed) => {
            if let (Some(label), true) = (&block.label, announced != Some(sniffed)) {
                issues.push(at(IssueKind::WrongLabel {
                    label: label.clone(),
                    found: sniffed,
                }));
            }
            sniffed
        }
    };
    if matches!(content, Content::Crl) {
        issues.push(at(IssueKind::Ignored { what: content }));
        return None;
    }
    Some(Block {
        source: Source {
            input: input.name.clone(),
            block: block.index,
            line: block.line,
            member: None,
        },
        label: block.label,
        content,
        der: block.der,
    })
}
