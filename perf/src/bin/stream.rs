//! The stream bench: 1 million SmallMessages written to and read from a length-delimited stream, Cramberry
//! (`StreamWriter` / `StreamReader`, views and owned decoding) against prost (`encode_length_delimited` /
//! `decode_length_delimited`), side by side in one run, with allocations per message from a counting allocator.
//!
//! `cargo run --release -p cramberry-perf --bin stream [-- COUNT]`

use cramberry::stream::container::{Compression, ContainerReader, WriterOptions};
use cramberry::stream::{StreamReader, StreamWriter};
use cramberry_perf::counting::{allocations, Counting};
use cramberry_perf::datasets::seed::{pb, types::SmallMessage, types::SmallMessageView};
use prost::Message as _;
use std::hint::black_box;
use std::time::Instant;

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Seconds and allocations taken by `f`, best of three runs (each run's allocations are the same).
fn measure<T>(mut f: impl FnMut() -> T) -> (f64, usize, T) {
    let mut best = (f64::INFINITY, 0, None);
    for _ in 0..3 {
        let a0 = allocations();
        let start = Instant::now();
        let out = f();
        let secs = start.elapsed().as_secs_f64();
        let allocations = allocations() - a0;
        if secs < best.0 {
            best = (secs, allocations, Some(out));
        }
    }
    (best.0, best.1, best.2.expect("three runs"))
}

fn main() {
    let count: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1_000_000);
    let ours: Vec<SmallMessage> = (0..count)
        .map(|i| SmallMessage {
            id: (i as i64) * 7919,
            name: format!("alpha-{}", i % 1000),
            active: i % 2 == 0,
        })
        .collect();
    let theirs: Vec<pb::SmallMessage> = ours.iter().map(pb::SmallMessage::from).collect();

    let (write, write_allocs, bytes) = measure(|| {
        let mut w = StreamWriter::new(Vec::with_capacity(count * 24));
        for m in &ours {
            w.write(m).expect("a Vec does not fail");
        }
        w.into_inner().expect("a Vec does not fail")
    });
    let (append, append_allocs, appended) = measure(|| {
        let mut out = Vec::with_capacity(count * 24);
        for m in &ours {
            cramberry::Message::encode_length_delimited_into(m, &mut out);
        }
        out
    });
    assert_eq!(appended, bytes);
    let (prost_write, prost_write_allocs, prost_bytes) = measure(|| {
        let mut out = Vec::with_capacity(count * 24);
        for m in &theirs {
            m.encode_length_delimited(&mut out).expect("room");
        }
        out
    });

    let (view, view_allocs, sum) = measure(|| {
        let mut reader = StreamReader::new(&bytes[..]);
        let mut sum = 0u64;
        while let Some(m) = reader.next_view::<SmallMessage>() {
            let m: SmallMessageView<'_> = m.expect("valid");
            sum = sum.wrapping_add(m.id() as u64 + m.name().len() as u64 + u64::from(m.active()));
        }
        sum
    });
    let (owned, owned_allocs, _) = measure(|| {
        let mut reader = StreamReader::new(&bytes[..]);
        let mut n = 0usize;
        while let Some(m) = reader.next_message::<SmallMessage>() {
            black_box(m.expect("valid"));
            n += 1;
        }
        n
    });
    let (frames, frames_allocs, frames_sum) = measure(|| {
        let mut sum = 0u64;
        for m in SmallMessage::frames(&bytes) {
            let m = m.expect("valid");
            sum = sum.wrapping_add(m.id() as u64 + m.name().len() as u64 + u64::from(m.active()));
        }
        sum
    });
    assert_eq!(sum, frames_sum);
    let (prost_read, prost_read_allocs, prost_sum) = measure(|| {
        let mut rest = &prost_bytes[..];
        let mut sum = 0u64;
        while !rest.is_empty() {
            let m = pb::SmallMessage::decode_length_delimited(&mut rest).expect("valid");
            sum = sum.wrapping_add(m.id as u64 + m.name.len() as u64 + u64::from(m.active));
        }
        sum
    });
    assert_eq!(sum, prost_sum, "every path reads the same values");

    let per = |secs: f64| count as f64 / secs / 1e6;
    let allocs = |a: usize| a as f64 / count as f64;
    println!("{count} SmallMessages: {} bytes of stream (prost: {})\n", bytes.len(), prost_bytes.len());
    println!("{:<44} {:>12} {:>14} {:>10}", "", "M msg/s", "allocs / msg", "vs prost");
    let row = |label: &str, secs: f64, a: usize, prost_secs: f64| {
        println!("{label:<44} {:>12.1} {:>14.3} {:>9.2}x", per(secs), allocs(a), prost_secs / secs);
    };
    row("write: StreamWriter", write, write_allocs, prost_write);
    row("write: encode_length_delimited_into (Vec)", append, append_allocs, prost_write);
    row("write: prost encode_length_delimited", prost_write, prost_write_allocs, prost_write);
    row("read: StreamReader::next_view", view, view_allocs, prost_read);
    row("read: frames (views of a buffer)", frames, frames_allocs, prost_read);
    row("read: StreamReader::next_message (owned)", owned, owned_allocs, prost_read);
    row("read: prost decode_length_delimited", prost_read, prost_read_allocs, prost_read);
    container_rows(&ours, sum, prost_write, prost_read);
}

/// The stream container: one frame per message (plain and checksummed), and the messages as the elements of
/// one chunked message (64 KiB chunks) with each codec: write, then read every view back.
fn container_rows(ours: &[SmallMessage], sum: u64, prost_write: f64, prost_read: f64) {
    let count = ours.len() as f64;
    println!(
        "\nstream container ({} messages){:>21} {:>14} {:>10} {:>12}",
        ours.len(),
        "M msg/s",
        "allocs / msg",
        "vs prost",
        "file bytes"
    );
    let report = |label: &str, (secs, allocs): (f64, usize), prost: f64, bytes: usize| {
        println!(
            "{label:<44} {:>12.1} {:>14.3} {:>9.2}x {bytes:>12}",
            count / secs / 1e6,
            allocs as f64 / count,
            prost / secs
        );
    };
    let read_sum = |m: SmallMessageView<'_>| m.id() as u64 + m.name().len() as u64 + u64::from(m.active());
    for (label, checksums) in [("messages", false), ("messages + crc32c", true)] {
        let (w, wa, file) = measure(|| {
            let mut w =
                WriterOptions::new().checksums(checksums).open(Vec::with_capacity(ours.len() * 24)).unwrap();
            for m in ours {
                w.write(m).unwrap();
            }
            w.finish().unwrap()
        });
        let (r, ra, got) = measure(|| {
            let mut reader = ContainerReader::open(&file[..]).unwrap();
            let mut got = 0u64;
            while let Some(m) = reader.next_view::<SmallMessage>() {
                got = got.wrapping_add(read_sum(m.unwrap()));
            }
            got
        });
        assert_eq!(got, sum);
        report(&format!("write: {label}"), (w, wa), prost_write, file.len());
        report(&format!("read: {label}, next_view"), (r, ra), prost_read, file.len());
    }
    let codecs = [
        ("chunked", Compression::None),
        ("chunked + zstd(1)", Compression::Zstd(1)),
        ("chunked + lz4", Compression::Lz4),
        ("chunked + snappy", Compression::Snappy),
    ];
    for (label, compression) in codecs {
        let (w, wa, file) = measure(|| {
            let mut w = WriterOptions::new()
                .compression(compression)
                .open(Vec::with_capacity(ours.len() * 24))
                .unwrap();
            let mut batch = w.begin_chunked(&SmallMessage::default()).unwrap();
            for m in ours {
                batch.push(15, m).unwrap();
            }
            batch.finish().unwrap();
            w.finish().unwrap()
        });
        let (r, ra, got) = measure(|| {
            let mut reader = ContainerReader::open(&file[..]).unwrap();
            let mut got = 0u64;
            while let Some(m) = reader.next_element::<SmallMessage>(15) {
                got = got.wrapping_add(read_sum(m.unwrap()));
            }
            got
        });
        assert_eq!(got, sum);
        report(&format!("write: {label}"), (w, wa), prost_write, file.len());
        report(&format!("read: {label}, next_element"), (r, ra), prost_read, file.len());
    }
}
