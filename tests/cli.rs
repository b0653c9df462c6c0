//! The command line as users and scripts meet it: exit codes, JSON, --fullchain, stdin,
//! passwords, unreadable files.

mod common;

use std::io::Write;
use std::process::{Command, Output, Stdio};

use common::fixture_path;

const AT: &str = "2026-06-01T00:00:00Z";

/// certlens with no locale in its environment, so that it speaks English unless told.
fn command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_certlens"));
    for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        command.env_remove(name);
    }
    command
}

fn certlens(args: &[&str]) -> Output {
    command()
        .current_dir(fixture_path(""))
        .args(args)
        .output()
        .expect("run certlens")
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}

fn codes(report: &serde_json::Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn exit_0_when_ready_1_on_errors_2_on_usage_errors() {
    let ok = certlens(&["check", "fullchain.pem", "--trust", "root.pem", "--at", AT]);
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );
    let text = String::from_utf8(ok.stdout).unwrap();
    assert!(text.starts_with("✓ READY TO DEPLOY"), "{text}");
    assert!(text.contains("Signature Algorithm: sha256WithRSAEncryption"));

    let bad = certlens(&["check", "misordered.pem", "--trust", "root.pem", "--at", AT]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8(bad.stdout)
        .unwrap()
        .contains("[order/leaf_not_first]"));

    for usage in [
        &["check", "fullchain.pem", "--at", "yesterday"][..],
        &["check", "--format", "xml", "fullchain.pem"],
        &["frobnicate"],
        &["check", "no-such-file.pem"],
        &["check", "fullchain.pem", "--trust", "no-such-root.pem"],
        &[
            "check",
            "fullchain.pem",
            "--password-file",
            "no-such-password.txt",
        ],
    ] {
        let out = certlens(usage);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{usage:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out.stderr.is_empty(), "{usage:?} says why");
    }
}

#[test]
fn nothing_readable_exits_2_with_the_findings() {
    let out = certlens(&["check", "random.bin", "--format", "json", "--at", AT]);
    assert_eq!(out.status.code(), Some(2));
    assert!(codes(&json(&out)).contains(&"not_recognized".to_string()));
}

#[test]
fn json_is_the_report_contract() {
    let out = certlens(&[
        "check",
        "bundle-with-key.pem",
        "--trust",
        "root.pem",
        "--at",
        AT,
        "--host",
        "www.example.com",
        "--host",
        "www.example.org",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let report = json(&out);
    assert_eq!(report["schema"], "certlens.report/1");
    assert_eq!(report["checked_at"], AT);
    assert_eq!(report["chain"]["order"], serde_json::json!([0, 1, 2]));
    assert_eq!(report["chain"]["complete"], true);
    assert_eq!(report["chain"]["trusted"], true);
    assert_eq!(report["objects"][3]["kind"], "private_key");
    assert_eq!(
        report["objects"][0]["source"],
        serde_json::json!({"input": "bundle-with-key.pem", "block": 0, "line": 1})
    );
    assert_eq!(
        report["objects"][0]["key"],
        serde_json::json!({"algorithm": "rsa", "bits": 2048, "curve": null})
    );
    assert_eq!(
        report["objects"][0]["pubkey_md5"],
        report["objects"][3]["pubkey_md5"]
    );
    assert!(report["key_matches"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!({"key": 3, "certificate": 0, "matches": true})));
    assert_eq!(report["hosts"][0]["covered"], true);
    assert_eq!(report["hosts"][0]["matched_by"], "www.example.com");
    assert_eq!(report["hosts"][1]["covered"], false);
    assert!(report["hosts"][1]["matched_by"].is_null());
    let finding = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "host_not_covered")
        .unwrap();
    assert_eq!(finding["check"], "domain");
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["objects"], serde_json::json!([0]));
    assert!(finding["fix"].is_string());
}

#[test]
fn fullchain_is_written_in_order_even_when_the_exit_code_is_1() {
    let dir = std::env::temp_dir().join(format!("certlens-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out_path = dir.join("fullchain.pem");
    let out = certlens(&[
        "check",
        "misordered.pem",
        "--trust",
        "root.pem",
        "--at",
        AT,
        "--fullchain",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let written = std::fs::read(&out_path).unwrap();
    assert_eq!(written, common::fixture("fullchain.pem"));
    // Read back: no order finding any more.
    let again = certlens(&[
        "check",
        out_path.to_str().unwrap(),
        "--trust",
        "root.pem",
        "--at",
        AT,
        "--format",
        "json",
    ]);
    assert_eq!(again.status.code(), Some(0));
    assert!(!codes(&json(&again))
        .iter()
        .any(|c| c.contains("order") || c == "leaf_not_first"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn stdin_is_read_when_no_file_or_dash_is_given() {
    for args in [
        &["check", "--format", "json", "--at", AT][..],
        &["check", "-", "--format", "json", "--at", AT],
    ] {
        let mut child = command()
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(&common::fixture("fullchain.pem"))
            .unwrap();
        let out = child.wait_with_output().unwrap();
        let report = json(&out);
        assert_eq!(report["objects"][0]["source"]["input"], "stdin");
        assert_eq!(report["objects"].as_array().unwrap().len(), 3);
    }
}

#[test]
fn password_file_trailing_newline_is_ignored() {
    let out = certlens(&[
        "check",
        "leaf-rsa2048.pem",
        "leaf-rsa2048.enc-pbkdf2.key",
        "--password-file",
        "password.txt",
        "--at",
        AT,
        "--format",
        "json",
    ]);
    let report = json(&out);
    assert!(
        report["key_matches"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["matches"] == true),
        "{report:#}"
    );
    let out = certlens(&[
        "check",
        "leaf-rsa2048.pem",
        "leaf-rsa2048.enc-pbkdf2.key",
        "--password-file",
        "wrong-password.txt",
        "--at",
        AT,
        "--format",
        "json",
    ]);
    assert!(codes(&json(&out)).contains(&"wrong_password".to_string()));
}

#[test]
fn one_unreadable_file_among_several_is_a_finding() {
    let out = certlens(&[
        "check",
        "fullchain.pem",
        "missing.pem",
        "--trust",
        "root.pem",
        "--at",
        AT,
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let report = json(&out);
    assert!(codes(&report).contains(&"unreadable".to_string()));
    assert_eq!(
        report["objects"].as_array().unwrap().len(),
        3,
        "the readable file is still checked"
    );
}

#[test]
fn text_output_has_no_colour_when_not_a_terminal() {
    let out = certlens(&["check", "misordered.pem", "--at", AT]);
    assert!(!out.stdout.contains(&0x1b));
}

/// A text of a language's catalogue, read the way build.rs reads it.
fn catalogue_text(lang: &str, key: &str) -> String {
    let path = format!("{}/i18n/{lang}.json", env!("CARGO_MANIFEST_DIR"));
    let catalogue: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    catalogue[key]
        .as_str()
        .unwrap_or_else(|| panic!("{path} has no {key}"))
        .to_string()
}

#[test]
fn lang_flag_and_locale_choose_the_language_of_the_report() {
    let args = ["check", "misordered.pem", "--at", AT];
    for lang in ["zh", "ja"] {
        let out = certlens(&[&args[..], &["--lang", lang]].concat());
        let text = String::from_utf8(out.stdout).unwrap();
        let error = catalogue_text(lang, "cli.severity.error");
        assert!(
            text.contains(&error),
            "--lang {lang}: no {error:?} in\n{text}"
        );
        let fix = catalogue_text(lang, "cli.fix");
        let fix_label = fix.split('{').next().unwrap();
        assert!(
            text.contains(fix_label),
            "--lang {lang}: no {fix_label:?} in\n{text}"
        );
        let json = certlens(&[&args[..], &["--lang", lang, "--format", "json"]].concat());
        assert_eq!(self::json(&json)["lang"], lang);
    }
    let japanese = command()
        .current_dir(fixture_path(""))
        .args(args)
        .env("LANG", "ja_JP.UTF-8")
        .output()
        .unwrap();
    let text = String::from_utf8(japanese.stdout).unwrap();
    assert!(
        text.contains(&catalogue_text("ja", "cli.severity.error")),
        "{text}"
    );
    // LC_ALL wins over LANG, as POSIX says.
    let english = command()
        .current_dir(fixture_path(""))
        .args(args)
        .env("LANG", "ja_JP.UTF-8")
        .env("LC_ALL", "C")
        .output()
        .unwrap();
    assert!(String::from_utf8(english.stdout).unwrap().contains("ERROR"));
}

#[test]
fn unknown_language_is_a_usage_error_naming_the_languages() {
    let out = certlens(&["check", "fullchain.pem", "--lang", "xx"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("\"xx\"") && stderr.contains("en, zh, ja"),
        "{stderr}"
    );
}

// ---- certlens config ------------------------------------------------------------------------

#[test]
fn config_exit_codes_text_and_json() {
    // The good server and a legacy one from conf.d/: errors, exit 1.
    let out = certlens(&[
        "config",
        "config/nginx.conf",
        "--trust",
        "root.pem",
        "--at",
        AT,
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("✗ PROBLEMS FOUND"), "{text}");
    assert!(
        text.contains("server www.example.com example.com (config/nginx.conf, line 18)"),
        "{text}"
    );
    assert!(text.contains("certificate:  ../fullchain.pem"), "{text}");
    assert!(
        text.contains("[config/tls_protocol_outdated] config/conf.d/legacy.conf, line 5"),
        "{text}"
    );
    assert!(text.contains("[config/chain_file_leaf_only]"), "{text}");

    let out = certlens(&[
        "config",
        "config/nginx.conf",
        "--trust",
        "root.pem",
        "--at",
        AT,
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let report = json(&out);
    assert_eq!(report["schema"], "certlens.config-report/1");
    assert_eq!(report["dialect"], "nginx");
    assert_eq!(report["files"][1], "config/conf.d/legacy.conf");
    assert_eq!(report["servers"].as_array().unwrap().len(), 2);
    assert_eq!(
        report["servers"][0]["certificates"][0]["report"]["verdict"],
        "ok"
    );
    assert!(codes(&report).contains(&"weak_cipher".to_string()));

    // Nothing serving TLS: a note, exit 0; in Japanese.
    let out = certlens(&["config", "config/plain-http.conf", "--lang", "ja"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("[config/no_tls_server]"));

    // A missing referenced file: exit 1 with the system's reason.
    let out = certlens(&[
        "config",
        "config/missing-file.conf",
        "--format",
        "json",
        "--at",
        AT,
    ]);
    assert_eq!(out.status.code(), Some(1));
    let report = json(&out);
    let f = &report["findings"][0];
    assert_eq!(f["code"], "config_file_unreadable");
    assert!(f["message"].as_str().unwrap().contains("No such file"));

    // Not a configuration, no such file, bad usage: exit 2.
    assert_eq!(certlens(&["config", "random.bin"]).status.code(), Some(2));
    assert_eq!(
        certlens(&["config", "config/no-such.conf"]).status.code(),
        Some(2)
    );
    assert_eq!(certlens(&["config"]).status.code(), Some(2));
    assert_eq!(
        certlens(&["config", "config/nginx.conf", "--at", "soon"])
            .status
            .code(),
        Some(2)
    );
}

#[cfg(unix)]
#[test]
fn config_reports_a_key_readable_by_everyone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = std::env::temp_dir().join(format!("certlens-config-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("ssl")).unwrap();
    std::fs::copy(fixture_path("fullchain.pem"), dir.join("ssl/fullchain.pem")).unwrap();
    std::fs::copy(
        fixture_path("leaf-rsa2048.key"),
        dir.join("ssl/privkey.pem"),
    )
    .unwrap();
    std::fs::write(
        dir.join("nginx.conf"),
        "http {\n  server {\n    listen 443 ssl;\n    server_name www.example.com;\n    ssl_protocols TLSv1.2 TLSv1.3;\n    ssl_certificate ssl/fullchain.pem;\n    ssl_certificate_key ssl/privkey.pem;\n  }\n}\n",
    )
    .unwrap();
    let run = || {
        let out = command()
            .args(["config", "--format", "json", "--at", AT, "--trust"])
            .arg(fixture_path("root.pem"))
            .arg(dir.join("nginx.conf"))
            .output()
            .unwrap();
        (out.status.code(), json(&out))
    };
    let key = dir.join("ssl/privkey.pem");
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
    let (status, report) = run();
    assert_eq!(status, Some(0), "{report:#}");
    let f = &report["findings"][0];
    assert_eq!(f["code"], "config_permissions");
    assert_eq!(f["params"]["mode"], "0644");
    assert_eq!(f["location"]["line"], 7);
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
    let (status, report) = run();
    assert_eq!(status, Some(0));
    assert!(
        report["findings"].as_array().unwrap().is_empty(),
        "{report:#}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
