//! Optional fields (`Option<T>`): written whenever `Some`, even `Some(default)`; `None` writes nothing.

use super::element::{read_one, Decoded};
use super::{tag_len, DecodeValue, Value};
use crate::decode::{Reader, Tag};
use crate::encode::{LenRecorder, SizeCursor, Writer};
use crate::error::Result;

/// Encoded size of optional field `number`.
#[inline(always)]
pub fn len<K, V: Value<K>, R: LenRecorder>(number: u32, value: &Option<V>, rec: &mut R) -> usize {
    match value {
        Some(v) => tag_len(number, V::WIRE_TYPE) + v.value_len(rec),
        None => 0,
    }
}

/// Writes optional field `number`.
#[inline(always)]
pub fn write<K, V: Value<K>>(number: u32, value: &Option<V>, w: &mut Writer<'_>, sizes: &mut SizeCursor<'_>) {
    if let Some(v) = value {
        w.put_tag(number, V::WIRE_TYPE);
        v.encode(w, sizes);
    }
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
