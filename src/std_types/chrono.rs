//! `chrono::DateTime<Utc>` fields (feature `chrono`), written as the standard `Timestamp`. A leap second
//! (chrono's nanoseconds of 10^9 or more) is written as the first instant of the next second; a `Timestamp`
//! past chrono's range is `IntegerOutOfRange` (target `chrono::DateTime`).

use super::time::{check_nanos, TimeRangeError};
use super::{written_as, Timestamp};
use chrono::{DateTime, Utc};

impl From<DateTime<Utc>> for Timestamp {
    fn from(t: DateTime<Utc>) -> Self {
        let (seconds, nanos) = (t.timestamp(), t.timestamp_subsec_nanos());
        match nanos.checked_sub(1_000_000_000) {
            Some(leap) => Timestamp { seconds: seconds + 1, nanos: leap },
            None => Timestamp { seconds, nanos },
        }
    }
}

impl TryFrom<Timestamp> for DateTime<Utc> {
    type Error = TimeRangeError;

    fn try_from(t: Timestamp) -> Result<Self, TimeRangeError> {
        check_nanos(t.nanos)?;
        DateTime::from_timestamp(t.seconds, t.nanos)
            .ok_or_else(|| TimeRangeError::new("chrono::DateTime", t.seconds.into()))
    }
}

written_as!(DateTime<Utc> as Timestamp, default DateTime::<Utc>::UNIX_EPOCH, to |t| Timestamp::from(*t), from |w| {
    DateTime::<Utc>::try_from(w).map_err(TimeRangeError::into_decode_kind)
});
