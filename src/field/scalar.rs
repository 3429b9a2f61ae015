//! Scalars in their natural encoding: bool, unsigned (VARINT), signed (SVARINT, ZigZag), floats, enums.

use super::{DecodeValue, EncodeValue};
use crate::decode::Reader;
use crate::encode::{LenRecorder, SizeCursor, Writer};
use crate::error::{CanonicalRule, DecodeErrorKind, Result};
use crate::prelude::*;
use crate::wire::{
    canonical_f32_bits, canonical_f64_bits, varint_len, zigzag_decode, zigzag_encode, WireType,
};

impl EncodeValue for bool {
    const WIRE_TYPE: WireType = WireType::Varint;
    const PACKED_WIDTH: usize = 1;
    #[inline(always)]
    fn is_default(&self) -> bool {
        !*self
    }
    #[inline(always)]
    fn value_len<R: LenRecorder>(&self, _: &mut R) -> usize {
        1
    }
    #[inline(always)]
    fn encode(&self, w: &mut Writer<'_>, _: &mut SizeCursor<'_>) {
        w.put_u8(u8::from(*self));
    }
    /// A packed run of bools is valid when every byte is 0 or 1 (one pass, no per-element decoding).
    #[inline(always)]
    fn run_is_valid(run: &[u8]) -> bool {
        run.iter().all(|&b| b <= 1)
    }
}

impl<'de> DecodeValue<'de> for bool {
    #[inline(always)]
    fn empty() -> Self {
        false
    }
    #[inline(always)]
    fn decode_run(run: &'de [u8], out: &mut Vec<Self>) -> bool {
        out.extend(run.iter().map(|&b| b != 0));
        true
    }
    #[inline(always)]
    fn decode(r: &mut Reader<'de>) -> Result<Self> {
        let at = r.position();
        match r.read_varint()? {
            0 => Ok(false),
            1 => Ok(true),
            other => Err(r.error(DecodeErrorKind::InvalidBool(other), at)),
        }
    }
}

macro_rules! unsigned {
    ($($ty:ty),*) => {$(
        impl EncodeValue for $ty {
            const WIRE_TYPE: WireType = WireType::Varint;
            const PACKED_VARINT_MAX: Option<u64> = Some(<$ty>::MAX as u64);
            #[inline(always)]
            fn is_default(&self) -> bool {
                *self == 0
            }
            #[inline(always)]
            fn value_len<R: LenRecorder>(&self, _: &mut R) -> usize {
                varint_len(*self as u64)
            }
            #[inline(always)]
            fn encode(&self, w: &mut Writer<'_>, _: &mut SizeCursor<'_>) {
                w.put_varint(*self as u64);
            }
        }

        impl<'de> DecodeValue<'de> for $ty {
            #[inline(always)]
            fn empty() -> Self {
                0
            }
            #[inline(always)]
            fn from_packed_varint(raw: u64) -> Option<Self> {
                Some(raw as $ty)
            }
            #[inline(always)]
            fn decode(r: &mut Reader<'de>) -> Result<Self> {
                let at = r.position();
                let value = r.read_varint()?;
                <$ty>::try_from(value).map_err(|_| {
                    r.error(DecodeErrorKind::IntegerOutOfRange { value: value.into(), target: stringify!($ty) }, at)
                })
            }
        }
    )*};
}
// `usize` is `uint64` on the wire (the casts widen: no platform has a `usize` over 64 bits); a value over a
// 32-bit platform's `usize::MAX` is `IntegerOutOfRange` there.
unsigned!(u8, u16, u32, u64, usize);

macro_rules! signed {
    ($($ty:ty),*) => {$(
        impl EncodeValue for $ty {
            const WIRE_TYPE: WireType = WireType::Svarint;
            const PACKED_VARINT_MAX: Option<u64> = Some(<$ty>::MAX as u64 * 2 + 1);
            #[inline(always)]
            fn is_default(&self) -> bool {
                *self == 0
            }
            #[inline(always)]
            fn value_len<R: LenRecorder>(&self, _: &mut R) -> usize {
                varint_len(zigzag_encode(*self as i64))
            }
            #[inline(always)]
            fn encode(&self, w: &mut Writer<'_>, _: &mut SizeCursor<'_>) {
                w.put_varint(zigzag_encode(*self as i64));
            }
        }

        impl<'de> DecodeValue<'de> for $ty {
            #[inline(always)]
            fn empty() -> Self {
                0
            }
            #[inline(always)]
            fn from_packed_varint(raw: u64) -> Option<Self> {
                Some(zigzag_decode(raw) as $ty)
            }
            #[inline(always)]
            fn decode(r: &mut Reader<'de>) -> Result<Self> {
                let at = r.position();
                let value = zigzag_decode(r.read_varint()?);
                <$ty>::try_from(value).map_err(|_| {
                    r.error(DecodeErrorKind::IntegerOutOfRange { value: value.into(), target: stringify!($ty) }, at)
                })
            }
        }
    )*};
}
// `isize` is `int64` on the wire, like `usize` is `uint64`.
signed!(i8, i16, i32, i64, isize);

/// `char` is its Unicode scalar value as a `uint32` varint. A value that is no scalar value (a surrogate,
/// or above U+10FFFF) is `IntegerOutOfRange` with target `char`.
impl EncodeValue for char {
    // No `PACKED_VARINT_MAX`: the surrogates lie inside the range, so packed elements are checked one by one.
    const WIRE_TYPE: WireType = WireType::Varint;
    #[inline(always)]
    fn is_default(&self) -> bool {
        *self == '\0'
    }
    #[inline(always)]
    fn value_len<R: LenRecorder>(&self, _: &mut R) -> usize {
        varint_len(u64::from(u32::from(*self)))
    }
    #[inline(always)]
    fn encode(&self, w: &mut Writer<'_>, _: &mut SizeCursor<'_>) {
        w.put_varint(u64::from(u32::from(*self)));
    }
}

impl<'de> DecodeValue<'de> for char {
    #[inline(always)]
    fn empty() -> Self {
        '\0'
    }
    #[inline(always)]
    fn decode(r: &mut Reader<'de>) -> Result<Self> {
        let at = r.position();
        let value = r.read_varint()?;
        u32::try_from(value).ok().and_then(char::from_u32).ok_or_else(|| {
            r.error(DecodeErrorKind::IntegerOutOfRange { value: value.into(), target: "char" }, at)
        })
    }
}

macro_rules! float {
    ($ty:ty, $wire:ident, $width:literal, $canonical:ident, $put:ident, $read:ident) => {
        impl EncodeValue for $ty {
            const WIRE_TYPE: WireType = WireType::$wire;
            const PACKED_WIDTH: usize = $width;
            const PACKED_UNCHECKED: bool = true;
            #[inline(always)]
            fn is_default(&self) -> bool {
                // +0.0 and -0.0 (written as +0.0) are the default; NaN is not.
                *self == 0.0
            }
            #[inline(always)]
            fn value_len<R: LenRecorder>(&self, _: &mut R) -> usize {
                $width
            }
            #[inline(always)]
            fn encode(&self, w: &mut Writer<'_>, _: &mut SizeCursor<'_>) {
                w.$put($canonical(*self));
            }
        }

        impl<'de> DecodeValue<'de> for $ty {
            #[inline(always)]
            fn empty() -> Self {
                0.0
            }
            #[inline(always)]
            fn decode(r: &mut Reader<'de>) -> Result<Self> {
                let at = r.position();
                let bits = r.$read()?;
                let value = <$ty>::from_bits(bits);
                if r.canonical() && $canonical(value) != bits {
                    return Err(r.non_canonical(CanonicalRule::NonCanonicalFloat, at));
                }
                Ok(value)
            }
        }
    };
}
float!(f32, Fixed32, 4, canonical_f32_bits, put_fixed32, read_fixed32);
float!(f64, Fixed64, 8, canonical_f64_bits, put_fixed64, read_fixed64);

/// A fieldless enum with explicit numbers: what `#[derive(Cramberry)]` implements for one.
///
/// Its values are written as VARINT numbers; number 0 is the default.
pub trait Enumeration: Sized {
    /// The enum's name, for errors.
    const NAME: &'static str;
    /// The variant's number on the wire.
    fn number(&self) -> u32;
    /// The variant with `number`: `None` for an unknown number unless the enum has a catch-all variant.
    fn from_number(number: u32) -> Option<Self>;
    /// The default variant (number 0, or the catch-all holding 0).
    fn default_variant() -> Self;
}

/// The `EncodeValue` part of an [`Enumeration`], shared by every derived enum.
#[doc(hidden)]
pub mod enumeration {
    use super::*;

    /// Whether an enum number is the default (number 0: a plain field holding it is not written).
    #[inline(always)]
    pub const fn is_default_number(number: u32) -> bool {
        number == 0
    }

    /// Encoded size of enum value `e`.
    #[inline(always)]
    pub fn len<E: Enumeration>(e: &E) -> usize {
        varint_len(u64::from(e.number()))
    }

    /// Writes enum value `e`.
    #[inline(always)]
    pub fn encode<E: Enumeration>(e: &E, w: &mut Writer<'_>) {
        w.put_varint(u64::from(e.number()));
    }

    /// Reads an enum value, rejecting unknown numbers (unless the enum has a catch-all).
    #[inline(always)]
    pub fn decode<E: Enumeration>(r: &mut Reader<'_>) -> Result<E> {
        read_number(r, E::from_number)
    }

    /// Reads an enum number and maps it with `from_number`; `None` (a number the enum does not accept) is an
    /// `UnknownEnumValue` error at the value.
    #[inline(always)]
    pub fn read_number<T>(r: &mut Reader<'_>, from_number: impl FnOnce(u32) -> Option<T>) -> Result<T> {
        let at = r.position();
        let value = r.read_varint()?;
        u32::try_from(value)
            .ok()
            .and_then(from_number)
            .ok_or_else(|| r.error(DecodeErrorKind::UnknownEnumValue(value), at))
    }

    /// Re-reads an enum value that [`decode`] already accepted.
    #[inline(always)]
    pub fn revisit<E: Enumeration>(c: &mut crate::decode::Cursor<'_>) -> E {
        u32::try_from(c.varint()).ok().and_then(E::from_number).unwrap_or_else(E::default_variant)
    }
}
