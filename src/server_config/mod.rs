//! Server configurations: reads nginx and Apache httpd configuration files into directives
//! (each with its file and line), finds the servers that serve TLS, and audits them
//! ([`audit`]): every check of [`crate::inspect`] on each server's certificate, chain and key
//! files with the server's names as hosts, plus the configuration's own problems (old
//! protocols, weak ciphers, a leaf-only certificate file, certificate and key swapped,
//! unreadable files, permissions).
//!
//! Like the rest of the core it does no I/O: the front end reads the configuration files,
//! resolves their includes ([`ConfigFile::includes`]) and reads the files the servers name
//! ([`referenced_paths`]), then passes the bytes (or why they could not be read).
//!
//! The readers are small tokenizers, not the servers' own parsers. They know the syntax
//! (nginx: words, quotes with `\` escapes, `#` comments, `{ } ;` blocks; Apache: lines, `\`
//! continuations, `#` comments, `<Section>` nesting) and the directives the audit needs;
//! every other directive is kept by name and ignored. Conditional sections (`<IfModule>`,
//! `<IfDefine>`, `<IfVersion>`) are read as if their condition held. Hostile input is
//! bounded: see the `MAX_*` limits. A part that cannot be read becomes a problem naming its
//! file and line, and the rest is still read.

mod apache;
mod audit;
mod includes;
mod nginx;
mod tls;

use std::collections::BTreeMap;

use serde::Serialize;

pub use audit::{
    audit, render_config_text, AuditInput, CertificateAudit, ConfigReport, FileContent, FileMeta,
    FileRef, ServerAudit, CONFIG_SCHEMA,
};
pub use includes::{follow_includes, ConfigSource, MAX_CONFIG_BYTES};
pub use tls::{apache_protocols, weak_ciphers, Protocol, WeakCipher};

/// Blocks and sections nested deeper than this are skipped (real configurations nest 3-4).
pub const MAX_DEPTH: usize = 32;
/// Words read across all configuration files of one audit; past it the rest is not read.
pub const MAX_WORDS: usize = 1_000_000;
/// TLS servers audited (each one is an inspection); past it the rest are listed, not audited.
pub const MAX_SERVERS: usize = 256;
/// Configuration files included, across all includes.
pub const MAX_INCLUDED_FILES: usize = 256;
/// Includes within includes.
pub const MAX_INCLUDE_DEPTH: usize = 16;
/// Names per server given to the host check.
pub const MAX_NAMES: usize = 64;

/// Which server the configuration is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dialect {
    Nginx,
    Apache,
}

impl Dialect {
    /// Guesses the dialect from the text: Apache's `<VirtualHost>` sections and directive
    /// names against nginx's `{ }` blocks, `;` line ends and directive names. `None` when
    /// nothing in the text looks like either.
    pub fn detect(text: &str) -> Option<Dialect> {
        let (mut nginx, mut apache) = (0usize, 0usize);
        for line in text.lines().take(20_000) {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let lower = line.to_ascii_lowercase();
            let first = lower.split_whitespace().next().unwrap_or("");
            if lower.starts_with("<virtualhost")
                || lower.starts_with("<ifmodule")
                || lower.starts_with("</")
            {
                apache += 3;
            }
            if matches!(
                first,
                "sslengine"
                    | "sslcertificatefile"
                    | "sslcertificatekeyfile"
                    | "sslcertificatechainfile"
                    | "sslprotocol"
                    | "sslciphersuite"
                    | "servername"
                    | "serveralias"
                    | "documentroot"
                    | "loadmodule"
                    | "includeoptional"
                    | "serverroot"
            ) && !line.ends_with(';')
            {
                apache += 2;
            }
            if line.ends_with('{') || line.ends_with(';') || line == "}" {
                nginx += 1;
            }
            if matches!(
                first,
                "server" | "http" | "stream" | "events" | "location" | "upstream"
            ) && line.contains('{')
            {
                nginx += 3;
            }
            if first.starts_with("ssl_") || first == "server_name" || first == "listen" {
                nginx += 1;
            }
        }
        match (nginx, apache) {
            (0, 0) => None,
            (n, a) if a > n => Some(Dialect::Apache),
            _ => Some(Dialect::Nginx),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Dialect::Nginx => "nginx",
            Dialect::Apache => "apache",
        }
    }
}

/// One directive as written, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    /// As written (Apache's names are case-insensitive: compare with [`Directive::is`]).
    pub name: String,
    pub args: Vec<String>,
    pub file: String,
    /// One-based.
    pub line: usize,
    /// An nginx block (`server { … }`) or an Apache section (`<VirtualHost *:443> …`).
    pub children: Option<Vec<Directive>>,
}

impl Directive {
    /// Compares the name ASCII-case-insensitively (nginx names are lowercase anyway).
    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }

    /// The first argument, or "".
    pub fn arg(&self) -> &str {
        self.args.first().map(String::as_str).unwrap_or("")
    }
}

/// Something the reader could not read or stopped at; becomes a `config_syntax` or
/// `config_limit` finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    /// `true` for a limit certlens imposes, `false` for a syntax error.
    pub limit: bool,
    /// A `phrase.config.*` catalogue key.
    pub phrase: &'static str,
    /// Values the phrase names (`name`, `limit`, `opened`).
    pub params: Vec<(&'static str, crate::finding::Arg)>,
}

impl Problem {
    fn syntax(file: &str, line: usize, phrase: &'static str) -> Problem {
        Problem {
            file: file.to_string(),
            line,
            limit: false,
            phrase,
            params: Vec::new(),
        }
    }
    fn limit(file: &str, line: usize, phrase: &'static str, limit: usize) -> Problem {
        Problem {
            file: file.to_string(),
            line,
            limit: true,
            phrase,
            params: vec![("limit", limit.into())],
        }
    }
    fn param(mut self, name: &'static str, value: impl Into<crate::finding::Arg>) -> Problem {
        self.params.push((name, value.into()));
        self
    }
}

/// One configuration file, read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigFile {
    pub name: String,
    pub dialect: Dialect,
    pub directives: Vec<Directive>,
    pub problems: Vec<Problem>,
}

/// Counts words across the files of one audit (see [`MAX_WORDS`]).
#[derive(Debug)]
pub(crate) struct Budget {
    pub words: usize,
}

impl ConfigFile {
    /// Reads one file in the given dialect. Never fails: what cannot be read becomes a
    /// [`Problem`] and the rest is still read.
    pub fn parse(name: &str, data: &[u8], dialect: Dialect) -> ConfigFile {
        let mut budget = Budget { words: MAX_WORDS };
        ConfigFile::parse_with(name, data, dialect, &mut budget)
    }

    pub(crate) fn parse_with(
        name: &str,
        data: &[u8],
        dialect: Dialect,
        budget: &mut Budget,
    ) -> ConfigFile {
        let text = String::from_utf8_lossy(data);
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let (directives, problems) = match dialect {
            Dialect::Nginx => nginx::parse(name, text, budget),
            Dialect::Apache => apache::parse(name, text, budget),
        };
        ConfigFile {
            name: name.to_string(),
            dialect,
            directives,
            problems,
        }
    }

    /// The include directives (nginx `include`, Apache `Include`/`IncludeOptional`) at any
    /// depth, as written: the front end resolves them (globs, relative paths) and passes
    /// what they name as [`AuditInput::includes`].
    pub fn includes(&self) -> Vec<&Directive> {
        let mut out = Vec::new();
        collect_includes(&self.directives, self.dialect, &mut out);
        out
    }

    /// The `ServerRoot` of an Apache configuration (relative paths are relative to it).
    pub fn server_root(&self) -> Option<String> {
        self.directives
            .iter()
            .rfind(|d| d.is("ServerRoot"))
            .map(|d| d.arg().to_string())
    }
}

fn collect_includes<'a>(
    directives: &'a [Directive],
    dialect: Dialect,
    out: &mut Vec<&'a Directive>,
) {
    for directive in directives {
        if is_include(directive, dialect) {
            out.push(directive);
        }
        if let Some(children) = &directive.children {
            collect_includes(children, dialect, out);
        }
    }
}

pub(crate) fn is_include(directive: &Directive, dialect: Dialect) -> bool {
    directive.children.is_none()
        && match dialect {
            Dialect::Nginx => directive.name == "include",
            Dialect::Apache => directive.is("Include") || directive.is("IncludeOptional"),
        }
}

/// What an include pattern resolved to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Included {
    /// The configuration files it matched, in the order the server reads them (sorted, as
    /// both servers' globs are).
    Files(Vec<IncludedFile>),
    /// Why it could not be read (a missing file that is not a glob, permission denied).
    Unreadable(String),
}

/// One file an include matched: among [`AuditInput::configs`] by its name, or not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IncludedFile {
    pub name: String,
    /// Why it was not read (permission denied, not a regular file, a limit): the server
    /// would read it, so the audit cannot say the configuration has no errors.
    pub unreadable: Option<String>,
}

impl IncludedFile {
    pub fn read(name: impl Into<String>) -> IncludedFile {
        IncludedFile {
            name: name.into(),
            unreadable: None,
        }
    }
}

/// The configuration with includes replaced by the directives of the files they name.
pub(crate) struct Expanded {
    pub dialect: Dialect,
    pub directives: Vec<Directive>,
    pub problems: Vec<Problem>,
    /// Includes the front end did not resolve (the page, given one pasted file).
    pub skipped: Vec<Directive>,
    /// Includes that could not be read: the directive, the file (or the pattern) and why.
    pub unreadable: Vec<(Directive, String, String)>,
    /// The configuration files read, in the order they were spliced in.
    pub files: Vec<String>,
}

pub(crate) fn expand(
    configs: &[ConfigFile],
    includes: &BTreeMap<String, Included>,
) -> Option<Expanded> {
    let main = configs.first()?;
    let mut expanded = Expanded {
        dialect: main.dialect,
        directives: Vec::new(),
        problems: Vec::new(),
        skipped: Vec::new(),
        unreadable: Vec::new(),
        files: vec![main.name.clone()],
    };
    for config in configs {
        expanded.problems.extend(config.problems.iter().cloned());
    }
    let by_name: BTreeMap<&str, &ConfigFile> =
        configs.iter().map(|c| (c.name.as_str(), c)).collect();
    let mut spliced = 0usize;
    let mut stack = vec![main.name.clone()];
    expanded.directives = splice(
        &main.directives,
        &by_name,
        includes,
        &mut stack,
        &mut spliced,
        &mut expanded,
    );
    Some(expanded)
}

fn splice(
    directives: &[Directive],
    configs: &BTreeMap<&str, &ConfigFile>,
    includes: &BTreeMap<String, Included>,
    stack: &mut Vec<String>,
    spliced: &mut usize,
    out: &mut Expanded,
) -> Vec<Directive> {
    let mut result = Vec::with_capacity(directives.len());
    for directive in directives {
        if !is_include(directive, out.dialect) {
            let mut copy = directive.clone();
            if let Some(children) = &directive.children {
                copy.children = Some(splice(children, configs, includes, stack, spliced, out));
            }
            result.push(copy);
            continue;
        }
        match includes.get(directive.arg()) {
            None => out.skipped.push(directive.clone()),
            Some(Included::Unreadable(reason)) => out.unreadable.push((
                directive.clone(),
                directive.arg().to_string(),
                reason.clone(),
            )),
            Some(Included::Files(files)) => {
                for file in files {
                    let name = &file.name;
                    if let Some(reason) = &file.unreadable {
                        out.unreadable
                            .push((directive.clone(), name.clone(), reason.clone()));
                        continue;
                    }
                    let Some(config) = configs.get(name.as_str()) else {
                        out.skipped.push(directive.clone());
                        continue;
                    };
                    if stack.len() > MAX_INCLUDE_DEPTH || stack.contains(name) {
                        out.problems.push(Problem::limit(
                            &directive.file,
                            directive.line,
                            "phrase.config.include_depth",
                            MAX_INCLUDE_DEPTH,
                        ));
                        continue;
                    }
                    if *spliced >= MAX_INCLUDED_FILES {
                        out.problems.push(Problem::limit(
                            &directive.file,
                            directive.line,
                            "phrase.config.too_many_includes",
                            MAX_INCLUDED_FILES,
                        ));
                        return result;
                    }
                    *spliced += 1;
                    if !out.files.contains(name) {
                        out.files.push(name.clone());
                    }
                    stack.push(name.clone());
                    let inner = splice(&config.directives, configs, includes, stack, spliced, out);
                    stack.pop();
                    result.extend(inner);
                }
            }
        }
    }
    result
}

/// The paths of the certificate, key and chain files the configuration names, as written
/// (the front end resolves relative ones), without duplicates; paths holding a variable
/// (`$ssl_server_name`, `${APACHE_DIR}`) are left out: no file can be read for them.
pub fn referenced_paths(
    configs: &[ConfigFile],
    includes: &BTreeMap<String, Included>,
) -> Vec<String> {
    outline(configs, includes)
        .map(|o| o.references.into_iter().map(|r| r.path).collect())
        .unwrap_or_default()
}

/// What a server uses a file for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Certificate,
    Key,
    /// Apache's `SSLCertificateChainFile`.
    Chain,
}

/// A certificate, key or chain file the TLS servers name, as in [`referenced_paths`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reference {
    pub path: String,
    /// Every use the servers make of it (one PEM file can be both certificate and key).
    pub roles: Vec<Role>,
    /// The first directive naming it, as a line of the configuration, and where it is.
    pub directive: String,
    pub file: String,
    pub line: usize,
}

/// A server as read, before any of its files is (TLS or not).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ServerOutline {
    pub file: String,
    pub line: usize,
    pub names: Vec<String>,
    pub listen: Vec<String>,
    pub tls: bool,
}

/// A configuration before its files are read: what a front end that cannot read them itself
/// (the page) asks the user for.
#[derive(Clone, Debug)]
pub struct Outline {
    pub dialect: Dialect,
    pub servers: Vec<ServerOutline>,
    pub references: Vec<Reference>,
    /// Syntax problems and limits, as the audit reports them.
    pub problems: Vec<Problem>,
}

/// The servers and the files they name; `None` without configurations.
pub fn outline(configs: &[ConfigFile], includes: &BTreeMap<String, Included>) -> Option<Outline> {
    let expanded = expand(configs, includes)?;
    let servers = audit::servers(&expanded);
    let mut references: Vec<Reference> = Vec::new();
    // Index by path: a hostile configuration can name thousands of files.
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for server in servers.iter().filter(|s| s.tls) {
        let uses = server
            .certificates
            .iter()
            .map(|d| (d, Role::Certificate))
            .chain(server.keys.iter().map(|d| (d, Role::Key)))
            .chain(server.chain.iter().map(|d| (d, Role::Chain)));
        for (directive, role) in uses {
            let path = directive.arg();
            if path.is_empty() || has_variable(path) {
                continue;
            }
            match seen.get(path).and_then(|&i| references.get_mut(i)) {
                Some(known) if !known.roles.contains(&role) => known.roles.push(role),
                Some(_) => {}
                None => {
                    seen.insert(path.to_string(), references.len());
                    references.push(Reference {
                        path: path.to_string(),
                        roles: vec![role],
                        directive: audit::written(directive, expanded.dialect),
                        file: directive.file.clone(),
                        line: directive.line,
                    });
                }
            }
        }
    }
    Some(Outline {
        dialect: expanded.dialect,
        servers: servers
            .into_iter()
            .map(|s| ServerOutline {
                file: s.file,
                line: s.line,
                names: s.names,
                listen: s.listen,
                tls: s.tls,
            })
            .collect(),
        references,
        problems: expanded.problems,
    })
}

/// A path the server fills in at run time (nginx `$var`, `data:$var`; Apache `${VAR}`).
pub(crate) fn has_variable(path: &str) -> bool {
    path.contains('$') || path.starts_with("data:")
}

/// Blocks or sections left open at the end of a file: each keeps what it holds and goes to
/// its parent, and `problem` says where it was opened.
fn close_unclosed(
    mut stack: Vec<(Directive, Vec<Directive>)>,
    top: &mut Vec<Directive>,
    problems: &mut Vec<Problem>,
    problem: impl Fn(&Directive) -> Problem,
) {
    while let Some((mut opener, children)) = stack.pop() {
        problems.push(problem(&opener));
        opener.children = Some(children);
        match stack.last_mut() {
            Some((_, parent)) => parent.push(opener),
            None => top.push(opener),
        }
    }
}

/// `*`, `?` and `[abc]`/`[a-z]`/`[!a]` in one path component, as `include` globs use them
/// (`sites-enabled/*.conf`): the CLI expands them on disk, the page among the given files.
pub fn glob_match(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    // Iterative matcher with one backtrack point for `*`.
    let (mut pi, mut ni) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ni < n.len() {
        let step = match p.get(pi) {
            Some('*') => {
                star = Some((pi, ni));
                pi += 1;
                continue;
            }
            Some('?') => Some(pi + 1),
            Some('[') => class_match(&p, pi, n[ni]),
            Some(&c) if c == n[ni] => Some(pi + 1),
            _ => None,
        };
        match (step, star) {
            (Some(next), _) => {
                pi = next;
                ni += 1;
            }
            (None, Some((sp, sn))) => {
                pi = sp + 1;
                ni = sn + 1;
                star = Some((sp, sn + 1));
            }
            (None, None) => return false,
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

/// Matches `c` against the class starting at `p[at] == '['`; the index after it if it does.
fn class_match(p: &[char], at: usize, c: char) -> Option<usize> {
    let mut i = at + 1;
    let negate = matches!(p.get(i), Some('!' | '^'));
    if negate {
        i += 1;
    }
    let mut matched = false;
    let mut first = true;
    while let Some(&x) = p.get(i) {
        if x == ']' && !first {
            return (matched != negate).then_some(i + 1);
        }
        first = false;
        if p.get(i + 1) == Some(&'-') && p.get(i + 2).is_some_and(|&e| e != ']') {
            if (x..=p[i + 2]).contains(&c) {
                matched = true;
            }
            i += 3;
        } else {
            if x == c {
                matched = true;
            }
            i += 1;
        }
    }
    // No closing bracket: a literal `[`.
    (c == '[').then_some(at + 1)
}

#[cfg(test)]
mod tests {
    use super::glob_match;

    #[test]
    fn globs() {
        assert!(glob_match("*.conf", "site.conf"));
        assert!(!glob_match("*.conf", "site.conf.bak"));
        assert!(glob_match("s?te.*", "site.conf"));
        assert!(glob_match("[a-c]*", "b.conf"));
        assert!(!glob_match("[!a-c]*", "b.conf"));
        assert!(glob_match("*", "anything"));
        assert!(glob_match("a*b*c", "aXXbYYc"));
        assert!(!glob_match("a*b*c", "aXXbYY"));
    }
}
