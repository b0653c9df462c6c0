//! Reading what users paste: messy PEM repaired and reported, broken input named by input,
//! block and line, binary DER and PKCS#7 sniffed, and the rest of an input still read.

mod common;

use certlens::report::ObjectKind;
use certlens::{Input, Severity};
use common::*;

fn leaf_fingerprint() -> String {
    check_public(&["leaf-rsa2048.pem"]).objects[0]
        .sha256_fingerprint
        .clone()
        .unwrap()
}

#[test]
fn clean_pem_has_no_format_findings() {
    for file in [
        "fullchain.pem",
        "leaf-rsa2048.pem",
        "leaf-rsa2048.key",
        "csr-rsa2048.pem",
    ] {
        let report = check_public(&[file]);
        let format: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.check == certlens::Family::Format && f.code != "csr_only")
            .collect();
        assert!(format.is_empty(), "{file}: {format:#?}");
    }
}

#[test]
fn messy_pastes_are_repaired_and_reported() {
    let cases = [
        ("messy-crlf.pem", Some("crlf")),
        ("messy-indented.pem", Some("whitespace")),
        ("messy-spaces-in-base64.pem", Some("whitespace")),
        ("messy-bom.pem", Some("bom")),
        ("messy-text-around.pem", Some("text_outside_blocks")),
        ("messy-text-between.pem", Some("text_outside_blocks")),
        ("messy-no-final-newline.pem", Some("no_final_newline")),
        ("messy-blank-lines.pem", Some("blank_lines")),
        ("messy-label-mismatch.pem", Some("label_mismatch")),
        ("messy-one-line.pem", None),
    ];
    let fingerprint = leaf_fingerprint();
    for (file, code) in cases {
        let report = check_public(&[file]);
        assert_eq!(
            report.objects[0].sha256_fingerprint.as_deref(),
            Some(fingerprint.as_str()),
            "{file}"
        );
        if let Some(code) = code {
            let finding = find(&report, code)
                .unwrap_or_else(|| panic!("{file}: no {code} in {:?}", codes(&report)));
            assert_ne!(finding.severity, Severity::Error, "{file}");
            assert_eq!(
                finding.location.as_ref().map(|l| l.input.as_str()),
                Some(file)
            );
        }
        let format_errors: Vec<_> = errors(&report)
            .into_iter()
            .filter(|f| f.check == certlens::Family::Format)
            .collect();
        assert!(format_errors.is_empty(), "{file}: {format_errors:#?}");
    }
    assert_eq!(check_public(&["messy-text-between.pem"]).objects.len(), 3);
    assert_eq!(check_public(&["messy-blank-lines.pem"]).objects.len(), 3);
}

#[test]
fn glued_blocks_from_cat_without_newline_are_split() {
    let leaf = String::from_utf8(fixture("leaf-rsa2048.pem")).unwrap();
    let int2 = String::from_utf8(fixture("int2.pem")).unwrap();
    let glued = format!("{}{}", leaf.trim_end(), int2);
    let report = certlens::inspect(&[Input::new("glued.pem", glued)], &options());
    assert_eq!(report.objects.len(), 2);
    assert!(has(&report, "glued_blocks"));
}

#[test]
fn broken_base64_is_an_error_naming_input_block_and_line() {
    let report = check_public(&["broken-base64.pem"]);
    let finding = find(&report, "invalid_base64").expect("invalid_base64");
    assert_eq!(finding.severity, Severity::Error);
    let location = finding.location.as_ref().unwrap();
    assert_eq!(
        (location.input.as_str(), location.block, location.line),
        ("broken-base64.pem", Some(0), Some(5))
    );
    assert!(
        finding
            .message
            .contains("broken-base64.pem, block 1, line 5"),
        "{}",
        finding.message
    );
    assert!(report.objects.is_empty());
}

#[test]
fn truncated_and_garbage_blocks_are_errors() {
    for file in ["broken-truncated.pem", "broken-der-garbage.pem"] {
        let report = check_public(&[file]);
        assert!(
            !errors(&report).is_empty(),
            "{file}: {:#?}",
            report.findings
        );
        assert!(
            report
                .objects
                .iter()
                .all(|o| o.kind != ObjectKind::Certificate),
            "{file}"
        );
    }
}

#[test]
fn the_rest_of_an_input_is_read_after_a_broken_block() {
    let report = check_public(&["broken-no-end.pem"]);
    let subjects: Vec<_> = report
        .objects
        .iter()
        .filter_map(|o| o.subject.clone())
        .collect();
    assert!(
        subjects.iter().any(|s| s.contains("Intermediate 2")),
        "{subjects:?} {:#?}",
        report.findings
    );
    assert!(has(&report, "missing_end"));
}

#[test]
fn random_bytes_and_empty_files_are_clear_errors() {
    let report = check_public(&["random.bin"]);
    assert!(report.nothing_readable());
    assert!(!errors(&report).is_empty());
    let report = check_public(&["empty.pem"]);
    assert_eq!(
        find(&report, "empty").map(|f| f.severity),
        Some(Severity::Error)
    );
}

#[test]
fn der_files_are_sniffed() {
    let kinds = |file| {
        check_public(&[file])
            .objects
            .iter()
            .map(|o| o.kind)
            .collect::<Vec<_>>()
    };
    assert_eq!(kinds("leaf-rsa2048.der"), vec![ObjectKind::Certificate]);
    assert_eq!(kinds("root.der"), vec![ObjectKind::Certificate]);
    assert_eq!(kinds("leaf-rsa2048.key.der"), vec![ObjectKind::PrivateKey]);
    assert_eq!(kinds("csr-rsa2048.der"), vec![ObjectKind::Csr]);
    assert_eq!(kinds("leaf-rsa2048.pub.pem"), vec![ObjectKind::PublicKey]);
}

#[test]
fn pkcs7_bundles_in_pem_and_der() {
    for file in ["chain.p7b", "chain.p7b.der"] {
        let report = check(&[file]);
        assert_eq!(report.objects.len(), 3, "{file}");
        assert!(
            report.chain.complete && report.chain.trusted,
            "{file}: {:#?}",
            report.findings
        );
        assert_eq!(report.objects[2].source.member, Some(2));
    }
}

#[test]
fn sources_name_input_block_and_begin_line() {
    let report = check_public(&["bundle-with-key.pem"]);
    let sources: Vec<(usize, usize)> = report
        .objects
        .iter()
        .map(|o| (o.source.block, o.source.line))
        .collect();
    assert_eq!(sources[0], (0, 1));
    assert!(
        sources
            .windows(2)
            .all(|w| w[0].0 + 1 == w[1].0 && w[0].1 < w[1].1),
        "{sources:?}"
    );
    assert_eq!(report.objects[3].kind, ObjectKind::PrivateKey);
    assert!(
        report.objects[3].pem.is_none(),
        "private key material must never be echoed"
    );
}

#[test]
fn bare_base64_and_utf16_are_read() {
    let pem = String::from_utf8(fixture("leaf-rsa2048.pem")).unwrap();
    let body: String = pem
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect::<Vec<_>>()
        .join("\n");
    let report = certlens::inspect(&[Input::new("body.txt", body)], &options());
    assert_eq!(report.objects.len(), 1);
    assert!(has(&report, "bare_base64"));

    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(pem.encode_utf16().flat_map(|u| u.to_le_bytes()));
    let report = certlens::inspect(&[Input::new("unicode.pem", utf16)], &options());
    assert_eq!(report.objects.len(), 1);
    assert!(has(&report, "utf16"));
}

#[test]
fn hostile_inputs_never_panic() {
    let real = fixture("fullchain.pem");
    let der = fixture("leaf-rsa2048.der");
    let mut cases: Vec<Vec<u8>> = vec![
        Vec::new(),
        vec![0x30],
        vec![0x30, 0x84, 0xff, 0xff, 0xff, 0xff],
        vec![0x30; 100_000],
        b"-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n".to_vec(),
        b"-----BEGIN -----\n".to_vec(),
        b"-----END CERTIFICATE-----".repeat(1000),
    ];
    // ASN.1 nested 10,000 deep.
    let mut nested = vec![0x05, 0x00];
    for _ in 0..10_000 {
        nested = certlens::tlv::encode(0x30, &nested);
    }
    cases.push(nested);
    for cut in (0..der.len()).step_by(7) {
        cases.push(der[..cut].to_vec());
    }
    for position in (0..der.len()).step_by(11) {
        let mut corrupt = der.clone();
        corrupt[position] ^= 0x5a;
        cases.push(corrupt);
    }
    for cut in (0..real.len()).step_by(97) {
        cases.push(real[..cut].to_vec());
    }
    for case in cases {
        let report = certlens::inspect(&[Input::new("hostile", case)], &options());
        let _ = serde_json::to_string(&report).unwrap();
        let _ = certlens::render_text(
            &report,
            certlens::TextStyle::default(),
            &certlens::Catalogue::english(),
        );
    }
}
