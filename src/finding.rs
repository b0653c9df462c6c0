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
}

impl Family {
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Location {
    pub input: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub block: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub check: Family,
    pub severity: Severity,
    /// Stable identifier other tools may rely on, e.g. `expired`, `leaf_not_first`.
    pub code: &'static str,
    pub message: String,
    pub objects: Vec<ObjectId>,
    pub fix: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
}

impl Finding {
    pub fn new(
        check: Family,
        severity: Severity,
        code: &'static str,
        message: impl Into<String>,
    ) -> Finding {
        Finding {
            check,
            severity,
            code,
            message: message.into(),
            objects: Vec::new(),
            fix: None,
            location: None,
        }
    }
    pub fn error(check: Family, code: &'static str, message: impl Into<String>) -> Finding {
        Finding::new(check, Severity::Error, code, message)
    }
    pub fn warning(check: Family, code: &'static str, message: impl Into<String>) -> Finding {
        Finding::new(check, Severity::Warning, code, message)
    }
    pub fn info(check: Family, code: &'static str, message: impl Into<String>) -> Finding {
        Finding::new(check, Severity::Info, code, message)
    }
    pub fn objects(mut self, objects: impl IntoIterator<Item = ObjectId>) -> Finding {
        self.objects.extend(objects);
        self
    }
    pub fn fix(mut self, fix: impl Into<String>) -> Finding {
        self.fix = Some(fix.into());
        self
    }
    pub fn at(mut self, location: Location) -> Finding {
        self.location = Some(location);
        self
    }
}
