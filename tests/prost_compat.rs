//! Differential test against prost: for the protobuf-compatible kinds (unsigned integers, bool, enums, fixed,
//! floats, strings, bytes, nested messages, packed repeated scalars, maps) our bytes equal prost's, and each
//! side decodes the other's.

use cramberry::{Cramberry, Message as _};
use proptest::prelude::*;
use prost::Message as _;
use std::collections::BTreeMap;

#[derive(Clone, PartialEq, prost::Message)]
struct PNested {
    #[prost(string, tag = "1")]
    name: String,
    #[prost(uint64, tag = "2")]
    value: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, prost::Enumeration)]
#[repr(i32)]
enum PColor {
    Red = 0,
    Green = 1,
    Blue = 7,
}

#[derive(Clone, PartialEq, prost::Message)]
struct PAll {
    #[prost(uint32, tag = "1")]
    small: u32,
    #[prost(uint64, tag = "2")]
    big: u64,
    #[prost(bool, tag = "3")]
    flag: bool,
    #[prost(enumeration = "PColor", tag = "4")]
    color: i32,
    #[prost(fixed32, tag = "5")]
    fixed32: u32,
    #[prost(fixed64, tag = "6")]
    fixed64: u64,
    #[prost(sfixed32, tag = "7")]
    sfixed32: i32,
    #[prost(sfixed64, tag = "8")]
    sfixed64: i64,
    #[prost(float, tag = "9")]
    float: f32,
    #[prost(double, tag = "10")]
    double: f64,
    #[prost(string, tag = "11")]
    text: String,
    #[prost(bytes = "vec", tag = "12")]
    bytes: Vec<u8>,
    #[prost(message, optional, tag = "13")]
    nested: Option<PNested>,
    #[prost(uint32, repeated, tag = "14")]
    packed: Vec<u32>,
    #[prost(double, repeated, tag = "15")]
    doubles: Vec<f64>,
    #[prost(enumeration = "PColor", repeated, tag = "16")]
    colors: Vec<i32>,
    #[prost(message, repeated, tag = "17")]
    items: Vec<PNested>,
    #[prost(string, repeated, tag = "18")]
    names: Vec<String>,
    #[prost(btree_map = "string, uint64", tag = "19")]
    by_name: BTreeMap<String, u64>,
    #[prost(btree_map = "uint32, message", tag = "20")]
    by_id: BTreeMap<u32, PNested>,
    #[prost(bool, repeated, tag = "21")]
    bools: Vec<bool>,
    #[prost(fixed32, repeated, tag = "22")]
    fixeds: Vec<u32>,
    #[prost(bytes = "vec", repeated, tag = "23")]
    blobs: Vec<Vec<u8>>,
    #[prost(uint64, tag = "1000")]
    far: u64,
}

#[derive(Cramberry, Clone, Copy, Debug, PartialEq)]
enum Color {
    Red = 0,
    Green = 1,
    Blue = 7,
}

#[derive(Cramberry, Clone, Debug, PartialEq)]
struct Nested {
    #[cram(1)]
    name: String,
    #[cram(2)]
    value: u64,
}

#[derive(Cramberry, Clone, Debug, PartialEq)]
struct All {
    #[cram(1)]
    small: u32,
    #[cram(2)]
    big: u64,
    #[cram(3)]
    flag: bool,
    #[cram(4)]
    color: Color,
    #[cram(5, fixed)]
    fixed32: u32,
    #[cram(6, fixed)]
    fixed64: u64,
    #[cram(7, fixed)]
    sfixed32: i32,
    #[cram(8, fixed)]
    sfixed64: i64,
    #[cram(9)]
    float: f32,
    #[cram(10)]
    double: f64,
    #[cram(11)]
    text: String,
    #[cram(12)]
    bytes: Vec<u8>,
    #[cram(13)]
    nested: Option<Nested>,
    #[cram(14)]
    packed: Vec<u32>,
    #[cram(15)]
    doubles: Vec<f64>,
    #[cram(16)]
    colors: Vec<Color>,
    #[cram(17)]
    items: Vec<Nested>,
    #[cram(18)]
    names: Vec<String>,
    #[cram(19)]
    by_name: BTreeMap<String, u64>,
    #[cram(20)]
    by_id: BTreeMap<u32, Nested>,
    #[cram(21)]
    bools: Vec<bool>,
    #[cram(22, fixed)]
    fixeds: Vec<u32>,
    #[cram(23)]
    blobs: Vec<Vec<u8>>,
    #[cram(1000)]
    far: u64,
}

fn to_prost_nested(n: &Nested) -> PNested {
    PNested { name: n.name.clone(), value: n.value }
}

fn to_prost(a: &All) -> PAll {
    let color = |c: &Color| match c {
        Color::Red => PColor::Red as i32,
        Color::Green => PColor::Green as i32,
        Color::Blue => PColor::Blue as i32,
    };
    PAll {
        small: a.small,
        big: a.big,
        flag: a.flag,
        color: color(&a.color),
        fixed32: a.fixed32,
        fixed64: a.fixed64,
        sfixed32: a.sfixed32,
        sfixed64: a.sfixed64,
        float: a.float,
        double: a.double,
        text: a.text.clone(),
        bytes: a.bytes.clone(),
        nested: a.nested.as_ref().map(to_prost_nested),
        packed: a.packed.clone(),
        doubles: a.doubles.clone(),
        colors: a.colors.iter().map(color).collect(),
        items: a.items.iter().map(to_prost_nested).collect(),
        names: a.names.clone(),
        by_name: a.by_name.clone(),
        by_id: a.by_id.iter().map(|(k, v)| (*k, to_prost_nested(v))).collect(),
        bools: a.bools.clone(),
        fixeds: a.fixeds.clone(),
        blobs: a.blobs.clone(),
        far: a.far,
    }
}

/// Floats whose bits both encoders write unchanged: prost does not canonicalise NaN or -0.0.
fn plain_f64() -> impl Strategy<Value = f64> {
    any::<f64>().prop_filter("canonical bits", |f| !f.is_nan() && f.to_bits() != (-0.0f64).to_bits())
}

fn nested() -> impl Strategy<Value = Nested> {
    (".{0,6}", any::<u64>()).prop_map(|(name, value)| Nested { name, value })
}

fn color() -> impl Strategy<Value = Color> {
    prop_oneof![Just(Color::Red), Just(Color::Green), Just(Color::Blue)]
}

fn all() -> impl Strategy<Value = All> {
    let scalars = (
        any::<u32>(),
        any::<u64>(),
        any::<bool>(),
        color(),
        any::<u32>(),
        any::<u64>(),
        any::<i32>(),
        any::<i64>(),
        any::<f32>().prop_filter("canonical bits", |f| !f.is_nan() && f.to_bits() != (-0.0f32).to_bits()),
        plain_f64(),
        ".{0,10}",
        prop::collection::vec(any::<u8>(), 0..10),
    );
    let rest = (
        prop::option::of(nested()),
        prop::collection::vec(any::<u32>(), 0..5),
        prop::collection::vec(plain_f64(), 0..4),
        prop::collection::vec(color(), 0..4),
        prop::collection::vec(nested(), 0..3),
        prop::collection::vec(".{0,4}", 0..3),
        prop::collection::btree_map(".{0,4}", any::<u64>(), 0..4),
        prop::collection::btree_map(any::<u32>(), nested(), 0..3),
        prop::collection::vec(any::<bool>(), 0..5),
        prop::collection::vec(any::<u32>(), 0..4),
        prop::collection::vec(prop::collection::vec(any::<u8>(), 0..4), 0..3),
        any::<u64>(),
    );
    (scalars, rest).prop_map(|(s, r)| All {
        small: s.0,
        big: s.1,
        flag: s.2,
        color: s.3,
        fixed32: s.4,
        fixed64: s.5,
        sfixed32: s.6,
        sfixed64: s.7,
        float: s.8,
        double: s.9,
        text: s.10,
        bytes: s.11,
        nested: r.0,
        packed: r.1,
        doubles: r.2,
        colors: r.3,
        items: r.4,
        names: r.5,
        by_name: r.6,
        by_id: r.7,
        bools: r.8,
        fixeds: r.9,
        blobs: r.10,
        far: r.11,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn bytes_equal_prost_and_each_side_decodes_the_other(value in all()) {
        let ours = value.encode_to_vec();
        let prost_value = to_prost(&value);
        let theirs = prost_value.encode_to_vec();
        prop_assert_eq!(&ours, &theirs);
        prop_assert_eq!(PAll::decode(&ours[..]).unwrap(), prost_value);
        prop_assert_eq!(All::decode(&theirs).unwrap(), value);
    }

    #[cfg(feature = "std")]
    #[test]
    fn length_delimited_streams_cross_between_prost_and_us(values in proptest::collection::vec(all(), 0..8)) {
        // prost writes a stream; we read every frame with `frames` (views) and `decode_length_delimited`.
        let mut theirs = Vec::new();
        for v in &values {
            to_prost(v).encode_length_delimited(&mut theirs).unwrap();
        }
        let viewed: Vec<All> = All::frames(&theirs).map(|f| f.map(|v| v.to_message())).collect::<Result<_, _>>().unwrap();
        prop_assert_eq!(&viewed, &values);
        let mut rest = &theirs[..];
        for v in &values {
            prop_assert_eq!(&All::decode_length_delimited(&mut rest).unwrap(), v);
        }
        prop_assert!(rest.is_empty());
        // We write a stream; prost reads it, and the bytes are the same.
        let mut ours = Vec::new();
        for v in &values {
            v.encode_length_delimited_into(&mut ours);
        }
        prop_assert_eq!(&ours, &theirs);
        let mut rest = &ours[..];
        for v in &values {
            prop_assert_eq!(PAll::decode_length_delimited(&mut rest).unwrap(), to_prost(v));
        }
    }
}

/// protobuf's `google.protobuf.Timestamp` as prost derives it (int64 and int32 are plain varints).
#[derive(Clone, PartialEq, prost::Message)]
struct PTimestamp {
    #[prost(int64, tag = "1")]
    seconds: i64,
    #[prost(int32, tag = "2")]
    nanos: i32,
}

/// The declaration docs/schema-language.md's migration table gives for reading protobuf's timestamps.
#[derive(Cramberry, Clone, Debug, PartialEq)]
struct PbTimestamp {
    #[cram(1)]
    seconds: u64,
    #[cram(2)]
    nanos: u32,
}

/// The migration table's claims about `google.protobuf.Timestamp`: the standard Timestamp does not have its
/// bytes, the table's `PbTimestamp` does (for times from 1970 on), both ways.
#[test]
fn protobuf_timestamps_read_as_the_migration_table_says() {
    for (seconds, nanos) in [(0, 0), (1, 0), (1_700_000_000, 999_999_999), (i64::from(u32::MAX) * 4, 5)] {
        let theirs = PTimestamp { seconds, nanos: nanos as i32 }.encode_to_vec();
        let ours = PbTimestamp { seconds: seconds as u64, nanos };
        assert_eq!(ours.encode_to_vec(), theirs);
        assert_eq!(PbTimestamp::decode(&theirs).unwrap(), ours);
        let standard = cramberry::std_types::Timestamp { seconds, nanos }.encode_to_vec();
        if seconds != 0 {
            assert_ne!(standard, theirs, "the standard Timestamp's seconds are ZigZag");
        }
    }
}

/// protobuf's wrappers as prost derives them.
#[derive(Clone, PartialEq, prost::Message)]
struct PWrappers {
    #[prost(bool, tag = "1")]
    flag: bool,
    #[prost(uint64, tag = "2")]
    unsigned: u64,
    #[prost(double, tag = "3")]
    double: f64,
    #[prost(string, tag = "4")]
    text: String,
    #[prost(bytes = "vec", tag = "5")]
    blob: Vec<u8>,
    #[prost(int64, tag = "6")]
    signed: i64,
}

/// The migration table's claims about protobuf's wrappers: each standard wrapper has protobuf's bytes (the
/// value is field 1 in both), except `Int64Value`, whose value is ZigZag.
#[test]
fn standard_wrappers_have_protobufs_bytes_as_the_migration_table_says() {
    use cramberry::std_types::{BoolValue, BytesValue, Float64Value, Int64Value, StringValue, UInt64Value};
    let field_1 = |p: PWrappers| p.encode_to_vec();
    let none = PWrappers::default();
    assert_eq!(BoolValue { value: true }.encode_to_vec(), field_1(PWrappers { flag: true, ..none.clone() }));
    let unsigned = UInt64Value { value: 300 }.encode_to_vec();
    let theirs = field_1(PWrappers { unsigned: 300, ..none.clone() });
    assert_eq!(unsigned[1..], theirs[1..], "same value bytes");
    let double = Float64Value { value: 2.5 }.encode_to_vec();
    assert_eq!(double[1..], field_1(PWrappers { double: 2.5, ..none.clone() })[1..]);
    let text = StringValue { value: "hi".into() }.encode_to_vec();
    assert_eq!(text[1..], field_1(PWrappers { text: "hi".into(), ..none.clone() })[1..]);
    let blob = BytesValue { value: vec![1, 2] }.encode_to_vec();
    assert_eq!(blob[1..], field_1(PWrappers { blob: vec![1, 2], ..none.clone() })[1..]);
    // Tags: our value is field 1 where protobuf's wrappers have it; ours carry protobuf's wire types.
    assert_eq!([unsigned[0], double[0], text[0], blob[0]], [0x08, 0x09, 0x0a, 0x0a]);
    let signed = Int64Value { value: 3 }.encode_to_vec();
    assert_eq!(signed, [0x0e, 0x06], "Int64Value is ZigZag (wire type 6), not protobuf's plain varint");
    assert_ne!(signed[1..], field_1(PWrappers { signed: 3, ..none })[1..]);
}
