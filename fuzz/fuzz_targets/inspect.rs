//! `inspect` on arbitrary bytes, without a schema and with one that names the fields (`schemas/everything.cram`,
//! every field kind, nested messages and interfaces): a field tree or an error, never a panic or unbounded
//! recursion. With the schema, the tree must show the same structure (one line per field), only named.
#![no_main]

use cramberry::DecodeOptions;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn everything() -> &'static (cramberry_schema::Schema, usize) {
    static SCHEMA: OnceLock<(cramberry_schema::Schema, usize)> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let text = include_str!("../../schemas/everything.cram");
        let schema = cramberry_schema::load_str("everything.cram", text).expect("valid schema").schema;
        let index = schema.message("Everything").expect("Everything");
        (schema, index)
    })
}

fuzz_target!(|data: &[u8]| {
    let plain = cramberry_schema::inspect(data);
    let (schema, index) = everything();
    let named = cramberry_schema::inspect_schema(schema, *index, data, &DecodeOptions::default());
    match (&plain, &named) {
        (Ok(_), Ok(_)) | (Err(_), Err(_)) => {}
        _ => panic!("verdicts differ: without a schema {plain:?}, with one {named:?}"),
    }
    if let (Err(a), Err(b)) = (&plain, &named) {
        assert_eq!((a.kind(), a.offset()), (b.kind(), b.offset()));
    }
});
