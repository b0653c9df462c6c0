//! Resource limits: hostile or absurd inputs must end in bounded time and memory with a
//! finding that says which limit was hit. Assertions are about behaviour (finding codes,
//! counts, chain shapes); each test prints how long it took, but speed goals live in
//! bench/, not here.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use certlens::chain::MAX_SIGNATURE_CHECKS;
use certlens::input::{MAX_BLOCKS, MAX_INPUT_BYTES};
use certlens::report::MAX_FINDINGS_PER_CODE;
use certlens::tlv::{self, read_tlv};
use certlens::{inspect, Input, Options, Report, Severity};
use common::*;

const FIFTY_MB: usize = 50 * 1024 * 1024;

/// Inspects and prints how long it took (for the log; nothing is asserted about time).
fn timed(label: &str, inputs: &[Input], options: &Options) -> Report {
    let start = Instant::now();
    let report = inspect(inputs, options);
    eprintln!(
        "{label}: {:.0} ms, {} objects, {} findings",
        start.elapsed().as_secs_f64() * 1000.0,
        report.objects.len(),
        report.findings.len()
    );
    report
}

/// `total` findings of `code`: the first MAX_FINDINGS_PER_CODE listed, one summary for the rest.
fn assert_folded(report: &Report, code: &str, total: usize) {
    assert_eq!(count(report, code), MAX_FINDINGS_PER_CODE, "{code}");
    let summary = report
        .findings
        .iter()
        .find(|f| f.code == "more_findings" && f.message.contains(&format!("\"{code}\"")))
        .unwrap_or_else(|| panic!("no summary of {code}"));
    let more = total - MAX_FINDINGS_PER_CODE;
    assert!(
        summary.message.starts_with(&format!("{more} more")),
        "{}",
        summary.message
    );
}

fn count(report: &Report, code: &str) -> usize {
    report.findings.iter().filter(|f| f.code == code).count()
}

/// The finding with this code; fails listing the codes found.
fn expect<'a>(report: &'a Report, code: &str) -> &'a certlens::Finding {
    find(report, code)
        .unwrap_or_else(|| panic!("no {code} finding; codes: {:?}", distinct_codes(report)))
}

fn distinct_codes(report: &Report) -> Vec<&'static str> {
    let mut codes = codes(report);
    codes.sort_unstable();
    codes.dedup();
    codes
}

fn certificates(report: &Report) -> usize {
    report
        .objects
        .iter()
        .filter(|o| o.kind == certlens::report::ObjectKind::Certificate)
        .count()
}

/// A deterministic xorshift stream, so "random" inputs are the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// The DER of the first block of a PEM fixture.
fn fixture_der(name: &str) -> Vec<u8> {
    pem::parse(fixture(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .into_contents()
}

// --- (a) 50 MB pastes ---------------------------------------------------------------------

#[test]
fn fifty_mb_of_one_certificate_reads_up_to_the_block_limit() {
    let pem = fixture("leaf-rsa2048.pem");
    let copies = FIFTY_MB / pem.len() + 1;
    assert!(
        copies > MAX_BLOCKS,
        "the paste must hold more blocks than the limit"
    );
    let data = pem.repeat(copies);
    let report = timed(
        "50 MB of one certificate",
        &[Input::new("paste", data)],
        &options(),
    );

    let finding = expect(&report, "too_many_blocks");
    assert_eq!(finding.severity, Severity::Error);
    assert!(
        finding.message.contains(&MAX_BLOCKS.to_string()),
        "{}",
        finding.message
    );
    assert_eq!(count(&report, "too_many_blocks"), 1);
    // Exactly the first MAX_BLOCKS blocks were read: one certificate and its copies.
    assert_eq!(certificates(&report), MAX_BLOCKS);
    // One certificate and its copies: the first copies are listed, the rest summarised.
    assert_eq!(count(&report, "duplicate"), MAX_FINDINGS_PER_CODE);
    assert_folded(&report, "duplicate", MAX_BLOCKS - 1);
    assert_eq!(report.chain.order, vec![0]);
}

#[test]
fn fifty_mb_of_printable_garbage_is_not_recognized() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut data = Vec::with_capacity(FIFTY_MB);
    // Printable ASCII in 76-character lines; never starts with '0' (0x30, a DER SEQUENCE).
    data.push(b'x');
    while data.len() < FIFTY_MB {
        if data.len() % 77 == 76 {
            data.push(b'\n');
        } else {
            data.push(b' ' + (rng.next() % 95) as u8);
        }
    }
    let report = timed(
        "50 MB of printable garbage",
        &[Input::new("paste", data)],
        &options(),
    );
    let finding = expect(&report, "not_recognized");
    assert_eq!(finding.severity, Severity::Error);
    assert!(report.objects.is_empty());
    assert_eq!(distinct_codes(&report), vec!["not_recognized"]);
}

#[test]
fn fifty_mb_of_bare_base64_garbage_is_not_recognized() {
    // Only base64 characters: the "body pasted without BEGIN/END" path decodes all of it.
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let mut data = Vec::with_capacity(FIFTY_MB);
    data.push(b'M');
    while data.len() < FIFTY_MB {
        data.push(if data.len() % 65 == 64 {
            b'\n'
        } else {
            ALPHABET[(rng.next() % 64) as usize]
        });
    }
    let report = timed(
        "50 MB of bare base64 garbage",
        &[Input::new("paste", data)],
        &options(),
    );
    expect(&report, "not_recognized");
    assert!(report.objects.is_empty());
}

#[test]
fn one_fifty_mb_pem_block_is_reported_not_read() {
    // A single CERTIFICATE block whose base64 body is 50 MB of noise.
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let mut data = b"-----BEGIN CERTIFICATE-----\n".to_vec();
    while data.len() < FIFTY_MB {
        data.push(if data.len() % 65 == 64 {
            b'\n'
        } else {
            ALPHABET[(rng.next() % 64) as usize]
        });
    }
    data.extend_from_slice(b"\n-----END CERTIFICATE-----\n");
    let report = timed(
        "one 50 MB PEM block",
        &[Input::new("paste", data)],
        &options(),
    );
    // Random bytes are not a DER element (or not a whole one): the block is reported as damaged.
    let errors = errors(&report);
    assert!(!errors.is_empty(), "{:?}", distinct_codes(&report));
    assert!(
        errors.iter().all(|f| f.check == certlens::Family::Format),
        "{:?}",
        distinct_codes(&report)
    );
    assert_eq!(certificates(&report), 0);
}

#[test]
fn an_input_over_the_size_limit_is_refused_whole() {
    let data = vec![b'A'; MAX_INPUT_BYTES + 1];
    let report = timed(
        "input over MAX_INPUT_BYTES",
        &[Input::new("huge", data)],
        &options(),
    );
    let finding = expect(&report, "too_large");
    let limit_mib = (MAX_INPUT_BYTES / (1024 * 1024)).to_string();
    assert!(finding.message.contains(&limit_mib), "{}", finding.message);
    assert!(report.objects.is_empty());
}

// --- (b) many tiny blocks ------------------------------------------------------------------

#[test]
fn a_hundred_thousand_tiny_blocks_stop_at_the_block_limit() {
    let block = b"-----BEGIN CERTIFICATE-----\nMA==\n-----END CERTIFICATE-----\n";
    let data = block.repeat(100_000);
    let report = timed(
        "100,000 tiny PEM blocks",
        &[Input::new("tiny", data)],
        &options(),
    );

    let finding = expect(&report, "too_many_blocks");
    assert!(
        finding.message.contains(&MAX_BLOCKS.to_string()),
        "{}",
        finding.message
    );
    // The block after the limit is named: block MAX_BLOCKS + 1, at its BEGIN line.
    let location = finding.location.as_ref().expect("a location");
    assert_eq!(location.block, Some(MAX_BLOCKS));
    assert_eq!(location.line, Some(3 * MAX_BLOCKS + 1));
    // Each block read decodes to one byte, 0x30: a DER header cut short.
    assert_folded(&report, "truncated", MAX_BLOCKS);
    assert!(report.objects.is_empty());
}

#[test]
fn tiny_blocks_spread_over_many_inputs_share_one_block_budget() {
    let block = b"-----BEGIN CERTIFICATE-----\nMA==\n-----END CERTIFICATE-----\n";
    let inputs: Vec<Input> = (0..10)
        .map(|i| Input::new(format!("part{i}"), block.repeat(10_000)))
        .collect();
    let report = timed("10 inputs of 10,000 tiny blocks", &inputs, &options());
    // Lost blocks count too: MAX_BLOCKS in all, then each further input stops at once.
    assert_folded(&report, "truncated", MAX_BLOCKS);
    assert_eq!(
        count(&report, "too_many_blocks"),
        inputs.len() - MAX_BLOCKS / 10_000
    );
    assert!(report.objects.is_empty());
}

#[test]
fn a_pkcs7_bundle_with_a_hundred_thousand_members_stops_at_the_block_limit() {
    // Degenerate SignedData whose certificate set holds 100,000 empty SEQUENCEs.
    let members: Vec<u8> = [tlv::SEQUENCE, 0].repeat(100_000);
    let signed_data = tlv::encode(
        tlv::SEQUENCE,
        &[
            tlv::encode(tlv::INTEGER, &[1]),
            tlv::encode(tlv::SET, &[]),
            tlv::encode(
                tlv::SEQUENCE,
                &tlv::encode(
                    tlv::OID,
                    &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01],
                ),
            ),
            tlv::encode(tlv::CONTEXT_0, &members),
            tlv::encode(tlv::SET, &[]),
        ]
        .concat(),
    );
    let p7 = tlv::encode(
        tlv::SEQUENCE,
        &[
            tlv::encode(
                tlv::OID,
                &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02],
            ),
            tlv::encode(tlv::CONTEXT_0, &signed_data),
        ]
        .concat(),
    );
    let report = timed(
        "PKCS#7 with 100,000 members",
        &[Input::new("bundle.p7b", p7)],
        &options(),
    );
    let finding = expect(&report, "too_many_blocks");
    assert!(
        finding.message.contains(&MAX_BLOCKS.to_string()),
        "{}",
        finding.message
    );
    // The bundle's own block counts as one; its members fill the rest of the budget.
    assert_eq!(report.objects.len(), MAX_BLOCKS - 1);
}

// --- (c) deep ASN.1 nesting ----------------------------------------------------------------

/// `depth` SEQUENCEs, each holding the next, around an empty SEQUENCE.
fn nested(depth: usize, tag: u8) -> Vec<u8> {
    let mut out = tlv::encode(tag, &[]);
    for _ in 0..depth {
        out = tlv::encode(tag, &out);
    }
    out
}

fn pem_text(label: &str, der: &[u8]) -> Vec<u8> {
    certlens::report::pem_block(label, der).into_bytes()
}

#[test]
fn asn1_nested_ten_thousand_deep_is_rejected() {
    let deep = nested(10_000, tlv::SEQUENCE);
    // Shaped like a certificate (TBS, algorithm, signature) so the X.509 parser is reached.
    let cert_shaped = tlv::encode(
        tlv::SEQUENCE,
        &[
            nested(10_000, tlv::SEQUENCE),
            tlv::encode(tlv::SEQUENCE, &[]),
            tlv::encode(tlv::BIT_STRING, &[0]),
        ]
        .concat(),
    );
    // The nesting in a TBS field parsers read generically (the signature algorithm parameters).
    let tbs_shaped = tlv::encode(
        tlv::SEQUENCE,
        &[
            tlv::encode(
                tlv::SEQUENCE,
                &[
                    tlv::encode(tlv::INTEGER, &[1]),
                    tlv::encode(
                        tlv::SEQUENCE,
                        &[
                            tlv::encode(
                                tlv::OID,
                                &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b],
                            ),
                            deep.clone(),
                        ]
                        .concat(),
                    ),
                    nested(10_000, tlv::SET),
                    nested(10_000, tlv::SEQUENCE),
                    tlv::encode(tlv::SEQUENCE, &[]),
                    tlv::encode(tlv::SEQUENCE, &[]),
                ]
                .concat(),
            ),
            tlv::encode(tlv::SEQUENCE, &[]),
            tlv::encode(tlv::BIT_STRING, &[0]),
        ]
        .concat(),
    );
    let pkcs7_shaped = tlv::encode(
        tlv::SEQUENCE,
        &[
            tlv::encode(
                tlv::OID,
                &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02],
            ),
            tlv::encode(tlv::CONTEXT_0, &deep),
        ]
        .concat(),
    );
    let cases: Vec<(&str, Input)> = vec![
        (
            "CERTIFICATE block",
            Input::new("deep.pem", pem_text("CERTIFICATE", &deep)),
        ),
        ("raw DER", Input::new("deep.der", deep.clone())),
        (
            "certificate-shaped PEM",
            Input::new("deep-cert.pem", pem_text("CERTIFICATE", &cert_shaped)),
        ),
        (
            "certificate-shaped DER",
            Input::new("deep-cert.der", cert_shaped.clone()),
        ),
        (
            "TBS-shaped DER",
            Input::new("deep-tbs.der", tbs_shaped.clone()),
        ),
        (
            "PKCS#7-shaped DER",
            Input::new("deep.p7b", pkcs7_shaped.clone()),
        ),
        (
            "PRIVATE KEY block",
            Input::new("deep.key", pem_text("PRIVATE KEY", &deep)),
        ),
        (
            "PUBLIC KEY block",
            Input::new("deep.pub", pem_text("PUBLIC KEY", &deep)),
        ),
        (
            "CERTIFICATE REQUEST block",
            Input::new("deep.csr", pem_text("CERTIFICATE REQUEST", &deep)),
        ),
    ];
    for (label, input) in cases {
        let report = timed(&format!("10,000-deep ASN.1, {label}"), &[input], &options());
        eprintln!("  codes: {:?}", distinct_codes(&report));
        assert_eq!(certificates(&report), 0, "{label}");
        if label.starts_with("PKCS#7") {
            // A SignedData without a certificates field holds no certificate: nothing is
            // read, and the report says the bundle is empty (the CLI then exits 2).
            assert!(report.nothing_readable(), "{label}");
            assert!(
                expect(&report, "unparseable")
                    .message
                    .contains("no certificates"),
                "{label}"
            );
            continue;
        }
        let errors = errors(&report);
        assert!(
            !errors.is_empty(),
            "{label}: no error; codes {:?}",
            distinct_codes(&report)
        );
        assert!(
            errors.iter().all(|f| f.check == certlens::Family::Format),
            "{label}: codes {:?}",
            distinct_codes(&report)
        );
    }
    // Mislabelled or not, an unknown deep structure is named as unparseable, not a crash.
    let report = inspect(&[Input::new("deep.der", deep)], &options());
    expect(&report, "unparseable");
    let report = inspect(
        &[Input::new(
            "deep.pem",
            pem_text("CERTIFICATE", &nested(10_000, tlv::SEQUENCE)),
        )],
        &options(),
    );
    expect(&report, "unparseable");
}

// --- (d) chain loops -----------------------------------------------------------------------

/// Runs `openssl` with the words of `command` as arguments.
fn openssl(dir: &Path, command: &str) {
    let args: Vec<&str> = command.split_whitespace().collect();
    let output = Command::new("openssl")
        .args(&args)
        .current_dir(dir)
        .env("OPENSSL_CONF", dir.join("openssl.cnf"))
        .output()
        .unwrap_or_else(|e| panic!("these tests need the openssl CLI: {e}"));
    assert!(
        output.status.success(),
        "openssl {command}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Two CA certificates that issue each other: `a.pem` (subject CN=`a_name`) is signed by B's
/// key with B's name as issuer, and `b.pem` by A's key with A's name; `leaf.pem` is issued by
/// A. Equal names make the pair self-issued, like a key rollover's two cross-certificates.
fn make_loop(dir: &Path, a_name: &str, b_name: &str) {
    let files = [
        (
            "openssl.cnf",
            "[ req ]\ndistinguished_name = dn\nprompt = no\n[ dn ]\nCN = placeholder\n\
             [ v3 ]\nbasicConstraints = critical, CA:TRUE\nsubjectKeyIdentifier = hash\n",
        ),
        (
            "ca.ext",
            "basicConstraints = critical, CA:TRUE\nkeyUsage = critical, keyCertSign, cRLSign\n\
             subjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\n",
        ),
        (
            "leaf.ext",
            "basicConstraints = CA:FALSE\nkeyUsage = critical, digitalSignature\n\
             extendedKeyUsage = serverAuth\nsubjectAltName = DNS:loop.example.com\n\
             authorityKeyIdentifier = keyid\n",
        ),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    for key in ["a", "b", "leaf"] {
        openssl(
            dir,
            &format!("genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out {key}.key"),
        );
    }
    // B's name and key, self-signed: only a stepping stone to issue A from.
    openssl(
        dir,
        &format!(
            "req -new -x509 -key b.key -subj /CN={b_name} -days 3650 -extensions v3 -out b0.pem"
        ),
    );
    let issue = |key: &str, name: &str, ca: &str, ca_key: &str, ext: &str, serial: u8| {
        openssl(
            dir,
            &format!("req -new -key {key}.key -subj /CN={name} -out req.csr"),
        );
        openssl(
            dir,
            &format!(
                "x509 -req -in req.csr -CA {ca}.pem -CAkey {ca_key}.key -set_serial {serial} \
                 -days 3650 -sha256 -extfile {ext}.ext -out {key}.pem"
            ),
        );
    };
    issue("a", a_name, "b0", "b", "ca", 1);
    issue("b", b_name, "a", "a", "ca", 2);
    issue("leaf", "loop.example.com", "a", "a", "leaf", 3);
}

#[test]
fn a_chain_loop_terminates() {
    let dir = scratch("loop");
    make_loop(&dir, "Loop-CA-A", "Loop-CA-B");
    let read = |name: &str| Input::new(name, std::fs::read(dir.join(name)).unwrap());
    let options = Options {
        at: now(),
        ..Options::default()
    };

    // leaf ← A ← B ← A ...: the path stops when it would revisit A.
    let report = timed(
        "loop: leaf, A, B",
        &[Input::new(
            "loop.pem",
            [
                read("leaf.pem").data,
                read("a.pem").data,
                read("b.pem").data,
            ]
            .concat(),
        )],
        &options,
    );
    assert_eq!(report.chain.order, vec![0, 1, 2]);
    assert!(!report.chain.complete && !report.chain.trusted);
    let finding = expect(&report, "chain_loop");
    assert!(finding.message.contains("Loop-CA-A"), "{}", finding.message);
    assert!(!has(&report, "missing_intermediate"));
    assert!(report.summary.errors > 0);

    // Only the two CAs: each issues the other, so neither is a leaf; the first is taken.
    let report = timed(
        "loop: A, B",
        &[Input::new(
            "loop.pem",
            [read("a.pem").data, read("b.pem").data].concat(),
        )],
        &options,
    );
    assert_eq!(report.chain.order, vec![0, 1]);
    assert!(!report.chain.complete);
    expect(&report, "chain_loop");

    // Trusting either CA settles it: leaf ← A with A as the anchor, or leaf ← A ← B.
    let bundle = [
        read("leaf.pem").data,
        read("a.pem").data,
        read("b.pem").data,
    ]
    .concat();
    for root in ["a.pem", "b.pem"] {
        let trusted = Options {
            trust: vec![read(root)],
            ..options.clone()
        };
        let report = timed(
            &format!("loop: leaf, A, B with {root} trusted"),
            &[Input::new("loop.pem", bundle.clone())],
            &trusted,
        );
        assert!(
            report.chain.trusted,
            "{root}: {:?}",
            distinct_codes(&report)
        );
        assert_eq!(report.chain.order[..2], [0, 1], "{root}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_self_issued_loop_terminates() {
    // Same name on both: each is self-issued, and each is signed by the other's key.
    let dir = scratch("rollover");
    make_loop(&dir, "Rollover-CA", "Rollover-CA");
    let read = |name: &str| std::fs::read(dir.join(name)).unwrap();
    let options = Options {
        at: now(),
        ..Options::default()
    };
    let bundle = [read("leaf.pem"), read("a.pem"), read("b.pem")].concat();
    let report = timed(
        "self-issued loop: leaf, A, B",
        &[Input::new("rollover.pem", bundle)],
        &options,
    );
    assert_eq!(report.chain.order, vec![0, 1, 2]);
    assert!(!report.chain.complete && !report.chain.trusted);
    assert!(report.summary.errors > 0, "{:?}", distinct_codes(&report));
    let _ = std::fs::remove_dir_all(&dir);
}

// --- (e) many same-name intermediates -------------------------------------------------------

/// Byte offsets of the serial number's and the RSA modulus's contents in a certificate.
fn serial_and_modulus(cert: &[u8]) -> (std::ops::Range<usize>, std::ops::Range<usize>) {
    let offset = |part: &[u8]| part.as_ptr() as usize - cert.as_ptr() as usize;
    let (outer, _) = read_tlv(cert).unwrap();
    let (tbs, _) = read_tlv(outer.value).unwrap();
    let fields = tlv::children(tbs.value, 16).unwrap();
    assert_eq!(fields[0].tag, tlv::CONTEXT_0, "a v3 certificate");
    let serial = fields[1].value;
    let spki = tlv::children(fields[6].value, 2).unwrap();
    let rsa_key = &spki[1].value[1..]; // BIT STRING contents after its unused-bits byte
    let (rsa_key, _) = read_tlv(rsa_key).unwrap();
    let (modulus, _) = read_tlv(rsa_key.value).unwrap();
    let (s, m) = (offset(serial), offset(modulus.value));
    (s..s + serial.len(), m..m + modulus.value.len())
}

/// `count` copies of int2 (same subject, same key identifier) with altered serial numbers,
/// so that int1's signature on each no longer verifies; with `new_keys`, each also gets a
/// different RSA modulus, so that nothing int2 signed verifies with it either.
fn fake_intermediates(count: usize, new_keys: bool) -> Vec<u8> {
    let int2 = fixture_der("int2.pem");
    let (serial, modulus) = serial_and_modulus(&int2);
    let mut pem = Vec::new();
    for i in 0..count {
        let mut der = int2.clone();
        let tag = ((i + 1) as u16).to_be_bytes();
        der[serial.end - 2] ^= tag[0];
        der[serial.end - 1] ^= tag[1];
        if new_keys {
            let middle = modulus.start + modulus.len() / 2;
            der[middle] ^= tag[0];
            der[middle + 1] ^= tag[1];
        }
        pem.extend(pem_text("CERTIFICATE", &der));
    }
    pem
}

fn trust_root() -> Options {
    Options {
        trust: vec![input("root.pem")],
        ..options()
    }
}

#[test]
fn a_thousand_same_name_intermediates_with_broken_signatures() {
    // leaf-rsa2048 verifies with every copy (same key); no copy verifies with int1.
    let bundle = [
        fixture("leaf-rsa2048.pem"),
        fake_intermediates(1000, false),
        fixture("int1.pem"),
    ]
    .concat();
    let report = timed(
        "leaf + 1,000 re-serialled int2 copies + int1",
        &[Input::new("bundle.pem", bundle)],
        &trust_root(),
    );
    assert_eq!(certificates(&report), 1002);
    assert!(!report.chain.trusted);
    assert_eq!(report.chain.order.len(), 2, "leaf and one copy");
    // The copy's own signature is the broken link, and the search says it was cut short.
    expect(&report, "signature_mismatch");
    let limit = find(&report, "search_limited").or_else(|| find(&report, "chain_limit"));
    assert!(
        limit.is_some(),
        "no limit finding; codes {:?}",
        distinct_codes(&report)
    );
}

#[test]
fn a_thousand_same_name_intermediates_with_other_keys_exhaust_the_signature_budget() {
    // Six leaves of int2, each tried against 2,700 impostors: 16,200 checks wanted.
    let leaves = [
        "leaf-rsa2048.pem",
        "leaf-p256.pem",
        "leaf-p384.pem",
        "leaf-ed25519.pem",
        "leaf-ip.pem",
        "leaf-idn.pem",
    ];
    assert!(leaves.len() * 2700 > MAX_SIGNATURE_CHECKS);
    let mut bundle: Vec<u8> = fake_intermediates(2700, true);
    for leaf in leaves {
        bundle.extend(fixture(leaf));
    }
    let report = timed(
        "2,700 int2 impostors + 6 leaves",
        &[Input::new("bundle.pem", bundle)],
        &trust_root(),
    );
    assert_eq!(certificates(&report), 2706);
    assert_eq!(report.chains.len(), leaves.len());
    assert!(report.chains.iter().all(|c| !c.trusted && !c.complete));
    // Leaves met after the budget ran out end at the limit, and say which.
    let finding = expect(&report, "chain_limit");
    assert!(
        finding.message.contains(&MAX_SIGNATURE_CHECKS.to_string()),
        "{}",
        finding.message
    );
    assert!(count(&report, "chain_limit") >= 1);
    // Before it ran out, each impostor was named as a name match whose key did not sign
    // (the first listed, the rest summarised).
    assert_eq!(count(&report, "signature_mismatch"), MAX_FINDINGS_PER_CODE);
    assert!(report
        .findings
        .iter()
        .any(|f| f.code == "more_findings" && f.message.contains("\"signature_mismatch\"")));
}

#[test]
fn a_thousand_self_issued_same_name_intermediates_exhaust_the_signature_budget() {
    // Copies of int2 whose issuer is their own subject (int1's name differs from int2's in
    // its last character only): every copy is a candidate issuer of every other.
    let int2 = fixture_der("int2.pem");
    let (outer, _) = read_tlv(&int2).unwrap();
    let (tbs, _) = read_tlv(outer.value).unwrap();
    let fields = tlv::children(tbs.value, 16).unwrap();
    let (issuer, subject) = (fields[3].raw, fields[5].raw);
    assert_eq!(issuer.len(), subject.len());
    let issuer_at = issuer.as_ptr() as usize - int2.as_ptr() as usize;
    let mut self_issued = int2.clone();
    self_issued[issuer_at..issuer_at + issuer.len()].copy_from_slice(subject);
    let (serial, _) = serial_and_modulus(&self_issued);

    let mut bundle = fixture("leaf-rsa2048.pem");
    for i in 0..1000u16 {
        let mut der = self_issued.clone();
        let tag = (i + 1).to_be_bytes();
        der[serial.end - 2] ^= tag[0];
        der[serial.end - 1] ^= tag[1];
        bundle.extend(pem_text("CERTIFICATE", &der));
    }
    let report = timed(
        "leaf + 1,000 self-issued int2 copies",
        &[Input::new("bundle.pem", bundle)],
        &trust_root(),
    );
    assert_eq!(certificates(&report), 1001);
    assert!(!report.chain.trusted);
    let limit = find(&report, "search_limited").or_else(|| find(&report, "chain_limit"));
    let limit =
        limit.unwrap_or_else(|| panic!("no limit finding; codes {:?}", distinct_codes(&report)));
    assert!(
        limit.message.contains(&MAX_SIGNATURE_CHECKS.to_string()),
        "{}",
        limit.message
    );
}

#[test]
fn slow_keys_take_more_of_the_signature_budget() {
    // 40 copies of the self-signed 16,384-bit certificate with altered serials and moduli:
    // each is a leaf, and each other copy (same name, another 16,384-bit key: a check with a
    // key already tried is not repeated) a candidate issuer whose check fails. 1,600 checks
    // of ~20 ms each would take half a minute; each counts 64 of the budget.
    let original = fixture_der("rsa16384.pem");
    let (serial, modulus) = serial_and_modulus(&original);
    let mut bundle = Vec::new();
    for i in 0..40u16 {
        let mut der = original.clone();
        let tag = (i + 1).to_be_bytes();
        der[serial.end - 2] ^= tag[0];
        der[serial.end - 1] ^= tag[1];
        der[modulus.end - 2] ^= tag[0];
        der[modulus.end - 1] ^= tag[1];
        bundle.extend(pem_text("CERTIFICATE", &der));
    }
    let options = Options {
        at: now(),
        ..Options::default()
    };
    let report = timed(
        "40 altered 16384-bit self-signed copies",
        &[Input::new("big.pem", bundle)],
        &options,
    );
    assert_eq!(certificates(&report), 40);
    let limit = find(&report, "chain_limit").or_else(|| find(&report, "search_limited"));
    let limit =
        limit.unwrap_or_else(|| panic!("no limit finding; codes {:?}", distinct_codes(&report)));
    assert!(
        limit.message.contains(&MAX_SIGNATURE_CHECKS.to_string()),
        "{}",
        limit.message
    );
    assert!(report.chains.iter().all(|c| !c.complete));
}

// --- (f) a 16,384-bit RSA key ----------------------------------------------------------------

#[test]
fn a_16384_bit_rsa_self_signature_is_verified() {
    // tests/fixtures/make-rsa16384.sh made these; "now" keeps the certificate valid.
    let options = Options {
        at: now(),
        ..Options::default()
    };
    let report = timed(
        "16384-bit RSA certificate",
        &[input("rsa16384.pem")],
        &options,
    );
    let cert = &report.objects[0];
    assert_eq!(cert.key.as_ref().map(|k| k.bits), Some(16384));
    assert_eq!(
        cert.self_signed,
        Some(true),
        "self-signature verified; codes {:?}",
        distinct_codes(&report)
    );
    assert!(report.chain.complete && !report.chain.trusted);
    expect(&report, "not_publicly_trusted");

    let report = timed(
        "16384-bit RSA certificate + its key",
        &[input("rsa16384.pem"), input("rsa16384.key")],
        &options,
    );
    assert!(
        report.key_matches.iter().any(|m| m.matches),
        "{:?}",
        distinct_codes(&report)
    );
    assert!(find(&report, "key_inconsistent").is_none());
}

// --- key derivation -----------------------------------------------------------------------

/// A DER INTEGER holding `n`.
fn integer(n: u64) -> Vec<u8> {
    let bytes = n.to_be_bytes();
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(7);
    // A leading zero keeps it positive.
    let zero = (bytes[start] & 0x80 != 0).then_some(0);
    let content: Vec<u8> = zero.into_iter().chain(bytes[start..].to_vec()).collect();
    tlv::encode(tlv::INTEGER, &content)
}

/// A PBES2 (AES-256-CBC) EncryptedPrivateKeyInfo derived with `kdf`, whose ciphertext no
/// password opens: the key is still derived before that shows.
fn encrypted_key(kdf: &[u8]) -> Vec<u8> {
    const PBES2: &[u8] = &[
        0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0d,
    ];
    const AES256_CBC: &[u8] = &[
        0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x2a,
    ];
    let iv = tlv::encode(tlv::OCTET_STRING, &[0; 16]);
    let cipher = tlv::encode(tlv::SEQUENCE, &[AES256_CBC, &iv].concat());
    let parameters = tlv::encode(tlv::SEQUENCE, &[kdf, &cipher].concat());
    let scheme = tlv::encode(tlv::SEQUENCE, &[PBES2, &parameters].concat());
    let ciphertext = tlv::encode(tlv::OCTET_STRING, &[0; 32]);
    tlv::encode(tlv::SEQUENCE, &[scheme, ciphertext].concat())
}

#[test]
fn encrypted_keys_share_one_key_derivation_budget() {
    const PBKDF2: &[u8] = &[
        0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0c,
    ];
    const HMAC_SHA256: &[u8] = &[0x06, 0x08, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x09];
    const SCRYPT: &[u8] = &[
        0x06, 0x09, 0x2b, 0x06, 0x01, 0x04, 0x01, 0xda, 0x47, 0x04, 0x0b,
    ];
    let salt = tlv::encode(tlv::OCTET_STRING, b"saltsalt");
    // PBKDF2-HMAC-SHA256 at its limit of 10,000,000 iterations.
    let sha256 = [HMAC_SHA256, &[0x05, 0x00]].concat();
    let sha256 = tlv::encode(tlv::SEQUENCE, &sha256);
    let pbkdf2 = [salt.clone(), integer(10_000_000), sha256].concat();
    let pbkdf2 = tlv::encode(
        tlv::SEQUENCE,
        &[PBKDF2, &tlv::encode(tlv::SEQUENCE, &pbkdf2)].concat(),
    );
    // scrypt at its limits: 64 MiB (N=2^16, r=8), p=16.
    let scrypt = [salt, integer(1 << 16), integer(8), integer(16)].concat();
    let scrypt = tlv::encode(
        tlv::SEQUENCE,
        &[SCRYPT, &tlv::encode(tlv::SEQUENCE, &scrypt)].concat(),
    );
    let keys = [pbkdf2, scrypt].map(|kdf| pem_text("ENCRYPTED PRIVATE KEY", &encrypted_key(&kdf)));
    let options = Options {
        password: Some(b"not the password".to_vec()),
        ..Options::default()
    };
    // Each alone is tried; together they would overdraw the budget, so the second is
    // refused before any work (the first takes about 2 s).
    let report = timed(
        "keys at the derivation limits",
        &[Input::new("keys.pem", keys.concat())],
        &options,
    );
    assert_eq!(
        count(&report, "wrong_password"),
        1,
        "{:?}",
        distinct_codes(&report)
    );
    let refused = expect(&report, "decrypt_failed");
    assert!(
        refused.message.contains("on its own"),
        "{}",
        refused.message
    );
}
