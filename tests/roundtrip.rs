//! Property tests: every field kind round-trips through every encode entry point, and canonical decoding
//! accepts what the encoder writes and re-encodes it to the same bytes.

mod common;

use common::*;
use cramberry::{DecodeOptions, Message};
use proptest::prelude::*;
use std::borrow::Cow;

proptest! {
    #![proptest_config(common::cases(256))]

    #[test]
    fn every_field_kind_round_trips(value in all_kinds()) {
        let bytes = value.encode_to_vec();
        prop_assert_eq!(bytes.len(), value.encoded_len());
        let back = AllKinds::decode(&bytes).unwrap();
        prop_assert_eq!(&back, &value);

        let bump = bumpalo::Bump::new();
        prop_assert_eq!(value.encode_in(&bump), &bytes[..]);
        let mut slice = vec![0u8; bytes.len()];
        prop_assert_eq!(value.encode_to_slice(&mut slice), Ok(bytes.len()));
        prop_assert_eq!(&slice, &bytes);
    }

    #[test]
    fn canonical_decoding_accepts_encoder_output_and_reencodes_identically(value in all_kinds()) {
        let bytes = value.encode_to_vec();
        let back = AllKinds::decode_with(&bytes, &DecodeOptions::canonical()).unwrap();
        prop_assert_eq!(back.encode_to_vec(), bytes);
    }

    #[test]
    fn borrowed_kinds_round_trip_and_point_into_the_input(
        text in ".{0,10}",
        bytes in prop::collection::vec(any::<u8>(), 0..10),
        texts in prop::collection::vec(".{0,5}", 0..4),
        maybe in prop::option::of(".{0,5}"),
    ) {
        let value = Borrowed {
            text: &text,
            bytes: &bytes,
            cow_text: Cow::Borrowed(&text),
            cow_bytes: Cow::Owned(bytes.clone()),
            texts: texts.iter().map(String::as_str).collect(),
            by_name: texts.iter().map(|t| (t.as_str(), t.as_bytes())).collect(),
            maybe: maybe.as_deref(),
        };
        let encoded = value.encode_to_vec();
        let back = Borrowed::decode(&encoded).unwrap();
        prop_assert_eq!(&back, &value);
        let range = encoded.as_ptr_range();
        if !back.text.is_empty() {
            prop_assert!(range.contains(&back.text.as_ptr()), "&str borrows from the input");
        }
        prop_assert!(matches!(back.cow_text, Cow::Borrowed(_)));
    }
}

#[test]
fn negative_zero_and_nan_are_canonicalised() {
    let mut value = AllKinds::decode(&[0xf0, 0x02, 0x05]).unwrap(); // field 46 (required) = 5
    value.f64 = -0.0;
    value.f32 = f32::from_bits(0xffc0_0001);
    value.packed_f64 = vec![-0.0, f64::NAN];
    let back = AllKinds::decode(&value.encode_to_vec()).unwrap();
    assert_eq!(back.f64.to_bits(), 0, "-0.0 is written as +0.0, a default, so it is omitted");
    assert_eq!(back.f32.to_bits(), 0x7fc0_0000);
    assert_eq!(back.packed_f64[0].to_bits(), 0);
    assert_eq!(back.packed_f64[1].to_bits(), 0x7ff8_0000_0000_0000);
}

#[test]
fn skipped_fields_are_not_encoded_and_decode_as_default() {
    let mut value = AllKinds::decode(&[0xf0, 0x02, 0x05]).unwrap();
    let before = value.encode_to_vec();
    value.cache = 99;
    assert_eq!(value.encode_to_vec(), before);
    assert_eq!(AllKinds::decode(&before).unwrap().cache, 0);
}

#[test]
fn catch_all_enum_keeps_unknown_numbers() {
    let mut value = AllKinds::decode(&[0xf0, 0x02, 0x05]).unwrap();
    value.level = Level::Other(99);
    let back = AllKinds::decode(&value.encode_to_vec()).unwrap();
    assert_eq!(back.level, Level::Other(99));
}

#[test]
fn unknown_fields_are_kept_and_reencoded_after_known_fields_in_number_order() {
    // field 9 varint 1, field 2 varint 7, field 3 bytes "hi", field 1 fixed32
    let input = [0x48, 0x01, 0x10, 0x07, 0x1a, 0x02, b'h', b'i', 0x0d, 1, 2, 3, 4];
    let value = KeepsUnknown::decode(&input).unwrap();
    assert_eq!(value.id, 7);
    assert_eq!(value.unknown.numbers().collect::<Vec<_>>(), vec![1, 3, 9]);
    assert_eq!(value.encode_to_vec(), [0x10, 0x07, 0x0d, 1, 2, 3, 4, 0x1a, 0x02, b'h', b'i', 0x48, 0x01]);
}

#[test]
fn interface_values_carry_their_type_id() {
    let shape = Shape::Circle(Circle { radius: 1.5 });
    assert_eq!(shape.type_id(), 300);
    let mut value = AllKinds::decode(&[0xf0, 0x02, 0x05]).unwrap();
    value.shape = Some(shape.clone());
    let bytes = value.encode_to_vec();
    // field 42 TYPEREF tag = (42 << 3) | 7 = 0x157 -> d7 02; type id 300 -> ac 02; length 9; field 1 FIXED64
    let expected = [0xd7, 0x02, 0xac, 0x02, 0x09, 0x09, 0, 0, 0, 0, 0, 0, 0xf8, 0x3f];
    assert!(bytes.windows(expected.len()).any(|w| w == expected), "{bytes:02x?}");
    assert_eq!(AllKinds::decode(&bytes).unwrap().shape, Some(shape));
}

#[test]
fn pod_lists_are_one_run_of_little_endian_bytes() {
    let mut value = AllKinds::decode(&[0xf0, 0x02, 0x05]).unwrap();
    value.points = vec![Vec3 { x: 1.0, y: 2.0, z: 3.0 }, Vec3 { x: 4.0, y: 5.0, z: 6.0 }];
    let bytes = value.encode_to_vec();
    let mut expected = vec![0xea, 0x02, 24]; // field 45 BYTES, 24 bytes
    for f in [1.0f32, 2.0, 3.0, 4.0, 5.0, 6.0] {
        expected.extend_from_slice(&f.to_le_bytes());
    }
    assert!(bytes.windows(expected.len()).any(|w| w == expected), "{bytes:02x?}");
    assert_eq!(AllKinds::decode(&bytes).unwrap().points, value.points);
}

/// Found while writing perf/: types declared inside `macro_rules!` must derive (no hygiene clash between the
/// user's attribute spans and the derive's local variables).
macro_rules! declare_in_macro {
    ($($item:item)*) => {$(
        #[derive(cramberry::Cramberry, Debug, Clone, PartialEq)]
        $item
    )*};
}

declare_in_macro! {
    struct FromMacro {
        #[cram(1)]
        id: u64,
        #[cram(2, required)]
        name: String,
        #[cram(3)]
        items: Vec<u32>,
    }
}

#[test]
fn types_declared_by_macros_derive() {
    let value = FromMacro { id: 7, name: "m".into(), items: vec![1, 2] };
    let bytes = value.encode_to_vec();
    assert_eq!(FromMacro::decode(&bytes).unwrap(), value);
    assert_eq!(FromMacro::view(&bytes).unwrap().name(), "m");
}

/// A plain interface field: its default (the first member, empty) is omitted like any plain default; any
/// other value is written; canonical decoding rejects a written default.
#[test]
fn plain_interface_fields_omit_only_the_default() {
    #[derive(cramberry::Cramberry, Debug, Clone, PartialEq)]
    struct Holder {
        #[cram(1)]
        shape: Shape,
        #[cram(2)]
        id: u32,
    }
    let empty_first =
        Holder { shape: Shape::Inner(Inner { name: String::new(), value: 0, tags: vec![] }), id: 1 };
    assert_eq!(empty_first.encode_to_vec(), [0x10, 0x01]);
    let empty_second = Holder { shape: Shape::Circle(Circle { radius: 0.0 }), id: 1 };
    assert_eq!(empty_second.encode_to_vec(), [0x0f, 0xac, 0x02, 0x00, 0x10, 0x01]);
    let full_first =
        Holder { shape: Shape::Inner(Inner { name: "x".into(), value: 0, tags: vec![] }), id: 0 };
    assert_eq!(full_first.encode_to_vec(), [0x0f, 0x80, 0x01, 0x03, 0x0a, 0x01, b'x']);
    for value in [empty_first, empty_second, full_first] {
        let bytes = value.encode_to_vec();
        assert_eq!(bytes.len(), value.encoded_len());
        assert_eq!(Holder::decode_with(&bytes, &DecodeOptions::canonical()).unwrap(), value);
        assert_eq!(Holder::view(&bytes).unwrap().to_message(), value);
    }
    let written_default = [0x0f, 0x80, 0x01, 0x00];
    assert!(Holder::decode(&written_default).is_ok());
    let err = Holder::decode_with(&written_default, &DecodeOptions::canonical()).unwrap_err();
    assert_eq!(
        err.kind(),
        &cramberry::DecodeErrorKind::NonCanonical(cramberry::CanonicalRule::DefaultValueWritten)
    );
}
