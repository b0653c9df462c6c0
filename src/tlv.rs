//! A minimal DER reader and writer: just enough to tell what a blob is, to walk PKCS#7 and
//! PKCS#12 structures and certlens's own data files without trusting any length it reads,
//! and to normalise BER. A leaf module: input, crypto and the data readers all use it.

/// Universal and context tags this crate looks at.
pub const SEQUENCE: u8 = 0x30;
pub const SET: u8 = 0x31;
pub const INTEGER: u8 = 0x02;
pub const BIT_STRING: u8 = 0x03;
pub const OCTET_STRING: u8 = 0x04;
pub const OID: u8 = 0x06;
pub const UTC_TIME: u8 = 0x17;
pub const GENERALIZED_TIME: u8 = 0x18;
pub const CONTEXT_0: u8 = 0xA0;
pub const CONTEXT_1: u8 = 0xA1;

/// One tag-length-value element.
#[derive(Clone, Copy, Debug)]
pub struct Tlv<'a> {
    pub tag: u8,
    pub value: &'a [u8],
    /// The whole element, header included.
    pub raw: &'a [u8],
}

/// Why bytes are not a DER element.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DerError {
    Empty,
    /// The header promises more bytes than there are.
    Truncated {
        needed: usize,
        available: usize,
    },
    /// BER indefinite length (0x80), which DER forbids.
    IndefiniteLength,
    /// Multi-byte tags or lengths over 4 bytes: nothing certlens reads uses them.
    Unsupported,
}

impl std::fmt::Display for DerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DerError::Empty => write!(f, "no data"),
            DerError::Truncated { needed, available } => write!(
                f,
                "truncated: its header announces {needed} bytes but only {available} are present"
            ),
            DerError::IndefiniteLength => write!(
                f,
                "uses BER indefinite-length encoding, which certificates and keys never use"
            ),
            DerError::Unsupported => write!(f, "is not a DER structure"),
        }
    }
}

/// Reads the first element of `data`; returns it and what follows it.
pub fn read_tlv(data: &[u8]) -> Result<(Tlv<'_>, &[u8]), DerError> {
    let (&tag, rest) = data.split_first().ok_or(DerError::Empty)?;
    if tag & 0x1f == 0x1f {
        return Err(DerError::Unsupported);
    }
    let (&first, rest) = rest.split_first().ok_or(DerError::Truncated {
        needed: 2,
        available: 1,
    })?;
    let (len, rest) = match first {
        0x80 => return Err(DerError::IndefiniteLength),
        n if n < 0x80 => (usize::from(n), rest),
        n => {
            let count = usize::from(n & 0x7f);
            if count > 4 || rest.len() < count {
                return Err(if count > 4 {
                    DerError::Unsupported
                } else {
                    DerError::Truncated {
                        needed: count,
                        available: rest.len(),
                    }
                });
            }
            let (len_bytes, rest) = rest.split_at(count);
            let len = len_bytes
                .iter()
                .fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
            (len, rest)
        }
    };
    if rest.len() < len {
        return Err(DerError::Truncated {
            needed: len,
            available: rest.len(),
        });
    }
    let header_len = data.len() - rest.len();
    let (value, after) = rest.split_at(len);
    Ok((
        Tlv {
            tag,
            value,
            raw: &data[..header_len + len],
        },
        after,
    ))
}

/// The elements inside a constructed value, at most `limit` of them; `None` if any is malformed.
pub fn children(value: &[u8], limit: usize) -> Option<Vec<Tlv<'_>>> {
    let mut out = Vec::new();
    let mut rest = value;
    while !rest.is_empty() {
        if out.len() == limit {
            return None;
        }
        let (tlv, after) = read_tlv(rest).ok()?;
        out.push(tlv);
        rest = after;
    }
    Some(out)
}

/// Encodes `contents` under `tag` with a DER length.
pub fn encode(tag: u8, contents: &[u8]) -> Vec<u8> {
    let len = contents.len();
    let mut out = Vec::with_capacity(len + 6);
    out.push(tag);
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|&&b| b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(contents);
    out
}

/// Nesting deeper than this is refused by [`normalise_ber`]: PKCS#12 files nest about 12 deep.
const MAX_BER_DEPTH: usize = 32;

/// Re-encodes one BER element (and what follows it, untouched) as DER where PKCS#12 needs
/// it: indefinite lengths become definite, and a constructed OCTET STRING becomes one
/// primitive OCTET STRING of its chunks. Windows and Java write PFX files this way. Other
/// BER liberties (non-minimal lengths aside) are kept as they are. The output is at most
/// half again as long as the input, and nesting is bounded.
pub fn normalise_ber(data: &[u8]) -> Result<(Vec<u8>, &[u8]), DerError> {
    normalise_at(data, 0)
}

fn normalise_at(data: &[u8], depth: usize) -> Result<(Vec<u8>, &[u8]), DerError> {
    if depth > MAX_BER_DEPTH {
        return Err(DerError::Unsupported);
    }
    let (&tag, rest) = data.split_first().ok_or(DerError::Empty)?;
    if tag & 0x1f == 0x1f {
        return Err(DerError::Unsupported);
    }
    let constructed = tag & 0x20 != 0;
    if rest.first() == Some(&0x80) {
        if !constructed {
            return Err(DerError::IndefiniteLength);
        }
        // Children up to the end-of-contents octets (00 00).
        let mut rest = &rest[1..];
        let mut children = Vec::new();
        loop {
            if let Some(after) = rest.strip_prefix(&[0, 0]) {
                return Ok((constructed_der(tag, children), after));
            }
            let (child, after) = normalise_at(rest, depth + 1)?;
            children.push(child);
            rest = after;
        }
    }
    let (tlv, after) = read_tlv(data)?;
    if !constructed {
        return Ok((encode(tag, tlv.value), after));
    }
    let mut children = Vec::new();
    let mut inner = tlv.value;
    while !inner.is_empty() {
        let (child, next) = normalise_at(inner, depth + 1)?;
        children.push(child);
        inner = next;
    }
    Ok((constructed_der(tag, children), after))
}

/// A constructed element from its (already DER) children; OCTET STRING chunks are joined.
fn constructed_der(tag: u8, children: Vec<Vec<u8>>) -> Vec<u8> {
    const CONSTRUCTED_OCTET_STRING: u8 = OCTET_STRING | 0x20;
    if tag == CONSTRUCTED_OCTET_STRING {
        let octets: Vec<u8> = children
            .iter()
            .filter_map(|chunk| read_tlv(chunk).ok())
            .flat_map(|(chunk, _)| chunk.value.iter().copied())
            .collect();
        return encode(OCTET_STRING, &octets);
    }
    encode(tag, &children.concat())
}

/// More tags this crate reads: the data files' fields.
pub const BOOLEAN: u8 = 0x01;
pub const UTF8_STRING: u8 = 0x0C;

/// Reads the elements of one constructed value in order, for the fixed layouts of the data
/// files certlens ships (`data/FORMAT.md`). Every read names what was expected, so a damaged
/// file says where.
pub struct Fields<'a> {
    rest: &'a [u8],
}

impl<'a> Fields<'a> {
    pub fn new(value: &'a [u8]) -> Fields<'a> {
        Fields { rest: value }
    }

    /// The next element, which must have `tag`.
    pub fn next(&mut self, tag: u8, field: &str) -> Result<Tlv<'a>, String> {
        let (tlv, rest) = read_tlv(self.rest).map_err(|e| format!("{field}: {e}"))?;
        if tlv.tag != tag {
            return Err(format!(
                "{field}: expected tag 0x{tag:02x}, found 0x{:02x}",
                tlv.tag
            ));
        }
        self.rest = rest;
        Ok(tlv)
    }

    /// The next element if it has `tag`, else nothing (and nothing is consumed).
    pub fn optional(&mut self, tag: u8) -> Option<Tlv<'a>> {
        let (tlv, rest) = read_tlv(self.rest).ok()?;
        (tlv.tag == tag).then(|| {
            self.rest = rest;
            tlv
        })
    }

    pub fn integer(&mut self, field: &str) -> Result<i64, String> {
        let tlv = self.next(INTEGER, field)?;
        integer_value(tlv.value).ok_or_else(|| format!("{field}: not an integer of 64 bits"))
    }

    pub fn utf8(&mut self, field: &str) -> Result<&'a str, String> {
        let tlv = self.next(UTF8_STRING, field)?;
        std::str::from_utf8(tlv.value).map_err(|_| format!("{field}: not UTF-8"))
    }

    pub fn boolean(&mut self, field: &str) -> Result<bool, String> {
        boolean_value(self.next(BOOLEAN, field)?.value)
            .ok_or_else(|| format!("{field}: not a DER BOOLEAN"))
    }

    /// Fails when elements are left over: a layout certlens does not know. `field` names
    /// where (empty: the element itself).
    pub fn end(&self, field: &str) -> Result<(), String> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(format!("{field}: unexpected data after the last field"))
        }
    }
}

/// The value of a DER INTEGER's contents, if it fits in an i64.
pub fn integer_value(content: &[u8]) -> Option<i64> {
    if content.is_empty() || content.len() > 8 {
        return None;
    }
    let negative = content[0] & 0x80 != 0;
    let start = if negative { -1i64 } else { 0 };
    Some(
        content
            .iter()
            .fold(start, |acc, &b| (acc << 8) | i64::from(b)),
    )
}

/// The value of a DER BOOLEAN's contents (0x00 or 0xFF).
pub fn boolean_value(content: &[u8]) -> Option<bool> {
    match content {
        [0x00] => Some(false),
        [0xFF] => Some(true),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_short_and_long_lengths() {
        let short = [0x30, 0x03, 0x02, 0x01, 0x05, 0xff];
        let (tlv, rest) = read_tlv(&short).unwrap();
        assert_eq!(
            (tlv.tag, tlv.value, rest),
            (0x30, &short[2..5], &[0xff][..])
        );

        let long = encode(OCTET_STRING, &[7u8; 300]);
        assert_eq!(&long[..4], &[0x04, 0x82, 0x01, 0x2c]);
        let (tlv, rest) = read_tlv(&long).unwrap();
        assert_eq!((tlv.value.len(), rest.len()), (300, 0));
    }

    #[test]
    fn rejects_what_it_cannot_trust() {
        assert_eq!(read_tlv(&[]).unwrap_err(), DerError::Empty);
        assert_eq!(
            read_tlv(&[0x30]).unwrap_err(),
            DerError::Truncated {
                needed: 2,
                available: 1
            }
        );
        assert_eq!(
            read_tlv(&[0x30, 0x80, 0, 0]).unwrap_err(),
            DerError::IndefiniteLength
        );
        assert_eq!(
            read_tlv(&[0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0]).unwrap_err(),
            DerError::Truncated {
                needed: 0xffff_ffff,
                available: 1
            }
        );
        assert_eq!(
            read_tlv(&[0x30, 0x89, 1, 2, 3, 4, 5, 6, 7, 8, 9]).unwrap_err(),
            DerError::Unsupported
        );
    }

    #[test]
    fn children_stops_at_the_limit_and_on_garbage() {
        let seq = [0x02, 0x01, 0x01, 0x02, 0x01, 0x02];
        assert_eq!(children(&seq, 2).unwrap().len(), 2);
        assert!(children(&seq, 1).is_none());
        assert!(children(&[0x02, 0x05, 0x01], 4).is_none());
    }
    #[test]
    fn ber_becomes_der() {
        // SEQUENCE (indefinite) { OCTET STRING (constructed, indefinite) { "ab", "c" }, INTEGER 5 }
        let ber = [
            0x30, 0x80, 0x24, 0x80, 0x04, 0x02, b'a', b'b', 0x04, 0x01, b'c', 0, 0, 0x02, 0x01,
            0x05, 0, 0, 0xff,
        ];
        let (der, rest) = normalise_ber(&ber).unwrap();
        assert_eq!(
            der,
            [0x30, 0x08, 0x04, 0x03, b'a', b'b', b'c', 0x02, 0x01, 0x05]
        );
        assert_eq!(rest, [0xff]);
        // DER stays as it is.
        assert_eq!(normalise_ber(&der).unwrap().0, der);
        // Missing terminators, primitive indefinite lengths and endless nesting are refused.
        assert!(normalise_ber(&[0x30, 0x80, 0x02, 0x01, 0x05]).is_err());
        assert!(normalise_ber(&[0x04, 0x80, 0, 0]).is_err());
        let deep: Vec<u8> = std::iter::repeat_n([0x30, 0x80], 1000).flatten().collect();
        assert_eq!(normalise_ber(&deep).unwrap_err(), DerError::Unsupported);
    }
}
