//! Bad input gets a typed error that says what and where — never a panic, never an allocation the input does
//! not justify.

mod common;

use common::*;
use cramberry::{Cramberry, DecodeErrorKind, DecodeOptions, Limit, Message};

#[derive(Cramberry, Debug, PartialEq)]
struct Node {
    #[cram(1)]
    child: Option<Box<Node>>,
    #[cram(2)]
    depth: u32,
}

#[derive(Cramberry, Debug, PartialEq)]
struct Item {
    #[cram(1)]
    name: String,
    #[cram(2)]
    price: i64,
}

#[derive(Cramberry, Debug, PartialEq)]
struct Order {
    #[cram(1)]
    id: u64,
    #[cram(4)]
    items: Vec<Item>,
}

fn kind_of<T: std::fmt::Debug>(result: cramberry::Result<T>) -> (DecodeErrorKind, usize) {
    let err = result.expect_err("input must be rejected");
    (err.kind().clone(), err.offset())
}

fn with_required(rest: &[u8]) -> Vec<u8> {
    let mut bytes = vec![0xf0, 0x02, 0x05]; // AllKinds.must = 5
    bytes.extend_from_slice(rest);
    bytes
}

#[test]
fn truncation_at_every_offset_never_panics_and_fails_inside_values() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    for _ in 0..64 {
        let value = proptest::strategy::ValueTree::current(
            &proptest::strategy::Strategy::new_tree(&all_kinds(), &mut runner).unwrap(),
        );
        let bytes = value.encode_to_vec();
        for cut in 0..bytes.len() {
            if let Err(e) = AllKinds::decode(&bytes[..cut]) {
                assert!(
                    matches!(
                        e.kind(),
                        DecodeErrorKind::Truncated
                            | DecodeErrorKind::LengthOutOfBounds { .. }
                            | DecodeErrorKind::MissingRequiredField
                            | DecodeErrorKind::FixedLengthMismatch { .. }
                    ),
                    "cut at {cut}: {e}"
                );
                assert!(e.offset() <= cut, "error offset {} beyond the input of {cut}", e.offset());
            }
        }
    }
    // Inside one length-delimited field every cut is an error.
    let bytes = Item { name: "hello world".into(), price: -5 }.encode_to_vec();
    for cut in 1..bytes.len() - 2 {
        assert!(Item::decode(&bytes[..cut]).is_err(), "cut at {cut}");
    }
}

#[test]
fn varint_of_eleven_bytes_and_tenth_byte_overflow() {
    let eleven = [0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01];
    assert_eq!(kind_of(Order::decode(&eleven)), (DecodeErrorKind::VarintOverflow, 1));
    let tenth = [0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02];
    assert_eq!(kind_of(Order::decode(&tenth)), (DecodeErrorKind::VarintOverflow, 1));
    assert_eq!(kind_of(Order::decode(&[0x08, 0x80])), (DecodeErrorKind::Truncated, 1));
}

#[test]
fn wire_types_three_and_four() {
    assert_eq!(kind_of(Order::decode(&[0x08, 0x01, 0x0b])), (DecodeErrorKind::InvalidWireType(3), 2));
    assert_eq!(kind_of(Order::decode(&[0x0c])), (DecodeErrorKind::InvalidWireType(4), 0));
}

#[test]
fn field_number_zero_and_too_large() {
    assert_eq!(kind_of(Order::decode(&[0x00, 0x01])), (DecodeErrorKind::InvalidFieldNumber(0), 0));
    // (2^29) << 3 as a varint
    let too_large = [0x80, 0x80, 0x80, 0x80, 0x10, 0x01];
    assert_eq!(kind_of(Order::decode(&too_large)), (DecodeErrorKind::InvalidFieldNumber(1 << 29), 0));
}

#[test]
fn length_prefix_larger_than_the_input() {
    let (kind, offset) = kind_of(Item::decode(&[0x0a, 0x05, b'a']));
    assert_eq!(kind, DecodeErrorKind::LengthOutOfBounds { len: 5, remaining: 1 });
    assert_eq!(offset, 1);
}

#[test]
fn element_count_bombs_are_rejected_before_allocating() {
    // A packed u64 run claiming 2^60 bytes, in a 12-byte input.
    let bomb = with_required(&[0xca, 0x01, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x10]);
    assert!(matches!(kind_of(AllKinds::decode(&bomb)).0, DecodeErrorKind::LengthOutOfBounds { .. }));
    // A pod run claiming 2^40 points.
    let pods = with_required(&[0xea, 0x02, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20]);
    assert!(matches!(kind_of(AllKinds::decode(&pods)).0, DecodeErrorKind::LengthOutOfBounds { .. }));
}

#[test]
fn nesting_100_000_deep_stops_at_the_depth_limit_without_overflowing_the_stack() {
    let depth = 100_000;
    // Build from the innermost level outwards, in reverse, so the work stays linear.
    let mut reversed: Vec<u8> = Vec::new();
    for _ in 0..depth {
        let len = reversed.len() as u64;
        let mut prefix = [0u8; 10];
        let n = cramberry::wire::encode_varint(len, &mut prefix);
        reversed.extend(prefix[..n].iter().rev());
        reversed.push(0x0a);
    }
    reversed.reverse();
    let (kind, _) = kind_of(Node::decode(&reversed));
    assert_eq!(kind, DecodeErrorKind::LimitExceeded { limit: Limit::Depth, max: 100 });
    let (kind, _) = kind_of(Node::decode_with(&reversed, &DecodeOptions::secure()));
    assert_eq!(kind, DecodeErrorKind::LimitExceeded { limit: Limit::Depth, max: 32 });
    let (kind, _) = kind_of(Node::decode_with(&reversed, &DecodeOptions::secure().max_message_len(1000)));
    assert_eq!(kind, DecodeErrorKind::LimitExceeded { limit: Limit::MessageLen, max: 1000 });
}

#[test]
fn invalid_utf8_of_each_class_names_the_first_bad_byte() {
    for (bad, class) in [
        (&[0xc0, 0x80][..], "overlong"),
        (&[0xed, 0xa0, 0x80], "surrogate"),
        (&[0xf4, 0x90, 0x80, 0x80], "above U+10FFFF"),
        (&[0xe2, 0x82], "truncated sequence"),
        (&[0x80], "lone continuation"),
    ] {
        let mut bytes = vec![0x0a, 2 + bad.len() as u8, b'o', b'k'];
        bytes.extend_from_slice(bad);
        let err = Item::decode(&bytes).unwrap_err();
        assert_eq!(err.kind(), &DecodeErrorKind::InvalidUtf8, "{class}");
        assert_eq!(err.offset(), 4, "{class}");
        assert_eq!(err.path_string(), "Item.name");
    }
}

#[test]
fn integers_out_of_range_for_their_type() {
    let u8_300 = with_required(&[0x10, 0xac, 0x02]);
    let (kind, offset) = kind_of(AllKinds::decode(&u8_300));
    assert_eq!(kind, DecodeErrorKind::IntegerOutOfRange { value: 300, target: "u8" });
    assert_eq!(offset, 4);
    let i8_200 = with_required(&[0x36, 0x90, 0x03]); // zigzag(200) = 400
    assert_eq!(
        kind_of(AllKinds::decode(&i8_200)).0,
        DecodeErrorKind::IntegerOutOfRange { value: 200, target: "i8" }
    );
    let u32_big = with_required(&[0x20, 0x80, 0x80, 0x80, 0x80, 0x10]);
    assert_eq!(
        kind_of(AllKinds::decode(&u32_big)).0,
        DecodeErrorKind::IntegerOutOfRange { value: 1 << 32, target: "u32" }
    );
}

#[test]
fn bool_two() {
    assert_eq!(
        kind_of(AllKinds::decode(&with_required(&[0x08, 0x02]))),
        (DecodeErrorKind::InvalidBool(2), 4)
    );
}

#[test]
fn bool_two_inside_a_packed_run_is_found_by_index_by_decode_and_view() {
    // A run of five bools checked in bulk; the fourth byte is 2, so the element-wise read reports it.
    let run = with_required(&[0xe2, 0x01, 0x05, 1, 0, 1, 2, 0]);
    for result in [AllKinds::decode(&run).map(drop), AllKinds::view(&run).map(drop)] {
        let err = result.expect_err("a bool of 2 must be rejected");
        assert_eq!((err.kind().clone(), err.offset()), (DecodeErrorKind::InvalidBool(2), 9));
        assert!(err.to_string().contains("[3]"), "the path names element 3: {err}");
    }
    let valid = with_required(&[0xe2, 0x01, 0x05, 1, 0, 1, 1, 0]);
    assert_eq!(AllKinds::decode(&valid).unwrap().packed_bool, [true, false, true, true, false]);
    let view = AllKinds::view(&valid).unwrap();
    assert_eq!(view.packed_bool().iter().collect::<Vec<_>>(), [true, false, true, true, false]);
}

#[test]
fn unknown_enum_value_and_unknown_type_id() {
    let color_5 = with_required(&[0xc0, 0x02, 0x05]);
    assert_eq!(kind_of(AllKinds::decode(&color_5)), (DecodeErrorKind::UnknownEnumValue(5), 5));
    let shape_999 = with_required(&[0xd7, 0x02, 0xe7, 0x07, 0x00]);
    assert_eq!(kind_of(AllKinds::decode(&shape_999)), (DecodeErrorKind::UnknownTypeId(999), 5));
}

#[test]
fn packed_fixed_width_run_not_a_multiple_of_the_width() {
    let run = with_required(&[0xea, 0x01, 0x05, 1, 2, 3, 4, 5]); // field 29, fixed32, 5 bytes
    assert_eq!(
        kind_of(AllKinds::decode(&run)).0,
        DecodeErrorKind::PackedLengthNotMultiple { len: 5, width: 4 }
    );
}

#[test]
fn fixed_length_lists_with_the_wrong_length() {
    let short_hash = with_required(&[0x92, 0x01, 0x03, 1, 2, 3]);
    assert_eq!(
        kind_of(AllKinds::decode(&short_hash)).0,
        DecodeErrorKind::FixedLengthMismatch { expected: 4, found: 3 }
    );
    let two_of_three = with_required(&[0x92, 0x02, 0x02, 0x02, 0x04]);
    assert_eq!(
        kind_of(AllKinds::decode(&two_of_three)).0,
        DecodeErrorKind::FixedLengthMismatch { expected: 3, found: 2 }
    );
}

#[test]
fn wire_type_mismatch() {
    let err = AllKinds::decode(&with_required(&[0x80, 0x01, 0x01])).unwrap_err(); // field 16 (string) as VARINT
    assert!(matches!(err.kind(), DecodeErrorKind::WireTypeMismatch { .. }));
    assert_eq!(err.path_string(), "AllKinds.text");
}

#[test]
fn required_field_missing() {
    let err = AllKinds::decode(&[0x08, 0x01]).unwrap_err();
    assert_eq!(err.kind(), &DecodeErrorKind::MissingRequiredField);
    assert_eq!(err.path_string(), "AllKinds.must");
    assert_eq!(err.offset(), 2);
}

#[test]
fn error_path_names_list_index_and_field() {
    let order = [0x22, 0x03, 0x0a, 0x01, b'a', 0x22, 0x03, 0x0a, 0x01, 0xff];
    let err = Order::decode(&order).unwrap_err();
    assert_eq!(err.to_string(), "failed to decode Order.items[1].name: invalid UTF-8 at byte 9");
}

#[test]
fn limits_and_strict_mode() {
    let big_string = Item { name: "x".repeat((1 << 20) + 1), price: 0 }.encode_to_vec();
    let (kind, _) =
        kind_of(Item::decode_with(&big_string, &DecodeOptions::secure().max_message_len(usize::MAX)));
    assert_eq!(kind, DecodeErrorKind::LimitExceeded { limit: Limit::StringLen, max: 1 << 20 });

    let four_items = Order { id: 1, items: (0..4).map(|_| Item { name: "a".into(), price: 1 }).collect() };
    let bytes = four_items.encode_to_vec();
    let (kind, _) = kind_of(Order::decode_with(&bytes, &DecodeOptions::default().max_elements(3)));
    assert_eq!(kind, DecodeErrorKind::LimitExceeded { limit: Limit::Elements, max: 3 });

    let packed = with_required(&[0xca, 0x01, 0x04, 1, 2, 3, 4]);
    let (kind, _) = kind_of(AllKinds::decode_with(&packed, &DecodeOptions::default().max_elements(3)));
    assert_eq!(kind, DecodeErrorKind::LimitExceeded { limit: Limit::Elements, max: 3 });

    let unknown = [0x08, 0x01, 0x98, 0x01, 0x01];
    assert!(Order::decode(&unknown).is_ok());
    assert_eq!(
        kind_of(Order::decode_with(&unknown, &DecodeOptions::strict())),
        (DecodeErrorKind::UnknownField(19), 2)
    );
}

#[test]
fn random_bytes_never_panic() {
    let mut seed = 0x1234_5678_9abc_def0u64;
    for len in 0..400 {
        let bytes: Vec<u8> = (0..len % 64)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                seed as u8
            })
            .collect();
        let _ = AllKinds::decode(&bytes);
        let _ = AllKinds::decode_with(&bytes, &DecodeOptions::canonical());
        let _ = Borrowed::decode(&bytes);
    }
}

#[test]
fn errors_outside_any_field_name_the_type_being_decoded() {
    // Field 1 with wire type 4 (not a wire type): the tag itself is bad, so no field is in the path.
    let bad = [0x0c];
    let err = Order::decode(&bad).unwrap_err();
    assert_eq!(err.to_string(), "failed to decode Order: invalid wire type 4 at byte 0");
    assert_eq!((err.message(), err.path_string().as_str()), (Some("Order"), ""));
    let viewed = Order::view(&bad).map(drop).unwrap_err();
    assert_eq!(viewed.to_string(), err.to_string());
    // Inside a field, the path already starts with the type.
    let err = Order::decode(&[0x22, 0x02, 0x0a, 0x05]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "failed to decode Order.items[0].name: length 5 exceeds the 0 bytes remaining at byte 3"
    );
    // A limit checked before the first field names it too.
    let tight = DecodeOptions::default().max_message_len(1);
    let err = Order::decode_with(&[0x08, 0x01], &tight).unwrap_err();
    assert!(err.to_string().starts_with("failed to decode Order: "), "{err}");
}

#[test]
fn errors_in_skipped_unknown_fields_general_tags_and_strings_name_their_byte() {
    // Inside Order's second item (its fields start at byte 9): the offsets count from the start of the input.
    let item = |body: &[u8]| {
        let mut bytes = vec![0x08, 0x01, 0x22, 0x03, 0x0a, 0x01, b'a', 0x22, body.len() as u8];
        bytes.extend_from_slice(body);
        bytes
    };
    let cases: [(&[u8], DecodeErrorKind, usize); 6] = [
        // An unknown field 9 whose length runs past the item: the length's own byte.
        (&[0x4a, 0x05, b'x'], DecodeErrorKind::LengthOutOfBounds { len: 5, remaining: 1 }, 10),
        // An unknown varint field cut off, and an unknown fixed64 field cut off: where the payload starts.
        (&[0x48, 0x80], DecodeErrorKind::Truncated, 10),
        (&[0x49, 1, 2, 3], DecodeErrorKind::Truncated, 10),
        // A two-byte tag (field 16) with wire type 3, and field number 0 in an overlong tag.
        (&[0x83, 0x01], DecodeErrorKind::InvalidWireType(3), 9),
        (&[0x80, 0x00], DecodeErrorKind::InvalidFieldNumber(0), 9),
        // A name whose third byte is not UTF-8.
        (&[0x0a, 0x03, b'a', b'b', 0xff], DecodeErrorKind::InvalidUtf8, 13),
    ];
    for (body, kind, offset) in cases {
        let bytes = item(body);
        assert_eq!(kind_of(Order::decode(&bytes)), (kind.clone(), offset), "decode {body:02x?}");
        assert_eq!(kind_of(Order::view(&bytes)), (kind, offset), "view {body:02x?}");
    }
}

/// A message whose last field is a varint, nested in one with a field after it.
#[derive(Cramberry, Debug, PartialEq)]
struct VarintLast {
    #[cram(1)]
    size: u64,
}

#[derive(Cramberry, Debug, PartialEq)]
struct HoldsVarintLast {
    #[cram(1)]
    inner: VarintLast,
    #[cram(2)]
    after: u64,
}

/// A varint at the end of a nested message must end inside it: one whose continuation bytes run past the
/// nested message's end (into bytes that would complete it) is truncated there, for decode, view and lazy
/// alike. (Guards any reader that looks at the input beyond a window to read varints by word.)
#[test]
fn a_varint_at_the_end_of_a_nested_message_ends_inside_it() {
    let value = HoldsVarintLast { inner: VarintLast { size: 73_431_223 }, after: 1 << 40 };
    let bytes = value.encode_to_vec();
    assert_eq!(HoldsVarintLast::decode(&bytes).unwrap(), value);
    assert_eq!(HoldsVarintLast::view(&bytes).unwrap().inner().size(), 73_431_223);
    assert_eq!(HoldsVarintLast::lazy(&bytes).unwrap().inner().unwrap().size().unwrap(), 73_431_223);
    // inner = [08 80 80] (a varint cut after two bytes), then field 2 = 80 80 80 80 80 01: the bytes after the
    // window would complete the varint, but they are not the nested message's.
    let crossing = [0x0a, 0x03, 0x08, 0x80, 0x80, 0x10, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01];
    let decoded = HoldsVarintLast::decode(&crossing).unwrap_err();
    assert_eq!((decoded.kind(), decoded.offset()), (&DecodeErrorKind::Truncated, 3));
    let viewed = HoldsVarintLast::view(&crossing).unwrap_err();
    assert_eq!((viewed.kind(), viewed.offset()), (&DecodeErrorKind::Truncated, 3));
    let lazy = HoldsVarintLast::lazy(&crossing).unwrap().inner().unwrap().size().unwrap_err();
    assert_eq!((lazy.kind(), lazy.offset()), (&DecodeErrorKind::Truncated, 3));
}
