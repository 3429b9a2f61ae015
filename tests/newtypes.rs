//! Transparent newtypes: `struct OrderId(u64)` (and any one-field struct marked `#[cram(transparent)]`) is
//! written, read and viewed exactly as its field — plain, optional, in lists, borrowed, around a message.

use cramberry::{Cramberry, DecodeErrorKind, DecodeOptions, Message};

#[derive(Cramberry, Clone, Copy, Debug, PartialEq, Default)]
struct OrderId(u64);

#[derive(Cramberry, Clone, Debug, PartialEq, Default)]
#[cram(transparent)]
struct Venue {
    code: String,
}

#[derive(Cramberry, Clone, Debug, PartialEq)]
struct Label<'a>(&'a str);

#[derive(Cramberry, Clone, Debug, PartialEq, Default)]
struct Fill {
    #[cram(1)]
    price: i64,
    #[cram(2)]
    ok: bool,
}

#[derive(Cramberry, Clone, Debug, PartialEq, Default)]
struct LastFill(Fill);

#[derive(Cramberry, Clone, Debug, PartialEq)]
struct Order<'a> {
    #[cram(1)]
    id: OrderId,
    #[cram(2)]
    venue: Venue,
    #[cram(3)]
    label: Label<'a>,
    #[cram(4)]
    parent: Option<OrderId>,
    #[cram(5)]
    children: Vec<OrderId>,
    #[cram(6)]
    last: LastFill,
}

/// The same message with the newtypes unwrapped.
#[derive(Cramberry, Clone, Debug, PartialEq)]
struct PlainOrder<'a> {
    #[cram(1)]
    id: u64,
    #[cram(2)]
    venue: String,
    #[cram(3)]
    label: &'a str,
    #[cram(4)]
    parent: Option<u64>,
    #[cram(5)]
    children: Vec<u64>,
    #[cram(6)]
    last: Fill,
}

fn order() -> Order<'static> {
    Order {
        id: OrderId(300),
        venue: Venue { code: "XNAS".into() },
        label: Label("gtc"),
        parent: Some(OrderId(0)),
        children: vec![OrderId(1), OrderId(2), OrderId(70_000)],
        last: LastFill(Fill { price: -5, ok: true }),
    }
}

fn plain() -> PlainOrder<'static> {
    PlainOrder {
        id: 300,
        venue: "XNAS".into(),
        label: "gtc",
        parent: Some(0),
        children: vec![1, 2, 70_000],
        last: Fill { price: -5, ok: true },
    }
}

#[test]
fn a_newtype_writes_exactly_its_fields_bytes() {
    let bytes = order().encode_to_vec();
    assert_eq!(bytes, plain().encode_to_vec());
    assert_eq!(bytes.len(), order().encoded_len());
    assert_eq!(&bytes[..3], [0x08, 0xac, 0x02]); // field 1, varint 300: no wrapper
}

#[test]
fn a_newtype_round_trips_and_decodes_from_its_fields_bytes() {
    let bytes = plain().encode_to_vec();
    assert_eq!(Order::decode(&bytes).unwrap(), order());
    assert_eq!(Order::decode_with(&bytes, &DecodeOptions::canonical()).unwrap(), order());
    assert_eq!(PlainOrder::decode(&order().encode_to_vec()).unwrap(), plain());
}

#[test]
fn a_newtype_views_as_its_field() {
    let bytes = order().encode_to_vec();
    let view = Order::view(&bytes).unwrap();
    let (id, venue, label): (u64, &str, &str) = (view.id(), view.venue(), view.label());
    assert_eq!((id, venue, label), (300, "XNAS", "gtc"));
    assert_eq!(view.parent(), Some(0));
    assert_eq!(view.children().iter().collect::<Vec<u64>>(), [1, 2, 70_000]);
    assert_eq!((view.last().price(), view.last().ok()), (-5, true));
    assert_eq!(view.to_message(), order());
}

#[test]
fn a_default_newtype_is_not_written() {
    let empty = Order {
        id: OrderId(0),
        venue: Venue::default(),
        label: Label(""),
        parent: None,
        children: Vec::new(),
        last: LastFill::default(),
    };
    assert!(empty.encode_to_vec().is_empty());
}

#[test]
fn errors_inside_a_newtype_are_those_of_its_field() {
    // Field 6 (LastFill) holds a Fill whose bool (field 2) is 2.
    let bytes = [0x32, 0x02, 0x10, 0x02];
    for err in [Order::decode(&bytes).unwrap_err(), Order::view(&bytes).unwrap_err()] {
        assert_eq!(err.kind(), &DecodeErrorKind::InvalidBool(2));
        assert_eq!(err.offset(), 3);
    }
}
