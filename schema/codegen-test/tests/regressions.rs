//! The divergences between front ends found by hand (issue "one description of field kinds"), as regression
//! tests: generated code, its views and the dynamic codec write the same bytes and give the same errors.

use cramberry::{CanonicalRule, DecodeError, DecodeErrorKind, DecodeOptions, Limit, Message};
use cramberry_codegen_test::everything::{Everything, Priority};
use cramberry_schema::dynamic::{self, DynMessage, Value};
use cramberry_schema::Schema;
use std::collections::BTreeMap;
use std::path::Path;

fn schema() -> (Schema, usize) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas/everything.cram");
    let schema = cramberry_schema::load_file(&path, &[path.parent().unwrap()]).unwrap().schema;
    let index = schema.message("Everything").unwrap();
    (schema, index)
}

/// `Everything` with only the required `id` (field 25) set to 1, then `rest`.
fn with_id(rest: &[u8]) -> Vec<u8> {
    let mut out = vec![0xc8, 0x01, 0x01];
    out.extend_from_slice(rest);
    out
}

/// The errors of the generated type, its view and the dynamic codec, which must agree; returns the first.
fn same_error(bytes: &[u8], options: &DecodeOptions) -> DecodeError {
    let (schema, index) = schema();
    let derived = Everything::decode_with(bytes, options).unwrap_err();
    let viewed = Everything::view_with(bytes, options).map(drop).unwrap_err();
    let dynamic = dynamic::decode(&schema, index, bytes, options).unwrap_err();
    for e in [&viewed, &dynamic] {
        assert_eq!((e.kind(), e.offset()), (derived.kind(), derived.offset()), "{e} vs {derived}");
    }
    assert_eq!(dynamic.path_string(), derived.path_string());
    // The whole message too, including the type name of an error outside any field.
    assert_eq!((viewed.to_string(), dynamic.to_string()), (derived.to_string(), derived.to_string()));
    derived
}

/// The field name in an error's path (after the message name).
fn derived_field(e: &DecodeError) -> String {
    e.path_string().split_once('.').map(|(_, f)| f.to_string()).unwrap_or_default()
}

#[test]
fn enum_map_keys_are_ordered_by_number_in_every_front_end() {
    let (schema, index) = schema();
    let mut value = Everything::decode(&with_id(&[])).unwrap();
    value.by_priority = BTreeMap::from([(Priority::Low, 1), (Priority::High, 2), (Priority::Medium, 3)]);
    let derived = value.encode_to_vec();

    let mut message = dynamic::decode(&schema, index, &with_id(&[]), &DecodeOptions::default()).unwrap();
    // Given in declaration order; written by number.
    let entries = vec![
        (Value::Enum(0), Value::Uint(1)),
        (Value::Enum(2), Value::Uint(2)),
        (Value::Enum(1), Value::Uint(3)),
    ];
    message.fields.insert(41, Value::Map(entries));
    let dynamic_bytes = dynamic::encode(&schema, &message).unwrap();
    assert_eq!(dynamic_bytes, derived);

    // LOW (0), MEDIUM (1), HIGH (2): canonical for every front end.
    let canonical = DecodeOptions::canonical();
    assert_eq!(Everything::decode_with(&derived, &canonical).unwrap(), value);
    Everything::view_with(&derived, &canonical).unwrap();
    let back: DynMessage = dynamic::decode(&schema, index, &derived, &canonical).unwrap();
    assert_eq!(dynamic::encode(&schema, &back).unwrap(), derived);
}

#[test]
fn the_dynamic_codec_enforces_the_element_limit_of_secure_options() {
    // 10,001 one-byte deltas (field 26, packed): one past secure()'s 10,000 elements.
    let mut bytes = with_id(&[0xd2, 0x01, 0x91, 0x4e]);
    bytes.extend(std::iter::repeat_n(0x02, 10_001));
    let err = same_error(&bytes, &DecodeOptions::secure());
    assert_eq!(err.kind(), &DecodeErrorKind::LimitExceeded { limit: Limit::Elements, max: 10_000 });
    assert_eq!(derived_field(&err), "deltas");
    // The default limit accepts it, in every front end.
    let (schema, index) = schema();
    assert!(dynamic::decode(&schema, index, &bytes, &DecodeOptions::default()).is_ok());
    assert_eq!(Everything::decode(&bytes).unwrap().deltas.len(), 10_001);
}

#[test]
fn a_packed_fixed_width_run_of_the_wrong_length_is_the_same_error_everywhere() {
    // fixed_list (field 39, repeated fixed32): a 5-byte run.
    let bytes = with_id(&[0xba, 0x02, 0x05, 1, 0, 0, 0, 2]);
    let err = same_error(&bytes, &DecodeOptions::default());
    assert_eq!(err.kind(), &DecodeErrorKind::PackedLengthNotMultiple { len: 5, width: 4 });
    assert_eq!(err.offset(), 3, "at the field's tag");
}

#[test]
fn canonical_violations_name_the_same_rule_everywhere() {
    let canonical = DecodeOptions::canonical();
    // flag (field 1) = false written explicitly.
    let default_written = [0x08, 0x00, 0xc8, 0x01, 0x01];
    let err = same_error(&default_written, &canonical);
    assert_eq!(err.kind(), &DecodeErrorKind::NonCanonical(CanonicalRule::DefaultValueWritten));
    assert_eq!(err.offset(), 0);
    // Field 25 before field 1.
    let out_of_order = with_id(&[0x08, 0x01]);
    let err = same_error(&out_of_order, &canonical);
    assert_eq!(err.kind(), &DecodeErrorKind::NonCanonical(CanonicalRule::FieldOrder));
    assert_eq!(err.offset(), 3);
    // deltas (field 26) unpacked.
    let unpacked = with_id(&[0xd6, 0x01, 0x04]);
    let err = same_error(&unpacked, &canonical);
    assert_eq!(err.kind(), &DecodeErrorKind::NonCanonical(CanonicalRule::UnpackedRepeated));
}

#[test]
fn an_error_outside_any_field_names_the_type_in_every_front_end() {
    let e = same_error(&[0x0c], &DecodeOptions::default());
    assert_eq!(e.to_string(), "failed to decode Everything: invalid wire type 4 at byte 0");
}
