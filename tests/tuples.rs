//! Tuples: a nested message whose fields 1, 2, … are the elements (plain: defaults are not written). They
//! write exactly the bytes of the equivalent message, round-trip, and view as a tuple of views.

use cramberry::{Cramberry, DecodeErrorKind, DecodeOptions, Message};
use proptest::prelude::*;

#[derive(Cramberry, Debug, PartialEq, Clone)]
struct Quote {
    #[cram(1)]
    bid: (i64, u32),
    #[cram(2)]
    labelled: (String, bool, u64),
    #[cram(3)]
    history: Vec<(u32, String)>,
    #[cram(4)]
    nested: Option<((u8, u8), String, f64, char)>,
}

#[derive(Cramberry, Debug, PartialEq, Clone, Default)]
struct Pair {
    #[cram(1)]
    a: i64,
    #[cram(2)]
    b: u32,
}

#[derive(Cramberry, Debug, PartialEq, Clone, Default)]
struct Triple {
    #[cram(1)]
    a: String,
    #[cram(2)]
    b: bool,
    #[cram(3)]
    c: u64,
}

#[derive(Cramberry, Debug, PartialEq, Clone, Default)]
struct Entry {
    #[cram(1)]
    a: u32,
    #[cram(2)]
    b: String,
}

/// `Quote` with each tuple spelled as the message it is written as (the nested tuple left out).
#[derive(Cramberry, Debug, PartialEq, Clone, Default)]
struct QuoteTwin {
    #[cram(1)]
    bid: Pair,
    #[cram(2)]
    labelled: Triple,
    #[cram(3)]
    history: Vec<Entry>,
}

proptest! {
    #[test]
    fn tuples_are_the_messages_of_their_elements(
        bid in (any::<i64>(), any::<u32>()),
        labelled in (".{0,6}", any::<bool>(), any::<u64>()),
        history in prop::collection::vec((any::<u32>(), ".{0,4}"), 0..4),
        nested in any::<Option<((u8, u8), String, f64, char)>>(),
    ) {
        let quote = Quote { bid, labelled: labelled.clone(), history: history.clone(), nested: None };
        let twin = QuoteTwin {
            bid: Pair { a: bid.0, b: bid.1 },
            labelled: Triple { a: labelled.0, b: labelled.1, c: labelled.2 },
            history: history.iter().map(|(a, b)| Entry { a: *a, b: b.clone() }).collect(),
        };
        let bytes = quote.encode_to_vec();
        prop_assert_eq!(&bytes, &twin.encode_to_vec());
        prop_assert_eq!(bytes.len(), quote.encoded_len());

        let full = Quote { nested, ..quote };
        let bytes = full.encode_to_vec();
        let back = Quote::decode(&bytes).unwrap();
        // NaN != NaN: compare the bytes of the decoded value instead of the value.
        prop_assert_eq!(back.encode_to_vec(), bytes.clone());
        let canonical = Quote::decode_with(&bytes, &DecodeOptions::canonical()).unwrap();
        prop_assert_eq!(canonical.encode_to_vec(), bytes.clone());
        let view = Quote::view(&bytes).unwrap();
        prop_assert_eq!(view.bid(), full.bid);
        let (text, flag, maybe) = view.labelled();
        prop_assert_eq!((text, flag, maybe), (full.labelled.0.as_str(), full.labelled.1, full.labelled.2));
        prop_assert_eq!(view.history().iter().map(|(a, b)| (a, b.to_owned())).collect::<Vec<_>>(), full.history);
    }
}

#[test]
fn exact_bytes_and_defaults() {
    let quote = Quote { bid: (0, 5), labelled: (String::new(), false, 0), history: vec![], nested: None };
    assert_eq!(quote.encode_to_vec(), [0x0a, 0x02, 0x10, 0x05]); // field 1: {field 2: 5}; element 1 is 0
    let empty = Quote { bid: (0, 0), ..quote };
    assert!(empty.encode_to_vec().is_empty(), "a tuple of defaults is the default");
}

#[test]
fn an_element_of_the_wrong_wire_type_is_reported_inside_the_tuple() {
    let bytes = [0x0a, 0x02, 0x12, 0x00]; // field 1's element 2 (u32) as BYTES
    for err in [Quote::decode(&bytes).unwrap_err(), Quote::view(&bytes).unwrap_err()] {
        assert!(matches!(err.kind(), DecodeErrorKind::WireTypeMismatch { .. }), "{err}");
        assert_eq!(err.offset(), 2);
    }
}

/// The community benchmark's Minecraft entity (abridged).
#[derive(Cramberry, Debug, PartialEq, Clone, Default)]
struct Entity {
    #[cram(1)]
    id: String,
    #[cram(2)]
    pos: (f64, f64, f64),
}

/// Tuples whose elements are lists, fixed-length lists, options and composed tuples: each element is the
/// field of the tuple's message that its type would be in a message. (Spelt out: the derive reads the
/// composition from the field's syntax, which a type alias would hide.)
#[allow(clippy::type_complexity)]
#[derive(Cramberry, Debug, PartialEq, Clone, Default)]
struct Composed {
    #[cram(1)]
    root_vehicle: Option<([u32; 4], Entity)>,
    #[cram(2)]
    tagged: (String, Vec<u32>, Option<u64>),
    #[cram(3)]
    rows: Vec<(u8, Vec<String>)>,
    #[cram(4)]
    deep: ((Option<i32>, [u8; 2]), Vec<Vec<u16>>),
}

/// `Composed` with each tuple spelled as the message it is written as.
#[derive(Cramberry, Debug, PartialEq, Clone, Default)]
struct Vehicle {
    #[cram(1)]
    uuid: [u32; 4],
    #[cram(2)]
    entity: Entity,
}

#[derive(Cramberry, Debug, PartialEq, Clone, Default)]
struct Tagged {
    #[cram(1)]
    name: String,
    #[cram(2)]
    values: Vec<u32>,
    #[cram(3)]
    limit: Option<u64>,
}

#[derive(Cramberry, Debug, PartialEq, Clone, Default)]
struct Row {
    #[cram(1)]
    level: u8,
    #[cram(2)]
    cells: Vec<String>,
}

#[derive(Cramberry, Debug, PartialEq, Clone, Default)]
struct Inner {
    #[cram(1)]
    maybe: Option<i32>,
    #[cram(2)]
    pair: [u8; 2],
}

#[derive(Cramberry, Debug, PartialEq, Clone, Default)]
struct Deep {
    #[cram(1)]
    inner: Inner,
    #[cram(2)]
    grid: Vec<Vec<u16>>,
}

#[derive(Cramberry, Debug, PartialEq, Clone, Default)]
struct ComposedTwin {
    #[cram(1)]
    root_vehicle: Option<Vehicle>,
    #[cram(2)]
    tagged: Tagged,
    #[cram(3)]
    rows: Vec<Row>,
    #[cram(4)]
    deep: Deep,
}

fn composed() -> impl Strategy<Value = Composed> {
    let entity = (".{0,4}", any::<(f64, f64, f64)>()).prop_map(|(id, pos)| Entity { id, pos });
    (
        prop::option::of((any::<[u32; 4]>(), entity)),
        (".{0,4}", prop::collection::vec(any::<u32>(), 0..3), any::<Option<u64>>()),
        prop::collection::vec((any::<u8>(), prop::collection::vec(".{0,3}", 0..3)), 0..3),
        (
            (any::<Option<i32>>(), any::<[u8; 2]>()),
            prop::collection::vec(prop::collection::vec(any::<u16>(), 0..3), 0..3),
        ),
    )
        .prop_map(|(root_vehicle, tagged, rows, deep)| Composed { root_vehicle, tagged, rows, deep })
}

fn twin(c: &Composed) -> ComposedTwin {
    let entity = |e: &Entity| e.clone();
    ComposedTwin {
        root_vehicle: c.root_vehicle.as_ref().map(|(uuid, e)| Vehicle { uuid: *uuid, entity: entity(e) }),
        tagged: Tagged { name: c.tagged.0.clone(), values: c.tagged.1.clone(), limit: c.tagged.2 },
        rows: c.rows.iter().map(|(level, cells)| Row { level: *level, cells: cells.clone() }).collect(),
        deep: Deep { inner: Inner { maybe: c.deep.0 .0, pair: c.deep.0 .1 }, grid: c.deep.1.clone() },
    }
}

proptest! {
    #[test]
    fn composed_tuples_are_the_messages_of_their_elements(value in composed()) {
        let bytes = value.encode_to_vec();
        prop_assert_eq!(&bytes, &twin(&value).encode_to_vec());
        prop_assert_eq!(bytes.len(), value.encoded_len());
        // NaN != NaN: compare re-encodings.
        prop_assert_eq!(Composed::decode(&bytes).unwrap().encode_to_vec(), bytes.clone());
        let canonical = Composed::decode_with(&bytes, &DecodeOptions::canonical()).unwrap();
        prop_assert_eq!(canonical.encode_to_vec(), bytes.clone());
        let view = Composed::view(&bytes).unwrap();
        prop_assert_eq!(view.to_message().encode_to_vec(), bytes.clone());
        let lazy = Composed::lazy(&bytes).unwrap();
        prop_assert_eq!(lazy.__walk().unwrap().encode_to_vec(), bytes.clone());
    }

    /// Damaged encodings: the tuple and its twin message give the same verdict, kind and offset.
    #[test]
    fn composed_tuples_fail_as_their_messages_fail(value in composed(), at in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let mut bytes = value.encode_to_vec();
        if bytes.is_empty() {
            return Ok(());
        }
        let i = at.index(bytes.len());
        bytes[i] = byte;
        for options in [DecodeOptions::default(), DecodeOptions::strict(), DecodeOptions::canonical()] {
            let ours = Composed::decode_with(&bytes, &options).map(|m| m.encode_to_vec());
            let theirs = ComposedTwin::decode_with(&bytes, &options).map(|m| m.encode_to_vec());
            match (ours, theirs) {
                (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
                (Err(a), Err(b)) => prop_assert_eq!((a.kind(), a.offset()), (b.kind(), b.offset())),
                (a, b) => prop_assert!(false, "tuple {:?} but message {:?}", a.map(drop), b.map(drop)),
            }
            let viewed = Composed::view_with(&bytes, &options).map(|v| v.to_message().encode_to_vec());
            let decoded = Composed::decode_with(&bytes, &options).map(|m| m.encode_to_vec());
            let verdict = |e: cramberry::DecodeError| (format!("{:?}", e.kind()), e.offset());
            prop_assert_eq!(viewed.map_err(verdict), decoded.map_err(verdict));
        }
    }
}

#[test]
fn a_minecraft_vehicle_reads_through_every_path() {
    let entity = Entity { id: "horse".into(), pos: (1.5, 64.0, -3.25) };
    let value = Composed { root_vehicle: Some(([1, 2, 3, 4], entity.clone())), ..Composed::default() };
    let bytes = value.encode_to_vec();
    // Field 1: {field 1: packed [1, 2, 3, 4], field 2: the entity}.
    assert_eq!(&bytes[..8], [0x0a, 0x2c, 0x0a, 0x04, 0x01, 0x02, 0x03, 0x04]);
    assert_eq!(Composed::decode(&bytes).unwrap(), value);
    let view = Composed::view(&bytes).unwrap();
    let (uuid, vehicle) = view.root_vehicle().unwrap();
    assert_eq!(uuid.iter().collect::<Vec<_>>(), [1, 2, 3, 4]);
    assert_eq!((vehicle.id(), vehicle.pos()), ("horse", entity.pos));
    let lazy = Composed::lazy(&bytes).unwrap();
    let (uuid, vehicle) = lazy.root_vehicle().unwrap().unwrap();
    assert_eq!(uuid.to_array::<4>(), [1, 2, 3, 4]);
    assert_eq!(vehicle.id(), "horse");
    // A fixed-length list element holding three values is refused, as in a message.
    let short = ComposedTwin {
        root_vehicle: Some(Vehicle { uuid: [1, 2, 3, 4], entity: Entity::default() }),
        ..ComposedTwin::default()
    };
    let mut bytes = short.encode_to_vec();
    bytes[3] = 3; // the packed run's length: three elements
    bytes.remove(7);
    bytes[1] -= 1;
    let err = Composed::decode(&bytes).unwrap_err();
    assert!(matches!(err.kind(), DecodeErrorKind::FixedLengthMismatch { expected: 4, found: 3 }), "{err}");
}

/// A tuple of defaults holding a message, inside an `Option` (written: `Some`) — its empty body records no
/// lengths, so writing it must not look for any. (Found by the property test above; it failed before tuples
/// were composed too.)
#[test]
fn a_present_tuple_of_defaults_holding_a_message_round_trips() {
    let value = Composed { root_vehicle: Some(([0; 4], Entity::default())), ..Composed::default() };
    let bytes = value.encode_to_vec();
    assert_eq!(bytes, [0x0a, 0x00]);
    assert_eq!(Composed::decode(&bytes).unwrap(), value);
    // The same with a tuple of plain values (the natural kind).
    let natural = NaturalTuple { pair: Some((0, Entity::default())) };
    let bytes = natural.encode_to_vec();
    assert_eq!(bytes, [0x0a, 0x00]);
    assert_eq!(NaturalTuple::decode(&bytes).unwrap(), natural);
}

#[derive(Cramberry, Debug, PartialEq, Clone, Default)]
struct NaturalTuple {
    #[cram(1)]
    pair: Option<(u32, Entity)>,
}
