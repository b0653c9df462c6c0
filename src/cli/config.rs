//! `certlens config FILE`: the I/O around [`certlens::server_config::audit`]. Reads the
//! configuration, follows its includes (globs, directories, bounded like the core's
//! limits), reads every certificate, key and chain file the servers name with its owner and
//! mode, and prints the audit.
//!
//! Relative paths are resolved against one directory, as the servers do: nginx resolves
//! `include`, `ssl_certificate` and `ssl_certificate_key` against its configuration prefix,
//! the directory of the file given with `nginx -c`, so certlens uses the given file's
//! directory; Apache resolves them against `ServerRoot`, so certlens uses the file's
//! `ServerRoot` when it has one, else the file's directory. `--prefix` overrides both.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use certlens::report::Verdict;
use certlens::server_config::{
    audit, follow_includes, glob_match, referenced_paths, render_config_text, AuditInput,
    ConfigFile, ConfigSource, Dialect, FileContent, FileMeta, MAX_CONFIG_BYTES, MAX_INCLUDED_FILES,
};
use certlens::{Input, Options, TextStyle};

use super::files::read_regular;
use super::{language, now, read, ConfigArgs, Format};

pub fn run(args: ConfigArgs) -> Result<ExitCode, String> {
    let catalogue = language(args.lang.as_deref())?;
    let at = match &args.at {
        Some(text) => certlens::instant::parse_rfc3339(text)?,
        None => now(),
    };
    let trust = args
        .trust
        .iter()
        .map(|path| read(path, &catalogue).map(|data| Input::new(path.display().to_string(), data)))
        .collect::<Result<Vec<_>, _>>()?;
    let main_data = read(&args.file, &catalogue)?;
    let main_name = args.file.display().to_string();
    let dialect = Dialect::detect(&String::from_utf8_lossy(&main_data));

    let mut input = AuditInput {
        configs: vec![Input::new(main_name.clone(), main_data)],
        dialect,
        current_user: current_user(),
        ..AuditInput::default()
    };
    if let Some(dialect) = dialect {
        let main = ConfigFile::parse(&main_name, &input.configs[0].data, dialect);
        let base = match &args.prefix {
            Some(prefix) => prefix.clone(),
            None => {
                let dir = args
                    .file
                    .parent()
                    .map(Path::to_path_buf)
                    .unwrap_or_default();
                match (dialect, main.server_root()) {
                    (Dialect::Apache, Some(root)) => dir.join(root),
                    _ => dir,
                }
            }
        };
        let mut disk = Disk {
            base: &base,
            catalogue: &catalogue,
        };
        let main = input.configs.remove(0);
        (input.configs, input.includes) = follow_includes(main, dialect, &mut disk);
        let configs: Vec<ConfigFile> = input
            .configs
            .iter()
            .map(|c| ConfigFile::parse(&c.name, &c.data, dialect))
            .collect();
        let mut remaining = MAX_REFERENCED_BYTES;
        for path in referenced_paths(&configs, &input.includes) {
            let content = read_referenced(&base.join(&path), &mut remaining, &catalogue);
            input.files.insert(path, content);
        }
    }

    let options = Options {
        at,
        trust,
        catalogue: catalogue.clone(),
        ..Options::default()
    };
    let report = audit(&input, &options);
    let text = match args.format {
        Format::Json => serde_json::to_string_pretty(&report).map_err(|e| e.to_string())? + "\n",
        Format::Text => {
            let style = TextStyle {
                color: std::io::stdout().is_terminal(),
            };
            render_config_text(&report, style, &catalogue)
        }
    };
    use std::io::Write;
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    Ok(if report.dialect.is_none() {
        ExitCode::from(2)
    } else if report.verdict == Verdict::Problems {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// All certificate, key and chain files of one audit together are read up to this many
/// bytes (real ones are a few KB each).
const MAX_REFERENCED_BYTES: usize = certlens::input::MAX_INPUT_BYTES;

/// The configuration files on disk, relative paths resolved against the server's prefix.
struct Disk<'a> {
    base: &'a Path,
    catalogue: &'a certlens::Catalogue,
}

impl ConfigSource for Disk<'_> {
    fn resolve(&mut self, pattern: &str) -> Result<Vec<String>, String> {
        expand_pattern(&self.base.join(pattern))
            .map(|paths| paths.iter().map(|p| p.display().to_string()).collect())
    }

    fn read(&mut self, name: &str, limit: usize) -> Result<Vec<u8>, String> {
        read_regular(Path::new(name), limit)
            .map(|(data, _)| data)
            .map_err(|e| e.reason(self.catalogue))
    }

    fn over_limit(&self) -> String {
        self.catalogue.render(
            "cli.config.error.over_limit",
            &[
                ("files", MAX_INCLUDED_FILES.into()),
                ("limit", (MAX_CONFIG_BYTES / (1024 * 1024)).into()),
            ],
        )
    }
}

/// The files a pattern names: a glob (`*`, `?`, `[…]` in any component) matches sorted, a
/// directory stands for the files in it (Apache), a plain path for itself. A plain path that
/// does not exist is an error; a glob that matches nothing is not (as in nginx).
fn expand_pattern(path: &Path) -> Result<Vec<PathBuf>, String> {
    let text = path.to_string_lossy();
    if !text.contains(['*', '?', '[']) {
        let metadata = std::fs::metadata(path).map_err(|e| e.to_string())?;
        if metadata.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| e.to_string())?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| !p.is_dir())
                .take(MAX_INCLUDED_FILES * 4)
                .collect();
            files.sort();
            return Ok(files);
        }
        return Ok(vec![path.to_path_buf()]);
    }
    let mut current = vec![PathBuf::new()];
    for component in path.components() {
        let part = component.as_os_str().to_string_lossy();
        let mut next = Vec::new();
        if part.contains(['*', '?', '[']) {
            for dir in &current {
                let Ok(entries) = std::fs::read_dir(if dir.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    dir
                }) else {
                    continue;
                };
                let mut names: Vec<String> = entries
                    .filter_map(|e| e.ok()?.file_name().into_string().ok())
                    .filter(|name| !name.starts_with('.') && glob_match(&part, name))
                    .collect();
                names.sort();
                next.extend(names.into_iter().map(|name| dir.join(name)));
            }
        } else {
            next = current
                .iter()
                .map(|dir| dir.join(component.as_os_str()))
                .collect();
        }
        current = next;
        if current.len() > MAX_INCLUDED_FILES * 4 {
            current.truncate(MAX_INCLUDED_FILES * 4);
        }
    }
    // Whatever exists and is not a directory: a FIFO or a device among them is reported as
    // unreadable when it is read, not dropped.
    Ok(current
        .into_iter()
        .filter(|p| p.symlink_metadata().is_ok() && !p.is_dir())
        .collect())
}

/// A certificate, key or chain file with its owner and mode, or why it cannot be read.
fn read_referenced(
    path: &Path,
    remaining: &mut usize,
    catalogue: &certlens::Catalogue,
) -> FileContent {
    if *remaining == 0 {
        return FileContent::Unreadable(catalogue.render(
            "cli.config.error.files_over_limit",
            &[("limit", (MAX_REFERENCED_BYTES / (1024 * 1024)).into())],
        ));
    }
    match read_regular(path, (*remaining).min(certlens::input::MAX_INPUT_BYTES)) {
        Ok((bytes, metadata)) => {
            *remaining -= bytes.len();
            FileContent::Data {
                bytes,
                meta: file_meta(&metadata),
            }
        }
        Err(error) => FileContent::Unreadable(error.reason(catalogue)),
    }
}

#[cfg(unix)]
fn file_meta(metadata: &std::fs::Metadata) -> Option<FileMeta> {
    use std::os::unix::fs::MetadataExt;
    Some(FileMeta {
        mode: metadata.mode() & 0o7777,
        owner: user_name(metadata.uid()),
    })
}

#[cfg(not(unix))]
fn file_meta(_: &std::fs::Metadata) -> Option<FileMeta> {
    None
}

/// The name of a user id, from /etc/passwd (no NSS lookups: LDAP users stay unnamed).
fn user_name(uid: u32) -> Option<String> {
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|line| {
        let mut fields = line.split(':');
        let name = fields.next()?;
        let id = fields.nth(1)?;
        (id.parse::<u32>().ok()? == uid).then(|| name.to_string())
    })
}

/// The user running certlens (its real uid, from /proc/self/status on Linux; else $USER).
fn current_user() -> Option<String> {
    let from_proc = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("Uid:"))?;
            line.split_whitespace().nth(1)?.parse::<u32>().ok()
        })
        .and_then(user_name);
    from_proc.or_else(|| std::env::var("USER").ok())
}
