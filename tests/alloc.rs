//! Allocation counts with a counting global allocator: arena encoding allocates nothing once the arena is
//! warm, borrowed encoding into a slice allocates nothing, and decoding allocates no more than the input
//! justifies.

mod common;

use common::*;
use cramberry::{Cramberry, DecodeOptions, Message};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
    static BYTES: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: every method forwards to `System` with the caller's arguments unchanged, so `System`'s guarantees
// hold; the counters are const-initialised thread-locals, which never allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|c| c.set(c.get() + 1));
        BYTES.with(|c| c.set(c.get() + layout.size()));
        // SAFETY: forwarded from our caller, who upholds `GlobalAlloc::alloc`'s contract.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `System` through this allocator with `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|c| c.set(c.get() + 1));
        BYTES.with(|c| c.set(c.get() + new_size));
        // SAFETY: forwarded from our caller, who upholds `GlobalAlloc::realloc`'s contract.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations and bytes allocated on this thread while `f` runs.
fn count<T>(f: impl FnOnce() -> T) -> (T, usize, usize) {
    let (a0, b0) = (ALLOCATIONS.with(Cell::get), BYTES.with(Cell::get));
    let out = f();
    (out, ALLOCATIONS.with(Cell::get) - a0, BYTES.with(Cell::get) - b0)
}

fn samples() -> Vec<AllKinds> {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    (0..32)
        .map(|_| {
            proptest::strategy::ValueTree::current(
                &proptest::strategy::Strategy::new_tree(&all_kinds(), &mut runner).unwrap(),
            )
        })
        .collect()
}

#[test]
fn encoding_into_a_warm_arena_allocates_nothing() {
    let values = samples();
    let mut arena = bumpalo::Bump::new();
    for v in &values {
        v.encode_in(&arena); // warm up: the arena grows to fit the largest message
        arena.reset();
    }
    for v in &values {
        let (len, allocations, _) = count(|| v.encode_in(&arena).len());
        assert_eq!(allocations, 0, "encode_in allocated for a {len}-byte message");
        arena.reset();
    }
}

#[derive(Cramberry)]
struct Quote<'a> {
    #[cram(1)]
    symbol: &'a str,
    #[cram(2)]
    levels: &'a [u64],
    #[cram(3)]
    venues: &'a [&'a str],
    #[cram(4)]
    raw: &'a [u8],
}

#[test]
fn encoding_borrowed_structs_into_a_slice_allocates_nothing() {
    let venues = ["XNAS", "ARCX"];
    let quote = Quote { symbol: "BTC-USD", levels: &[1, 2, 300], venues: &venues, raw: b"abc" };
    let mut buf = [0u8; 64];
    let (written, allocations, _) = count(|| quote.encode_to_slice(&mut buf).unwrap());
    assert_eq!(allocations, 0);
    assert_eq!(written, quote.encoded_len());
}

#[test]
fn encode_to_vec_allocates_once() {
    for v in samples() {
        let (_, allocations, _) = count(|| v.encode_to_vec());
        assert_eq!(allocations, 1);
    }
}

#[test]
fn decoding_borrowed_strings_allocates_nothing() {
    #[derive(Cramberry, Debug)]
    struct Small<'a> {
        #[cram(1)]
        id: i64,
        #[cram(2)]
        name: &'a str,
        #[cram(3)]
        raw: &'a [u8],
    }
    let bytes = Small { id: -7, name: "hello", raw: b"z" }.encode_to_vec();
    let (small, allocations, _) = count(|| Small::decode(&bytes).unwrap());
    assert_eq!((small.id, small.name, small.raw), (-7, "hello", &b"z"[..]));
    assert_eq!(allocations, 0);
}

#[test]
fn hostile_inputs_never_allocate_more_than_a_small_multiple_of_their_length() {
    let mut seed = 0xdead_beef_cafe_f00du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let valid: Vec<Vec<u8>> = samples().iter().map(Message::encode_to_vec).collect();
    for round in 0..2000 {
        let mut bytes = valid[round % valid.len()].clone();
        for _ in 0..(next() % 4 + 1) {
            if bytes.is_empty() {
                break;
            }
            let at = (next() as usize) % bytes.len();
            bytes[at] = next() as u8;
        }
        for options in [DecodeOptions::default(), DecodeOptions::secure()] {
            let (_, _, allocated) = count(|| AllKinds::decode_with(&bytes, &options).map(drop));
            // Each input byte becomes at most one element of at most 64 bytes (an Inner), plus fixed overhead.
            assert!(
                allocated <= 64 * bytes.len() + 4096,
                "{allocated} bytes for a {}-byte input",
                bytes.len()
            );
            // A view that accepts corrupted bytes allocates nothing, validating or reading every field.
            let (viewed, allocations, _) =
                count(|| AllKinds::view_with(&bytes, &options).map(|v| read_all(&v)));
            if viewed.is_ok() {
                assert_eq!(allocations, 0, "view of a corrupted input allocated");
            }
        }
    }
}

#[derive(Cramberry, Debug, Clone, PartialEq)]
struct Level5 {
    #[cram(1)]
    leaf: Inner,
    #[cram(2)]
    names: Vec<String>,
}

#[derive(Cramberry, Debug, Clone, PartialEq)]
struct Level4 {
    #[cram(1)]
    next: Level5,
    #[cram(2)]
    kinds: Option<AllKinds>,
}

#[derive(Cramberry, Debug, Clone, PartialEq)]
struct Level3 {
    #[cram(1)]
    next: Vec<Level4>,
}

#[derive(Cramberry, Debug, Clone, PartialEq)]
struct Level2 {
    #[cram(1)]
    next: Box<Level3>,
}

#[derive(Cramberry, Debug, Clone, PartialEq)]
struct Level1 {
    #[cram(1)]
    next: Option<Level2>,
    #[cram(2)]
    by_name: std::collections::BTreeMap<String, Level5>,
}

#[test]
fn views_allocate_nothing_validating_accessing_or_iterating() {
    let values = samples();
    let nested = Level1 {
        next: Some(Level2 {
            next: Box::new(Level3 {
                next: values
                    .iter()
                    .take(3)
                    .map(|k| Level4 {
                        next: Level5 { leaf: k.inner.clone(), names: k.texts.clone() },
                        kinds: Some(k.clone()),
                    })
                    .collect(),
            }),
        }),
        by_name: [("x".to_string(), Level5 { leaf: values[0].inner.clone(), names: vec!["n".into()] })]
            .into(),
    };
    let nested_bytes = nested.encode_to_vec();
    let (total, allocations, _) = count(|| {
        let v = Level1::view(&nested_bytes).unwrap();
        let mut total = 0u64;
        let l3 = v.next().unwrap().next().get();
        for l4 in l3.next().iter() {
            total ^= l4.next().leaf().value() as u64 ^ l4.next().names().iter().count() as u64;
            total ^= l4.kinds().map_or(0, |k| read_all(&k));
        }
        for (k, l5) in v.by_name().iter() {
            total ^= k.len() as u64 ^ l5.leaf().name().len() as u64;
        }
        total
    });
    assert_eq!(allocations, 0, "5-deep view, accessors and iteration allocated");
    assert_ne!(total, 0);

    for value in &values {
        let bytes = value.encode_to_vec();
        let (_, allocations, _) = count(|| {
            let v = AllKinds::view_with(&bytes, &DecodeOptions::canonical()).unwrap();
            read_all(&v)
        });
        assert_eq!(allocations, 0);
    }
}

#[test]
fn view_in_allocates_nothing_globally_once_the_arena_is_warm() {
    let values = samples();
    let mut arena = bumpalo::Bump::new();
    for value in &values {
        let bytes = value.encode_to_vec();
        // Warm the arena with this message once, then every later view_in only reuses it.
        drop(AllKinds::view_in(&bytes, &arena).map(|v| read_all(&v)));
        arena.reset();
        let (read, allocations, _) = count(|| {
            let v = AllKinds::view_in_with(&bytes, &DecodeOptions::canonical(), &arena).unwrap();
            read_all(&v) ^ v.inners().iter().count() as u64
        });
        assert_eq!(allocations, 0, "view_in of a {}-byte message allocated", bytes.len());
        assert_eq!(read, read_all(&AllKinds::view(&bytes).unwrap()) ^ value.inners.len() as u64);
        arena.reset();
    }
}

#[cfg(feature = "std")]
#[test]
fn reading_a_stream_allocates_nothing_per_message_once_warm() {
    #[derive(Cramberry, Debug)]
    struct Record<'a> {
        #[cram(1)]
        seq: u64,
        #[cram(2)]
        text: &'a str,
        #[cram(3)]
        levels: Vec<u32>,
    }
    let mut writer = cramberry::stream::StreamWriter::new(Vec::new());
    for seq in 0..1000u64 {
        let text = "x".repeat((seq % 50) as usize);
        writer.write(&Record { seq, text: &text, levels: vec![1, 2, seq as u32] }).unwrap();
    }
    let bytes = writer.into_inner().unwrap();
    let mut reader = cramberry::stream::StreamReader::new(&bytes[..]);
    // Warm up: the buffer grows to its working size on the first frames.
    for _ in 0..10 {
        assert!(reader.next_view::<Record>().unwrap().is_ok());
    }
    let ((read, sum), allocations, _) = count(|| {
        let (mut read, mut sum) = (0u64, 0u64);
        while let Some(view) = reader.next_view::<Record>() {
            let view = view.unwrap();
            sum += view.seq() + view.text().len() as u64 + view.levels().iter().map(u64::from).sum::<u64>();
            read += 1;
        }
        (read, sum)
    });
    assert_eq!(read, 990);
    assert!(sum > 0);
    assert_eq!(allocations, 0, "990 messages read as views");
    // Writing reuses one buffer too.
    let mut writer = cramberry::stream::StreamWriter::new(Vec::with_capacity(1 << 16));
    let record = Record { seq: 1, text: "warm", levels: vec![1, 2, 3] };
    writer.write(&record).unwrap();
    let (_, allocations, _) = count(|| {
        for _ in 0..100 {
            writer.write(&record).unwrap();
        }
    });
    assert_eq!(allocations, 0);
}

#[cfg(feature = "std")]
#[test]
fn a_container_reads_a_huge_chunked_message_in_bounded_memory_allocating_nothing_per_element() {
    use cramberry::stream::container::{ContainerReader, WriterOptions};
    #[derive(Cramberry, Debug, Default)]
    struct Entry {
        #[cram(1)]
        seq: u64,
        #[cram(2)]
        text: String,
    }
    #[derive(Cramberry, Debug, Default)]
    struct Log {
        #[cram(1)]
        host: String,
        #[cram(2)]
        entries: Vec<Entry>,
    }
    const N: u64 = 200_000;
    let entry = |seq: u64| Entry { seq, text: format!("entry number {seq}") };
    // Writing: memory stays at about one chunk (4 KiB here) and the 64 KiB write buffer, plus the output.
    let mut writer = WriterOptions::new().chunk_len(4096).open(Vec::with_capacity(8 << 20)).unwrap();
    let mut log = writer.begin_chunked(&Log { host: "h".into(), entries: vec![] }).unwrap();
    log.push(2, &entry(0)).unwrap();
    let (_, _, written_bytes) = count(|| {
        for seq in 1..N {
            log.push(2, &Entry { seq, text: String::new() }).unwrap();
        }
        log.finish().unwrap();
    });
    assert!(written_bytes < 256 << 10, "writing {N} elements allocated {written_bytes} bytes");
    let file = writer.finish().unwrap();
    assert!(file.len() > 1 << 20);
    // Reading: one chunk buffered at a time, nothing allocated per element once warm.
    let mut reader = ContainerReader::open(&file[..]).unwrap();
    assert_eq!(reader.next_element::<Entry>(2).unwrap().unwrap().seq(), 0);
    let (read, allocations, bytes) = count(|| {
        let mut read = 1;
        while let Some(e) = reader.next_element::<Entry>(2) {
            assert_eq!(e.unwrap().seq(), read);
            read += 1;
        }
        read
    });
    assert_eq!(read, N);
    assert!(bytes < 256 << 10, "reading {} bytes of elements allocated {bytes} bytes", file.len());
    assert!(allocations < 10, "{allocations} allocations for {N} elements");
}
