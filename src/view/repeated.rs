//! Lists in views: the span of the input a repeated field occupies and its element count, iterated lazily.

use super::value::ValueView;
use super::value::Viewed;
use crate::decode::{Cursor, RevisitTag};
use crate::decode::{Reader, Tag};
use crate::error::Result;
use crate::field::element::{ReadValue, Shape};
use crate::field::repeated::{count_packed_varints, read_elements, Sink};
use crate::field::{Fixed, Natural, Repeat};
use crate::prelude::*;
use crate::wire::WireType;
use core::marker::PhantomData;

/// The view of a repeated field (`Vec<T>`, `[T; N]`): `len()` in O(1), a lazy iterator of element views, and
/// for fixed-width elements an in-place slice.
///
/// It records the span from the field's first tag to the end of its last occurrence. For bytes the encoder
/// wrote, that span holds only this field (one packed run, or consecutive elements), so iterating is a tight
/// loop; for other valid inputs (unpacked elements, several runs, other fields in between) the iterator steps
/// over whatever else is in the span.
///
/// A view built with an arena ([`MessageView::view_in`](super::MessageView::view_in)) also keeps the element
/// views of lists of strings, bytes and messages in that arena, recorded by the validating pass, so iterating
/// them re-reads nothing.
pub struct Repeated<'a, T: ValueView<'a, K>, K = Natural> {
    span: &'a [u8],
    number: u32,
    count: usize,
    items: &'a [T::View],
    marker: PhantomData<fn() -> (T, K)>,
}

impl<'a, T: ValueView<'a, K>, K> Clone for Repeated<'a, T, K> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<'a, T: ValueView<'a, K>, K> Copy for Repeated<'a, T, K> {}

impl<'a, T: ValueView<'a, K>, K> core::fmt::Debug for Repeated<'a, T, K> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Repeated").field("number", &self.number).field("len", &self.count).finish()
    }
}

impl<'a, T: ValueView<'a, K>, K> Default for Repeated<'a, T, K> {
    fn default() -> Self {
        Self::empty()
    }
}

impl<'a, T: ValueView<'a, K>, K> Repeated<'a, T, K> {
    /// A list with no elements.
    pub const fn empty() -> Self {
        Repeated { span: &[], number: 0, count: 0, items: &[], marker: PhantomData }
    }

    /// An absent fixed-length list: `count` elements, each the element's empty view (as owned decoding gives).
    pub const fn absent_array(count: usize) -> Self {
        Repeated { span: &[], number: 0, count, items: &[], marker: PhantomData }
    }

    /// The element views recorded in an arena, when every element was.
    #[inline]
    fn recorded(&self) -> Option<&'a [T::View]> {
        (self.count != 0 && self.items.len() == self.count).then_some(self.items)
    }

    /// Number of elements, in O(1).
    #[inline]
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether the list is empty.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The payload of the field's single packed run, when the field arrived as exactly one run (always so
    /// for bytes the encoder wrote).
    pub fn packed_bytes(&self) -> Option<&'a [u8]> {
        let mut r = Reader::revisit(self.span);
        let mut last = 0;
        let tag = r.next_field(&mut last).ok()??;
        if tag.wire_type != WireType::Bytes {
            return None;
        }
        let len = r.read_len().ok()?;
        (r.remaining() == len).then(|| r.slice(r.position(), r.position() + len))
    }
}

impl<'a, K, T: ValueView<'a, K>> Repeated<'a, T, K> {
    /// A lazy iterator over the element views.
    #[inline]
    pub fn iter(&self) -> RepeatedIter<'a, T, K> {
        let (mut span, items) = match self.recorded() {
            Some(items) => (&[][..], items),
            None => (self.span, &[][..]),
        };
        // Fixed-width elements in one packed run (always so for encoder output) step through the run by
        // chunks, one element each, with no cursor.
        let mut run: &[u8] = &[];
        if let Some(bytes) = self.fixed_width_run() {
            (run, span) = (bytes, &[]);
        }
        RepeatedIter {
            c: Cursor::new(span),
            run: run.chunks_exact(T::PACKED_WIDTH.max(1)),
            items: items.iter(),
            number: self.number,
            remaining: self.count,
            run_end: 0,
            marker: PhantomData,
        }
    }

    /// Element `index`: O(1) for fixed-width elements in one run and for elements recorded in an arena,
    /// otherwise a walk to it.
    pub fn get(&self, index: usize) -> Option<T::View> {
        if index >= self.count {
            return None;
        }
        if let Some(items) = self.recorded() {
            return items.get(index).cloned();
        }
        if let Some(run) = self.fixed_width_run() {
            let start = index * T::PACKED_WIDTH;
            let mut c = Cursor::new(run.get(start..start + T::PACKED_WIDTH)?);
            return Some(T::revisit_view_packed(&mut c));
        }
        self.iter().nth(index)
    }

    /// The field's single packed run when its elements take `PACKED_WIDTH` bytes each, so element `i` is
    /// the `i`-th chunk. Checked against the count because a bool (one byte when written by an encoder) may
    /// arrive as an overlong varint, which lenient decoding accepts: such a run is read element by element.
    #[inline]
    fn fixed_width_run(&self) -> Option<&'a [u8]> {
        if T::PACKED_WIDTH == 0 {
            return None;
        }
        self.packed_bytes().filter(|run| run.len() == self.count * T::PACKED_WIDTH)
    }

    /// The owned elements.
    pub fn to_vec(&self) -> Vec<T> {
        self.iter().map(|v| T::from_view(&v)).collect()
    }

    /// The owned elements of a fixed-length list (validated to hold exactly `N`).
    pub fn to_array<const N: usize>(&self) -> [T; N] {
        let mut it = self.iter();
        core::array::from_fn(|_| {
            it.next().map_or_else(|| T::from_view(&T::empty_view()), |v| T::from_view(&v))
        })
    }
}

/// Fixed-width element types whose packed run can be read in place as alignment-1 little-endian values
/// (zerocopy's byteorder types).
pub trait FixedWidth<K = Natural> {
    /// The alignment-1 little-endian twin of the type.
    type Le: zerocopy::FromBytes + zerocopy::Immutable + zerocopy::KnownLayout + zerocopy::Unaligned;
}

macro_rules! fixed_width {
    ($($kind:ty: $ty:ty => $le:ty;)*) => {$(
        impl FixedWidth<$kind> for $ty {
            type Le = $le;
        }
    )*};
}
fixed_width! {
    Natural: f32 => zerocopy::little_endian::F32;
    Natural: f64 => zerocopy::little_endian::F64;
    Fixed: u32 => zerocopy::little_endian::U32;
    Fixed: u64 => zerocopy::little_endian::U64;
    Fixed: i32 => zerocopy::little_endian::I32;
    Fixed: i64 => zerocopy::little_endian::I64;
}

impl<'a, K, T: FixedWidth<K> + ValueView<'a, K>> Repeated<'a, T, K> {
    /// The elements in place, in O(1) with no copy, when the field arrived as one packed run (always for
    /// bytes the encoder wrote). Each element's `.get()` gives the native value.
    pub fn as_slice(&self) -> Option<&'a [T::Le]> {
        use zerocopy::FromBytes;
        <[T::Le]>::ref_from_bytes(self.packed_bytes()?).ok()
    }
}

impl<'a, T: bytemuck::Pod + ValueView<'a>> Repeated<'a, T, Natural> {
    /// The pods in place when the field arrived as one run that happens to be aligned for `T` in memory;
    /// otherwise `None` (iterate instead: each element is a cheap unaligned copy).
    pub fn as_pod_slice(&self) -> Option<&'a [T]> {
        bytemuck::try_cast_slice(self.packed_bytes()?).ok()
    }
}

/// Iterator over a [`Repeated`] field's element views.
pub struct RepeatedIter<'a, T: ValueView<'a, K>, K = Natural> {
    c: Cursor<'a>,
    run: core::slice::ChunksExact<'a, u8>,
    items: core::slice::Iter<'a, T::View>,
    number: u32,
    remaining: usize,
    run_end: usize,
    marker: PhantomData<fn() -> (T, K)>,
}

impl<'a, T: ValueView<'a, K>, K> Clone for RepeatedIter<'a, T, K> {
    fn clone(&self) -> Self {
        RepeatedIter { c: self.c.clone(), run: self.run.clone(), items: self.items.clone(), ..*self }
    }
}

impl<'a, K, T: ValueView<'a, K>> RepeatedIter<'a, T, K> {
    /// The next element: one re-read from the span by `unpacked` (an element after its own tag), any other
    /// (packed, or recorded in an arena) as its view converted by `view`.
    #[inline(always)]
    pub(crate) fn next_as<X>(
        &mut self,
        unpacked: impl FnOnce(&mut Cursor<'a>) -> X,
        view: impl FnOnce(T::View) -> X,
    ) -> Option<X> {
        if self.remaining == 0 {
            return None;
        }
        if let Some(element) = self.run.next() {
            self.remaining -= 1;
            return Some(view(T::revisit_view_packed(&mut Cursor::new(element))));
        }
        if let Some(item) = self.items.next() {
            self.remaining -= 1;
            return Some(view(item.clone()));
        }
        loop {
            if self.c.position() < self.run_end {
                self.remaining -= 1;
                return Some(view(T::revisit_view_packed(&mut self.c)));
            }
            let Some(tag) = self.c.next_tag() else {
                // Only an absent fixed-length list ends its span early: its elements are defaults.
                self.remaining -= 1;
                return Some(view(T::empty_view()));
            };
            if tag.number != self.number {
                self.c.skip(tag.wire_type);
            } else if T::REPEAT == Repeat::Packed && tag.wire_type == WireType::Bytes {
                let len = self.c.varint();
                self.run_end = self.c.position().saturating_add(usize::try_from(len).unwrap_or(usize::MAX));
            } else {
                self.remaining -= 1;
                return Some(unpacked(&mut self.c));
            }
        }
    }
}

impl<'a, K, T: ValueView<'a, K>> Iterator for RepeatedIter<'a, T, K> {
    type Item = T::View;

    #[inline]
    fn next(&mut self) -> Option<T::View> {
        self.next_as(T::revisit_view, |view| view)
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl<'a, K, T: ValueView<'a, K>> ExactSizeIterator for RepeatedIter<'a, T, K> {}

impl<'a, K, T: ValueView<'a, K>> IntoIterator for Repeated<'a, T, K> {
    type Item = T::View;
    type IntoIter = RepeatedIter<'a, T, K>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// Validates elements without keeping their views (a view built without an arena re-reads them later); with
/// `FRAME`, frames them as a lazy list does (a message's length and the depth limit only).
struct Validated<K, T, const FRAME: bool = false>(PhantomData<fn() -> (K, T)>);

impl<'a, K, T: ValueView<'a, K>, const FRAME: bool> ReadValue<'a> for Validated<K, T, FRAME> {
    type Out = ();
    #[inline(always)]
    fn shape(&self) -> Shape {
        Shape::of::<K, T>()
    }
    #[inline(always)]
    fn empty(&self) {}
    #[inline(always)]
    fn read(&self, r: &mut Reader<'a>) -> Result<()> {
        if FRAME {
            T::frame(r)
        } else {
            T::validate(r)
        }
    }
    #[inline(always)]
    fn read_packed(&self, r: &mut Reader<'a>) -> Result<()> {
        T::read_view_packed(r).map(drop)
    }
    #[inline(always)]
    fn is_default(&self, _: &()) -> bool {
        false
    }
    #[inline(always)]
    fn run_is_valid(&self, run: &[u8]) -> bool {
        T::run_is_valid(run)
    }
    /// Elements that need no per-element check are counted, not read: validating the run is O(1).
    #[inline(always)]
    fn run(&self, _: &'a [u8], count: usize, sink: &mut impl Sink<()>) -> bool {
        sink.skip(count)
    }
    /// A run of integers is validated by counting its varints, each checked against the type's range.
    #[inline(always)]
    fn varint_run(&self, run: &'a [u8], max: u64, room: usize, sink: &mut impl Sink<()>) -> bool {
        match count_packed_varints(run, max) {
            Some(count) if count <= room => sink.skip(count),
            _ => false,
        }
    }
}

/// Counts validated elements without keeping them: at most `limit`, checked (with its error) by `check`.
struct Counter<C> {
    count: usize,
    limit: usize,
    check: C,
}

impl<X, C: Fn(usize, &Reader<'_>, usize) -> Result<()>> Sink<X> for Counter<C> {
    fn room(&self, _: &Reader<'_>) -> usize {
        self.limit.saturating_sub(self.count)
    }
    fn count(&self) -> usize {
        self.count
    }
    fn expect(&mut self, additional: usize, r: &Reader<'_>, offset: usize) -> Result<()> {
        (self.check)(self.count.saturating_add(additional), r, offset)
    }
    fn put(&mut self, _: X, r: &Reader<'_>, offset: usize) -> Result<()> {
        self.count += 1;
        (self.check)(self.count, r, offset)
    }
    fn skip(&mut self, count: usize) -> bool {
        // `expect` already checked the count against the limit.
        self.count += count;
        true
    }
}

/// Validates one occurrence of a repeated field whose tag was just read and extends the list's span.
#[inline]
pub fn merge<'a, K, T: ValueView<'a, K>>(
    list: &mut Repeated<'a, T, K>,
    tag: &Tag,
    r: &mut Reader<'a>,
) -> Result<()> {
    let limit = r.options().max_elements;
    merge_bounded(list, tag, r, limit, |count, r, offset| r.check_elements(count, offset))
}

/// [`merge`] for a lazy view's list: every element checked as `merge` checks it, except that a message is
/// only framed (its length and the depth limit), to be read lazily. When an element fails, the list keeps the
/// elements framed before it, so that walking them finds what the view, reading in order, would have met
/// first.
#[inline]
pub(crate) fn merge_framed<'a, K, T: ValueView<'a, K>>(
    list: &mut Repeated<'a, T, K>,
    tag: &Tag,
    r: &mut Reader<'a>,
) -> Result<()> {
    let start = if list.span.is_empty() { tag.offset } else { r.offset_of(list.span) };
    let limit = r.options().max_elements;
    let check = |count, r: &Reader<'_>, offset| r.check_elements(count, offset);
    let first = r.position();
    let mut framer =
        Framer { counter: Counter { count: list.count, limit, check }, end: first, over_limit: false };
    let mut read = read_elements(&Validated::<K, T, true>(PhantomData), tag, r, &mut framer);
    if T::FRAME_SKIPS_CONTENT && framer.over_limit {
        // The view reads an element before counting it: a message past the limit whose content is bad fails
        // with that error, not the limit's. Framing stepped over its content; it is validated here. (Other
        // kinds are framed by validating them, so their order is the view's already.)
        r.rewind_to(framer.end);
        if framer.end == first || r.eat_repeat(tag).is_some() {
            if let Err(inner) = T::validate(r) {
                // The failed count included this element.
                read = Err(inner.at_index(framer.counter.count - 1));
            }
        }
    }
    let end = if read.is_ok() { r.position() } else { framer.end };
    let count = framer.counter.count;
    *list =
        Repeated { span: r.slice(start, end), number: tag.number, count, items: &[], marker: PhantomData };
    read
}

/// Counts framed elements, remembering where the last one ended and whether one went past the limit.
struct Framer<C> {
    counter: Counter<C>,
    end: usize,
    over_limit: bool,
}

impl<X, C: Fn(usize, &Reader<'_>, usize) -> Result<()>> Sink<X> for Framer<C> {
    fn room(&self, r: &Reader<'_>) -> usize {
        Sink::<X>::room(&self.counter, r)
    }
    fn count(&self) -> usize {
        Sink::<X>::count(&self.counter)
    }
    fn expect(&mut self, additional: usize, r: &Reader<'_>, offset: usize) -> Result<()> {
        Sink::<X>::expect(&mut self.counter, additional, r, offset)
    }
    fn put(&mut self, value: X, r: &Reader<'_>, offset: usize) -> Result<()> {
        if let Err(limit) = Sink::<X>::put(&mut self.counter, value, r, offset) {
            self.over_limit = true;
            return Err(limit);
        }
        self.end = r.position();
        Ok(())
    }
    fn skip(&mut self, count: usize) -> bool {
        Sink::<X>::skip(&mut self.counter, count)
    }
}

/// [`merge`] with the element-count check supplied (the element limit for lists, `N` for arrays).
#[inline(always)]
pub(crate) fn merge_bounded<'a, K, T: ValueView<'a, K>>(
    list: &mut Repeated<'a, T, K>,
    tag: &Tag,
    r: &mut Reader<'a>,
    limit: usize,
    check: impl Fn(usize, &Reader<'_>, usize) -> Result<()>,
) -> Result<()> {
    let start = if list.span.is_empty() { tag.offset } else { r.offset_of(list.span) };
    let mut counter = Counter { count: list.count, limit, check };
    let items = match r.arena() {
        Some(arena) if T::REPEAT == Repeat::Each => {
            let mut recorder = Recorder { counter, items: bumpalo::collections::Vec::new_in(arena) };
            recorder.items.extend_from_slice(list.recorded().unwrap_or_default());
            read_elements(&Viewed::<K, T>::NEW, tag, r, &mut recorder)?;
            counter = recorder.counter;
            recorder.items.into_bump_slice()
        }
        _ => {
            read_elements(&Validated::<K, T>(PhantomData), tag, r, &mut counter)?;
            &[]
        }
    };
    *list = Repeated {
        span: r.slice(start, r.position()),
        number: tag.number,
        count: counter.count,
        items,
        marker: PhantomData,
    };
    Ok(())
}

/// Counts validated elements and keeps their views in an arena (views built with `view_in`).
struct Recorder<'a, C, V> {
    counter: Counter<C>,
    items: bumpalo::collections::Vec<'a, V>,
}

impl<V, C: Fn(usize, &Reader<'_>, usize) -> Result<()>> Sink<V> for Recorder<'_, C, V> {
    fn room(&self, r: &Reader<'_>) -> usize {
        Sink::<V>::room(&self.counter, r)
    }
    fn count(&self) -> usize {
        Sink::<V>::count(&self.counter)
    }
    fn expect(&mut self, additional: usize, r: &Reader<'_>, offset: usize) -> Result<()> {
        Sink::<V>::expect(&mut self.counter, additional, r, offset)
    }
    #[inline(always)]
    fn put(&mut self, value: V, r: &Reader<'_>, offset: usize) -> Result<()> {
        Sink::<()>::put(&mut self.counter, (), r, offset)?;
        self.items.push(value);
        Ok(())
    }
}

/// Re-reads one occurrence of a repeated field of validated bytes (its tag was just read) and extends the
/// list's span: a packed run is counted without decoding, consecutive elements are stepped over.
#[inline]
pub fn revisit<'a, K, T: ValueView<'a, K>>(
    list: &mut Repeated<'a, T, K>,
    tag: &RevisitTag,
    c: &mut Cursor<'a>,
) {
    let start = c.span_start(list.span, tag);
    let added = if T::REPEAT == Repeat::Packed && tag.wire_type == WireType::Bytes {
        let run = c.len_delimited();
        match T::PACKED_WIDTH {
            // Varint elements (bools too: they may be overlong) end at each byte below 0x80.
            width if width == 0 || T::WIRE_TYPE == WireType::Varint => {
                run.iter().filter(|&&b| b < 0x80).count()
            }
            width => run.len() / width,
        }
    } else {
        c.skip_repeats(tag)
    };
    *list = Repeated {
        span: c.since(start),
        number: tag.number,
        count: list.count + added,
        items: &[],
        marker: PhantomData,
    };
}
