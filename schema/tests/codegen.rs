//! Generated code for a schema exercising every construct: a snapshot, and rustfmt-clean.

use std::path::Path;

fn generated() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas/everything.cram");
    let loaded =
        cramberry_schema::load_file(&path, &[path.parent().unwrap()]).unwrap_or_else(|d| panic!("{d}"));
    let modules = cramberry_schema::generate_rust(&loaded.schema, "everything.cram").unwrap();
    assert_eq!(modules.keys().collect::<Vec<_>>(), ["everything"]);
    modules["everything"].clone()
}

#[test]
fn generated_code_snapshot() {
    insta::assert_snapshot!(generated());
}

#[test]
fn generated_code_is_rustfmt_clean() {
    let dir = std::env::temp_dir().join(format!("cramberry-codegen-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("everything.rs");
    std::fs::write(&file, generated()).unwrap();
    let status = std::process::Command::new("rustfmt")
        .args(["--check", "--edition", "2021"])
        .arg(&file)
        .current_dir(&dir)
        .status();
    std::fs::remove_dir_all(&dir).ok();
    match status {
        Ok(status) => assert!(status.success(), "rustfmt --check found differences in generated code"),
        Err(e) => eprintln!("rustfmt not available ({e}); skipped"),
    }
}

#[test]
fn lists_of_uint8_are_refused_with_a_clear_error() {
    let loaded = cramberry_schema::load_str("u8.cram", "message M { repeated uint8 xs = 1; }").unwrap();
    let err = cramberry_schema::generate_rust(&loaded.schema, "u8.cram").unwrap_err();
    assert!(err.to_string().contains("M.xs: a list of uint8 is not supported"), "{err}");
}
