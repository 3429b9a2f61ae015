//! The standard types (docs/standard-types.md): messages every program needs, with one wire form in every
//! language, and the Rust types written as them.
//!
//! - [`Timestamp`] (seconds and nanoseconds since the UNIX epoch): `std::time::SystemTime` fields are
//!   written as it (with the `std` feature).
//! - [`Duration`] (seconds and nanoseconds): `std::time::Duration` fields are written as it.
//! - The wrappers [`BoolValue`] … [`BytesValue`] (absent and default differ), [`Empty`], and [`Any`] (a type
//!   id and a message's bytes).
//!
//! ```
//! # #[cfg(feature = "std")] {
//! use cramberry::{Cramberry, Message};
//! use std::time::{Duration, SystemTime, UNIX_EPOCH};
//!
//! #[derive(Cramberry, Debug, PartialEq)]
//! struct Session {
//!     #[cram(1)] started: SystemTime,
//!     #[cram(2)] timeout: Duration,
//! }
//!
//! let session = Session { started: UNIX_EPOCH + Duration::new(1_700_000_000, 5), timeout: Duration::from_millis(1500) };
//! let bytes = session.encode_to_vec();
//! assert_eq!(Session::decode(&bytes)?, session);
//! assert_eq!(Session::view(&bytes)?.timeout(), Duration::from_millis(1500));
//! # }
//! # Ok::<(), cramberry::DecodeError>(())
//! ```

#[cfg(feature = "chrono")]
mod chrono;
#[cfg(feature = "rust_decimal")]
mod decimal;
mod time;
#[cfg(feature = "time")]
mod time_crate;
#[cfg(feature = "uuid")]
mod uuid;
mod wrappers;

#[cfg(feature = "serde")]
pub(crate) use time::NANOS_PER_SECOND;
pub use time::{Duration, DurationView, TimeRangeError, Timestamp, TimestampView};
pub use wrappers::{
    Any, AnyView, BoolValue, BoolValueView, BytesValue, BytesValueView, Empty, EmptyView, Float64Value,
    Float64ValueView, Int64Value, Int64ValueView, StringValue, StringValueView, UInt64Value, UInt64ValueView,
};

/// The standard message types, once for every front end: each one's name (in the schema package
/// `cramberry.std` and in this module) and standard type id. The schema crate's generators and `extract`
/// take the list from here; a test checks the built-in `cramberry/std.cram` defines exactly these.
///
/// ```
/// use cramberry::registry::Registered;
/// use cramberry::std_types::{Timestamp, STANDARD_TYPES};
/// assert_eq!(STANDARD_TYPES[0], ("Timestamp", Timestamp::TYPE_ID));
/// assert!(STANDARD_TYPES.iter().all(|&(_, id)| cramberry::registry::STANDARD_TYPE_IDS.contains(&id)));
/// ```
pub const STANDARD_TYPES: &[(&str, u64)] = {
    use crate::message::Registered;
    &[
        ("Timestamp", Timestamp::TYPE_ID),
        ("Duration", Duration::TYPE_ID),
        ("BoolValue", BoolValue::TYPE_ID),
        ("Int64Value", Int64Value::TYPE_ID),
        ("UInt64Value", UInt64Value::TYPE_ID),
        ("Float64Value", Float64Value::TYPE_ID),
        ("StringValue", StringValue::TYPE_ID),
        ("BytesValue", BytesValue::TYPE_ID),
        ("Empty", Empty::TYPE_ID),
        ("Any", Any::TYPE_ID),
    ]
};

/// Implements the field traits for a type written as the field type `$wire`: `$to` (`fn(&T) -> W`) converts
/// for encoding, `$from` (`fn(W) -> Result<T, DecodeErrorKind>`) for decoding, its error reported at the
/// value's offset. A view gives the type by value.
macro_rules! written_as {
    ($ty:ty as $wire:ty, default $default:expr, to $to:expr, from $from:expr) => {
        const _: () = {
            use $crate::__private::{
                Cursor, DecodeValue, EncodeValue, LenRecorder, Reader, SizeCursor, ValueView, WireType,
                Writer,
            };
            use $crate::{DecodeErrorKind, Result};

            #[inline(always)]
            fn to_wire(value: &$ty) -> $wire {
                let to: fn(&$ty) -> $wire = $to;
                to(value)
            }

            #[inline(always)]
            fn from_wire(wire: $wire) -> ::core::result::Result<$ty, DecodeErrorKind> {
                let from: fn($wire) -> ::core::result::Result<$ty, DecodeErrorKind> = $from;
                from(wire)
            }

            impl EncodeValue for $ty {
                const WIRE_TYPE: WireType = <$wire as EncodeValue>::WIRE_TYPE;
                const RECORDS_LEN: bool = <$wire as EncodeValue>::RECORDS_LEN;
                #[inline]
                fn is_default(&self) -> bool {
                    *self == $default
                }
                #[inline]
                fn value_len<R: LenRecorder>(&self, rec: &mut R) -> usize {
                    to_wire(self).value_len(rec)
                }
                #[inline]
                fn encode(&self, w: &mut Writer<'_>, sizes: &mut SizeCursor<'_>) {
                    to_wire(self).encode(w, sizes)
                }
            }

            impl<'de> DecodeValue<'de> for $ty {
                #[inline]
                fn empty() -> Self {
                    $default
                }
                #[inline]
                fn decode(r: &mut Reader<'de>) -> Result<Self> {
                    let at = r.position();
                    let wire = <$wire as DecodeValue<'de>>::decode(r)?;
                    from_wire(wire).map_err(|kind| r.error(kind, at))
                }
            }

            impl<'a> ValueView<'a> for $ty {
                type View = $ty;
                crate::view::lazy_is_view!(crate::field::Natural);
                #[inline]
                fn empty_view() -> $ty {
                    $default
                }
                #[inline]
                fn view_is_default(view: &$ty) -> bool {
                    *view == $default
                }
                #[inline]
                fn read_view(r: &mut Reader<'a>) -> Result<$ty> {
                    <$ty as DecodeValue<'a>>::decode(r)
                }
                #[inline]
                fn from_view(view: &$ty) -> $ty {
                    *view
                }
                #[inline]
                fn revisit_view(c: &mut Cursor<'a>) -> $ty {
                    let view = <$wire as ValueView<'a>>::revisit_view(c);
                    from_wire(<$wire as ValueView<'a>>::from_view(&view)).unwrap_or($default)
                }
            }
        };
    };
}
pub(crate) use written_as;
