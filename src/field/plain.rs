//! Plain fields: written unless they hold the default value; when absent they decode as the default.

use super::element::{read_plain, Decoded};
use super::{tag_len, DecodeValue, Value};
use crate::decode::{Reader, Tag};
use crate::encode::{LenRecorder, SizeCursor, Writer};
use crate::error::Result;

/// Encoded size of plain field `number` holding `value`.
#[inline(always)]
pub fn len<K, V: Value<K>, R: LenRecorder>(number: u32, value: &V, rec: &mut R) -> usize {
    match value.plain_len(rec) {
        Some(n) => tag_len(number, V::WIRE_TYPE) + n,
        None => 0,
    }
}

/// Writes plain field `number` holding `value`.
#[inline(always)]
pub fn write<K, V: Value<K>>(number: u32, value: &V, w: &mut Writer<'_>, sizes: &mut SizeCursor<'_>) {
    value.encode_plain(number, w, sizes);
}

/// Reads a plain field whose tag was just read; the last occurrence wins.
#[inline(always)]
pub fn merge<'de, K, V: DecodeValue<'de, K>>(field: &mut V, tag: &Tag, r: &mut Reader<'de>) -> Result<()> {
    read_plain(&Decoded::<K, V>::NEW, field, tag, r)
}
