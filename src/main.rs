//! The certlens command line: reads files, calls the library, prints the report.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use certlens::public_intermediates::PublicIntermediates;
use certlens::root_programs::{ProgramId, RootPrograms};
use certlens::terminal::visible;
use certlens::{inspect, render_text, Catalogue, Input, Options, TextStyle};

/// `certlens config`: reads a server configuration, its includes and the files it names.
#[path = "cli/config.rs"]
mod config;

/// `certlens convert`: writes the conversions of the core's `convert` module.
#[path = "cli/convert.rs"]
mod convert;

/// Reading inputs bounded and writing outputs all or nothing.
#[path = "cli/files.rs"]
mod files;

#[derive(Parser)]
#[command(
    name = "certlens",
    version,
    about = "Offline checks for TLS certificates, chains and keys"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check certificates, chains, keys and CSRs. Exit 0: no errors; 1: errors; 2: usage error or nothing readable.
    Check(CheckArgs),
    /// Audit the TLS servers of an nginx or Apache configuration: every check on each server's certificate, chain and key files with its names as hosts, plus protocols, ciphers, file contents and permissions. Exit codes as for check.
    Config(ConfigArgs),
    /// Convert certificates, CSRs and keys: DER <-> PEM, PKCS#7 and PKCS#12 -> PEM, PKCS#1/SEC1 <-> PKCS#8, encrypted <-> plain keys, a bundle split into files, certificates + key -> PKCS#12 (.pfx). Never overwrites a file without --force; keys are written with mode 0600. Exit 0: written; 2: nothing written.
    Convert(convert::ConvertArgs),
}

#[derive(clap::Args)]
pub(crate) struct ConfigArgs {
    /// The configuration file: nginx.conf, httpd.conf, apache2.conf or one site's file.
    file: PathBuf,
    /// Directory that relative paths (includes, certificates, keys) are relative to. Default: nginx: the configuration file's directory (nginx's prefix when started with -c FILE); Apache: its ServerRoot, else the configuration file's directory.
    #[arg(long, value_name = "DIR")]
    prefix: Option<PathBuf>,
    /// Evaluate validity at this instant (RFC 3339) instead of now.
    #[arg(long, value_name = "RFC3339")]
    at: Option<String>,
    /// Trust exactly these root certificates instead of the root programs' roots (repeatable).
    #[arg(long = "trust", value_name = "PATH")]
    trust: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Language of the report: en, zh or ja (default: from LC_ALL, LC_MESSAGES or LANG).
    #[arg(long, value_name = "LANG")]
    lang: Option<String>,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files to check (PEM, DER, PKCS#7, PKCS#12); none or '-' reads standard input.
    files: Vec<PathBuf>,
    /// A name the certificate must cover (repeatable).
    #[arg(long = "host", value_name = "NAME")]
    hosts: Vec<String>,
    /// Evaluate validity at this instant (RFC 3339) instead of now.
    #[arg(long, value_name = "RFC3339")]
    at: Option<String>,
    /// File holding the password of encrypted private keys and PKCS#12 files (first line; its newline is ignored).
    #[arg(long, value_name = "PATH")]
    password_file: Option<PathBuf>,
    /// Trust exactly these root certificates instead of the root programs' roots (repeatable).
    #[arg(long = "trust", value_name = "PATH")]
    trust: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Write the corrected chain (leaf first, root left out) as PEM to this file. Never over an existing file unless --force.
    #[arg(long, value_name = "PATH")]
    fullchain: Option<PathBuf>,
    /// With --fullchain: replace the file if it exists (a symlink there is replaced itself, not followed).
    #[arg(long, requires = "fullchain")]
    force: bool,
    /// Language of the report: en, zh or ja (default: from LC_ALL, LC_MESSAGES or LANG).
    #[arg(long, value_name = "LANG")]
    lang: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    // The data compiled in is read once, up front: a damaged table stops certlens here, with
    // its name and the field, instead of every verdict going quietly wrong.
    let data = RootPrograms::bundled().and_then(|programs| {
        PublicIntermediates::bundled().map(|intermediates| (programs, intermediates))
    });
    let (programs, intermediates) = match data {
        Ok(data) => data,
        Err(error) => {
            let params = [
                ("file", error.file.into()),
                ("detail", error.detail.as_str().into()),
            ];
            let catalogue = language(None).unwrap_or_default();
            say_error(&catalogue.render("cli.error.data_damaged", &params));
            return ExitCode::from(2);
        }
    };
    let catalogue = language(None).unwrap_or_default();
    let version = format!(
        "{}\n{}",
        env!("CARGO_PKG_VERSION"),
        data_line(&programs, &intermediates, &catalogue)
    );
    let command = Cli::command().version(&*Box::leak(version.into_boxed_str()));
    let cli = match Cli::from_arg_matches(&command.get_matches()) {
        Ok(cli) => cli,
        Err(error) => error.exit(),
    };
    let result = match cli.command {
        Command::Check(args) => check(args),
        Command::Config(args) => config::run(args),
        Command::Convert(args) => convert::run(args),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            say_error(&message);
            ExitCode::from(2)
        }
    }
}

fn check(args: CheckArgs) -> Result<ExitCode, String> {
    let catalogue = language(args.lang.as_deref())?;
    let t = |key: &str, params: &[(&'static str, certlens::finding::Arg)]| {
        catalogue.render(key, params)
    };
    let at = match &args.at {
        Some(text) => certlens::instant::parse_rfc3339(text)?,
        None => now(),
    };
    let password = match &args.password_file {
        Some(path) => Some(read_password(path, &catalogue)?),
        None => None,
    };
    let trust = args
        .trust
        .iter()
        .map(|path| read(path, &catalogue).map(|data| Input::new(path.display().to_string(), data)))
        .collect::<Result<Vec<_>, _>>()?;

    let mut inputs = Vec::new();
    let mut unreadable = Vec::new();
    let paths = if args.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.files.clone()
    };
    for path in &paths {
        let name = if path.as_os_str() == "-" {
            "stdin".to_string()
        } else {
            path.display().to_string()
        };
        match files::read_input(path, &catalogue) {
            Ok(data) => inputs.push(Input::new(name, data)),
            Err(message) if name == "stdin" => return Err(message),
            Err(message) => unreadable.push((name, message)),
        }
    }
    if inputs.is_empty() {
        let reasons: Vec<String> = unreadable.into_iter().map(|(_, message)| message).collect();
        return Err(reasons.join("; "));
    }

    let options = Options {
        hosts: args.hosts.clone(),
        at,
        password,
        trust,
        catalogue: catalogue.clone(),
        ..Options::default()
    };
    let mut report = inspect(&inputs, &options);
    for (name, message) in unreadable {
        report.add_input_error(&name, &message, &catalogue);
    }
    let terminal = std::io::stdout().is_terminal();
    if report.nothing_readable() {
        print_report(&report, args.format, terminal, &catalogue)?;
        say_error(&t("cli.error.nothing_readable", &[]));
        return Ok(ExitCode::from(2));
    }
    if let (Some(path), Some(pem)) = (
        &args.fullchain,
        report.fullchain_pem.as_deref().filter(|p| !p.is_empty()),
    ) {
        let planned = files::Planned {
            path: path.clone(),
            data: pem.as_bytes(),
            secret: false,
        };
        files::write_all(&[planned], args.force).map_err(|e| e.message(&catalogue))?;
    }
    print_report(&report, args.format, terminal, &catalogue)?;
    Ok(if report.summary.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// What `--version` says of the data: its date, each program's newest release, and the
/// public intermediates.
fn data_line(
    programs: &RootPrograms,
    intermediates: &PublicIntermediates,
    catalogue: &Catalogue,
) -> String {
    let newest = |id: ProgramId| programs.program(id).newest().label.as_str().into();
    let params = [
        ("date", programs.snapshot.as_str().into()),
        ("chrome", newest(ProgramId::Chrome)),
        ("mozilla", newest(ProgramId::Mozilla)),
        ("apple", newest(ProgramId::Apple)),
        ("microsoft", newest(ProgramId::Microsoft)),
        ("android", newest(ProgramId::Android)),
        ("java", newest(ProgramId::Java)),
        ("count", intermediates.len().into()),
        ("intermediates_date", intermediates.snapshot.as_str().into()),
    ];
    catalogue.render("cli.data", &params)
}

/// `--lang`, else the locale environment, else English.
pub(crate) fn language(flag: Option<&str>) -> Result<Catalogue, String> {
    if let Some(tag) = flag {
        return Catalogue::builtin(tag).ok_or_else(|| {
            Catalogue::english().render(
                "cli.error.unknown_language",
                &[
                    ("lang", tag.into()),
                    ("languages", certlens::i18n::LANGUAGES.join(", ").into()),
                ],
            )
        });
    }
    // POSIX precedence: the first of these that is set and non-empty decides.
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.is_empty());
    Ok(certlens::i18n::negotiate(locale.as_deref()))
}

fn print_report(
    report: &certlens::Report,
    format: Format,
    terminal: bool,
    catalogue: &Catalogue,
) -> Result<(), String> {
    let text = match format {
        Format::Json => serde_json::to_string_pretty(report).map_err(|e| e.to_string())? + "\n",
        Format::Text => render_text(report, TextStyle { color: terminal }, catalogue),
    };
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`certlens ... | head`) is not an error worth reporting.
    let _ = stdout.write_all(text.as_bytes());
    Ok(())
}

/// An error on standard error, its input-derived parts (file names, values) made visible.
fn say_error(message: &str) {
    eprintln!("certlens: {}", visible(message));
}

/// A file the user names (`--trust`, a configuration): a regular file, within the limit.
pub(crate) fn read(path: &std::path::Path, catalogue: &Catalogue) -> Result<Vec<u8>, String> {
    files::read_regular(path, certlens::input::MAX_INPUT_BYTES)
        .map(|(data, _)| data)
        .map_err(|e| e.message(path, catalogue))
}

/// The first line of the file, as OpenSSL's `-passin file:` reads it. Only that line is
/// needed, so little is read.
pub(crate) fn read_password(
    path: &std::path::Path,
    catalogue: &Catalogue,
) -> Result<Vec<u8>, String> {
    const MAX_PASSWORD_FILE: usize = 64 * 1024;
    let data = files::read_regular(path, MAX_PASSWORD_FILE)
        .map(|(data, _)| data)
        .map_err(|e| e.message(path, catalogue))?;
    let line = data.split(|&b| b == b'\n').next().unwrap_or_default();
    Ok(line.strip_suffix(b"\r").unwrap_or(line).to_vec())
}

pub(crate) fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}
