//! Every check family on its pass and its fail side, on the openssl-made fixtures.

mod common;

use certlens::{Input, Options, Severity};
use common::*;

fn assert_clean(report: &certlens::Report) {
    assert!(
        errors(report).is_empty(),
        "unexpected errors: {:#?}",
        errors(report)
    );
}

// ---- chain and order -------------------------------------------------------------------

#[test]
fn a_correct_fullchain_is_ready_to_deploy() {
    let report = check(&["fullchain.pem"]);
    assert_clean(&report);
    assert_eq!(report.chain.order, vec![0, 1, 2]);
    assert!(report.chain.complete && report.chain.trusted);
    assert!(has(&report, "trusted"));
    let order_findings: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.check == certlens::Family::Order)
        .collect();
    assert!(order_findings.is_empty(), "{order_findings:#?}");
}

#[test]
fn leaf_not_first_is_an_error_and_the_fullchain_is_corrected() {
    let report = check(&["misordered.pem"]);
    let finding = find(&report, "leaf_not_first").expect("leaf_not_first");
    assert_eq!(finding.severity, Severity::Error);
    // misordered.pem is int2, leaf, int1: the corrected order is leaf, int2, int1.
    assert_eq!(report.chain.order, vec![1, 0, 2]);
    let expected = String::from_utf8(fixture("fullchain.pem")).unwrap();
    assert_eq!(report.fullchain_pem.as_deref(), Some(expected.as_str()));
}

#[test]
fn each_input_is_ordered_on_its_own_when_another_holds_a_copy() {
    // The leaf also given alone, before or after the misordered file: the copy in
    // misordered.pem still is that file's server certificate, and not its first.
    for files in [
        ["misordered.pem", "leaf-rsa2048.pem"],
        ["leaf-rsa2048.pem", "misordered.pem"],
    ] {
        let report = check(&files);
        let finding = find(&report, "leaf_not_first").expect("leaf_not_first");
        assert!(
            finding.message.starts_with("In misordered.pem"),
            "{files:?}"
        );
        assert!(has(&report, "duplicate"), "{files:?}");
    }
    for files in [
        ["misordered-intermediates.pem", "int2.pem"],
        ["int2.pem", "misordered-intermediates.pem"],
    ] {
        let report = check(&files);
        let finding = find(&report, "intermediates_out_of_order").expect("out of order");
        // Named by the copies in the file being judged.
        assert!(
            !finding.message.contains("int2.pem block"),
            "{files:?}: {}",
            finding.message
        );
    }
}

#[test]
fn a_ca_given_first_is_the_server_certificate_whichever_copy_came_first() {
    // Found by tests/properties.rs: only CA certificates, int2 first in one file and after
    // int1 in another. Whether the file that begins with int2 comes first or second, int2 is
    // the server certificate of that file, and the other file has it second.
    let pem = |name| String::from_utf8(fixture(name)).unwrap();
    let begins_with_int2 = Input::new("bundle.pem", pem("int2.pem") + &pem("int2.pem"));
    let int1_first = Input::new("cas.pem", pem("int1.pem") + &pem("int2.pem"));
    for inputs in [
        [begins_with_int2.clone(), int1_first.clone()],
        [int1_first.clone(), begins_with_int2.clone()],
    ] {
        let report = certlens::inspect(&inputs, &options());
        let leaf = report.chain.leaf.expect("a chain");
        assert_eq!(
            report.objects[leaf].name.as_deref(),
            Some("certlens Test Intermediate 2")
        );
        let finding = find(&report, "leaf_not_first").expect("leaf_not_first");
        assert!(
            finding.message.starts_with("In cas.pem"),
            "{}",
            finding.message
        );
        assert!(!has(&report, "unrelated"), "{:?}", codes(&report));
    }
}

#[test]
fn intermediates_out_of_order_is_a_warning() {
    let report = check(&["misordered-intermediates.pem"]);
    let finding = find(&report, "intermediates_out_of_order").expect("out of order");
    assert_eq!(finding.severity, Severity::Warning);
    assert!(!has(&report, "leaf_not_first"));
    assert_eq!(report.chain.order, vec![0, 2, 1]);
    assert_clean(&report);
}

#[test]
fn a_missing_intermediate_is_named_with_key_id_and_aia_url() {
    let report = check(&["missing-intermediate.pem"]);
    let finding = find(&report, "missing_intermediate").expect("missing_intermediate");
    assert_eq!(finding.severity, Severity::Error);
    assert!(
        finding.message.contains("certlens Test Intermediate 2"),
        "{}",
        finding.message
    );
    assert!(
        finding
            .message
            .contains("http://certs.example.test/int2.crt"),
        "{}",
        finding.message
    );
    assert!(
        finding.message.contains("key identifier"),
        "{}",
        finding.message
    );
    assert!(!report.chain.complete);
    // int1 is on no chain now: nothing it issued is here.
    assert!(has(&report, "unrelated"));
}

#[test]
fn an_included_root_is_info_and_left_out_of_the_fullchain() {
    let report = check(&["with-root.pem"]);
    assert!(has(&report, "root_included"));
    assert_eq!(
        find(&report, "root_included").unwrap().severity,
        Severity::Info
    );
    assert_eq!(report.chain.order, vec![0, 1, 2, 3]);
    assert!(report.chain.complete && report.chain.trusted);
    let expected = String::from_utf8(fixture("fullchain.pem")).unwrap();
    assert_eq!(report.fullchain_pem.as_deref(), Some(expected.as_str()));
    assert_clean(&report);
}

#[test]
fn duplicates_and_unrelated_certificates_are_warnings() {
    let report = check(&["duplicate.pem"]);
    assert_eq!(
        find(&report, "duplicate").map(|f| f.severity),
        Some(Severity::Warning)
    );
    assert_clean(&report);

    let report = check(&["extra-unrelated.pem"]);
    let unrelated = find(&report, "unrelated").expect("unrelated");
    assert_eq!(unrelated.objects, vec![3]);
    assert_clean(&report);
}

#[test]
fn a_same_name_issuer_with_the_wrong_key_is_not_a_link() {
    let report = check(&["forged-chain.pem"]);
    let finding = find(&report, "signature_mismatch").expect("signature_mismatch");
    assert_eq!(finding.severity, Severity::Error);
    assert_eq!(finding.objects, vec![0, 1]);
    assert_eq!(report.chain.order, vec![0]);
    assert!(!report.chain.complete);
}

#[test]
fn several_leaves_make_several_chains() {
    let report = check(&["two-leaves.pem"]);
    assert_eq!(report.chains.len(), 2);
    assert_eq!(report.chains[0].order, vec![0, 2, 3]);
    assert_eq!(report.chains[1].order, vec![1, 2, 3]);
    assert!(has(&report, "several_leaves"));
}

#[test]
fn a_self_signed_leaf_for_a_public_name_is_rejected_by_browsers() {
    // selfsigned.pem is for www.example.com and example.com: names under .com.
    let report = check_public(&["selfsigned.pem"]);
    let finding = find(&report, "not_publicly_trusted").expect("not_publicly_trusted");
    assert_eq!(finding.severity, Severity::Error);
    assert_eq!(finding.variant, Some("self_signed"));
    assert!(
        finding.message.contains("www.example.com"),
        "{}",
        finding.message
    );
    assert!(!has(&report, "private_root") && !has(&report, "self_signed_leaf"));
    assert_eq!(report.objects[0].self_signed, Some(true));
    assert!(report.chain.complete && !report.chain.trusted);
}

#[test]
fn a_self_signed_leaf_for_an_internal_name_needs_installing_everywhere() {
    if !openssl_available() {
        return;
    }
    let dir = scratch("self-signed-internal");
    run_openssl(
        &dir,
        &[
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-keyout",
            "key.pem",
            "-out",
            "cert.pem",
            "-days",
            "30",
            "-subj",
            "/CN=db.internal",
            "-addext",
            "subjectAltName=DNS:db.internal,DNS:printer.lan",
            "-addext",
            "basicConstraints=critical,CA:FALSE",
        ],
    );
    let pem = std::fs::read(dir.join("cert.pem")).unwrap();
    let options = Options {
        at: now(),
        ..options()
    };
    let report = certlens::inspect(&[Input::new("cert.pem", pem)], &options);
    assert!(has(&report, "self_signed_leaf"), "{:?}", codes(&report));
    assert_eq!(
        find(&report, "private_root").map(|f| f.severity),
        Some(Severity::Warning)
    );
    assert!(!has(&report, "not_publicly_trusted"));
    // ... unless a public name is asked for.
    let options = Options {
        hosts: vec![String::from("db.example.org")],
        ..options
    };
    let pem = std::fs::read(dir.join("cert.pem")).unwrap();
    let report = certlens::inspect(&[Input::new("cert.pem", pem)], &options);
    assert!(has(&report, "not_publicly_trusted"), "{:?}", codes(&report));
}

#[test]
fn every_signature_algorithm_in_the_fixtures_links() {
    // int1 (P-384, ECDSA-SHA384 by RSA root... ) and leaves with PSS, P-256, P-384, Ed25519 keys.
    for leaf in [
        "leaf-rsa2048.pem",
        "leaf-p256.pem",
        "leaf-p384.pem",
        "leaf-ed25519.pem",
        "leaf-pss.pem",
    ] {
        let report = check(&[leaf, "int2.pem", "int1.pem"]);
        assert!(
            report.chain.complete && report.chain.trusted,
            "{leaf}: {:#?}",
            report.findings
        );
        assert_eq!(report.chain.order, vec![0, 1, 2], "{leaf}");
    }
}

// ---- trust -------------------------------------------------------------------------------

#[test]
fn a_private_root_for_a_public_name_is_an_error_and_with_other_roots_too() {
    let report = check_public(&["with-root.pem"]);
    assert_eq!(
        find(&report, "not_publicly_trusted").map(|f| (f.severity, f.variant)),
        Some((Severity::Error, None))
    );
    assert!(report.chain.complete && !report.chain.trusted);

    let options = Options {
        trust: vec![input("other-root.pem")],
        ..options()
    };
    let report = check_with(&["fullchain.pem"], options);
    assert_eq!(
        find(&report, "not_trusted").map(|f| f.severity),
        Some(Severity::Error)
    );
    assert!(!report.chain.trusted);
}

// ---- key match ---------------------------------------------------------------------------

#[test]
fn a_key_pasted_with_its_chain_matches() {
    let report = check(&["bundle-with-key.pem"]);
    assert!(has(&report, "key_matches"));
    assert!(report
        .key_matches
        .iter()
        .any(|m| m.key == 3 && m.certificate == 0 && m.matches));
    assert!(report
        .key_matches
        .iter()
        .filter(|m| m.key == 3 && m.certificate != 0)
        .all(|m| !m.matches));
    assert_clean(&report);
}

#[test]
fn a_matching_key_is_named_after_the_certificate_before_a_csr() {
    for files in [
        ["csr-rsa2048.pem", "bundle-with-key.pem"],
        ["bundle-with-key.pem", "csr-rsa2048.pem"],
    ] {
        let report = check(&files);
        let finding = find(&report, "key_matches").expect("key_matches");
        assert!(
            finding.message.contains("(bundle-with-key.pem block 1)"),
            "{files:?}: {}",
            finding.message
        );
    }
}

#[test]
fn a_key_of_another_certificate_is_a_mismatch() {
    let report = check(&["mismatched-key.pem"]);
    let finding = find(&report, "key_mismatch").expect("key_mismatch");
    assert_eq!(finding.severity, Severity::Error);
    assert_eq!(finding.objects, vec![3, 0]);
}

#[test]
fn every_key_format_matches_its_certificate() {
    let pairs = [
        ("leaf-rsa2048.pem", "leaf-rsa2048.pkcs1.key"),
        ("leaf-rsa2048.pem", "leaf-rsa2048.key.der"),
        ("leaf-rsa2048.pem", "leaf-rsa2048.pub.pem"),
        ("leaf-rsa2048.pem", "leaf-rsa2048.rsapub.pem"),
        ("leaf-p256.pem", "leaf-p256.sec1.key"),
        ("leaf-p256.pem", "leaf-p256.sec1-nopub.key"),
        ("leaf-p384.pem", "leaf-p384.sec1-nopub.key"),
        ("leaf-ed25519.pem", "leaf-ed25519.key"),
        ("leaf-pss.pem", "leaf-pss.key"),
    ];
    for (cert, key) in pairs {
        let report = check(&[cert, key]);
        assert!(
            report.key_matches.iter().any(|m| m.matches),
            "{key} should match {cert}: {:#?}",
            report.findings
        );
        assert!(!has(&report, "key_mismatch"), "{key}");
    }
    let report = check(&["leaf-p256.pem", "leaf-p384.sec1-nopub.key"]);
    assert!(has(&report, "key_mismatch"));
}

#[test]
fn pubkey_md5_is_what_openssl_prints() {
    let expected = expected_tsv("pubkey-md5.tsv");
    assert!(expected.len() > 40);
    for (file, md5) in &expected {
        let report = check_public(&[file.as_str()]);
        let object = report
            .objects
            .first()
            .unwrap_or_else(|| panic!("{file}: nothing read"));
        assert_eq!(object.pubkey_md5.as_deref(), Some(md5.as_str()), "{file}");
    }
}

#[test]
fn encrypted_keys_need_their_password() {
    let password = Some(b"correct horse".to_vec());
    for key in [
        "leaf-rsa2048.enc-pbkdf2.key",
        "leaf-p256.enc-scrypt.key",
        "leaf-p256.enc-aes128.key",
    ] {
        let cert = if key.starts_with("leaf-rsa2048") {
            "leaf-rsa2048.pem"
        } else {
            "leaf-p256.pem"
        };
        let locked = check(&[cert, key]);
        assert_eq!(
            find(&locked, "key_encrypted").map(|f| f.severity),
            Some(Severity::Warning),
            "{key}"
        );
        assert!(locked.objects[1].encryption.is_some());

        let opened = check_with(
            &[cert, key],
            Options {
                password: password.clone(),
                trust: vec![input("root.pem")],
                ..options()
            },
        );
        assert!(
            opened.key_matches.iter().any(|m| m.matches),
            "{key}: {:#?}",
            opened.findings
        );

        let wrong = check_with(
            &[cert, key],
            Options {
                password: Some(b"battery staple".to_vec()),
                ..options()
            },
        );
        assert_eq!(
            find(&wrong, "wrong_password").map(|f| f.severity),
            Some(Severity::Error),
            "{key}"
        );
    }
}

#[test]
fn a_key_pasted_twice_is_reported() {
    let report = check(&["key-twice.pem"]);
    assert!(has(&report, "key_duplicate"));
    assert!(!has(&check(&["leaf-rsa2048.key"]), "key_duplicate"));
}

// ---- expiry ------------------------------------------------------------------------------

#[test]
fn validity_is_judged_at_the_given_instant() {
    let with_chain = |leaf| check(&[leaf, "int2.pem", "int1.pem"]);
    assert!(!codes(&with_chain("leaf-rsa2048.pem")).iter().any(|c| [
        "expired",
        "not_yet_valid",
        "expiring_soon"
    ]
    .contains(c)));

    let expired = with_chain("leaf-expired.pem");
    assert_eq!(
        find(&expired, "expired").map(|f| (f.severity, f.objects.clone())),
        Some((Severity::Error, vec![0]))
    );

    let future = with_chain("leaf-notyet.pem");
    assert_eq!(
        find(&future, "not_yet_valid").map(|f| f.severity),
        Some(Severity::Error)
    );

    let soon = with_chain("leaf-expiring.pem");
    let warning = find(&soon, "expiring_soon").expect("expiring_soon");
    assert_eq!(warning.severity, Severity::Warning);
    assert!(
        warning.message.contains("in 14 days"),
        "{}",
        warning.message
    );
}

#[test]
fn an_expired_intermediate_breaks_the_chain() {
    // int2 expires 2028-01-01: check at 2028-06-01.
    let options = Options {
        at: 1_843_430_400,
        trust: vec![input("root.pem")],
        ..Options::default()
    };
    let report = check_with(&["fullchain.pem"], options);
    let expired: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.code == "expired")
        .flat_map(|f| f.objects.clone())
        .collect();
    assert!(expired.contains(&1), "{expired:?}");
}

#[test]
fn validity_caps_follow_the_cab_forum_schedule() {
    use certlens::checks::expiry::validity_cap as expiry_cap;
    let day = 86_400;
    assert_eq!(expiry_cap(1_773_532_800 - day), Some(("2020-09-01", 398)));
    assert_eq!(expiry_cap(1_773_532_800), Some(("2026-03-15", 200)));
    assert_eq!(expiry_cap(1_805_068_800), Some(("2027-03-15", 100)));
    assert_eq!(expiry_cap(1_868_227_200), Some(("2029-03-15", 47)));
    assert_eq!(expiry_cap(1_500_000_000), None);
    // Not publicly trusted: a 365-day private certificate is not held to the cap.
    let report = check(&["leaf-long.pem", "int2.pem", "int1.pem"]);
    assert!(!has(&report, "validity_too_long"));
}

// ---- domain ------------------------------------------------------------------------------

fn hosts(files: &[&str], hosts: &[&str]) -> certlens::Report {
    let options = Options {
        hosts: hosts.iter().map(|h| h.to_string()).collect(),
        trust: vec![input("root.pem")],
        ..options()
    };
    check_with(files, options)
}

#[test]
fn a_wildcard_covers_one_label_and_never_the_apex() {
    let report = hosts(
        &["leaf-p256.pem", "int2.pem", "int1.pem"],
        &[
            "www.example.com",
            "WWW.Example.COM.",
            "example.com",
            "a.b.example.com",
        ],
    );
    let coverage: Vec<(bool, Option<&str>)> = report
        .hosts
        .iter()
        .map(|h| (h.covered, h.matched_by.as_deref()))
        .collect();
    assert_eq!(
        coverage,
        vec![
            (true, Some("*.example.com")),
            (true, Some("*.example.com")),
            (false, None),
            (false, None),
        ]
    );
    let misses: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.code == "host_not_covered")
        .collect();
    assert_eq!(misses.len(), 2);
    assert!(
        misses[0].message.contains("never covers the bare domain"),
        "{}",
        misses[0].message
    );
    assert!(
        misses[1].message.contains("one level only"),
        "{}",
        misses[1].message
    );
}

#[test]
fn exact_names_ip_addresses_and_idn() {
    let report = hosts(
        &["leaf-rsa2048.pem", "int2.pem", "int1.pem"],
        &["www.example.com", "example.com", "mail.example.com"],
    );
    assert_eq!(
        report.hosts.iter().map(|h| h.covered).collect::<Vec<_>>(),
        vec![true, true, false]
    );

    let report = hosts(
        &["leaf-ip.pem", "int2.pem", "int1.pem"],
        &["192.0.2.10", "2001:db8::1", "ip.example.com", "192.0.2.11"],
    );
    assert_eq!(
        report.hosts.iter().map(|h| h.covered).collect::<Vec<_>>(),
        vec![true, true, true, false]
    );

    let report = hosts(
        &["leaf-idn.pem", "int2.pem", "int1.pem"],
        &["bücher.example", "xn--bcher-kva.example", "bucher.example"],
    );
    assert_eq!(
        report.hosts.iter().map(|h| h.covered).collect::<Vec<_>>(),
        vec![true, true, false]
    );
}

#[test]
fn the_common_name_alone_covers_nothing() {
    let report = hosts(
        &["leaf-cn-only.pem", "int2.pem", "int1.pem"],
        &["cnonly.example.com"],
    );
    assert!(!report.hosts[0].covered);
    assert!(has(&report, "no_san"));
    assert!(find(&report, "host_not_covered")
        .unwrap()
        .message
        .contains("Common Name"));
    assert!(!has(&check(&["leaf-rsa2048.pem"]), "no_san"));
}

#[test]
fn unusable_wildcards_are_pointed_out() {
    let report = check(&["leaf-badwild.pem", "int2.pem", "int1.pem"]);
    let bad: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.code == "bad_wildcard")
        .map(|f| f.message.clone())
        .collect();
    assert_eq!(bad.len(), 4, "{bad:#?}");
    assert!(
        bad.iter()
            .any(|m| m.contains("*.co.uk") && m.contains("co.uk is a public suffix")),
        "{bad:#?}"
    );
    assert!(!has(&check(&["leaf-p256.pem"]), "bad_wildcard"));
}

#[test]
fn an_invalid_host_is_reported_not_crashed_on() {
    let report = hosts(&["leaf-rsa2048.pem"], &["https://www.example.com/path"]);
    assert_eq!(
        find(&report, "invalid_host").map(|f| f.severity),
        Some(Severity::Error)
    );
}

// ---- strength and usage ------------------------------------------------------------------

#[test]
fn weak_keys_and_signatures_are_errors() {
    let report = check(&["leaf-rsa1024.pem", "int2.pem", "int1.pem"]);
    assert_eq!(
        find(&report, "weak_key").map(|f| f.objects.clone()),
        Some(vec![0])
    );
    let report = check(&["leaf-sha1.pem", "int2.pem", "int1.pem"]);
    assert_eq!(
        find(&report, "weak_signature").map(|f| f.objects.clone()),
        Some(vec![0])
    );
    assert!(
        report.chain.complete,
        "SHA-1 signatures still verify; they are flagged, not dropped"
    );
    let report = check(&["fullchain.pem"]);
    assert!(!has(&report, "weak_key") && !has(&report, "weak_signature"));
}

#[test]
fn usage_leaf_ca_and_client_only_leaves() {
    let report = check(&["leaf-ca.pem", "int2.pem", "int1.pem"]);
    assert_eq!(
        find(&report, "leaf_is_ca").map(|f| f.severity),
        Some(Severity::Error)
    );
    let report = check(&["leaf-clientauth.pem", "int2.pem", "int1.pem"]);
    assert_eq!(
        find(&report, "no_server_auth").map(|f| f.severity),
        Some(Severity::Error)
    );
    let report = check(&["fullchain.pem"]);
    assert!(!has(&report, "leaf_is_ca") && !has(&report, "no_server_auth"));
}

// ---- CSRs --------------------------------------------------------------------------------

#[test]
fn csrs_are_read_and_their_signature_checked() {
    let report = check(&["csr-rsa2048.pem", "leaf-rsa2048.key"]);
    let csr = &report.objects[0];
    assert_eq!(csr.subject.as_deref(), Some("CN=www.example.com"));
    assert_eq!(
        csr.dns_names.as_deref(),
        Some(&["www.example.com".to_string(), "example.com".to_string()][..])
    );
    assert!(report.key_matches.iter().any(|m| m.matches));
    assert!(has(&report, "csr_only"));
    assert!(!has(&report, "csr_signature_invalid"));

    let report = check(&["csr-badsig.pem"]);
    assert_eq!(
        find(&report, "csr_signature_invalid").map(|f| f.severity),
        Some(Severity::Error)
    );
    assert_eq!(report.objects[0].kind, certlens::report::ObjectKind::Csr);
}

#[test]
fn a_csr_labelled_as_a_certificate_is_an_error() {
    let csr = String::from_utf8(fixture("csr-rsa2048.pem"))
        .unwrap()
        .replace("CERTIFICATE REQUEST", "CERTIFICATE");
    let report = certlens::inspect(&[certlens::Input::new("cert.pem", csr)], &options());
    assert_eq!(
        find(&report, "csr_not_certificate").map(|f| f.severity),
        Some(Severity::Error)
    );
}

// ---- parsed fields against openssl ---------------------------------------------------------

#[test]
fn fields_match_openssl() {
    let fingerprints = expected_tsv("sha256-fingerprint.tsv");
    for (file, fingerprint) in fingerprints.iter().filter(|(f, _)| f.ends_with(".pem")) {
        let report = check_public(&[file.as_str()]);
        assert_eq!(
            report.objects[0].sha256_fingerprint.as_deref(),
            Some(fingerprint.as_str()),
            "{file}"
        );
    }
    let text = String::from_utf8(fixture("expected/fields.tsv")).unwrap();
    for line in text.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [file, serial, subject, issuer, not_before, not_after] = cols[..] else {
            panic!("{line}")
        };
        let report = check_public(&[file]);
        let o = &report.objects[0];
        assert_eq!(
            o.serial
                .as_deref()
                .map(|s| s.replace(':', "").to_uppercase()),
            Some(serial.to_string()),
            "{file}"
        );
        // openssl prints RFC 2253 (reversed); certlens prints the DER order.
        let reversed = |s: &str| s.split(',').rev().collect::<Vec<_>>().join(", ");
        assert_eq!(
            o.subject.as_deref(),
            Some(reversed(subject).as_str()),
            "{file}"
        );
        assert_eq!(
            o.issuer.as_deref(),
            Some(reversed(issuer).as_str()),
            "{file}"
        );
        let iso = |s: &str| s.replace(' ', "T");
        assert_eq!(
            o.not_before.as_deref(),
            Some(iso(not_before).as_str()),
            "{file}"
        );
        assert_eq!(
            o.not_after.as_deref(),
            Some(iso(not_after).as_str()),
            "{file}"
        );
    }
}

#[test]
fn summary_matches_openssl_x509_text() {
    for name in [
        "root",
        "int1",
        "int2",
        "leaf-rsa2048",
        "leaf-p256",
        "leaf-ed25519",
        "leaf-ip",
        "leaf-pss",
    ] {
        let text = String::from_utf8(fixture(&format!("expected/x509-text/{name}.txt"))).unwrap();
        let report = check_public(&[&format!("{name}.pem")]);
        let o = &report.objects[0];
        let after = |label: &str| {
            text.lines()
                .find_map(|l| l.trim().strip_prefix(label).map(|v| v.trim().to_string()))
        };
        assert_eq!(
            o.signature_algorithm,
            after("Signature Algorithm:"),
            "{name}"
        );
        let bits = after("Public-Key:")
            .map(|v| v.trim_matches(|c| c == '(' || c == ')').replace(" bit", ""));
        match bits {
            Some(bits) => assert_eq!(
                o.key.as_ref().map(|k| k.bits.to_string()),
                Some(bits),
                "{name}"
            ),
            None => assert!(
                text.contains("ED25519 Public-Key") && o.key.as_ref().unwrap().bits == 256,
                "{name}"
            ),
        }
        let lines: Vec<&str> = text.lines().collect();
        // openssl writes IPv6 uncompressed and uppercase: compare addresses, not spellings.
        let normalise = |entry: &str| match entry.strip_prefix("IP Address:") {
            Some(ip) => format!("IP:{}", ip.parse::<std::net::IpAddr>().unwrap()),
            None => entry.to_string(),
        };
        let theirs: Vec<String> = lines
            .iter()
            .position(|l| l.contains("Subject Alternative Name"))
            .map(|i| lines[i + 1].trim().split(", ").map(normalise).collect())
            .unwrap_or_default();
        let ours: Vec<String> = o
            .dns_names
            .iter()
            .flatten()
            .map(|d| format!("DNS:{d}"))
            .chain(o.ip_addresses.iter().flatten().map(|ip| format!("IP:{ip}")))
            .collect();
        assert_eq!(theirs, ours, "{name}");
        let ca = text.contains("CA:TRUE");
        assert_eq!(o.is_ca, Some(ca), "{name}");
    }
}

#[test]
fn an_invalid_certificate_on_no_chain_is_a_warning() {
    // int1 belongs to no chain once int2 is missing; in 2031 it has expired.
    let options = Options {
        at: 1_924_992_000,
        ..options()
    };
    let report = check_with(&["missing-intermediate.pem"], options);
    let finding = find(&report, "extra_certificate_invalid").expect("extra_certificate_invalid");
    assert_eq!(
        (finding.severity, finding.objects.clone()),
        (Severity::Warning, vec![1])
    );
    assert!(!has(
        &check(&["missing-intermediate.pem"]),
        "extra_certificate_invalid"
    ));
}

// ---- the checks option -------------------------------------------------------------------

/// Only the families asked for, whichever stage made the finding: a damaged `--trust` file
/// (a trust finding made while the trust store is built) does not reach a key-match report.
#[test]
fn the_checks_option_filters_every_finding() {
    let files = ["leaf-rsa2048.pem", "leaf-rsa2048.key"];
    let damaged_trust = vec![Input::new(
        "roots.pem",
        "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n",
    )];
    let all = check_with(
        &files,
        Options {
            trust: damaged_trust.clone(),
            ..options()
        },
    );
    assert!(has(&all, "trust_unreadable"), "{:?}", codes(&all));
    let key_match_only = check_with(
        &files,
        Options {
            trust: damaged_trust,
            checks: vec![certlens::Family::KeyMatch],
            ..options()
        },
    );
    let families: Vec<_> = key_match_only.findings.iter().map(|f| f.check).collect();
    assert!(
        families.iter().all(|&f| f == certlens::Family::KeyMatch),
        "{:?}",
        codes(&key_match_only)
    );
    assert!(
        has(&key_match_only, "key_matches"),
        "{:?}",
        codes(&key_match_only)
    );
    assert_eq!(key_match_only.summary.errors, 0);
}

// ---- every path problem is reported ------------------------------------------------------

/// Whatever chain building finds wrong with a path, some check reports with the code
/// `PathProblem::code` names: on every fixture, alone and with the test intermediates, each
/// problem of each chain has its finding in the report.
#[test]
fn every_path_problem_reaches_the_report() {
    use certlens::chain;
    use certlens::model::{Certificate, Model};
    use certlens::trust_store::TrustStore;
    use certlens::Data;

    let root = Certificate::parse(&fixture("root.der")).unwrap();
    let store = TrustStore::given(vec![("root.pem".into(), root)]);
    let password = b"correct horse".to_vec();
    let mut seen: std::collections::BTreeSet<&'static str> = Default::default();
    let names: Vec<String> = std::fs::read_dir(fixture_path(""))
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| !n.ends_with(".sh") && !n.ends_with(".md") && !n.ends_with(".txt"))
        .filter(|n| fixture_path(n).is_file())
        .collect();
    for name in &names {
        for files in [
            vec![name.as_str()],
            vec![name.as_str(), "int2.pem", "int1.pem"],
        ] {
            let inputs: Vec<Input> = files.iter().map(|f| input(f)).collect();
            let model = Model::build(&inputs, Some(&password));
            let chains = chain::build(&model, &store, AT);
            let report = certlens::inspect(
                &inputs,
                &Options {
                    trust: vec![input("root.pem")],
                    intermediates: Data::Unavailable,
                    password: Some(password.clone()),
                    ..options()
                },
            );
            for chain in &chains.chains {
                for problem in &chain.problems {
                    let code = problem.code(chain.leaf);
                    seen.insert(code);
                    assert!(
                        has(&report, code) || has(&report, "more_findings"),
                        "{files:?}: {problem:?} is reported by no `{code}` finding: {:?}",
                        codes(&report)
                    );
                }
            }
        }
    }
    // The fixtures reach six kinds (expired, not yet valid, CA as leaf, no serverAuth, weak
    // key, weak signature): the test has something to prove.
    assert!(seen.len() >= 6, "{seen:?}");
}

/// With several server certificates and no key, the one judged against --host is the one
/// that covers it, whichever file or block came first.
#[test]
fn with_several_leaves_the_host_is_judged_on_the_one_that_covers_it() {
    let (www, wildcard) = {
        let text = String::from_utf8(fixture("two-leaves.pem")).unwrap();
        let blocks: Vec<String> = text
            .split_inclusive("-----END CERTIFICATE-----\n")
            .map(str::to_string)
            .collect();
        (blocks[0].clone(), blocks[1].clone())
    };
    for order in [[&www, &wildcard], [&wildcard, &www]] {
        let inputs = vec![
            Input::new("a.pem", order[0].as_bytes().to_vec()),
            Input::new("b.pem", order[1].as_bytes().to_vec()),
            input("int2.pem"),
            input("int1.pem"),
        ];
        let options = Options {
            hosts: vec!["api.example.com".into()],
            trust: vec![input("root.pem")],
            ..options()
        };
        let report = certlens::inspect(&inputs, &options);
        assert!(has(&report, "host_covered"), "{:?}", codes(&report));
        assert!(!has(&report, "host_not_covered"), "{:?}", codes(&report));
    }
}
