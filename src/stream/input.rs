//! The reading side's buffer: bytes read from a `Read` into one buffer that is reused for the whole stream and
//! never grows past a cap, so a reader's memory is bounded whatever the input says. It grows only as bytes
//! arrive (at most doubling per read), never to what a length prefix claims: a hostile prefix costs memory
//! in proportion to the bytes actually sent.

use std::io::{self, Read};

/// Bytes read at a time while the buffer is small.
const MIN_READ: usize = 8 << 10;

/// Bytes read from `R`, of which `buf[start..end]` are not yet consumed.
pub(crate) struct ReadBuffer<R> {
    input: R,
    buf: Vec<u8>,
    start: usize,
    end: usize,
    /// The stream offset of `buf[start]`.
    offset: u64,
    /// The most unconsumed bytes the buffer is ever asked to hold.
    cap: usize,
}

impl<R: Read> ReadBuffer<R> {
    /// An empty buffer over `input` that holds at most `cap` unconsumed bytes.
    pub(crate) fn new(input: R, cap: usize) -> Self {
        ReadBuffer { input, buf: Vec::new(), start: 0, end: 0, offset: 0, cap }
    }

    /// Changes the cap (before anything larger is needed).
    pub(crate) fn set_cap(&mut self, cap: usize) {
        self.cap = cap;
    }

    /// The bytes read but not yet consumed.
    pub(crate) fn available(&self) -> &[u8] {
        &self.buf[self.start..self.end]
    }

    /// The stream offset of the first unconsumed byte.
    pub(crate) fn offset(&self) -> u64 {
        self.offset
    }

    /// Marks the first `n` available bytes consumed; they stay readable through [`consumed`](Self::consumed)
    /// until the next read.
    pub(crate) fn consume(&mut self, n: usize) {
        debug_assert!(n <= self.end - self.start);
        self.start += n;
        self.offset += n as u64;
    }

    /// The `len` bytes that end `back` bytes before the first unconsumed one: bytes consumed since the last
    /// read.
    pub(crate) fn consumed(&self, back: usize, len: usize) -> &[u8] {
        &self.buf[self.start - back..self.start - back + len]
    }

    /// Reads until `needed` unconsumed bytes are buffered (at most the cap); `false` when the input ends first
    /// (then the buffer holds about twice what arrived, at most, whatever `needed` was).
    pub(crate) fn fill_to(&mut self, needed: usize) -> io::Result<bool> {
        while self.end - self.start < needed {
            if !self.read_more(needed)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// One read into the buffer, making room toward `needed` unconsumed bytes first (moving the unconsumed
    /// bytes to the front, and doubling a buffer they fill); `false` at the end of input.
    pub(crate) fn read_more(&mut self, needed: usize) -> io::Result<bool> {
        if self.start.saturating_add(needed) > self.buf.len() || self.end == self.buf.len() {
            if self.start > 0 {
                self.buf.copy_within(self.start..self.end, 0);
                (self.end, self.start) = (self.end - self.start, 0);
            }
            if self.end == self.buf.len() {
                let room = self.buf.len().saturating_mul(2).max(MIN_READ).min(self.cap);
                self.buf.resize(room.max(self.end + 1), 0);
            }
        }
        loop {
            match self.input.read(&mut self.buf[self.end..]) {
                Ok(0) => return Ok(false),
                Ok(n) => {
                    self.end += n;
                    return Ok(true);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }
}
