//! `rust_decimal::Decimal` fields (feature `rust_decimal`): the 16 bytes of `Decimal::serialize` as a
//! `[16]uint8` — a little-endian flags word (the scale, 0 to 28, in bits 16-23; the sign in bit 31; every
//! other bit 0), then the 96-bit mantissa, little-endian. Zero, in any scale or sign, is the default and is not
//! written (it reads back as 0); any other value keeps its scale (1.50 and 1.5 are different bytes). Flags with
//! another bit set, or a scale over 28, are `IntegerOutOfRange` (target `rust_decimal::Decimal flags`).

use super::written_as;
use crate::DecodeErrorKind;
use rust_decimal::Decimal;

/// The flag bits a serialized `Decimal` may set: the scale byte and the sign.
const FLAG_BITS: u32 = 0x80FF_0000;

/// The decimal of 16 serialized bytes, or the error of flags that are not a decimal's.
fn from_bytes(bytes: [u8; 16]) -> Result<Decimal, DecodeErrorKind> {
    let flags = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
    let scale = (flags >> 16) & 0xFF;
    if flags & !FLAG_BITS != 0 || scale > Decimal::MAX_SCALE {
        return Err(DecodeErrorKind::IntegerOutOfRange {
            value: flags.into(),
            target: "rust_decimal::Decimal flags",
        });
    }
    Ok(Decimal::deserialize(bytes))
}

written_as!(Decimal as [u8; 16], default Decimal::ZERO, to |d| d.serialize(), from from_bytes);
