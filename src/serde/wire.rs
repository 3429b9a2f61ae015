//! The serde bridge's reading of wire bytes: a message's fields split into occurrences (number, wire type,
//! payload, offset), read once and then handed to serde's visitors in whatever order they ask.

use super::{Error, Result};
use crate::error::{DecodeError, DecodeErrorKind, Limit};
use crate::options::DecodeOptions;
use crate::wire::{decode_varint, split_tag, VarintError, WireType, MAX_FIELD_NUMBER};
use smallvec::SmallVec;

/// What decoding may still do: the options, how deep the current message is, and how many values have been
/// entered since without reading anything (newtypes, `Some`).
#[derive(Clone, Copy)]
pub(super) struct Ctx<'o> {
    pub(super) options: &'o DecodeOptions,
    pub(super) depth: u32,
    pub(super) hops: u32,
}

impl<'o> Ctx<'o> {
    /// The context one message level down.
    pub(super) fn nested(self) -> Self {
        Ctx { depth: self.depth + 1, hops: 0, ..self }
    }

    /// The context of a value entered without reading input (a newtype's field, an `Option`'s `Some`) at
    /// `offset`: a type that nests itself that way (`struct R(Option<Box<R>>)`) would recurse forever on
    /// the same bytes, so such steps are counted from the last message level, and more than [`MAX_HOPS`] is
    /// `LimitExceeded { Depth }`. (A fixed bound, not the options' depth: no finite type takes that many, and
    /// the derive, which has no such types, reads the same values at any depth limit.)
    pub(super) fn hop(self, offset: usize) -> Result<Self> {
        if self.hops >= MAX_HOPS {
            let max = MAX_HOPS as usize;
            return Err(Error::at(DecodeErrorKind::LimitExceeded { limit: Limit::Depth, max }, offset));
        }
        Ok(Ctx { hops: self.hops + 1, ..self })
    }
}

/// The most newtypes and `Some`s entered in a row without reading input (see [`Ctx::hop`]).
pub(super) const MAX_HOPS: u32 = 128;

/// One field occurrence's payload.
#[derive(Clone, Copy, Debug)]
pub(super) enum Raw<'de> {
    Varint(u64),
    Svarint(u64),
    Fixed32([u8; 4]),
    Fixed64([u8; 8]),
    Bytes(&'de [u8]),
    TypeRef(u64, &'de [u8]),
}

impl Raw<'_> {
    pub(super) fn wire_type(&self) -> WireType {
        match self {
            Raw::Varint(_) => WireType::Varint,
            Raw::Svarint(_) => WireType::Svarint,
            Raw::Fixed32(_) => WireType::Fixed32,
            Raw::Fixed64(_) => WireType::Fixed64,
            Raw::Bytes(_) => WireType::Bytes,
            Raw::TypeRef(..) => WireType::TypeRef,
        }
    }
}

/// A field occurrence: its number, payload, and the absolute offsets of its tag and of its value (for a
/// length-delimited one, of the payload's first byte).
#[derive(Clone, Copy, Debug)]
pub(super) struct Occurrence<'de> {
    pub(super) number: u32,
    pub(super) raw: Raw<'de>,
    pub(super) tag_offset: usize,
    pub(super) offset: usize,
}

impl Occurrence<'_> {
    pub(super) fn error(&self, kind: DecodeErrorKind) -> Error {
        Error::decode(DecodeError::new(kind, self.offset))
    }

    pub(super) fn mismatch(&self, expected: WireType) -> Error {
        let kind = DecodeErrorKind::WireTypeMismatch { expected, found: self.raw.wire_type() };
        Error::decode(DecodeError::new(kind, self.tag_offset))
    }
}

/// A message's fields, in number order (occurrences of one number in input order).
pub(super) struct Message<'de> {
    fields: SmallVec<[Occurrence<'de>; 8]>,
}

impl<'de> Message<'de> {
    /// The occurrences of field `number`.
    pub(super) fn field(&self, number: u32) -> &[Occurrence<'de>] {
        let start = self.fields.partition_point(|o| o.number < number);
        let end = self.fields.partition_point(|o| o.number <= number);
        &self.fields[start..end]
    }

    /// The first field numbered above `count` (unknown to a struct of `count` fields).
    pub(super) fn first_above(&self, count: usize) -> Option<&Occurrence<'de>> {
        self.fields.iter().find(|o| o.number as usize > count)
    }

    /// The first field numbered above `number`.
    pub(super) fn next_number_above(&self, number: u32) -> Option<&Occurrence<'de>> {
        let at = self.fields.partition_point(|o| o.number <= number);
        self.fields.get(at)
    }
}

/// Reads a varint at `pos`, advancing it.
fn varint(bytes: &[u8], pos: &mut usize, base: usize) -> Result<u64> {
    match decode_varint(&bytes[*pos..]) {
        Ok((value, n)) => {
            *pos += n;
            Ok(value)
        }
        Err(VarintError::Truncated) => Err(Error::at(DecodeErrorKind::Truncated, base + bytes.len())),
        Err(VarintError::Overflow) => Err(Error::at(DecodeErrorKind::VarintOverflow, base + *pos)),
    }
}

/// Takes `n` bytes at `pos`, advancing it.
fn take<'de>(bytes: &'de [u8], pos: &mut usize, n: usize, base: usize) -> Result<&'de [u8]> {
    let rest = &bytes[*pos..];
    if n > rest.len() {
        let kind = DecodeErrorKind::LengthOutOfBounds { len: n as u64, remaining: rest.len() };
        return Err(Error::at(kind, base + *pos));
    }
    *pos += n;
    Ok(&rest[..n])
}

/// Takes a length-delimited payload at `pos`, checked against `limit` (`max`).
fn delimited<'de>(
    bytes: &'de [u8],
    pos: &mut usize,
    base: usize,
    max: usize,
    limit: Limit,
) -> Result<&'de [u8]> {
    let at = *pos;
    let len = varint(bytes, pos, base)?;
    if len > max as u64 {
        return Err(Error::at(DecodeErrorKind::LimitExceeded { limit, max }, base + at));
    }
    let len = usize::try_from(len).unwrap_or(usize::MAX);
    take(bytes, pos, len, base)
}

/// Splits `bytes` (a message's fields, starting at absolute offset `base`) into occurrences, one message level
/// below `ctx`.
pub(super) fn parse<'de>(bytes: &'de [u8], base: usize, ctx: Ctx<'_>) -> Result<Message<'de>> {
    let options = ctx.options;
    if ctx.depth > options.max_depth {
        return Err(Error::at(
            DecodeErrorKind::LimitExceeded { limit: Limit::Depth, max: options.max_depth as usize },
            base,
        ));
    }
    let mut fields = SmallVec::new();
    let mut pos = 0;
    while pos < bytes.len() {
        let tag_offset = base + pos;
        let (number, bits) = split_tag(varint(bytes, &mut pos, base)?);
        if number == 0 || number > u64::from(MAX_FIELD_NUMBER) {
            return Err(Error::at(DecodeErrorKind::InvalidFieldNumber(number), tag_offset));
        }
        let wire_type = WireType::from_bits(bits)
            .ok_or_else(|| Error::at(DecodeErrorKind::InvalidWireType(bits), tag_offset))?;
        let value_offset = base + pos;
        let raw = match wire_type {
            WireType::Varint => Raw::Varint(varint(bytes, &mut pos, base)?),
            WireType::Svarint => Raw::Svarint(varint(bytes, &mut pos, base)?),
            WireType::Fixed32 => Raw::Fixed32(take(bytes, &mut pos, 4, base)?.try_into().expect("4 bytes")),
            WireType::Fixed64 => Raw::Fixed64(take(bytes, &mut pos, 8, base)?.try_into().expect("8 bytes")),
            WireType::Bytes => {
                Raw::Bytes(delimited(bytes, &mut pos, base, options.max_message_len, Limit::MessageLen)?)
            }
            WireType::TypeRef => {
                let id = varint(bytes, &mut pos, base)?;
                Raw::TypeRef(
                    id,
                    delimited(bytes, &mut pos, base, options.max_message_len, Limit::MessageLen)?,
                )
            }
        };
        if fields.len() >= options.max_elements {
            let kind = DecodeErrorKind::LimitExceeded { limit: Limit::Elements, max: options.max_elements };
            return Err(Error::at(kind, tag_offset));
        }
        // For length-delimited payloads, the offset of their first byte (after the length).
        let offset = match raw {
            Raw::Bytes(b) | Raw::TypeRef(_, b) => base + pos - b.len(),
            _ => value_offset,
        };
        fields.push(Occurrence { number: number as u32, raw, tag_offset, offset });
    }
    if !fields.windows(2).all(|w: &[Occurrence<'_>]| w[0].number <= w[1].number) {
        fields.sort_by_key(|o| o.number);
    }
    Ok(Message { fields })
}
