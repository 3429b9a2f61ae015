//! Length-delimited text and bytes: `String`, `&str`, `Cow<str>`, `Box<str>`, `Arc<str>`, `Rc<str>`, `Vec<u8>`,
//! `&[u8]`, `Cow<[u8]>`, `Box<[u8]>`, `Arc<[u8]>`, `Rc<[u8]>`, `SmallVec<[u8; N]>`, `[u8; N]`, and `bytes::Bytes` with feature `bytes`.
//!
//! Borrowed forms decode without copying: they point into the input.

use super::{DecodeValue, EncodeValue};
use crate::decode::Reader;
use crate::encode::{LenRecorder, SizeCursor, Writer};
use crate::error::{DecodeErrorKind, Limit, Result};
use crate::prelude::*;
use crate::wire::{varint_len, WireType};
use alloc::borrow::Cow;
use alloc::rc::Rc;
use alloc::sync::Arc;

#[inline(always)]
fn delimited_len(len: usize) -> usize {
    varint_len(len as u64) + len
}

#[inline(always)]
fn put_delimited(w: &mut Writer<'_>, bytes: &[u8]) {
    w.put_varint(bytes.len() as u64);
    w.put_slice(bytes);
}

/// Reads a string, validating UTF-8; the error names the first bad byte.
#[inline(always)]
pub(crate) fn read_str<'de>(r: &mut Reader<'de>) -> Result<&'de str> {
    let bytes = r.read_len_delimited(Limit::StringLen)?;
    match crate::utf8::to_str(bytes) {
        Some(s) => Ok(s),
        None => Err(utf8_error(r.offset_of(bytes), bytes)),
    }
}

/// Reads a bytes value, borrowed from the input.
#[inline(always)]
pub(crate) fn read_bytes<'de>(r: &mut Reader<'de>) -> Result<&'de [u8]> {
    r.read_len_delimited(Limit::BytesLen)
}

/// The error of `bytes` (at offset `start` of the input), which are not UTF-8: at the first bad byte. Takes the
/// offset rather than the reader, so the reader's address does not escape into it.
#[cold]
fn utf8_error(start: usize, bytes: &[u8]) -> crate::DecodeError {
    let valid = core::str::from_utf8(bytes).map_or_else(|e| e.valid_up_to(), |_| 0);
    crate::DecodeError::new(DecodeErrorKind::InvalidUtf8, start + valid)
}

/// Implements `EncodeValue` for a type that derefs to `str` or `[u8]`.
macro_rules! delimited_value {
    ($([$($gen:tt)*] $ty:ty, $as_bytes:expr;)*) => {$(
        impl<$($gen)*> EncodeValue for $ty {
            const WIRE_TYPE: WireType = WireType::Bytes;
            #[inline(always)]
            fn is_default(&self) -> bool {
                self.is_empty()
            }
            #[inline(always)]
            fn value_len<R: LenRecorder>(&self, _: &mut R) -> usize {
                delimited_len(self.len())
            }
            #[inline(always)]
            fn encode(&self, w: &mut Writer<'_>, _: &mut SizeCursor<'_>) {
                let as_bytes: fn(&Self) -> &[u8] = $as_bytes;
                put_delimited(w, as_bytes(self));
            }
        }
    )*};
}
delimited_value! {
    [] String, |s| s.as_bytes();
    ['a] &'a str, |s| s.as_bytes();
    ['a] Cow<'a, str>, |s| s.as_bytes();
    [] Vec<u8>, |b| b;
    ['a] &'a [u8], |b| b;
    ['a] Cow<'a, [u8]>, |b| b;
    [] Box<str>, |s| s.as_bytes();
    [] Arc<str>, |s| s.as_bytes();
    [] Rc<str>, |s| s.as_bytes();
    [] Box<[u8]>, |b| b;
    [] Arc<[u8]>, |b| b;
    [] Rc<[u8]>, |b| b;
    [const N: usize] smallvec::SmallVec<[u8; N]>, |b| b;
}

/// Implements `DecodeValue` for an owned type built from a borrowed string or bytes value (one copy).
macro_rules! delimited_from {
    ($($ty:ty, $read:path;)*) => {$(
        impl<'de> DecodeValue<'de> for $ty {
            #[inline(always)]
            fn empty() -> Self {
                <$ty>::default()
            }
            #[inline(always)]
            fn decode(r: &mut Reader<'de>) -> Result<Self> {
                $read(r).map(<$ty>::from)
            }
        }
    )*};
}
delimited_from! {
    Box<str>, read_str;
    Arc<str>, read_str;
    Rc<str>, read_str;
    Box<[u8]>, read_bytes;
    Arc<[u8]>, read_bytes;
    Rc<[u8]>, read_bytes;
}

/// `SmallVec<[u8; N]>` is bytes, like `Vec<u8>`: inline up to `N` bytes.
impl<'de, const N: usize> DecodeValue<'de> for smallvec::SmallVec<[u8; N]> {
    #[inline(always)]
    fn empty() -> Self {
        smallvec::SmallVec::new()
    }
    #[inline(always)]
    fn decode(r: &mut Reader<'de>) -> Result<Self> {
        read_bytes(r).map(smallvec::SmallVec::from_slice)
    }
}
#[cfg(feature = "bytes")]
delimited_value! {
    [] bytes::Bytes, |b| b;
}

/// `bytes::Bytes` (feature `bytes`) decodes by slicing the input when the input is itself a `Bytes`
/// (`T::decode_shared`), by copying otherwise.
#[cfg(feature = "bytes")]
impl<'de> DecodeValue<'de> for bytes::Bytes {
    #[inline(always)]
    fn empty() -> Self {
        bytes::Bytes::new()
    }
    #[inline(always)]
    fn decode(r: &mut Reader<'de>) -> Result<Self> {
        let payload = read_bytes(r)?;
        Ok(match r.source() {
            // `payload` lies inside `source`: every reader over a shared input reads slices of it.
            Some(source) => source.slice_ref(payload),
            None => bytes::Bytes::copy_from_slice(payload),
        })
    }
}

impl<'de> DecodeValue<'de> for String {
    #[inline(always)]
    fn empty() -> Self {
        String::new()
    }
    #[inline(always)]
    fn decode(r: &mut Reader<'de>) -> Result<Self> {
        read_str(r).map(String::from)
    }
}

impl<'de: 'a, 'a> DecodeValue<'de> for &'a str {
    #[inline(always)]
    fn empty() -> Self {
        ""
    }
    #[inline(always)]
    fn decode(r: &mut Reader<'de>) -> Result<Self> {
        read_str(r)
    }
}

impl<'de: 'a, 'a> DecodeValue<'de> for Cow<'a, str> {
    #[inline(always)]
    fn empty() -> Self {
        Cow::Borrowed("")
    }
    #[inline(always)]
    fn decode(r: &mut Reader<'de>) -> Result<Self> {
        read_str(r).map(Cow::Borrowed)
    }
}

impl<'de> DecodeValue<'de> for Vec<u8> {
    #[inline(always)]
    fn empty() -> Self {
        Vec::new()
    }
    #[inline(always)]
    fn decode(r: &mut Reader<'de>) -> Result<Self> {
        r.read_len_delimited(Limit::BytesLen).map(<[u8]>::to_vec)
    }
}

impl<'de: 'a, 'a> DecodeValue<'de> for &'a [u8] {
    #[inline(always)]
    fn empty() -> Self {
        &[]
    }
    #[inline(always)]
    fn decode(r: &mut Reader<'de>) -> Result<Self> {
        r.read_len_delimited(Limit::BytesLen)
    }
}

impl<'de: 'a, 'a> DecodeValue<'de> for Cow<'a, [u8]> {
    #[inline(always)]
    fn empty() -> Self {
        Cow::Borrowed(&[])
    }
    #[inline(always)]
    fn decode(r: &mut Reader<'de>) -> Result<Self> {
        r.read_len_delimited(Limit::BytesLen).map(Cow::Borrowed)
    }
}

/// Fixed-length bytes (hashes, keys, ids): BYTES of exactly `N` bytes; all zeros is the default.
impl<const N: usize> EncodeValue for [u8; N] {
    const WIRE_TYPE: WireType = WireType::Bytes;
    #[inline(always)]
    fn is_default(&self) -> bool {
        self.iter().all(|&b| b == 0)
    }
    #[inline(always)]
    fn value_len<R: LenRecorder>(&self, _: &mut R) -> usize {
        delimited_len(N)
    }
    #[inline(always)]
    fn encode(&self, w: &mut Writer<'_>, _: &mut SizeCursor<'_>) {
        put_delimited(w, self);
    }
}

impl<'de, const N: usize> DecodeValue<'de> for [u8; N] {
    #[inline(always)]
    fn empty() -> Self {
        [0; N]
    }
    #[inline(always)]
    fn decode(r: &mut Reader<'de>) -> Result<Self> {
        let at = r.position();
        let bytes = r.read_len_delimited(Limit::BytesLen)?;
        bytes.try_into().map_err(|_| {
            r.error(DecodeErrorKind::FixedLengthMismatch { expected: N, found: bytes.len() }, at)
        })
    }
}

/// `u128` and `i128` are their 16 little-endian bytes (two's complement for `i128`): the wire form of
/// `[16]uint8`, so another length is `FixedLengthMismatch`. Zero is the default, not written.
macro_rules! wide_integers {
    ($($ty:ty),*) => {$(
        impl EncodeValue for $ty {
            const WIRE_TYPE: WireType = WireType::Bytes;
            #[inline(always)]
            fn is_default(&self) -> bool {
                *self == 0
            }
            #[inline(always)]
            fn value_len<R: LenRecorder>(&self, _: &mut R) -> usize {
                delimited_len(16)
            }
            #[inline(always)]
            fn encode(&self, w: &mut Writer<'_>, _: &mut SizeCursor<'_>) {
                put_delimited(w, &self.to_le_bytes());
            }
        }

        impl<'de> DecodeValue<'de> for $ty {
            #[inline(always)]
            fn empty() -> Self {
                0
            }
            #[inline(always)]
            fn decode(r: &mut Reader<'de>) -> Result<Self> {
                <[u8; 16] as DecodeValue<'de>>::decode(r).map(<$ty>::from_le_bytes)
            }
        }
    )*};
}
wide_integers!(u128, i128);
