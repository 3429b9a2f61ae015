//! Code generation from a build script, like prost-build: `cramberry_schema::compile` writes one Rust file
//! per package into `OUT_DIR`.

use crate::codegen::{generate_rust, GenerateError};
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
    let out_dir = std::env::var_os("OUT_DIR").ok_or(CompileError::NoOutDir)?;
    compile_to(schemas, include_dirs, Path::new(&out_dir))
}

/// Like [`compile`], into `out_dir`; returns the files written.
pub fn compile_to(
    schemas: &[impl AsRef<Path>],
    include_dirs: &[impl AsRef<Path>],
    out_dir: &Path,
) -> Result<Vec<PathBuf>, CompileError> {
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
        for (module, source) in generate_rust(&loaded.schema, &name).map_err(CompileError::Generate)? {
            let path = out_dir.join(format!("{module}.rs"));
            std::fs::write(&path, source)
                .map_err(|source| CompileError::Write { path: path.clone(), source })?;
            written.push(path);
        }
    }
    Ok(written)
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
