//! The main job on built-in data: encode a batch of orders into an arena, view them in place (validated once,
//! no allocation), decode them, check that every path agrees, and compare the costs side by side.
//!
//! Run with `cargo run --release --example demo`.

use cramberry::{Cramberry, DecodeOptions, Message};
use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::Instant;

/// Buy or sell.
#[derive(Cramberry, Debug, Clone, Copy, PartialEq)]
enum Side {
    Buy = 0,
    Sell = 1,
}

/// One fill of an order.
#[derive(Cramberry, Debug, Clone, PartialEq)]
struct Fill<'a> {
    #[cram(1)]
    venue: &'a str,
    #[cram(2)]
    price: i64,
    #[cram(3)]
    qty: u32,
}

/// An order as a trading gateway sees it.
#[derive(Cramberry, Debug, Clone, PartialEq)]
struct Order<'a> {
    #[cram(1)]
    id: u64,
    #[cram(2)]
    symbol: &'a str,
    #[cram(3)]
    side: Side,
    #[cram(4)]
    price: i64,
    #[cram(5)]
    qty: u32,
    #[cram(6)]
    fills: Vec<Fill<'a>>,
    #[cram(7)]
    levels: Vec<u32>,
    #[cram(8)]
    tags: BTreeMap<&'a str, u32>,
    #[cram(9)]
    client_tag: Option<&'a str>,
    #[cram(10, fixed)]
    checksum: u64,
}

/// The same message with owned strings, as most serializers decode it.
#[derive(Cramberry, Debug, Clone, PartialEq)]
struct OwnedOrder {
    #[cram(1)]
    id: u64,
    #[cram(2)]
    symbol: String,
    #[cram(3)]
    side: Side,
    #[cram(4)]
    price: i64,
    #[cram(5)]
    qty: u32,
    #[cram(6)]
    fills: Vec<OwnedFill>,
    #[cram(7)]
    levels: Vec<u32>,
    #[cram(8)]
    tags: BTreeMap<String, u32>,
    #[cram(9)]
    client_tag: Option<String>,
    #[cram(10, fixed)]
    checksum: u64,
}

/// [`Fill`] with an owned venue.
#[derive(Cramberry, Debug, Clone, PartialEq)]
struct OwnedFill {
    #[cram(1)]
    venue: String,
    #[cram(2)]
    price: i64,
    #[cram(3)]
    qty: u32,
}

const SYMBOLS: [&str; 4] = ["BTC-USD", "ETH-USD", "SOL-USD", "AAPL"];
const VENUES: [&str; 3] = ["XNAS", "ARCX", "BATS"];

fn sample_orders(count: usize) -> Vec<Order<'static>> {
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    (0..count)
        .map(|i| {
            let r = next();
            Order {
                id: 1_000_000 + i as u64,
                symbol: SYMBOLS[(r % 4) as usize],
                side: if r & 16 == 0 { Side::Buy } else { Side::Sell },
                price: (r % 100_000) as i64 - 50_000,
                qty: (r >> 20) as u32 % 1000,
                fills: (0..(r % 4))
                    .map(|f| Fill {
                        venue: VENUES[f as usize % 3],
                        price: (next() % 1000) as i64,
                        qty: f as u32 + 1,
                    })
                    .collect(),
                levels: (0..(r % 6) as u32).map(|l| l * 25 + 100).collect(),
                tags: [("desk", (r % 7) as u32), ("algo", (r % 3) as u32)].into_iter().collect(),
                client_tag: (r % 2 == 0).then_some("client-42"),
                checksum: next(),
            }
        })
        .collect()
}

fn time_per_op(rounds: u32, mut f: impl FnMut()) -> f64 {
    let start = Instant::now();
    for _ in 0..rounds {
        f();
    }
    start.elapsed().as_nanos() as f64 / f64::from(rounds)
}

fn main() -> Result<(), cramberry::DecodeError> {
    let orders = sample_orders(1000);
    let mut arena = bumpalo::Bump::new();

    println!("Cramberry demo: {} orders\n", orders.len());
    let first = orders[0].encode_to_vec();
    println!("first order, {} bytes:", first.len());
    println!("  {}\n", first.iter().map(|b| format!("{b:02x}")).collect::<Vec<_>>().join(" "));

    // Encode everything into one arena, decode each borrowed and owned, and check every value.
    let encoded: Vec<&[u8]> = orders.iter().map(|o| o.encode_in(&arena)).collect();
    let total: usize = encoded.iter().map(|b| b.len()).sum();
    for (order, bytes) in orders.iter().zip(&encoded) {
        let view = Order::view(bytes)?;
        assert_eq!(view.symbol(), order.symbol, "view reads in place");
        assert_eq!(view.fills().len(), order.fills.len());
        assert_eq!(&view.to_message(), order, "view agrees with the value");
        assert_eq!(&Order::decode(bytes)?, order, "borrowed round trip");
        let owned = OwnedOrder::decode_with(bytes, &DecodeOptions::canonical())?;
        assert_eq!(owned.encode_to_vec(), *bytes, "owned round trip is canonical");
    }
    println!(
        "encoded {} orders into {} bytes ({:.1} bytes/order); all round trips equal",
        orders.len(),
        total,
        total as f64 / orders.len() as f64
    );

    // Compare the paths side by side, in one run (ratios, not absolute times, are what carry over).
    let rounds = 200;
    let encode_arena = time_per_op(rounds, || {
        arena.reset();
        for o in &orders {
            black_box(o.encode_in(&arena));
        }
    });
    let mut buf = Vec::with_capacity(total);
    let encode_vec = time_per_op(rounds, || {
        buf.clear();
        for o in &orders {
            o.encode_into(&mut buf);
        }
        black_box(&buf);
    });
    let bytes: Vec<Vec<u8>> = orders.iter().map(|o| o.encode_to_vec()).collect();
    let view_read_all = time_per_op(rounds, || {
        for b in &bytes {
            let v = Order::view(b).unwrap();
            let mut acc =
                v.id() ^ v.price() as u64 ^ u64::from(v.qty()) ^ v.checksum() ^ v.symbol().len() as u64;
            for f in v.fills() {
                acc ^= f.price() as u64 ^ f.venue().len() as u64;
            }
            acc ^= v.levels().iter().map(u64::from).sum::<u64>() ^ v.tags().len() as u64;
            black_box(acc);
        }
    });
    let decode_borrowed = time_per_op(rounds, || {
        for b in &bytes {
            black_box(Order::decode(b).unwrap());
        }
    });
    let decode_owned = time_per_op(rounds, || {
        for b in &bytes {
            black_box(OwnedOrder::decode(b).unwrap());
        }
    });
    let per = |ns: f64| ns / orders.len() as f64;
    println!("\nper order (this machine, this run):");
    println!("  encode into arena      {:8.1} ns", per(encode_arena));
    println!(
        "  encode into Vec        {:8.1} ns  ({:.2}x arena)",
        per(encode_vec),
        encode_vec / encode_arena
    );
    println!("  view + read all fields {:8.1} ns", per(view_read_all));
    println!(
        "  decode borrowed        {:8.1} ns  ({:.2}x view)",
        per(decode_borrowed),
        decode_borrowed / view_read_all
    );
    println!(
        "  decode owned           {:8.1} ns  ({:.2}x view)",
        per(decode_owned),
        decode_owned / view_read_all
    );
    println!("\nperf/ compares these paths with prost, buffa, bilrost, postcard, bitcode, rkyv, capnp and flatbuffers:\n  cargo run --release -p cramberry-perf -- --quick");
    Ok(())
}
