//! The report for people: verdict first, findings by severity with their fix, then chains,
//! hosts, key matches and an `openssl x509 -text`-like summary of each object.

use std::fmt::Write;

use super::{ObjectKind, ObjectReport, Report, Verdict};
use crate::finding::Severity;

/// Rendering options; colour only when the output is a terminal.
#[derive(Clone, Copy, Debug, Default)]
pub struct TextStyle {
    pub color: bool,
}

impl TextStyle {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

/// Severity as a symbol and a word, so meaning never rests on colour alone.
fn severity_label(severity: Severity) -> (&'static str, &'static str, &'static str) {
    match severity {
        Severity::Error => ("✗", "ERROR", "1;31"),
        Severity::Warning => ("!", "WARNING", "1;33"),
        Severity::Info => ("i", "INFO", "36"),
    }
}

pub fn render_text(report: &Report, style: TextStyle) -> String {
    let mut out = String::new();
    let s = &report.summary;
    let counts = format!(
        "{} error(s), {} warning(s), {} note(s)",
        s.errors, s.warnings, s.infos
    );
    let verdict = match report.verdict {
        Verdict::Ok => style.paint("1;32", &format!("✓ READY TO DEPLOY: no errors ({counts})")),
        Verdict::Problems => style.paint("1;31", &format!("✗ PROBLEMS FOUND: {counts}")),
    };
    let _ = writeln!(out, "{verdict}");
    let _ = writeln!(
        out,
        "checked at {} by certlens {}",
        report.checked_at, report.version
    );

    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        let findings: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.severity == severity)
            .collect();
        if findings.is_empty() {
            continue;
        }
        let (symbol, word, color) = severity_label(severity);
        let _ = writeln!(out);
        for finding in findings {
            let check = finding.check.name();
            let head = style.paint(color, &format!("{symbol} {word}"));
            let _ = writeln!(out, "{head} [{check}/{}] {}", finding.code, finding.message);
            if let Some(fix) = &finding.fix {
                let _ = writeln!(out, "    fix: {fix}");
            }
        }
    }

    let name = |id: usize| {
        report
            .objects
            .get(id)
            .map(|o| format!("#{id} {}", short_name(o)))
            .unwrap_or_else(|| format!("#{id}"))
    };
    let chains = if report.chains.is_empty() {
        Vec::new()
    } else {
        report.chains.clone()
    };
    for chain in &chains {
        let path: Vec<String> = chain.order.iter().map(|&id| name(id)).collect();
        let mut line = path.join(" → ");
        match (&chain.anchor, chain.complete) {
            (Some(anchor), _) if !chain.order.is_empty() => {
                let _ = write!(line, " → trusted root \"{anchor}\"");
            }
            (_, false) => line.push_str(" → (missing issuer)"),
            _ => {}
        }
        let state = match (chain.complete, chain.trusted) {
            (true, true) => "complete, trusted",
            (true, false) => "complete, root not trusted",
            (false, _) => "incomplete",
        };
        let _ = writeln!(out, "\nchain ({state}): {line}");
    }
    if !report.hosts.is_empty() {
        let _ = writeln!(out, "\nhosts:");
        for host in &report.hosts {
            let verdict = match (&host.matched_by, &host.invalid) {
                (Some(entry), _) => format!("✓ covered by {entry}"),
                (None, Some(reason)) => format!("✗ invalid: {reason}"),
                (None, None) => String::from("✗ not covered"),
            };
            let _ = writeln!(out, "  {:<40} {verdict}", host.name);
        }
    }
    let matches: Vec<_> = report.key_matches.iter().filter(|m| m.matches).collect();
    if !matches.is_empty() {
        let _ = writeln!(out, "\nkeys:");
        for m in matches {
            let _ = writeln!(out, "  {} matches {}", name(m.key), name(m.certificate));
        }
    }

    for object in &report.objects {
        let _ = writeln!(out);
        object_text(&mut out, object);
    }
    out
}

fn short_name(object: &ObjectReport) -> String {
    match object.kind {
        ObjectKind::Certificate => object
            .name
            .clone()
            .or_else(|| object.subject.clone())
            .unwrap_or_default(),
        ObjectKind::PrivateKey => String::from("private key"),
        ObjectKind::PublicKey => String::from("public key"),
        ObjectKind::Csr => format!("CSR {}", object.subject.clone().unwrap_or_default()),
        ObjectKind::Unknown => object.description.unwrap_or("unknown").to_string(),
    }
}

fn object_text(out: &mut String, o: &ObjectReport) {
    let kind = match o.kind {
        ObjectKind::Certificate => "certificate",
        ObjectKind::PrivateKey => "private key",
        ObjectKind::PublicKey => "public key",
        ObjectKind::Csr => "certificate request",
        ObjectKind::Unknown => "unknown",
    };
    let place = format!(
        "{}, block {}, line {}",
        o.source.input,
        o.source.block + 1,
        o.source.line
    );
    let _ = writeln!(out, "#{} {kind} ({place})", o.id);
    let mut field = |label: &str, value: Option<String>| {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            let _ = writeln!(out, "    {label:<21}{value}");
        }
    };
    field("Version:", o.version.map(|v| v.to_string()));
    field("Serial Number:", o.serial.clone());
    field("Signature Algorithm:", o.signature_algorithm.clone());
    field("Issuer:", o.issuer.clone());
    field("Not Before:", o.not_before.clone());
    field("Not After:", o.not_after.clone());
    field("Subject:", o.subject.clone());
    let mut names: Vec<String> = o
        .dns_names
        .iter()
        .flatten()
        .map(|d| format!("DNS:{d}"))
        .collect();
    names.extend(o.ip_addresses.iter().flatten().map(|ip| format!("IP:{ip}")));
    field("Alt Names:", Some(names.join(", ")));
    field(
        "CA:",
        o.is_ca.map(|ca| {
            if ca {
                format!(
                    "TRUE{}",
                    o.path_len
                        .map(|p| format!(", pathlen:{p}"))
                        .unwrap_or_default()
                )
            } else {
                "FALSE".into()
            }
        }),
    );
    field("Key Usage:", o.key_usage.as_ref().map(|k| k.join(", ")));
    field(
        "Ext Key Usage:",
        o.extended_key_usage.as_ref().map(|k| k.join(", ")),
    );
    field(
        "Public Key:",
        o.key.as_ref().map(|k| {
            let algorithm = key_algorithm_name(k.algorithm);
            match k.curve {
                Some(curve) => format!("{algorithm} {curve} ({} bit)", k.bits),
                None => format!("{algorithm} ({} bit)", k.bits),
            }
        }),
    );
    field("Key Format:", o.key_format.map(str::to_string));
    field("Encryption:", o.encryption.clone());
    field("SHA-256:", o.sha256_fingerprint.clone());
    field("Public Key MD5:", o.pubkey_md5.clone());
    field("CA Issuers:", o.ca_issuers.as_ref().map(|u| u.join(", ")));
    field("What:", o.description.map(str::to_string));
}

fn key_algorithm_name(algorithm: crate::crypto::KeyAlgorithm) -> &'static str {
    use crate::crypto::KeyAlgorithm::*;
    match algorithm {
        Rsa => "RSA",
        Ec => "EC",
        Ed25519 => "Ed25519",
        Ed448 => "Ed448",
        Sm2 => "SM2",
        Dsa => "DSA",
        Unknown => "unknown",
    }
}
