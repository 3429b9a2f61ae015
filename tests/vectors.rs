//! The test vectors of docs/wire-format.md (the project's own statement of shared/spec/wire-format.md), byte for byte, encode and decode.

use cramberry::wire::{decode_varint, encode_varint, make_tag, zigzag_encode, WireType};
use cramberry::{Cramberry, Message};
use std::collections::BTreeMap;
/// Without the runtime's `std` feature (no `HashMap` fields), the same field as a `BTreeMap`: same bytes.
#[cfg(not(feature = "std"))]
use std::collections::BTreeMap as HashMap;
#[cfg(feature = "std")]
use std::collections::HashMap;

#[derive(Cramberry, Debug, Clone, PartialEq)]
struct Item {
    #[cram(1)]
    name: String,
    #[cram(2)]
    price: i64,
}

#[derive(Cramberry, Debug, Clone, PartialEq)]
struct Order {
    #[cram(1)]
    id: u64,
    #[cram(2)]
    symbol: String,
    #[cram(3)]
    qty: i32,
    #[cram(4)]
    items: Vec<Item>,
    #[cram(5)]
    levels: Vec<u32>,
    #[cram(6)]
    tags: BTreeMap<String, u32>,
    #[cram(7)]
    flag: Option<bool>,
}

/// The same schema with borrowed strings and a HashMap: must give the same bytes.
#[derive(Cramberry, Debug, Clone, PartialEq)]
struct OrderRef<'a> {
    #[cram(1)]
    id: u64,
    #[cram(2)]
    symbol: &'a str,
    #[cram(3)]
    qty: i32,
    #[cram(4)]
    items: Vec<ItemRef<'a>>,
    #[cram(5)]
    levels: Vec<u32>,
    #[cram(6)]
    tags: HashMap<&'a str, u32>,
    #[cram(7)]
    flag: Option<bool>,
}

#[derive(Cramberry, Debug, Clone, PartialEq)]
struct ItemRef<'a> {
    #[cram(1)]
    name: &'a str,
    #[cram(2)]
    price: i64,
}

fn hex(s: &str) -> Vec<u8> {
    s.split_whitespace().map(|b| u8::from_str_radix(b, 16).unwrap()).collect()
}

const ORDER_BYTES: &str = "08 96 01  1e 01  22 03 0a 01 78  22 02 16 02  2a 03 01 ac 02
                           32 05 0a 01 61 10 01  32 05 0a 01 62 10 02  38 00";

fn spec_order() -> Order {
    Order {
        id: 150,
        symbol: String::new(),
        qty: -1,
        items: vec![Item { name: "x".into(), price: 0 }, Item { name: String::new(), price: 1 }],
        levels: vec![1, 300],
        tags: [("b".to_string(), 2), ("a".to_string(), 1)].into_iter().collect(),
        flag: Some(false),
    }
}

#[test]
fn varint_table() {
    let cases: &[(u64, &str)] = &[
        (0, "00"),
        (1, "01"),
        (127, "7f"),
        (128, "80 01"),
        (300, "ac 02"),
        (16384, "80 80 01"),
        (u64::MAX, "ff ff ff ff ff ff ff ff ff 01"),
        (zigzag_encode(-1), "01"),
        (zigzag_encode(1), "02"),
        (zigzag_encode(-64), "7f"),
        (zigzag_encode(64), "80 01"),
        (zigzag_encode(i64::MIN), "ff ff ff ff ff ff ff ff ff 01"),
    ];
    for &(value, bytes) in cases {
        let expected = hex(bytes);
        let mut buf = [0u8; 10];
        let n = encode_varint(value, &mut buf);
        assert_eq!(&buf[..n], &expected[..], "encode {value}");
        assert_eq!(decode_varint(&expected), Ok((value, expected.len())), "decode {bytes}");
    }
}

#[test]
fn tag_table() {
    let cases: &[(u32, WireType, &str)] = &[
        (1, WireType::Varint, "08"),
        (1, WireType::Bytes, "0a"),
        (2, WireType::Svarint, "16"),
        (3, WireType::Fixed64, "19"),
        (4, WireType::Fixed32, "25"),
        (5, WireType::TypeRef, "2f"),
        (15, WireType::Bytes, "7a"),
        (16, WireType::Varint, "80 01"),
        (1000, WireType::Svarint, "c6 3e"),
    ];
    for &(number, wire_type, bytes) in cases {
        let mut buf = [0u8; 10];
        let n = encode_varint(make_tag(number, wire_type), &mut buf);
        assert_eq!(&buf[..n], &hex(bytes)[..], "field {number} {wire_type}");
    }
}

#[test]
fn item_example() {
    let item = Item { name: "ab".into(), price: -3 };
    let bytes = hex("0a 02 61 62 16 05");
    assert_eq!(item.encode_to_vec(), bytes);
    assert_eq!(item.encoded_len(), bytes.len());
    assert_eq!(Item::decode(&bytes).unwrap(), item);
}

#[test]
fn order_example_encodes_byte_for_byte() {
    let order = spec_order();
    let expected = hex(ORDER_BYTES);
    assert_eq!(order.encoded_len(), expected.len());
    assert_eq!(order.encode_to_vec(), expected);
    let bump = bumpalo::Bump::new();
    assert_eq!(order.encode_in(&bump), &expected[..]);
    let mut buf = vec![0u8; expected.len() + 3];
    assert_eq!(order.encode_to_slice(&mut buf), Ok(expected.len()));
    assert_eq!(&buf[..expected.len()], &expected[..]);
    let mut appended = vec![0xaa];
    order.encode_into(&mut appended);
    assert_eq!(appended[0], 0xaa);
    assert_eq!(&appended[1..], &expected[..]);
}

#[test]
fn order_example_decodes() {
    assert_eq!(Order::decode(&hex(ORDER_BYTES)).unwrap(), spec_order());
}

#[test]
fn borrowed_types_and_hash_maps_give_the_same_bytes() {
    let bytes = hex(ORDER_BYTES);
    let view = OrderRef::decode(&bytes).unwrap();
    assert_eq!(view.tags.get("a"), Some(&1));
    assert_eq!(view.items[0].name, "x");
    assert_eq!(view.encode_to_vec(), bytes);
}

#[test]
fn empty_message_is_zero_bytes() {
    let empty = Order::decode(&[]).unwrap();
    assert_eq!(empty.encoded_len(), 0);
    assert!(empty.encode_to_vec().is_empty());
    assert_eq!(empty.flag, None);
}
