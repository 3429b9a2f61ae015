//! Generates Rust from the project's example schema and, when `../shared` is beside the project, from the
//! shared schemas (cfg `shared_schemas`).
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    cramberry_schema::compile(&[root.join("schemas/everything.cram")], &[root.join("schemas")])?;
    println!("cargo::rustc-check-cfg=cfg(shared_schemas)");
    let shared = root.join("../shared/schemas");
    if shared.join("messages.cram").is_file() && shared.join("interop.cram").is_file() {
        cramberry_schema::compile(&[shared.join("messages.cram"), shared.join("interop.cram")], &[&shared])?;
        println!("cargo::rustc-cfg=shared_schemas");
    } else {
        println!(
            "cargo:warning=../shared/schemas is not beside the project: the tests on the shared schemas are ignored"
        );
    }
    Ok(())
}
