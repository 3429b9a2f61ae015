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
