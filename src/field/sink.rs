//! Where decoded list elements go ([`Sink`]: a `Vec`, a `SmallVec`, a fixed-length array being filled, a
//! view's counter) and the walkers over packed varint runs that fill them. A leaf below `element` and
//! `repeated`, which both use it.

use crate::decode::Reader;
use crate::error::Result;
use crate::prelude::*;

/// Calls `f` with each varint of a packed run, in one pass over its bytes; stops and returns `false` at a
/// malformed varint, one above `max`, or when `f` returns `false`.
#[inline(always)]
pub fn for_each_packed_varint(run: &[u8], max: u64, mut f: impl FnMut(u64) -> bool) -> bool {
    let (mut value, mut shift) = (0u64, 0u32);
    for &byte in run {
        // The tenth byte (shift 63) may only carry the top bit.
        if shift > 63 || (shift == 63 && byte > 1) {
            return false;
        }
        value |= u64::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            if value > max || !f(value) {
                return false;
            }
            (value, shift) = (0, 0);
        } else {
            shift += 7;
        }
    }
    shift == 0
}

/// Counts the elements of a run of varints, each at most `max`; `None` if one is malformed or larger.
#[inline]
pub fn count_packed_varints(run: &[u8], max: u64) -> Option<usize> {
    let mut count = 0;
    for_each_packed_varint(run, max, |_| {
        count += 1;
        true
    })
    .then_some(count)
}

/// Where decoded elements go: a `Vec`, or a fixed-length array being filled.
pub trait Sink<V> {
    /// Elements received so far.
    fn count(&self) -> usize;
    /// `additional` more elements are coming (a fixed-width packed run); checked against the limit.
    fn expect(&mut self, additional: usize, r: &Reader<'_>, offset: usize) -> Result<()>;
    /// Adds one element.
    fn put(&mut self, value: V, r: &Reader<'_>, offset: usize) -> Result<()>;
    /// How many more elements the sink accepts before its limit.
    fn room(&self, r: &Reader<'_>) -> usize;
    /// The sink as a `Vec`, for bulk appends.
    fn as_vec(&mut self) -> Option<&mut Vec<V>> {
        None
    }
    /// Counts `count` elements that were validated in bulk (view validation).
    fn skip(&mut self, count: usize) -> bool {
        let _ = count;
        false
    }
}

/// The `Sink` methods of a growable list (`Vec`, `SmallVec`): each element checked against the limit.
macro_rules! growable_sink {
    ($elem:ty) => {
        #[inline(always)]
        fn count(&self) -> usize {
            self.len()
        }
        #[inline(always)]
        fn expect(&mut self, additional: usize, r: &Reader<'_>, offset: usize) -> Result<()> {
            r.check_elements(self.len().saturating_add(additional), offset)?;
            self.reserve(additional);
            Ok(())
        }
        #[inline(always)]
        fn put(&mut self, value: $elem, r: &Reader<'_>, offset: usize) -> Result<()> {
            r.check_elements(self.len() + 1, offset)?;
            self.push(value);
            Ok(())
        }
        #[inline(always)]
        fn room(&self, r: &Reader<'_>) -> usize {
            r.options().max_elements.saturating_sub(self.len())
        }
    };
}

impl<V> Sink<V> for Vec<V> {
    growable_sink!(V);
    fn as_vec(&mut self) -> Option<&mut Vec<V>> {
        Some(self)
    }
}

/// `SmallVec` fields decode like `Vec` ones (without the bulk appends).
impl<A: smallvec::Array> Sink<A::Item> for smallvec::SmallVec<A> {
    growable_sink!(A::Item);
}
