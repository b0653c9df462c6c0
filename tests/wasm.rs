//! The JavaScript API (src/wasm.rs) in headless Chromium, called with values built as a page
//! would build them, on the real fixtures: every check family, bad arguments, hostile input.
//!
//! CHROMEDRIVER=/usr/bin/chromedriver \
//!   cargo test --target wasm32-unknown-unknown --no-default-features --test wasm
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array, JSON};
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

use certlens::public_intermediates::PublicIntermediates;
use certlens::root_programs::RootPrograms;
use certlens::wasm::{inspect, load_data, parse, snippets, verify_link, version};
use certlens::Data;
use std::cell::Cell;
use std::sync::Arc;

wasm_bindgen_test_configure!(run_in_browser);

const AT: &str = "2026-06-01T00:00:00Z";

/// The fixtures the tests read, by file name.
fn fixture(name: &str) -> &'static [u8] {
    macro_rules! fixtures {
        ($($file:literal),* $(,)?) => {
            match name {
                $($file => include_bytes!(concat!("fixtures/", $file)),)*
                _ => panic!("fixture {name} is not included"),
            }
        };
    }
    fixtures!(
        "fullchain.pem",
        "misordered.pem",
        "leaf-rsa2048.pem",
        "leaf-rsa2048.key",
        "leaf-rsa2048.der",
        "leaf-rsa2048.enc-pbkdf2.key",
        "mismatched-key.pem",
        "missing-intermediate.pem",
        "leaf-p256.pem",
        "int1.pem",
        "int2.pem",
        "root.pem",
        "leaf-expired.pem",
        "leaf-rsa1024.pem",
        "leaf-clientauth.pem",
        "messy-crlf.pem",
        "broken-base64.pem",
        "chain.p7b.der",
        "random.bin",
        "csr-rsa2048.pem",
        "forged-int2.pem",
        "int2.der",
        "sm2-double.pem",
        "sm2-sign.key",
        "sm2-ca.pem",
        "sm2-leaf-forged.pem",
        "public/badssl-revoked-rapidssl-chain-2021.pem",
        "public/letsencrypt-e8-leaf-2026.pem",
    )
}

// ---- certlens's data files -----------------------------------------------------------------

/// The data files as the page fetches them (www/data/*.der.gz, decompressed).
const ROOT_PROGRAMS: &[u8] = include_bytes!("../data/root-programs.der");
const INTERMEDIATES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/public-intermediates.der"));

thread_local! {
    static ROOTS_GIVEN: Cell<bool> = const { Cell::new(false) };
}

/// Gives this wasm instance the root programs (once; `loadData` keeps them for every later
/// `inspect`, so tests that need public roots call this first, in any order). Only
/// `public_intermediates_complete_a_chain_once_loaded` gives it the intermediates: it checks
/// the state before them.
fn give_root_programs() {
    if ROOTS_GIVEN.with(Cell::get) {
        return;
    }
    let info = json(
        &load_data(bytes(ROOT_PROGRAMS))
            .unwrap_or_else(|e| panic!("loadData threw: {}", message(e.into()))),
    );
    assert_eq!(info["kind"], "root-programs");
    ROOTS_GIVEN.with(|given| given.set(true));
}

/// The data a report says it was made with, as native options: the wasm instance keeps what
/// `loadData` was given, and other tests may have given it already.
fn data_like(report: &Value) -> (Data<RootPrograms>, Data<PublicIntermediates>) {
    let roots = match report["data"]["root_programs"].as_str() {
        Some("loaded") => Data::Given(Arc::new(RootPrograms::read(ROOT_PROGRAMS).unwrap())),
        _ => Data::Unavailable,
    };
    let intermediates = match report["data"]["public_intermediates"].as_str() {
        Some("loaded") => Data::Given(Arc::new(PublicIntermediates::read(INTERMEDIATES).unwrap())),
        Some("loading") => Data::Loading,
        _ => Data::Unavailable,
    };
    (roots, intermediates)
}

// ---- building arguments as JS would ------------------------------------------------------

fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (key, value) in fields {
        Reflect::set(&object, &JsValue::from_str(key), value).unwrap();
    }
    object.into()
}

fn array(items: impl IntoIterator<Item = JsValue>) -> JsValue {
    items.into_iter().collect::<Array>().into()
}

fn strings(items: &[&str]) -> JsValue {
    array(items.iter().map(|s| JsValue::from_str(s)))
}

fn bytes(data: &[u8]) -> JsValue {
    Uint8Array::from(data).into()
}

/// `{ name, data: Uint8Array }` for a fixture.
fn file(name: &str) -> JsValue {
    object(&[("name", name.into()), ("data", bytes(fixture(name)))])
}

fn files(names: &[&str]) -> JsValue {
    array(names.iter().map(|n| file(n)))
}

/// The options the native tests use: the fixtures' instant, the test root trusted.
/// The English catalogue, as the page passes it (this build carries no texts of its own).
fn english() -> JsValue {
    JSON::parse(include_str!("../i18n/en.json")).unwrap()
}

fn options(extra: &[(&str, JsValue)]) -> JsValue {
    let mut fields = vec![
        ("at", JsValue::from_str(AT)),
        ("trust", files(&["root.pem"])),
        ("texts", english()),
    ];
    fields.extend(extra.iter().cloned());
    object(&fields)
}

// ---- reading results --------------------------------------------------------------------

/// The report as the page would see it after `JSON.stringify`.
fn json(value: &JsValue) -> Value {
    let text: String = JSON::stringify(value).unwrap().into();
    serde_json::from_str(&text).unwrap()
}

fn run(inputs: JsValue, options: JsValue) -> Value {
    match inspect(inputs, options) {
        Ok(report) => json(&report),
        Err(e) => panic!("inspect threw: {}", message(e.into())),
    }
}

fn check(names: &[&str], extra: &[(&str, JsValue)]) -> Value {
    run(files(names), options(extra))
}

fn codes(report: &Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

fn finding<'a>(report: &'a Value, code: &str) -> Option<&'a Value> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == code)
}

/// Asserts the finding is there with this severity and these objects.
fn assert_finding(report: &Value, code: &str, severity: &str, objects: &[u64]) {
    let f = finding(report, code).unwrap_or_else(|| panic!("no {code} in {:?}", codes(report)));
    assert_eq!(f["severity"], severity, "{code}");
    assert_eq!(f["objects"], serde_json::json!(objects), "{code}");
}

fn message(error: JsValue) -> String {
    error
        .dyn_into::<js_sys::Error>()
        .expect("an Error object")
        .message()
        .into()
}

fn throws(inputs: JsValue, options: JsValue) -> String {
    match inspect(inputs, options) {
        Ok(report) => panic!("no error; report {:?}", codes(&json(&report))),
        Err(e) => message(e.into()),
    }
}

// ---- the API ---------------------------------------------------------------------------

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(version(), env!("CARGO_PKG_VERSION"));
    assert_eq!(check(&["fullchain.pem"], &[])["version"], version());
}

#[wasm_bindgen_test]
fn the_report_is_the_clis_json() {
    let names = ["misordered.pem", "leaf-rsa2048.key"];
    let report = check(
        &names,
        &[("hosts", strings(&["www.example.com", "nope.example"]))],
    );
    let (root_programs, intermediates) = data_like(&report);
    let native = certlens::inspect(
        &names
            .iter()
            .map(|n| certlens::Input::new(*n, fixture(n)))
            .collect::<Vec<_>>(),
        &certlens::Options {
            hosts: vec!["www.example.com".into(), "nope.example".into()],
            at: 1_780_272_000,
            trust: vec![certlens::Input::new("root.pem", fixture("root.pem"))],
            catalogue: catalogue("en"),
            root_programs,
            intermediates,
            ..Default::default()
        },
    );
    assert_eq!(report, serde_json::to_value(&native).unwrap());
    // Plain objects and null, not Maps and undefined.
    assert_eq!(report["schema"], "certlens.report/1");
    assert_eq!(report["checked_at"], AT);
    assert_eq!(report["chain"]["anchor"], "certlens Test Root CA");
    assert_eq!(report["hosts"][1]["matched_by"], Value::Null);
}

/// A catalogue as the core reads it natively, for comparisons.
fn catalogue(lang: &str) -> certlens::Catalogue {
    let text = match lang {
        "en" => include_str!("../i18n/en.json"),
        "zh" => include_str!("../i18n/zh.json"),
        _ => include_str!("../i18n/ja.json"),
    };
    certlens::Catalogue::from_texts(serde_json::from_str(text).unwrap())
}

#[wasm_bindgen_test]
fn texts_given_by_the_page_write_the_findings_in_their_language() {
    // What the page does: fetch i18n/zh.json and pass the parsed object.
    let texts = JSON::parse(include_str!("../i18n/zh.json")).unwrap();
    let names = ["misordered.pem", "leaf-rsa2048.key", "leaf-expired.pem"];
    let report = check(&names, &[("texts", texts)]);
    assert_eq!(report["lang"], "zh");
    let (root_programs, intermediates) = data_like(&report);
    let native = certlens::inspect(
        &names
            .iter()
            .map(|n| certlens::Input::new(*n, fixture(n)))
            .collect::<Vec<_>>(),
        &certlens::Options {
            at: 1_780_272_000,
            trust: vec![certlens::Input::new("root.pem", fixture("root.pem"))],
            catalogue: catalogue("zh"),
            root_programs,
            intermediates,
            ..Default::default()
        },
    );
    assert_eq!(report, serde_json::to_value(&native).unwrap());
    let english = check(&names, &[]);
    assert_eq!(english["lang"], "en");
    for code in ["leaf_not_first", "expired"] {
        let (zh, en) = (
            finding(&report, code).unwrap(),
            finding(&english, code).unwrap(),
        );
        assert_ne!(zh["message"], en["message"], "{code} is not translated");
        assert_eq!(zh["params"], en["params"], "{code}");
    }
}

#[wasm_bindgen_test]
fn without_texts_a_text_shows_its_key() {
    // This build carries no catalogue: what a caller forgot is visible, not silently English.
    let report = run(files(&["leaf-expired.pem"]), object(&[("at", AT.into())]));
    let expired = finding(&report, "expired").unwrap();
    assert_eq!(expired["message"], "{finding.expired.message}");
    assert_eq!(report["lang"], "en");
}

#[wasm_bindgen_test]
fn checks_limit_the_families_run() {
    let names = ["misordered.pem", "mismatched-key.pem", "leaf-expired.pem"];
    let all = check(&names, &[]);
    let families = |report: &Value| {
        let mut checks: Vec<String> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["check"].as_str().unwrap().to_string())
            .collect();
        checks.dedup();
        checks
    };
    assert!(families(&all).len() > 2, "{:?}", families(&all));
    let only = check(&names, &[("checks", strings(&["key_match"]))]);
    assert_eq!(families(&only), ["key_match"]);
    assert_eq!(finding(&only, "key_mismatch").unwrap()["severity"], "error");
    let error = throws(
        files(&names),
        options(&[("checks", strings(&["keymatch"]))]),
    );
    assert!(
        error.contains("options.checks[0]") && error.contains("key_match"),
        "{error}"
    );
}

#[wasm_bindgen_test]
fn uint8array_arraybuffer_and_string_data_are_the_same() {
    let pem = fixture("fullchain.pem");
    let buffer: ArrayBuffer = Uint8Array::from(pem).buffer();
    let text = JsValue::from_str(std::str::from_utf8(pem).unwrap());
    let reports: Vec<Value> = [bytes(pem), buffer.into(), text]
        .into_iter()
        .map(|data| {
            let input = object(&[("name", "fullchain.pem".into()), ("data", data)]);
            run(array([input]), options(&[]))
        })
        .collect();
    assert_eq!(reports[0]["chain"]["order"], serde_json::json!([0, 1, 2]));
    assert_eq!(reports[0], reports[1]);
    assert_eq!(reports[0], reports[2]);
    // Binary DER read from an ArrayBuffer, as FileReader gives it.
    let der = Uint8Array::from(fixture("chain.p7b.der")).buffer();
    let input = object(&[("name", "chain.p7b".into()), ("data", der.into())]);
    let report = run(array([input]), options(&[]));
    assert_eq!(report["chain"]["order"], serde_json::json!([0, 1, 2]));
    assert_eq!(report["objects"][2]["source"]["member"], 2);
}

#[wasm_bindgen_test]
fn without_at_now_is_the_js_clock() {
    let now = js_sys::Date::now();
    for options in [JsValue::UNDEFINED, JsValue::NULL, object(&[])] {
        let report = run(files(&["fullchain.pem"]), options);
        let checked_at = js_sys::Date::parse(report["checked_at"].as_str().unwrap());
        assert!((checked_at - now).abs() < 60_000.0, "{checked_at} vs {now}");
    }
}

// ---- every check family ----------------------------------------------------------------

#[wasm_bindgen_test]
fn format() {
    let report = check(&["messy-crlf.pem"], &[]);
    assert_finding(&report, "crlf", "warning", &[]);
    let report = check(&["broken-base64.pem"], &[]);
    assert_finding(&report, "invalid_base64", "error", &[]);
    let location = &finding(&report, "invalid_base64").unwrap()["location"];
    assert_eq!(
        location,
        &serde_json::json!({"input": "broken-base64.pem", "block": 0, "line": 5})
    );
}

#[wasm_bindgen_test]
fn order() {
    let report = check(&["misordered.pem"], &[]);
    assert_finding(&report, "leaf_not_first", "error", &[1, 0]);
    assert_eq!(report["chain"]["order"], serde_json::json!([1, 0, 2]));
    let fullchain = std::str::from_utf8(fixture("fullchain.pem")).unwrap();
    assert_eq!(report["fullchain_pem"], fullchain);
}

#[wasm_bindgen_test]
fn chain() {
    let report = check(&["missing-intermediate.pem"], &[]);
    assert_finding(&report, "missing_intermediate", "error", &[0]);
    assert_eq!(report["chain"]["complete"], false);
}

#[wasm_bindgen_test]
fn trust() {
    let report = check(&["fullchain.pem"], &[]);
    assert_finding(&report, "trusted", "info", &[0, 1, 2]);
    assert_eq!(report["verdict"], "ok");
    // Against the root programs' roots, the test root is a private one.
    give_root_programs();
    let public = object(&[("at", AT.into())]);
    let report = run(files(&["fullchain.pem", "root.pem"]), public);
    // www.example.com is a public name: browsers reject it on a root no program trusts.
    assert_finding(&report, "not_publicly_trusted", "error", &[0, 1, 2, 3]);
    assert_eq!(report["chain"]["trusted"], false);
    assert_eq!(report["chain"]["root"], Value::Null);
    assert_eq!(report["chain"]["clients"], serde_json::json!([]));
}

#[wasm_bindgen_test]
fn key_match() {
    let report = check(&["mismatched-key.pem"], &[]);
    assert_finding(&report, "key_mismatch", "error", &[3, 0]);
    let report = check(&["fullchain.pem", "leaf-rsa2048.key"], &[]);
    assert_finding(&report, "key_matches", "info", &[3, 0]);
    assert_eq!(report["objects"][3]["kind"], "private_key");
    assert!(
        report["objects"][3].get("pem").is_none(),
        "private keys are never echoed"
    );
}

#[wasm_bindgen_test]
fn sm2_chain_and_double_certificate() {
    // SM2-with-SM3 links verified in the browser build; the double certificate named.
    let trust = [("trust", files(&["sm2-ca.pem"]))];
    let report = check(&["sm2-double.pem", "sm2-sign.key"], &trust);
    assert_eq!(report["verdict"], "ok", "{:?}", codes(&report));
    assert_eq!(report["chain"]["trusted"], true);
    assert_eq!(report["objects"][0]["signature_algorithm"], "SM2-with-SM3");
    assert_eq!(report["objects"][0]["key"]["algorithm"], "sm2");
    assert_finding(&report, "sm2_double_certificate", "info", &[0, 1]);
    assert_finding(&report, "key_matches", "info", &[3, 0]);
    assert!(!codes(&report).contains(&"several_leaves".to_string()));
    let report = check(&["sm2-leaf-forged.pem", "sm2-ca.pem"], &trust);
    assert!(codes(&report).contains(&"signature_mismatch".to_string()));
}

#[wasm_bindgen_test]
fn encrypted_keys_and_passwords() {
    let names = [
        "leaf-rsa2048.pem",
        "leaf-rsa2048.enc-pbkdf2.key",
        "int2.pem",
        "int1.pem",
    ];
    let locked = check(&names, &[]);
    assert_finding(&locked, "key_encrypted", "warning", &[1]);
    let opened = check(&names, &[("password", "correct horse".into())]);
    assert_finding(&opened, "key_matches", "info", &[1, 0]);
    assert_eq!(opened["verdict"], "ok");
    let wrong = check(&names, &[("password", "battery staple".into())]);
    assert_finding(&wrong, "wrong_password", "error", &[1]);
}

#[wasm_bindgen_test]
fn expiry() {
    let report = check(&["leaf-expired.pem", "int2.pem", "int1.pem"], &[]);
    assert_finding(&report, "expired", "error", &[0]);
}

#[wasm_bindgen_test]
fn domain() {
    let hosts = strings(&["example.com", "www.example.com"]);
    let report = check(
        &["leaf-p256.pem", "int2.pem", "int1.pem"],
        &[("hosts", hosts)],
    );
    assert_finding(&report, "host_not_covered", "error", &[0]);
    assert_finding(&report, "host_covered", "info", &[0]);
    assert_eq!(
        report["hosts"],
        serde_json::json!([
            {"name": "example.com", "covered": false, "matched_by": null, "certificate": 0},
            {"name": "www.example.com", "covered": true, "matched_by": "*.example.com", "certificate": 0},
        ])
    );
}

#[wasm_bindgen_test]
fn strength() {
    let report = check(&["leaf-rsa1024.pem", "int2.pem", "int1.pem"], &[]);
    assert_finding(&report, "weak_key", "error", &[0]);
}

#[wasm_bindgen_test]
fn usage() {
    let report = check(&["leaf-clientauth.pem", "int2.pem", "int1.pem"], &[]);
    assert_finding(&report, "no_server_auth", "error", &[0]);
}

#[wasm_bindgen_test]
fn csrs() {
    let report = check(&["csr-rsa2048.pem"], &[]);
    assert_eq!(report["objects"][0]["kind"], "csr");
    assert_finding(&report, "csr_only", "info", &[0]);
}

// ---- certlens's data files: loadData, verdicts per client, chain completion -----------------

/// `at` and the English texts, without `trust`: public roots.
fn public_options(at: &str, extra: &[(&str, JsValue)]) -> JsValue {
    let mut fields = vec![("at", JsValue::from_str(at)), ("texts", english())];
    fields.extend(extra.iter().cloned());
    object(&fields)
}

fn certificates_in(pem: &Value) -> usize {
    pem.as_str()
        .unwrap_or_default()
        .matches("-----BEGIN CERTIFICATE-----")
        .count()
}

#[wasm_bindgen_test]
fn load_data_reads_the_root_programs_file() {
    give_root_programs();
    // Again, as an ArrayBuffer (what fetch().arrayBuffer() gives): it replaces the same data.
    let buffer = Uint8Array::from(ROOT_PROGRAMS).buffer();
    let info = json(&load_data(buffer.into()).unwrap_or_else(|e| panic!("{}", message(e.into()))));
    let native = RootPrograms::read(ROOT_PROGRAMS).unwrap();
    assert_eq!(info["kind"], "root-programs");
    assert_eq!(info["date"], native.snapshot.as_str());
    assert_eq!(info["count"], native.roots.len());
    assert!(native.roots.len() > 100, "{info}");
    let report = run(
        files(&["public/badssl-revoked-rapidssl-chain-2021.pem"]),
        public_options("2021-12-01T00:00:00Z", &[]),
    );
    assert_eq!(report["data"]["root_programs"], "loaded");
    assert_eq!(
        report["data"]["root_programs_date"],
        native.snapshot.as_str()
    );
    let programs: Vec<&str> = report["data"]["programs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    for id in ["mozilla", "chrome", "apple", "microsoft", "android", "java"] {
        assert!(programs.contains(&id), "{programs:?}");
    }
    assert!(!codes(&report).contains(&"root_data_unavailable".to_string()));
}

#[wasm_bindgen_test]
fn a_real_chain_gets_a_verdict_per_client_as_each_program_stood() {
    give_root_programs();
    let chain = files(&["public/badssl-revoked-rapidssl-chain-2021.pem"]);
    let clients = |report: &Value| -> Vec<(String, bool, String)> {
        report["chain"]["clients"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["client"].as_str().unwrap().to_string(),
                    c["trusted"].as_bool().unwrap(),
                    c["message"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    // 2021: every program trusted DigiCert Global Root CA.
    let then = run(chain.clone(), public_options("2021-12-01T00:00:00Z", &[]));
    assert_eq!(then["chain"]["root"]["name"], "DigiCert Global Root CA");
    assert_eq!(then["chain"]["root"]["in_input"], false);
    assert_eq!(then["chain"]["trusted"], true, "{:?}", codes(&then));
    let names: Vec<String> = clients(&then).into_iter().map(|c| c.0).collect();
    assert_eq!(
        names,
        ["chrome", "firefox", "apple", "windows", "android", "java"]
    );
    assert!(clients(&then).iter().all(|c| c.1), "{:?}", clients(&then));
    assert_finding(&then, "trusted", "info", &[0, 1]);
    // 2026-12-07: Chrome (Root Store v31) and Firefox (NSS 3.123) no longer trust it.
    let now = run(chain, public_options("2026-12-07T00:00:00Z", &[]));
    assert_eq!(now["chain"]["trusted"], false);
    let verdicts = clients(&now);
    let refused: Vec<&str> = verdicts
        .iter()
        .filter(|c| !c.1)
        .map(|c| c.0.as_str())
        .collect();
    assert_eq!(refused, ["chrome", "firefox"]);
    assert!(verdicts[0].2.contains("v31"), "{}", verdicts[0].2);
    assert!(verdicts[1].2.contains("NSS 3.123"), "{}", verdicts[1].2);
    let finding = finding(&now, "root_not_trusted").unwrap_or_else(|| panic!("{:?}", codes(&now)));
    assert_eq!(finding["severity"], "error");
    assert!(
        !codes(&now).contains(&"missing_intermediate".to_string()),
        "a known root is never a missing intermediate"
    );
}

#[wasm_bindgen_test]
fn damaged_data_files_throw_an_error_naming_the_file() {
    give_root_programs();
    let error = |data: JsValue| match load_data(data) {
        Ok(info) => panic!("no error; loadData gave {}", json(&info)),
        Err(e) => message(e.into()),
    };
    let truncated = error(bytes(&ROOT_PROGRAMS[..ROOT_PROGRAMS.len() / 2]));
    assert!(truncated.contains("root-programs"), "{truncated}");
    let mut flipped = ROOT_PROGRAMS.to_vec();
    let middle = flipped.len() / 3;
    flipped[middle] ^= 0xff;
    flipped[middle + 1] ^= 0xff;
    let flipped = error(bytes(&flipped));
    assert!(flipped.contains("root-programs"), "{flipped}");
    let intermediates = error(bytes(&INTERMEDIATES[..INTERMEDIATES.len() - 100]));
    assert!(
        intermediates.contains("public-intermediates"),
        "{intermediates}"
    );
    for junk in [&b""[..], &b"not a data file"[..], fixture("random.bin")] {
        let message = error(bytes(junk));
        assert!(
            message.contains("root-programs") || message.contains("public-intermediates"),
            "{message}"
        );
    }
    assert_eq!(
        error(JsValue::from_str("root-programs.der")),
        "data must be a Uint8Array or an ArrayBuffer"
    );
    // The data given before is kept.
    let report = run(
        files(&["public/badssl-revoked-rapidssl-chain-2021.pem"]),
        public_options("2021-12-01T00:00:00Z", &[]),
    );
    assert_eq!(report["data"]["root_programs"], "loaded");
    assert_eq!(report["chain"]["trusted"], true);
}

/// The only test that gives the instance the public intermediates: before them, a missing
/// intermediate says whether they are still coming; after, certlens adds it.
#[wasm_bindgen_test]
fn public_intermediates_complete_a_chain_once_loaded() {
    give_root_programs();
    let leaf = || files(&["public/letsencrypt-e8-leaf-2026.pem"]);
    let at = "2026-05-01T00:00:00Z";
    let missing = |report: &Value| -> String {
        finding(report, "missing_intermediate")
            .unwrap_or_else(|| panic!("no missing_intermediate in {:?}", codes(report)))["message"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let loading = run(
        leaf(),
        public_options(at, &[("intermediates", "loading".into())]),
    );
    assert_eq!(loading["data"]["public_intermediates"], "loading");
    assert!(
        missing(&loading).contains("still loading"),
        "{}",
        missing(&loading)
    );
    assert_eq!(loading["chain"]["complete"], false);
    assert_eq!(loading["chain"]["added"], serde_json::json!([]));
    assert_eq!(certificates_in(&loading["fullchain_pem"]), 1);
    for unavailable in [
        run(
            leaf(),
            public_options(at, &[("intermediates", "unavailable".into())]),
        ),
        run(leaf(), public_options(at, &[])),
    ] {
        assert_eq!(unavailable["data"]["public_intermediates"], "unavailable");
        assert!(
            missing(&unavailable).contains("could not be loaded"),
            "{}",
            missing(&unavailable)
        );
    }
    let bad = throws(
        leaf(),
        public_options(at, &[("intermediates", "soon".into())]),
    );
    assert!(bad.contains("options.intermediates"), "{bad}");

    let buffer = Uint8Array::from(INTERMEDIATES).buffer();
    let info = json(&load_data(buffer.into()).unwrap_or_else(|e| panic!("{}", message(e.into()))));
    let native = PublicIntermediates::read(INTERMEDIATES).unwrap();
    assert_eq!(info["kind"], "public-intermediates");
    assert_eq!(info["date"], native.snapshot.as_str());
    assert_eq!(info["count"], native.len());
    assert!(native.len() > 1000, "{info}");

    // "loading" no longer matters: the instance has them.
    let done = run(
        leaf(),
        public_options(at, &[("intermediates", "loading".into())]),
    );
    assert_eq!(done["data"]["public_intermediates"], "loaded");
    assert_eq!(done["data"]["public_intermediates_count"], native.len());
    assert_eq!(done["chain"]["complete"], true, "{:?}", codes(&done));
    assert_eq!(done["chain"]["added"], serde_json::json!([1]));
    let e8 = &done["objects"][1];
    assert_eq!(e8["name"], "E8");
    assert_eq!(e8["added"], true);
    assert_eq!(e8["source"]["input"], "certlens public intermediates");
    let added = finding(&done, "missing_intermediate").unwrap();
    assert_eq!(added["variant"], "added");
    assert_eq!(done["chain"]["root"]["name"], "ISRG Root X1");
    assert_eq!(done["chain"]["trusted"], true);
    // The corrected fullchain has the added intermediate after the leaf.
    assert_eq!(certificates_in(&done["fullchain_pem"]), 2);
    let pem = done["fullchain_pem"].as_str().unwrap();
    assert!(pem.starts_with(done["objects"][0]["pem"].as_str().unwrap()));
    assert!(pem.ends_with(e8["pem"].as_str().unwrap()));
}

// ---- bad arguments ----------------------------------------------------------------------

#[wasm_bindgen_test]
fn bad_arguments_throw_errors_naming_the_argument() {
    let good = || file("fullchain.pem");
    let with = |data: JsValue| object(&[("name", "x.pem".into()), ("data", data)]);
    let cases: Vec<(JsValue, JsValue, &str)> = vec![
        (
            JsValue::UNDEFINED,
            JsValue::UNDEFINED,
            "inputs must be an array of { name, data } objects",
        ),
        (
            "fullchain.pem".into(),
            JsValue::UNDEFINED,
            "inputs must be an array of { name, data } objects",
        ),
        (
            file("fullchain.pem"),
            JsValue::UNDEFINED,
            "inputs must be an array of { name, data } objects",
        ),
        (
            array([good(), JsValue::NULL]),
            JsValue::UNDEFINED,
            "inputs[1] must be an object { name, data }",
        ),
        (
            array([good(), "text".into()]),
            JsValue::UNDEFINED,
            "inputs[1] must be an object { name, data }",
        ),
        (
            array([object(&[("data", bytes(b"x"))])]),
            JsValue::UNDEFINED,
            "inputs[0].name must be a string",
        ),
        (
            array([object(&[("name", 7.into()), ("data", bytes(b"x"))])]),
            JsValue::UNDEFINED,
            "inputs[0].name must be a string",
        ),
        (
            array([good(), good(), with(JsValue::UNDEFINED)]),
            JsValue::UNDEFINED,
            "inputs[2].data must be a Uint8Array, an ArrayBuffer or a string",
        ),
        (
            array([with(42.into())]),
            JsValue::UNDEFINED,
            "inputs[0].data must be a Uint8Array, an ArrayBuffer or a string",
        ),
        (
            array([with(strings(&["a"]))]),
            JsValue::UNDEFINED,
            "inputs[0].data must be a Uint8Array, an ArrayBuffer or a string",
        ),
        (
            array([with(js_sys::Uint16Array::new_with_length(2).into())]),
            JsValue::UNDEFINED,
            "inputs[0].data must be a Uint8Array, an ArrayBuffer or a string",
        ),
        (array([good()]), "at".into(), "options must be an object"),
        (array([good()]), strings(&[]), "options must be an object"),
        (
            array([good()]),
            object(&[("hosts", "www.example.com".into())]),
            "options.hosts must be an array of strings",
        ),
        (
            array([good()]),
            object(&[("hosts", array([JsValue::from_str("a"), 5.into()]))]),
            "options.hosts[1] must be a string",
        ),
        (
            array([good()]),
            object(&[("at", 1_780_272_000.into())]),
            "options.at must be an RFC 3339 date-time string like 2026-06-01T00:00:00Z",
        ),
        (
            array([good()]),
            object(&[("password", bytes(b"pw"))]),
            "options.password must be a string",
        ),
        (
            array([good()]),
            object(&[("trust", file("root.pem"))]),
            "options.trust must be an array of { name, data } objects",
        ),
        (
            array([good()]),
            object(&[("trust", array([object(&[("name", "r".into())])]))]),
            "options.trust[0].data must be a Uint8Array, an ArrayBuffer or a string",
        ),
    ];
    for (inputs, options, expected) in cases {
        assert_eq!(throws(inputs, options), expected);
    }
    let bad_at = throws(array([good()]), object(&[("at", "next tuesday".into())]));
    assert!(
        bad_at.starts_with("options.at: \"next tuesday\" is not an RFC 3339 date-time"),
        "{bad_at}"
    );
    // A throwing getter (or proxy) is reported, not propagated through wasm.
    let getter = js_sys::Function::new_no_args("throw new Error('boom')");
    let descriptor = object(&[("get", getter.into())]);
    let hostile =
        Object::define_property(&Object::new(), &"name".into(), descriptor.unchecked_ref());
    assert_eq!(
        throws(array([hostile.into()]), JsValue::UNDEFINED),
        "inputs[0].name could not be read"
    );
    // Still alive afterwards.
    assert_eq!(check(&["fullchain.pem"], &[])["verdict"], "ok");
}

// ---- hostile input ----------------------------------------------------------------------

fn assert_survives(name: &str, data: JsValue) -> Value {
    let input = object(&[("name", name.into()), ("data", data)]);
    let report = run(array([input]), options(&[]));
    assert_eq!(report["schema"], "certlens.report/1", "{name}");
    report
}

#[wasm_bindgen_test]
fn hostile_input_returns_a_report() {
    let report = assert_survives("random.bin", bytes(fixture("random.bin")));
    assert!(codes(&report).contains(&"not_recognized".to_string()));
    let der = fixture("leaf-rsa2048.der");
    for cut in (0..der.len()).step_by(37) {
        let report = assert_survives("truncated.der", bytes(&der[..cut]));
        assert_eq!(report["verdict"], "problems");
    }
    let mut nested = certlens::tlv::encode(certlens::tlv::SEQUENCE, &[]);
    for _ in 0..10_000 {
        nested = certlens::tlv::encode(certlens::tlv::SEQUENCE, &nested);
    }
    assert_survives("nested.der", bytes(&nested));
    let pem = certlens::report::pem_block("CERTIFICATE", &nested);
    assert_survives("nested.pem", pem.into());
    assert_survives("empty", bytes(&[]));
    assert_survives(
        "nul",
        "\0\u{fffd}\u{1b}[2J-----BEGIN CERTIFICATE-----\n".into(),
    );
    // A lone UTF-16 surrogate, which no Rust string can hold.
    assert_survives(
        "surrogate",
        js_sys::JsString::from_char_code1(0xd800).into(),
    );
}

#[wasm_bindgen_test]
fn a_5_mb_paste_returns_a_report() {
    // A real chain buried in 5 MB of base64-looking lines, as a string like a textarea gives.
    let mut paste = String::with_capacity(5_300_000);
    while paste.len() < 5_000_000 {
        paste
            .push_str("TWFueSBoYW5kcyBtYWtlIGxpZ2h0IHdvcmsuIE1hbnkgaGFuZHMgbWFrZSBsaWdodCB3b3Jr\n");
    }
    paste.push_str(std::str::from_utf8(fixture("fullchain.pem")).unwrap());
    let report = assert_survives("paste", paste.into());
    assert_eq!(report["chain"]["order"], serde_json::json!([0, 1, 2]));
}

#[wasm_bindgen_test]
fn oversized_inputs_are_too_large_without_being_copied_whole() {
    let huge = 100 * 1024 * 1024;
    let text = js_sys::JsString::from("A").repeat(huge);
    for data in [
        JsValue::from(Uint8Array::new_with_length(huge as u32)),
        Uint8Array::new_with_length(huge as u32).buffer().into(),
        text.into(),
    ] {
        let report = assert_survives("huge", data);
        assert_finding(&report, "too_large", "error", &[]);
    }
    // Only the first 64 MiB were copied: a whole copy would have grown memory past 100 MiB.
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    let bytes = memory
        .buffer()
        .unchecked_into::<ArrayBuffer>()
        .byte_length();
    assert!(
        bytes < 96 * 1024 * 1024,
        "wasm memory grew to {bytes} bytes"
    );
}

// ---- snippets ---------------------------------------------------------------------------

#[wasm_bindgen_test]
fn snippets_use_the_file_names_and_hosts() {
    let request = object(&[
        ("certificate", "my chain.pem".into()),
        ("key", "privkey.pem".into()),
        ("hosts", strings(&["www.example.com", "example.com"])),
    ]);
    let out = json(&snippets(request).map_err(|e| message(e.into())).unwrap());
    let nginx = out["nginx"].as_str().unwrap();
    assert!(
        nginx.contains("ssl_certificate \"/etc/ssl/certs/my chain.pem\";"),
        "{nginx}"
    );
    assert!(
        nginx.contains("ssl_certificate_key /etc/ssl/private/privkey.pem;"),
        "{nginx}"
    );
    assert!(
        nginx.contains("server_name www.example.com example.com;"),
        "{nginx}"
    );
    let apache = out["apache"].as_str().unwrap();
    assert!(
        apache.contains("SSLCertificateFile \"/etc/ssl/certs/my chain.pem\""),
        "{apache}"
    );
    assert!(apache.contains("ServerAlias example.com"), "{apache}");
    let haproxy = out["haproxy"].as_str().unwrap();
    assert!(
        haproxy.contains("bind :443 ssl crt /etc/haproxy/certs/www.example.com.pem"),
        "{haproxy}"
    );
    // Comments in the language of the texts given.
    let ja = include_str!("../i18n/ja.json");
    let request = object(&[("texts", JSON::parse(ja).unwrap())]);
    let out = json(&snippets(request).map_err(|e| message(e.into())).unwrap());
    let catalogue: Value = serde_json::from_str(ja).unwrap();
    let comment = catalogue["snippet.haproxy.combined"].as_str().unwrap();
    assert!(
        out["haproxy"]
            .as_str()
            .unwrap()
            .starts_with(&format!("# {comment}\n")),
        "{out}"
    );
    // Every field is optional.
    let defaults = json(
        &snippets(JsValue::UNDEFINED)
            .map_err(|e| message(e.into()))
            .unwrap(),
    );
    assert!(defaults["nginx"]
        .as_str()
        .unwrap()
        .contains("/etc/ssl/certs/fullchain.pem"));
    let bad = |request: JsValue| snippets(request).map(|_| ()).map_err(|e| message(e.into()));
    assert_eq!(bad("x".into()), Err("request must be an object".into()));
    assert_eq!(
        bad(object(&[("key", 1.into())])),
        Err("request.key must be a string".into())
    );
    assert_eq!(
        bad(object(&[
            ("hosts", strings(&["a"])),
            ("certificate", JsValue::TRUE)
        ])),
        Err("request.certificate must be a string".into())
    );
    assert_eq!(
        bad(object(&[("hosts", "a".into())])),
        Err("request.hosts must be an array of strings".into())
    );
}

// ---- parse and verifyLink ----------------------------------------------------------------

#[wasm_bindgen_test]
fn parse_gives_the_reports_objects_without_checks() {
    let names = [
        "misordered.pem",
        "leaf-rsa2048.key",
        "csr-rsa2048.pem",
        "broken-base64.pem",
    ];
    let objects = json(&parse(files(&names), object(&[("texts", english())])).unwrap());
    let mut expected = check(&names, &[])["objects"].clone();
    for object in expected.as_array_mut().unwrap() {
        let object = object.as_object_mut().unwrap();
        object.remove("self_signed");
        object.remove("pem");
    }
    assert_eq!(objects, expected);
    assert_eq!(
        objects[0]["subject"],
        "C=US, O=certlens test, CN=certlens Test Intermediate 2"
    );
    assert_eq!(
        objects[1]["dns_names"],
        serde_json::json!(["www.example.com", "example.com"])
    );
    assert_eq!(objects[3]["kind"], "private_key");
    assert_eq!(
        json(&parse(array([]), JsValue::UNDEFINED).unwrap()),
        serde_json::json!([])
    );
    assert_eq!(
        parse(JsValue::from_str("x"), JsValue::UNDEFINED)
            .map(|_| ())
            .map_err(|e| message(e.into())),
        Err("inputs must be an array of { name, data } objects".into())
    );
}

#[wasm_bindgen_test]
fn verify_link_says_whether_the_issuer_signed_the_child() {
    let link = |child: JsValue, issuer: JsValue| match verify_link(
        child,
        issuer,
        object(&[("texts", english())]),
    ) {
        Ok(result) => json(&result),
        Err(e) => panic!("verifyLink threw: {}", message(e.into())),
    };
    let verified = serde_json::json!({ "verified": true, "reason": null });
    // RSA-2048 (PEM, DER, text), and ECDSA P-384 with SHA-384.
    assert_eq!(
        link(
            bytes(fixture("leaf-rsa2048.pem")),
            bytes(fixture("int2.pem"))
        ),
        verified
    );
    assert_eq!(
        link(
            bytes(fixture("leaf-rsa2048.der")),
            bytes(fixture("int2.der"))
        ),
        verified
    );
    let text = |name| JsValue::from_str(std::str::from_utf8(fixture(name)).unwrap());
    assert_eq!(link(text("int2.pem"), text("int1.pem")), verified);
    // Same name, other key; a key of the wrong type; no certificate at all.
    let forged = link(
        bytes(fixture("leaf-rsa2048.pem")),
        bytes(fixture("forged-int2.pem")),
    );
    assert_eq!(forged["verified"], false);
    assert_eq!(forged["reason"], "the signature is invalid");
    let wrong_type = link(
        bytes(fixture("leaf-rsa2048.pem")),
        bytes(fixture("int1.pem")),
    );
    assert_eq!(wrong_type["verified"], false);
    assert_eq!(
        wrong_type["reason"],
        "the signature algorithm does not match the issuer's key type"
    );
    let none = link(bytes(fixture("random.bin")), bytes(fixture("int2.pem")));
    assert_eq!(none["verified"], false);
    assert_eq!(
        none["reason"],
        "no certificate could be read from the child"
    );
    assert_eq!(
        verify_link(
            bytes(fixture("int2.pem")),
            JsValue::from(5),
            JsValue::UNDEFINED
        )
        .map(|_| ())
        .map_err(|e| message(e.into())),
        Err("issuer must be a Uint8Array, an ArrayBuffer or a string".into())
    );
}

// ---- the TypeScript declarations ----------------------------------------------------------

#[wasm_bindgen_test]
fn typescript_declarations_name_every_schema_field() {
    let source = include_str!("../src/wasm.rs");
    let schema: Value = serde_json::from_str(include_str!("../schema/report.schema.json")).unwrap();
    let mut fields = Vec::new();
    collect_properties(&schema, &mut fields);
    assert!(fields.len() > 50, "{fields:?}");
    for field in fields {
        assert!(
            source.contains(&format!("  {field}: ")) || source.contains(&format!("  {field}?: ")),
            "the TypeScript declarations in src/wasm.rs lack `{field}`"
        );
    }
}

/// Every key of every `properties` object in the schema.
fn collect_properties(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                if key == "properties" {
                    if let Value::Object(properties) = child {
                        out.extend(properties.keys().cloned());
                    }
                }
                collect_properties(child, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_properties(v, out)),
        _ => {}
    }
}

// ---- the server configuration audit (tools module: `--features tools`) -------------------

#[cfg(feature = "tools")]
mod server_config {
    use super::*;
    use certlens::wasm::config::{audit_config, config_references};

    const NGINX: &str = include_str!("fixtures/config/nginx.conf");
    const LEGACY: &str = include_str!("fixtures/config/conf.d/legacy.conf");
    const APACHE: &str = include_str!("fixtures/config/apache.conf");
    const INTERMEDIATES: &[u8] = include_bytes!("fixtures/config/intermediates.pem");

    fn config(name: &str, text: &str) -> JsValue {
        object(&[("name", name.into()), ("data", text.into())])
    }

    /// nginx.conf and the file its `include conf.d/*.conf` names, as a page would pass them.
    fn nginx_configs() -> JsValue {
        array([
            config("nginx.conf", NGINX),
            config("conf.d/legacy.conf", LEGACY),
        ])
    }

    fn references(configs: JsValue) -> Value {
        json(&config_references(configs, object(&[("texts", english())])).unwrap())
    }

    fn audit(configs: JsValue, given: JsValue, options: JsValue) -> Value {
        match audit_config(configs, given, options) {
            Ok(report) => json(&report),
            Err(e) => panic!("auditConfig threw: {}", message(e.into())),
        }
    }

    /// The configuration's finding of `code` (at most one expected).
    fn config_finding<'a>(report: &'a Value, code: &str) -> Option<&'a Value> {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["code"] == code)
    }

    fn location(finding: &Value) -> (String, u64) {
        let at = &finding["location"];
        (
            at["input"].as_str().unwrap().to_string(),
            at["line"].as_u64().unwrap(),
        )
    }

    #[wasm_bindgen_test]
    fn references_list_servers_and_files_with_base_names() {
        let outline = references(nginx_configs());
        assert_eq!(outline["dialect"], "nginx");
        let servers = outline["servers"].as_array().unwrap();
        let tls: Vec<&Value> = servers.iter().filter(|s| s["tls"] == true).collect();
        assert_eq!(servers.len(), 3, "{servers:?}");
        assert_eq!(tls.len(), 2);
        assert_eq!(
            tls[0]["names"],
            serde_json::json!(["www.example.com", "example.com"])
        );
        assert_eq!(tls[0]["listen"][0], "443 ssl http2");
        // The include was followed into the given conf.d/legacy.conf.
        assert_eq!(tls[1]["file"], "conf.d/legacy.conf");
        assert_eq!(tls[1]["names"], serde_json::json!(["legacy.example.com"]));
        assert_eq!(
            outline["files"],
            serde_json::json!([
                { "path": "../fullchain.pem", "name": "fullchain.pem", "roles": ["certificate"],
                  "directive": "ssl_certificate ../fullchain.pem;", "file": "nginx.conf", "line": 22 },
                { "path": "../leaf-rsa2048.key", "name": "leaf-rsa2048.key", "roles": ["key"],
                  "directive": "ssl_certificate_key ../leaf-rsa2048.key;", "file": "nginx.conf", "line": 23 },
                { "path": "../leaf-rsa2048.pem", "name": "leaf-rsa2048.pem", "roles": ["certificate"],
                  "directive": "ssl_certificate ../leaf-rsa2048.pem;", "file": "conf.d/legacy.conf", "line": 7 },
            ])
        );
        assert_eq!(outline["problems"], serde_json::json!([]));

        // Apache: the chain file has its role; a syntax problem is named with its line.
        let apache = references(array([config("apache.conf", APACHE)]));
        assert_eq!(apache["dialect"], "apache");
        let roles: Vec<(&str, &Value)> = apache["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| (f["name"].as_str().unwrap(), &f["roles"]))
            .collect();
        assert_eq!(
            roles[2],
            ("intermediates.pem", &serde_json::json!(["chain"]))
        );
        let broken = references(array([config(
            "pasted configuration",
            "server {\n    listen 443 ssl;\n    ssl_certificate a.pem\n}\n",
        )]));
        let problem = &broken["problems"][0];
        assert_eq!(problem["file"], "pasted configuration");
        assert_eq!(problem["line"], 3);
        assert_eq!(problem["reason"], "the directive is not ended by \";\"");

        // Neither nginx nor Apache.
        let none = references(array([config("notes.txt", "hello")]));
        assert_eq!(none["dialect"], Value::Null);
        assert_eq!(none["files"], serde_json::json!([]));
    }

    #[wasm_bindgen_test]
    fn audit_is_the_clis_json_with_files_given_by_base_name() {
        let given = files(&["fullchain.pem", "leaf-rsa2048.key", "leaf-rsa2048.pem"]);
        let report = audit(nginx_configs(), given, options(&[]));
        assert_eq!(report["schema"], "certlens.config-report/1");
        assert_eq!(
            report["files"],
            serde_json::json!(["nginx.conf", "conf.d/legacy.conf"])
        );

        // The same audit natively, the files under the paths the configuration writes.
        let mut input = certlens::server_config::AuditInput {
            configs: vec![
                certlens::Input::new("nginx.conf", NGINX),
                certlens::Input::new("conf.d/legacy.conf", LEGACY),
            ],
            ..Default::default()
        };
        input.includes.insert(
            "conf.d/*.conf".into(),
            certlens::server_config::Included::Files(vec![
                certlens::server_config::IncludedFile::read("conf.d/legacy.conf"),
            ]),
        );
        for (path, name) in [
            ("../fullchain.pem", "fullchain.pem"),
            ("../leaf-rsa2048.key", "leaf-rsa2048.key"),
            ("../leaf-rsa2048.pem", "leaf-rsa2048.pem"),
        ] {
            let content = certlens::server_config::FileContent::Data {
                bytes: fixture(name).to_vec(),
                meta: None,
            };
            input.files.insert(path.into(), content);
        }
        // With the data this instance holds (other tests may have given it some).
        let (root_programs, intermediates) =
            data_like(&report["servers"][0]["certificates"][0]["report"]);
        let native = certlens::server_config::audit(
            &input,
            &certlens::Options {
                at: 1_780_272_000,
                trust: vec![certlens::Input::new("root.pem", fixture("root.pem"))],
                catalogue: catalogue("en"),
                root_programs,
                intermediates,
                ..Default::default()
            },
        );
        assert_eq!(report, serde_json::to_value(&native).unwrap());

        // Outdated protocols on the line that enables them, with the corrected directive.
        let outdated = config_finding(&report, "tls_protocol_outdated").unwrap();
        assert_eq!(location(outdated), ("conf.d/legacy.conf".into(), 5));
        assert_eq!(
            outdated["params"]["protocols"],
            serde_json::json!(["TLSv1", "TLSv1.1"])
        );
        let fix = outdated["fix"].as_str().unwrap();
        assert!(fix.contains("`ssl_protocols TLSv1.2 TLSv1.3;`"), "{fix}");
        let weak = config_finding(&report, "weak_cipher").unwrap();
        assert_eq!(location(weak), ("conf.d/legacy.conf".into(), 6));
        let leaf_only = config_finding(&report, "chain_file_leaf_only").unwrap();
        assert_eq!(location(leaf_only), ("conf.d/legacy.conf".into(), 7));

        // Every check ran with the server's names as hosts.
        let www = &report["servers"][0];
        assert_eq!(
            www["hosts"],
            serde_json::json!(["www.example.com", "example.com"])
        );
        let www_report = &www["certificates"][0]["report"];
        assert_eq!(www_report["verdict"], "ok");
        let hosts: Vec<&Value> = www_report["hosts"].as_array().unwrap().iter().collect();
        assert!(hosts.iter().all(|h| h["covered"] == true), "{hosts:?}");
        assert_eq!(report["verdict"], "problems");
    }

    #[wasm_bindgen_test]
    fn a_file_not_given_is_reported_and_names_are_checked_as_hosts() {
        // The leaf of conf.d/legacy.conf left out.
        let given = files(&["fullchain.pem", "leaf-rsa2048.key"]);
        let report = audit(nginx_configs(), given, options(&[]));
        let missing = config_finding(&report, "config_file_unreadable").unwrap();
        assert_eq!(missing["variant"], "not_given");
        assert_eq!(location(missing), ("conf.d/legacy.conf".into(), 7));
        assert_eq!(missing["params"]["path"], "../leaf-rsa2048.pem");
        assert_eq!(
            report["servers"][1]["certificates"][0]["report"],
            Value::Null
        );

        // A file given under the exact path wins over one of the same base name.
        let pasted = "server {\n    listen 443 ssl;\n    server_name shop.example.org;\n    \
                      ssl_protocols TLSv1 TLSv1.2;\n    \
                      ssl_certificate /etc/letsencrypt/live/shop/fullchain.pem;\n    \
                      ssl_certificate_key /etc/letsencrypt/live/shop/privkey.pem;\n}\n";
        let given = array([
            object(&[
                ("name", "fullchain.pem".into()),
                ("data", bytes(fixture("leaf-p256.pem"))),
            ]),
            object(&[
                ("name", "/etc/letsencrypt/live/shop/fullchain.pem".into()),
                ("data", bytes(fixture("fullchain.pem"))),
            ]),
            object(&[
                ("name", "privkey.pem".into()),
                ("data", bytes(fixture("leaf-rsa2048.key"))),
            ]),
        ]);
        let report = audit(
            array([config("pasted configuration", pasted)]),
            given,
            options(&[]),
        );
        let outdated = config_finding(&report, "tls_protocol_outdated").unwrap();
        assert_eq!(location(outdated), ("pasted configuration".into(), 4));
        assert_eq!(
            outdated["params"]["directive"],
            "ssl_protocols TLSv1 TLSv1.2;"
        );
        let inner = &report["servers"][0]["certificates"][0]["report"];
        assert!(
            codes(inner).contains(&"host_not_covered".to_string()),
            "{:?}",
            codes(inner)
        );
        assert_eq!(inner["hosts"][0]["name"], "shop.example.org");
        // The key matches the fullchain's leaf: the exact path was used, not leaf-p256.pem.
        assert_eq!(inner["key_matches"][0]["matches"], true);
    }

    #[wasm_bindgen_test]
    fn apache_and_chinese_texts() {
        let given = array([
            file("leaf-rsa2048.pem"),
            file("leaf-rsa2048.key"),
            object(&[
                ("name", "intermediates.pem".into()),
                ("data", bytes(INTERMEDIATES)),
            ]),
        ]);
        let zh = JSON::parse(include_str!("../i18n/zh.json")).unwrap();
        let configs = || array([config("apache.conf", APACHE)]);
        let chinese = audit(configs(), given.clone(), options(&[("texts", zh)]));
        let english = audit(configs(), given, options(&[]));
        assert_eq!(chinese["lang"], "zh");
        assert_eq!(chinese["dialect"], "apache");
        let (zh, en) = (
            config_finding(&chinese, "tls_protocol_outdated").unwrap(),
            config_finding(&english, "tls_protocol_outdated").unwrap(),
        );
        assert_eq!(location(zh), ("apache.conf".into(), 22));
        assert_eq!(zh["variant"], "apache");
        assert_ne!(zh["message"], en["message"]);
        assert_eq!(zh["params"], en["params"]);
        let fix = zh["fix"].as_str().unwrap();
        assert!(
            fix.contains("`SSLProtocol -all +TLSv1.2 +TLSv1.3`"),
            "{fix}"
        );
        assert!(
            fix.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{fix}"
        );
        // The first virtual host: ServerName and ServerAlias as hosts, chain file used.
        let first = &chinese["servers"][0];
        assert_eq!(
            first["hosts"],
            serde_json::json!(["www.example.com", "example.com"])
        );
        assert_eq!(first["certificates"][0]["report"]["chain"]["trusted"], true);
    }

    #[wasm_bindgen_test]
    fn bad_arguments_throw_and_hostile_configurations_do_not() {
        let threw = |configs: JsValue, given: JsValue, options: JsValue| {
            message(audit_config(configs, given, options).unwrap_err().into())
        };
        assert_eq!(
            threw("x".into(), array([]), JsValue::UNDEFINED),
            "configs must be an array of { name, data } objects"
        );
        assert_eq!(
            threw(
                array([config("a.conf", "")]),
                array([object(&[("name", "a.pem".into()), ("data", 5.into())])]),
                JsValue::UNDEFINED
            ),
            "files[0].data must be a Uint8Array, an ArrayBuffer or a string"
        );
        assert!(threw(
            array([config("a.conf", "")]),
            array([]),
            object(&[("at", "soon".into())])
        )
        .starts_with("options.at"));
        assert_eq!(
            message(config_references(array([]), "x".into()).unwrap_err().into()),
            "options must be an object"
        );

        // Any bytes: a report, never a panic.
        let noise: Vec<u8> = (0..20_000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        let deep = "server {".repeat(5_000) + &"listen 443 ssl; include *;".repeat(2_000);
        for data in [
            bytes(&noise),
            deep.as_str().into(),
            "<VirtualHost *:443>\nSSLEngine on\n".into(),
        ] {
            let configs = array([object(&[("name", "x".into()), ("data", data)])]);
            let outline = json(&config_references(configs.clone(), JsValue::UNDEFINED).unwrap());
            assert!(outline["files"].is_array());
            let report = audit(configs, files(&["fullchain.pem"]), options(&[]));
            assert_eq!(report["schema"], "certlens.config-report/1");
        }
        let report = audit(
            array([config("notes.txt", "hello")]),
            array([]),
            options(&[]),
        );
        assert_eq!(report["dialect"], Value::Null);
        assert!(config_finding(&report, "config_not_recognised").is_some());
    }
}

// ---- convert (tools module) --------------------------------------------------------------

#[cfg(feature = "tools")]
mod conversions {
    use super::*;
    use certlens::wasm::convert::convert;

    fn request(to: &str, extra: &[(&str, JsValue)]) -> JsValue {
        let mut fields = vec![
            ("to", JsValue::from_str(to)),
            ("at", AT.into()),
            ("texts", english()),
        ];
        fields.extend(extra.iter().cloned());
        object(&fields)
    }

    fn converted(names: &[&str], request: JsValue) -> JsValue {
        match convert(files(names), request) {
            Ok(result) => result,
            Err(e) => panic!("convert threw: {}", message(e.into())),
        }
    }

    /// The outputs, with each `data` a Uint8Array; panics on an `error` result.
    fn outputs(result: &JsValue) -> Vec<JsValue> {
        let error = Reflect::get(result, &"error".into()).unwrap();
        assert!(error.is_undefined(), "error {:?}", json(&error));
        Array::from(&Reflect::get(result, &"outputs".into()).unwrap()).to_vec()
    }

    fn data(output: &JsValue) -> Vec<u8> {
        Reflect::get(output, &"data".into())
            .unwrap()
            .dyn_into::<Uint8Array>()
            .expect("data is a Uint8Array")
            .to_vec()
    }

    /// An output as an input of `inspect`.
    fn as_input(output: &JsValue) -> JsValue {
        array([object(&[
            ("name", Reflect::get(output, &"name".into()).unwrap()),
            ("data", bytes(&data(output))),
        ])])
    }

    fn thrown(inputs: JsValue, request: JsValue) -> String {
        match convert(inputs, request) {
            Ok(result) => panic!("no error; result {:?}", json(&result)),
            Err(e) => message(e.into()),
        }
    }

    #[wasm_bindgen_test]
    fn der_and_pkcs7_to_pem_read_back_as_the_same_certificates() {
        let fingerprints = |report: &Value| -> Vec<Value> {
            report["objects"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o["sha256_fingerprint"].clone())
                .collect()
        };
        let result = converted(&["leaf-rsa2048.der"], request("pem", &[]));
        let out = outputs(&result);
        assert_eq!(out.len(), 1);
        let meta = json(&out[0]);
        assert_eq!(meta["name"], "leaf-rsa2048.pem");
        assert_eq!(meta["der"], false);
        assert_eq!(meta["count"], 1);
        assert_eq!(meta["content"], "certificate");
        assert_eq!(meta["secret"], false);
        assert_eq!(meta["unprotected"], false);
        let pem = String::from_utf8(data(&out[0])).unwrap();
        assert!(pem.starts_with("-----BEGIN CERTIFICATE-----\n"), "{pem}");
        let back = run(as_input(&out[0]), options(&[]));
        let original = check(&["leaf-rsa2048.der"], &[]);
        assert_eq!(fingerprints(&back), fingerprints(&original));
        assert_eq!(back["objects"][0]["source"]["input"], "leaf-rsa2048.pem");

        // A PKCS#7 bundle: its certificates, leaf first, as one PEM bundle (`content` null).
        let result = converted(&["chain.p7b.der"], request("pem", &[]));
        let out = outputs(&result);
        assert_eq!(json(&out[0])["content"], Value::Null);
        assert_eq!(json(&out[0])["count"], 3);
        let back = run(as_input(&out[0]), options(&[]));
        assert_eq!(back["chain"]["order"], serde_json::json!([0, 1, 2]));
        assert!(!codes(&back).contains(&"leaf_not_first".to_string()));

        // And back to DER: the fixture, byte for byte.
        let result = converted(&["leaf-rsa2048.pem"], request("der", &[]));
        let out = outputs(&result);
        assert_eq!(json(&out[0])["der"], true);
        assert_eq!(data(&out[0]), fixture("leaf-rsa2048.der"));
    }

    #[wasm_bindgen_test]
    fn encrypted_keys_open_with_the_new_password_only() {
        let result = converted(
            &["leaf-rsa2048.key"],
            request("encrypted", &[("newPassword", "new horse".into())]),
        );
        let out = outputs(&result);
        assert_eq!(out.len(), 1);
        let meta = json(&out[0]);
        assert_eq!(meta["content"], "encrypted_private_key");
        assert_eq!(meta["secret"], true);
        assert_eq!(meta["unprotected"], false);
        let pem = String::from_utf8(data(&out[0])).unwrap();
        assert!(pem.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"));
        // Each call draws its own salt and IV.
        let again = converted(
            &["leaf-rsa2048.key"],
            request("encrypted", &[("newPassword", "new horse".into())]),
        );
        assert_ne!(data(&outputs(&again)[0]), data(&out[0]));

        let key_md5 = |report: &Value| report["objects"][0]["pubkey_md5"].clone();
        let plain = check(&["leaf-rsa2048.key"], &[]);
        let opened = run(
            as_input(&out[0]),
            options(&[("password", "new horse".into())]),
        );
        assert_eq!(opened["objects"][0]["kind"], "private_key");
        assert_eq!(key_md5(&opened), key_md5(&plain));
        assert!(key_md5(&plain).is_string());
        let wrong = run(
            as_input(&out[0]),
            options(&[("password", "correct horse".into())]),
        );
        assert_finding(&wrong, "wrong_password", "error", &[0]);

        // Removing the password again gives a key the page warns about.
        let result = converted(
            &["leaf-rsa2048.enc-pbkdf2.key"],
            request("plain", &[("password", "correct horse".into())]),
        );
        let meta = json(&outputs(&result)[0]);
        assert_eq!(meta["content"], "private_key_pkcs8");
        assert_eq!(meta["unprotected"], true);
        // So does a bundle holding a plain key next to certificates.
        let result = converted(
            &["leaf-rsa2048.pem", "leaf-rsa2048.key"],
            request("pem", &[]),
        );
        let meta = json(&outputs(&result)[0]);
        assert_eq!(
            (meta["secret"].clone(), meta["unprotected"].clone()),
            (true.into(), true.into())
        );
    }

    #[wasm_bindgen_test]
    fn conversion_failures_are_results_with_a_code_and_a_localised_message() {
        let error =
            |names: &[&str], request: JsValue| json(&converted(names, request))["error"].clone();
        let missing = error(&["leaf-rsa2048.key"], request("encrypted", &[]));
        assert_eq!(missing["code"], "new_password_needed");
        assert_eq!(
            missing["message"],
            catalogue("en").render("cli.convert.error.new_password_needed", &[])
        );
        let wrong = error(
            &["leaf-rsa2048.enc-pbkdf2.key"],
            request("plain", &[("password", "battery staple".into())]),
        );
        assert_eq!(wrong["code"], "wrong_password");
        assert!(wrong["message"]
            .as_str()
            .unwrap()
            .starts_with("leaf-rsa2048.enc-pbkdf2.key"));
        let needed = error(&["leaf-rsa2048.enc-pbkdf2.key"], request("plain", &[]));
        assert_eq!(needed["code"], "password_needed");
        let nothing = error(&["leaf-rsa2048.pem"], request("pkcs8", &[]));
        assert_eq!(nothing["code"], "nothing");

        // In the language of the texts given.
        let texts = JSON::parse(include_str!("../i18n/ja.json")).unwrap();
        let ja = error(
            &["leaf-rsa2048.enc-pbkdf2.key"],
            object(&[
                ("to", "plain".into()),
                ("password", "x".into()),
                ("texts", texts),
            ]),
        );
        let ja_texts: Value = serde_json::from_str(include_str!("../i18n/ja.json")).unwrap();
        let template = ja_texts["cli.convert.error.wrong_password"]
            .as_str()
            .unwrap();
        let rest = template.rsplit("{place}").next().unwrap();
        assert!(rest.len() > 3);
        assert!(ja["message"].as_str().unwrap().ends_with(rest), "{ja}");
    }

    #[wasm_bindgen_test]
    fn bad_convert_arguments_throw_errors_naming_the_argument() {
        let key = || files(&["leaf-rsa2048.key"]);
        assert_eq!(
            thrown(key(), object(&[])),
            "request.to must be a string naming the target"
        );
        assert!(thrown(key(), object(&[("to", "pfx2".into())]))
            .starts_with("request.to: unknown target \"pfx2\"; the targets are pem, der"));
        assert_eq!(
            thrown(key(), request("plain", &[("password", 1.into())])),
            "request.password must be a string"
        );
        assert_eq!(
            thrown(
                key(),
                request("encrypted", &[("newPassword", JsValue::TRUE)])
            ),
            "request.newPassword must be a string"
        );
        assert!(thrown(key(), request("pem", &[("at", "soon".into())])).starts_with("request.at"));
        assert_eq!(thrown(key(), "pem".into()), "request must be an object");
        assert_eq!(
            thrown("x".into(), request("pem", &[])),
            "inputs must be an array of { name, data } objects"
        );
        // Unknown fields are left for later options, not refused.
        outputs(&converted(
            &["leaf-rsa2048.key"],
            request("pkcs1", &[("later", 1.into())]),
        ));
    }

    #[wasm_bindgen_test]
    fn pfx_holds_the_chain_and_key_and_opens_with_the_new_password() {
        let names = ["fullchain.pem", "leaf-rsa2048.key"];
        for legacy in [false, true] {
            let result = converted(
                &names,
                request(
                    "pfx",
                    &[
                        ("newPassword", "pfx pass".into()),
                        ("legacyPfx", legacy.into()),
                    ],
                ),
            );
            let out = outputs(&result);
            assert_eq!(out.len(), 1);
            let meta = json(&out[0]);
            assert!(meta["name"].as_str().unwrap().ends_with(".pfx"), "{meta}");
            assert_eq!(meta["content"], "pkcs12");
            assert_eq!(
                (meta["der"].clone(), meta["secret"].clone()),
                (true.into(), true.into())
            );
            assert_eq!(meta["unprotected"], false);
            // Read back by inspect with that password: the chain and a matching key.
            let opened = run(
                as_input(&out[0]),
                options(&[("password", "pfx pass".into())]),
            );
            let kinds: Vec<&str> = opened["objects"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o["kind"].as_str().unwrap())
                .collect();
            assert_eq!(
                kinds.iter().filter(|k| **k == "certificate").count(),
                3,
                "{kinds:?}"
            );
            assert!(kinds.contains(&"private_key"), "{kinds:?}");
            assert!(codes(&opened).contains(&"key_matches".to_string()));
        }
        let error = json(&converted(&names, request("pfx", &[])))["error"].clone();
        assert_eq!(error["code"], "new_password_needed");
        assert!(thrown(
            files(&names),
            request("pfx", &[("legacyPfx", "yes".into())])
        )
        .starts_with("request.legacyPfx must be a boolean"));
    }
}
