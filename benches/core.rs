//! The core's hot paths on the fixtures: `cargo bench --bench core`. Under `cargo test` each
//! benchmark runs once, as a smoke test.

#[path = "../tests/common/mod.rs"]
mod common;

use std::hint::black_box;

use certlens::crypto::verify_signature;
use certlens::input::{decode, MAX_BLOCKS};
use certlens::model::{Certificate, Model};
use certlens::public_intermediates::PublicIntermediates;
use certlens::root_programs::RootPrograms;
use certlens::trust_store::TrustStore;
use certlens::{chain, inspect, Options};
use common::{fixture, input, AT};
use criterion::{criterion_group, criterion_main, Criterion};

/// The first certificate of a fixture, PEM or DER.
fn certificate(name: &str) -> Certificate {
    let model = Model::build(&[input(name)], None);
    let first = model.certificates().next().map(|(_, cert)| cert.clone());
    first.unwrap_or_else(|| panic!("no certificate in {name}"))
}

/// Checks `child`'s signature with `issuer`'s key, as each link of a chain is checked.
fn verify_issued_by(child: &Certificate, issuer: &Certificate) {
    verify_signature(
        &child.signature_algorithm,
        child.tbs_bytes(),
        &child.signature,
        &issuer.spki_der,
    )
    .expect("the fixture's signature verifies");
}

fn input_and_model(c: &mut Criterion) {
    let fullchain = input("fullchain.pem");
    c.bench_function("pem/decode fullchain.pem (3 certificates)", |b| {
        b.iter(|| decode(black_box(&fullchain), MAX_BLOCKS))
    });
    let leaf_der = fixture("leaf-rsa2048.der");
    c.bench_function("model/parse certificate (leaf-rsa2048)", |b| {
        b.iter(|| Certificate::parse(black_box(&leaf_der)))
    });
}

fn signatures(c: &mut Criterion) {
    // The leaf is signed by int2's RSA-2048 key; other-root signs itself with P-256.
    let (leaf, int2) = (certificate("leaf-rsa2048.der"), certificate("int2.der"));
    c.bench_function("signature/RSA-2048 PKCS#1 v1.5 SHA-256", |b| {
        b.iter(|| verify_issued_by(black_box(&leaf), black_box(&int2)))
    });
    let p256_root = certificate("other-root.pem");
    c.bench_function("signature/ECDSA P-256 SHA-256", |b| {
        b.iter(|| verify_issued_by(black_box(&p256_root), black_box(&p256_root)))
    });
}

fn chains_and_inspect(c: &mut Criterion) {
    let model = Model::build(&[input("fullchain.pem")], None);
    let store = TrustStore::given(vec![("root.pem".to_string(), certificate("root.pem"))]);
    c.bench_function("chain/build fullchain.pem to the test root", |b| {
        b.iter(|| chain::build(black_box(&model), &store, AT))
    });

    // What a deploy looks like: the fullchain and the key, as `certlens check` reads them.
    let deploy = [input("fullchain.pem"), input("leaf-rsa2048.key")];
    let test_root = Options {
        at: AT,
        trust: vec![input("root.pem")],
        ..Options::default()
    };
    c.bench_function("inspect/fullchain.pem + key, test root", |b| {
        b.iter(|| inspect(black_box(&deploy), &test_root))
    });
    // Without --trust: the root programs' roots are the store (and anchor nothing here).
    let public_roots = Options {
        at: AT,
        ..Options::default()
    };
    c.bench_function("inspect/fullchain.pem + key, public roots", |b| {
        b.iter(|| inspect(black_box(&deploy), &public_roots))
    });
}

/// Public trust and completion on a real leaf: letsencrypt.org without its intermediate, then
/// with certlens adding E8 from its public intermediates; the difference is what a completion
/// costs. Reading the data files is what the CLI does once per run and the page once per worker.
fn public_data(c: &mut Criterion) {
    let leaf = [input("public/letsencrypt-e8-leaf-2026.pem")];
    let at = certlens::instant::parse_rfc3339("2026-05-01T00:00:00Z").unwrap();
    let without = Options {
        at,
        intermediates: certlens::Data::Unavailable,
        ..Options::default()
    };
    c.bench_function("inspect/letsencrypt.org leaf, no completion", |b| {
        b.iter(|| inspect(black_box(&leaf), &without))
    });
    let with = Options {
        at,
        ..Options::default()
    };
    c.bench_function("inspect/letsencrypt.org leaf, completed with E8", |b| {
        b.iter(|| inspect(black_box(&leaf), &with))
    });
    let chain = [input("public/badssl-revoked-rapidssl-chain-2021.pem")];
    c.bench_function(
        "inspect/revoked.badssl.com chain, six clients judged",
        |b| b.iter(|| inspect(black_box(&chain), &with)),
    );
    let roots = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/root-programs.der"
    ))
    .unwrap();
    c.bench_function("data/read root-programs.der", |b| {
        b.iter(|| RootPrograms::read(black_box(&roots)).unwrap())
    });
    let pool = std::fs::read(concat!(env!("OUT_DIR"), "/public-intermediates.der")).unwrap();
    c.bench_function("data/read public-intermediates.der", |b| {
        b.iter(|| PublicIntermediates::read(black_box(pool.clone())).unwrap())
    });
}

criterion_group!(
    core,
    input_and_model,
    signatures,
    chains_and_inspect,
    public_data
);
criterion_main!(core);
