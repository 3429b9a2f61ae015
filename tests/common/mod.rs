//! Types that exercise every field kind, and proptest strategies for them, shared by the behaviour tests.
#![allow(dead_code)]

use proptest::prelude::*;

mod types;
pub use types::*;

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
        by_id: m.1.into_iter().collect(),
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

/// Encodings of random `AllKinds` values corrupted by one to three random edits (overwrite, insert or remove
/// a byte).
pub fn corrupted_encoding() -> impl Strategy<Value = Vec<u8>> {
    let edits = prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..4);
    (all_kinds(), edits).prop_map(|(value, edits)| {
        let mut bytes = cramberry::Message::encode_to_vec(&value);
        for (at, byte, op) in edits {
            let i = at.index(bytes.len() + 1);
            match op {
                0 if i < bytes.len() => bytes[i] = byte,
                1 => bytes.insert(i, byte),
                _ if i < bytes.len() => {
                    bytes.remove(i);
                }
                _ => {}
            }
        }
        bytes
    })
}
