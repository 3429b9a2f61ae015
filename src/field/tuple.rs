//! Tuples `(A, B)` … `(A, B, C, D)`: a nested message whose fields 1, 2, … are the elements, each a plain
//! field (written unless it holds its default). The elements are plain values (scalars, strings, bytes,
//! messages, enums, tuples; not lists, maps or `Option`s). Views give a tuple of the elements' views.

use super::element::{read_plain, Decoded};
use super::message::{read_nested, recorded_len};
use super::{plain, DecodeValue, Natural, Value};
use crate::decode::{Reader, Tag};
use crate::encode::{LenRecorder, SizeCursor, Writer};
use crate::error::Result;
use crate::wire::WireType;

/// Reads a tuple's nested message into `out`: `element` reads the element a tag names (after the tag) and
/// returns `false` for a number past the tuple's, whose field is then skipped like any unknown field.
pub(crate) fn read_elements<'de, T>(
    r: &mut Reader<'de>,
    mut out: T,
    mut element: impl FnMut(&mut T, &Tag, &mut Reader<'de>) -> Result<bool>,
) -> Result<T> {
    read_nested(r, |r| {
        let mut last = 0;
        while let Some(tag) = r.next_field(&mut last)? {
            if !element(&mut out, &tag, r)? {
                r.skip_unknown(&tag)?;
            }
        }
        Ok(out)
    })
}

macro_rules! tuples {
    ($(($($n:tt $T:ident),+);)*) => {$(
        impl<$($T: Value),+> Value for ($($T,)+) {
            const WIRE_TYPE: WireType = WireType::Bytes;
            const RECORDS_LEN: bool = true;
            #[inline]
            fn is_default(&self) -> bool {
                $(self.$n.is_default())&&+
            }
            #[inline]
            fn value_len<R: LenRecorder>(&self, rec: &mut R) -> usize {
                recorded_len(rec, |rec| 0 $(+ plain::len($n + 1, &self.$n, rec))+)
            }
            #[inline]
            fn encode(&self, w: &mut Writer<'_>, sizes: &mut SizeCursor<'_>) {
                let body = sizes.next_len();
                w.put_varint(body as u64);
                $(plain::write($n + 1, &self.$n, w, sizes);)+
            }
        }

        impl<'de, $($T: DecodeValue<'de>),+> DecodeValue<'de> for ($($T,)+) {
            #[inline]
            fn empty() -> Self {
                ($($T::empty(),)+)
            }
            fn decode(r: &mut Reader<'de>) -> Result<Self> {
                read_elements(r, Self::empty(), |out, tag, r| {
                    match tag.number {
                        $(n if n == $n + 1 => read_plain(&Decoded::<Natural, $T>::NEW, &mut out.$n, tag, r)?,)+
                        _ => return Ok(false),
                    }
                    Ok(true)
                })
            }
        }

    )*};
}
tuples! {
    (0 A, 1 B);
    (0 A, 1 B, 2 C);
    (0 A, 1 B, 2 C, 3 D);
}
