//! The serde bridge's reader on arbitrary bytes: it never panics (deep nesting, huge lengths, bad UTF-8 are
//! typed errors); whatever it accepts writes back to bytes that read to the same value, and those bytes are
//! the derive's for the same fields (the derived twin reads them and writes them again unchanged).
#![no_main]

use cramberry::{Cramberry, Message};
use libfuzzer_sys::fuzz_target;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Serialize, Deserialize, Cramberry, Debug, PartialEq, Clone, Default)]
struct Leg {
    #[cram(1)]
    venue: String,
    #[cram(2)]
    price: f64,
}

#[derive(Serialize, Deserialize, Debug, PartialEq, Clone)]
enum Event {
    Leg(Leg),
    Note(String),
}

#[derive(Cramberry, Debug, PartialEq, Clone)]
enum EventC {
    #[cram(type_id = 128)]
    Leg(Leg),
    #[cram(type_id = 129)]
    Note(NoteC),
}

#[derive(Cramberry, Debug, PartialEq, Clone, Default)]
struct NoteC {
    #[cram(1)]
    text: String,
}

#[derive(Serialize, Deserialize, Debug, PartialEq, Clone)]
struct Order<'a> {
    id: u64,
    delta: i32,
    symbol: &'a str,
    blob: Vec<u8>,
    quantities: Vec<u32>,
    reply_to: Option<u64>,
    legs: Vec<Leg>,
    limits: BTreeMap<String, i64>,
    event: Option<Event>,
    grid: Vec<Vec<u16>>,
    pair: (u32, char),
}

#[derive(Cramberry, Debug, PartialEq, Clone)]
struct OrderC {
    #[cram(1)]
    id: u64,
    #[cram(2)]
    delta: i32,
    #[cram(3)]
    symbol: String,
    #[cram(4)]
    blob: Vec<u8>,
    #[cram(5)]
    quantities: Vec<u32>,
    #[cram(6)]
    reply_to: Option<u64>,
    #[cram(7)]
    legs: Vec<Leg>,
    #[cram(8)]
    limits: BTreeMap<String, i64>,
    #[cram(9)]
    event: Option<EventC>,
    #[cram(10)]
    grid: Vec<Vec<u16>>,
    #[cram(11)]
    pair: (u32, char),
}

fuzz_target!(|data: &[u8]| {
    let Ok(order) = cramberry::serde::from_slice::<Order>(data) else { return };
    let bytes = cramberry::serde::to_vec(&order).expect("a decoded value encodes");
    let again: Order = cramberry::serde::from_slice(&bytes).expect("our bytes decode");
    assert_eq!(cramberry::serde::to_vec(&again).unwrap(), bytes, "encoding is stable");
    let twin = OrderC::decode(&bytes).expect("the derived twin reads the serde bytes");
    assert_eq!(twin.encode_to_vec(), bytes, "the derived twin writes the same bytes");
});
