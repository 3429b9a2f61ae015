//! Lazy views against eager views: walking every lazy accessor accepts exactly what `view` accepts, with the
//! same values, and otherwise fails with `view`'s error (kind, offset, field path) — on every field kind, under
//! every option set, on valid, corrupted, split, duplicated and unknown-interleaved encodings. Opening reads
//! nothing, unread fields are never checked beyond their framing, and no lazy path allocates.

mod common;

#[path = "common/peak.rs"]
mod peak;

use common::*;
use cramberry::{Cramberry, DecodeErrorKind, DecodeOptions, LazyView, Lazyable, Message};
use peak::{peak_during, PeakAlloc};
use proptest::prelude::*;

#[global_allocator]
static ALLOCATOR: PeakAlloc = PeakAlloc;

fn option_sets() -> [DecodeOptions; 6] {
    [
        DecodeOptions::default(),
        DecodeOptions::secure(),
        DecodeOptions::strict(),
        DecodeOptions::canonical(),
        DecodeOptions::secure().max_elements(3).max_string_len(4).max_bytes_len(4),
        DecodeOptions::default().max_depth(2),
    ]
}

/// `view` and a walk of every lazy accessor agree on `bytes` under `options`, unindexed and indexed.
fn assert_lazy_agrees(bytes: &[u8], options: &DecodeOptions) -> Result<(), TestCaseError> {
    assert_walk_agrees(bytes, options, false)?;
    assert_walk_agrees(bytes, options, true)?;
    assert_accessors_agree(bytes, options)
}

/// Where `view` accepts the message, the lazy view's plain and optional accessors give its values, unindexed
/// and indexed (`lazy_accessors_match`).
fn assert_accessors_agree(bytes: &[u8], options: &DecodeOptions) -> Result<(), TestCaseError> {
    let Ok(view) = AllKinds::view_with(bytes, options) else { return Ok(()) };
    for indexed in [false, true] {
        let lazy = AllKinds::lazy_with(bytes, options).unwrap();
        let lazy = if indexed { lazy.with_index() } else { lazy };
        lazy_accessors_match(&lazy, &view).map_err(TestCaseError::fail)?;
    }
    Ok(())
}

fn assert_walk_agrees(bytes: &[u8], options: &DecodeOptions, indexed: bool) -> Result<(), TestCaseError> {
    let viewed = AllKinds::view_with(bytes, options);
    let open = |b| AllKinds::lazy_with(b, options).map(|l| if indexed { l.with_index() } else { l });
    let walked = open(bytes).and_then(|lazy| lazy.__walk());
    match (viewed, walked) {
        (Ok(v), Ok(w)) => {
            // Compared by encoding: a mutation can create NaNs, which `==` never equates.
            prop_assert_eq!(w.encode_to_vec(), v.to_message().encode_to_vec());
            let lazy = open(bytes).unwrap();
            prop_assert_eq!(lazy.to_message().unwrap().encode_to_vec(), v.to_message().encode_to_vec());
        }
        (Err(v), Err(w)) => {
            prop_assert_eq!(v.kind(), w.kind(), "view: {}\nlazy: {}", v, w);
            prop_assert_eq!(v.offset(), w.offset(), "view: {}\nlazy: {}", v, w);
            prop_assert_eq!(v.path_string(), w.path_string());
        }
        (v, w) => prop_assert!(false, "view {:?} but lazy walk {:?}", v.map(drop), w.map(drop)),
    }
    Ok(())
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn lazy_accessors_read_what_the_view_reads(value in all_kinds()) {
        for options in option_sets() {
            assert_lazy_agrees(&value.encode_to_vec(), &options)?;
        }
    }

    #[test]
    fn lazy_accessors_fail_where_the_view_fails(bytes in corrupted_encoding()) {
        for options in option_sets() {
            assert_lazy_agrees(&bytes, &options)?;
        }
    }

    /// Messages too large to index on opening (an unknown field of 300 bytes first): each accessor of a plain
    /// or optional field reads from an indexed copy, with the view's values and errors.
    #[test]
    fn large_messages_read_as_the_view_reads(value in all_kinds(), corrupted in corrupted_encoding()) {
        for body in [value.encode_to_vec(), corrupted] {
            let mut bytes = vec![0x82, 0x3f, 0xac, 0x02]; // field 1008, LEN, 300 bytes
            bytes.extend_from_slice(&[0x55; 300]);
            bytes.extend_from_slice(&body);
            prop_assert!(bytes.len() > cramberry::view::lazy::INDEX_ON_OPEN);
            for options in option_sets() {
                assert_walk_agrees(&bytes, &options, false)?;
                assert_accessors_agree(&bytes, &options)?;
            }
        }
    }

    /// Two encodings concatenated (every field split or duplicated: last wins, lists append) and unknown
    /// fields between them.
    #[test]
    fn split_duplicated_and_unknown_fields_read_as_the_view_reads(
        (a, b) in (all_kinds(), all_kinds()),
        unknown in prop::collection::vec(any::<u8>(), 0..4),
    ) {
        let mut bytes = a.encode_to_vec();
        bytes.extend_from_slice(&[0xf8, 0x3e]); // field 1007, VARINT
        bytes.push(unknown.len() as u8 & 0x7f);
        bytes.extend_from_slice(&b.encode_to_vec());
        for options in option_sets() {
            assert_lazy_agrees(&bytes, &options)?;
        }
    }
}

#[derive(Cramberry, Debug, Clone, PartialEq, Default)]
struct Level5 {
    #[cram(1)]
    leaf: String,
}

#[derive(Cramberry, Debug, Clone, PartialEq, Default)]
struct Level4 {
    #[cram(1)]
    next: Level5,
    #[cram(2)]
    many: Vec<Level5>,
}

#[derive(Cramberry, Debug, Clone, PartialEq, Default)]
struct Level3 {
    #[cram(1)]
    next: Option<Level4>,
    #[cram(2)]
    n: i32,
}

#[derive(Cramberry, Debug, Clone, PartialEq, Default)]
struct Level2 {
    #[cram(1)]
    next: Vec<Level3>,
}

#[derive(Cramberry, Debug, Clone, PartialEq, Default)]
struct Level1 {
    #[cram(1)]
    next: Level2,
    #[cram(2)]
    id: u64,
}

fn level1() -> impl Strategy<Value = Level1> {
    let level5 = ".{0,3}".prop_map(|leaf| Level5 { leaf });
    let level4 =
        (level5.clone(), prop::collection::vec(level5, 0..3)).prop_map(|(next, many)| Level4 { next, many });
    let level3 = (prop::option::of(level4), any::<i32>()).prop_map(|(next, n)| Level3 { next, n });
    let level2 = prop::collection::vec(level3, 0..3).prop_map(|next| Level2 { next });
    (level2, any::<u64>()).prop_map(|(next, id)| Level1 { next, id })
}

proptest! {
    #![proptest_config(cases(256))]

    /// Five levels of nesting, corrupted: the lazy walk of the top level fails exactly where `view` does.
    #[test]
    fn five_levels_of_nesting_agree(value in level1(), at in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let mut bytes = value.encode_to_vec();
        if !bytes.is_empty() {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        for options in option_sets() {
            let viewed = Level1::view_with(&bytes, &options);
            let walked = Level1::lazy_with(&bytes, &options).and_then(|l| l.__walk());
            match (viewed, walked) {
                (Ok(v), Ok(w)) => prop_assert_eq!(v.to_message(), w),
                (Err(v), Err(w)) => prop_assert_eq!((v.kind(), v.offset(), v.path_string()), (w.kind(), w.offset(), w.path_string())),
                (v, w) => prop_assert!(false, "view {:?} but lazy {:?}", v.map(drop), w.map(drop)),
            }
        }
    }
}

#[derive(Cramberry, Debug, Clone, PartialEq)]
struct Order {
    #[cram(1)]
    id: u64,
    #[cram(2)]
    symbol: String,
    #[cram(3)]
    note: String,
    #[cram(4)]
    legs: Vec<Level5>,
    #[cram(5)]
    price: i64,
}

fn order_bytes() -> Vec<u8> {
    let legs = vec![Level5 { leaf: "a".into() }, Level5 { leaf: "b".into() }];
    Order { id: 7, symbol: "BTC".into(), note: "note".into(), legs, price: -3 }.encode_to_vec()
}

#[test]
fn opening_checks_only_the_length() {
    let garbage = [0xff; 64];
    let lazy = Order::lazy(&garbage).expect("nothing is read on opening");
    assert_eq!(lazy.as_bytes().len(), 64);
    assert!(lazy.id().is_err() && lazy.to_view().is_err() && lazy.to_message().is_err());
    let tight = DecodeOptions::default().max_message_len(10);
    let e = Order::lazy_with(&garbage, &tight).unwrap_err();
    assert!(matches!(e.kind(), DecodeErrorKind::LimitExceeded { .. }));
}

#[test]
fn unread_fields_are_not_checked_beyond_their_framing() {
    let mut bytes = order_bytes();
    // Break `note`'s UTF-8 and a nested leg's string: reading id, symbol and price never looks at them.
    let note = bytes.windows(4).position(|w| w == b"note").unwrap();
    bytes[note] = 0xff;
    let leg = bytes.iter().rposition(|&b| b == b'b').unwrap();
    bytes[leg] = 0xc0;
    let order = Order::lazy(&bytes).unwrap();
    assert_eq!((order.id().unwrap(), order.symbol().unwrap(), order.price().unwrap()), (7, "BTC", -3));
    let e = order.note().unwrap_err();
    assert_eq!((e.kind(), e.offset()), (&DecodeErrorKind::InvalidUtf8, note));
    assert_eq!(e.path_string(), Order::view(&bytes).unwrap_err().path_string());
    // The legs are framed, not read: the broken one fails when its own field is read, with the view's error.
    let legs = order.legs().unwrap();
    assert_eq!(legs.len(), 2);
    let second = legs.iter().nth(1).unwrap().unwrap();
    let e = second.leaf().unwrap_err();
    assert_eq!((e.kind(), e.offset()), (&DecodeErrorKind::InvalidUtf8, leg));
    assert_eq!(legs.iter().next().unwrap().unwrap().leaf().unwrap(), "a");
    // A broken framing anywhere is met by every accessor, as `view` meets it.
    let mut cut = order_bytes();
    cut.truncate(cut.len() - 1);
    let order = Order::lazy(&cut).unwrap();
    let view_error = Order::view(&cut).unwrap_err();
    for e in [order.id().unwrap_err(), order.price().unwrap_err()] {
        assert_eq!((e.kind(), e.offset()), (view_error.kind(), view_error.offset()));
    }
}

#[test]
fn strict_and_canonical_modes_apply_to_every_pass() {
    let mut bytes = order_bytes();
    bytes.extend_from_slice(&[0xf8, 0x3e, 0x01]); // unknown field 1007
    let lenient = Order::lazy(&bytes).unwrap();
    assert_eq!(lenient.id().unwrap(), 7);
    let strict = Order::lazy_with(&bytes, &DecodeOptions::strict()).unwrap();
    let e = strict.id().unwrap_err();
    assert_eq!(e.kind(), &DecodeErrorKind::UnknownField(1007));
    // Fields out of order are not canonical: every pass checks the order.
    let mut swapped =
        Order { id: 0, symbol: String::new(), note: String::new(), legs: vec![], price: 5 }.encode_to_vec();
    swapped.extend_from_slice(&[0x08, 0x01]); // id after price
    let canonical = Order::lazy_with(&swapped, &DecodeOptions::canonical()).unwrap();
    assert!(matches!(canonical.symbol().unwrap_err().kind(), DecodeErrorKind::NonCanonical(_)));
    assert_eq!(Order::lazy(&swapped).unwrap().id().unwrap(), 1);
}

#[test]
fn generic_code_names_the_lazy_view() {
    fn first_leaf<T: Lazyable>(bytes: &[u8]) -> cramberry::Result<usize> {
        Ok(T::Lazy::lazy(bytes)?.as_bytes().len())
    }
    assert_eq!(first_leaf::<Order>(&order_bytes()).unwrap(), order_bytes().len());
}

#[test]
fn lazy_paths_allocate_nothing() {
    let bytes = order_bytes();
    let all = AllKinds::decode(&[0xf0, 0x02, 0x05]).unwrap(); // `must`, the required field
    let all_bytes = AllKinds { texts: vec!["x".into()], ..all }.encode_to_vec();
    let ((), peak) = peak_during(|| {
        let order = Order::lazy(&bytes).unwrap();
        assert_eq!(order.id().unwrap(), 7);
        assert_eq!(order.symbol().unwrap(), "BTC");
        assert_eq!(order.legs().unwrap().iter().map(|l| l.unwrap().leaf().unwrap().len()).sum::<usize>(), 2);
        let lazy = AllKinds::lazy(&all_bytes).unwrap();
        lazy.inner().unwrap().name().unwrap();
        lazy.to_view().unwrap();
    });
    assert_eq!(peak, 0, "bytes allocated on lazy paths");
}

#[test]
fn an_indexed_view_reads_duplicates_as_the_view_does() {
    // A leg whose `leaf` is written twice in a row: last wins, and canonical decoding refuses it.
    let bytes = [0x08, 0x07, 0x22, 0x06, 0x0a, 0x01, b'a', 0x0a, 0x01, b'b'];
    for options in [DecodeOptions::default(), DecodeOptions::canonical()] {
        let view = Order::view_with(&bytes, &options).map(|v| v.legs().iter().next().unwrap().leaf());
        for indexed in [false, true] {
            let order = Order::lazy_with(&bytes, &options).unwrap();
            let order = if indexed { order.with_index() } else { order };
            let leg = order.legs().and_then(|legs| legs.iter().next().unwrap());
            let lazy = leg.and_then(|leg| leg.leaf());
            match (&view, lazy) {
                (Ok(v), Ok(l)) => assert_eq!(*v, l),
                (Err(v), Err(l)) => assert_eq!((v.kind(), v.offset()), (l.kind(), l.offset())),
                (v, l) => panic!("view {v:?} but lazy {l:?} (indexed: {indexed})"),
            }
        }
    }
    assert_eq!(
        Order::lazy(&bytes)
            .unwrap()
            .with_index()
            .legs()
            .unwrap()
            .iter()
            .next()
            .unwrap()
            .unwrap()
            .leaf()
            .unwrap(),
        "b"
    );
}

#[test]
fn at_one_offset_the_walk_reports_what_the_view_meets_first() {
    // Found by the `lazy` fuzz target: `boxed` (field 20) ends at byte 11 inside its nested message, where the
    // next tag (field 12, wrongly FIXED64) starts; the view meets the nested error first, and so must the walk.
    let bytes = [
        0x98, 0xda, 0x02, 0x9a, 0xd2, 0xf0, 0x00, 0xa2, 0x01, 0x01, 0x68, 0x61, 0x71, 0x65, 0x00, 0xff, 0xff,
    ];
    let view = AllKinds::view(&bytes).unwrap_err();
    let walk = AllKinds::lazy(&bytes).unwrap().__walk().unwrap_err();
    assert_eq!(
        (view.kind(), view.offset(), view.path_string()),
        (walk.kind(), walk.offset(), walk.path_string())
    );
}

#[test]
fn a_packed_list_split_in_two_runs_is_read_by_a_full_pass() {
    // Found by the `lazy` fuzz target: two consecutive packed runs of one list. The index must not take them
    // as one run: the view reads them as a split list (and canonical decoding refuses the second).
    let bytes = [0xca, 0x01, 0x01, 0x00, 0xca, 0x01, 0x01, 0x10];
    for options in [DecodeOptions::default(), DecodeOptions::canonical()] {
        let view = AllKinds::view_with(&bytes, &options).map(|v| v.to_message().encode_to_vec());
        let walk = AllKinds::lazy_with(&bytes, &options).unwrap().__walk().map(|m| m.encode_to_vec());
        match (view, walk) {
            (Ok(v), Ok(w)) => assert_eq!(v, w),
            (Err(v), Err(w)) => assert_eq!((v.kind(), v.offset()), (w.kind(), w.offset())),
            (v, w) => panic!("view {v:?} but lazy {w:?}"),
        }
    }
}

#[test]
fn an_error_in_a_replaced_message_is_met_before_a_later_tag() {
    // Found by the `lazy` fuzz target (its seed): `inner` written twice, the first ending in an error at the
    // offset where the next field's tag has the wrong wire type; the view meets the nested error first.
    let bytes = include_bytes!("../fuzz/seeds/lazy/tie_replaced_message_end");
    let view = AllKinds::view(bytes).unwrap_err();
    let walk = AllKinds::lazy(bytes).unwrap().__walk().unwrap_err();
    assert_eq!(
        (view.kind(), view.offset(), view.path_string()),
        (walk.kind(), walk.offset(), walk.path_string())
    );
}

/// Found by the `lazy` fuzz target after the re-reading cursor began to keep its unread bytes as a slice: a
/// list element re-read from bytes only framed so far ended in a cut varint, the cursor's rest became a static
/// empty slice, and placing the next nested message in the input by its address overflowed.
#[test]
fn a_cut_varint_in_a_lazily_read_list_is_the_views_error() {
    let bytes = [
        0xf0, 0x02, 0x00, 0x8a, 0x02, 0x00, 0x8a, 0xf5, 0xff, 0x08, 0x00, 0x8a, 0x02, 0x00, 0x8a, 0x02, 0x00,
        0x8a, 0xf5, 0xff, 0x08, 0x00, 0x8a, 0x02, 0x00, 0x8a, 0xf5, 0xff, 0x28, 0x8a, 0xf5, 0xff, 0x28, 0x0e,
        0x8a, 0x0a, 0x6d, 0x95, 0xac, 0x00,
    ];
    for options in option_sets() {
        assert_lazy_agrees(&bytes, &options).unwrap();
    }
}

/// Found by the `lazy` fuzz target: a list of messages one element past the element limit, whose extra
/// element is bad inside. The view reads an element before counting it and fails on its content; the lazy
/// list, which only frames elements, reported the limit. It now validates the element past the limit first.
#[test]
fn an_element_past_the_limit_fails_on_its_content_first_as_in_the_view() {
    let bytes = [
        0xf0, 0x02, 0x0e, 0x8a, 0x02, 0x00, 0x36, 0x66, 0x10, 0x21, 0xf0, 0x8a, 0x70, 0x6f, 0x69, 0x6e, 0x74,
        0x02, 0x20, 0x36, 0x66, 0x10, 0x23, 0xf0, 0x02, 0x0e, 0x8a, 0x02, 0x00, 0x36, 0x0e, 0x8a, 0x02, 0x00,
        0x36, 0x66, 0x10, 0x21, 0xf0, 0x8a, 0x02, 0x20, 0x36, 0x66, 0x10, 0x23, 0xf0, 0x02, 0x0e, 0x8a, 0x02,
        0x23, 0xf0, 0x02, 0x0e, 0x8a, 0x02, 0x00, 0x36, 0x8a, 0x02, 0x17, 0xfd, 0x00, 0x00, 0x66, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x66, 0x10, 0x23, 0x17, 0xfd, 0x00, 0x00, 0x66, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x66, 0x10, 0x23,
    ];
    for options in option_sets() {
        assert_lazy_agrees(&bytes, &options).unwrap();
    }
}

/// Found by the `lazy` fuzz target while fixing the previous case: an unpacked enum list past the limit is
/// already read in the view's order (its elements are validated, not framed) and must not be read again.
#[test]
fn an_enum_list_past_the_limit_reports_the_limit_as_the_view_does() {
    let bytes = [
        0xf2, 0x01, 0x01, 0x00, 0xf2, 0x01, 0x01, 0x00, 0xf2, 0xf2, 0x01, 0x01, 0x00, 0xf2, 0x01, 0x01, 0x00,
        0xf2, 0x01, 0x90, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
        0x90, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0xf2, 0x01, 0x90, 0x44, 0x01, 0x90, 0x00, 0x00, 0x00, 0x00, 0x36, 0x00, 0x00, 0x00, 0x00, 0x80,
        0x9a, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xf2, 0x01, 0x90, 0x05,
    ];
    for options in option_sets() {
        assert_lazy_agrees(&bytes, &options).unwrap();
    }
}
