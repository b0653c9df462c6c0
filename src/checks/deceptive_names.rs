//! Names that read differently from what they are, in every certificate and CSR: control
//! characters, bidirectional overrides and invisible characters in the subject, the issuer
//! or a subjectAltName entry (a terminal obeys the first, the second reorders the text after
//! it: CVE-2021-42574), and DNS names whose Unicode form imitates another name (IDN
//! homographs, `subject_name::homograph`). No CA following RFC 5280 and the CA/B Forum
//! Baseline Requirements issues either: such a certificate was made to deceive.

use std::collections::HashSet;

use super::{Check, Context};
use crate::finding::{Arg, Family, Finding, Reason};
use crate::model::certificate::SubjectAltNames;
use crate::model::{Body, ObjectId};
use crate::subject_name::{distinguished_name_attributes, homograph};
use crate::terminal::{describe, hidden, visible};

pub struct DeceptiveNamesCheck;

impl Check for DeceptiveNamesCheck {
    fn family(&self) -> Family {
        Family::Domain
    }
    fn description(&self) -> &'static str {
        "control characters and bidi overrides in names (CVE-2021-42574); IDN homographs"
    }
    fn run(&self, context: &Context<'_>, findings: &mut Vec<Finding>) {
        let model = context.model;
        // The subjects of the certificates given, once an issuer needs them: an issuer among
        // the inputs is reported once, as that certificate's subject.
        let mut subjects: Option<HashSet<&[u8]>> = None;
        for object in model.objects.iter().filter(|o| !o.added) {
            let (subject, subject_der, san) = match &object.body {
                Body::Certificate(c) => (&c.subject, &c.subject_der, c.san.as_ref()),
                Body::Csr(c) => (&c.subject, &c.subject_der, c.san.as_ref()),
                _ => continue,
            };
            let mut names = Vec::new();
            // Most subjects need no second reading: plain ASCII without an A-label.
            if has_hidden(subject) || !subject.is_ascii() || has_a_label(subject) {
                attributes(&mut names, "phrase.name_field.subject", subject_der);
            }
            if let Some(c) = model
                .certificate(object.id)
                .filter(|c| has_hidden(&c.issuer))
            {
                let subjects = subjects.get_or_insert_with(|| {
                    let certificates = model.objects.iter().filter_map(|o| model.certificate(o.id));
                    certificates.map(|i| i.subject_der.as_slice()).collect()
                });
                if !subjects.contains(c.issuer_der.as_slice()) {
                    attributes(&mut names, "phrase.name_field.issuer", &c.issuer_der);
                }
            }
            alt_names(&mut names, san);
            // A CN repeating a dNSName is one name: a homograph is reported once.
            let mut hosts: Vec<&str> = Vec::new();
            for name in &names {
                hidden_characters(findings, context, object.id, name);
                if name.host && !hosts.iter().any(|h| h.eq_ignore_ascii_case(&name.value)) {
                    hosts.push(&name.value);
                    homographs(findings, context, object.id, name);
                }
            }
        }
    }
}

fn has_hidden(text: &str) -> bool {
    text.chars().any(|c| hidden(c).is_some())
}

fn has_a_label(text: &str) -> bool {
    text.as_bytes()
        .windows(4)
        .any(|w| w.eq_ignore_ascii_case(b"xn--"))
}

/// A name of a certificate: the field it is in and its value.
struct Name {
    field: Reason,
    value: String,
    /// A DNS name (a dNSName, or a CN that looks like one): checked for homographs.
    host: bool,
}

fn field(phrase: &'static str, attribute: &str) -> Reason {
    Reason::new(phrase).param("attribute", attribute)
}

fn attributes(names: &mut Vec<Name>, phrase: &'static str, der: &[u8]) {
    for (attribute, value) in distinguished_name_attributes(der) {
        let host = phrase == "phrase.name_field.subject"
            && attribute == "CN"
            && value.contains('.')
            && !value.contains(char::is_whitespace);
        names.push(Name {
            field: field(phrase, &attribute),
            value,
            host,
        });
    }
}

fn alt_names(names: &mut Vec<Name>, san: Option<&SubjectAltNames>) {
    let Some(san) = san else {
        return;
    };
    let entries = [("DNS", &san.dns), ("email", &san.email), ("URI", &san.uri)];
    for (attribute, values) in entries {
        for value in values {
            let host = attribute == "DNS";
            if has_hidden(value) || (host && (!value.is_ascii() || has_a_label(value))) {
                names.push(Name {
                    field: field("phrase.name_field.san", attribute),
                    value: value.clone(),
                    host,
                });
            }
        }
    }
}

fn hidden_characters(
    findings: &mut Vec<Finding>,
    context: &Context<'_>,
    id: ObjectId,
    name: &Name,
) {
    let mut characters: Vec<char> = Vec::new();
    for c in name.value.chars().filter(|&c| hidden(c).is_some()) {
        if !characters.contains(&c) {
            characters.push(c);
        }
    }
    if characters.is_empty() {
        return;
    }
    let described = characters.into_iter().map(|c| Arg::Text(describe(c)));
    findings.push(
        Finding::warning(Family::Domain, "name_hidden_characters")
            .param("cert", context.model.object_ref(id))
            .reason("field", name.field.clone())
            .param("value", visible(&name.value).into_owned())
            .param("characters", Arg::List(described.collect()))
            .objects([id]),
    );
}

fn homographs(findings: &mut Vec<Finding>, context: &Context<'_>, id: ObjectId, name: &Name) {
    let Some(found) = homograph(&name.value) else {
        return;
    };
    let scripts = found.scripts.iter().map(|s| Arg::Phrase(s.phrase()));
    let mut finding = Finding::warning(Family::Domain, "name_homograph")
        .param("cert", context.model.object_ref(id))
        .reason("field", name.field.clone())
        .param("name", visible(&name.value).into_owned())
        .param("unicode", visible(&found.unicode).into_owned())
        .param("imitates", visible(&found.imitates).into_owned())
        .param("scripts", Arg::List(scripts.collect()))
        .objects([id]);
    if found.whole_script() {
        finding = finding.variant("whole_script");
    }
    findings.push(finding);
}
