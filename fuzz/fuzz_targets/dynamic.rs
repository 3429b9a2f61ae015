//! Differential: arbitrary bytes decoded as every message of the schema with every construct
//! (`schemas/everything.cram`) by the generated types, their views and the dynamic codec, under default,
//! secure, strict, canonical and tight-limit options, must get the same verdict — the same value (the same
//! bytes re-encoded) or the same error kind, offset and path. A decoded value also re-encodes canonically and
//! survives JSON.
#![no_main]

use cramberry::DecodeOptions;
use cramberry_codegen_test::differential::same_verdict;
use cramberry_codegen_test::everything as e;
use cramberry_schema::{dynamic, json, Schema};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

const SCHEMA: &str = include_str!("../../schemas/everything.cram");

fn schema() -> &'static Schema {
    static SCHEMA_CELL: OnceLock<Schema> = OnceLock::new();
    SCHEMA_CELL.get_or_init(|| cramberry_schema::load_str("everything.cram", SCHEMA).expect("valid").schema)
}

/// The messages with generated types, by the fuzzer's selector byte.
const MESSAGES: [&str; 5] = ["Everything", "Point", "Circle", "Polygon", "Node"];

fuzz_target!(|data: &[u8]| {
    let schema = schema();
    let Some((&selector, bytes)) = data.split_first() else { return };
    let name = MESSAGES[usize::from(selector) % MESSAGES.len()];
    let message = schema.message(name).expect("listed messages exist");
    match name {
        "Everything" => same_verdict::<e::Everything>(schema, message, name, bytes),
        "Point" => same_verdict::<e::Point>(schema, message, name, bytes),
        "Circle" => same_verdict::<e::Circle>(schema, message, name, bytes),
        "Polygon" => same_verdict::<e::Polygon>(schema, message, name, bytes),
        _ => same_verdict::<e::Node>(schema, message, name, bytes),
    };
    if let Ok(value) = dynamic::decode(schema, message, bytes, &DecodeOptions::default()) {
        let encoded = dynamic::encode(schema, &value).expect("a decoded value encodes");
        let again = dynamic::decode(schema, message, &encoded, &DecodeOptions::canonical())
            .expect("own encoding is canonical");
        assert_eq!(dynamic::encode(schema, &again).unwrap(), encoded);
        let from_json =
            json::from_json(schema, message, &json::to_json(schema, &again)).expect("own JSON parses");
        assert_eq!(dynamic::encode(schema, &from_json).unwrap(), encoded);
    }
});
