//! The server configuration audit (`certlens::server_config`): nginx and Apache parsing,
//! each configuration finding on its pass and fail side with the fixture certificates and
//! keys, and hostile configurations that must neither panic nor take long.

mod common;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use certlens::i18n::LANGUAGES;
use certlens::server_config::{
    audit, AuditInput, ConfigFile, ConfigReport, Dialect, FileContent, FileMeta, Included,
    IncludedFile, Protocol,
};
use certlens::{Catalogue, Input, Options, Severity};
use common::{audit_config, audit_input, config_input, fixture, input, options};

fn codes(report: &ConfigReport) -> Vec<&'static str> {
    report.findings.iter().map(|f| f.code).collect()
}

fn find<'a>(report: &'a ConfigReport, code: &str) -> Vec<&'a certlens::Finding> {
    report.findings.iter().filter(|f| f.code == code).collect()
}

/// An audit of one configuration given as text, with files given by path.
fn audit_text(config: &str, files: &[(&str, FileContent)]) -> ConfigReport {
    let input = AuditInput {
        configs: vec![Input::new("site.conf", config)],
        files: files
            .iter()
            .map(|(path, content)| (path.to_string(), content.clone()))
            .collect(),
        ..AuditInput::default()
    };
    audit_input(&input)
}

fn data(name: &str) -> FileContent {
    FileContent::Data {
        bytes: fixture(name),
        meta: None,
    }
}

// ---- parsing ------------------------------------------------------------------------------

#[test]
fn nginx_directives_blocks_quotes_comments_and_includes() {
    let text = std::fs::read(common::fixture_path("config/nginx.conf")).unwrap();
    assert_eq!(
        Dialect::detect(&String::from_utf8_lossy(&text)),
        Some(Dialect::Nginx)
    );
    let config = ConfigFile::parse("nginx.conf", &text, Dialect::Nginx);
    assert!(config.problems.is_empty(), "{:?}", config.problems);
    let names: Vec<&str> = config.directives.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["user", "worker_processes", "events", "http"]);
    let http = config.directives[3].children.as_ref().unwrap();
    // The trailing comment on the ssl_protocols line is not an argument.
    assert_eq!(http[0].name, "ssl_protocols");
    assert_eq!(http[0].args, ["TLSv1.2", "TLSv1.3"]);
    assert_eq!(http[0].line, 10);
    let servers: Vec<_> = http.iter().filter(|d| d.name == "server").collect();
    assert_eq!(servers.len(), 2);
    assert_eq!(servers[1].line, 18);
    let tls = servers[1].children.as_ref().unwrap();
    let get = |name: &str| tls.iter().find(|d| d.name == name).unwrap();
    assert_eq!(get("server_name").args, ["www.example.com", "example.com"]);
    assert_eq!(get("ssl_certificate_key").args, ["../leaf-rsa2048.key"]);
    assert_eq!(get("ssl_certificate_key").line, 23);
    assert_eq!(get("listen").args, ["443", "ssl", "http2"]);
    let includes = config.includes();
    assert_eq!(includes.len(), 1);
    assert_eq!(includes[0].arg(), "conf.d/*.conf");
    assert_eq!(includes[0].line, 28);

    // Escapes, `${var}` in words, `#` inside a word, one-line blocks.
    let text = "server{listen 443 ssl;ssl_certificate \"/etc/a b\\\"c.pem\";ssl_certificate_key /k${suffix}.key; root /a#b;}";
    let config = ConfigFile::parse("x.conf", text.as_bytes(), Dialect::Nginx);
    assert!(config.problems.is_empty(), "{:?}", config.problems);
    let server = config.directives[0].children.as_ref().unwrap();
    assert_eq!(server[1].args, ["/etc/a b\"c.pem"]);
    assert_eq!(server[2].args, ["/k${suffix}.key"]);
    assert_eq!(server[3].args, ["/a#b"]);
}

#[test]
fn apache_sections_continuations_and_names() {
    let text = std::fs::read(common::fixture_path("config/apache.conf")).unwrap();
    assert_eq!(
        Dialect::detect(&String::from_utf8_lossy(&text)),
        Some(Dialect::Apache)
    );
    let config = ConfigFile::parse("apache.conf", &text, Dialect::Apache);
    assert!(config.problems.is_empty(), "{:?}", config.problems);
    assert_eq!(config.server_root().as_deref(), Some("."));
    let module = config.directives.iter().find(|d| d.is("IfModule")).unwrap();
    let vhosts: Vec<_> = module
        .children
        .as_ref()
        .unwrap()
        .iter()
        .filter(|d| d.is("VirtualHost"))
        .collect();
    assert_eq!(vhosts.len(), 2);
    assert_eq!(vhosts[0].args, ["*:443"]);
    let legacy = vhosts[1].children.as_ref().unwrap();
    let suite = legacy.iter().find(|d| d.is("SSLCipherSuite")).unwrap();
    // The `\` continuation joins the next line.
    assert_eq!(suite.args.join(" "), "ALL:!aNULL:!eNULL: !EXPORT:!LOW");
    assert_eq!(suite.line, 23);

    let report = audit_config("apache.conf");
    assert_eq!(report.dialect, Some(Dialect::Apache));
    assert_eq!(report.servers.len(), 2);
    let good = &report.servers[0];
    // `ServerName https://www.example.com:443`: scheme and port removed; the alias follows.
    assert_eq!(good.names, ["www.example.com", "example.com"]);
    assert_eq!(good.line, 9);
    assert_eq!(good.protocols, Some(vec![Protocol::Tls12, Protocol::Tls13]));
    // Inherited from the global level.
    assert_eq!(good.ciphers.as_deref(), Some("HIGH:!aNULL:!MD5"));
    let cert = &good.certificates[0];
    assert_eq!(cert.chain.as_ref().unwrap().path, "intermediates.pem");
    let server_report = cert.report.as_ref().unwrap();
    assert!(server_report.chain.trusted, "{:#?}", server_report.findings);
    assert_eq!(server_report.summary.errors, 0);
}

#[test]
fn nginx_servers_inherit_from_http_and_follow_includes() {
    let report = audit_config("nginx.conf");
    assert_eq!(report.files, ["nginx.conf", "conf.d/legacy.conf"]);
    // The port-80 server is not a TLS server.
    assert_eq!(report.servers.len(), 2);
    let good = &report.servers[0];
    assert_eq!(good.names, ["www.example.com", "example.com"]);
    assert_eq!(good.hosts, ["www.example.com", "example.com"]);
    assert_eq!(good.listen, ["443 ssl http2", "[::]:443 ssl http2"]);
    assert_eq!(good.protocols, Some(vec![Protocol::Tls12, Protocol::Tls13]));
    let cert = &good.certificates[0];
    assert_eq!(cert.certificate.as_ref().unwrap().path, "../fullchain.pem");
    assert_eq!(cert.certificate.as_ref().unwrap().line, 22);
    let server_report = cert.report.as_ref().unwrap();
    assert_eq!(
        server_report.summary.errors, 0,
        "{:#?}",
        server_report.findings
    );
    assert!(server_report.hosts.iter().all(|h| h.covered));
    // Findings of the good server: none but notes.
    for finding in &report.findings {
        assert!(
            finding.location.as_ref().unwrap().input != "nginx.conf"
                || finding.severity == Severity::Info,
            "{finding:#?}"
        );
    }
    let legacy = &report.servers[1];
    assert_eq!(legacy.file, "conf.d/legacy.conf");
    assert_eq!(legacy.names, ["legacy.example.com"]);
}

// ---- findings, both sides -------------------------------------------------------------------

#[test]
fn outdated_protocols() {
    let report = audit_config("nginx.conf");
    let outdated = find(&report, "tls_protocol_outdated");
    assert_eq!(outdated.len(), 1, "{:#?}", report.findings);
    let f = outdated[0];
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.location.as_ref().unwrap().input, "conf.d/legacy.conf");
    assert_eq!(f.location.as_ref().unwrap().line, Some(5));
    assert!(
        f.message
            .contains("`ssl_protocols TLSv1 TLSv1.1 TLSv1.2;` enables TLSv1 and TLSv1.1"),
        "{}",
        f.message
    );
    assert!(f
        .fix
        .as_ref()
        .unwrap()
        .contains("ssl_protocols TLSv1.2 TLSv1.3;"));
    // The inherited `ssl_protocols TLSv1.2 TLSv1.3` passes, and no default note for it.
    assert!(find(&report, "tls_protocols_default").is_empty());

    let apache = audit_config("apache.conf");
    let f = find(&apache, "tls_protocol_outdated");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].location.as_ref().unwrap().line, Some(22));
    assert!(f[0]
        .fix
        .as_ref()
        .unwrap()
        .contains("SSLProtocol -all +TLSv1.2 +TLSv1.3"));

    // Not set: a note on nginx's version-dependent default, not an error.
    let report = audit_config("swapped.conf");
    let default = find(&report, "tls_protocols_default");
    assert_eq!(default.len(), 1);
    assert_eq!(default[0].severity, Severity::Info);
    assert!(default[0].message.contains("1.23.4"));
    // Unknown names are syntax errors; SSLv3 alone is outdated.
    let report = audit_text(
        "server { listen 443 ssl; ssl_protocols SSLv3 TLSv9; ssl_certificate c.pem; ssl_certificate_key k.pem; }",
        &[],
    );
    assert!(codes(&report).contains(&"config_syntax"));
    assert!(find(&report, "tls_protocol_outdated")[0]
        .message
        .contains("SSLv3"));
}

#[test]
fn weak_ciphers() {
    let report = audit_config("nginx.conf");
    let weak = find(&report, "weak_cipher");
    assert_eq!(weak.len(), 1, "{:#?}", report.findings);
    let f = weak[0];
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.location.as_ref().unwrap().line, Some(6));
    assert!(
        f.message.contains("RC4 (RC4-SHA) and 3DES (DES-CBC3-SHA)"),
        "{}",
        f.message
    );
    assert!(f.fix.as_ref().unwrap().contains(":!RC4:!3DES"));
    assert!(f
        .fix
        .as_ref()
        .unwrap()
        .contains("ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:"));
    // nginx's own default string (the good server) passes.
    assert!(!f.message.contains("HIGH:!aNULL:!MD5"));

    let apache = audit_config("apache.conf");
    let f = find(&apache, "weak_cipher");
    assert_eq!(f.len(), 1);
    assert!(f[0].message.contains("RC4 (ALL)"), "{}", f[0].message);
    assert!(f[0].fix.as_ref().unwrap().contains("SSLCipherSuite ECDHE-"));

    // Only outdated (not broken) classes: a warning.
    let report = audit_text(
        "server { listen 443 ssl; ssl_ciphers ECDHE+AESGCM:DES-CBC3-SHA; ssl_certificate c.pem; ssl_certificate_key k.pem; }",
        &[],
    );
    assert_eq!(find(&report, "weak_cipher")[0].severity, Severity::Warning);
    let report = audit_text(
        "server { listen 443 ssl; ssl_ciphers 'EECDH+AESGCM:EDH+AESGCM'; ssl_certificate c.pem; ssl_certificate_key k.pem; }",
        &[],
    );
    assert!(find(&report, "weak_cipher").is_empty());
}

#[test]
fn leaf_only_certificate_file() {
    let report = audit_config("nginx.conf");
    let f = find(&report, "chain_file_leaf_only");
    assert_eq!(f.len(), 1, "{:#?}", report.findings);
    assert_eq!(f[0].location.as_ref().unwrap().input, "conf.d/legacy.conf");
    assert_eq!(f[0].location.as_ref().unwrap().line, Some(7));
    assert!(f[0]
        .message
        .contains("../leaf-rsa2048.pem holds only the site certificate"));
    assert!(f[0]
        .fix
        .as_ref()
        .unwrap()
        .contains("cat ../leaf-rsa2048.pem intermediate.pem > fullchain.pem"));
    // inspect's own finding is in the server's report, not repeated in the config findings.
    let legacy = report.servers[1].certificates[0].report.as_ref().unwrap();
    assert!(legacy
        .findings
        .iter()
        .any(|f| f.code == "missing_intermediate"));
    assert!(find(&report, "missing_intermediate").is_empty());

    // Apache: with SSLCertificateChainFile the leaf-only certificate file is right.
    let apache = audit_config("apache.conf");
    let f = find(&apache, "chain_file_leaf_only");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].location.as_ref().unwrap().line, Some(25));
    assert!(f[0]
        .fix
        .as_ref()
        .unwrap()
        .contains("SSLCertificateChainFile"));

    // A self-signed certificate alone is not missing anything.
    let report = audit_text(
        "server { listen 443 ssl; server_name www.example.com; ssl_certificate selfsigned.pem; ssl_certificate_key selfsigned.key; }",
        &[("selfsigned.pem", data("selfsigned.pem")), ("selfsigned.key", data("selfsigned.key"))],
    );
    assert!(
        find(&report, "chain_file_leaf_only").is_empty(),
        "{:#?}",
        report.findings
    );
}

#[test]
fn key_and_certificate_swapped() {
    let report = audit_config("swapped.conf");
    let f = find(&report, "key_cert_swapped");
    assert_eq!(f.len(), 1, "{:#?}", report.findings);
    assert_eq!(f[0].severity, Severity::Error);
    let fix = f[0].fix.as_ref().unwrap();
    assert!(fix.contains("`ssl_certificate ../fullchain.pem;`"), "{fix}");
    assert!(
        fix.contains("`ssl_certificate_key ../leaf-rsa2048.key;`"),
        "{fix}"
    );
    assert!(
        f[0].message.contains("swapped.conf, line 4")
            && f[0].message.contains("swapped.conf, line 5")
    );
    // The right way round: no finding.
    assert!(find(&audit_config("nginx.conf"), "key_cert_swapped").is_empty());
    // Certificate and key in one file, named by both directives: not swapped.
    let report = audit_text(
        "server { listen 443 ssl; server_name www.example.com; ssl_certificate both.pem; ssl_certificate_key both.pem; }",
        &[("both.pem", data("bundle-with-key.pem"))],
    );
    assert!(find(&report, "key_cert_swapped").is_empty());
}

#[test]
fn unreadable_missing_and_variable_files() {
    let report = audit_config("missing-file.conf");
    let f = find(&report, "config_file_unreadable");
    assert_eq!(f.len(), 1, "{:#?}", report.findings);
    assert_eq!(f[0].location.as_ref().unwrap().line, Some(5));
    assert!(
        f[0].message
            .contains("../no-such-fullchain.pem, which cannot be read: No such file"),
        "{}",
        f[0].message
    );
    // No report without the certificate.
    assert!(report.servers[0].certificates[0].report.is_none());
    assert_eq!(report.verdict, certlens::report::Verdict::Problems);

    // A file the front end was not given (the page), and a path with a variable.
    let report = audit_text(
        "server { listen 443 ssl; ssl_certificate /etc/ssl/$ssl_server_name.crt; ssl_certificate_key k.pem; }",
        &[],
    );
    let variants: Vec<_> = find(&report, "config_file_unreadable")
        .iter()
        .map(|f| f.variant)
        .collect();
    assert_eq!(variants, [Some("variable"), Some("not_given")]);
    // Everything given: no finding.
    assert!(find(&audit_config("nginx.conf"), "config_file_unreadable").is_empty());
}

#[test]
fn permissions_from_owner_and_mode() {
    let with_meta = |key_mode: u32, owner: &str, config: &str| {
        let meta = |mode| {
            Some(FileMeta {
                mode,
                owner: Some(owner.to_string()),
            })
        };
        let files = [
            (
                "fullchain.pem",
                FileContent::Data {
                    bytes: fixture("fullchain.pem"),
                    meta: meta(0o644),
                },
            ),
            (
                "key.pem",
                FileContent::Data {
                    bytes: fixture("leaf-rsa2048.key"),
                    meta: meta(key_mode),
                },
            ),
        ];
        let input = AuditInput {
            configs: vec![Input::new("site.conf", config)],
            files: files
                .iter()
                .map(|(p, c)| (p.to_string(), c.clone()))
                .collect(),
            current_user: Some("alice".into()),
            ..AuditInput::default()
        };
        audit_input(&input)
    };
    let site = "user www-data;\nhttp { server { listen 443 ssl; server_name www.example.com; ssl_certificate fullchain.pem; ssl_certificate_key key.pem; } }";
    let report = with_meta(0o644, "root", site);
    let f = find(&report, "config_permissions");
    assert_eq!(f.len(), 1, "{:#?}", report.findings);
    assert_eq!(f[0].severity, Severity::Warning);
    assert!(
        f[0].message.contains("key.pem can be read by every user") && f[0].message.contains("0644")
    );
    assert!(f[0].fix.as_ref().unwrap().contains("chmod 600 key.pem"));
    // 0600 owned by root: fine (nginx reads keys as root).
    assert!(find(&with_meta(0o600, "root", site), "config_permissions").is_empty());
    // 0600 owned by someone else than root, the server user and the current user.
    let report = with_meta(0o600, "bob", site);
    let f = find(&report, "config_permissions");
    assert_eq!(f.len(), 1, "{:#?}", report.findings);
    assert_eq!(f[0].variant, Some("server_user"));
    assert!(
        f[0].message.contains("belongs to bob")
            && f[0].message.contains("www-data (site.conf, line 1)")
    );
    // Without a `user` directive certlens cannot say who the server runs as: nothing.
    let no_user = site.replacen("user www-data;\n", "", 1);
    assert!(find(&with_meta(0o600, "bob", &no_user), "config_permissions").is_empty());
}

#[test]
fn no_tls_server_and_missing_certificates() {
    let report = audit_config("plain-http.conf");
    assert_eq!(codes(&report), ["no_tls_server"]);
    assert_eq!(report.findings[0].severity, Severity::Info);
    assert_eq!(report.verdict, certlens::report::Verdict::Ok);
    assert!(find(&audit_config("nginx.conf"), "no_tls_server").is_empty());
    let apache = audit_text(
        "<VirtualHost *:80>\nServerName a.example\n</VirtualHost>\n",
        &[],
    );
    assert_eq!(apache.findings[0].variant, Some("apache"));

    let report = audit_text("server { listen 443 ssl; server_name a.example; }", &[]);
    assert_eq!(find(&report, "config_certificate_missing").len(), 1);
    let report = audit_text("server { listen 443 ssl; ssl_certificate c.pem; }", &[]);
    assert_eq!(
        find(&report, "config_certificate_missing")[0].variant,
        Some("key")
    );
    // `ssl on;` (old nginx) serves TLS too; so does a pasted server body.
    let report = audit_text(
        "server { listen 443; ssl on; ssl_certificate c.pem; ssl_certificate_key k.pem; }",
        &[],
    );
    assert_eq!(report.servers.len(), 1);
    let report = audit_text(
        "listen 443 ssl;\nssl_certificate c.pem;\nssl_certificate_key k.pem;\n",
        &[],
    );
    assert_eq!(report.servers.len(), 1);
    assert_eq!(report.servers[0].line, 1);
}

#[test]
fn includes_not_followed_unreadable_and_self_including() {
    let site =
        "http { include ssl-params.conf; server { listen 443 ssl; include snippets/cert.conf; } }";
    let report = audit_text(site, &[]);
    assert_eq!(find(&report, "config_include_skipped").len(), 2);

    let mut input = AuditInput {
        configs: vec![
            Input::new("main.conf", site),
            Input::new(
                "snippets/cert.conf",
                "ssl_certificate ../fullchain.pem;\nssl_certificate_key ../leaf-rsa2048.key;\n",
            ),
            Input::new("loop.conf", "include loop.conf;\nssl_protocols TLSv1.2;\n"),
        ],
        ..AuditInput::default()
    };
    input.includes.insert(
        "snippets/cert.conf".into(),
        Included::Files(vec![IncludedFile::read("snippets/cert.conf")]),
    );
    input.includes.insert(
        "ssl-params.conf".into(),
        Included::Unreadable("Permission denied (os error 13)".into()),
    );
    input
        .files
        .insert("../fullchain.pem".into(), data("fullchain.pem"));
    input
        .files
        .insert("../leaf-rsa2048.key".into(), data("leaf-rsa2048.key"));
    let report = audit_input(&input);
    // The server's certificate comes from the included snippet, with its file and line.
    let cert = report.servers[0].certificates[0]
        .certificate
        .as_ref()
        .unwrap();
    assert_eq!((cert.file.as_str(), cert.line), ("snippets/cert.conf", 1));
    assert!(report.servers[0].certificates[0].report.is_some());
    let f = find(&report, "config_file_unreadable");
    assert_eq!(f.len(), 1);
    assert!(f[0].message.contains("Permission denied"));

    // A file that includes itself stops at the include limit with a finding.
    let mut input = AuditInput {
        configs: vec![Input::new(
            "loop.conf",
            "include loop.conf;\nserver { listen 443 ssl; }\n",
        )],
        ..AuditInput::default()
    };
    input.includes.insert(
        "loop.conf".into(),
        Included::Files(vec![IncludedFile::read("loop.conf")]),
    );
    let report = audit_input(&input);
    assert!(
        codes(&report).contains(&"config_limit"),
        "{:#?}",
        report.findings
    );
}

#[test]
fn syntax_errors_name_file_and_line_and_the_rest_is_read() {
    let text = "server {\n  listen 443 ssl;\n  ssl_certificate c.pem\n}\n}\nserver {\n listen 443 ssl;\n ssl_protocols \"TLSv1.2;\n";
    let report = audit_text(text, &[]);
    let syntax = find(&report, "config_syntax");
    let lines: Vec<_> = syntax
        .iter()
        .map(|f| f.location.as_ref().unwrap().line.unwrap())
        .collect();
    // Missing `;` on line 3, the stray `}` on line 5, the unterminated quote on line 8, the
    // second block never closed (line 6).
    for line in [3, 5, 6, 8] {
        assert!(
            lines.contains(&line),
            "no syntax finding on line {line}: {syntax:#?}"
        );
    }
    assert!(syntax
        .iter()
        .any(|f| f.message.contains("quote opened on line 8")));
    assert_eq!(report.servers.len(), 2);

    let apache = "<VirtualHost *:443>\nSSLEngine on\n<IfModule x>\n</VirtualHost>\n";
    let report = audit_text(apache, &[]);
    let f = find(&report, "config_syntax");
    assert!(
        f.iter().any(|f| f.message.contains("</VirtualHost>")),
        "{f:#?}"
    );
    assert!(f[0].fix.as_ref().unwrap().contains("apachectl configtest"));
}

// ---- hostile input --------------------------------------------------------------------------

fn quick(label: &str, config: Vec<u8>) -> ConfigReport {
    let start = Instant::now();
    let input = AuditInput {
        configs: vec![Input::new("hostile.conf", config)],
        ..AuditInput::default()
    };
    let report = audit(&input, &options());
    let second = audit(&input, &options());
    assert_eq!(
        serde_json::to_string(&report).unwrap(),
        serde_json::to_string(&second).unwrap(),
        "{label}: not deterministic"
    );
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "{label}: {:?}",
        start.elapsed()
    );
    let _ = certlens::server_config::render_config_text(
        &report,
        Default::default(),
        &Catalogue::english(),
    );
    report
}

#[test]
fn hostile_configurations_are_bounded() {
    let deep = format!("http {{ {} }}", "server { ".repeat(100_000));
    let report = quick("deep nginx", deep.into_bytes());
    assert!(codes(&report).contains(&"config_limit"));
    let report = quick("deep apache", "<IfModule a>\n".repeat(100_000).into_bytes());
    assert!(codes(&report).contains(&"config_limit") || report.dialect.is_none());
    let report = quick(
        "unbalanced",
        "}}}}; server { listen 443 ssl; {{{{ ;;".into(),
    );
    assert!(codes(&report).contains(&"config_syntax"));

    let many: String = (0..10_000)
        .map(|i| format!("server {{ listen 443 ssl; server_name s{i}.example.com; ssl_certificate c.pem; ssl_certificate_key k.pem; }}\n"))
        .collect();
    let report = quick("10,000 servers", many.into_bytes());
    assert_eq!(report.servers.len(), certlens::server_config::MAX_SERVERS);
    assert!(codes(&report).contains(&"config_limit"));

    let huge = format!(
        "server {{ server_name {}; listen 443 ssl; }}",
        "a".repeat(20_000_000)
    );
    quick("huge line", huge.into_bytes());
    quick("many words", "a ".repeat(2_000_000).into_bytes());
    quick("random", fixture("random.bin"));
    quick(
        "quote",
        "server { ssl_certificate \"".repeat(1000).into_bytes(),
    );
    quick(
        "apache continuation",
        "SSLEngine on \\\n".repeat(100_000).into_bytes(),
    );
}

// ---- texts --------------------------------------------------------------------------------

#[test]
fn every_config_finding_renders_in_every_language() {
    let mut inputs: Vec<AuditInput> = [
        "nginx.conf",
        "apache.conf",
        "swapped.conf",
        "missing-file.conf",
        "plain-http.conf",
    ]
    .iter()
    .map(|f| config_input(f))
    .collect();
    inputs.push(AuditInput {
        configs: vec![Input::new(
            "x.conf",
            "server { listen 443 ssl; ssl_protocols TLSv9; ssl_certificate $x; include a; }\n}",
        )],
        files: BTreeMap::new(),
        current_user: None,
        ..AuditInput::default()
    });
    inputs.push(AuditInput {
        configs: vec![Input::new("random.bin", fixture("random.bin"))],
        ..AuditInput::default()
    });
    let mut seen = std::collections::BTreeSet::new();
    for lang in LANGUAGES {
        let options = Options {
            trust: vec![input("root.pem")],
            catalogue: Catalogue::builtin(lang).unwrap(),
            ..options()
        };
        for input in &inputs {
            let report = audit(input, &options);
            assert_eq!(report.lang, *lang);
            for f in &report.findings {
                seen.insert(f.code);
                for text in std::iter::once(&f.message).chain(f.fix.as_ref()) {
                    assert!(!text.is_empty());
                    let unfilled = text.match_indices('{').any(|(at, _)| {
                        let rest = &text[at + 1..];
                        let name: String = rest
                            .chars()
                            .take_while(|c| c.is_ascii_lowercase() || *c == '_' || *c == '.')
                            .collect();
                        !name.is_empty() && rest[name.len()..].starts_with('}')
                    });
                    assert!(!unfilled, "{lang} {}: {text}", f.code);
                }
            }
            let text = certlens::server_config::render_config_text(
                &report,
                Default::default(),
                &options.catalogue,
            );
            assert!(!text.contains("{cli."), "{lang}: {text}");
        }
    }
    assert!(seen.len() >= 10, "{seen:?}");
}
