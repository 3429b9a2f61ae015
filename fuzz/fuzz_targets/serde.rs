//! The serde bridge on arbitrary bytes, three ways. Its reader never panics (deep nesting, huge lengths, bad
//! UTF-8, types that nest themselves without a message in between are typed errors); whatever it accepts
//! writes back to bytes that read to the same value, and those bytes are the derive's for the same fields (the
//! derived twin reads them and writes them again unchanged). A struct using every serde attribute the bridge
//! honours reads and re-writes stably. And values of every field kind and std type, built from the input,
//! give the derive's bytes through serde, byte for byte.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use cramberry::{Cramberry, Message};
use libfuzzer_sys::fuzz_target;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

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

/// A type that nests itself without a message in between: reading it must stop, not overflow the stack.
#[derive(Serialize, Deserialize, Debug)]
struct R(Option<Box<R>>);

#[derive(Serialize, Deserialize, Debug)]
struct Forever(Box<Forever>);

#[derive(Serialize, Deserialize, Debug)]
struct Recursive {
    r: R,
    rs: Vec<R>,
    forever: Option<Vec<Forever>>,
}

fn never(_: &u64) -> bool {
    false
}

/// Every serde attribute the bridge honours.
#[derive(Serialize, Deserialize, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
struct Attributed {
    #[serde(rename = "first")]
    a: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    maybe: Option<String>,
    #[serde(skip)]
    cache: u64,
    #[serde(default)]
    count: u32,
    #[serde(skip_serializing_if = "cramberry::serde::always", default)]
    secret: String,
    #[serde(skip_serializing_if = "never")]
    kept: u64,
    open: Open,
}

#[derive(Serialize, Deserialize, Debug, PartialEq, Default)]
struct Open {
    #[serde(alias = "old_name")]
    name: String,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    tags: Vec<String>,
}

/// Every field kind and std type the first twin lacks, as the derive...
#[derive(Cramberry, Debug, PartialEq)]
struct KindsC {
    #[cram(1)]
    tiny: i8,
    #[cram(2)]
    short: i16,
    #[cram(3)]
    word: u16,
    #[cram(4)]
    signed_wide: i128,
    #[cram(5)]
    wide: u128,
    #[cram(6)]
    reals: Vec<f64>,
    #[cram(7)]
    floats: Vec<f32>,
    #[cram(8)]
    longs: Vec<i64>,
    #[cram(9)]
    flags: Vec<bool>,
    #[cram(10)]
    letters: Vec<char>,
    #[cram(11)]
    timeout: Duration,
    #[cram(12)]
    at: SystemTime,
    #[cram(13)]
    maybe_text: Option<String>,
    #[cram(14)]
    by_id: BTreeMap<u64, String>,
    #[cram(15)]
    triple: (u8, i64, bool),
    #[cram(16)]
    maybe_list: Option<Vec<u32>>,
    #[cram(17)]
    blobs: Vec<Vec<u8>>,
    #[cram(18)]
    timeouts: Vec<Duration>,
    #[cram(19)]
    maybe_at: Option<SystemTime>,
    #[cram(20)]
    real: f32,
}

/// ... and as serde.
#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct KindsS {
    tiny: i8,
    short: i16,
    word: u16,
    signed_wide: i128,
    wide: u128,
    reals: Vec<f64>,
    floats: Vec<f32>,
    longs: Vec<i64>,
    flags: Vec<bool>,
    letters: Vec<char>,
    timeout: Duration,
    at: SystemTime,
    maybe_text: Option<String>,
    by_id: BTreeMap<u64, String>,
    triple: (u8, i64, bool),
    maybe_list: Option<Vec<u32>>,
    blobs: Vec<Vec<u8>>,
    timeouts: Vec<Duration>,
    maybe_at: Option<SystemTime>,
    real: f32,
}

/// The fields of both twins, as `arbitrary` makes them.
#[derive(Arbitrary, Debug)]
struct Kinds {
    ints: (i8, i16, u16, i128, u128),
    lists: (Vec<f64>, Vec<f32>, Vec<i64>, Vec<bool>, Vec<char>),
    timeout: (u64, u32),
    at: (u64, u32),
    maybe_text: Option<String>,
    by_id: BTreeMap<u64, String>,
    triple: (u8, i64, bool),
    maybe_list: Option<Vec<u32>>,
    blobs: Vec<Vec<u8>>,
    timeouts: Vec<(u64, u32)>,
    maybe_at: Option<(u64, u32)>,
    real: f32,
}

fn duration((secs, nanos): (u64, u32)) -> Duration {
    Duration::new(secs, nanos % 1_000_000_000)
}

fn time((secs, nanos): (u64, u32)) -> SystemTime {
    UNIX_EPOCH + duration((secs % (1 << 40), nanos))
}

fn twins(k: Kinds) -> (KindsC, KindsS) {
    let (tiny, short, word, signed_wide, wide) = k.ints;
    let (reals, floats, longs, flags, letters) = k.lists;
    let timeouts: Vec<Duration> = k.timeouts.into_iter().map(duration).collect();
    let (timeout, at, maybe_at) = (duration(k.timeout), time(k.at), k.maybe_at.map(time));
    let c = KindsC {
        tiny, short, word, signed_wide, wide, reals: reals.clone(), floats: floats.clone(), longs: longs.clone(),
        flags: flags.clone(), letters: letters.clone(), timeout, at, maybe_text: k.maybe_text.clone(),
        by_id: k.by_id.clone(), triple: k.triple, maybe_list: k.maybe_list.clone(), blobs: k.blobs.clone(),
        timeouts: timeouts.clone(), maybe_at, real: k.real,
    };
    let s = KindsS {
        tiny, short, word, signed_wide, wide, reals, floats, longs, flags, letters, timeout, at,
        maybe_text: k.maybe_text, by_id: k.by_id, triple: k.triple, maybe_list: k.maybe_list, blobs: k.blobs,
        timeouts, maybe_at, real: k.real,
    };
    (c, s)
}

fuzz_target!(|data: &[u8]| {
    if let Ok(order) = cramberry::serde::from_slice::<Order>(data) {
        let bytes = cramberry::serde::to_vec(&order).expect("a decoded value encodes");
        let again: Order = cramberry::serde::from_slice(&bytes).expect("our bytes decode");
        assert_eq!(cramberry::serde::to_vec(&again).unwrap(), bytes, "encoding is stable");
        let twin = OrderC::decode(&bytes).expect("the derived twin reads the serde bytes");
        assert_eq!(twin.encode_to_vec(), bytes, "the derived twin writes the same bytes");
    }

    let _ = std::hint::black_box(cramberry::serde::from_slice::<Recursive>(data));

    if let Ok(value) = cramberry::serde::from_slice::<Attributed>(data) {
        let bytes = cramberry::serde::to_vec(&value).expect("a decoded value encodes");
        let again: Attributed = cramberry::serde::from_slice(&bytes).expect("our bytes decode");
        assert_eq!(cramberry::serde::to_vec(&again).unwrap(), bytes, "encoding is stable");
        assert_eq!((again.a, &again.maybe, again.kept, &again.open), (value.a, &value.maybe, value.kept, &value.open));
    }

    if let Ok(kinds) = Kinds::arbitrary(&mut Unstructured::new(data)) {
        let (derived, serded) = twins(kinds);
        let bytes = derived.encode_to_vec();
        assert_eq!(cramberry::serde::to_vec(&serded).unwrap(), bytes, "serde writes the derive's bytes");
        let back: KindsS = cramberry::serde::from_slice(&bytes).expect("serde reads the derive's bytes");
        assert_eq!(cramberry::serde::to_vec(&back).unwrap(), bytes, "and writes them again");
    }
});
