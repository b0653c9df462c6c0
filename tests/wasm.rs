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

use certlens::wasm::{inspect, parse, snippets, verify_link, version};

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
    )
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
    let native = certlens::inspect(
        &names
            .iter()
            .map(|n| certlens::Input::new(*n, fixture(n)))
            .collect::<Vec<_>>(),
        &certlens::Options {
            at: 1_780_272_000,
            trust: vec![certlens::Input::new("root.pem", fixture("root.pem"))],
            catalogue: catalogue("zh"),
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
    // Against the Mozilla roots, the test root is a private one.
    let public = object(&[("at", AT.into())]);
    let report = run(files(&["fullchain.pem", "root.pem"]), public);
    assert_finding(&report, "private_root", "warning", &[0, 1, 2, 3]);
    assert_eq!(report["chain"]["trusted"], false);
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
    let mut nested = certlens::input::der::encode(certlens::input::der::SEQUENCE, &[]);
    for _ in 0..10_000 {
        nested = certlens::input::der::encode(certlens::input::der::SEQUENCE, &nested);
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
