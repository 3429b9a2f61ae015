//! Map keys are ordered by their wire value — enums by number, whatever their declaration order or `Ord` —
//! in encoding, in the canonical check and in views.
#![cfg(feature = "std")] // HashMap fields needs the runtime's `std` feature

use cramberry::{CanonicalRule, Cramberry, DecodeErrorKind, DecodeOptions, Message};
use std::collections::{BTreeMap, HashMap};

/// Declared out of numeric order, so the derived `Ord` (declaration order) is not the wire order.
#[derive(Cramberry, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum E {
    #[cram(0)]
    Z,
    #[cram(2)]
    B,
    #[cram(1)]
    A,
    #[cram(other)]
    Other(u32),
}

#[derive(Cramberry, Debug, PartialEq)]
struct ByEnum {
    #[cram(1)]
    map: BTreeMap<E, u32>,
}

#[derive(Cramberry, Debug, PartialEq)]
struct ByEnumHashed {
    #[cram(1)]
    map: HashMap<E, u32>,
}

#[derive(Cramberry, Debug, PartialEq)]
struct BySigned {
    #[cram(1)]
    map: HashMap<i32, bool>,
}

/// Entry `{1: key, 2: value}` of field 1, both varints.
fn entry(key: u8, value: u8) -> Vec<u8> {
    entry_tagged(0x08, key, value)
}

/// Entry of field 1 whose key field has tag byte `key_tag` (0x08 VARINT, 0x0e SVARINT).
fn entry_tagged(key_tag: u8, key: u8, value: u8) -> Vec<u8> {
    let mut body = Vec::new();
    if key != 0 {
        body.extend([key_tag, key]);
    }
    if value != 0 {
        body.extend([0x10, value]);
    }
    let mut out = vec![0x0a, body.len() as u8];
    out.extend(body);
    out
}

fn entries(pairs: &[(u8, u8)]) -> Vec<u8> {
    pairs.iter().flat_map(|&(k, v)| entry(k, v)).collect()
}

fn all_three() -> BTreeMap<E, u32> {
    BTreeMap::from([(E::Z, 1), (E::B, 2), (E::A, 3)])
}

#[test]
fn enum_keys_are_written_by_number_not_declaration_order() {
    let bytes = ByEnum { map: all_three() }.encode_to_vec();
    // Z (0), A (1), B (2): ascending numbers.
    assert_eq!(bytes, entries(&[(0, 1), (1, 3), (2, 2)]));
    let hashed = ByEnumHashed { map: all_three().into_iter().collect() }.encode_to_vec();
    assert_eq!(hashed, bytes);
}

#[test]
fn canonical_decoding_accepts_ascending_numbers_and_rejects_declaration_order() {
    let ascending = entries(&[(0, 1), (1, 3), (2, 2)]);
    let decoded = ByEnum::decode_with(&ascending, &DecodeOptions::canonical()).unwrap();
    assert_eq!(decoded.map, all_three());
    ByEnum::view_with(&ascending, &DecodeOptions::canonical()).unwrap();

    let declaration_order = entries(&[(0, 1), (2, 2), (1, 3)]);
    for err in [
        ByEnum::decode_with(&declaration_order, &DecodeOptions::canonical()).unwrap_err(),
        ByEnum::view_with(&declaration_order, &DecodeOptions::canonical()).map(drop).unwrap_err(),
    ] {
        assert_eq!(err.kind(), &DecodeErrorKind::NonCanonical(CanonicalRule::MapKeyOrder));
        assert_eq!(err.offset(), 10, "the entry out of order");
    }
}

#[test]
fn unknown_enum_numbers_sort_among_the_known_ones() {
    let map = BTreeMap::from([(E::Other(7), 1), (E::B, 2), (E::Other(3), 3), (E::A, 4)]);
    let bytes = ByEnum { map: map.clone() }.encode_to_vec();
    assert_eq!(bytes, entries(&[(1, 4), (2, 2), (3, 3), (7, 1)]));
    assert_eq!(ByEnum::decode_with(&bytes, &DecodeOptions::canonical()).unwrap().map, map);
}

#[test]
fn signed_keys_sort_by_value_not_by_zigzag() {
    let map = HashMap::from([(-1, true), (1, true), (0, true), (-2, true)]);
    let bytes = BySigned { map: map.clone() }.encode_to_vec();
    // ZigZag: -2 -> 3, -1 -> 1, 0 -> 0 (key omitted), 1 -> 2; by value: -2, -1, 0, 1.
    let expected: Vec<u8> = [3, 1, 0, 2].iter().flat_map(|&k| entry_tagged(0x0e, k, 1)).collect();
    assert_eq!(bytes, expected);
    let back = BySigned::decode_with(&bytes, &DecodeOptions::canonical()).unwrap();
    assert_eq!(back.map, map);
}

#[test]
fn view_get_finds_keys_in_wire_order_bytes() {
    let bytes = ByEnum { map: all_three() }.encode_to_vec();
    let view = ByEnum::view(&bytes).unwrap();
    assert_eq!(view.map().get(&E::A), Some(3));
    assert_eq!(view.map().iter().map(|(k, _)| k).collect::<Vec<_>>(), [E::Z, E::A, E::B]);
}
