//! Names that read differently from what they are (`domain` family): control characters and
//! bidi overrides in subjects, issuers, SANs and CSRs (`name_hidden_characters`), and IDN
//! homographs (`name_homograph`), on certificates made by openssl at test time; and neither
//! on ordinary names.

mod common;
#[path = "common/hostile_certs.rs"]
mod hostile_certs;

use std::path::Path;

use certlens::{inspect, Catalogue, Finding, Input, Options, Report, Severity};
use common::{codes, now, openssl_available, scratch};
use hostile_certs::{csr, issued, self_signed};
use serde_json::Value;

const LEAF_EXT: &[&str] = &[
    "basicConstraints=CA:FALSE",
    "extendedKeyUsage=serverAuth",
    "subjectAltName=DNS:www.example.com",
];

fn inspect_files(dir: &Path, files: &[&str], catalogue: Catalogue) -> Report {
    let inputs: Vec<Input> = files
        .iter()
        .map(|f| Input::new(*f, std::fs::read(dir.join(f)).unwrap()))
        .collect();
    inspect(
        &inputs,
        &Options {
            at: now(),
            catalogue,
            ..Options::default()
        },
    )
}

fn check(dir: &Path, files: &[&str]) -> Report {
    inspect_files(dir, files, Catalogue::english())
}

fn findings<'a>(report: &'a Report, code: &str) -> Vec<&'a Finding> {
    report.findings.iter().filter(|f| f.code == code).collect()
}

/// A finding's params as JSON, as the report gives them.
fn params(finding: &Finding) -> Value {
    serde_json::to_value(finding).unwrap()["params"].clone()
}

#[test]
fn control_characters_and_bidi_overrides_in_names_are_named_and_shown() {
    if !openssl_available() {
        return;
    }
    let dir = scratch("hostile-names-hidden");
    self_signed(
        &dir,
        "evil",
        &[
            ("CN", "www.example.com\u{202e}moc.lived"),
            ("O", "Example\x1b[2J\x1b[H Ltd"),
            ("OU", "plain"),
        ],
        &["subjectAltName=DNS:www.example.com,DNS:evil\x1b]0;title\x07.example.com"],
    );
    let report = check(&dir, &["evil.pem"]);
    let found = findings(&report, "name_hidden_characters");
    assert_eq!(
        found.len(),
        3,
        "CN, O and one SAN entry: {:#?}",
        report.findings
    );
    for finding in &found {
        assert_eq!(finding.severity, Severity::Warning);
        assert_eq!(finding.check.name(), "domain");
        assert_eq!(finding.objects, [0]);
    }

    let cn = params(found[0]);
    assert_eq!(cn["field"], "phrase.name_field.subject");
    assert_eq!(cn["attribute"], "CN");
    assert_eq!(cn["value"], "www.example.com<U+202E>moc.lived");
    assert_eq!(
        cn["characters"],
        serde_json::json!(["U+202E RIGHT-TO-LEFT OVERRIDE"])
    );
    let message = &found[0].message;
    assert!(
        message.starts_with("The subject CN of \"www.example.com\u{202e}moc.lived\""),
        "{message}"
    );
    for said in [
        "reads \"www.example.com<U+202E>moc.lived\"",
        "CVE-2021-42574",
        "BR 7.1.4",
        "RFC 5280",
    ] {
        assert!(message.contains(said), "{said}: {message}");
    }
    assert!(found[0].fix.as_deref().unwrap().contains("reissued"));

    let o = params(found[1]);
    assert_eq!(o["attribute"], "O");
    assert_eq!(o["value"], "Example\\x1b[2J\\x1b[H Ltd");
    assert_eq!(o["characters"], serde_json::json!(["U+001B ESCAPE"]));

    let san = params(found[2]);
    assert_eq!(san["field"], "phrase.name_field.san");
    assert_eq!(san["attribute"], "DNS");
    assert_eq!(san["value"], "evil\\x1b]0;title\\x07.example.com");
    assert_eq!(
        san["characters"],
        serde_json::json!(["U+001B ESCAPE", "U+0007 BELL"])
    );
    assert!(found[2]
        .message
        .starts_with("The subjectAltName DNS entry of"));
}

#[test]
fn an_issuer_name_is_reported_once_and_a_csr_like_a_certificate() {
    if !openssl_available() {
        return;
    }
    let dir = scratch("hostile-names-issuer");
    self_signed(
        &dir,
        "ca",
        &[("CN", "Trusted\u{2067} CA\u{2069}")],
        &[
            "basicConstraints=critical,CA:TRUE",
            "keyUsage=critical,keyCertSign",
        ],
    );
    issued(&dir, "leaf", "ca", &[("CN", "www.example.com")], LEAF_EXT);

    // The CA not given: its name is seen only as the leaf's issuer.
    let report = check(&dir, &["leaf.pem"]);
    let found = findings(&report, "name_hidden_characters");
    assert_eq!(found.len(), 1, "{:#?}", report.findings);
    let issuer = params(found[0]);
    assert_eq!(issuer["field"], "phrase.name_field.issuer");
    assert_eq!(issuer["value"], "Trusted<U+2067> CA<U+2069>");
    assert!(found[0]
        .message
        .starts_with("The issuer CN of \"www.example.com\""));

    // Given: once, as the CA's own subject.
    let report = check(&dir, &["leaf.pem", "ca.pem"]);
    let found = findings(&report, "name_hidden_characters");
    assert_eq!(found.len(), 1, "{:#?}", report.findings);
    assert_eq!(params(found[0])["field"], "phrase.name_field.subject");
    assert_eq!(found[0].objects, [1]);

    csr(
        &dir,
        "request",
        &[("CN", "www.example.com"), ("O", "Line\nbreak\u{9b}31m")],
        &["subjectAltName=DNS:www.example.com,DNS:a\x7fb.example.com"],
    );
    let report = check(&dir, &["request.csr"]);
    let found = findings(&report, "name_hidden_characters");
    assert_eq!(found.len(), 2, "{:#?}", report.findings);
    assert_eq!(params(found[0])["value"], "Line\\x0abreak<U+009B>31m");
    assert!(
        found[0].message.starts_with("The subject O of the CSR"),
        "{}",
        found[0].message
    );
    assert_eq!(params(found[1])["value"], "a\\x7fb.example.com");
}

#[test]
fn idn_homographs_say_what_they_imitate() {
    if !openssl_available() {
        return;
    }
    let dir = scratch("hostile-names-homograph");
    // "аpple.com" with a Cyrillic а, and "www.аррӏе.com" all in Cyrillic, also as the CN.
    self_signed(
        &dir,
        "homograph",
        &[("CN", "www.xn--80ak6aa92e.com")],
        &["subjectAltName=DNS:www.xn--80ak6aa92e.com,DNS:xn--pple-43d.com,DNS:www.example.com"],
    );
    let report = check(&dir, &["homograph.pem"]);
    let found = findings(&report, "name_homograph");
    assert_eq!(
        found.len(),
        2,
        "the CN repeats a SAN entry: {:#?}",
        report.findings
    );
    assert!(found.iter().all(|f| f.severity == Severity::Warning));

    let whole = params(found[0]);
    assert_eq!(found[0].variant, Some("whole_script"));
    assert_eq!(whole["field"], "phrase.name_field.subject");
    assert_eq!(whole["name"], "www.xn--80ak6aa92e.com");
    assert_eq!(
        whole["unicode"],
        "www.\u{430}\u{440}\u{440}\u{4cf}\u{435}.com"
    );
    assert_eq!(whole["imitates"], "www.apple.com");
    assert_eq!(
        whole["scripts"],
        serde_json::json!(["phrase.script.cyrillic"])
    );
    assert!(
        found[0].message.contains("written only in Cyrillic letters that look like Latin ones: it reads as \"www.apple.com\""),
        "{}",
        found[0].message
    );

    let mixed = params(found[1]);
    assert_eq!(found[1].variant, None);
    assert_eq!(mixed["field"], "phrase.name_field.san");
    assert_eq!(mixed["unicode"], "\u{430}pple.com");
    assert_eq!(mixed["imitates"], "apple.com");
    assert!(
        found[1]
            .message
            .contains("mixes Latin and Cyrillic letters in one label: it reads as \"apple.com\""),
        "{}",
        found[1].message
    );

    // Every language renders both findings whole.
    for lang in ["zh", "ja"] {
        let report = inspect_files(&dir, &["homograph.pem"], Catalogue::builtin(lang).unwrap());
        for finding in findings(&report, "name_homograph") {
            let (message, fix) = (&finding.message, finding.fix.as_deref().unwrap_or(""));
            assert!(
                !message.contains('{') && message.contains("apple.com"),
                "{lang}: {message}"
            );
            let unicode = params(finding)["unicode"].as_str().unwrap().to_string();
            assert!(
                !fix.contains('{') && fix.contains(&unicode),
                "{lang}: {fix}"
            );
        }
    }
}

#[test]
fn ordinary_names_raise_neither_finding() {
    if !openssl_available() {
        return;
    }
    let dir = scratch("hostile-names-ordinary");
    // IDNs that imitate nothing: bücher (Latin), 例え.テスト, пример.рф and "аррӏе" under .ru;
    // a Japanese organisation and a name with an accent.
    self_signed(
        &dir,
        "idn",
        &[
            ("CN", "xn--bcher-kva.example"),
            ("O", "例え株式会社"),
            ("L", "Zürich"),
        ],
        &[
            "subjectAltName=DNS:xn--bcher-kva.example,DNS:xn--r8jz45g.xn--zckzah,\
             DNS:xn--e1afmkfd.xn--p1ai,DNS:xn--80ak6aa92e.ru,email:a@example.com,\
             URI:https://example.com/a",
        ],
    );
    let report = check(&dir, &["idn.pem"]);
    let codes = codes(&report);
    assert!(
        !codes.contains(&"name_hidden_characters") && !codes.contains(&"name_homograph"),
        "{:#?}",
        report.findings
    );

    // Nor does any fixture.
    let fixtures = std::fs::read_dir(common::fixture_path("")).unwrap();
    let inputs: Vec<Input> = fixtures
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".pem"))
        .map(|name| common::input(&name))
        .collect();
    let report = inspect(&inputs, &common::options());
    let codes = common::codes(&report);
    assert!(!codes.contains(&"name_hidden_characters") && !codes.contains(&"name_homograph"));
}
