//! A `#![no_std]` crate that derives Cramberry messages and encodes, decodes and views them with `core` and
//! `alloc` only, against the runtime built without its `std` feature (`cargo build -p cramberry-nostd-check`
//! builds exactly that; CI does). The test in `tests/` runs [`round_trip`] on the host.

#![no_std]

extern crate alloc;

use alloc::string::String;
use alloc::vec::Vec;
use cramberry::{Cramberry, DecodeOptions, Message};

/// A side of an order: an enumeration.
#[derive(Cramberry, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// Not given.
    #[cram(0)]
    Unspecified,
    /// Buying.
    #[cram(1)]
    Buy,
    /// Selling.
    #[cram(2)]
    Sell,
}

/// A price level: a nested message.
#[derive(Cramberry, Clone, Debug, PartialEq)]
pub struct Level {
    /// Price in ticks.
    #[cram(1)]
    pub price: i64,
    /// Quantity.
    #[cram(2)]
    pub qty: u32,
}

/// An order with every kind of field the hot paths use.
#[derive(Cramberry, Clone, Debug, PartialEq)]
pub struct Order {
    /// Order id.
    #[cram(1)]
    pub id: u64,
    /// Instrument.
    #[cram(2)]
    pub symbol: String,
    /// Side.
    #[cram(3)]
    pub side: Side,
    /// Price levels.
    #[cram(4)]
    pub levels: Vec<Level>,
    /// Packed fixed-width values.
    #[cram(5, fixed)]
    pub checksums: Vec<u32>,
    /// Raw bytes.
    #[cram(6)]
    pub memo: Vec<u8>,
    /// An optional nested message.
    #[cram(7)]
    pub best: Option<Level>,
}

/// The order [`round_trip`] encodes.
pub fn sample() -> Order {
    Order {
        id: 150,
        symbol: String::from("BTC-USD"),
        side: Side::Sell,
        levels: alloc::vec![Level { price: -3, qty: 7 }, Level { price: 1_000, qty: 1 }],
        checksums: alloc::vec![1, 0xdead_beef],
        memo: alloc::vec![0, 1, 2],
        best: Some(Level { price: 5, qty: 2 }),
    }
}

/// What went wrong in [`round_trip`].
#[derive(Debug, PartialEq, Eq)]
pub enum Failure {
    /// Decoding the encoded bytes failed.
    Decode,
    /// The decoded order differs from the encoded one.
    Decoded,
    /// Viewing the encoded bytes failed.
    View,
    /// A view accessor gave a different value.
    Viewed,
    /// The arena encoding differs from the `Vec` encoding.
    Arena,
}

/// Encodes [`sample`] into a `Vec` and an arena, decodes it (canonical mode) and views it; returns the bytes.
pub fn round_trip() -> Result<Vec<u8>, Failure> {
    let order = sample();
    let bytes = order.encode_to_vec();
    let arena = cramberry::bumpalo::Bump::new();
    if order.encode_in(&arena) != bytes.as_slice() {
        return Err(Failure::Arena);
    }
    let decoded = Order::decode_with(&bytes, &DecodeOptions::canonical()).map_err(|_| Failure::Decode)?;
    if decoded != order {
        return Err(Failure::Decoded);
    }
    let view = Order::view(&bytes).map_err(|_| Failure::View)?;
    let levels: Vec<i64> = view.levels().iter().map(|l| l.price()).collect();
    let same = view.id() == 150
        && view.symbol() == "BTC-USD"
        && view.side() == Side::Sell
        && levels == [-3, 1_000]
        && view.memo() == [0, 1, 2]
        && view.best().map(|b| b.qty()) == Some(2);
    if !same {
        return Err(Failure::Viewed);
    }
    Ok(bytes)
}
