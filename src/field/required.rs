//! Required fields: always written, even when default; a decoder reports a missing one.

use super::element::{read_one, Decoded};
use super::encoded::Encoded;
use super::optional::{present_len, write_present};
use super::{DecodeValue, EncodeValue};
use crate::decode::{Reader, Tag};
use crate::encode::{LenRecorder, SizeCursor, Writer};
use crate::error::{DecodeError, DecodeErrorKind, Result};

/// Encoded size of required field `number`.
#[inline(always)]
pub fn len<K, V: EncodeValue<K>, R: LenRecorder>(number: u32, value: &V, rec: &mut R) -> usize {
    present_len(&Encoded::<K, V>::NEW, number, value, rec)
}

/// Writes required field `number`.
#[inline(always)]
pub fn write<K, V: EncodeValue<K>>(number: u32, value: &V, w: &mut Writer<'_>, sizes: &mut SizeCursor<'_>) {
    write_present(&Encoded::<K, V>::NEW, number, value, w, sizes);
}

/// Reads a required field whose tag was just read.
#[inline(always)]
pub fn merge<'de, K, V: DecodeValue<'de, K>>(field: &mut V, tag: &Tag, r: &mut Reader<'de>) -> Result<()> {
    *field = read_one(&Decoded::<K, V>::NEW, tag, r)?;
    Ok(())
}

/// The error for a required field that never arrived, at the end of its message.
#[cold]
pub fn missing(
    r: &Reader<'_>,
    message: impl Into<alloc::borrow::Cow<'static, str>>,
    field: impl Into<alloc::borrow::Cow<'static, str>>,
) -> DecodeError {
    DecodeError::new(DecodeErrorKind::MissingRequiredField, r.position()).in_named_field(message, field)
}
