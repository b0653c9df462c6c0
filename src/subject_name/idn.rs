//! Internationalised host names typed by users, to the A-label (`xn--`) form
//! certificates carry.
//!
//! Not full UTS #46: its Unicode mapping and validation tables cost about 43 KB
//! of the gzipped browser build, for inputs users hardly type (a certificate
//! lookup starts from a name copied out of a browser or a configuration
//! file, which is already mapped). What users do type is handled: upper case,
//! full-width ASCII and the ideographic full stops of CJK input methods.
//! Names are not normalised (NFC); a decomposed spelling yields another
//! A-label, which then matches nothing and is shown as such.

use idna::punycode;

use super::dns_name::MAX_NAME_LEN;

/// `name` with every label in A-label form, or `None` when it cannot be a
/// host name: a label is broken punycode, or starts with a combining mark.
/// Length, hyphen and ASCII character rules are left to the caller.
pub(super) fn to_ascii(name: &str) -> Option<String> {
    // Punycode takes time quadratic in a label's length; no character yields less than one
    // character of the A-label form, so a longer name is no host name whatever it holds.
    if name.chars().count() > MAX_NAME_LEN {
        return None;
    }
    let mapped: String = name.chars().flat_map(map_char).collect();
    let labels: Option<Vec<String>> = mapped.split('.').map(label_to_ascii).collect();
    Some(labels?.join("."))
}

/// UTS #46's mapping, for the characters users actually type.
fn map_char(ch: char) -> impl Iterator<Item = char> {
    let ch = match ch {
        // Ideographic and half-width ideographic full stops.
        '\u{3002}' | '\u{ff61}' => '.',
        // Full-width ASCII (`ｗｗｗ．ｅｘａｍｐｌｅ`, full-width digits).
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(ch as u32 - 0xfee0).unwrap_or(ch),
        _ => ch,
    };
    ch.to_lowercase()
}

fn label_to_ascii(label: &str) -> Option<String> {
    if label.is_ascii() {
        let label = label.to_ascii_lowercase();
        // An A-label typed as such must be the canonical punycode of a
        // non-ASCII label.
        if let Some(encoded) = label.strip_prefix("xn--") {
            let decoded = punycode::decode_to_string(encoded)?;
            let canonical = !decoded.is_ascii()
                && starts_well(&decoded)
                && punycode::encode_str(&decoded).as_deref() == Some(encoded);
            return canonical.then_some(label);
        }
        return Some(label);
    }
    if !starts_well(label) || label.chars().any(char::is_control) {
        return None;
    }
    punycode::encode_str(label).map(|encoded| format!("xn--{encoded}"))
}

/// IDNA forbids labels that begin with a combining mark; these blocks hold
/// the ones that can be typed on their own.
fn starts_well(label: &str) -> bool {
    !label.chars().next().is_some_and(|first| {
        matches!(first,
            '\u{0300}'..='\u{036f}'
            | '\u{1ab0}'..='\u{1aff}'
            | '\u{1dc0}'..='\u{1dff}'
            | '\u{20d0}'..='\u{20ff}'
            | '\u{fe20}'..='\u{fe2f}')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_names_become_a_labels() {
        for (typed, ascii) in [
            ("example.com", "example.com"),
            ("WWW.Example.COM", "www.example.com"),
            ("bücher.example", "xn--bcher-kva.example"),
            ("BÜCHER.example", "xn--bcher-kva.example"),
            ("XN--BCHER-KVA.example", "xn--bcher-kva.example"),
            ("例え。テスト", "xn--r8jz45g.xn--zckzah"),
            ("ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ", "www.example.com"),
            ("１９２．０．２．１", "192.0.2.1"),
            ("中国", "xn--fiqs8s"),
            ("рф", "xn--p1ai"),
            ("भारत", "xn--h2brj9c"),
            ("vermögensberater", "xn--vermgensberater-ctb"),
        ] {
            assert_eq!(to_ascii(typed).as_deref(), Some(ascii), "{typed}");
        }
    }

    #[test]
    fn broken_names_are_refused() {
        for broken in [
            "xn--zz.example",
            // Not canonical: the punycode of an all-ASCII label.
            "xn--abc-.example",
            "\u{301}abc.example",
            // The A-label of a label starting with a combining mark.
            "xn--abc-jdc.example",
            // A control character in a non-ASCII label (ASCII labels are
            // checked by the caller).
            "é\u{7}.example",
        ] {
            assert_eq!(to_ascii(broken), None, "{broken:?}");
        }
        // Too long for DNS, refused before punycode's quadratic work.
        let huge: String = (0..200_000)
            .filter_map(|i| char::from_u32(0x4e00 + i))
            .collect();
        assert_eq!(to_ascii(&huge), None);
    }
}
