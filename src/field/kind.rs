//! The scalar kinds of the format, described once: wire type, packing, width, range, default, names.
//!
//! The static `EncodeValue` impls of the Rust scalar types take their layout from this table, and every operation
//! on a [`ScalarKind`] (reading, range checks, default tests, writing) dispatches to those impls, so the schema
//! tooling (code generator, dynamic codec) and derived code cannot disagree about a scalar.

use super::element::{ReadValue, Shape};
use super::{DecodeValue, EncodeValue, Fixed, Natural, Repeat};
use crate::decode::Reader;
use crate::encode::{NoRecord, SizeCursor, Writer};
use crate::error::Result;
use crate::prelude::*;
use crate::wire::WireType;
use core::fmt;

/// A scalar type of the format (the schema language's names in the docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ScalarKind {
    /// `bool`: VARINT 0 or 1.
    Bool,
    /// `int8`: SVARINT (ZigZag).
    I8,
    /// `int16`: SVARINT.
    I16,
    /// `int32`: SVARINT.
    I32,
    /// `int64` (`int`): SVARINT.
    I64,
    /// `uint8`: VARINT.
    U8,
    /// `uint16`: VARINT.
    U16,
    /// `uint32`: VARINT.
    U32,
    /// `uint64` (`uint`): VARINT.
    U64,
    /// `float32`: FIXED32, IEEE 754.
    F32,
    /// `float64`: FIXED64, IEEE 754.
    F64,
    /// `string`: BYTES, UTF-8.
    String,
    /// `bytes`: BYTES.
    Bytes,
    /// `fixed32`: FIXED32, unsigned.
    Fixed32,
    /// `fixed64`: FIXED64, unsigned.
    Fixed64,
    /// `sfixed32`: FIXED32, two's complement.
    SFixed32,
    /// `sfixed64`: FIXED64, two's complement.
    SFixed64,
}

/// A value of a scalar kind; strings and bytes borrow.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ScalarValue<'a> {
    /// `bool`
    Bool(bool),
    /// A signed integer (`int8`..`int64`, `sfixed32`, `sfixed64`).
    Int(i64),
    /// An unsigned integer (`uint8`..`uint64`, `fixed32`, `fixed64`).
    Uint(u64),
    /// `float32`
    F32(f32),
    /// `float64`
    F64(f64),
    /// `string`
    Str(&'a str),
    /// `bytes`
    Bytes(&'a [u8]),
}

/// Why a value cannot be written as a scalar kind.
#[derive(Clone, Debug, PartialEq)]
pub enum ScalarError {
    /// The value is of another kind (a string where the kind is an integer, ...).
    Mismatch {
        /// The kind expected.
        expected: ScalarKind,
    },
    /// The integer does not fit the kind.
    OutOfRange {
        /// The value.
        value: i128,
        /// The kind.
        kind: ScalarKind,
    },
}

impl fmt::Display for ScalarError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScalarError::Mismatch { expected } => {
                write!(f, "expected a value of type {}", expected.schema_name())
            }
            ScalarError::OutOfRange { value, kind } => {
                write!(f, "{value} is out of range for {}", kind.schema_name())
            }
        }
    }
}

impl core::error::Error for ScalarError {}

/// Runs `$body` with `$v` bound to `$value` converted (range-checked) to the kind's Rust type, and `$k` to
/// the encoding marker (`Natural` or `Fixed`), or returns the conversion's error.
macro_rules! with_typed {
    ($kind:expr, $value:expr, |$v:ident: $k:ident| $body:expr) => {{
        use ScalarValue as S;
        match ($kind, $value) {
            (ScalarKind::Bool, S::Bool(x)) => {
                let $v: bool = x;
                type $k = Natural;
                $body
            }
            (ScalarKind::I8, S::Int(x)) => {
                let $v: i8 = ranged(x, ScalarKind::I8)?;
                type $k = Natural;
                $body
            }
            (ScalarKind::I16, S::Int(x)) => {
                let $v: i16 = ranged(x, ScalarKind::I16)?;
                type $k = Natural;
                $body
            }
            (ScalarKind::I32, S::Int(x)) => {
                let $v: i32 = ranged(x, ScalarKind::I32)?;
                type $k = Natural;
                $body
            }
            (ScalarKind::I64, S::Int(x)) => {
                let $v: i64 = x;
                type $k = Natural;
                $body
            }
            (ScalarKind::U8, S::Uint(x)) => {
                let $v: u8 = ranged(x, ScalarKind::U8)?;
                type $k = Natural;
                $body
            }
            (ScalarKind::U16, S::Uint(x)) => {
                let $v: u16 = ranged(x, ScalarKind::U16)?;
                type $k = Natural;
                $body
            }
            (ScalarKind::U32, S::Uint(x)) => {
                let $v: u32 = ranged(x, ScalarKind::U32)?;
                type $k = Natural;
                $body
            }
            (ScalarKind::U64, S::Uint(x)) => {
                let $v: u64 = x;
                type $k = Natural;
                $body
            }
            (ScalarKind::F32, S::F32(x)) => {
                let $v: f32 = x;
                type $k = Natural;
                $body
            }
            (ScalarKind::F64, S::F64(x)) => {
                let $v: f64 = x;
                type $k = Natural;
                $body
            }
            (ScalarKind::String, S::Str(x)) => {
                let $v: &str = x;
                type $k = Natural;
                $body
            }
            (ScalarKind::Bytes, S::Bytes(x)) => {
                let $v: &[u8] = x;
                type $k = Natural;
                $body
            }
            (ScalarKind::Fixed32, S::Uint(x)) => {
                let $v: u32 = ranged(x, ScalarKind::Fixed32)?;
                type $k = Fixed;
                $body
            }
            (ScalarKind::Fixed64, S::Uint(x)) => {
                let $v: u64 = x;
                type $k = Fixed;
                $body
            }
            (ScalarKind::SFixed32, S::Int(x)) => {
                let $v: i32 = ranged(x, ScalarKind::SFixed32)?;
                type $k = Fixed;
                $body
            }
            (ScalarKind::SFixed64, S::Int(x)) => {
                let $v: i64 = x;
                type $k = Fixed;
                $body
            }
            (kind, _) => return Err(ScalarError::Mismatch { expected: kind }),
        }
    }};
}

/// Runs `$body` with `$t` the kind's Rust type and `$k` its encoding marker.
macro_rules! with_type {
    ($kind:expr, |$t:ident, $k:ident| $body:expr) => {
        match $kind {
            ScalarKind::Bool => {
                type $t = bool;
                type $k = Natural;
                $body
            }
            ScalarKind::I8 => {
                type $t = i8;
                type $k = Natural;
                $body
            }
            ScalarKind::I16 => {
                type $t = i16;
                type $k = Natural;
                $body
            }
            ScalarKind::I32 => {
                type $t = i32;
                type $k = Natural;
                $body
            }
            ScalarKind::I64 => {
                type $t = i64;
                type $k = Natural;
                $body
            }
            ScalarKind::U8 => {
                type $t = u8;
                type $k = Natural;
                $body
            }
            ScalarKind::U16 => {
                type $t = u16;
                type $k = Natural;
                $body
            }
            ScalarKind::U32 => {
                type $t = u32;
                type $k = Natural;
                $body
            }
            ScalarKind::U64 => {
                type $t = u64;
                type $k = Natural;
                $body
            }
            ScalarKind::F32 => {
                type $t = f32;
                type $k = Natural;
                $body
            }
            ScalarKind::F64 => {
                type $t = f64;
                type $k = Natural;
                $body
            }
            ScalarKind::String => {
                type $t = &'static str;
                type $k = Natural;
                $body
            }
            ScalarKind::Bytes => {
                type $t = &'static [u8];
                type $k = Natural;
                $body
            }
            ScalarKind::Fixed32 => {
                type $t = u32;
                type $k = Fixed;
                $body
            }
            ScalarKind::Fixed64 => {
                type $t = u64;
                type $k = Fixed;
                $body
            }
            ScalarKind::SFixed32 => {
                type $t = i32;
                type $k = Fixed;
                $body
            }
            ScalarKind::SFixed64 => {
                type $t = i64;
                type $k = Fixed;
                $body
            }
        }
    };
}

fn ranged<T: TryFrom<X>, X: Into<i128> + Copy>(x: X, kind: ScalarKind) -> Result<T, ScalarError> {
    T::try_from(x).map_err(|_| ScalarError::OutOfRange { value: x.into(), kind })
}

impl ScalarKind {
    /// Every scalar kind.
    pub const ALL: [ScalarKind; 17] = [
        ScalarKind::Bool,
        ScalarKind::I8,
        ScalarKind::I16,
        ScalarKind::I32,
        ScalarKind::I64,
        ScalarKind::U8,
        ScalarKind::U16,
        ScalarKind::U32,
        ScalarKind::U64,
        ScalarKind::F32,
        ScalarKind::F64,
        ScalarKind::String,
        ScalarKind::Bytes,
        ScalarKind::Fixed32,
        ScalarKind::Fixed64,
        ScalarKind::SFixed32,
        ScalarKind::SFixed64,
    ];

    /// The kind's layout, from the static impl of its Rust type.
    #[doc(hidden)]
    pub fn shape(self) -> Shape {
        with_type!(self, |T, K| Shape::of::<K, T>())
    }

    /// The wire type of one value.
    pub fn wire_type(self) -> WireType {
        self.shape().wire_type
    }

    /// How lists of the kind are written (every scalar but `string` and `bytes` packs).
    pub fn repeat(self) -> Repeat {
        self.shape().repeat
    }

    /// The kind's name in schemas (`int` and `uint` are spelt `int64` and `uint64`).
    pub const fn schema_name(self) -> &'static str {
        match self {
            ScalarKind::Bool => "bool",
            ScalarKind::I8 => "int8",
            ScalarKind::I16 => "int16",
            ScalarKind::I32 => "int32",
            ScalarKind::I64 => "int64",
            ScalarKind::U8 => "uint8",
            ScalarKind::U16 => "uint16",
            ScalarKind::U32 => "uint32",
            ScalarKind::U64 => "uint64",
            ScalarKind::F32 => "float32",
            ScalarKind::F64 => "float64",
            ScalarKind::String => "string",
            ScalarKind::Bytes => "bytes",
            ScalarKind::Fixed32 => "fixed32",
            ScalarKind::Fixed64 => "fixed64",
            ScalarKind::SFixed32 => "sfixed32",
            ScalarKind::SFixed64 => "sfixed64",
        }
    }

    /// The kind with this schema name (including the aliases `int` and `uint`).
    pub fn from_schema_name(name: &str) -> Option<ScalarKind> {
        match name {
            "int" => Some(ScalarKind::I64),
            "uint" => Some(ScalarKind::U64),
            _ => Self::ALL.into_iter().find(|k| k.schema_name() == name),
        }
    }

    /// The owned Rust type derived code uses for the kind.
    pub const fn rust_type(self) -> &'static str {
        match self {
            ScalarKind::Bool => "bool",
            ScalarKind::I8 => "i8",
            ScalarKind::I16 => "i16",
            ScalarKind::I32 | ScalarKind::SFixed32 => "i32",
            ScalarKind::I64 | ScalarKind::SFixed64 => "i64",
            ScalarKind::U8 => "u8",
            ScalarKind::U16 => "u16",
            ScalarKind::U32 | ScalarKind::Fixed32 => "u32",
            ScalarKind::U64 | ScalarKind::Fixed64 => "u64",
            ScalarKind::F32 => "f32",
            ScalarKind::F64 => "f64",
            ScalarKind::String => "String",
            ScalarKind::Bytes => "Vec<u8>",
        }
    }

    /// The values an integer kind holds, `MIN..=MAX` of its Rust type ([`rust_type`](Self::rust_type)), as
    /// `(min, max)`; `None` for the kinds that are not integers. Front ends that cannot share this code (the
    /// TypeScript generator and runtime) take their range checks from here.
    ///
    /// ```
    /// use cramberry::ScalarKind;
    /// assert_eq!(ScalarKind::I8.int_range(), Some((-128, 127)));
    /// assert_eq!(ScalarKind::Fixed32.int_range(), Some((0, u32::MAX.into())));
    /// assert_eq!(ScalarKind::F64.int_range(), None);
    /// ```
    pub const fn int_range(self) -> Option<(i128, i128)> {
        Some(match self {
            ScalarKind::I8 => (i8::MIN as i128, i8::MAX as i128),
            ScalarKind::I16 => (i16::MIN as i128, i16::MAX as i128),
            ScalarKind::I32 | ScalarKind::SFixed32 => (i32::MIN as i128, i32::MAX as i128),
            ScalarKind::I64 | ScalarKind::SFixed64 => (i64::MIN as i128, i64::MAX as i128),
            ScalarKind::U8 => (0, u8::MAX as i128),
            ScalarKind::U16 => (0, u16::MAX as i128),
            ScalarKind::U32 | ScalarKind::Fixed32 => (0, u32::MAX as i128),
            ScalarKind::U64 | ScalarKind::Fixed64 => (0, u64::MAX as i128),
            ScalarKind::Bool | ScalarKind::F32 | ScalarKind::F64 | ScalarKind::String | ScalarKind::Bytes => {
                return None
            }
        })
    }

    /// Whether derived code selects the kind with `#[cram(N, fixed)]`.
    pub const fn is_fixed_int(self) -> bool {
        matches!(
            self,
            ScalarKind::Fixed32 | ScalarKind::Fixed64 | ScalarKind::SFixed32 | ScalarKind::SFixed64
        )
    }

    /// Whether the kind is a signed integer (`int8`..`int64`, `sfixed32`, `sfixed64`): its values are
    /// [`ScalarValue::Int`].
    pub const fn is_signed_integer(self) -> bool {
        matches!(
            self,
            ScalarKind::I8
                | ScalarKind::I16
                | ScalarKind::I32
                | ScalarKind::I64
                | ScalarKind::SFixed32
                | ScalarKind::SFixed64
        )
    }

    /// Whether the kind is an unsigned integer (`uint8`..`uint64`, `fixed32`, `fixed64`): its values are
    /// [`ScalarValue::Uint`].
    pub const fn is_unsigned_integer(self) -> bool {
        matches!(
            self,
            ScalarKind::U8
                | ScalarKind::U16
                | ScalarKind::U32
                | ScalarKind::U64
                | ScalarKind::Fixed32
                | ScalarKind::Fixed64
        )
    }

    /// The kind's default value (what an absent plain field holds).
    pub const fn default_value(self) -> ScalarValue<'static> {
        match self {
            ScalarKind::Bool => ScalarValue::Bool(false),
            ScalarKind::I8 | ScalarKind::I16 | ScalarKind::I32 | ScalarKind::I64 => ScalarValue::Int(0),
            ScalarKind::SFixed32 | ScalarKind::SFixed64 => ScalarValue::Int(0),
            ScalarKind::F32 => ScalarValue::F32(0.0),
            ScalarKind::F64 => ScalarValue::F64(0.0),
            ScalarKind::String => ScalarValue::Str(""),
            ScalarKind::Bytes => ScalarValue::Bytes(&[]),
            _ => ScalarValue::Uint(0),
        }
    }

    /// Whether `value` is the kind's default (a plain field holding it is not written).
    pub fn is_default(self, value: ScalarValue<'_>) -> Result<bool, ScalarError> {
        Ok(with_typed!(self, value, |v: K| EncodeValue::<K>::is_default(&v)))
    }

    /// Checks that `value` is of the kind and in its range.
    pub fn check(self, value: ScalarValue<'_>) -> Result<(), ScalarError> {
        self.is_default(value).map(drop)
    }

    /// Appends `value` as the kind writes it after a tag (or as an element of a packed run: the same bytes).
    pub fn append(self, value: ScalarValue<'_>, out: &mut Vec<u8>) -> Result<(), ScalarError> {
        let len = self.value_len(value)?;
        let start = out.len();
        out.resize(start + len, 0);
        self.write(value, &mut Writer::new(&mut out[start..]))
    }

    /// Size of `value` after its tag (or as an element of a packed run: the same bytes).
    #[doc(hidden)]
    pub fn value_len(self, value: ScalarValue<'_>) -> Result<usize, ScalarError> {
        Ok(with_typed!(self, value, |v: K| EncodeValue::<K>::value_len(&v, &mut NoRecord)))
    }

    /// Writes `value` as the kind writes it after a tag (or as an element of a packed run).
    #[doc(hidden)]
    pub fn write(self, value: ScalarValue<'_>, w: &mut Writer<'_>) -> Result<(), ScalarError> {
        with_typed!(self, value, |v: K| EncodeValue::<K>::encode(&v, w, &mut SizeCursor::new(&[])));
        Ok(())
    }

    /// Reads one value after its tag, with exactly the checks (and errors) of the Rust type's decoding.
    #[doc(hidden)]
    pub fn read<'de>(self, r: &mut Reader<'de>) -> Result<ScalarValue<'de>> {
        use ScalarValue as S;
        Ok(match self {
            ScalarKind::Bool => S::Bool(bool::decode(r)?),
            ScalarKind::I8 => S::Int(i8::decode(r)?.into()),
            ScalarKind::I16 => S::Int(i16::decode(r)?.into()),
            ScalarKind::I32 => S::Int(<i32 as DecodeValue>::decode(r)?.into()),
            ScalarKind::I64 => S::Int(<i64 as DecodeValue>::decode(r)?),
            ScalarKind::U8 => S::Uint(u8::decode(r)?.into()),
            ScalarKind::U16 => S::Uint(u16::decode(r)?.into()),
            ScalarKind::U32 => S::Uint(<u32 as DecodeValue>::decode(r)?.into()),
            ScalarKind::U64 => S::Uint(<u64 as DecodeValue>::decode(r)?),
            ScalarKind::F32 => S::F32(f32::decode(r)?),
            ScalarKind::F64 => S::F64(f64::decode(r)?),
            ScalarKind::String => S::Str(<&str>::decode(r)?),
            ScalarKind::Bytes => S::Bytes(<&[u8]>::decode(r)?),
            ScalarKind::Fixed32 => S::Uint(<u32 as DecodeValue<Fixed>>::decode(r)?.into()),
            ScalarKind::Fixed64 => S::Uint(<u64 as DecodeValue<Fixed>>::decode(r)?),
            ScalarKind::SFixed32 => S::Int(<i32 as DecodeValue<Fixed>>::decode(r)?.into()),
            ScalarKind::SFixed64 => S::Int(<i64 as DecodeValue<Fixed>>::decode(r)?),
        })
    }

    /// Whether every element of a fixed-width packed run is valid (outside canonical mode).
    #[doc(hidden)]
    pub fn run_is_valid(self, run: &[u8]) -> bool {
        with_type!(self, |T, K| <T as EncodeValue<K>>::run_is_valid(run))
    }
}

/// A scalar kind read by the field loops: reads [`ScalarValue`]s with the kind's own checks.
impl<'de> ReadValue<'de> for ScalarKind {
    type Out = ScalarValue<'de>;
    #[inline]
    fn shape(&self) -> Shape {
        ScalarKind::shape(*self)
    }
    fn empty(&self) -> ScalarValue<'de> {
        self.default_value()
    }
    #[inline]
    fn read(&self, r: &mut Reader<'de>) -> Result<ScalarValue<'de>> {
        ScalarKind::read(*self, r)
    }
    fn is_default(&self, value: &ScalarValue<'de>) -> bool {
        ScalarKind::is_default(*self, *value).unwrap_or(false)
    }
    fn run_is_valid(&self, run: &[u8]) -> bool {
        ScalarKind::run_is_valid(*self, run)
    }
}
