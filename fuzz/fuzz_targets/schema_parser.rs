//! The schema parser, validator and code generators (Rust with and without services, TypeScript) on arbitrary
//! text: diagnostics or a schema, never a panic; rendering every diagnostic works; a valid schema generates code
//! or a clear error; services are added after the data types and change nothing else.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match cramberry_schema::load_str("fuzz.cram", text) {
        Ok(loaded) => {
            let plain = cramberry_schema::generate_rust(&loaded.schema, "fuzz.cram");
            let options = cramberry_schema::RustOptions::default().services(true);
            let with_services = cramberry_schema::generate_rust_with(&loaded.schema, "fuzz.cram", &options);
            if let (Ok(plain), Ok(with_services)) = (&plain, &with_services) {
                for (module, code) in plain {
                    assert!(with_services[module].starts_with(code.as_str()), "services only append");
                }
            }
            let _ = cramberry_schema::generate_typescript(&loaded.schema, "fuzz.cram");
            let report = cramberry_schema::check_compatibility(&loaded, &loaded);
            assert!(!report.is_breaking(), "a schema is compatible with itself");
        }
        Err(diagnostics) => {
            std::hint::black_box(diagnostics.to_string());
        }
    }
});
