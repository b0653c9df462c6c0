//! The files the CLI reads and writes. Inputs come from users and from configurations
//! somebody else wrote, so each one is opened once, must be a regular file (a FIFO, a device
//! or a socket would hang or never end; the size of a device says nothing), and is read
//! through a bounded reader that stops at the limit. Outputs are written to temporary files
//! beside their final paths and moved there only when every one is complete, never through a
//! symlink at the final path: when certlens exits 2, nothing was written.

use std::fs::{File, Metadata, OpenOptions};
use std::io::{ErrorKind, Read, Write};
use std::path::{Path, PathBuf};

use certlens::finding::Arg;
use certlens::input::MAX_INPUT_BYTES;
use certlens::Catalogue;

/// Why a file could not be read.
pub enum ReadError {
    Io(std::io::Error),
    /// A directory, FIFO, device or socket: the catalogue key of what it is.
    NotRegular(&'static str),
    /// More than the limit; the size when the file system knows it.
    TooLarge {
        size: Option<u64>,
        limit: usize,
    },
}

impl ReadError {
    /// Why, in the catalogue's language, for a sentence that names the file.
    pub fn reason(&self, catalogue: &Catalogue) -> String {
        match self {
            ReadError::Io(error) => error.to_string(),
            ReadError::NotRegular(kind) => catalogue.render(
                "cli.error.reason.not_regular",
                &[("kind", Arg::Phrase(kind))],
            ),
            ReadError::TooLarge { size, limit } => {
                let limit = ("limit", Arg::from(limit / (1024 * 1024)));
                match size {
                    Some(size) => catalogue.render(
                        "cli.error.reason.too_large",
                        &[("size", Arg::from(*size as usize / (1024 * 1024))), limit],
                    ),
                    None => catalogue.render("cli.error.reason.over_limit", &[limit]),
                }
            }
        }
    }

    /// "cannot read PATH: why".
    pub fn message(&self, path: &Path, catalogue: &Catalogue) -> String {
        let params = [
            ("path", path.display().to_string().into()),
            ("reason", self.reason(catalogue).into()),
        ];
        catalogue.render("cli.error.cannot_read", &params)
    }
}

/// A regular file's bytes (at most `limit`) and its metadata, from one open.
pub fn read_regular(path: &Path, limit: usize) -> Result<(Vec<u8>, Metadata), ReadError> {
    let file = open_for_reading(path).map_err(ReadError::Io)?;
    let metadata = file.metadata().map_err(ReadError::Io)?;
    if !metadata.is_file() {
        return Err(ReadError::NotRegular(kind(&metadata)));
    }
    // A sparse file reports its size before a byte is read; the bounded read below also
    // stops a file that grows while it is read.
    if metadata.len() > limit as u64 {
        return Err(ReadError::TooLarge {
            size: Some(metadata.len()),
            limit,
        });
    }
    let data = read_bounded(file, limit, metadata.len() as usize)?;
    Ok((data, metadata))
}

/// Standard input, at most `limit` bytes.
pub fn read_stdin(limit: usize) -> Result<Vec<u8>, ReadError> {
    read_bounded(std::io::stdin().lock(), limit, 0)
}

/// An input file of `check` or `convert`: a path, or `-` for standard input.
pub fn read_input(path: &Path, catalogue: &Catalogue) -> Result<Vec<u8>, String> {
    if path.as_os_str() == "-" {
        return read_stdin(MAX_INPUT_BYTES).map_err(|e| {
            catalogue.render("cli.error.stdin", &[("reason", e.reason(catalogue).into())])
        });
    }
    read_regular(path, MAX_INPUT_BYTES)
        .map(|(data, _)| data)
        .map_err(|e| e.message(path, catalogue))
}

fn read_bounded(reader: impl Read, limit: usize, expected: usize) -> Result<Vec<u8>, ReadError> {
    let mut data = Vec::with_capacity(expected.min(limit));
    reader
        .take(limit as u64 + 1)
        .read_to_end(&mut data)
        .map_err(ReadError::Io)?;
    if data.len() > limit {
        return Err(ReadError::TooLarge { size: None, limit });
    }
    Ok(data)
}

/// Opens without blocking on a FIFO with no writer (its type is checked after the open, on
/// the descriptor, so the file cannot be swapped in between) and without making a terminal
/// the controlling one.
#[cfg(unix)]
fn open_for_reading(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt as _;
    OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

#[cfg(not(unix))]
fn open_for_reading(path: &Path) -> std::io::Result<File> {
    OpenOptions::new().read(true).open(path)
}

/// The catalogue key naming what a file that is not a regular file is.
fn kind(metadata: &Metadata) -> &'static str {
    if metadata.is_dir() {
        return "cli.file_kind.directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        let file_type = metadata.file_type();
        if file_type.is_fifo() {
            return "cli.file_kind.fifo";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "cli.file_kind.device";
        }
        if file_type.is_socket() {
            return "cli.file_kind.socket";
        }
    }
    "cli.file_kind.special"
}

/// One file to write.
pub struct Planned<'a> {
    pub path: PathBuf,
    pub data: &'a [u8],
    /// A private key or a PFX: mode 0600 on Unix.
    pub secret: bool,
}

/// Why nothing was written.
pub enum WriteError {
    /// Something is at the path already (a file, a directory, a symlink, even a dangling
    /// one) and `--force` was not given.
    Exists(PathBuf),
    Io(PathBuf, std::io::Error),
}

impl WriteError {
    pub fn message(&self, catalogue: &Catalogue) -> String {
        match self {
            WriteError::Exists(path) => catalogue.render(
                "cli.convert.error.exists",
                &[("path", path.display().to_string().into())],
            ),
            WriteError::Io(path, error) => catalogue.render(
                "cli.error.cannot_write",
                &[
                    ("path", path.display().to_string().into()),
                    ("reason", error.to_string().into()),
                ],
            ),
        }
    }
}

/// Writes every file or none. Each goes to a new temporary file in its directory first;
/// then each is linked in under its name (which fails if anything is there, so no existing
/// file or symlink is followed or replaced), or, with `force`, renamed over it (a symlink
/// there is replaced itself; its target is untouched). A failure undoes what was moved in:
/// files created are removed, files replaced are put back.
pub fn write_all(files: &[Planned], force: bool) -> Result<(), WriteError> {
    if !force {
        if let Some(file) = files.iter().find(|f| f.path.symlink_metadata().is_ok()) {
            return Err(WriteError::Exists(file.path.clone()));
        }
    }
    let mut temporaries = Vec::new();
    for file in files {
        match write_temporary(file) {
            Ok(temporary) => temporaries.push(temporary),
            Err(error) => {
                remove_all(&temporaries);
                return Err(WriteError::Io(file.path.clone(), error));
            }
        }
    }
    let mut done: Vec<Moved> = Vec::new();
    for (file, temporary) in files.iter().zip(&temporaries) {
        match move_into_place(temporary, &file.path, force) {
            Ok(moved) => done.push(moved),
            Err(error) => {
                for moved in done.iter().rev() {
                    moved.undo();
                }
                remove_all(&temporaries);
                return Err(error);
            }
        }
    }
    for moved in &done {
        moved.finish();
    }
    remove_all(&temporaries);
    Ok(())
}

/// A file moved into place, and how to undo it.
struct Moved {
    path: PathBuf,
    /// What was at the path before (`--force`), moved aside.
    previous: Option<PathBuf>,
}

impl Moved {
    fn undo(&self) {
        let _ = std::fs::remove_file(&self.path);
        self.undo_previous();
    }
    /// Puts back what `--force` moved aside.
    fn undo_previous(&self) {
        if let Some(previous) = &self.previous {
            let _ = std::fs::rename(previous, &self.path);
        }
    }
    fn finish(&self) {
        if let Some(previous) = &self.previous {
            let _ = std::fs::remove_file(previous);
        }
    }
}

fn move_into_place(temporary: &Path, path: &Path, force: bool) -> Result<Moved, WriteError> {
    let io = |error| WriteError::Io(path.to_path_buf(), error);
    let mut moved = Moved {
        path: path.to_path_buf(),
        previous: None,
    };
    if force {
        if let Ok(metadata) = path.symlink_metadata() {
            if metadata.is_dir() {
                return Err(io(std::io::Error::from(ErrorKind::IsADirectory)));
            }
            let aside = temporary_path(path, "old");
            std::fs::rename(path, &aside).map_err(io)?;
            moved.previous = Some(aside);
        }
    }
    // A hard link is created only where nothing is, atomically; where the file system has
    // none (FAT, some network shares), a rename after the check is the best there is.
    match std::fs::hard_link(temporary, path) {
        Ok(()) => Ok(moved),
        Err(error) if error.kind() == ErrorKind::AlreadyExists => {
            moved.undo_previous();
            Err(WriteError::Exists(path.to_path_buf()))
        }
        Err(_) if path.symlink_metadata().is_err() => match std::fs::rename(temporary, path) {
            Ok(()) => Ok(moved),
            Err(error) => {
                moved.undo_previous();
                Err(io(error))
            }
        },
        Err(error) => {
            moved.undo_previous();
            Err(io(error))
        }
    }
}

fn write_temporary(file: &Planned) -> std::io::Result<PathBuf> {
    for attempt in 0..16 {
        let path = temporary_path(&file.path, &attempt.to_string());
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        if file.secret {
            use std::os::unix::fs::OpenOptionsExt as _;
            options.mode(0o600);
        }
        let mut handle = match options.open(&path) {
            Ok(handle) => handle,
            Err(error) if error.kind() == ErrorKind::AlreadyExists => continue,
            Err(error) => return Err(error),
        };
        let written = handle.write_all(file.data).and_then(|()| handle.sync_all());
        if let Err(error) = written {
            let _ = std::fs::remove_file(&path);
            return Err(error);
        }
        return Ok(path);
    }
    Err(std::io::Error::from(ErrorKind::AlreadyExists))
}

/// `dir/.name.certlens-PID-TAG.tmp`: in the target's directory, so the final move is a
/// rename within one file system.
fn temporary_path(path: &Path, tag: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.certlens-{}-{tag}.tmp", std::process::id()))
}

fn remove_all(paths: &[PathBuf]) {
    for path in paths {
        let _ = std::fs::remove_file(path);
    }
}
