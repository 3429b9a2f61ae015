//! Writing into an exactly-sized buffer.

use crate::wire::{make_tag, varint_len, WireType};
use core::mem::MaybeUninit;

/// Writes encoded bytes into a buffer that the measuring pass sized exactly.
///
/// The writer never grows or reallocates. Writing past the end panics (a measuring/writing mismatch in a
/// hand-written implementation); derived code never does.
///
/// The buffer may start uninitialised (an arena's or a `Vec`'s spare capacity), so the output is never
/// zero-filled first. The writer only ever stores initialised bytes, front to back without gaps: once
/// [`position`](Self::position) reaches `n`, the first `n` bytes are initialised.
#[derive(Debug)]
pub struct Writer<'b> {
    buf: &'b mut [MaybeUninit<u8>],
    pos: usize,
}

impl<'b> Writer<'b> {
    /// A writer at the start of `buf`.
    #[inline]
    pub fn new(buf: &'b mut [u8]) -> Self {
        // SAFETY: `MaybeUninit<u8>` has the size, alignment and validity of `u8` for initialised bytes, and
        // the writer only ever stores initialised bytes (see the type's docs), so `buf` stays initialised
        // for the caller after the writer is gone.
        let buf = unsafe { &mut *(core::ptr::from_mut::<[u8]>(buf) as *mut [MaybeUninit<u8>]) };
        Writer { buf, pos: 0 }
    }

    /// A writer at the start of possibly uninitialised `buf`.
    #[inline]
    pub fn new_uninit(buf: &'b mut [MaybeUninit<u8>]) -> Self {
        Writer { buf, pos: 0 }
    }

    /// The buffer, after writing.
    #[inline]
    pub(crate) fn into_inner(self) -> &'b mut [MaybeUninit<u8>] {
        self.buf
    }

    /// Bytes written so far.
    #[inline]
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Writes one byte.
    #[inline(always)]
    pub fn put_u8(&mut self, byte: u8) {
        self.buf[self.pos] = MaybeUninit::new(byte);
        self.pos += 1;
    }

    /// Writes a run of bytes.
    #[inline(always)]
    pub fn put_slice(&mut self, bytes: &[u8]) {
        let end = self.pos + bytes.len();
        let out = &mut self.buf[self.pos..end];
        // SAFETY: `out` is an exclusively borrowed, bounds-checked run of exactly `bytes.len()` elements, so
        // the copy stays in bounds and cannot overlap `bytes`; `MaybeUninit<u8>` has the layout of `u8`.
        // (`write_copy_of_slice` does this safely but needs Rust 1.93, above the MSRV; an element-wise loop
        // measured 2 instructions per byte instead of a `memcpy`.)
        unsafe { core::ptr::copy_nonoverlapping(bytes.as_ptr(), out.as_mut_ptr().cast::<u8>(), bytes.len()) };
        self.pos = end;
    }

    /// Writes a varint: one or two bytes in one step each; longer ones with a single bounds check.
    #[inline(always)]
    pub fn put_varint(&mut self, value: u64) {
        if value < 0x80 {
            self.put_u8(value as u8);
        } else if value < 0x4000 {
            let out = &mut self.buf[self.pos..self.pos + 2];
            out[0] = MaybeUninit::new((value as u8) | 0x80);
            out[1] = MaybeUninit::new((value >> 7) as u8);
            self.pos += 2;
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
            *byte = MaybeUninit::new((value as u8) | 0x80);
            value >>= 7;
        }
        *last = MaybeUninit::new(value as u8);
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
