//! `cramberry`: generate Rust from `.cram` schemas, check them, compare versions, and encode, decode or
//! inspect messages from the command line.

mod hex;

use clap::{Parser, Subcommand};
use cramberry::{DecodeError, DecodeErrorKind, DecodeOptions, Limit};
use cramberry_schema::{
    check_compatibility, dynamic, extract, generate_rust_with, generate_typescript, json, load_file, Loaded,
    RustOptions,
};
use std::io::{Read, Write};

mod stream;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "cramberry", version, about = "Cramberry schemas and messages from the command line")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The target language of `cramberry generate`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Lang {
    /// Rust modules using the `cramberry` crate.
    Rust,
    /// A TypeScript module using the `@cramberry/runtime` npm package.
    #[value(alias = "typescript")]
    Ts,
}

#[derive(Subcommand)]
enum Command {
    /// Generate Rust (one module per package) or TypeScript (one module per schema file) from schemas.
    #[command(
        after_help = "Example:\n  cramberry generate schemas/orders.cram -I schemas --out src/generated\n  \
                      cramberry generate --lang ts schemas/orders.cram --out web/src/generated\n  \
                      cramberry generate --services api.cram --out src/generated"
    )]
    Generate {
        /// Schema files.
        #[arg(required = true)]
        schemas: Vec<PathBuf>,
        /// Directories to look up imports in.
        #[arg(short = 'I', long = "include")]
        include: Vec<PathBuf>,
        /// Output directory (created if missing). Rust: one `<package>.rs` per package and a `mod.rs`;
        /// TypeScript: one `<file stem>.ts` per schema file, importing `@cramberry/runtime`.
        #[arg(short, long)]
        out: PathBuf,
        /// The language to generate.
        #[arg(long, value_enum, default_value_t = Lang::Rust)]
        lang: Lang,
        /// Rust: also generate every `service` as a tonic client (`<service>_client`) and server
        /// (`<service>_server`); the crate using them needs `tonic` and cramberry's `tonic` feature.
        #[arg(long)]
        services: bool,
    },
    /// Write the .cram schema of the #[derive(Cramberry)] types in Rust sources; exits 1 (after writing what it
    /// could) when some type or field has no .cram equivalent, listing each with its file and line.
    #[command(
        after_help = "Example:\n  cramberry extract --out schemas/orders.cram --package shop src/orders.rs src/fills.rs"
    )]
    Extract {
        /// Rust source files.
        #[arg(required = true)]
        sources: Vec<PathBuf>,
        /// The schema file to write.
        #[arg(short, long)]
        out: PathBuf,
        /// The schema's package (default: the output file's stem).
        #[arg(long)]
        package: Option<String>,
    },
    /// Validate schemas; exits 1 with diagnostics when one is invalid.
    #[command(after_help = "Example:\n  cramberry check schemas/orders.cram -I schemas")]
    Check {
        /// Schema files.
        #[arg(required = true)]
        schemas: Vec<PathBuf>,
        /// Directories to look up imports in.
        #[arg(short = 'I', long = "include")]
        include: Vec<PathBuf>,
    },
    /// Compare two versions of a schema; exits 1 on breaking changes.
    #[command(after_help = "Example:\n  cramberry compat old/orders.cram new/orders.cram")]
    Compat {
        /// The old version.
        old: PathBuf,
        /// The new version.
        new: PathBuf,
        /// Directories to look up imports in.
        #[arg(short = 'I', long = "include")]
        include: Vec<PathBuf>,
    },
    /// JSON on stdin -> the binary message on stdout.
    #[command(
        after_help = "Example:\n  echo '{\"id\": 7}' | cramberry encode --schema orders.cram --type Order --hex"
    )]
    Encode {
        /// The schema file.
        #[arg(long)]
        schema: PathBuf,
        /// The message type (`Order` or `package.Order`).
        #[arg(long = "type")]
        type_name: String,
        /// Write hex text instead of raw bytes.
        #[arg(long)]
        hex: bool,
        /// Directories to look up imports in.
        #[arg(short = 'I', long = "include")]
        include: Vec<PathBuf>,
        /// Read JSON lines (one message per line) and write them as length-delimited frames.
        #[arg(long)]
        stream: bool,
        /// Like --stream, but write a stream container (header `type`, trailer `count`).
        #[arg(long)]
        container: bool,
    },
    /// A binary message on stdin -> JSON on stdout.
    #[command(
        after_help = "Example:\n  echo '08 07' | cramberry decode --schema orders.cram --type Order --hex"
    )]
    Decode {
        /// The schema file.
        #[arg(long)]
        schema: PathBuf,
        /// The message type (`Order` or `package.Order`).
        #[arg(long = "type")]
        type_name: String,
        /// Read hex text instead of raw bytes.
        #[arg(long)]
        hex: bool,
        #[command(flatten)]
        limits: Limits,
        /// Directories to look up imports in.
        #[arg(short = 'I', long = "include")]
        include: Vec<PathBuf>,
    },
    /// List the frames, headers and trailers of a stream file (a container or plain length-delimited frames),
    /// or with --schema/--type print each message as a JSON line.
    #[command(after_help = "Example:\n  cramberry stream ticks.crams\n  \
                      cramberry stream ticks.crams --schema orders.cram --type Order")]
    Stream {
        /// The stream file.
        file: PathBuf,
        /// A schema to decode the messages with (with --type).
        #[arg(long, requires = "type_name")]
        schema: Option<PathBuf>,
        /// The message type of the stream (with --schema).
        #[arg(long = "type", requires = "schema")]
        type_name: Option<String>,
        /// Directories to look up imports in.
        #[arg(short = 'I', long = "include")]
        include: Vec<PathBuf>,
        #[command(flatten)]
        limits: Limits,
    },
    /// Print the field tree of a message on stdin: from the wire types alone, or with field names from a schema.
    #[command(after_help = "Example:\n  echo '0a 02 61 62 16 05' | cramberry inspect --hex --secure\n  \
                      echo '08 07 12 01 41' | cramberry inspect --hex --schema orders.cram --type Order")]
    Inspect {
        /// Read hex text instead of raw bytes.
        #[arg(long)]
        hex: bool,
        /// A schema that names the fields (with --type).
        #[arg(long, requires = "type_name")]
        schema: Option<PathBuf>,
        /// The message type the input holds (`Order` or `package.Order`; with --schema).
        #[arg(long = "type", requires = "schema")]
        type_name: Option<String>,
        /// Directories to look up imports in.
        #[arg(short = 'I', long = "include")]
        include: Vec<PathBuf>,
        #[command(flatten)]
        limits: Limits,
    },
}

/// How untrusted input is decoded: the options of `DecodeOptions`, as flags.
#[derive(clap::Args)]
struct Limits {
    /// Apply the limits for input from the network (depth 32, message 1 MiB, string 1 MiB, bytes 10 MiB,
    /// 10 000 elements per list or map); the flags below override single limits.
    #[arg(long)]
    secure: bool,
    /// Reject unknown fields.
    #[arg(long)]
    strict: bool,
    /// Accept only canonical bytes (implies --strict).
    #[arg(long)]
    canonical: bool,
    /// Maximum nesting depth.
    #[arg(long, value_name = "N")]
    max_depth: Option<u32>,
    /// Maximum length of the input (and of any nested message), in bytes.
    #[arg(long, value_name = "BYTES")]
    max_message_len: Option<usize>,
    /// Maximum length of a string, in bytes.
    #[arg(long, value_name = "BYTES")]
    max_string_len: Option<usize>,
    /// Maximum length of a bytes value, in bytes.
    #[arg(long, value_name = "BYTES")]
    max_bytes_len: Option<usize>,
    /// Maximum number of elements of a list or entries of a map.
    #[arg(long, value_name = "N")]
    max_elements: Option<usize>,
}

impl Limits {
    /// The decoding options the flags select.
    fn options(&self) -> DecodeOptions {
        let mut options = if self.secure { DecodeOptions::secure() } else { DecodeOptions::default() };
        options = options.deny_unknown_fields(self.strict).require_canonical(self.canonical);
        if let Some(n) = self.max_depth {
            options = options.max_depth(n);
        }
        if let Some(n) = self.max_message_len {
            options = options.max_message_len(n);
        }
        if let Some(n) = self.max_string_len {
            options = options.max_string_len(n);
        }
        if let Some(n) = self.max_bytes_len {
            options = options.max_bytes_len(n);
        }
        if let Some(n) = self.max_elements {
            options = options.max_elements(n);
        }
        options
    }
}

fn main() -> ExitCode {
    match run(Cli::parse().command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            let message = message.trim_end();
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<(), String> {
    match command {
        Command::Generate { lang: Lang::Ts, services: true, .. } => {
            Err("--services generates Rust: TypeScript services are not generated".into())
        }
        Command::Generate { schemas, include, out, lang: Lang::Ts, services: false } => {
            std::fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
            for schema in &schemas {
                let loaded = load(schema, &include)?;
                let name = schema.display().to_string();
                let source = generate_typescript(&loaded.schema, &name).map_err(|e| e.to_string())?;
                let stem = schema.file_stem().unwrap_or_default().to_string_lossy();
                let path = out.join(format!("{stem}.ts"));
                std::fs::write(&path, source).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
                println!("wrote {}", path.display());
            }
            Ok(())
        }
        Command::Generate { schemas, include, out, lang: Lang::Rust, services } => {
            let options = RustOptions::default().services(services);
            std::fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
            let mut modules = Vec::new();
            for schema in &schemas {
                let loaded = load(schema, &include)?;
                let name = schema.display().to_string();
                for (module, source) in
                    generate_rust_with(&loaded.schema, &name, &options).map_err(|e| e.to_string())?
                {
                    let path = out.join(format!("{module}.rs"));
                    std::fs::write(&path, source)
                        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
                    println!("wrote {}", path.display());
                    modules.push(module);
                }
            }
            modules.sort();
            modules.dedup();
            let mod_rs: String = modules.iter().map(|m| format!("pub mod {m};\n")).collect();
            let path = out.join("mod.rs");
            std::fs::write(&path, format!("// @generated by cramberry. Do not edit.\n{mod_rs}"))
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            println!("wrote {}", path.display());
            Ok(())
        }
        Command::Extract { sources, out, package } => {
            let mut texts = Vec::new();
            for source in &sources {
                let text = std::fs::read_to_string(source)
                    .map_err(|e| format!("cannot read {}: {e}", source.display()))?;
                texts.push((source.display().to_string(), text));
            }
            let package = package.unwrap_or_else(|| {
                let stem = out.file_stem().unwrap_or_default().to_string_lossy();
                stem.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect()
            });
            let borrowed: Vec<(&str, &str)> = texts.iter().map(|(f, t)| (f.as_str(), t.as_str())).collect();
            let extracted = extract::extract(&borrowed, Some(&package)).map_err(|e| e.to_string())?;
            std::fs::write(&out, &extracted.schema)
                .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
            println!("wrote {}", out.display());
            if extracted.problems.is_empty() {
                return Ok(());
            }
            let report: Vec<String> = extracted.problems.iter().map(|p| p.to_string()).collect();
            Err(format!("not expressed in the schema:\n{}", report.join("\n")))
        }
        Command::Check { schemas, include } => {
            for schema in &schemas {
                let loaded = load(schema, &include)?;
                for w in &loaded.warnings {
                    eprintln!("{}", loaded.sources.render(w));
                }
                println!("{}: ok", schema.display());
            }
            Ok(())
        }
        Command::Compat { old, new, include } => {
            let (old, new) = (load(&old, &include)?, load(&new, &include)?);
            let report = check_compatibility(&old, &new);
            print!("{report}");
            if report.is_breaking() {
                return Err("breaking changes found".into());
            }
            if report.changes.is_empty() {
                println!("compatible: no changes on the wire");
            }
            Ok(())
        }
        Command::Encode { schema, type_name, hex, include, stream, container } => {
            let loaded = load(&schema, &include)?;
            let index = message_index(&loaded, &type_name)?;
            let input = read_stdin()?;
            let text = String::from_utf8(input).map_err(|_| "stdin is not UTF-8 JSON".to_string())?;
            if stream || container {
                let typed = stream::Typed { loaded: &loaded, index };
                return write_stdout(&stream::encode_lines(&typed, &type_name, &text, container)?, hex);
            }
            let value: serde_json::Value =
                serde_json::from_str(&text).map_err(|e| format!("invalid JSON: {e}"))?;
            let message = json::from_json(&loaded.schema, index, &value).map_err(|e| e.to_string())?;
            let bytes = dynamic::encode(&loaded.schema, &message).map_err(|e| e.to_string())?;
            write_stdout(&bytes, hex)
        }
        Command::Decode { schema, type_name, hex, limits, include } => {
            let loaded = load(&schema, &include)?;
            let index = message_index(&loaded, &type_name)?;
            let bytes = read_input(hex, &limits)?;
            let options = limits.options();
            let message =
                dynamic::decode(&loaded.schema, index, &bytes, &options).map_err(|e| e.to_string())?;
            let json = serde_json::to_string_pretty(&json::to_json(&loaded.schema, &message))
                .map_err(|e| e.to_string())?;
            println!("{json}");
            Ok(())
        }
        Command::Stream { file, schema, type_name, include, limits } => {
            let loaded = match schema {
                Some(schema) => Some(load(&schema, &include)?),
                None => None,
            };
            let typed = match (&loaded, type_name) {
                (Some(loaded), Some(name)) => {
                    Some(stream::Typed { loaded, index: message_index(loaded, &name)? })
                }
                _ => None,
            };
            let bytes = std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
            stream::show(&bytes, typed.as_ref(), &limits.options())
        }
        Command::Inspect { hex, schema, type_name, include, limits } => {
            let named = match (schema, type_name) {
                (Some(schema), Some(type_name)) => {
                    let loaded = load(&schema, &include)?;
                    let index = message_index(&loaded, &type_name)?;
                    Some((loaded, index))
                }
                _ => None,
            };
            let bytes = read_input(hex, &limits)?;
            let options = limits.options();
            let tree = match &named {
                Some((loaded, index)) => {
                    cramberry_schema::inspect_schema(&loaded.schema, *index, &bytes, &options)
                }
                None => cramberry_schema::inspect_with(&bytes, &options),
            }
            .map_err(|e| e.to_string())?;
            print!("{tree}");
            Ok(())
        }
    }
}

fn load(path: &PathBuf, include: &[PathBuf]) -> Result<Loaded, String> {
    load_file(path, include).map_err(|d| d.to_string())
}

fn message_index(loaded: &Loaded, name: &str) -> Result<usize, String> {
    loaded.schema.message(name).ok_or_else(|| {
        let names: Vec<&str> = loaded.schema.messages.iter().map(|m| m.name.as_str()).collect();
        format!("the schema has no message `{name}` (messages: {})", names.join(", "))
    })
}

fn read_stdin() -> Result<Vec<u8>, String> {
    read_stdin_at_most(u64::MAX)
}

/// Reads stdin, at most `max` bytes and one more (so a length limit bounds memory, not only decoding).
fn read_stdin_at_most(max: u64) -> Result<Vec<u8>, String> {
    let mut input = Vec::new();
    std::io::stdin()
        .take(max.saturating_add(1))
        .read_to_end(&mut input)
        .map_err(|e| format!("cannot read stdin: {e}"))?;
    Ok(input)
}

/// The message on stdin, raw or as hex text (up to four characters per byte of the message-length limit);
/// longer input is the decoder's message-length error, reported before reading it all.
fn read_input(hex: bool, limits: &Limits) -> Result<Vec<u8>, String> {
    let max = limits.options().message_len_limit();
    let cap = if hex { (max as u64).saturating_mul(4) } else { max as u64 };
    let input = read_stdin_at_most(cap)?;
    if input.len() as u64 > cap {
        let kind = DecodeErrorKind::LimitExceeded { limit: Limit::MessageLen, max };
        return Err(DecodeError::new(kind, 0).to_string());
    }
    if hex {
        let text = String::from_utf8(input).map_err(|_| "hex input is not text".to_string())?;
        hex::decode(&text)
    } else {
        Ok(input)
    }
}

fn write_stdout(bytes: &[u8], hex: bool) -> Result<(), String> {
    let mut stdout = std::io::stdout().lock();
    let result =
        if hex { writeln!(stdout, "{}", cramberry_schema::hex(bytes)) } else { stdout.write_all(bytes) };
    result.map_err(|e| format!("cannot write stdout: {e}"))
}
