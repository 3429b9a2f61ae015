//! Repeated fields (`Vec<T>`, `&[T]`): scalars and pods packed in ONE BYTES run, strings, bytes, messages and
//! interface values one field per element. An empty list writes nothing.
//!
//! Decoding accepts packed and unpacked scalars and several runs, appending in order; it consumes a whole run
//! of consecutive same-tag elements in one call.

use super::element::{Decoded, ReadValue};
use super::encoded::{Encoded, WriteValue};
pub use super::sink::{count_packed_varints, for_each_packed_varint, Sink};
use super::{tag_len, DecodeValue, EncodeValue, Repeat};
use crate::decode::{Reader, Tag};
use crate::encode::{LenRecorder, SizeCursor, Writer};
use crate::error::{CanonicalRule, DecodeErrorKind, Result};
use crate::wire::{varint_len, WireType};

/// The wire type the encoder writes for a repeated field of `V`: BYTES for a packed run, the element's own
/// otherwise.
#[inline(always)]
pub const fn wire_type<K, V: EncodeValue<K>>() -> WireType {
    match V::REPEAT {
        Repeat::Packed => WireType::Bytes,
        Repeat::Each => V::WIRE_TYPE,
    }
}

/// Encoded size of repeated field `number` holding `values`.
#[inline]
pub fn len<K, V: EncodeValue<K>, R: LenRecorder>(number: u32, values: &[V], rec: &mut R) -> usize {
    len_with(&Encoded::<K, V>::NEW, number, values, rec)
}

/// Encoded size of repeated field `number` holding `values` of the kind `e` describes.
#[inline(always)]
pub fn len_with<E: WriteValue, R: LenRecorder>(e: &E, number: u32, values: &[E::In], rec: &mut R) -> usize {
    if values.is_empty() {
        return 0;
    }
    let shape = e.shape();
    match shape.repeat {
        Repeat::Packed => {
            let body = if shape.packed_width != 0 {
                values.len() * shape.packed_width
            } else {
                let slot = rec.reserve();
                let body = values.iter().map(|v| e.packed_len(v)).sum();
                rec.fill(slot, body);
                body
            };
            tag_len(number, WireType::Bytes) + varint_len(body as u64) + body
        }
        Repeat::Each => {
            let tag = tag_len(number, shape.wire_type);
            if e.records_len() {
                rec.expect(values.len());
            }
            values.iter().map(|v| tag + e.value_len(v, rec)).sum()
        }
    }
}

/// Writes repeated field `number` holding `values`.
#[inline]
pub fn write<K, V: EncodeValue<K>>(
    number: u32,
    values: &[V],
    w: &mut Writer<'_>,
    sizes: &mut SizeCursor<'_>,
) {
    write_with(&Encoded::<K, V>::NEW, number, values, w, sizes);
}

/// Writes repeated field `number` holding `values` of the kind `e` describes.
#[inline]
pub fn write_with<E: WriteValue>(
    e: &E,
    number: u32,
    values: &[E::In],
    w: &mut Writer<'_>,
    sizes: &mut SizeCursor<'_>,
) {
    if values.is_empty() {
        return;
    }
    match e.shape().repeat {
        Repeat::Packed => {
            let width = e.shape().packed_width;
            let body = if width != 0 { values.len() * width } else { sizes.next_len() };
            w.put_tag(number, WireType::Bytes);
            w.put_varint(body as u64);
            if !e.write_run(values, w) {
                for v in values {
                    e.write_packed(v, w);
                }
            }
        }
        Repeat::Each => {
            for v in values {
                w.put_tag(number, e.shape().wire_type);
                e.write(v, w, sizes);
            }
        }
    }
}

/// Reads one occurrence of a repeated field (a packed run, or consecutive elements), appending to `list`.
#[inline]
pub fn merge<'de, K, V: DecodeValue<'de, K>>(
    list: &mut impl Sink<V>,
    tag: &Tag,
    r: &mut Reader<'de>,
) -> Result<()> {
    read_elements(&Decoded::<K, V>::NEW, tag, r, list)
}

/// Reads every element of one occurrence of a repeated field into `sink`: a packed run (for kinds that pack;
/// several runs append), or consecutive elements with the same tag. In canonical mode a packable kind must
/// arrive packed, in one non-empty run.
#[inline]
pub fn read_elements<'de, E: ReadValue<'de>>(
    e: &E,
    tag: &Tag,
    r: &mut Reader<'de>,
    sink: &mut impl Sink<E::Out>,
) -> Result<()> {
    let shape = e.shape();
    if shape.repeat == Repeat::Packed && tag.wire_type == WireType::Bytes {
        return read_packed_run(e, tag, r, sink);
    }
    r.expect_wire_type(tag, shape.wire_type)?;
    if shape.repeat == Repeat::Packed && r.canonical() {
        return Err(r.non_canonical(CanonicalRule::UnpackedRepeated, tag.offset));
    }
    if shape.wire_type == WireType::Bytes {
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
        let value = e.read(r).map_err(|err| err.at_index(sink.count()))?;
        sink.put(value, r, offset)?;
        match r.eat_repeat(tag) {
            Some(next) => offset = next,
            None => return Ok(()),
        }
    }
}

/// Reads a packed run: in one step when the kind allows (fixed-width runs, varint integers), inline; element
/// by element otherwise, out of line.
#[inline(always)]
fn read_packed_run<'de, E: ReadValue<'de>>(
    e: &E,
    tag: &Tag,
    r: &mut Reader<'de>,
    sink: &mut impl Sink<E::Out>,
) -> Result<()> {
    let shape = e.shape();
    let len = r.read_len()?;
    if len == 0 && r.canonical() {
        return Err(r.non_canonical(CanonicalRule::DefaultValueWritten, tag.offset));
    }
    if shape.packed_width != 0 {
        if len % shape.packed_width != 0 {
            let kind = DecodeErrorKind::PackedLengthNotMultiple { len, width: shape.packed_width };
            return Err(r.error(kind, tag.offset));
        }
        sink.expect(len / shape.packed_width, r, tag.offset)?;
        if !r.canonical() {
            let at = r.position();
            let run = r.take(len)?;
            if e.run_is_valid(run) && e.run(run, len / shape.packed_width, sink) {
                return Ok(());
            }
            // Read element by element: either the kind cannot take a run in bulk, or the run holds an
            // invalid element, which the element-wise read reports with its index and offset.
            r.rewind_to(at);
        }
    } else if let (Some(max), false) = (shape.packed_varint_max, r.canonical()) {
        let at = r.position();
        let run = r.take(len)?;
        if e.varint_run(run, max, sink.room(r), sink) {
            return Ok(());
        }
        // An element out of range, malformed, or past the limit: the element-wise read reports it.
        r.rewind_to(at);
    }
    read_packed_elements(e, len, r, sink)
}

/// Reads the `len` bytes of a packed run element by element.
#[inline(never)]
fn read_packed_elements<'de, E: ReadValue<'de>>(
    e: &E,
    len: usize,
    r: &mut Reader<'de>,
    sink: &mut impl Sink<E::Out>,
) -> Result<()> {
    r.within(len, |r| {
        while !r.at_end() {
            let at = r.position();
            let value = e.read_packed(r).map_err(|err| err.at_index(sink.count()))?;
            sink.put(value, r, at)?;
        }
        Ok(())
    })
}
