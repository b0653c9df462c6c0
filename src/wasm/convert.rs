//! `convert` (tools module): the conversions of `certlens convert` for the page's Convert
//! tool, on [`crate::convert::convert`]. Like the CLI, this front end draws the salt and IV
//! (the core draws no randomness): from `crypto.getRandomValues`, through getrandom.
//!
//! ```js
//! const { outputs, error } = convert([{ name: "chain.p7b", data: bytes }], { to: "pem", texts });
//! // outputs: [{ name: "chain.pem", data: Uint8Array, der: false, secret: false, count: 3, ... }]
//! // error:   { code: "wrong_password", message: "key.pem, block 1, line 1: wrong password ..." }
//! ```
//!
//! A conversion that fails for a reason the user can fix (no key to convert, a wrong password)
//! is a result with `error`; bad arguments throw an `Error` naming the argument.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

use super::{get, object_or_empty, optional_string, read_at, read_catalogue, read_inputs};
use crate::convert::{Options, Output, Target};
use crate::input::{self, Content, Input};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** What `convert` makes; `to` is required, every other field optional. */
export interface ConvertRequest {
  /** The target, as `certlens convert --to` names it: "pem", "der", "pkcs8", "pkcs1",
   *  "sec1", "encrypted", "plain", "split", "pfx". */
  to: string;
  /** Opens encrypted private keys and PKCS#12 files in the inputs. */
  password?: string;
  /** Protects what the encrypting targets write ("encrypted", "pfx"). */
  newPassword?: string;
  /** "pfx": 3DES and a SHA-1 MAC, for Windows Server 2016 and older (default false). */
  legacyPfx?: boolean;
  /** RFC 3339 instant at which chains are ordered (default: now, from the JS clock). */
  at?: string;
  /** The texts of error messages, as in `CertlensOptions`. */
  texts?: Record<string, string>;
}

/** One file to offer for download. */
export interface ConvertOutput {
  /** A safe file name: no directories, only `A-Za-z0-9._-`. */
  name: string;
  data: Uint8Array;
  /** DER rather than PEM. */
  der: boolean;
  /** How many objects it holds. */
  count: number;
  /** What it holds when it is one object: the `content.<name>` key of the catalogue
   *  ("certificate", "private_key_pkcs8", "encrypted_private_key", ...); null for a bundle. */
  content: string | null;
  /** Holds a private key, encrypted or not. */
  secret: boolean;
  /** Holds a private key that opens without a password. */
  unprotected: boolean;
}

/** Why nothing was converted: `code` is the `cli.convert.error.<code>` key ("nothing",
 *  "wrong_password", "password_needed", "new_password_needed", "pfx_no_key", ...), `message` its text in
 *  the language of `texts`, naming the input, block and line. */
export interface ConvertError {
  code: string;
  message: string;
}

export type ConvertResult = { outputs: ConvertOutput[] } | { error: ConvertError };
"#;

/// Converts the inputs as `certlens convert --to <request.to>` does. Returns `{ outputs }`,
/// or `{ error: { code, message } }` when nothing could be converted; throws an `Error` on bad
/// arguments only.
#[wasm_bindgen(unchecked_return_type = "ConvertResult")]
pub fn convert(
    #[wasm_bindgen(unchecked_param_type = "CertlensInput[]")] inputs: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ConvertRequest")] request: JsValue,
) -> Result<JsValue, JsError> {
    let inputs = read_inputs(&inputs, "inputs")?;
    let request = object_or_empty(&request, "request")?;
    let to = optional_string(&request, "to", "request")?
        .ok_or_else(|| JsError::new("request.to must be a string naming the target"))?;
    // Every name the core knows is accepted as it is: a target added there needs nothing here.
    let target = Target::parse(&to).ok_or_else(|| {
        let known: Vec<&str> = Target::ALL.iter().map(|t| t.name()).collect();
        JsError::new(&format!(
            "request.to: unknown target {to:?}; the targets are {}",
            known.join(", ")
        ))
    })?;
    let mut options = Options::new(target);
    options.password = optional_string(&request, "password", "request")?.map(String::into_bytes);
    options.new_password =
        optional_string(&request, "newPassword", "request")?.map(String::into_bytes);
    options.legacy_pfx = read_bool(&request, "legacyPfx")?;
    options.at = read_at(&request, "request")?;
    // Drawn for every target (32 bytes are cheap): whichever one encrypts gets them.
    random(&mut options.salt)?;
    random(&mut options.iv)?;
    let catalogue = read_catalogue(&request, "request")?;

    let result = Object::new();
    match crate::convert::convert(&inputs, &options) {
        Ok(outputs) => {
            let list: Array = outputs.iter().map(output).collect::<Result<_, _>>()?;
            set(&result, "outputs", &list)?;
        }
        Err(error) => {
            let code = error
                .key()
                .strip_prefix("cli.convert.error.")
                .unwrap_or(error.key());
            let object = Object::new();
            set(&object, "code", &code.into())?;
            set(&object, "message", &error.message(&catalogue).into())?;
            set(&result, "error", &object)?;
        }
    }
    Ok(result.into())
}

/// An optional boolean, false when absent.
fn read_bool(request: &JsValue, key: &str) -> Result<bool, JsError> {
    match get(request, key, "request")? {
        v if v.is_undefined() || v.is_null() => Ok(false),
        v => v
            .as_bool()
            .ok_or_else(|| JsError::new(&format!("request.{key} must be a boolean"))),
    }
}

fn random(buf: &mut [u8; 16]) -> Result<(), JsError> {
    getrandom::getrandom(buf)
        .map_err(|e| JsError::new(&format!("cannot get random bytes for the salt and IV: {e}")))
}

/// One output as a plain object, its bytes as a Uint8Array (the worker transfers it).
fn output(output: &Output) -> Result<JsValue, JsError> {
    let object = Object::new();
    set(&object, "name", &output.name.as_str().into())?;
    set(&object, "data", &Uint8Array::from(output.data.as_slice()))?;
    set(&object, "der", &output.der.into())?;
    set(&object, "count", &(output.count as f64).into())?;
    let content = output
        .content
        .map(|c| c.phrase().trim_start_matches("content.").into())
        .unwrap_or(JsValue::NULL);
    set(&object, "content", &content)?;
    set(&object, "secret", &output.secret.into())?;
    set(&object, "unprotected", &unprotected(output).into())?;
    Ok(object.into())
}

/// Whether the output holds a private key that opens without a password, so that the page can
/// say so. A bundle does not say which of its objects are keys: read it back.
fn unprotected(output: &Output) -> bool {
    let plain = |content: Content| matches!(content, Content::PrivateKey(_));
    match output.content {
        _ if !output.secret => false,
        Some(content) => plain(content),
        None => input::decode(&Input::new("", output.data.as_slice()), input::MAX_BLOCKS)
            .blocks
            .iter()
            .any(|b| plain(b.content)),
    }
}

fn set(object: &Object, key: &str, value: &JsValue) -> Result<(), JsError> {
    Reflect::set(object, &JsValue::from_str(key), value)
        .map(drop)
        .map_err(|_| JsError::new(&format!("cannot set {key} on the result")))
}
