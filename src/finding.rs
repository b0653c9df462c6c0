//! Findings: what the checks report, each with the evidence and the fix in the user's terms.

use serde::Serialize;

use crate::model::ObjectId;

/// The check families; a finding's `check` field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    Format,
    Order,
    Chain,
    Trust,
    KeyMatch,
    Expiry,
    Domain,
    Strength,
    Usage,
    /// Server configuration audits ([`crate::server_config`]); no check of `inspect`.
    Config,
}

impl Family {
    pub const ALL: [Family; 10] = [
        Family::Format,
        Family::Order,
        Family::Chain,
        Family::Trust,
        Family::KeyMatch,
        Family::Expiry,
        Family::Domain,
        Family::Strength,
        Family::Usage,
        Family::Config,
    ];

    /// The family of a name as [`Family::name`] writes it.
    pub fn from_name(name: &str) -> Option<Family> {
        Family::ALL.into_iter().find(|family| family.name() == name)
    }

    /// The name used in JSON and text output.
    pub fn name(self) -> &'static str {
        match self {
            Family::Format => "format",
            Family::Order => "order",
            Family::Chain => "chain",
            Family::Trust => "trust",
            Family::KeyMatch => "key_match",
            Family::Expiry => "expiry",
            Family::Domain => "domain",
            Family::Strength => "strength",
            Family::Usage => "usage",
            Family::Config => "config",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Clients will fail, or the input could not be read.
    Error,
    /// Works for some clients or not for long, or something was repaired.
    Warning,
    /// Worth knowing; nothing to fix.
    Info,
}

/// Where in the inputs a finding points, when it is about text rather than an object.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Location {
    pub input: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub block: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

/// A value a finding's text refers to by name (`{days}`); rendered per language by
/// [`crate::i18n::Catalogue`], and given as is in the report's `params`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Arg {
    /// Shown as it is: names, file names, algorithm names, technical details.
    Text(String),
    Count(i64),
    /// Unix seconds, shown as RFC 3339.
    Time(i64),
    /// A catalogue key whose text is shown, e.g. `phrase.server_certificate`; its own
    /// placeholders are filled from the finding's params.
    Phrase(&'static str),
    /// An object of the inputs, named as the catalogue's `object.<kind>` says.
    Object(ObjectRef),
    /// A place in the inputs, named as the catalogue's `place.<kind>` says.
    Place(Location),
    /// Shown joined with the catalogue's `list.separator`.
    List(Vec<Arg>),
    /// An ordered list (a chain), shown joined with the catalogue's `list.sequence` (" → ").
    Sequence(Vec<Arg>),
    /// Whole sentences, shown one after the other (`list.sentences`).
    Sentences(Vec<Arg>),
    /// A phrase with values of its own, for lists whose items each need theirs (version
    /// ranges: "4.4–13", "14 and later").
    Clause(Reason),
}

/// One of several clauses explaining a problem (a weak key, a malformed certificate): a
/// `phrase.<key>` of the catalogue and the values it names. [`Finding::reason`] adds both to
/// a finding's params, so one JSON object carries the phrase key and its values.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Reason {
    pub phrase: &'static str,
    pub params: Vec<(&'static str, Arg)>,
}

impl Reason {
    pub fn new(phrase: &'static str) -> Reason {
        Reason {
            phrase,
            params: Vec::new(),
        }
    }
    pub fn param(mut self, name: &'static str, value: impl Into<Arg>) -> Reason {
        self.params.push((name, value.into()));
        self
    }
}

/// What a finding's text needs to name an object without the model at hand.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ObjectRef {
    pub id: ObjectId,
    /// `certificate`, `private_key`, `public_key`, `csr` or `unknown`.
    pub kind: &'static str,
    /// A certificate's display name or a CSR's subject; empty for keys.
    pub name: String,
    /// What an unusable object is, as a `content.<kind>` catalogue key.
    pub what: &'static str,
    pub input: String,
    /// Zero-based; shown one-based.
    pub block: usize,
}

impl From<String> for Arg {
    fn from(text: String) -> Arg {
        Arg::Text(text)
    }
}
impl From<&str> for Arg {
    fn from(text: &str) -> Arg {
        Arg::Text(text.to_string())
    }
}
impl From<i64> for Arg {
    fn from(n: i64) -> Arg {
        Arg::Count(n)
    }
}
impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Count(i64::try_from(n).unwrap_or(i64::MAX))
    }
}
impl From<ObjectRef> for Arg {
    fn from(object: ObjectRef) -> Arg {
        Arg::Object(object)
    }
}
impl From<Location> for Arg {
    fn from(place: Location) -> Arg {
        Arg::Place(place)
    }
}

impl Serialize for Arg {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Arg::Text(text) => serializer.serialize_str(text),
            Arg::Count(n) => serializer.serialize_i64(*n),
            Arg::Time(t) => serializer.serialize_str(&crate::instant::rfc3339(*t)),
            Arg::Phrase(key) => serializer.serialize_str(key),
            Arg::Object(object) => serializer.serialize_u64(object.id as u64),
            Arg::Place(place) => place.serialize(serializer),
            Arg::List(items) | Arg::Sequence(items) | Arg::Sentences(items) => {
                items.serialize(serializer)
            }
            Arg::Clause(reason) => {
                use serde::ser::SerializeMap;
                let mut map = serializer.serialize_map(Some(reason.params.len() + 1))?;
                map.serialize_entry("phrase", reason.phrase)?;
                for (name, arg) in &reason.params {
                    map.serialize_entry(name, arg)?;
                }
                map.end()
            }
        }
    }
}

fn serialize_params<S: serde::Serializer>(
    params: &[(&'static str, Arg)],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = serializer.serialize_map(Some(params.len()))?;
    for (name, arg) in params {
        map.serialize_entry(name, arg)?;
    }
    map.end()
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub check: Family,
    pub severity: Severity,
    /// Stable identifier other tools may rely on, e.g. `expired`, `leaf_not_first`.
    pub code: &'static str,
    /// Which of the code's texts applies, when it has several (e.g. the leaf's or a chain
    /// certificate's fix); the catalogue falls back to the code's plain text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variant: Option<&'static str>,
    /// The values the texts name, by placeholder.
    #[serde(serialize_with = "serialize_params")]
    pub params: Vec<(&'static str, Arg)>,
    /// Rendered in the report's language by [`crate::i18n::Catalogue::localise`].
    pub message: String,
    pub objects: Vec<ObjectId>,
    pub fix: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
}

impl Finding {
    /// A finding whose texts are the catalogue's `finding.<code>.message` and `.fix`.
    pub fn new(check: Family, severity: Severity, code: &'static str) -> Finding {
        Finding {
            check,
            severity,
            code,
            variant: None,
            params: Vec::new(),
            message: String::new(),
            objects: Vec::new(),
            fix: None,
            location: None,
        }
    }
    pub fn error(check: Family, code: &'static str) -> Finding {
        Finding::new(check, Severity::Error, code)
    }
    pub fn warning(check: Family, code: &'static str) -> Finding {
        Finding::new(check, Severity::Warning, code)
    }
    pub fn info(check: Family, code: &'static str) -> Finding {
        Finding::new(check, Severity::Info, code)
    }
    /// A value the texts name as `{name}`.
    pub fn param(mut self, name: &'static str, value: impl Into<Arg>) -> Finding {
        self.params.push((name, value.into()));
        self
    }
    /// A reason shown as `{name}`; its values join the finding's params.
    pub fn reason(mut self, name: &'static str, reason: Reason) -> Finding {
        self.params.push((name, Arg::Phrase(reason.phrase)));
        self.params.extend(reason.params);
        self
    }
    pub fn variant(mut self, variant: &'static str) -> Finding {
        self.variant = Some(variant);
        self
    }
    pub fn objects(mut self, objects: impl IntoIterator<Item = ObjectId>) -> Finding {
        self.objects.extend(objects);
        self
    }
    pub fn at(mut self, location: Location) -> Finding {
        self.location = Some(location);
        self
    }
}
