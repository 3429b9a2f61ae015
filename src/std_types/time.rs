//! `Timestamp` and `Duration`: seconds and nanoseconds, as messages (docs/standard-types.md), and
//! `std::time::{SystemTime, Duration}` as field types written as them.

use super::written_as;
use crate::error::DecodeErrorKind;
use crate::Cramberry;
use core::fmt;
#[cfg(feature = "std")]
use std::time::{SystemTime, UNIX_EPOCH};

/// Nanoseconds in a second: `nanos` is always below it.
pub(crate) const NANOS_PER_SECOND: u32 = 1_000_000_000;

/// A point in time: `seconds` since the UNIX epoch (negative before it) plus `nanos` (0 to 999 999 999)
/// toward the future. Standard type id 64. The field type of `SystemTime` (and, with their features, of
/// chrono's and time's timestamps).
#[derive(Cramberry, Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cram(type_id = 64)]
pub struct Timestamp {
    /// Whole seconds since 1970-01-01T00:00:00Z (negative before it).
    #[cram(1)]
    pub seconds: i64,
    /// Nanoseconds after `seconds`, 0 to 999 999 999.
    #[cram(2)]
    pub nanos: u32,
}

/// A span of time: `seconds` plus `nanos` (0 to 999 999 999), negative when `seconds` is. Standard type id
/// 65. The field type of `core::time::Duration` (which cannot be negative).
#[derive(Cramberry, Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cram(type_id = 65)]
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

    /// The error of a value that `what` cannot hold.
    pub(crate) fn new(what: &'static str, value: i128) -> Self {
        TimeRangeError { what, value }
    }

    pub(crate) fn into_decode_kind(self) -> DecodeErrorKind {
        DecodeErrorKind::IntegerOutOfRange { value: self.value, target: self.what }
    }
}

impl fmt::Display for TimeRangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} out of range for {}", self.value, self.what)
    }
}

impl core::error::Error for TimeRangeError {}

/// Checks that `nanos` is below one second.
pub(crate) fn check_nanos(nanos: u32) -> core::result::Result<(), TimeRangeError> {
    if nanos >= NANOS_PER_SECOND {
        return Err(TimeRangeError::new("nanos", nanos.into()));
    }
    Ok(())
}

#[cfg(feature = "std")]
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

#[cfg(feature = "std")]
impl TryFrom<Timestamp> for SystemTime {
    type Error = TimeRangeError;

    fn try_from(t: Timestamp) -> core::result::Result<Self, TimeRangeError> {
        check_nanos(t.nanos)?;
        let out_of_range = TimeRangeError::new("SystemTime", t.seconds.into());
        let time = if t.seconds >= 0 {
            UNIX_EPOCH.checked_add(core::time::Duration::new(t.seconds as u64, t.nanos))
        } else {
            let before = core::time::Duration::new(t.seconds.unsigned_abs(), 0);
            UNIX_EPOCH.checked_sub(before).and_then(|s| s.checked_add(core::time::Duration::new(0, t.nanos)))
        };
        time.ok_or(out_of_range)
    }
}

impl From<core::time::Duration> for Duration {
    /// Exact up to `i64::MAX` seconds (292 billion years); saturates beyond.
    fn from(d: core::time::Duration) -> Self {
        Duration { seconds: i64::try_from(d.as_secs()).unwrap_or(i64::MAX), nanos: d.subsec_nanos() }
    }
}

impl TryFrom<Duration> for core::time::Duration {
    type Error = TimeRangeError;

    fn try_from(d: Duration) -> core::result::Result<Self, TimeRangeError> {
        check_nanos(d.nanos)?;
        let seconds = u64::try_from(d.seconds)
            .map_err(|_| TimeRangeError::new("std::time::Duration", d.seconds.into()))?;
        Ok(core::time::Duration::new(seconds, d.nanos))
    }
}

#[cfg(feature = "std")]
written_as!(SystemTime as Timestamp, default UNIX_EPOCH, to |t| Timestamp::from(*t), from |w| {
    SystemTime::try_from(w).map_err(TimeRangeError::into_decode_kind)
});
written_as!(core::time::Duration as Duration, default core::time::Duration::ZERO, to |d| Duration::from(*d), from |w| {
    core::time::Duration::try_from(w).map_err(TimeRangeError::into_decode_kind)
});
