//! Certificates and CSRs whose names hold whatever bytes a test wants (ESC sequences, C1
//! controls, newlines, bidi overrides, look-alike letters), made by the openssl CLI at test
//! time. Used by `tests/hostile_names.rs` and `tests/terminal_output.rs` through `#[path]`.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use crate::common::run_openssl;

/// `openssl req -subj` text: `/` and `+` separate attributes unless escaped.
fn subject_arg(subject: &[(&str, &str)]) -> String {
    subject
        .iter()
        .map(|(attribute, value)| {
            let value = value
                .replace('\\', "\\\\")
                .replace('/', "\\/")
                .replace('+', "\\+");
            format!("/{attribute}={value}")
        })
        .collect()
}

/// A P-256 key at `dir/<name>.key`, made once.
fn key(dir: &Path, name: &str) -> String {
    let key = format!("{name}.key");
    if !dir.join(&key).exists() {
        run_openssl(
            dir,
            &[
                "genpkey",
                "-algorithm",
                "EC",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-out",
                &key,
            ],
        );
    }
    key
}

/// A self-signed certificate at `dir/<name>.pem` (its key `<name>.key`) with this subject
/// (UTF-8 values, any characters) and these extensions (`openssl -addext` lines).
pub fn self_signed(
    dir: &Path,
    name: &str,
    subject: &[(&str, &str)],
    extensions: &[&str],
) -> PathBuf {
    let key = key(dir, name);
    let out = format!("{name}.pem");
    let subj = subject_arg(subject);
    let mut args = vec![
        "req", "-new", "-x509", "-utf8", "-key", &key, "-subj", &subj, "-days", "365", "-out", &out,
    ];
    for extension in extensions {
        args.extend(["-addext", extension]);
    }
    run_openssl(dir, &args);
    dir.join(out)
}

/// A certificate at `dir/<name>.pem` issued by the certificate `issuer` (`dir/<issuer>.pem`
/// and `.key`), with this subject and these extensions (`openssl x509 -extfile` lines).
pub fn issued(
    dir: &Path,
    name: &str,
    issuer: &str,
    subject: &[(&str, &str)],
    extensions: &[&str],
) -> PathBuf {
    let key = key(dir, name);
    let csr = format!("{name}.csr");
    let subj = subject_arg(subject);
    run_openssl(
        dir,
        &[
            "req", "-new", "-utf8", "-key", &key, "-subj", &subj, "-out", &csr,
        ],
    );
    let ext = format!("{name}.ext");
    std::fs::write(dir.join(&ext), extensions.join("\n")).unwrap();
    let out = format!("{name}.pem");
    let (ca, ca_key) = (format!("{issuer}.pem"), format!("{issuer}.key"));
    run_openssl(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            &csr,
            "-CA",
            &ca,
            "-CAkey",
            &ca_key,
            "-set_serial",
            "2",
            "-days",
            "365",
            "-extfile",
            &ext,
            "-out",
            &out,
        ],
    );
    dir.join(out)
}

/// A CSR at `dir/<name>.csr` with this subject and these extensions.
pub fn csr(dir: &Path, name: &str, subject: &[(&str, &str)], extensions: &[&str]) -> PathBuf {
    let key = key(dir, name);
    let out = format!("{name}.csr");
    let subj = subject_arg(subject);
    let mut args = vec![
        "req", "-new", "-utf8", "-key", &key, "-subj", &subj, "-out", &out,
    ];
    for extension in extensions {
        args.extend(["-addext", extension]);
    }
    run_openssl(dir, &args);
    dir.join(out)
}
