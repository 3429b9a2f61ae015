//! The message types that exercise every field kind, shared by the behaviour tests and the fuzz targets
//! (which include this file and derive `Arbitrary` under `cfg(fuzzing)`).
#![allow(dead_code)]

use cramberry::{Cramberry, UnknownFields};
use std::borrow::Cow;
use std::collections::BTreeMap;
/// Without the runtime's `std` feature (no `HashMap` fields), the same field as a `BTreeMap`: same bytes.
#[cfg(not(feature = "std"))]
use std::collections::BTreeMap as HashMap;
#[cfg(feature = "std")]
use std::collections::HashMap;

/// An enumeration without a catch-all: unknown numbers are errors.
#[derive(Cramberry, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(fuzzing, derive(arbitrary::Arbitrary))]
pub enum Color {
    Red = 0,
    Green = 1,
    Blue = 7,
}

/// An enumeration with a catch-all that keeps unknown numbers.
#[derive(Cramberry, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(fuzzing, derive(arbitrary::Arbitrary))]
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
#[cfg_attr(fuzzing, derive(arbitrary::Arbitrary))]
#[cram(pod)]
#[repr(C)]
pub struct Vec3 {
    pub x: f32,
    pub y: f32,
    pub z: f32,
}

/// A nested message.
#[derive(Cramberry, Debug, Clone, PartialEq)]
#[cfg_attr(fuzzing, derive(arbitrary::Arbitrary))]
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
#[cfg_attr(fuzzing, derive(arbitrary::Arbitrary))]
pub struct Circle {
    #[cram(1)]
    pub radius: f64,
}

/// An interface: TYPEREF with the variant's type id.
#[derive(Cramberry, Debug, Clone, PartialEq)]
#[cfg_attr(fuzzing, derive(arbitrary::Arbitrary))]
pub enum Shape {
    #[cram(type_id = 128)]
    Inner(Inner),
    #[cram(type_id = 300)]
    Circle(Circle),
}

/// Every owned field kind.
#[derive(Cramberry, Debug, Clone, PartialEq)]
#[cfg_attr(fuzzing, derive(arbitrary::Arbitrary))]
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
#[cfg_attr(fuzzing, derive(arbitrary::Arbitrary))]
pub struct KeepsUnknown {
    #[cram(2)]
    pub id: u64,
    #[cram(unknown_fields)]
    #[cfg_attr(fuzzing, arbitrary(default))]
    pub unknown: UnknownFields,
}

/// Reads every accessor of an `AllKinds` view, iterating every list and map, and folds them into a number.
pub fn read_all(v: &AllKindsView<'_>) -> u64 {
    let mut acc = v.u64() ^ u64::from(v.flag()) ^ v.i64() as u64 ^ v.f64().to_bits() ^ u64::from(v.must());
    acc ^= v.text().len() as u64 ^ v.bytes().len() as u64 ^ u64::from(v.hash()[0]);
    acc ^= v.inner().value() as u64 ^ v.boxed().get().name().len() as u64;
    acc ^= v.maybe_inner().map_or(0, |i| i.tags().iter().map(str::len).sum::<usize>() as u64);
    acc ^= v.packed_u64().iter().fold(0u64, u64::wrapping_add)
        ^ v.packed_i32().iter().map(|x| x as u64).fold(0u64, u64::wrapping_add);
    acc ^= v
        .packed_f64()
        .as_slice()
        .map_or(0, |s| s.iter().map(|f| f.get().to_bits()).fold(0u64, u64::wrapping_add));
    acc ^= v.packed_bool().iter().filter(|b| *b).count() as u64;
    acc ^= v.packed_fixed().get(0).map_or(0, u64::from);
    acc ^= v.packed_enum().len() as u64 ^ v.texts().iter().map(str::len).sum::<usize>() as u64;
    acc ^= v.blobs().iter().map(<[u8]>::len).sum::<usize>() as u64;
    acc ^= v.inners().iter().map(|i| i.name().len() + i.tags().len()).sum::<usize>() as u64;
    acc ^= v.triple().iter().map(|x| x as u64).fold(0u64, u64::wrapping_add)
        ^ v.names().iter().map(str::len).sum::<usize>() as u64;
    acc ^= v.by_name().iter().map(|(k, x)| k.len() as u64 ^ x as u64).fold(0u64, u64::wrapping_add);
    acc ^= v.by_name().get(&"absent").map_or(1, |x| x as u64);
    acc ^= v.by_id().iter().map(|(k, i)| u64::from(k) ^ i.value() as u64).fold(0u64, u64::wrapping_add);
    acc ^= v.by_flag().len() as u64
        ^ v.by_signed().iter().map(|(k, x)| k as u64 ^ u64::from(x)).fold(0u64, u64::wrapping_add);
    acc ^= u64::from(v.color() as u8) ^ u64::from(matches!(v.level(), Level::Warn));
    acc ^= match v.shape() {
        Some(ShapeView::Inner(i)) => i.value() as u64,
        Some(ShapeView::Circle(c)) => c.radius().to_bits(),
        None => 0,
    };
    acc ^= v.shapes().len() as u64 ^ u64::from(v.point().x.to_bits());
    acc ^= v.points().iter().map(|p| u64::from(p.y.to_bits())).fold(0u64, u64::wrapping_add);
    acc ^= v.points().as_pod_slice().map_or(0, |s| s.len() as u64);
    acc
}

/// Where the view accepted the message: each plain and optional accessor of the lazy view (read in place
/// through the index, or from an indexed copy of a message too large to index on opening) gives the view's
/// value; the first that does not is named. (The hidden walk reads through the accessors' full passes: these
/// are their fast paths.)
pub fn lazy_accessors_match(lazy: &AllKindsLazy<'_>, view: &AllKindsView<'_>) -> Result<(), String> {
    let read = |field: &str, e: cramberry::DecodeError| format!("{field}: {e}");
    macro_rules! same {
        ($($field:ident),*) => {$(
            let got = lazy.$field().map_err(|e| read(stringify!($field), e))?;
            if format!("{:?}", got) != format!("{:?}", view.$field()) {
                return Err(format!("{}: lazy {:?}, view {:?}", stringify!($field), got, view.$field()));
            }
        )*};
    }
    same!(flag, u8, u16, u32, u64, i8, i16, i32, i64, fixed32, fixed64, sfixed32, sfixed64, f32, f64);
    same!(text, bytes, hash, maybe_u32, maybe_text, maybe_fixed, color, level, point, must, far);
    let inner = lazy.inner().and_then(|l| l.to_message()).map_err(|e| read("inner", e))?;
    let boxed = lazy.boxed().map_err(|e| read("boxed", e))?;
    let maybe = lazy.maybe_inner().map_err(|e| read("maybe_inner", e))?;
    let maybe = maybe.map(|l| l.to_message()).transpose().map_err(|e| read("maybe_inner", e))?;
    let nested_match = inner == view.inner().to_message()
        && boxed.as_bytes() == view.boxed().as_bytes()
        && maybe == view.maybe_inner().map(|v| v.to_message());
    nested_match.then_some(()).ok_or_else(|| String::from("a nested message differs"))
}
