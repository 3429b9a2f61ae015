//! Repeated fields (`Vec<T>`, `&[T]`): scalars and pods packed in ONE BYTES run, strings, bytes, messages and
//! interface values one field per element. An empty list writes nothing.
//!
//! Decoding accepts packed and unpacked scalars and several runs, appending in order; it consumes a whole run
//! of consecutive same-tag elements in one call.

use super::{tag_len, DecodeValue, Repeat, Value};
use crate::decode::{Reader, Tag};
use crate::encode::{LenRecorder, SizeCursor, Writer};
use crate::error::{CanonicalRule, DecodeErrorKind, Result};
use crate::wire::{varint_len, WireType};

/// The wire type the encoder writes for a repeated field of `V`: BYTES for a packed run, the element's own
/// otherwise.
#[inline(always)]
pub const fn wire_type<K, V: Value<K>>() -> WireType {
    match V::REPEAT {
        Repeat::Packed => WireType::Bytes,
        Repeat::Each => V::WIRE_TYPE,
    }
}

/// Encoded size of repeated field `number` holding `values`.
#[inline]
pub fn len<K, V: Value<K>, R: LenRecorder>(number: u32, values: &[V], rec: &mut R) -> usize {
    if values.is_empty() {
        return 0;
    }
    match V::REPEAT {
        Repeat::Packed => {
            let body = if V::PACKED_WIDTH != 0 {
                values.len() * V::PACKED_WIDTH
            } else {
                let slot = rec.reserve();
                let body = values.iter().map(Value::packed_len).sum();
                rec.fill(slot, body);
                body
            };
            tag_len(number, WireType::Bytes) + varint_len(body as u64) + body
        }
        Repeat::Each => {
            let tag = tag_len(number, V::WIRE_TYPE);
            if V::RECORDS_LEN {
                rec.expect(values.len());
            }
            values.iter().map(|v| tag + v.value_len(rec)).sum()
        }
    }
}

/// Writes repeated field `number` holding `values`.
#[inline]
pub fn write<K, V: Value<K>>(number: u32, values: &[V], w: &mut Writer<'_>, sizes: &mut SizeCursor<'_>) {
    if values.is_empty() {
        return;
    }
    match V::REPEAT {
        Repeat::Packed => {
            let body = if V::PACKED_WIDTH != 0 { values.len() * V::PACKED_WIDTH } else { sizes.next_len() };
            w.put_tag(number, WireType::Bytes);
            w.put_varint(body as u64);
            if !V::encode_run(values, w) {
                for v in values {
                    v.encode_packed(w);
                }
            }
        }
        Repeat::Each => {
            for v in values {
                w.put_tag(number, V::WIRE_TYPE);
                v.encode(w, sizes);
            }
        }
    }
}

/// Reads one occurrence of a repeated field (a packed run, or consecutive elements), appending to `list`.
#[inline]
pub fn merge<'de, K, V: DecodeValue<'de, K>>(
    list: &mut Vec<V>,
    tag: &Tag,
    r: &mut Reader<'de>,
) -> Result<()> {
    read_elements::<K, V, Decoded>(tag, r, list)
}

/// How to read one element after its tag, and one element of a packed run. Owned decoding ([`Decoded`]) and
/// view validation share the loop below and differ only in this (zero-sized, so every call inlines).
pub(crate) trait ReadElement<'de, K, V: Value<K>> {
    /// What one element reads as.
    type Out;
    /// Reads one element after its tag.
    fn one(r: &mut Reader<'de>) -> Result<Self::Out>;
    /// Reads one element of a packed run.
    fn packed(r: &mut Reader<'de>) -> Result<Self::Out>;
    /// Takes a whole fixed-width run (already checked against the element limit) in one step, if possible.
    #[inline(always)]
    fn run(run: &'de [u8], count: usize, sink: &mut impl Sink<Self::Out>) -> bool {
        let _ = (run, count, sink);
        false
    }
    /// Takes a whole run of varint integers in one pass, if every element is at most `max` and at most
    /// `room` elements arrive; returns `false` (with `sink` as before) to have the run read element by element.
    #[inline(always)]
    fn varint_run(run: &'de [u8], max: u64, room: usize, sink: &mut impl Sink<Self::Out>) -> bool {
        let _ = (run, max, room, sink);
        false
    }
}

/// Reads elements as owned values.
pub(crate) struct Decoded;

impl<'de, K, V: DecodeValue<'de, K>> ReadElement<'de, K, V> for Decoded {
    type Out = V;
    #[inline(always)]
    fn one(r: &mut Reader<'de>) -> Result<V> {
        V::decode(r)
    }
    #[inline(always)]
    fn packed(r: &mut Reader<'de>) -> Result<V> {
        V::decode_packed(r)
    }
    #[inline(always)]
    fn run(run: &'de [u8], _: usize, sink: &mut impl Sink<V>) -> bool {
        sink.as_vec().is_some_and(|vec| V::decode_run(run, vec))
    }
    #[inline(always)]
    fn varint_run(run: &'de [u8], max: u64, room: usize, sink: &mut impl Sink<V>) -> bool {
        let Some(vec) = sink.as_vec() else {
            return false;
        };
        let start = vec.len();
        // Each element takes at least one byte, so the run's length bounds the count.
        vec.reserve(run.len().min(room));
        let complete = for_each_packed_varint(run, max, |raw| match V::from_packed_varint(raw) {
            Some(value) if vec.len() - start < room => {
                vec.push(value);
                true
            }
            _ => false,
        });
        if complete {
            return true;
        }
        vec.truncate(start);
        false
    }
}

/// Calls `f` with each varint of a packed run, in one pass over its bytes; stops and returns `false` at a
/// malformed varint, one above `max`, or when `f` returns `false`.
#[inline(always)]
pub(crate) fn for_each_packed_varint(run: &[u8], max: u64, mut f: impl FnMut(u64) -> bool) -> bool {
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
pub(crate) fn count_packed_varints(run: &[u8], max: u64) -> Option<usize> {
    let mut count = 0;
    for_each_packed_varint(run, max, |_| {
        count += 1;
        true
    })
    .then_some(count)
}

/// Where decoded elements go: a `Vec`, or a fixed-length array being filled.
pub(crate) trait Sink<V> {
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

impl<V> Sink<V> for Vec<V> {
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
    fn put(&mut self, value: V, r: &Reader<'_>, offset: usize) -> Result<()> {
        r.check_elements(self.len() + 1, offset)?;
        self.push(value);
        Ok(())
    }
    #[inline(always)]
    fn room(&self, r: &Reader<'_>) -> usize {
        r.options().max_elements.saturating_sub(self.len())
    }
    fn as_vec(&mut self) -> Option<&mut Vec<V>> {
        Some(self)
    }
}

/// Reads every element of one occurrence of a repeated field into `sink`.
#[inline]
pub(crate) fn read_elements<'de, K, V: Value<K>, E: ReadElement<'de, K, V>>(
    tag: &Tag,
    r: &mut Reader<'de>,
    sink: &mut impl Sink<E::Out>,
) -> Result<()> {
    if V::REPEAT == Repeat::Packed && tag.wire_type == WireType::Bytes {
        return read_packed_run::<K, V, E>(tag, r, sink);
    }
    r.expect_wire_type(tag, V::WIRE_TYPE)?;
    if V::REPEAT == Repeat::Packed && r.canonical() {
        return Err(r.non_canonical(CanonicalRule::UnpackedRepeated, tag.offset));
    }
    if V::WIRE_TYPE == WireType::Bytes {
        // Owned lists of strings, bytes and messages: count the run ahead (a skip per element) and allocate
        // once, instead of regrowing and moving every element already decoded. Capped by the element limit,
        // so hostile input cannot make it reserve past what the limit allows.
        let room = sink.room(r);
        if let Some(vec) = sink.as_vec() {
            vec.reserve(r.count_delimited_run(tag).min(room));
        }
    }
    let mut offset = tag.offset;
    loop {
        let value = E::one(r).map_err(|e| e.at_index(sink.count()))?;
        sink.put(value, r, offset)?;
        match r.eat_repeat(tag) {
            Some(next) => offset = next,
            None => return Ok(()),
        }
    }
}

/// Reads a packed run: in one step when the type allows (fixed-width runs, varint integers), inline; element
/// by element otherwise, out of line.
#[inline(always)]
fn read_packed_run<'de, K, V: Value<K>, E: ReadElement<'de, K, V>>(
    tag: &Tag,
    r: &mut Reader<'de>,
    sink: &mut impl Sink<E::Out>,
) -> Result<()> {
    let len = r.read_len()?;
    if len == 0 && r.canonical() {
        return Err(r.non_canonical(CanonicalRule::DefaultValueWritten, tag.offset));
    }
    if V::PACKED_WIDTH != 0 {
        if len % V::PACKED_WIDTH != 0 {
            let kind = DecodeErrorKind::PackedLengthNotMultiple { len, width: V::PACKED_WIDTH };
            return Err(r.error(kind, tag.offset));
        }
        sink.expect(len / V::PACKED_WIDTH, r, tag.offset)?;
        if !r.canonical() {
            let at = r.position();
            let run = r.take(len)?;
            if V::run_is_valid(run) && E::run(run, len / V::PACKED_WIDTH, sink) {
                return Ok(());
            }
            // Read element by element: either the type cannot take a run in bulk, or the run holds an
            // invalid element, which the element-wise read reports with its index and offset.
            r.rewind_to(at);
        }
    } else if let (Some(max), false) = (V::PACKED_VARINT_MAX, r.canonical()) {
        let at = r.position();
        let run = r.take(len)?;
        if E::varint_run(run, max, sink.room(r), sink) {
            return Ok(());
        }
        // An element out of range, malformed, or past the limit: the element-wise read reports it.
        r.rewind_to(at);
    }
    read_packed_elements::<K, V, E>(len, r, sink)
}

/// Reads the `len` bytes of a packed run element by element.
#[inline(never)]
fn read_packed_elements<'de, K, V: Value<K>, E: ReadElement<'de, K, V>>(
    len: usize,
    r: &mut Reader<'de>,
    sink: &mut impl Sink<E::Out>,
) -> Result<()> {
    r.within(len, |r| {
        while !r.at_end() {
            let at = r.position();
            let value = E::packed(r).map_err(|e| e.at_index(sink.count()))?;
            sink.put(value, r, at)?;
        }
        Ok(())
    })
}
