//! The dynamic codec on arbitrary bytes for every message of a schema with every construct: a value or a
//! typed error; a decoded value re-encodes and decodes to the same value, and survives JSON.
#![no_main]

use cramberry::DecodeOptions;
use cramberry_schema::{dynamic, json};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

const SCHEMA: &str = include_str!("../../schemas/everything.cram");

fn schema() -> &'static cramberry_schema::Schema {
    static SCHEMA_CELL: OnceLock<cramberry_schema::Schema> = OnceLock::new();
    SCHEMA_CELL.get_or_init(|| cramberry_schema::load_str("everything.cram", SCHEMA).expect("valid").schema)
}

fuzz_target!(|data: &[u8]| {
    let schema = schema();
    let Some((&selector, bytes)) = data.split_first() else { return };
    let message = usize::from(selector) % schema.messages.len();
    if let Ok(value) = dynamic::decode(schema, message, bytes, &DecodeOptions::default()) {
        let encoded = dynamic::encode(schema, &value).expect("a decoded value encodes");
        let again = dynamic::decode(schema, message, &encoded, &DecodeOptions::canonical()).expect("own encoding is canonical");
        assert_eq!(dynamic::encode(schema, &again).unwrap(), encoded);
        let from_json = json::from_json(schema, message, &json::to_json(schema, &again)).expect("own JSON parses");
        assert_eq!(dynamic::encode(schema, &from_json).unwrap(), encoded);
    }
});
