//! A serde bridge (feature `serde`): any `Serialize` / `Deserialize` type in the Cramberry wire format, so
//! types that already derive serde go over the wire without new derives.
//!
//! The mapping is the derive's, field for field, so a serde type and a `#[derive(Cramberry)]` type with the
//! same fields in the same order (numbered 1, 2, ...) give the same bytes:
//!
//! - a struct is a message whose fields are numbered by position; a plain field holding its default is not
//!   written, and an absent one reads as the default (`Option`: `None` is absent, `Some` always written);
//! - integers, floats, bool, char, strings, bytes, `u128` / `i128` as the derive writes them; `Vec<u8>` (a
//!   sequence of `u8`) is bytes; other sequences are lists (scalars packed), a list inside a list is a nested
//!   message holding it (as `Vec<Vec<T>>`); tuples are nested messages of their elements;
//! - maps are lists of entry messages `{1: key, 2: value}`, written in ascending key order (so a `HashMap`
//!   encodes deterministically); keys are integers, bool, char, strings, bytes or unit enum variants;
//! - enums: a unit variant is its index as a VARINT (as an enumeration); a variant with data is an interface
//!   value (TYPEREF) with type id 128 + index, whose message is a newtype variant's struct fields (any other
//!   newtype value as field 1), or a tuple or struct variant's fields 1, 2, ...; newtype structs are
//!   transparent;
//! - `std::time::Duration` and `SystemTime` as the standard `Duration` and `Timestamp`, as the derive writes
//!   them (serde hands them over as structs of unsigned seconds; the bridge writes the seconds signed).
//!
//! Serde attributes: a field that `skip_serializing_if` skips keeps its number (it is absent, so it reads as
//! its default); `#[serde(skip)]` leaves a field out on both sides; `deny_unknown_fields` refuses fields the
//! struct does not know (`UnknownField`), as strict options do for every struct. serde tells a format nothing
//! of a field skipped on one side only (`skip_serializing` or `skip_deserializing` alone), so the two sides
//! would number the fields after it differently: use `skip`, or `#[serde(skip_serializing_if =
//! "cramberry::serde::always")]` (never written, read when present) instead. `#[serde(default = ...)]` is not consulted: a field holding its type's default is
//! not written, so an absent field reads as the type's default, and a written 0 stays 0.
//!
//! What this mapping cannot honour is an error naming it, never different bytes: `#[serde(flatten)]`
//! (serde writes the struct as a map of unknown length), and everything that needs a self-describing format —
//! `deserialize_any`, which `#[serde(untagged)]`, internally and adjacently tagged enums and `serde_json::Value`
//! call. An `Option` inside a list has no encoding (as in derived types). Types that nest themselves without a
//! message in between (`struct R(Option<Box<R>>)`) stop after 128 such steps with `LimitExceeded { Depth }`.
//!
//! ```
//! use serde::{Deserialize, Serialize};
//!
//! #[derive(Serialize, Deserialize, Debug, PartialEq)]
//! struct Envelope<'a> {
//!     id: u64,
//!     topic: &'a str,
//!     tags: Vec<String>,
//!     reply_to: Option<u32>,
//! }
//!
//! let envelope = Envelope { id: 7, topic: "fills", tags: vec!["a".into()], reply_to: None };
//! let bytes = cramberry::serde::to_vec(&envelope)?;
//! assert_eq!(bytes, [0x08, 0x07, 0x12, 0x05, b'f', b'i', b'l', b'l', b's', 0x1a, 0x01, b'a']);
//! let back: Envelope = cramberry::serde::from_slice(&bytes)?;
//! assert_eq!(back, envelope);
//! # Ok::<(), cramberry::serde::Error>(())
//! ```

mod de;
mod pass;
mod ser;
mod std_time;
mod wire;

use crate::error::{DecodeError, DecodeErrorKind};
use crate::options::DecodeOptions;
use core::fmt;

/// The serde bridge's `Result`.
pub type Result<T, E = Error> = core::result::Result<T, E>;

/// Why a value could not be written or read.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Error {
    /// The bytes are not a value of the type (what, and at which offset).
    Decode(DecodeError),
    /// A serde feature the mapping cannot honour, named.
    Unsupported {
        /// The feature (`flatten`, `deserialize_any`, ...).
        feature: &'static str,
        /// What to do instead.
        hint: &'static str,
    },
    /// The top-level value is not a struct.
    NotAStruct,
    /// A map key of a type maps cannot have.
    UnsupportedKey,
    /// A message from the type's own `Serialize` / `Deserialize` code.
    Custom(String),
    /// The value serialized differently the two times it was asked to (the bridge measures, then writes):
    /// a `Serialize` implementation whose output changes between calls, such as one reading a cell or
    /// a clock.
    Inconsistent,
}

impl Error {
    fn decode(error: DecodeError) -> Self {
        Error::Decode(error)
    }

    fn at(kind: DecodeErrorKind, offset: usize) -> Self {
        Error::Decode(DecodeError::new(kind, offset))
    }

    fn top_level() -> Self {
        Error::NotAStruct
    }

    fn unsupported_key() -> Self {
        Error::UnsupportedKey
    }

    fn custom_str(message: &str) -> Self {
        Error::Custom(message.to_owned())
    }

    fn unsupported(feature: &'static str) -> Self {
        let hint = match feature {
            "flatten" => "write the flattened fields out in the struct, or nest the struct as a field",
            "deserialize_any" => {
                "Cramberry is not self-describing: `#[serde(untagged)]`, `#[serde(tag = ...)]` and \
                 `serde_json::Value` need the types in the bytes; use an externally tagged enum"
            }
            "Option inside a list" => {
                "list elements cannot be absent; use a list of messages holding an Option"
            }
            _ => "this serde feature has no Cramberry encoding",
        };
        Error::Unsupported { feature, hint }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Decode(e) => e.fmt(f),
            Error::Unsupported { feature, hint } => write!(f, "serde `{feature}` is not supported: {hint}"),
            Error::NotAStruct => f.write_str("the top-level value must be a struct (a message)"),
            Error::UnsupportedKey => {
                f.write_str("map keys are integers, bool, char, strings, bytes or unit enum variants")
            }
            Error::Custom(message) => f.write_str(message),
            Error::Inconsistent => {
                f.write_str("the value serialized differently when measured and when written")
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Decode(e) => Some(e),
            _ => None,
        }
    }
}

impl serde::ser::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error::Custom(message.to_string())
    }
}

impl serde::de::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error::Custom(message.to_string())
    }
}

/// `true`, for `#[serde(skip_serializing_if = "cramberry::serde::always")]`: a field never written whose
/// number stays taken, so the fields after it keep theirs, and which is read when present. (serde's
/// `skip_serializing` alone would shift them: serde does not tell a format about such a field.)
///
/// ```
/// use serde::{Deserialize, Serialize};
///
/// #[derive(Serialize, Deserialize, Debug, PartialEq)]
/// struct Login {
///     user: String,
///     #[serde(skip_serializing_if = "cramberry::serde::always", default)]
///     password: String,
///     attempt: u32,
/// }
///
/// let bytes = cramberry::serde::to_vec(&Login { user: "a".into(), password: "x".into(), attempt: 2 })?;
/// assert_eq!(bytes, [0x0a, 0x01, b'a', 0x18, 0x02]); // field 2 never written, `attempt` still field 3
/// let back: Login = cramberry::serde::from_slice(&bytes)?;
/// assert_eq!(back, Login { user: "a".into(), password: String::new(), attempt: 2 });
/// # Ok::<(), cramberry::serde::Error>(())
/// ```
pub fn always<T: ?Sized>(_: &T) -> bool {
    true
}

/// Encodes `value`, which must serialize as a struct, to a new `Vec`.
pub fn to_vec<T: ?Sized + serde::Serialize>(value: &T) -> Result<Vec<u8>> {
    let mut measure = pass::Measure::default();
    value.serialize(ser::Root { pass: &mut measure })?;
    let mut write = measure.writer();
    value.serialize(ser::Root { pass: &mut write })?;
    write.finish()
}

/// Decodes a `T` (a struct) from `bytes` with the default options; `&str` and `&[u8]` fields borrow `bytes`.
pub fn from_slice<'de, T: serde::Deserialize<'de>>(bytes: &'de [u8]) -> Result<T> {
    from_slice_with(bytes, &DecodeOptions::DEFAULT)
}

/// [`from_slice`] with `options`: the depth, length and element limits, and strict mode (unknown fields are
/// errors). Canonical form is not checked by this bridge.
pub fn from_slice_with<'de, T: serde::Deserialize<'de>>(
    bytes: &'de [u8],
    options: &DecodeOptions,
) -> Result<T> {
    crate::decode::check_message_len(bytes, options).map_err(Error::decode)?;
    T::deserialize(de::Root { bytes, ctx: wire::Ctx { options, depth: 0, hops: 0 } })
}
