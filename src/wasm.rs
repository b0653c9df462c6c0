//! The JavaScript API of the browser build, made by wasm-bindgen (`--target web`,
//! `scripts/build-web.sh`):
//!
//! ```js
//! import init, { inspect, loadData, version, snippets, parse, verifyLink } from "./pkg/certlens.js";
//! await init();
//! // The root programs (needed for any trust verdict) and the public intermediates (for
//! // completing chains): data files, the same bytes for every user (www/data/, gzipped).
//! const inflate = async (url) => new Uint8Array(await new Response(
//!   (await fetch(url)).body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer());
//! loadData(await inflate("data/root-programs.der.gz"));
//! loadData(await inflate("data/public-intermediates.der.gz"));
//! const texts = await (await fetch("i18n/en.json")).json();
//! const report = inspect([{ name: "bundle.pem", data: bytesOrText }],
//!                        { hosts: ["www.example.com"], at: "2026-06-01T00:00:00Z", texts });
//! const objects = parse([{ name: "bundle.pem", data: bytesOrText }]); // fields only, no checks
//! const link = verifyLink(childPemOrDer, issuerPemOrDer, { texts }); // { verified, reason }
//! ```
//!
//! The texts of findings, host problems, snippet comments and link reasons come from
//! `texts`, a catalogue (`i18n/<lang>.json`, with English under it for keys a translation
//! lacks). This build carries none: the page downloads its catalogue anyway, and so each
//! text is downloaded once. Without `texts` a text shows as its key (`{finding.expired.message}`);
//! the npm package's `inspect` always passes one.
//!
//! `inspect` returns the CLI's JSON report as plain objects (the same field names, `null`
//! for absent values, optional fields left out); bad arguments throw an `Error` whose
//! message names the argument (`inputs[2].data must be ...`). Arguments are read with
//! `Reflect`, which turns a throwing getter into such an `Error` instead of an exception
//! passing through wasm frames.
//!
//! No input can panic: the core turns every problem into a finding. A panic would be a
//! bug, and it aborts (`panic = "abort"`): the instance traps with a
//! `WebAssembly.RuntimeError`, after `console_error_panic_hook` has logged the message,
//! and its memory can no longer be trusted. The page runs `inspect` in a Web Worker and
//! starts a fresh worker when a call fails that way.

use js_sys::{Array, ArrayBuffer, JsString, Uint8Array};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use std::cell::RefCell;
use std::sync::Arc;

use crate::public_intermediates::PublicIntermediates;
use crate::root_programs::RootPrograms;
use crate::{Catalogue, Data, Family, Input, Options};

// The tools module (feature `tools`): a second build of this API with these exports added,
// loaded by www/tools-worker.js only when the page opens a tool.
#[cfg(feature = "tools")]
pub mod config;
#[cfg(feature = "tools")]
pub mod convert;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** One file or paste. */
export interface CertlensInput {
  /** The file name, or a label for a paste; findings name inputs by it. */
  name: string;
  /** PEM text, DER, PKCS#7...; a string is read as UTF-8. */
  data: Uint8Array | ArrayBuffer | string;
}

/** What to check against; every field is optional. */
export interface CertlensOptions {
  /** Host names or IP addresses the server certificate must cover. */
  hosts?: string[];
  /** RFC 3339 instant to judge validity at (default: now, from the JS clock). */
  at?: string;
  /** Opens encrypted private keys; leave it out when the user gave none. */
  password?: string;
  /** Trust exactly these root certificates instead of the root programs' roots. */
  trust?: CertlensInput[];
  /** Run only these check families (default: all). */
  checks?: CheckFamily[];
  /** While `loadData` has not been given the public intermediates: whether they are still
   *  "loading" (the report says the check will run again) or "unavailable" (the default). */
  intermediates?: "loading" | "unavailable";
  /** The texts of the report: the parsed `i18n/<lang>.json` (English under it for keys a
   *  translation lacks). Without it, texts show as their keys. */
  texts?: Record<string, string>;
}

/** What `loadData` read. */
export interface DataInfo {
  kind: "root-programs" | "public-intermediates";
  /** The date of the data (YYYY-MM-DD). */
  date: string;
  /** Roots, or intermediates. */
  count: number;
}

/** The texts of `verifyLink`'s reason and `parse`'s descriptions, as in `CertlensOptions`. */
export interface TextOptions {
  texts?: Record<string, string>;
}

export type CheckFamily =
  | "format" | "order" | "chain" | "trust" | "key_match"
  | "expiry" | "domain" | "strength" | "usage" | "config";

/** The report (schema/report.schema.json, "certlens.report/1"). */
export interface Report {
  schema: "certlens.report/1";
  version: string;
  /** The language of the texts: "en", "zh" or "ja". */
  lang: string;
  checked_at: string;
  verdict: "ok" | "problems";
  summary: Summary;
  objects: ObjectReport[];
  /** The main chain (the leaf a given key matches, else the first). */
  chain: ChainReport;
  chains: ChainReport[];
  key_matches: KeyMatch[];
  hosts: HostCoverage[];
  /** Errors first, then warnings, then infos. */
  findings: Finding[];
  /** The main chain as PEM, leaf first, root left out, with any intermediate certlens
   *  added; null without certificates. */
  fullchain_pem: string | null;
  /** The data the trust verdicts rest on. */
  data: DataReport;
}

export interface DataReport {
  root_programs: "loaded" | "loading" | "unavailable";
  /** The date of the root program data (YYYY-MM-DD). */
  root_programs_date: string | null;
  /** Each program's newest release in the data. */
  programs: { id: "mozilla" | "chrome" | "apple" | "microsoft" | "android" | "java";
              version: string; date: string; source: string }[];
  public_intermediates: "loaded" | "loading" | "unavailable";
  public_intermediates_date: string | null;
  public_intermediates_count: number;
}

export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
}

/** One certificate, key, CSR or unusable block; fields that do not apply are absent. */
export interface ObjectReport {
  /** Index in `objects`; every other reference uses it. */
  id: number;
  kind: "certificate" | "private_key" | "public_key" | "csr" | "unknown";
  source: Source;
  name?: string;
  subject?: string;
  issuer?: string;
  serial?: string;
  version?: number;
  signature_algorithm?: string;
  not_before?: string;
  not_after?: string;
  dns_names?: string[];
  ip_addresses?: string[];
  is_ca?: boolean;
  self_signed?: boolean;
  path_len?: number;
  key_usage?: string[];
  extended_key_usage?: string[];
  subject_key_id?: string;
  authority_key_id?: string;
  ca_issuers?: string[];
  key?: KeyInfo;
  sha256_fingerprint?: string;
  /** What `openssl x509 -noout -pubkey | openssl md5` prints. */
  pubkey_md5?: string;
  key_format?: "pkcs8" | "pkcs1" | "sec1";
  encryption?: string;
  /** Clean PEM; never present for private keys. */
  pem?: string;
  /** Unknown objects: what was found. */
  description?: string;
  /** Added by certlens from its public intermediates (in no input). */
  added?: true;
}

/** Where an object was found. */
export interface Source {
  input: string;
  /** 0-based block index within the input. */
  block: number;
  /** 1-based line of the block's BEGIN line. */
  line: number;
  /** Position inside a PKCS#7 bundle. */
  member?: number;
}

export interface KeyInfo {
  algorithm: "rsa" | "ec" | "ed25519" | "ed448" | "sm2" | "dsa" | "unknown";
  bits: number;
  curve: "P-256" | "P-384" | "P-521" | "secp256k1" | "SM2" | null;
}

export interface ChainReport {
  leaf: number | null;
  /** Object ids, leaf first. */
  order: number[];
  complete: boolean;
  /** Ends at a given root, or at a public root every browser trusts. */
  trusted: boolean;
  anchor: string | null;
  /** The root program root the chain ends at, when it is one. */
  root: RootReport | null;
  /** Ids in `order` that certlens added from its public intermediates. */
  added: number[];
  /** Each client's verdict, when the chain ends at a root of the root programs. */
  clients: ClientTrust[];
}

export interface RootReport {
  name: string;
  sha256_fingerprint: string;
  /** Its CA, per CCADB; "" when unknown. */
  owner: string;
  not_before: string;
  not_after: string;
  /** The served files hold the root, or a cross-signed copy of it. */
  in_input: boolean;
}

export interface ClientTrust {
  client: "chrome" | "firefox" | "apple" | "windows" | "android" | "java";
  trusted: boolean;
  status: "trusted" | "unknown" | "not_in_store" | "not_yet_added" | "removed" | "websites_trust_off"
    | "disallowed" | "not_for_websites" | "issued_after_distrust" | "sct_after_distrust"
    | "root_expired" | "root_not_yet_valid";
  /** The root the verdict is about. */
  root: string;
  /** When this client reaches a root another way than `order`: that path's ids. */
  via?: number[];
  /** The release the verdict names, and the date it names (YYYY-MM-DD). */
  version: string | null;
  date: string | null;
  /** Rests on a state assumed from the program's first data. */
  inferred?: true;
  /** Android and Java: the versions that accept the chain. */
  versions?: string[];
  /** A cross-signed copy of the root (in certlens's public intermediates) through which this
   *  client (Android: these versions) would accept the chain if the server also sent it. */
  cross_sign?: { name: string; issuer: string; sha256_fingerprint: string; versions?: string[] };
  /** The newest release of this program in certlens's data, and its date. */
  data_version: string;
  data_date: string;
  /** What the verdict means, in the report's language. */
  message: string;
}

export interface KeyMatch {
  key: number;
  certificate: number;
  matches: boolean;
}

export interface HostCoverage {
  name: string;
  covered: boolean;
  matched_by: string | null;
  certificate: number | null;
  /** Why the name is not a usable host name. */
  invalid?: string;
}

export interface Finding {
  check: "format" | "order" | "chain" | "trust" | "key_match" | "expiry" | "domain"
    | "strength" | "usage" | "config";
  severity: "error" | "warning" | "info";
  /** Stable identifier, e.g. "leaf_not_first" (the schema lists them all). */
  code: string;
  /** Which of the code's texts was used, when it has several. */
  variant?: string;
  /** The values the texts name (`{days}`), for tools that write their own text. */
  params: Record<string, Param | Param[]>;
  /** In the report's language. */
  message: string;
  objects: number[];
  fix: string | null;
  location?: Location;
}

/** One value of a finding's `params`. */
export type Param = string | number | Location | Clause;

/** A catalogue phrase with values of its own (e.g. one version range, or one client's verdict
 *  in a finding's `reasons`). */
export interface Clause {
  /** The catalogue key of the phrase (`phrase.*`, `client.status.*`). */
  phrase: string;
  [value: string]: Param | Param[];
}

/** A place in an input. */
export interface Location {
  input: string;
  block?: number;
  line?: number;
}

/** The file names and hosts a configuration snippet uses; every field is optional. */
export interface SnippetRequest {
  /** The full chain file (default "fullchain.pem"). */
  certificate?: string;
  /** The private key file (default "privkey.pem"). */
  key?: string;
  hosts?: string[];
  /** The texts of the comments, as in `CertlensOptions`. */
  texts?: Record<string, string>;
}

/** `verifyLink`: whether the issuer's key verifies the child's signature, and if not why. */
export interface LinkResult {
  verified: boolean;
  /** Why not (no certificate in an argument, unsupported algorithm, invalid signature). */
  reason: string | null;
}

/** Ready-to-paste server configuration. */
export interface Snippets {
  nginx: string;
  apache: string;
  haproxy: string;
}
"#;

/// Runs once when `init()` instantiates the module (wasm-bindgen also exports it as `start`;
/// calling it again is harmless).
#[wasm_bindgen(start, skip_typescript)]
fn start() {
    console_error_panic_hook::set_once();
}

thread_local! {
    /// The data files `loadData` was given, for every later `inspect` of this instance.
    static ROOT_PROGRAMS: RefCell<Option<Arc<RootPrograms>>> = const { RefCell::new(None) };
    static INTERMEDIATES: RefCell<Option<Arc<PublicIntermediates>>> = const { RefCell::new(None) };
}

#[derive(Serialize)]
struct DataInfo {
    kind: &'static str,
    date: String,
    count: usize,
}

/// Reads one of certlens's data files (`root-programs.der` or `public-intermediates.der`,
/// told apart by their contents) and keeps it for every later `inspect`. Throws an `Error`
/// naming the file and the damaged field when it cannot be used.
#[wasm_bindgen(js_name = loadData, unchecked_return_type = "DataInfo")]
pub fn load_data(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] data: JsValue,
) -> Result<JsValue, JsError> {
    let bytes = if let Some(array) = data.dyn_ref::<Uint8Array>() {
        array.to_vec()
    } else if let Some(buffer) = data.dyn_ref::<ArrayBuffer>() {
        Uint8Array::new(buffer).to_vec()
    } else {
        return Err(JsError::new("data must be a Uint8Array or an ArrayBuffer"));
    };
    let format = |expected: &str| {
        bytes
            .windows(expected.len())
            .take(64)
            .any(|w| w == expected.as_bytes())
    };
    let info = if format(crate::root_programs::FORMAT) {
        let programs = RootPrograms::read(&bytes).map_err(|e| JsError::new(&e.to_string()))?;
        let info = DataInfo {
            kind: "root-programs",
            date: programs.snapshot.clone(),
            count: programs.roots.len(),
        };
        ROOT_PROGRAMS.with(|slot| *slot.borrow_mut() = Some(Arc::new(programs)));
        info
    } else {
        let pool = PublicIntermediates::read(bytes).map_err(|e| JsError::new(&e.to_string()))?;
        let info = DataInfo {
            kind: "public-intermediates",
            date: pool.snapshot.clone(),
            count: pool.len(),
        };
        INTERMEDIATES.with(|slot| *slot.borrow_mut() = Some(Arc::new(pool)));
        info
    };
    to_js(&info)
}

/// Checks the inputs and returns the report. Throws an `Error` on bad arguments only.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn inspect(
    #[wasm_bindgen(unchecked_param_type = "CertlensInput[]")] inputs: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CertlensOptions")] options: JsValue,
) -> Result<JsValue, JsError> {
    let inputs = read_inputs(&inputs, "inputs")?;
    let options = read_options(&options)?;
    to_js(&crate::inspect(&inputs, &options))
}

/// What `inspect` reports in `objects` (same ids and fields), without any check: no chains
/// (so no `self_signed`), trust, key matches or findings, and no `pem`. Throws an `Error` on
/// bad arguments only.
#[wasm_bindgen(unchecked_return_type = "ObjectReport[]")]
pub fn parse(
    #[wasm_bindgen(unchecked_param_type = "CertlensInput[]")] inputs: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "TextOptions")] options: JsValue,
) -> Result<JsValue, JsError> {
    let inputs = read_inputs(&inputs, "inputs")?;
    let options = object_or_empty(&options, "options")?;
    to_js(&crate::parse(
        &inputs,
        &read_catalogue(&options, "options")?,
    ))
}

#[derive(Serialize)]
struct LinkResult {
    verified: bool,
    reason: Option<String>,
}

/// Verifies one link: does the issuer certificate's key verify the child certificate's
/// signature? Each argument is a certificate as PEM or DER (the first one found is used).
/// Throws an `Error` on bad arguments only.
#[wasm_bindgen(js_name = verifyLink, unchecked_return_type = "LinkResult")]
pub fn verify_link(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer | string")] child: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer | string")] issuer: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "TextOptions")] options: JsValue,
) -> Result<JsValue, JsError> {
    let child = Input::new("child", read_data(&child, "child")?);
    let issuer = Input::new("issuer", read_data(&issuer, "issuer")?);
    let options = object_or_empty(&options, "options")?;
    let catalogue = read_catalogue(&options, "options")?;
    let result = crate::verify_link(&child, &issuer, &catalogue);
    to_js(&LinkResult {
        verified: result.is_ok(),
        reason: result.err(),
    })
}

/// certlens's version, e.g. "0.1.0" (also the report's `version`).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// nginx, Apache and HAProxy configuration using the user's file names and hosts.
#[wasm_bindgen(unchecked_return_type = "Snippets")]
pub fn snippets(
    #[wasm_bindgen(unchecked_param_type = "SnippetRequest")] request: JsValue,
) -> Result<JsValue, JsError> {
    let request = object_or_empty(&request, "request")?;
    let certificate = optional_string(&request, "certificate", "request")?.unwrap_or_default();
    let key = optional_string(&request, "key", "request")?.unwrap_or_default();
    let hosts = string_array(&request, "hosts", "request")?;
    let catalogue = read_catalogue(&request, "request")?;
    to_js(&crate::snippets::snippets(
        &certificate,
        &key,
        &hosts,
        &catalogue,
    ))
}

/// Plain objects with `null` for `None`, exactly like the CLI's JSON.
fn to_js(value: &impl Serialize) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

fn read_options(options: &JsValue) -> Result<Options, JsError> {
    let options = object_or_empty(options, "options")?;
    let at = read_at(&options, "options")?;
    let trust = match get(&options, "trust", "options")? {
        v if v.is_undefined() || v.is_null() => Vec::new(),
        v => read_inputs(&v, "options.trust")?,
    };
    let checks = string_array(&options, "checks", "options")?
        .iter()
        .enumerate()
        .map(|(index, name)| {
            Family::from_name(name).ok_or_else(|| {
                let known: Vec<&str> = Family::ALL.iter().map(|f| f.name()).collect();
                JsError::new(&format!(
                    "options.checks[{index}]: unknown check {name:?}; the checks are {}",
                    known.join(", ")
                ))
            })
        })
        .collect::<Result<_, _>>()?;
    let pending = match optional_string(&options, "intermediates", "options")?.as_deref() {
        None | Some("unavailable") => Data::Unavailable,
        Some("loading") => Data::Loading,
        Some(other) => {
            return Err(JsError::new(&format!(
                "options.intermediates: {other:?} is neither \"loading\" nor \"unavailable\""
            )))
        }
    };
    Ok(Options {
        hosts: string_array(&options, "hosts", "options")?,
        at,
        password: optional_string(&options, "password", "options")?.map(String::into_bytes),
        trust,
        checks,
        catalogue: read_catalogue(&options, "options")?,
        root_programs: ROOT_PROGRAMS
            .with(|slot| slot.borrow().clone())
            .map_or(Data::Unavailable, Data::Given),
        intermediates: INTERMEDIATES
            .with(|slot| slot.borrow().clone())
            .map_or(pending, Data::Given),
    })
}

/// `texts`: the catalogue the page loaded (`i18n/<lang>.json`).
/// `<what>.at`, an RFC 3339 string, as Unix seconds; now (the JS clock) when absent.
fn read_at(object: &JsValue, what: &str) -> Result<i64, JsError> {
    match get(object, "at", what)? {
        v if v.is_undefined() || v.is_null() => Ok((js_sys::Date::now() / 1000.0).floor() as i64),
        v => match v.as_string() {
            Some(text) => crate::instant::parse_rfc3339(&text)
                .map_err(|e| JsError::new(&format!("{what}.at: {e}"))),
            None => Err(JsError::new(&format!(
                "{what}.at must be an RFC 3339 date-time string like 2026-06-01T00:00:00Z"
            ))),
        },
    }
}

fn read_catalogue(object: &JsValue, what: &str) -> Result<Catalogue, JsError> {
    let texts = get(object, "texts", what)?;
    if texts.is_undefined() || texts.is_null() {
        return Ok(Catalogue::default());
    }
    if !texts.is_object() {
        return Err(JsError::new(&format!(
            "{what}.texts must be an object of strings (an i18n/<lang>.json catalogue)"
        )));
    }
    let mut map = std::collections::BTreeMap::new();
    for key in js_sys::Object::keys(texts.unchecked_ref::<js_sys::Object>()).iter() {
        let key = key.as_string().unwrap_or_default();
        let value = get(&texts, &key, what)?
            .as_string()
            .ok_or_else(|| JsError::new(&format!("{what}.texts[{key:?}] must be a string")))?;
        map.insert(key, value);
    }
    Ok(Catalogue::from_texts(map))
}

/// How much of an input is copied into wasm memory (strings: UTF-16 units, at least as many
/// bytes). Beyond the core's limit, what it needs to report the input as too large: copying
/// gigabytes could exhaust the instance's memory, which never shrinks.
const COPY_LIMIT: u32 = crate::input::MAX_INPUT_BYTES as u32 + 1;

/// An array of `{ name, data }`; `what` names it in errors (`inputs`, `options.trust`).
fn read_inputs(value: &JsValue, what: &str) -> Result<Vec<Input>, JsError> {
    let items = array(value, what, "an array of { name, data } objects")?;
    let mut inputs = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let what = format!("{what}[{i}]");
        if !item.is_object() {
            return Err(JsError::new(&format!(
                "{what} must be an object {{ name, data }}"
            )));
        }
        let name = get(item, "name", &what)?
            .as_string()
            .ok_or_else(|| JsError::new(&format!("{what}.name must be a string")))?;
        let data = get(item, "data", &what)?;
        inputs.push(Input::new(name, read_data(&data, &format!("{what}.data"))?));
    }
    Ok(inputs)
}

/// The bytes of a Uint8Array, an ArrayBuffer or a string (as UTF-8), up to [`COPY_LIMIT`].
fn read_data(data: &JsValue, what: &str) -> Result<Vec<u8>, JsError> {
    if let Some(text) = data.dyn_ref::<JsString>() {
        Ok(String::from(text.slice(0, COPY_LIMIT)).into_bytes())
    } else if let Some(array) = data.dyn_ref::<Uint8Array>() {
        Ok(array.subarray(0, COPY_LIMIT).to_vec())
    } else if let Some(buffer) = data.dyn_ref::<ArrayBuffer>() {
        Ok(Uint8Array::new(buffer).subarray(0, COPY_LIMIT).to_vec())
    } else {
        Err(JsError::new(&format!(
            "{what} must be a Uint8Array, an ArrayBuffer or a string"
        )))
    }
}

/// The object itself, or an empty one for `undefined` and `null` (every field optional).
fn object_or_empty(value: &JsValue, what: &str) -> Result<JsValue, JsError> {
    if value.is_undefined() || value.is_null() {
        Ok(js_sys::Object::new().into())
    } else if value.is_object() && !Array::is_array(value) {
        Ok(value.clone())
    } else {
        Err(JsError::new(&format!("{what} must be an object")))
    }
}

/// `object[key]`; a throwing getter or proxy becomes an error naming the property.
fn get(object: &JsValue, key: &str, what: &str) -> Result<JsValue, JsError> {
    js_sys::Reflect::get(object, &JsValue::from_str(key))
        .map_err(|_| JsError::new(&format!("{what}.{key} could not be read")))
}

/// The elements of an array, read with `Reflect` like every other property.
fn array(value: &JsValue, what: &str, expected: &str) -> Result<Vec<JsValue>, JsError> {
    if !Array::is_array(value) {
        return Err(JsError::new(&format!("{what} must be {expected}")));
    }
    let unreadable = || JsError::new(&format!("{what} could not be read"));
    let length = js_sys::Reflect::get(value, &JsValue::from_str("length"))
        .ok()
        .and_then(|v| v.as_f64())
        .ok_or_else(unreadable)?;
    // Arrays are at most 2^32 - 1 long; `as` saturates.
    (0..length as u32)
        .map(|i| js_sys::Reflect::get_u32(value, i).map_err(|_| unreadable()))
        .collect()
}

fn optional_string(object: &JsValue, key: &str, what: &str) -> Result<Option<String>, JsError> {
    match get(object, key, what)? {
        v if v.is_undefined() || v.is_null() => Ok(None),
        v => v
            .as_string()
            .map(Some)
            .ok_or_else(|| JsError::new(&format!("{what}.{key} must be a string"))),
    }
}

/// An optional array of strings, empty when absent.
fn string_array(object: &JsValue, key: &str, what: &str) -> Result<Vec<String>, JsError> {
    let value = get(object, key, what)?;
    if value.is_undefined() || value.is_null() {
        return Ok(Vec::new());
    }
    let what = format!("{what}.{key}");
    array(&value, &what, "an array of strings")?
        .iter()
        .enumerate()
        .map(|(i, v)| {
            v.as_string()
                .ok_or_else(|| JsError::new(&format!("{what}[{i}] must be a string")))
        })
        .collect()
}
