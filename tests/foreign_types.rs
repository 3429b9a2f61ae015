//! Ready-made field types of other crates, each behind its feature: `uuid::Uuid` (16 bytes),
//! `chrono::DateTime<Utc>` and `time::OffsetDateTime` (the standard Timestamp). Run with `--all-features`.

#![cfg(any(feature = "uuid", feature = "chrono", feature = "time"))]

use cramberry::std_types::Timestamp;
use cramberry::{Cramberry, DecodeErrorKind, DecodeOptions, Message};

/// The wire twins of the foreign types.
#[derive(Cramberry, Debug, PartialEq, Default)]
struct Twin {
    #[cram(1)]
    id: [u8; 16],
    #[cram(2)]
    at: Timestamp,
}

#[cfg(feature = "uuid")]
mod uuid_fields {
    use super::*;
    use uuid::Uuid;

    #[derive(Cramberry, Debug, PartialEq)]
    struct Order {
        #[cram(1)]
        id: Uuid,
        #[cram(3)]
        parents: Vec<Uuid>,
    }

    #[test]
    fn a_uuid_is_its_sixteen_bytes() {
        let id = Uuid::from_u128(0x0011_2233_4455_6677_8899_aabb_ccdd_eeff);
        let order = Order { id, parents: vec![Uuid::nil(), id] };
        let bytes = order.encode_to_vec();
        assert_eq!(&bytes[..2], [0x0a, 0x10]);
        assert_eq!(&bytes[2..18], id.as_bytes());
        assert_eq!(bytes[..18], Twin { id: *id.as_bytes(), ..Twin::default() }.encode_to_vec()[..]);
        assert_eq!(Order::decode(&bytes).unwrap(), order);
        assert_eq!(Order::decode_with(&bytes, &DecodeOptions::canonical()).unwrap(), order);
        let view = Order::view(&bytes).unwrap();
        assert_eq!(view.id(), id);
        assert_eq!(view.parents().iter().collect::<Vec<Uuid>>(), [Uuid::nil(), id]);
        assert!(Order { id: Uuid::nil(), parents: vec![] }.encode_to_vec().is_empty(), "nil is the default");
    }

    #[test]
    fn a_uuid_of_another_length_is_a_fixed_length_mismatch() {
        let bytes = [0x0a, 0x03, 1, 2, 3];
        for err in [Order::decode(&bytes).unwrap_err(), Order::view(&bytes).unwrap_err()] {
            assert_eq!(err.kind(), &DecodeErrorKind::FixedLengthMismatch { expected: 16, found: 3 });
            assert_eq!(err.offset(), 1);
        }
    }
}

#[cfg(feature = "chrono")]
mod chrono_fields {
    use super::*;
    use chrono::{DateTime, Utc};

    #[derive(Cramberry, Debug, PartialEq)]
    struct Event {
        #[cram(2)]
        at: DateTime<Utc>,
    }

    #[test]
    fn a_chrono_time_is_a_standard_timestamp() {
        let at = DateTime::from_timestamp(-1_234_567, 890).unwrap();
        let bytes = Event { at }.encode_to_vec();
        let twin = Twin { at: Timestamp { seconds: -1_234_567, nanos: 890 }, ..Twin::default() };
        assert_eq!(bytes, twin.encode_to_vec());
        assert_eq!(Event::decode(&bytes).unwrap(), Event { at });
        assert_eq!(Event::view(&bytes).unwrap().at(), at);
        assert!(Event { at: DateTime::UNIX_EPOCH }.encode_to_vec().is_empty());
    }

    #[test]
    fn a_leap_second_is_written_as_the_next_second() {
        let leap = DateTime::from_timestamp(1_019, 1_500_000_000).unwrap(); // 00:16:59, leap
        assert_eq!(Timestamp::from(leap), Timestamp { seconds: 1_020, nanos: 500_000_000 });
    }

    #[test]
    fn a_timestamp_past_chronos_range_is_out_of_range() {
        let bytes = Twin { at: Timestamp { seconds: i64::MAX, nanos: 0 }, ..Twin::default() }.encode_to_vec();
        let err = Event::decode(&bytes).unwrap_err();
        let expected =
            DecodeErrorKind::IntegerOutOfRange { value: i64::MAX.into(), target: "chrono::DateTime" };
        assert_eq!((err.kind(), err.offset()), (&expected, 1));
        assert_eq!(Event::view(&bytes).unwrap_err().kind(), &expected);
    }
}

#[cfg(feature = "time")]
mod time_fields {
    use super::*;
    use time::{OffsetDateTime, UtcOffset};

    #[derive(Cramberry, Debug, PartialEq)]
    struct Event {
        #[cram(2)]
        at: OffsetDateTime,
    }

    #[test]
    fn a_time_crate_time_is_a_standard_timestamp_in_utc() {
        let utc = OffsetDateTime::from_unix_timestamp_nanos(1_700_000_000_000_000_123).unwrap();
        let local = utc.to_offset(UtcOffset::from_hms(2, 0, 0).unwrap());
        let bytes = Event { at: local }.encode_to_vec();
        let twin = Twin { at: Timestamp { seconds: 1_700_000_000, nanos: 123 }, ..Twin::default() };
        assert_eq!(bytes, twin.encode_to_vec(), "the instant, whatever the offset");
        let back = Event::decode(&bytes).unwrap().at;
        assert_eq!((back, back.offset()), (utc, UtcOffset::UTC));
        assert_eq!(Event::view(&bytes).unwrap().at(), utc);
    }

    #[test]
    fn a_timestamp_past_the_time_crates_range_is_out_of_range() {
        let bytes = Twin { at: Timestamp { seconds: i64::MIN, nanos: 0 }, ..Twin::default() }.encode_to_vec();
        let err = Event::decode(&bytes).unwrap_err();
        let expected =
            DecodeErrorKind::IntegerOutOfRange { value: i64::MIN.into(), target: "time::OffsetDateTime" };
        assert_eq!((err.kind(), err.offset()), (&expected, 1));
    }
}
