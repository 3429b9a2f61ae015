//! A bounds-checked cursor over the input.

use crate::error::{CanonicalRule, DecodeError, DecodeErrorKind, Limit, Result};
use crate::options::DecodeOptions;
use crate::unknown::UnknownFields;
use crate::wire::{decode_varint, split_tag, VarintError, WireType, MAX_FIELD_NUMBER};

/// A field tag read from the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tag {
    /// The field number (1 to 2^29 - 1).
    pub number: u32,
    /// The wire type.
    pub wire_type: WireType,
    /// Byte offset of the tag in the input.
    pub offset: usize,
    raw: u64,
    len: u8,
}

/// A cursor over the input of one decode.
///
/// Offsets are absolute: a nested message narrows the readable end but keeps positions relative to the start
/// of the whole input, so every error says where in *your* buffer the problem is.
#[derive(Debug, Clone)]
pub struct Reader<'de> {
    input: &'de [u8],
    pos: usize,
    end: usize,
    depth: u32,
    opts: DecodeOptions,
}

impl<'de> Reader<'de> {
    /// A reader over all of `input`; fails if the input exceeds the message length limit.
    pub fn new(input: &'de [u8], opts: &DecodeOptions) -> Result<Self> {
        if input.len() > opts.max_message_len {
            return Err(limit_error(Limit::MessageLen, opts.max_message_len, 0));
        }
        Ok(Reader { input, pos: 0, end: input.len(), depth: 0, opts: *opts })
    }

    /// A reader over bytes that a view already validated: no limits, lenient, never fails to construct.
    /// Views re-read such bytes lazily (iterating a list, opening a boxed message).
    pub(crate) fn revisit(input: &'de [u8]) -> Self {
        let opts = DecodeOptions::DEFAULT.max_depth(u32::MAX);
        Reader { input, pos: 0, end: input.len(), depth: 0, opts }
    }

    /// The input between two offsets (as returned by [`position`](Self::position)).
    #[inline(always)]
    pub fn slice(&self, start: usize, end: usize) -> &'de [u8] {
        let input: &'de [u8] = self.input;
        &input[start..end]
    }

    /// The offset in the input at which `part` (a slice of the input) starts.
    #[inline(always)]
    pub fn offset_of(&self, part: &[u8]) -> usize {
        part.as_ptr() as usize - self.input.as_ptr() as usize
    }

    /// The options this decode runs under.
    #[inline(always)]
    pub fn options(&self) -> &DecodeOptions {
        &self.opts
    }

    /// Whether canonical form is being enforced.
    #[inline(always)]
    pub fn canonical(&self) -> bool {
        self.opts.canonical
    }

    /// The current byte offset in the input.
    #[inline(always)]
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Bytes left before the end of the current message.
    #[inline(always)]
    pub fn remaining(&self) -> usize {
        self.end - self.pos
    }

    /// Whether the current message has no more bytes.
    #[inline(always)]
    pub fn at_end(&self) -> bool {
        self.pos >= self.end
    }

    /// An error of `kind` at `offset`.
    #[cold]
    pub fn error(&self, kind: DecodeErrorKind, offset: usize) -> DecodeError {
        DecodeError::new(kind, offset)
    }

    /// An error that canonical `rule` broke at `offset`.
    #[cold]
    pub fn non_canonical(&self, rule: CanonicalRule, offset: usize) -> DecodeError {
        DecodeError::new(DecodeErrorKind::NonCanonical(rule), offset)
    }

    /// Reads a varint (in canonical mode: only in its shortest form).
    #[inline(always)]
    pub fn read_varint(&mut self) -> Result<u64> {
        // One- and two-byte values (tags, lengths, small numbers) take these branches alone; a two-byte
        // varint whose second byte is 0 is overlong, which only canonical mode rejects (in the slow path).
        match self.input[..self.end].get(self.pos..) {
            Some([b0, ..]) if *b0 < 0x80 => {
                self.pos += 1;
                Ok(u64::from(*b0))
            }
            Some([b0, b1, ..]) if *b1 < 0x80 && (*b1 != 0 || !self.opts.canonical) => {
                self.pos += 2;
                Ok(u64::from(*b0 & 0x7f) | (u64::from(*b1) << 7))
            }
            _ => self.read_varint_multibyte(),
        }
    }

    #[inline(never)]
    fn read_varint_multibyte(&mut self) -> Result<u64> {
        let rest = &self.input[self.pos..self.end];
        match decode_varint(rest) {
            Ok((value, len)) => {
                if self.opts.canonical && len > 1 && rest[len - 1] == 0 {
                    return Err(self.non_canonical(CanonicalRule::OverlongVarint, self.pos));
                }
                self.pos += len;
                Ok(value)
            }
            Err(e) => Err(self.varint_error(e)),
        }
    }

    #[cold]
    fn varint_error(&self, e: VarintError) -> DecodeError {
        let kind = match e {
            VarintError::Truncated => DecodeErrorKind::Truncated,
            VarintError::Overflow => DecodeErrorKind::VarintOverflow,
        };
        self.error(kind, self.pos)
    }

    /// Reads `N` raw bytes.
    #[inline(always)]
    pub fn read_array<const N: usize>(&mut self) -> Result<[u8; N]> {
        match self.input[self.pos..self.end].first_chunk::<N>() {
            Some(bytes) => {
                self.pos += N;
                Ok(*bytes)
            }
            None => Err(self.error(DecodeErrorKind::Truncated, self.pos)),
        }
    }

    /// Reads four little-endian bytes.
    #[inline(always)]
    pub fn read_fixed32(&mut self) -> Result<u32> {
        self.read_array::<4>().map(u32::from_le_bytes)
    }

    /// Reads eight little-endian bytes.
    #[inline(always)]
    pub fn read_fixed64(&mut self) -> Result<u64> {
        self.read_array::<8>().map(u64::from_le_bytes)
    }

    /// Reads a length prefix and checks it against the bytes remaining (before anyone allocates for it).
    #[inline(always)]
    pub fn read_len(&mut self) -> Result<usize> {
        let at = self.pos;
        let len = self.read_varint()?;
        if len > self.remaining() as u64 {
            return Err(
                self.error(DecodeErrorKind::LengthOutOfBounds { len, remaining: self.remaining() }, at)
            );
        }
        Ok(len as usize)
    }

    /// Takes the next `len` bytes (already checked by [`read_len`](Self::read_len)).
    #[inline(always)]
    pub fn take(&mut self, len: usize) -> Result<&'de [u8]> {
        if len > self.remaining() {
            return Err(self.error(DecodeErrorKind::Truncated, self.pos));
        }
        let input: &'de [u8] = self.input;
        let bytes = &input[self.pos..self.pos + len];
        self.pos += len;
        Ok(bytes)
    }

    /// Reads a length prefix and the bytes it covers, enforcing `limit` on the length.
    #[inline(always)]
    pub fn read_len_delimited(&mut self, limit: Limit) -> Result<&'de [u8]> {
        let at = self.pos;
        let len = self.read_len()?;
        let max = match limit {
            Limit::StringLen => self.opts.max_string_len,
            Limit::BytesLen => self.opts.max_bytes_len,
            _ => usize::MAX,
        };
        if len > max {
            return Err(limit_error(limit, max, at));
        }
        // `read_len` checked `len` against the bytes remaining; one slice check remains.
        let input: &'de [u8] = self.input;
        match input.get(self.pos..self.pos + len) {
            Some(bytes) => {
                self.pos += len;
                Ok(bytes)
            }
            None => Err(self.error(DecodeErrorKind::Truncated, self.pos)),
        }
    }

    /// Reads the next tag of the current message, or `None` at its end.
    ///
    /// Rejects field number 0, numbers above 2^29 - 1 and wire types 3 and 4. In canonical mode, also rejects
    /// a field number not above `last` (out of order, or a singular field repeated), and updates `last`.
    #[inline(always)]
    pub fn next_field(&mut self, last: &mut u32) -> Result<Option<Tag>> {
        if self.at_end() {
            return Ok(None);
        }
        let offset = self.pos;
        // One-byte tags (fields 1-15) with a valid wire type, the common case, skip the general checks.
        let byte = self.input[offset];
        if let (Some(wire_type), false) = (ONE_BYTE_TAGS[usize::from(byte)], self.opts.canonical) {
            self.pos += 1;
            return Ok(Some(Tag {
                number: u32::from(byte >> 3),
                wire_type,
                offset,
                raw: u64::from(byte),
                len: 1,
            }));
        }
        let raw = self.read_varint()?;
        let (number, bits) = split_tag(raw);
        let Some(wire_type) = WireType::from_bits(bits) else {
            return Err(self.error(DecodeErrorKind::InvalidWireType(bits), offset));
        };
        if number == 0 || number > u64::from(MAX_FIELD_NUMBER) {
            return Err(self.error(DecodeErrorKind::InvalidFieldNumber(number), offset));
        }
        let number = number as u32;
        if self.opts.canonical {
            if number <= *last {
                return Err(self.non_canonical(CanonicalRule::FieldOrder, offset));
            }
            *last = number;
        }
        Ok(Some(Tag { number, wire_type, offset, raw, len: (self.pos - offset) as u8 }))
    }

    /// If the next bytes are exactly `tag` again (the next element of a run), consumes them and returns the
    /// new tag's offset.
    #[inline(always)]
    pub fn eat_repeat(&mut self, tag: &Tag) -> Option<usize> {
        let rest = &self.input[self.pos..self.end];
        match decode_varint(rest) {
            Ok((raw, len)) if raw == tag.raw && len == usize::from(tag.len) => {
                let offset = self.pos;
                self.pos += len;
                Some(offset)
            }
            _ => None,
        }
    }

    /// Checks that `tag` has the field's wire type.
    #[inline(always)]
    pub fn expect_wire_type(&self, tag: &Tag, expected: WireType) -> Result<()> {
        if tag.wire_type == expected {
            Ok(())
        } else {
            Err(self.error(DecodeErrorKind::WireTypeMismatch { expected, found: tag.wire_type }, tag.offset))
        }
    }

    /// Steps over the payload of a field the message does not know (an error in strict or canonical mode).
    pub fn skip_unknown(&mut self, tag: &Tag) -> Result<()> {
        self.reject_unknown_if_strict(tag)?;
        self.skip_payload(tag.wire_type)
    }

    /// Keeps a field the message does not know, tag and payload, in `unknown`.
    pub fn keep_unknown(&mut self, tag: &Tag, unknown: &mut UnknownFields) -> Result<()> {
        self.reject_unknown_if_strict(tag)?;
        self.skip_payload(tag.wire_type)?;
        unknown.push(tag.number, &self.input[tag.offset..self.pos]);
        Ok(())
    }

    fn reject_unknown_if_strict(&self, tag: &Tag) -> Result<()> {
        if self.opts.canonical {
            return Err(self.non_canonical(CanonicalRule::UnknownField, tag.offset));
        }
        if self.opts.strict {
            return Err(self.error(DecodeErrorKind::UnknownField(tag.number), tag.offset));
        }
        Ok(())
    }

    /// Steps over one payload of `wire_type`, without a schema.
    pub fn skip_payload(&mut self, wire_type: WireType) -> Result<()> {
        match wire_type {
            WireType::Varint | WireType::Svarint => self.read_varint().map(drop),
            WireType::Fixed64 => self.read_fixed64().map(drop),
            WireType::Fixed32 => self.read_fixed32().map(drop),
            WireType::Bytes => {
                let len = self.read_len()?;
                self.take(len).map(drop)
            }
            WireType::TypeRef => {
                self.read_varint()?;
                let len = self.read_len()?;
                self.take(len).map(drop)
            }
        }
    }

    /// Runs `f` on the next `len` bytes as a nested message, one level deeper (checked against the depth
    /// limit before descending); `f` must consume exactly those bytes.
    #[inline(always)]
    pub fn nested<T>(&mut self, len: usize, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        if self.depth >= self.opts.max_depth {
            return Err(limit_error(Limit::Depth, self.opts.max_depth as usize, self.pos));
        }
        if len > self.remaining() {
            return Err(self.error(DecodeErrorKind::Truncated, self.pos));
        }
        let outer_end = self.end;
        self.end = self.pos + len;
        self.depth += 1;
        let result = f(self);
        self.depth -= 1;
        self.end = outer_end;
        result
    }

    /// Runs `f` on the next `len` bytes at the same depth (a packed run or a map entry); `f` must consume
    /// exactly those bytes.
    #[inline(always)]
    pub fn within<T>(&mut self, len: usize, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        if len > self.remaining() {
            return Err(self.error(DecodeErrorKind::Truncated, self.pos));
        }
        let outer_end = self.end;
        self.end = self.pos + len;
        let result = f(self);
        self.end = outer_end;
        result
    }

    /// Moves back to `offset` (an earlier position in the current message), to re-read bytes.
    #[inline(always)]
    pub(crate) fn rewind_to(&mut self, offset: usize) {
        debug_assert!(offset <= self.pos);
        self.pos = offset;
    }

    /// Checks that a list or map may grow to `count` elements.
    #[inline(always)]
    pub fn check_elements(&self, count: usize, offset: usize) -> Result<()> {
        if count > self.opts.max_elements {
            return Err(limit_error(Limit::Elements, self.opts.max_elements, offset));
        }
        Ok(())
    }
}

#[cold]
fn limit_error(limit: Limit, max: usize, offset: usize) -> DecodeError {
    DecodeError::new(DecodeErrorKind::LimitExceeded { limit, max }, offset)
}

/// For each byte, the wire type when the byte alone is a valid tag: field 1-15 (8 <= byte < 0x80) and a wire
/// type other than 3 and 4 (protobuf groups).
const ONE_BYTE_TAGS: [Option<WireType>; 256] = {
    let mut table = [None; 256];
    let mut byte = 8;
    while byte < 0x80 {
        table[byte] = WireType::from_bits((byte & 7) as u8);
        byte += 1;
    }
    table
};
