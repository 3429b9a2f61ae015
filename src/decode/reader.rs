//! A bounds-checked cursor over the input.

use crate::error::{CanonicalRule, DecodeError, DecodeErrorKind, Limit, Result};
use crate::options::DecodeOptions;
use crate::unknown::UnknownFields;
use crate::wire::{
    after_shortest_tag, decode_varint, make_tag, split_tag, varint_in_word, VarintError, WireType,
    MAX_FIELD_NUMBER, MAX_VARINT_LEN,
};
use bumpalo::Bump;

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

impl Tag {
    /// The bytes after this tag, written exactly as it was (the same bytes, even if overlong), at the start
    /// of `bytes`: the next element of a run of the same field.
    #[inline(always)]
    fn after_repeat<'b>(&self, bytes: &'b [u8]) -> Option<&'b [u8]> {
        if self.len == 1 {
            return match *bytes {
                [b0, ref tail @ ..] if u64::from(b0) == self.raw => Some(tail),
                _ => None,
            };
        }
        match decode_varint(bytes) {
            Ok((raw, len)) if raw == self.raw && len == usize::from(self.len) => bytes.get(len..),
            _ => None,
        }
    }
}

/// Fails if `input` exceeds the message length limit of `opts`.
#[inline(always)]
pub(crate) fn check_message_len(input: &[u8], opts: &DecodeOptions) -> Result<()> {
    if input.len() > opts.max_message_len {
        return Err(limit_error(Limit::MessageLen, opts.max_message_len, 0));
    }
    Ok(())
}

/// A cursor over the input of one decode.
///
/// Offsets are absolute: a nested message narrows the readable bytes but keeps positions relative to the start
/// of the whole input, so every error says where in *your* buffer the problem is.
///
/// The reader keeps the unread bytes of the current message as one slice, so every read checks one length
/// (the slice's) and advances by re-slicing; positions are computed from pointers only when asked for.
#[derive(Debug, Clone)]
pub struct Reader<'de> {
    input: &'de [u8],
    rest: &'de [u8],
    depth: u32,
    opts: DecodeOptions,
    arena: Option<&'de Bump>,
    /// The `Bytes` the input is a slice of, so `Bytes` fields can share it instead of copying.
    #[cfg(feature = "bytes")]
    source: Option<&'de bytes::Bytes>,
}

impl<'de> Reader<'de> {
    /// A reader over all of `input`; fails if the input exceeds the message length limit.
    #[inline]
    pub fn new(input: &'de [u8], opts: &DecodeOptions) -> Result<Self> {
        check_message_len(input, opts)?;
        Ok(Self::unchecked(input, opts))
    }

    /// A reader over all of `input`, whose length the caller checked with [`check_message_len`]: built in
    /// place, no `Result` to move.
    #[inline(always)]
    pub(crate) fn unchecked(input: &'de [u8], opts: &DecodeOptions) -> Self {
        Reader {
            input,
            rest: input,
            depth: 0,
            opts: *opts,
            arena: None,
            #[cfg(feature = "bytes")]
            source: None,
        }
    }

    /// A reader like [`new`](Self::new) whose views record what iteration needs in `arena` (see
    /// [`MessageView::view_in`](crate::MessageView::view_in)).
    #[inline]
    pub fn new_in(input: &'de [u8], opts: &DecodeOptions, arena: &'de Bump) -> Result<Self> {
        Ok(Reader { arena: Some(arena), ..Self::new(input, opts)? })
    }

    /// A reader over all of `source`, whose `Bytes` fields share `source` instead of copying.
    #[cfg(feature = "bytes")]
    #[inline]
    pub fn new_shared(source: &'de bytes::Bytes, opts: &DecodeOptions) -> Result<Self> {
        Ok(Reader { source: Some(source), ..Self::new(source, opts)? })
    }

    /// The `Bytes` the input is a slice of, when the reader was made by [`new_shared`](Self::new_shared).
    #[cfg(feature = "bytes")]
    #[inline(always)]
    pub fn source(&self) -> Option<&'de bytes::Bytes> {
        self.source
    }

    /// The arena views record into, when there is one.
    #[inline(always)]
    pub fn arena(&self) -> Option<&'de Bump> {
        self.arena
    }

    /// A reader over `input[start..end]` at nesting depth `depth`, with positions counted from the start of
    /// `input` (a lazy view's accessor, reading its message where it lies in the whole input). The caller
    /// checked the message's length.
    #[doc(hidden)]
    #[inline(always)]
    pub fn window(input: &'de [u8], start: usize, end: usize, opts: &DecodeOptions, depth: u32) -> Self {
        Reader { rest: &input[start..end], depth, ..Self::unchecked(input, opts) }
    }

    /// The whole input the positions count from.
    #[doc(hidden)]
    #[inline(always)]
    pub fn input(&self) -> &'de [u8] {
        self.input
    }

    /// How many messages deep the reader is.
    #[doc(hidden)]
    #[inline(always)]
    pub fn depth(&self) -> u32 {
        self.depth
    }

    /// A reader over bytes that a view already validated: no limits, lenient, never fails to construct.
    /// Views re-read such bytes lazily (iterating a list, opening a boxed message).
    #[inline]
    pub(crate) fn revisit(input: &'de [u8]) -> Self {
        let opts = DecodeOptions::DEFAULT.max_depth(u32::MAX);
        Reader {
            input,
            rest: input,
            depth: 0,
            opts,
            arena: None,
            #[cfg(feature = "bytes")]
            source: None,
        }
    }

    /// The input between two offsets (as returned by [`position`](Self::position)).
    #[inline(always)]
    pub fn slice(&self, start: usize, end: usize) -> &'de [u8] {
        let input: &'de [u8] = self.input;
        &input[start..end]
    }

    /// The input from offset `start` to the current position.
    #[inline(always)]
    pub fn since(&self, start: usize) -> &'de [u8] {
        let input: &'de [u8] = self.input;
        &input[start..self.position()]
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
        self.offset_of(self.rest)
    }

    /// Bytes left before the end of the current message.
    #[inline(always)]
    pub fn remaining(&self) -> usize {
        self.rest.len()
    }

    /// Whether the current message has no more bytes.
    #[inline(always)]
    pub fn at_end(&self) -> bool {
        self.rest.is_empty()
    }

    /// An error of `kind` at `offset`. (Inline, so that building an error never takes the reader's address:
    /// a reader whose address does not escape lives in registers. `DecodeError::new` is the cold part.)
    #[inline(always)]
    pub fn error(&self, kind: DecodeErrorKind, offset: usize) -> DecodeError {
        DecodeError::new(kind, offset)
    }

    /// An error that canonical `rule` broke at `offset`.
    #[inline(always)]
    pub fn non_canonical(&self, rule: CanonicalRule, offset: usize) -> DecodeError {
        DecodeError::new(DecodeErrorKind::NonCanonical(rule), offset)
    }

    /// Reads a varint (in canonical mode: only in its shortest form).
    #[inline(always)]
    pub fn read_varint(&mut self) -> Result<u64> {
        // One- and two-byte values (tags, lengths, small numbers) take these branches alone; a two-byte
        // varint whose second byte is 0 is overlong, which only canonical mode rejects (in the slow path).
        match *self.rest {
            [b0, ref tail @ ..] if b0 < 0x80 => {
                self.rest = tail;
                Ok(u64::from(b0))
            }
            [b0, b1, ref tail @ ..] if b1 < 0x80 && (b1 != 0 || !self.opts.canonical) => {
                self.rest = tail;
                Ok(u64::from(b0 & 0x7f) | (u64::from(b1) << 7))
            }
            _ => match read_varint_multibyte(self.rest, self.opts.canonical) {
                // The slow path returns its result in two registers (length 0: invalid), so the hot path's
                // state stays in registers; what is wrong is worked out only on the error path.
                (value, len @ 1..) => {
                    self.rest = &self.rest[len..];
                    Ok(value)
                }
                _ => Err(self.error(varint_error_kind(self.rest), self.position())),
            },
        }
    }

    /// Reads `N` raw bytes.
    #[inline(always)]
    pub fn read_array<const N: usize>(&mut self) -> Result<[u8; N]> {
        match self.rest.split_first_chunk::<N>() {
            Some((bytes, tail)) => {
                self.rest = tail;
                Ok(*bytes)
            }
            None => Err(self.error(DecodeErrorKind::Truncated, self.position())),
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
        let before = self.rest;
        let len = self.read_varint()?;
        if len > self.rest.len() as u64 {
            return Err(length_error(len, self.remaining(), self.offset_of(before)));
        }
        Ok(len as usize)
    }

    /// Takes the next `len` bytes (already checked by [`read_len`](Self::read_len)).
    #[inline(always)]
    pub fn take(&mut self, len: usize) -> Result<&'de [u8]> {
        match self.rest.split_at_checked(len) {
            Some((bytes, tail)) => {
                self.rest = tail;
                Ok(bytes)
            }
            None => Err(self.error(DecodeErrorKind::Truncated, self.position())),
        }
    }

    /// Reads a length prefix and the bytes it covers, enforcing `limit` on the length.
    #[inline(always)]
    pub fn read_len_delimited(&mut self, limit: Limit) -> Result<&'de [u8]> {
        let before = self.rest;
        let len = self.read_len()?;
        let max = match limit {
            Limit::StringLen => self.opts.max_string_len,
            Limit::BytesLen => self.opts.max_bytes_len,
            _ => usize::MAX,
        };
        if len > max {
            return Err(limit_error(limit, max, self.offset_of(before)));
        }
        self.take(len)
    }

    /// If the next bytes are the tag of field `number` with `wire_type` (what the encoder writes next, when
    /// fields arrive in ascending order), consumes them and returns the tag. Compares at most two bytes;
    /// anything else — another field, an overlong tag, the end of the message — returns `None` and consumes
    /// nothing, for [`next_field`](Self::next_field) to handle. Outside canonical mode the caller need not
    /// track the last field number.
    #[inline(always)]
    pub fn eat_tag(&mut self, number: u32, wire_type: WireType) -> Option<Tag> {
        let raw = make_tag(number, wire_type);
        let offset = self.position();
        let tail = after_shortest_tag(self.rest, raw)?;
        let len = (self.rest.len() - tail.len()) as u8;
        self.rest = tail;
        Some(Tag { number, wire_type, offset, raw, len })
    }

    /// Reads the next tag of the current message, or `None` at its end.
    ///
    /// Rejects field number 0, numbers above 2^29 - 1 and wire types 3 and 4. In canonical mode, also rejects
    /// a field number not above `last` (out of order, or a singular field repeated), and updates `last`.
    #[inline(always)]
    pub fn next_field(&mut self, last: &mut u32) -> Result<Option<Tag>> {
        let [byte, ref tail @ ..] = *self.rest else {
            return Ok(None);
        };
        let offset = self.position();
        // One-byte tags (fields 1-15) with a valid wire type, the common case, skip the general checks.
        if let (Some(wire_type), false) = (ONE_BYTE_TAGS[usize::from(byte)], self.opts.canonical) {
            self.rest = tail;
            return Ok(Some(Tag {
                number: u32::from(byte >> 3),
                wire_type,
                offset,
                raw: u64::from(byte),
                len: 1,
            }));
        }
        let tag = general_tag(self.rest, self.opts.canonical, *last, offset)?;
        self.rest = &self.rest[usize::from(tag.len)..];
        if self.opts.canonical {
            *last = tag.number;
        }
        Ok(Some(tag))
    }

    /// If the next bytes are exactly `tag` again (the next element of a run), consumes them and returns the
    /// new tag's offset.
    #[inline(always)]
    pub fn eat_repeat(&mut self, tag: &Tag) -> Option<usize> {
        let offset = self.position();
        self.rest = tag.after_repeat(self.rest)?;
        Some(offset)
    }

    /// How many length-delimited payloads of field `tag` follow back to back, starting with the payload
    /// after `tag` (which was just read); stops at anything else, including a payload past the end. Consumes
    /// nothing. At most one element per two bytes of input, so a count never exceeds what the input holds.
    #[inline]
    pub fn count_delimited_run(&self, tag: &Tag) -> usize {
        let mut rest = self.rest;
        let mut count = 0;
        while let Ok((len, prefix)) = decode_varint(rest) {
            let Some(after) = usize::try_from(len).ok().and_then(|len| rest.get(prefix..)?.get(len..)) else {
                break;
            };
            count += 1;
            match tag.after_repeat(after) {
                Some(tail) => rest = tail,
                None => break,
            }
        }
        count
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
    #[inline]
    pub fn skip_unknown(&mut self, tag: &Tag) -> Result<()> {
        self.reject_unknown_if_strict(tag)?;
        let skipped = skip_payload_at(self.rest, tag.wire_type, self.position())?;
        self.rest = &self.rest[skipped..];
        Ok(())
    }

    /// Steps over the payload of a field the message knows but is not reading now (a lazy view's accessor
    /// passing another field): its framing only (varints, lengths) — no strict rule, no limit, no value
    /// check, which are that field's own when it is read.
    #[inline(always)]
    pub fn skip_field(&mut self, tag: &Tag) -> Result<()> {
        self.skip_payload(tag.wire_type)
    }

    /// Keeps a field the message does not know, tag and payload, in `unknown`.
    pub fn keep_unknown(&mut self, tag: &Tag, unknown: &mut UnknownFields) -> Result<()> {
        self.skip_unknown(tag)?;
        unknown.push(tag.number, self.since(tag.offset));
        Ok(())
    }

    #[inline(always)]
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
    #[inline(always)]
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
            return Err(limit_error(Limit::Depth, self.opts.max_depth as usize, self.position()));
        }
        self.depth += 1;
        let result = self.within(len, f);
        self.depth -= 1;
        result
    }

    /// Runs `f` on the next `len` bytes at the same depth (a packed run or a map entry); `f` must consume
    /// exactly those bytes. Afterwards the reader is past them.
    #[inline(always)]
    pub fn within<T>(&mut self, len: usize, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        let Some((inner, outer)) = self.rest.split_at_checked(len) else {
            return Err(self.error(DecodeErrorKind::Truncated, self.position()));
        };
        self.rest = inner;
        let result = f(self);
        self.rest = outer;
        result
    }

    /// Moves back to `offset` (an earlier position in the current message), to re-read bytes.
    #[inline(always)]
    pub(crate) fn rewind_to(&mut self, offset: usize) {
        let end = self.position() + self.rest.len();
        let input: &'de [u8] = self.input;
        self.rest = &input[offset..end];
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

/// Reads a varint of three or more bytes (or an overlong two-byte one) from `rest`: its value and length, or
/// length 0 when it is truncated, overflows, or (in canonical mode) is overlong. One call for every case.
#[inline(never)]
fn read_varint_multibyte(rest: &[u8], canonical: bool) -> (u64, usize) {
    let (value, len) = match rest.first_chunk::<8>() {
        // With eight bytes to look at, varints of up to eight bytes by word arithmetic: no branch per byte.
        Some(word) => match varint_in_word(u64::from_le_bytes(*word)) {
            Some(found) => found,
            None => return read_varint_long(rest, canonical),
        },
        // Nearer the end: three and four bytes (values below 2^28: most 32-bit numbers and lengths) by
        // pattern, with no loop.
        None => match *rest {
            [b0, b1, b2, ..] if b0 >= 0x80 && b1 >= 0x80 && b2 < 0x80 => {
                (u64::from(b0 & 0x7f) | (u64::from(b1 & 0x7f) << 7) | (u64::from(b2) << 14), 3)
            }
            [b0, b1, b2, b3, ..] if b0 >= 0x80 && b1 >= 0x80 && b2 >= 0x80 && b3 < 0x80 => (
                u64::from(b0 & 0x7f)
                    | (u64::from(b1 & 0x7f) << 7)
                    | (u64::from(b2 & 0x7f) << 14)
                    | (u64::from(b3) << 21),
                4,
            ),
            _ => return read_varint_long(rest, canonical),
        },
    };
    // The last byte must not be 0 in canonical mode (overlong). `read_varint` takes one-byte varints itself,
    // so `len` is at least 2 here.
    if canonical && rest[len - 1] == 0 {
        return (0, 0);
    }
    (value, len)
}

/// Five to ten bytes (and every malformed varint). With ten bytes left, fixed-index decoding; nearer the end
/// of the message, a loop unrolled over the (at most nine) bytes left, each checked against the end.
#[inline(always)]
fn read_varint_long(rest: &[u8], canonical: bool) -> (u64, usize) {
    if rest.len() >= MAX_VARINT_LEN {
        return shortest_varint(rest, canonical).unwrap_or((0, 0));
    }
    let mut value = 0u64;
    let mut i = 0;
    while i < MAX_VARINT_LEN - 1 {
        let Some(&byte) = rest.get(i) else {
            return (0, 0);
        };
        value |= u64::from(byte & 0x7f) << (7 * i);
        if byte < 0x80 {
            // Nine bytes carry at most 63 bits: no overflow. In canonical mode the last byte must not be 0.
            if canonical && i > 0 && byte == 0 {
                return (0, 0);
            }
            return (value, i + 1);
        }
        i += 1;
    }
    (0, 0)
}

/// The varint at the start of `rest` and its length; `None` when it is truncated, overflows, or (in canonical
/// mode) is overlong — a last byte of 0 after the first.
#[inline(always)]
fn shortest_varint(rest: &[u8], canonical: bool) -> Option<(u64, usize)> {
    decode_varint(rest).ok().filter(|&(_, len)| !(canonical && len > 1 && rest[len - 1] == 0))
}

/// The tag at the start of `rest` (at `offset` in the input) when it is not a valid one-byte tag read outside
/// canonical mode: the general checks of [`Reader::next_field`]. A free function of the bytes, so the reader's
/// address never escapes into it (and the reader can live in registers).
#[inline(never)]
fn general_tag(rest: &[u8], canonical: bool, last: u32, offset: usize) -> Result<Tag> {
    let Some((raw, len)) = shortest_varint(rest, canonical) else {
        return Err(DecodeError::new(varint_error_kind(rest), offset));
    };
    let (number, bits) = split_tag(raw);
    let Some(wire_type) = WireType::from_bits(bits) else {
        return Err(DecodeError::new(DecodeErrorKind::InvalidWireType(bits), offset));
    };
    if number == 0 || number > u64::from(MAX_FIELD_NUMBER) {
        return Err(DecodeError::new(DecodeErrorKind::InvalidFieldNumber(number), offset));
    }
    let number = number as u32;
    if canonical && number <= last {
        return Err(DecodeError::new(DecodeErrorKind::NonCanonical(CanonicalRule::FieldOrder), offset));
    }
    Ok(Tag { number, wire_type, offset, raw, len: len as u8 })
}

/// How many bytes of `rest` (at offset `at` in the input) a payload of `wire_type` takes, read leniently (only
/// lenient decoding skips unknown fields). Out of line and over the bytes alone, so the reader's address
/// never escapes into it.
#[inline(never)]
fn skip_payload_at(rest: &[u8], wire_type: WireType, at: usize) -> Result<usize> {
    let mut r = Reader::revisit(rest);
    r.skip_payload(wire_type).map_err(|e| e.shifted(at))?;
    Ok(r.position())
}

/// Why [`read_varint_multibyte`] refused `rest`.
#[cold]
fn varint_error_kind(rest: &[u8]) -> DecodeErrorKind {
    match decode_varint(rest) {
        Err(VarintError::Truncated) => DecodeErrorKind::Truncated,
        Err(VarintError::Overflow) => DecodeErrorKind::VarintOverflow,
        Ok(_) => DecodeErrorKind::NonCanonical(CanonicalRule::OverlongVarint),
    }
}

#[cold]
#[inline(never)]
fn length_error(len: u64, remaining: usize, offset: usize) -> DecodeError {
    DecodeError::new(DecodeErrorKind::LengthOutOfBounds { len, remaining }, offset)
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
