//! Field tags: `(field_number << 3) | wire_type` as a varint.

/// The largest field number, 2^29 - 1.
pub const MAX_FIELD_NUMBER: u32 = (1 << 29) - 1;

/// How a field's payload is laid out after its tag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum WireType {
    /// One varint: bool, unsigned integers, enums.
    Varint = 0,
    /// Eight little-endian bytes: f64, fixed64, sfixed64.
    Fixed64 = 1,
    /// A varint length, then that many bytes: strings, bytes, messages, packed runs, map entries, pod arrays.
    Bytes = 2,
    /// Four little-endian bytes: f32, fixed32, sfixed32.
    Fixed32 = 5,
    /// One ZigZag varint: signed integers.
    Svarint = 6,
    /// A varint type id, a varint length, then that many bytes: a polymorphic (interface) value.
    TypeRef = 7,
}

impl WireType {
    /// The wire type with this number, or `None` for 3 and 4 (protobuf groups, invalid here).
    #[inline]
    pub const fn from_bits(bits: u8) -> Option<WireType> {
        match bits {
            0 => Some(WireType::Varint),
            1 => Some(WireType::Fixed64),
            2 => Some(WireType::Bytes),
            5 => Some(WireType::Fixed32),
            6 => Some(WireType::Svarint),
            7 => Some(WireType::TypeRef),
            _ => None,
        }
    }

    /// The wire type's name as the spec writes it (`VARINT`, `BYTES`, …).
    pub const fn name(self) -> &'static str {
        match self {
            WireType::Varint => "VARINT",
            WireType::Fixed64 => "FIXED64",
            WireType::Bytes => "BYTES",
            WireType::Fixed32 => "FIXED32",
            WireType::Svarint => "SVARINT",
            WireType::TypeRef => "TYPEREF",
        }
    }
}

impl core::fmt::Display for WireType {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}

/// The tag value for a field: `(number << 3) | wire_type`.
///
/// ```
/// use cramberry::wire::{make_tag, WireType};
/// assert_eq!(make_tag(1000, WireType::Svarint), 0x1f46);
/// ```
#[inline(always)]
pub const fn make_tag(number: u32, wire_type: WireType) -> u64 {
    ((number as u64) << 3) | wire_type as u64
}

/// Appends the tag of field `number` with `wire_type` to `out` (see [`put_varint`](super::put_varint)).
#[inline]
pub fn put_tag(out: &mut alloc::vec::Vec<u8>, number: u32, wire_type: WireType) {
    super::put_varint(out, make_tag(number, wire_type));
}

/// Splits a tag value into field number and wire-type bits (the bits are not yet validated).
#[inline(always)]
pub const fn split_tag(tag: u64) -> (u64, u8) {
    (tag >> 3, (tag & 7) as u8)
}

/// The bytes after the shortest encoding of tag value `raw` at the start of `bytes`, when it is there and
/// one or two bytes long (fields below 2048); `None` otherwise. The parsers' in-order fast path.
#[inline(always)]
pub(crate) fn after_shortest_tag(bytes: &[u8], raw: u64) -> Option<&[u8]> {
    match *bytes {
        [b0, ref tail @ ..] if raw < 0x80 && u64::from(b0) == raw => Some(tail),
        [b0, b1, ref tail @ ..]
            if (0x80..0x4000).contains(&raw)
                && u64::from(b0) == (raw & 0x7f) | 0x80
                && u64::from(b1) == raw >> 7 =>
        {
            Some(tail)
        }
        _ => None,
    }
}
