//! Format: how the inputs were written. Repairs are reported so the user can hand the
//! cleaned file to consoles that would reject the original; unreadable blocks are errors
//! that name the input, block and line.

use super::{Check, Context};
use crate::finding::{Family, Finding, Location, Severity};
use crate::input::{Content, IssueKind};
use crate::model::{Body, InputIssue};

pub struct FormatCheck;

impl Check for FormatCheck {
    fn family(&self) -> Family {
        Family::Format
    }
    fn description(&self) -> &'static str {
        "PEM/DER syntax, pasting damage (spaces, CRLF, BOM, stray text), wrong labels, encrypted or duplicate keys, CSRs"
    }
    fn run(&self, context: &Context<'_>, findings: &mut Vec<Finding>) {
        let model = context.model;
        let mut by_block = std::collections::HashMap::new();
        for object in &model.objects {
            by_block
                .entry((object.source.input.as_str(), object.source.block))
                .or_insert(object.id);
        }
        for InputIssue { input, issue } in &model.issues {
            let location = Location {
                input: input.clone(),
                block: issue.block,
                line: issue.line,
            };
            let objects = issue
                .block
                .and_then(|block| by_block.get(&(input.as_str(), block)).copied());
            let finding = describe(&issue.kind, &where_text(&location))
                .objects(objects)
                .at(location);
            findings.push(finding);
        }
        duplicate_keys(context, findings);
        csrs(context, findings);
    }
}

fn where_text(location: &Location) -> String {
    match (location.block, location.line) {
        (Some(block), Some(line)) => {
            format!("{}, block {}, line {line}", location.input, block + 1)
        }
        (None, Some(line)) => format!("{}, line {line}", location.input),
        _ => location.input.clone(),
    }
}

const USE_CLEAN: &str = "Use the cleaned PEM certlens shows (or re-export the file) when a console or server rejects the original.";

fn describe(kind: &IssueKind, place: &str) -> Finding {
    use IssueKind::*;
    let repaired = |code, what: String| {
        Finding::warning(
            Family::Format,
            code,
            format!("{place}: {what}; certlens repaired it."),
        )
        .fix(USE_CLEAN)
    };
    let broken = |code, what: String, fix: &str| {
        Finding::error(Family::Format, code, format!("{place}: {what}")).fix(fix)
    };
    match kind {
        Utf8Bom => repaired("bom", "the text starts with a UTF-8 byte-order mark, which some servers and consoles reject".into()),
        Utf16 => repaired("utf16", "the file is UTF-16 text (Windows \"Unicode\"), not ASCII".into()),
        CrLf => repaired("crlf", "Windows (CRLF) line endings".into()),
        StrayWhitespace => repaired("whitespace", "spaces or tabs around or inside the base64 lines".into()),
        BlankLines => repaired("blank_lines", "blank lines inside a block".into()),
        TextOutsideBlocks => {
            let mut f = Finding::info(Family::Format, "text_outside_blocks", format!("{place}: text outside the BEGIN/END blocks was ignored."));
            f.fix = Some("Remove everything before -----BEGIN and after -----END when pasting into a console.".into());
            f
        }
        MissingFinalNewline => Finding::info(Family::Format, "no_final_newline", format!("{place}: the file does not end with a newline."))
            .fix("Add a final newline; otherwise `cat cert.pem chain.pem` glues two blocks onto one line."),
        GluedBlocks => repaired("glued_blocks", "an END line and the next BEGIN line are on one line (files concatenated without a final newline)".into()),
        LabelMismatch { begin, end } => repaired("label_mismatch", format!("the block begins with BEGIN {begin} but ends with END {end}")),
        MissingEndRepaired { label } => repaired("missing_end", format!("the {label} block has no END line")),
        TrailingBytes { count } => repaired("trailing_bytes", format!("{count} extra bytes after the encoded object were ignored")),
        BareBase64 => repaired("bare_base64", "base64 without BEGIN/END lines".into()),
        WrongLabel { label, found } => repaired("wrong_label", format!("the block is labelled {label} but holds {}", found.describe())),
        CsrLabelledCertificate { label } => broken(
            "csr_not_certificate",
            format!("the block labelled {label} holds a certificate signing request (CSR), not a certificate"),
            "A CSR is what you send to the certificate authority; install the certificate it sends back instead.",
        ),
        Empty => broken("empty", "the input is empty".into(), "Paste or choose the certificate file."),
        TooLarge { limit } => broken(
            "too_large",
            // The size itself may be unknown past the limit (the browser stops copying there).
            format!("the input is larger than {} MiB, the most certlens reads per input", limit / (1024 * 1024)),
            "Split the file; certificate bundles are normally a few kilobytes.",
        ),
        TooManyBlocks { limit } => broken(
            "too_many_blocks",
            format!("more than {limit} blocks; the rest was not read"),
            "Check the file in parts.",
        ),
        NotRecognized => broken(
            "not_recognized",
            "this is neither PEM text (-----BEGIN ...) nor a DER certificate, key, CSR or PKCS#7 bundle".into(),
            "Check that you chose the certificate or key file, not for example a .pfx password or a README.",
        ),
        InvalidBase64Char { ch } => broken(
            "invalid_base64",
            format!("the character {ch:?} cannot appear in base64; the block is damaged"),
            "Copy the block again from the original file; editors and chat tools sometimes replace characters.",
        ),
        InvalidBase64 { end_line } => broken(
            "invalid_base64",
            format!("the base64 text up to line {end_line} does not decode; characters are missing or extra"),
            "Copy the block again from the original file.",
        ),
        EmptyBlock { label } => broken("empty_block", format!("the {label} block is empty"), "Copy the whole block, BEGIN line to END line."),
        NotDer { label, error } => broken(
            "truncated",
            format!("the {label} block decodes, but the data {error}"),
            "The block is cut short or damaged: copy it again from the original file, BEGIN line to END line.",
        ),
        MissingEnd { label } => broken(
            "missing_end",
            format!("the {label} block has no END line and its data is incomplete"),
            "Copy the whole block, including the -----END line.",
        ),
        EndWithoutBegin { label } => broken(
            "missing_begin",
            format!("an END {label} line without a BEGIN line"),
            "Copy the whole block, including the -----BEGIN line.",
        ),
        LegacyEncryptedPem { label } => broken(
            "legacy_encrypted_key",
            format!("the {label} is encrypted in OpenSSL's legacy format (Proc-Type/DEK-Info), which certlens does not read"),
            "Decrypt it with `openssl pkey -in key.pem -out key-plain.pem` (it asks for the password), or convert it with `openssl pkcs8 -topk8 -in key.pem -out key-pkcs8.pem`.",
        ),
        UnsupportedLabel { label } => broken(
            "unsupported_label",
            format!("a \"{label}\" block is not an X.509 certificate, key or CSR"),
            if label.contains("OPENSSH") || label.contains("SSH2") {
                "SSH keys are not TLS keys: use the private key that was created with the certificate's CSR."
            } else {
                "Give the certificate (BEGIN CERTIFICATE), its private key or the CSR."
            },
        ),
        Ignored { what } => Finding::info(Family::Format, "ignored", format!("{place}: {} was ignored.", what.describe())),
        Unsupported { what } => broken(
            "unsupported",
            format!("{} is not supported yet", what.describe()),
            match what {
                Content::Pkcs12 => "Extract the PEM files with `openssl pkcs12 -in file.pfx -out all.pem -nodes` and check those.",
                _ => "Convert it to PEM (certificates) or PKCS#8 (keys) with openssl.",
            },
        ),
        Unparseable { what, error } => broken(
            "unparseable",
            format!("{} could not be read: {error}", what.describe()),
            "The object is damaged or not what it claims to be; export it again from its source.",
        ),
        KeyEncrypted { scheme } => Finding::new(Family::Format, Severity::Warning, "key_encrypted", format!("{place}: the private key is encrypted ({scheme}); without its password it cannot be matched to the certificate."))
            .fix("Give certlens the password to check the key. Many servers (nginx, HAProxy) cannot load encrypted keys without prompting at start."),
        WrongPassword => broken("wrong_password", "the password does not open the encrypted private key".into(), "Check the password; it was set when the key was exported."),
        DecryptFailed { reason } => broken("decrypt_failed", format!("the private key could not be decrypted: {reason}"), "Re-encrypt the key with `openssl pkcs8 -topk8 -v2 aes-256-cbc` and try again."),
        KeyInconsistent { reason } => broken("key_inconsistent", format!("the private key is damaged: {reason}"), "Use the original key file; this one has been edited or corrupted."),
    }
}

/// The same private key pasted more than once (among the first keys, see `MAX_KEYS`).
fn duplicate_keys(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let keys: Vec<_> = context
        .model
        .private_keys()
        .filter_map(|(id, k)| k.public.as_ref().map(|p| (id, p)))
        // The same cap as key matching (which reports it), so the pairwise scan stays small.
        .take(super::key_match::MAX_KEYS)
        .collect();
    for (index, (id, key)) in keys.iter().enumerate() {
        if let Some((first, _)) = keys[..index].iter().find(|(_, other)| other.same_key(key)) {
            findings.push(
                Finding::warning(
                    Family::Format,
                    "key_duplicate",
                    format!(
                        "The same private key appears twice ({} and {}).",
                        context.model.describe(*first),
                        context.model.describe(*id)
                    ),
                )
                .objects([*first, *id])
                .fix("Keep one copy: servers expect exactly one private key per certificate."),
            );
        }
    }
}

/// CSRs: a damaged self-signature, and a CSR given where only a certificate makes sense.
fn csrs(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let model = context.model;
    for (id, csr) in model.csrs() {
        if let Err(error) = &csr.signature_check {
            findings.push(
                Finding::error(Family::Format, "csr_signature_invalid", format!("The signature of {} does not verify ({error}): the request was altered after it was made, or damaged.", model.describe(id)))
                    .objects([id])
                    .fix("Generate the CSR again from its private key; a CA will reject this one."),
            );
        }
    }
    let has_certificate = model
        .objects
        .iter()
        .any(|o| matches!(o.body, Body::Certificate(_)));
    if !has_certificate {
        if let Some((id, _)) = model.csrs().next() {
            findings.push(
                Finding::info(Family::Format, "csr_only", format!("{} is a certificate signing request: it is sent to a certificate authority, not installed on a server.", model.describe(id)))
                    .objects([id])
                    .fix("Install the certificate the CA issues from this CSR, together with the private key made with it."),
            );
        }
    }
}
