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

/// The clock's instant, for certificates made at test time.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
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

/// Audits a configuration under tests/fixtures/config the way `certlens config` does:
/// includes (`dir/*.suffix` globs or plain paths) and the files the servers name are read
/// relative to that directory. Returns the input too, for tests that change it.
pub fn config_input(main: &str) -> certlens::server_config::AuditInput {
    use certlens::server_config::{
        referenced_paths, ConfigFile, Dialect, FileContent, Included, IncludedFile,
    };
    let base = fixture_path("config");
    let data = std::fs::read(base.join(main)).unwrap_or_else(|e| panic!("{main}: {e}"));
    let dialect = Dialect::detect(&String::from_utf8_lossy(&data)).expect("a configuration");
    let mut input = certlens::server_config::AuditInput {
        configs: vec![Input::new(main, data)],
        dialect: Some(dialect),
        ..Default::default()
    };
    let mut index = 0;
    while index < input.configs.len() {
        let config = ConfigFile::parse(
            &input.configs[index].name,
            &input.configs[index].data,
            dialect,
        );
        for include in config.includes() {
            let pattern = include.arg().to_string();
            let names: Vec<String> = match pattern.split_once('*') {
                Some((dir, suffix)) => {
                    let mut names: Vec<String> = std::fs::read_dir(base.join(dir))
                        .map(|entries| {
                            entries
                                .filter_map(|e| e.ok()?.file_name().into_string().ok())
                                .filter(|n| n.ends_with(suffix))
                                .map(|n| format!("{dir}{n}"))
                                .collect()
                        })
                        .unwrap_or_default();
                    names.sort();
                    names
                }
                None => vec![pattern.clone()],
            };
            let mut found = Vec::new();
            for name in names {
                if let Ok(data) = std::fs::read(base.join(&name)) {
                    if !input.configs.iter().any(|c| c.name == name) {
                        input.configs.push(Input::new(name.as_str(), data));
                    }
                    found.push(name);
                }
            }
            input.includes.insert(
                pattern,
                Included::Files(found.into_iter().map(IncludedFile::read).collect()),
            );
        }
        index += 1;
    }
    let configs: Vec<ConfigFile> = input
        .configs
        .iter()
        .map(|c| ConfigFile::parse(&c.name, &c.data, dialect))
        .collect();
    for path in referenced_paths(&configs, &input.includes) {
        let content = match std::fs::read(base.join(&path)) {
            Ok(bytes) => FileContent::Data { bytes, meta: None },
            Err(e) => FileContent::Unreadable(e.to_string()),
        };
        input.files.insert(path, content);
    }
    input
}

/// The audit of a fixture configuration with the test root trusted, at [`AT`].
pub fn audit_config(main: &str) -> certlens::server_config::ConfigReport {
    audit_input(&config_input(main))
}

pub fn audit_input(
    input: &certlens::server_config::AuditInput,
) -> certlens::server_config::ConfigReport {
    certlens::server_config::audit(
        input,
        &Options {
            trust: vec![self::input("root.pem")],
            ..options()
        },
    )
}

/// Whether the `openssl` CLI can be run. Tests that compare with it fail without it (a test
/// that passes by skipping proves nothing), unless `CERTLENS_WITHOUT_OPENSSL=1` asks to skip
/// them; then they say they skipped.
pub fn openssl_available() -> bool {
    let available = std::process::Command::new("openssl")
        .arg("version")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !available {
        assert!(
            std::env::var_os("CERTLENS_WITHOUT_OPENSSL").is_some(),
            "this test needs the openssl CLI (Debian: apt-get install openssl); \
             CERTLENS_WITHOUT_OPENSSL=1 skips such tests"
        );
        eprintln!("SKIPPED: `openssl` is not on PATH (CERTLENS_WITHOUT_OPENSSL)");
    }
    available
}

/// A scratch directory for one test under the target dir, emptied first (the process id keeps
/// test binaries apart).
pub fn scratch(name: &str) -> PathBuf {
    let dir =
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs the openssl CLI in `dir`; its stdout, or a panic with its stderr.
pub fn run_openssl<S: AsRef<std::ffi::OsStr> + std::fmt::Debug>(
    dir: &std::path::Path,
    args: &[S],
) -> Vec<u8> {
    let out = std::process::Command::new("openssl")
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("these tests need the openssl CLI: {e}"));
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}
