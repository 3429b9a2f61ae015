//! View vs owned decode vs prost, on one ~10-field message with strings and a repeated sub-message.
//!
//! `cargo bench --bench views`. The ratios between lines of one run are what carry over between machines.

use cramberry::{Cramberry, Message as _};
use criterion::{criterion_group, criterion_main, Criterion};
use prost::Message as _;
use std::hint::black_box;

/// Side of an order.
#[derive(Cramberry, Clone, Copy, Debug, PartialEq)]
enum Side {
    Buy = 0,
    Sell = 1,
}

/// One fill.
#[derive(Cramberry, Clone, Debug, PartialEq)]
struct Fill {
    #[cram(1)]
    price: i64,
    #[cram(2)]
    qty: u64,
    #[cram(3)]
    venue: String,
}

/// An order with ten fields: strings, scalars, an enum, a repeated sub-message and a packed list.
#[derive(Cramberry, Clone, Debug, PartialEq)]
struct Order {
    #[cram(1)]
    id: u64,
    #[cram(2)]
    symbol: String,
    #[cram(3)]
    account: String,
    #[cram(4)]
    side: Side,
    #[cram(5)]
    price: i64,
    #[cram(6)]
    qty: u64,
    #[cram(7, fixed)]
    timestamp: u64,
    #[cram(8)]
    venue: String,
    #[cram(9)]
    fills: Vec<Fill>,
    #[cram(10)]
    levels: Vec<u32>,
}

#[derive(Clone, PartialEq, prost::Message)]
struct PFill {
    #[prost(sint64, tag = "1")]
    price: i64,
    #[prost(uint64, tag = "2")]
    qty: u64,
    #[prost(string, tag = "3")]
    venue: String,
}

#[derive(Clone, PartialEq, prost::Message)]
struct POrder {
    #[prost(uint64, tag = "1")]
    id: u64,
    #[prost(string, tag = "2")]
    symbol: String,
    #[prost(string, tag = "3")]
    account: String,
    #[prost(int32, tag = "4")]
    side: i32,
    #[prost(sint64, tag = "5")]
    price: i64,
    #[prost(uint64, tag = "6")]
    qty: u64,
    #[prost(fixed64, tag = "7")]
    timestamp: u64,
    #[prost(string, tag = "8")]
    venue: String,
    #[prost(message, repeated, tag = "9")]
    fills: Vec<PFill>,
    #[prost(uint32, repeated, tag = "10")]
    levels: Vec<u32>,
}

fn order() -> Order {
    Order {
        id: 982_451_653,
        symbol: "BTC-USD".into(),
        account: "acct-000042".into(),
        side: Side::Sell,
        price: -1_234_567,
        qty: 250,
        timestamp: 1_700_000_000_123_456_789,
        venue: "XNAS".into(),
        fills: (0..4)
            .map(|i| Fill { price: 100 + i, qty: 10 * i as u64 + 1, venue: "ARCX".into() })
            .collect(),
        levels: vec![100, 125, 150, 175, 200],
    }
}

fn to_prost(o: &Order) -> POrder {
    POrder {
        id: o.id,
        symbol: o.symbol.clone(),
        account: o.account.clone(),
        side: o.side as i32,
        price: o.price,
        qty: o.qty,
        timestamp: o.timestamp,
        venue: o.venue.clone(),
        fills: o.fills.iter().map(|f| PFill { price: f.price, qty: f.qty, venue: f.venue.clone() }).collect(),
        levels: o.levels.clone(),
    }
}

/// Touches every field of the view, iterating the sub-messages and the packed list.
fn read_all(v: &OrderView<'_>) -> u64 {
    let mut acc = v.id() ^ v.price() as u64 ^ v.qty() ^ v.timestamp() ^ v.side() as u64;
    acc ^= (v.symbol().len() + v.account().len() + v.venue().len()) as u64;
    for f in v.fills() {
        acc ^= f.price() as u64 ^ f.qty() ^ f.venue().len() as u64;
    }
    for l in v.levels() {
        acc ^= u64::from(l);
    }
    acc
}

fn views(c: &mut Criterion) {
    let order = order();
    let ours = order.encode_to_vec();
    let theirs = to_prost(&order).encode_to_vec();
    assert_eq!(Order::view(&ours).unwrap().to_message(), order);
    assert_eq!(POrder::decode(&theirs[..]).unwrap(), to_prost(&order));

    let mut group = c.benchmark_group("order_10_fields");
    group.bench_function("cramberry_view", |b| b.iter(|| Order::view(black_box(&ours)).unwrap()));
    group.bench_function("cramberry_view_read_all", |b| {
        b.iter(|| read_all(&Order::view(black_box(&ours)).unwrap()))
    });
    group.bench_function("cramberry_decode_owned", |b| b.iter(|| Order::decode(black_box(&ours)).unwrap()));
    group.bench_function("prost_decode", |b| b.iter(|| POrder::decode(black_box(&theirs[..])).unwrap()));
    group.finish();
}

criterion_group!(benches, views);
criterion_main!(benches);
