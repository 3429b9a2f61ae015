//! The stream container reader on arbitrary bytes (every read path: frames, views, owned messages, chunked
//! elements), and writer → reader round trips with every codec and checksums: no panic, memory bounded by the
//! frame limit, and what was written reads back unchanged. With no frame limit at all, the reader's peak
//! memory (a counting allocator) stays in proportion to the input: about twice the bytes received, plus a
//! decompressed payload of at most the codec's largest ratio (lz4 255:1, snappy 22:1). zstd frames, whose
//! buffer grows only with what really decompresses, are left to the frame limit.
#![no_main]

use cramberry::wire::decode_varint;
use cramberry::stream::container::{Compression, ContainerReader, ReaderOptions, WriterOptions};
use cramberry::Cramberry;
use cramberry_fuzz::{peak_during, PeakAlloc};
use libfuzzer_sys::fuzz_target;

#[global_allocator]
static ALLOC: PeakAlloc = PeakAlloc;

#[derive(Cramberry, Debug, Clone, PartialEq)]
struct Record<'a> {
    #[cram(1)]
    seq: u64,
    #[cram(2)]
    text: &'a str,
}

#[derive(Cramberry, Debug, Clone, PartialEq)]
struct Owned {
    #[cram(1)]
    seq: u64,
    #[cram(2)]
    text: String,
}

const LIMIT: usize = 1 << 20;

fn read(bytes: &[u8], mode: u8) {
    read_with(bytes, mode, LIMIT);
    let (_, peak) = peak_during(|| read_with(bytes, mode, usize::MAX));
    let ratio = match flags(bytes) {
        Some(flags) if flags & 0b0010 != 0 => return, // zstd: bounded by what decompresses
        Some(flags) if flags & 0b1100 != 0 => 256,    // lz4 or snappy
        _ => 0,
    };
    let bound = (4 + ratio) * bytes.len() + (64 << 10);
    assert!(peak <= bound, "{peak} bytes allocated for {} bytes of input", bytes.len());
}

/// The flags of the preamble (after the magic and the version), when they are there.
fn flags(bytes: &[u8]) -> Option<u64> {
    let (_, n) = decode_varint(bytes.get(8..)?).ok()?;
    Some(decode_varint(bytes.get(8 + n..)?).ok()?.0)
}

/// Reads `bytes` with frame limit `limit`.
fn read_with(bytes: &[u8], mode: u8, limit: usize) {
    let Ok(mut reader) = ReaderOptions::new().max_frame_len(limit).open(bytes) else { return };
    let _ = reader.header().len();
    for _ in 0..10_000 {
        let more = match mode % 4 {
            0 => reader.next_frame().map(|f| f.map(|f| f.payload.len())).is_some(),
            1 => reader.next_view::<Record>().map(|v| v.map(|v| v.text().len())).is_some(),
            2 => reader.next_message::<Owned>().is_some(),
            _ => reader.next_element::<Record>(2).is_some() || reader.next_frame().is_some(),
        };
        if !more {
            break;
        }
    }
    let _ = reader.trailers();
}

fn round_trip(data: &[u8]) {
    let Some((&choice, rest)) = data.split_first() else { return };
    let compression = match choice % 4 {
        0 => Compression::None,
        1 => Compression::Zstd(i32::from(choice >> 4) - 3),
        2 => Compression::Lz4,
        _ => Compression::Snappy,
    };
    let texts: Vec<&str> = rest.split(|&b| b == 0).filter_map(|t| std::str::from_utf8(t).ok()).collect();
    let mut writer = WriterOptions::new()
        .compression(compression)
        .compress_above(usize::from(choice >> 2) % 64)
        .checksums(choice & 0x80 != 0)
        .chunk_len(usize::from(choice) + 1)
        .open(Vec::new())
        .unwrap();
    for (seq, text) in texts.iter().enumerate() {
        writer.write(&Record { seq: seq as u64, text }).unwrap();
    }
    {
        let mut chunked = writer.begin_chunked(&Record { seq: 7, text: "" }).unwrap();
        for (seq, text) in texts.iter().enumerate() {
            chunked.push(2, &Record { seq: seq as u64, text }).unwrap();
        }
        chunked.finish().unwrap();
    }
    let file = writer.finish().unwrap();
    let mut reader = ContainerReader::open(&file[..]).unwrap();
    for (seq, text) in texts.iter().enumerate() {
        let view = reader.next_view::<Record>().unwrap().unwrap();
        assert_eq!((view.seq(), view.text()), (seq as u64, *text));
    }
    for (seq, text) in texts.iter().enumerate() {
        let view = reader.next_element::<Record>(2).unwrap().unwrap();
        assert_eq!((view.seq(), view.text()), (seq as u64, *text));
    }
    assert!(reader.next_element::<Record>(2).is_none());
    assert!(reader.next_frame().is_none());
    assert!(reader.trailers().is_some());
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    if mode >= 0xf0 {
        round_trip(rest);
    } else {
        read(rest, mode);
    }
});
