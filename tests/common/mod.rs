//! Types that exercise every field kind, and proptest strategies for them, shared by the behaviour tests.
#![allow(dead_code)]

use cramberry::{Cramberry, UnknownFields};
use proptest::prelude::*;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

/// An enumeration without a catch-all: unknown numbers are errors.
#[derive(Cramberry, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Color {
    Red = 0,
    Green = 1,
    Blue = 7,
}

/// An enumeration with a catch-all that keeps unknown numbers.
#[derive(Cramberry, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    #[cram(0)]
    Unset,
    #[cram(2)]
    Warn,
    #[cram(other)]
    Other(u32),
}

/// A pod: fixed-width fields, no padding.
#[derive(Cramberry, Debug, Clone, Copy, PartialEq)]
#[cram(pod)]
#[repr(C)]
pub struct Vec3 {
    pub x: f32,
    pub y: f32,
    pub z: f32,
}

/// A nested message.
#[derive(Cramberry, Debug, Clone, PartialEq)]
pub struct Inner {
    #[cram(1)]
    pub name: String,
    #[cram(2)]
    pub value: i64,
    #[cram(3)]
    pub tags: Vec<String>,
}

/// A second member of the interface.
#[derive(Cramberry, Debug, Clone, PartialEq)]
pub struct Circle {
    #[cram(1)]
    pub radius: f64,
}

/// An interface: TYPEREF with the variant's type id.
#[derive(Cramberry, Debug, Clone, PartialEq)]
pub enum Shape {
    #[cram(type_id = 128)]
    Inner(Inner),
    #[cram(type_id = 300)]
    Circle(Circle),
}

/// Every owned field kind.
#[derive(Cramberry, Debug, Clone, PartialEq)]
pub struct AllKinds {
    #[cram(1)]
    pub flag: bool,
    #[cram(2)]
    pub u8: u8,
    #[cram(3)]
    pub u16: u16,
    #[cram(4)]
    pub u32: u32,
    #[cram(5)]
    pub u64: u64,
    #[cram(6)]
    pub i8: i8,
    #[cram(7)]
    pub i16: i16,
    #[cram(8)]
    pub i32: i32,
    #[cram(9)]
    pub i64: i64,
    #[cram(10, fixed)]
    pub fixed32: u32,
    #[cram(11, fixed)]
    pub fixed64: u64,
    #[cram(12, fixed)]
    pub sfixed32: i32,
    #[cram(13, fixed)]
    pub sfixed64: i64,
    #[cram(14)]
    pub f32: f32,
    #[cram(15)]
    pub f64: f64,
    #[cram(16)]
    pub text: String,
    #[cram(17)]
    pub bytes: Vec<u8>,
    #[cram(18)]
    pub hash: [u8; 4],
    #[cram(19)]
    pub inner: Inner,
    #[cram(20)]
    pub boxed: Box<Inner>,
    #[cram(21)]
    pub maybe_inner: Option<Inner>,
    #[cram(22)]
    pub maybe_u32: Option<u32>,
    #[cram(23)]
    pub maybe_text: Option<String>,
    #[cram(24, fixed)]
    pub maybe_fixed: Option<u64>,
    #[cram(25)]
    pub packed_u64: Vec<u64>,
    #[cram(26)]
    pub packed_i32: Vec<i32>,
    #[cram(27)]
    pub packed_f64: Vec<f64>,
    #[cram(28)]
    pub packed_bool: Vec<bool>,
    #[cram(29, fixed)]
    pub packed_fixed: Vec<u32>,
    #[cram(30)]
    pub packed_enum: Vec<Color>,
    #[cram(31)]
    pub texts: Vec<String>,
    #[cram(32)]
    pub blobs: Vec<Vec<u8>>,
    #[cram(33)]
    pub inners: Vec<Inner>,
    #[cram(34)]
    pub triple: [i16; 3],
    #[cram(35)]
    pub names: [String; 2],
    #[cram(36)]
    pub by_name: BTreeMap<String, i64>,
    #[cram(37)]
    pub by_id: HashMap<u32, Inner>,
    #[cram(38)]
    pub by_flag: BTreeMap<bool, String>,
    #[cram(39)]
    pub by_signed: BTreeMap<i32, u8>,
    #[cram(40)]
    pub color: Color,
    #[cram(41)]
    pub level: Level,
    #[cram(42)]
    pub shape: Option<Shape>,
    #[cram(43)]
    pub shapes: Vec<Shape>,
    #[cram(44)]
    pub point: Vec3,
    #[cram(45)]
    pub points: Vec<Vec3>,
    #[cram(46, required)]
    pub must: u32,
    #[cram(skip)]
    pub cache: u64,
    #[cram(536_870_911)]
    pub far: u8,
}

/// Borrowed field kinds: decoded without copying.
#[derive(Cramberry, Debug, Clone, PartialEq)]
pub struct Borrowed<'a> {
    #[cram(1)]
    pub text: &'a str,
    #[cram(2)]
    pub bytes: &'a [u8],
    #[cram(3)]
    pub cow_text: Cow<'a, str>,
    #[cram(4)]
    pub cow_bytes: Cow<'a, [u8]>,
    #[cram(5)]
    pub texts: Vec<&'a str>,
    #[cram(6)]
    pub by_name: BTreeMap<&'a str, &'a [u8]>,
    #[cram(7)]
    pub maybe: Option<&'a str>,
}

/// A message that keeps unknown fields.
#[derive(Cramberry, Debug, Clone, PartialEq)]
pub struct KeepsUnknown {
    #[cram(2)]
    pub id: u64,
    #[cram(unknown_fields)]
    pub unknown: UnknownFields,
}

/// Floats without NaN (NaN != NaN would make equality checks meaningless); -0.0 and infinities included.
pub fn float64() -> impl Strategy<Value = f64> {
    prop_oneof![any::<f64>().prop_filter("not NaN", |f| !f.is_nan()), Just(-0.0), Just(f64::INFINITY)]
}

pub fn float32() -> impl Strategy<Value = f32> {
    prop_oneof![any::<f32>().prop_filter("not NaN", |f| !f.is_nan()), Just(-0.0f32), Just(f32::NEG_INFINITY)]
}

pub fn color() -> impl Strategy<Value = Color> {
    prop_oneof![Just(Color::Red), Just(Color::Green), Just(Color::Blue)]
}

pub fn level() -> impl Strategy<Value = Level> {
    prop_oneof![Just(Level::Unset), Just(Level::Warn), (3u32..).prop_map(Level::Other), Just(Level::Other(1))]
}

pub fn inner() -> impl Strategy<Value = Inner> {
    (".{0,8}", any::<i64>(), prop::collection::vec(".{0,4}", 0..3)).prop_map(|(name, value, tags)| Inner {
        name,
        value,
        tags,
    })
}

pub fn shape() -> impl Strategy<Value = Shape> {
    prop_oneof![inner().prop_map(Shape::Inner), float64().prop_map(|radius| Shape::Circle(Circle { radius }))]
}

pub fn vec3() -> impl Strategy<Value = Vec3> {
    (any::<f32>(), any::<f32>(), any::<f32>())
        .prop_filter("no NaN", |(x, y, z)| !(x.is_nan() || y.is_nan() || z.is_nan()))
        .prop_map(|(x, y, z)| Vec3 { x, y, z })
}

pub fn all_kinds() -> impl Strategy<Value = AllKinds> {
    let scalars = (
        any::<bool>(),
        any::<u8>(),
        any::<u16>(),
        any::<u32>(),
        any::<u64>(),
        any::<i8>(),
        any::<i16>(),
        any::<i32>(),
        any::<i64>(),
        (any::<u32>(), any::<u64>(), any::<i32>(), any::<i64>()),
        (float32(), float64()),
    );
    let texts = (
        ".{0,12}",
        prop::collection::vec(any::<u8>(), 0..12),
        any::<[u8; 4]>(),
        inner(),
        inner(),
        prop::option::of(inner()),
        prop::option::of(any::<u32>()),
        prop::option::of(".{0,4}"),
        prop::option::of(any::<u64>()),
    );
    let lists = (
        prop::collection::vec(any::<u64>(), 0..6),
        prop::collection::vec(any::<i32>(), 0..6),
        prop::collection::vec(float64(), 0..4),
        prop::collection::vec(any::<bool>(), 0..4),
        prop::collection::vec(any::<u32>(), 0..4),
        prop::collection::vec(color(), 0..4),
        prop::collection::vec(".{0,6}", 0..4),
        prop::collection::vec(prop::collection::vec(any::<u8>(), 0..5), 0..3),
        prop::collection::vec(inner(), 0..3),
        any::<[i16; 3]>(),
        (".{0,3}", ".{0,3}"),
    );
    let maps = (
        prop::collection::btree_map(".{0,5}", any::<i64>(), 0..4),
        prop::collection::hash_map(any::<u32>(), inner(), 0..4),
        prop::collection::btree_map(any::<bool>(), ".{0,3}", 0..2),
        prop::collection::btree_map(any::<i32>(), any::<u8>(), 0..4),
        color(),
        level(),
        prop::option::of(shape()),
        prop::collection::vec(shape(), 0..3),
        vec3(),
        prop::collection::vec(vec3(), 0..4),
        any::<u32>(),
        any::<u8>(),
    );
    (scalars, texts, lists, maps).prop_map(|(s, t, l, m)| AllKinds {
        flag: s.0,
        u8: s.1,
        u16: s.2,
        u32: s.3,
        u64: s.4,
        i8: s.5,
        i16: s.6,
        i32: s.7,
        i64: s.8,
        fixed32: s.9 .0,
        fixed64: s.9 .1,
        sfixed32: s.9 .2,
        sfixed64: s.9 .3,
        f32: s.10 .0,
        f64: s.10 .1,
        text: t.0,
        bytes: t.1,
        hash: t.2,
        inner: t.3,
        boxed: Box::new(t.4),
        maybe_inner: t.5,
        maybe_u32: t.6,
        maybe_text: t.7,
        maybe_fixed: t.8,
        packed_u64: l.0,
        packed_i32: l.1,
        packed_f64: l.2,
        packed_bool: l.3,
        packed_fixed: l.4,
        packed_enum: l.5,
        texts: l.6,
        blobs: l.7,
        inners: l.8,
        triple: l.9,
        names: [l.10 .0, l.10 .1],
        by_name: m.0,
        by_id: m.1,
        by_flag: m.2,
        by_signed: m.3,
        color: m.4,
        level: m.5,
        shape: m.6,
        shapes: m.7,
        point: m.8,
        points: m.9,
        must: m.10,
        cache: 0,
        far: m.11,
    })
}

/// Proptest config with `default` cases, or `PROPTEST_CASES` when set (for long local runs).
pub fn cases(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default);
    ProptestConfig::with_cases(cases)
}
