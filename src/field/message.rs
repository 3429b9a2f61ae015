//! Nested messages as values: BYTES holding the message's fields. A plain nested message that encodes to
//! nothing (all fields default) is omitted.
//!
//! The derive implements [`EncodeValue`] for every message by calling these functions; `Box<T>` forwards to `T`.

use super::{DecodeValue, EncodeValue};
use crate::decode::Reader;
use crate::encode::{LenRecorder, SizeCursor, Writer};
use crate::error::Result;
use crate::message::{DecodeMessage, Message};
use crate::prelude::*;
use crate::wire::{varint_len, WireType};

/// Measures `m` as a nested value (length prefix and fields), recording its length.
#[inline(always)]
pub fn len<M: Message, R: LenRecorder>(m: &M, rec: &mut R) -> usize {
    let slot = rec.reserve();
    let body = m.measure_fields(rec);
    if body == 0 {
        rec.fill_empty(slot);
    } else {
        rec.fill(slot, body);
    }
    varint_len(body as u64) + body
}

/// Writes `m` as a nested value, with the length recorded by [`len`].
#[inline(always)]
pub fn encode<M: Message>(m: &M, w: &mut Writer<'_>, sizes: &mut SizeCursor<'_>) {
    let body = sizes.next_len();
    w.put_varint(body as u64);
    if body != 0 {
        m.write_fields(w, sizes);
    }
}

/// Measures `m` as a plain field: `None` when it encodes to nothing.
#[inline(always)]
pub fn plain_len<M: Message, R: LenRecorder>(m: &M, rec: &mut R) -> Option<usize> {
    let n = len(m, rec);
    if n == 1 {
        None
    } else {
        Some(n)
    }
}

/// Writes `m` as plain field `number`, unless it encodes to nothing.
#[inline(always)]
pub fn encode_plain<M: Message>(m: &M, number: u32, w: &mut Writer<'_>, sizes: &mut SizeCursor<'_>) {
    let body = sizes.next_len();
    if body != 0 {
        w.put_tag(number, WireType::Bytes);
        w.put_varint(body as u64);
        m.write_fields(w, sizes);
    }
}

/// Reads a nested message: length prefix, then its fields, one level deeper.
#[inline(always)]
pub fn decode<'de, M: DecodeMessage<'de>>(r: &mut Reader<'de>) -> Result<M> {
    read_nested(r, |r| {
        let mut m = M::empty();
        m.merge_fields(r)?;
        Ok(m)
    })
}

/// Reads a nested message's length prefix and runs `fields` on its bytes, one level deeper (the depth limit
/// applies); what every front end's nested-message read is.
#[inline(always)]
pub fn read_nested<'de, T>(
    r: &mut Reader<'de>,
    fields: impl FnOnce(&mut Reader<'de>) -> Result<T>,
) -> Result<T> {
    let len = r.read_len()?;
    r.nested(len, fields)
}

/// Measures a length-delimited value whose body `body` measures (nested lengths recorded after the value's own
/// slot), recording the body's length for the writing pass; an empty body also drops its contents' slots.
#[inline(always)]
pub(crate) fn recorded_len<R: LenRecorder>(rec: &mut R, body: impl FnOnce(&mut R) -> usize) -> usize {
    let slot = rec.reserve();
    let body = body(rec);
    if body == 0 {
        rec.fill_empty(slot);
    } else {
        rec.fill(slot, body);
    }
    varint_len(body as u64) + body
}

impl<K, T: EncodeValue<K>> EncodeValue<K> for Box<T> {
    const WIRE_TYPE: WireType = T::WIRE_TYPE;
    const REPEAT: super::Repeat = T::REPEAT;
    const PACKED_WIDTH: usize = T::PACKED_WIDTH;
    const RECORDS_LEN: bool = T::RECORDS_LEN;
    #[inline(always)]
    fn is_default(&self) -> bool {
        (**self).is_default()
    }
    #[inline(always)]
    fn value_len<R: LenRecorder>(&self, rec: &mut R) -> usize {
        (**self).value_len(rec)
    }
    #[inline(always)]
    fn encode(&self, w: &mut Writer<'_>, sizes: &mut SizeCursor<'_>) {
        (**self).encode(w, sizes)
    }
    #[inline(always)]
    fn plain_len<R: LenRecorder>(&self, rec: &mut R) -> Option<usize> {
        (**self).plain_len(rec)
    }
    #[inline(always)]
    fn encode_plain(&self, number: u32, w: &mut Writer<'_>, sizes: &mut SizeCursor<'_>) {
        (**self).encode_plain(number, w, sizes)
    }
    #[inline(always)]
    fn packed_len(&self) -> usize {
        (**self).packed_len()
    }
    #[inline(always)]
    fn encode_packed(&self, w: &mut Writer<'_>) {
        (**self).encode_packed(w)
    }
}

impl<'de, K, T: DecodeValue<'de, K>> DecodeValue<'de, K> for Box<T> {
    #[inline(always)]
    fn empty() -> Self {
        Box::new(T::empty())
    }
    #[inline(always)]
    fn decode(r: &mut Reader<'de>) -> Result<Self> {
        T::decode(r).map(Box::new)
    }
    #[inline(always)]
    fn decode_packed(r: &mut Reader<'de>) -> Result<Self> {
        T::decode_packed(r).map(Box::new)
    }
}
