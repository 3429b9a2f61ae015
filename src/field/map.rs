//! Maps (`BTreeMap`, `HashMap`): one BYTES entry per pair holding key = field 1 and value = field 2 (each a
//! plain field), written in ascending key order so both map types give the same bytes.

use super::element::{read_plain, Decoded, ReadValue};
use super::encoded::{Encoded, WriteValue};
use super::{plain, tag_len, DecodeValue, EncodeValue, Natural};
use crate::decode::{Reader, Tag};
use crate::encode::{LenRecorder, SizeCursor, Writer};
use crate::error::{CanonicalRule, Result};
use crate::prelude::*;
use crate::wire::{varint_len, WireType};
use alloc::collections::BTreeMap;
use core::cmp::Ordering;
#[cfg(feature = "std")]
use core::hash::{BuildHasher, Hash};
use smallvec::SmallVec;
#[cfg(feature = "std")]
use std::collections::HashMap;

/// A type that can be a map key: compared by its value on the wire, whatever its `Ord` says. The format sorts
/// map entries this way (integers by value, enums by number — including numbers the enum does not name —,
/// strings and bytes bytewise, `false` before `true`), in encoding and in the canonical check.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a Cramberry map key",
    label = "not a map key type",
    note = "map keys are bool, u8-u64, i8-i64, String / &str / Cow<str>, Vec<u8> / &[u8] / [u8; N], or enums deriving Cramberry"
)]
pub trait MapKey {
    /// Whether `Ord` (for a `BTreeMap`) already sorts by wire value, so a map is walked as stored. Derived
    /// enums say `false`: their `Ord` follows declaration order, not numbers.
    const ORD_IS_WIRE_ORDER: bool = true;
    /// Compares two keys by wire value.
    fn wire_cmp(&self, other: &Self) -> Ordering;
}

/// Keys whose `Ord` is their wire order.
macro_rules! ord_keys {
    ($([$($gen:tt)*] $ty:ty),* $(,)?) => {$(
        impl<$($gen)*> MapKey for $ty {
            #[inline(always)]
            fn wire_cmp(&self, other: &Self) -> Ordering {
                self.cmp(other)
            }
        }
    )*};
}
ord_keys!(
    [] bool, [] u8, [] u16, [] u32, [] u64, [] i8, [] i16, [] i32, [] i64,
    [] String, ['a] &'a str, ['a] alloc::borrow::Cow<'a, str>,
    [] Vec<u8>, ['a] &'a [u8], ['a] alloc::borrow::Cow<'a, [u8]>, [const N: usize] [u8; N],
);

impl<T: MapKey> MapKey for Box<T> {
    const ORD_IS_WIRE_ORDER: bool = T::ORD_IS_WIRE_ORDER;
    #[inline(always)]
    fn wire_cmp(&self, other: &Self) -> Ordering {
        (**self).wire_cmp(other)
    }
}

/// A map the encoder can walk in ascending key order.
pub trait SortedEntries<K, V> {
    /// Calls `f` on every entry, in ascending key order.
    fn for_each_sorted(&self, f: impl FnMut(&K, &V));
    /// Number of entries.
    fn entry_count(&self) -> usize;
}

/// A map the decoder can fill.
pub trait MapInsert<K, V> {
    /// Inserts an entry; a key seen before keeps the last value.
    fn insert_entry(&mut self, key: K, value: V);
}

impl<K: Ord + MapKey, V> SortedEntries<K, V> for BTreeMap<K, V> {
    /// Walks the map as stored when its order is the wire order; otherwise (enum keys) sorts references to
    /// the entries first, like a `HashMap`.
    #[inline]
    fn for_each_sorted(&self, mut f: impl FnMut(&K, &V)) {
        if K::ORD_IS_WIRE_ORDER {
            self.iter().for_each(|(k, v)| f(k, v));
        } else {
            for_each_in_wire_order(self.iter(), f);
        }
    }
    fn entry_count(&self) -> usize {
        self.len()
    }
}

#[cfg(feature = "std")]
impl<K: MapKey, V, S> SortedEntries<K, V> for HashMap<K, V, S> {
    /// Sorts references to the entries first (on the stack for up to 16 entries; use a `BTreeMap` with
    /// integer or string keys to encode large maps without a heap allocation).
    #[inline]
    fn for_each_sorted(&self, f: impl FnMut(&K, &V)) {
        for_each_in_wire_order(self.iter(), f);
    }
    fn entry_count(&self) -> usize {
        self.len()
    }
}

/// Calls `f` on `entries` sorted by wire key order (keys are unique, so the sort is total).
fn for_each_in_wire_order<'m, K: MapKey + 'm, V: 'm>(
    entries: impl Iterator<Item = (&'m K, &'m V)>,
    mut f: impl FnMut(&K, &V),
) {
    let mut entries: SmallVec<[(&K, &V); 16]> = entries.collect();
    entries.sort_unstable_by(|a, b| a.0.wire_cmp(b.0));
    entries.into_iter().for_each(|(k, v)| f(k, v));
}

impl<K: Ord, V> MapInsert<K, V> for BTreeMap<K, V> {
    #[inline]
    fn insert_entry(&mut self, key: K, value: V) {
        self.insert(key, value);
    }
}

#[cfg(feature = "std")]
impl<K: Eq + Hash, V, S: BuildHasher> MapInsert<K, V> for HashMap<K, V, S> {
    #[inline]
    fn insert_entry(&mut self, key: K, value: V) {
        self.insert(key, value);
    }
}

/// Encoded size of map field `number`.
#[inline]
pub fn len<K: EncodeValue + MapKey, V: EncodeValue, M: SortedEntries<K, V>, R: LenRecorder>(
    number: u32,
    map: &M,
    rec: &mut R,
) -> usize {
    len_with(&Encoded::<Natural, K>::NEW, &Encoded::<Natural, V>::NEW, number, map, rec)
}

/// Encoded size of map field `number` whose keys and values are of the kinds `ke` and `ve` describe: one
/// entry message per entry, `{1: key, 2: value}` (each a plain field), in the order `map` gives them.
#[inline(always)]
pub fn len_with<KE: WriteValue, VE: WriteValue, M: SortedEntries<KE::In, VE::In>, R: LenRecorder>(
    ke: &KE,
    ve: &VE,
    number: u32,
    map: &M,
    rec: &mut R,
) -> usize {
    let mut total = 0;
    map.for_each_sorted(|k, v| {
        let slot = rec.reserve();
        let body = plain::len_with(ke, 1, k, rec) + plain::len_with(ve, 2, v, rec);
        rec.fill(slot, body);
        total += tag_len(number, WireType::Bytes) + varint_len(body as u64) + body;
    });
    total
}

/// Writes map field `number`.
#[inline]
pub fn write<K: EncodeValue + MapKey, V: EncodeValue, M: SortedEntries<K, V>>(
    number: u32,
    map: &M,
    w: &mut Writer<'_>,
    sizes: &mut SizeCursor<'_>,
) {
    write_with(&Encoded::<Natural, K>::NEW, &Encoded::<Natural, V>::NEW, number, map, w, sizes);
}

/// Writes map field `number` whose keys and values are of the kinds `ke` and `ve` describe (see
/// [`len_with`]).
#[inline(always)]
pub fn write_with<KE: WriteValue, VE: WriteValue, M: SortedEntries<KE::In, VE::In>>(
    ke: &KE,
    ve: &VE,
    number: u32,
    map: &M,
    w: &mut Writer<'_>,
    sizes: &mut SizeCursor<'_>,
) {
    map.for_each_sorted(|k, v| {
        w.put_tag(number, WireType::Bytes);
        w.put_varint(sizes.next_len() as u64);
        plain::write_with(ke, 1, k, w, sizes);
        plain::write_with(ve, 2, v, w, sizes);
    });
}

/// Reads the consecutive entries of a map field whose tag was just read. `entries` counts the entries read so
/// far for this field (a duplicate key counts again: the count is of entries on the wire, as a view's is).
///
/// In canonical mode keys must be strictly ascending in wire order (which also rules out duplicates);
/// otherwise a repeated key keeps its last value.
pub fn merge<'de, K, V, M>(map: &mut M, entries: &mut usize, tag: &Tag, r: &mut Reader<'de>) -> Result<()>
where
    K: DecodeValue<'de> + MapKey + Clone,
    V: DecodeValue<'de>,
    M: MapInsert<K, V>,
{
    read_entries(&Decoded::<Natural, K>::NEW, &Decoded::<Natural, V>::NEW, tag, r, map, entries)
}

/// Reads the consecutive entries of one occurrence of a map field into `sink`: keys read by `key`, values by
/// `value` (owned decoding, views and the dynamic codec share this loop). `entries` is the number of the
/// field's entries on the wire so far, for the element limit and the index in error paths.
pub fn read_entries<'de, KE, VE>(
    key: &KE,
    value: &VE,
    tag: &Tag,
    r: &mut Reader<'de>,
    sink: &mut impl MapInsert<KE::Out, VE::Out>,
    entries: &mut usize,
) -> Result<()>
where
    KE: ReadValue<'de, Out: MapKey + Clone>,
    VE: ReadValue<'de>,
{
    r.expect_wire_type(tag, WireType::Bytes)?;
    let mut previous: Option<KE::Out> = None;
    let mut offset = tag.offset;
    loop {
        r.check_elements(*entries + 1, offset)?;
        let (k, v) = read_entry(key, value, r).map_err(|e| e.at_index(*entries))?;
        *entries += 1;
        if r.canonical() {
            if previous.as_ref().is_some_and(|p| p.wire_cmp(&k) != Ordering::Less) {
                return Err(r.non_canonical(CanonicalRule::MapKeyOrder, offset));
            }
            previous = Some(k.clone());
        }
        sink.insert_entry(k, v);
        match r.eat_repeat(tag) {
            Some(next) => offset = next,
            None => return Ok(()),
        }
    }
}

/// Reads one entry: key = field 1, value = field 2, both plain; other fields are skipped.
fn read_entry<'de, KE: ReadValue<'de>, VE: ReadValue<'de>>(
    key: &KE,
    value: &VE,
    r: &mut Reader<'de>,
) -> Result<(KE::Out, VE::Out)> {
    let len = r.read_len()?;
    r.within(len, |r| {
        let (mut k, mut v) = (key.empty(), value.empty());
        let mut last = 0;
        while let Some(tag) = r.next_field(&mut last)? {
            match tag.number {
                1 => read_plain(key, &mut k, &tag, r)?,
                2 => read_plain(value, &mut v, &tag, r)?,
                _ => r.skip_unknown(&tag)?,
            }
        }
        Ok((k, v))
    })
}
