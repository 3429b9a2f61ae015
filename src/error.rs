//! Typed errors: what went wrong, at which byte, in which field.

use crate::prelude::*;
use crate::wire::WireType;
use alloc::borrow::Cow;
use core::fmt;

/// A canonical-form rule (see `docs/wire-format.md`, "Canonical form") that the input broke.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CanonicalRule {
    /// Fields must appear in strictly ascending field-number order, each singular field once.
    FieldOrder,
    /// A plain (non-optional, non-required) field holding its default value must not be written.
    DefaultValueWritten,
    /// Varints must use the shortest form.
    OverlongVarint,
    /// Repeated scalars must be written packed, in one run.
    UnpackedRepeated,
    /// Floats must be canonical: +0.0 for zero and the quiet NaN for every NaN.
    NonCanonicalFloat,
    /// Map entries must be in strictly ascending key order (so no key appears twice).
    MapKeyOrder,
    /// Unknown fields are not allowed.
    UnknownField,
    /// The bytes differ from what the encoder writes for the decoded value (used by decoders that check
    /// canonical form by re-encoding, such as the schema crate's dynamic codec).
    Reencoding,
}

impl CanonicalRule {
    fn describe(self) -> &'static str {
        match self {
            CanonicalRule::FieldOrder => {
                "fields must be in strictly ascending order, each singular field once"
            }
            CanonicalRule::DefaultValueWritten => "a plain field holding its default value must be omitted",
            CanonicalRule::OverlongVarint => "varints must use the shortest form",
            CanonicalRule::UnpackedRepeated => "repeated scalars must be packed in one run",
            CanonicalRule::NonCanonicalFloat => "floats must be canonical (+0.0, quiet NaN)",
            CanonicalRule::MapKeyOrder => "map keys must be strictly ascending",
            CanonicalRule::UnknownField => "unknown fields are not allowed",
            CanonicalRule::Reencoding => "the bytes differ from the encoder's output for this value",
        }
    }
}

/// A limit from [`DecodeOptions`](crate::DecodeOptions) that the input exceeded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Limit {
    /// Nesting depth of messages and interface values.
    Depth,
    /// Length of the whole message.
    MessageLen,
    /// Length of one string.
    StringLen,
    /// Length of one bytes value.
    BytesLen,
    /// Elements in one list or map.
    Elements,
}

/// What went wrong while decoding. Match on it; new kinds may be added.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// The input ended in the middle of a value.
    Truncated,
    /// A varint longer than ten bytes, or whose tenth byte is above `0x01`.
    VarintOverflow,
    /// Wire type 3 or 4 (protobuf groups), which Cramberry does not have.
    InvalidWireType(u8),
    /// Field number 0 or above 2^29 - 1.
    InvalidFieldNumber(u64),
    /// A known field arrived with another wire type than its own.
    WireTypeMismatch {
        /// The field's wire type.
        expected: WireType,
        /// The wire type in the input.
        found: WireType,
    },
    /// An integer does not fit the field's type (a `u8` field holding 300).
    IntegerOutOfRange {
        /// The value as read (ZigZag-decoded for signed types).
        value: i128,
        /// The Rust type of the field.
        target: &'static str,
    },
    /// A bool other than 0 or 1.
    InvalidBool(u64),
    /// A string that is not UTF-8.
    InvalidUtf8,
    /// A length prefix larger than what is left of the enclosing input.
    LengthOutOfBounds {
        /// The length the prefix claims.
        len: u64,
        /// Bytes left in the enclosing message.
        remaining: usize,
    },
    /// An enum number with no variant (and no `#[cram(other)]` catch-all).
    UnknownEnumValue(u64),
    /// An interface value whose type id is not one of the interface's members.
    UnknownTypeId(u64),
    /// A required field is missing.
    MissingRequiredField,
    /// An unknown field in strict mode.
    UnknownField(u32),
    /// A packed run of fixed-width values whose length is not a multiple of the width.
    PackedLengthNotMultiple {
        /// The run's length in bytes.
        len: usize,
        /// The element width.
        width: usize,
    },
    /// A fixed-length list (`[T; N]`, `[u8; N]`) with the wrong number of elements.
    FixedLengthMismatch {
        /// The declared length.
        expected: usize,
        /// The length in the input.
        found: usize,
    },
    /// A limit from the decode options was exceeded.
    LimitExceeded {
        /// Which limit.
        limit: Limit,
        /// Its value.
        max: usize,
    },
    /// Canonical decoding found bytes the encoder would not write.
    NonCanonical(CanonicalRule),
    /// A custom field type's decoder (a `#[cram(with = ...)]` module) rejected the value's bytes.
    InvalidValue {
        /// Why, in the module's words (static, so error kinds stay free to copy and drop).
        reason: &'static str,
    },
}

impl fmt::Display for DecodeErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeErrorKind::Truncated => f.write_str("input ends in the middle of a value"),
            DecodeErrorKind::VarintOverflow => f.write_str("varint longer than 64 bits"),
            DecodeErrorKind::InvalidWireType(bits) => write!(f, "invalid wire type {bits}"),
            DecodeErrorKind::InvalidFieldNumber(n) => write!(f, "invalid field number {n}"),
            DecodeErrorKind::WireTypeMismatch { expected, found } => {
                write!(f, "wire type {found} where the field is {expected}")
            }
            DecodeErrorKind::IntegerOutOfRange { value, target } => {
                write!(f, "integer {value} out of range for {target}")
            }
            DecodeErrorKind::InvalidBool(v) => write!(f, "invalid bool {v} (must be 0 or 1)"),
            DecodeErrorKind::InvalidUtf8 => f.write_str("invalid UTF-8"),
            DecodeErrorKind::LengthOutOfBounds { len, remaining } => {
                write!(f, "length {len} exceeds the {remaining} bytes remaining")
            }
            DecodeErrorKind::UnknownEnumValue(v) => write!(f, "unknown enum value {v}"),
            DecodeErrorKind::UnknownTypeId(id) => write!(f, "unknown type id {id}"),
            DecodeErrorKind::MissingRequiredField => f.write_str("required field is missing"),
            DecodeErrorKind::UnknownField(n) => write!(f, "unknown field {n} (strict mode)"),
            DecodeErrorKind::PackedLengthNotMultiple { len, width } => {
                write!(f, "packed run of {len} bytes is not a multiple of {width}")
            }
            DecodeErrorKind::FixedLengthMismatch { expected, found } => {
                write!(f, "fixed-length list holds {found} elements, expected {expected}")
            }
            DecodeErrorKind::LimitExceeded { limit, max } => {
                write!(f, "{limit:?} limit of {max} exceeded")
            }
            DecodeErrorKind::NonCanonical(rule) => write!(f, "not canonical: {}", rule.describe()),
            DecodeErrorKind::InvalidValue { reason } => write!(f, "invalid value: {reason}"),
        }
    }
}

/// One step of the path to the failing field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathSegment {
    /// A field of a message type.
    Field {
        /// The message's name.
        message: Cow<'static, str>,
        /// The field's name.
        field: Cow<'static, str>,
    },
    /// An element of a list (or an entry of a map, by position).
    Index(usize),
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Inner {
    kind: DecodeErrorKind,
    offset: usize,
    /// Innermost first: pushed as the error travels outwards.
    path: Vec<PathSegment>,
    /// The type being decoded, named by the entry point (`decode`, `view`) for errors outside any field.
    message: Option<Cow<'static, str>>,
}

/// An error from decoding or viewing: its kind, the byte offset in the input, and the field path.
///
/// One pointer wide, so `Result<T, DecodeError>` stays small on the happy path.
///
/// ```
/// use cramberry::{DecodeErrorKind, Message};
/// #[derive(cramberry::Cramberry, Debug)]
/// struct Item { #[cram(1)] name: String }
///
/// let err = Item::decode(&[0x0a, 0x02, 0xff, 0xfe]).unwrap_err();
/// assert_eq!(err.kind(), &DecodeErrorKind::InvalidUtf8);
/// assert_eq!(err.offset(), 2);
/// assert_eq!(err.to_string(), "failed to decode Item.name: invalid UTF-8 at byte 2");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct DecodeError {
    inner: Box<Inner>,
}

impl DecodeError {
    /// A new error of `kind` at byte `offset` of the input.
    #[cold]
    #[inline(never)]
    pub fn new(kind: DecodeErrorKind, offset: usize) -> DecodeError {
        DecodeError { inner: Box::new(Inner { kind, offset, path: Vec::new(), message: None }) }
    }

    /// What went wrong.
    pub fn kind(&self) -> &DecodeErrorKind {
        &self.inner.kind
    }

    /// The byte offset in the input where the offending value starts.
    pub fn offset(&self) -> usize {
        self.inner.offset
    }

    /// The type that was being decoded (`Order`), when the entry point named it: `decode`, `view` and the
    /// dynamic codec do.
    pub fn message(&self) -> Option<&str> {
        self.inner.message.as_deref()
    }

    /// Names the type being decoded (called by the entry points; the first name given stays).
    #[cold]
    #[inline(never)]
    pub fn in_message(mut self, name: impl Into<Cow<'static, str>>) -> DecodeError {
        self.inner.message.get_or_insert_with(|| name.into());
        self
    }

    /// [`in_message`](Self::in_message) with the name of the Rust type `T`, without its module path.
    #[cold]
    #[inline(never)]
    pub fn in_type<T: ?Sized>(self) -> DecodeError {
        let full = core::any::type_name::<T>();
        let generics = full.find('<').unwrap_or(full.len());
        let start = full[..generics].rfind("::").map_or(0, |i| i + 2);
        self.in_message(&full[start..])
    }

    /// The path to the failing field, outermost first.
    pub fn path(&self) -> impl Iterator<Item = &PathSegment> {
        self.inner.path.iter().rev()
    }

    /// The path as text: `Order.items[3].name`.
    pub fn path_string(&self) -> String {
        let mut out = String::new();
        for segment in self.path() {
            match segment {
                PathSegment::Field { message, field } if out.is_empty() => {
                    out.push_str(message);
                    out.push('.');
                    out.push_str(field);
                }
                PathSegment::Field { field, .. } => {
                    out.push('.');
                    out.push_str(field);
                }
                PathSegment::Index(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
            }
        }
        out
    }

    /// Adds the field the error happened in (called as the error travels outwards).
    #[cold]
    #[inline(never)]
    pub fn in_field(self, message: &'static str, field: &'static str) -> DecodeError {
        self.in_named_field(message, field)
    }

    /// [`in_field`](Self::in_field) with names known only at run time (the dynamic codec's).
    #[cold]
    #[inline(never)]
    pub fn in_named_field(
        mut self,
        message: impl Into<Cow<'static, str>>,
        field: impl Into<Cow<'static, str>>,
    ) -> DecodeError {
        self.inner.path.push(PathSegment::Field { message: message.into(), field: field.into() });
        self
    }

    /// The error with its offset moved `by` bytes later (for a message read from inside a larger buffer, such
    /// as a frame of a stream).
    #[cold]
    #[inline(never)]
    pub(crate) fn shifted(mut self, by: usize) -> DecodeError {
        self.inner.offset += by;
        self
    }

    /// Adds the list index the error happened at.
    #[cold]
    #[inline(never)]
    pub fn at_index(mut self, index: usize) -> DecodeError {
        self.inner.path.push(PathSegment::Index(index));
        self
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeError")
            .field("kind", &self.inner.kind)
            .field("offset", &self.inner.offset)
            .field("path", &self.path_string())
            .finish()
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.inner.path.is_empty() {
            match &self.inner.message {
                Some(message) => write!(f, "failed to decode {message}: "),
                None => f.write_str("failed to decode: "),
            }?;
            write!(f, "{} at byte {}", self.inner.kind, self.inner.offset)
        } else {
            write!(
                f,
                "failed to decode {}: {} at byte {}",
                self.path_string(),
                self.inner.kind,
                self.inner.offset
            )
        }
    }
}

impl core::error::Error for DecodeError {}

/// An error from [`Message::encode_to_slice`](crate::Message::encode_to_slice).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum EncodeError {
    /// The buffer cannot hold the message.
    BufferTooSmall {
        /// Bytes the message needs.
        needed: usize,
        /// Bytes the buffer has.
        available: usize,
    },
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EncodeError::BufferTooSmall { needed, available } => {
                write!(f, "buffer too small: the message needs {needed} bytes, the buffer has {available}")
            }
        }
    }
}

impl core::error::Error for EncodeError {}

/// `Result` with [`DecodeError`] as the default error.
pub type Result<T, E = DecodeError> = core::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_is_one_pointer_wide_and_renders_its_path() {
        assert_eq!(core::mem::size_of::<DecodeError>(), core::mem::size_of::<usize>());
        let err = DecodeError::new(DecodeErrorKind::InvalidUtf8, 41)
            .in_field("Item", "name")
            .at_index(3)
            .in_field("Order", "items");
        assert_eq!(err.path_string(), "Order.items[3].name");
        assert_eq!(err.to_string(), "failed to decode Order.items[3].name: invalid UTF-8 at byte 41");
    }
}
