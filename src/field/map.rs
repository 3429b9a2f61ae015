//! Maps (`BTreeMap`, `HashMap`): one BYTES entry per pair holding key = field 1 and value = field 2 (each a
//! plain field), written in ascending key order so both map types give the same bytes.

use super::{plain, tag_len, DecodeValue, Value};
use crate::decode::{Reader, Tag};
use crate::encode::{LenRecorder, SizeCursor, Writer};
use crate::error::{CanonicalRule, Result};
use crate::wire::{varint_len, WireType};
use smallvec::SmallVec;
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasher, Hash};

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
    /// Number of entries.
    fn entry_count(&self) -> usize;
}

impl<K: Ord, V> SortedEntries<K, V> for BTreeMap<K, V> {
    #[inline]
    fn for_each_sorted(&self, mut f: impl FnMut(&K, &V)) {
        self.iter().for_each(|(k, v)| f(k, v));
    }
    fn entry_count(&self) -> usize {
        self.len()
    }
}

impl<K: Ord, V, S> SortedEntries<K, V> for HashMap<K, V, S> {
    /// Sorts references to the entries first (on the stack for up to 16 entries; use a `BTreeMap` to encode
    /// large maps without a heap allocation).
    #[inline]
    fn for_each_sorted(&self, mut f: impl FnMut(&K, &V)) {
        let mut entries: SmallVec<[(&K, &V); 16]> = self.iter().collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
        entries.into_iter().for_each(|(k, v)| f(k, v));
    }
    fn entry_count(&self) -> usize {
        self.len()
    }
}

impl<K: Ord, V> MapInsert<K, V> for BTreeMap<K, V> {
    #[inline]
    fn insert_entry(&mut self, key: K, value: V) {
        self.insert(key, value);
    }
    fn entry_count(&self) -> usize {
        self.len()
    }
}

impl<K: Eq + Hash, V, S: BuildHasher> MapInsert<K, V> for HashMap<K, V, S> {
    #[inline]
    fn insert_entry(&mut self, key: K, value: V) {
        self.insert(key, value);
    }
    fn entry_count(&self) -> usize {
        self.len()
    }
}

/// Encoded size of map field `number`.
#[inline]
pub fn len<K: Value, V: Value, M: SortedEntries<K, V>, R: LenRecorder>(
    number: u32,
    map: &M,
    rec: &mut R,
) -> usize {
    let mut total = 0;
    map.for_each_sorted(|k, v| {
        let slot = rec.reserve();
        let body = plain::len(1, k, rec) + plain::len(2, v, rec);
        rec.fill(slot, body);
        total += tag_len(number, WireType::Bytes) + varint_len(body as u64) + body;
    });
    total
}

/// Writes map field `number`.
#[inline]
pub fn write<K: Value, V: Value, M: SortedEntries<K, V>>(
    number: u32,
    map: &M,
    w: &mut Writer<'_>,
    sizes: &mut SizeCursor<'_>,
) {
    map.for_each_sorted(|k, v| {
        w.put_tag(number, WireType::Bytes);
        w.put_varint(sizes.next_len() as u64);
        plain::write(1, k, w, sizes);
        plain::write(2, v, w, sizes);
    });
}

/// Reads the consecutive entries of a map field whose tag was just read.
///
/// In canonical mode keys must be strictly ascending (which also rules out duplicates); otherwise a repeated
/// key keeps its last value.
pub fn merge<'de, K, V, M>(map: &mut M, tag: &Tag, r: &mut Reader<'de>) -> Result<()>
where
    K: DecodeValue<'de> + Ord + Clone,
    V: DecodeValue<'de>,
    M: MapInsert<K, V>,
{
    read_entries::<Decoded<K, V>>(tag, r, map)
}

/// How to read a map entry's key and value. Owned decoding ([`Decoded`]) and view validation share the loop
/// below and differ only in this (zero-sized, so every call inlines).
pub(crate) trait ReadEntry<'de> {
    /// What a key reads as.
    type Key: PartialOrd + Clone;
    /// What a value reads as.
    type Val;
    /// The key and value of an entry whose fields are absent.
    fn empty() -> (Self::Key, Self::Val);
    /// Reads the key field whose tag was just read.
    fn key(key: &mut Self::Key, tag: &Tag, r: &mut Reader<'de>) -> Result<()>;
    /// Reads the value field whose tag was just read.
    fn value(value: &mut Self::Val, tag: &Tag, r: &mut Reader<'de>) -> Result<()>;
}

/// Reads entries as owned keys and values.
pub(crate) struct Decoded<K, V>(core::marker::PhantomData<(K, V)>);

impl<'de, K: DecodeValue<'de> + Ord + Clone, V: DecodeValue<'de>> ReadEntry<'de> for Decoded<K, V> {
    type Key = K;
    type Val = V;
    #[inline(always)]
    fn empty() -> (K, V) {
        (K::empty(), V::empty())
    }
    #[inline(always)]
    fn key(key: &mut K, tag: &Tag, r: &mut Reader<'de>) -> Result<()> {
        plain::merge(key, tag, r)
    }
    #[inline(always)]
    fn value(value: &mut V, tag: &Tag, r: &mut Reader<'de>) -> Result<()> {
        plain::merge(value, tag, r)
    }
}

/// Reads the consecutive entries of one occurrence of a map field into `sink`.
pub(crate) fn read_entries<'de, E: ReadEntry<'de>>(
    tag: &Tag,
    r: &mut Reader<'de>,
    sink: &mut impl MapInsert<E::Key, E::Val>,
) -> Result<()> {
    r.expect_wire_type(tag, WireType::Bytes)?;
    let mut previous: Option<E::Key> = None;
    let mut offset = tag.offset;
    loop {
        r.check_elements(sink.entry_count() + 1, offset)?;
        let (key, value) = read_entry::<E>(r).map_err(|e| e.at_index(sink.entry_count()))?;
        if r.canonical() {
            if previous.as_ref().is_some_and(|p| *p >= key) {
                return Err(r.non_canonical(CanonicalRule::MapKeyOrder, offset));
            }
            previous = Some(key.clone());
        }
        sink.insert_entry(key, value);
        match r.eat_repeat(tag) {
            Some(next) => offset = next,
            None => return Ok(()),
        }
    }
}

/// Reads one entry: key = field 1, value = field 2, both plain; other fields are skipped.
pub(crate) fn read_entry<'de, E: ReadEntry<'de>>(r: &mut Reader<'de>) -> Result<(E::Key, E::Val)> {
    let len = r.read_len()?;
    r.within(len, |r| {
        let (mut key, mut value) = E::empty();
        let mut last = 0;
        while let Some(tag) = r.next_field(&mut last)? {
            match tag.number {
                1 => E::key(&mut key, &tag, r)?,
                2 => E::value(&mut value, &tag, r)?,
                _ => r.skip_unknown(&tag)?,
            }
        }
        Ok((key, value))
    })
}
