//! The standard time types: `SystemTime` and `std::time::Duration` fields are written as the standard
//! `Timestamp` and `Duration` messages, read back exactly, and out-of-range values are typed errors.
#![cfg(feature = "std")] // SystemTime fields needs the runtime's `std` feature

use cramberry::std_types::{Duration, Timestamp};
use cramberry::{Cramberry, DecodeErrorKind, DecodeOptions, Message};
use proptest::prelude::*;
use std::time::{self, SystemTime, UNIX_EPOCH};

#[derive(Cramberry, Clone, Debug, PartialEq)]
struct Event {
    #[cram(1)]
    at: SystemTime,
    #[cram(2)]
    took: time::Duration,
    #[cram(3)]
    retries: Vec<SystemTime>,
}

/// The same fields as the standard messages.
#[derive(Cramberry, Clone, Debug, PartialEq, Default)]
struct EventTwin {
    #[cram(1)]
    at: Timestamp,
    #[cram(2)]
    took: Duration,
    #[cram(3)]
    retries: Vec<Timestamp>,
}

fn system_time(seconds: i64, nanos: u32) -> SystemTime {
    SystemTime::try_from(Timestamp { seconds, nanos }).unwrap()
}

proptest! {
    #[test]
    fn times_are_written_as_the_standard_messages_and_round_trip(
        seconds in -1_000_000_000_000i64..1_000_000_000_000,
        nanos in 0u32..1_000_000_000,
        took in any::<u64>().prop_map(|n| n >> 4),
        retries in prop::collection::vec((-1_000_000i64..1_000_000, 0u32..1_000_000_000), 0..3),
    ) {
        let event = Event {
            at: system_time(seconds, nanos),
            took: time::Duration::from_nanos(took),
            retries: retries.iter().map(|&(s, n)| system_time(s, n)).collect(),
        };
        let twin = EventTwin {
            at: Timestamp { seconds, nanos },
            took: Duration { seconds: (took / 1_000_000_000) as i64, nanos: (took % 1_000_000_000) as u32 },
            retries: retries.iter().map(|&(seconds, nanos)| Timestamp { seconds, nanos }).collect(),
        };
        let bytes = event.encode_to_vec();
        prop_assert_eq!(&bytes, &twin.encode_to_vec());
        prop_assert_eq!(bytes.len(), event.encoded_len());
        prop_assert_eq!(&Event::decode(&bytes).unwrap(), &event);
        prop_assert_eq!(&Event::decode_with(&bytes, &DecodeOptions::canonical()).unwrap(), &event);
        let view = Event::view(&bytes).unwrap();
        prop_assert_eq!((view.at(), view.took()), (event.at, event.took));
        prop_assert_eq!(view.retries().iter().collect::<Vec<_>>(), event.retries.clone());
    }
}

#[test]
fn a_time_before_the_epoch_counts_nanos_toward_the_future() {
    let before = UNIX_EPOCH - time::Duration::from_millis(1500);
    assert_eq!(Timestamp::from(before), Timestamp { seconds: -2, nanos: 500_000_000 });
    assert_eq!(SystemTime::try_from(Timestamp { seconds: -2, nanos: 500_000_000 }), Ok(before));
    assert_eq!(
        Timestamp::from(UNIX_EPOCH - time::Duration::from_secs(3)),
        Timestamp { seconds: -3, nanos: 0 }
    );
}

#[test]
fn exact_bytes() {
    let event = Event {
        at: UNIX_EPOCH + time::Duration::new(300, 0),
        took: time::Duration::new(0, 5),
        retries: Vec::new(),
    };
    assert_eq!(
        event.encode_to_vec(),
        [
            0x0a, 0x03, 0x0e, 0xd8, 0x04, // field 1, a Timestamp: seconds 300 (ZigZag 600)
            0x12, 0x02, 0x10, 0x05, // field 2, a Duration: nanos 5
        ]
    );
    let epoch = Event { at: UNIX_EPOCH, took: time::Duration::ZERO, retries: Vec::new() };
    assert!(epoch.encode_to_vec().is_empty(), "the epoch and zero are the defaults");
}

#[test]
fn nanos_of_a_second_or_more_are_out_of_range_at_the_field() {
    let bytes = EventTwin { took: Duration { seconds: 1, nanos: 1_000_000_000 }, ..EventTwin::default() }
        .encode_to_vec();
    for err in [Event::decode(&bytes).unwrap_err(), Event::view(&bytes).unwrap_err()] {
        assert_eq!(err.kind(), &DecodeErrorKind::IntegerOutOfRange { value: 1_000_000_000, target: "nanos" });
        assert_eq!(err.offset(), 1, "the Duration's value starts after its tag");
    }
    let late = EventTwin { at: Timestamp { seconds: 0, nanos: u32::MAX }, ..EventTwin::default() };
    let err = Event::decode(&late.encode_to_vec()).unwrap_err();
    assert_eq!(err.kind(), &DecodeErrorKind::IntegerOutOfRange { value: u32::MAX.into(), target: "nanos" });
}

#[test]
fn a_negative_duration_is_out_of_range_for_std_duration() {
    let bytes =
        EventTwin { took: Duration { seconds: -1, nanos: 0 }, ..EventTwin::default() }.encode_to_vec();
    let err = Event::decode(&bytes).unwrap_err();
    assert_eq!(err.kind(), &DecodeErrorKind::IntegerOutOfRange { value: -1, target: "std::time::Duration" });
    let e = time::Duration::try_from(Duration { seconds: -1, nanos: 0 }).unwrap_err();
    assert_eq!((e.what(), e.value()), ("std::time::Duration", -1));
    assert_eq!(e.to_string(), "-1 out of range for std::time::Duration");
}

#[derive(Cramberry, Clone, Debug, PartialEq)]
struct Settings {
    #[cram(1)]
    limit: Option<cramberry::std_types::Int64Value>,
    #[cram(2)]
    payload: cramberry::std_types::Any,
    #[cram(3)]
    marker: Option<cramberry::std_types::Empty>,
}

#[test]
fn a_wrapper_tells_absent_from_default_and_any_keeps_its_bytes() {
    use cramberry::std_types::{Any, Empty, Int64Value};
    let inner =
        Event { at: UNIX_EPOCH, took: time::Duration::from_secs(1), retries: Vec::new() }.encode_to_vec();
    let set = Settings {
        limit: Some(Int64Value { value: 0 }),
        payload: Any { type_id: 200, value: inner.clone() },
        marker: Some(Empty {}),
    };
    let bytes = set.encode_to_vec();
    assert_eq!(&bytes[..2], [0x0a, 0x00], "Some(0) is written, as an empty message");
    assert_eq!(*bytes.last().unwrap(), 0x00, "Some(Empty) is written too");
    let back = Settings::decode(&bytes).unwrap();
    assert_eq!(back, set);
    assert_eq!(Event::decode(&back.payload.value).unwrap().took, time::Duration::from_secs(1));
    let unset = Settings { limit: None, payload: Any::default(), marker: None };
    assert!(unset.encode_to_vec().is_empty());
    assert_eq!(Settings::view(&bytes).unwrap().payload().value(), &inner[..]);
}
