//! What each fuzz target runs on one input: the libFuzzer drivers in `fuzz_targets/` call
//! these, and so can a test that replays an input that once failed (DEVELOPERS.md,
//! "Fuzzing").
//!
//! Beyond "no panic", each harness asserts a few invariants the front ends rely on, so a
//! wrong answer fails like a crash does.
#![forbid(unsafe_code)]

use std::net::IpAddr;

use certlens::crypto::{self, PrivateKeyFormat, PublicKey};
use certlens::input::{self, pkcs7, Input};
use certlens::model::{Certificate, Csr};
use certlens::public_intermediates::PublicIntermediates;
use certlens::root_programs::{verdict, Client, LeafFacts, RootPrograms};
use certlens::subject_name::{self, Host};
use certlens::tlv;
use certlens::trust_store::TrustStore;
use certlens::{Catalogue, Data, Options, Report, TextStyle};
use x509_parser::extensions::{GeneralName, GeneralSubtree, NameConstraints};
use x509_parser::prelude::{FromDer, X509Certificate, X509Name};

/// The password of the encrypted fixture keys (`tests/fixtures/password.txt`): mutated
/// encrypted keys still get past the key derivation to the decryption and what follows.
const FIXTURE_PASSWORD: &[u8] = b"correct horse";
/// The fixtures' "now" (`tests/fixtures/README.md`), so mutated chains are valid by default.
const FIXTURE_AT: i64 = 1_780_272_000;

/// The data files certlens ships (data/*.der), read once: the harnesses judge public trust
/// and complete chains as the CLI does (this package builds certlens without its bundled
/// data, to keep the fuzzing build small).
fn shipped_data() -> (Data<RootPrograms>, Data<PublicIntermediates>) {
    static DATA: std::sync::OnceLock<(Data<RootPrograms>, Data<PublicIntermediates>)> =
        std::sync::OnceLock::new();
    DATA.get_or_init(|| {
        let roots = RootPrograms::read(include_bytes!("../../data/root-programs.der"))
            .expect("data/root-programs.der reads");
        let mut pool = Vec::new();
        std::io::Read::read_to_end(
            &mut flate2::read::GzDecoder::new(
                include_bytes!("../../data/public-intermediates.der.gz").as_slice(),
            ),
            &mut pool,
        )
        .expect("data/public-intermediates.der.gz inflates");
        let pool = PublicIntermediates::read(pool).expect("data/public-intermediates.der reads");
        (
            Data::Given(std::sync::Arc::new(roots)),
            Data::Given(std::sync::Arc::new(pool)),
        )
    })
    .clone()
}

/// Reads a fuzz input front to back; running out of bytes gives zeros and empty slices.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn byte(&mut self) -> u8 {
        self.take(1).first().copied().unwrap_or(0)
    }
    fn take(&mut self, len: usize) -> &'a [u8] {
        let (head, rest) = self.0.split_at(len.min(self.0.len()));
        self.0 = rest;
        head
    }
    fn rest(&mut self) -> &'a [u8] {
        self.take(self.0.len())
    }
}

/// The whole inspection, as every front end runs it, then both renderings.
///
/// Layout (see `fuzz/seed-corpus.sh`, which writes seeds in it): one flags byte
/// (bits 0-1: inputs - 1; bit 2: a password follows; bit 3: a host follows; bit 4: the last
/// input is the trusted roots; bits 5-6: the instant: the fixtures' "now", 0, the earliest
/// or the latest `i64`); then the password and the host, each as a length byte and bytes;
/// then each input but the last as a big-endian u16 length and bytes; the last input is
/// the rest.
pub fn inspect(data: &[u8]) -> Report {
    let mut reader = Reader(data);
    let flags = reader.byte();
    let count = usize::from(flags & 0b11) + 1;
    let mut options = Options {
        at: [FIXTURE_AT, 0, i64::MIN, i64::MAX][usize::from(flags >> 5 & 0b11)],
        // Texts in another language take other paths through the renderer.
        catalogue: Catalogue::builtin(if flags & 0x80 != 0 { "ja" } else { "en" })
            .unwrap_or_default(),
        root_programs: shipped_data().0,
        intermediates: shipped_data().1,
        ..Options::default()
    };
    if flags & 0b100 != 0 {
        let len = reader.byte();
        options.password = Some(reader.take(usize::from(len)).to_vec());
    }
    if flags & 0b1000 != 0 {
        let len = reader.byte();
        let host = reader.take(usize::from(len));
        options
            .hosts
            .push(String::from_utf8_lossy(host).into_owned());
    }
    let mut inputs: Vec<Input> = (0..count)
        .map(|i| {
            let data = if i + 1 == count {
                reader.rest()
            } else {
                let len = u16::from_be_bytes([reader.byte(), reader.byte()]);
                reader.take(usize::from(len))
            };
            Input::new(format!("input{i}"), data)
        })
        .collect();
    if flags & 0b1_0000 != 0 && count > 1 {
        options.trust.extend(inputs.pop());
    }

    let report = certlens::inspect(&inputs, &options);
    check_report(&report);
    for color in [false, true] {
        let text = certlens::render_text(&report, TextStyle { color }, &options.catalogue);
        assert_terminal_safe(&text, color);
    }
    let json = serde_json::to_string(&report).expect("the report serializes");
    // Hash maps iterate in a different order in each instance: a second run shows whether
    // any of that reaches the report.
    let again = serde_json::to_string(&certlens::inspect(&inputs, &options));
    assert_eq!(
        json,
        again.expect("the report serializes"),
        "same inputs, same report"
    );
    report
}

/// What the renderers (CLI text, the page's JavaScript) take for granted.
fn check_report(report: &Report) {
    let objects = report.objects.len();
    for (index, object) in report.objects.iter().enumerate() {
        assert_eq!(object.id, index, "object ids are their positions");
        if object.kind == certlens::report::ObjectKind::PrivateKey {
            assert!(object.pem.is_none(), "a private key is never echoed");
        }
    }
    let chains = std::iter::once(&report.chain).chain(&report.chains);
    let ids = chains
        .flat_map(|chain| chain.leaf.iter().chain(&chain.order))
        .chain(
            report
                .key_matches
                .iter()
                .flat_map(|m| [&m.key, &m.certificate]),
        )
        .chain(report.hosts.iter().filter_map(|h| h.certificate.as_ref()))
        .chain(report.findings.iter().flat_map(|f| &f.objects));
    for &id in ids {
        assert!(id < objects, "object {id} referenced, {objects} reported");
    }
    let count = |severity| {
        report
            .findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    };
    let summary = &report.summary;
    assert_eq!(summary.errors, count(certlens::Severity::Error));
    assert_eq!(summary.warnings, count(certlens::Severity::Warning));
    assert_eq!(summary.infos, count(certlens::Severity::Info));
}

/// Decoding one input into blocks: the PEM reader and its repairs, bare base64, binary
/// DER. The first byte picks the block limit (1-255 blocks, or the real one) so that the
/// limit path runs on small inputs too.
pub fn pem_text(data: &[u8]) -> input::Decoded {
    let mut reader = Reader(data);
    let max_blocks = match reader.byte() {
        0 => input::MAX_BLOCKS,
        n => usize::from(n),
    };
    let decoded = input::decode(&Input::new("input", reader.rest()), max_blocks);
    assert!(decoded.blocks.len() <= max_blocks);
    assert!(decoded.blocks.len() <= decoded.blocks_read.max(1));
    for block in &decoded.blocks {
        assert!(block.source.line >= 1, "lines are 1-based");
        assert!(block.source.block < decoded.blocks_read.max(1));
        // What was found reads back the same from clean PEM.
        if let Some(label) = &block.label {
            let clean = certlens::report::pem_block(label, &block.der);
            let again = input::decode(&Input::new("clean", clean), 1);
            let ders: Vec<&[u8]> = again.blocks.iter().map(|b| b.der.as_slice()).collect();
            assert_eq!(ders, [block.der.as_slice()], "{label:?} reads back");
            assert_eq!(again.blocks[0].content, block.content);
        }
    }
    decoded
}

/// One DER object through every parser, whatever it looks like: a parser must not rely on
/// the sniffer having vetted its input. Returns what the sniffer took it for.
pub fn der(data: &[u8]) -> input::Content {
    if let Ok((tlv, _)) = tlv::read_tlv(data) {
        tlv::children(tlv.value, 64);
    }
    if let Ok(cert) = Certificate::parse(data) {
        certificate(&cert);
    }
    if let Ok(csr) = Csr::parse(data) {
        if let Ok(key) = &csr.public_key {
            public_key(key);
        }
    }
    for key in [
        PublicKey::from_spki_der(data),
        PublicKey::from_pkcs1_rsa_public_der(data),
    ]
    .into_iter()
    .flatten()
    {
        public_key(&key);
    }
    for format in [
        PrivateKeyFormat::Pkcs8,
        PrivateKeyFormat::Pkcs1Rsa,
        PrivateKeyFormat::Sec1Ec,
    ] {
        if let Ok(key) = crypto::parse_private_key(data, format) {
            public_key(&key.public);
        }
    }
    crypto::describe_encryption(data).ok();
    if let Ok(plain) = crypto::decrypt_pkcs8(data, FIXTURE_PASSWORD) {
        crypto::parse_private_key(&plain, PrivateKeyFormat::Pkcs8).ok();
    }
    pkcs7::certificates(data, 16).ok();
    input::sniff(data)
}

/// One PKCS#12 file opened with the fixtures' password, or without one, alone and through
/// the whole inspection: members stay within the limit, and the protection is described.
///
/// Layout (see `fuzz/seed-corpus.sh`): one flags byte (bit 0: no password), then the file,
/// DER or BER.
pub fn pkcs12(data: &[u8]) -> Report {
    const MAX_MEMBERS: usize = 16;
    let mut reader = Reader(data);
    let password = (reader.byte() & 1 == 0).then_some(FIXTURE_PASSWORD);
    let file = reader.rest();
    let der = tlv::normalise_ber(file).map_or_else(|_| file.to_vec(), |(der, _)| der);
    let mut budget = crypto::KEY_DERIVATION_BUDGET;
    if let Ok(pfx) = input::pkcs12::open(&der, password, MAX_MEMBERS, &mut budget) {
        assert!(pfx.members.len() <= MAX_MEMBERS);
        assert!(!pfx.protection.is_empty());
        for member in &pfx.members {
            if let input::pkcs12::Member::Key { pkcs8, .. } = member {
                crypto::parse_private_key(pkcs8, PrivateKeyFormat::Pkcs8).ok();
            }
        }
    }
    let options = Options {
        at: FIXTURE_AT,
        password: password.map(<[u8]>::to_vec),
        root_programs: shipped_data().0,
        intermediates: shipped_data().1,
        ..Options::default()
    };
    certlens::inspect(&[Input::new("fuzz.p12", file)], &options)
}

/// certlens's own data files, read as the hostile input they could be (a damaged download in
/// the browser, a tampered build): the first byte chooses the reader (bit 0: the public
/// intermediates, else the root programs); the rest is the file. Whatever reads must then
/// work: every root judged for every client at several instants, every intermediate looked
/// up, and a real chain inspected with them.
pub fn data(data: &[u8]) {
    let mut reader = Reader(data);
    let which = reader.byte();
    let file = reader.rest();
    let chain = Input::new(
        "chain.pem",
        include_bytes!("../../tests/fixtures/public/letsencrypt-r3-lencr-chain-2023.pem")
            .as_slice(),
    );
    let mut options = Options {
        at: 1_701_388_800,
        ..Options::default()
    };
    if which & 1 == 1 {
        let Ok(pool) = PublicIntermediates::read(file.to_vec()) else {
            return;
        };
        for position in 0..pool.len().min(64) {
            let der = pool.der(position);
            if let Ok((_, cert)) = X509Certificate::from_der(der) {
                pool.with_subject(cert.subject().as_raw());
            }
        }
        options.intermediates = Data::Given(std::sync::Arc::new(pool));
    } else {
        let Ok(programs) = RootPrograms::read(file) else {
            return;
        };
        let leaf = LeafFacts {
            not_before: 1_700_000_000,
            earliest_sct: Some(1_700_000_100),
        };
        for root in programs.roots.iter().take(64) {
            for client in Client::ALL {
                for at in [i64::MIN, 0, 1_700_000_000, i64::MAX] {
                    verdict::judge(&programs, client, root, &leaf, at);
                }
            }
        }
        let programs = std::sync::Arc::new(programs);
        TrustStore::public(std::sync::Arc::clone(&programs));
        options.root_programs = Data::Given(programs);
    }
    let report = certlens::inspect(&[chain], &options);
    check_report(&report);
}

fn public_key(key: &PublicKey) {
    key.pubkey_md5();
    key.pem();
    assert!(key.same_key(key));
}

/// Everything the checks and the report read from a certificate, and its own name
/// constraints applied to itself (real DER reaching `check_name_constraints`).
fn certificate(cert: &Certificate) {
    cert.is_self_issued();
    cert.is_ca();
    cert.valid_at(FIXTURE_AT);
    cert.key_usage_allows_cert_sign();
    cert.eku_allows_server_auth();
    cert.cn_only();
    cert.sha256_hex();
    if let Ok(key) = &cert.public_key {
        public_key(key);
    }
    crypto::verify_signature(
        &cert.signature_algorithm,
        cert.tbs_bytes(),
        &cert.signature,
        &cert.spki_der,
    )
    .ok();
    let parsed = cert.parsed().expect("a parsed certificate parses again");
    if let Ok(Some(constraints)) = parsed.name_constraints() {
        for is_leaf in [false, true] {
            subject_name::check_name_constraints(constraints.value, &parsed, is_leaf).ok();
        }
    }
}

/// Host names against a certificate's names. The input is text, one item a line: the
/// host the user asks about first, then lines that start with a letter saying what the
/// rest is: `d` a SAN dNSName, `e` an rfc822Name, `u` a URI, `i` an iPAddress in hex
/// (any length, as certificates may hold), `c` the subject CN; `p` and `x` a permitted or
/// excluded subtree, its form the next letter (`d`, `e`, `u`, `i`, or `n` for a directory
/// name CN=...); `s` makes the certificate self-issued, `l` the leaf. Other lines are
/// ignored.
pub fn host_match(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut lines = text.split('\n');
    let host = lines.next().unwrap_or_default();
    let mut case = NamesCase::default();
    for line in lines {
        let mut chars = line.chars();
        let what = chars.next();
        let value = chars.as_str();
        match what {
            Some('s') => case.self_issued = true,
            Some('l') => case.leaf = true,
            Some('c') => case.subject_cn = Some(value),
            Some(form @ ('p' | 'x')) => {
                let mut chars = value.chars();
                let name = chars
                    .next()
                    .and_then(|kind| Name::read(kind, chars.as_str()));
                let subtrees = if form == 'p' {
                    &mut case.permitted
                } else {
                    &mut case.excluded
                };
                subtrees.extend(name);
            }
            Some(kind) => case.sans.extend(Name::read(kind, value)),
            None => {}
        }
    }

    let dns_sans: Vec<&str> = case
        .sans
        .iter()
        .filter_map(|name| match name {
            Name::Dns(dns) => Some(*dns),
            _ => None,
        })
        .collect();
    let ip_sans: Vec<IpAddr> = case
        .sans
        .iter()
        .filter_map(|name| match name {
            Name::Ip(octets) => subject_name::ip_from_san(octets),
            _ => None,
        })
        .collect();
    for san in &dns_sans {
        if let Some(problem) = subject_name::wildcard_problem(san) {
            problem.to_string();
        }
        subject_name::is_public_suffix(san);
    }
    match Host::parse(host) {
        Ok(host) => host_against(&host, &dns_sans, &ip_sans),
        Err(error) => assert!(!error.to_string().is_empty()),
    }
    case.check_name_constraints();
}

/// Parsing is canonical, and a covering entry is one of the entries and a usable one.
fn host_against(host: &Host, dns_sans: &[&str], ip_sans: &[IpAddr]) {
    assert_eq!(
        Host::parse(&host.to_string()).as_ref(),
        Ok(host),
        "a parsed host reads back as itself"
    );
    if let Host::Dns(name) = host {
        assert!(
            subject_name::covering_entry(host, &[name], &[]).is_some(),
            "{name:?} is covered by a SAN entry of itself"
        );
    }
    if let Some(covering) = subject_name::covering_entry(host, dns_sans, ip_sans) {
        assert_eq!(covering.wildcard, covering.entry.starts_with('*'));
        match host {
            Host::Dns(_) => assert!(dns_sans.contains(&covering.entry.as_str())),
            Host::Ip(_) => assert!(ip_sans.iter().any(|ip| ip.to_string() == covering.entry)),
        }
        if covering.wildcard {
            assert_eq!(subject_name::wildcard_problem(&covering.entry), None);
        }
    }
}

/// A general name, as `host_match` reads it.
#[derive(Debug)]
enum Name<'a> {
    Dns(&'a str),
    Email(&'a str),
    Uri(&'a str),
    Ip(Vec<u8>),
    /// A directory name with one CN; only read for subtrees.
    DirectoryCn(&'a str),
}

impl<'a> Name<'a> {
    fn read(kind: char, value: &'a str) -> Option<Name<'a>> {
        Some(match kind {
            'd' => Name::Dns(value),
            'e' => Name::Email(value),
            'u' => Name::Uri(value),
            'i' => Name::Ip(hex(value)?),
            'n' => Name::DirectoryCn(value),
            _ => return None,
        })
    }
}

/// Pairs of hex digits; `None` if any is not.
fn hex(text: &str) -> Option<Vec<u8>> {
    let pairs = text.as_bytes().chunks_exact(2);
    if !pairs.remainder().is_empty() {
        return None;
    }
    pairs
        .map(|pair| u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok())
        .collect()
}

#[derive(Debug, Default)]
struct NamesCase<'a> {
    sans: Vec<Name<'a>>,
    subject_cn: Option<&'a str>,
    permitted: Vec<Name<'a>>,
    excluded: Vec<Name<'a>>,
    self_issued: bool,
    leaf: bool,
}

impl NamesCase<'_> {
    /// Builds the certificate and the CA's constraints, and checks one against the other.
    fn check_name_constraints(&self) {
        let subject = name_der(self.subject_cn);
        let issuer = if self.self_issued {
            subject.clone()
        } else {
            name_der(Some("fuzz CA"))
        };
        let cert_der = certificate_der(&subject, &issuer, &self.sans);
        // x509-parser refuses what it cannot read (an empty SAN list, say): nothing to check.
        let Ok((_, cert)) = X509Certificate::from_der(&cert_der) else {
            return;
        };
        // The DER a directory-name subtree borrows from, one slot per subtree.
        let directory_ders = |names: &[Name<'_>]| -> Vec<Option<Vec<u8>>> {
            names
                .iter()
                .map(|name| match name {
                    Name::DirectoryCn(cn) => Some(name_der(Some(cn))),
                    _ => None,
                })
                .collect()
        };
        let (permitted_ders, excluded_ders) = (
            directory_ders(&self.permitted),
            directory_ders(&self.excluded),
        );
        let constraints = NameConstraints {
            permitted_subtrees: subtrees(&self.permitted, &permitted_ders),
            excluded_subtrees: subtrees(&self.excluded, &excluded_ders),
        };
        let unconstrained =
            constraints.permitted_subtrees.is_none() && constraints.excluded_subtrees.is_none();
        match subject_name::check_name_constraints(&constraints, &cert, self.leaf) {
            Ok(()) => {}
            Err(violation) => {
                assert!(!unconstrained, "no constraints, yet {violation}");
                violation.to_string();
            }
        }
    }
}

/// The subtrees of these names (`None` if there are none); `directory_ders` holds the DER
/// of each directory name.
fn subtrees<'a>(
    names: &'a [Name<'a>],
    directory_ders: &'a [Option<Vec<u8>>],
) -> Option<Vec<GeneralSubtree<'a>>> {
    let subtrees: Vec<_> = names
        .iter()
        .zip(directory_ders)
        .filter_map(|(name, directory_der)| {
            let base = match name {
                Name::Dns(dns) => GeneralName::DNSName(dns),
                Name::Email(email) => GeneralName::RFC822Name(email),
                Name::Uri(uri) => GeneralName::URI(uri),
                Name::Ip(octets) => GeneralName::IPAddress(octets),
                Name::DirectoryCn(_) => {
                    let (_, name) = X509Name::from_der(directory_der.as_deref()?).ok()?;
                    GeneralName::DirectoryName(name)
                }
            };
            Some(GeneralSubtree { base })
        })
        .collect();
    (!subtrees.is_empty()).then_some(subtrees)
}

/// A Name with at most one CN (UTF8String).
fn name_der(cn: Option<&str>) -> Vec<u8> {
    const CN: &[u8] = &[0x06, 0x03, 0x55, 0x04, 0x03];
    let rdns = cn
        .map(|cn| {
            let attribute = [CN, &tlv::encode(0x0c, cn.as_bytes())].concat();
            tlv::encode(tlv::SET, &tlv::encode(tlv::SEQUENCE, &attribute))
        })
        .unwrap_or_default();
    tlv::encode(tlv::SEQUENCE, &rdns)
}

/// A v3 certificate with these names and a subjectAltName of `sans` (none if empty). The
/// key and signature are placeholders: name checks never look at them.
fn certificate_der(subject: &[u8], issuer: &[u8], sans: &[Name<'_>]) -> Vec<u8> {
    const ECDSA_SHA256: &[u8] = &[
        0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02,
    ];
    const SPKI_P256: &[u8] = &[
        0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86,
        0x48, 0xce, 0x3d, 0x03, 0x01, 0x07,
    ];
    const SAN: &[u8] = &[0x06, 0x03, 0x55, 0x1d, 0x11];
    let validity = [
        tlv::encode(tlv::UTC_TIME, b"250101000000Z"),
        tlv::encode(tlv::UTC_TIME, b"350101000000Z"),
    ]
    .concat();
    let spki = [SPKI_P256, &tlv::encode(tlv::BIT_STRING, &[0, 4])].concat();
    let mut tbs = [
        tlv::encode(tlv::CONTEXT_0, &tlv::encode(tlv::INTEGER, &[2])),
        tlv::encode(tlv::INTEGER, &[1]),
        ECDSA_SHA256.to_vec(),
        issuer.to_vec(),
        tlv::encode(tlv::SEQUENCE, &validity),
        subject.to_vec(),
        tlv::encode(tlv::SEQUENCE, &spki),
    ]
    .concat();
    if !sans.is_empty() {
        let names: Vec<u8> = sans
            .iter()
            .flat_map(|name| match name {
                Name::Email(email) => tlv::encode(0x81, email.as_bytes()),
                Name::Dns(dns) => tlv::encode(0x82, dns.as_bytes()),
                Name::DirectoryCn(cn) => tlv::encode(0xa4, &name_der(Some(cn))),
                Name::Uri(uri) => tlv::encode(0x86, uri.as_bytes()),
                Name::Ip(octets) => tlv::encode(0x87, octets),
            })
            .collect();
        let extension = [
            SAN,
            &tlv::encode(tlv::OCTET_STRING, &tlv::encode(tlv::SEQUENCE, &names)),
        ]
        .concat();
        let extensions = tlv::encode(tlv::SEQUENCE, &tlv::encode(tlv::SEQUENCE, &extension));
        tbs.extend(tlv::encode(0xa3, &extensions));
    }
    let signature = tlv::encode(tlv::BIT_STRING, &[0]);
    let certificate = [
        tlv::encode(tlv::SEQUENCE, &tbs),
        ECDSA_SHA256.to_vec(),
        signature,
    ]
    .concat();
    tlv::encode(tlv::SEQUENCE, &certificate)
}

/// The server configuration audit on a tree of configuration files, their includes followed
/// by the core's include follower as the CLI follows them on disk.
///
/// Layout: one flags byte (bits 0-1: the dialect: detected, nginx, Apache, detected; bit 2:
/// the files the configuration names are given, each the fixture leaf and key glued in one
/// PEM, else none is; bit 3: every second included file cannot be read; bit 7: Japanese
/// texts), then the files, separated by 0xFF bytes: the main one `fuzz.conf`, then
/// `conf.d/1.conf`, `conf.d/2.conf` … that includes name (by path or glob). Beyond "no
/// panic": the same audit on a second run, at most `MAX_SERVERS` servers, and an included
/// file that could not be read is never audited as "no errors".
pub fn config(data: &[u8]) -> certlens::server_config::ConfigReport {
    use certlens::server_config::{
        self, follow_includes, AuditInput, ConfigFile, Dialect, FileContent, Included,
    };
    let mut reader = Reader(data);
    let flags = reader.byte();
    let mut parts = reader.rest().split(|&b| b == 0xFF);
    let main = parts.next().unwrap_or_default();
    let mut tree = MemoryTree {
        files: parts
            .take(server_config::MAX_INCLUDED_FILES + 2)
            .enumerate()
            .map(|(i, data)| (format!("conf.d/{}.conf", i + 1), data))
            .collect(),
        unreadable: flags & 0b1000 != 0,
    };
    let dialect = match flags & 0b11 {
        1 => Some(Dialect::Nginx),
        2 => Some(Dialect::Apache),
        _ => None,
    };
    let mut input = AuditInput {
        configs: vec![Input::new("fuzz.conf", main)],
        dialect,
        ..AuditInput::default()
    };
    if let Some(dialect) = dialect.or_else(|| Dialect::detect(&String::from_utf8_lossy(main))) {
        (input.configs, input.includes) =
            follow_includes(Input::new("fuzz.conf", main), dialect, &mut tree);
        let parsed: Vec<ConfigFile> = input
            .configs
            .iter()
            .map(|c| ConfigFile::parse(&c.name, &c.data, dialect))
            .collect();
        if flags & 0b100 != 0 {
            let mut bundle = include_bytes!("../../tests/fixtures/leaf-p256.pem").to_vec();
            bundle.extend_from_slice(include_bytes!("../../tests/fixtures/leaf-p256.key"));
            for path in server_config::referenced_paths(&parsed, &input.includes) {
                input.files.insert(
                    path,
                    FileContent::Data {
                        bytes: bundle.clone(),
                        meta: None,
                    },
                );
            }
        }
    }
    let options = Options {
        at: FIXTURE_AT,
        catalogue: Catalogue::builtin(if flags & 0x80 != 0 { "ja" } else { "en" })
            .unwrap_or_default(),
        ..Options::default()
    };
    let report = server_config::audit(&input, &options);
    assert!(report.servers.len() <= server_config::MAX_SERVERS);
    let unread = input.includes.values().any(|included| match included {
        Included::Files(files) => files.iter().any(|f| f.unreadable.is_some()),
        Included::Unreadable(_) => false,
    });
    if unread {
        // Reported as unreadable, or the include was cut off by a limit the report names.
        let named = report
            .findings
            .iter()
            .any(|f| f.code == "config_file_unreadable" || f.code == "config_limit");
        assert!(named, "an included file that was not read must be reported");
    }
    for color in [false, true] {
        let text =
            server_config::render_config_text(&report, TextStyle { color }, &options.catalogue);
        assert_terminal_safe(&text, color);
    }
    let json = serde_json::to_string(&report).expect("the audit serializes");
    let again = serde_json::to_string(&server_config::audit(&input, &options));
    assert_eq!(
        json,
        again.expect("the audit serializes"),
        "same configuration, same audit"
    );
    report
}

/// Configuration files in memory, for [`config`].
struct MemoryTree<'a> {
    files: Vec<(String, &'a [u8])>,
    unreadable: bool,
}

impl certlens::server_config::ConfigSource for MemoryTree<'_> {
    fn resolve(&mut self, pattern: &str) -> Result<Vec<String>, String> {
        let names: Vec<String> = self
            .files
            .iter()
            .map(|(name, _)| name)
            .filter(|name| *name == pattern || certlens::server_config::glob_match(pattern, name))
            .cloned()
            .collect();
        if names.is_empty() && !pattern.contains(['*', '?', '[']) {
            return Err("No such file or directory".into());
        }
        Ok(names)
    }

    fn read(&mut self, name: &str, limit: usize) -> Result<Vec<u8>, String> {
        let index = self.files.iter().position(|(n, _)| n == name);
        match index {
            Some(i) if self.unreadable && i % 2 == 1 => Err("Permission denied".into()),
            Some(i) if self.files[i].1.len() > limit => Err("over the limit".into()),
            Some(i) => Ok(self.files[i].1.to_vec()),
            None => Err("No such file or directory".into()),
        }
    }

    fn over_limit(&self) -> String {
        "over the limit".into()
    }
}

/// Text output holds no character a terminal would obey or that reorders text, except the
/// renderer's own line breaks and, with colour, its own SGR sequences (`ESC [ digits ; m`).
fn assert_terminal_safe(text: &str, color: bool) {
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if color && rest.starts_with("\x1b[") {
            let end = rest[2..].find(|c: char| !c.is_ascii_digit() && c != ';');
            let end = end.map(|i| i + 2).filter(|&i| rest[i..].starts_with('m'));
            let end = end.unwrap_or_else(|| {
                panic!(
                    "not a colour sequence: {:?}",
                    rest.chars().take(8).collect::<String>()
                )
            });
            rest = &rest[end + 1..];
            continue;
        }
        assert!(
            c == '\n' || certlens::terminal::hidden(c).is_none(),
            "{c:?} reached text output"
        );
        rest = &rest[c.len_utf8()..];
    }
}
