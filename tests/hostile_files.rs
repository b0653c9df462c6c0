//! The CLI on files an attacker can hand to an administrator: devices, FIFOs, directories,
//! sparse giants and unreadable files among its inputs, includes and the files a
//! configuration names; symlinks and device names at its output paths. Every run has a
//! watchdog: a hang is a failure, not a stuck test suite.

#![cfg(unix)]

mod common;
#[path = "common/hostile_certs.rs"]
mod hostile_certs;

use std::io::Write as _;
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{fixture, fixture_path, scratch};
use hostile_certs::self_signed;

const AT: &str = "2026-06-01T00:00:00Z";
/// Far longer than any of these runs takes; a run still going then is hanging.
const WATCHDOG: Duration = Duration::from_secs(60);

fn command(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_certlens"));
    for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        command.env_remove(name);
    }
    command.current_dir(dir).stdin(Stdio::null());
    command
}

/// Runs to the end or fails the test when it outlives the watchdog.
fn run(mut command: Command) -> Output {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run certlens");
    let started = Instant::now();
    while child.try_wait().expect("wait for certlens").is_none() {
        if started.elapsed() > WATCHDOG {
            let _ = child.kill();
            panic!("certlens hung: {command:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("certlens output")
}

fn certlens(dir: &Path, args: &[&str]) -> Output {
    let mut command = command(dir);
    command.args(args);
    run(command)
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}{}",
            String::from_utf8_lossy(&output.stdout),
            stderr(output)
        )
    })
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(status.success());
}

/// A file of `len` bytes that occupies (almost) no disk: the file system says its size
/// before a byte is read.
fn sparse(path: &Path, len: u64) {
    std::fs::File::create(path).unwrap().set_len(len).unwrap();
}

/// The `config_file_unreadable` findings of a configuration audit: (path, reason).
fn unreadable_files(report: &serde_json::Value) -> Vec<(String, String)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "config_file_unreadable")
        .map(|f| {
            let params = &f["params"];
            (
                params["path"].as_str().unwrap_or_default().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn check_refuses_devices_fifos_directories_and_giants_by_name_without_reading_them() {
    let dir = scratch("hostile-check");
    mkfifo(&dir.join("pipe.pem"));
    std::fs::create_dir(dir.join("folder.pem")).unwrap();
    sparse(&dir.join("huge.pem"), 2 << 30);
    for (path, expected) in [
        ("/dev/zero", "it is a device, not a regular file"),
        ("pipe.pem", "it is a named pipe (FIFO)"),
        ("folder.pem", "it is a directory, not a regular file"),
        (
            "huge.pem",
            "it is 2048 MiB; certlens reads at most 64 MiB per file",
        ),
    ] {
        let output = certlens(&dir, &["check", path]);
        assert_eq!(output.status.code(), Some(2), "{path}: {}", stderr(&output));
        let message = stderr(&output);
        assert!(
            message.contains(&format!("cannot read {path}: {expected}")),
            "{path}: {message}"
        );
    }
    // The readable inputs beside such a file are still checked; the other is named.
    let fullchain = fixture_path("fullchain.pem");
    let args = [
        "check",
        fullchain.to_str().unwrap(),
        "pipe.pem",
        "--format",
        "json",
        "--at",
        AT,
    ];
    let output = certlens(&dir, &args);
    let report = json(&output);
    assert_eq!(report["objects"].as_array().unwrap().len(), 3);
    let unreadable: Vec<_> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "unreadable")
        .collect();
    assert_eq!(unreadable.len(), 1, "{report}");
    assert!(unreadable[0]["message"]
        .as_str()
        .unwrap()
        .contains("pipe.pem: it is a named pipe"));
}

#[test]
fn password_and_trust_files_are_bounded_too() {
    let dir = scratch("hostile-password");
    mkfifo(&dir.join("password"));
    let key = fixture_path("leaf-rsa2048.key");
    let output = certlens(
        &dir,
        &[
            "check",
            key.to_str().unwrap(),
            "--password-file",
            "password",
        ],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("cannot read password: it is a named pipe"),
        "{}",
        stderr(&output)
    );
    let output = certlens(
        &dir,
        &["check", key.to_str().unwrap(), "--trust", "/dev/zero"],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("cannot read /dev/zero: it is a device"));
}

#[test]
fn standard_input_is_read_up_to_the_limit_and_no_further() {
    let mut child = command(Path::new("."))
        .args(["check", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // 65 MiB of PEM-looking text; certlens may stop reading (and close the pipe) early.
    let writer = std::thread::spawn(move || {
        let line = [b'A'; 1024];
        for _ in 0..65 * 1024 {
            if stdin.write_all(&line).is_err() {
                break;
            }
        }
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output)
            .contains("cannot read standard input: it holds more than 64 MiB, the most certlens"),
        "{}",
        stderr(&output)
    );
}

/// An nginx configuration in `dir` with one TLS server, `extra` inside `http`.
fn nginx_config(dir: &Path, certificate: &str, extra: &str) -> PathBuf {
    std::fs::write(dir.join("fullchain.pem"), fixture("fullchain.pem")).unwrap();
    std::fs::write(dir.join("leaf.key"), fixture("leaf-rsa2048.key")).unwrap();
    std::fs::set_permissions(dir.join("leaf.key"), PermissionsExt::from_mode(0o600)).unwrap();
    let path = dir.join("nginx.conf");
    std::fs::write(
        &path,
        format!(
            "http {{\n    server {{\n        listen 443 ssl;\n        server_name www.example.com;\n        ssl_certificate {certificate};\n        ssl_certificate_key leaf.key;\n    }}\n    {extra}\n}}\n"
        ),
    )
    .unwrap();
    path
}

fn audit(dir: &Path) -> (Output, serde_json::Value) {
    let output = certlens(
        dir,
        &["config", "nginx.conf", "--format", "json", "--at", AT],
    );
    let report = json(&output);
    (output, report)
}

#[test]
fn config_reports_includes_that_are_devices_fifos_or_giants_and_never_hangs() {
    let dir = scratch("hostile-config-include");
    mkfifo(&dir.join("pipe.conf"));
    sparse(&dir.join("huge.conf"), 2 << 30);
    std::fs::create_dir(dir.join("conf.d")).unwrap();
    mkfifo(&dir.join("conf.d/evil.conf"));
    std::fs::write(dir.join("conf.d/good.conf"), "# nothing\n").unwrap();
    nginx_config(
        &dir,
        "fullchain.pem",
        "include /dev/zero;\n    include pipe.conf;\n    include huge.conf;\n    include conf.d/*.conf;",
    );
    let (output, report) = audit(&dir);
    assert_eq!(output.status.code(), Some(1), "{report}");
    let unreadable = unreadable_files(&report);
    let reason = |path: &str| {
        unreadable
            .iter()
            .find(|(p, _)| p.ends_with(path))
            .map(|(_, message)| message.clone())
            .unwrap_or_else(|| panic!("{path} is not reported: {unreadable:?}"))
    };
    assert!(reason("/dev/zero").contains("it is a device, not a regular file"));
    assert!(reason("pipe.conf").contains("it is a named pipe (FIFO)"));
    assert!(reason("huge.conf").contains("it is 2048 MiB"));
    // A glob's matches are read one by one: the FIFO among them is named, the rest read.
    assert!(reason("conf.d/evil.conf").contains("named pipe"));
    let files = report["files"].as_array().unwrap();
    assert!(files
        .iter()
        .any(|f| f.as_str().unwrap().ends_with("good.conf")));
    assert_eq!(report["verdict"], "problems");
}

#[test]
fn config_reports_certificate_files_that_are_devices_fifos_directories_or_giants() {
    for (name, make, expected) in [
        ("dev-zero", None, "it is a device"),
        ("fifo", Some("fifo"), "it is a named pipe"),
        ("directory", Some("dir"), "it is a directory"),
        ("sparse", Some("sparse"), "it is 2048 MiB"),
    ] {
        let dir = scratch(&format!("hostile-config-cert-{name}"));
        let certificate = match make {
            None => "/dev/zero".to_string(),
            Some(kind) => {
                let path = dir.join("cert.pem");
                match kind {
                    "fifo" => mkfifo(&path),
                    "dir" => std::fs::create_dir(&path).unwrap(),
                    _ => sparse(&path, 2 << 30),
                }
                "cert.pem".to_string()
            }
        };
        nginx_config(&dir, &certificate, "");
        let (output, report) = audit(&dir);
        assert_eq!(output.status.code(), Some(1), "{name}: {report}");
        let text = report.to_string();
        assert!(text.contains(expected), "{name}: {text}");
        assert_eq!(report["verdict"], "problems", "{name}");
    }
}

/// Runs certlens as the unprivileged user `nobody` (through setpriv when the tests run as
/// root, as in CI), so that a mode 000 file really cannot be read.
fn as_unprivileged(dir: &Path, args: &[&str]) -> Output {
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout.starts_with(b"0\n"))
        .unwrap_or(false);
    if !is_root {
        return certlens(dir, args);
    }
    let mut command = Command::new("setpriv");
    command
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(env!("CARGO_BIN_EXE_certlens"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null());
    for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        command.env_remove(name);
    }
    run(command)
}

#[test]
fn an_include_that_exists_but_cannot_be_read_is_an_error_not_silence() {
    let dir = scratch("hostile-config-mode000");
    std::fs::set_permissions(&dir, PermissionsExt::from_mode(0o755)).unwrap();
    std::fs::create_dir(dir.join("conf.d")).unwrap();
    // An SSLv3 server nobody would see if the unreadable file were skipped.
    std::fs::write(
        dir.join("conf.d/legacy.conf"),
        "server { listen 443 ssl; ssl_protocols SSLv3; ssl_certificate ../fullchain.pem; ssl_certificate_key ../leaf.key; }\n",
    )
    .unwrap();
    std::fs::set_permissions(
        dir.join("conf.d/legacy.conf"),
        PermissionsExt::from_mode(0o000),
    )
    .unwrap();
    nginx_config(&dir, "fullchain.pem", "include conf.d/*.conf;");
    for file in ["nginx.conf", "fullchain.pem", "leaf.key"] {
        std::fs::set_permissions(dir.join(file), PermissionsExt::from_mode(0o644)).unwrap();
    }
    let output = as_unprivileged(
        &dir,
        &["config", "nginx.conf", "--format", "json", "--at", AT],
    );
    let report = json(&output);
    let unreadable = unreadable_files(&report);
    assert!(
        unreadable
            .iter()
            .any(|(path, message)| path.ends_with("conf.d/legacy.conf")
                && message.contains("Permission denied")),
        "{report}"
    );
    assert_eq!(report["verdict"], "problems");
    assert_eq!(output.status.code(), Some(1));
    let text = as_unprivileged(&dir, &["config", "nginx.conf", "--at", AT]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(!text.contains("NO ERRORS"), "{text}");
    assert!(text.contains("legacy.conf"), "{text}");
}

/// The private key the conversions convert (a fixture, read where it is).
fn fixture_key() -> String {
    fixture_path("leaf-rsa2048.key").display().to_string()
}

#[test]
fn convert_never_writes_through_a_symlink_at_the_output_path() {
    let dir = scratch("hostile-convert-symlink");
    let key = fixture_key();
    std::fs::write(dir.join("precious"), "precious data\n").unwrap();
    symlink(dir.join("precious"), dir.join("key.pem")).unwrap();

    // Without --force: refused, nothing written, the link and its target as they were.
    let args = ["convert", &key, "--to", "pkcs8", "--out", "key.pem"];
    let output = certlens(&dir, &args);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("key.pem already exists"));
    assert!(std::fs::symlink_metadata(dir.join("key.pem"))
        .unwrap()
        .file_type()
        .is_symlink());

    // With --force: the link itself is replaced by the key; its target is untouched.
    let output = certlens(
        &dir,
        &[
            "convert", &key, "--to", "pkcs8", "--out", "key.pem", "--force",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        std::fs::read_to_string(dir.join("precious")).unwrap(),
        "precious data\n"
    );
    let written = std::fs::symlink_metadata(dir.join("key.pem")).unwrap();
    assert!(written.file_type().is_file());
    assert_eq!(written.permissions().mode() & 0o777, 0o600);
    assert!(std::fs::read_to_string(dir.join("key.pem"))
        .unwrap()
        .starts_with("-----BEGIN PRIVATE KEY-----"));
    assert_no_temporaries(&dir);
}

#[test]
fn a_dangling_symlink_counts_as_existing_and_exit_2_leaves_nothing_behind() {
    let dir = scratch("hostile-convert-dangling");
    let key = fixture_key();
    let out = dir.join("out");
    std::fs::create_dir(&out).unwrap();
    let chain = fixture_path("fullchain.pem").display().to_string();
    // `split` writes several files; plant a dangling link at one of them.
    let names = split_names(&dir, &chain, &key);
    assert!(names.len() >= 3, "{names:?}");
    symlink(dir.join("target-that-does-not-exist"), out.join(&names[1])).unwrap();
    let output = split_into_out(&dir, &chain, &key, false);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("already exists"));
    assert!(!dir.join("target-that-does-not-exist").exists());
    assert_eq!(
        entries(&out),
        vec![names[1].clone()],
        "exit 2 means nothing was written"
    );
    // With --force the link is replaced and its target still not created.
    let output = split_into_out(&dir, &chain, &key, true);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(!dir.join("target-that-does-not-exist").exists());
    assert!(std::fs::symlink_metadata(out.join(&names[1]))
        .unwrap()
        .file_type()
        .is_file());
    assert_no_temporaries(&out);
}

#[test]
fn a_failure_in_the_middle_of_a_multi_output_conversion_writes_nothing() {
    let dir = scratch("hostile-convert-midway");
    let key = fixture_key();
    let chain = fixture_path("fullchain.pem").display().to_string();
    let names = split_names(&dir, &chain, &key);
    let out = dir.join("out");
    std::fs::create_dir(&out).unwrap();
    // The first output exists (replaced under --force), the third cannot be written: a
    // directory that is not empty stands at its path.
    std::fs::write(out.join(&names[0]), "old contents\n").unwrap();
    std::fs::create_dir(out.join(&names[2])).unwrap();
    std::fs::write(out.join(&names[2]).join("inside"), "x").unwrap();
    let output = split_into_out(&dir, &chain, &key, true);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains(&format!("cannot write out/{}", names[2])));
    assert_eq!(
        std::fs::read_to_string(out.join(&names[0])).unwrap(),
        "old contents\n",
        "the replaced file is put back"
    );
    let mut expected = vec![names[0].clone(), names[2].clone()];
    expected.sort();
    assert_eq!(
        entries(&out),
        expected,
        "no other output, no temporary file"
    );
}

/// `certlens convert CHAIN KEY --to split --out-dir out [--force]` in `dir`.
fn split_into_out(dir: &Path, chain: &str, key: &str, force: bool) -> Output {
    let mut args = vec!["convert", chain, key, "--to", "split", "--out-dir", "out"];
    if force {
        args.push("--force");
    }
    certlens(dir, &args)
}

/// The names `--to split` gives the outputs, leaf first: from a run into a scratch dir.
fn split_names(dir: &Path, chain: &str, key: &str) -> Vec<String> {
    let probe = dir.join("probe");
    let output = certlens(
        dir,
        &["convert", chain, key, "--to", "split", "--out-dir", "probe"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let names: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.strip_prefix("wrote probe/"))
        .map(|rest| rest.split(':').next().unwrap().to_string())
        .collect();
    std::fs::remove_dir_all(probe).unwrap();
    names
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn assert_no_temporaries(dir: &Path) {
    let left: Vec<String> = entries(dir)
        .into_iter()
        .filter(|n| n.contains(".certlens-"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}

#[test]
fn fullchain_follows_the_same_rules_and_has_force() {
    let dir = scratch("hostile-fullchain");
    let chain = fixture_path("fullchain.pem").display().to_string();
    std::fs::write(dir.join("existing.pem"), "keep me\n").unwrap();
    let args = |out: &'static str, force: bool| {
        let mut args = vec!["check".to_string(), chain.clone(), "--at".into(), AT.into()];
        args.extend(["--fullchain".into(), out.to_string()]);
        if force {
            args.push("--force".into());
        }
        args
    };
    let run_args = |args: Vec<String>| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        certlens(&dir, &args)
    };
    let output = run_args(args("existing.pem", false));
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("existing.pem already exists"));
    assert_eq!(
        std::fs::read_to_string(dir.join("existing.pem")).unwrap(),
        "keep me\n"
    );
    let output = run_args(args("existing.pem", true));
    assert_ne!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(std::fs::read_to_string(dir.join("existing.pem"))
        .unwrap()
        .starts_with("-----BEGIN CERTIFICATE-----"));

    std::fs::write(dir.join("victim"), "victim\n").unwrap();
    symlink(dir.join("victim"), dir.join("link.pem")).unwrap();
    let output = run_args(args("link.pem", false));
    assert_eq!(output.status.code(), Some(2));
    let output = run_args(args("link.pem", true));
    assert_ne!(output.status.code(), Some(2), "{}", stderr(&output));
    assert_eq!(
        std::fs::read_to_string(dir.join("victim")).unwrap(),
        "victim\n"
    );
    assert!(std::fs::symlink_metadata(dir.join("link.pem"))
        .unwrap()
        .file_type()
        .is_file());
    assert_no_temporaries(&dir);
}

#[test]
fn windows_device_names_get_a_safe_suffix() {
    let dir = scratch("hostile-device-names");
    std::fs::write(dir.join("CON.der"), fixture("int2.der")).unwrap();
    let output = certlens(
        &dir,
        &["convert", "CON.der", "--to", "pem", "--out-dir", "out"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(entries(&dir.join("out")), vec!["CON_.pem".to_string()]);

    // A PFX is named after its leaf: a leaf whose name is NUL.
    self_signed(&dir, "nul", &[("CN", "NUL")], &[]);
    let pfx = |password_file: &str| {
        let args = [
            "convert",
            "nul.pem",
            "nul.key",
            "--to",
            "pfx",
            "--new-password-file",
            password_file,
            "--out-dir",
            "pfx",
        ];
        certlens(&dir, &args)
    };
    // /dev/null is not a regular file: the password file is refused like any other.
    assert_eq!(pfx("/dev/null").status.code(), Some(2));
    std::fs::write(dir.join("password"), "pw\n").unwrap();
    let output = pfx("password");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(entries(&dir.join("pfx")), vec!["NUL_.pfx".to_string()]);
}

#[test]
fn file_names_in_errors_and_messages_reach_the_terminal_escaped() {
    let dir = scratch("hostile-names");
    let name = "\x1b]0;owned\x07\x1b[2J\u{202e}mep.pem";
    let output = certlens(&dir, &["check", name]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        !message.contains('\x1b') && !message.contains('\u{202e}'),
        "{message:?}"
    );
    assert!(
        message.contains("\\x1b]0;owned\\x07\\x1b[2J<U+202E>mep.pem"),
        "{message}"
    );
    let key = fixture_path("leaf-rsa2048.key").display().to_string();
    let out = "\x1b[1Akey\u{202e}.pem";
    let output = certlens(&dir, &["convert", &key, "--to", "pkcs8", "--out", out]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(said.contains("wrote \\x1b[1Akey<U+202E>.pem"), "{said}");
    assert!(!said.contains('\x1b') && !said.contains('\u{202e}'));
    assert!(dir.join(out).is_file(), "the file has the name asked for");
}
