//! A forgiving PEM reader: it finds every BEGIN/END block in pasted text, repairs what is
//! unambiguous (and records each repair), and names the line of anything it cannot repair.

use base64::engine::{general_purpose::GeneralPurpose, DecodePaddingMode, GeneralPurposeConfig};
use base64::Engine;

use super::{Issue, IssueKind, RawBlock};
use crate::tlv;

const LENIENT_BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// A block under construction.
struct Open {
    label: String,
    begin_line: usize,
    index: usize,
    base64: String,
    /// Line and column of the first character that cannot be base64.
    bad_char: Option<(usize, char)>,
    legacy_encrypted: bool,
    seen_header: bool,
}

/// Scans PEM text; every block becomes a [`RawBlock`] or an [`Issue`]. Returns how many
/// blocks were begun, lost ones included.
pub fn scan(
    text: &str,
    blocks: &mut Vec<RawBlock>,
    issues: &mut Vec<Issue>,
    max_blocks: usize,
) -> usize {
    let mut open: Option<Open> = None;
    let mut next_index = 0usize;
    let mut outside_text: Option<usize> = None;
    let mut seen = Seen::default();

    for (line_index, raw_line) in text.split('\n').enumerate() {
        let line_no = line_index + 1;
        for segment in split_markers(raw_line, &mut seen) {
            let trimmed = segment.trim_matches(|c: char| c == ' ' || c == '\t');
            if trimmed.len() != segment.len() && !trimmed.is_empty() {
                seen.whitespace = true;
            }
            if let Some(label) = marker(trimmed, "BEGIN") {
                if let Some(block) = open.take() {
                    finish(block, None, line_no, blocks, issues);
                }
                if next_index == max_blocks {
                    issues.push(Issue::at_line(
                        IssueKind::TooManyBlocks {
                            limit: super::MAX_BLOCKS,
                        },
                        next_index,
                        line_no,
                    ));
                    return next_index;
                }
                open = Some(Open {
                    label,
                    begin_line: line_no,
                    index: next_index,
                    base64: String::new(),
                    bad_char: None,
                    legacy_encrypted: false,
                    seen_header: false,
                });
                next_index += 1;
            } else if let Some(label) = marker(trimmed, "END") {
                match open.take() {
                    Some(block) => finish(block, Some(label), line_no, blocks, issues),
                    None => issues.push(Issue::at_line(
                        IssueKind::EndWithoutBegin { label },
                        next_index,
                        line_no,
                    )),
                }
            } else if let Some(block) = open.as_mut() {
                body_line(block, trimmed, line_no, &mut seen);
            } else if !trimmed.is_empty() && outside_text.is_none() {
                outside_text = Some(line_no);
            }
        }
    }
    if let Some(block) = open.take() {
        let last_line = text.split('\n').count();
        finish(block, None, last_line, blocks, issues);
    }

    let whole = |kind| Issue {
        kind,
        block: None,
        line: None,
    };
    if seen.whitespace {
        issues.push(whole(IssueKind::StrayWhitespace));
    }
    if seen.blank_lines {
        issues.push(whole(IssueKind::BlankLines));
    }
    if seen.glued {
        issues.push(whole(IssueKind::GluedBlocks));
    }
    if let Some(line) = outside_text {
        issues.push(Issue {
            kind: IssueKind::TextOutsideBlocks,
            block: None,
            line: Some(line),
        });
    }
    next_index
}

#[derive(Default)]
struct Seen {
    whitespace: bool,
    blank_lines: bool,
    glued: bool,
}

/// Splits a line before each armor marker, so that `-----END X----------BEGIN Y-----` (two
/// files concatenated without a final newline) and text before a marker are both read.
fn split_markers<'a>(line: &'a str, seen: &mut Seen) -> Vec<&'a str> {
    let mut cuts = Vec::new();
    for pattern in ["-----BEGIN ", "-----END "] {
        let mut from = 0;
        while let Some(pos) = line[from..].find(pattern) {
            cuts.push(from + pos);
            from += pos + pattern.len();
        }
    }
    cuts.sort_unstable();
    let mut segments = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for cut in cuts {
        if cut > start {
            let before = &line[start..cut];
            if before.trim_end().ends_with('-') {
                seen.glued = true;
            }
            segments.push(before);
        }
        start = cut;
    }
    segments.push(&line[start..]);
    segments
}

/// `-----BEGIN LABEL-----` → `LABEL`, tolerating a wrong number of dashes.
fn marker(line: &str, word: &str) -> Option<String> {
    let rest = line
        .strip_prefix("-----")?
        .strip_prefix(word)?
        .strip_prefix(' ')?;
    let label = rest.trim_end_matches('-').trim();
    if label.is_empty() || label.len() > 64 {
        return None;
    }
    Some(label.to_string())
}

fn body_line(block: &mut Open, trimmed: &str, line_no: usize, seen: &mut Seen) {
    if trimmed.is_empty() {
        // RFC 1421 headers are followed by one blank line; anything else is a stray blank.
        if !block.seen_header || !block.base64.is_empty() {
            seen.blank_lines = true;
        }
        return;
    }
    if block.base64.is_empty() && trimmed.contains(':') {
        block.seen_header = true;
        if trimmed.starts_with("Proc-Type:") && trimmed.contains("ENCRYPTED") {
            block.legacy_encrypted = true;
        }
        return;
    }
    for ch in trimmed.chars() {
        match ch {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '+' | '/' | '=' => block.base64.push(ch),
            ' ' | '\t' => seen.whitespace = true,
            _ => {
                if block.bad_char.is_none() {
                    block.bad_char = Some((line_no, ch));
                }
            }
        }
    }
}

fn finish(
    block: Open,
    end_label: Option<String>,
    line_no: usize,
    blocks: &mut Vec<RawBlock>,
    issues: &mut Vec<Issue>,
) {
    let at = |kind| Issue::at_line(kind, block.index, block.begin_line);
    if let Some((line, ch)) = block.bad_char {
        issues.push(Issue::at_line(
            IssueKind::InvalidBase64Char { ch },
            block.index,
            line,
        ));
        return;
    }
    if block.legacy_encrypted {
        issues.push(at(IssueKind::LegacyEncryptedPem { label: block.label }));
        return;
    }
    if block.base64.is_empty() {
        issues.push(at(IssueKind::EmptyBlock { label: block.label }));
        return;
    }
    let der_bytes = match LENIENT_BASE64.decode(block.base64.trim_end_matches('=')) {
        Ok(bytes) => bytes,
        Err(_) => {
            issues.push(at(IssueKind::InvalidBase64 { end_line: line_no }));
            return;
        }
    };
    let mut der_bytes = der_bytes;
    // PKCS#12 files in BER (Windows, Java) are read as DER.
    if tlv::read_tlv(&der_bytes).is_err() {
        if let Some(der) = super::ber_pkcs12(&der_bytes) {
            der_bytes = der;
        }
    }
    let first_len = match tlv::read_tlv(&der_bytes) {
        Ok((tlv, _)) => tlv.raw.len(),
        Err(error) => {
            let kind = if end_label.is_none() {
                IssueKind::MissingEnd {
                    label: block.label.clone(),
                }
            } else {
                IssueKind::NotDer {
                    label: block.label.clone(),
                    error,
                }
            };
            issues.push(at(kind));
            return;
        }
    };
    match &end_label {
        None => issues.push(at(IssueKind::MissingEndRepaired {
            label: block.label.clone(),
        })),
        Some(end) if *end != block.label => issues.push(at(IssueKind::LabelMismatch {
            begin: block.label.clone(),
            end: end.clone(),
        })),
        Some(_) => {}
    }
    // OpenSSL's TRUSTED CERTIFICATE appends its trust settings after the certificate.
    if first_len < der_bytes.len() {
        if block.label != "TRUSTED CERTIFICATE" {
            issues.push(at(IssueKind::TrailingBytes {
                count: der_bytes.len() - first_len,
            }));
        }
        der_bytes.truncate(first_len);
    }
    blocks.push(RawBlock {
        index: block.index,
        line: block.begin_line,
        label: Some(block.label),
        der: der_bytes,
    });
}

/// Text that is nothing but base64 (a body pasted without its BEGIN/END lines).
pub fn bare_base64(text: &str) -> Option<Vec<u8>> {
    let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    if compact.len() < 64
        || !compact
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+/=".contains(c))
    {
        return None;
    }
    let bytes = LENIENT_BASE64.decode(compact.trim_end_matches('=')).ok()?;
    let (tlv, rest) = tlv::read_tlv(&bytes).ok()?;
    (rest.is_empty() && tlv.tag == tlv::SEQUENCE).then_some(bytes)
}
