//! Wire primitives: varints, ZigZag, tags, fixed-width numbers and canonical floats.
//!
//! This layer knows bytes, not messages. Everything above it (encoders, readers, the derive) is built from
//! these functions, and every one of them matches `docs/wire-format.md` exactly. It is public for tools that
//! frame or inspect Cramberry bytes themselves (length prefixes, stream frames, hex dumps), as prost exposes
//! `prost::encoding`.
//!
//! ```
//! use cramberry::wire::{decode_varint, encode_varint, make_tag, split_tag, zigzag_encode, WireType};
//!
//! let mut buf = [0u8; 10];
//! let n = encode_varint(300, &mut buf);
//! assert_eq!(&buf[..n], &[0xac, 0x02]);
//! assert_eq!(decode_varint(&buf[..n]), Ok((300, 2)));
//!
//! let tag = make_tag(2, WireType::Bytes);
//! assert_eq!(tag, 0x12);
//! assert_eq!(split_tag(tag), (2, WireType::Bytes as u8));
//! assert_eq!(zigzag_encode(-1), 1);
//! ```

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
