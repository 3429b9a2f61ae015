//! The serializer's two passes over a value, as the runtime encodes a derived message: [`Measure`] sizes every
//! length-delimited value and records its length, then [`Write`] writes into a buffer of exactly the measured
//! size, each length known before its prefix is written. Scalars are measured and written by the field kinds'
//! own rules (`plain` omits a default value, `optional::write_present` always writes one, packed elements
//! by the value's `EncodeValue`), so the bridge holds no wire rule of its own for them.
//!
//! serde hands over one value at a time, so the bridge cannot hand the runtime a whole list or map: it opens
//! and closes the length-delimited values (nested messages, packed runs, map entries) itself, through
//! [`Pass::open`] and [`Pass::close`]. A `Serialize` implementation that gives different values on the two
//! passes is an error ([`Error::Inconsistent`]), never a panic or wrong bytes: every write is checked against
//! the measured size first.

use super::{Error, Result};
use crate::encode::{LenRecorder, NoRecord, SizeCache, SizeCursor, Writer};
use crate::field::encoded::Encoded;
use crate::field::{optional, plain, tag_len, EncodeValue, Natural};
use crate::wire::{varint_len, WireType};

/// How a field value is written.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    /// A plain field: omitted when it holds the default.
    Plain,
    /// Inside `Some`, or an element of a list: always written.
    Present,
}

/// One of the two passes the serializer makes over a value.
pub(super) trait Pass {
    /// An open length-delimited value.
    type Frame;
    /// An open map entry.
    type Entry;
    /// Whether map entries are put in key order in this pass (the writing pass); the measuring pass only
    /// sums their sizes, so it needs no sort keys.
    const SORTS: bool;

    /// Scalar `value` as field `number`, by the plain or the present rule.
    fn scalar<V: EncodeValue>(&mut self, number: u32, value: &V, mode: Mode) -> Result<()>;

    /// Scalar `value` as an element of the open packed run.
    fn packed<V: EncodeValue>(&mut self, value: &V) -> Result<()>;

    /// One byte of an open bytes value (a list of `u8`).
    fn byte(&mut self, byte: u8) -> Result<()>;

    /// Opens a length-delimited value of field `number`: its tag, the type id of an interface value, and its
    /// length. With `omit_if_empty` (a plain field holding a default message), an empty value is left out.
    fn open(
        &mut self,
        number: u32,
        wire_type: WireType,
        type_id: Option<u64>,
        omit_if_empty: bool,
    ) -> Result<Self::Frame>;

    /// Closes the value `frame` opened.
    fn close(&mut self, frame: Self::Frame) -> Result<()>;

    /// Opens an entry of map field `number`, whose key and value follow.
    fn open_entry(&mut self, number: u32) -> Result<Self::Entry>;

    /// Closes an entry: its bytes, when the pass puts entries in key order before writing them.
    fn close_entry(&mut self, entry: Self::Entry) -> Result<Option<Vec<u8>>>;

    /// Writes map field `number`'s entries, collected by [`close_entry`](Self::close_entry) and sorted.
    fn entries<'e>(&mut self, number: u32, entries: impl Iterator<Item = &'e [u8]>) -> Result<()>;
}

/// The measuring pass: the encoded size so far, and the length of every length-delimited value in the
/// order they are opened.
#[derive(Default)]
pub(super) struct Measure {
    total: usize,
    lens: SizeCache,
}

/// A value the measuring pass has open.
pub(super) struct MeasuredFrame {
    slot: usize,
    header_start: usize,
    body_start: usize,
    omit_if_empty: bool,
}

impl Pass for Measure {
    type Frame = MeasuredFrame;
    type Entry = MeasuredFrame;
    const SORTS: bool = false;

    #[inline]
    fn scalar<V: EncodeValue>(&mut self, number: u32, value: &V, mode: Mode) -> Result<()> {
        self.total += scalar_len(number, value, mode);
        Ok(())
    }

    #[inline]
    fn packed<V: EncodeValue>(&mut self, value: &V) -> Result<()> {
        self.total += value.packed_len();
        Ok(())
    }

    #[inline]
    fn byte(&mut self, _: u8) -> Result<()> {
        self.total += 1;
        Ok(())
    }

    #[inline]
    fn open(
        &mut self,
        number: u32,
        wire_type: WireType,
        type_id: Option<u64>,
        omit_if_empty: bool,
    ) -> Result<MeasuredFrame> {
        let header_start = self.total;
        self.total += tag_len(number, wire_type) + type_id.map_or(0, varint_len);
        // Every value keeps its slot, even an omitted one: the writing pass opens it too.
        let slot = self.lens.reserve();
        Ok(MeasuredFrame { slot, header_start, body_start: self.total, omit_if_empty })
    }

    #[inline]
    fn close(&mut self, frame: MeasuredFrame) -> Result<()> {
        let body = self.total - frame.body_start;
        self.lens.fill(frame.slot, body);
        if frame.omit_if_empty && body == 0 {
            self.total = frame.header_start;
        } else {
            self.total += varint_len(body as u64);
        }
        Ok(())
    }

    fn open_entry(&mut self, number: u32) -> Result<MeasuredFrame> {
        self.open(number, WireType::Bytes, None, false)
    }

    fn close_entry(&mut self, entry: MeasuredFrame) -> Result<Option<Vec<u8>>> {
        self.close(entry).map(|()| None)
    }

    fn entries<'e>(&mut self, _: u32, _: impl Iterator<Item = &'e [u8]>) -> Result<()> {
        Ok(())
    }
}

impl Measure {
    /// The writing pass over a buffer of the measured size.
    pub(super) fn writer(&self) -> Write<'_> {
        Write { buf: vec![0; self.total], pos: 0, lens: self.lens.cursor() }
    }
}

/// Size of scalar field `number` holding `value`: the field kinds' plain or present rule.
#[inline(always)]
fn scalar_len<V: EncodeValue>(number: u32, value: &V, mode: Mode) -> usize {
    match mode {
        Mode::Plain => plain::len::<Natural, V, _>(number, value, &mut NoRecord),
        Mode::Present => optional::present_len(&Encoded::<Natural, V>::NEW, number, value, &mut NoRecord),
    }
}

/// The writing pass: a buffer of the measured size, the position in it, and the measured lengths.
pub(super) struct Write<'l> {
    buf: Vec<u8>,
    pos: usize,
    lens: SizeCursor<'l>,
}

impl Write<'_> {
    /// A writer over the next `len` bytes, which the measuring pass made room for.
    #[inline(always)]
    fn next(&mut self, len: usize) -> Result<Writer<'_>> {
        let start = self.pos;
        let end = start.checked_add(len).filter(|end| *end <= self.buf.len()).ok_or_else(inconsistent)?;
        self.pos = end;
        Ok(Writer::new(&mut self.buf[start..end]))
    }

    /// The length the measuring pass recorded for the next length-delimited value.
    #[inline(always)]
    fn next_len(&mut self) -> Result<usize> {
        self.lens.try_next_len().ok_or_else(inconsistent)
    }

    /// The encoded bytes, once the value was written: exactly what the measuring pass sized.
    pub(super) fn finish(self) -> Result<Vec<u8>> {
        if self.pos == self.buf.len() && self.lens.is_exhausted() {
            Ok(self.buf)
        } else {
            Err(Error::Inconsistent)
        }
    }
}

/// The error of a writing pass that found the value unlike the measured one. A function, not
/// `ok_or(Error::Inconsistent)`: that builds and drops an `Error` on every call (a call to its destructor).
#[cold]
fn inconsistent() -> Error {
    Error::Inconsistent
}

/// A value the writing pass has open: where its body must end.
pub(super) struct WrittenFrame {
    end: usize,
}

/// A map entry the writing pass has open: its own buffer while its key and value are written, and the
/// position in the outer buffer to go back to.
pub(super) struct WrittenEntry {
    outer: Vec<u8>,
    outer_pos: usize,
}

impl Pass for Write<'_> {
    type Frame = WrittenFrame;
    type Entry = WrittenEntry;
    const SORTS: bool = true;

    #[inline]
    fn scalar<V: EncodeValue>(&mut self, number: u32, value: &V, mode: Mode) -> Result<()> {
        let len = scalar_len(number, value, mode);
        if len > 0 {
            // A plain field that has a size holds no default, so it is written as a present one.
            let mut w = self.next(len)?;
            optional::write_present(
                &Encoded::<Natural, V>::NEW,
                number,
                value,
                &mut w,
                &mut SizeCursor::new(&[]),
            );
        }
        Ok(())
    }

    #[inline]
    fn packed<V: EncodeValue>(&mut self, value: &V) -> Result<()> {
        value.encode_packed(&mut self.next(value.packed_len())?);
        Ok(())
    }

    #[inline]
    fn byte(&mut self, byte: u8) -> Result<()> {
        self.next(1)?.put_u8(byte);
        Ok(())
    }

    #[inline]
    fn open(
        &mut self,
        number: u32,
        wire_type: WireType,
        type_id: Option<u64>,
        omit_if_empty: bool,
    ) -> Result<WrittenFrame> {
        let len = self.next_len()?;
        if !(omit_if_empty && len == 0) {
            let header = tag_len(number, wire_type) + type_id.map_or(0, varint_len) + varint_len(len as u64);
            let mut w = self.next(header)?;
            w.put_tag(number, wire_type);
            if let Some(id) = type_id {
                w.put_varint(id);
            }
            w.put_varint(len as u64);
        }
        Ok(WrittenFrame { end: self.pos + len })
    }

    #[inline]
    fn close(&mut self, frame: WrittenFrame) -> Result<()> {
        if self.pos == frame.end {
            Ok(())
        } else {
            Err(Error::Inconsistent)
        }
    }

    fn open_entry(&mut self, _: u32) -> Result<WrittenEntry> {
        let len = self.next_len()?;
        let outer = core::mem::replace(&mut self.buf, vec![0; len]);
        Ok(WrittenEntry { outer, outer_pos: core::mem::replace(&mut self.pos, 0) })
    }

    fn close_entry(&mut self, entry: WrittenEntry) -> Result<Option<Vec<u8>>> {
        let written = self.pos == self.buf.len();
        let bytes = core::mem::replace(&mut self.buf, entry.outer);
        self.pos = entry.outer_pos;
        if written {
            Ok(Some(bytes))
        } else {
            Err(Error::Inconsistent)
        }
    }

    fn entries<'e>(&mut self, number: u32, mut entries: impl Iterator<Item = &'e [u8]>) -> Result<()> {
        entries.try_for_each(|entry| self.scalar(number, &entry, Mode::Present))
    }
}
