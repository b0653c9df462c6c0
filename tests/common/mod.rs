//! Shared helpers: read fixtures, inspect them at the fixtures' reference instant.
#![allow(dead_code)]

use std::path::PathBuf;

use certlens::{inspect, Finding, Input, Options, Report, Severity};

/// 2026-06-01T00:00:00Z: the instant every fixture's dates are chosen around.
pub const AT: i64 = 1_780_272_000;

pub fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixture_path(name)).unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

pub fn input(name: &str) -> Input {
    Input::new(name, fixture(name))
}

/// Inspects fixtures with the test root trusted.
pub fn check(files: &[&str]) -> Report {
    check_with(
        files,
        Options {
            trust: vec![input("root.pem")],
            ..options()
        },
    )
}

/// Inspects fixtures against the public roots.
pub fn check_public(files: &[&str]) -> Report {
    check_with(files, options())
}

pub fn check_with(files: &[&str], options: Options) -> Report {
    let inputs: Vec<Input> = files.iter().map(|f| input(f)).collect();
    inspect(&inputs, &options)
}

pub fn options() -> Options {
    Options {
        at: AT,
        ..Options::default()
    }
}

pub fn codes(report: &Report) -> Vec<&'static str> {
    report.findings.iter().map(|f| f.code).collect()
}

pub fn find<'a>(report: &'a Report, code: &str) -> Option<&'a Finding> {
    report.findings.iter().find(|f| f.code == code)
}

pub fn has(report: &Report, code: &str) -> bool {
    find(report, code).is_some()
}

pub fn errors(report: &Report) -> Vec<&Finding> {
    report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect()
}

/// Lines of an `expected/*.tsv` file as (file, value) pairs.
pub fn expected_tsv(name: &str) -> Vec<(String, String)> {
    let text = String::from_utf8(fixture(&format!("expected/{name}"))).unwrap();
    text.lines()
        .filter_map(|line| line.split_once('\t'))
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}
