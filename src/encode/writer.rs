//! Writing into an exactly-sized buffer.

use crate::wire::{make_tag, varint_len, WireType};

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

    /// Writes a varint: one byte in one step; longer ones with a single bounds check.
    #[inline(always)]
    pub fn put_varint(&mut self, value: u64) {
        if value < 0x80 {
            self.put_u8(value as u8);
        } else {
            self.put_varint_multibyte(value);
        }
    }

    #[inline]
    fn put_varint_multibyte(&mut self, mut value: u64) {
        let len = varint_len(value);
        let out = &mut self.buf[self.pos..self.pos + len];
        let (last, body) = out.split_last_mut().expect("a varint is at least one byte");
        for byte in body {
            *byte = (value as u8) | 0x80;
            value >>= 7;
        }
        *last = value as u8;
        self.pos += len;
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
