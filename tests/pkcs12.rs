//! PKCS#12 (.pfx/.p12): the files `make-pkcs12-fixtures.sh` made with OpenSSL in each of its
//! modes read with and without their password, BER encodings, damaged and hostile files;
//! and the PFX files `certlens convert --to pfx` writes, read back by certlens and openssl.

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use certlens::convert::{convert, ConvertErrorKind, Options as ConvertOptions, Target};
use certlens::input::Content;
use certlens::report::ObjectKind;
use certlens::{inspect, Input, Options, Report, Severity};
use common::{
    codes, expected_tsv, find, fixture, fixture_path, input, openssl_available, run_openssl,
    scratch, AT,
};

const PASSWORD: &[u8] = b"correct horse";

fn check(inputs: Vec<Input>, password: Option<&[u8]>) -> Report {
    let options = Options {
        at: AT,
        password: password.map(<[u8]>::to_vec),
        trust: vec![input("root.pem")],
        ..Options::default()
    };
    inspect(&inputs, &options)
}

fn check_pfx(name: &str, password: Option<&[u8]>) -> Report {
    check(vec![input(name)], password)
}

fn kinds(report: &Report) -> Vec<ObjectKind> {
    report.objects.iter().map(|o| o.kind).collect()
}

fn md5_of(file: &str) -> String {
    expected_tsv("pubkey-md5.tsv")
        .into_iter()
        .find(|(f, _)| f == file)
        .unwrap_or_else(|| panic!("no md5 for {file}"))
        .1
}

fn protection(report: &Report) -> String {
    let finding = find(report, "pkcs12_contents").expect("pkcs12_contents");
    assert_eq!(finding.severity, Severity::Info);
    finding.message.clone()
}

/// Certificates (leaf first) and the key's public key md5, as the report shows them.
fn contents(report: &Report) -> (Vec<String>, Vec<Option<String>>) {
    let certs = report
        .objects
        .iter()
        .filter(|o| o.kind == ObjectKind::Certificate)
        .map(|o| o.sha256_fingerprint.clone().unwrap())
        .collect();
    let keys = report
        .objects
        .iter()
        .filter(|o| o.kind == ObjectKind::PrivateKey)
        .map(|o| o.pubkey_md5.clone())
        .collect();
    (certs, keys)
}

// --- reading ------------------------------------------------------------------------------

/// Each OpenSSL mode gives the leaf, its two intermediates and its key, which every check
/// then treats as it treats the same PEM files.
#[test]
fn every_openssl_mode_opens_with_its_password() {
    let pem = check(
        vec![
            input("leaf-rsa2048.pem"),
            input("int2.pem"),
            input("int1.pem"),
            input("leaf-rsa2048.key"),
        ],
        None,
    );
    let cases = [
        ("pkcs12-modern.p12", "PBES2 (PBKDF2-HMAC-SHA256, 2048 iterations, AES-256-CBC); MAC HMAC-SHA256 (2048 iterations)"),
        ("pkcs12-legacy-rc2.p12", "PKCS#12 PBE (pbeWithSHA1And40BitRC2-CBC, 2048 iterations); PKCS#12 PBE (pbeWithSHA1And3-KeyTripleDES-CBC, 2048 iterations); MAC HMAC-SHA1 (2048 iterations)"),
        ("pkcs12-tdes.p12", "PKCS#12 PBE (pbeWithSHA1And3-KeyTripleDES-CBC, 2048 iterations); MAC HMAC-SHA1 (2048 iterations)"),
        ("pkcs12-plain-certs.p12", "PBES2 (PBKDF2-HMAC-SHA256, 2048 iterations, AES-256-CBC); MAC HMAC-SHA256"),
        ("pkcs12-nomac.p12", "AES-256-CBC); no MAC"),
    ];
    for (name, scheme) in cases {
        let report = check_pfx(name, Some(PASSWORD));
        assert!(
            protection(&report).contains(scheme),
            "{name}: {}",
            protection(&report)
        );
        assert!(protection(&report).contains("certificates: 3, private keys: 1"));
        assert_eq!(
            kinds(&report),
            [
                ObjectKind::Certificate,
                ObjectKind::Certificate,
                ObjectKind::Certificate,
                ObjectKind::PrivateKey
            ],
            "{name}"
        );
        assert_eq!(contents(&report), contents(&pem), "{name}");
        assert_eq!(
            report.objects[3].pubkey_md5.as_deref(),
            Some(md5_of("leaf-rsa2048.key").as_str())
        );
        assert!(report.objects[3].encryption.is_some(), "{name}");
        assert!(report.chain.complete && report.chain.trusted, "{name}");
        assert_eq!(report.chain.order, [0, 1, 2], "{name}");
        // The same findings as the PEM files, besides the one describing the PFX.
        let mut found = codes(&report);
        found.retain(|c| *c != "pkcs12_contents");
        assert_eq!(found, codes(&pem), "{name}");
        assert!(found.contains(&"key_matches"));
        for object in &report.objects {
            assert_eq!(object.source.input, name);
        }
        let members: Vec<_> = report.objects.iter().map(|o| o.source.member).collect();
        assert_eq!(members, [Some(0), Some(1), Some(2), Some(3)]);
    }
}

#[test]
fn a_wrong_password_is_named() {
    let report = check_pfx("pkcs12-modern.p12", Some(b"battery staple"));
    let finding = find(&report, "wrong_password").expect("wrong_password");
    assert_eq!(finding.variant, Some("pkcs12"));
    assert_eq!(finding.severity, Severity::Error);
    assert!(
        finding.message.contains("integrity check (MAC)"),
        "{}",
        finding.message
    );
    // The certificates are encrypted too: only the locked key is listed.
    assert_eq!(kinds(&report), [ObjectKind::PrivateKey]);
    assert_eq!(report.objects[0].pubkey_md5, None);
}

#[test]
fn a_protected_file_without_password_asks_for_it() {
    for name in [
        "pkcs12-modern.p12",
        "pkcs12-legacy-rc2.p12",
        "pkcs12-certs-only.p12",
    ] {
        let report = check_pfx(name, None);
        let finding = find(&report, "key_encrypted").expect("key_encrypted");
        assert_eq!(finding.variant, Some("pkcs12"), "{name}");
        assert_eq!(finding.severity, Severity::Error, "{name}");
        assert!(find(&report, "wrong_password").is_none());
        assert!(!report.objects.is_empty(), "{name}: the file is listed");
    }
    // Nothing readable in it: listed as what it is.
    let report = check_pfx("pkcs12-certs-only.p12", None);
    assert_eq!(kinds(&report), [ObjectKind::Unknown]);
}

/// What the password does not protect is still read: certificates stored unencrypted.
#[test]
fn unencrypted_certificates_are_read_without_the_password() {
    for password in [None, Some(&b"battery staple"[..])] {
        let report = check_pfx("pkcs12-plain-certs.p12", password);
        assert_eq!(
            kinds(&report),
            [
                ObjectKind::Certificate,
                ObjectKind::Certificate,
                ObjectKind::Certificate,
                ObjectKind::PrivateKey
            ]
        );
        assert_eq!(report.objects[3].pubkey_md5, None, "the key stays locked");
        let code = if password.is_some() {
            "wrong_password"
        } else {
            "key_encrypted"
        };
        assert_eq!(find(&report, code).and_then(|f| f.variant), Some("pkcs12"));
        assert!(report.chain.complete);
    }
}

#[test]
fn the_empty_password_is_tried_first() {
    // With no password, and with another one given (one password for several files).
    for password in [None, Some(PASSWORD)] {
        let report = check_pfx("pkcs12-empty-password.p12", password);
        assert_eq!(
            kinds(&report),
            [ObjectKind::Certificate, ObjectKind::PrivateKey]
        );
        assert!(codes(&report).contains(&"key_matches"));
        assert!(
            find(&report, "key_encrypted").is_none() && find(&report, "wrong_password").is_none()
        );
        assert_eq!(
            report.objects[1].pubkey_md5.as_deref(),
            Some(md5_of("leaf-p256.key").as_str())
        );
    }
}

#[test]
fn certificates_only_and_a_foreign_key() {
    let report = check_pfx("pkcs12-certs-only.p12", Some(PASSWORD));
    assert!(protection(&report).contains("certificates: 3, private keys: 0"));
    assert_eq!(kinds(&report), [ObjectKind::Certificate; 3]);
    assert!(report.chain.complete);

    let report = check_pfx("pkcs12-mismatch.p12", Some(PASSWORD));
    assert!(
        codes(&report).contains(&"key_mismatch"),
        "{:?}",
        codes(&report)
    );
}

/// Windows and Java write PFX files in BER: indefinite lengths, OCTET STRINGs in chunks.
fn to_ber(der: &[u8]) -> Vec<u8> {
    let (tag, header_len, len) = header(der);
    let value = &der[header_len..header_len + len];
    let mut out = Vec::new();
    match tag {
        0x30 | 0x31 | 0xa0 => {
            out.extend([tag, 0x80]);
            let mut rest = value;
            while !rest.is_empty() {
                let (_, h, l) = header(rest);
                out.extend(to_ber(&rest[..h + l]));
                rest = &rest[h + l..];
            }
            out.extend([0, 0]);
        }
        0x04 if len > 64 => {
            out.extend([0x24, 0x80]);
            for chunk in value.chunks(100) {
                out.push(0x04);
                out.push(chunk.len() as u8);
                out.extend(chunk);
            }
            out.extend([0, 0]);
        }
        _ => out.extend(&der[..header_len + len]),
    }
    out
}

fn header(der: &[u8]) -> (u8, usize, usize) {
    match der[1] {
        n if n < 0x80 => (der[0], 2, n as usize),
        n => {
            let count = (n & 0x7f) as usize;
            let len = der[2..2 + count]
                .iter()
                .fold(0, |a, &b| (a << 8) | b as usize);
            (der[0], 2 + count, len)
        }
    }
}

#[test]
fn ber_files_open_like_der_ones() {
    for name in ["pkcs12-modern.p12", "pkcs12-legacy-rc2.p12"] {
        let der = fixture(name);
        let ber = to_ber(&der);
        assert_eq!(&ber[..2], [0x30, 0x80]);
        assert!(
            ber.windows(2).any(|w| w == [0x24, 0x80]),
            "chunked OCTET STRINGs"
        );
        let expected = contents(&check_pfx(name, Some(PASSWORD)));
        let report = check(vec![Input::new("ber.pfx", ber.clone())], Some(PASSWORD));
        assert_eq!(contents(&report), expected, "{name}: {:?}", codes(&report));
        // The same bytes in a PEM "PKCS12" block.
        let pem = pem::encode(&pem::Pem::new("PKCS12", ber));
        let report = check(vec![Input::new("ber.pem", pem)], Some(PASSWORD));
        assert_eq!(contents(&report), expected, "{name} as PEM");
    }
}

/// Damaged files: findings, never a panic, and never more than a moment.
#[test]
fn damaged_files_never_panic() {
    let files = [
        "pkcs12-modern.p12",
        "pkcs12-legacy-rc2.p12",
        "pkcs12-tdes.p12",
        "pkcs12-empty-password.p12",
    ];
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for round in 0..400 {
        let mut data = fixture(files[round % files.len()]);
        for _ in 0..1 + next() % 3 {
            let at = (next() % data.len().max(1) as u64) as usize;
            match next() % 3 {
                0 if !data.is_empty() => data[at] ^= 1 << (next() % 8),
                1 => data.truncate(at),
                _ => data.insert(at, next() as u8),
            }
        }
        let started = Instant::now();
        let report = check(vec![Input::new("damaged.pfx", data)], Some(PASSWORD));
        assert!(started.elapsed() < Duration::from_secs(5), "round {round}");
        assert!(!report.findings.is_empty(), "round {round}");
    }
}

fn tlv(tag: u8, value: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    if value.len() < 0x80 {
        out.push(value.len() as u8);
    } else {
        out.extend([0x82, (value.len() >> 8) as u8, value.len() as u8]);
    }
    out.extend(value);
    out
}

/// A PFX whose MAC claims 2^31 - 1 iterations: refused before any work.
#[test]
fn huge_iteration_counts_are_refused_at_once() {
    let data_oid = [
        0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01,
    ];
    let sha256 = [
        0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01,
    ];
    let auth_safe = tlv(0x04, &tlv(0x30, &[]));
    let content_info = tlv(0x30, &[&data_oid[..], &tlv(0xa0, &auth_safe)].concat());
    let digest_info = tlv(
        0x30,
        &[
            tlv(0x30, &[&sha256[..], &[0x05, 0x00]].concat()),
            tlv(0x04, &[0; 32]),
        ]
        .concat(),
    );
    let mac_data = tlv(
        0x30,
        &[
            digest_info,
            tlv(0x04, &[1; 8]),
            tlv(0x02, &[0x7f, 0xff, 0xff, 0xff]),
        ]
        .concat(),
    );
    let pfx = tlv(
        0x30,
        &[&[0x02, 0x01, 0x03][..], &content_info, &mac_data].concat(),
    );
    for password in [None, Some(PASSWORD)] {
        let started = Instant::now();
        let report = check(vec![Input::new("huge.pfx", pfx.clone())], password);
        assert!(started.elapsed() < Duration::from_secs(1));
        let finding = find(&report, "decrypt_failed").expect("decrypt_failed");
        assert_eq!(finding.variant, Some("pkcs12"));
        assert!(
            finding.message.contains("2147483647 iterations"),
            "{}",
            finding.message
        );
    }
}

// --- writing ------------------------------------------------------------------------------

fn pfx_options(legacy: bool) -> ConvertOptions {
    ConvertOptions {
        at: AT,
        salt: *b"0123456789abcdef",
        iv: *b"fedcba9876543210",
        new_password: Some(b"new secret".to_vec()),
        legacy_pfx: legacy,
        ..ConvertOptions::new(Target::Pfx)
    }
}

fn write_pfx(files: &[&str], options: &ConvertOptions) -> Vec<u8> {
    let inputs: Vec<Input> = files.iter().map(|f| input(f)).collect();
    let outputs = convert(&inputs, options).unwrap_or_else(|e| panic!("{files:?}: {e}"));
    assert_eq!(outputs.len(), 1);
    let output = &outputs[0];
    assert_eq!(
        (
            output.name.as_str(),
            output.content,
            output.der,
            output.secret
        ),
        ("www.example.com.pfx", Some(Content::Pkcs12), true, true)
    );
    output.data.clone()
}

/// The PFX files certlens writes: the leaf first, its chain, its key, read back alike by
/// certlens and by openssl, in the default and the legacy protection.
#[test]
fn written_pfx_files_read_back_in_certlens_and_openssl() {
    // The chain in the wrong order and the key first: the PFX holds it leaf first.
    let files = [
        "leaf-rsa2048.key",
        "int1.pem",
        "leaf-rsa2048.pem",
        "int2.pem",
    ];
    let in_order = [
        "leaf-rsa2048.pem",
        "int2.pem",
        "int1.pem",
        "leaf-rsa2048.key",
    ];
    let expected = contents(&check(in_order.iter().map(|f| input(f)).collect(), None));
    for legacy in [false, true] {
        let data = write_pfx(&files, &pfx_options(legacy));
        let report = check(
            vec![Input::new("out.pfx", data.clone())],
            Some(b"new secret"),
        );
        assert_eq!(contents(&report), expected, "legacy {legacy}");
        assert_eq!(report.chain.order, [0, 1, 2]);
        assert!(codes(&report).contains(&"key_matches"));
        let scheme = if legacy {
            "PKCS#12 PBE (pbeWithSHA1And3-KeyTripleDES-CBC, 100000 iterations); MAC HMAC-SHA1 (100000 iterations)"
        } else {
            "PBES2 (PBKDF2-HMAC-SHA256, 100000 iterations, AES-256-CBC); MAC HMAC-SHA256 (100000 iterations)"
        };
        assert!(
            protection(&report).contains(scheme),
            "{}",
            protection(&report)
        );
        // Deterministic for the same salt and IV.
        assert_eq!(write_pfx(&files, &pfx_options(legacy)), data);

        if !openssl_available() {
            continue;
        }
        let dir = scratch(if legacy { "legacy" } else { "modern" });
        std::fs::write(dir.join("out.pfx"), &data).unwrap();
        let pass = ["-passin", "pass:new secret"];
        let info = Command::new("openssl")
            .current_dir(&dir)
            .args(["pkcs12", "-in", "out.pfx", "-info", "-noout"])
            .args(pass)
            .output()
            .unwrap();
        assert!(
            info.status.success(),
            "{}",
            String::from_utf8_lossy(&info.stderr)
        );
        let info = String::from_utf8_lossy(&info.stderr);
        let mac = if legacy {
            "MAC: sha1, Iteration 100000"
        } else {
            "MAC: sha256, Iteration 100000"
        };
        assert!(info.contains(mac), "{info}");
        let pem = run_openssl(
            &dir,
            &[&["pkcs12", "-in", "out.pfx", "-nodes"][..], &pass].concat(),
        );
        let text = String::from_utf8_lossy(&pem);
        assert!(text.contains("friendlyName: www.example.com"), "{text}");
        assert_eq!(
            text.matches("localKeyID:").count(),
            2,
            "the leaf and its key are paired"
        );
        let report = check(vec![Input::new("openssl.pem", pem)], None);
        assert_eq!(contents(&report), expected, "legacy {legacy}");
    }
}

#[test]
fn a_pfx_needs_the_leaf_and_its_key() {
    let fails = |files: &[&str], options: &ConvertOptions| {
        let inputs: Vec<Input> = files.iter().map(|f| input(f)).collect();
        convert(&inputs, options).expect_err("refused").kind
    };
    let options = pfx_options(false);
    assert_eq!(
        fails(&["fullchain.pem"], &options),
        ConvertErrorKind::PfxNoKey {
            cert: "www.example.com".into()
        }
    );
    assert_eq!(
        fails(&["fullchain.pem", "leaf-p256.key"], &options),
        ConvertErrorKind::PfxKeyMismatch {
            cert: "www.example.com".into()
        }
    );
    assert_eq!(
        fails(&["leaf-rsa2048.key"], &options),
        ConvertErrorKind::PfxNoCertificate
    );
    let without = ConvertOptions {
        new_password: None,
        ..pfx_options(false)
    };
    assert_eq!(
        fails(&["fullchain.pem", "leaf-rsa2048.key"], &without),
        ConvertErrorKind::NewPasswordNeeded
    );
    // An encrypted key is opened with the password.
    let mut options = pfx_options(false);
    assert_eq!(
        fails(&["fullchain.pem", "leaf-rsa2048.enc-pbkdf2.key"], &options),
        ConvertErrorKind::PasswordNeeded
    );
    options.password = Some(PASSWORD.to_vec());
    write_pfx(&["fullchain.pem", "leaf-rsa2048.enc-pbkdf2.key"], &options);
}

/// A PFX as the input of a conversion: its certificates and key come out as PEM.
#[test]
fn pfx_files_convert_to_pem() {
    let mut options = ConvertOptions {
        at: AT,
        ..ConvertOptions::new(Target::Pem)
    };
    let fails = |options: &ConvertOptions| {
        convert(&[input("pkcs12-modern.p12")], options)
            .expect_err("refused")
            .kind
    };
    assert_eq!(fails(&options), ConvertErrorKind::PasswordNeeded);
    options.password = Some(b"battery staple".to_vec());
    assert_eq!(fails(&options), ConvertErrorKind::WrongPassword);
    options.password = Some(PASSWORD.to_vec());
    let outputs = convert(&[input("pkcs12-modern.p12")], &options).unwrap();
    let pem = &outputs[0];
    assert!(pem.secret);
    let text = String::from_utf8(pem.data.clone()).unwrap();
    assert_eq!(text.matches("BEGIN CERTIFICATE").count(), 3);
    assert_eq!(text.matches("BEGIN PRIVATE KEY").count(), 1);
    let expected = contents(&check_pfx("pkcs12-modern.p12", Some(PASSWORD)));
    assert_eq!(
        contents(&check(vec![Input::new("out.pem", text)], None)),
        expected
    );

    options.target = Target::Split;
    let names: Vec<String> = convert(&[input("pkcs12-legacy-rc2.p12")], &options)
        .unwrap()
        .into_iter()
        .map(|o| o.name)
        .collect();
    assert_eq!(
        names,
        [
            "1-www.example.com.pem",
            "2-intermediate-certlens_Test_Intermediate_2.pem",
            "3-intermediate-certlens_Test_Intermediate_1.pem",
            "key.pem"
        ]
    );
}

/// `certlens convert --to pfx` and `certlens check` on what it wrote.
#[test]
fn the_command_line_writes_and_checks_pfx_files() {
    let dir = scratch("cli");
    std::fs::write(dir.join("pw.txt"), "new secret\n").unwrap();
    let certlens = |args: &[&str]| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_certlens"));
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            command.env_remove(name);
        }
        command.current_dir(&dir).args(args).output().unwrap()
    };
    let fullchain = fixture_path("fullchain.pem").display().to_string();
    let key = fixture_path("leaf-rsa2048.key").display().to_string();
    for (out, legacy) in [("site.pfx", false), ("legacy.pfx", true)] {
        let mut args = vec![
            "convert",
            &fullchain,
            &key,
            "--to",
            "pfx",
            "--new-password-file",
            "pw.txt",
            "--out",
            out,
        ];
        if legacy {
            args.push("--legacy");
        }
        let run = certlens(&args);
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert!(String::from_utf8_lossy(&run.stdout).contains(out));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(dir.join(out))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let run = certlens(&[
            "check",
            out,
            "--password-file",
            "pw.txt",
            "--at",
            "2026-06-01T00:00:00Z",
            "--format",
            "json",
        ]);
        let report: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
        let codes: Vec<&str> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap())
            .collect();
        assert!(
            codes.contains(&"key_matches") && codes.contains(&"pkcs12_contents"),
            "{codes:?}"
        );
        let run = certlens(&["check", out, "--at", "2026-06-01T00:00:00Z"]);
        assert_eq!(run.status.code(), Some(1), "no password: an error");
    }
    // No key: exit 2 and the leaf named.
    let run = certlens(&[
        "convert",
        &fullchain,
        "--to",
        "pfx",
        "--new-password-file",
        "pw.txt",
        "--out",
        "nokey.pfx",
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("www.example.com"));
    assert!(!dir.join("nokey.pfx").exists());
}
