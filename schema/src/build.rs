//! Code generation from a build script, like prost-build: `cramberry_schema::compile` writes one Rust file
//! per package into `OUT_DIR`.

use crate::codegen::generate_rust;
use crate::load::load_file;
use std::path::{Path, PathBuf};

/// Compiles `schemas` (looking up imports in `include_dirs`) into `$OUT_DIR/<package>.rs`, one file per
/// package, and tells Cargo to re-run when a schema changes.
///
/// ```no_run
/// // build.rs
/// fn main() -> Result<(), Box<dyn std::error::Error>> {
///     cramberry_schema::compile(&["schemas/orders.cram"], &["schemas"])?;
///     Ok(())
/// }
/// // lib.rs: pub mod shop { include!(concat!(env!("OUT_DIR"), "/shop.rs")); }
/// ```
pub fn compile(
    schemas: &[impl AsRef<Path>],
    include_dirs: &[impl AsRef<Path>],
) -> Result<Vec<PathBuf>, Box<dyn std::error::Error>> {
    let out_dir =
        std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set: call compile from a build script")?;
    compile_to(schemas, include_dirs, Path::new(&out_dir))
}

/// Like [`compile`], into `out_dir`; returns the files written.
pub fn compile_to(
    schemas: &[impl AsRef<Path>],
    include_dirs: &[impl AsRef<Path>],
    out_dir: &Path,
) -> Result<Vec<PathBuf>, Box<dyn std::error::Error>> {
    let mut written = Vec::new();
    for schema in schemas {
        let schema = schema.as_ref();
        println!("cargo:rerun-if-changed={}", schema.display());
        let loaded = load_file(schema, include_dirs)?;
        let name = schema
            .file_name()
            .map_or_else(|| schema.display().to_string(), |n| n.to_string_lossy().into_owned());
        for (module, source) in generate_rust(&loaded.schema, &name)? {
            let path = out_dir.join(format!("{module}.rs"));
            std::fs::write(&path, source)?;
            written.push(path);
        }
    }
    Ok(written)
}
