//! Element descriptions: what the field loops (plain, optional, required, repeated, fixed-length, map) need to
//! know about the kind of value they read, behind one trait.
//!
//! The loops in this module's siblings are written once, generic over a [`ReadValue`]. Derived code and views
//! pass a zero-sized description of a static type ([`Decoded`], and the view layer's own), so every call
//! inlines to what a hand-written loop for that type would be; the dynamic codec in `cramberry-schema` passes
//! a description built from the schema. Limits, strict and canonical rules are therefore the same code for
//! every front end.

use super::sink::Sink;
use super::{DecodeValue, EncodeValue, Repeat};
use crate::decode::{Reader, Tag};
use crate::error::{CanonicalRule, Result};
use crate::wire::WireType;
use core::marker::PhantomData;

/// How values of a kind are laid out: what the loops branch on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shape {
    /// The wire type in a value's tag.
    pub wire_type: WireType,
    /// How lists of the kind are written.
    pub repeat: Repeat,
    /// Bytes per element of a packed run when fixed; 0 when elements vary in size.
    pub packed_width: usize,
    /// For integers packed as varints: the largest raw varint an element may hold (every smaller one is in
    /// range), so a run can be validated by decoding varints alone.
    pub packed_varint_max: Option<u64>,
}

impl Shape {
    /// Enum values: VARINT numbers, packed in lists, validated one by one.
    pub const ENUM: Shape = Shape {
        wire_type: WireType::Varint,
        repeat: Repeat::Packed,
        packed_width: 0,
        packed_varint_max: None,
    };
    /// Nested messages: BYTES, one field per list element.
    pub const MESSAGE: Shape =
        Shape { wire_type: WireType::Bytes, repeat: Repeat::Each, packed_width: 0, packed_varint_max: None };
    /// Interface values: TYPEREF, one field per list element.
    pub const INTERFACE: Shape = Shape {
        wire_type: WireType::TypeRef,
        repeat: Repeat::Each,
        packed_width: 0,
        packed_varint_max: None,
    };

    /// The shape of static type `V` in encoding `K`.
    #[inline(always)]
    pub const fn of<K, V: EncodeValue<K>>() -> Shape {
        Shape {
            wire_type: V::WIRE_TYPE,
            repeat: V::REPEAT,
            packed_width: V::PACKED_WIDTH,
            packed_varint_max: V::PACKED_VARINT_MAX,
        }
    }

    /// The wire type of a list field of this kind: BYTES for a packed run, the element's own otherwise.
    #[inline(always)]
    pub const fn list_wire_type(self) -> WireType {
        match self.repeat {
            Repeat::Packed => WireType::Bytes,
            Repeat::Each => self.wire_type,
        }
    }
}

/// How the field loops read one value of a kind, and what they need to know about it.
///
/// Implemented by zero-sized descriptions of static types (derive, views) and by the dynamic codec.
pub trait ReadValue<'de> {
    /// What one value reads as.
    type Out;

    /// The kind's layout.
    fn shape(&self) -> Shape;

    /// The value of an absent plain field (a map entry's missing key or value).
    fn empty(&self) -> Self::Out;

    /// Reads one value after its tag (the wire type was checked).
    fn read(&self, r: &mut Reader<'de>) -> Result<Self::Out>;

    /// Reads one element of a packed run.
    #[inline(always)]
    fn read_packed(&self, r: &mut Reader<'de>) -> Result<Self::Out> {
        self.read(r)
    }

    /// Whether a value read is the kind's default (for the canonical rule on plain fields).
    fn is_default(&self, value: &Self::Out) -> bool;

    /// Whether every element of a fixed-width packed run is valid, checked in one pass outside canonical
    /// mode; `false` has the run read element by element.
    #[inline(always)]
    fn run_is_valid(&self, run: &[u8]) -> bool {
        let _ = run;
        false
    }

    /// Takes a whole fixed-width run (already checked against the element limit) in one step, if possible.
    #[inline(always)]
    fn run(&self, run: &'de [u8], count: usize, sink: &mut impl Sink<Self::Out>) -> bool {
        let _ = (run, count, sink);
        false
    }

    /// Takes a whole run of varint integers in one pass, if every element is at most `max` and at most
    /// `room` elements arrive; returns `false` (with `sink` as before) to have the run read element by element.
    #[inline(always)]
    fn varint_run(&self, run: &'de [u8], max: u64, room: usize, sink: &mut impl Sink<Self::Out>) -> bool {
        let _ = (run, max, room, sink);
        false
    }
}

/// Reads values of static type `V` (encoding `K`) as owned values: what derived `decode` uses.
pub struct Decoded<K, V>(PhantomData<fn() -> (K, V)>);

impl<K, V> Decoded<K, V> {
    /// The (zero-sized) description.
    pub const NEW: Self = Decoded(PhantomData);
}

impl<'de, K, V: DecodeValue<'de, K>> ReadValue<'de> for Decoded<K, V> {
    type Out = V;
    #[inline(always)]
    fn shape(&self) -> Shape {
        Shape::of::<K, V>()
    }
    #[inline(always)]
    fn empty(&self) -> V {
        V::empty()
    }
    #[inline(always)]
    fn read(&self, r: &mut Reader<'de>) -> Result<V> {
        V::decode(r)
    }
    #[inline(always)]
    fn read_packed(&self, r: &mut Reader<'de>) -> Result<V> {
        V::decode_packed(r)
    }
    #[inline(always)]
    fn is_default(&self, value: &V) -> bool {
        value.is_default()
    }
    #[inline(always)]
    fn run_is_valid(&self, run: &[u8]) -> bool {
        V::run_is_valid(run)
    }
    #[inline(always)]
    fn run(&self, run: &'de [u8], _: usize, sink: &mut impl Sink<V>) -> bool {
        sink.as_vec().is_some_and(|vec| V::decode_run(run, vec))
    }
    #[inline(always)]
    fn varint_run(&self, run: &'de [u8], max: u64, room: usize, sink: &mut impl Sink<V>) -> bool {
        let Some(vec) = sink.as_vec() else {
            return false;
        };
        let start = vec.len();
        // Each element takes at least one byte, so the run's length bounds the count.
        vec.reserve(run.len().min(room));
        let complete =
            super::sink::for_each_packed_varint(run, max, |raw| match V::from_packed_varint(raw) {
                Some(value) if vec.len() - start < room => {
                    vec.push(value);
                    true
                }
                _ => false,
            });
        if complete {
            return true;
        }
        vec.truncate(start);
        false
    }
}

/// Reads one value of a single-valued field after its tag: checks the wire type, reads.
#[inline(always)]
pub fn read_one<'de, E: ReadValue<'de>>(e: &E, tag: &Tag, r: &mut Reader<'de>) -> Result<E::Out> {
    r.expect_wire_type(tag, e.shape().wire_type)?;
    e.read(r)
}

/// Reads a plain field whose tag was just read into `slot`; the last occurrence wins, and in canonical mode a
/// default value is an error (a plain field holding its default is never written).
#[inline(always)]
pub fn read_plain<'de, E: ReadValue<'de>>(
    e: &E,
    slot: &mut E::Out,
    tag: &Tag,
    r: &mut Reader<'de>,
) -> Result<()> {
    let value = read_one(e, tag, r)?;
    if r.canonical() && e.is_default(&value) {
        return Err(r.non_canonical(CanonicalRule::DefaultValueWritten, tag.offset));
    }
    *slot = value;
    Ok(())
}
