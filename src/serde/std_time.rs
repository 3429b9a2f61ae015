//! `std::time::Duration` and `SystemTime` through serde. serde's own impls write them as structs of unsigned
//! whole seconds and nanoseconds (`Duration { secs, nanos }`, `SystemTime { secs_since_epoch,
//! nanos_since_epoch }`); the derive writes them as the standard `Duration` and `Timestamp`, whose seconds
//! are signed (SVARINT). The bridge recognises the two structs by name and writes and reads the seconds as
//! the derive does, so both give the same bytes.

/// One of the two std structs whose seconds the bridge writes as the derive does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum StdTime {
    Duration,
    SystemTime,
}

impl StdTime {
    /// The std struct serde calls `name`, if it is one.
    pub(super) fn named(name: &str) -> Option<StdTime> {
        match name {
            "Duration" => Some(StdTime::Duration),
            "SystemTime" => Some(StdTime::SystemTime),
            _ => None,
        }
    }

    /// The std struct serde reads as `name` with `fields`, if it is one.
    pub(super) fn with_fields(name: &str, fields: &[&str]) -> Option<StdTime> {
        StdTime::named(name).filter(|time| fields == time.fields())
    }

    /// serde's names of its fields: the seconds (field 1) and the nanoseconds (field 2).
    pub(super) fn fields(self) -> &'static [&'static str] {
        match self {
            StdTime::Duration => &["secs", "nanos"],
            StdTime::SystemTime => &["secs_since_epoch", "nanos_since_epoch"],
        }
    }

    /// The name the derive's range errors give the type (`IntegerOutOfRange`'s target).
    pub(super) fn target(self) -> &'static str {
        match self {
            StdTime::Duration => "std::time::Duration",
            StdTime::SystemTime => "SystemTime",
        }
    }
}
