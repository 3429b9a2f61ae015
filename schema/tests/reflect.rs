//! Reflection: fields by name or number, checked when set, typed errors, JSON and bytes.

use cramberry::DecodeOptions;
use cramberry_schema::dynamic::{EncodeErrorKind, Value};
use cramberry_schema::reflect::{DynamicMessage, ReflectError};

const SCHEMA: &str = "package shop;
enum Side { BUY = 0; SELL = 1; }
message Fill { string venue = 1; int64 qty = 2; }
message Order {
    uint32 id = 1;
    Side side = 2;
    repeated Fill fills = 3;
    optional string note = 4;
    [2]uint8 pair = 5;
    map[string]uint32 tags = 6;
}";

fn schema() -> cramberry_schema::Schema {
    cramberry_schema::load_str("shop.cram", SCHEMA).unwrap().schema
}

#[test]
fn set_by_name_and_number_then_encode_decode_and_json() {
    let schema = schema();
    let mut order = DynamicMessage::new(&schema, "shop.Order").unwrap();
    order.set("id", Value::Uint(150)).unwrap();
    order.set(2, Value::Enum(1)).unwrap();
    let fill =
        DynamicMessage::from_json(&schema, "Fill", &serde_json::json!({"venue": "X", "qty": -2})).unwrap();
    order.set("fills", Value::List(vec![Value::Message(fill.into_dyn())])).unwrap();
    let bytes = order.encode_to_vec().unwrap();
    assert_eq!(bytes, [0x08, 0x96, 0x01, 0x10, 0x01, 0x1a, 0x05, 0x0a, 0x01, b'X', 0x16, 0x03]);

    let back = DynamicMessage::decode(&schema, "Order", &bytes, &DecodeOptions::canonical()).unwrap();
    assert_eq!(back, order);
    assert_eq!(back.to_json()["side"], "SELL");
    assert_eq!(back.to_json()["fills"][0]["qty"], -2);
    let from_json = DynamicMessage::from_json(&schema, "Order", &back.to_json()).unwrap();
    assert_eq!(from_json.encode_to_vec().unwrap(), bytes);
}

#[test]
fn absent_fields_read_as_their_defaults() {
    let schema = schema();
    let order = DynamicMessage::new(&schema, "Order").unwrap();
    assert_eq!(order.get("id").unwrap(), Some(Value::Uint(0)));
    assert_eq!(order.get("side").unwrap(), Some(Value::Enum(0)));
    assert_eq!(order.get("fills").unwrap(), Some(Value::List(vec![])));
    assert_eq!(order.get("note").unwrap(), None, "optional and absent");
    assert_eq!(order.get("pair").unwrap(), Some(Value::List(vec![Value::Uint(0), Value::Uint(0)])));
    assert_eq!(order.get("tags").unwrap(), Some(Value::Map(vec![])));
    assert!(!order.has("fills").unwrap());
    assert_eq!(order.encode_to_vec().unwrap(), Vec::<u8>::new());
}

#[test]
fn values_that_do_not_fit_are_refused_with_a_typed_error_and_leave_the_message_unchanged() {
    let schema = schema();
    let mut order = DynamicMessage::new(&schema, "Order").unwrap();
    let err = order.set("id", Value::Uint(1 << 32)).unwrap_err();
    let ReflectError::InvalidValue(e) = &err else { panic!("{err}") };
    assert_eq!(e.kind, EncodeErrorKind::OutOfRange { value: 1 << 32, kind: "uint32" });
    assert_eq!(e.path, "Order.id");
    let err = order.set("id", Value::String("7".into())).unwrap_err();
    assert!(
        matches!(&err, ReflectError::InvalidValue(e) if matches!(e.kind, EncodeErrorKind::Mismatch { .. }))
    );
    let err = order.set("pair", Value::List(vec![Value::Uint(1)])).unwrap_err();
    assert!(
        matches!(&err, ReflectError::InvalidValue(e) if e.kind == EncodeErrorKind::ArrayLength { expected: 2, found: 1 })
    );
    let order_index = schema.message("Order").unwrap();
    let fills = Value::List(vec![Value::Message(cramberry_schema::dynamic::DynMessage::new(order_index))]);
    let err = order.set("fills", fills).unwrap_err();
    assert!(matches!(err, ReflectError::InvalidValue(_)), "a message of another type: {err}");
    assert_eq!(order.get("id").unwrap(), Some(Value::Uint(0)), "unchanged");

    assert_eq!(
        order.set("nope", Value::Bool(true)).unwrap_err(),
        ReflectError::NoSuchField { message: "Order".into(), field: "`nope`".into() }
    );
    assert!(matches!(order.get(99), Err(ReflectError::NoSuchField { .. })));
    let err = DynamicMessage::new(&schema, "Ordr").unwrap_err();
    assert_eq!(err.to_string(), "the schema has no message `Ordr` (messages: Fill, Order)");
    let err = DynamicMessage::decode(&schema, "Order", &[0x08], &DecodeOptions::default()).unwrap_err();
    assert!(matches!(err, ReflectError::Decode(_)));
    assert!(std::error::Error::source(&err).is_some());
}
