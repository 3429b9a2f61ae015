//! Criterion benches of the hot paths: varints, and encode/decode of a small and a nested message.
//!
//! `cargo bench --bench codec`. Compare ratios within one run; absolute times depend on the machine.

use cramberry::wire::{decode_varint, encode_varint};
use cramberry::{Cramberry, Message};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;

/// The seed's SmallMessage.
#[derive(Cramberry, Clone, PartialEq, Debug)]
struct SmallMessage<'a> {
    #[cram(1)]
    id: i64,
    #[cram(2)]
    name: &'a str,
    #[cram(3)]
    active: bool,
}

/// A line of an order book update.
#[derive(Cramberry, Clone, PartialEq, Debug)]
struct Level {
    #[cram(1)]
    price: i64,
    #[cram(2)]
    qty: u64,
}

/// A nested message: strings, a repeated sub-message, a packed list and an optional nested message.
#[derive(Cramberry, Clone, PartialEq, Debug)]
struct Book<'a> {
    #[cram(1)]
    symbol: &'a str,
    #[cram(2)]
    seq: u64,
    #[cram(3)]
    bids: Vec<Level>,
    #[cram(4)]
    asks: Vec<Level>,
    #[cram(5)]
    venues: Vec<u32>,
    #[cram(6)]
    best: Option<Level>,
}

fn book() -> Book<'static> {
    let levels =
        |side: i64| (0..20).map(|i| Level { price: 10_000 + side * i, qty: 100 + i as u64 * 7 }).collect();
    Book {
        symbol: "BTC-USD",
        seq: 123_456_789,
        bids: levels(-1),
        asks: levels(1),
        venues: vec![1, 2, 3, 300, 70_000],
        best: Some(Level { price: 10_000, qty: 5 }),
    }
}

fn varints(c: &mut Criterion) {
    let mut group = c.benchmark_group("varint");
    for (label, value) in [("1B", 100u64), ("2B", 300), ("5B", 1 << 30), ("10B", u64::MAX)] {
        let values = [value; 1024];
        let mut buf = vec![0u8; 10 * 1024];
        group.throughput(Throughput::Elements(1024));
        group.bench_with_input(BenchmarkId::new("encode", label), &values, |b, values| {
            b.iter(|| {
                let mut pos = 0;
                for &v in values {
                    pos += encode_varint(black_box(v), &mut buf[pos..]);
                }
                pos
            })
        });
        let len = values.iter().fold(0, |pos, &v| pos + encode_varint(v, &mut buf[pos..]));
        let encoded = &buf[..len];
        group.bench_with_input(BenchmarkId::new("decode", label), &encoded, |b, encoded| {
            b.iter(|| {
                let mut pos = 0;
                let mut sum = 0u64;
                while pos < encoded.len() {
                    let (v, n) = decode_varint(&encoded[pos..]).unwrap();
                    sum = sum.wrapping_add(v);
                    pos += n;
                }
                sum
            })
        });
    }
    group.finish();
}

fn messages(c: &mut Criterion) {
    let small = SmallMessage { id: 42, name: "benchmark", active: true };
    let book = book();
    let mut group = c.benchmark_group("message");
    let mut arena = bumpalo::Bump::new();
    let mut buf = Vec::with_capacity(4096);

    group.bench_function("small/encode_in_arena", |b| {
        b.iter(|| {
            arena.reset();
            black_box(black_box(&small).encode_in(&arena).len())
        })
    });
    group.bench_function("small/encode_into_vec", |b| {
        b.iter(|| {
            buf.clear();
            black_box(&small).encode_into(&mut buf);
            black_box(buf.len())
        })
    });
    let small_bytes = small.encode_to_vec();
    group.bench_function("small/decode", |b| {
        b.iter(|| SmallMessage::decode(black_box(&small_bytes)).unwrap())
    });

    let book_bytes = book.encode_to_vec();
    group.throughput(Throughput::Bytes(book_bytes.len() as u64));
    group.bench_function("nested/encode_in_arena", |b| {
        b.iter(|| {
            arena.reset();
            black_box(black_box(&book).encode_in(&arena).len())
        })
    });
    group.bench_function("nested/encode_into_vec", |b| {
        b.iter(|| {
            buf.clear();
            black_box(&book).encode_into(&mut buf);
            black_box(buf.len())
        })
    });
    group.bench_function("nested/decode", |b| b.iter(|| Book::decode(black_box(&book_bytes)).unwrap()));
    group.finish();
}

criterion_group!(benches, varints, messages);
criterion_main!(benches);
