//! `cramberry extract` on arbitrary text: a parse error with its line, or a schema and its report — never a
//! panic; a schema extracted from sources that parse loads (or fails with diagnostics), never panicking either.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match cramberry_schema::extract::extract(&[("fuzz.rs", text)], Some("fuzz")) {
        Ok(extracted) => {
            // (proc-macro2 does not track line numbers under cfg(fuzzing): lines are 0 here, so only render.)
            for problem in &extracted.problems {
                std::hint::black_box(problem.to_string());
            }
            let _ = cramberry_schema::load_str("fuzz.cram", &extracted.schema);
        }
        Err(e) => {
            std::hint::black_box(e.to_string());
        }
    }
});
