//! Lists as values: `Option<Vec<T>>` and `Vec<Vec<T>>` write each inner list as a nested message whose field
//! 1 is the list (packed for scalars), so they are exactly the bytes of the equivalent messages, keep
//! `Some(vec![])` apart from `None` and `[[]]` apart from `[]`, and view as `Repeated` lists.
//! `SmallVec<[T; N]>` is a list like `Vec<T>`, and `SmallVec<[u8; N]>` is bytes like `Vec<u8>`.

use cramberry::{Cramberry, DecodeErrorKind, DecodeOptions, Message, MessageView};
use proptest::prelude::*;
use smallvec::SmallVec;

#[derive(Cramberry, Debug, PartialEq, Clone, Default)]
struct Grid {
    #[cram(1)]
    maybe: Option<Vec<u32>>,
    #[cram(2)]
    rows: Vec<Vec<String>>,
    #[cram(3)]
    small: SmallVec<[u64; 4]>,
    #[cram(4)]
    raw: SmallVec<[u8; 8]>,
    #[cram(5)]
    cube: Vec<Vec<Vec<i32>>>,
    #[cram(6, fixed)]
    fixed: Option<Vec<u32>>,
}

#[derive(Cramberry, Debug, PartialEq, Clone, Default)]
struct U32s {
    #[cram(1)]
    values: Vec<u32>,
}

#[derive(Cramberry, Debug, PartialEq, Clone, Default)]
struct Strings {
    #[cram(1)]
    values: Vec<String>,
}

#[derive(Cramberry, Debug, PartialEq, Clone, Default)]
struct I32s {
    #[cram(1)]
    values: Vec<i32>,
}

#[derive(Cramberry, Debug, PartialEq, Clone, Default)]
struct Planes {
    #[cram(1)]
    values: Vec<I32s>,
}

#[derive(Cramberry, Debug, PartialEq, Clone, Default)]
struct Fixed32s {
    #[cram(1, fixed)]
    values: Vec<u32>,
}

/// `Grid` with every inner list spelt as the message it is written as.
#[derive(Cramberry, Debug, PartialEq, Clone, Default)]
struct GridTwin {
    #[cram(1)]
    maybe: Option<U32s>,
    #[cram(2)]
    rows: Vec<Strings>,
    #[cram(3)]
    small: Vec<u64>,
    #[cram(4)]
    raw: Vec<u8>,
    #[cram(5)]
    cube: Vec<Planes>,
    #[cram(6)]
    fixed: Option<Fixed32s>,
}

fn twin_of(grid: &Grid) -> GridTwin {
    let i32s = |v: &Vec<i32>| I32s { values: v.clone() };
    GridTwin {
        maybe: grid.maybe.clone().map(|values| U32s { values }),
        rows: grid.rows.iter().map(|r| Strings { values: r.clone() }).collect(),
        small: grid.small.to_vec(),
        raw: grid.raw.to_vec(),
        cube: grid.cube.iter().map(|p| Planes { values: p.iter().map(i32s).collect() }).collect(),
        fixed: grid.fixed.clone().map(|values| Fixed32s { values }),
    }
}

fn grids() -> impl Strategy<Value = Grid> {
    let list = |n| prop::collection::vec(any::<u32>(), 0..n);
    (
        prop::option::of(list(4)),
        prop::collection::vec(prop::collection::vec(".{0,3}", 0..3), 0..3),
        prop::collection::vec(any::<u64>(), 0..7),
        prop::collection::vec(any::<u8>(), 0..12),
        prop::collection::vec(prop::collection::vec(prop::collection::vec(any::<i32>(), 0..3), 0..3), 0..3),
        prop::option::of(list(3)),
    )
        .prop_map(|(maybe, rows, small, raw, cube, fixed)| Grid {
            maybe,
            rows,
            small: SmallVec::from_vec(small),
            raw: SmallVec::from_vec(raw),
            cube,
            fixed,
        })
}

proptest! {
    #[test]
    fn inner_lists_are_the_messages_holding_them(grid in grids()) {
        let bytes = grid.encode_to_vec();
        prop_assert_eq!(&bytes, &twin_of(&grid).encode_to_vec());
        prop_assert_eq!(bytes.len(), grid.encoded_len());
        prop_assert_eq!(&Grid::decode(&bytes).unwrap(), &grid);
        prop_assert_eq!(&Grid::decode_with(&bytes, &DecodeOptions::canonical()).unwrap(), &grid);

        let view = Grid::view(&bytes).unwrap();
        prop_assert_eq!(view.maybe().map(|l| l.to_vec()), grid.maybe.clone());
        let rows: Vec<Vec<String>> =
            view.rows().iter().map(|row| row.iter().map(str::to_owned).collect()).collect();
        prop_assert_eq!(&rows, &grid.rows);
        prop_assert_eq!(view.small().to_vec(), grid.small.to_vec());
        prop_assert_eq!(view.raw(), &grid.raw[..]);
        let cube: Vec<Vec<Vec<i32>>> =
            view.cube().iter().map(|plane| plane.iter().map(|line| line.to_vec()).collect()).collect();
        prop_assert_eq!(&cube, &grid.cube);
        prop_assert_eq!(view.fixed().map(|l| l.to_vec()), grid.fixed.clone());
        prop_assert_eq!(&view.to_message(), &grid);
        let arena = bumpalo::Bump::new();
        let recorded = GridView::view_in(&bytes, &arena).unwrap();
        prop_assert_eq!(&recorded.to_message(), &grid);
    }
}

#[test]
fn an_empty_inner_list_is_present() {
    let none = Grid::default();
    assert!(none.encode_to_vec().is_empty());
    let empty = Grid { maybe: Some(vec![]), rows: vec![vec![]], ..Grid::default() };
    let bytes = empty.encode_to_vec();
    assert_eq!(bytes, [0x0a, 0x00, 0x12, 0x00]); // field 1: {}, field 2: one empty row
    assert_eq!(Grid::decode(&bytes).unwrap(), empty);
    let view = Grid::view(&bytes).unwrap();
    assert!(view.maybe().is_some_and(|l| l.is_empty()));
    assert_eq!(view.rows().len(), 1);
}

#[test]
fn exact_bytes() {
    let grid = Grid { maybe: Some(vec![1, 300]), fixed: Some(vec![7]), ..Grid::default() };
    assert_eq!(
        grid.encode_to_vec(),
        [
            0x0a, 0x05, 0x0a, 0x03, 0x01, 0xac, 0x02, // field 1: {field 1: packed [1, 300]}
            0x32, 0x06, 0x0a, 0x04, 0x07, 0x00, 0x00, 0x00, // field 6: {field 1: packed fixed32 [7]}
        ]
    );
}

#[test]
fn an_error_inside_an_inner_list_names_the_field_and_offset() {
    // field 2, row 0 holds field 1 (a string) of invalid UTF-8 at offset 6.
    let bytes = [0x12, 0x04, 0x0a, 0x02, 0xc3, 0x28];
    for err in [Grid::decode(&bytes).unwrap_err(), Grid::view(&bytes).unwrap_err()] {
        assert!(matches!(err.kind(), DecodeErrorKind::InvalidUtf8), "{err}");
        assert_eq!(err.offset(), 4, "{err}");
        assert!(err.to_string().contains("rows"), "{err}");
    }
}

#[test]
fn the_element_limit_counts_inner_elements() {
    let grid = Grid { maybe: Some(vec![1, 2, 3]), ..Grid::default() };
    let bytes = grid.encode_to_vec();
    let options = DecodeOptions::default().max_elements(2);
    for err in
        [Grid::decode_with(&bytes, &options).unwrap_err(), Grid::view_with(&bytes, &options).unwrap_err()]
    {
        assert!(matches!(err.kind(), DecodeErrorKind::LimitExceeded { .. }), "{err}");
    }
}
