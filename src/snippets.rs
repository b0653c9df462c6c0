//! Ready-to-paste TLS configuration for nginx, Apache and HAProxy, using the user's file
//! names: what the page offers next to the corrected fullchain.
//!
//! File names come from whatever the user dropped, so they are made safe for every
//! consumer of the snippet: control characters (a line break would end the directive)
//! and `$` and `\` (variables and escapes that none of the three servers can quote
//! reliably) become `_`; names with spaces, quotes or other special characters are
//! double-quoted with `"` escaped, and shell commands single-quote them. Host names are
//! parsed like the ones checked (IDN to punycode); unusable ones are left out.

use serde::Serialize;

use crate::i18n::Catalogue;
use crate::subject_name::Host;

/// Where a bare certificate file name is installed (Debian's convention, which both nginx
/// and Apache packages use).
const CERT_DIR: &str = "/etc/ssl/certs/";
/// Where a bare private key file name is installed (readable by root only).
const KEY_DIR: &str = "/etc/ssl/private/";
const HAPROXY_DIR: &str = "/etc/haproxy/certs/";

/// The configuration snippets, one per server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Snippets {
    pub nginx: String,
    pub apache: String,
    pub haproxy: String,
}

/// Snippets serving `certificate` (the full chain, leaf first) with `key` for `hosts`, their
/// comments in the catalogue's language. Empty names default to `fullchain.pem` and
/// `privkey.pem`; absolute paths are kept, bare names are placed in `/etc/ssl/certs/` and
/// `/etc/ssl/private/`.
pub fn snippets(certificate: &str, key: &str, hosts: &[String], catalogue: &Catalogue) -> Snippets {
    let cert = install_path(CERT_DIR, certificate, "fullchain.pem");
    let key = install_path(KEY_DIR, key, "privkey.pem");
    let hosts = server_names(hosts);
    let comment = |key: &str, indent: &str| -> String {
        let text = catalogue.render(key, &[]);
        // A line break in a translation must not end the comment.
        text.lines()
            .map(|line| format!("{indent}# {line}\n"))
            .collect()
    };
    let hint = catalogue.render("snippet.add_host_names", &[]);
    Snippets {
        nginx: nginx(
            &cert,
            &key,
            &hosts,
            &hint,
            &comment("snippet.nginx.fullchain", "    "),
        ),
        apache: apache(
            &cert,
            &key,
            &hosts,
            &hint,
            &comment("snippet.apache.fullchain", "    "),
        ),
        haproxy: haproxy(
            &cert,
            &key,
            &hosts,
            &comment("snippet.haproxy.combined", ""),
        ),
    }
}

fn nginx(cert: &str, key: &str, hosts: &[String], hint: &str, fullchain: &str) -> String {
    let names = if hosts.is_empty() {
        format!("    # server_name www.example.com;  ({hint})\n")
    } else {
        format!("    server_name {};\n", hosts.join(" "))
    };
    format!(
        "server {{\n    listen 443 ssl;\n{names}\n{fullchain}\
         \x20   ssl_certificate {};\n    ssl_certificate_key {};\n}}\n",
        config_word(cert),
        config_word(key)
    )
}

fn apache(cert: &str, key: &str, hosts: &[String], hint: &str, fullchain: &str) -> String {
    let names = match hosts.split_first() {
        None => format!("    # ServerName www.example.com  ({hint})\n"),
        Some((first, [])) => format!("    ServerName {first}\n"),
        Some((first, rest)) => {
            format!(
                "    ServerName {first}\n    ServerAlias {}\n",
                rest.join(" ")
            )
        }
    };
    format!(
        "<VirtualHost *:443>\n{names}\n    SSLEngine on\n{fullchain}\
         \x20   SSLCertificateFile {}\n    SSLCertificateKeyFile {}\n</VirtualHost>\n",
        config_word(cert),
        config_word(key)
    )
}

fn haproxy(cert: &str, key: &str, hosts: &[String], combined_comment: &str) -> String {
    // One file per certificate, named after the first host (HAProxy picks it by SNI).
    let stem = match hosts.first() {
        Some(host) => host.replace('*', "wildcard"),
        None => file_stem(cert).to_string(),
    };
    let combined = format!("{HAPROXY_DIR}{stem}.pem");
    format!(
        "{combined_comment}\
         #   (umask 077; cat {} {} > {})\n\
         frontend https\n    mode http\n    bind :443 ssl crt {}\n\
         \x20   # default_backend <your backend>\n",
        shell_word(cert),
        shell_word(key),
        shell_word(&combined),
        config_word(&combined)
    )
}

/// The path a file is installed at: `name` made safe, under `dir` unless absolute.
fn install_path(dir: &str, name: &str, default: &str) -> String {
    let name: String = name
        .trim()
        .chars()
        .map(|c| match c {
            '$' | '\\' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    match name.as_str() {
        "" => format!("{dir}{default}"),
        _ if name.starts_with('/') => name,
        _ => format!("{dir}{name}"),
    }
}

/// The last path component without its extension (`/a/fullchain.pem` → `fullchain`).
fn file_stem(path: &str) -> &str {
    let base = path.rsplit('/').next().unwrap_or(path);
    match base.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => base,
    }
}

/// Usable host names, normalised as in the checks, in order, without duplicates;
/// a leading `*.` wildcard is kept (servers accept it in their name lists).
fn server_names(hosts: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for host in hosts {
        let text = host.trim();
        let (wildcard, rest) = match text.strip_prefix("*.") {
            Some(rest) => ("*.", rest),
            None => ("", text),
        };
        let name = match Host::parse(rest) {
            Ok(Host::Dns(name)) => format!("{wildcard}{name}"),
            Ok(Host::Ip(std::net::IpAddr::V6(ip))) if wildcard.is_empty() => format!("[{ip}]"),
            Ok(Host::Ip(ip)) if wildcard.is_empty() => ip.to_string(),
            _ => continue,
        };
        if !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// One argument of an nginx, Apache or HAProxy directive: bare when plain, else
/// double-quoted with `"` escaped (all three read `\"` inside double quotes; `$` and `\`
/// never get here).
fn config_word(text: &str) -> String {
    let plain = text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "._-/+@%,:=".contains(c));
    if plain {
        text.to_string()
    } else {
        format!("\"{}\"", text.replace('"', "\\\""))
    }
}

/// A POSIX shell word: bare when plain, else single-quoted.
fn shell_word(text: &str) -> String {
    let plain = text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "._-/+@%,:=".contains(c));
    if plain {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snippets(certificate: &str, key: &str, hosts: &[String]) -> Snippets {
        super::snippets(certificate, key, hosts, &Catalogue::english())
    }

    #[test]
    fn comments_follow_the_language_and_stay_comments() {
        let texts = [
            ("snippet.apache.fullchain", "第一行\n第二行"),
            ("snippet.add_host_names", "添加主机名"),
        ];
        let catalogue = Catalogue::from_texts(
            texts
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        );
        let s = super::snippets("c.pem", "k.pem", &[], &catalogue);
        assert!(
            s.apache.contains("    # 第一行\n    # 第二行\n"),
            "{}",
            s.apache
        );
        assert!(s.nginx.contains("(添加主机名)"), "{}", s.nginx);
        // Keys the catalogue lacks are English.
        assert!(s.nginx.contains("# The full chain"), "{}", s.nginx);
    }

    fn hosts(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn nginx_uses_the_full_chain_key_and_hosts() {
        let s = snippets(
            "fullchain.pem",
            "privkey.pem",
            &hosts(&["www.example.com", "example.com"]),
        );
        assert_eq!(
            s.nginx,
            "server {\n    listen 443 ssl;\n    \
             server_name www.example.com example.com;\n\n    \
             # The full chain: the server certificate first, then the intermediates.\n    \
             ssl_certificate /etc/ssl/certs/fullchain.pem;\n    \
             ssl_certificate_key /etc/ssl/private/privkey.pem;\n}\n"
        );
    }

    #[test]
    fn apache_names_the_first_host_and_aliases_the_rest() {
        let s = snippets(
            "fullchain.pem",
            "privkey.pem",
            &hosts(&["www.example.com", "example.com", "*.example.com"]),
        );
        assert!(s.apache.starts_with("<VirtualHost *:443>\n"));
        assert!(s.apache.contains("    ServerName www.example.com\n"));
        assert!(s
            .apache
            .contains("    ServerAlias example.com *.example.com\n"));
        assert!(s
            .apache
            .contains("    SSLCertificateFile /etc/ssl/certs/fullchain.pem\n"));
        assert!(s
            .apache
            .contains("    SSLCertificateKeyFile /etc/ssl/private/privkey.pem\n"));
        assert!(s.apache.contains("2.4.8"));
        assert!(s.apache.ends_with("</VirtualHost>\n"));
        let one = snippets("c.pem", "k.pem", &hosts(&["example.com"]));
        assert!(one.apache.contains("    ServerName example.com\n"));
        assert!(!one.apache.contains("ServerAlias"));
    }

    #[test]
    fn haproxy_concatenates_chain_and_key_into_one_file() {
        let s = snippets(
            "fullchain.pem",
            "privkey.pem",
            &hosts(&["*.example.com", "example.com"]),
        );
        assert_eq!(
            s.haproxy,
            "# HAProxy wants the full chain and the private key concatenated in one file:\n\
             #   (umask 077; cat /etc/ssl/certs/fullchain.pem /etc/ssl/private/privkey.pem > \
             /etc/haproxy/certs/wildcard.example.com.pem)\n\
             frontend https\n    mode http\n    \
             bind :443 ssl crt /etc/haproxy/certs/wildcard.example.com.pem\n    \
             # default_backend <your backend>\n"
        );
        // Without hosts the combined file is named after the certificate file.
        let bare = snippets("/srv/tls/site.crt", "site.key", &[]);
        assert!(bare.haproxy.contains(
            "cat /srv/tls/site.crt /etc/ssl/private/site.key > /etc/haproxy/certs/site.pem"
        ));
    }

    #[test]
    fn without_hosts_the_name_lines_are_placeholders() {
        let s = snippets("", "  ", &[]);
        assert!(s.nginx.contains("    # server_name www.example.com;"));
        assert!(s
            .nginx
            .contains("ssl_certificate /etc/ssl/certs/fullchain.pem;"));
        assert!(s
            .nginx
            .contains("ssl_certificate_key /etc/ssl/private/privkey.pem;"));
        assert!(s.apache.contains("    # ServerName www.example.com"));
        assert!(s.haproxy.contains("crt /etc/haproxy/certs/fullchain.pem\n"));
    }

    #[test]
    fn names_with_spaces_and_quotes_are_quoted() {
        let s = snippets("my \"site\" chain.pem", "it's; key {x}.pem", &[]);
        assert!(s
            .nginx
            .contains("ssl_certificate \"/etc/ssl/certs/my \\\"site\\\" chain.pem\";\n"));
        assert!(s
            .nginx
            .contains("ssl_certificate_key \"/etc/ssl/private/it's; key {x}.pem\";\n"));
        assert!(s
            .apache
            .contains("SSLCertificateFile \"/etc/ssl/certs/my \\\"site\\\" chain.pem\"\n"));
        assert!(s.haproxy.contains(
            "cat '/etc/ssl/certs/my \"site\" chain.pem' '/etc/ssl/private/it'\\''s; key {x}.pem' > "
        ));
        assert!(s
            .haproxy
            .contains("crt \"/etc/haproxy/certs/my \\\"site\\\" chain.pem\"\n"));
    }

    #[test]
    fn control_characters_variables_and_backslashes_are_replaced() {
        let s = snippets("a\nb\r\u{1b}[2J$HOME\\.pem", "k\u{0}.pem", &[]);
        for text in [&s.nginx, &s.apache, &s.haproxy] {
            assert!(!text.contains(['\r', '\u{1b}', '\0', '$', '\\']), "{text}");
        }
        assert!(s.nginx.contains("/etc/ssl/certs/a_b__[2J_HOME_.pem"));
        assert!(s.nginx.contains("/etc/ssl/private/k_.pem"));
        // Each directive is still on its own line.
        assert_eq!(
            s.nginx
                .lines()
                .filter(|l| l.contains("ssl_certificate"))
                .count(),
            2
        );
    }

    #[test]
    fn hosts_are_normalised_and_bad_ones_left_out() {
        let s = snippets(
            "c.pem",
            "k.pem",
            &hosts(&[
                " WWW.Example.COM. ",
                "bücher.example",
                "www.example.com",
                "192.0.2.1",
                "2001:db8::1",
                "https://x.example/",
                "a b",
                "evil.example;\n}",
                "*.*.example.com",
                "",
            ]),
        );
        assert!(s.nginx.contains(
            "    server_name www.example.com xn--bcher-kva.example 192.0.2.1 [2001:db8::1];\n"
        ));
    }

    #[test]
    fn quoting_helpers() {
        assert_eq!(config_word("/etc/ssl/a.pem"), "/etc/ssl/a.pem");
        assert_eq!(config_word("/a b#c"), "\"/a b#c\"");
        assert_eq!(shell_word("/a b"), "'/a b'");
        assert_eq!(shell_word("it's"), "'it'\\''s'");
        assert_eq!(file_stem("/x/y/fullchain.pem"), "fullchain");
        assert_eq!(file_stem(".pem"), ".pem");
        assert_eq!(file_stem("cert"), "cert");
    }
}
