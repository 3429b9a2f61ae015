//! The derive's compile-time errors say what is wrong and point at it (trybuild snapshots in tests/ui).

#[test]
fn derive_errors() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
