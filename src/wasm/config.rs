//! The server configuration audit in the browser (tools module): `configReferences` lists what
//! a pasted nginx or Apache configuration holds and the files it names, `auditConfig` audits
//! it with the files the user gave (the same `ConfigReport` as `certlens config --format json`).
//!
//! The page cannot read the server's disk: includes are followed only into the other given
//! configurations (by path or base name), there is no owner or mode to check, and a file the
//! configuration names is the given file of that path, else the one of that base name (users
//! drop `fullchain.pem` where the configuration says
//! `/etc/letsencrypt/live/example.com/fullchain.pem`); the others are reported as not given.

use std::collections::BTreeMap;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::{object_or_empty, read_catalogue, read_inputs, read_options, to_js};
use crate::server_config::{
    audit, glob_match, outline, AuditInput, ConfigFile, Dialect, FileContent, Included,
    IncludedFile, Role, ServerOutline,
};
use crate::Input;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** `configReferences`: a configuration before its files are read. */
export interface ConfigOutline {
  /** Detected from the first configuration; null when it is neither nginx nor Apache. */
  dialect: "nginx" | "apache" | null;
  /** Every server block or virtual host, TLS or not, in configuration order. */
  servers: ConfigServerOutline[];
  /** The certificate, key and chain files the TLS servers name, each once. */
  files: ConfigFileReference[];
  /** Syntax problems and limits (the audit reports them as findings too). */
  problems: ConfigProblem[];
}

export interface ConfigServerOutline {
  file: string;
  line: number;
  names: string[];
  listen: string[];
  /** Whether it serves TLS (only those are audited). */
  tls: boolean;
}

export interface ConfigFileReference {
  /** As written in the configuration. */
  path: string;
  /** Its base name, which a given file may be named by. */
  name: string;
  roles: Array<"certificate" | "key" | "chain">;
  /** The first directive naming it, as a configuration line, and where it is. */
  directive: string;
  file: string;
  line: number;
}

export interface ConfigProblem {
  file: string;
  line: number;
  /** A limit of certlens rather than a syntax error. */
  limit: boolean;
  /** What is wrong, in the language of `texts`. */
  reason: string;
}

/** `auditConfig`'s result (schema/config-report.schema.json, "certlens.config-report/1"). */
export interface ConfigReport {
  schema: "certlens.config-report/1";
  version: string;
  lang: string;
  checked_at: string;
  verdict: "ok" | "problems";
  summary: Summary;
  dialect: "nginx" | "apache" | null;
  files: string[];
  servers: ServerAudit[];
  /** The configuration's own findings (check "config"), errors first. */
  findings: Finding[];
}

export interface ServerAudit {
  dialect: "nginx" | "apache";
  file: string;
  line: number;
  names: string[];
  /** The names checked as hosts. */
  hosts: string[];
  listen: string[];
  certificates: CertificateAudit[];
  protocols: Array<"SSLv2" | "SSLv3" | "TLSv1" | "TLSv1.1" | "TLSv1.2" | "TLSv1.3"> | null;
  ciphers: string | null;
}

export interface CertificateAudit {
  certificate: FileRef | null;
  key: FileRef | null;
  chain: FileRef | null;
  /** Every check on these files with the server's names as hosts; null when the
   *  certificate file was not given. */
  report: Report | null;
}

export interface FileRef {
  path: string;
  file: string;
  line: number;
}
"#;

#[derive(Serialize)]
struct References {
    dialect: Option<Dialect>,
    servers: Vec<ServerOutline>,
    files: Vec<FileReference>,
    problems: Vec<ProblemText>,
}

#[derive(Serialize)]
struct FileReference {
    path: String,
    name: String,
    roles: Vec<Role>,
    directive: String,
    file: String,
    line: usize,
}

#[derive(Serialize)]
struct ProblemText {
    file: String,
    line: usize,
    limit: bool,
    reason: String,
}

/// What the configurations (the main one first) hold: dialect, servers, the files they name
/// and syntax problems. Throws an `Error` on bad arguments only.
#[wasm_bindgen(js_name = configReferences, unchecked_return_type = "ConfigOutline")]
pub fn config_references(
    #[wasm_bindgen(unchecked_param_type = "CertlensInput[]")] configs: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "TextOptions")] options: JsValue,
) -> Result<JsValue, JsError> {
    let configs = read_inputs(&configs, "configs")?;
    let options = object_or_empty(&options, "options")?;
    let catalogue = read_catalogue(&options, "options")?;
    let mut result = References {
        dialect: None,
        servers: Vec::new(),
        files: Vec::new(),
        problems: Vec::new(),
    };
    if let Some((parsed, includes)) = read_configs(&configs) {
        if let Some(outline) = outline(&parsed, &includes) {
            result.dialect = Some(outline.dialect);
            result.servers = outline.servers;
            result.files = outline
                .references
                .into_iter()
                .map(|r| FileReference {
                    name: base_name(&r.path).to_string(),
                    path: r.path,
                    roles: r.roles,
                    directive: r.directive,
                    file: r.file,
                    line: r.line,
                })
                .collect();
            result.problems = outline
                .problems
                .into_iter()
                .map(|p| ProblemText {
                    reason: catalogue.render(p.phrase, &p.params),
                    file: p.file,
                    line: p.line,
                    limit: p.limit,
                })
                .collect();
        }
    }
    to_js(&result)
}

/// Audits the configurations (the main one first) with the given certificate, key and chain
/// files, each named by the path the configuration writes or by its base name. `options` as
/// for `inspect`, except `hosts`: each server's names are its hosts. Throws an `Error` on bad
/// arguments only.
#[wasm_bindgen(js_name = auditConfig, unchecked_return_type = "ConfigReport")]
pub fn audit_config(
    #[wasm_bindgen(unchecked_param_type = "CertlensInput[]")] configs: JsValue,
    #[wasm_bindgen(unchecked_param_type = "CertlensInput[]")] files: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CertlensOptions")] options: JsValue,
) -> Result<JsValue, JsError> {
    let configs = read_inputs(&configs, "configs")?;
    let files = read_inputs(&files, "files")?;
    let options = read_options(&options)?;
    let mut input = AuditInput::default();
    if let Some((parsed, includes)) = read_configs(&configs) {
        let references = outline(&parsed, &includes)
            .map(|o| o.references)
            .unwrap_or_default();
        for reference in references {
            let given = files.iter().find(|f| f.name == reference.path).or_else(|| {
                let name = base_name(&reference.path);
                files.iter().find(|f| base_name(&f.name) == name)
            });
            if let Some(file) = given {
                let content = FileContent::Data {
                    bytes: file.data.clone(),
                    meta: None,
                };
                input.files.insert(reference.path, content);
            }
        }
        input.dialect = parsed.first().map(|c| c.dialect);
        input.includes = includes;
    }
    input.configs = configs;
    to_js(&audit(&input, &options))
}

/// The configurations read in the main one's dialect, with each include resolved to the other
/// given configurations it names; `None` when the main one is neither nginx nor Apache.
fn read_configs(configs: &[Input]) -> Option<(Vec<ConfigFile>, BTreeMap<String, Included>)> {
    let dialect = Dialect::detect(&String::from_utf8_lossy(&configs.first()?.data))?;
    let parsed: Vec<ConfigFile> = configs
        .iter()
        .map(|c| ConfigFile::parse(&c.name, &c.data, dialect))
        .collect();
    let mut includes = BTreeMap::new();
    for include in parsed.iter().flat_map(ConfigFile::includes) {
        let pattern = include.arg();
        if includes.contains_key(pattern) {
            continue;
        }
        let mut names: Vec<String> = parsed
            .iter()
            .skip(1)
            .filter(|c| c.name == pattern || glob_match(base_name(pattern), base_name(&c.name)))
            .map(|c| c.name.clone())
            .collect();
        // Not among the given files: the audit says the include was not followed.
        if !names.is_empty() {
            names.sort();
            includes.insert(
                pattern.to_string(),
                Included::Files(names.into_iter().map(IncludedFile::read).collect()),
            );
        }
    }
    Some((parsed, includes))
}

/// The last component of a path, `/` or `\` separated.
fn base_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}
