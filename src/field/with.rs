//! Custom field types: `#[cram(N, with = "path::to::module")]` encodes a field (or the elements of an
//! `Option` or list field) of a type the user does not own through the module's functions.
//!
//! A custom value is a BYTES value whose contents the module defines. The module provides, for the field's
//! value type `T`:
//!
//! ```text
//! pub fn encoded_len(value: &T) -> usize;              // payload bytes; 0 means the default (not written)
//! pub fn encode(value: &T, out: &mut [u8]);            // fills `out`: `encoded_len(value)` bytes (> 0)
//! pub fn decode(payload: &[u8]) -> Result<T, Invalid>; // the inverse of `encode`
//! pub fn empty() -> T;                                 // an absent field's value; its encoded_len is 0
//! pub type View<'a>;                                   // what a view's accessor returns (may borrow)
//! pub fn view<'a>(payload: &'a [u8]) -> Result<View<'a>, Invalid>; // must accept exactly what decode does
//! pub fn from_view(view: &View<'_>) -> T;
//! pub fn empty_view<'a>() -> View<'a>;
//! ```
//!
//! The runtime writes the tag and length and bounds the payload; a payload `decode` or `view` rejects is
//! [`DecodeErrorKind::InvalidValue`] at the payload's offset, under the field's name. Canonical decoding
//! re-encodes the value and requires the same bytes ([`CanonicalRule::Reencoding`]).
//!
//! ```
//! use cramberry::{Cramberry, Message, MessageView};
//! use std::net::Ipv4Addr;
//!
//! /// An IPv4 address as its 4 bytes; 0.0.0.0 is the default.
//! mod ipv4 {
//!     use cramberry::with::Invalid;
//!     use std::net::Ipv4Addr;
//!     pub type View<'a> = Ipv4Addr;
//!     pub fn encoded_len(ip: &Ipv4Addr) -> usize {
//!         if ip.is_unspecified() { 0 } else { 4 }
//!     }
//!     pub fn encode(ip: &Ipv4Addr, out: &mut [u8]) {
//!         out.copy_from_slice(&ip.octets());
//!     }
//!     pub fn decode(payload: &[u8]) -> Result<Ipv4Addr, Invalid> {
//!         match payload {
//!             [] => Ok(Ipv4Addr::UNSPECIFIED),
//!             &[a, b, c, d] => Ok(Ipv4Addr::new(a, b, c, d)),
//!             _ => Err(Invalid::new("an IPv4 address is 4 bytes")),
//!         }
//!     }
//!     pub fn empty() -> Ipv4Addr {
//!         Ipv4Addr::UNSPECIFIED
//!     }
//!     pub fn view(payload: &[u8]) -> Result<Ipv4Addr, Invalid> {
//!         decode(payload)
//!     }
//!     pub fn from_view(ip: &Ipv4Addr) -> Ipv4Addr {
//!         *ip
//!     }
//!     pub fn empty_view<'a>() -> View<'a> {
//!         empty()
//!     }
//! }
//!
//! #[derive(Cramberry, Debug, PartialEq)]
//! struct Peer {
//!     #[cram(1, with = "ipv4")]
//!     address: Ipv4Addr,
//!     #[cram(2, with = "ipv4")]
//!     fallbacks: Vec<Ipv4Addr>,
//! }
//!
//! let peer = Peer { address: Ipv4Addr::new(10, 0, 0, 1), fallbacks: vec![Ipv4Addr::LOCALHOST] };
//! let bytes = peer.encode_to_vec();
//! assert_eq!(bytes, [0x0a, 0x04, 10, 0, 0, 1, 0x12, 0x04, 127, 0, 0, 1]);
//! assert_eq!(Peer::decode(&bytes)?, peer);
//! assert_eq!(Peer::view(&bytes)?.address(), Ipv4Addr::new(10, 0, 0, 1));
//! # Ok::<(), cramberry::DecodeError>(())
//! ```
//!
//! [`DecodeErrorKind::InvalidValue`]: crate::DecodeErrorKind::InvalidValue
//! [`CanonicalRule::Reencoding`]: crate::CanonicalRule::Reencoding

use super::bytes::read_bytes;
use super::message::recorded_len;
use crate::decode::Reader;
use crate::encode::{LenRecorder, SizeCursor, Writer};
use crate::error::{CanonicalRule, DecodeErrorKind, Result};
use core::fmt;
use smallvec::SmallVec;

/// A custom decoder's refusal of a payload, with the reason (it becomes
/// [`DecodeErrorKind::InvalidValue`](crate::DecodeErrorKind::InvalidValue)). The reason is a static string, so
/// error kinds stay free to copy and drop on the hot paths (an owned one measured 9% more instructions per
/// view in the stream container bench).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Invalid {
    reason: &'static str,
}

impl Invalid {
    /// A refusal saying why.
    pub const fn new(reason: &'static str) -> Self {
        Invalid { reason }
    }

    /// The reason.
    pub const fn reason(&self) -> &'static str {
        self.reason
    }
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.reason)
    }
}

impl core::error::Error for Invalid {}

/// Size of a custom value of `payload` bytes after its tag, recording `payload` for [`write`].
#[doc(hidden)]
#[inline]
pub fn value_len<R: LenRecorder>(rec: &mut R, payload: usize) -> usize {
    recorded_len(rec, |_| payload)
}

/// Writes a custom value whose payload size the measuring pass recorded; `fill` writes the payload.
#[doc(hidden)]
#[inline]
pub fn write(w: &mut Writer<'_>, sizes: &mut SizeCursor<'_>, fill: impl FnOnce(&mut [u8])) {
    let payload = sizes.next_len();
    w.put_varint(payload as u64);
    if payload == 0 {
        return;
    }
    let mut bytes: SmallVec<[u8; 64]> = SmallVec::from_elem(0, payload);
    fill(&mut bytes);
    w.put_slice(&bytes);
}

/// Reads a custom value with `parse`; in canonical mode, `encodes_to` must confirm that the value's encoding
/// is the payload read.
#[doc(hidden)]
#[inline]
pub fn read<'de, T>(
    r: &mut Reader<'de>,
    parse: impl FnOnce(&'de [u8]) -> core::result::Result<T, Invalid>,
    encodes_to: impl FnOnce(&T, &[u8]) -> bool,
) -> Result<T> {
    let payload = read_bytes(r)?;
    let start = r.position() - payload.len();
    let value =
        parse(payload).map_err(|e| r.error(DecodeErrorKind::InvalidValue { reason: e.reason }, start))?;
    if r.canonical() && !encodes_to(&value, payload) {
        return Err(r.non_canonical(CanonicalRule::Reencoding, start));
    }
    Ok(value)
}

/// Whether `fill` writes exactly `payload` when given `len` bytes.
#[doc(hidden)]
pub fn encodes_to(payload: &[u8], len: usize, fill: impl FnOnce(&mut [u8])) -> bool {
    if len != payload.len() {
        return false;
    }
    if len == 0 {
        return true;
    }
    let mut again: SmallVec<[u8; 64]> = SmallVec::from_elem(0, len);
    fill(&mut again);
    again[..] == *payload
}
