//! Conversions (`certlens::convert`, `certlens convert`): every output is read back by
//! certlens (same objects, same public keys) and by the openssl CLI, and compared byte for
//! byte with openssl's own conversion where that is deterministic. The openssl parts are
//! skipped (with a message) when `openssl` is not on PATH.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};

use certlens::convert::{convert, ConvertErrorKind, Options, Output, Target, DEFAULT_ITERATIONS};
use certlens::input::Content;
use certlens::report::ObjectKind;
use certlens::{Catalogue, Input};
use common::{
    expected_tsv, fixture, fixture_path, input, openssl_available, run_openssl, scratch, AT,
};

const PASSWORD: &[u8] = b"correct horse";

fn options(target: Target) -> Options {
    Options {
        at: AT,
        salt: *b"0123456789abcdef",
        iv: *b"fedcba9876543210",
        ..Options::new(target)
    }
}

fn run(files: &[&str], options: &Options) -> Vec<Output> {
    let inputs: Vec<Input> = files.iter().map(|f| input(f)).collect();
    convert(&inputs, options).unwrap_or_else(|e| panic!("{files:?} → {:?}: {e}", options.target))
}

fn fails(files: &[&str], options: &Options) -> certlens::convert::ConvertError {
    let inputs: Vec<Input> = files.iter().map(|f| input(f)).collect();
    match convert(&inputs, options) {
        Ok(outputs) => panic!("{files:?} → {:?} converted: {outputs:?}", options.target),
        Err(e) => e,
    }
}

/// What certlens finds in `data`: kind, public key md5, SHA-256 fingerprint; and no
/// unreadable object.
fn reread(
    data: &[u8],
    password: Option<&[u8]>,
) -> Vec<(ObjectKind, Option<String>, Option<String>)> {
    let report = certlens::inspect(
        &[Input::new("converted", data.to_vec())],
        &certlens::Options {
            at: AT,
            password: password.map(<[u8]>::to_vec),
            ..certlens::Options::default()
        },
    );
    assert!(
        !report.objects.iter().any(|o| o.kind == ObjectKind::Unknown),
        "unreadable objects in converted output: {:?}",
        report
            .findings
            .iter()
            .map(|f| &f.message)
            .collect::<Vec<_>>()
    );
    report
        .objects
        .iter()
        .map(|o| (o.kind, o.pubkey_md5.clone(), o.sha256_fingerprint.clone()))
        .collect()
}

fn md5_of(file: &str) -> String {
    expected_tsv("pubkey-md5.tsv")
        .into_iter()
        .find(|(f, _)| f == file)
        .unwrap_or_else(|| panic!("no md5 for {file}"))
        .1
}

fn text(output: &Output) -> &str {
    std::str::from_utf8(&output.data).expect("PEM is text")
}

// --- openssl -----------------------------------------------------------------------------

/// Runs openssl with `args` (`{in}` replaced by a file holding `data`); its stdout, or a
/// panic with its stderr.
fn openssl(dir: &Path, data: &[u8], args: &[&str]) -> Vec<u8> {
    let path = dir.join("openssl-input");
    std::fs::write(&path, data).unwrap();
    let args: Vec<String> = args
        .iter()
        .map(|a| a.replace("{in}", path.to_str().unwrap()))
        .collect();
    run_openssl(dir, &args)
}

fn openssl_fixture(args: &[&str]) -> Vec<u8> {
    let args: Vec<String> = args
        .iter()
        .map(|a| match a.strip_prefix('@') {
            Some(name) => fixture_path(name).display().to_string(),
            None => a.to_string(),
        })
        .collect();
    run_openssl(Path::new("."), &args)
}

// --- certificates, CSRs, public keys -----------------------------------------------------

#[test]
fn der_to_pem_is_openssls_pem() {
    let out = run(&["leaf-rsa2048.der"], &options(Target::Pem));
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].name, "leaf-rsa2048.pem");
    assert_eq!(out[0].content, Some(Content::Certificate));
    assert!(!out[0].secret);
    assert_eq!(out[0].data, fixture("leaf-rsa2048.pem"));
    let csr = run(&["csr-rsa2048.der"], &options(Target::Pem));
    assert_eq!(csr[0].data, fixture("csr-rsa2048.pem"));
    if openssl_available() {
        let dir = scratch("der-pem");
        openssl(&dir, &out[0].data, &["x509", "-noout", "-in", "{in}"]);
        let theirs = openssl_fixture(&["x509", "-inform", "DER", "-in", "@leaf-rsa2048.der"]);
        assert_eq!(out[0].data, theirs);
        openssl(
            &dir,
            &csr[0].data,
            &["req", "-noout", "-verify", "-in", "{in}"],
        );
    }
}

#[test]
fn pem_to_der_writes_one_file_per_object() {
    let out = run(
        &["with-root.pem", "csr-rsa2048.pem", "leaf-rsa2048.pub.pem"],
        &options(Target::Der),
    );
    let names: Vec<&str> = out.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "1-www.example.com.der",
            "2-intermediate-certlens_Test_Intermediate_2.der",
            "3-intermediate-certlens_Test_Intermediate_1.der",
            "4-root-certlens_Test_Root_CA.der",
            "csr-www.example.com.der",
            "pubkey.der",
        ]
    );
    assert!(out.iter().all(|o| o.der && o.count == 1));
    assert_eq!(out[0].data, fixture("leaf-rsa2048.der"));
    assert_eq!(out[1].data, fixture("int2.der"));
    assert_eq!(out[3].data, fixture("root.der"));
    assert_eq!(out[4].data, fixture("csr-rsa2048.der"));
    for output in &out {
        let found = reread(&output.data, None);
        assert_eq!(found.len(), 1, "{}", output.name);
    }
    assert_eq!(
        reread(&out[5].data, None)[0].1.as_deref(),
        Some(md5_of("leaf-rsa2048.pub.pem").as_str())
    );
    if openssl_available() {
        let dir = scratch("pem-der");
        for output in &out[..4] {
            openssl(
                &dir,
                &output.data,
                &["x509", "-inform", "DER", "-noout", "-in", "{in}"],
            );
        }
        openssl(
            &dir,
            &out[4].data,
            &["req", "-inform", "DER", "-noout", "-in", "{in}"],
        );
        openssl(
            &dir,
            &out[5].data,
            &["pkey", "-pubin", "-inform", "DER", "-noout", "-in", "{in}"],
        );
        let theirs = openssl_fixture(&["x509", "-in", "@int2.pem", "-outform", "DER"]);
        assert_eq!(out[1].data, theirs);
    }
}

#[test]
fn pkcs7_becomes_a_pem_bundle_in_chain_order() {
    for file in ["chain.p7b", "chain.p7b.der"] {
        let out = run(&[file], &options(Target::Pem));
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].count, 3);
        assert_eq!(out[0].content, None);
        assert_eq!(out[0].data, fixture("fullchain.pem"), "{file}");
        let found = reread(&out[0].data, None);
        assert_eq!(found.len(), 3);
        assert!(found
            .iter()
            .all(|(kind, ..)| *kind == ObjectKind::Certificate));
    }
    if openssl_available() {
        let dir = scratch("p7b");
        let out = run(&["chain.p7b.der"], &options(Target::Pem));
        // openssl prints subject= and issuer= lines and blank lines around each certificate.
        let theirs = openssl_fixture(&[
            "pkcs7",
            "-inform",
            "DER",
            "-in",
            "@chain.p7b.der",
            "-print_certs",
        ]);
        let theirs: String = String::from_utf8(theirs)
            .unwrap()
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with("subject=") && !l.starts_with("issuer="))
            .map(|l| format!("{l}\n"))
            .collect();
        assert_eq!(text(&out[0]), theirs);
        // A bundle made in the wrong order comes out in chain order.
        let p7 = openssl(
            &dir,
            &fixture("misordered.pem"),
            &[
                "crl2pkcs7",
                "-nocrl",
                "-certfile",
                "{in}",
                "-outform",
                "DER",
            ],
        );
        let out = convert(&[Input::new("misordered.p7b", p7)], &options(Target::Pem)).unwrap();
        assert_eq!(out[0].data, fixture("fullchain.pem"));
    }
}

#[test]
fn messy_pem_comes_out_clean_and_in_its_order() {
    for (messy, clean) in [
        ("messy-text-between.pem", "fullchain.pem"),
        ("messy-blank-lines.pem", "fullchain.pem"),
        ("messy-crlf.pem", "leaf-rsa2048.pem"),
        ("messy-bom.pem", "leaf-rsa2048.pem"),
        ("messy-one-line.pem", "leaf-rsa2048.pem"),
        ("messy-spaces-in-base64.pem", "leaf-rsa2048.pem"),
        ("misordered.pem", "misordered.pem"),
    ] {
        let out = run(&[messy], &options(Target::Pem));
        assert_eq!(
            text(&out[0]),
            String::from_utf8(fixture(clean)).unwrap(),
            "{messy}"
        );
    }
    // Keys stay in their own format (and mark the file as secret).
    let out = run(&["bundle-with-key.pem"], &options(Target::Pem));
    assert!(out[0].secret);
    assert_eq!(out[0].data, fixture("bundle-with-key.pem"));
}

// --- private keys ------------------------------------------------------------------------

#[test]
fn pkcs1_and_pkcs8_convert_both_ways_like_openssl() {
    let to8 = run(&["leaf-rsa2048.pkcs1.key"], &options(Target::Pkcs8));
    assert_eq!(to8.len(), 1);
    assert_eq!(to8[0].name, "key.pem");
    assert!(to8[0].secret);
    assert_eq!(
        to8[0].content,
        Some(Content::PrivateKey(
            certlens::crypto::PrivateKeyFormat::Pkcs8
        ))
    );
    assert!(text(&to8[0]).starts_with("-----BEGIN PRIVATE KEY-----\n"));
    assert_eq!(to8[0].data, fixture("leaf-rsa2048.key"));
    let to1 = run(&["leaf-rsa2048.key"], &options(Target::Pkcs1));
    assert!(text(&to1[0]).starts_with("-----BEGIN RSA PRIVATE KEY-----\n"));
    assert_eq!(to1[0].data, fixture("leaf-rsa2048.pkcs1.key"));
    // DER keys too.
    let from_der = run(&["leaf-rsa2048.key.der"], &options(Target::Pkcs1));
    assert_eq!(from_der[0].data, fixture("leaf-rsa2048.pkcs1.key"));
    let md5 = md5_of("leaf-rsa2048.key");
    for out in [&to8[0], &to1[0]] {
        let found = reread(&out.data, None);
        assert_eq!(found, [(ObjectKind::PrivateKey, Some(md5.clone()), None)]);
    }
    if openssl_available() {
        let dir = scratch("pkcs1");
        openssl(
            &dir,
            &to1[0].data,
            &["rsa", "-check", "-noout", "-in", "{in}"],
        );
        openssl(&dir, &to8[0].data, &["pkey", "-noout", "-in", "{in}"]);
        let theirs8 = openssl_fixture(&[
            "pkcs8",
            "-topk8",
            "-nocrypt",
            "-in",
            "@leaf-rsa2048.pkcs1.key",
        ]);
        assert_eq!(to8[0].data, theirs8);
        let theirs1 = openssl_fixture(&["pkey", "-traditional", "-in", "@leaf-rsa2048.key"]);
        assert_eq!(to1[0].data, theirs1);
    }
}

#[test]
fn sec1_and_pkcs8_convert_both_ways_like_openssl() {
    let md5 = md5_of("leaf-p256.key");
    let to8 = run(&["leaf-p256.sec1.key"], &options(Target::Pkcs8));
    let to_sec1 = run(&["leaf-p256.key"], &options(Target::Sec1));
    assert!(text(&to_sec1[0]).starts_with("-----BEGIN EC PRIVATE KEY-----\n"));
    assert_eq!(to_sec1[0].data, fixture("leaf-p256.sec1.key"));
    // Without the public point: SEC1 gets it back (as `openssl ec` writes), PKCS#8 keeps
    // what the key had (as `openssl pkcs8 -topk8` does).
    let nopub_sec1 = run(&["leaf-p256.sec1-nopub.key"], &options(Target::Sec1));
    assert_eq!(nopub_sec1[0].data, fixture("leaf-p256.sec1.key"));
    let nopub8 = run(&["leaf-p256.sec1-nopub.key"], &options(Target::Pkcs8));
    let p384 = run(&["leaf-p384.sec1-nopub.key"], &options(Target::Pkcs8));
    for out in [&to8[0], &to_sec1[0], &nopub_sec1[0], &nopub8[0]] {
        assert_eq!(
            reread(&out.data, None),
            [(ObjectKind::PrivateKey, Some(md5.clone()), None)]
        );
    }
    assert_eq!(
        reread(&p384[0].data, None)[0].1,
        Some(md5_of("leaf-p384.key"))
    );
    if openssl_available() {
        let dir = scratch("sec1");
        openssl(
            &dir,
            &to_sec1[0].data,
            &["ec", "-check", "-noout", "-in", "{in}"],
        );
        openssl(&dir, &to8[0].data, &["pkey", "-noout", "-in", "{in}"]);
        for (ours, args) in [
            (
                &to8[0],
                vec!["pkcs8", "-topk8", "-nocrypt", "-in", "@leaf-p256.sec1.key"],
            ),
            (
                &nopub8[0],
                vec![
                    "pkcs8",
                    "-topk8",
                    "-nocrypt",
                    "-in",
                    "@leaf-p256.sec1-nopub.key",
                ],
            ),
            (
                &p384[0],
                vec![
                    "pkcs8",
                    "-topk8",
                    "-nocrypt",
                    "-in",
                    "@leaf-p384.sec1-nopub.key",
                ],
            ),
            (
                &to_sec1[0],
                vec!["pkey", "-traditional", "-in", "@leaf-p256.key"],
            ),
            (
                &nopub_sec1[0],
                vec!["ec", "-in", "@leaf-p256.sec1-nopub.key"],
            ),
        ] {
            assert_eq!(ours.data, openssl_fixture(&args), "{args:?}");
        }
    }
}

#[test]
fn encrypted_keys_use_pbes2_pbkdf2_sha256_aes256_and_600000_iterations() {
    let mut opts = options(Target::Encrypted);
    opts.new_password = Some(b"new secret".to_vec());
    let out = run(
        &[
            "leaf-p256.sec1.key",
            "leaf-rsa2048.pkcs1.key",
            "leaf-ed25519.key",
        ],
        &opts,
    );
    assert_eq!(out.len(), 3);
    assert_eq!(
        out.iter().map(|o| o.name.as_str()).collect::<Vec<_>>(),
        ["key.pem", "key-2.pem", "key-3.pem"]
    );
    let der = |o: &Output| pem::parse(&o.data).unwrap().contents().to_vec();
    for (o, key) in out
        .iter()
        .zip(["leaf-p256.key", "leaf-rsa2048.key", "leaf-ed25519.key"])
    {
        assert_eq!(o.content, Some(Content::EncryptedPrivateKey));
        assert!(text(o).starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"));
        let description = certlens::crypto::describe_encryption(&der(o)).unwrap();
        assert_eq!(
            description, "PBES2 (PBKDF2-HMAC-SHA256, 600000 iterations, AES-256-CBC)",
            "{key}"
        );
        assert_eq!(
            reread(&o.data, Some(b"new secret")),
            [(ObjectKind::PrivateKey, Some(md5_of(key)), None)]
        );
        // And back: the plain PKCS#8 key.
        let mut plain = options(Target::Plain);
        plain.password = Some(b"new secret".to_vec());
        let back = convert(&[Input::new("enc", o.data.clone())], &plain).unwrap();
        assert_eq!(back[0].data, fixture(key), "{key}");
    }
    // Each key gets its own salt and IV.
    let salts: std::collections::HashSet<Vec<u8>> =
        out.iter().map(|o| der(o)[..60].to_vec()).collect();
    assert_eq!(salts.len(), 3);
    assert_eq!(DEFAULT_ITERATIONS, 600_000);
    if openssl_available() {
        let dir = scratch("encrypted");
        for (o, key) in out
            .iter()
            .zip(["leaf-p256.key", "leaf-rsa2048.key", "leaf-ed25519.key"])
        {
            let theirs = openssl(
                &dir,
                &o.data,
                &["pkey", "-passin", "pass:new secret", "-in", "{in}"],
            );
            assert_eq!(theirs, fixture(key));
            let wrong = Command::new("openssl")
                .args(["pkey", "-noout", "-passin", "pass:wrong", "-in"])
                .arg(dir.join("openssl-input"))
                .output()
                .unwrap();
            assert!(!wrong.status.success());
        }
    }
}

#[test]
fn encrypted_keys_open_with_the_password() {
    let mut opts = options(Target::Plain);
    opts.password = Some(PASSWORD.to_vec());
    for (encrypted, plain) in [
        ("leaf-rsa2048.enc-pbkdf2.key", "leaf-rsa2048.key"),
        ("leaf-p256.enc-scrypt.key", "leaf-p256.key"),
        ("leaf-p256.enc-aes128.key", "leaf-p256.key"),
    ] {
        let out = run(&[encrypted], &opts);
        assert_eq!(out[0].data, fixture(plain), "{encrypted}");
        if openssl_available() {
            let theirs = openssl_fixture(&[
                "pkey",
                "-passin",
                "pass:correct horse",
                "-in",
                &format!("@{encrypted}"),
            ]);
            assert_eq!(out[0].data, theirs);
        }
    }
    // Straight to PKCS#1 / SEC1 too.
    opts.target = Target::Pkcs1;
    assert_eq!(
        run(&["leaf-rsa2048.enc-pbkdf2.key"], &opts)[0].data,
        fixture("leaf-rsa2048.pkcs1.key")
    );
    opts.target = Target::Sec1;
    assert_eq!(
        run(&["leaf-p256.enc-scrypt.key"], &opts)[0].data,
        fixture("leaf-p256.sec1.key")
    );
    // Re-encrypted with a new password.
    opts.target = Target::Encrypted;
    opts.new_password = Some(b"other".to_vec());
    let out = run(&["leaf-p256.enc-aes128.key"], &opts);
    assert_eq!(
        reread(&out[0].data, Some(b"other"))[0].1,
        Some(md5_of("leaf-p256.key"))
    );
    // pem/der/split leave encrypted keys encrypted, no password needed.
    let out = run(&["leaf-rsa2048.enc-pbkdf2.key"], &options(Target::Pem));
    assert_eq!(out[0].data, fixture("leaf-rsa2048.enc-pbkdf2.key"));
}

// --- split -------------------------------------------------------------------------------

#[test]
fn split_names_files_by_role_and_name() {
    let out = run(&["bundle-with-key.pem"], &options(Target::Split));
    let names: Vec<&str> = out.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "1-www.example.com.pem",
            "2-intermediate-certlens_Test_Intermediate_2.pem",
            "3-intermediate-certlens_Test_Intermediate_1.pem",
            "key.pem",
        ]
    );
    assert_eq!(out[0].data, fixture("leaf-rsa2048.pem"));
    assert_eq!(out[1].data, fixture("int2.pem"));
    assert_eq!(out[2].data, fixture("int1.pem"));
    assert_eq!(out[3].data, fixture("leaf-rsa2048.key"));
    assert_eq!(
        out.iter().map(|o| o.secret).collect::<Vec<_>>(),
        [false, false, false, true]
    );
    // Misordered input: still leaf first; a wildcard name made safe; a root named as one;
    // an unrelated certificate and a CSR after the chain.
    let out = run(
        &["misordered.pem", "other-root.pem", "csr-p256.pem"],
        &options(Target::Split),
    );
    let names: Vec<&str> = out.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "1-www.example.com.pem",
            "2-intermediate-certlens_Test_Intermediate_2.pem",
            "3-intermediate-certlens_Test_Intermediate_1.pem",
            "cert-Unrelated_Root.pem",
            "csr-wildcard.example.com.pem",
        ]
    );
    let out = run(&["leaf-p256.pem", "with-root.pem"], &options(Target::Split));
    let names: Vec<&str> = out.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "1-wildcard.example.com.pem",
            "2-intermediate-certlens_Test_Intermediate_2.pem",
            "3-intermediate-certlens_Test_Intermediate_1.pem",
            "4-root-certlens_Test_Root_CA.pem",
            "cert-www.example.com.pem",
        ]
    );
    for output in &out {
        assert_eq!(reread(&output.data, None).len(), 1);
        assert!(!output.name.contains('/') && !output.name.starts_with('.'));
    }
}

// --- failures ----------------------------------------------------------------------------

#[test]
fn failures_name_input_block_and_line() {
    let place = |e: &certlens::convert::ConvertError| {
        let p = e.place.clone().expect("a place");
        (p.input, p.block, p.line)
    };
    // No password, wrong password.
    let e = fails(&["leaf-rsa2048.enc-pbkdf2.key"], &options(Target::Pkcs8));
    assert_eq!(e.kind, ConvertErrorKind::PasswordNeeded);
    assert_eq!(
        place(&e),
        ("leaf-rsa2048.enc-pbkdf2.key".into(), Some(0), Some(1))
    );
    let mut wrong = options(Target::Plain);
    wrong.password = Some(b"battery staple".to_vec());
    let e = fails(&["leaf-p256.enc-aes128.key"], &wrong);
    assert_eq!(e.kind, ConvertErrorKind::WrongPassword);
    // The second key of a bundle.
    let e = fails(&["key-twice.pem", "leaf-p256.enc-scrypt.key"], &wrong);
    assert_eq!(e.kind, ConvertErrorKind::WrongPassword);
    assert_eq!(place(&e).0, "leaf-p256.enc-scrypt.key");
    // No new password.
    let e = fails(&["leaf-p256.key"], &options(Target::Encrypted));
    assert_eq!(e.kind, ConvertErrorKind::NewPasswordNeeded);
    // Wrong kind of key.
    let e = fails(&["leaf-p256.key"], &options(Target::Pkcs1));
    assert_eq!(e.kind, ConvertErrorKind::NotRsa);
    let e = fails(&["leaf-ed25519.key"], &options(Target::Pkcs1));
    assert_eq!(e.kind, ConvertErrorKind::NotRsa);
    let e = fails(&["leaf-rsa2048.key"], &options(Target::Sec1));
    assert_eq!(e.kind, ConvertErrorKind::NotEc);
    assert_eq!(place(&e), ("leaf-rsa2048.key".into(), Some(0), Some(1)));
    // Nothing to convert.
    let e = fails(&["fullchain.pem"], &options(Target::Pkcs8));
    assert_eq!(e.kind, ConvertErrorKind::NothingToConvert);
    assert_eq!(e.place, None);
    let e = fails(&["empty.pem"], &options(Target::Pem));
    assert_eq!(e.kind, ConvertErrorKind::NothingToConvert);
    assert_eq!(e.place.unwrap().input, "empty.pem");
    // Unreadable blocks stop the conversion, naming where.
    let e = fails(&["broken-base64.pem"], &options(Target::Pem));
    assert_eq!(e.kind, ConvertErrorKind::Unreadable);
    assert_eq!(place(&e), ("broken-base64.pem".into(), Some(0), Some(5)));
    let e = fails(&["fullchain.pem", "random.bin"], &options(Target::Der));
    assert_eq!(e.kind, ConvertErrorKind::Unreadable);
    assert_eq!(e.place.unwrap().input, "random.bin");
}

/// DSA keys (traditional and PKCS#8), made by openssl at test time.
#[test]
fn dsa_keys_are_not_supported() {
    if !openssl_available() {
        return;
    }
    let dir = scratch("dsa");
    let params = dir.join("dsa.params");
    let status = Command::new("openssl")
        .args(["dsaparam", "-out"])
        .arg(&params)
        .arg("1024")
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let pkcs8 = openssl(&dir, b"", &["gendsa", &params.display().to_string()]);
    let traditional = openssl(&dir, &pkcs8, &["pkey", "-in", "{in}", "-traditional"]);
    let e = convert(&[Input::new("dsa.key", pkcs8)], &options(Target::Pkcs8)).unwrap_err();
    assert!(
        matches!(e.kind, ConvertErrorKind::UnsupportedKey { .. }),
        "{e:?}"
    );
    assert!(e.to_string().contains("DSA"), "{e}");
    let e = convert(
        &[Input::new("dsa-trad.key", traditional)],
        &options(Target::Pem),
    )
    .unwrap_err();
    assert_eq!(
        e.kind,
        ConvertErrorKind::Unsupported {
            what: "content.dsa_private_key"
        }
    );
    assert_eq!(
        e.to_string(),
        "dsa-trad.key, block 1, line 1: a DSA private key cannot be converted"
    );
}

/// Every fixture through every target: a value, never a panic, and every error renders in
/// every language without a placeholder left.
#[test]
fn every_fixture_every_target_gives_outputs_or_an_error() {
    let mut names: Vec<String> = std::fs::read_dir(fixture_path(""))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("rsa16384") && !n.ends_with(".sh") && !n.ends_with(".md"))
        .collect();
    names.sort();
    let catalogues: Vec<Catalogue> = certlens::i18n::LANGUAGES
        .iter()
        .map(|l| Catalogue::builtin(l).unwrap())
        .collect();
    for name in &names {
        for target in Target::ALL {
            let mut opts = options(target);
            opts.password = Some(PASSWORD.to_vec());
            opts.new_password = Some(b"x".to_vec());
            opts.iterations = 1000;
            match convert(&[input(name)], &opts) {
                Ok(outputs) => {
                    for o in outputs {
                        assert!(!o.data.is_empty());
                        let password =
                            matches!(target, Target::Encrypted | Target::Pfx).then_some(&b"x"[..]);
                        assert!(!reread(&o.data, password).is_empty(), "{name} {target:?}");
                    }
                }
                Err(e) => {
                    for catalogue in &catalogues {
                        let message = e.message(catalogue);
                        assert!(!message.contains('{'), "{name} {target:?}: {message}");
                    }
                }
            }
        }
    }
}

// --- the command line --------------------------------------------------------------------

fn certlens(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_certlens"));
    for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        command.env_remove(name);
    }
    command
        .current_dir(dir)
        .arg("convert")
        .args(args.iter().map(|a| match a.strip_prefix('@') {
            Some(name) => fixture_path(name).display().to_string(),
            None => a.to_string(),
        }))
        .output()
        .expect("run certlens")
}

#[test]
fn cli_writes_files_and_says_what_it_wrote() {
    let dir = scratch("cli");
    let out = certlens(
        &dir,
        &["@chain.p7b.der", "--to", "pem", "--out", "chain.pem"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "wrote chain.pem: 3 objects, PEM\n"
    );
    assert_eq!(
        std::fs::read(dir.join("chain.pem")).unwrap(),
        fixture("fullchain.pem")
    );

    let out = certlens(
        &dir,
        &[
            "@bundle-with-key.pem",
            "--to",
            "split",
            "--out-dir",
            "split",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("wrote split/1-www.example.com.pem: a certificate, PEM\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("wrote split/key.pem: a private key (PKCS#8), PEM\n"),
        "{stdout}"
    );
    assert_eq!(
        std::fs::read(dir.join("split/key.pem")).unwrap(),
        fixture("leaf-rsa2048.key")
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = |p: &str| std::fs::metadata(dir.join(p)).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode("split/key.pem"), 0o600);
        assert_ne!(mode("split/1-www.example.com.pem"), 0o600);
    }

    // Encrypting: random salt and IV, so two runs differ; openssl opens both.
    std::fs::write(dir.join("new.txt"), "new secret\n").unwrap();
    for out_name in ["enc1.pem", "enc2.pem"] {
        let out = certlens(
            &dir,
            &[
                "@leaf-p256.key",
                "--to",
                "encrypted",
                "--new-password-file",
                "new.txt",
                "--out",
                out_name,
            ],
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let (a, b) = (
        std::fs::read(dir.join("enc1.pem")).unwrap(),
        std::fs::read(dir.join("enc2.pem")).unwrap(),
    );
    assert_ne!(a, b);
    assert_eq!(
        reread(&a, Some(b"new secret"))[0].1,
        Some(md5_of("leaf-p256.key"))
    );
    if openssl_available() {
        let theirs = openssl(
            &dir,
            &b,
            &["pkey", "-passin", "pass:new secret", "-in", "{in}"],
        );
        assert_eq!(theirs, fixture("leaf-p256.key"));
    }

    // Decrypting with the password file, in Japanese.
    let out = certlens(
        &dir,
        &[
            "@leaf-rsa2048.enc-pbkdf2.key",
            "--to",
            "pkcs1",
            "--password-file",
            "@password.txt",
            "--out",
            "rsa.key",
            "--lang",
            "ja",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "rsa.key に書き込みました：RSA 秘密鍵（PKCS#1）、PEM 形式\n"
    );
    assert_eq!(
        std::fs::read(dir.join("rsa.key")).unwrap(),
        fixture("leaf-rsa2048.pkcs1.key")
    );
}

#[test]
fn cli_refuses_to_overwrite_and_reports_errors_with_exit_2() {
    let dir = scratch("cli-errors");
    std::fs::write(dir.join("taken.pem"), "mine").unwrap();
    let out = certlens(
        &dir,
        &["@leaf-rsa2048.der", "--to", "pem", "--out", "taken.pem"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "certlens: taken.pem already exists; certlens overwrites files only with --force\n"
    );
    assert_eq!(std::fs::read(dir.join("taken.pem")).unwrap(), b"mine");
    // Nothing at all is written when one of several files exists.
    std::fs::create_dir_all(dir.join("out")).unwrap();
    std::fs::write(dir.join("out/key.pem"), "mine").unwrap();
    let out = certlens(
        &dir,
        &["@bundle-with-key.pem", "--to", "split", "--out-dir", "out"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.join("out/1-www.example.com.pem").exists());
    // --force overwrites, and a key's file becomes 0600.
    let out = certlens(
        &dir,
        &[
            "@bundle-with-key.pem",
            "--to",
            "split",
            "--out-dir",
            "out",
            "--force",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        std::fs::read(dir.join("out/key.pem")).unwrap(),
        fixture("leaf-rsa2048.key")
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(dir.join("out/key.pem"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    for (args, message) in [
        (
            vec!["@leaf-rsa2048.enc-pbkdf2.key", "--to", "plain", "--out", "k.pem", "--password-file", "@wrong-password.txt"],
            "leaf-rsa2048.enc-pbkdf2.key, block 1, line 1: wrong password for the encrypted private key",
        ),
        (
            vec!["@leaf-rsa2048.enc-pbkdf2.key", "--to", "plain", "--out", "k.pem"],
            "the private key is encrypted; give its password with --password-file",
        ),
        (
            vec!["@fullchain.pem", "--to", "der", "--out", "x.der"],
            "this conversion writes 3 files; give --out-dir DIR instead of --out",
        ),
        (vec!["@fullchain.pem", "--to", "pem"], "say where to write"),
        (
            vec!["@leaf-rsa2048.pem", "--to", "pkcs8", "--out", "k.pem"],
            "nothing in the inputs converts to this format",
        ),
        (
            vec!["@leaf-p256.key", "--to", "encrypted", "--out", "k.pem"],
            "encrypting keys needs a new password",
        ),
        (
            vec!["@leaf-p256.key", "--to", "pkcs1", "--out", "k.pem", "--lang", "zh"],
            "这不是 RSA 私钥",
        ),
    ] {
        let out = certlens(&dir, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert!(!dir.join("k.pem").exists() && !dir.join("x.der").exists());
    }
}

#[test]
fn cli_reads_standard_input_and_bundles_der_files() {
    use std::io::Write as _;
    let dir = scratch("cli-stdin");
    let mut child = Command::new(env!("CARGO_BIN_EXE_certlens"))
        .current_dir(&dir)
        .args(["convert", "-", "--to", "pem", "--out", "leaf.pem"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&fixture("leaf-rsa2048.der"))
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        std::fs::read(dir.join("leaf.pem")).unwrap(),
        fixture("leaf-rsa2048.pem")
    );
    // DER files given together become one PEM bundle, in the order given.
    let out = certlens(
        &dir,
        &[
            "@leaf-rsa2048.der",
            "@int2.der",
            "--to",
            "pem",
            "--out",
            "chain.pem",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    let expected = [fixture("leaf-rsa2048.pem"), fixture("int2.pem")].concat();
    assert_eq!(std::fs::read(dir.join("chain.pem")).unwrap(), expected);
}

/// Keys of every curve and RSA size openssl makes, through PKCS#8 → SEC1/PKCS#1 → PKCS#8 →
/// encrypted → plain, compared with openssl at each step.
#[test]
fn every_key_type_round_trips_like_openssl() {
    if !openssl_available() {
        return;
    }
    let dir = scratch("key-types");
    let cases: [(&str, &[&str], Option<Target>); 7] = [
        (
            "rsa3072",
            &["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:3072"],
            Some(Target::Pkcs1),
        ),
        (
            "rsa4096",
            &["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:4096"],
            Some(Target::Pkcs1),
        ),
        (
            "p256",
            &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
            Some(Target::Sec1),
        ),
        (
            "p384",
            &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"],
            Some(Target::Sec1),
        ),
        (
            "p521",
            &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-521"],
            Some(Target::Sec1),
        ),
        (
            "k256",
            &[
                "-algorithm",
                "EC",
                "-pkeyopt",
                "ec_paramgen_curve:secp256k1",
            ],
            Some(Target::Sec1),
        ),
        ("ed25519", &["-algorithm", "ED25519"], None),
    ];
    for (name, args, traditional) in cases {
        let mut genpkey = vec!["genpkey"];
        genpkey.extend_from_slice(args);
        let pkcs8 = openssl(&dir, b"", &genpkey);
        let md5 = reread(&pkcs8, None)[0].1.clone().expect("a public key");
        let key_input = |data: &[u8]| [Input::new(name, data.to_vec())];
        if let Some(target) = traditional {
            let ours = convert(&key_input(&pkcs8), &options(target)).unwrap();
            let theirs = openssl(&dir, &pkcs8, &["pkey", "-traditional", "-in", "{in}"]);
            assert_eq!(ours[0].data, theirs, "{name} → {target:?}");
            let back = convert(&key_input(&ours[0].data), &options(Target::Pkcs8)).unwrap();
            let theirs = openssl(
                &dir,
                &ours[0].data,
                &["pkcs8", "-topk8", "-nocrypt", "-in", "{in}"],
            );
            assert_eq!(back[0].data, theirs, "{name} back to PKCS#8");
            assert_eq!(back[0].data, pkcs8, "{name}");
        }
        let mut enc = options(Target::Encrypted);
        enc.new_password = Some(b"pw".to_vec());
        enc.iterations = 10_000;
        let encrypted = convert(&key_input(&pkcs8), &enc).unwrap();
        assert_eq!(
            reread(&encrypted[0].data, Some(b"pw"))[0].1,
            Some(md5.clone()),
            "{name}"
        );
        let theirs = openssl(
            &dir,
            &encrypted[0].data,
            &["pkey", "-passin", "pass:pw", "-in", "{in}"],
        );
        assert_eq!(theirs, pkcs8, "{name}: openssl decrypts ours");
        let openssl_encrypted = openssl(
            &dir,
            &pkcs8,
            &[
                "pkcs8",
                "-topk8",
                "-v2",
                "aes-256-cbc",
                "-passout",
                "pass:pw",
                "-in",
                "{in}",
            ],
        );
        let mut plain = options(Target::Plain);
        plain.password = Some(b"pw".to_vec());
        let ours = convert(&key_input(&openssl_encrypted), &plain).unwrap();
        assert_eq!(ours[0].data, pkcs8, "{name}: we decrypt openssl's");
    }
}

/// Damaged fixtures (bytes flipped, cut, duplicated) through every target: outputs or an
/// error, never a panic; outputs are readable again.
#[test]
fn damaged_inputs_never_panic() {
    let files = [
        "bundle-with-key.pem",
        "chain.p7b",
        "chain.p7b.der",
        "leaf-rsa2048.der",
        "leaf-p256.sec1.key",
        "leaf-rsa2048.pkcs1.key",
        "leaf-rsa2048.key.der",
        "leaf-p256.enc-aes128.key",
        "csr-rsa2048.der",
        "messy-text-between.pem",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for round in 0..400 {
        let mut data = fixture(files[round % files.len()]);
        for _ in 0..1 + next() % 4 {
            if data.is_empty() {
                break;
            }
            let at = (next() % data.len() as u64) as usize;
            match next() % 3 {
                0 => data[at] ^= 1 << (next() % 8),
                1 => data.truncate(at),
                _ => {
                    let piece = data[at..].to_vec();
                    data.extend_from_slice(&piece[..piece.len().min(40)]);
                }
            }
        }
        for target in Target::ALL {
            let mut opts = options(target);
            opts.password = Some(PASSWORD.to_vec());
            opts.new_password = Some(b"x".to_vec());
            opts.iterations = 1000;
            if let Ok(outputs) = convert(&[Input::new("damaged", data.clone())], &opts) {
                for o in outputs {
                    let password =
                        matches!(target, Target::Encrypted | Target::Pfx).then_some(&b"x"[..]);
                    assert!(
                        !reread(&o.data, password).is_empty(),
                        "round {round} {target:?}"
                    );
                }
            }
        }
    }
}
