//! The derive's compile-time errors say what is wrong and point at it (trybuild snapshots in tests/ui).
#![cfg(feature = "std")] // the expected compiler output lists implementors that include the std-only ones

#[test]
fn derive_errors() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
