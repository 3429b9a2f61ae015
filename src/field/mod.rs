//! Field kinds: how each Rust type is written as a value, and how a field of that type is laid out.
//!
//! This is the one description of field kinds that the derive (and the schema code generator, which emits
//! derived types) relies on. Two layers:
//!
//! - [`EncodeValue`] / [`DecodeValue`]: how one value of a type is written after its tag — scalars, fixed-width
//!   numbers, floats, strings, bytes, enums, nested messages, interface values and pods. One impl per type.
//! - Field strategies, one module each: [`plain`] (omitted when default), [`optional`] (`Option<T>`, written when
//!   `Some`), [`required`] (always written, must be present), [`repeated`] (`Vec<T>` / `&[T]`: packed for
//!   scalars, one field per element otherwise), [`array`](mod@array) (`[T; N]`) and [`map`] (`BTreeMap` / `HashMap`).

use crate::prelude::*;
pub mod array;
mod bytes;
pub mod element;
pub mod encoded;
mod fixed;
pub mod interface;
mod kind;
pub mod listed;
pub mod map;
pub mod message;
pub mod optional;
pub mod plain;
pub mod pod;
pub mod repeated;
pub mod required;
mod scalar;
pub mod sink;
pub(crate) mod tuple;
pub mod with;

use crate::decode::Reader;
use crate::encode::{LenRecorder, SizeCursor, Writer};
use crate::error::Result;
use crate::wire::{make_tag, varint_len, WireType};

pub(crate) use bytes::{read_bytes, read_str};
pub use kind::{ScalarError, ScalarKind, ScalarValue};
pub use scalar::{enumeration as scalar_enum, Enumeration};

/// Marker: a type's natural encoding (varint, ZigZag, IEEE float, length-delimited, …).
#[derive(Debug)]
pub enum Natural {}

/// Marker: the fixed-width encoding that `#[cram(N, fixed)]` selects for `u32`, `u64`, `i32` and `i64`
/// (fixed32, fixed64, sfixed32, sfixed64).
#[derive(Debug)]
pub enum Fixed {}

/// How a list of values of a kind is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Repeat {
    /// One BYTES field holding the values back to back without tags (scalars and pods).
    Packed,
    /// One field per element (strings, bytes, messages, interface values).
    Each,
}

impl Repeat {
    /// Scalars pack; length-delimited and TYPEREF values do not.
    pub const fn for_wire_type(wire_type: WireType) -> Repeat {
        match wire_type {
            WireType::Bytes | WireType::TypeRef => Repeat::Each,
            _ => Repeat::Packed,
        }
    }
}

/// How one value of a type is written after its tag. `K` selects the encoding ([`Natural`] or [`Fixed`]).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a Cramberry field type",
    label = "this type has no Cramberry encoding",
    note = "derive Cramberry on it: a struct with numbered fields is a message, a fieldless enum with numbers an enumeration, a `#[repr(C)] #[cram(pod)]` struct a pod",
    note = "supported field types: bool, u8-u128, usize, i8-i128, isize, f32, f64, char, String / &str / Cow<str> / Box<str> / Arc<str>, Vec<u8> / &[u8] / Box<[u8]> / [u8; N], Box<T>, Option<T>, Vec<T> / SmallVec<[T; N]> (and Option<Vec<T>>, Vec<Vec<T>>), [T; N], BTreeMap / HashMap, tuples of up to 4 of these, and types deriving Cramberry; `#[cram(N, fixed)]` applies to u32, u64, i32 and i64 only"
)]
pub trait EncodeValue<K = Natural> {
    /// The wire type in the value's tag.
    const WIRE_TYPE: WireType;
    /// How lists of this value are written.
    const REPEAT: Repeat = Repeat::for_wire_type(Self::WIRE_TYPE);
    /// Bytes per element in a packed run, when every value takes the same number; 0 when it varies.
    const PACKED_WIDTH: usize = 0;
    /// Whether any `PACKED_WIDTH` bytes are a valid element outside canonical mode (fixed-width integers,
    /// floats, pods), so a packed run can be validated by its length alone.
    const PACKED_UNCHECKED: bool = false;

    /// Whether measuring a value records its length (nested messages, interface values), so a list of them
    /// can make room for the lengths in one step.
    const RECORDS_LEN: bool = false;

    /// For integers packed as varints: the largest raw varint an element may hold. Every raw value up to it is
    /// in range (ZigZag maps a signed type's range onto exactly the unsigned one's), so a whole run is
    /// validated by decoding varints alone. `None` for types whose elements need a closer look (enums).
    const PACKED_VARINT_MAX: Option<u64> = None;

    /// Whether every element of a packed run of this fixed-width type is valid, checked in one pass over
    /// the run (outside canonical mode). Types whose elements need no check (`PACKED_UNCHECKED`) accept any
    /// run; `bool` checks that every byte is 0 or 1.
    #[inline(always)]
    fn run_is_valid(run: &[u8]) -> bool {
        let _ = run;
        Self::PACKED_UNCHECKED
    }

    /// Whether this is the type's default value (a plain field holding it is not written).
    fn is_default(&self) -> bool;

    /// Exact size of the value after its tag (a length-delimited value includes its length prefix).
    /// Records nested lengths into `rec`.
    fn value_len<R: LenRecorder>(&self, rec: &mut R) -> usize;

    /// Writes the value after its tag, reading nested lengths from `sizes` in the order they were recorded.
    fn encode(&self, w: &mut Writer<'_>, sizes: &mut SizeCursor<'_>);

    /// Size of a plain field's payload, or `None` when the plain field is omitted (default value).
    #[inline(always)]
    fn plain_len<R: LenRecorder>(&self, rec: &mut R) -> Option<usize> {
        if self.is_default() {
            None
        } else {
            Some(self.value_len(rec))
        }
    }

    /// Writes a plain field (tag and value) unless the value is the default.
    #[inline(always)]
    fn encode_plain(&self, number: u32, w: &mut Writer<'_>, sizes: &mut SizeCursor<'_>) {
        if !self.is_default() {
            w.put_tag(number, Self::WIRE_TYPE);
            self.encode(w, sizes);
        }
    }

    /// Size of the value as an element of a packed run.
    #[inline(always)]
    fn packed_len(&self) -> usize {
        self.value_len(&mut crate::encode::NoRecord)
    }

    /// Writes the value as an element of a packed run (no tag, no length).
    #[inline(always)]
    fn encode_packed(&self, w: &mut Writer<'_>) {
        self.encode(w, &mut SizeCursor::new(&[]));
    }

    /// Writes a whole packed run of `values` in one step, if the type can (pods, whose bytes are the
    /// encoding: one copy); returns `false` to have the run written element by element.
    #[inline(always)]
    fn encode_run(values: &[Self], w: &mut Writer<'_>) -> bool
    where
        Self: Sized,
    {
        let _ = (values, w);
        false
    }
}

/// How one value of a type is read back. `'de` is the input's lifetime, which borrowed values keep.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be decoded as a Cramberry field",
    label = "this type has no Cramberry decoding",
    note = "derive Cramberry on it: a struct with numbered fields is a message, a fieldless enum with numbers an enumeration, a `#[repr(C)] #[cram(pod)]` struct a pod",
    note = "supported field types: bool, u8-u128, usize, i8-i128, isize, f32, f64, char, String / &str / Cow<str> / Box<str> / Arc<str>, Vec<u8> / &[u8] / Box<[u8]> / [u8; N], Box<T>, Option<T>, Vec<T> / SmallVec<[T; N]> (and Option<Vec<T>>, Vec<Vec<T>>), [T; N], BTreeMap / HashMap, tuples of up to 4 of these, and types deriving Cramberry; `#[cram(N, fixed)]` applies to u32, u64, i32 and i64 only"
)]
pub trait DecodeValue<'de, K = Natural>: EncodeValue<K> + Sized {
    /// The value a plain field has when it is absent.
    fn empty() -> Self;

    /// Reads the value after its tag (the wire type was checked by the caller).
    fn decode(r: &mut Reader<'de>) -> Result<Self>;

    /// Reads the value as an element of a packed run.
    #[inline(always)]
    fn decode_packed(r: &mut Reader<'de>) -> Result<Self> {
        Self::decode(r)
    }

    /// The element a raw varint stands for, when it is at most [`EncodeValue::PACKED_VARINT_MAX`].
    #[inline(always)]
    fn from_packed_varint(raw: u64) -> Option<Self> {
        let _ = raw;
        None
    }

    /// Appends a whole packed run (`PACKED_WIDTH`-sized elements back to back) to `out` in one step, if the
    /// type can (pods: one copy); returns `false` to have the run read element by element.
    #[inline(always)]
    fn decode_run(run: &'de [u8], out: &mut Vec<Self>) -> bool {
        let _ = (run, out);
        false
    }
}

/// Bytes the tag of field `number` with `wire_type` takes.
#[inline(always)]
pub const fn tag_len(number: u32, wire_type: WireType) -> usize {
    varint_len(make_tag(number, wire_type))
}
