//! Fixed-width integers, selected with `#[cram(N, fixed)]`: fixed32, fixed64, sfixed32, sfixed64.

use super::{DecodeValue, EncodeValue, Fixed};
use crate::decode::Reader;
use crate::encode::{LenRecorder, SizeCursor, Writer};
use crate::error::Result;
use crate::wire::WireType;

macro_rules! fixed {
    ($ty:ty, $wire:ident, $width:literal, $bits:ty, $put:ident, $read:ident) => {
        impl EncodeValue<Fixed> for $ty {
            const WIRE_TYPE: WireType = WireType::$wire;
            const PACKED_WIDTH: usize = $width;
            const PACKED_UNCHECKED: bool = true;
            #[inline(always)]
            fn is_default(&self) -> bool {
                *self == 0
            }
            #[inline(always)]
            fn value_len<R: LenRecorder>(&self, _: &mut R) -> usize {
                $width
            }
            #[inline(always)]
            fn encode(&self, w: &mut Writer<'_>, _: &mut SizeCursor<'_>) {
                w.$put(*self as $bits);
            }
        }

        impl<'de> DecodeValue<'de, Fixed> for $ty {
            #[inline(always)]
            fn empty() -> Self {
                0
            }
            #[inline(always)]
            fn decode(r: &mut Reader<'de>) -> Result<Self> {
                // Two's complement reinterpretation for the signed types, by definition of sfixed.
                r.$read().map(|bits| bits as $ty)
            }
        }
    };
}
fixed!(u32, Fixed32, 4, u32, put_fixed32, read_fixed32);
fixed!(i32, Fixed32, 4, u32, put_fixed32, read_fixed32);
fixed!(u64, Fixed64, 8, u64, put_fixed64, read_fixed64);
fixed!(i64, Fixed64, 8, u64, put_fixed64, read_fixed64);
