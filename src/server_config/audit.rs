//! The audit: finds the TLS servers of an expanded configuration, runs [`crate::inspect`] on
//! each server's files with its names as hosts, and adds the configuration's own findings
//! (family `config`).

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

use super::tls::{self, Protocol, WeakCipher};
use super::{
    expand, has_variable, ConfigFile, Dialect, Directive, Expanded, Included, MAX_NAMES,
    MAX_SERVERS,
};
use crate::finding::{Arg, Family, Finding, Location, Reason, Severity};
use crate::i18n::Catalogue;
use crate::instant::rfc3339;
use crate::report::{
    checked_line, write_findings, write_report, write_verdict_line, Screen, Summary, Verdict,
};
use crate::terminal::visible;
use crate::{Input, Options, Report, TextStyle};

pub const CONFIG_SCHEMA: &str = "certlens.config-report/1";

/// A file the configuration names, as the front end found it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileContent {
    Data {
        bytes: Vec<u8>,
        /// Owner and mode, when the front end can see them (the CLI on Unix).
        meta: Option<FileMeta>,
    },
    /// Why it could not be read: the system's message ("No such file or directory").
    Unreadable(String),
}

/// What the permission check needs to know about a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileMeta {
    /// Unix permission bits (`0o644`).
    pub mode: u32,
    /// The owner's user name, if known.
    pub owner: Option<String>,
}

/// Everything the audit reads. No I/O happens in the core: the front end fills this.
#[derive(Clone, Debug, Default)]
pub struct AuditInput {
    /// The configuration files: the main one first, then every file an include named.
    pub configs: Vec<Input>,
    /// The dialect; detected from the main file when `None`.
    pub dialect: Option<Dialect>,
    /// What each include pattern (as written) resolved to; an include missing here was not
    /// followed (a finding says so).
    pub includes: BTreeMap<String, Included>,
    /// The certificate, key and chain files, by path as written in the configuration.
    pub files: BTreeMap<String, FileContent>,
    /// The user running the front end, for the permission check.
    pub current_user: Option<String>,
}

/// Where a file is named: the path as written, the configuration file and line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FileRef {
    pub path: String,
    pub file: String,
    pub line: usize,
}

/// One certificate of a server (nginx allows several, e.g. RSA and ECDSA) and its checks.
#[derive(Clone, Debug, Serialize)]
pub struct CertificateAudit {
    pub certificate: Option<FileRef>,
    /// `None` for Apache when the key is in the certificate file.
    pub key: Option<FileRef>,
    /// Apache's `SSLCertificateChainFile`.
    pub chain: Option<FileRef>,
    /// Every check on these files with the server's names as hosts; `None` when none of
    /// them could be read.
    pub report: Option<Report>,
}

/// One server that serves TLS.
#[derive(Clone, Debug, Serialize)]
pub struct ServerAudit {
    pub dialect: Dialect,
    /// Where the `server` block or `<VirtualHost>` starts.
    pub file: String,
    pub line: usize,
    /// `server_name`, or `ServerName` and `ServerAlias`, as written.
    pub names: Vec<String>,
    /// The names checked as hosts: without `_`, regular expressions and wildcards.
    pub hosts: Vec<String>,
    /// nginx `listen` arguments, or the `<VirtualHost>` addresses.
    pub listen: Vec<String>,
    pub certificates: Vec<CertificateAudit>,
    /// The enabled protocol versions; `None` when not set (the server's default).
    pub protocols: Option<Vec<Protocol>>,
    /// The cipher string; `None` when not set (the server's default).
    pub ciphers: Option<String>,
}

/// The audit of one configuration (schema `certlens.config-report/1`).
#[derive(Clone, Debug, Serialize)]
pub struct ConfigReport {
    pub schema: &'static str,
    pub version: &'static str,
    pub lang: String,
    pub checked_at: String,
    /// `problems` when a configuration finding or any server's report has an error.
    pub verdict: Verdict,
    /// Findings of every severity: the configuration's and every server report's.
    pub summary: Summary,
    /// `None` when the main file is neither nginx nor Apache.
    pub dialect: Option<Dialect>,
    /// The configuration files read, main file first.
    pub files: Vec<String>,
    pub servers: Vec<ServerAudit>,
    /// The configuration's own findings (family `config`).
    pub findings: Vec<Finding>,
}

/// A server block as read, before any file is.
pub(crate) struct Server {
    pub dialect: Dialect,
    pub file: String,
    pub line: usize,
    pub names: Vec<String>,
    pub listen: Vec<String>,
    pub tls: bool,
    pub certificates: Vec<Directive>,
    pub keys: Vec<Directive>,
    pub chain: Option<Directive>,
    pub protocols: Option<Directive>,
    pub ciphers: Option<Directive>,
}

/// TLS settings in force at one level, inherited by what is inside it.
#[derive(Clone, Default)]
struct Settings {
    certificates: Vec<Directive>,
    keys: Vec<Directive>,
    chain: Option<Directive>,
    protocols: Option<Directive>,
    ciphers: Option<Directive>,
    /// nginx `ssl on;` (before 1.25.1), Apache `SSLEngine on`.
    engine: Option<bool>,
    names: Vec<String>,
}

impl Settings {
    /// The settings of one level's own directives over the inherited ones. nginx replaces
    /// an inherited list of certificates as a whole.
    fn over(&self, directives: &[Directive], dialect: Dialect) -> Settings {
        let mut own = Settings::default();
        for d in directives.iter().filter(|d| d.children.is_none()) {
            let name = d.name.to_ascii_lowercase();
            match (dialect, name.as_str()) {
                (Dialect::Nginx, "ssl_certificate") | (Dialect::Apache, "sslcertificatefile") => {
                    own.certificates.push(d.clone())
                }
                (Dialect::Nginx, "ssl_certificate_key")
                | (Dialect::Apache, "sslcertificatekeyfile") => own.keys.push(d.clone()),
                (Dialect::Apache, "sslcertificatechainfile") => own.chain = Some(d.clone()),
                (Dialect::Nginx, "ssl_protocols") | (Dialect::Apache, "sslprotocol") => {
                    own.protocols = Some(d.clone())
                }
                // Apache 2.4.36+: `SSLCipherSuite TLSv1.3 …` sets the TLS 1.3 suites.
                (Dialect::Nginx, "ssl_ciphers") | (Dialect::Apache, "sslciphersuite")
                    if !(d.args.len() > 1 && d.arg().eq_ignore_ascii_case("TLSv1.3")) =>
                {
                    own.ciphers = Some(d.clone())
                }
                (Dialect::Nginx, "ssl") | (Dialect::Apache, "sslengine") => {
                    own.engine = Some(d.arg().eq_ignore_ascii_case("on"))
                }
                (Dialect::Nginx, "server_name") => own.names.extend(d.args.iter().cloned()),
                (Dialect::Apache, "servername") => own.names.insert(0, apache_name(d.arg())),
                (Dialect::Apache, "serveralias") => own.names.extend(d.args.iter().cloned()),
                _ => {}
            }
        }
        Settings {
            certificates: if own.certificates.is_empty() {
                self.certificates.clone()
            } else {
                own.certificates
            },
            keys: if own.keys.is_empty() {
                self.keys.clone()
            } else {
                own.keys
            },
            chain: own.chain.or_else(|| self.chain.clone()),
            protocols: own.protocols.or_else(|| self.protocols.clone()),
            ciphers: own.ciphers.or_else(|| self.ciphers.clone()),
            engine: own.engine.or(self.engine),
            names: if own.names.is_empty() && dialect == Dialect::Apache {
                self.names.clone()
            } else {
                own.names
            },
        }
    }
}

/// `ServerName https://www.example.com:443` names `www.example.com`.
fn apache_name(value: &str) -> String {
    let rest = value.split_once("://").map_or(value, |(_, rest)| rest);
    match rest.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) && !host.ends_with(':') => {
            host.to_string()
        }
        _ => rest.to_string(),
    }
}

/// Every server of the configuration, TLS or not, in file order.
pub(crate) fn servers(expanded: &Expanded) -> Vec<Server> {
    let mut out = Vec::new();
    match expanded.dialect {
        Dialect::Nginx => {
            let top = Settings::default().over(&expanded.directives, Dialect::Nginx);
            nginx_servers(&expanded.directives, &top, &mut out);
            // A pasted server body without `server { }` around it.
            if out.is_empty() {
                let first = expanded.directives.iter().find(|d| {
                    d.children.is_none()
                        && matches!(
                            d.name.as_str(),
                            "listen" | "server_name" | "ssl_certificate"
                        )
                });
                if let Some(first) = first {
                    out.push(nginx_server(first, &expanded.directives, &top));
                }
            }
        }
        Dialect::Apache => {
            let mut global = Vec::new();
            flatten_apache(&expanded.directives, &mut global);
            let top = Settings::default().over(&global, Dialect::Apache);
            if top.engine == Some(true) {
                let at = global
                    .iter()
                    .find(|d| d.is("SSLEngine"))
                    .or_else(|| global.first());
                if let Some(at) = at {
                    out.push(apache_server(at, &top, Vec::new()));
                }
            }
            apache_vhosts(&expanded.directives, &top, &mut out);
        }
    }
    out
}

fn nginx_servers(directives: &[Directive], inherited: &Settings, out: &mut Vec<Server>) {
    for d in directives {
        let Some(children) = &d.children else {
            continue;
        };
        match d.name.as_str() {
            "server" => out.push(nginx_server(d, children, inherited)),
            "http" | "stream" | "mail" => {
                let settings = inherited.over(children, Dialect::Nginx);
                nginx_servers(children, &settings, out);
            }
            // `location`, `upstream`, `map`, `events`…: no servers inside.
            _ => {}
        }
    }
}

fn nginx_server(at: &Directive, children: &[Directive], inherited: &Settings) -> Server {
    let settings = inherited.over(children, Dialect::Nginx);
    let listens: Vec<&Directive> = children
        .iter()
        .filter(|d| d.children.is_none() && d.name == "listen")
        .collect();
    let tls = settings.engine == Some(true)
        || listens
            .iter()
            .any(|l| l.args.iter().skip(1).any(|a| a == "ssl" || a == "quic"));
    Server {
        dialect: Dialect::Nginx,
        file: at.file.clone(),
        line: at.line,
        names: settings.names.clone(),
        listen: listens.iter().map(|l| l.args.join(" ")).collect(),
        tls,
        certificates: settings.certificates,
        keys: settings.keys,
        chain: None,
        protocols: settings.protocols,
        ciphers: settings.ciphers,
    }
}

/// Sections Apache reads as part of the level they are in (conditions assumed true).
fn transparent(section: &Directive) -> bool {
    let name = section.name.to_ascii_lowercase();
    !(name == "virtualhost"
        || name.starts_with("directory")
        || name.starts_with("location")
        || name.starts_with("files")
        || name.starts_with("proxy")
        || name == "macro")
}

/// The directives of one level, with those of its conditional sections.
fn flatten_apache(directives: &[Directive], out: &mut Vec<Directive>) {
    for d in directives {
        match &d.children {
            None => out.push(d.clone()),
            Some(children) if transparent(d) => flatten_apache(children, out),
            Some(_) => {}
        }
    }
}

fn apache_vhosts(directives: &[Directive], inherited: &Settings, out: &mut Vec<Server>) {
    for d in directives {
        let Some(children) = &d.children else {
            continue;
        };
        if d.is("VirtualHost") {
            let mut own = Vec::new();
            flatten_apache(children, &mut own);
            let base = Settings {
                names: Vec::new(),
                ..inherited.clone()
            };
            let settings = base.over(&own, Dialect::Apache);
            out.push(apache_server(d, &settings, d.args.clone()));
        } else if transparent(d) {
            apache_vhosts(children, inherited, out);
        }
    }
}

fn apache_server(at: &Directive, settings: &Settings, listen: Vec<String>) -> Server {
    Server {
        dialect: Dialect::Apache,
        file: at.file.clone(),
        line: at.line,
        names: settings.names.clone(),
        listen,
        tls: settings.engine == Some(true),
        certificates: settings.certificates.clone(),
        keys: settings.keys.clone(),
        chain: settings.chain.clone(),
        protocols: settings.protocols.clone(),
        ciphers: settings.ciphers.clone(),
    }
}

/// The user the server's workers run as (`user` / `User`), unless it is a variable.
fn server_user(expanded: &Expanded) -> Option<&Directive> {
    let name = match expanded.dialect {
        Dialect::Nginx => "user",
        Dialect::Apache => "User",
    };
    expanded
        .directives
        .iter()
        .rfind(|d| d.children.is_none() && d.is(name))
        .filter(|d| !d.arg().is_empty() && !has_variable(d.arg()))
}

fn place(file: &str, line: usize) -> Location {
    Location {
        input: file.to_string(),
        block: None,
        line: Some(line),
    }
}

fn config_finding(
    code: &'static str,
    severity: Severity,
    dialect: Dialect,
    file: &str,
    line: usize,
) -> Finding {
    let finding = Finding::new(Family::Config, severity, code)
        .param("place", place(file, line))
        .at(place(file, line));
    // Codes whose texts name nginx's directives have Apache texts as the `apache` variant.
    let apache_texts = matches!(
        code,
        "config_syntax"
            | "tls_protocol_outdated"
            | "tls_protocols_default"
            | "chain_file_leaf_only"
            | "config_certificate_missing"
    );
    if dialect == Dialect::Apache && apache_texts {
        finding.variant("apache")
    } else {
        finding
    }
}

/// The directive as a line of the configuration (`ssl_protocols TLSv1 TLSv1.2;`).
pub(crate) fn written(directive: &Directive, dialect: Dialect) -> String {
    let mut out = directive.name.clone();
    for arg in &directive.args {
        out.push(' ');
        if arg.is_empty() || arg.contains(char::is_whitespace) {
            let _ = write!(out, "\"{}\"", arg.replace('"', "\\\""));
        } else {
            out.push_str(arg);
        }
    }
    if dialect == Dialect::Nginx {
        out.push(';');
    }
    out
}

/// The names to check as hosts: `.example.com` is `example.com` (and its subdomains, which
/// are not checked), wildcards and regular expressions are left out.
fn hosts(names: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in names {
        let name = name.strip_prefix('.').unwrap_or(name);
        if name.is_empty()
            || name == "_"
            || name.starts_with('~')
            || name.contains(['*', '$'])
            || out.iter().any(|n| n.eq_ignore_ascii_case(name))
        {
            continue;
        }
        out.push(name.to_string());
        if out.len() == MAX_NAMES {
            break;
        }
    }
    out
}

const MOZILLA_INTERMEDIATE: &str = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384";

/// Audits a configuration. Never panics and never fails: problems become findings.
/// `options` gives the instant, trusted roots, password, checks and language of every
/// server's inspection; its `hosts` are ignored (each server's names are used).
pub fn audit(input: &AuditInput, options: &Options) -> ConfigReport {
    let catalogue = &options.catalogue;
    let mut findings = Vec::new();
    let dialect = input.dialect.or_else(|| {
        input
            .configs
            .first()
            .and_then(|c| Dialect::detect(&String::from_utf8_lossy(&c.data)))
    });
    let mut report = ConfigReport {
        schema: CONFIG_SCHEMA,
        version: env!("CARGO_PKG_VERSION"),
        lang: catalogue.language().to_string(),
        checked_at: rfc3339(crate::instant::clamp(options.at)),
        verdict: Verdict::Ok,
        summary: Summary::default(),
        dialect,
        files: Vec::new(),
        servers: Vec::new(),
        findings: Vec::new(),
    };
    let Some(dialect) = dialect else {
        let name = input.configs.first().map(|c| c.name.as_str()).unwrap_or("");
        findings.push(
            Finding::error(Family::Config, "config_not_recognised")
                .param("input", name)
                .at(Location {
                    input: name.to_string(),
                    block: None,
                    line: None,
                }),
        );
        return finish(report, findings, catalogue);
    };
    let mut budget = super::Budget {
        words: super::MAX_WORDS,
    };
    let configs: Vec<ConfigFile> = input
        .configs
        .iter()
        .map(|c| ConfigFile::parse_with(&c.name, &c.data, dialect, &mut budget))
        .collect();
    let Some(expanded) = expand(&configs, &input.includes) else {
        return finish(report, findings, catalogue);
    };
    report.files = expanded.files.clone();

    for problem in &expanded.problems {
        let code = if problem.limit {
            "config_limit"
        } else {
            "config_syntax"
        };
        let severity = if problem.limit {
            Severity::Warning
        } else {
            Severity::Error
        };
        let mut reason = Reason::new(problem.phrase);
        reason.params = problem.params.clone();
        findings.push(
            config_finding(code, severity, dialect, &problem.file, problem.line)
                .reason("reason", reason),
        );
    }
    for include in &expanded.skipped {
        findings.push(
            config_finding(
                "config_include_skipped",
                Severity::Info,
                dialect,
                &include.file,
                include.line,
            )
            .param("directive", written(include, dialect)),
        );
    }
    for (include, path, reason) in &expanded.unreadable {
        findings.push(
            config_finding(
                "config_file_unreadable",
                Severity::Error,
                dialect,
                &include.file,
                include.line,
            )
            .param("directive", written(include, dialect))
            .param("path", path.as_str())
            .param("reason", reason.as_str()),
        );
    }

    let all = servers(&expanded);
    let tls_servers: Vec<&Server> = all.iter().filter(|s| s.tls).collect();
    if tls_servers.is_empty() {
        let main = expanded.files.first().cloned().unwrap_or_default();
        let finding = Finding::info(Family::Config, "no_tls_server");
        let finding = if dialect == Dialect::Apache {
            finding.variant("apache")
        } else {
            finding
        };
        findings.push(finding.param("input", main.as_str()).at(Location {
            input: main,
            block: None,
            line: None,
        }));
    }
    if tls_servers.len() > MAX_SERVERS {
        let extra = tls_servers[MAX_SERVERS];
        let reason = Reason::new("phrase.config.too_many_servers").param("limit", MAX_SERVERS);
        findings.push(
            config_finding(
                "config_limit",
                Severity::Warning,
                dialect,
                &extra.file,
                extra.line,
            )
            .reason("reason", reason),
        );
    }
    let user = server_user(&expanded);
    for server in tls_servers.into_iter().take(MAX_SERVERS) {
        let audit = audit_server(server, input, options, user, &mut findings);
        report.servers.push(audit);
    }
    finish(report, findings, catalogue)
}

fn finish(
    mut report: ConfigReport,
    mut findings: Vec<Finding>,
    catalogue: &Catalogue,
) -> ConfigReport {
    for finding in &mut findings {
        catalogue.localise(finding);
    }
    findings.sort_by_key(|f| f.severity);
    let mut summary = Summary::default();
    let count = |summary: &mut Summary, severity| match severity {
        Severity::Error => summary.errors += 1,
        Severity::Warning => summary.warnings += 1,
        Severity::Info => summary.infos += 1,
    };
    for finding in &findings {
        count(&mut summary, finding.severity);
    }
    for server in &report.servers {
        for cert in &server.certificates {
            if let Some(r) = &cert.report {
                summary.errors += r.summary.errors;
                summary.warnings += r.summary.warnings;
                summary.infos += r.summary.infos;
            }
        }
    }
    report.verdict = if summary.errors > 0 {
        Verdict::Problems
    } else {
        Verdict::Ok
    };
    report.summary = summary;
    report.findings = findings;
    report
}

fn file_ref(directive: &Directive) -> FileRef {
    FileRef {
        path: directive.arg().to_string(),
        file: directive.file.clone(),
        line: directive.line,
    }
}

/// The file a directive names, or a finding saying why it cannot be read.
fn lookup<'a>(
    directive: &Directive,
    dialect: Dialect,
    input: &'a AuditInput,
    findings: &mut Vec<Finding>,
) -> Option<&'a FileContent> {
    let path = directive.arg();
    let unreadable = |variant: Option<&'static str>| {
        let finding = config_finding(
            "config_file_unreadable",
            Severity::Error,
            dialect,
            &directive.file,
            directive.line,
        )
        .param("directive", written(directive, dialect))
        .param("path", path);
        match variant {
            Some(v) => finding.variant(v),
            None => finding,
        }
    };
    if has_variable(path) {
        findings.push(unreadable(Some("variable")));
        return None;
    }
    match input.files.get(path) {
        None => {
            findings.push(unreadable(Some("not_given")));
            None
        }
        Some(FileContent::Unreadable(reason)) => {
            findings.push(unreadable(None).param("reason", reason.as_str()));
            None
        }
        Some(content) => Some(content),
    }
}

fn audit_server(
    server: &Server,
    input: &AuditInput,
    options: &Options,
    user: Option<&Directive>,
    findings: &mut Vec<Finding>,
) -> ServerAudit {
    let dialect = server.dialect;
    let hosts = hosts(&server.names);
    let mut audit = ServerAudit {
        dialect,
        file: server.file.clone(),
        line: server.line,
        names: server.names.clone(),
        hosts: hosts.clone(),
        listen: server.listen.clone(),
        certificates: Vec::new(),
        protocols: None,
        ciphers: server.ciphers.as_ref().map(|d| d.args.join(" ")),
    };

    // Protocols.
    match &server.protocols {
        Some(directive) => {
            let (enabled, unknown) = match dialect {
                Dialect::Nginx => tls::nginx_protocols(&directive.args),
                Dialect::Apache => tls::apache_protocols(&directive.args),
            };
            for name in unknown {
                let reason = Reason::new("phrase.config.unknown_protocol").param("name", name);
                findings.push(
                    config_finding(
                        "config_syntax",
                        Severity::Error,
                        dialect,
                        &directive.file,
                        directive.line,
                    )
                    .reason("reason", reason),
                );
            }
            let outdated: Vec<Arg> = enabled
                .iter()
                .filter(|p| p.outdated())
                .map(|p| Arg::Text(p.name().to_string()))
                .collect();
            if !outdated.is_empty() {
                findings.push(
                    config_finding(
                        "tls_protocol_outdated",
                        Severity::Error,
                        dialect,
                        &directive.file,
                        directive.line,
                    )
                    .param("directive", written(directive, dialect))
                    .param("protocols", Arg::List(outdated)),
                );
            }
            audit.protocols = Some(enabled);
        }
        None => findings.push(config_finding(
            "tls_protocols_default",
            Severity::Info,
            dialect,
            &server.file,
            server.line,
        )),
    }

    // Ciphers.
    if let Some(directive) = &server.ciphers {
        let weak = tls::weak_ciphers(&directive.args.join(" "));
        if !weak.is_empty() {
            let broken = weak.iter().any(|(class, _)| class.broken());
            let listed: Vec<Arg> = weak
                .iter()
                .map(|(class, word)| {
                    let name = class_name(*class);
                    Arg::Text(if word.eq_ignore_ascii_case(name) {
                        name.to_string()
                    } else {
                        format!("{name} ({word})")
                    })
                })
                .collect();
            let exclusions: String = weak
                .iter()
                .map(|(c, _)| format!(":!{}", c.keyword()))
                .collect();
            findings.push(
                config_finding(
                    "weak_cipher",
                    if broken {
                        Severity::Error
                    } else {
                        Severity::Warning
                    },
                    dialect,
                    &directive.file,
                    directive.line,
                )
                .param("directive", written(directive, dialect))
                .param("ciphers", Arg::List(listed))
                .param("exclusions", exclusions)
                .param(
                    "corrected",
                    match dialect {
                        Dialect::Nginx => format!("ssl_ciphers {MOZILLA_INTERMEDIATE};"),
                        Dialect::Apache => format!("SSLCipherSuite {MOZILLA_INTERMEDIATE}"),
                    },
                ),
            );
        }
    }

    // Certificates and keys.
    if server.certificates.is_empty() {
        findings.push(config_finding(
            "config_certificate_missing",
            Severity::Error,
            dialect,
            &server.file,
            server.line,
        ));
    }
    for (index, certificate) in server.certificates.iter().enumerate() {
        let key = server.keys.get(index).or(match dialect {
            Dialect::Apache => None,
            Dialect::Nginx => server.keys.last(),
        });
        if key.is_none() && dialect == Dialect::Nginx {
            findings.push(
                config_finding(
                    "config_certificate_missing",
                    Severity::Error,
                    dialect,
                    &server.file,
                    server.line,
                )
                .variant("key")
                .param("path", certificate.arg()),
            );
        }
        let cert_audit = audit_certificate(
            server,
            certificate,
            key,
            input,
            options,
            &hosts,
            user,
            findings,
        );
        audit.certificates.push(cert_audit);
    }
    audit
}

fn class_name(class: WeakCipher) -> &'static str {
    match class {
        WeakCipher::Null => "NULL",
        other => other.keyword(),
    }
}

/// What a file holds, by the objects certlens found in it.
#[derive(Default)]
struct Holds {
    certificates: usize,
    private_keys: usize,
}

fn holds(report: &Report, path: &str) -> Holds {
    let mut out = Holds::default();
    for object in report.objects.iter().filter(|o| o.source.input == path) {
        match object.kind {
            crate::report::ObjectKind::Certificate => out.certificates += 1,
            crate::report::ObjectKind::PrivateKey => out.private_keys += 1,
            _ => {}
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn audit_certificate(
    server: &Server,
    certificate: &Directive,
    key: Option<&Directive>,
    input: &AuditInput,
    options: &Options,
    hosts: &[String],
    user: Option<&Directive>,
    findings: &mut Vec<Finding>,
) -> CertificateAudit {
    let dialect = server.dialect;
    let chain = server.chain.as_ref();
    let mut inputs: Vec<Input> = Vec::new();
    let mut metas: Vec<(&Directive, Option<&FileMeta>)> = Vec::new();
    for directive in [Some(certificate), chain, key] {
        let Some(directive) = directive else {
            continue;
        };
        let path = directive.arg();
        if inputs.iter().any(|i| i.name == path) {
            continue;
        }
        let Some(FileContent::Data { bytes, meta }) = lookup(directive, dialect, input, findings)
        else {
            continue;
        };
        metas.push((directive, meta.as_ref()));
        inputs.push(Input::new(path, bytes.clone()));
    }
    // Without the certificate there is nothing to check the names, chain and key against.
    let cert_read = inputs.iter().any(|i| i.name == certificate.arg());
    let report = cert_read.then(|| {
        let options = Options {
            hosts: hosts.to_vec(),
            ..options.clone()
        };
        crate::inspect(&inputs, &options)
    });

    if let Some(report) = &report {
        for (directive, meta) in &metas {
            if let Some(meta) = meta {
                let holds_key = holds(report, directive.arg()).private_keys > 0;
                permissions(
                    directive,
                    dialect,
                    meta,
                    holds_key,
                    user,
                    input.current_user.as_deref(),
                    findings,
                );
            }
        }
        let cert_path = certificate.arg();
        let in_cert = holds(report, cert_path);
        let in_key = key.map(|k| holds(report, k.arg()));
        let key_read = key.is_some_and(|k| inputs.iter().any(|i| i.name == k.arg()));
        if let (Some(key), Some(in_key)) = (key, &in_key) {
            if cert_read
                && key_read
                && key.arg() != cert_path
                && in_cert.certificates == 0
                && in_cert.private_keys > 0
                && in_key.private_keys == 0
                && in_key.certificates > 0
            {
                findings.push(
                    config_finding(
                        "key_cert_swapped",
                        Severity::Error,
                        dialect,
                        &certificate.file,
                        certificate.line,
                    )
                    .param(
                        "certificate_place",
                        place(&certificate.file, certificate.line),
                    )
                    .param("key_place", place(&key.file, key.line))
                    .param("certificate_path", cert_path)
                    .param("key_path", key.arg())
                    .param(
                        "certificate_directive",
                        written(
                            &Directive {
                                args: vec![key.arg().to_string()],
                                ..certificate.clone()
                            },
                            dialect,
                        ),
                    )
                    .param(
                        "key_directive",
                        written(
                            &Directive {
                                args: vec![cert_path.to_string()],
                                ..key.clone()
                            },
                            dialect,
                        ),
                    ),
                );
            }
        }
        // A certificate file holding only a leaf its issuer does not vouch for alone.
        let chain_given = chain.is_some_and(|c| inputs.iter().any(|i| i.name == c.arg()));
        if cert_read && !chain_given && in_cert.certificates == 1 && !report.chain.trusted {
            let leaf = report.objects.iter().find(|o| {
                o.source.input == cert_path && o.kind == crate::report::ObjectKind::Certificate
            });
            if let Some(leaf) =
                leaf.filter(|o| o.self_signed == Some(false) && o.is_ca != Some(true))
            {
                let issuer = leaf.issuer.clone().unwrap_or_default();
                findings.push(
                    config_finding(
                        "chain_file_leaf_only",
                        Severity::Error,
                        dialect,
                        &certificate.file,
                        certificate.line,
                    )
                    .param("directive", written(certificate, dialect))
                    .param("path", cert_path)
                    .param("name", leaf.name.clone().unwrap_or_default())
                    .param("issuer", issuer),
                );
            }
        }
    }

    CertificateAudit {
        certificate: Some(file_ref(certificate)),
        key: key.map(file_ref),
        chain: chain.map(file_ref),
        report,
    }
}

/// The permission check (the CLI on Unix gives owner and mode): a private key readable by
/// every user, and a file the configured server user may not be able to read.
fn permissions(
    directive: &Directive,
    dialect: Dialect,
    meta: &FileMeta,
    is_key: bool,
    user: Option<&Directive>,
    current_user: Option<&str>,
    findings: &mut Vec<Finding>,
) {
    let mode = format!("{:04o}", meta.mode & 0o7777);
    let path = directive.arg();
    if is_key && meta.mode & 0o004 != 0 {
        findings.push(
            config_finding(
                "config_permissions",
                Severity::Warning,
                dialect,
                &directive.file,
                directive.line,
            )
            .param("path", path)
            .param("mode", mode.as_str()),
        );
        return;
    }
    let (Some(user), Some(owner)) = (user, meta.owner.as_deref()) else {
        return;
    };
    let server_user = user.arg();
    if meta.mode & 0o004 == 0
        && owner != "root"
        && Some(owner) != current_user
        && owner != server_user
    {
        findings.push(
            config_finding(
                "config_permissions",
                Severity::Warning,
                dialect,
                &directive.file,
                directive.line,
            )
            .variant("server_user")
            .param("path", path)
            .param("mode", mode.as_str())
            .param("owner", owner)
            .param("user", server_user)
            .param("user_place", place(&user.file, user.line)),
        );
    }
}

/// The audit as text for people: the verdict, each server with its files and its report's
/// findings, then the configuration's findings. Server names, cipher strings and paths come
/// from the configuration, and the reports name what the files hold: all of it is written
/// through a [`Screen`], which escapes what a terminal would act on.
pub fn render_config_text(
    report: &ConfigReport,
    style: TextStyle,
    catalogue: &Catalogue,
) -> String {
    let t = |key: &str, params: &[(&'static str, Arg)]| catalogue.render(key, params);
    let mut out = Screen::new(style);
    write_verdict_line(
        &mut out,
        report.verdict,
        &report.summary,
        "cli.config.verdict.ok",
        catalogue,
    );
    out.line(format_args!(
        "{}",
        checked_line(&report.checked_at, report.version, catalogue)
    ));
    if !report.files.is_empty() {
        let files = report
            .files
            .iter()
            .map(|f| Arg::Text(visible(f).into_owned()));
        let files = Arg::List(files.collect());
        out.line(format_args!(
            "{}",
            t("cli.config.files", &[("files", files)])
        ));
    }
    for server in &report.servers {
        let names = if server.names.is_empty() {
            t("cli.config.no_names", &[])
        } else {
            visible(&server.names.join(" ")).into_owned()
        };
        let heading = [
            ("names", names.into()),
            ("place", place(&visible(&server.file), server.line).into()),
        ];
        out.end_line();
        out.heading(&t("cli.config.server", &heading));
        let field = |out: &mut Screen, key: &str, value: String| {
            let value = visible(&value).into_owned();
            out.line(format_args!("  {}", t(key, &[("value", value.into())])));
        };
        if !server.listen.is_empty() {
            field(&mut out, "cli.config.listen", server.listen.join(", "));
        }
        match &server.protocols {
            Some(p) => field(
                &mut out,
                "cli.config.protocols",
                p.iter().map(|p| p.name()).collect::<Vec<_>>().join(" "),
            ),
            None => field(
                &mut out,
                "cli.config.protocols",
                t("cli.config.default", &[]),
            ),
        }
        field(
            &mut out,
            "cli.config.ciphers",
            server
                .ciphers
                .clone()
                .unwrap_or_else(|| t("cli.config.default", &[])),
        );
        for cert in &server.certificates {
            for (key, file) in [
                ("cli.config.certificate", &cert.certificate),
                ("cli.config.key", &cert.key),
                ("cli.config.chain", &cert.chain),
            ] {
                if let Some(file) = file {
                    field(&mut out, key, file.path.clone());
                }
            }
            match &cert.report {
                Some(report) => out.indented("    ", |out| {
                    write_report(out, report, catalogue, false);
                }),
                None => out.line(format_args!("    {}", t("cli.config.no_report", &[]))),
            }
        }
    }
    if !report.findings.is_empty() {
        out.end_line();
        out.heading(&t("cli.config.findings", &[]));
        write_findings(&mut out, &report.findings, catalogue);
    }
    out.finish()
}
