//! Fixed-length lists (`[T; N]`, for `T` other than `u8`): written like a repeated field, and on decode the
//! occurrence must hold exactly `N` elements. Like any plain field, a list whose elements are all default is
//! the type's default value and is not written (so an absent list and `[0; N]` are the same canonical bytes).

use super::element::Decoded;
use super::encoded::{Encoded, WriteValue};
use super::repeated::{read_elements, Sink};
use super::{DecodeValue, EncodeValue};
use crate::decode::{Reader, Tag};
use crate::encode::{LenRecorder, SizeCursor, Writer};
use crate::error::{CanonicalRule, DecodeErrorKind, Result};
use crate::prelude::*;

/// Encoded size of fixed-length list field `number`.
#[inline]
pub fn len<K, V: EncodeValue<K>, R: LenRecorder, const N: usize>(
    number: u32,
    values: &[V; N],
    rec: &mut R,
) -> usize {
    len_with(&Encoded::<K, V>::NEW, number, values, rec)
}

/// Encoded size of fixed-length list field `number` holding `values` of the kind `e` describes.
#[inline(always)]
pub fn len_with<E: WriteValue, R: LenRecorder>(e: &E, number: u32, values: &[E::In], rec: &mut R) -> usize {
    if all_default_with(e, values) {
        return 0;
    }
    super::repeated::len_with(e, number, values, rec)
}

/// Whether every element holds its default value (the list is then omitted).
#[inline]
pub fn all_default<K, V: EncodeValue<K>>(values: &[V]) -> bool {
    all_default_with(&Encoded::<K, V>::NEW, values)
}

/// Whether every element of the kind `e` describes holds its default value (the list is then omitted).
#[inline(always)]
pub fn all_default_with<E: WriteValue>(e: &E, values: &[E::In]) -> bool {
    values.iter().all(|v| e.is_default(v))
}

/// Writes fixed-length list field `number`.
#[inline]
pub fn write<K, V: EncodeValue<K>, const N: usize>(
    number: u32,
    values: &[V; N],
    w: &mut Writer<'_>,
    sizes: &mut SizeCursor<'_>,
) {
    write_with(&Encoded::<K, V>::NEW, number, values, w, sizes);
}

/// Writes fixed-length list field `number` holding `values` of the kind `e` describes.
#[inline(always)]
pub fn write_with<E: WriteValue>(
    e: &E,
    number: u32,
    values: &[E::In],
    w: &mut Writer<'_>,
    sizes: &mut SizeCursor<'_>,
) {
    if !all_default_with(e, values) {
        super::repeated::write_with(e, number, values, w, sizes)
    }
}

/// The empty value of a fixed-length list: `N` empty elements.
pub fn empty<'de, K, V: DecodeValue<'de, K>, const N: usize>() -> [V; N] {
    core::array::from_fn(|_| V::empty())
}

struct Fill<'a, V, const N: usize> {
    array: &'a mut [V; N],
    filled: usize,
}

impl<V, const N: usize> Sink<V> for Fill<'_, V, N> {
    fn count(&self) -> usize {
        self.filled
    }
    fn expect(&mut self, additional: usize, r: &Reader<'_>, offset: usize) -> Result<()> {
        check_at_most(N, self.filled.saturating_add(additional), r, offset)
    }
    fn room(&self, _: &Reader<'_>) -> usize {
        N - self.filled
    }
    fn put(&mut self, value: V, r: &Reader<'_>, offset: usize) -> Result<()> {
        check_at_most(N, self.filled + 1, r, offset)?;
        self.array[self.filled] = value;
        self.filled += 1;
        Ok(())
    }
}

/// A `Vec` filled with one occurrence of a fixed-length list of `n` elements (the dynamic codec's sink): like
/// the array that derived code fills, it refuses an element past the `n`th.
pub struct AtMost<'v, V> {
    /// The elements so far.
    pub vec: &'v mut Vec<V>,
    /// The list's length.
    pub n: usize,
}

impl<V> Sink<V> for AtMost<'_, V> {
    fn count(&self) -> usize {
        self.vec.len()
    }
    fn expect(&mut self, additional: usize, r: &Reader<'_>, offset: usize) -> Result<()> {
        check_at_most(self.n, self.vec.len().saturating_add(additional), r, offset)
    }
    fn room(&self, _: &Reader<'_>) -> usize {
        self.n - self.vec.len()
    }
    fn put(&mut self, value: V, r: &Reader<'_>, offset: usize) -> Result<()> {
        check_at_most(self.n, self.vec.len() + 1, r, offset)?;
        self.vec.push(value);
        Ok(())
    }
}

/// A fixed-length list may not grow past `N` elements (the error names the first surplus element).
pub fn check_at_most(n: usize, count: usize, r: &Reader<'_>, offset: usize) -> Result<()> {
    if count > n {
        return Err(r.error(DecodeErrorKind::FixedLengthMismatch { expected: n, found: count }, offset));
    }
    Ok(())
}

/// A finished occurrence of a fixed-length list must hold exactly `N` elements.
pub fn check_exactly(n: usize, count: usize, r: &Reader<'_>, tag: &Tag) -> Result<()> {
    if count != n {
        return Err(r.error(DecodeErrorKind::FixedLengthMismatch { expected: n, found: count }, tag.offset));
    }
    Ok(())
}

/// Reads a fixed-length list field whose tag was just read; the occurrence must hold exactly `N` elements.
pub fn merge<'de, K, V: DecodeValue<'de, K>, const N: usize>(
    array: &mut [V; N],
    tag: &Tag,
    r: &mut Reader<'de>,
) -> Result<()> {
    let mut fill = Fill { array, filled: 0 };
    read_elements(&Decoded::<K, V>::NEW, tag, r, &mut fill)?;
    check_exactly(N, fill.filled, r, tag)?;
    reject_all_default_if_canonical(|| all_default(array), r, tag)
}

/// The canonical rule for a finished occurrence of a fixed-length list: a list whose elements are all default
/// is the type's default and must be omitted. `all_default` runs only in canonical mode.
#[inline]
pub fn reject_all_default_if_canonical(
    all_default: impl FnOnce() -> bool,
    r: &Reader<'_>,
    tag: &Tag,
) -> Result<()> {
    if r.canonical() && all_default() {
        return Err(r.non_canonical(CanonicalRule::DefaultValueWritten, tag.offset));
    }
    Ok(())
}
