//! `certlens convert FILE... --to FORMAT`: the I/O around [`certlens::convert::convert`].
//! Reads the files (or standard input), draws the salt and IV of keys it encrypts from the
//! system, and writes the outputs all or none (see [`super::files::write_all`]): never over an
//! existing file unless `--force`, private keys readable by their owner only (mode 0600 on
//! Unix).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use certlens::convert::{self, Options, Output, Target};
use certlens::finding::Arg;
use certlens::terminal::visible;
use certlens::{Catalogue, Input};

use super::files::{read_input, write_all, Planned, WriteError};
use super::{language, now, read_password};

#[derive(clap::Args)]
pub(crate) struct ConvertArgs {
    /// Files to convert (PEM, DER, PKCS#7, PKCS#12); '-' reads standard input.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// What to write: pem (one PEM file), der (one DER file per object), pkcs8, pkcs1 (RSA), sec1 (EC), encrypted (PKCS#8 with PBES2, PBKDF2-HMAC-SHA256 600,000 iterations, AES-256-CBC), plain (decrypted PKCS#8), split (one PEM file per object), pfx (PKCS#12: the leaf, its chain and its key; PBES2 AES-256-CBC, PBKDF2-HMAC-SHA256 and a SHA-256 MAC, 100,000 iterations).
    #[arg(long, value_parser = target_parser())]
    to: Target,
    /// The file to write, when the conversion writes one file.
    #[arg(long, value_name = "PATH", conflicts_with = "out_dir")]
    out: Option<PathBuf>,
    /// The directory to write into (created if missing), with names chosen by certlens.
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
    /// File holding the password of encrypted private keys and PKCS#12 files (first line; its newline is ignored).
    #[arg(long, value_name = "PATH")]
    password_file: Option<PathBuf>,
    /// File holding the password to encrypt keys with (--to encrypted, --to pfx; first line; an empty line is the empty password).
    #[arg(long, value_name = "PATH")]
    new_password_file: Option<PathBuf>,
    /// With --to pfx: 3DES and a SHA-1 MAC instead of AES-256 and SHA-256, for Windows Server 2016 and older.
    #[arg(long)]
    legacy: bool,
    /// Replace files that already exist (a symlink at an output path is replaced itself, never followed).
    #[arg(long)]
    force: bool,
    /// Language of the messages: en, zh or ja (default: from LC_ALL, LC_MESSAGES or LANG).
    #[arg(long, value_name = "LANG")]
    lang: Option<String>,
}

/// `--to` takes the core's target names: a target added there is a CLI value too.
fn target_parser() -> impl clap::builder::TypedValueParser<Value = Target> {
    use clap::builder::TypedValueParser as _;
    clap::builder::PossibleValuesParser::new(Target::ALL.map(Target::name))
        .try_map(|name| Target::parse(&name).ok_or("not a target"))
}

/// Exit 0: written; 2: nothing written (the message says why).
pub fn run(args: ConvertArgs) -> Result<ExitCode, String> {
    let catalogue = language(args.lang.as_deref())?;
    let t = |key: &str, params: &[(&'static str, Arg)]| catalogue.render(key, params);
    if args.out.is_none() && args.out_dir.is_none() {
        return Err(t("cli.convert.error.no_destination", &[]));
    }
    let mut inputs = Vec::new();
    for path in &args.files {
        let name = if path.as_os_str() == "-" {
            "stdin".to_string()
        } else {
            path.display().to_string()
        };
        inputs.push(Input::new(name, read_input(path, &catalogue)?));
    }
    let mut options = Options::new(args.to);
    options.at = now();
    if let Some(path) = &args.password_file {
        options.password = Some(read_password(path, &catalogue)?);
    }
    if let Some(path) = &args.new_password_file {
        options.new_password = Some(read_password(path, &catalogue)?);
    }
    options.legacy_pfx = args.legacy;
    if matches!(options.target, Target::Encrypted | Target::Pfx) {
        if options.new_password.is_none() {
            return Err(t("cli.convert.error.new_password_needed", &[]));
        }
        let random = |buf: &mut [u8; 16]| {
            getrandom::getrandom(buf).map_err(|e| {
                t(
                    "cli.convert.error.random",
                    &[("reason", e.to_string().into())],
                )
            })
        };
        random(&mut options.salt)?;
        random(&mut options.iv)?;
    }
    let outputs = convert::convert(&inputs, &options).map_err(|e| e.message(&catalogue))?;

    let paths: Vec<PathBuf> = match (&args.out, &args.out_dir) {
        (Some(path), _) => {
            if outputs.len() != 1 {
                return Err(t(
                    "cli.convert.error.one_file",
                    &[("count", outputs.len().into())],
                ));
            }
            vec![path.clone()]
        }
        (None, Some(dir)) => outputs.iter().map(|o| dir.join(&o.name)).collect(),
        (None, None) => return Err(t("cli.convert.error.no_destination", &[])),
    };
    let planned: Vec<Planned> = outputs
        .iter()
        .zip(&paths)
        .map(|(output, path)| Planned {
            path: path.clone(),
            data: &output.data,
            secret: output.secret,
        })
        .collect();
    if !args.force {
        // Said before the directory is made: exit 2 leaves nothing behind.
        if let Some(existing) = paths.iter().find(|p| p.symlink_metadata().is_ok()) {
            return Err(WriteError::Exists(existing.clone()).message(&catalogue));
        }
    }
    if let Some(dir) = &args.out_dir {
        std::fs::create_dir_all(dir)
            .map_err(|e| WriteError::Io(dir.clone(), e).message(&catalogue))?;
    }
    write_all(&planned, args.force).map_err(|e| e.message(&catalogue))?;
    let mut stdout = std::io::stdout().lock();
    for (output, path) in outputs.iter().zip(&paths) {
        let _ = writeln!(stdout, "{}", visible(&wrote(path, output, &catalogue)));
    }
    Ok(ExitCode::SUCCESS)
}

/// "wrote key.pem: a private key (PKCS#8, PEM)".
fn wrote(path: &Path, output: &Output, catalogue: &Catalogue) -> String {
    let path = ("path", Arg::Text(path.display().to_string()));
    match output.content {
        Some(content) => {
            let key = if output.der {
                "cli.convert.wrote_der"
            } else {
                "cli.convert.wrote_pem"
            };
            catalogue.render(key, &[path, ("what", Arg::Phrase(content.phrase()))])
        }
        None => catalogue.render(
            "cli.convert.wrote_bundle",
            &[path, ("count", output.count.into())],
        ),
    }
}
