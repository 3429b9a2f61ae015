//! `Timestamp` and `Duration`: seconds and nanoseconds, as messages (docs/standard-types.md), and
//! `std::time::{SystemTime, Duration}` as field types written as them.

use crate::decode::{Cursor, Reader};
use crate::encode::{LenRecorder, SizeCursor, Writer};
use crate::error::{DecodeErrorKind, Result};
use crate::field::{DecodeValue, Value};
use crate::viewing::ValueView;

use crate::wire::WireType;
use crate::Cramberry;
use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

/// Nanoseconds in a second: `nanos` is always below it.
const NANOS_PER_SECOND: u32 = 1_000_000_000;

/// A point in time: `seconds` since the UNIX epoch (negative before it) plus `nanos` (0 to 999 999 999)
/// toward the future. Standard type id 64. The field type of `SystemTime` (and, with their features, of
/// chrono's and time's timestamps).
#[derive(Cramberry, Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Timestamp {
    /// Whole seconds since 1970-01-01T00:00:00Z (negative before it).
    #[cram(1)]
    pub seconds: i64,
    /// Nanoseconds after `seconds`, 0 to 999 999 999.
    #[cram(2)]
    pub nanos: u32,
}

/// A span of time: `seconds` plus `nanos` (0 to 999 999 999), negative when `seconds` is. Standard type id
/// 65. The field type of `std::time::Duration` (which cannot be negative).
#[derive(Cramberry, Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Duration {
    /// Whole seconds (negative for a negative span).
    #[cram(1)]
    pub seconds: i64,
    /// Nanoseconds added to `seconds`, 0 to 999 999 999.
    #[cram(2)]
    pub nanos: u32,
}

/// A `Timestamp` or `Duration` that the target type cannot hold: nanoseconds of a second or more, or a value
/// outside the target's range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeRangeError {
    what: &'static str,
    value: i128,
}

impl TimeRangeError {
    /// What is out of range (`"nanos"`, `"SystemTime"`, `"std::time::Duration"`).
    pub fn what(&self) -> &'static str {
        self.what
    }

    /// The value that is out of range (the nanoseconds, or the seconds).
    pub fn value(&self) -> i128 {
        self.value
    }

    fn into_decode_kind(self) -> DecodeErrorKind {
        DecodeErrorKind::IntegerOutOfRange { value: self.value, target: self.what }
    }
}

impl fmt::Display for TimeRangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} out of range for {}", self.value, self.what)
    }
}

impl std::error::Error for TimeRangeError {}

/// Checks that `nanos` is below one second.
fn check_nanos(nanos: u32) -> std::result::Result<(), TimeRangeError> {
    if nanos >= NANOS_PER_SECOND {
        return Err(TimeRangeError { what: "nanos", value: nanos.into() });
    }
    Ok(())
}

impl From<SystemTime> for Timestamp {
    fn from(t: SystemTime) -> Self {
        match t.duration_since(UNIX_EPOCH) {
            Ok(after) => Timestamp { seconds: after.as_secs() as i64, nanos: after.subsec_nanos() },
            Err(e) => {
                // Before the epoch: whole seconds down, nanoseconds back up toward the future.
                let before = e.duration();
                let (secs, nanos) = (before.as_secs() as i64, before.subsec_nanos());
                match nanos {
                    0 => Timestamp { seconds: -secs, nanos: 0 },
                    n => Timestamp { seconds: -secs - 1, nanos: NANOS_PER_SECOND - n },
                }
            }
        }
    }
}

impl TryFrom<Timestamp> for SystemTime {
    type Error = TimeRangeError;

    fn try_from(t: Timestamp) -> std::result::Result<Self, TimeRangeError> {
        check_nanos(t.nanos)?;
        let out_of_range = TimeRangeError { what: "SystemTime", value: t.seconds.into() };
        let time = if t.seconds >= 0 {
            UNIX_EPOCH.checked_add(std::time::Duration::new(t.seconds as u64, t.nanos))
        } else {
            let before = std::time::Duration::new(t.seconds.unsigned_abs(), 0);
            UNIX_EPOCH.checked_sub(before).and_then(|s| s.checked_add(std::time::Duration::new(0, t.nanos)))
        };
        time.ok_or(out_of_range)
    }
}

impl From<std::time::Duration> for Duration {
    /// Exact up to `i64::MAX` seconds (292 billion years); saturates beyond.
    fn from(d: std::time::Duration) -> Self {
        Duration { seconds: i64::try_from(d.as_secs()).unwrap_or(i64::MAX), nanos: d.subsec_nanos() }
    }
}

impl TryFrom<Duration> for std::time::Duration {
    type Error = TimeRangeError;

    fn try_from(d: Duration) -> std::result::Result<Self, TimeRangeError> {
        check_nanos(d.nanos)?;
        let seconds = u64::try_from(d.seconds)
            .map_err(|_| TimeRangeError { what: "std::time::Duration", value: d.seconds.into() })?;
        Ok(std::time::Duration::new(seconds, d.nanos))
    }
}

/// Implements the field traits for a std type written as the standard message `$wire`, converting with
/// `From` (encoding) and `TryFrom` (decoding; a value out of range is `IntegerOutOfRange` at the field).
macro_rules! written_as {
    ($ty:ty, $wire:ty, $default:expr) => {
        impl Value for $ty {
            const WIRE_TYPE: WireType = <$wire as Value>::WIRE_TYPE;
            const RECORDS_LEN: bool = <$wire as Value>::RECORDS_LEN;
            #[inline]
            fn is_default(&self) -> bool {
                *self == $default
            }
            #[inline]
            fn value_len<R: LenRecorder>(&self, rec: &mut R) -> usize {
                <$wire>::from(*self).value_len(rec)
            }
            #[inline]
            fn encode(&self, w: &mut Writer<'_>, sizes: &mut SizeCursor<'_>) {
                <$wire>::from(*self).encode(w, sizes)
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
                <$ty>::try_from(wire).map_err(|e| r.error(e.into_decode_kind(), at))
            }
        }

        impl<'a> ValueView<'a> for $ty {
            type View = $ty;
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
                <$ty>::try_from(view.to_message()).unwrap_or($default)
            }
        }
    };
}
written_as!(SystemTime, Timestamp, UNIX_EPOCH);
written_as!(std::time::Duration, Duration, std::time::Duration::ZERO);
