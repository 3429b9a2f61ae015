//! JSON for dynamic messages: typed errors that say what and where.

use cramberry_schema::json::{from_json, JsonErrorKind};
use serde_json::json;

const SCHEMA: &str = "package shop;
message Fill { string venue = 1; int64 qty = 2; }
message Order { uint32 id = 1; repeated Fill fills = 2; map[uint32]string notes = 3; }";

fn order(json: serde_json::Value) -> Result<(), cramberry_schema::json::JsonError> {
    let schema = cramberry_schema::load_str("shop.cram", SCHEMA).unwrap().schema;
    from_json(&schema, schema.message("Order").unwrap(), &json).map(drop)
}

#[test]
fn errors_name_the_list_index_and_the_field() {
    let err = order(json!({"fills": [{"venue": "X"}, {"venue": 3}]})).unwrap_err();
    assert_eq!(err.path, "Order.fills[1].venue");
    assert_eq!(err.kind, JsonErrorKind::Expected { expected: "a string", found: "a number" });
    assert_eq!(err.to_string(), "Order.fills[1].venue: expected a string, found a number");
}

#[test]
fn integers_out_of_range_say_so() {
    let err = order(json!({"fills": [{"qty": 9_223_372_036_854_775_808u64}]})).unwrap_err();
    assert_eq!(
        err.kind,
        JsonErrorKind::OutOfRange { value: "9223372036854775808".into(), kind: "int64".into() }
    );
    let err = order(json!({"id": 4_294_967_296u64})).unwrap_err();
    assert_eq!(err.kind, JsonErrorKind::OutOfRange { value: "4294967296".into(), kind: "uint32".into() });
    assert_eq!(err.path, "Order.id");
    let err = order(json!({"id": -1})).unwrap_err();
    assert!(matches!(err.kind, JsonErrorKind::OutOfRange { .. }), "{err}");
    let err = order(json!({"id": 1.5})).unwrap_err();
    assert_eq!(err.kind, JsonErrorKind::Expected { expected: "an integer", found: "a number" });
}

#[test]
fn unknown_fields_and_bad_map_keys_are_typed() {
    let err = order(json!({"nope": 1})).unwrap_err();
    let JsonErrorKind::NoSuchField { message, field, known } = err.kind else { panic!("{err}") };
    assert_eq!((message.as_str(), field.as_str()), ("Order", "nope"));
    assert_eq!(known, ["id", "fills", "notes"]);
    let err = order(json!({"notes": {"x": "a"}})).unwrap_err();
    assert_eq!(err.kind, JsonErrorKind::InvalidMapKey("x".into()));
    assert_eq!(err.path, "Order.notes[\"x\"]");
}
