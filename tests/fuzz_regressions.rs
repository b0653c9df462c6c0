//! Inputs that once went wrong, replayed through the very harnesses the fuzzer runs
//! (`fuzz/src/lib.rs`, built here with the package's own dependencies), each with what the
//! result must now say. Files are `tests/fuzz-regressions/<target>-<what>.bin`
//! (DEVELOPERS.md, "Fuzzing").

#[path = "../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod harness;

use std::path::PathBuf;

fn regressions() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("tests/fuzz-regressions")
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn every_regression_input_runs_through_its_harness() {
    let files = regressions();
    assert!(!files.is_empty());
    for (name, data) in &files {
        let target = name.split('-').next().unwrap();
        match target {
            "inspect" => drop(harness::inspect(data)),
            "pem_text" => drop(harness::pem_text(data)),
            "der" => drop(harness::der(data)),
            "pkcs12" => drop(harness::pkcs12(data)),
            "data" => harness::data(data),
            "host_match" => harness::host_match(data),
            "config" => drop(harness::config(data)),
            _ => panic!("{name}: no fuzz target {target}"),
        }
    }
}

/// Hostile include trees (issue 13): a file that cannot be read is an error naming it; a
/// file that includes itself, directly or through a glob, is cut off with a limit finding.
#[test]
fn include_trees_say_what_was_not_read() {
    let files = regressions();
    let codes = |name: &str| -> Vec<String> {
        let (_, data) = files.iter().find(|(n, _)| n == name).expect(name);
        harness::config(data)
            .findings
            .iter()
            .map(|f| f.code.to_string())
            .collect()
    };
    let unreadable = codes("config-include-unreadable");
    assert!(
        unreadable.contains(&"config_file_unreadable".to_string()),
        "{unreadable:?}"
    );
    let looped = codes("config-include-loop");
    assert!(looped.contains(&"config_limit".to_string()), "{looped:?}");
}
