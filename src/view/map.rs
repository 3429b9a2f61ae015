//! Maps in views: the span of the entries and their count, iterated lazily in wire order.

use super::value::{ValueView, Viewed};
use crate::decode::{Cursor, RevisitTag};
use crate::decode::{Reader, Tag};
use crate::error::Result;
use crate::field::map::{read_entries, MapInsert, MapKey};
use crate::field::Natural;
use core::marker::PhantomData;

/// The view of a map field: `len()` in O(1), an iterator of `(key, value)` views in wire order, and `get`.
pub struct MapView<'a, K, V> {
    span: &'a [u8],
    number: u32,
    count: usize,
    marker: PhantomData<fn() -> (K, V)>,
}

impl<K, V> Clone for MapView<'_, K, V> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K, V> Copy for MapView<'_, K, V> {}

impl<K, V> Default for MapView<'_, K, V> {
    fn default() -> Self {
        MapView { span: &[], number: 0, count: 0, marker: PhantomData }
    }
}

impl<K, V> core::fmt::Debug for MapView<'_, K, V> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("MapView").field("number", &self.number).field("len", &self.count).finish()
    }
}

/// `for (key, value) in view.tags() { ... }`: the entries in wire order, as [`MapView::iter`].
impl<'a, K: ValueView<'a>, V: ValueView<'a>> IntoIterator for MapView<'a, K, V>
where
    K::View: MapKey,
{
    type Item = (K::View, V::View);
    type IntoIter = MapIter<'a, K, V>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<'a, K: ValueView<'a>, V: ValueView<'a>> IntoIterator for &MapView<'a, K, V>
where
    K::View: MapKey,
{
    type Item = (K::View, V::View);
    type IntoIter = MapIter<'a, K, V>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<'a, K: ValueView<'a>, V: ValueView<'a>> MapView<'a, K, V>
where
    K::View: MapKey,
{
    /// Number of entries, in O(1) (a key that arrived twice counts twice; `decode` keeps its last value).
    #[inline]
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether the map has no entries.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// A lazy iterator over `(key, value)` views in wire order (ascending key order for encoder output).
    #[inline]
    pub fn iter(&self) -> MapIter<'a, K, V> {
        MapIter { c: Cursor::new(self.span), number: self.number, remaining: self.count, marker: PhantomData }
    }

    /// The value for `key` (the last one, if the key arrived twice), by a linear scan.
    pub fn get(&self, key: &K::View) -> Option<V::View>
    where
        K::View: PartialEq,
    {
        self.iter().filter(|(k, _)| k == key).last().map(|(_, v)| v)
    }

    /// The owned map.
    pub fn to_map<M: MapInsert<K, V> + Default>(&self) -> M {
        let mut map = M::default();
        for (k, v) in self.iter() {
            map.insert_entry(K::from_view(&k), V::from_view(&v));
        }
        map
    }
}

/// Iterator over a [`MapView`]'s entries.
pub struct MapIter<'a, K, V> {
    c: Cursor<'a>,
    number: u32,
    remaining: usize,
    marker: PhantomData<fn() -> (K, V)>,
}

impl<'a, K: ValueView<'a>, V: ValueView<'a>> Iterator for MapIter<'a, K, V>
where
    K::View: MapKey,
{
    type Item = (K::View, V::View);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        if self.remaining == 0 {
            return None;
        }
        loop {
            let tag = self.c.next_tag()?;
            if tag.number == self.number {
                self.remaining -= 1;
                return Some(revisit_entry::<K, V>(self.c.len_delimited()));
            }
            self.c.skip(tag.wire_type);
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl<'a, K: ValueView<'a>, V: ValueView<'a>> ExactSizeIterator for MapIter<'a, K, V> where K::View: MapKey {}

/// Re-reads one validated entry: key = field 1, value = field 2.
#[inline]
fn revisit_entry<'a, K: ValueView<'a>, V: ValueView<'a>>(entry: &'a [u8]) -> (K::View, V::View) {
    let mut c = Cursor::new(entry);
    let (mut key, mut value) = (K::empty_view(), V::empty_view());
    while let Some(tag) = c.next_tag() {
        match tag.number {
            1 => key = K::revisit_view(&mut c),
            2 => value = V::revisit_view(&mut c),
            _ => c.skip(tag.wire_type),
        }
    }
    (key, value)
}

/// Drops validated entries (a view keeps only the span and the count).
struct Discard;

impl<KX, VX> MapInsert<KX, VX> for Discard {
    fn insert_entry(&mut self, _: KX, _: VX) {}
}

/// Validates the consecutive entries of a map field whose tag was just read and extends the map's span.
pub fn merge<'a, K: ValueView<'a>, V: ValueView<'a>>(
    map: &mut MapView<'a, K, V>,
    tag: &Tag,
    r: &mut Reader<'a>,
) -> Result<()>
where
    K::View: MapKey,
{
    let start = if map.span.is_empty() { tag.offset } else { r.offset_of(map.span) };
    let mut count = map.count;
    read_entries(&Viewed::<Natural, K>::NEW, &Viewed::<Natural, V>::NEW, tag, r, &mut Discard, &mut count)?;
    *map = MapView { span: r.slice(start, r.position()), number: tag.number, count, marker: PhantomData };
    Ok(())
}

/// Re-reads the consecutive entries of a map field of validated bytes (its tag was just read) and extends the
/// map's span.
#[inline]
pub fn revisit<'a, K, V>(map: &mut MapView<'a, K, V>, tag: &RevisitTag, c: &mut Cursor<'a>) {
    let start = c.span_start(map.span, tag);
    let count = map.count + c.skip_repeats(tag);
    *map = MapView { span: c.since(start), number: tag.number, count, marker: PhantomData };
}
