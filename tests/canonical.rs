//! Canonical form: each kind of non-canonical input is accepted by `default()` and rejected by `canonical()`
//! with the rule it broke; whatever `canonical()` accepts re-encodes to the same bytes.

mod common;

use cramberry::{CanonicalRule, Cramberry, DecodeErrorKind, DecodeOptions, Message};
use proptest::prelude::*;
use std::collections::BTreeMap;

#[derive(Cramberry, Debug, Clone, PartialEq)]
struct Item {
    #[cram(1)]
    name: String,
    #[cram(2)]
    price: i64,
}

#[derive(Cramberry, Debug, Clone, PartialEq)]
struct Sample {
    #[cram(1)]
    id: u64,
    #[cram(2)]
    name: String,
    #[cram(3)]
    item: Item,
    #[cram(4)]
    levels: Vec<u32>,
    #[cram(5)]
    tags: BTreeMap<String, u32>,
    #[cram(6)]
    ratio: Option<f64>,
    #[cram(7)]
    items: Vec<Item>,
    #[cram(8)]
    small: Option<f32>,
}

fn hex(s: &str) -> Vec<u8> {
    s.split_whitespace().map(|b| u8::from_str_radix(b, 16).unwrap()).collect()
}

fn assert_rule(input: &str, rule: CanonicalRule) {
    let bytes = hex(input);
    assert!(Sample::decode(&bytes).is_ok(), "default() accepts {input}");
    let err = Sample::decode_with(&bytes, &DecodeOptions::canonical()).unwrap_err();
    assert_eq!(err.kind(), &DecodeErrorKind::NonCanonical(rule), "{input}: {err}");
}

#[test]
fn fields_out_of_order() {
    assert_rule("12 01 61 08 01", CanonicalRule::FieldOrder);
}

#[test]
fn singular_field_twice() {
    assert_rule("08 01 08 02", CanonicalRule::FieldOrder);
}

#[test]
fn packed_run_split_in_two() {
    assert_rule("22 01 01 22 02 ac 02", CanonicalRule::FieldOrder);
}

#[test]
fn repeated_messages_not_contiguous() {
    assert_rule("3a 00 08 01 3a 00", CanonicalRule::FieldOrder);
}

#[test]
fn default_values_written() {
    assert_rule("08 00", CanonicalRule::DefaultValueWritten);
    assert_rule("12 00", CanonicalRule::DefaultValueWritten);
    assert_rule("1a 00", CanonicalRule::DefaultValueWritten);
    assert_rule("22 00", CanonicalRule::DefaultValueWritten);
    assert_rule("1a 02 16 00", CanonicalRule::DefaultValueWritten);
}

#[test]
fn overlong_varints_in_values_tags_and_lengths() {
    assert_rule("08 81 00", CanonicalRule::OverlongVarint);
    assert_rule("88 00 01", CanonicalRule::OverlongVarint);
    assert_rule("12 81 00 61", CanonicalRule::OverlongVarint);
}

#[test]
fn overlong_varints_of_every_length_with_more_input_after_them() {
    // 1 written in 2 to 10 bytes, then a name of eight bytes: the reader sees whole words of input.
    for len in 2..=10 {
        let mut bytes = vec![0x08, 0x81];
        bytes.extend(std::iter::repeat_n(0x80, len - 2));
        bytes.push(0x00);
        bytes.extend([0x12, 0x08]);
        bytes.extend(*b"abcdefgh");
        let lenient = Sample::decode(&bytes).unwrap_or_else(|e| panic!("{len} bytes: {e}"));
        assert_eq!((lenient.id, lenient.name.as_str()), (1, "abcdefgh"));
        let err = Sample::decode_with(&bytes, &DecodeOptions::canonical()).unwrap_err();
        assert_eq!(err.kind(), &DecodeErrorKind::NonCanonical(CanonicalRule::OverlongVarint), "{len} bytes");
        assert_eq!(err.offset(), 1, "{len} bytes");
    }
}

#[test]
fn unpacked_repeated_scalars() {
    assert_rule("20 01 20 ac 02", CanonicalRule::UnpackedRepeated);
}

#[test]
fn non_canonical_floats() {
    assert_rule("31 00 00 00 00 00 00 00 80", CanonicalRule::NonCanonicalFloat); // -0.0
    assert_rule("31 01 00 00 00 00 00 f8 7f", CanonicalRule::NonCanonicalFloat); // NaN with payload
    assert_rule("45 00 00 c0 ff", CanonicalRule::NonCanonicalFloat); // negative quiet NaN (f32)
}

#[test]
fn map_keys_out_of_order_or_duplicated() {
    assert_rule("2a 05 0a 01 62 10 02 2a 05 0a 01 61 10 01", CanonicalRule::MapKeyOrder);
    assert_rule("2a 05 0a 01 61 10 02 2a 05 0a 01 61 10 01", CanonicalRule::MapKeyOrder);
}

#[test]
fn default_key_or_value_inside_a_map_entry() {
    assert_rule("2a 05 0a 01 61 10 00", CanonicalRule::DefaultValueWritten);
}

#[test]
fn unknown_fields() {
    assert_rule("08 01 c8 01 05", CanonicalRule::UnknownField);
}

#[test]
fn canonical_accepts_optional_defaults_and_canonical_specials() {
    let value = Sample { ratio: Some(0.0), small: Some(f32::NAN), ..Sample::decode(&[]).unwrap() };
    let bytes = value.encode_to_vec();
    let back = Sample::decode_with(&bytes, &DecodeOptions::canonical()).unwrap();
    assert_eq!(back.ratio, Some(0.0));
    assert_eq!(back.encode_to_vec(), bytes);
}

proptest! {
    #![proptest_config(common::cases(512))]

    /// Mutate valid encodings at random; whatever canonical decoding still accepts must re-encode to exactly
    /// the input.
    #[test]
    fn whatever_canonical_accepts_reencodes_identically(bytes in common::corrupted_encoding()) {
        if let Ok(decoded) = common::AllKinds::decode_with(&bytes, &DecodeOptions::canonical()) {
            prop_assert_eq!(decoded.encode_to_vec(), bytes);
        }
    }
}

/// Found by the `decode` fuzz target: an absent fixed-length list decodes to all defaults, so the encoder
/// must omit an all-default list, and canonical decoding must reject one that is written.
#[test]
fn all_default_fixed_length_lists_are_omitted_and_rejected_when_written() {
    let required_only = [0xf0, 0x02, 0x05];
    let value = common::AllKinds::decode_with(&required_only, &DecodeOptions::canonical()).unwrap();
    assert_eq!(value.triple, [0, 0, 0]);
    assert_eq!(value.encode_to_vec(), required_only);
    let written = [0x92, 0x02, 0x03, 0x00, 0x00, 0x00, 0xf0, 0x02, 0x05];
    assert_eq!(common::AllKinds::decode(&written).unwrap().triple, [0, 0, 0]);
    let err = common::AllKinds::decode_with(&written, &DecodeOptions::canonical()).unwrap_err();
    assert_eq!(err.kind(), &DecodeErrorKind::NonCanonical(CanonicalRule::DefaultValueWritten));
    let err = common::AllKinds::view_with(&written, &DecodeOptions::canonical()).unwrap_err();
    assert_eq!(err.kind(), &DecodeErrorKind::NonCanonical(CanonicalRule::DefaultValueWritten));
}
