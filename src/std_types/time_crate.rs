//! `time::OffsetDateTime` fields (feature `time`), written as the standard `Timestamp`: the instant, in UTC
//! (the offset is not kept; decoding gives UTC). A `Timestamp` past the crate's range is `IntegerOutOfRange`
//! (target `time::OffsetDateTime`).

use super::time::{check_nanos, TimeRangeError};
use super::{written_as, Timestamp};
use time::OffsetDateTime;

impl From<OffsetDateTime> for Timestamp {
    fn from(t: OffsetDateTime) -> Self {
        Timestamp { seconds: t.unix_timestamp(), nanos: t.nanosecond() }
    }
}

impl TryFrom<Timestamp> for OffsetDateTime {
    type Error = TimeRangeError;

    fn try_from(t: Timestamp) -> Result<Self, TimeRangeError> {
        check_nanos(t.nanos)?;
        let nanos = i128::from(t.seconds) * 1_000_000_000 + i128::from(t.nanos);
        OffsetDateTime::from_unix_timestamp_nanos(nanos)
            .map_err(|_| TimeRangeError::new("time::OffsetDateTime", t.seconds.into()))
    }
}

written_as!(OffsetDateTime as Timestamp, default OffsetDateTime::UNIX_EPOCH, to |t| Timestamp::from(*t), from |w| {
    OffsetDateTime::try_from(w).map_err(TimeRangeError::into_decode_kind)
});
