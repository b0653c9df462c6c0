//! What reaches a terminal from the text output of `certlens check` and `certlens config`
//! when certificate names, file names, host names and configuration values hold ESC
//! sequences (clear screen, cursor moves, an OSC 0 title, an OSC 8 link, a fake "✓ READY TO
//! DEPLOY" line), the C1 CSI, DEL, newlines and bidi overrides: nothing but the renderer's own
//! line breaks and colours, every such character shown as a visible marker (`\x1b`,
//! `<U+202E>`); and JSON keeps the exact characters.

#![cfg(unix)]

mod common;
#[path = "common/hostile_certs.rs"]
mod hostile_certs;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use certlens::terminal::{describe, hidden};
use certlens::{inspect, render_text, Catalogue, Input, Options, TextStyle};
use common::{now, openssl_available, scratch};
use hostile_certs::{issued, self_signed};
use serde_json::Value;

/// The certificate file's name.
const FILE: &str = "hostile\x1b[31m\u{202e}.pem";
const HOST: &str = "evil\x1b[2J.example";
const CA_CN: &str = "Root\u{202e} CA\x1b[5m";
const CN: &str = "www.example.com\x1b[2J\x1b[H\u{202e}moc.lived";
/// Overwrites the line it is on with a verdict certlens never gave.
const FAKE_VERDICT: &str = "\r✓ READY TO DEPLOY: no errors\x1b[K";
const TITLE: &str = "Org\x1b]0;pwned title\x07";
const C1_AND_DEL: &str = "csi\u{9b}2J del\x7f";
const NEWLINE: &str = "first\nfake line";
/// Green and bold, as certlens paints a good verdict: the report below has errors, so
/// certlens itself never writes it.
const SAN_GREEN: &str = "www\x1b[1;32m.example.com";
/// An OSC 8 hyperlink to another site than the text says.
const AIA: &str = "http://ca.example/\x1b]8;;http://evil.example/\x1b\\click\x1b]8;;\x1b\\";

/// Each hostile value as text output must show it.
const MARKERS: &[&str] = &[
    "www.example.com\\x1b[2J\\x1b[H<U+202E>moc.lived",
    "\\x0d✓ READY TO DEPLOY: no errors\\x1b[K",
    "Org\\x1b]0;pwned title\\x07",
    "csi<U+009B>2J del\\x7f",
    "first\\x0afake line",
    "www\\x1b[1;32m.example.com",
    "http://ca.example/\\x1b]8;;http://evil.example/\\x1b\\click\\x1b]8;;\\x1b\\",
    "hostile\\x1b[31m<U+202E>.pem",
    "evil\\x1b[2J.example",
    "Root<U+202E> CA\\x1b[5m",
];

/// The SGR sequences certlens's renderer writes when colour is on.
const OWN_COLOURS: &[&str] = &[
    "\x1b[1;31m",
    "\x1b[1;32m",
    "\x1b[1;33m",
    "\x1b[36m",
    "\x1b[1m",
    "\x1b[0m",
];

/// A CA named [`CA_CN`] and a leaf it issued, saved as [`FILE`], with every hostile value in
/// a name of its own.
fn hostile_chain(dir: &Path) {
    self_signed(
        dir,
        "ca",
        &[("CN", CA_CN)],
        &[
            "basicConstraints=critical,CA:TRUE",
            "keyUsage=critical,keyCertSign",
        ],
    );
    // openssl's configuration syntax reads `\\` as one backslash.
    let aia = format!(
        "authorityInfoAccess=caIssuers;URI:{}",
        AIA.replace('\\', "\\\\")
    );
    issued(
        dir,
        "leaf",
        "ca",
        &[
            ("CN", CN),
            ("O", FAKE_VERDICT),
            ("OU", TITLE),
            ("L", C1_AND_DEL),
            ("ST", NEWLINE),
        ],
        &[
            "basicConstraints=CA:FALSE",
            "extendedKeyUsage=serverAuth",
            &format!("subjectAltName=DNS:{SAN_GREEN},DNS:www.example.com"),
            &aia,
        ],
    );
    std::fs::rename(dir.join("leaf.pem"), dir.join(FILE)).unwrap();
}

fn certlens(dir: &Path, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_certlens"));
    for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        command.env_remove(name);
    }
    command
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run certlens")
}

/// certlens with standard output on a terminal (a pseudo-terminal by util-linux `script`),
/// where it writes colour; the arguments go through the environment, not a shell line. `None`
/// when `script` is not there.
fn certlens_on_terminal(dir: &Path, args: &[&str]) -> Option<String> {
    let mut command = Command::new("script");
    let mut line = String::from("exec \"$CERTLENS\"");
    for (i, arg) in args.iter().enumerate() {
        command.env(format!("ARG{i}"), arg);
        line.push_str(&format!(" \"$ARG{i}\""));
    }
    for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        command.env_remove(name);
    }
    let output = command
        .args(["-qec", &line, "/dev/null"])
        .env("CERTLENS", env!("CARGO_BIN_EXE_certlens"))
        .current_dir(dir)
        .stdin(Stdio::null())
        .output();
    let Ok(output) = output else {
        eprintln!("SKIPPED: no `script` to give certlens a terminal");
        return None;
    };
    // The terminal turns each line break into CR LF.
    let text = String::from_utf8(output.stdout).expect("UTF-8 output");
    Some(text.replace("\r\n", "\n"))
}

/// `text` holds no character a terminal acts on or that reorders text, other than the line
/// breaks and (`colour`) the colours the renderer writes itself.
fn assert_inert(text: &str, colour: bool) {
    let mut rest = text.to_string();
    if colour {
        for sgr in OWN_COLOURS {
            rest = rest.replace(sgr, "");
        }
    }
    let raw: Vec<String> = rest
        .char_indices()
        .filter(|&(_, c)| c != '\n' && hidden(c).is_some())
        .map(|(at, c)| {
            let before: Vec<char> = rest[..at].chars().rev().take(40).collect();
            let before: String = before.into_iter().rev().collect();
            format!("{} after {before:?}", describe(c))
        })
        .collect();
    assert!(
        raw.is_empty(),
        "raw characters reach the terminal: {raw:#?}"
    );
}

fn assert_markers(text: &str, markers: &[&str]) {
    for marker in markers {
        assert!(text.contains(marker), "{marker:?} not shown in:\n{text}");
    }
    // No value starts a line of its own.
    for line in text.lines() {
        assert!(
            !line.starts_with("fake line") && !line.starts_with("lines.example"),
            "{line:?}"
        );
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).expect("JSON output")
}

#[test]
fn check_text_shows_hostile_names_as_visible_markers() {
    if !openssl_available() {
        return;
    }
    let dir = scratch("terminal-check");
    hostile_chain(&dir);
    let args = ["check", "--trust", "ca.pem", "--host", HOST, FILE];
    let output = certlens(&dir, &args);
    let text = stdout(&output);
    assert_inert(&text, false);
    assert_inert(&String::from_utf8_lossy(&output.stderr), false);
    assert!(!text.contains('\x1b'), "colour is off on a pipe");
    assert_markers(&text, MARKERS);
    // The names are shown, and said to be deceptive.
    assert!(text.contains("[domain/name_hidden_characters] The subject O of"));
    assert!(text.contains("U+202E RIGHT-TO-LEFT OVERRIDE"));
    assert!(text.starts_with("✗ PROBLEMS FOUND"), "{text}");

    // On a terminal, with colour: the only escape sequences are certlens's own colours.
    if let Some(text) = certlens_on_terminal(&dir, &args) {
        assert!(
            text.contains("\x1b[1;31m✗ PROBLEMS FOUND"),
            "colour on: {text}"
        );
        assert!(
            !text.contains("\x1b[1;32m"),
            "the SAN's own green reached the terminal"
        );
        assert_inert(&text, true);
        assert_markers(&text, MARKERS);
    }
}

#[test]
fn colour_cannot_be_forged_by_a_name() {
    if !openssl_available() {
        return;
    }
    let dir = scratch("terminal-colour");
    hostile_chain(&dir);
    let read = |name: &str| Input::new(name, std::fs::read(dir.join(name)).unwrap());
    let report = inspect(
        &[read(FILE)],
        &Options {
            at: now(),
            hosts: vec![HOST.to_string()],
            trust: vec![read("ca.pem")],
            ..Options::default()
        },
    );
    for lang in ["en", "zh", "ja"] {
        let catalogue = Catalogue::builtin(lang).unwrap();
        let text = render_text(&report, TextStyle { color: true }, &catalogue);
        assert!(text.starts_with("\x1b[1;31m✗"), "{text}");
        assert!(
            !text.contains("\x1b[1;32m"),
            "{lang}: the SAN's own green is raw"
        );
        assert_inert(&text, true);
        assert_markers(&text, MARKERS);
    }
}

#[test]
fn check_json_keeps_the_exact_characters() {
    if !openssl_available() {
        return;
    }
    let dir = scratch("terminal-json");
    hostile_chain(&dir);
    let output = certlens(
        &dir,
        &[
            "check", "--format", "json", "--trust", "ca.pem", "--host", HOST, FILE,
        ],
    );
    // Controls are JSON escapes (\u001b), never raw bytes; the rest is the exact text.
    assert!(!output.stdout.contains(&0x1b), "raw ESC in JSON");
    let report = json(&output);
    let leaf = &report["objects"][0];
    assert_eq!(leaf["source"]["input"], FILE);
    assert_eq!(leaf["name"], CN);
    let subject = leaf["subject"].as_str().unwrap();
    for value in [CN, FAKE_VERDICT, TITLE, C1_AND_DEL, NEWLINE] {
        assert!(subject.contains(value), "{value:?} not in {subject:?}");
    }
    assert_eq!(leaf["issuer"], format!("CN={CA_CN}"));
    assert_eq!(leaf["dns_names"][0], SAN_GREEN);
    assert_eq!(leaf["ca_issuers"][0], AIA);
    assert_eq!(report["hosts"][0]["name"], HOST);
    let hidden = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "name_hidden_characters" && f["params"]["attribute"] == "O")
        .expect("a finding on the O");
    assert_eq!(
        hidden["params"]["value"],
        "\\x0d✓ READY TO DEPLOY: no errors\\x1b[K"
    );
}

/// An nginx configuration naming the hostile certificate by its hostile file name, with
/// hostile server names and cipher string, and a second server whose file is missing.
fn hostile_config(dir: &Path) {
    hostile_chain(dir);
    let config = format!(
        "server {{\n\
         \x20   listen 443 ssl;\n\
         \x20   server_name www.example.com \"evil\x1b]0;title\x07.example.com\" \"rtl\u{202e}moc.example\" \"two\nlines.example\";\n\
         \x20   ssl_certificate \"{FILE}\";\n\
         \x20   ssl_certificate_key leaf.key;\n\
         \x20   ssl_protocols TLSv1 TLSv1.2;\n\
         \x20   ssl_ciphers \"HIGH:\x1b[2J\x1b[H\r✓ READY TO DEPLOY:\u{9b}31m:RC4\";\n\
         }}\n\
         server {{\n\
         \x20   listen 443 ssl;\n\
         \x20   server_name missing.example;\n\
         \x20   ssl_certificate \"missing\x1b[1;32m\u{202e}.pem\";\n\
         \x20   ssl_certificate_key missing.key;\n\
         }}\n"
    );
    std::fs::write(dir.join("nginx.conf"), config).unwrap();
}

const CONFIG_MARKERS: &[&str] = &[
    "evil\\x1b]0;title\\x07.example.com",
    "rtl<U+202E>moc.example",
    "two\\x0alines.example",
    "HIGH:\\x1b[2J\\x1b[H\\x0d✓ READY TO DEPLOY:<U+009B>31m:RC4",
    "hostile\\x1b[31m<U+202E>.pem",
    "missing\\x1b[1;32m<U+202E>.pem",
];

#[test]
fn config_text_shows_hostile_values_as_visible_markers() {
    if !openssl_available() {
        return;
    }
    let dir = scratch("terminal-config");
    hostile_config(&dir);
    let args = ["config", "--trust", "ca.pem", "nginx.conf"];
    let output = certlens(&dir, &args);
    let text = stdout(&output);
    assert_inert(&text, false);
    assert_inert(&String::from_utf8_lossy(&output.stderr), false);
    assert!(!text.contains('\x1b'));
    assert_markers(&text, CONFIG_MARKERS);
    // The certificate's own report, nested in the server's, is escaped too.
    assert_markers(&text, &MARKERS[..6]);

    if let Some(text) = certlens_on_terminal(&dir, &args) {
        assert!(text.contains("\x1b[1;31m✗"), "colour on: {text}");
        assert!(
            !text.contains("\x1b[1;32m"),
            "the file name's own green reached the terminal"
        );
        assert_inert(&text, true);
        assert_markers(&text, CONFIG_MARKERS);
    }

    let output = certlens(
        &dir,
        &[
            "config",
            "--format",
            "json",
            "--trust",
            "ca.pem",
            "nginx.conf",
        ],
    );
    assert!(!output.stdout.contains(&0x1b), "raw ESC in JSON");
    let report = json(&output);
    let server = &report["servers"][0];
    assert_eq!(server["names"][1], "evil\x1b]0;title\x07.example.com");
    assert_eq!(server["names"][2], "rtl\u{202e}moc.example");
    assert_eq!(server["names"][3], "two\nlines.example");
    assert_eq!(
        server["ciphers"],
        "HIGH:\x1b[2J\x1b[H\r✓ READY TO DEPLOY:\u{9b}31m:RC4"
    );
    assert_eq!(server["certificates"][0]["certificate"]["path"], FILE);
}
