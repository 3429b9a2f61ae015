//! Instruction counts (gungraun, formerly iai-callgrind) of the hot paths: stable on a noisy machine, so they
//! catch regressions. `cargo bench --bench iai` needs `gungraun-runner` 0.20.0 installed
//! (`cargo install gungraun-runner --version 0.20.0 --locked`); `perf/iai-check.sh` compares the counts
//! with `perf/baselines/iai.json`.

#![allow(missing_docs)] // the benchmark macros generate undocumented modules

use cramberry::wire::{decode_varint, encode_varint};
use cramberry::{Cramberry, Message};
use gungraun::{library_benchmark, library_benchmark_group, main};
use std::hint::black_box;

/// The seed's SmallMessage.
#[derive(Cramberry, Clone, Debug, PartialEq)]
struct SmallMessage<'a> {
    #[cram(1)]
    id: i64,
    #[cram(2)]
    name: &'a str,
    #[cram(3)]
    active: bool,
}

/// The seed's SmallMessage again, for the stream benches: a type of its own, so that the compiler's inlining
/// of `small_view_read` does not depend on the stream benches' uses.
#[derive(Cramberry, Clone, Debug, PartialEq)]
struct FramedSmall<'a> {
    #[cram(1)]
    id: i64,
    #[cram(2)]
    name: &'a str,
    #[cram(3)]
    active: bool,
}

/// Declares a log record type: `Log` for the one-record benches, `PageLog` for the page benches, so each
/// bench's record type has one use and the compiler's inlining of one bench does not depend on the other.
macro_rules! log_record {
    ($(#[$doc:meta])* $name:ident) => {
        log_record!($(#[$doc])* $name, [u8; 4]);
    };
    ($(#[$doc:meta])* $name:ident, $address:ty) => {
        $(#[$doc])*
        #[derive(Cramberry, Clone, Debug, PartialEq)]
        struct $name {
            #[cram(1)]
            address: $address,
            #[cram(2)]
            identity: String,
            #[cram(3)]
            userid: String,
            #[cram(4)]
            date: String,
            #[cram(5)]
            request: String,
            #[cram(6)]
            code: u16,
            #[cram(7)]
            size: u64,
        }
    };
}
log_record!(
    /// One record of the `log` dataset.
    Log
);
log_record!(
    /// One record of a page of the `log` dataset.
    PageLog
);

/// An IPv4 address as the runner's `log` dataset declares it: a nested message.
#[derive(Cramberry, Clone, Debug, PartialEq)]
struct Address {
    #[cram(1)]
    x0: u8,
    #[cram(2)]
    x1: u8,
    #[cram(3)]
    x2: u8,
    #[cram(4)]
    x3: u8,
}

log_record!(
    /// One record of the runner's `log` dataset (the address a nested message).
    NestedLog,
    Address
);

/// A page of the runner's `log` dataset.
#[derive(Cramberry, Clone, Debug, PartialEq)]
struct NestedLogs {
    #[cram(1)]
    logs: Vec<NestedLog>,
}

/// One contact of an `mk48` update.
#[derive(Cramberry, Clone, Debug, PartialEq)]
struct Contact {
    #[cram(1)]
    damage: u8,
    #[cram(2)]
    entity_id: u32,
    #[cram(3)]
    entity_type: Option<u32>,
    #[cram(4)]
    angle: u16,
    #[cram(5)]
    velocity: i16,
    #[cram(6)]
    reloads: Vec<bool>,
    #[cram(7)]
    turret_angles: Vec<u16>,
}

/// One `mk48` update.
#[derive(Cramberry, Clone, Debug, PartialEq)]
struct Update {
    #[cram(1)]
    contacts: Vec<Contact>,
    #[cram(2)]
    score: u32,
    #[cram(3)]
    world_radius: f32,
}

/// A page of log records, for the one-pass comparison of `view` and `view_in` when iterating.
#[derive(Cramberry, Clone, Debug, PartialEq)]
struct Logs {
    #[cram(1)]
    logs: Vec<PageLog>,
}

/// The bytes of a page of 100 records: field 1, length-delimited, once per record.
fn logs() -> Vec<u8> {
    let mut page = Vec::new();
    for i in 0..100 {
        let record = Log { size: 73_431_223 + i, ..log() }.encode_to_vec();
        let mut prefix = [0u8; 11];
        prefix[0] = 0x0a;
        let n = encode_varint(record.len() as u64, &mut prefix[1..]);
        page.extend_from_slice(&prefix[..=n]);
        page.extend_from_slice(&record);
    }
    page
}

/// 100 records of the runner's `log` shape.
fn nested_logs() -> Vec<u8> {
    let logs = (0..100u8)
        .map(|i| {
            let Log { identity, userid, date, request, code, .. } = log();
            let address = Address { x0: 10, x1: i, x2: 200 - i, x3: 255 - i };
            NestedLog { address, identity, userid, date, request, code, size: 73_431_223 + u64::from(i) }
        })
        .collect();
    NestedLogs { logs }.encode_to_vec()
}

/// The read of every record the runner's log "read" makes.
fn read_log(l: &PageLogView<'_>) -> u64 {
    u64::from(l.address()[0]) + u64::from(l.code()) + l.size()
}

fn small() -> SmallMessage<'static> {
    SmallMessage { id: 42, name: "benchmark", active: true }
}

fn log() -> Log {
    Log {
        address: [192, 168, 1, 7],
        identity: "-".into(),
        userid: "alice".into(),
        date: "12/Mar/1999:13:45:10 +0100".into(),
        request: "GET /index.html HTTP/1.1".into(),
        code: 200,
        size: 73_431_223,
    }
}

fn update() -> Update {
    Update {
        contacts: (0..30)
            .map(|i| Contact {
                damage: i as u8,
                entity_id: 1_000 + i,
                entity_type: (i % 3 != 0).then_some(i % 10),
                angle: (i * 2_000) as u16,
                velocity: i as i16 * -7,
                reloads: vec![true, false, true, true],
                turret_angles: vec![100, 20_000],
            })
            .collect(),
        score: 1_234,
        world_radius: 1_234.5,
    }
}

#[library_benchmark]
#[bench::one_byte(100)]
#[bench::two_bytes(300)]
#[bench::five_bytes(1 << 30)]
#[bench::ten_bytes(u64::MAX)]
fn varint_encode(value: u64) -> usize {
    let mut buf = [0u8; 10];
    encode_varint(black_box(value), black_box(&mut buf))
}

#[library_benchmark]
#[bench::one_byte(vec![0x64, 0, 0, 0, 0, 0, 0, 0, 0, 0])]
#[bench::two_bytes(vec![0xac, 0x02, 0, 0, 0, 0, 0, 0, 0, 0])]
#[bench::five_bytes(vec![0x80, 0x80, 0x80, 0x80, 0x04, 0, 0, 0, 0, 0])]
#[bench::ten_bytes(vec![0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])]
fn varint_decode(bytes: Vec<u8>) -> (u64, Vec<u8>) {
    (decode_varint(black_box(&bytes)).map_or(0, |(v, _)| v), bytes)
}

/// The value to encode and an output buffer with room, prepared outside the measurement; both are returned
/// so that freeing them is not measured either.
fn with_buffer<T>(value: T) -> (T, Vec<u8>) {
    (value, Vec::with_capacity(4096))
}

#[library_benchmark]
#[bench::small(with_buffer(small()))]
fn small_encode((message, mut buf): (SmallMessage<'static>, Vec<u8>)) -> (SmallMessage<'static>, Vec<u8>) {
    black_box(&message).encode_into(&mut buf);
    (message, buf)
}

#[library_benchmark]
#[bench::small(small().encode_to_vec())]
fn small_view_read(bytes: Vec<u8>) -> (u64, Vec<u8>) {
    let v = SmallMessage::view(black_box(&bytes)).unwrap();
    let read = v.id() as u64 ^ v.name().len() as u64 ^ u64::from(v.active());
    (read, bytes)
}

#[library_benchmark]
#[bench::record(with_buffer(log()))]
fn log_encode((record, mut buf): (Log, Vec<u8>)) -> (Log, Vec<u8>) {
    black_box(&record).encode_into(&mut buf);
    (record, buf)
}

#[library_benchmark]
#[bench::record(log().encode_to_vec())]
fn log_view_read(bytes: Vec<u8>) -> (u64, Vec<u8>) {
    let v = Log::view(black_box(&bytes)).unwrap();
    let read = u64::from(v.address()[0]) ^ u64::from(v.code()) ^ v.size();
    (read, bytes)
}

#[library_benchmark]
#[bench::update(with_buffer(update()))]
fn mk48_encode((update, mut buf): (Update, Vec<u8>)) -> (Update, Vec<u8>) {
    black_box(&update).encode_into(&mut buf);
    (update, buf)
}

#[library_benchmark]
#[bench::update(update().encode_to_vec())]
fn mk48_view_read(bytes: Vec<u8>) -> (u64, Vec<u8>) {
    let v = Update::view(black_box(&bytes)).unwrap();
    let read = u64::from(v.score()) ^ v.contacts().len() as u64;
    (read, bytes)
}

#[library_benchmark]
#[bench::record(log().encode_to_vec())]
fn log_lazy_read(bytes: Vec<u8>) -> (u64, Vec<u8>) {
    let v = Log::lazy(black_box(&bytes)).unwrap();
    let read = u64::from(v.address().unwrap()[0]) ^ u64::from(v.code().unwrap()) ^ v.size().unwrap();
    (read, bytes)
}

#[library_benchmark]
#[bench::update(update().encode_to_vec())]
fn mk48_lazy_read(bytes: Vec<u8>) -> (u64, Vec<u8>) {
    let v = Update::lazy(black_box(&bytes)).unwrap();
    (u64::from(v.score().unwrap()), bytes)
}

#[library_benchmark]
#[bench::hundred(logs())]
fn logs_view_iterate(bytes: Vec<u8>) -> (u64, Vec<u8>) {
    let v = Logs::view(black_box(&bytes)).unwrap();
    let read = v.logs().iter().map(|l| read_log(&l)).fold(0, u64::wrapping_add);
    (read, bytes)
}

/// The arena is created (and its first chunk allocated) outside the measurement, as a hot path reuses one.
fn with_arena(bytes: Vec<u8>) -> (Vec<u8>, bumpalo::Bump) {
    let arena = bumpalo::Bump::with_capacity(64 << 10);
    (bytes, arena)
}

#[library_benchmark]
#[bench::hundred(with_arena(logs()))]
fn logs_view_in_iterate((bytes, arena): (Vec<u8>, bumpalo::Bump)) -> (u64, Vec<u8>, bumpalo::Bump) {
    let read = {
        let v = Logs::view_in(black_box(&bytes), &arena).unwrap();
        v.logs().iter().map(|l| read_log(&l)).fold(0, u64::wrapping_add)
    };
    (read, bytes, arena)
}

#[library_benchmark]
#[bench::hundred(logs())]
fn logs_lazy_iterate(bytes: Vec<u8>) -> (u64, Vec<u8>) {
    let v = Logs::lazy(black_box(&bytes)).unwrap();
    let logs = v.logs().unwrap();
    let read = logs.iter().fold(0u64, |acc, l| {
        let l = l.unwrap();
        acc.wrapping_add(
            u64::from(l.address().unwrap()[0]) + u64::from(l.code().unwrap()) + l.size().unwrap(),
        )
    });
    (read, bytes)
}

#[library_benchmark]
#[bench::hundred(nested_logs())]
fn nested_logs_lazy_read(bytes: Vec<u8>) -> (u64, Vec<u8>) {
    let v = NestedLogs::lazy(black_box(&bytes)).unwrap();
    let logs = v.logs().unwrap();
    let read = logs.iter().fold(0u64, |acc, l| {
        let l = l.unwrap();
        let a = l.address().unwrap();
        let fields = u64::from(a.x0().unwrap()) + u64::from(a.x3().unwrap());
        acc.wrapping_add(fields + u64::from(l.code().unwrap()) + l.size().unwrap())
    });
    (read, bytes)
}

/// Every field of a record through its lazy view (strings included): the "read everything" case.
fn read_all_lazy(l: &NestedLogLazy<'_>) -> u64 {
    let a = l.address().unwrap();
    let address = [a.x0(), a.x1(), a.x2(), a.x3()].map(|x| u64::from(x.unwrap()));
    let strings = [l.identity(), l.userid(), l.date(), l.request()].map(|s| s.unwrap().len() as u64);
    address.iter().chain(&strings).sum::<u64>() + u64::from(l.code().unwrap()) + l.size().unwrap()
}

/// Every field of a record through its view.
fn read_all_view(l: &NestedLogView<'_>) -> u64 {
    let a = l.address();
    let address = [a.x0(), a.x1(), a.x2(), a.x3()].map(u64::from);
    let strings = [l.identity(), l.userid(), l.date(), l.request()].map(|s| s.len() as u64);
    address.iter().chain(&strings).sum::<u64>() + u64::from(l.code()) + l.size()
}

#[library_benchmark]
#[bench::hundred(nested_logs())]
fn nested_logs_lazy_read_all(bytes: Vec<u8>) -> (u64, Vec<u8>) {
    let v = NestedLogs::lazy(black_box(&bytes)).unwrap();
    let read = v.logs().unwrap().iter().map(|l| read_all_lazy(&l.unwrap())).fold(0, u64::wrapping_add);
    (read, bytes)
}

#[library_benchmark]
#[bench::hundred(nested_logs())]
fn nested_logs_view_read_all(bytes: Vec<u8>) -> (u64, Vec<u8>) {
    let v = NestedLogs::view(black_box(&bytes)).unwrap();
    let read = v.logs().iter().map(|l| read_all_view(&l)).fold(0, u64::wrapping_add);
    (read, bytes)
}

/// A stream of 100 SmallMessages as length-delimited frames.
fn small_frames() -> Vec<u8> {
    let mut out = Vec::new();
    for i in 0..100 {
        FramedSmall { id: i * 7919, name: "alpha-123", active: i % 2 == 0 }
            .encode_length_delimited_into(&mut out);
    }
    out
}

/// The read of every message the stream benches make.
fn read_small(m: &FramedSmallView<'_>) -> u64 {
    m.id() as u64 + m.name().len() as u64 + u64::from(m.active())
}

#[library_benchmark]
#[bench::hundred(small_frames())]
fn small_frames_iterate(bytes: Vec<u8>) -> (u64, Vec<u8>) {
    let read =
        FramedSmall::frames(black_box(&bytes)).map(|m| read_small(&m.unwrap())).fold(0, u64::wrapping_add);
    (read, bytes)
}

#[library_benchmark]
#[bench::hundred(small_frames())]
fn small_stream_next_view(bytes: Vec<u8>) -> (u64, Vec<u8>) {
    let mut reader = cramberry::stream::StreamReader::new(black_box(&bytes[..]));
    let mut read = 0u64;
    while let Some(m) = reader.next_view::<FramedSmall>() {
        read = read.wrapping_add(read_small(&m.unwrap()));
    }
    (read, bytes)
}

/// A stream container of 100 SmallMessages, one message frame each.
fn small_container() -> Vec<u8> {
    let mut writer = cramberry::stream::container::ContainerWriter::new(Vec::new()).unwrap();
    for i in 0..100 {
        writer.write(&FramedSmall { id: i * 7919, name: "alpha-123", active: i % 2 == 0 }).unwrap();
    }
    writer.finish().unwrap()
}

#[library_benchmark]
#[bench::hundred(small_container())]
fn small_container_next_view(bytes: Vec<u8>) -> (u64, Vec<u8>) {
    let mut reader = cramberry::stream::container::ContainerReader::open(black_box(&bytes[..])).unwrap();
    let mut read = 0u64;
    while let Some(m) = reader.next_view::<FramedSmall>() {
        read = read.wrapping_add(read_small(&m.unwrap()));
    }
    (read, bytes)
}

library_benchmark_group!(
    name = streams;
    benchmarks = small_frames_iterate, small_stream_next_view, small_container_next_view
);

library_benchmark_group!(name = varints; benchmarks = varint_encode, varint_decode);
/// Encoding into a warm arena (the headline path): the value, and an arena whose first chunk exists.
fn with_warm_arena<T>(value: T) -> (T, bumpalo::Bump) {
    (value, bumpalo::Bump::with_capacity(64 << 10))
}

#[library_benchmark]
#[bench::record(with_warm_arena(log()))]
fn log_encode_in((record, arena): (Log, bumpalo::Bump)) -> (Log, bumpalo::Bump) {
    black_box(black_box(&record).encode_in(&arena));
    (record, arena)
}

#[library_benchmark]
#[bench::update(with_warm_arena(update()))]
fn mk48_encode_in((update, arena): (Update, bumpalo::Bump)) -> (Update, bumpalo::Bump) {
    black_box(black_box(&update).encode_in(&arena));
    (update, arena)
}

library_benchmark_group!(
    name = messages;
    benchmarks = small_encode, small_view_read, log_encode, log_view_read, mk48_encode, mk48_view_read,
        log_lazy_read, mk48_lazy_read, logs_view_iterate, logs_view_in_iterate, logs_lazy_iterate, nested_logs_lazy_read,
        nested_logs_lazy_read_all, nested_logs_view_read_all, log_encode_in,
        mk48_encode_in
);
main!(library_benchmark_groups = varints, messages, streams);
