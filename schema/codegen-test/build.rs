//! Generates Rust from the project's example schema and, when `../shared` is beside the project, from the
//! shared schemas (cfg `shared_schemas`).
use std::path::Path;

/// The schema `cramberry extract` writes for the runtime's derive test types (tests/common/types.rs), compiled
/// back to Rust as module `extracted`: tests/extract.rs checks both write the same bytes.
fn extract_derive_test_types(root: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let source = root.join("tests/common/types.rs");
    println!("cargo::rerun-if-changed={}", source.display());
    let text = std::fs::read_to_string(&source)?;
    let extracted =
        cramberry_schema::extract::extract(&[("tests/common/types.rs", &text)], Some("extracted"))?;
    let out = Path::new(&std::env::var("OUT_DIR")?).join("extracted.cram");
    std::fs::write(&out, extracted.schema)?;
    // `compile` asks cargo to rerun when its schema changes; a file written now would count as changed at
    // every build (it is newer than this run's start) and rebuild this crate each time. It is as new as its
    // source, so it gets the source's time.
    std::fs::File::options().write(true).open(&out)?.set_modified(std::fs::metadata(&source)?.modified()?)?;
    cramberry_schema::compile(&[&out], &[] as &[&Path])?;
    Ok(())
}

/// Whether tests/typescript.rs can run: without Node (cfg `xlang_no_node`) or without `npm ci` in ts/ (cfg
/// `xlang_no_deps`) it is reported as ignored with the reason — unless `CRAMBERRY_XLANG=require` (CI), which
/// makes it run and fail.
fn check_node(root: &Path) {
    println!("cargo::rustc-check-cfg=cfg(xlang_no_node)");
    println!("cargo::rustc-check-cfg=cfg(xlang_no_deps)");
    println!("cargo::rerun-if-env-changed=CRAMBERRY_XLANG");
    println!("cargo::rerun-if-env-changed=PATH");
    let typescript = root.join("ts/node_modules/typescript");
    println!("cargo::rerun-if-changed={}", root.join("ts/node_modules").display());
    if std::env::var("CRAMBERRY_XLANG").as_deref() == Ok("require") {
        return;
    }
    let node = std::process::Command::new("node").arg("--version").output().is_ok_and(|o| o.status.success());
    if !node {
        println!("cargo::rustc-cfg=xlang_no_node");
    } else if !typescript.is_dir() {
        println!("cargo::rustc-cfg=xlang_no_deps");
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    cramberry_schema::compile(&[root.join("schemas/everything.cram")], &[root.join("schemas")])?;
    extract_derive_test_types(&root)?;
    println!("cargo::rustc-check-cfg=cfg(shared_schemas)");
    check_node(&root);
    // tests/extract.rs includes tests/common/types.rs, which derives `Arbitrary` under cfg(fuzzing).
    println!("cargo::rustc-check-cfg=cfg(fuzzing)");
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
