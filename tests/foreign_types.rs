//! Ready-made field types of other crates, each behind its feature: `uuid::Uuid` (16 bytes),
//! `chrono::DateTime<Utc>` and `time::OffsetDateTime` (the standard Timestamp), `rust_decimal::Decimal` (its
//! 16 serialized bytes). Run with `--all-features`.

#![cfg(any(feature = "uuid", feature = "chrono", feature = "time", feature = "rust_decimal"))]

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

#[cfg(feature = "rust_decimal")]
mod decimal_fields {
    use super::*;
    use rust_decimal::Decimal;

    #[derive(Cramberry, Debug, PartialEq)]
    struct Fill {
        #[cram(1)]
        price: Decimal,
    }

    #[test]
    fn a_decimal_is_its_serialized_bytes_and_keeps_its_scale() {
        for text in ["1.50", "1.5", "-0.000001", "79228162514264337593543950335", "-12345.6789"] {
            let price: Decimal = text.parse().unwrap();
            let bytes = Fill { price }.encode_to_vec();
            assert_eq!(bytes, Twin { id: price.serialize(), ..Twin::default() }.encode_to_vec());
            let back = Fill::decode_with(&bytes, &DecodeOptions::canonical()).unwrap().price;
            assert_eq!(back.to_string(), text, "the scale is kept");
            assert_eq!(Fill::view(&bytes).unwrap().price().to_string(), text);
        }
        assert_ne!(
            Fill { price: "1.50".parse().unwrap() }.encode_to_vec(),
            Fill { price: "1.5".parse().unwrap() }.encode_to_vec()
        );
    }

    #[test]
    fn zero_in_any_scale_or_sign_is_the_default() {
        for text in ["0", "0.00", "-0.0"] {
            assert!(Fill { price: text.parse().unwrap() }.encode_to_vec().is_empty(), "{text}");
        }
        let written_zero = Twin { id: "0.00".parse::<Decimal>().unwrap().serialize(), ..Twin::default() };
        let bytes = written_zero.encode_to_vec();
        assert_eq!(Fill::decode(&bytes).unwrap().price, Decimal::ZERO);
        let err = Fill::decode_with(&bytes, &DecodeOptions::canonical()).unwrap_err();
        assert!(matches!(err.kind(), DecodeErrorKind::NonCanonical(_)), "{err}");
    }

    #[test]
    fn flags_that_are_no_decimals_are_rejected_at_the_field() {
        for flags in [0x0001_0000u32 * 29, 0x0000_0001, 0x4000_0000] {
            let mut id = [0u8; 16];
            id[..4].copy_from_slice(&flags.to_le_bytes());
            id[4] = 1;
            let bytes = Twin { id, ..Twin::default() }.encode_to_vec();
            for err in [Fill::decode(&bytes).unwrap_err(), Fill::view(&bytes).unwrap_err()] {
                let expected = DecodeErrorKind::IntegerOutOfRange {
                    value: flags.into(),
                    target: "rust_decimal::Decimal flags",
                };
                assert_eq!((err.kind(), err.offset()), (&expected, 1));
            }
        }
    }
}
