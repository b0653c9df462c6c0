//! The report for people: verdict first, findings by severity with their fix, then chains,
//! hosts, key matches and an `openssl x509 -text`-like summary of each object.

use std::fmt::Write;

use super::{ObjectKind, ObjectReport, Report, Summary, Verdict};
use crate::finding::{Arg, Location, Severity};
use crate::i18n::Catalogue;

/// Rendering options; colour only when the output is a terminal.
#[derive(Clone, Copy, Debug, Default)]
pub struct TextStyle {
    pub color: bool,
}

impl TextStyle {
    pub(crate) fn paint_verdict(&self, verdict: Verdict, text: &str) -> String {
        match verdict {
            Verdict::Ok => self.paint("1;32", text),
            Verdict::Problems => self.paint("1;31", text),
        }
    }
    pub(crate) fn paint_heading(&self, text: &str) -> String {
        self.paint("1", text)
    }
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
        Severity::Error => ("✗", "cli.severity.error", "1;31"),
        Severity::Warning => ("!", "cli.severity.warning", "1;33"),
        Severity::Info => ("i", "cli.severity.info", "36"),
    }
}

/// The report as text in the catalogue's language (the findings' texts are already in it).
pub fn render_text(report: &Report, style: TextStyle, catalogue: &Catalogue) -> String {
    render(report, style, catalogue, true)
}

/// The report without the details of each object and without the "checked at" line: the
/// verdict, the findings, chains, hosts and key matches (the configuration audit shows one
/// per server).
pub fn render_text_brief(report: &Report, style: TextStyle, catalogue: &Catalogue) -> String {
    render(report, style, catalogue, false)
}

/// The first line of a text report: the verdict with the counts, `ok_key` saying "ready".
pub(crate) fn verdict_line(
    verdict: Verdict,
    summary: &Summary,
    ok_key: &str,
    style: TextStyle,
    catalogue: &Catalogue,
) -> String {
    let counts = catalogue.render(
        "cli.counts",
        &[
            ("errors", summary.errors.into()),
            ("warnings", summary.warnings.into()),
            ("infos", summary.infos.into()),
        ],
    );
    let key = match verdict {
        Verdict::Ok => ok_key,
        Verdict::Problems => "cli.verdict.problems",
    };
    style.paint_verdict(
        verdict,
        &catalogue.render(key, &[("counts", counts.into())]),
    )
}

/// "checked at … by certlens …".
pub(crate) fn checked_line(checked_at: &str, version: &str, catalogue: &Catalogue) -> String {
    let params = [("at", checked_at.into()), ("version", version.into())];
    catalogue.render("cli.checked_at", &params)
}

fn render(report: &Report, style: TextStyle, catalogue: &Catalogue, full: bool) -> String {
    let t = |key: &str, params: &[(&'static str, Arg)]| catalogue.render(key, params);
    let mut out = String::new();
    let verdict = verdict_line(
        report.verdict,
        &report.summary,
        "cli.verdict.ok",
        style,
        catalogue,
    );
    let _ = writeln!(out, "{verdict}");
    if full {
        let _ = writeln!(
            out,
            "{}",
            checked_line(&report.checked_at, report.version, catalogue)
        );
    }
    write_findings(&mut out, &report.findings, style, catalogue);

    let name = |id: usize| {
        report
            .objects
            .get(id)
            .map(|o| format!("#{id} {}", short_name(o, catalogue)))
            .unwrap_or_else(|| format!("#{id}"))
    };
    let chain_name = |id: usize| match report.objects.get(id) {
        Some(o) if o.added => t("cli.chain.added", &[("name", name(id).into())]),
        _ => name(id),
    };
    for chain in &report.chains {
        let mut path: Vec<String> = chain.order.iter().map(|&id| chain_name(id)).collect();
        match (&chain.anchor, chain.complete) {
            (Some(anchor), _) if !chain.order.is_empty() => {
                path.push(t("cli.chain.anchor", &[("anchor", anchor.as_str().into())]));
            }
            (_, false) => path.push(t("cli.chain.missing_issuer", &[])),
            _ => {}
        }
        let state = match (chain.complete, chain.trusted) {
            (true, true) => "cli.chain.trusted",
            (true, false) => "cli.chain.untrusted",
            (false, _) => "cli.chain.incomplete",
        };
        let params = [
            ("state", Arg::Phrase(state)),
            ("path", path.join(" → ").into()),
        ];
        let _ = writeln!(out, "\n{}", t("cli.chain", &params));
        if !chain.clients.is_empty() {
            let params = [
                ("at", report.checked_at.as_str().into()),
                (
                    "date",
                    report
                        .data
                        .root_programs_date
                        .clone()
                        .unwrap_or_default()
                        .into(),
                ),
            ];
            let _ = writeln!(out, "{}", t("cli.clients", &params));
            for client in &chain.clients {
                let state = match (client.trusted, client.refused()) {
                    (true, _) => t("cli.client.trusted", &[]),
                    (false, true) => t("cli.client.not_trusted", &[]),
                    (false, false) => t("cli.client.unknown", &[]),
                };
                let _ = writeln!(out, "  {} {}", pad(&state, 16), client.message);
            }
        }
    }
    if !report.hosts.is_empty() {
        let _ = writeln!(out, "\n{}", t("cli.hosts", &[]));
        for host in &report.hosts {
            let verdict = match (&host.matched_by, &host.invalid) {
                (Some(entry), _) => t("cli.host.covered", &[("entry", entry.as_str().into())]),
                (None, Some(reason)) => {
                    t("cli.host.invalid", &[("reason", reason.as_str().into())])
                }
                (None, None) => t("cli.host.not_covered", &[]),
            };
            let _ = writeln!(out, "  {} {verdict}", pad(&host.name, 40));
        }
    }
    let matches: Vec<_> = report.key_matches.iter().filter(|m| m.matches).collect();
    if !matches.is_empty() {
        let _ = writeln!(out, "\n{}", t("cli.keys", &[]));
        for m in matches {
            let params = [
                ("key", name(m.key).into()),
                ("certificate", name(m.certificate).into()),
            ];
            let _ = writeln!(out, "  {}", t("cli.key_matches", &params));
        }
    }

    if full {
        for object in &report.objects {
            let _ = writeln!(out);
            object_text(&mut out, object, catalogue);
        }
    }
    out
}

/// Findings by severity, each with its fix.
pub(crate) fn write_findings(
    out: &mut String,
    findings: &[crate::finding::Finding],
    style: TextStyle,
    catalogue: &Catalogue,
) {
    let t = |key: &str, params: &[(&'static str, Arg)]| catalogue.render(key, params);
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        let findings: Vec<_> = findings.iter().filter(|f| f.severity == severity).collect();
        if findings.is_empty() {
            continue;
        }
        let (symbol, word, color) = severity_label(severity);
        let _ = writeln!(out);
        for finding in findings {
            let check = finding.check.name();
            let head = style.paint(color, &format!("{symbol} {}", t(word, &[])));
            let _ = writeln!(out, "{head} [{check}/{}] {}", finding.code, finding.message);
            if let Some(fix) = &finding.fix {
                let _ = writeln!(out, "    {}", t("cli.fix", &[("fix", fix.as_str().into())]));
            }
        }
    }
}

fn short_name(object: &ObjectReport, catalogue: &Catalogue) -> String {
    let subject = || object.subject.clone().unwrap_or_default();
    match object.kind {
        ObjectKind::Certificate => object.name.clone().unwrap_or_else(subject),
        ObjectKind::PrivateKey => catalogue.render("cli.kind.private_key", &[]),
        ObjectKind::PublicKey => catalogue.render("cli.kind.public_key", &[]),
        ObjectKind::Csr => catalogue.render("cli.short.csr", &[("subject", subject().into())]),
        ObjectKind::Unknown => object
            .description
            .clone()
            .unwrap_or_else(|| catalogue.render("cli.kind.unknown", &[])),
    }
}

fn object_text(out: &mut String, o: &ObjectReport, catalogue: &Catalogue) {
    let kind = match o.kind {
        ObjectKind::Certificate => "cli.kind.certificate",
        ObjectKind::PrivateKey => "cli.kind.private_key",
        ObjectKind::PublicKey => "cli.kind.public_key",
        ObjectKind::Csr => "cli.kind.csr",
        ObjectKind::Unknown => "cli.kind.unknown",
    };
    let place = Location {
        input: o.source.input.clone(),
        block: Some(o.source.block),
        line: Some(o.source.line),
    };
    let heading = [
        ("id", o.id.into()),
        ("kind", Arg::Phrase(kind)),
        ("place", place.into()),
    ];
    let _ = writeln!(out, "{}", catalogue.render("cli.object", &heading));
    let mut field = |label: &str, value: Option<String>| {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            let label = catalogue.render(&format!("cli.field.{label}"), &[]);
            let _ = writeln!(out, "    {}{value}", pad(&label, 21));
        }
    };
    field("version", o.version.map(|v| v.to_string()));
    field("serial", o.serial.clone());
    field("signature_algorithm", o.signature_algorithm.clone());
    field("issuer", o.issuer.clone());
    field("not_before", o.not_before.clone());
    field("not_after", o.not_after.clone());
    field("subject", o.subject.clone());
    let mut names: Vec<String> = o
        .dns_names
        .iter()
        .flatten()
        .map(|d| format!("DNS:{d}"))
        .collect();
    names.extend(o.ip_addresses.iter().flatten().map(|ip| format!("IP:{ip}")));
    field("alt_names", Some(names.join(", ")));
    field(
        "ca",
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
    field("key_usage", o.key_usage.as_ref().map(|k| k.join(", ")));
    field(
        "extended_key_usage",
        o.extended_key_usage.as_ref().map(|k| k.join(", ")),
    );
    field(
        "public_key",
        o.key.as_ref().map(|k| {
            let algorithm = key_algorithm_name(k.algorithm);
            match k.curve {
                // An SM2 key is named by its curve: "SM2 (256 bit)", not "SM2 SM2".
                Some(curve) if curve != algorithm => {
                    format!("{algorithm} {curve} ({} bit)", k.bits)
                }
                _ => format!("{algorithm} ({} bit)", k.bits),
            }
        }),
    );
    field("key_format", o.key_format.map(str::to_string));
    field("encryption", o.encryption.clone());
    field("sha256", o.sha256_fingerprint.clone());
    field("pubkey_md5", o.pubkey_md5.clone());
    field("ca_issuers", o.ca_issuers.as_ref().map(|u| u.join(", ")));
    field("what", o.description.clone());
}

/// Pads to a column width counting East Asian wide characters as two columns, so that
/// Chinese and Japanese labels line up in a terminal.
fn pad(text: &str, width: usize) -> String {
    let wide = |c: char| matches!(c, '\u{1100}'..='\u{115F}' | '\u{2E80}'..='\u{A4CF}' | '\u{AC00}'..='\u{D7A3}' | '\u{F900}'..='\u{FAFF}' | '\u{FE30}'..='\u{FE4F}' | '\u{FF00}'..='\u{FF60}' | '\u{FFE0}'..='\u{FFE6}');
    let columns: usize = text.chars().map(|c| if wide(c) { 2 } else { 1 }).sum();
    format!("{text}{}", " ".repeat(width.saturating_sub(columns)))
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
