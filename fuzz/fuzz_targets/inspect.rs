//! `inspect` on arbitrary bytes: a field tree or an error, never a panic or unbounded recursion.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = std::hint::black_box(cramberry_schema::inspect(data));
});
