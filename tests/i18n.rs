//! The text catalogues (`i18n/<lang>.json`): every finding code has its text, every language
//! has the same keys with the same placeholders, and no rendered finding leaves a
//! placeholder unfilled, in any language.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use certlens::i18n::LANGUAGES;
use certlens::{inspect, Catalogue, Input, Options, Report};
use common::{fixture, fixture_path, input, AT};
use serde_json::Value;

fn catalogue(lang: &str) -> BTreeMap<String, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("i18n/{lang}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn schema_codes() -> BTreeSet<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/report.schema.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    schema
        .pointer("/$defs/finding/properties/code/enum")
        .and_then(Value::as_array)
        .expect("the schema lists the finding codes")
        .iter()
        .map(|c| c.as_str().expect("codes are strings").to_string())
        .collect()
}

/// The `{name}` placeholders of a template; `{{` and `}}` are literal braces.
fn placeholders(template: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = template;
    while let Some(at) = rest.find('{') {
        let tail = &rest[at..];
        if let Some(after) = tail.strip_prefix("{{") {
            rest = after;
            continue;
        }
        match tail.find('}') {
            Some(close) => {
                out.insert(tail[1..close].to_string());
                rest = &tail[close + 1..];
            }
            None => break,
        }
    }
    out
}

/// Text left as `{name}` by the renderer: a parameter or key it did not have.
fn unfilled(text: &str) -> Option<String> {
    let mut rest = text;
    while let Some(at) = rest.find('{') {
        let tail = &rest[at + 1..];
        let name: String = tail
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '.'))
            .collect();
        if !name.is_empty() && tail[name.len()..].starts_with('}') {
            return Some(format!("{{{name}}}"));
        }
        rest = tail;
    }
    None
}

#[test]
fn every_finding_code_has_a_message() {
    let en = catalogue("en");
    let missing: Vec<String> = schema_codes()
        .into_iter()
        .filter(|code| !en.contains_key(&format!("finding.{code}.message")))
        .collect();
    assert!(
        missing.is_empty(),
        "codes without finding.<code>.message in en.json: {missing:?}"
    );
}

#[test]
fn every_finding_text_belongs_to_a_code() {
    let codes = schema_codes();
    let en = catalogue("en");
    for key in en.keys().filter(|k| k.starts_with("finding.")) {
        let parts: Vec<&str> = key.split('.').collect();
        let well_formed = matches!(
            parts.as_slice(),
            [_, _, "message" | "fix"] | [_, _, _, "message" | "fix"]
        );
        assert!(
            well_formed,
            "{key}: not finding.<code>[.<variant>].message|fix"
        );
        assert!(
            codes.contains(parts[1]),
            "{key}: no such code in the schema (an orphan text)"
        );
        // A variant's text falls back to the plain one, which must exist.
        let plain = format!("finding.{}.message", parts[1]);
        assert!(en.contains_key(&plain), "{key}: {plain} is missing");
    }
}

#[test]
fn every_language_has_the_same_placeholders_and_no_stale_keys() {
    let en = catalogue("en");
    for lang in LANGUAGES.iter().filter(|l| **l != "en") {
        let other = catalogue(lang);
        assert_eq!(other.get("language.code").map(String::as_str), Some(*lang));
        for (key, text) in &other {
            let english = en
                .get(key)
                .unwrap_or_else(|| panic!("{lang}.json: {key} is not in en.json (stale key)"));
            assert_eq!(
                placeholders(text),
                placeholders(english),
                "{lang}.json: {key} names other placeholders than en.json"
            );
        }
    }
}

/// Every text exists in every language: the page, the component, the CLI and the findings
/// (one catalogue per language holds them all).
#[test]
fn every_language_has_every_key() {
    let en = catalogue("en");
    for lang in LANGUAGES.iter().filter(|l| **l != "en") {
        let other = catalogue(lang);
        let missing: Vec<&String> = en.keys().filter(|key| !other.contains_key(*key)).collect();
        assert!(
            missing.is_empty(),
            "{lang}.json lacks {} keys: {missing:?}",
            missing.len()
        );
    }
}

#[test]
fn the_built_in_catalogues_are_the_files() {
    for lang in LANGUAGES {
        let keys: BTreeSet<String> = Catalogue::builtin_keys(lang)
            .unwrap_or_else(|| panic!("no built-in catalogue for {lang}"))
            .into_iter()
            .map(str::to_string)
            .collect();
        // The page's own strings are not compiled in.
        let file: BTreeSet<String> = catalogue(lang)
            .into_keys()
            .filter(|key| !key.starts_with("ui."))
            .collect();
        assert_eq!(
            keys, file,
            "the {lang} catalogue built in differs from i18n/{lang}.json"
        );
    }
}

fn fixture_files() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(fixture_path(""))
        .expect("tests/fixtures")
        .filter_map(|entry| {
            let path = entry.expect("directory entry").path();
            path.is_file()
                .then(|| path.file_name()?.to_str().map(str::to_string))
                .flatten()
        })
        .collect();
    out.sort();
    out
}

fn assert_filled(report: &Report, what: &str) {
    for finding in &report.findings {
        let texts = std::iter::once(&finding.message).chain(finding.fix.as_ref());
        for text in texts {
            assert!(
                !text.is_empty(),
                "{what}: {} has an empty text",
                finding.code
            );
            if let Some(placeholder) = unfilled(text) {
                panic!(
                    "{what}: {} leaves {placeholder} unfilled: {text}",
                    finding.code
                );
            }
        }
    }
}

#[test]
fn every_fixture_renders_without_placeholders_in_every_language() {
    let files = fixture_files();
    assert!(files.len() > 80, "only {} fixture files found", files.len());
    // Hosts that reach every domain text: covered, apex under a wildcard, a second level,
    // not covered, and not a host name at all.
    let hosts = [
        "www.example.com",
        "example.com",
        "a.b.example.com",
        "other.test",
        "https://x/",
    ]
    .map(String::from)
    .to_vec();
    let mut codes = BTreeSet::new();
    for lang in LANGUAGES {
        let catalogue = Catalogue::builtin(lang).expect("a built-in catalogue");
        let options = |trust: Vec<Input>| Options {
            hosts: hosts.clone(),
            at: AT,
            trust,
            catalogue: catalogue.clone(),
            ..Options::default()
        };
        for file in &files {
            let inputs = [Input::new(file.as_str(), fixture(file))];
            for trust in [Vec::new(), vec![input("root.pem")]] {
                let report = inspect(&inputs, &options(trust));
                assert_eq!(report.lang, *lang);
                assert_filled(&report, &format!("{file} ({lang})"));
                codes.extend(report.findings.iter().map(|f| f.code));
            }
        }
        // All together: order, duplicate, key and chain findings across files.
        let all: Vec<Input> = files
            .iter()
            .map(|f| Input::new(f.as_str(), fixture(f)))
            .collect();
        let report = inspect(&all, &options(vec![input("root.pem")]));
        assert_filled(&report, &format!("all fixtures ({lang})"));
        codes.extend(report.findings.iter().map(|f| f.code));
    }
    // A floor to raise: the other codes need inputs no fixture holds (limits, passwords).
    assert!(
        codes.len() >= 45,
        "only {} codes rendered: {codes:?}",
        codes.len()
    );
}
