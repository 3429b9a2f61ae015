//! Optional fields (`Option<T>`): written whenever `Some`, even `Some(default)`; `None` writes nothing.

use super::element::{read_one, Decoded};
use super::encoded::{Encoded, WriteValue};
use super::{tag_len, DecodeValue, EncodeValue};
use crate::decode::{Reader, Tag};
use crate::encode::{LenRecorder, SizeCursor, Writer};
use crate::error::Result;

/// Encoded size of optional field `number`.
#[inline(always)]
pub fn len<K, V: EncodeValue<K>, R: LenRecorder>(number: u32, value: &Option<V>, rec: &mut R) -> usize {
    value.as_ref().map_or(0, |v| present_len(&Encoded::<K, V>::NEW, number, v, rec))
}

/// Encoded size of a field written whenever present (an optional field's `Some`, a required field):
/// tag and value, even a default one.
#[inline(always)]
pub fn present_len<E: WriteValue, R: LenRecorder>(e: &E, number: u32, value: &E::In, rec: &mut R) -> usize {
    tag_len(number, e.shape().wire_type) + e.value_len(value, rec)
}

/// Writes optional field `number`.
#[inline(always)]
pub fn write<K, V: EncodeValue<K>>(
    number: u32,
    value: &Option<V>,
    w: &mut Writer<'_>,
    sizes: &mut SizeCursor<'_>,
) {
    if let Some(v) = value {
        write_present(&Encoded::<K, V>::NEW, number, v, w, sizes);
    }
}

/// Writes a field written whenever present (see [`present_len`]).
#[inline(always)]
pub fn write_present<E: WriteValue>(
    e: &E,
    number: u32,
    value: &E::In,
    w: &mut Writer<'_>,
    sizes: &mut SizeCursor<'_>,
) {
    w.put_tag(number, e.shape().wire_type);
    e.write(value, w, sizes);
}

/// Reads an optional field whose tag was just read.
#[inline(always)]
pub fn merge<'de, K, V: DecodeValue<'de, K>>(
    field: &mut Option<V>,
    tag: &Tag,
    r: &mut Reader<'de>,
) -> Result<()> {
    *field = Some(read_one(&Decoded::<K, V>::NEW, tag, r)?);
    Ok(())
}
