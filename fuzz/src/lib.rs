//! Message types for the fuzz targets: every field kind, deriving both `Cramberry` and `Arbitrary`.

use arbitrary::Arbitrary;
use cramberry::{Cramberry, UnknownFields};
use std::collections::{BTreeMap, HashMap};

/// An enumeration without a catch-all.
#[derive(Cramberry, Arbitrary, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Color {
    Red = 0,
    Green = 1,
    Blue = 7,
}

/// An enumeration with a catch-all.
#[derive(Cramberry, Arbitrary, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    #[cram(0)]
    Unset,
    #[cram(2)]
    Warn,
    #[cram(other)]
    Other(u32),
}

/// A pod.
#[derive(Cramberry, Arbitrary, Debug, Clone, Copy, PartialEq)]
#[cram(pod)]
#[repr(C)]
pub struct Vec3 {
    pub x: f32,
    pub y: f32,
    pub z: f32,
}

/// A nested message.
#[derive(Cramberry, Arbitrary, Debug, Clone, PartialEq)]
pub struct Inner {
    #[cram(1)]
    pub name: String,
    #[cram(2)]
    pub value: i64,
    #[cram(3)]
    pub tags: Vec<String>,
    #[cram(4)]
    pub child: Option<Box<Inner>>,
}

/// Another interface member.
#[derive(Cramberry, Arbitrary, Debug, Clone, PartialEq)]
pub struct Circle {
    #[cram(1)]
    pub radius: f64,
}

/// An interface.
#[derive(Cramberry, Arbitrary, Debug, Clone, PartialEq)]
pub enum Shape {
    #[cram(type_id = 128)]
    Inner(Inner),
    #[cram(type_id = 300)]
    Circle(Circle),
}

/// Every field kind.
#[derive(Cramberry, Arbitrary, Debug, Clone, PartialEq)]
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
    pub sfixed64: i64,
    #[cram(12)]
    pub f32: f32,
    #[cram(13)]
    pub f64: f64,
    #[cram(14)]
    pub text: String,
    #[cram(15)]
    pub bytes: Vec<u8>,
    #[cram(16)]
    pub hash: [u8; 4],
    #[cram(17)]
    pub inner: Inner,
    #[cram(18)]
    pub boxed: Box<Inner>,
    #[cram(19)]
    pub maybe_inner: Option<Inner>,
    #[cram(20)]
    pub maybe_u32: Option<u32>,
    #[cram(21)]
    pub packed_u64: Vec<u64>,
    #[cram(22)]
    pub packed_i32: Vec<i32>,
    #[cram(23)]
    pub packed_f64: Vec<f64>,
    #[cram(24)]
    pub packed_bool: Vec<bool>,
    #[cram(25, fixed)]
    pub packed_fixed: Vec<u32>,
    #[cram(26)]
    pub packed_enum: Vec<Color>,
    #[cram(27)]
    pub texts: Vec<String>,
    #[cram(28)]
    pub inners: Vec<Inner>,
    #[cram(29)]
    pub triple: [i16; 3],
    #[cram(30)]
    pub by_name: BTreeMap<String, i64>,
    #[cram(31)]
    pub by_id: HashMap<u32, Inner>,
    #[cram(32)]
    pub color: Color,
    #[cram(33)]
    pub level: Level,
    #[cram(34)]
    pub shape: Option<Shape>,
    #[cram(35)]
    pub shapes: Vec<Shape>,
    #[cram(36)]
    pub point: Vec3,
    #[cram(37)]
    pub points: Vec<Vec3>,
    #[cram(38, required)]
    pub must: u32,
    #[cram(unknown_fields)]
    #[arbitrary(default)]
    pub unknown: UnknownFields,
}

/// Reads every accessor of a view, iterating lists and maps; returns a checksum so nothing is optimised away.
pub fn read_all(v: &AllKindsView<'_>) -> u64 {
    let mut acc = v.u64() ^ u64::from(v.flag()) ^ v.i64() as u64 ^ v.f64().to_bits() ^ u64::from(v.must());
    acc ^= v.text().len() as u64 ^ v.bytes().len() as u64 ^ u64::from(v.hash()[0]) ^ u64::from(v.fixed32());
    acc ^= v.inner().value() as u64 ^ v.boxed().get().name().len() as u64 ^ v.sfixed64() as u64;
    acc ^= v.maybe_inner().map_or(0, |i| i.tags().len() as u64) ^ u64::from(v.maybe_u32().unwrap_or(0));
    acc ^= v.packed_u64().iter().fold(0, u64::wrapping_add) ^ v.packed_i32().iter().count() as u64;
    acc ^= v.packed_f64().as_slice().map_or(0, |s| s.len() as u64) ^ v.packed_f64().iter().count() as u64;
    acc ^= v.packed_bool().iter().filter(|b| *b).count() as u64 ^ v.packed_fixed().get(1).map_or(0, u64::from);
    acc ^= v.packed_enum().iter().count() as u64 ^ v.texts().iter().map(str::len).sum::<usize>() as u64;
    acc ^= v.inners().iter().map(|i| i.child().map_or(0, |c| c.get().value() as u64)).fold(0, u64::wrapping_add);
    acc ^= v.triple().iter().map(|x| x as u64).fold(0, u64::wrapping_add);
    acc ^= v.by_name().iter().map(|(k, x)| k.len() as u64 ^ x as u64).fold(0, u64::wrapping_add);
    acc ^= v.by_name().get(&"k").map_or(0, |x| x as u64);
    acc ^= v.by_id().iter().map(|(k, i)| u64::from(k) ^ i.value() as u64).fold(0, u64::wrapping_add);
    acc ^= u64::from(v.color() as u8) ^ u64::from(matches!(v.level(), Level::Other(_)));
    acc ^= v.shape().map_or(0, |s| match s {
        ShapeView::Inner(i) => i.value() as u64,
        ShapeView::Circle(c) => c.radius().to_bits(),
    });
    acc ^= v.shapes().iter().count() as u64 ^ u64::from(v.point().x.to_bits());
    acc ^= v.points().iter().map(|p| u64::from(p.y.to_bits())).fold(0, u64::wrapping_add);
    acc ^ v.as_bytes().len() as u64
}
