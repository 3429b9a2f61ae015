//! The field types beyond the core (usize/isize, char, u128/i128, Box/Arc of str and bytes, newtypes,
//! tuples, the standard time types, and the uuid, chrono, time and rust_decimal features): decode and view
//! arbitrary bytes under default and canonical options. Both must give the same verdict (error kind and
//! offset), agree on the value, and a decoded value must re-encode to bytes that decode to the same value
//! (and, canonically decoded, to the input itself).
#![no_main]

use cramberry::{Cramberry, DecodeOptions, Message};
use libfuzzer_sys::fuzz_target;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

#[derive(Cramberry, Debug, PartialEq, Clone, Copy)]
struct OrderId(u64);

#[derive(Cramberry, Debug, PartialEq, Clone)]
struct Everything {
    #[cram(1)]
    index: usize,
    #[cram(2)]
    delta: isize,
    #[cram(3)]
    letter: char,
    #[cram(4)]
    letters: Vec<char>,
    #[cram(5)]
    wide: u128,
    #[cram(6)]
    signed_wide: Vec<i128>,
    #[cram(7)]
    name: Box<str>,
    #[cram(8)]
    blob: Arc<[u8]>,
    #[cram(9)]
    id: OrderId,
    #[cram(10)]
    ids: Vec<OrderId>,
    #[cram(11)]
    pair: (u32, String),
    #[cram(12)]
    nested: Option<((i64, char), bool)>,
    #[cram(13)]
    at: SystemTime,
    #[cram(14)]
    took: Option<Duration>,
    #[cram(15)]
    uuid: uuid::Uuid,
    #[cram(16)]
    utc: chrono::DateTime<chrono::Utc>,
    #[cram(17)]
    offset: time::OffsetDateTime,
    #[cram(18)]
    price: rust_decimal::Decimal,
}

fuzz_target!(|data: &[u8]| {
    for options in [DecodeOptions::default(), DecodeOptions::canonical()] {
        let decoded = Everything::decode_with(data, &options);
        match (Everything::view_with(data, &options), &decoded) {
            (Ok(view), Ok(value)) => assert_eq!(&view.to_message(), value, "view and decode agree"),
            (Err(v), Err(d)) => assert_eq!((v.kind(), v.offset()), (d.kind(), d.offset())),
            (v, d) => panic!("view {:?} but decode {:?}", v.map(drop), d.as_ref().map(drop)),
        }
        if let Ok(value) = decoded {
            let bytes = value.encode_to_vec();
            assert_eq!(bytes.len(), value.encoded_len());
            let again = Everything::decode_with(&bytes, &DecodeOptions::canonical()).expect("our bytes are canonical");
            assert_eq!(again, value, "re-encoded bytes decode to the same value");
            if options == DecodeOptions::canonical() {
                assert_eq!(bytes, data, "canonical input re-encodes to itself");
            }
        }
    }
});
