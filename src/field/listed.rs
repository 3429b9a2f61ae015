//! Lists as values (`Option<Vec<T>>`, `Vec<Vec<T>>`): a list written where one value goes is a nested message
//! whose field 1 is the list, laid out as any repeated field (packed for scalars). An empty list is a
//! present, empty message, so `Some(vec![])` and `None` stay apart, and so do `[[]]` and `[]`.
//!
//! The encoding is selected by the kind marker [`Listed<K>`], `K` being the elements' own kind; the derive
//! picks it for a list inside an `Option` or a list. (`Vec<u8>` keeps its natural encoding: bytes.)

use super::message::{read_nested, recorded_len};
use super::{repeated, DecodeValue, EncodeValue};
use crate::decode::Reader;
use crate::encode::{LenRecorder, SizeCursor, Writer};
use crate::error::Result;
use crate::prelude::*;
use crate::wire::WireType;
use core::marker::PhantomData;

/// Marker: a list written as one value (a nested message whose field 1 holds it), elements in kind `K`.
#[derive(Debug)]
pub struct Listed<K>(PhantomData<K>);

/// The field number of the list inside its nested message.
pub(crate) const LIST_FIELD: u32 = 1;

impl<K, T: EncodeValue<K>> EncodeValue<Listed<K>> for Vec<T> {
    const WIRE_TYPE: WireType = WireType::Bytes;
    const RECORDS_LEN: bool = true;
    #[inline]
    fn is_default(&self) -> bool {
        self.is_empty()
    }
    #[inline]
    fn value_len<R: LenRecorder>(&self, rec: &mut R) -> usize {
        recorded_len(rec, |rec| repeated::len::<K, T, R>(LIST_FIELD, self, rec))
    }
    #[inline]
    fn encode(&self, w: &mut Writer<'_>, sizes: &mut SizeCursor<'_>) {
        let body = sizes.next_len();
        w.put_varint(body as u64);
        repeated::write::<K, T>(LIST_FIELD, self, w, sizes);
    }
}

impl<'de, K, T: DecodeValue<'de, K>> DecodeValue<'de, Listed<K>> for Vec<T> {
    #[inline]
    fn empty() -> Self {
        Vec::new()
    }
    fn decode(r: &mut Reader<'de>) -> Result<Self> {
        read_nested(r, |r| {
            let (mut list, mut last) = (Vec::new(), 0);
            while let Some(tag) = r.next_field(&mut last)? {
                if tag.number == LIST_FIELD {
                    repeated::merge::<K, T>(&mut list, &tag, r)?;
                } else {
                    r.skip_unknown(&tag)?;
                }
            }
            Ok(list)
        })
    }
}
