//! Public trust on real chains: the root programs' history judged per client, roots never
//! taken for missing intermediates, public names on private roots, expired cross-signs, and
//! chains completed from the public intermediates. The chains are real certificates from
//! public test corpora (tests/fixtures/public/README.md), the data is data/*.der.

mod common;

use std::sync::Arc;

use certlens::public_intermediates::PublicIntermediates;
use certlens::report::{ChainReport, Report};
use certlens::root_programs::{Client, ClientTrust, RootPrograms, Status};
use certlens::{inspect, Data, Input, Options, Severity};
use common::*;

fn public(name: &str) -> Input {
    input(&format!("public/{name}"))
}

/// Inspects real files at an instant given as RFC 3339.
fn at(files: &[&str], instant: &str) -> Report {
    let options = Options {
        at: certlens::instant::parse_rfc3339(instant).unwrap(),
        ..Options::default()
    };
    let inputs: Vec<Input> = files.iter().map(|f| public(f)).collect();
    inspect(&inputs, &options)
}

fn client(chain: &ChainReport, client: Client) -> &ClientTrust {
    chain
        .clients
        .iter()
        .find(|c| c.client == client)
        .unwrap_or_else(|| panic!("no verdict for {client:?}: {:#?}", chain.clients))
}

fn statuses(chain: &ChainReport) -> Vec<(Client, Status)> {
    chain.clients.iter().map(|c| (c.client, c.status)).collect()
}

// ---- the data itself ---------------------------------------------------------------------

#[test]
fn every_root_is_a_usable_anchor_and_every_intermediate_verifies() {
    let programs = RootPrograms::bundled().expect("root-programs.der reads");
    assert!(programs.roots.len() > 400, "{} roots", programs.roots.len());
    for root in &programs.roots {
        certlens::crypto::PublicKey::from_spki_der(&root.spki_der)
            .unwrap_or_else(|e| panic!("root {:02x?}: {e}", &root.sha256[..4]));
        assert!(root.trust.iter().any(|events| !events.is_empty()));
    }
    // Each intermediate's signature, checked by certlens's own code against a root of the
    // file or another intermediate: the generator checked them with pyca/cryptography.
    let pool = PublicIntermediates::bundled().expect("public-intermediates.der reads");
    assert!(pool.len() > 2_000, "{} intermediates", pool.len());
    let certs: Vec<certlens::model::Certificate> = (0..pool.len())
        .map(|i| certlens::model::Certificate::parse(pool.der(i)).expect("parses"))
        .collect();
    let mut issuers: std::collections::HashMap<&[u8], Vec<&[u8]>> = Default::default();
    for root in &programs.roots {
        issuers
            .entry(&root.subject_der)
            .or_default()
            .push(&root.spki_der);
    }
    for cert in &certs {
        issuers
            .entry(&cert.subject_der)
            .or_default()
            .push(&cert.spki_der);
    }
    let mut unverified = Vec::new();
    for cert in &certs {
        let candidates = issuers
            .get(cert.issuer_der.as_slice())
            .cloned()
            .unwrap_or_default();
        let verified = candidates.into_iter().any(|spki| {
            certlens::crypto::verify_signature(
                &cert.signature_algorithm,
                cert.tbs_bytes(),
                &cert.signature,
                spki,
            )
            .is_ok()
        });
        if !verified {
            unverified.push(cert.subject.clone());
        }
    }
    assert!(unverified.is_empty(), "not verified: {unverified:#?}");
}

#[test]
fn the_history_says_what_the_sources_say() {
    // DigiCert Global Root CA: Chrome dropped it in v31 (2026-04-15), Mozilla turned its
    // websites trust off in NSS 3.123 (2026-04-16); Apple, Windows, Android and Java keep it.
    let report = at(&["digicert-global-root-ca.pem"], "2026-12-07T00:00:00Z");
    let chain = &report.chain;
    let chrome = client(chain, Client::Chrome);
    assert_eq!(
        (
            chrome.status,
            chrome.version.as_deref(),
            chrome.date.as_deref()
        ),
        (Status::Removed, Some("v31"), Some("2026-04-15"))
    );
    let firefox = client(chain, Client::Firefox);
    assert_eq!(
        (
            firefox.status,
            firefox.version.as_deref(),
            firefox.date.as_deref()
        ),
        (
            Status::WebsitesTrustOff,
            Some("NSS 3.123"),
            Some("2026-04-16")
        )
    );
    for trusting in [
        Client::Apple,
        Client::Windows,
        Client::Android,
        Client::Java,
    ] {
        assert!(client(chain, trusting).trusted, "{trusting:?}");
    }
    // A month before, Chrome v30 and NSS 3.122 still trusted it.
    let report = at(&["digicert-global-root-ca.pem"], "2026-03-15T00:00:00Z");
    assert!(
        report.chain.clients.iter().all(|c| c.trusted),
        "{:?}",
        statuses(&report.chain)
    );
}

// ---- per client, at the instant judged -----------------------------------------------------

#[test]
fn a_digicert_chain_of_2021_was_trusted_everywhere_then_and_is_refused_by_two_browsers_now() {
    // revoked.badssl.com → RapidSSL TLS DV RSA Mixed SHA256 2020 CA-1 → DigiCert Global Root CA,
    // as badssl.com served it.
    let file = "badssl-revoked-rapidssl-chain-2021.pem";
    let then = at(&[file], "2021-12-01T00:00:00Z");
    assert_eq!(
        then.verdict,
        certlens::report::Verdict::Ok,
        "{:#?}",
        then.findings
    );
    assert!(then.chain.trusted && then.chain.complete);
    assert!(
        then.chain.clients.iter().all(|c| c.trusted),
        "{:?}",
        statuses(&then.chain)
    );
    // Chrome's data starts in 2026 and Java's with JDK 25.0.2: assumed, and said so.
    assert!(client(&then.chain, Client::Chrome).inferred);
    assert!(!client(&then.chain, Client::Firefox).inferred);
    let trusted = find(&then, "trusted").expect("trusted");
    assert!(
        trusted.message.contains("Android 4.4 and later"),
        "{}",
        trusted.message
    );
    assert!(!has(&then, "missing_intermediate"));

    let now = at(&[file], "2026-12-07T00:00:00Z");
    assert!(!now.chain.trusted);
    // The root is a root: never a missing intermediate.
    assert!(!has(&now, "missing_intermediate"), "{:?}", codes(&now));
    let finding = find(&now, "root_not_trusted").expect("root_not_trusted");
    assert_eq!(finding.severity, Severity::Error);
    assert_eq!(finding.variant, Some("reissue"));
    for expected in [
        "which Chrome and Firefox do not trust",
        "Chrome Root Store v31 (2026-04-15)",
        "NSS 3.123 (2026-04-16)",
        "still trust it",
    ] {
        assert!(
            finding.message.contains(expected),
            "{expected}: {}",
            finding.message
        );
    }
    assert!(finding.fix.as_deref().unwrap_or("").contains("DigiCert"));
}

#[test]
fn a_root_first_in_a_file_is_judged_not_reported_missing() {
    // The case: an intermediate whose issuer is a root some programs dropped.
    let report = at(
        &["digicert-sha2-secure-server-ca-2013.pem"],
        "2026-12-07T00:00:00Z",
    );
    assert!(
        !has(&report, "missing_intermediate"),
        "{:?}",
        codes(&report)
    );
    assert_eq!(
        report.chain.anchor.as_deref(),
        Some("DigiCert Global Root CA")
    );
    assert!(has(&report, "root_not_trusted"));
    // A CA is no subscriber certificate: the CA/B validity caps are not for it.
    assert!(!has(&report, "validity_too_long"));
}

#[test]
fn android_versions_follow_the_cross_sign_that_old_phones_use() {
    // lencr.org → R3 → ISRG Root X1 cross-signed by DST Root CA X3: Android before 7.1 has no
    // ISRG Root X1 but reaches DST Root CA X3, whose expiry (2021-09-30) it ignores.
    let file = "letsencrypt-r3-lencr-chain-2023.pem";
    let report = at(&[file], "2023-12-01T00:00:00Z");
    let android = client(&report.chain, Client::Android);
    assert!(android.trusted);
    let versions = android.versions.clone().unwrap_or_default();
    assert_eq!(
        versions.first().map(String::as_str),
        Some("4.4"),
        "{versions:?}"
    );
    assert!(!has(&report, "expired_cross_sign"));

    // After the cross-sign expired (2024-09-30): Android 7.1 and later, and a warning.
    let report = at(&[file], "2024-10-15T00:00:00Z");
    let android = client(&report.chain, Client::Android);
    let versions = android.versions.clone().unwrap_or_default();
    assert_eq!(
        versions.first().map(String::as_str),
        Some("7.1"),
        "{versions:?}"
    );
    let warning = find(&report, "expired_cross_sign").expect("expired_cross_sign");
    assert_eq!(warning.severity, Severity::Warning);
    assert!(
        warning.message.contains("DST Root CA X3"),
        "{}",
        warning.message
    );
    // The corrected chain leaves the expired cross-sign out.
    let fullchain = report.fullchain_pem.unwrap_or_default();
    assert_eq!(fullchain.matches("BEGIN CERTIFICATE").count(), 2);
}

#[test]
fn before_a_programs_data_starts_a_root_it_does_not_list_is_unknown_not_refused() {
    // rapidssl → GeoTrust Global CA in 2016: Firefox, Safari, Windows (assumed) and Android
    // trusted it; Chrome's and Java's data start in 2026 without it.
    let report = at(
        &["rapidssl-g3-cryptography-io-chain-2014.pem"],
        "2016-10-30T00:00:00Z",
    );
    assert_eq!(
        client(&report.chain, Client::Chrome).status,
        Status::Unknown
    );
    assert_eq!(client(&report.chain, Client::Java).status, Status::Unknown);
    assert!(client(&report.chain, Client::Firefox).trusted);
    assert!(report.chain.trusted);
    let trusted = find(&report, "trusted").expect("trusted");
    assert!(
        trusted.message.contains("no data on Chrome and Java"),
        "{}",
        trusted.message
    );
}

#[test]
fn a_cross_sign_certlens_has_is_named_for_the_clients_it_would_add() {
    // lencr.org → E6 → ISRG Root X2, without the X2 cross-sign the site served: Android has
    // X2 from 14 on; 7.1-13 reach it through ISRG Root X2 cross-signed by ISRG Root X1, which
    // certlens has.
    let chain = fixture("public/letsencrypt-e6-x2cross-lencr-chain-2024.pem");
    let text = String::from_utf8(chain).unwrap();
    let two: String = text
        .split_inclusive("-----END CERTIFICATE-----\n")
        .take(2)
        .collect();
    let options = Options {
        at: certlens::instant::parse_rfc3339("2026-05-01T00:00:00Z").unwrap(),
        ..Options::default()
    };
    let report = inspect(&[Input::new("e6.pem", two)], &options);
    assert_eq!(report.chain.anchor.as_deref(), Some("ISRG Root X2"));
    let android = client(&report.chain, Client::Android);
    assert!(android.trusted);
    assert_eq!(
        android
            .versions
            .as_ref()
            .unwrap()
            .first()
            .map(String::as_str),
        Some("14")
    );
    let cross = android
        .cross_sign
        .as_ref()
        .expect("a cross-sign for older Android");
    assert_eq!(
        (cross.name.as_str(), cross.issuer.as_str()),
        ("ISRG Root X2", "ISRG Root X1")
    );
    assert_eq!(
        cross.versions.as_ref().unwrap().first().map(String::as_str),
        Some("7.1")
    );
    let trusted = find(&report, "trusted").expect("trusted");
    assert!(
        trusted.message.contains("Android 7.1–13 would accept"),
        "{}",
        trusted.message
    );
    // Browsers have X2 and need nothing.
    assert!(client(&report.chain, Client::Chrome).cross_sign.is_none());
}

// ---- public names on private roots ---------------------------------------------------------

#[test]
fn the_self_signed_badssl_certificate_is_rejected() {
    let report = at(&["badssl-self-signed.pem"], "2017-01-01T00:00:00Z");
    let finding = find(&report, "not_publicly_trusted").expect("not_publicly_trusted");
    assert_eq!(finding.severity, Severity::Error);
    assert_eq!(finding.variant, Some("self_signed"));
    assert!(finding.message.contains("*.badssl.com"));
    assert_eq!(report.verdict, certlens::report::Verdict::Problems);
}

// ---- completion ----------------------------------------------------------------------------

#[test]
fn a_leaf_without_its_intermediate_is_completed_from_the_public_intermediates() {
    let report = at(&["letsencrypt-e8-leaf-2026.pem"], "2026-05-01T00:00:00Z");
    assert_eq!(report.chain.order, vec![0, 1]);
    assert_eq!(report.chain.added, vec![1]);
    assert!(report.chain.trusted && report.chain.complete);
    let added = &report.objects[1];
    assert!(added.added);
    assert_eq!(added.name.as_deref(), Some("E8"));
    assert_eq!(added.source.input, "certlens public intermediates");
    // Still an error: the server must send it. The finding names it and its data.
    let finding = find(&report, "missing_intermediate").expect("missing_intermediate");
    assert_eq!(
        (finding.severity, finding.variant),
        (Severity::Error, Some("added"))
    );
    assert!(
        finding.message.contains("certlens has it"),
        "{}",
        finding.message
    );
    assert!(finding
        .message
        .contains(&report.data.public_intermediates_date.clone().unwrap()));
    // The corrected fullchain has the leaf, then the added E8.
    let fullchain = report.fullchain_pem.clone().unwrap_or_default();
    assert_eq!(fullchain.matches("BEGIN CERTIFICATE").count(), 2);
    assert!(fullchain.ends_with(added.pem.as_deref().unwrap()));
    let android = client(&report.chain, Client::Android);
    assert_eq!(
        android
            .versions
            .as_ref()
            .and_then(|v| v.first())
            .map(String::as_str),
        Some("7.1")
    );
}

#[test]
fn completion_needs_the_data_and_says_when_it_is_missing() {
    let file = public("amazon-m04-aws-leaf-2025.pem");
    let at = certlens::instant::parse_rfc3339("2026-04-27T00:00:00Z").unwrap();
    let with = inspect(
        std::slice::from_ref(&file),
        &Options {
            at,
            ..Options::default()
        },
    );
    assert_eq!(with.chain.added.len(), 1, "{:?}", codes(&with));
    for (state, phrase) in [
        (Data::Loading, "still loading"),
        (Data::Unavailable, "could not be loaded"),
    ] {
        let options = Options {
            at,
            intermediates: state,
            ..Options::default()
        };
        let report = inspect(std::slice::from_ref(&file), &options);
        assert!(report.chain.added.is_empty());
        let finding = find(&report, "missing_intermediate").expect("missing_intermediate");
        assert!(finding.message.contains(phrase), "{}", finding.message);
        assert!(
            finding.message.contains("Amazon RSA 2048 M04"),
            "{}",
            finding.message
        );
    }
}

#[test]
fn completion_is_bounded() {
    // 300 certificates naming 30 different public intermediates as their issuer: at most
    // MAX_ADDED are added, and quickly.
    let pool = PublicIntermediates::bundled().unwrap();
    let mut names = std::collections::BTreeSet::new();
    for position in 0..pool.len() {
        let cert = certlens::model::Certificate::parse(pool.der(position)).unwrap();
        names.insert(cert.subject_der.clone());
        if names.len() == 30 {
            break;
        }
    }
    let leaf = pem::parse(fixture("public/letsencrypt-e8-leaf-2026.pem")).unwrap();
    let mut text = String::new();
    for (serial, issuer) in names.iter().cycle().take(300).enumerate() {
        let der = with_issuer(leaf.contents(), issuer, serial as u32 + 1);
        text.push_str(&certlens::report::pem_block("CERTIFICATE", &der));
    }
    let started = std::time::Instant::now();
    let report = inspect(&[Input::new("many.pem", text)], &options());
    let added = report.objects.iter().filter(|o| o.added).count();
    assert!(
        added <= certlens::chain::completion::MAX_ADDED,
        "{added} added"
    );
    eprintln!("300 certificates, {added} added, {:?}", started.elapsed());
}

/// A certificate's DER with another issuer name and serial (its signature no longer
/// verifies; the names are what completion looks at).
fn with_issuer(der: &[u8], issuer: &[u8], serial: u32) -> Vec<u8> {
    use certlens::tlv::{children, encode, read_tlv};
    let (cert, _) = read_tlv(der).unwrap();
    let parts = children(cert.value, 3).unwrap();
    let mut tbs: Vec<Vec<u8>> = children(parts[0].value, 16)
        .unwrap()
        .iter()
        .map(|part| part.raw.to_vec())
        .collect();
    // [0] version, serial, signature algorithm, issuer, ...
    tbs[1] = encode(0x02, &serial.to_be_bytes());
    tbs[3] = issuer.to_vec();
    let tbs = encode(0x30, &tbs.concat());
    encode(
        0x30,
        &[tbs, parts[1].raw.to_vec(), parts[2].raw.to_vec()].concat(),
    )
}

// ---- data files: dates and damage ----------------------------------------------------------

#[test]
fn a_verdict_long_after_the_data_says_so() {
    let report = at(&["isrg-root-x1.pem"], "2027-07-01T00:00:00Z");
    let finding = find(&report, "root_data_old").expect("root_data_old");
    assert_eq!(finding.severity, Severity::Warning);
    assert!(
        finding.message.contains("2026-12-07"),
        "{}",
        finding.message
    );
    let fresh = at(&["isrg-root-x1.pem"], "2027-01-01T00:00:00Z");
    assert!(!has(&fresh, "root_data_old"));
    assert_eq!(fresh.data.root_programs_date.as_deref(), Some("2026-12-07"));
    assert_eq!(fresh.data.programs.len(), 6);
}

#[test]
fn without_root_data_nothing_is_publicly_trusted_and_the_report_says_why() {
    let options = Options {
        at: certlens::instant::parse_rfc3339("2023-12-01T00:00:00Z").unwrap(),
        root_programs: Data::Unavailable,
        ..Options::default()
    };
    let report = inspect(&[public("letsencrypt-r3-lencr-chain-2023.pem")], &options);
    assert!(has(&report, "root_data_unavailable"));
    assert!(
        !has(&report, "missing_intermediate"),
        "{:?}",
        codes(&report)
    );
    assert!(!report.chain.trusted && report.chain.clients.is_empty());
}

#[test]
fn damaged_data_files_are_errors_naming_the_field_never_panics() {
    let roots = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/root-programs.der"
    ))
    .unwrap();
    let pool = std::fs::read(concat!(env!("OUT_DIR"), "/public-intermediates.der")).unwrap();
    assert!(RootPrograms::read(&roots[..roots.len() - 1]).is_err());
    assert!(PublicIntermediates::read(pool[..pool.len() - 1].to_vec()).is_err());
    // Every byte of the header and the first roots flipped in turn, and 300 more spread over
    // the file.
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    let mut positions: Vec<usize> = (0..1500.min(roots.len())).collect();
    for _ in 0..300 {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        positions.push((rng % roots.len() as u64) as usize);
    }
    let mut errors = 0;
    for position in positions {
        let mut damaged = roots.clone();
        damaged[position] ^= 0x5a;
        match RootPrograms::read(&damaged) {
            Ok(programs) if position % 16 == 0 => {
                // A flip inside a key or a name still reads; the data must still work.
                let options = Options {
                    at: AT,
                    root_programs: Data::Given(Arc::new(programs)),
                    ..Options::default()
                };
                let _ = inspect(&[public("isrg-root-x1.pem")], &options);
            }
            Ok(_) => {}
            Err(error) => {
                assert_eq!(error.file, "root-programs.der");
                assert!(!error.detail.is_empty());
                errors += 1;
            }
        }
    }
    assert!(errors > 50, "only {errors} damaged files were refused");
    let error = RootPrograms::read(b"\x30\x03\x0c\x01x").unwrap_err();
    assert_eq!(
        error.to_string(),
        "root-programs.der: format: \"x\", expected \"certlens-root-programs/1\""
    );
}

// ---- the CLI ----------------------------------------------------------------------------------

#[test]
fn version_and_text_report_name_the_data_and_the_clients() {
    let exe = env!("CARGO_BIN_EXE_certlens");
    let out = std::process::Command::new(exe)
        .arg("--version")
        .output()
        .unwrap();
    let version = String::from_utf8_lossy(&out.stdout);
    assert!(
        version.contains("root program data of 2026-12-07"),
        "{version}"
    );
    assert!(version.contains("public intermediates"), "{version}");

    let dir = scratch("completion-cli");
    let fullchain = dir.join("fullchain.pem");
    let out = std::process::Command::new(exe)
        .args([
            "check",
            "--lang",
            "en",
            "--at",
            "2026-05-01T00:00:00Z",
            "--fullchain",
        ])
        .arg(&fullchain)
        .arg(fixture_path("public/letsencrypt-e8-leaf-2026.pem"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("E8 [added by certlens]"), "{text}");
    assert!(text.contains("trust by client"), "{text}");
    assert!(
        text.contains("✓ trusted        Android trusts ISRG Root X1"),
        "{text}"
    );
    let written = std::fs::read_to_string(&fullchain).unwrap();
    assert_eq!(written.matches("BEGIN CERTIFICATE").count(), 2);
    // openssl agrees that the completed chain verifies to ISRG Root X1 at that date.
    if openssl_available() {
        std::fs::write(
            dir.join("leaf.pem"),
            fixture("public/letsencrypt-e8-leaf-2026.pem"),
        )
        .unwrap();
        run_openssl(
            &dir,
            &[
                "verify",
                "-attime",
                "1777593600",
                "-CAfile",
                fixture_path("public/isrg-root-x1.pem").to_str().unwrap(),
                "-untrusted",
                "fullchain.pem",
                "leaf.pem",
            ],
        );
    }
}
