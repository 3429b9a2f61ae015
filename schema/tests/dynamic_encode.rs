//! The dynamic encoder's verdicts on values it cannot encode: the error kind and the path to the value, the
//! first in the order the fields are written.

use cramberry_schema::dynamic::{encode, DynMessage, EncodeErrorKind, Value};
use cramberry_schema::Schema;

const SCHEMA: &str = "package shop;
message Fill { string venue = 1; uint8 qty = 2; }
message Bid @ 200 { uint32 px = 1; }
message Ask @ 201 { uint32 px = 1; }
message Other @ 202 { uint32 px = 1; }
interface Quote { 200 = Bid; 201 = Ask; }
message Order {
    uint32 id = 1;
    repeated Fill fills = 2;
    [2]uint8 pair = 3;
    map[string]Fill by_venue = 4;
    Quote quote = 5;
    required Fill first = 6;
    []uint16 levels = 7;
}";

fn schema() -> Schema {
    cramberry_schema::load_str("shop.cram", SCHEMA).unwrap().schema
}

fn message(schema: &Schema, name: &str, fields: Vec<(u32, Value)>) -> DynMessage {
    let index = schema.messages.iter().position(|m| m.name == name).unwrap();
    DynMessage { message: index, fields: fields.into_iter().collect() }
}

fn fill(schema: &Schema, venue: &str, qty: u64) -> Value {
    Value::Message(message(schema, "Fill", vec![(1, Value::String(venue.into())), (2, Value::Uint(qty))]))
}

/// The error `encode` gives for an `Order` holding `fields`, as `(path, kind)`.
fn verdict(fields: Vec<(u32, Value)>) -> (String, EncodeErrorKind) {
    let schema = schema();
    let order = message(&schema, "Order", fields);
    let e = encode(&schema, &order).unwrap_err();
    (e.path, e.kind)
}

#[test]
fn a_field_the_message_does_not_have() {
    assert_eq!(verdict(vec![(9, Value::Uint(1))]), ("Order".into(), EncodeErrorKind::NoSuchField(9)));
}

#[test]
fn out_of_range_and_mismatched_values_name_their_field_and_index() {
    assert_eq!(
        verdict(vec![(1, Value::Uint(1 << 32))]),
        ("Order.id".into(), EncodeErrorKind::OutOfRange { value: 1 << 32, kind: "uint32" })
    );
    let s = schema();
    let fills = Value::List(vec![fill(&s, "a", 1), fill(&s, "b", 2), fill(&s, "c", 300)]);
    assert_eq!(
        verdict(vec![(2, fills)]),
        ("Order.fills[2].qty".into(), EncodeErrorKind::OutOfRange { value: 300, kind: "uint8" })
    );
    assert_eq!(
        verdict(vec![(7, Value::List(vec![Value::Uint(1), Value::String("x".into())]))]),
        (
            "Order.levels[1]".into(),
            EncodeErrorKind::Mismatch { expected: "uint16".into(), found: "a string" }
        )
    );
    assert_eq!(
        verdict(vec![(2, Value::Uint(1))]),
        (
            "Order.fills".into(),
            EncodeErrorKind::Mismatch { expected: "a list of Fill".into(), found: "an unsigned integer" }
        )
    );
    assert_eq!(
        verdict(vec![(4, Value::Uint(1))]),
        (
            "Order.by_venue".into(),
            EncodeErrorKind::Mismatch { expected: "a map".into(), found: "an unsigned integer" }
        )
    );
}

#[test]
fn fixed_length_lists_are_checked_for_length_then_each_element_without_an_index() {
    assert_eq!(
        verdict(vec![(3, Value::List(vec![Value::Uint(1)]))]),
        ("Order.pair".into(), EncodeErrorKind::ArrayLength { expected: 2, found: 1 })
    );
    // Whether the list is all default is asked of every element before it is written.
    assert_eq!(
        verdict(vec![(3, Value::List(vec![Value::Uint(1), Value::Uint(256)]))]),
        ("Order.pair".into(), EncodeErrorKind::OutOfRange { value: 256, kind: "uint8" })
    );
}

#[test]
fn map_entries_are_named_by_their_index_in_key_order() {
    let s = schema();
    let entries =
        vec![(Value::String("z".into()), fill(&s, "z", 1)), (Value::String("a".into()), fill(&s, "a", 999))];
    assert_eq!(
        verdict(vec![(4, Value::Map(entries))]),
        ("Order.by_venue[0].qty".into(), EncodeErrorKind::OutOfRange { value: 999, kind: "uint8" })
    );
}

#[test]
fn interface_values_must_be_members_and_required_fields_are_checked() {
    let s = schema();
    let other = Value::Interface(Box::new(message(&s, "Other", vec![(1, Value::Uint(1))])));
    assert_eq!(
        verdict(vec![(5, other)]),
        (
            "Order.quote".into(),
            EncodeErrorKind::NotAMember { message: "Other".into(), interface: "Quote".into() }
        )
    );
    let ask = Value::Interface(Box::new(message(&s, "Ask", vec![(1, Value::Int(-1))])));
    assert_eq!(
        verdict(vec![(5, ask)]),
        (
            "Order.quote.px".into(),
            EncodeErrorKind::Mismatch { expected: "uint32".into(), found: "a signed integer" }
        )
    );
    let wrong = Value::Message(message(&s, "Bid", vec![]));
    assert_eq!(
        verdict(vec![(6, wrong)]),
        ("Order.first".into(), EncodeErrorKind::Mismatch { expected: "Fill".into(), found: "a message" })
    );
}

#[test]
fn the_first_error_in_field_order_is_reported() {
    assert_eq!(
        verdict(vec![(7, Value::String("x".into())), (1, Value::Uint(1 << 40))]),
        ("Order.id".into(), EncodeErrorKind::OutOfRange { value: 1 << 40, kind: "uint32" })
    );
}

#[test]
fn fields_declared_out_of_order_are_written_in_ascending_number() {
    let loaded =
        cramberry_schema::load_str("o.cram", "message M { uint32 c = 3; uint32 a = 1; uint32 b = 2; }");
    let schema = loaded.unwrap().schema;
    let m = message(&schema, "M", vec![(3, Value::Uint(3)), (1, Value::Uint(1)), (2, Value::Uint(2))]);
    assert_eq!(encode(&schema, &m).unwrap(), [0x08, 0x01, 0x10, 0x02, 0x18, 0x03]);
    let sorted =
        cramberry_schema::load_str("s.cram", "message M { uint32 a = 1; uint32 b = 2; uint32 c = 3; }");
    let schema = sorted.unwrap().schema;
    let m = message(&schema, "M", vec![(3, Value::Uint(3)), (1, Value::Uint(1)), (2, Value::Uint(2))]);
    assert_eq!(encode(&schema, &m).unwrap(), [0x08, 0x01, 0x10, 0x02, 0x18, 0x03]);
}
