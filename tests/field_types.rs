//! Rust field types that share an existing wire form: `usize`/`isize` are `uint64`/`int64`, `char` is its
//! scalar value as a `uint32`, and `Box`/`Arc`/`Rc` of `str` and `[u8]` are `string` and `bytes`. Each writes
//! exactly the bytes of its wire twin, round-trips, views as the twin's view type, and rejects what is out of
//! its range with a typed error at the value's offset.

use cramberry::{Cramberry, DecodeErrorKind, DecodeOptions, Message};
use proptest::prelude::*;
use std::rc::Rc;
use std::sync::Arc;

#[derive(Cramberry, Clone, Debug, PartialEq)]
struct Shared {
    #[cram(1)]
    index: usize,
    #[cram(2)]
    delta: isize,
    #[cram(3)]
    letter: char,
    #[cram(4)]
    name: Box<str>,
    #[cram(5)]
    tag: Arc<str>,
    #[cram(6)]
    note: Rc<str>,
    #[cram(7)]
    blob: Box<[u8]>,
    #[cram(8)]
    key: Arc<[u8]>,
    #[cram(9)]
    letters: Vec<char>,
    #[cram(10)]
    sizes: Vec<usize>,
}

/// The same fields in the types of the wire forms they share.
#[derive(Cramberry, Clone, Debug, PartialEq, Default)]
struct Twin {
    #[cram(1)]
    index: u64,
    #[cram(2)]
    delta: i64,
    #[cram(3)]
    letter: u32,
    #[cram(4)]
    name: String,
    #[cram(5)]
    tag: String,
    #[cram(6)]
    note: String,
    #[cram(7)]
    blob: Vec<u8>,
    #[cram(8)]
    key: Vec<u8>,
    #[cram(9)]
    letters: Vec<u32>,
    #[cram(10)]
    sizes: Vec<u64>,
}

fn twin_of(s: &Shared) -> Twin {
    Twin {
        index: s.index as u64,
        delta: s.delta as i64,
        letter: u32::from(s.letter),
        name: s.name.to_string(),
        tag: s.tag.to_string(),
        note: s.note.to_string(),
        blob: s.blob.to_vec(),
        key: s.key.to_vec(),
        letters: s.letters.iter().map(|&c| u32::from(c)).collect(),
        sizes: s.sizes.iter().map(|&n| n as u64).collect(),
    }
}

fn shared() -> impl Strategy<Value = Shared> {
    (
        (any::<usize>(), any::<isize>(), any::<char>()),
        (".{0,8}", ".{0,8}", ".{0,8}"),
        (prop::collection::vec(any::<u8>(), 0..8), prop::collection::vec(any::<u8>(), 0..8)),
        (prop::collection::vec(any::<char>(), 0..6), prop::collection::vec(any::<usize>(), 0..6)),
    )
        .prop_map(|((index, delta, letter), (name, tag, note), (blob, key), (letters, sizes))| Shared {
            index,
            delta,
            letter,
            name: name.into(),
            tag: tag.into(),
            note: note.into(),
            blob: blob.into(),
            key: key.into(),
            letters,
            sizes,
        })
}

proptest! {
    #[test]
    fn each_type_writes_its_wire_twins_bytes_and_round_trips(value in shared()) {
        let bytes = value.encode_to_vec();
        prop_assert_eq!(&bytes, &twin_of(&value).encode_to_vec());
        prop_assert_eq!(bytes.len(), value.encoded_len());
        prop_assert_eq!(&Shared::decode(&bytes).unwrap(), &value);
        let canonical = Shared::decode_with(&bytes, &DecodeOptions::canonical()).unwrap();
        prop_assert_eq!(canonical.encode_to_vec(), bytes);
    }

    #[test]
    fn views_give_the_twins_view_types(value in shared()) {
        let bytes = value.encode_to_vec();
        let view = Shared::view(&bytes).unwrap();
        let (index, delta, letter): (usize, isize, char) = (view.index(), view.delta(), view.letter());
        prop_assert_eq!((index, delta, letter), (value.index, value.delta, value.letter));
        let (name, tag, note): (&str, &str, &str) = (view.name(), view.tag(), view.note());
        prop_assert_eq!((name, tag, note), (&*value.name, &*value.tag, &*value.note));
        let (blob, key): (&[u8], &[u8]) = (view.blob(), view.key());
        prop_assert_eq!((blob, key), (&*value.blob, &*value.key));
        prop_assert_eq!(view.letters().iter().collect::<Vec<char>>(), value.letters.clone());
        prop_assert_eq!(view.sizes().iter().collect::<Vec<usize>>(), value.sizes.clone());
        prop_assert_eq!(&cramberry::MessageView::to_message(&view), &value);
    }
}

#[test]
fn a_char_that_is_no_scalar_value_is_out_of_range_at_its_offset() {
    for bad in [0xD800u32, 0xDFFF, 0x11_0000, u32::MAX] {
        let bytes = Twin { letter: bad, ..Twin::default() }.encode_to_vec();
        // Field 3's tag is the first byte: the value starts at offset 1.
        let err = Shared::decode(&bytes).unwrap_err();
        assert_eq!(err.kind(), &DecodeErrorKind::IntegerOutOfRange { value: bad.into(), target: "char" });
        assert_eq!(err.offset(), 1);
        let view_err = Shared::view(&bytes).unwrap_err();
        assert_eq!((view_err.kind(), view_err.offset()), (err.kind(), 1));
    }
    let above_u32 = Twin { letter: 0, index: 0, ..Twin::default() };
    let mut bytes = above_u32.encode_to_vec();
    bytes.extend_from_slice(&[0x18, 0x80, 0x80, 0x80, 0x80, 0x10]); // field 3 = 2^32
    let err = Shared::decode(&bytes).unwrap_err();
    assert_eq!(err.kind(), &DecodeErrorKind::IntegerOutOfRange { value: 1 << 32, target: "char" });
}

#[test]
fn a_packed_list_of_chars_with_a_surrogate_is_rejected_at_the_element() {
    let bytes =
        Twin { letters: vec![u32::from('a'), 0xD800, u32::from('b')], ..Twin::default() }.encode_to_vec();
    // Tag (field 9, packed), length, 'a' (1 byte): the surrogate starts at offset 3.
    for err in [Shared::decode(&bytes).unwrap_err(), Shared::view(&bytes).unwrap_err()] {
        assert_eq!(err.kind(), &DecodeErrorKind::IntegerOutOfRange { value: 0xD800, target: "char" });
        assert_eq!(err.offset(), 3);
    }
}

#[test]
fn defaults_are_not_written_and_canonical_decoding_rejects_them_written() {
    let empty = Shared {
        index: 0,
        delta: 0,
        letter: '\0',
        name: "".into(),
        tag: "".into(),
        note: "".into(),
        blob: Box::default(),
        key: Arc::from(&[][..]),
        letters: Vec::new(),
        sizes: Vec::new(),
    };
    assert!(empty.encode_to_vec().is_empty());
    let explicit_nul = [0x18, 0x00]; // field 3 = '\0', written
    assert_eq!(Shared::decode(&explicit_nul).unwrap(), empty);
    let err = Shared::decode_with(&explicit_nul, &DecodeOptions::canonical()).unwrap_err();
    assert!(matches!(err.kind(), DecodeErrorKind::NonCanonical(_)), "{err}");
}

#[test]
fn exact_bytes_of_each_type() {
    let value = Shared {
        index: 300,
        delta: -2,
        letter: 'é',
        name: "ab".into(),
        tag: "".into(),
        note: "".into(),
        blob: vec![7].into(),
        key: Arc::from(&[][..]),
        letters: vec!['a'],
        sizes: vec![1, 2],
    };
    assert_eq!(
        value.encode_to_vec(),
        [
            0x08, 0xac, 0x02, // field 1, varint 300
            0x16, 0x03, // field 2, svarint -2 (ZigZag 3)
            0x18, 0xe9, 0x01, // field 3, 'é' = U+00E9 = 233
            0x22, 0x02, b'a', b'b', // field 4, "ab"
            0x3a, 0x01, 0x07, // field 7, [7]
            0x4a, 0x01, 0x61, // field 9, packed ['a']
            0x52, 0x02, 0x01, 0x02, // field 10, packed [1, 2]
        ]
    );
}

#[derive(Cramberry, Clone, Debug, PartialEq)]
struct Wide {
    #[cram(1)]
    amount: u128,
    #[cram(2)]
    balance: i128,
    #[cram(3)]
    history: Vec<i128>,
}

/// `u128` / `i128` in their wire form: 16 little-endian bytes.
#[derive(Cramberry, Clone, Debug, PartialEq)]
struct WideTwin {
    #[cram(1)]
    amount: [u8; 16],
    #[cram(2)]
    balance: [u8; 16],
    #[cram(3)]
    history: Vec<[u8; 16]>,
}

proptest! {
    #[test]
    fn wide_integers_are_their_sixteen_little_endian_bytes(
        amount in any::<u128>(),
        balance in any::<i128>(),
        history in prop::collection::vec(any::<i128>(), 0..4),
    ) {
        let value = Wide { amount, balance, history: history.clone() };
        let twin = WideTwin {
            amount: amount.to_le_bytes(),
            balance: balance.to_le_bytes(),
            history: history.iter().map(|h| h.to_le_bytes()).collect(),
        };
        let bytes = value.encode_to_vec();
        prop_assert_eq!(&bytes, &twin.encode_to_vec());
        prop_assert_eq!(&Wide::decode(&bytes).unwrap(), &value);
        let canonical = Wide::decode_with(&bytes, &DecodeOptions::canonical()).unwrap();
        prop_assert_eq!(&canonical, &value);
        let view = Wide::view(&bytes).unwrap();
        let (a, b): (u128, i128) = (view.amount(), view.balance());
        prop_assert_eq!((a, b), (amount, balance));
        prop_assert_eq!(view.history().iter().collect::<Vec<i128>>(), history);
    }
}

#[test]
fn a_wide_integer_of_another_length_is_a_fixed_length_mismatch() {
    let bytes = [0x0a, 0x02, 0x01, 0x00]; // field 1 with 2 bytes instead of 16
    for err in [Wide::decode(&bytes).unwrap_err(), Wide::view(&bytes).unwrap_err()] {
        assert_eq!(err.kind(), &DecodeErrorKind::FixedLengthMismatch { expected: 16, found: 2 });
        assert_eq!(err.offset(), 1);
    }
    let mut one = vec![0x0a, 0x10, 0x01];
    one.extend_from_slice(&[0; 15]);
    assert_eq!(Wide::decode(&one).unwrap().amount, 1);
    assert!(Wide { amount: 0, balance: 0, history: vec![] }.encode_to_vec().is_empty());
}
