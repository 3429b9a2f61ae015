//! The serde bridge (feature `serde`): serde types in the wire format. A serde type and a derived type with the
//! same fields in the same order give the same bytes (and read each other's); serde features the mapping
//! cannot honour are errors naming them; bad input is a typed error with its offset.

use cramberry::serde::{from_slice, from_slice_with, to_vec, Error};
use cramberry::{Cramberry, DecodeErrorKind, DecodeOptions, Message};
use proptest::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

#[derive(Cramberry, Debug, PartialEq, Clone, Copy)]
enum SideC {
    #[cram(0)]
    Buy,
    #[cram(1)]
    Sell,
}

#[derive(Serialize, Deserialize, Debug, PartialEq, Clone, Copy)]
enum SideS {
    Buy,
    Sell,
}

#[derive(Cramberry, Serialize, Deserialize, Debug, PartialEq, Clone, Default)]
struct Leg {
    #[cram(1)]
    venue: String,
    #[cram(2)]
    price: f64,
}

#[derive(Cramberry, Serialize, Deserialize, Debug, PartialEq, Clone, Default)]
struct Cancel {
    #[cram(1)]
    order: u64,
}

#[derive(Cramberry, Debug, PartialEq, Clone)]
enum EventC {
    #[cram(type_id = 128)]
    Leg(Leg),
    #[cram(type_id = 129)]
    Cancel(Cancel),
}

#[derive(Serialize, Deserialize, Debug, PartialEq, Clone)]
enum EventS {
    Leg(Leg),
    Cancel(Cancel),
}

#[derive(Cramberry, Debug, PartialEq, Clone)]
struct OrderC {
    #[cram(1)]
    id: u64,
    #[cram(2)]
    delta: i32,
    #[cram(3)]
    flag: bool,
    #[cram(4)]
    symbol: String,
    #[cram(5)]
    blob: Vec<u8>,
    #[cram(6)]
    quantities: Vec<u32>,
    #[cram(7)]
    notes: Vec<String>,
    #[cram(8)]
    reply_to: Option<u64>,
    #[cram(9)]
    leg: Leg,
    #[cram(10)]
    legs: Vec<Leg>,
    #[cram(11)]
    limits: BTreeMap<String, i64>,
    #[cram(12)]
    side: SideC,
    #[cram(13)]
    event: Option<EventC>,
    #[cram(14)]
    grid: Vec<Vec<u16>>,
    #[cram(15)]
    pair: (u32, String),
    #[cram(16)]
    wide: u128,
    #[cram(17)]
    letter: char,
    #[cram(18)]
    ratio: f32,
    #[cram(19)]
    by_id: HashMap<u32, bool>,
    #[cram(20)]
    sides: Vec<SideC>,
    #[cram(21)]
    maybe_list: Option<Vec<u32>>,
    #[cram(22)]
    maybe_blob: Option<Vec<u8>>,
    #[cram(23)]
    blobs: Vec<Vec<u8>>,
}

#[derive(Serialize, Deserialize, Debug, PartialEq, Clone)]
struct OrderS {
    id: u64,
    delta: i32,
    flag: bool,
    symbol: String,
    blob: Vec<u8>,
    quantities: Vec<u32>,
    notes: Vec<String>,
    reply_to: Option<u64>,
    leg: Leg,
    legs: Vec<Leg>,
    limits: BTreeMap<String, i64>,
    side: SideS,
    event: Option<EventS>,
    grid: Vec<Vec<u16>>,
    pair: (u32, String),
    wide: u128,
    letter: char,
    ratio: f32,
    by_id: HashMap<u32, bool>,
    sides: Vec<SideS>,
    maybe_list: Option<Vec<u32>>,
    maybe_blob: Option<Vec<u8>>,
    blobs: Vec<Vec<u8>>,
}

fn side(buy: bool) -> (SideC, SideS) {
    if buy {
        (SideC::Buy, SideS::Buy)
    } else {
        (SideC::Sell, SideS::Sell)
    }
}

prop_compose! {
    fn legs()(venue in "[a-z]{0,3}", price in -1e6f64..1e6) -> Leg { Leg { venue, price } }
}

prop_compose! {
    fn orders()(
        (id, delta, flag, symbol) in (any::<u64>(), any::<i32>(), any::<bool>(), ".{0,5}"),
        (blob, quantities, notes) in (prop::collection::vec(any::<u8>(), 0..6), prop::collection::vec(any::<u32>(), 0..4), prop::collection::vec(".{0,3}", 0..3)),
        (reply_to, leg, legs) in (any::<Option<u64>>(), legs(), prop::collection::vec(legs(), 0..3)),
        (limits, buy, event) in (prop::collection::btree_map(".{0,3}", any::<i64>(), 0..3), any::<bool>(), prop::option::of((any::<bool>(), legs(), any::<u64>()))),
        (grid, pair, wide, letter, ratio) in (prop::collection::vec(prop::collection::vec(any::<u16>(), 0..3), 0..3), (any::<u32>(), ".{0,3}"), any::<u128>(), any::<char>(), -1e3f32..1e3),
        (by_id, sides) in (prop::collection::hash_map(any::<u32>(), any::<bool>(), 0..4), prop::collection::vec(any::<bool>(), 0..4)),
        (maybe_list, maybe_blob, blobs) in (prop::option::of(prop::collection::vec(any::<u32>(), 0..3)), prop::option::of(prop::collection::vec(any::<u8>(), 0..3)), prop::collection::vec(prop::collection::vec(any::<u8>(), 0..3), 0..3)),
    ) -> (OrderC, OrderS) {
        let (side_c, side_s) = side(buy);
        let (event_c, event_s) = match event {
            None => (None, None),
            Some((true, leg, _)) => (Some(EventC::Leg(leg.clone())), Some(EventS::Leg(leg))),
            Some((false, _, order)) => (Some(EventC::Cancel(Cancel { order })), Some(EventS::Cancel(Cancel { order }))),
        };
        let c = OrderC {
            id, delta, flag, symbol: symbol.clone(), blob: blob.clone(), quantities: quantities.clone(),
            notes: notes.clone(), reply_to, leg: leg.clone(), legs: legs.clone(), limits: limits.clone(),
            side: side_c, event: event_c, grid: grid.clone(), pair: pair.clone(), wide, letter, ratio,
            by_id: by_id.clone(), sides: sides.iter().map(|&b| side(b).0).collect(),
            maybe_list: maybe_list.clone(), maybe_blob: maybe_blob.clone(), blobs: blobs.clone(),
        };
        let s = OrderS {
            id, delta, flag, symbol, blob, quantities, notes, reply_to, leg, legs, limits, side: side_s,
            event: event_s, grid, pair, wide, letter, ratio, by_id, sides: sides.iter().map(|&b| side(b).1).collect(),
            maybe_list, maybe_blob, blobs,
        };
        (c, s)
    }
}

proptest! {
    #[test]
    fn serde_and_derive_write_the_same_bytes((derived, serded) in orders()) {
        let bytes = derived.encode_to_vec();
        prop_assert_eq!(&to_vec(&serded).unwrap(), &bytes);
        prop_assert_eq!(&from_slice::<OrderS>(&bytes).unwrap(), &serded);
        prop_assert_eq!(&OrderC::decode(&to_vec(&serded).unwrap()).unwrap(), &derived);
    }
}

#[test]
fn exact_bytes_and_borrowed_fields() {
    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct Envelope<'a> {
        id: u64,
        topic: &'a str,
        #[serde(with = "serde_bytes")]
        body: &'a [u8],
        reply_to: Option<u32>,
    }
    let envelope = Envelope { id: 1, topic: "t", body: &[0xff], reply_to: Some(0) };
    let bytes = to_vec(&envelope).unwrap();
    assert_eq!(bytes, [0x08, 0x01, 0x12, 0x01, b't', 0x1a, 0x01, 0xff, 0x20, 0x00]);
    let back: Envelope = from_slice(&bytes).unwrap();
    assert_eq!(back, envelope);
    assert_eq!(back.topic.as_ptr(), bytes[4..].as_ptr(), "borrowed from the input");
    let empty: Envelope = from_slice(&[]).unwrap();
    assert_eq!(empty, Envelope { id: 0, topic: "", body: &[], reply_to: None }, "absent fields are defaults");
}

#[test]
fn newtypes_and_enums_with_data() {
    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct OrderId(u64);
    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    enum Command {
        Stop,
        Move { x: i32, y: i32 },
        Rename(String),
        Pair(u8, u8),
    }
    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct Ipc {
        id: OrderId,
        commands: Vec<Command>,
    }
    let ipc = Ipc {
        id: OrderId(5),
        commands: vec![
            Command::Stop,
            Command::Move { x: -1, y: 0 },
            Command::Rename("r".into()),
            Command::Pair(1, 2),
        ],
    };
    let bytes = to_vec(&ipc).unwrap();
    #[rustfmt::skip]
    assert_eq!(bytes, [
        0x08, 0x05,                               // id: the newtype is its value
        0x12, 0x01, 0x00,                         // Stop: unit variants pack, as enumerations do
        0x17, 0x81, 0x01, 0x02, 0x0e, 0x01,       // Move: TYPEREF 129, {1: -1 (ZigZag)}
        0x17, 0x82, 0x01, 0x03, 0x0a, 0x01, b'r', // Rename: TYPEREF 130, {1: "r"}
        0x17, 0x83, 0x01, 0x04, 0x08, 0x01, 0x10, 0x02, // Pair: TYPEREF 131, {1: 1, 2: 2}
    ]);
    assert_eq!(from_slice::<Ipc>(&bytes).unwrap(), ipc);
}

#[test]
fn unsupported_serde_features_are_errors_naming_them() {
    #[derive(Serialize, Deserialize, Default)]
    struct Inner {
        a: u32,
    }
    #[derive(Serialize, Deserialize, Default)]
    struct Flattened {
        #[serde(flatten)]
        inner: Inner,
    }
    #[derive(Serialize, Deserialize, Debug)]
    #[serde(untagged)]
    enum Untagged {
        Number(u32),
        Text(String),
    }
    #[derive(Serialize, Deserialize, Debug)]
    struct HoldsUntagged {
        value: Untagged,
    }
    #[derive(Serialize, Deserialize, Debug)]
    #[serde(tag = "type")]
    enum Internal {
        A { x: u32 },
    }
    #[derive(Serialize, Deserialize, Debug)]
    struct HoldsInternal {
        value: Internal,
    }
    #[derive(Serialize, Deserialize, Debug)]
    struct HoldsNested {
        values: Vec<Option<u32>>,
    }
    let feature = |e: Error| match e {
        Error::Unsupported { feature, .. } => feature,
        other => panic!("expected an unsupported feature, got {other:?}"),
    };
    assert_eq!(feature(to_vec(&Flattened::default()).unwrap_err()), "flatten");
    #[derive(Serialize, Default)]
    struct HoldsFlattened {
        f: Flattened,
    }
    assert_eq!(feature(to_vec(&HoldsFlattened::default()).unwrap_err()), "flatten");
    // Untagged and internally tagged enums are written as their content, which cannot be read back without
    // the types in the bytes: reading says so.
    let bytes = to_vec(&HoldsUntagged { value: Untagged::Number(1) }).unwrap();
    assert_eq!(feature(from_slice::<HoldsUntagged>(&bytes).unwrap_err()), "deserialize_any");
    let bytes = to_vec(&HoldsInternal { value: Internal::A { x: 1 } }).unwrap();
    assert_eq!(feature(from_slice::<HoldsInternal>(&bytes).unwrap_err()), "deserialize_any");
    assert_eq!(feature(to_vec(&HoldsNested { values: vec![Some(1)] }).unwrap_err()), "Option inside a list");
    assert_eq!(to_vec(&5u32).unwrap_err(), Error::NotAStruct);
}

#[test]
fn bad_input_is_a_typed_error_with_its_offset() {
    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Two {
        a: u8,
        b: String,
    }
    let decode = |bytes: &[u8]| match from_slice::<Two>(bytes).unwrap_err() {
        Error::Decode(e) => (e.kind().clone(), e.offset()),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        decode(&[0x08, 0xac, 0x02]),
        (DecodeErrorKind::IntegerOutOfRange { value: 300, target: "u8" }, 1)
    );
    assert_eq!(decode(&[0x12, 0x02, b'a', 0xff]), (DecodeErrorKind::InvalidUtf8, 3));
    let mismatch = DecodeErrorKind::WireTypeMismatch {
        expected: cramberry::WireType::Bytes,
        found: cramberry::WireType::Varint,
    };
    assert_eq!(decode(&[0x10, 0x01]), (mismatch, 0));
    // At the length prefix, as the derive reports it (the bridge reads tags and payloads with its reader).
    assert_eq!(decode(&[0x12, 0x05, b'a']), (DecodeErrorKind::LengthOutOfBounds { len: 5, remaining: 1 }, 1));
    let strict = DecodeOptions::strict();
    assert!(
        matches!(from_slice_with::<Two>(&[0x18, 0x01], &strict), Err(Error::Decode(e)) if e.kind() == &DecodeErrorKind::UnknownField(3))
    );
    assert!(from_slice::<Two>(&[0x18, 0x01]).is_ok(), "unknown fields are skipped by default");

    // An empty packed run (which no encoder writes) is refused, not a panic (found by fuzzing).
    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Blob {
        blob: Vec<u8>,
        values: Vec<u32>,
    }
    for bytes in [&[0x0a, 0x00][..], &[0x12, 0x00]] {
        assert!(matches!(
            from_slice::<Blob>(bytes),
            Err(Error::Unsupported { feature: "empty packed run", .. })
        ));
    }

    // Deep nesting stops at the depth limit instead of overflowing the stack.
    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Deep {
        next: Option<Box<Deep>>,
    }
    let mut bytes = Vec::new();
    for _ in 0..200 {
        let mut outer = vec![0x0a];
        let mut len = bytes.len();
        while len >= 0x80 {
            outer.push((len as u8) | 0x80);
            len >>= 7;
        }
        outer.push(len as u8);
        outer.extend_from_slice(&bytes);
        bytes = outer;
    }
    match from_slice::<Deep>(&bytes).unwrap_err() {
        Error::Decode(e) => assert!(matches!(e.kind(), DecodeErrorKind::LimitExceeded { .. }), "{e}"),
        other => panic!("{other:?}"),
    }
}

// The findings of an outside adversarial test (stack overflow, wrong values, bytes unlike the derive's), each
// reproduced byte for byte.

#[test]
fn types_that_nest_themselves_without_a_message_stop_at_the_depth_limit() {
    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct R(Option<Box<R>>);
    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct H {
        r: R,
    }
    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Forever(Box<Forever>);
    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct ListOfForever {
        items: Vec<Forever>,
    }
    let depth = |e: Error| match e {
        Error::Decode(e) => e.kind().clone(),
        other => panic!("{other:?}"),
    };
    // 128 steps into the same bytes, whatever the options' depth limit.
    let limit = DecodeErrorKind::LimitExceeded { limit: cramberry::Limit::Depth, max: 128 };
    assert_eq!(depth(from_slice::<H>(&[0x0a, 0x00]).unwrap_err()), limit);
    assert_eq!(depth(from_slice::<H>(&[0x08, 0x00]).unwrap_err()), limit);
    assert_eq!(depth(from_slice::<Forever>(&[]).unwrap_err()), limit);
    assert_eq!(depth(from_slice::<ListOfForever>(&[0x0a, 0x00]).unwrap_err()), limit);
    let secure = DecodeOptions::secure();
    assert!(
        matches!(from_slice_with::<H>(&[0x0a, 0x00], &secure), Err(Error::Decode(e)) if e.kind() == &limit)
    );
    // A finite chain of newtypes and options is not a nesting: it reads at any depth limit, as the derive's
    // transparent newtypes do.
    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct Id(u64);
    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct Wrapped(Option<Id>);
    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct Holder {
        w: Wrapped,
    }
    let value = Holder { w: Wrapped(Some(Id(9))) };
    let one = DecodeOptions::default().max_depth(1);
    assert_eq!(from_slice_with::<Holder>(&to_vec(&value).unwrap(), &one).unwrap(), value);
}

#[test]
fn a_field_skipped_when_serializing_keeps_its_number() {
    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct Skipping {
        #[serde(skip_serializing_if = "Option::is_none")]
        maybe: Option<u32>,
        #[serde(skip_serializing_if = "is_zero")]
        count: u64,
        after: u32,
    }
    fn is_zero(n: &u64) -> bool {
        *n == 0
    }
    #[derive(Cramberry, Debug, PartialEq)]
    struct Twin {
        #[cram(1)]
        maybe: Option<u32>,
        #[cram(2)]
        count: u64,
        #[cram(3)]
        after: u32,
    }
    for (maybe, count) in [(None, 0), (Some(3), 0), (None, 4), (Some(0), 7)] {
        let value = Skipping { maybe, count, after: 5 };
        let bytes = to_vec(&value).unwrap();
        assert_eq!(bytes, Twin { maybe, count, after: 5 }.encode_to_vec(), "{value:?}");
        assert_eq!(from_slice::<Skipping>(&bytes).unwrap(), value);
    }
    assert_eq!(to_vec(&Skipping { maybe: None, count: 0, after: 5 }).unwrap(), [0x18, 0x05]);
}

#[test]
fn deny_unknown_fields_refuses_unknown_fields_in_every_mode() {
    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Closed {
        a: u32,
        b: Option<String>,
    }
    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct Open {
        a: u32,
        b: Option<String>,
    }
    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct Outer {
        closed: Closed,
    }
    let unknown = |e: Error| match e {
        Error::Decode(e) => (e.kind().clone(), e.offset()),
        other => panic!("{other:?}"),
    };
    let bytes = [0x08, 0x01, 0x18, 0x02];
    assert_eq!(unknown(from_slice::<Closed>(&bytes).unwrap_err()), (DecodeErrorKind::UnknownField(3), 2));
    assert_eq!(from_slice::<Open>(&bytes).unwrap(), Open { a: 1, b: None });
    // Nested, after a known field that is absent.
    let bytes = [0x0a, 0x02, 0x20, 0x01];
    assert_eq!(unknown(from_slice::<Outer>(&bytes).unwrap_err()), (DecodeErrorKind::UnknownField(4), 2));
    // What it writes reads back.
    let value = Outer { closed: Closed { a: 0, b: Some("x".into()) } };
    assert_eq!(from_slice::<Outer>(&to_vec(&value).unwrap()).unwrap(), value);
}

#[test]
fn std_durations_and_times_are_written_as_the_derive_writes_them() {
    use std::time::{Duration, SystemTime, UNIX_EPOCH};
    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct TimesS {
        timeout: Duration,
        at: SystemTime,
    }
    #[derive(Cramberry, Debug, PartialEq)]
    struct TimesC {
        #[cram(1)]
        timeout: Duration,
        #[cram(2)]
        at: SystemTime,
    }
    let timeout = Duration::new(5, 7);
    let at = UNIX_EPOCH + Duration::new(1_700_000_000, 1);
    let bytes = to_vec(&TimesS { timeout, at }).unwrap();
    assert_eq!(&bytes[..6], [0x0a, 0x04, 0x0e, 0x0a, 0x10, 0x07]);
    assert_eq!(bytes, TimesC { timeout, at }.encode_to_vec());
    assert_eq!(from_slice::<TimesS>(&bytes).unwrap(), TimesS { timeout, at });
    assert_eq!(TimesC::decode(&bytes).unwrap(), TimesC { timeout, at });
    let zero = TimesS { timeout: Duration::ZERO, at: UNIX_EPOCH };
    assert_eq!(to_vec(&zero).unwrap(), [] as [u8; 0]);
    let max = TimesS { timeout: Duration::MAX, at };
    assert_eq!(to_vec(&max).unwrap(), TimesC { timeout: Duration::MAX, at }.encode_to_vec());

    // Values the std types cannot hold: the derive's error, at the derive's offset.
    let negative = [0x0a, 0x02, 0x0e, 0x01]; // timeout.seconds = -1
    let too_many_nanos = [0x0a, 0x06, 0x10, 0x80, 0x94, 0xeb, 0xdc, 0x03]; // timeout.nanos = 10^9
    for bytes in [&negative[..], &too_many_nanos[..]] {
        let derived = TimesC::decode(bytes).unwrap_err();
        let Error::Decode(serded) = from_slice::<TimesS>(bytes).unwrap_err() else { panic!() };
        assert_eq!((serded.kind(), serded.offset()), (derived.kind(), derived.offset()), "{derived}");
    }
}

/// Malformed framing — truncated varints and payloads, bad tags, overflowing varints, a message over the
/// length limit — gets the derive's verdict: the same kind at the same offset. (A field of the wrong wire type
/// whose payload is also cut short is one difference left: the bridge frames a whole message before serde
/// asks for its fields, so it reports the framing; the derive meets the wire type first.)
#[test]
fn framing_errors_are_the_derives() {
    #[derive(Cramberry, Deserialize, Debug)]
    #[allow(dead_code)]
    struct Two {
        #[cram(1)]
        a: u8,
        #[cram(2)]
        b: String,
    }
    let cases: [&[u8]; 9] = [
        &[0x12, 0x05, b'a'],
        &[0x08],
        &[0x08, 0x80],
        &[0x80],
        &[0x00, 0x01],
        &[0x0b, 0x01],
        &[0x12, 0x80],
        &[0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f],
        &[0x12, 0x01, b'a', 0x08, 0x01],
    ];
    let tight = DecodeOptions::default().max_message_len(4);
    let mut failures = 0;
    for bytes in cases {
        for options in [DecodeOptions::default(), tight] {
            let derived =
                Two::decode_with(bytes, &options).map(drop).map_err(|e| (e.kind().clone(), e.offset()));
            let serded = from_slice_with::<Two>(bytes, &options).map(drop).map_err(|e| match e {
                Error::Decode(e) => (e.kind().clone(), e.offset()),
                other => panic!("{other:?}"),
            });
            assert_eq!(serded, derived, "{bytes:x?}");
            failures += usize::from(derived.is_err());
        }
    }
    assert_eq!(
        failures, 17,
        "every case fails under both option sets but the last, which fits only the default"
    );
}

#[test]
fn value_errors_are_the_derives() {
    // Values out of their type's range, in a plain field, a packed run (first and later elements) and a
    // list of one field per element; a cut varint inside a run; a char that is no scalar value.
    #[derive(Cramberry, Deserialize, Debug)]
    #[allow(dead_code)]
    struct Ranged {
        #[cram(1)]
        small: u16,
        #[cram(2)]
        packed: Vec<u16>,
        #[cram(3)]
        signed: Vec<i8>,
        #[cram(4)]
        letter: char,
        #[cram(5)]
        flags: Vec<bool>,
    }
    let cases: [&[u8]; 9] = [
        &[0x08, 0x80, 0x80, 0x04],             // small = 65536
        &[0x12, 0x03, 0x80, 0x80, 0x04],       // packed = [65536]
        &[0x12, 0x04, 0x01, 0x80, 0x80, 0x04], // packed = [1, 65536]
        &[0x10, 0x80, 0x80, 0x04],             // packed, one field: 65536
        &[0x1a, 0x03, 0x01, 0x80, 0x02],       // signed = [-1, 128]
        &[0x12, 0x02, 0x01, 0x80],             // a run cut inside its second varint
        &[0x20, 0x80, 0xb0, 0x03],             // letter = 0xD800, a surrogate
        &[0x12, 0x01, 0x01, 0x10, 0x80, 0x80, 0x04],
        &[0x2a, 0x02, 0x01, 0x02], // flags = [true, 2]
    ];
    for bytes in cases {
        let derived = Ranged::decode(bytes).map(drop).map_err(|e| (e.kind().clone(), e.offset()));
        let serded = from_slice::<Ranged>(bytes).map(drop).map_err(|e| match e {
            Error::Decode(e) => (e.kind().clone(), e.offset()),
            other => panic!("{other:?}"),
        });
        assert!(derived.is_err(), "{bytes:x?}");
        assert_eq!(serded, derived, "{bytes:x?}");
    }
}

#[test]
fn serde_defaults_are_not_consulted_because_defaults_are_not_written() {
    // A plain field holding its type's default is not written, so "absent" means "the type's default" — as
    // for the derive. `#[serde(default = ...)]` cannot be told from that (serde does not tell a format about
    // it), and honouring it would turn a written 0 into 7: absent reads as 0, and both values round-trip.
    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct WithDefault {
        #[serde(default = "seven")]
        n: u32,
    }
    fn seven() -> u32 {
        7
    }
    for n in [0, 7] {
        let value = WithDefault { n };
        assert_eq!(from_slice::<WithDefault>(&to_vec(&value).unwrap()).unwrap(), value);
    }
    assert_eq!(from_slice::<WithDefault>(&[]).unwrap(), WithDefault { n: 0 });
}

/// A value whose `Serialize` gives something else each time it is called: `shape(call)` picks what.
struct Shifting<F: Fn(u32, &mut Vec<u8>)> {
    calls: std::cell::Cell<u32>,
    shape: F,
}

impl<F: Fn(u32, &mut Vec<u8>)> Serialize for Shifting<F> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq, SerializeStruct};
        let call = self.calls.get();
        self.calls.set(call + 1);
        let mut bytes = Vec::new();
        (self.shape)(call, &mut bytes);
        let mut top = serializer.serialize_struct("Shifting", 3)?;
        top.serialize_field("bytes", &serde_bytes_like(&bytes))?;
        // A nested struct only on some calls (so the passes disagree on how many values have a length).
        struct Nested(usize);
        impl Serialize for Nested {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut n = s.serialize_struct("Nested", 1)?;
                n.serialize_field("n", &self.0)?;
                n.end()
            }
        }
        struct List(usize);
        impl Serialize for List {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut l = s.serialize_seq(Some(self.0))?;
                (0..self.0).try_for_each(|i| l.serialize_element(&Nested(i)))?;
                l.end()
            }
        }
        struct Map(usize);
        impl Serialize for Map {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry(&1u32, &"x".repeat(self.0))?;
                m.end()
            }
        }
        top.serialize_field("list", &List(bytes.len() % 3))?;
        top.serialize_field("map", &Map(bytes.len()))?;
        top.end()
    }
}

/// `&[u8]` as serde bytes (serde writes a `&[u8]` as a sequence unless asked).
fn serde_bytes_like(bytes: &[u8]) -> impl Serialize + '_ {
    struct Bytes<'a>(&'a [u8]);
    impl Serialize for Bytes<'_> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(self.0)
        }
    }
    Bytes(bytes)
}

#[test]
fn a_value_that_serializes_differently_twice_is_an_error_not_a_panic() {
    // The bridge measures, then writes; a `Serialize` that changes in between (a cell, a clock) must not
    // make it write past its buffer or lie about a length.
    let stable = Shifting { calls: 0.into(), shape: |_, b: &mut Vec<u8>| b.extend_from_slice(b"abcd") };
    let bytes = to_vec(&stable).unwrap();
    assert_eq!(stable.calls.get(), 2, "measured once and written once");
    assert_eq!(&bytes[..6], [0x0a, 0x04, b'a', b'b', b'c', b'd']);

    let shapes: [fn(u32, &mut Vec<u8>); 5] = [
        |call, b| b.resize(if call == 0 { 3 } else { 200 }, 1), // grows past the buffer's end
        |call, b| b.resize(if call == 0 { 200 } else { 3 }, 1), // shrinks
        |call, b| b.resize(if call == 0 { 3 } else { 4 }, 1),   // one more nested message
        |call, b| b.resize(if call == 0 { 4 } else { 3 }, 1),   // one fewer
        |call, b| b.resize(if call == 0 { 0 } else { 130 }, 1), // a longer length prefix
    ];
    for (i, shape) in shapes.into_iter().enumerate() {
        let shifting = Shifting { calls: 0.into(), shape };
        assert_eq!(to_vec(&shifting), Err(Error::Inconsistent), "shape {i}");
    }
}

/// The field kinds and std types the first twin lacks, each as serde and as the derive.
#[derive(Cramberry, Debug, PartialEq, Clone)]
struct KindsC {
    #[cram(1)]
    tiny: i8,
    #[cram(2)]
    short: i16,
    #[cram(3)]
    long: i64,
    #[cram(4)]
    byte: u8,
    #[cram(5)]
    word: u16,
    #[cram(6)]
    real: f64,
    #[cram(7)]
    signed_wide: i128,
    #[cram(8)]
    reals: Vec<f64>,
    #[cram(9)]
    floats: Vec<f32>,
    #[cram(10)]
    longs: Vec<i64>,
    #[cram(11)]
    flags: Vec<bool>,
    #[cram(12)]
    letters: Vec<char>,
    #[cram(13)]
    timeout: std::time::Duration,
    #[cram(14)]
    at: std::time::SystemTime,
    #[cram(15)]
    maybe_text: Option<String>,
    #[cram(16)]
    maybe_leg: Option<Leg>,
    #[cram(17)]
    legs_by_id: BTreeMap<u64, Leg>,
    #[cram(18)]
    triple: (u8, i64, bool),
    #[cram(19)]
    events: Vec<EventC>,
    #[cram(20)]
    timeouts: Vec<std::time::Duration>,
    #[cram(21)]
    maybe_timeout: Option<std::time::Duration>,
}

#[derive(Serialize, Deserialize, Debug, PartialEq, Clone)]
struct KindsS {
    tiny: i8,
    short: i16,
    long: i64,
    byte: u8,
    word: u16,
    real: f64,
    signed_wide: i128,
    reals: Vec<f64>,
    floats: Vec<f32>,
    longs: Vec<i64>,
    flags: Vec<bool>,
    letters: Vec<char>,
    timeout: std::time::Duration,
    at: std::time::SystemTime,
    maybe_text: Option<String>,
    maybe_leg: Option<Leg>,
    legs_by_id: BTreeMap<u64, Leg>,
    triple: (u8, i64, bool),
    events: Vec<EventS>,
    timeouts: Vec<std::time::Duration>,
    maybe_timeout: Option<std::time::Duration>,
}

fn duration() -> impl Strategy<Value = std::time::Duration> {
    prop_oneof![Just(0u64), any::<u64>(), 0..100u64]
        .prop_flat_map(|secs| (Just(secs), prop_oneof![Just(0u32), 0..1_000_000_000u32]))
        .prop_map(|(secs, nanos)| std::time::Duration::new(secs, nanos))
}

fn event() -> impl Strategy<Value = (EventC, EventS)> {
    (any::<bool>(), legs(), any::<u64>()).prop_map(|(is_leg, leg, order)| match is_leg {
        true => (EventC::Leg(leg.clone()), EventS::Leg(leg)),
        false => (EventC::Cancel(Cancel { order }), EventS::Cancel(Cancel { order })),
    })
}

prop_compose! {
    fn kinds()(
        (tiny, short, long, byte, word, real, signed_wide) in (any::<i8>(), any::<i16>(), any::<i64>(), any::<u8>(), any::<u16>(), any::<f64>(), any::<i128>()),
        (reals, floats, longs) in (prop::collection::vec(any::<f64>(), 0..3), prop::collection::vec(any::<f32>(), 0..3), prop::collection::vec(any::<i64>(), 0..3)),
        (flags, letters) in (prop::collection::vec(any::<bool>(), 0..3), prop::collection::vec(any::<char>(), 0..3)),
        (timeout, since_epoch) in (duration(), (0..1u64 << 40, 0..1_000_000_000u32)),
        (maybe_text, maybe_leg) in (prop::option::of(".{0,3}"), prop::option::of(legs())),
        (legs_by_id, triple, events) in (prop::collection::btree_map(any::<u64>(), legs(), 0..3), any::<(u8, i64, bool)>(), prop::collection::vec(event(), 0..3)),
        (timeouts, maybe_timeout) in (prop::collection::vec(duration(), 0..3), prop::option::of(duration())),
    ) -> (KindsC, KindsS) {
        let at = std::time::UNIX_EPOCH + std::time::Duration::new(since_epoch.0, since_epoch.1);
        let (events_c, events_s) = events.into_iter().unzip();
        let c = KindsC {
            tiny, short, long, byte, word, real, signed_wide, reals: reals.clone(), floats: floats.clone(),
            longs: longs.clone(), flags: flags.clone(), letters: letters.clone(), timeout, at,
            maybe_text: maybe_text.clone(), maybe_leg: maybe_leg.clone(), legs_by_id: legs_by_id.clone(), triple,
            events: events_c, timeouts: timeouts.clone(), maybe_timeout,
        };
        let s = KindsS {
            tiny, short, long, byte, word, real, signed_wide, reals, floats, longs, flags, letters, timeout, at,
            maybe_text, maybe_leg, legs_by_id, triple, events: events_s, timeouts, maybe_timeout,
        };
        (c, s)
    }
}

/// Compares values whose floats may be NaN, by their bytes.
fn same_bytes<T: Serialize>(a: &T, b: &T) -> bool {
    to_vec(a).unwrap() == to_vec(b).unwrap()
}

proptest! {
    #[test]
    fn every_field_kind_and_std_type_gives_the_derive_bytes((derived, serded) in kinds()) {
        let bytes = derived.encode_to_vec();
        prop_assert_eq!(&to_vec(&serded).unwrap(), &bytes);
        prop_assert!(same_bytes(&from_slice::<KindsS>(&bytes).unwrap(), &serded));
        prop_assert_eq!(KindsC::decode(&to_vec(&serded).unwrap()).unwrap().encode_to_vec(), bytes);
    }
}

#[test]
fn real_serde_types_write_the_derives_bytes() {
    use std::collections::{BTreeSet, HashSet};
    use std::time::Duration;
    // A generic envelope, renamed fields, a transparent newtype, sets and an optional duration: the bytes of
    // the derived twin (sets are lists; a `BTreeSet` in order, a `HashSet` in its iteration order).
    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    #[serde(transparent)]
    struct Topic(String);
    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    #[serde(rename_all = "camelCase")]
    struct MessageEnvelope<T> {
        message_id: u64,
        #[serde(rename = "t")]
        topic: Topic,
        tags: BTreeSet<u32>,
        seen_by: HashSet<String>,
        ttl: Option<Duration>,
        payload: T,
    }
    #[derive(Cramberry, Debug, PartialEq)]
    struct EnvelopeC {
        #[cram(1)]
        message_id: u64,
        #[cram(2)]
        topic: String,
        #[cram(3)]
        tags: Vec<u32>,
        #[cram(4)]
        seen_by: Vec<String>,
        #[cram(5)]
        ttl: Option<Duration>,
        #[cram(6)]
        payload: Leg,
    }
    let leg = Leg { venue: "XNAS".into(), price: 1.5 };
    let envelope = MessageEnvelope {
        message_id: 42,
        topic: Topic("fills".into()),
        tags: BTreeSet::from([9, 1, 5]),
        seen_by: HashSet::from(["a".to_string()]),
        ttl: Some(Duration::ZERO),
        payload: leg.clone(),
    };
    let twin = EnvelopeC {
        message_id: 42,
        topic: "fills".into(),
        tags: vec![1, 5, 9],
        seen_by: vec!["a".into()],
        ttl: Some(Duration::ZERO),
        payload: leg,
    };
    let bytes = to_vec(&envelope).unwrap();
    assert_eq!(bytes, twin.encode_to_vec());
    assert_eq!(from_slice::<MessageEnvelope<Leg>>(&bytes).unwrap(), envelope);
    let without_ttl = MessageEnvelope { ttl: None, ..envelope };
    assert_eq!(to_vec(&without_ttl).unwrap(), EnvelopeC { ttl: None, ..twin }.encode_to_vec());
}
