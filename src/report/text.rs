//! The report for people: verdict first, findings by severity with their fix, then chains,
//! hosts, key matches and an `openssl x509 -text`-like summary of each object.
//!
//! Everything is written through a [`Screen`], which shows every character a terminal would
//! act on escaped (see [`crate::terminal`]): names, file names and values come from the
//! inputs, and a certificate is free to put an ESC sequence, a newline or a bidi override in
//! its subject.

use std::fmt::{self, Write};

use super::{ObjectKind, ObjectReport, Report, Summary, Verdict};
use crate::finding::{Arg, Location, Severity};
use crate::i18n::Catalogue;
use crate::terminal::visible;

/// Rendering options; colour only when the output is a terminal.
#[derive(Clone, Copy, Debug, Default)]
pub struct TextStyle {
    pub color: bool,
}

/// A text report being written. Every string written to it goes through [`visible`] on the
/// way in, whatever it is, so a value whose call site forgot to escape it still cannot reach
/// the terminal raw; the only line breaks and escape sequences in the output are the ones
/// [`Screen::end_line`] and [`Screen::paint`] write, out of band of the text.
pub(crate) struct Screen {
    text: String,
    color: bool,
    /// Written at the start of every non-empty line (a server's report inside the audit's).
    indent: &'static str,
    line_start: bool,
}

impl Screen {
    pub(crate) fn new(style: TextStyle) -> Screen {
        Screen {
            text: String::new(),
            color: style.color,
            indent: "",
            line_start: true,
        }
    }

    pub(crate) fn finish(self) -> String {
        self.text
    }

    /// Writes `args` and ends the line.
    pub(crate) fn line(&mut self, args: fmt::Arguments<'_>) {
        let _ = self.write_fmt(args);
        self.end_line();
    }

    pub(crate) fn end_line(&mut self) {
        self.text.push('\n');
        self.line_start = true;
    }

    /// `text` in the SGR colour `code` ("1;31"), when colour is on.
    pub(crate) fn paint(&mut self, code: &'static str, text: &str) {
        self.start_line();
        if self.color {
            let _ = write!(self.text, "\x1b[{code}m");
        }
        let _ = self.write_str(text);
        if self.color {
            self.text.push_str("\x1b[0m");
        }
    }

    /// A heading line, in bold.
    pub(crate) fn heading(&mut self, text: &str) {
        self.paint("1", text);
        self.end_line();
    }

    /// What `write` writes, with every line indented by `indent`.
    pub(crate) fn indented(&mut self, indent: &'static str, write: impl FnOnce(&mut Screen)) {
        let outer = std::mem::replace(&mut self.indent, indent);
        write(self);
        self.indent = outer;
    }

    fn start_line(&mut self) {
        if self.line_start {
            self.text.push_str(self.indent);
            self.line_start = false;
        }
    }
}

impl Write for Screen {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        if !text.is_empty() {
            self.start_line();
            self.text.push_str(&visible(text));
        }
        Ok(())
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
    let mut out = Screen::new(style);
    write_report(&mut out, report, catalogue, true);
    out.finish()
}

/// The first line of a text report: the verdict with the counts, `ok_key` saying "ready".
pub(crate) fn write_verdict_line(
    out: &mut Screen,
    verdict: Verdict,
    summary: &Summary,
    ok_key: &str,
    catalogue: &Catalogue,
) {
    let counts = catalogue.render(
        "cli.counts",
        &[
            ("errors", summary.errors.into()),
            ("warnings", summary.warnings.into()),
            ("infos", summary.infos.into()),
        ],
    );
    let (key, color) = match verdict {
        Verdict::Ok => (ok_key, "1;32"),
        Verdict::Problems => ("cli.verdict.problems", "1;31"),
    };
    out.paint(color, &catalogue.render(key, &[("counts", counts.into())]));
    out.end_line();
}

/// "checked at … by certlens …".
pub(crate) fn checked_line(checked_at: &str, version: &str, catalogue: &Catalogue) -> String {
    let params = [("at", checked_at.into()), ("version", version.into())];
    catalogue.render("cli.checked_at", &params)
}

/// The report, the brief one unless `full`.
pub(crate) fn write_report(out: &mut Screen, report: &Report, catalogue: &Catalogue, full: bool) {
    let t = |key: &str, params: &[(&'static str, Arg)]| catalogue.render(key, params);
    write_verdict_line(
        out,
        report.verdict,
        &report.summary,
        "cli.verdict.ok",
        catalogue,
    );
    if full {
        out.line(format_args!(
            "{}",
            checked_line(&report.checked_at, report.version, catalogue)
        ));
    }
    write_findings(out, &report.findings, catalogue);

    let name = |id: usize| {
        report
            .objects
            .get(id)
            .map(|o| format!("#{id} {}", visible(&short_name(o, catalogue))))
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
                let anchor = visible(anchor).into_owned();
                path.push(t("cli.chain.anchor", &[("anchor", anchor.into())]));
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
        out.end_line();
        out.line(format_args!("{}", t("cli.chain", &params)));
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
            out.line(format_args!("{}", t("cli.clients", &params)));
            for client in &chain.clients {
                let state = match (client.trusted, client.refused()) {
                    (true, _) => t("cli.client.trusted", &[]),
                    (false, true) => t("cli.client.not_trusted", &[]),
                    (false, false) => t("cli.client.unknown", &[]),
                };
                let message = visible(&client.message);
                out.line(format_args!("  {} {message}", pad(&state, 16)));
            }
        }
    }
    if !report.hosts.is_empty() {
        out.end_line();
        out.line(format_args!("{}", t("cli.hosts", &[])));
        for host in &report.hosts {
            let verdict = match (&host.matched_by, &host.invalid) {
                (Some(entry), _) => {
                    let entry = visible(entry).into_owned();
                    t("cli.host.covered", &[("entry", entry.into())])
                }
                (None, Some(reason)) => {
                    let reason = visible(reason).into_owned();
                    t("cli.host.invalid", &[("reason", reason.into())])
                }
                (None, None) => t("cli.host.not_covered", &[]),
            };
            out.line(format_args!(
                "  {} {verdict}",
                pad(&visible(&host.name), 40)
            ));
        }
    }
    let matches: Vec<_> = report.key_matches.iter().filter(|m| m.matches).collect();
    if !matches.is_empty() {
        out.end_line();
        out.line(format_args!("{}", t("cli.keys", &[])));
        for m in matches {
            let params = [
                ("key", name(m.key).into()),
                ("certificate", name(m.certificate).into()),
            ];
            out.line(format_args!("  {}", t("cli.key_matches", &params)));
        }
    }

    if full {
        for object in &report.objects {
            out.end_line();
            object_text(out, object, catalogue);
        }
    }
}

/// Findings by severity, each with its fix. Their texts name the inputs' names, file names
/// and values.
pub(crate) fn write_findings(
    out: &mut Screen,
    findings: &[crate::finding::Finding],
    catalogue: &Catalogue,
) {
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        let findings: Vec<_> = findings.iter().filter(|f| f.severity == severity).collect();
        if findings.is_empty() {
            continue;
        }
        let (symbol, word, color) = severity_label(severity);
        out.end_line();
        for finding in findings {
            let check = finding.check.name();
            out.paint(color, &format!("{symbol} {}", catalogue.render(word, &[])));
            let message = visible(&finding.message);
            out.line(format_args!(" [{check}/{}] {message}", finding.code));
            if let Some(fix) = &finding.fix {
                let fix = visible(fix).into_owned();
                out.line(format_args!(
                    "    {}",
                    catalogue.render("cli.fix", &[("fix", fix.into())])
                ));
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

fn object_text(out: &mut Screen, o: &ObjectReport, catalogue: &Catalogue) {
    let kind = match o.kind {
        ObjectKind::Certificate => "cli.kind.certificate",
        ObjectKind::PrivateKey => "cli.kind.private_key",
        ObjectKind::PublicKey => "cli.kind.public_key",
        ObjectKind::Csr => "cli.kind.csr",
        ObjectKind::Unknown => "cli.kind.unknown",
    };
    let place = Location {
        input: visible(&o.source.input).into_owned(),
        block: Some(o.source.block),
        line: Some(o.source.line),
    };
    let heading = [
        ("id", o.id.into()),
        ("kind", Arg::Phrase(kind)),
        ("place", place.into()),
    ];
    out.line(format_args!("{}", catalogue.render("cli.object", &heading)));
    let mut field = |label: &str, value: Option<String>| {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            let label = catalogue.render(&format!("cli.field.{label}"), &[]);
            out.line(format_args!("    {}{}", pad(&label, 21), visible(&value)));
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
