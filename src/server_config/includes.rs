//! Following includes: which files each include pattern names, each read once, within
//! [`MAX_INCLUDED_FILES`] files and [`MAX_CONFIG_BYTES`] bytes in all. Where the files come from is the front end's business ([`ConfigSource`]: the disk for the CLI,
//! memory for the fuzzer); what was not read is recorded with its reason, so the audit can
//! say so instead of auditing less than the server reads.

use std::collections::BTreeMap;

use super::{ConfigFile, Dialect, Included, IncludedFile, MAX_INCLUDED_FILES};
use crate::input::{Input, MAX_INPUT_BYTES};

/// All configuration files of one audit together are read up to this many bytes (real ones
/// are a few hundred KB); the files beyond are reported as not read.
pub const MAX_CONFIG_BYTES: usize = MAX_INPUT_BYTES;

/// Where configuration files come from.
pub trait ConfigSource {
    /// The files an include pattern (as written) names, in the order the server reads them,
    /// or why it names none (a plain path that does not exist).
    fn resolve(&mut self, pattern: &str) -> Result<Vec<String>, String>;
    /// One file's bytes, at most `limit` of them, or why it cannot be read (in the words
    /// the report uses: permission denied, not a regular file, larger than the limit).
    fn read(&mut self, name: &str, limit: usize) -> Result<Vec<u8>, String>;
    /// Why a file was not read because the audit's reading limits were reached.
    fn over_limit(&self) -> String;
}

/// The main configuration and every file its includes name, with what each include pattern
/// resolved to, for [`super::AuditInput`].
pub fn follow_includes(
    main: Input,
    dialect: Dialect,
    source: &mut dyn ConfigSource,
) -> (Vec<Input>, BTreeMap<String, Included>) {
    let mut remaining = MAX_CONFIG_BYTES.saturating_sub(main.data.len());
    let mut queue = vec![ConfigFile::parse(&main.name, &main.data, dialect)];
    // Every file met so far, with why it could not be read.
    let mut seen: BTreeMap<String, Option<String>> = BTreeMap::from([(main.name.clone(), None)]);
    let mut configs = vec![main];
    let mut includes = BTreeMap::new();
    while let Some(config) = queue.pop() {
        for include in config.includes() {
            let pattern = include.arg();
            if includes.contains_key(pattern) {
                continue;
            }
            let resolved = match source.resolve(pattern) {
                Err(_) if include.is("IncludeOptional") => Included::Files(Vec::new()),
                Err(reason) => Included::Unreadable(reason),
                Ok(names) => Included::Files(
                    names
                        .into_iter()
                        .map(|name| {
                            let mut file = IncludedFile {
                                name,
                                unreadable: None,
                            };
                            if let Some(failure) = seen.get(&file.name) {
                                file.unreadable = failure.clone();
                                return file;
                            }
                            if seen.len() > MAX_INCLUDED_FILES || remaining == 0 {
                                file.unreadable = Some(source.over_limit());
                                return file;
                            }
                            match source.read(&file.name, remaining) {
                                Ok(data) => {
                                    remaining = remaining.saturating_sub(data.len());
                                    queue.push(ConfigFile::parse(&file.name, &data, dialect));
                                    configs.push(Input::new(file.name.clone(), data));
                                }
                                Err(reason) => file.unreadable = Some(reason),
                            }
                            seen.insert(file.name.clone(), file.unreadable.clone());
                            file
                        })
                        .collect(),
                ),
            };
            includes.insert(pattern.to_string(), resolved);
        }
    }
    (configs, includes)
}
