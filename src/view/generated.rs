//! What generated views call to read nested messages and name the element types of their fields.

use super::{Cursor, MessageView, ValueView};
use crate::decode::Reader;
use crate::error::Result;
use crate::prelude::*;
use crate::unknown::UnknownFields;

/// Reads a nested message as a view: length prefix, then its fields one level deeper.
#[doc(hidden)]
#[inline]
pub fn read_nested<'a, V: MessageView<'a>>(r: &mut Reader<'a>) -> Result<V> {
    let len = r.read_len()?;
    r.nested(len, V::parse_fields)
}

/// Validates a nested message (length prefix, then its fields one level deeper) without keeping its view.
#[doc(hidden)]
#[inline]
pub fn validate_nested<'a, V: MessageView<'a>>(r: &mut Reader<'a>) -> Result<()> {
    let len = r.read_len()?;
    r.nested(len, V::validate_fields)
}

/// Re-reads a value (as written after its tag) from bytes that were already validated.
#[doc(hidden)]
#[inline]
pub fn revisit<'a, K, T: ValueView<'a, K>>(bytes: &'a [u8]) -> T::View {
    T::revisit_view(&mut Cursor::new(bytes))
}

/// Re-reads a nested message view (length prefix, then its fields) from validated bytes.
#[doc(hidden)]
#[inline]
pub fn revisit_nested<'a, V: MessageView<'a>>(c: &mut Cursor<'a>) -> V {
    V::revisit_fields(c.len_delimited())
}

/// Names the inner type of `Option<T>`, for generated view code.
#[doc(hidden)]
pub trait OptionType {
    type Inner;
}

impl<T> OptionType for Option<T> {
    type Inner = T;
}

/// Names the element type of a list field, for generated view code.
#[doc(hidden)]
pub trait ListType {
    type Elem;
}

impl<T> ListType for Vec<T> {
    type Elem = T;
}

impl<T, const N: usize> ListType for [T; N] {
    type Elem = T;
}

impl<T> ListType for &[T] {
    type Elem = T;
}

impl<A: smallvec::Array> ListType for smallvec::SmallVec<A> {
    type Elem = A::Item;
}

/// Names the key and value types of a map field, for generated view code.
#[doc(hidden)]
pub trait MapType {
    type Key;
    type Val;
}

impl<K, V> MapType for alloc::collections::BTreeMap<K, V> {
    type Key = K;
    type Val = V;
}

#[cfg(feature = "std")]
impl<K, V, S> MapType for std::collections::HashMap<K, V, S> {
    type Key = K;
    type Val = V;
}

/// The fields of the message in `bytes` (already validated) whose numbers are not known: what `decode`
/// would have kept. What a view's `to_message` keeps of the fields its type does not know.
#[doc(hidden)]
pub fn collect_unknown(bytes: &[u8], is_known: impl Fn(u32) -> bool) -> UnknownFields {
    let mut r = Reader::revisit(bytes);
    let mut out = UnknownFields::new();
    let mut last = 0;
    while let Ok(Some(tag)) = r.next_field(&mut last) {
        let kept =
            if is_known(tag.number) { r.skip_payload(tag.wire_type) } else { r.keep_unknown(&tag, &mut out) };
        if kept.is_err() {
            break;
        }
    }
    out
}
