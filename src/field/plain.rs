//! Plain fields: written unless they hold the default value; when absent they decode as the default.

use super::element::{read_plain, Decoded};
use super::encoded::{Encoded, WriteValue};
use super::{tag_len, DecodeValue, EncodeValue};
use crate::decode::{Reader, Tag};
use crate::encode::{LenRecorder, SizeCursor, Writer};
use crate::error::Result;

/// Encoded size of plain field `number` holding `value`.
#[inline(always)]
pub fn len<K, V: EncodeValue<K>, R: LenRecorder>(number: u32, value: &V, rec: &mut R) -> usize {
    len_with(&Encoded::<K, V>::NEW, number, value, rec)
}

/// Encoded size of plain field `number` holding `value` of the kind `e` describes.
#[inline(always)]
pub fn len_with<E: WriteValue, R: LenRecorder>(e: &E, number: u32, value: &E::In, rec: &mut R) -> usize {
    match e.plain_len(value, rec) {
        Some(n) => tag_len(number, e.shape().wire_type) + n,
        None => 0,
    }
}

/// Writes plain field `number` holding `value`.
#[inline(always)]
pub fn write<K, V: EncodeValue<K>>(number: u32, value: &V, w: &mut Writer<'_>, sizes: &mut SizeCursor<'_>) {
    write_with(&Encoded::<K, V>::NEW, number, value, w, sizes);
}

/// Writes plain field `number` holding `value` of the kind `e` describes.
#[inline(always)]
pub fn write_with<E: WriteValue>(
    e: &E,
    number: u32,
    value: &E::In,
    w: &mut Writer<'_>,
    sizes: &mut SizeCursor<'_>,
) {
    e.write_plain(value, number, w, sizes);
}

/// Reads a plain field whose tag was just read; the last occurrence wins.
#[inline(always)]
pub fn merge<'de, K, V: DecodeValue<'de, K>>(field: &mut V, tag: &Tag, r: &mut Reader<'de>) -> Result<()> {
    read_plain(&Decoded::<K, V>::NEW, field, tag, r)
}
