//! DNS names: syntax, wildcard matching and the DNS form of name constraints.
//!
//! Names are compared as ASCII (internationalised names in their `xn--`
//! A-label form), ignoring ASCII case and one trailing dot, as browsers do.

use std::collections::HashSet;
use std::fmt;
use std::sync::OnceLock;

use super::HostError;
use crate::finding::Reason;
use crate::i18n::Catalogue;
use crate::terminal::visible;

/// RFC 1035 §2.3.4: 255 octets on the wire, which is 253 characters in text.
pub(super) const MAX_NAME_LEN: usize = 253;
const MAX_LABEL_LEN: usize = 63;

/// Why a wildcard subjectAltName entry can never cover a host name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WildcardProblem {
    /// `*` shares its label with other characters, as in `w*.example.com`.
    PartialLabel,
    /// `*` is not the left-most label, as in `www.*.example.com`.
    NotLeftmost,
    /// More than one `*`, as in `*.*.example.com`.
    MultipleWildcards,
    /// The labels after `*.` are a public suffix (`*.co.uk`): `suffix` is
    /// that suffix (`co.uk`).
    PublicSuffix { suffix: String },
    /// Fewer than two labels after `*.`, as in `*.com` or a bare `*`.
    TooFewLabels,
}

impl WildcardProblem {
    /// The explanation as a catalogue phrase.
    pub fn reason(&self) -> Reason {
        match self {
            Self::PartialLabel => Reason::new("phrase.wildcard_partial_label"),
            Self::NotLeftmost => Reason::new("phrase.wildcard_not_leftmost"),
            Self::MultipleWildcards => Reason::new("phrase.wildcard_multiple"),
            Self::PublicSuffix { suffix } => Reason::new("phrase.wildcard_public_suffix")
                .param("suffix", visible(suffix).into_owned()),
            Self::TooFewLabels => Reason::new("phrase.wildcard_too_few_labels"),
        }
    }
}

impl fmt::Display for WildcardProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&Catalogue::english().render_reason(&self.reason()))
    }
}

/// Explains why the SAN `dNSName` entry `dns_san` can never match as a
/// wildcard; `None` for plain names and for usable wildcards.
///
/// Only the wildcard is judged here: a plain name with bad syntax also gives
/// `None`.
pub fn wildcard_problem(dns_san: &str) -> Option<WildcardProblem> {
    let name = strip_root_dot(dns_san);
    match name.matches('*').count() {
        0 => return None,
        1 => {}
        _ => return Some(WildcardProblem::MultipleWildcards),
    }
    let (first, base) = name.split_once('.').unwrap_or((name, ""));
    if !first.contains('*') {
        Some(WildcardProblem::NotLeftmost)
    } else if first != "*" {
        Some(WildcardProblem::PartialLabel)
    } else if !base.contains('.') {
        Some(WildcardProblem::TooFewLabels)
    } else if is_public_suffix(base) {
        Some(WildcardProblem::PublicSuffix {
            suffix: base.to_ascii_lowercase(),
        })
    } else {
        None
    }
}

/// Special-use names that never resolve on the public Internet (RFC 6761, RFC 6762 `local`,
/// RFC 8375 `home.arpa`, RFC 9476 `alt`, ICANN's `internal`): no public CA can issue for them.
const SPECIAL_USE: &[&str] = &[
    "localhost",
    "local",
    "test",
    "example",
    "invalid",
    "alt",
    "internal",
    "home.arpa",
];

/// Whether a host name (or a wildcard, `*.example.com`) lies under a public top-level
/// domain, so that public CAs can issue for it and browsers judge it by public trust:
/// `www.example.com` is, `printer.lan`, `db.internal` and `localhost` are not.
pub fn is_public_name(name: &str) -> bool {
    let name = strip_root_dot(name.strip_prefix("*.").unwrap_or(name)).to_ascii_lowercase();
    let Some((_, tld)) = name.rsplit_once('.') else {
        return false;
    };
    let special = SPECIAL_USE
        .iter()
        .any(|special| name == *special || is_below(&name, special));
    !special && is_public_suffix(tld) && !is_public_suffix(&name)
}

/// Whether `name` (any case, optional trailing dot) is a public suffix listed
/// in the ICANN section of the Public Suffix List, like `com` or `co.uk`.
/// Internationalised names may be given as Unicode or as A-labels.
///
/// The private section (`github.io`, `blogspot.com`) is deliberately not
/// consulted: those suffixes belong to one operator, who may legitimately
/// hold `*.github.io`, so a wildcard over them is not an error. Names that the
/// list only covers through its implicit `*` rule (unknown TLDs such as
/// `internal`) are not reported either.
pub fn is_public_suffix(name: &str) -> bool {
    let name = strip_root_dot(name);
    let name = if name.is_ascii() {
        name.to_ascii_lowercase()
    } else {
        // The table holds A-labels only; a name that cannot be encoded is no suffix.
        match super::idn::to_ascii(name) {
            Some(ascii) => ascii,
            None => return false,
        }
    };
    let rules = SuffixRules::get();
    // The PSL algorithm, asked only whether the whole name is a suffix: an
    // exact rule, or `*.parent` covering it unless `!name` excepts it.
    rules.exact.contains(name.as_str())
        || name.split_once('.').is_some_and(|(label, parent)| {
            !label.is_empty()
                && rules.wildcard_parents.contains(parent)
                && !rules.exceptions.contains(name.as_str())
        })
}

/// The rules of `public_suffixes.txt`, the ICANN section of the Public Suffix
/// List as lowercase A-labels (regenerate it with
/// `scripts/update-public-suffixes.sh`). A text table instead of the `psl`
/// crate, whose list compiled to code made up over a third of the wasm.
struct SuffixRules {
    /// Plain rules: `com`, `co.uk`.
    exact: HashSet<String>,
    /// `ck` for the rule `*.ck`.
    wildcard_parents: HashSet<&'static str>,
    /// `www.ck` for the rule `!www.ck`.
    exceptions: HashSet<String>,
}

impl SuffixRules {
    /// Parsed on first use, so that runs that never judge a wildcard pay nothing.
    fn get() -> &'static Self {
        static RULES: OnceLock<SuffixRules> = OnceLock::new();
        RULES.get_or_init(|| {
            let mut rules = SuffixRules {
                exact: HashSet::new(),
                wildcard_parents: HashSet::new(),
                exceptions: HashSet::new(),
            };
            // One line per parent, `parent:label,label,...` for the rules
            // `label.parent`; top-level domains have the empty parent.
            let lines = include_str!("public_suffixes.txt").lines();
            for line in lines.filter(|line| !line.starts_with("//")) {
                let Some((parent, labels)) = line.split_once(':') else {
                    continue;
                };
                let under_parent = |label: &str| match parent {
                    "" => label.to_owned(),
                    _ => format!("{label}.{parent}"),
                };
                for label in labels.split(',') {
                    if label == "*" {
                        rules.wildcard_parents.insert(parent);
                    } else if let Some(label) = label.strip_prefix('!') {
                        rules.exceptions.insert(under_parent(label));
                    } else {
                        rules.exact.insert(under_parent(label));
                    }
                }
            }
            rules
        })
    }
}

/// Checks that `name` (no trailing dot) is a host name: ASCII letters, digits,
/// `-` and `_` (accepted in practice, as rustls-webpki does), labels of 1 to
/// 63 characters not starting or ending with `-`, at most 253 characters, and
/// a last label that is not all digits (it would be a mistyped IPv4 address).
pub(crate) fn check_syntax(name: &str) -> Result<(), HostError> {
    if name.is_empty() {
        return Err(HostError::Empty);
    }
    if name.len() > MAX_NAME_LEN {
        return Err(HostError::TooLong { len: name.len() });
    }
    let mut last = "";
    for label in name.split('.') {
        if label.is_empty() {
            return Err(HostError::EmptyLabel);
        }
        if label.len() > MAX_LABEL_LEN {
            return Err(HostError::LabelTooLong { len: label.len() });
        }
        if let Some(ch) = label
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
        {
            return Err(HostError::BadCharacter { ch });
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err(HostError::BadHyphen {
                label: label.to_owned(),
            });
        }
        last = label;
    }
    if last.bytes().all(|b| b.is_ascii_digit()) {
        return Err(HostError::NumericLastLabel);
    }
    Ok(())
}

/// `name` without one trailing dot (the DNS root), which never changes meaning.
pub(crate) fn strip_root_dot(name: &str) -> &str {
    name.strip_suffix('.').unwrap_or(name)
}

/// A subjectAltName `dNSName` read as what it can match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DnsPattern<'a> {
    /// A plain name, matching itself only.
    Exact(&'a str),
    /// `*.base`: any single label followed by `base` (which has two or more
    /// labels).
    Wildcard { base: &'a str },
}

impl<'a> DnsPattern<'a> {
    /// Reads a SAN entry; `None` when it is neither a valid name nor a
    /// well-formed wildcard (`*` as the whole left-most label), since such
    /// entries can match nothing.
    pub(crate) fn parse(entry: &'a str) -> Option<Self> {
        let entry = strip_root_dot(entry);
        match entry.strip_prefix("*.") {
            Some(base) => (check_syntax(base).is_ok() && base.contains('.'))
                .then_some(Self::Wildcard { base }),
            None => check_syntax(entry).is_ok().then_some(Self::Exact(entry)),
        }
    }

    /// Whether the pattern covers `host` (a valid name without trailing dot).
    pub(crate) fn covers(&self, host: &str) -> bool {
        match *self {
            Self::Exact(name) => name.eq_ignore_ascii_case(host),
            Self::Wildcard { base } => host
                .split_once('.')
                .is_some_and(|(first, rest)| !first.is_empty() && rest.eq_ignore_ascii_case(base)),
        }
    }
}

/// A `dNSName` name constraint (RFC 5280 §4.2.1.10, with the leading-dot form
/// that OpenSSL, Go, rustls-webpki and browsers accept).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DnsConstraint<'a> {
    /// Empty constraint: every DNS name.
    Any,
    /// `example.com`: the name itself and every name below it.
    Subtree(&'a str),
    /// `.example.com`: names below it, not the name itself.
    Subdomains(&'a str),
}

impl<'a> DnsConstraint<'a> {
    /// Reads a constraint; `None` when it is not a valid name (for example
    /// `*.example.com`), which the caller treats as unsatisfiable.
    pub(crate) fn parse(constraint: &'a str) -> Option<Self> {
        let constraint = strip_root_dot(constraint);
        if constraint.is_empty() {
            return Some(Self::Any);
        }
        match constraint.strip_prefix('.') {
            Some(parent) => check_syntax(parent)
                .is_ok()
                .then_some(Self::Subdomains(parent)),
            None => check_syntax(constraint)
                .is_ok()
                .then_some(Self::Subtree(constraint)),
        }
    }

    /// Whether every name the pattern can stand for lies inside this subtree;
    /// that is what a permitted subtree requires.
    pub(crate) fn contains_all(&self, pattern: &DnsPattern) -> bool {
        match (*self, *pattern) {
            (Self::Any, _) => true,
            (Self::Subtree(parent), DnsPattern::Exact(name)) => is_within(name, parent),
            (Self::Subdomains(parent), DnsPattern::Exact(name)) => is_below(name, parent),
            // `x.base` is inside for every label x exactly when base is.
            (Self::Subtree(parent) | Self::Subdomains(parent), DnsPattern::Wildcard { base }) => {
                is_within(base, parent)
            }
        }
    }

    /// Whether some name the pattern can stand for lies inside this subtree;
    /// an excluded subtree rejects such a pattern. `*.example.com` against
    /// `a.example.com` is the case that matters (CVE-2025-61727): the
    /// wildcard would cover the excluded name.
    pub(crate) fn contains_any(&self, pattern: &DnsPattern) -> bool {
        self.contains_all(pattern)
            || matches!((*self, *pattern),
                (Self::Subtree(parent), DnsPattern::Wildcard { base })
                    if parent.split_once('.').is_some_and(|(_, rest)| rest.eq_ignore_ascii_case(base)))
    }
}

/// `name` equals `parent` or is below it, ignoring ASCII case.
fn is_within(name: &str, parent: &str) -> bool {
    name.eq_ignore_ascii_case(parent) || is_below(name, parent)
}

/// `name` is strictly below `parent` (ends with `.parent`), ignoring ASCII case.
pub(crate) fn is_below(name: &str, parent: &str) -> bool {
    let (name, parent) = (name.as_bytes(), parent.as_bytes());
    name.len() > parent.len()
        && name
            .len()
            .checked_sub(parent.len() + 1)
            .and_then(|dot| name.get(dot..))
            .and_then(|tail| tail.split_first())
            .is_some_and(|(dot, rest)| *dot == b'.' && rest.eq_ignore_ascii_case(parent))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax() {
        let good = [
            "example.com",
            "localhost",
            "a-b.example",
            "_acme.example.com",
            "xn--bcher-kva.example",
            "EXAMPLE.com",
            "1.example.com",
        ];
        for name in good {
            assert_eq!(check_syntax(name), Ok(()), "{name}");
        }
        let long_label = "a".repeat(64);
        // 127 one-letter labels are 253 characters, the longest allowed name.
        let longest = ["a"; 127].join(".");
        assert_eq!(check_syntax(&longest), Ok(()));
        let too_long = format!("b{longest}");
        let bad = [
            ("", HostError::Empty),
            ("a..b", HostError::EmptyLabel),
            (".a", HostError::EmptyLabel),
            (&long_label, HostError::LabelTooLong { len: 64 }),
            (&too_long, HostError::TooLong { len: 254 }),
            ("a b.com", HostError::BadCharacter { ch: ' ' }),
            ("a*.com", HostError::BadCharacter { ch: '*' }),
            ("-a.com", HostError::BadHyphen { label: "-a".into() }),
            ("a-.com", HostError::BadHyphen { label: "a-".into() }),
            ("example.123", HostError::NumericLastLabel),
        ];
        for (name, err) in bad {
            assert_eq!(check_syntax(name), Err(err), "{name:?}");
        }
    }

    #[test]
    fn pattern_parse() {
        let cases = [
            ("example.com", Some(DnsPattern::Exact("example.com"))),
            ("example.com.", Some(DnsPattern::Exact("example.com"))),
            (
                "*.example.com",
                Some(DnsPattern::Wildcard {
                    base: "example.com",
                }),
            ),
            ("*.com", None),
            ("*", None),
            ("w*.example.com", None),
            ("*.*.example.com", None),
            ("www.*.example.com", None),
            (".example.com", None),
            ("example.com..", None),
            ("192.0.2.1", None),
            ("http://example.com", None),
        ];
        for (entry, want) in cases {
            assert_eq!(DnsPattern::parse(entry), want, "{entry}");
        }
    }

    #[test]
    fn pattern_covers() {
        let cases = [
            ("*.example.com", "www.example.com", true),
            ("*.example.com", "WWW.example.com", true),
            ("*.Example.COM", "a.example.com", true),
            ("*.example.com", "example.com", false),
            ("*.example.com", "a.b.example.com", false),
            ("*.example.com", "a.example.org", false),
            ("example.com", "example.com", true),
            ("EXAMPLE.com.", "example.com", true),
            ("example.com", "www.example.com", false),
            ("www.example.com", "example.com", false),
        ];
        for (entry, host, want) in cases {
            let pattern = DnsPattern::parse(entry).expect(entry);
            assert_eq!(pattern.covers(host), want, "{entry} vs {host}");
        }
    }

    #[test]
    fn wildcard_problems() {
        let cases = [
            ("example.com", None),
            ("*.example.com", None),
            ("*.example.com.", None),
            ("*.github.io", None),
            ("*.foo.co.uk", None),
            ("w*.example.com", Some(WildcardProblem::PartialLabel)),
            ("*w.example.com", Some(WildcardProblem::PartialLabel)),
            ("www.*.example.com", Some(WildcardProblem::NotLeftmost)),
            ("example.*", Some(WildcardProblem::NotLeftmost)),
            ("*.*.example.com", Some(WildcardProblem::MultipleWildcards)),
            ("**.example.com", Some(WildcardProblem::MultipleWildcards)),
            (
                "*.co.uk",
                Some(WildcardProblem::PublicSuffix {
                    suffix: "co.uk".into(),
                }),
            ),
            (
                "*.CO.UK.",
                Some(WildcardProblem::PublicSuffix {
                    suffix: "co.uk".into(),
                }),
            ),
            ("*.com", Some(WildcardProblem::TooFewLabels)),
            ("*", Some(WildcardProblem::TooFewLabels)),
            ("*.", Some(WildcardProblem::TooFewLabels)),
        ];
        for (entry, want) in cases {
            let got = wildcard_problem(entry);
            // Every problem explains itself in words.
            assert!(got.as_ref().map_or(0, |p| p.to_string().len()) != 1);
            assert_eq!(got, want, "{entry}");
        }
    }

    #[test]
    fn public_suffixes() {
        let cases = [
            ("com", true),
            ("co.uk", true),
            ("CO.UK.", true),
            ("example.com", false),
            ("github.io", false),    // private section
            ("blogspot.com", false), // private section
            ("internal", false),     // only the implicit `*` rule
            ("zz", false),
            ("", false),
            (".", false),
            ("co..uk", false),
            // IDN rules: 中国, рф and 公司.cn, as A-labels and as Unicode.
            ("xn--fiqs8s", true),
            ("XN--P1AI", true),
            ("xn--55qx5d.cn", true),
            ("中国", true),
            ("РФ.", true),
            ("公司.cn", true),
            ("xn--fiqs8s.example", false),
            // `*.ck` with the exception `!www.ck`.
            ("foo.ck", true),
            ("FOO.CK.", true),
            ("www.ck", false),
            ("a.foo.ck", false),
            (".ck", false),
            // `*.kawasaki.jp` with the exception `!city.kawasaki.jp`.
            ("foo.kawasaki.jp", true),
            ("city.kawasaki.jp", false),
        ];
        for (name, want) in cases {
            assert_eq!(is_public_suffix(name), want, "{name}");
        }
    }

    #[test]
    fn suffix_table_is_clean() {
        let rules = SuffixRules::get();
        // The whole ICANN section is there (about 7,000 rules), not a stub.
        assert!(rules.exact.len() > 6_000, "{}", rules.exact.len());
        assert!(rules.wildcard_parents.contains("ck"));
        assert!(rules.exceptions.contains("www.ck"));
        let all = rules
            .exact
            .iter()
            .chain(&rules.exceptions)
            .map(String::as_str)
            .chain(rules.wildcard_parents.iter().copied());
        for rule in all {
            // Lowercase A-labels only, since lookups lowercase ASCII names.
            assert!(check_syntax(rule).is_ok(), "{rule}");
            assert_eq!(rule, rule.to_ascii_lowercase(), "{rule}");
        }
        // The generator's punycode agrees with the encoding Host::parse uses.
        for unicode in [
            "中国",
            "рф",
            "香港",
            "公司.cn",
            "ελ",
            "भारत",
            "vermögensberater",
        ] {
            let ascii = super::super::idn::to_ascii(unicode).expect(unicode);
            assert!(rules.exact.contains(ascii.as_str()), "{unicode} -> {ascii}");
        }
    }

    #[test]
    fn constraint_parse() {
        let cases = [
            ("", Some(DnsConstraint::Any)),
            ("example.com", Some(DnsConstraint::Subtree("example.com"))),
            (
                ".example.com",
                Some(DnsConstraint::Subdomains("example.com")),
            ),
            ("*.example.com", None),
            ("exa mple.com", None),
            ("..example.com", None),
        ];
        for (text, want) in cases {
            assert_eq!(DnsConstraint::parse(text), want, "{text:?}");
        }
    }

    #[test]
    fn constraint_matching() {
        // (constraint, SAN, contains_all, contains_any)
        let cases = [
            ("example.com", "example.com", true, true),
            ("example.com", "a.example.com", true, true),
            ("example.com", "A.B.EXAMPLE.COM", true, true),
            ("example.com", "badexample.com", false, false),
            ("example.com", "example.org", false, false),
            ("Example.Com", "example.com.", true, true),
            (".example.com", "example.com", false, false),
            (".example.com", "a.example.com", true, true),
            ("", "anything.example", true, true),
            // Wildcards: inside a subtree only when every expansion is.
            ("example.com", "*.example.com", true, true),
            (".example.com", "*.example.com", true, true),
            ("com", "*.example.com", true, true),
            ("foo.example.com", "*.example.com", false, true),
            ("a.b.example.com", "*.example.com", false, false),
            (".foo.example.com", "*.example.com", false, false),
            ("example.org", "*.example.com", false, false),
        ];
        for (constraint, san, all, any) in cases {
            let c = DnsConstraint::parse(constraint).expect(constraint);
            let p = DnsPattern::parse(san).expect(san);
            assert_eq!(c.contains_all(&p), all, "{constraint} ⊇ {san}");
            assert_eq!(c.contains_any(&p), any, "{constraint} ∩ {san}");
        }
    }

    #[test]
    fn below_is_panic_free_on_odd_input() {
        assert!(!is_below("", ""));
        assert!(!is_below("a", "a"));
        assert!(!is_below(".a", "b"));
        assert!(is_below(".a", "a"));
        assert!(!is_below("xa", "a"));
        assert!(!is_below("ü.a", "ü"));
    }
}
