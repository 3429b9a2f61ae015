//! Wire primitives: varints, ZigZag, tags, fixed-width numbers and canonical floats.
//!
//! This layer knows bytes, not messages. Everything above it (encoders, readers, the derive) is built from
//! these functions, and every one of them matches `docs/wire-format.md` exactly.

mod float;
mod tag;
mod varint;
mod zigzag;

pub use float::{canonical_f32_bits, canonical_f64_bits, is_canonical_f32_bits, is_canonical_f64_bits};
pub(crate) use tag::after_shortest_tag;
pub use tag::{make_tag, put_tag, split_tag, WireType, MAX_FIELD_NUMBER};
pub(crate) use varint::varint_in_word;
pub use varint::{decode_varint, encode_varint, put_varint, varint_len, VarintError, MAX_VARINT_LEN};
pub use zigzag::{zigzag_decode, zigzag_encode};
