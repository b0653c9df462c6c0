//! The JSON report against its schema, `schema/report.schema.json`: real reports of every
//! fixture validate, broken reports do not, and the schema's list of finding codes is
//! exactly the set of codes the source can emit.
//!
//! The validator is a small one written here for the part of JSON Schema (draft 2020-12)
//! the file uses; it refuses keywords and patterns it does not know, so the schema cannot
//! grow past what is checked. Set `CERTLENS_SCHEMA_DUMP=<dir>` to also write every report
//! checked to that directory, to run a full validator (e.g. Python's `jsonschema`) on them.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use certlens::{inspect, Input, Options, Report};
use common::{fixture, fixture_path, input, AT};
use serde_json::Value;

// ---- the validator -----------------------------------------------------------------------

/// Keywords that only annotate: they never make a value invalid.
const ANNOTATIONS: &[&str] = &[
    "$schema",
    "$id",
    "$defs",
    "$comment",
    "title",
    "description",
    "examples",
    "format",
];

/// Keywords the validator applies.
const ASSERTIONS: &[&str] = &[
    "$ref",
    "type",
    "const",
    "enum",
    "minimum",
    "pattern",
    "required",
    "properties",
    "additionalProperties",
    "items",
    "allOf",
    "anyOf",
    "if",
    "then",
    "else",
];

fn load_schema() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/report.schema.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The patterns the schema uses, each checked by hand (no regex engine among the
/// dependencies). `None`: a pattern this validator does not know.
fn pattern_matches(pattern: &str, text: &str) -> Option<bool> {
    let hex_pairs = |upper: bool, count: Option<usize>| {
        let digit = |c: char| {
            c.is_ascii_digit()
                || (if upper {
                    ('A'..='F').contains(&c)
                } else {
                    ('a'..='f').contains(&c)
                })
        };
        let pairs: Vec<&str> = text.split(':').collect();
        pairs.iter().all(|p| p.len() == 2 && p.chars().all(digit))
            && count.is_none_or(|n| pairs.len() == n)
    };
    Some(match pattern {
        "^[0-9a-f]{32}$" => {
            text.len() == 32
                && text
                    .chars()
                    .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
        }
        "^[0-9A-F]{2}(:[0-9A-F]{2}){31}$" => hex_pairs(true, Some(32)),
        "^([0-9A-F]{2}(:[0-9A-F]{2})*)?$" => text.is_empty() || hex_pairs(true, None),
        "^([0-9a-f]{2}(:[0-9a-f]{2})*)?$" => text.is_empty() || hex_pairs(false, None),
        "^[0-9]+(\\.[0-9]+)+$" => {
            let arcs: Vec<&str> = text.split('.').collect();
            arcs.len() >= 2
                && arcs
                    .iter()
                    .all(|a| !a.is_empty() && a.bytes().all(|b| b.is_ascii_digit()))
        }
        "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$" => {
            let shape = b"dddd-dd-ddTdd:dd:ddZ";
            text.len() == shape.len()
                && text.bytes().zip(shape.iter()).all(|(b, &s)| {
                    if s == b'd' {
                        b.is_ascii_digit()
                    } else {
                        b == s
                    }
                })
        }
        _ => return None,
    })
}

fn type_matches(name: &str, value: &Value) -> bool {
    match name {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        other => panic!("unknown type {other:?} in the schema"),
    }
}

struct Validator<'a> {
    root: &'a Value,
}

impl Validator<'_> {
    fn errors(&self, value: &Value) -> Vec<String> {
        let mut errors = Vec::new();
        self.check(self.root, value, "", &mut errors);
        errors
    }

    fn resolve(&self, reference: &str) -> &Value {
        reference
            .strip_prefix('#')
            .and_then(|pointer| self.root.pointer(pointer))
            .unwrap_or_else(|| panic!("$ref {reference:?} does not resolve"))
    }

    fn check(&self, schema: &Value, value: &Value, path: &str, errors: &mut Vec<String>) {
        let at = if path.is_empty() { "/" } else { path };
        let schema = match schema {
            Value::Bool(true) => return,
            Value::Bool(false) => return errors.push(format!("{at}: not allowed here")),
            Value::Object(map) => map,
            other => panic!("not a schema: {other}"),
        };
        for keyword in schema.keys() {
            assert!(
                ANNOTATIONS.contains(&keyword.as_str()) || ASSERTIONS.contains(&keyword.as_str()),
                "the schema uses {keyword:?}, which this validator does not implement"
            );
        }
        if let Some(Value::String(reference)) = schema.get("$ref") {
            self.check(self.resolve(reference), value, path, errors);
        }
        match schema.get("type") {
            Some(Value::String(t)) if !type_matches(t, value) => {
                errors.push(format!("{at}: {value} is not of type {t}"))
            }
            Some(Value::Array(types))
                if !types
                    .iter()
                    .any(|t| type_matches(t.as_str().unwrap_or_default(), value)) =>
            {
                errors.push(format!("{at}: {value} is not of type {types:?}"))
            }
            _ => {}
        }
        if let Some(expected) = schema.get("const") {
            if expected != value {
                errors.push(format!("{at}: {value} is not {expected}"));
            }
        }
        if let Some(Value::Array(options)) = schema.get("enum") {
            if !options.contains(value) {
                errors.push(format!("{at}: {value} is not one of the enumerated values"));
            }
        }
        if let (Some(minimum), Some(number)) = (
            schema.get("minimum").and_then(Value::as_f64),
            value.as_f64(),
        ) {
            if number < minimum {
                errors.push(format!("{at}: {value} is below the minimum {minimum}"));
            }
        }
        if let (Some(Value::String(pattern)), Some(text)) = (schema.get("pattern"), value.as_str())
        {
            let matched = pattern_matches(pattern, text).unwrap_or_else(|| {
                panic!("pattern {pattern:?} is not implemented by this validator")
            });
            if !matched {
                errors.push(format!("{at}: {text:?} does not match {pattern}"));
            }
        }
        if let Some(object) = value.as_object() {
            if let Some(Value::Array(required)) = schema.get("required") {
                for name in required.iter().filter_map(Value::as_str) {
                    if !object.contains_key(name) {
                        errors.push(format!("{at}: required field {name:?} is missing"));
                    }
                }
            }
            let properties = schema.get("properties").and_then(Value::as_object);
            for (name, field) in object {
                let field_path = format!("{path}/{name}");
                match (
                    properties.and_then(|p| p.get(name)),
                    schema.get("additionalProperties"),
                ) {
                    (Some(field_schema), _) => self.check(field_schema, field, &field_path, errors),
                    (None, Some(Value::Bool(false))) => {
                        errors.push(format!("{field_path}: unexpected field"))
                    }
                    (None, Some(additional)) => self.check(additional, field, &field_path, errors),
                    (None, None) => {}
                }
            }
        }
        if let (Some(items), Some(array)) = (schema.get("items"), value.as_array()) {
            for (index, item) in array.iter().enumerate() {
                self.check(items, item, &format!("{path}/{index}"), errors);
            }
        }
        for sub in schema
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            self.check(sub, value, path, errors);
        }
        if let Some(Value::Array(any)) = schema.get("anyOf") {
            let passes = |sub: &Value| {
                let mut sub_errors = Vec::new();
                self.check(sub, value, path, &mut sub_errors);
                sub_errors.is_empty()
            };
            if !any.iter().any(passes) {
                errors.push(format!("{at}: {value} matches none of anyOf"));
            }
        }
        if let Some(condition) = schema.get("if") {
            let mut condition_errors = Vec::new();
            self.check(condition, value, path, &mut condition_errors);
            let branch = if condition_errors.is_empty() {
                schema.get("then")
            } else {
                schema.get("else")
            };
            if let Some(branch) = branch {
                self.check(branch, value, path, errors);
            }
        }
    }
}

/// Every subschema in the schema, with its JSON pointer.
fn subschemas<'a>(schema: &'a Value, pointer: String, out: &mut Vec<(String, &'a Value)>) {
    let Some(map) = schema.as_object() else {
        return;
    };
    out.push((pointer.clone(), schema));
    for keyword in ["items", "additionalProperties", "if", "then", "else"] {
        if let Some(sub) = map.get(keyword) {
            subschemas(sub, format!("{pointer}/{keyword}"), out);
        }
    }
    for keyword in ["allOf", "anyOf"] {
        for (index, sub) in map
            .get(keyword)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            subschemas(sub, format!("{pointer}/{keyword}/{index}"), out);
        }
    }
    for keyword in ["properties", "$defs"] {
        for (name, sub) in map
            .get(keyword)
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            subschemas(sub, format!("{pointer}/{keyword}/{name}"), out);
        }
    }
}

// ---- reports ------------------------------------------------------------------------------

// Options added later keep their defaults here.
#[allow(clippy::needless_update)]
fn options(hosts: &[&str], password: Option<&str>) -> Options {
    Options {
        at: AT,
        hosts: hosts.iter().map(|h| h.to_string()).collect(),
        trust: vec![input("root.pem")],
        password: password.map(|p| p.as_bytes().to_vec()),
        ..Options::default()
    }
}

fn run(files: &[&str], options: &Options) -> Report {
    let inputs: Vec<Input> = files.iter().map(|f| input(f)).collect();
    inspect(&inputs, options)
}

fn to_json(report: &Report) -> Value {
    serde_json::to_value(report).expect("the report serializes")
}

/// Validates one report; returns its JSON for the coverage checks.
fn assert_valid(label: &str, report: &Report) -> Value {
    let schema = load_schema();
    let json = to_json(report);
    if let Some(dir) = std::env::var_os("CERTLENS_SCHEMA_DUMP") {
        let file: String = label
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let path = PathBuf::from(dir).join(format!("{file}.json"));
        std::fs::write(
            &path,
            serde_json::to_string_pretty(&json).unwrap_or_default(),
        )
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
    let errors = Validator { root: &schema }.errors(&json);
    assert!(
        errors.is_empty(),
        "the report of {label} does not match the schema:\n{}",
        errors.join("\n")
    );
    json
}

/// Every file under tests/fixtures, as a path relative to it, sorted.
fn fixture_files() -> Vec<String> {
    fn walk(dir: &Path, base: &Path, out: &mut Vec<String>) {
        let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                walk(&path, base, out);
            } else if let Ok(relative) = path.strip_prefix(base) {
                out.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let base = fixture_path("");
    let mut out = Vec::new();
    walk(&base, &base, &mut out);
    out.sort();
    out
}

/// Values seen across many reports, to show the corpus exercises the schema.
#[derive(Default)]
struct Seen {
    fields: BTreeSet<String>,
    values: BTreeSet<String>,
}

impl Seen {
    fn add(&mut self, report: &Value) {
        let mut record = |prefix: &str, item: &Value| {
            for (name, value) in item.as_object().into_iter().flatten() {
                self.fields.insert(format!("{prefix}.{name}"));
                if let Some(text) = value.as_str() {
                    self.values.insert(format!("{prefix}.{name}={text}"));
                }
            }
        };
        let list = |name: &str| report[name].as_array().cloned().unwrap_or_default();
        record("report", report);
        for object in list("objects") {
            record("object", &object);
            record("source", &object["source"]);
            record("key", &object["key"]);
        }
        for host in list("hosts") {
            record("host", &host);
        }
        for finding in list("findings") {
            record("finding", &finding);
            record("location", &finding["location"]);
        }
    }
}

#[test]
fn schema_is_well_formed() {
    let schema = load_schema();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["$id"], certlens::report::SCHEMA);
    assert_eq!(
        schema["properties"]["schema"]["const"],
        certlens::report::SCHEMA
    );
    let validator = Validator { root: &schema };
    let mut all = Vec::new();
    subschemas(&schema, String::new(), &mut all);
    assert!(all.len() > 50, "only {} subschemas found", all.len());
    for (pointer, sub) in &all {
        for keyword in sub.as_object().into_iter().flatten().map(|(k, _)| k) {
            assert!(
                ANNOTATIONS.contains(&keyword.as_str()) || ASSERTIONS.contains(&keyword.as_str()),
                "{pointer} uses {keyword:?}, which the validator here does not implement"
            );
        }
        if let Some(Value::String(reference)) = sub.get("$ref") {
            validator.resolve(reference);
        }
        if let Some(Value::String(pattern)) = sub.get("pattern") {
            assert!(
                pattern_matches(pattern, "").is_some(),
                "{pointer}: pattern {pattern:?} is not implemented here"
            );
        }
        // Every field and definition is documented for integrators.
        let segments: Vec<&str> = pointer.split('/').collect();
        let named =
            segments.len() >= 2 && matches!(segments[segments.len() - 2], "properties" | "$defs");
        let inside_rule = pointer.contains("/then/") || pointer.contains("/if/");
        if named && !inside_rule {
            assert!(
                sub.get("description")
                    .and_then(Value::as_str)
                    .is_some_and(|d| d.len() > 10),
                "{pointer} has no description"
            );
        }
    }
    // The hand-written pattern checks agree with the patterns on typical values.
    let cases = [
        ("^[0-9a-f]{32}$", "a0cd7e02bae316419a3a7a1bcd9b52e5", true),
        ("^[0-9a-f]{32}$", "A0CD7E02BAE316419A3A7A1BCD9B52E5", false),
        ("^[0-9a-f]{32}$", "a0cd7e02bae316419a3a7a1bcd9b52e", false),
        (
            "^[0-9A-F]{2}(:[0-9A-F]{2}){31}$",
            &["AB"; 32].join(":"),
            true,
        ),
        (
            "^[0-9A-F]{2}(:[0-9A-F]{2}){31}$",
            &["AB"; 31].join(":"),
            false,
        ),
        (
            "^[0-9A-F]{2}(:[0-9A-F]{2}){31}$",
            &["ab"; 32].join(":"),
            false,
        ),
        ("^([0-9A-F]{2}(:[0-9A-F]{2})*)?$", "6C:B5:66", true),
        ("^([0-9A-F]{2}(:[0-9A-F]{2})*)?$", "6CB566", false),
        ("^([0-9a-f]{2}(:[0-9a-f]{2})*)?$", "19:48:f7", true),
        ("^([0-9a-f]{2}(:[0-9a-f]{2})*)?$", "19:48:F7", false),
        ("^[0-9]+(\\.[0-9]+)+$", "1.3.6.1.5.5.7.3.9", true),
        ("^[0-9]+(\\.[0-9]+)+$", "serverAuth", false),
        (
            "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$",
            "2026-06-01T00:00:00Z",
            true,
        ),
        (
            "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$",
            "2026-06-01T00:00:00+00:00",
            false,
        ),
        (
            "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$",
            "@1780272000",
            false,
        ),
    ];
    for (pattern, text, expected) in cases {
        assert_eq!(
            pattern_matches(pattern, text),
            Some(expected),
            "{pattern} on {text:?}"
        );
    }
}

#[test]
fn every_fixture_report_matches_the_schema() {
    let files = fixture_files();
    assert!(files.len() > 80, "only {} fixture files found", files.len());
    let mut seen = Seen::default();
    for file in &files {
        let report = inspect(
            &[Input::new(file.as_str(), fixture(file))],
            &options(&["www.example.com"], None),
        );
        seen.add(&assert_valid(file, &report));
    }
    // The corpus reaches every object kind, severity and check family.
    for expected in [
        "object.kind=certificate",
        "object.kind=private_key",
        "object.kind=public_key",
        "object.kind=csr",
        "finding.severity=error",
        "finding.severity=warning",
        "finding.severity=info",
        "finding.check=format",
        "finding.check=order",
        "finding.check=chain",
        "finding.check=trust",
        "finding.check=key_match",
        "finding.check=expiry",
        "finding.check=domain",
        "finding.check=strength",
        "finding.check=usage",
        "key.algorithm=rsa",
        "key.algorithm=ec",
        "key.algorithm=ed25519",
    ] {
        assert!(
            seen.values.contains(expected),
            "no fixture report has {expected}"
        );
    }
}

#[test]
fn combined_inspections_match_the_schema() {
    let pw = Some("correct horse");
    let cases: Vec<(&str, Vec<&str>, Options)> = vec![
        (
            "fullchain+key",
            vec!["fullchain.pem", "leaf-rsa2048.key"],
            options(&["www.example.com", "example.org"], None),
        ),
        (
            "misordered",
            vec!["misordered.pem"],
            options(&["www.example.com"], None),
        ),
        (
            "encrypted-key-no-password",
            vec!["leaf-rsa2048.enc-pbkdf2.key"],
            options(&[], None),
        ),
        (
            "encrypted-key-password",
            vec!["leaf-rsa2048.enc-pbkdf2.key"],
            options(&[], pw),
        ),
        (
            "encrypted-key-wrong-password",
            vec!["leaf-rsa2048.pem", "leaf-rsa2048.enc-pbkdf2.key"],
            options(&[], Some("wrong horse")),
        ),
        (
            "encrypted-keys-with-certs",
            vec![
                "leaf-p256.pem",
                "leaf-p256.enc-aes128.key",
                "leaf-p256.enc-scrypt.key",
                "int2.pem",
            ],
            options(&["shop.example.com"], pw),
        ),
        (
            "random",
            vec!["random.bin"],
            options(&["www.example.com"], None),
        ),
        (
            "empty",
            vec!["empty.pem"],
            options(&["www.example.com"], None),
        ),
        (
            "pkcs7+key",
            vec!["chain.p7b", "leaf-rsa2048.key"],
            options(&["example.com"], None),
        ),
        (
            "ip-and-invalid-hosts",
            vec!["leaf-ip.pem", "int2.pem", "int1.pem"],
            options(
                &[
                    "192.0.2.10",
                    "2001:db8::1",
                    "https://www.example.com/",
                    "bad host",
                    "",
                ],
                None,
            ),
        ),
        (
            "public-roots",
            vec!["fullchain.pem", "with-root.pem"],
            Options {
                trust: Vec::new(),
                ..options(&["www.example.com"], None)
            },
        ),
        (
            "unreadable-trust",
            vec!["fullchain.pem"],
            Options {
                trust: vec![input("random.bin")],
                ..options(&[], None)
            },
        ),
        ("no-inputs", vec![], options(&["www.example.com"], None)),
    ];
    let mut seen = Seen::default();
    for (label, files, options) in &cases {
        seen.add(&assert_valid(label, &run(files, options)));
    }

    // Blocks that are found but cannot be used become `unknown` objects.
    let unusable = [
        Input::new("sequence.der", vec![0x30, 0x03, 0x02, 0x01, 0x00]),
        Input::new(
            "crl.pem",
            "-----BEGIN X509 CRL-----\nMAMCAQA=\n-----END X509 CRL-----\n",
        ),
        Input::new(
            "damaged.pem",
            "-----BEGIN CERTIFICATE-----\nMAMCAQA=\n-----END CERTIFICATE-----\n",
        ),
    ];
    let report = inspect(&unusable, &options(&[], None));
    seen.add(&assert_valid("unusable-blocks", &report));
    assert!(
        seen.values.contains("object.kind=unknown"),
        "no unknown object in {:#}",
        to_json(&report)
    );

    // Pasting damage certlens repairs or reports, each in its own input.
    let pem = String::from_utf8(fixture("leaf-rsa2048.pem")).expect("PEM is ASCII");
    let bare: String = pem
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut trailing = fixture("leaf-rsa2048.der");
    trailing.extend_from_slice(&[0, 0, 0]);
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(pem.encode_utf16().flat_map(u16::to_le_bytes));
    let fullchain = String::from_utf8(fixture("fullchain.pem")).expect("PEM is ASCII");
    let glued = fullchain.replacen(
        "-----END CERTIFICATE-----\n",
        "-----END CERTIFICATE-----",
        1,
    );
    let key = String::from_utf8(fixture("leaf-rsa2048.key")).expect("PEM is ASCII");
    let mislabelled = key.replace("PRIVATE KEY", "CERTIFICATE");
    let messy = [
        Input::new("bare.txt", bare),
        Input::new("trailing.der", trailing),
        Input::new("utf16.pem", utf16),
        Input::new("glued.pem", glued),
        Input::new("mislabelled.pem", mislabelled),
        Input::new(
            "ssh.key",
            "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n",
        ),
        Input::new(
            "legacy.key",
            "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00000000000000000000000000000000\n\nMAMCAQA=\n-----END RSA PRIVATE KEY-----\n",
        ),
        Input::new("empty-block.pem", "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n"),
    ];
    let report = inspect(&messy, &options(&["www.example.com"], None));
    seen.add(&assert_valid("messy-inputs", &report));

    // Everything at once: many objects, several leaves and chains, every kind of damage.
    let all: Vec<String> = fixture_files();
    let inputs: Vec<Input> = all
        .iter()
        .map(|f| Input::new(f.as_str(), fixture(f)))
        .collect();
    let report = inspect(
        &inputs,
        &options(&["www.example.com", "*.example.com", "192.0.2.10"], pw),
    );
    seen.add(&assert_valid("all-fixtures", &report));

    // What a front end adds for a file it could not read.
    let mut report = run(&["fullchain.pem"], &options(&[], None));
    report.add_input_error(
        "missing.pem",
        "No such file or directory",
        &certlens::Catalogue::english(),
    );
    seen.add(&assert_valid("input-error", &report));

    for expected in [
        "source.member",
        "object.encryption",
        "object.path_len",
        "object.key_usage",
        "object.extended_key_usage",
        "object.ca_issuers",
        "object.description",
        "host.invalid",
        "finding.location",
        "location.block",
        "location.line",
    ] {
        assert!(
            seen.fields.contains(expected),
            "no combined report has {expected}"
        );
    }
    for expected in [
        "finding.code=trust_unreadable",
        "finding.code=unreadable",
        "finding.code=invalid_host",
        "finding.code=key_matches",
        "finding.code=wrong_password",
        "finding.code=key_encrypted",
    ] {
        assert!(
            seen.values.contains(expected),
            "no combined report has {expected}"
        );
    }
}

/// A report with a bit of everything: certificates, a private key, hosts, findings.
fn sample() -> Value {
    let report = run(
        &["fullchain.pem", "leaf-rsa2048.key"],
        &options(&["www.example.com", "example.org"], None),
    );
    let json = to_json(&report);
    assert_eq!(
        json["objects"][3]["kind"], "private_key",
        "the sample changed: {json:#}"
    );
    assert!(json["findings"].as_array().is_some_and(|f| !f.is_empty()));
    json
}

/// Applies each change to the sample and asserts the schema rejects the result.
/// What a change does, and the change.
type Change = (&'static str, fn(&mut Value));

fn assert_rejected(changes: &[Change]) {
    let schema = load_schema();
    let validator = Validator { root: &schema };
    let original = sample();
    assert_eq!(validator.errors(&original), Vec::<String>::new());
    for (what, change) in changes {
        let mut broken = original.clone();
        change(&mut broken);
        assert_ne!(broken, original, "{what}: the change did nothing");
        assert!(
            !validator.errors(&broken).is_empty(),
            "the schema accepts a report with {what}"
        );
    }
}

fn remove(value: &mut Value, pointer: &str, field: &str) {
    let removed = value
        .pointer_mut(pointer)
        .and_then(Value::as_object_mut)
        .and_then(|o| o.remove(field));
    assert!(removed.is_some(), "{pointer}/{field} is not in the sample");
}

/// Sets (or adds) the value at a JSON pointer.
fn set(value: &mut Value, pointer: &str, new: Value) {
    let (parent, key) = pointer.rsplit_once('/').expect("a JSON pointer");
    match value.pointer_mut(parent) {
        Some(Value::Object(map)) => {
            map.insert(key.to_string(), new);
        }
        Some(Value::Array(items)) => {
            let index: usize = key.parse().expect("an array index");
            *items
                .get_mut(index)
                .unwrap_or_else(|| panic!("{pointer} is not in the sample")) = new;
        }
        _ => panic!("{parent} is not in the sample"),
    }
}

#[test]
fn the_schema_rejects_missing_fields() {
    assert_rejected(&[
        ("no schema", |r| remove(r, "", "schema")),
        ("no checked_at", |r| remove(r, "", "checked_at")),
        ("no objects", |r| remove(r, "", "objects")),
        ("no chain", |r| remove(r, "", "chain")),
        ("no key_matches", |r| remove(r, "", "key_matches")),
        ("no hosts", |r| remove(r, "", "hosts")),
        ("no findings", |r| remove(r, "", "findings")),
        ("an object without id", |r| remove(r, "/objects/0", "id")),
        ("an object without kind", |r| {
            remove(r, "/objects/0", "kind")
        }),
        ("an object without source", |r| {
            remove(r, "/objects/0", "source")
        }),
        ("a source without line", |r| {
            remove(r, "/objects/0/source", "line")
        }),
        ("a certificate without sha256_fingerprint", |r| {
            remove(r, "/objects/0", "sha256_fingerprint")
        }),
        ("a certificate without not_after", |r| {
            remove(r, "/objects/1", "not_after")
        }),
        ("a private key without key_format", |r| {
            remove(r, "/objects/3", "key_format")
        }),
        ("a key without bits", |r| {
            remove(r, "/objects/0/key", "bits")
        }),
        ("a chain without order", |r| remove(r, "/chain", "order")),
        ("a chain without complete", |r| {
            remove(r, "/chain", "complete")
        }),
        ("a chain without trusted", |r| {
            remove(r, "/chain", "trusted")
        }),
        ("a key match without key", |r| {
            remove(r, "/key_matches/0", "key")
        }),
        ("a key match without certificate", |r| {
            remove(r, "/key_matches/0", "certificate")
        }),
        ("a key match without matches", |r| {
            remove(r, "/key_matches/0", "matches")
        }),
        ("a host without name", |r| remove(r, "/hosts/0", "name")),
        ("a host without covered", |r| {
            remove(r, "/hosts/0", "covered")
        }),
        ("a host without matched_by", |r| {
            remove(r, "/hosts/1", "matched_by")
        }),
        ("a finding without check", |r| {
            remove(r, "/findings/0", "check")
        }),
        ("a finding without severity", |r| {
            remove(r, "/findings/0", "severity")
        }),
        ("a finding without code", |r| {
            remove(r, "/findings/0", "code")
        }),
        ("a finding without message", |r| {
            remove(r, "/findings/0", "message")
        }),
        ("a finding without objects", |r| {
            remove(r, "/findings/0", "objects")
        }),
        ("a finding without fix", |r| remove(r, "/findings/0", "fix")),
    ]);
}

#[test]
fn the_schema_rejects_bad_values() {
    assert_rejected(&[
        ("an unknown object kind", |r| {
            set(r, "/objects/0/kind", "certificat".into())
        }),
        ("an unknown key algorithm", |r| {
            set(r, "/objects/0/key/algorithm", "rsa-pss".into())
        }),
        ("an unknown curve", |r| {
            set(r, "/objects/2/key/curve", "P-192".into())
        }),
        ("an unknown check", |r| {
            set(r, "/findings/0/check", "dns".into())
        }),
        ("an unknown severity", |r| {
            set(r, "/findings/0/severity", "fatal".into())
        }),
        ("an unknown code", |r| {
            set(r, "/findings/0/code", "no_such_code".into())
        }),
        ("an unknown verdict", |r| set(r, "/verdict", "maybe".into())),
        ("another schema id", |r| {
            set(r, "/schema", "certlens.report/2".into())
        }),
        ("an uppercase pubkey_md5", |r| {
            let md5 = r["objects"][0]["pubkey_md5"]
                .as_str()
                .unwrap_or_default()
                .to_uppercase();
            set(r, "/objects/0/pubkey_md5", md5.into())
        }),
        ("a short pubkey_md5", |r| {
            set(r, "/objects/0/pubkey_md5", "a0cd7e02".into())
        }),
        ("a fingerprint without colons", |r| {
            let hex = r["objects"][0]["sha256_fingerprint"]
                .as_str()
                .unwrap_or_default()
                .replace(':', "");
            set(r, "/objects/0/sha256_fingerprint", hex.into())
        }),
        ("a time with an offset", |r| {
            set(r, "/checked_at", "2026-06-01T00:00:00+00:00".into())
        }),
        ("a time in seconds", |r| {
            set(r, "/objects/0/not_after", "@1780272000".into())
        }),
        ("a negative id", |r| set(r, "/objects/0/id", (-1).into())),
        ("a string id", |r| set(r, "/chain/order/0", "0".into())),
        ("a 0 line", |r| set(r, "/objects/0/source/line", 0.into())),
        ("a null kind", |r| set(r, "/objects/0/kind", Value::Null)),
        ("a numeric fix", |r| set(r, "/findings/0/fix", 1.into())),
        ("an extra top-level field", |r| {
            set(r, "/extra", Value::Null)
        }),
        ("an extra object field", |r| {
            set(r, "/objects/0/colour", "red".into())
        }),
        ("an extra finding field", |r| {
            set(r, "/findings/0/hint", "x".into())
        }),
        ("a private key with its PEM", |r| {
            set(r, "/objects/3/pem", "-----BEGIN PRIVATE KEY-----\n".into())
        }),
        ("a private key with a subject", |r| {
            set(r, "/objects/3/subject", "CN=x".into())
        }),
        ("a certificate with a key_format", |r| {
            set(r, "/objects/0/key_format", "pkcs8".into())
        }),
    ]);
}

// ---- finding codes: schema and source in step ---------------------------------------------

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The byte offset just past the top-level comma that ends the argument starting at `from`.
fn skip_argument(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let (mut depth, mut index, mut in_string) = (0usize, from, false);
    while index < bytes.len() {
        let b = bytes[index];
        if in_string {
            match b {
                b'\\' => index += 1,
                b'"' => in_string = false,
                _ => {}
            }
        } else {
            match b {
                b'"' => in_string = true,
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' if depth == 0 => return None,
                b')' | b']' | b'}' => depth -= 1,
                b',' if depth == 0 => return Some(index + 1),
                _ => {}
            }
        }
        index += 1;
    }
    None
}

/// The codes given to findings in the source. A code is the string literal passed as the
/// `code` argument of `Finding::new/error/warning/info`, or of a local helper whose first
/// parameter is named `code` (`let repaired = |code, ...| Finding::warning(.., code, ..)`,
/// `fn config_finding(code: &'static str, ...)`).
/// Any other expression in that position is returned as unresolved, so the test fails
/// rather than miss a code.
fn source_codes() -> (BTreeSet<String>, Vec<String>) {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    files.sort();
    let (mut codes, mut unresolved) = (BTreeSet::new(), Vec::new());
    for file in files {
        let text =
            std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let name = file
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .unwrap_or(&file)
            .display()
            .to_string();
        // (call text, arguments before the code)
        let mut calls: Vec<(String, usize)> = vec![
            ("Finding::new(".into(), 2),
            ("Finding::error(".into(), 1),
            ("Finding::warning(".into(), 1),
            ("Finding::info(".into(), 1),
        ];
        for (at, _) in text.match_indices("let ") {
            let rest = &text[at + 4..];
            let ident: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let after = rest[ident.len()..].trim_start();
            if !ident.is_empty()
                && after
                    .strip_prefix('=')
                    .is_some_and(|a| a.trim_start().starts_with("|code"))
            {
                calls.push((format!("{ident}("), 0));
            }
        }
        // Helper functions too: `fn helper(code: &'static str, ...)`.
        for (at, _) in text.match_indices("fn ") {
            let rest = &text[at + 3..];
            let ident: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let params = rest[ident.len()..].strip_prefix('(').map(str::trim_start);
            if !ident.is_empty() && params.is_some_and(|p| p.starts_with("code: &'static str")) {
                calls.push((format!("{ident}("), 0));
            }
        }
        for (at, _) in text.match_indices("Finding {") {
            let before = text[..at].trim_end();
            // TypeScript declarations (`export interface Finding {`) describe, not build.
            let declaration = ["->", "impl", "struct", "for", "interface"]
                .iter()
                .any(|k| before.ends_with(k));
            if !declaration && !name.ends_with("finding.rs") {
                let line = text[..at].lines().count();
                unresolved.push(format!("{name}:{line}: builds a Finding literal"));
            }
        }
        for (call, skip) in &calls {
            for (at, _) in text.match_indices(call.as_str()) {
                let boundary = text[..at]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == ':'));
                if !call.starts_with("Finding::") && !boundary {
                    continue;
                }
                let line = text[..at].lines().count().max(1);
                let mut position = Some(at + call.len());
                for _ in 0..*skip {
                    position = position.and_then(|p| skip_argument(&text, p));
                }
                let Some(position) = position else {
                    unresolved.push(format!("{name}:{line}: {call} with too few arguments"));
                    continue;
                };
                let argument = text[position..].trim_start();
                if let Some(literal) = argument.strip_prefix('"') {
                    let end = literal.find('"').unwrap_or(0);
                    codes.insert(literal[..end].to_string());
                } else if !(argument.starts_with("code,")
                    || argument.starts_with("code)")
                    || argument.starts_with("code:"))
                {
                    let shown: String = argument.chars().take(40).collect();
                    unresolved.push(format!("{name}:{line}: {call}... code is `{shown}`"));
                }
            }
        }
    }
    (codes, unresolved)
}

#[test]
fn finding_codes_match_the_source() {
    let schema = load_schema();
    let in_schema: Vec<String> = schema
        .pointer("/$defs/finding/properties/code/enum")
        .and_then(Value::as_array)
        .expect("the schema lists the finding codes")
        .iter()
        .map(|c| c.as_str().expect("codes are strings").to_string())
        .collect();
    let schema_set: BTreeSet<String> = in_schema.iter().cloned().collect();
    assert_eq!(
        schema_set.len(),
        in_schema.len(),
        "the schema lists a code twice"
    );
    for code in &in_schema {
        assert!(
            !code.is_empty()
                && code
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
            "code {code:?} is not snake_case"
        );
    }

    let (in_source, unresolved) = source_codes();
    assert!(
        unresolved.is_empty(),
        "finding codes the scan cannot read:\n{}",
        unresolved.join("\n")
    );
    assert!(
        in_source.len() > 50,
        "only {} codes found in src/: the scan is broken",
        in_source.len()
    );
    let missing: Vec<_> = in_source.difference(&schema_set).collect();
    let stale: Vec<_> = schema_set.difference(&in_source).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "schema/report.schema.json and src/ disagree on finding codes.\n\
         emitted by src/ but not in the schema: {missing:?}\n\
         in the schema but emitted nowhere in src/: {stale:?}"
    );
}

// ---- the configuration audit: schema/config-report.schema.json ---------------------------

/// The configuration audit's schema with the report schema bundled into it: its references
/// to `certlens.report/1` become references into `$defs` (the report's own definitions, and
/// the report itself as `$defs/report`), so the validator here resolves them in one document.
fn load_config_schema() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/config-report.schema.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut schema: Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut report = load_schema();
    let report_defs = report
        .as_object_mut()
        .and_then(|o| o.remove("$defs"))
        .expect("the report schema has $defs");
    fn rewrite(value: &mut Value) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(reference)) = map.get_mut("$ref") {
                    if let Some(rest) = reference.strip_prefix(certlens::report::SCHEMA) {
                        *reference = if rest.is_empty() {
                            "#/$defs/report".to_string()
                        } else {
                            rest.to_string()
                        };
                    }
                }
                map.values_mut().for_each(rewrite);
            }
            Value::Array(items) => items.iter_mut().for_each(rewrite),
            _ => {}
        }
    }
    rewrite(&mut schema);
    let defs = schema["$defs"].as_object_mut().expect("$defs");
    for (name, def) in report_defs.as_object().expect("an object") {
        assert!(
            defs.insert(name.clone(), def.clone()).is_none(),
            "config-report.schema.json defines {name}, which the report schema defines too"
        );
    }
    if let Some(map) = report.as_object_mut() {
        map.remove("$schema");
        map.remove("$id");
    }
    defs.insert("report".to_string(), report);
    schema
}

#[test]
fn config_reports_match_the_schema() {
    let schema = load_config_schema();
    assert_eq!(schema["$id"], certlens::server_config::CONFIG_SCHEMA);
    let validator = Validator { root: &schema };
    let mut all = Vec::new();
    subschemas(&schema, String::new(), &mut all);
    for (pointer, sub) in &all {
        if let Some(Value::String(reference)) = sub.get("$ref") {
            validator.resolve(reference);
        }
        let segments: Vec<&str> = pointer.split('/').collect();
        let named =
            segments.len() >= 2 && matches!(segments[segments.len() - 2], "properties" | "$defs");
        if named && !pointer.contains("/then/") && !pointer.contains("/if/") {
            assert!(
                sub.get("description")
                    .and_then(Value::as_str)
                    .is_some_and(|d| d.len() > 10),
                "{pointer} has no description"
            );
        }
    }
    let mut codes = BTreeSet::new();
    let mut seen_null_report = false;
    for file in [
        "nginx.conf",
        "apache.conf",
        "swapped.conf",
        "missing-file.conf",
        "plain-http.conf",
    ] {
        let report = common::audit_config(file);
        let json = serde_json::to_value(&report).expect("the audit serializes");
        let errors = validator.errors(&json);
        assert!(errors.is_empty(), "{file}:\n{}", errors.join("\n"));
        codes.extend(report.findings.iter().map(|f| f.code));
        seen_null_report |= json["servers"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|s| s["certificates"].as_array().cloned().unwrap_or_default())
            .any(|c| c["report"].is_null());
    }
    // Not a configuration at all.
    let input = certlens::server_config::AuditInput {
        configs: vec![Input::new("random.bin", fixture("random.bin"))],
        ..Default::default()
    };
    let report = common::audit_input(&input);
    let json = serde_json::to_value(&report).expect("the audit serializes");
    assert_eq!(validator.errors(&json), Vec::<String>::new());
    assert!(json["dialect"].is_null());
    codes.extend(report.findings.iter().map(|f| f.code));
    assert!(seen_null_report, "no audit has a server without a report");
    for code in [
        "tls_protocol_outdated",
        "weak_cipher",
        "chain_file_leaf_only",
        "key_cert_swapped",
        "config_file_unreadable",
        "no_tls_server",
        "config_not_recognised",
    ] {
        assert!(codes.contains(code), "no audit has {code}: {codes:?}");
    }
    // Broken audits are rejected.
    let good = serde_json::to_value(common::audit_config("nginx.conf")).expect("serializes");
    let broken: [Change; 4] = [
        ("no servers", |v| {
            v.as_object_mut().map(|o| o.remove("servers"));
        }),
        ("an unknown dialect", |v| v["dialect"] = "lighttpd".into()),
        ("an unknown protocol", |v| {
            v["servers"][0]["protocols"] = serde_json::json!(["TLSv1.4"])
        }),
        ("a server report without findings", |v| {
            v["servers"][0]["certificates"][0]["report"]
                .as_object_mut()
                .map(|o| o.remove("findings"));
        }),
    ];
    for (what, change) in broken {
        let mut value = good.clone();
        change(&mut value);
        assert!(
            !validator.errors(&value).is_empty(),
            "the schema accepts an audit with {what}"
        );
    }
}
