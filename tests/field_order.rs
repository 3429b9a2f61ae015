//! Fields in any order, repeated, interleaved with unknown fields or missing: the parsers try fields in
//! ascending order first and fall back to the general loop, and every such input must give what the general
//! loop alone gives — for decode, view and view_in alike.

use cramberry::{CanonicalRule, Cramberry, DecodeErrorKind, DecodeOptions, Message};

#[derive(Cramberry, Debug, Clone, PartialEq)]
struct Order {
    #[cram(1)]
    id: u64,
    #[cram(2)]
    name: String,
    #[cram(3)]
    tags: Vec<String>,
    #[cram(4)]
    levels: Vec<u32>,
    #[cram(20, required)]
    side: u32,
}

fn order() -> Order {
    Order { id: 7, name: "ab".into(), tags: vec!["x".into(), "y".into()], levels: vec![1, 300], side: 2 }
}

/// The encoding of each field of `order()` alone, in field order (the required field always included).
fn chunks() -> Vec<Vec<u8>> {
    let empty = Order { id: 0, name: String::new(), tags: vec![], levels: vec![], side: 0 };
    let side_only = empty.encode_to_vec();
    let with = |o: Order| o.encode_to_vec()[..o.encoded_len() - side_only.len()].to_vec();
    let o = order();
    vec![
        with(Order { id: o.id, ..empty.clone() }),
        with(Order { name: o.name.clone(), ..empty.clone() }),
        with(Order { tags: o.tags.clone(), ..empty.clone() }),
        with(Order { levels: o.levels.clone(), ..empty.clone() }),
        Order { side: o.side, ..empty }.encode_to_vec(),
    ]
}

/// Decodes `bytes` with every front end and checks they agree; returns the decoded value.
fn decode_all(bytes: &[u8], options: &DecodeOptions) -> cramberry::Result<Order> {
    let decoded = Order::decode_with(bytes, options);
    let viewed = Order::view_with(bytes, options).map(|v| v.to_message());
    let arena = bumpalo::Bump::new();
    let recorded = Order::view_in_with(bytes, options, &arena).map(|v| v.to_message());
    for other in [&viewed, &recorded] {
        match (&decoded, other) {
            (Ok(a), Ok(b)) => assert_eq!(a, b),
            (Err(a), Err(b)) => {
                assert_eq!((a.kind(), a.offset(), a.path_string()), (b.kind(), b.offset(), b.path_string()))
            }
            (a, b) => panic!("decode {a:?} but a view {b:?}"),
        }
    }
    decoded
}

#[test]
fn in_order_fields_are_the_encoding() {
    assert_eq!(chunks().concat(), order().encode_to_vec());
    assert_eq!(decode_all(&chunks().concat(), &DecodeOptions::canonical()).unwrap(), order());
}

#[test]
fn any_permutation_of_the_fields_decodes_the_same_value() {
    let chunks = chunks();
    // Every rotation and the reversal: each starts somewhere other than field 1 or leaves gaps.
    let mut orders: Vec<Vec<usize>> =
        (0..chunks.len()).map(|k| (0..chunks.len()).map(|i| (i + k) % chunks.len()).collect()).collect();
    orders.push((0..chunks.len()).rev().collect());
    for order_of_fields in orders {
        let bytes: Vec<u8> = order_of_fields.iter().flat_map(|&i| chunks[i].clone()).collect();
        assert_eq!(
            decode_all(&bytes, &DecodeOptions::default()).unwrap(),
            order(),
            "order {order_of_fields:?}"
        );
        let sorted = order_of_fields.windows(2).all(|w| w[0] < w[1]);
        let canonical = decode_all(&bytes, &DecodeOptions::canonical());
        if sorted {
            assert!(canonical.is_ok());
        } else {
            let first_back = order_of_fields.windows(2).position(|w| w[0] > w[1]).unwrap() + 1;
            let offset: usize = order_of_fields[..first_back].iter().map(|&i| chunks[i].len()).sum();
            let err = canonical.unwrap_err();
            assert_eq!(
                err.kind(),
                &DecodeErrorKind::NonCanonical(CanonicalRule::FieldOrder),
                "order {order_of_fields:?}"
            );
            assert_eq!(err.offset(), offset, "order {order_of_fields:?}");
        }
    }
}

#[test]
fn a_repeated_plain_field_keeps_the_last_value_and_lists_append() {
    let c = chunks();
    let again = Order { id: 9, ..order() }.encode_to_vec();
    // id=7 ... then id=9 again (last wins), tags twice (appended in order), levels split around a field.
    let bytes = [&c[0][..], &c[1], &c[2], &c[3], &c[4], &again[..2], &c[2], &c[3]].concat();
    let value = decode_all(&bytes, &DecodeOptions::default()).unwrap();
    assert_eq!(value.id, 9);
    assert_eq!(value.tags, ["x", "y", "x", "y"]);
    assert_eq!(value.levels, [1, 300, 1, 300]);
}

#[test]
fn unknown_fields_between_known_ones_are_skipped_or_rejected() {
    let c = chunks();
    let unknown = [0x48, 0x05]; // field 9, varint 5
    let bytes = [&c[0][..], &unknown, &c[1], &c[2], &unknown, &c[3], &c[4]].concat();
    assert_eq!(decode_all(&bytes, &DecodeOptions::default()).unwrap(), order());
    let err = decode_all(&bytes, &DecodeOptions::strict()).unwrap_err();
    assert_eq!(err.kind(), &DecodeErrorKind::UnknownField(9));
    assert_eq!(err.offset(), c[0].len());
}

#[test]
fn missing_fields_take_defaults_and_a_missing_required_field_is_an_error() {
    let c = chunks();
    let value = decode_all(&[&c[1][..], &c[4]].concat(), &DecodeOptions::default()).unwrap();
    assert_eq!(value, Order { id: 0, tags: vec![], levels: vec![], ..order() });
    let err = decode_all(&c[..4].concat(), &DecodeOptions::default()).unwrap_err();
    assert!(matches!(err.kind(), DecodeErrorKind::MissingRequiredField), "{err}");
}

#[test]
fn an_overlong_tag_falls_back_to_the_general_loop() {
    let c = chunks();
    // Field 1 written with a two-byte tag (0x88 0x00): not what the fast path compares, same value.
    let mut bytes = vec![0x88, 0x00];
    bytes.extend_from_slice(&c[0][1..]);
    bytes.extend(c[1..].concat());
    assert_eq!(decode_all(&bytes, &DecodeOptions::default()).unwrap(), order());
    let err = decode_all(&bytes, &DecodeOptions::canonical()).unwrap_err();
    assert_eq!(err.kind(), &DecodeErrorKind::NonCanonical(CanonicalRule::OverlongVarint));
}
