//! The host a user asks about, and which subjectAltName entry covers it.

use std::fmt;
use std::net::IpAddr;

use super::dns_name::{self, DnsPattern};
use super::idn;
use crate::finding::Arg;
use crate::i18n::Catalogue;
use crate::terminal::visible;

/// A host name or IP address to check a certificate against.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Host {
    /// A DNS name: lowercase ASCII, internationalised labels in `xn--`
    /// A-label form, no trailing dot.
    Dns(String),
    /// An IPv4 or IPv6 address.
    Ip(IpAddr),
}

/// Why a text is not a host name or IP address; `Display` explains it to a user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HostError {
    /// Nothing but spaces.
    Empty,
    /// A space or other white space inside the name.
    ContainsSpace,
    /// A `*`: wildcards belong in certificates, not in the name to check.
    Wildcard,
    /// A URL, or a name with a port, where a bare host was expected.
    UrlOrPort,
    /// Looks like an IP address but is not a valid one (`192.0.2.300`, `[x]`).
    InvalidIpAddress,
    /// Two dots in a row, or a leading dot.
    EmptyLabel,
    /// A label longer than 63 characters.
    LabelTooLong { len: usize },
    /// A name longer than 253 characters.
    TooLong { len: usize },
    /// A character not allowed in host names.
    BadCharacter { ch: char },
    /// A label starting or ending with `-`.
    BadHyphen { label: String },
    /// The last label is all digits, so it is neither a name nor an address.
    NumericLastLabel,
    /// An internationalised name that cannot be encoded (a label starting
    /// with a combining mark, a control character, broken `xn--` punycode).
    InvalidIdn,
}

impl HostError {
    /// The explanation's catalogue key (`host_error.*`) and parameters.
    pub fn text(&self) -> (&'static str, Vec<(&'static str, Arg)>) {
        match self {
            Self::Empty => ("host_error.empty", Vec::new()),
            Self::ContainsSpace => ("host_error.contains_space", Vec::new()),
            Self::Wildcard => ("host_error.wildcard", Vec::new()),
            Self::UrlOrPort => ("host_error.url_or_port", Vec::new()),
            Self::InvalidIpAddress => ("host_error.invalid_ip_address", Vec::new()),
            Self::EmptyLabel => ("host_error.empty_label", Vec::new()),
            Self::LabelTooLong { len } => {
                ("host_error.label_too_long", vec![("len", (*len).into())])
            }
            Self::TooLong { len } => ("host_error.too_long", vec![("len", (*len).into())]),
            Self::BadCharacter { ch } => (
                "host_error.bad_character",
                vec![("character", format!("{ch:?}").into())],
            ),
            Self::BadHyphen { label } => (
                "host_error.bad_hyphen",
                vec![("label", visible(label).into_owned().into())],
            ),
            Self::NumericLastLabel => ("host_error.numeric_last_label", Vec::new()),
            Self::InvalidIdn => ("host_error.invalid_idn", Vec::new()),
        }
    }

    /// The explanation in a language.
    pub fn explain(&self, catalogue: &Catalogue) -> String {
        let (key, params) = self.text();
        catalogue.render(key, &params)
    }
}

impl fmt::Display for HostError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.explain(&Catalogue::english()))
    }
}

impl std::error::Error for HostError {}

impl Host {
    /// Reads what a user typed: surrounding white space and one trailing dot
    /// are ignored, IPv4 and IPv6 literals (also `[::1]`) become
    /// [`Host::Ip`], and internationalised names are converted to their
    /// punycode A-label form (see [`idn`](super::idn) for what is mapped).
    pub fn parse(input: &str) -> Result<Host, HostError> {
        let text = input.trim();
        if text.is_empty() {
            return Err(HostError::Empty);
        }
        if text.contains(char::is_whitespace) {
            return Err(HostError::ContainsSpace);
        }
        if let Some(inner) = text.strip_prefix('[') {
            return match inner
                .strip_suffix(']')
                .map(str::parse::<std::net::Ipv6Addr>)
            {
                Some(Ok(addr)) => Ok(Host::Ip(IpAddr::V6(addr))),
                _ => Err(HostError::InvalidIpAddress),
            };
        }
        if let Ok(addr) = text.parse::<IpAddr>() {
            return Ok(Host::Ip(addr));
        }
        if text.contains('*') {
            return Err(HostError::Wildcard);
        }
        if text.contains(['/', '@', '?', '#']) {
            return Err(HostError::UrlOrPort);
        }
        if let Some((_, after)) = text.rsplit_once(':') {
            // `name:443` is a port; anything else with a colon was meant as IPv6.
            let is_port = !after.is_empty() && after.bytes().all(|b| b.is_ascii_digit());
            return Err(if is_port {
                HostError::UrlOrPort
            } else {
                HostError::InvalidIpAddress
            });
        }
        if text.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
            return Err(HostError::InvalidIpAddress);
        }
        let text = dns_name::strip_root_dot(text);
        let name = if text.is_ascii() && !has_a_label(text) {
            text.to_ascii_lowercase()
        } else {
            // Case, width and ideographic full stops mapped, labels
            // punycoded; A-labels typed as such are checked by decoding.
            // Length, hyphen and character rules are left to `check_syntax`
            // below so that they give the same messages as for ASCII names.
            let len = text.chars().count();
            if len > dns_name::MAX_NAME_LEN {
                return Err(HostError::TooLong { len });
            }
            let mapped = idn::to_ascii(text).ok_or(HostError::InvalidIdn)?;
            // Full-width digits and dots can spell an IP address.
            if let Ok(addr) = mapped.parse::<IpAddr>() {
                return Ok(Host::Ip(addr));
            }
            // An ideographic full stop can be the root dot.
            dns_name::strip_root_dot(&mapped).to_owned()
        };
        dns_name::check_syntax(&name)?;
        Ok(Host::Dns(name))
    }
}

/// Whether some label of `name` is an A-label (`xn--…`), which must be
/// valid punycode.
fn has_a_label(name: &str) -> bool {
    name.split('.').any(|label| {
        label
            .get(..4)
            .is_some_and(|prefix| prefix.eq_ignore_ascii_case("xn--"))
    })
}

impl fmt::Display for Host {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Dns(name) => f.write_str(name),
            Self::Ip(addr) => addr.fmt(f),
        }
    }
}

/// The subjectAltName entry that covers a host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Covering {
    /// The entry as written in the certificate, e.g. `*.example.com` or
    /// `192.0.2.10`.
    pub entry: String,
    /// Whether the entry is a wildcard.
    pub wildcard: bool,
}

/// The SAN entry (as written in the certificate) that covers `host`, if any.
///
/// Web PKI rules, as in browsers and rustls-webpki: comparison ignores ASCII
/// case and one trailing dot on either side; a wildcard is only `*` as the
/// whole left-most label, covers exactly one non-empty label, never the
/// apex, and needs two or more labels after it that are not a public suffix
/// (see [`wildcard_problem`](super::wildcard_problem)); entries that are not
/// valid names match nothing; IDN entries must already be A-labels. IP hosts
/// match only IP entries with the same address (an IPv4 address does not
/// match its IPv4-mapped IPv6 form), and DNS hosts never match IP entries.
///
/// An exact entry is preferred over a wildcard when both cover the host.
pub fn covering_entry(host: &Host, dns_sans: &[&str], ip_sans: &[IpAddr]) -> Option<Covering> {
    match host {
        Host::Ip(addr) => ip_sans.iter().find(|san| *san == addr).map(|san| Covering {
            entry: san.to_string(),
            wildcard: false,
        }),
        Host::Dns(name) => {
            let covers = |entry: &&str| {
                DnsPattern::parse(entry).is_some_and(|pattern| match pattern {
                    DnsPattern::Wildcard { base } if dns_name::is_public_suffix(base) => false,
                    _ => pattern.covers(name),
                })
            };
            let mut entries = dns_sans.iter().copied();
            let exact = entries
                .clone()
                .filter(|entry| !entry.starts_with('*'))
                .find(covers);
            exact
                .or_else(|| entries.find(covers))
                .map(|entry| Covering {
                    entry: entry.to_owned(),
                    wildcard: entry.starts_with('*'),
                })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{Ipv4Addr, Ipv6Addr};

    fn dns(name: &str) -> Host {
        Host::Dns(name.to_owned())
    }

    #[test]
    fn parse_good() {
        let v6 = Host::Ip(IpAddr::V6(Ipv6Addr::LOCALHOST));
        let cases = [
            ("example.com", dns("example.com")),
            ("  Example.COM.  ", dns("example.com")),
            ("localhost", dns("localhost")),
            ("_dmarc.example.com", dns("_dmarc.example.com")),
            ("bücher.example", dns("xn--bcher-kva.example")),
            ("BÜCHER.example", dns("xn--bcher-kva.example")),
            ("xn--bcher-kva.example", dns("xn--bcher-kva.example")),
            ("XN--BCHER-KVA.example", dns("xn--bcher-kva.example")),
            ("例え。テスト。", dns("xn--r8jz45g.xn--zckzah")),
            (
                "１９２．０．２．１",
                Host::Ip(IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1))),
            ),
            (
                "192.0.2.1",
                Host::Ip(IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1))),
            ),
            ("::1", v6.clone()),
            ("[::1]", v6),
            (
                "2001:DB8::1",
                Host::Ip("2001:db8::1".parse().expect("literal")),
            ),
        ];
        for (input, want) in cases {
            assert_eq!(Host::parse(input), Ok(want), "{input:?}");
        }
    }

    #[test]
    fn parse_bad() {
        let long_label = format!("{}.com", "a".repeat(64));
        let long_name = format!("{}.com", ["a"; 126].join("."));
        let cases = [
            ("", HostError::Empty),
            ("   ", HostError::Empty),
            ("exa mple.com", HostError::ContainsSpace),
            ("*.example.com", HostError::Wildcard),
            ("https://example.com/", HostError::UrlOrPort),
            ("example.com:443", HostError::UrlOrPort),
            ("user@example.com", HostError::UrlOrPort),
            ("192.0.2.300", HostError::InvalidIpAddress),
            ("1.2.3", HostError::InvalidIpAddress),
            ("[example.com]", HostError::InvalidIpAddress),
            ("[::1", HostError::InvalidIpAddress),
            ("fe80::1%eth0", HostError::InvalidIpAddress),
            ("example..com", HostError::EmptyLabel),
            (".example.com", HostError::EmptyLabel),
            ("example.com..", HostError::EmptyLabel),
            (&long_label, HostError::LabelTooLong { len: 64 }),
            (&long_name, HostError::TooLong { len: 255 }),
            ("exa!mple.com", HostError::BadCharacter { ch: '!' }),
            (
                "-example.com",
                HostError::BadHyphen {
                    label: "-example".into(),
                },
            ),
            ("example.123", HostError::NumericLastLabel),
            ("xn--zz.example", HostError::InvalidIdn),
            ("\u{301}abc.example", HostError::InvalidIdn),
        ];
        for (input, want) in cases {
            assert_eq!(Host::parse(input), Err(want.clone()), "{input:?}");
            assert!(!want.to_string().is_empty());
        }
    }

    #[test]
    fn display() {
        assert_eq!(dns("example.com").to_string(), "example.com");
        assert_eq!(
            Host::parse("[::1]").map(|h| h.to_string()),
            Ok("::1".into())
        );
    }

    #[rustfmt::skip]
    #[test]
    fn dns_coverage() {
        // (host, SAN dNSNames, the covering entry)
        let cases: [(&str, &[&str], Option<&str>); 17] = [
            ("www.example.com", &["*.example.com"], Some("*.example.com")),
            ("example.com", &["*.example.com"], None),
            ("a.b.example.com", &["*.example.com"], None),
            ("www.example.com", &["w*.example.com"], None),
            ("www.example.com", &["*w.example.com"], None),
            ("a.b.example.com", &["*.*.example.com"], None),
            ("www.example.com", &["www.*.com"], None),
            ("example.com", &["*.com"], None),
            ("foo.co.uk", &["*.co.uk"], None),
            ("foo.github.io", &["*.github.io"], Some("*.github.io")),
            ("www.example.com", &["WWW.EXAMPLE.COM."], Some("WWW.EXAMPLE.COM.")),
            ("example.com", &["example.com"], Some("example.com")),
            ("www.example.com", &["example.com"], None),
            ("xn--bcher-kva.example", &["xn--bcher-kva.example"], Some("xn--bcher-kva.example")),
            // SAN entries must already be A-labels.
            ("xn--bcher-kva.example", &["bücher.example"], None),
            // The exact entry wins over an earlier wildcard.
            ("www.example.com", &["*.example.com", "www.example.com"], Some("www.example.com")),
            ("www.example.com", &["", ".example.com", "example.com"], None),
        ];
        for (host, sans, want) in cases {
            let got = covering_entry(&dns(host), sans, &[]);
            assert_eq!(got.as_ref().map(|c| c.entry.as_str()), want, "{host} vs {sans:?}");
            if let Some(covering) = got {
                assert_eq!(covering.wildcard, covering.entry.starts_with("*."));
            }
        }
        // The user's IDN spelling reaches the certificate's A-label.
        let host = Host::parse("bücher.example").expect("valid IDN");
        assert!(covering_entry(&host, &["xn--bcher-kva.example"], &[]).is_some());
        let host = Host::parse("WWW.Example.com.").expect("valid name");
        assert!(covering_entry(&host, &["*.example.com."], &[]).is_some());
    }

    #[test]
    fn ip_coverage() {
        let v4: IpAddr = "192.0.2.10".parse().expect("literal");
        let mapped: IpAddr = "::ffff:192.0.2.10".parse().expect("literal");
        let v6: IpAddr = "2001:db8::1".parse().expect("literal");
        let hit = |entry: &str| {
            Some(Covering {
                entry: entry.to_owned(),
                wildcard: false,
            })
        };
        assert_eq!(
            covering_entry(&Host::Ip(v4), &[], &[v6, v4]),
            hit("192.0.2.10")
        );
        assert_eq!(
            covering_entry(&Host::Ip(v6), &[], &[v6]),
            hit("2001:db8::1")
        );
        assert_eq!(covering_entry(&Host::Ip(v4), &[], &[mapped]), None);
        assert_eq!(covering_entry(&Host::Ip(mapped), &[], &[v4]), None);
        // IP hosts never match DNS entries, even ones that spell the address,
        assert_eq!(covering_entry(&Host::Ip(v4), &["192.0.2.10"], &[]), None);
        // and DNS hosts never match IP entries.
        assert_eq!(covering_entry(&dns("example.com"), &[], &[v4]), None);
    }
}
