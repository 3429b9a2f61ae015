//! Code generation from a build script, like prost-build: `cramberry_schema::compile` writes one Rust file
//! per package into `OUT_DIR`.

use crate::codegen::{generate_rust_with, GenerateError, RustOptions};
use crate::diagnostic::Diagnostics;
use crate::load::{load_file, Loaded};
use std::fmt;
use std::path::{Path, PathBuf};

/// Why [`compile`] failed. `Display` — and `Debug`, so a build script's `fn main() -> Result<..>` prints the
/// same — renders schema errors as the CLI does: `file:line:col`, the source line, a caret and a hint.
pub enum CompileError {
    /// The schema has errors.
    Schema(Diagnostics),
    /// Code generation failed.
    Generate(GenerateError),
    /// Writing a generated file failed.
    Write {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// `compile` was called outside a build script.
    NoOutDir,
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CompileError::Schema(diagnostics) => write!(f, "invalid schema\n\n{diagnostics}"),
            CompileError::Generate(e) => write!(f, "cannot generate Rust code: {e}"),
            CompileError::Write { path, source } => write!(f, "cannot write `{}`: {source}", path.display()),
            CompileError::NoOutDir => f.write_str("OUT_DIR is not set: call compile from a build script"),
        }
    }
}

impl fmt::Debug for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for CompileError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            CompileError::Schema(d) => Some(d),
            CompileError::Generate(e) => Some(e),
            CompileError::Write { source, .. } => Some(source),
            CompileError::NoOutDir => None,
        }
    }
}

/// Compiles `schemas` (looking up imports in `include_dirs`) into `$OUT_DIR/<package>.rs`, one file per
/// package, tells Cargo to re-run when a schema changes, and passes schema warnings on as `cargo:warning`.
/// [`Builder`] sets options (services).
///
/// ```no_run
/// // build.rs
/// fn main() -> Result<(), cramberry_schema::CompileError> {
///     cramberry_schema::compile(&["schemas/orders.cram"], &["schemas"])?;
///     Ok(())
/// }
/// // lib.rs: pub mod shop { include!(concat!(env!("OUT_DIR"), "/shop.rs")); }
/// ```
pub fn compile(
    schemas: &[impl AsRef<Path>],
    include_dirs: &[impl AsRef<Path>],
) -> Result<Vec<PathBuf>, CompileError> {
    Builder::new().compile(schemas, include_dirs)
}

/// Like [`compile`], into `out_dir`; returns the files written.
pub fn compile_to(
    schemas: &[impl AsRef<Path>],
    include_dirs: &[impl AsRef<Path>],
    out_dir: &Path,
) -> Result<Vec<PathBuf>, CompileError> {
    Builder::new().out_dir(out_dir).compile(schemas, include_dirs)
}

/// Code generation from a build script with options, in the style of `prost_build::Config` and
/// `tonic_build::configure()`.
///
/// ```no_run
/// // build.rs: data types, and tonic clients and servers for every `service` (feature `tonic`)
/// fn main() -> Result<(), cramberry_schema::CompileError> {
///     cramberry_schema::Builder::new().services(true).compile(&["api.cram"], &["."])?;
///     Ok(())
/// }
/// ```
#[derive(Clone, Debug, Default)]
pub struct Builder {
    options: RustOptions,
    out_dir: Option<PathBuf>,
}

impl Builder {
    /// The defaults: data types only, into `$OUT_DIR`.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether to generate every `service` as a tonic client (`<service>_client`) and server
    /// (`<service>_server`) — see docs/services.md. Needs this crate's `tonic` feature; off by default.
    pub fn services(mut self, services: bool) -> Self {
        self.options = self.options.services(services);
        self
    }

    /// Writes into `out_dir` instead of `$OUT_DIR`.
    pub fn out_dir(mut self, out_dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(out_dir.into());
        self
    }

    /// Compiles `schemas` (imports looked up in `include_dirs`) into `<out_dir>/<package>.rs`, as [`compile`]
    /// does; returns the files written.
    pub fn compile(
        &self,
        schemas: &[impl AsRef<Path>],
        include_dirs: &[impl AsRef<Path>],
    ) -> Result<Vec<PathBuf>, CompileError> {
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => PathBuf::from(std::env::var_os("OUT_DIR").ok_or(CompileError::NoOutDir)?),
        };
        let mut written = Vec::new();
        for schema in schemas {
            let schema = schema.as_ref();
            println!("cargo:rerun-if-changed={}", schema.display());
            let loaded = load_file(schema, include_dirs).map_err(CompileError::Schema)?;
            for line in cargo_warnings(&loaded) {
                println!("{line}");
            }
            let name = schema
                .file_name()
                .map_or_else(|| schema.display().to_string(), |n| n.to_string_lossy().into_owned());
            let modules =
                generate_rust_with(&loaded.schema, &name, &self.options).map_err(CompileError::Generate)?;
            for (module, source) in modules {
                let path = out_dir.join(format!("{module}.rs"));
                std::fs::write(&path, source)
                    .map_err(|source| CompileError::Write { path: path.clone(), source })?;
                written.push(path);
            }
        }
        Ok(written)
    }
}

/// The schema's warnings as `cargo:warning=` lines, one per rendered line (Cargo shows each as a warning of
/// the build script).
pub fn cargo_warnings(loaded: &Loaded) -> Vec<String> {
    loaded
        .warnings
        .iter()
        .flat_map(|w| {
            loaded.sources.render(w).lines().map(|l| format!("cargo:warning={l}")).collect::<Vec<_>>()
        })
        .collect()
}
