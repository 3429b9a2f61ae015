//! Re-reading bytes a view already validated.
//!
//! A view validates once; iterating a list, opening a map entry or a boxed value then re-reads those bytes.
//! Every check the validating pass made (wire types, integer ranges, lengths against the input, limits,
//! canonical rules) already passed, so re-reading needs none of them: a [`Cursor`] decodes tags, varints and
//! lengths with nothing but safe slicing. It never fails and never panics; on bytes that were *not* validated
//! (impossible through the public API) it would return meaningless values, never undefined behaviour — strings
//! are still checked for UTF-8, through the ASCII fast path.

use crate::decode::Reader;
use crate::error::Result;
use crate::wire::{after_shortest_tag, decode_varint, make_tag, WireType};

/// A field tag met while re-reading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RevisitTag {
    /// The field number.
    pub number: u32,
    /// The wire type.
    pub wire_type: WireType,
    /// Offset of the tag in the cursor's bytes.
    pub offset: usize,
    /// Length of the tag in bytes.
    pub len: usize,
}

/// A cursor over validated bytes (see the module docs). It keeps the unread bytes as one slice, so each read
/// is one length check on it; offsets are worked out from the slice's length when asked for.
#[derive(Clone, Debug)]
pub struct Cursor<'a> {
    bytes: &'a [u8],
    rest: &'a [u8],
}

impl<'a> Cursor<'a> {
    /// A cursor at the start of `bytes`.
    #[inline(always)]
    pub fn new(bytes: &'a [u8]) -> Self {
        Cursor { bytes, rest: bytes }
    }

    /// The current offset.
    #[inline(always)]
    pub fn position(&self) -> usize {
        self.bytes.len() - self.rest.len()
    }

    /// Whether every byte was read.
    #[inline(always)]
    pub fn at_end(&self) -> bool {
        self.rest.is_empty()
    }

    /// The bytes between `start` and the current offset.
    #[inline(always)]
    pub fn since(&self, start: usize) -> &'a [u8] {
        let bytes: &'a [u8] = self.bytes;
        bytes.get(start..self.position()).unwrap_or_default()
    }

    /// Where a list or map field whose occurrences so far cover `span` starts: at `tag` for its first one.
    #[inline(always)]
    pub fn span_start(&self, span: &[u8], tag: &RevisitTag) -> usize {
        if span.is_empty() {
            tag.offset
        } else {
            (span.as_ptr() as usize).wrapping_sub(self.bytes.as_ptr() as usize)
        }
    }

    /// Moves past the next `len` bytes (all that are left if fewer).
    #[inline(always)]
    fn advance(&mut self, len: usize) {
        let rest: &'a [u8] = self.rest;
        self.rest = rest.get(len..).unwrap_or(&rest[rest.len()..]);
    }

    /// Moves to the end of the bytes. The empty rest still points at the end of `bytes` (not at some static
    /// empty slice): callers place the slices they take inside the input by their addresses.
    #[inline(always)]
    fn skip_to_end(&mut self) {
        let rest: &'a [u8] = self.rest;
        self.rest = &rest[rest.len()..];
    }

    /// Reads a varint (0 at the end of the bytes).
    #[inline(always)]
    pub fn varint(&mut self) -> u64 {
        let rest: &'a [u8] = self.rest;
        match rest {
            [b0, tail @ ..] if *b0 < 0x80 => {
                self.rest = tail;
                u64::from(*b0)
            }
            [b0, b1, tail @ ..] if *b1 < 0x80 => {
                self.rest = tail;
                u64::from(*b0 & 0x7f) | (u64::from(*b1) << 7)
            }
            _ => self.varint_long(),
        }
    }

    /// A varint of three bytes or more (or a cut one at the end, which validated bytes never hold).
    #[inline(always)]
    fn varint_long(&mut self) -> u64 {
        match decode_varint(self.rest) {
            Ok((value, len)) => {
                self.advance(len);
                value
            }
            Err(_) => {
                self.skip_to_end();
                0
            }
        }
    }

    /// Reads `N` raw bytes (zeros past the end).
    #[inline(always)]
    pub fn array<const N: usize>(&mut self) -> [u8; N] {
        let rest: &'a [u8] = self.rest;
        match rest.split_first_chunk::<N>() {
            Some((bytes, tail)) => {
                self.rest = tail;
                *bytes
            }
            None => {
                self.skip_to_end();
                [0; N]
            }
        }
    }

    /// Takes the next `len` bytes (fewer at the end of the bytes).
    #[inline(always)]
    pub fn take(&mut self, len: usize) -> &'a [u8] {
        let rest: &'a [u8] = self.rest;
        let (taken, tail) = rest.split_at(len.min(rest.len()));
        self.rest = tail;
        taken
    }

    /// Reads a length prefix and the bytes it covers.
    #[inline(always)]
    pub fn len_delimited(&mut self) -> &'a [u8] {
        let len = self.varint();
        self.take(usize::try_from(len).unwrap_or(usize::MAX))
    }

    /// If the next bytes are the (one- or two-byte) tag of field `number` with `wire_type`, consumes them.
    #[inline(always)]
    pub fn eat_tag(&mut self, number: u32, wire_type: WireType) -> Option<RevisitTag> {
        let offset = self.position();
        let rest: &'a [u8] = self.rest;
        let after = after_shortest_tag(rest, make_tag(number, wire_type))?;
        let len = rest.len() - after.len();
        self.rest = after;
        Some(RevisitTag { number, wire_type, offset, len })
    }

    /// Reads the next tag, or `None` at the end.
    #[inline(always)]
    pub fn next_tag(&mut self) -> Option<RevisitTag> {
        if self.at_end() {
            return None;
        }
        let offset = self.position();
        let before = self.rest.len();
        let raw = self.varint();
        let (number, wire_type) = ((raw >> 3) as u32, WIRE_TYPES[(raw & 7) as usize]);
        Some(RevisitTag { number, wire_type, offset, len: before - self.rest.len() })
    }

    /// If the next bytes repeat the tag at `tag.offset` (the next element of a list), consumes them.
    #[inline(always)]
    pub fn eat_repeat(&mut self, tag: &RevisitTag) -> bool {
        let rest: &'a [u8] = self.rest;
        match (self.bytes.get(tag.offset..tag.offset + tag.len), rest.split_at_checked(tag.len)) {
            (Some(a), Some((b, tail))) if a == b => {
                self.rest = tail;
                true
            }
            _ => false,
        }
    }

    /// Steps over one payload of `wire_type`.
    #[inline]
    pub fn skip(&mut self, wire_type: WireType) {
        match wire_type {
            WireType::Varint | WireType::Svarint => {
                self.varint();
            }
            WireType::Fixed64 => {
                self.array::<8>();
            }
            WireType::Fixed32 => {
                self.array::<4>();
            }
            WireType::Bytes => {
                self.len_delimited();
            }
            WireType::TypeRef => {
                self.varint();
                self.len_delimited();
            }
        }
    }

    /// Steps over the element after `tag` and every following element with the same tag (one occurrence of
    /// an unpacked list or a map); returns how many.
    #[inline]
    pub fn skip_repeats(&mut self, tag: &RevisitTag) -> usize {
        let mut count = 0;
        loop {
            self.skip(tag.wire_type);
            count += 1;
            if !self.eat_repeat(tag) {
                return count;
            }
        }
    }

    /// Runs a validating read on the rest of the bytes (for value types without a re-reading fast path) and
    /// moves past what it consumed; `None` if it fails, which validated bytes never do.
    #[inline]
    pub fn with_reader<T>(&mut self, read: impl FnOnce(&mut Reader<'a>) -> Result<T>) -> Option<T> {
        let mut r = Reader::revisit(self.rest);
        let out = read(&mut r).ok();
        self.advance(r.position());
        out
    }
}

/// The wire type for each bit pattern; 3 and 4 never occur in validated bytes (they read as VARINT here).
const WIRE_TYPES: [WireType; 8] = {
    let mut table = [WireType::Varint; 8];
    let mut bits = 0;
    while bits < 8 {
        if let Some(wire_type) = WireType::from_bits(bits as u8) {
            table[bits] = wire_type;
        }
        bits += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_it_takes_at_the_end_of_the_bytes_lies_at_their_end() {
        // A cut varint, a cut array and a length past the end: each leaves an empty rest at the end of the
        // bytes, so a slice taken next is still placed inside them by its address.
        let bytes = [0x12, 0x05, b'a', 0x80];
        let end = bytes.as_ptr_range().end;
        for read in [
            |c: &mut Cursor<'_>| {
                c.varint();
            },
            |c: &mut Cursor<'_>| {
                c.array::<8>();
            },
            |c: &mut Cursor<'_>| {
                c.len_delimited();
            },
        ] {
            let mut c = Cursor::new(&bytes);
            c.next_tag();
            if c.rest.first() == Some(&0x05) {
                c.varint();
            }
            read(&mut c);
            read(&mut c);
            assert!(c.at_end());
            assert_eq!(c.position(), bytes.len());
            assert_eq!(c.take(3).as_ptr_range(), end..end);
            assert_eq!(c.len_delimited().as_ptr(), end);
        }
    }

    #[test]
    fn reads_tags_varints_and_lengths() {
        // field 1 varint 300, field 2 bytes "hi", field 3 fixed32 7
        let bytes = [0x08, 0xac, 0x02, 0x12, 0x02, b'h', b'i', 0x1d, 7, 0, 0, 0];
        let mut c = Cursor::new(&bytes);
        let tag = c.next_tag().unwrap();
        assert_eq!((tag.number, tag.wire_type, tag.offset), (1, WireType::Varint, 0));
        assert_eq!(c.varint(), 300);
        assert_eq!(c.next_tag().unwrap().number, 2);
        assert_eq!(c.len_delimited(), b"hi");
        let tag = c.next_tag().unwrap();
        assert_eq!(tag.wire_type, WireType::Fixed32);
        assert_eq!(u32::from_le_bytes(c.array::<4>()), 7);
        assert!(c.next_tag().is_none());
    }

    #[test]
    fn never_panics_on_truncated_or_garbage_bytes() {
        for bytes in [&[0x12, 0x7f, 1][..], &[0xff; 12], &[0x1d, 1], &[0x0a], &[0x80]] {
            let mut c = Cursor::new(bytes);
            while let Some(tag) = c.next_tag() {
                c.skip(tag.wire_type);
            }
            assert!(c.at_end());
        }
        let mut c = Cursor::new(&[0x05, b'a']);
        assert_eq!(c.len_delimited(), b"a", "a length past the end is clamped");
    }
}
