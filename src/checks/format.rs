//! Format: how the inputs were written. Repairs are reported so the user can hand the
//! cleaned file to consoles that would reject the original; unreadable blocks are errors
//! that name the input, block and line.

use super::{Check, Context};
use crate::finding::{Arg, Family, Finding, Location};
use crate::input::IssueKind;
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
            let finding = describe(&issue.kind)
                .param("place", location.clone())
                .objects(objects)
                .at(location);
            findings.push(finding);
        }
        duplicate_keys(context, findings);
        csrs(context, findings);
    }
}

/// The finding for an input issue, without its place; every text names it as `{place}`.
fn describe(kind: &IssueKind) -> Finding {
    use IssueKind::*;
    let repaired = |code| Finding::warning(Family::Format, code);
    let broken = |code| Finding::error(Family::Format, code);
    match kind {
        Utf8Bom => repaired("bom"),
        Utf16 => repaired("utf16"),
        CrLf => repaired("crlf"),
        StrayWhitespace => repaired("whitespace"),
        BlankLines => repaired("blank_lines"),
        TextOutsideBlocks => Finding::info(Family::Format, "text_outside_blocks"),
        MissingFinalNewline => Finding::info(Family::Format, "no_final_newline"),
        GluedBlocks => repaired("glued_blocks"),
        LabelMismatch { begin, end } => repaired("label_mismatch")
            .param("begin", begin.as_str())
            .param("end", end.as_str()),
        MissingEndRepaired { label } => repaired("missing_end")
            .variant("repaired")
            .param("label", label.as_str()),
        TrailingBytes { count } => repaired("trailing_bytes").param("count", *count),
        BareBase64 => repaired("bare_base64"),
        WrongLabel { label, found } => repaired("wrong_label")
            .param("label", label.as_str())
            .param("found", Arg::Phrase(found.phrase())),
        CsrLabelledCertificate { label } => {
            broken("csr_not_certificate").param("label", label.as_str())
        }
        Empty => broken("empty"),
        // The size itself may be unknown past the limit (the browser stops copying there).
        TooLarge { limit } => broken("too_large").param("mib", limit / (1024 * 1024)),
        TooManyBlocks { limit } => broken("too_many_blocks").param("limit", *limit),
        NotRecognized => broken("not_recognized"),
        InvalidBase64Char { ch } => broken("invalid_base64").param("char", format!("{ch:?}")),
        InvalidBase64 { end_line } => broken("invalid_base64")
            .variant("undecodable")
            .param("end_line", *end_line),
        EmptyBlock { label } => broken("empty_block").param("label", label.as_str()),
        NotDer { label, error } => broken("truncated")
            .param("label", label.as_str())
            .param("error", error.to_string()),
        MissingEnd { label } => broken("missing_end").param("label", label.as_str()),
        EndWithoutBegin { label } => broken("missing_begin").param("label", label.as_str()),
        LegacyEncryptedPem { label } => {
            broken("legacy_encrypted_key").param("label", label.as_str())
        }
        UnsupportedLabel { label } => {
            let finding = broken("unsupported_label").param("label", label.as_str());
            if label.contains("OPENSSH") || label.contains("SSH2") {
                finding.variant("ssh")
            } else {
                finding
            }
        }
        Ignored { what } => {
            Finding::info(Family::Format, "ignored").param("what", Arg::Phrase(what.phrase()))
        }
        Unsupported { what } => broken("unsupported").param("what", Arg::Phrase(what.phrase())),
        Unparseable { what, error } => broken("unparseable")
            .param("what", Arg::Phrase(what.phrase()))
            .param("error", error.as_str()),
        Pkcs12Contents {
            certificates,
            keys,
            protection,
        } => Finding::info(Family::Format, "pkcs12_contents")
            .param("certificates", *certificates)
            .param("keys", *keys)
            .param("protection", protection.as_str()),
        // The codes of encrypted keys, so that front ends ask for the password alike.
        // An error, unlike a locked key file: without the password the PFX is not checked.
        Pkcs12PasswordNeeded => broken("key_encrypted").variant("pkcs12"),
        Pkcs12WrongPassword => broken("wrong_password").variant("pkcs12"),
        Pkcs12Failed { reason } => broken("decrypt_failed")
            .variant("pkcs12")
            .param("reason", reason.as_str()),
        KeyEncrypted { scheme } => {
            Finding::warning(Family::Format, "key_encrypted").param("scheme", scheme.as_str())
        }
        WrongPassword => broken("wrong_password"),
        DecryptFailed { reason } => broken("decrypt_failed").param("reason", reason.as_str()),
        KeyInconsistent { reason } => broken("key_inconsistent").param("reason", reason.as_str()),
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
                Finding::warning(Family::Format, "key_duplicate")
                    .param("first", context.model.object_ref(*first))
                    .param("copy", context.model.object_ref(*id))
                    .objects([*first, *id]),
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
                Finding::error(Family::Format, "csr_signature_invalid")
                    .param("csr", model.object_ref(id))
                    .reason("error", error.reason())
                    .objects([id]),
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
                Finding::info(Family::Format, "csr_only")
                    .param("csr", model.object_ref(id))
                    .objects([id]),
            );
        }
    }
}
