//! The standard types (docs/standard-types.md): messages every program needs, with one wire form in every
//! language, and the Rust types written as them.
//!
//! - [`Timestamp`] (seconds and nanoseconds since the UNIX epoch): `std::time::SystemTime` fields are
//!   written as it.
//! - [`Duration`] (seconds and nanoseconds): `std::time::Duration` fields are written as it.
//!
//! ```
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
//! # Ok::<(), cramberry::DecodeError>(())
//! ```

mod time;

pub use time::{Duration, DurationView, TimeRangeError, Timestamp, TimestampView};
