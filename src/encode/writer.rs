//! Writing into an exactly-sized buffer.

use crate::wire::{encode_varint, make_tag, WireType};

/// Writes encoded bytes into a buffer that the measuring pass sized exactly.
///
/// The writer never grows or reallocates. Writing past the end panics (a measuring/writing mismatch in a
/// hand-written implementation); derived code never does.
#[derive(Debug)]
pub struct Writer<'b> {
    buf: &'b mut [u8],
    pos: usize,
}

impl<'b> Writer<'b> {
    /// A writer at the start of `buf`.
    #[inline]
    pub fn new(buf: &'b mut [u8]) -> Self {
        Writer { buf, pos: 0 }
    }

    /// Bytes written so far.
    #[inline]
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Writes one byte.
    #[inline(always)]
    pub fn put_u8(&mut self, byte: u8) {
        self.buf[self.pos] = byte;
        self.pos += 1;
    }

    /// Writes a run of bytes.
    #[inline(always)]
    pub fn put_slice(&mut self, bytes: &[u8]) {
        let end = self.pos + bytes.len();
        self.buf[self.pos..end].copy_from_slice(bytes);
        self.pos = end;
    }

    /// Writes a varint.
    #[inline(always)]
    pub fn put_varint(&mut self, value: u64) {
        self.pos += encode_varint(value, &mut self.buf[self.pos..]);
    }

    /// Writes a field tag.
    #[inline(always)]
    pub fn put_tag(&mut self, number: u32, wire_type: WireType) {
        self.put_varint(make_tag(number, wire_type));
    }

    /// Writes four little-endian bytes.
    #[inline(always)]
    pub fn put_fixed32(&mut self, value: u32) {
        self.put_slice(&value.to_le_bytes());
    }

    /// Writes eight little-endian bytes.
    #[inline(always)]
    pub fn put_fixed64(&mut self, value: u64) {
        self.put_slice(&value.to_le_bytes());
    }
}
