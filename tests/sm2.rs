//! SM2 / ShangMi (国密) certificates and keys, on the fixtures made by
//! tests/fixtures/make-sm2-fixtures.sh: SM2-with-SM3 chain links (default distinguishing ID),
//! SM2 keys, key match, and the double certificate (signing + encryption).

mod common;

use certlens::crypto::{verify_signature, KeyAlgorithm, SignatureAlgorithm, VerifyError};
use certlens::finding::Arg;
use certlens::{Options, Report, Severity};
use common::*;
use x509_parser::prelude::{FromDer, X509Certificate};

fn check_sm2(files: &[&str]) -> Report {
    check_with(
        files,
        Options {
            trust: vec![input("sm2-ca.pem")],
            ..options()
        },
    )
}

fn der(name: &str) -> Vec<u8> {
    let pem = fixture(name);
    let (_, pem) = x509_parser::pem::parse_x509_pem(&pem).expect("PEM");
    pem.contents
}

fn object_params(report: &Report, code: &str, name: &str) -> Vec<usize> {
    report
        .findings
        .iter()
        .filter(|f| f.code == code)
        .flat_map(|f| f.params.iter())
        .filter(|(n, _)| *n == name)
        .filter_map(|(_, arg)| match arg {
            Arg::Object(o) => Some(o.id),
            _ => None,
        })
        .collect()
}

#[test]
fn an_sm2_chain_verifies_and_is_trusted() {
    let report = check_sm2(&["sm2-sign.pem", "sm2-ca.pem"]);
    assert!(errors(&report).is_empty(), "{:#?}", errors(&report));
    assert!(report.chain.complete && report.chain.trusted);
    assert!(has(&report, "trusted"));
    assert!(!has(&report, "signature_unchecked"));
    // Against the public roots the same chain is complete but not trusted.
    let public = check_public(&["sm2-sign.pem", "sm2-ca.pem"]);
    assert!(public.chain.complete && !public.chain.trusted);
    assert!(!has(&public, "signature_mismatch"));
}

#[test]
fn sm2_certificates_show_their_algorithms() {
    let report = check_sm2(&["sm2-sign.pem", "sm2-ca.pem"]);
    for object in &report.objects {
        assert_eq!(object.signature_algorithm.as_deref(), Some("SM2-with-SM3"));
        let key = object.key.as_ref().expect("key");
        assert_eq!(key.algorithm, KeyAlgorithm::Sm2);
        assert_eq!((key.bits, key.curve), (256, Some("SM2")));
    }
    // SM2 is not a weak or unknown key for the strength check.
    assert!(!has(&report, "weak_key"), "{:?}", codes(&report));
    let text = certlens::render_text(
        &report,
        certlens::TextStyle { color: false },
        &certlens::Catalogue::english(),
    );
    assert!(text.contains("SM2-with-SM3"), "{text}");
    assert!(
        text.contains("SM2 (256 bit)") && !text.contains("SM2 SM2"),
        "{text}"
    );
    let md5s = expected_tsv("sm2-pubkey-md5.tsv");
    let md5 = |file: &str| md5s.iter().find(|(f, _)| f == file).map(|(_, m)| m.clone());
    assert_eq!(report.objects[0].pubkey_md5, md5("sm2-sign.pem"));
    assert_eq!(report.objects[1].pubkey_md5, md5("sm2-ca.pem"));
}

#[test]
fn a_forged_sm2_leaf_is_a_signature_mismatch() {
    let report = check_sm2(&["sm2-leaf-forged.pem", "sm2-ca.pem"]);
    let finding = find(&report, "signature_mismatch").expect("signature_mismatch");
    assert_eq!(finding.severity, Severity::Error);
    assert!(!report.chain.trusted);
}

#[test]
fn another_distinguishing_id_does_not_verify() {
    let report = check_sm2(&["sm2-leaf-distid.pem", "sm2-ca.pem"]);
    assert!(has(&report, "signature_mismatch"), "{:?}", codes(&report));
    assert!(!report.chain.trusted);
}

#[test]
fn sm2_signatures_verify_and_bad_ones_fail_without_panicking() {
    let ca = der("sm2-ca.pem");
    let (_, ca_cert) = X509Certificate::from_der(&ca).expect("CA");
    let ca_spki = ca_cert.tbs_certificate.subject_pki.raw;
    let leaf = der("sm2-sign.pem");
    let (_, cert) = X509Certificate::from_der(&leaf).expect("leaf");
    let alg = SignatureAlgorithm::from_algorithm_identifier(&cert.signature_algorithm);
    assert_eq!(alg, SignatureAlgorithm::Sm2Sm3);
    let tbs = cert.tbs_certificate.as_ref();
    let sig = &cert.signature_value.data[..];
    assert_eq!(verify_signature(&alg, tbs, sig, ca_spki), Ok(()));
    // The leaf's own key did not sign it.
    let own = cert.tbs_certificate.subject_pki.raw;
    assert_eq!(
        verify_signature(&alg, tbs, sig, own),
        Err(VerifyError::BadSignature)
    );
    let mut tampered = tbs.to_vec();
    let middle = tampered.len() / 2;
    tampered[middle] ^= 1;
    assert_eq!(
        verify_signature(&alg, &tampered, sig, ca_spki),
        Err(VerifyError::BadSignature)
    );
    // Malformed signatures: empty, not DER, trailing bytes, r of 33 significant bytes, zero.
    let big = [
        &[0x30, 0x27, 0x02, 0x21, 0x01][..],
        &[0xff; 32],
        &[0x02, 0x02, 0x00, 0x01],
    ]
    .concat();
    let zero = [0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00];
    let trailing = [sig, &[0]].concat();
    for bad in [&[][..], &[0x30, 0x80], &trailing, &big, &zero, &[0xff; 72]] {
        assert_eq!(
            verify_signature(&alg, tbs, bad, ca_spki),
            Err(VerifyError::BadSignature),
            "{bad:02x?}"
        );
    }
    // An SM2 signature with a P-256 key, and ECDSA with an SM2 key.
    let p256 = der("leaf-p256.pem");
    let (_, p256) = X509Certificate::from_der(&p256).expect("P-256 leaf");
    assert_eq!(
        verify_signature(&alg, tbs, sig, p256.tbs_certificate.subject_pki.raw),
        Err(VerifyError::AlgorithmKeyMismatch)
    );
    let ecdsa = SignatureAlgorithm::Ecdsa {
        hash: certlens::crypto::Hash::Sha256,
    };
    assert!(verify_signature(&ecdsa, tbs, sig, ca_spki).is_err());
}

#[test]
fn sm2_keys_match_their_certificates() {
    let md5s = expected_tsv("sm2-pubkey-md5.tsv");
    for key in ["sm2-sign.key", "sm2-sign.sec1.key"] {
        let report = check_sm2(&["sm2-sign.pem", key]);
        let finding = find(&report, "key_matches").expect("key_matches");
        let md5 = md5s.iter().find(|(f, _)| f == key).map(|(_, m)| m.as_str());
        assert!(md5.is_some_and(|m| finding.message.contains(m)), "{key}");
        assert_eq!(report.objects[1].pubkey_md5.as_deref(), md5, "{key}");
        assert!(errors(&report).is_empty(), "{key}: {:#?}", errors(&report));
        // OpenSSL 3 labels SEC1 SM2 keys "SM2 PRIVATE KEY": no wrong_label for that.
        assert!(!has(&report, "wrong_label"), "{key}");
    }
    let report = check_sm2(&["sm2-sign.pem", "sm2-enc.key"]);
    assert!(has(&report, "key_mismatch"));
    assert!(!has(&report, "key_matches"));
}

#[test]
fn the_double_certificate_is_recognised() {
    let report = check_sm2(&["sm2-double.pem", "sm2-enc.key", "sm2-sign.key"]);
    assert!(errors(&report).is_empty(), "{:#?}", errors(&report));
    let finding = find(&report, "sm2_double_certificate").expect("sm2_double_certificate");
    assert_eq!(finding.severity, Severity::Info);
    // sm2-double.pem: signing (0), encryption (1), CA (2); then the keys (3: enc, 4: sign).
    assert_eq!(
        object_params(&report, "sm2_double_certificate", "sign"),
        [0]
    );
    assert_eq!(object_params(&report, "sm2_double_certificate", "enc"), [1]);
    assert_eq!(
        object_params(&report, "sm2_double_certificate", "sign_key"),
        [4]
    );
    assert_eq!(
        object_params(&report, "sm2_double_certificate", "enc_key"),
        [3]
    );
    assert!(
        finding
            .message
            .contains("sm2-sign.key block 1 belongs to the signing certificate"),
        "{}",
        finding.message
    );
    // One served certificate with its companion, not two competing ones.
    for code in [
        "several_leaves",
        "leaf_not_first",
        "intermediates_out_of_order",
    ] {
        assert!(!has(&report, code), "{code}: {:?}", codes(&report));
    }

    let zh = check_with(
        &["sm2-double.pem", "sm2-sign.key"],
        Options {
            trust: vec![input("sm2-ca.pem")],
            catalogue: certlens::Catalogue::builtin("zh").expect("zh"),
            ..options()
        },
    );
    let finding = find(&zh, "sm2_double_certificate").expect("zh");
    assert!(finding.message.contains("签名证书") && finding.message.contains("加密证书"));
    assert!(
        finding.message.contains("没有给出加密证书的私钥"),
        "{}",
        finding.message
    );

    // Given as two files, without keys, the encryption certificate first.
    let report = check_sm2(&["sm2-enc.pem", "sm2-sign.pem"]);
    assert_eq!(
        object_params(&report, "sm2_double_certificate", "sign"),
        [1]
    );
    assert_eq!(object_params(&report, "sm2_double_certificate", "enc"), [0]);
    assert!(find(&report, "sm2_double_certificate")
        .is_some_and(|f| f.message.contains("No private key given belongs to either")));
}

#[test]
fn two_signing_certificates_are_no_double_certificate() {
    // Same subject, both for signing: still two server certificates in one file.
    let report = check_sm2(&["sm2-sign.pem", "sm2-leaf-forged.pem"]);
    assert!(!has(&report, "sm2_double_certificate"));
    // The double certificate beside a third leaf in one file: several_leaves stays.
    let three = [
        fixture("sm2-sign.pem"),
        fixture("sm2-enc.pem"),
        fixture("sm2-leaf-distid.pem"),
    ]
    .concat();
    let report = certlens::inspect(
        &[certlens::Input::new("three.pem", three)],
        &Options {
            trust: vec![input("sm2-ca.pem")],
            ..options()
        },
    );
    assert!(has(&report, "sm2_double_certificate"));
    assert!(has(&report, "several_leaves"));
}
