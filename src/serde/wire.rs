//! The serde bridge's reading of wire bytes: a message's fields split into occurrences (number, wire type,
//! payload, offset), read once and then handed to serde's visitors in whatever order they ask.

use super::{Error, Result};
use crate::decode::Reader;
use crate::error::{DecodeError, DecodeErrorKind, Limit};
use crate::options::DecodeOptions;
use crate::wire::WireType;
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
    // Tags and payloads are read by the runtime's reader, with the checks and errors derived decoding has
    // (canonical form is not checked by the bridge, so not asked of the reader either).
    let options = DecodeOptions { canonical: false, ..*options };
    let mut r = Reader::window(bytes, 0, bytes.len(), &options, ctx.depth);
    let mut fields = SmallVec::new();
    let mut last = 0;
    while let Some(occurrence) =
        read_occurrence(&mut r, &mut last).map_err(|e| Error::decode(e.shifted(base)))?
    {
        if fields.len() >= options.max_elements {
            let kind = DecodeErrorKind::LimitExceeded { limit: Limit::Elements, max: options.max_elements };
            return Err(Error::at(kind, base + occurrence.tag_offset));
        }
        fields.push(Occurrence {
            tag_offset: base + occurrence.tag_offset,
            offset: base + occurrence.offset,
            ..occurrence
        });
    }
    if !fields.windows(2).all(|w: &[Occurrence<'_>]| w[0].number <= w[1].number) {
        fields.sort_by_key(|o| o.number);
    }
    Ok(Message { fields })
}

/// Reads the next field occurrence (offsets relative to the reader's input), or `None` at the end.
fn read_occurrence<'de>(r: &mut Reader<'de>, last: &mut u32) -> crate::Result<Option<Occurrence<'de>>> {
    let Some(tag) = r.next_field(last)? else { return Ok(None) };
    let value_offset = r.position();
    let raw = match tag.wire_type {
        WireType::Varint => Raw::Varint(r.read_varint()?),
        WireType::Svarint => Raw::Svarint(r.read_varint()?),
        WireType::Fixed32 => Raw::Fixed32(r.read_array()?),
        WireType::Fixed64 => Raw::Fixed64(r.read_array()?),
        WireType::Bytes => Raw::Bytes(r.read_len_delimited(Limit::MessageLen)?),
        WireType::TypeRef => {
            let id = r.read_varint()?;
            Raw::TypeRef(id, r.read_len_delimited(Limit::MessageLen)?)
        }
    };
    // For length-delimited payloads, the offset of their first byte (after the length).
    let offset = match raw {
        Raw::Bytes(b) | Raw::TypeRef(_, b) => r.position() - b.len(),
        _ => value_offset,
    };
    Ok(Some(Occurrence { number: tag.number, raw, tag_offset: tag.offset, offset }))
}
