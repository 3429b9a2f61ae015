//! Views agree with owned decoding: `view(b)?.to_message() == decode(b)?`, every accessor returns what the
//! owned value holds, and invalid input is rejected by `view()` with the same error as `decode()`.

mod common;

use common::*;
use cramberry::view::{MessageView, Viewable};
use cramberry::{DecodeOptions, Message};
use proptest::prelude::*;

/// Checks every accessor of an `AllKinds` view against the owned value decoded from the same bytes.
fn assert_accessors_match(view: &AllKindsView<'_>, owned: &AllKinds) {
    assert_eq!(view.flag(), owned.flag);
    assert_eq!((view.u8(), view.u16(), view.u32(), view.u64()), (owned.u8, owned.u16, owned.u32, owned.u64));
    assert_eq!((view.i8(), view.i16(), view.i32(), view.i64()), (owned.i8, owned.i16, owned.i32, owned.i64));
    assert_eq!((view.fixed32(), view.fixed64()), (owned.fixed32, owned.fixed64));
    assert_eq!((view.sfixed32(), view.sfixed64()), (owned.sfixed32, owned.sfixed64));
    assert_eq!(view.f32().to_bits(), owned.f32.to_bits());
    assert_eq!(view.f64().to_bits(), owned.f64.to_bits());
    assert_eq!(view.text(), owned.text);
    assert_eq!(view.bytes(), &owned.bytes[..]);
    assert_eq!(view.hash(), owned.hash);
    assert_eq!(view.inner().name(), owned.inner.name);
    assert_eq!(view.inner().to_message(), owned.inner);
    assert_eq!(view.boxed().get().to_message(), *owned.boxed);
    assert_eq!(view.maybe_inner().map(|v| v.to_message()), owned.maybe_inner);
    assert_eq!(view.maybe_u32(), owned.maybe_u32);
    assert_eq!(view.maybe_text(), owned.maybe_text.as_deref());
    assert_eq!(view.maybe_fixed(), owned.maybe_fixed);
    assert_eq!(view.packed_u64().iter().collect::<Vec<_>>(), owned.packed_u64);
    assert_eq!(view.packed_u64().len(), owned.packed_u64.len());
    assert_eq!(view.packed_i32().to_vec(), owned.packed_i32);
    let f64s: Vec<u64> = view.packed_f64().iter().map(f64::to_bits).collect();
    assert_eq!(f64s, owned.packed_f64.iter().map(|f| f.to_bits()).collect::<Vec<_>>());
    if let Some(in_place) = view.packed_f64().as_slice() {
        assert_eq!(in_place.len(), owned.packed_f64.len());
        assert_eq!(in_place[0].get().to_bits(), owned.packed_f64[0].to_bits());
    }
    assert_eq!(view.packed_bool().to_vec(), owned.packed_bool);
    if let Some(in_place) = view.packed_fixed().as_slice() {
        assert_eq!(in_place.iter().map(|v| v.get()).collect::<Vec<_>>(), owned.packed_fixed);
    }
    for (i, value) in owned.packed_fixed.iter().enumerate() {
        assert_eq!(view.packed_fixed().get(i), Some(*value));
    }
    assert_eq!(view.packed_enum().to_vec(), owned.packed_enum);
    assert_eq!(view.texts().iter().collect::<Vec<_>>(), owned.texts);
    assert_eq!(view.blobs().iter().map(<[u8]>::to_vec).collect::<Vec<_>>(), owned.blobs);
    assert_eq!(view.inners().iter().map(|v| v.to_message()).collect::<Vec<_>>(), owned.inners);
    assert_eq!(view.triple().to_array::<3>(), owned.triple);
    assert_eq!(view.names().iter().collect::<Vec<_>>(), owned.names);
    assert_eq!(view.by_name().len(), owned.by_name.len());
    for (k, v) in &owned.by_name {
        assert_eq!(view.by_name().get(&k.as_str()), Some(*v));
    }
    let by_id: std::collections::BTreeMap<u32, Inner> =
        view.by_id().iter().map(|(k, v)| (k, v.to_message())).collect();
    assert_eq!(by_id, owned.by_id.clone().into_iter().collect());
    assert_eq!(view.by_flag().to_map::<std::collections::BTreeMap<bool, String>>(), owned.by_flag);
    let by_signed: std::collections::BTreeMap<i32, u8> = view.by_signed().iter().collect();
    assert_eq!(by_signed, owned.by_signed);
    assert_eq!(view.color(), owned.color);
    assert_eq!(view.level(), owned.level);
    match (view.shape(), &owned.shape) {
        (None, None) => {}
        (Some(ShapeView::Inner(v)), Some(Shape::Inner(o))) => assert_eq!(&v.to_message(), o),
        (Some(ShapeView::Circle(v)), Some(Shape::Circle(o))) => {
            assert_eq!(v.radius().to_bits(), o.radius.to_bits())
        }
        _ => panic!("interface views differ"),
    }
    assert_eq!(view.shapes().len(), owned.shapes.len());
    let pod_bits = |p: &[Vec3]| cramberry::__private::bytemuck::cast_slice::<Vec3, u8>(p).to_vec();
    assert_eq!(pod_bits(&[view.point()]), pod_bits(&[owned.point]));
    assert_eq!(pod_bits(&view.points().to_vec()), pod_bits(&owned.points));
    assert_eq!(view.must(), owned.must);
    assert_eq!(view.far(), owned.far);
}

proptest! {
    #![proptest_config(common::cases(256))]

    #[test]
    fn view_agrees_with_decode_on_every_field_kind(value in all_kinds()) {
        let bytes = value.encode_to_vec();
        let owned = AllKinds::decode(&bytes).unwrap();
        let view = AllKinds::view(&bytes).unwrap();
        prop_assert_eq!(&view.to_message(), &owned);
        prop_assert_eq!(view.as_bytes(), &bytes[..]);
        assert_accessors_match(&view, &owned);
        // Encoder output packs each fixed-width list in one run, so it is readable in place.
        prop_assert_eq!(view.packed_f64().as_slice().map(<[_]>::len), (!owned.packed_f64.is_empty()).then_some(owned.packed_f64.len()));
        prop_assert_eq!(view.packed_fixed().as_slice().map(<[_]>::len), (!owned.packed_fixed.is_empty()).then_some(owned.packed_fixed.len()));
        let canonical = AllKinds::view_with(&bytes, &DecodeOptions::canonical()).unwrap();
        prop_assert_eq!(canonical.to_message(), owned);
    }

    /// Corrupt valid encodings at random: view() and decode() must agree — the same value, or the same error
    /// kind at the same offset — under default and canonical options.
    #[test]
    fn view_rejects_exactly_what_decode_rejects(bytes in common::corrupted_encoding()) {
        for options in [DecodeOptions::default(), DecodeOptions::canonical(), DecodeOptions::secure().max_elements(3)] {
            let decoded = AllKinds::decode_with(&bytes, &options);
            let viewed = AllKinds::view_with(&bytes, &options);
            match (decoded, viewed) {
                (Ok(d), Ok(v)) => {
                    // Compared by encoding: a mutation can create NaNs, which `==` never equates.
                    prop_assert_eq!(v.to_message().encode_to_vec(), d.encode_to_vec());
                    assert_accessors_match(&v, &d);
                }
                (Err(d), Err(v)) => {
                    prop_assert_eq!(d.kind(), v.kind());
                    prop_assert_eq!(d.offset(), v.offset());
                    prop_assert_eq!(d.path_string(), v.path_string());
                }
                (d, v) => prop_assert!(false, "decode {:?} but view {:?}", d.map(drop), v.map(drop)),
            }
        }
    }
}

#[test]
fn views_work_over_a_memory_mapped_file() {
    let value = AllKinds { texts: vec!["mapped".into()], ..AllKinds::decode(&[0xf0, 0x02, 0x05]).unwrap() };
    let path = std::env::temp_dir().join(format!("cramberry-view-{}.bin", std::process::id()));
    std::fs::write(&path, value.encode_to_vec()).unwrap();
    let file = std::fs::File::open(&path).unwrap();
    // SAFETY: the file was created by this test and nothing else writes to it while it is mapped.
    let map = unsafe { memmap2::Mmap::map(&file) }.unwrap();
    let view = AllKinds::view(&map).unwrap();
    assert_eq!(view.texts().iter().next(), Some("mapped"));
    assert_eq!(view.must(), 5);
    drop(map);
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn recursive_types_view_through_boxes() {
    #[derive(cramberry::Cramberry, Debug, PartialEq)]
    struct Node {
        #[cram(1)]
        child: Option<Box<Node>>,
        #[cram(2)]
        depth: u32,
    }
    let tree = Node {
        depth: 1,
        child: Some(Box::new(Node { depth: 2, child: Some(Box::new(Node { depth: 3, child: None })) })),
    };
    let bytes = tree.encode_to_vec();
    let view = Node::view(&bytes).unwrap();
    let grandchild = view.child().unwrap().get().child().unwrap().get();
    assert_eq!(grandchild.depth(), 3);
    assert_eq!(view.to_message(), tree);
}

#[test]
fn generic_code_reaches_views_through_viewable() {
    fn total_len<T: Viewable>(frames: &[Vec<u8>]) -> cramberry::Result<usize> {
        frames.iter().map(|f| T::View::view(f).map(|v| v.as_bytes().len())).sum()
    }
    let frames = vec![Inner { name: "a".into(), value: 1, tags: vec![] }.encode_to_vec(); 3];
    assert_eq!(total_len::<Inner>(&frames).unwrap(), frames.iter().map(Vec::len).sum::<usize>());
}

#[test]
fn missing_required_field_is_the_same_error_for_views() {
    let err = AllKinds::view(&[0x08, 0x01]).unwrap_err();
    assert_eq!(err.path_string(), "AllKinds.must");
}

/// A message with 20 fields of mixed kinds, for the documented view size.
#[derive(cramberry::Cramberry)]
struct Twenty {
    #[cram(1)]
    a: u64,
    #[cram(2)]
    b: i64,
    #[cram(3)]
    c: u32,
    #[cram(4)]
    d: i32,
    #[cram(5)]
    e: bool,
    #[cram(6)]
    f: f64,
    #[cram(7)]
    g: f32,
    #[cram(8)]
    h: String,
    #[cram(9)]
    i: String,
    #[cram(10)]
    j: Vec<u8>,
    #[cram(11)]
    k: Vec<u32>,
    #[cram(12)]
    l: Vec<String>,
    #[cram(13)]
    m: Vec<Inner>,
    #[cram(14)]
    n: Option<u64>,
    #[cram(15)]
    o: Option<String>,
    #[cram(16)]
    p: Color,
    #[cram(17)]
    q: std::collections::BTreeMap<String, u32>,
    #[cram(18)]
    r: u16,
    #[cram(19)]
    s: [u8; 8],
    #[cram(20)]
    t: Vec<f64>,
}

#[test]
fn a_twenty_field_view_stays_small() {
    let size = std::mem::size_of::<TwentyView<'static>>();
    println!("size_of::<TwentyView>() = {size} bytes");
    assert!(size <= 512, "a 20-field view is {size} bytes");
}

proptest! {
    #![proptest_config(common::cases(256))]

    /// A view built with an arena (list elements recorded) reads exactly what a plain view reads.
    #[test]
    fn view_in_agrees_with_view_on_every_field_kind(value in all_kinds()) {
        let bytes = value.encode_to_vec();
        let owned = AllKinds::decode(&bytes).unwrap();
        let arena = bumpalo::Bump::new();
        let view = AllKinds::view_in(&bytes, &arena).unwrap();
        prop_assert_eq!(&view.to_message(), &owned);
        assert_accessors_match(&view, &owned);
        for (i, inner) in owned.inners.iter().enumerate() {
            prop_assert_eq!(&view.inners().get(i).unwrap().to_message(), inner);
        }
        prop_assert!(view.inners().get(owned.inners.len()).is_none());
    }

    /// On corrupted input `view_in` gives the same verdict as `view`: the same value, or the same error.
    #[test]
    fn view_in_rejects_exactly_what_view_rejects(bytes in common::corrupted_encoding()) {
        let arena = bumpalo::Bump::new();
        for options in [DecodeOptions::default(), DecodeOptions::canonical(), DecodeOptions::secure().max_elements(3)] {
            match (AllKinds::view_with(&bytes, &options), AllKinds::view_in_with(&bytes, &options, &arena)) {
                (Ok(plain), Ok(recorded)) => {
                    prop_assert_eq!(recorded.to_message().encode_to_vec(), plain.to_message().encode_to_vec());
                    prop_assert_eq!(read_all(&recorded), read_all(&plain));
                }
                (Err(a), Err(b)) => {
                    prop_assert_eq!(a.kind(), b.kind());
                    prop_assert_eq!(a.offset(), b.offset());
                    prop_assert_eq!(a.path_string(), b.path_string());
                }
                (a, b) => prop_assert!(false, "view {:?} but view_in {:?}", a.map(drop), b.map(drop)),
            }
        }
    }
}

#[derive(cramberry::Cramberry, Debug, PartialEq)]
struct Flags {
    #[cram(1)]
    flags: Vec<bool>,
}

#[derive(cramberry::Cramberry, Debug, PartialEq)]
struct FlagSets {
    #[cram(1)]
    sets: Vec<Flags>,
}

#[test]
fn packed_bools_written_as_overlong_varints_view_as_they_decode() {
    // Regression (fuzz `view`): a packed bool run of two-byte varints (`81 00` is 1, `80 00` is 0), which
    // lenient decoding accepts. The view read it one byte per element: four `false`s instead of 1, 0, 1, 0.
    let run = [0x0a, 0x08, 0x81, 0x00, 0x80, 0x00, 0x81, 0x00, 0x80, 0x00];
    let expected = vec![true, false, true, false];
    assert_eq!(Flags::decode(&run).unwrap().flags, expected);
    let view = Flags::view(&run).unwrap();
    assert_eq!(view.flags().len(), 4);
    assert_eq!(view.flags().iter().collect::<Vec<_>>(), expected);
    assert_eq!((0..4).map(|i| view.flags().get(i).unwrap()).collect::<Vec<_>>(), expected);
    assert_eq!(view.to_message().flags, expected);
    // Nested, the list is counted again when the outer list's elements are re-read.
    let mut nested = vec![0x0a, run.len() as u8];
    nested.extend_from_slice(&run);
    let sets = FlagSets::view(&nested).unwrap();
    let inner = sets.sets().iter().next().unwrap();
    assert_eq!((inner.flags().len(), inner.flags().iter().collect::<Vec<_>>()), (4, expected.clone()));
    assert_eq!(sets.to_message(), FlagSets::decode(&nested).unwrap());
    // Bools as an encoder writes them keep the one-byte-per-element path.
    let written = Flags { flags: expected.clone() }.encode_to_vec();
    assert_eq!(written, [0x0a, 0x04, 1, 0, 1, 0]);
    assert_eq!(Flags::view(&written).unwrap().flags().iter().collect::<Vec<_>>(), expected);
    assert!(Flags::view_with(&run, &DecodeOptions::canonical()).is_err(), "overlong is not canonical");
}
