//! Distinguished names (subject, issuer, directoryName) as one line of text,
//! `C=US, O=Example, CN=www.example.com`, with the attribute names OpenSSL
//! prints, so users can compare with `openssl x509 -subject`.
//!
//! Written here rather than taken from x509-parser's `Display`, which builds an
//! OID registry of every algorithm and attribute for this one purpose (30 KB of
//! the browser build) and prints attribute values it cannot read as bare hex.

use std::fmt::Write;

use x509_parser::der_parser::asn1_rs::{Oid, Tag};
use x509_parser::prelude::FromDer;
use x509_parser::x509::{AttributeTypeAndValue, X509Name};

/// `name` in the order of its encoding: relative names separated by `, `,
/// the attributes of a multi-valued one by ` + `.
pub fn distinguished_name_text(name: &X509Name) -> String {
    let mut text = String::new();
    for (i, relative_name) in name.iter().enumerate() {
        if i > 0 {
            text.push_str(", ");
        }
        for (j, attribute) in relative_name.iter().enumerate() {
            if j > 0 {
                text.push_str(" + ");
            }
            push_label(&mut text, attribute);
            text.push('=');
            push_value(&mut text, attribute);
        }
    }
    text
}

/// Each attribute of a DER `Name`, as its label and its value the way
/// [`distinguished_name_text`] writes them (`("CN", "www.example.com")`); none when the
/// name does not parse.
pub fn distinguished_name_attributes(der: &[u8]) -> Vec<(String, String)> {
    let Ok((_, name)) = X509Name::from_der(der) else {
        return Vec::new();
    };
    name.iter_attributes()
        .map(|attribute| {
            let (mut label, mut value) = (String::new(), String::new());
            push_label(&mut label, attribute);
            push_value(&mut value, attribute);
            (label, value)
        })
        .collect()
}

fn push_label(text: &mut String, attribute: &AttributeTypeAndValue) {
    let oid = attribute.attr_type();
    match short_name(oid) {
        Some(name) => text.push_str(name),
        None => text.push_str(&oid.to_id_string()),
    }
}

fn push_value(text: &mut String, attribute: &AttributeTypeAndValue) {
    let value = attribute.attr_value();
    let data = value.data;
    match value.tag() {
        Tag::NumericString
        | Tag::PrintableString
        | Tag::Utf8String
        | Tag::Ia5String
        | Tag::VisibleString
        | Tag::T61String
        | Tag::GeneralString
        | Tag::GraphicString => text.push_str(&String::from_utf8_lossy(data)),
        Tag::BmpString => push_utf16(text, data),
        Tag::UniversalString => text.extend(
            data.chunks(4)
                .map(|c| c.iter().fold(0u32, |acc, &b| acc << 8 | u32::from(b)))
                .map(|code| char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER)),
        ),
        // Not a string: its content in hex, marked `#` as in RFC 4514.
        _ => {
            text.push('#');
            for byte in data {
                let _ = write!(text, "{byte:02X}");
            }
        }
    }
}

fn push_utf16(text: &mut String, data: &[u8]) {
    let units = data.chunks(2).map(|c| match c {
        [high, low] => u16::from_be_bytes([*high, *low]),
        _ => 0xfffd,
    });
    text.extend(char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)));
}

/// OpenSSL's short names for the attributes found in certificates.
fn short_name(oid: &Oid) -> Option<&'static str> {
    const NAMES: &[(&[u8], &str)] = &[
        (&[0x55, 0x04, 0x03], "CN"),
        (&[0x55, 0x04, 0x04], "SN"),
        (&[0x55, 0x04, 0x05], "serialNumber"),
        (&[0x55, 0x04, 0x06], "C"),
        (&[0x55, 0x04, 0x07], "L"),
        (&[0x55, 0x04, 0x08], "ST"),
        (&[0x55, 0x04, 0x09], "street"),
        (&[0x55, 0x04, 0x0a], "O"),
        (&[0x55, 0x04, 0x0b], "OU"),
        (&[0x55, 0x04, 0x0c], "title"),
        (&[0x55, 0x04, 0x0f], "businessCategory"),
        (&[0x55, 0x04, 0x11], "postalCode"),
        (&[0x55, 0x04, 0x2a], "GN"),
        (&[0x55, 0x04, 0x2e], "dnQualifier"),
        (&[0x55, 0x04, 0x61], "organizationIdentifier"),
        // 0.9.2342.19200300.100.1.25 and .1
        (
            &[0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x19],
            "DC",
        ),
        (
            &[0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x01],
            "UID",
        ),
        // 1.2.840.113549.1.9.1
        (
            &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01],
            "emailAddress",
        ),
        // 1.3.6.1.4.1.311.60.2.1.1 to .3: EV certificates' jurisdiction.
        (
            &[
                0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x3c, 0x02, 0x01, 0x01,
            ],
            "jurisdictionL",
        ),
        (
            &[
                0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x3c, 0x02, 0x01, 0x02,
            ],
            "jurisdictionST",
        ),
        (
            &[
                0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x3c, 0x02, 0x01, 0x03,
            ],
            "jurisdictionC",
        ),
    ];
    let encoded = oid.as_bytes();
    NAMES
        .iter()
        .find(|(der, _)| *der == encoded)
        .map(|(_, name)| *name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(der: &[u8]) -> String {
        let (_, name) = X509Name::from_der(der).expect("a Name");
        distinguished_name_text(&name)
    }

    /// A Name of one RDN per (attribute OID content, value tag, value).
    fn name_der(attributes: &[(&[u8], u8, &[u8])]) -> Vec<u8> {
        let tlv = |tag: u8, content: &[u8]| {
            let mut out = vec![tag, content.len() as u8];
            out.extend_from_slice(content);
            out
        };
        let rdns: Vec<u8> = attributes
            .iter()
            .flat_map(|(oid, tag, value)| {
                let pair = [tlv(0x06, oid), tlv(*tag, value)].concat();
                tlv(0x31, &tlv(0x30, &pair))
            })
            .collect();
        tlv(0x30, &rdns)
    }

    #[test]
    fn names_as_openssl_abbreviates_them() {
        let der = name_der(&[
            (&[0x55, 0x04, 0x06], 0x13, b"US"),
            (&[0x55, 0x04, 0x0a], 0x0c, b"Caf\xc3\xa9 Ltd"),
            (
                &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01],
                0x16,
                b"a@example.com",
            ),
            (
                &[0x55, 0x04, 0x03],
                0x1e,
                &[0x00, 0x77, 0x00, 0x77, 0x00, 0x77],
            ),
        ]);
        assert_eq!(
            text_of(&der),
            "C=US, O=Café Ltd, emailAddress=a@example.com, CN=www"
        );
    }

    #[test]
    fn unknown_attributes_and_values_stay_readable() {
        // 1.2.3.4 with an INTEGER value: the OID dotted, the value as #hex.
        let der = name_der(&[(&[0x2a, 0x03, 0x04], 0x02, &[0x01, 0x00])]);
        assert_eq!(text_of(&der), "1.2.3.4=#0100");
        // Invalid UTF-8 and an odd-length BMPString do not stop the reading.
        let der = name_der(&[
            (&[0x55, 0x04, 0x03], 0x0c, b"a\xffb"),
            (&[0x55, 0x04, 0x0b], 0x1e, &[0x00, 0x61, 0x00]),
        ]);
        assert_eq!(text_of(&der), "CN=a\u{fffd}b, OU=a\u{fffd}");
    }

    #[test]
    fn attributes_one_by_one() {
        let der = name_der(&[
            (&[0x55, 0x04, 0x0a], 0x0c, b"Caf\xc3\xa9"),
            (&[0x2a, 0x03, 0x04], 0x02, &[0x01]),
        ]);
        assert_eq!(
            distinguished_name_attributes(&der),
            [
                ("O".into(), "Café".into()),
                ("1.2.3.4".into(), "#01".into())
            ]
        );
        assert!(distinguished_name_attributes(b"\x30\x05").is_empty());
    }
}
