//! The root programs: which roots Mozilla (Firefox), Chrome, Apple, Microsoft (Windows),
//! Android and Java trust for TLS servers, and how that changed over time, read from
//! `data/root-programs.der` (`data/FORMAT.md`; made by `scripts/update-pki-data.sh` from the
//! dated snapshots named in `data/README.md`). [`verdict`] judges one root for one client at
//! one instant.
//!
//! The file is ours, but it is read like any input: every length, index and value is checked,
//! and a damaged file is a [`DataError`] naming the field, never a panic.

pub mod clients;
pub mod verdict;

use crate::tlv::{self, Fields};

pub use clients::ClientTrust;
pub use verdict::{Client, LeafFacts, Status};

/// The `format` field this reader understands.
pub const FORMAT: &str = "certlens-root-programs/1";

/// A root program, in the file's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProgramId {
    Mozilla,
    Chrome,
    Apple,
    Microsoft,
    Android,
    Java,
}

impl ProgramId {
    pub const ALL: [ProgramId; 6] = [
        ProgramId::Mozilla,
        ProgramId::Chrome,
        ProgramId::Apple,
        ProgramId::Microsoft,
        ProgramId::Android,
        ProgramId::Java,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ProgramId::Mozilla => "mozilla",
            ProgramId::Chrome => "chrome",
            ProgramId::Apple => "apple",
            ProgramId::Microsoft => "microsoft",
            ProgramId::Android => "android",
            ProgramId::Java => "java",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// A root program's data: where it comes from and its releases, oldest first.
#[derive(Clone, Debug)]
pub struct Program {
    pub id: ProgramId,
    pub source: String,
    /// Judged per version (Android, Java) rather than per instant.
    pub by_version: bool,
    pub versions: Vec<Version>,
}

impl Program {
    /// The newest release the data knows.
    pub fn newest(&self) -> &Version {
        // The reader refuses a program without versions.
        &self.versions[self.versions.len() - 1]
    }
}

#[derive(Clone, Debug)]
pub struct Version {
    /// As the program names it: "NSS 3.123", "v31", "7.1".
    pub label: String,
    /// Its release, Unix seconds.
    pub date: i64,
}

/// A root's standing in one program from one instant (or version) on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// Not in the store (after a trusted state: removed).
    Absent,
    /// Trusted for TLS server authentication.
    Trusted,
    /// Still in the store but no longer trusted for TLS servers (Mozilla).
    WebsitesTrustOff,
    /// On Microsoft's Disallowed list.
    Disallowed,
    /// In the store, but never for websites.
    NotForWebsites,
}

impl State {
    fn from_code(code: i64) -> Option<State> {
        Some(match code {
            0 => State::Absent,
            1 => State::Trusted,
            2 => State::WebsitesTrustOff,
            3 => State::Disallowed,
            4 => State::NotForWebsites,
            _ => return None,
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// Index into the program's versions: the release that made it so.
    pub version: usize,
    /// From this instant on.
    pub from: i64,
    pub state: State,
    /// Trusted only for leaves whose notBefore is not later.
    pub distrust_after: Option<i64>,
    /// Trusted only for leaves whose earliest SCT is not later (Chrome's distrusts).
    pub sct_not_after: Option<i64>,
    /// Not in the data: the state before the program's first data, assumed from it.
    pub inferred: bool,
}

/// One root certificate of some program (now or in the past), as a trust anchor.
#[derive(Clone, Debug)]
pub struct Root {
    pub sha256: [u8; 32],
    /// The subject Name and SubjectPublicKeyInfo, DER, as in the certificate.
    pub subject_der: Vec<u8>,
    pub spki_der: Vec<u8>,
    pub not_before: i64,
    pub not_after: i64,
    /// The CA owner per CCADB; empty when unknown.
    pub owner: String,
    /// The NameConstraints extension value, when the root has one.
    pub name_constraints: Option<Vec<u8>>,
    /// Events per program ([`ProgramId::index`]); empty: never in that program.
    pub trust: [Vec<Event>; 6],
}

/// Every root of every program, with their history.
#[derive(Clone, Debug)]
pub struct RootPrograms {
    /// The date the sources were gathered: the date of the data ("2026-12-07").
    pub snapshot: String,
    /// The same, Unix seconds.
    pub snapshot_at: i64,
    pub programs: Vec<Program>,
    pub roots: Vec<Root>,
}

/// Why a data file cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataError {
    /// The file: `root-programs.der` or `public-intermediates.der`.
    pub file: &'static str,
    /// Which field, and what is wrong with it (language-neutral: a path and a DER fact).
    pub detail: String,
}

impl std::fmt::Display for DataError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file, self.detail)
    }
}

impl std::error::Error for DataError {}

/// More than any program has or will: bounds on what a damaged file can make certlens hold.
const MAX_ROOTS: usize = 10_000;
const MAX_VERSIONS: usize = 10_000;
const MAX_EVENTS: usize = 1_000;

impl RootPrograms {
    /// Reads `root-programs.der`.
    pub fn read(data: &[u8]) -> Result<RootPrograms, DataError> {
        read_root_programs(data).map_err(|detail| DataError {
            file: "root-programs.der",
            detail,
        })
    }

    pub fn program(&self, id: ProgramId) -> &Program {
        // The reader requires all six, in order.
        &self.programs[id.index()]
    }

    /// The data as compiled into this build (`data/root-programs.der`).
    #[cfg(feature = "bundled-data")]
    pub fn bundled() -> Result<std::sync::Arc<RootPrograms>, DataError> {
        static BUNDLED: std::sync::OnceLock<Result<std::sync::Arc<RootPrograms>, DataError>> =
            std::sync::OnceLock::new();
        BUNDLED
            .get_or_init(|| {
                RootPrograms::read(include_bytes!("../../data/root-programs.der"))
                    .map(std::sync::Arc::new)
            })
            .clone()
    }
}

/// A data file's outer SEQUENCE, its `format` (which must be `expected`) and `snapshot`
/// date: the rest of its fields, the snapshot and that date in Unix seconds.
pub(crate) fn data_file<'a>(
    data: &'a [u8],
    expected: &str,
) -> Result<(Fields<'a>, String, i64), String> {
    let (outer, rest) = tlv::read_tlv(data).map_err(|e| format!("file: {e}"))?;
    if outer.tag != tlv::SEQUENCE || !rest.is_empty() {
        return Err(String::from("file: not one DER SEQUENCE"));
    }
    let mut fields = Fields::new(outer.value);
    let format = fields.utf8("format")?;
    if format != expected {
        return Err(format!("format: \"{format}\", expected \"{expected}\""));
    }
    let snapshot = fields.utf8("snapshot")?.to_string();
    let snapshot_at = parse_date(&snapshot).ok_or_else(|| format!("snapshot: \"{snapshot}\""))?;
    Ok((fields, snapshot, snapshot_at))
}

fn read_root_programs(data: &[u8]) -> Result<RootPrograms, String> {
    let (mut fields, snapshot, snapshot_at) = data_file(data, FORMAT)?;
    let programs = sequence_of(&mut fields, "programs", ProgramId::ALL.len(), read_program)?;
    for (index, (program, id)) in programs.iter().zip(ProgramId::ALL).enumerate() {
        if program.id != id {
            return Err(format!("programs[{index}]: expected {}", id.name()));
        }
    }
    if programs.len() != ProgramId::ALL.len() {
        return Err(format!("programs: {} instead of 6", programs.len()));
    }
    let roots = sequence_of(&mut fields, "roots", MAX_ROOTS, |tlv| {
        read_root(tlv, &programs)
    })?;
    fields.end("file")?;
    Ok(RootPrograms {
        snapshot,
        snapshot_at,
        programs,
        roots,
    })
}

/// Reads `SEQUENCE OF X` as the next field, at most `limit` elements. Each element's reader
/// reports errors relative to the element (`"state: 9"`, or `": not a SEQUENCE"` for the
/// element itself); the path to it is only written when there is an error.
fn sequence_of<T>(
    fields: &mut Fields<'_>,
    name: &str,
    limit: usize,
    mut read: impl FnMut(tlv::Tlv<'_>) -> Result<T, String>,
) -> Result<Vec<T>, String> {
    let list = fields.next(tlv::SEQUENCE, name)?;
    let items = tlv::children(list.value, limit)
        .ok_or_else(|| format!("{name}: malformed, or more than {limit} elements"))?;
    items
        .into_iter()
        .enumerate()
        .map(|(index, item)| {
            read(item).map_err(|error| {
                let join = if error.starts_with(':') { "" } else { "." };
                format!("{name}[{index}]{join}{error}")
            })
        })
        .collect()
}

fn read_program(tlv: tlv::Tlv<'_>) -> Result<Program, String> {
    let mut fields = sequence_fields(tlv)?;
    let name = fields.utf8("id")?;
    let id = ProgramId::ALL
        .into_iter()
        .find(|id| id.name() == name)
        .ok_or_else(|| format!("id: unknown program \"{name}\""))?;
    let source = fields.utf8("source")?.to_string();
    let by_version = fields.boolean("byVersion")?;
    let versions = sequence_of(&mut fields, "versions", MAX_VERSIONS, |tlv| {
        let mut fields = sequence_fields(tlv)?;
        let label = fields.utf8("label")?.to_string();
        let date = fields.integer("date")?;
        fields.end("")?;
        Ok(Version { label, date })
    })?;
    if versions.is_empty() {
        return Err(String::from("versions: empty"));
    }
    if versions.windows(2).any(|pair| pair[0].date > pair[1].date) {
        return Err(String::from("versions: not oldest first"));
    }
    fields.end("")?;
    Ok(Program {
        id,
        source,
        by_version,
        versions,
    })
}

fn read_root(tlv: tlv::Tlv<'_>, programs: &[Program]) -> Result<Root, String> {
    let mut fields = sequence_fields(tlv)?;
    let sha256: [u8; 32] = fields
        .next(tlv::OCTET_STRING, "sha256")?
        .value
        .try_into()
        .map_err(|_| String::from("sha256: not 32 bytes"))?;
    let subject_der = fields.next(tlv::SEQUENCE, "subject")?.raw;
    let spki_der = fields.next(tlv::SEQUENCE, "spki")?.raw;
    let not_before = fields.integer("notBefore")?;
    let not_after = fields.integer("notAfter")?;
    let owner = fields.utf8("owner")?.to_string();
    let mut trust: [Vec<Event>; 6] = Default::default();
    let entries = sequence_of(&mut fields, "trust", programs.len(), |tlv| {
        read_program_trust(tlv, programs)
    })?;
    for (index, (program, events)) in entries.into_iter().enumerate() {
        if !trust[program].is_empty() {
            return Err(format!("trust[{index}]: program listed twice"));
        }
        trust[program] = events;
    }
    let name_constraints = fields.optional(0x80).map(|tlv| tlv.value.to_vec());
    fields.end("")?;
    Ok(Root {
        sha256,
        subject_der: subject_der.to_vec(),
        spki_der: spki_der.to_vec(),
        not_before,
        not_after,
        owner,
        name_constraints,
        trust,
    })
}

fn read_program_trust(
    tlv: tlv::Tlv<'_>,
    programs: &[Program],
) -> Result<(usize, Vec<Event>), String> {
    let mut fields = sequence_fields(tlv)?;
    let program = fields.integer("program")?;
    let program = usize::try_from(program)
        .ok()
        .filter(|&p| p < programs.len())
        .ok_or_else(|| format!("program: no program {program}"))?;
    let versions = programs[program].versions.len();
    let events = sequence_of(&mut fields, "events", MAX_EVENTS, |tlv| {
        read_event(tlv, versions)
    })?;
    if events.is_empty() {
        return Err(String::from("events: empty"));
    }
    if events
        .windows(2)
        .any(|pair| (pair[0].version, pair[0].from) > (pair[1].version, pair[1].from))
    {
        return Err(String::from("events: not sorted by version and instant"));
    }
    fields.end("")?;
    Ok((program, events))
}

fn read_event(tlv: tlv::Tlv<'_>, versions: usize) -> Result<Event, String> {
    let mut fields = sequence_fields(tlv)?;
    let version = fields.integer("version")?;
    let version = usize::try_from(version)
        .ok()
        .filter(|&v| v < versions)
        .ok_or_else(|| format!("version: no version {version}"))?;
    let from = fields.integer("from")?;
    let state = fields.integer("state")?;
    let state = State::from_code(state).ok_or_else(|| format!("state: {state}"))?;
    let mut tagged = |tag: u8, name: &str| -> Result<Option<i64>, String> {
        fields
            .optional(tag)
            .map(|tlv| {
                tlv::integer_value(tlv.value).ok_or_else(|| format!("{name}: not an integer"))
            })
            .transpose()
    };
    let distrust_after = tagged(0x81, "distrustAfter")?;
    let sct_not_after = tagged(0x82, "sctNotAfter")?;
    let inferred = match fields.optional(0x83) {
        Some(tlv) => {
            tlv::boolean_value(tlv.value).ok_or_else(|| String::from("inferred: not a BOOLEAN"))?
        }
        None => false,
    };
    fields.end("")?;
    Ok(Event {
        version,
        from,
        state,
        distrust_after,
        sct_not_after,
        inferred,
    })
}

fn sequence_fields(tlv: tlv::Tlv<'_>) -> Result<Fields<'_>, String> {
    if tlv.tag != tlv::SEQUENCE {
        return Err(String::from(": not a SEQUENCE"));
    }
    Ok(Fields::new(tlv.value))
}

/// `YYYY-MM-DD` as Unix seconds at midnight UTC.
pub fn parse_date(text: &str) -> Option<i64> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let date = time::Date::parse(text, &format).ok()?;
    Some(date.midnight().assume_utc().unix_timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf8(text: &str) -> Vec<u8> {
        tlv::encode(tlv::UTF8_STRING, text.as_bytes())
    }
    fn int(n: i64) -> Vec<u8> {
        let bytes = n.to_be_bytes();
        let skip = bytes
            .windows(2)
            .take_while(|w| (w[0] == 0 && w[1] & 0x80 == 0) || (w[0] == 0xff && w[1] & 0x80 != 0))
            .count();
        tlv::encode(tlv::INTEGER, &bytes[skip..])
    }
    fn seq(parts: &[Vec<u8>]) -> Vec<u8> {
        tlv::encode(tlv::SEQUENCE, &parts.concat())
    }

    fn program(id: &str, by_version: bool) -> Vec<u8> {
        let version = seq(&[utf8("1"), int(1_700_000_000)]);
        let boolean = tlv::encode(tlv::BOOLEAN, &[if by_version { 0xff } else { 0 }]);
        seq(&[utf8(id), utf8("test"), boolean, seq(&[version])])
    }

    fn file(roots: &[Vec<u8>]) -> Vec<u8> {
        let programs: Vec<Vec<u8>> = ProgramId::ALL
            .iter()
            .map(|id| {
                program(
                    id.name(),
                    matches!(id, ProgramId::Android | ProgramId::Java),
                )
            })
            .collect();
        seq(&[utf8(FORMAT), utf8("2026-12-07"), seq(&programs), seq(roots)])
    }

    fn root(events: &[Vec<u8>]) -> Vec<u8> {
        let name = seq(&[]);
        let spki = seq(&[seq(&[]), tlv::encode(tlv::BIT_STRING, &[0])]);
        let trust = seq(&[seq(&[int(1), seq(events)])]);
        seq(&[
            tlv::encode(tlv::OCTET_STRING, &[7; 32]),
            name,
            spki,
            int(0),
            int(2_000_000_000),
            utf8("Example CA"),
            trust,
        ])
    }

    #[test]
    fn reads_a_minimal_file() {
        let event = seq(&[
            int(0),
            int(1_700_000_000),
            int(1),
            tlv::encode(0x82, &int(1_731_369_599)[2..]),
        ]);
        let data = RootPrograms::read(&file(&[root(&[event])])).expect("reads");
        assert_eq!(data.snapshot, "2026-12-07");
        assert_eq!(data.roots.len(), 1);
        let events = &data.roots[0].trust[ProgramId::Chrome.index()];
        assert_eq!(events[0].state, State::Trusted);
        assert_eq!(events[0].sct_not_after, Some(1_731_369_599));
        assert!(data.program(ProgramId::Android).by_version);
    }

    #[test]
    fn damaged_files_name_the_field() {
        let bad_state = seq(&[int(0), int(0), int(9)]);
        let error = RootPrograms::read(&file(&[root(&[bad_state])])).unwrap_err();
        assert_eq!(error.detail, "roots[0].trust[0].events[0].state: 9");
        let bad_version = seq(&[int(5), int(0), int(1)]);
        let error = RootPrograms::read(&file(&[root(&[bad_version])])).unwrap_err();
        assert!(error.detail.contains("events[0].version"), "{error}");
        let good = file(&[]);
        for cut in 0..good.len() {
            assert!(RootPrograms::read(&good[..cut]).is_err());
        }
        assert!(RootPrograms::read(&good).is_ok());
    }
}
